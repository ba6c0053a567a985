"""RAG status against a target, the rule in words and the direction of a change (lfjb/metrics/targets.py), worked by hand."""

from __future__ import annotations

import pytest

from lfjb.metrics.targets import change_direction, rag_status


@pytest.mark.parametrize(("value", "expected"), [(26.0, "green"), (25.0, "green"), (28.6, "amber"), (28.7, "red"), (None, None)])
def test_rag_for_lower_is_better(value, expected):
    # Target 26 weeks: amber up to 10% over (28.6 weeks).
    assert rag_status("mean_weeks", value, 26.0) == expected


@pytest.mark.parametrize(("value", "expected"), [(60.0, "green"), (54.0, "amber"), (53.9, "red")])
def test_rag_for_higher_is_better(value, expected):
    # Target 60%: amber down to 54%.
    assert rag_status("pct_within_26", value, 60.0) == expected


def test_no_rag_without_target_or_for_neutral_measures():
    assert rag_status("mean_weeks", 30.0, None) is None
    assert rag_status("issued", 30.0, 20.0) is None


def test_change_direction():
    assert change_direction("mean_weeks", -1.5) == "better"
    assert change_direction("pct_within_26", -1.5) == "worse"
    assert change_direction("mean_weeks", 0.0) == "same"
    assert change_direction("issued", 3.0) is None
    # A month within the usual range: its change is not judged; an unusual month's is.
    assert change_direction("mean_weeks", -1.5, "common_cause") is None
    assert change_direction("mean_weeks", -1.5, "special_cause_improvement") == "better"


def test_the_rag_rule_in_words_uses_the_boards_own_target():
    from lfjb.metrics.targets import rag_rule

    # Central London's target is 45 weeks: amber up to 45 x 1.1 = 49.5 weeks, not the 28.6 of 26 weeks.
    assert "target of 45 weeks, up to 49.5 weeks" in rag_rule({"mean_weeks": 45})
    assert "26" not in rag_rule({"mean_weeks": 45})
    # With the statutory 26 weeks the Cafcass bands are the context.
    assert "up to 28.6 weeks, close to Cafcass's 'near' band" in rag_rule({"mean_weeks": 26})
