"""Several sources, one dataset (issue 21; SPEC.md "Data extract"): the court's list, each council's
tracker and a hearing list, merged into the one table of cases the metrics read.

The first source is the spine: it decides which cases exist. Each later source adds its columns to the
spine's cases, matched by case id ignoring case, spaces and punctuation ("wv24c50001" is
"WV24C50001"). A case only in a later source is reported, never counted. Where two sources give
different values for one case and column, the earlier source's value stands and the conflict is
counted by column; an empty cell is no value, so a later source fills it. Every source is read by the
extract reader with its own columns, words, sheet, header row and date format; a hearing list
(`rows: hearing`) also gives dated hearings, from which `hearings` and `fcmh` are counted.

What the pack may show of this is counts, files and row numbers (`data_quality.sources`), never a case id.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from lfjb.formatting import plural
from lfjb.inputs.board import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, BoardFile, Source
from lfjb.inputs.errors import InputError, Problem, display_path
from lfjb.inputs.extract import DataQuality, Extract, case_id_key, header_key, load_extract
from lfjb.inputs.hearings import HearingList, hearing_counts, read_hearing_list
from lfjb.inputs.tables import ReadProgress, read_table_with_notes
from lfjb.inputs.values import value_key
from lfjb.vocab import column_words

# The case columns a later source may add (the case id is how it is matched, not a value).
MERGED_COLUMNS = tuple(c for c in REQUIRED_COLUMNS + OPTIONAL_COLUMNS if c != "case_id")
ROWS_LISTED = 20  # rows named per source and column in the pack; the JSON has them all


def case_key(case_ids: pd.Series) -> pd.Series:
    """Case ids as matched across sources: lower case, without spaces or punctuation (the rule the extract's
    own repeated-id check uses, `case_id_key`)."""
    return case_id_key(case_ids)


@dataclass
class SourceReport:
    """What one source gave: rows read, cases matched to the spine, cases only in it (not counted) and
    values that disagree with an earlier source, by column (SPEC.md `data_quality.sources`)."""

    file: str
    rows_kind: str
    rows: int
    matched: int
    only_here: int = 0
    conflicts: dict[str, int] = field(default_factory=dict)
    only_here_rows: list[int] = field(default_factory=list)
    conflict_rows: dict[str, list[int]] = field(default_factory=dict)
    rows_rejected: int = 0
    # Cases whose row the spine set aside (a keying error there): not counted, and not "only here".
    set_aside_in_spine: int = 0
    hearings: int | None = None  # hearings listed, for a hearing list
    is_spine: bool = False

    def notes(self, spine_name: str) -> list[str]:
        """What a chair reads of this later source's cases not in the spine and its disagreements, in the summary's
        headlines: the file's own name, fields in words, no row numbers (those are the appendix's and
        `lfjb validate`'s: `rows_to_check`)."""
        name, notes = Path(self.file).name, []
        if self.only_here:
            n = self.only_here
            notes.append(f"{name}: {plural(n, 'case')} {'are' if n != 1 else 'is'} not in {spine_name}, so "
                         f"{'they are' if n != 1 else 'it is'} not counted (see Data quality).")
        if self.conflicts:
            n = sum(self.conflicts.values())
            notes.append(f"{name} disagrees with an earlier file on {_conflicts_words(self.conflicts)}; the earlier file's "
                         f"{'value is' if n == 1 else 'values are'} used (see Data quality).")
        return notes

    def rows_to_check(self, spine_name: str) -> list[str]:
        """The rows behind `notes`, for the secretariat who fixes them: 'sandwell_tracker.csv, rows 574, 575:
        cases not in court_list.csv'."""
        name, lines = Path(self.file).name, []
        if self.only_here_rows:
            lines.append(f"{name}, {_rows_words(self.only_here_rows)}: case{'s' if len(self.only_here_rows) != 1 else ''} "
                         f"not in {spine_name}, so not counted")
        for column, rows in self.conflict_rows.items():
            lines.append(f"{name}, {_rows_words(rows)}: the {column_words(column)} differs from an earlier file's "
                         "(the earlier file's is used)")
        return lines

    def to_dict(self) -> dict:
        return {"file": self.file, "rows": self.rows, "matched": self.matched, "only_here": self.only_here,
                "conflicts": dict(self.conflicts), "rows_kind": self.rows_kind, "spine": self.is_spine,
                "rows_rejected": self.rows_rejected, "set_aside_in_spine": self.set_aside_in_spine, "hearings": self.hearings,
                "only_here_rows": list(self.only_here_rows), "conflict_rows": {k: list(v) for k, v in self.conflict_rows.items()}}


