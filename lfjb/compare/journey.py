"""The child's journey per board (issue 21, item 4: "the same per board in the comparison"): each board's
median weeks for each stage of care proceedings and the share of first case management hearings held by
day 12, read from its pack's `journey` (lfjb.metrics.journey computes them for the board's pack).

Only boards whose data carries hearing dates have the stages between issue and the final order; every
board has issue to final order. Published (`--publish`), a median over fewer than `--min-cases` cases and a
share that fails lfjb.compare.suppression.percentage_reason are withheld, with the reason in `suppressed`.
"""

from __future__ import annotations

from collections.abc import Sequence

from lfjb.compare.league import board_name, short_name
from lfjb.pack_model import PackModel
from lfjb.vocab import DEFAULT_MIN_CASES

# The stages in journey order (lfjb.metrics.journey's ids); the comparison shows each board's median.
STAGES = ("plo_to_issue", "issue_to_cmh", "cmh_to_irh", "irh_to_final", "issue_to_disposal")
# The stages that need hearing dates: a board has them only when its data gives hearing dates.
HEARING_STAGES = ("issue_to_cmh", "cmh_to_irh", "irh_to_final")


def journey_rows(packs: Sequence[PackModel]) -> dict:
    """{"stages": [{id, label}], "rows": [{slug, short_name, has_hearing_dates, stages: {id: {median_weeks,
    cases}}, cmh_by_day_12: {share, by_day_12, cases} | None}], "with_hearing_dates": [names]} for `packs`
    (in the order given: the league's)."""
    labels: dict[str, str] = {}
    rows = []
    for p in packs:
        journey = p.journey  # None in an older pack
        stages = {}
        for s in journey.stages if journey is not None else ():
            if s.id in STAGES:
                labels.setdefault(s.id, s.short_label or s.label or s.id)
                stages[s.id] = {"median_weeks": s.median_weeks, "cases": s.cases or 0}
        day12 = journey.cmh_by_day_12 if journey is not None else None
        rows.append({
            "slug": p.slug,
            "short_name": short_name(board_name(p.board)),
            "has_hearing_dates": bool(journey is not None and journey.has_hearing_dates)
                                 or any((stages.get(s) or {}).get("median_weeks") is not None for s in HEARING_STAGES),
            "stages": {s: stages.get(s, {"median_weeks": None, "cases": 0}) for s in STAGES},
            "cmh_by_day_12": ({"share": day12.share, "by_day_12": day12.by_day_12, "cases": day12.cases,
                               "day": 12 if day12.day is None else day12.day} if day12 else None),
            "suppressed": {},
        })
    return {
        "stages": [{"id": s, "label": labels.get(s, s)} for s in STAGES],
        "rows": rows,
        "with_hearing_dates": [r["short_name"] for r in rows if r["has_hearing_dates"]],
        "without_hearing_dates": [r["short_name"] for r in rows if not r["has_hearing_dates"]],
    }


def withhold_journey(section: dict, publish: bool, min_cases: int = DEFAULT_MIN_CASES) -> dict:
    """Published: each median over fewer than `min_cases` cases, and each day-12 share that would reveal a
    small count or rests on too few CMHs, set to None with its reason in the row's `suppressed`
    ("<stage>" or "cmh_by_day_12"). Unpublished: unchanged."""
    from lfjb.compare.suppression import average_reason, percentage_reason

    if not publish:
        return section
    for row in section.get("rows") or []:
        for stage, figure in row["stages"].items():
            if figure.get("median_weeks") is not None and (reason := average_reason(figure.get("cases"), min_cases)):
                figure["median_weeks"] = None
                row["suppressed"][stage] = reason
        day12 = row.get("cmh_by_day_12")
        if day12 and day12.get("share") is not None:
            if reason := percentage_reason(day12.get("by_day_12"), day12.get("cases"), min_cases):
                row["cmh_by_day_12"] = {"share": None, "by_day_12": None, "cases": None, "day": day12.get("day", 12)}
                row["suppressed"]["cmh_by_day_12"] = reason
    return section
