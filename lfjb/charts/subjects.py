"""What each chart plots and over which period: the line printed above it (issue 22, item 3).

A chart's `title` states its finding (the caption below it); its `subject` names what is drawn and
the months it covers ("Average duration of cases disposed of, by local authority, April 2024 to March
2025"), so a reader can tell a chart of twelve months from one of a month, and see that it covers the
same cases as the table beside it. Written once here from the PackModel, for every chart the pack draws.
"""

from __future__ import annotations

from lfjb.charts.style import AXIS_UNITS
from lfjb.formatting import month_label
from lfjb.pack import PackModel
from lfjb.vocab import KPIS


def _span(start, end) -> str:
    return f"{month_label(start)} to {month_label(end)}"


def _quarter(name: str) -> str:
    """'2023-24 Q1' -> 'Q1 2023-24' (the financial-year quarter as people say it)."""
    year, _, q = name.partition(" ")
    return f"{q} {year}" if q else name


def chart_subject(pack: PackModel, chart_id: str) -> str:
    """The subject line of the pack's chart `chart_id` (narrow variants share their wide chart's);
    "" for a chart printed without one (sparklines sit inside a tile that names them)."""
    base = chart_id.removesuffix("_narrow")
    r12 = _span(pack.rolling_12["start"], pack.rolling_12["end"])
    if base.startswith("spc_"):
        kpi = base.removeprefix("spc_")
        months = [row["month"] for row in pack.trend]
        period = _span(months[0], months[-1]) if months else month_label(pack.month)
        return f"{KPIS[kpi]['label']} ({AXIS_UNITS[KPIS[kpi]['unit']]}), month by month, {period}"
    if base == "duration_bands":
        return f"Cases disposed of, by how long they took, {r12}"
    if base == "open_age":
        return f"Cases open at the end of {month_label(pack.month)}, by how long they have been open"
    if base == "local_authority":
        return f"Average duration of the cases disposed of, by local authority, {r12}"
    if base == "driver_prevalence":
        w = pack.drivers["window"]
        return f"Share of the cases disposed of that cite each driver of delay, {_span(w['start'], w['end'])}"
    if base == "case_tracker_age":
        return f"Cases open at the end of {month_label(pack.month)}, by weeks since issue and rating"
    if base == "outcomes":
        o = pack.outcomes
        return f"Final orders of the cases disposed of, {_span(o['start'], o['end'])}"
    if base == "pre_proceedings_quarters":
        quarters = [q["quarter"] for source in ("extract", "log")
                    for q in ((pack.pre_proceedings.get(source) or {}).get("by_quarter") or [])]
        ordered = sorted(set(quarters))
        period = f"{_quarter(ordered[0])} to {_quarter(ordered[-1])}" if ordered else r12
        return f"Pre-proceedings, quarter by quarter (financial years), {period}"
    if base == "journey":
        w = pack.journey["window"]
        return f"Median weeks of each stage of proceedings, by local authority, cases disposed of {_span(w['start'], w['end'])}"
    return ""
