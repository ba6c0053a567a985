"""Accessibility of the HTML summary, tested with the tools people use, not promised.

(a) The Nu HTML Checker (npm package `vnu-jar`, run with Java): no errors.
(b) axe-core in Debian's headless Chromium through Playwright (no browser download): no violations
    at WCAG 2.2 A/AA, at a phone width and a desktop width.

Tools are found through environment variables, then their usual install places:
- LFJB_VNU_JAR: path to vnu.jar (else node_modules/vnu-jar/build/dist/vnu.jar under the repo,
  $LFJB_NODE_PREFIX, ~/.cache/lfjb-a11y or /tmp/vnu);
- LFJB_AXE_JS: path to axe.min.js (else node_modules/axe-core/axe.min.js in the same places, else the
  copy bundled with the `axe-playwright-python` package);
- LFJB_CHROMIUM: the browser (default /usr/bin/chromium).
When a tool is missing the test fails under CI (the CI environment variable is set) and is skipped,
with the reason, on a developer's machine.
"""

from __future__ import annotations

import sys
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from lfjb.inputs import load_board
from lfjb.month import Month
from lfjb.pack import build_pack
from lfjb.render.html import render_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/pack_edits.py
from pack_edits import with_actions, with_branding  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
TINY = REPO / "tests" / "fixtures" / "tiny" / "tiny.yaml"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the accessibility tools must be installed: see .ci/run)")
    pytest.skip(reason)


def _node_prefixes() -> list[Path]:
    prefixes = [REPO]
    if os.environ.get("LFJB_NODE_PREFIX"):
        prefixes.insert(0, Path(os.environ["LFJB_NODE_PREFIX"]))
    return prefixes + [Path.home() / ".cache" / "lfjb-a11y", Path("/tmp/vnu")]


def _find(env: str, relative: str) -> Path | None:
    if os.environ.get(env):
        path = Path(os.environ[env])
        return path if path.is_file() else None
    for prefix in _node_prefixes():
        if (prefix / "node_modules" / relative).is_file():
            return prefix / "node_modules" / relative
    return None


def _axe_js() -> Path | None:
    found = _find("LFJB_AXE_JS", "axe-core/axe.min.js")
    if found or os.environ.get("LFJB_AXE_JS"):
        return found
    try:
        import axe_playwright_python
    except ImportError:
        return None
    bundled = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    return bundled if bundled.is_file() else None


@pytest.fixture(scope="module")
def summary_html(tmp_path_factory) -> Path:
    """The tiny board's summary, with a hostile action title and a light board colour, on disk."""
    pack = build_pack(load_board(TINY), Month(2025, 3))
    pack = with_actions(pack, "A1", ("overdue", "open_list"), title="<script>alert(1)</script>")
    path = tmp_path_factory.mktemp("a11y") / "summary.html"
    path.write_text(render_html(pack), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def light_summary_html(tmp_path_factory) -> Path:
    """A board whose primary colour is too light for white text: the summary must still pass."""
    pack = with_branding(build_pack(load_board(TINY), Month(2025, 3)), primary_colour="#ffdd00", accent_colour="#ffbf47")
    path = tmp_path_factory.mktemp("a11y-light") / "summary.html"
    path.write_text(render_html(pack), encoding="utf-8")
    return path


# --- (a) Nu HTML Checker -----------------------------------------------------------------------------------


def test_nu_html_checker_finds_no_errors(summary_html):
    jar = _find("LFJB_VNU_JAR", "vnu-jar/build/dist/vnu.jar")
    java = shutil.which("java")
    if jar is None:
        _missing("vnu.jar not found: npm install vnu-jar, or set LFJB_VNU_JAR")
    if java is None:
        _missing("java not found: the Nu HTML Checker needs a Java runtime")
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", str(summary_html)],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    assert errors == [], "\n".join(f"line {m.get('lastLine')}: {m.get('message')}" for m in errors)
    assert result.returncode == 0, result.stderr


# --- (b) axe-core in headless Chromium ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed: pip install playwright (no browser download is needed)")
    executable = os.environ.get("LFJB_CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).is_file():
        _missing(f"Chromium not found at {executable}: apt-get install chromium, or set LFJB_CHROMIUM")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _axe_violations(browser, path: Path, width: int) -> list[dict]:
    axe = _axe_js()
    if axe is None:
        _missing("axe.min.js not found: npm install axe-core (or pip install axe-playwright-python), or set LFJB_AXE_JS")
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        # Block every request: the summary must need nothing from outside itself.
        page.route("**/*", lambda route: route.abort() if not route.request.url.startswith("file:") else route.continue_())
        page.goto(path.as_uri())
        page.evaluate(axe.read_text(encoding="utf-8"))
        results = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS
        )
    finally:
        page.close()
    return results["violations"]


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines += [f"    {node['target']}: {node['failureSummary']}" for node in v["nodes"][:5]]
    return "\n".join(lines)


@pytest.mark.parametrize("width", [375, 1280])
def test_axe_finds_no_wcag22_aa_violations(browser, summary_html, width):
    violations = _axe_violations(browser, summary_html, width)
    assert violations == [], _describe(violations)


def test_axe_passes_with_a_light_board_colour(browser, light_summary_html):
    violations = _axe_violations(browser, light_summary_html, 1280)
    assert violations == [], _describe(violations)


def test_page_makes_no_requests(browser, summary_html):
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(summary_html.as_uri())
    page.close()
    assert requested == [summary_html.as_uri()]


# --- (c) the summary on a phone: nothing off-screen ------------------------------------------------------

OFF_SCREEN_JS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('main table, main caption, main figure, main svg[role=img], main td, main th')) {
    if (el.closest('table.stack > thead')) continue;  // visually hidden: the cards label each cell
    const box = el.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 1 || box.left < -1)) {
      wide.push(`${el.tagName.toLowerCase()}#${el.id || el.closest('[id]')?.id}: ${Math.round(box.left)}..${Math.round(box.right)}`);
    }
  }
  const due = document.querySelector('table.actions-table tbody tr td.col-due');
  const owner = due && due.parentElement.querySelector('td.col-owner');
  return {
    width, scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 10),
    dueAboveOwner: due ? due.getBoundingClientRect().top < owner.getBoundingClientRect().top : null,
    dueLabel: due ? getComputedStyle(due, '::before').content : null,
  };
}"""


@pytest.mark.parametrize("width", [320, 390, 768])
def test_phone_shows_whole_charts_and_tables(browser, summary_html, width):
    """At phone widths no chart, table, caption or cell runs past the screen's edge (so nothing needs
    scrolling sideways), and an action's due date comes before its owner, labelled with its column."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(summary_html.as_uri())
        found = page.evaluate(OFF_SCREEN_JS)
    finally:
        page.close()
    assert found["scrollWidth"] <= found["width"], f"the page scrolls sideways: {found}"
    assert found["wide"] == [], f"off-screen at {width} px: {found['wide']}"
    assert found["dueAboveOwner"] is True
    assert "Due" in found["dueLabel"]


