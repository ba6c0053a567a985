"""Known-answer tests for lfjb/metrics/spc.py (SPEC.md, Definitions -> SPC).

Each series is small and hand-made; the expected answer is worked out in the comment beside it.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from lfjb.metrics.spc import (
    CONCERN,
    IMPROVEMENT,
    NEUTRAL_HIGH,
    NEUTRAL_LOW,
    SpcPoint,
    SpcResult,
    SpcRules,
    SpcShapeError,
    assurance,
    close_to_limits,
    outside_limits,
    screened_moving_ranges,
    shift,
    trend,
    two_in_three,
    xmr,
    xmr_limits,
)
from lfjb.month import Month

COMMON = "common_cause"
JAN = Month(2024, 1)


def monthly(values, start=JAN):
    """[(month, value)] for consecutive months from `start`."""
    return [(start.shift(i), v) for i, v in enumerate(values)]


def types(result):
    """The type of each point of an SpcResult."""
    return [p.type for p in result.points]


# 7 below then 7 above the centre, with a see-saw so no trend, no point near a limit:
#   values 8,12,8,12,8,12,8 | 18,22,18,22,18,22,18
#   centre = (4*8 + 3*12 + 4*18 + 3*22) / 14 = 206/14 = 14.714
#   moving ranges: twelve of 4 and one of 10 -> mean 58/13 = 4.4615; cut-off 3.267 * 4.4615 = 14.58, none out
#   limits 14.714 -/+ 2.66 * 4.4615 = 2.846 .. 26.582 -> nothing outside
#   "two sigma" 14.714 -/+ 1.773 * 4.4615 = 6.804 .. 22.624 -> 8 and 22 are inside, nothing close
#   so only the shift rule fires, on all 14 points: the first 7 below, the last 7 above.
SHIFT_14 = [8, 12, 8, 12, 8, 12, 8, 18, 22, 18, 22, 18, 22, 18]

# A rising run of 7 points (1..7) after a fall from 4:
#   centre = (4+1+2+3+4+5+6+7)/8 = 32/8 = 4
#   moving ranges 3,1,1,1,1,1,1 -> mean 9/7 = 1.2857; cut-off 4.2, none out; MR-bar = 1.2857
#   limits 4 -/+ 3.42 = 0.58 .. 7.42 -> nothing outside
#   two sigma 4 -/+ 2.28 = 1.72 .. 6.28 -> 1 and 7 are close, but never 2 in any 3 -> no two-in-three
#   sides 0,-,-,-,0,+,+,+ -> no shift
#   so points 2..8 (values 1..7) are special cause by the trend alone, rising; point 1 is common cause.
TREND_8 = [4, 1, 2, 3, 4, 5, 6, 7]


# --- limits -----------------------------------------------------------------------------------------


def test_limits_without_screening():
    # 1,3,2,4: centre 10/4 = 2.5; moving ranges 2,1,2 -> MR-bar 5/3 (cut-off 3.267 * 5/3 = 5.4, none out)
    # limits 2.5 -/+ 2.66 * 5/3 = 2.5 -/+ 4.4333
    centre, lower, upper, mr_bar = xmr_limits([1, 3, 2, 4])
    assert centre == pytest.approx(2.5)
    assert mr_bar == pytest.approx(5 / 3)
    assert lower == pytest.approx(2.5 - 4.43333, abs=1e-4)
    assert upper == pytest.approx(2.5 + 4.43333, abs=1e-4)


def test_limits_with_a_screened_moving_range():
    # 10,11,10,11,10,20: moving ranges 1,1,1,1,10, mean 14/5 = 2.8, cut-off 3.267 * 2.8 = 9.15
    # -> the 10 is screened out, MR-bar = 1 (it would be 2.8 unscreened)
    # centre 72/6 = 12, limits 12 -/+ 2.66 = 9.34 .. 14.66
    centre, lower, upper, mr_bar = xmr_limits([10, 11, 10, 11, 10, 20])
    assert mr_bar == pytest.approx(1.0)
    assert centre == pytest.approx(12.0)
    assert (lower, upper) == (pytest.approx(9.34), pytest.approx(14.66))


def test_a_moving_range_at_the_cut_off_is_screened_and_just_below_is_kept():
    # with a factor of 2: ranges 0,2 have mean 1, cut-off 2; 2 is AT the cut-off -> screened
    assert screened_moving_ranges([0, 2], screen_factor=2) == [0]
    # ranges 1,3 have mean 2, cut-off 4; 3 is below it -> kept
    assert screened_moving_ranges([1, 3], screen_factor=2) == [1, 3]


def test_zero_moving_ranges_put_the_limits_on_the_centre():
    # 5,5,5: every moving range is 0, so nothing is screened (0 >= 0 would empty the list) and MR-bar = 0
    assert xmr_limits([5, 5, 5]) == (5, 5, 5, 0)


def test_one_value_has_a_centre_but_no_limits_and_no_values_have_nothing():
    assert xmr_limits([7.0]) == (7.0, None, None, None)
    assert xmr_limits([]) == (None, None, None, None)


# --- outside the limits -----------------------------------------------------------------------------


def test_outside_limits_is_strict():
    # limits 0 .. 10: a point ON a limit is not outside; just beyond either limit is
    assert outside_limits([0, 5, 10], 0, 10) == [False, False, False]
    assert outside_limits([-0.1, 10.1], 0, 10) == [True, True]
    assert outside_limits([100.0], None, None) == [False]


# --- shift ------------------------------------------------------------------------------------------


def test_shift_fires_at_seven_points_on_one_side():
    assert shift([1] * 7, centre=0, length=7) == [True] * 7
    assert shift([-1] * 7, centre=0, length=7) == [True] * 7


def test_shift_does_not_fire_at_six_points():
    # the 7th point is below the centre, so the run above is 6 long
    assert shift([1, 1, 1, 1, 1, 1, -1], centre=0, length=7) == [False] * 7


def test_a_point_on_the_centre_breaks_a_shift():
    # 8 points, the 4th exactly on the centre: runs of 3 and 4, neither reaches 7
    assert shift([1, 1, 1, 0, 1, 1, 1, 1], centre=0, length=7) == [False] * 8


def test_shift_length_is_a_setting():
    # the NHS England Excel tool's 6: six points above now fire, the 7th (below) does not
    assert shift([1, 1, 1, 1, 1, 1, -1], centre=0, length=6) == [True] * 6 + [False]


# --- trend ------------------------------------------------------------------------------------------


def test_trend_fires_at_seven_points_rising_or_falling():
    # 7 points are 6 rises
    assert trend([1, 2, 3, 4, 5, 6, 7], length=7) == [1] * 7
    assert trend([7, 6, 5, 4, 3, 2, 1], length=7) == [-1] * 7


def test_trend_does_not_fire_at_six_points():
    # 6 rising points then a fall: the run is 6 long
    assert trend([1, 2, 3, 4, 5, 6, 0], length=7) == [0] * 7


def test_an_equal_pair_breaks_a_trend():
    # 1,2,3,3,4,5,6,7: the 3,3 pair splits it into runs of 3 and 5 points
    assert trend([1, 2, 3, 3, 4, 5, 6, 7], length=7) == [0] * 8


def test_a_flat_run_is_not_a_trend_and_does_not_hide_the_next_one():
    # seven 5s (no rise, no fall) then 6..11: the last 5 starts the rise 5,6,7,8,9,10,11 (7 points)
    assert trend([5] * 7 + [6, 7, 8, 9, 10, 11], length=7) == [0] * 6 + [1] * 7


def test_a_turning_point_keeps_the_direction_of_the_run_it_ends():
    # 1..7 then 6..1: the 7 at index 6 ends the rise (7 points) and starts the fall (7 points)
    assert trend([1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1], length=7) == [1] * 7 + [-1] * 6


# --- two in three -----------------------------------------------------------------------------------
# centre 0, limits -10 .. 10: the "two sigma" lines are at -/+ 10 * 1.773/2.66 = -/+ 6.665


def test_close_to_limits_lies_between_the_two_sigma_line_and_the_limit():
    # 6.6 is inside the two-sigma line, 7 and -7 beyond it, 11 outside the limit (not "close")
    assert close_to_limits([6.6, 7, -7, 11], 0, -10, 10) == [False, True, True, False]


def test_two_in_three_fires_on_the_close_points():
    # 7,1,7: all above the centre and 2 of the 3 close -> the two 7s are flagged, the 1 is not
    assert two_in_three([7, 1, 7], 0, -10, 10) == [True, False, True]
    assert two_in_three([-7, -1, -7], 0, -10, 10) == [True, False, True]


def test_two_in_three_needs_all_three_on_the_same_side():
    # 7,7,-1: two close points, but the third is on the other side of the centre -> nothing
    assert two_in_three([7, 7, -1], 0, -10, 10) == [False, False, False]


def test_two_in_three_needs_two_close_points():
    # 7,1,1: one close point; 11,7,1: the 11 is outside, so only one close point
    assert two_in_three([7, 1, 1], 0, -10, 10) == [False, False, False]
    assert two_in_three([11, 7, 1], 0, -10, 10) == [False, False, False]


# --- assurance --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "better", "expected"),
    [
        # band 10 .. 20
        (25, "lower", "pass"),  # the whole band is below the target
        (5, "lower", "fail"),  # the whole band is above it
        (15, "lower", "hit_and_miss"),
        (20, "lower", "hit_and_miss"),  # the upper limit ON the target: not all strictly on the good side
        (5, "higher", "pass"),
        (25, "higher", "fail"),
        (10, "higher", "hit_and_miss"),  # the lower limit ON the target
        (None, "lower", None),  # no target
        (15, "neutral", None),  # no good side
    ],
)
def test_assurance(target, better, expected):
    assert assurance(10, 20, target, better) == expected


def test_no_assurance_without_limits():
    assert assurance(None, None, 15, "lower") is None


# --- the chart: typing ------------------------------------------------------------------------------


def test_shift_below_is_improvement_and_above_is_concern_when_lower_is_better():
    result = xmr(monthly(SHIFT_14), better="lower", kpi="mean_weeks")
    assert result.centre == pytest.approx(206 / 14)
    assert types(result) == [IMPROVEMENT] * 7 + [CONCERN] * 7
    assert result.points[0].reasons == ["7 months in a row below the average"]
    assert result.points[-1].reasons == ["7 months in a row above the average"]
    assert result.variation == CONCERN
    assert result.summary == (
        "Unusual change for the worse: average duration has been above its average for 7 months in a row."
    )


def test_shift_above_is_improvement_when_higher_is_better():
    result = xmr(monthly(SHIFT_14), better="higher", kpi="pct_within_26")
    assert types(result) == [CONCERN] * 7 + [IMPROVEMENT] * 7
    assert result.summary.startswith("Unusual change for the better: the percentage disposed within 26 weeks")


def test_special_cause_is_high_or_low_when_no_direction_is_better():
    # NHSRplotthedots, improvement_direction = "neutral": the first seven months are a run below the
    # average (low), the last seven a run above it (high); neither is an improvement or a concern.
    result = xmr(monthly(SHIFT_14), better="neutral", kpi="issued")
    assert types(result) == [NEUTRAL_LOW] * 7 + [NEUTRAL_HIGH] * 7
    assert result.summary == (
        "Unusually high: applications issued have been above their average for 7 months in a row."
    )
    assert result.assurance is None  # no good side, so no assurance even with a target


def test_the_summary_speaks_of_the_latest_month_and_never_says_every_month_when_untrue():
    # Ordinary months either side of one far above the rest: the latest is usual, an earlier one was not.
    series = monthly([9, 15, 9, 15, 9, 15, 40, 15, 9, 15, 9, 15, 9, 15, 9])
    result = xmr(series, better="lower", kpi="mean_weeks")
    assert result.variation == COMMON
    assert "every month" not in result.summary
    assert result.summary.startswith("No unusual change in ") and "1 earlier month was unusual" in result.summary
    flat = xmr(monthly([10, 12, 11, 13, 12, 11, 12, 11, 13, 12, 11, 12]), better="lower", kpi="mean_weeks")
    assert flat.summary == "No unusual change: every month is within the usual range."


def test_a_trend_is_typed_by_its_direction_not_its_side():
    # see TREND_8: values 1..7 rise; 1, 2 and 3 are below the centre (4) but rising is bad when lower
    # is better, so all seven are concern
    lower_better = xmr(monthly(TREND_8), better="lower", kpi="mean_weeks")
    assert types(lower_better) == [COMMON] + [CONCERN] * 7
    assert lower_better.points[1].reasons == ["7 months in a row rising"]
    assert lower_better.summary == (
        "Unusual change for the worse: average duration has been rising for 7 months in a row."
    )
    higher_better = xmr(monthly(TREND_8), better="higher")
    assert types(higher_better) == [COMMON] + [IMPROVEMENT] * 7


def test_a_side_based_rule_outranks_a_trend_when_typing():
    # 1,0,1,2.5,4,5,7,9,9: centre 38.5/9 = 4.278; moving ranges 1,1,1,1.5,1.5,2,2,0 -> MR-bar 10/8 = 1.25
    #   limits 4.278 -/+ 3.325 = 0.953 .. 7.603; two sigma 4.278 -/+ 2.216 = 2.062 .. 6.494
    #   0 and both 9s are outside; the 1s are close below, 7 close above
    #   0,1,2.5,4,5,7,9 (months 2-8) rise for 7 points; the 9,9 pair ends the run
    #   1,0,1 all below the centre with two close -> the two 1s are two-in-three, below
    # month 3 (the second 1) is rising (concern when lower is better) but close to the LOWER limit:
    # the side-based rule decides -> improvement. Months 4-7 are flagged by the trend alone -> concern.
    result = xmr(monthly([1, 0, 1, 2.5, 4, 5, 7, 9, 9]), better="lower")
    assert result.points[2].reasons == ["7 months in a row rising", "2 of 3 months close to the lower limit"]
    assert types(result) == [IMPROVEMENT] * 3 + [CONCERN] * 6


def test_outside_and_two_in_three_on_a_screened_series():
    # see test_limits_with_a_screened_moving_range: centre 12, limits 9.34 .. 14.66
    # 20 is outside the upper limit -> concern when lower is better
    # two sigma 12 -/+ 1.773 = 10.227 .. 13.773: each 10 is close below; windows 10,11,10 are all below
    # the centre with 2 close -> the three 10s are two-in-three, improvement; the 11s are common cause
    result = xmr(monthly([10, 11, 10, 11, 10, 20]), better="lower", kpi="mean_weeks")
    assert types(result) == [IMPROVEMENT, COMMON, IMPROVEMENT, COMMON, IMPROVEMENT, CONCERN]
    assert result.points[0].reasons == ["2 of 3 months close to the lower limit"]
    assert result.points[-1].reasons == ["outside the upper limit"]
    assert result.summary == "Unusual change for the worse: average duration was above the upper limit in June 2024."


def test_two_in_three_can_be_switched_off():
    # the same series without the two-in-three rule: only the 20 is special cause
    result = xmr(monthly([10, 11, 10, 11, 10, 20]), better="lower", rules=SpcRules(two_in_three=False))
    assert types(result) == [COMMON] * 5 + [CONCERN]


def test_common_cause_has_no_reasons_and_says_no_signal():
    # 1,3,2,4 (see test_limits_without_screening): limits -1.93 .. 6.93, two sigma 2.5 -/+ 2.955;
    # nothing outside or close, runs far shorter than 7
    result = xmr(monthly([1, 3, 2, 4]), better="lower")
    assert types(result) == [COMMON] * 4
    assert all(p.reasons == [] for p in result.points)
    assert result.summary == "No unusual change: every month is within the usual range."


# --- the chart: empty months ------------------------------------------------------------------------


def test_empty_months_are_skipped_not_zero_and_do_not_break_a_run():
    # SHIFT_14 with an empty month (None) and a NaN month inside the run above the centre: still 14
    # points, the same centre 14.714 (a 0 would drag it down and break the run), all 14 special cause
    values = SHIFT_14[:9] + [None] + SHIFT_14[9:12] + [math.nan] + SHIFT_14[12:]
    result = xmr(monthly(values), better="lower")
    assert len(result.points) == 14
    assert result.centre == pytest.approx(206 / 14)
    assert types(result) == [IMPROVEMENT] * 7 + [CONCERN] * 7
    assert Month(2024, 10) not in [p.month for p in result.points]
    assert result.latest_month == Month(2025, 4)  # 16 months from January 2024


def test_series_order_does_not_matter():
    shuffled = list(reversed(monthly(TREND_8)))
    assert types(xmr(shuffled, better="lower")) == [COMMON] + [CONCERN] * 7


# --- the chart: rebase ------------------------------------------------------------------------------


def test_rebase_gives_each_segment_its_own_limits():
    # Jan-Apr 10,12,10,12: centre 11, MR-bar 2 -> 11 -/+ 5.32 = 5.68 .. 16.32
    # May-Aug 20,21,20,21: centre 20.5, MR-bar 1 -> 20.5 -/+ 2.66 = 17.84 .. 23.16
    result = xmr(monthly([10, 12, 10, 12, 20, 21, 20, 21]), rebase=[Month(2024, 5)])
    first, last = result.points[0], result.points[-1]
    assert (first.centre, first.lower, first.upper) == (11, pytest.approx(5.68), pytest.approx(16.32))
    assert (last.centre, last.lower, last.upper) == (20.5, pytest.approx(17.84), pytest.approx(23.16))
    assert (result.centre, result.lower, result.upper) == (20.5, pytest.approx(17.84), pytest.approx(23.16))
    assert result.rebase == [Month(2024, 5)]


def test_rebase_restarts_the_runs():
    # TREND_8 has a 7-point rise (all concern when lower is better). Rebased at the 4th month:
    #   4,1,2: centre 7/3, MR-bar 2 -> limits 2.33 -/+ 5.32, two sigma -/+ 3.55: nothing outside or close
    #   3,4,5,6,7: centre 5, MR-bar 1 -> limits 2.34 .. 7.66, two sigma 3.227 .. 6.773: 3 and 7 are
    #   close but on opposite sides; sides -,-,0,+,+ -> no shift; the rise is 5 points -> no trend
    assert types(xmr(monthly(TREND_8), better="lower")) == [COMMON] + [CONCERN] * 7
    rebased = xmr(monthly(TREND_8), better="lower", rebase=[Month(2024, 4)])
    assert types(rebased) == [COMMON] * 8


def test_a_rebase_on_an_empty_month_starts_at_the_next_month_with_a_value():
    # rebase at May, which is empty: the second segment is Jun-Aug 20,21,20 with centre 61/3
    result = xmr(monthly([10, 12, 10, 12, None, 20, 21, 20]), rebase=[Month(2024, 5)])
    assert result.points[3].centre == 11
    assert result.points[4].month == Month(2024, 6)
    assert result.points[4].centre == pytest.approx(61 / 3)


def test_a_rebase_outside_the_series_changes_nothing():
    plain = xmr(monthly(SHIFT_14), better="lower")
    rebased = xmr(monthly(SHIFT_14), better="lower", rebase=[Month(2020, 1), Month(2030, 1)])
    assert rebased.points == plain.points


# --- the chart: assurance, provisional, edge cases --------------------------------------------------


def test_chart_assurance_uses_the_latest_segment():
    # latest segment 17.84 .. 23.16 (see test_rebase_gives_each_segment_its_own_limits); a target of 26
    # weeks is above the whole band -> pass when lower is better; the first segment would also pass
    series = monthly([10, 12, 10, 12, 20, 21, 20, 21])
    assert xmr(series, better="lower", target=26, rebase=[Month(2024, 5)]).assurance == "pass"
    # a target of 15 is below the latest band (fail) but inside the first (hit and miss)
    assert xmr(series, better="lower", target=15, rebase=[Month(2024, 5)]).assurance == "fail"
    assert xmr(series, better="lower", target=15).assurance == "hit_and_miss"


def test_provisional_below_twelve_points_in_the_latest_segment():
    assert xmr(monthly([1, 2] * 5 + [1])).provisional is True  # 11 points
    assert xmr(monthly([1, 2] * 6)).provisional is False  # 12 points
    # 20 points, but rebased at the 15th: the latest segment has 6
    assert xmr(monthly([1, 2] * 10), rebase=[JAN.shift(14)]).provisional is True


def test_one_point_is_charted_without_limits():
    result = xmr(monthly([5.0]), better="lower", target=3)
    assert (result.centre, result.lower, result.upper, result.latest) == (5.0, None, None, 5.0)
    assert types(result) == [COMMON]
    assert result.assurance is None
    assert result.provisional is True
    assert result.summary.startswith("Too few months for limits")


def test_no_points():
    result = xmr(monthly([None, math.nan]), better="lower", target=3)
    assert result.points == []
    assert (result.centre, result.latest, result.latest_month, result.variation) == (None, None, None, None)
    assert result.assurance is None


def test_a_repeated_month_or_unknown_direction_is_a_programming_error():
    with pytest.raises(ValueError, match="2024-01"):
        xmr([(JAN, 1.0), (JAN, 2.0)])
    with pytest.raises(ValueError, match="better"):
        xmr(monthly([1.0]), better="up")


# --- JSON ------------------------------------------------------------------------------------------


def test_to_dict_is_json_ready():
    # numpy integers are not JSON-serialisable; values must come out as plain floats
    series = monthly([np.int64(v) for v in SHIFT_14])
    result = xmr(series, better="lower", target=np.float64(20), rebase=[Month(2024, 3)], kpi="mean_weeks")
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) >= {
        "centre", "lower", "upper", "latest", "latest_month", "assurance", "variation", "provisional",
        "target", "better", "rules", "rebase", "summary", "points",
    }  # fmt: skip
    assert data["latest_month"] == "2025-02"
    assert data["rebase"] == ["2024-03"]
    words = data["rules"].pop("in_words")
    assert data["rules"] == {
        "shift": 7, "trend": 7, "two_in_three": True, "limit_factor": 2.66, "screen_factor": 3.267,
    }  # fmt: skip
    # The rules in words name the board's run lengths (the appendix and the comparison read these).
    assert "7 or more months in a row on the same side" in words[1] and len(words) == 4
    # rebased at March: the first segment is 8,12 -> centre 10, MR-bar 4, limits 10 -/+ 10.64
    assert data["points"][0] == {
        "month": "2024-01", "value": 8.0, "type": COMMON, "reasons": [],
        "centre": 10.0, "lower": pytest.approx(-0.64), "upper": pytest.approx(20.64),
    }  # fmt: skip
    assert isinstance(data["target"], float)


def test_rules_in_words_follow_the_boards_run_lengths():
    words = SpcRules(shift=6, trend=5, two_in_three=False).in_words()
    assert len(words) == 3 and "6 or more months in a row on the same side" in words[1]
    assert "5 or more months in a row each higher" in words[2]


def test_pprime_with_equal_denominators_gives_the_xmr_limits():
    # Laney (2002): with the same n every month, p′ limits are p̄ ± 2.66 MR̄ of the percentages, the
    # XmR limits (no moving range here is large enough to be screened out) -- when σz is at least 1
    # (here 1.14: the months swing by 2 to 5 cases of 40; below 1 the chart is a plain p chart).
    from lfjb.metrics.spc import pprime

    within = [10, 14, 10, 13, 9, 14, 10, 13, 9, 14, 11, 13]
    months = [Month(2024, m) for m in range(1, 13)]
    p_chart = pprime([(m, x, 40) for m, x in zip(months, within)], kpi="pct_within_26")
    x_chart = xmr([(m, 100 * x / 40) for m, x in zip(months, within)], better="higher", kpi="pct_within_26")
    assert p_chart.chart == "pprime" and x_chart.chart == "xmr" and p_chart.sigma_z > 1
    assert p_chart.centre == pytest.approx(x_chart.centre)
    # 3 / 1.128 = 2.6596 against Making Data Count's rounded 2.66: equal to 1 part in 1,000.
    assert p_chart.lower == pytest.approx(x_chart.lower, rel=1e-3) and p_chart.upper == pytest.approx(x_chart.upper, rel=1e-3)


def test_pprime_limits_follow_each_months_cases():
    # A month with 10 cases disposed of gets a wider range than one with 90: sigma_i = sqrt(p̄(1−p̄)/n_i).
    from lfjb.metrics.spc import pprime

    months = [Month(2024, m) for m in range(1, 9)]
    rows = [(m, x, n) for m, (x, n) in zip(months, [(3, 10), (30, 90), (4, 10), (27, 90), (3, 10), (33, 90), (5, 10), (29, 90)])]
    chart = pprime(rows + [(Month(2024, 9), None, 0)], kpi="pct_within_26")  # no cases: skipped, not 0%
    widths = [p.upper - p.lower for p in chart.points]
    assert len(chart.points) == 8
    assert widths[0] > widths[1] and widths[0] == pytest.approx(widths[2])
    assert chart.centre == pytest.approx(100 * (3 + 30 + 4 + 27 + 3 + 33 + 5 + 29) / 400)


def test_the_usual_range_a_reader_sees_stops_at_what_is_possible():
    # Percentages swinging widely: the lower limit computes below 0%, but no month can be below 0%.
    result = xmr(monthly([5, 40, 2, 35, 8, 45, 3, 30, 6, 38, 4, 33]), better="higher", kpi="pct_within_26")
    assert result.lower < 0
    low, high = result.usual_range
    assert low == 0.0 and high == min(result.upper, 100.0)  # and nothing above 100%


def test_after_a_rebase_the_reading_states_the_step_between_segments():
    # Issue 19 item 5: Jan-Apr average 11 weeks, May-Aug 20.5 weeks. The chart's reading says the
    # average moved, by how much and from when, as well as what the latest month shows.
    # Moving ranges within the segments: 2, 2, 2 and 1, 1, 1, so sigma = 1.5 / 1.128 and the standard error of
    # the difference of the two means is sigma x sqrt(1/4 + 1/4) = 0.940; the step, 9.5, is over twice that.
    result = xmr(monthly([10, 12, 10, 12, 20, 21, 20, 21]), better="lower", rebase=[Month(2024, 5)], kpi="mean_weeks")
    se = 1.5 / 1.128 * math.sqrt(0.5)
    assert result.steps == [{"month": "2024-05", "before": 11.0, "after": 20.5, "se": pytest.approx(se),
                             "is_clear": True, "months_after": 4}]
    # The later segment has 4 months (fewer than 12): its limits are provisional, and the words say so.
    assert result.step_words == ("The average rose from 11.0 to 20.5 weeks from May 2024, when the limits restart "
                                 "(limits provisional: 4 months).")
    assert result.summary.endswith(" " + result.step_words)
    assert result.to_dict()["steps"] == result.steps
    fell = xmr(monthly([20, 21, 20, 21, 10, 12, 10, 12]), better="lower", rebase=[Month(2024, 5)], kpi="pct_within_26")
    assert fell.step_words == ("The average fell from 20% to 11% from May 2024, when the limits restart "
                               "(limits provisional: 4 months).")
    # No rebase, or one outside the months charted: nothing to say.
    assert xmr(monthly([10, 12, 10, 12]), kpi="mean_weeks").step_words == ""
    assert xmr(monthly([10, 12, 10, 12]), rebase=[Month(2023, 1)], kpi="mean_weeks").steps == []


def test_a_step_within_the_month_to_month_noise_is_not_called_a_rise_or_a_fall():
    # Statistician's review of issue 19: Wolverhampton's cases issued "fell from 28.7 to 27.8". Here the means are
    # 12 and 13, every moving range is 4: sigma = 4 / 1.128 = 3.55, standard error of the difference
    # 3.55 x sqrt(1/4 + 1/4) = 2.51; the step, 1, is under twice that.
    result = xmr(monthly([10, 14, 10, 14, 11, 15, 11, 15]), rebase=[Month(2024, 5)], kpi="issued")
    [step] = result.steps
    assert step["se"] == pytest.approx(4 / 1.128 * math.sqrt(0.5)) and step["is_clear"] is False
    # No equality is claimed that the data cannot show: both averages are given, with the noise they sit in.
    assert result.step_words == ("No clear change in the average at May 2024, when the limits restart (12 to 13 cases, "
                                 "within the month-to-month noise; limits provisional: 4 months).")
    # 12 months after the restart: firm limits, nothing said about them.
    firm = xmr(monthly([10, 14] * 2 + [11, 15] * 6), rebase=[Month(2024, 5)], kpi="issued")
    assert firm.step_words == ("No clear change in the average at May 2024, when the limits restart (12 to 13 cases, "
                               "within the month-to-month noise).")
    # A percentage reads as the pack shows it: 12% to 13%.
    pct = xmr(monthly([10, 14, 10, 14, 11, 15, 11, 15]), rebase=[Month(2024, 5)], kpi="pct_within_26")
    assert "(12% to 13%, within the month-to-month noise;" in pct.step_words


def test_a_step_with_one_month_on_a_side_is_not_said_to_be_within_noise():
    """With one month either side of a restart there is no moving range: nothing was compared with any
    noise, so the words say there are too few months to judge (review of 5 December)."""
    result = xmr(monthly([10, 20, 30]), rebase=[Month(2024, 2), Month(2024, 3)], kpi="mean_weeks")
    assert result.steps and all(step["se"] is None and step["is_clear"] is False for step in result.steps)
    assert "too few months either side to judge" in result.step_words
    assert "noise" not in result.step_words


def test_a_clear_step_smaller_than_the_rounding_shown_is_about_the_same():
    # Every moving range 0 (a flat 20, then a flat 20.02 weeks): the step is clear of no noise at all, but weeks
    # show to one decimal, so it would read "rose from 20.0 to 20.0 weeks".
    result = xmr(monthly([20, 20, 20, 20, 20.02, 20.02, 20.02, 20.02]), rebase=[Month(2024, 5)], kpi="mean_weeks")
    [step] = result.steps
    assert step["is_clear"] is True
    assert result.step_words == ("The average was about the same before and after May 2024, when the limits restart "
                                 "(limits provisional: 4 months).")


def test_wolverhamptons_rebased_chart_and_headline_state_the_step():
    """Wolverhampton's sample restarts its limits from April 2024; its average duration stepped down."""
    from pathlib import Path

    from lfjb.inputs import load_board
    from lfjb.pack import build_pack

    pack = build_pack(load_board(Path(__file__).resolve().parents[2] / "board_config" / "wolverhampton.yaml"), Month(2025, 3))
    chart = pack.spc["mean_weeks"]
    [step] = chart.steps
    assert step["month"] == "2024-04" and step["after"] < step["before"] - 3
    assert "fell from" in chart.summary and "from April 2024, when the limits restart" in chart.summary
    [headline] = [h for h in pack.headlines if h.get("kpi") == "mean_weeks"]
    assert chart.step_words in headline["text"]
    # Known answers (/tmp/review-stats): average duration 45.1 -> 39.1 weeks, 2.5 standard errors: said. Cases
    # issued 28.7 -> 27.8 (0.3) and children 47 -> 47.5 (0.1): within the noise, so no clear change, both said.
    assert "fell from 45.1 to 39.1 weeks from April 2024" in chart.step_words
    assert pack.spc["issued"].step_words == ("No clear change in the average at April 2024, when the limits restart "
                                             "(28.7 to 27.8 cases, within the month-to-month noise).")
    assert "No clear change in the average at April 2024" in pack.spc["children_issued"].step_words


