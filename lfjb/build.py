"""The `lfjb pack` workflow as a library: load every board, check every input, then render and write.

Input problems in any board stop the run before anything is written (exit 2). Once inputs are good,
each board is rendered and written on its own: one board failing does not stop the others (exit 1).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from lfjb import __version__
from lfjb.inputs import Board, InputError, Problem, load_board, resolve_board_files
from lfjb.inputs.overrides import InputOverrides
from lfjb.month import Month
from lfjb.pack import PackModel, build_pack
from lfjb.render.files import json_text, pack_paths, write_atomic

Progress = Callable[[str], None]


MAX_WORKERS = 4  # processes rendering boards at once (bounded by the machine's cores)
MANIFEST_NAME = "manifest.json"
PREVIOUS_DIR = "previous"


@dataclass
class PackOutcome:
    slug: str
    files: dict[str, Path] = field(default_factory=dict)
    error: str | None = None
    rows_rejected: int = 0
    status: str = "written"  # "written", "up_to_date", "rebuilt" (inputs changed) or "failed"
    changed_inputs: list[str] = field(default_factory=list)
    kept_previous: Path | None = None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_fingerprint(board: Board) -> dict[str, dict[str, str]]:
    """SHA-256 of every input file, by its role, for the manifest and the up-to-date check."""
    roles = {"terms_of_reference": board.file.path, "actions": board.actions_path, "extract": board.extract.path}
    if board.logo_path:
        roles["logo"] = board.logo_path
    return {role: {"path": str(path), "sha256": file_sha256(path)} for role, path in roles.items()}


def read_manifest(folder: Path) -> dict | None:
    try:
        return json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def changed_inputs(manifest: dict, inputs: dict[str, dict[str, str]]) -> list[str]:
    """The roles whose file differs from the manifest's (added or removed roles count as changed)."""
    before = manifest.get("inputs", {})
    roles = sorted(set(before) | set(inputs))
    return [r for r in roles if before.get(r, {}).get("sha256") != inputs.get(r, {}).get("sha256")]


def is_up_to_date(manifest: dict | None, inputs: dict, formats: Sequence[str], paths: dict[str, Path]) -> bool:
    """Same lfjb version, same input hashes, and every requested file still there as written."""
    if not manifest or manifest.get("lfjb_version") != __version__ or changed_inputs(manifest, inputs):
        return False
    outputs = manifest.get("outputs", {})
    return all(fmt in outputs and paths[fmt].is_file() and file_sha256(paths[fmt]) == outputs[fmt]["sha256"] for fmt in formats)


def keep_previous(folder: Path, manifest: dict) -> Path:
    """Move the earlier pack's files and manifest into previous/<when it was made>/; returns that folder."""
    stamp = str(manifest.get("created", "unknown")).replace(":", "").replace("-", "")[:15] or "unknown"
    target = folder / PREVIOUS_DIR / stamp
    n = 1
    while target.exists():
        n += 1
        target = folder / PREVIOUS_DIR / f"{stamp}-{n}"
    target.mkdir(parents=True)
    for entry in manifest.get("outputs", {}).values():
        source = folder / entry["file"]
        if source.is_file():
            source.replace(target / source.name)
    (folder / MANIFEST_NAME).replace(target / MANIFEST_NAME)
    return target


def load_boards(names: list[str] | None, config_dir: Path, strict: bool = False, overrides: InputOverrides = InputOverrides()) -> list[Board]:
    """Every named board's validated inputs (all boards in `config_dir` when none are named);
    one InputError listing the problems of all boards together, including names that match no board.
    `overrides` replaces the action log or extract path of a single board."""
    paths, problems = resolve_board_files(names, config_dir)
    if overrides.is_set and len(paths) + len(problems) != 1:
        raise InputError([Problem("--actions/--extract", "", "--board", "replace one board's inputs, so name exactly one board with --board.")])
    boards = []
    for path in paths:
        try:
            boards.append(load_board(path, strict=strict, actions=overrides.actions, extract=overrides.extract))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return boards


def build_packs(boards: Sequence[Board], month: Month, as_of: date | None = None) -> list[PackModel]:
    """A PackModel per board; one InputError for every board whose extract does not cover the month."""
    packs, problems = [], []
    for board in boards:
        try:
            packs.append(build_pack(board, month, as_of))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return packs


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
        from lfjb.render.html import render_html

        rendered["html"] = render_html(pack, charts)
    if "pdf" in formats:
        from lfjb.render.pdf import render_pdf

        rendered["pdf"] = render_pdf(pack, charts)
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


def _finish(plan: _Plan, rendered: dict[str, bytes | str]) -> PackOutcome:
    """Write rendered files atomically, keeping the earlier pack when inputs changed, then the manifest."""
    board, pack, paths, manifest = plan.board, plan.pack, plan.paths, plan.manifest
    folder = paths["json"].parent
    outcome = PackOutcome(slug=board.slug, rows_rejected=pack.data_quality["rows_rejected"])
    if manifest and (changes := changed_inputs(manifest, plan.inputs)):
        outcome.status, outcome.changed_inputs = "rebuilt", changes
        outcome.kept_previous = keep_previous(folder, manifest)
    outputs = {}
    for fmt, content in rendered.items():
        write_atomic(paths[fmt], content)
        data = content.encode("utf-8") if isinstance(content, str) else content
        outputs[fmt] = {"file": paths[fmt].name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    if manifest and not outcome.kept_previous:  # same inputs, other formats or --force: keep earlier outputs listed
        outputs = {**{k: v for k, v in manifest.get("outputs", {}).items() if (folder / v["file"]).is_file()}, **outputs}
    write_atomic(folder / MANIFEST_NAME, json_text({
        "lfjb_version": __version__,
        "board": board.slug,
        "month": str(pack.month),
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "inputs": plan.inputs,
        "outputs": outputs,
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
    earlier pack in previous/ when they changed (it may already have gone to members), and write new
    files atomically with a manifest of input and output hashes. A failure is recorded against its
    board and the rest carry on."""
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
                outcomes.append(_finish(plan, files))
                continue
            except OSError as exc:
                error = f"{type(exc).__name__}: {exc}"
        outcomes.append(PackOutcome(slug=slug, status="failed", error=error))
    return outcomes
