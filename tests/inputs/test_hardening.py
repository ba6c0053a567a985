"""Issue 12: every way found to break the input loaders, each closed with a test."""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from lfjb.inputs import load_board
from lfjb.inputs.actions import load_action_log
from lfjb.inputs.board import load_board_config
from lfjb.naming import is_slug
from lfjb.inputs.errors import InputError
from lfjb.inputs.extract import load_extract
from lfjb.inputs.text import clean_text
from lfjb.inputs.yaml_source import read_yaml

HEADER = "case_id,local_authority,issue_date,disposal_date,children,hearings\n"
GOOD = "C1,Wolverhampton,01/09/2024,02/03/2025,2,4\n"


@pytest.fixture
def board_copy(tmp_path, tiny_board_path):
    folder = tmp_path / "board"
    shutil.copytree(tiny_board_path.parent, folder)
    return folder / "tiny.yaml"


def problems_of(call, *args, **kwargs):
    with pytest.raises(InputError) as caught:
        call(*args, **kwargs)
    return caught.value.problems


# --- Item 2: counts of 2**63 or more would wrap to negative numbers -----------------------------------


@pytest.mark.parametrize("children", ["1e20", "9223372036854775807", "21", "18446744073709551616"])
def test_huge_counts_in_a_csv_are_set_aside(tmp_path, children):
    path = tmp_path / "extract.csv"
    path.write_text(HEADER + GOOD + f"C2,Wolverhampton,01/09/2024,,{children},1\n")
    extract = load_extract(path)
    assert list(extract.cases["case_id"]) == ["C1"]
    [problem] = extract.data_quality.problems
    assert problem["row"] == 3 and problem["column"] == "children" and "more than 20" in problem["message"]