def test_pprime_with_sigma_z_below_1_is_a_plain_p_chart_and_says_so():
    # issue 19. 30/100, 31/100, 29/100, 30/100: σz = 0.258 (worked out in tests/metrics/test_laney.py),
    # so the limits are the p chart's: 30% ± 3 x sqrt(0.21/100) = 30% ± 13.75 points.
    from lfjb.metrics.spc import pprime

    result = pprime([(Month(2024, m), x, 100) for m, x in zip((1, 2, 3, 4), (30, 31, 29, 30))], kpi="pct_within_26")
    assert result.sigma_z == pytest.approx(0.257941, rel=1e-5) and result.sigma_z_used == 1.0
    assert result.upper == pytest.approx(43.7477, rel=1e-5)
    assert "plain p chart" in result.summary
    assert result.to_dict()["sigma_z_used"] == 1.0


def test_pprime_without_says_sigma_z_keeps_the_sentence_out_of_the_summary_but_holds_it():
    # The comparison's pooled chart prints the σz sentence beside the chart's explanation, so its summary
    # must not carry it too; the sentence is still there to print (sigma_z_words), and the figures are the same.
    from lfjb.metrics.spc import pprime

    series = [(Month(2024, m), x, 100) for m, x in zip((1, 2, 3, 4), (30, 31, 29, 30))]
    said, silent = pprime(series, kpi="pct_within_26"), pprime(series, kpi="pct_within_26", says_sigma_z=False)
    assert "plain p chart" not in silent.summary and silent.summary in said.summary
    assert silent.sigma_z_words == said.sigma_z_words and "plain p chart" in silent.sigma_z_words
    assert silent.sigma_z == said.sigma_z and silent.upper == said.upper and silent.sigma_z_chance is None


