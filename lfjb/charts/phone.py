"""Phone variants of the pack's charts, for the HTML summary only (issue 11, item 15).

A chart drawn for the A4 page (FULL_WIDTH, 640 px) and shrunk to a 390 px phone has text of about
5 px. Each chart the summary shows as a figure is therefore drawn a second time, NARROW_WIDTH wide
with text of PHONE_TEXT px; the page shows one or the other by screen width (summary.css), so the PDF
and the desktop page keep the wide chart. Sparklines carry no text and get no variant.

`phone_charts(pack)` returns them keyed `<chart id>_narrow`. Every figure is drawn narrow by its own
builder (fewer or shorter axis labels, names and legends wrapped onto lines): the XmR charts with
`spc_spec(..., narrow=True)`, the rest with `lfjb.charts.figure_specs(pack, NARROW)`, the same list
the page's figures come from, so nothing is built wide only to learn which figures there are.
"""

from __future__ import annotations

from lfjb.charts import figure_specs
from lfjb.charts.bars import NARROW
from lfjb.charts.chart import Chart, ChartSpec, render_chart, unchecked_by_altair
from lfjb.charts.spc_chart import spc_spec
from lfjb.pack import PackModel


def phone_chart_specs(pack: PackModel) -> list[ChartSpec]:
    """The phone variant of every chart the HTML summary shows as a figure."""
    with unchecked_by_altair():
        return [spc_spec(pack, kpi, narrow=True) for kpi in pack.trend_kpis] + figure_specs(pack, NARROW)


def phone_charts(pack: PackModel) -> dict[str, Chart]:
    """Every figure's phone variant, keyed `<chart id>_narrow` (e.g. "spc_mean_weeks_narrow")."""
    return {spec.id: render_chart(spec) for spec in phone_chart_specs(pack)}
