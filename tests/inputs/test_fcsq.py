"""Reading MoJ's FCSQ files as published (lfjb/inputs/fcsq.py): the DFJ-level file, the national care timeliness,
MoJ's DFJ spellings and marks, and a warning for everything left out. Fixtures: tests/fixtures/fcsq/."""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest

from lfjb.inputs.fcsq import DFJ_FILE, check_fcsq_paths, read_fcsq, read_fcsq_files
from lfjb.dfj import dfj_area_names, find_dfj_area
from lfjb.inputs.errors import InputError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "fcsq"
DFJ = FIXTURES / "dfj_real_layout.csv"
TIMELINESS = FIXTURES / "timeliness_real_layout.csv"
SAMPLE = Path(str(resources.files("lfjb.data").joinpath("fcsq_sample.csv")))
SAMPLE_TIMELINESS = Path(str(resources.files("lfjb.data").joinpath("fcsq_timeliness_sample.csv")))
HEADER = "category,stage,year,quarter,dfj_new,region,count,cases\n"

# Every DFJ name MoJ writes in FCSQ's DFJ file (FCSQ_data adopt_dfj.csv @ bede2498, 2011-2021), and the
# area HMCTS's court mapping puts it in (fpl-ccd-configuration dfjAreaCourtMapping.json + courts.json).
MOJ_DFJ_NAMES = {
    "Central Family Court": "Central London", "East London Family Court": "East London",
    "West London Family Court": "West London", "Birmingham DJF": "Birmingham", "Coventry DFJ": "Coventry",
    "Derby DFJ": "Derby", "Leicester DFJ": "Leicester", "Lincoln DFJ": "Lincoln", "Northampton DFJ": "Northampton",
    "Nottingham DFJ": "Nottingham", "Stoke on Trent DFJ": "Stoke-on-Trent", "Wolverhampton DFJ": "Wolverhampton",
    "Worcester DFJ": "Worcester", "Cleveland and South Durham DFJ": "Cleveland and South Durham",
    "Kingston-upon-Hull DFJ": "Humberside", "Leeds DFJ": "West Yorkshire",
    "Newcastle upon Tyne DFJ": "Northumbria and North Durham", "Sheffield DFJ": "South Yorkshire",
    "York DFJ": "North Yorkshire", "Carlisle DFJ": "Carlisle", "Liverpool DFJ": "Liverpool",
    "Manchester DFJ": "Manchester", "Preston DFJ": "Blackburn/Lancaster", "Brighton DFJ": "Brighton",
    "Chelmsford DFJ": "Essex and Suffolk", "Guildford DFJ": "Guildford", "Luton DFJ": "Luton", "Medway DFJ": "Medway",
    "Milton Keynes DFJ": "Milton Keynes", "Norwich DFJ": "Norwich", "Oxford DFJ": "Reading",
    "Peterborough DFJ": "Peterborough", "Reading DFJ": "Reading", "Watford DFJ": "Watford",
    "Bournemouth and Poole DFJ": "Bournemouth and Dorset", "Bristol DFJ": "Bristol", "Devon DFJ": "Devon",
    "Portsmouth DFJ": "Portsmouth", "Swindon DFJ": "Swindon", "Taunton DFJ": "Taunton", "Truro DFJ": "Truro",
    "Caernarfon DFJ": "North Wales", "South East Wales DFJ": "South East Wales", "Swansea DFJ": "Swansea",
    "Wrexham DFJ": "North Wales",
    # used in earlier years only
    "Cardiff DFJ": "South East Wales", "Plymouth DFJ": "Devon", "Exeter DFJ": "Devon",
}


@pytest.mark.parametrize(("moj_name", "area"), sorted(MOJ_DFJ_NAMES.items()))
def test_every_dfj_name_moj_writes_resolves_to_its_area(moj_name, area):
    found = find_dfj_area(moj_name)
    assert found is not None and found.name == area


