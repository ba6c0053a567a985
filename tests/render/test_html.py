"""The HTML summary (lfjb/render/html.py) and its presentation helpers (lfjb/formatting.py, lfjb/render/).

Parsed with tinyhtml5 (an HTML5 parser, as a browser parses): language, title, one h1, headings in order, tables with
captions and scoped headers, no scripts, no URL that leaves the file, user text escaped.
"""

from __future__ import annotations

import sys
import re
from pathlib import Path

import tinyhtml5
import pytest

from lfjb.inputs import load_board
from lfjb.month import Month
from lfjb.metrics.targets import change_direction
from lfjb.pack import build_pack
from lfjb import colours, formatting
from lfjb.render import context, templates
from lfjb.render import theme as render_theme
from lfjb.render.html import render_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/pack_edits.py
from pack_edits import with_actions, with_board, with_branding, with_tile  # noqa: E402

TINY = Path(__file__).parent.parent / "fixtures" / "tiny" / "tiny.yaml"
SCRIPT_TITLE = "<script>alert(1)</script>"
URL_ATTRIBUTES = ("src", "href", "{http://www.w3.org/1999/xlink}href", "xlink:href", "action", "poster", "data", "srcset")


@pytest.fixture(scope="module")
def pack():
    return build_pack(load_board(TINY), Month(2025, 3))


@pytest.fixture(scope="module")
def marked_pack(pack):
    """The tiny pack with action A1's title replaced by markup, as a hostile action log might hold."""
    return with_actions(pack, "A1", ("overdue", "open_list", "due_soon", "stale"), title=SCRIPT_TITLE)


@pytest.fixture(scope="module")
def html_text(marked_pack) -> str:
    return render_html(marked_pack)


@pytest.fixture(scope="module")
def doc(html_text):
    return tinyhtml5.parse(html_text, namespace_html_elements=False)


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
    assert formatting.kpi_value(value, unit) == shown


def test_change_words():
    assert formatting.kpi_change(2.4773, "weeks") == "+2.5 weeks"
    # Percentage points to one decimal, as the headlines have them ("down 1.7 points").
    assert formatting.kpi_change(-6.2, "%") == "−6.2 points"
    assert formatting.kpi_change(-1.6666666666666643, "%") == "−1.7 points"
    assert formatting.kpi_change(4.285714285714285, "%") == "+4.3 points"
    assert formatting.kpi_change(0.04, "%") == "no change"
    assert formatting.kpi_change(0.01, "weeks") == "no change"
    assert formatting.kpi_change(None, "cases") == "–"
    assert formatting.money(18_500_000) == "£18.5 million"
    assert formatting.money(376_529.41) == "£376,529"
    assert formatting.long_date("2024-09-26") == "26 September 2024"
    assert formatting.month_end("2025-03") == "31 March 2025"
    assert formatting.month_end("2024-02") == "29 February 2024"


@pytest.mark.parametrize(("value", "shown"), [
    (363_470.58823529416, "£360,000"),
    (1_494_005.7295645534, "£1.5 million"),
    (18_500_000, "£19 million"),
    (125_000_000, "£130 million"),
    (999_999, "£1.0 million"),
    (4_352.94, "£4,400"),
    (0, "£0"),
    (None, "–"),
])
def test_estimates_are_shown_to_two_significant_figures(value, shown):
    assert formatting.money_estimate(value) == shown


@pytest.mark.parametrize(("variation", "month_words", "year_words"), [
    # Within the usual range: the change is given, not judged, as the headline gives it (issue 19's review).
    ("common_cause", "On last month −1.7 points", "On last year +4.3 points"),
    # An unusual month: the change is judged.
    ("special_cause_concern", "On last month −1.7 points (worse)", "On last year +4.3 points (better)"),
])
def test_tiles_and_headlines_round_changes_alike(pack, variation, month_words, year_words):
    """A tile's percentage-point change reads as the summary's headline has it: 1.7 points, not 2."""
    month, year = -1.6666666666666643, 4.285714285714285
    changed = with_tile(pack, "pct_within_26", change_month=month, change_year=year, variation=variation,
                        change_month_direction=change_direction("pct_within_26", month, variation),
                        change_year_direction=change_direction("pct_within_26", year, variation))
    tile = changed.kpi_tiles["pct_within_26"]
    doc = tinyhtml5.parse(render_html(changed), namespace_html_elements=False)
    tiles = {_text(a.find("h3")): _text(a) for a in doc.findall(".//article")}
    text = tiles[tile["label"]]
    assert month_words in text and year_words in text
    if variation == "common_cause":
        assert "(worse)" not in text and "(better)" not in text


