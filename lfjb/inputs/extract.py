"""The case-level data extract (SPEC.md "Data extract"): one row per care or supervision application,
or one row per child (`inputs.rows: child`).

Structure problems (unreadable file, missing column, a word that maps to no id, one authority's dates
written month-first) are errors. A bad *row* (an unparseable date, disposal before issue, a negative
count, a repeated case id) is set aside: left out of every figure and listed in the data-quality
report; `strict=True` makes those errors too. Things worth knowing that do not set a row aside (an
authority outside the board's list, a name that matches no authority) are data-quality warnings.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from lfjb.inputs.board import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from lfjb.inputs.dates import date_expected, date_rules, implausible_dates, month_first_evidence, parse_date_column
from lfjb.inputs.errors import InputError, Problem, did_you_mean, display_path
from lfjb.inputs.tables import (MANY_DISTINCT, TEXT_TABLE_SUFFIXES, ReadProgress, Table, plain_text_cells,
                                read_table_with_notes, readable_sheets, without_blank_rows)
from lfjb.inputs.text import EMPTY_WORDS, clean_text
from lfjb.inputs.values import (
    ValueMap,
    authority_advice,
    reorganised_authority_warnings,
    shared_service_problems,
    value_key,
    value_maps,
)
from lfjb.local_authorities import find_local_authority
from lfjb.vocab import column_words

COUNT_COLUMNS = ("children", "hearings", "fcmh")
# The most a real case can have. Larger numbers are typing or export errors, and past 2**63 they
# would wrap round to negative counts in the pack. Rows beyond these are set aside (README "Inputs").
MAX_COUNTS = {"children": 20, "hearings": 200, "fcmh": 200, "experts": 50}
# More than this share of rows set aside means the extract was misread (wrong date format, wrong
# columns), not that a few rows are bad: it is an input error, not a data-quality note.
MAX_REJECTED_SHARE = 0.5
MIN_ROWS_FOR_MISREAD = 20  # small hand-made files may well be mostly bad rows on purpose
MAX_LISTED = 50  # rows named in one problem about a word or an authority
NOT_IN_EXTRACT = "not in this board's extract"
_YES = {"y", "yes", "true", "1"}
_NO = {"n", "no", "false", "0"}
_REPEATED = "the case id repeats an earlier row"
# Columns whose values name a case or a family: never in a pack (DataQuality.to_dict).
IDENTIFYING_COLUMNS = frozenset({"case_id", "family_id"})
MAX_EXAMPLE_ROWS = 10  # row numbers shown for each reason in the pack's data-quality appendix
# A shape of the board's case ids ('WV22C50028' is aa99a99999) is one a value in another column is taken for a
# case id by (a row's cells shifted, an id typed in the wrong column) when at least this share of the ids have it,
# it has a digit and is at least CASE_ID_MIN_LENGTH long: a place name has no digits, an authority's code is shorter
# or shaped otherwise, and an odd id or two sets no rule. In a date or count column such a value is no date or
# count either (at worst an eight-digit date is not echoed where ids have eight digits; its row is still named).
CASE_ID_SHAPE_SHARE = 0.05
CASE_ID_MIN_LENGTH = 5
_SHAPE = str.maketrans({**{c: "a" for c in "abcdefghijklmnopqrstuvwxyz"}, **{d: "9" for d in "0123456789"}})


def id_shape(key: str) -> str:
    """A matched case id's shape (`case_id_key`'s text): each letter 'a', each digit '9' ('wv22c50028' is
    aa99a99999)."""
    return key.translate(_SHAPE)


def case_id_shapes(keys: pd.Series) -> frozenset[str]:
    """The shapes most of the board's case ids share (`keys` as `case_id_key` gives them)."""
    distinct = pd.Series(pd.unique(keys[keys != ""]), dtype=object)
    if distinct.empty:
        return frozenset()
    shares = distinct.map(id_shape).value_counts(normalize=True)
    return frozenset(shape for shape, share in shares.items()
                     if share >= CASE_ID_SHAPE_SHARE and len(shape) >= CASE_ID_MIN_LENGTH and "9" in shape)


@dataclass
class DataQuality:
    """What the loader read, what it set aside row by row, and file-level warnings (SPEC.md `data_quality`).

    `problems` carry the case id for the secretariat's own tools (`lfjb validate`, `lfjb cases`);
    `to_dict`, what a pack carries, names rows by file and row number only: a pack goes to members and
    its JSON to MoJ, and must never name a case (issue 20).
    """

    rows_read: int = 0
    problems: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    file: str = ""  # the file as the user names it
    # Every case id read (as `case_id_key` matches them): a cell or quoted word equal to one is never shown;
    # nor one with the shape of the board's ids (`case_id_shapes`), though no row has it.
    case_ids: frozenset = frozenset()
    case_id_shapes: frozenset = frozenset()

    @property
    def rows_rejected(self) -> int:
        return len({(p.get("file") or self.file, p["row"]) for p in self.problems})

    def _case_id_filter(self):
        """(names_a_case(value), without_case_ids(text)): a cell equal to a case id or shaped as the board's ids
        are, and a text with any quoted word that is either ('REPT0007') replaced, worked out with the ids
        gathered once."""
        ids = self.case_ids | {value_key(p["case_id"]) or str(p["case_id"]) for p in self.problems if p.get("case_id")}
        shapes = self.case_id_shapes

        def names_a_case(value: object) -> bool:
            if value is None or (isinstance(value, float) and pd.isna(value)):
                return False
            text = str(value).strip()
            key = value_key(text) or text
            return text != "" and (key in ids or id_shape(key) in shapes)

        def without_case_ids(text: str) -> str:
            return re.sub(r"'([^']*)'", lambda m: "'(a case id)'" if names_a_case(m[1]) else m[0], text)
        return names_a_case, without_case_ids

    def to_dict(self) -> dict:
        """The pack's `data_quality`: every problem by file and row number (no case or family id, nor
        the value of an id column), and `reasons`, the problems grouped by what is wrong with a few
        example rows, which is what the pack's appendix shows however many rows were set aside."""
        names_a_case, without_case_ids = self._case_id_filter()
        # Each problem as the pack may show it, its message cleaned once for both lists below.
        shown = [{**p, "file": p.get("file") or self.file, "message": without_case_ids(p["message"])} for p in self.problems]
        problems = [{"file": p["file"], "row": p["row"], "column": p["column"],
                     "value": None if p["column"] in IDENTIFYING_COLUMNS or names_a_case(p.get("value")) else p.get("value"),
                     "message": p["message"]} for p in shown]
        return {"file": self.file, "rows_read": self.rows_read, "rows_rejected": self.rows_rejected, "problems": problems,
                "reasons": problem_reasons(shown), "warnings": [without_case_ids(w) for w in self.warnings],
                "rows_rejected_words": self.rows_rejected_words()}

    def rows_to_check(self) -> list[str]:
        """Rows the secretariat should check beyond those set aside (a later source's, `SourcesQuality`): none here."""
        return []

    def rows_rejected_words(self) -> str:
        """The rows set aside in words, saying rows of what: '3 of 1,808 rows of court_list.csv'."""
        n = self.rows_read
        return f"{self.rows_rejected:,} of {n:,} row{'s' if n != 1 else ''}" + (f" of {Path(self.file).name}" if self.file else "")


