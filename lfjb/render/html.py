"""The HTML summary: one self-contained, accessible page (inline CSS and SVG, no scripts, no URLs).

Drawn from the same PackModel and section templates as the PDF, in shorter form: templates/summary_page.html.
"""

from __future__ import annotations

from lfjb.render.view import environment, pack_context, stylesheet

TEMPLATE = "summary_page.html"
STYLESHEET = "summary.css"


def render_html(pack) -> str:
    """The board's HTML summary for the pack's month, as a complete HTML5 document."""
    context = pack_context(pack, "html")
    context["css"] = stylesheet(STYLESHEET)
    context["title"] = f"{pack.board['name']}: summary for {pack.month.label}"
    context["description"] = f"Summary of the {pack.board['name']}'s board pack for {pack.month.label}."
    context["logo_src"] = None  # the HTML carries no files of its own; the logo is in the PDF only
    return environment().get_template(TEMPLATE).render(context)
