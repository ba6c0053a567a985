"""NHS England "Making Data Count" XmR charts, drawn from `pack.spc[kpi]`, an SpcResult (lfjb/metrics/spc.py).

Each point carries its own centre and limits, so a rebased chart draws them as separate steps, one
line per segment. Empty months stay on the month axis with no point, and the value line breaks there.
The value line joins the points; the points are coloured and shaped by their variation type; the mean
is solid, the process limits dashed and the target dotted and labelled, with a legend for each.
"""

from __future__ import annotations

import altair as alt

from lfjb.charts.chart import ChartSpec
from lfjb.charts.style import (
    AXIS_UNITS,
    TREND_WIDTH,
    INK,
    NARROW_WIDTH,
    SPC_COLOURS,
    SPC_DASHES,
    SPC_LIMITS,
    SPC_MEAN,
    SPC_SHAPES,
    SPC_TARGET,
    SPC_TYPE_LABELS,
    SPC_VALUE_LINE,
    narrow_config,
)
from lfjb.formatting import kpi_value_unit, lower_first, month_short, month_tick
from lfjb.metrics.spc import MIN_POINTS_FOR_FIRM_LIMITS, SpcPoint, SpcResult
from lfjb.month import Month
from lfjb.pack import PackModel
from lfjb.vocab import KPIS

PLOT_HEIGHT = 100  # px: three measures to an A4 page beside their facts (issue 22; was 170)
NARROW_PLOT_HEIGHT = 170  # px, the phone's chart: narrow, so taller
# What a KPI can possibly be, by unit: limits outside are drawn at the edge (every KPI is a count,
# a duration or a mean of counts, so none is below 0; a percentage is at most 100).
POSSIBLE_RANGE: dict[str, tuple[float, float | None]] = {"%": (0.0, 100.0)}
TICK_EVERY = 3  # label every third month, counting back from the reporting month
NARROW_TICK_EVERY = 6  # on a phone, every sixth: the labels are larger and the chart narrower
SPECIAL_SIZE, COMMON_SIZE = 80, 30  # marker areas in px²

_LINE_COLOURS = {"Average": SPC_MEAN, "Process limits": SPC_LIMITS, "Target": SPC_TARGET}
_LINE_WIDTHS = {"Average": 1.5, "Process limits": 1.2, "Target": 1.5}

_LINE_LEGEND = alt.Legend(orient="bottom", symbolType="stroke", symbolSize=400, symbolStrokeWidth=1.5)
_POINT_LEGEND = alt.Legend(orient="bottom", symbolSize=70, symbolStrokeWidth=0)

_SPECIAL_WORDS = {
    "special_cause_improvement": "improvement",
    "special_cause_concern": "concern",
    "special_cause_neutral_high": "unusually high",
    "special_cause_neutral_low": "unusually low",
}

_ASSURANCE_WORDS = {
    "pass": "the target is consistently met: the whole band between the limits is on the better side of it",
    "fail": "the target will not be met without a change to the process: the whole band between the limits is on the worse side of it",
    "hit_and_miss": "the target will be met in some months and missed in others: it lies between the limits",
}


def _segments(points: list[SpcPoint], rebase: list[Month]) -> list[int]:
    """The segment number of each point: how many rebase months are at or before its month."""
    return [sum(1 for r in rebase if r <= p.month) for p in points]


def _restarts(points: list[SpcPoint], rebase: list[Month]) -> list[Month]:
    """The months where a new segment starts on the chart (rebase months outside the points are not)."""
    segments = _segments(points, rebase)
    return [p.month for p, before, now in zip(points[1:], segments, segments[1:]) if now != before]


def _latest_segment(points: list[SpcPoint], segments: list[int]) -> list[SpcPoint]:
    return [p for p, s in zip(points, segments) if s == segments[-1]] if points else []


def _within(value: float, bounds: tuple[float, float | None]) -> float:
    low, high = bounds
    return float(min(max(value, low), high if high is not None else value))


