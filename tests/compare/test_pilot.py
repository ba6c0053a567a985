"""The pilot view (lfjb/compare/pilot.py) on boards where the answer is built in.

conftest.did_boards: Trailblazers' cases got 4 weeks shorter, comparators' 1 week, so the DiD is -3
weeks; hearings fell by 1 for Trailblazers only, so that DiD is -1. Further boards are built here with
durations that do not vary within a board and period, so every bootstrap distribution can be worked
out by hand.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from compare_data import BASELINE, MONTH, PILOT, board_cases, fake_pack

from lfjb.workflows.pack import build_packs, load_boards
from lfjb.compare.pilot import (
    BOOTSTRAP_REPS,
    BOOTSTRAP_SEED,
    MIN_REPS,
    percentile_interval,
    pilot_from_cases,
    pilot_from_packs,
    units_from_cases,
)
from lfjb.month import Month
from lfjb.pack_model import PackModel
from lfjb.render.files import json_text

EARLY = (Month(2023, 4), Month(2023, 9))  # the baseline's two halves (the placebo periods)
LATE = (Month(2023, 10), Month(2024, 3))


@pytest.fixture(scope="module")
def boards(did_boards):
    return load_boards(None, did_boards)


@pytest.fixture(scope="module")
def view(boards):
    return pilot_from_cases({b.slug: b.config.programme for b in boards}, {b.slug: b.extract.cases for b in boards},
                            BASELINE, PILOT)


def _kpm(view, kpi):
    return next(k for k in view["kpms"] if k["kpi"] == kpi)


def _frames(durations: dict[str, dict]) -> dict[str, pd.DataFrame]:
    """Extract-like frames (datetime columns) from {slug: {period: [days, ...]}}."""
    out = {}
    for slug, by_period in durations.items():
        frame = pd.DataFrame(board_cases(by_period))
        frame["issue_date"] = pd.to_datetime(frame["issue_date"])
        frame["disposal_date"] = pd.to_datetime(frame["disposal_date"])
        out[slug] = frame
    return out


def test_did_in_average_duration_is_the_built_in_minus_3_weeks(view):
    kpm = _kpm(view, "mean_weeks")
    assert kpm["trailblazer"]["change"] == pytest.approx(-4.0)
    assert kpm["comparator"]["change"] == pytest.approx(-1.0)
    assert kpm["did"] == pytest.approx(-3.0)
    # Every board has 120 cases in each period, so pooling cases gives the same answer here.
    assert kpm["did_case_weighted"] == pytest.approx(-3.0)
    low, high = kpm["interval_cases_only"]
    assert low < -3.0 < high
    # Durations are uniform on 180-320 days: sd 40.4 days = 5.8 weeks, so a board-period mean has a
    # standard error of 5.8 / sqrt(120) = 0.53 weeks, a board's change 0.74, a group's (two boards)
    # 0.53 and the DiD 0.74: a 95% interval about 2.9 weeks wide.
    assert 2.0 < high - low < 4.0
    # Every board in an arm changed by exactly the same, so resampling boards adds little: the pairs
    # cluster interval is about as wide.
    low, high = kpm["interval_boards_resampled"]
    assert low < -3.0 < high and 2.0 < high - low < 4.5
    # The wild cluster bootstrap works on the boards' changes, and no board differs from its arm's: the
    # primary interval is the estimate itself.
    assert kpm["interval"] == pytest.approx([-3.0, -3.0])
    assert kpm["interval_method"].startswith("wild cluster bootstrap")
    # 2 against 2 boards: C(4, 2) = 6 splits; the observed one and its mirror are the extremes, so
    # p = 2 x 1/6 = 1/3, also the smallest possible.
    assert kpm["randomisation"]["assignments"] == 6
    assert kpm["randomisation"]["p_value"] == pytest.approx(1 / 3)
    assert kpm["randomisation"]["smallest_p"] == pytest.approx(1 / 3)
    assert kpm["can_show_difference"] is False
    assert "cannot show a difference on its own" in kpm["design_note"]


def test_did_in_hearings_is_minus_1(view):
    kpm = _kpm(view, "mean_hearings")
    assert kpm["did"] == pytest.approx(-1.0)
    # Every case's hearings are the same within a board and period, so resampling cannot move it.
    assert kpm["interval"] == pytest.approx([-1.0, -1.0])
    assert kpm["interval_boards_resampled"] == pytest.approx([-1.0, -1.0])
    assert kpm["interval_cases_only"] == pytest.approx([-1.0, -1.0])


def test_groups_and_bootstrap_are_recorded(view):
    assert view["groups"]["trailblazer"]["boards"] == ["alpha", "bravo"]
    assert view["groups"]["comparator"]["boards"] == ["charlie", "delta"]
    boot = view["bootstrap"]
    assert boot["seed"] == BOOTSTRAP_SEED and boot["primary"] == "wild_cluster"
    assert MIN_REPS <= boot["reps"] <= BOOTSTRAP_REPS == 10_000
    assert "boards within each arm, then cases" in boot["resampled"]
    assert "wild cluster bootstrap" in boot["why_primary"]
    # The interval's ends move by less than the stopping rule's 0.05 weeks (at 10,000 at most).
    assert boot["end_movement"]["mean_weeks"] < 0.2
    assert any("cannot show" in c for c in view["caveats"])
    assert any("random" in c for c in view["caveats"])


def test_the_bootstrap_repeats_exactly(boards, view):
    again = pilot_from_cases({b.slug: b.config.programme for b in boards}, {b.slug: b.extract.cases for b in boards},
                             BASELINE, PILOT)
    for key in ("interval", "interval_boards_resampled", "randomisation"):
        assert _kpm(again, "mean_weeks")[key] == _kpm(view, "mean_weeks")[key]


def test_without_the_stopping_rule_it_draws_exactly_the_replicates_asked_for(boards):
    view = pilot_from_cases({b.slug: b.config.programme for b in boards}, {b.slug: b.extract.cases for b in boards},
                            BASELINE, PILOT, reps=3_000, stop_when_stable=False)
    assert view["bootstrap"]["reps"] == view["bootstrap"]["reps_cases_only"] == 3_000


# --- the pairs cluster bootstrap (secondary), worked out by hand ------------------------------------------------------------


@pytest.fixture(scope="module")
def fixed_cases():
    """Durations fixed within each board and period: Trailblazers 'a' and 'b' fall by 2 and 6 weeks,
    comparators 'c' and 'd' by 0 and 2 weeks. Board-weighted changes: Trailblazers -4, comparators -1,
    DiD -3."""
    shifts = {"a": 14, "b": 42, "c": 0, "d": 14}
    return _frames({s: {BASELINE: [200] * 30, PILOT: [200 - d] * 30} for s, d in shifts.items()})


def test_cluster_bootstrap_matches_the_distribution_worked_out_by_hand(fixed_cases):
    # Resampling cases cannot move a board's figure, so only the draw of boards matters. An arm of
    # two boards drawn with replacement averages a, (a+b)/2 or b with chances 1/4, 1/2, 1/4:
    # Trailblazers -2, -4, -6 and comparators 0, -1, -2. The DiD is lowest at -6 - 0 = -6 and highest
    # at -2 - (-2) = 0, each with chance 1/16 = 6.25% > 2.5%, so the 95% interval is exactly -6 to 0.
    programmes = {"a": "trailblazer", "b": "trailblazer", "c": "comparator", "d": "comparator"}
    view = pilot_from_cases(programmes, fixed_cases, BASELINE, PILOT, reps=4_000, stop_when_stable=False)
    kpm = _kpm(view, "mean_weeks")
    assert kpm["did"] == pytest.approx(-3.0)
    assert kpm["interval_boards_resampled"] == pytest.approx([-6.0, 0.0])
    # Holding the boards fixed, nothing can move: the cases-only interval is the estimate itself.
    assert kpm["interval_cases_only"] == pytest.approx([-3.0, -3.0])


def _slow_cluster_did(frames: dict[str, pd.DataFrame], programmes: dict[str, str], reps: int, seed: int) -> np.ndarray:
    """The cluster bootstrap written the plain way, one replicate and one board at a time: draw each
    arm's boards with replacement, then each drawn board's cases with replacement, and average the
    boards' changes in average weeks."""
    rng = np.random.default_rng(seed)
    weeks = {s: {p: units_from_cases(f, *period).values["mean_weeks"] for p, period in (("pre", BASELINE), ("post", PILOT))}
             for s, f in frames.items()}
    arms = {g: sorted(s for s, p in programmes.items() if p == g) for g in ("trailblazer", "comparator")}
    out = np.empty(reps)
    for r in range(reps):
        change = {}
        for group, slugs in arms.items():
            drawn = [slugs[i] for i in rng.integers(0, len(slugs), size=len(slugs))]
            board_changes = []
            for slug in drawn:
                pre, post = weeks[slug]["pre"], weeks[slug]["post"]
                board_changes.append(rng.choice(post, size=len(post)).mean() - rng.choice(pre, size=len(pre)).mean())
            change[group] = np.mean(board_changes)
        out[r] = change["trailblazer"] - change["comparator"]
    return out


