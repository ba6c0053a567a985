"""`lfjb cases`: the case tracker through Typer's runner (exit codes, words, files), and the board
pack's promise that it never names a case."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from lfjb.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ["wolverhampton", "cheshire-merseyside", "guildford", "central-london", "essex-suffolk", "worcester",
           "cleveland-south-durham"]
MI_EXPORT = ROOT / "tests/fixtures/real_layouts/mi_export/mi_export.yaml"


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def said(result) -> str:
    """What the user saw, with the terminal's line wrapping undone."""
    return " ".join(result.output.split())


def test_table_lists_open_cases_worst_first_with_rag_words(config_dir):
    # The tiny board on 31 March 2025: C4 (issued 1 Jan 2024, 3 FCMHs) is red; C3 (15 March 2025,
    # no FCMH) green. C1, C2 and C5 were disposed by then.
    result = run("cases", "--board", "tiny", "--as-of", "31/03/2025", "--config-dir", config_dir)
    assert result.exit_code == 0, result.output
    assert "open cases at 31 March 2025: 2 (1 red, 0 amber, 1 green)" in said(result)
    assert result.output.index("C4") < result.output.index("C3")
    assert "Red" in result.output and "Green" in result.output and "C1" not in result.output


def test_csv_is_spreadsheet_safe(config_dir):
    extract = config_dir / "data" / "extract.csv"
    extract.write_text(extract.read_text().replace("C4,", '"=HYPERLINK(""http://x"")",'))
    result = run("cases", "--board", "tiny", "--as-of", "2025-03-31", "--format", "csv", "--config-dir", config_dir)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["case_id"] == "'=HYPERLINK(\"http://x\")" and rows[0]["rag"] == "red"
    assert rows[0]["weeks_to_26"] == "-39.0"  # 1 Jan 2024 to 31 Mar 2025: 455 days = 65 weeks, 39 past 26
    assert rows[0]["rag_reason"] == "past 26 weeks by 39.0 weeks and 3 further CMHs"


def test_json_has_the_rules_counts_and_cases(config_dir, tmp_path):
    out = tmp_path / "cases.json"
    result = run("cases", "--board", "tiny", "--as-of", "2025-03-31", "--format", "json", "--out", out, "--config-dir", config_dir)
    assert result.exit_code == 0 and "Wrote" in result.output
    data = json.loads(out.read_text())
    assert data["as_of"] == "2025-03-31" and data["by_rag"] == {"red": 1, "amber": 0, "green": 1}
    assert data["rules"] == {"amber_weeks": 8, "red_fcmh": 2, "amber_fcmh": 1}
    assert [c["case_id"] for c in data["cases"]] == ["C4", "C3"]
    assert data["cases"][0]["delay_drivers"] == ["changes_in_plan"] and data["cases"][0]["age_weeks"] == 65.0


