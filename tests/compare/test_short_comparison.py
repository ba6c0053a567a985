"""Issue 22: a comparison that reads in ten minutes. Each board's difference from the benchmark, SPC
signals only where there is one, delay drivers as shares of each board's cases with the base, the
long tables left to the HTML and spreadsheets with the PDF saying where, trends with no empty panel
slot, and no machine path in any output. Known answers from fake packs (compare_data.fake_pack)."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from compare_data import MONTH, fake_pack
from test_model import NATIONAL

from lfjb.charts.comparison import PANEL_COLUMNS, panel_rows, trends_specs
from lfjb.compare.disclosure import publishable
from lfjb.compare.model import add_words, build_comparison, public_source
from lfjb.render.comparison import comparison_html_for_pdf, render_comparison_html
from lfjb.pack_model import Journey
from lfjb.render.files import json_text


def _packs() -> list[dict]:
    # a: 200 cases, 38 weeks, 30% within 26 weeks, 30 cases citing court capacity (15%);
    # b: 300 cases, 42 weeks, 40%, 30 cases citing it (10%). Pooled: 40.4 weeks, 36%, 60 of 500 (12%).
    return [fake_pack("a", dfj_area="Worcester", disposed_12m=200, pct_12m=30.0, mean_weeks_12m=38.0),
            fake_pack("b", dfj_area="Guildford", disposed_12m=300, pct_12m=40.0, mean_weeks_12m=42.0)]


def _model(national=None, source=None):
    return add_words(build_comparison(_packs(), MONTH, source or {"kind": "packs", "files": [], "boards": 2}, national=national))


def test_each_board_has_its_difference_from_all_boards_pooled():
    model = _model()
    by = {b["slug"]: b for b in model.boards}
    assert model.benchmark["mean_weeks"] == pytest.approx(40.4)
    assert by["a"]["diff_mean_weeks_12m"] == pytest.approx(-2.4) and by["b"]["diff_mean_weeks_12m"] == pytest.approx(1.6)
    assert by["a"]["diff_pct_within_26_12m"] == pytest.approx(-6.0) and by["b"]["diff_pct_within_26_12m"] == pytest.approx(4.0)


def test_and_from_the_national_figure_when_given():
    model = _model(NATIONAL)
    by = {b["slug"]: b for b in model.boards}
    assert by["a"]["diff_mean_weeks_12m"] == pytest.approx(38.0 - 40.5)
    assert by["b"]["diff_pct_within_26_12m"] == pytest.approx(40.0 - 50.0)
    text = comparison_html_for_pdf(model)
    league = text[text.index('id="league-table"'):text.index("</table>", text.index('id="league-table"'))]
    assert "Against England and Wales (weeks)" in league and "−2.5" in league and "−10.0 pts" in league


def test_the_summary_opens_with_the_all_boards_figure_and_says_how_far_the_notable_boards_are():
    model = _model()
    assert model.findings[0].startswith("All boards pooled (12 months to March 2025): 40.4 weeks on average, 36.0% within 26 weeks.")
    assert model.findings[1] == ("Shortest average duration: A, 38.0 weeks (2.4 weeks below all boards); "
                                 "longest: B, 42.0 weeks (1.6 weeks above all boards).")


def test_a_suppressed_figure_has_no_difference():
    strict = publishable(build_comparison(_packs(), MONTH, {"kind": "packs", "files": [], "boards": 2}), min_cases=250)
    a = next(b for b in strict.boards if b["slug"] == "a")
    assert a["diff_mean_weeks_12m"] is None and "diff_mean_weeks_12m" in a["suppressed"]


def test_the_league_shows_a_signal_only_where_there_is_one():
    """fake_pack: average duration usual (common cause), % within 26 weeks improving, in both boards."""
    model = _model()
    for text in (comparison_html_for_pdf(model), render_comparison_html(model)):
        league = text[text.index('id="league-table"'):text.index("</table>", text.index('id="league-table"'))]
        assert "No unusual change" not in league
        assert league.count("Within 26 weeks: Improving") == 2 and "Average: " not in league


def test_drivers_are_shares_of_each_boards_cases_with_the_base():
    model = _model()
    court = next(r for r in model.drivers["rows"] if r["driver"] == "court_capacity")
    assert court["share_by_board"] == {"a": pytest.approx(15.0), "b": pytest.approx(10.0)}
    assert court["share_total"] == pytest.approx(12.0) and model.drivers["base_total"] == 500
    text = comparison_html_for_pdf(model)
    drivers = text[text.index('id="drivers-table"'):text.index("</table>", text.index('id="drivers-table"'))]
    assert "Base: cases disposed of" in drivers and "Court capacity (%)" in drivers
    assert re.search(r"<th scope=\"row\">A</th>\s*<td class=\"num\">200</td>\s*<td class=\"num\">15\.0%</td>", drivers)
    assert re.search(r"All boards</th>\s*<td class=\"num\">500</td>\s*<td class=\"num strong\">12\.0%</td>", drivers)


def test_published_shares_are_withheld_over_few_cases():
    strict = publishable(build_comparison(_packs(), MONTH, {"kind": "packs", "files": [], "boards": 2}), min_cases=250)
    court = next(r for r in strict.drivers["rows"] if r["driver"] == "court_capacity")
    assert court["share_by_board"]["a"] is None and court["share_suppressed"]["a"]
    assert court["share_by_board"]["b"] == pytest.approx(10.0)


def test_the_long_tables_are_in_the_html_and_the_pdf_says_where():
    model = _model()
    pdf, html = comparison_html_for_pdf(model), render_comparison_html(model)
    assert 'id="month-table"' in html and 'id="month-table"' not in pdf
    assert 'id="funnel-table"' in html and 'id="funnel-table"' not in pdf
    assert "comparison-2025-03.html" in pdf and "comparison-2025-03.ods" in pdf and "--format ods,xlsx" in pdf


def test_rows_of_panels_are_as_even_as_they_can_be():
    assert [len(r) for r in panel_rows(list(range(7)), 5)] == [4, 3]
    assert [len(r) for r in panel_rows(list(range(10)), 5)] == [5, 5]
    assert [len(r) for r in panel_rows(list(range(11)), 5)] == [4, 4, 3]
    assert [len(r) for r in panel_rows(list(range(3)), 5)] == [3]
    assert panel_rows(list(range(7)), 5) == [[0, 1, 2, 3], [4, 5, 6]]


def test_no_trend_chart_has_an_empty_panel_slot():
    """A chart's columns are exactly its boards, so no slot is left with bare axes."""
    packs = [fake_pack(f"b{i}", dfj_area=area) for i, area in enumerate(
        ["Worcester", "Birmingham", "Coventry", "Derby", "Leicester", "Lincoln", "Northampton"])]  # 7 in the Midlands
    model = add_words(build_comparison(packs, MONTH, {"kind": "packs", "files": [], "boards": 2}))
    specs = trends_specs(model)
    assert [s.id for s in specs] == ["trends-midlands", "trends-midlands-2"]
    for spec in specs:
        boards = {r["board"] for r in spec.datasets["trend"]}
        assert spec.spec["columns"] == len(boards) <= PANEL_COLUMNS
    assert [s.title for s in specs] == ["Midlands: 7 boards", "Midlands (continued)"]


