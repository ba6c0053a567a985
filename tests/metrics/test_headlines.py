"""Known-answer tests for the pack's headlines (lfjb/metrics/headlines.py): their order, and that each
KPI headline's tag is its tile's colour."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lfjb.inputs import load_board
from lfjb.month import Month
from lfjb.pack import build_pack

ROOT = Path(__file__).resolve().parents[2]
TILE_TONE = {"green": "good", "amber": "warn", "red": "bad"}
TONE_RANK = {"bad": 0, "warn": 1}


@pytest.fixture(scope="module")
def packs():
    return {(slug, m): build_pack(load_board(ROOT / "board_config" / f"{slug}.yaml"), Month.parse(m))
            for slug in ("wolverhampton", "central-london") for m in ("2025-03", "2024-09")}


def test_headlines_are_needs_action_then_watch_then_the_rest(packs):
    # Wolverhampton, March 2025 (issue 19): "Watch" items came before the overdue actions' "Needs action".
    for key, pack in packs.items():
        ranks = [TONE_RANK.get(h["tone"], 2) for h in pack.headlines]
        assert ranks == sorted(ranks), key
    wolves = packs["wolverhampton", "2025-03"].headlines
    assert wolves[0]["tone"] == "bad" and any(h["tone"] == "warn" for h in wolves)


def test_the_order_keeps_reading_order_within_a_tag():
    from lfjb.metrics.headlines import in_order_of_importance

    found = [{"text": t, "tone": tone} for t, tone in
             [("a", "good"), ("b", "warn"), ("c", "bad"), ("d", "neutral"), ("e", "bad"), ("f", "warn")]]
    assert [h["text"] for h in in_order_of_importance(found)] == ["c", "e", "b", "f", "a", "d"]


def test_a_kpi_headlines_tag_is_its_tiles_colour(packs):
    # Issue 22: Wolverhampton's over-52-weeks tile said green "On target" while the summary tagged it "Watch".
    for key, pack in packs.items():
        for h in pack.headlines:
            tile = pack.kpi_tiles.get(h.get("kpi"))
            if tile and tile["rag"]:
                assert h["tone"] == TILE_TONE[tile["rag"]], (key, h["text"])
    wolves = packs["wolverhampton", "2025-03"]
    assert wolves.kpi_tiles["open_over_52"]["rag"] == "green"
    [h] = [h for h in wolves.headlines if h.get("kpi") == "open_over_52"]
    assert h["tone"] == "good"


def test_a_measure_on_target_but_worse_than_last_month_says_so_under_the_tiles_colour():
    from lfjb.metrics.headlines import _kpi_headline
    from lfjb.month import Month

    from lfjb.metrics.targets import change_direction

    def tile_for(variation: str) -> dict:  # the tile as pack._tiles makes it: its directions follow its variation
        return {"id": "mean_weeks", "label": "Average duration", "unit": "weeks", "value": 34.0, "target": 35.0,
                "rag": "green", "rag_words": "On target", "change_month": 3.0,
                "change_month_direction": change_direction("mean_weeks", 3.0, variation),
                "change_year": -1.2, "change_year_direction": change_direction("mean_weeks", -1.2, variation),
                "variation": variation, "spc_summary": "" if variation == "common_cause" else "Unusual."}
    tile = tile_for("common_cause")
    headline = _kpi_headline(tile, Month(2025, 3))
    # The words say what the tile says: on target, and up 3 weeks on last month. The latest month is common cause
    # (within the usual range), so one month's change is not judged better or worse (statistician's review of
    # issue 19: "down 1.7 points (worse)" with a standard error of 13.5 points).
    assert headline["text"] == ("Average duration: 34.0 weeks in March 2025, on target (target 35 weeks); "
                                "up 3.0 weeks on February 2025; down 1.2 weeks on March 2024.")
    # An unusual latest month: then the direction is judged.
    unusual = _kpi_headline(tile_for("special_cause_concern"), Month(2025, 3))
    assert "up 3.0 weeks on February 2025 (worse); down 1.2 weeks on March 2024 (better)." in unusual["text"]
    # The tag is the tile's colour (issue 22: a green "On target" tile was tagged "Watch"): one month's
    # change within the usual range is not a signal; an unusual one is said by the SPC sentence.
    assert headline["tone"] == "good"
    assert _kpi_headline({**tile, "rag": "amber", "rag_words": "Near target"}, Month(2025, 3))["tone"] == "warn"
    assert _kpi_headline({**tile, "rag": "red", "rag_words": "Off target"}, Month(2025, 3))["tone"] == "bad"


# A folder path, a column's id (snake_case not part of a file's name) or a row number: words for the secretariat,
# not for a chair reading the summary.
_FOLDER = re.compile(r"\w/\w")
_COLUMN_ID = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b(?![.\w])")
_ROW_NUMBER = re.compile(r"\brows? \d")


def test_the_summary_names_files_by_name_and_fields_in_words_without_rows(packs):
    # Wolverhampton, March 2025: "walsall_tracker.csv: 1 value differs from an earlier source (disposal_date 1)" and
    # "sandwell_tracker.csv: 2 cases (rows 574, 575) are not in court_list.csv" (the rows are in the appendix).
    data = [h["text"] for h in packs["wolverhampton", "2025-03"].headlines if h["section"] == "data_quality"]
    assert data == [
        "walsall_tracker.csv disagrees with an earlier file on the disposal date of 1 case; the earlier file's value "
        "is used (see Data quality).",
        "sandwell_tracker.csv: 2 cases are not in court_list.csv, so they are not counted (see Data quality).",
        "3 rows of the data extract were set aside and not counted (see Data quality).",
    ]
    for key, pack in packs.items():
        for h in pack.headlines:
            for pattern in (_FOLDER, _COLUMN_ID, _ROW_NUMBER):
                assert not pattern.search(h["text"]), (key, pattern.pattern, h["text"])
