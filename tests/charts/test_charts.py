"""Tests for lfjb/charts: every chart the pack shows exists, is valid SVG with its text alternative,
special-cause points are a different shape, empty months are gaps, and user text is escaped.

Built from the tiny hand-worked board (tests/fixtures/tiny, March 2025). Where a test needs a series
the tiny board lacks (a shift, a gap in the middle), it swaps one section of that board's pack for
one built from a hand-made series with lfjb.metrics.spc.xmr, so the chart code still reads only a
PackModel.
"""

from __future__ import annotations

import base64
import copy
from dataclasses import replace
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema

from lfjb.charts import pack_chart_specs, pack_charts
from lfjb.charts.bars import driver_prevalence_spec, local_authority_spec
from lfjb.charts.chart import accessible_svg, render_chart
from lfjb.charts.convert import _svg_of_key
from lfjb.charts.sparkline import sparkline_spec
from lfjb.charts.spc_chart import spc_spec
from lfjb.charts.style import FONT, SPC_COLOURS, SPC_SHAPES, SPC_TARGET, contrast_ratio, main_colour
from lfjb.inputs import load_board
from lfjb.metrics.spc import xmr
from lfjb.month import Month
from lfjb.pack import build_pack
from lfjb.pack_model import DriverGap, FrozenMap, TrackerAgeBin
from lfjb.vocab import KPI_IDS, KPIS

SVG_NS = "{http://www.w3.org/2000/svg}"
MARCH_2025 = Month(2025, 3)


@pytest.fixture(scope="module")
def tiny_pack():
    path = Path(__file__).parents[1] / "fixtures" / "tiny" / "tiny.yaml"
    return build_pack(load_board(path), MARCH_2025)


@pytest.fixture(scope="module")
def tiny_charts(tiny_pack):
    return pack_charts(tiny_pack)


def parse(svg: str) -> ET.Element:
    """The SVG's root element; fails the test if the text is not well-formed XML."""
    return ET.fromstring(svg)


def with_spc(pack, kpi: str, values: list[float | None], target: float | None = None):
    """A copy of `pack` whose SPC section for `kpi` is the XmR chart of `values` (the 24 trend months)."""
    months = [row.month for row in pack.trend]
    assert len(values) == len(months)
    chart = xmr(list(zip(months, values)), better=KPIS[kpi]["better"], target=target, kpi=kpi)
    return replace(pack, spc=FrozenMap({**pack.spc, kpi: chart}))


def symbols(svg: str) -> list[tuple[str, str]]:
    """(fill, path d) of every point-mark symbol in an SVG written by vl-convert."""
    root = parse(svg)
    found = []
    for group in root.iter(f"{SVG_NS}g"):
        if "mark-symbol" in (group.get("class") or "") and "role-legend" not in (group.get("class") or ""):
            found += [(p.get("fill"), p.get("d")) for p in group.iter(f"{SVG_NS}path")]
    return found


# --- every chart ------------------------------------------------------------------------------------


def test_every_expected_chart_is_drawn(tiny_charts):
    expected = (
        {f"spc_{k}" for k in ("mean_weeks", "median_weeks", "pct_within_26", "open_over_52", "mean_fcmh")}
        | {f"spark_{k}" for k in KPI_IDS}
        | {"duration_bands", "open_age", "local_authority", "driver_prevalence"}
    )
    assert expected <= set(tiny_charts)
    assert all(chart.id == key for key, chart in tiny_charts.items())


def test_each_svg_is_xml_with_its_alt_text_as_first_child_title(tiny_charts):
    for chart in tiny_charts.values():
        root = parse(chart.svg)
        assert root.tag == f"{SVG_NS}svg", chart.id
        assert root.get("role") == "img", chart.id
        first = root[0]
        assert first.tag == f"{SVG_NS}title", chart.id
        assert first.text == chart.alt, chart.id
        # Sized and scalable: finite width and height, and a viewBox to scale from.
        width, height = float(root.get("width")), float(root.get("height"))
        assert 0 < width <= 700 and 0 < height < 1000, (chart.id, width, height)
        assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}", chart.id


