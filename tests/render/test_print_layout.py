"""The sample packs on paper (issue 11, items 13-14): every line of text inside the text area, headers
over their figures, no near-empty pages, and the comparison held to the same margins.

Where text is drawn is read from the PDFs themselves (tests/pdf_layout.py), so the checks hold whatever
template or section drew the text. The margins come from each document's own stylesheet.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pdf_layout import MM, page_fill, small_text, text_outside
from pypdf import PdfReader
from weasyprint.formatting_structure import boxes

from lfjb.charts import pack_charts
from lfjb.inputs import load_board
from lfjb.month import Month
from lfjb.pack import build_pack
from lfjb.render.files import json_text
from lfjb.render.pdf import pack_document, pack_html_for_pdf, show_continued, write_pack_pdf
from lfjb.render.templates import templates_dir

REPO = Path(__file__).resolve().parents[2]
SAMPLE_BOARDS = sorted(p.stem for p in (REPO / "board_config").glob("*.yaml"))
MONTH = Month(2025, 3)


def page_margins_mm(css: str) -> dict[str, float]:
    """The first @page rule's margins in a stylesheet, in mm: {"top", "right", "bottom", "left"}."""
    found = re.search(r"@page\s*\{[^}]*?margin:\s*([\d.]+mm(?:\s+[\d.]+mm){0,3})\s*;", css)
    assert found, "no @page margin in the stylesheet"
    v = [float(x) for x in re.findall(r"[\d.]+", found.group(1))]
    # CSS shorthand: one value for all sides; two: vertical, horizontal; three: top, horizontal, bottom.
    top, right, bottom, left = {1: v * 4, 2: v * 2, 3: v + v[1:2], 4: v}[len(v)]
    return {"top": top, "right": right, "bottom": bottom, "left": left}


def test_page_margins_read_as_css_writes_them():
    assert page_margins_mm("@page { size: A4; margin: 22mm 15mm 20mm 15mm; }") == {"top": 22, "right": 15, "bottom": 20, "left": 15}
    assert page_margins_mm("@page { margin: 10mm 12mm; }") == {"top": 10, "right": 12, "bottom": 10, "left": 12}
    assert page_margins_mm("@page { margin: 10mm 12mm 14mm; }") == {"top": 10, "right": 12, "bottom": 14, "left": 12}


