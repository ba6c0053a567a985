"""A hearing list read on its own (lfjb/inputs/hearings.py): its dates judged by the one plausible-date rule
(lfjb/inputs/dates.py), and a missing column said as the extract says it (extract.missing_column_hint)."""

from __future__ import annotations

from datetime import date

import pytest

from lfjb.inputs.board import Source
from lfjb.inputs.errors import InputError
from lfjb.inputs.extract import missing_column_hint
from lfjb.inputs.hearings import HEARING_COLUMNS_UNDER, read_hearing_list

SOURCE = Source(file="hearings.csv", rows="hearing",
                columns={"case_id": "Case", "hearing_date": "Date", "hearing_type": "Type", "hearing_outcome": "Result"})
TODAY = date(2025, 4, 1)


def _read(tmp_path, text: str, source: Source = SOURCE):
    path = tmp_path / "hearings.csv"
    path.write_text(text, encoding="utf-8")
    return read_hearing_list(path, source, today=TODAY)


def test_a_hearing_dated_before_the_children_act_is_set_aside_not_counted(tmp_path):
    # 01/01/1900 is a system's empty date (SQL Server's): it was counted as a hearing held in 1900.
    hearings = _read(tmp_path, "Case,Date,Type,Result\n"
                               "C1,12/01/2024,CMH,\n"
                               "C1,01/01/1900,FCMH,\n"
                               "C1,13/10/1991,IRH,\n"
                               "C1,14/10/1991,Final hearing,\n"
                               "C1,20/05/2025,Final hearing,\n")
    # Rows 3 and 4 are before 14 October 1991; row 5 (that day) can be right; row 6 is listed, not yet held.
    assert [(p["row"], p["column"]) for p in hearings.problems] == [(3, "hearing_date"), (4, "hearing_date")]
    assert hearings.problems[0]["message"] == (
        "the hearing date is before 14 October 1991, when the Children Act 1989 came into force, so it cannot be right; "
        "this hearing is not counted, so its case may show fewer hearings than it had")
    assert hearings.hearings["row"].tolist() == [2, 5, 6]
    assert hearings.hearings["held"].tolist() == [True, True, False]


def test_an_unreadable_hearing_date_is_worded_as_the_extracts(tmp_path):
    hearings = _read(tmp_path, "Case,Date,Type,Result\nC1,31/02/2024,CMH,\n")
    [problem] = hearings.problems
    assert problem["message"].startswith("the hearing date is not a date such as 03/04/2024 (day first)")


def test_a_missing_hearing_column_is_hinted_as_the_extract_hints_it(tmp_path):
    with pytest.raises(InputError) as caught:
        _read(tmp_path, "Case,When,Type,Result\nC1,12/01/2024,CMH,\n")
    [problem] = caught.value.problems
    assert (problem.key, problem.message) == ("hearing_date", "required column (mapped in the source's columns to 'Date') "
                                                              "of the hearing list is missing.")
    # The one home's wording: the file's unused headers, and no second wording of how to map one.
    assert problem.hint == missing_column_hint("hearing_date", "Date", ["When"], HEARING_COLUMNS_UNDER, first=True, mapped=True)
    assert problem.hint == "The file's unused headers are: When."
