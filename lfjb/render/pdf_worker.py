"""The comparison's PDF laid out in a second process, while the first draws the charts and writes the HTML
and JSON (issue 13: a 43-board comparison spends most of its time in WeasyPrint, on one core).

The first process sends the HTML as soon as the figures are known, with each chart as a placeholder
URL, `lfjb-chart:<id>` (`ChartToCome`); WeasyPrint parses it and computes every style (about two
seconds at 43 boards) while the charts are drawn, and asks for a chart only when it builds the box
that shows it. `ChartFetcher` then waits for the charts on the queue the first process puts them on.

These functions run in the spawned worker (lfjb.workflows.compare.SecondProcess starts it); they are
module-level so that `spawn` can find them.
"""

from __future__ import annotations

import queue as queue_module
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lfjb.collector import cyclic_collector_paused
from lfjb.interrupts import ignore_interrupts_if_spawned

# Imported first in the spawned worker: Ctrl-C is the first process's to handle (it stops this one),
# never a traceback here (the rule and its reasons live in lfjb.interrupts).
ignore_interrupts_if_spawned()

CHART_SCHEME = "lfjb-chart"
ABORT = "__abort__"  # put on the queue instead of charts when the first process fails before drawing them
WAIT_SECONDS = 600  # a chart that has not come by then never will: fail rather than hang

_charts_queue: Any = None  # the multiprocessing queue the charts come on, set by `init`
_received: dict[str, str] = {}


@dataclass(frozen=True)
class ChartToCome:
    """A chart's words (as lfjb.charts.Chart has them), with a placeholder for its SVG, so the PDF's
    HTML can be written before the chart is drawn. (Not a Chart subclass: importing lfjb.charts would
    load Altair and vl-convert into the worker, which never draws.)"""

    id: str
    title: str
    alt: str

    def data_uri(self) -> str:
        return f"{CHART_SCHEME}:{self.id}"


def placeholders(specs: Mapping[str, Any]) -> dict[str, ChartToCome]:
    """{id: ChartToCome} for charts (or chart specs) keyed by id: each has `id`, `title` and `alt`."""
    return {key: ChartToCome(c.id, c.title, c.alt) for key, c in specs.items()}


def init(charts_queue: Any) -> None:
    """The worker's initializer: remember the queue the charts will come on."""
    global _charts_queue
    _charts_queue = charts_queue
    _received.clear()


def started() -> None:
    """Nothing: submitted first, so that the process starts at once."""


def warm() -> None:
    """Import WeasyPrint and lay out one line, so fonts are found before the real work arrives."""
    from weasyprint import HTML

    HTML(string="<p>lfjb</p>").render()


def chart_svg(chart_id: str) -> str:
    """The SVG of chart `chart_id`, waiting for the first process to send it. After an ABORT or a wait
    that ran out, every later chart fails at once (WeasyPrint asks for each image in turn)."""
    while chart_id not in _received:
        if _received.get(ABORT):
            raise RuntimeError(_received[ABORT])
        try:
            sent = _charts_queue.get(timeout=WAIT_SECONDS)
        except queue_module.Empty:
            sent = {ABORT: f"the chart '{chart_id}' for the PDF never came"}
        if sent == ABORT:
            sent = {ABORT: "the comparison stopped before its charts were drawn"}
        _received.update(sent)
    return _received[chart_id]


def comparison_pdf(html: str) -> bytes:
    """The comparison's PDF from its HTML (lfjb.render.comparison.comparison_html_for_pdf with
    `ChartToCome` charts); the charts are read from the queue as WeasyPrint asks for them."""
    from weasyprint.urls import URLFetcherResponse

    from lfjb.render.comparison import comparison_pdf_of_html
    from lfjb.render.pdf import PackURLFetcher
    from lfjb.render.templates import templates_dir

    failed: list[str] = []

    class ChartFetcher(PackURLFetcher):
        def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
            if url.startswith(f"{CHART_SCHEME}:"):
                try:
                    svg = chart_svg(url.split(":", 1)[1])
                except RuntimeError as exc:
                    failed.append(str(exc))  # WeasyPrint would only log it and leave the chart out
                    raise
                return URLFetcherResponse(url, svg.encode("utf-8"), {"Content-Type": "image/svg+xml"})
            return super().fetch(url, headers)

    try:
        with cyclic_collector_paused():  # WeasyPrint's layout makes objects by the hundred thousand
            pdf = comparison_pdf_of_html(html, ChartFetcher([templates_dir()]))
    finally:
        _received.clear()
    if failed:
        raise RuntimeError(failed[0])
    return pdf
