"""Known-answer tests for the child's journey stage by stage (lfjb/metrics/journey.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from lfjb.metrics.journey import NO_HEARING_LIST, NO_PLO_CASE_ID, journey_summary
from lfjb.month import Month

MARCH = Month(2025, 3)


def _cases(rows):
    """(case_id, local_authority, issue, disposal or None)."""
    return pd.DataFrame({
        "case_id": [r[0] for r in rows],
        "local_authority": [r[1] for r in rows],
        "issue_date": pd.to_datetime([r[2] for r in rows]),
        "disposal_date": pd.to_datetime([r[3] for r in rows]),
    })


def _hearings(rows):
    """(case_id, date, type, held)."""
    return pd.DataFrame({
        "case_id": [r[0] for r in rows],
        "hearing_date": pd.to_datetime([r[1] for r in rows]),
        "hearing_type": [r[2] for r in rows],
        "held": [r[3] for r in rows],
    })


CASES = _cases([
    ("A", "North", "2024-04-01", "2024-10-01"),  # 183 days
    ("B", "North", "2024-05-01", "2025-03-31"),  # 334 days
    ("C", "South", "2024-06-03", "2025-01-06"),  # 217 days
    ("D", "South", "2023-01-02", "2024-02-01"),  # disposed before April 2024: outside the window
    ("E", "South", "2025-02-03", None),          # open
])
HEARINGS = _hearings([
    ("A", "2024-04-08", "cmh", True),    # 7 days after issue: by day 12
    ("A", "2024-07-01", "irh", True),    # 84 days after the CMH
    ("A", "2024-09-02", "final", True),  # 63 days after the IRH
    ("B", "2024-05-20", "cmh", True),    # 19 days: late
    ("B", "2024-05-10", "cmh", False),   # vacated: not the first CMH
    ("B", "2024-10-14", "irh", True),    # 147 days
    ("B", "2024-09-01", "irh", False),   # adjourned
    ("B", "2025-02-17", "final", True),  # 126 days
    ("C", "2024-06-14", "cmh", True),    # 11 days: day 12, on time
    ("C", "2024-11-04", "final", True),  # no IRH held: not in cmh_to_irh or irh_to_final
    ("D", "2023-01-13", "cmh", True),    # first CMH in January 2023: outside the CMH window
    ("E", "2025-02-14", "cmh", True),    # 11 days, first CMH in the window although the case is open
])


def test_stage_medians_and_counts_for_cases_disposed_in_the_12_months():
    j = journey_summary(CASES, MARCH, HEARINGS)
    stages = {s["id"]: s for s in j["stages"]}
    assert list(stages) == ["plo_to_issue", "issue_to_cmh", "cmh_to_irh", "irh_to_final", "issue_to_disposal"]
    # A, B, C disposed April 2024 - March 2025. Issue to CMH: 7, 19, 11 days -> median 11.
    assert (stages["issue_to_cmh"]["median_weeks"], stages["issue_to_cmh"]["cases"]) == (pytest.approx(11 / 7), 3)
    # CMH to IRH: A 84, B 147 -> median 115.5 days; C has no IRH.
    assert (stages["cmh_to_irh"]["median_weeks"], stages["cmh_to_irh"]["cases"]) == (pytest.approx(115.5 / 7), 2)
    assert (stages["irh_to_final"]["median_weeks"], stages["irh_to_final"]["cases"]) == (pytest.approx(94.5 / 7), 2)
    # Issue to final order: 183, 334, 217 -> 217 days.
    assert (stages["issue_to_disposal"]["median_weeks"], stages["issue_to_disposal"]["cases"]) == (pytest.approx(31.0), 3)
    assert stages["plo_to_issue"]["median_weeks"] is None and stages["plo_to_issue"]["unavailable"] == NO_PLO_CASE_ID


def test_journey_bar_per_local_authority():
    j = journey_summary(CASES, MARCH, HEARINGS)
    north, south = j["by_local_authority"]
    assert (north["local_authority"], north["cases"], south["cases"]) == ("North", 2, 1)
    assert north["stages"]["issue_to_cmh"] == pytest.approx(13 / 7)  # 7 and 19 days
    assert south["stages"]["cmh_to_irh"] is None and south["stages"]["issue_to_disposal"] == pytest.approx(31.0)


def test_share_of_first_cmhs_held_by_day_12():
    c = journey_summary(CASES, MARCH, HEARINGS)["cmh_by_day_12"]
    # First CMHs held April 2024 - March 2025: A (7 days), B (19), C (11), E (11); D's was in 2023.
    # Day 12 is 11 days after issue (issue day = day 1): A, C, E on time -> 3 of 4.
    assert (c["cases"], c["by_day_12"], c["share"]) == (4, 3, 75.0)
    assert {r["local_authority"]: r["share"] for r in c["by_local_authority"]} == {"North": 50.0, "South": 100.0}


def test_without_a_hearing_list_the_hearing_stages_are_unavailable_not_zero():
    j = journey_summary(CASES, MARCH, None)
    stages = {s["id"]: s for s in j["stages"]}
    for stage in ("issue_to_cmh", "cmh_to_irh", "irh_to_final"):
        assert stages[stage]["median_weeks"] is None and stages[stage]["unavailable"] == NO_HEARING_LIST
    assert stages["issue_to_disposal"]["cases"] == 3 and j["cmh_by_day_12"] is None


def test_plo_letter_to_issue_with_letters_matched_by_case_id():
    letters = pd.Series(pd.to_datetime(["2024-01-01", "2024-04-03"]), index=["A", "B"])
    stages = {s["id"]: s for s in journey_summary(CASES, MARCH, HEARINGS, letters)["stages"]}
    # A: 1 Jan to 1 Apr 2024 = 91 days; B: 3 Apr to 1 May = 28 days -> median 59.5 days.
    assert (stages["plo_to_issue"]["median_weeks"], stages["plo_to_issue"]["cases"]) == (pytest.approx(59.5 / 7), 2)


def test_a_stage_ending_before_it_starts_is_left_out():
    hearings = pd.concat([HEARINGS, _hearings([("C", "2024-05-01", "irh", True)])])  # IRH before the CMH: a keying error
    stages = {s["id"]: s for s in journey_summary(CASES, MARCH, hearings)["stages"]}
    assert stages["cmh_to_irh"]["cases"] == 2


def test_plo_letters_from_a_log_with_the_courts_case_id():
    from lfjb.metrics.journey import plo_letters
    families = pd.DataFrame({"case_id": ["a", "", "b", "B"],
                             "plo_letter_date": pd.to_datetime(["2024-01-01", "2024-02-01", "2023-06-01", "2024-04-03"])})
    letters = plo_letters(families, CASES)
    # 'a' is case A; for B the latest letter on or before its issue (1 May 2024) is 3 April 2024.
    assert letters.to_dict() == {"A": pd.Timestamp("2024-01-01"), "B": pd.Timestamp("2024-04-03")}
    assert plo_letters(families.drop(columns="case_id"), CASES) is None and plo_letters(None, CASES) is None
