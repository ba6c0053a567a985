"""The data extract: day-first dates, column mapping, bad rows set aside, structural errors."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from lfjb.inputs.errors import InputError
from lfjb.inputs.extract import load_extract


def test_tiny_extract_reads_day_first(tiny_board_path):
    extract = load_extract(tiny_board_path.parent / "extract.csv")
    cases = extract.cases.set_index("case_id")
    assert cases.loc["C3", "issue_date"] == datetime(2025, 3, 15)
    # 01/09/2024 is 1 September (day first), not 9 January.
    assert cases.loc["C1", "issue_date"] == datetime(2024, 9, 1)
    assert pd.isna(cases.loc["C3", "disposal_date"])
    assert cases.loc["C2", "delay_drivers"] == ("court_capacity", "plo_tracking")
    assert cases.loc["C5", "delay_drivers"] == ()
    assert pd.isna(cases.loc["C5", "hearings"])
    assert extract.data_quality.to_dict() == {"rows_read": 5, "rows_rejected": 0, "problems": []}


def test_bad_rows_are_set_aside_with_row_numbers(broken):
    extract = load_extract(broken / "extract_bad_rows.csv")
    assert list(extract.cases["case_id"]) == ["C1"]
    dq = extract.data_quality
    assert dq.rows_read == 5 and dq.rows_rejected == 4
    found = {(p["row"], p["column"]) for p in dq.problems}
    # Header is row 1: C2 (31 February) is row 3, C3 (disposed before issue) row 4,
    # C4 (negative hearings) row 5, the repeated C1 row 6.
    assert found == {(3, "issue_date"), (4, "disposal_date"), (5, "hearings"), (6, "case_id")}
    assert any("repeats row 2" in p["message"] for p in dq.problems)


def test_strict_turns_bad_rows_into_errors(broken):
    with pytest.raises(InputError) as caught:
        load_extract(broken / "extract_bad_rows.csv", strict=True)
    assert [p.where for p in caught.value.problems] == ["row 3", "row 4", "row 5", "row 6"]


def test_missing_column_is_an_error_naming_it(broken):
    with pytest.raises(InputError) as caught:
        load_extract(broken / "extract_missing_column.csv")
    [p] = caught.value.problems
    assert p.key == "disposal_date" and p.where == "row 1"
    assert "inputs.columns" in p.hint


def test_unknown_driver_is_an_error_with_its_row(broken):
    with pytest.raises(InputError) as caught:
        load_extract(broken / "extract_unknown_driver.csv")
    [p] = caught.value.problems
    assert p.where == "row 3" and "court capacity" in p.message and "court_capacity" in p.hint


def test_column_mapping_and_date_format(tmp_path):
    path = tmp_path / "la.csv"
    path.write_text(
        "Case Number,LA,Date Issued,Final Order Date,Kids,Hearings,FCMHs,Result,Delay Reasons\n"
        "X-1,Essex,2024/04/03,2024/10/01,2,5,1,Care order,workforce_capacity\n"
    )
    mapping = {"case_id": "Case Number", "local_authority": "LA", "issue_date": "Date Issued",
               "disposal_date": "Final Order Date", "children": "Kids", "fcmh": "FCMHs",
               "outcome": "Result", "delay_drivers": "Delay Reasons"}
    cases = load_extract(path, columns=mapping, date_format="%Y/%m/%d").cases
    row = cases.iloc[0]
    assert row["case_id"] == "X-1" and row["issue_date"] == datetime(2024, 4, 3) and row["children"] == 2


def test_mapped_column_missing_says_which_mapping(tmp_path):
    path = tmp_path / "la.csv"
    path.write_text("case_id,local_authority,issue_date,disposal_date,children,hearings,fcmh,outcome,delay_drivers\n")
    with pytest.raises(InputError) as caught:
        load_extract(path, columns={"case_id": "Case Ref"})
    [p] = caught.value.problems
    assert p.key == "case_id" and "Case Ref" in p.message


def test_xlsx_and_parquet_read_the_same(tmp_path, tiny_board_path):
    csv_cases = load_extract(tiny_board_path.parent / "extract.csv").cases
    raw = pd.read_csv(tiny_board_path.parent / "extract.csv", dtype=str, keep_default_na=False)
    raw.to_excel(tmp_path / "extract.xlsx", index=False)
    raw.to_parquet(tmp_path / "extract.parquet")
    for name in ("extract.xlsx", "extract.parquet"):
        other = load_extract(tmp_path / name).cases
        pd.testing.assert_frame_equal(other.drop(columns="row"), csv_cases.drop(columns="row"))


def test_unreadable_file_is_an_input_error(tmp_path):
    path = tmp_path / "extract.xlsx"
    path.write_bytes(b"not a spreadsheet")
    with pytest.raises(InputError) as caught:
        load_extract(path)
    assert "cannot be read" in caught.value.problems[0].message