def problem_reasons(problems: Sequence[dict]) -> list[dict]:
    """Problems grouped by file, column and reason (most rows first): {"file", "column", "reason", "rows"
    (how many), "examples" (the first MAX_EXAMPLE_ROWS row numbers of that file)}."""
    groups: dict[tuple[str, str, str], list[int]] = {}
    for p in problems:
        groups.setdefault((p.get("file") or "", p["column"], p.get("reason") or p["message"]), []).append(p["row"])
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), min(item[1])))
    return [{"file": file, "column": column, "reason": reason, "rows": len(rows), "examples": sorted(rows)[:MAX_EXAMPLE_ROWS]}
            for (file, column, reason), rows in ordered]


@dataclass
class Extract:
    path: Path
    cases: pd.DataFrame
    data_quality: DataQuality
    # Optional canonical columns the file does not have: figures that need them are null with a reason.
    missing_columns: tuple[str, ...] = ()

    def has_column(self, column: str) -> bool:
        return column not in self.missing_columns


# --- Columns ------------------------------------------------------------------------------------------


def header_key(header: object) -> str:
    """A header as matched: 'Issue Date', 'issue_date' and 'ISSUE-DATE' are one."""
    return re.sub(r"[^0-9a-z]+", "_", str(header).strip().lower()).strip("_")


def _canonical_columns(raw: pd.DataFrame, mapping: Mapping[str, str], required: Sequence[str], shown: str) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """The file's columns under canonical names (one header may feed two), and the optional columns
    it lacks; InputError naming every required or mapped column that is missing."""
    headers = {str(c).strip(): c for c in raw.columns}
    by_key: dict[str, object] = {}
    for header, original in headers.items():
        by_key.setdefault(header_key(header), original)
    picked: dict[str, object] = {}
    absent: list[tuple[str, str]] = []
    for canonical in REQUIRED_COLUMNS + OPTIONAL_COLUMNS:
        source = mapping.get(canonical, canonical)
        found = headers.get(source.strip(), by_key.get(header_key(source)))
        if found is not None:
            picked[canonical] = found
        elif canonical in mapping or canonical in required:
            absent.append((canonical, source))
    used = set(picked.values())
    unused = [h for h, original in headers.items() if original not in used and not h.startswith("Unnamed:")]
    problems = []
    for n, (canonical, source) in enumerate(absent):
        how = f"(mapped in inputs.columns to '{source}') " if canonical in mapping else ""
        needed = "required column" if canonical in required else "column"
        hint = missing_column_hint(canonical, source, unused, "inputs.columns", first=n == 0, mapped=canonical in mapping)
        problems.append(Problem(shown, "row 1", canonical, f"{needed} {how}is missing.", hint))
    if "issue_date" in picked and picked.get("issue_date") == picked.get("disposal_date"):
        # Every case would last 0 weeks and be disposed of the day it was issued (issue 24.8).
        problems.append(Problem(shown, "row 1", "disposal_date",
                                f"issue_date and disposal_date are both read from the column '{picked['issue_date']}'; "
                                "a case's issue and disposal dates must come from two columns.",
                                "Map each under inputs.columns in the terms of reference to its own header."))
    if problems:
        raise InputError(problems)
    frame = pd.DataFrame({canonical: raw[original] for canonical, original in picked.items()}, index=raw.index)
    missing = tuple(c for c in OPTIONAL_COLUMNS if c not in picked)
    return frame, missing


def missing_column_hint(canonical: str, source: str, unused: Sequence[str], under: str, *, first: bool, mapped: bool) -> str:
    """The hint for a missing column, worded alike for every reader (`under`: where its columns are mapped, such
    as inputs.columns): the closest unused header and the line that maps it; with the first missing column only
    (issue 20: each thing said once a run), the file's unused headers and, unless the column was mapped, how to
    map one."""
    close = difflib.get_close_matches(source, list(unused), n=1, cutoff=0.6)  # as did_you_mean
    hint = f"Did you mean '{close[0]}'? If so, map it under {under}: {canonical}: \"{close[0]}\". " if close else ""
    if first:
        hint += f"The file's unused headers are: {', '.join(unused) or '(none)'}."
        if not mapped:
            hint += f" If the file calls a column something else, map it under {under}, e.g. {canonical}: \"Your header\"."
    return hint.strip()


def _unusable_columns(frame: pd.DataFrame, shown: str) -> list[Problem]:
    """Columns whose type cannot hold what they should: true/false as a count, a Parquet struct or
    list anywhere but the delay drivers."""
    problems = []
    for name in frame.columns:
        column = frame[name]
        if name in (*COUNT_COLUMNS, "experts") and _is_boolean(column):
            problems.append(Problem(shown, "", name, "holds true/false values, not numbers.",
                                    f"Export {name} as a whole number for each case."))
        elif column.dtype == object and name != "delay_drivers" and \
                column.map(lambda v: isinstance(v, dict | list | tuple | set | np.ndarray)).any():
            problems.append(Problem(shown, "", name, "holds structured values (lists or records), not one value per cell.",
                                    "Export the column as plain text, numbers or dates."))
    return problems


def layout_hints(path: Path, shown: str, raw: pd.DataFrame, mapping: Mapping[str, str], sheet: str | None,
                 header_row: int) -> list[Problem]:
    """When the headers were not found: where they seem to be instead (another sheet, a lower row),
    or that the file is separated by something lfjb did not recognise."""
    wanted = {header_key(mapping.get(c, c)) for c in REQUIRED_COLUMNS}

    def header_row_in(frame: pd.DataFrame) -> int | None:  # 0-based row of `frame` that holds >= 3 wanted headers
        for i, values in enumerate(frame.head(30).itertuples(index=False)):
            if sum(header_key(v) in wanted for v in values if isinstance(v, str)) >= 3:
                return i
        return None

    hints = []
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            # Only the sheets within the size cap: a stray far cell on another sheet must not stop the hint.
            names = readable_sheets(path)
            sheets = pd.read_excel(path, sheet_name=names, header=None, nrows=30, dtype=object, engine="calamine") if names else {}
        except Exception:  # noqa: BLE001 - a hint only; the problem above stands
            sheets = {}
        current = sheet or next(iter(sheets), None)
        for name, frame in sheets.items():
            found = header_row_in(frame)
            if found is None:
                continue
            if name != current:
                hints.append(Problem(shown, "", "sheet", f"lfjb read the sheet '{current}', but the column headers seem to be on the sheet '{name}'.",
                                     f"Set inputs.sheet: \"{name}\" in the terms of reference" + (f" and inputs.header_row: {found + 1}." if found else ".")))
            elif found + 1 != header_row:
                hints.append(Problem(shown, f"row {found + 1}", "header_row", f"the column headers seem to be on row {found + 1}, not row {header_row}.",
                                     f"Set inputs.header_row: {found + 1} in the terms of reference (rows above it, such as a title, are skipped)."))
            break
    elif suffix in TEXT_TABLE_SUFFIXES:
        found = header_row_in(raw)
        if found is not None:
            row = header_row + found + 1
            hints.append(Problem(shown, f"row {row}", "header_row", f"the column headers seem to be on row {row}, not row {header_row}.",
                                 f"Set inputs.header_row: {row} in the terms of reference (rows above it, such as a title, are skipped)."))
        elif len(raw.columns) == 1 and any(sep in str(raw.columns[0]) for sep in ("|", ":")):
            hints.append(Problem(shown, "row 1", "", "the header row is one single column, so the file is probably separated by something other than commas, semicolons or tabs.",
                                 "Save it from Excel as 'CSV UTF-8 (Comma delimited)'."))
    return hints