def test_no_chart_fetches_anything_or_names_another_font(tiny_charts):
    for chart in tiny_charts.values():
        assert "http://" not in chart.svg.replace("http://www.w3.org/", "") and "https://" not in chart.svg, chart.id
        fonts = set(re.findall(r'font-family="([^"]*)"', chart.svg))
        assert fonts <= {FONT}, (chart.id, fonts)


def test_sizes_fit_the_page_and_the_tile(tiny_charts):
    assert any(k.startswith("spark_") for k in tiny_charts) and any(not k.startswith("spark_") for k in tiny_charts)
    for key, chart in tiny_charts.items():
        root = parse(chart.svg)
        if key.startswith("spark_"):
            assert (root.get("width"), root.get("height")) == ("120", "32"), key
        elif key.startswith("spc_"):
            # Drawn at the width of the trend column it is printed in (77% of 180 mm), so its text
            # prints at its own size (issue 22: at 640 px, shrunk, it printed at 6.1 pt).
            assert root.get("width") == "520", key
        else:
            assert root.get("width") == "640", key


def test_every_spec_is_valid_vega_lite(tiny_pack):
    # The pack builds specs without Altair's (slow) validation, so check them against the schema here.
    from lfjb.charts.phone import phone_chart_specs

    schema = load_schema()
    specs = pack_chart_specs(tiny_pack) + phone_chart_specs(tiny_pack)
    assert len(specs) >= 16, "every chart of the pack, and every phone variant, is checked"
    for spec in specs:
        validate_jsonschema(spec.vega_lite(), schema)


def test_altair_checks_again_after_the_specs_are_built(tiny_pack):
    """The specs are built without Altair's check of each object (lfjb.charts.chart.unchecked_by_altair);
    a caller's own Altair code afterwards is checked as usual."""
    import altair as alt
    from altair.utils import schemapi

    from lfjb.charts.phone import phone_chart_specs

    pack_chart_specs(tiny_pack)
    phone_chart_specs(tiny_pack)
    assert schemapi.DEBUG_MODE is True
    with pytest.raises(Exception, match="labelAngel"):
        alt.Axis(labelAngel=0)


def test_data_uri_holds_the_svg(tiny_charts):
    chart = tiny_charts["spc_mean_weeks"]
    prefix = "data:image/svg+xml;base64,"
    uri = chart.data_uri()
    assert uri.startswith(prefix)
    assert base64.b64decode(uri[len(prefix) :]).decode("utf-8") == chart.svg


# --- words ------------------------------------------------------------------------------------------


def test_alt_texts_state_the_latest_value(tiny_charts):
    # The tiny board's March 2025 disposals: C1 182 days, C2 183 days, C5 38 days;
    # mean (182 + 183 + 38) / 3 / 7 = 19.19 weeks.
    assert "19.2 weeks" in tiny_charts["spc_mean_weeks"].alt
    assert "19.2 weeks" in tiny_charts["spark_mean_weeks"].alt
    assert "19.2 weeks" in tiny_charts["spc_mean_weeks"].title
    # C1 (exactly 182 days) and C5 are within 26 weeks: 2 of 3.
    # Percentages are whole wherever a figure is shown (tiles, headlines, charts): 66.7% reads 67%.
    assert "67%" in tiny_charts["spc_pct_within_26"].alt
    assert "Target 26 weeks" in tiny_charts["spc_mean_weeks"].alt


def test_alt_texts_are_specific_not_generic(tiny_charts):
    alts = [chart.alt for chart in tiny_charts.values()]
    assert len(set(alts)) == len(alts), "two charts share a text alternative"
    for chart in tiny_charts.values():
        assert len(chart.alt) > 60 and re.search(r"\d", chart.alt), chart.id
        assert chart.alt.strip().lower() not in {"chart", "graph", "image", "sparkline"}
        assert chart.title and chart.title != chart.alt