def _conflicts_words(conflicts: dict[str, int]) -> str:
    """'the disposal date of 1 case', 'the issue date of 2 cases and the number of hearings of 1 case'."""
    said = [f"the {column_words(column)} of {plural(count, 'case')}" for column, count in conflicts.items()]
    return said[0] if len(said) == 1 else f"{', '.join(said[:-1])} and {said[-1]}"


def _rows_words(rows: list[int]) -> str:
    """'row 119', 'rows 574, 575', or the first ROWS_LISTED and how many more."""
    shown = ", ".join(map(str, rows[:ROWS_LISTED])) + (f" and {len(rows) - ROWS_LISTED:,} more" if len(rows) > ROWS_LISTED else "")
    return f"row{'s' if len(rows) != 1 else ''} {shown}"


@dataclass
class SourcesQuality(DataQuality):
    """The extract's data quality over several files: problems carry their `file`, and one row of
    `sources` per file."""

    sources: list[SourceReport] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {**super().to_dict(), "sources": [s.to_dict() for s in self.sources]}

    def rows_rejected_words(self) -> str:
        return rows_rejected_words(self.sources) if self.sources else super().rows_rejected_words()

    def rows_to_check(self) -> list[str]:
        spine_name = Path(self.sources[0].file).name if self.sources else ""
        return [line for s in self.sources[1:] for line in s.rows_to_check(spine_name)]


def rows_rejected_words(sources: list[SourceReport]) -> str:
    """The rows set aside said per file, as the sources table counts rows: '3 of 1,808 rows of court_list.csv;
    none of the 12,372 rows of the 5 other files'. `rows_read` adds every file's rows (a hearing list's
    hearings among them), so '3 of 14,180' alone would not say rows of what."""
    named = [s for s in sources if s.is_spine or s.rows_rejected]
    rest = [s for s in sources if s not in named]
    parts = [f"{s.rows_rejected:,} of {s.rows:,} row{'s' if s.rows != 1 else ''} of {Path(s.file).name}" for s in named]
    if len(rest) == 1:
        parts.append(f"none of the {rest[0].rows:,} row{'s' if rest[0].rows != 1 else ''} of {Path(rest[0].file).name}")
    elif rest:
        parts.append(f"none of the {sum(s.rows for s in rest):,} rows of the {len(rest)} other files")
    return "; ".join(parts)


@dataclass
class Dataset(Extract):
    """The merged extract: the spine's cases with the later sources' columns, and every held or listed
    hearing of a hearing list (`case_id` as the spine writes it), or None without one."""

    hearing_list: pd.DataFrame | None = None
    # One row per child and case (`case_id` as the spine writes it, `child_id`), from child-level
    # sources with a child id; None without (children returning to court need it).
    child_list: pd.DataFrame | None = None
    source_paths: tuple[Path, ...] = ()  # every source's file, the spine first (for the up-to-date check)


@dataclass
class _Read:
    source: Source
    extract: Extract
    hearings: HearingList | None
    has: tuple[str, ...]  # the case columns this source gives
    children: pd.DataFrame | None = None  # (case_id, child_id) of a child-level source with child ids


def _child_rows(raw: pd.DataFrame, source: Source) -> pd.DataFrame | None:
    """(case_id, child_id) of each row of a child-level source (`raw`, its table as read) that has a child id
    column, else None."""
    found = {}
    for column in ("case_id", "child_id"):
        wanted = header_key(source.columns.get(column, column))
        found[column] = next((h for h in raw.columns if header_key(h) == wanted), None)
    if found["child_id"] is None or found["case_id"] is None:
        return None
    text = raw[[found["case_id"], found["child_id"]]].astype("string").fillna("").apply(lambda c: c.str.strip())
    rows = pd.DataFrame({"case_id": text.iloc[:, 0].to_numpy(), "child_id": text.iloc[:, 1].map(value_key).to_numpy()})
    return rows[(rows["case_id"] != "") & (rows["child_id"] != "")].drop_duplicates().reset_index(drop=True)