def test_no_machine_path_in_the_source():
    source = {"kind": "configurations", "folder": "/home/someone/lfjb/board_config",
              "files": ["/home/someone/lfjb/board_config/a.yaml", "/elsewhere/b.yaml"], "boards": 2}
    assert public_source(source) == {"kind": "configurations", "folder": "board_config", "files": ["a.yaml", "b.yaml"],
                                     "boards": 2}
    model = _model(source=source)
    for text in (comparison_html_for_pdf(model), render_comparison_html(model), json_text(model.to_json())):
        assert "/home/someone" not in text and "/elsewhere" not in text


def test_the_spreadsheet_has_the_shares_with_their_bases():
    from lfjb.render.spreadsheet.comparison import comparison_workbook

    table = next(t for t in comparison_workbook(_model()).tables if t.name == "Driver_shares")
    assert [c.header for c in table.columns][:3] == ["Delay driver", "A (% of cases)", "B (% of cases)"]
    assert table.rows[0][1:] == [200, 300, 500]
    court = next(r for r in table.rows if r[0] == "Court capacity")
    assert court[1:] == [pytest.approx(15.0), pytest.approx(10.0), pytest.approx(12.0)]


# --- Issue 21: the journey per board ---------------------------------------------------------------------------

def _journey(with_dates: bool) -> dict:
    stage = lambda i, m, n: {"id": i, "label": i, "short_label": i.replace("_", " "), "median_weeks": m, "cases": n,
                             "unavailable": None if m is not None else "needs hearing dates"}
    return {"has_hearing_dates": with_dates,
            "stages": [stage("plo_to_issue", None, 0), stage("issue_to_cmh", 1.5 if with_dates else None, 40 if with_dates else 0),
                       stage("cmh_to_irh", 25.0 if with_dates else None, 8 if with_dates else 0),
                       stage("irh_to_final", 5.0 if with_dates else None, 40 if with_dates else 0),
                       stage("issue_to_disposal", 32.0, 40)],
            "cmh_by_day_12": {"cases": 40, "by_day_12": 18, "share": 45.0, "day": 12} if with_dates else None}


