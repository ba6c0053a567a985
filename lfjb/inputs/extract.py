"""The case-level data extract (SPEC.md "Data extract"): one row per care or supervision application.

Structure problems (unreadable file, missing column, unknown driver id) are errors. A bad *row* (an
unparseable date, disposal before issue, a negative count, a repeated case id) is set aside: left out
of every figure and listed in the data-quality report; `strict=True` makes those errors too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from lfjb.inputs.board import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from lfjb.inputs.errors import (
    InputError,
    Problem,
    did_you_mean,
    display_path,
    valid_ids_hint,
)
from lfjb.inputs.tables import read_table, without_blank_rows
from lfjb.vocab import DRIVERS

# Text dates with no `date_format` are read day-first (SPEC.md): 03/04/2024 is 3 April 2024.
# ISO dates (2024-04-03) are unambiguous and accepted too; the first format that reads a cell wins.
DAY_FIRST_FORMATS = (
    "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y",
    "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d %b %Y", "%d %B %Y",
)
COUNT_COLUMNS = ("children", "hearings", "fcmh")
EXCEL_EPOCH = "1899-12-30"  # day 0 of Excel's (1900) date system
EXCEL_SERIAL_RANGE = (25569, 73051)  # 1970-01-01 to 2099-12-31
# More than this share of rows set aside means the extract was misread (wrong date format, wrong
# columns), not that a few rows are bad: it is an input error, not a data-quality note.
MAX_REJECTED_SHARE = 0.5
MIN_ROWS_FOR_MISREAD = 20  # small hand-made files may well be mostly bad rows on purpose
_YES = {"y", "yes", "true", "1"}
_NO = {"n", "no", "false", "0"}


@dataclass
class DataQuality:
    """What the loader read and what it set aside, row by row (SPEC.md `data_quality`)."""

    rows_read: int = 0
    problems: list[dict] = field(default_factory=list)

    @property
    def rows_rejected(self) -> int:
        return len({p["row"] for p in self.problems})

    def to_dict(self) -> dict:
        return {"rows_read": self.rows_read, "rows_rejected": self.rows_rejected, "problems": self.problems}


@dataclass
class Extract:
    path: Path
    cases: pd.DataFrame
    data_quality: DataQuality


def _rename_columns(raw: pd.DataFrame, mapping: dict[str, str], shown: str) -> pd.DataFrame:
    """Columns renamed to the canonical names; InputError naming every missing column."""
    headers = {str(c).strip(): c for c in raw.columns}
    lower = {h.lower(): original for h, original in headers.items()}
    rename, missing = {}, []
    for canonical in REQUIRED_COLUMNS + OPTIONAL_COLUMNS:
        source = mapping.get(canonical, canonical)
        found = headers.get(source) or lower.get(source.lower())
        if found is not None:
            rename[found] = canonical
        elif canonical in REQUIRED_COLUMNS:
            missing.append((canonical, source))
    unused = [h for h, original in headers.items() if original not in rename and not h.startswith("Unnamed:")]
    problems = []
    for canonical, source in missing:
        how = f"(mapped in inputs.columns to '{source}') " if canonical in mapping else ""
        guess = did_you_mean(source, unused)  # only headers not already used for another column
        hint = f"{guess} " if guess else ""
        hint += f"The file's unused headers are: {', '.join(unused) or '(none)'}."
        if canonical not in mapping:
            hint += f" If the file calls it something else, map it under inputs.columns, e.g. {canonical}: \"Your header\"."
        problems.append(Problem(shown, "row 1", canonical, f"required column {how}is missing.", hint))
    if problems:
        raise InputError(problems)
    return raw.rename(columns=rename)[[c for c in REQUIRED_COLUMNS + OPTIONAL_COLUMNS if c in rename.values()]]


def _by_unique(column: pd.Series, parse, missing: object = None) -> pd.Series:
    """`parse` applied to each distinct value once, then spread back (`missing` for empty cells):
    extracts repeat dates, driver lists and counts thousands of times, so this keeps a
    million-row extract fast."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    values = np.empty(len(uniques) + 1, dtype=object)
    values[:-1] = parse(pd.Series(uniques, dtype=object)).to_numpy()
    values[-1] = missing
    return pd.Series(values.take(np.where(codes < 0, len(uniques), codes)), index=column.index)


