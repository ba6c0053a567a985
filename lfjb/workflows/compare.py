"""The `lfjb compare` workflow as a library call: read the boards (or their pack JSON), compare, render, write.

lfjb/compare/ is the cross-board model and knows no output format, as lfjb/pack.py is for one board;
this module joins it to the inputs (lfjb.workflows.pack reads the boards) and the renderers (lfjb.render).
`compare_boards` is the workflow, with every option as a keyword: a new option is one keyword there, one
in `compare_model` (if it changes the figures) and one in lfjb/cli.py.

Every input problem (boards, packs, the FCSQ files, the options) is collected and raised as one
InputError before anything is written; all formats render in memory first, then the files are written
all or none, so a failed run never leaves half a comparison behind. Rows of a published FCSQ file that
lfjb cannot use are not errors: they are warnings, kept in the comparison JSON (`fcsq`) and passed to
`warn` for the terminal.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from dataclasses import dataclass, field

from lfjb.collector import cyclic_collector_paused
from lfjb.compare.disclosure import publishable
from lfjb.compare.fcsq import FcsqInputs, fcsq_inputs
from lfjb.compare.model import ComparisonModel, add_words, build_comparison
from lfjb.compare.periods import DEFAULT_BASELINE, DEFAULT_PILOT, parse_period
from lfjb.compare.pilot import COMPARATOR_CHOICES, pilot_view
from lfjb.compare.reconciliation import reconciliation
from lfjb.vocab import DEFAULT_MIN_CASES
from lfjb.inputs.errors import InputError, Problem, display_path
from lfjb.inputs.comparison_settings import load_comparison_settings
from lfjb.inputs.fcsq import check_fcsq_paths, read_fcsq_files
from lfjb.inputs.packs import read_pack_files
from lfjb.month import Month
from lfjb.naming import DEFAULT_FORMATS
from lfjb.pack_model import PackModel
from lfjb.render.files import FORMATS, check_writable_folder, comparison_paths, json_text, write_all_atomic
from lfjb.workflows.processes import Stopped, result_of, show_stderr, stderr_to, stop_processes

Progress = Callable[[str], None]
Warn = Callable[[str], None]

__all__ = ["DEFAULT_BASELINE", "DEFAULT_PILOT", "CompareResult", "compare_boards", "compare_model", "parse_period",
           "render_comparison"]


def _option_problems(baseline: tuple[Month, Month], pilot: tuple[Month, Month], min_cases: int) -> list[Problem]:
    """The options that are each well formed (checked where they entered) but wrong together."""
    problems = []
    for name, (start, end) in (("--baseline", baseline), ("--pilot", pilot)):
        if end < start:
            problems.append(Problem("command line", "", name, f"the period ends ({end}) before it starts ({start})."))
    if baseline[1] >= pilot[0]:
        problems.append(Problem("command line", "", "--baseline", f"the baseline ({baseline[0]} to {baseline[1]}) must end "
                                f"before the pilot period starts ({pilot[0]})."))
    if min_cases < 1:
        problems.append(Problem("command line", "", "--min-cases", f"must be at least 1, got {min_cases}."))
    return problems


def _highlight_problems(highlight: Sequence[str], packs: list[PackModel]) -> list[Problem]:
    slugs = {p.slug for p in packs}
    return [Problem("command line", "", "--highlight", f"no board '{slug}' in this comparison; boards: {', '.join(sorted(slugs))}.")
            for slug in highlight if slug not in slugs]


def _fcsq_paths(fcsq: Path | Sequence[Path] | None) -> list[Path]:
    """--fcsq as a list, whether the command line gave one file or several."""
    if fcsq is None:
        return []
    if isinstance(fcsq, (str, Path)):
        return [Path(fcsq)]
    return [Path(p) for p in fcsq]


def _read_fcsq(paths: list[Path], dfj_aliases: Path | None, month: Month, packs: list[PackModel]) -> FcsqInputs:
    board_areas = {p.slug: p.board.dfj_area or "" for p in packs}
    return fcsq_inputs(read_fcsq_files(paths, aliases_file=dfj_aliases), month, board_areas)


# From this many boards, computing from configurations splits the boards between this process and one
# spawned worker (2 cores: 43 boards' extracts take about 8 s to read and 8 s to compute on one).
PARALLEL_FROM = 8


def two_cores() -> bool:
    return (os.cpu_count() or 1) >= 2


def _split_boards(boards: list[str] | None, config_dir: Path) -> bool:
    """Whether computing these boards from their configurations is shared with a second process."""
    from lfjb.inputs import resolve_board_files

    paths, problems = resolve_board_files(boards, config_dir)
    return not problems and _worth_splitting(len(paths))


def _worth_splitting(boards: int) -> bool:
    return boards >= PARALLEL_FROM and two_cores()


class SecondProcess:
    """One spawned process beside this one, for the two slow parts of a large comparison on two cores.

    From case data it computes half the boards' figures (`packs_from_configs`); then it lays out the
    PDF (lfjb.render.pdf_worker) while this process draws the charts, sends them on a queue, and
    renders the HTML and JSON (`render_comparison`). Spawned, not forked: this process may already run
    the chart engine's threads (lfjb.workflows.processes does the same). Use it as a context manager.
    """

    def __init__(self) -> None:
        from lfjb.render import pdf_worker

        context = multiprocessing.get_context("spawn")
        self._charts = context.Queue()
        self._charts_sent = False
        self._warming = False
        self.pool = ProcessPoolExecutor(1, mp_context=context, initializer=pdf_worker.init, initargs=(self._charts,))
        self._said = tempfile.TemporaryFile()
        with stderr_to(self._said):  # no traceback on the terminal from a Ctrl-C while it starts
            self.pool.submit(pdf_worker.started)  # the process starts now (its first import ignores Ctrl-C)

    def warm_pdf(self) -> None:
        """Have the process import WeasyPrint and find its fonts next, before the PDF's HTML is ready
        (once; later calls do nothing)."""
        from lfjb.render import pdf_worker

        if not self._warming:
            self._warming = True
            self.pool.submit(pdf_worker.warm)

    def send_charts(self, charts: dict) -> None:
        self._charts.put({key: chart.svg for key, chart in charts.items()})
        self._charts_sent = True

    def __enter__(self) -> SecondProcess:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        from lfjb.render import pdf_worker

        if not self._charts_sent:  # a PDF still waiting for its charts stops instead of waiting
            self._charts.put(pdf_worker.ABORT)
        self._charts.cancel_join_thread()  # never wait at exit to hand over charts no one will read
        # After a run that went well every job is done: the process ends on its own (about a second of
        # interpreter shutdown) while this one writes the files. After a failure it is stopped at once
        # (Ctrl-C, SIGTERM or an error: a PDF half laid out is of no use), never left running.
        if exc_type is not None:
            stop_processes(list((self.pool._processes or {}).values()))  # noqa: SLF001 - the pool's own processes
        self.pool.shutdown(wait=exc_type is not None, cancel_futures=True)
        if exc_type is None or not issubclass(exc_type, (KeyboardInterrupt, Stopped)):
            show_stderr(self._said)
        self._said.close()


def _packs_of(names: list[str] | None, config_dir: str, month: Month) -> tuple[list[PackModel], dict, list[str], list[Problem]]:
    """(the boards' PackModels, each board's cases, the files read, the problems) for the named board
    files: the pack workflow (lfjb.workflows.pack), run in this process or in a worker (which sends the
    models back pickled, as they are: frozen values, nothing to convert)."""
    from lfjb.workflows.pack import build_good_packs, load_good_boards

    loaded, problems = load_good_boards(names, Path(config_dir))
    built, models, more = build_good_packs(loaded, month)
    return (models, {b.slug: b.extract.cases for b in built}, [display_path(b.file.path) for b in built],
            problems + more)


def packs_from_configs(boards: list[str] | None, config_dir: Path, month: Month,
                       second: SecondProcess | None = None) -> tuple[list[PackModel], dict, list[str]]:
    """(PackModels, {slug: cases}, the board files read) computed from the boards' configurations;
    one InputError listing every board's problems. With PARALLEL_FROM boards or more and two cores,
    half the boards are read and computed in a second process (`second`, or one started here) while
    this process does the other half."""
    from lfjb.inputs import resolve_board_files

    paths, problems = resolve_board_files(boards, config_dir)
    if problems or not _worth_splitting(len(paths)):
        parts = [_packs_of(boards, str(config_dir), month)]
    else:
        names = [str(p) for p in paths]
        half = len(names) // 2
        with contextlib.ExitStack() as stack:
            worker = second or stack.enter_context(SecondProcess())
            other_half = worker.pool.submit(_packs_of, names[half:], str(config_dir), month)
            if second is not None:
                second.warm_pdf()  # it will lay out the PDF next
            parts = [_packs_of(names[:half], str(config_dir), month), result_of(other_half)]
    problems = [problem for part in parts for problem in part[3]]
    if problems:
        raise InputError(problems)
    packs = [pack for part in parts for pack in part[0]]
    slugs = [p.slug for p in packs]
    if len(set(slugs)) != len(slugs):  # two files with one slug, read in different processes: say so as lfjb.workflows.pack does
        return packs_from_configs_in_one(boards, config_dir, month)
    return packs, {slug: frame for part in parts for slug, frame in part[1].items()}, [f for part in parts for f in part[2]]


def packs_from_configs_in_one(boards: list[str] | None, config_dir: Path, month: Month) -> tuple[list[PackModel], dict, list[str]]:
    """As packs_from_configs, all in this process."""
    packs, cases, files, problems = _packs_of(boards, str(config_dir), month)
    if problems:
        raise InputError(problems)
    return packs, cases, files


def compare_model(
    month: Month,
    boards: list[str] | None,
    config_dir: Path,
    from_packs: Path | None = None,
    baseline: tuple[Month, Month] = DEFAULT_BASELINE,
    pilot: tuple[Month, Month] = DEFAULT_PILOT,
    publish: bool = False,
    min_cases: int = DEFAULT_MIN_CASES,
    fcsq: Path | Sequence[Path] | None = None,
    progress: Progress | None = None,
    *,
    dfj_aliases: Path | None = None,
    warn: Warn | None = None,
    highlight: Sequence[str] = (),
    second: SecondProcess | None = None,
    comparators: str = "marked",
) -> ComparisonModel:
    """The comparison for `month` (published version with `publish`); InputError listing every problem.

    `fcsq`: MoJ's FCSQ files (one path or several: the DFJ-level CSV and/or the national care timeliness,
    told apart by their headers). `dfj_aliases`: a CSV of extra DFJ spellings (`name,alias`), read on top
    of lfjb's own and of any dfj_aliases.csv beside an FCSQ file. `warn` receives each FCSQ warning.
    `highlight`: board slugs labelled on the funnel plot whatever their position (`--highlight`).
    `comparators`: "marked" (boards with `programme: comparator`) or "rest" (`--comparators rest`: every
    board with no programme is a comparator in the pilot view).
    `second`: a SecondProcess to share the boards' figures with (compare_boards passes the one that will
    lay out the PDF).
    """
    say = progress or (lambda _text: None)
    cases = None
    if from_packs is not None:
        say("Reading pack files")
        found = read_pack_files(from_packs, month, boards, PackModel.from_json)
        packs = [model for _, model in found]
        source = {"kind": "packs", "folder": display_path(from_packs), "files": [display_path(p) for p, _ in found]}
    else:
        say("Reading board inputs and computing each board's figures")
        packs, cases, files = packs_from_configs(boards, config_dir, month, second)
        source = {"kind": "configurations", "folder": display_path(config_dir), "files": files}
    problems = _highlight_problems(highlight, packs)
    if problems:
        raise InputError(problems)
    source["boards"] = len(packs)
    official = None
    if _fcsq_paths(fcsq):
        say("Reading official statistics (FCSQ)")
        official = _read_fcsq(_fcsq_paths(fcsq), dfj_aliases, month, packs)
        for text in official.warnings:
            (warn or (lambda _text: None))(text)
    say("Comparing boards")
    view = pilot_view(month, baseline, pilot, packs, cases, comparators)
    recon = None
    if official is not None and official.dfj is not None:
        recon = reconciliation(packs, official.dfj.frame, month, official.dfj.name, official.aliases)
    model = build_comparison(
        packs, month, source, pilot=view, min_cases=min_cases,
        references=official.references if official else None,
        national=official.national if official else None,
        fcsq=official.summary() if official else None,
        reconciliation=recon,
        highlight=list(highlight),
    )
    return publishable(model, min_cases) if publish else add_words(model)


def render_comparison(model: ComparisonModel, formats: Sequence[str], progress: Progress | None = None,
                      second: SecondProcess | None = None) -> dict[str, bytes | str]:
    """The comparison's files in memory, keyed by format. With `second`, the PDF is laid out there
    while this process draws the charts and renders the HTML and JSON. The cyclic collector is paused
    meanwhile here, and in the second process while it lays out the PDF (lfjb.collector: WeasyPrint's
    many short-lived objects made it walk everything the process holds, again and again)."""
    with cyclic_collector_paused():
        return _render_comparison(model, formats, progress, second)


def _render_comparison(model: ComparisonModel, formats: Sequence[str], progress: Progress | None,
                       second: SecondProcess | None) -> dict[str, bytes | str]:
    say = progress or (lambda _text: None)
    rendered: dict[str, bytes | str] = {}
    charts = pdf = None
    if "html" in formats or "pdf" in formats:
        from lfjb.charts.comparison import comparison_chart_specs, draw_charts

        specs = comparison_chart_specs(model)
        if "pdf" in formats and second is not None:
            from lfjb.render import pdf_worker
            from lfjb.render.comparison import comparison_html_for_pdf

            say("Laying out the PDF")
            pdf = second.pool.submit(pdf_worker.comparison_pdf, comparison_html_for_pdf(model, pdf_worker.placeholders(specs)))
        say("Drawing charts")
        charts = draw_charts(specs)  # once, for both the HTML and the PDF
        if pdf is not None:
            second.send_charts(charts)
    if "json" in formats:
        rendered["json"] = json_text(model.to_json())
    if "html" in formats:
        from lfjb.render.comparison import render_comparison_html

        say("Rendering HTML")
        rendered["html"] = render_comparison_html(model, charts)
    if "pdf" in formats:
        say("Rendering PDF")
        if pdf is not None:
            rendered["pdf"] = result_of(pdf)
        else:
            from lfjb.render.comparison import render_comparison_pdf

            rendered["pdf"] = render_comparison_pdf(model, charts=charts)
    from lfjb.render.spreadsheet import comparison_spreadsheets  # issue 22: ods, xlsx

    rendered.update(comparison_spreadsheets(model, formats))
    return rendered


@dataclass
class CompareResult:
    """What `compare_boards` wrote ({format: path}), the comparison itself, and the FCSQ warnings."""

    files: dict[str, Path]
    model: ComparisonModel
    warnings: list[str] = field(default_factory=list)


def compare_boards(
    *,
    month: Month,
    out: Path,
    boards: list[str] | None = None,
    config_dir: Path = Path("board_config"),
    formats: Sequence[str] = DEFAULT_FORMATS,
    from_packs: Path | None = None,
    baseline: tuple[Month, Month] = DEFAULT_BASELINE,
    pilot: tuple[Month, Month] = DEFAULT_PILOT,
    publish: bool = False,
    min_cases: int = DEFAULT_MIN_CASES,
    fcsq: Sequence[Path] = (),
    dfj_aliases: Path | None = None,
    highlight: Sequence[str] = (),
    comparators: str | None = None,
    progress: Progress | None = None,
    warn: Warn | None = None,
) -> CompareResult:
    """`lfjb compare`: write `out/comparison/<YYYY-MM>/comparison-<YYYY-MM>.{pdf,html,json}` (with `publish`:
    `comparison-<YYYY-MM>-published.*`), all or none.

    Boards come from `config_dir` (all, or those named in `boards`), or from the pack JSON files under
    `from_packs`. `formats` (lfjb.naming.FORMATS) and the periods are parsed where they entered (the
    command line: lfjb.render.files.parse_formats, lfjb.compare.periods.parse_period); here they are
    checked together, once. The rest as compare_model. InputError (exit 2) for any bad input and
    OutputError for an `out` that cannot be written, before anything is written.
    """
    # A pipe or device given as --fcsq or --dfj-aliases is refused before the boards' figures are worked out.
    problems = _option_problems(baseline, pilot, min_cases) + check_fcsq_paths(_fcsq_paths(fcsq), dfj_aliases)
    if comparators is None:  # not given: the comparison's settings file, else only boards marked as comparators
        try:
            comparators = load_comparison_settings(config_dir).comparators
        except InputError as exc:
            problems += exc.problems
            comparators = "marked"
    if comparators not in COMPARATOR_CHOICES:
        problems.append(Problem("command line", "", "--comparators",
                                f"must be one of {', '.join(COMPARATOR_CHOICES)}, got '{comparators}'."))
    if problems:
        raise InputError(problems)
    paths = comparison_paths(out, month, publish)
    check_writable_folder(paths["json"].parent)  # a file given as --out, or a read-only disk: said before the work
    if "html" in formats or "pdf" in formats:
        from lfjb.charts.convert import start_engine

        start_engine()  # here, before the second process starts (it must not see the engine's font setting)
    warnings: list[str] = []

    def warned(text: str) -> None:
        warnings.append(text)
        if warn:
            warn(text)

    with contextlib.ExitStack() as stack:
        # From case data with many boards, a second process computes half of them (packs_from_configs)
        # and then lays out the PDF (lfjb.render.pdf_worker) while this one draws the charts and writes
        # the HTML and JSON. From packs a second process is not worth starting: measured on two cores,
        # its start-up and shutdown cost what the overlap saved (only the charts, HTML and JSON, about
        # 2.5 s, can run beside the PDF's ~9 s).
        second = None
        if from_packs is None and "pdf" in formats and _split_boards(boards, config_dir):
            second = stack.enter_context(SecondProcess())
        model = compare_model(month, boards, config_dir, from_packs=from_packs, baseline=baseline, pilot=pilot,
                              publish=publish, min_cases=min_cases, fcsq=fcsq, progress=progress,
                              dfj_aliases=dfj_aliases, warn=warned, highlight=highlight, second=second,
                              comparators=comparators)
        rendered = render_comparison(model, [f for f in FORMATS if f in formats], progress, second)
    write_all_atomic({paths[fmt]: content for fmt, content in rendered.items()})  # all or none (a full disk)
    return CompareResult({fmt: paths[fmt] for fmt in rendered}, model, warnings)
