"""`lfjb cases` as a library: every case open on a date, red/amber/green, worst first.

The working list for case progression officers (after Worcester's legal case tracker, Good Practice
Guide). It names cases, so it is printed or written to a file the user names, never into a pack.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from lfjb.formatting import long_date
from lfjb.init import keep_action_lists_current
from lfjb.inputs import InputError, Problem, find_board_files, load_board
from lfjb.inputs.errors import display_path
from lfjb.inputs.hearings import cases_as_at, has_hearing_dates
from lfjb.inputs.loader import Board
from lfjb.metrics.case_tracker import COUNTS_FROM_LATER_CASE, FCMH_NOT_IN_EXTRACT, case_tracker, latest_extract_date
from lfjb.render.cases_export import case_records, cases_csv, cases_json, cases_xlsx
from lfjb.render.files import OutputError, output_error, write_atomic

CASE_FORMATS = ("table", "csv", "json", "xlsx")
# An --as-of this long after the extract's latest date shows cases as open that may have ended since.
STALE_EXTRACT_DAYS = 31


@dataclass
class CaseList:
    """A board's open cases on a date, and what a reader needs to know about the list."""

    board: Board
    as_of: date
    listed: pd.DataFrame
    summary: dict
    notes: list[str]

    def header(self) -> dict:
        """The JSON/XLSX header: board, date, rules and counts (no case ids)."""
        s = self.summary
        fcmh_note = "counted from the extract's fcmh column" if s["fcmh_judged"] else s["unavailable"]
        return {"board": self.board.slug, "board_name": self.board.config.name, "as_of": self.as_of.isoformat(),
                "open": s["open"], "by_rag": s["by_rag"], "rules": s["rules"], "rule_words": s["rule_words"],
                "fcmh_judged": s["fcmh_judged"], "fcmh_note": fcmh_note, "notes": self.notes}


def case_list(board: Board, as_of: date | None = None) -> CaseList:
    """The board's open cases on `as_of` (default: the extract's latest date), worst first."""
    cases = board.extract.cases
    latest = latest_extract_date(cases)
    notes = []
    if as_of is None:
        as_of = latest or date.today()
        notes.append(f"As at {long_date(as_of)}, the latest date in the extract; give --as-of for another day.")
    elif latest and as_of > latest + timedelta(days=STALE_EXTRACT_DAYS):
        notes.append(f"The extract's latest date is {long_date(latest)}: cases that ended after it are still shown as open.")
    fcmh = board.extract.has_column("fcmh")
    if not fcmh:
        notes.append(f"The RAG uses age alone: {FCMH_NOT_IN_EXTRACT}.")
    # With a hearing list, hearings and further CMHs are those held by `as_of` (issue 21); without one, a
    # past date rates by age alone (issue 19).
    listed, summary = case_tracker(cases_as_at(board.extract, as_of), as_of, board.config.case_tracker, fcmh,
                                   has_hearing_dates(board.extract))
    if fcmh and not summary["hearing_counts_at_date"]:  # a past date: the counts are from a later one
        notes.append(f"The RAG uses age alone: {summary['unavailable']}.")
    elif n := int(listed["rag_reason"].str.contains(COUNTS_FROM_LATER_CASE, regex=False).sum()):  # some cases only
        notes.append(f"{n} case{'s are' if n != 1 else ' is'} rated on age alone: the hearing list does not date "
                     f"{'their' if n != 1 else 'its'} hearing counts, which are the extract's, from a later date.")
    return CaseList(board, as_of, listed, summary, notes)


def default_out(result: CaseList, fmt: str) -> Path:
    """`<slug>-cases-<YYYY-MM-DD>.<fmt>` in the working folder."""
    return Path(default_name(result.board.slug, fmt, result.as_of))


def default_name(slug: str, fmt: str, as_of: date | None = None) -> str:
    return f"{slug}-cases-{as_of.isoformat() if as_of else '<date>'}.{fmt}"


SHOWN_ROWS = 20  # row numbers listed on the terminal; the rest are counted


def _row_key(row) -> tuple:
    return (not isinstance(row, int), row if isinstance(row, int) else str(row))


