"""The `lfjb pack` and `lfjb validate` workflows as a library: load every board, check every input, then
render and write (`make_packs`), or only check (`validate_boards`).

A board whose inputs are bad is left out and its problems are listed; the boards whose inputs are good
are still written (exit 2 when any board was left out). Two boards with one slug, or a name that
matches no board, stop the run before anything is written. Each board is rendered and written on its
own: one board failing to render does not stop the others (exit 1). Writing a board's folder holds a
lock on it, so two runs into one `--out` take turns.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from filelock import FileLock, Timeout

from lfjb.collector import cyclic_collector_paused
from lfjb.init import keep_action_lists_current
from lfjb.inputs import Board, InputError, Problem, resolve_board_files
from lfjb.inputs.board import BoardFile, load_board_config
from lfjb.inputs.errors import display_path
from lfjb.inputs.loader import load_board_inputs
from lfjb.inputs.overrides import InputOverrides
from lfjb.inputs.tables import ReadProgress
from lfjb.inputs.validation import unusable_extract_problems
from lfjb.month import Month
from lfjb.naming import DEFAULT_FORMATS, MANIFEST_NAME
from lfjb.pack import PackModel, build_pack
from lfjb.render.files import OutputError, check_writable_folder, json_text, output_error, pack_paths, write_all_atomic, write_atomic
from lfjb.render.manifest import (
    changes_since,
    content_sha256,
    damaged_manifest,
    file_sha256,
    is_up_to_date,
    keep_previous,
    manifest_outputs,
    manifest_text,
    previous_problem,
    read_manifest,
    remove_leftovers,
)

Progress = Callable[[str], None]

MAX_WORKERS = 4  # processes rendering boards at once (bounded by the machine's cores)
LOCK_NAME = ".lfjb.lock"
# How long a run waits for another run writing the same board's folder before calling it busy.
LOCK_WAIT_SECONDS = 300


@dataclass
class PackOutcome:
    slug: str
    files: dict[str, Path] = field(default_factory=dict)
    error: str | None = None
    rows_rejected: int = 0
    status: str = "written"  # "written", "up_to_date", "rebuilt" (something changed) or "failed"
    changed_inputs: list[str] = field(default_factory=list)  # roles: terms_of_reference, actions, extract, logo
    reasons: list[str] = field(default_factory=list)  # why it was rebuilt, in words
    kept_previous: Path | None = None


def input_files(board: Board) -> dict[str, Path]:
    """Every input file of a board, by its role."""
    return {"terms_of_reference": board.file.path,
            **input_paths(board.file, InputOverrides(actions=board.actions_path, extract=board.extract.path))}


def input_paths(file: BoardFile, overrides: InputOverrides) -> dict[str, Path]:
    """The input files a board's terms of reference name (with the command line's overrides), by role:
    what is hashed before reading and what the manifest lists, so the two never drift apart."""
    config = file.config
    sources = config.inputs.sources()
    roles = {"actions": overrides.actions or file.input_path(config.inputs.actions),
             "extract": overrides.extract or file.input_path(sources[0].file)}
    for source in sources[1:]:  # the extract's later sources (issue 21)
        path = file.input_path(source.file)
        roles[f"extract source {path.name}"] = path
    if config.branding.logo:
        roles["logo"] = file.input_path(config.branding.logo)
    if config.inputs.pre_proceedings is not None:
        roles["pre_proceedings"] = file.input_path(config.inputs.pre_proceedings.file)
    return roles


def _hashes_before_reading(file: BoardFile, overrides: InputOverrides, terms_sha256: str) -> dict[str, str]:
    """{role: SHA-256} of a board's input files as they are now, before they are read; a file that
    cannot be hashed is left out (its reader says what is wrong with it)."""
    roles = input_paths(file, overrides)
    found = {"terms_of_reference": terms_sha256}
    for role, path in roles.items():
        try:
            if Path(path).is_file():
                found[role] = file_sha256(Path(path))
        except OSError:
            pass
    return found


def input_fingerprint(board: Board) -> dict[str, dict[str, str]]:
    """SHA-256 of every input file, by its role, for the manifest and the up-to-date check.

    The terms of reference and the action log also get `content_sha256`, a hash of what lfjb read
    from them: a comment or a re-saved spreadsheet changes the bytes but not the pack."""
    roles = input_files(board)
    # Paths as the terms of reference give them, relative to its folder: the manifest stays true when
    # the board's folders are moved or copied together, and names no one's home directory.
    # The hash taken before the file was read, when there is one: a file replaced while the figures were
    # worked out then differs from the manifest next time, and the pack is made again (never "up to date").
    found = {role: {"path": os.path.relpath(path, board.file.folder),
                    "sha256": board.read_sha256.get(role) or file_sha256(path)} for role, path in roles.items()}
    found["terms_of_reference"]["content_sha256"] = content_sha256(board.config.model_dump(mode="json"))
    found["actions"]["content_sha256"] = content_sha256([a.model_dump(mode="json") for a in board.actions])
    return found


def load_boards(names: list[str] | None, config_dir: Path, strict: bool = False, overrides: InputOverrides = InputOverrides(),
                progress: ReadProgress | None = None) -> list[Board]:
    """Every named board's validated inputs (all boards in `config_dir` when none are named);
    one InputError listing the problems of all boards together, including names that match no board.
    `overrides` replaces the action log or extract path of a single board."""
    boards, problems = load_good_boards(names, config_dir, strict, overrides, progress)
    if problems:
        raise InputError(problems)
    return boards


def load_good_boards(names: list[str] | None, config_dir: Path, strict: bool = False,
                     overrides: InputOverrides = InputOverrides(), progress: ReadProgress | None = None,
                     ) -> tuple[list[Board], list[Problem]]:
    """The boards whose inputs are good, and the problems of those whose inputs are not.

    A name that matches no board is one of the problems. InputError before any board's inputs are read
    when `overrides` is given with more than one board, or when two boards share one slug (one
    board's pack would be written as the other's)."""
    paths, problems = resolve_board_files(names, config_dir)
    paths = list({path.resolve(): path for path in paths}.values())  # one file named twice is one board
    if overrides.is_set and len(paths) + len(problems) != 1:
        raise InputError([Problem("--actions/--extract", "", "--board", "replace one board's inputs, so name exactly one board with --board.")])
    files: list[tuple[BoardFile, str]] = []
    for path in paths:
        try:
            before = file_sha256(path) if path.is_file() else ""
            files.append((load_board_config(path), before))
        except (InputError, OSError) as exc:
            if not isinstance(exc, InputError):
                exc = InputError([Problem(display_path(path), "", "", f"could not be read: {exc.strerror}.")])
            problems += exc.problems
    if clashes := same_slug_problems([file for file, _ in files]):
        raise InputError(clashes)
    boards = []
    for file, terms_sha256 in files:
        try:
            hashes = _hashes_before_reading(file, overrides, terms_sha256)
            board = load_board_inputs(file, strict, overrides.actions, overrides.extract, progress)
            board.read_sha256 = hashes
        except InputError as exc:
            problems += exc.problems
            continue
        # The action log's drop-downs follow the terms of reference (README; the reader itself writes nothing).
        keep_action_lists_current(board.actions_path, board.config.sub_group_ids)
        # validate, pack and compare agree on what can be reported on (one rule, said once).
        if unusable := unusable_extract_problems(board.extract):
            problems += unusable
        else:
            boards.append(board)
    return boards, problems


def same_slug_problems(files: Sequence[BoardFile]) -> list[Problem]:
    """A problem naming both files for every slug two boards share."""
    by_slug: dict[str, list[BoardFile]] = {}
    for file in files:
        by_slug.setdefault(file.slug, []).append(file)
    problems = []
    for slug, same in by_slug.items():
        if len(same) > 1:
            shown = [display_path(f.path) for f in same]
            problems.append(Problem(
                shown[-1], "", "slug",
                f"has the slug '{slug}', as {' and '.join(shown[:-1])} has; one board's pack would be written as the other's, so nothing was written.",
                "Give each board its own file name, or set a different 'slug:' in one of them."))
    return problems


def build_packs(boards: Sequence[Board], month: Month, as_of: date | None = None) -> list[PackModel]:
    """A PackModel per board; one InputError for every board whose extract does not cover the month."""
    _, packs, problems = build_good_packs(boards, month, as_of)
    if problems:
        raise InputError(problems)
    return packs


def build_good_packs(boards: Sequence[Board], month: Month, as_of: date | None = None,
                     ) -> tuple[list[Board], list[PackModel], list[Problem]]:
    """(the boards that could be built, their PackModels, the problems of the rest)."""
    built, packs, problems = [], [], []
    for board in boards:
        try:
            packs.append(build_pack(board, month, as_of))
            built.append(board)
        except InputError as exc:
            problems += exc.problems
    return built, packs, problems


def render_pack(pack: PackModel, formats: Sequence[str]) -> dict[str, bytes | str]:
    """The pack's files in memory, keyed by format, so nothing is written until all have rendered.
    The charts are drawn once, after the pack and before rendering, and shared by the HTML and PDF.
    The cyclic collector is paused meanwhile (`cyclic_collector_paused`)."""
    with cyclic_collector_paused():
        return _render_pack(pack, formats)


def _render_pack(pack: PackModel, formats: Sequence[str]) -> dict[str, bytes | str]:
    rendered: dict[str, bytes | str] = {}
    if "json" in formats:
        rendered["json"] = json_text(pack.to_json())
    if "html" in formats or "pdf" in formats:
        from lfjb.charts import pack_charts

        charts = pack_charts(pack)
    if "html" in formats:
        from lfjb.render.html import html_charts, render_html

        rendered["html"] = render_html(pack, html_charts(pack, charts))
    if "pdf" in formats:
        from lfjb.render.pdf import render_pdf

        rendered["pdf"] = render_pdf(pack, charts)
    from lfjb.render.spreadsheet import pack_spreadsheets  # issue 22: ods, xlsx

    rendered.update(pack_spreadsheets(pack, formats))
    return rendered


def _render_job(job: tuple[PackModel, Sequence[str]]) -> dict[str, bytes | str]:
    """render_pack in a worker process (lfjb.workflows.processes.run_each)."""
    pack, formats = job
    return render_pack(pack, formats)


@dataclass
class _Plan:
    board: Board
    pack: PackModel
    paths: dict[str, Path]
    inputs: dict
    manifest: dict | None
    up_to_date: bool


def _plan(board: Board, pack: PackModel, out: Path, formats: Sequence[str], force: bool) -> _Plan:
    paths = pack_paths(out, board.slug, pack.month)
    inputs = input_fingerprint(board)
    manifest = read_manifest(paths["json"].parent)
    return _Plan(board, pack, paths, inputs, manifest, not force and is_up_to_date(manifest, inputs, formats, paths))


def _finish(plan: _Plan, rendered: dict[str, bytes | str], formats: Sequence[str], force: bool) -> PackOutcome:
    """Write the rendered files while holding the board folder's lock (another run writing the same
    folder waits, or the board is reported busy)."""
    folder = plan.paths["json"].parent
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(folder / LOCK_NAME, timeout=LOCK_WAIT_SECONDS):
            return _write_locked(plan, rendered, formats, force)
    except Timeout:
        return PackOutcome(slug=plan.board.slug, status="failed", error=(
            f"the board is busy: another lfjb run has been writing {display_path(folder)} for over "
            f"{LOCK_WAIT_SECONDS // 60} minutes. Try again when it has finished."))


def _write_locked(plan: _Plan, rendered: dict[str, bytes | str], formats: Sequence[str], force: bool) -> PackOutcome:
    """Keep the earlier pack in previous/ when something changed, then write the files atomically and
    the manifest last. The old manifest is removed first, so a run killed half-way leaves no manifest
    that vouches for a mix of old and new files: the next run simply writes the pack again."""
    board, pack, paths = plan.board, plan.pack, plan.paths
    folder = paths["json"].parent
    remove_leftovers(folder)
    manifest = read_manifest(folder)  # again: another run may have written this folder since the plan
    outcome = PackOutcome(slug=board.slug, rows_rejected=pack.data_quality["rows_rejected"])
    if not force and is_up_to_date(manifest, plan.inputs, formats, paths):
        outcome.status, outcome.files = "up_to_date", {f: paths[f] for f in formats}
        return outcome
    if problem := previous_problem(folder):
        outcome.status, outcome.error = "failed", problem
        return outcome
    roles, reasons = changes_since(manifest, plan.inputs, folder)
    if manifest is None and (manifest := damaged_manifest(folder, paths)) is not None:
        reasons = [f"its {MANIFEST_NAME} was empty or damaged, so what made the earlier files is not known"]
    earlier: dict = {}
    if manifest and reasons:
        outcome.status, outcome.changed_inputs, outcome.reasons = "rebuilt", roles, reasons
        outcome.kept_previous = keep_previous(folder, manifest)
    elif manifest:  # same inputs, other formats or --force: the earlier outputs stay listed
        earlier = {fmt: entry for fmt, (_, entry) in manifest_outputs(manifest, folder).items()}
    (folder / MANIFEST_NAME).unlink(missing_ok=True)
    if outcome.kept_previous:
        for old, _ in manifest_outputs(manifest, folder).values():  # kept in previous/; not left beside the new pack
            if old.name not in {paths[f].name for f in rendered}:
                old.unlink(missing_ok=True)
    write_all_atomic({paths[fmt]: content for fmt, content in rendered.items()})  # all or none (a full disk)
    outputs = {}
    for fmt, content in rendered.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        outputs[fmt] = {"file": paths[fmt].name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    write_atomic(folder / MANIFEST_NAME, manifest_text(board.slug, str(pack.month), plan.inputs, {**earlier, **outputs},
                                                    pack.data_quality["rows_rejected"]))
    outcome.files = {fmt: paths[fmt] for fmt in rendered}
    return outcome


def _render_all(plans: list[_Plan], formats: Sequence[str], progress: Progress | None) -> dict[str, tuple[dict | None, str | None]]:
    """Render every plan: across a process pool when there are several PDFs or HTML pages to draw
    (layout is CPU-bound), in this process otherwise. Returns slug -> (files, error)."""
    results: dict[str, tuple[dict | None, str | None]] = {}
    workers = min(len(plans), os.cpu_count() or 1, MAX_WORKERS)
    if workers > 1 and {"pdf", "html"} & set(formats):
        from lfjb.workflows.processes import run_each

        # One board per process at a time: a process that dies fails only its board; Ctrl-C or SIGTERM
        # here stops every worker before it reaches the caller.
        jobs = [(p.board.slug, (p.pack, list(formats))) for p in plans]
        return run_each(_render_job, jobs, workers, progress)
    drawn = bool({"pdf", "html"} & set(formats))
    for i, plan in enumerate(plans):
        if progress:
            progress(plan.board.slug)
        try:
            results[plan.board.slug] = (render_pack(plan.pack, formats), None)
        except Exception as exc:  # noqa: BLE001 - reported per board; the run's exit code says it failed
            results[plan.board.slug] = (None, f"{type(exc).__name__}: {exc}")
        if drawn and i < len(plans) - 1:
            # A drawn pack leaves some 50 MB in cycles (WeasyPrint's boxes); the `lfjb` command runs with the
            # collector off (lfjb/cli.py), so on one core they are freed here, before the next board.
            gc.collect()
    return results


def write_packs(
    boards: Sequence[Board], packs: Sequence[PackModel], out: Path, formats: Sequence[str],
    progress: Progress | None = None, force: bool = False,
) -> list[PackOutcome]:
    """Write each board's pack like a build tool: skip it when its inputs are unchanged, keep the
    earlier pack in previous/ when they, lfjb's version or the pack's own files changed (it may
    already have gone to members), and write new files atomically with a manifest of input and output
    hashes. A failure is recorded against its board and the rest carry on."""
    plans = [_plan(board, pack, out, formats, force) for board, pack in zip(boards, packs, strict=True)]
    rendered = _render_all([p for p in plans if not p.up_to_date], formats, progress)
    outcomes = []
    for plan in plans:
        slug = plan.board.slug
        if plan.up_to_date:
            if progress:
                progress(slug)
            outcomes.append(PackOutcome(slug=slug, status="up_to_date", files={f: plan.paths[f] for f in formats},
                                        rows_rejected=plan.pack.data_quality["rows_rejected"]))
            continue
        files, error = rendered[slug]
        if error is None:
            try:
                outcomes.append(_finish(plan, files, formats, force))
                continue
            except OutputError as exc:
                error = str(exc)
            except OSError as exc:
                error = str(output_error(Path(exc.filename) if isinstance(exc.filename, str) else plan.paths["json"].parent, exc))
        outcomes.append(PackOutcome(slug=slug, status="failed", error=error))
    return outcomes


class PackProgress:
    """What `make_packs` tells its caller as it goes; every method does nothing here. The terminal's
    version (lfjb.terminal.PackDisplay) draws a spinner, then a bar."""

    def stage(self, text: str) -> None:
        """A step begins: reading the inputs, working out the figures."""

    def rows(self, rows: int, done: int, total: int) -> None:
        """How far through a large data extract the reading is (lfjb.inputs.tables.ReadProgress)."""

    def rendering(self, boards: int) -> None:
        """Rendering begins, for this many boards."""

    def rendered(self, slug: str) -> None:
        """A board's files are rendered (or found up to date)."""