def test_cost_figures_are_rounded_estimates(doc, pack):
    cost = doc.find(".//section[@id='sec-cost']")
    figures = _text(cost.find(".//dl"))
    assert formatting.money_estimate(pack.cost_of_delay["board_benefit_per_week_gbp"]) in figures
    amounts = re.findall(r"£([\d,.]+)", figures)
    assert amounts
    for amount in amounts:
        # No more than two significant figures: £4,400 or £1.5 million, never £4,353.
        significant_digits = amount.replace(",", "").replace(".", "").strip("0")
        assert len(significant_digits) <= 2, f"£{amount} claims more precision than an estimate has"


def test_kaplan_meier_sentence_says_which_cases_it_covers(doc, pack):
    km = pack.kaplan_meier
    durations = _text(doc.find(".//section[@id='sec-durations']"))
    assert f"Of the {km['cases']} cases issued from April 2023 to March 2025, {km['censored']} were still open on 31 March 2025" in durations
    # The model's own note ("The 2 still open ...") is not shown: the sentence above replaces it.
    assert km["note"] not in _text(doc.find(".//main"))


# --- on a phone: charts scale, wide tables reflow into cards ------------------------------------------------


def _header_names(table) -> list[str]:
    """Each column's name: its <th scope="col">; under a group header (<th scope="colgroup">, the local
    authorities' "12 months to March 2025"), the column's name, a comma and the group's."""
    rows = table.findall("./thead/tr")
    if len(rows) == 1:
        return [_text(th) for th in rows[0].findall("th")]
    groups, names = [], []
    for th in rows[0].findall("th"):
        span = int(th.get("colspan", 1))
        groups += [_text(th) if th.get("scope") == "colgroup" else None] * span
        if th.get("rowspan") == "2":
            names.append(_text(th))
    names += [_text(th) for th in rows[1].findall("th")]
    return [f"{name}, {group}" if group else name for name, group in zip(names, groups)]


def test_wide_tables_carry_column_names_for_the_phone_layout(doc):
    """Each wide table is marked to stack on a narrow screen, and every data cell carries its column's
    name (data-label), the same words as its <th scope="col">, for the card the phone shows."""
    stacked = [t for t in doc.findall(".//table") if "stack" in (t.get("class") or "").split()]
    ids = {t.get("id") for t in stacked}
    assert {"la-table", "driver-grid", "actions-by-group", "governance-table"} <= ids
    assert any(i.startswith("attention-") for i in ids)
    for table in stacked:
        names = _header_names(table)
        for row in table.findall("./tbody/tr"):
            cells = list(row)
            assert cells[0].tag == "th" and cells[0].get("scope") == "row", f"{table.get('id')}: a card needs a row header"
            for column, cell in enumerate(cells[1:], start=1):
                assert cell.tag == "td"
                assert cell.get("data-label") == names[column], f"{table.get('id')} column {column}: {cell.get('data-label')!r} != {names[column]!r}"


def test_phone_css_stacks_tables_and_brings_due_dates_forward(html_text):
    css = html_text[html_text.index("@media (max-width: 40rem)"):]
    css = css[: css.index("@media print")]
    assert re.search(r"table\.stack > thead \{[^}]*clip", css), "column headers stay for screen readers, visually hidden"
    assert re.search(r"td::before \{[^}]*content: attr\(data-label\)", css)
    assert "min-width" not in css.split("table.stack")[0], "no fixed minimum width makes a table or chart scroll sideways"
    order = {name: int(n) for name, n in re.findall(r"\.col-(\w+) \{ order: (\d+); \}", css)}
    assert order["due"] < order["owner"] and order["overdue"] < order["owner"] and order["status"] < order["owner"]


def test_charts_scale_to_the_screen(doc, html_text):
    charts = [el for el in doc.iter() if el.tag in ("svg", "{http://www.w3.org/2000/svg}svg") and el.get("role") == "img"]
    assert charts
    for svg in charts:
        assert svg.get("viewBox"), "a chart needs its viewBox to scale"
        assert svg.get("width") is None and svg.get("height") is None, f"fixed size on {svg.get('aria-label')[:40]!r}"
    assert re.search(r"figure\.chart svg \{[^}]*width: 100%[^}]*height: auto", html_text)


