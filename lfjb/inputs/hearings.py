"""One row per hearing (`rows: hearing`, issue 21): a hearing list read into dated hearings, and each
case's hearing counts as at any date.

A hearing list carries the case id (and often the case's own fields, read by the extract reader) plus
`hearing_date`, `hearing_type` and optionally `hearing_outcome`. Types are lfjb's ids `cmh`, `fcmh`,
`irh`, `final` and `other` (the list's own words mapped under `inputs.values.hearing_type`; anything
unknown is `other`). A hearing whose outcome is vacated, adjourned or cancelled is listed but was not
held: it is never counted (`inputs.values.hearing_outcome` maps other words). A held hearing dated after
the day lfjb runs has not happened yet and is not counted either.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from lfjb.inputs.board import HEARING_TYPES, Source
from lfjb.inputs.dates import date_expected, date_rules, implausible_dates, parse_date_column
from lfjb.inputs.errors import InputError, Problem, display_path
from lfjb.inputs.extract import case_id_key, header_key, missing_column_hint
from lfjb.inputs.tables import Table, read_table_with_notes, without_blank_rows
from lfjb.inputs.text import cell_text, clean_text
from lfjb.inputs.values import value_key
from lfjb.vocab import column_words

# Default words for each hearing type (issue 21), matched ignoring case, spaces and punctuation.
TYPE_WORDS = {
    "cmh": ("cmh", "case management hearing", "first cmh", "first case management hearing"),
    "fcmh": ("fcmh", "further cmh", "further case management hearing"),
    "irh": ("irh", "issues resolution hearing", "issue resolution hearing"),
    "final": ("final", "final hearing", "fh"),
}
# Outcomes of a hearing that did not take place; a word starting with one of these stems counts too
# ("Vacated by consent", "Adjourned - no judge"), unless denied ("Not vacated").
NOT_HELD_STEMS = {"vacat": "vacated", "adjourn": "adjourned", "cancel": "cancelled"}
NEGATIONS = {"not", "no", "never", "un"}
_TYPE_KEYS = {value_key(word): kind for kind, words in TYPE_WORDS.items() for word in words}
HEARING_LIST_COLUMNS = ("case_id", "hearing_date", "hearing_type", "hearing_outcome")
_REQUIRED = ("case_id", "hearing_date", "hearing_type")
# Where a hearing list's own headers are mapped, for the missing-column hint: the source's entry in the terms
# of reference's list of extract files.
HEARING_COLUMNS_UNDER = "the hearing list's columns (inputs.extract)"


def _each_word(words: pd.Series, meaning) -> pd.Series:
    """`meaning` of each cell, worked out once per distinct word (a hearing list repeats a few words)."""
    return words.map({w: meaning(w) for w in words.unique()})


def hearing_type(word: str, own: Mapping[str, str]) -> str:
    """The hearing type id for a list's word: the board's own words first, then the defaults, else `other`."""
    key = value_key(word)
    own_keys = {value_key(k): v for k, v in own.items()}
    return own_keys.get(key) or _TYPE_KEYS.get(key) or "other"


def hearing_outcome(word: str, own: Mapping[str, str]) -> str:
    """`held`, or why the hearing did not take place (`vacated`, `adjourned`, `cancelled`)."""
    key = value_key(word)
    own_keys = {value_key(k): v for k, v in own.items()}
    if key in own_keys:
        return own_keys[key]
    # Whole words ("Vacated by consent"), not a stem inside another word, nor one denied ("not vacated").
    words = re.findall(r"[a-z]+", str(word).lower())
    return next((outcome for i, w in enumerate(words) for stem, outcome in NOT_HELD_STEMS.items()
                 if w.startswith(stem) and (i == 0 or words[i - 1] not in NEGATIONS)), "held")


@dataclass
class HearingList:
    """The hearings read from one hearing list: one row per hearing with its case id as written,
    `hearing_date` (datetime64), `hearing_type` (an id), `held` and the file's `row`; the rows set aside."""

    path: Path
    hearings: pd.DataFrame
    problems: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was read and how (a hearing listed twice), for the warnings
    # The file's headers of the hearing's own columns (hearing_date, hearing_type, hearing_outcome): not
    # the case's, even where one reads like a case column ("Outcome").
    headers: dict[str, object] = field(default_factory=dict)
    header_keys: frozenset[str] = frozenset()  # every header of the file, as matched (header_key)