def _is_typed(column: pd.Series) -> bool:
    """True for Parquet-style typed columns (dates, numbers), which need no text parsing."""
    return pd.api.types.is_datetime64_any_dtype(column) or pd.api.types.is_numeric_dtype(column)


def _blank(column: pd.Series, text: pd.Series | None) -> pd.Series:
    return column.isna() if text is None else text == ""


def _strip(values: pd.Series) -> pd.Series:
    return values.astype("string[pyarrow]").str.strip().fillna("").astype(object)


def _text(column: pd.Series) -> pd.Series:
    """Cell text, stripped; '' for empty cells (computed on distinct values only)."""
    if _is_typed(column):
        return column.astype(object).where(column.notna(), "").map(str).where(column.notna(), "")
    return _by_unique(column, _strip, missing="")


def _parse_date_values(values: pd.Series, date_format: str | None) -> pd.Series:
    """Distinct cell values to Timestamps (NaT when empty or unreadable)."""
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    is_date = values.map(lambda v: hasattr(v, "year"))
    if is_date.any():  # spreadsheet cells that are already dates
        out[is_date] = pd.to_datetime(values[is_date].map(pd.Timestamp)).dt.normalize()
    remaining = values[~is_date].map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip())
    remaining = remaining[remaining != ""]
    for fmt in (date_format,) if date_format else DAY_FIRST_FORMATS:
        if remaining.empty:
            break
        parsed = pd.to_datetime(remaining, format=fmt, errors="coerce")
        ok = parsed.notna()
        out[ok[ok].index] = parsed[ok].dt.normalize()
        remaining = remaining[~ok]
    # Excel day numbers (45385 is 3 April 2024) appear when a date column was formatted as a number.
    serial = pd.to_numeric(remaining.where(remaining.str.fullmatch(r"\d{5}(\.0+)?")), errors="coerce")
    serial = serial[serial.between(EXCEL_SERIAL_RANGE[0], EXCEL_SERIAL_RANGE[1])]
    if not serial.empty:
        out[serial.index] = pd.to_datetime(serial.astype(int), unit="D", origin=EXCEL_EPOCH)
    return out


def _parse_dates(column: pd.Series, date_format: str | None) -> pd.Series:
    """Dates as datetime64 (NaT where empty or unreadable), day-first unless `date_format` says otherwise."""
    if pd.api.types.is_datetime64_any_dtype(column):
        dates = column.dt.tz_localize(None) if getattr(column.dt, "tz", None) else column
        return dates.dt.normalize().astype("datetime64[ns]")
    codes, uniques = pd.factorize(column)
    parsed = _parse_date_values(pd.Series(uniques, dtype=object), date_format).to_numpy()
    out = parsed.take(np.where(codes < 0, 0, codes)) if len(parsed) else np.full(len(codes), np.datetime64("NaT"), dtype="datetime64[ns]")
    out[codes < 0] = np.datetime64("NaT")
    return pd.Series(out, index=column.index, dtype="datetime64[ns]")


def _parse_drivers(column: pd.Series, rows: pd.Series, shown: str) -> tuple[pd.Series, list[Problem]]:
    """Tuples of driver ids from 'a; b' cells; unknown ids are structural errors naming the row."""
    def as_text(value: object) -> str:
        if isinstance(value, list | tuple | np.ndarray):  # a Parquet list column
            return ";".join(str(v) for v in value)
        return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)

    def split(values: pd.Series) -> pd.Series:
        return values.map(lambda v: tuple(dict.fromkeys(p.strip() for p in re.split(r"[;,|]", as_text(v).lower()) if p.strip())))

    if column.map(lambda v: isinstance(v, list | tuple | np.ndarray)).any():
        column = column.map(as_text)

    lists = _by_unique(column, split, missing=())
    distinct = {d for t in pd.unique(lists) for d in t}
    unknown_ids = distinct - set(DRIVERS)
    problems = []
    if unknown_ids:
        exploded = lists.explode().dropna()
        unknown = exploded[exploded.isin(list(unknown_ids))]
        problems = [
            Problem(shown, f"row {rows[idx]}", "delay_drivers", f"'{value}' is not a delay driver id.", valid_ids_hint(value, DRIVERS))
            for idx, value in unknown.head(50).items()
        ]
    return lists, problems


