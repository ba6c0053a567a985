"""What lfjb shows on the terminal: problems, summaries and tables (rich). Only the CLI calls this."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from lfjb.inputs.errors import Problem
from lfjb.inputs.text import clean_text
from lfjb.vocab import ACTION_STATUSES


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


def actions_table(summary: dict, board_name: str, overdue_only: bool) -> list[Table]:
    """One table per sub-group: overdue first (most overdue at the top), then by due date."""
    rows = summary["open_list"]
    if overdue_only:
        rows = [r for r in rows if r["days_overdue"] > 0]
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
