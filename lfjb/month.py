"""A calendar month as a small value type (STYLE.md: months are not strings passed around)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})\Z")
# The years lfjb reports on. Beyond them date arithmetic (a trend of 24 months back, "due in the
# next 30 days") would leave Python's calendar (year 1 to 9999) and fail instead of saying so.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2199
# The government's financial year runs from April to March (HM Treasury; MoJ and LFJB quarterly
# returns): Q1 is April-June, Q4 January-March, and 2024-25 is April 2024 to March 2025.
FINANCIAL_YEAR_FIRST_MONTH = 4


def is_usable_date(d: date) -> bool:
    """True for a date within the years lfjb reports on (EARLIEST_YEAR to LATEST_YEAR)."""
    return EARLIEST_YEAR <= d.year <= LATEST_YEAR


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1-12, got {self.month}")

    @classmethod
    def parse(cls, text: str) -> Month:
        """Month from 'YYYY-MM'; ValueError with a plain message otherwise."""
        m = _MONTH_RE.match(str(text).strip())
        if not m or not 1 <= int(m.group(2)) <= 12:
            raise ValueError(f"'{text}' is not a month in the form YYYY-MM (for example 2025-03)")
        if not EARLIEST_YEAR <= int(m.group(1)) <= LATEST_YEAR:
            raise ValueError(f"'{text}' is outside the years lfjb reports on ({EARLIEST_YEAR}-{LATEST_YEAR})")
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, d: date) -> Month:
        return cls(d.year, d.month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def shift(self, months: int) -> Month:
        """The month `months` later (negative for earlier)."""
        index = self.year * 12 + (self.month - 1) + months
        return Month(index // 12, index % 12 + 1)

    def range_back(self, count: int) -> list[Month]:
        """The `count` months ending at this one, oldest first."""
        return [self.shift(-i) for i in range(count - 1, -1, -1)]

    @property
    def label(self) -> str:
        """'March 2025'."""
        return f"{calendar.month_name[self.month]} {self.year}"

    @property
    def short_label(self) -> str:
        """'Mar 2025'."""
        return f"{calendar.month_abbr[self.month]} {self.year}"

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def financial_quarter_start(month: Month) -> Month:
    """The first month of the financial-year quarter holding `month`: March 2025 -> January 2025."""
    return month.shift(-((month.month - FINANCIAL_YEAR_FIRST_MONTH) % 3))


def financial_quarter_label(month: Month) -> str:
    """The financial-year quarter holding `month`, e.g. '2024-25 Q4' for March 2025 (Q1 = April-June)."""
    into_year = (month.month - FINANCIAL_YEAR_FIRST_MONTH) % 12  # months since the year began
    first_year = month.year if month.month >= FINANCIAL_YEAR_FIRST_MONTH else month.year - 1
    return f"{first_year}-{(first_year + 1) % 100:02d} Q{into_year // 3 + 1}"
