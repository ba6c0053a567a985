"""Known-answer tests for lfjb/metrics/kpis.py (SPEC.md, "Definitions").

Most tests use CASES below: twelve hand-built cases whose dates sit on the 182/266/364-day
boundaries. Every expected figure is worked by hand in a comment next to it.
"""

from __future__ import annotations

import json
import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from lfjb.metrics import kpis
from lfjb.metrics.kpis import (
    KPI_DEFINITIONS,
    by_local_authority,
    duration_bands,
    km_median_weeks,
    kpi_trend,
    monthly_kpis,
    months_with_data,
    open_age_profile,
    period_kpis,
    quarterly_kpis,
    rolling_12,
)
from lfjb.month import Month
from lfjb.vocab import KPI_IDS

NAN = float("nan")
MARCH_2025 = Month(2025, 3)

# (case_id, local_authority, issue, disposal or None, children, hearings, fcmh)
# Day counts: duration = disposal - issue; age = last day of the month - issue.
CASES = [
    # A: 2024-09-01 -> 2025-03-02 is 182 days: exactly 26 weeks, so within 26.
    ("A", "Wolverhampton", "2024-09-01", "2025-03-02", 2, 4.0, 1.0),
    # B: 2024-09-01 -> 2025-03-03 is 183 days: one day over, not within 26. Hearings not recorded.
    ("B", "Wolverhampton", "2024-09-01", "2025-03-03", 1, NAN, 2.0),
    # C: 2024-10-15 -> 2025-03-20 is 156 days.
    ("C", "Walsall", "2024-10-15", "2025-03-20", 3, 6.0, 0.0),
    # D: open; on 31 Mar 2025 it is 364 days old (not over 52), on 30 Apr 2025 394 (over 52).
    ("D", "Wolverhampton", "2024-04-01", None, 1, NAN, NAN),
    # E: open; 266 days old on 31 Mar 2025 (not over 38), 296 on 30 Apr 2025 (over 38).
    ("E", "Walsall", "2024-07-08", None, 2, NAN, NAN),
    # F: open; 182 days old on 31 Mar 2025 (not over 26), 212 on 30 Apr 2025 (over 26).
    ("F", "Wolverhampton", "2024-09-30", None, 1, NAN, NAN),
    # G: open; issued in March 2025, 21 days old at its end.
    ("G", "Wolverhampton", "2025-03-10", None, 2, NAN, NAN),
    # H: issued on the last day of March 2025 (open then, age 0), disposed 15 days later.
    ("H", "Walsall", "2025-03-31", "2025-04-15", 4, 3.0, 1.0),
    # I: 2024-03-15 -> 2024-12-06 is 266 days (top of the 27-38 week band).
    ("I", "Wolverhampton", "2024-03-15", "2024-12-06", 1, 5.0, 2.0),
    # J: 2023-11-01 -> 2024-10-31 is 365 days (over 52 weeks).
    ("J", "Walsall", "2023-11-01", "2024-10-31", 2, 7.0, NAN),
    # L: 2024-01-10 -> 2025-01-08 is 364 days (top of the 39-52 week band).
    ("L", "Wolverhampton", "2024-01-10", "2025-01-08", 3, 8.0, 3.0),
    # K: Sandwell's only case, long before every window used below.
    ("K", "Sandwell", "2022-05-03", "2022-11-01", 1, 2.0, 0.0),
]
# No case is disposed in February 2025.


def make_extract(cases) -> pd.DataFrame:
    """A canonical extract, with the dtypes the loader produces."""
    frame = pd.DataFrame(
        cases, columns=["case_id", "local_authority", "issue_date", "disposal_date", "children", "hearings", "fcmh"]
    )
    return pd.DataFrame(
        {
            "case_id": frame["case_id"].astype(str),
            "local_authority": frame["local_authority"].astype(str),
            "issue_date": pd.to_datetime(frame["issue_date"]).astype("datetime64[ns]"),
            "disposal_date": pd.to_datetime(frame["disposal_date"]).astype("datetime64[ns]"),
            "children": frame["children"].astype("int64"),
            "hearings": frame["hearings"].astype("float64"),
            "fcmh": frame["fcmh"].astype("float64"),
            "outcome": "care order",
            "delay_drivers": [()] * len(frame),
            "row": range(2, len(frame) + 2),
        }
    )