# --- Cell values --------------------------------------------------------------------------------------


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


def _cell_text(value: str) -> str:
    text = clean_text(value).strip()
    return "" if text.lower() in EMPTY_WORDS else text


_EMPTY_WORD_SET = pa.array(sorted(EMPTY_WORDS), type=pa.string())


def _strip_many(values: pd.Series, cells: pa.Array, odd: np.ndarray) -> pd.Series:
    """`_cell_text` of many distinct text values (`plain_text_cells`), by pyarrow's kernels where the
    result is the same and in Python for the rest."""
    text = pc.ascii_trim_whitespace(cells)
    out = pc.if_else(pc.is_in(pc.ascii_lower(text), value_set=_EMPTY_WORD_SET), "", text).to_numpy(zero_copy_only=False)
    for i in odd:
        out[i] = _cell_text(values.iloc[i])
    return pd.Series(out, index=values.index, dtype=object)


def _strip(values: pd.Series) -> pd.Series:
    # Control and bidi characters removed (lfjb.inputs.text): names reach the PDF, HTML and terminal.
    if len(values) > MANY_DISTINCT and (found := plain_text_cells(values.to_numpy())) is not None:
        return _strip_many(values, *found)
    if all(isinstance(v, str) for v in values):
        # Text cells (every CSV): a plain loop over the distinct values costs less than pandas' string
        # methods, whose set-up outweighs the work for the few hundred values an extract column has.
        # Python's strip agrees with pyarrow's on every character; lower differs only on letters that
        # cannot spell an EMPTY_WORDS word (checked over all of Unicode).
        return pd.Series([_cell_text(v) for v in values], index=values.index, dtype=object)
    text = values.map(lambda v: clean_text(v) if isinstance(v, str) else v).astype("string[pyarrow]").str.strip().fillna("")
    return text.where(~text.str.lower().isin(EMPTY_WORDS), "").astype(object)


def _text(column: pd.Series) -> pd.Series:
    """Cell text, stripped; '' for empty cells and the words systems write for empty (NULL, N/A, -)."""
    if _is_typed(column):
        return column.astype(object).where(column.notna(), "").map(str).where(column.notna(), "")
    return _by_unique(column, _strip, missing="")


def _is_boolean(column: pd.Series) -> bool:
    return pd.api.types.is_bool_dtype(column)


class _Cells:
    """The extract's cells as text, worked out once per column (a million-row extract repeats the
    same columns through several rules)."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self._text: dict[str, pd.Series] = {}

    def text(self, name: str) -> pd.Series:
        """Cell text, stripped; '' for empty cells and words for empty (NULL, N/A, -)."""
        if name not in self._text:
            self._text[name] = _text(self.frame[name])
        return self._text[name]

    @functools.cached_property
    def case_keys(self) -> pd.Series:
        """The case ids as matched (`case_id_key`): 'AB24C1' and 'ab24 c1' are one case. One pass over a
        million ids, shared by the authority check and the repeated-id rule."""
        return case_id_key(self.text("case_id"))

    @functools.cached_property
    def case_shapes(self) -> frozenset[str]:
        """The shapes most of the case ids share (`case_id_shapes`): worked out once for the authority
        check and the data quality's case-id cleaning."""
        return case_id_shapes(self.case_keys)

    def blank(self, name: str) -> pd.Series:
        column = self.frame[name]
        return column.isna() if _is_typed(column) else self.text(name) == ""

    def emptied(self, name: str) -> pd.Series:
        """The column's own values (dates stay dates), with empty words as missing values."""
        column = self.frame[name]
        return column if _is_typed(column) else column.where(self.text(name) != "", None)


def _rows_listed(rows: pd.Series, where: str) -> str:
    shown = [str(r) for r in rows.head(MAX_LISTED if len(rows) <= MAX_LISTED else 5)]
    more = f" and {len(rows) - len(shown):,} more" if len(rows) > len(shown) else ""
    return f"{where}{'s' if len(rows) != 1 else ''} {', '.join(shown)}{more}"


def _unknown_word_problem(shown: str, column: str, word: str, rows: pd.Series, where: str, vmap: ValueMap) -> Problem:
    kind = "a delay driver" if column == "delay_drivers" else "an outcome"
    return Problem(shown, _rows_listed(rows, where), column, f"'{word}' is not {kind} lfjb knows ({len(rows):,} row{'s' if len(rows) != 1 else ''}).",
                   vmap.advice(word))


def _parse_drivers(column: pd.Series, rows: pd.Series, vmap: ValueMap, shown: str, where: str) -> tuple[pd.Series, list[Problem]]:
    """Tuples of driver ids from 'a; b' cells (ids, the guide's phrases or the board's own words);
    a word that maps to no driver is a structural error naming the rows."""
    def as_text(value: object) -> str:
        if isinstance(value, list | tuple | np.ndarray):  # a Parquet list column
            return ";".join(str(v) for v in value)
        return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)

    unknown: dict[str, str] = {}

    def parse_one(cell: object) -> tuple:
        ids = []
        for part in re.split(r"[;,|\n]", clean_text(as_text(cell))):
            word = part.strip()
            if not word or word.lower() in EMPTY_WORDS:
                continue
            found = vmap.find(word)
            if found is None:
                unknown.setdefault(value_key(word), word)
            else:
                ids.append(found)
        return tuple(dict.fromkeys(ids))

    # Text cells are the usual case (a C-speed check); a Parquet list column is joined into text first.
    if pd.api.types.infer_dtype(column, skipna=True) not in ("string", "empty") and \
            column.map(lambda v: isinstance(v, list | tuple | np.ndarray)).any():
        column = column.map(as_text)
    lists = _by_unique(column, lambda u: u.map(parse_one), missing=())
    problems = []
    if unknown:
        text = column.map(as_text)
        for key, word in unknown.items():
            has_word = _by_unique(text, lambda u, key=key: u.map(lambda c: any(value_key(p) == key for p in re.split(r"[;,|\n]", c))), missing=False).astype(bool)
            problems.append(_unknown_word_problem(shown, "delay_drivers", word, rows[has_word], where, vmap))
    return lists, problems


