"""Where packs go and how they are written: atomically, so no reader ever sees half a file, and a place
that cannot be written (a folder given as a file, a read-only disk, a full disk) is said in words."""

from __future__ import annotations

import errno
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from lfjb.inputs.errors import display_path
from lfjb.naming import FORMATS, comparison_paths, pack_paths  # one home for names (lfjb/naming.py)

__all__ = ["FORMATS", "OutputError", "check_writable_folder", "comparison_paths", "json_text", "pack_paths",
           "parse_formats", "write_all_atomic", "write_atomic"]

PART_SUFFIX = ".part"  # files and folders being written; a killed run may leave them behind


class OutputError(Exception):
    """A file lfjb was asked to write could not be written, in words for the user. `exit_code` is 2 for a
    place that cannot be written (usage: choose another) and 1 for a run that failed (a full disk)."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


# errno -> (what went wrong, what to do, exit code)
_REASONS = {
    errno.ENOSPC: ("the disk is full", "Free some space and run again.", 1),
    errno.EDQUOT: ("your disk quota is used up", "Free some space and run again.", 1),
    errno.EROFS: ("it is on a read-only disk", "Choose a place you can write to.", 2),
    errno.EACCES: ("you are not allowed to write there", "Choose a place you can write to.", 2),
    errno.EPERM: ("you are not allowed to write there", "Choose a place you can write to.", 2),
    errno.EISDIR: ("it is a folder", "Give the name of a file.", 2),
    errno.ENOTDIR: ("part of the path is a file, not a folder", "Choose a folder, not a file.", 2),
    errno.ENAMETOOLONG: ("the name is too long", "Give a shorter name.", 2),
}


def output_error(path: Path, exc: OSError, done: str = "nothing was written") -> OutputError:
    """An OSError while writing `path`, as an OutputError in words."""
    what, hint, code = _REASONS.get(exc.errno, (exc.strerror or str(exc) or type(exc).__name__, "", 1))
    return OutputError(f"{display_path(path)} could not be written: {what}; {done}. {hint}".rstrip(), code)


def check_writable_folder(folder: Path) -> None:
    """OutputError unless files can be written in `folder` (it exists, or can be made under the nearest
    folder that does): checked before minutes of rendering, so a bad --out is said at once. Makes
    nothing."""
    try:
        existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    except OSError as exc:  # a name too long for the file system, a loop of links: said, not a traceback
        raise output_error(folder, exc) from None
    if existing is None:
        return
    if not existing.is_dir():
        raise OutputError(f"{display_path(existing)} is a file, not a folder; nothing was written. Choose a folder, not a file.", 2)
    if not os.access(existing, os.W_OK | os.X_OK):
        read_only = bool(os.statvfs(existing).f_flag & os.ST_RDONLY)
        raise output_error(existing, OSError(errno.EROFS if read_only else errno.EACCES, ""))


def _write_part(path: Path, data: bytes) -> str:
    """`data` in a temporary file beside `path`, flushed to disk; returns its name."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=PART_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _permissions())  # as any other file the user makes, not mkstemp's 0600
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def write_atomic(path: Path, content: bytes | str) -> None:
    """Write `content` to a temporary file beside `path`, then rename it into place. OutputError (with
    nothing left behind) when the place cannot be written."""
    write_all_atomic({path: content})


def write_all_atomic(files: Mapping[Path, bytes | str]) -> None:
    """Write every file or none: each goes to a temporary file first, and only when all are on disk are
    they renamed into place (a full disk half-way leaves no JSON and HTML without the PDF).
    OutputError when a place cannot be written; an interrupted run leaves only `.part` files, which the
    next run of the pack removes."""
    parts: dict[Path, str] = {}
    current = next(iter(files), Path("."))
    try:
        for current, content in files.items():
            current.parent.mkdir(parents=True, exist_ok=True)
            if current.is_dir():
                raise IsADirectoryError(errno.EISDIR, "Is a directory", str(current))
            parts[current] = _write_part(current, content.encode("utf-8") if isinstance(content, str) else content)
        for current, tmp in parts.items():
            os.replace(tmp, current)
    except OSError as exc:
        for tmp in parts.values():
            Path(tmp).unlink(missing_ok=True)
        raise output_error(current, exc, "nothing was written" if len(files) == 1 else "none of its files were written") from None
    except BaseException:
        for tmp in parts.values():
            Path(tmp).unlink(missing_ok=True)
        raise


def _permissions() -> int:
    """The mode a new file gets under the process's umask (0644 under the usual 022)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def json_text(data: dict) -> str:
    """Pretty JSON with numbers unrounded (SPEC.md) and non-ASCII kept readable."""
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def parse_formats(text: str) -> list[str]:
    """'pdf,html' -> ['pdf', 'html']; ValueError naming anything unknown."""
    wanted = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise ValueError(f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)} (comma-separated)")
    return [f for f in FORMATS if f in wanted]
