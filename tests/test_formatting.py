"""lfjb/formatting.py: how numbers, changes, money and dates are written for people, with known answers."""

from __future__ import annotations

from datetime import date

import pytest

from lfjb import formatting as f
from lfjb.month import Month

DASH = "–"  # an en dash: no figure


def test_number_rounds_for_display_with_thousands_separators():
    assert f.number(12345) == "12,345" and f.number(12345.678, 1) == "12,345.7"
    assert f.number(2.5) == "2" and f.number(3.5) == "4"  # Python's rounding of halves: to even
    assert f.number(None) == DASH


@pytest.mark.parametrize(("value", "unit", "shown"), [
    (29.46, "weeks", "29.5"),
    (30.0, "weeks", "30.0"),  # weeks always to one decimal ...
    (2.04, "hearings", "2.0"),
    (52.6, "%", "53%"),  # percentages whole
    (1204, "cases", "1,204"),
    (4.5, "cases", "4.5"),  # a count that is not whole (an average) keeps one decimal
    (None, "weeks", DASH),
])
def test_kpi_value(value, unit, shown):
    assert f.kpi_value(value, unit) == shown


def test_kpi_value_whole_drops_the_decimals_of_a_whole_target_only():
    assert f.kpi_value(35.0, "weeks", whole=True) == "35" and f.kpi_value(35.5, "weeks", whole=True) == "35.5"


def test_kpi_value_unit_says_the_unit_in_words():
    assert f.kpi_value_unit(29.46, "weeks") == "29.5 weeks"
    assert f.kpi_value_unit(52.0, "%") == "52%"
    assert f.kpi_value_unit(1, "cases") == "1 case" and f.kpi_value_unit(41, "cases") == "41 cases"
    assert f.kpi_value_unit(1.0, "children") == "1 child"
    assert f.kpi_value_unit(None, "weeks") == "no figure"


def test_unit_word():
    assert f.unit_word(1, "cases") == "case" and f.unit_word(3, "cases") == "cases"
    assert f.unit_word(1, "hearings") == "hearings"  # '1.0 hearings': an average, never singular
    assert f.unit_word(None, "children") == "children"


@pytest.mark.parametrize(("delta", "unit", "shown"), [
    (2.46, "weeks", "+2.5 weeks"),
    (-1.74, "%", "−1.7 points"),  # percentage points to one decimal; a real minus sign
    (0.04, "%", "no change"),  # rounds to 0.0
    (3.0, "cases", "+3"),
    (-1500.0, "cases", "−1,500"),
    (0.5, "hearings", "+0.5 hearings"),
    (None, "weeks", DASH),
])
def test_kpi_change(delta, unit, shown):
    assert f.kpi_change(delta, unit) == shown


def test_change_size_is_the_change_without_its_sign():
    assert f.change_size(-1.74, "%") == ("1.7", " points")
    assert f.change_size(-3.0, "cases") == ("3", "")
    assert f.change_size(2.25, "weeks") == ("2.2", " weeks")  # exactly 2.25: Python rounds the half to even


def test_signed_takes_the_places_the_caller_shows():
    assert f.signed(0.054, 2) == "+0.05" and f.signed(0.054, 1) == "+0.1"
    assert f.signed(-0.004, 2) == "no change"
    assert f.signed(-12.0, 0, "%") == "−12%"


def test_percent_and_weeks():
    assert f.percent(33.333) == "33%" and f.percent(None) == DASH
    assert f.weeks(40.04) == "40.0 weeks" and f.weeks(1234.5) == "1,234.5 weeks" and f.weeks(None) == DASH


def test_money():
    assert f.money(18_500_000) == "£18.5 million" and f.money(1_000_000) == "£1.0 million"
    assert f.money(376_529.4) == "£376,529" and f.money(None) == DASH


@pytest.mark.parametrize(("value", "figures", "rounded"), [
    (363_470.6, 2, 360_000.0),
    (18_500_000, 2, 19_000_000.0),  # half up, where round() would give 18,000,000
    (0.012345, 3, 0.0123),
    (-1_250, 2, -1_300.0),  # half away from zero
    (0, 2, 0.0),
])
def test_significant(value, figures, rounded):
    assert f.significant(value, figures) == pytest.approx(rounded)


def test_money_estimate_shows_no_more_than_its_figures():
    assert f.money_estimate(363_470.6) == "£360,000"
    assert f.money_estimate(1_460_000) == "£1.5 million"
    assert f.money_estimate(18_500_000) == "£19 million"
    assert f.money_estimate(18_500_000, 3) == "£18.5 million"
    assert f.money_estimate(None) == DASH


def test_plural_and_lower_first():
    assert f.plural(1, "action") == "1 action" and f.plural(3, "action") == "3 actions"
    assert f.plural(1204, "case") == "1,204 cases" and f.plural(2, "child", "children") == "2 children"
    assert f.plural(0, "action") == "0 actions"
    assert f.lower_first("Average duration") == "average duration"
    assert f.lower_first("PLO letters") == "PLO letters" and f.lower_first("A case") == "a case"


def test_dates_and_months():
    assert f.long_date(date(2024, 9, 6)) == "6 September 2024" and f.long_date("2024-09-26") == "26 September 2024"
    assert f.short_date("2024-09-06") == "6 Sep 2024"
    assert f.long_date(None) == DASH and f.short_date("") == DASH
    assert f.month_label("2025-03") == "March 2025" and f.month_label(Month(2025, 3)) == "March 2025"
    assert f.month_end("2024-02") == "29 February 2024"  # a leap year
    assert f.month_short(Month(2025, 3)) == "Mar 2025"
    assert f.month_tick("2024-04") == "Apr 24" and f.month_tick(Month(2009, 1)) == "Jan 09"


def test_upper_first_capitalises_only_the_first_letter():
    # The appendix's reasons begin a table row: 'the number of children is negative' starts with a capital,
    # and the rest keeps its own (Jinja's capitalize would lower 'PLO' and a file name's capitals).
    assert f.upper_first("the PLO letter date is after the issue date") == "The PLO letter date is after the issue date"
    assert f.upper_first("") == ""
