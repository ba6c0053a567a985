"""The HTML summary (lfjb/render/html.py) and its presentation helpers (lfjb/render/view.py).

Parsed with html5lib, as a browser would: language, title, one h1, headings in order, tables with
captions and scoped headers, no scripts, no URL that leaves the file, user text escaped.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import html5lib
import pytest

from lfjb.inputs import load_board
from lfjb.month import Month
from lfjb.pack import build_pack
from lfjb.render import view
from lfjb.render.html import render_html

TINY = Path(__file__).parent.parent / "fixtures" / "tiny" / "tiny.yaml"
SCRIPT_TITLE = "<script>alert(1)</script>"
URL_ATTRIBUTES = ("src", "href", "{http://www.w3.org/1999/xlink}href", "xlink:href", "action", "poster", "data", "srcset")


@pytest.fixture(scope="module")
def pack():
    return build_pack(load_board(TINY), Month(2025, 3))


@pytest.fixture(scope="module")
def marked_pack(pack):
    """The tiny pack with action A1's title replaced by markup, as a hostile action log might hold."""
    marked = copy.deepcopy(pack)
    for key in ("overdue", "open_list", "due_soon", "stale"):
        for row in marked.actions[key]:
            if row["id"] == "A1":
                row["title"] = SCRIPT_TITLE
    return marked


@pytest.fixture(scope="module")
def html_text(marked_pack) -> str:
    return render_html(marked_pack)


@pytest.fixture(scope="module")
def doc(html_text):
    return html5lib.parse(html_text, namespaceHTMLElements=False)


def _text(element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def test_language_and_title(doc, html_text):
    assert html_text.startswith("<!DOCTYPE html>")
    assert doc.get("lang") == "en-GB"
    titles = doc.findall(".//head/title")
    assert len(titles) == 1
    assert _text(titles[0]) == "Tiny Test Local Family Justice Board: summary for March 2025"


def test_one_h1_and_no_heading_level_skipped(doc):
    levels = [int(el.tag[1]) for el in doc.iter() if isinstance(el.tag, str) and re.fullmatch(r"h[1-6]", el.tag)]
    assert levels.count(1) == 1
    assert levels[0] == 1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"heading jumps from h{before} to h{after}"


def test_landmarks(doc):
    body = doc.find("body")
    assert len(body.findall(".//main")) == 1
    assert body.find("header") is not None and body.find("footer") is not None
    # The protective marking is in the header and the footer, as text.
    assert "OFFICIAL-SENSITIVE" in _text(body.find("header"))
    assert "OFFICIAL-SENSITIVE" in _text(body.find("footer"))


def test_every_table_has_caption_and_scoped_headers(doc):
    tables = doc.findall(".//table")
    assert len(tables) >= 6
    for table in tables:
        caption = table.find("caption")
        assert caption is not None and _text(caption), "a table has no caption"
        headers = table.findall(".//th")
        assert headers, f"table {_text(caption)!r} has no header cells"
        for th in headers:
            assert th.get("scope") in ("col", "row", "colgroup", "rowgroup"), f"th without scope in {_text(caption)!r}"
        assert any(th.get("scope") == "col" for th in headers)


def test_scrolling_tables_are_focusable_labelled_regions(doc):
    for wrap in doc.findall(".//div[@class='table-wrap']"):
        assert wrap.get("role") == "region"
        assert wrap.get("tabindex") == "0"
        label = wrap.get("aria-labelledby")
        assert label and doc.find(f".//*[@id='{label}']") is not None


def test_no_scripts_and_no_urls_leaving_the_file(doc, html_text):
    assert doc.findall(".//script") == []
    assert doc.findall(".//link") == []
    assert doc.findall(".//iframe") == [] and doc.findall(".//object") == []
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name in URL_ATTRIBUTES or name.endswith("href"):
                assert value.startswith("#"), f"<{element.tag} {name}={value!r}> points outside the file"
        style = element.get("style", "")
        assert "url(" not in style
    for style in doc.findall(".//style"):
        css = _text(style)
        assert "@import" not in css and "url(" not in css and "@font-face" not in css
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:|//|file:)", html_text)


def test_action_title_markup_is_escaped_text(doc, html_text):
    assert SCRIPT_TITLE not in html_text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_text
    # It shows as the literal text a secretariat typed.
    assert any(SCRIPT_TITLE in _text(th) for th in doc.findall(".//th"))


def test_opens_with_headlines_and_tiles(doc, pack):
    main = doc.find(".//main")
    headings = [_text(h) for h in main.iter() if isinstance(h.tag, str) and h.tag in ("h2",)]
    assert headings[:2] == ["Summary", "Measures at a glance"]
    text = _text(main)
    for headline in pack.headlines:
        assert headline["text"] in text
    tiles = main.findall(".//article")
    assert len(tiles) == 12
    first = _text(tiles[0])
    # Average duration 19.2 weeks against a target of 26: on target, said in words with a shape.
    assert first.startswith("Average duration 19.2 weeks")
    assert "On target" in first and "Target 26.0 weeks" in first


def test_charts_are_inline_svg_with_role_and_label(doc):
    svgs = [el for el in doc.iter() if el.tag in ("svg", "{http://www.w3.org/2000/svg}svg") and el.get("class") != "icon"]
    charts = [s for s in svgs if s.get("role") == "img"]
    assert len(charts) >= 12
    for svg in charts:
        label = svg.get("aria-label", "")
        assert len(label.split()) >= 5, f"chart label too thin: {label!r}"
    # lfjb's own icons are decoration beside words that say the same.
    icons = [el for el in doc.iter() if el.get("class") == "icon"]
    assert icons and all(i.get("aria-hidden") == "true" for i in icons)


def test_ids_are_unique(doc):
    ids = [el.get("id") for el in doc.iter() if isinstance(el.tag, str) and el.get("id")]
    assert len(ids) == len(set(ids))


def test_print_and_narrow_screen_styles(html_text):
    assert "@media print" in html_text
    assert "@media (max-width:" in html_text
    assert 'name="viewport"' in html_text


# --- presentation helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "unit", "shown"), [
    (29.54285714285714, "weeks", "29.5"),
    (66.66666666666667, "%", "67%"),
    (1234, "cases", "1,234"),
    (None, "weeks", "–"),
    (5.0, "hearings", "5.0"),
])
def test_kpi_value_rounds_for_display_only(value, unit, shown):
    assert view.kpi_value(value, unit) == shown


