"""The pilot view (lfjb/compare/pilot.py) on boards where the answer is built in (conftest.did_boards):
Trailblazers' cases got 4 weeks shorter, comparators' 1 week, so the DiD is -3 weeks; hearings fell by
1 for Trailblazers only, so that DiD is -1."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from compare_data import BASELINE, MONTH, PILOT, board_cases, fake_pack

from lfjb.build import build_packs, load_boards
from lfjb.compare.pilot import NO_INTERVAL_FROM_PACKS, pilot_from_cases, pilot_from_packs
from lfjb.month import Month
from lfjb.render.files import json_text


@pytest.fixture(scope="module")
def boards(did_boards):
    return load_boards(None, did_boards)


@pytest.fixture(scope="module")
def view(boards):
    return pilot_from_cases({b.slug: b.config.programme for b in boards}, {b.slug: b.extract.cases for b in boards},
                            BASELINE, PILOT)


def _kpm(view, kpi):
    return next(k for k in view["kpms"] if k["kpi"] == kpi)


def test_did_in_average_duration_is_the_built_in_minus_3_weeks(view):
    kpm = _kpm(view, "mean_weeks")
    assert kpm["trailblazer"]["change"] == pytest.approx(-4.0)
    assert kpm["comparator"]["change"] == pytest.approx(-1.0)
    assert kpm["did"] == pytest.approx(-3.0)
    low, high = kpm["interval"]
    assert low < -3.0 < high
    # Durations are uniform on 180-320 days: sd 40.4 days = 5.8 weeks, so a board-period mean has a
    # standard error of 5.8 / sqrt(120) = 0.53 weeks, a board's change 0.74, a group's (two boards)
    # 0.53 and the DiD 0.74: a 95% interval about 2.9 weeks wide.
    assert 2.0 < high - low < 4.0


def test_did_in_hearings_is_minus_1(view):
    kpm = _kpm(view, "mean_hearings")
    assert kpm["did"] == pytest.approx(-1.0)
    # Every case's hearings are the same within a board and period, so resampling cannot move it.
    assert kpm["interval"] == pytest.approx([-1.0, -1.0])


def test_groups_and_bootstrap_are_recorded(view):
    assert view["groups"]["trailblazer"]["boards"] == ["alpha", "bravo"]
    assert view["groups"]["comparator"]["boards"] == ["charlie", "delta"]
    assert view["bootstrap"]["reps"] == 1000 and view["bootstrap"]["seed"]
    assert any("cannot show" in c for c in view["caveats"])
    assert any("random" in c for c in view["caveats"])


def test_the_bootstrap_repeats_exactly(boards, view):
    again = pilot_from_cases({b.slug: b.config.programme for b in boards}, {b.slug: b.extract.cases for b in boards},
                             BASELINE, PILOT)
    assert _kpm(again, "mean_weeks")["interval"] == _kpm(view, "mean_weeks")["interval"]


def test_from_packs_gives_the_same_point_estimates_and_says_why_there_is_no_interval(boards, view):
    packs = [json.loads(json_text(p.to_json_dict())) for p in build_packs(boards, MONTH)]
    from_packs = pilot_from_packs(packs, BASELINE, PILOT)
    for kpi in ("mean_weeks", "pct_within_26", "mean_hearings"):
        assert _kpm(from_packs, kpi)["did"] == pytest.approx(_kpm(view, kpi)["did"])
        assert _kpm(from_packs, kpi)["interval"] is None
    assert from_packs["interval_note"] == NO_INTERVAL_FROM_PACKS


def test_no_numbers_without_a_comparator_group(boards):
    programmes = {b.slug: "trailblazer" for b in boards}
    view = pilot_from_cases(programmes, {b.slug: b.extract.cases for b in boards}, BASELINE, PILOT)
    for kpm in view["kpms"]:
        assert kpm["did"] is None and kpm["interval"] is None and not kpm["available"]
        assert "No board in this comparison is marked as a comparator" in kpm["reason"]


def test_no_numbers_when_a_group_has_no_cases_in_a_period():
    cases = {
        "t": pd.DataFrame(board_cases({BASELINE: [200] * 20, PILOT: [180] * 20})),
        "c": pd.DataFrame(board_cases({PILOT: [200] * 20})),  # nothing disposed of in the baseline
    }
    for frame in cases.values():
        frame["issue_date"] = pd.to_datetime(frame["issue_date"])
        frame["disposal_date"] = pd.to_datetime(frame["disposal_date"])
    view = pilot_from_cases({"t": "trailblazer", "c": "comparator"}, cases, BASELINE, PILOT)
    kpm = view["kpms"][0]
    assert kpm["did"] is None
    assert "No comparator board has cases disposed of" in kpm["reason"]
    assert kpm["trailblazer"]["change"] == pytest.approx(-20 / 7)


def test_packs_that_do_not_cover_the_baseline_are_left_out_with_the_reason():
    packs = [fake_pack("a", "trailblazer"), fake_pack("b", "comparator")]
    view = pilot_from_packs(packs, (Month(2022, 4), Month(2023, 3)), PILOT)
    assert view["kpms"][0]["did"] is None
    assert "24 months" in view["kpms"][0]["reason"]
