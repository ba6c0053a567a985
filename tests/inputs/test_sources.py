"""Several sources, one dataset (lfjb.inputs.sources; issue 21): tiny files merged by case id."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from lfjb.inputs.board import load_board_config
from lfjb.inputs.errors import InputError
from lfjb.inputs.hearings import cases_as_at, has_hearing_dates
from lfjb.inputs.sources import Dataset, case_key, load_sources

COURT_LIST = """Case No,Applicant,Issued,Final Order,Kids
WV24C50001,Wolverhampton,02/01/2024,01/07/2024,2
WV24C50002,Walsall,03/01/2024,,1
WV24C50003,Dudley,04/01/2024,10/10/2024,3
"""
# Own headers; case 1 in lower case with spaces; case 3's final order disagrees; WV24C59999 is only here.
TRACKER = """Case Number,Outcome,Reasons for delay,Final Order
wv24 c50001,Care order,court_capacity,
WV24C50003,Placement order,,11/10/2024
WV24C59999,No order,,
"""


def board(tmp_path: Path, extract: object, **inputs: object) -> Path:
    doc = {"name": "Tiny LFJB", "dfj_area": "Wolverhampton", "sub_groups": [{"id": "court", "name": "Court"}],
           "inputs": {"actions": "actions.yaml", "extract": extract, **inputs}}
    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


def two_sources(tmp_path: Path) -> Path:
    (tmp_path / "court_list.csv").write_text(COURT_LIST, encoding="utf-8")
    (tmp_path / "tracker.csv").write_text(TRACKER, encoding="utf-8")
    return board(tmp_path, [
        {"file": "court_list.csv", "columns": {"case_id": "Case No", "local_authority": "Applicant", "issue_date": "Issued",
                                               "disposal_date": "Final Order", "children": "Kids"}},
        {"file": "tracker.csv", "columns": {"case_id": "Case Number", "outcome": "Outcome", "delay_drivers": "Reasons for delay",
                                            "disposal_date": "Final Order"}},
    ])


def test_case_key_ignores_case_spaces_and_punctuation():
    import pandas as pd
    assert list(case_key(pd.Series(["WV24C50001", "wv24 c50001", "WV-24/C50001"]))) == ["wv24c50001"] * 3


def test_later_source_adds_columns_matched_ignoring_case_and_spaces(tmp_path):
    extract = load_sources(load_board_config(two_sources(tmp_path)))
    cases = extract.cases.set_index("case_id")
    # The spine decides which cases exist: three, never the tracker's WV24C59999.
    assert list(cases.index) == ["WV24C50001", "WV24C50002", "WV24C50003"]
    assert cases.loc["WV24C50001", "outcome"] == "care_order"  # from 'wv24 c50001'
    assert cases.loc["WV24C50001", "delay_drivers"] == ("court_capacity",)
    assert cases.loc["WV24C50003", "outcome"] == "placement_order"
    assert cases.loc["WV24C50002", "outcome"] == ""  # not in the tracker: nothing to add
    # The earlier source wins: 10/10/2024 stands, the tracker's 11/10/2024 is a conflict.
    assert cases.loc["WV24C50003", "disposal_date"].date() == date(2024, 10, 10)
    assert extract.has_column("outcome") and extract.has_column("delay_drivers") and not extract.has_column("hearings")


def test_sources_report_rows_matched_only_here_and_conflicts_by_column(tmp_path):
    dq = load_sources(load_board_config(two_sources(tmp_path))).data_quality.to_dict()
    court, tracker = dq["sources"]
    assert (court["file"].endswith("court_list.csv"), court["rows"], court["matched"], court["only_here"], court["conflicts"]) == \
        (True, 3, 3, 0, {})
    assert (tracker["rows"], tracker["matched"], tracker["only_here"], tracker["conflicts"]) == (3, 2, 1, {"disposal_date": 1})
    # File row numbers (header = row 1), never a case id.
    assert tracker["only_here_rows"] == [4] and tracker["conflict_rows"] == {"disposal_date": [3]}
    assert dq["rows_read"] == 6
    # The notes reach the summary's headlines: the file's own name, fields in words, no row numbers (those are the
    # appendix's and `lfjb validate`'s).
    assert dq["warnings"] == [
        "tracker.csv: 1 case is not in court_list.csv, so it is not counted (see Data quality).",
        "tracker.csv disagrees with an earlier file on the disposal date of 1 case; the earlier file's value is used "
        "(see Data quality).",
    ]
    quality = load_sources(load_board_config(two_sources(tmp_path))).data_quality
    assert quality.rows_to_check() == [
        "tracker.csv, row 4: case not in court_list.csv, so not counted",
        "tracker.csv, row 3: the disposal date differs from an earlier file's (the earlier file's is used)",
    ]


def test_one_file_has_a_one_row_sources_report(tmp_path):
    (tmp_path / "extract.csv").write_text(COURT_LIST, encoding="utf-8")
    path = board(tmp_path, "extract.csv", columns={"case_id": "Case No", "local_authority": "Applicant", "issue_date": "Issued",
                                                   "disposal_date": "Final Order", "children": "Kids"})
    extract = load_sources(load_board_config(path))
    assert not isinstance(extract, Dataset)
    [only] = extract.data_quality.to_dict()["sources"]
    assert (only["rows"], only["matched"], only["only_here"], only["conflicts"]) == (3, 3, 0, {})


def test_a_later_source_missing_its_case_id_column_is_an_error(tmp_path):
    path = two_sources(tmp_path)
    (tmp_path / "tracker.csv").write_text("Ref,Outcome\nWV24C50001,Care order\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_sources(load_board_config(path))
    problems = caught.value.problems
    assert all(p.file.endswith("tracker.csv") for p in problems)
    assert {p.key for p in problems} == {"case_id", "delay_drivers", "disposal_date"}  # Outcome is there


def test_settings_of_one_source_under_inputs_with_a_list_are_refused(tmp_path):
    path = board(tmp_path, ["a.csv", "b.csv"], columns={"case_id": "Case No"})
    with pytest.raises(InputError) as caught:
        load_board_config(path)
    assert "belong under each source" in caught.value.problems[0].message


HEARING_LIST = """Case,Date,Type,Result
WV24C50001,12/01/2024,Case Management Hearing,
WV24C50001,20/02/2024,Further CMH,Vacated
WV24C50001,05/03/2024,FCMH,
WV24C50001,10/05/2024,Issues Resolution Hearing,
WV24C50001,24/06/2024,Final Hearing,
wv24c50002,15/01/2024,CMH,
WV24C50002,01/03/2024,CMH,
WV24C50002,,IRH,Adjourned
WV24C50002,31/02/2024,IRH,
"""


def with_hearings(tmp_path: Path) -> Path:
    (tmp_path / "court_list.csv").write_text(COURT_LIST, encoding="utf-8")
    (tmp_path / "hearings.csv").write_text(HEARING_LIST, encoding="utf-8")
    return board(tmp_path, [
        {"file": "court_list.csv", "columns": {"case_id": "Case No", "local_authority": "Applicant", "issue_date": "Issued",
                                               "disposal_date": "Final Order", "children": "Kids"}},
        {"file": "hearings.csv", "rows": "hearing",
         "columns": {"case_id": "Case", "hearing_date": "Date", "hearing_type": "Type", "hearing_outcome": "Result"}},
    ])


def test_hearing_list_counts_held_hearings_and_further_cmhs(tmp_path):
    extract = load_sources(load_board_config(with_hearings(tmp_path)), today=date(2025, 1, 1))
    cases = extract.cases.set_index("case_id")
    # Case 1: CMH, FCMH (the vacated one not held), IRH, final = 4 held, 1 further CMH.
    assert (cases.loc["WV24C50001", "hearings"], cases.loc["WV24C50001", "fcmh"]) == (4, 1)
    # Case 2: two CMHs held, the second a further CMH; the adjourned IRH is not held; 31/02 is set aside.
    assert (cases.loc["WV24C50002", "hearings"], cases.loc["WV24C50002", "fcmh"]) == (2, 1)
    # Case 3 is not in the hearing list: its counts are not recorded, not 0.
    assert cases["hearings"].isna().tolist() == [False, False, True]
    assert has_hearing_dates(extract)
    dq = extract.data_quality.to_dict()
    [bad] = dq["problems"]
    assert bad["file"].endswith("hearings.csv") and bad["row"] == 10 and bad["column"] == "hearing_date"
    assert dq["sources"][1]["hearings"] == 8 and dq["sources"][1]["matched"] == 2
    # ... and the data-quality notes say so, once, with why.
    [note] = [w for w in dq["warnings"] if "not recorded" in w]
    assert note == ("1 case has no hearing in hearings.csv and no hearing count in any other file: its hearings show "
                    "as not recorded, not 0, because a case missing from a hearing list may still have had hearings.")


def test_counts_as_at_a_date_use_only_hearings_held_by_then(tmp_path):
    extract = load_sources(load_board_config(with_hearings(tmp_path)), today=date(2025, 1, 1))
    at_end_of_february = cases_as_at(extract, date(2024, 2, 29)).set_index("case_id")
    # By 29/02/2024 case 1 had its CMH only (the 20/02 FCMH was vacated); case 2 its first CMH.
    assert (at_end_of_february.loc["WV24C50001", "hearings"], at_end_of_february.loc["WV24C50001", "fcmh"]) == (1, 0)
    assert (at_end_of_february.loc["WV24C50002", "hearings"], at_end_of_february.loc["WV24C50002", "fcmh"]) == (1, 0)
    assert at_end_of_february["hearings"].isna().tolist() == [False, False, True]  # case 3: no dates, unchanged


def test_hearings_after_today_are_listed_not_held(tmp_path):
    extract = load_sources(load_board_config(with_hearings(tmp_path)), today=date(2024, 3, 1))
    cases = extract.cases.set_index("case_id")
    assert (cases.loc["WV24C50001", "hearings"], cases.loc["WV24C50001", "fcmh"]) == (1, 0)


HEARING_LIST_ONLY = """Case,LA,Issued,Disposed,Children,Date,Type,Result
WV24C50001,Wolverhampton,02/01/2024,01/07/2024,2,12/01/2024,CMH,
WV24C50001,Wolverhampton,02/01/2024,01/07/2024,2,05/03/2024,Cont. CMH,
WV24C50001,Wolverhampton,02/01/2024,01/07/2024,2,24/06/2024,Final Hearing,
WV24C50002,Walsall,03/01/2024,,1,15/01/2024,CMH,Cancelled
"""


def test_a_hearing_list_alone_is_the_extract_with_its_own_words(tmp_path):
    (tmp_path / "hearings.csv").write_text(HEARING_LIST_ONLY, encoding="utf-8")
    path = board(tmp_path, "hearings.csv", rows="hearing", values={"hearing_type": {"Cont. CMH": "fcmh"}},
                 columns={"case_id": "Case", "local_authority": "LA", "issue_date": "Issued", "disposal_date": "Disposed",
                          "hearing_date": "Date", "hearing_type": "Type", "hearing_outcome": "Result"})
    extract = load_sources(load_board_config(path), today=date(2025, 1, 1))
    cases = extract.cases.set_index("case_id")
    assert list(cases.index) == ["WV24C50001", "WV24C50002"]
    # Children from the column, not from the rows (which are hearings).
    assert (cases.loc["WV24C50001", "children"], cases.loc["WV24C50001", "hearings"], cases.loc["WV24C50001", "fcmh"]) == (2, 3, 1)
    assert (cases.loc["WV24C50002", "hearings"], cases.loc["WV24C50002", "fcmh"]) == (0, 0)  # its only CMH was cancelled
    assert has_hearing_dates(extract) and len(extract.hearing_list) == 4


def test_a_count_column_in_an_earlier_source_stands_and_is_not_dated(tmp_path):
    path = with_hearings(tmp_path)  # then the court's list gains a hearings count for case 1
    (tmp_path / "court_list.csv").write_text(COURT_LIST.replace("Kids\n", "Kids,Hearings\n").replace(",2\n", ",2,9\n")
                                             .replace(",1\n", ",1,\n").replace(",3\n", ",3,\n"), encoding="utf-8")
    extract = load_sources(load_board_config(path), today=date(2025, 1, 1))
    cases = extract.cases.set_index("case_id")
    # Case 1: the court's list says 9 hearings, the hearing list 4: the earlier source's 9 stands, counted as a conflict.
    assert cases.loc["WV24C50001", "hearings"] == 9 and not cases.loc["WV24C50001", "hearings_dated"]
    assert cases.loc["WV24C50002", "hearings"] == 2 and cases.loc["WV24C50002", "hearings_dated"]  # filled from the list
    assert extract.data_quality.to_dict()["sources"][1]["conflicts"] == {"hearings": 1}
    # As at a date, only the dated count changes.
    early = cases_as_at(extract, date(2024, 1, 31)).set_index("case_id")
    assert (early.loc["WV24C50001", "hearings"], early.loc["WV24C50002", "hearings"]) == (9, 1)


CHILD_ROWS = """Case,LA,Issued,Disposed,Child
WV22C50001,Wolverhampton,02/01/2022,01/07/2022,C-1
WV22C50001,Wolverhampton,02/01/2022,01/07/2022,C-2
WV23C50007,Wolverhampton,03/03/2023,,c1
"""


def test_child_rows_with_a_child_id_give_the_child_list(tmp_path):
    (tmp_path / "children.csv").write_text(CHILD_ROWS, encoding="utf-8")
    path = board(tmp_path, "children.csv", rows="child",
                 columns={"case_id": "Case", "local_authority": "LA", "issue_date": "Issued", "disposal_date": "Disposed",
                          "child_id": "Child"})
    extract = load_sources(load_board_config(path))
    assert list(extract.cases["children"]) == [2, 1]
    # Child ids matched ignoring case and punctuation: 'C-1' and 'c1' are one child, in two cases.
    assert sorted(map(tuple, extract.child_list[["case_id", "child_id"]].to_numpy())) == [
        ("WV22C50001", "c1"), ("WV22C50001", "c2"), ("WV23C50007", "c1")]


def test_a_hearing_lists_outcome_column_is_the_hearings_not_the_cases(tmp_path):
    (tmp_path / "court_list.csv").write_text(COURT_LIST, encoding="utf-8")
    (tmp_path / "hearings.csv").write_text(HEARING_LIST.replace("Case,Date,Type,Result", "Case,Date,Type,Outcome"), encoding="utf-8")
    path = board(tmp_path, [
        {"file": "court_list.csv", "columns": {"case_id": "Case No", "local_authority": "Applicant", "issue_date": "Issued",
                                               "disposal_date": "Final Order", "children": "Kids"}},
        {"file": "hearings.csv", "rows": "hearing", "columns": {"case_id": "Case", "hearing_date": "Date", "hearing_type": "Type",
                                                                "hearing_outcome": "Outcome"}},
    ])
    extract = load_sources(load_board_config(path), today=date(2025, 1, 1))  # "Vacated" is no case outcome: no error
    assert not extract.has_column("outcome")
    assert extract.cases.set_index("case_id").loc["WV24C50001", "hearings"] == 4


def test_a_mistake_inside_a_source_is_named_once_with_its_place(tmp_path):
    path = board(tmp_path, [{"file": "court.csv", "colums": {"case_id": "Case No"}}, {"file": "tracker.csv", "rows": "hearings"}])
    with pytest.raises(InputError) as caught:
        load_board_config(path)
    said = [(p.key, p.hint) for p in caught.value.problems]
    assert [key for key, _ in said] == ["inputs.extract[1].colums", "inputs.extract[2].rows"]  # no "should be a string"
    assert "Did you mean 'columns'?" in said[0][1] and "Did you mean 'hearing'?" in said[1][1]


# --- Issue 24, round 2: a hearing listed twice counted twice; a hearing set aside left its case short silently --


def test_a_hearing_listed_twice_is_counted_once_and_a_set_aside_hearing_is_said(tmp_path):
    path = with_hearings(tmp_path)
    (tmp_path / "hearings.csv").write_text(HEARING_LIST + "wv24 c50001,12/01/2024,CMH,\n", encoding="utf-8")
    extract = load_sources(load_board_config(path), today=date(2025, 1, 1))
    cases = extract.cases.set_index("case_id")
    assert (cases.loc["WV24C50001", "hearings"], cases.loc["WV24C50001", "fcmh"]) == (4, 1)  # not 5 and 2
    dq = extract.data_quality.to_dict()
    problems = {p["row"]: p for p in dq["problems"]}
    assert set(problems) == {10}  # the repeat is not a bad row: it is counted once, and said
    assert any(w.startswith("hearings.csv: 1 hearing is listed twice") and "row 11)" in w for w in dq["warnings"])
    assert "not counted" in problems[10]["message"] and "fewer hearings" in problems[10]["message"]


def test_a_hearing_not_vacated_was_held():
    from lfjb.inputs.hearings import hearing_outcome

    assert hearing_outcome("Not vacated", {}) == "held"
    assert hearing_outcome("Hearing effective (not adjourned)", {}) == "held"
    assert hearing_outcome("Vacated by consent", {}) == "vacated"
    assert hearing_outcome("Adjourned - no judge", {}) == "adjourned"
    assert hearing_outcome("CANCELLED", {}) == "cancelled"


# --- A case the hearing list does not date keeps the extract's counts: never used for a past month ----------


def _court_list_with_counts(tmp_path: Path) -> Path:
    """The hearing list beside a court's list that has its own counts (taken at the extract's date): case 1's
    9 hearings / 3 further CMHs stand against the list's 4 / 1; case 3 (open at the end of March 2024) is in
    no hearing list, so its 6 / 2 are the court list's alone."""
    path = with_hearings(tmp_path)
    (tmp_path / "court_list.csv").write_text(
        "Case No,Applicant,Issued,Final Order,Kids,Hearings,FCMH\n"
        "WV24C50001,Wolverhampton,02/01/2024,01/07/2024,2,9,3\n"
        "WV24C50002,Walsall,03/01/2024,,1,,\n"
        "WV24C50003,Dudley,04/01/2024,10/10/2024,3,6,2\n", encoding="utf-8")
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["inputs"]["extract"][0]["columns"].update(hearings="Hearings", fcmh="FCMH")
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


