"""`lfjb cases` as a library: every case open on a date, red/amber/green, worst first.

The working list for case progression officers (after Worcester's legal case tracker, Good Practice
Guide). It names cases, so it is printed or written to a file the user names, never into a pack.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table
from rich.text import Text

from lfjb.formatting import long_date, number, short_date
from lfjb.inputs import InputError, Problem, find_board_files, load_board
from lfjb.inputs.loader import Board
from lfjb.metrics.case_tracker import FCMH_NOT_IN_EXTRACT, RAGS, open_cases, rule_words, tracker_summary
from lfjb.render.cases_export import RAG_WORDS, case_records, cases_csv, cases_json, cases_xlsx
from lfjb.inputs.errors import display_path
from lfjb.render.files import OutputError, write_atomic
from lfjb.vocab import DRIVERS

CASE_FORMATS = ("table", "csv", "json", "xlsx")
# An --as-of this long after the extract's latest date shows cases as open that may have ended since.
STALE_EXTRACT_DAYS = 31
_RAG_STYLE = {"red": "bold red", "amber": "bold yellow", "green": "bold green"}
_RAG_SHAPE = {"red": "✕", "amber": "▲", "green": "✓"}


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
        fcmh_note = ("counted from the extract's fcmh column" if s["fcmh_judged"] else FCMH_NOT_IN_EXTRACT)
        return {"board": self.board.slug, "board_name": self.board.config.name, "as_of": self.as_of.isoformat(),
                "open": s["open"], "by_rag": s["by_rag"], "rules": s["rules"], "rule_words": s["rule_words"],
                "fcmh_judged": s["fcmh_judged"], "fcmh_note": fcmh_note, "notes": self.notes}


def latest_extract_date(cases: pd.DataFrame) -> date | None:
    """The latest issue or disposal date in the extract: about when it was taken."""
    latest = pd.concat([cases["issue_date"], cases["disposal_date"]]).max()
    return None if pd.isna(latest) else latest.date()


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
    rules = board.config.case_tracker
    listed = open_cases(cases, as_of, rules, fcmh)
    return CaseList(board, as_of, listed, tracker_summary(listed, as_of, rules, fcmh), notes)


# Columns of the terminal table; those marked False are left out on a narrow terminal.
_TABLE_COLUMNS = (("RAG", "left", True), ("Case", "left", True), ("Local authority", "left", True),
                  ("Court", "left", False), ("Issued", "left", False), ("Age (wks)", "right", True),
                  ("To 26 wks", "right", True), ("Hearings", "right", False), ("FCMHs", "right", True),
                  ("Delay drivers", "left", False), ("Why", "left", True))
WIDE_TERMINAL = 150  # characters; narrower terminals get the short table


def cases_table(result: CaseList, wide: bool = True) -> Table:
    """The list as a terminal table, worst first; `wide=False` keeps only the columns that fit 80 characters."""
    table = Table(show_lines=False, header_style="bold", expand=False)
    keep = [wide or essential for _, _, essential in _TABLE_COLUMNS]
    for (name, justify, _), kept in zip(_TABLE_COLUMNS, keep):
        if kept:
            table.add_column(name, justify=justify, overflow="fold", no_wrap=name in ("RAG", "Case"))
    for r in case_records(result.listed):
        cells = (
            Text(f"{_RAG_SHAPE[r['rag']]} {RAG_WORDS[r['rag']]}", style=_RAG_STYLE[r["rag"]]),
            Text(r["case_id"]), Text(r["local_authority"]), Text(r["court"] or "–"), short_date(r["issue_date"]),
            number(r["age_weeks"], 1), number(r["weeks_to_26"], 1), number(r["hearings"]), number(r["fcmh"]),
            Text("; ".join(DRIVERS.get(d, d) for d in r["delay_drivers"]) or "–"), Text(r["rag_reason"]),
        )
        table.add_row(*(cell for cell, kept in zip(cells, keep) if kept))
    return table


def default_out(result: CaseList, fmt: str) -> Path:
    """`<slug>-cases-<YYYY-MM-DD>.<fmt>` in the working folder."""
    return Path(default_name(result.board.slug, fmt, result.as_of))


def default_name(slug: str, fmt: str, as_of: date | None = None) -> str:
    return f"{slug}-cases-{as_of.isoformat() if as_of else '<date>'}.{fmt}"


SHOWN_ROWS = 20  # row numbers listed on the terminal; the rest are counted


def set_aside_notes(board: Board) -> list[str]:
    """A note naming the rows of the extract that were set aside: their cases are not in the list, and an
    officer must not read a missing case as a closed one. Row numbers only, as the data-quality section."""
    dq = board.extract.data_quality
    rows = sorted({p["row"] for p in dq.problems}, key=lambda r: (not isinstance(r, int), r if isinstance(r, int) else str(r)))
    if not rows:
        return []
    shown = ", ".join(str(r) for r in rows[:SHOWN_ROWS])
    more = f" and {len(rows) - SHOWN_ROWS} more" if len(rows) > SHOWN_ROWS else ""
    return [f"{len(rows)} row{'s' if len(rows) != 1 else ''} of {display_path(board.extract.path)} "
            f"{'were' if len(rows) != 1 else 'was'} set aside, so {'their cases are' if len(rows) != 1 else 'its case is'} "
            f"not in this list (row{'s' if len(rows) != 1 else ''} {shown}{more}). "
            f"`lfjb validate --board {board.slug}` says what is wrong with {'each' if len(rows) != 1 else 'it'}."]


def check_cases_out(out: Path, fmt: str, board: Board) -> None:
    """OutputError unless `out` is a file the list may be written to: not a folder, not one of the board's
    inputs, and not an existing file of another kind (a CSV is never written over a spreadsheet)."""
    from lfjb.build import input_files

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


def run_cases(board: str, as_of: date | None, fmt: str, out: Path | None, config_dir: Path, console: Console,
              err: Console) -> Path | None:
    """Print the board's open-case list (table, CSV or JSON) or write it to `out` (any format but
    table; XLSX always goes to a file). Returns the file written, if any. InputError for bad input."""
    if fmt not in CASE_FORMATS:
        raise InputError([Problem("--format", "", "--format", f"'{fmt}' is not a format of the case list.", f"Choose one of {', '.join(CASE_FORMATS)}.")])
    if out is not None and fmt == "table":
        raise InputError([Problem("--out", "", "--out", "a table is only printed.", "Add --format csv, json or xlsx to write a file.")])
    loaded = load_board(find_board_files([board], config_dir)[0])
    if out is not None:
        check_cases_out(out, fmt, loaded)
    result = case_list(loaded, as_of)
    for note in result.notes + set_aside_notes(loaded):
        err.print(Text.assemble(("Note: ", "yellow"), note))
    records = case_records(result.listed)
    if fmt == "table":
        s = result.summary
        counts = ", ".join(f"{s['by_rag'][r]} {r}" for r in RAGS)
        console.print(Text.assemble((loaded.config.name, "bold"), f" — open cases at {long_date(result.as_of)}: {s['open']} ({counts}), worst first"))
        words = rule_words(loaded.config.case_tracker, s["fcmh_judged"])
        console.print(Text(f"Red: {words['red']}. Amber: {words['amber']}."))
        if records:
            wide = console.width >= WIDE_TERMINAL
            console.print(cases_table(result, wide))
            if not wide:
                console.print(Text("Court, issue date, hearings and delay drivers are left out to fit the window; "
                                   "--format xlsx or csv has every column."))
        else:
            console.print("No cases were open on that day.")
        return None
    content: str | bytes
    if fmt == "csv":
        content = cases_csv(records)
    elif fmt == "json":
        content = cases_json(records, result.header())
    else:
        content = cases_xlsx(records, result.header())
        if out is None:
            out = default_out(result, "xlsx")
            check_cases_out(out, fmt, loaded)
    if out is None:
        console.file.write(content)
        return None
    write_atomic(out, content)
    return out
