"""Horizontal bar charts: duration bands, the age of open cases, local authorities and delay drivers.

Every bar carries its value as text at its end, so no reader has to estimate a length against an
axis; the value axis is therefore left out. Bars are in the board's main colour.

Each chart comes in two sizes (`BarLayout`): WIDE for the PDF and a desktop screen, NARROW for the
HTML summary on a phone, with larger text and the category names wrapped onto several lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt

from lfjb.charts.chart import ChartSpec
from lfjb.charts.style import (
    FULL_WIDTH,
    GAP_DASH,
    INK,
    NARROW_WIDTH,
    PHONE_TEXT,
    SPC_TARGET,
    main_colour,
    narrow_config,
    wrapped_lines,
)
from lfjb.formatting import kpi_value, kpi_value_unit, month_short, percent, plural
from lfjb.pack import PackModel

BAR_STEP = 24  # px per bar, bar and gap
BAR_FILL = 0.72  # the bar's share of its step
# Rough text widths of DejaVu Sans (about 0.6 em a character), rounded up: wider than the charts' Liberation
# Sans (lfjb/charts/style.py), so labels fit even where a viewer has to draw them in DejaVu Sans.
VALUE_PX_PER_CHAR = 6.8  # bar-end labels, 10 px (bold for gaps)
NAME_PX_PER_CHAR = 6.4  # category labels, 11 px
LABEL_GAP = 10  # px between a bar's end and the chart's edge beyond its label
Y_LABEL_LIMIT = 360  # px; room for the longest driver label ("Availability and frequency of expert assessments usage") at 11 px
LINE_BREAK = "|"  # where a wrapped category name breaks (the phone variant), split by the axis' labelExpr


@dataclass(frozen=True)
class BarLayout:
    """The sizes a bar chart is drawn at."""

    width: int  # px, the whole chart
    name_size: int  # px, category names
    name_px: float  # px per character of a name
    value_px: float  # px per character of a bar-end label
    name_limit: int  # px the names may take
    suffix: str  # added to the chart's id
    config: dict  # theme overrides

    @property
    def is_narrow(self) -> bool:
        return self.width < FULL_WIDTH

    def names(self, name: str) -> str:
        """A category name as the axis shows it: whole, or wrapped at spaces to fit `name_limit`."""
        if not self.is_narrow:
            return name
        return LINE_BREAK.join(wrapped_lines(name, int(self.name_limit / self.name_px)))

    def step(self, names: list[str]) -> int:
        """px per bar: room for the most lines any name takes."""
        lines = max((n.count(LINE_BREAK) + 1 for n in names), default=1)
        return max(BAR_STEP, lines * (self.name_size + 3) + 6)


WIDE = BarLayout(FULL_WIDTH, 11, NAME_PX_PER_CHAR, VALUE_PX_PER_CHAR, Y_LABEL_LIMIT, "", {})
# Text of PHONE_TEXT px: about 0.62 em a character of DejaVu Sans, rounded up (as above).
NARROW = BarLayout(NARROW_WIDTH, PHONE_TEXT, PHONE_TEXT * 0.62, PHONE_TEXT * 0.66, 125, "_narrow", narrow_config())


def _name_axis(layout: BarLayout) -> alt.Axis:
    """The category axis: names only, no ticks or line; a wrapped name is drawn line by line."""
    extra = {"labelExpr": f"split(datum.label, '{LINE_BREAK}')", "labelLineHeight": layout.name_size + 3} if layout.is_narrow else {}
    return alt.Axis(labelLimit=layout.name_limit, ticks=False, domain=False, labelPadding=6, labelFontSize=layout.name_size, **extra)


def _value_scale(rows: list[dict], layout: BarLayout = WIDE) -> alt.Scale:
    """A value axis long enough that each bar's end label (`label`) still fits inside the chart.

    With the bar of value v drawn v/D of the plot's width P, its label of width L fits when
    v/D * P + L <= P, that is D >= v * P / (P - L); D is the largest of these over the bars.
    """
    longest = max((len(line) for r in rows for line in r["name"].split(LINE_BREAK)), default=0)
    plot = layout.width - min(longest * layout.name_px, layout.name_limit) - LABEL_GAP
    needed = [
        r["value"] * plot / max(plot - len(r["label"]) * layout.value_px - LABEL_GAP, plot / 5) for r in rows
    ]
    return alt.Scale(domain=[0, max(needed + [1e-9])], nice=False, zero=True)


def _bar_layers(rows: list[dict], colour: str, room: list[dict], sort: list[str], layout: BarLayout = WIDE) -> tuple[alt.Chart, alt.Chart, alt.X, alt.Y]:
    """The bars (`name`, `value`) and their end labels (`label`), in the order `sort`.

    `room` lists the rows the value axis must leave space for (the bars, plus e.g. a target's label).
    """
    x = alt.X("value:Q", title=None, axis=None, scale=_value_scale(room, layout))
    y = alt.Y("name:N", title=None, sort=sort, axis=_name_axis(layout))
    base = alt.Chart(alt.Data(name="bars"))
    bars = base.mark_bar(color=colour, size=BAR_STEP * BAR_FILL).encode(x=x, y=y)
    labels = base.mark_text(align="left", dx=4, color=INK).encode(x=x, y=y, text=alt.Text("label:N"))
    return bars, labels, x, y


def _finish(chart: alt.TopLevelMixin, bars: int, layout: BarLayout = WIDE, step: int = BAR_STEP) -> dict:
    spec = chart.properties(
        width=layout.width, height=alt.Step(step) if bars else 40, autosize={"type": "fit-x", "contains": "padding"}
    ).to_dict(validate=False)
    if layout.config:
        spec["config"] = {**spec.get("config", {}), **layout.config}
    return spec


def _band_spec(chart_id: str, bands: list[dict], colour: str, title: str, alt_text: str, layout: BarLayout = WIDE) -> ChartSpec:
    rows = [
        {"name": layout.names(b["band"]), "value": float(b["cases"]),
         "label": f"{b['cases']:,}" + (f" ({percent(b['share'])})" if b["share"] is not None else "")}
        for b in bands
    ]
    bars, labels, _, _ = _bar_layers(rows, colour, rows, [r["name"] for r in rows], layout)
    return ChartSpec(chart_id + layout.suffix, title, alt_text, _finish(alt.layer(bars, labels), len(rows), layout, layout.step([r["name"] for r in rows])), {"bars": rows})


def _band_list(bands: list[dict]) -> str:
    return "; ".join(f"{b['band']}: {plural(b['cases'], 'case')}" + (f" ({percent(b['share'])})" if b["share"] is not None else "") for b in bands)


def duration_bands_spec(pack: PackModel, layout: BarLayout = WIDE) -> ChartSpec:
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
    return _band_spec("duration_bands", bands, main_colour(pack.board.get("branding")), title, alt_text, layout)


def open_age_spec(pack: PackModel, layout: BarLayout = WIDE) -> ChartSpec:
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
    return _band_spec("open_age", bands, main_colour(pack.board.get("branding")), title, alt_text, layout)


def local_authority_spec(pack: PackModel, layout: BarLayout = WIDE) -> ChartSpec:
    """The `local_authority` chart: rolling-12-month average duration per local authority, slowest first."""
    target = pack.spc["mean_weeks"].target if "mean_weeks" in pack.spc else None
    window = f"{month_short(pack.rolling_12['start'])} to {month_short(pack.rolling_12['end'])}"
    las = [(r.local_authority, r.rolling_12) for r in pack.local_authorities_slowest_first]
    measured = [la for la in las if la[1].mean_weeks is not None]
    unmeasured = [la for la in las if la[1].mean_weeks is None]
    # On a phone the bar ends say the weeks only; the cases behind each average are in the table below.
    rows = [
        {"name": layout.names(name), "value": float(r12["mean_weeks"]),
         "label": kpi_value_unit(r12["mean_weeks"], "weeks") + ("" if layout.is_narrow else f" ({plural(r12['disposed'], 'case')})")}
        for name, r12 in measured
    ] + [{"name": layout.names(name), "value": 0.0, "label": "no cases disposed"} for name, _ in unmeasured]
    order = [r["name"] for r in rows]
    target_rows = [] if target is None else [{"name": "", "value": float(target), "label": f"Target {kpi_value_unit(target, 'weeks', whole=True)}"}]
    bars, labels, x, y = _bar_layers(rows, main_colour(pack.board.get("branding")), rows + target_rows, order, layout)
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
            .encode(x=x, text=alt.Text("label:N"))
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
                     f"{slow_name} longest at {kpi_value_unit(slow['mean_weeks'], 'weeks')} ({window})")
    else:
        title = f"No local authority had a case disposed {window}"
    listed = "; ".join(
        f"{name}: {kpi_value_unit(r12['mean_weeks'], 'weeks')} ({plural(r12['disposed'], 'case')})" for name, r12 in measured
    )
    listed = "; ".join(part for part in (listed, "; ".join(f"{name}: no cases disposed" for name, _ in unmeasured)) if part)
    alt_text = f"Bar chart of average case duration in weeks by local authority, cases disposed {window}, longest first. {listed}."
    if target is not None:
        alt_text += f" Target line at {kpi_value_unit(target, 'weeks', whole=True)}."
    return ChartSpec("local_authority" + layout.suffix, title, alt_text, _finish(alt.layer(*layers), len(rows), layout, layout.step(order)), datasets)


def driver_prevalence_spec(pack: PackModel, layout: BarLayout = WIDE) -> ChartSpec:
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
            "name": layout.names(drivers["labels"][d]),
            "value": shares[d] or 0.0,
            "label": ("no cases" if shares[d] is None else percent(shares[d])) + (" · no open action" if d in gap_ids else ""),
            "kind": gap_key if d in gap_ids else "Other drivers",
            "gap": d in gap_ids,
        }
        for d in order
    ]
    x = alt.X("value:Q", title=None, axis=None, scale=_value_scale(rows, layout))
    y = alt.Y("name:N", title=None, sort=[r["name"] for r in rows], axis=_name_axis(layout))
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
    labels = base.mark_text(align="left", dx=4, color=INK).encode(x=x, y=y, text=alt.Text("label:N")).transform_filter("!datum.gap")
    gap_labels = base.mark_text(align="left", dx=4, color=INK, fontWeight="bold").encode(x=x, y=y, text=alt.Text("label:N")).transform_filter("datum.gap")
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
    listed = "; ".join(f"{drivers['labels'][d]}: {r['label']}" for d, r in zip(order, rows))
    alt_text = (f"Bar chart of the share of the {total:,} cases disposed {span} that cite each driver of delay, "
                f"most cited first. {listed}.")
    if gap_ids:
        alt_text += f" Drivers marked 'no open action' are cited on at least {percent(drivers['gap_min_share'])} of cases but no open action is tagged with them; their bars are drawn as dashed outlines."
    return ChartSpec("driver_prevalence" + layout.suffix, title, alt_text, _finish(alt.layer(bars, labels, gap_labels), len(rows), layout, layout.step([r["name"] for r in rows])), {"bars": rows})
