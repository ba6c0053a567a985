"""The command line through Typer's runner: exit codes, the words a user sees, and the files written."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from typer.testing import CliRunner

from lfjb import __version__
from lfjb.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_validate_passes_and_summarises(config_dir):
    result = run("validate", "--config-dir", config_dir)
    assert result.exit_code == 0, result.output
    assert "tiny" in result.output and "4 actions" in result.output and "5 cases" in result.output


def test_validate_names_the_rows_the_summary_leaves_out():
    # The pack's summary says "sandwell_tracker.csv: 2 cases are not in court_list.csv" without rows (a chair reads
    # it); validating gives the secretariat the rows to fix.
    from pathlib import Path
    board = Path(__file__).resolve().parent.parent / "board_config" / "wolverhampton.yaml"
    result = run("validate", "--board", board)
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "Check sandwell_tracker.csv, rows 574, 575: cases not in court_list.csv, so not counted." in output
    assert "Check walsall_tracker.csv, row 119: the disposal date differs from an earlier file's" in output


def test_validate_reports_every_problem_with_exit_2(broken):
    result = run("validate", "--board", broken / "unknown_key.yaml", "--board", broken / "unknown_driver.yaml")
    assert result.exit_code == 2
    assert "2 problems" in result.output
    assert "line 9" in result.output and "chiar" in result.output and "Did you mean 'chair'?" in result.output
    assert "court_capacty" in result.output
    assert "Traceback" not in result.output


def test_unknown_board_name_suggests_one(config_dir):
    result = run("validate", "--config-dir", config_dir, "--board", "tiyn")
    assert result.exit_code == 2
    assert "no board called 'tiyn'" in result.output and "Did you mean 'tiny'?" in result.output


def test_actions_table_lists_overdue_first(config_dir):
    result = run("actions", "--config-dir", config_dir, "--board", "tiny", "--as-of", "2025-03-31")
    assert result.exit_code == 0, result.output
    # A1 was due 31 January: 59 days overdue at 31 March; A2 due 15 March: 16 days.
    assert "59" in result.output and "16" in result.output
    assert result.output.index("A1") < result.output.index("A4")
    assert "A3" not in result.output  # complete


def test_actions_overdue_json(config_dir):
    result = run("actions", "--config-dir", config_dir, "--board", "tiny", "--as-of", "2025-03-31", "--overdue", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [(a["id"], a["days_overdue"]) for a in data["open_list"]] == [("A1", 59), ("A2", 16)]


def test_actions_csv_is_spreadsheet_safe(config_dir):
    log = config_dir / "data" / "actions.yaml"
    log.write_text(log.read_text().replace("title: Agree a shared PLO tracker", "title: '=HYPERLINK(\"http://x\")'"))
    result = run("actions", "--config-dir", config_dir, "--board", "tiny", "--as-of", "2025-03-31", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows[0]["id"] == "A1" and rows[0]["title"].startswith("'=")


def test_actions_as_of_takes_uk_dates_and_refuses_others(config_dir):
    uk = run("actions", "--config-dir", config_dir, "--board", "tiny", "--as-of", "31/03/2025", "--format", "json")
    assert uk.exit_code == 0 and '"as_of": "2025-03-31"' in uk.output
    result = run("actions", "--config-dir", config_dir, "--board", "tiny", "--as-of", "31 Marchish")
    assert result.exit_code == 2 and "31/03/2025" in result.output


def test_command_line_can_replace_the_extract(config_dir, broken):
    result = run("validate", "--config-dir", config_dir, "--board", "tiny", "--extract", broken / "extract_bad_rows.csv")
    assert result.exit_code == 0 and "4 extract row(s) set aside" in result.output
    both = run("validate", "--config-dir", config_dir, "--extract", broken / "extract_bad_rows.csv")
    assert both.exit_code == 0  # one board in the folder: the override applies to it
    missing = run("validate", "--config-dir", config_dir, "--board", "tiny", "--actions", config_dir / "nope.yaml")
    assert missing.exit_code == 2 and "file not found" in missing.output


def test_pack_json_writes_the_spec_path(config_dir, tmp_path):
    out = tmp_path / "packs"
    result = run("pack", "--month", "2025-03", "--config-dir", config_dir, "--out", out, "--format", "json")
    assert result.exit_code == 0, result.output
    path = out / "tiny" / "2025-03" / "tiny-pack-2025-03.json"
    data = json.loads(path.read_text())
    assert data["board"] == {**data["board"], "slug": "tiny", "name": "Tiny Test Local Family Justice Board"}
    assert data["month"] == "2025-03" and data["as_of"] == "2025-03-31"
    assert data["kpis"]["disposed"] == 3
    assert len(data["trend"]) == 24 and data["trend"][-1]["month"] == "2025-03"


def test_pack_month_outside_the_extract_is_exit_2_and_writes_nothing(config_dir, tmp_path):
    out = tmp_path / "packs"
    result = run("pack", "--month", "2026-01", "--config-dir", config_dir, "--out", out, "--format", "json")
    assert result.exit_code == 2
    assert "outside" in result.output and "January 2026" in result.output
    assert not out.exists()


def test_pack_bad_month_and_bad_format_are_usage_errors(config_dir):
    assert run("pack", "--month", "March 2025", "--config-dir", config_dir).exit_code == 2
    result = run("pack", "--month", "2025-03", "--config-dir", config_dir, "--format", "docx")
    assert result.exit_code == 2 and "docx" in result.output


def test_pack_with_a_broken_board_still_writes_the_good_ones(config_dir, broken, tmp_path):
    # Issue 12, item 3: one board's bad inputs no longer stop every board; the run still exits 2.
    out = tmp_path / "packs"
    result = run("pack", "--month", "2025-03", "--board", config_dir / "tiny.yaml", "--board", broken / "unknown_key.yaml", "--out", out, "--format", "json")
    assert result.exit_code == 2
    assert (out / "tiny" / "2025-03" / "tiny-pack-2025-03.json").is_file()
    assert not (out / "unknown-key").exists()
    said = " ".join(result.output.split())
    assert "unknown_key.yaml" in said and "chiar" in said
    assert "the packs of tiny were" in said and "Traceback" not in said


def test_pack_with_only_broken_boards_writes_nothing(broken, tmp_path):
    out = tmp_path / "packs"
    result = run("pack", "--month", "2025-03", "--board", broken / "unknown_key.yaml", "--out", out, "--format", "json")
    assert result.exit_code == 2 and "nothing was written" in result.output
    assert not out.exists()


def test_two_boards_with_one_slug_are_refused_before_anything_is_written(config_dir, tmp_path):
    # Issue 12, item 1: a copied YAML with slug: set would have written one board's pack as the other's.
    (config_dir / "worcester.yaml").write_text((config_dir / "tiny.yaml").read_text() + "slug: tiny\n")
    out = tmp_path / "packs"
    result = run("pack", "--month", "2025-03", "--config-dir", config_dir, "--out", out, "--format", "json")
    flat = "".join(result.output.split())  # long paths wrap on the terminal
    assert result.exit_code == 2
    assert "board_config/tiny.yaml" in flat and "board_config/worcester.yaml" in flat and "slug'tiny'" in flat
    assert not out.exists()
    assert run("validate", "--config-dir", config_dir).exit_code == 2


def test_the_same_board_named_twice_is_one_board(config_dir, tmp_path):
    result = run("validate", "--config-dir", config_dir, "--board", "tiny", "--board", config_dir / "tiny.yaml")
    assert result.exit_code == 0, result.output


def test_validate_lists_good_boards_and_the_bad_ones_problems(config_dir, broken):
    result = run("validate", "--config-dir", config_dir, "--board", "tiny", "--board", broken / "unknown_key.yaml")
    assert result.exit_code == 2
    assert "✓ tiny" in result.output and "chiar" in result.output


def test_markup_in_names_is_printed_as_written(config_dir):
    # Issue 12, item 5: Rich markup in a name gave a MarkupError traceback in validate and actions.
    board = config_dir / "tiny.yaml"
    board.write_text(board.read_text().replace("name: Tiny Test Local Family Justice Board", 'name: "Tiny [/x] [link=https://evil.example]board\\e[2J"'))
    log = config_dir / "data" / "actions.yaml"
    log.write_text(log.read_text().replace("title: Agree a shared PLO tracker", "title: \"[b]x[/]\"").replace("id: A1", "id: \"[red]A1\""))
    for args in (("validate",), ("actions", "--board", "tiny", "--as-of", "2025-03-31")):
        result = run(*args, "--config-dir", config_dir)
        assert result.exit_code == 0, result.output
        assert "Tiny [/x] [link=https://evil.example]board[2J" in result.output and "\x1b" not in result.output
    assert "[b]x[/]" in result.output and "[red]A1" in result.output


def test_actions_as_of_the_end_of_time_is_refused(config_dir):
    result = run("actions", "--config-dir", config_dir, "--board", "tiny", "--as-of", "9999-12-31")
    assert result.exit_code == 2 and "outside the years lfjb works with" in result.output
    assert "Traceback" not in result.output


def test_pack_for_a_month_out_of_range_is_refused(config_dir, tmp_path):
    for month in ("9999-12", "0000-01"):
        result = run("pack", "--month", month, "--config-dir", config_dir, "--out", tmp_path / "p")
        assert result.exit_code == 2 and "Traceback" not in result.output


def test_nan_target_is_refused_by_validate(config_dir):
    board = config_dir / "tiny.yaml"
    board.write_text(board.read_text().replace("mean_weeks: 26", "mean_weeks: .nan"))
    result = run("validate", "--config-dir", config_dir)
    assert result.exit_code == 2 and "targets.mean_weeks" in result.output


def test_strict_makes_bad_extract_rows_an_error(config_dir, broken):
    shutil.copy(broken / "extract_bad_rows.csv", config_dir / "data" / "extract.csv")
    assert run("validate", "--config-dir", config_dir).exit_code == 0
    result = run("validate", "--config-dir", config_dir, "--strict")
    assert result.exit_code == 2 and "row 4" in result.output


def test_bidi_controls_in_the_inputs_never_reach_the_pdf(config_dir, tmp_path):
    # Issue 12, item 4: "Westshire" + U+202E reversed the rest of a sentence in the PDF.
    from pypdf import PdfReader

    extract = config_dir / "data" / "extract.csv"
    extract.write_text(extract.read_text(encoding="utf-8").replace("Northshire", "Westshire\u202e"), encoding="utf-8")
    board = config_dir / "tiny.yaml"
    board.write_text(board.read_text().replace("[Northshire, Southshire]", '["Westshire\\u202E", Southshire]'), encoding="utf-8")
    log = config_dir / "data" / "actions.yaml"
    log.write_text(log.read_text().replace("title: Agree a shared PLO tracker", 'title: "Agree a \\u2066shared\\u202E PLO tracker"'))
    out = tmp_path / "packs"
    result = run("pack", "--month", "2025-03", "--config-dir", config_dir, "--out", out, "--format", "pdf,html")
    assert result.exit_code == 0, result.output
    pdf = out / "tiny" / "2025-03" / "tiny-board-pack-2025-03.pdf"
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    # Unfixed, the sentence after the name read "...tegrat keew-62 eht nihtiw ,skeew 2.91 degareva".
    assert "Westshire" in text and "skeew" not in text and "tegrat" not in text
    bidi = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
    assert not bidi & set(text)
    html = (out / "tiny" / "2025-03" / "tiny-summary-2025-03.html").read_text(encoding="utf-8")
    assert not bidi & set(html) and "Westshire" in html


def test_an_up_to_date_run_does_not_repeat_the_data_warnings(config_dir, broken, tmp_path):
    # The extract with bad rows: the first run warns that rows were set aside; a second run with nothing
    # changed rewrites nothing and says so, without the same warning again.
    args = ["pack", "--month", "2024-09", "--config-dir", config_dir, "--board", "tiny", "--out", tmp_path,
            "--format", "json", "--extract", broken / "extract_bad_rows.csv"]
    first = run(*args)
    assert first.exit_code == 0, first.output
    assert "set aside" in first.output
    second = run(*args)
    assert second.exit_code == 0 and "Up to date" in second.output
    assert "set aside" not in second.output


LONG = "a" * 300  # longer than any file system allows for one name (255 bytes)


@pytest.mark.parametrize("command", [
    ["pack", "--month", "2025-03", "--format", "json"],
    ["compare", "--month", "2025-03"],
])
def test_an_over_long_out_folder_is_a_plain_message(config_dir, tmp_path, command):
    result = run(*command, "--config-dir", config_dir, "--out", tmp_path / LONG)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "the name is too long" in " ".join(result.output.split()) and "Give a shorter name." in " ".join(result.output.split())


def test_an_over_long_board_path_is_a_plain_message(config_dir, tmp_path):
    result = run("validate", "--config-dir", config_dir, "--board", tmp_path / f"{LONG}.yaml")
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "too long" in " ".join(result.output.split())


def test_validate_says_which_pre_proceedings_rows_were_set_aside(config_dir):
    # Issue 24 (second attack): the pack listed a log row dated 9999-12-31 as set aside; validate said nothing.
    (config_dir / "data" / "log.csv").write_text(
        "family_id,local_authority,plo_letter_date,end_date,end_reason\n"
        "F1,Southshire,03/04/2024,01/08/2024,Stepped down\n"
        "F2,Southshire,9999-12-31,,\n", encoding="utf-8")
    terms = config_dir / "tiny.yaml"
    terms.write_text(terms.read_text().replace("  extract: data/extract.csv", "  extract: data/extract.csv\n  pre_proceedings: data/log.csv"))
    result = run("validate", "--board", "tiny", "--config-dir", config_dir)
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "1 pre-proceedings log row(s) set aside (log.csv)" in said and "row 3:" in said


@pytest.mark.parametrize("out", ["packs", "packs/2025"], ids=["a file", "under a file"])
def test_pack_checks_its_out_folder_before_reading_any_board(config_dir, tmp_path, monkeypatch, out):
    # As `lfjb compare` does: a --out that cannot be a folder is said at once (exit 2, nothing written), not after
    # every board's inputs have been read and worked out.
    import lfjb.workflows.pack as workflow

    read = []
    monkeypatch.setattr(workflow, "load_good_boards", lambda *a, **k: read.append(a) or ([], []))
    (tmp_path / "packs").write_text("not a folder")
    result = run("pack", "--month", "2025-03", "--config-dir", config_dir, "--out", tmp_path / out, "--format", "json")
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit) and read == []
    assert "packs is a file, not a folder; nothing was written. Choose a folder, not a file." in " ".join(result.output.split())
    assert (tmp_path / "packs").read_text() == "not a folder" and sorted(p.name for p in tmp_path.iterdir()) == ["board_config", "packs"]
