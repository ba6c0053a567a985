"""The one chart theme: font, sizes, colours, and how numbers and months are written on charts.

Every chart module takes its look from here, so a change of colour or font is made once.
Colours that carry meaning must reach 3:1 contrast against white (WCAG 2.2, 1.4.11 non-text
contrast); `contrast_ratio` checks that and `main_colour` refuses a board colour that fails it.
"""

from __future__ import annotations

import calendar
import re

from lfjb.month import Month
from lfjb.vocab import SPC_TYPES

# Installed locally (fonts-dejavu); named, not embedded, so converting a chart never fetches a font.
FONT = "DejaVu Sans"
LABEL_SIZE = 10
TITLE_SIZE = 11

# Full-width charts fit an A4 portrait text column (about 170 mm, 640 CSS px at 96 dpi).
FULL_WIDTH = 640
SPARK_WIDTH, SPARK_HEIGHT = 120, 32

INK = "#1f1f1f"  # titles and value labels (16:1 on white)
INK_SOFT = "#4d4d4d"  # axis labels (8.5:1)
GRID = "#e6e6e6"  # light gridlines: structure, not data
AXIS_LINE = "#8c8c8c"

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common colour-vision
# deficiencies. Blue first: 5.2:1 on white. (Orange #E69F00 and yellow #F0E442 fall below 3:1, so
# they are never used alone for a mark that carries data.)
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#F0E442", "#000000")
DEFAULT_MAIN = OKABE_ITO[0]

# NHS England "Making Data Count" point colours (improvement blue #289de0, concern orange #fab428,
# neutral purple, common-cause grey), darkened where needed to reach 3:1 on white: #289de0 is only
# 3.0:1 and #fab428 1.8:1, so the same hues are used at 3.6:1 (#1e8fd0) and 3.6:1 (#b87c04).
SPC_COLOURS = {
    "common_cause": "#7b7d7d",  # NHSRplotthedots' grey at 4.1:1 (its lighter #a6a6a6 is 2.4:1)
    "special_cause_improvement": "#1e8fd0",
    "special_cause_concern": "#b87c04",
    "special_cause_neutral": "#490092",  # Making Data Count purple, 12:1
}
# A different marker per type so the chart still reads printed in greyscale.
SPC_SHAPES = {
    "common_cause": "circle",
    "special_cause_improvement": "diamond",
    "special_cause_concern": "square",
    "special_cause_neutral": "triangle-up",
}
SPC_TYPE_LABELS = {kind: words["legend"] for kind, words in SPC_TYPES.items()}
SPC_VALUE_LINE = "#9a9a9a"  # joins the points; the points carry the data
SPC_MEAN = "#1f1f1f"
SPC_LIMITS = "#6b6b6b"
SPC_TARGET = "#c41a1a"  # Making Data Count's red target line, darkened so its label reads at 5.9:1
# Dash patterns (on, off in px): mean solid, limits dashed, target dotted - distinct without colour.
SPC_DASHES = {"Average": [1, 0], "Process limits": [6, 4], "Target": [2, 2]}

# The pattern that marks a "gap" driver bar (no open action) besides its text label.
GAP_DASH = [4, 2]

# Words on the value axis for each KPI unit (vocab.KPIS[...]["unit"]).
AXIS_UNITS = {
    "weeks": "weeks",
    "%": "% of cases",
    "cases": "cases",
    "children": "children",
    "hearings": "hearings per case",
}

_HEX = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
MIN_CONTRAST = 3.0  # WCAG 2.2 success criterion 1.4.11