def test_a_single_month_says_there_are_no_limits(tiny_charts, tiny_pack):
    # The tiny board has one month with a value: SPC has no moving range, so no limits.
    assert tiny_pack.spc["mean_weeks"].points[-1].lower is None
    assert "too few months" in tiny_charts["spc_mean_weeks"].title
    spec = next(s for s in pack_chart_specs(tiny_pack) if s.id == "spc_mean_weeks")
    assert not [r for r in spec.datasets["lines"] if r["series"] == "Process limits"]
    assert "Process limits" not in tiny_charts["spc_mean_weeks"].svg


def test_a_provisional_chart_says_so(tiny_pack):
    # Six months with values (fewer than 12): limits are computed but provisional.
    values = [None] * 18 + [30.0, 32.0, 31.0, 29.0, 33.0, 30.0]
    chart = render_chart(spc_spec(with_spc(tiny_pack, "mean_weeks", values), "mean_weeks"))
    assert "provisional" in chart.title
    assert "provisional" in chart.alt
    assert "Provisional limits: only 6 months of data" in chart.svg


# --- special cause ----------------------------------------------------------------------------------


def test_special_cause_points_get_their_own_marker_shape(tiny_pack):
    # 16 months alternating 38 and 34, then 8 months at 30: centre (8*38 + 8*34 + 8*30) / 24 = 34.
    # The 34s sit on the centre and break every run, so the first 16 are common cause; the last 8 are
    # a run of 8 below the centre (a shift: 7 or more), special cause improvement as lower is better.
    # No limit or 2-of-3 signal: MR-bar = (16 * 4) / 23 = 2.78, limits 34 +/- 7.4, two-sigma
    # band 34 +/- 4.93 (38 and 30 both inside it).
    values = [38.0, 34.0] * 8 + [30.0] * 8
    pack = with_spc(tiny_pack, "mean_weeks", values)
    types = [p.type for p in pack.spc["mean_weeks"].points]
    assert types == ["common_cause"] * 16 + ["special_cause_improvement"] * 8

    spec = spc_spec(pack, "mean_weeks")
    marker_layer = next(layer for layer in spec.spec["layer"] if layer["mark"]["type"] == "point")
    shape = marker_layer["encoding"]["shape"]["scale"]
    shapes = dict(zip(shape["domain"], shape["range"]))
    assert shapes["Unusual: better"] == SPC_SHAPES["special_cause_improvement"] == "diamond"
    assert shapes["Usual variation"] == SPC_SHAPES["common_cause"] == "circle"
    rows = {r["variation"] for r in spec.datasets["points"][-8:]}
    assert rows == {"Unusual: better"}

    # ...and in the SVG itself the improvement markers are drawn with a different path from the rest.
    chart = render_chart(spec)
    marks = symbols(chart.svg)
    improvement = {d.split("M", 1)[1][:12] for fill, d in marks if fill == SPC_COLOURS["special_cause_improvement"]}
    common = {d.split("M", 1)[1][:12] for fill, d in marks if fill == SPC_COLOURS["common_cause"]}
    assert sum(1 for fill, _ in marks if fill == SPC_COLOURS["special_cause_improvement"]) == 8
    assert improvement and common and not improvement & common
    assert "an improvement" in chart.title


def test_spc_colours_reach_non_text_contrast():
    # WCAG 2.2 1.4.11: graphical objects at least 3:1 against the white page.
    for colour in [*SPC_COLOURS.values(), SPC_TARGET]:
        assert contrast_ratio(colour) >= 3.0, colour
    # Making Data Count's own orange would not (1.8:1); that is why it is darkened.
    assert contrast_ratio("#fab428") < 3.0


def test_main_colour_uses_the_board_colour_only_when_it_is_legible():
    assert main_colour({"primary_colour": "#1d4f91"}) == "#1d4f91"
    assert main_colour({"primary_colour": "#ffe600"}) == "#0072B2"  # yellow on white: 1.2:1
    assert main_colour({"primary_colour": "navy; background:url(x)"}) == "#0072B2"
    assert main_colour(None) == "#0072B2"


# --- gaps -------------------------------------------------------------------------------------------


