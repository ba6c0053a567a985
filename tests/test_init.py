"""`lfjb init`: a new board that validates at once, drop-down lists, and no overwriting."""

from __future__ import annotations

import re

import pytest

from openpyxl import load_workbook
from typer.testing import CliRunner

from lfjb.cli import app
from lfjb.inputs import load_board

runner = CliRunner()


def test_init_creates_a_board_that_validates(tmp_path):
    config_dir = tmp_path / "board_config"
    result = runner.invoke(app, ["init", "north-wales", "--dfj-area", "Wrexham DFJ", "--config-dir", str(config_dir)])
    assert result.exit_code == 0, result.output
    assert "Next steps" in result.output and "lfjb validate --board north-wales" in result.output
    board = load_board(config_dir / "north-wales.yaml")
    assert board.config.dfj_area == "North Wales"  # the MoJ alias resolved
    assert board.actions == [] and len(board.extract.cases) == 0
    # Every optional key is shown (commented) in the template.
    text = (config_dir / "north-wales.yaml").read_text()
    for key in ("chair:", "members:", "targets:", "spc:", "stale_after_days:", "cost_of_delay:", "branding:", "columns:", "date_format:"):
        assert key in text


def test_action_log_has_headers_and_drop_down_lists(tmp_path):
    runner.invoke(app, ["init", "north-wales", "--dfj-area", "North Wales", "--config-dir", str(tmp_path)])
    wb = load_workbook(tmp_path / "north-wales" / "actions.xlsx")
    ws = wb["Actions"]
    assert [c.value for c in ws[1]][:7] == ["id", "title", "sub_group", "owner", "raised", "due", "status"]
    ranges = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert set(ranges) == {"C2", "G2", "I2", "J2"}  # sub_group, status, theme, drivers
    lists = wb["Lists"]
    statuses = [lists.cell(row=r, column=2).value for r in range(2, 7)]
    assert statuses == ["not_started", "in_progress", "on_hold", "complete", "closed"]


def test_init_refuses_to_overwrite(tmp_path):
    args = ["init", "north-wales", "--dfj-area", "North Wales", "--config-dir", str(tmp_path)]
    runner.invoke(app, args)
    (tmp_path / "north-wales.yaml").write_text("edited by the secretariat")
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "never overwrites" in result.output
    assert (tmp_path / "north-wales.yaml").read_text() == "edited by the secretariat"


def test_unknown_dfj_area_suggests_one(tmp_path):
    result = runner.invoke(app, ["init", "x", "--dfj-area", "Norwhich", "--config-dir", str(tmp_path)])
    assert result.exit_code == 2 and "Did you mean 'Norwich'?" in result.output
    assert not any(tmp_path.iterdir())


def test_bad_slug_is_refused(tmp_path):
    result = runner.invoke(app, ["init", "../escape", "--dfj-area", "Norwich", "--config-dir", str(tmp_path)])
    assert result.exit_code == 2 and "lowercase" in result.output


