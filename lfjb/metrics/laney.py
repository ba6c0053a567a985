"""Laney p′ chart for a percentage whose denominator changes month to month (issue 13, item 4).

An XmR chart of `pct_within_26` treats every month alike; a month with 8 cases disposed of and one
with 40 do not deserve the same limits. A p chart gives each month its own limits from its
denominator, but with large denominators it flags almost every month, because real months vary more
than the binomial allows (over-dispersion). Laney's p′ chart (D. B. Laney, "Improved control charts
for attributes", Quality Engineering 14(4), 2002) keeps the per-month limits and scales them by the
spread actually seen, measured as an XmR chart does on the months' z-scores:

    p̄ = Σx / Σn;   σ_i = sqrt(p̄(1 − p̄) / n_i);   z_i = (p_i − p̄) / σ_i
    σ_z = mean moving range of the z_i / 1.128  (d2 for two points)
    σ_z used = max(σ_z, 1)
    limits_i = p̄ ± 3 σ_i σ_z used  (kept within 0 and 1)

3 / 1.128 = 2.66, the XmR constant Making Data Count uses, so with equal denominators (and σ_z ≥ 1) p′
limits are the XmR limits. Months with no denominator are skipped, never read as 0.

**σ_z below 1 is taken as 1** (issue 19): Laney's adjustment exists to widen limits for real
over-dispersion. A σ_z below 1 says the months vary no more than the binomial allows, and with a year or
two of months it falls below 1 by chance alone (pure binomial months with the pooled chart's denominators
gave σ_z ≤ 0.82 17% of the time), so narrowing the limits by it would flag months by chance. With σ_z < 1
the chart is a plain p chart, and says so. Both the measured `sigma_z` and the `sigma_z_used` are kept.

**σ_z just above 1 is common by chance too**, so the words "vary more than chance alone would" need a
test, not σ_z > 1: with 24 binomial months σ_z reaches 1.2 about 15% of the time and 1.31 about 6%. The
test is σ_z itself under chance (a parametric bootstrap): SIGMA_Z_SIMULATIONS series of pure binomial
months, each with the chart's own numbers of cases and centre, charted the same way; the share whose σ_z
is at least the one measured (`chance_share`) is how often chance alone reaches it. The spread is called
more than chance only when that share is below SIGMA_Z_CHANCE_LEVEL (1 in 20); otherwise the words say the
months vary about as much as chance could, and that the limits are a plain p chart's widened by σ_z. The
limits themselves are Laney's either way (σ_z used as measured when at least 1).
Pure: numbers in, numbers out (the simulation is seeded, so the same chart gives the same share).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

D2 = 1.128  # bias-correction constant for a moving range of two points (Laney 2002; Wheeler)
SIGMA_LIMITS = 3.0  # 3 sigma, as Making Data Count's 2.66 x MR-bar = 3 x MR-bar / 1.128
SIGMA_Z_FLOOR = 1.0  # issue 19: limits are never narrower than a plain p chart's (binomial spread)
# σ_z is said to be more than chance only when pure binomial months reach it less than 1 time in 20 (a
# one-sided 5% test of over-dispersion on σ_z itself; see the module's docstring and README's definitions).
SIGMA_Z_CHANCE_LEVEL = 0.05
SIGMA_Z_SIMULATIONS = 10_000  # the share's Monte Carlo error near 5% is about 0.2 points
SIGMA_Z_SEED = 20020401  # fixed, so a chart's words are the same on every run (Laney 2002)


@dataclass(frozen=True)
class PPrimePoint:
    index: int  # position in the input
    numerator: float
    denominator: float
    value: float  # the proportion, 0-1
    z: float
    lower: float
    upper: float

    @property
    def is_outside(self) -> bool:
        return self.value < self.lower or self.value > self.upper


@dataclass(frozen=True)
class PPrimeChart:
    centre: float  # p̄, 0-1
    sigma_z: float  # Laney's sigma_z as measured: 1 = exactly binomial spread, > 1 over-dispersed
    points: list[PPrimePoint]

    @cached_property
    def chance_share(self) -> float | None:
        """How often pure binomial months with these numbers of cases reach this σ_z (sigma_z_chance_share);
        None when σ_z is below 1 (nothing to test: the chart is a plain p chart). Worked out when first read
        (~27 ms of simulation): a chart of several segments reads only its latest segment's."""
        if self.sigma_z < SIGMA_Z_FLOOR:
            return None
        return sigma_z_chance_share(self.sigma_z, [p.denominator for p in self.points], self.centre)

    @property
    def sigma_z_used(self) -> float:
        """The σ_z the limits use: the measured one, but never below SIGMA_Z_FLOOR."""
        return max(self.sigma_z, SIGMA_Z_FLOOR)

    @property
    def is_plain_p_chart(self) -> bool:
        return self.sigma_z < SIGMA_Z_FLOOR

    @property
    def is_overdispersed(self) -> bool:
        """True when the months vary more than chance alone would: chance reaches this σ_z less than
        SIGMA_Z_CHANCE_LEVEL of the time."""
        return self.chance_share is not None and self.chance_share < SIGMA_Z_CHANCE_LEVEL

    @property
    def words(self) -> str:
        """What the chart did with σ_z, in words (sigma_z_words)."""
        return sigma_z_words(self.sigma_z, self.chance_share)

    def to_dict(self, percent: bool = True) -> dict:
        """JSON-ready, in percentages (0-100) by default, as lfjb shows `pct_within_26`."""
        k = 100.0 if percent else 1.0
        return {"centre": self.centre * k, "sigma_z": self.sigma_z, "sigma_z_used": self.sigma_z_used, "points": [
            {"index": p.index, "numerator": p.numerator, "denominator": p.denominator, "value": p.value * k,
             "z": p.z, "lower": p.lower * k, "upper": p.upper * k, "is_outside": p.is_outside} for p in self.points]}


