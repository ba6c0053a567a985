"""The league table: every board's KPM figures side by side, ranked overall and within its region.

Everything here reads `PackModel`s (built from a board's configuration, or read from the pack JSON file
it sent, lfjb.inputs.packs), so the table is the same whether the comparison is computed from
configurations or from packs.

Boards are ranked on the 12 months to the reporting month, not the month alone: a board disposes of
ten to forty cases a month, so one month's average moves a lot by chance.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from lfjb.compare.periods import months_in
from lfjb.dfj import find_dfj_area
from lfjb.metrics.spc import SpcResult
from lfjb.month import Month
from lfjb.pack_model import BoardInfo, PackModel, TrendRow
from lfjb.vocab import ASSURANCE, BOARD_SUFFIX, BOARD_SUFFIX_SHORT, SPC_TYPES

PROGRAMME_LABELS = {"trailblazer": "Trailblazer", "comparator": "Comparator", None: "Not stated"}
UNKNOWN_REGION = "Region not known"
# Count columns that add up across boards (the "All boards" row is their sum).
COUNT_FIELDS = ("issued", "disposed", "open_end", "open_over_26", "open_over_52", "issued_12m", "disposed_12m")
SPC_KPIS = ("mean_weeks", "pct_within_26")
# Making Data Count's variation and assurance in a few words: lfjb.vocab's, as the board pack's tiles
# say them (one home for the words; the neutral high/low types of the counts included).
SPC_TYPE_LABELS = {kind: words["short"] for kind, words in SPC_TYPES.items()} | {None: "Not enough data"}
ASSURANCE_LABELS = {kind: words["short"] for kind, words in ASSURANCE.items()} | {None: "No target"}
SPC_CHART_LABELS = {"xmr": "XmR", "pprime": "Laney p′"}


_BOARD_SUFFIX = re.compile(rf"\s+({re.escape(BOARD_SUFFIX)}|{BOARD_SUFFIX_SHORT})$", re.IGNORECASE)


def short_name(name: str) -> str:
    """'Worcester Local Family Justice Board' -> 'Worcester' (for narrow columns and chart panels)."""
    return _BOARD_SUFFIX.sub("", name).strip() or name


def board_name(board: BoardInfo) -> str:
    """The board's name as its pack gives it, else its slug."""
    return board.name or board.slug


def region_of(board: BoardInfo) -> str:
    """The board's region: from its pack, else from its DFJ area (lfjb.dfj), else 'Region not known'."""
    if board.region:
        return board.region
    area = find_dfj_area(board.dfj_area or "")
    return area.region if area else UNKNOWN_REGION


def within_count(pct: float | None, cases: int | None) -> int | None:
    """Cases within 26 weeks from a percentage and its base (exact: the pack's pct is k / n * 100)."""
    if pct is None or not cases:
        return None if pct is None else 0
    return int(round(pct * cases / 100.0))


def pooled(rows: Sequence[dict], kpi: str, weight: str = "disposed") -> tuple[float | None, int]:
    """The average of `kpi` over the rows' cases (each row weighted by its `weight` count) and the cases."""
    total = sum(r.get(weight) or 0 for r in rows if r.get(kpi) is not None)
    if not total:
        return None, 0
    return sum(r[kpi] * r[weight] for r in rows if r.get(kpi) is not None and r.get(weight)) / total, total


def trend_rows(pack: PackModel, first: Month, last: Month) -> list[TrendRow] | None:
    """The pack's trend rows for `first`..`last`, or None when the trend does not cover them all."""
    by_month = {row.month: row for row in pack.trend}
    months = months_in(first, last)
    if not all(m in by_month for m in months):
        return None
    return [by_month[m] for m in months]


def period_from_trend(pack: PackModel, first: Month, last: Month) -> dict | None:
    """Disposed cases, mean weeks, % within 26 and mean hearings over `first`..`last` from the pack's
    monthly trend (month figures weighted by cases disposed); None when the trend does not cover it.

    Exact for mean weeks and % within 26; mean hearings is weighted by all cases disposed, so it is
    approximate when some cases have no hearing count recorded.
    """
    rows = trend_rows(pack, first, last)
    if rows is None:
        return None
    out: dict = {"disposed": sum(r.disposed or 0 for r in rows)}
    for kpi in ("mean_weeks", "pct_within_26", "mean_hearings"):
        out[kpi] = pooled(rows, kpi)[0]
    return out


