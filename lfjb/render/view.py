"""Presentation for the PDF and HTML packs: the Jinja2 environment, display filters and colours.

Templates format; they do not compute. Everything here is about how a figure looks (rounding,
thousands separators, dates in words, colours that meet WCAG contrast, small icons), never what it is:
figures come from the PackModel unchanged. The one thing prepared here rather than in the model is the
grouping of the action log by sub-group for display (see `actions_by_sub_group`).
"""

from __future__ import annotations

import math
import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

import lfjb
from lfjb.month import Month
from lfjb.vocab import ACTION_STATUSES, ASSURANCE, KPIS, SPC_TYPES, THEMES

# --- where the templates are -------------------------------------------------------------------------


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


def stylesheet(name: str) -> str:
    """The text of a CSS file from the templates folder, to be inlined by the renderer."""
    return (templates_dir() / name).read_text(encoding="utf-8")


# --- numbers and dates for people ----------------------------------------------------------------------

DASH = "–"  # shown where there is no figure (a KPI with no cases is null, never 0)


def number(value: float | int | None, decimals: int = 0) -> str:
    """12,345 or 12.3 (thousands separators; rounded for display only); an en dash for no value."""
    if value is None:
        return DASH
    return f"{value:,.{decimals}f}"


def kpi_value(value: float | None, unit: str) -> str:
    """A KPI as a reader sees it: weeks to 1 decimal, percentages whole, counts whole, hearings 1 decimal."""
    if value is None:
        return DASH
    if unit == "%":
        return f"{value:,.0f}%"
    if unit in ("weeks", "hearings"):
        return f"{value:,.1f}"
    return number(value, 0 if float(value).is_integer() else 1)


def kpi_value_unit(value: float | None, unit: str) -> str:
    """kpi_value with its unit in words: '29.5 weeks', '52%', '41 cases'."""
    if value is None:
        return "no figure"
    shown = kpi_value(value, unit)
    if unit == "%":
        return shown
    if unit in ("cases", "children", "hearings") and shown == "1":
        return f"1 {unit[:-1]}" if unit != "children" else "1 child"
    return f"{shown} {unit}"


def unit_word(value: float | None, unit: str) -> str:
    """The unit as it reads after the value: '1 case', '3 cases', '1 child', '1.0 hearings'."""
    singular = {"cases": "case", "children": "child"}
    if value is not None and unit in singular and float(value) == 1:
        return singular[unit]
    return unit


def kpi_change(delta: float | None, unit: str) -> str:
    """A change with its sign and unit: '+2.5 weeks', '−1.7 points', 'no change'; an en dash for none.

    Percentage-point changes have one decimal place, as the summary's headlines do, so a tile and a
    headline never show the same change rounded two ways."""
    if delta is None:
        return DASH
    if unit == "%":
        size, suffix = f"{abs(delta):.1f}", " points"
    elif unit in ("weeks", "hearings"):
        size, suffix = f"{abs(delta):.1f}", f" {unit}"
    else:
        size, suffix = number(abs(delta), 0 if float(delta).is_integer() else 1), ""
    if float(size.replace(",", "")) == 0:
        return "no change"
    sign = "+" if delta > 0 else "−"
    return f"{sign}{size}{suffix}"


def percent(value: float | None) -> str:
    """A 0–100 share as a whole percentage."""
    return DASH if value is None else f"{value:.0f}%"


def weeks(value: float | None) -> str:
    """Weeks to one decimal place, with the unit."""
    return DASH if value is None else f"{value:,.1f} weeks"


def money(value: float | None) -> str:
    """£18.5 million, £376,529: pounds for people (estimates, so no pence)."""
    if value is None:
        return DASH
    if abs(value) >= 1_000_000:
        return f"£{value / 1_000_000:,.1f} million"
    return f"£{value:,.0f}"


