"""The board's case KPIs from the canonical extract (SPEC.md, "Definitions").

Pure and vectorised: each public function takes the validated extract DataFrame and a `Month` and
returns plain Python values (int, float or None) that `json.dumps` accepts unchanged. Dates are
turned once into whole day and month numbers (numpy int64), so every definition below is integer
arithmetic on calendar days: a duration of 182 days is "within 26 weeks", 183 is not.

Conventions shared by every function here:
- a KPI with no cases to average is None, never 0; counts are ints and may be 0;
- nothing after the last day of the reporting month is used, so a pack for March is the same
  whether it is run in April or in June.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from lfjb.month import Month, financial_quarter_label, financial_quarter_start
from lfjb.vocab import (DAYS_PER_WEEK, KPI_IDS, OVER_26_DAYS, OVER_38_DAYS, OVER_52_DAYS, STATUTORY_WEEKS,
                        WITHIN_26_DAYS)

# --- Thresholds (SPEC.md, "Definitions"; all day counts are calendar days, a week is 7 days) -------------
# The 26-week limit and the 38 / 52-week bands are defined once, in lfjb.vocab.

# One plain-English sentence per KPI for the pack's appendix (order follows vocab.KPI_IDS).
KPI_DEFINITIONS: dict[str, str] = {
    "issued": "The number of care and supervision applications (cases) issued by the court in the month.",
    "children_issued": (
        "The number of children named in the applications issued in the month "
        "(one application can cover several children)."
    ),
    "disposed": "The number of cases that reached their final disposal in the month.",
    "mean_weeks": (
        "The average (mean) time from issue to disposal, in weeks, of the cases disposed of in the month."
    ),
    "median_weeks": (
        "The middle time from issue to disposal, in weeks, of the cases disposed of in the month: "
        "half of those cases took less time and half took more."
    ),
    "pct_within_26": (
        f"The percentage of the cases disposed of in the month that were disposed of within {STATUTORY_WEEKS} weeks "
        f"({WITHIN_26_DAYS} days or fewer) of being issued."
    ),
    "open_end": "The number of cases issued by the last day of the month that had not been disposed of by that day.",
    "open_over_26": (
        f"Of the cases open at the end of the month, the number that had been open for more than 26 weeks ({OVER_26_DAYS} days)."
    ),
    "open_over_38": (
        f"Of the cases open at the end of the month, the number that had been open for more than 38 weeks ({OVER_38_DAYS} days)."
    ),
    "open_over_52": (
        f"Of the cases open at the end of the month, the number that had been open for more than 52 weeks ({OVER_52_DAYS} days)."
    ),
    "mean_hearings": (
        "The average number of hearings per case, over the cases disposed of in the month "
        "that have a hearing count recorded."
    ),
    "mean_fcmh": (
        "The average number of further case management hearings per case, over the cases disposed of "
        "in the month that have that count recorded."
    ),
}

# Duration and age bands (ids are stable; labels are for display). Upper bounds are inclusive day
# counts, None for the open-ended last band. Boundaries are vocab's WITHIN_26_DAYS, OVER_38_DAYS, OVER_52_DAYS.
DURATION_BANDS: tuple[tuple[str, str, int | None], ...] = (
    ("le26", "≤ 26 weeks", WITHIN_26_DAYS),
    ("w27_38", "27–38 weeks", OVER_38_DAYS),
    ("w39_52", "39–52 weeks", OVER_52_DAYS),
    ("gt52", "Over 52 weeks", None),
)

_AGE_THRESHOLDS = {"open_over_26": OVER_26_DAYS, "open_over_38": OVER_38_DAYS, "open_over_52": OVER_52_DAYS}
# Day or month number standing in for "not disposed": later than any real date, and small enough
# that adding or subtracting a few thousand days cannot overflow int64.
_NEVER = np.iinfo(np.int64).max // 4
_EPOCH = date(1970, 1, 1)
# Tolerance for "S(t) <= 0.5" in the Kaplan-Meier median, so a survival of exactly one half that the
# floating-point product leaves a hair above 0.5 still counts (e.g. 3/4 x 2/3).
_KM_TOLERANCE = 1e-12


# --- Dates as integers ---------------------------------------------------------------------------------


def _day_number(d: date) -> int:
    """Days since 1970-01-01, the same scale as numpy's datetime64[D]."""
    return (d - _EPOCH).days


