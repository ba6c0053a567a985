"""Official statistics: MoJ's Family Court Statistics Quarterly (FCSQ) files, read as MoJ publishes them.

`lfjb compare --fcsq FILE` (given once or twice) reads two kinds of file, told apart by their header:

1. **The DFJ-level file**, "CSV DFJ and Regional Level.csv" (moj-analytical-services/FCSQ_data,
   data/dfj/dfj.ipynb @ 62c2bcd5; its public law part from data/children_act/09_ca_dfj.ipynb @ 273721a7):
   `category,stage,year,quarter,dfj_new,region,count,cases`, one row per category, stage, quarter and
   DFJ. `category` "Public Law" is all public law (care and supervision, emergency protection, secure
   accommodation and the rest), "Private Law", "Adoption", ... are other case types; `stage` "Start" is
   cases started / orders applied for, "End" cases closed / orders made; `cases` counts cases, `count`
   counts orders (not children); `region` is upper case ("NORTH EAST"). It holds counts only: FCSQ
   publishes no durations by DFJ area or region.
2. **The national care and supervision timeliness**, the CSV behind FCSQ Table 8 ("CARE_FINAL";
   tables/getdata.R @ 086d46d5, tables/Regular_Tables/table8_reg.R @ 244eabc6,
   tables/Accessible_Tables/table8_access.R @ 7c9a3429): `Year,Quarter,Number_of_disposals,
   Mean_duration,Median_duration,Disposed_in_26_weeks`. Annual rows have a Year and no Quarter;
   quarterly rows have no Year and a Quarter such as "2024-Q1". Disposed_in_26_weeks is a proportion
   (0-1); the published table's "Cases disposed in 26 weeks (%)" (0-100) is read too. England and Wales
   only.

Headers are matched without regard to case, spaces or punctuation, with aliases (`dfj_new`, `dfj`,
`dfj_area`; `qtr`; a single `YYYY-Qn` column). MoJ's marks for a missing or suppressed figure (`*`,
`**`, `.`, `..`, `:`, `[c]`, `[x]`, `[z]`, ...) mean "not available": never an error, never 0.
A published file must go through: rows lfjb does not use (other categories or stages, a DFJ name it
cannot place, a quarter it cannot read) are left out, counted and named in plain-English warnings,
never dropped silently. DFJ names are matched through lfjb.dfj, plus a `dfj_aliases.csv` (`name,alias`)
beside the FCSQ file and any aliases the caller passes.

This module only reads and checks: the reference figures for a month are worked out by
lfjb.compare.fcsq from the `FcsqFiles` returned by `read_fcsq_files`.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lfjb.dfj import dfj_key, find_dfj_area
from lfjb.inputs.dfj_aliases import (
    ALIASES_FILE_NAME,
    MAX_ALIASES_BYTES,
    DfjAliases,
    aliases_beside,
    nearest_dfj_area,
    read_dfj_aliases,
)
from lfjb.inputs.errors import InputError, Problem, display_path
from lfjb.inputs.tables import check_input_file, csv_delimiter, decode_csv_bytes
from lfjb.inputs.text import clean_text

DFJ_FILE = "dfj"
TIMELINESS_FILE = "timeliness"
KIND_LABELS = {DFJ_FILE: "FCSQ DFJ-level file (counts)", TIMELINESS_FILE: "FCSQ national care and supervision timeliness"}
NATIONAL_NAMES = {"england and wales", "england & wales", "national", "total", "all", "all dfjs", "e&w"}
NATIONAL_LABEL = "England and Wales"
# MoJ's older marks for a figure that is missing, suppressed or not applicable (FCSQ_data tables/getdata.R
# `na_keys`). The GSS shorthand in square brackets is read by `parse_cell`.
MISSING_MARKS = {"*", "**", ".", "..", ":", "-", "c", "x", "z", "n/a", "na", "#ref!"}
# The Analysis Function's "Using symbols and shorthand" (GSS): in square brackets, in place of a figure
# ([c], [x], [z], [low]) or beside one ([p], [r], [u], [e]); MoJ's published tables also write "(p)".
# FCSQ_data's own tables write -1 for [z] and -2 for [c] before formatting (tables/variables.R @ 0dd6a17e).
MARK_REASONS = {
    "c": "confidential: suppressed so no one can be identified", "x": "not available", "z": "not applicable",
    "low": "too small to show", "u": "low reliability", "e": "estimated", "p": "provisional", "r": "revised",
}
FIGURE_FLAGS = {"p", "r", "u", "e"}  # beside a figure that is still used
_SHORTHAND = re.compile(r"\[\s*(c|x|z|low|u|e|p|r)\s*\]|\(\s*(p|r)\s*\)", re.IGNORECASE)
ANNUAL_WORDS = {"", "ANNUAL", "ALL", "YEAR", "YEARLY", "FULL YEAR", "CALENDAR YEAR"}
# A year outside these is not a year of FCSQ (the Children Act 1989; a generous future).
EARLIEST_YEAR, LATEST_YEAR = 1989, 2100
# No count FCSQ publishes comes near this (England and Wales: about 300,000 family cases a year).
MAX_COUNT = 10_000_000
# A duration in weeks beyond ten years is not one FCSQ publishes.
MAX_WEEKS = 520
# MoJ's DFJ-level file with every case type since 2011 is 2-3 MB (about 40,000 rows); reading one of
# 1.7 MB took 2.6 s and 60 MB beyond Python's own, so a file larger than this is refused before it is read.
MAX_FCSQ_BYTES = 32 * 2**20
# MoJ's files have 6 to 10 columns; a file with hundreds is not one of them (and each column costs time).
MAX_FCSQ_COLUMNS = 200
COLUMN_ALIASES = {
    "dfj_new": "dfj", "dfj_area": "dfj", "dfj_name": "dfj", "designated_family_judge_area": "dfj",
    "qtr": "quarter", "period": "quarter", "year_quarter": "quarter",
    "number_of_cases": "cases", "orders": "count", "number_of_orders": "count",
    # Children are neither cases nor orders: a re-cut with a children column is not read as orders.
    "number_of_children": "children", "children_count": "children", "count_of_children": "children",
    "number_of_disposals": "disposals", "total_disposals": "disposals",
    "mean_duration": "mean_weeks", "mean_disposal_duration_weeks": "mean_weeks", "mean": "mean_weeks",
    "average_weeks": "mean_weeks",
    "median_duration": "median_weeks", "median_disposal_duration_weeks": "median_weeks", "median": "median_weeks",
    "disposed_in_26_weeks": "within_26", "cases_disposed_in_26_weeks": "within_26", "pct_within_26": "within_26",
    "case_type": "category",
    "data_status": "status", "figure_status": "status", "revision_status": "status", "provisional": "status",
}
DFJ_COLUMNS = ("dfj", "stage", "cases")
TIMELINESS_COLUMNS = ("disposals", "mean_weeks")
STAGE_START = "start"
STAGE_END = "end"
# Stages and categories by exact name (case, spaces and '&' aside): MoJ's words and the older layout's.
STAGE_NAMES = {STAGE_START: {"start", "applications", "application", "issues"},
               STAGE_END: {"end", "disposals", "disposal", "closed"}}
PUBLIC_LAW_NAMES = {"public law"}
CARE_NAMES = {"care and supervision", "care", "supervision", "care proceedings", "care and supervision proceedings"}
MAX_NAMED_ROWS = 5
DFJ_COUNTS_NOTE = (
    "MoJ's DFJ-level file holds counts only (cases started and closed, orders applied for and made): FCSQ "
    "publishes no durations by DFJ area or region, so average weeks and % within 26 weeks come only from "
    "the national care and supervision timeliness figures."
)


@dataclass(frozen=True)
class FcsqData:
    """One FCSQ file as read: its kind, a tidy frame, warnings in plain English and rows skipped by reason.

    The DFJ file's frame has the columns year, quarter (int), area (lfjb's DFJ area name, None for a
    national row), dfj (as MoJ wrote it), region, stage ('start'/'end'), cases, orders (float or None when
    not available); the timeliness file's year, quarter (None for an annual row), disposals, mean_weeks,
    median_weeks, pct_within_26 (0-100)."""

    path: Path
    kind: str
    frame: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The file's name as shown (control characters removed: a file name is text from outside too)."""
        return clean_text(self.path.name)

    def summary(self) -> dict:
        return {"file": self.name, "kind": self.kind, "kind_label": KIND_LABELS[self.kind],
                "rows_used": len(self.frame), "skipped": dict(self.skipped), "warnings": list(self.warnings)}