def test_fast_cluster_bootstrap_agrees_with_the_slow_reference():
    # Boards that differ in size, spread and change, so both stages of the resampling matter.
    rng = np.random.default_rng(11)
    spec = {"t1": ("trailblazer", 60, 14), "t2": ("trailblazer", 150, 42), "t3": ("trailblazer", 90, 21),
            "c1": ("comparator", 120, 0), "c2": ("comparator", 70, 14)}
    durations = {}
    for slug, (_, n, shift) in spec.items():
        base = rng.integers(150, 400, size=n)
        durations[slug] = {BASELINE: base.tolist(), PILOT: (rng.integers(150, 400, size=n) - shift).tolist()}
    frames = _frames(durations)
    programmes = {s: g for s, (g, _, _) in spec.items()}
    fast = pilot_from_cases(programmes, frames, BASELINE, PILOT, reps=4_000, stop_when_stable=False)
    slow = _slow_cluster_did(frames, programmes, 4_000, seed=99)
    fast_interval = _kpm(fast, "mean_weeks")["interval_boards_resampled"]
    slow_interval = percentile_interval(slow)
    # Two independent runs of 4,000 replicates: the ends agree to within Monte Carlo error (~0.3 weeks).
    assert fast_interval == pytest.approx(slow_interval, abs=0.6)
    assert _kpm(fast, "mean_weeks")["did"] == pytest.approx(np.mean(slow), abs=0.3)
    # Between-board variation widens the interval beyond the cases-only one.
    only = _kpm(fast, "mean_weeks")["interval_cases_only"]
    assert fast_interval[1] - fast_interval[0] > only[1] - only[0]


