"""Known-answer tests for children returning to court (lfjb/metrics/returning.py)."""

from __future__ import annotations

import pandas as pd

from lfjb.metrics.returning import NO_CHILD_IDS, returning_children
from lfjb.month import Month


def _cases(rows):
    return pd.DataFrame({"case_id": [r[0] for r in rows], "issue_date": pd.to_datetime([r[1] for r in rows]),
                         "disposal_date": pd.to_datetime([r[2] for r in rows])})


def _children(rows):
    return pd.DataFrame({"case_id": [r[0] for r in rows], "child_id": [r[1] for r in rows]})


CASES = _cases([
    ("A", "2022-01-10", "2022-09-01"),   # disposed in the window (April 2022 - March 2023 for March 2025)
    ("B", "2022-03-01", "2023-02-15"),   # in the window
    ("C", "2022-05-01", "2022-12-01"),   # in the window
    ("D", "2023-06-01", "2024-01-10"),   # child 1 back 9 months after A: a return
    ("E", "2025-02-01", None),           # child 3 back 26 months after C: too late
    ("F", "2021-01-01", "2021-06-01"),   # before the window
])
CHILDREN = _children([("A", "c1"), ("A", "c2"), ("B", "c2"), ("C", "c3"), ("D", "c1"), ("E", "c3"), ("F", "c4")])


def test_share_of_children_in_a_new_application_within_24_months():
    r = returning_children(CASES, CHILDREN, Month(2025, 3))
    # Window April 2022 - March 2023: children c1, c2 (A and B), c3 -> 3 children.
    # c1 returns in D (issued 1 June 2023, 9 months after A); c2's B was issued before A ended, not after;
    # c3's E was issued 26 months after C: outside 24 months.
    assert r["window"] == {"start": "2022-04", "end": "2023-03"}
    assert (r["children"], r["returned"], r["share"]) == (3, 1, 100 / 3)
    assert r["follow_up_complete"] and r["followed_at_least_months"] == 24


def test_an_extract_too_short_uses_its_earliest_disposals_and_says_the_follow_up_is_shorter():
    cases = CASES[CASES["case_id"].isin(["D", "E"])].assign(disposal_date=pd.to_datetime(["2024-01-10", "2024-06-30"]))
    r = returning_children(cases, _children([("D", "c1"), ("E", "c3")]), Month(2025, 3))
    # Earliest disposal January 2024: window January - December 2024, followed to March 2025 at least 3 months.
    assert r["window"] == {"start": "2024-01", "end": "2024-12"}
    assert (r["children"], r["returned"], r["follow_up_complete"], r["followed_at_least_months"]) == (2, 0, False, 3)


def test_without_child_ids_it_is_unavailable_not_zero():
    r = returning_children(CASES, None, Month(2025, 3))
    assert r["unavailable"] == NO_CHILD_IDS and r["share"] is None


def test_a_past_month_never_counts_disposals_recorded_after_it():
    # June 2022: the extract's first disposal with a child id (F, June 2021) is before any 24-month follow-up
    # window, so the earliest 12 months are used, ending at June 2022 at the latest; A (September 2022) and
    # later disposals were not known in June 2022. Only F's child: c4, followed 12 months, not back.
    r = returning_children(CASES, CHILDREN, Month(2022, 6))
    assert r["window"]["end"] <= "2022-06" and r["children"] == 1
    # In the month of the first disposal itself there is nothing to follow yet.
    assert returning_children(CASES, CHILDREN, Month(2021, 6))["share"] is None
