"""`Chart`: one finished chart (SVG with its text alternative) and `ChartSpec`, the Vega-Lite it comes from.

The finding is stated in `Chart.title`, which the templates show as the chart's caption; the SVG
carries no title of its own (at most a short note such as "provisional limits"), so a reader never
sees the same sentence twice. `Chart.alt` is both the `<title>` inside the SVG (the accessible name of
an inline SVG with role="img") and what the templates put in an `<img alt>`.
"""

from __future__ import annotations

import base64
import re
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from altair.utils.schemapi import debug_mode

from lfjb.charts.convert import svg_of_spec
from lfjb.charts.style import theme_config

_SVG_OPEN = re.compile(r"<svg\b[^>]*>")


@dataclass(frozen=True)
class Chart:
    """A chart ready for a template: `svg` is standalone SVG text whose first child is <title>{alt}</title>."""

    id: str
    title: str
    alt: str
    svg: str
    subject: str = ""  # what is plotted and over which months (lfjb/charts/subjects.py), printed above it

    def data_uri(self) -> str:
        """The SVG as a 'data:image/svg+xml;base64,...' URI for an <img src> (the PDF uses these)."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode("utf-8")).decode("ascii")


@dataclass(frozen=True)
class ChartSpec:
    """A chart before conversion: its words, the Vega-Lite spec and the rows it draws.

    The rows are kept apart from the spec (which names them, `alt.Data(name=...)`) because Altair
    deep-copies inline data at every method call: that alone made a pack's charts take seconds.
    """

    id: str
    title: str
    alt: str
    spec: dict
    datasets: dict[str, list[dict]] = field(default_factory=dict)
    subject: str = ""

    def vega_lite(self) -> dict:
        """The full Vega-Lite spec: the chart's spec, its rows as top-level `datasets`, the lfjb theme."""
        config = theme_config()
        for key, value in self.spec.get("config", {}).items():  # Altair's own defaults, e.g. view size
            config[key] = {**config[key], **value} if isinstance(value, dict) and isinstance(config.get(key), dict) else value
        return {**self.spec, "datasets": {**self.spec.get("datasets", {}), **self.datasets}, "config": config}


def unchecked_by_altair() -> AbstractContextManager:
    """A block in which Altair does not check each object against the Vega-Lite schema as it is made
    (a fifth of the time spent building a pack's specs). The specs the block builds are checked whole
    in the tests instead (tests/charts/test_charts.py::test_every_spec_is_valid_vega_lite); the specs
    themselves are the same."""
    return debug_mode(False)


def accessible_svg(svg: str, alt: str) -> str:
    """`svg` with role="img" on the <svg> element and <title>`alt`</title> as its first child."""
    match = _SVG_OPEN.search(svg)
    if match is None:
        raise ValueError("no <svg> element in the converted chart")
    tag = match.group(0)
    if "role=" not in tag:
        tag = tag[:-1] + ' role="img">'
    return svg[: match.start()] + tag + f"<title>{escape(alt)}</title>" + svg[match.end() :]


def render_chart(chart: ChartSpec) -> Chart:
    """The finished Chart: the spec converted to SVG (once per process) with its text alternative."""
    return Chart(chart.id, chart.title, chart.alt, accessible_svg(svg_of_spec(chart.vega_lite()), chart.alt), chart.subject)
