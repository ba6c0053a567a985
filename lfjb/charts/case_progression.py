"""Charts of case progression (issue 14): open cases by age with the case tracker's RAG bands,
pre-proceedings over time, and the outcomes of disposed cases. Counts only, never a case.

- `case_tracker_age`: open cases at the end of M in 2-week age steps, each bar split by the cases'
  RAG (a young case can be red for its further CMHs), over shaded zones for the age rule: amber
  from 26 − `amber_weeks` weeks, red past 26 weeks. Each zone and colour is named in words.
- `pre_proceedings_quarters`: by financial-year quarter, the share of issued cases that went through
  pre-proceedings and, with a pre-proceedings log, the diversion rate.
- `outcomes`: the share of each final order among cases disposed in the 12 months to M.
"""

from __future__ import annotations

import json
from dataclasses import replace

import altair as alt

from lfjb.charts.bars import WIDE, BarLayout, _bar_layers, _finish
from lfjb.charts.chart import ChartSpec
from lfjb.charts.style import INK, OKABE_ITO, main_colour, wrapped_lines
from lfjb.colours import RAG_COLOURS, RAG_FILLS
from lfjb.formatting import month_short, percent, plural
from lfjb.metrics.case_tracker import AGE_CAP_WEEKS
from lfjb.pack import PackModel
from lfjb.vocab import STATUTORY_WEEKS

RAG_WORDS = {"red": "Red", "amber": "Amber", "green": "Green"}
AGE_CHART_HEIGHT = 140
QUARTER_CHART_HEIGHT = 110
PHONE_AGE_LABEL_WEEKS = 13  # an age label every quarter of a year on a phone: 26 on the red zone's edge, 52 a year
PHONE_QUARTER_CHART_HEIGHT = 180  # room for a label above and below the points at 13 px
OUTCOME_NAME_CHARS = 20  # a line of a final order's name on a phone


def _lookup_expr(words: dict[str, object]) -> str:
    """A Vega expression for an axis' or legend's `labelExpr` that shows `words[label]` for each label
    (a list is drawn as lines)."""
    return json.dumps(words, ensure_ascii=False) + "[datum.label]"


def _short_quarters(quarters: list[str]) -> dict[str, object]:
    """Each quarter label ("2023-24 Q1") as a phone axis shows it: "Q1", with the financial year on a
    second line under the first quarter shown of each year."""
    short, seen = {}, set()
    for q in quarters:
        year, _, part = q.partition(" ")
        if not part:
            short[q] = q
        elif year in seen:
            short[q] = part
        else:
            seen.add(year)
            short[q] = [part, year]
    return short


def _age_rows(tracker: dict) -> tuple[list[dict], float]:
    """Stacked bar pieces (green at the bottom, red on top) and the right-hand end of the age axis."""
    rows, end = [], float(STATUTORY_WEEKS)
    for b in tracker["age_profile"]:
        start = float(b["from_weeks"])
        stop = float(b["to_weeks"]) if b["to_weeks"] is not None else start + 2
        end = max(end, stop)
        base = 0
        for rag in ("green", "amber", "red"):
            if b[rag]:
                rows.append({"from": start, "to": stop, "y0": base, "y1": base + b[rag], "rag": RAG_WORDS[rag],
                             "cases": b[rag], "open_ended": b["to_weeks"] is None})
                base += b[rag]
    return rows, end


def _phone_ages(end: float) -> list[int]:
    """The ages (weeks) labelled on the phone's age axis: every PHONE_AGE_LABEL_WEEKS, and the last
    band's "80+" in place of a label too close to it."""
    ages = list(range(0, int(end) + 1, PHONE_AGE_LABEL_WEEKS))
    if AGE_CAP_WEEKS <= end:
        ages = [a for a in ages if AGE_CAP_WEEKS - a >= PHONE_AGE_LABEL_WEEKS / 2] + [AGE_CAP_WEEKS]
    return ages


