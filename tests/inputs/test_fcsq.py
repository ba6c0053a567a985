"""Reading MoJ's FCSQ files as published (lfjb/inputs/fcsq.py): the DFJ-level file, the national care timeliness,
MoJ's DFJ spellings and marks, and a warning for everything left out. Fixtures: tests/fixtures/fcsq/."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from lfjb.inputs.fcsq import DFJ_FILE, read_fcsq, read_fcsq_files
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