def test_a_past_months_tracker_leaves_out_counts_the_hearing_list_does_not_date(tmp_path):
    from lfjb.inputs.board import CaseTrackerSettings
    from lfjb.metrics.case_tracker import COUNTS_FROM_LATER_CASE, case_tracker

    extract = load_sources(load_board_config(_court_list_with_counts(tmp_path)), today=date(2025, 1, 1))
    cases = extract.cases.set_index("case_id")
    assert cases["hearings_dated"].to_dict() == {"WV24C50001": False, "WV24C50002": True, "WV24C50003": False}
    # 31 March 2024 is more than a month before the extract's latest date (10/10/2024): a past date.
    at = date(2024, 3, 31)
    listed, summary = case_tracker(cases_as_at(extract, at), at, CaseTrackerSettings(), True, has_hearing_dates(extract))
    listed = listed.set_index("case_id")
    # Case 2 is dated: by 31/03/2024 two CMHs, the second a further CMH (1: amber by the FCMH rule).
    assert (listed.loc["WV24C50002", "hearings"], listed.loc["WV24C50002", "fcmh"], listed.loc["WV24C50002", "rag"]) == (2, 1, "amber")
    # Cases 1 and 3: their 9/3 and 6/2 are counts at the extract's date, so unknown then: age alone (87 days, green),
    # where the look-ahead counts (3 and 2 further CMHs) would have made them red.
    for case in ("WV24C50001", "WV24C50003"):
        assert listed.loc[case, ["hearings", "fcmh"]].isna().all()
        assert listed.loc[case, "rag"] == "green"
        assert COUNTS_FROM_LATER_CASE in listed.loc[case, "rag_reason"]
    assert summary["fcmh_not_recorded"] == 2 and summary["by_rag"] == {"red": 0, "amber": 1, "green": 2}
    # Said in the data-quality notes, once.
    [note] = [w for w in extract.data_quality.to_dict()["warnings"] if "do not date" in w or "does not date" in w]
    assert note.startswith("2 cases have hearing counts that hearings.csv does not date") and "age alone" in note
    # Case 3 has the court list's counts: recorded, so no "not recorded" note.
    assert not any("not recorded" in w for w in extract.data_quality.to_dict()["warnings"])