# --- reading ---------------------------------------------------------------------------------------------


def _column_key(header: str) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", str(header).strip().lower()).strip("_")
    return COLUMN_ALIASES.get(key, key)


def file_kind(headers: Sequence[str]) -> str | None:
    """'dfj' or 'timeliness' from a file's header (any spelling lfjb reads), or None."""
    keys = {_column_key(h) for h in headers}
    if all(c in keys for c in DFJ_COLUMNS):
        return DFJ_FILE
    if all(c in keys for c in TIMELINESS_COLUMNS) and "dfj" not in keys:
        return TIMELINESS_FILE
    return None


def _name_key(text: str) -> str:
    """A category, stage or status word compared exactly: case, spaces and '&' do not matter."""
    return re.sub(r"\s+", " ", str(text).strip().lower().replace("&", "and"))


@dataclass(frozen=True)
class Cell:
    """One figure's cell: its number (None when not available), the mark standing in for it ('[c]', '*',
    '' for empty; None when there is a number), the shorthand beside it (p, r, u, e) and, for text that is
    neither a number nor a mark, the text (`is_text`)."""

    value: float | None
    mark: str | None
    flags: frozenset[str] = frozenset()
    is_text: bool = False


def parse_cell(text: str, decimal_comma: bool = False) -> Cell:
    """A figure as MoJ writes it: '1,234', '1,234 [r]', '56 (p)', '[c]', '*', '' or text. With
    `decimal_comma` (a semicolon-separated file, as Excel saves in many European locales) '0,63' is 0.63."""
    raw = str(text).strip()
    flags = [(m[1] or m[2]).lower() for m in _SHORTHAND.finditer(raw)]
    rest = _SHORTHAND.sub("", raw).strip().replace(",", "." if decimal_comma else "")
    words = frozenset(f for f in flags if f in FIGURE_FLAGS)
    if not rest:
        stand_in = next((f"[{f}]" for f in flags if f not in FIGURE_FLAGS), None)
        return Cell(None, stand_in if stand_in else ("" if not flags else f"[{flags[0]}]"), words)
    if rest.lower() in MISSING_MARKS:
        return Cell(None, rest, words)
    try:
        if "_" in rest:  # Python reads '1_000' as 1000; no published figure is written so
            raise ValueError(rest)
        return Cell(float(rest), None, words)
    except ValueError:
        return Cell(None, raw, words, is_text=True)


def _cells(values: pd.Series, decimal_comma: bool = False) -> pd.Series:
    """`parse_cell` over a column, each distinct text parsed once."""
    parsed = {text: parse_cell(text, decimal_comma) for text in values.unique()}
    return values.map(parsed)


def _values(cells: pd.Series, finite: bool = True) -> pd.Series:
    """The numbers of parsed cells (None where not available, and with `finite` where not finite)."""
    return pd.Series([c.value if c.value is not None and (not finite or math.isfinite(c.value)) else None for c in cells],
                     index=cells.index, dtype=object)


def _status_of(text: str) -> str | None:
    """'p' (provisional), 'r' (revised) or None (final) from a status column's cell; '?' when unknown."""
    key = _name_key(text).strip("[]() ")
    if key in ("p", "provisional", "prov", "yes", "y", "true", "1"):
        return "p"
    if key in ("r", "revised", "rev"):
        return "r"
    if key in ("", "f", "final", "actual", "confirmed", "no", "n", "false", "0"):
        return None
    return "?"


