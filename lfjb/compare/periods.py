"""The pilot's two periods (`--baseline`, `--pilot`): defaults, parsing and clipping at the month."""

from __future__ import annotations

from lfjb.month import Month

DEFAULT_BASELINE = (Month(2023, 4), Month(2024, 3))  # issue 6: the year before the pilot
DEFAULT_PILOT = (Month(2024, 4), Month(2025, 3))  # DFJ Trailblazers piloted April 2024 to March 2025


def parse_period(text: str) -> tuple[Month, Month]:
    """'2023-04:2024-03' -> (Month(2023, 4), Month(2024, 3)), for --baseline and --pilot; ValueError
    with a plain message otherwise."""
    parts = str(text).split(":")
    if len(parts) != 2:
        raise ValueError(f"'{text}' is not a period in the form YYYY-MM:YYYY-MM (for example 2023-04:2024-03)")
    start, end = (Month.parse(part) for part in parts)
    if end < start:
        raise ValueError(f"the period '{text}' ends before it starts")
    return start, end


def clip_period(period: tuple[Month, Month], month: Month) -> tuple[Month, Month] | None:
    """The period cut at the reporting month (nothing after M is used); None when it starts after M."""
    start, end = period
    return None if start > month else (start, min(end, month))


def months_in(start: Month, end: Month) -> list[Month]:
    """Every month from `start` to `end`, inclusive."""
    return [start.shift(i) for i in range((end.year - start.year) * 12 + end.month - start.month + 1)]


def halves(period: tuple[Month, Month]) -> tuple[tuple[Month, Month], tuple[Month, Month]] | None:
    """The period split into two halves (the earlier half one month shorter when the months are odd);
    None for a period under two months."""
    months = months_in(*period)
    if len(months) < 2:
        return None
    cut = len(months) // 2
    return (months[0], months[cut - 1]), (months[cut], months[-1])
