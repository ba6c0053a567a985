"""Reading dates as UK secretariats and their systems write them (SPEC.md "Data extract").

One home for the accepted forms, used by the terms of reference, the action log and the extract.
Without a `date_format`, text dates are read day-first (03/04/2024 is 3 April 2024). ISO dates with
or without a time (`2020-01-01 00:00:00.000`, as SQL Server exports them), `01-Jan-2020`,
`1 January 2020` and Excel day numbers are read too. A date that only makes sense month-first
(03/25/2024) is never read day-first: it is unreadable here, and the extract loader reports where
such dates come from (see `month_first_evidence`).

One plausible-date rule for every reader of case, hearing and pre-proceedings dates (SPEC.md "Inputs"): a
date before 14 October 1991, when the Children Act 1989 came into force, or after the day lfjb runs cannot
be a care case's (a hearing list may list hearings after today: they are not held yet). SQL Server's empty date (1900-01-01) and "no end date" (9999-12-31) are such dates: the
row is set aside with the reason (`implausible_dates`), never counted and never a crash. A date-time
with a UTC offset keeps its local date: `2025-04-01T00:00:00+01:00` is 1 April, as the sender meant.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import numpy as np
import pandas as pd

# Day-first text forms, tried in this order after ISO; the first that reads a cell wins.
DAY_FIRST_FORMATS = (
    "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y",
    "%d-%b-%Y", "%d-%b-%y", "%d %b %Y", "%d %B %Y", "%d-%B-%Y",
    "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S",
)
DATE_EXAMPLE = "a date such as 03/04/2024 (day first), 2024-04-03 or 03-Apr-2024"
EXCEL_EPOCH = "1899-12-30"  # day 0 of Excel's (1900) date system
EXCEL_SERIAL_RANGE = (25569, 73051)  # 1970-01-01 to 2099-12-31
# The Children Act 1989 came into force on 14 October 1991 (SI 1991/828): no care case is older.
FIRST_PLAUSIBLE_DATE = date(1991, 10, 14)
# The whole days a datetime64[ns] holds: readable dates beyond them (9999-12-31) are clipped to these,
# so they reach the plausible-date rule as implausible rather than as unreadable (or a crash).
_EARLIEST_HELD = pd.Timestamp("1677-09-22")
_LATEST_HELD = pd.Timestamp("2262-04-11")
# An ISO date, its time if any (group 1), and a UTC offset if any, which is dropped: the local date stands.
_ISO = re.compile(r"(\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?)(?:Z|[+-]\d{2}:?\d{2})?")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(\s.*)?")


def parse_date_text(text: str, date_format: str | None = None) -> date | None:
    """One text date as a `date` (day-first unless `date_format` says otherwise), or None."""
    text = text.strip()
    if date_format:
        try:
            return datetime.strptime(text, date_format).date()
        except ValueError:
            return None
    if found := _ISO.fullmatch(text):
        try:
            return pd.Timestamp(found[1]).date()
        except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
            return None
    for fmt in DAY_FIRST_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def parse_date_values(values: pd.Series, date_format: str | None) -> pd.Series:
    """Distinct cell values to normalised Timestamps (NaT when empty or unreadable).

    Cells may already be dates (spreadsheets), text, or Excel day numbers stored as numbers or text.
    A readable date outside the years pandas holds (9999-12-31, 1066) is clipped to the nearest it
    holds, so `implausible_dates` sets it aside with its reason.
    """
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")

    def store(parsed: pd.Series) -> None:
        ok = parsed.notna()
        out[ok[ok].index] = _held(parsed[ok])

    # Plain loops over the values: they are distinct cells (a few hundred), where Series.map's set-up
    # costs more than the work.
    is_date = pd.Series([hasattr(v, "year") for v in values], index=values.index, dtype=bool)
    if is_date.any():  # spreadsheet cells that are already dates
        store(pd.to_datetime(values[is_date].map(_timestamp_or_nat)))
    remaining = values[~is_date]
    remaining = pd.Series(["" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip() for v in remaining],
                          index=remaining.index, dtype=object)
    remaining = remaining[remaining != ""]
    if date_format:
        store(pd.to_datetime(remaining, format=date_format, errors="coerce"))
        return out
    iso_parts = [_ISO.fullmatch(t) for t in remaining]
    iso = pd.Series([m[1] for m in iso_parts if m], index=remaining.index[[m is not None for m in iso_parts]], dtype=object)
    if not iso.empty:
        parsed = pd.to_datetime(iso, format="ISO8601", errors="coerce")  # the offset is gone: the local date
        store(parsed)
        remaining = remaining.drop(iso.index[parsed.notna().to_numpy()])
    for fmt in DAY_FIRST_FORMATS:
        if remaining.empty:
            break
        parsed = pd.to_datetime(remaining, format=fmt, errors="coerce")
        store(parsed)
        remaining = remaining[parsed.isna()]
    if remaining.empty:
        return out
    # Excel day numbers (45385 is 3 April 2024) appear when a date column was formatted as a number.
    serial = pd.to_numeric(remaining.where(remaining.str.fullmatch(r"\d{5}(\.0+)?")), errors="coerce")
    serial = serial[serial.between(EXCEL_SERIAL_RANGE[0], EXCEL_SERIAL_RANGE[1])]
    if not serial.empty:
        out[serial.index] = pd.to_datetime(serial.astype(int), unit="D", origin=EXCEL_EPOCH)
    return out


def _held(stamps: pd.Series) -> pd.Series:
    """Dates (any resolution) as normalised datetime64[ns], those beyond its years clipped to its ends."""
    days = pd.to_datetime(stamps).astype("datetime64[us]").dt.normalize()
    return days.clip(_EARLIEST_HELD, _LATEST_HELD).astype("datetime64[ns]")


def _timestamp_or_nat(value: object) -> pd.Timestamp:
    try:
        stamp = pd.Timestamp(value).as_unit("us")  # microseconds hold years 1-9999, so 9999-12-31 is read
    except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
        return pd.NaT
    return stamp.tz_localize(None) if stamp.tzinfo else stamp  # the local date, not UTC's


def parse_date_column(column: pd.Series, date_format: str | None = None) -> pd.Series:
    """A column of dates as datetime64[ns] (NaT where empty or unreadable): typed date columns
    (Parquet) keep their local date; text is parsed once per distinct value (see parse_date_values)."""
    if pd.api.types.is_datetime64_any_dtype(column):
        dates = column.dt.tz_localize(None) if getattr(column.dt, "tz", None) else column  # local wall time
        return _held(dates).astype("datetime64[ns]")
    codes, uniques = pd.factorize(column)
    out = pd.Series(pd.NaT, index=column.index, dtype="datetime64[ns]")
    if len(uniques):
        parsed = parse_date_values(pd.Series(uniques, dtype=object), date_format).to_numpy()
        has = codes >= 0
        out[has] = parsed[codes[has]]
    return out


def implausible_dates(dates: pd.Series, today: date | None = None, *, listed_ahead: bool = False) -> pd.Series:
    """For each date, why it cannot be a care case's ('' when it can): before the Children Act 1989
    came into force, or after `today` (the day lfjb runs). `listed_ahead`: a date after today can be right
    (a hearing list lists hearings to come; they are not held yet), so only the first rule applies."""
    today = today or date.today()
    why = pd.Series("", index=dates.index, dtype=object)
    why[dates < pd.Timestamp(FIRST_PLAUSIBLE_DATE)] = (
        f"is before {FIRST_PLAUSIBLE_DATE.day} October 1991, when the Children Act 1989 came into force, so it cannot be right")
    if not listed_ahead:
        why[dates > pd.Timestamp(today)] = f"is after today ({today.day} {today:%B %Y}), so it cannot be right"
    return why


def date_expected(date_format: str | None) -> str:
    """What a date cell should hold, in words ('the issue date is not <this>')."""
    return f"a date in the form {date_format}" if date_format else DATE_EXAMPLE


def date_rules(dates: pd.Series, blank: pd.Series, why: pd.Series, column: str, label: str,
               expected: str) -> list[tuple[pd.Series, str, str]]:
    """The rules one date column's rows may break, worded alike by every reader: (rows, column, message) for a
    cell that is neither empty nor a date ("the issue date is not a date such as ..."), then one for each reason
    a date cannot be right (`why`, from `implausible_dates`: "the issue date is before 14 October 1991, ...")."""
    rules = [(dates.isna() & ~blank & (why == ""), column, f"the {label} is not {expected}")]
    return rules + [(why == reason, column, f"the {label} {reason}") for reason in why.unique() if reason]


def month_first_evidence(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(only month-first, only day-first) for each text date: 03/25/2024 can only be 25 March
    (month first); 25/03/2024 can only be day first; 03/04/2024 could be either and is neither."""
    evidence = [_month_first_evidence(str(value).strip()) for value in text]  # a loop beats pandas' str.extract here
    return (pd.Series([mf for mf, _ in evidence], index=text.index, dtype=bool),
            pd.Series([df for _, df in evidence], index=text.index, dtype=bool))


def _month_first_evidence(text: str) -> tuple[bool, bool]:
    found = _NUMERIC.search(text)
    if found is None or not (found[1] + found[2]).isascii():  # other scripts' digits are not numbers here
        return False, False
    first, second = int(found[1]), int(found[2])
    return 1 <= first <= 12 and 13 <= second <= 31, 13 <= first <= 31 and 1 <= second <= 12