def _period_of(year_text: str, quarter_text: str) -> tuple[int, int | None, frozenset[str]] | None:
    """(year, quarter, marks) from `year` and `quarter` cells ("2024", "1" / "Q1" / "2024-Q1", with MoJ's
    provisional or revised marks: "Q1 (p)", "2025 Q1 [p]", "Q1 P", "2024 [r]"); quarter None for an annual
    row (no quarter, or "Annual"); None when unreadable."""
    marks: set[str] = set()
    texts = []
    for cell in (str(year_text), str(quarter_text)):
        marks.update((m[1] or m[2]).lower() for m in _SHORTHAND.finditer(cell))
        text = _SHORTHAND.sub("", cell).strip().upper()
        bare = re.fullmatch(r"(.*?\d(?:\.0)?)\s*([PR])", text)  # "Q1 P", "2025P": a letter after the figure
        if bare:
            text, letter = bare[1].strip(), bare[2].lower()
            marks.add(letter)
        texts.append(text)
    y, q = texts
    marks &= {"p", "r"}
    match = re.fullmatch(r"(\d{4})\s*[-/ ]?\s*Q([1-4])", q)
    if match:
        year, quarter = int(match[1]), int(match[2])
        return (year, quarter, frozenset(marks)) if EARLIEST_YEAR <= year <= LATEST_YEAR else None
    match = re.fullmatch(r"(\d{4})(?:\.0)?", y)
    year = int(match[1]) if match and EARLIEST_YEAR <= int(match[1]) <= LATEST_YEAR else None
    if year is None:
        return None
    if q in ANNUAL_WORDS:
        return year, None, frozenset(marks)
    match = re.fullmatch(r"Q?([1-4])(\.0)?", q)
    return (year, int(match[1]), frozenset(marks)) if match else None


def _too_wide(shown: str, columns: int) -> None:
    raise InputError([Problem(shown, "row 1", "--fcsq", f"has {columns:,} columns; MoJ's FCSQ files have about ten "
                              f"and lfjb reads up to {MAX_FCSQ_COLUMNS}.", "Check it is the right file.")])


def _read_table(path: Path) -> pd.DataFrame:
    """The CSV as text cells, headers normalised, index = the row number a spreadsheet shows; lines starting
    with '#' before the header are notes (lfjb's sample files cite their source there) and are skipped.

    Read as the extract is: a regular file within MAX_FCSQ_BYTES (a pipe or device is refused at once),
    UTF-8, UTF-16 or Windows-1252, commas, semicolons or tabs, every text cleaned of control characters."""
    shown = display_path(path)
    check_input_file(path, shown, MAX_FCSQ_BYTES, "--fcsq")
    try:
        text, read_warnings = decode_csv_bytes(path.read_bytes(), shown)
        lines = clean_text(text).splitlines(keepends=True)
        notes = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
        sep = csv_delimiter(lines[notes] if notes < len(lines) else "")
        if notes < len(lines) and lines[notes].count(sep) >= MAX_FCSQ_COLUMNS:  # before pandas parses them all
            _too_wide(shown, lines[notes].count(sep) + 1)
        raw = pd.read_csv(io.StringIO("".join(lines[notes:])), dtype=str, keep_default_na=False, sep=sep,
                          skip_blank_lines=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError([Problem(shown, "", "--fcsq", f"cannot be read as CSV: {exc}")]) from None
    if len(raw.columns) > MAX_FCSQ_COLUMNS:
        _too_wide(shown, len(raw.columns))
    # pandas' to_csv writes its row index as an unnamed first column (MoJ's notebooks often do).
    keep = [c for c in raw.columns if str(c).strip() and not str(c).startswith("Unnamed:")]
    raw = raw[keep]
    raw.columns = [_column_key(c) for c in raw.columns]
    raw.index = raw.index + 2 + notes  # the line number a spreadsheet shows (header = row 1 without notes)
    blank = (raw.apply(lambda column: column.str.strip()) == "").all(axis=1) if len(raw.columns) else raw.index == raw.index
    raw = raw[~blank]
    # Set last: pandas copies attrs into every intermediate table (once per column in `apply`).
    raw.attrs["headers"] = keep
    raw.attrs["decimal_comma"] = sep == ";"
    raw.attrs["warnings"] = [w.replace(f"{shown} is", "the file is", 1) for w in read_warnings]
    return raw


def _rows_text(rows: Sequence[int]) -> str:
    rows = sorted(rows)
    shown = ", ".join(str(r) for r in rows[:MAX_NAMED_ROWS])
    more = f" and {len(rows) - MAX_NAMED_ROWS:,} more" if len(rows) > MAX_NAMED_ROWS else ""
    return f"row{'s' if len(rows) != 1 else ''} {shown}{more}"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' if n != 1 else ''}"


def _periods(raw: pd.DataFrame, shown: str) -> pd.DataFrame:
    """Columns _year, _quarter (None for an annual row), _marks (provisional/revised) and _readable."""
    if "quarter" not in raw.columns:
        raise InputError([Problem(shown, "row 1", "quarter", "column missing from the FCSQ file.",
                                  "Expected year and quarter (1-4 or Q1-Q4), or one column such as 2024-Q1.")])
    years = raw["year"] if "year" in raw.columns else pd.Series("", index=raw.index)
    pairs = {(y, q): _period_of(y, q) for y, q in set(zip(years, raw["quarter"], strict=True))}
    parsed = [pairs[(y, q)] for y, q in zip(years, raw["quarter"], strict=True)]
    return pd.DataFrame({
        "_year": pd.Series([p[0] if p else None for p in parsed], index=raw.index, dtype=object),
        "_quarter": pd.Series([p[1] if p else None for p in parsed], index=raw.index, dtype=object),
        "_marks": pd.Series([p[2] if p else frozenset() for p in parsed], index=raw.index, dtype=object),
        "_readable": pd.Series([p is not None for p in parsed], index=raw.index, dtype=bool),
    })


def _status_marks(raw: pd.DataFrame, warnings: list[str]) -> pd.Series:
    """Per row, the provisional/revised marks of a status column ('P', 'Provisional', 'R', 'Revised')."""
    if "status" not in raw.columns:
        return pd.Series([frozenset()] * len(raw), index=raw.index, dtype=object)
    found = raw["status"].map(_status_of)
    unknown = found == "?"
    if unknown.any():
        words = ", ".join(f"'{w}'" for w in sorted(set(raw.loc[unknown, "status"]))[:5])
        warnings.append(f"{_plural(int(unknown.sum()), 'row')} with a status lfjb does not know ({words}; "
                        f"{_rows_text(list(raw.index[unknown]))}) read as final. Expected P or Provisional, R or "
                        "Revised, or Final.")
    return found.map(lambda s: frozenset({s}) if s in ("p", "r") else frozenset())


@dataclass
class _Marks:
    """MoJ's marks met in one file's figures ([c], [x], [z], ':', ...), with examples, and the shorthand
    flags beside figures: what both readers (DFJ and timeliness) tell the user about them."""

    marked: Counter = field(default_factory=Counter)
    flags: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    texts: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, column: str, cells: pd.Series, example, empty_is_mark: bool = True) -> None:
        """Count the marks among `cells` of `column`; `example(index, column)` words one for the warning."""
        for index, cell in cells.items():
            self.flags.update(cell.flags - {"p", "r"})
            if cell.mark is None or (cell.mark == "" and not empty_is_mark):
                continue
            if cell.is_text:
                self.texts[column].append((index, cell.mark))
            self.marked[cell.mark] += 1
            if len(self.examples) < 3:
                self.examples.append(example(index, column))

    def said(self, raw: pd.DataFrame, what: str, warnings: list[str], skipped: dict) -> pd.Series:
        """Each row's status (provisional, revised or final), with the warnings about marks, flags and
        provisional or revised quarters added to `warnings`."""
        warnings += _text_warnings(self.texts)
        if self.marked:
            skipped["marked_values"] = sum(self.marked.values())
            warnings.append(_marked_warning(self.marked, self.examples, what))
        warnings += _flag_warning(self.flags, what)
        status = _status(raw["_marks"])
        _status_words(status, _when(raw["_year"], raw["_quarter"]), warnings)
        return status