def test_change_words():
    assert view.kpi_change(2.4773, "weeks") == "+2.5 weeks"
    assert view.kpi_change(-6.2, "%") == "−6 points"
    assert view.kpi_change(0.01, "weeks") == "no change"
    assert view.kpi_change(None, "cases") == "–"
    assert view.money(18_500_000) == "£18.5 million"
    assert view.money(376_529.41) == "£376,529"
    assert view.long_date("2024-09-26") == "26 September 2024"


def test_contrast_is_computed_to_wcag():
    # WCAG 2.2 worked values: black on white is 21:1; GOV.UK blue #1d70b8 on white is about 5.17:1.
    assert view.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert view.contrast_ratio("#1d70b8", "#ffffff") == pytest.approx(5.17, abs=0.01)


@pytest.mark.parametrize("primary", ["#ffdd00", "#f0f0f0", "#00a3e0", "#1d4f91", "#1b3a5c", "#8a8a8a"])
def test_board_colours_always_give_readable_text(primary):
    theme = view.board_theme({"primary_colour": primary, "accent_colour": "#ffbf47"})
    assert view.contrast_ratio(theme.on_primary, theme.primary) >= 4.5
    assert view.contrast_ratio(theme.primary_ink, "#ffffff") >= 4.5
    assert view.contrast_ratio(theme.accent_ink, "#ffffff") >= 4.5


def test_light_primary_gets_dark_text():
    theme = view.board_theme({"primary_colour": "#ffdd00"})
    assert theme.on_primary == view.INK
    assert view.board_theme({"primary_colour": "#1d4f91"}).on_primary == "#ffffff"


def test_only_hex_colours_reach_css():
    theme = view.board_theme({"primary_colour": "red;} body{background:url(http://x)}", "accent_colour": None})
    assert theme.primary == view.DEFAULT_PRIMARY
    assert "url(" not in theme.css()


def test_light_board_colour_renders_dark_masthead_text(pack):
    light = copy.deepcopy(pack)
    light.board["branding"]["primary_colour"] = "#ffdd00"
    html_text = render_html(light)
    assert f"--on-primary:{view.INK}" in html_text


def test_heat_levels():
    assert view.heat_level(0, 5) == 0
    assert view.heat_level(None, 5) == 0
    assert view.heat_level(1, 5) == 1
    assert view.heat_level(5, 5) == 4
    assert view.heat_level(1, 1) == 4
    for level in range(5):
        background, colour = re.findall(r"#[0-9a-f]{6}", view.heat_style(level))
        assert view.contrast_ratio(background, colour) >= 4.5


def test_template_lookup_prefers_the_installed_package_folder():
    folders = view.template_dirs()
    assert folders and (folders[0] / "pack.html").is_file() and (folders[0] / "summary_page.html").is_file()
    assert view.environment().autoescape("x.html") is True


def test_actions_grouped_overdue_first(pack):
    groups = view.actions_by_sub_group(pack.actions, pack.board["sub_groups"])
    assert [g["id"] for g in groups] == ["pre-proceedings", "court"]
    first = groups[0]["attention"][0]
    assert first["action"]["id"] == "A1" and first["reasons"][0] == "Overdue"
    court = groups[1]["attention"][0]
    assert court["action"]["id"] == "A2" and "Overdue" in court["reasons"]
