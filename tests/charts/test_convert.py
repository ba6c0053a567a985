"""lfjb/charts/convert.py: vl-convert measures text in its own in-memory fonts, and nothing else changes.

Each test runs in a fresh Python process: vl-convert reads its font database once per process.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lfjb.charts.style import theme_config

_LABELS = ["Birmingham", "Wolverhampton City Council", "Royal Borough of Kensington and Chelsea", "Sandwell"]
SPEC = {
    "mark": "bar",
    "width": 300,
    "data": {"values": [{"authority": name, "weeks": 40 + i} for i, name in enumerate(_LABELS)]},
    "encoding": {"y": {"field": "authority", "type": "nominal"}, "x": {"field": "weeks", "type": "quantitative"}},
    "config": theme_config(),
}


def run(code: str, env: dict | None = None) -> str:
    import os

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, **(env or {})})
    return done.stdout


DRAW = f"""
import json
from lfjb.charts.convert import svg_of_spec
svg = svg_of_spec(json.loads({json.dumps(json.dumps(SPEC))}))
"""
OURS = DRAW + "print(svg)"

# vl-convert used directly first: its font database is read with the system's font folders, as it
# was before lfjb hid them; lfjb's start then changes nothing.
SYSTEM_FONTS = f"""
import json
import vl_convert
from lfjb.charts.convert import VEGA_LITE_VERSION
vl_convert.vegalite_to_svg('{{"mark": "text", "data": {{"values": [{{"t": "0"}}]}}, "encoding": {{"text": {{"field": "t", "type": "nominal"}}}}}}', vl_version=VEGA_LITE_VERSION)
""" + DRAW + "print(svg)"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the font folders are hidden through fontconfig's file")
def test_charts_are_the_same_with_the_system_fonts_hidden():
    """Hiding the system's font folders from vl-convert (it then measures text in its own Liberation
    Sans, held in memory) draws every label as wide as the system's fonts would."""
    ours, system = run(OURS), run(SYSTEM_FONTS)
    assert "<text" in ours and "Kensington" in ours
    assert ours == system


def test_the_environment_is_left_as_it_was():
    """FONTCONFIG_FILE is set only while vl-convert reads its fonts: unset, or the user's own, after."""
    code = DRAW + "import os; print(repr(os.environ.get('FONTCONFIG_FILE')))"
    assert run(code).strip().splitlines()[-1] == "None"
    assert run(code, {"FONTCONFIG_FILE": "/etc/fonts/fonts.conf"}).strip().splitlines()[-1] == "'/etc/fonts/fonts.conf'"


def test_pdf_fonts_are_the_systems_after_a_chart(tmp_path):
    """WeasyPrint, run after the charts in the same process, still finds the pages' font (DejaVu Sans)."""
    code = DRAW + """
import weasyprint
pdf = weasyprint.HTML(string="<p style='font-family: DejaVu Sans'>Hello</p>").write_pdf(uncompressed_pdf=True)
print(b"DejaVu" in pdf)
"""
    assert run(code).strip().splitlines()[-1] == "True"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the font folders are hidden through fontconfig's file")
def test_the_system_fonts_are_hidden_from_the_chart_engine():
    """The speed of a pack's charts rests on vl-convert not seeing the system's fonts (each label measured
    in one of them opened its file again for every glyph). A chart naming only DejaVu Sans, a system font,
    is therefore measured differently by lfjb (DejaVu Sans not found) than with the system's fonts."""
    if "DejaVu Sans" not in subprocess.run(["fc-list"], capture_output=True, text=True).stdout:
        pytest.skip("DejaVu Sans is not installed")
    dejavu = json.dumps(json.dumps({**SPEC, "config": {"font": "DejaVu Sans"}}))
    ours = OURS.replace(json.dumps(json.dumps(SPEC)), dejavu)
    system = SYSTEM_FONTS.replace(json.dumps(json.dumps(SPEC)), dejavu)
    assert run(ours) != run(system)
