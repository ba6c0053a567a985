"""Each board's own extract beside FCSQ's public law counts for its DFJ area, quarter by quarter.

The board side is summed from the pack's monthly trend (`issued`, `disposed`), so it works the same
whether the comparison is computed from configurations or from pack files. The FCSQ side is the DFJ
file's "Public Law" cases started (`Start`) and closed (`End`). FCSQ's public law covers more than care
and supervision applications (emergency protection, secure accommodation, ...) and counts a case where
the court records it, so some difference is expected; a difference of more than RECONCILE_THRESHOLD_PCT
of the FCSQ figure is flagged for a closer look.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

import pandas as pd

from lfjb.compare.fcsq import (
    NATIONAL_LABEL,
    STAGE_END,
    STAGE_START,
    _total,
    marked_quarters,
    missing_latest_quarter,
    national_or_areas,
    quarter_label,
    quarter_short_label,
    reference_quarters,
)
from lfjb.compare.league import board_name, short_name
from lfjb.dfj import find_dfj_area
from lfjb.month import Month
from lfjb.pack_model import PackModel

# A difference above this share of the FCSQ figure is flagged (issue "Real data in").
RECONCILE_THRESHOLD_PCT = 10.0
NOTE = (
    "FCSQ's 'Public Law' counts every public law case the court started or closed in the DFJ area: care and "
    "supervision, but also emergency protection, secure accommodation and other public law applications. A "
    "board's extract holds care and supervision applications only, and may date or place a case differently, "
    f"so some difference is expected. Differences of more than {RECONCILE_THRESHOLD_PCT:.0f}% of the FCSQ "
    "figure are flagged for a closer look, not as errors."
)


def _board_quarter(pack: PackModel, year: int, quarter: int) -> dict:
    """The board's issued and disposed over the quarter's three months, from its monthly trend; None
    (with a reason) when the trend does not hold all three months."""
    by_month = {row.month: row for row in pack.trend}
    months = [Month(year, quarter * 3 - 2 + i) for i in range(3)]
    if not all(m in by_month for m in months):
        return {"issued": None, "disposed": None, "reason": "the board's figures do not cover the whole quarter"}
    return {"issued": sum(by_month[m].issued or 0 for m in months),
            "disposed": sum(by_month[m].disposed or 0 for m in months), "reason": None}


def _value(rows: pd.DataFrame, stage: str, column: str = "cases") -> float | None:
    subset = rows[rows["stage"] == stage][column]
    if not len(subset) or any(v is None or pd.isna(v) for v in subset):
        return None
    return float(subset.sum())


def _status(rows: pd.DataFrame) -> str | None:
    """'provisional' when any of the rows is, else 'revised' when any is, else None (final)."""
    found = set(rows["status"]) if "status" in rows.columns else set()
    return "provisional" if "provisional" in found else "revised" if "revised" in found else None


def _marked_note(marked: dict) -> str:
    """Words for the quarters MoJ marks provisional or revised: used, and said to be."""
    parts = []
    if marked["provisional_quarters"]:
        parts.append(f" FCSQ's figures for {' and '.join(marked['provisional_quarters'])} are provisional (p): used, but MoJ "
                     "may revise them in its next release.")
    if marked["revised_quarters"]:
        parts.append(f" FCSQ's figures for {' and '.join(marked['revised_quarters'])} are revised (r) since MoJ first "
                     "published them.")
    return "".join(parts)


def compare_counts(board: float | None, fcsq: float | None) -> dict:
    """The difference board − FCSQ, as a count and as % of FCSQ, and whether it is over the threshold."""
    if board is None or fcsq is None:
        return {"difference": None, "difference_pct": None, "is_flagged": False}
    diff = board - fcsq
    pct = diff / fcsq * 100.0 if fcsq else None
    flagged = abs(pct) > RECONCILE_THRESHOLD_PCT if pct is not None else diff != 0
    return {"difference": diff, "difference_pct": pct, "is_flagged": flagged}


def _count(x: float | None) -> str:
    return "not available" if x is None else f"{x:,.0f}"


def _sentence(names: str, when: str, q: dict) -> str:
    """'Extract for Wolverhampton: 59 applications issued and 60 disposed of in January–March 2025; FCSQ: 59
    public law cases started and 62 closed.'"""
    if q["board_reason"]:
        board = f"Extract for {names}: not available for {when} ({q['board_reason']})"
    else:
        plural = "s" if q["board_issued"] != 1 else ""
        board = (f"Extract for {names}: {_count(q['board_issued'])} application{plural} issued and "
                 f"{_count(q['board_disposed'])} disposed of in {when}")
    return f"{board}; FCSQ: {_count(q['fcsq_started'])} public law cases started and {_count(q['fcsq_ended'])} closed."