def test_a_month_with_no_value_is_a_gap_in_the_sparkline_not_a_zero(tiny_pack):
    tile = tiny_pack.kpi_tiles["mean_weeks"]
    values = [40.0, 42.0, 41.0, 43.0, 44.0, 42.0, None, 38.0, 39.0, 40.0, 37.0, 36.0, 35.0]
    tile = replace(tile, sparkline=tuple(replace(row, value=value) for row, value in zip(tile.sparkline, values)))
    pack = replace(tiny_pack, kpi_tiles=FrozenMap({**tiny_pack.kpi_tiles, "mean_weeks": tile}))
    spec = sparkline_spec(pack, "mean_weeks")
    assert spec.datasets["sparkline"][6]["y"] is None
    chart = render_chart(spec)
    root = parse(chart.svg)
    lines = [
        p.get("d") for g in root.iter(f"{SVG_NS}g") if "mark-line" in (g.get("class") or "") for p in g.iter(f"{SVG_NS}path")
    ]
    assert len(lines) == 1
    # One path in two pieces (two "M" moves): broken at the empty month, not dipping to zero.
    assert lines[0].count("M") == 2
    # Every vertex stays within the 32 px tile (a zero would sit far below a 35-44 week scale).
    ys = [float(y) for y in re.findall(r"[ML][\d.]+,([\d.]+)", lines[0])]
    assert ys and max(ys) <= 32
    assert "1 month has no value" in chart.alt


def test_empty_months_stay_on_the_spc_axis_as_gaps(tiny_pack):
    spec = spc_spec(tiny_pack, "mean_weeks")
    values = spec.datasets["values"]
    assert len(values) == 24
    assert [r["y"] for r in values[:-1]] == [None] * 23
    assert values[-1]["y"] == pytest.approx(19.190476, abs=1e-5)
    assert "23 months have no value" in spec.alt


# --- user text --------------------------------------------------------------------------------------


def test_user_text_is_escaped_in_the_svg(tiny_pack):
    drivers = replace(tiny_pack.drivers, labels=FrozenMap({**tiny_pack.drivers.labels, "court_capacity": "Court <script>alert(1)</script> & co"}))
    first = replace(tiny_pack.by_local_authority[0], local_authority="Bath & <b>North East</b> Somerset")
    pack = replace(tiny_pack, drivers=drivers, by_local_authority=(first, *tiny_pack.by_local_authority[1:]))
    for spec in (driver_prevalence_spec(pack), local_authority_spec(pack)):
        chart = render_chart(spec)
        root = parse(chart.svg)  # well-formed: nothing unescaped broke the XML
        assert "<script" not in chart.svg and "<b>" not in chart.svg
        assert root[0].text == chart.alt
        texts = [t.text for t in root.iter(f"{SVG_NS}text")]
        assert "Court <script>alert(1)</script> & co" in texts or "Bath & <b>North East</b> Somerset" in texts
    assert "&lt;script&gt;" in render_chart(driver_prevalence_spec(pack)).svg


def test_accessible_svg_escapes_the_alt_text():
    svg = accessible_svg('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>', 'A & B <c> "d"')
    root = parse(svg)
    assert root[0].text == 'A & B <c> "d"'
    assert "<title>A &amp; B &lt;c&gt;" in svg


# --- drivers ----------------------------------------------------------------------------------------


def test_a_driver_gap_is_outlined_and_labelled_not_coloured_alone(tiny_pack):
    gap = DriverGap(driver="court_capacity", label="Court capacity", cases=2, share=66.7, initiatives=())
    pack = replace(tiny_pack, drivers=replace(tiny_pack.drivers, gaps=(gap,)))
    spec = driver_prevalence_spec(pack)
    rows = {r["name"]: r for r in spec.datasets["bars"]}
    assert rows["Court capacity"]["gap"] and rows["Court capacity"]["label"].endswith("no open action")
    assert not rows["PLO tracking issues"]["gap"]
    # Sorted by share, most cited first.
    shares = [r["value"] for r in spec.datasets["bars"]]
    assert shares == sorted(shares, reverse=True)
    chart = render_chart(spec)
    assert "no open action" in chart.svg and "no open action" in chart.title
    # The gap bar is drawn white with a dashed outline.
    bars = [p for g in parse(chart.svg).iter(f"{SVG_NS}g") if "mark-rect" in (g.get("class") or "") for p in g.iter(f"{SVG_NS}path")]
    dashed = [b for b in bars if b.get("stroke-dasharray") not in (None, "1,0")]
    assert len(dashed) == 1 and dashed[0].get("fill") == "white"


