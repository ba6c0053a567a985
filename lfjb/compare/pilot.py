"""Did the pilot work? Trailblazers against comparators, before and during the pilot year.

For each KPM (average duration, % within 26 weeks, average hearings) and each group (boards marked
`programme: trailblazer` or `comparator` in their terms of reference):

- a board's figure for a period is over the cases it disposed of in that period;
- a group's change is the average of its boards' changes from the baseline to the pilot period
  (each board counts the same, so one large area does not stand for the group);
- the difference-in-differences (DiD) is the Trailblazers' change minus the comparators' change.

The 95% interval is a percentile bootstrap over cases: each board's cases in each period are
resampled with replacement (seeded, so runs repeat exactly), the DiD recomputed each time. It
needs case-level data, so it is only available when the comparison is computed from the boards'
configurations and extracts; pack JSON files hold monthly figures, from which the point estimates
(but not the interval) can still be worked out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from lfjb.compare.league import period_from_trend
from lfjb.metrics.kpis import DAYS_PER_WEEK, WITHIN_26_DAYS
from lfjb.month import Month

# The LFJB quarterly performance template's KPM 1-3 (SPEC.md "Reference figures"); `phrase` names the
# measure inside a sentence.
PILOT_KPMS: dict[str, dict[str, str]] = {
    "mean_weeks": {"label": "Average duration (weeks)", "unit": "weeks", "better": "lower", "kpm": "KPM 1",
                   "phrase": "average duration"},
    "pct_within_26": {"label": "Disposed of within 26 weeks (%)", "unit": "percentage points", "better": "higher",
                      "kpm": "KPM 2", "phrase": "share of cases disposed of within 26 weeks"},
    "mean_hearings": {"label": "Average hearings per case", "unit": "hearings", "better": "lower", "kpm": "KPM 3",
                      "phrase": "average hearings per case"},
}
GROUPS = ("trailblazer", "comparator")
GROUP_LABELS = {"trailblazer": "Trailblazers", "comparator": "Comparators"}
BOOTSTRAP_REPS = 1000
BOOTSTRAP_SEED = 20240401  # fixed so the interval is the same on every run (the pilot's first day)
INTERVAL_LEVEL = 95

NO_INTERVAL_FROM_PACKS = (
    "No interval: it comes from resampling individual cases, and pack JSON files hold only monthly "
    "figures. Run the comparison from the boards' configurations (with their data extracts) to get it."
)
CAVEATS = (
    "What it can show: whether the Trailblazer areas' figures moved differently from the comparator "
    "areas' over the same two years.",
    "What it cannot show: that the pilot caused the difference. The areas were chosen to be "
    "Trailblazers, not assigned at random, so they may differ from the comparators in ways that also "
    "affect timeliness.",
    "Other things changed at the same time (court and workforce capacity, national initiatives). The "
    "difference-in-differences assumes both groups would otherwise have changed alike, which these "
    "figures cannot prove.",
    "There are few boards in each group, so one board's change moves its group's average a lot.",
    "The interval reflects case-to-case variation within the boards only, not the variation between "
    "areas, so it understates the real uncertainty.",
    "Cases disposed of in the pilot year were mostly issued before it began, so effects on duration "
    "may show only later.",
)


def period_label(start: Month, end: Month) -> dict:
    return {"start": str(start), "end": str(end), "label": f"{start.short_label} to {end.short_label}"}


def _disposed_between(cases: pd.DataFrame, start: Month, end: Month) -> dict[str, np.ndarray]:
    """Per-case arrays for the cases disposed in start..end: weeks, within-26 (0 or 100), hearings."""
    disposal = cases["disposal_date"]
    mask = (disposal >= pd.Timestamp(start.first_day)) & (disposal <= pd.Timestamp(end.last_day))
    days = (disposal[mask] - cases["issue_date"][mask]).dt.days.to_numpy(dtype=float)
    return {
        "mean_weeks": days / DAYS_PER_WEEK,
        "pct_within_26": np.where(days <= WITHIN_26_DAYS, 100.0, 0.0),
        "mean_hearings": cases["hearings"][mask].to_numpy(dtype=float),
    }


def _nan_mean(values: np.ndarray, axis: int = -1) -> np.ndarray:
    """Mean ignoring NaN along `axis`; NaN where every value is NaN (no warning)."""
    valid = ~np.isnan(values)
    count = valid.sum(axis=axis)
    total = np.where(valid, values, 0.0).sum(axis=axis)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def _board_figure(arrays: dict[str, np.ndarray]) -> dict:
    n = len(arrays["mean_weeks"])
    out: dict = {"cases": n}
    for kpi in PILOT_KPMS:
        values = arrays[kpi]
        out[kpi] = float(_nan_mean(values)) if n and not np.all(np.isnan(values)) else None
    return out


def _group_figures(boards: Sequence[dict], kpi: str) -> dict:
    """A group's baseline, pilot and change for one KPM: averages over its boards with both periods."""
    usable = [b for b in boards if b["baseline"][kpi] is not None and b["pilot"][kpi] is not None]
    if not usable:
        return {"boards": [], "baseline": None, "pilot": None, "change": None,
                "cases_baseline": 0, "cases_pilot": 0}
    base = float(np.mean([b["baseline"][kpi] for b in usable]))
    pilot = float(np.mean([b["pilot"][kpi] for b in usable]))
    return {
        "boards": [b["slug"] for b in usable],
        "baseline": base,
        "pilot": pilot,
        "change": pilot - base,
        "cases_baseline": int(sum(b["baseline"]["cases"] for b in usable)),
        "cases_pilot": int(sum(b["pilot"]["cases"] for b in usable)),
    }