def _context_rows(rows: pd.DataFrame, quarters: Sequence[tuple[int, int]], level: str, name: str) -> dict:
    """FCSQ's cases started and closed per quarter for a region or England and Wales; a sum missing
    figures MoJ marked is kept as a floor, with `incomplete` counting what it lacks."""
    by_quarter = []
    for year, quarter in quarters:
        qrows = rows[(rows["year"] == year) & (rows["quarter"] == quarter)]
        started, missing_start = _total(qrows[qrows["stage"] == STAGE_START]["cases"])
        ended, missing_end = _total(qrows[qrows["stage"] == STAGE_END]["cases"])
        by_quarter.append({"quarter": f"{year} Q{quarter}", "fcsq_started": started, "fcsq_ended": ended,
                           "incomplete": {k: n for k, n in (("fcsq_started", missing_start), ("fcsq_ended", missing_end)) if n}})
    return {"level": level, "name": name, "quarters": by_quarter}


def reconciliation(packs: Sequence[PackModel], frame: pd.DataFrame, month: Month, source: str,
                   extra_aliases: Mapping[str, str] | None = None) -> dict:
    """Per board DFJ area and quarter: the boards' issued and disposed against FCSQ's public law cases
    started and closed, differences over the threshold flagged; the regions and England and Wales as context."""
    quarters = reference_quarters(frame, month)
    if not quarters:
        return {"available": False, "reason": f"The FCSQ file has no quarter ending by {month.label}.", "areas": []}
    boards_by_area: dict[str, list[PackModel]] = defaultdict(list)
    unplaced = []
    for pack in packs:
        area = find_dfj_area(pack.board.dfj_area or "", extra_aliases)
        if area is None:
            unplaced.append(short_name(board_name(pack.board)))
        else:
            boards_by_area[area.name].append(pack)
    areas_out, regions = [], set()
    dfj_rows = frame[frame["area"].notna()]
    for area_name in sorted(boards_by_area):
        members = boards_by_area[area_name]
        area = find_dfj_area(area_name)
        regions.add(area.region)  # type: ignore[union-attr]
        names = " and ".join(short_name(board_name(p.board)) for p in members)
        rows = dfj_rows[dfj_rows["area"] == area_name]
        out_quarters = []
        for year, quarter in quarters:
            qrows = rows[(rows["year"] == year) & (rows["quarter"] == quarter)]
            sides = [_board_quarter(p, year, quarter) for p in members]
            reason = next((s["reason"] for s in sides if s["reason"]), None)
            q = {
                "quarter": f"{year} Q{quarter}",
                "label": quarter_label(year, quarter),
                "short_label": quarter_short_label(year, quarter),
                "board_issued": None if reason else sum(s["issued"] for s in sides),
                "board_disposed": None if reason else sum(s["disposed"] for s in sides),
                "fcsq_started": _value(qrows, STAGE_START),
                "fcsq_ended": _value(qrows, STAGE_END),
                "fcsq_orders_applied": _value(qrows, STAGE_START, "orders"),
                "fcsq_orders_made": _value(qrows, STAGE_END, "orders"),
                "board_reason": reason,
                "fcsq_status": _status(qrows),
            }
            q["issued"] = compare_counts(q["board_issued"], q["fcsq_started"])
            q["disposed"] = compare_counts(q["board_disposed"], q["fcsq_ended"])
            q["is_flagged"] = q["issued"]["is_flagged"] or q["disposed"]["is_flagged"]
            q["sentence"] = _sentence(names, q["label"], q)
            out_quarters.append(q)
        areas_out.append({
            "dfj_area": area_name,
            "name": f"{area_name} DFJ",
            "region": area.region,  # type: ignore[union-attr]
            "fcsq_names": sorted(rows["dfj"].unique()),
            "boards": [p.slug for p in members],
            "board_names": names,
            "in_file": bool(len(rows)),
            "quarters": out_quarters,
            "flags": sum(1 for q in out_quarters if q["is_flagged"]),
        })
    context = [_context_rows(dfj_rows[dfj_rows["area"].map(lambda a: find_dfj_area(a).region == region)],  # type: ignore[union-attr]
                             quarters, "region", region) for region in sorted(regions)]
    national, _ = national_or_areas(frame, quarters)
    context.append(_context_rows(national, quarters, "national", NATIONAL_LABEL))
    in_period = frame[[(int(y), int(q)) in quarters for y, q in zip(frame["year"], frame["quarter"], strict=True)]]
    marked = marked_quarters(in_period)
    latest = missing_latest_quarter(quarters, month)
    return {
        "available": True,
        "source": source,
        "quarters": [f"{y} Q{q}" for y, q in quarters],
        "quarter_labels": [quarter_label(y, q) for y, q in quarters],
        "threshold_pct": RECONCILE_THRESHOLD_PCT,
        "areas": areas_out,
        "context": context,
        "flagged": sum(a["flags"] for a in areas_out),
        "not_placed": unplaced,
        **marked,
        **latest,
        "note": NOTE + _marked_note(marked) + (" " + latest["latest_missing_note"] if latest["latest_missing"] else ""),
    }