def test_contrast_is_computed_to_wcag():
    # WCAG 2.2 worked values: black on white is 21:1; GOV.UK blue #1d70b8 on white is about 5.17:1.
    assert colours.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert colours.contrast_ratio("#1d70b8", "#ffffff") == pytest.approx(5.17, abs=0.01)


@pytest.mark.parametrize("primary", ["#ffdd00", "#f0f0f0", "#00a3e0", "#1d4f91", "#1b3a5c", "#8a8a8a"])
def test_board_colours_always_give_readable_text(primary):
    board = render_theme.board_theme({"primary_colour": primary, "accent_colour": "#ffbf47"})
    assert colours.contrast_ratio(board.on_primary, board.primary) >= 4.5
    assert colours.contrast_ratio(board.primary_ink, "#ffffff") >= 4.5
    assert colours.contrast_ratio(board.accent_ink, "#ffffff") >= 4.5


def test_light_primary_gets_dark_text():
    theme = render_theme.board_theme({"primary_colour": "#ffdd00"})
    assert theme.on_primary == colours.INK
    assert render_theme.board_theme({"primary_colour": "#1d4f91"}).on_primary == "#ffffff"


def test_only_hex_colours_reach_css():
    theme = render_theme.board_theme({"primary_colour": "red;} body{background:url(http://x)}", "accent_colour": None})
    assert theme.primary == render_theme.DEFAULT_PRIMARY
    assert "url(" not in theme.css()


def test_light_board_colour_renders_dark_masthead_text(pack):
    light = with_branding(pack, primary_colour="#ffdd00")
    html_text = render_html(light)
    assert f"--on-primary:{colours.INK}" in html_text


def test_heat_levels():
    assert render_theme.heat_level(0, 5) == 0
    assert render_theme.heat_level(None, 5) == 0
    assert render_theme.heat_level(1, 5) == 1
    assert render_theme.heat_level(5, 5) == 4
    assert render_theme.heat_level(1, 1) == 4
    for level in range(5):
        background, colour = re.findall(r"#[0-9a-f]{6}", render_theme.heat_style(level))
        assert colours.contrast_ratio(background, colour) >= 4.5


def test_template_lookup_prefers_the_installed_package_folder():
    folders = templates.template_dirs()
    assert folders and (folders[0] / "pack.html").is_file() and (folders[0] / "summary_page.html").is_file()
    assert templates.environment().autoescape("x.html") is True


def test_actions_grouped_overdue_first(pack):
    groups = context.actions_by_sub_group(pack.actions, pack.board["sub_groups"])
    assert [g["id"] for g in groups] == ["pre-proceedings", "court"]
    first = groups[0]["attention"][0]
    assert first["action"]["id"] == "A1" and first["reasons"][0] == "Overdue"
    court = groups[1]["attention"][0]
    assert court["action"]["id"] == "A2" and "Overdue" in court["reasons"]


def test_logo_is_embedded_so_the_summary_stays_self_contained(tmp_path):
    from pathlib import Path

    from lfjb.inputs import load_board
    from lfjb.month import Month
    from lfjb.pack import build_pack
    from lfjb.render.html import render_html

    board = load_board(Path(__file__).resolve().parents[2] / "board_config" / "wolverhampton.yaml")
    html = render_html(build_pack(board, Month(2025, 3)))
    assert 'class="masthead-logo" src="data:image/svg+xml;base64,' in html
    assert "file:" not in html


# --- the summary carries everything the PDF does (issue 11, item 16) ------------------------------------------


@pytest.fixture(scope="module")
def wolverhampton_outputs():
    """Wolverhampton's March 2025 pack (latest notes, unusual months, on-track actions) as the PDF's
    HTML and as the summary, with the charts drawn once."""
    from lfjb.charts import pack_charts
    from lfjb.render.pdf import pack_html_for_pdf

    board = load_board(Path(__file__).resolve().parents[2] / "board_config" / "wolverhampton.yaml")
    pack = build_pack(board, Month(2025, 3))
    charts = pack_charts(pack)
    pdf = tinyhtml5.parse(pack_html_for_pdf(pack, charts), namespace_html_elements=False)
    summary = tinyhtml5.parse(render_html(pack, charts), namespace_html_elements=False)
    return pack, pdf, summary