def _read_source(path: Path, source: Source, is_spine: bool, strict: bool, local_authorities: list[str],
                 progress: ReadProgress | None, today: date | None) -> _Read:
    """One source through the extract reader (a hearing list's case fields read as one case per group
    of rows), and a hearing list's hearings."""
    is_hearing_list = source.rows == "hearing"
    required = None if is_spine else ("case_id",)
    if is_spine and is_hearing_list:
        required = REQUIRED_COLUMNS  # one row per hearing cannot count children: the list must say
    # A hearing list or child-level source is read once, for its cases and for its hearings or children.
    table = (read_table_with_notes(path, display_path(path), dtype=str, sheet=source.sheet, header_row=source.header_row,
                                   progress=progress) if is_hearing_list or source.rows == "child" else None)
    hearings = read_hearing_list(path, source, today, table=table) if is_hearing_list else None
    extract = load_extract(
        path, columns={k: v for k, v in source.columns.items() if k in MERGED_COLUMNS + ("case_id",)},
        date_format=source.date_format, sheet=source.sheet, strict=strict,
        rows="child" if is_hearing_list else source.rows, values=source.values.model_dump(),
        date_formats=source.date_formats, local_authorities=local_authorities, header_row=source.header_row,
        progress=progress, required=required, ignore_headers=list(hearings.headers.values()) if hearings else (),
        table=table,
    )
    has = [c for c in MERGED_COLUMNS if extract.has_column(c)]
    if hearings is not None:
        if strict and hearings.problems:
            raise InputError([Problem(display_path(path), f"row {p['row']}", p["column"], p["message"] + ".")
                              for p in hearings.problems])
        if "children" in has and header_key(source.columns.get("children", "children")) not in hearings.header_keys:
            has.remove("children")  # counted from rows, which are hearings here, not children
        has = [c for c in has if c not in ("hearings", "fcmh")] + ["hearings", "fcmh"]
        by_key = hearings.hearings.assign(case_id=case_key(hearings.hearings["case_id"]))  # 'wv1' and 'WV1' are one case
        counts = hearing_counts(by_key).reindex(case_key(extract.cases["case_id"])).fillna(0.0)
        extract.cases["hearings"] = counts["hearings"].to_numpy()
        extract.cases["fcmh"] = counts["fcmh"].to_numpy()
    children = _child_rows(table.frame, source) if table is not None and source.rows == "child" else None
    return _Read(source, extract, hearings, tuple(has), children)


def _is_missing(values: pd.Series) -> pd.Series:
    """An empty cell: no value to fill from, or to disagree with."""
    def empty(v: object) -> bool:
        if v is None or v is pd.NA or v is pd.NaT:
            return True
        if isinstance(v, float) and np.isnan(v):
            return True
        return isinstance(v, str | tuple) and len(v) == 0 or v == "Not recorded"
    return values.map(empty).astype(bool)


def _same(a: pd.Series, b: pd.Series) -> pd.Series:
    def equal(x: object, y: object) -> bool:
        if isinstance(x, tuple) or isinstance(y, tuple):
            return frozenset(x) == frozenset(y)
        return bool(x == y)
    return pd.Series([equal(x, y) for x, y in zip(a, b)], index=a.index, dtype=bool)


def _merge(merged: pd.DataFrame, read: _Read, report: SourceReport, set_aside: set[str]) -> pd.DataFrame:
    """`merged` with `read`'s values filled in where it had none, conflicts counted into `report`.
    `set_aside` holds the keys of cases whose spine row was set aside."""
    theirs = read.extract.cases.assign(_key=case_key(read.extract.cases["case_id"]))
    in_spine = theirs["_key"].isin(merged["_key"])
    was_set_aside = ~in_spine & theirs["_key"].isin(set_aside)
    report.set_aside_in_spine = int(was_set_aside.sum())
    only = theirs[~in_spine & ~was_set_aside]
    report.only_here = int(len(only))
    report.only_here_rows = sorted(int(r) for r in only["row"])
    theirs = theirs[in_spine].drop_duplicates("_key").set_index("_key")
    report.matched = int(len(theirs))
    at = merged["_key"].isin(theirs.index)
    for column in read.has:
        if column not in merged:
            merged[column] = pd.Series([None] * len(merged), index=merged.index, dtype=object)
        ours = merged.loc[at, column]
        given = pd.Series(theirs.loc[merged.loc[at, "_key"], column].to_numpy(), index=ours.index)
        ours_missing, given_missing = _is_missing(ours), _is_missing(given)
        fill = ours_missing & ~given_missing
        if fill.any():
            if merged[column].dtype != object and given.dtype == object:
                merged[column] = merged[column].astype(object)
            merged.loc[fill[fill].index, column] = given[fill].to_numpy()
        clash = ~ours_missing & ~given_missing & ~_same(ours, given)
        if clash.any():
            report.conflicts[column] = int(clash.sum())
            rows = theirs.loc[merged.loc[clash[clash].index, "_key"], "row"]
            report.conflict_rows[column] = sorted(int(r) for r in rows)
        if column == "hearings" and read.hearings is not None:
            # The hearing list's count stands (filled, or the same as before): it can be counted as at any date.
            stands = fill | (~ours_missing & ~given_missing & _same(ours, given))
            merged.loc[stands[stands].index, "hearings_dated"] = True
    return merged


