"""Funnel plot limits for a proportion, with Spiegelhalter's over-dispersion adjustment.

The method is FunnelPlotR's for proportions (`data_type = "PR"`, nhs-r-community/FunnelPlotR,
R/od_adjustment.R and R/calculate_limits.R), which follows Spiegelhalter (2005) "Funnel plots for
comparing institutional performance" (Statistics in Medicine 24:1185) and "Handling over-dispersion
of performance indicators" (Quality and Safety in Health Care 14:347):

1. The centre line p0 is the all-boards (pooled) rate, sum of numerators / sum of denominators, unless
   a benchmark is given (the national rate from FCSQ): then p0 is that external standard, as
   Spiegelhalter (2005) allows for the target theta_0, and the z-scores and over-dispersion are
   measured around it.
2. On the arcsine square-root scale, where a binomial proportion over n cases is approximately
   normal with variance 1/(4n): y_i = asin(sqrt(r_i)), s_i = 1 / (2 sqrt(n_i)), z_i = (y_i - asin(sqrt(p0))) / s_i.
3. The z-scores are Winsorised at 10% each end (values beyond the 10th and 90th percentiles,
   R's default quantile, are pulled in to them) so a real outlier does not inflate the estimate.
4. phi = sum(z_w^2) / k over the k boards. When k * phi > k - 1 (more spread than chance allows),
   the between-board variance is the DerSimonian-Laird
   tau^2 = (k * phi - (k - 1)) / (sum(w) - sum(w^2) / sum(w)), w_i = 1 / s_i^2; otherwise tau^2 = 0.
5. Limits at n: sin^2(asin(sqrt(p0)) +/- z * sqrt(1 / (4n) + tau^2)) for z = 1.959964 (95%) and
   3.090232 (99.8%), FunnelPlotR's constants. The angle is kept within [0, pi/2] so a limit stops
   at 0% or 100% instead of folding back.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

# FunnelPlotR's normal quantiles for two-sided 95% and 99.8% limits.
Z_95 = 1.959964
Z_998 = 3.090232
# Spiegelhalter (2005) / FunnelPlotR `trim_by`: Winsorise 10% of z-scores at each end.
WINSORISE_BY = 0.1
# Below this many boards the over-dispersion estimate rests on too few z-scores (after Winsorising,
# 10% at each end of 7 boards is less than one board) to be trusted: show both sets of limits.
# Spiegelhalter (2005) and FunnelPlotR's documentation advise caution with few units; issue 13 asks ~15.
MIN_BOARDS_FOR_ADJUSTMENT = 15

# The words "boards vary more than chance alone would explain" need k x phi beyond the upper 5% point of
# chi-square on k - 1 degrees of freedom (Spiegelhalter 2005's test of over-dispersion), not just above
# k - 1 (its expected value, the rule that switches the adjustment on).
OVERDISPERSION_Z = 1.644854  # one-sided 5%


def chi_square_upper(df: int, z: float = OVERDISPERSION_Z) -> float:
    """The chi-square quantile on `df` degrees of freedom at the normal quantile `z` (Wilson and Hilferty
    1931). Against the exact 95% points: 3.75 (3.84) for 1 degree of freedom, 5.94 (5.99) for 2, 12.57
    (12.59) for 6, 55.75 (55.76) for 40."""
    a = 2.0 / (9.0 * df)
    return df * (1.0 - a + z * math.sqrt(a)) ** 3


def is_clearly_overdispersed(k: int, phi: float, centre_given: bool = False) -> bool:
    """True when k boards' spread (phi) is beyond what chance alone gives 19 times in 20: k x phi above the
    95% point of chi-square on k - 1 degrees of freedom, or on k when the centre is given from outside (the
    national figure: nothing is estimated from the boards)."""
    return k >= 2 and k * phi > chi_square_upper(k if centre_given else k - 1)


INSIDE = "inside"
ABOVE_95 = "above_95"
BELOW_95 = "below_95"
ABOVE_998 = "above_998"
BELOW_998 = "below_998"


@dataclass(frozen=True)
class FunnelLimits:
    n: float
    lower_95: float
    upper_95: float
    lower_998: float
    upper_998: float

    def to_dict(self) -> dict:
        return {"n": self.n, "lower_95": self.lower_95, "upper_95": self.upper_95,
                "lower_998": self.lower_998, "upper_998": self.upper_998}


@dataclass
class FunnelPoint:
    label: str
    numerator: int
    denominator: int
    rate: float
    z: float
    z_adjusted: float
    limits: FunnelLimits
    position: str
    unadjusted_limits: FunnelLimits | None = None
    unadjusted_position: str | None = None


@dataclass
class FunnelResult:
    """Everything the funnel plot and its table need; rates are proportions (0-1)."""

    target: float
    k: int
    phi: float
    tau2: float
    is_adjusted: bool
    points: list[FunnelPoint]
    curve: list[FunnelLimits] = field(default_factory=list)
    unadjusted_curve: list[FunnelLimits] = field(default_factory=list)
    winsorising: dict = field(default_factory=dict)

    @property
    def is_adjustment_reliable(self) -> bool:
        """Enough boards for phi and tau-squared to be trusted (MIN_BOARDS_FOR_ADJUSTMENT)."""
        return self.k >= MIN_BOARDS_FOR_ADJUSTMENT


def _angle(p: float) -> float:
    return math.asin(math.sqrt(min(max(p, 0.0), 1.0)))


def _limit(target_angle: float, z: float, sd: float) -> float:
    angle = min(max(target_angle + z * sd, 0.0), math.pi / 2)
    return math.sin(angle) ** 2


def limits_at(n: float, target: float, tau2: float = 0.0) -> FunnelLimits:
    """The 95% and 99.8% limits (proportions) for a board with `n` cases around `target`."""
    t = _angle(target)
    sd = math.sqrt(1.0 / (4.0 * n) + tau2)
    return FunnelLimits(n, _limit(t, -Z_95, sd), _limit(t, Z_95, sd), _limit(t, -Z_998, sd), _limit(t, Z_998, sd))


def z_scores(numerators: Sequence[int], denominators: Sequence[int],
             target: float | None = None) -> tuple[float, np.ndarray, np.ndarray]:
    """The centre (`target`, else the pooled rate), the z-scores on the arcsine scale and their standard errors s_i."""
    num = np.asarray(numerators, dtype=float)
    den = np.asarray(denominators, dtype=float)
    target = float(num.sum() / den.sum()) if target is None else float(target)
    s = 1.0 / (2.0 * np.sqrt(den))
    z = (np.arcsin(np.sqrt(num / den)) - _angle(target)) / s
    return target, z, s


def winsorised(z: np.ndarray, by: float = WINSORISE_BY) -> np.ndarray:
    """z-scores beyond the `by` and 1-`by` quantiles (R's default type 7) pulled in to them."""
    low, high = np.quantile(z, [by, 1.0 - by])
    return np.clip(z, low, high)


def winsorising_summary(z: np.ndarray, by: float = WINSORISE_BY) -> dict:
    """What Winsorising did: the share trimmed at each end, the z-score bounds, and how many boards'
    z-scores were pulled in to them (for the JSON, so a reader can check phi)."""
    low, high = np.quantile(z, [by, 1.0 - by])
    return {"by": by, "lower_z": float(low), "upper_z": float(high),
            "pulled_in_low": int(np.sum(z < low)), "pulled_in_high": int(np.sum(z > high))}


def overdispersion(z: np.ndarray, s: np.ndarray, by: float = WINSORISE_BY) -> tuple[float, float]:
    """(phi, tau2): the over-dispersion ratio from Winsorised z-scores and the between-board variance."""
    k = len(z)
    phi = float(np.sum(winsorised(z, by) ** 2) / k)
    if k < 2 or k * phi < k - 1:  # one board has no spread between boards to measure
        return phi, 0.0
    w = 1.0 / s**2
    tau2 = max(0.0, (k * phi - (k - 1)) / (w.sum() - (w**2).sum() / w.sum()))
    return phi, float(tau2)


def _position(rate: float, lim: FunnelLimits) -> str:
    if rate > lim.upper_998:
        return ABOVE_998
    if rate < lim.lower_998:
        return BELOW_998
    if rate > lim.upper_95:
        return ABOVE_95
    if rate < lim.lower_95:
        return BELOW_95
    return INSIDE


def _curve_ns(denominators: Sequence[int], steps: int = 60) -> list[float]:
    """Denominators to draw the limit curves at: from 1 to a round number past the largest board
    (round, so the curve's end does not give away the largest board's exact count)."""
    top = max(denominators) * 1.1
    step = 10 ** max(1, math.floor(math.log10(max(top, 10))) - 1)  # 10 below 1,000; 100 below 10,000
    top = math.ceil(top / step) * step
    # Geometric steps where the limits curve sharply (few cases), even steps where they flatten.
    ns = np.concatenate([np.geomspace(1, top, steps), np.linspace(top / 10, top, steps)])
    return [float(x) for x in np.unique(np.round(ns, 3))]


def funnel(labels: Sequence[str], numerators: Sequence[int], denominators: Sequence[int],
           adjust: bool = True, target: float | None = None) -> FunnelResult:
    """Funnel limits, over-dispersion and each board's position; boards with no cases must be left out first.

    `target` (a proportion, 0-1) puts the centre line at a benchmark instead of the pooled rate.

    With `adjust` (FunnelPlotR's `draw_adjusted`), limits are widened by tau^2 when there is
    over-dispersion; with no over-dispersion the adjusted and unadjusted limits are the same.
    """
    if len(labels) == 0:
        raise ValueError("a funnel plot needs at least one board with cases")
    if any(d <= 0 for d in denominators):
        raise ValueError("every board on a funnel plot needs at least one case")
    target, z, s = z_scores(numerators, denominators, target)
    phi, tau2 = overdispersion(z, s) if adjust else (float(np.mean(z**2)), 0.0)
    points = []
    for i, label in enumerate(labels):
        lim = limits_at(denominators[i], target, tau2)
        rate = numerators[i] / denominators[i]
        z_adj = float(z[i] / math.sqrt(1 + tau2 / s[i] ** 2))
        plain = limits_at(denominators[i], target, 0.0)
        points.append(FunnelPoint(label, int(numerators[i]), int(denominators[i]), rate, float(z[i]), z_adj, lim,
                                  _position(rate, lim), plain, _position(rate, plain)))
    ns = _curve_ns(denominators)
    return FunnelResult(
        target=target, k=len(labels), phi=phi, tau2=tau2, is_adjusted=tau2 > 0, points=points,
        curve=[limits_at(n, target, tau2) for n in ns],
        unadjusted_curve=[limits_at(n, target, 0.0) for n in ns],
        winsorising=winsorising_summary(z) if adjust else {},
    )