def test_the_45_current_names_cover_all_43_areas():
    current = {n: a for n, a in MOJ_DFJ_NAMES.items() if n not in ("Cardiff DFJ", "Plymouth DFJ", "Exeter DFJ")}
    assert len(current) == 45
    assert set(current.values()) == set(dfj_area_names())


def test_the_shipped_sample_uses_every_moj_spelling_and_skips_other_case_types():
    data = read_fcsq(SAMPLE)
    assert data.kind == DFJ_FILE
    assert set(data.frame["dfj"]) == {n for n in MOJ_DFJ_NAMES if n not in ("Cardiff DFJ", "Plymouth DFJ", "Exeter DFJ")}
    assert set(data.frame["area"]) == set(dfj_area_names())
    assert data.skipped["other_category"] > 0 and data.skipped["marked_values"] > 0
    assert "unknown_dfj" not in data.skipped
    quarters = {(y, q) for y, q in zip(data.frame["year"], data.frame["quarter"], strict=True)}
    assert len(quarters) >= 8


def test_many_moj_names_add_up_to_one_area():
    """Oxford DFJ is in the Reading area; Wrexham and Caernarfon are both North Wales (12 + 4 started)."""
    frame = read_fcsq(DFJ).frame
    q1 = frame[(frame["year"] == 2025) & (frame["quarter"] == 1)]
    reading = q1[q1["area"] == "Reading"]
    assert list(reading["dfj"].unique()) == ["Oxford DFJ"] and reading[reading["stage"] == "start"]["cases"].sum() == 16
    wales = q1[(q1["area"] == "North Wales") & (q1["stage"] == "start")]
    assert sorted(wales["dfj"]) == ["Caernarfon DFJ", "Wrexham DFJ"] and wales["cases"].sum() == 16


def test_other_categories_are_skipped_counted_and_named():
    data = read_fcsq(DFJ)
    assert data.skipped["other_category"] == 3
    warning = next(w for w in data.warnings if "other case types" in w)
    assert "Private Law (2)" in warning and "Adoption (1)" in warning
    assert set(data.frame["stage"]) == {"start", "end"}


def test_an_unknown_dfj_name_is_a_warning_with_its_rows_and_a_did_you_mean():
    data = read_fcsq(DFJ)
    assert data.skipped["unknown_dfj"] == 1
    warning = next(w for w in data.warnings if "Wolverhamptn DFJ" in w)
    assert "row 15" in warning and "Did you mean 'Wolverhampton'?" in warning and "dfj_aliases.csv" in warning
    assert "Wolverhamptn DFJ" not in set(data.frame["dfj"])


@pytest.mark.parametrize("mark", ["*", "**", ".", ":", "[c]", "[x]", "[z]", "..", ""])
def test_each_moj_mark_reads_as_not_available(tmp_path, mark):
    path = tmp_path / "fcsq.csv"
    path.write_text(HEADER + f"Public Law,Start,2025,1,Swansea DFJ,WALES,10,{mark}\n"
                    + "Public Law,End,2025,1,Swansea DFJ,WALES,12,7\n", encoding="utf-8")
    data = read_fcsq(path)
    start = data.frame[data.frame["stage"] == "start"].iloc[0]
    assert start["cases"] is None
    assert data.skipped["marked_values"] == 1


def test_older_words_and_column_spellings_still_read(tmp_path):
    """dfj (not dfj_new), 'Q1' quarters, Applications/Disposals stages and a care category."""
    path = tmp_path / "fcsq.csv"
    path.write_text("year,quarter,region,dfj,category,stage,count,cases\n"
                    "2025,Q1,Midlands,Worcester DFJ,Public law,Applications,20,12\n"
                    "2025,Q1,Midlands,Worcester DFJ,Public law,Disposals,15,10\n", encoding="utf-8")
    frame = read_fcsq(path).frame
    assert sorted(frame["stage"]) == ["end", "start"] and list(frame["quarter"]) == [1, 1]


def test_a_single_year_quarter_column_reads(tmp_path):
    path = tmp_path / "fcsq.csv"
    path.write_text("quarter,dfj_new,stage,cases\n2025-Q1,Worcester DFJ,Start,12\n", encoding="utf-8")
    frame = read_fcsq(path).frame
    assert (frame["year"].iloc[0], frame["quarter"].iloc[0], frame["cases"].iloc[0]) == (2025, 1, 12)


