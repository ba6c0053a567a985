"""Official statistics as reference rows (lfjb/compare/fcsq.py), from the shipped synthetic FCSQ file
and from tiny hand-made files."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from lfjb.compare.fcsq import fcsq_reference, load_fcsq_reference, read_fcsq
from lfjb.inputs.errors import InputError
from lfjb.month import Month

SAMPLE = Path(str(resources.files("lfjb.data").joinpath("fcsq_sample.csv")))
HEADER = "year,quarter,region,dfj,category,stage,count,cases,mean_weeks,median_weeks\n"


def test_the_shipped_sample_reads_and_matches_moj_alias_names():
    frame = read_fcsq(SAMPLE)
    areas = set(frame["area"].dropna())
    assert "North Wales" in areas  # "Wrexham DFJ"
    assert "North Yorkshire" in areas  # "York DFJ"
    assert "Central London" in areas  # "Central London DFJ"
    assert frame["stage"].isin(["applications", "disposals", "within_26"]).all()  # private law rows left out


def test_reference_rows_cover_the_four_quarters_to_the_month():
    ref = load_fcsq_reference(SAMPLE, Month(2025, 3), {"wolverhampton": "Wolverhampton", "wales": "North Wales"})
    assert ref["quarters"] == ["2024 Q2", "2024 Q3", "2024 Q4", "2025 Q1"]
    assert ref["period"]["label"] == "Apr 2024 to Mar 2025"
    levels = [(r["level"], r["name"]) for r in ref["rows"]]
    assert levels[0] == ("national", "England and Wales")
    assert ("region", "Midlands") in levels and ("region", "Wales") in levels
    assert ("dfj", "North Wales DFJ") in levels
    assert ref["rows"][0]["basis"] == "national rows in the file"
    # A month inside a quarter uses the quarters that have ended: February 2025 -> 2024 Q1 to Q4.
    assert load_fcsq_reference(SAMPLE, Month(2025, 2), {})["quarters"][-1] == "2024 Q4"


def test_figures_are_pooled_by_cases(tmp_path):
    """Two quarters of one area: 10 cases at 30 weeks and 30 cases at 50 weeks -> (300 + 1500) / 40 =
    45 weeks; 4 + 6 within 26 weeks of 40 disposed -> 25%; issued 12 + 18 = 30."""
    path = tmp_path / "fcsq.csv"
    path.write_text(HEADER
                    + "2024,4,Midlands,Worcester DFJ,Public law,Applications,20,12,,\n"
                    + "2024,4,Midlands,Worcester DFJ,Public law,Disposals,15,10,30,28\n"
                    + "2024,4,Midlands,Worcester DFJ,Public law,Disposals within 26 weeks,6,4,,\n"
                    + "2025,1,Midlands,Worcester DFJ,Public law,Applications,30,18,,\n"
                    + "2025,1,Midlands,Worcester DFJ,Public law,Disposals,45,30,50,47\n"
                    + "2025,1,Midlands,Worcester DFJ,Public law,Disposals within 26 weeks,9,6,,\n", encoding="utf-8")
    ref = fcsq_reference(read_fcsq(path), Month(2025, 3), {"worcester": "Worcester"}, "fcsq.csv")
    national, region, dfj = ref["rows"]
    assert national["basis"] == "sum of the DFJ areas in the file"
    for row in (national, region, dfj):
        assert row["mean_weeks"] == pytest.approx(45.0)
        assert row["pct_within_26"] == pytest.approx(25.0)
        assert row["issued"] == 30 and row["disposed"] == 40
        assert row["median_weeks"] is None
    assert ref["missing_quarters"] == 2


def test_suppressed_values_are_read_as_not_available(tmp_path):
    path = tmp_path / "fcsq.csv"
    path.write_text(HEADER + "2025,Q1,Wales,Swansea DFJ,Public law,Disposals within 26 weeks,*,*,,\n"
                    + "2025,Q1,Wales,Swansea DFJ,Public law,Disposals,30,20,33.0,30.0\n", encoding="utf-8")
    ref = fcsq_reference(read_fcsq(path), Month(2025, 3), {}, "fcsq.csv")
    assert ref["rows"][0]["mean_weeks"] == pytest.approx(33.0)


def test_an_unknown_dfj_name_is_an_error_naming_the_row(tmp_path):
    path = tmp_path / "fcsq.csv"
    path.write_text(HEADER + "2025,1,Midlands,Wolverhamptn DFJ,Public law,Disposals,10,10,30,30\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_fcsq(path)
    problem = exc.value.problems[0]
    assert problem.where == "row 2" and problem.key == "dfj"
    assert "Wolverhamptn DFJ" in problem.message and "Wolverhampton" in problem.hint


def test_missing_columns_are_named(tmp_path):
    path = tmp_path / "fcsq.csv"
    path.write_text("year,quarter,dfj\n2025,1,Worcester DFJ\n", encoding="utf-8")
    with pytest.raises(InputError, match="stage, cases"):
        read_fcsq(path)


def test_a_file_with_nothing_up_to_the_month_is_an_error():
    with pytest.raises(InputError, match="no public law rows for a quarter ending by"):
        load_fcsq_reference(SAMPLE, Month(2023, 3), {})
