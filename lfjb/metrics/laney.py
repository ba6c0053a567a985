"""Laney p′ chart for a percentage whose denominator changes month to month (issue 13, item 4).

An XmR chart of `pct_within_26` treats every month alike; a month with 8 cases disposed of and one
with 40 do not deserve the same limits. A p chart gives each month its own limits from its
denominator, but with large denominators it flags almost every month, because real months vary more
than the binomial allows (over-dispersion). Laney's p′ chart (D. B. Laney, "Improved control charts
for attributes", Quality Engineering 14(4), 2002) keeps the per-month limits and scales them by the
spread actually seen, measured as an XmR chart does on the months' z-scores:

    p̄ = Σx / Σn;   σ_i = sqrt(p̄(1 − p̄) / n_i);   z_i = (p_i − p̄) / σ_i
    σ_z = mean moving range of the z_i / 1.128  (d2 for two points)
    limits_i = p̄ ± 3 σ_i σ_z  (kept within 0 and 1)

3 / 1.128 = 2.66, the XmR constant Making Data Count uses, so with equal denominators p′ limits are
the XmR limits. Months with no denominator are skipped, never read as 0. Pure: numbers in, numbers out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

D2 = 1.128  # bias-correction constant for a moving range of two points (Laney 2002; Wheeler)
SIGMA_LIMITS = 3.0  # 3 sigma, as Making Data Count's 2.66 x MR-bar = 3 x MR-bar / 1.128


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
    sigma_z: float  # Laney's sigma_z: 1 = exactly binomial spread, > 1 over-dispersed
    points: list[PPrimePoint]

    def to_dict(self, percent: bool = True) -> dict:
        """JSON-ready, in percentages (0-100) by default, as lfjb shows `pct_within_26`."""
        k = 100.0 if percent else 1.0
        return {"centre": self.centre * k, "sigma_z": self.sigma_z, "points": [
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
    points = []
    for (i, x, n), s, zi in zip(usable, sigmas, z):
        half = SIGMA_LIMITS * s * sigma_z
        points.append(PPrimePoint(i, x, n, x / n, zi, max(0.0, p_bar - half), min(1.0, p_bar + half)))
    return PPrimeChart(p_bar, sigma_z, points)
