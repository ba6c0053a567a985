"""Did the pilot work? Trailblazers against comparators, before and during the pilot year.

For each KPM (average duration, % within 26 weeks, average hearings) and each arm (boards marked
`programme: trailblazer` or `comparator` in their terms of reference):

- a board's figure for a period is over the cases it disposed of in that period (from packs: its
  monthly figures weighted by cases disposed, which is the same number);
- the **board-weighted** change of an arm is the average of its boards' changes (each board counts the
  same, so one large area does not stand for the arm) -- the primary estimate, because the pilot was
  given to areas, not to cases; the **case-weighted** change pools the arm's cases (large areas count
  more), shown beside it;
- the difference-in-differences (DiD) is the Trailblazers' change minus the comparators' change.

Inference (lfjb/compare/inference.py), because an arm may have only a handful of boards:

- **the test, randomisation inference**: the board-weighted DiD over every assignment of the boards to
  arms of the same sizes (a seeded sample of 10,000 when there are more); two-sided p and the smallest p
  the design can give (5 against 2 boards: 21 assignments, so never below 2/21 = 0.095);
- **the interval, primary: a restricted wild cluster bootstrap** on the boards' changes with Webb's
  six-point weights, one cluster per board, inverted into a 95% interval (Roodman et al. 2019);
- secondary, labelled as such: the **pairs cluster bootstrap** (boards resampled with replacement within
  each arm, then the cases -- from packs the months -- within each chosen board; with 2 boards in an arm
  it has 3 distinct compositions and understates the spread) and the **cases-only** bootstrap (boards
  held fixed, so it leaves out the differences between areas and understates the uncertainty).

With an arm of fewer than 5 boards, or when the smallest attainable p is above 0.05, the comparison
cannot show a difference on its own, and the view says so (`can_show_difference`, `design_note`).

A parallel-trends check goes with it: the same DiD over the two halves of the baseline (a placebo: the
pilot had not started, so it should be near zero), the gap between the arms quarter by quarter, and the
slope of that gap across the baseline quarters with its wild-bootstrap interval.
Everything works from case-level data (`pilot_from_cases`) or from the packs' monthly figures
(`pilot_from_packs`) through one engine over "units" (a case with weight 1, or a month weighted by
its cases disposed).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lfjb.compare.inference import (
    MIN_ARM_BOARDS,
    SIGNIFICANCE,
    WILD_REPS,
    WILD_SEED,
    randomisation_test,
    slope,
    wild_cluster_interval,
)
from lfjb.compare.periods import clip_period, halves, months_in
from lfjb.metrics.kpis import DAYS_PER_WEEK, WITHIN_26_DAYS
from lfjb.month import Month
from lfjb.pack_model import PackModel

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
KPIS = tuple(PILOT_KPMS)
GROUPS = ("trailblazer", "comparator")
GROUP_LABELS = {"trailblazer": "Trailblazers", "comparator": "Comparators"}
# Issue 11: with 1,000 replicates the interval's ends moved by ~0.3 weeks between seeds; at 10,000 they
# move by a few hundredths (the JSON records how far they moved between the first and second half).
BOOTSTRAP_REPS = 10_000
BOOTSTRAP_SEED = 20240401  # fixed so the interval is the same on every run (the pilot's first day)
INTERVAL_LEVEL = 95
_CHUNK = 2_000  # replicates drawn at a time, to bound memory on large boards
# Issue 11: 10,000 replicates, or fewer once the interval's ends stop moving: replicates come in
# batches, and the run stops when another batch moves neither end of the average-duration interval
# by STABLE_WEEKS or more (never before MIN_REPS).
BATCH_REPS = 2_000
MIN_REPS = 4_000
STABLE_WEEKS = 0.05
# Arms whose baseline averages differ by more than this share of the lower one "start far apart".
LEVEL_GAP_SHARE = 0.15

PRIMARY_WHY = (
    "The pilot was given to areas, and areas differ from one another far more than chance alone makes their "
    "cases differ, so with a handful of boards in each arm the between-area variation is most of the "
    "uncertainty. The randomisation test asks how unusual the observed difference is among every way of "
    "splitting these boards into groups of the same sizes; it would be exact had the boards been given the "
    "pilot at random (they were chosen), needs no assumption about how the figures are spread, and can never "
    "give a p-value below 2 divided by the number of splits. The primary interval is a wild "
    "cluster bootstrap (restricted, Webb's six-point weights), which copes with few boards better than "
    "resampling whole boards does (drawing 2 boards with replacement gives only 3 distinct groups), but is "
    "itself unreliable when a group has very few boards: with fewer than 5 boards in the smaller group lfjb "
    "calls it indicative (see the interval's note). The "
    "pairs (boards resampled) and cases-only intervals are secondary; the cases-only one holds the boards "
    "fixed, so it leaves out the differences between areas and understates the uncertainty, and is shown to make "
    "that visible."
)
# Three measures are tested on the same boards, so one of them falls below SIGNIFICANCE by chance more often
# than 1 time in 20. The verdict reads each measure's p after Holm's step-down adjustment, which keeps the
# chance of calling any of the three by mistake at most SIGNIFICANCE (Holm 1979) without assuming the measures
# are independent (average duration and % within 26 weeks move together).
MULTIPLE_TESTING_METHOD = "Holm"
MULTIPLE_TESTING_NOTE = (
    "Several measures are tested on the same boards, so one of them could pass a 1-in-20 test by chance more "
    "often than 1 time in 20. lfjb adjusts each measure's randomisation p for that (Holm's method: the chance "
    "of calling any of the measures by mistake is at most 1 in 20) and judges on the adjusted p."
)
# lfjb's rule, said once: in the caveats and in a design note (issue 19).
FEW_BOARDS_WHY = (
    f"lfjb does not call a difference when a group has fewer than {MIN_ARM_BOARDS} boards, because with so few "
    "areas the ordinary differences between areas can produce a difference as large by chance, and the tests "
    "cannot reliably tell the two apart."
)
INTERVAL_METHOD = "wild cluster bootstrap, restricted, Webb six-point weights (one cluster per board)"
CAVEATS = (
    "What it can show: whether the Trailblazer areas' figures moved differently from the comparator "
    "areas' over the same two years.",
    "What it cannot show: that the pilot caused the difference. The areas were chosen to be "
    "Trailblazers, not assigned at random, so they may differ from the comparators in ways that also "
    "affect timeliness.",
    "Other things changed at the same time (court and workforce capacity, national initiatives). The "
    "difference-in-differences assumes both groups would otherwise have changed alike (parallel trends); "
    "the check below tests that on the baseline year, but cannot prove it.",
    "There are few boards in each group, so one board's change moves its group's average a lot. The "
    "randomisation test and the wild cluster bootstrap allow for that. " + FEW_BOARDS_WHY,
    "Cases disposed of in the pilot year were mostly issued before it began, so effects on duration "
    "may show only later.",
)


def period_label(start: Month, end: Month) -> dict:
    return {"start": str(start), "end": str(end), "label": f"{start.short_label} to {end.short_label}"}


# --- units: what a board contributes to a period ----------------------------------------------------------


@dataclass(frozen=True)
class Units:
    """One board's observations in one period: per unit, a weight and a value for each KPM (NaN when
    not recorded). A case has weight 1; a month from a pack has its cases disposed as weight."""

    weights: np.ndarray
    values: Mapping[str, np.ndarray]

    @property
    def n(self) -> int:
        return len(self.weights)

    def sums(self, kpi: str, idx: np.ndarray | None = None) -> tuple[np.ndarray | float, np.ndarray | float]:
        """(sum of weight x value, sum of weight) over the units with a value; along the last axis of `idx`."""
        v = self.values[kpi]
        missing = np.isnan(v)
        w = np.where(missing, 0.0, self.weights)
        wv = np.where(missing, 0.0, v * self.weights)
        if idx is None:
            return float(wv.sum()), float(w.sum())
        if missing.all():
            zeros = np.zeros(idx.shape[:-1])
            return zeros, zeros
        if not missing.any() and np.all(self.weights == 1.0):  # cases: the weight of a resample is its size
            return wv[idx].sum(axis=-1), np.full(idx.shape[:-1], float(idx.shape[-1]))
        return wv[idx].sum(axis=-1), w[idx].sum(axis=-1)

    def figure(self, kpi: str) -> float | None:
        swv, sw = self.sums(kpi)
        return swv / sw if sw > 0 else None

    def cases(self) -> int:
        return int(round(float(self.weights.sum())))


def units_from_cases(cases: pd.DataFrame, start: Month, end: Month) -> Units:
    """The cases disposed of in start..end, one unit each: weeks, within-26 (0 or 100), hearings."""
    disposal = cases["disposal_date"]
    mask = ((disposal >= pd.Timestamp(start.first_day)) & (disposal <= pd.Timestamp(end.last_day))).to_numpy()
    days = (disposal[mask] - cases["issue_date"][mask]).dt.days.to_numpy(dtype=float)
    return Units(np.ones(len(days)), {
        "mean_weeks": days / DAYS_PER_WEEK,
        "pct_within_26": np.where(days <= WITHIN_26_DAYS, 100.0, 0.0),
        "mean_hearings": cases["hearings"][mask].to_numpy(dtype=float),
    })


def units_from_pack(pack: PackModel, start: Month, end: Month) -> Units | None:
    """The pack's months start..end, one unit each weighted by its cases disposed; None when the pack's
    trend does not cover the period. (Average hearings assumes every case has a hearing count.)"""
    by_month = {row.month: row for row in pack.trend}
    wanted = months_in(start, end)
    if not all(m in by_month for m in wanted):
        return None
    rows = [by_month[m] for m in wanted]
    weights = np.array([float(r.disposed or 0) for r in rows])
    keep = weights > 0
    values = {k: np.array([np.nan if getattr(r, k) is None else float(getattr(r, k)) for r in rows])[keep] for k in KPIS}
    return Units(weights[keep], values)


# --- point estimates ----------------------------------------------------------------------------------------


def _changes(boards: Sequence[Mapping[str, Units]], kpi: str, pre: str, post: str) -> dict:
    """An arm's board-weighted and case-weighted figures over the boards with the KPM in both periods."""
    usable = [b for b in boards if b[pre].figure(kpi) is not None and b[post].figure(kpi) is not None]
    if not usable:
        return {"n_boards": 0, "baseline": None, "pilot": None, "change": None, "case_weighted": None}
    before = [b[pre].figure(kpi) for b in usable]
    after = [b[post].figure(kpi) for b in usable]
    pooled = {}
    for period in (pre, post):
        swv = sum(b[period].sums(kpi)[0] for b in usable)
        sw = sum(b[period].sums(kpi)[1] for b in usable)
        pooled[period] = swv / sw
    return {
        "n_boards": len(usable),
        "baseline": float(np.mean(before)),
        "pilot": float(np.mean(after)),
        "change": float(np.mean(after) - np.mean(before)),
        "case_weighted": {"baseline": pooled[pre], "pilot": pooled[post], "change": pooled[post] - pooled[pre]},
    }


