"""Horizontal bar charts: duration bands, the age of open cases, local authorities and delay drivers.

Every bar carries its value as text at its end, so no reader has to estimate a length against an
axis; the value axis is therefore left out. Bars are in the board's main colour.
"""

from __future__ import annotations

import altair as alt

from lfjb.charts.chart import ChartSpec
from lfjb.charts.style import (
    FULL_WIDTH,
    GAP_DASH,
    INK,
    SPC_TARGET,
    main_colour,
)
from lfjb.formatting import kpi_value, kpi_value_unit, month_short, percent, plural
from lfjb.pack import PackModel

BAR_STEP = 24  # px per bar, bar and gap
BAR_FILL = 0.72  # the bar's share of its step
# Rough text widths of DejaVu Sans (about 0.6 em a character), rounded up so labels always fit.
VALUE_PX_PER_CHAR = 6.8  # bar-end labels, 10 px (bold for gaps)
NAME_PX_PER_CHAR = 6.4  # category labels, 11 px
LABEL_GAP = 10  # px between a bar's end and the chart's edge beyond its label
Y_LABEL_LIMIT = 360  # px; room for the longest driver label ("Availability and frequency of expert assessments usage") at 11 px


def _name_axis() -> alt.Axis:
    """The category axis: names only, no ticks or line."""
    return alt.Axis(labelLimit=Y_LABEL_LIMIT, ticks=False, domain=False, labelPadding=6, labelFontSize=11)


def _value_scale(rows: list[dict]) -> alt.Scale:
    """A value axis long enough that each bar's end label (`label`) still fits inside the chart.

    With the bar of value v drawn v/D of the plot's width P, its label of width L fits when
    v/D * P + L <= P, that is D >= v * P / (P - L); D is the largest of these over the bars.
    """
    names = max((len(r["name"]) for r in rows), default=0) * NAME_PX_PER_CHAR
    plot = FULL_WIDTH - min(names, Y_LABEL_LIMIT) - LABEL_GAP
    needed = [
        r["value"] * plot / max(plot - len(r["label"]) * VALUE_PX_PER_CHAR - LABEL_GAP, plot / 5) for r in rows
    ]
    return alt.Scale(domain=[0, max(needed + [1e-9])], nice=False, zero=True)


def _bar_layers(rows: list[dict], colour: str, room: list[dict], sort: list[str]) -> tuple[alt.Chart, alt.Chart, alt.X, alt.Y]:
    """The bars (`name`, `value`) and their end labels (`label`), in the order `sort`.

    `room` lists the rows the value axis must leave space for (the bars, plus e.g. a target's label).
    """
    x = alt.X("value:Q", title=None, axis=None, scale=_value_scale(room))
    y = alt.Y("name:N", title=None, sort=sort, axis=_name_axis())
    base = alt.Chart(alt.Data(name="bars"))
    bars = base.mark_bar(color=colour, size=BAR_STEP * BAR_FILL).encode(x=x, y=y)
    labels = base.mark_text(align="left", dx=4, color=INK).encode(x=x, y=y, text="label:N")
    return bars, labels, x, y


def _finish(chart: alt.TopLevelMixin, bars: int) -> dict:
    return chart.properties(
        width=FULL_WIDTH, height=alt.Step(BAR_STEP) if bars else 40, autosize={"type": "fit-x", "contains": "padding"}
    ).to_dict(validate=False)


def _band_spec(chart_id: str, bands: list[dict], colour: str, title: str, alt_text: str) -> ChartSpec:
    rows = [
        {"name": b["band"], "value": float(b["cases"]),
         "label": f"{b['cases']:,}" + (f" ({percent(b['share'])})" if b["share"] is not None else "")}
        for b in bands
    ]
    bars, labels, _, _ = _bar_layers(rows, colour, rows, [b["band"] for b in bands])
    return ChartSpec(chart_id, title, alt_text, _finish(alt.layer(bars, labels), len(rows)), {"bars": rows})


def _band_list(bands: list[dict]) -> str:
    return "; ".join(f"{b['band']}: {plural(b['cases'], 'case')}" + (f" ({percent(b['share'])})" if b["share"] is not None else "") for b in bands)


