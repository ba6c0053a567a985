"""lfjb/compare/periods.py: the pilot's two periods, parsed, clipped at the month and halved."""

from __future__ import annotations

import pytest

from lfjb.compare.periods import DEFAULT_BASELINE, DEFAULT_PILOT, clip_period, halves, months_in, parse_period
from lfjb.month import Month


def test_the_defaults_are_the_year_before_the_pilot_and_the_pilot_year():
    assert DEFAULT_BASELINE == (Month(2023, 4), Month(2024, 3))
    assert DEFAULT_PILOT == (Month(2024, 4), Month(2025, 3))
    assert DEFAULT_BASELINE[1].shift(1) == DEFAULT_PILOT[0]  # back to back, no month lost


def test_parse_period():
    assert parse_period("2023-04:2024-03") == (Month(2023, 4), Month(2024, 3))
    assert parse_period("2024-06:2024-06") == (Month(2024, 6), Month(2024, 6))  # one month is a period


@pytest.mark.parametrize(("text", "message"), [
    ("2023-04", "is not a period in the form YYYY-MM:YYYY-MM"),
    ("2023-04:2024-03:2025-03", "is not a period in the form YYYY-MM:YYYY-MM"),
    ("2024-03:2023-04", "ends before it starts"),
    ("2023-4:2024-03", "is not a month in the form YYYY-MM"),
])
def test_parse_period_refuses_in_plain_words(text, message):
    with pytest.raises(ValueError, match=message):
        parse_period(text)


def test_clip_period_uses_nothing_after_the_month():
    pilot = (Month(2024, 4), Month(2025, 3))
    assert clip_period(pilot, Month(2024, 12)) == (Month(2024, 4), Month(2024, 12))
    assert clip_period(pilot, Month(2025, 6)) == pilot
    assert clip_period(pilot, Month(2024, 4)) == (Month(2024, 4), Month(2024, 4))
    assert clip_period(pilot, Month(2024, 3)) is None  # starts after the month


def test_months_in_is_inclusive_and_crosses_years():
    assert months_in(Month(2024, 11), Month(2025, 2)) == [Month(2024, 11), Month(2024, 12), Month(2025, 1), Month(2025, 2)]
    assert months_in(Month(2024, 4), Month(2025, 3))[-1] == Month(2025, 3) and len(months_in(Month(2024, 4), Month(2025, 3))) == 12
    assert months_in(Month(2025, 3), Month(2025, 2)) == []


def test_halves():
    # 12 months: 6 and 6
    assert halves((Month(2024, 4), Month(2025, 3))) == ((Month(2024, 4), Month(2024, 9)), (Month(2024, 10), Month(2025, 3)))
    # 3 months: the earlier half one month shorter
    assert halves((Month(2024, 1), Month(2024, 3))) == ((Month(2024, 1), Month(2024, 1)), (Month(2024, 2), Month(2024, 3)))
    assert halves((Month(2024, 1), Month(2024, 2))) == ((Month(2024, 1), Month(2024, 1)), (Month(2024, 2), Month(2024, 2)))
    assert halves((Month(2024, 1), Month(2024, 1))) is None
