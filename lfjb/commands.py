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
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from lfjb.build import build_good_packs, load_good_boards, write_packs
from lfjb.inputs import InputError, Problem, find_board_files, load_board
from lfjb.inputs.overrides import InputOverrides
from lfjb.render.files import check_writable_folder
from lfjb.month import EARLIEST_YEAR, LATEST_YEAR, Month, is_usable_date

# Everything printed below that quotes the inputs (names, warnings, paths) goes out as rich Text,
# never as markup: a board called "[/x]" or "[link=…]" must print as written (issue 12).


def _progress(console: Console, total: int) -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True, disable=total < 2 or not console.is_terminal,
    )


def _reading(console: Console) -> Progress:
    """A spinner while the inputs are read, which becomes a bar with the rows read for a large extract."""
    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[rows]}"),
        TimeElapsedColumn(), console=console, transient=True, disable=not console.is_terminal,
    )


def run_pack(month: Month, boards: list[str] | None, out: Path, formats: list[str], config_dir: Path, strict: bool,
             console: Console, err: Console, force: bool = False, overrides: InputOverrides = InputOverrides()) -> int:
    """Load, check, build and write packs; returns the exit code: 0; 1 if a board failed to render or
    write; 2 if a board's inputs were bad (its problems are printed; the other boards are written).
    InputError when no board can be written at all."""
    from lfjb.terminal import print_problems, written_table

    with _reading(console) as reading:
        task = reading.add_task("Reading the inputs and working out the figures…", total=None, rows="")

        def read(rows: int, done: int, total: int) -> None:
            reading.update(task, description="Reading the data extract", completed=done, total=total, rows=f"{rows:,} rows")

        loaded, problems = load_good_boards(boards, config_dir, strict, overrides, read)
        reading.update(task, description="Working out the figures…", total=None, rows="")
        loaded, packs, unbuilt = build_good_packs(loaded, month)
        problems += unbuilt
    if not packs:
        raise InputError(problems)
    check_writable_folder(out)  # a file given as --out, or a read-only disk: said before minutes of rendering
    with _progress(console, len(loaded)) as progress:
        task = progress.add_task("Rendering", total=len(loaded))

        def step(slug: str) -> None:
            progress.update(task, advance=1, description=f"Rendering {slug}")

        outcomes = write_packs(loaded, packs, out, formats, step, force)
    # Warnings about the data go with the packs that were made from it; an up-to-date pack was warned about
    # when it was made, so its warnings are not repeated on every run.
    made = {o.slug for o in outcomes if o.status != "up_to_date"}
    for pack in packs:
        if pack.board["slug"] in made:
            for warning in pack.data_quality.get("warnings", []):
                err.print(Text.assemble(("Warning: ", "yellow"), f"{pack.board['slug']}: {warning}"))
    for o in outcomes:
        if o.rows_rejected and o.slug in made:
            err.print(Text.assemble(("Warning: ", "yellow"), f"{o.slug}: {o.rows_rejected} row(s) of the data extract were set aside and not counted; see the pack's data-quality section."))
    console.print(written_table(outcomes, out))
    current = [o.slug for o in outcomes if o.status == "up_to_date"]
    if current:
        console.print(Text(f"Up to date, not rewritten: {', '.join(current)} — inputs unchanged since those packs were made (use --force to rebuild)."))
    for o in outcomes:
        if o.status == "rebuilt":
            console.print(Text(f"{o.slug}: rebuilt because {'; '.join(o.reasons)}; the earlier pack is kept in {o.kept_previous}."))
    failed = [o for o in outcomes if o.error]
    for o in failed:
        err.print(Text(f"{o.slug}: the pack could not be written: {o.error}", style="red"))
    if problems:
        written = ", ".join(o.slug for o in outcomes if not o.error)
        print_problems(err, problems, wrote_nothing=False, written=written)
        return 2
    return 1 if failed else 0


def run_validate(boards: list[str] | None, config_dir: Path, strict: bool, console: Console, err: Console,
                 overrides: InputOverrides = InputOverrides()) -> None:
    """Check every board; print a summary of each good one; InputError with the others' problems."""
    loaded, problems = load_good_boards(boards, config_dir, strict, overrides)
    for board in loaded:
        cases = board.extract.cases
        dq = board.extract.data_quality
        span = f" issued {cases['issue_date'].min():%b %Y}–{cases['issue_date'].max():%b %Y}" if len(cases) else " (the extract has no cases yet)"
        line = Text.assemble(("✓ ", "green"), (board.slug, "bold"), f" — {board.config.name}: {len(board.config.sub_groups)} sub-groups, "
                             f"{len(board.actions)} actions, {len(cases):,} cases{span}")
        if dq.rows_rejected:
            line.append(", ")
            line.append(f"{dq.rows_rejected} extract row(s) set aside", style="yellow")
        console.print(line)
        for p in dq.problems[:5]:
            console.print(Text.assemble("    ", (f"row {p['row']}", "yellow"), f" ({p['case_id'] or 'no case id'}): {p['message']}"))
        for warning in dq.warnings:
            console.print(Text(f"    Note: {warning}"))
        if len(dq.problems) > 5:
            console.print(Text(f"    … and {len(dq.problems) - 5} more; the pack's data-quality section lists them all."))
    if problems:
        raise InputError(problems)
    if len(loaded) == 1:
        console.print("The board passed validation.")
    else:
        console.print(f"All {len(loaded)} boards passed validation.")
    empty = [b.slug for b in loaded if b.extract.data_quality.rows_read == 0]
    if empty:
        err.print(Text.assemble(("Note: ", "yellow"), f"{', '.join(empty)}: the data extract has no cases yet, so `lfjb pack` has nothing to report until it does."))


def check_as_of(at: date) -> None:
    """InputError unless `at` lies within the years lfjb reports on (9999-12-31 would overflow
    "due in the next 30 days")."""
    if not is_usable_date(at):
        raise InputError([Problem("--as-of", "", "--as-of", f"{at:%d/%m/%Y} is outside the years lfjb works with ({EARLIEST_YEAR}-{LATEST_YEAR}).",
                                  "Give a date such as 31/03/2025.")])


def run_actions(board: str, at: date, overdue_only: bool, fmt: str, config_dir: Path, console: Console) -> None:
    """Print a board's open actions (table, JSON or CSV)."""
    from lfjb.metrics.actions import action_summary
    from lfjb.render.actions_export import actions_csv, actions_json
    from lfjb.terminal import actions_table

    check_as_of(at)
    loaded = load_board(find_board_files([board], config_dir)[0])
    summary = action_summary(loaded.actions, loaded.config, at)
    rows = summary["overdue"] if overdue_only else summary["open_list"]
    if fmt == "csv":
        console.file.write(actions_csv(rows))
    elif fmt == "json":
        console.file.write(actions_json({**summary, "open_list": rows}, loaded.slug))
    else:
        console.print(Text.assemble((loaded.config.name, "bold"), f" — actions at {at:%d %B %Y}: {summary['open']} open, {len(summary['overdue'])} overdue"))
        for table in actions_table(summary, loaded.config.name, overdue_only):
            console.print(table)
        if not rows:
            console.print("No overdue actions." if overdue_only else "No open actions.")