def laney_pprime(numerators: Sequence[float | None], denominators: Sequence[float | None]) -> PPrimeChart | None:
    """The p′ chart of `numerators[i] / denominators[i]`; months with no denominator (None or 0) are
    skipped. None with fewer than two usable months, or when every month is 0% or every month 100%
    (no spread to measure)."""
    if len(numerators) != len(denominators):
        raise ValueError("numerators and denominators must be the same length")
    usable = [(i, float(x), float(n)) for i, (x, n) in enumerate(zip(numerators, denominators))
              if x is not None and n]
    for _, x, n in usable:
        if x < 0 or n < 0 or x > n:
            raise ValueError(f"{x} of {n} is not a proportion")
    if len(usable) < 2:
        return None
    p_bar = sum(x for _, x, _ in usable) / sum(n for _, _, n in usable)
    if p_bar in (0.0, 1.0):
        return None
    sigmas = [math.sqrt(p_bar * (1 - p_bar) / n) for _, _, n in usable]
    z = [(x / n - p_bar) / s for (_, x, n), s in zip(usable, sigmas)]
    moving = [abs(b - a) for a, b in zip(z, z[1:])]
    sigma_z = (sum(moving) / len(moving)) / D2
    used = max(sigma_z, SIGMA_Z_FLOOR)
    points = []
    for (i, x, n), s, zi in zip(usable, sigmas, z):
        half = SIGMA_LIMITS * s * used
        points.append(PPrimePoint(i, x, n, x / n, zi, max(0.0, p_bar - half), min(1.0, p_bar + half)))
    return PPrimeChart(p_bar, sigma_z, points)


def sigma_z_chance_share(sigma_z: float, denominators: Sequence[float], centre: float,
                         simulations: int = SIGMA_Z_SIMULATIONS, seed: int = SIGMA_Z_SEED) -> float:
    """The share of `simulations` series of pure binomial months -- month i with `denominators[i]` cases,
    each within the measure with chance `centre` -- whose σ_z, measured as laney_pprime measures it (the
    centre re-estimated from each series), is at least `sigma_z`. Series with every month 0% or 100%
    (no spread) are left out."""
    n = np.rint(np.asarray(denominators, dtype=float)).astype(np.int64)
    rng = np.random.default_rng(seed)
    x = rng.binomial(n, centre, size=(simulations, len(n)))
    p_bar = x.sum(axis=1, keepdims=True) / n.sum()
    usable = ((p_bar > 0) & (p_bar < 1))[:, 0]
    x, p_bar = x[usable], p_bar[usable]
    z = (x / n - p_bar) / np.sqrt(p_bar * (1 - p_bar) / n)
    simulated = np.abs(np.diff(z, axis=1)).mean(axis=1) / D2
    if not len(simulated):
        return 1.0
    return float((simulated >= sigma_z * (1 - 1e-9)).mean())


def _share(share: float) -> str:
    """'38%', 'less than 1%' of the time."""
    return "less than 1%" if share < 0.01 else f"{share:.0%}"


def sigma_z_words(sigma_z: float, chance_share: float | None) -> str:
    """What the chart did with σ_z, in words (for the chart's reading and the appendix). `chance_share`:
    how often chance alone reaches this σ_z (sigma_z_chance_share); the months are said to vary more than
    chance only when it is below SIGMA_Z_CHANCE_LEVEL."""
    if sigma_z < SIGMA_Z_FLOOR:
        return (f"From one month to the next, the months vary no more than chance alone would (σz = {sigma_z:.2f}, "
                "below 1), so the limits are "
                "those of a plain p chart (σz taken as 1), not narrowed.")
    reached = ("" if chance_share is None else
               f"; months varying by chance alone, with these numbers of cases, reach that {_share(chance_share)} "
               "of the time")
    if chance_share is not None and chance_share < SIGMA_Z_CHANCE_LEVEL:
        return (f"From one month to the next, the months vary more than chance alone would (σz = {sigma_z:.2f}"
                f"{reached}), so each month's limits are widened by that factor.")
    return (f"From one month to the next, the months vary about as much as chance alone could (σz = {sigma_z:.2f}"
            f"{reached}), so each month's limits are a plain p chart's, widened by that factor.")