PACK_MARGINS = page_margins_mm((templates_dir() / "pack.css").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_packs() -> dict:
    """Each sample board's pack for March 2025 with its charts and PDF, built once for this module."""
    built = {}
    for slug in SAMPLE_BOARDS:
        pack = build_pack(load_board(REPO / "board_config" / f"{slug}.yaml"), MONTH)
        charts = pack_charts(pack)
        document = pack_document(pack, charts)
        built[slug] = {"pack": pack, "charts": charts, "document": document, "pdf": write_pack_pdf(document)}
    return built


# --- item 13: every table fits the text width -------------------------------------------------------------


def test_overflow_check_finds_a_table_past_the_margin():
    """The check itself: a table forced wider than the text area is caught, on its page and side."""
    from weasyprint import HTML

    html = ("<style>@page { size: A4; margin: 15mm; } table { width: 200mm; }</style><p>Inside.</p>"
            "<table><tr><td>Action</td><td style='text-align: right'>Why listed</td></tr></table>")
    found = text_outside(HTML(string=html).write_pdf(), left_mm=15, right_mm=15)
    assert len(found) == 1 and found[0].page == 1 and "Whylisted" in found[0].text
    assert 15 * MM < found[0].right < 25 * MM  # 200 mm table in a 180 mm text area: about 20 mm over


@pytest.mark.parametrize("slug", SAMPLE_BOARDS)
def test_no_text_outside_the_text_area(sample_packs, slug):
    """Printed, nothing is cut: every glyph, tables and charts included, lies within the page's text
    width (Wolverhampton's action tables once ran ~40 pt into the right margin)."""
    overflow = text_outside(sample_packs[slug]["pdf"], left_mm=PACK_MARGINS["left"], right_mm=PACK_MARGINS["right"])
    assert overflow == [], f"{slug}: text outside the text area:\n" + "\n".join(map(str, overflow[:20]))


def test_comparison_has_no_text_outside_the_text_area(sample_packs, tmp_path):
    """The cross-board comparison of the sample packs, against its own (landscape) margins."""
    from lfjb.workflows.compare import compare_model
    from lfjb.render.comparison import render_comparison_pdf

    for slug, built in sample_packs.items():
        folder = tmp_path / slug / str(MONTH)
        folder.mkdir(parents=True)
        (folder / f"{slug}-pack-{MONTH}.json").write_text(json_text(built["pack"].to_json()), encoding="utf-8")
    pdf = render_comparison_pdf(compare_model(MONTH, None, REPO / "board_config", from_packs=tmp_path))
    margins = page_margins_mm((templates_dir() / "comparison" / "comparison.css").read_text(encoding="utf-8"))
    overflow = text_outside(pdf, left_mm=margins["left"], right_mm=margins["right"])
    assert overflow == [], "comparison: text outside the text area:\n" + "\n".join(map(str, overflow[:20]))


# --- item 14: no page ends on a heading, none is near-empty ------------------------------------------------

# A page is near-empty when what it holds fills less than this share of the text area's height.
NEAR_EMPTY = 0.2


def _leaves(box, chain=()):
    """The boxes a reader sees (text and images) in reading order, each with its ancestors."""
    if isinstance(box, boxes.MarginBox):  # the running header and footer
        return
    chain = (*chain, box)
    if isinstance(box, boxes.TextBox):
        if box.text.strip():
            yield box, chain
    elif isinstance(box, boxes.ReplacedBox):
        yield box, chain
    elif isinstance(box, boxes.ParentBox):
        for child in box.children:
            yield from _leaves(child, chain)


def page_endings(document) -> list[tuple[int, str, str]]:
    """(page, element, text) for each page but the last that ends inside something the stylesheet keeps
    with what follows (`break-after: avoid`: headings, captions, a sub-group's lead): a heading or caption
    left at the foot of a page while its table or chart starts the next."""
    stranded = []
    for number, page in enumerate(document.pages[:-1], start=1):
        last = None
        for last in _leaves(page._page_box):
            pass
        if last is None:
            continue
        leaf, chain = last
        kept = [b for b in chain if b.element_tag and b.style["break_after"] == "avoid"]
        if kept:
            stranded.append((number, kept[-1].element_tag, getattr(leaf, "text", "(image)")))
    return stranded


def test_page_endings_finds_a_heading_left_at_the_foot_of_a_page():
    """The check itself: a heading at the top of a page whose block, unsplittable, fits only on the next
    page (nowhere earlier to break, so `break-after: avoid` cannot be kept)."""
    from weasyprint import HTML

    html = ("<style>@page { size: A6; margin: 10mm; } h3 { break-after: avoid; } .big { height: 120mm; break-inside: avoid; }</style>"
            "<h3>Stranded heading</h3><div class='big'>Its table</div>")
    assert page_endings(HTML(string=html).render()) == [(1, "h3", "Stranded heading")]


@pytest.mark.parametrize("slug", SAMPLE_BOARDS)
def test_no_heading_or_caption_ends_a_page(sample_packs, slug):
    stranded = page_endings(sample_packs[slug]["document"])
    assert stranded == [], f"{slug}: pages ending on a heading or caption (page, element, text): {stranded}"


# What a heading group introduces: a table, a chart or a list of figures (a definition list).
_INTRODUCED = ("table", "figure", "dl")
_HEADINGS = ("h2", "h3", "h4")


def _introduces(chain) -> bool:
    return any(b.element_tag in _INTRODUCED for b in chain)  # charts are figures; an icon in a list is not


def stranded_heading_groups(document) -> list[tuple[int, str]]:
    """(page, heading) for each page but the last whose last heading is followed on it only by its
    introduction (paragraphs, a short list), while the table, chart or figures it introduces start the
    next page, in the same section: the reader turns over from an introduction to nothing (issue 22:
    the case tracker's heading, lede and counts once ended a page above its chart overleaf; the
    comparison's first page once ended with the league table's heading and introduction). Text overleaf
    before the table (the rest of the introduction) does not excuse it; another heading does."""
    found = []
    for number, page in enumerate(document.pages[:-1], start=1):
        leaves = list(_leaves(page._page_box))
        at = max((i for i, (_, chain) in enumerate(leaves) if any(b.element_tag in _HEADINGS for b in chain)), default=None)
        if at is None or any(_introduces(chain) for _, chain in leaves[at + 1:]):
            continue
        chain = leaves[at][1]
        heading = next(b for b in reversed(chain) if b.element_tag in _HEADINGS)
        section = next((b.element for b in reversed(chain) if b.element_tag == "section"), None)
        # Overleaf, the first table or chart, unless another heading comes before it.
        first = next(((leaf, chain) for leaf, chain in _leaves(document.pages[number]._page_box)
                      if _introduces(chain) or any(b.element_tag in _HEADINGS for b in chain)), None)
        if first is None or not _introduces(first[1]) or any(b.element_tag in _HEADINGS for b in first[1]):
            continue
        if section is None or any(b.element is section for b in first[1]):
            found.append((number, " ".join("".join(heading.element.itertext()).split())))
    return found


def test_stranded_heading_groups_finds_an_introduction_without_its_table():
    """The check itself: on A6, a heading and its introduction end page 1 while the table they introduce
    (kept whole) starts page 2; with the table split, or text carrying on overleaf, nothing is found."""
    from weasyprint import HTML

    def found(after: str) -> list:
        html = ("<style>@page { size: A6; margin: 10mm; } p, h3 { margin: 0; } .whole { break-inside: avoid; }</style>"
                "<section><div style='height: 70mm'>Before</div><h3>Group</h3><p>Its introduction.</p>" + after + "</section>")
        return stranded_heading_groups(HTML(string=html).render())

    rows = "".join(f"<tr><td>Row {i}</td></tr>" for i in range(15))
    assert found(f"<table class='whole'>{rows}</table>") == [(1, "Group")]
    assert found(f"<p>More introduction.</p><table class='whole'>{rows}</table>") == [(1, "Group")]
    assert found(f"<table>{rows}</table>") == []
    assert found("".join(f"<p>Line {i}</p>" for i in range(30))) == []
    assert found("".join(f"<p>Line {i}</p>" for i in range(30)) + f"<h3>Next</h3><table>{rows}</table>") == []


@pytest.mark.parametrize("slug", SAMPLE_BOARDS)
def test_no_heading_group_ends_a_page_without_what_it_introduces(sample_packs, slug):
    stranded = stranded_heading_groups(sample_packs[slug]["document"])
    assert stranded == [], f"{slug}: headings and introductions ending a page, their table or chart overleaf (page, heading): {stranded}"


@pytest.mark.parametrize("slug", SAMPLE_BOARDS)
def test_no_near_empty_pages(sample_packs, slug):
    """Every page but the last is at least a fifth full (a section's last few lines, or one small
    table, are kept with the page before rather than left alone on a page of their own)."""
    fills = page_fill(sample_packs[slug]["pdf"], top_mm=PACK_MARGINS["top"], bottom_mm=PACK_MARGINS["bottom"])
    thin = {page: f"{fill:.0%}" for page, fill in enumerate(fills[:-1], start=1) if fill < NEAR_EMPTY}
    assert thin == {}, f"{slug}: near-empty pages (page: share of the text area used): {thin}"


# A page that breaks inside a section before text or a table row (which could have started on it) is
# at least this full. A section's last page may hold less, and so may a page before a chart (a chart
# is never split): the near-empty check above covers those. The sample packs' such pages are 85% full
# or more; when a short sub-group of actions was kept whole, Central London's were 69% and 66%.
EARLY_END = 0.75
_PAGE_BREAKS = ("page", "left", "right", "recto", "verso")


def _elements(page) -> set[int]:
    """The ids of the elements with a box on a page."""
    found, stack = set(), [page._page_box]
    while stack:
        box = stack.pop()
        if box.element is not None:
            found.add(id(box.element))
        stack.extend(getattr(box, "children", []))
    return found


def page_starts(document) -> list[str]:
    """What each page starts with: "new" when an element that asks for a page of its own
    (`break-before: page`: a section, a trend) or a section's heading (h2) starts there; "chart" when the first thing on it not
    kept with what follows (headings, captions) is a chart; else "flow": text or a table row, which
    could have started on the page before."""
    starts, before = [], set()
    for page in document.pages:
        first = next((chain for leaf, chain in _leaves(page._page_box)
                      if not any(b.element_tag and b.style["break_after"] == "avoid" for b in chain)), ())
        whole = next(_leaves(page._page_box), (None, ()))[1]
        # A page that opens with a section's heading starts that section (the shorter sections follow
        # on from the one before rather than ask for a page of their own: issue 22).
        if not starts or any(b.element is not None and id(b.element) not in before
                             and b.style["break_before"] in _PAGE_BREAKS for b in whole) \
                or any(b.element_tag == "h2" for b in whole):
            starts.append("new")
        elif any(b.element_tag in ("figure", "img", "svg") or isinstance(b, boxes.ReplacedBox) for b in first):
            starts.append("chart")
        else:
            starts.append("flow")
        before = _elements(page)
    return starts


def pages_ended_early(document, pdf: bytes, top_mm: float, bottom_mm: float) -> dict[int, str]:
    """{page: share of the text area used} for each page less than EARLY_END full whose next page
    carries on the same section with text or a table row."""
    fills = page_fill(pdf, top_mm=top_mm, bottom_mm=bottom_mm)
    starts = page_starts(document)
    return {page: f"{fills[page - 1]:.0%}" for page in range(1, len(fills))
            if starts[page] == "flow" and fills[page - 1] < EARLY_END}


def test_pages_ended_early_finds_a_block_kept_whole_on_the_next_page():
    """The check itself: on A6, a block kept whole (`break-inside: avoid`) too tall for the room left
    moves to page 2 and leaves page 1 about half empty; before a chart, or a new page asked for, the
    same gap is not counted."""
    from weasyprint import HTML

    def ended_early(block: str) -> dict[int, str]:
        html = ("<style>@page { size: A6; margin: 10mm; } .whole { break-inside: avoid; } .new { break-before: page; }"
                "h3 { break-after: avoid; margin: 0; } p { margin: 0; }</style>"
                "<div style='padding-top: 55mm'>First half</div>" + block)
        document = HTML(string=html).render()
        return pages_ended_early(document, document.write_pdf(), top_mm=10, bottom_mm=10)

    lines = "".join(f"<p>Line {i}</p>" for i in range(20))
    found = ended_early(f"<div class='whole'><h3>Sub-group</h3>{lines}</div>")
    assert list(found) == [1] and 40 <= int(found[1].rstrip("%")) <= 60, found
    assert ended_early(f"<div><h3>Sub-group</h3>{lines}</div>") == {}  # split: page 1 used
    assert ended_early("<h3>Chart</h3><figure><img style='height: 90mm' src='data:image/svg+xml,"
                       "%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 width=%2210%22 height=%2210%22/%3E'></figure>") == {}
    assert ended_early(f"<div class='new'><h3>Section</h3>{lines}</div>") == {}


@pytest.mark.parametrize("slug", SAMPLE_BOARDS)
def test_no_page_ends_early_inside_a_section(sample_packs, slug):
    """Inside a section a page is used before the next one starts: at least three quarters full when
    text or a table row follows. The near-empty check cannot see a page a third empty; a short
    sub-group of actions kept whole left two of Central London's that way."""
    built = sample_packs[slug]
    early = pages_ended_early(built["document"], built["pdf"], top_mm=PACK_MARGINS["top"], bottom_mm=PACK_MARGINS["bottom"])
    assert early == {}, f"{slug}: pages ended early, before text or a table row (page: share of the text area used): {early}"


# --- item 14: column headers, as printed -----------------------------------------------------------------


def _cells(box):
    """Every table cell box under `box`, with whether it is in a table's header rows."""
    for child in getattr(box, "children", []):
        if isinstance(child, boxes.TableRowGroupBox):
            for row in child.children:
                for cell in row.children:
                    yield cell, child.is_header
        else:
            yield from _cells(child)


def _tables(box):
    if isinstance(box, boxes.TableBox):
        yield box
    for child in getattr(box, "children", []):
        yield from _tables(child)


def _lines(box) -> list[str]:
    """The text of each line of a box, as laid out."""
    if isinstance(box, boxes.LineBox):
        return ["".join(t.text for t in box.descendants() if isinstance(t, boxes.TextBox))]
    return [line for child in getattr(box, "children", []) for line in _lines(child)]


def _classes(box) -> set[str]:
    return set((box.element.get("class") or "").split()) if box.element is not None else set()


def misaligned_headers(document) -> list[tuple[int, str, str]]:
    """(page, table id, header) for each column header not aligned as its column's cells are: the heat
    grid's counts centred, other numbers (td.num) right."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        for table in _tables(page._page_box):
            heads, columns = {}, {}
            for cell, is_header in _cells(table):
                if is_header:
                    heads[cell.grid_x] = cell
                else:
                    columns.setdefault(cell.grid_x, []).append(cell)
            for x, head in heads.items():
                body = columns.get(x, [])
                if body and all("heat" in _classes(c) for c in body):
                    wanted = "center"
                elif body and all("num" in _classes(c) for c in body):
                    wanted = "right"
                else:
                    continue
                if head.style["text_align_all"] != wanted:
                    found.append((number, table.element.get("id"), " ".join(_lines(head))))
    return found


def hyphenated_headers(document) -> list[tuple[int, str]]:
    """(page, header as printed) for each column header broken inside a word with an added hyphen
    ("Pre-pro-ceedings"); a break at a hyphen the words already have ("Pre-|proceedings") is fine."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        for cell, is_header in _cells(page._page_box):
            if not is_header:
                continue
            lines = [line.strip() for line in _lines(cell) if line.strip()]
            words = " ".join("".join(cell.element.itertext()).split())
            for first, second in zip(lines, lines[1:]):
                if first.endswith(("-", "\u2010", "\u00ad")) and f"{first}{second.split()[0]}" not in words:
                    found.append((number, " | ".join(lines)))
                    break
    return found


@pytest.mark.parametrize("slug", SAMPLE_BOARDS)
def test_column_headers_sit_over_their_figures_unhyphenated(sample_packs, slug):
    document = sample_packs[slug]["document"]
    assert misaligned_headers(document) == [], f"{slug}: headers not aligned with their numbers (page, table, header)"
    assert hyphenated_headers(document) == [], f"{slug}: headers hyphenated inside a word (page, header)"


# --- issue 22, item 3: fuller pages ------------------------------------------------------------------------

# Wolverhampton's pack was 22 pages, seven of them half empty or more; the same content fits on 18. Issue 21
# then added the child's journey (a page of chart and tables from Wolverhampton's hearing list) and the
# table of its six source files in the data quality appendix (20 pages); tighter spacing and margins, three
# trend charts to a page and the measures' definitions in two columns bring it back to 18 (issue 22).
WOLVERHAMPTON_PAGES = 18


def test_wolverhampton_fits_its_pages(sample_packs):
    pages = len(sample_packs["wolverhampton"]["document"].pages)
    assert pages <= WOLVERHAMPTON_PAGES, f"Wolverhampton's pack is {pages} pages; its content fits on {WOLVERHAMPTON_PAGES}"


def _page_texts(pdf: bytes) -> list[str]:
    """Each page's text, runs of whitespace made single spaces."""
    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages]


