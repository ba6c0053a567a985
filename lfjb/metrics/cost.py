"""Cost of delay: the Trailblazer programme's national figure scaled to one board (an estimate).

Issue 13 item 5: measured against the statutory 26 weeks first (Children and Families Act 2014 s.14),
the board's own target second, so a board whose target is above 26 weeks (Central London: 45) does not
shrink its figure; with a low-high range from stated assumptions.
"""

from __future__ import annotations

from lfjb.inputs.board import CostOfDelay
from lfjb.vocab import STATUTORY_WEEKS

# The range: the source's figure is read as a year's benefit; low and high bracket the two
# assumptions the straight line rests on (how much of the cost moves with duration, and the volume).
LOW_SHARE_OF_COST_THAT_FALLS = 0.5  # half the cost falls with each week cut (fixed costs stay)
# High: national volume lower than the count used by the same proportion as 15,000 (the low end of recent
# years) is below the default 17,000, so a board's own count gets the same proportional range.
HIGH_VOLUME_SHARE = 15_000 / 17_000
HIGH_VOLUME_FACTOR = 1 / HIGH_VOLUME_SHARE
# The default national count's scope and source (lfjb.inputs.board.CostOfDelay, issue 19 item 5).
DEFAULT_NATIONAL_CASES = CostOfDelay.model_fields["national_annual_cases"].default
# FCSQ covers the family courts of England and Wales (statistician's review of issue 19).
NATIONAL_COUNT_SOURCE = ("public law (care and supervision, s31) cases started a year in England and Wales "
                         "(MoJ Family Court Statistics Quarterly, 2023-24, rounded)")
RANGE_WORDS = ("The range is a range of assumptions, not a confidence interval: it shows how far the figure moves "
               "under the low and high assumptions below, not how precisely anything was measured.")


def _national_count_words(cases: int) -> str:
    if cases == DEFAULT_NATIONAL_CASES:
        count = f"National case count: {cases:,} {NATIONAL_COUNT_SOURCE}"
    else:
        count = f"National case count: {cases:,} care and supervision cases a year, as set in this board's terms of reference"
    scope = ("The national figure covers England's local authorities, but this count includes Wales, so the board's "
             "share of it is a little smaller than its share of England's cases"
             if cases == DEFAULT_NATIONAL_CASES else "The national figure covers England's local authorities")
    return f"{count}. {scope}. The count is of cases, not children, as this board's count is."


def _gap(mean_weeks: float | None, against: float | None) -> float | None:
    return None if mean_weeks is None or against is None else max(mean_weeks - against, 0.0)


def cost_of_delay(settings: CostOfDelay, board_annual_cases: int, mean_weeks: float | None,
                  target_weeks: float | None) -> dict:
    """The estimated benefit to the board's local authorities of each week cut, against 26 weeks
    first and the board's target second, with a low-high range and its assumptions."""
    share = board_annual_cases / settings.national_annual_cases
    per_week = settings.benefit_per_week_gbp * share
    low_per_week = per_week * LOW_SHARE_OF_COST_THAT_FALLS
    high_per_week = per_week * HIGH_VOLUME_FACTOR
    above_26 = _gap(mean_weeks, float(STATUTORY_WEEKS))
    above_target = _gap(mean_weeks, target_weeks)

    def money(gap: float | None) -> dict | None:
        if gap is None:
            return None
        return {"weeks": gap, "central_gbp": gap * per_week, "low_gbp": gap * low_per_week, "high_gbp": gap * high_per_week}

    return {
        "is_estimate": True,
        "national_benefit_per_week_gbp": settings.benefit_per_week_gbp,
        "period": settings.period,
        "national_annual_cases": settings.national_annual_cases,
        "board_annual_cases": board_annual_cases,
        "board_share": share,
        "board_benefit_per_week_gbp": per_week,
        "board_benefit_per_week_range_gbp": [low_per_week, high_per_week],
        "statutory_weeks": float(STATUTORY_WEEKS),
        "primary": "statutory",
        "against_statutory": money(above_26),
        "against_target": money(above_target) if target_weeks is not None else None,
        "target_weeks": target_weeks,
        # Against the board's own target, as the names say (None without a target); the statutory measure is
        # `against_statutory`.
        "weeks_above_target": above_target,
        "benefit_at_target_gbp": None if above_target is None else above_target * per_week,
        "source": settings.source,
        "range_is": "assumptions",
        "range_words": RANGE_WORDS,
        "assumptions": [
            f"National figure: about £{settings.benefit_per_week_gbp / 1e6:,.1f}m for each week cut from the average "
            "duration of care proceedings, across all English local authorities (DFJ Trailblazers programme).",
            f"The source gives no period; this pack assumes {settings.period}.",
            _national_count_words(settings.national_annual_cases),
            f"This board issued {board_annual_cases:,} cases in the last 12 months, {share:.1%} of that count; "
            "the national figure is scaled by that share.",
            "Straight line: every week cut is assumed to be worth the same, the first as much as the tenth, and the "
            "board's part of the national figure to be in proportion to its cases. Real costs need not fall that way.",
            "Measured first against the statutory 26 weeks (Children and Families Act 2014, s.14), then against the "
            "board's own target, which may be a stepping stone above 26 weeks.",
            f"Low: only {LOW_SHARE_OF_COST_THAT_FALLS:.0%} of the cost falls as duration falls (fixed costs stay). "
            f"High: national volume {1 - HIGH_VOLUME_SHARE:.0%} lower than that count "
            f"({settings.national_annual_cases * HIGH_VOLUME_SHARE:,.0f} cases a year), so this board's share is "
            f"{HIGH_VOLUME_FACTOR:.2f} times larger.",
        ],
    }