def _dfj_example(raw: pd.DataFrame):
    """How a marked cell of the DFJ file is named in a warning: area, quarter, stage, column and row."""
    def example(index: int, column: str) -> str:
        row = raw.loc[index]
        return f"{row['dfj']} {row['_year']} Q{row['_quarter']} {row['stage']} {column} (row {index})"
    return example


def _timeliness_example(raw: pd.DataFrame):
    """How a marked cell of the timeliness file is named in a warning: quarter (or year), column and row."""
    def example(index: int, column: str) -> str:
        row = raw.loc[index]
        when = f"{row['_year']} Q{row['_quarter']}" if row["_quarter"] else f"{row['_year']}"
        return f"{when} {column} (row {index})"
    return example


def _status_words(status: pd.Series, when: pd.Series, warnings: list[str]) -> None:
    """A warning naming the quarters marked provisional and revised: they are used, and said to be."""
    for code, word, hint in (("p", "provisional", "MoJ may revise them in its next release"),
                             ("r", "revised", "MoJ has revised them since first publishing them")):
        marked = status == word
        if marked.any():
            quarters = ", ".join(sorted(set(when[marked]), key=_period_sort_key))
            warnings.append(f"{_plural(int(marked.sum()), 'row')} marked {word} ({quarters}): used as published; {hint}.")


def _period_sort_key(label: str) -> tuple[int, int]:
    parts = label.replace(" Q", " ").split()
    return int(parts[0]), int(parts[1]) if len(parts) > 1 else 0


def _union(a: pd.Series, b: pd.Series) -> pd.Series:
    """Row by row, the union of two columns of sets."""
    return pd.Series([x | y for x, y in zip(a, b, strict=True)], index=a.index, dtype=object)


def _when(years: pd.Series, quarters: pd.Series) -> pd.Series:
    return pd.Series([f"{y} Q{q}" if q is not None else f"{y}" for y, q in zip(years, quarters, strict=True)],
                     index=years.index, dtype=object)


def _status(marks: pd.Series) -> pd.Series:
    """'provisional', 'revised' or None per row from its set of marks (provisional wins)."""
    return pd.Series(["provisional" if "p" in m else "revised" if "r" in m else None for m in marks], index=marks.index,
                     dtype=object)


def _marked_warning(marks: Counter, examples: list[str], what: str) -> str | None:
    total = sum(marks.values())
    if not total:
        return None

    def kind(mark: str, n: int) -> str:
        reason = MARK_REASONS.get(mark.lower().strip("[]"), "")
        reason = "" if reason == "not available" else reason
        return (f"'{mark}' ×{n:,}" if mark else f"empty ×{n:,}") + (f" ({reason})" if reason else "")

    kinds = ", ".join(kind(m, n) for m, n in marks.most_common())
    return (f"{_plural(total, 'figure')} in the {what} marked as not available ({kinds}), e.g. {'; '.join(examples[:3])}: "
            "read as not available, never as 0.")


def _text_warnings(texts: Mapping[str, list[tuple[int, str]]]) -> list[str]:
    """One warning a column for text where a figure belongs, its rows named (a few, then a count)."""
    return [f"{_plural(len(found), 'figure')} in column {column} {'are' if len(found) != 1 else 'is'} not a number "
            f"({_rows_text([r for r, _ in found])}; e.g. {', '.join(repr(t) for _, t in found[:3])}): read as not available."
            for column, found in texts.items()]


def _flag_warning(flags: Counter, what: str) -> list[str]:
    """Shorthand beside a figure that is used: [u] low reliability, [e] estimated."""
    return [f"{_plural(n, 'figure')} in the {what} marked [{f}] ({MARK_REASONS[f]}): used as published."
            for f, n in sorted(flags.items())]


def _say_care_inside_public_law(text: pd.Series, is_public: pd.Series, is_care: pd.Series, warnings: list[str]) -> bool:
    """True (with the warning) when a file has both 'Public Law' and care and supervision rows: the care rows
    are then left out, since public law already includes them."""
    if not (is_public.any() and is_care.any()):
        return False
    names = ", ".join(sorted(set(text[is_care])))
    warnings.append(f"{_plural(int(is_care.sum()), 'row')} of {names} were not used: the file's 'Public Law' rows "
                    "already include care and supervision cases, so adding them would count those cases twice.")
    return True


def _category_filter(raw: pd.DataFrame, warnings: list[str], skipped: dict[str, int]) -> pd.DataFrame:
    """The public law rows: 'Public Law' where the file has it (it includes care and supervision), else
    care and supervision; categories are matched by their exact name ('Non-public law' is not public
    law). Every other category is counted as skipped."""
    if "category" not in raw.columns:
        return raw
    text = raw["category"].str.strip()
    key = text.map(_name_key)
    is_public = key.isin(PUBLIC_LAW_NAMES)
    is_care = key.isin(CARE_NAMES)
    keep = is_public if is_public.any() else is_care
    _say_care_inside_public_law(text, is_public, is_care, warnings)
    other = ~keep
    if other.any():
        counts = text[other].replace("", "(no category)").value_counts()
        listed = ", ".join(f"{name} ({n:,})" for name, n in counts.items())
        skipped["other_category"] = int(other.sum())
        warnings.append(f"{_plural(int(other.sum()), 'row')} of other case types skipped (lfjb reads public law only): {listed}.")
    return raw[keep]