# --- the bootstrap --------------------------------------------------------------------------------------------


def bootstrap_replicates(arms: Mapping[str, Sequence[Mapping[str, Units]]], pre: str, post: str, reps: int,
                         rng: np.random.Generator, resample_boards: bool = True) -> dict[str, dict[str, np.ndarray]]:
    """DiD replicates per KPM, {"board_weighted": array, "case_weighted": array} (NaN where undefined).

    Two-stage (cluster) bootstrap when `resample_boards`: in each replicate each arm's boards are drawn
    with replacement (as many as the arm has), then each drawn board's units are drawn with replacement
    -- afresh for every draw, so a board drawn twice contributes two independent resamples. Without
    `resample_boards` every board appears once and only its units are resampled (cases only).

    Vectorised per board: every replicate slot that drew board b gets one fresh unit resample of b.
    The draws come in a fixed order (arms as given, then boards, then periods), so a seed repeats.
    """
    out: dict[str, dict[str, np.ndarray]] = {k: {} for k in KPIS}
    per_arm: dict[str, dict[str, dict[str, np.ndarray]]] = {}
    for group, boards in arms.items():
        k = len(boards)
        choice = rng.integers(0, k, size=(reps, k)) if resample_boards else np.tile(np.arange(k), (reps, 1))
        sums = {(period, kpi, part): np.full((reps, k), np.nan) for period in (pre, post) for kpi in KPIS for part in (0, 1)}
        for b, board in enumerate(boards):
            slots = np.nonzero(choice == b)
            m = len(slots[0])
            for period in (pre, post):
                units = board[period]
                for start in range(0, m, _CHUNK):
                    size = min(_CHUNK, m - start)
                    where = (slots[0][start:start + size], slots[1][start:start + size])
                    if units.n == 0:
                        continue
                    idx = rng.integers(0, units.n, size=(size, units.n), dtype=np.int32)
                    for kpi in KPIS:
                        swv, sw = units.sums(kpi, idx)
                        sums[(period, kpi, 0)][where] = swv
                        sums[(period, kpi, 1)][where] = sw
        per_arm[group] = {}
        for kpi in KPIS:
            with np.errstate(invalid="ignore", divide="ignore"):
                means = {p: sums[(p, kpi, 0)] / sums[(p, kpi, 1)] for p in (pre, post)}
                change = means[post] - means[pre]
                board_weighted = _nanmean_rows(change)
                pooled = {p: _nansum_rows(sums[(p, kpi, 0)]) / _nansum_rows(sums[(p, kpi, 1)]) for p in (pre, post)}
            per_arm[group][kpi] = {"board_weighted": board_weighted, "case_weighted": pooled[post] - pooled[pre]}
    for kpi in KPIS:
        for estimate in ("board_weighted", "case_weighted"):
            out[kpi][estimate] = per_arm["trailblazer"][kpi][estimate] - per_arm["comparator"][kpi][estimate]
    return out