# --- case-weighted against board-weighted ----------------------------------------------------------------


def test_case_weighted_and_board_weighted_estimates_differ_when_boards_differ_in_size():
    # Trailblazer 'big' (90 cases a period) falls by 1 week, 'small' (10) by 5: board-weighted -3,
    # case-weighted (90 x -1 + 10 x -5) / 100 = -1.4. The comparator does not change. So the DiD is -3
    # board-weighted and -1.4 case-weighted.
    frames = _frames({"big": {BASELINE: [200] * 90, PILOT: [193] * 90},
                      "small": {BASELINE: [200] * 10, PILOT: [165] * 10},
                      "comp": {BASELINE: [200] * 50, PILOT: [200] * 50}})
    view = pilot_from_cases({"big": "trailblazer", "small": "trailblazer", "comp": "comparator"}, frames,
                            BASELINE, PILOT, reps=2_000, stop_when_stable=False)
    kpm = _kpm(view, "mean_weeks")
    assert kpm["did"] == pytest.approx(-3.0)
    assert kpm["did_case_weighted"] == pytest.approx(-1.4)
    assert kpm["trailblazer"]["case_weighted"]["change"] == pytest.approx(-1.4)


# --- parallel trends ---------------------------------------------------------------------------------------


def test_placebo_on_the_baseline_halves_says_when_the_arms_may_not_have_been_moving_together():
    # The Trailblazer was already getting faster in the baseline: 250 days in its first half, 222
    # (4 weeks less) in its second. The comparator stayed at 200. Two boards of each alike, so the
    # placebo DiD over the halves is -4 weeks, fixed (no variation between boards or cases), and its
    # interval excludes zero -- but with 2 boards a group that wild-bootstrap interval is only indicative
    # (as the pilot's own interval is), so the words are hedged.
    t = {EARLY: [250] * 30, LATE: [222] * 30, PILOT: [200] * 60}
    c = {EARLY: [200] * 30, LATE: [200] * 30, PILOT: [193] * 60}
    frames = _frames({"t": t, "t2": t, "c": c, "c2": c})
    view = pilot_from_cases({"t": "trailblazer", "t2": "trailblazer", "c": "comparator", "c2": "comparator"}, frames,
                            BASELINE, PILOT, reps=2_000, stop_when_stable=False)
    kpm = _kpm(view, "mean_weeks")
    assert kpm["placebo"]["estimate"] == pytest.approx(-4.0)
    assert kpm["placebo"]["interval"] == pytest.approx([-4.0, -4.0])
    assert kpm["placebo"]["early"]["label"] == "Apr 2023 to Sep 2023"
    trends = kpm["parallel_trends"]
    assert trends["is_diverging"] is True and trends["is_parallel"] is False
    assert kpm["placebo"]["interval_is_indicative"] is True and trends["is_indicative"] is True
    assert "There is weak evidence that the gap between the arms was already changing before the pilot" in trends["summary"]
    assert "some evidence" not in trends["summary"] and "not moving together" not in trends["summary"]
    # The gap narrowed (7.1 to 3.1 weeks across the baseline): the words say it was changing, never "apart".
    assert "moving apart" not in trends["summary"] and "drifting apart" not in trends["summary"]
    assert "−4.0 weeks (indicative 95% interval −4.0 to −4.0), away from zero on an interval that is only indicative" in trends["summary"]
    assert trends["summary"].endswith("so they can neither show nor rule out an earlier trend.")
    assert trends["reading"].startswith("Weak evidence the gap was already changing before the pilot (indicative interval)")
    # Baseline averages: Trailblazer (250 + 222) / 2 days = 33.7 weeks against 28.6: more than 15% apart.
    assert trends["is_level_apart"] is True and "started far apart" in trends["summary"]
    # The reason is said for any measure (for % within 26 weeks the worse area has room to rise, not fall).
    assert "an area that starts worse has more room to improve" in trends["summary"] and "room to fall" not in trends["summary"]


