"""The national comparison on paper at its real size, 43 boards (issue 13): nothing past the margins, no
heading or caption left at the foot of a page, no near-empty page, every board on every board-per-row
table.

The 43 boards are the seven sample packs copied to every DFJ area (names, slugs, areas and regions from
lfjb/data/dfj_areas.csv), so the test needs no generator run and takes seconds.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from pdf_layout import page_fill, small_text, text_outside
from test_print_layout import NEAR_EMPTY, _cells, _classes, _leaves, _tables, page_endings, page_margins_mm, stranded_heading_groups

from lfjb.dfj import dfj_areas
from lfjb.inputs import load_board
from lfjb.month import Month
from lfjb.pack import build_pack
from lfjb.render.files import json_text
from lfjb.render.templates import templates_dir

REPO = Path(__file__).resolve().parents[2]
MONTH = Month(2025, 3)


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@pytest.fixture(scope="module")
def packs_43(tmp_path_factory) -> Path:
    """A folder of 43 boards' pack files: the seven sample packs copied to every DFJ area."""
    samples = [json.loads(json_text(build_pack(load_board(path), MONTH).to_json()))
               for path in sorted((REPO / "board_config").glob("*.yaml"))]
    folder = tmp_path_factory.mktemp("packs43")
    for k, area in enumerate(dfj_areas()):
        pack = copy.deepcopy(samples[k % len(samples)])
        slug = slugify(area.name)
        pack["board"].update(slug=slug, name=f"{area.name} Local Family Justice Board", dfj_area=area.name,
                             region=area.region)
        (folder / slug / str(MONTH)).mkdir(parents=True)
        (folder / slug / str(MONTH) / f"{slug}-pack-{MONTH}.json").write_text(json_text(pack), encoding="utf-8")
    return folder


def _laid_out(folder: Path, publish: bool):
    from lfjb.workflows.compare import compare_model
    from lfjb.charts.comparison import comparison_charts
    from lfjb.render.comparison import comparison_html_for_pdf
    from lfjb.render.pdf import PDF_OPTIONS, layout

    model = compare_model(MONTH, None, REPO / "board_config", from_packs=folder, publish=publish)
    html = comparison_html_for_pdf(model, comparison_charts(model))
    document = layout(html)
    return document, document.write_pdf(**PDF_OPTIONS), model


@pytest.fixture(scope="module")
def comparison_43(packs_43):
    """(document, pdf bytes, model) of the comparison over 43 boards, from pack files."""
    return _laid_out(packs_43, publish=False)


@pytest.fixture(scope="module")
def published_43(packs_43):
    """The same with --publish: disclosure control, and its longer note in About these figures."""
    return _laid_out(packs_43, publish=True)


MARGINS = page_margins_mm((templates_dir() / "comparison" / "comparison.css").read_text(encoding="utf-8"))


def test_the_fixture_has_43_boards(comparison_43):
    _, _, model = comparison_43
    assert len(model.boards) == 43


def test_no_text_outside_the_text_area(comparison_43):
    _, pdf, _ = comparison_43
    overflow = text_outside(pdf, left_mm=MARGINS["left"], right_mm=MARGINS["right"])
    assert overflow == [], "text outside the text area:\n" + "\n".join(map(str, overflow[:20]))


LEADS = {"h1", "h2", "h3", "h4", "caption", "figcaption"}


def stranded_leads(document) -> list[tuple[int, str, str]]:
    """(page, element, text) for each page but the last whose last line is a heading, a caption or a
    table's group heading (the league's region rows), whatever the stylesheet says: the thing it
    introduces starts overleaf."""
    found = []
    for number, page in enumerate(document.pages[:-1], start=1):
        last = None
        for last in _leaves(page._page_box):
            pass
        if last is not None:
            leaf, chain = last
            leads = [b.element_tag for b in chain if b.element_tag in LEADS or "group-heading" in _classes(b)]
            if leads:
                found.append((number, leads[-1], getattr(leaf, "text", "(image)")))
    return found


def test_no_heading_or_caption_ends_a_page(comparison_43):
    """The funnel's key once had its caption alone at the foot of the chart's page, its rows overleaf;
    the league table once ended a page on the heading row of Wales."""
    document, _, _ = comparison_43
    assert page_endings(document) == [], "pages ending on a heading or caption kept with what follows"
    assert stranded_leads(document) == [], "pages ending on a heading or caption (page, element, text)"
    assert stranded_heading_groups(document) == [], "headings and introductions ending a page, their table overleaf"


def test_page_one_ends_with_the_summary_not_a_heading(comparison_43):
    """Page 1 once ended with the league table's heading and introduction, the table overleaf."""
    document, _, _ = comparison_43
    last = None
    for last in _leaves(document.pages[0]._page_box):
        pass
    leaf, chain = last
    assert not any(b.element_tag in ("h1", "h2", "h3") for b in chain), getattr(leaf, "text", "")
    assert all(page != 1 for page, _ in stranded_heading_groups(document))


