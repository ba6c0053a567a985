"""Where the templates are, and the one Jinja2 environment every document is drawn with.

Templates format; they do not compute: the filters here only write figures for people (through
lfjb/formatting.py) and the globals are words and colours for status.
"""

from __future__ import annotations

import hashlib
import sys
from functools import cache
from pathlib import Path

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup

import lfjb
from lfjb import formatting
from lfjb.colours import palette_css
from lfjb.render import icons, theme
from lfjb import vocab
from lfjb.vocab import ACTION_STATUSES, BOARD_SUFFIX, BOARD_SUFFIX_SHORT, KPIS, THEMES


def template_dirs() -> list[Path]:
    """Template folders to search, installed wheel first (lfjb/templates), then the repo's templates/."""
    package = Path(lfjb.__file__).resolve().parent
    return [d for d in (package / "templates", package.parent / "templates") if d.is_dir()]


def templates_dir() -> Path:
    """The folder the templates are read from; FileNotFoundError naming both places looked in."""
    found = template_dirs()
    if not found:
        package = Path(lfjb.__file__).resolve().parent
        raise FileNotFoundError(f"lfjb's templates are missing: looked in {package / 'templates'} and {package.parent / 'templates'}")
    return found[0]


# Rules the PDF pack and the HTML summary share, added after each one's own stylesheet.
SHARED_STYLESHEET = "table_headers.css"


def pack_stylesheet(name: str) -> str:
    """A pack document's stylesheet (pack.css or summary.css) with the rules both share."""
    return stylesheet(name) + "\n" + stylesheet(SHARED_STYLESHEET)


def stylesheet(name: str) -> str:
    """The text of a CSS file from the templates folder, to be inlined by the renderer, after the
    palette of colours with meaning (lfjb.colours.palette_css) that it reads as var(--rag-...)."""
    return palette_css() + "\n" + (templates_dir() / name).read_text(encoding="utf-8")


def status_label(status: str | None) -> str:
    return ACTION_STATUSES.get(status or "", status or formatting.DASH)


def theme_label(theme_id: str | None) -> str:
    return THEMES.get(theme_id or "", theme_id or formatting.DASH)


def kpi_label(kpi: str) -> str:
    return KPIS[kpi]["label"] if kpi in KPIS else kpi


# The most characters of a board's free text the pack prints (PDF and HTML summary): an action's title,
# owner and latest note, and names (sub-groups, leads, link members). Longer text is cut with an ellipsis
# and a note; the pack's JSON and spreadsheets keep it whole. A 20,000-character owner made 33 pages.
TEXT_LIMITS = {"title": 300, "owner": 80, "note": 400, "name": 120}
CLIPPED_NOTE = "shortened: the full text is in the pack’s JSON and spreadsheets"


def shorten(text: str, kind: str = "name") -> str:
    """`text` cut to TEXT_LIMITS[kind] characters, an ellipsis last, when it is longer (plain text: a
    page title, a document property)."""
    limit = TEXT_LIMITS[kind]
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


# The running head's left box is 38% of the 180 mm text width (pack.css, @top-left): about 42 characters
# of 8 pt DejaVu Sans. A longer name ending "Local Family Justice Board" is printed with "LFJB" for those
# words (vocab.BOARD_SUFFIX), so it stays on one line (the cover and the summary give the name in full).
RUNNING_HEAD_CHARS = 42


def running_head(name: str) -> str:
    """The board's name as the PDF's running head prints it (see RUNNING_HEAD_CHARS)."""
    if len(name) > RUNNING_HEAD_CHARS and name.endswith(BOARD_SUFFIX):
        name = name[: -len(BOARD_SUFFIX)] + BOARD_SUFFIX_SHORT
    return shorten(name)


def clip(text: object, kind: str) -> object:
    """`text` as printed: whole when it is at most TEXT_LIMITS[kind] characters, else its first
    characters, an ellipsis and a note saying where the whole of it is (escaped: it is the board's)."""
    if not isinstance(text, str) or len(text) <= TEXT_LIMITS[kind]:
        return text
    return Markup('{}<span class="clipped"> [{}]</span>').format(shorten(text, kind), CLIPPED_NOTE)