def replicates_until_stable(arms: Mapping[str, Sequence[Mapping[str, Units]]], pre: str, post: str, reps: int,
                            rng: np.random.Generator, resample_boards: bool = True,
                            stop_when_stable: bool = True) -> tuple[dict[str, dict[str, np.ndarray]], int]:
    """(replicates, how many): `bootstrap_replicates` in batches of BATCH_REPS up to `reps`, stopping
    early (with `stop_when_stable`) once a batch moves neither end of the average-duration interval by
    STABLE_WEEKS or more."""
    batches: list[dict[str, dict[str, np.ndarray]]] = []
    previous = None
    done = 0
    while done < reps:
        size = min(BATCH_REPS, reps - done)
        batches.append(bootstrap_replicates(arms, pre, post, size, rng, resample_boards))
        done += size
        merged = {k: {e: np.concatenate([b[k][e] for b in batches]) for e in batches[0][k]} for k in KPIS}
        current = percentile_interval(merged["mean_weeks"]["board_weighted"])
        if (stop_when_stable and done >= MIN_REPS and previous is not None and current is not None
                and max(abs(current[0] - previous[0]), abs(current[1] - previous[1])) < STABLE_WEEKS):
            break
        previous = current
    merged = {k: {e: np.concatenate([b[k][e] for b in batches]) for e in batches[0][k]} for k in KPIS}
    return merged, done


def _nanmean_rows(values: np.ndarray) -> np.ndarray:
    valid = ~np.isnan(values)
    count = valid.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, np.where(valid, values, 0.0).sum(axis=1) / np.maximum(count, 1), np.nan)


def _nansum_rows(values: np.ndarray) -> np.ndarray:
    """Row sums over non-NaN entries; 0 where all are NaN (so a ratio of two is NaN, not 0)."""
    return np.where(np.isnan(values), 0.0, values).sum(axis=1)


def percentile_interval(replicates: np.ndarray) -> list[float] | None:
    """The 95% percentile interval of the finite replicates; None when there are none."""
    finite = replicates[np.isfinite(replicates)]
    if not len(finite):
        return None
    tail = (100 - INTERVAL_LEVEL) / 2
    low, high = np.percentile(finite, [tail, 100 - tail])
    return [float(low), float(high)]


def _movement(replicates: np.ndarray) -> float | None:
    """How far the interval's ends move between the first and the second half of the replicates."""
    half = len(replicates) // 2
    a, b = percentile_interval(replicates[:half]), percentile_interval(replicates[half:])
    if a is None or b is None:
        return None
    return float(max(abs(a[0] - b[0]), abs(a[1] - b[1])))


# --- few-board inference (lfjb/compare/inference.py) --------------------------------------------------------


def board_changes(arms: Mapping[str, Sequence[Mapping[str, Units]]], kpi: str, pre: str, post: str
                  ) -> tuple[np.ndarray, np.ndarray]:
    """(each board's change from `pre` to `post`, is it a Trailblazer) over the boards with the KPM in
    both periods, Trailblazers first: the board-weighted DiD is the difference in their means."""
    values, treated = [], []
    for group in GROUPS:
        for board in arms[group]:
            before, after = board[pre].figure(kpi), board[post].figure(kpi)
            if before is not None and after is not None:
                values.append(after - before)
                treated.append(group == "trailblazer")
    return np.array(values, dtype=float), np.array(treated, dtype=bool)


def board_slopes(arms: Mapping[str, Sequence[Mapping[str, Units]]], kpi: str, keys: Sequence[str]
                 ) -> tuple[np.ndarray, np.ndarray]:
    """(each board's least-squares slope per quarter over the quarters `keys`, is it a Trailblazer). The
    difference in the arms' mean slopes is the slope of the quarterly gap between the arms (exactly,
    when every board has a figure in every quarter, since a slope is linear in the figures)."""
    values, treated = [], []
    for group in GROUPS:
        for board in arms[group]:
            figures = [board[k].figure(kpi) for k in keys]
            b = slope(np.array([np.nan if f is None else f for f in figures]))
            if b is not None:
                values.append(b)
                treated.append(group == "trailblazer")
    return np.array(values, dtype=float), np.array(treated, dtype=bool)


def _wild(values: np.ndarray, treated: np.ndarray) -> dict | None:
    """{"interval", "is_bounded", "open_ends", "reps", "seed"} (the estimate left out: disclosure control
    withholds it on its own)."""
    result = wild_cluster_interval(values, treated)
    if result is None:
        return None
    return {"interval": result["interval"], "is_bounded": result["is_bounded"],
            "open_ends": result.get("open_ends", []), "reps": result["reps"], "seed": result["seed"]}


