"""`lfjb init` as a library call: a new board's files, or OutputError in words when they cannot be written."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from lfjb.init import create_board, refresh_board_lists, slug_problems
from lfjb.inputs.errors import InputError
from lfjb.render.files import output_error


@dataclass(frozen=True)
class InitResult:
    slug: str
    terms_of_reference: Path
    action_log: Path
    extract: Path

    @property
    def files(self) -> list[Path]:
        return [self.terms_of_reference, self.action_log, self.extract]


def init_board(*, slug: str, dfj_area: str | None, config_dir: Path) -> InitResult:
    """Set up board `slug` in `config_dir` (lfjb.init.create_board). InputError for a bad slug or area or
    a file that exists already; OutputError (exit 2, or 1 for a full disk) when the folder cannot be
    written, after removing whatever of the board was written before the failure."""
    if problems := slug_problems(slug):  # before any path is built from it: a name too long fails even to look up
        raise InputError(problems)
    # What create_board writes: <slug>.yaml and the <slug>/ folder; whatever of them is new is removed on failure.
    config, folder = config_dir / f"{slug}.yaml", config_dir / slug
    had = (config.exists(), folder.exists())
    try:
        written = create_board(slug, dfj_area, config_dir)
    except OSError as exc:
        if not had[0] and config.is_file():
            config.unlink(missing_ok=True)
        if not had[1] and folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
        failed = Path(exc.filename) if isinstance(exc.filename, str) else config_dir
        raise output_error(failed, exc, "the board was not set up") from None
    return InitResult(slug, *written)


def refresh_lists(*, slug: str, config_dir: Path) -> str | None:
    """Bring board `slug`'s action-log drop-down lists in line with its terms of reference
    (lfjb.init.refresh_board_lists): the action log as shown to the user if rewritten, None if it already agreed."""
    return refresh_board_lists(slug, config_dir)
