"""Charts for the cross-board comparison, drawn only from the ComparisonModel (so published charts
show only published figures):

- `trends-<region>`: small multiples of average duration by month, a chart per region, one panel per
  board, every panel on the same scales;
- `funnel`: % of cases disposed of within 26 weeks against cases disposed of (12 months), with the
  95% and 99.8% limits around the benchmark; every point numbered, outliers and --highlight named;
  `funnel_hotspots` gives each point's position for the HTML's focusable, hoverable hotspots;
- `pilot-gap`: the gap between Trailblazers and comparators quarter by quarter (parallel trends).

Titles state the finding (written in the model, from the figures shown); the alt text carries the
figures themselves. The look comes from lfjb/charts/style.py, as for the board pack.
"""

from __future__ import annotations


import numpy as np

from lfjb.charts.chart import Chart, ChartSpec, render_chart
from lfjb.charts.style import (
    INK,
    INK_SOFT,
    OKABE_ITO,
    SPC_COLOURS,
    SPC_LIMITS,
    SPC_MEAN,
    SPC_SHAPES,
    SPC_TARGET,
    SPC_TYPE_LABELS,
    SPC_VALUE_LINE,
)
from lfjb.formatting import month_short, signed
from lfjb.vocab import STATUTORY_WEEKS

PROGRAMME_COLOURS = {"Trailblazer": OKABE_ITO[0], "Comparator": OKABE_ITO[1], "Not stated": "#595959"}
PROGRAMME_SHAPES = {"Trailblazer": "circle", "Comparator": "square", "Not stated": "triangle-up"}
# Five panels a row: 5 x 175 px plus axes (about 1,000 px, 750 pt) fills the A4 landscape page, each
# panel about 130 pt wide (issue 13: at least ~120 pt) however many boards there are; a region's
# boards share one chart. The programme colours' legend is written once, in the section's text
# (`programme_legend`), not in every chart: WeasyPrint lays out each SVG text on its own, and at 43
# boards the charts' texts were a fifth of the PDF's time.
# Panels 75 px high (issue 22): eleven rows of panels at 43 boards fit three pages with the pooled chart.
PANEL_WIDTH, PANEL_HEIGHT, PANEL_COLUMNS = 175, 62, 5
# The funnel is wider than it is tall: the page has the width, and at 43 boards the names and numbers, at least
# 7 pt in print, need it to stay beside their own points (900 px: about 215 mm across the printed page).
FUNNEL_WIDTH, FUNNEL_HEIGHT = 900, 400
# Fixed margins (autosize "none") so each point's position in the image is known exactly: the HTML
# lays a focusable hotspot over every point. Right: room for names; bottom: axis title and legends.
FUNNEL_PADDING = {"left": 60, "top": 14, "right": 150, "bottom": 100}
TARGET_LABEL_AT = 0.03  # the all-boards label sits at the left, clear of boards with many cases
LIMIT_DASHES = {"95% limits": [5, 3], "99.8% limits": [1, 0]}
# A rule layer inside a facet inherits the panel's rows and would draw one rule per month (24 lines
# on top of each other in every panel: a third of each trend chart's SVG, and of WeasyPrint's time
# drawing it); aggregating to one row per panel draws each rule once.
ONE_ROW_PER_PANEL = [{"aggregate": [{"op": "count", "as": "months"}]}]


def programme_legend(model) -> list[dict]:
    """The trends' colour key, for the section's text: [{"label", "colour"}] for the programmes present."""
    present = {b["programme_label"] for b in model.boards}
    return [{"label": label, "colour": colour} for label, colour in PROGRAMME_COLOURS.items() if label in present]


def _programme_scale(present: list[str]) -> dict:
    domain = [p for p in PROGRAMME_COLOURS if p in present]
    return {"domain": domain, "range": [PROGRAMME_COLOURS[p] for p in domain]}


def _shape_scale(present: list[str]) -> dict:
    domain = [p for p in PROGRAMME_SHAPES if p in present]
    return {"domain": domain, "range": [PROGRAMME_SHAPES[p] for p in domain]}


def _region_slug(region: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in region.lower()).split())