def _stage_of(text: str) -> str | None:
    """'start' or 'end' for a stage named exactly as MoJ names one ('Started' and 'Endorsed' are not)."""
    key = _name_key(text)
    return next((stage for stage, names in STAGE_NAMES.items() if key in names), None)


class _Checks:
    """Figures that cannot be right, collected as located problems: one per column and kind, rows named."""

    def __init__(self, shown: str):
        self.shown = shown
        self.bad: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)

    def add(self, column: str, what: str, row: int, found: str) -> None:
        self.bad[(column, what)].append((row, found))

    def count(self, column: str, cells: pd.Series) -> None:
        """Counts: whole, 0 or more, finite and no larger than MAX_COUNT."""
        for row, cell in cells.items():
            value = cell.value
            if value is None:
                continue
            if not math.isfinite(value):
                self.add(column, "is not a number", row, _number_text(cell, value))
            elif value < 0:
                self.add(column, "is negative; a count is 0 or more", row, _number_text(cell, value))
            elif value != int(value):
                self.add(column, "is not a whole number; a count of cases or orders is", row, _number_text(cell, value))
            elif value > MAX_COUNT:
                self.add(column, f"is larger than any count FCSQ publishes (over {MAX_COUNT:,})", row, _number_text(cell, value))

    def weeks(self, column: str, cells: pd.Series) -> None:
        for row, cell in cells.items():
            value = cell.value
            if value is not None and not (math.isfinite(value) and 0 <= value <= MAX_WEEKS):
                self.add(column, f"is not a duration in weeks (0 to {MAX_WEEKS})", row, _number_text(cell, value))

    def problems(self, headers: Mapping[str, str]) -> list[Problem]:
        out = []
        for (column, what), found in self.bad.items():
            rows = [r for r, _ in found]
            examples = ", ".join(f"'{text}'" for _, text in found[:3])
            out.append(Problem(self.shown, _rows_text(rows), headers.get(column, column), f"{examples} {what}.",
                               "Use the file as MoJ publishes it; MoJ's own tables write -1 and -2 for [z] and [c], which "
                               "lfjb cannot tell from a figure." if "negative" in what else
                               "Use the file as MoJ publishes it."))
        return out


def _number_text(cell: Cell, value: float) -> str:
    return f"{value:g}" if math.isfinite(value) else str(value)


def _header_names(raw: pd.DataFrame) -> dict[str, str]:
    return dict(zip(raw.columns, raw.attrs.get("headers", raw.columns), strict=False))


def _duplicates(raw: pd.DataFrame, key_columns: list[str], figure_columns: list[str], shown: str,
                warnings: list[str], skipped: dict[str, int]) -> tuple[pd.DataFrame, list[Problem]]:
    """Rows that repeat one another: the same row twice is used once (a warning); the same category,
    stage, quarter and area with different figures is a problem naming both rows."""
    keys = raw[key_columns].astype(str).apply(lambda c: c.map(_name_key))
    figures = raw[figure_columns].astype(str).apply(lambda c: c.str.strip()) if figure_columns else keys.iloc[:, :0]
    repeated = keys.duplicated(keep=False)
    if not repeated.any():
        return raw, []
    problems, same = [], []
    for _, group in keys[repeated].groupby(key_columns, sort=False):
        rows = list(group.index)
        if len(figures.loc[rows].drop_duplicates()) == 1:
            same.extend(rows[1:])
            continue
        first = raw.loc[rows[0]]
        what = ", ".join(str(first[c]) for c in key_columns if str(first[c]).strip())
        problems.append(Problem(shown, _rows_text(rows), "", f"{len(rows)} rows for the same figures ({what}) disagree.",
                                "Keep the one MoJ published and delete the others."))
    if same:
        skipped["duplicate"] = len(same)
        warnings.append(f"{_plural(len(same), 'row')} repeated word for word ({_rows_text(same)}): each used once.")
    return raw.drop(index=same), problems


def _spellings(raw: pd.DataFrame, names: pd.Series, areas: Mapping[str, str | None], figure_columns: list[str], shown: str,
               headers: Mapping[str, str], warnings: list[str], skipped: dict[str, int]) -> tuple[pd.DataFrame, list[Problem]]:
    """One area's rows for a quarter and stage under two names (issue 24, round 2). One name spelled two ways
    ('Guildford DFJ' and 'Guildford') is one DFJ twice: with the same figures its rows are used once (a
    warning); with different figures they are a problem naming the rows. Two DFJs lfjb's own table places in
    one area (Oxford and Reading, in Reading) are added up, as before; when the user's aliases placed one of
    them, the adding up is said."""
    frame = pd.DataFrame({"area": names.map(areas), "name": names, "key": names.map(dfj_key)})
    group_by = ["area", *(c for c in ("category", "_stage", "_y", "_q") if c in raw.columns)]
    frame = frame.join(raw[group_by[1:]])[names.map(areas).notna()]
    figures = raw[figure_columns].apply(lambda c: c.str.strip()) if figure_columns else raw.iloc[:, :0]
    problems: list[Problem] = []
    drop: list[int] = []
    repeated: dict[tuple[str, ...], list[int]] = defaultdict(list)
    added: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
    for _, group in frame.groupby(group_by, sort=False):
        if group["name"].nunique() < 2:
            continue
        for _, same in group.groupby("key", sort=False):
            spellings = tuple(dict.fromkeys(same["name"]))
            if len(spellings) < 2:
                continue
            shape = {n: sorted(map(tuple, figures.loc[same.index[same["name"] == n]].to_numpy().tolist())) for n in spellings}
            if all(v == shape[spellings[0]] for v in shape.values()):
                repeated[spellings] += list(same.index)
                drop += list(same.index[same["name"] != spellings[0]])
                continue
            first = raw.loc[same.index[0]]
            problems.append(Problem(shown, _rows_text(list(same.index)), headers.get("dfj", "dfj"),
                                    f"{' and '.join(repr(n) for n in spellings)} are one DFJ's name spelled two ways, with different "
                                    f"figures for {first['_year']} Q{first['_quarter']} {first['stage']}: it would be counted twice.",
                                    "Keep the rows under one spelling and delete the others."))
        distinct = tuple(dict.fromkeys(group.drop_duplicates("key")["name"]))
        if len(distinct) > 1 and any(find_dfj_area(n) is None for n in distinct):
            added[(str(group["area"].iloc[0]), distinct)] += list(group.index)
    for spellings, rows in repeated.items():
        warnings.append(f"{' and '.join(repr(n) for n in spellings)} are one DFJ's name spelled two ways, with the same figures "
                        f"({_rows_text(rows)}): used once.")
    for (area, distinct), rows in added.items():
        warnings.append(f"{' and '.join(repr(n) for n in distinct)} are all placed in {area} (your DFJ aliases place "
                        f"{', '.join(repr(n) for n in distinct if find_dfj_area(n) is None)}): their figures are added up "
                        f"({_rows_text(rows)}). If they are one DFJ under two names, keep one.")
    if drop:
        skipped["duplicate"] = skipped.get("duplicate", 0) + len(drop)
    return raw.drop(index=drop), problems