def duration_bands_spec(pack: PackModel) -> ChartSpec:
    """The `duration_bands` chart: cases disposed in the 12 months to M by how long they took."""
    bands = pack.duration_bands
    total = sum(b["cases"] for b in bands)
    window = f"{month_short(pack.rolling_12['start'])} to {month_short(pack.rolling_12['end'])}"
    if total:
        first = bands[0]
        title = f"{first['cases']:,} of {total:,} cases ({first['share']:.0f}%) disposed {window} took {first['band'].replace('≤', 'up to')}"
        alt_text = (f"Bar chart of the {total:,} cases disposed {window} by duration band. {_band_list(bands)}.")
    else:
        title = f"No cases were disposed {window}"
        alt_text = f"Bar chart of cases disposed {window} by duration band: there were none."
    return _band_spec("duration_bands", bands, main_colour(pack.board.get("branding")), title, alt_text)


def open_age_spec(pack: PackModel) -> ChartSpec:
    """The `open_age` chart: cases open at the end of M by their age."""
    bands = pack.open_age_profile
    total = sum(b["cases"] for b in bands)
    end = month_short(pack.month)
    if total:
        oldest = bands[-1]
        share = f" ({oldest['share']:.0f}%)" if oldest["share"] is not None else ""
        title = f"{oldest['cases']:,} of {total:,} cases open at the end of {end}{share} were {oldest['band'].lower()} old"
        alt_text = f"Bar chart of the {total:,} cases open at the end of {end} by age. {_band_list(bands)}."
    else:
        title = f"No cases were open at the end of {end}"
        alt_text = f"Bar chart of cases open at the end of {end} by age: there were none."
    return _band_spec("open_age", bands, main_colour(pack.board.get("branding")), title, alt_text)


def local_authority_spec(pack: PackModel) -> ChartSpec:
    """The `local_authority` chart: rolling-12-month average duration per local authority, slowest first."""
    target = pack.spc["mean_weeks"].target if "mean_weeks" in pack.spc else None
    window = f"{month_short(pack.rolling_12['start'])} to {month_short(pack.rolling_12['end'])}"
    las = [(r["local_authority"], r["rolling_12"]) for r in pack.by_local_authority]
    measured = sorted((la for la in las if la[1]["mean_weeks"] is not None), key=lambda la: -la[1]["mean_weeks"])
    unmeasured = [la for la in las if la[1]["mean_weeks"] is None]
    rows = [
        {"name": name, "value": float(r12["mean_weeks"]),
         "label": f"{kpi_value_unit(r12['mean_weeks'], 'weeks')} ({plural(r12['disposed'], 'case')})"}
        for name, r12 in measured
    ] + [{"name": name, "value": 0.0, "label": "no cases disposed"} for name, _ in unmeasured]
    order = [r["name"] for r in rows]
    target_rows = [] if target is None else [{"name": "", "value": float(target), "label": f"Target {kpi_value_unit(target, 'weeks', whole=True)}"}]
    bars, labels, x, y = _bar_layers(rows, main_colour(pack.board.get("branding")), rows + target_rows, order)
    layers = [bars, labels]
    datasets = {"bars": rows}
    if target_rows and rows:
        datasets["target"] = target_rows
        target_row = alt.Data(name="target")
        # A white band under the dotted line keeps it visible where it crosses a dark bar.
        layers.append(alt.Chart(target_row).mark_rule(color="white", strokeWidth=4).encode(x=x))
        layers.append(alt.Chart(target_row).mark_rule(color=SPC_TARGET, strokeDash=[2, 2], strokeWidth=1.5).encode(x=x))
        layers.append(
            alt.Chart(target_row)
            .mark_text(align="left", baseline="bottom", dx=3, y=-2, color=SPC_TARGET)
            .encode(x=x, text="label:N")
        )
    if measured:
        slow_name, slow = measured[0]
        title = f"{slow_name} had the longest average duration, {kpi_value_unit(slow['mean_weeks'], 'weeks')} ({window})"
        if target is not None and len(measured) == 1:
            side = "over" if slow["mean_weeks"] > target else "within"
            title = f"{slow_name} averaged {kpi_value_unit(slow['mean_weeks'], 'weeks')}, {side} the {kpi_value(target, 'weeks', whole=True)}-week target ({window})"
        elif target is not None:
            over = sum(1 for _, r12 in measured if r12["mean_weeks"] > target)
            how_many = f"All {len(measured)}" if over == len(measured) else f"{over} of {len(measured)}"
            title = (f"{how_many} local authorities averaged over the {kpi_value(target, 'weeks', whole=True)}-week target; "
                     f"{slow_name} longest at {kpi_value_unit(slow['mean_weeks'], 'weeks')}")
    else:
        title = f"No local authority had a case disposed {window}"
    listed = "; ".join(f"{name}: {r['label']}" for name, r in zip(order, rows))
    alt_text = f"Bar chart of average case duration in weeks by local authority, cases disposed {window}, longest first. {listed}."
    if target is not None:
        alt_text += f" Target line at {kpi_value_unit(target, 'weeks', whole=True)}."
    return ChartSpec("local_authority", title, alt_text, _finish(alt.layer(*layers), len(rows)), datasets)


