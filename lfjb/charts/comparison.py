"""Charts for the cross-board comparison, drawn only from the ComparisonModel (so published charts
show only published figures):

- `trends`: small multiples of average duration by month, one panel per board, on the same scales;
- `funnel`: % of cases disposed of within 26 weeks against cases disposed of (12 months), with the
  95% and 99.8% limits around the all-boards rate.

Titles state the finding (written in the model, from the figures shown); the alt text carries the
figures themselves. The look comes from lfjb/charts/style.py, as for the board pack.
"""

from __future__ import annotations

from lfjb.charts.chart import Chart, ChartSpec, render_chart
from lfjb.charts.style import (
    INK,
    INK_SOFT,
    OKABE_ITO,
    SPC_LIMITS,
    SPC_TARGET,
    month_words,
)
from lfjb.metrics.kpis import WITHIN_26_DAYS

PROGRAMME_COLOURS = {"Trailblazer": OKABE_ITO[0], "Comparator": OKABE_ITO[1], "Not stated": "#595959"}
PROGRAMME_SHAPES = {"Trailblazer": "circle", "Comparator": "square", "Not stated": "triangle-up"}
STATUTORY_WEEKS = WITHIN_26_DAYS / 7  # Children and Families Act 2014 s.14: care proceedings within 26 weeks
PANEL_WIDTH, PANEL_HEIGHT, PANEL_COLUMNS = 215, 120, 4
FUNNEL_WIDTH, FUNNEL_HEIGHT = 620, 330
TARGET_LABEL_AT = 0.03  # the all-boards label sits at the left, clear of boards with many cases
LIMIT_DASHES = {"95% limits": [5, 3], "99.8% limits": [1, 0]}


def _programme_scale(present: list[str]) -> dict:
    domain = [p for p in PROGRAMME_COLOURS if p in present]
    return {"domain": domain, "range": [PROGRAMME_COLOURS[p] for p in domain]}


def _shape_scale(present: list[str]) -> dict:
    domain = [p for p in PROGRAMME_SHAPES if p in present]
    return {"domain": domain, "range": [PROGRAMME_SHAPES[p] for p in domain]}


def _signed(x: float, unit: str) -> str:
    return f"{'+' if x > 0 else '−' if x < 0 else '±'}{abs(x):.1f} {unit}"


def trends_spec(model) -> ChartSpec | None:
    """Average duration month by month, a panel per board in rank order, every panel on one scale."""
    boards = model.boards
    rows = []
    for b in boards:
        for p in model.trends.get(b["slug"], []):
            if p.get("mean_weeks") is not None:
                rows.append({"board": b["short_name"], "programme": b["programme_label"],
                             "month": f"{p['month']}-01", "mean_weeks": p["mean_weeks"]})
    if not rows:
        return None
    top = max(r["mean_weeks"] for r in rows)
    months = sorted({p["month"] for pts in model.trends.values() for p in pts})
    present = sorted({r["programme"] for r in rows})
    bench = getattr(model, "benchmark", None) or {}
    national = bench.get("mean_weeks") if bench.get("kind") == "national" else None
    national_rule = ([{"mark": {"type": "rule", "color": INK_SOFT, "strokeDash": [6, 3], "strokeWidth": 1},
                       "encoding": {"y": {"datum": national}}}] if national is not None else [])
    spec = {
        "data": {"name": "trend"},
        "facet": {"field": "board", "type": "nominal", "sort": [b["short_name"] for b in boards],
                  "title": None, "header": {"labelFontSize": 10, "labelColor": INK, "labelLimit": PANEL_WIDTH}},
        "columns": PANEL_COLUMNS,
        "spec": {
            "width": PANEL_WIDTH,
            "height": PANEL_HEIGHT,
            "layer": [
                {"mark": {"type": "rule", "color": SPC_TARGET, "strokeDash": [2, 2], "strokeWidth": 1},
                 "encoding": {"y": {"datum": STATUTORY_WEEKS}}},
                *national_rule,
                {"mark": {"type": "line", "strokeWidth": 1.5, "point": {"filled": True, "size": 12}},
                 "encoding": {
                     "x": {"field": "month", "type": "temporal", "title": None,
                           "axis": {"format": "%b %y", "tickCount": 4, "labelAngle": 0, "grid": False}},
                     "y": {"field": "mean_weeks", "type": "quantitative", "title": "weeks",
                           "scale": {"domain": [0, max(60.0, top * 1.05)], "nice": True}},
                     "color": {"field": "programme", "type": "nominal", "title": "Programme",
                               "scale": _programme_scale(present)},
                 }},
            ],
        },
        "resolve": {"scale": {"y": "shared", "x": "shared"}},
    }
    described = []
    for b in boards:
        if b.get("mean_weeks_12m") is None:
            described.append(f"{b['short_name']}: 12-month average withheld")
            continue
        text = f"{b['short_name']} ({b['programme_label']}) {b['mean_weeks_12m']:.1f} weeks over the 12 months"
        if b.get("change_mean_weeks_12m") is not None:
            text += f", {_signed(b['change_mean_weeks_12m'], 'weeks')} on the year before"
        described.append(text)
    alt_text = (
        f"Small multiples: average duration of cases disposed of each month, in weeks, {month_words(months[0])} to "
        f"{month_words(months[-1])}, one panel per board on the same scale, with a dotted line at 26 weeks"
        + (f" and a dashed line at the England and Wales average, {national:.1f} weeks ({bench['label']})" if national is not None else "")
        + ". "
        + "; ".join(described) + "."
    )
    return ChartSpec("trends", model.titles.get("trends", "Average duration by board"), alt_text, spec, {"trend": rows})


