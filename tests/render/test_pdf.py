"""The PDF board pack (lfjb/render/pdf.py): its words, its tagged structure and what it may read.

Rendered once per module from the tiny fixture board (tests/fixtures/tiny), whose figures and actions
are worked out by hand: at 31 March 2025, A1 "Agree a shared PLO tracker" (due 31 January 2025) is
59 days overdue and A2 "Pilot a floating case list" (due 15 March 2025) is 16 days overdue.
"""

from __future__ import annotations

import dataclasses
import sys
import io
import re
import urllib.request
from pathlib import Path

import tinyhtml5
import pikepdf
import pytest
from pypdf import PdfReader

from lfjb.inputs import load_board
from lfjb.month import Month
from lfjb.pack import build_pack
from lfjb.render.pdf import PackURLFetcher, RefusedResource, render_pdf
from lfjb.render.templates import templates_dir

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/pack_edits.py
from pack_edits import with_actions  # noqa: E402

TINY = Path(__file__).parent.parent / "fixtures" / "tiny" / "tiny.yaml"
SCRIPT_TITLE = "<script>alert(1)</script>"
# Words that say nothing about what a figure shows.
GENERIC_ALT = {"chart", "image", "figure", "graph", "picture", "icon", "logo", "sparkline", "svg", "img"}


def _text(page) -> str:
    """A page's text with runs of whitespace made single spaces (line breaks fall anywhere)."""
    return re.sub(r"\s+", " ", page.extract_text() or "")


@pytest.fixture(scope="module")
def board():
    return load_board(TINY)


@pytest.fixture(scope="module")
def pack(board):
    return build_pack(board, Month(2025, 3))


@pytest.fixture(scope="module")
def pdf_bytes(pack, board) -> bytes:
    return render_pdf(pack)


@pytest.fixture(scope="module")
def pages(pdf_bytes) -> list[str]:
    return [_text(p) for p in PdfReader(io.BytesIO(pdf_bytes)).pages]


# --- words ---------------------------------------------------------------------------------------------


def test_marking_on_every_page(pages, pack):
    marking = pack.board["protective_marking"]
    assert marking == "OFFICIAL-SENSITIVE"
    assert len(pages) > 5
    for number, text in enumerate(pages, start=1):
        # Top and bottom margin boxes: the marking appears at least twice on every page.
        assert text.count(marking) >= 2, f"page {number} lacks the marking at top and bottom"


def test_page_x_of_y_on_every_page(pages):
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in text


def test_cover_names_board_month_and_area(pages, pack):
    cover = pages[0]
    assert "Tiny Test Local Family Justice Board" in cover
    assert "March 2025" in cover
    assert "Worcester" in cover


def test_running_header_names_board_and_month_after_cover(pages):
    for text in pages[1:]:
        assert "Tiny Test Local Family Justice Board" in text
        assert "Board pack: March 2025" in text


def test_contents_lists_sections_with_page_numbers(pages):
    contents = pages[0]  # the contents share the cover's page (issue 22)
    assert "Contents" in contents
    # "Summary ..... 2": the summary starts on page 2 and the contents say so.
    assert re.search(r"Summary[ .]*2\b", contents)
    assert "Summary" in pages[1]


def test_overdue_actions_with_days_overdue(pages):
    text = " ".join(pages)
    assert "Agree a shared PLO tracker" in text
    assert "Pilot a floating case list" in text
    # Worked out by hand: 31 Mar 2025 - 31 Jan 2025 = 59 days; 31 Mar - 15 Mar = 16 days.
    assert re.search(r"A1 Agree a shared PLO tracker.*?Head of Legal, Northshire.*?31 Jan 2025 59\b", text)
    assert re.search(r"A2 Pilot a floating case list.*?15 Mar 2025 16\b", text)


def test_headlines_in_summary(pages, pack):
    summary = pages[1]
    for headline in pack.headlines:
        assert headline["text"] in summary
    # Tone in words, not colour alone.
    assert "Good news" in summary and "Needs action" in summary


def test_plain_english_headings(pages):
    text = " ".join(pages)
    for heading in ("Measures at a glance", "Trends over time", "Where the delay comes from", "Cost of delay: an estimate",
                    "Governance health check", "Average duration", "Near target"):
        assert heading in text
    # Statistical process control is explained in the appendix, in words.
    assert "statistical process control" in text


def test_cost_is_labelled_an_estimate_with_assumptions(pages, pack):
    text = " ".join(pages)
    assert "Estimate" in text
    for assumption in pack.cost_of_delay["assumptions"]:
        assert assumption in text