def test_huge_hearings_are_set_aside(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text(HEADER + GOOD + "C2,Wolverhampton,01/09/2024,,1,201\n")
    assert load_extract(path).data_quality.problems[0]["column"] == "hearings"


@pytest.mark.parametrize("array", [pa.array([2**64 - 1, 1], pa.uint64()), pa.array([2**63 - 1, 1], pa.int64())])
def test_huge_counts_in_parquet_are_set_aside(tmp_path, array):
    path = tmp_path / "extract.parquet"
    pq.write_table(pa.table({"case_id": ["A", "B"], "local_authority": ["Wolverhampton"] * 2,
                             "issue_date": [dt.date(2024, 1, 1)] * 2, "disposal_date": [None, None], "children": array}), path)
    extract = load_extract(path)
    assert list(extract.cases["children"]) == [1]  # record A (2**63 or more) is set aside, never negative
    assert extract.data_quality.problems[0]["case_id"] == "A"


def test_parquet_booleans_are_not_counts(tmp_path):
    path = tmp_path / "extract.parquet"
    pq.write_table(pa.table({"case_id": ["A"], "local_authority": ["Wolverhampton"], "issue_date": [dt.date(2024, 1, 1)],
                             "disposal_date": [None], "children": [True]}), path)
    [p] = problems_of(load_extract, path)
    assert p.key == "children" and "true/false" in p.message


# --- Item 4: bidi and control characters ---------------------------------------------------------------


def test_clean_text_strips_controls_and_bidi_but_keeps_lines():
    assert clean_text("West\u202eshire\x1b[2J\x00 \u2066x\u2069\u200f") == "Westshire[2J x"
    assert clean_text("line one\nline two\tend") == "line one\nline two\tend"
    assert clean_text("Ynys Môn — ok") == "Ynys Môn — ok"


def test_extract_text_is_cleaned(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text(HEADER + "C\u202e1,Westshire\u202e,01/09/2024,,2,1\nC\u20662,Westshire,01/09/2024,,2,x\x1b\n", encoding="utf-8")
    extract = load_extract(path)
    assert extract.cases["local_authority"].tolist() == ["Westshire"] and extract.cases["case_id"].tolist() == ["C1"]
    problem = extract.data_quality.problems[0]  # hearings 'x' is not a number
    assert problem["case_id"] == "C2" and problem["value"] == "x"


def test_header_text_is_cleaned(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text(HEADER.replace("case_id", "case\u202e_id") + GOOD, encoding="utf-8")
    assert len(load_extract(path).cases) == 1


def test_terms_of_reference_and_action_log_text_is_cleaned(board_copy):
    text = board_copy.read_text().replace("name: Tiny Test Local Family Justice Board", 'name: "Tiny\\u202E Test\\e[31m"')
    board_copy.write_text(text)
    log = board_copy.parent / "actions.yaml"
    log.write_text(log.read_text().replace("title: Agree a shared PLO tracker", 'title: "Agree\\u202E a shared PLO tracker"'))
    board = load_board(board_copy)
    assert board.config.name.startswith("Tiny Test[31m")
    assert all("\u202e" not in a.title for a in board.actions)


def test_action_log_spreadsheet_text_is_cleaned(tmp_path):
    path = tmp_path / "actions.csv"
    path.write_text("id,title,sub_group,owner,raised,due,status\nA1,Fix \u202edelay,court,Ann\x1b,01/01/2025,01/02/2025,in progress\n")
    [action] = load_action_log(path, ["court"]).actions
    assert action.title == "Fix delay" and action.owner == "Ann"


# --- Item 5: tracebacks instead of located messages ------------------------------------------------------


def test_nul_in_an_input_path_is_located(board_copy):
    board_copy.write_text(board_copy.read_text().replace("extract: extract.csv", 'extract: "extr\\0act.csv"'))
    [p] = problems_of(load_board_config, board_copy)
    assert p.key == "inputs.extract" and "control character" in p.message and p.where.startswith("line ")


def test_nul_in_a_path_given_to_the_loaders(tmp_path):
    assert "control character" in problems_of(read_yaml, tmp_path / "a\x00.yaml")[0].message
    assert "file not found" in problems_of(load_extract, tmp_path / "a\x00.csv")[0].message


def test_parquet_dates_outside_pandas_range_are_set_aside(tmp_path):
    path = tmp_path / "extract.parquet"
    pq.write_table(pa.table({"case_id": ["A", "B", "C"], "local_authority": ["Wolverhampton"] * 3,
                             "issue_date": [dt.date(2024, 1, 1), dt.date(1500, 1, 1), dt.date(2024, 1, 1)],
                             "disposal_date": pa.array([None, None, dt.datetime(1500, 6, 1)], pa.timestamp("us")),
                             "children": [1, 2, 1]}), path)
    extract = load_extract(path)
    assert list(extract.cases["case_id"]) == ["A"]
    assert {(p["case_id"], p["column"]) for p in extract.data_quality.problems} == {("B", "issue_date"), ("C", "disposal_date")}


def test_parquet_struct_column_is_a_located_problem(tmp_path):
    path = tmp_path / "extract.parquet"
    pq.write_table(pa.table({"case_id": pa.array([{"a": 1}]), "local_authority": ["Wolverhampton"],
                             "issue_date": [dt.date(2024, 1, 1)], "disposal_date": [None], "children": [1]}), path)
    [p] = problems_of(load_extract, path)
    assert p.key == "case_id" and "structured values" in p.message


# --- Item 6: NaN, infinite, negative or zero targets and cost-of-delay figures -----------------------------


@pytest.mark.parametrize("setting, key", [
    ("targets: {mean_weeks: .nan}", "targets.mean_weeks"),
    ("targets: {mean_weeks: .inf}", "targets.mean_weeks"),
    ("targets: {mean_weeks: -3}", "targets.mean_weeks"),
    ("targets: {mean_weeks: 0}", "targets"),
    ("targets: {pct_within_26: 150}", "targets"),
    ("cost_of_delay: {benefit_per_week_gbp: .nan}", "cost_of_delay.benefit_per_week_gbp"),
    ("cost_of_delay: {benefit_per_week_gbp: -.inf}", "cost_of_delay.benefit_per_week_gbp"),
    ("cost_of_delay: {national_annual_cases: 0}", "cost_of_delay.national_annual_cases"),
])
def test_unusable_numbers_are_refused_with_their_key(board_copy, setting, key):
    text = board_copy.read_text().replace("targets: {mean_weeks: 26, pct_within_26: 50}", setting)
    board_copy.write_text(text)
    [p] = problems_of(load_board_config, board_copy)
    assert p.key == key and p.where.startswith("line ")


def test_zero_is_a_fine_target_for_open_cases(board_copy):
    board_copy.write_text(board_copy.read_text().replace("pct_within_26: 50", "open_over_52: 0"))
    assert load_board_config(board_copy).config.targets["open_over_52"] == 0


# --- Low: slugs, table layouts, encodings, FIFOs, YAML merge keys -----------------------------------------


def test_slug_with_a_trailing_newline_is_refused(board_copy):
    assert not is_slug("tiny\n")
    # The slug comes from the file name when the file sets none; a name may end in a newline.
    odd = board_copy.rename(board_copy.with_name("tiny\n.yaml"))
    assert problems_of(load_board_config, odd)[0].key == "slug"


def test_utf16_csv_as_excel_saves_unicode_text(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_bytes((HEADER + "C1,Ynys Môn,01/09/2024,02/03/2025,2,4\n").replace(",", "\t").encode("utf-16"))
    extract = load_extract(path)
    assert extract.cases["local_authority"].tolist() == ["Isle of Anglesey"] or extract.cases["local_authority"].tolist() == ["Ynys Môn"]
    assert len(extract.cases) == 1


def test_semicolon_separated_csv_is_read(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text((HEADER + GOOD).replace(",", ";"))
    assert len(load_extract(path).cases) == 1


def test_one_stray_windows_byte_spoils_only_its_line(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_bytes((HEADER + "C1,Ynys Môn,01/09/2024,,2,4\n").encode("utf-8") + b"C2,Ynys M\xf4n,01/09/2024,,1,1\n")
    extract = load_extract(path)
    names = set(extract.cases["local_authority"])
    assert not any("Ã" in n for n in names) and len(names) == 1  # both rows read as the same authority
    [warning] = [w for w in extract.data_quality.warnings if "Windows-1252" in w]
    assert "line 3" in warning


def test_windows_1252_file_throughout_still_reads(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_bytes((HEADER + "C2,Ynys Môn,01/09/2024,,1,1\n").encode("cp1252"))
    extract = load_extract(path)
    assert len(extract.cases) == 1 and not any("Windows-1252" in w for w in extract.data_quality.warnings)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_a_fifo_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "extract.csv"
    os.mkfifo(fifo)
    assert "is not a file" in problems_of(load_extract, fifo)[0].message
    yaml_fifo = tmp_path / "board.yaml"
    os.mkfifo(yaml_fifo)
    assert "is not a file" in problems_of(read_yaml, yaml_fifo)[0].message


def test_title_row_above_the_headers_gets_a_hint_and_header_row_reads_it(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text("Care cases extract for March,,,,,\n" + HEADER + GOOD)
    problems = problems_of(load_extract, path)
    [hint] = [p for p in problems if p.key == "header_row"]
    assert "row 2" in hint.message and "inputs.header_row: 2" in hint.hint
    extract = load_extract(path, header_row=2)
    assert len(extract.cases) == 1 and extract.cases["row"].tolist() == [3]


def test_xlsx_whose_first_sheet_is_notes_names_the_sheet(tmp_path):
    import openpyxl

    path = tmp_path / "extract.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["Read me first"])
    sheet = book.create_sheet("Tracker")
    sheet.append(["Tracker, March 2025"])
    for line in (HEADER + GOOD).strip().split("\n"):
        sheet.append(line.split(","))
    book.save(path)
    problems = problems_of(load_extract, path)
    [hint] = [p for p in problems if p.key == "sheet"]
    assert "'Tracker'" in hint.message and 'inputs.sheet: "Tracker"' in hint.hint and "header_row: 2" in hint.hint
    assert len(load_extract(path, sheet="Tracker", header_row=2).cases) == 1


def test_yaml_merge_key_with_an_override_is_not_a_duplicate(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("base: &base {owner: Ann, status: in_progress}\nitem:\n  <<: *base\n  owner: Bob\n")
    assert read_yaml(path).data["item"] == {"owner": "Bob", "status": "in_progress"}
    path.write_text("item:\n  owner: Ann\n  owner: Bob\n")
    assert "given twice" in problems_of(read_yaml, path)[0].message


def test_columns_mapped_onto_each_other_still_load(tmp_path):
    # Item 5: inputs.columns {case_id: issue_date} once gave a traceback (also in test_extract.py).
    path = tmp_path / "extract.csv"
    path.write_text(HEADER + GOOD)
    extract = load_extract(path, columns={"case_id": "issue_date"})
    assert extract.data_quality.rows_read == 1


def test_formula_cells_without_saved_results_are_explained(tmp_path):
    import openpyxl

    path = tmp_path / "extract.xlsx"
    book = openpyxl.Workbook()
    for line in (HEADER + GOOD).strip().split("\n"):
        book.active.append(line.split(","))
    book.active.append(["C2", "Wolverhampton", "01/09/2024", "=C3+180", "1", "1"])  # never calculated
    book.save(path)
    extract = load_extract(path)
    [warning] = [w for w in extract.data_quality.warnings if "formula" in w]
    assert "1 formula cell" in warning and "save it again" in warning


def test_a_large_csv_reports_rows_read_as_it_goes(tmp_path, monkeypatch):
    # Low: a 2-million-row CSV took ~15 s with only a spinner.
    monkeypatch.setattr("lfjb.inputs.tables.LARGE_CSV_BYTES", 100)
    monkeypatch.setattr("lfjb.inputs.tables.CSV_CHUNK_ROWS", 3)
    path = tmp_path / "extract.csv"
    path.write_text(HEADER + "".join(f"C{i},Wolverhampton,01/09/2024,,1,1\n" for i in range(10)))
    heard = []
    extract = load_extract(path, progress=lambda rows, done, total: heard.append((rows, done, total)))
    assert len(extract.cases) == 10 and extract.cases["row"].tolist() == list(range(2, 12))
    assert [rows for rows, _, _ in heard] == [3, 6, 9, 10]
    assert heard[-1][1] == heard[-1][2] == path.stat().st_size


# --- Issue 24.17: non-characters (U+FFFE, U+FFFF) in a cell stopped `lfjb cases --format xlsx` ---------


def test_noncharacters_are_cleaned_when_read(tmp_path):
    assert clean_text("Wolver\ufffehampton\uffff\ufdd0\U0010ffff") == "Wolverhampton"
    path = tmp_path / "extract.csv"
    path.write_text(HEADER + "C\ufffe1,Wolverhampton\uffff,01/09/2024,,2,1\n", encoding="utf-8")
    extract = load_extract(path)
    assert extract.cases["case_id"].tolist() == ["C1"] and extract.cases["local_authority"].tolist() == ["Wolverhampton"]


def test_the_case_spreadsheet_is_written_whatever_text_reaches_it():
    import io

    import openpyxl

    from lfjb.render.cases_export import cases_xlsx

    record = {"case_id": "A\ufffe1", "local_authority": "Wolverhampton\uffff", "court": "Court\x01", "issue_date": "2024-01-01",
              "age_weeks": 1.0, "weeks_to_26": 25.0, "hearings": None, "fcmh": None, "delay_drivers": [], "rag": "green",
              "rag_reason": "within 26 weeks"}
    header = {"board_name": "Board\ufffe", "as_of": "2024-01-08", "open": 1, "by_rag": {"red": 0, "amber": 0, "green": 1},
              "rule_words": {"red": "r", "amber": "a", "green": "g"}, "fcmh_note": "n"}
    book = openpyxl.load_workbook(io.BytesIO(cases_xlsx([record], header)))
    assert [c.value for c in book["Open cases"][2][:3]] == ["A1", "Wolverhampton", "Court"]


# --- Issue 24.13: an XLSX zip bomb passed the size guard -------------------------------------------------


def test_an_xlsx_that_unpacks_past_the_guard_is_refused_before_reading(tmp_path, monkeypatch):
    import zipfile

    import openpyxl

    path = tmp_path / "extract.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["case_id", "local_authority", "issue_date", "disposal_date", "children"])
    book.active.append(["A1", "Wolverhampton", "01/04/2024", "", 1])
    book.save(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as bomb:  # 2 MB of one letter: a few kB on disk
        bomb.writestr("xl/media/padding.xml", "x" * (2 * 2**20))
    assert path.stat().st_size < 50_000
    monkeypatch.setattr("lfjb.inputs.tables.MAX_XLSX_UNPACKED_BYTES", 2**20)
    monkeypatch.setattr("pandas.read_excel", lambda *a, **k: pytest.fail("the workbook was read"))
    [problem] = problems_of(load_extract, path)
    assert "unpacks to 2 MB" in problem.message and "CSV or Parquet" in problem.message


# --- Issue 24, round 2: one far cell (XFD1048576) made the XLSX reader allocate 512 GB and abort -----------


def _sparse_extract(path, far_cell: str) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["case_id", "local_authority", "issue_date", "disposal_date", "children"])
    book.active.append(["A1", "Wolverhampton", "01/04/2024", "", 1])
    book.active[far_cell] = "x"
    book.save(path)


def test_an_xlsx_with_one_cell_far_out_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "extract.xlsx"
    _sparse_extract(path, "XFD1048576")
    assert path.stat().st_size < 50_000
    monkeypatch.setattr("pandas.read_excel", lambda *a, **k: pytest.fail("the workbook was read"))
    [problem] = problems_of(load_extract, path)
    assert "1,048,576 rows by 16,384 columns" in problem.message and "XFD1048576" not in problem.message
    assert "CSV" in problem.message


def test_an_xlsx_with_a_far_cell_inside_the_cap_is_read(tmp_path):
    path = tmp_path / "extract.xlsx"
    _sparse_extract(path, "G2000")  # 2,000 rows by 7 columns: read, the stray cell set aside as a row without dates
    extract = load_extract(path)
    assert len(extract.cases) == 1


def test_a_styled_empty_far_cell_does_not_count(tmp_path):
    from lfjb.inputs.tables import xlsx_extent_problem

    sheet = (b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
             b'<row r="1048576"><c r="XFD1048576" s="1"/><c r="XFC1048576" t="inlineStr"></c></row></sheetData></worksheet>')
    assert xlsx_extent_problem(sheet) is None
    far = sheet.replace(b's="1"/>', b'><v>1</v></c>')
    assert xlsx_extent_problem(far) == (1_048_576, 16_384)


def test_cells_without_a_reference_are_counted_by_their_row():
    from lfjb.inputs.tables import xlsx_extent_problem

    far_row = b'<worksheet><sheetData><row r="1048576">' + b"<c><v>1</v></c>" * 31 + b"</row></sheetData></worksheet>"
    assert xlsx_extent_problem(far_row) == (1_048_576, 31)
    assert xlsx_extent_problem(far_row.replace(b'r="1048576"', b'r="2"')) is None


# --- A stray far cell on a sheet lfjb does not read no longer refuses the workbook -------------------------


def _workbook_with_a_far_cell_elsewhere(path, data_first: bool = True, title_rows: int = 0) -> None:
    """A 'Data' sheet with the extract (below `title_rows` title rows) and a 'Notes' sheet whose one stray
    cell is at XFD1048576 (which the reader would lay out as 17 billion cells)."""
    import openpyxl

    book = openpyxl.Workbook()
    data = book.active
    data.title = "Data"
    notes = book.create_sheet("Notes", 0 if not data_first else None)
    notes["A1"] = "Read me"
    notes["XFD1048576"] = "x"
    for _ in range(title_rows):
        data.append(["Case list"])
    data.append(["case_id", "local_authority", "issue_date", "disposal_date", "children"])
    data.append(["A1", "Wolverhampton", "01/04/2024", "", 1])
    book.save(path)


def test_a_far_cell_on_a_sheet_not_read_does_not_refuse_the_workbook(tmp_path):
    path = tmp_path / "extract.xlsx"
    _workbook_with_a_far_cell_elsewhere(path)  # Data first: the sheet read by default
    assert len(load_extract(path).cases) == 1
    _workbook_with_a_far_cell_elsewhere(path, data_first=False)  # Notes first, Data named
    assert len(load_extract(path, sheet="Data").cases) == 1
    # The sheet read is still checked: Notes, read by default, is refused before it is laid out.
    [problem] = problems_of(load_extract, path)
    assert "1,048,576 rows by 16,384 columns" in problem.message


def test_the_header_row_hint_skips_a_sheet_too_large_to_read(tmp_path):
    path = tmp_path / "extract.xlsx"
    _workbook_with_a_far_cell_elsewhere(path, title_rows=3)
    problems = problems_of(load_extract, path)
    assert problems[0].key == "header_row" and "row 4" in problems[0].message


def test_sheet_parts_follow_the_workbooks_order_and_relationships(tmp_path):
    import zipfile

    from lfjb.inputs.tables import sheet_parts

    path = tmp_path / "extract.xlsx"
    _workbook_with_a_far_cell_elsewhere(path, data_first=False)
    with zipfile.ZipFile(path) as book:
        parts = sheet_parts(book)
        assert list(parts) == ["Notes", "Data"]
        assert b"XFD1048576" in book.read(parts["Notes"]) and b"XFD1048576" not in book.read(parts["Data"])