@dataclass
class _Opening:
    """What both FCSQ readers open with (`_open`): the file's rows as read, its headers as written, the
    warnings and rows set aside so far, each row's period, and the rows whose year or quarter could not be
    read (already said)."""

    shown: str
    raw: pd.DataFrame
    headers: dict[str, str]
    warnings: list[str]
    skipped: dict[str, int]
    periods: pd.DataFrame
    unreadable: pd.Series

    def rows(self, keep: pd.Series | None = None) -> pd.DataFrame:
        """The readable rows (and those `keep` marks) with _year, _quarter and _marks (the period's and the status
        column's; a status word lfjb does not know is said)."""
        marks = _union(self.periods["_marks"], _status_marks(self.raw, self.warnings))
        kept = ~self.unreadable if keep is None else ~self.unreadable & keep
        return self.raw.assign(_year=self.periods["_year"], _quarter=self.periods["_quarter"], _marks=marks)[kept]


def _open(path: Path, raw: pd.DataFrame | None, show_example: bool = False) -> _Opening:
    """Both readers' first steps: read the table (unless given), each row's period, and the rows whose year or
    quarter could not be read skipped, counted and said (with an example when `show_example`)."""
    shown = display_path(path)
    raw = _read_table(path) if raw is None else raw
    warnings: list[str] = list(raw.attrs.get("warnings", []))
    skipped: dict[str, int] = {}
    periods = _periods(raw, shown)
    bad = ~periods["_readable"]
    if bad.any():
        skipped["unreadable_quarter"] = int(bad.sum())
        example = f"; found e.g. '{raw.loc[bad].iloc[0]['quarter']}'" if show_example else ""
        warnings.append(f"{_plural(int(bad.sum()), 'row')} skipped because the year or quarter could not be read "
                        f"({_rows_text(list(raw.index[bad]))}{example}).")
    return _Opening(shown, raw, _header_names(raw), warnings, skipped, periods, bad)


def _is_national_or_blank(regions: pd.Series) -> pd.Series:
    """Per row, whether a region cell names England and Wales (NATIONAL_NAMES) or is blank: not a region's row."""
    stripped = regions.str.strip()
    return stripped.str.lower().isin(NATIONAL_NAMES) | (stripped == "")


def read_fcsq_dfj(path: Path, extra_aliases: Mapping[str, str] | None = None, raw: pd.DataFrame | None = None) -> FcsqData:
    """The DFJ-level file's public law rows: year, quarter, area (None for national rows), dfj (as MoJ
    wrote it), stage ('start'/'end'), cases, orders, status ('provisional'/'revised'/None); with warnings
    for everything skipped or marked. InputError (every row named) for figures that cannot be right."""
    opening = _open(path, raw, show_example=True)
    shown, headers, warnings, skipped = opening.shown, opening.headers, opening.warnings, opening.skipped
    periods, index = opening.periods, opening.raw.index
    annual = periods["_readable"] & periods["_quarter"].isna()
    if annual.any():
        years = ", ".join(str(y) for y in sorted(set(periods.loc[annual, "_year"])))
        skipped["annual"] = int(annual.sum())
        warnings.append(f"{_plural(int(annual.sum()), 'annual row')} ({years}; {_rows_text(list(index[annual]))}) set "
                        "aside: lfjb compares quarters, and reads a year only from its quarterly rows.")
    raw = _category_filter(opening.rows(keep=~annual), warnings, skipped)
    if "children" in raw.columns:
        warnings.append(f"column '{headers['children']}' counts children, not cases or orders: not used (lfjb compares "
                        "cases started and closed).")
    stages = raw["stage"].map(_stage_of)
    if stages.isna().any():
        counts = raw.loc[stages.isna(), "stage"].replace("", "(empty)").value_counts()
        skipped["other_stage"] = int(stages.isna().sum())
        warnings.append(f"{_plural(int(stages.isna().sum()), 'row')} with a stage lfjb does not use skipped: "
                        + ", ".join(f"'{s}' ({n:,})" for s, n in counts.items())
                        + " (lfjb reads Start = cases started and End = cases closed).")
    raw = raw.assign(_stage=stages)[stages.notna()]
    names = raw["dfj"].str.strip()
    regions = raw["region"].str.strip() if "region" in raw.columns else pd.Series("", index=raw.index)
    is_national_name = names.str.lower().isin(NATIONAL_NAMES)
    regional_total = is_national_name & ~_is_national_or_blank(regions)
    if regional_total.any():
        skipped["regional_total"] = int(regional_total.sum())
        warnings.append(f"{_plural(int(regional_total.sum()), 'regional total row')} skipped "
                        f"({_rows_text(list(raw.index[regional_total]))}): lfjb adds up the DFJ areas of a region itself.")
        raw, names, is_national_name = raw[~regional_total], names[~regional_total], is_national_name[~regional_total]
    areas: dict[str, str | None] = {}
    unknown: dict[str, list[int]] = defaultdict(list)
    for name in names.unique():
        if name.lower() in NATIONAL_NAMES:
            areas[name] = None
            continue
        found = find_dfj_area(name, extra_aliases)
        areas[name] = found.name if found else "?"
    for index, name in names.items():
        if areas[name] == "?":
            unknown[name].append(index)
    for name, rows in unknown.items():
        hint = nearest_dfj_area(name)
        warnings.append(f"'{name}' is not a DFJ area lfjb knows: {_plural(len(rows), 'row')} left out ({_rows_text(rows)})."
                        f"{' ' + hint if hint else ''} To use them, add a line to {ALIASES_FILE_NAME} beside the FCSQ "
                        f"file (header name,alias; e.g. \"Reading,{name}\").")
    if unknown:
        skipped["unknown_dfj"] = sum(len(r) for r in unknown.values())
    known = names.map(areas) != "?"
    raw, names = raw[known], names[known]
    figure_columns = [c for c in ("cases", "count") if c in raw.columns]
    raw = raw.assign(_name=names, _q=raw["_quarter"].astype(str), _y=raw["_year"].astype(str))
    # Region is part of what makes a row: MoJ's pipeline (FCSQ_data data/children_act/09_ca_dfj.ipynb @ 273721a7)
    # groups by DFJ and region, so one DFJ can have rows under two regions; those are added up, as before.
    raw, problems = _duplicates(raw, [c for c in ("category", "_stage", "_y", "_q", "_name", "region") if c in raw.columns],
                                figure_columns, shown, warnings, skipped)
    names = names.loc[raw.index]
    raw, more = _spellings(raw, names, areas, figure_columns, shown, headers, warnings, skipped)
    problems += more
    names = names.loc[raw.index]
    national = raw[names.map(areas).isna()]
    for _, group in national.groupby(["_stage", "_y", "_q"], sort=False):
        if len(group) > 1:
            first = group.iloc[0]
            problems.append(Problem(shown, _rows_text(list(group.index)), headers.get("dfj", "dfj"),
                                    f"{len(group)} national rows for {first['_year']} Q{first['_quarter']} {first['stage']} "
                                    f"({', '.join(repr(n) for n in group['dfj'].str.strip())}); England and Wales would be "
                                    "counted more than once.", "Keep one national row for each quarter and stage."))
    checks = _Checks(shown)
    marks = _Marks()
    columns = {}
    for column in ("cases", "count"):
        if column not in raw.columns:
            columns[column] = pd.Series(None, index=raw.index, dtype=object)
            continue
        cells = _cells(raw[column], raw.attrs.get("decimal_comma", False))
        raw["_marks"] = _union(raw["_marks"], cells.map(lambda c: c.flags & {"p", "r"}))
        checks.count(headers.get(column, column), cells)
        columns[column] = _values(cells)
        # MoJ leaves `count` empty where only cases are counted (a full join); not a mark
        marks.add(column, cells, _dfj_example(raw), empty_is_mark=column != "count")
    problems += checks.problems(headers)
    if problems:
        raise InputError(problems)
    status = marks.said(raw, "DFJ file", warnings, skipped)
    frame = pd.DataFrame({
        "year": raw["_year"].astype(int), "quarter": raw["_quarter"].astype(int),
        "area": names.map(areas), "dfj": names,
        "region": raw["region"].str.strip() if "region" in raw.columns else "",
        "stage": raw["_stage"], "cases": columns["cases"], "orders": columns["count"], "status": status,
    }).reset_index(drop=True)
    return FcsqData(path, DFJ_FILE, frame, warnings, skipped)