def panel_rows(members: list, most: int) -> list[list]:
    """`members` in as few rows of at most `most` as will hold them, the rows as even as they can be
    (7 in rows of 5: 4 and 3; 10: 5 and 5), longest first, order kept."""
    if not members:
        return []
    count = -(-len(members) // most)
    size, extra = divmod(len(members), count)
    out, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        out.append(members[start:end])
        start = end
    return out


def trends_specs(model) -> list[ChartSpec]:
    """Average duration month by month, one chart per region (boards in rank order within it), every
    panel on the same scales across all the charts, at least PANEL_WIDTH px (~120 pt in the PDF) wide."""
    boards = model.boards
    rows_by_board: dict[str, list[dict]] = {}
    for b in boards:
        # Months without a figure stay in as nulls, so the line breaks there instead of bridging
        # the gap; a month with no neighbour is drawn as a dot (a line needs two points).
        points = model.trends.get(b.slug, ())
        values = [p.mean_weeks for p in points]
        rows_by_board[b.slug] = [
            {"board": b.short_name, "programme": b.programme_label, "month": f"{p.month}-01", "mean_weeks": value,
             "is_lone": value is not None and (i == 0 or values[i - 1] is None) and (i == len(values) - 1 or values[i + 1] is None)}
            for i, (p, value) in enumerate(zip(points, values))]
        if all(v is None for v in values):
            rows_by_board[b["slug"]] = []
    every = [r for rows in rows_by_board.values() for r in rows if r["mean_weeks"] is not None]
    if not every:
        return []
    top = max(r["mean_weeks"] for r in every)
    months = sorted({p.month for pts in model.trends.values() for p in pts})
    present = sorted({r["programme"] for r in every})
    bench = getattr(model, "benchmark", None) or {}
    reference = bench.get("mean_weeks")
    is_national = bench.get("kind") == "national"
    reference_rule = ([{"mark": {"type": "rule", "color": INK_SOFT, "strokeDash": [6, 3], "strokeWidth": 1},
                        "transform": ONE_ROW_PER_PANEL, "encoding": {"y": {"datum": reference}}}]
                      if reference is not None else [])
    domain_y = [0, max(60.0, top * 1.05)]
    domain_x = [f"{months[0]}-01", f"{months[-1]}-01"]
    # Labels at the first month, a year on and the last: Vega would otherwise write eight and hide six,
    # and a hidden label is still text for WeasyPrint to lay out.
    first, last = months[0], months[-1]
    ticks = [{"year": m.year, "month": m.month, "date": 1} for m in (first, first.shift(12), last) if m <= last]
    x = {"field": "month", "type": "temporal", "title": None, "scale": {"domain": domain_x},
         "axis": {"values": ticks, "format": "%b %y", "labelAngle": 0, "grid": False}}
    y = {"field": "mean_weeks", "type": "quantitative", "title": "weeks", "scale": {"domain": domain_y, "nice": False}}
    colour = {"field": "programme", "type": "nominal", "title": "Programme", "scale": _programme_scale(present), "legend": None}
    specs = []
    regions = []
    for b in boards:
        if b["region"] not in regions:
            regions.append(b["region"])
    order = [r["region"] for r in getattr(model, "regions", [])] or regions
    for region in [r for r in order if r in regions]:
        in_region = [b for b in boards if b["region"] == region]
        if not any(r["mean_weeks"] is not None for b in in_region for r in rows_by_board[b["slug"]]):
            continue
        # Issue 22: a wrapped facet of 7 boards in rows of 5 left three empty slots with bare axes, which
        # looked like missing boards. A region is drawn as one chart a row, the rows as even as they can
        # be (7 boards: 4 and 3), each row exactly as wide as its boards.
        chunks = panel_rows(in_region, PANEL_COLUMNS)
        for part, members in enumerate(chunks, start=1):
            rows = [r for b in members for r in rows_by_board[b["slug"]]]
            spec = {
                "data": {"name": "trend"},
                "facet": {"field": "board", "type": "nominal", "sort": [b["short_name"] for b in members],
                          "title": None, "header": {"labelFontSize": 10, "labelColor": INK, "labelLimit": PANEL_WIDTH}},
                "columns": len(members),
                "spec": {
                    "width": PANEL_WIDTH,
                    "height": PANEL_HEIGHT,
                    "layer": [
                        {"mark": {"type": "rule", "color": SPC_TARGET, "strokeDash": [2, 2], "strokeWidth": 1},
                         "transform": ONE_ROW_PER_PANEL, "encoding": {"y": {"datum": float(STATUTORY_WEEKS)}}},
                        *reference_rule,
                        # No dot on every month: at 43 boards those dots were a quarter of the SVG
                        # WeasyPrint draws, and the line shows the months as well.
                        {"mark": {"type": "line", "strokeWidth": 1.5, "invalid": "break-paths-filter-domains"},
                         "encoding": {"x": x, "y": y, "color": colour}},
                        {"transform": [{"filter": "datum.is_lone"}],
                         "mark": {"type": "point", "filled": True, "size": 14, "opacity": 1},
                         "encoding": {"x": x, "y": y, "color": colour}},
                    ],
                },
                "resolve": {"scale": {"y": "shared", "x": "shared"}},
            }
            described = []
            for b in members:
                if b.get("mean_weeks_12m") is None:
                    described.append(f"{b['short_name']}: 12-month average withheld")
                    continue
                text = f"{b['short_name']} ({b['programme_label']}) {b['mean_weeks_12m']:.1f} weeks over the 12 months"
                if b.get("change_mean_weeks_12m") is not None:
                    text += f", {signed(b['change_mean_weeks_12m'], 1, ' weeks')} on the year before"
                described.append(text)
            reference_words = ""
            if reference is not None:
                reference_words = (f" and a dashed line at {'the England and Wales average' if is_national else 'all boards pooled'}, "
                                   f"{reference:.1f} weeks ({bench.get('label', '')})")
            which = "" if len(chunks) == 1 else f" ({part} of {len(chunks)})"
            alt_text = (
                f"Small multiples for {region}{which}: average duration of cases disposed of each month, in weeks, "
                f"{month_short(months[0])} to {month_short(months[-1])}, one panel per board on the same scale as every "
                f"region's, with a dotted line at 26 weeks{reference_words}. " + "; ".join(described) + "."
            )
            title = (f"{region}: {len(in_region)} board{'s' if len(in_region) != 1 else ''}" if part == 1
                     else f"{region} (continued)")
            key = f"trends-{_region_slug(region)}" + ("" if part == 1 else f"-{part}")
            specs.append(ChartSpec(key, title, alt_text, spec, {"trend": rows}))
    return specs


# Every text of the funnel, names and numbers, axes and legends, is at least 7 pt in print (issues 19 and 22):
# the PDF prints the image FUNNEL_PRINT_HEIGHT_MM tall (comparison.css, #chart-funnel), about 0.6 pt a px,
# so 12 px is 7.1 pt (the axes' and legends' 10-11 px printed at 5-5.5 pt when the image was 94 mm tall). The
# two legends sit side by side under the axis, so the plot keeps most of the height. Widths and heights at
# that size in DejaVu Sans, wider than the charts' Liberation Sans (lfjb/charts/style.py), so they fit either way.
FUNNEL_TEXT_PX = 12
FUNNEL_PRINT_HEIGHT_MM = 108  # as comparison.css prints it: the page keeps its heading, text and notes
LABEL_FONT_PX = FUNNEL_TEXT_PX
CHAR_WIDTH, LABEL_HEIGHT, MARKER_RADIUS = 0.6 * LABEL_FONT_PX, 1.18 * LABEL_FONT_PX, 5.0  # px per character (names), line height, marker
LABEL_OVERHANG = 140  # px a name may run past the plot's right edge (the chart grows to fit it)
LEADER_FROM = 9.0  # px between a point and its label's nearest edge beyond which a leader line joins them
NEAREST_MARGIN = 0.5  # px by which a label must be nearer its own point than any other point
# Where a board's name may go relative to its point, in order of preference: (dx, dy) of the label's
# left end and vertical middle, in px; "w" stands for minus the label's width (label to the left).
# The far spots are for the densest cluster, where every near one is taken.
_LABEL_SPOTS = ((7, -8), (7, 9), ("w", -8), ("w", 9), (7, 0), ("w", 0), (-4, -15), (-4, 16), (7, -20), (7, 21),
                ("w", -20), ("w", 21), (7, -32), (7, 33), ("w", -32), ("w", 33), (-4, -27), (-4, 28))
# Beyond those, a ring of further spots (with a leader line): gaps from the point and heights.
_FAR_GAPS = (9.0, 12.0, 16.0, 20.0, 26.0, 32.0, 42.0, 56.0, 72.0)
_FAR_DYS = tuple(range(-72, 73, 4))


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def marker_box(x: float, y: float) -> tuple[float, float, float, float]:
    """The box (px) a point's marker covers, centred on (x, y)."""
    return (x - MARKER_RADIUS, y - MARKER_RADIUS, x + MARKER_RADIUS, y + MARKER_RADIUS)


def box_distance(box: tuple[float, float, float, float], x: float, y: float) -> float:
    """The distance (px) from (x, y) to the nearest edge of `box` (0 inside it)."""
    dx = max(box[0] - x, 0.0, x - box[2])
    dy = max(box[1] - y, 0.0, y - box[3])
    return float((dx * dx + dy * dy) ** 0.5)


def _candidates(x: float, y: float, w: float, h: float) -> np.ndarray:
    """Candidate label boxes (left, top, right, bottom) round a point, most preferred first."""
    boxes = []
    for dx, dy in _LABEL_SPOTS:
        left = x - 7 - w if dx == "w" else x + dx
        boxes.append((left, y + dy - h / 2, left + w, y + dy + h / 2))
    far = []
    for gap in _FAR_GAPS:
        for dy in _FAR_DYS:
            for left in (x + gap, x - gap - w, x - w / 2):
                far.append((abs(dy) + gap, (left, y + dy - h / 2, left + w, y + dy + h / 2)))
    boxes += [b for _, b in sorted(far, key=lambda item: item[0])]
    return np.array(boxes)


def _distances(boxes: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """(boxes x points) distances from each point to each box's nearest edge."""
    dx = np.maximum(np.maximum(boxes[:, None, 0] - xs[None, :], 0.0), xs[None, :] - boxes[:, None, 2])
    dy = np.maximum(np.maximum(boxes[:, None, 1] - ys[None, :], 0.0), ys[None, :] - boxes[:, None, 3])
    return np.hypot(dx, dy)


def _clashes(boxes: np.ndarray, others: list[tuple[float, float, float, float]]) -> np.ndarray:
    if not others:
        return np.zeros(len(boxes), dtype=int)
    o = np.array(others)
    hit = ((boxes[:, None, 0] < o[None, :, 2]) & (o[None, :, 0] < boxes[:, None, 2])
           & (boxes[:, None, 1] < o[None, :, 3]) & (o[None, :, 1] < boxes[:, None, 3]))
    return hit.sum(axis=1)


def place_labels(points: list[dict], width: float, height: float, x_max: float, y_max: float = 100.0,
                 reserved: list[tuple[float, float, float, float]] | None = None,
                 char_width: float = CHAR_WIDTH, label_height: float = LABEL_HEIGHT,
                 neighbours: list[tuple[float, float]] | None = None, nearest_to: str = "box") -> list[dict]:
    """Label positions (in data units) beside their own points: nearer its own point than any other
    point in `neighbours` (px centres of every point on the chart; default the points given) -- the
    whole label (`nearest_to` "box", for short numbers) or its end by the point, where a leader line
    would join it (`nearest_to` "end", for names: a long name in a crowd cannot keep clear of every
    other point along its length) -- and
    overlapping neither each other, the points, `reserved` boxes (px: other labels, the markers of
    points labelled elsewhere) nor the plot's edges (a name may run LABEL_OVERHANG px past the right).

    Tries spots round each point, in order of preference (the near ones, then a ring of further ones),
    and takes the first that is clear and its own point's; when none is, the one with fewest faults.
    A label whose nearest edge is more than LEADER_FROM px from its point gets a leader line. Boards are
    placed from left to right.
    """
    def px(n: float, pct: float) -> tuple[float, float]:
        return n / x_max * width, (1 - pct / y_max) * height

    centres = [px(p["n"], p["pct"]) for p in points]
    others = neighbours if neighbours is not None else centres
    xs, ys = np.array([c[0] for c in others]), np.array([c[1] for c in others])
    markers = [marker_box(*c) for c in centres]
    taken: list[tuple[float, float, float, float]] = list(reserved or [])

    def options(p: dict) -> tuple[float, float, np.ndarray, np.ndarray, np.ndarray]:
        """(x, y, candidate boxes, is each inside the plot, is each nearer its own point than any other)."""
        x, y = px(p["n"], p["pct"])
        boxes = _candidates(x, y, char_width * len(p["board"]), label_height)
        inside = (boxes[:, 0] >= 0) & (boxes[:, 2] <= width + LABEL_OVERHANG) & (boxes[:, 1] >= 0) & (boxes[:, 3] <= height)
        own = np.zeros(len(xs), dtype=bool)
        for mx, my in (px(n, pct) for n, pct in p.get("members", [(p["n"], p["pct"])])):
            own |= np.hypot(xs - mx, ys - my) < 0.5
        dist = _distances(boxes, xs, ys)
        own_dist = np.where(own[None, :], dist, np.inf).min(axis=1)
        is_box_own = own_dist + NEAREST_MARGIN <= np.where(own[None, :], np.inf, dist).min(axis=1)
        # From the label's end by its point (where a leader line joins it) instead of the whole label.
        ends_x = np.clip(x, boxes[:, 0], boxes[:, 2])
        ends_y = np.clip(y, boxes[:, 1], boxes[:, 3])
        end_dist = np.hypot(ends_x[:, None] - xs[None, :], ends_y[:, None] - ys[None, :])
        is_end_own = own_dist + NEAREST_MARGIN <= np.where(own[None, :], np.inf, end_dist).min(axis=1)
        if nearest_to == "end":
            return x, y, boxes, inside, is_end_own
        # A short label is its own point's as a whole, or, moved away with a leader line, at its end.
        return x, y, boxes, inside, is_box_own | (is_end_own & (own_dist > LEADER_FROM))

    # The hardest first: points with the fewest spots that are inside the plot, their own and clear of
    # every marker (a crowded point placed last finds its few spots taken), then from left to right.
    prepared = []
    for p in points:
        x, y, boxes, inside, is_own = options(p)
        free = int((inside & is_own & (_clashes(boxes, list(reserved or []) + markers) == 0)).sum())
        prepared.append((free, p["n"], -p["pct"], p, x, y, boxes, inside, is_own))
    labels = []
    for _, _, _, p, x, y, boxes, inside, is_own in sorted(prepared, key=lambda item: item[:3]):
        faults = 2 * _clashes(boxes, taken + markers) + 3 * (~is_own).astype(int)  # a label by the wrong point: worst
        faults = np.where(inside, faults, 10_000)
        best = int(np.argmin(faults))  # the first of the fewest faults: candidates are in order of preference
        box = tuple(float(v) for v in boxes[best])
        taken.append(box)
        label = {"board": p["board"], "label_n": box[0] / width * x_max,
                 "label_pct": (1 - (box[1] + label_height / 2) / height) * y_max}
        # A label placed away from its point gets a thin leader line to the label's nearest edge, so it
        # cannot be read as belonging to a nearer point.
        if box_distance(box, x, y) > LEADER_FROM:
            edge_x = min(max(x, box[0]), box[2])
            edge_y = min(max(y, box[1]), box[3])
            label["leader"] = {"n": p["n"], "pct": p["pct"], "n2": edge_x / width * x_max, "pct2": (1 - edge_y / height) * y_max}
        labels.append((p["n"], -p["pct"], label))
    return [label for _, _, label in sorted(labels, key=lambda item: item[:2])]


def _px(n: float, pct: float, top_n: float) -> tuple[float, float]:
    """A point's position in the funnel image (px), from its cases and %."""
    return (FUNNEL_PADDING["left"] + n / top_n * FUNNEL_WIDTH,
            FUNNEL_PADDING["top"] + (1 - pct / 100) * FUNNEL_HEIGHT)


# The axes' and legends' text at the funnel's size (the theme's 10-11 px would print under 7 pt), the legends
# side by side rather than stacked (the theme's).
FUNNEL_TEXT_CONFIG = {"axis": {"labelFontSize": FUNNEL_TEXT_PX, "titleFontSize": FUNNEL_TEXT_PX},
                      "axisX": {"tickCount": 12},  # ticks every 50 cases or so, not every 20 across the wide plot
                      "legend": {"labelFontSize": FUNNEL_TEXT_PX, "titleFontSize": FUNNEL_TEXT_PX,
                                 "layout": {"expr": "{bottom: {anchor: 'start', direction: 'horizontal', margin: 28}}"}},
                      "text": {"fontSize": FUNNEL_TEXT_PX}}


def funnel_spec(model) -> ChartSpec | None:
    """The funnel plot: every board a numbered point (the number is its row in the table), names only
    for boards outside the 95% limits and those highlighted; with few boards both the plain and the
    adjusted limits."""
    f = model.funnel
    if not f or f.get("withheld") or not f.get("points"):
        return None
    by_slug = {b["slug"]: b for b in model.boards}
    points = [{"board": by_slug[p["slug"]]["short_name"], "programme": by_slug[p["slug"]]["programme_label"],
               "number": p["number"], "n": p["n"], "pct": p["pct"], "where": p["position_label"],
               "is_labelled": p["is_labelled"], "is_highlighted": p["is_highlighted"]} for p in f["points"]]
    top_n = f["curve"][-1]["n"]  # a round number a little past the largest board
    lines = []
    sets = [("adjusted" if f["is_adjusted"] else "plain", f["curve"])]
    if f.get("shows_both_limits"):
        sets.append(("plain", f["unadjusted_curve"]))
    for kind, curve in sets:
        suffix = ", chance alone" if kind == "plain" and f.get("shows_both_limits") else ""
        for c in curve:
            for level, low, high in (("95% limits", "lower_95", "upper_95"), ("99.8% limits", "lower_998", "upper_998")):
                lines.append({"n": c["n"], "limit": level + suffix, "side": f"lower {kind}", "pct": c[low]})
                lines.append({"n": c["n"], "limit": level + suffix, "side": f"upper {kind}", "pct": c[high]})
    dash_domain = list(LIMIT_DASHES) + ([f"{k}, chance alone" for k in LIMIT_DASHES] if f.get("shows_both_limits") else [])
    dash_range = list(LIMIT_DASHES.values()) + ([[2, 2], [6, 2, 1, 2]] if f.get("shows_both_limits") else [])
    present = sorted({p["programme"] for p in points})
    target_text = f"{f.get('target_label', 'All boards pooled')} {f['target']:.1f}%"
    tx, ty = _px(top_n * TARGET_LABEL_AT, f["target"], top_n)
    target_box = (tx + 4, ty - 3 - LABEL_HEIGHT, tx + 4 + CHAR_WIDTH * len(target_text), ty - 3)
    x = {"field": "n", "type": "quantitative", "title": "Cases disposed of in the 12 months",
         "scale": {"domain": [0, top_n], "nice": False}}
    y = {"field": "pct", "type": "quantitative", "title": "% disposed of within 26 weeks", "scale": {"domain": [0, 100]}}
    spec = {
        "width": FUNNEL_WIDTH,
        "height": FUNNEL_HEIGHT,
        "autosize": {"type": "none", "contains": "content"},
        "padding": FUNNEL_PADDING,
        "config": FUNNEL_TEXT_CONFIG,
        "layer": [
            {"data": {"name": "limits"},
             "mark": {"type": "line", "color": SPC_LIMITS, "strokeWidth": 1.1, "clip": True},
             "encoding": {"x": x, "y": y, "detail": {"field": "side"},
                          "strokeDash": {"field": "limit", "type": "nominal", "title": "Control limits",
                                         "scale": {"domain": dash_domain, "range": dash_range},
                                         "legend": {"orient": "bottom", "direction": "horizontal", "columns": 2}}}},
            {"data": {"values": [{}]}, "mark": {"type": "rule", "color": INK, "strokeWidth": 1},
             "encoding": {"y": {"datum": f["target"], "type": "quantitative"}}},
            {"data": {"values": [{}]},
             "mark": {"type": "text", "align": "left", "baseline": "bottom", "dx": 4, "dy": -3, "color": INK_SOFT, "fontSize": FUNNEL_TEXT_PX},
             "encoding": {"x": {"datum": top_n * TARGET_LABEL_AT, "type": "quantitative"},
                          "y": {"datum": f["target"], "type": "quantitative"},
                          "text": {"value": target_text}}},
            {"data": {"name": "points"},
             "mark": {"type": "point", "filled": True, "size": 55, "opacity": 1},
             "encoding": {"x": x, "y": y,
                          "color": {"field": "programme", "type": "nominal", "title": "Programme", "scale": _programme_scale(present),
                                    "legend": {"orient": "bottom", "direction": "horizontal"}},
                          "shape": {"field": "programme", "type": "nominal", "title": "Programme", "scale": _shape_scale(present)}}},
            {"data": {"name": "highlighted"},
             "mark": {"type": "point", "filled": False, "size": 260, "strokeWidth": 2, "color": INK},
             "encoding": {"x": x, "y": y}},
            {"data": {"name": "leaders"},
             "mark": {"type": "rule", "color": INK_SOFT, "strokeWidth": 0.6},
             "encoding": {"x": {**x, "field": "n"}, "y": {**y, "field": "pct"}, "x2": {"field": "n2"}, "y2": {"field": "pct2"}}},
            {"data": {"name": "labels"},
             "mark": {"type": "text", "align": "left", "baseline": "middle", "fontSize": LABEL_FONT_PX, "color": INK},
             "encoding": {"x": {**x, "field": "label_n"}, "y": {**y, "field": "label_pct"}, "text": {"field": "board"}}},
            {"data": {"name": "numbers"},
             "mark": {"type": "text", "align": "left", "baseline": "middle", "fontSize": LABEL_FONT_PX, "color": INK_SOFT},
             "encoding": {"x": {**x, "field": "label_n"}, "y": {**y, "field": "label_pct"}, "text": {"field": "board"}}},
        ],
    }
    if f["is_adjusted"]:
        adjusted = f"Limits widened for over-dispersion (phi {f['phi']:.2f}, tau-squared {f['tau2']:.4f})."
        if f.get("shows_both_limits"):
            adjusted += (f" With only {f['k']} boards that adjustment is unreliable, so the plain limits (chance alone) "
                         "are drawn too, dotted.")
    else:
        adjusted = f"No over-dispersion found (phi {f['phi']:.2f}); limits are unadjusted."
    described = "; ".join(f"{p['number']}. {p['board']} {p['pct']:.1f}% of {p['n']:,} cases, {p['where'].lower()}" for p in points)
    alt_text = (
        f"Funnel plot of the percentage of cases disposed of within 26 weeks against the number of cases disposed "
        f"of, {f['period']['label']}. Centre line: {f.get('target_note', 'all boards pooled')}, {f['target']:.1f}%, with 95% and 99.8% limits that narrow as "
        f"the number of cases grows. Each point is numbered as in the table beside it; boards outside the 95% limits "
        f"and highlighted boards are named. {adjusted} {described}."
    )
    # Place names first (they matter most), then the numbers of the other points around them.
    width = FUNNEL_WIDTH
    # Every label keeps clear of every point's marker, not only of the points labelled in its own pass.
    centres = [(p["n"] / top_n * width, (1 - p["pct"] / 100) * FUNNEL_HEIGHT) for p in points]
    all_markers = [marker_box(*c) for c in centres]
    named = [{"board": f"{p['number']} {p['board']}", "n": p["n"], "pct": p["pct"]} for p in points if p["is_labelled"]]
    name_labels = place_labels(named, width, FUNNEL_HEIGHT, top_n, reserved=[_box_in_plot(target_box), *all_markers],
                               neighbours=centres, nearest_to="end")
    taken = [_label_box(l, top_n) for l in name_labels]
    numbered = coincident_numbers([p for p in points if not p["is_labelled"]], top_n)
    number_labels = place_labels(numbered, width, FUNNEL_HEIGHT, top_n, reserved=[_box_in_plot(target_box), *taken, *all_markers],
                                 char_width=NUMBER_CHAR_WIDTH, label_height=NUMBER_HEIGHT, neighbours=centres)
    highlighted = [p for p in points if p["is_highlighted"]]
    return ChartSpec("funnel", model.titles.get("funnel", "Funnel plot"), alt_text, spec,
                     {"limits": lines, "points": points, "labels": name_labels, "numbers": number_labels,
                      "leaders": [l["leader"] for l in (*name_labels, *number_labels) if "leader" in l],
                      "highlighted": highlighted})


NUMBER_CHAR_WIDTH, NUMBER_HEIGHT = 0.636 * LABEL_FONT_PX, 1.18 * LABEL_FONT_PX  # px per digit, and line height


COINCIDENT_PX = 6.0  # points closer than this (px) share one label: no label could be nearer one than the other


def coincident_numbers(points: list[dict], top_n: float) -> list[dict]:
    """The numbers to place, one per point, but one for a group of points whose markers sit on top of one
    another ("25, 27", at the group's middle, with its `members`): a label beside two points drawn
    2 px apart cannot be nearer one than the other."""
    centres = [(p["n"] / top_n * FUNNEL_WIDTH, (1 - p["pct"] / 100) * FUNNEL_HEIGHT) for p in points]
    group = list(range(len(points)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i, a in enumerate(centres):
        for j in range(i + 1, len(centres)):
            b = centres[j]
            if ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 < COINCIDENT_PX:
                group[root(j)] = root(i)
    out: dict[int, list[dict]] = {}
    for i, p in enumerate(points):
        out.setdefault(root(i), []).append(p)
    labels = []
    for members in out.values():
        members = sorted(members, key=lambda p: p["number"])
        labels.append({"board": ", ".join(str(p["number"]) for p in members),
                       "n": sum(p["n"] for p in members) / len(members), "pct": sum(p["pct"] for p in members) / len(members),
                       "members": [(p["n"], p["pct"]) for p in members]})
    return labels


def _box_in_plot(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A box in image px moved into the plot's own px (place_labels works inside the plot)."""
    return (box[0] - FUNNEL_PADDING["left"], box[1] - FUNNEL_PADDING["top"],
            box[2] - FUNNEL_PADDING["left"], box[3] - FUNNEL_PADDING["top"])


def _label_box(label: dict, top_n: float) -> tuple[float, float, float, float]:
    left = label["label_n"] / top_n * FUNNEL_WIDTH
    middle = (1 - label["label_pct"] / 100) * FUNNEL_HEIGHT
    return (left, middle - LABEL_HEIGHT / 2, left + CHAR_WIDTH * len(label["board"]), middle + LABEL_HEIGHT / 2)


def funnel_hotspots(model) -> dict | None:
    """Where each board's point sits in the funnel image (px) with its words, for the HTML's focusable
    hotspots: {"width", "height", "spots": [{"slug", "x", "y", "text", "tip_x", "tip_width"}]}."""
    f = model.funnel
    if not f or f.get("withheld") or not f.get("points"):
        return None
    top_n = f["curve"][-1]["n"]
    width = FUNNEL_WIDTH + FUNNEL_PADDING["left"] + FUNNEL_PADDING["right"]
    spots = []
    for p in f["points"]:
        x, y = _px(p["n"], p["pct"], top_n)
        text = f"{p['number']}. {p['short_name']}: {p['pct']:.1f}% of {p['n']:,} cases, {p['position_label'].lower()}"
        tip_width = CHAR_WIDTH * len(text) + 10
        tip_x = x + 10 if x + 10 + tip_width <= width else max(0.0, x - 10 - tip_width)
        spots.append({"slug": p["slug"], "number": p["number"], "x": round(x, 1), "y": round(y, 1), "text": text,
                      "tip_x": round(tip_x, 1), "tip_y": round(max(2.0, y - 22), 1), "tip_width": round(tip_width, 1)})
    return {"width": width, "height": FUNNEL_HEIGHT + FUNNEL_PADDING["top"] + FUNNEL_PADDING["bottom"], "spots": spots}


def pilot_gap_spec(model) -> ChartSpec | None:
    """The gap in average duration between Trailblazers and comparators, quarter by quarter, baseline
    and pilot quarters told apart by colour and by a label."""
    pilot = model.pilot or {}
    quarters = [q for q in pilot.get("quarters") or [] if (q.get("mean_weeks") or {}).get("gap") is not None]
    if len(quarters) < 2:
        return None
    rows = [{"quarter": q["short_label"], "gap": q["mean_weeks"]["gap"],
             "phase": "Pilot period" if q["phase"] == "pilot" else "Baseline"} for q in quarters]
    spec = {
        "width": 560, "height": 200,
        "data": {"name": "gap"},
        "layer": [
            {"data": {"values": [{}]}, "mark": {"type": "rule", "color": INK, "strokeWidth": 1}, "encoding": {"y": {"datum": 0}}},
            {"mark": {"type": "line", "color": INK_SOFT, "strokeWidth": 1},
             "encoding": {"x": {"field": "quarter", "type": "ordinal", "sort": None, "title": None,
                                "axis": {"labelAngle": 0, "labelExpr": "split(datum.label, ' ')"}},
                          "y": {"field": "gap", "type": "quantitative", "title": "weeks (Trailblazers − comparators)"}}},
            {"mark": {"type": "point", "filled": True, "size": 70},
             "encoding": {"x": {"field": "quarter", "type": "ordinal", "sort": None},
                          "y": {"field": "gap", "type": "quantitative"},
                          "color": {"field": "phase", "type": "nominal", "title": None,
                                    "scale": {"domain": ["Baseline", "Pilot period"], "range": [OKABE_ITO[1], OKABE_ITO[0]]},
                                    "legend": {"orient": "top"}},
                          "shape": {"field": "phase", "type": "nominal", "title": None,
                                    "scale": {"domain": ["Baseline", "Pilot period"], "range": ["square", "circle"]}}}},
        ],
    }
    described = "; ".join(f"{r['quarter']} ({r['phase'].lower()}) {r['gap']:+.1f} weeks" for r in rows)
    alt = ("Gap in average duration between the Trailblazers and the comparators (each board counted the same), "
           f"quarter by quarter: {described}. Parallel trends would show a flat line before the pilot.")
    title = "Gap in average duration between the arms, quarter by quarter"
    return ChartSpec("pilot-gap", title, alt, spec, {"gap": rows})


def pooled_spec(model) -> ChartSpec | None:
    """All boards pooled, % within 26 weeks by month on a Laney p′ chart: each month's limits (a
    stepped band, as they change with the month's cases), the centre, and the points typed by the
    Making Data Count rules, in the board pack's SPC colours and shapes."""
    pooled = getattr(model, "pooled_within_26", None)
    if not pooled or not pooled.get("points"):
        return None
    rows = [{"month": f"{p['month']}-01", "value": p["value"], "lower": p["lower"], "upper": p["upper"],
             "variation": SPC_TYPE_LABELS.get(p["type"], p["type"])} for p in pooled["points"]]
    types = [t for t in SPC_TYPE_LABELS if any(p["type"] == t for p in pooled["points"])]
    x = {"field": "month", "type": "temporal", "title": None,
         "axis": {"format": "%b %y", "labelAngle": 0, "grid": False, "tickCount": 8}}
    values = [r["value"] for r in rows] + [r["lower"] for r in rows if r["lower"] is not None] + \
        [r["upper"] for r in rows if r["upper"] is not None]
    y = {"field": "value", "type": "quantitative", "title": "% within 26 weeks",
         "scale": {"domain": [max(0.0, min(values) - 3), min(100.0, max(values) + 3)], "nice": False}}
    spec = {
        "width": 640, "height": 140,
        "data": {"name": "pooled"},
        "layer": [
            {"mark": {"type": "area", "interpolate": "step", "color": "#e8e8e8"},
             "encoding": {"x": x, "y": {**y, "field": "lower"}, "y2": {"field": "upper"}}},
            {"data": {"values": [{}]}, "mark": {"type": "rule", "color": SPC_MEAN, "strokeWidth": 1},
             "encoding": {"y": {"datum": pooled["centre"], "type": "quantitative"}}},
            {"mark": {"type": "line", "color": SPC_VALUE_LINE, "strokeWidth": 1}, "encoding": {"x": x, "y": y}},
            {"mark": {"type": "point", "filled": True, "size": 40, "opacity": 1},
             "encoding": {"x": x, "y": y,
                          "color": {"field": "variation", "type": "nominal", "title": None,
                                    "scale": {"domain": [SPC_TYPE_LABELS[t] for t in types], "range": [SPC_COLOURS[t] for t in types]},
                                    "legend": {"orient": "top"}},
                          "shape": {"field": "variation", "type": "nominal", "title": None,
                                    "scale": {"domain": [SPC_TYPE_LABELS[t] for t in types], "range": [SPC_SHAPES[t] for t in types]}}}},
        ],
    }
    latest = pooled["latest"]
    alt = (f"Laney p′ chart of the percentage of cases disposed of within 26 weeks, all boards pooled, "
           f"{month_short(pooled['points'][0]['month'])} to {month_short(latest['month'])}: centre {pooled['centre']:.1f}%, "
           f"each month's limits from its own number of cases, "
           + (f"widened by sigma-z {pooled['sigma_z']:.2f}. " if pooled.get("sigma_z_used", pooled["sigma_z"]) > 1
              else f"as a plain p chart (sigma-z {pooled['sigma_z']:.2f}, below 1, taken as 1). ")
           + "; ".join(f"{month_short(p['month'])} {p['value']:.1f}% ({SPC_TYPE_LABELS.get(p['type'], p['type']).lower()})"
                       for p in pooled["points"]) + ".")
    return ChartSpec("pooled-within-26", "All boards pooled: % disposed of within 26 weeks, month by month (Laney p′)",
                     alt, spec, {"pooled": rows})


def comparison_chart_specs(model) -> dict[str, ChartSpec]:
    """The comparison's charts before drawing, keyed by id ("trends-<region>", "pooled-within-26",
    "funnel", "pilot-gap"); a chart with nothing to draw is left out."""
    specs = [*trends_specs(model), pooled_spec(model), funnel_spec(model), pilot_gap_spec(model)]
    return {spec.id: spec for spec in specs if spec is not None}


def draw_charts(specs: dict[str, ChartSpec]) -> dict[str, Chart]:
    """Each spec converted to SVG (`render_chart`), keyed as given."""
    return {key: render_chart(spec) for key, spec in specs.items()}


def comparison_charts(model) -> dict[str, Chart]:
    """The comparison's charts, drawn, keyed by id (`comparison_chart_specs`)."""
    return draw_charts(comparison_chart_specs(model))