def _parse_outcomes(text: pd.Series, rows: pd.Series, vmap: ValueMap, shown: str, where: str) -> tuple[pd.Series, list[Problem]]:
    """Outcome ids ('' when empty); a word that maps to no outcome is a structural error naming the rows."""
    ids = _by_unique(text, lambda u: u.map(lambda w: "" if w == "" else vmap.find(w)), missing="")
    problems = []
    unknown = text[ids.isna()]
    for word, group in unknown.groupby(unknown.map(value_key), sort=False):
        problems.append(_unknown_word_problem(shown, "outcome", group.iloc[0], rows[group.index], where, vmap))
    return ids.fillna(""), problems


@dataclass
class _Authorities:
    names: pd.Series  # the resolved name, or the text as written when it resolves to nothing
    warnings: list[str]
    board_spelling: dict[str, str]  # resolved name -> as the board writes it in local_authorities

    def name_of(self, text: str) -> str:
        """An authority named in the terms of reference, as `names` shows it."""
        name = _authority_name(text)
        return self.board_spelling.get(name, name)


def _resolve_authorities(text: pd.Series, vmap: ValueMap, board_authorities: Sequence[str],
                         case_keys: pd.Series | None = None, case_shapes: frozenset[str] = frozenset()) -> _Authorities:
    """Each row's local authority as one name (names, ONS and DfE codes resolved), with warnings for
    those that match no authority or lie outside the board's own list; such rows are still counted.
    A cell holding one of the extract's case ids (a row whose cells are shifted) is 'Not recorded', and
    never quoted: a pack must not name a case (issue 24, round 2)."""
    id_warnings = []
    # Only a word that names no authority can be a case id (the usual extract has none: no ids worked out): one of
    # the extract's ids, or shaped as the board's ids are, though no row has it (its own row's id cell was shifted).
    # `case_keys` are the rows' case ids as `case_id_key` matches them, worked out once for this and the
    # repeated-id rule; each distinct word is matched once (a million rows hold a few dozen words).
    words = pd.Series([w for w in text.unique() if w], dtype=object)
    unknown = words.map(lambda w: vmap.find(w) is None).to_numpy(dtype=bool) if len(words) else np.zeros(0, dtype=bool)
    if case_keys is not None and unknown.any():
        keys = case_keys[case_keys != ""]
        word_keys = case_id_key(words)
        shaped = unknown & word_keys.map(id_shape).isin(case_shapes).to_numpy()
        matched = word_keys.isin(keys).to_numpy() | shaped
        is_case_id = text.isin(set(words[matched]))
        if is_case_id.any():
            n = int(is_case_id.sum())
            id_warnings.append(f"{n:,} row{'s have' if n != 1 else ' has'} a case id in the local authority column (the row's "
                               f"cells seem shifted): {'they are' if n != 1 else 'it is'} counted as 'Not recorded'. Check "
                               "the rows in the file whose local authority is a case number.")
            text = text.where(~is_case_id, "")
    # Shown as the board writes them in its terms of reference ("St Helens", not DfE's "St. Helens").
    board_spelling = {_authority_name(a): a.strip() for a in board_authorities}

    def spelt(word: str) -> str | None:
        name = vmap.find(word) if word else None
        return board_spelling.get(name, name) if name is not None else None

    found = _by_unique(text, lambda u: u.map(spelt), missing=None)  # once per distinct word
    names = found.where(found.notna(), text.where(text != "", "Not recorded"))
    warnings = []
    declared = {value_key(a) for a in board_authorities}  # the board's own names, even if not in the reference data
    is_declared = _by_unique(text, lambda u: u.map(lambda w: value_key(w) in declared), missing=False).astype(bool)
    # A row without a case id is set aside: its authority is not counted, and its cell (often the case id,
    # shifted one column right) is not quoted.
    counted = case_keys != "" if case_keys is not None else pd.Series(True, index=text.index)  # a key is "" only for an empty id
    unresolved = text[found.isna() & (text != "") & ~is_declared & counted]
    for name, count in unresolved.value_counts().items():
        warnings.append(f"Local authority '{name}' ({count:,} row{'s' if count != 1 else ''}) matches no local authority in "
                        f"England or Wales; its cases are counted under that name. {authority_advice(name, board_authorities)}")
    warnings += reorganised_authority_warnings(text, vmap, board_authorities)
    if board_authorities:
        outside = found[found.notna() & ~found.isin(list(board_spelling.values())) & ~is_declared & counted]
        for name, count in outside.value_counts().items():
            warnings.append(f"Local authority '{name}' ({count:,} row{'s' if count != 1 else ''}) is not one of the board's "
                            f"local authorities ({', '.join(board_authorities)}); its cases are counted. Add it to "
                            "local_authorities in the terms of reference if it belongs to the board.")
    return _Authorities(names, id_warnings + warnings, board_spelling)


def _unused_date_formats(date_formats: Mapping[str, str], authorities: _Authorities, board_authorities: Sequence[str],
                         shown: str) -> tuple[list[Problem], list[str]]:
    """A `date_formats` key that no row's authority matches is never used, so that authority's dates
    would be read day-first unnoticed: an error when it names no authority at all (a typo), a warning
    when it names a real one that has no rows in this extract."""
    present = set(authorities.names.unique())
    declared = {value_key(a) for a in board_authorities}
    problems, warnings = [], []
    for key in date_formats:
        if authorities.name_of(key) in present:
            continue
        if find_local_authority(key) is None and value_key(key) not in declared:
            guess = did_you_mean(key, sorted(present))
            problems.append(Problem(shown, "", "date_formats",
                                    f"inputs.date_formats names '{key}', which is no local authority, and no row of the extract is from it, so its date format is not used.",
                                    f"{guess + ' ' if guess else ''}The extract's authorities are: {', '.join(sorted(present)) or '(none)'}."))
        else:
            warnings.append(f"inputs.date_formats gives '{key}' its own date format, but no row of {shown} is from {authorities.name_of(key)}; the format is not used.")
    return problems, warnings


def _authority_name(name: str) -> str:
    found = find_local_authority(name)
    return found.display_name if found else name.strip()


# --- Month-first dates ----------------------------------------------------------------------------------


