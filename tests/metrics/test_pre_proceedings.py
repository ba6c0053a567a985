"""Known-answer tests for pre-proceedings (lfjb/metrics/pre_proceedings.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from lfjb.metrics.pre_proceedings import extract_pre_proceedings, log_pre_proceedings, quarter_label
from lfjb.month import Month

MARCH = Month(2025, 3)  # the window: April 2024 to March 2025


def _cases(rows):
    """(local_authority, issue, disposal or None, pre_proceedings True/False/None)."""
    return pd.DataFrame({
        "local_authority": [r[0] for r in rows],
        "issue_date": pd.to_datetime([r[1] for r in rows]),
        "disposal_date": pd.to_datetime([r[2] for r in rows]),
        "pre_proceedings": pd.Series([r[3] for r in rows], dtype=object),
    })


def test_share_of_issued_cases_and_durations_with_and_without():
    cases = _cases([
        ("North", "2024-05-01", "2024-10-30", True),   # issued in the window; 182 days: within 26 weeks
        ("North", "2024-06-01", None, False),           # issued in the window, open
        ("South", "2024-07-01", "2025-03-03", True),   # issued; 245 days = 35 weeks
        ("South", "2024-08-01", None, None),            # issued, not recorded: out of the share
        ("South", "2023-03-01", "2024-05-31", False),  # issued before the window; disposed in it: 457 days
        ("North", "2025-04-01", None, True),            # issued after M: out of everything
    ])
    pe = extract_pre_proceedings(cases, MARCH)
    # Issued in the window: 4; recorded 3; with pre-proceedings 2 -> 2/3.
    assert (pe["issued"], pe["recorded"], pe["not_recorded"], pe["with_pre_proceedings"]) == (4, 3, 1, 2)
    assert pe["share"] == pytest.approx(200 / 3)
    assert pe["by_local_authority"] == [
        {"local_authority": "North", "issued": 2, "with_pre_proceedings": 1, "share": 50.0},
        {"local_authority": "South", "issued": 1, "with_pre_proceedings": 1, "share": 100.0},
    ]
    # Disposed in the window: with = 182 and 245 days (mean 213.5 days, median the same; 1 of 2 within
    # 26 weeks); without = 457 days.
    w, wo = pe["durations"]["with"], pe["durations"]["without"]
    assert w["cases"] == 2 and w["mean_weeks"] == pytest.approx(213.5 / 7) and w["pct_within_26"] == 50.0
    assert wo["cases"] == 1 and wo["median_weeks"] == pytest.approx(457 / 7) and wo["pct_within_26"] == 0.0
    # Quarters: 2024-25 Q1 (Apr-Jun) has the May and June cases: 1 of 2; Q2 (Jul-Sep) has July (1 of 1)
    # and August (not recorded, left out).
    q = {row["quarter"]: (row["issued"], row["with_pre_proceedings"]) for row in pe["by_quarter"]}
    assert len(pe["by_quarter"]) == 8 and q["2024-25 Q1"] == (2, 1) and q["2024-25 Q2"] == (1, 1) and q["2023-24 Q1"] == (0, 0)
    assert [r["share"] for r in pe["by_quarter"] if r["quarter"] == "2024-25 Q4"] == [None]  # nothing to divide: None


def test_quarter_labels_are_financial_years():
    assert quarter_label(pd.Period("2025-01", freq="Q-MAR")) == "2024-25 Q4"
    assert quarter_label(pd.Period("2024-04", freq="Q-MAR")) == "2024-25 Q1"


def _log(rows):
    """(local_authority, letter, end or None, reason)."""
    return pd.DataFrame({
        "family_id": [f"F{i}" for i in range(len(rows))],
        "local_authority": [r[0] for r in rows],
        "plo_letter_date": pd.to_datetime([r[1] for r in rows]),
        "end_date": pd.to_datetime([r[2] for r in rows]),
        "end_reason": [r[3] for r in rows],
    })


def test_diversion_rate_time_in_pre_proceedings_and_open_families():
    log = _log([
        ("North", "2024-04-01", "2024-07-01", "diverted"),  # 91 days = 13 weeks
        ("North", "2024-05-01", "2024-09-10", "issued"),    # 132 days = 18.9 weeks
        ("South", "2024-06-01", "2024-09-21", "diverted"),  # 112 days = 16 weeks exactly: within 16
        ("South", "2024-01-01", "2024-03-31", "diverted"),  # letter and end before the window: out
        ("South", "2025-01-01", None, ""),                  # open at 31 March: 89 days, up to 16 weeks
        ("North", "2024-09-01", None, ""),                  # open: 211 days = 30.1 weeks, over 26
        ("North", "2024-12-01", "2025-04-15", "other"),     # ended after M: open at 31 March, 120 days (17-26)
    ])
    pl = log_pre_proceedings(log, MARCH)
    # Ended in the window: 3, of which 2 diverted -> 66.7%.
    assert (pl["ended"], pl["diverted"], pl["issued"], pl["other"]) == (3, 2, 1, 0)
    assert pl["diversion_rate"] == pytest.approx(200 / 3)
    assert pl["median_weeks_by_reason"] == {"diverted": pytest.approx(101.5 / 7), "issued": pytest.approx(132 / 7), "other": None}
    assert pl["open"] == 3 and pl["open_over_16"] == 2
    assert [b["families"] for b in pl["open_by_age"]] == [1, 1, 1]
    la = {row["local_authority"]: row for row in pl["by_local_authority"]}
    assert (la["North"]["ended"], la["North"]["diverted"], la["North"]["open"]) == (2, 1, 2)
    assert la["South"]["diversion_rate"] == 100.0 and la["South"]["open"] == 1


def test_time_in_pre_proceedings_is_a_kaplan_meier_estimate():
    """Known answer (issue 19 item 4). The families whose letter came in the 12 months to March 2025
    (the fourth, lettered in January 2024, is out), each ended by 31 March 2025 or counted up to it:
    89 (open, censored), 91 (ended), 112 (ended), 120 (ended only in April: censored), 132 (ended),
    211 (open, censored) days. At risk and surviving: 91: 5 at risk, S = 4/5; 112: 4, S = 0.8 x 3/4 =
    0.6; 132: 2, S = 0.6 x 1/2 = 0.3. Median: the first time S <= 0.5, 132 days = 18.9 weeks; within
    16 weeks (112 days): 1 - 0.6 = 40%. The median of the three that ended says 16 weeks and 66.7%:
    the open families, two of them past 16 weeks, pull it up."""
    log = _log([
        ("North", "2024-04-01", "2024-07-01", "diverted"),
        ("North", "2024-05-01", "2024-09-10", "issued"),
        ("South", "2024-06-01", "2024-09-21", "diverted"),
        ("South", "2024-01-01", "2024-03-31", "diverted"),
        ("South", "2025-01-01", None, ""),
        ("North", "2024-09-01", None, ""),
        ("North", "2024-12-01", "2025-04-15", "other"),
    ])
    pl = log_pre_proceedings(log, MARCH)
    time = pl["time"]
    assert time["method"] == "kaplan_meier"
    assert (time["families"], time["ended"], time["censored"]) == (6, 3, 3)
    assert time["median_weeks"] == pytest.approx(132 / 7) and time["pct_within_16"] == pytest.approx(40.0)
    assert (pl["median_weeks"], pl["pct_within_16"]) == (time["median_weeks"], time["pct_within_16"])
    assert time["start"] == "2024-04" and time["end"] == "2025-03"
    assert "still in pre-proceedings" in time["note"]
    # By authority, the same estimate: North 91 (4 at risk: 3/4), 120 censored, 132 (2 at risk: 3/8), 211
    # censored -> median 132 days; South 89 censored, 112 (1 at risk: 0) -> 112 days.
    la = {row["local_authority"]: row for row in pl["by_local_authority"]}
    assert la["North"]["median_weeks"] == pytest.approx(132 / 7) and la["South"]["median_weeks"] == pytest.approx(16.0)


def test_the_share_within_16_weeks_is_unknown_before_anyone_is_followed_that_long():
    # One family, lettered 1 March 2025 and open on 31 March: followed 30 days, so neither the median
    # nor the share within 16 weeks can be estimated yet (None, not 0).
    time = log_pre_proceedings(_log([("North", "2025-03-01", None, "")]), MARCH)["time"]
    assert time["median_weeks"] is None and time["pct_within_16"] is None and time["censored"] == 1


def test_no_family_ended_gives_no_rate_not_zero():
    pl = log_pre_proceedings(_log([("North", "2025-03-01", None, "")]), MARCH)
    assert pl["ended"] == 0 and pl["diversion_rate"] is None and pl["median_weeks"] is None and pl["open"] == 1


def test_with_and_without_pre_proceedings_says_it_is_not_a_measure_of_effect():
    # Issue 19 item 5: the families diverted never reach court, and the cases issued without
    # pre-proceedings are often emergencies, so the two groups differ before the process starts.
    from lfjb.metrics.pre_proceedings import NOT_AN_EFFECT

    note = extract_pre_proceedings(_cases([("North", "2024-05-01", "2025-01-01", True)]), MARCH)["durations"]["not_an_effect"]
    assert note == NOT_AN_EFFECT
    assert note.startswith("Not a measure of what pre-proceedings do to duration:")
    assert "diverted" in note and "emergenc" in note


def test_the_time_note_names_its_group_and_counts_the_open_families_outside_the_window():
    # Statistician's review of issue 19: "the 200 still in pre-proceedings" when 201 were open. Here 3 families
    # are open on 31 March 2025: 2 sent a letter in the window (April 2024 to March 2025), 1 in February 2024.
    log = _log([
        ("North", "2024-02-01", None, ""),
        ("North", "2024-09-01", None, ""),
        ("South", "2025-01-01", None, ""),
        ("South", "2024-06-01", "2024-09-21", "diverted"),
    ])
    time = log_pre_proceedings(log, MARCH)["time"]
    assert (time["families"], time["censored"], time["open_outside_window"]) == (3, 2, 1)
    assert time["note"] == ("A Kaplan–Meier estimate over the 3 families sent a letter from April 2024 to March 2025. "
                            "The 2 of those still in pre-proceedings at the end of March 2025 count up to that day, not "
                            "left out. 1 more family, sent a letter before April 2024, is still in pre-proceedings but "
                            "outside this window.")
