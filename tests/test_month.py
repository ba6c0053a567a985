"""lfjb/month.py: the Month value type and the financial quarter, with known answers."""

from __future__ import annotations

from datetime import date

import pytest

from lfjb.month import (EARLIEST_YEAR, LATEST_YEAR, Month, financial_quarter_label, financial_quarter_start,
                        is_usable_date)


def test_parse_reads_yyyy_mm_and_prints_it_back():
    assert Month.parse("2025-03") == Month(2025, 3)
    assert Month.parse(" 2025-03 ") == Month(2025, 3)  # spaces around are forgiven
    assert str(Month(2025, 3)) == "2025-03" and str(Month(1999, 12)) == "1999-12"


@pytest.mark.parametrize("text", ["2025-3", "2025-13", "2025-00", "March 2025", "2025-03-01", "2025/03", "", "2025-03\n1"])
def test_parse_refuses_anything_else_in_plain_words(text):
    with pytest.raises(ValueError, match="is not a month in the form YYYY-MM"):
        Month.parse(text)


def test_parse_refuses_years_outside_those_lfjb_reports_on():
    with pytest.raises(ValueError, match=f"outside the years lfjb reports on \\({EARLIEST_YEAR}-{LATEST_YEAR}\\)"):
        Month.parse("1899-12")
    assert Month.parse(f"{LATEST_YEAR}-12") == Month(LATEST_YEAR, 12)


def test_a_month_outside_1_to_12_cannot_be_made():
    with pytest.raises(ValueError, match="month must be 1-12, got 13"):
        Month(2025, 13)


def test_first_and_last_day_know_leap_years():
    assert Month(2024, 2).last_day == date(2024, 2, 29)  # 2024 is a leap year
    assert Month(2025, 2).last_day == date(2025, 2, 28)
    assert Month(2025, 4).first_day == date(2025, 4, 1) and Month(2025, 4).last_day == date(2025, 4, 30)
    assert Month.of(date(2025, 3, 17)) == Month(2025, 3)


def test_shift_crosses_years_both_ways():
    assert Month(2025, 3).shift(-3) == Month(2024, 12)
    assert Month(2025, 3).shift(10) == Month(2026, 1)
    assert Month(2025, 3).shift(-24) == Month(2023, 3)
    assert Month(2025, 3).shift(0) == Month(2025, 3)


def test_range_back_is_oldest_first_and_ends_at_the_month():
    assert Month(2025, 2).range_back(3) == [Month(2024, 12), Month(2025, 1), Month(2025, 2)]
    assert Month(2025, 2).range_back(1) == [Month(2025, 2)]
    assert Month(2025, 2).range_back(0) == []


def test_labels_and_order():
    assert Month(2025, 3).label == "March 2025" and Month(2025, 3).short_label == "Mar 2025"
    assert Month(2024, 12) < Month(2025, 1) < Month(2025, 2)
    assert max([Month(2025, 1), Month(2024, 12)]) == Month(2025, 1)


def test_usable_dates_are_within_the_years_lfjb_reports_on():
    assert is_usable_date(date(EARLIEST_YEAR, 1, 1)) and is_usable_date(date(LATEST_YEAR, 12, 31))
    assert not is_usable_date(date(EARLIEST_YEAR - 1, 12, 31)) and not is_usable_date(date(LATEST_YEAR + 1, 1, 1))


# The financial year runs April to March: 2024-25 is April 2024 to March 2025.
@pytest.mark.parametrize(("month", "start", "label"), [
    (Month(2024, 4), Month(2024, 4), "2024-25 Q1"),
    (Month(2024, 5), Month(2024, 4), "2024-25 Q1"),
    (Month(2024, 6), Month(2024, 4), "2024-25 Q1"),
    (Month(2024, 7), Month(2024, 7), "2024-25 Q2"),
    (Month(2024, 9), Month(2024, 7), "2024-25 Q2"),
    (Month(2024, 10), Month(2024, 10), "2024-25 Q3"),
    (Month(2024, 12), Month(2024, 10), "2024-25 Q3"),
    (Month(2025, 1), Month(2025, 1), "2024-25 Q4"),
    (Month(2025, 3), Month(2025, 1), "2024-25 Q4"),
    (Month(2000, 2), Month(2000, 1), "1999-00 Q4"),  # the second year is its last two digits
])
def test_financial_quarter(month, start, label):
    assert financial_quarter_start(month) == start
    assert financial_quarter_label(month) == label