def _columns(raw: pd.DataFrame, mapping: Mapping[str, str], shown: str, header_row: int) -> dict[str, object]:
    headers = {header_key(h): h for h in reversed(list(raw.columns))}  # the first of two alike wins
    picked, absent = {}, []
    for canonical in HEARING_LIST_COLUMNS:
        wanted = mapping.get(canonical, canonical)
        found = next((h for h in raw.columns if str(h).strip() == wanted.strip()), headers.get(header_key(wanted)))
        if found is not None:
            picked[canonical] = found
        elif canonical in _REQUIRED or canonical in mapping:
            absent.append((canonical, wanted))
    used = set(picked.values())
    unused = [str(h) for h in raw.columns if h not in used and not str(h).startswith("Unnamed:")]
    problems = []
    for n, (canonical, wanted) in enumerate(absent):  # as the extract says them (one home: missing_column_hint)
        how = f"(mapped in the source's columns to '{wanted}') " if canonical in mapping else ""
        needed = "required column" if canonical in _REQUIRED else "column"
        problems.append(Problem(shown, f"row {header_row}", canonical, f"{needed} {how}of the hearing list is missing.",
                                missing_column_hint(canonical, wanted, unused, HEARING_COLUMNS_UNDER,
                                                    first=n == 0, mapped=canonical in mapping)))
    if problems:
        raise InputError(problems)
    return picked


def read_hearing_list(path: Path, source: Source, today: date | None = None, *, table: Table | None = None) -> HearingList:
    """Every hearing in a hearing list, typed and dated; rows without a readable hearing date are set
    aside and listed. InputError when the file or a hearing column is missing. `table`: the file as
    already read (lfjb.inputs.sources reads it once for its cases too)."""
    shown = display_path(path)
    if table is None:
        table = read_table_with_notes(path, shown, dtype=str, sheet=source.sheet, header_row=source.header_row)
    raw = without_blank_rows(table.frame)
    picked = _columns(raw, source.columns, shown, source.header_row)
    rows = pd.Series(raw.index.to_numpy() + source.header_row + 1, index=raw.index)
    case_id = cell_text(raw[picked["case_id"]])
    date_text = raw[picked["hearing_date"]]
    when = parse_date_column(date_text, source.date_format)  # each distinct date read once
    blank_date = cell_text(date_text) == ""
    kind = _each_word(cell_text(raw[picked["hearing_type"]]), lambda w: hearing_type(w, source.values.hearing_type))
    outcome = (_each_word(cell_text(raw[picked["hearing_outcome"]]), lambda w: hearing_outcome(w, source.values.hearing_outcome))
               if "hearing_outcome" in picked else pd.Series("held", index=raw.index))
    held = outcome == "held"
    # The hearing set aside is not counted: its case's counts are short of it, and the pack says why. A date that
    # cannot be right (1900-01-01, a system's empty date) is set aside as the extract's are; one after today can
    # be: it is listed, not yet held (below).
    short = "; this hearing is not counted, so its case may show fewer hearings than it had"
    why = implausible_dates(when, today, listed_ahead=True)
    rules = [(mask, message + short) for mask, _, message in
             date_rules(when, blank_date, why, "hearing_date", column_words("hearing_date"), date_expected(source.date_format))]
    when = when.where(why == "")
    # A hearing that did not take place may have no date; a held one must have one.
    rules.append((blank_date & held, f"the hearing date is empty{short}"))
    problems = []
    bad = pd.Series(False, index=raw.index)
    for mask, message in rules:
        for idx in raw.index[mask & ~bad & (case_id != "")]:
            value = date_text[idx]
            problems.append({"file": shown, "row": int(rows[idx]), "case_id": case_id[idx], "column": "hearing_date",
                             "value": None if value is None or pd.isna(value) else clean_text(str(value)), "message": message})
        bad |= mask
    keep = ~bad & (case_id != "")  # a row with no case id is reported by the extract reader
    # The same hearing listed twice (one case, as case ids match, on one date, of one type and outcome)
    # is one hearing: two CMH rows are not a CMH and a further CMH.
    same = pd.DataFrame({"case": case_id_key(case_id), "when": when, "kind": kind, "outcome": outcome})[keep & when.notna()]
    repeats = same.duplicated(keep="first")
    notes = []
    if repeats.any():
        listed = [int(r) for r in rows[same.index[repeats]]]
        n = len(listed)
        notes.append(f"{n:,} hearing{'s are' if n != 1 else ' is'} listed twice (the same case, date, type and outcome as an "
                     f"earlier row; row{'s' if n != 1 else ''} {', '.join(map(str, listed[:10]))}"
                     f"{f' and {n - 10:,} more' if n > 10 else ''}): each counted once.")
        keep &= ~pd.Series(repeats, index=same.index).reindex(raw.index, fill_value=False)
    hearings = pd.DataFrame({
        "case_id": case_id[keep], "hearing_date": when[keep], "hearing_type": kind[keep], "outcome": outcome[keep],
        "held": held[keep] & (when[keep] <= pd.Timestamp(today or date.today())), "row": rows[keep],
    }).reset_index(drop=True)
    problems.sort(key=lambda p: p["row"])
    return HearingList(path=path, hearings=hearings, problems=problems, notes=notes,
                       headers={k: v for k, v in picked.items() if k != "case_id"},
                       header_keys=frozenset(header_key(h) for h in raw.columns))


