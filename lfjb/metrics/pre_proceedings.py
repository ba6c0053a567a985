"""Pre-proceedings: how many issued cases went through the PLO pre-proceedings process first, and how
long cases take with and without it (from the extract's `pre_proceedings` Y/N); and, from the
optional pre-proceedings log, how many families leave pre-proceedings diverted from court, how long
they spend in it, and how many are in it now.

Time in pre-proceedings is a Kaplan-Meier estimate (SPEC.md, issue 19 item 4), as for case durations
(`lfjb.metrics.kpis.km_median_weeks`): over the families whose letter before proceedings came in the 12
months ending M, a family that has ended counts with its time from letter to end; one still in
pre-proceedings at the end of M is censored there (counted up to that day), so the long-running open
families are not left out as they are in a median of the families that ended.

The DFJ Trailblazers' pre-proceedings theme: "improving pre-proceedings practice and diverting cases
from court". The Public Law Outline guidance (PLO, 2023 relaunch) aims for pre-proceedings to end
within 16 weeks of the letter before proceedings.

Windows: the 12 months ending at M, and the last 8 financial-year quarters for the view over time.
A share with nothing to divide by is None, never 0.
"""

from __future__ import annotations

import calendar

import numpy as np
import pandas as pd

from lfjb.metrics.kpis import km_median, km_share_within
from lfjb.month import FINANCIAL_YEAR_FIRST_MONTH, Month, financial_quarter_label
from lfjb.vocab import DAYS_PER_WEEK, WITHIN_26_DAYS

PLO_GUIDE_WEEKS = 16  # PLO guidance: pre-proceedings should normally end within 16 weeks
PLO_GUIDE_DAYS = PLO_GUIDE_WEEKS * DAYS_PER_WEEK
WINDOW_MONTHS = 12
QUARTERS = 8
# pandas' name for quarters of a year ending in March, the month before the financial year starts (lfjb.month).
FINANCIAL_QUARTERS = f"Q-{calendar.month_abbr[(FINANCIAL_YEAR_FIRST_MONTH - 2) % 12 + 1].upper()}"
# Families in pre-proceedings at the end of M, by how long since the letter (upper bounds in days).
OPEN_AGE_BANDS = (("le16", "Up to 16 weeks", PLO_GUIDE_DAYS), ("w17_26", "17–26 weeks", WITHIN_26_DAYS),
                  ("gt26", "Over 26 weeks", None))


# Issue 19 item 5: a with/without comparison invites a causal reading; one sentence says why it is not.
NOT_AN_EFFECT = ("Not a measure of what pre-proceedings do to duration: families diverted in pre-proceedings never "
                 "reach court and are not counted here, and cases issued without pre-proceedings are often emergencies, "
                 "so the two groups differ before either process starts.")


def share(part: int, whole: int) -> float | None:
    """`part` as a percentage of `whole`; None when `whole` is 0."""
    return 100.0 * part / whole if whole else None


def _weeks(days: pd.Series) -> tuple[float | None, float | None]:
    """(mean, median) of day counts, in weeks; None for none."""
    if days.empty:
        return None, None
    return float(days.mean()) / DAYS_PER_WEEK, float(days.median()) / DAYS_PER_WEEK


def duration_summary(days: pd.Series) -> dict:
    """{"cases", "mean_weeks", "median_weeks", "pct_within_26"} of disposed cases' durations in days."""
    mean, median = _weeks(days)
    return {"cases": int(len(days)), "mean_weeks": mean, "median_weeks": median,
            "pct_within_26": share(int((days <= WITHIN_26_DAYS).sum()), len(days))}


def window(month: Month, months: int = WINDOW_MONTHS) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day (inclusive) of the `months` months ending at `month`."""
    return pd.Timestamp(month.shift(-(months - 1)).first_day), pd.Timestamp(month.last_day)


def financial_quarters(month: Month, quarters: int = QUARTERS) -> pd.PeriodIndex:
    """The `quarters` financial-year quarters (April-March years) ending with the one holding `month`."""
    last = pd.Period(pd.Timestamp(month.first_day), freq=FINANCIAL_QUARTERS)
    return pd.period_range(end=last, periods=quarters, freq=FINANCIAL_QUARTERS)


def quarter_label(period: pd.Period) -> str:
    """'2024-25 Q4' for January-March 2025 (Q1 = April-June): lfjb.month's label of its first month."""
    start = period.start_time
    return financial_quarter_label(Month(start.year, start.month))