@pytest.fixture
def extract() -> pd.DataFrame:
    return make_extract(CASES)


def random_extract(seed: int, n: int = 3000) -> pd.DataFrame:
    """Random cases issued 2021-2025, about a fifth still open, some hearings missing."""
    rng = np.random.default_rng(seed)
    issue = pd.Timestamp("2021-01-01") + pd.to_timedelta(rng.integers(0, 1600, n), unit="D")
    duration = pd.to_timedelta(rng.gamma(4.0, 70.0, n).astype(int), unit="D")
    disposal = pd.Series(issue + duration)
    disposal[(rng.random(n) < 0.2) | (disposal > pd.Timestamp("2025-06-30"))] = pd.NaT
    hearings = rng.integers(1, 12, n).astype(float)
    hearings[rng.random(n) < 0.1] = np.nan
    rows = list(
        zip(
            [f"R{i}" for i in range(n)],
            rng.choice(["Essex", "Suffolk", "Thurrock"], n),
            issue, disposal, rng.integers(1, 5, n), hearings, rng.integers(0, 4, n).astype(float),
        )
    )
    return make_extract(rows)


def assert_kpis_equal(actual: dict, expected: dict) -> None:
    assert list(actual) == list(expected)
    for key, value in expected.items():
        if value is None or isinstance(value, int):
            assert actual[key] == value, key
        else:
            assert actual[key] == pytest.approx(value), key


def assert_plain_json(values) -> None:
    """Python int/float/None only (no numpy scalars), so json.dumps works as is."""
    json.dumps(values)
    for value in values.values():
        assert type(value) in (int, float, type(None), str, bool, dict), type(value)


# --- monthly_kpis -------------------------------------------------------------------------------------------


def test_monthly_kpis_march_2025(extract):
    result = monthly_kpis(extract, MARCH_2025)
    assert tuple(result) == KPI_IDS
    assert_plain_json(result)
    assert_kpis_equal(
        result,
        {
            "issued": 2,  # G (10 Mar) and H (31 Mar)
            "children_issued": 6,  # 2 + 4
            "disposed": 3,  # A, B, C
            "mean_weeks": (182 + 183 + 156) / 3 / 7,  # 521 / 21 = 24.81
            "median_weeks": 182 / 7,  # 156, 182, 183 -> 182 days = 26.0 weeks
            "pct_within_26": 200 / 3,  # A (182) and C (156) of 3; B (183) is not within
            "open_end": 5,  # D, E, F, G and H (issued on the last day)
            "open_over_26": 2,  # D (364), E (266); F is exactly 182, not over
            "open_over_38": 1,  # D (364); E is exactly 266, not over
            "open_over_52": 0,  # D is exactly 364, not over
            "mean_hearings": 5.0,  # (4 + 6) / 2; B's missing count is ignored, not read as 0
            "mean_fcmh": 1.0,  # (1 + 2 + 0) / 3
        },
    )


def test_month_with_no_disposals_averages_are_none(extract):
    # February 2025: nothing issued or disposed. Open on 28 Feb: A, B (180 days), C (136),
    # D (333), E (235), F (151) = 6; over 182: D, E; over 266: D; over 364: none.
    assert monthly_kpis(extract, Month(2025, 2)) == {
        "issued": 0,
        "children_issued": 0,
        "disposed": 0,
        "mean_weeks": None,
        "median_weeks": None,
        "pct_within_26": None,
        "open_end": 6,
        "open_over_26": 2,
        "open_over_38": 1,
        "open_over_52": 0,
        "mean_hearings": None,
        "mean_fcmh": None,
    }


def test_open_case_ages_cross_the_boundaries_a_month_later(extract):
    # 30 Apr 2025: D 394, E 296, F 212, G 51 days old; H was disposed on 15 Apr.
    result = monthly_kpis(extract, Month(2025, 4))
    assert [result[k] for k in ("open_end", "open_over_26", "open_over_38", "open_over_52")] == [4, 3, 2, 1]
    # April's only disposal is H, 15 days, with 3 hearings and 1 FCMH.
    assert result["disposed"] == 1
    assert result["mean_weeks"] == pytest.approx(15 / 7)
    assert result["median_weeks"] == pytest.approx(15 / 7)
    assert result["pct_within_26"] == 100.0
    assert (result["mean_hearings"], result["mean_fcmh"]) == (3.0, 1.0)