def _journey_model(publish_min: int | None = None):
    packs = _packs()
    packs = [dataclasses.replace(packs[0], journey=Journey.from_json(_journey(True))),
             dataclasses.replace(packs[1], journey=Journey.from_json(_journey(False)))]
    model = build_comparison(packs, MONTH, {"kind": "packs", "files": [], "boards": 2})
    return publishable(model, min_cases=publish_min) if publish_min else add_words(model)


def test_each_boards_journey_stages_and_cmhs_by_day_12():
    j = _journey_model().journey
    a, b = (next(r for r in j["rows"] if r["slug"] == s) for s in ("a", "b"))
    assert [s["id"] for s in j["stages"]] == ["plo_to_issue", "issue_to_cmh", "cmh_to_irh", "irh_to_final", "issue_to_disposal"]
    assert a["stages"]["cmh_to_irh"] == {"median_weeks": 25.0, "cases": 8} and a["cmh_by_day_12"]["share"] == 45.0
    assert b["stages"]["cmh_to_irh"]["median_weeks"] is None and b["stages"]["issue_to_disposal"]["median_weeks"] == 32.0
    assert j["with_hearing_dates"] == ("A",) and j["without_hearing_dates"] == ("B",)


def test_the_pdf_lists_boards_with_hearing_dates_the_html_every_board():
    model = _journey_model()
    pdf, html = comparison_html_for_pdf(model), render_comparison_html(model)
    table = lambda t: t[t.index('id="journey-table"'):t.index("</table>", t.index('id="journey-table"'))]
    assert '<th scope="row">A</th>' in table(pdf) and '<th scope="row">B</th>' not in table(pdf)
    assert '<th scope="row">A</th>' in table(html) and '<th scope="row">B</th>' in table(html)
    assert "25.0" in table(pdf) and "45.0%" in table(pdf) and "spreadsheets (“Journey”)" in pdf


def test_published_journey_withholds_medians_over_few_cases():
    j = _journey_model(publish_min=10).journey
    a = next(r for r in j["rows"] if r["slug"] == "a")
    assert a["stages"]["cmh_to_irh"]["median_weeks"] is None and a["suppressed"]["cmh_to_irh"] == "suppressed"  # the reason made neutral, as every published cell
    assert a["stages"]["issue_to_cmh"]["median_weeks"] == 1.5 and a["cmh_by_day_12"]["share"] == 45.0