def _randomisation(values: np.ndarray, treated: np.ndarray) -> dict | None:
    result = randomisation_test(values, treated)
    return None if result is None else {k: v for k, v in result.items() if k != "statistic"}


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def design_note(n_trailblazers: int, n_comparators: int, randomisation: dict | None) -> str | None:
    """Why this comparison cannot show a difference on its own (an arm under MIN_ARM_BOARDS boards, or
    a smallest attainable p above 0.05), in words; None when it can."""
    reasons = []
    for label, n in (("Trailblazer", n_trailblazers), ("comparator", n_comparators)):
        if n < MIN_ARM_BOARDS:
            reasons.append(f"the {label} group has only {_count(n, 'board')} (fewer than {MIN_ARM_BOARDS})")
    if randomisation and randomisation["smallest_p"] > SIGNIFICANCE:
        reasons.append(
            f"there are only {randomisation['possible']:,} ways to split these {n_trailblazers + n_comparators} "
            f"boards into groups of {n_trailblazers} and {n_comparators}, so even the most extreme result possible "
            f"gives p = {randomisation['smallest_p']:.3f} (2 in {randomisation['possible']:,}), above {SIGNIFICANCE}")
    if not reasons:
        return None
    text = "This comparison cannot show a difference on its own: " + "; and ".join(reasons) + "."
    if min(n_trailblazers, n_comparators) < MIN_ARM_BOARDS:
        text += " " + FEW_BOARDS_WHY
    return (text + " Its figures describe what happened in these boards, but cannot tell a pilot effect from the "
            "ordinary differences between areas.")


CANNOT_SHOW, UNLIKELY_CHANCE, COULD_BE_CHANCE = "cannot_show", "unlikely_chance", "could_be_chance"


def pilot_verdict(kpm: Mapping) -> str:
    """The pilot's verdict on one measure's difference-in-differences, decided here only (the words are
    lfjb.compare.model's): CANNOT_SHOW when the design cannot show a difference on its own (a design note:
    a group under MIN_ARM_BOARDS boards, or a smallest attainable p above SIGNIFICANCE), UNLIKELY_CHANCE when
    the randomisation p is below SIGNIFICANCE, else COULD_BE_CHANCE (issue 19: never "excludes zero")."""
    if kpm.get("design_note"):
        return CANNOT_SHOW
    rand = kpm.get("randomisation")
    return UNLIKELY_CHANCE if rand and judged_p(rand) < SIGNIFICANCE else COULD_BE_CHANCE


def judged_p(randomisation: Mapping) -> float:
    """The p the verdict reads: adjusted for the measures tested (holm_adjust) when it has been."""
    adjusted = randomisation.get("p_value_adjusted")
    return randomisation["p_value"] if adjusted is None else adjusted