def test_quarter_by_quarter_gap_between_the_arms():
    # Trailblazer 210 days in the baseline, 182 in the pilot; comparator 196 throughout. The gap is
    # (210 - 196) / 7 = +2 weeks in each baseline quarter and (182 - 196) / 7 = -2 in each pilot quarter.
    frames = _frames({"t": {BASELINE: [210] * 48, PILOT: [182] * 48}, "c": {BASELINE: [196] * 48, PILOT: [196] * 48}})
    view = pilot_from_cases({"t": "trailblazer", "c": "comparator"}, frames, BASELINE, PILOT,
                            reps=2_000, stop_when_stable=False)
    quarters = view["quarters"]
    assert [q["short_label"] for q in quarters][:2] == ["Apr–Jun 2023", "Jul–Sep 2023"]
    assert [q["phase"] for q in quarters] == ["baseline"] * 4 + ["pilot"] * 4
    assert [q["mean_weeks"]["gap"] for q in quarters] == pytest.approx([2.0] * 4 + [-2.0] * 4)
    assert quarters[0]["mean_weeks"]["trailblazer"]["cases"] == 12
    kpm = _kpm(view, "mean_weeks")
    assert kpm["placebo"]["estimate"] == pytest.approx(0.0)
    assert kpm["parallel_trends"]["is_diverging"] is False
    assert "includes zero" in kpm["parallel_trends"]["summary"]


# --- from packs -------------------------------------------------------------------------------------------


def test_from_packs_gives_the_same_point_estimates_and_a_board_level_interval(boards, view):
    packs = [PackModel.from_json(json.loads(json_text(p.to_json()))) for p in build_packs(boards, MONTH)]  # as files
    from_packs = pilot_from_packs(packs, BASELINE, PILOT)
    for kpi in ("mean_weeks", "pct_within_26", "mean_hearings"):
        assert _kpm(from_packs, kpi)["did"] == pytest.approx(_kpm(view, kpi)["did"])
        assert _kpm(from_packs, kpi)["did_case_weighted"] == pytest.approx(_kpm(view, kpi)["did_case_weighted"])
    low, high = _kpm(from_packs, "mean_weeks")["interval_boards_resampled"]
    assert low < -3.0 < high
    # The randomisation test and the wild interval use only the boards' figures: the same from packs.
    for key in ("interval", "randomisation"):
        assert _kpm(from_packs, "mean_weeks")[key] == pytest.approx(_kpm(view, "mean_weeks")[key])
    assert "months within each board" in from_packs["bootstrap"]["resampled"]
    assert "packs hold monthly figures" in from_packs["interval_note"]
    assert _kpm(from_packs, "mean_weeks")["placebo"]["estimate"] == pytest.approx(_kpm(view, "mean_weeks")["placebo"]["estimate"])
    assert len(from_packs["quarters"]) == 8