CHAR_WIDTH, LABEL_HEIGHT, MARKER_RADIUS = 6.0, 12.0, 5.0  # px at font size 10 (DejaVu Sans)
LABEL_OVERHANG = 140  # px a name may run past the plot's right edge (the chart grows to fit it)
# Where a board's name may go relative to its point, in order of preference: (dx, dy) of the label's
# left end and vertical middle, in px; "w" stands for minus the label's width (label to the left).
_LABEL_SPOTS = ((7, -8), (7, 9), ("w", -8), ("w", 9), (7, -20), (7, 21), ("w", -20), ("w", 21), (7, 0), ("w", 0))


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(points: list[dict], width: float, height: float, x_max: float, y_max: float = 100.0,
                 reserved: list[tuple[float, float, float, float]] | None = None) -> list[dict]:
    """Label positions (in data units) that do not overlap each other, the points, `reserved` boxes
    (px) or the plot's edges (a name may run LABEL_OVERHANG px past the right edge).

    Tries a few spots round each point, in order of preference, and takes the first that is clear
    (the first spot when none is). Boards are placed from left to right.
    """
    def px(n: float, pct: float) -> tuple[float, float]:
        return n / x_max * width, (1 - pct / y_max) * height

    markers = [(x - MARKER_RADIUS, y - MARKER_RADIUS, x + MARKER_RADIUS, y + MARKER_RADIUS)
               for x, y in (px(p["n"], p["pct"]) for p in points)]
    taken: list[tuple[float, float, float, float]] = list(reserved or [])
    labels = []
    for p in sorted(points, key=lambda p: (p["n"], -p["pct"])):
        x, y = px(p["n"], p["pct"])
        w = CHAR_WIDTH * len(p["board"])
        boxes = []
        for dx, dy in _LABEL_SPOTS:
            left = x - 7 - w if dx == "w" else x + dx
            box = (left, y + dy - LABEL_HEIGHT / 2, left + w, y + dy + LABEL_HEIGHT / 2)
            inside = box[0] >= 0 and box[2] <= width + LABEL_OVERHANG and box[1] >= 0 and box[3] <= height
            boxes.append(box)
            if inside and not any(_overlaps(box, t) for t in taken + markers):
                break
        else:
            box = boxes[0]
        taken.append(box)
        labels.append({"board": p["board"], "label_n": box[0] / width * x_max,
                       "label_pct": (1 - (box[1] + LABEL_HEIGHT / 2) / height) * y_max})
    return labels


