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
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lfjb.dfj import find_dfj_area
from lfjb.inputs.dfj_aliases import ALIASES_FILE_NAME, aliases_beside, load_dfj_aliases, nearest_dfj_area
from lfjb.inputs.errors import InputError, Problem, display_path

DFJ_FILE = "dfj"
TIMELINESS_FILE = "timeliness"
KIND_LABELS = {DFJ_FILE: "FCSQ DFJ-level file (counts)", TIMELINESS_FILE: "FCSQ national care and supervision timeliness"}
NATIONAL_NAMES = {"england and wales", "england & wales", "national", "total", "all", "all dfjs", "e&w"}
NATIONAL_LABEL = "England and Wales"
# MoJ's marks for a figure that is missing, suppressed or not applicable (FCSQ_data tables/getdata.R
# `na_keys`, plus the GSS shorthand [c] confidential, [x] not available, [z] not applicable).
MISSING_MARKS = {"*", "**", ".", "..", ":", "-", "[c]", "[x]", "[z]", "[u]", "[low]", "c", "x", "z", "n/a", "na", "#ref!"}
COLUMN_ALIASES = {
    "dfj_new": "dfj", "dfj_area": "dfj", "dfj_name": "dfj", "designated_family_judge_area": "dfj",
    "qtr": "quarter", "period": "quarter", "year_quarter": "quarter",
    "number_of_cases": "cases", "children": "count", "orders": "count",
    "number_of_disposals": "disposals", "total_disposals": "disposals",
    "mean_duration": "mean_weeks", "mean_disposal_duration_weeks": "mean_weeks", "mean": "mean_weeks",
    "average_weeks": "mean_weeks",
    "median_duration": "median_weeks", "median_disposal_duration_weeks": "median_weeks", "median": "median_weeks",
    "disposed_in_26_weeks": "within_26", "cases_disposed_in_26_weeks": "within_26", "pct_within_26": "within_26",
    "case_type": "category",
}
DFJ_COLUMNS = ("dfj", "stage", "cases")
TIMELINESS_COLUMNS = ("disposals", "mean_weeks")
STAGE_START = "start"
STAGE_END = "end"
STAGE_WORDS = {STAGE_START: ("start", "appl", "issue"), STAGE_END: ("end", "dispos", "close")}
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

    def summary(self) -> dict:
        return {"file": self.path.name, "kind": self.kind, "kind_label": KIND_LABELS[self.kind],
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


def _is_mark(text: str) -> bool:
    return text.strip().lower() in MISSING_MARKS


def _numbers(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(numbers with None where not available, the mark or text found where a number was not)."""
    text = values.astype(str).str.strip()
    cleaned = text.str.replace(",", "", regex=False)
    numbers = pd.to_numeric(cleaned, errors="coerce")
    return numbers.astype(object).where(numbers.notna(), None), text.where(numbers.isna(), None)


def _quarter_of(year_text: str, quarter_text: str) -> tuple[int | None, int | None] | None:
    """(year, quarter) from `year` and `quarter` cells ("2024", "1" / "Q1" / "2024-Q1"); quarter None for an
    annual row (no quarter, or "Annual"); None when unreadable."""
    q = str(quarter_text).strip().upper()
    y = str(year_text).strip()
    match = re.fullmatch(r"(\d{4})\s*[-/ ]?\s*Q([1-4])", q)
    if match:
        return int(match[1]), int(match[2])
    try:
        year = int(float(y)) if y else None
    except ValueError:
        return None
    if q in ("", "ANNUAL", "ALL", "YEAR"):
        return (year, None) if year else None
    match = re.fullmatch(r"Q?([1-4])(\.0)?", q)
    return (year, int(match[1])) if match and year else None


def _read_table(path: Path) -> pd.DataFrame:
    """The CSV as text cells, headers normalised; lines starting with '#' before the header are notes
    (lfjb's sample files cite their source there) and are skipped."""
    shown = display_path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
        notes = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
        raw = pd.read_csv(io.StringIO("".join(lines[notes:])), dtype=str, keep_default_na=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError([Problem(shown, "", "--fcsq", f"cannot be read as CSV: {exc}")]) from None
    # pandas' to_csv writes its row index as an unnamed first column (MoJ's notebooks often do).
    keep = [c for c in raw.columns if str(c).strip() and not str(c).startswith("Unnamed:")]
    raw = raw[keep]
    raw.columns = [_column_key(c) for c in raw.columns]
    raw.attrs["headers"] = keep
    raw.index = raw.index + 2 + notes  # the line number a spreadsheet shows (header = row 1 without notes)
    return raw


def _rows_text(rows: Sequence[int]) -> str:
    rows = sorted(rows)
    shown = ", ".join(str(r) for r in rows[:MAX_NAMED_ROWS])
    more = f" and {len(rows) - MAX_NAMED_ROWS:,} more" if len(rows) > MAX_NAMED_ROWS else ""
    return f"row{'s' if len(rows) != 1 else ''} {shown}{more}"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' if n != 1 else ''}"


def _quarters(raw: pd.DataFrame, shown: str) -> tuple[pd.Series, pd.Series]:
    if "quarter" not in raw.columns:
        raise InputError([Problem(shown, "row 1", "quarter", "column missing from the FCSQ file.",
                                  "Expected year and quarter (1-4 or Q1-Q4), or one column such as 2024-Q1.")])
    years = raw["year"] if "year" in raw.columns else pd.Series("", index=raw.index)
    pairs = {(y, q): _quarter_of(y, q) for y, q in set(zip(years, raw["quarter"], strict=True))}
    parsed = [pairs[(y, q)] for y, q in zip(years, raw["quarter"], strict=True)]
    return (pd.Series([p[0] if p else None for p in parsed], index=raw.index, dtype=object),
            pd.Series([p[1] if p else None for p in parsed], index=raw.index, dtype=object))


def _marked_warning(marks: Counter, examples: list[str], what: str) -> str | None:
    total = sum(marks.values())
    if not total:
        return None
    kinds = ", ".join(f"'{m}' ×{n:,}" if m else f"empty ×{n:,}" for m, n in marks.most_common())
    return (f"{_plural(total, 'figure')} in the {what} marked as not available ({kinds}), e.g. {'; '.join(examples[:3])}: "
            "read as not available, never as 0.")


def _category_filter(raw: pd.DataFrame, warnings: list[str], skipped: dict[str, int]) -> pd.DataFrame:
    """The public law rows: 'Public Law' where the file has it (it includes care and supervision), else
    care/supervision categories; every other category is counted as skipped."""
    if "category" not in raw.columns:
        return raw
    text = raw["category"].str.strip()
    lower = text.str.lower()
    is_public = lower.str.contains("public", regex=False)
    is_care = ~is_public & (lower.str.contains("care", regex=False) | lower.str.contains("supervision", regex=False))
    keep = is_public if is_public.any() else is_care
    if is_public.any() and is_care.any():
        names = ", ".join(sorted(set(text[is_care])))
        warnings.append(f"{_plural(int(is_care.sum()), 'row')} of {names} were not used: the file's 'Public Law' rows "
                        "already include care and supervision cases, so adding them would count those cases twice.")
    other = ~keep
    if other.any():
        counts = text[other].replace("", "(no category)").value_counts()
        listed = ", ".join(f"{name} ({n:,})" for name, n in counts.items())
        skipped["other_category"] = int(other.sum())
        warnings.append(f"{_plural(int(other.sum()), 'row')} of other case types skipped (lfjb reads public law only): {listed}.")
    return raw[keep]


def _stage_of(text: str) -> str | None:
    t = str(text).strip().lower()
    if "26" in t:
        return None  # the old layout's "Disposals within 26 weeks" rows: not a stage MoJ's DFJ file has
    for stage, words in STAGE_WORDS.items():
        if t.startswith(words):
            return stage
    return None


def read_fcsq_dfj(path: Path, extra_aliases: Mapping[str, str] | None = None, raw: pd.DataFrame | None = None) -> FcsqData:
    """The DFJ-level file's public law rows: year, quarter, area (None for national rows), dfj (as MoJ
    wrote it), stage ('start'/'end'), cases, orders; with warnings for everything skipped or marked."""
    shown = display_path(path)
    raw = _read_table(path) if raw is None else raw
    warnings: list[str] = []
    skipped: dict[str, int] = {}
    years, quarters = _quarters(raw, shown)
    bad = years.isna() | quarters.isna()
    if bad.any():
        skipped["unreadable_quarter"] = int(bad.sum())
        warnings.append(f"{_plural(int(bad.sum()), 'row')} skipped because the year or quarter could not be read "
                        f"({_rows_text(list(raw.index[bad]))}; found e.g. '{raw.loc[bad].iloc[0]['quarter']}').")
    raw = raw.assign(_year=years, _quarter=quarters)[~bad]
    raw = _category_filter(raw, warnings, skipped)
    stages = raw["stage"].map(_stage_of)
    if stages.isna().any():
        counts = raw.loc[stages.isna(), "stage"].replace("", "(empty)").value_counts()
        skipped["other_stage"] = int(stages.isna().sum())
        warnings.append(f"{_plural(int(stages.isna().sum()), 'row')} with a stage lfjb does not use skipped: "
                        + ", ".join(f"'{s}' ({n:,})" for s, n in counts.items())
                        + " (lfjb reads Start = cases started and End = cases closed).")
    raw = raw.assign(_stage=stages)[stages.notna()]
    names = raw["dfj"].str.strip()
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
    marks: Counter = Counter()
    examples: list[str] = []
    columns = {}
    for column in ("cases", "count"):
        if column not in raw.columns:
            columns[column] = pd.Series(None, index=raw.index, dtype=object)
            continue
        numbers, text = _numbers(raw[column])
        columns[column] = numbers
        found = text.dropna()
        for index, mark in found.items():
            if column == "count" and mark == "":
                continue  # MoJ leaves `count` empty where only cases are counted (a full join); not a mark
            if mark and not _is_mark(mark):
                warnings.append(f"row {index}: {column} '{mark}' is not a number; read as not available.")
            marks[mark] += 1
            if len(examples) < 3:
                row = raw.loc[index]
                examples.append(f"{row['dfj']} {row['_year']} Q{row['_quarter']} {row['stage']} {column} (row {index})")
    if marks:
        skipped["marked_values"] = sum(marks.values())
        warnings.append(_marked_warning(marks, examples, "DFJ file"))
    frame = pd.DataFrame({
        "year": raw["_year"].astype(int), "quarter": raw["_quarter"].astype(int),
        "area": names.map(areas), "dfj": names,
        "region": raw["region"].str.strip() if "region" in raw.columns else "",
        "stage": raw["_stage"], "cases": columns["cases"], "orders": columns["count"],
    }).reset_index(drop=True)
    return FcsqData(path, DFJ_FILE, frame, warnings, skipped)


def read_fcsq_timeliness(path: Path, raw: pd.DataFrame | None = None) -> FcsqData:
    """The national timeliness rows: year, quarter (None for an annual row), disposals, mean_weeks,
    median_weeks, pct_within_26 (0-100); regional or private law rows are skipped with a warning."""
    shown = display_path(path)
    raw = _read_table(path) if raw is None else raw
    headers = raw.attrs.get("headers", [])
    warnings: list[str] = []
    skipped: dict[str, int] = {}
    years, quarters = _quarters(raw, shown)
    bad = years.isna()
    if bad.any():
        skipped["unreadable_quarter"] = int(bad.sum())
        warnings.append(f"{_plural(int(bad.sum()), 'row')} skipped because the year or quarter could not be read "
                        f"({_rows_text(list(raw.index[bad]))}).")
    raw = raw.assign(_year=years, _quarter=quarters)[~bad]
    if "category" in raw.columns:
        private = raw["category"].str.lower().str.contains("private", regex=False)
        if private.any():
            skipped["other_category"] = int(private.sum())
            warnings.append(f"{_plural(int(private.sum()), 'row')} of private law timeliness skipped: lfjb's benchmark is "
                            "care and supervision (public law) proceedings.")
            raw = raw[~private]
    if "region" in raw.columns:
        regional = ~(raw["region"].str.strip().str.lower().isin(NATIONAL_NAMES) | (raw["region"].str.strip() == ""))
        if regional.any():
            skipped["regional"] = int(regional.sum())
            warnings.append(f"{_plural(int(regional.sum()), 'regional row')} skipped: the benchmark is England and Wales.")
            raw = raw[~regional]
    marks: Counter = Counter()
    examples: list[str] = []
    values = {}
    for column in ("disposals", "mean_weeks", "median_weeks", "within_26"):
        if column not in raw.columns:
            values[column] = pd.Series(None, index=raw.index, dtype=object)
            continue
        numbers, text = _numbers(raw[column])
        values[column] = numbers
        for index, mark in text.dropna().items():
            if mark and not _is_mark(mark):
                warnings.append(f"row {index}: {column} '{mark}' is not a number; read as not available.")
            marks[mark] += 1
            if len(examples) < 3:
                row = raw.loc[index]
                when = f"{row['_year']} Q{row['_quarter']}" if row["_quarter"] else f"{row['_year']}"
                examples.append(f"{when} {column} (row {index})")
    if marks:
        skipped["marked_values"] = sum(marks.values())
        warnings.append(_marked_warning(marks, examples, "timeliness file"))
    within = values["within_26"]
    header = next((h for h in headers if _column_key(h) == "within_26"), "")
    present = [v for v in within if v is not None]
    is_percent = "%" in header or "pct" in header.lower() or "percent" in header.lower() or any(v > 1 for v in present)
    pct = within.map(lambda v: None if v is None else (v if is_percent else v * 100.0))
    frame = pd.DataFrame({
        "year": raw["_year"].astype(int), "quarter": raw["_quarter"],
        "disposals": values["disposals"], "mean_weeks": values["mean_weeks"],
        "median_weeks": values["median_weeks"], "pct_within_26": pct,
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

    @property
    def warnings(self) -> list[str]:
        return [f"{d.path.name}: {w}" for d in self.files for w in d.warnings]


def read_fcsq_files(paths: Sequence[Path], extra_aliases: Mapping[str, str] | None = None,
                    aliases_file: Path | None = None) -> FcsqFiles:
    """Read each --fcsq file (at most one of each kind).

    DFJ aliases: lfjb's own, then a dfj_aliases.csv beside each FCSQ file, then `aliases_file`
    (--dfj-aliases), then `extra_aliases`, later ones winning. InputError when a file cannot be read,
    is neither kind, or two files are of one kind.
    """
    aliases: dict[str, str] = {}
    aliases_files: list[str] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            found, where = aliases_beside(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if where is not None and display_path(where) not in aliases_files:
            aliases.update(found)
            aliases_files.append(display_path(where))
    if aliases_file is not None:
        try:
            aliases.update(load_dfj_aliases(aliases_file))
        except InputError as exc:
            problems.extend(exc.problems)
    aliases.update(extra_aliases or {})
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
                     aliases, aliases_files)


__all__: Sequence[str] = ("FcsqData", "FcsqFiles", "file_kind", "read_fcsq", "read_fcsq_dfj", "read_fcsq_timeliness",
                          "read_fcsq_files")