def test_no_numbers_without_a_comparator_group(boards):
    programmes = {b.slug: "trailblazer" for b in boards}
    view = pilot_from_cases(programmes, {b.slug: b.extract.cases for b in boards}, BASELINE, PILOT)
    for kpm in view["kpms"]:
        assert kpm["did"] is None and kpm["interval"] is None and not kpm["available"]
        assert "No board in this comparison is marked as a comparator" in kpm["reason"]
    assert view["quarters"] == [] and view["bootstrap"] is None


def test_no_numbers_when_a_group_has_no_cases_in_a_period():
    cases = _frames({"t": {BASELINE: [200] * 20, PILOT: [180] * 20}, "c": {PILOT: [200] * 20}})
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


# --- every other board as a comparator (`--comparators rest`, issue 19) -----------------------------------


def test_comparators_rest_makes_every_board_without_a_programme_a_comparator():
    # Trailblazers 'a' and 'b'; 'c' marked comparator; 'd' and 'e' have no programme. With "rest" the
    # comparator group is c, d and e: 2 against 3 gives C(5, 2) = 10 splits.
    packs = [fake_pack("a", "trailblazer"), fake_pack("b", "trailblazer"), fake_pack("c", "comparator"),
             fake_pack("d", None), fake_pack("e", None)]
    from lfjb.compare.pilot import pilot_view

    marked = pilot_view(MONTH, BASELINE, PILOT, packs, None)
    assert marked["groups"]["comparator"]["boards"] == ["c"] and marked["not_in_a_group"] == ["d", "e"]
    assert marked["comparators_note"] is None
    rest = pilot_view(MONTH, BASELINE, PILOT, packs, None, comparators="rest")
    assert rest["groups"]["comparator"]["boards"] == ["c", "d", "e"] and rest["not_in_a_group"] == []
    assert "every board not marked as a Trailblazer" in rest["comparators_note"]
    assert "2 with no programme" in rest["comparators_note"] and "1 marked as comparators" in rest["comparators_note"]
    assert _kpm(rest, "mean_weeks")["randomisation"]["assignments"] == 10


# --- the words claim no more than the numbers (statistician's review of issue 19) -------------------------


def _trends_entry(did: float) -> dict:
    return {"did": did, "trailblazer": {"baseline": 40.0}, "comparator": {"baseline": 38.0}}


def _baseline_quarters(gaps: list[float]) -> list[dict]:
    return [{"phase": "baseline", "mean_weeks": {"gap": g}} for g in gaps]


def test_a_baseline_gap_moving_against_the_estimate_is_not_called_a_trend_already_there():
    from lfjb.compare.pilot import _parallel_trends

    placebo = {"estimate": 0.5, "interval": [-0.5, 1.5]}  # includes zero; half-width 1 < 2.9: not low power
    # The sample boards' case: the gap went +10.8 -> +15.2 (up 4.4), the estimate is -2.9 (down).
    against = _parallel_trends(_trends_entry(-2.9), placebo, _baseline_quarters([10.8, 12.0, 14.0, 15.2]), "mean_weeks")
    assert against["is_gap_moving"] is True and against["is_gap_against"] is True
    assert "already there" not in against["summary"]
    assert ("moved the other way by more than the estimate (−2.9 weeks), so the estimate is within the gap's "
            "ordinary movement") in against["summary"]
    assert against["reading"] == "The baseline gap moved the other way by more than the estimate"
    # Same direction (the gap fell 4.4 and the estimate is -2.9): then it could be a trend already there.
    along = _parallel_trends(_trends_entry(-2.9), placebo, _baseline_quarters([15.2, 14.0, 12.0, 10.8]), "mean_weeks")
    assert along["is_gap_moving"] is True and along["is_gap_against"] is False
    assert "could be a trend that was already there" in along["summary"]
    assert along["reading"] == "The baseline gap moved by more than the estimate"


