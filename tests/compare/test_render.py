"""The comparison's HTML and PDF (lfjb/render/comparison.py, templates/comparison/): self-contained,
accessible, marked, and reading nothing from outside lfjb's templates."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pikepdf
import pytest
from compare_data import MONTH
from pypdf import PdfReader

from lfjb.charts.comparison import comparison_charts
from lfjb.workflows.compare import compare_model
from lfjb.render.comparison import render_comparison_html, render_comparison_pdf
from lfjb.render.pdf import PackURLFetcher, RefusedResource
from lfjb.render.templates import templates_dir


class _Outline(HTMLParser):
    """Headings, table headers, images, scripts and external references of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.th_without_scope = 0
        self.images: list[dict] = []
        self.scripts = 0
        self.external: list[str] = []
        self.html_lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "th" and "scope" not in a:
            self.th_without_scope += 1
        if tag == "img":
            self.images.append(a)
        if tag == "script":
            self.scripts += 1
            if a.get("src"):
                self.external.append(a["src"])
        for key in ("src", "href"):
            if a.get(key) and re.match(r"^(https?:|//|file:)", a[key]):
                self.external.append(a[key])


@pytest.fixture(scope="module")
def model(did_boards):
    return compare_model(MONTH, None, did_boards)


@pytest.fixture(scope="module")
def html(model) -> str:
    return render_comparison_html(model)


@pytest.fixture(scope="module")
def outline(html) -> _Outline:
    parser = _Outline()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def fetcher() -> PackURLFetcher:
    return PackURLFetcher([templates_dir()])


@pytest.fixture(scope="module")
def pdf_bytes(model, fetcher) -> bytes:
    return render_comparison_pdf(model, fetcher=fetcher)


@pytest.fixture(scope="module")
def pages(pdf_bytes) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf_bytes)).pages]


def test_html_is_self_contained_and_accessible(html, outline, model):
    assert outline.html_lang == "en-GB"
    assert f"<title>{model.title}</title>" in html
    assert 'name="viewport"' in html
    # One inline script sorts the league table (issue 13); nothing is fetched.
    assert outline.scripts == 1 and outline.external == []
    assert 'class="sortable"' in html and "data-sort-type" in html
    assert outline.th_without_scope == 0
    assert outline.images and all(len(img.get("alt", "").split()) > 10 for img in outline.images)
    assert all(img["src"].startswith("data:image/svg+xml") for img in outline.images)


def test_html_headings_go_down_one_level_at_a_time(outline):
    assert outline.headings[0] == 1 and outline.headings.count(1) == 1
    for before, after in zip(outline.headings, outline.headings[1:]):
        assert after <= before + 1


def test_html_carries_the_marking_and_the_sections(html):
    assert html.count("OFFICIAL-SENSITIVE") >= 2
    for heading in ("League table: 12 months to March 2025", "Funnel plot: % within 26 weeks",
                    "Delay drivers across boards", "Did the pilot work?", "What this can and cannot show"):
        assert heading in html
    assert "Trailblazer" in html and "Comparator" in html


def test_chart_alt_text_carries_the_figures(model, outline):
    funnel_alt = next(img["alt"] for img in outline.images if img["alt"].startswith("Funnel plot"))
    for point in model.funnel["points"]:
        assert f"{point['pct']:.1f}%" in funnel_alt
    assert f"Centre line: the boards' own pooled rate (12 months to March 2025), {model.funnel['target']:.1f}%" in funnel_alt


def test_pdf_marking_and_page_numbers_on_every_page(pages, model):
    assert len(pages) >= 5
    for number, text in enumerate(pages, start=1):
        assert text.count(model.marking) >= 2, f"page {number} lacks the marking at top and bottom"
        assert f"Page {number} of {len(pages)}" in text


def test_pdf_is_tagged_landscape_with_title_and_language(pdf_bytes, model):
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.docinfo.get("/Title")) == model.title
        box = [float(x) for x in pdf.pages[0].MediaBox]
        assert box[2] > box[3]  # A4 landscape
        with pdf.open_metadata() as meta:
            assert "pdfuaid" in str(meta)


def _struct_elements(node):
    if isinstance(node, pikepdf.Array):
        for item in node:
            yield from _struct_elements(item)
    elif isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            yield node
        if "/K" in node:
            yield from _struct_elements(node.K)