def test_all_hearings_missing_gives_none_not_zero():
    # One case disposed in the month with no hearing count: the average has no cases -> None.
    extract = make_extract([("X", "Essex", "2025-01-06", "2025-03-03", 1, NAN, NAN)])
    result = monthly_kpis(extract, MARCH_2025)
    assert result["disposed"] == 1
    assert result["mean_hearings"] is None and result["mean_fcmh"] is None
    assert result["mean_weeks"] == pytest.approx(56 / 7)  # 6 Jan -> 3 Mar = 56 days = 8 weeks


def test_empty_extract():
    result = monthly_kpis(make_extract([]), MARCH_2025)
    assert result["issued"] == 0 and result["open_end"] == 0
    assert result["mean_weeks"] is None and result["median_weeks"] is None
    assert months_with_data(make_extract([])) is None


# --- kpi_trend ---------------------------------------------------------------------------------------------


def test_trend_is_24_months_oldest_first_and_equals_monthly(extract):
    trend = kpi_trend(extract, MARCH_2025)
    assert len(trend) == 24
    assert trend[0]["month"] == "2023-04" and trend[-1]["month"] == "2025-03"
    for entry in trend:
        assert list(entry) == ["month", *KPI_IDS]
        assert_plain_json(entry)
        month = Month.parse(entry["month"])
        assert {k: v for k, v in entry.items() if k != "month"} == monthly_kpis(extract, month), entry["month"]
    # Spot checks against the hand-worked months above.
    assert trend[-2]["disposed"] == 0 and trend[-2]["mean_weeks"] is None  # February 2025
    assert trend[-1]["open_over_26"] == 2  # March 2025


def test_trend_short_window_known_answers(extract):
    march, april = kpi_trend(extract, Month(2025, 4), months=2)
    assert march["month"] == "2025-03" and april["month"] == "2025-04"
    assert march["open_end"] == 5 and march["pct_within_26"] == pytest.approx(200 / 3)
    assert [april[k] for k in ("open_end", "open_over_26", "open_over_38", "open_over_52")] == [4, 3, 2, 1]


@pytest.mark.parametrize("seed", [1, 2])
def test_trend_equals_monthly_on_random_extract(seed):
    # The trend is computed in one pass (difference arrays over month numbers); monthly_kpis filters
    # dates directly. They must agree to the bit, including months before and after the data.
    extract = random_extract(seed)
    for end, months in ((Month(2025, 3), 24), (Month(2026, 2), 30), (Month(2021, 6), 12)):
        trend = kpi_trend(extract, end, months)
        for entry, month in zip(trend, end.range_back(months)):
            assert entry["month"] == str(month)
            assert {k: v for k, v in entry.items() if k != "month"} == monthly_kpis(extract, month)


# --- period_kpis, quarters and rolling year ----------------------------------------------------------------


def test_period_kpis_q4_2024_25(extract):
    # January-March 2025. Issued: G, H (children 2 + 4). Disposed: L 364 (8 Jan), A 182, B 183, C 156.
    result = period_kpis(extract, Month(2025, 1), MARCH_2025)
    assert_kpis_equal(
        result,
        {
            "issued": 2,
            "children_issued": 6,
            "disposed": 4,
            "mean_weeks": (364 + 182 + 183 + 156) / 4 / 7,  # 885 / 28 = 31.61
            "median_weeks": (182 + 183) / 2 / 7,  # 156, 182 | 183, 364 -> 182.5 days
            "pct_within_26": 50.0,  # A and C of 4
            "open_end": 5,  # open_* at 31 March 2025, as in the March test
            "open_over_26": 2,
            "open_over_38": 1,
            "open_over_52": 0,
            "mean_hearings": (8 + 4 + 6) / 3,  # L, A, C; B missing
            "mean_fcmh": (3 + 1 + 2 + 0) / 4,
        },
    )


