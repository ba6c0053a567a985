"""Where the templates are, and the one Jinja2 environment every document is drawn with.

Templates format; they do not compute: the filters here only write figures for people (through
lfjb/formatting.py) and the globals are words and colours for status.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

import lfjb
from lfjb import formatting
from lfjb.colours import palette_css
from lfjb.render import icons, theme
from lfjb import vocab
from lfjb.vocab import ACTION_STATUSES, KPIS, THEMES


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


def clip(text: object, kind: str) -> object:
    """`text` as printed: whole when it is at most TEXT_LIMITS[kind] characters, else its first
    characters, an ellipsis and a note saying where the whole of it is (escaped: it is the board's)."""
    if not isinstance(text, str) or len(text) <= TEXT_LIMITS[kind]:
        return text
    return Markup('{}…<span class="clipped"> [{}]</span>').format(text[:TEXT_LIMITS[kind] - 1].rstrip(), CLIPPED_NOTE)


FILTERS = {
    "clip": clip,
    "shorten": shorten,  # plain text cut to TEXT_LIMITS (board names in titles, running heads, alt text)
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


@cache
def environment() -> Environment:
    """The Jinja2 environment: autoescape on for .html, strict about missing names, lfjb's filters."""
    env = Environment(
        loader=FileSystemLoader([str(d) for d in template_dirs()]),
        autoescape=select_autoescape(enabled_extensions=("html", "htm", "xml", "svg"), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
    return env
