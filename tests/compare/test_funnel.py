"""Funnel limits (lfjb/compare/funnel.py) against numbers worked out by hand.

Worked example, three boards of 100 cases: 30, 50 and 40 within 26 weeks.
- pooled rate p0 = 120 / 300 = 0.4; on the arcsine scale t = asin(sqrt(0.4)) = 0.684719.
- s = 1 / (2 sqrt(100)) = 0.05 for every board, so w = 1 / s^2 = 400.
- y = asin(sqrt(0.3)) = 0.579640, asin(sqrt(0.5)) = 0.785398, 0.684719;
  z = (y - t) / s = -2.101589, 2.013579, 0.
- Winsorising at 10%: sorted z = [-2.101589, 0, 2.013579]; R's quantile (type 7) at 0.1 is position
  0.2 -> -2.101589 * 0.8 = -1.681271; at 0.9 is position 1.8 -> 2.013579 * 0.8 = 1.610863.
- phi = (1.681271^2 + 1.610863^2 + 0) / 3 = 1.807185; k phi = 5.42 > k - 1 = 2, so over-dispersed.
- tau^2 = (3 x 1.807185 - 2) / (1200 - 3 x 400^2 / 1200) = 3.421554 / 800 = 0.004276943.
- At n = 100: sd = sqrt(0.0025 + 0.004276943) = 0.082322; the 95% limits are
  sin(t -/+ 1.959964 x 0.082322)^2 = 0.249802 and 0.560521; 99.8%: 0.174027 and 0.651306.
"""

from __future__ import annotations

import math

import pytest

from lfjb.compare import funnel


def test_over_dispersed_example_matches_the_hand_worked_numbers():
    result = funnel.funnel(["a", "b", "c"], [30, 50, 40], [100, 100, 100])
    assert result.target == pytest.approx(0.4)
    assert [p.z for p in result.points] == pytest.approx([-2.101589, 2.013579, 0.0], abs=1e-6)
    assert result.phi == pytest.approx(1.807185, abs=1e-6)
    assert result.tau2 == pytest.approx(0.004276943, abs=1e-9)
    assert result.is_adjusted
    lim = result.points[0].limits
    assert (lim.lower_95, lim.upper_95) == pytest.approx((0.249802, 0.560521), abs=1e-6)
    assert (lim.lower_998, lim.upper_998) == pytest.approx((0.174027, 0.651306), abs=1e-6)
    # 0.3 and 0.5 are inside the widened 95% limits: routine spread between areas is not an outlier.
    assert {p.position for p in result.points} == {funnel.INSIDE}


def test_without_the_adjustment_the_same_boards_are_outliers():
    """Unadjusted 95% limits at n = 100: sin(t -/+ 1.959964 x 0.05)^2 = 0.306510 and 0.497319."""
    result = funnel.funnel(["a", "b", "c"], [30, 50, 40], [100, 100, 100], adjust=False)
    assert result.tau2 == 0
    lim = result.points[0].limits
    assert (lim.lower_95, lim.upper_95) == pytest.approx((0.306510, 0.497319), abs=1e-6)
    assert [p.position for p in result.points] == [funnel.BELOW_95, funnel.ABOVE_95, funnel.INSIDE]


def test_no_overdispersion_leaves_the_limits_unadjusted():
    """38, 40 and 42 of 100: z about -0.41, 0, 0.41, phi well under (k - 1) / k, so tau^2 = 0 and the
    limits at n = 100 and 400 are the binomial ones: 95% 0.306510-0.497319 and 0.352547-0.448412,
    99.8% at 100: 0.255745-0.553729."""
    result = funnel.funnel(["a", "b", "c"], [38, 40, 42], [100, 100, 100])
    assert result.tau2 == 0 and not result.is_adjusted
    at_100 = funnel.limits_at(100, result.target, result.tau2)
    assert (at_100.lower_95, at_100.upper_95) == pytest.approx((0.306510, 0.497319), abs=1e-6)
    assert (at_100.lower_998, at_100.upper_998) == pytest.approx((0.255745, 0.553729), abs=1e-6)
    at_400 = funnel.limits_at(400, result.target)
    assert (at_400.lower_95, at_400.upper_95) == pytest.approx((0.352547, 0.448412), abs=1e-6)