# --- conversion -------------------------------------------------------------------------------------


def test_charts_are_converted_once(tiny_pack):
    pack_charts(tiny_pack)
    before = _svg_of_key.cache_info()
    again = pack_charts(tiny_pack)
    after = _svg_of_key.cache_info()
    assert after.misses == before.misses
    assert after.hits - before.hits == len(again)


def test_a_pack_with_nothing_to_show_still_draws_every_chart(tiny_pack):
    # No month with a value, no disposals, no open cases, no local authority with a duration.
    pack = with_spc(tiny_pack, "mean_weeks", [None] * 24)
    tile = pack.kpi_tiles["mean_weeks"]
    tile = replace(tile, sparkline=tuple(replace(row, value=None) for row in tile.sparkline))
    pack = replace(
        pack,
        kpi_tiles=FrozenMap({**pack.kpi_tiles, "mean_weeks": tile}),
        duration_bands=tuple(replace(band, cases=0, children=0, share=None) for band in pack.duration_bands),
        open_age_profile=tuple(replace(band, cases=0, children=0, share=None) for band in pack.open_age_profile),
        by_local_authority=tuple(replace(la, rolling_12=replace(la.rolling_12, mean_weeks=None)) for la in pack.by_local_authority),
        drivers=replace(pack.drivers, share=FrozenMap({d: None for d in pack.drivers.share}),
                        window=replace(pack.drivers.window, cases_disposed=0)),
    )
    charts = pack_charts(pack)
    for key in ("spc_mean_weeks", "spark_mean_weeks", "duration_bands", "open_age", "local_authority", "driver_prevalence"):
        root = parse(charts[key].svg)
        assert 0 < float(root.get("height")) < 1000, key
    assert "no month" in charts["spc_mean_weeks"].title
    assert "No cases were disposed" in charts["duration_bands"].title
    assert "No cases were open" in charts["open_age"].title
    assert "no cases disposed" in charts["local_authority"].alt


# --- phone variants (lfjb/charts/phone.py; issue 11, item 15) -------------------------------------------------


def test_every_figure_has_a_phone_variant_with_large_text(tiny_pack, tiny_charts):
    """Drawn NARROW_WIDTH wide with no text under PHONE_TEXT px, so on a 390 px phone (shown at about
    its own size) the text is at least 12 px; the A4 chart there would be shrunk to about 5 px."""
    from lfjb.charts.phone import phone_charts
    from lfjb.charts.style import NARROW_WIDTH, PHONE_TEXT

    phone = phone_charts(tiny_pack)
    figures = {i for i in tiny_charts if not i.startswith("spark_")}
    assert set(phone) == {f"{i}_narrow" for i in figures}
    for chart_id, chart in phone.items():
        root = parse(chart.svg)
        assert float(root.get("width")) <= NARROW_WIDTH + 40, f"{chart_id} is {root.get('width')} px wide"
        sizes = [float(m) for m in re.findall(r'font-size="([\d.]+)', chart.svg)]
        sizes += [float(m) for m in re.findall(r"font-size:\s*([\d.]+)px", chart.svg)]
        assert sizes and min(sizes) >= PHONE_TEXT, f"{chart_id}: text of {min(sizes)} px"
        assert chart.alt == tiny_charts[chart_id.removesuffix("_narrow")].alt