def _misread_problem(shown: str, frame: pd.DataFrame, rejected: pd.Series, problems: list[dict], date_format: str | None) -> Problem:
    """One problem saying most rows failed, with the commonest reasons and a likely fix."""
    reasons = pd.Series([p["message"] for p in problems]).value_counts().head(3)
    listed = "; ".join(f"{reason} ({count:,} rows)" for reason, count in reasons.items())
    hint = ""
    dates = pd.concat([frame["issue_date"], frame["disposal_date"]]).dropna().astype(str).str.strip()
    month_first = dates.str.fullmatch(r"\d{1,2}/(1[3-9]|2\d|3[01])/\d{4}").sum()
    if month_first and not date_format:
        example = dates[dates.str.fullmatch(r"\d{1,2}/(1[3-9]|2\d|3[01])/\d{4}")].iloc[0]
        hint = (f"The dates look month-first (e.g. {example}); if so, add date_format: \"%m/%d/%Y\" under inputs "
                "in the terms of reference.")
    elif any("date" in r for r in reasons.index):
        hint = "Check the date format: set inputs.date_format in the terms of reference to match the file (e.g. \"%d/%m/%Y\")."
    return Problem(shown, "", "", f"{int(rejected.sum()):,} of {len(frame):,} rows could not be used, so the file was probably misread: {listed}.", hint)


@dataclass
class _Parsed:
    """The extract's columns parsed to their canonical types, before bad rows are set aside."""

    case_id: pd.Series
    issue: pd.Series
    disposal: pd.Series
    counts: dict[str, pd.Series]
    text: dict[str, pd.Series | None]
    blank: dict[str, pd.Series]


def _parse_columns(frame: pd.DataFrame, date_format: str | None) -> _Parsed:
    names = ("case_id", "issue_date", "disposal_date", *COUNT_COLUMNS)
    text = {name: None if _is_typed(frame[name]) and name != "case_id" else _text(frame[name]) for name in names}
    blank = {name: _blank(frame[name], text[name]) for name in names}
    counts = {
        name: frame[name].astype(float) if text[name] is None else _by_unique(
            text[name], lambda u: pd.to_numeric(u.where(u != ""), errors="coerce"), missing=np.nan).astype(float)
        for name in COUNT_COLUMNS
    }
    return _Parsed(text["case_id"], _parse_dates(frame["issue_date"], date_format),
                   _parse_dates(frame["disposal_date"], date_format), counts, text, blank)


def _bad_row_masks(p: _Parsed, date_format: str | None) -> list[tuple[pd.Series, str, str]]:
    """(rows that break a rule, the column, what is wrong) for every rule of SPEC.md's data extract."""
    expected = f"a date in the form {date_format}" if date_format else "a date such as 03/04/2024 (day first)"
    bad = [
        (p.case_id == "", "case_id", "the case id is empty"),
        (p.issue.isna() & p.blank["issue_date"], "issue_date", "the issue date is empty"),
        (p.issue.isna() & ~p.blank["issue_date"], "issue_date", f"the issue date is not {expected}"),
        (p.disposal.isna() & ~p.blank["disposal_date"], "disposal_date", f"the disposal date is not {expected}"),
        (p.disposal.notna() & p.issue.notna() & (p.disposal < p.issue), "disposal_date", "the disposal date is before the issue date"),
    ]
    for name, number in p.counts.items():
        bad += [
            (number.isna() & ~p.blank[name], name, f"{name} is not a number"),
            (number < 0, name, f"{name} is negative"),
            (number.notna() & (number % 1 != 0), name, f"{name} is not a whole number"),
        ]
    bad.append((p.blank["children"], "children", "the number of children is empty"))
    bad.append((p.case_id.duplicated(keep="first") & (p.case_id != ""), "case_id", _REPEATED))
    return bad


_REPEATED = "the case id repeats an earlier row"


