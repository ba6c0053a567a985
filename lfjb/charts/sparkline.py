"""Sparklines for the KPI tiles, from `pack.kpi_tiles[kpi]["sparkline"]` (the 13 months ending at M).

No axes, no labels: the tile beside it gives the numbers. Months with no value are gaps in the line,
never zeros; a month with a value but empty neighbours gets a small dot so it does not vanish; the
latest month with a value is marked.
"""

from __future__ import annotations

import copy
from functools import lru_cache

import altair as alt

from lfjb.charts.chart import ChartSpec
from lfjb.charts.style import (
    SPARK_HEIGHT,
    SPARK_WIDTH,
    main_colour,
)
from lfjb.formatting import kpi_value_unit, lower_first, month_short
from lfjb.pack import PackModel
from lfjb.vocab import KPIS

PADDING = 3  # px round the line, so the latest-month marker is not clipped
LATEST_SIZE = 22  # marker areas in px²
LONE_SIZE = 6


def _is_lone(values: list[float | None], i: int) -> bool:
    """True when value i exists but both neighbours are empty, so a line cannot show it."""
    before = values[i - 1] if i > 0 else None
    after = values[i + 1] if i + 1 < len(values) else None
    return values[i] is not None and before is None and after is None


def sparkline_words(kpi: str, rows: list[dict]) -> tuple[str, str]:
    """(title, alt) of a sparkline: the latest value and the change across the months shown."""
    label, unit = KPIS[kpi]["label"], KPIS[kpi]["unit"]
    known = [r for r in rows if r["value"] is not None]
    span = f"{month_short(rows[0]['month'])} to {month_short(rows[-1]['month'])}"
    if not known:
        return (f"{label}: no value in the {len(rows)} months to {month_short(rows[-1]['month'])}",
                f"Sparkline of {lower_first(label)}, {span}: no month has a value, so nothing is drawn.")
    latest, first = known[-1], known[0]
    now = f"{kpi_value_unit(latest['value'], unit)} in {month_short(latest['month'])}"
    if first is latest:
        title = f"{label}: {now}"
        change = "the only month with a value"
    else:
        moved = "up" if latest["value"] > first["value"] else "down" if latest["value"] < first["value"] else "unchanged"
        change = f"{moved} from {kpi_value_unit(first['value'], unit)} in {month_short(first['month'])}"
        title = f"{label}: {now}, {change}"
    values = [r["value"] for r in known]
    alt_text = f"Sparkline of {lower_first(label)}, {span}. Latest {now}, {change}."
    if len(known) > 1:
        alt_text += f" Lowest {kpi_value_unit(min(values), unit)}, highest {kpi_value_unit(max(values), unit)}."
    empty = len(rows) - len(known)
    if empty:
        alt_text += f" {empty} month{'s have' if empty != 1 else ' has'} no value and {'are' if empty != 1 else 'is'} left as a gap."
    return title, alt_text


def sparkline_spec(pack: PackModel, kpi: str) -> ChartSpec:
    """The `spark_<kpi>` chart: a ~120x32 px line of the tile's months, latest point marked."""
    rows = pack.kpi_tiles[kpi]["sparkline"]
    colour = main_colour(pack.board.get("branding"))
    values = [None if r["value"] is None else float(r["value"]) for r in rows]
    data = [
        {"i": i, "y": v, "latest": False, "lone": _is_lone(values, i)} for i, v in enumerate(values)
    ]
    known = [i for i, v in enumerate(values) if v is not None]
    if known:
        data[known[-1]]["latest"] = True
    title, alt_text = sparkline_words(kpi, rows)
    return ChartSpec(f"spark_{kpi}", title, alt_text, _template(colour, len(rows)), {"sparkline": data})


@lru_cache(maxsize=32)
def _template_cached(colour: str, months: int) -> dict:
    x = alt.X("i:Q", axis=None, scale=alt.Scale(domain=[0, max(months - 1, 1)], nice=False, zero=False))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(zero=False, nice=False))
    base = alt.Chart(alt.Data(name="sparkline"))
    layers = [
        base.mark_line(color=colour, strokeWidth=1.5, strokeJoin="round").encode(x=x, y=y),
        base.mark_circle(color=colour, size=LONE_SIZE, opacity=1).encode(x=x, y=y).transform_filter("datum.lone && !datum.latest"),
        base.mark_circle(color=colour, size=LATEST_SIZE, opacity=1).encode(x=x, y=y).transform_filter("datum.latest"),
    ]
    chart = alt.layer(*layers).properties(
        width=SPARK_WIDTH,
        height=SPARK_HEIGHT,
        padding=PADDING,
        autosize={"type": "fit", "contains": "padding"},
        background="transparent",
    )
    return chart.to_dict(validate=False)


def _template(colour: str, months: int) -> dict:
    """The sparkline's Vega-Lite without its rows: the same for every KPI of a board, so built once."""
    return copy.deepcopy(_template_cached(colour, months))