def test_care_rows_are_not_counted_twice_beside_public_law(tmp_path):
    path = tmp_path / "fcsq.csv"
    path.write_text(HEADER + "Public Law,Start,2025,1,Worcester DFJ,MIDLANDS,20,12\n"
                    "Care and Supervision,Start,2025,1,Worcester DFJ,MIDLANDS,18,10\n", encoding="utf-8")
    data = read_fcsq(path)
    assert list(data.frame["cases"]) == [12]
    assert any("counted twice" in w or "count those cases twice" in w for w in data.warnings)


def test_aliases_beside_the_file_and_passed_in_are_used(tmp_path):
    path = tmp_path / "fcsq.csv"
    path.write_text(HEADER + "Public Law,Start,2025,1,Oxon DFJ,SOUTH EAST,20,12\n"
                    "Public Law,Start,2025,1,Gwent DFJ,WALES,20,9\n", encoding="utf-8")
    (tmp_path / "dfj_aliases.csv").write_text("name,alias\nReading,Oxon DFJ\n", encoding="utf-8")
    inputs = read_fcsq_files([path], extra_aliases={"Gwent": "South East Wales"})
    assert set(inputs.dfj.frame["area"]) == {"Reading", "South East Wales"}
    assert inputs.aliases_files and inputs.aliases_files[0].endswith("dfj_aliases.csv")


def test_a_file_of_neither_kind_is_an_input_error_naming_its_header():
    with pytest.raises(InputError, match="board, month, figure"):
        read_fcsq(FIXTURES / "not_an_fcsq_file.csv")


def test_two_files_of_the_same_kind_are_refused():
    with pytest.raises(InputError, match="give one of each kind"):
        read_fcsq_files([SAMPLE, DFJ])


# --- MoJ's marks (issue 20 item 3) ------------------------------------------------------------------------

TIMELINESS_HEADER = "Year,Quarter,Number_of_disposals,Mean_duration,Median_duration,Disposed_in_26_weeks\n"


