"""The one chart theme: font, sizes, colours, and how numbers and months are written on charts.

Every chart module takes its look from here, so a change of colour or font is made once.
Colours that carry meaning must reach 3:1 contrast against white (WCAG 2.2, 1.4.11 non-text
contrast); `contrast_ratio` checks that and `main_colour` refuses a board colour that fails it.
"""

from __future__ import annotations

from lfjb.colours import GRAPHIC_CONTRAST, SPC_COLOURS, contrast_ratio, is_hex_colour
from lfjb.vocab import SPC_TYPES

__all__ = ["SPC_COLOURS", "contrast_ratio"]

# Charts are measured in vl-convert's own Liberation Sans (lfjb/charts/convert.py) and name it first;
# Arial and Helvetica have the same widths, so a chart opened in a browser on Windows or a Mac, or a PDF
# made where fonts-liberation is missing, draws text as wide as was measured. Named, not embedded, so
# converting a chart never fetches a font. (The pages' own text stays in DejaVu Sans.)
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
LABEL_SIZE = 10
TITLE_SIZE = 11

# Full-width charts fit an A4 portrait text column (about 170 mm, 640 CSS px at 96 dpi).
FULL_WIDTH = 640
# A trend chart shares its row with the measure's facts: 77% of the 180 mm text width (pack.css,
# .trend-body), about 524 CSS px. Drawn at that width it prints at its own size, so LABEL_SIZE px text
# prints at 7.5 pt; drawn at FULL_WIDTH and shrunk into the column, it printed at 6.1 pt (issue 22).
TREND_WIDTH = 520
# The HTML summary's phone variant (issue 11, item 15): drawn 360 px wide, so on a 390 px phone it is
# shown at about its own size, with text of PHONE_TEXT px (the wide chart shrunk to a phone's width
# has text of about 5 px). WCAG 2.2 sets no minimum, but 12 px is the least people read comfortably.
NARROW_WIDTH = 360
PHONE_TEXT = 13
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

# Making Data Count point colours: one palette for charts and icons (lfjb/colours.py).
# A different marker per type so the chart still reads printed in greyscale.
SPC_SHAPES = {
    "common_cause": "circle",
    "special_cause_improvement": "diamond",
    "special_cause_concern": "square",
    "special_cause_neutral_high": "triangle-up",
    "special_cause_neutral_low": "triangle-down",
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

MIN_CONTRAST = GRAPHIC_CONTRAST  # WCAG 2.2 success criterion 1.4.11


def main_colour(branding: dict | None) -> str:
    """The board's primary colour when it is a hex colour with 3:1 contrast on white, else Okabe-Ito blue."""
    colour = (branding or {}).get("primary_colour")
    if is_hex_colour(colour) and contrast_ratio(colour.strip()) >= MIN_CONTRAST:
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


def narrow_config() -> dict:
    """Overrides of `theme_config()` for a chart's phone variant: every text PHONE_TEXT px or more,
    legends in two columns so they fit the narrow width."""
    size = {"labelFontSize": PHONE_TEXT, "titleFontSize": PHONE_TEXT}
    return {
        "axis": size,
        "legend": {**size, "columns": 2, "labelLimit": NARROW_WIDTH // 2 - 30, "symbolSize": 90},
        "text": {"fontSize": PHONE_TEXT},
        "title": {"fontSize": PHONE_TEXT},
    }


def wrapped_lines(text: str, chars: int) -> list[str]:
    """`text` in lines of at most `chars` characters, broken at spaces (a longer word stays whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]
