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
from lfjb.inputs.hearings import cases_as_at, has_hearing_dates
from lfjb.inputs.loader import Board
from lfjb.metrics.case_tracker import FCMH_NOT_IN_EXTRACT, RAGS, case_tracker, latest_extract_date, rule_words
from lfjb.render.cases_export import RAG_WORDS, case_records, cases_csv, cases_json, cases_xlsx
from lfjb.render.files import write_atomic
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
    return CaseList(board, as_of, listed, summary, notes)


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
    return Path(f"{result.board.slug}-cases-{result.as_of.isoformat()}.{fmt}")


def run_cases(board: str, as_of: date | None, fmt: str, out: Path | None, config_dir: Path, console: Console,
              err: Console) -> Path | None:
    """Print the board's open-case list (table, CSV or JSON) or write it to `out` (any format but
    table; XLSX always goes to a file). Returns the file written, if any. InputError for bad input."""
    if fmt not in CASE_FORMATS:
        raise InputError([Problem("--format", "", "--format", f"'{fmt}' is not a format of the case list.", f"Choose one of {', '.join(CASE_FORMATS)}.")])
    if out is not None and fmt == "table":
        raise InputError([Problem("--out", "", "--out", "a table is only printed.", "Add --format csv, json or xlsx to write a file.")])
    loaded = load_board(find_board_files([board], config_dir)[0])
    result = case_list(loaded, as_of)
    for note in result.notes:
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
        out = out or default_out(result, "xlsx")
    if out is None:
        console.file.write(content)
        return None
    write_atomic(out, content)
    return out