def set_aside_notes(board: Board) -> list[str]:
    """A note naming the rows of the extract that were set aside: their cases are not in the list, and an
    officer must not read a missing case as a closed one. Row numbers only, as the data-quality section,
    each under its own file: a problem from a later source of a multi-source extract names its `file`."""
    dq = board.extract.data_quality
    main = display_path(board.extract.path)
    by_file: dict[str, set] = {}
    for p in dq.problems:
        by_file.setdefault(p.get("file") or main, set()).add(p["row"])
    if not by_file:
        return []
    count = sum(len(rows) for rows in by_file.values())
    left = SHOWN_ROWS
    parts = []
    for file, rows in by_file.items():
        ordered = sorted(rows, key=_row_key)
        shown = ", ".join(str(r) for r in ordered[:max(left, 0)])
        more = f" and {len(ordered) - max(left, 0)} more" if len(ordered) > left else ""
        left -= len(ordered)
        listed = f"row{'s' if len(ordered) != 1 else ''} {shown}{more}" if shown else f"{len(ordered)} row{'s' if len(ordered) != 1 else ''}"
        parts.append((file, listed))
    plural = count != 1
    if len(parts) == 1:
        where, listed = f"of {parts[0][0]} ", parts[0][1]
    else:
        where, listed = "", "; ".join(f"{file}: {rows}" for file, rows in parts)
    return [f"{count} row{'s' if plural else ''} {where}{'were' if plural else 'was'} set aside, so "
            f"{'their cases are' if plural else 'its case is'} not in this list ({listed}). "
            f"`lfjb validate --board {board.slug}` says what is wrong with {'each' if plural else 'it'}."]


def check_cases_out(out: Path, fmt: str, board: Board) -> None:
    """OutputError unless `out` is a file the list may be written to: not a folder, not one of the board's
    inputs, and not an existing file of another kind (a CSV is never written over a spreadsheet)."""
    try:
        _check_cases_out(out, fmt, board)
    except OSError as exc:  # a name too long for the file system: said, not a traceback
        raise output_error(out, exc) from None


def _check_cases_out(out: Path, fmt: str, board: Board) -> None:
    from lfjb.workflows.pack import input_files

    if out.is_dir():
        raise OutputError(f"{display_path(out)} is a folder; give --out a file name, such as {out / default_name(board.slug, fmt)}.", 2)
    target = out.resolve()
    for role, path in input_files(board).items():
        if Path(path).resolve() == target:
            raise OutputError(f"{display_path(out)} is the board's {role.replace('_', ' ')}; lfjb cases never writes over an input. "
                              "Give --out another file name.", 2)
    if out.exists() and out.suffix.lower() != f".{fmt}":
        raise OutputError(f"{display_path(out)} already exists and is not a .{fmt} file; lfjb cases writes over a .{fmt} "
                          f"file only. Give --out a new name, such as {default_name(board.slug, fmt)}.", 2)


@dataclass
class CasesResult:
    """What `list_cases` made: the list, its notes for the user, and the file written or the text to print."""

    cases: CaseList
    records: list[dict]  # lfjb.render.cases_export.case_records, worst first
    notes: list[str]  # for the user (stderr): the date used, a stale extract, rows set aside
    content: str | bytes | None = None  # CSV/JSON/XLSX, when a file format was asked for
    written: Path | None = None  # where it was written (None: print `content`, or a table)


def list_cases(*, board: str, as_of: date | None = None, fmt: str = "table", out: Path | None = None,
               config_dir: Path = Path("board_config")) -> CasesResult:
    """`lfjb cases`: the board's open cases on `as_of` (default: the extract's latest date) in `fmt` (one of
    CASE_FORMATS, checked where it entered), written to `out` when given (XLSX always goes to a file).
    InputError for bad input; OutputError for an `out` that must not or cannot be written."""
    if out is not None and fmt == "table":
        raise InputError([Problem("--out", "", "--out", "a table is only printed.", "Add --format csv, json or xlsx to write a file.")])
    loaded = load_board(find_board_files([board], config_dir)[0])
    keep_action_lists_current(loaded.actions_path, loaded.config.sub_group_ids)  # the log's drop-downs follow the terms
    if out is not None:
        check_cases_out(out, fmt, loaded)
    result = case_list(loaded, as_of)
    records = case_records(result.listed)
    found = CasesResult(result, records, result.notes + set_aside_notes(loaded))
    if fmt == "table":
        return found
    if fmt == "csv":
        found.content = cases_csv(records)
    elif fmt == "json":
        found.content = cases_json(records, result.header())
    else:
        found.content = cases_xlsx(records, result.header())
        if out is None:
            out = default_out(result, "xlsx")
            check_cases_out(out, fmt, loaded)
    if out is not None:
        write_atomic(out, found.content)
        found.written = out
    return found
