"""Known-answer tests for outcomes (lfjb/metrics/outcomes.py); expert assessments are in test_experts.py."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lfjb.metrics.outcomes import outcome_summary
from lfjb.month import Month

MARCH = Month(2025, 3)


def _cases(rows):
    """(local_authority, issue, disposal or None, outcome, experts or None)."""
    return pd.DataFrame({
        "local_authority": [r[0] for r in rows],
        "issue_date": pd.to_datetime([r[1] for r in rows]),
        "disposal_date": pd.to_datetime([r[2] for r in rows]),
        "outcome": [r[3] for r in rows],
        "experts": [np.nan if r[4] is None else float(r[4]) for r in rows],
    })


CASES = _cases([
    ("North", "2024-01-01", "2024-06-30", "care_order", 2),           # 181 days, within 26 weeks
    ("North", "2024-03-01", "2025-03-31", "care_order", 0),           # 395 days
    ("South", "2024-06-01", "2025-01-01", "special_guardianship_order", 1),  # 214 days
    ("South", "2024-07-01", "2024-10-01", "", None),                  # disposed, no outcome: not in the shares
    ("South", "2023-01-01", "2024-03-31", "withdrawn", 0),            # disposed before the window: out
    ("North", "2025-01-01", None, "", 1),                             # open: out
])


def test_outcome_shares_by_authority_and_duration_by_outcome():
    o = outcome_summary(CASES, MARCH)
    # Disposed April 2024 - March 2025: 4; 3 with an outcome: 2 care orders, 1 SGO.
    assert (o["disposed"], o["recorded"], o["not_recorded"]) == (4, 3, 1)
    assert o["counts"]["care_order"] == 2 and o["counts"]["special_guardianship_order"] == 1 and o["counts"]["withdrawn"] == 0
    assert o["shares"]["care_order"] == pytest.approx(200 / 3) and o["shares"]["other"] == 0.0
    assert o["most_common"] == "care_order"
    la = {row["local_authority"]: row for row in o["by_local_authority"]}
    assert la["North"]["shares"]["care_order"] == 100.0
    assert (la["South"]["disposed"], la["South"]["recorded"], la["South"]["shares"]["special_guardianship_order"]) == (2, 1, 100.0)
    # Care orders: 181 and 395 days, mean = median = 288 days; SGO 214 days. Longest median first.
    assert [(d["outcome"], d["cases"]) for d in o["durations"]] == [("care_order", 2), ("special_guardianship_order", 1)]
    assert o["durations"][0]["median_weeks"] == pytest.approx(288 / 7) and o["durations"][0]["pct_within_26"] == 50.0
    by_month = {m["month"]: m["recorded"] for m in o["by_month"]}
    assert len(o["by_month"]) == 12 and by_month["2024-06"] == 1 and by_month["2025-03"] == 1 and by_month["2024-10"] == 0


def test_nothing_disposed_gives_nulls_not_zeros():
    o = outcome_summary(CASES, Month(2021, 3))
    assert o["recorded"] == 0 and o["most_common"] is None and o["shares"]["care_order"] is None
