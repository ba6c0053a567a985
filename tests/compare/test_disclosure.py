"""The publishable comparison (lfjb/compare/disclosure.py) on packs built by hand.

Three boards in March 2025 (fake_pack; every other month has 20 cases disposed of):

    board   issued  disposed  mean weeks   % within 26   open > 26 weeks
    small        3         7   31.234567   3/7 = 42.86             4
    mid         12        25   40.111111   7/25 = 28.0            30
    big         30        40   38.3        14/40 = 35.0           50
    all         45        72                                      84

- issued: small's 3 is a count of 1 to 5 (`[c]`); alone it is 45 - 12 - 30, so mid's 12, the next
  smallest, is hidden too (secondary). open > 26 weeks: likewise small's 4, then mid's 30.
- small's March average and percentage are over 7 cases, fewer than 10: withheld. The all-boards
  figure pools the three with the cases shown, so the next board by cases, mid, is withheld too.
- disposed (7, 25, 40) has no count of 1 to 5: all shown.
"""

from __future__ import annotations

import json

import pytest

from lfjb.compare.disclosure import publishable
from lfjb.compare.model import add_words, build_comparison
from lfjb.compare.pilot import pilot_from_packs
from lfjb.compare.suppression import DERIVED, SECONDARY, SMALL_BASE, SMALL_COUNT
from lfjb.month import Month
from lfjb.pack_model import to_plain
from lfjb.render.comparison import render_comparison_html
from lfjb.render.files import json_text

from compare_data import BASELINE, MONTH, PILOT, fake_pack, three_boards

SMALL_MEAN, MID_MEAN = 31.234567, 40.111111


@pytest.fixture(scope="module")
def packs():
    return three_boards(SMALL_MEAN, MID_MEAN)


@pytest.fixture(scope="module")
def raw(packs):
    source = {"kind": "packs", "files": [], "boards": 3}
    return add_words(build_comparison(packs, MONTH, source, pilot=pilot_from_packs(packs, BASELINE, PILOT)))


@pytest.fixture(scope="module")
def published(raw):
    return publishable(raw, min_cases=10)


def _reason(model, *key):
    """Why a cell was withheld (kept in the model for checking, never written to a file)."""
    return model.withheld_reasons.get(key)


def _row(model, slug):
    return next(r for r in model.boards if r["slug"] == slug)


def test_small_count_and_its_secondary(published):
    small, mid, big = (_row(published, s) for s in ("small", "mid", "big"))
    assert small["issued"] is None and _reason(published, "board", "small", "issued") == SMALL_COUNT
    assert mid["issued"] is None and _reason(published, "board", "mid", "issued") == SECONDARY
    # The published row says only that both are suppressed, not which is the small count.
    assert small["suppressed"]["issued"] == mid["suppressed"]["issued"] == "suppressed"
    assert big["issued"] == 30
    assert published.all_boards["issued"] == 45
    assert _reason(published, "board", "small", "open_over_26") == SMALL_COUNT
    assert _reason(published, "board", "mid", "open_over_26") == SECONDARY
    assert (small["disposed"], mid["disposed"], big["disposed"]) == (7, 25, 40)


def test_averages_over_too_few_cases_are_withheld_with_a_secondary(published):
    small, mid, big = (_row(published, s) for s in ("small", "mid", "big"))
    assert small["mean_weeks"] is None and _reason(published, "board", "small", "mean_weeks") == SMALL_BASE
    assert small["pct_within_26"] is None and _reason(published, "board", "small", "pct_within_26") == SMALL_BASE
    assert mid["mean_weeks"] is None and _reason(published, "board", "mid", "mean_weeks") == SECONDARY
    assert big["mean_weeks"] == 38.3
    assert small["change_mean_weeks"] is None and small["suppressed"]["change_mean_weeks"] == DERIVED


def test_the_unpublished_version_has_every_figure(raw):
    small = _row(raw, "small")
    assert small["issued"] == 3 and small["mean_weeks"] == SMALL_MEAN
    assert small.suppressed is None
    assert raw.marking == "OFFICIAL-SENSITIVE" and not raw.suppression["applied"]


