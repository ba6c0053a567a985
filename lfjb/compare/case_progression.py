"""Case progression across boards (issue 14), from each pack's `case_tracker`, `pre_proceedings`
and `outcomes`: the share of issued cases that went through pre-proceedings, the diversion rate (for
boards that keep a pre-proceedings log), open cases rated red, and the final orders of disposed cases.

A board whose pack lacks a figure (an older pack, or an extract without the column, or no log) shows
a dash, never 0. Shares only, no counts of cases: and in a published comparison a share is withheld
when its denominator is under `min_cases` or the count behind it is 1 to 5 (MoJ's small numbers).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from lfjb.compare.league import board_name, short_name
from lfjb.compare.suppression import percentage_reason
from lfjb.vocab import DEFAULT_MIN_CASES
from lfjb.vocab import OUTCOMES
from lfjb.pack_model import PackModel

WITHHELD = "withheld"


def _share(part: int | None, whole: int | None, publish: bool, min_cases: int) -> float | str | None:
    """part/whole as a percentage; None without a denominator; WITHHELD when publishing would
    reveal a small number."""
    if part is None or not whole:
        return None
    if publish and percentage_reason(part, whole, min_cases):  # the comparison's one rule for percentages
        return WITHHELD
    return 100.0 * part / whole


def _usable(section: object) -> Mapping | None:
    return section if isinstance(section, Mapping) and not section.get("unavailable") else None


def case_progression_rows(packs: Sequence[PackModel], publish: bool = False, min_cases: int = DEFAULT_MIN_CASES) -> dict:
    """{"rows": one per board (pack order), "outcomes": the outcome ids shown (those any board has),
    "labels"}: shares of pre-proceedings, diversion, red open cases and each final order. Each row
    keeps the (part, whole) counts behind its shares under "counts" until published."""
    rows, seen = [], set()
    for pack in packs:
        tracker = pack.case_tracker  # None in an older pack
        pre = pack.pre_proceedings or {}
        extract, log, outcomes = _usable(pre.get("extract")), _usable(pre.get("log")), _usable(pack.outcomes)
        counts = {
            "pre_proceedings_share": (extract.get("with_pre_proceedings"), extract.get("recorded")) if extract else None,
            "diversion_rate": (log.get("diverted"), log.get("ended")) if log else None,
            "red_share": (tracker.by_rag.red if tracker.by_rag else None, tracker.open) if tracker else None,
            "outcomes": ({o: (outcomes["counts"].get(o), outcomes.get("recorded")) for o in OUTCOMES}
                         if outcomes and outcomes.get("counts") else None),
        }
        if counts["outcomes"]:
            seen |= {o for o, (n, _) in counts["outcomes"].items() if n}
        rows.append({"slug": pack.slug, "name": board_name(pack.board),
                     "short_name": short_name(board_name(pack.board)), "has_log": log is not None,
                     "counts": counts})
    shown = [o for o in OUTCOMES if o in seen]
    section = {"rows": rows, "outcomes": shown, "labels": {o: OUTCOMES[o] for o in shown},
               "any_log": any(r["has_log"] for r in rows)}
    return with_shares(section, publish, min_cases)


def with_shares(section: dict, publish: bool, min_cases: int) -> dict:
    """The section's shares worked out from its counts, as published (`publish`: small numbers
    withheld and the counts dropped) or not."""
    rows = []
    for row in section["rows"]:
        counts = row.get("counts") or {}
        shares = {key: None if counts.get(key) is None else _share(*counts[key], publish, min_cases)
                  for key in ("pre_proceedings_share", "diversion_rate", "red_share")}
        by_outcome = counts.get("outcomes")
        shares["outcome_shares"] = None if by_outcome is None else {o: _share(n, d, publish, min_cases) for o, (n, d) in by_outcome.items()}
        kept = {k: v for k, v in row.items() if not (publish and k == "counts")}
        rows.append({**kept, **shares})
    return {**section, "rows": rows, "publish": publish, "min_cases": min_cases}
