"""The journey chart (lfjb/charts/journey.py): stages side by side in order, the tick, the 26-week line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from lfjb.charts.bars import NARROW
from lfjb.charts.journey import ALL_AUTHORITIES, journey_spec
from lfjb.inputs import load_board
from lfjb.metrics.journey import NO_HEARING_LIST
from lfjb.month import Month
from lfjb.pack import build_pack


def _journey(north: dict, board: dict) -> dict:
    stage = lambda i, label, weeks: {"id": i, "label": label, "short_label": label, "median_weeks": weeks,  # noqa: E731
                                     "cases": 3, "unavailable": None}
    return {
        "window": {"start": "2024-04", "end": "2025-03"},
        "stages": [stage("plo_to_issue", "PLO", None), stage("issue_to_cmh", "Issue to CMH", board["issue_to_cmh"]),
                   stage("cmh_to_irh", "CMH to IRH", board["cmh_to_irh"]), stage("irh_to_final", "IRH to final", board["irh_to_final"]),
                   stage("issue_to_disposal", "Issue to final order", board["issue_to_disposal"])],
        "bar_stages": ["issue_to_cmh", "cmh_to_irh", "irh_to_final"],
        "by_local_authority": [{"local_authority": "North", "cases": 3, "stages": north, "cmh_by_day_12": 50.0}],
        "cmh_by_day_12": {"cases": 4, "by_day_12": 3, "share": 75.0, "day": 12, "by_local_authority": []},
        "weeks_26": 26, "has_hearing_dates": True,
    }


@pytest.fixture(scope="module")
def tiny_pack():
    return build_pack(load_board(Path(__file__).parents[1] / "fixtures" / "tiny" / "tiny.yaml"), Month(2025, 3))


def test_stages_follow_one_another_and_the_label_clears_the_tick(tiny_pack):
    board = {"issue_to_cmh": 2.0, "cmh_to_irh": 20.0, "irh_to_final": 5.0, "issue_to_disposal": 30.0}
    north = {"issue_to_cmh": 1.0, "cmh_to_irh": None, "irh_to_final": 4.0, "issue_to_disposal": 20.0}
    spec = journey_spec(replace(tiny_pack, journey=_journey(north, board)))
    pieces = spec.datasets["pieces"]
    # All authorities: 0-2, 2-22, 22-27 weeks, in the order a case meets them.
    assert [(p["name"], p["from"], p["to"]) for p in pieces] == [
        (ALL_AUTHORITIES, 0.0, 2.0), (ALL_AUTHORITIES, 2.0, 22.0), (ALL_AUTHORITIES, 22.0, 27.0),
        ("North", 0.0, 1.0)]  # North's bar stops where a stage has no median
    ends = {e["name"]: e for e in spec.datasets["ends"]}
    assert ends[ALL_AUTHORITIES]["label"] == "27.0" and ends[ALL_AUTHORITIES]["value"] == 30.0  # past the tick at 30
    assert {t["name"]: t["value"] for t in spec.datasets["ticks"]} == {ALL_AUTHORITIES: 30.0, "North": 20.0}
    assert spec.datasets["limit"][0]["value"] == 26.0
    assert spec.title.startswith("The weeks go between the first case management hearing and the IRH: a median of 20.0 weeks")
    assert "75% of first case management hearings were held by day 12" in spec.alt


def test_phone_variant_is_narrow_with_a_short_axis_title(tiny_pack):
    board = {"issue_to_cmh": 2.0, "cmh_to_irh": 20.0, "irh_to_final": 5.0, "issue_to_disposal": 30.0}
    spec = journey_spec(replace(tiny_pack, journey=_journey(dict(board), board)), NARROW)
    assert spec.id == "journey_narrow" and spec.spec["width"] == NARROW.width
    assert spec.spec["layer"][0]["encoding"]["x"]["title"] == "Weeks since issue (medians)"


def test_no_chart_without_hearing_dates(tiny_pack):
    assert tiny_pack.journey["has_hearing_dates"] is False
    assert {s["id"]: s["unavailable"] for s in tiny_pack.journey["stages"]}["issue_to_cmh"] == NO_HEARING_LIST
    assert journey_spec(tiny_pack) is None


def test_the_letter_before_proceedings_is_drawn_before_issue(tiny_pack):
    board = {"issue_to_cmh": 2.0, "cmh_to_irh": 20.0, "irh_to_final": 5.0, "issue_to_disposal": 30.0}
    journey = _journey(dict(board), board)
    journey["stages"][0] = {**journey["stages"][0], "median_weeks": 16.0}
    spec = journey_spec(replace(tiny_pack, journey=journey))
    first = spec.datasets["pieces"][0]
    assert (first["stage"], first["from"], first["to"]) == ("PLO", -16.0, 0.0)
    assert spec.spec["layer"][0]["encoding"]["color"]["scale"]["domain"][0] == "PLO"
