"""NHS England "Making Data Count" XmR charts (SPEC.md, Definitions -> SPC).

The rules follow the NHSRplotthedots package's defaults (R/ptd_spc_standard.R,
R/ptd_calculate_point_type.R, R/ptd_calculate_assurance_type.R); where SPEC.md differs, SPEC.md wins.
Every rule is a small function over the plain list of values of one segment (the months between two
rebase points), so each can be tested on a hand-made series. `xmr` puts them together for one KPI.

Empty months (None or NaN) are skipped: they are not points, so they neither break nor extend a run,
and the moving range spans the gap to the previous non-empty month.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import MISSING, dataclass, field, fields

from pandas import isna

from lfjb.formatting import kpi_value, kpi_value_unit
from lfjb.metrics.laney import D2  # sigma = MR-bar / d2 for moving ranges of two points
from lfjb.month import Month
from lfjb.vocab import COUNT_UNITS, KPIS, SPC_RUN_DEFAULT, SPC_TYPES

# Making Data Count: process limits at the mean +/- 2.66 x the mean moving range
# (3 sigma, with sigma estimated as MR-bar / d2 and d2 = 1.128 for ranges of two points).
LIMIT_FACTOR = 2.66
# Making Data Count / NHSRplotthedots `screen_outliers`: moving ranges at or above 3.267 x their mean
# (D4 for ranges of two points) are left out before MR-bar is taken again.
SCREEN_FACTOR = 3.267
# SPEC.md: "two sigma" = centre +/- 1.773 x MR-bar, about 2/3 of the way from the centre to a limit
# (NHSRplotthedots uses 2 x 2.66 / 3 = 1.77333...; SPEC.md's rounded figure wins).
TWO_SIGMA_FACTOR = 1.773
# SPEC.md: shift and trend runs of 7 points by default (the NHS England Excel tool allows 6).
SHIFT_LENGTH = SPC_RUN_DEFAULT
TREND_LENGTH = SPC_RUN_DEFAULT
# SPEC.md: fewer than 12 non-empty months and the limits are provisional.
MIN_POINTS_FOR_FIRM_LIMITS = 12
# Wheeler's "chunky data" (D. J. Wheeler and D. S. Chambers, Understanding Statistical Process Control,
# 2nd ed., 1992, on inadequate measurement units): when 3 or fewer possible values of the moving range lie
# at or below the upper range limit (3.267 x MR-bar), the unit of measurement is too coarse for the
# variation and the limits call ordinary points unusual. A count moves by whole cases, so a count that is
# 0 or 1 most months (Worcester's open cases over 52 weeks: screened MR-bar 0, limits on the centre, every
# month "unusual") gets no limits and no month is judged (statistician's review, issue 19 leftovers).
CHUNKY_MAX_RANGE_VALUES = 3

COMMON_CAUSE = "common_cause"
IMPROVEMENT = "special_cause_improvement"
CONCERN = "special_cause_concern"
# A measure with no better direction (a count of applications): NHSRplotthedots' improvement_direction
# = "neutral" types its special-cause points as high or low (Making Data Count's purple icons).
NEUTRAL_HIGH = "special_cause_neutral_high"
NEUTRAL_LOW = "special_cause_neutral_low"
BETTER_DIRECTIONS = ("lower", "higher", "neutral")

# Each rule's words, written once (issue 23 item 4). `rule` completes "A month is unusual when ..." (the
# appendix and the comparison); `reason` is shown beside a point; `clause` is the predicate of the chart's
# reading. Fields: {shift} and {trend} the run lengths set, {months} the run's length, {limit} upper or
# lower, {side} above or below, {moving} rising or falling, {month} the month's label, and {has}, {was},
# {its} agreeing with the measure ("have", "were", "their" for a count of cases).
RULE_WORDS: dict[str, dict[str, str]] = {
    "outside": {
        "rule": "it is outside the usual range (the process limits)",
        "reason": "outside the {limit} limit",
        "clause": "{was} {side} the {limit} limit in {month}",
    },
    "shift": {
        "rule": "it is one of {shift} or more months in a row on the same side of the average (a shift)",
        "reason": "{months} months in a row {side} the average",
        "clause": "{has} been {side} {its} average for {months} months in a row",
    },
    "trend": {
        "rule": "it is one of {trend} or more months in a row each higher, or each lower, than the one before (a trend)",
        "reason": "{months} months in a row {moving}",
        "clause": "{has} been {moving} for {months} months in a row",
    },
    "two_in_three": {
        "rule": "it is one of 2 in 3 months in a row close to the same limit (in the outer third of the range)",
        "reason": "2 of 3 months close to the {limit} limit",
        "clause": "{has} been close to the {limit} limit in 2 of the last 3 months",
    },
}

# Plain words for chairs; the Making Data Count terms stay in the JSON `type` ids and the appendix.
_TYPE_TITLES = {kind: words["title"] for kind, words in SPC_TYPES.items()}


@dataclass(frozen=True)
class SpcRules:
    """The rule set used, recorded in the pack JSON so readers know how points were judged."""

    shift: int = SHIFT_LENGTH
    trend: int = TREND_LENGTH
    two_in_three: bool = True
    limit_factor: float = LIMIT_FACTOR
    screen_factor: float = SCREEN_FACTOR

    def __post_init__(self) -> None:
        if self.shift < 2 or self.trend < 2:
            raise ValueError(f"shift and trend must be at least 2 points, got {self.shift} and {self.trend}")

    def in_words(self) -> list[str]:
        """The rules a point is judged by, in plain words: the one wording the pack's appendix and the
        comparison use (each completes "A month is unusual when ...")."""
        rules = ("outside", "shift", "trend", "two_in_three") if self.two_in_three else ("outside", "shift", "trend")
        return [RULE_WORDS[rule]["rule"].format(shift=self.shift, trend=self.trend) for rule in rules]

    def to_dict(self) -> dict:
        """The rules as a JSON-ready dict, with the rules in words."""
        return {
            "shift": self.shift,
            "trend": self.trend,
            "two_in_three": self.two_in_three,
            "limit_factor": self.limit_factor,
            "screen_factor": self.screen_factor,
            "in_words": self.in_words(),
        }

    @classmethod
    def from_dict(cls, data: Mapping, key: str = "rules") -> SpcRules:
        """The inverse of to_dict (`in_words` is worked out, so it is not read)."""
        return _from_dict(cls, data, {}, key)


@dataclass
class SpcPoint:
    """One non-empty month on the chart, typed, with the limits of its segment."""

    month: Month
    value: float
    type: str
    reasons: list[str]
    centre: float
    lower: float | None  # None when its segment has a single point (no moving range to go on)
    upper: float | None

    def to_dict(self) -> dict:
        """The point as a JSON-ready dict."""
        return {
            "month": str(self.month),
            "value": self.value,
            "type": self.type,
            "reasons": list(self.reasons),
            "centre": self.centre,
            "lower": self.lower,
            "upper": self.upper,
        }

    @classmethod
    def from_dict(cls, data: Mapping, key: str = "") -> SpcPoint:
        """The inverse of to_dict."""
        return _from_dict(cls, data, {"month": _read_month, "reasons": _read_list(lambda v, _key: v)}, key)


@dataclass
class SpcResult:
    """An XmR chart for one KPI: its points, the latest segment's limits, variation and assurance."""

    kpi: str | None
    centre: float | None
    lower: float | None
    upper: float | None
    latest: float | None
    latest_month: Month | None
    assurance: str | None
    variation: str | None
    provisional: bool
    target: float | None
    better: str
    points: list[SpcPoint]
    rules: SpcRules = field(default_factory=SpcRules)
    rebase: list[Month] = field(default_factory=list)
    summary: str = ""
    chart: str = "xmr"  # "xmr" (Making Data Count's default) or "pprime" (Laney p′: limits per month)
    # Where the limits restart (a rebase) within the months charted: the average before and after.
    steps: list[dict] = field(default_factory=list)
    sigma_z: float | None = None  # p′ only: Laney's σz of the latest segment, as measured
    sigma_z_used: float | None = None  # p′ only: the σz its limits use (never below 1; lfjb/metrics/laney.py)
    # p′ only: how often chance alone reaches that σz (laney.sigma_z_chance_share; None below 1) and what the
    # chart did with σz in words (laney.sigma_z_words).
    sigma_z_chance: float | None = None
    sigma_z_words: str | None = None
    # The latest segment is a count too coarse for limits (is_too_coarse), so it has none and no month is judged; the chart's title and the trend page say so instead of "too few months".
    is_too_coarse: bool = False

    @property
    def step_words(self) -> str:
        """The step at each restart in words ("The average fell from 45.1 to 39.2 weeks from April
        2024, when the limits restart."); "" with no restart among the months charted."""
        return " ".join(_step_sentence(step, self.kpi) for step in self.steps)

    @property
    def usual_range(self) -> tuple[float, float] | None:
        """The latest limits as a reader can take them: no measure is below 0 and no percentage above
        100, so a limit beyond is shown at that edge (the JSON keeps the computed limits)."""
        if self.lower is None or self.upper is None:
            return None
        top = 100.0 if self.kpi in KPIS and KPIS[self.kpi]["unit"] == "%" else self.upper
        return max(self.lower, 0.0), min(self.upper, top)

    @property
    def unusual_runs(self) -> list[dict]:
        """The special-cause months as runs (see `unusual_runs`), for the pack's tables."""
        return unusual_runs(self.points)

    def to_dict(self) -> dict:
        """The chart as a JSON-ready dict (numbers unrounded, months as 'YYYY-MM')."""
        return {
            "kpi": self.kpi,
            "centre": self.centre,
            "lower": self.lower,
            "upper": self.upper,
            "latest": self.latest,
            "latest_month": None if self.latest_month is None else str(self.latest_month),
            "assurance": self.assurance,
            "variation": self.variation,
            "provisional": self.provisional,
            "target": self.target,
            "better": self.better,
            "rules": self.rules.to_dict(),
            "rebase": [str(m) for m in self.rebase],
            "summary": self.summary,
            "chart": self.chart,
            "steps": self.steps,
            **({"sigma_z": self.sigma_z, "sigma_z_used": self.sigma_z_used, "sigma_z_chance": self.sigma_z_chance,
                "sigma_z_words": self.sigma_z_words} if self.chart == "pprime" else {}),
            "is_too_coarse": self.is_too_coarse,
            "points": [p.to_dict() for p in self.points],
            "unusual_runs": self.unusual_runs,
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> SpcResult:
        """The inverse of to_dict (the pack JSON's `spc.<kpi>`): every field read back by its name, so a new
        field reaches the reader without a second list; keys to_dict works out (`unusual_runs`) are not read.
        SpcShapeError naming the key within `data` when a value is not the chart's shape."""
        return _from_dict(cls, data, _RESULT_READERS)


class SpcShapeError(ValueError):
    """A value in an SPC chart's dict that is not its shape; `key` locates it within the dict ('points[3].month'),
    for the pack-file reader to name it in full (lfjb.pack_model)."""

    def __init__(self, key: str, value: object, expected: str):
        super().__init__(f"{key}: expected {expected}, found {type(value).__name__}")
        self.key, self.value, self.expected = key, value, expected


_Reader = Callable[[object, str], object]


def _from_dict(cls: type, data: object, readers: Mapping[str, _Reader], key: str = ""):
    """`cls` built from its to_dict(): each field from the key of its name, through its reader when it has one; a
    field missing or null takes its default (None when it has none). Keys that are not fields are left."""
    data = _from_mapping(data, key)
    values: dict = {}
    for f in fields(cls):
        value = data.get(f.name)
        if value is None:
            if f.default is MISSING and f.default_factory is MISSING:  # a list read as a list: empty, else None
                values[f.name] = [] if getattr(readers.get(f.name), "reads_list", False) else None
            continue
        read = readers.get(f.name)
        values[f.name] = read(value, f"{key}.{f.name}" if key else f.name) if read else value
    return cls(**values)


def _read_month(value: object, key: str) -> Month:
    try:
        return value if isinstance(value, Month) else Month.parse(value)  # type: ignore[arg-type]
    except ValueError:
        raise SpcShapeError(key, value, "a month as YYYY-MM") from None


def _read_list(item: _Reader) -> _Reader:
    def read(value: object, key: str) -> list:
        if not isinstance(value, (list, tuple)):
            raise SpcShapeError(key, value, "a list")
        return [item(v, f"{key}[{i}]") for i, v in enumerate(value)]
    read.reads_list = True  # type: ignore[attr-defined]
    return read


_RESULT_READERS: dict[str, _Reader] = {
    "latest_month": _read_month,
    "rules": SpcRules.from_dict,
    "rebase": _read_list(_read_month),
    "points": _read_list(SpcPoint.from_dict),
    "steps": _read_list(lambda step, key: dict(_from_mapping(step, key))),
    "is_too_coarse": lambda value, _key: bool(value),
}


def _from_mapping(value: object, key: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise SpcShapeError(key, value, "an object")
    return value


# --- limits -----------------------------------------------------------------------------------------


def moving_ranges(values: Sequence[float]) -> list[float]:
    """|x_i - x_(i-1)| for each consecutive pair of values (one fewer than the values)."""
    return [abs(b - a) for a, b in zip(values, values[1:])]


def screened_moving_ranges(ranges: Sequence[float], screen_factor: float = SCREEN_FACTOR) -> list[float]:
    """The moving ranges below `screen_factor` x their mean.

    When every range is 0 nothing is screened (otherwise 0 >= 0 would leave no ranges at all).
    """
    if not ranges:
        return []
    cutoff = screen_factor * (sum(ranges) / len(ranges))
    if cutoff == 0:
        return list(ranges)
    return [r for r in ranges if r < cutoff]


def xmr_limits(
    values: Sequence[float], limit_factor: float = LIMIT_FACTOR, screen_factor: float = SCREEN_FACTOR
) -> tuple[float | None, float | None, float | None, float | None]:
    """(centre, lower, upper, mr_bar) of one segment.

    No values: all None. One value: the centre is that value and there are no limits (None), as
    there is no moving range to estimate the variation from. MR-bar of 0 gives limits on the centre.
    """
    if not values:
        return None, None, None, None
    centre = sum(values) / len(values)
    kept = screened_moving_ranges(moving_ranges(values), screen_factor)
    if not kept:
        return centre, None, None, None
    mr_bar = sum(kept) / len(kept)
    return centre, centre - limit_factor * mr_bar, centre + limit_factor * mr_bar, mr_bar


# --- rules ------------------------------------------------------------------------------------------


def sides(values: Sequence[float], centre: float) -> list[int]:
    """+1 above the centre, -1 below, 0 exactly on it, for each value."""
    return [_sign(v - centre) for v in values]


# A limit: the segment's one value (XmR), one per value (Laney p′: each month has its own), or None.
Limits = float | None | Sequence[float | None]


def _each(limit: Limits, count: int) -> list[float | None]:
    """The limit of each of `count` values: one limit repeated, or the per-value limits as given."""
    if limit is None or isinstance(limit, (int, float)):
        return [limit] * count
    each = list(limit)
    if len(each) != count:
        raise ValueError(f"expected {count} limits, one per value, got {len(each)}")
    return each


def outside_limits(values: Sequence[float], lower: Limits, upper: Limits) -> list[bool]:
    """True for each value strictly above the upper or below the lower limit (False with no limits).

    `lower` and `upper` are the segment's limits or, on a p′ chart, one per value."""
    lowers, uppers = _each(lower, len(values)), _each(upper, len(values))
    return [lo is not None and hi is not None and (v > hi or v < lo) for v, lo, hi in zip(values, lowers, uppers)]


def shift(values: Sequence[float], centre: float, length: int = SHIFT_LENGTH) -> list[bool]:
    """True for each value in a run of `length` or more consecutive values on one side of the centre.

    A value exactly on the centre belongs to neither side, so it breaks the run.
    """
    return [side != 0 for side, _ in _shift_runs(values, centre, length)]


def trend(values: Sequence[float], length: int = TREND_LENGTH) -> list[int]:
    """+1 for each value in a rising run of `length` or more values, -1 in a falling one, else 0.

    The run length counts values, so 7 values are 6 rises. An equal pair breaks the run. A turning
    point that ends one qualifying run and starts the next takes the direction of the run it ends.
    """
    return [direction for direction, _ in _trend_runs(values, length)]


def close_to_limits(values: Sequence[float], centre: float, lower: Limits, upper: Limits) -> list[bool]:
    """True for each value beyond the two-sigma line on its side but not outside the limits.

    The two-sigma line is TWO_SIGMA_FACTOR / LIMIT_FACTOR of the way from the centre to the limit,
    i.e. centre +/- 1.773 x MR-bar at the default factors (SPEC.md). `lower` and `upper` are the
    segment's limits or, on a p′ chart, one per value.
    """
    fraction = TWO_SIGMA_FACTOR / LIMIT_FACTOR
    lowers, uppers = _each(lower, len(values)), _each(upper, len(values))
    outside = outside_limits(values, lowers, uppers)
    return [
        lo is not None and hi is not None and not out
        and (v > centre + fraction * (hi - centre) or v < centre - fraction * (centre - lo))
        for v, lo, hi, out in zip(values, lowers, uppers, outside)
    ]


def two_in_three(values: Sequence[float], centre: float, lower: Limits, upper: Limits) -> list[bool]:
    """True for each value close to a limit that is one of at least 2 of 3 consecutive values that are.

    The three values must all be on the same side of the centre (NHSRplotthedots `ptd_two_in_three`);
    a value outside the limits is not "close" and does not count towards the two.
    """
    return _two_of_three(close_to_limits(values, centre, lower, upper), sides(values, centre))


def _two_of_three(close: Sequence[bool], side: Sequence[int]) -> list[bool]:
    """The close values that are one of at least 2 of 3 consecutive close values, all on one side."""
    flagged = [False] * len(close)
    for start in range(len(close) - 2):
        window = range(start, start + 3)
        same_side = abs(sum(side[i] for i in window)) == 3
        if same_side and sum(close[i] for i in window) >= 2:
            for i in window:
                flagged[i] = flagged[i] or close[i]
    return flagged


def assurance(lower: float | None, upper: float | None, target: float | None, better: str) -> str | None:
    """'pass', 'fail' or 'hit_and_miss' for a target against the limits; None without them.

    A limit exactly on the target is 'hit_and_miss': the band only counts as all on one side when the
    target lies strictly beyond it, as in NHSRplotthedots `ptd_calculate_assurance_type`. A neutral
    KPI has no good side, so no assurance.
    """
    if target is None or lower is None or upper is None or better == "neutral":
        return None
    if better == "lower":
        good, bad = upper < target, lower > target
    else:
        good, bad = lower > target, upper < target
    return "pass" if good else "fail" if bad else "hit_and_miss"


def point_type(direction: int, better: str) -> str:
    """The special-cause type of a signal moving in `direction` (+1 up, -1 down) for the KPI."""
    if better == "neutral":
        return NEUTRAL_HIGH if direction > 0 else NEUTRAL_LOW
    good = 1 if better == "higher" else -1
    return IMPROVEMENT if direction == good else CONCERN


# --- the chart --------------------------------------------------------------------------------------


def xmr(
    series: Sequence[tuple[Month, float | None]],
    better: str = "neutral",
    target: float | None = None,
    rules: SpcRules = SpcRules(),
    rebase: Sequence[Month] = (),
    kpi: str | None = None,
) -> SpcResult:
    """The XmR chart of a monthly series, each rebase segment computed on its own.

    `series` may be in any order and may hold empty months (None or NaN), which are skipped.
    """
    if better not in BETTER_DIRECTIONS:
        raise ValueError(f"better must be one of {', '.join(BETTER_DIRECTIONS)}, got {better!r}")
    months, values = _non_empty(series)
    rebase_months = sorted(set(rebase))
    bounds = _segment_bounds(months, rebase_months)
    charted: list[tuple[SpcPoint, list[_Signal]]] = []
    is_count = kpi in KPIS and KPIS[kpi]["unit"] in COUNT_UNITS
    is_chunky = False
    for start, end in bounds:
        # Only a count can be too coarse for limits; its segment's limits are worked out here to tell.
        centre, _, _, mr_bar = xmr_limits(values[start:end], rules.limit_factor, rules.screen_factor) if is_count else (None,) * 4
        is_chunky = is_count and is_too_coarse(mr_bar, rules.screen_factor)
        if is_chunky:  # no limits, and no rule judges the months (they would call ordinary months unusual)
            charted += [(SpcPoint(m, v, COMMON_CAUSE, [], centre, None, None), [])  # type: ignore[arg-type]
                        for m, v in zip(months[start:end], values[start:end])]
        else:
            charted += _segment(months[start:end], values[start:end], rules, better)
    result = _result(charted, bounds, target, better, rules, rebase_months, kpi)
    result.is_too_coarse = is_chunky  # the latest segment's
    if is_chunky:
        subject, plural = _subject(kpi)
        result.summary = (f"No limits: {subject} {'change' if plural else 'changes'} by so few from one month to the "
                          "next that the usual limits would call ordinary months unusual, so no "
                          "month is judged." + (f" {result.step_words}" if result.step_words else ""))
    return result


def is_too_coarse(mr_bar: float | None, screen_factor: float = SCREEN_FACTOR, unit: float = 1.0) -> bool:
    """True when a series measured in whole `unit`s is too chunky for XmR limits (Wheeler): the moving ranges
    at or below their upper limit (screen_factor x MR-bar) can take CHUNKY_MAX_RANGE_VALUES values or fewer."""
    if mr_bar is None:
        return False
    return math.floor(screen_factor * mr_bar / unit + 1e-9) + 1 <= CHUNKY_MAX_RANGE_VALUES


def pprime(
    series: Sequence[tuple[Month, float | None, float | None]],
    better: str = "higher",
    target: float | None = None,
    rules: SpcRules = SpcRules(),
    rebase: Sequence[Month] = (),
    kpi: str | None = None,
    says_sigma_z: bool = True,
) -> SpcResult:
    """A Laney p′ chart of a monthly percentage (lfjb/metrics/laney.py), as an SpcResult in
    percentages: each month gets its own limits from its own denominator, scaled by the spread actually
    seen; the same rules (outside, shift, trend, 2 of 3) judge the points. `series` holds (month,
    numerator, denominator); a month with no denominator is skipped, never read as 0.

    With `says_sigma_z` (a pack's chart) the summary ends with the σz sentence when σz < 1 made the chart
    a plain p chart; without it (the comparison's pooled chart, which prints that sentence beside the
    chart's explanation) the summary does not, and the sentence is in `sigma_z_words` either way."""
    from lfjb.metrics.laney import laney_pprime

    usable = sorted((m, float(x), float(n)) for m, x, n in series if n and not isna(n) and x is not None and not isna(x))
    months = [m for m, _, _ in usable]
    rebase_months = sorted(set(rebase))
    bounds = _segment_bounds(months, rebase_months)
    charted: list[tuple[SpcPoint, list[_Signal]]] = []
    chart = None
    for start, end in bounds:
        part = usable[start:end]
        values = [100.0 * x / n for _, x, n in part]
        chart = laney_pprime([x for _, x, _ in part], [n for _, _, n in part])
        if chart is None:  # one month, or no spread: a centre but no limits
            centre = 100.0 * sum(x for _, x, _ in part) / sum(n for _, _, n in part)
            lowers: list[float | None] = [None] * len(part)
            uppers: list[float | None] = [None] * len(part)
        else:
            centre = 100.0 * chart.centre
            lowers = [100.0 * p.lower for p in chart.points]
            uppers = [100.0 * p.upper for p in chart.points]
        charted += _judge(months[start:end], values, centre, lowers, uppers, rules, better)
    result = _result(charted, bounds, target, better, rules, rebase_months, kpi)
    result.chart = "pprime"
    if chart is not None:  # the latest segment's
        result.sigma_z, result.sigma_z_used = chart.sigma_z, chart.sigma_z_used
        result.sigma_z_chance, result.sigma_z_words = chart.chance_share, chart.words
        if says_sigma_z and chart.is_plain_p_chart:
            result.summary = f"{result.summary} {chart.words}".strip()
    return result


def _result(
    charted: list[tuple[SpcPoint, list[_Signal]]], bounds: list[tuple[int, int]], target: float | None, better: str,
    rules: SpcRules, rebase_months: list[Month], kpi: str | None,
) -> SpcResult:
    points = [p for p, _ in charted]
    latest = points[-1] if points else None
    latest_segment_size = bounds[-1][1] - bounds[-1][0] if bounds else 0
    # Issue 19: a restart hides a step between segments from the latest month's reading; say it.
    steps = [_step(points[previous:start], points[start:end]) for (previous, _), (start, end) in zip(bounds, bounds[1:])]
    result = SpcResult(
        kpi=kpi,
        centre=latest.centre if latest else None,
        lower=latest.lower if latest else None,
        upper=latest.upper if latest else None,
        latest=latest.value if latest else None,
        latest_month=latest.month if latest else None,
        assurance=assurance(latest.lower, latest.upper, target, better) if latest else None,
        variation=latest.type if latest else None,
        provisional=latest_segment_size < MIN_POINTS_FOR_FIRM_LIMITS,
        target=None if target is None else float(target),
        better=better,
        points=points,
        rules=rules,
        rebase=rebase_months,
        summary=_summary(charted[-1] if charted else None, kpi, earlier_unusual=sum(p.type != COMMON_CAUSE for p in points[:-1])),
        steps=steps,
    )
    if result.step_words:
        result.summary = f"{result.summary} {result.step_words}"
    return result


@dataclass(frozen=True)
class _Signal:
    """Why a point is special cause: the rule, its direction (+1 up, -1 down) and run length."""

    rule: str  # "outside" | "shift" | "trend" | "two_in_three"
    direction: int
    months: int = 0

    @property
    def is_side_based(self) -> bool:
        """True when the rule is about which side of the centre the point is on."""
        return self.rule != "trend"

    @property
    def reason(self) -> str:
        """The plain-English reason shown beside the point."""
        return RULE_WORDS[self.rule]["reason"].format(**self.fields())

    def fields(self) -> dict[str, str | int]:
        """The words RULE_WORDS' templates fill in for this signal's direction and run."""
        up = self.direction > 0
        return {"months": self.months, "limit": "upper" if up else "lower", "side": "above" if up else "below",
                "moving": "rising" if up else "falling"}


def _segment(
    months: list[Month], values: list[float], rules: SpcRules, better: str
) -> list[tuple[SpcPoint, list[_Signal]]]:
    """Each point of one XmR segment with the signals that make it special cause."""
    centre, lower, upper, _ = xmr_limits(values, rules.limit_factor, rules.screen_factor)
    return _judge(months, values, centre, [lower] * len(values), [upper] * len(values), rules, better)


def _judge(
    months: list[Month], values: list[float], centre: float, lowers: list[float | None], uppers: list[float | None],
    rules: SpcRules, better: str,
) -> list[tuple[SpcPoint, list[_Signal]]]:
    """Each point with its signals, given the segment's centre and each point's own limits (the same
    for every point of an XmR chart; per month for a p′ chart)."""
    side = sides(values, centre)
    outside = outside_limits(values, lowers, uppers)
    shifts = _shift_runs(values, centre, rules.shift)
    trends = _trend_runs(values, rules.trend)
    close = two_in_three(values, centre, lowers, uppers) if rules.two_in_three else [False] * len(values)
    charted = []
    for i, (month, value) in enumerate(zip(months, values)):
        signals = [
            *([_Signal("outside", side[i])] if outside[i] else []),
            *([_Signal("shift", shifts[i][0], shifts[i][1])] if shifts[i][0] else []),
            *([_Signal("trend", trends[i][0], trends[i][1])] if trends[i][0] else []),
            *([_Signal("two_in_three", side[i])] if close[i] else []),
        ]
        reasons = [s.reason for s in signals]
        point = SpcPoint(month, value, _type_of(signals, better), reasons, centre, lowers[i], uppers[i])
        charted.append((point, signals))
    return charted


def _type_of(signals: list[_Signal], better: str) -> str:
    """The point's type: its side when a side-based rule fired, else the trend's direction."""
    if not signals:
        return COMMON_CAUSE
    side_based = [s for s in signals if s.is_side_based]
    return point_type((side_based or signals)[0].direction, better)


def _non_empty(series: Sequence[tuple[Month, float | None]]) -> tuple[list[Month], list[float]]:
    """The months with a value and their values as floats, oldest first."""
    pairs = sorted((m, float(v)) for m, v in series if not isna(v))
    months = [m for m, _ in pairs]
    repeated = sorted({str(m) for m in months if months.count(m) > 1})
    if repeated:
        raise ValueError(f"each month may appear once in an SPC series; repeated: {', '.join(repeated)}")
    return months, [v for _, v in pairs]


def _segment_bounds(months: list[Month], rebase: list[Month]) -> list[tuple[int, int]]:
    """(start, end) index pairs of the segments; a rebase month with no point starts at the next one."""
    starts = {0} if months else set()
    for r in rebase:
        first = next((i for i, m in enumerate(months) if m >= r), None)
        if first is not None:
            starts.add(first)
    ordered = sorted(starts)
    return list(zip(ordered, ordered[1:] + [len(months)]))


def _runs(keys: Sequence[int]) -> list[tuple[int, int, int]]:
    """(first index, last index, key) of each maximal run of equal non-zero keys."""
    runs = []
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            if keys[start] != 0:
                runs.append((start, i - 1, keys[start]))
            start = i
    return runs


def _shift_runs(values: Sequence[float], centre: float, length: int) -> list[tuple[int, int]]:
    """(side, run length) of the shift each value is part of; (0, 0) when none."""
    found = [(0, 0)] * len(values)
    for first, last, side in _runs(sides(values, centre)):
        if last - first + 1 >= length:
            found[first : last + 1] = [(side, last - first + 1)] * (last - first + 1)
    return found


def _trend_runs(values: Sequence[float], length: int) -> list[tuple[int, int]]:
    """(direction, run length in values) of the trend each value is part of; (0, 0) when none."""
    found = [(0, 0)] * len(values)
    steps = [_sign(b - a) for a, b in zip(values, values[1:])]  # step k joins values k and k+1
    for first_step, last_step, direction in _runs(steps):
        first, last = first_step, last_step + 1
        if last - first + 1 >= length:
            for i in range(first, last + 1):
                if found[i] == (0, 0):  # a turning point keeps the run it ends
                    found[i] = (direction, last - first + 1)
    return found


def _sign(x: float) -> int:
    """+1, -1 or 0."""
    return (x > 0) - (x < 0)


# --- the sentence -----------------------------------------------------------------------------------


def _summary(latest: tuple[SpcPoint, list[_Signal]] | None, kpi: str | None, earlier_unusual: int = 0) -> str:
    """One plain-English sentence on what the latest month shows. It speaks of the latest month, and
    says "every month" only when no month on the chart is unusual."""
    if latest is None:
        return "No data: no month has a value."
    point, signals = latest
    if point.lower is None:
        return "Too few months for limits: the latest period has only one month with a value."
    if not signals:
        if earlier_unusual:
            months = f"{earlier_unusual} earlier month{'s were' if earlier_unusual != 1 else ' was'} unusual"
            return f"{_TYPE_TITLES[COMMON_CAUSE]} in {point.month.label}: it is within the usual range ({months})."
        return f"{_TYPE_TITLES[COMMON_CAUSE]}: every month is within the usual range."
    subject, plural = _subject(kpi)
    clauses = " and ".join(_clause(s, point.month, plural) for s in signals)
    return f"{_TYPE_TITLES[point.type]}: {subject} {clauses}."


# A step at a restart is called a rise or a fall only when the difference of the two segments' averages is
# more than STEP_NOISE_FACTOR standard errors (statistician's review of issue 19; README, Definitions).
STEP_NOISE_FACTOR = 2.0


def _step(before: Sequence[SpcPoint], after: Sequence[SpcPoint]) -> dict:
    """The step between two segments: their centres, the standard error of the difference of their averages
    from the month-to-month variation (sigma = MR-bar / 1.128 over both segments' screened moving ranges,
    times sqrt(1/n1 + 1/n2)), whether the step is clear of that noise, and the later segment's months."""
    ranges = []
    for segment in (before, after):
        ranges += screened_moving_ranges(moving_ranges([p.value for p in segment]))
    se = (sum(ranges) / len(ranges) / D2 * math.sqrt(1 / len(before) + 1 / len(after))) if ranges else None
    difference = after[0].centre - before[0].centre
    # No moving range (one month each side): no noise to judge against, so no step is called.
    is_clear = se is not None and abs(difference) > STEP_NOISE_FACTOR * se
    return {"month": str(after[0].month), "before": before[0].centre, "after": after[0].centre, "se": se,
            "is_clear": is_clear, "months_after": len(after)}


def _step_sentence(step: dict, kpi: str | None) -> str:
    """One restart's step as a sentence, rounded as the pack shows the measure: a rise or a fall only when it
    is clear of the month-to-month noise (`_step`); within the noise, no clear change, with both averages (the
    data cannot show they are equal; with one month on a side there is no noise to judge by, and it says so);
    about the same only when a clear step is smaller than the rounding shown;
    provisional limits after it are said."""
    unit = KPIS[kpi]["unit"] if kpi in KPIS else ""
    before, after = kpi_value(step["before"], unit), kpi_value_unit(step["after"], unit)
    month = Month.parse(step["month"]).label
    months = step.get("months_after")
    provisional = (f"limits provisional: {months} month{'s' if months != 1 else ''}"
                   if months is not None and months < MIN_POINTS_FOR_FIRM_LIMITS else "")
    if not step.get("is_clear", True):
        # No moving range on a side (one month there): nothing was compared with any noise.
        judged = ("within the month-to-month noise" if step.get("se") is not None
                  else "too few months either side to judge")
        note = "; ".join(part for part in (f"{before} to {after}, {judged}", provisional) if part)
        return f"No clear change in the average at {month}, when the limits restart ({note})."
    provisional = f" ({provisional})" if provisional else ""
    if before == kpi_value(step["after"], unit):  # clear of the noise, but smaller than the precision shown
        return f"The average was about the same before and after {month}, when the limits restart{provisional}."
    return (f"The average {'rose' if step['after'] > step['before'] else 'fell'} from {before} to {after} from {month}, "
            f"when the limits restart{provisional}.")


def _subject(kpi: str | None) -> tuple[str, bool]:
    """(the KPI as the subject of a sentence, whether it takes a plural verb)."""
    if kpi is None:
        return "the value", False
    if kpi not in KPIS:
        return kpi.replace("_", " "), False
    label = KPIS[kpi]["label"]
    unit = KPIS[kpi]["unit"]
    text = label[0].lower() + label[1:]
    if unit == "%":
        return f"the percentage {text}", False
    return text, unit in COUNT_UNITS


def _clause(signal: _Signal, month: Month, plural: bool) -> str:
    """The signal as the predicate of the summary sentence."""
    has, was, its = ("have", "were", "their") if plural else ("has", "was", "its")
    return RULE_WORDS[signal.rule]["clause"].format(**signal.fields(), month=month.label, has=has, was=was, its=its)


__all__ = [
    "LIMIT_FACTOR",
    "SCREEN_FACTOR",
    "TWO_SIGMA_FACTOR",
    "SHIFT_LENGTH",
    "TREND_LENGTH",
    "MIN_POINTS_FOR_FIRM_LIMITS",
    "RULE_WORDS",
    "SpcRules",
    "pprime",
    "SpcPoint",
    "SpcResult",
    "SpcShapeError",
    "xmr",
    "xmr_limits",
    "moving_ranges",
    "screened_moving_ranges",
    "sides",
    "outside_limits",
    "shift",
    "trend",
    "close_to_limits",
    "two_in_three",
    "assurance",
    "point_type",
]


def unusual_runs(points: Sequence[SpcPoint]) -> list[dict]:
    """The special-cause points of a chart as runs for a table: consecutive points with the same type
    and reasons are one run, so a shift of twelve months reads as one line, not twelve. Each run gives
    its first and last month ('YYYY-MM'), its number of months, and the lowest and highest value in it
    (not the first and last: a run may go up and down)."""
    runs: list[dict] = []
    previous_index = None
    for index, point in enumerate(points):
        if point.type == COMMON_CAUSE:
            continue
        reasons = list(point.reasons)
        last = runs[-1] if runs else None
        if last and previous_index == index - 1 and last["type"] == point.type and last["reasons"] == reasons:
            last["last_month"] = str(point.month)
            last["months"] += 1
            last["lowest"] = min(last["lowest"], point.value)
            last["highest"] = max(last["highest"], point.value)
        else:
            runs.append({"first_month": str(point.month), "last_month": str(point.month), "months": 1, "type": point.type,
                         "reasons": reasons, "lowest": point.value, "highest": point.value})
        previous_index = index
    return runs