def _missing_group_reason(group: str, boards: Sequence[dict], kpi: str) -> str:
    label = GROUP_LABELS[group].lower()
    if not boards:
        return (f"No board in this comparison is marked as a {group} (`programme: {group}` in its terms of "
                f"reference), so there is no {label[:-1]} group to compare.")
    return (f"No {group} board has cases disposed of (with a recorded {PILOT_KPMS[kpi]['phrase']}) in both "
            f"the baseline and the pilot period.")


def _bootstrap_did(
    arrays: Mapping[str, Mapping[str, dict[str, np.ndarray]]], groups: Mapping[str, Sequence[str]],
    reps: int, seed: int,
) -> dict[str, np.ndarray]:
    """DiD replicates per KPM: cases resampled within each board and period, vectorised per board-period."""
    rng = np.random.default_rng(seed)
    replicate: dict[str, dict[str, dict[str, np.ndarray]]] = {}
    for slug in sorted(arrays):
        replicate[slug] = {}
        for period in ("baseline", "pilot"):
            data = arrays[slug][period]
            n = len(data["mean_weeks"])
            if n == 0:
                replicate[slug][period] = {kpi: np.full(reps, np.nan) for kpi in PILOT_KPMS}
                continue
            idx = rng.integers(0, n, size=(reps, n))
            replicate[slug][period] = {kpi: _nan_mean(data[kpi][idx], axis=1) for kpi in PILOT_KPMS}
    out = {}
    for kpi in PILOT_KPMS:
        changes = {}
        for group, slugs in groups.items():
            board_changes = np.array([replicate[s]["pilot"][kpi] - replicate[s]["baseline"][kpi] for s in slugs])
            changes[group] = _nan_mean(board_changes.T, axis=1)
        out[kpi] = changes["trailblazer"] - changes["comparator"]
    return out


def _summary(boards: list[dict], baseline: tuple[Month, Month], pilot: tuple[Month, Month], source: str) -> dict:
    by_group = {g: [b for b in boards if b["programme"] == g] for g in GROUPS}
    kpms = []
    for kpi, meta in PILOT_KPMS.items():
        entry: dict = {"kpi": kpi, **meta}
        reasons = []
        for group in GROUPS:
            entry[group] = _group_figures(by_group[group], kpi)
            if not entry[group]["boards"]:
                reasons.append(_missing_group_reason(group, by_group[group], kpi))
        entry["available"] = not reasons
        entry["reason"] = " ".join(reasons) or None
        entry["did"] = entry["trailblazer"]["change"] - entry["comparator"]["change"] if entry["available"] else None
        entry["interval"] = None
        kpms.append(entry)
    return {
        "source": source,
        "baseline": period_label(*baseline),
        "pilot": period_label(*pilot),
        "groups": {g: {"label": GROUP_LABELS[g], "boards": [b["slug"] for b in by_group[g]]} for g in GROUPS},
        "not_in_a_group": [b["slug"] for b in boards if b["programme"] not in GROUPS],
        "kpms": kpms,
        "boards": boards,
        "method": (
            "Each board's figure for a period is over the cases it disposed of in that period. A group's change "
            "is the average of its boards' changes (each board counts the same). The difference-in-differences "
            "is the Trailblazers' change minus the comparators' change: below zero means Trailblazer durations "
            "or hearings fell further, above zero for % within 26 weeks means Trailblazers gained more."
        ),
        "caveats": list(CAVEATS),
        "bootstrap": None,
        "interval_note": None,
    }


