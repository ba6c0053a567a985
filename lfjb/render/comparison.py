"""The cross-board comparison as HTML (self-contained) and PDF (WeasyPrint, tagged PDF/UA-1, A4 landscape).

Both come from templates/comparison/ with the shared Jinja2 environment of lfjb.render.templates. The
templates only format: every figure, sentence and chart title comes from the ComparisonModel. A cell
that disclosure control suppressed is shown as `[c]` (SUPPRESSED_MARK); a figure that does not exist as an en dash.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from lfjb.compare.model import ComparisonModel
from lfjb.compare.suppression import SUPPRESSED_MARK
from lfjb.formatting import DASH, signed
from lfjb.render.pdf import PDF_OPTIONS, PackURLFetcher, layout
from lfjb.render.templates import environment, stylesheet

if TYPE_CHECKING:
    from lfjb.charts.chart import Chart

TEMPLATE = "comparison/report.html"
# Issue 13: sortable league-table columns in the HTML with a few lines of inline JavaScript and no
# external script. Without it the table is still the ranked table; with it each column header becomes
# a button that sorts by that column (numbers by their data-sort value) and says so in aria-sort.
SORT_SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  var body = table.tBodies[0];
  table.querySelectorAll("thead th[data-sort-type]").forEach(function (th, index) {
    var button = document.createElement("button");
    button.type = "button"; button.className = "sort"; button.textContent = th.textContent;
    th.textContent = ""; th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("thead th").forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var column = Array.prototype.indexOf.call(th.parentNode.children, th);
      var numeric = th.getAttribute("data-sort-type") === "number";
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.children[column].getAttribute("data-sort") || a.children[column].textContent.trim();
        var y = b.children[column].getAttribute("data-sort") || b.children[column].textContent.trim();
        if (numeric) { x = x === "" ? Infinity : parseFloat(x); y = y === "" ? Infinity : parseFloat(y); return ascending ? x - y : y - x; }
        return ascending ? x.localeCompare(y) : y.localeCompare(x);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""
STYLESHEET = "comparison/comparison.css"


# --- how a cell looks ------------------------------------------------------------------------------------


FORMATS = {
    "count": lambda v: f"{v:,.0f}",
    "weeks": lambda v: f"{v:,.1f}",
    "pct": lambda v: f"{v:,.1f}%",
    "hearings": lambda v: f"{v:,.2f}",
    "change_weeks": lambda v: signed(v, 1),
    "change_pct": lambda v: signed(v, 1, " pts"),
    "change_hearings": lambda v: signed(v, 2),
    "rate": lambda v: f"{v:.3f}",
    "change_count": lambda v: "0" if round(v) == 0 else signed(v, 0),
    "change_share": lambda v: "0.0%" if round(v, 1) == 0 else signed(v, 1, "%"),
}


def shown(value: float | None, kind: str, suppressed: bool = False) -> str:
    """A figure as a table shows it: `[c]` when suppressed, an en dash when there is none."""
    if suppressed:
        return SUPPRESSED_MARK
    if value is None:
        return DASH
    return FORMATS[kind](value)


def cell(row: dict, field: str, kind: str) -> str:
    """`row[field]` formatted as `kind` ("count", "weeks", "pct", "change_weeks", ...), `[c]` if suppressed."""
    return shown(row.get(field), kind, field in (row.get("suppressed") or {}))


# --- the document ----------------------------------------------------------------------------------------


def long_tables_note(model: ComparisonModel) -> str:
    """Where the PDF's left-out tables are (issue 22: the PDF keeps what is read)."""
    from lfjb.naming import comparison_paths
    from pathlib import Path

    names = {fmt: path.name for fmt, path in comparison_paths(Path("."), model.month, model.publish).items()}
    return (f"Not printed, to keep this short: each board's figures for {model.month.label} and its caseload, "
            "month by month over 24 months, each board's funnel limits and every delay driver by board. They are in "
            f"the HTML version ({names.get('html', 'html')}) and in the spreadsheets ({names.get('ods', 'ods')}, "
            f"{names.get('xlsx', 'xlsx')}: lfjb compare --format ods,xlsx), one table a sheet.")


def comparison_context(model: ComparisonModel, medium: str, charts: dict[str, Chart] | None = None) -> dict:
    """Everything the templates read; the charts are drawn here from the model unless given (a run that
    writes both the HTML and the PDF draws them once, `comparison_charts`)."""
    from lfjb.charts.comparison import comparison_charts, funnel_hotspots, programme_legend

    if charts is None:
        charts = comparison_charts(model)
    return {
        "model": model,
        "medium": medium,
        "title": model.title,
        "marking": model.marking,
        "charts": charts,
        "trend_charts": [c for key, c in charts.items() if key.startswith("trends-")],
        "programme_legend": programme_legend(model),
        "hotspots": funnel_hotspots(model) if medium == "html" else None,
        "sort_script": Markup(SORT_SCRIPT) if medium == "html" else "",
        "css": Markup(stylesheet(STYLESHEET)),
        "cell": cell,
        "shown": shown,
        "long_tables_note": long_tables_note(model),
        "mark": SUPPRESSED_MARK,
        "description": (
            f"Cross-board comparison of Local Family Justice Boards for {model.month.label}: league table, trends, "
            "funnel plot, delay drivers, the pilot view and, when given, MoJ's official statistics."
        ),
    }


def render_comparison_html(model: ComparisonModel, charts: dict[str, Chart] | None = None) -> str:
    """The comparison as one self-contained HTML page (inline CSS, charts as data: URIs, a few lines of
    inline JavaScript to sort the league table; nothing fetched)."""
    return environment().get_template(TEMPLATE).render(comparison_context(model, "html", charts))


def comparison_html_for_pdf(model: ComparisonModel, charts: dict[str, Chart] | None = None) -> str:
    """The HTML WeasyPrint lays out for the PDF."""
    return environment().get_template(TEMPLATE).render(comparison_context(model, "pdf", charts))


def render_comparison_pdf(model: ComparisonModel, fetcher: PackURLFetcher | None = None,
                          charts: dict[str, Chart] | None = None) -> bytes:
    """The comparison as PDF bytes: A4 landscape, tagged PDF/UA-1, title and language set.

    WeasyPrint may read only data: URIs and files in lfjb's templates folder; http(s) and any other
    file are refused (`PackURLFetcher`). `charts` as for `comparison_context`.
    """
    return comparison_pdf_of_html(comparison_html_for_pdf(model, charts), fetcher)


def comparison_pdf_of_html(html: str, fetcher: PackURLFetcher | None = None) -> bytes:
    """The PDF of the comparison's HTML for print (`comparison_html_for_pdf`)."""
    return layout(html, fetcher).write_pdf(**PDF_OPTIONS)
