"""The `lfjb pack` workflow as a library: load every board, check every input, then render and write.

Input problems in any board stop the run before anything is written (exit 2). Once inputs are good,
each board is rendered and written on its own: one board failing does not stop the others (exit 1).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lfjb.inputs import Board, InputError, load_board, resolve_board_files
from lfjb.month import Month
from lfjb.pack import PackModel, build_pack
from lfjb.render.files import json_text, pack_paths, write_atomic

Progress = Callable[[str], None]


@dataclass
class PackOutcome:
    slug: str
    files: dict[str, Path] = field(default_factory=dict)
    error: str | None = None
    rows_rejected: int = 0


def load_boards(names: list[str] | None, config_dir: Path, strict: bool = False) -> list[Board]:
    """Every named board's validated inputs (all boards in `config_dir` when none are named);
    one InputError listing the problems of all boards together, including names that match no board."""
    paths, problems = resolve_board_files(names, config_dir)
    boards = []
    for path in paths:
        try:
            boards.append(load_board(path, strict=strict))
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


def render_pack(pack: PackModel, formats: Sequence[str], board: Board | None = None) -> dict[str, bytes | str]:
    """The pack's files in memory, keyed by format, so nothing is written until all have rendered."""
    rendered: dict[str, bytes | str] = {}
    if "json" in formats:
        rendered["json"] = json_text(pack.to_json_dict())
    if "html" in formats:
        from lfjb.render.html import render_html

        rendered["html"] = render_html(pack)
    if "pdf" in formats:
        from lfjb.render.pdf import render_pdf

        rendered["pdf"] = render_pdf(pack, board_folder=board.file.folder if board else None)
    return rendered


def write_pack(pack: PackModel, out: Path, formats: Sequence[str], board: Board | None = None) -> dict[str, Path]:
    """Render then write the pack's files atomically; returns the paths written."""
    rendered = render_pack(pack, formats, board)
    paths = pack_paths(out, pack.board["slug"], pack.month)
    for fmt, content in rendered.items():
        write_atomic(paths[fmt], content)
    return {fmt: paths[fmt] for fmt in rendered}


def write_packs(
    boards: Sequence[Board], packs: Sequence[PackModel], out: Path, formats: Sequence[str], progress: Progress | None = None
) -> list[PackOutcome]:
    """Write each board's pack; a failure is recorded against that board and the rest carry on."""
    outcomes = []
    for board, pack in zip(boards, packs, strict=True):
        if progress:
            progress(board.slug)
        outcome = PackOutcome(slug=board.slug, rows_rejected=pack.data_quality["rows_rejected"])
        try:
            outcome.files = write_pack(pack, out, formats, board)
        except Exception as exc:  # noqa: BLE001 - reported per board; the run's exit code says it failed
            outcome.error = f"{type(exc).__name__}: {exc}"
        outcomes.append(outcome)
    return outcomes