def test_winsorising_pulls_extremes_to_the_10th_and_90th_percentiles():
    import numpy as np

    z = np.array([-5.0, -1.0, 0.0, 1.0, 2.0, 9.0])
    # type 7 quantiles: position 0.5 -> -3.0; position 4.5 -> 5.5
    assert funnel.winsorised(z).tolist() == pytest.approx([-3.0, -1.0, 0.0, 1.0, 2.0, 5.5])


def test_limits_stop_at_0_and_100_percent():
    lim = funnel.limits_at(2, 0.05, 0.0)
    assert lim.lower_998 == 0.0 and lim.lower_95 == 0.0
    assert 0 < lim.upper_998 <= 1
    assert funnel.limits_at(2, 0.97).upper_998 == pytest.approx(1.0)


def test_a_clear_outlier_is_named_above_the_998_limit():
    """Ten boards: nine near 40% and one at 90%. Winsorising keeps the outlier from widening the
    limits much (with only five boards it could not: the 90th percentile would sit near it)."""
    labels = list("abcdefghij")
    result = funnel.funnel(labels, [40, 42, 38, 41, 39, 40, 43, 37, 40, 90], [100] * 10)
    positions = {p.label: p.position for p in result.points}
    assert positions["j"] == funnel.ABOVE_998
    assert all(positions[k] == funnel.INSIDE for k in labels[:-1])


def test_a_board_with_no_cases_is_refused():
    with pytest.raises(ValueError):
        funnel.funnel(["a"], [0], [0])


def test_curve_reaches_past_the_largest_board():
    result = funnel.funnel(["a", "b"], [30, 60], [100, 200])
    assert max(c.n for c in result.curve) >= 200
    assert all(c.lower_998 <= c.lower_95 <= result.target <= c.upper_95 <= c.upper_998 for c in result.curve)
    assert math.isclose(result.target, 0.3)


def test_one_board_has_no_between_board_variance():
    import numpy as np

    from lfjb.compare.funnel import overdispersion

    phi, tau2 = overdispersion(np.array([3.0]), np.array([0.05]))
    assert phi == pytest.approx(9.0) and tau2 == 0.0


def test_over_dispersion_is_called_beyond_chance_only_past_the_chi_square_95_point():
    from lfjb.compare.funnel import chi_square_upper, is_clearly_overdispersed

    # Exact 95% points of chi-square: 5.991 (2 df), 12.592 (6 df), 55.758 (40 df); Wilson-Hilferty is close.
    assert chi_square_upper(2) == pytest.approx(5.991, abs=0.06)
    assert chi_square_upper(6) == pytest.approx(12.592, abs=0.03)
    assert chi_square_upper(40) == pytest.approx(55.758, abs=0.01)
    # 7 boards: k x phi = 7 x 1.2 = 8.4 is above k - 1 = 6 (the adjustment is on) but below 12.57: chance.
    assert not is_clearly_overdispersed(7, 1.2)
    assert is_clearly_overdispersed(7, 2.0)  # 14.0 > 12.57
    assert is_clearly_overdispersed(43, 4.96)  # the 43-area sample: 213 > 58.1
    # Centred on the national figure nothing is estimated from the boards: k degrees of freedom. 7 x 2.0 = 14.0
    # is past chi-square's 95% point on 6 (12.59) but not on 7 (14.07).
    assert not is_clearly_overdispersed(7, 2.0, centre_given=True)
    assert is_clearly_overdispersed(7, 2.1, centre_given=True)  # 14.7 > 14.07
