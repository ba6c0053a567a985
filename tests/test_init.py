"""`lfjb init`: a new board that validates at once, drop-down lists, and no overwriting."""

from __future__ import annotations

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
