"""The pre-proceedings log (`inputs.pre_proceedings`): one row per family in the PLO pre-proceedings
process, with the date of the letter before proceedings and how and when the process ended.

Columns (canonical; the log's own headers are mapped under `inputs.pre_proceedings.columns`):
`family_id`, `local_authority`, `plo_letter_date`, `end_date` (empty while the family is still in
pre-proceedings) and `end_reason` (`diverted`, `issued` or `other`; the log's own words are mapped
under `inputs.pre_proceedings.values.end_reason`).

As for the extract: a missing column or a word that maps to no end reason is an error naming the file
and the rows; a bad *row* (no family id, an unreadable date, an end before the letter, an end without
a reason or a reason without an end, the same family and letter date twice) is set aside and listed;
`strict=True` makes those errors too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from lfjb.inputs.board import END_REASONS, PRE_PROCEEDINGS_COLUMNS, PRE_PROCEEDINGS_OPTIONAL, PreProceedingsLog
from lfjb.inputs.dates import date_expected, date_rules, implausible_dates, parse_date_column
from lfjb.inputs.errors import InputError, Problem, display_path
from lfjb.inputs.extract import DataQuality, _resolve_authorities, header_key, missing_column_hint
from lfjb.inputs.tables import read_table_with_notes, without_blank_rows
from lfjb.inputs.text import cell_text, clean_text
from lfjb.inputs.values import closest, mapping_advice, value_key, value_maps

# Words logs use for the end of pre-proceedings, beyond the ids themselves.
END_REASON_WORDS = {
    "diverted": "diverted", "diversion": "diverted", "stepped down": "diverted", "step down": "diverted",
    "closed diverted": "diverted", "no proceedings": "diverted", "de escalated": "diverted",
    "issued": "issued", "proceedings issued": "issued", "escalated": "issued", "care proceedings": "issued",
    "issue": "issued", "court": "issued",
    "other": "other", "moved away": "other", "closed other": "other",
}
MAX_LISTED = 20


@dataclass
class PreProceedingsData(DataQuality):
    """The log's valid rows (canonical columns, dates as datetime64) and, as for the extract, what was
    read and set aside (rows_read, problems, warnings)."""

    path: Path = Path()
    families: pd.DataFrame = field(default_factory=pd.DataFrame)

    def data_quality(self) -> dict:
        return {**self.to_dict(), "file": display_path(self.path)}


def _columns(raw: pd.DataFrame, mapping: Mapping[str, str], shown: str) -> pd.DataFrame:
    """The log's columns under canonical names; InputError naming every missing one."""
    by_key = {}
    for header in raw.columns:
        by_key.setdefault(header_key(header), header)
    picked, problems, missing, used = {}, [], [], set()
    for canonical in PRE_PROCEEDINGS_COLUMNS:
        source = mapping.get(canonical, canonical)
        found = by_key.get(header_key(source))
        if found is None:
            how = f"(mapped in inputs.pre_proceedings.columns to '{source}') " if canonical in mapping else ""
            missing.append((canonical, source, how))
        else:
            picked[canonical] = raw[found]
            used.add(found)
    unused = [str(h) for h in raw.columns if h not in used and not str(h).startswith("Unnamed:")]
    for n, (canonical, source, how) in enumerate(missing):  # as the extract says them (one home: missing_column_hint)
        problems.append(Problem(shown, "row 1", canonical, f"required column {how}is missing.",
                                missing_column_hint(canonical, source, unused, "inputs.pre_proceedings.columns",
                                                    first=n == 0, mapped=canonical in mapping)))
    if problems:
        raise InputError(problems)
    for optional in PRE_PROCEEDINGS_OPTIONAL:  # the court's case id of a family that reached court (issue 21)
        if (found := by_key.get(header_key(mapping.get(optional, optional)))) is not None:
            picked[optional] = raw[found]
    return pd.DataFrame(picked, index=raw.index)


def _end_reasons(text: pd.Series, own: Mapping[str, str], rows: pd.Series, shown: str) -> tuple[pd.Series, list[Problem]]:
    """End reason ids ('' when empty); a word that maps to none is an error naming its rows."""
    table = {value_key(w): i for w, i in END_REASON_WORDS.items()} | {value_key(w): i for w, i in own.items()}
    ids = text.map(lambda w: "" if w == "" else table.get(value_key(w)))
    problems = []
    unknown = text[ids.isna()]
    for _, group in unknown.groupby(unknown.map(value_key), sort=False):
        word = group.iloc[0]
        listed = ", ".join(str(r) for r in rows[group.index].head(MAX_LISTED))
        more = f" and {len(group) - MAX_LISTED:,} more" if len(group) > MAX_LISTED else ""
        match = closest(word, {i: i for i in END_REASONS} | END_REASON_WORDS | dict(own))
        problems.append(Problem(
            shown, f"row{'s' if len(group) != 1 else ''} {listed}{more}", "end_reason",
            f"'{word}' is not an end reason lfjb knows.",
            mapping_advice(word, "end_reason", match, END_REASONS, under="inputs.pre_proceedings.values")))
    return ids.fillna(""), problems