def test_show_continued_marks_a_tables_later_pages_only():
    """The mechanism: a table's header row carries a hidden "(continued)"; on A6 the table runs to a
    second page, whose repeated header shows it, while the first page's does not; a second table that
    starts on page 2 shows nothing there."""
    from weasyprint import HTML

    rows = "".join(f"<tr><td>Row {i}</td></tr>" for i in range(30))
    html = ("<style>@page { size: A6; margin: 10mm; } .continued { visibility: hidden; } thead { display: table-header-group; }</style>"
            f"<table id='a'><thead><tr><th>First group<span class='continued'> (continued)</span></th></tr></thead><tbody>{rows}</tbody></table>"
            "<table id='b'><thead><tr><th>Second group<span class='continued'> (continued)</span></th></tr></thead><tbody><tr><td>Last</td></tr></tbody></table>")
    document = show_continued(HTML(string=html).render())
    pages = _page_texts(document.write_pdf())
    assert len(pages) >= 2
    assert "First group" in pages[0] and "(continued)" not in pages[0]
    assert "First group (continued)" in pages[1]
    assert "Second group" in pages[-1] and "Second group (continued)" not in pages[-1]


def test_a_continued_sub_group_table_carries_its_name(sample_packs):
    """Every action table run on to another page repeats its sub-group's name there, with
    "(continued)"; its first page names it without. Wolverhampton has such tables."""
    continued = 0
    for slug, built in sample_packs.items():
        texts = _page_texts(built["pdf"])
        first_page: dict[str, int] = {}
        for number, page in enumerate(built["document"].pages):
            for table in _tables(page._page_box):
                table_id = table.element.get("id") or ""
                if not table_id.startswith("attention-"):
                    continue
                head = table.element.find(".//tr[@class='head-caption']/th")
                title = " ".join("".join(head.itertext()).replace("(continued)", "").split())  # "Name: actions needing ..."
                if table_id in first_page:
                    continued += 1
                    assert f"{title} (continued)" in texts[number], f"{slug} page {number + 1}: {title!r} runs on without its name and (continued)"
                else:
                    first_page[table_id] = number
                    assert title in texts[number] and f"{title} (continued)" not in texts[number], f"{slug} page {number + 1}: {title!r}"
    assert continued > 0, "no sample pack has an action table that runs on to a second page: the check saw nothing"


