"""Reading dates as UK secretariats and their systems write them (SPEC.md "Data extract").

One home for the accepted forms, used by the terms of reference, the action log and the extract.
Without a `date_format`, text dates are read day-first (03/04/2024 is 3 April 2024). ISO dates with
or without a time (`2020-01-01 00:00:00.000`, as SQL Server exports them), `01-Jan-2020`,
`1 January 2020` and Excel day numbers are read too. A date that only makes sense month-first
(03/25/2024) is never read day-first: it is unreadable here, and the extract loader reports where
such dates come from (see `month_first_evidence`).
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
_ISO = re.compile(r"\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(\s.*)?")


def parse_date_text(text: str, date_format: str | None = None) -> date | None:
    """One text date as a `date` (day-first unless `date_format` says otherwise), or None."""
    text = text.strip()
    if date_format:
        try:
            return datetime.strptime(text, date_format).date()
        except ValueError:
            return None
    if _ISO.fullmatch(text):
        try:
            return pd.Timestamp(text).date()
        except ValueError:
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
    """
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    # Plain loops over the values: they are distinct cells (a few hundred), where Series.map's set-up
    # costs more than the work.
    is_date = pd.Series([hasattr(v, "year") for v in values], index=values.index, dtype=bool)
    if is_date.any():  # spreadsheet cells that are already dates
        stamps = values[is_date].map(_timestamp_or_nat)
        out[is_date] = pd.to_datetime(stamps).dt.normalize()
    remaining = values[~is_date]
    remaining = pd.Series(["" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip() for v in remaining],
                          index=remaining.index, dtype=object)
    remaining = remaining[remaining != ""]
    if date_format:
        parsed = pd.to_datetime(remaining, format=date_format, errors="coerce")
        ok = parsed.notna()
        out[ok[ok].index] = parsed[ok].dt.normalize()
        return out
    iso = remaining[[bool(_ISO.fullmatch(t)) for t in remaining]]
    if not iso.empty:
        parsed = pd.to_datetime(iso, format="ISO8601", errors="coerce", utc=True).dt.tz_localize(None)
        ok = parsed.notna()
        out[ok[ok].index] = parsed[ok].dt.normalize()
        remaining = remaining.drop(iso.index[ok.to_numpy()])
    for fmt in DAY_FIRST_FORMATS:
        if remaining.empty:
            break
        parsed = pd.to_datetime(remaining, format=fmt, errors="coerce")
        ok = parsed.notna()
        out[ok[ok].index] = parsed[ok].dt.normalize()
        remaining = remaining[~ok]
    if remaining.empty:
        return out
    # Excel day numbers (45385 is 3 April 2024) appear when a date column was formatted as a number.
    serial = pd.to_numeric(remaining.where(remaining.str.fullmatch(r"\d{5}(\.0+)?")), errors="coerce")
    serial = serial[serial.between(EXCEL_SERIAL_RANGE[0], EXCEL_SERIAL_RANGE[1])]
    if not serial.empty:
        out[serial.index] = pd.to_datetime(serial.astype(int), unit="D", origin=EXCEL_EPOCH)
    return out


def _timestamp_or_nat(value: object) -> pd.Timestamp:
    try:
        stamp = pd.Timestamp(value).as_unit("ns")  # years outside 1677-2262 (e.g. 1500) do not fit
    except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
        return pd.NaT
    return stamp.tz_localize(None) if stamp.tzinfo else stamp


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
