"""The data extract: day-first dates, column mapping, bad rows set aside, structural errors."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from lfjb.inputs.errors import InputError
from lfjb.inputs.extract import load_extract


def test_tiny_extract_reads_day_first(tiny_board_path):
    extract = load_extract(tiny_board_path.parent / "extract.csv", local_authorities=["Northshire", "Southshire"])
    cases = extract.cases.set_index("case_id")
    assert cases.loc["C3", "issue_date"] == datetime(2025, 3, 15)
    # 01/09/2024 is 1 September (day first), not 9 January.
    assert cases.loc["C1", "issue_date"] == datetime(2024, 9, 1)
    assert pd.isna(cases.loc["C3", "disposal_date"])
    assert cases.loc["C2", "delay_drivers"] == ("court_capacity", "plo_tracking")
    assert cases.loc["C5", "delay_drivers"] == ()
    assert pd.isna(cases.loc["C5", "hearings"])
    # Fictional authorities the board lists as its own are not warned about.
    assert extract.data_quality.to_dict() == {"file": "tests/fixtures/tiny/extract.csv", "rows_read": 5, "rows_rejected": 0,
                                              "problems": [], "reasons": [], "warnings": [],
                                              "rows_rejected_words": "0 of 5 rows of extract.csv"}


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
    assert p.where == "row 3" and "court capasity" in p.message and "court_capacity" in p.hint and "inputs.values" in p.hint


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


# --- Extracts as boards receive them (issue "Real data in") -----------------------------------------


def _write(tmp_path, text: str, name: str = "extract.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_optional_columns_may_be_missing_and_are_never_zero(tmp_path):
    path = _write(tmp_path, "case_id,local_authority,issue_date,disposal_date,children\nC1,Essex,01/02/2024,01/08/2024,2\n")
    extract = load_extract(path)
    assert set(extract.missing_columns) == {"hearings", "fcmh", "outcome", "delay_drivers", "court", "pre_proceedings", "experts"}
    row = extract.cases.iloc[0]
    assert pd.isna(row["hearings"]) and pd.isna(row["fcmh"]) and row["delay_drivers"] == () and row["outcome"] == ""
    assert not extract.has_column("fcmh") and extract.has_column("children")


def test_headers_match_ignoring_case_spaces_and_punctuation(tmp_path):
    path = _write(tmp_path, "Case ID,Local Authority,Issue Date,DISPOSAL-DATE,Children\nC1,Essex,01/02/2024,,2\n")
    assert load_extract(path).cases.iloc[0]["case_id"] == "C1"


def test_one_header_may_feed_two_columns(tmp_path):
    # A court tracker whose one "Court / Ref" column is both the case reference and the court.
    path = _write(tmp_path, "Ref,local_authority,issue_date,disposal_date,children\nWOL-1,Essex,01/02/2024,,2\n")
    cases = load_extract(path, columns={"case_id": "Ref", "court": "Ref"}).cases
    assert cases.iloc[0]["case_id"] == "WOL-1" and cases.iloc[0]["court"] == "WOL-1"


def test_a_canonical_name_mapped_onto_another_columns_header_is_no_traceback(tmp_path):
    # inputs.columns: {case_id: issue_date} -- the issue dates are read as case ids too, so the file reads
    # (the ids happen to be unique) and nothing crashes.
    path = _write(tmp_path, "local_authority,issue_date,disposal_date,children\nEssex,01/02/2024,,2\nEssex,02/02/2024,,1\n")
    cases = load_extract(path, columns={"case_id": "issue_date"}).cases
    assert list(cases["case_id"]) == ["01/02/2024", "02/02/2024"]


@pytest.mark.parametrize("empty", ["", "NULL", "null", "N/A", "n/a", "-", "—"])
def test_words_for_empty_are_empty_in_every_column(tmp_path, empty):
    path = _write(tmp_path, "case_id,local_authority,issue_date,disposal_date,children,hearings,fcmh,outcome,delay_drivers\n"
                            f"C1,Essex,01/02/2024,{empty},2,{empty},{empty},{empty},{empty}\n")
    extract = load_extract(path)
    row = extract.cases.iloc[0]
    assert extract.data_quality.problems == []  # an open case, not a bad row
    assert pd.isna(row["disposal_date"]) and pd.isna(row["hearings"]) and row["outcome"] == "" and row["delay_drivers"] == ()


@pytest.mark.parametrize(("written", "expected"), [
    ("2020-01-01 00:00:00.000", datetime(2020, 1, 1)),
    ("2020-01-31T10:15:00", datetime(2020, 1, 31)),
    ("2020-01-31", datetime(2020, 1, 31)),
    ("03/04/2020", datetime(2020, 4, 3)),
    ("03-Apr-2020", datetime(2020, 4, 3)),
    ("03-APR-2020", datetime(2020, 4, 3)),
    ("3 April 2020", datetime(2020, 4, 3)),
    ("3 Apr 2020", datetime(2020, 4, 3)),
    ("43924", datetime(2020, 4, 3)),  # an Excel day number
])
def test_dates_as_systems_write_them(tmp_path, written, expected):
    path = _write(tmp_path, f"case_id,local_authority,issue_date,disposal_date,children\nC1,Essex,{written},,1\n")
    assert load_extract(path).cases.iloc[0]["issue_date"] == expected


def test_default_words_for_drivers_and_outcomes(tmp_path):
    path = _write(tmp_path, "case_id,local_authority,issue_date,disposal_date,children,outcome,delay_drivers\n"
                            'C1,Essex,01/02/2024,01/09/2024,1,SGO,"PLO tracking; Lack of trust in LA assessments"\n'
                            "C2,Essex,01/02/2024,01/09/2024,1,Care Order,Court capacity | late_family_presentation\n")
    cases = load_extract(path).cases.set_index("case_id")
    assert cases.loc["C1", "outcome"] == "special_guardianship_order"
    assert cases.loc["C1", "delay_drivers"] == ("plo_tracking", "trust_in_la_assessments")
    assert cases.loc["C2", "outcome"] == "care_order"
    assert cases.loc["C2", "delay_drivers"] == ("court_capacity", "late_family_presentation")


def test_the_boards_own_words_ignoring_case_and_spaces(tmp_path):
    path = _write(tmp_path, "case_id,local_authority,issue_date,disposal_date,children,outcome,delay_drivers\n"
                            "C1,WLV,01/02/2024,01/09/2024,1,FCO,court availability\n")
    values = {"delay_drivers": {"Court Availability": "court_capacity"}, "outcome": {"fco": "care_order"},
              "local_authority": {"wlv": "Wolverhampton"}}
    row = load_extract(path, values=values).cases.iloc[0]
    assert (row["delay_drivers"], row["outcome"], row["local_authority"]) == (("court_capacity",), "care_order", "Wolverhampton")


def test_an_unknown_outcome_word_is_one_problem_naming_its_rows(tmp_path):
    rows = "".join(f"C{i},Essex,01/02/2024,01/09/2024,1,Final order\n" for i in range(3))
    path = _write(tmp_path, "case_id,local_authority,issue_date,disposal_date,children,outcome\n" + rows)
    with pytest.raises(InputError) as caught:
        load_extract(path)
    [p] = caught.value.problems
    assert p.key == "outcome" and "'Final order'" in p.message and "3 rows" in p.message
    assert p.where == "rows 2, 3, 4" and "inputs.values" in p.hint and "care_order" in p.hint


@pytest.mark.parametrize("written", ["City of Wolverhampton Council", "Wolverhampton", "WOLVERHAMPTON ", "E08000031", "336"])
def test_local_authority_names_and_codes_resolve_to_one(tmp_path, written):
    path = _write(tmp_path, f'case_id,local_authority,issue_date,disposal_date,children\nC1,"{written}",01/02/2024,,1\n')
    extract = load_extract(path, local_authorities=["Wolverhampton"])
    assert extract.cases.iloc[0]["local_authority"] == "Wolverhampton"
    assert extract.data_quality.warnings == []


def test_authorities_elsewhere_or_unknown_are_warned_about_and_still_counted(tmp_path):
    path = _write(tmp_path, "case_id,local_authority,issue_date,disposal_date,children\n"
                            "C1,Staffordshire,01/02/2024,,1\nC2,Staffordshire,01/02/2024,,1\nC3,Westshire,01/02/2024,,1\n")
    extract = load_extract(path, local_authorities=["Wolverhampton", "Walsall"])
    assert len(extract.cases) == 3
    [elsewhere] = [w for w in extract.data_quality.warnings if "Staffordshire" in w]
    [unknown] = [w for w in extract.data_quality.warnings if "Westshire" in w]
    assert "(2 rows) is not one of the board's local authorities" in elsewhere
    assert "(1 row) matches no local authority" in unknown and "inputs.values.local_authority" in unknown


def _black_country(walsall_dates: list[str]) -> str:
    rows = ["C1,Dudley,25/01/2024,,1", "C2,Dudley,14/02/2024,20/09/2024,1", "C3,Sandwell,05/03/2024,,1"]
    rows += [f"W{i},Walsall,{d},,1" for i, d in enumerate(walsall_dates)]
    return "case_id,local_authority,issue_date,disposal_date,children\n" + "\n".join(rows) + "\n"


def test_one_authoritys_month_first_dates_stop_the_run_with_the_fix(tmp_path):
    # Walsall writes month first: 03/25/2024 only makes sense as 25 March, and none of its dates only
    # makes sense day first, so its 04/03/2024 would be misread as 4 March.
    path = _write(tmp_path, _black_country(["03/25/2024", "04/03/2024", "01/30/2024"]))
    with pytest.raises(InputError) as caught:
        load_extract(path)
    [p] = caught.value.problems
    assert "Walsall" in p.message and "2 of its 3 rows" in p.message
    assert 'date_formats: {"Walsall": "%m/%d/%Y"}' in p.hint
    # With the per-authority format, Walsall reads month first and the others day first.
    cases = load_extract(path, date_formats={"Walsall": "%m/%d/%Y"}).cases.set_index("case_id")
    assert cases.loc["W1", "issue_date"] == datetime(2024, 4, 3)
    assert cases.loc["C1", "issue_date"] == datetime(2024, 1, 25)


def test_a_stray_month_first_date_in_a_day_first_authority_is_set_aside(tmp_path):
    # Walsall's 25/01/2024 shows it writes day first, so 03/25/2024 is a slip: set aside and said.
    path = _write(tmp_path, _black_country(["25/01/2024", "03/25/2024", "04/03/2024"]))
    extract = load_extract(path)
    assert "W1" not in set(extract.cases["case_id"])
    [problem] = extract.data_quality.problems
    assert problem["case_id"] == "W1" and "month-first" in problem["message"]
    assert any("Walsall" in w and "month-first" in w for w in extract.data_quality.warnings)


def test_a_case_with_no_number_of_children_stays_in_every_other_figure(tmp_path):
    path = _write(tmp_path, "case_id,local_authority,issue_date,disposal_date,children\nC1,Essex,01/02/2024,01/08/2024,\nC2,Essex,01/02/2024,,2\n")
    extract = load_extract(path)
    assert len(extract.cases) == 2 and extract.data_quality.problems == []
    assert extract.cases["children"].sum() == 2
    assert any("no number of children" in w for w in extract.data_quality.warnings)


def test_child_level_rows_make_one_case_each(tmp_path):
    path = _write(tmp_path, "Case Number,Child,local_authority,issue_date,disposal_date\n"
                            "K1,A,Essex,01-Jan-2024,01-Jul-2024\nK1,B,Essex,01-Jan-2024,03-Jul-2024\n"
                            "K2,C,Essex,05-Jan-2024,\nK2,D,Essex,05-Jan-2024,01-Aug-2024\nK3,E,Essex,09-Jan-2024,\n")
    extract = load_extract(path, columns={"case_id": "Case Number"}, rows="child")
    cases = extract.cases.set_index("case_id")
    assert dict(cases["children"]) == {"K1": 2, "K2": 2, "K3": 1}
    # A case ends when its last child's proceedings end; one still open keeps the case open.
    assert cases.loc["K1", "disposal_date"] == datetime(2024, 7, 3)
    assert pd.isna(cases.loc["K2", "disposal_date"])
    assert extract.data_quality.problems == [] and extract.data_quality.rows_read == 5
    assert any("different dates" in w for w in extract.data_quality.warnings)


def test_authorities_are_shown_as_the_board_writes_them(tmp_path):
    # DfE's reference names are "St. Helens" and "Herefordshire, County of"; a board pack says what the
    # board's own terms of reference say, and otherwise the name as people say it.
    path = _write(tmp_path, "case_id,local_authority,issue_date,disposal_date,children\n"
                            "C1,E08000013,01/02/2024,,1\nC2,884,01/02/2024,,1\nC3,801,01/02/2024,,1\n")
    extract = load_extract(path, local_authorities=["St Helens", "Herefordshire", "Bristol"],
                           date_formats={"St Helens": "%d/%m/%Y"})
    assert list(extract.cases["local_authority"]) == ["St Helens", "Herefordshire", "Bristol"]
    assert extract.data_quality.warnings == []
    assert load_extract(path).cases["local_authority"].tolist() == ["St. Helens", "Herefordshire", "Bristol"]


def test_text_cells_read_alike_whether_or_not_the_column_mixes_types():
    from lfjb.inputs.extract import _text

    # Text-only columns (CSV) take a plain-Python path; a spreadsheet column mixing numbers and text
    # goes through pandas' string methods. Both must give the same text: stripped (Unicode spaces
    # too), control and bidi characters removed, words for empty as ''.
    cells = ["  Surrey ", "\u00a0N/A\u2003", "NULL", "-", "\u2014", "NaN", "Wolver\u202ehampton", "\u0130stanbul",
             "\tx\n", "none", "None of it", ""]
    text_only = _text(pd.Series(cells, dtype=object))
    mixed = _text(pd.Series([*cells, 5], dtype=object))
    assert list(text_only) == list(mixed)[:-1]
    assert list(text_only)[:7] == ["Surrey", "", "", "", "", "", "Wolverhampton"]


def test_issue_and_disposal_dates_from_one_column_is_an_error(tmp_path):
    # Mapped to one header, every case would last 0 weeks and be 100% within 26 weeks (issue 24.8).
    path = tmp_path / "extract.csv"
    path.write_text("Case,LA,Date,Kids\nA1,Wolverhampton,01/04/2024,1\n", encoding="utf-8")
    columns = {"case_id": "Case", "local_authority": "LA", "issue_date": "Date", "disposal_date": "Date", "children": "Kids"}
    with pytest.raises(InputError) as caught:
        load_extract(path, columns=columns)
    [p] = caught.value.problems
    assert p.key == "disposal_date" and "'Date'" in p.message and "two columns" in p.message


def test_a_child_row_set_aside_takes_its_whole_case(tmp_path):
    # Case K1 has three children; the second child's disposal date cannot be read. Counted without it,
    # K1 would have two children (not three) and be disposed of on 01/10/2024 though a child's
    # proceedings may not have ended: the whole case is set aside instead, every row listed (issue 24.20).
    path = tmp_path / "children.csv"
    path.write_text("case_id,local_authority,issue_date,disposal_date\n"
                    "K1,Wolverhampton,01/04/2024,01/10/2024\n"
                    "K1,Wolverhampton,01/04/2024,31/02/2025\n"
                    "K1,Wolverhampton,01/04/2024,\n"
                    "K2,Wolverhampton,01/05/2024,01/11/2024\n", encoding="utf-8")
    extract = load_extract(path, rows="child")
    assert extract.cases["case_id"].tolist() == ["K2"]
    dq = extract.data_quality
    assert dq.rows_rejected == 3
    by_row = {p["row"]: p["message"] for p in dq.problems}
    assert "disposal date" in by_row[3]
    assert by_row[2] == by_row[4] == "row 3 of the same case was set aside, so the whole case was set aside"
    # One reason for the whole case besides the date itself.
    assert [r["rows"] for r in dq.to_dict()["reasons"] if r["column"] == "case_id"] == [2]


def test_a_date_formats_key_matching_no_authority_is_reported(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text("case_id,local_authority,issue_date,disposal_date,children\n"
                    "A1,Dudley,04/01/2024,,1\nA2,Walsall,04/01/2024,,1\n", encoding="utf-8")
    # A typo names no authority: its rows would be read day-first unnoticed.
    with pytest.raises(InputError) as caught:
        load_extract(path, date_formats={"Dudly": "%m/%d/%Y"})
    [p] = caught.value.problems
    assert p.key == "date_formats" and "'Dudly'" in p.message and "Did you mean 'Dudley'?" in p.hint
    # A real authority with no rows in this extract: said, and the rows read as usual.
    extract = load_extract(path, date_formats={"Sandwell": "%m/%d/%Y"})
    assert any("'Sandwell'" in w and "not used" in w for w in extract.data_quality.warnings)
    assert extract.cases["issue_date"].tolist() == [datetime(2024, 1, 4)] * 2


# Cells of a column with more distinct values than MANY_DISTINCT (case ids: one a row) are cleaned by
# pyarrow's kernels where that gives the same text; these cells are the ones where it could differ.
AWKWARD_CELLS = [" C1 ", "\tC2\r\n", "NULL", " n/a ", "None", "NaT", "-", " — ", "–", "\u00a0C3\u00a0", "\u2003", "C4\u202e",
                 "C\x005", "\x1fC6\x1c", "\x0bC7\x0c", "\x7f", "Ümit", "ǅ", "\u0130", "", "   "]


def test_many_distinct_cells_are_cleaned_as_few_are():
    from lfjb.inputs.extract import MANY_DISTINCT, _cell_text, _strip

    values = pd.Series(AWKWARD_CELLS + [f"C{n}" for n in range(MANY_DISTINCT + 1)], dtype=object)
    assert _strip(values).tolist() == [_cell_text(v) for v in values]
    assert _strip(values).tolist()[:10] == ["C1", "C2", "", "", "", "", "", "", "", "C3"]


def test_many_distinct_cells_with_a_lone_surrogate_are_still_cleaned():
    from lfjb.inputs.extract import MANY_DISTINCT, _strip

    values = pd.Series(["a\udc80 ", " NULL "] + [f"C{n}" for n in range(MANY_DISTINCT + 1)], dtype=object)
    assert _strip(values).tolist()[:3] == ["a", "", "C0"]  # the surrogate removed, as clean_text does


# --- Issue 24, round 2: ids that differ only in case or spaces were two cases in the spine -------------------


def test_a_case_id_repeated_in_another_case_or_spacing_is_a_repeat(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text("case_id,local_authority,issue_date,disposal_date,children\n"
                    "AB24C1,Wolverhampton,01/04/2024,,1\n"
                    "AB24C2,Wolverhampton,02/04/2024,,1\n"
                    "ab24 c1,Wolverhampton,01/04/2024,,1\n"
                    "AB24-C3,Wolverhampton,03/04/2024,,1\n")
    extract = load_extract(path)
    assert list(extract.cases["case_id"]) == ["AB24C1", "AB24C2", "AB24-C3"]
    [problem] = extract.data_quality.problems
    assert problem["row"] == 4 and "repeats row 2" in problem["message"]


# --- Issue 24, round 2: case ids reached the pack through the local authority column and the total-row note ------


def test_a_case_id_in_the_local_authority_column_is_never_quoted_in_the_pack(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text("case_id,local_authority,issue_date,disposal_date,children\n"
                    "REPT0001,Wolverhampton,01/04/2024,,1\n"
                    "REPT0002,rept 0001,02/04/2024,,1\n"  # a shifted row: a case id where the authority should be
                    "REPT0003,Wolverhampton,03/04/2024,REPT0002,1\n"  # and one where a date should be
                    "TOTAL REPT0007,,,,3\n")
    extract = load_extract(path)
    assert list(extract.cases["local_authority"]) == ["Wolverhampton", "Not recorded"]
    dq = extract.data_quality.to_dict()
    text = repr(dq).lower()
    assert "rept" not in text
    assert any("a case id in the local authority column" in w for w in dq["warnings"])
    assert any("says 'TOTAL'" in w for w in dq["warnings"])
    [problem] = dq["problems"]
    assert problem["row"] == 4 and problem["value"] is None


def test_the_authority_of_a_row_without_a_case_id_is_not_quoted(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text("case_id,local_authority,issue_date,disposal_date,children\n"
                    "REPT0001,Wolverhampton,01/04/2024,,1\n"
                    ",SHIFTED0099,10/02/2025,,1\n")
    extract = load_extract(path)
    assert "SHIFTED0099" not in repr(extract.data_quality.to_dict())
    assert [p["message"] for p in extract.data_quality.problems] == ["the case id is empty"]


def test_the_case_ids_are_keyed_once_when_an_authority_word_names_no_authority(tmp_path, monkeypatch):
    """The case-id-in-the-authority-column check and the repeated-id rule share one keying of the case
    ids (a million ids take about half a second each time), and the check keys each distinct authority
    word, not every row (issue 22, item 4: the million-case JSON goal)."""
    import lfjb.inputs.extract as extract_module

    rows = "".join(f"C{i:04d},{'North' if i % 2 else 'South'},01/04/2024,,1\n" for i in range(50))
    path = tmp_path / "extract.csv"
    path.write_text("case_id,local_authority,issue_date,disposal_date,children\n" + rows + "C0007x,c 0003,02/04/2024,,1\n")
    keyed = []
    real = extract_module.case_id_key
    monkeypatch.setattr(extract_module, "case_id_key", lambda values: keyed.append(len(values)) or real(values))
    extract = load_extract(path)
    assert sorted(keyed) == [3, 51]  # the three distinct authority words, and the 51 case ids once
    assert list(extract.cases["local_authority"])[-1] == "Not recorded"  # 'c 0003' is case C0003's id