def funnel_spec(model) -> ChartSpec | None:
    """The funnel plot: each board's % within 26 weeks at its number of cases, limits around the all-boards rate."""
    f = model.funnel
    if not f or f.get("withheld") or not f.get("points"):
        return None
    by_slug = {b["slug"]: b for b in model.boards}
    points = [{"board": by_slug[p["slug"]]["short_name"], "programme": by_slug[p["slug"]]["programme_label"],
               "n": p["n"], "pct": p["pct"], "where": p["position_label"]} for p in f["points"]]
    top_n = f["curve"][-1]["n"]  # a round number a little past the largest board
    lines = []
    for c in f["curve"]:
        for level, low, high in (("95% limits", "lower_95", "upper_95"), ("99.8% limits", "lower_998", "upper_998")):
            lines.append({"n": c["n"], "limit": level, "side": "lower", "pct": c[low]})
            lines.append({"n": c["n"], "limit": level, "side": "upper", "pct": c[high]})
    present = sorted({p["programme"] for p in points})
    target_text = f"{f.get('target_label', 'All boards pooled')} {f['target']:.1f}%"
    target_y = (1 - f["target"] / 100) * FUNNEL_HEIGHT
    target_x = TARGET_LABEL_AT * FUNNEL_WIDTH + 4
    target_box = (target_x, target_y - 3 - LABEL_HEIGHT, target_x + CHAR_WIDTH * len(target_text), target_y - 3)
    x = {"field": "n", "type": "quantitative", "title": "Cases disposed of in the 12 months",
         "scale": {"domain": [0, top_n], "nice": False}}
    y = {"field": "pct", "type": "quantitative", "title": "% disposed of within 26 weeks", "scale": {"domain": [0, 100]}}
    spec = {
        "width": FUNNEL_WIDTH,
        "height": FUNNEL_HEIGHT,
        "layer": [
            {"data": {"name": "limits"},
             "mark": {"type": "line", "color": SPC_LIMITS, "strokeWidth": 1.2, "clip": True},
             "encoding": {"x": x, "y": y, "detail": {"field": "side"},
                          "strokeDash": {"field": "limit", "type": "nominal", "title": "Control limits",
                                         "scale": {"domain": list(LIMIT_DASHES), "range": list(LIMIT_DASHES.values())}}}},
            {"data": {"values": [{}]}, "mark": {"type": "rule", "color": INK, "strokeWidth": 1},
             "encoding": {"y": {"datum": f["target"], "type": "quantitative"}}},
            {"data": {"values": [{}]},
             "mark": {"type": "text", "align": "left", "baseline": "bottom", "dx": 4, "dy": -3, "color": INK_SOFT, "fontSize": 10},
             "encoding": {"x": {"datum": top_n * TARGET_LABEL_AT, "type": "quantitative"},
                          "y": {"datum": f["target"], "type": "quantitative"},
                          "text": {"value": target_text}}},
            {"data": {"name": "points"},
             "mark": {"type": "point", "filled": True, "size": 70, "opacity": 1},
             "encoding": {"x": x, "y": y,
                          "color": {"field": "programme", "type": "nominal", "title": "Programme", "scale": _programme_scale(present)},
                          "shape": {"field": "programme", "type": "nominal", "title": "Programme", "scale": _shape_scale(present)}}},
            {"data": {"name": "labels"},
             "mark": {"type": "text", "align": "left", "baseline": "middle", "fontSize": 10, "color": INK},
             "encoding": {"x": {**x, "field": "label_n"}, "y": {**y, "field": "label_pct"}, "text": {"field": "board"}}},
        ],
    }
    adjusted = (f"Limits widened for over-dispersion (phi {f['phi']:.2f}, tau-squared {f['tau2']:.4f})."
                if f["is_adjusted"] else f"No over-dispersion found (phi {f['phi']:.2f}); limits are unadjusted.")
    described = "; ".join(f"{p['board']} {p['pct']:.1f}% of {p['n']:,} cases, {p['where'].lower()}" for p in points)
    alt_text = (
        f"Funnel plot of the percentage of cases disposed of within 26 weeks against the number of cases disposed "
        f"of, {f['period']['label']}. Centre line: {f.get('target_note', 'all boards pooled')}, {f['target']:.1f}%, with 95% and 99.8% limits that narrow as "
        f"the number of cases grows. {adjusted} {described}."
    )
    labels = place_labels(points, FUNNEL_WIDTH, FUNNEL_HEIGHT, top_n, reserved=[target_box])
    return ChartSpec("funnel", model.titles.get("funnel", "Funnel plot"), alt_text, spec,
                     {"limits": lines, "points": points, "labels": labels})


def comparison_charts(model) -> dict[str, Chart]:
    """The comparison's charts, keyed by id ("trends", "funnel"); a chart with nothing to draw is left out."""
    specs = [s for s in (trends_spec(model), funnel_spec(model)) if s is not None]
    return {spec.id: render_chart(spec) for spec in specs}