def _dates(column: pd.Series, date_format: str | None) -> pd.Series:
    return parse_date_column(column.where(cell_text(column) != "", None) if not pd.api.types.is_datetime64_any_dtype(column) else column,
                             date_format)


def load_pre_proceedings(path: Path, settings: PreProceedingsLog, local_authorities: Sequence[str] = (),
                         strict: bool = False, today: date | None = None) -> PreProceedingsData:
    """The log's valid families as a DataFrame (`family_id`, `local_authority`, `plo_letter_date`,
    `end_date`, `end_reason`, `row`), and the rows set aside; InputError for broken structure."""
    shown = display_path(path)
    table = read_table_with_notes(path, shown, dtype=str, sheet=settings.sheet, header_row=settings.header_row)
    frame = without_blank_rows(_columns(table.frame, settings.columns, shown))
    is_parquet = path.suffix.lower() == ".parquet"
    rows = pd.Series(frame.index.to_numpy() + (1 if is_parquet else settings.header_row + 1), index=frame.index)
    where = "record" if is_parquet else "row"

    family = cell_text(frame["family_id"])
    la_text = cell_text(frame["local_authority"])
    maps = value_maps({"local_authority": settings.values.local_authority})
    authorities = _resolve_authorities(la_text, maps["local_authority"], local_authorities)
    reasons, structural = _end_reasons(cell_text(frame["end_reason"]), settings.values.end_reason, rows, shown)
    if structural:
        raise InputError(structural)
    letter = _dates(frame["plo_letter_date"], settings.date_format)
    end = _dates(frame["end_date"], settings.date_format)
    # One plausible-date rule with the extract (lfjb.inputs.dates): set aside with the reason.
    letter_why, end_why = implausible_dates(letter, today), implausible_dates(end, today)
    letter, end = letter.where(letter_why == ""), end.where(end_why == "")
    letter_blank = cell_text(frame["plo_letter_date"]) == ""
    end_blank = cell_text(frame["end_date"]) == ""
    expected = date_expected(settings.date_format)
    repeated = family.ne("") & letter.notna() & pd.DataFrame({"f": family, "d": letter}).duplicated(keep="first")
    bad = [
        (family == "", "family_id", "the family id is empty"),
        (letter_blank, "plo_letter_date", "the date of the letter before proceedings is empty"),
        *date_rules(letter, letter_blank, letter_why, "plo_letter_date", "letter date", expected),
        *date_rules(end, end_blank, end_why, "end_date", "end date", expected),
        (end.notna() & letter.notna() & (end < letter), "end_date", "the end date is before the letter date"),
        (end.notna() & (reasons == ""), "end_reason", "the family left pre-proceedings but the end reason is empty"),
        (end_blank & (reasons != ""), "end_date", "an end reason is given but the end date is empty"),
        (repeated, "family_id", "the same family and letter date repeat an earlier row"),
    ]
    problems, rejected = [], pd.Series(False, index=frame.index)
    for mask, column, message in bad:
        rejected |= mask
        for idx in mask[mask].index:
            value = frame[column][idx]
            problems.append({"row": int(rows[idx]), "family_id": family[idx], "column": column,
                             "value": None if value is None or pd.isna(value) else clean_text(str(value)), "message": message})
    problems.sort(key=lambda p: p["row"])
    if strict and problems:
        raise InputError([Problem(shown, f"{where} {p['row']}", p["column"], p["message"] + ".") for p in problems])
    families = pd.DataFrame({
        "family_id": family, "local_authority": authorities.names, "plo_letter_date": letter.astype("datetime64[ns]"),
        "end_date": end.astype("datetime64[ns]"), "end_reason": reasons, "row": rows,
    })[~rejected].reset_index(drop=True)
    if "case_id" in frame:
        families["case_id"] = cell_text(frame["case_id"])[~rejected].to_numpy()
    return PreProceedingsData(path=path, families=families, rows_read=len(frame), problems=problems,
                              warnings=table.warnings + authorities.warnings, file=shown)
