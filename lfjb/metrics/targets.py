"""Targets and red/amber/green status. The rule is written here once and shown in the pack's appendix."""

from __future__ import annotations

from lfjb.vocab import KPIS, STATUTORY_WEEKS, is_lower_better

# Amber: missing the target by no more than this share of it. For mean_weeks against the statutory
# 26 weeks that is up to 28.6 weeks, close to Cafcass's duration bands (≤26 on target, 27–29 near,
# ≥30 not meeting; SPEC.md "Reference figures").
AMBER_TOLERANCE = 0.10


def rag_rule(targets: dict[str, float]) -> str:
    """The red/amber/green rule in words, with the board's own target for average duration as the example."""
    target = targets.get("mean_weeks", STATUTORY_WEEKS)
    example = (f"for average duration against the board's target of {target:g} weeks, up to "
               f"{target * (1 + AMBER_TOLERANCE):.1f} weeks")
    if target == STATUTORY_WEEKS:
        example += ", close to Cafcass's 'near' band of 27–29 weeks"
    return (
        "Green: the latest month meets the board's target. "
        f"Amber: it misses the target by no more than {AMBER_TOLERANCE:.0%} of the target ({example}). "
        "Red: it misses by more. "
        "No status is shown where the board has set no target or the month has no cases to measure."
    )
_EPSILON = 1e-9
RAG_WORDS = {"green": "On target", "amber": "Near target", "red": "Off target", None: "No target"}


def rag_status(kpi: str, value: float | None, target: float | None) -> str | None:
    """'green', 'amber' or 'red' by the rule `rag_rule` puts in words, or None without a target or a value."""
    if value is None or target is None or KPIS[kpi]["better"] == "neutral":
        return None
    miss = value - target if is_lower_better(kpi) else target - value
    if miss <= _EPSILON:
        return "green"
    # The epsilon keeps a value exactly on the amber boundary (28.6 against 26) amber despite float error.
    return "amber" if miss <= AMBER_TOLERANCE * abs(target) + _EPSILON else "red"


def change(current: float | None, previous: float | None) -> float | None:
    """current − previous, or None when either is missing."""
    return None if current is None or previous is None else current - previous


def change_direction(kpi: str, delta: float | None, variation: str | None = None) -> str | None:
    """'better', 'worse' or 'same' for a change in this KPI; None for no change figure, a neutral KPI, or a
    latest month of common-cause `variation` (within the usual range): a change that size is month-to-month
    noise, so neither the tile nor the headline judges it (statistician's review of issue 19)."""
    if delta is None or KPIS[kpi]["better"] == "neutral" or variation == "common_cause":
        return None
    if delta == 0:
        return "same"
    return "better" if (delta < 0) == is_lower_better(kpi) else "worse"
