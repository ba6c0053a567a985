"""Laney p′ (lfjb/metrics/laney.py) on series worked out by hand."""

from __future__ import annotations

import math

import pytest

from lfjb.metrics.laney import SIGMA_Z_CHANCE_LEVEL, laney_pprime, sigma_z_chance_share, sigma_z_words


def test_known_answer_with_varying_denominators():
    # 10/40, 5/10, 30/100: p̄ = 45/150 = 0.3.
    # σ_i = sqrt(0.21 / n): 0.072457, 0.144914, 0.045826.
    # z = (0.25 - 0.3)/0.072457 = -0.690066; (0.5 - 0.3)/0.144914 = 1.380131; 0 / 0.045826 = 0.
    # moving ranges 2.070197, 1.380131 -> mean 1.725164 -> σ_z = 1.725164 / 1.128 = 1.529401.
    chart = laney_pprime([10, 5, 30], [40, 10, 100])
    assert chart.centre == pytest.approx(0.3)
    assert chart.sigma_z == pytest.approx(1.529401, rel=1e-5)
    # Month 3: 0.3 ± 3 x 0.045826 x 1.529401 = 0.3 ± 0.210258.
    assert chart.points[2].lower == pytest.approx(0.089742, rel=1e-4)
    assert chart.points[2].upper == pytest.approx(0.510258, rel=1e-4)
    # Month 2 (10 cases) has the widest limits: 0.3 ± 0.664906, kept within 0 and 1.
    assert chart.points[1].lower == 0.0 and chart.points[1].upper == pytest.approx(0.964906, rel=1e-4)
    assert chart.to_dict()["centre"] == pytest.approx(30.0)


def test_equal_denominators_give_the_xmr_limits():
    # With every n the same, p′ limits are p̄ ± 2.66 x mean moving range of the proportions (XmR).
    x, n = [12, 15, 9, 14, 10], 40
    chart = laney_pprime(x, [n] * len(x))
    p = [v / n for v in x]
    mr = sum(abs(b - a) for a, b in zip(p, p[1:])) / (len(p) - 1)
    assert chart.points[0].upper == pytest.approx(chart.centre + 3 / 1.128 * mr)
    assert 3 / 1.128 == pytest.approx(2.66, abs=0.001)


def test_months_without_cases_are_skipped_not_zero():
    chart = laney_pprime([10, None, 0, 12], [40, None, 0, 40])
    assert [p.index for p in chart.points] == [0, 3]
    assert chart.centre == pytest.approx(22 / 80)


def test_too_little_to_chart():
    assert laney_pprime([3], [10]) is None
    assert laney_pprime([0, 0], [10, 12]) is None
    with pytest.raises(ValueError):
        laney_pprime([11, 2], [10, 5])
    assert math.isfinite(laney_pprime([1, 2], [10, 10]).sigma_z)


def test_sigma_z_below_1_gives_a_plain_p_chart_and_says_so():
    # 30/100, 31/100, 29/100, 30/100: p̄ = 0.3, σ_i = sqrt(0.21/100) = 0.045826 for every month;
    # z = 0, 0.218218, -0.218218, 0; moving ranges 0.218218, 0.436436, 0.218218 -> mean 0.290957
    # -> σ_z = 0.290957 / 1.128 = 0.257941. Below 1, so the limits use 1: 0.3 ± 3 x 0.045826 = 0.3 ± 0.137477.
    chart = laney_pprime([30, 31, 29, 30], [100] * 4)
    assert chart.sigma_z == pytest.approx(0.257941, rel=1e-5)
    assert chart.sigma_z_used == 1.0 and chart.is_plain_p_chart
    assert chart.points[0].lower == pytest.approx(0.162523, rel=1e-5)
    assert chart.points[0].upper == pytest.approx(0.437477, rel=1e-5)
    data = chart.to_dict()
    assert data["sigma_z"] == pytest.approx(0.257941, rel=1e-5) and data["sigma_z_used"] == 1.0
    assert chart.chance_share is None  # nothing to test below 1
    assert "plain p chart" in chart.words and "0.26" in chart.words


def test_sigma_z_above_1_is_used_as_measured():
    chart = laney_pprime([10, 5, 30], [40, 10, 100])
    assert chart.sigma_z_used == chart.sigma_z == pytest.approx(1.529401, rel=1e-5)
    assert not chart.is_plain_p_chart
    assert "widened" in chart.words


def test_the_sigma_z_words_say_it_measures_month_to_month_variation_only():
    # σz is the average moving range of the z-scores / 1.128: it sees only how far each month is from the one
    # before (statistician's review of issue 19), so the words must not claim more.
    below = sigma_z_words(0.82, None)
    assert below.startswith("From one month to the next, the months vary no more than chance alone would (σz = 0.82")
    above = sigma_z_words(1.40, 0.003)
    assert above.startswith("From one month to the next, the months vary more than chance alone would (σz = 1.40; "
                            "months varying by chance alone, with these numbers of cases, reach that less than 1% of the time)")