def case_tracker_age_spec(pack: PackModel, layout: BarLayout = WIDE) -> ChartSpec:
    """The `case_tracker_age` chart: open cases by age, coloured by their RAG, over the RAG age zones.

    Ages are labelled every 4 weeks, the zones named above the plot either side of 26 weeks. With
    `layout` NARROW, its phone variant: an age label every 13 weeks, the colours' meanings wrapped in
    one column."""
    t = pack.case_tracker
    narrow = layout.is_narrow
    amber_from = STATUTORY_WEEKS - t["rules"]["amber_weeks"]
    rows, end = _age_rows(t)
    end = max(end, 30.0)
    zones = [
        {"from": float(amber_from), "to": float(STATUTORY_WEEKS), "label": "Amber", "rag": "amber"},
        {"from": float(STATUTORY_WEEKS), "to": end, "label": "Red zone: past 26 weeks", "rag": "red"},
    ]
    scale = alt.Scale(domain=[0, end], nice=False, zero=True)
    cap = f"datum.value >= {AGE_CAP_WEEKS} ? datum.value + '+' : datum.value"
    ages = _phone_ages(end) if narrow else list(range(0, int(end) + 1, 4))
    # Vega thins `values` to its default tick count (width / 40) unless told the count: at 640 px it
    # drew the desktop's every-4-weeks labels every 8. Told, every label asked for is drawn; none
    # overlaps (about 30 px apart on the desktop, 48 on the phone).
    x = alt.X("from:Q", title="Weeks since the application was issued", scale=scale,
              axis=alt.Axis(values=ages, grid=False, labelExpr=cap, tickCount=len(ages), labelOverlap=False))
    # The first layer's x axis is the one drawn: it must carry the label values.
    zone_layer = alt.Chart(alt.Data(name="zones")).mark_rect(opacity=1).encode(
        x=x, x2=alt.X2("to:Q"),
        color=alt.Color("rag:N", scale=alt.Scale(domain=["amber", "red"], range=[RAG_FILLS["amber"], RAG_FILLS["red"]]), legend=None))
    # Above the plot, either side of the 26-week line, where no bar reaches (inside the plot's top a
    # tall bar was drawn over them); "Amber zone" ends at the line, as it may be wider than its zone.
    # "Amber zone", not "Amber", so the two names do not read as one.
    zone_text = [
        alt.Chart(alt.Data(name="zones")).mark_text(align=align, baseline="bottom", dx=dx, y=-4, color=INK)
        .encode(x=alt.X(edge, scale=scale), text=text).transform_filter(f"datum.rag == '{rag}'")
        for rag, edge, align, dx, text in (("amber", "to:Q", "right", -4, alt.TextValue("Amber zone")),
                                           ("red", "from:Q", "left", 4, alt.Text("label:N")))
    ]
    domain = [RAG_WORDS[r] for r in ("red", "amber", "green")]
    rules = t["rules"]
    words = {"Red": "Red: past 26 weeks" + (f" or {rules['red_fcmh']}+ further CMHs" if t["fcmh_judged"] else ""),
             "Amber": f"Amber: within {rules['amber_weeks']} weeks of 26" + (f" or {rules['amber_fcmh']}+ further CMH" if t["fcmh_judged"] else ""),
             "Green": "Green: neither"}
    if narrow:
        chars = int((layout.width - 30) / layout.name_px)
        legend = alt.Legend(title=None, orient="bottom", direction="vertical", columns=1, labelLimit=layout.width,
                            labelExpr=_lookup_expr({k: wrapped_lines(v, chars) for k, v in words.items()}))
    else:
        legend = alt.Legend(title=None, orient="bottom", direction="horizontal", labelLimit=320, columns=3,
                            labelExpr=_lookup_expr(words))
    bars = alt.Chart(alt.Data(name="bars")).mark_rect(stroke="white", strokeWidth=0.5).encode(
        x=x, x2=alt.X2("to:Q"),
        y=alt.Y("y0:Q", title="Open cases", axis=alt.Axis(tickMinStep=1, format="d")), y2=alt.Y2("y1:Q"),
        color=alt.Color("rag:N", scale=alt.Scale(domain=domain, range=[RAG_COLOURS["red"], RAG_COLOURS["amber"], RAG_COLOURS["green"]]),
                        legend=legend))
    chart = alt.layer(zone_layer, *zone_text, bars).resolve_scale(color="independent").properties(
        width=layout.width, height=AGE_CHART_HEIGHT, autosize={"type": "fit-x", "contains": "padding"})
    by = t["by_rag"]
    end_of = month_short(pack.month)
    if t["open"]:
        title = (f"{by['red']:,} of {t['open']:,} cases open at the end of {end_of} are red "
                 f"({t['red_past_26_weeks']:,} past 26 weeks), {by['amber']:,} amber")
    else:
        title = f"No cases were open at the end of {end_of}"
    alt_text = (f"Column chart of the {plural(t['open'], 'case')} open at the end of {end_of} by weeks since issue, "
                f"in 2-week steps, each column split by the cases' red, amber or green rating: {by['red']} red, "
                f"{by['amber']} amber, {by['green']} green. Shaded zones mark {zones[0]['label'].lower()} "
                f"(from {amber_from} weeks) and the {zones[1]['label'].lower()}.")
    if not t["fcmh_judged"]:
        alt_text += " Further CMHs are not in the extract, so the ratings use age alone."
    spec = chart.to_dict(validate=False)
    if layout.config:
        spec["config"] = {**spec.get("config", {}), **layout.config}
    return ChartSpec("case_tracker_age" + layout.suffix, title, alt_text, spec, {"bars": rows, "zones": zones})