def _percentages(cells: pd.Series, header: str, checks: _Checks) -> pd.Series:
    """% within 26 weeks (0-100) per row. A header with '%', 'pct' or 'percent' holds percentages; otherwise
    the column holds proportions (0-1) as MoJ's CSV does, judged row by row: a column of figures all above 1
    is read as percentages, but one that mixes proportions with figures above 1 is a problem naming them."""
    values = _values(cells, finite=False)
    present = values.dropna()
    says_percent = "%" in header or "pct" in header.lower() or "percent" in header.lower()
    fractional = present[(present > 0) & (present < 1)]
    above = present[present > 1]
    for row, value in present.items():
        if not math.isfinite(value) or value < 0:
            checks.add("within_26", "is not a share of cases (0 to 1, or 0% to 100%)", row, _number_text(cells[row], value))
    if says_percent or (len(above) and not len(fractional)):
        for row, value in above.items():
            if math.isfinite(value) and value > 100:
                checks.add("within_26", "is above 100%", row, _number_text(cells[row], value))
        return _values(cells)
    for row, value in above.items():
        checks.add("within_26", "is above 1, but the column's other figures are proportions (0 to 1)", row,
                   _number_text(cells[row], value))
    return pd.Series([None if v is None else v * 100.0 for v in _values(cells)], index=cells.index, dtype=object)


def read_fcsq_timeliness(path: Path, raw: pd.DataFrame | None = None) -> FcsqData:
    """The national timeliness rows: year, quarter (None for an annual row), disposals, mean_weeks,
    median_weeks, pct_within_26 (0-100), status; regional or other-category rows are skipped with a warning."""
    opening = _open(path, raw)
    shown, headers, warnings, skipped = opening.shown, opening.headers, opening.warnings, opening.skipped
    raw = opening.rows()
    if "category" in raw.columns:
        key = raw["category"].map(_name_key)
        other = ~(key.isin(PUBLIC_LAW_NAMES | CARE_NAMES) | (key == ""))
        if other.any():
            skipped["other_category"] = int(other.sum())
            listed = ", ".join(f"{n} ({c:,})" for n, c in raw.loc[other, "category"].str.strip().value_counts().items())
            warnings.append(f"{_plural(int(other.sum()), 'row')} of other case types skipped: {listed} (lfjb's benchmark is "
                            "care and supervision, public law, proceedings).")
            raw = raw[~other]
        key = raw["category"].map(_name_key)
        is_care = key.isin(CARE_NAMES)
        if _say_care_inside_public_law(raw["category"].str.strip(), key.isin(PUBLIC_LAW_NAMES), is_care, warnings):
            raw = raw[~is_care]  # one quarter's figures would otherwise be there twice, and disagree
    if "region" in raw.columns:
        regional = ~_is_national_or_blank(raw["region"])
        if regional.any():
            skipped["regional"] = int(regional.sum())
            warnings.append(f"{_plural(int(regional.sum()), 'regional row')} skipped: the benchmark is England and Wales.")
            raw = raw[~regional]
    figure_columns = [c for c in ("disposals", "mean_weeks", "median_weeks", "within_26") if c in raw.columns]
    raw = raw.assign(_q=raw["_quarter"].astype(str), _y=raw["_year"].astype(str))
    raw, problems = _duplicates(raw, ["_y", "_q"], figure_columns, shown, warnings, skipped)
    checks = _Checks(shown)
    marks = _Marks()
    values = {}
    for column in ("disposals", "mean_weeks", "median_weeks", "within_26"):
        if column not in raw.columns:
            values[column] = pd.Series(None, index=raw.index, dtype=object)
            continue
        cells = _cells(raw[column], raw.attrs.get("decimal_comma", False))
        raw["_marks"] = _union(raw["_marks"], cells.map(lambda c: c.flags & {"p", "r"}))
        if column == "disposals":
            checks.count(column, cells)
        elif column != "within_26":
            checks.weeks(column, cells)
        values[column] = (_percentages(cells, headers.get(column, ""), checks) if column == "within_26" else
                          _values(cells))
        marks.add(column, cells, _timeliness_example(raw))
    problems += checks.problems(headers)
    if problems:
        raise InputError(problems)
    status = marks.said(raw, "timeliness file", warnings, skipped)
    frame = pd.DataFrame({
        "year": raw["_year"].astype(int), "quarter": raw["_quarter"],
        "disposals": values["disposals"], "mean_weeks": values["mean_weeks"],
        "median_weeks": values["median_weeks"], "pct_within_26": values["within_26"], "status": status,
    }).reset_index(drop=True)
    return FcsqData(path, TIMELINESS_FILE, frame, warnings, skipped)