def _month_first_problems(cells: _Cells, authorities: pd.Series, uses_default: pd.Series, rows: pd.Series,
                          shown: str, where: str) -> tuple[list[Problem], pd.Series, list[str]]:
    """An authority whose dates only ever make sense month-first is a structural problem (every one of
    its dates would be misread day-first); in an authority that also writes day-first dates, the rows
    that only make sense month-first are set aside. Returns (problems, rows set aside, warnings)."""
    frame = cells.frame
    only_mf = pd.Series(False, index=frame.index)
    only_df = pd.Series(False, index=frame.index)
    for column in ("issue_date", "disposal_date"):
        if column not in frame or _is_typed(frame[column]):
            continue
        codes, uniques = pd.factorize(cells.text(column))  # checked once per distinct date
        mf_u, df_u = month_first_evidence(pd.Series(uniques, dtype=object))
        mf = pd.Series(mf_u.to_numpy(dtype=bool)[codes], index=frame.index) & uses_default
        df = pd.Series(df_u.to_numpy(dtype=bool)[codes], index=frame.index) & uses_default
        only_mf |= mf
        only_df |= df
    problems, warnings = [], []
    set_aside = pd.Series(False, index=frame.index)
    if not only_mf.any():
        return problems, set_aside, warnings
    for authority, group in only_mf[only_mf].groupby(authorities[only_mf]):
        in_authority = authorities == authority
        example_row = group.index[0]
        example = next(clean_text(str(frame[c][example_row])).strip() for c in ("issue_date", "disposal_date")
                       if c in frame and month_first_evidence(pd.Series([str(frame[c][example_row])]))[0].iloc[0])
        if not only_df[in_authority].any():
            whole_file = bool(in_authority.all())
            fix = ('add date_format: "%m/%d/%Y" under inputs in the terms of reference' if whole_file else
                   f'add under inputs in the terms of reference: date_formats: {{"{authority}": "%m/%d/%Y"}} '
                   "(only that authority's rows are then read month-first)")
            problems.append(Problem(
                shown, _rows_listed(rows[group.index], where), "issue_date",
                f"{authority}'s dates are written month-first: {len(group):,} of its {int(in_authority.sum()):,} rows "
                f"have dates such as {example} that only make sense as month/day/year, and none that only make sense "
                "day-first, so its other dates would be misread.",
                f"If {'the file' if whole_file else authority + chr(39) + 's system'} writes month first, {fix}; otherwise ask the sender to check these dates."))
        else:
            set_aside |= only_mf & in_authority
            warnings.append(f"{authority}: {len(group):,} row{'s' if len(group) != 1 else ''} ha{'ve' if len(group) != 1 else 's'} dates that only "
                            f"make sense month-first (e.g. {example}) while its other dates are day-first; "
                            f"{'they were' if len(group) != 1 else 'it was'} set aside. Ask the sender to check "
                            f"{_rows_listed(rows[group.index], where)}.")
    return problems, set_aside, warnings


# --- Rows ---------------------------------------------------------------------------------------------


def case_id_key(case_ids: pd.Series) -> pd.Series:
    """Case ids as matched within and across sources: lower case, '&' as 'and', without spaces or
    punctuation (`value_key`, worked out once per distinct id); an id of punctuation only keeps its text."""
    codes, uniques = pd.factorize(case_ids.astype(str))
    uniques = np.asarray(uniques, dtype=object)
    found = plain_text_cells(uniques) if len(uniques) > MANY_DISTINCT else None
    if found is not None:  # a million ids: pyarrow's kernels, Python only for the few not plain ASCII
        cells, odd = found
        lowered = pc.replace_substring(pc.utf8_lower(cells), "&", "and")
        keys = pc.replace_substring_regex(lowered, "[^0-9a-z]+", "").to_numpy(zero_copy_only=False).astype(object)
        keys[odd] = [value_key(uniques[i]) for i in odd]
        empty = keys == ""
        keys[empty] = uniques[empty]
    else:
        keys = np.array([value_key(u) or str(u) for u in uniques], dtype=object)
    return pd.Series(keys[codes] if len(uniques) else np.array([], dtype=object), index=case_ids.index, dtype=object)


@dataclass
class _Parsed:
    """The extract's columns parsed to their canonical types, before bad rows are set aside."""

    case_id: pd.Series
    issue: pd.Series
    disposal: pd.Series
    counts: dict[str, pd.Series]
    blank: dict[str, pd.Series]
    date_expected: str
    implausible: dict[str, pd.Series]  # per date column: why a date cannot be right ('' when it can)
    key: pd.Series  # the case ids as matched (`case_id_key`, `_Cells.case_keys`): 'AB24C1' and 'ab24 c1' are one case

    @functools.cached_property
    def repeats(self) -> pd.Series:
        """Rows whose case id an earlier row has, matched as `case_id_key` matches them (one hashing pass
        over a million ids, so worked out once)."""
        return self.key.duplicated(keep="first") & (self.case_id != "")


def _parse_columns(cells: _Cells, authorities: pd.Series, date_format: str | None,
                   date_formats: Mapping[str, str], today: date | None = None) -> _Parsed:
    frame = cells.frame
    case_id = cells.text("case_id")
    blank = {name: cells.blank(name) if name in frame else pd.Series(True, index=frame.index)
             for name in ("issue_date", "disposal_date", *COUNT_COLUMNS)}
    counts = {}
    for name in COUNT_COLUMNS:
        if name not in frame:
            counts[name] = pd.Series(np.nan, index=frame.index)
        elif _is_typed(frame[name]):
            counts[name] = frame[name].astype(float)
        else:
            counts[name] = _by_unique(cells.text(name), lambda u: pd.to_numeric(u.where(u != ""), errors="coerce"), missing=np.nan).astype(float)
    dates = {}
    for column in ("issue_date", "disposal_date"):
        if column not in frame:
            dates[column] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
            continue
        values = cells.emptied(column)
        parsed = parse_date_column(values, date_format)
        for authority, fmt in date_formats.items():
            rows = authorities == authority
            if rows.any():
                parsed[rows] = parse_date_column(values[rows], fmt)
        dates[column] = parsed
    # Implausible dates (SPEC.md "Inputs") are set aside with their reason, not as unreadable.
    implausible = {column: implausible_dates(parsed, today) for column, parsed in dates.items()}
    dates = {column: parsed.where(implausible[column] == "") for column, parsed in dates.items()}
    formats = ", ".join(sorted({date_format or "day first", *date_formats.values()}))
    expected = date_expected(date_format)
    if date_formats:
        expected += f" (or {formats} for some authorities)"
    return _Parsed(case_id, dates["issue_date"], dates["disposal_date"], counts, blank, expected, implausible, cells.case_keys)


