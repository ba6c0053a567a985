"""The bodies of the CLI commands: library calls plus what to print. Kept apart from cli.py so the
Typer layer stays a thin list of options."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.console import Console
from rich.text import Text
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from lfjb.build import build_packs, load_boards, write_packs
from lfjb.inputs import find_board_files, load_board
from lfjb.inputs.overrides import InputOverrides
from lfjb.month import Month


def _progress(console: Console, total: int) -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True, disable=total < 2 or not console.is_terminal,
    )


def run_pack(month: Month, boards: list[str] | None, out: Path, formats: list[str], config_dir: Path, strict: bool,
             console: Console, err: Console, force: bool = False, overrides: InputOverrides = InputOverrides()) -> int:
    """Load, check, build and write packs; returns the exit code (0, or 1 if any board failed)."""
    from lfjb.terminal import written_table

    with console.status("Reading the inputs and working out the figures…"):
        loaded = load_boards(boards, config_dir, strict, overrides)
        packs = build_packs(loaded, month)
    for pack in packs:
        for warning in pack.data_quality.get("warnings", []):
            # Warnings quote the extract's own words: printed as text, never as markup.
            err.print(Text.assemble(("Warning: ", "yellow"), f"{pack.board['slug']}: {warning}"))
    with _progress(console, len(loaded)) as progress:
        task = progress.add_task("Rendering", total=len(loaded))

        def step(slug: str) -> None:
            progress.update(task, advance=1, description=f"Rendering {slug}")

        outcomes = write_packs(loaded, packs, out, formats, step, force)
    for o in outcomes:
        if o.rows_rejected:
            err.print(f"[yellow]Warning:[/] {o.slug}: {o.rows_rejected} row(s) of the data extract were set aside and not counted; see the pack's data-quality section.")
    console.print(written_table(outcomes, out))
    current = [o.slug for o in outcomes if o.status == "up_to_date"]
    if current:
        console.print(f"Up to date, not rewritten: {', '.join(current)} — inputs unchanged since those packs were made (use --force to rebuild).")
    for o in outcomes:
        if o.status == "rebuilt":
            console.print(f"{o.slug}: rebuilt because {', '.join(o.changed_inputs)} changed; the earlier pack is kept in {o.kept_previous}.")
    failed = [o for o in outcomes if o.error]
    for o in failed:
        err.print(f"[red]{o.slug}: the pack could not be written: {o.error}[/]")
    return 1 if failed else 0


def run_validate(boards: list[str] | None, config_dir: Path, strict: bool, console: Console, err: Console,
                 overrides: InputOverrides = InputOverrides()) -> None:
    """Check every board; print a summary per board; InputError (all boards' problems) on failure."""
    loaded = load_boards(boards, config_dir, strict, overrides)
    for board in loaded:
        cases = board.extract.cases
        dq = board.extract.data_quality
        span = f" issued {cases['issue_date'].min():%b %Y}–{cases['issue_date'].max():%b %Y}" if len(cases) else " (the extract has no cases yet)"
        console.print(
            f"[green]✓[/] [bold]{board.slug}[/] — {board.config.name}: {len(board.config.sub_groups)} sub-groups, "
            f"{len(board.actions)} actions, {len(cases):,} cases{span}"
            + (f", [yellow]{dq.rows_rejected} extract row(s) set aside[/]" if dq.rows_rejected else "")
        )
        for p in dq.problems[:5]:
            console.print(f"    [yellow]row {p['row']}[/] ({p['case_id'] or 'no case id'}): {p['message']}")
        for warning in dq.warnings:
            console.print(Text(f"    Note: {warning}"))
        if len(dq.problems) > 5:
            console.print(f"    … and {len(dq.problems) - 5} more; the pack's data-quality section lists them all.")
    if len(loaded) == 1:
        console.print("The board passed validation.")
    else:
        console.print(f"All {len(loaded)} boards passed validation.")
    empty = [b.slug for b in loaded if b.extract.data_quality.rows_read == 0]
    if empty:
        err.print(f"[yellow]Note:[/] {', '.join(empty)}: the data extract has no cases yet, so `lfjb pack` has nothing to report until it does.")


def run_actions(board: str, at: date, overdue_only: bool, fmt: str, config_dir: Path, console: Console) -> None:
    """Print a board's open actions (table, JSON or CSV)."""
    from lfjb.metrics.actions import action_summary
    from lfjb.render.actions_export import actions_csv, actions_json
    from lfjb.terminal import actions_table

    loaded = load_board(find_board_files([board], config_dir)[0])
    summary = action_summary(loaded.actions, loaded.config, at)
    rows = summary["overdue"] if overdue_only else summary["open_list"]
    if fmt == "csv":
        console.file.write(actions_csv(rows))
    elif fmt == "json":
        console.file.write(actions_json({**summary, "open_list": rows}, loaded.slug))
    else:
        console.print(f"[bold]{loaded.config.name}[/] — actions at {at:%d %B %Y}: {summary['open']} open, {len(summary['overdue'])} overdue")
        for table in actions_table(summary, loaded.config.name, overdue_only):
            console.print(table)
        if not rows:
            console.print("No overdue actions." if overdue_only else "No open actions.")