def _in(dates: pd.Series, first: pd.Timestamp, last: pd.Timestamp) -> pd.Series:
    return (dates >= first) & (dates <= last)


def extract_pre_proceedings(cases: pd.DataFrame, month: Month) -> dict:
    """From the extract's `pre_proceedings` flag (True/False/None): of the cases issued in the 12
    months ending M, the share that went through pre-proceedings (of those with the flag recorded),
    overall, by local authority and by quarter; and the durations of the cases disposed in those
    months with and without pre-proceedings."""
    first, last = window(month)
    flag = cases["pre_proceedings"]
    issued = cases[_in(cases["issue_date"], first, last)]
    known = issued[issued["pre_proceedings"].notna()]
    went = known["pre_proceedings"].astype(bool)

    # Counted once per authority and per quarter (grouped as Series), not with a mask per group.
    by_authority = went.groupby(known["local_authority"], sort=True)
    issued_by_la, with_by_la = by_authority.size(), by_authority.sum()
    by_la = [{"local_authority": str(name), "issued": int(n), "with_pre_proceedings": int(with_by_la[name]),
              "share": share(int(with_by_la[name]), int(n))}
             for name, n in issued_by_la.items()]

    periods = financial_quarters(month)
    q_cases = cases[_in(cases["issue_date"], periods[0].start_time, last) & flag.notna()]
    q_of = q_cases["issue_date"].dt.to_period(FINANCIAL_QUARTERS)
    q_with = q_cases["pre_proceedings"].astype(bool)
    issued_by_q, with_by_q = q_of.value_counts(), q_of[q_with].value_counts()
    by_quarter = []
    for p in periods:
        n, k = int(issued_by_q.get(p, 0)), int(with_by_q.get(p, 0))
        by_quarter.append({"quarter": quarter_label(p), "issued": n, "with_pre_proceedings": k, "share": share(k, n)})

    disposed = cases[_in(cases["disposal_date"], first, last)]
    days = (disposed["disposal_date"] - disposed["issue_date"]).dt.days
    return {
        "start": str(month.shift(-(WINDOW_MONTHS - 1))),
        "end": str(month),
        "issued": int(len(issued)),
        "recorded": int(len(known)),
        "not_recorded": int(len(issued) - len(known)),
        "with_pre_proceedings": int(went.sum()),
        "share": share(int(went.sum()), len(known)),
        "by_local_authority": by_la,
        "by_quarter": by_quarter,
        "durations": {
            "with": duration_summary(days[disposed["pre_proceedings"] == True]),  # noqa: E712 - None is neither
            "without": duration_summary(days[disposed["pre_proceedings"] == False]),  # noqa: E712
            "not_an_effect": NOT_AN_EFFECT,
        },
    }


def _open_bands(age_days: pd.Series) -> list[dict]:
    bounds = [upper for _, _, upper in OPEN_AGE_BANDS if upper is not None]
    band = np.searchsorted(bounds, age_days.to_numpy(), side="left")
    counts = np.bincount(band, minlength=len(OPEN_AGE_BANDS))
    return [{"id": i, "band": label, "families": int(counts[k]), "share": share(int(counts[k]), len(age_days))}
            for k, (i, label, _) in enumerate(OPEN_AGE_BANDS)]


def _ended_summary(ended: pd.DataFrame) -> dict:
    counts = {reason: int((ended["end_reason"] == reason).sum()) for reason in ("diverted", "issued", "other")}
    return {"ended": int(len(ended)), **counts, "diversion_rate": share(counts["diverted"], len(ended))}


def _km_times(families: pd.DataFrame, last: pd.Timestamp) -> tuple[np.ndarray, np.ndarray]:
    """(days from letter to end, or to `last` while still in pre-proceedings; whether it ended by `last`)."""
    ended = families["end_date"].notna() & (families["end_date"] <= last)
    stop = families["end_date"].where(ended, last)
    return (stop - families["plo_letter_date"]).dt.days.to_numpy(), ended.to_numpy()


def _km_weeks(times: np.ndarray, events: np.ndarray) -> tuple[float | None, float | None]:
    """(Kaplan-Meier median in weeks, percentage estimated to end within the PLO guidance's 16 weeks)."""
    median = km_median(times, events)
    return None if median is None else median / DAYS_PER_WEEK, km_share_within(times, events, PLO_GUIDE_DAYS)


