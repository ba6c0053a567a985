"""Vega-Lite to SVG and PNG with vl-convert, each distinct spec converted once per process.

vl-convert keeps one JavaScript engine per process: the first conversion starts it (about half a
second), later ones take tens of milliseconds. Results are cached by the spec's JSON text, so the HTML
and the PDF renderer can both ask for a pack's charts without converting anything twice.

Text is measured with vl-convert's own copy of Liberation Sans, held in memory (`start_engine`).
Measuring a label in a font from the system's font folders opened and mapped the font file again for
every glyph (vl-convert 1.9 keeps those fonts as file paths): some 100 opens a label, three quarters of
the time a pack's charts took. The charts name Liberation Sans first (lfjb.charts.style.FONT), so what
was measured is what the PDF and the browser draw: Liberation Sans, or Arial or Helvetica, which have
the same widths, wherever the reader opens the file.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

import altair as alt
import vl_convert as vlc

# Compile with the Vega-Lite version Altair writes its specs for ("v6.4.1" -> "6.4"), not whatever
# vl-convert bundles as newest, so a vl-convert upgrade cannot change how a chart is compiled.
VEGA_LITE_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])

_CACHE_SIZE = 512  # a comparison run draws about 30 charts for each of a few boards

# The font database is read once, at the first text vl-convert measures. On Linux and the BSDs it is
# read from the folders named in fontconfig's file, FONTCONFIG_FILE when set: pointed at an empty
# folder, vl-convert has only its built-in fonts, kept in memory. Elsewhere nothing changes (the system
# fonts there are not shadowing vl-convert's Liberation Sans, so it is found in memory anyway).
FONTCONFIG = "FONTCONFIG_FILE"
_FIRST_TEXT = json.dumps({"mark": "text", "data": {"values": [{"t": "0"}]},
                          "encoding": {"text": {"field": "t", "type": "nominal"}}})
_started = False
_start_lock = threading.Lock()


def start_engine() -> None:
    """Start vl-convert's engine and read its font database with the system's font folders hidden
    (see the module's docstring). FONTCONFIG_FILE is set only while the database is read, and put back
    as it was, so nothing else in the process (WeasyPrint's fonts) sees it. Call it from the thread that
    starts other processes (or before any is started): a process started meanwhile would inherit the
    setting, and with it no fonts. The first conversion calls it; a workflow may call it earlier."""
    global _started
    with _start_lock:
        if _started:
            return
        if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
            with tempfile.TemporaryDirectory(prefix="lfjb-fonts-") as folder:
                config = Path(folder) / "fonts.conf"
                empty = Path(folder) / "none"
                empty.mkdir()
                config.write_text(f"<?xml version=\"1.0\"?>\n<fontconfig><dir>{empty}</dir></fontconfig>\n", encoding="utf-8")
                before = os.environ.get(FONTCONFIG)
                os.environ[FONTCONFIG] = str(config)
                try:
                    vlc.vegalite_to_svg(_FIRST_TEXT, vl_version=VEGA_LITE_VERSION)
                finally:
                    if before is None:
                        os.environ.pop(FONTCONFIG, None)
                    else:
                        os.environ[FONTCONFIG] = before
        _started = True


def spec_key(spec: dict) -> str:
    """The canonical JSON text of a Vega-Lite spec (the cache key)."""
    return json.dumps(spec, sort_keys=True, separators=(",", ":"), allow_nan=False)


@lru_cache(maxsize=_CACHE_SIZE)
def _svg_of_key(key: str) -> str:
    start_engine()
    return vlc.vegalite_to_svg(key, vl_version=VEGA_LITE_VERSION)


def svg_of_spec(spec: dict) -> str:
    """The SVG text of a Vega-Lite spec, as vl-convert writes it (cached)."""
    return _svg_of_key(spec_key(spec))


def png_of_spec(spec: dict, scale: float = 2.0) -> bytes:
    """A PNG of a Vega-Lite spec (for previews and checks; the pack itself uses SVG)."""
    start_engine()
    return vlc.vegalite_to_png(spec_key(spec), vl_version=VEGA_LITE_VERSION, scale=scale)


def png_of_svg(svg: str, scale: float = 2.0) -> bytes:
    """A PNG of SVG text, e.g. of a finished `Chart.svg`."""
    start_engine()
    return vlc.svg_to_png(svg, scale=scale)