# --- one home for each rule (issue 23 item 4) -------------------------------------------------------


def test_outside_and_close_take_one_limit_per_value_as_a_pprime_chart_has():
    # 5 against 0..4 is above, 5 against 6..10 below: both outside; no limits -> never outside
    assert outside_limits([5, 5, 5], [0, 6, None], [4, 10, None]) == [True, True, False]
    # centre 0: 7 is beyond the two-sigma line of -10..10 (6.665) but not of -20..20 (13.33)
    assert close_to_limits([7, 7, 7], 0, [-10, -20, None], [10, 20, None]) == [True, False, False]
    with pytest.raises(ValueError, match="one per value"):
        outside_limits([1, 2], [0], [4])


def test_the_chart_judges_points_with_the_tested_rule_functions(monkeypatch):
    # SHIFT_14 has nothing outside its limits; a rule that calls every point outside must show on the
    # chart if the chart calls it (and not a copy of the rule).
    import lfjb.metrics.spc as spc

    monkeypatch.setattr(spc, "outside_limits", lambda values, lower, upper: [True] * len(values))
    monkeypatch.setattr(spc, "two_in_three", lambda values, centre, lower, upper: [True] * len(values))
    result = xmr(monthly(SHIFT_14), better="lower")
    assert all(p.reasons[0].startswith("outside the") for p in result.points)
    assert all(p.reasons[-1].startswith("2 of 3 months close") for p in result.points)