FILTERS = {
    "clip": clip,
    "shorten": shorten,  # plain text cut to TEXT_LIMITS (board names in titles, running heads, alt text)
    "running_head": running_head,
    "number": formatting.number,
    "kpi_value": formatting.kpi_value,
    "kpi_value_unit": formatting.kpi_value_unit,
    "kpi_change": formatting.kpi_change,
    "unit_word": formatting.unit_word,
    "percent": formatting.percent,
    "weeks": formatting.weeks,
    "money": formatting.money,
    "money_estimate": formatting.money_estimate,
    "long_date": formatting.long_date,
    "short_date": formatting.short_date,
    "month_label": formatting.month_label,
    "month_short": formatting.month_short,
    "month_end": formatting.month_end,
    "status_label": status_label,
    "theme_label": theme_label,
    "kpi_label": kpi_label,
    "upper_first": formatting.upper_first,
}

GLOBALS = {
    "plural": formatting.plural,
    "RAG_SHAPES": icons.RAG_SHAPES,
    "TONES": icons.TONES,
    "VARIATION_WORDS": icons.VARIATION_WORDS,
    "VARIATION_SHORT": icons.VARIATION_SHORT,
    "ASSURANCE_WORDS": icons.ASSURANCE_WORDS,
    "ASSURANCE_SHORT": icons.ASSURANCE_SHORT,
    "POINT_WORDS": icons.POINT_WORDS,
    "DIRECTION_WORDS": icons.DIRECTION_WORDS,
    "heat_style": theme.heat_style,
    "heat_level": theme.heat_level,
    "TEXT_LIMITS": TEXT_LIMITS,  # the most characters of free text printed (clip)
    # The day counts behind "within 26 weeks" and "over 38 / 52 weeks", for the definitions (lfjb.vocab).
    "DAYS": {"within_26": vocab.WITHIN_26_DAYS, "over_26": vocab.OVER_26_DAYS, "over_38": vocab.OVER_38_DAYS,
             "over_52": vocab.OVER_52_DAYS},
}


# How the templates are compiled; part of the compiled templates' cache key (TemplateCodeCache).
AUTOESCAPED = ("html", "htm", "xml", "svg")
SYNTAX = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}


class TemplateCodeCache(FileSystemBytecodeCache):
    """Compiled templates kept between runs (issue 22, item 4: compiling the pack's 23 templates is
    0.13 CPU s of every process that draws a pack; loading them compiled, 0.004 s).

    In Jinja2's own per-user folder (`<temp>/_jinja2-cache-<uid>`, made readable by its owner only,
    refused when anyone else owns it). A compiled template is used only when its source is the one it
    was compiled from (Jinja2 checks a checksum of the template's text), and its key also names the
    template's file, Jinja2's and Python's versions and how lfjb compiles (`SYNTAX`, `AUTOESCAPED`), so
    an edited template, another install or an upgrade is compiled afresh, never served stale. Any
    trouble with the folder (read-only, full, not ours) only means compiling, as without a cache."""

    SALT = repr((jinja2.__version__, lfjb.__version__, sys.version, sorted(SYNTAX.items()), AUTOESCAPED)).encode("utf-8")

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        key = hashlib.sha1(self.SALT)
        key.update(name.encode("utf-8"))
        key.update(f"|{filename or ''}".encode("utf-8"))
        return key.hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - unreadable, cut short or damaged: compiled again, never fatal
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def template_code_cache() -> TemplateCodeCache | None:
    """The compiled templates' cache, or None when Jinja2's per-user folder cannot be used safely."""
    try:
        return TemplateCodeCache()
    except (OSError, RuntimeError):
        return None


@cache
def environment() -> Environment:
    """The Jinja2 environment: autoescape on for .html, strict about missing names, lfjb's filters,
    compiled templates kept between runs (TemplateCodeCache)."""
    env = Environment(
        loader=FileSystemLoader([str(d) for d in template_dirs()]),
        autoescape=select_autoescape(enabled_extensions=AUTOESCAPED, default_for_string=True),
        undefined=StrictUndefined,
        bytecode_cache=template_code_cache(),
        **SYNTAX,
    )
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
    return env