def test_phone_variants_are_built_without_building_the_page_charts(tiny_pack, monkeypatch):
    """The phone variants come from the same list of figures as the page's (lfjb.charts.figure_specs),
    drawn narrow; no chart is built wide only to learn its id (that cost as much as the phone charts)."""
    import lfjb.charts as charts
    from lfjb.charts.bars import NARROW
    from lfjb.charts.phone import phone_chart_specs

    wide_ids = {f"{s.id}_narrow" for s in pack_chart_specs(tiny_pack) if not s.id.startswith("spark_")}
    layouts = []

    def counting(builder):
        def build(pack, *args):
            layouts.append((builder.__name__, args[0] if args else None))
            return builder(pack, *args)
        return build

    for name in ("duration_bands_spec", "open_age_spec", "local_authority_spec", "driver_prevalence_spec",
                 "case_progression_specs", "journey_specs", "sparkline_spec"):
        monkeypatch.setattr(charts, name, counting(getattr(charts, name)))
    assert {s.id for s in phone_chart_specs(tiny_pack)} == wide_ids
    assert len(layouts) == 6 and all(layout is NARROW for _, layout in layouts), layouts


def test_phone_bar_chart_wraps_long_driver_names(tiny_pack):
    """On a phone the longest driver name is drawn on several lines, each whole, none cut short."""
    from lfjb.charts.bars import LINE_BREAK, NARROW

    spec = driver_prevalence_spec(tiny_pack, NARROW)
    longest = next(r["name"] for r in spec.datasets["bars"] if r["name"].startswith("Availability"))
    lines = longest.split(LINE_BREAK)
    assert " ".join(lines) == "Availability and frequency of expert assessments usage"
    width = int(NARROW.name_limit / NARROW.name_px)
    assert len(lines) > 1 and all(len(line) <= width for line in lines)
    svg = render_chart(spec).svg
    assert all(f">{line}<" in svg for line in lines) and "…" not in svg


def test_phone_case_progression_axes_label_fewer_shorter_ticks():
    """On a phone the quarters read "Q1" with the financial year under each year's first quarter
    shown, and the case tracker's ages every 13 weeks, with "80+" in place of 78 (too close to it)."""
    from lfjb.charts.case_progression import _phone_ages, _short_quarters

    quarters = ["2023-24 Q3", "2023-24 Q4", "2024-25 Q1", "2024-25 Q2"]
    assert _short_quarters(quarters) == {
        "2023-24 Q3": ["Q3", "2023-24"], "2023-24 Q4": "Q4", "2024-25 Q1": ["Q1", "2024-25"], "2024-25 Q2": "Q2",
    }
    assert _phone_ages(82.0) == [0, 13, 26, 39, 52, 65, 80]
    assert _phone_ages(58.0) == [0, 13, 26, 39, 52]


# --- the case tracker's age chart (lfjb/charts/case_progression.py) ----------------------------------------


def with_age_profile(pack, bands: list[tuple[int, int | None, int, int, int]]):
    """A copy of `pack` whose case tracker has these age bands: (from, to or None for the open-ended
    last band, red, amber, green)."""
    profile = tuple(TrackerAgeBin(from_weeks=start, to_weeks=stop, red=red, amber=amber, green=green)
                    for start, stop, red, amber, green in bands)
    return replace(pack, case_tracker=replace(pack.case_tracker, age_profile=profile))


def svg_texts(group: ET.Element) -> list[ET.Element]:
    return list(group.iter(f"{SVG_NS}text"))


def translate(element: ET.Element) -> tuple[float, float]:
    x, y = re.match(r"translate\(([-\d.]+),([-\d.]+)\)", element.get("transform")).groups()
    return float(x), float(y)


def text_box(text: ET.Element) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a one-line <text>, its width estimated generously from its
    characters (DejaVu Sans averages about 0.6 em a character)."""
    x, baseline = translate(text)
    size = float(text.get("font-size").removesuffix("px"))
    width = len(text.text) * size * 0.7
    left = {"start": x, "middle": x - width / 2, "end": x - width}[text.get("text-anchor", "start")]
    return left, baseline - size, left + width, baseline + size * 0.25


def rect_box(path: ET.Element) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a rect mark drawn as the path "M x,y h w v h h -w Z"."""
    x, y, w, h = (float(v) for v in re.match(r"M([-\d.]+),([-\d.]+)h([-\d.]+)v([-\d.]+)h", path.get("d")).groups())
    return min(x, x + w), min(y, y + h), max(x, x + w), max(y, y + h)