# --- is σz more than chance? (σz just above 1 is common by chance too) -------------------------------------


def test_how_often_chance_alone_reaches_a_sigma_z():
    # 24 months of 1,000 cases at 30%. Under chance the z-scores are about independent N(0, 1); a moving
    # range |z_i+1 - z_i| has mean 2/sqrt(pi) = 1.128, variance 2 - 4/pi = 0.727, and neighbouring ranges
    # covary by (4/pi)(sqrt(3)/2 + pi/12 - 1) = 0.163. Over 23 ranges: var(mean) = (23 x 0.727 + 2 x 22 x
    # 0.163) / 23^2 = 0.0451, so σz = mean / 1.128 has SD 0.188 about 1 (median 0.99, the centre being
    # estimated). Normal: P(σz >= 1.31) = 1 - Φ(0.32 / 0.188) = 4.5%, and the moving ranges' right skew
    # makes it nearer 6% (200,000 draws gave 5.8%); P(σz >= 1.2) is about 15%, P(σz >= 1) about one half.
    n = [1000] * 24
    assert 0.04 <= sigma_z_chance_share(1.31, n, 0.3) <= 0.075
    assert 0.12 <= sigma_z_chance_share(1.2, n, 0.3) <= 0.18
    assert 0.40 <= sigma_z_chance_share(1.0, n, 0.3) <= 0.55
    assert sigma_z_chance_share(1.6, n, 0.3) < 0.01
    # Seeded: the same chart gives the same share, so its words do not change from run to run.
    assert sigma_z_chance_share(1.2, n, 0.3) == sigma_z_chance_share(1.2, n, 0.3)


def test_sigma_z_just_above_1_is_not_called_more_than_chance():
    # Twelve binomial months of 100 cases at 30% (drawn with numpy's seed 5): σz = 1.07, which chance alone
    # reaches about 37% of the time, so the words claim no over-dispersion; the limits are still Laney's
    # (widened by the measured σz).
    chart = laney_pprime([34, 25, 29, 23, 35, 34, 25, 30, 27, 30, 31, 24], [100] * 12)
    assert chart.sigma_z == pytest.approx(1.0666, abs=1e-4) and chart.sigma_z_used == chart.sigma_z
    assert 0.30 <= chart.chance_share <= 0.45 and not chart.is_overdispersed
    assert "more than chance" not in chart.words
    assert chart.words.startswith("From one month to the next, the months vary about as much as chance alone could "
                                  "(σz = 1.07; months varying by chance alone, with these numbers of cases, reach that ")
    assert chart.words.endswith("of the time), so each month's limits are a plain p chart's, widened by that factor.")


def test_material_over_dispersion_is_said():
    # 20%, 40%, 20%, 40%, ... of 100 cases: p̄ = 0.3, σ_i = 0.045826, z = ±2.182, every moving range 4.364,
    # σz = 4.364 / 1.128 = 3.869. Binomial months of 100 at 30% never swing like that.
    chart = laney_pprime([20, 40] * 6, [100] * 12)
    assert chart.sigma_z == pytest.approx(3.869, abs=1e-3)
    assert chart.chance_share < SIGMA_Z_CHANCE_LEVEL and chart.is_overdispersed
    assert "vary more than chance alone would (σz = 3.87" in chart.words
    assert chart.words.endswith("so each month's limits are widened by that factor.")


def test_the_chance_share_is_simulated_only_for_the_segment_whose_share_is_read(monkeypatch):
    # A p′ chart restarted once: two segments, each over-dispersed (σz 3.87 as above), so each could be tested
    # against chance; only the latest segment's share reaches the chart (SpcResult.sigma_z_chance), so the
    # simulation (~27 ms) runs once, not once a segment, and gives the same share it did.
    from lfjb.metrics import laney
    from lfjb.metrics.spc import pprime
    from lfjb.month import Month

    calls = []
    real = laney.sigma_z_chance_share
    monkeypatch.setattr(laney, "sigma_z_chance_share", lambda *a, **k: calls.append(a) or real(*a, **k))
    months = [Month(2023, 1).shift(i) for i in range(24)]
    series = [(m, x, 100) for m, x in zip(months, [20, 40] * 6 + [25, 45] * 6)]
    result = pprime(series, rebase=[months[12]], kpi="pct_within_26")
    assert len(calls) == 1
    latest = laney_pprime([25, 45] * 6, [100] * 12)
    assert result.sigma_z == pytest.approx(latest.sigma_z) and result.sigma_z_chance == latest.chance_share
    # Built but never read: no simulation.
    calls.clear()
    chart = laney_pprime([20, 40] * 6, [100] * 12)
    assert calls == [] and chart.chance_share is not None and len(calls) == 1
