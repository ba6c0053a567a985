"""Delay drivers: what the board is doing about each (actions) against how often cases cite it."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from lfjb.initiatives import initiatives
from lfjb.inputs.actions import Action
from lfjb.month import Month
from lfjb.vocab import DAYS_PER_WEEK, DRIVERS

# A driver cited on at least this share of cases, with no open action tagged with it, is a gap.
GAP_MIN_SHARE = 15.0


def initiatives_for(driver: str) -> list[dict]:
    """The initiatives that the guide maps to `driver`: [{"id", "name", "summary"}]."""
    return [{k: i[k] for k in ("id", "name", "summary")} for i in initiatives() if driver in i["drivers"]]


def driver_matrix(actions: Sequence[Action], sub_group_ids: Sequence[str]) -> dict[str, dict[str, int]]:
    """SPEC.md drivers.matrix: open actions tagged with each driver, per sub-group (zeros included).
    The caller passes the actions known at the pack's date (metrics.actions.known_at)."""
    matrix = {d: {g: 0 for g in sub_group_ids} for d in DRIVERS}
    for action in actions:
        if action.is_done:
            continue
        for driver in action.drivers:
            matrix[driver][action.sub_group] += 1
    return matrix


def _disposed_in_window(cases: pd.DataFrame, month: Month, months: int) -> pd.DataFrame:
    start = pd.Timestamp(month.shift(-(months - 1)).first_day)
    end = pd.Timestamp(month.last_day)
    return cases[(cases["disposal_date"] >= start) & (cases["disposal_date"] <= end)]


def driver_prevalence(cases: pd.DataFrame, month: Month, months: int = 12) -> dict:
    """Cases disposed in the `months` ending at M citing each driver, their share, and mean duration.

    SPEC.md drivers.cases counts cases (not children). Mean weeks compares cases citing the driver
    with cases that cite no driver at all.
    """
    disposed = _disposed_in_window(cases, month, months)
    weeks = (disposed["disposal_date"] - disposed["issue_date"]).dt.days / DAYS_PER_WEEK
    exploded = pd.DataFrame({"driver": disposed["delay_drivers"], "weeks": weeks}).explode("driver")
    cited = exploded.dropna(subset=["driver"])
    counts = cited.groupby("driver").size()
    mean_weeks = cited.groupby("driver")["weeks"].mean()
    no_driver = weeks[disposed["delay_drivers"].map(len) == 0]
    total = len(disposed)
    return {
        "start": str(month.shift(-(months - 1))),
        "end": str(month),
        "cases_disposed": total,
        "cases_citing_any": int((disposed["delay_drivers"].map(len) > 0).sum()),
        "mean_weeks_no_driver": float(no_driver.mean()) if len(no_driver) else None,
        "cases": {d: int(counts.get(d, 0)) for d in DRIVERS},
        "share": {d: (100.0 * int(counts.get(d, 0)) / total if total else None) for d in DRIVERS},
        "mean_weeks": {d: (float(mean_weeks[d]) if d in mean_weeks.index else None) for d in DRIVERS},
    }


def driver_gaps(prevalence: dict, matrix: dict[str, dict[str, int]], min_share: float = GAP_MIN_SHARE) -> list[dict]:
    """Drivers cited on at least `min_share`% of cases that no open action addresses, most cited first."""
    gaps = []
    for driver in DRIVERS:
        share = prevalence["share"][driver]
        if share is not None and share >= min_share and sum(matrix[driver].values()) == 0:
            gaps.append({
                "driver": driver,
                "label": DRIVERS[driver],
                "cases": prevalence["cases"][driver],
                "share": share,
                "initiatives": initiatives_for(driver),
            })
    return sorted(gaps, key=lambda g: -g["cases"])


def driver_summary(cases: pd.DataFrame, actions: Sequence[Action], sub_group_ids: Sequence[str], month: Month,
                   cases_unavailable: str | None = None) -> dict:
    """The pack's `drivers` section: matrix, case counts (SPEC.md keys), shares, gaps and initiatives.

    `cases_unavailable` says why cases cannot be counted (an extract with no delay-driver column):
    the counts are then null with that reason, never 0, and no driver is called a gap.
    """
    matrix = driver_matrix(actions, sub_group_ids)
    prevalence = driver_prevalence(cases, month)
    if cases_unavailable:
        prevalence = {**prevalence, "cases_citing_any": None, "mean_weeks_no_driver": None,
                      **{key: dict.fromkeys(DRIVERS) for key in ("cases", "share", "mean_weeks")}}
    return {
        "matrix": matrix,
        "cases_unavailable": cases_unavailable,
        "cases": prevalence["cases"],
        "share": prevalence["share"],
        "mean_weeks": prevalence["mean_weeks"],
        "mean_weeks_no_driver": prevalence["mean_weeks_no_driver"],
        "window": {"start": prevalence["start"], "end": prevalence["end"], "cases_disposed": prevalence["cases_disposed"],
                   "cases_citing_any": prevalence["cases_citing_any"]},
        "open_actions": {d: sum(row.values()) for d, row in matrix.items()},
        "gaps": [] if cases_unavailable else driver_gaps(prevalence, matrix),
        "gap_min_share": GAP_MIN_SHARE,
        "labels": dict(DRIVERS),
        "initiatives": {d: initiatives_for(d) for d in DRIVERS},
    }