def test_init_into_a_read_only_folder_is_a_plain_message(tmp_path, monkeypatch):
    import errno

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(tmp_path / "north-wales.yaml"))

    monkeypatch.setattr("pathlib.Path.write_text", read_only)
    result = runner.invoke(app, ["init", "north-wales", "--dfj-area", "North Wales", "--config-dir", str(tmp_path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    said = " ".join(result.output.split())
    assert "north-wales.yaml could not be written: it is on a read-only disk; the board was not set up" in said
    assert not (tmp_path / "north-wales").exists() and not (tmp_path / "north-wales.yaml").exists()


def _flat(text: str) -> str:
    """CLI output with rich's line wrapping undone."""
    return " ".join(text.split())


def _new_board(tmp_path):
    config_dir = tmp_path / "board_config"
    result = runner.invoke(app, ["init", "north-wales", "--dfj-area", "North Wales", "--config-dir", str(config_dir)])
    assert result.exit_code == 0, result.output
    return config_dir


def test_validate_and_pack_agree_that_a_new_boards_empty_extract_has_nothing_to_report(tmp_path):
    # Issue 20: right after init, validate said the board passed while pack exited 2 with "has no valid cases".
    config_dir = _new_board(tmp_path)
    validate = runner.invoke(app, ["validate", "--board", "north-wales", "--config-dir", str(config_dir)])
    pack = runner.invoke(app, ["pack", "--board", "north-wales", "--month", "2025-03", "--config-dir", str(config_dir),
                               "--out", str(tmp_path / "out")])
    said = "has no cases yet (only its header row), so there is nothing to report."
    for result in (validate, pack):
        assert result.exit_code == 2, result.output
        assert _flat(result.output).count(said) == 1, result.output
        assert "passed validation" not in result.output and "no valid cases" not in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.pdf"))


def test_an_extract_whose_every_row_is_set_aside_is_a_validation_problem(tmp_path):
    config_dir = _new_board(tmp_path)
    (config_dir / "north-wales" / "extract.csv").write_text(
        "case_id,local_authority,issue_date,disposal_date,children\nA1,Wrexham,32/01/2025,,1\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--board", "north-wales", "--config-dir", str(config_dir)])
    assert result.exit_code == 2
    assert "has 1 row but no case lfjb can use" in _flat(result.output) and "row 2: the issue date" in _flat(result.output)


def test_each_thing_is_said_once_in_a_validate_run(tmp_path):
    # Issue 20: the list of expected headers was repeated for every missing column (four times).
    config_dir = _new_board(tmp_path)
    (config_dir / "north-wales" / "extract.csv").write_text(
        "Case Number,Date Issued,Authority,Disposal\nWX1,01/02/2025,Wrexham,\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--board", "north-wales", "--config-dir", str(config_dir)])
    assert result.exit_code == 2
    text = _flat(result.output)
    assert text.count("Case Number, Date Issued, Authority, Disposal") == 1, result.output
    sentences = [s for s in re.split(r"(?<=[.?])\s+(?=[A-Z•])", text) if len(s) > 20]
    assert [s for s in sentences if sentences.count(s) > 1] == []
    # Each missing column keeps its own did-you-mean, with the mapping that says it.
    assert 'Did you mean \'Authority\'? If so, map it under inputs.columns: local_authority: "Authority".' in text


def _rename_sub_group(config_dir, old: str, new: str) -> None:
    path = config_dir / "north-wales.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(f"id: {old}", f"id: {new}"), encoding="utf-8")


def _sub_group_list(path) -> tuple[list[str], str]:
    wb = load_workbook(path)
    lists = [c.value for c in wb["Lists"]["A"][1:] if c.value]
    [rule] = [dv for dv in wb["Actions"].data_validations.dataValidation if str(dv.sqref).startswith("C2")]
    return lists, rule.formula1


def test_the_action_logs_sub_group_list_follows_the_terms_of_reference_each_time_a_command_reads_it(tmp_path):
    from lfjb.workflows.pack import validate_boards

    config_dir = _new_board(tmp_path)
    log = config_dir / "north-wales" / "actions.xlsx"
    assert _sub_group_list(log) == (["pre-proceedings", "court-progression", "data-performance"], "=Lists!$A$2:$A$4")
    _rename_sub_group(config_dir, "court-progression", "court")
    path = config_dir / "north-wales.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  - id: data-performance\n    name: Data and performance\n",
        "  - id: data-performance\n    name: Data and performance\n  - id: health\n    name: Health\n"), encoding="utf-8")
    before = log.read_bytes()
    load_board(path)  # reading the log never writes it (an input module writes no file) ...
    assert log.read_bytes() == before
    validate_boards(boards=["north-wales"], config_dir=config_dir)  # ... the commands that read a board bring its lists up to date
    assert _sub_group_list(log) == (["pre-proceedings", "court", "data-performance", "health"], "=Lists!$A$2:$A$5")
    wb = load_workbook(log)
    assert wb["Lists"].sheet_state == "hidden" and wb.active.title == "Actions"
    assert len(wb["Actions"].data_validations.dataValidation) == 4  # replaced, not added to