def test_summary_has_every_table_and_chart_of_the_pdf(wolverhampton_outputs):
    """Each table and figure of the PDF is in the summary (folded away in <details> is fine)."""
    pack, pdf, summary = wolverhampton_outputs
    tables = {t.get("id") for t in pdf.iter("table")}
    assert "all-open-actions" in tables and any(t.startswith("unusual-") for t in tables), "the sample PDF has both"
    missing = tables - {t.get("id") for t in summary.iter("table")}
    assert missing == set(), f"tables in the PDF but not in the summary: {sorted(missing)}"
    pdf_charts = {_text(f.find("figcaption")) for f in pdf.iter("figure") if f.find("figcaption") is not None}
    summary_text = _text(summary.find(".//main"))
    assert [c for c in pdf_charts if c not in summary_text] == []


def test_summary_lists_every_open_action_with_its_latest_note(wolverhampton_outputs):
    pack, _, summary = wolverhampton_outputs
    text = _text(summary.find(".//main"))
    open_ids = [row["id"] for row in pack.actions["open_list"]]
    assert pack.actions["on_track"], "the sample board has on-track actions (the PDF's Appendix A)"
    assert [i for i in open_ids if i not in text] == [], "every open action is in the summary"
    notes = [row["latest_note"] for row in pack.actions["open_list"] if row.get("reasons") and row.get("latest_note")]
    assert notes and [n for n in notes if " ".join(n.split()) not in text] == []
    folded = summary.find(".//details[@id='other-open-actions']")
    assert folded is not None and folded.find(".//table[@id='all-open-actions']") is not None


def test_summary_gives_each_trend_its_facts_and_unusual_months(wolverhampton_outputs):
    pack, _, summary = wolverhampton_outputs
    assert any(pack.spc[kpi].unusual_runs for kpi in pack.trend_kpis), "the sample board has unusual months"
    for kpi in pack.trend_kpis:
        section = summary.find(f".//section[@id='trend-{kpi}']")
        facts = _text(section.find(".//dl[@class='trend-facts']"))
        assert "Usual range" in facts and "Assurance" in facts
        if pack.spc[kpi].unusual_runs:
            assert section.find(f".//details//table[@id='unusual-{kpi}']") is not None


def _column_heads(table) -> list:
    """Each column's own header cell: the lowest <th> over it in the table's header rows (so a group
    header spanning columns, or a caption printed as the header's first row, gives way to the
    column's own; a header spanning two rows is its column's)."""
    grid: dict[tuple[int, int], object] = {}
    for r, row in enumerate(table.findall("./thead/tr")):
        c = 0
        for th in row.findall("th"):
            while (r, c) in grid:
                c += 1
            for dr in range(int(th.get("rowspan", 1))):
                for dc in range(int(th.get("colspan", 1))):
                    grid[(r + dr, c + dc)] = th
            c += int(th.get("colspan", 1))
    columns = max((c for _, c in grid), default=-1) + 1
    bottom = max((r for r, _ in grid), default=-1)
    return [grid.get((bottom, c)) for c in range(columns)]


def _header_marks(doc) -> list[str]:
    """"table id: header" for each column header not marked as its column's cells are: th class="num"
    over a column of td.num, th class="heat" over the heat grid's td.heat, neither over other columns."""
    wrong = []
    for table in doc.iter("table"):
        heads = _column_heads(table)
        rows = [list(row) for row in table.findall("./tbody/tr")]
        for column, head in enumerate(heads):
            cells = [row[column] for row in rows if len(row) > column]
            classes = [set((c.get("class") or "").split()) for c in cells]
            wanted = ("heat" if cells and all("heat" in c for c in classes)
                      else "num" if cells and all("num" in c for c in classes) else None)
            marks = set((head.get("class") or "").split()) & {"num", "heat"}
            if marks != ({wanted} if wanted else set()):
                wrong.append(f"{table.get('id')}: {_text(head)!r} marked {sorted(marks)}, its cells want {wanted}")
    return wrong


def test_numeric_column_headers_are_marked_by_the_templates(wolverhampton_outputs):
    """The section templates mark each header over figures themselves (th.num, th.heat), in the PDF's
    HTML and the summary alike; the shared stylesheet aligns by those classes and guesses nothing."""
    _, pdf, summary = wolverhampton_outputs
    assert _header_marks(pdf) == []
    assert _header_marks(summary) == []
    shared = templates.stylesheet(templates.SHARED_STYLESHEET)
    assert ":has(" not in shared and "th.num" in shared and "th.heat" in shared