def test_with_5_boards_a_group_the_check_speaks_plainly_and_with_fewer_it_hedges():
    from lfjb.compare.pilot import TRENDS_INDICATIVE, _parallel_trends

    quarters = _baseline_quarters([2.0, 2.1, 2.0, 2.0])
    # The placebo's interval is clear of zero. From 5 boards a group it is a 95% interval, and the words say so.
    plain = _parallel_trends(_trends_entry(-3.0), {"estimate": -2.0, "interval": [-2.5, -1.5],
                                                   "interval_is_indicative": False}, quarters, "mean_weeks")
    assert plain["summary"].startswith("There is some evidence that the gap between the arms was already changing before the pilot")
    assert "an interval that excludes zero. The pilot-year difference may partly reflect that." in plain["summary"]
    assert "(95% interval −2.5 to −1.5)" in plain["summary"] and TRENDS_INDICATIVE not in plain["summary"]
    assert plain["reading"] == "Some evidence the gap was already changing before the pilot" and plain["is_indicative"] is False
    # With fewer, the same numbers are only indicative: "may", "indicative", and why.
    hedged = _parallel_trends(_trends_entry(-3.0), {"estimate": -2.0, "interval": [-2.5, -1.5],
                                                    "interval_is_indicative": True}, quarters, "mean_weeks")
    assert hedged["summary"].startswith("There is weak evidence that the gap between the arms was already changing")
    assert "(indicative 95% interval −2.5 to −1.5)" in hedged["summary"] and TRENDS_INDICATIVE in hedged["summary"]
    assert "fewer than 5 boards in a group" in TRENDS_INDICATIVE
    # An interval that includes zero is no "clear sign" either way when it is only indicative.
    calm = _parallel_trends(_trends_entry(-3.0), {"estimate": 0.0, "interval": [-0.5, 0.5],
                                                  "interval_is_indicative": True}, quarters, "mean_weeks")
    assert "no clear sign that the gap between the arms was already changing" not in calm["summary"]
    assert calm["is_parallel"] is False and calm["reading"] == "No clear sign either way; the intervals are only indicative"
    # The gap's slope: an indicative interval away from zero "may" be a drift.
    slope = {"estimate": 0.5, "interval": [0.2, 0.8], "quarters": 4, "interval_is_indicative": True}
    drifting = _parallel_trends(_trends_entry(-3.0), None, quarters, "mean_weeks", slope)
    assert "indicative 95% interval +0.2 to +0.8" in drifting["summary"] and TRENDS_INDICATIVE in drifting["summary"]
    assert drifting["reading"] == "The baseline gap may have been drifting (indicative interval)"


def test_a_check_with_little_power_is_never_called_parallel():
    from lfjb.compare.pilot import _parallel_trends

    # Placebo includes zero, gap flat, but the placebo interval runs 5 either side: wider than the 1.0 estimate.
    trends = _parallel_trends(_trends_entry(-1.0), {"estimate": 0.0, "interval": [-5.0, 5.0]},
                              _baseline_quarters([2.0, 2.1, 2.0, 2.0]), "mean_weeks")
    assert trends["is_low_power"] is True and trends["is_diverging"] is False
    assert trends["is_parallel"] is False
    powered = _parallel_trends(_trends_entry(-3.0), {"estimate": 0.0, "interval": [-0.5, 0.5]},
                               _baseline_quarters([2.0, 2.1, 2.0, 2.0]), "mean_weeks")
    assert powered["is_low_power"] is False and powered["is_parallel"] is True


def test_the_design_note_states_lfjbs_rule_not_a_law_of_nature():
    from lfjb.compare.pilot import CAVEATS, design_note

    note = design_note(5, 2, {"smallest_p": 2 / 21, "possible": 21})
    assert "lfjb does not call a difference when a group has fewer than 5 boards, because" in note
    assert not any("no test can tell a difference from chance" in c for c in CAVEATS)
    assert any("lfjb does not call a difference when a group has fewer than 5 boards, because" in c for c in CAVEATS)
    assert design_note(5, 5, {"smallest_p": 2 / 252, "possible": 252}) is None


