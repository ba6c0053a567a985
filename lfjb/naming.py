"""How boards and their papers are named: the slug rule and every output path, in one place.

The terms of reference check a board's slug with `is_slug`; the writers build paths with `pack_paths`
and `comparison_paths` (SPEC.md "Command line"), which refuse a slug that could climb out of the
output folder.
"""

from __future__ import annotations

import re
from pathlib import Path

from lfjb.month import Month

# Lowercase letters, digits and single hyphens (SPEC.md: "anything else is refused"); matched whole,
# so a trailing newline or a path separator never passes.
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# The longest slug `lfjb init` sets up: a slug is in every output file name (<slug>-board-pack-<YYYY-MM>.pdf,
# <slug>-cases-<date>.xlsx), and a file system refuses a name over 255 bytes. A board's name can be long.
SLUG_MAX_LENGTH = 60
FORMATS = ("pdf", "html", "json", "ods", "xlsx")  # ods, xlsx: accessible spreadsheets (issue 22)
DEFAULT_FORMATS = ("pdf", "html", "json")  # what --format gives when not set (SPEC.md)
MANIFEST_NAME = "manifest.json"  # in each pack's folder: lfjb.render.manifest
PREVIOUS_DIR = "previous"  # beside a pack: the earlier packs it replaced, each in previous/<when it was made>/


SLUG_RULE = (f"a slug may use only lowercase letters, digits and single hyphens, at most {SLUG_MAX_LENGTH} characters, "
             "such as north-wales")


def is_slug(text: str) -> bool:
    """True when `text` is a valid board slug (e.g. 'essex-suffolk'): SLUG_PATTERN, at most SLUG_MAX_LENGTH."""
    return isinstance(text, str) and len(text) <= SLUG_MAX_LENGTH and SLUG_PATTERN.fullmatch(text) is not None


def slug_problem(text: str) -> str | None:
    """Why `text` cannot be a board's slug, in words (what was found, then SLUG_RULE); None when it can.
    The one message for `lfjb init`, a board's `slug:` and a board file's name."""
    if is_slug(text):
        return None
    shown = f"{text[:20]}…" if len(text) > 20 else text
    found = f"'{shown}' is {len(text)} characters long" if SLUG_PATTERN.fullmatch(text) else f"'{shown}' is not a slug"
    return f"{found}: {SLUG_RULE}."


def pack_paths(out: Path, slug: str, month: Month) -> dict[str, Path]:
    """SPEC.md: DIR/<slug>/<YYYY-MM>/<slug>-board-pack-<YYYY-MM>.pdf, -summary-.html, -pack-.json;
    the spreadsheets beside the JSON, <slug>-pack-<YYYY-MM>.ods and .xlsx."""
    if not is_slug(slug):  # a slug must never climb out of the output folder
        raise ValueError(f"'{slug}' is not a valid board slug")
    folder = out / slug / str(month)
    return {
        "pdf": folder / f"{slug}-board-pack-{month}.pdf",
        "html": folder / f"{slug}-summary-{month}.html",
        "json": folder / f"{slug}-pack-{month}.json",
        "ods": folder / f"{slug}-pack-{month}.ods",
        "xlsx": folder / f"{slug}-pack-{month}.xlsx",
    }


def comparison_paths(out: Path, month: Month, publish: bool = False) -> dict[str, Path]:
    """SPEC.md: DIR/comparison/<YYYY-MM>/comparison-<YYYY-MM>.{pdf,html,json,ods,xlsx}; with `publish`,
    comparison-<YYYY-MM>-published.{pdf,html,json,ods,xlsx} beside them, so neither overwrites the other."""
    folder = out / "comparison" / str(month)
    stem = f"comparison-{month}-published" if publish else f"comparison-{month}"
    return {fmt: folder / f"{stem}.{fmt}" for fmt in FORMATS}
