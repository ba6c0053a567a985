"""Signals linked to actions: a KPI in trouble with no open action aiming to move it is flagged."""

from __future__ import annotations

from collections.abc import Sequence

from lfjb.inputs.actions import Action
from lfjb.vocab import DIRECTIONAL_KPIS, KPIS


def kpi_signals(tiles: dict[str, dict], actions: Sequence[Action]) -> list[dict]:
    """For each KPI showing special-cause concern, failing its target (red/amber) or failing assurance:
    the open actions linked to it, and whether it has none (`unaddressed`)."""
    signals = []
    for kpi in DIRECTIONAL_KPIS:
        tile = tiles.get(kpi)
        if not tile:
            continue
        reasons = []
        if tile.get("variation") == "special_cause_concern":
            reasons.append("special-cause concern in the SPC chart")
        if tile.get("rag") in ("red", "amber"):
            reasons.append("missing its target")
        if tile.get("assurance") == "fail":
            reasons.append("will not meet its target without change (assurance: fail)")
        if not reasons:
            continue
        linked = [a.id for a in actions if not a.is_done and kpi in a.kpis]
        signals.append({
            "kpi": kpi,
            "label": KPIS[kpi]["label"],
            "reasons": reasons,
            "linked_actions": linked,
            "unaddressed": not linked,
        })
    return signals
