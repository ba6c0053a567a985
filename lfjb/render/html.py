"""The HTML summary: one self-contained, accessible page (inline CSS and SVG, no scripts, no URLs).

Drawn from the same PackModel and section templates as the PDF, in shorter form: templates/summary_page.html.
"""

from __future__ import annotations

from pathlib import Path

from lfjb.render.pdf import logo_data_uri
from lfjb.render.view import environment, pack_context, stylesheet

TEMPLATE = "summary_page.html"
STYLESHEET = "summary.css"


def render_html(pack, board_folder: Path | None = None) -> str:
    """The board's HTML summary for the pack's month, as a complete HTML5 document. The logo, if the
    board has one in `board_folder`, is embedded as a data: URI so the file stays self-contained."""
    context = pack_context(pack, "html")
    context["css"] = stylesheet(STYLESHEET)
    context["title"] = f"{pack.board['name']}: summary for {pack.month.label}"
    context["description"] = f"Summary of the {pack.board['name']}'s board pack for {pack.month.label}."
    context["logo_src"] = logo_data_uri(pack.board.get("branding"), board_folder)
    return environment().get_template(TEMPLATE).render(context)