def read_fcsq(path: Path, extra_aliases: Mapping[str, str] | None = None) -> FcsqData:
    """Either kind of FCSQ file, told apart by its header; InputError when it is neither or cannot be read."""
    raw = _read_table(path)
    kind = file_kind(raw.columns)
    if kind == DFJ_FILE:
        return read_fcsq_dfj(path, extra_aliases, raw)
    if kind == TIMELINESS_FILE:
        return read_fcsq_timeliness(path, raw)
    found = ", ".join(raw.attrs.get("headers", [])) or "(no header)"
    raise InputError([Problem(display_path(path), "row 1", "--fcsq", f"is not an FCSQ file lfjb reads (its header is: {found}).",
                              "Expected MoJ's DFJ-level file (category,stage,year,quarter,dfj_new,region,count,cases) or "
                              "the national care timeliness (Year,Quarter,Number_of_disposals,Mean_duration,"
                              "Median_duration,Disposed_in_26_weeks).")])


@dataclass(frozen=True)
class FcsqFiles:
    """What the --fcsq files hold, read and checked: every file, the one of each kind, and the DFJ aliases
    used (lfjb's own are not listed; `aliases` are the users', from beside the files and --dfj-aliases)."""

    files: list[FcsqData]
    dfj: FcsqData | None
    timeliness: FcsqData | None
    aliases: dict[str, str]
    aliases_files: list[str]
    alias_warnings: list[str] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return [*self.alias_warnings, *(f"{d.name}: {w}" for d in self.files for w in d.warnings)]


def _add_aliases(aliases: dict[str, str], sources: dict[str, tuple[str, str]], found: Mapping[str, str], source: str,
                 warnings: list[str]) -> None:
    """`found` added to `aliases`, later sources winning; an alias two sources give to different areas is said."""
    for alias, area in found.items():
        key = dfj_key(alias)
        earlier = sources.get(key)
        if earlier is not None and earlier[0] != area:
            warnings.append(f"'{alias}' is {earlier[0]} in {earlier[1]} but {area} in {source}: {area} is used.")
            aliases.pop(next(a for a in aliases if dfj_key(a) == key), None)
        sources[key] = (area, source)
        aliases[alias] = area


def read_fcsq_files(paths: Sequence[Path], extra_aliases: Mapping[str, str] | None = None,
                    aliases_file: Path | None = None) -> FcsqFiles:
    """Read each --fcsq file (at most one of each kind).

    DFJ aliases: lfjb's own, then a dfj_aliases.csv beside each FCSQ file, then `aliases_file`
    (--dfj-aliases), then `extra_aliases`, later ones winning (and said when they disagree). InputError
    when a file cannot be read, is neither kind, or two files are of one kind.
    """
    aliases: dict[str, str] = {}
    sources: dict[str, tuple[str, str]] = {}
    aliases_files: list[str] = []
    alias_warnings: list[str] = []
    problems: list[Problem] = []
    found_files: list[tuple[DfjAliases, str]] = []
    for path in paths:
        try:
            found, where = aliases_beside(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if where is not None and display_path(where) not in aliases_files:
            found_files.append((found, display_path(where)))
            aliases_files.append(display_path(where))
    if aliases_file is not None:
        try:
            found_files.append((read_dfj_aliases(aliases_file), display_path(aliases_file)))
        except InputError as exc:
            problems.extend(exc.problems)
    for found, source in found_files:
        alias_warnings.extend(found.warnings)
        _add_aliases(aliases, sources, found.aliases, source, alias_warnings)
    _add_aliases(aliases, sources, extra_aliases or {}, "the aliases passed in", alias_warnings)
    files: list[FcsqData] = []
    for path in paths:
        try:
            files.append(read_fcsq(path, aliases))
        except InputError as exc:
            problems.extend(exc.problems)
    by_kind: dict[str, list[FcsqData]] = defaultdict(list)
    for data in files:
        by_kind[data.kind].append(data)
    for kind, group in by_kind.items():
        if len(group) > 1:
            problems.append(Problem(", ".join(display_path(d.path) for d in group), "", "--fcsq",
                                    f"{len(group)} files are each a {KIND_LABELS[kind]}; give one of each kind."))
    if problems:
        raise InputError(problems)
    return FcsqFiles(files, by_kind.get(DFJ_FILE, [None])[0], by_kind.get(TIMELINESS_FILE, [None])[0],
                     aliases, aliases_files, alias_warnings)


def check_fcsq_paths(paths: Sequence[Path], aliases_file: Path | None = None) -> list[Problem]:
    """The problems that stop --fcsq and --dfj-aliases files being read at all (missing, a folder, a pipe or
    a device, too large), found before any board's figures are worked out."""
    problems = []
    for path, key, limit in [*((p, "--fcsq", MAX_FCSQ_BYTES) for p in paths),
                             *([(aliases_file, "--dfj-aliases", MAX_ALIASES_BYTES)] if aliases_file is not None else [])]:
        try:
            check_input_file(path, display_path(path), limit, key)
        except InputError as exc:
            problems.extend(exc.problems)
    return problems


__all__: Sequence[str] = ("FcsqData", "FcsqFiles", "check_fcsq_paths", "file_kind", "read_fcsq", "read_fcsq_dfj", "read_fcsq_timeliness",
                          "read_fcsq_files")