def test_a_rules_words_come_from_one_table(monkeypatch):
    import lfjb.metrics.spc as spc

    words = {rule: dict(w) for rule, w in spc.RULE_WORDS.items()}
    words["shift"] = {"rule": "SHIFT RULE {shift}", "reason": "SHIFT REASON {months} {side}",
                      "clause": "SHIFT CLAUSE {has} {its} {months} {side}"}
    monkeypatch.setattr(spc, "RULE_WORDS", words)
    result = xmr(monthly(SHIFT_14), better="lower", kpi="open_over_26")
    assert SpcRules(shift=7).in_words()[1] == "SHIFT RULE 7"
    assert result.points[-1].reasons == ["SHIFT REASON 7 above"]
    # open cases are counted in cases: a plural verb
    assert "SHIFT CLAUSE have their 7 above" in result.summary


def test_each_rule_reads_the_same_beside_a_point_and_in_the_reading():
    # The wording as the pack prints it (the sample packs' JSON), from the one table
    result = xmr(monthly(SHIFT_14), better="lower", kpi="mean_weeks")
    assert result.points[0].reasons == ["7 months in a row below the average"]
    assert result.summary == "Unusual change for the worse: average duration has been above its average for 7 months in a row."


# --- chunky counts: too coarse for XmR limits (Wheeler) ---------------------------------------------------


