"""Known-answer tests for the comparison's delay drivers (lfjb/compare/drivers.py; named test_compare_drivers.py because
pytest's default import mode needs test files' names to differ from tests/metrics/test_drivers.py), from three packs'
`drivers` sections: one with two drivers tied at the top, one whose extract records no drivers, one that
counts its open actions only in the matrix."""

from __future__ import annotations

import pytest

from compare_data import fake_pack_json

from lfjb.compare.drivers import (DRIVER_COLUMNS_IN_PRINT, cases_citing, driver_rows, driver_summary,
                                  open_actions_on, top_driver, top_driver_rows)
from lfjb.pack_model import PackModel
from lfjb.vocab import DRIVERS

ZEROS = dict.fromkeys(DRIVERS, 0)


def _pack(slug: str, name: str, drivers: dict, **extra) -> PackModel:
    """A pack whose `drivers` section (and any `extra` sections) is exactly this."""
    return PackModel.from_json({**fake_pack_json(slug), "board": {"slug": slug, "name": name}, "drivers": drivers, **extra})


ALPHA = _pack("alpha", "Alpha Local Family Justice Board", {
    "cases": {**ZEROS, "workforce_capacity": 5, "court_capacity": 5, "expert_assessments": 1},
    "open_actions": {**ZEROS, "workforce_capacity": 2},
    "window": {"cases_disposed": 20},
})
BETA = _pack("beta", "Beta Local Family Justice Board", {
    "cases": dict.fromkeys(DRIVERS), "cases_unavailable": "the extract has no delay_drivers column",
})
GAMMA = _pack("gamma", "Gamma Local Family Justice Board", {
    "cases": {**ZEROS, "expert_assessments": 3},
    "matrix": {"expert_assessments": {"court": 0, "pre": 0}, "court_capacity": {"court": 2, "pre": 1}},
}, rolling_12={"disposed": 30})  # no window: the base is the pack's 12-month disposals
PACKS = [ALPHA, BETA, GAMMA]


def test_top_driver_lists_every_tied_driver_in_vocab_order():
    assert top_driver(ALPHA.drivers.cases) == ["workforce_capacity", "court_capacity"]
    assert top_driver(ZEROS) == [] and top_driver({}) == []


def test_cases_citing_is_none_when_the_extract_records_no_drivers():
    assert cases_citing(BETA) is None
    assert cases_citing(_pack("x", "X", {"cases": dict.fromkeys(DRIVERS)})) is None  # all null, no reason given
    assert cases_citing(GAMMA)["expert_assessments"] == 3 and cases_citing(GAMMA)["plo_tracking"] == 0


def test_open_actions_from_the_count_else_the_matrix():
    assert open_actions_on(ALPHA.drivers, "workforce_capacity") == 2
    assert open_actions_on(GAMMA.drivers, "court_capacity") == 3  # 2 + 1 in the matrix
    assert open_actions_on(GAMMA.drivers, "plo_tracking") == 0  # in neither


def test_rows_by_driver_most_cited_first():
    rows = driver_rows(PACKS)
    # workforce 5, court 5 (tied: vocab order), expert 1 + 3 = 4, then the rest with 0 in vocab order
    assert [(r["driver"], r["total"]) for r in rows[:4]] == [
        ("workforce_capacity", 5), ("court_capacity", 5), ("expert_assessments", 4), ("late_family_presentation", 0)]
    expert = rows[2]
    assert expert["by_board"] == {"alpha": 1, "beta": None, "gamma": 3}
    assert (expert["boards_citing"], expert["boards_top"]) == (2, 1)  # Gamma's top, not Alpha's
    assert rows[0]["boards_top"] == 1 and rows[0]["label"] == "Workforce capacity"


def test_each_boards_top_driver_and_whether_it_acts_on_it():
    alpha, beta, gamma = top_driver_rows(PACKS)
    assert [(e["driver"], e["cases"], e["open_actions"]) for e in alpha["top"]] == [
        ("workforce_capacity", 5, 2), ("court_capacity", 5, 0)]
    assert alpha["top"][0]["share"] == pytest.approx(25.0) and alpha["has_open_action"] is True  # 5 of 20
    assert alpha["short_name"] == "Alpha" and alpha["cases_disposed"] == 20
    assert beta["top"] == [] and beta["has_open_action"] is None and beta["drivers_recorded"] is False
    assert gamma["top"][0]["share"] == pytest.approx(10.0)  # 3 of the 30 in rolling_12
    assert gamma["has_open_action"] is False


def test_the_summary_names_boards_not_acting_on_their_top_driver_and_those_without_drivers():
    s = driver_summary(PACKS)
    assert s["boards"] == ["alpha", "beta", "gamma"]
    assert s["no_open_action_on_top_driver"] == ["gamma"] and s["no_open_action_names"] == ["Gamma"]
    assert s["not_recorded_names"] == ["Beta"]
    assert s["columns_in_print"] == DRIVER_COLUMNS_IN_PRINT
    assert len(s["not_in_print"]) == len(DRIVERS) - DRIVER_COLUMNS_IN_PRINT
    assert s["not_in_print"] == [r["label"] for r in s["rows"][DRIVER_COLUMNS_IN_PRINT:]]
    assert s["window"] == {"months": 12, "end": "2025-03"}
    assert driver_summary([])["window"]["end"] is None