def _row_problems(frame: pd.DataFrame, p: _Parsed, rows: pd.Series, where: str, bad: list) -> tuple[list[dict], pd.Series]:
    """One data-quality entry per rule a row breaks (sorted by row), and which rows are set aside."""
    duplicate = next(mask for mask, _, message in bad if message == _REPEATED)
    repeated = p.case_id[p.case_id.isin(p.case_id[duplicate])] if duplicate.any() else p.case_id.iloc[:0]
    first_row_of = pd.Series(rows[repeated.index].values, index=repeated.values).groupby(level=0).first()
    problems = []
    rejected = pd.Series(False, index=frame.index)
    for mask, column, message in bad:
        mask = mask.fillna(False).astype(bool)
        rejected |= mask
        for idx in mask[mask].index:
            said = f"the case id repeats {where} {first_row_of[p.case_id[idx]]}" if message == _REPEATED else message
            value = frame[column][idx]
            problems.append({"row": int(rows[idx]), "case_id": p.case_id[idx], "column": column,
                             "value": None if pd.isna(value) else str(value), "message": said})
    problems.sort(key=lambda item: item["row"])
    return problems, rejected


def _canonical_cases(frame: pd.DataFrame, p: _Parsed, drivers: pd.Series, rows: pd.Series, rejected: pd.Series) -> pd.DataFrame:
    """The kept rows as the canonical DataFrame the metrics read (SPEC.md column names and types)."""
    cases = pd.DataFrame({
        "case_id": p.case_id,
        "local_authority": _text(frame["local_authority"]).replace("", "Not recorded"),
        "issue_date": p.issue.astype("datetime64[ns]"),
        "disposal_date": p.disposal.astype("datetime64[ns]"),
        "children": p.counts["children"],
        "hearings": p.counts["hearings"],
        "fcmh": p.counts["fcmh"],
        "outcome": _text(frame["outcome"]),
        "delay_drivers": drivers,
        "row": rows,
    })
    if "court" in frame:
        cases["court"] = _text(frame["court"])
    if "pre_proceedings" in frame:
        flag = _text(frame["pre_proceedings"]).str.lower()
        cases["pre_proceedings"] = flag.map(lambda v: True if v in _YES else False if v in _NO else None)
    if "experts" in frame:
        cases["experts"] = pd.to_numeric(frame["experts"], errors="coerce")
    cases = cases[~rejected].reset_index(drop=True)
    cases["children"] = cases["children"].astype("int64")
    return cases


def load_extract(
    path: Path,
    columns: dict[str, str] | None = None,
    date_format: str | None = None,
    sheet: str | None = None,
    strict: bool = False,
) -> Extract:
    """The extract's valid rows as the canonical DataFrame, and a report of the rows set aside."""
    shown = display_path(path)
    frame = without_blank_rows(_rename_columns(read_table(path, shown, dtype=str, sheet=sheet), columns or {}, shown))
    # Rows as the user sees them: header is row 1 in a spreadsheet; a Parquet file has records.
    # Blank lines were dropped after reading, so the index still counts them.
    is_parquet = path.suffix.lower() == ".parquet"
    rows = pd.Series(frame.index.to_numpy() + (1 if is_parquet else 2), index=frame.index)
    where = "record" if is_parquet else "row"

    parsed = _parse_columns(frame, date_format)
    drivers, driver_problems = _parse_drivers(frame["delay_drivers"], rows, shown)
    if driver_problems:
        raise InputError(driver_problems)
    problems, rejected = _row_problems(frame, parsed, rows, where, _bad_row_masks(parsed, date_format))
    if strict and problems:
        raise InputError([Problem(shown, f"{where} {p['row']}", p["column"], p["message"] + ".") for p in problems])
    if len(frame) >= MIN_ROWS_FOR_MISREAD and rejected.sum() > MAX_REJECTED_SHARE * len(frame):
        raise InputError([_misread_problem(shown, frame, rejected, problems, date_format)])
    cases = _canonical_cases(frame, parsed, drivers, rows, rejected)
    return Extract(path=path, cases=cases, data_quality=DataQuality(rows_read=len(frame), problems=problems))