def _line_rows(
    points: list[SpcPoint], segments: list[int], target: float | None, months: list[str], bounds: tuple[float, float | None]
) -> list[dict]:
    """Long rows for the mean, the limits (per segment) and the target (across the whole axis).

    A limit beyond what the KPI can be (below 0, above 100%) is drawn at that edge.
    """
    rows = []
    sizes = {seg: segments.count(seg) for seg in segments}
    for p, seg in zip(points, segments):
        tick = month_tick(p.month)
        if sizes[seg] > 1:  # a one-month segment's average is a line of no length: leave it out of the legend too
            rows.append({"month": tick, "series": "Average", "part": f"centre-{seg}", "y": float(p.centre)})
        for part in ("lower", "upper"):
            if getattr(p, part) is not None:
                rows.append({"month": tick, "series": "Process limits", "part": f"{part}-{seg}", "y": _within(getattr(p, part), bounds)})
    if target is not None:
        rows += [{"month": month_tick(m), "series": "Target", "part": "target", "y": float(target)} for m in (months[0], months[-1])]
    return rows


def _y_scale(points: list[SpcPoint], target: float | None) -> alt.Scale:
    """The value scale: not from zero, padded so no point sits on the axis.

    Everything on one value (a single month, no limits, no target) would give a scale of no height,
    which Vega cannot draw; it gets a band of 10% (at least 1 unit) either side instead.
    """
    ys = [float(v) for p in points for v in (p.value, p.centre, p.lower, p.upper) if v is not None]
    ys += [] if target is None else [float(target)]
    if ys and max(ys) == min(ys):
        half = max(abs(ys[0]) * 0.1, 1.0)
        low = ys[0] - half if ys[0] - half >= 0 or ys[0] < 0 else 0.0  # no negative axis for counts of 0
        return alt.Scale(domain=[low, ys[0] + half], zero=False, nice=True)
    return alt.Scale(zero=False, nice=True, padding=8)


def spc_title(kpi: str, chart: SpcResult, month: str) -> str:
    """The finding: the latest value, its move from the month before, and what the SPC rules say."""
    label, unit = KPIS[kpi]["label"], KPIS[kpi]["unit"]
    points = chart.points
    if not points:
        return f"{label}: no month in the last 24 has a value"
    latest = points[-1]
    value = kpi_value_unit(latest.value, unit)
    if len(points) > 1:
        before = points[-2].value
        verb = "rose to" if latest.value > before else "fell to" if latest.value < before else "was unchanged at"
    else:
        verb = "was"
    when = month_short(latest.month)
    title = f"{label} {verb} {value} in {when}"
    if str(latest.month) != month:
        title += f" (no value for {month_short(month)})"
    reason = latest.reasons[0] if latest.reasons else ""
    kind = latest.type
    if latest.lower is None and chart.is_too_coarse:
        title += ": too few cases a month to set limits"
    elif latest.lower is None:
        title += ": too few months to set limits"
    elif kind == "special_cause_improvement":
        title += f": an improvement ({reason})"
    elif kind == "special_cause_concern":
        title += f": a concern ({reason})"
    elif kind in ("special_cause_neutral_high", "special_cause_neutral_low"):
        title += f": unusually {'high' if kind.endswith('high') else 'low'} ({reason})"
    else:
        title += ", within its usual range"
    if chart.provisional and latest.lower is not None:
        title += "; limits provisional"
    return title


