"""The `lfjb pack` workflow as a library: load every board, check every input, then render and write.

A board whose inputs are bad is left out and its problems are listed; the boards whose inputs are good
are still written (exit 2 when any board was left out). Two boards with one slug, or a name that
matches no board, stop the run before anything is written. Each board is rendered and written on its
own: one board failing to render does not stop the others (exit 1). Writing a board's folder holds a
lock on it, so two runs into one `--out` take turns.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from filelock import FileLock, Timeout

from lfjb import __version__
from lfjb.inputs import Board, InputError, Problem, resolve_board_files
from lfjb.inputs.board import BoardFile, load_board_config
from lfjb.inputs.errors import display_path
from lfjb.inputs.loader import load_board_inputs
from lfjb.inputs.tables import ReadProgress
from lfjb.inputs.validation import unusable_extract_problems
from lfjb.inputs.overrides import InputOverrides
from lfjb.month import Month
from lfjb.pack import PackModel, build_pack
from lfjb.render.files import json_text, pack_paths, write_atomic

Progress = Callable[[str], None]


MAX_WORKERS = 4  # processes rendering boards at once (bounded by the machine's cores)
MANIFEST_NAME = "manifest.json"
PREVIOUS_DIR = "previous"
LOCK_NAME = ".lfjb.lock"
# How long a run waits for another run writing the same board's folder before calling it busy.
LOCK_WAIT_SECONDS = 300
PART_SUFFIX = ".part"  # files and folders being written; a killed run may leave them behind


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


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _content_sha256(data: object) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def input_fingerprint(board: Board) -> dict[str, dict[str, str]]:
    """SHA-256 of every input file, by its role, for the manifest and the up-to-date check.

    The terms of reference and the action log also get `content_sha256`, a hash of what lfjb read
    from them: a comment or a re-saved spreadsheet changes the bytes but not the pack."""
    roles = {"terms_of_reference": board.file.path, "actions": board.actions_path, "extract": board.extract.path}
    for path in getattr(board.extract, "source_paths", ())[1:]:  # the extract's later sources (issue 21)
        roles[f"extract source {path.name}"] = path
    if board.logo_path:
        roles["logo"] = board.logo_path
    if board.pre_proceedings is not None:
        roles["pre_proceedings"] = board.pre_proceedings.path
    # Paths as the terms of reference give them, relative to its folder: the manifest stays true when
    # the board's folders are moved or copied together, and names no one's home directory.
    found = {role: {"path": os.path.relpath(path, board.file.folder), "sha256": file_sha256(path)} for role, path in roles.items()}
    found["terms_of_reference"]["content_sha256"] = _content_sha256(board.config.model_dump(mode="json"))
    found["actions"]["content_sha256"] = _content_sha256([a.model_dump(mode="json") for a in board.actions])
    return found


def read_manifest(folder: Path) -> dict | None:
    try:
        manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def changed_inputs(manifest: dict, inputs: dict[str, dict[str, str]]) -> list[str]:
    """The roles whose input differs from the manifest's (added or removed roles count as changed):
    by content where both sides recorded it, else by the file's bytes."""
    before = manifest.get("inputs", {})
    if not isinstance(before, dict):
        return sorted(inputs)
    roles = sorted(set(before) | set(inputs))

    def same(old: object, new: dict[str, str] | None) -> bool:
        if not isinstance(old, dict) or new is None:
            return False
        key = "content_sha256" if "content_sha256" in old and "content_sha256" in new else "sha256"
        return old.get(key) == new.get(key)

    return [r for r in roles if not same(before.get(r), inputs.get(r))]


def edited_outputs(manifest: dict, folder: Path) -> list[str]:
    """The formats whose file is still there but no longer matches the manifest (edited by hand)."""
    outputs = manifest.get("outputs", {})
    if not isinstance(outputs, dict):
        return []
    edited = []
    for fmt, entry in outputs.items():
        path = folder / str(entry.get("file", "")) if isinstance(entry, dict) else None
        if path is not None and path.is_file() and path.parent == folder and file_sha256(path) != entry.get("sha256"):
            edited.append(fmt)
    return edited


def changes_since(manifest: dict | None, inputs: dict, folder: Path) -> tuple[list[str], list[str]]:
    """(input roles that changed, every reason in words) for keeping the earlier pack in previous/:
    a changed input, another lfjb version (the figures may be worked out differently), or a file of
    the pack edited since it was made."""
    if not manifest:
        return [], []
    roles = changed_inputs(manifest, inputs)
    reasons = [f"{', '.join(roles)} changed"] if roles else []
    version = manifest.get("lfjb_version")
    if version != __version__:
        reasons.append(f"the lfjb version changed ({version or 'unknown'} → {__version__})")
    if edited := edited_outputs(manifest, folder):
        reasons.append(f"the pack's {', '.join(f.upper() for f in edited)} file{'s were' if len(edited) != 1 else ' was'} changed after lfjb wrote it")
    return roles, reasons


def is_up_to_date(manifest: dict | None, inputs: dict, formats: Sequence[str], paths: dict[str, Path]) -> bool:
    """Same lfjb version, same input hashes, and every requested file still there as written."""
    if not manifest or manifest.get("lfjb_version") != __version__ or changed_inputs(manifest, inputs):
        return False
    outputs = manifest.get("outputs", {})
    return isinstance(outputs, dict) and all(
        isinstance(outputs.get(fmt), dict) and paths[fmt].is_file() and file_sha256(paths[fmt]) == outputs[fmt].get("sha256")
        for fmt in formats)


