"""One plausible-date rule for every reader of case and pre-proceedings dates (SPEC.md "Inputs")."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from lfjb.inputs.board import PreProceedingsLog
from lfjb.inputs.dates import implausible_dates, parse_date_column, parse_date_values
from lfjb.inputs.extract import load_extract
from lfjb.inputs.pre_proceedings import load_pre_proceedings

TODAY = date(2025, 6, 30)


def test_a_utc_offset_keeps_the_local_date():
    # Midnight British Summer Time on 1 April is 23:00 UTC on 31 March: the sender meant 1 April.
    parsed = parse_date_values(pd.Series(["2025-04-01T00:00:00+01:00", "2025-03-31T23:30:00Z", "2025-04-01T00:30:00-0500"]), None)
    assert list(parsed) == [pd.Timestamp("2025-04-01"), pd.Timestamp("2025-03-31"), pd.Timestamp("2025-04-01")]


def test_a_parquet_column_with_a_zone_keeps_the_local_date():
    column = pd.Series(pd.to_datetime(["2025-04-01T00:00:00"]).tz_localize("Europe/London"))
    assert list(parse_date_column(column)) == [pd.Timestamp("2025-04-01")]


@pytest.mark.parametrize("text", ["9999-12-31", "31/12/9999", "01/01/2199", "2262-12-31", "01/01/1900", "1900-01-01 00:00:00.000", "1066-10-14"])
def test_dates_beyond_what_pandas_holds_are_read_not_crashed_on_and_are_implausible(text):
    [parsed] = parse_date_values(pd.Series([text]), None)
    assert pd.notna(parsed)
    assert implausible_dates(pd.Series([parsed]), TODAY).iloc[0] != ""


def test_the_plausible_range_is_the_children_act_to_today():
    dates = pd.Series(pd.to_datetime(["1991-10-13", "1991-10-14", "2025-06-30", "2025-07-01"]))
    why = implausible_dates(dates, TODAY)
    assert why[1] == "" and why[2] == ""
    assert "Children Act 1989" in why[0] and "14 October 1991" in why[0]
    assert "after today (30 June 2025)" in why[3]


def _extract(tmp_path, rows: str):
    path = tmp_path / "extract.csv"
    path.write_text("case_id,local_authority,issue_date,disposal_date,children\n" + rows, encoding="utf-8")
    return load_extract(path, today=TODAY)


def test_implausible_dates_set_the_row_aside_with_the_reason(tmp_path):
    extract = _extract(tmp_path, "A1,Wolverhampton,01/04/2024,9999-12-31,1\n"
                                 "A2,Wolverhampton,01/01/1900,,1\n"
                                 "A3,Wolverhampton,01/04/2024,01/01/2199,2\n"
                                 "A4,Wolverhampton,01/04/2024,2262-06-01,2\n"
                                 "A5,Wolverhampton,01/04/2024,,3\n")
    assert list(extract.cases["case_id"]) == ["A5"]
    reasons = {p["row"]: p["message"] for p in extract.data_quality.problems}
    assert set(reasons) == {2, 3, 4, 5}
    assert "before 14 October 1991" in reasons[3]
    assert all("after today" in reasons[r] for r in (2, 4, 5))
    # Said once per row: not also "not a date" or "disposal before issue".
    assert extract.data_quality.rows_rejected == 4 and len(extract.data_quality.problems) == 4


def test_a_march_pack_does_not_count_an_april_case_written_with_an_offset(tmp_path):
    extract = _extract(tmp_path, "A1,Wolverhampton,2025-04-01T00:00:00+01:00,,1\n")
    assert extract.cases["issue_date"].iloc[0] == datetime(2025, 4, 1)


def test_the_pre_proceedings_log_uses_the_same_rule(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("family_id,local_authority,plo_letter_date,end_date,end_reason\n"
                    "F1,Wolverhampton,01/01/1900,,\n"
                    "F2,Wolverhampton,01/02/2024,9999-12-31,diverted\n"
                    "F3,Wolverhampton,2024-02-01T00:00:00+01:00,,\n", encoding="utf-8")
    log = load_pre_proceedings(path, PreProceedingsLog(file="log.csv"), today=TODAY)
    assert list(log.families["family_id"]) == ["F3"]
    assert log.families["plo_letter_date"].iloc[0] == datetime(2024, 2, 1)
    reasons = {p["row"]: p["message"] for p in log.problems}
    assert "before 14 October 1991" in reasons[2] and "after today" in reasons[3]


def test_spreadsheet_date_cells_follow_the_same_rule(tmp_path):
    import openpyxl

    path = tmp_path / "extract.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["case_id", "local_authority", "issue_date", "disposal_date", "children"])
    book.active.append(["A1", "Wolverhampton", datetime(2024, 4, 1), datetime(9999, 12, 31), 1])
    book.active.append(["A2", "Wolverhampton", datetime(1900, 1, 1), None, 1])
    book.active.append(["A3", "Wolverhampton", datetime(2024, 4, 1, 9, 30), datetime(2024, 9, 30), 2])
    book.save(path)
    extract = load_extract(path, today=TODAY)
    assert extract.cases["case_id"].tolist() == ["A3"]
    assert extract.cases["issue_date"].tolist() == [datetime(2024, 4, 1)]
    reasons = {p["row"]: p["message"] for p in extract.data_quality.problems}
    assert "after today" in reasons[2] and "before 14 October 1991" in reasons[3]
