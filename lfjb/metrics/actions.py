"""Action-log measures: open, overdue, due soon, stale, completed since the last meeting (SPEC.md)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from lfjb.inputs.actions import Action
from lfjb.inputs.board import BoardConfig

DUE_SOON_DAYS = 30  # issue 4: "due in the next 30 days"
LONG_OVERDUE_DAYS = 60  # the headline counts actions overdue by more than this
ATTENTION_REASONS = {"overdue": "Overdue", "due_soon": "Due soon", "stale": "No recent update"}


def open_actions(actions: Sequence[Action]) -> list[Action]:
    """Actions not complete or closed."""
    return [a for a in actions if not a.is_done]


def days_overdue(action: Action, at: date) -> int:
    """SPEC.md: days_overdue = D − due (positive when overdue)."""
    return (at - action.due).days


def overdue_actions(actions: Sequence[Action], at: date) -> list[Action]:
    """Open actions due before `at`, most overdue first (then by id)."""
    late = [a for a in actions if a.is_overdue(at)]
    return sorted(late, key=lambda a: (a.due, a.id))


def due_soon_actions(actions: Sequence[Action], at: date, days: int = DUE_SOON_DAYS) -> list[Action]:
    """Open actions due on or after `at` and within the next `days` days, soonest first."""
    end = at + timedelta(days=days)
    return sorted((a for a in actions if not a.is_done and at <= a.due <= end), key=lambda a: (a.due, a.id))


def last_activity(action: Action) -> date:
    """The latest dated update, or the date raised when there is none."""
    return action.last_update or action.raised


def stale_actions(actions: Sequence[Action], at: date, after_days: int) -> list[Action]:
    """Open actions with no update for more than `after_days` days at `at`, longest silent first."""
    stale = [a for a in actions if not a.is_done and (at - last_activity(a)).days > after_days]
    return sorted(stale, key=lambda a: (last_activity(a), a.id))


def previous_meeting(config: BoardConfig, at: date) -> date | None:
    """The latest meeting date in the terms of reference strictly before `at`."""
    return max((m.date for m in config.meetings if m.date < at), default=None)


def next_meeting(config: BoardConfig, at: date) -> date | None:
    """The first meeting date on or after `at`."""
    return min((m.date for m in config.meetings if m.date >= at), default=None)


def completed_since(actions: Sequence[Action], since: date | None, at: date) -> list[Action]:
    """Actions completed after `since` and on or before `at` (by their `completed` date)."""
    if since is None:
        return []
    return sorted(
        (a for a in actions if a.is_done and a.completed and since < a.completed <= at),
        key=lambda a: (a.completed, a.id),
    )


def action_row(action: Action, at: date, sub_group_names: dict[str, str]) -> dict:
    """One action as the pack shows it (the SPEC.md overdue keys plus context)."""
    return {
        "id": action.id,
        "title": action.title,
        "sub_group": action.sub_group,
        "sub_group_name": sub_group_names.get(action.sub_group, action.sub_group),
        "owner": action.owner,
        "raised": action.raised.isoformat(),
        "due": action.due.isoformat(),
        "days_overdue": days_overdue(action, at) if action.is_overdue(at) else 0,
        "status": action.status,
        "completed": action.completed.isoformat() if action.completed else None,
        "theme": action.theme,
        "drivers": list(action.drivers),
        "kpis": list(action.kpis),
        "last_update": last_activity(action).isoformat(),
        "days_since_update": (at - last_activity(action)).days,
        "latest_note": max(action.updates, key=lambda u: u.date).note if action.updates else None,
    }


def done_on(action: Action) -> date | None:
    """When a complete or closed action was done: its `completed` date, else (not recorded) the date
    of its latest update, or the date raised without one, when its status was last touched."""
    if not action.is_done:
        return None
    return action.completed or action.last_update or action.raised


def as_known_at(action: Action, at: date) -> Action | None:
    """The action as the log stood at `at` (SPEC.md "Actions are judged as at date D"): None if raised
    after `at`; updates dated after `at` not yet written; done after `at`, it was still open then
    (shown as in progress)."""
    if action.raised > at:
        return None
    changes: dict = {"updates": [u for u in action.updates if u.date <= at]}
    finished = done_on(action)
    if finished is not None and finished > at:
        changes |= {"status": "in_progress", "completed": None}
    return action.model_copy(update=changes)


def known_at(actions: Sequence[Action], at: date) -> list[Action]:
    """Every action as known at `at`: a pack for a past month sees the log as it stood at that month's
    end, so its figures are what was true then (see `as_known_at`)."""
    return [known for a in actions if (known := as_known_at(a, at)) is not None]


def action_summary(actions: Sequence[Action], config: BoardConfig, at: date) -> dict:
    """Everything the pack says about actions at date `at`, overall and per sub-group."""
    actions = known_at(actions, at)
    names = {g.id: g.name for g in config.sub_groups}
    since = previous_meeting(config, at)
    groups = {
        "open": open_actions(actions),
        "overdue": overdue_actions(actions, at),
        "due_soon": due_soon_actions(actions, at),
        "stale": stale_actions(actions, at, config.stale_after_days),
        "completed_since_meeting": completed_since(actions, since, at),
    }
    by_sub_group = {
        g.id: {"name": g.name, **{k: sum(a.sub_group == g.id for a in v) for k, v in groups.items()}}
        for g in config.sub_groups
    }
    # Why each open action needs the board's attention (the pack lists these in the body and the
    # rest, on track, in an appendix). Overdue first (most overdue first), then by due date.
    reasons = {key: {a.id for a in groups[key]} for key in ("overdue", "due_soon", "stale")}
    open_rows = sorted(
        (action_row(a, at, names) for a in groups["open"]),
        key=lambda r: (-r["days_overdue"], r["due"], r["id"]),
    )
    for row in open_rows:
        row["reasons"] = [word for key, word in ATTENTION_REASONS.items() if row["id"] in reasons[key]]
        row["is_overdue"] = row["id"] in reasons["overdue"]
    return {
        "as_of": at.isoformat(),
        "total": len(actions),
        "open": len(groups["open"]),
        "overdue": [action_row(a, at, names) for a in sorted(groups["overdue"], key=lambda a: (-days_overdue(a, at), a.id))],
        "overdue_over_60": sum(days_overdue(a, at) > LONG_OVERDUE_DAYS for a in groups["overdue"]),
        "due_soon": [action_row(a, at, names) for a in groups["due_soon"]],
        "due_soon_days": DUE_SOON_DAYS,
        "stale": [action_row(a, at, names) for a in groups["stale"]],
        "stale_after_days": config.stale_after_days,
        "previous_meeting": since.isoformat() if since else None,
        "next_meeting": (nm.isoformat() if (nm := next_meeting(config, at)) else None),
        "completed_since_meeting": [action_row(a, at, names) for a in groups["completed_since_meeting"]],
        "by_sub_group": by_sub_group,
        "open_list": open_rows,
        "on_track": [r for r in open_rows if not r["reasons"]],
    }
