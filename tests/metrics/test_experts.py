"""Known-answer tests for expert assessments (lfjb/metrics/experts.py): cases disposed of in the 12 months
to M (April 2024 to March 2025 here), their share with one expert or more, and durations with and without."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lfjb.metrics.experts import NOT_AN_EFFECT, expert_summary
from lfjb.month import Month

MARCH = Month(2025, 3)


def _cases(rows):
    """(local_authority, issue, disposal or None, experts or None)."""
    return pd.DataFrame({
        "local_authority": [r[0] for r in rows],
        "issue_date": pd.to_datetime([r[1] for r in rows]),
        "disposal_date": pd.to_datetime([r[2] for r in rows]),
        "experts": [np.nan if r[3] is None else float(r[3]) for r in rows],
    })


CASES = _cases([
    ("North", "2024-01-01", "2024-06-30", 2),     # 181 days, within 26 weeks
    ("North", "2024-03-01", "2025-03-31", 0),     # 395 days
    ("South", "2024-06-01", "2025-01-01", 1),     # 214 days
    ("South", "2024-07-01", "2024-10-01", None),  # disposed, no count: not in the shares
    ("South", "2023-01-01", "2024-03-31", 0),     # disposed the day before the window: out
    ("North", "2025-01-01", None, 1),             # open: out
    ("North", "2024-12-01", "2025-04-01", 3),     # disposed the day after M: out
])


def test_expert_share_and_durations_with_and_without():
    x = expert_summary(CASES, MARCH)
    assert (x["start"], x["end"]) == ("2024-04", "2025-03")
    # Disposed in the window: 4, 3 with a count (2, 0, 1); 2 used experts; mean (2 + 0 + 1) / 3 = 1.
    assert (x["disposed"], x["recorded"], x["not_recorded"], x["with_experts"]) == (4, 3, 1, 2)
    assert x["share"] == pytest.approx(200 / 3) and x["mean_experts"] == 1.0
    # With: 181 and 214 days (1 of 2 within 26 weeks); without: 395 days.
    w, wo = x["durations"]["with"], x["durations"]["without"]
    assert w["cases"] == 2 and w["mean_weeks"] == pytest.approx(197.5 / 7) and w["pct_within_26"] == 50.0
    assert wo["cases"] == 1 and wo["mean_weeks"] == pytest.approx(395 / 7) and wo["pct_within_26"] == 0.0


def test_by_local_authority_counts_only_cases_with_a_count():
    # North: 2 and 0 experts -> 1 of 2; South: 1 expert (the case with no count is left out) -> 1 of 1.
    assert expert_summary(CASES, MARCH)["by_local_authority"] == [
        {"local_authority": "North", "cases": 2, "with_experts": 1, "share": 50.0},
        {"local_authority": "South", "cases": 1, "with_experts": 1, "share": 100.0},
    ]


def test_nothing_disposed_gives_nulls_not_zeros():
    x = expert_summary(CASES, Month(2021, 3))
    assert (x["disposed"], x["recorded"], x["with_experts"]) == (0, 0, 0)
    assert x["share"] is None and x["mean_experts"] is None and x["durations"]["with"]["median_weeks"] is None
    assert x["by_local_authority"] == []


def test_with_and_without_experts_says_it_is_not_a_measure_of_effect():
    # Issue 19 item 5: longer cases have more time to collect experts, and harder cases need them.
    note = expert_summary(CASES, MARCH)["durations"]["not_an_effect"]
    assert note == NOT_AN_EFFECT
    assert note.startswith("Not a measure of what expert assessments do to duration:")
    assert "longer" in note and "more complex" in note
