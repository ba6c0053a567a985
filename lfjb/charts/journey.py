"""The journey chart (issue 21): one bar per local authority, the median weeks of each stage of
proceedings side by side in the order a case meets them (issue to first CMH, CMH to IRH, IRH to final
hearing), a tick at the median issue to final order, and the 26-week line.

Medians of stages do not add up to the median of the whole (each is the middle of its own cases), so
the bar's end is labelled as the sum of its stages and the tick shows the median to the final order.
"""

from __future__ import annotations

import altair as alt

from lfjb.charts.bars import WIDE, BarLayout, _name_axis
from lfjb.charts.chart import ChartSpec
from lfjb.charts.style import INK, OKABE_ITO, SPC_TARGET
from lfjb.formatting import kpi_value, month_short, percent
from lfjb.pack import PackModel

ALL_AUTHORITIES = "All local authorities"
# Stage colours: Okabe-Ito blue, orange and bluish green, told apart without colour by their order;
# the time in pre-proceedings before issue, when known, in reddish purple to the left of 0.
STAGE_COLOURS = (OKABE_ITO[0], OKABE_ITO[5], OKABE_ITO[2])
PRE_ISSUE_COLOUR = OKABE_ITO[3]
PRE_ISSUE = "plo_to_issue"
ROW_STEP = 30  # px per local authority
LABEL_ROOM_WEEKS = 9  # weeks of axis kept beyond the longest bar for its end label


def _bar_rows(name: str, stages: dict, order: list[str], labels: dict[str, str]) -> tuple[list[dict], float | None]:
    """The pieces of one bar, each stage from where the one before ended (the letter before proceedings
    back from issue, at 0); stops at a stage with no median."""
    pieces, start = [], 0.0
    if PRE_ISSUE in labels and stages.get(PRE_ISSUE) is not None:
        weeks = stages[PRE_ISSUE]
        pieces.append({"name": name, "stage": labels[PRE_ISSUE], "from": -weeks, "to": 0.0, "label": kpi_value(weeks, "weeks")})
    for stage in order:
        weeks = stages.get(stage)
        if weeks is None:
            break
        pieces.append({"name": name, "stage": labels[stage], "from": start, "to": start + weeks,
                       "label": kpi_value(weeks, "weeks")})
        start += weeks
    return pieces, (start if pieces else None)


