"""The HTML summary: one self-contained, accessible page (inline CSS and SVG, no scripts, no URLs).

Drawn from the same PackModel, charts and section templates as the PDF, in shorter form:
templates/summary_page.html. Needs no PDF engine.
"""

from __future__ import annotations

from lfjb.charts import Chart, pack_charts
from lfjb.charts.phone import phone_charts
from lfjb.pack import PackModel
from lfjb.render.context import pack_context
from lfjb.render.templates import environment, pack_stylesheet, shorten

TEMPLATE = "summary_page.html"
STYLESHEET = "summary.css"


def html_charts(pack: PackModel, charts: dict[str, Chart] | None = None) -> dict[str, Chart]:
    """The charts the summary shows: the pack's (drawn once, shared with the PDF) and their phone
    variants, which only the summary needs."""
    return {**(pack_charts(pack) if charts is None else charts), **phone_charts(pack)}


def render_html(pack: PackModel, charts: dict[str, Chart] | None = None) -> str:
    """The board's HTML summary for the pack's month, as a complete HTML5 document.

    `charts` are the pack's charts as the charts stage drew them (`html_charts(pack)`: the pack's charts,
    shared with the PDF, and their phone variants); drawn here only when not given. The logo, if any,
    is embedded as a data: URI."""
    context = pack_context(pack, "html", html_charts(pack) if charts is None else charts)
    context["css"] = pack_stylesheet(STYLESHEET)
    context["title"] = f"{shorten(pack.board['name'])}: summary for {pack.month.label}"
    context["description"] = f"Summary of the {shorten(pack.board['name'])}'s board pack for {pack.month.label}."
    return environment().get_template(TEMPLATE).render(context)