def spc_alt(kpi: str, chart: SpcResult, months: list[str]) -> str:
    """The text alternative: what is plotted, the latest value and move, the limits, target and signals."""
    label, unit = KPIS[kpi]["label"], KPIS[kpi]["unit"]
    points = chart.points
    span = f"{month_short(months[0])} to {month_short(months[-1])}"
    words = [f"Chart of {lower_first(label)} ({AXIS_UNITS[unit]}) by month, {span}, with its average and usual range."]
    if not points:
        return words[0] + " No month has a value, so nothing is plotted."
    latest = points[-1]
    sentence = f"Latest value {kpi_value_unit(latest.value, unit)} in {month_short(latest.month)}"
    if len(points) > 1:
        before = points[-2]
        sentence += f", {'up' if latest.value > before.value else 'down' if latest.value < before.value else 'unchanged'} from {kpi_value_unit(before.value, unit)} in {month_short(before.month)}"
    words.append(sentence + ".")
    gaps = len(months) - len(points)
    if gaps:
        words.append(f"{gaps} month{'s have' if gaps != 1 else ' has'} no value and {'are' if gaps != 1 else 'is'} left as a gap.")
    words.append(f"Average {kpi_value_unit(latest.centre, unit)}")
    if latest.lower is None and chart.is_too_coarse:
        words[-1] += "; no process limits, as the count moves by too few cases from month to month to set them."
    elif latest.lower is None:
        words[-1] += "; no process limits, as the latest period has a single month."
    else:
        words[-1] += f"; process limits {kpi_value_unit(latest.lower, unit)} to {kpi_value_unit(latest.upper, unit)}."
        low, high = POSSIBLE_RANGE.get(unit, (0.0, None))
        if latest.lower < low or (high is not None and latest.upper > high):
            words[-1] += " A limit beyond the possible range is drawn at its edge."
    restarts = _restarts(points, chart.rebase)
    if restarts:
        words.append(f"Average and limits recalculated from {', '.join(month_short(m) for m in restarts)}.")
    if chart.provisional and latest.lower is not None:
        words.append(f"The limits are provisional: fewer than {MIN_POINTS_FOR_FIRM_LIMITS} months of data.")
    if chart.target is not None:
        words.append(f"Target {kpi_value_unit(chart.target, unit, whole=True)}")
        words[-1] += f"; {_ASSURANCE_WORDS[chart.assurance]}." if chart.assurance else "."
    words.append(chart.summary)
    counts = {t: sum(1 for p in points if p.type == t) for t in _SPECIAL_WORDS}
    special = [f"{n} {_SPECIAL_WORDS[t]}" for t, n in counts.items() if n]
    if special:
        words.append(f"Months showing special cause variation: {', '.join(special)}.")
    return " ".join(w for w in words if w)


def _lines_layer(x: alt.X, y: alt.Y, series: list[str], step: bool = False) -> alt.Chart:
    """Mean (solid), limits (dashed) and target (dotted): one legend entry each, colour and dash together."""
    def by_series(channel, values, legend=_LINE_LEGEND, **scale):
        return channel("series:N", title=None, scale=alt.Scale(domain=series, range=[values[s] for s in series], **scale), legend=legend)

    return (
        alt.Chart(alt.Data(name="lines"))
        .mark_line(interpolate="step" if step else "linear")  # p′ limits change month by month
        .encode(
            x=x,
            y=y,
            detail=alt.Detail("part:N"),  # one line per segment and per limit, so rebased limits draw as steps
            color=by_series(alt.Color, _LINE_COLOURS),
            strokeDash=by_series(alt.StrokeDash, SPC_DASHES),
            # An ordinal scale, one width per series: Vega-Lite's default for a nominal width is a point
            # scale, which needs two widths and drew a lone series (a target with too few months for an
            # average) with stroke-width="NaN", an operator PDF readers reject.
            strokeWidth=by_series(alt.StrokeWidth, _LINE_WIDTHS, legend=None, type="ordinal"),
        )
    )


def _markers_layer(x: alt.X, y: alt.Y, types: list[str]) -> alt.Chart:
    """The points: colour and shape by variation type (so they read in greyscale), special cause larger."""
    def by_type(channel, values):
        labels = [SPC_TYPE_LABELS[t] for t in types]
        return channel("variation:N", title=None, scale=alt.Scale(domain=labels, range=[values[t] for t in types]), legend=_POINT_LEGEND)

    return (
        alt.Chart(alt.Data(name="points"))
        .mark_point(filled=True, opacity=1, stroke="white", strokeWidth=0.8)
        .encode(
            x=x,
            y=y,
            shape=by_type(alt.Shape, SPC_SHAPES),
            color=by_type(alt.Color, SPC_COLOURS),
            size=alt.Size("special:N", scale=alt.Scale(domain=[False, True], range=[COMMON_SIZE, SPECIAL_SIZE]), legend=None),
        )
    )


def _note(chart: SpcResult, points: list[SpcPoint], segments: list[int]) -> str | None:
    """The one line of text inside the SVG: why the limits are missing or provisional."""
    if not points:
        return "No data to plot"
    if points[-1].lower is None:
        since = " since the limits were restarted" if len(set(segments)) > 1 else " of data"
        return f"No process limits yet: only one month{since}"
    if chart.provisional:
        months = len(_latest_segment(points, segments))
        return f"Provisional limits: only {months} months of data (firm from {MIN_POINTS_FOR_FIRM_LIMITS})"
    return None


