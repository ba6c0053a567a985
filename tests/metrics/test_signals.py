"""Known-answer tests for signals linked to actions (lfjb/metrics/signals.py)."""

from __future__ import annotations

from datetime import date

from lfjb.inputs.actions import Action
from lfjb.metrics.signals import kpi_signals


def _action(id_: str, kpis: list[str], status: str = "in_progress") -> Action:
    return Action.model_validate({"id": id_, "title": "An action", "sub_group": "court", "owner": "Someone",
                                  "raised": date(2024, 1, 10), "due": date(2025, 6, 30), "status": status, "kpis": kpis})


TILES = {
    "mean_weeks": {"variation": "special_cause_concern", "rag": "red", "assurance": "hit_and_miss"},
    "pct_within_26": {"variation": "common_cause", "rag": "green", "assurance": "fail"},
    "open_over_26": {"variation": "special_cause_improvement", "rag": "amber"},
    "open_over_52": {"variation": "common_cause", "rag": "green", "assurance": "pass"},  # nothing wrong
    "issued": {"variation": "special_cause_concern"},  # no better direction: never a signal
}
ACTIONS = [
    _action("A1", ["mean_weeks"]),
    _action("A2", ["mean_weeks", "pct_within_26"], status="complete"),  # done: does not count
    _action("A3", ["mean_weeks"], status="on_hold"),
]


def test_each_kpi_in_trouble_with_its_reasons_and_open_actions():
    signals = kpi_signals(TILES, ACTIONS)
    # In the order of vocab.DIRECTIONAL_KPIS; the KPIs with nothing wrong, and `issued`, are left out.
    assert [s["kpi"] for s in signals] == ["mean_weeks", "pct_within_26", "open_over_26"]
    mean, pct, over = signals
    assert mean == {"kpi": "mean_weeks", "label": "Average duration",
                    "reasons": ["special-cause concern in the SPC chart", "missing its target"],
                    "linked_actions": ["A1", "A3"], "unaddressed": False}
    assert pct["reasons"] == ["will not meet its target without change (assurance: fail)"]
    assert pct["linked_actions"] == [] and pct["unaddressed"] is True  # A2 is complete
    assert over["reasons"] == ["missing its target"] and over["unaddressed"] is True


def test_no_tiles_or_nothing_wrong_gives_no_signals():
    assert kpi_signals({}, ACTIONS) == []
    assert kpi_signals({"mean_weeks": {"variation": "common_cause", "rag": "green"}}, []) == []