def test_within_a_month_of_the_extract_the_undated_counts_stand(tmp_path):
    from lfjb.inputs.board import CaseTrackerSettings
    from lfjb.metrics.case_tracker import case_tracker

    extract = load_sources(load_board_config(_court_list_with_counts(tmp_path)), today=date(2025, 1, 1))
    at = date(2024, 9, 30)  # within a calendar month of 10/10/2024: the extract's counts are as at then
    listed, _ = case_tracker(cases_as_at(extract, at), at, CaseTrackerSettings(), True, has_hearing_dates(extract))
    listed = listed.set_index("case_id")
    assert (listed.loc["WV24C50003", "hearings"], listed.loc["WV24C50003", "fcmh"], listed.loc["WV24C50003", "rag"]) == (6, 2, "red")


def test_rows_set_aside_are_said_per_file_as_the_sources_table_counts_them(tmp_path):
    # Case data in two files: the hearing list's row 10 (31/02/2024) is set aside; the court list's 3 rows are fine.
    dq = load_sources(load_board_config(with_hearings(tmp_path)), today=date(2025, 1, 1)).data_quality.to_dict()
    assert (dq["rows_read"], dq["rows_rejected"]) == (12, 1)  # 3 + 9: rows of two kinds, so '1 of 12' says little
    assert dq["rows_rejected_words"] == "0 of 3 rows of court_list.csv; 1 of 9 rows of hearings.csv"
    # Files with nothing set aside are summed; one file alone is named.
    dq = load_sources(load_board_config(two_sources(tmp_path))).data_quality.to_dict()
    assert dq["rows_rejected_words"] == "0 of 3 rows of court_list.csv; none of the 3 rows of tracker.csv"
    from lfjb.inputs.sources import SourceReport, rows_rejected_words
    reports = [SourceReport("a/court.csv", "case", 1808, 1805, rows_rejected=3, is_spine=True),
               *(SourceReport(f"t{i}.csv", "case", 100 * i, 0) for i in range(1, 4))]
    assert rows_rejected_words(reports) == "3 of 1,808 rows of court.csv; none of the 600 rows of the 3 other files"


