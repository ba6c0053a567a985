"""Cost of delay against the statutory 26 weeks first, the board's target second, with a range (issue 13)."""

import pytest

from lfjb.inputs.board import CostOfDelay
from lfjb.metrics.cost import cost_of_delay


def test_statutory_26_weeks_first_then_the_boards_target():
    # Central London: 55.6 weeks, target 45. 1,700 cases of 17,000 = 10% share; £18.5m x 10% = £1.85m a week.
    settings = CostOfDelay()
    out = cost_of_delay(settings, 1700, 55.6, 45.0)
    assert out["board_benefit_per_week_gbp"] == pytest.approx(settings.benefit_per_week_gbp * 1700 / settings.national_annual_cases)
    assert out["against_statutory"]["weeks"] == pytest.approx(29.6)
    assert out["against_target"]["weeks"] == pytest.approx(10.6)
    assert out["primary"] == "statutory" and out["weeks_above_target"] == pytest.approx(10.6)
    low, high = out["board_benefit_per_week_range_gbp"]
    assert low < out["board_benefit_per_week_gbp"] < high
    assert out["against_statutory"]["low_gbp"] < out["against_statutory"]["central_gbp"] < out["against_statutory"]["high_gbp"]


def test_within_26_weeks_costs_nothing_and_no_target_gives_no_target_figure():
    out = cost_of_delay(CostOfDelay(), 500, 24.0, None)
    assert out["against_statutory"]["weeks"] == 0.0 and out["against_statutory"]["central_gbp"] == 0.0
    assert out["against_target"] is None
    assert cost_of_delay(CostOfDelay(), 500, None, 30.0)["against_statutory"] is None


def test_the_assumptions_state_the_straight_line_the_national_count_and_what_the_range_is():
    # Issue 19 item 5: the linear assumption, the scope and source of the national case count, and the
    # range called a range of assumptions, not a confidence interval.
    out = cost_of_delay(CostOfDelay(), 1700, 55.6, 45.0)
    text = " ".join(out["assumptions"])
    assert "Straight line: every week cut is assumed to be worth the same" in text
    # FCSQ covers the family courts of England and Wales; the national benefit figure English local authorities.
    assert ("National case count: 17,000 public law (care and supervision, s31) cases started a year in England and "
            "Wales (MoJ Family Court Statistics Quarterly, 2023-24, rounded)") in text
    assert "includes Wales" in text and "in England (MoJ" not in text
    assert "cases, not children" in text
    assert out["range_is"] == "assumptions"
    assert out["range_words"] == ("The range is a range of assumptions, not a confidence interval: it shows how far the "
                                  "figure moves under the low and high assumptions below, not how precisely anything was measured.")
    # A board's own national count is said to be the board's.
    own = cost_of_delay(CostOfDelay(national_annual_cases=20_000), 1700, 55.6, 45.0)
    own_text = " ".join(own["assumptions"])
    assert "20,000 care and supervision cases a year, as set in this board's terms of reference" in own_text
    # The high end follows the board's own count: 12% fewer cases than it (20,000 x 15/17 = 17,647), not 15,000.
    assert "national volume 12% lower than that count (17,647 cases a year)" in own_text and "15,000" not in own_text
    assert "national volume 12% lower than that count (15,000 cases a year)" in text


def test_the_target_figures_are_measured_against_the_boards_target():
    # Statistician's review of issue 19: weeks_above_target used the 26-week gap. 55.6 weeks, target 45: 10.6 weeks.
    out = cost_of_delay(CostOfDelay(), 1700, 55.6, 45.0)
    assert out["weeks_above_target"] == pytest.approx(10.6)
    assert out["benefit_at_target_gbp"] == pytest.approx(10.6 * out["board_benefit_per_week_gbp"])
    no_target = cost_of_delay(CostOfDelay(), 1700, 55.6, None)
    assert no_target["weeks_above_target"] is None and no_target["benefit_at_target_gbp"] is None


def test_cost_of_delay_scaled_by_share_of_national_volume():
    # 340 cases a year of an assumed 17,000 nationally = 2%; 2% of £18.5m = £370,000 per week cut.
    result = cost_of_delay(CostOfDelay(), board_annual_cases=340, mean_weeks=40.0, target_weeks=26.0)
    assert result["board_share"] == pytest.approx(0.02)
    assert result["board_benefit_per_week_gbp"] == pytest.approx(370_000)
    assert result["weeks_above_target"] == pytest.approx(14.0)
    assert result["benefit_at_target_gbp"] == pytest.approx(14 * 370_000)
    assert result["is_estimate"] and any("no period" in a for a in result["assumptions"])


def test_cost_of_delay_settings_override():
    settings = CostOfDelay(benefit_per_week_gbp=10_000_000, period="the life of the pilot", national_annual_cases=20_000)
    result = cost_of_delay(settings, board_annual_cases=200, mean_weeks=20.0, target_weeks=26.0)
    assert result["board_benefit_per_week_gbp"] == pytest.approx(100_000)
    assert result["weeks_above_target"] == 0.0  # already below target
    assert "the life of the pilot" in " ".join(result["assumptions"])