def test_quarterly_labels_and_partial_quarter(extract):
    quarters = quarterly_kpis(extract, MARCH_2025)
    # March 2025 is the last month of 2024-25 Q4 (Jan-Mar); eight quarters back starts at April 2023.
    assert [q["quarter"] for q in quarters] == [
        "2023-24 Q1", "2023-24 Q2", "2023-24 Q3", "2023-24 Q4",
        "2024-25 Q1", "2024-25 Q2", "2024-25 Q3", "2024-25 Q4",
    ]
    assert [(q["start"], q["end"]) for q in quarters[-2:]] == [("2024-10", "2024-12"), ("2025-01", "2025-03")]
    assert all(q["complete"] for q in quarters)
    assert {k: quarters[-1][k] for k in KPI_IDS} == period_kpis(extract, Month(2025, 1), MARCH_2025)

    # May 2025 sits in 2025-26 Q1 (Apr-Jun), which is not over: it ends at May and is flagged.
    latest = quarterly_kpis(extract, Month(2025, 5), quarters=2)
    assert [(q["quarter"], q["start"], q["end"], q["complete"]) for q in latest] == [
        ("2024-25 Q4", "2025-01", "2025-03", True),
        ("2025-26 Q1", "2025-04", "2025-05", False),
    ]
    # April-May 2025: nothing issued; H disposed (15 days); open at 31 May: D, E, F, G.
    assert (latest[1]["issued"], latest[1]["disposed"], latest[1]["open_end"]) == (0, 1, 4)
    assert latest[1]["mean_weeks"] == pytest.approx(15 / 7)


@pytest.mark.parametrize(
    "month, label",
    [(Month(2024, 4), "2024-25 Q1"), (Month(2024, 9), "2024-25 Q2"), (Month(2024, 12), "2024-25 Q3"),
     (Month(2025, 1), "2024-25 Q4"), (Month(1999, 12), "1999-00 Q3")],
)
def test_financial_quarter_labels(month, label):
    assert quarterly_kpis(make_extract([]), month, quarters=1)[0]["quarter"] == label


def test_rolling_12(extract):
    # April 2024 - March 2025. Issued: D, E, A, B, F, C, G, H = 8, children 1+2+2+1+1+3+2+4 = 16.
    # Disposed: J 365, I 266, L 364, A 182, B 183, C 156 = 6 cases, 1516 days.
    result = rolling_12(extract, MARCH_2025)
    assert (result["start"], result["end"]) == ("2024-04", "2025-03")
    assert (result["issued"], result["children_issued"], result["disposed"]) == (8, 16, 6)
    assert result["mean_weeks"] == pytest.approx(1516 / 6 / 7)  # 36.10
    assert result["median_weeks"] == pytest.approx((183 + 266) / 2 / 7)  # 156 182 183 | 266 364 365
    assert result["pct_within_26"] == pytest.approx(100 * 2 / 6)  # A and C
    assert result["open_end"] == 5


# --- by_local_authority -------------------------------------------------------------------------------------


def test_by_local_authority(extract):
    rows = by_local_authority(extract, MARCH_2025)
    # Sorted by name; Sandwell has no case in the last 12 months but is in the extract, so is listed.
    assert [r["local_authority"] for r in rows] == ["Sandwell", "Walsall", "Wolverhampton"]
    sandwell, walsall, wolverhampton = rows
    for row in rows:
        assert list(row) == ["local_authority", *KPI_IDS, "rolling_12"]
        json.dumps(row)

    assert (sandwell["issued"], sandwell["disposed"], sandwell["open_end"], sandwell["mean_weeks"]) == (0, 0, 0, None)
    assert sandwell["rolling_12"] == {"mean_weeks": None, "pct_within_26": None, "disposed": 0, "issued": 0}

    # Walsall in March: H issued (4 children); C disposed (156 days, 6 hearings, 0 FCMH);
    # open at 31 March: E (266) and H (0) -> one over 26 weeks, none over 38.
    assert_kpis_equal(
        {k: walsall[k] for k in KPI_IDS},
        {"issued": 1, "children_issued": 4, "disposed": 1, "mean_weeks": 156 / 7, "median_weeks": 156 / 7,
         "pct_within_26": 100.0, "open_end": 2, "open_over_26": 1, "open_over_38": 0, "open_over_52": 0,
         "mean_hearings": 6.0, "mean_fcmh": 0.0},
    )
    # Walsall, April 2024 - March 2025: issued E, C, H; disposed J (365) and C (156).
    assert walsall["rolling_12"] == {
        "mean_weeks": pytest.approx((365 + 156) / 2 / 7), "pct_within_26": 50.0, "disposed": 2, "issued": 3,
    }

    # Wolverhampton in March: G issued (2 children); A (182) and B (183) disposed;
    # open D (364), F (182), G (21).
    assert (wolverhampton["issued"], wolverhampton["children_issued"], wolverhampton["disposed"]) == (1, 2, 2)
    assert wolverhampton["mean_weeks"] == pytest.approx(365 / 2 / 7)
    assert wolverhampton["pct_within_26"] == 50.0
    assert wolverhampton["mean_hearings"] == 4.0  # B's missing count ignored
    assert [wolverhampton[k] for k in ("open_end", "open_over_26", "open_over_38", "open_over_52")] == [3, 1, 1, 0]
    # Rolling year: issued D, A, B, F, G; disposed I 266, L 364, A 182, B 183 (only A within 26).
    assert wolverhampton["rolling_12"] == {
        "mean_weeks": pytest.approx(995 / 4 / 7), "pct_within_26": 25.0, "disposed": 4, "issued": 5,
    }


