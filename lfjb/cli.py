"""The `lfjb` command line: parse options, call the library, print, set the exit code.

Exit codes (SPEC.md): 0 success; 1 the run failed; 2 bad input or usage.
"""

from __future__ import annotations

import errno
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from lfjb import __version__
from lfjb.inputs.errors import InputError, Problem
from lfjb.inputs.overrides import InputOverrides
from lfjb.month import Month
from lfjb.vocab import DEFAULT_MIN_CASES

class _Command(typer.core.TyperCommand):
    """A command whose help reads plainly: no '<bool>' beside --help, and 'lfjb init SLUG' rather than
    typer's '{SLUG}' in the usage line."""

    def get_help_option(self, ctx):  # noqa: ANN001, ANN201 - typer's own signature
        option = super().get_help_option(ctx)
        if option is not None:
            option.metavar = ""
        return option

    def collect_usage_pieces(self, ctx):  # noqa: ANN001, ANN201
        return [piece.replace("{", "").replace("}", "") for piece in super().collect_usage_pieces(ctx)]


class _Group(typer.core.TyperGroup):
    def get_help_option(self, ctx):  # noqa: ANN001, ANN201
        option = super().get_help_option(ctx)
        if option is not None:
            option.metavar = ""
        return option

    def invoke(self, ctx):  # noqa: ANN001, ANN201
        """Every command's way out when it is stopped or cannot write: a sentence, not a traceback.
        Ctrl-C exits 130 and SIGTERM 143 (128 + the signal, as shells do), every worker stopped first;
        a place that cannot be written exits 2 (1 for a full disk)."""
        from lfjb.render.files import OutputError
        from lfjb.workflows.processes import Stopped

        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _stopped("Ctrl-C")
            raise typer.Exit(130) from None
        except Stopped as exc:
            _stopped(str(exc))
            raise typer.Exit(128 + exc.signum) from None
        except OutputError as exc:
            err_console.print(Text(str(exc)), style="red")
            raise typer.Exit(exc.exit_code) from None
        except OSError as exc:
            # A name the file system refuses (a --board path, a slug from the terms of reference) that no
            # nearer check turned into words: said, exit 2, never a traceback. Any other OSError is a fault.
            if exc.errno != errno.ENAMETOOLONG:
                raise
            from lfjb.inputs.errors import display_path

            name = display_path(Path(exc.filename)) if isinstance(exc.filename, str) else "A file name"
            err_console.print(Text(f"{name}: the name is too long for this computer (at most 255 characters a name); "
                                   "nothing was done with it. Give a shorter name."), style="red")
            raise typer.Exit(2) from None


def _stopped(how: str) -> None:
    err_console.print(Text(f"Stopped ({how}). Every file finished before it is whole and nothing half-written "
                           "was left; run the command again to finish."), style="yellow")


