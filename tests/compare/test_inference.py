"""Few-board inference (lfjb/compare/inference.py): randomisation p and the wild cluster bootstrap,
with answers worked out by hand, and the shipped sample's known answer (issue 19)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lfjb.compare.inference import (
    WEBB_WEIGHTS,
    _wild_p,
    randomisation_test,
    slope,
    wild_cluster_interval,
)

SAMPLE_CONFIG = Path(__file__).resolve().parents[2] / "board_config"


def test_the_most_extreme_of_21_splits_gives_p_2_in_21():
    # 5 Trailblazers against 2 comparators: C(7, 2) = 21 splits. The Trailblazers' changes are all below
    # the comparators', so no split gives a lower difference: the lower tail is 1/21 and p = 2/21.
    values = np.array([-5.0, -4.0, -6.0, -3.0, -7.0, 1.0, 0.0])
    treated = np.array([True] * 5 + [False] * 2)
    result = randomisation_test(values, treated)
    assert result["assignments"] == result["possible"] == 21 and result["is_exhaustive"]
    assert result["p_value"] == pytest.approx(2 / 21)
    assert result["smallest_p"] == pytest.approx(2 / 21)
    assert result["rank"] == 1


def test_a_split_in_the_middle_counts_both_tails():
    # One board against two: {0}: 0 - 1.5 = -1.5; {1}: 1 - 1 = 0; {2}: 2 - 0.5 = +1.5. Observed: board 1
    # treated, difference 0: 2 of 3 splits are at or below it, 2 of 3 at or above. p = 2 x 2/3, capped at 1.
    result = randomisation_test(np.array([0.0, 1.0, 2.0]), np.array([False, True, False]))
    assert result["assignments"] == 3
    assert result["p_value"] == 1.0
    # Board 0 treated: -1.5, the lowest of 3: p = 2/3.
    assert randomisation_test(np.array([0.0, 1.0, 2.0]), np.array([True, False, False]))["p_value"] == pytest.approx(2 / 3)


def test_more_than_10000_splits_are_sampled_with_a_seed():
    # 10 of 20: C(20, 10) = 184,756 splits, so 10,000 are drawn (the observed one among them).
    rng = np.random.default_rng(3)
    values = rng.normal(size=20)
    treated = np.arange(20) < 10
    result = randomisation_test(values, treated)
    assert result["possible"] == 184_756 and result["assignments"] == 10_000 and not result["is_exhaustive"]
    # The design's floor is over every possible split, not the sample's 2 / 10,000 (review of issue 19).
    assert result["smallest_p"] == pytest.approx(2 / 184_756)
    assert randomisation_test(values, treated) == result
    assert 0.0 < result["p_value"] <= 1.0
    # A huge shift in the treated boards puts the observed split alone in its tail.
    shifted = values + np.where(treated, 100.0, 0.0)
    assert randomisation_test(shifted, treated)["p_value"] == pytest.approx(2 / 10_000)


def test_webb_weights_have_mean_0_and_variance_1():
    assert WEBB_WEIGHTS.mean() == pytest.approx(0.0)
    assert (WEBB_WEIGHTS ** 2).mean() == pytest.approx(1.0)
    assert len(set(np.round(np.abs(WEBB_WEIGHTS), 6))) == 3


def test_the_wild_interval_is_every_value_the_test_does_not_reject():
    rng = np.random.default_rng(5)
    values = np.concatenate([rng.normal(-3, 2, size=6), rng.normal(0, 2, size=6)])
    treated = np.arange(12) < 6
    result = wild_cluster_interval(values, treated, reps=999)
    low, high = result["interval"]
    estimate = values[treated].mean() - values[~treated].mean()
    assert low < estimate < high
    weights = np.random.default_rng(result["seed"]).choice(WEBB_WEIGHTS, size=(999, 12))
    se = np.sqrt(sum(((values[a] - values[a].mean()) ** 2).sum() / a.sum() ** 2 for a in (treated, ~treated)))
    # Just inside each end the test does not reject at 5%; just outside it does.
    for end, outward in ((low, -1), (high, 1)):
        assert _wild_p(values, treated, weights, end - outward * 1e-3, estimate, se) >= 0.05
        assert _wild_p(values, treated, weights, end + outward * 1e-3, estimate, se) < 0.05
    # Against a normal-theory interval (estimate +- 1.96 se, here about +-2.2), the bootstrap's is of
    # the same order: wider, not a tenth or ten times the width.
    assert 2 * 1.96 * se * 0.7 < high - low < 2 * 1.96 * se * 3


def test_no_spread_between_boards_gives_the_estimate_and_single_boards_give_nothing():
    values = np.array([-4.0, -4.0, -1.0, -1.0])
    treated = np.array([True, True, False, False])
    assert wild_cluster_interval(values, treated)["interval"] == pytest.approx([-3.0, -3.0])
    assert wild_cluster_interval(np.array([-4.0, -1.0]), np.array([True, False])) is None


def test_slope_of_a_straight_line_and_of_gaps():
    assert slope(np.array([10.8, 12.0, 13.2, 14.4])) == pytest.approx(1.2)
    assert slope(np.array([1.0, np.nan, 3.0])) == pytest.approx(1.0)
    assert slope(np.array([np.nan, 2.0])) is None


def test_the_seven_sample_boards_give_p_2_in_21_for_average_duration():
    # issue 19's known answer: 5 Trailblazers and 2 comparators, and the observed split is the most
    # extreme of the 21 for the average duration's difference-in-differences.
    if not any(SAMPLE_CONFIG.glob("*.yaml")):
        pytest.skip("sample boards not generated")
    from lfjb.workflows.pack import load_boards
    from lfjb.compare.periods import DEFAULT_BASELINE, DEFAULT_PILOT
    from lfjb.compare.pilot import pilot_from_cases

    boards = load_boards(None, SAMPLE_CONFIG)
    view = pilot_from_cases({b.slug: b.config.programme for b in boards}, {b.slug: b.extract.cases for b in boards},
                            DEFAULT_BASELINE, DEFAULT_PILOT, reps=2_000, stop_when_stable=False)
    kpm = next(k for k in view["kpms"] if k["kpi"] == "mean_weeks")
    assert kpm["randomisation"]["p_value"] == pytest.approx(2 / 21)
    assert kpm["randomisation"]["smallest_p"] == pytest.approx(2 / 21)
    assert kpm["randomisation"]["assignments"] == 21
    assert kpm["can_show_difference"] is False
    assert "comparator group has only 2 boards" in kpm["design_note"]
    # The primary interval includes zero (the pairs bootstrap's did not: issue 19).
    low, high = kpm["interval"]
    assert low < 0 < high
    # The baseline gap grew by more than the estimate: the words say so.
    trends = kpm["parallel_trends"]
    assert trends["is_gap_moving"] is True and "by more than the estimate" in trends["summary"]
    assert "no clear sign" not in trends["summary"]
    # The gap grew (+10.8 to +15.2 weeks) while the estimate is negative (-2.9): opposite directions, so it is
    # not "a trend that was already there" (review of issue 19).
    assert trends["is_gap_against"] is True
    assert "already there" not in trends["summary"] and "the other way" in trends["summary"]
    assert trends["reading"].startswith("The baseline gap moved the other way by more than the estimate")
    # 5 against 2 boards: the wild interval is indicative only, and says why.
    assert kpm["interval_is_indicative"] is True and kpm["interval_note"].startswith("Indicative only")


def test_the_fast_wild_test_gives_the_plain_p_values():
    from lfjb.compare.inference import _WildTest

    rng = np.random.default_rng(8)
    values = rng.normal(size=9)
    treated = np.arange(9) < 4
    weights = rng.choice(WEBB_WEIGHTS, size=(499, 9))
    estimate = values[treated].mean() - values[~treated].mean()
    se = np.sqrt(sum(((values[a] - values[a].mean()) ** 2).sum() / a.sum() ** 2 for a in (treated, ~treated)))
    fast = _WildTest(values, treated, weights, estimate, se)
    for beta0 in (-3.0, -1.0, -0.2, 0.0, estimate, 0.7, 2.5):
        assert fast.p(beta0) == pytest.approx(_wild_p(values, treated, weights, beta0, estimate, se), abs=1 / 499)