def significant(value: float, figures: int = 2) -> float:
    """`value` rounded half up to `figures` significant figures (363,470.6 -> 360,000.0; 18,500,000 ->
    19,000,000, where round() would give 18,000,000); 0 stays 0."""
    if value == 0:
        return 0.0
    exponent = math.floor(math.log10(abs(value))) - (figures - 1)
    step = Decimal(1).scaleb(exponent)
    return float((Decimal(repr(float(value))) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step)


def money_estimate(value: float | None, figures: int = 2) -> str:
    """A rough estimate in pounds, to `figures` significant figures: '£360,000', '£1.5 million',
    '£19 million'. For figures that are a guide to scale, where £363,471 would claim too much."""
    if value is None:
        return DASH
    rounded = significant(value, figures)
    if abs(rounded) >= 1_000_000:
        millions = rounded / 1_000_000
        places = max(0, figures - 1 - math.floor(math.log10(abs(millions))))
        return f"£{millions:,.{places}f} million"
    return f"£{rounded:,.0f}"


def _as_date(value: date | str | None) -> date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def long_date(value: date | str | None) -> str:
    """'26 September 2024' from a date or 'YYYY-MM-DD'."""
    d = _as_date(value)
    return DASH if d is None else f"{d.day} {d:%B %Y}"


def short_date(value: date | str | None) -> str:
    """'26 Sep 2024' for table cells."""
    d = _as_date(value)
    return DASH if d is None else f"{d.day} {d:%b %Y}"


def month_label(value: Month | str) -> str:
    """'March 2025' from a Month or 'YYYY-MM'."""
    return (value if isinstance(value, Month) else Month.parse(str(value))).label


def month_end(value: Month | str) -> str:
    """'31 March 2025': the last day of a Month or 'YYYY-MM', in words."""
    return long_date((value if isinstance(value, Month) else Month.parse(str(value))).last_day)


def month_short(value: Month | str) -> str:
    """'Mar 2025' from a Month or 'YYYY-MM'."""
    return (value if isinstance(value, Month) else Month.parse(str(value))).short_label


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 action', '3 actions'."""
    return f"{number(count)} {singular if count == 1 else (plural_form or singular + 's')}"


def status_label(status: str | None) -> str:
    return ACTION_STATUSES.get(status or "", status or DASH)


def theme_label(theme: str | None) -> str:
    return THEMES.get(theme or "", theme or DASH)


def kpi_label(kpi: str) -> str:
    return KPIS[kpi]["label"] if kpi in KPIS else kpi


# --- words and icons for status (colour is never the only signal) ---------------------------------------

# RAG status: a word and a shape as well as a colour.
RAG_SHAPES = {"green": "✓", "amber": "▲", "red": "✕", None: "–"}

# Headline tone: the word a chair reads before the sentence.
TONES = {
    "good": {"word": "Good news", "shape": "✓"},
    "warn": {"word": "Watch", "shape": "▲"},
    "bad": {"word": "Needs action", "shape": "✕"},
    "neutral": {"word": "For information", "shape": "●"},
}

# Making Data Count's variation and assurance, in words (NHS England "Making Data Count" icons).
# Words for the SPC icons and tables, from the one table in lfjb.vocab.
VARIATION_WORDS = {
    kind: words["title"] if words["short"] == words["title"] else f"{words['short']}: {words['title'][0].lower()}{words['title'][1:]}"
    for kind, words in SPC_TYPES.items()
} | {None: "Not enough data"}
VARIATION_SHORT = {kind: words["short"] for kind, words in SPC_TYPES.items()} | {None: "Not enough data"}
ASSURANCE_WORDS = {kind: words["long"] for kind, words in ASSURANCE.items()} | {None: "No target to test against"}
ASSURANCE_SHORT = {kind: words["short"] for kind, words in ASSURANCE.items()} | {None: "No target"}
POINT_WORDS = {kind: words["point"] for kind, words in SPC_TYPES.items()}
DIRECTION_WORDS = {"better": "better", "worse": "worse", "same": "no change", None: ""}


# --- colours and contrast (WCAG 2.2: 4.5:1 for text, 3:1 for graphics) -----------------------------------

WHITE = "#ffffff"
INK = "#0b0c0c"  # GOV.UK text colour
DEFAULT_PRIMARY = "#1d4f91"
DEFAULT_ACCENT = "#00703c"
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
TEXT_CONTRAST = 4.5
GRAPHIC_CONTRAST = 3.0


def _rgb(colour: str) -> tuple[float, float, float]:
    hexes = colour.lstrip("#")
    if len(hexes) == 3:
        hexes = "".join(c * 2 for c in hexes)
    return tuple(int(hexes[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _hex(rgb: Iterable[float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def relative_luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of an sRGB hex colour."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two hex colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(background: str) -> str:
    """White or near-black text, whichever meets 4.5:1 on `background` (white preferred)."""
    return WHITE if contrast_ratio(WHITE, background) >= TEXT_CONTRAST else INK


def darken_for(colour: str, against: str = WHITE, ratio: float = TEXT_CONTRAST) -> str:
    """`colour`, darkened just enough to reach `ratio` against `against` (unchanged if it already does)."""
    rgb = _rgb(colour)
    for step in range(0, 101):
        candidate = _hex(c * (1 - step / 100) for c in rgb)
        if contrast_ratio(candidate, against) >= ratio:
            return candidate
    return INK


def _safe_colour(value: str | None, default: str) -> str:
    """A hex colour fit to go into CSS; anything else falls back to the default (never user text in CSS)."""
    return value.lower() if isinstance(value, str) and _HEX.match(value) else default


@dataclass(frozen=True)
class Theme:
    """The board's colours, adjusted so that text meets WCAG 2.2 AA wherever they are used."""

    primary: str  # cover band and header backgrounds
    on_primary: str  # text on `primary`
    primary_ink: str  # `primary` as a text/line colour on white (darkened if needed)
    accent: str
    accent_ink: str
    primary_contrast: float  # white-or-ink text on primary, for the record

    def css(self) -> str:
        """CSS custom properties; only validated hex colours ever reach this string."""
        return (
            ":root{"
            f"--primary:{self.primary};--on-primary:{self.on_primary};--primary-ink:{self.primary_ink};"
            f"--accent:{self.accent};--accent-ink:{self.accent_ink};"
            "}"
        )


def board_theme(branding: dict | None) -> Theme:
    """The Theme for a board's `branding` (primary and accent colours), defaults where unset or invalid."""
    branding = branding or {}
    primary = _safe_colour(branding.get("primary_colour"), DEFAULT_PRIMARY)
    accent = _safe_colour(branding.get("accent_colour"), DEFAULT_ACCENT)
    on_primary = text_on(primary)
    return Theme(
        primary=primary,
        on_primary=on_primary,
        primary_ink=darken_for(primary),
        accent=accent,
        accent_ink=darken_for(accent),
        primary_contrast=contrast_ratio(on_primary, primary),
    )


# Heat-grid shading for the delay-driver matrix: five steps of one hue, with text colour chosen for
# contrast; the number is always printed in the cell, so the shade is never the only signal.
HEAT_STEPS = ("#ffffff", "#dbe8f4", "#a9c8e6", "#4f86c0", "#1d4f91")


def heat_level(count: int | None, highest: int) -> int:
    """0–4: the shade step of one cell of the driver matrix (0 for none)."""
    if not count or highest <= 0:
        return 0
    return min(4, 1 + (3 * (count - 1)) // max(1, highest - 1)) if highest > 1 else 4


def heat_style(level: int) -> str:
    """Inline background and text colour for a heat step (fixed palette; no user input)."""
    background = HEAT_STEPS[level]
    return f"background-color:{background};color:{text_on(background)}"


# --- small icons (own inline SVG, after Making Data Count's variation and assurance icons) ----------------

_ICON_COLOURS = {
    "special_cause_improvement": "#1d5fa8",
    "special_cause_concern": "#b35900",
    "special_cause_neutral": "#5c3b8c",
    "common_cause": "#505a5f",
    None: "#505a5f",
    "pass": "#1d5fa8",
    "fail": "#b35900",
    "hit_and_miss": "#505a5f",
}
_VARIATION_GLYPHS = {
    "special_cause_improvement": "M7 15 L12 8 L17 15",  # a chevron up: change for the better
    "special_cause_concern": "M7 9 L12 16 L17 9",  # a chevron down: change for the worse
    "special_cause_neutral": "M6 12 L18 12 M12 6 L12 18",
    "common_cause": "M5 13 C8 7 10 7 12 12 S16 17 19 11",  # a wave: usual ups and downs
    None: "M8 12 L16 12",
}
_ASSURANCE_LETTERS = {"pass": "P", "fail": "F", "hit_and_miss": "?", None: "–"}


def _icon_svg(body: str, label: str, for_pdf: bool) -> str:
    if for_pdf:
        return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24"><title>{escape(label)}</title>{body}</svg>'
    return f'<svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">{body}</svg>'


def variation_icon_svg(variation: str | None, for_pdf: bool = False) -> str:
    """A round icon for a point's variation: a chevron up or down for unusual change, a wave for usual."""
    colour = _ICON_COLOURS.get(variation, "#505a5f")
    path = _VARIATION_GLYPHS.get(variation, _VARIATION_GLYPHS[None])
    body = (
        f'<circle cx="12" cy="12" r="10.5" fill="#ffffff" stroke="{colour}" stroke-width="2"/>'
        f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/>'
    )
    return _icon_svg(body, f"Variation: {VARIATION_WORDS.get(variation, VARIATION_WORDS[None])}", for_pdf)


def assurance_icon_svg(assurance: str | None, for_pdf: bool = False) -> str:
    """A square icon for assurance against the target: P (pass), F (fail), ? (hit and miss)."""
    colour = _ICON_COLOURS.get(assurance, "#505a5f")
    letter = _ASSURANCE_LETTERS.get(assurance, "–")
    body = (
        f'<rect x="1.5" y="1.5" width="21" height="21" rx="3" fill="#ffffff" stroke="{colour}" stroke-width="2"/>'
        f'<text x="12" y="17" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="14" '
        f'font-weight="bold" fill="{colour}">{letter}</text>'
    )
    return _icon_svg(body, f"Assurance: {ASSURANCE_WORDS.get(assurance, ASSURANCE_WORDS[None])}", for_pdf)


def svg_data_uri(svg: str) -> str:
    """A data: URI for an SVG we generated (the PDF embeds icons and charts as <img>, for /Alt)."""
    from urllib.parse import quote

    return "data:image/svg+xml;charset=utf-8," + quote(svg)


# --- charts ----------------------------------------------------------------------------------------------

_XML_PROLOG = re.compile(r"^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)
_ID_ATTR = re.compile(r'\bid="([^"]+)"')
_INNER_ARIA = re.compile(r'\s(?:role|aria-[a-z]+)="[^"]*"')


def inline_svg(svg: str, chart_id: str, label: str) -> Markup:
    """A chart SVG fit to sit inside an HTML page: prolog removed, ids made unique to the chart,
    fixed width and height dropped (the viewBox stays, so it scales to the screen), role="img" and
    aria-label set. Only for SVG that lfjb generated; user text inside it was escaped
    by the SVG writer."""
    body = _XML_PROLOG.sub("", svg, count=1)
    ids = set(_ID_ATTR.findall(body))
    prefix = re.sub(r"[^a-zA-Z0-9_-]", "-", chart_id)
    for old in sorted(ids, key=len, reverse=True):
        new = f"{prefix}-{old}"
        body = body.replace(f'id="{old}"', f'id="{new}"')
        body = body.replace(f"url(#{old})", f"url(#{new})")
        body = body.replace(f'href="#{old}"', f'href="#{new}"')
    match = re.search(r"<svg\b[^>]*>", body)
    if match is None:
        raise ValueError(f"chart {chart_id} has no <svg> element")
    # The chart is one image (role="img" makes its parts presentational), so the roles and ARIA
    # attributes the chart writer put on its inner marks are dropped: screen readers and checkers
    # would otherwise look for a name on each mark.
    head, rest = body[: match.end()], body[match.end() :]
    rest = _INNER_ARIA.sub("", rest)
    tag = re.sub(r'\s(role|aria-[a-z]+)="[^"]*"', "", match.group(0))
    # Fixed width and height would hold the chart at its drawn size (640 px wide) and push the latest
    # months and the labels off a phone's screen; with the viewBox alone, CSS scales it to the width
    # of the page (figure.chart svg {width: 100%; height: auto}).
    if "viewBox=" in tag:
        tag = re.sub(r'\s(?:width|height)="[^"]*"', "", tag)
    tag = tag[:-1].rstrip("/") + f' role="img" aria-label="{escape(label)}">'
    return Markup(head[: match.start()] + tag + rest)


# --- unusual months on a trend page, as runs -------------------------------------------------------------


def unusual_runs(points: list[dict]) -> list[dict]:
    """The special-cause points of an SPC chart as runs for a table: consecutive points (in the
    chart's order) with the same type and the same reasons become one row, so a shift of twelve
    months reads as one line, not twelve. Presentation only: no value is changed or computed."""
    runs: list[dict] = []
    previous_index = None
    for index, point in enumerate(points):
        if point["type"] == "common_cause":
            continue
        reasons = list(point.get("reasons") or [])
        last = runs[-1] if runs else None
        if last and previous_index == index - 1 and last["type"] == point["type"] and last["reasons"] == reasons:
            last["last"] = point
            last["months"] += 1
        else:
            runs.append({"first": point, "last": point, "months": 1, "type": point["type"], "reasons": reasons})
        previous_index = index
    return runs


# --- the action log grouped for display ------------------------------------------------------------------


def actions_by_sub_group(actions: dict, sub_groups: list[dict]) -> list[dict]:
    """For each sub-group, in the board's order: its counts and the open actions needing attention
    (the PackModel's `reasons` on each row), overdue first. Presentation only: grouping, no rules."""
    counts = actions.get("by_sub_group", {})
    flagged = [r for r in actions.get("open_list", []) if r.get("reasons")]
    return [
        {**group, "counts": counts.get(group["id"], {}),
         "attention": [{"action": r, "reasons": r["reasons"]} for r in flagged if r["sub_group"] == group["id"]]}
        for group in sub_groups
    ]


# --- the Jinja2 environment ------------------------------------------------------------------------------

FILTERS = {
    "number": number,
    "kpi_value": kpi_value,
    "kpi_value_unit": kpi_value_unit,
    "kpi_change": kpi_change,
    "unit_word": unit_word,
    "percent": percent,
    "weeks": weeks,
    "money": money,
    "money_estimate": money_estimate,
    "long_date": long_date,
    "short_date": short_date,
    "month_label": month_label,
    "month_short": month_short,
    "month_end": month_end,
    "status_label": status_label,
    "theme_label": theme_label,
    "kpi_label": kpi_label,
}

GLOBALS = {
    "plural": plural,
    "RAG_SHAPES": RAG_SHAPES,
    "TONES": TONES,
    "VARIATION_WORDS": VARIATION_WORDS,
    "VARIATION_SHORT": VARIATION_SHORT,
    "ASSURANCE_WORDS": ASSURANCE_WORDS,
    "ASSURANCE_SHORT": ASSURANCE_SHORT,
    "POINT_WORDS": POINT_WORDS,
    "DIRECTION_WORDS": DIRECTION_WORDS,
    "heat_style": heat_style,
    "heat_level": heat_level,
    "unusual_runs": unusual_runs,
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


# --- what every template gets ----------------------------------------------------------------------------

# The measures that get a trend page of their own, in reading order (the charts module draws a
# process-control chart for each of these).
# Tiles in the order a chair reads them: timeliness first, then backlog, then volumes and hearings.
TILE_ORDER = (
    "mean_weeks", "median_weeks", "pct_within_26",
    "open_over_26", "open_over_38", "open_over_52",
    "issued", "children_issued", "disposed", "open_end",
    "mean_hearings", "mean_fcmh",
)


# The PDF and the HTML of one pack show the same charts: draw them once per PackModel (a cold
# vl-convert run over ~28 charts takes seconds). Keyed by id() and checked with a weak reference, so
# a new pack at a recycled address is never given another pack's charts.
_CHART_CACHE: dict[int, tuple[weakref.ref, dict]] = {}


def pack_charts_or_none(pack) -> dict:
    """The pack's charts from lfjb.charts (drawn once per pack); {} (text-only figures) without lfjb.charts."""
    try:
        from lfjb.charts import pack_charts
    except ImportError:  # lfjb.charts is optional at import time; the figures then say so in words
        return {}
    cached = _CHART_CACHE.get(id(pack))
    if cached is not None and cached[0]() is pack:
        return cached[1]
    charts = pack_charts(pack)
    for key in [k for k, (ref, _) in _CHART_CACHE.items() if ref() is None]:
        del _CHART_CACHE[key]
    _CHART_CACHE[id(pack)] = (weakref.ref(pack), charts)
    return charts


def pack_context(pack, medium: str) -> dict:
    """Everything the templates read, for `medium` 'pdf' or 'html'. Only presentation is added here."""
    board = pack.board
    theme = board_theme(board.get("branding"))
    for_pdf = medium == "pdf"
    tiles = [pack.tiles[k] for k in TILE_ORDER if k in pack.tiles]
    icons = {
        tile["id"]: {
            "variation": variation_icon_svg(tile["variation"], for_pdf),
            "assurance": assurance_icon_svg(tile["assurance"], for_pdf),
        }
        for tile in tiles
    }
    matrix = pack.drivers.get("matrix", {})
    highest = max((n for row in matrix.values() for n in row.values()), default=0)
    return {
        "pack": pack,
        "medium": medium,
        "board": board,
        "month": pack.month,
        "marking": board.get("protective_marking") or "OFFICIAL-SENSITIVE",
        "title": f"{board['name']}: board pack for {pack.month.label}",
        "theme": theme,
        "theme_css": theme.css(),
        "tiles": tiles,
        "icons": icons,
        "trend_kpis": pack.trend_kpis,
        "charts": pack_charts_or_none(pack),
        "sub_groups": board.get("sub_groups", []),
        "action_groups": actions_by_sub_group(pack.actions, board.get("sub_groups", [])),
        "heat_highest": highest,
        "variation_icons": {v: variation_icon_svg(v, for_pdf) for v in VARIATION_WORDS if v},
        "assurance_icons": {a: assurance_icon_svg(a, for_pdf) for a in ASSURANCE_WORDS if a},
        "data_uri": svg_data_uri,
        "inline_svg": inline_svg,
    }