def _layered(layers: list[alt.Chart], resolve: dict[str, str], props: dict) -> dict:
    """`alt.layer(*layers).resolve_scale(**resolve).properties(**props).to_dict()`, assembled from the
    layers' own dicts: Altair deep-copies the whole layered chart at each of those calls, which made
    the XmR charts the dearest specs of a pack. The same dict (tests/charts compare the two)."""
    parts = [layer.to_dict(validate=False) for layer in layers]
    head = {"config": parts[0]["config"]} if "config" in parts[0] else {}
    schema = parts[0].get("$schema")
    for part in parts:
        part.pop("config", None)
        part.pop("$schema", None)
    return {**head, "layer": parts, "resolve": {"scale": resolve}, **props, **({"$schema": schema} if schema else {})}


def spc_spec(pack: PackModel, kpi: str, narrow: bool = False) -> ChartSpec:
    """The `spc_<kpi>` chart of the pack: XmR chart over the trend months; with `narrow`, its phone
    variant `spc_<kpi>_narrow` (NARROW_WIDTH wide, larger text, fewer month labels)."""
    chart = pack.spc[kpi]
    unit = KPIS[kpi]["unit"]
    points = chart.points
    target = chart.target
    months = [row.month for row in pack.trend]
    ticks = [month_tick(m) for m in months]
    segments = _segments(points, chart.rebase)
    by_month = {p.month: p for p in points}

    x = alt.X(
        "month:O",
        title=None,
        scale=alt.Scale(domain=ticks),
        axis=alt.Axis(values=ticks[::-1][::NARROW_TICK_EVERY if narrow else TICK_EVERY][::-1], labelAngle=0, grid=False, ticks=True),
    )
    y = alt.Y("y:Q", title=AXIS_UNITS[unit], scale=_y_scale(points, target), axis=alt.Axis(grid=True, tickCount=5))

    datasets = {
        "lines": _line_rows(points, segments, target, months, POSSIBLE_RANGE.get(unit, (0.0, None))),
        # Every trend month, None where it has no value: the line breaks there instead of bridging it.
        "values": [{"month": t, "y": float(by_month[m].value) if m in by_month else None} for m, t in zip(months, ticks)],
        "points": [
            {"month": month_tick(p.month), "y": float(p.value), "variation": SPC_TYPE_LABELS[p.type],
             "special": p.type != "common_cause"}
            for p in points
        ],
    }
    series = [s for s in SPC_DASHES if any(r["series"] == s for r in datasets["lines"])]
    types = [t for t in SPC_TYPE_LABELS if any(p.type == t for p in points)] or ["common_cause"]
    layers = [_lines_layer(x, y, series, step=chart.chart == "pprime")] if series else []
    layers += [
        alt.Chart(alt.Data(name="values")).mark_line(color=SPC_VALUE_LINE, strokeWidth=1.5).encode(x=x, y=y),
        _markers_layer(x, y, types),
    ]
    if points:
        latest = points[-1]
        datasets["latest"] = [{"month": month_tick(latest.month), "y": float(latest.value), "label": kpi_value_unit(latest.value, unit)}]
        layers.append(
            alt.Chart(alt.Data(name="latest")).mark_text(align="left", dx=7, fontWeight="bold", color=INK).encode(x=x, y=y, text=alt.Text("label:N"))
        )
    if target is not None:
        datasets["target"] = [{"month": ticks[0], "y": float(target), "label": f"Target {kpi_value_unit(target, unit, whole=True)}"}]
        # The label goes on the side of the target line away from the average, clear of the limits.
        below = bool(points) and target < points[-1].centre
        layers.append(
            alt.Chart(alt.Data(name="target"))
            .mark_text(align="left", baseline="top" if below else "bottom", dy=3 if below else -3, color=SPC_TARGET)
            .encode(x=x, y=y, text=alt.Text("label:N"))
        )
    props = {"width": NARROW_WIDTH if narrow else TREND_WIDTH, "height": NARROW_PLOT_HEIGHT if narrow else PLOT_HEIGHT, "autosize": {"type": "fit-x", "contains": "padding"}}
    note = _note(chart, points, segments)
    if note:
        props["title"] = alt.Title(note).to_dict(validate=False)
    spec = _layered(layers, {"color": "independent", "shape": "independent", "strokeDash": "independent"}, props)
    if narrow:
        spec["config"] = {**spec.get("config", {}), **narrow_config()}
    return ChartSpec(f"spc_{kpi}_narrow" if narrow else f"spc_{kpi}", spc_title(kpi, chart, str(pack.month)), spc_alt(kpi, chart, months), spec, datasets)