app = typer.Typer(
    cls=_Group,
    help=(
        "Monthly board packs for Local Family Justice Boards.\n\n"
        "Turns a board's terms of reference, action log and case-level data extract into the board pack: "
        "the headline figures and their trends, where the delay comes from, overdue actions per sub-group, "
        "a PDF for the chair and an HTML summary.\n\n"
        "Example: lfjb pack --month 2025-03"
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
out_console = Console()
err_console = Console(stderr=True)

BoardOption = Annotated[
    list[str] | None,
    typer.Option("--board", "-b", metavar="SLUG_OR_PATH", help="A board's slug (e.g. wolverhampton) or the path to its YAML file. Repeat for several; leave out for every board in board_config/."),
]
ConfigDirOption = Annotated[Path, typer.Option("--config-dir", metavar="DIR", help="The folder holding the boards' YAML files.")]
ActionsOption = Annotated[Path | None, typer.Option("--actions", metavar="FILE", help="Use this action log instead of the one in the terms of reference (one board only).")]
ExtractOption = Annotated[Path | None, typer.Option("--extract", metavar="FILE", help="Use this data extract instead of the one in the terms of reference (one board only).")]
StrictOption = Annotated[bool, typer.Option("--strict", metavar="", help="Treat a bad row in a data extract as an error instead of setting it aside.")]


def _fail_on_input(exc: InputError, wrote_nothing: bool = True) -> None:
    from lfjb.terminal import print_problems

    print_problems(err_console, exc.problems, wrote_nothing)
    raise typer.Exit(2)


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


# Every option is parsed and checked once, here, where it enters; the workflows (lfjb.workflows) take the
# typed values. A new option: a parameter of the command below, a keyword of its workflow.


def _formats(text: str) -> list[str]:
    """'pdf,html' -> ['pdf', 'html'] (lfjb.naming.FORMATS), with the command line's own error."""
    from lfjb.render.files import parse_formats

    try:
        return parse_formats(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--format") from None


def _choice(text: str, choices: tuple[str, ...], what: str) -> str:
    """One word of `choices` for a --format that takes one (table, csv, …), any case."""
    if text.lower() not in choices:
        raise typer.BadParameter(f"'{text}' is not a format of {what}; choose one of {', '.join(choices)}", param_hint="--format")
    return text.lower()


def _as_of(text: str | None, *, future: bool = True) -> date | None:
    """--as-of as a date (UK or ISO), within the years lfjb works with; None when not given. With
    `future` False, a date after today is refused (cases are listed as they stand, not as they will)."""
    from lfjb.inputs.board import parse_uk_date
    from lfjb.month import EARLIEST_YEAR, LATEST_YEAR, is_usable_date

    if text is None:
        return None
    try:
        at = parse_uk_date(text)
    except ValueError:
        raise typer.BadParameter(f"'{text}' is not a date such as 31/03/2025 or 2025-03-31", param_hint="--as-of") from None
    if not is_usable_date(at):  # 9999-12-31 would overflow "due in the next 30 days"
        raise typer.BadParameter(f"{at:%d/%m/%Y} is outside the years lfjb works with ({EARLIEST_YEAR}-{LATEST_YEAR}); "
                                 "give a date such as 31/03/2025", param_hint="--as-of")
    if not future and at > date.today():
        raise typer.BadParameter(f"{at:%d/%m/%Y} is after today ({date.today():%d/%m/%Y}); give today or an earlier date",
                                 param_hint="--as-of")
    return at


def _version(value: bool) -> None:
    if value:
        out_console.print(f"lfjb {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", metavar="", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Monthly board packs for Local Family Justice Boards."""
    from lfjb.workflows.processes import stop_on_sigterm

    stop_on_sigterm()


@app.command(cls=_Command)
def pack(
    month: Annotated[str, typer.Option("--month", "-m", metavar="YYYY-MM", help="The reporting month, YYYY-MM (e.g. 2025-03).")],
    board: BoardOption = None,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Folder to write packs into.")] = Path("packs"),
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMATS", help="Comma-separated: pdf, html, json, ods, xlsx (ods and xlsx: accessible spreadsheets of every table).")] = "pdf,html,json",
    config_dir: ConfigDirOption = Path("board_config"),
    strict: StrictOption = False,
    actions: ActionsOption = None,
    extract: ExtractOption = None,
    force: Annotated[bool, typer.Option("--force", metavar="", help="Rebuild even when the inputs have not changed since the last pack.")] = False,
) -> None:
    """Write the board pack (PDF, HTML summary and JSON) for a month.

    Example: [bold]lfjb pack --month 2025-03 --board wolverhampton[/]
    """
    from lfjb.terminal import PackDisplay, print_pack_result
    from lfjb.workflows.pack import make_packs

    try:
        with PackDisplay(out_console) as display:
            result = make_packs(month=_month(month), out=out, boards=board, config_dir=config_dir, formats=_formats(format),
                                strict=strict, force=force, overrides=InputOverrides(actions, extract), progress=display)
    except InputError as exc:
        _fail_on_input(exc)
    print_pack_result(out_console, err_console, result, out)
    raise typer.Exit(result.exit_code)


@app.command(cls=_Command)
def validate(
    board: BoardOption = None,
    config_dir: ConfigDirOption = Path("board_config"),
    strict: StrictOption = False,
    actions: ActionsOption = None,
    extract: ExtractOption = None,
) -> None:
    """Check every input of every board (or each --board) and report every problem at once.

    Example: [bold]lfjb validate --board essex-suffolk[/]
    """
    from lfjb.terminal import print_validation
    from lfjb.workflows.pack import validate_boards

    try:
        result = validate_boards(boards=board, config_dir=config_dir, strict=strict, overrides=InputOverrides(actions, extract))
    except InputError as exc:
        _fail_on_input(exc, wrote_nothing=False)
    print_validation(out_console, err_console, result)
    if result.problems:
        _fail_on_input(InputError(result.problems), wrote_nothing=False)


@app.command(cls=_Command)
def actions(
    board: Annotated[str, typer.Option("--board", "-b", help="The board's slug or the path to its YAML file.")],
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE", help="The date to judge overdue by, e.g. 31/03/2025 or 2025-03-31 (default: today).")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", metavar="", help="Show only overdue actions.")] = False,
    format: Annotated[str, typer.Option("--format", "-f", metavar="table|json|csv", help="table, json or csv.")] = "table",
    config_dir: ConfigDirOption = Path("board_config"),
) -> None:
    """List a board's open actions by sub-group, overdue first, with days overdue.

    Example: [bold]lfjb actions --board wolverhampton --as-of 2025-03-31 --overdue[/]
    """
    from lfjb.terminal import print_actions
    from lfjb.workflows.actions import open_actions

    fmt = _choice(format, ("table", "json", "csv"), "the actions list")
    at = _as_of(as_of) or date.today()
    try:
        found = open_actions(board=board, as_of=at, overdue_only=overdue, config_dir=config_dir)
    except InputError as exc:
        _fail_on_input(exc, wrote_nothing=False)
    print_actions(out_console, found, fmt)


def _period(text: str, option: str) -> tuple[Month, Month]:
    from lfjb.compare.periods import parse_period  # the one parser of FROM:TO periods

    try:
        return parse_period(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


@app.command(cls=_Command)
def compare(
    month: Annotated[str, typer.Option("--month", "-m", metavar="YYYY-MM", help="The reporting month, YYYY-MM.")],
    board: BoardOption = None,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Folder to write the comparison into.")] = Path("packs"),
    from_packs: Annotated[Path | None, typer.Option("--from-packs", metavar="DIR", help="Compare the pack JSON files in this folder (as boards sent them) instead of computing from board_config/.")] = None,
    baseline: Annotated[str, typer.Option("--baseline", metavar="FROM:TO", help="Baseline period for the pilot view, FROM:TO.")] = "2023-04:2024-03",
    pilot: Annotated[str, typer.Option("--pilot", metavar="FROM:TO", help="Pilot period for the pilot view, FROM:TO.")] = "2024-04:2025-03",
    publish: Annotated[bool, typer.Option("--publish", metavar="", help="Apply MoJ-style disclosure control: counts of 1-5 shown as \\[c], with secondary suppression.")] = False,
    min_cases: Annotated[int, typer.Option("--min-cases", metavar="N", help="With --publish, withhold percentages and averages over fewer cases than this.")] = DEFAULT_MIN_CASES,
    fcsq: Annotated[list[Path] | None, typer.Option("--fcsq", metavar="FILE", help="A file of MoJ's Family Court Statistics Quarterly as published: the DFJ-level CSV (counts by DFJ area, for reference rows and a reconciliation with each board's extract) and/or the national care-proceedings timeliness CSV (the national benchmark). Repeat for both.")] = None,
    dfj_aliases: Annotated[Path | None, typer.Option("--dfj-aliases", metavar="FILE", help="A CSV of your own DFJ names (header: name,alias) for names in an FCSQ file that lfjb does not know.")] = None,
    highlight: Annotated[list[str] | None, typer.Option("--highlight", metavar="SLUG", help="Name this board on the funnel plot even when it is inside the limits. Repeat for several.")] = None,
    comparators: Annotated[str | None, typer.Option("--comparators", metavar="WHICH", help="Who the Trailblazers are compared with in the pilot view: 'marked' (boards with programme: comparator) or 'rest' (every board with no programme too). Default: the comparison's settings (board_config/comparison/settings.yaml, 'comparators: rest'), else 'marked'.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMATS", help="Comma-separated: pdf, html, json, ods, xlsx (ods and xlsx: accessible spreadsheets of every table).")] = "pdf,html,json",
    config_dir: ConfigDirOption = Path("board_config"),
) -> None:
    """Compare boards side by side for a month: league table, funnel plot, delay drivers, pilot view.

    Example: [bold]lfjb compare --month 2025-03 --publish[/]
    """
    from lfjb.workflows.compare import compare_boards

    try:
        with out_console.status("Comparing boards…") as status:
            result = compare_boards(
                month=_month(month), out=out, boards=board, config_dir=config_dir, formats=_formats(format),
                from_packs=from_packs, baseline=_period(baseline, "--baseline"), pilot=_period(pilot, "--pilot"),
                publish=publish, min_cases=min_cases, fcsq=fcsq or (), dfj_aliases=dfj_aliases, highlight=highlight or (),
                comparators=comparators, progress=lambda text: status.update(text),
                warn=lambda text: err_console.print(f"Warning: {text}", markup=False, highlight=False),
            )
    except InputError as exc:
        _fail_on_input(exc)
    for path in result.files.values():
        out_console.print(f"Wrote {path} ({path.stat().st_size / 1024:,.0f} KB)", markup=False, highlight=False)


@app.command(cls=_Command)
def cases(
    board: Annotated[str, typer.Option("--board", "-b", metavar="SLUG_OR_PATH", help="The board's slug or the path to its YAML file.")],
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE", help="The day to list open cases on, today or earlier, e.g. 31/03/2025 or 2025-03-31 (default: the latest date in the extract).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="table|csv|json|xlsx", help="table (printed), csv, json or xlsx.")] = "table",
    out: Annotated[Path | None, typer.Option("--out", "-o", metavar="FILE", help="Write the list to this file (csv, json or xlsx; xlsx defaults to <board>-cases-<date>.xlsx).")] = None,
    config_dir: ConfigDirOption = Path("board_config"),
) -> None:
    """List every case open on a day, red/amber/green, worst first: the case tracker for case progression officers.

    Red: past 26 weeks or 2+ further CMHs; amber: within 8 weeks of 26 or 1 further CMH (board settings under case_tracker). It names cases: never attach it to a board pack.

    Example: [bold]lfjb cases --board worcester --as-of 2025-03-31 --format xlsx --out open-cases.xlsx[/]
    """
    from lfjb.terminal import print_cases
    from lfjb.workflows.cases import CASE_FORMATS, list_cases

    fmt, at = _choice(format, CASE_FORMATS, "the case list"), _as_of(as_of, future=False)
    try:
        found = list_cases(board=board, as_of=at, fmt=fmt, out=out, config_dir=config_dir)
    except InputError as exc:
        _fail_on_input(exc, wrote_nothing=True)
    print_cases(out_console, err_console, found)


@app.command(cls=_Command)
def init(
    slug: Annotated[str, typer.Argument(metavar="SLUG", help="A short name for the board: lowercase letters, digits and hyphens (e.g. north-wales).")],
    dfj_area: Annotated[str | None, typer.Option("--dfj-area", metavar="NAME", help="The board's DFJ area, e.g. \"North Wales\" (aliases such as \"Wrexham DFJ\" work). Required unless --refresh-lists.")] = None,
    config_dir: ConfigDirOption = Path("board_config"),
    refresh_lists: Annotated[bool, typer.Option("--refresh-lists", metavar="", help="Update an existing board's action-log drop-down lists (sub-groups etc.) from its terms of reference.")] = False,
) -> None:
    """Set up a new board: terms of reference, an action-log spreadsheet and an extract template.

    Example: [bold]lfjb init north-wales --dfj-area "North Wales"[/]
    """
    from lfjb.workflows.init import init_board, refresh_lists as refresh_board_lists

    if refresh_lists:
        try:
            refreshed = refresh_board_lists(slug=slug, config_dir=config_dir)
        except InputError as exc:
            _fail_on_input(exc)
        out_console.print(f"Updated the drop-down lists of {refreshed}" if refreshed else "The action log's drop-down lists are up to date.")
        return
    try:
        written = init_board(slug=slug, dfj_area=dfj_area, config_dir=config_dir).files
    except InputError as exc:
        _fail_on_input(exc)
    for path in written:
        out_console.print(f"Created {path}")
    out_console.print(
        "\nNext steps:\n"
        f"  1. Open {written[0]} and fill in the people, sub-groups and targets.\n"
        f"  2. Record actions in {written[1]} and save the case-level extract as {written[2]}.\n"
        f"  3. Check everything with: lfjb validate --board {slug}"
    )


def run() -> None:
    """The `lfjb` command (pyproject.toml's script, `python -m lfjb`): the Typer app, then out of the
    process without Python's teardown (lfjb/process_exit.py), with the app's exit code.

    The command runs with Python's cyclic garbage collector off (reference counting still frees all
    that is not in a cycle). A command is one short process: the collector's passes over the modules it
    imports, and the one after a board is rendered (every object the render made and the process
    still holds), were 0.2 CPU s of a single board's pack and reclaim nothing a run needs. Several
    boards are rendered in worker processes, which keep collecting between boards (lfjb/collector.py);
    where they are rendered here instead (one core), `workflows.pack._render_all` collects between them."""
    import gc

    from lfjb.process_exit import exit_now

    gc.disable()
    try:
        app(prog_name="lfjb")
    except SystemExit as exc:
        exit_now(exc.code)
    exit_now(0)


__all__ = ["app", "run", "Problem"]

if __name__ == "__main__":  # python -m lfjb.cli
    run()