MONTH_YEAR = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b")


@pytest.mark.parametrize("slug", SAMPLE_BOARDS)
def test_every_chart_says_what_it_plots_and_when(sample_packs, slug):
    """Every chart in the PDF has a subject line above it naming what is plotted and its months."""
    built = sample_packs[slug]
    html = pack_html_for_pdf(built["pack"], built["charts"])
    figures = re.findall(r'<figure class="chart[^"]*">(.*?)</figure>', html, re.S)
    assert figures
    for figure in figures:
        if "<img" not in figure:
            continue
        subject = re.search(r'<p class="chart-subject">(.*?)</p>', figure)
        assert subject, f"{slug}: a chart with no subject line: {figure[:200]}"
        assert MONTH_YEAR.search(subject.group(1)) or re.search(r"Q\d \d{4}-\d{2}", subject.group(1)), \
            f"{slug}: chart subject names no period: {subject.group(1)!r}"


def test_local_authority_chart_and_table_agree(sample_packs):
    """The local-authority chart plots each authority's 12-month average duration; the table below it
    opens with the same figures in the same order, under a header naming the same months."""
    built = sample_packs["wolverhampton"]
    pack, html = built["pack"], pack_html_for_pdf(built["pack"], built["charts"])
    chart = built["charts"]["local_authority"]
    period = f"{pack.rolling_12['start']}"
    table = html[html.index('id="la-table"'):]
    table = table[: table.index("</table>")]
    rows = re.findall(r'<th scope="row">(.*?)</th>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>([\d.]+)', table)
    charted = re.findall(r"([A-Z][\w ]+?): ([\d.]+) weeks", chart.alt.split(". ", 1)[1])
    assert [(name, weeks) for name, _, weeks in rows] == charted
    assert "April 2024 to March 2025" in chart.subject and "April 2024 to March 2025" in table
    assert period == "2024-04"