def test_a_count_that_is_0_or_1_most_months_gets_no_limits_and_no_month_is_judged():
    # Worcester's open cases over 52 weeks (sample data, March 2025): 1, 2, 1, then 0 for 13 months, 1, 0 for 5
    # months, 1, 1. Moving ranges: six of 1, seventeen of 0 -> mean 6/23 = 0.261; the screen (3.267 x 0.261 =
    # 0.852) drops every range of 1, so MR-bar = 0 and the limits sit on the centre 7/24 = 0.292: every 0 was
    # "below the lower limit" and every 1 "above the upper", and the headline called 1 case an unusual change
    # for the worse. Upper range limit 3.267 x 0 = 0 leaves 1 possible range value (0): chunky (3 or fewer).
    from lfjb.metrics.spc import is_too_coarse, xmr

    months = [Month(2023, 4).shift(i) for i in range(24)]
    values = [1, 2, 1] + [0] * 13 + [1] + [0] * 5 + [1, 1]
    chart = xmr(list(zip(months, values)), better="lower", kpi="open_over_52")
    assert chart.centre == pytest.approx(7 / 24)
    assert chart.lower is None and chart.upper is None and chart.assurance is None
    assert {p.type for p in chart.points} == {"common_cause"} and not chart.unusual_runs
    assert chart.summary.startswith("No limits: open cases over 52 weeks old change by so few from one month to the next")
    assert "unusual change" not in chart.summary.lower()
    # The rule: floor(3.267 x MR-bar) + 1 possible range values. MR-bar 0.9 -> 2.94 -> {0, 1, 2}: chunky;
    # MR-bar 1.0 -> 3.267 -> {0, 1, 2, 3}: 4 values, not chunky.
    assert is_too_coarse(0.0) and is_too_coarse(0.9) and not is_too_coarse(1.0) and not is_too_coarse(None)