def _channel(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a '#rrggbb' or '#rgb' colour."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    r, g, b = (_channel(int(digits[i : i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(colour: str, against: str = "#ffffff") -> float:
    """WCAG contrast ratio (1 to 21) between two colours."""
    a, b = sorted((relative_luminance(colour), relative_luminance(against)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def main_colour(branding: dict | None) -> str:
    """The board's primary colour when it is a hex colour with 3:1 contrast on white, else Okabe-Ito blue."""
    colour = (branding or {}).get("primary_colour")
    if isinstance(colour, str) and _HEX.match(colour.strip()) and contrast_ratio(colour.strip()) >= MIN_CONTRAST:
        return colour.strip()
    return DEFAULT_MAIN


def theme_config() -> dict:
    """The Vega-Lite `config` every chart uses."""
    axis = {
        "labelFont": FONT,
        "titleFont": FONT,
        "labelFontSize": LABEL_SIZE,
        "titleFontSize": TITLE_SIZE,
        "titleFontWeight": "normal",
        "labelColor": INK_SOFT,
        "titleColor": INK_SOFT,
        "gridColor": GRID,
        "domainColor": AXIS_LINE,
        "tickColor": AXIS_LINE,
    }
    return {
        "font": FONT,
        "background": "white",
        # The whole SVG gets one text alternative (<title>, role="img"); per-mark ARIA labels would
        # only repeat the data point by point to a screen reader.
        "aria": False,
        "view": {"stroke": "transparent"},
        "axis": axis,
        "legend": {
            "labelFont": FONT,
            "titleFont": FONT,
            "labelFontSize": LABEL_SIZE,
            "titleFontSize": LABEL_SIZE,
            "titleFontWeight": "normal",
            "labelColor": INK,
            "titleColor": INK_SOFT,
            "orient": "bottom",
            "direction": "horizontal",
            "symbolStrokeWidth": 1.5,
            "labelLimit": 260,
            "offset": 12,  # px between the month labels and the legend
            # Legends sharing an edge stack one above the other rather than overflowing the width.
            # (Vega's legend layout; Vega-Lite's schema only admits it as an expression.)
            "layout": {"expr": "{bottom: {anchor: 'start', direction: 'vertical', margin: 4}}"},
        },
        "text": {"font": FONT, "fontSize": LABEL_SIZE, "color": INK},
        "title": {
            "font": FONT,
            "fontSize": LABEL_SIZE,
            "fontWeight": "normal",
            "color": INK_SOFT,
            "anchor": "start",
            "subtitleFont": FONT,
        },
    }


# --- words and numbers ------------------------------------------------------------------------------


def month_tick(month: str | Month) -> str:
    """'Apr 24' for 2024-04: the month-axis label."""
    m = month if isinstance(month, Month) else Month.parse(month)
    return f"{calendar.month_abbr[m.month]} {m.year % 100:02d}"


def month_words(month: str | Month) -> str:
    """'Mar 2025' for 2025-03: months in titles and text alternatives."""
    m = month if isinstance(month, Month) else Month.parse(month)
    return m.short_label


def number(value: float, unit: str = "", whole: bool = False) -> str:
    """A value as text: one decimal place, except whole counts ('12', '1,204').

    `whole=True` also drops the decimals of any whole number (for targets: 'Target 35 weeks').
    """
    if (whole or unit in ("cases", "children")) and float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.1f}"


def quantity(value: float, unit: str, whole: bool = False) -> str:
    """A value with its unit: '19.2 weeks', '66.7%', '12 cases', '5.0 hearings' (see `number`)."""
    if unit == "%":
        return f"{number(value, unit, whole)}%"
    if unit in ("cases", "children") and value == 1:
        return f"1 {'case' if unit == 'cases' else 'child'}"
    return f"{number(value, unit, whole)} {unit}"


def count_of(n: int, noun: str) -> str:
    """'1 case', '12 cases', '1,204 cases': a whole count with its noun, plural when not 1."""
    return f"{n:,} {noun if n == 1 else noun + 's'}"


def lower_first(text: str) -> str:
    """'Average duration' -> 'average duration' (keeps acronyms such as 'PLO' and 'LA')."""
    first = text.split(" ", 1)[0]
    return text if first.isupper() and len(first) > 1 else text[:1].lower() + text[1:]