def pre_proceedings_spec(pack: PackModel, layout: BarLayout = WIDE) -> ChartSpec | None:
    """The `pre_proceedings_quarters` chart, or None when neither source is available.

    With `layout` NARROW, its phone variant: quarters as "Q1" with the year under each year's first,
    the series names wrapped in a one-column legend, and at each quarter the higher value's label
    above its point and the lower one's below, so the two never overlap at 13 px."""
    extract, log = pack.pre_proceedings.get("extract") or {}, pack.pre_proceedings.get("log") or {}
    series = []
    names = []
    if not extract.get("unavailable") and extract.get("by_quarter"):
        name = "Issued cases that went through pre-proceedings"
        names.append(name)
        series += [{"quarter": q["quarter"], "value": q["share"], "series": name, "label": percent(q["share"])}
                   for q in extract["by_quarter"] if q["share"] is not None]
    if not log.get("unavailable") and log.get("by_quarter"):
        name = "Families diverted from court, of those leaving pre-proceedings"
        names.append(name)
        series += [{"quarter": q["quarter"], "value": q["diversion_rate"], "series": name, "label": percent(q["diversion_rate"])}
                   for q in log["by_quarter"] if q["diversion_rate"] is not None]
    if not series:
        return None
    colours = [main_colour(pack.board.get("branding")), OKABE_ITO[1]][: len(names)]
    quarters = list(dict.fromkeys(r["quarter"] for r in series))
    narrow = layout.is_narrow
    if narrow:
        axis = alt.Axis(labelAngle=0, labelExpr=_lookup_expr(_short_quarters(quarters)), labelLineHeight=layout.name_size + 2,
                        labelBaseline="top", labelOverlap=False)
        legend = alt.Legend(title=None, orient="bottom", direction="vertical", columns=1, labelLimit=layout.width,
                            labelExpr=_lookup_expr({n: wrapped_lines(n, int((layout.width - 30) / layout.name_px)) for n in names}))
        for r in series:
            r["below"] = any(o["quarter"] == r["quarter"] and o["value"] > r["value"] for o in series)
    else:
        axis = alt.Axis(labelAngle=0, labelFontSize=9)
        legend = alt.Legend(title=None, orient="bottom", direction="vertical", labelLimit=560)
    x = alt.X("quarter:O", title=None, sort=quarters, axis=axis)
    y = alt.Y("value:Q", title="%", scale=alt.Scale(domain=[0, 100]), axis=alt.Axis(values=[0, 25, 50, 75, 100]))
    colour = alt.Color("series:N", scale=alt.Scale(domain=names, range=colours), legend=legend)
    shape = alt.Shape("series:N", scale=alt.Scale(domain=names, range=["circle", "square"][: len(names)]), legend=legend)
    base = alt.Chart(alt.Data(name="series"))
    line = base.mark_line(strokeWidth=2).encode(x=x, y=y, color=colour)
    points = base.mark_point(filled=True, size=45).encode(x=x, y=y, color=colour, shape=shape)
    if narrow:
        above = base.mark_text(dy=-(layout.name_size - 2), color=INK).encode(x=x, y=y, text=alt.Text("label:N")).transform_filter("!datum.below")
        below = base.mark_text(dy=layout.name_size - 1, color=INK).encode(x=x, y=y, text=alt.Text("label:N")).transform_filter("datum.below")
        layers = [line, points, above, below]
    else:
        layers = [line, points, base.mark_text(dy=-9, fontSize=9, color=INK).encode(x=x, y=y, text=alt.Text("label:N"))]
    chart = alt.layer(*layers).properties(width=layout.width, height=PHONE_QUARTER_CHART_HEIGHT if narrow else QUARTER_CHART_HEIGHT,
                                          autosize={"type": "fit-x", "contains": "padding"})
    parts = []
    if extract and not extract.get("unavailable") and extract.get("share") is not None:
        parts.append(f"{percent(extract['share'])} of cases issued {month_short(extract['start'])} to {month_short(extract['end'])} went through pre-proceedings")
    if log and not log.get("unavailable") and log.get("diversion_rate") is not None:
        parts.append(f"{percent(log['diversion_rate'])} of families leaving pre-proceedings were diverted from court")
    title = "; ".join(parts) or "Pre-proceedings by quarter"
    listed = "; ".join(f"{r['series']}, {r['quarter']}: {r['label']}" for r in series)
    alt_text = f"Line chart by financial-year quarter. {listed}."
    spec = chart.to_dict(validate=False)
    if layout.config:
        spec["config"] = {**spec.get("config", {}), **layout.config}
    return ChartSpec("pre_proceedings_quarters" + layout.suffix, title[0].upper() + title[1:], alt_text, spec, {"series": series})