def _bad_row_masks(p: _Parsed, per_child: bool) -> list[tuple[pd.Series, str, str]]:
    """(rows that break a rule, the column, what is wrong) for every rule of SPEC.md's data extract."""
    bad = [
        (p.case_id == "", "case_id", "the case id is empty"),
        (p.issue.isna() & p.blank["issue_date"], "issue_date", "the issue date is empty"),
        *date_rules(p.issue, p.blank["issue_date"], p.implausible["issue_date"], "issue_date", "issue date", p.date_expected),
        *date_rules(p.disposal, p.blank["disposal_date"], p.implausible["disposal_date"], "disposal_date", "disposal date",
                    p.date_expected),
        (p.disposal.notna() & p.issue.notna() & (p.disposal < p.issue), "disposal_date", "the disposal date is before the issue date"),
    ]
    for name, number in p.counts.items():
        said = column_words(name)  # "the number of children is negative", as the appendix shows it
        bad += [
            (number.isna() & ~p.blank[name], name, f"the {said} is not written as a number"),
            (number < 0, name, f"the {said} is negative"),
            (number.notna() & (number % 1 != 0), name, f"the {said} is not a whole number"),
            (number > MAX_COUNTS[name], name, f"the {said} is more than {MAX_COUNTS[name]}, too many for one case"),
        ]
    if not per_child:
        bad.append((p.repeats, "case_id", _REPEATED))
    return bad


def _row_problems(frame: pd.DataFrame, p: _Parsed, rows: pd.Series, where: str, bad: list) -> tuple[list[dict], pd.Series]:
    """One data-quality entry per rule a row breaks (sorted by row), and which rows are set aside."""
    duplicate = next((mask for mask, _, message in bad if message == _REPEATED), pd.Series(False, index=frame.index))
    repeated = p.key[p.key.isin(p.key[duplicate])] if duplicate.any() else p.key.iloc[:0]
    first_row_of = pd.Series(rows[repeated.index].values, index=repeated.values).groupby(level=0).first()
    problems = []
    rejected = np.zeros(len(frame), dtype=bool)
    for mask, column, message in bad:
        hit = mask.fillna(False).to_numpy(dtype=bool)
        if not hit.any():  # most rules, in most extracts
            continue
        rejected |= hit
        for idx in frame.index[hit]:
            said = f"the case id repeats {where} {first_row_of[p.key[idx]]}" if message == _REPEATED else message
            value = frame[column][idx] if column in frame else None
            problems.append({"row": int(rows[idx]), "case_id": p.case_id[idx], "column": column,
                             "value": None if value is None or pd.isna(value) else clean_text(str(value)), "message": said,
                             "reason": message})
    return problems, pd.Series(rejected, index=frame.index)


def _misread_problem(shown: str, frame: pd.DataFrame, rejected: pd.Series, problems: list[dict], date_format: str | None,
                     kind_hint: str = "") -> Problem:
    """One problem saying most rows failed, with the commonest reasons and a likely fix (what the
    file seems to hold, when its case ids repeat)."""
    reasons = pd.Series([p.get("reason") or p["message"] for p in problems]).value_counts().head(3)
    listed = "; ".join(f"{reason} ({count:,} rows)" for reason, count in reasons.items())
    hint = kind_hint[:1].upper() + kind_hint[1:] if kind_hint else ""
    if any("date" in r for r in reasons.index):
        hint += (" " if hint else "") + "Check the date format: set inputs.date_format in the terms of reference to match the file (e.g. \"%d/%m/%Y\")."
    return Problem(shown, "", "", f"{int(rejected.sum()):,} of {len(frame):,} rows could not be used, so the file was probably misread: {listed}.", hint)


# --- What the rows are -----------------------------------------------------------------------------------

# Words for a hearing in court systems' listings (CMH, IRH, final hearing, ...), compared by value_key.
HEARING_WORDS = frozenset(value_key(w) for w in (
    "CMH", "FCMH", "IRH", "FH", "ICO", "final", "final hearing", "case management hearing",
    "further case management hearing", "issues resolution hearing", "interim hearing", "directions", "hearing"))
# Rows repeating an earlier row's case id, as a share of all rows, from which the file is taken to
# hold several rows per case (not a few exported twice).
MANY_REPEATS_SHARE = 0.2
HINT_SAMPLE_ROWS = 5_000
_TOTAL = re.compile(r"(grand\s*|sub\s*-?\s*)?totals?\b.*", re.IGNORECASE)


def _without_total_rows(frame: pd.DataFrame, raw: pd.DataFrame, header_row: int) -> tuple[pd.DataFrame, list[str]]:
    """The rows without a spreadsheet's total rows (the case id or the first cell says "Total" or
    "Grand total"), and one note naming them: a total is not a case, nor a bad row (issue 20.5)."""
    if frame.empty:
        return frame, []
    def says_total_in(column: pd.Series) -> pd.Series:
        try:  # pyarrow's regex over text cells: a million-row extract in milliseconds (no copy of a text column)
            text = pc.utf8_trim_whitespace(pa.array(column, type=pa.string(), from_pandas=True))
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # dates or numbers among the cells (a spreadsheet)
            values = column.to_numpy(dtype=object)
            text = pa.array([v.strip() if isinstance(v, str) else None for v in values], type=pa.string())
        found = pc.match_substring_regex(text, f"^(?:{_TOTAL.pattern})$", ignore_case=True)
        return pd.Series(found.fill_null(False).to_numpy(zero_copy_only=False), index=column.index, dtype=bool)

    first_cell = raw.loc[frame.index, raw.columns[0]]
    in_first, in_id = says_total_in(first_cell), says_total_in(frame["case_id"])
    says_total = in_first | in_id
    if not says_total.any():
        return frame, []
    at = says_total.idxmax()
    said = clean_text(str(first_cell[at] if in_first[at] else frame["case_id"][at])).strip()
    # Only the word: the rest of the cell may be a case id ("TOTAL REPT0007"), which a pack must not name.
    word = re.match(r"(?:grand\s*|sub\s*-?\s*)?totals?", said, re.IGNORECASE)[0]
    offset = header_row + 1 if header_row else 1
    rows = [str(i + offset) for i in frame.index[says_total.to_numpy()]]
    where = "record" if not header_row else "row"
    note = (f"{where.capitalize()}{'s' if len(rows) != 1 else ''} {', '.join(rows[:MAX_EXAMPLE_ROWS])}"
            f"{f' and {len(rows) - MAX_EXAMPLE_ROWS:,} more' if len(rows) > MAX_EXAMPLE_ROWS else ''} "
            f"{'say' if len(rows) != 1 else 'says'} '{word}'{' (or the like)' if len(rows) != 1 else ''}: read as {'totals' if len(rows) != 1 else 'a total'}, not cases, and left out.")
    return frame[~says_total], [note]