# --- duration bands and open age profile --------------------------------------------------------------------


def test_duration_bands(extract):
    # Disposed April 2024 - March 2025 (days, children): A 182 (2), C 156 (3) | B 183 (1), I 266 (1)
    # | L 364 (3) | J 365 (2). Six cases, so each case is 16.67%.
    bands = duration_bands(extract, MARCH_2025)
    assert [(b["id"], b["band"], b["cases"], b["children"]) for b in bands] == [
        ("le26", "≤ 26 weeks", 2, 5),
        ("w27_38", "27–38 weeks", 2, 2),
        ("w39_52", "39–52 weeks", 1, 3),
        ("gt52", "Over 52 weeks", 1, 2),
    ]
    assert [b["share"] for b in bands] == pytest.approx([100 * 2 / 6, 100 * 2 / 6, 100 / 6, 100 / 6])
    json.dumps(bands)


def test_duration_bands_short_window_and_empty(extract):
    # Only March 2025: A 182 and C 156 within 26 weeks, B 183 just over.
    march = duration_bands(extract, MARCH_2025, months=1)
    assert [b["cases"] for b in march] == [2, 1, 0, 0]
    assert [b["share"] for b in march] == pytest.approx([200 / 3, 100 / 3, 0.0, 0.0])
    # February 2025 alone has no disposals: shares are None, not 0.
    february = duration_bands(extract, Month(2025, 2), months=1)
    assert [b["cases"] for b in february] == [0, 0, 0, 0]
    assert [b["share"] for b in february] == [None, None, None, None]


def test_open_age_profile(extract):
    # Open on 31 March 2025 (age days, children): F 182 (1), G 21 (2), H 0 (4) | E 266 (2) | D 364 (1).
    profile = open_age_profile(extract, MARCH_2025)
    assert [(b["id"], b["cases"], b["children"], b["share"]) for b in profile] == [
        ("le26", 3, 7, 60.0), ("w27_38", 1, 2, 20.0), ("w39_52", 1, 1, 20.0), ("gt52", 0, 0, 0.0),
    ]
    # The profile agrees with the open_over_* counts: over 26 = last three bands, over 52 = the last.
    march = monthly_kpis(extract, MARCH_2025)
    assert sum(b["cases"] for b in profile) == march["open_end"]
    assert sum(b["cases"] for b in profile[1:]) == march["open_over_26"]
    assert profile[-1]["cases"] == march["open_over_52"]
    # 30 April 2025: G 51 | F 212 | E 296 | D 394 -> one in each band.
    assert [b["cases"] for b in open_age_profile(extract, Month(2025, 4))] == [1, 1, 1, 1]


# --- Kaplan-Meier median ----------------------------------------------------------------------------------


def test_km_median_hand_worked(extract):
    # Cases issued April 2023 - March 2025 (all but K), time in days to 31 March 2025:
    #   disposed: C 156, A 182, B 183, I 266, L 364, J 365
    #   censored: H 0 (disposed after March), G 21, F 182, E 266, D 364
    # S steps (at risk, disposed):  156 (9, 1) 8/9;  182 (8, 1) 7/9;  183 (6, 1) 35/54;
    #   266 (5, 1) 14/27 = 0.519;  364 (3, 1) 28/81 = 0.346 <= 0.5  -> median 364 days = 52 weeks.
    result = km_median_weeks(extract, MARCH_2025)
    assert result["median_weeks"] == pytest.approx(52.0)
    assert (result["cases"], result["disposed"], result["censored"]) == (11, 6, 5)
    assert (result["start"], result["end"]) == ("2023-04", "2025-03")
    assert "Kaplan–Meier" in result["note"] and "11 cases" in result["note"]
    json.dumps(result)


