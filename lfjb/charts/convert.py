"""Vega-Lite to SVG and PNG with vl-convert, each distinct spec converted once per process.

vl-convert keeps one JavaScript engine per process: the first conversion starts it (about a second),
later ones take tens of milliseconds. Results are cached by the spec's JSON text, so the HTML and the
PDF renderer can both ask for a pack's charts without converting anything twice.
"""

from __future__ import annotations

import json
from functools import lru_cache

import altair as alt
import vl_convert as vlc

# Compile with the Vega-Lite version Altair writes its specs for ("v6.4.1" -> "6.4"), not whatever
# vl-convert bundles as newest, so a vl-convert upgrade cannot change how a chart is compiled.
VEGA_LITE_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])

_CACHE_SIZE = 512  # a comparison run draws about 30 charts for each of a few boards


def spec_key(spec: dict) -> str:
    """The canonical JSON text of a Vega-Lite spec (the cache key)."""
    return json.dumps(spec, sort_keys=True, separators=(",", ":"), allow_nan=False)


@lru_cache(maxsize=_CACHE_SIZE)
def _svg_of_key(key: str) -> str:
    return vlc.vegalite_to_svg(key, vl_version=VEGA_LITE_VERSION)


def svg_of_spec(spec: dict) -> str:
    """The SVG text of a Vega-Lite spec, as vl-convert writes it (cached)."""
    return _svg_of_key(spec_key(spec))


def png_of_spec(spec: dict, scale: float = 2.0) -> bytes:
    """A PNG of a Vega-Lite spec (for previews and checks; the pack itself uses SVG)."""
    return vlc.vegalite_to_png(spec_key(spec), vl_version=VEGA_LITE_VERSION, scale=scale)


def png_of_svg(svg: str, scale: float = 2.0) -> bytes:
    """A PNG of SVG text, e.g. of a finished `Chart.svg`."""
    return vlc.svg_to_png(svg, scale=scale)