def _write(tmp_path, text: str, name: str = "fcsq.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("quarter", ["Q1 (p)", "Q1 [p]", "Q1 P", "1 (p)", "Q1p"])
def test_a_provisional_quarter_is_read_used_and_said(tmp_path, quarter):
    path = _write(tmp_path, HEADER + f"Public Law,Start,2025,{quarter},Worcester DFJ,MIDLANDS,20,12\n"
                  "Public Law,Start,2024,Q4,Worcester DFJ,MIDLANDS,20,10\n")
    data = read_fcsq(path)
    q1 = data.frame[data.frame["year"] == 2025].iloc[0]
    assert (q1["quarter"], q1["cases"], q1["status"]) == (1, 12, "provisional")
    assert data.frame[data.frame["year"] == 2024].iloc[0]["status"] is None
    assert any("marked provisional (2025 Q1): used" in w for w in data.warnings)
    assert "unreadable_quarter" not in data.skipped and "annual" not in data.skipped


def test_a_provisional_latest_quarter_in_the_timeliness_file_is_a_quarter_not_a_year(tmp_path):
    """'2025-Q1 (p)' was read as an annual row of no year and dropped."""
    path = _write(tmp_path, TIMELINESS_HEADER + ",2024-Q4,1000,41.0,36.0,0.35\n,2025-Q1 (p),900,40.0,35.0,0.40\n")
    frame = read_fcsq(path).frame
    assert list(frame["quarter"]) == [4, 1] and list(frame["status"]) == [None, "provisional"]


@pytest.mark.parametrize(("column", "value", "status"), [
    ("status", "P", "provisional"), ("status", "Provisional", "provisional"), ("status", "[p]", "provisional"),
    ("status", "R", "revised"), ("status", "Revised", "revised"), ("status", "Final", None),
    ("data_status", "provisional", "provisional"),
])
def test_a_status_column_marks_rows_provisional_or_revised(tmp_path, column, value, status):
    path = _write(tmp_path, f"category,stage,year,quarter,dfj_new,region,count,cases,{column}\n"
                  f"Public Law,Start,2025,1,Worcester DFJ,MIDLANDS,20,12,{value}\n")
    assert read_fcsq(path).frame["status"].iloc[0] == status


def test_revised_marks_beside_a_figure_are_read_and_the_figure_used(tmp_path):
    path = _write(tmp_path, HEADER + 'Public Law,Start,2024,4,Worcester DFJ,MIDLANDS,20,"1,012 [r]"\n'
                  "Public Law,End,2024,4,Worcester DFJ,MIDLANDS,20,7 (r)\n")
    data = read_fcsq(path)
    assert list(data.frame["cases"]) == [1012, 7] and set(data.frame["status"]) == {"revised"}
    assert any("marked revised (2024 Q4): used" in w for w in data.warnings)
    assert "marked_values" not in data.skipped


def test_annual_rows_are_set_aside_as_annual_not_as_unreadable(tmp_path):
    path = _write(tmp_path, HEADER + "Public Law,Start,2024,,Worcester DFJ,MIDLANDS,80,50\n"
                  "Public Law,Start,2024,Annual,Worcester DFJ,MIDLANDS,80,50\n"
                  "Public Law,Start,2024,4,Worcester DFJ,MIDLANDS,20,12\n")
    data = read_fcsq(path)
    assert data.skipped == {"annual": 2} and list(data.frame["cases"]) == [12]
    warning = next(w for w in data.warnings if "annual" in w)
    assert "2 annual rows (2024; rows 2, 3) set aside" in warning and "could not be read" not in warning


@pytest.mark.parametrize("header", ["children", "Number of children"])
def test_a_column_named_for_children_is_never_orders(tmp_path, header):
    path = _write(tmp_path, f"category,stage,year,quarter,dfj_new,region,{header},cases\n"
                  "Public Law,Start,2025,1,Worcester DFJ,MIDLANDS,35,12\n")
    data = read_fcsq(path)
    assert pd.isna(data.frame["orders"].iloc[0]) and data.frame["cases"].iloc[0] == 12
    assert any(f"'{header}' counts children" in w for w in data.warnings)


@pytest.mark.parametrize(("mark", "reason"), [
    ("[c]", "confidential"), ("[x]", "not available"), ("[z]", "not applicable"), ("[low]", "too small to show"),
])
def test_official_shorthand_in_place_of_a_figure_is_read_as_its_reason(tmp_path, mark, reason):
    path = _write(tmp_path, HEADER + f"Public Law,Start,2025,1,Swansea DFJ,WALES,10,{mark}\n")
    data = read_fcsq(path)
    assert data.frame["cases"].iloc[0] is None
    warning = next(w for w in data.warnings if "marked as not available" in w)
    assert f"'{mark}'" in warning and reason in warning and "not a number" not in " ".join(data.warnings)


def test_low_reliability_beside_a_figure_is_used_and_named(tmp_path):
    path = _write(tmp_path, HEADER + "Public Law,Start,2025,1,Swansea DFJ,WALES,10,8 [u]\n")
    data = read_fcsq(path)
    assert data.frame["cases"].iloc[0] == 8
    assert any("marked [u] (low reliability): used" in w for w in data.warnings)


# --- MoJ rows checked (issue 24 items 4 and 10) -----------------------------------------------------------


def _problems(path: Path) -> list:
    with pytest.raises(InputError) as exc:
        read_fcsq(path)
    return exc.value.problems


def test_the_same_row_twice_is_counted_once_and_said(tmp_path):
    row = "Public Law,Start,2025,1,Worcester DFJ,MIDLANDS,100,60\n"
    data = read_fcsq(_write(tmp_path, HEADER + row + row))
    assert list(data.frame["cases"]) == [60] and data.skipped["duplicate"] == 1
    assert any("repeated word for word (row 3)" in w for w in data.warnings)


def test_two_rows_for_the_same_figure_that_disagree_are_an_error_naming_both(tmp_path):
    problems = _problems(_write(tmp_path, HEADER + "Public Law,Start,2025,1,Worcester DFJ,MIDLANDS,100,60\n"
                                "Public Law,Start,2025,1,Worcester DFJ,MIDLANDS,100,61\n"))
    assert problems[0].where == "rows 2, 3" and "disagree" in problems[0].message


def test_two_national_rows_for_a_quarter_are_an_error(tmp_path):
    problems = _problems(_write(tmp_path, HEADER + "Public Law,Start,2025,1,England and Wales,,100,6000\n"
                                "Public Law,Start,2025,1,National,,100,6000\n"))
    assert problems[0].where == "rows 2, 3" and "2 national rows for 2025 Q1 Start" in problems[0].message


def test_a_regional_total_row_is_not_read_as_england_and_wales(tmp_path):
    data = read_fcsq(_write(tmp_path, HEADER + "Public Law,Start,2025,1,Total,MIDLANDS,900,500\n"
                            "Public Law,Start,2025,1,England and Wales,,9000,6000\n"))
    assert list(data.frame["cases"]) == [6000] and data.skipped["regional_total"] == 1


@pytest.mark.parametrize(("value", "words"), [
    ("-60", "negative"), ("12.5", "not a whole number"), ("1e308", "larger than any count"), ("inf", "not a number"),
    ("-inf", "not a number"), ("Infinity", "not a number"),
])
def test_a_count_that_cannot_be_right_is_a_located_error(tmp_path, value, words):
    problems = _problems(_write(tmp_path, HEADER + "Public Law,Start,2025,1,Worcester DFJ,MIDLANDS,20,12\n"
                                f"Public Law,End,2025,1,Worcester DFJ,MIDLANDS,20,{value}\n"))
    assert len(problems) == 1 and problems[0].where == "row 3" and problems[0].key == "cases"
    assert words in problems[0].message


def test_inf_as_a_year_is_an_unreadable_row_not_a_traceback(tmp_path):
    data = read_fcsq(_write(tmp_path, HEADER + "Public Law,Start,inf,1,Worcester DFJ,MIDLANDS,20,12\n"
                            "Public Law,Start,2025,1,Worcester DFJ,MIDLANDS,20,12\n"))
    assert data.skipped["unreadable_quarter"] == 1 and len(data.frame) == 1


def test_inf_in_the_timeliness_file_is_a_located_error(tmp_path):
    problems = _problems(_write(tmp_path, TIMELINESS_HEADER + ",2025-Q1,inf,40.0,35.0,0.40\n"))
    assert problems[0].where == "row 2" and "not a number" in problems[0].message


def test_one_proportion_above_1_is_an_error_not_every_proportion_a_percentage(tmp_path):
    """0.63 must stay 63%; 1.5 among proportions is named, not taken as a sign that all are percentages."""
    problems = _problems(_write(tmp_path, TIMELINESS_HEADER + ",2024-Q4,1000,41.0,36.0,0.63\n,2025-Q1,900,40.0,35.0,1.5\n"))
    assert problems[0].where == "row 3" and "above 1" in problems[0].message
    data = read_fcsq(_write(tmp_path, TIMELINESS_HEADER + ",2024-Q4,1000,41.0,36.0,0.63\n", "ok.csv"))
    assert data.frame["pct_within_26"].iloc[0] == pytest.approx(63.0)


def test_a_column_of_percentages_without_a_percent_sign_reads_and_one_over_100_is_named(tmp_path):
    data = read_fcsq(_write(tmp_path, TIMELINESS_HEADER + ",2024-Q4,1000,41.0,36.0,30\n,2025-Q1,900,40.0,35.0,40\n"))
    assert list(data.frame["pct_within_26"]) == [30, 40]
    problems = _problems(_write(tmp_path, TIMELINESS_HEADER + ",2024-Q4,1000,41.0,36.0,30\n,2025-Q1,900,40.0,35.0,140\n", "b.csv"))
    assert problems[0].where == "row 3" and "above 100%" in problems[0].message


def test_negative_weeks_are_a_located_error(tmp_path):
    problems = _problems(_write(tmp_path, TIMELINESS_HEADER + ",2025-Q1,900,-40.0,35.0,0.4\n"))
    assert problems[0].key == "Mean_duration" and "weeks" in problems[0].message


@pytest.mark.parametrize(("category", "stage"), [("Non-public law", "Start"), ("Public Law", "Started"),
                                                 ("Public Law", "Endorsed"), ("Public law (other)", "End")])
def test_categories_and_stages_are_matched_by_exact_name(tmp_path, category, stage):
    data = read_fcsq(_write(tmp_path, HEADER + "Public Law,Start,2025,1,Worcester DFJ,MIDLANDS,20,12\n"
                            f"{category},{stage},2025,1,Worcester DFJ,MIDLANDS,20,60\n"))
    assert list(data.frame["cases"]) == [12]


# --- files as saved, and hostile ones (issue 24 items 3, 15, 18, low) -------------------------------------

DFJ_TEXT = HEADER + "Public Law,Start,2025,1,Ynys Môn – Wrexham DFJ,WALES,20,12\nPublic Law,Start,2025,1,Worcester DFJ,MIDLANDS,20,9\n"


@pytest.mark.parametrize(("encoding", "sep"), [("utf-16", ","), ("utf-16", "\t"), ("cp1252", ","), ("utf-8", ";"),
                                               ("utf-8", "\t"), ("utf-8-sig", ";")])
def test_fcsq_files_in_every_encoding_and_separator_excel_saves(tmp_path, encoding, sep):
    data = read_fcsq(_write(tmp_path, DFJ_TEXT.replace(",", sep), encoding=encoding))
    assert data.kind == DFJ_FILE and list(data.frame["cases"]) == [9]
    assert any("'Ynys Môn – Wrexham DFJ' is not a DFJ area" in w for w in data.warnings)


def test_control_characters_and_bidi_overrides_are_cleaned_from_fcsq_text(tmp_path):
    hostile = "\x1b]0;owned\x07\x1b[2J\u202eGotham DFJ"
    data = read_fcsq(_write(tmp_path, HEADER + f"Public Law,Start,2025,1,{hostile},MIDLANDS,20,12\n"
                            "Public\u202e Law,Start,2025,1,Worcester DFJ,MIDLANDS,20,9\n"))
    text = " ".join(data.warnings) + " ".join(data.frame["dfj"])
    assert not any(ch in text for ch in "\x1b\x07\u202e")
    assert "Gotham DFJ" in text and list(data.frame["cases"]) == [9]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_as_an_fcsq_file_is_refused_at_once(tmp_path):
    fifo = tmp_path / "fcsq.csv"
    os.mkfifo(fifo)
    problems = _problems(fifo)
    assert "is not a file" in problems[0].message and problems[0].key == "--fcsq"
    assert "is not a file" in check_fcsq_paths([fifo])[0].message


def test_a_device_as_an_fcsq_file_is_refused(tmp_path):
    device = Path("/dev/zero")
    if not device.exists():
        pytest.skip("no /dev/zero")
    assert "is not a file" in _problems(device)[0].message


def test_an_fcsq_file_over_the_size_cap_is_refused_with_a_plain_message(tmp_path, monkeypatch):
    import lfjb.inputs.fcsq as fcsq

    monkeypatch.setattr(fcsq, "MAX_FCSQ_BYTES", 100)
    problems = _problems(_write(tmp_path, DFJ_TEXT * 3))
    assert "MB; lfjb reads files of this kind up to" in problems[0].message


def test_row_numbers_count_blank_lines_as_the_file_does(tmp_path):
    data = read_fcsq(_write(tmp_path, HEADER + "\nPublic Law,Start,2025,1,Gotham DFJ,MIDLANDS,20,12\n"))
    assert any("row 3" in w for w in data.warnings if "Gotham" in w)


def test_one_dfj_under_two_regions_is_two_rows_added_up_not_a_disagreement(tmp_path):
    """MoJ's pipeline groups by DFJ and region (FCSQ_data 09_ca_dfj.ipynb), so this is its real output."""
    data = read_fcsq(_write(tmp_path, HEADER + "Public Law,Start,2025,1,Leeds DFJ,NORTH EAST,100,60\n"
                            "Public Law,Start,2025,1,Leeds DFJ,,2,1\n"))
    assert sorted(data.frame["cases"]) == [1, 60] and "duplicate" not in data.skipped


def test_a_file_name_with_control_characters_is_shown_cleaned(tmp_path):
    path = _write(tmp_path, HEADER + "Public Law,Start,2025,1,Gotham DFJ,MIDLANDS,20,12\n", name="fcsq\x1b[2J\u202e.csv")
    files = read_fcsq_files([path])
    shown = " ".join(files.warnings) + files.dfj.summary()["file"]
    assert "\x1b" not in shown and "\u202e" not in shown and "fcsq[2J.csv" in shown


def test_a_semicolon_file_reads_decimal_commas(tmp_path):
    """Excel in many European locales saves with semicolons and decimal commas: 0,5 is 50%, not 5%."""
    path = _write(tmp_path, TIMELINESS_HEADER.replace(",", ";") + ";2024-Q4;1000;41,5;36,0;0,63\n;2025-Q1;900;40,0;35,0;0,5\n")
    frame = read_fcsq(path).frame
    assert list(frame["pct_within_26"]) == pytest.approx([63.0, 50.0]) and frame["mean_weeks"].iloc[0] == 41.5


def test_two_timeliness_rows_for_one_quarter_that_disagree_are_an_error(tmp_path):
    problems = _problems(_write(tmp_path, TIMELINESS_HEADER + ",2025-Q1,900,40.0,35.0,0.40\n,2025-Q1,950,40.0,35.0,0.40\n"))
    assert problems[0].where == "rows 2, 3" and "disagree" in problems[0].message


def test_text_where_figures_belong_is_one_warning_a_column(tmp_path):
    rows = "".join(f"Public Law,Start,2025,1,{n} DFJ,,20,n/k\n" for n in ("Worcester", "Leeds", "Reading", "Luton", "Derby", "Devon"))
    data = read_fcsq(_write(tmp_path, HEADER + rows))
    found = [w for w in data.warnings if "not a number" in w]
    assert len(found) == 1 and found[0].startswith("6 figures in column cases are not a number (rows 2, 3, 4, 5, 6 and 1 more")


# --- Issue 24, round 2: a very wide header took minutes (pandas copied the headers kept on the table per column) --


def test_an_fcsq_file_with_thousands_of_columns_is_refused_at_once(tmp_path):
    import time

    path = tmp_path / "wide.csv"
    extra = ",".join(f"x{i}" for i in range(10_000))
    path.write_text(HEADER.strip() + "," + extra + "\n" + "Public Law,Start,2024,1,Guildford DFJ,SOUTH EAST,5,4"
                    + ",1" * 10_000 + "\n")
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        read_fcsq(path)
    assert time.perf_counter() - started < 5
    [problem] = caught.value.problems
    assert "10,008 columns" in problem.message and "200" in problem.message


def test_an_fcsq_file_with_some_extra_columns_is_read(tmp_path):
    path = tmp_path / "extra.csv"
    extra = ",".join(f"x{i}" for i in range(100))
    path.write_text(HEADER.strip() + "," + extra + "\n" + "Public Law,Start,2024,1,Guildford DFJ,SOUTH EAST,5,4"
                    + ",1" * 100 + "\n")
    data = read_fcsq(path)
    assert data.kind == DFJ_FILE and list(data.frame["cases"]) == [4]


# --- Issue 24, round 2: one DFJ under two of MoJ's spellings was added up silently --------------------------


def test_one_dfj_under_two_spellings_with_different_figures_is_a_problem(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text(HEADER + "Public Law,Start,2025,1,Guildford DFJ,SOUTH EAST,60,30\n"
                    "Public Law,Start,2025,1,Guildford,SOUTH EAST,50,25\n")
    with pytest.raises(InputError) as caught:
        read_fcsq(path)
    [problem] = caught.value.problems
    assert "'Guildford DFJ'" in problem.message and "'Guildford'" in problem.message and problem.where == "rows 2, 3"


def test_one_dfj_under_two_spellings_with_the_same_figures_is_used_once(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text(HEADER + "Public Law,Start,2025,1,Guildford DFJ,SOUTH EAST,60,30\n"
                    "Public Law,Start,2025,1,guildford,SOUTH EAST,60,30\n")
    data = read_fcsq(path)
    assert list(data.frame["cases"]) == [30]
    assert any("'Guildford DFJ' and 'guildford'" in w and "used once" in w for w in data.warnings)


def test_two_dfjs_of_one_area_are_added_up_and_a_users_alias_is_said(tmp_path):
    path = tmp_path / "two.csv"
    path.write_text(HEADER + "Public Law,Start,2025,1,Oxford DFJ,SOUTH EAST,28,16\n"
                    "Public Law,Start,2025,1,Reading DFJ,SOUTH EAST,30,18\n"
                    "Public Law,Start,2025,1,Guildford DFJ,SOUTH EAST,60,30\n"
                    "Public Law,Start,2025,1,Surrey Courts,SOUTH EAST,5,5\n")
    data = read_fcsq(path, {"Surrey Courts": "Guildford"})
    assert sorted(data.frame["cases"]) == [5, 16, 18, 30]
    assert not any("Oxford" in w for w in data.warnings)  # two DFJs MoJ names, one area: as lfjb's own table says
    assert any("'Guildford DFJ' and 'Surrey Courts'" in w and "added up" in w for w in data.warnings)


def test_a_figure_with_underscores_is_not_read_as_a_number():
    from lfjb.inputs.fcsq import parse_cell

    cell = parse_cell("1_000")
    assert cell.value is None and cell.is_text
    assert parse_cell("1,000").value == 1000


def test_a_dfj_name_with_a_zero_width_space_is_placed(tmp_path):
    path = tmp_path / "zw.csv"
    path.write_text(HEADER + "Public Law,Start,2025,1,Guild\u200bford DFJ,SOUTH EAST,60,30\n", encoding="utf-8")
    assert list(read_fcsq(path).frame["area"]) == ["Guildford"]


def test_a_timeliness_file_with_public_law_and_care_rows_uses_public_law(tmp_path):
    # Public law includes care and supervision: both for one quarter were read as two disagreeing rows for the
    # same figures, and the file refused; now the care rows are left out, as the DFJ-level reader does.
    path = _write(tmp_path, "Category," + TIMELINESS_HEADER
                  + "Public law,2024,1,1000,41.0,36.0,0.35\nCare and supervision,2024,1,900,42.0,37.0,0.33\n")
    data = read_fcsq(path)
    assert list(data.frame["disposals"]) == [1000]
    assert any("would count those cases twice" in w for w in data.warnings)


def test_a_region_cell_is_national_or_blank_by_one_rule_both_readers_share():
    # One home for "national region or blank": the DFJ reader keeps national totals under it, the timeliness
    # reader keeps its rows; both readers open the file the same way (_open), the rule is written once.
    import inspect

    from lfjb.inputs import fcsq

    cells = pd.Series([" England and Wales ", "", "  ", "National", "E&W", "North West", "London"])
    assert fcsq._is_national_or_blank(cells).tolist() == [True, True, True, True, True, False, False]
    rule = re.compile(r'isin\(NATIONAL_NAMES\)\s*\|\s*\([^()]*== ""\)')  # "... national ... or blank", as code
    assert len(rule.findall(inspect.getsource(fcsq))) == 1
    for reader in (fcsq.read_fcsq_dfj, fcsq.read_fcsq_timeliness):
        text = inspect.getsource(reader)
        assert "_open(path, raw" in text and "_read_table(" not in text and "_is_national_or_blank(" in text