def test_the_wild_interval_is_indicative_when_the_smaller_arm_has_fewer_than_5_boards():
    from lfjb.compare.pilot import PRIMARY_WHY, interval_note

    # MacKinnon & Webb (2018); the reviewer's simulations of lfjb's own test with 5 against 2 boards
    # rejected a true null 3.6% to 19.8% of the time at a nominal 5%.
    note = interval_note(5, 2)
    assert note.startswith("Indicative only:") and "2 boards in the smaller group" in note
    assert "4% and 20%" in note
    assert interval_note(2, 5) == note
    assert interval_note(5, 5) is None and interval_note(38, 5) is None
    assert "stays honest with few boards" not in PRIMARY_WHY and "indicative" in PRIMARY_WHY


def test_the_pilot_verdict_follows_issue_19s_rule():
    from lfjb.compare.pilot import CANNOT_SHOW, COULD_BE_CHANCE, UNLIKELY_CHANCE, pilot_verdict

    # 5 against 2 boards: the design note says it cannot show a difference, whatever p is.
    assert pilot_verdict({"design_note": "…", "randomisation": {"p_value": 0.01}}) == CANNOT_SHOW
    assert pilot_verdict({"design_note": None, "randomisation": {"p_value": 0.049}}) == UNLIKELY_CHANCE
    assert pilot_verdict({"design_note": None, "randomisation": {"p_value": 0.05}}) == COULD_BE_CHANCE
    assert pilot_verdict({"design_note": None, "randomisation": None}) == COULD_BE_CHANCE


def test_the_few_boards_explanation_is_written_once():
    from lfjb.compare.pilot import CAVEATS, FEW_BOARDS_WHY, design_note

    # The caveats and a design note give lfjb's 5-board rule in the same words, from one constant.
    assert FEW_BOARDS_WHY in design_note(5, 2, {"smallest_p": 2 / 21, "possible": 21})
    assert sum(FEW_BOARDS_WHY in c for c in CAVEATS) == 1
    assert FEW_BOARDS_WHY.startswith("lfjb does not call a difference when a group has fewer than 5 boards, because")


def test_holm_adjusts_the_measures_p_values_step_down():
    from lfjb.compare.pilot import holm_adjust

    # Known answer (Holm 1979): sorted 0.01, 0.02, 0.04 of 3 -> 0.03, 0.04, max(0.04, 0.04) = 0.04; given in
    # the order passed, and capped at 1.
    assert holm_adjust([0.04, 0.01, 0.02]) == pytest.approx([0.04, 0.03, 0.04])
    assert holm_adjust([0.5, 0.6]) == [1.0, 1.0]
    assert holm_adjust([0.03]) == [0.03]
    assert holm_adjust([]) == []


def test_the_verdict_reads_the_p_adjusted_for_the_measures_tested():
    from lfjb.compare.pilot import COULD_BE_CHANCE, UNLIKELY_CHANCE, pilot_verdict

    # p = 0.03 on its own passes 0.05; among three measures its adjusted p (0.09) does not.
    assert pilot_verdict({"design_note": None, "randomisation": {"p_value": 0.03, "p_value_adjusted": 0.09}}) == COULD_BE_CHANCE
    assert pilot_verdict({"design_note": None, "randomisation": {"p_value": 0.001, "p_value_adjusted": 0.003}}) == UNLIKELY_CHANCE


def test_the_pilot_view_adjusts_every_tested_measure_and_says_so(view):
    from lfjb.compare.model import pilot_inference_words
    from lfjb.compare.pilot import MULTIPLE_TESTING_NOTE, holm_adjust

    tested = [k["randomisation"] for k in view["kpms"] if k["randomisation"]]
    assert len(tested) > 1
    assert [r["p_value_adjusted"] for r in tested] == holm_adjust([r["p_value"] for r in tested])
    assert all(r["measures_tested"] == len(tested) for r in tested)
    assert view["multiple_testing"]["measures"] == len(tested)
    assert MULTIPLE_TESTING_NOTE in view["caveats"]
    # 2 against 2 boards: each measure's p is 1/3, so 3 x 1/3 caps at 1; the reading gives both.
    assert tested[0]["p_value_adjusted"] == 1.0
    assert "allowing for the 3 measures tested (Holm), p = 1.000" in pilot_inference_words(_kpm(view, "mean_weeks"))
