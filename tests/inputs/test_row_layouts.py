"""Saying what a file is (issue 20.5): a total row is a total, not a bad row; a file with several rows
per case is named for what it looks like, with the setting that reads it; the header-row and sheet
hints come before the columns they explain."""

from __future__ import annotations

import openpyxl
import pytest

from lfjb.inputs.errors import InputError
from lfjb.inputs.extract import load_extract

HEADER = ["case_id", "local_authority", "issue_date", "disposal_date", "children"]


def test_a_total_row_in_a_spreadsheet_is_left_out_with_one_note(tmp_path):
    path = tmp_path / "tracker.xlsx"
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(["A1", "Wolverhampton", "01/04/2024", "", 2])
    book.active.append(["A2", "Dudley", "01/05/2024", "01/10/2024", 1])
    book.active.append(["Total", None, None, None, 3])
    book.save(path)
    extract = load_extract(path)
    dq = extract.data_quality
    # Known answer: two cases, nothing set aside, the total (row 4) said once and not counted as read.
    assert extract.cases["case_id"].tolist() == ["A1", "A2"]
    assert dq.rows_rejected == 0 and dq.problems == [] and dq.rows_read == 2
    assert [w for w in dq.warnings if "Total" in w] == ["Row 4 says 'Total': read as a total, not cases, and left out."]


def test_a_grand_total_in_the_first_cell_is_a_total_too(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text("local_authority,case_id,issue_date,disposal_date,children\n"
                    "Wolverhampton,A1,01/04/2024,,2\nGrand Total,,,,2\n", encoding="utf-8")
    extract = load_extract(path)
    assert extract.data_quality.rows_rejected == 0 and len(extract.cases) == 1
    assert "Row 3 says 'Grand Total': read as a total, not cases, and left out." in extract.data_quality.warnings


def test_a_case_called_totally_is_a_case(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text(",".join(HEADER) + "\nTotally-1,Wolverhampton,01/04/2024,,2\n", encoding="utf-8")
    assert load_extract(path).cases["case_id"].tolist() == ["Totally-1"]


def test_one_row_per_hearing_is_named_with_its_setting(tmp_path):
    # Eight cases, three hearings each: 16 of 24 rows repeat an earlier case id, so the file was
    # "probably misread" with no hint of what it is.
    lines = [",".join([*HEADER, "Hearing date", "Hearing type"])]
    for case in range(8):
        for day, kind in ((5, "CMH"), (12, "IRH"), (20, "Final hearing")):
            lines.append(f"C{case},Wolverhampton,01/0{case + 1}/2024,,2,{day}/10/2024,{kind}")
    path = tmp_path / "hearings.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_extract(path)
    [problem] = caught.value.problems
    assert "probably misread" in problem.message
    assert "one row per hearing" in problem.hint and "inputs.rows: hearing" in problem.hint and "'Hearing type'" in problem.hint


def test_one_row_per_child_is_named_with_its_setting(tmp_path):
    path = tmp_path / "children.csv"
    path.write_text(",".join([*HEADER, "child_name"]) + "\n"
                    "K1,Wolverhampton,01/04/2024,,2,Ann\nK1,Wolverhampton,01/04/2024,,2,Ben\n"
                    "K2,Dudley,01/05/2024,,2,Cal\nK2,Dudley,01/05/2024,,2,Dee\n", encoding="utf-8")
    extract = load_extract(path)
    [warning] = [w for w in extract.data_quality.warnings if "repeat" in w]
    assert "one row per child" in warning and "inputs.rows: child" in warning
    assert extract.data_quality.rows_rejected == 2  # the repeats are still set aside until the setting says otherwise


def test_a_case_exported_twice_gets_no_layout_hint(tmp_path):
    path = tmp_path / "extract.csv"
    rows = [f"A{i},Wolverhampton,01/04/2024,,1" for i in range(10)] + ["A1,Wolverhampton,01/04/2024,,1"]
    path.write_text(",".join(HEADER) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert not [w for w in load_extract(path).data_quality.warnings if "looks like" in w]


def test_the_header_row_hint_comes_before_the_missing_columns(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text("Care cases extract for March,,,,\nRun on 1 April,,,,\n" + ",".join(HEADER) + "\nA1,Wolverhampton,01/04/2024,,2\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_extract(path)
    problems = caught.value.problems
    assert problems[0].key == "header_row" and "row 3" in problems[0].message
    assert {p.key for p in problems[1:]} >= {"case_id", "issue_date"}


def test_the_sheet_hint_comes_first(tmp_path):
    path = tmp_path / "extract.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["Read me first"])
    book.create_sheet("Cases").append(HEADER)
    book["Cases"].append(["A1", "Wolverhampton", "01/04/2024", "", 2])
    book.save(path)
    with pytest.raises(InputError) as caught:
        load_extract(path)
    assert caught.value.problems[0].key == "sheet" and "'Cases'" in caught.value.problems[0].message