def test_one_file_says_its_rows_set_aside_with_its_name(tmp_path):
    (tmp_path / "extract.csv").write_text(COURT_LIST + "WV24C50004,Dudley,31/02/2024,,1\n", encoding="utf-8")
    path = board(tmp_path, "extract.csv", columns={"case_id": "Case No", "local_authority": "Applicant", "issue_date": "Issued",
                                                   "disposal_date": "Final Order", "children": "Kids"})
    assert load_sources(load_board_config(path)).data_quality.to_dict()["rows_rejected_words"] == "1 of 4 rows of extract.csv"


def test_a_hearing_list_and_a_child_level_source_are_each_read_once(tmp_path, monkeypatch):
    import lfjb.inputs.tables as tables

    path = with_hearings(tmp_path)
    (tmp_path / "children.csv").write_text("Case,Child\nWV24C50001,C-1\nWV24C50001,C-2\n", encoding="utf-8")
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["inputs"]["extract"].append({"file": "children.csv", "rows": "child", "columns": {"case_id": "Case", "child_id": "Child"}})
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    reads = []
    real = tables.read_table_with_notes

    def counted(path, *args, **kwargs):
        reads.append(Path(path).name)
        return real(path, *args, **kwargs)

    for module in ("lfjb.inputs.tables", "lfjb.inputs.extract", "lfjb.inputs.hearings", "lfjb.inputs.sources"):
        monkeypatch.setattr(f"{module}.read_table_with_notes", counted)
    extract = load_sources(load_board_config(path), today=date(2025, 1, 1))
    assert sorted(reads) == ["children.csv", "court_list.csv", "hearings.csv"]
    assert len(extract.hearing_list) == 8 and len(extract.child_list) == 2  # both still read from the one reading (9 rows, 31/02 set aside)


def test_a_case_with_no_count_anywhere_stays_not_recorded_at_a_past_date(tmp_path):
    from lfjb.inputs.board import CaseTrackerSettings
    from lfjb.metrics.case_tracker import COUNTS_FROM_LATER_CASE, FCMH_NOT_RECORDED, case_tracker

    # The plain court list (no counts) beside the hearing list: case 3 is in no file with hearings at all.
    extract = load_sources(load_board_config(with_hearings(tmp_path)), today=date(2025, 1, 1))
    at = date(2024, 3, 31)
    listed, _ = case_tracker(cases_as_at(extract, at), at, CaseTrackerSettings(), True, has_hearing_dates(extract))
    reason = listed.set_index("case_id").loc["WV24C50003", "rag_reason"]
    assert FCMH_NOT_RECORDED in reason and COUNTS_FROM_LATER_CASE not in reason
    assert not any("does not date" in w for w in extract.data_quality.to_dict()["warnings"])