def test_action_title_with_markup_is_text(pack, board):
    marked = with_actions(pack, "A1", ("overdue", "open_list"), title=SCRIPT_TITLE)
    text = " ".join(_text(p) for p in PdfReader(io.BytesIO(render_pdf(marked))).pages)
    assert SCRIPT_TITLE in text
    assert "Agree a shared PLO tracker" not in text


# --- structure (PDF/UA) ----------------------------------------------------------------------------------


def _struct_elements(node):
    """Every structure element under `node`, depth first."""
    if isinstance(node, pikepdf.Array):
        for item in node:
            yield from _struct_elements(item)
    elif isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            yield node
        if "/K" in node:
            yield from _struct_elements(node.K)


def test_tagged_with_language_and_title(pdf_bytes):
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True or bool(root.MarkInfo.Marked)
        assert "/StructTreeRoot" in root
        assert str(root.Lang) == "en-GB"
        assert bool(root.ViewerPreferences.DisplayDocTitle)
        title = str(pdf.docinfo.get("/Title", ""))
        assert title == "Tiny Test Local Family Justice Board: board pack for March 2025"
        with pdf.open_metadata() as meta:
            assert meta.get("dc:title") == title
            assert "pdfuaid:part" in str(meta) or meta.get("pdfuaid:part") == "1"


def test_every_figure_has_meaningful_alt(pdf_bytes):
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        elements = list(_struct_elements(pdf.Root.StructTreeRoot.K))
        figures = [e for e in elements if str(e.S) == "/Figure"]
        # Charts (trend charts, sparklines, bar charts) and the variation/assurance icons.
        assert len(figures) >= 30
        alts = [str(f.get("/Alt", "")).strip() for f in figures]
        for alt in alts:
            assert alt, "a Figure has no /Alt"
            assert alt.lower() not in GENERIC_ALT
            assert len(alt.split()) >= 3, f"alt text too thin to say what it shows: {alt!r}"
        # The trend chart's text alternative states the latest value, not just "chart".
        assert any("average duration" in a.lower() and "19.2 weeks" in a for a in alts)
        assert {str(e.S) for e in elements} >= {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/L", "/LI", "/P"}


def test_fonts_embedded(pdf_bytes):
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        seen = 0
        for page in pdf.pages:
            for font in (page.Resources.get("/Font") or {}).values():
                descendants = font.get("/DescendantFonts")
                target = descendants[0] if descendants is not None else font
                descriptor = target.get("/FontDescriptor")
                assert descriptor is not None, f"{font.get('/BaseFont')} has no descriptor"
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), f"{font.get('/BaseFont')} not embedded"
                # DejaVu Sans for the pages; the charts name Liberation Sans first (lfjb/charts/style.py)
                assert "DejaVu" in str(font.get("/BaseFont")) or "Liberation" in str(font.get("/BaseFont"))
                seen += 1
        assert seen