@pytest.mark.parametrize("slug", SAMPLE_BOARDS)
def test_no_text_printed_under_7_pt(sample_packs, slug):
    """Nothing in a pack prints smaller than 7 pt, chart text included: a chart drawn wider than the
    column it is printed in is shrunk with its text (the trend charts' ticks printed at 6.1 pt)."""
    small = small_text(sample_packs[slug]["pdf"], 7.0)
    assert small == [], f"{slug}: text under 7 pt (page, size, text): {small[:10]}"


def test_small_text_measures_the_printed_size():
    """The check itself: 6 pt text is found and 8 pt is not; an SVG chart's 10 px text (7.5 pt) printed
    at half its width is found at about 3.75 pt."""
    from weasyprint import HTML

    svg = ("data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 width=%22200%22 height=%2240%22%3E"
           "%3Ctext x=%2210%22 y=%2220%22 font-size=%2210%22 font-family=%22DejaVu Sans%22%3EShrunk%3C/text%3E%3C/svg%3E")
    html = ("<style>@page { size: A6; margin: 10mm; } body { font-family: 'DejaVu Sans'; }</style>"
            f"<p style='font-size: 6pt'>Tiny</p><p style='font-size: 8pt'>Fine</p><img style='width: 100px' src='{svg}'>")
    found = {text: size for _, size, text in small_text(HTML(string=html).write_pdf(), 7.0)}
    assert set(found) == {"Tiny", "Shrunk"}, found
    assert abs(found["Tiny"] - 6.0) < 0.1 and abs(found["Shrunk"] - 3.75) < 0.2


@pytest.mark.parametrize("slug", SAMPLE_BOARDS)
def test_no_log_means_no_diversion_heading(sample_packs, slug):
    """A board without a pre-proceedings log gets a line saying so, not a heading over a line."""
    built = sample_packs[slug]
    log = built["pack"].pre_proceedings.get("log") or {}
    text = " ".join(_page_texts(built["pdf"]))
    if log.get("unavailable"):
        assert "Families leaving pre-proceedings: the diversion rate" not in text
        assert "this board keeps no pre-proceedings log" in text
    else:
        assert "Families leaving pre-proceedings: the diversion rate" in text
