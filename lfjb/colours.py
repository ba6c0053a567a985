"""Colours with meaning, and the contrast maths that checks them (WCAG 2.2), in one place.

The SPC icons in the pack and the points on the SPC charts use the same colours for the same
Making Data Count point types; board colours are checked and adjusted with the same functions
wherever they are used (cover, headers, charts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

WHITE = "#ffffff"
INK = "#0b0c0c"  # GOV.UK text colour
TEXT_CONTRAST = 4.5  # WCAG 2.2 1.4.3, text
GRAPHIC_CONTRAST = 3.0  # WCAG 2.2 1.4.11, non-text contrast
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")

# NHS England "Making Data Count" colours (improvement blue #289de0, concern orange #fab428, neutral
# purple, common-cause grey), darkened where needed to reach 3:1 on white: #289de0 is only 3.0:1 and
# #fab428 1.8:1, so the same hues are used at 3.6:1 (#1e8fd0) and 3.6:1 (#b87c04). Assurance uses the
# same hues: pass as improvement, fail as concern, hit and miss as common cause.
SPC_COLOURS = {
    "common_cause": "#7b7d7d",  # NHSRplotthedots' grey at 4.1:1 (its lighter #a6a6a6 is 2.4:1)
    "special_cause_improvement": "#1e8fd0",
    "special_cause_concern": "#b87c04",
    "special_cause_neutral_high": "#490092",  # Making Data Count purple, 12:1
    "special_cause_neutral_low": "#490092",
}
ASSURANCE_COLOURS = {
    "pass": SPC_COLOURS["special_cause_improvement"],
    "fail": SPC_COLOURS["special_cause_concern"],
    "hit_and_miss": SPC_COLOURS["common_cause"],
}


def is_hex_colour(value: object) -> bool:
    return isinstance(value, str) and bool(_HEX.match(value.strip()))


def _rgb(colour: str) -> tuple[float, float, float]:
    digits = colour.strip().lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return tuple(int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _hex(rgb: Iterable[float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def relative_luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of a '#rrggbb' or '#rgb' colour."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(colour: str, against: str = WHITE) -> float:
    """WCAG contrast ratio (1 to 21) between two colours."""
    a, b = sorted((relative_luminance(colour), relative_luminance(against)), reverse=True)
    return (a + 0.05) / (b + 0.05)


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

# Red/amber/green of the case tracker (lfjb cases, the pack's case progression page): GOV.UK red and
# green, and an amber darkened to reach 3:1 on white (#b86e00 is 4.0:1); each always has its word too.
# Light fills of the same hues for zones and spreadsheet cells, where dark text sits on them.
RAG_COLOURS = {"red": "#d4351c", "amber": "#b86e00", "green": "#00703c"}
RAG_FILLS = {"red": "#f6d7d2", "amber": "#fff7bf", "green": "#cce2d8"}
# The same hues as text (at least 6:1 on white, on their fill and on their tint), as the rule beside a
# tagged note, and as the pale tint behind a tag ("Needs action", "Watch", "On track").
RAG_INK = {"red": "#942514", "amber": "#6b4200", "green": "#005a30"}
RAG_RULES = {"red": "#942514", "amber": "#8a5500", "green": "#005a30"}
RAG_TINTS = {"red": "#fbe9e6", "amber": "#fff4d6", "green": "#e7f4ec"}


def palette_css() -> str:
    """The colours with meaning as CSS custom properties (--rag-red, --rag-red-ink, --rag-red-fill, ...),
    put before every stylesheet so that no stylesheet writes a red, amber or green of its own."""
    roles = {"": RAG_COLOURS, "-ink": RAG_INK, "-rule": RAG_RULES, "-tint": RAG_TINTS, "-fill": RAG_FILLS}
    names = ";".join(f"--rag-{rag}{suffix}:{colours[rag]}" for suffix, colours in roles.items() for rag in colours)
    return ":root{" + names + "}"