# Tall bars either side of 26 weeks (each the tallest, so it reaches the top of the plot) and the
# open-ended "80+" band: the zones' names must stay readable over them.
TALL_ZONE_BANDS = [(0, 2, 0, 0, 3), (20, 22, 0, 9, 0), (24, 26, 0, 9, 0), (26, 28, 9, 0, 0), (30, 32, 9, 0, 0), (80, None, 9, 0, 0)]


@pytest.mark.parametrize("narrow", [False, True], ids=["desktop", "phone"])
def test_case_tracker_age_axis_draws_every_label_asked_for(tiny_pack, narrow):
    """Every age the chart asks to label is drawn: Vega thins an axis' `values` to its default tick
    count (width / 40) unless given one, which drew the desktop's every-4-weeks labels every 8."""
    from lfjb.charts.bars import NARROW, WIDE
    from lfjb.charts.case_progression import case_tracker_age_spec
    from lfjb.metrics.case_tracker import AGE_CAP_WEEKS

    for pack in (tiny_pack, with_age_profile(tiny_pack, TALL_ZONE_BANDS)):
        spec = case_tracker_age_spec(pack, NARROW if narrow else WIDE)
        asked = next(layer["encoding"]["x"]["axis"]["values"] for layer in spec.spec["layer"]
                     if "axis" in layer["encoding"]["x"])
        expected = [f"{a}+" if a >= AGE_CAP_WEEKS else str(a) for a in asked]
        root = parse(render_chart(spec).svg)
        x_axis = next(g for g in root.iter(f"{SVG_NS}g") if "role-axis" in (g.get("class") or "").split()
                      and any(t.text == "Weeks since the application was issued" for t in svg_texts(g)))
        labels = [t.text for g in x_axis.iter(f"{SVG_NS}g") if "role-axis-label" in (g.get("class") or "")
                  for t in svg_texts(g)]
        assert labels == expected
        if not narrow:
            assert asked[:3] == [0, 4, 8]  # the desktop labels every 4 weeks


@pytest.mark.parametrize("narrow", [False, True], ids=["desktop", "phone"])
def test_case_tracker_zone_names_are_not_covered_by_bars(tiny_pack, narrow):
    """The zones' names are drawn where no bar can reach (above the plot), so a tall bar in the amber
    or red zone cannot hide them (they were at the top inside the plot, under the bars)."""
    from lfjb.charts.bars import NARROW, WIDE
    from lfjb.charts.case_progression import case_tracker_age_spec
    from lfjb.colours import RAG_COLOURS

    spec = case_tracker_age_spec(with_age_profile(tiny_pack, TALL_ZONE_BANDS), NARROW if narrow else WIDE)
    root = parse(render_chart(spec).svg)
    marks = [g for g in root.iter(f"{SVG_NS}g") if "role-mark" in (g.get("class") or "").split()]
    names = [t for g in marks if "mark-text" in g.get("class") for t in svg_texts(g)]
    bars = [rect_box(p) for g in marks if "mark-rect" in g.get("class")
            for p in g.iter(f"{SVG_NS}path") if p.get("fill") in RAG_COLOURS.values()]
    assert {t.text for t in names} >= {"Red zone: past 26 weeks"} and len(names) == 2
    assert len(bars) == len(TALL_ZONE_BANDS)
    plot_top = min(top for _, top, _, _ in bars)  # the tallest bars reach the top of the plot
    for name in names:
        left, top, right, bottom = text_box(name)
        assert bottom <= plot_top, f"{name.text!r} reaches {bottom - plot_top:.0f} px into the plot"
        covered = [b for b in bars if left < b[2] and b[0] < right and top < b[3] and b[1] < bottom]
        assert not covered, f"{name.text!r} is under a bar"