def journey_spec(pack: PackModel, layout: BarLayout = WIDE) -> ChartSpec | None:
    """The `journey` chart, or None without hearing dates (the page then says why)."""
    j = pack.journey
    if not j or not j.get("has_hearing_dates"):
        return None
    order = list(j["bar_stages"])
    board = {s["id"]: s["median_weeks"] for s in j["stages"]}
    has_pre = board.get(PRE_ISSUE) is not None
    short = {s["id"]: s["short_label"] for s in j["stages"] if s["id"] in order or (s["id"] == PRE_ISSUE and has_pre)}
    rows, ends, ticks = [], [], []
    for name, stages in [(ALL_AUTHORITIES, board)] + [(la["local_authority"], la["stages"]) for la in j["by_local_authority"]]:
        shown = layout.names(name)
        pieces, end = _bar_rows(shown, stages, order, short)
        rows += pieces
        whole = stages.get("issue_to_disposal")
        if whole is not None:
            ticks.append({"name": shown, "value": whole})
        if end is not None:  # the label clear of the bar's end and of the tick beyond it
            ends.append({"name": shown, "value": max(end, whole or 0), "label": kpi_value(end, "weeks")})
    if not rows:
        return None
    names = list(dict.fromkeys([r["name"] for r in rows] + [t["name"] for t in ticks]))
    longest = max([r["to"] for r in rows] + [t["value"] for t in ticks] + [j["weeks_26"]])
    earliest = min([r["from"] for r in rows] + [0.0])
    x_scale = alt.Scale(domain=[earliest, longest + LABEL_ROOM_WEEKS], nice=False, zero=True)
    axis_title = "Weeks since issue (medians)" if layout.is_narrow else "Weeks since the application was issued (median of each stage)"
    x = alt.X("from:Q", title=axis_title, scale=x_scale,
              axis=alt.Axis(grid=False, tickCount=6))
    y = alt.Y("name:N", title=None, sort=names, axis=_name_axis(layout))
    stage_names = ([short[PRE_ISSUE]] if has_pre else []) + [short[s] for s in order]
    stage_colours = ([PRE_ISSUE_COLOUR] if has_pre else []) + list(STAGE_COLOURS[: len(order)])
    if layout.is_narrow:
        legend = alt.Legend(title=None, orient="bottom", direction="vertical", columns=1, labelLimit=layout.width)
    else:
        legend = alt.Legend(title=None, orient="bottom", direction="horizontal", columns=len(stage_names), labelLimit=220)
    colour = alt.Color("stage:N", scale=alt.Scale(domain=stage_names, range=stage_colours), legend=legend,
                       sort=stage_names)
    bars = alt.Chart(alt.Data(name="pieces")).mark_bar(size=ROW_STEP * 0.62, stroke="white", strokeWidth=1).encode(
        x=x, x2=alt.X2("to:Q"), y=y, color=colour, order=alt.Order("from:Q"))
    value_x = alt.X("value:Q", scale=x_scale)
    end_labels = alt.Chart(alt.Data(name="ends")).mark_text(align="left", dx=4, color=INK).encode(x=value_x, y=y, text=alt.Text("label:N"))
    tick = alt.Chart(alt.Data(name="ticks")).mark_tick(color=INK, thickness=2, size=ROW_STEP * 0.85).encode(x=value_x, y=y)
    line = alt.Chart(alt.Data(name="limit")).mark_rule(color=SPC_TARGET, strokeDash=[2, 2], strokeWidth=1.5).encode(x=value_x)
    line_label = alt.Chart(alt.Data(name="limit")).mark_text(align="left", baseline="bottom", dx=3, y=-2, color=SPC_TARGET).encode(
        x=value_x, text=alt.Text("label:N"))
    layers = [bars, tick, end_labels, line, line_label]
    if has_pre:  # the day of issue, where the time in pre-proceedings ends and proceedings begin
        layers.append(alt.Chart(alt.Data(name="issue")).mark_rule(color=INK, strokeWidth=1).encode(x=value_x))
    chart = alt.layer(*layers).properties(
        width=layout.width, height=alt.Step(max(ROW_STEP, layout.step(names))), autosize={"type": "fit-x", "contains": "padding"})
    spec = chart.to_dict(validate=False)
    if layout.config:
        spec["config"] = {**spec.get("config", {}), **layout.config}
    window = f"{month_short(j['window']['start'])} to {month_short(j['window']['end'])}"
    slowest = max(j["by_local_authority"], key=lambda la: la["stages"].get("cmh_to_irh") or 0, default=None)
    cmh = j.get("cmh_by_day_12") or {}
    title = (f"The weeks go between the first case management hearing and the IRH: a median of "
             f"{kpi_value(board.get('cmh_to_irh'), 'weeks')} weeks (cases disposed of {window})")
    if board.get("cmh_to_irh") is None:
        title = f"Median weeks of each stage, cases disposed of {window}"
    elif max((board.get(s) or 0) for s in order) != board.get("cmh_to_irh"):
        top = max(order, key=lambda s: board.get(s) or 0)
        title = f"The longest stage is {short[top].lower()}: a median of {kpi_value(board[top], 'weeks')} weeks (cases disposed of {window})"
    listed = "; ".join(
        f"{r['name'].replace('|', ' ')}: " + ", ".join(f"{p['stage']} {p['label']} weeks" for p in rows if p["name"] == r["name"])
        for r in ends)
    alt_text = (f"Bar chart, one bar per local authority and one for all of them, of the median weeks of each stage of "
                f"proceedings for cases disposed of {window}, stages side by side in order"
                + (", the time from the letter before proceedings to issue drawn before 0" if has_pre else "")
                + f", a tick at the median weeks from issue to final order and a dotted line at 26 weeks. {listed}.")
    if cmh.get("share") is not None:
        alt_text += f" {percent(cmh['share'])} of first case management hearings were held by day {cmh['day']}."
    if slowest is not None and slowest["stages"].get("cmh_to_irh") is not None:
        alt_text += f" Longest from CMH to IRH: {slowest['local_authority']}."
    datasets = {"pieces": rows, "ends": ends, "ticks": ticks,
                "limit": [{"value": float(j["weeks_26"]), "label": f"{j['weeks_26']} weeks"}], "issue": [{"value": 0.0}]}
    return ChartSpec("journey" + layout.suffix, title, alt_text, spec, datasets)


def journey_specs(pack: PackModel, layout: BarLayout = WIDE) -> list[ChartSpec]:
    """The journey chart when the pack has hearing dates, drawn for `layout` (the page, or the phone)."""
    spec = journey_spec(pack, layout)
    return [spec] if spec is not None else []


__all__ = ["journey_spec", "journey_specs"]
