"""Case progression across boards (lfjb/compare/case_progression.py): shares from the pack JSON, a
dash (None) where a pack lacks a figure, small numbers withheld when published."""

from __future__ import annotations

from compare_data import fake_pack_json

from lfjb.compare.case_progression import case_progression_rows, with_shares
from lfjb.pack_model import PackModel


def _pack(slug: str, **sections) -> PackModel:
    """A pack with these case progression sections; without them, as an older pack (none of them)."""
    return PackModel.from_json({**fake_pack_json(slug), **sections})


PACKS = [
    _pack("north",
          case_tracker={"open": 40, "by_rag": {"red": 10, "amber": 10, "green": 20}},
          pre_proceedings={"extract": {"unavailable": None, "with_pre_proceedings": 30, "recorded": 40},
                           "log": {"unavailable": None, "diverted": 3, "ended": 20}},
          outcomes={"unavailable": None, "recorded": 50, "counts": {"care_order": 40, "withdrawn": 10}}),
    _pack("south",  # an older pack, or an extract without these columns: dashes, never 0
          case_tracker={"open": 8, "by_rag": {"red": 2, "amber": 0, "green": 6}},
          pre_proceedings={"extract": {"unavailable": "not in this board's extract", "share": None},
                           "log": {"unavailable": "no log", "diversion_rate": None}},
          outcomes={"unavailable": "not in this board's extract", "counts": None}),
    _pack("east"),
]


def test_shares_from_each_pack_and_dashes_for_what_it_lacks():
    cp = case_progression_rows(PACKS)
    north, south, east = cp["rows"]
    assert north["pre_proceedings_share"] == 75.0 and north["diversion_rate"] == 15.0 and north["red_share"] == 25.0
    assert north["outcome_shares"]["care_order"] == 80.0 and north["outcome_shares"]["placement_order"] is None  # no count in the pack
    assert south["pre_proceedings_share"] is None and south["diversion_rate"] is None and south["outcome_shares"] is None
    assert south["red_share"] == 25.0
    assert east["red_share"] is None and east["outcome_shares"] is None
    assert cp["outcomes"] == ["care_order", "withdrawn"] and cp["any_log"] is True


def test_published_shares_hide_small_numbers_and_drop_the_counts():
    published = with_shares(case_progression_rows(PACKS), publish=True, min_cases=10)
    north, south, _ = published["rows"]
    assert "counts" not in north
    assert north["diversion_rate"] == "withheld"  # 3 diverted: a count of 1-5
    assert north["pre_proceedings_share"] == 75.0 and north["red_share"] == 25.0
    assert south["red_share"] == "withheld"  # 8 open cases: fewer than 10