def test_km_median_exactly_half_counts():
    # 24 cases issued 1 Jan 2025, disposed after 1, 2, ..., 24 days, none censored. Each step is
    # (m - 1) / m with m at risk, so the product telescopes: S(k days) = (24 - k) / 24, and
    # S(12) = 1/2 exactly, which is <= 0.5: the median is 12 days. (Multiplied out in floating
    # point the product is 0.5000000000000001, which would wrongly give 13 days.)
    issued = date(2025, 1, 1)
    extract = make_extract(
        [(f"C{d}", "Essex", str(issued), str(date.fromordinal(issued.toordinal() + d)), 1, 1.0, 0.0)
         for d in range(1, 25)]
    )
    assert km_median_weeks(extract, MARCH_2025)["median_weeks"] == pytest.approx(12 / 7)


def test_km_median_none_when_half_never_finish(extract):
    # Issued July 2022 - June 2024: J, L, I and D, none disposed by 30 June 2024: all censored.
    result = km_median_weeks(extract, Month(2024, 6))
    assert result["median_weeks"] is None
    assert (result["cases"], result["disposed"], result["censored"]) == (4, 0, 4)
    assert "cannot be estimated" in result["note"]


@pytest.mark.parametrize("seed", [3, 4, 5, None])
def test_km_median_matches_a_slow_reference(seed):
    extract = random_extract(seed) if seed is not None else make_extract(CASES)  # None: the hand-worked cases
    last = pd.Timestamp(MARCH_2025.last_day)
    cohort = extract[(extract["issue_date"] >= pd.Timestamp("2023-04-01")) & (extract["issue_date"] <= last)]
    disposed = cohort["disposal_date"].notna() & (cohort["disposal_date"] <= last)
    end = cohort["disposal_date"].where(disposed, last)
    expected = _slow_km_median((end - cohort["issue_date"]).dt.days.tolist(), disposed.tolist())

    result = km_median_weeks(extract, MARCH_2025)
    assert (result["cases"], result["disposed"]) == (len(cohort), int(disposed.sum()))
    assert math.isfinite(expected)
    assert result["median_weeks"] == pytest.approx(expected / 7)


def _slow_km_median(durations: list[int], events: list[bool]) -> float:
    """Kaplan-Meier median by the textbook product-limit formula, one event time at a time: the first
    time at which the survival estimate S(t) = prod(1 - d_i / n_i) falls to 0.5 or below (the rule
    lifelines' median_survival_time_ uses). Slow and obvious on purpose: a reference, not the code."""
    survival = 1.0
    for t in sorted({d for d, e in zip(durations, events, strict=True) if e}):
        at_risk = sum(1 for d in durations if d >= t)
        ended = sum(1 for d, e in zip(durations, events, strict=True) if e and d == t)
        survival *= 1 - ended / at_risk
        if survival <= 0.5:
            return float(t)
    return math.inf


# --- months_with_data and definitions ---------------------------------------------------------------------


def test_months_with_data(extract):
    # Earliest event: K issued May 2022; latest: H disposed April 2025.
    assert months_with_data(extract) == (Month(2022, 5), Month(2025, 4))
    # Open cases only: the range is their issue months.
    only_open = make_extract([("X", "Essex", "2024-02-10", None, 1, NAN, NAN),
                              ("Y", "Essex", "2024-06-01", None, 1, NAN, NAN)])
    assert months_with_data(only_open) == (Month(2024, 2), Month(2024, 6))


def test_every_kpi_has_a_definition_and_thresholds_are_days():
    assert tuple(KPI_DEFINITIONS) == KPI_IDS
    assert all(text.endswith(".") and len(text) > 30 for text in KPI_DEFINITIONS.values())
    assert (kpis.WITHIN_26_DAYS, kpis.OVER_26_DAYS, kpis.OVER_38_DAYS, kpis.OVER_52_DAYS) == (182, 182, 266, 364)