def hearing_counts(hearings: pd.DataFrame, at: date | None = None) -> pd.DataFrame:
    """Per case id: `hearings` (held hearings) and `fcmh` (further CMHs) held on or before `at`
    (every held hearing without `at`). A case management hearing held after the case's first one is a
    further CMH, as lists that call every CMH "CMH" mean it."""
    held = hearings[hearings["held"]]
    if at is not None:
        held = held[held["hearing_date"] <= pd.Timestamp(at)]
    cmh = (held["hearing_type"] == "cmh").groupby(held["case_id"]).sum()
    fcmh = (held["hearing_type"] == "fcmh").groupby(held["case_id"]).sum()
    counts = pd.DataFrame({"hearings": held.groupby("case_id").size(), "fcmh": fcmh + np.maximum(cmh - 1, 0)})
    return counts.astype(float)


def cases_as_at(extract, at: date) -> pd.DataFrame:
    """The extract's cases with `hearings` and `fcmh` counted as at `at` where hearing dates give them
    (SPEC.md: with hearing dates, counts as at any date); the cases unchanged without a hearing list."""
    hearings = getattr(extract, "hearing_list", None)
    cases = extract.cases
    if hearings is None:
        return cases
    dated = cases["hearings_dated"].to_numpy(dtype=bool) if "hearings_dated" in cases else np.ones(len(cases), dtype=bool)
    counts = hearing_counts(hearings, at).reindex(cases["case_id"]).fillna(0.0)
    out = cases.copy()
    for column in ("hearings", "fcmh"):
        out[column] = np.where(dated, counts[column].to_numpy(), cases[column].to_numpy(dtype=float))
    return out


def hearing_list(extract) -> pd.DataFrame | None:
    """The extract's hearings (one row per hearing, the spine's case ids), or None without a hearing list."""
    return getattr(extract, "hearing_list", None)


def has_hearing_dates(extract) -> bool:
    """True when the extract's hearing counts can be taken as at any date (it has a hearing list)."""
    return getattr(extract, "hearing_list", None) is not None


__all__ = ["HEARING_TYPES", "HearingList", "cases_as_at", "has_hearing_dates", "hearing_counts", "hearing_list", "hearing_outcome",
           "hearing_type", "read_hearing_list"]