def outcomes_spec(pack: PackModel, layout: BarLayout = WIDE) -> ChartSpec | None:
    """The `outcomes` chart: the share of each final order, most common first; None without outcomes.
    With `layout` NARROW, its phone variant (`outcomes_narrow`)."""
    o = pack.outcomes
    if not o or o.get("unavailable") or not o.get("recorded"):
        return None
    order = sorted((k for k in o["counts"] if o["counts"][k]), key=lambda k: -o["counts"][k])
    if layout.is_narrow:
        # On a phone the names wrap; at NARROW's 125 px "Special guardianship order" takes three lines and
        # every bar the height of three. Room for 20 characters ("Special guardianship") keeps each name
        # to two lines and still leaves the bars and their labels ("34% (127)") about 180 px.
        layout = replace(layout, name_limit=round(OUTCOME_NAME_CHARS * layout.name_px) + 2)
    rows = [{"name": layout.names(o["labels"][k]), "value": float(o["shares"][k]), "label": f"{percent(o['shares'][k])} ({o['counts'][k]:,})"}
            for k in order]
    names = [r["name"] for r in rows]
    bars, labels, _, _ = _bar_layers(rows, main_colour(pack.board.get("branding")), rows, names, layout)
    window = f"{month_short(o['start'])} to {month_short(o['end'])}"
    top = order[0]
    title = f"{o['labels'][top]}s were the most common final order, {percent(o['shares'][top])} of cases disposed {window}"
    if top in ("withdrawn", "no_order", "other"):
        title = f"{o['labels'][top]} was the most common outcome, {percent(o['shares'][top])} of cases disposed {window}"
    alt_text = (f"Bar chart of the final orders of the {plural(o['recorded'], 'case')} disposed {window} with an outcome recorded, "
                f"most common first. " + "; ".join(f"{o['labels'][k]}: {r['label']}" for k, r in zip(order, rows)) + ".")
    return ChartSpec("outcomes" + layout.suffix, title, alt_text, _finish(alt.layer(bars, labels), len(rows), layout, layout.step(names)), {"bars": rows})


def case_progression_specs(pack: PackModel, layout: BarLayout = WIDE) -> list[ChartSpec]:
    """Every case progression chart the pack has data for, drawn for `layout` (the page, or the phone)."""
    specs = [case_tracker_age_spec(pack, layout)] if pack.case_tracker else []
    specs += [s for s in (pre_proceedings_spec(pack, layout), outcomes_spec(pack, layout)) if s is not None]
    return specs
