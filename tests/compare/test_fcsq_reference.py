"""Reference figures from MoJ's FCSQ files (lfjb/compare/fcsq.py): DFJ volumes for the four quarters to a
month, and England and Wales timeliness pooled by disposals. Fixtures: tests/fixtures/fcsq/."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from lfjb.compare.fcsq import dfj_reference, fcsq_inputs, national_timeliness
from lfjb.inputs.errors import InputError
from lfjb.inputs.fcsq import TIMELINESS_FILE, read_fcsq, read_fcsq_files
from lfjb.month import Month

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "fcsq"
DFJ = FIXTURES / "dfj_real_layout.csv"
TIMELINESS = FIXTURES / "timeliness_real_layout.csv"
SAMPLE = Path(str(resources.files("lfjb.data").joinpath("fcsq_sample.csv")))
SAMPLE_TIMELINESS = Path(str(resources.files("lfjb.data").joinpath("fcsq_timeliness_sample.csv")))


def load_fcsq(paths, month, board_areas):
    return fcsq_inputs(read_fcsq_files(paths), month, board_areas)


def test_end_rows_are_disposals_and_start_rows_applications():
    """Worcester 2024 Q4 + 2025 Q1: started 50 + 59 = 109, closed 40 + 44 = 84; orders 90 + 101, 70 + 80."""
    data = read_fcsq(DFJ)
    ref = dfj_reference(data, Month(2025, 3), {"worcester": "Worcester"})
    worcester = next(r for r in ref["rows"] if r["level"] == "dfj")
    assert (worcester["started"], worcester["ended"]) == (109, 84)
    assert (worcester["orders_applied"], worcester["orders_made"]) == (191, 150)
    assert ref["quarters"] == ["2024 Q4", "2025 Q1"] and ref["missing_quarters"] == 2


def test_marks_are_never_errors_and_never_zero():
    """Caernarfon 2025 Q1: End cases '*', End count '*', Start count '[c]' -> three figures not available."""
    data = read_fcsq(DFJ)
    assert data.skipped["marked_values"] == 3
    warning = next(w for w in data.warnings if "marked as not available" in w)
    assert "'*' ×2" in warning and "'[c]' ×1" in warning and "never as 0" in warning
    caernarfon = data.frame[data.frame["dfj"] == "Caernarfon DFJ"]
    end = caernarfon[caernarfon["stage"] == "end"].iloc[0]
    assert end["cases"] is None and end["orders"] is None
    # A sum over a marked figure is a floor, flagged as incomplete, not a total with a 0 in it.
    ref = dfj_reference(data, Month(2025, 3), {"wales": "North Wales"})
    wales = next(r for r in ref["rows"] if r["level"] == "dfj")
    assert wales["ended"] == 11 and wales["incomplete"] == {"ended": 1, "orders_made": 1, "orders_applied": 1}


def test_the_timeliness_file_is_told_apart_by_its_header_and_pooled_by_disposals():
    """2024 Q1-Q4 (M = December 2024) is a calendar year with an annual row: the median is the published
    annual one (37.0); mean (42 + 41 + 40 + 41) / 4 = 41.0 and within 26 weeks (30 + 32 + 35 + 35) / 4 = 33.0%."""
    data = read_fcsq(TIMELINESS)
    assert data.kind == TIMELINESS_FILE
    national = national_timeliness(data, Month(2024, 12))
    assert national["disposed"] == 4000
    assert national["mean_weeks"] == pytest.approx(41.0) and national["pct_within_26"] == pytest.approx(33.0)
    assert national["median_weeks"] == 37.0 and "as published for 2024" in national["median_note"]


def test_a_marked_quarter_is_left_out_of_the_benchmark_and_named():
    """To March 2025: 2024 Q2-Q4 and 2025 Q1 ([x]): pooled over the three available quarters."""
    national = national_timeliness(read_fcsq(TIMELINESS), Month(2025, 3))
    assert national["disposed"] == 3000 and national["mean_weeks"] == pytest.approx(122 / 3)
    assert national["not_available_quarters"] == ["2025 Q1"] and national["median_weeks"] is None


def test_the_published_table_layout_with_percentages_reads_too():
    """Q1 1,000 at 42 weeks / 30%, Q2 3,000 at 40 weeks / 40%: (42,000 + 120,000) / 4,000 = 40.5 weeks, 37.5%."""
    national = national_timeliness(read_fcsq(FIXTURES / "timeliness_published_table.csv"), Month(2024, 6))
    assert national["mean_weeks"] == pytest.approx(40.5) and national["pct_within_26"] == pytest.approx(37.5)


def test_a_file_with_nothing_up_to_the_month_is_an_error():
    with pytest.raises(InputError, match="no usable rows for a quarter ending by"):
        load_fcsq([SAMPLE], Month(2022, 3), {})


def test_the_shipped_samples_load_together():
    inputs = load_fcsq([SAMPLE, SAMPLE_TIMELINESS], Month(2025, 3), {"worcester": "Worcester"})
    assert inputs.references["quarters"] == ["2024 Q2", "2024 Q3", "2024 Q4", "2025 Q1"]
    assert inputs.national["period"]["label"] == "Apr 2024 to Mar 2025"
    assert 38 < inputs.national["mean_weeks"] < 44 and 30 < inputs.national["pct_within_26"] < 36
    assert all(w.startswith(("fcsq_sample.csv: ", "fcsq_timeliness_sample.csv: ")) for w in inputs.warnings)


def test_one_quarters_national_row_is_never_taken_for_the_four_quarters(tmp_path):
    """National rows for 2025 Q1 only (6,000 started): the four quarters to March 2025 are 6,000 + the areas for
    2024 Q2-Q4 (10 + 20 + 30), not 6,000 alone; the basis says which is which."""
    path = tmp_path / "fcsq.csv"
    rows = "".join(f"Public Law,Start,2024,{q},Worcester DFJ,MIDLANDS,1,{n}\n" for q, n in ((2, 10), (3, 20), (4, 30)))
    path.write_text("category,stage,year,quarter,dfj_new,region,count,cases\n" + rows
                    + "Public Law,Start,2025,1,Worcester DFJ,MIDLANDS,1,40\nPublic Law,Start,2025,1,England and Wales,,1,6000\n",
                    encoding="utf-8")
    national = dfj_reference(read_fcsq(path), Month(2025, 3), {})["rows"][0]
    assert national["started"] == 6060
    assert "national rows in the file for 2025 Q1" in national["basis"] and "2024 Q2, 2024 Q3, 2024 Q4" in national["basis"]


def test_a_provisional_latest_quarter_is_the_benchmarks_latest_quarter(tmp_path):
    """The national file's latest quarter written '2025-Q1 (p)' is in the March 2025 benchmark (not dropped, so
    the period does not silently end in December 2024)."""
    path = tmp_path / "timeliness.csv"
    path.write_text("Year,Quarter,Number_of_disposals,Mean_duration,Median_duration,Disposed_in_26_weeks\n"
                    + "".join(f",2024-Q{q},1000,40.0,36.0,0.30\n" for q in (1, 2, 3, 4)) + ",2025-Q1 (p),1000,44.0,38.0,0.50\n",
                    encoding="utf-8")
    national = national_timeliness(read_fcsq(path), Month(2025, 3))
    assert national["period"]["label"] == "Apr 2024 to Mar 2025"
    assert national["mean_weeks"] == pytest.approx(41.0) and national["provisional_quarters"] == ["2025 Q1"]


def test_files_that_stop_before_the_months_quarter_are_warned_about(tmp_path):
    """The national file ends in 2024 Q4: a March 2025 benchmark is for 2024, and the warning says 2025 Q1 is missing."""
    path = tmp_path / "timeliness.csv"
    path.write_text("Year,Quarter,Number_of_disposals,Mean_duration,Median_duration,Disposed_in_26_weeks\n"
                    + "".join(f",2024-Q{q},1000,40.0,36.0,0.30\n" for q in (1, 2, 3, 4)), encoding="utf-8")
    inputs = load_fcsq([path], Month(2025, 3), {})
    assert inputs.national["latest_missing"] == "2025 Q1"
    assert any(w.startswith("timeliness.csv: The FCSQ file has no figures for 2025 Q1") for w in inputs.warnings)
    assert load_fcsq([path], Month(2024, 12), {}).warnings == []