def test_json_holds_no_suppressed_value_anywhere(published):
    text = json_text(published.to_json())
    assert str(SMALL_MEAN) not in text  # the board row and its trend point
    assert str(MID_MEAN) not in text
    assert str(300 / 7) not in text
    data = json.loads(text)
    small_trend = {p["month"]: p for p in data["trends"]["small"]}
    assert small_trend[str(MONTH)]["mean_weeks"] is None
    assert all("disposed" not in p for pts in data["trends"].values() for p in pts)  # monthly counts not published
    assert all("within_26_12m" not in b for b in data["boards"])
    assert data["pilot"]["boards"] == []


def test_json_records_the_suppression(published):
    data = published.to_json()
    s = data["suppression"]
    assert s["applied"] and s["min_cases"] == 10 and s["mark"] == "[c]"
    cells = {(c["row"], c["column"]): c["reason"] for c in s["cells"] if c["table"] == "league"}
    # Every hidden cell is listed, but not which one is the count of 1 to 5 (issue 11).
    assert cells[("small", "issued")] == cells[("mid", "issued")] == "suppressed"
    assert cells[("small", "change_mean_weeks")] == DERIVED
    assert {c["reason"] for c in s["cells"]} <= {"suppressed", DERIVED}
    rows = json_text({k: data[k] for k in ("boards", "regions", "all_boards", "trends", "drivers", "pilot")})
    for private in (SMALL_COUNT, SECONDARY, SMALL_BASE, "reveals_small_count"):
        assert f'"{private}"' not in rows
    assert s["counts"][SMALL_COUNT] >= 2
    assert "Counts of 1 to 5 are suppressed" in s["note"]
    assert f"{len(s['cells'])} figures are withheld and shown as [c]" in s["note"]
    assert data["protective_marking"] == "OFFICIAL"


def test_driver_counts_are_suppressed_with_a_secondary(published):
    """Court capacity: small 3, mid 9, big 15, total 27 -> 3 primary, 9 secondary."""
    row = next(r for r in published.drivers["rows"] if r["driver"] == "court_capacity")
    assert row["by_board"] == {"small": None, "mid": None, "big": 15}
    assert row["suppressed"] == {"small": "suppressed", "mid": "suppressed"}
    assert _reason(published, "driver", "court_capacity", "small") == SMALL_COUNT
    assert _reason(published, "driver", "court_capacity", "mid") == SECONDARY
    assert row["total"] == 27


def test_findings_use_only_published_figures(raw):
    """With 250 cases as the minimum, every board's 12-month average (227-260 cases, pooled) is withheld,
    so the sentence naming the shortest and longest average must go with them."""
    strict = publishable(raw, min_cases=250)
    assert any("shortest average duration" in f.lower() for f in raw.findings)
    assert [b["mean_weeks_12m"] for b in strict.boards] == [None, None, None]
    assert strict.findings and not any("shortest average duration" in f.lower() for f in strict.findings)


def test_html_shows_suppressed_cells_as_c_not_a_star(published):
    """Issue 22: the Analysis Function's shorthand [c], which a screen reader reads out, not `*`."""
    html = render_comparison_html(published)
    assert "<td class=\"num\">[c]</td>" in html
    assert "<td class=\"num\">*</td>" not in html
    assert "For publication." in html
    assert "OFFICIAL-SENSITIVE" not in html


def test_a_board_with_a_hidden_12_month_figure_hides_its_group_in_the_pilot_view(packs):
    tiny = fake_pack("tiny", "comparator", "Derby", disposed_12m=8, mean_weeks_12m=44.4444, pct_12m=50.0)
    model = publishable(add_words(build_comparison([*packs, tiny], MONTH, {"kind": "packs", "files": [], "boards": 4},
                                                   pilot=None)), 10)
    assert _row(model, "tiny")["mean_weeks_12m"] is None
    assert "44.4444" not in json_text(model.to_json())
    assert _row(model, "tiny")["rank"] is None
    # The Midlands sub-total pools tiny, small and mid with the cases shown, so one more Midlands
    # board's 12-month average is hidden (secondary; found within the region, so the all-boards total
    # needs no more) and the published boards are ranked 1, 2 among themselves.
    secondary = [r["slug"] for r in model.boards if _reason(model, "board", r["slug"], "mean_weeks_12m") == SECONDARY]
    assert len(secondary) == 1
    assert [r["rank"] for r in model.boards if r["rank"]] == [1, 2]


def test_min_cases_is_a_setting(raw):
    loose = publishable(raw, min_cases=5)
    assert _row(loose, "small")["mean_weeks"] == SMALL_MEAN
    assert Month.parse(loose.to_json()["month"]) == MONTH