def _child_list(reads: list[_Read], merged: pd.DataFrame) -> pd.DataFrame | None:
    """Every (case, child) of the child-level sources whose case is in the spine, under the spine's case id."""
    lists = [r.children for r in reads if r.children is not None]
    if not lists:
        return None
    return _under_spine_ids(pd.concat(lists, ignore_index=True), merged).drop_duplicates().reset_index(drop=True)


def _hearing_rows(reads: list[_Read], merged: pd.DataFrame) -> pd.DataFrame | None:
    """Every hearing of the hearing lists whose case is in the spine, under the spine's case id."""
    lists = [r.hearings.hearings.assign(file=display_path(r.hearings.path)) for r in reads if r.hearings is not None]
    if not lists:
        return None
    return _under_spine_ids(pd.concat(lists, ignore_index=True), merged).reset_index(drop=True)


def _under_spine_ids(rows: pd.DataFrame, merged: pd.DataFrame) -> pd.DataFrame:
    """The rows whose case is in the spine, their case id written as the spine writes it."""
    spine_id = merged.set_index("_key")["case_id"]
    spine_id = spine_id[~spine_id.index.duplicated()]
    key = case_key(rows["case_id"])
    kept = key.isin(spine_id.index)
    return rows[kept].assign(case_id=spine_id.reindex(key[kept]).to_numpy())


def _undated_counts_note(cases: pd.DataFrame, hearing_files: list[str]) -> list[str]:
    """With a hearing list, the cases whose hearing counts it does not date (no hearing listed, or an earlier
    source's different count stands): their counts are the extract's, as at the day it was taken, so a
    past month's case tracker cannot use them (lfjb.metrics.case_tracker) — said once, here."""
    if not hearing_files:
        return []
    undated = ~cases["hearings_dated"].astype(bool) & (cases["hearings"].notna() | cases["fcmh"].notna())
    n = int(undated.sum())
    if not n:
        return []
    return [f"{n:,} case{'s have' if n != 1 else ' has'} hearing counts that {' and '.join(hearing_files)} "
            f"do{'es' if len(hearing_files) == 1 else ''} not date (no hearing listed for {'them' if n != 1 else 'it'}, "
            "or an earlier file's different count stands): those counts are from the day the extract was taken, so for a "
            "past month the case tracker treats them as unknown and rates "
            f"{'those cases' if n != 1 else 'that case'} on age alone."]


def _not_recorded_note(cases: pd.DataFrame, hearing_files: list[str]) -> list[str]:
    """With a hearing list, the cases with no hearing in it and no hearing count from any other file: their
    hearings are not recorded (empty), deliberately not 0, as a case missing from a list may still have had
    hearings — said once, here, so a reader of the pack knows why."""
    if not hearing_files:
        return []
    missing = ~cases["hearings_dated"].astype(bool) & cases["hearings"].isna() & cases["fcmh"].isna()
    n = int(missing.sum())
    if not n:
        return []
    return [f"{n:,} case{'s have' if n != 1 else ' has'} no hearing in {' or '.join(hearing_files)} and no hearing count "
            f"in any other file: {'their' if n != 1 else 'its'} hearings show as not recorded, not 0, because a case "
            "missing from a hearing list may still have had hearings."]


