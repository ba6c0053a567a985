"""Delay drivers across boards: which are cited most, and whether each board acts on its own top driver.

From each pack's `drivers.cases` (cases disposed in the 12 months to M citing each driver, SPEC.md)
and its open actions tagged with each driver (`drivers.open_actions`, else the sum of `drivers.matrix`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from lfjb.compare.league import board_name, short_name
from lfjb.compare.model_types import Drivers
from lfjb.pack_model import DriverSummary, FrozenMap, PackModel
from lfjb.vocab import DEFAULT_MIN_CASES, DRIVERS

# The PDF's drivers table has a row per board and a column for each of this many drivers, the most
# cited across all boards first (ten columns of long driver names beside 43 boards' figures do not fit
# a page); the HTML and the JSON keep every driver.
DRIVER_COLUMNS_IN_PRINT = 6


def open_actions_on(drivers: DriverSummary, driver: str) -> int:
    """Open actions the board has tagged with `driver`."""
    if drivers.open_actions is not None and driver in drivers.open_actions:
        return int(drivers.open_actions[driver])
    return int(sum(((drivers.matrix or {}).get(driver) or {}).values()))


def top_driver(cases: dict[str, int]) -> list[str]:
    """The driver(s) cited on most cases (all of them when tied); [] when no case cites one."""
    most = max(cases.values(), default=0)
    return [d for d in DRIVERS if cases.get(d, 0) == most] if most > 0 else []


def cases_citing(pack: PackModel) -> dict[str, int] | None:
    """A pack's cases citing each driver, or None when its extract records no drivers (the pack's
    `drivers.cases` is then null with a reason, never 0)."""
    drivers = pack.drivers
    cases = drivers.cases or {}
    if drivers.cases_unavailable or not any(v is not None for v in cases.values()):
        return None
    return {d: int(cases.get(d) or 0) for d in DRIVERS}


def driver_rows(packs: Sequence[PackModel]) -> list[dict]:
    """One row per driver, most cited first: cases citing it in each board (None where the board's
    extract records no drivers) and in all, boards citing it."""
    rows = []
    citing = {p.slug: cases_citing(p) for p in packs}
    for driver, label in DRIVERS.items():
        by_board = {slug: None if cases is None else cases[driver] for slug, cases in citing.items()}
        known = [v for v in by_board.values() if v is not None]
        rows.append({
            "driver": driver,
            "label": label,
            "by_board": by_board,
            "total": sum(known),
            "boards_citing": sum(1 for v in known if v > 0),
            "boards_top": sum(1 for cases in citing.values() if cases is not None and driver in top_driver(cases)),
        })
    order = list(DRIVERS)
    return sorted(rows, key=lambda r: (-r["total"], order.index(r["driver"])))


def top_driver_rows(packs: Sequence[PackModel]) -> list[dict]:
    """Each board's top driver, the cases and share citing it, and its open actions on it."""
    rows = []
    for p in packs:
        drivers = p.drivers
        cases = cases_citing(p)
        top = top_driver(cases) if cases is not None else []
        # The cases disposed of in the drivers' window; an older pack without it: the rolling 12 months'.
        window = drivers.window
        base = window.cases_disposed if window is not None and window.cases_disposed is not None else p.rolling_12.disposed
        entries = [{
            "driver": d,
            "label": DRIVERS[d],
            "cases": int(cases[d]),
            "share": 100.0 * cases[d] / base if base else None,
            "open_actions": open_actions_on(drivers, d),
        } for d in top]
        rows.append({
            "slug": p.slug,
            "name": board_name(p.board),
            "short_name": short_name(board_name(p.board)),
            "cases_disposed": base,
            "top": entries,
            "has_open_action": any(e["open_actions"] > 0 for e in entries) if entries else None,
            "drivers_recorded": cases is not None,
        })
    return rows


def driver_summary(packs: Sequence[PackModel]) -> dict:
    """The comparison's drivers section: rows by driver, each board's top driver, boards not acting on it."""
    rows = driver_rows(packs)
    tops = top_driver_rows(packs)
    return {
        "rows": rows,
        "columns_in_print": DRIVER_COLUMNS_IN_PRINT,
        "not_in_print": [r["label"] for r in rows[DRIVER_COLUMNS_IN_PRINT:]],
        "boards": [p.slug for p in packs],
        "top_by_board": tops,
        "no_open_action_on_top_driver": [t["slug"] for t in tops if t["has_open_action"] is False],
        "no_open_action_names": [t["short_name"] for t in tops if t["has_open_action"] is False],
        "not_recorded_names": [t["short_name"] for t in tops if not t["drivers_recorded"]],
        "window": {"months": 12, "end": str(packs[0].month) if packs else None},
    }


def add_driver_shares(section: Drivers, publish: bool = False, min_cases: int = DEFAULT_MIN_CASES) -> Drivers:
    """A new `section` (lfjb.compare.model_types.Drivers) with each driver's cases as a share of each
    board's cases disposed of in the 12 months (issue 22: raw counts across boards of 165 to 592 cases
    mislead), and of all boards' cases together.

    Per driver row: `share_by_board` {slug: % or None}, `share_total` and `base_total` (cases disposed
    of in the boards that record drivers); per board (`top_by_board`) the base is `cases_disposed`.
    Published (`publish`), a share is withheld where its count is, where the board's base is, and where
    lfjb.compare.suppression.percentage_reason says so; why is in the row's `share_suppressed`.
    """
    from lfjb.compare.suppression import DERIVED, percentage_reason

    tops = section.top_by_board
    bases = {t.slug: t.cases_disposed for t in tops}
    base_hidden = {t.slug for t in tops if "cases_disposed" in (t.suppressed or {})}
    recording = [t.slug for t in tops if t.drivers_recorded]
    base_total = sum(bases[s] or 0 for s in recording) if not base_hidden & set(recording) else None
    rows = []
    for row in section.rows:
        shares, hidden = {}, {}
        for slug, count in row.by_board.items():
            base = bases.get(slug)
            reason = None
            if slug in (row.suppressed or {}) or slug in base_hidden:
                reason = DERIVED
            elif publish and count is not None and base:
                reason = percentage_reason(count, base, min_cases)
            if reason:
                shares[slug], hidden[slug] = None, reason
            else:
                shares[slug] = 100.0 * count / base if count is not None and base else None
        total = row.total
        rows.append(replace(row, share_by_board=FrozenMap(shares), share_suppressed=FrozenMap(hidden),
                            share_total=100.0 * total / base_total if total is not None and base_total else None))
    return replace(section, rows=tuple(rows), base_total=base_total)