def _copy_into(source: Path, target: Path) -> None:
    """A hard link where the file system allows (instant, no space), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def keep_previous(folder: Path, manifest: dict) -> Path:
    """The earlier pack's files and manifest, kept in previous/<when it was made>/; returns that folder.

    The files are gathered in a hidden `.part` folder and appear in previous/ with one rename, so an
    interrupted run never splits the earlier pack across folders (the next run removes the `.part`)."""
    stamp = str(manifest.get("created", "unknown")).replace(":", "").replace("-", "")[:15] or "unknown"
    stamp = "".join(ch for ch in stamp if ch.isalnum() or ch in "+T") or "unknown"
    previous = folder / PREVIOUS_DIR
    manifest_bytes = (folder / MANIFEST_NAME).read_bytes()
    target, n = previous / stamp, 1
    while target.exists():
        if (target / MANIFEST_NAME).is_file() and (target / MANIFEST_NAME).read_bytes() == manifest_bytes:
            return target  # kept already by a run that stopped before writing the new pack
        n += 1
        target = previous / f"{stamp}-{n}"
    staging = previous / f".{target.name}{PART_SUFFIX}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    outputs = manifest.get("outputs", {})
    for entry in (outputs.values() if isinstance(outputs, dict) else []):
        source = folder / str(entry.get("file", "")) if isinstance(entry, dict) else None
        if source is not None and source.parent == folder and source.is_file():
            _copy_into(source, staging / source.name)
    _copy_into(folder / MANIFEST_NAME, staging / MANIFEST_NAME)
    os.replace(staging, target)
    return target


def remove_leftovers(folder: Path) -> None:
    """Temporary files and folders a killed run left behind (…part), in the pack's folder and previous/."""
    for place in (folder, folder / PREVIOUS_DIR):
        if not place.is_dir():
            continue
        for entry in place.glob(f".*{PART_SUFFIX}"):
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


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
    files: list[BoardFile] = []
    for path in paths:
        try:
            files.append(load_board_config(path))
        except InputError as exc:
            problems += exc.problems
    if clashes := same_slug_problems(files):
        raise InputError(clashes)
    boards = []
    for file in files:
        try:
            board = load_board_inputs(file, strict, overrides.actions, overrides.extract, progress)
        except InputError as exc:
            problems += exc.problems
            continue
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
    The charts are drawn once, after the pack and before rendering, and shared by the HTML and PDF."""
    rendered: dict[str, bytes | str] = {}
    if "json" in formats:
        rendered["json"] = json_text(pack.to_json_dict())
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


def _render_job(job: tuple[str, PackModel, Sequence[str]]) -> tuple[str, dict | None, str | None]:
    """render_pack in a worker process: (slug, files, None) or (slug, None, the error in words)."""
    slug, pack, formats = job
    try:
        return slug, render_pack(pack, formats), None
    except Exception as exc:  # noqa: BLE001 - reported against the board by the parent
        return slug, None, f"{type(exc).__name__}: {exc}"


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
    roles, reasons = changes_since(manifest, plan.inputs, folder)
    earlier: dict = {}
    if manifest and reasons:
        outcome.status, outcome.changed_inputs, outcome.reasons = "rebuilt", roles, reasons
        outcome.kept_previous = keep_previous(folder, manifest)
    elif manifest:  # same inputs, other formats or --force: the earlier outputs stay listed
        listed = manifest.get("outputs", {})
        earlier = {k: v for k, v in listed.items() if isinstance(v, dict) and (folder / str(v.get("file", ""))).is_file()} if isinstance(listed, dict) else {}
    (folder / MANIFEST_NAME).unlink(missing_ok=True)
    if outcome.kept_previous and isinstance(manifest.get("outputs"), dict):
        for entry in manifest["outputs"].values():  # kept in previous/; not left beside the new pack
            old = folder / str(entry.get("file", "")) if isinstance(entry, dict) else None
            if old is not None and old.parent == folder and old.name not in {paths[f].name for f in rendered}:
                old.unlink(missing_ok=True)
    outputs = {}
    for fmt, content in rendered.items():
        write_atomic(paths[fmt], content)
        data = content.encode("utf-8") if isinstance(content, str) else content
        outputs[fmt] = {"file": paths[fmt].name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    write_atomic(folder / MANIFEST_NAME, json_text({
        "lfjb_version": __version__,
        "board": board.slug,
        "month": str(pack.month),
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "inputs": plan.inputs,
        "outputs": {**earlier, **outputs},
        "rows_rejected": pack.data_quality["rows_rejected"],
    }))
    outcome.files = {fmt: paths[fmt] for fmt in rendered}
    return outcome


def _render_all(plans: list[_Plan], formats: Sequence[str], progress: Progress | None) -> dict[str, tuple[dict | None, str | None]]:
    """Render every plan: across a process pool when there are several PDFs or HTML pages to draw
    (layout is CPU-bound), in this process otherwise. Returns slug -> (files, error)."""
    results: dict[str, tuple[dict | None, str | None]] = {}
    workers = min(len(plans), os.cpu_count() or 1, MAX_WORKERS)
    if workers > 1 and {"pdf", "html"} & set(formats):
        # spawn, not fork: the parent may already run the chart engine's threads.
        jobs = [(p.board.slug, p.pack, list(formats)) for p in plans]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            for slug, files, error in pool.map(_render_job, jobs):
                if progress:
                    progress(slug)
                results[slug] = (files, error)
        return results
    for plan in plans:
        if progress:
            progress(plan.board.slug)
        try:
            results[plan.board.slug] = (render_pack(plan.pack, formats), None)
        except Exception as exc:  # noqa: BLE001 - reported per board; the run's exit code says it failed
            results[plan.board.slug] = (None, f"{type(exc).__name__}: {exc}")
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
            except OSError as exc:
                error = f"{type(exc).__name__}: {exc}"
        outcomes.append(PackOutcome(slug=slug, status="failed", error=error))
    return outcomes