def test_desktop_keeps_tables_as_tables(browser, summary_html):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(summary_html.as_uri())
        display = page.evaluate("() => getComputedStyle(document.querySelector('table.stack tbody tr')).display")
    finally:
        page.close()
    assert display == "table-row"


# --- (d) on a 390 px phone: charts drawn for the phone, wide tables scroll in labelled regions (issue 11, item 15)

PHONE_WIDTH = 390
MIN_CHART_TEXT_PX = 12

PHONE_JS = """() => {
  const texts = [], small = [];
  for (const t of document.querySelectorAll('main figure.chart svg text')) {
    const box = t.getBoundingClientRect();
    if (!box.width || !t.textContent.trim()) continue;  // the variant for the other screen size: display none
    const svg = t.ownerSVGElement;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const px = parseFloat(getComputedStyle(t).fontSize) * scale;
    texts.push(px);
    if (px < %(min)s) small.push(`${svg.id || svg.closest('[id]')?.id}: "${t.textContent.slice(0, 30)}" ${px.toFixed(1)} px`);
  }
  const unlabelled = [];
  let scrolling = 0;
  for (const table of document.querySelectorAll('main table')) {
    const wrap = table.parentElement;
    if (table.getBoundingClientRect().width <= wrap.clientWidth + 1) continue;
    scrolling += 1;
    const label = (wrap.getAttribute('aria-labelledby') || '').split(' ').map(id => document.getElementById(id)?.textContent.trim() || '').join(' ').trim()
      || (wrap.getAttribute('aria-label') || '').trim();
    const ok = wrap.getAttribute('role') === 'region' && wrap.tabIndex === 0 && label
      && ['auto', 'scroll'].includes(getComputedStyle(wrap).overflowX);
    if (!ok) unlabelled.push(table.id);
  }
  return {scrollWidth: document.scrollingElement.scrollWidth, texts: texts.length, small: small.slice(0, 12),
          smallCount: small.length, scrolling, unlabelled};
}""" % {"min": MIN_CHART_TEXT_PX}


@pytest.fixture(scope="module")
def sample_summary_html(tmp_path_factory) -> Path:
    """Wolverhampton's summary for March 2025: every section and chart the sample boards have."""
    pack = build_pack(load_board(REPO / "board_config" / "wolverhampton.yaml"), Month(2025, 3))
    path = tmp_path_factory.mktemp("a11y-sample") / "summary.html"
    path.write_text(render_html(pack), encoding="utf-8")
    return path