def holm_adjust(p_values: Sequence[float]) -> list[float]:
    """Holm's step-down adjusted p-values, in the order given: the i-th smallest of m is multiplied by
    m - i (i from 0), each kept at least as large as the one before it, and capped at 1."""
    order = sorted(range(len(p_values)), key=lambda i: p_values[i])
    adjusted = [1.0] * len(p_values)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (len(p_values) - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


# MacKinnon & Webb (2018), "The wild bootstrap for few (treated) clusters"; the statistician's review of
# issue 19 simulated lfjb's own restricted wild test with 5 against 2 boards: 3.6% to 19.8% rejection of a
# true null at a nominal 5%, depending on which arm's boards vary more.
INDICATIVE_RANGE = ("4%", "20%")


def interval_note(n_trailblazers: int, n_comparators: int) -> str | None:
    """Why the wild-bootstrap interval is only indicative (the smaller arm under MIN_ARM_BOARDS boards), in
    words; None when it is not."""
    fewest = min(n_trailblazers, n_comparators)
    if fewest >= MIN_ARM_BOARDS:
        return None
    low, high = INDICATIVE_RANGE
    return (f"Indicative only: with {_count(fewest, 'board')} in the smaller group this bootstrap is not reliable. "
            f"In simulations with 5 boards against 2, a test meant to find a difference by mistake 1 time in 20 "
            f"did so between {low} and {high} of the time, depending on which group's boards vary more "
            "(simulations of lfjb's own test; see MacKinnon and Webb 2018).")


def _is_indicative(treated: np.ndarray) -> bool:
    """True when a wild-bootstrap interval over these boards is only indicative (interval_note)."""
    return interval_note(int(treated.sum()), int((~treated).sum())) is not None


# --- the view -----------------------------------------------------------------------------------------------


def _missing_group_reason(group: str, boards: Sequence[str], kpi: str) -> str:
    label = GROUP_LABELS[group].lower()
    if not boards:
        return (f"No board in this comparison is marked as a {group} (`programme: {group}` in its terms of "
                f"reference), so there is no {label[:-1]} group to compare.")
    return (f"No {group} board has cases disposed of (with a recorded {PILOT_KPMS[kpi]['phrase']}) in both "
            f"the baseline and the pilot period.")


def _group_entry(changes: dict, boards: Sequence[dict], kpi: str) -> dict:
    usable = [b["slug"] for b in boards if b["baseline"][kpi] is not None and b["pilot"][kpi] is not None]
    return {
        "boards": usable,
        "baseline": changes["baseline"], "pilot": changes["pilot"], "change": changes["change"],
        "case_weighted": changes["case_weighted"],
        "cases_baseline": int(sum(b["baseline"]["cases"] for b in boards if b["slug"] in usable)),
        "cases_pilot": int(sum(b["pilot"]["cases"] for b in boards if b["slug"] in usable)),
    }


def _did(arms: Mapping[str, Sequence[Mapping[str, Units]]], kpi: str, pre: str, post: str) -> dict | None:
    tb, cp = (_changes(arms[g], kpi, pre, post) for g in GROUPS)
    if tb["change"] is None or cp["change"] is None:
        return None
    return {"board_weighted": tb["change"] - cp["change"],
            "case_weighted": tb["case_weighted"]["change"] - cp["case_weighted"]["change"]}


def _quarters(period_start: Month, period_end: Month) -> list[tuple[Month, Month]]:
    months = months_in(period_start, period_end)
    return [(chunk[0], chunk[-1]) for chunk in (months[i:i + 3] for i in range(0, len(months), 3))]


def _quarter_gaps(arms: Mapping[str, Sequence[Mapping[str, Units]]], quarters: Sequence[tuple[Month, Month]],
                  pilot_start: Month) -> list[dict]:
    """Each arm's board-weighted figure per quarter and the gap (Trailblazers minus comparators)."""
    rows = []
    for i, (start, end) in enumerate(quarters):
        key = f"q{i}"
        row: dict = {**period_label(start, end), "phase": "pilot" if start >= pilot_start else "baseline",
                     "short_label": (f"{start.short_label[:3]}–{end.short_label}" if start != end else end.short_label)}
        for kpi in KPIS:
            figures = {}
            for group in GROUPS:
                values = [b[key].figure(kpi) for b in arms[group]]
                values = [v for v in values if v is not None]
                cases = sum(b[key].cases() for b in arms[group])
                figures[group] = {"value": float(np.mean(values)) if values else None, "boards": len(values), "cases": cases}
            gap = (figures["trailblazer"]["value"] - figures["comparator"]["value"]
                   if figures["trailblazer"]["value"] is not None and figures["comparator"]["value"] is not None else None)
            row[kpi] = {**figures, "gap": gap}
        rows.append(row)
    return rows


def _level(value: float, kpi: str) -> str:
    """'46.3 weeks', '24.2%', '6.32 hearings'."""
    if kpi == "pct_within_26":
        return f"{value:.1f}%"
    return f"{value:.2f} hearings" if kpi == "mean_hearings" else f"{value:.1f} weeks"


def _pm(x: float, places: int) -> str:
    """'+1.2', '−3.0' (a real minus sign, as the comparison's other words)."""
    return f"{x:+.{places}f}".replace("-", "−")


def _span(interval: list[float] | None, places: int, is_indicative: bool = False) -> str:
    return (f" ({'indicative ' if is_indicative else ''}95% interval {_pm(interval[0], places)} to "
            f"{_pm(interval[1], places)})" if interval else "")


# Issue 19's review: the parallel-trends check rests on wild-bootstrap intervals too, as unreliable as the
# pilot's own with fewer than MIN_ARM_BOARDS boards in a group, so its words are hedged alike.
TRENDS_INDICATIVE = (f"These checks' intervals are only indicative: with fewer than {MIN_ARM_BOARDS} boards in a "
                     "group the wild cluster bootstrap is not reliable (see the interval's note), so they can "
                     "neither show nor rule out an earlier trend.")


def gap_changing_words(is_indicative: bool) -> str:
    """What a placebo estimate clear of zero says: the gap between the arms was already changing before the
    pilot. It does not say which way (the gap may have been narrowing), so never "moving apart"; an interval
    that is only indicative is weaker evidence. The check's own sentence and the comparison's findings both."""
    strength = "weak" if is_indicative else "some"
    return f"There is {strength} evidence that the gap between the arms was already changing before the pilot"


def _parallel_trends(entry: dict, placebo: dict | None, quarters: list[dict], kpi: str,
                     gap_slope: dict | None = None) -> dict:
    """The check's verdict in words: are the arms moving together before the pilot? The words follow
    the numbers: a baseline gap that moved by more than the estimate itself is said, and so is a placebo
    interval too wide to see a trend as large as the estimate (the check has little power)."""
    meta = PILOT_KPMS[kpi]
    unit = meta["unit"]
    places = 2 if kpi == "mean_hearings" else 1
    tb, cp = entry["trailblazer"], entry["comparator"]
    did = entry.get("did")
    size = abs(did) if did is not None else None
    sentences = []
    is_level_apart = False
    if tb["baseline"] is not None and cp["baseline"] is not None:
        low = min(abs(tb["baseline"]), abs(cp["baseline"])) or 1.0
        is_level_apart = abs(tb["baseline"] - cp["baseline"]) > LEVEL_GAP_SHARE * low
        if is_level_apart:
            sentences.append(
                f"The arms started far apart: in the baseline the Trailblazers averaged {_level(tb['baseline'], kpi)} "
                f"and the comparators {_level(cp['baseline'], kpi)}. A "
                "difference-in-differences removes a steady gap, but areas starting from such different levels "
                "need not change alike (an area that starts worse has more room to improve), so read the estimate with care.")
    gaps = [q[kpi]["gap"] for q in quarters if q["phase"] == "baseline" and q[kpi]["gap"] is not None]
    gap_moved = gaps[-1] - gaps[0] if len(gaps) >= 2 else None
    fitted_move = (gap_slope["estimate"] * (gap_slope["quarters"] - 1)
                   if gap_slope and gap_slope.get("estimate") is not None else None)
    moves = [m for m in (gap_moved, fitted_move) if m is not None and size is not None and abs(m) > size]
    is_gap_moving = bool(moves)
    # The gap moved the other way from the estimate: not "a trend already there" but ordinary movement larger
    # than the estimate (review of issue 19: the gap grew +10.8 -> +15.2 while the estimate was -2.9).
    is_gap_against = bool(moves and did is not None and moves[0] * did < 0)
    slope_interval = (gap_slope or {}).get("interval")
    is_slope_away = bool(slope_interval and not (slope_interval[0] <= 0 <= slope_interval[1]))
    is_slope_indicative = bool(slope_interval and (gap_slope or {}).get("interval_is_indicative"))
    is_placebo_indicative = bool(placebo and placebo.get("interval") and placebo.get("interval_is_indicative"))
    is_indicative = is_slope_indicative or is_placebo_indicative
    is_diverging = None
    is_low_power = False
    if placebo and placebo.get("estimate") is not None:
        interval = placebo.get("interval")
        est = placebo["estimate"]
        is_diverging = bool(interval and not (interval[0] <= 0 <= interval[1]))
        half_width = (interval[1] - interval[0]) / 2 if interval else None
        is_low_power = interval is None or bool(size is not None and half_width is not None and half_width >= size)
        span = _span(interval, places, is_placebo_indicative)
        # One 95% interval clear of zero, from few boards, is some evidence of an earlier trend, not proof of
        # one (review: "were not moving together" was a sentence a statistician would strike); an indicative
        # interval is weaker evidence still.
        if is_diverging and is_placebo_indicative:
            sentences.append(
                f"{gap_changing_words(True)}: over the two halves of the baseline, before the pilot began, the same "
                f"estimate is {_pm(est, places)} {unit}{span}, away from zero on an interval that is only indicative. "
                "The pilot-year difference may partly reflect that.")
        elif is_diverging:
            sentences.append(
                f"{gap_changing_words(False)}: over the two halves of the baseline, before the pilot began, the same "
                f"estimate is {_pm(est, places)} {unit}{span}, an interval that excludes zero. The pilot-year "
                "difference may partly reflect that.")
        else:
            text = (f"Placebo check: over the two halves of the baseline, before the pilot began, the same estimate is "
                    f"{_pm(est, places)} {unit}{span}")
            if is_low_power:
                text += (", which includes zero; but " + ("that interval runs further than the size of the estimate "
                         f"({size:.{places}f} {unit}) either side of its centre, so " if interval and size is not None else "")
                         + "this check has little power: it could miss an earlier trend as large as the estimated effect.")
            elif is_gap_moving or is_slope_away:
                text += ", which includes zero; the quarter-by-quarter gap below tells a different story."
            elif is_placebo_indicative:
                text += ", which includes zero."
            else:
                text += ", which includes zero, so there is no clear sign that the gap between the arms was already changing."
            sentences.append(text)
    if len(gaps) >= 2:
        text = (f"The gap between the arms moved from {_pm(gaps[0], places)} to {_pm(gaps[-1], places)} {unit} "
                "across the baseline quarters")
        if gap_slope and gap_slope.get("estimate") is not None:
            text += (f" (a slope of {_pm(gap_slope['estimate'], places)} {unit} a quarter"
                     + (f", {'indicative ' if is_slope_indicative else ''}95% interval {_pm(slope_interval[0], places)} "
                        f"to {_pm(slope_interval[1], places)}" if slope_interval else "")
                     + ")")
        if is_gap_against:
            text += (f": it moved the other way by more than the estimate ({_pm(did, places)} {unit}), so the estimate "
                     "is within the gap's ordinary movement.")
        elif is_gap_moving:
            text += (f": more than the estimate itself ({_pm(did, places)} {unit}), so part of the pilot-year "
                     "difference could be a trend that was already there.")
        elif is_slope_away:
            text += ": a slope away from zero, so the gap may already have been changing."
        else:
            text += "."
        sentences.append(text)
    if is_indicative:
        sentences.append(TRENDS_INDICATIVE)
    if is_diverging and is_placebo_indicative:
        reading = "Weak evidence the gap was already changing before the pilot (indicative interval)"
    elif is_diverging:
        reading = "Some evidence the gap was already changing before the pilot"
    elif is_gap_against:
        reading = "The baseline gap moved the other way by more than the estimate"
    elif is_gap_moving:
        reading = "The baseline gap moved by more than the estimate"
    elif is_slope_away:
        reading = ("The baseline gap may have been drifting (indicative interval)" if is_slope_indicative
                   else "The baseline gap was drifting")
    elif is_low_power:
        reading = "No clear sign either way; the check has little power"
    elif is_indicative:
        reading = "No clear sign either way; the intervals are only indicative"
    elif is_diverging is False:
        reading = "No clear sign of the gap already changing"
    else:
        reading = "–"
    if is_level_apart:
        reading += "; started far apart"
    return {"is_level_apart": is_level_apart, "is_diverging": is_diverging, "is_gap_moving": is_gap_moving,
            "is_gap_against": is_gap_against, "is_slope_away": is_slope_away, "reading": reading,
            "is_low_power": is_low_power, "gap_slope": gap_slope, "is_indicative": is_indicative,
            "is_placebo_indicative": is_placebo_indicative,
            "is_parallel": (is_diverging is False and not is_gap_moving and not is_slope_away and not is_low_power
                            and not is_indicative),
            "summary": " ".join(sentences) or None}


def pilot_analysis(
    data: Mapping[str, dict], programmes: Mapping[str, str | None],
    baseline: tuple[Month, Month], pilot: tuple[Month, Month], source: str,
    reps: int = BOOTSTRAP_REPS, seed: int = BOOTSTRAP_SEED, stop_when_stable: bool = True,
) -> dict:
    """The pilot view from per-board units: {slug: {"baseline": Units, "pilot": Units, "early": Units,
    "late": Units, "q0": Units, ...}} (see `pilot_from_cases`, `pilot_from_packs`)."""
    slugs = sorted(data)
    boards = [{"slug": s, "programme": programmes.get(s),
               "baseline": {"cases": data[s]["baseline"].cases(), **{k: data[s]["baseline"].figure(k) for k in KPIS}},
               "pilot": {"cases": data[s]["pilot"].cases(), **{k: data[s]["pilot"].figure(k) for k in KPIS}}}
              for s in slugs]
    in_group = {g: [s for s in slugs if programmes.get(s) == g] for g in GROUPS}
    arms = {g: [data[s] for s in in_group[g]] for g in GROUPS}
    is_comparable = all(in_group[g] for g in GROUPS)
    kpms = []
    for kpi, meta in PILOT_KPMS.items():
        entry: dict = {"kpi": kpi, **meta}
        reasons = []
        for group in GROUPS:
            group_boards = [b for b in boards if b["programme"] == group]
            entry[group] = _group_entry(_changes(arms[group], kpi, "baseline", "pilot"), group_boards, kpi)
            if not entry[group]["boards"]:
                reasons.append(_missing_group_reason(group, in_group[group], kpi))
        entry["available"] = not reasons
        entry["reason"] = " ".join(reasons) or None
        did = _did(arms, kpi, "baseline", "pilot") if entry["available"] else None
        entry["did"] = did["board_weighted"] if did else None
        entry["did_case_weighted"] = did["case_weighted"] if did else None
        entry["interval"] = entry["interval_cases_only"] = entry["interval_case_weighted"] = None
        entry["interval_boards_resampled"] = None
        entry["interval_method"] = INTERVAL_METHOD
        entry["randomisation"] = entry["wild_bootstrap"] = entry["design_note"] = entry["interval_note"] = None
        entry["interval_is_indicative"] = False
        entry["can_show_difference"] = False
        entry["placebo"] = None
        if did:
            values, treated = board_changes(arms, kpi, "baseline", "pilot")
            entry["randomisation"] = _randomisation(values, treated)
            wild = _wild(values, treated)
            entry["interval"] = wild.pop("interval") if wild else None
            entry["wild_bootstrap"] = wild
            entry["design_note"] = design_note(int(treated.sum()), int((~treated).sum()), entry["randomisation"])
            entry["can_show_difference"] = entry["design_note"] is None
            entry["interval_note"] = interval_note(int(treated.sum()), int((~treated).sum()))
            entry["interval_is_indicative"] = entry["interval_note"] is not None
        kpms.append(entry)

    tested = [entry["randomisation"] for entry in kpms if entry["randomisation"]]
    for rand, adjusted in zip(tested, holm_adjust([r["p_value"] for r in tested])):
        rand["p_value_adjusted"] = adjusted
        rand["measures_tested"] = len(tested)

    periods = {"baseline": period_label(*baseline), "pilot": period_label(*pilot)}
    split = halves(baseline)
    quarters = _quarter_gaps(arms, _quarters(baseline[0], pilot[1]), pilot[0]) if is_comparable else []
    bootstrap = None
    if any(k["available"] for k in kpms):
        rng = np.random.default_rng(seed)
        cluster, used = replicates_until_stable(arms, "baseline", "pilot", reps, rng, True, stop_when_stable)
        fixed, used_fixed = replicates_until_stable(arms, "baseline", "pilot", reps, rng, False, stop_when_stable)
        movement = {}
        for entry in kpms:
            kpi = entry["kpi"]
            if entry["available"]:
                entry["interval_boards_resampled"] = percentile_interval(cluster[kpi]["board_weighted"])
                entry["interval_case_weighted"] = percentile_interval(cluster[kpi]["case_weighted"])
                entry["interval_cases_only"] = percentile_interval(fixed[kpi]["board_weighted"])
                movement[kpi] = _movement(cluster[kpi]["board_weighted"])
            placebo_did = _did(arms, kpi, "early", "late") if split and entry["available"] else None
            if placebo_did is not None:
                values, treated = board_changes(arms, kpi, "early", "late")
                wild = _wild(values, treated)
                entry["placebo"] = {
                    "early": period_label(*split[0]), "late": period_label(*split[1]),  # type: ignore[index]
                    "estimate": placebo_did["board_weighted"],
                    "interval": wild["interval"] if wild else None,
                    "interval_method": INTERVAL_METHOD,
                    "interval_is_indicative": _is_indicative(treated),
                }
        bootstrap = {
            "reps": used, "reps_cases_only": used_fixed, "max_reps": reps,
            "stopping_rule": (f"batches of {BATCH_REPS:,} replicates up to {reps:,}, stopping once a batch moves neither "
                              f"end of the average-duration interval by {STABLE_WEEKS} weeks or more (at least "
                              f"{MIN_REPS:,})" if stop_when_stable else f"{reps:,} replicates"),
            "seed": seed, "level": INTERVAL_LEVEL,
            "primary": "wild_cluster",
            "interval_method": INTERVAL_METHOD,
            "wild_reps": WILD_REPS, "wild_seed": WILD_SEED,
            "wild": ("each board's change is one cluster; residuals with the null imposed are multiplied by Webb's "
                     "six-point weights (±√½, ±1, ±√1½, each with chance 1/6), and the interval is every difference "
                     "the bootstrap t-test does not reject at 5%"),
            "resampled": ("boards within each arm, then cases within each board" if source == "cases"
                          else "boards within each arm, then months within each board (months weighted by cases disposed)"),
            "cases_only": ("cases within each board, boards held fixed" if source == "cases"
                           else "months within each board, boards held fixed"),
            "why_primary": PRIMARY_WHY,
            "end_movement": movement,
            "end_movement_note": ("How far the primary interval's ends move between the first and the second half of "
                                  "the replicates (in each measure's unit): a guide to the bootstrap's own noise."),
        }
    baseline_keys = [f"q{i}" for i, q in enumerate(quarters) if q["phase"] == "baseline"]
    for entry in kpms:
        if entry["available"]:
            gap_slope = None
            if len(baseline_keys) >= 2:
                values, treated = board_slopes(arms, entry["kpi"], baseline_keys)
                if treated.any() and not treated.all():
                    wild = _wild(values, treated)
                    gap_slope = {"estimate": float(values[treated].mean() - values[~treated].mean()),
                                 "interval": wild["interval"] if wild else None, "quarters": len(baseline_keys),
                                 "unit": f"{entry['unit']} a quarter", "interval_method": INTERVAL_METHOD,
                                 "interval_is_indicative": _is_indicative(treated)}
            entry["parallel_trends"] = _parallel_trends(entry, entry["placebo"], quarters, entry["kpi"], gap_slope)
    return {
        "source": source,
        **periods,
        "groups": {g: {"label": GROUP_LABELS[g], "boards": in_group[g]} for g in GROUPS},
        "not_in_a_group": [b["slug"] for b in boards if b["programme"] not in GROUPS],
        "kpms": kpms,
        "boards": boards,
        "quarters": quarters,
        "placebo_periods": ({"early": period_label(*split[0]), "late": period_label(*split[1])} if split else None),
        "method": (
            "Each board's figure for a period is over the cases it disposed of in that period. Primary estimate: "
            "a group's change is the average of its boards' changes (board-weighted: each area counts the same, "
            "because the pilot was given to areas). Case-weighted: each group's cases pooled, so large areas count "
            "more. The difference-in-differences is the Trailblazers' change minus the comparators' change: below "
            "zero means Trailblazer durations or hearings fell further, above zero for % within 26 weeks means "
            "Trailblazers gained more."
            + (" From pack files, each period's figures are the monthly figures weighted by cases disposed (average "
               "hearings assumes every case has a hearing count recorded)." if source == "packs" else "")
        ),
        "caveats": [*CAVEATS, *([MULTIPLE_TESTING_NOTE] if len(tested) > 1 else [])],
        "multiple_testing": {"method": MULTIPLE_TESTING_METHOD, "measures": len(tested), "note": MULTIPLE_TESTING_NOTE},
        "bootstrap": bootstrap,
        "interval_note": None,
    }


def _check_periods(baseline: tuple[Month, Month], pilot: tuple[Month, Month]) -> None:
    for name, (start, end) in (("baseline", baseline), ("pilot", pilot)):
        if end < start:
            raise ValueError(f"the {name} period ends ({end}) before it starts ({start})")


def _named_periods(baseline: tuple[Month, Month], pilot: tuple[Month, Month]) -> dict[str, tuple[Month, Month]]:
    named = {"baseline": baseline, "pilot": pilot}
    split = halves(baseline)
    if split:
        named["early"], named["late"] = split
    for i, quarter in enumerate(_quarters(baseline[0], pilot[1])):
        named[f"q{i}"] = quarter
    return named


def pilot_from_cases(
    programmes: Mapping[str, str | None], cases: Mapping[str, pd.DataFrame],
    baseline: tuple[Month, Month], pilot: tuple[Month, Month],
    reps: int = BOOTSTRAP_REPS, seed: int = BOOTSTRAP_SEED, stop_when_stable: bool = True,
) -> dict:
    """The pilot view from each board's case-level extract (`cases`: slug -> extract), with the
    cluster-bootstrap interval and the cases-only one. `programmes`: slug -> "trailblazer",
    "comparator" or None."""
    _check_periods(baseline, pilot)
    named = _named_periods(baseline, pilot)
    data = {slug: {name: units_from_cases(frame, *period) for name, period in named.items()} for slug, frame in cases.items()}
    return pilot_analysis(data, programmes, baseline, pilot, "cases", reps, seed, stop_when_stable)


def pilot_from_packs(packs: Sequence[PackModel], baseline: tuple[Month, Month], pilot: tuple[Month, Month],
                     reps: int = BOOTSTRAP_REPS, seed: int = BOOTSTRAP_SEED, stop_when_stable: bool = True,
                     programmes: Mapping[str, str | None] | None = None) -> dict:
    """The pilot view from the packs' monthly trends: the same estimates, with a bootstrap over boards
    and their months instead of cases (no case data needed).

    A board whose 24-month trend does not cover both periods is left out, and the summary says why.
    """
    _check_periods(baseline, pilot)
    named = _named_periods(baseline, pilot)
    programmes_given = programmes
    data, uncovered, programmes = {}, [], {}
    for p in sorted(packs, key=lambda p: p.slug):
        units = {name: units_from_pack(p, *period) for name, period in named.items()}
        if any(u is None for u in units.values()):
            uncovered.append(p.slug)
            continue
        data[p.slug] = units
        programmes[p.slug] = p.board.programme
    if programmes_given is not None:
        programmes = {slug: programmes_given.get(slug) for slug in programmes}
    summary = pilot_analysis(data, programmes, baseline, pilot, "packs", reps, seed, stop_when_stable)
    if uncovered:
        first = min(p.trend[0].month for p in packs if p.trend)
        note = (f"Left out: {', '.join(uncovered)}. A pack holds the 24 months ending at its month (here from "
                f"{first.short_label}); the baseline and pilot periods must fall inside it.")
        summary["coverage_note"] = note
        for entry in summary["kpms"]:
            if not entry["available"]:
                entry["reason"] = f"{entry['reason']} {note}"
    if summary["bootstrap"]:
        summary["interval_note"] = (
            "From pack files: the interval resamples boards within each arm and then each board's months (each "
            "month weighted by its cases disposed), since packs hold monthly figures, not cases. Run the comparison "
            "from the boards' configurations and extracts for the case-level version.")
    return summary


COMPARATOR_CHOICES = ("marked", "rest")  # `--comparators`: the boards marked `programme: comparator`, or every other board


def pilot_programmes(packs: Sequence[PackModel], comparators: str = "marked") -> dict[str, str | None]:
    """slug -> "trailblazer", "comparator" or None, from the packs' `programme`; with `comparators`
    "rest", every board with no programme is a comparator."""
    programmes = {p.slug: p.board.programme for p in packs}
    if comparators == "rest":
        programmes = {slug: programme or "comparator" for slug, programme in programmes.items()}
    return programmes


def comparators_note(packs: Sequence[PackModel], comparators: str = "marked") -> str | None:
    """How the comparator group was formed, in words, when it is every other board (`--comparators rest`)."""
    if comparators != "rest":
        return None
    marked = sum(1 for p in packs if p.board.programme == "comparator")
    rest = sum(1 for p in packs if not p.board.programme)
    return (f"Comparators here are every board not marked as a Trailblazer (--comparators rest): {rest} with no "
            f"programme in their terms of reference" + (f" and {marked} marked as comparators" if marked else "") + ".")


def pilot_view(month: Month, baseline: tuple[Month, Month], pilot: tuple[Month, Month], packs: list[PackModel],
               cases: Mapping[str, pd.DataFrame] | None, comparators: str = "marked") -> dict:
    """The pilot view for the comparison: from case data when given (`cases`), else from the packs;
    the periods are cut at the reporting month, and a month before the pilot says why there is none.
    `comparators`: "marked" (boards with `programme: comparator`) or "rest" (every board not a Trailblazer)."""
    clipped_base, clipped_pilot = clip_period(baseline, month), clip_period(pilot, month)
    if clipped_base is None or clipped_pilot is None:
        first = pilot[0] if clipped_pilot is None else baseline[0]
        return {"available": False, "kpms": [], "reason": f"The pilot view needs the reporting month to be after the "
                f"pilot began ({first.label}); {month.label} is before it.", "caveats": []}
    programmes = pilot_programmes(packs, comparators)
    if cases is not None:
        view = pilot_from_cases(programmes, cases, clipped_base, clipped_pilot)
    else:
        view = pilot_from_packs(packs, clipped_base, clipped_pilot, programmes=programmes)
    view["available"] = any(k["available"] for k in view["kpms"])
    view["comparators"] = comparators
    view["comparators_note"] = comparators_note(packs, comparators)
    if clipped_pilot != pilot:
        view["shortened_note"] = (f"The pilot period is cut at the reporting month: {clipped_pilot[0].short_label} to "
                                  f"{clipped_pilot[1].short_label} instead of to {pilot[1].short_label}.")
    return view
