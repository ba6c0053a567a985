"""The league table and the drivers across boards (lfjb/compare/league.py, drivers.py) on packs built by hand."""

from __future__ import annotations

import pytest
from compare_data import MONTH, fake_pack

from lfjb.compare.drivers import driver_summary
from lfjb.compare.league import league_table, period_from_trend


@pytest.fixture(scope="module")
def packs():
    return [
        fake_pack("slow", "trailblazer", "Central London", mean_weeks_12m=55.0, pct_12m=10.0),
        fake_pack("fast", "comparator", "Worcester", mean_weeks_12m=24.0, pct_12m=70.0,
                  driver_cases={"changes_in_plan": 5, "court_capacity": 2}),
        fake_pack("middle", "trailblazer", "Wolverhampton", mean_weeks_12m=38.0, pct_12m=36.0, disposed_12m=100),
        fake_pack("tied", None, "Birmingham", mean_weeks_12m=38.0, pct_12m=40.0),
    ]


def test_ranked_on_12_month_average_with_ties_broken_by_pct(packs):
    rows, _ = league_table(packs)
    assert [r["slug"] for r in rows] == ["fast", "tied", "middle", "slow"]
    assert [r["rank"] for r in rows] == [1, 2, 3, 4]


def test_ranked_within_region(packs):
    rows, _ = league_table(packs)
    midlands = {r["slug"]: (r["region_rank"], r["region_of"]) for r in rows if r["region"] == "Midlands"}
    assert midlands == {"fast": (1, 3), "tied": (2, 3), "middle": (3, 3)}
    slow = next(r for r in rows if r["slug"] == "slow")
    assert (slow["region"], slow["region_rank"], slow["region_of"]) == ("London", 1, 1)


def test_programme_is_marked(packs):
    rows, _ = league_table(packs)
    labels = {r["slug"]: r["programme_label"] for r in rows}
    assert labels == {"fast": "Comparator", "tied": "Not stated", "middle": "Trailblazer", "slow": "Trailblazer"}


def test_change_on_the_year_before_comes_from_the_trend(packs):
    """Every trend month has 20 cases at 41 weeks and 25% within 26, except March 2025 (fake_pack's
    month figures: 20 cases, 40 weeks, 30%). The 12 months a year earlier (Apr 2023 - Mar 2024) are
    all 41 weeks, so a 12-month average of 24 weeks is 17 weeks shorter; March 2025 against March 2024:
    40 - 41 = -1 week and 30 - 25 = +5 points."""
    rows, _ = league_table(packs)
    fast = next(r for r in rows if r["slug"] == "fast")
    assert fast["mean_weeks_12m_prev"] == pytest.approx(41.0)
    assert fast["change_mean_weeks_12m"] == pytest.approx(-17.0)
    assert fast["change_pct_within_26_12m"] == pytest.approx(45.0)
    assert fast["change_mean_weeks"] == pytest.approx(-1.0)
    assert fast["change_pct_within_26"] == pytest.approx(5.0)
    assert fast["spc"]["mean_weeks"]["type"] == "common_cause"
    assert fast["spc"]["pct_within_26"]["assurance"] == "fail"


def test_all_boards_row_sums_counts_and_pools_averages(packs):
    """12-month average pooled by cases: (55 x 240 + 24 x 240 + 38 x 100 + 38 x 240) / 820 = 35.8780..."""
    _, total = league_table(packs)
    assert total["disposed_12m"] == 820
    assert total["mean_weeks_12m"] == pytest.approx((55 * 240 + 24 * 240 + 38 * 100 + 38 * 240) / 820)
    assert total["issued"] == 80
    assert total["median_weeks_12m"] is None


def test_period_from_trend_weights_months_by_cases():
    pack = fake_pack("a", disposed=40, mean_weeks=30.0, pct=50.0)
    # 11 months of 20 cases at 41 weeks and one of 40 at 30: (11 x 20 x 41 + 40 x 30) / 260
    figures = period_from_trend(pack, MONTH.shift(-11), MONTH)
    assert figures["disposed"] == 260
    assert figures["mean_weeks"] == pytest.approx((11 * 20 * 41 + 40 * 30) / 260)
    assert period_from_trend(pack, MONTH.shift(-30), MONTH) is None


def test_drivers_most_cited_across_boards_and_boards_not_acting_on_their_own(packs):
    """court_capacity: 30 + 2 + 30 + 30 = 92 > changes_in_plan 12 + 5 + 12 + 12 = 41. fake_pack boards
    have an open action only on changes_in_plan, so the three whose top driver is court_capacity have
    none on it; 'fast' (top: changes_in_plan, 5 cases) does."""
    summary = driver_summary(packs)
    assert [(r["driver"], r["total"]) for r in summary["rows"][:2]] == [("court_capacity", 92), ("changes_in_plan", 41)]
    assert summary["rows"][0]["boards_top"] == 3
    assert sorted(summary["no_open_action_on_top_driver"]) == ["middle", "slow", "tied"]
    fast = next(t for t in summary["top_by_board"] if t["slug"] == "fast")
    assert fast["top"][0]["driver"] == "changes_in_plan" and fast["has_open_action"]
    assert fast["top"][0]["share"] == pytest.approx(100 * 5 / 240)


def test_region_sub_totals_add_up_their_boards():
    from lfjb.compare.league import region_rows

    packs = [fake_pack("a", dfj_area="Worcester", disposed_12m=100, mean_weeks_12m=30.0, pct_12m=50.0),
             fake_pack("b", dfj_area="Wolverhampton", disposed_12m=300, mean_weeks_12m=40.0, pct_12m=30.0),
             fake_pack("c", dfj_area="Central London", disposed_12m=200, mean_weeks_12m=55.0, pct_12m=20.0)]
    rows, _ = league_table(packs)
    regions = region_rows(rows)
    # London comes first in lfjb's region order; Midlands pools a and b: (100 x 30 + 300 x 40) / 400 = 37.5.
    assert [r["region"] for r in regions] == ["London", "Midlands"]
    midlands = regions[1]
    assert midlands["boards"] == ["a", "b"] or sorted(midlands["boards"]) == ["a", "b"]
    assert midlands["disposed_12m"] == 400
    assert midlands["mean_weeks_12m"] == pytest.approx(37.5)
    # 50% of 100 + 30% of 300 = 140 of 400 = 35%.
    assert midlands["pct_within_26_12m"] == pytest.approx(35.0)


def test_spc_words_are_lfjbs_own_for_every_type_and_the_chart_is_named():
    """One home for the words (lfjb.vocab): the league table says what the board pack's tiles say,
    the counts' neutral high/low types included, and which chart the board's pack drew."""
    from lfjb.compare.league import spc_signal
    from lfjb.metrics.spc import SpcResult
    from lfjb.vocab import ASSURANCE, SPC_TYPES

    for kind, words in SPC_TYPES.items():
        signal = spc_signal(SpcResult.from_dict({"assurance": "pass", "points": [{"month": "2025-03", "type": kind}]}))
        assert signal["label"] == words["short"] and signal["assurance_label"] == ASSURANCE["pass"]["short"]
        assert signal["month"] == "2025-03"
    assert spc_signal(SpcResult.from_dict({"points": [{"month": "2025-03", "type": "special_cause_neutral_high"}]}))["label"] == "Unusually high"
    assert spc_signal(None)["label"] == "Not enough data" and spc_signal(None)["assurance_label"] == "No target"
    assert spc_signal(SpcResult.from_dict({"points": []}))["chart"] == "xmr"
    assert spc_signal(SpcResult.from_dict({"chart": "pprime", "points": []}))["chart"] == "pprime"