def _check_periods(baseline: tuple[Month, Month], pilot: tuple[Month, Month]) -> None:
    for name, (start, end) in (("baseline", baseline), ("pilot", pilot)):
        if end < start:
            raise ValueError(f"the {name} period ends ({end}) before it starts ({start})")


def pilot_from_cases(
    programmes: Mapping[str, str | None], cases: Mapping[str, pd.DataFrame],
    baseline: tuple[Month, Month], pilot: tuple[Month, Month],
    reps: int = BOOTSTRAP_REPS, seed: int = BOOTSTRAP_SEED,
) -> dict:
    """The pilot view from each board's case-level extract, with a bootstrap 95% interval for the DiD.

    `programmes` maps slug to "trailblazer", "comparator" or None; `cases` maps slug to the extract.
    """
    _check_periods(baseline, pilot)
    arrays = {slug: {"baseline": _disposed_between(cases[slug], *baseline), "pilot": _disposed_between(cases[slug], *pilot)}
              for slug in sorted(cases)}
    boards = [{"slug": slug, "programme": programmes.get(slug),
               "baseline": _board_figure(arrays[slug]["baseline"]), "pilot": _board_figure(arrays[slug]["pilot"])}
              for slug in sorted(cases)]
    summary = _summary(boards, baseline, pilot, "cases")
    if any(k["available"] for k in summary["kpms"]):
        group_boards = {g: [b["slug"] for b in boards if b["programme"] == g] for g in GROUPS}
        replicates = _bootstrap_did({s: arrays[s] for g in GROUPS for s in group_boards[g]}, group_boards, reps, seed)
        tail = (100 - INTERVAL_LEVEL) / 2
        for entry in summary["kpms"]:
            reps_k = replicates[entry["kpi"]]
            reps_k = reps_k[~np.isnan(reps_k)]
            if entry["available"] and len(reps_k):
                low, high = np.percentile(reps_k, [tail, 100 - tail])
                entry["interval"] = [float(low), float(high)]
        summary["bootstrap"] = {"reps": reps, "seed": seed, "level": INTERVAL_LEVEL,
                                "resampled": "cases, within each board and period"}
    return summary


def pilot_from_packs(packs: Sequence[dict], baseline: tuple[Month, Month], pilot: tuple[Month, Month]) -> dict:
    """The pilot view's point estimates from the packs' monthly trends; no interval (see module doc).

    A board whose 24-month trend does not cover both periods is left out, and the summary says why.
    """
    _check_periods(baseline, pilot)
    boards, uncovered = [], []
    for p in sorted(packs, key=lambda p: p["board"]["slug"]):
        slug = p["board"]["slug"]
        figures = {name: period_from_trend(p, *period) for name, period in (("baseline", baseline), ("pilot", pilot))}
        if figures["baseline"] is None or figures["pilot"] is None:
            uncovered.append(slug)
            continue
        boards.append({
            "slug": slug, "programme": p["board"].get("programme"),
            **{name: {"cases": f["disposed"], **{k: f[k] for k in PILOT_KPMS}} for name, f in figures.items()},
        })
    summary = _summary(boards, baseline, pilot, "packs")
    if uncovered:
        first = min(Month.parse(p["trend"][0]["month"]) for p in packs if p.get("trend"))
        note = (f"Left out: {', '.join(uncovered)}. A pack holds the 24 months ending at its month (here from "
                f"{first.short_label}); the baseline and pilot periods must fall inside it.")
        summary["coverage_note"] = note
        for entry in summary["kpms"]:
            if not entry["available"]:
                entry["reason"] = f"{entry['reason']} {note}"
    summary["interval_note"] = NO_INTERVAL_FROM_PACKS
    summary["method"] += (" From pack files, each period's figures are the monthly figures weighted by cases "
                          "disposed (average hearings assumes every case has a hearing count recorded).")
    return summary
