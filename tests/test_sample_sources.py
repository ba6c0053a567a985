"""Issue 21's "done when": Wolverhampton's sample read from the court's list, a hearing list and one
tracker per council gives exactly the pack figures of its single extract, and reports the mismatches."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from lfjb.inputs.loader import load_board
from lfjb.metrics.case_tracker import open_cases, tracker_summary
from lfjb.inputs.hearings import cases_as_at
from lfjb.month import Month
from lfjb.pack import build_pack

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "board_config" / "wolverhampton.yaml"
MARCH = Month(2025, 3)
# Sections that differ on purpose: the board's slug (the copy's file name), what was read from which
# file, the headlines that repeat its warnings, and the journey, which needs hearing dates.
DIFFERENT_ON_PURPOSE = {"board", "data_quality", "headlines", "journey"}


@pytest.fixture(scope="module")
def boards(tmp_path_factory):
    """(single file, several sources): the shipped board and a copy reading the single extract.csv."""
    doc = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    folder = tmp_path_factory.mktemp("single")
    for key in ("actions", "pre_proceedings"):
        doc["inputs"][key] = str((CONFIG.parent / doc["inputs"][key]).resolve())
    doc["inputs"]["extract"] = str((ROOT / "sample_data" / "wolverhampton" / "extract.csv").resolve())
    doc["branding"].pop("logo", None)
    path = folder / "wolverhampton.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return load_board(path), load_board(CONFIG)


def test_sources_give_exactly_the_single_extracts_pack_figures(boards):
    single, several = (build_pack(b, MARCH).to_json() for b in boards)
    assert single.keys() == several.keys()
    for key in single.keys() - DIFFERENT_ON_PURPOSE - {"board"}:
        assert single[key] == several[key], key
    # Hearings and further CMHs counted from the hearing list, the same averages month by month.
    assert [t["mean_hearings"] for t in single["trend"]] == [t["mean_hearings"] for t in several["trend"]]
    assert [t["mean_fcmh"] for t in single["trend"]] == [t["mean_fcmh"] for t in several["trend"]]
    assert single["data_quality"]["rows_rejected"] == several["data_quality"]["rows_rejected"] == 3


def test_the_mismatches_are_reported_by_file_and_row_never_by_case(boards):
    dq = build_pack(boards[1], MARCH).to_json()["data_quality"]
    by_file = {Path(s["file"]).name: s for s in dq["sources"]}
    assert list(by_file) == ["court_list.csv", "hearing_list.csv", "wolverhampton_tracker.csv", "walsall_tracker.csv",
                             "dudley_tracker.csv", "sandwell_tracker.csv"]
    court = by_file["court_list.csv"]
    assert (court["rows"], court["matched"], court["only_here"], court["conflicts"]) == (1808, 1805, 0, {})
    assert sum(by_file[f]["matched"] for f in by_file if f.endswith("_tracker.csv")) == 1805  # each case in its council's tracker
    assert by_file["dudley_tracker.csv"]["matched"] == by_file["dudley_tracker.csv"]["rows"]  # the lower-case id matched
    assert (by_file["sandwell_tracker.csv"]["only_here"], by_file["walsall_tracker.csv"]["conflicts"]) == (2, {"disposal_date": 1})
    assert by_file["hearing_list.csv"]["matched"] == 1805
    shown = repr(dq["sources"]) + repr(dq["warnings"])
    assert "WV25C5900" not in shown and "C5" not in shown  # rows, never case numbers


def test_past_month_trackers_count_hearings_held_by_then(boards):
    single, several = boards
    rules = several.config.case_tracker
    at = date(2024, 9, 30)
    # From hearing dates: fewer hearings were held by 30 September 2024 than by the extract's date.
    dated = open_cases(cases_as_at(several.extract, at), at, rules)
    undated = open_cases(single.extract.cases, at, rules)
    assert list(dated["case_id"].sort_values()) == list(undated["case_id"].sort_values())
    assert dated["hearings"].sum() < undated["hearings"].sum()
    assert dated["fcmh"].sum() < undated["fcmh"].sum()
    # Every count as at then is at most the count at the extract's date.
    both = dated[["case_id", "hearings", "fcmh"]].merge(undated[["case_id", "hearings", "fcmh"]], on="case_id", suffixes=("", "_now"))
    assert (both["hearings"] <= both["hearings_now"]).all() and (both["fcmh"] <= both["fcmh_now"]).all()
    assert tracker_summary(dated, at, rules)["open"] == len(undated)


def test_the_single_extract_keeps_its_own_planted_errors(boards):
    problems = {p["column"]: p for p in boards[0].extract.data_quality.problems}
    assert sorted(problems) == ["disposal_date", "hearings", "issue_date"]
    assert problems["hearings"]["value"] == "-2"


def test_the_journey_is_given_from_hearing_dates_and_unavailable_without(boards):
    single, several = (build_pack(b, MARCH).to_json()["journey"] for b in boards)
    with_dates = {s["id"]: s for s in several["stages"]}
    without = {s["id"]: s for s in single["stages"]}
    for stage in ("issue_to_cmh", "cmh_to_irh", "irh_to_final"):
        assert with_dates[stage]["median_weeks"] > 0 and with_dates[stage]["cases"] > 300
        assert without[stage]["median_weeks"] is None and "hearing" in without[stage]["unavailable"]
    assert with_dates["issue_to_disposal"] == without["issue_to_disposal"]
    assert 0 < several["cmh_by_day_12"]["share"] < 100


def test_every_source_is_fingerprinted_for_the_up_to_date_check(boards):
    from lfjb.workflows.pack import input_fingerprint
    roles = input_fingerprint(boards[1])
    assert {"extract", "extract source hearing_list.csv", "extract source walsall_tracker.csv",
            "extract source sandwell_tracker.csv"} <= set(roles)
    assert roles["extract"]["path"].endswith("court_list.csv")


def test_after_proceedings_needs_child_ids(boards):
    from lfjb.metrics.returning import NO_CHILD_IDS
    after = build_pack(boards[1], MARCH).to_json()["after_proceedings"]
    assert after["unavailable"] == NO_CHILD_IDS and after["share"] is None