def row_kind_hint(raw: pd.DataFrame, case_id: pd.Series, issue: pd.Series, repeats: pd.Series) -> str:
    """When many rows repeat an earlier row's case id (`repeats`: `_Parsed.repeats`, the repeated-id rule's
    own): what the file seems to hold (one row per hearing, or per child) and the setting that reads it;
    '' otherwise. Only the first HINT_SAMPLE_ROWS rows of `raw` are read."""
    if repeats.sum() < max(2, MANY_REPEATS_SHARE * len(case_id)):
        return ""
    hearing_columns = []
    sample = raw.head(HINT_SAMPLE_ROWS)  # a hint, not a rule: the first rows say enough
    for header in sample.columns:
        text = pd.Series([str(v).strip() for v in sample[header] if isinstance(v, str) or hasattr(v, "year")], dtype=object)
        text = text[text != ""]
        if text.empty:
            continue
        is_word = text.map(value_key).isin(HEARING_WORDS).mean()
        is_number = pd.to_numeric(text, errors="coerce").notna().mean()
        if is_word >= 0.3 or ("hearing" in header_key(header) and is_number < 0.5):
            hearing_columns.append(str(header))
    if hearing_columns:
        return (f"case ids repeat, and each row has a hearing ({', '.join(repr(h) for h in hearing_columns[:3])}), so the file "
                "looks like one row per hearing. If it is, set inputs.rows: hearing in the terms of reference.")
    repeated = case_id.isin(case_id[repeats])
    if issue[repeated].groupby(case_id[repeated]).nunique(dropna=False).max() <= 1:
        return ("case ids repeat, and the rows of a case share its issue date, so the file looks like one row per child. "
                "If it is, set inputs.rows: child in the terms of reference.")
    return ""


# --- Cases --------------------------------------------------------------------------------------------


def _canonical_rows(cells: _Cells, p: _Parsed, authorities: pd.Series, drivers: pd.Series,
                    outcomes: pd.Series, rows: pd.Series) -> pd.DataFrame:
    """Every row in the canonical columns and types the metrics read (before rows are set aside)."""
    frame = cells.frame
    cases = pd.DataFrame({
        "case_id": p.case_id,
        "local_authority": authorities,
        "issue_date": p.issue.astype("datetime64[ns]"),
        "disposal_date": p.disposal.astype("datetime64[ns]"),
        "children": p.counts["children"],
        "hearings": p.counts["hearings"],
        "fcmh": p.counts["fcmh"],
        "outcome": outcomes,
        "delay_drivers": drivers,
        "row": rows,
    })
    if "court" in frame:
        cases["court"] = cells.text("court")
    if "pre_proceedings" in frame:
        flag = cells.text("pre_proceedings").str.lower()
        cases["pre_proceedings"] = flag.map(lambda v: True if v in _YES else False if v in _NO else None)
    if "experts" in frame:
        experts = pd.to_numeric(cells.emptied("experts"), errors="coerce")
        cases["experts"] = experts.where(experts.between(0, MAX_COUNTS["experts"]))
    return cases


def _whole_case_problems(case_id: pd.Series, rejected: pd.Series, rows: pd.Series, where: str) -> list[dict]:
    """With one row per child, a row set aside takes its case's other rows with it: counted without
    them, the case would have fewer children and might look open when it was disposed of (issue 24.20)."""
    has_id = case_id != ""
    spoilt_ids = case_id[rejected & has_id]
    others = has_id & ~rejected & case_id.isin(spoilt_ids)
    if not others.any():
        return []
    set_aside_rows = rows[spoilt_ids.index].groupby(spoilt_ids.to_numpy()).agg(lambda r: ", ".join(str(n) for n in r))
    reason = "another row of the same case was set aside, so the whole case was set aside"
    return [{"row": int(rows[idx]), "case_id": case_id[idx], "column": "case_id", "value": None, "reason": reason,
             "message": f"{where} {set_aside_rows[case_id[idx]]} of the same case {'was' if ',' not in set_aside_rows[case_id[idx]] else 'were'} "
                        "set aside, so the whole case was set aside"}
            for idx in others[others].index]


def _children_to_cases(rows: pd.DataFrame, where: str) -> tuple[pd.DataFrame, list[dict], list[str]]:
    """One case per `case_id` from one row per child: children = rows (or the largest count given);
    the case ends when its last child's proceedings end. Rows of a case that disagree on the issue date
    or the local authority cannot be one case: the case is set aside, every row listed."""
    problems: list[dict] = []
    warnings: list[str] = []
    groups = rows.groupby("case_id", sort=False)
    disagree = (groups["issue_date"].transform("nunique") > 1) | (groups["local_authority"].transform("nunique") > 1)
    for case_id, case_rows in rows[disagree].groupby("case_id", sort=False):
        what = [c for c, label in (("issue_date", "issue date"), ("local_authority", "local authority"))
                if case_rows[c].nunique() > 1]
        words = " and ".join("issue date" if c == "issue_date" else "local authority" for c in what)
        listed = ", ".join(str(r) for r in case_rows["row"])
        for _, row in case_rows.iterrows():
            value = row[what[0]]
            problems.append({"row": int(row["row"]), "case_id": case_id, "column": what[0],
                             "value": f"{value:%d/%m/%Y}" if hasattr(value, "year") else str(value),
                             "message": f"the rows of one case ({where}s {listed}) disagree on the {words}, so the case was set aside",
                             "reason": f"the rows of one case disagree on the {words}, so the case was set aside"})
    kept = rows[~disagree]
    if kept.empty:
        return kept.drop(columns=[], errors="ignore"), problems, warnings
    groups = kept.groupby("case_id", sort=False)
    still_open = groups["disposal_date"].transform(lambda s: s.isna().any())
    mixed_end = groups["disposal_date"].transform(lambda s: s.nunique(dropna=False) > 1)
    if mixed_end.any():
        n = kept.loc[mixed_end, "case_id"].nunique()
        example = ", ".join(str(r) for r in kept.loc[mixed_end & (kept["case_id"] == kept.loc[mixed_end, "case_id"].iloc[0]), "row"])
        warnings.append(f"{n:,} case{'s' if n != 1 else ''} (e.g. {where}s {example}) ha{'ve' if n != 1 else 's'} children whose proceedings end on "
                        "different dates (or are still open); each case is counted as disposed when its last child's proceedings end.")
    agg = {
        "local_authority": "first",
        "issue_date": "first",
        "disposal_date": "max",
        "children": "max",
        "hearings": "max",
        "fcmh": "max",
        "outcome": lambda s: next((v for v in s if v), ""),
        "delay_drivers": lambda s: tuple(dict.fromkeys(d for t in s for d in t)),
        "row": "first",
    }
    for optional in ("court", "pre_proceedings", "experts"):
        if optional in kept:
            agg[optional] = "first" if optional != "experts" else "max"
    cases = groups.agg(agg).reset_index()
    counts = groups.size().to_numpy()
    cases["children"] = np.where(cases["children"].notna(), cases["children"], counts)
    open_case = still_open.groupby(kept["case_id"], sort=False).first().to_numpy()
    cases.loc[open_case, "disposal_date"] = pd.NaT
    return cases, problems, warnings