# --- what WeasyPrint may read ----------------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch):
    """Fail the test if anything reaches urllib's opener (a refused URL must never be fetched)."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"a resource was fetched: {args!r}")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)


@pytest.mark.parametrize("url", [
    "http://example.com/x.png",
    "https://example.com/x.png",
    "ftp://example.com/x.png",
    "file:///etc/passwd",
    "file://example.com/etc/passwd",
])
def test_fetcher_refuses_remote_and_outside_files(tmp_path, url, no_network):
    fetcher = PackURLFetcher([tmp_path])
    with pytest.raises(RefusedResource):
        fetcher.fetch(url)
    assert fetcher.refused == [url]
    assert fetcher.fetched == []


def test_fetcher_refuses_escape_from_board_folder(tmp_path, no_network):
    board_folder = tmp_path / "board"
    board_folder.mkdir()
    (tmp_path / "secret.txt").write_text("not for the pack")
    fetcher = PackURLFetcher([board_folder])
    with pytest.raises(RefusedResource):
        fetcher.fetch((board_folder / ".." / "secret.txt").as_uri().replace("/board/..", "/board/%2E%2E"))
    with pytest.raises(RefusedResource):
        fetcher.fetch(board_folder.as_uri() + "/../secret.txt")


def test_fetcher_serves_data_templates_and_board_files(tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    fetcher = PackURLFetcher([templates_dir(), tmp_path])
    assert fetcher.fetch(logo.as_uri()).read().startswith(b"<svg")
    assert fetcher.fetch((templates_dir() / "pack.css").as_uri()).read()
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    assert fetcher.refused == []


def test_weasyprint_leaves_refused_images_out(tmp_path, no_network):
    from weasyprint import HTML

    fetcher = PackURLFetcher([tmp_path])
    html = '<html lang="en"><body><img src="http://example.com/x.png" alt="remote"><img src="file:///etc/passwd" alt="local"></body></html>'
    HTML(string=html, base_url=tmp_path.as_uri() + "/", url_fetcher=fetcher).write_pdf()
    assert fetcher.refused == ["http://example.com/x.png", "file:///etc/passwd"]


def test_logo_read_with_the_inputs_is_drawn_with_alt_and_nothing_is_fetched(tmp_path, pack):
    # Rendering reads no files: the logo's bytes came with the inputs and go in as a data: URI.
    from lfjb.inputs.logo import read_logo

    (tmp_path / "logos").mkdir()
    (tmp_path / "logos" / "tiny.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#1d4f91"/></svg>'
    )
    logo, problems = read_logo("logos/tiny.svg", tmp_path, "tiny.yaml")
    assert problems == []
    branded = dataclasses.replace(pack, logo=logo)
    fetcher = PackURLFetcher([templates_dir()])
    pdf_bytes = render_pdf(branded, fetcher=fetcher)
    assert not any(url.startswith("file:") for url in fetcher.fetched)
    assert fetcher.refused == []
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        alts = [str(e.get("/Alt", "")) for e in _struct_elements(pdf.Root.StructTreeRoot.K) if str(e.S) == "/Figure"]
    assert "Tiny Test Local Family Justice Board logo" in alts


# --- layout and wording ----------------------------------------------------------------------------------


def _own_words(text: str, pack) -> int:
    """Words on a page beyond the running header and footer."""
    for repeated in (pack.board["name"], pack.board["protective_marking"], f"Board pack: {pack.month.label}"):
        text = text.replace(repeated, "")
    return len(re.sub(r"Page \d+ of \d+", "", text).split())


def test_a_board_without_pre_proceedings_figures_gets_a_line_not_a_page(pages, pack):
    """The tiny board has neither a pre-proceedings column nor a log: the case progression section
    says so in one line, and there is no pre-proceedings section, page or contents entry (issue 22;
    a new board's pack once had a page holding its heading and two lines)."""
    assert pack.pre_proceedings["extract"]["unavailable"] and pack.pre_proceedings["log"]["unavailable"]
    text = " ".join(pages)
    assert text.count("Pre-proceedings and diversion from court") == 1
    line = text.index("Pre-proceedings and diversion from court: nothing to show.")
    assert text.rindex("Expert assessments", 0, line) > text.index("Case progression: open cases at risk of delay", len(pages[0]))
    assert "diversion rate is not available: this board keeps no pre-proceedings log" in text
    assert "Families leaving pre-proceedings" not in text and "Applications issued after pre-proceedings" not in text


def test_no_page_holds_only_a_line_or_two(pages, pack):
    thin = {number: _own_words(text, pack) for number, text in enumerate(pages, start=1) if _own_words(text, pack) < 40}
    assert thin == {}, f"pages with next to nothing on them (page: words): {thin}"


def test_colophon_is_said_once_in_the_sources(pages, pack):
    text = " ".join(pages)
    assert text.count(f"lfjb {pack.lfjb_version}") == 1
    assert "Produced with lfjb" not in text
    sources = next(t for t in pages if "Assumptions and sources" in t)
    assert f"with lfjb {pack.lfjb_version}" in sources


def test_gaps_start_on_the_page_of_the_driver_chart(pages):
    gaps = [n for n, t in enumerate(pages) if "Gaps: common drivers with no open action" in t]
    chart = [n for n, t in enumerate(pages) if "most cited driver of delay" in t or "Where the delay comes from" in t and n > 1]
    assert gaps and gaps[0] in chart


def test_kaplan_meier_figures_say_which_cases_they_cover(pages, pack):
    km = pack.kaplan_meier
    text = " ".join(pages)
    assert f"Of the {km['cases']} cases issued from April 2023 to March 2025, {km['censored']} were still open on 31 March 2025" in text
    assert km["note"] not in text


def test_cost_of_delay_amounts_are_rounded(pages, pack):
    cost = next(t for t in pages if "Cost of delay: an estimate" in t and "Assumptions" in t)
    # The estimate's own figures ("about £4,400 a year"), not the source's national figure it quotes.
    amounts = re.findall(rf"about £([\d,.]+)( million)? {pack.cost_of_delay['period']}", cost)
    assert amounts
    for amount, _ in amounts:
        assert len(amount.replace(",", "").replace(".", "").strip("0")) <= 2, f"£{amount} is too precise for an estimate"


def test_headings_avoid_jargon(pack, board):
    from lfjb.render.pdf import pack_html_for_pdf

    doc = tinyhtml5.parse(pack_html_for_pdf(pack), namespace_html_elements=False)
    headings = [" ".join("".join(h.itertext()).split()) for h in doc.iter() if isinstance(h.tag, str) and re.fullmatch(r"h[1-6]", h.tag)]
    headings += [" ".join("".join(a.itertext()).split()) for a in doc.findall(".//nav//a")]
    assert headings
    for heading in headings:
        assert not re.search(r"\b(KPIs?|SPC|XmR)\b", heading), f"jargon in heading {heading!r}"


def test_appendix_actions_table_has_set_column_widths(pack, board):
    from lfjb.render.pdf import pack_html_for_pdf

    on_track = tuple(dataclasses.replace(row, reasons=(), days_overdue=0) for row in pack.actions.open_list)
    with_on_track = dataclasses.replace(pack, actions=dataclasses.replace(pack.actions, on_track=on_track))
    html = pack_html_for_pdf(with_on_track)
    doc = tinyhtml5.parse(html, namespace_html_elements=False)
    table = doc.find(".//table[@id='all-open-actions']")
    classes = [th.get("class") for th in table.findall("./thead/tr/th")]
    assert classes[:3] == ["w-action", "w-group", "w-owner"] and "w-date" in classes
    assert "w-days" not in classes, "on-track actions are never overdue: no empty days-overdue column"
    assert re.search(r"\.actions-appendix \.w-owner \{ width: \d+%", html)
    assert "table.actions-table { table-layout: fixed; }" in html


# The two sample boards of the newcomer trial, whose packs once had a page holding only "Gaps: ... None"
# and a last page holding only the colophon: every page now carries real content.
SAMPLE_BOARDS = ("wolverhampton", "central-london")


@pytest.fixture(scope="module", params=SAMPLE_BOARDS)
def sample_pack_pages(request):
    board = load_board(Path(__file__).resolve().parents[2] / "board_config" / f"{request.param}.yaml")
    pack = build_pack(board, Month(2025, 3))
    return pack, [_text(p) for p in PdfReader(io.BytesIO(render_pdf(pack))).pages]


def test_sample_packs_have_no_near_empty_pages(sample_pack_pages):
    pack, pages = sample_pack_pages
    thin = {n: _own_words(t, pack) for n, t in enumerate(pages, start=1) if _own_words(t, pack) < 40}
    assert thin == {}, f"{pack.board['name']}: pages with next to nothing on them (page: words): {thin}"
    text = " ".join(pages)
    assert text.count(f"lfjb {pack.lfjb_version}") == 1
    gaps = next(n for n, t in enumerate(pages) if "Gaps: common drivers with no open action" in t)
    assert "most cited driver of delay" in pages[gaps], "the gaps block starts on the page of the driver chart"


def test_glossary_and_no_tool_name_in_the_chairs_prose(pages):
    text = " ".join(pages)
    appendix = text[text.rindex("Words and abbreviations"):]
    for term in ("PLO", "CMH", "FCMH", "IRH", "DFJ", "KPM", "SPC"):
        assert re.search(rf"\b{term}\b", appendix), f"{term} missing from the glossary"
    # The tool is named once, in the colophon ("Prepared by ... with lfjb 1.2.3"), never in the prose.
    assert len(re.findall(r"\blfjb\b", text)) == 1 and re.search(r"with lfjb \d", text)


def test_the_charts_text_is_drawn_in_the_font_it_was_measured_in(pdf_bytes):
    """vl-convert measures chart text in Liberation Sans (lfjb/charts/convert.py); where it is installed
    the PDF draws the charts' text in it, so labels are as wide as measured (the pages stay DejaVu Sans)."""
    import subprocess

    if "Liberation Sans" not in subprocess.run(["fc-list"], capture_output=True, text=True).stdout:
        pytest.skip("Liberation Sans is not installed: the charts' text falls back (README)")
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        names = {str(font.get("/BaseFont")) for page in pdf.pages for font in (page.Resources.get("/Font") or {}).values()}
    assert any("Liberation" in n for n in names) and any("DejaVu" in n for n in names), names
