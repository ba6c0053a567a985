"""Charts for a board pack: Altair specs built only from the PackModel, converted to SVG by vl-convert.

`pack_charts(pack)` returns every chart the pack shows, keyed by id:

- `spc_<kpi>` for the measures with a trend page (`PackModel.trend_kpis`): Making Data Count XmR chart (lfjb/charts/spc_chart.py)
- `spark_<kpi>` for every KPI: the tile sparkline (lfjb/charts/sparkline.py)
- `duration_bands`, `open_age`, `local_authority`, `driver_prevalence` (lfjb/charts/bars.py)
- `journey`: the stages of proceedings per local authority, with hearing dates (lfjb/charts/journey.py)

Each `Chart` has a `title` that states the finding (the templates show it as the heading or caption;
the SVG carries no title of its own beyond a short note such as "Provisional limits", so nothing is
said twice), an `alt` text alternative, and `svg` whose first child is `<title>alt</title>`.
The look (font, colours, sizes) is set once in lfjb/charts/style.py.
"""

from __future__ import annotations

from dataclasses import replace

from lfjb.charts.bars import (
    WIDE,
    BarLayout,
    driver_prevalence_spec,
    duration_bands_spec,
    local_authority_spec,
    open_age_spec,
)
from lfjb.charts.case_progression import case_progression_specs
from lfjb.charts.chart import Chart, ChartSpec, render_chart, unchecked_by_altair
from lfjb.charts.journey import journey_specs
from lfjb.charts.sparkline import sparkline_spec
from lfjb.charts.spc_chart import spc_spec
from lfjb.charts.subjects import chart_subject
from lfjb.pack import PackModel
from lfjb.vocab import KPI_IDS



def pack_chart_specs(pack: PackModel) -> list[ChartSpec]:
    """The Vega-Lite spec and words of every chart the pack shows, before conversion."""
    # Each XmR chart costs about 0.1 s to draw, so only those with a trend page are drawn;
    # `spc_spec(pack, kpi)` works for any KPI.
    with unchecked_by_altair():
        specs = [spc_spec(pack, kpi) for kpi in pack.trend_kpis]
        specs += [sparkline_spec(pack, kpi) for kpi in KPI_IDS if kpi in pack.kpi_tiles and kpi not in pack.unavailable]
        specs += figure_specs(pack)
    return [replace(spec, subject=chart_subject(pack, spec.id)) for spec in specs]


def figure_specs(pack: PackModel, layout: BarLayout = WIDE) -> list[ChartSpec]:
    """The pack's figures other than the XmR charts and sparklines, drawn for `layout`: the A4 page
    (WIDE), or the HTML summary's phone (lfjb.charts.bars.NARROW, lfjb/charts/phone.py). One list, so
    the phone has a variant of exactly the figures the page has."""
    specs = [duration_bands_spec(pack, layout), open_age_spec(pack, layout), local_authority_spec(pack, layout),
             driver_prevalence_spec(pack, layout)]
    specs += case_progression_specs(pack, layout)  # case_tracker_age, pre_proceedings_quarters, outcomes (issue 14)
    specs += journey_specs(pack, layout)  # journey: stage by stage, with hearing dates (issue 21)
    return specs


def pack_charts(pack: PackModel) -> dict[str, Chart]:
    """Every chart the pack shows, keyed by id (e.g. "spc_mean_weeks", "spark_mean_weeks", "open_age")."""
    return {spec.id: render_chart(spec) for spec in pack_chart_specs(pack)}


__all__ = ["Chart", "ChartSpec", "figure_specs", "pack_charts", "pack_chart_specs", "render_chart", "spc_spec"]