def load_sources(file: BoardFile, strict: bool = False, extract: Path | None = None,
                 progress: ReadProgress | None = None, today: date | None = None) -> Extract:
    """The board's extract: one file as the extract reader gives it (with a one-row `sources` report),
    or several sources merged (a Dataset). `extract` replaces the first source's file (the command
    line's --extract). InputError listing every problem in every source."""
    config = file.config
    sources = config.inputs.sources()
    paths = [extract if (i == 0 and extract is not None) else file.input_path(s.file) for i, s in enumerate(sources)]
    reads: list[_Read] = []
    problems: list[Problem] = []
    for i, (source, path) in enumerate(zip(sources, paths)):
        try:
            reads.append(_read_source(path, source, i == 0, strict, config.local_authorities,
                                      progress if i == 0 else None, today))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    spine = reads[0]
    if len(reads) == 1 and spine.hearings is None and spine.children is None:
        only = spine.extract
        quality = SourcesQuality(**{f.name: getattr(only.data_quality, f.name) for f in fields(only.data_quality)})
        quality.sources = [SourceReport(file=display_path(paths[0]), rows_kind=sources[0].rows, rows=only.data_quality.rows_read,
                                        matched=len(only.cases), rows_rejected=only.data_quality.rows_rejected, is_spine=True)]
        only.data_quality = quality
        return only
    return _merged(reads, paths)


def _merged(reads: list[_Read], paths: list[Path]) -> Dataset:
    spine = reads[0]
    merged = spine.extract.cases.copy()
    merged["_key"] = case_key(merged["case_id"])
    merged["hearings_dated"] = spine.hearings is not None
    shown = [display_path(p) for p in paths]
    reports = [SourceReport(file=shown[0], rows_kind=spine.source.rows, rows=spine.extract.data_quality.rows_read,
                            matched=len(merged), is_spine=True,
                            hearings=None if spine.hearings is None else len(spine.hearings.hearings))]
    has = set(spine.has)
    set_aside = set(case_key(pd.Series([p["case_id"] for p in spine.extract.data_quality.problems if p.get("case_id")],
                                       dtype=object))) - set(merged["_key"])
    for read, name in zip(reads[1:], shown[1:]):
        report = SourceReport(file=name, rows_kind=read.source.rows, rows=read.extract.data_quality.rows_read, matched=0,
                              hearings=None if read.hearings is None else len(read.hearings.hearings))
        merged = _merge(merged, read, report, set_aside)
        has |= set(read.has)
        reports.append(report)
    problems, warnings = [], []
    for read, name in zip(reads, shown):
        hearing_problems = read.hearings.problems if read.hearings is not None else []
        problems += [{"file": name, **p} for p in read.extract.data_quality.problems + hearing_problems]
        notes = read.hearings.notes if read.hearings is not None else []
        warnings += [w if read is spine else f"{Path(name).name}: {w}" for w in read.extract.data_quality.warnings]
        warnings += [f"{Path(name).name}: {w}" for w in notes]
    for report in reports:  # a hearing list's own rows set aside (an unreadable hearing date) count for its file too
        report.rows_rejected = len({p["row"] for p in problems if p["file"] == report.file})
    for report in reports[1:]:
        warnings += report.notes(Path(shown[0]).name)
    cases = merged.drop(columns="_key")
    for column in ("hearings", "fcmh", "experts"):
        if column in cases:
            cases[column] = pd.to_numeric(cases[column], errors="coerce").astype(float)
    hearing_files = [Path(n).name for r, n in zip(reads, shown) if r.hearings is not None]
    warnings += _undated_counts_note(cases, hearing_files) + _not_recorded_note(cases, hearing_files)
    for column in ("issue_date", "disposal_date"):
        cases[column] = pd.to_datetime(cases[column]).astype("datetime64[ns]")
    cases["children"] = pd.to_numeric(cases["children"], errors="coerce").astype("Int64")
    cases["hearings_dated"] = cases["hearings_dated"].astype(bool)
    missing = tuple(c for c in OPTIONAL_COLUMNS if c not in has)
    quality = SourcesQuality(rows_read=sum(r.rows for r in reports), problems=problems, warnings=warnings, sources=reports,
                             case_ids=frozenset().union(*(r.extract.data_quality.case_ids for r in reads)),
                             case_id_shapes=frozenset().union(*(r.extract.data_quality.case_id_shapes for r in reads)))
    return Dataset(path=paths[0], cases=cases, data_quality=quality, missing_columns=missing,
                   hearing_list=_hearing_rows(reads, merged), child_list=_child_list(reads, merged),
                   source_paths=tuple(paths))