def time_in_pre_proceedings(families: pd.DataFrame, month: Month) -> dict:
    """Kaplan-Meier time from the letter before proceedings to the end of pre-proceedings, over the
    families whose letter came in the 12 months ending M; a family still in pre-proceedings at the
    end of M is censored there. {"method", "start", "end", "families", "ended", "censored",
    "median_weeks", "pct_within_16", "note"}; the median is None while fewer than half are estimated
    to have ended, the share None while no family has been followed for 16 weeks."""
    first, last = window(month)
    cohort = families[_in(families["plo_letter_date"], first, last)]
    times, events = _km_times(cohort, last)
    median, within = _km_weeks(times, events)
    total, ended = int(len(times)), int(events.sum())
    start = month.shift(-(WINDOW_MONTHS - 1))
    # Open at the end of M but lettered before the window: not in the estimate, so counted and said (review of
    # issue 19: "the 200 still in pre-proceedings" when 201 were open).
    is_open = families["end_date"].isna() | (families["end_date"] > last)
    outside = int((is_open & (families["plo_letter_date"] < first)).sum())
    censored = total - ended
    note = (f"A Kaplan–Meier estimate over the {total:,} famil{'y' if total == 1 else 'ies'} sent a letter from "
            f"{start.label} to {month.label}.")
    if censored:
        note += (f" The {censored:,} of those still in pre-proceedings at the end of {month.label} count up to that "
                 "day, not left out.")
    if outside:
        note += (f" {outside:,} more famil{'y' if outside == 1 else 'ies'}, sent a letter before {start.label}, "
                 f"{'is' if outside == 1 else 'are'} still in pre-proceedings but outside this window.")
    return {"method": "kaplan_meier", "start": str(start), "end": str(month), "families": total, "ended": ended,
            "censored": censored, "open_outside_window": outside, "median_weeks": median, "pct_within_16": within,
            "note": note}


def log_pre_proceedings(families: pd.DataFrame, month: Month) -> dict:
    """From the pre-proceedings log: the diversion rate (diverted ÷ ended in the 12 months ending M),
    the time from letter to end (a Kaplan-Meier median in weeks and share within the PLO guidance's
    16 weeks: see `time_in_pre_proceedings`), by local authority and by quarter; the median of those
    who ended by end reason; and the families still in pre-proceedings at the end of M by how long
    since their letter."""
    first, last = window(month)
    ended = families[_in(families["end_date"], first, last)]
    days = (ended["end_date"] - ended["plo_letter_date"]).dt.days
    by_reason = {}
    for reason in ("diverted", "issued", "other"):  # of those who ended (a reason is known only at the end)
        _, median = _weeks(days[ended["end_reason"] == reason])
        by_reason[reason] = median
    is_open = (families["plo_letter_date"] <= last) & (families["end_date"].isna() | (families["end_date"] > last))
    open_age = (last - families.loc[is_open, "plo_letter_date"]).dt.days
    open_by_la = families[is_open].groupby("local_authority").size()

    time = time_in_pre_proceedings(families, month)
    cohort = families[_in(families["plo_letter_date"], first, last)]
    by_la = []
    for name in sorted(set(ended["local_authority"]) | set(open_by_la.index)):
        row = _ended_summary(ended[ended["local_authority"] == name])
        median, within = _km_weeks(*_km_times(cohort[cohort["local_authority"] == name], last))
        by_la.append({"local_authority": str(name), **row, "median_weeks": median, "pct_within_16": within,
                      "open": int(open_by_la.get(name, 0))})

    periods = financial_quarters(month)
    q_ended = families[_in(families["end_date"], periods[0].start_time, last)]
    q_of = q_ended["end_date"].dt.to_period(FINANCIAL_QUARTERS)
    by_quarter = []
    for p in periods:
        row = _ended_summary(q_ended[q_of == p])
        by_quarter.append({"quarter": quarter_label(p), "ended": row["ended"], "diverted": row["diverted"],
                           "diversion_rate": row["diversion_rate"]})
    return {
        "start": str(month.shift(-(WINDOW_MONTHS - 1))),
        "end": str(month),
        **_ended_summary(ended),
        "median_weeks": time["median_weeks"],
        "pct_within_16": time["pct_within_16"],
        "time": time,
        "median_weeks_by_reason": by_reason,
        "guide_weeks": PLO_GUIDE_WEEKS,
        "open": int(is_open.sum()),
        "open_over_16": int((open_age > PLO_GUIDE_DAYS).sum()),
        "open_by_age": _open_bands(open_age),
        "by_local_authority": by_la,
        "by_quarter": by_quarter,
    }