def test_chunky_applies_to_counts_only_and_not_to_counts_that_vary_enough():
    from lfjb.metrics.spc import xmr

    months = [Month(2023, 4).shift(i) for i in range(24)]
    values = [1, 2, 1] + [0] * 13 + [1] + [0] * 5 + [1, 1]
    # The same numbers as an average in weeks (measured finely, not in whole units): judged as before.
    weeks = xmr(list(zip(months, values)), better="lower", kpi="mean_weeks")
    assert weeks.upper == pytest.approx(7 / 24) and weeks.points[-1].type == "special_cause_concern"
    # A count of about 40 moving by 1 or 2 (MR-bar 1.3, 5 possible range values): usual limits.
    busy = xmr(list(zip(months, [40 + i % 3 for i in range(24)])), better="lower", kpi="open_over_52")
    assert busy.upper is not None and busy.summary.startswith("No unusual change")


# --- reading a chart back (SpcResult.from_dict beside to_dict) ------------------------------------------------

# A value for every field of SpcResult, none of them its default: a field added to SpcResult without a value here
# fails the round trip below, and a field to_dict writes but from_dict does not read comes back as its default.
_EVERY_FIELD = {
    "kpi": "mean_weeks", "centre": 30.5, "lower": 20.25, "upper": 40.75, "latest": 33.0, "latest_month": Month(2025, 3),
    "assurance": "fail", "variation": "special_cause_concerning_high", "provisional": True, "target": 26.0,
    "better": "higher",
    "points": [SpcPoint(month=Month(2025, 2), value=29.0, type="common_cause", reasons=[], centre=30.5, lower=20.25,
                        upper=40.75),
               SpcPoint(month=Month(2025, 3), value=33.0, type="special_cause_concerning_high",
                        reasons=["shift above the centre"], centre=30.5, lower=None, upper=None)],
    "rules": SpcRules(shift=6, trend=5, two_in_three=False, limit_factor=3.0, screen_factor=3.5),
    "rebase": [Month(2024, 4), Month(2024, 10)], "summary": "A sentence.", "chart": "pprime",
    "steps": [{"month": "2024-04", "before": 45.1, "after": 39.1, "se": 2.4, "is_clear": True, "months_after": 12}],
    "sigma_z": 1.7, "sigma_z_used": 1.7, "sigma_z_chance": 0.01, "sigma_z_words": "σz words.", "is_too_coarse": True,
}


