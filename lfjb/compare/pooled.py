"""All boards pooled, % of cases disposed of within 26 weeks month by month, on a Laney p′ chart.

The league table and the funnel judge each board; this is the context they sit in: did the boards
together move unusually in the reporting month? Pooled over 43 boards a month holds a thousand or more
cases, and that number changes from month to month. An XmR chart would give every month the same
limits whatever its cases; a p chart would give each month its own but, with denominators this large,
call nearly every month unusual, because real months vary more than the binomial allows. Laney's p′
(lfjb/metrics/laney.py, through lfjb.metrics.spc.pprime) keeps each month's own limits and widens
them by the spread the months actually show (σz; below 1 it is taken as 1, a plain p chart, so chance
cannot narrow the limits), and the usual Making Data Count rules judge the points, in the packs' own
words.

From the packs' monthly trend: cases within 26 weeks are pct_within_26 x disposed (exact: the pack's
percentage is k / n x 100); a board's month with no figure is left out of that month's pool.
"""

from __future__ import annotations

from collections.abc import Sequence

from lfjb.compare.league import SPC_TYPE_LABELS, within_count
from lfjb.compare.suppression import percentage_reason
from lfjb.vocab import DEFAULT_MIN_CASES
from lfjb.metrics.spc import pprime
from lfjb.month import Month
from lfjb.pack_model import PackModel


def pooled_monthly_within_26(packs: Sequence[PackModel]) -> list[tuple[Month, int, int]]:
    """(month, cases within 26 weeks, cases disposed of) summed over the boards, for each month of
    the packs' trends, oldest first; months where no board disposed of a case are left out."""
    within: dict[Month, int] = {}
    disposed: dict[Month, int] = {}
    for pack in packs:
        for row in pack.trend:
            n, pct = row.disposed, row.pct_within_26
            if not n or pct is None:
                continue
            within[row.month] = within.get(row.month, 0) + (within_count(pct, n) or 0)
            disposed[row.month] = disposed.get(row.month, 0) + int(n)
    return [(m, within[m], disposed[m]) for m in sorted(disposed)]


def has_small_numbers(series: Sequence[tuple[Month, int, int]], min_cases: int) -> bool:
    """True when a month pools fewer than `min_cases` cases, or 1 to 5 within 26 weeks or beyond it:
    a month's limits give away its number of cases, so such a chart is not published."""
    return any(percentage_reason(x, n, min_cases) for _, x, n in series)


def pooled_within_26(packs: Sequence[PackModel], min_cases: int = DEFAULT_MIN_CASES) -> dict | None:
    """The pooled p′ chart as a JSON-ready dict: centre, σz, each month's value, limits and type, the
    latest month's reading and a summary sentence; None with fewer than two months to chart.
    `has_small_numbers` (see has_small_numbers) tells disclosure control to leave it out."""
    series = pooled_monthly_within_26(packs)
    if len(series) < 2:
        return None
    # The σz sentence is printed once, beside the chart's explanation (sigma_z_note), not in the reading too.
    result = pprime(series, better="higher", kpi="pct_within_26", says_sigma_z=False)
    if result.sigma_z is None:  # no spread to measure (every month 0% or every month 100%)
        return None
    latest = result.points[-1]
    return {
        "label": "All boards pooled: % disposed of within 26 weeks",
        "chart": "pprime",
        "centre": result.centre,
        "sigma_z": result.sigma_z,
        "sigma_z_used": result.sigma_z_used,  # never below 1: with σz < 1 the chart is a plain p chart (issue 19)
        # How often pure binomial months with these numbers of cases reach that σz (None below 1): the months
        # are said to vary more than chance only below lfjb.metrics.laney.SIGMA_Z_CHANCE_LEVEL.
        "sigma_z_chance": result.sigma_z_chance,
        "sigma_z_note": result.sigma_z_words,
        "first": str(series[0][0]),
        "months": len(series),
        "latest": {"month": str(latest.month), "value": latest.value, "lower": latest.lower, "upper": latest.upper,
                   "type": latest.type, "label": SPC_TYPE_LABELS.get(latest.type, latest.type)},
        "points": [{"month": str(p.month), "value": p.value, "lower": p.lower, "upper": p.upper, "type": p.type}
                   for p in result.points],
        "summary": result.summary,
        "rules": result.rules.to_dict(),
        "has_small_numbers": has_small_numbers(series, min_cases),
    }