def test_no_near_empty_pages(comparison_43):
    _, pdf, _ = comparison_43
    fills = page_fill(pdf, top_mm=MARGINS["top"], bottom_mm=MARGINS["bottom"])
    thin = {page: f"{fill:.0%}" for page, fill in enumerate(fills[:-1], start=1) if fill < NEAR_EMPTY}
    assert thin == {}, f"near-empty pages (page: share of the text area used): {thin}"


def test_every_board_is_in_each_board_table(comparison_43):
    """Every board can be found: each board-per-row table, as laid out on the pages, has a row for each
    of the 43 (row headers read from the laid-out boxes, so a row lost at a page break would show)."""
    document, _, _ = comparison_43
    names = {area.name for area in dfj_areas()}
    rows: dict[str, set[str]] = {}
    for page in document.pages:
        for table in _tables(page._page_box):
            for cell, is_header in _cells(table):
                if not is_header and cell.element is not None and cell.element.tag == "th" and cell.element.get("scope") == "row":
                    text = " ".join("".join(cell.element.itertext()).split())
                    rows.setdefault(table.element.get("id"), set()).update(n for n in names if text.startswith(n))
    board_tables = {table: found for table, found in rows.items() if len(found) > 20}
    assert {"league-table", "drivers-table"} <= set(board_tables), sorted(rows)  # the funnel key: HTML only (issue 22)
    assert {table: sorted(names - found) for table, found in board_tables.items() if found != names} == {}


# --- Issue 22: a comparison that reads in ten minutes --------------------------------------------------------

MOST_PAGES = 16  # 25 before issue 22; the sample areas made by generate.py --all-dfj-areas: 16 plain and published
FULL_ENOUGH = 0.75  # a page that is not a section's last is at least three quarters full


def _starts_a_section(page) -> bool:
    """Whether the page's first text is a section heading (h1/h2), so the page before ends a section."""
    for leaf, chain in _leaves(page._page_box):
        return any(b.element_tag in ("h1", "h2") for b in chain)
    return False


def test_at_most_16_pages_at_43_boards(comparison_43):
    document, _, _ = comparison_43
    assert len(document.pages) <= MOST_PAGES


@pytest.mark.parametrize("which", ["comparison_43", "published_43"])
def test_nothing_prints_under_7_pt(which, request):
    """Issue 22's rule for every printed paper: the funnel, squeezed to 94 mm tall, printed its axes, legends and
    names at 5-5.5 pt. Its text is now drawn larger and the image a little taller, on the same 16 pages."""
    _, pdf, _ = request.getfixturevalue(which)
    small = small_text(pdf, 7.0)
    assert small == [], f"text under 7 pt (page, size, text): {small[:10]}"


def test_published_at_most_16_pages_and_no_stranded_heading(published_43):
    """With --publish the disclosure note is longer; About these figures once spilled on to a 17th page."""
    document, pdf, model = published_43
    assert model.publish
    assert len(document.pages) <= MOST_PAGES
    assert page_endings(document) == [] and stranded_leads(document) == [] and stranded_heading_groups(document) == []
    fills = page_fill(pdf, top_mm=MARGINS["top"], bottom_mm=MARGINS["bottom"])
    thin = {number: f"{fills[number - 1]:.0%}" for number in range(1, len(document.pages))
            if not _starts_a_section(document.pages[number]) and fills[number - 1] < FULL_ENOUGH}
    assert thin == {}, f"pages less than three quarters full inside a section (page: share used): {thin}"


def test_pages_are_three_quarters_full_except_section_ends(comparison_43):
    document, pdf, _ = comparison_43
    fills = page_fill(pdf, top_mm=MARGINS["top"], bottom_mm=MARGINS["bottom"])
    thin = {number: f"{fills[number - 1]:.0%}" for number in range(1, len(document.pages))
            if not _starts_a_section(document.pages[number]) and fills[number - 1] < FULL_ENOUGH}
    assert thin == {}, f"pages less than three quarters full inside a section (page: share used): {thin}"


def test_the_league_shows_differences_and_only_real_signals(comparison_43):
    _, _, model = comparison_43
    from lfjb.render.comparison import comparison_html_for_pdf

    text = comparison_html_for_pdf(model)
    league = text[text.index('id="league-table"'):text.index("</table>", text.index('id="league-table"'))]
    assert "Against all boards (weeks)" in league and "Against all boards (points)" in league
    assert "No unusual change" not in league


def test_no_trend_panel_slot_is_empty(comparison_43):
    """Every trend chart has as many columns as boards, and every board is in one."""
    _, _, model = comparison_43
    from lfjb.charts.comparison import PANEL_COLUMNS, trends_specs

    seen = []
    for spec in trends_specs(model):
        boards = sorted({r["board"] for r in spec.datasets["trend"]})
        assert spec.spec["columns"] == len(boards) <= PANEL_COLUMNS, spec.id
        seen += boards
    assert sorted(seen) == sorted(b["short_name"] for b in model.boards)
