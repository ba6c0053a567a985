"""Headlines: a short ordered list of plain-English findings, computed once so the PDF, the HTML and
the JSON say the same thing (issue 4, item 10)."""

from __future__ import annotations

from collections import Counter

from lfjb.formatting import change_size, kpi_value_unit, percent
from lfjb.metrics.actions import LONG_OVERDUE_DAYS
from lfjb.month import Month

# A KPI headline's tag is its tile's colour (issue 22), so the summary and the tile never disagree:
# a month's change inside the usual range is not a signal, and an unusual one is said in words.
TILE_TONES = {"green": "good", "amber": "warn", "red": "bad"}
# The summary's order (issue 19): "Needs action", then "Watch", then the rest, each kept in reading order.
TONE_ORDER = {"bad": 0, "warn": 1}


def _change_words(delta: float | None, unit: str, against: str, direction: str | None) -> str:
    """'up 3.0 weeks on February 2025 (worse)': the change as the tile shows it, with its direction when judged."""
    if delta is None:
        return ""
    size, suffix = change_size(delta, unit)  # rounded as the tiles round it
    if float(size.replace(",", "")) == 0:
        return f"unchanged on {against}"
    judged = f" ({direction})" if direction in ("better", "worse") else ""
    return f"{'up' if delta > 0 else 'down'} {size}{suffix} on {against}{judged}"


def _kpi_headline(tile: dict, month: Month) -> dict | None:
    value = tile["value"]
    if value is None:
        return None
    unit = tile["unit"]
    # The words follow the tile: its status against the target first, then its changes with their
    # direction, so a measure on target but worse than last month never reads as plain good news.
    parts = []
    if tile["target"] is not None:
        parts.append(f"{tile['rag_words'].lower()} (target {kpi_value_unit(tile['target'], unit, whole=True)})")
    # A latest month within the usual range (common cause) has no direction on its tile (targets.change_direction):
    # its change is said but not judged better or worse, as the tile says it.
    parts += [_change_words(tile["change_month"], unit, month.shift(-1).label, tile.get("change_month_direction")),
              _change_words(tile["change_year"], unit, month.shift(-12).label, tile.get("change_year_direction"))]
    details = "; ".join(p for p in parts if p)
    text = f"{tile['label']}: {kpi_value_unit(value, unit)} in {month.label}" + (f", {details}" if details else "") + "."
    if tile.get("spc_summary") and tile.get("variation") not in (None, "common_cause"):
        text += f" {tile['spc_summary']}"  # with the step at a restart, when there is one
    elif tile.get("spc_steps"):
        text += f" {tile['spc_steps']}"  # the restart's step: the chart's main story may be there
    if tile["rag"] in TILE_TONES:
        tone = TILE_TONES[tile["rag"]]
    else:  # no target: the tile is grey; an unusual change for the worse still needs action
        tone = "bad" if tile.get("variation") == "special_cause_concern" else "neutral"
    return {"text": text, "tone": tone, "section": "kpis", "kpi": tile["id"]}


def _tracker_headline(tracker: dict | None, month: Month) -> dict | None:
    """The case tracker's red and amber counts at the end of the month, in the section's own words."""
    if not tracker or not tracker.get("open"):
        return None
    red, amber = tracker["by_rag"]["red"], tracker["by_rag"]["amber"]
    if tracker.get("fcmh_judged") and tracker["red_fcmh_only"]:
        why = (f"{tracker['red_past_26_weeks']} past 26 weeks, {tracker['red_fcmh_only']} younger but with "
               f"{tracker['rules']['red_fcmh']} or more further case management hearings")
    else:  # every red case is red for its age
        why = "all past 26 weeks" if red > 1 else "past 26 weeks"
    text = (f"Case progression: {red} of the {tracker['open']} cases open at the end of {month.label} "
            f"{'are' if red != 1 else 'is'} red ({why}) and {amber} amber.") if red else (
            f"Case progression: none of the {tracker['open']} cases open at the end of {month.label} is red; {amber} amber.")
    if tracker.get("hearing_counts_at_date") is False:  # a past month (issue 19): say the rule changed
        text = text[:-1] + ", rated on age alone: the extract's hearing counts are from a later date."
    return {"text": text, "tone": "warn" if red else "good", "section": "case_progression"}


def in_order_of_importance(found: list[dict]) -> list[dict]:
    """The headlines with "Needs action" first, then "Watch", then the rest; reading order within each."""
    return sorted(found, key=lambda h: TONE_ORDER.get(h["tone"], len(TONE_ORDER)))


def headlines(month: Month, tiles: dict[str, dict], actions: dict, drivers: dict, signals: list[dict], data_quality: dict,
              tracker: dict | None = None) -> list[dict]:
    """Findings in order of importance (`in_order_of_importance`); within a tag, in reading order:
    duration, timeliness, backlog, open cases at risk (the case tracker), actions, drivers, unaddressed
    signals, data."""
    found = [h for k in ("mean_weeks", "pct_within_26", "open_over_52") if (h := _kpi_headline(tiles[k], month))]
    if (h := _tracker_headline(tracker, month)):
        found.append(h)

    overdue = actions["overdue"]
    if overdue:
        counts = Counter(a["sub_group_name"] for a in overdue)
        top = max(counts.values())
        leaders = [name for name, n in counts.items() if n == top]
        text = f"{len(overdue)} action{'s are' if len(overdue) != 1 else ' is'} overdue"
        if actions["overdue_over_60"]:
            text += f", {actions['overdue_over_60']} by more than {LONG_OVERDUE_DAYS} days"
        if len(leaders) == 1:
            text += f"; the most ({top}) in {leaders[0]}."
        else:
            text += f"; the most in {', '.join(leaders[:-1])} and {leaders[-1]} ({top} each)."
        found.append({"text": text, "tone": "bad", "section": "actions"})
    else:
        found.append({"text": f"No actions are overdue ({actions['open']} open).", "tone": "good", "section": "actions"})
    if actions["stale"]:
        n = len(actions["stale"])
        found.append({"text": f"{n} open action{'s have' if n != 1 else ' has'} had no update for more than {actions['stale_after_days']} days.", "tone": "warn", "section": "actions"})

    for gap in drivers["gaps"][:2]:
        found.append({
            "text": f"{gap['label']} is cited on {percent(gap['share'])} of cases disposed in the last 12 months, but no open action addresses it.",
            "tone": "bad", "section": "drivers", "driver": gap["driver"],
        })

    unaddressed = [s for s in signals if s["unaddressed"]]
    if unaddressed:
        names = ", ".join(s["label"].lower() for s in unaddressed[:3])
        found.append({"text": f"No open action aims to move {names}, though {'they show' if len(unaddressed) > 1 else 'it shows'} a warning sign.", "tone": "warn", "section": "signals"})

    for warning in data_quality.get("warnings", []):
        found.append({"text": warning, "tone": "warn", "section": "data_quality"})
    if data_quality["rows_rejected"]:
        n = data_quality["rows_rejected"]
        found.append({"text": f"{n} row{'s' if n != 1 else ''} of the data extract {'were' if n != 1 else 'was'} set aside and not counted (see Data quality).", "tone": "warn", "section": "data_quality"})
    return in_order_of_importance(found)