def test_every_field_of_an_spc_chart_reads_back_from_its_dict():
    import dataclasses

    names = [f.name for f in dataclasses.fields(SpcResult)]
    assert sorted(_EVERY_FIELD) == sorted(names), "give every SpcResult field a value here (not its default)"
    for f in dataclasses.fields(SpcResult):
        default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
        assert _EVERY_FIELD[f.name] != default, f"{f.name}: a default would read back even if it were lost"
    chart = SpcResult(**_EVERY_FIELD)
    again = SpcResult.from_dict(json.loads(json.dumps(chart.to_dict())))  # through the text, as a board's file is
    for name in names:
        assert getattr(again, name) == getattr(chart, name), name
    assert again == chart and again.to_dict() == chart.to_dict()


def test_an_spc_dict_of_the_wrong_shape_names_its_key():
    data = SpcResult(**_EVERY_FIELD).to_dict()
    data["points"][1]["month"] = "March"
    with pytest.raises(SpcShapeError) as caught:
        SpcResult.from_dict(data)
    assert caught.value.key == "points[1].month" and caught.value.expected == "a month as YYYY-MM"
    # Missing or null: the field's default, as an older pack wrote it (no chart key: an XmR chart).
    older = SpcResult.from_dict({"kpi": "issued", "chart": None, "points": []})
    assert older.chart == "xmr" and older.rules == SpcRules() and older.steps == [] and older.centre is None


def test_a_point_read_back_without_its_reasons_has_none():
    """A pack file whose point leaves out `reasons` (or has it null) reads as no reasons, not as None
    (which to_dict could not write again)."""
    from lfjb.metrics.spc import SpcPoint

    point = SpcPoint.from_dict({"month": "2025-03", "value": 1.0, "type": "common_cause", "centre": 1.0})
    assert point.reasons == [] and point.to_dict()["reasons"] == []
    assert SpcPoint.from_dict({"month": "2025-03", "value": 1.0, "type": "common_cause", "reasons": None}).reasons == []
