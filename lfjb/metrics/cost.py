"""Cost of delay: the Trailblazer programme's national figure scaled to one board (an estimate)."""

from __future__ import annotations

from lfjb.inputs.board import CostOfDelay


def cost_of_delay(settings: CostOfDelay, board_annual_cases: int, mean_weeks: float | None, target_weeks: float | None) -> dict:
    """The estimated benefit to the board's local authorities of each week cut, with its assumptions.

    Scaling: the board's share of national volume = cases issued in the 12 months to M divided by
    the assumed national annual cases. The source figure has no stated period; `settings.period`
    records the one assumed, and every output labels the result an estimate.
    """
    share = board_annual_cases / settings.national_annual_cases
    per_week = settings.benefit_per_week_gbp * share
    gap = None if mean_weeks is None or target_weeks is None else max(mean_weeks - target_weeks, 0.0)
    return {
        "is_estimate": True,
        "national_benefit_per_week_gbp": settings.benefit_per_week_gbp,
        "period": settings.period,
        "national_annual_cases": settings.national_annual_cases,
        "board_annual_cases": board_annual_cases,
        "board_share": share,
        "board_benefit_per_week_gbp": per_week,
        "weeks_above_target": gap,
        "benefit_at_target_gbp": None if gap is None else gap * per_week,
        "source": settings.source,
        "assumptions": [
            f"National figure: about £{settings.benefit_per_week_gbp / 1e6:,.1f}m for each week cut from the average "
            "duration of care proceedings, across all English local authorities (DFJ Trailblazers programme).",
            f"The source gives no period; this pack assumes {settings.period}.",
            f"National volume: {settings.national_annual_cases:,} care and supervision cases a year (assumed).",
            f"This board issued {board_annual_cases:,} cases in the last 12 months, {share:.1%} of that volume; "
            "the national figure is scaled by that share.",
            "A straight-line estimate: it assumes costs fall in proportion to duration and volume.",
        ],
    }