def driver_prevalence_spec(pack: PackModel) -> ChartSpec:
    """The `driver_prevalence` chart: share of cases citing each driver, most cited first; gaps outlined."""
    drivers = pack.drivers
    window = drivers["window"]
    span = f"{month_short(window['start'])} to {month_short(window['end'])}"
    gap_ids = {g["driver"] for g in drivers["gaps"]}
    shares = {d: None if s is None else float(s) for d, s in drivers["share"].items()}
    order = sorted(shares, key=lambda d: (-(shares[d] or 0.0), drivers["labels"][d]))
    colour = main_colour(pack.board.get("branding"))
    gap_key = f"Cited on {percent(drivers['gap_min_share'])}+ of cases, no open action"
    rows = [
        {
            "name": drivers["labels"][d],
            "value": shares[d] or 0.0,
            "label": ("no cases" if shares[d] is None else percent(shares[d])) + (" · no open action" if d in gap_ids else ""),
            "kind": gap_key if d in gap_ids else "Other drivers",
            "gap": d in gap_ids,
        }
        for d in order
    ]
    x = alt.X("value:Q", title=None, axis=None, scale=_value_scale(rows))
    y = alt.Y("name:N", title=None, sort=[r["name"] for r in rows], axis=_name_axis())
    kinds = ["Other drivers", gap_key] if gap_ids else ["Other drivers"]
    # A gap is drawn as an outline only (white inside, dashed edge) and labelled in words: not colour alone.
    legend = alt.Legend(orient="bottom", symbolType="square", symbolSize=150, symbolStrokeWidth=1.5) if gap_ids else None

    def by_kind(channel, values):
        return channel("kind:N", title=None, scale=alt.Scale(domain=kinds, range=values[: len(kinds)]), legend=legend)

    base = alt.Chart(alt.Data(name="bars"))
    bars = base.mark_bar(size=BAR_STEP * BAR_FILL, strokeWidth=1.5).encode(
        x=x,
        y=y,
        fill=by_kind(alt.Fill, [colour, "white"]),
        stroke=by_kind(alt.Stroke, [colour, colour]),
        strokeDash=by_kind(alt.StrokeDash, [[1, 0], GAP_DASH]),
    )
    labels = base.mark_text(align="left", dx=4, color=INK).encode(x=x, y=y, text="label:N").transform_filter("!datum.gap")
    gap_labels = base.mark_text(align="left", dx=4, color=INK, fontWeight="bold").encode(x=x, y=y, text="label:N").transform_filter("datum.gap")
    total = window["cases_disposed"]
    if not total:
        title = f"No cases were disposed {span}, so no driver shares can be shown"
    elif gap_ids:
        gaps = drivers["gaps"]
        top = gaps[0]
        title = f"{drivers['labels'][top['driver']]} is cited on {percent(top['share'])} of cases and no open action addresses it"
        if len(gaps) > 1:
            title += f" ({len(gaps) - 1} more such gap{'s' if len(gaps) > 2 else ''})"
    else:
        top = order[0]
        title = f"{drivers['labels'][top]} is the most cited driver of delay, on {percent(shares[top] or 0.0)} of cases disposed {span}"
    listed = "; ".join(f"{r['name']}: {r['label']}" for r in rows)
    alt_text = (f"Bar chart of the share of the {total:,} cases disposed {span} that cite each driver of delay, "
                f"most cited first. {listed}.")
    if gap_ids:
        alt_text += f" Drivers marked 'no open action' are cited on at least {percent(drivers['gap_min_share'])} of cases but no open action is tagged with them; their bars are drawn as dashed outlines."
    return ChartSpec("driver_prevalence", title, alt_text, _finish(alt.layer(bars, labels, gap_labels), len(rows)), {"bars": rows})