def spc_signal(spc: SpcResult | None) -> dict:
    """The latest SPC point's type and the assurance against target, with plain labels."""
    latest = spc.points[-1] if spc is not None and spc.points else None
    kind = latest.type if latest else None
    assurance = spc.assurance if spc is not None else None
    return {
        "type": kind,
        "month": str(latest.month) if latest else None,
        "label": SPC_TYPE_LABELS.get(kind, str(kind)),
        "assurance": assurance,
        "assurance_label": ASSURANCE_LABELS.get(assurance, str(assurance)),
        "provisional": bool(spc is not None and spc.provisional),
        # The chart the board's pack drew: XmR, or Laney p′ where the board chose it for a percentage.
        "chart": (spc.chart if spc is not None else None) or "xmr",
    }


def _dfj_note(board: BoardInfo) -> str | None:
    """'Liverpool DFJ' for a board whose name does not already say its DFJ area (for the league table)."""
    area = board.dfj_area
    if not area or area.lower() in (board.name or "").lower():
        return None
    return f"{area} DFJ"


def _change(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


def board_row(pack: PackModel) -> dict:
    """One board's row of the league table, from its pack (numbers unrounded)."""
    board, kpis, r12 = pack.board, pack.kpis, pack.rolling_12
    month = pack.month
    year_ago_row = (trend_rows(pack, month.shift(-12), month.shift(-12)) or [None])[0]
    year_ago = {} if year_ago_row is None else {k: getattr(year_ago_row, k) for k in ("disposed", "mean_weeks", "pct_within_26")}
    prev12 = period_from_trend(pack, month.shift(-23), month.shift(-12)) or {}
    programme = board.programme
    row = {
        "slug": board.slug,
        "name": board_name(board),
        "short_name": short_name(board_name(board)),
        "dfj_area": board.dfj_area,
        "dfj_note": _dfj_note(board),
        "region": region_of(board),
        "programme": programme,
        "programme_label": PROGRAMME_LABELS.get(programme, str(programme)),
        "protective_marking": board.protective_marking,
        # The 12 months ending M (ranking figures)
        "period_12m": {"start": str(r12.start) if r12.start else None, "end": str(r12.end) if r12.end else None},
        "issued_12m": r12.issued,
        "disposed_12m": r12.disposed,
        "mean_weeks_12m": r12.mean_weeks,
        "median_weeks_12m": r12.median_weeks,
        "pct_within_26_12m": r12.pct_within_26,
        "within_26_12m": within_count(r12.pct_within_26, r12.disposed),
        "mean_hearings_12m": r12.mean_hearings,
        # The 12 months a year earlier (from the trend) and the change since
        "disposed_12m_prev": prev12.get("disposed"),
        "mean_weeks_12m_prev": prev12.get("mean_weeks"),
        "pct_within_26_12m_prev": prev12.get("pct_within_26"),
        "change_mean_weeks_12m": _change(r12.mean_weeks, prev12.get("mean_weeks")),
        "change_pct_within_26_12m": _change(r12.pct_within_26, prev12.get("pct_within_26")),
        # The month M
        "issued": kpis.issued,
        "disposed": kpis.disposed,
        "mean_weeks": kpis.mean_weeks,
        "median_weeks": kpis.median_weeks,
        "pct_within_26": kpis.pct_within_26,
        "within_26": within_count(kpis.pct_within_26, kpis.disposed),
        "open_end": kpis.open_end,
        "open_over_26": kpis.open_over_26,
        "open_over_52": kpis.open_over_52,
        # The same month a year earlier and the change since
        "disposed_year_ago": year_ago.get("disposed"),
        "mean_weeks_year_ago": year_ago.get("mean_weeks"),
        "pct_within_26_year_ago": year_ago.get("pct_within_26"),
        "change_mean_weeks": _change(kpis.mean_weeks, year_ago.get("mean_weeks")),
        "change_pct_within_26": _change(kpis.pct_within_26, year_ago.get("pct_within_26")),
        "spc": {kpi: spc_signal(pack.spc.get(kpi)) for kpi in SPC_KPIS},
    }
    return row


def rank_key(row: dict) -> tuple:
    """Shortest 12-month average duration first; ties by the higher % within 26 weeks."""
    pct = row.get("pct_within_26_12m")
    return (row["mean_weeks_12m"], -(pct if pct is not None else -1), row["name"])


def ranks(rows: Sequence[Mapping]) -> list[tuple[Mapping, dict]]:
    """Each row (a dict or a lfjb.compare.model_types.BoardRow) with its rank / rank_of (all boards) and
    region_rank / region_of, sorted by rank, unranked last; rows without a 12-month average are not
    ranked (None)."""
    ranked = sorted((r for r in rows if r.get("mean_weeks_12m") is not None), key=rank_key)
    by_region: dict[str, list[Mapping]] = defaultdict(list)
    for row in ranked:
        by_region[row["region"]].append(row)
    out = [(row, {"rank": i, "rank_of": len(ranked), "region_rank": by_region[row["region"]].index(row) + 1,
                  "region_of": len(by_region[row["region"]])}) for i, row in enumerate(ranked, start=1)]
    unranked = sorted((r for r in rows if r.get("mean_weeks_12m") is None), key=lambda r: r["name"])
    out += [(row, {"rank": None, "rank_of": len(ranked), "region_rank": None,
                   "region_of": len(by_region.get(row["region"], []))}) for row in unranked]
    return out


def add_ranks(rows: list[dict]) -> list[dict]:
    """Set rank / rank_of (all boards) and region_rank / region_of on each row dict (see `ranks`).
    Returns the rows sorted by rank, unranked last."""
    out = []
    for row, fields in ranks(rows):
        row.update(fields)
        out.append(row)
    return out


def all_boards_row(rows: Sequence[dict]) -> dict:
    """Counts summed over the boards and averages pooled over their cases (medians cannot be pooled)."""
    total: dict = {"slug": "all", "name": "All boards compared", "short_name": "All boards"}
    for field in COUNT_FIELDS:
        values = [r.get(field) for r in rows]
        total[field] = sum(v for v in values if v is not None) if any(v is not None for v in values) else None
    total["mean_weeks_12m"] = pooled(rows, "mean_weeks_12m", "disposed_12m")[0]
    total["pct_within_26_12m"] = pooled(rows, "pct_within_26_12m", "disposed_12m")[0]
    total["within_26_12m"] = sum(r.get("within_26_12m") or 0 for r in rows)
    total["mean_weeks"] = pooled(rows, "mean_weeks", "disposed")[0]
    total["pct_within_26"] = pooled(rows, "pct_within_26", "disposed")[0]
    total["median_weeks_12m"] = total["median_weeks"] = None
    return total


def trend_points(pack: PackModel) -> list[dict]:
    """The board's monthly mean weeks and % within 26 weeks with cases disposed (the small multiples)."""
    return [
        {"month": str(r.month), "disposed": r.disposed, "mean_weeks": r.mean_weeks, "pct_within_26": r.pct_within_26}
        for r in pack.trend
    ]


def league_table(packs: Sequence[PackModel]) -> tuple[list[dict], dict]:
    """(board rows ranked on the 12-month average duration, the all-boards row)."""
    rows = add_ranks([board_row(p) for p in packs])
    return rows, all_boards_row(rows)


def region_order() -> list[str]:
    """The regions in the order of lfjb's DFJ reference data (London first), then 'Region not known'."""
    from lfjb.dfj import dfj_areas

    seen: list[str] = []
    for area in dfj_areas():
        if area.region not in seen:
            seen.append(area.region)
    return [*seen, UNKNOWN_REGION]


def region_rows(rows: Sequence[dict]) -> list[dict]:
    """A sub-total row per region, in region order: counts summed and averages pooled over its boards
    (like the all-boards row), with the boards it covers."""
    order = region_order()
    by_region: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_region[row["region"]].append(row)
    out = []
    for region in sorted(by_region, key=lambda r: order.index(r) if r in order else len(order)):
        members = by_region[region]
        total = all_boards_row(members)
        total.update(slug=f"region:{region}", name=f"{region}: {len(members)} board{'s' if len(members) != 1 else ''}",
                     short_name=region, region=region, boards=[m["slug"] for m in members])
        out.append(total)
    return out