def test_xlsx_has_a_frozen_header_a_filter_and_coloured_rag_words(config_dir, tmp_path):
    extract = config_dir / "data" / "extract.csv"
    extract.write_text(extract.read_text().replace("C3,", "=1+1,"))
    out = tmp_path / "cases.xlsx"
    result = run("cases", "--board", "tiny", "--as-of", "2025-03-31", "--format", "xlsx", "--out", out, "--config-dir", config_dir)
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out)["Open cases"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:K3"
    assert sheet["J1"].value == "RAG" and sheet["J2"].value == "Red" and sheet["J3"].value == "Green"
    assert sheet["J2"].fill.fgColor.rgb.endswith("F6D7D2") and sheet["J3"].fill.fgColor.rgb.endswith("CCE2D8")
    assert sheet["A3"].value == "=1+1" and sheet["A3"].data_type == "s"  # text, never a formula
    assert sheet["D2"].number_format == "dd/mm/yyyy"
    assert "Do not attach" in str(load_workbook(out)["About"]["B8"].value)


def test_an_extract_without_fcmh_says_the_rule_cannot_be_judged():
    result = run("cases", "--board", MI_EXPORT, "--as-of", "2025-03-31", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "The RAG uses age alone" in said(result)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 44 and all("cannot be judged" in r["rag_reason"] for r in rows)  # 44 open (expected.json)
    assert {r["fcmh"] for r in rows} == {""}


@pytest.mark.parametrize("slug", SAMPLES)
def test_every_sample_board_lists_the_cases_its_pack_counts_as_open(slug):
    from lfjb.inputs import load_board
    from lfjb.month import Month
    from lfjb.pack import build_pack

    result = run("cases", "--board", slug, "--as-of", "2025-03-31", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    pack = build_pack(load_board(ROOT / "board_config" / f"{slug}.yaml"), Month(2025, 3))
    assert len(data["cases"]) == pack.kpis["open_end"] == pack.case_tracker["open"]
    assert data["by_rag"] == pack.case_tracker.by_rag.to_json()
    ranks = [("red", "amber", "green").index(c["rag"]) for c in data["cases"]]
    assert ranks == sorted(ranks)


def test_the_default_date_is_the_extracts_latest_and_said(config_dir):
    result = run("cases", "--board", "tiny", "--config-dir", config_dir)
    assert result.exit_code == 0 and "the latest date in the extract" in said(result) and "20 March 2025" in said(result)


@pytest.mark.parametrize("args, words", [
    (("--format", "pdf"), "not a format of the case list"),
    (("--out", "x.txt"), "a table is only printed"),
    (("--as-of", "31/02/2025"), "is not a date"),
    (("--as-of", "2199-12-31"), "31/12/2199 is after today"),  # issue 24, round 2: was accepted
])
def test_bad_options_are_exit_2(config_dir, args, words):
    result = run("cases", "--board", "tiny", "--config-dir", config_dir, *args)
    assert result.exit_code == 2 and words in said(result)


@pytest.mark.parametrize("setting, words", [
    ("case_tracker: {amber_fcmh: 3, red_fcmh: 2}", "amber must come first"),
    ("case_tracker: {amber_week: 6}", "amber_weeks"),
])
def test_case_tracker_settings_are_checked(config_dir, setting, words):
    board = config_dir / "tiny.yaml"
    board.write_text(board.read_text() + setting + "\n")
    result = run("validate", "--config-dir", config_dir)
    assert result.exit_code == 2 and words in said(result)


def test_settings_change_the_ratings(config_dir):
    board = config_dir / "tiny.yaml"
    board.write_text(board.read_text() + "case_tracker: {red_fcmh: 4, amber_fcmh: 3}\n")
    data = json.loads(run("cases", "--board", "tiny", "--as-of", "2025-03-31", "--format", "json", "--config-dir", config_dir).stdout)
    assert data["cases"][0]["rag_reason"] == "past 26 weeks by 39.0 weeks"  # 3 FCMHs is now amber, not red


@pytest.mark.slow
def test_the_board_pack_never_names_a_case(tmp_path):
    # Worcester's extract sets no row aside, so no case id is in the data-quality appendix either;
    # Essex and Suffolk also has a pre-proceedings log, whose family ids must not appear.
    from pypdf import PdfReader

    from lfjb.inputs import load_board

    out = tmp_path / "packs"
    result = run("pack", "--month", "2025-03", "--board", "worcester", "--board", "essex-suffolk", "--out", out, "--format", "pdf,html,json")
    assert result.exit_code == 0, result.output
    for slug in ("worcester", "essex-suffolk"):
        board = load_board(ROOT / "board_config" / f"{slug}.yaml")
        assert board.extract.data_quality.rows_rejected == 0
        ids = set(board.extract.cases["case_id"])
        if board.pre_proceedings is not None:
            ids |= set(board.pre_proceedings.families["family_id"])
        folder = out / slug / "2025-03"
        pdf = "".join(page.extract_text() for page in PdfReader(folder / f"{slug}-board-pack-2025-03.pdf").pages)
        html = (folder / f"{slug}-summary-2025-03.html").read_text(encoding="utf-8")
        pack_json = (folder / f"{slug}-pack-2025-03.json").read_text(encoding="utf-8")
        assert "Case progression: open cases at risk of delay" in pdf and "Outcomes for children" in html
        for text in (pdf, html, pack_json):
            assert not [i for i in ids if i in text]
        assert json.loads(pack_json)["case_tracker"]["open"] > 0


def test_cases_left_out_because_their_row_was_set_aside_are_said(config_dir):
    # Issue 24.6: a case whose row was set aside disappeared from the officers' list in silence.
    extract = config_dir / "data" / "extract.csv"
    extract.write_text(extract.read_text().replace("C3,Southshire,15/03/2025", "C3,Southshire,31/02/2025")
                       .replace("C4,Southshire,01/01/2024", "C4,Southshire,1O/01/2024"))
    result = run("cases", "--board", "tiny", "--as-of", "31/03/2025", "--config-dir", config_dir)
    assert result.exit_code == 0, result.output
    text = " ".join(result.stderr.split())
    squeezed = "".join(text.split())  # a long path wraps anywhere
    assert "".join(f"2 rows of {extract} were set aside, so their cases are not in this list (rows 4, 5)".split()) in squeezed
    assert "`lfjb validate --board tiny` says what is wrong with each" in text
    assert "C3" not in result.stdout and "C4" not in result.stdout


def test_cases_out_a_folder_is_a_plain_message(config_dir, tmp_path):
    result = run("cases", "--board", "tiny", "--format", "csv", "--out", tmp_path, "--config-dir", config_dir)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "is a folder; give --out a file name" in said(result)


def test_cases_out_never_writes_over_an_input(config_dir):
    extract = config_dir / "data" / "extract.csv"
    before = extract.read_bytes()
    result = run("cases", "--board", "tiny", "--format", "csv", "--out", extract, "--config-dir", config_dir)
    assert result.exit_code == 2 and "is the board's extract; lfjb cases never writes over an input" in said(result)
    assert extract.read_bytes() == before


def test_cases_out_never_writes_over_a_file_of_another_kind(config_dir, tmp_path):
    report = tmp_path / "report.docx"
    report.write_bytes(b"the chair's report")
    result = run("cases", "--board", "tiny", "--format", "csv", "--out", report, "--config-dir", config_dir)
    assert result.exit_code == 2 and "already exists and is not a .csv file" in said(result)
    assert report.read_bytes() == b"the chair's report"
    earlier = tmp_path / "open.csv"
    earlier.write_text("last week's list")
    assert run("cases", "--board", "tiny", "--format", "csv", "--out", earlier, "--config-dir", config_dir).exit_code == 0
    assert earlier.read_text().startswith("case_id")  # its own kind of file: replaced


def test_cases_out_on_a_read_only_disk_is_a_plain_message(config_dir, tmp_path, monkeypatch):
    import errno

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("lfjb.render.files.tempfile.mkstemp", read_only)
    result = run("cases", "--board", "tiny", "--format", "csv", "--out", tmp_path / "open.csv", "--config-dir", config_dir)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "open.csv could not be written: it is on a read-only disk; nothing was written" in said(result)
    assert not (tmp_path / "open.csv").exists()


def test_a_past_date_rates_by_age_alone_and_says_the_counts_are_from_later():
    # Central London's extract runs to March 2025; on 30 September 2024 its FCMH counts would include
    # hearings held after that day (issue 19), so they are left out, blank, and the list says why.
    result = run("cases", "--board", "central-london", "--as-of", "2024-09-30", "--format", "json")
    assert result.exit_code == 0, result.output
    assert "The RAG uses age alone: hearing counts in the extract are from a later date" in said(result)
    data = json.loads(result.stdout)
    assert data["fcmh_judged"] is False and "later date" in data["fcmh_note"]
    assert all(c["fcmh"] is None and c["hearings"] is None for c in data["cases"])
    assert all(c["rag"] == "red" for c in data["cases"] if c["weeks_to_26"] < 0)
    assert not any(c["rag"] == "red" for c in data["cases"] if c["weeks_to_26"] >= 0)


@pytest.mark.parametrize("name", ["a" * 300 + ".csv", "a" * 300 + "/open.csv"])
def test_cases_out_with_an_over_long_name_is_a_plain_message(config_dir, tmp_path, name):
    result = run("cases", "--board", "tiny", "--format", "csv", "--out", tmp_path / name, "--config-dir", config_dir)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "could not be written: the name is too long; nothing was written. Give a shorter name." in said(result)
