"""Where packs go and how they are written: atomically, so no reader ever sees half a file."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from lfjb.naming import FORMATS, comparison_paths, pack_paths  # one home for names (lfjb/naming.py)

__all__ = ["FORMATS", "comparison_paths", "json_text", "pack_paths", "parse_formats", "write_atomic"]


def write_atomic(path: Path, content: bytes | str) -> None:
    """Write `content` to a temporary file beside `path`, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _permissions())  # as any other file the user makes, not mkstemp's 0600
        os.replace(tmp, path)
    except BaseException:
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
