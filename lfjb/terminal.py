"""What lfjb shows on the terminal: progress, problems, summaries and tables (rich). Only the CLI calls
this; the workflows (lfjb.workflows) return results and never print."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from lfjb.formatting import long_date, number, short_date
from lfjb.inputs.errors import Problem
from lfjb.inputs.text import clean_text
from lfjb.metrics.case_tracker import RAGS, rule_words
from lfjb.render.cases_export import RAG_WORDS
from lfjb.vocab import ACTION_STATUSES, DRIVERS
from lfjb.workflows.actions import ActionsResult
from lfjb.workflows.cases import CasesResult
from lfjb.workflows.pack import PackProgress, PackResult, ValidateResult

# Everything printed here that quotes the inputs (names, warnings, paths) goes out as rich Text, never as
# markup: a board called "[/x]" or "[link=…]" must print as written (issue 12).


def _plain(value: object) -> Text:
    """Text exactly as written, never read as markup, without control or bidi characters (an ESC
    could rewrite the terminal; see lfjb.inputs.text)."""
    return Text(clean_text(str(value)))


def print_problems(console: Console, problems: list[Problem], wrote_nothing: bool = True, written: str = "") -> None:
    """Every problem, grouped by file, in plain words. `written` names the boards that were written
    despite them (the others' inputs were bad)."""
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for p in problems:
        by_file[p.file].append(p)
    count = len(problems)
    if written:
        tail = f"; those boards' packs were not written (the packs of {written} were)."
    else:
        tail = "; nothing was written." if wrote_nothing else "."
    console.print(Text(f"{count} problem{'s' if count != 1 else ''} found in the inputs{tail}", style="bold red"))
    for file, items in by_file.items():
        console.print()
        console.print(_plain(file), style="bold")
        for p in items:
            place = ", ".join(x for x in (p.where, f"'{p.key}'" if p.key else "") if x)
            line = Text("  • ")
            if place:
                line.append(clean_text(place), style="cyan")
                line.append(": ")
            line.append(clean_text(p.message))
            if p.hint:
                line.append(" " + clean_text(p.hint), style="dim")
            console.print(line)


def actions_table(summary: dict, rows: list[dict]) -> list[Table]:
    """One table per sub-group of `rows` (the workflow's: every open action, or the overdue only), in their
    order: overdue first (most overdue at the top), then by due date."""
    tables = []
    for sub_group, info in summary["by_sub_group"].items():
        group_rows = [r for r in rows if r["sub_group"] == sub_group]
        if not group_rows:
            continue
        # The date the actions are judged at is in every title: without --as-of it is today.
        at = date.fromisoformat(summary["as_of"])
        title = _plain(f"{info['name']} at {at.day} {at:%B %Y} — {info['open']} open, {info['overdue']} overdue")
        table = Table(title=title, title_justify="left", title_style="bold", expand=False)
        table.add_column("Id", no_wrap=True)
        table.add_column("Action", ratio=3)
        table.add_column("Owner", ratio=2)
        table.add_column("Due", no_wrap=True)
        table.add_column("Days overdue", justify="right")
        table.add_column("Status", no_wrap=True)
        for r in group_rows:
            late = r["days_overdue"]
            table.add_row(
                _plain(r["id"]), _plain(r["title"]), _plain(r["owner"]), _plain(r["due"]),
                Text(str(late), style="bold red") if late else Text("—", style="dim"),
                ACTION_STATUSES[r["status"]],
            )
        tables.append(table)
    return tables


def written_table(outcomes: list, out: Path) -> Table:
    """What was written, with sizes: one row per file, PDF then HTML then JSON for each board."""
    table = Table(title=_plain(f"Board packs in {out}/"), title_justify="left")
    table.add_column("Board")
    table.add_column("File")
    table.add_column("Size", justify="right")
    table.add_column("Status")
    words = {"written": "written", "rebuilt": "rebuilt", "up_to_date": "up to date"}
    kinds = {"pdf": "PDF pack", "html": "HTML summary", "json": "JSON", "ods": "Spreadsheet (ODS)", "xlsx": "Spreadsheet (Excel)"}
    for o in outcomes:
        if o.error:
            table.add_row(o.slug, Text(f"FAILED: {clean_text(str(o.error))}", style="red"), "", Text("failed", style="red"))
            continue
        for fmt in kinds:
            if fmt not in o.files:
                continue
            path = o.files[fmt]
            size = path.stat().st_size
            table.add_row(o.slug, _plain(f"{kinds[fmt]}: {path.name}"), f"{size / 1024:,.0f} KB" if size >= 1024 else f"{size} B", words[o.status])
    return table


# --- lfjb cases -------------------------------------------------------------------------------------------

_RAG_STYLE = {"red": "bold red", "amber": "bold yellow", "green": "bold green"}
_RAG_SHAPE = {"red": "✕", "amber": "▲", "green": "✓"}
# Columns of the terminal table; those marked False are left out on a narrow terminal.
_TABLE_COLUMNS = (("RAG", "left", True), ("Case", "left", True), ("Local authority", "left", True),
                  ("Court", "left", False), ("Issued", "left", False), ("Age (wks)", "right", True),
                  ("To 26 wks", "right", True), ("Hearings", "right", False), ("FCMHs", "right", True),
                  ("Delay drivers", "left", False), ("Why", "left", True))
WIDE_TERMINAL = 150  # characters; narrower terminals get the short table


def cases_table(records: list[dict], wide: bool = True) -> Table:
    """The list (`CasesResult.records`, worked out once by the workflow) as a terminal table, worst first;
    `wide=False` keeps only the columns that fit 80 characters."""
    table = Table(show_lines=False, header_style="bold", expand=False)
    keep = [wide or essential for _, _, essential in _TABLE_COLUMNS]
    for (name, justify, _), kept in zip(_TABLE_COLUMNS, keep):
        if kept:
            table.add_column(name, justify=justify, overflow="fold", no_wrap=name in ("RAG", "Case"))
    for r in records:
        cells = (
            Text(f"{_RAG_SHAPE[r['rag']]} {RAG_WORDS[r['rag']]}", style=_RAG_STYLE[r["rag"]]),
            Text(r["case_id"]), Text(r["local_authority"]), Text(r["court"] or "–"), short_date(r["issue_date"]),
            number(r["age_weeks"], 1), number(r["weeks_to_26"], 1), number(r["hearings"]), number(r["fcmh"]),
            Text("; ".join(DRIVERS.get(d, d) for d in r["delay_drivers"]) or "–"), Text(r["rag_reason"]),
        )
        table.add_row(*(cell for cell, kept in zip(cells, keep) if kept))
    return table



def print_cases(console: Console, err: Console, found: CasesResult) -> None:
    """The notes on stderr; then the table, the CSV/JSON text, or where the file went."""
    for note in found.notes:
        err.print(Text.assemble(("Note: ", "yellow"), note))
    if found.written is not None:
        console.print(_plain(f"Wrote {found.written}"))
        return
    if found.content is not None:
        console.file.write(found.content)
        return
    result = found.cases
    s = result.summary
    counts = ", ".join(f"{s['by_rag'][r]} {r}" for r in RAGS)
    console.print(Text.assemble((result.board.config.name, "bold"), f" — open cases at {long_date(result.as_of)}: {s['open']} ({counts}), worst first"))
    words = rule_words(result.board.config.case_tracker, s["fcmh_judged"])
    console.print(Text(f"Red: {words['red']}. Amber: {words['amber']}."))
    if found.records:
        wide = console.width >= WIDE_TERMINAL
        console.print(cases_table(found.records, wide))
        if not wide:
            console.print(Text("Court, issue date, hearings and delay drivers are left out to fit the window; "
                               "--format xlsx or csv has every column."))
    else:
        console.print("No cases were open on that day.")


# --- lfjb pack and validate ---------------------------------------------------------------------------------


class PackDisplay(PackProgress):
    """`lfjb pack`'s progress on a terminal: a spinner while the inputs are read (a bar with the rows read
    for a large extract), then a bar of boards rendered. Use it as a context manager."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self._reading = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[rows]}"),
                                 TimeElapsedColumn(), console=console, transient=True, disable=not console.is_terminal)
        self._read_task = self._reading.add_task("Reading the inputs and working out the figures…", total=None, rows="")
        self._bar: Progress | None = None

    def __enter__(self) -> PackDisplay:
        self._reading.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._reading.stop()
        if self._bar is not None:
            self._bar.stop()

    def stage(self, text: str) -> None:
        self._reading.update(self._read_task, description=text, total=None, rows="")

    def rows(self, rows: int, done: int, total: int) -> None:
        self._reading.update(self._read_task, description="Reading the data extract", completed=done, total=total, rows=f"{rows:,} rows")

    def rendering(self, boards: int) -> None:
        self._reading.stop()
        self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                             console=self.console, transient=True, disable=boards < 2 or not self.console.is_terminal)
        self._bar_task = self._bar.add_task("Rendering", total=boards)
        self._bar.start()

    def rendered(self, slug: str) -> None:
        if self._bar is not None:
            self._bar.update(self._bar_task, advance=1, description=f"Rendering {slug}")


def print_pack_result(console: Console, err: Console, result: PackResult, out: Path) -> None:
    """Warnings about the data of the packs made, what was written, what was up to date or rebuilt and
    why, what failed, and the problems of the boards left out."""
    for slug, warning in result.warnings:
        err.print(Text.assemble(("Warning: ", "yellow"), f"{slug}: {warning}"))
    console.print(written_table(result.outcomes, out))
    current = [o.slug for o in result.outcomes if o.status == "up_to_date"]
    if current:
        console.print(Text(f"Up to date, not rewritten: {', '.join(current)} — inputs unchanged since those packs were made (use --force to rebuild)."))
    for o in result.outcomes:
        if o.status == "rebuilt":
            console.print(Text(f"{o.slug}: rebuilt because {'; '.join(o.reasons)}; the earlier pack is kept in {o.kept_previous}."))
    for o in result.failed:
        err.print(Text(f"{o.slug}: the pack could not be written: {o.error}", style="red"))
    if result.problems:
        written = ", ".join(o.slug for o in result.outcomes if not o.error)
        print_problems(err, result.problems, wrote_nothing=False, written=written)


def print_validation(console: Console, err: Console, result: ValidateResult) -> None:
    """A summary of each good board (what was set aside, the first few rows and why); then, when every
    board passed, say so. The problems of the others are the caller's to print (InputError)."""
    for board in result.boards:
        cases = board.extract.cases
        dq = board.extract.data_quality
        span = f" issued {cases['issue_date'].min():%b %Y}–{cases['issue_date'].max():%b %Y}"   # a board with none is a problem
        line = Text.assemble(("✓ ", "green"), (board.slug, "bold"), f" — {board.config.name}: {len(board.config.sub_groups)} sub-groups, "
                             f"{len(board.actions)} actions, {len(cases):,} cases{span}")
        if dq.rows_rejected:
            line.append(", ")
            line.append(f"{dq.rows_rejected} extract row(s) set aside", style="yellow")
        console.print(line)
        for p in dq.problems[:5]:
            where = f"{Path(p['file']).name}, row {p['row']}" if p.get("file") else f"row {p['row']}"
            console.print(Text.assemble("    ", (where, "yellow"), f" ({p['case_id'] or 'no case id'}): {p['message']}"))
        for warning in dq.warnings:
            console.print(Text(f"    Note: {warning}"))
        for line in dq.rows_to_check():  # the rows behind the notes, which name none
            console.print(Text(f"    Check {line}."))
        if len(dq.problems) > 5:
            console.print(Text(f"    … and {len(dq.problems) - 5} more; the pack's JSON lists them all by file and row (the pack shows them by reason)."))
        log = board.pre_proceedings  # the pre-proceedings log's rows set aside, as the extract's (issue 24)
        if log is not None and log.problems:
            console.print(Text.assemble("    ", (f"{log.rows_rejected} pre-proceedings log row(s) set aside", "yellow"),
                                        f" ({Path(log.path).name})"))
            for p in log.problems[:5]:
                console.print(Text.assemble("      ", (f"row {p['row']}", "yellow"), f": {p['message']}"))
            if len(log.problems) > 5:
                console.print(Text(f"      … and {len(log.problems) - 5} more; the pack's JSON lists them all by row."))
    if result.problems:
        return
    if len(result.boards) == 1:
        console.print("The board passed validation.")
    else:
        console.print(f"All {len(result.boards)} boards passed validation.")


# --- lfjb actions -------------------------------------------------------------------------------------------


def print_actions(console: Console, found: ActionsResult, fmt: str) -> None:
    """The open actions as a table per sub-group, or as JSON or CSV on stdout."""
    from lfjb.render.actions_export import actions_csv, actions_json

    board, summary, rows = found.board, found.summary, found.rows
    if fmt == "csv":
        console.file.write(actions_csv(rows))
    elif fmt == "json":
        console.file.write(actions_json({**summary, "open_list": rows}, board.slug))
    else:
        console.print(Text.assemble((board.config.name, "bold"), f" — actions at {found.as_of:%d %B %Y}: {summary['open']} open, {len(summary['overdue'])} overdue"))
        for table in actions_table(summary, rows):
            console.print(table)
        if not rows:
            console.print("No overdue actions." if found.overdue_only else "No open actions.")
