"""All boards pooled, % within 26 weeks on a Laney p′ chart (lfjb/compare/pooled.py)."""

from __future__ import annotations

import dataclasses

import pytest
from compare_data import MONTH, fake_pack

from lfjb.compare.disclosure import publishable
from lfjb.compare.model import add_words, build_comparison
from lfjb.compare.pooled import has_small_numbers, pooled_monthly_within_26, pooled_within_26
from lfjb.metrics.laney import laney_pprime
from lfjb.month import Month


def _packs():
    # Two boards, 24 months of 20 cases at 25% within 26 weeks (5 each), except the reporting month:
    # alpha 30 cases at 40% (12), bravo 10 at 10% (1).
    return [fake_pack("alpha", disposed=30, pct=40.0), fake_pack("bravo", disposed=10, pct=10.0)]


def test_months_are_pooled_from_each_boards_cases():
    series = pooled_monthly_within_26(_packs())
    assert len(series) == 24 and series[0][0] == MONTH.shift(-23)
    assert series[0][1:] == (10, 40)  # 5 + 5 of 20 + 20
    assert series[-1] == (MONTH, 13, 40)  # 12 + 1 of 30 + 10


def test_a_board_month_without_a_figure_is_left_out_of_that_months_pool():
    packs = _packs()
    first = dataclasses.replace(packs[1].trend[0], pct_within_26=None)
    packs[1] = dataclasses.replace(packs[1], trend=(first, *packs[1].trend[1:]))
    assert pooled_monthly_within_26(packs)[0][1:] == (5, 20)


def test_the_chart_is_laneys_p_prime_judged_by_the_usual_rules():
    # As _packs, but alpha's reporting month has 27 of 30 within 26 weeks: pooled 28 of 40 = 70%.
    packs = [fake_pack("alpha", disposed=30, pct=90.0), fake_pack("bravo", disposed=10, pct=10.0)]
    pooled = pooled_within_26(packs)
    series = pooled_monthly_within_26(packs)
    laney = laney_pprime([x for _, x, _ in series], [n for _, _, n in series])
    assert pooled["chart"] == "pprime"
    assert pooled["centre"] == pytest.approx(100 * laney.centre)
    assert pooled["sigma_z"] == pytest.approx(laney.sigma_z)
    latest = pooled["latest"]
    assert latest["month"] == str(MONTH) and latest["value"] == pytest.approx(70.0)
    assert latest["upper"] == pytest.approx(100 * laney.points[-1].upper)
    # 23 months at exactly 25%, then 70%: one moving range in 23, so sigma-z is small (below 1) and the
    # limits are the plain p chart's (issue 19): p̄ = 258/960 = 26.9%, upper 26.9% + 3 x sqrt(p̄(1-p̄)/40)
    # = 47.9%, said in the note. (Laney's own σz would have narrowed them to about 28%.)
    assert pooled["sigma_z"] < 1 and pooled["sigma_z_used"] == 1.0
    p = laney.centre
    assert latest["upper"] == pytest.approx(100 * (p + 3 * (p * (1 - p) / 40) ** 0.5))
    assert "plain p chart" in pooled["sigma_z_note"] and "plain p chart" not in pooled["summary"]
    # The jump is still far above its limit, an improvement (higher is better); the words are lfjb.metrics.spc's.
    assert latest["value"] > latest["upper"] and latest["type"] == "special_cause_improvement"
    assert latest["label"] == "Improving"
    assert pooled["summary"].startswith("Unusual change for the better")
    assert pooled["rules"]["in_words"][0].startswith("it is outside the usual range")


def test_laneys_p_prime_is_computed_once(monkeypatch):
    # The pooled chart takes σz and its sentence from lfjb.metrics.spc.pprime, not from a second Laney run.
    import lfjb.compare.pooled as pooled_module
    import lfjb.metrics.laney as laney

    calls = []
    real = laney.laney_pprime

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(laney, "laney_pprime", counted)
    monkeypatch.setattr(pooled_module, "laney_pprime", counted, raising=False)
    pooled = pooled_within_26(_packs())
    assert len(calls) == 1
    assert pooled["sigma_z_note"].startswith("From one month to the next")


def test_the_pooled_chart_says_more_than_chance_only_when_chance_rarely_reaches_its_sigma_z():
    # As _packs but alpha alternates 50% and 10% of 20 cases month by month (bravo 5 of 20): pooled 15 and 7
    # of 40 in turn, p̄ about 27.5%, σ = sqrt(0.275 x 0.725 / 40) = 0.0706, z = ±0.1 / 0.0706 = ±1.42,
    # every moving range about 2.83, σz about 2.83 / 1.128 = 2.5: binomial months never swing like that.
    swinging = _packs()
    swinging[0] = dataclasses.replace(swinging[0], trend=tuple(
        dataclasses.replace(row, pct_within_26=10.0 if i % 2 else 50.0, disposed=20) for i, row in enumerate(swinging[0].trend)))
    pooled = pooled_within_26(swinging)
    assert pooled["sigma_z"] > 2 and pooled["sigma_z_chance"] < 0.05
    assert "vary more than chance alone would" in pooled["sigma_z_note"]
    assert pooled["sigma_z_note"] not in pooled["summary"]


def test_small_pools_are_flagged_and_left_out_of_a_published_comparison():
    month = Month(2025, 3)
    assert has_small_numbers([(month, 20, 40)], 10) is False
    assert has_small_numbers([(month, 3, 40)], 10) is True  # 3 within 26 weeks
    assert has_small_numbers([(month, 36, 40)], 10) is True  # 4 beyond
    assert has_small_numbers([(month, 4, 8)], 10) is True  # fewer than 10 cases
    model = build_comparison(_packs(), MONTH, {"kind": "packs", "boards": 2})
    assert add_words(model).pooled_within_26["has_small_numbers"] is False
    assert publishable(model, 10).pooled_within_26 is not None
    small = build_comparison([fake_pack("alpha", disposed=3, monthly_disposed=4)], MONTH, {"kind": "packs", "boards": 1})
    assert small.pooled_within_26["has_small_numbers"] is True
    assert publishable(small, 10).pooled_within_26 is None