def load_extract(
    path: Path,
    columns: Mapping[str, str] | None = None,
    date_format: str | None = None,
    sheet: str | None = None,
    strict: bool = False,
    *,
    rows: str = "case",
    values: Mapping[str, Mapping[str, str]] | None = None,
    date_formats: Mapping[str, str] | None = None,
    local_authorities: Sequence[str] = (),
    header_row: int = 1,
    progress: ReadProgress | None = None,
    today: date | None = None,
    required: Sequence[str] | None = None,
    ignore_headers: Sequence[str] = (),
    table: Table | None = None,
) -> Extract:
    """The extract's valid cases as the canonical DataFrame, and a report of the rows set aside.

    `rows="child"` reads one row per child (rows sharing `case_id` are one case); `values` maps the
    file's words to lfjb's ids; `date_formats` gives some authorities' rows their own date format;
    `local_authorities` (the board's own) is used to warn about rows from elsewhere; a date after
    `today` (default: the day lfjb runs) cannot be right. `required`
    narrows the required columns, for a later source of several (lfjb.inputs.sources) that may give
    only a case id and a few columns: a required column it lacks is then listed in `missing_columns`.
    `ignore_headers` are columns another reader owns (a hearing list's "Outcome" is the hearing's, not
    the case's), left out before the case columns are matched. `table` is the file as already read
    (a hearing list or child-level source is read once for its cases and its hearings or children).
    """
    shown = display_path(path)
    per_child = rows == "child"
    usual = tuple(c for c in REQUIRED_COLUMNS if not (per_child and c == "children"))
    required = usual if required is None else tuple(required)
    if table is None:
        table = read_table_with_notes(path, shown, dtype=str, sheet=sheet, header_row=header_row, progress=progress)
    raw = table.frame.drop(columns=[h for h in table.frame.columns if h in set(ignore_headers)])
    try:
        frame, missing = _canonical_columns(raw, columns or {}, required, shown)
    except InputError as exc:
        # Where the headers seem to be says why every column is missing: first, before the columns (issue 20.5).
        raise InputError(layout_hints(path, shown, raw, columns or {}, sheet, header_row) + exc.problems) from None
    frame = without_blank_rows(frame)
    frame, total_notes = _without_total_rows(frame, raw, header_row if path.suffix.lower() != ".parquet" else 0)
    missing += tuple(c for c in usual if c not in frame)
    # Rows as the user sees them: the header is row `header_row` of a spreadsheet (1 unless a title
    # sits above it); a Parquet file has records. Blank lines were dropped after reading, so the index
    # still counts them.
    is_parquet = path.suffix.lower() == ".parquet"
    row_numbers = pd.Series(frame.index.to_numpy() + (1 if is_parquet else header_row + 1), index=frame.index)
    where = "record" if is_parquet else "row"

    if is_parquet and (unusable := _unusable_columns(frame, shown)):  # CSV and XLSX cells are text or dates
        raise InputError(unusable)
    maps = value_maps(values)
    cells = _Cells(frame)
    la_text = cells.text("local_authority") if "local_authority" in frame else pd.Series("", index=frame.index, dtype=object)
    authorities = _resolve_authorities(la_text, maps["local_authority"], local_authorities,
                                       *((cells.case_keys, cells.case_shapes) if "case_id" in frame else ()))
    own_formats = {authorities.name_of(k): v for k, v in (date_formats or {}).items()}
    parsed = _parse_columns(cells, authorities.names, date_format, own_formats, today)
    structural, unused_formats = _unused_date_formats(date_formats or {}, authorities, local_authorities, shown)
    drivers = pd.Series([()] * len(frame), index=frame.index, dtype=object)
    if "delay_drivers" in frame:
        drivers, found = _parse_drivers(frame["delay_drivers"], row_numbers, maps["delay_drivers"], shown, where)
        structural += found
    outcomes = pd.Series("", index=frame.index, dtype=object)
    if "outcome" in frame:
        outcomes, found = _parse_outcomes(cells.text("outcome"), row_numbers, maps["outcome"], shown, where)
        structural += found
    structural += shared_service_problems(la_text, maps["local_authority"], local_authorities, shown,
                                          lambda mask: _rows_listed(row_numbers[mask], where))
    warnings = table.warnings + total_notes + authorities.warnings + unused_formats
    month_first_rows = pd.Series(False, index=frame.index)
    if not date_format:
        uses_default = ~authorities.names.isin(list(own_formats))
        found, month_first_rows, said = _month_first_problems(cells, authorities.names, uses_default, row_numbers, shown, where)
        structural += found
        warnings += said
    if structural:
        raise InputError(structural)

    bad = [rule for rule in _bad_row_masks(parsed, per_child) if rule[1] in frame]  # only the columns it has
    problems, rejected = _row_problems(frame, parsed, row_numbers, where, bad)
    # A date that only makes sense month-first in an authority that writes day-first is unreadable
    # day-first; say why rather than only "not a date".
    month_first_numbers = set(row_numbers[month_first_rows])
    for problem in problems:
        if problem["row"] in month_first_numbers and problem["column"] in ("issue_date", "disposal_date") and "is not" in problem["message"]:
            problem["message"] += " (it only makes sense month-first, unlike the rest of this authority's dates)"
    rejected |= month_first_rows
    if per_child:
        whole_case = _whole_case_problems(parsed.case_id, rejected, row_numbers, where)
        problems += whole_case
        rejected |= row_numbers.isin([p["row"] for p in whole_case])
    if strict and problems:
        problems.sort(key=lambda item: item["row"])
        raise InputError([Problem(shown, f"{where} {p['row']}", p["column"], p["message"] + ".") for p in problems])
    kind_hint = "" if per_child else row_kind_hint(raw.loc[frame.index[:HINT_SAMPLE_ROWS]], parsed.case_id, parsed.issue, parsed.repeats)
    if len(frame) >= MIN_ROWS_FOR_MISREAD and rejected.sum() > MAX_REJECTED_SHARE * len(frame):
        raise InputError([_misread_problem(shown, frame, rejected, problems, date_format, kind_hint)])
    if kind_hint:
        warnings.append(f"Many rows repeat an earlier row's case id and were set aside: {kind_hint}")

    every_row = _canonical_rows(cells, parsed, authorities.names, drivers, outcomes, row_numbers)
    cases = every_row[~rejected]
    if per_child:
        cases, case_problems, case_warnings = _children_to_cases(cases, where)
        problems += case_problems
        warnings += case_warnings
        if strict and case_problems:
            raise InputError([Problem(shown, f"{where} {p['row']}", p["column"], p["message"] + ".") for p in case_problems])
    elif "children" in frame:
        missing_children = cases["children"].isna()
        if missing_children.any():
            n = int(missing_children.sum())
            warnings.append(f"{n:,} case{'s' if n != 1 else ''} ha{'ve' if n != 1 else 's'} no number of children; "
                            f"{'they are' if n != 1 else 'it is'} counted in every figure except children in applications issued.")
    problems.sort(key=lambda item: item["row"])
    cases = cases.reset_index(drop=True)
    cases["children"] = cases["children"].astype("Int64")
    return Extract(path=path, cases=cases, data_quality=DataQuality(rows_read=len(frame), problems=problems, warnings=warnings, file=shown,
                                                                   case_ids=frozenset(parsed.key[parsed.key != ""]),
                                                                   case_id_shapes=cells.case_shapes),
                   missing_columns=missing)