def test_every_chart_names_what_it_plots_and_its_months(tiny_charts):
    """Issue 22: each chart's subject line (printed above it) says what is plotted and over which
    months; a sparkline sits in a tile that names it and has none."""
    month_year = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b")
    for key, chart in tiny_charts.items():
        if key.startswith("spark_"):
            assert chart.subject == "", key
        else:
            assert month_year.search(chart.subject) or re.search(r"Q\d \d{4}-\d{2}", chart.subject), (key, chart.subject)
    # Known answers for March 2025: twelve months back from the reporting month, 24 on a trend chart.
    assert tiny_charts["local_authority"].subject == "Average duration of the cases disposed of, by local authority, April 2024 to March 2025"
    assert tiny_charts["spc_mean_weeks"].subject == "Average duration (weeks), month by month, April 2023 to March 2025"


def test_no_chart_draws_a_number_that_is_not_one(tiny_charts):
    """The tiny board's trend charts have a target and too few months for an average: a lone line
    series once got stroke-width="NaN", which WeasyPrint wrote into the PDF as an operator readers reject."""
    assert [key for key, chart in tiny_charts.items() if "NaN" in chart.svg] == []


@pytest.mark.parametrize("narrow", [False, True])
def test_spc_layers_assembled_as_altair_would(tiny_pack, narrow):
    # spc_chart._layered builds the layered spec from the layers' own dicts (Altair deep-copies the
    # whole chart at each call); the result is the dict Altair's own calls give.
    import altair as alt

    import lfjb.charts.spc_chart as spc_chart

    def altair_layered(layers, resolve, props):
        props = {**props, **({"title": alt.Title(**props["title"])} if "title" in props else {})}
        return alt.layer(*layers).resolve_scale(**resolve).properties(**props).to_dict(validate=False)

    pack = copy.deepcopy(tiny_pack)
    pack.spc["mean_weeks"].provisional = True  # a note above the plot: the spec has a title
    for kpi in pack.spc:
        ours = spc_spec(pack, kpi, narrow).spec
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(spc_chart, "_layered", altair_layered)
            theirs = spc_spec(pack, kpi, narrow).spec
        assert ours == theirs
        assert [layer["mark"]["type"] for layer in ours["layer"]][:2] in (["line", "line"], ["line", "point"])
    assert "title" in spc_spec(pack, "mean_weeks", narrow).spec


def test_a_count_too_coarse_for_limits_is_titled_and_described_as_such():
    # Worcester's open cases over 52 weeks (tests/metrics/test_spc.py): 0 or 1 most months, no limits set.
    from lfjb.charts.spc_chart import spc_alt, spc_title
    from lfjb.metrics.spc import xmr
    from lfjb.month import Month

    months = [Month(2023, 4).shift(i) for i in range(24)]
    chart = xmr(list(zip(months, [1, 2, 1] + [0] * 13 + [1] + [0] * 5 + [1, 1])), better="lower", kpi="open_over_52")
    assert spc_title("open_over_52", chart, "2025-03").endswith(": too few cases a month to set limits")
    alt = spc_alt("open_over_52", chart, [str(m) for m in months])
    assert "too few cases from month to month to set them" in alt and "single month" not in alt


def test_every_channel_is_given_as_an_altair_object(tiny_pack, monkeypatch):
    """A channel given as text ("label:N") or a dict makes Altair look its class up by hashing every
    schema it has (a millisecond or more each time; 51 times a pack, a tenth of the specs' time): the
    chart modules give alt.Text("label:N"), alt.X2(...) and the like instead. The specs are the same."""
    import altair.utils.core as altair_core

    from lfjb.charts.phone import phone_chart_specs

    wrap = altair_core._ChannelCache._wrap_in_channel
    given_as_text: list[tuple[str, object]] = []

    def spy(self, obj, encoding):  # noqa: ANN001, ANN202 - Altair's own signature
        if not isinstance(obj, (altair_core.SchemaBase, list, tuple)):
            given_as_text.append((encoding, obj))
        return wrap(self, obj, encoding)

    monkeypatch.setattr(altair_core._ChannelCache, "_wrap_in_channel", spy)
    pack_chart_specs(tiny_pack) + phone_chart_specs(tiny_pack)
    assert given_as_text == []