@pytest.mark.parametrize("which", ["tiny", "wolverhampton"])
def test_phone_charts_are_readable_and_wide_tables_scroll_in_labelled_regions(browser, summary_html, sample_summary_html, which, tmp_path):
    """At 390 px every chart shows its phone variant, whose text is at least 12 px as drawn on the
    screen (the A4 chart shrunk to a phone had text of about 5 px); nothing makes the page scroll
    sideways; a table still wider than the screen scrolls inside a focusable region with a name."""
    path = summary_html if which == "tiny" else sample_summary_html
    page = browser.new_page(viewport={"width": PHONE_WIDTH, "height": 900})
    try:
        page.goto(path.as_uri())
        found = page.evaluate(PHONE_JS)
        page.screenshot(path=str(tmp_path / f"{which}-{PHONE_WIDTH}.png"), full_page=True)  # kept for a failing run
    finally:
        page.close()
    assert found["texts"] > 0, "no chart text visible at all"
    assert found["smallCount"] == 0, f"chart text under {MIN_CHART_TEXT_PX} px at {PHONE_WIDTH} px ({found['smallCount']}): {found['small']}"
    assert found["scrollWidth"] <= PHONE_WIDTH, f"the page scrolls sideways: {found['scrollWidth']} px"
    assert found["unlabelled"] == [], f"wide tables not in a focusable, labelled scroll region: {found['unlabelled']}"


def test_desktop_shows_the_wide_charts(browser, summary_html):
    """From 40rem up the A4 chart is shown and its phone variant hidden (one chart for assistive technology)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(summary_html.as_uri())
        shown = page.evaluate("""() => [...document.querySelectorAll('main figure.chart svg[role=img]')]
            .filter(svg => svg.getBoundingClientRect().width > 0)
            .map(svg => svg.parentElement.className || 'figure')""")
    finally:
        page.close()
    assert shown and "chart-phone" not in shown, shown


# --- (e) the case progression charts on a 390 px phone: every label whole and apart (issue 14) -----------

CHART_TEXT_JS = """id => {
  const holder = document.querySelector(`[data-chart="${id}"]`);
  const svg = holder && holder.querySelector('svg');
  if (!svg || !svg.getBoundingClientRect().width) return null;
  const frame = svg.getBoundingClientRect();
  // One box a line: a wrapped label is a <text> of several <tspan>s, each its own line.
  const lines = [];
  for (const t of svg.querySelectorAll('text')) {
    const parts = t.querySelectorAll('tspan').length ? [...t.querySelectorAll('tspan')] : [t];
    for (const part of parts) {
      const b = part.getBoundingClientRect();
      if (b.width && part.textContent.trim()) lines.push({text: part.textContent.trim(), left: b.left, right: b.right, top: b.top, bottom: b.bottom});
    }
  }
  const cut = lines.filter(l => l.left < frame.left - 1 || l.right > frame.right + 1 || l.top < frame.top - 1 || l.bottom > frame.bottom + 1)
    .map(l => `"${l.text}" ${Math.round(l.left - frame.left)}..${Math.round(l.right - frame.left)} of ${Math.round(frame.width)} px`);
  const overlaps = [];
  const inset = 1;  // px: glyph boxes of neighbouring lines may touch
  for (let i = 0; i < lines.length; i++) for (let j = i + 1; j < lines.length; j++) {
    const a = lines[i], b = lines[j];
    if (a.left + inset < b.right && b.left + inset < a.right && a.top + inset < b.bottom && b.top + inset < a.bottom) overlaps.push(`"${a.text}" / "${b.text}"`);
  }
  return {lines: lines.map(l => l.text), cut, overlaps, ellipsis: lines.filter(l => l.text.includes('…')).map(l => l.text),
          width: frame.width, screen: document.documentElement.clientWidth, left: frame.left};
}"""


@pytest.mark.parametrize("chart_id, expected", [
    # The quarters as "Q1" with the year under its first; both series named in the legend.
    ("pre_proceedings_quarters", ["Q1", "Q4", "2024-25", "pre-proceedings", "Families diverted from court, of those"]),
    # Every bar's label whole, names wrapped.
    ("outcomes", ["Care order", "Special guardianship", "No order"]),
    # Every colour's meaning in the legend, the zones named, the open-ended last age band.
    ("case_tracker_age", ["Red zone: past 26 weeks", "Amber zone", "Green: neither", "80+"]),
])
def test_case_progression_phone_charts_show_every_label_whole_and_apart(browser, sample_summary_html, chart_id, expected):
    """At 390 px the phone variant of each case progression chart is shown inside the screen, and
    no line of its text is cut by the chart's edge, shortened with an ellipsis or drawn over another
    (before it had a layout of its own, the quarter labels ran into each other, the outcomes' first
    bar label and the case tracker's legend ran off the chart)."""
    page = browser.new_page(viewport={"width": PHONE_WIDTH, "height": 900})
    try:
        page.goto(sample_summary_html.as_uri())
        found = page.evaluate(CHART_TEXT_JS, f"{chart_id}_narrow")
    finally:
        page.close()
    assert found is not None, f"{chart_id}_narrow is not shown at {PHONE_WIDTH} px"
    assert found["left"] >= 0 and found["left"] + found["width"] <= found["screen"] + 1
    assert found["cut"] == [], f"{chart_id}: text cut by the chart's edge: {found['cut']}"
    assert found["ellipsis"] == [], f"{chart_id}: text shortened: {found['ellipsis']}"
    assert found["overlaps"] == [], f"{chart_id}: text drawn over other text: {found['overlaps'][:8]}"
    for words in expected:
        assert any(words in line for line in found["lines"]), f"{chart_id}: {words!r} not among {found['lines']}"