def test_over_long_free_text_is_shortened_with_a_note(pack):
    # Issue 24, round 2: a 20,000-character action owner made a 33-page PDF in 34 s.
    long = with_actions(pack, None, ("overdue", "open_list", "due_soon", "stale"),
                        title="t" * 20000, owner="o" * 20000, latest_note="n" * 20000)
    html = render_html(long)
    for letter, kind in (("t", "title"), ("o", "owner"), ("n", "note")):  # at most the limit, ellipsis included
        limit = templates.TEXT_LIMITS[kind]
        assert letter * (limit - 1) + "…" in html and letter * limit not in html
    assert "…" in html and "[shortened: the full text is in the pack’s JSON and spreadsheets]" in html


def test_clip_keeps_short_text_and_escapes_what_it_shortens():
    from markupsafe import Markup

    assert templates.clip("Chair", "owner") == "Chair"
    clipped = templates.clip("<b>" + "x" * 500, "owner")
    assert isinstance(clipped, Markup) and "<b>" not in clipped and "&lt;b&gt;" in clipped
    assert clipped.startswith("&lt;b&gt;" + "x" * (templates.TEXT_LIMITS["owner"] - 4) + "…")


@pytest.mark.parametrize("sheet", ["pack.css", "summary.css"])
def test_long_unbroken_words_wrap_in_the_actions_tables(sheet):
    css = (templates.templates_dir() / sheet).read_text()
    assert re.search(r"\.actions-table[^{]*\{[^}]*overflow-wrap:\s*anywhere", css)


def test_an_over_long_board_name_is_shortened(pack):
    long = with_board(pack, name="B" * 20000)
    html = render_html(long)
    limit = templates.TEXT_LIMITS["name"]
    assert "B" * (limit - 1) + "…" in html and "B" * limit not in html


def test_templates_shorten_names_with_the_one_filter():
    """Names are cut by lfjb's `shorten` filter (TEXT_LIMITS, one home), never by Jinja's own `truncate`
    with the limit and ellipsis written again in each template (issue 22, item 3)."""
    found = [f"{p.name}: {line.strip()[:80]}" for p in templates.templates_dir().rglob("*.html")
             for line in p.read_text(encoding="utf-8").splitlines() if "|truncate" in line.replace(" ", "")]
    assert found == []
    env = templates.environment()
    name = "N" * (templates.TEXT_LIMITS["name"] + 5)
    assert env.from_string("{{ n|shorten }}").render(n=name) == templates.shorten(name) == "N" * (templates.TEXT_LIMITS["name"] - 1) + "…"


def test_the_pre_proceedings_figures_are_sentences_that_start_with_a_capital():
    # "Time in pre-proceedings" was followed by "half are estimated to end within ..." on a line of its own.
    root = Path(__file__).resolve().parents[2]
    wolves = build_pack(load_board(root / "board_config" / "wolverhampton.yaml"), Month(2025, 3))
    doc = tinyhtml5.parse(render_html(wolves), namespace_html_elements=False)
    section = doc.find(".//section[@id='sec-pre-proceedings']")
    figures = {_text(dt): _text(dd) for dt, dd in zip(section.iter("dt"), section.iter("dd"))}
    assert figures["Time in pre-proceedings"].startswith("Half are estimated to end within ")
    for term, said in figures.items():
        assert said[:1] and not said[0].islower(), (term, said)


# What a chair must not have to read: a setting's or a column's id (snake_case not part of a file's name), a
# setting's path in the terms of reference ("inputs.extract"), or a file's folders.
_CODE_WORDS = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b(?![.\w])|\binputs\.\w+|\b[A-Za-z_][\w-]*/[A-Za-z_][\w-]*/")


@pytest.mark.parametrize("path", sorted((Path(__file__).resolve().parents[2] / "board_config").glob("*.yaml")),
                         ids=lambda p: p.stem)
def test_the_pack_says_settings_columns_and_files_in_words(path):
    # "add it under inputs.pre_proceedings in the terms of reference", "(rows: hearing) in inputs.extract",
    # "disposal_date", "sample_data/wolverhampton/court_list.csv": the pack's words, not its settings.
    doc = tinyhtml5.parse(render_html(build_pack(load_board(path), Month(2025, 3))), namespace_html_elements=False)
    for element in (*doc.iter("script"), *doc.iter("style")):
        element.clear()
    text = _text(doc.find(".//body"))
    found = sorted({m.group(0) for m in _CODE_WORDS.finditer(text)})
    assert found == [], [(word, text[max(0, text.index(word) - 60):text.index(word) + 40]) for word in found]
