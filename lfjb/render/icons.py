"""Words and small icons for status, and charts fit to sit inside a page.

Colour is never the only signal: RAG has a word and a shape, SPC variation and assurance have an icon
with a glyph (after NHS England's Making Data Count icons) and words from lfjb.vocab.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from markupsafe import Markup, escape

from lfjb.colours import ASSURANCE_COLOURS, SPC_COLOURS
from lfjb.vocab import ASSURANCE, SPC_TYPES

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


# One palette with the SPC charts (lfjb/colours.py); grey where there is nothing to judge.
_NO_SIGNAL = SPC_COLOURS["common_cause"]
_ICON_COLOURS = {**SPC_COLOURS, **ASSURANCE_COLOURS}

_VARIATION_GLYPHS = {
    "special_cause_improvement": "M7 15 L12 8 L17 15",  # a chevron up: change for the better
    "special_cause_concern": "M7 9 L12 16 L17 9",  # a chevron down: change for the worse
    "special_cause_neutral_high": "M8 16 L8 8 M8 12 L14 12 M14 8 L14 16",  # H: unusually high
    "special_cause_neutral_low": "M9 8 L9 16 L15 16",  # L: unusually low
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
    colour = _ICON_COLOURS.get(variation, _NO_SIGNAL)
    path = _VARIATION_GLYPHS.get(variation, _VARIATION_GLYPHS[None])
    body = (
        f'<circle cx="12" cy="12" r="10.5" fill="#ffffff" stroke="{colour}" stroke-width="2"/>'
        f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/>'
    )
    return _icon_svg(body, f"Variation: {VARIATION_WORDS.get(variation, VARIATION_WORDS[None])}", for_pdf)


def assurance_icon_svg(assurance: str | None, for_pdf: bool = False) -> str:
    """A square icon for assurance against the target: P (pass), F (fail), ? (hit and miss)."""
    colour = _ICON_COLOURS.get(assurance, _NO_SIGNAL)
    letter = _ASSURANCE_LETTERS.get(assurance, "–")
    body = (
        f'<rect x="1.5" y="1.5" width="21" height="21" rx="3" fill="#ffffff" stroke="{colour}" stroke-width="2"/>'
        f'<text x="12" y="17" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="14" '
        f'font-weight="bold" fill="{colour}">{letter}</text>'
    )
    return _icon_svg(body, f"Assurance: {ASSURANCE_WORDS.get(assurance, ASSURANCE_WORDS[None])}", for_pdf)


def svg_data_uri(svg: str) -> str:
    """A data: URI for an SVG we generated (the PDF embeds icons and charts as <img>, for /Alt)."""
    return "data:image/svg+xml;charset=utf-8," + quote(svg)


# --- charts inside an HTML page --------------------------------------------------------------------------

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