def test_published_driver_shares_say_only_suppressed(published):
    """Shares are withheld before the reasons are made neutral: none says which hidden cell is the small count."""
    reasons = {r for row in published.drivers["rows"] for r in (row.get("share_suppressed") or {}).values()}
    assert reasons and reasons <= {"suppressed", "derived"}


# --- the suppression list names every hidden cell: journey, driver shares, case progression ------------------


@pytest.fixture(scope="module")
def published_more(packs):
    """The fixture's boards with small's journey and mid's case tracker:

    - small's CMH to IRH median rests on 8 cases (fewer than 10: withheld); its CMHs by day 12 are 3 of 40
      (a count of 1 to 5: the share would reveal it); issue to CMH (40 cases) is published;
    - mid's red open cases are 3 of 40: the share would reveal a count of 1 to 5;
    - driver shares: court capacity's small 3 and mid 9 are hidden counts, so their shares go with them.
    """
    from lfjb.pack import PackModel

    small, mid = packs[0].to_json(), packs[1].to_json()
    small["journey"] = {"has_hearing_dates": True, "stages": [
        {"id": "issue_to_cmh", "median_weeks": 1.5, "cases": 40}, {"id": "cmh_to_irh", "median_weeks": 25.0, "cases": 8},
        {"id": "issue_to_disposal", "median_weeks": 32.0, "cases": 40}],
        "cmh_by_day_12": {"cases": 40, "by_day_12": 3, "share": 7.5, "day": 12}}
    mid["case_tracker"] = {"open": 40, "by_rag": {"red": 3, "amber": 17, "green": 20}}
    packs = [PackModel.from_json(small), PackModel.from_json(mid), *packs[2:]]
    model = build_comparison(packs, MONTH, {"kind": "packs", "files": [], "boards": 3})
    return publishable(model, min_cases=10)


def _cells(model, table: str) -> dict:
    return {(c["row"], c["column"], c.get("measure")): c["reason"] for c in model.suppression["cells"] if c["table"] == table}


def test_withheld_journey_driver_share_and_case_progression_cells_are_in_the_suppression_list(published_more):
    data = json.loads(json_text(published_more.to_json()))
    journey = _cells(published_more, "journey")
    assert journey == {("small", "cmh_to_irh", None): "suppressed", ("small", "cmh_by_day_12", None): "suppressed"}
    assert _cells(published_more, "case_progression") == {("mid", "red_share", None): "suppressed"}
    shares = {k: r for k, r in _cells(published_more, "drivers").items() if k[2] == "share"}
    assert shares[("court_capacity", "small", "share")] == shares[("court_capacity", "mid", "share")] == DERIVED
    # Complete: every cell the published JSON marks as withheld, beside its row, is in the list.
    beside = {("journey", r["slug"], c) for r in data["journey"]["rows"] for c in r["suppressed"]}
    beside |= {("drivers", r["driver"], s, "share") for r in data["drivers"]["rows"] for s in r["share_suppressed"]}
    beside |= {("case_progression", r["slug"], k) for r in data["case_progression"]["rows"]
               for k in ("pre_proceedings_share", "diversion_rate", "red_share") if r.get(k) == "withheld"}
    listed = {(c["table"], c["row"], c["column"]) for c in data["suppression"]["cells"]}
    listed |= {(c["table"], c["row"], c["column"], c.get("measure")) for c in data["suppression"]["cells"]}
    assert beside and beside <= listed
    assert f"{len(data['suppression']['cells'])} figures are withheld" in data["suppression"]["note"]


def test_the_list_does_not_say_which_withheld_journey_cell_is_the_small_count(published_more):
    # cmh_by_day_12 hides a count of 1 to 5, cmh_to_irh a median over too few cases: the published list
    # (like the rows) says only "suppressed" for both; the private reasons are kept for checking only.
    assert _reason(published_more, "journey", "small", "cmh_by_day_12") == "reveals_small_count"
    assert _reason(published_more, "journey", "small", "cmh_to_irh") == SMALL_BASE
    text = json_text(published_more.to_json())
    cells = published_more.suppression["cells"]
    assert {c["reason"] for c in cells} <= {"suppressed", DERIVED}
    for private in (SMALL_COUNT, SECONDARY, SMALL_BASE, "reveals_small_count"):
        assert f'"{private}"' not in json_text({"cells": to_plain(cells), "journey": json.loads(text)["journey"]})