def test_pdf_charts_are_figures_with_their_alt_text(pdf_bytes, model):
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        elements = list(_struct_elements(pdf.Root.StructTreeRoot.K))
        alts = [str(e.get("/Alt", "")) for e in elements if str(e.S) == "/Figure"]
        # A trends chart per region, the funnel plot and the pilot's quarterly gap.
        assert len(alts) == len(comparison_charts(model)) and all(len(a.split()) > 10 for a in alts)
        assert any(a.startswith("Funnel plot") for a in alts)
        assert {str(e.S) for e in elements} >= {"/H1", "/H2", "/Table", "/TH", "/TD", "/Caption"}


def test_pdf_reads_only_data_uris(fetcher, pdf_bytes):
    assert fetcher.refused == []
    assert all(url.startswith("data:") for url in fetcher.fetched)
    with pytest.raises(RefusedResource):
        fetcher.fetch("https://example.org/logo.png")
    with pytest.raises(RefusedResource):
        fetcher.fetch("file:///etc/passwd")


def test_published_html_has_no_protective_marking_but_says_what_was_done(did_boards):
    published = compare_model(MONTH, None, did_boards, publish=True)
    html = render_comparison_html(published)
    assert "OFFICIAL-SENSITIVE" not in html
    assert "Disclosure control applied" in html


def test_drivers_have_a_row_per_board_all_ten_in_the_html_the_most_cited_in_the_pdf(model, html):
    from lfjb.render.comparison import comparison_html_for_pdf

    def driver_table(text: str) -> str:
        return text[text.index('id="drivers-table"'):text.index("</table>", text.index('id="drivers-table"'))]

    labels = [r["label"] for r in model.drivers["rows"]]
    in_html, in_pdf = driver_table(html), driver_table(comparison_html_for_pdf(model))
    assert all(f'<th scope="col" class="num">{label} (%)</th>' in in_html for label in labels)
    shown = [label for label in labels if f'<th scope="col" class="num">{label} (%)</th>' in in_pdf]
    assert shown == labels[:model.drivers["columns_in_print"]]
    for board in model.boards:  # a row per board, in both
        assert f'<th scope="row">{board["short_name"]}</th>' in in_html and f'<th scope="row">{board["short_name"]}</th>' in in_pdf


def test_pdf_tables_have_column_widths_and_a_fixed_layout(model):
    """WeasyPrint measures every cell of an auto-layout table; the PDF's big tables carry their widths."""
    from lfjb.render.comparison import comparison_html_for_pdf

    text = comparison_html_for_pdf(model)
    for table in ("league-table", "drivers-table", "cp-table", "pilot-boards-table"):
        assert re.search(rf'<table id="{table}" class="fixed">\s*<caption[^>]*>[^<]*</caption>\s*<colgroup>', text), table
    assert "<colgroup>" not in render_comparison_html(model)


def test_pooled_p_prime_reading_is_in_both(model, html, pages):
    pooled = model.pooled_within_26
    assert "Laney p′" in html and pooled["summary"] in html
    assert any("Laney p′" in p for p in pages)


@pytest.mark.parametrize("width", [1280])
def test_html_gives_the_pilot_tables_measures_room_at_a_desktop_width(html, tmp_path, width):
    # At 1280 px the eleven columns of figures took the width and each measure's name ran a word a line
    # ("KPM 2: / Disposed of / within / 26 weeks / (%)"): it now takes at most two lines.
    import os
    from pathlib import Path

    playwright_api = pytest.importorskip("playwright.sync_api")
    executable = os.environ.get("LFJB_CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).is_file():
        pytest.skip(f"Chromium not found at {executable}")
    page_file = tmp_path / "comparison.html"
    page_file.write_text(html, encoding="utf-8")
    lines_of = """() => [...document.querySelectorAll('#pilot-table tbody th[scope=row]')].map(th => {
        const range = document.createRange(); range.selectNodeContents(th);
        return [th.textContent.trim(), new Set([...range.getClientRects()].map(r => Math.round(r.top))).size];
    })"""
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(page_file.as_uri())
            measures = page.evaluate(lines_of)
        finally:
            browser.close()
    assert [name for name, _ in measures][:2] == ["KPM 1: Average duration (weeks)", "KPM 2: Disposed of within 26 weeks (%)"]
    assert all(lines <= 2 for _, lines in measures), measures
