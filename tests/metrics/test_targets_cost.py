"""RAG status, changes and the cost-of-delay estimate, worked by hand."""

from __future__ import annotations

import pytest

from lfjb.inputs.board import CostOfDelay
from lfjb.metrics.cost import cost_of_delay
from lfjb.metrics.targets import change_direction, rag_status


@pytest.mark.parametrize(("value", "expected"), [(26.0, "green"), (25.0, "green"), (28.6, "amber"), (28.7, "red"), (None, None)])
def test_rag_for_lower_is_better(value, expected):
    # Target 26 weeks: amber up to 10% over (28.6 weeks).
    assert rag_status("mean_weeks", value, 26.0) == expected


@pytest.mark.parametrize(("value", "expected"), [(60.0, "green"), (54.0, "amber"), (53.9, "red")])
def test_rag_for_higher_is_better(value, expected):
    # Target 60%: amber down to 54%.
    assert rag_status("pct_within_26", value, 60.0) == expected


def test_no_rag_without_target_or_for_neutral_measures():
    assert rag_status("mean_weeks", 30.0, None) is None
    assert rag_status("issued", 30.0, 20.0) is None


def test_change_direction():
    assert change_direction("mean_weeks", -1.5) == "better"
    assert change_direction("pct_within_26", -1.5) == "worse"
    assert change_direction("mean_weeks", 0.0) == "same"
    assert change_direction("issued", 3.0) is None


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


def test_the_rag_rule_in_words_uses_the_boards_own_target():
    from lfjb.metrics.targets import rag_rule

    # Central London's target is 45 weeks: amber up to 45 x 1.1 = 49.5 weeks, not the 28.6 of 26 weeks.
    assert "target of 45 weeks, up to 49.5 weeks" in rag_rule({"mean_weeks": 45})
    assert "26" not in rag_rule({"mean_weeks": 45})
    # With the statutory 26 weeks the Cafcass bands are the context.
    assert "up to 28.6 weeks, close to Cafcass's 'near' band" in rag_rule({"mean_weeks": 26})


def test_a_measure_on_target_but_worse_than_last_month_says_so_under_the_tiles_colour():
    from lfjb.metrics.headlines import _kpi_headline
    from lfjb.month import Month

    tile = {"id": "mean_weeks", "label": "Average duration", "unit": "weeks", "value": 34.0, "target": 35.0,
            "rag": "green", "rag_words": "On target", "change_month": 3.0, "change_month_direction": "worse",
            "change_year": -1.2, "change_year_direction": "better", "variation": "common_cause", "spc_summary": ""}
    headline = _kpi_headline(tile, Month(2025, 3))
    # The words say what the tile says: on target, and up 3 weeks on last month, which is worse.
    assert headline["text"] == ("Average duration: 34.0 weeks in March 2025, on target (target 35 weeks); "
                                "up 3.0 weeks on February 2025 (worse); down 1.2 weeks on March 2024 (better).")
    # The tag is the tile's colour (issue 22: a green "On target" tile was tagged "Watch"): one month's
    # change within the usual range is not a signal; an unusual one is said by the SPC sentence.
    assert headline["tone"] == "good"
    assert _kpi_headline({**tile, "rag": "amber", "rag_words": "Near target"}, Month(2025, 3))["tone"] == "warn"
    assert _kpi_headline({**tile, "rag": "red", "rag_words": "Off target"}, Month(2025, 3))["tone"] == "bad"