def test_init_refresh_lists_updates_the_drop_downs_and_keeps_the_actions(tmp_path):
    config_dir = _new_board(tmp_path)
    log = config_dir / "north-wales" / "actions.xlsx"
    wb = load_workbook(log)
    wb["Actions"].append(["A1", "Agree the PLO tracker", "court-progression", "HMCTS", "01/02/2025", "01/03/2025", "in_progress"])
    wb.save(log)
    _rename_sub_group(config_dir, "court-progression", "court")
    args = ["init", "north-wales", "--refresh-lists", "--config-dir", str(config_dir)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and "Updated the drop-down lists of" in result.output, result.output
    assert _sub_group_list(log)[0] == ["pre-proceedings", "court", "data-performance"]
    assert [c.value for c in load_workbook(log)["Actions"][2]][:3] == ["A1", "Agree the PLO tracker", "court-progression"]
    again = runner.invoke(app, args)
    assert again.exit_code == 0 and "up to date" in again.output


def test_refresh_lists_leaves_a_spreadsheet_lfjb_did_not_make_alone(tmp_path):
    config_dir = _new_board(tmp_path)
    log = config_dir / "north-wales" / "actions.xlsx"
    wb = load_workbook(log)
    del wb["Lists"]
    wb.save(log)
    before = log.read_bytes()
    result = runner.invoke(app, ["init", "north-wales", "--refresh-lists", "--config-dir", str(config_dir)])
    assert result.exit_code == 2 and "not made by lfjb init" in _flat(result.output)
    load_board(config_dir / "north-wales.yaml")
    assert log.read_bytes() == before


def test_init_without_a_dfj_area_says_it_is_required(tmp_path):
    result = runner.invoke(app, ["init", "north-wales", "--config-dir", str(tmp_path)])
    assert result.exit_code == 2 and "--dfj-area" in result.output and "required" in result.output
    assert not any(tmp_path.iterdir())


def test_an_over_long_slug_is_refused_in_words(tmp_path):
    result = runner.invoke(app, ["init", "a" * 300, "--dfj-area", "North Wales", "--config-dir", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "at most 60 characters" in " ".join(result.output.split())
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["actions", "cases"])
def test_lfjb_actions_and_cases_keep_the_drop_downs_current_and_reading_alone_does_not(tmp_path, command):
    from lfjb.inputs.actions import load_action_log

    config_dir = _new_board(tmp_path)
    log = config_dir / "north-wales" / "actions.xlsx"
    _rename_sub_group(config_dir, "court-progression", "court")
    before = log.read_bytes()
    load_action_log(log, ["pre-proceedings", "court", "data-performance"])
    assert log.read_bytes() == before  # byte for byte: the reader writes nothing
    runner.invoke(app, [command, "--board", "north-wales", "--config-dir", str(config_dir)])
    assert _sub_group_list(log)[0] == ["pre-proceedings", "court", "data-performance"]


def test_a_log_lfjb_did_not_make_is_not_opened_by_the_commands(tmp_path, monkeypatch):
    import openpyxl

    from lfjb.init import keep_action_lists_current

    log = tmp_path / "actions.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["id", "title"])
    book.save(log)
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: pytest.fail("the workbook was opened"))
    assert keep_action_lists_current(log, ["court"]) is False
    assert keep_action_lists_current(tmp_path / "actions.csv", ["court"]) is False


def test_a_pack_of_a_board_without_a_spreadsheet_log_does_not_import_openpyxl():
    """openpyxl takes a sixth of a CPU second to import: only an XLSX action log (or --format xlsx)
    needs it, so the commands' own modules import it where it is used."""
    import subprocess
    import sys

    code = "import sys, lfjb.cli, lfjb.workflows.pack, lfjb.init; print('openpyxl' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
