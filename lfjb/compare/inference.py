"""Inference for a comparison of a handful of boards: a randomisation test and a wild cluster bootstrap.

The pilot's difference-in-differences is a difference between two groups' average board changes, and
with 7 boards (5 against 2) the usual large-sample tools mislead: resampling 2 boards gives 3 distinct
arm compositions and shrinks the between-board variance. Two tools that cope better with few clusters
(the wild bootstrap is itself unreliable with fewer than 5 boards in an arm: lfjb then calls it indicative):

- **Randomisation inference** (primary test; Young 2019, "Channeling Fisher"): the same statistic over
  every assignment of the boards to arms of the observed sizes (all of them when there are at most
  RANDOMISATION_MAX, else a seeded sample that includes the observed one). Two-sided p = 2 x the
  smaller tail share (ties count as at least as extreme), capped at 1. With C(n, k) assignments the
  smallest p the design can give is 2 / C(n, k): 5 Trailblazers and 2 comparators give 21 assignments,
  so no result can reach p < 0.05 whatever the data.
- **Restricted wild cluster bootstrap** (the interval; Roodman, Nielsen, MacKinnon and Webb 2019, "Fast
  and wild"; MacKinnon and Webb 2018): the regression of each board's change on a Trailblazer dummy,
  one cluster per board, residuals from the fit with the null imposed multiplied by Webb's six-point
  weights (Webb 2014: +-sqrt(1/2), +-1, +-sqrt(3/2), each with chance 1/6; with few clusters the
  two-point Rademacher weights give too few distinct draws), judged on the cluster-robust t. The 95%
  interval is every value the test does not reject at 5% (test inversion, as `boottest` does).

Pure: arrays in, plain values out.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

RANDOMISATION_MAX = 10_000  # issue 19: every assignment when at most this many, else a seeded sample
RANDOMISATION_SEED = 20240401  # the pilot's first day, as the bootstrap's seed
WILD_REPS = 9_999  # Roodman et al. (2019): B such that (B + 1) x 0.05 is a whole number
WILD_SEED = 20240401
# Webb (2014), "Reworking wild bootstrap based inference for clustered errors": mean 0, variance 1.
WEBB_WEIGHTS = np.array([-math.sqrt(1.5), -1.0, -math.sqrt(0.5), math.sqrt(0.5), 1.0, math.sqrt(1.5)])
SIGNIFICANCE = 0.05
MIN_ARM_BOARDS = 5  # issue 19: with fewer boards in an arm the comparison cannot show a difference on its own
_TIE = 1e-9  # relative: statistics this close to the observed one count as ties (as extreme)


def difference_in_means(values: np.ndarray, is_treated: np.ndarray) -> float:
    """Mean of the treated values minus mean of the others."""
    return float(values[is_treated].mean() - values[~is_treated].mean())


def _assignments(n: int, k: int, observed: np.ndarray, limit: int, seed: int) -> tuple[np.ndarray, bool]:
    """(boolean matrix, one row an assignment of k of n boards to the treated arm; is it every one)."""
    if math.comb(n, k) <= limit:
        rows = np.zeros((math.comb(n, k), n), dtype=bool)
        for i, chosen in enumerate(itertools.combinations(range(n), k)):
            rows[i, list(chosen)] = True
        return rows, True
    rng = np.random.default_rng(seed)
    rows = np.zeros((limit, n), dtype=bool)
    rows[0] = observed  # the observed assignment is one of the sample, so p is never 0
    order = np.argsort(rng.random((limit - 1, n)), axis=1)[:, :k]
    np.put_along_axis(rows[1:], order, True, axis=1)
    return rows, False


def randomisation_test(values: np.ndarray, is_treated: np.ndarray, limit: int = RANDOMISATION_MAX,
                       seed: int = RANDOMISATION_SEED) -> dict | None:
    """{"p_value", "smallest_p", "assignments", "possible", "is_exhaustive", "rank"} for the difference in
    means between the treated boards and the others; None when either arm is empty.

    `rank`: how many assignments give a statistic at least as far out as the observed one on its own side
    (1 = the most extreme possible)."""
    values = np.asarray(values, dtype=float)
    is_treated = np.asarray(is_treated, dtype=bool)
    n, k = len(values), int(is_treated.sum())
    if k == 0 or k == n:
        return None
    rows, is_exhaustive = _assignments(n, k, is_treated, limit, seed)
    stats = rows @ values / k - (~rows) @ values / (n - k)
    observed = difference_in_means(values, is_treated)
    tol = _TIE * max(1.0, abs(observed))
    low = int((stats <= observed + tol).sum())
    high = int((stats >= observed - tol).sum())
    count = len(rows)
    return {
        "p_value": min(1.0, 2 * min(low, high) / count),
        # The design's floor, over every possible split (not the sample's 2 / count: review of issue 19).
        "smallest_p": min(1.0, 2 / math.comb(n, k)),
        "assignments": count,
        "possible": math.comb(n, k),
        "is_exhaustive": is_exhaustive,
        "rank": min(low, high),
        "statistic": observed,
    }


def _arm_se(y: np.ndarray, is_treated: np.ndarray) -> np.ndarray:
    """The cluster-robust (one cluster per board) standard error of the difference in means, per row of
    `y` (rows: replicates). The small-sample factor G/(G-2) is the same for every replicate and the
    observed statistic, so it cannot change a bootstrap p-value and is left out."""
    parts = []
    for arm in (is_treated, ~is_treated):
        values = y[..., arm]
        residuals = values - values.mean(axis=-1, keepdims=True)
        parts.append((residuals ** 2).sum(axis=-1) / arm.sum() ** 2)
    return np.sqrt(parts[0] + parts[1])


def _wild_p(values: np.ndarray, is_treated: np.ndarray, weights: np.ndarray, beta0: float,
            estimate: float, se: float) -> float:
    """The restricted wild bootstrap p-value for H0: difference = beta0, written out plainly (the
    reference for `_WildTest`, which the interval uses)."""
    treated = is_treated.astype(float)
    restricted = values - beta0 * treated
    residuals = restricted - restricted.mean()
    ystar = restricted.mean() + beta0 * treated + weights * residuals
    bstar = ystar[:, is_treated].mean(axis=1) - ystar[:, ~is_treated].mean(axis=1)
    sestar = _arm_se(ystar, is_treated)
    with np.errstate(invalid="ignore", divide="ignore"):
        tstar = np.abs(bstar - beta0) / sestar
    observed = abs(estimate - beta0) / se
    tstar = np.where(np.isfinite(tstar), tstar, 0.0)
    return float((tstar >= observed * (1 - _TIE)).mean())


class _WildTest:
    """`_wild_p` for many nulls at the cost of one: with the weights fixed, the bootstrap estimate and
    each arm's sum of squared residuals are linear and quadratic in the null, so their coefficients are
    computed once (O(reps x boards)) and each null then costs O(reps)."""

    def __init__(self, values: np.ndarray, is_treated: np.ndarray, weights: np.ndarray, estimate: float, se: float):
        treated = is_treated.astype(float)
        a = weights * (values - values.mean())  # the residual part of y* is a - beta0 * b
        b = weights * (treated - treated.mean())
        c = np.where(is_treated, 1.0 / is_treated.sum(), -1.0 / (~is_treated).sum())
        self.a1, self.b1 = a @ c, b @ c  # b* - beta0 = a1 - beta0 * b1
        self.quad = np.zeros((3, len(weights)))
        for arm in (is_treated, ~is_treated):
            ac = a[:, arm] - a[:, arm].mean(axis=1, keepdims=True)
            bc = b[:, arm] - b[:, arm].mean(axis=1, keepdims=True)
            n2 = float(arm.sum()) ** 2
            self.quad += np.array([(ac * ac).sum(axis=1), (ac * bc).sum(axis=1), (bc * bc).sum(axis=1)]) / n2
        self.estimate, self.se = estimate, se

    def p(self, beta0: float) -> float:
        variance = self.quad[0] - 2 * beta0 * self.quad[1] + beta0 * beta0 * self.quad[2]
        with np.errstate(invalid="ignore", divide="ignore"):
            tstar = np.abs(self.a1 - beta0 * self.b1) / np.sqrt(np.maximum(variance, 0.0))
        tstar = np.where(np.isfinite(tstar), tstar, 0.0)
        observed = abs(self.estimate - beta0) / self.se
        return float((tstar >= observed * (1 - _TIE)).mean())


def wild_cluster_interval(values: np.ndarray, is_treated: np.ndarray, reps: int = WILD_REPS, seed: int = WILD_SEED,
                          alpha: float = SIGNIFICANCE) -> dict | None:
    """{"interval": [low, high] or None, "is_bounded", "reps", "seed", "weights"}: the 95% interval for
    the difference in means from inverting the restricted wild cluster bootstrap test (one cluster per
    board, Webb weights). None when an arm is empty or both arms have a single board (no spread to
    use). When no board differs from its arm's mean the interval is the estimate itself.

    An end the test never rejects within 1,000 standard errors of the estimate is left open
    (`is_bounded` False): with very few boards in an arm the bootstrap cannot bound the difference."""
    values = np.asarray(values, dtype=float)
    is_treated = np.asarray(is_treated, dtype=bool)
    n_t, n_c = int(is_treated.sum()), int((~is_treated).sum())
    if n_t == 0 or n_c == 0 or (n_t < 2 and n_c < 2):
        return None
    estimate = difference_in_means(values, is_treated)
    se = float(_arm_se(values, is_treated))
    base = {"reps": reps, "seed": seed, "weights": "Webb six-point", "estimate": estimate}
    if se <= _TIE * max(1.0, abs(estimate)):
        return {**base, "interval": [estimate, estimate], "is_bounded": True}
    weights = np.random.default_rng(seed).choice(WEBB_WEIGHTS, size=(reps, len(values)))
    test = _WildTest(values, is_treated, weights, estimate, se)

    def end(direction: float) -> float | None:
        inside, step = estimate, se
        while step <= 1_000 * se:
            trial = estimate + direction * step
            if test.p(trial) < alpha:
                outside = trial
                break
            inside, step = trial, step * 2
        else:
            return None
        for _ in range(40):  # bisection: the end to within 2^-40 of a standard error
            middle = (inside + outside) / 2
            if test.p(middle) < alpha:
                outside = middle
            else:
                inside = middle
        return float(inside)

    low, high = end(-1.0), end(1.0)
    bounded = low is not None and high is not None
    return {**base, "interval": [low, high] if bounded else None, "is_bounded": bounded,
            "open_ends": [e for e, v in (("lower", low), ("upper", high)) if v is None]}


def slope(values: np.ndarray) -> float | None:
    """The least-squares slope of `values` on 0, 1, 2, ... over the entries that are not NaN; None with
    fewer than two."""
    values = np.asarray(values, dtype=float)
    x = np.arange(len(values), dtype=float)
    keep = ~np.isnan(values)
    if keep.sum() < 2:
        return None
    x, y = x[keep], values[keep]
    return float(((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum())