def _month_number(m: Month) -> int:
    """Months since 1970-01, the same scale as numpy's datetime64[M]."""
    return (m.year - 1970) * 12 + m.month - 1


def _long_date(d: date) -> str:
    """'31 March 2025'."""
    return f"{d.day} {d:%B %Y}"


def _month_of_number(n: int) -> Month:
    return Month(1970 + n // 12, n % 12 + 1)


def _months_of_days(days: np.ndarray) -> np.ndarray:
    """Month number of each day number (real dates only, not _NEVER).

    Looks each day up in a table of the few thousand days spanned: several times faster than
    numpy's calendar conversion on a million cases, with the same answer.
    """
    if len(days) == 0:
        return np.zeros(0, dtype=np.int64)
    first = int(days.min())
    table = np.arange(first, int(days.max()) + 1).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return table[days - first]


@dataclass(frozen=True)
class _Cases:
    """The extract's columns the KPIs need, as numpy arrays (one element per case)."""

    issue_day: np.ndarray  # int64 day number
    disposal_day: np.ndarray  # int64 day number, _NEVER while open
    issue_month: np.ndarray  # int64 month number
    disposal_month: np.ndarray  # int64 month number, _NEVER while open
    children: np.ndarray  # int64, 0 when not recorded
    hearings: np.ndarray  # float64, NaN when not recorded
    fcmh: np.ndarray  # float64, NaN when not recorded

    @classmethod
    def from_extract(cls, extract: pd.DataFrame) -> _Cases:
        issue_day = extract["issue_date"].to_numpy().astype("datetime64[D]").astype(np.int64)
        disposal = extract["disposal_date"].to_numpy().astype("datetime64[D]")
        is_disposed = ~np.isnat(disposal)
        disposal_day = np.full(len(disposal), _NEVER, dtype=np.int64)
        disposal_day[is_disposed] = disposal[is_disposed].astype(np.int64)
        disposal_month = np.full(len(disposal), _NEVER, dtype=np.int64)
        disposal_month[is_disposed] = _months_of_days(disposal_day[is_disposed])
        return cls(
            issue_day=issue_day,
            disposal_day=disposal_day,
            issue_month=_months_of_days(issue_day),
            disposal_month=disposal_month,
            # A case with no number of children is in every figure but children_issued (the extract
            # loader warns about it in data quality).
            children=extract["children"].fillna(0).to_numpy(dtype=np.int64),
            hearings=extract["hearings"].to_numpy(dtype=np.float64),
            fcmh=extract["fcmh"].to_numpy(dtype=np.float64),
        )

    def subset(self, mask: np.ndarray) -> _Cases:
        return _Cases(**{name: getattr(self, name)[mask] for name in self.__dataclass_fields__})

    @property
    def is_disposed(self) -> np.ndarray:
        return self.disposal_day != _NEVER


# --- Small shared arithmetic -----------------------------------------------------------------------------


def _share(part: int, whole: int) -> float | None:
    """`part` as a percentage (0-100) of `whole`; None when `whole` is 0."""
    return 100.0 * part / whole if whole else None


def _mean(total: float, count: int) -> float | None:
    return float(total) / count if count else None


def _count_over(values: np.ndarray, threshold: int) -> int:
    return int(np.count_nonzero(values > threshold))


def _band_index(days: np.ndarray) -> np.ndarray:
    """Index into DURATION_BANDS for each day count (upper bounds inclusive)."""
    bounds = [upper for _, _, upper in DURATION_BANDS if upper is not None]
    return np.searchsorted(bounds, days, side="left")


def _median_days_by_group(group: np.ndarray, days: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Median of `days` within each group 0..len(counts)-1 (NaN for empty groups), by one sort."""
    # Sort on one int64 key, group-major then days (several times faster than np.lexsort).
    lowest = int(days.min()) if len(days) else 0
    span = (int(days.max()) - lowest + 1) if len(days) else 1
    sorted_days = np.sort(group * span + (days - lowest)) % span + lowest
    starts = np.cumsum(counts) - counts
    has_cases = counts > 0
    low = (starts + (counts - 1) // 2)[has_cases]
    high = (starts + counts // 2)[has_cases]
    median = np.full(len(counts), np.nan)
    median[has_cases] = (sorted_days[low] + sorted_days[high]) / 2
    return median


def _disposal_kpis_by_group(
    group: np.ndarray, groups: int, duration_days: np.ndarray, hearings: np.ndarray, fcmh: np.ndarray
) -> list[dict[str, int | float | None]]:
    """The disposal KPIs (disposed, mean/median weeks, % within 26, mean hearings/FCMH) per group.

    `group` numbers each disposed case's group (0..groups-1); the single-period functions pass one
    group, the trend one per month, so both round the same sums the same way.
    """
    disposed = np.bincount(group, minlength=groups)
    total_days = np.bincount(group, weights=duration_days, minlength=groups)
    within = np.bincount(group[duration_days <= WITHIN_26_DAYS], minlength=groups)
    median_days = _median_days_by_group(group, duration_days, disposed)

    def nan_ignoring_sums(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        recorded = ~np.isnan(values)
        return (
            np.bincount(group[recorded], weights=values[recorded], minlength=groups),
            np.bincount(group[recorded], minlength=groups),
        )

    hearings_total, hearings_count = nan_ignoring_sums(hearings)
    fcmh_total, fcmh_count = nan_ignoring_sums(fcmh)

    rows = []
    for g in range(groups):
        n = int(disposed[g])
        # Durations are whole days, so their sum is an exact integer in float64 (well below 2**53).
        rows.append(
            {
                "disposed": n,
                "mean_weeks": _mean(round(total_days[g]) / DAYS_PER_WEEK, n),
                "median_weeks": float(median_days[g]) / DAYS_PER_WEEK if n else None,
                "pct_within_26": _share(int(within[g]), n),
                "mean_hearings": _mean(hearings_total[g], int(hearings_count[g])),
                "mean_fcmh": _mean(fcmh_total[g], int(fcmh_count[g])),
            }
        )
    return rows


def _in_kpi_order(values: dict[str, int | float | None]) -> dict[str, int | float | None]:
    return {kpi: values[kpi] for kpi in KPI_IDS}


# --- One month or one span of months ---------------------------------------------------------------------


def _period_kpis(cases: _Cases, first_day: date, last_day: date) -> dict[str, int | float | None]:
    """The 12 KPIs for cases issued/disposed between the two dates (inclusive), open at `last_day`."""
    first, last = _day_number(first_day), _day_number(last_day)

    is_issued = (cases.issue_day >= first) & (cases.issue_day <= last)
    is_disposed = (cases.disposal_day >= first) & (cases.disposal_day <= last)
    duration_days = cases.disposal_day[is_disposed] - cases.issue_day[is_disposed]
    disposal = _disposal_kpis_by_group(
        np.zeros(len(duration_days), dtype=np.int64), 1, duration_days,
        cases.hearings[is_disposed], cases.fcmh[is_disposed],
    )[0]

    # Open at the end: issued by `last` and not disposed by it (open cases carry _NEVER).
    is_open = (cases.issue_day <= last) & (cases.disposal_day > last)
    age_days = last - cases.issue_day[is_open]

    return _in_kpi_order(
        {
            "issued": int(np.count_nonzero(is_issued)),
            "children_issued": int(cases.children[is_issued].sum()),
            **disposal,
            "open_end": int(np.count_nonzero(is_open)),
            **{kpi: _count_over(age_days, days) for kpi, days in _AGE_THRESHOLDS.items()},
        }
    )


def monthly_kpis(extract: pd.DataFrame, month: Month) -> dict[str, int | float | None]:
    """The 12 KPIs (vocab.KPI_IDS order) for `month`, as SPEC.md "Definitions" words them."""
    return period_kpis(extract, month, month)


def period_kpis(extract: pd.DataFrame, start: Month, end: Month) -> dict[str, int | float | None]:
    """The 12 KPIs over the months `start`..`end`: issued/disposed/averages over the whole span,
    open_* at the last day of `end`."""
    if end < start:
        raise ValueError(f"period ends ({end}) before it starts ({start})")
    return _period_kpis(_Cases.from_extract(extract), start.first_day, end.last_day)


# --- The trend: every month in one pass --------------------------------------------------------------------


def _open_counts_by_month(first_open: np.ndarray, stop: np.ndarray, first_month: int, months: int) -> np.ndarray:
    """How many cases are counted in each of `months` months from `first_month`, when case i is
    counted in months first_open[i] <= k < stop[i] (a difference array, then a running sum)."""
    begin = np.clip(first_open - first_month, 0, months)
    end = np.clip(stop - first_month, 0, months)
    spans = begin < end
    steps = np.bincount(begin[spans], minlength=months + 1) - np.bincount(end[spans], minlength=months + 1)
    return np.cumsum(steps)[:months]


def _trend(cases: _Cases, month: Month, months: int) -> list[dict[str, int | float | None]]:
    first_month = _month_number(month) - months + 1

    issue_slot = cases.issue_month - first_month
    was_issued = (issue_slot >= 0) & (issue_slot < months)
    issued = np.bincount(issue_slot[was_issued], minlength=months)
    children = np.bincount(issue_slot[was_issued], weights=cases.children[was_issued], minlength=months)

    disposal_slot = cases.disposal_month - first_month
    was_disposed = (disposal_slot >= 0) & (disposal_slot < months)
    disposal = _disposal_kpis_by_group(
        disposal_slot[was_disposed], months,
        cases.disposal_day[was_disposed] - cases.issue_day[was_disposed],
        cases.hearings[was_disposed], cases.fcmh[was_disposed],
    )

    # A case is open at the end of month k when it was issued in or before k and disposed after k,
    # i.e. for issue_month <= k < disposal_month. It is more than D days old at the end of month k
    # exactly when that last day is on or after issue + D + 1, i.e. from the month containing that day.
    open_counts = {"open_end": _open_counts_by_month(cases.issue_month, cases.disposal_month, first_month, months)}
    for kpi, days in _AGE_THRESHOLDS.items():
        old_from = _months_of_days(cases.issue_day + days + 1)
        open_counts[kpi] = _open_counts_by_month(old_from, cases.disposal_month, first_month, months)

    rows = []
    for k in range(months):
        values = {
            "issued": int(issued[k]),
            "children_issued": int(round(children[k])),
            **disposal[k],
            **{kpi: int(counts[k]) for kpi, counts in open_counts.items()},
        }
        rows.append({"month": str(_month_of_number(first_month + k)), **_in_kpi_order(values)})
    return rows


def kpi_trend(extract: pd.DataFrame, month: Month, months: int = 24) -> list[dict]:
    """[{"month": "YYYY-MM", <12 KPIs>}, ...] for the `months` months ending at `month`, oldest first.

    Each entry equals monthly_kpis for that month; computed in one vectorised pass over the extract.
    """
    if months < 1:
        raise ValueError(f"a trend needs at least one month, got {months}")
    return _trend(_Cases.from_extract(extract), month, months)


# --- Quarters and rolling years --------------------------------------------------------------------------


def _financial_quarter(month: Month) -> tuple[Month, str]:
    """The first month of the financial-year quarter containing `month` and its label (lfjb.month)."""
    return financial_quarter_start(month), financial_quarter_label(month)


def quarterly_kpis(extract: pd.DataFrame, month: Month, quarters: int = 8) -> list[dict]:
    """The 12 KPIs for each of the `quarters` financial-year quarters ending with the one containing
    `month`, oldest first: the LFJB quarterly performance template's view (KPM 1-3).

    The latest quarter stops at `month`; if that is not its last month it is flagged
    "complete": False and its "end" is `month`, with open_* counted at the end of `month`.
    """
    cases = _Cases.from_extract(extract)
    latest_start, _ = _financial_quarter(month)
    rows = []
    for q in range(quarters - 1, -1, -1):
        start, label = _financial_quarter(latest_start.shift(-3 * q))
        quarter_end = start.shift(2)
        end = min(quarter_end, month)
        rows.append(
            {
                "quarter": label,
                "start": str(start),
                "end": str(end),
                "complete": end == quarter_end,
                **_period_kpis(cases, start.first_day, end.last_day),
            }
        )
    return rows


def rolling_12(extract: pd.DataFrame, month: Month) -> dict:
    """The 12 KPIs over the 12 months ending at `month`, with "start" and "end" months."""
    start = month.shift(-11)
    return {"start": str(start), "end": str(month), **period_kpis(extract, start, month)}


def by_local_authority(extract: pd.DataFrame, month: Month) -> list[dict]:
    """One row per local authority in the extract (sorted by name): the month's KPIs plus a
    "rolling_12" summary (mean_weeks, pct_within_26, disposed, issued over the 12 months to `month`).

    Every authority in the extract is listed, even one with no cases in the period.
    """
    cases = _Cases.from_extract(extract)
    codes, names = pd.factorize(extract["local_authority"], sort=True)
    rolling_first = month.shift(-11).first_day
    rows = []
    for code, name in enumerate(names):
        local = cases.subset(codes == code)
        year = _period_kpis(local, rolling_first, month.last_day)
        rows.append(
            {
                "local_authority": str(name),
                **_period_kpis(local, month.first_day, month.last_day),
                "rolling_12": {key: year[key] for key in ("mean_weeks", "pct_within_26", "disposed", "issued")},
            }
        )
    return rows


# --- Profiles of durations and ages ------------------------------------------------------------------------


def _band_rows(days: np.ndarray, children: np.ndarray) -> list[dict]:
    band = _band_index(days)
    cases = np.bincount(band, minlength=len(DURATION_BANDS))
    kids = np.bincount(band, weights=children, minlength=len(DURATION_BANDS))
    total = int(cases.sum())
    return [
        {"band": label, "id": band_id, "cases": int(cases[i]), "children": int(round(kids[i])),
         "share": _share(int(cases[i]), total)}
        for i, (band_id, label, _) in enumerate(DURATION_BANDS)
    ]


def duration_bands(extract: pd.DataFrame, month: Month, months: int = 12) -> list[dict]:
    """Cases disposed in the `months` months ending at `month`, by duration band (≤ 26, 27–38,
    39–52, over 52 weeks): [{"band", "id", "cases", "children", "share"}]; share is 0-100 of cases,
    None when no case was disposed."""
    cases = _Cases.from_extract(extract)
    first, last = _day_number(month.shift(-(months - 1)).first_day), _day_number(month.last_day)
    is_disposed = (cases.disposal_day >= first) & (cases.disposal_day <= last)
    return _band_rows(cases.disposal_day[is_disposed] - cases.issue_day[is_disposed], cases.children[is_disposed])


def open_age_profile(extract: pd.DataFrame, month: Month) -> list[dict]:
    """Cases open at the last day of `month`, by age band (the duration bands, applied to age):
    [{"band", "id", "cases", "children", "share"}]."""
    cases = _Cases.from_extract(extract)
    last = _day_number(month.last_day)
    is_open = (cases.issue_day <= last) & (cases.disposal_day > last)
    return _band_rows(last - cases.issue_day[is_open], cases.children[is_open])


# --- Survival view of duration -----------------------------------------------------------------------------


def km_survival(times: np.ndarray, events: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The Kaplan-Meier estimate: (the distinct times, S(t) just after each). `events` True = ended
    (disposed), False = censored (still open, counted up to the day it was last seen)."""
    times, events = np.asarray(times), np.asarray(events, dtype=bool)
    distinct, slot = np.unique(times, return_inverse=True)
    leaving = np.bincount(slot)  # ended or censored at each distinct time
    ended = np.bincount(slot, weights=events.astype(np.float64))
    at_risk = len(times) - np.cumsum(leaving) + leaving  # still open just before each time
    return distinct, np.cumprod(1.0 - ended / at_risk)


def km_median(times: np.ndarray, events: np.ndarray) -> float | None:
    """Kaplan-Meier median of `times` (events True = disposed, False = censored): the smallest
    time t with S(t) <= 0.5, or None when the estimate never falls that far."""
    if len(times) == 0:
        return None
    distinct, survival = km_survival(times, events)
    reached = np.flatnonzero(survival <= 0.5 + _KM_TOLERANCE)
    return float(distinct[reached[0]]) if reached.size else None


def km_share_within(times: np.ndarray, events: np.ndarray, limit: float) -> float | None:
    """Percentage (0-100) estimated to end within `limit` (time <= limit): 100 x (1 - S(limit)).
    None when no one was followed as long as `limit`, so the estimate cannot reach it."""
    if len(times) == 0 or np.max(times) < limit:
        return None
    distinct, survival = km_survival(times, events)
    upto = np.flatnonzero(distinct <= limit)
    return 100.0 * (1.0 - (survival[upto[-1]] if upto.size else 1.0))


def km_median_weeks(extract: pd.DataFrame, month: Month, months: int = 24) -> dict:
    """Kaplan-Meier median duration (weeks) of the cases issued in the `months` months ending at `month`.

    A case disposed by the last day of `month` counts with its duration; one still open then (or
    disposed later) counts as censored at its age on that day, so slow open cases are not simply
    left out as they are in the median of disposed cases. Returns {"median_weeks" (None when fewer
    than half are estimated to have finished), "cases", "censored", "disposed", "start", "end", "note"}.
    """
    cases = _Cases.from_extract(extract)
    start = month.shift(-(months - 1))
    first, last = _day_number(start.first_day), _day_number(month.last_day)
    cohort = cases.subset((cases.issue_day >= first) & (cases.issue_day <= last))
    is_event = cohort.disposal_day <= last
    times = np.where(is_event, cohort.disposal_day, last) - cohort.issue_day
    median_days = km_median(times, is_event)

    total, disposed = len(times), int(np.count_nonzero(is_event))
    span = f"the {total:,} case{'' if total == 1 else 's'} issued from {start.label} to {month.label}"
    if median_days is None:
        note = (
            f"Kaplan–Meier estimate over {span}: fewer than half are estimated to have been disposed of "
            f"by {_long_date(month.last_day)}, so the median duration cannot be estimated yet."
        )
    else:
        note = (
            f"Kaplan–Meier estimate over {span}: half are estimated to be disposed of within "
            f"{median_days / DAYS_PER_WEEK:.1f} weeks. Of these cases, {total - disposed:,} were still open on "
            f"{_long_date(month.last_day)}; they count up to that date instead of being left out, so slow "
            f"cases are not missed as they are in the median of disposed cases."
        )
    return {
        "median_weeks": None if median_days is None else median_days / DAYS_PER_WEEK,
        "cases": total,
        "censored": total - disposed,
        "disposed": disposed,
        "start": str(start),
        "end": str(month),
        "note": note,
    }


def months_with_data(extract: pd.DataFrame) -> tuple[Month, Month] | None:
    """The first and last month with any issue or disposal in the extract; None when it has no cases."""
    cases = _Cases.from_extract(extract)
    if len(cases.issue_month) == 0:
        return None
    disposal_months = cases.disposal_month[cases.is_disposed]
    first = int(cases.issue_month.min())  # disposal is never before issue
    last = int(max(cases.issue_month.max(), disposal_months.max() if disposal_months.size else first))
    return _month_of_number(first), _month_of_number(last)
