"""Phone variants of the pack's charts, for the HTML summary only (issue 11, item 15).

A chart drawn for the A4 page (FULL_WIDTH, 640 px) and shrunk to a 390 px phone has text of about
5 px. Each chart the summary shows as a figure is therefore drawn a second time, NARROW_WIDTH wide
with text of PHONE_TEXT px; the page shows one or the other by screen width (summary.css), so the PDF
and the desktop page keep the wide chart. Sparklines carry no text and get no variant.

`phone_charts(pack)` returns them keyed `<chart id>_narrow`. The trend charts, the bar charts and the
case progression charts know how to draw themselves narrow (fewer or shorter axis labels, names and
legends wrapped onto lines); any other chart gets the generic `narrowed` (narrow width, every font
size at least PHONE_TEXT), which can leave labels overlapping or cut.
"""

from __future__ import annotations

import copy

from lfjb.charts import pack_chart_specs
from lfjb.charts.bars import NARROW, driver_prevalence_spec, duration_bands_spec, local_authority_spec, open_age_spec
from lfjb.charts.case_progression import case_tracker_age_spec, outcomes_spec, pre_proceedings_spec
from lfjb.charts.chart import Chart, ChartSpec, render_chart
from lfjb.charts.journey import journey_spec
from lfjb.charts.spc_chart import spc_spec
from lfjb.charts.style import FULL_WIDTH, NARROW_WIDTH, PHONE_TEXT, narrow_config
from lfjb.pack import PackModel

SUFFIX = "_narrow"
_FONT_KEYS = ("fontSize", "labelFontSize", "titleFontSize", "subtitleFontSize")
_PHONE_BUILDERS = {
    "duration_bands": duration_bands_spec,
    "open_age": open_age_spec,
    "local_authority": local_authority_spec,
    "driver_prevalence": driver_prevalence_spec,
    "case_tracker_age": case_tracker_age_spec,
    "outcomes": outcomes_spec,
    "pre_proceedings_quarters": pre_proceedings_spec,
    "journey": journey_spec,
}


def _larger_text(node):
    """A copy of a spec (part) with every font size at least PHONE_TEXT and every width of the A4
    page's FULL_WIDTH made NARROW_WIDTH."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in _FONT_KEYS and isinstance(value, (int, float)):
                out[key] = max(value, PHONE_TEXT)
            elif key == "width" and value == FULL_WIDTH:
                out[key] = NARROW_WIDTH
            else:
                out[key] = _larger_text(value)
        return out
    if isinstance(node, list):
        return [_larger_text(v) for v in node]
    return node


def narrowed(spec: ChartSpec) -> ChartSpec:
    """The generic phone variant of a chart: narrow, with larger text (for charts with no builder of
    their own; long labels may wrap less well than in a chart drawn for the phone)."""
    narrow = _larger_text(copy.deepcopy(spec.spec))
    narrow["config"] = {**narrow.get("config", {}), **narrow_config()}
    return ChartSpec(spec.id + SUFFIX, spec.title, spec.alt, narrow, spec.datasets)


def phone_chart_specs(pack: PackModel) -> list[ChartSpec]:
    """The phone variant of every chart the HTML summary shows as a figure."""
    # The XmR charts are drawn narrow from the start (building the wide ones only for their ids cost
    # as much as the rest of the phone charts together).
    specs = [spc_spec(pack, kpi, narrow=True) for kpi in pack.trend_kpis]
    for spec in pack_chart_specs(pack, spc=False):
        if spec.id.startswith("spark_"):
            continue
        if spec.id in _PHONE_BUILDERS:
            specs.append(_PHONE_BUILDERS[spec.id](pack, NARROW))
        else:
            specs.append(narrowed(spec))
    return specs


def phone_charts(pack: PackModel) -> dict[str, Chart]:
    """Every figure's phone variant, keyed `<chart id>_narrow` (e.g. "spc_mean_weeks_narrow")."""
    return {spec.id: render_chart(spec) for spec in phone_chart_specs(pack)}