@dataclass
class PackResult:
    """What `make_packs` did: each board's outcome, the packs made, and the problems of the boards left out."""

    outcomes: list[PackOutcome]
    packs: list[PackModel]
    problems: list[Problem]

    @property
    def made(self) -> set[str]:
        """The boards whose pack was written in this run (not found up to date)."""
        return {o.slug for o in self.outcomes if o.status != "up_to_date"}

    @property
    def warnings(self) -> list[tuple[str, str]]:
        """(slug, warning) about the data of each pack written in this run; an up-to-date pack was
        warned about when it was made, so its warnings are not repeated on every run."""
        found = [(p.slug, w) for p in self.packs if p.slug in self.made
                 for w in p.data_quality.get("warnings", [])]
        found += [(o.slug, f"{o.rows_rejected} row(s) of the data extract were set aside and not counted; see the "
                           "pack's data-quality section.") for o in self.outcomes if o.rows_rejected and o.slug in self.made]
        return found

    @property
    def failed(self) -> list[PackOutcome]:
        return [o for o in self.outcomes if o.error]

    @property
    def exit_code(self) -> int:
        """0; 1 if a board failed to render or write; 2 if a board's inputs were bad (SPEC.md)."""
        return 2 if self.problems else 1 if self.failed else 0


def make_packs(*, month: Month, out: Path, boards: list[str] | None = None, config_dir: Path = Path("board_config"),
               formats: Sequence[str] = DEFAULT_FORMATS, strict: bool = False, force: bool = False,
               overrides: InputOverrides = InputOverrides(), progress: PackProgress = PackProgress()) -> PackResult:
    """`lfjb pack`: load, check, build and write each board's pack for `month` under `out`.

    `formats` are lfjb.naming.FORMATS, already checked (lfjb.render.files.parse_formats). The boards
    whose inputs are good are written even when others' are bad (their problems are in the result);
    InputError when no board can be written at all, OutputError when `out` cannot be written (said
    before any board is read)."""
    check_writable_folder(out)  # a file given as --out, or a read-only disk: said before minutes of reading
    with cyclic_collector_paused():  # while reading and working out the figures too
        progress.stage("Reading the inputs and working out the figures…")
        loaded, problems = load_good_boards(boards, config_dir, strict, overrides, progress.rows)
        progress.stage("Working out the figures…")
        loaded, packs, unbuilt = build_good_packs(loaded, month)
        problems += unbuilt
        if not packs:
            raise InputError(problems)
    progress.rendering(len(loaded))
    # Outside the pause: render_pack pauses the collector for each board, so what one board's render left in
    # cycles can be collected before the next (_render_all; render workers collect on their own).
    outcomes = write_packs(loaded, packs, out, formats, progress.rendered, force)
    return PackResult(outcomes, packs, problems)


@dataclass
class ValidateResult:
    """The boards whose inputs are good (with what was set aside from them), and the others' problems."""

    boards: list[Board]
    problems: list[Problem]


def validate_boards(*, boards: list[str] | None = None, config_dir: Path = Path("board_config"), strict: bool = False,
                    overrides: InputOverrides = InputOverrides()) -> ValidateResult:
    """`lfjb validate`: every input of every board read and checked; nothing written."""
    return ValidateResult(*load_good_boards(boards, config_dir, strict, overrides))
