"""Governance health check: the terms of reference against the Good Practice Guide's features of good
LFJB governance (West Yorkshire and Teesside case study: agreed terms of reference and statement of
expectations, cross-sector buy-in from Cafcass and the judiciary, HMCTS secretariat, sub-groups linked
to the board by the chair or vice-chair, data used as the basis for action)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from lfjb.inputs.actions import Action
from lfjb.inputs.board import BoardConfig
from lfjb.vocab import CORE_SECTORS, SECTORS

REVIEW_WITHIN_DAYS = 365  # terms reviewed within the last 12 months
MIN_MEETINGS_A_YEAR = 4  # at least quarterly
PLACEHOLDER_OWNERS = {"tbc", "tba", "tbd", "unknown", "unassigned", "n/a", "none", "?"}
SOURCE = "Good Practice Guide, Edition 3: West Yorkshire and Teesside LFJBs"


def _check(check_id: str, title: str, passed: bool, detail: str) -> dict:
    return {"id": check_id, "title": title, "passed": passed, "detail": detail}


def _people(config: BoardConfig) -> list:
    return [p for p in (config.chair, config.vice_chair, config.secretariat, *config.members) if p is not None]


def check_terms_reviewed(config: BoardConfig, at: date) -> dict:
    """Terms of reference reviewed within the last 12 months."""
    title = "Terms of reference reviewed in the last 12 months"
    if config.terms_reviewed is None:
        return _check("terms_reviewed", title, False, "The terms of reference do not record when they were last reviewed.")
    age = (at - config.terms_reviewed).days
    ok = age <= REVIEW_WITHIN_DAYS
    when = config.terms_reviewed.strftime("%d %B %Y").lstrip("0")
    return _check("terms_reviewed", title, ok, f"Last reviewed on {when}, {age // 30} months ago." if not ok else f"Last reviewed on {when}.")


def check_statement_of_expectations(config: BoardConfig, at: date) -> dict:
    """A statement of expectations is agreed."""
    title = "Statement of expectations agreed"
    soe = config.statement_of_expectations
    if soe is True or isinstance(soe, date):
        detail = f"Agreed on {soe.strftime('%d %B %Y').lstrip('0')}." if isinstance(soe, date) else "The board has agreed a statement of expectations."
        return _check("statement_of_expectations", title, True, detail)
    return _check("statement_of_expectations", title, False, "No statement of expectations is recorded; the Good Practice Guide lists one as a key feature of good governance.")


def check_cross_sector(config: BoardConfig, at: date) -> dict:
    """Members from the judiciary, Cafcass, HMCTS, local authorities, the legal profession and health."""
    present = {p.sector for p in _people(config) if p.sector}
    missing = [SECTORS[s] for s in CORE_SECTORS if s not in present]
    title = "Cross-sector membership"
    if missing:
        return _check("cross_sector", title, False, f"No member is recorded from: {', '.join(missing)}.")
    return _check("cross_sector", title, True, "Judiciary, Cafcass, HMCTS, local authority, legal and health members are all on the board.")


def check_hmcts_secretariat(config: BoardConfig, at: date) -> dict:
    """The secretariat is provided by HMCTS."""
    sec = config.secretariat
    is_hmcts = sec is not None and (sec.sector == "hmcts" or "hmcts" in (sec.organisation or "").lower())
    title = "Secretariat from HMCTS"
    if sec is None:
        return _check("hmcts_secretariat", title, False, "No secretariat is named in the terms of reference.")
    return _check("hmcts_secretariat", title, is_hmcts, f"The secretariat is {sec.name}" + (f", {sec.organisation}." if sec.organisation else "."))


def check_chair_and_vice(config: BoardConfig, at: date) -> dict:
    """A chair and a vice-chair are named."""
    missing = [role for role, p in (("chair", config.chair), ("vice-chair", config.vice_chair)) if p is None]
    title = "Chair and vice-chair in post"
    if missing:
        return _check("chair_and_vice", title, False, f"No {' or '.join(missing)} is named.")
    return _check("chair_and_vice", title, True, f"Chair: {config.chair.name}; vice-chair: {config.vice_chair.name}.")


def check_sub_group_links(config: BoardConfig, at: date) -> dict:
    """Every sub-group has a lead and a link member who sits on the board."""
    board_names = {p.name.strip().lower() for p in _people(config)}
    gaps = []
    for g in config.sub_groups:
        if not g.lead:
            gaps.append(f"{g.name} has no lead")
        if not g.link_member:
            gaps.append(f"{g.name} has no link member")
        elif g.link_member.strip().lower() not in board_names:
            gaps.append(f"{g.name}'s link member {g.link_member} is not listed as a board member")
    title = "Sub-groups led and linked to the board"
    if gaps:
        return _check("sub_group_links", title, False, "; ".join(gaps) + ".")
    return _check("sub_group_links", title, True, f"All {len(config.sub_groups)} sub-groups have a lead and a link member from the board.")


def check_meeting_cadence(config: BoardConfig, at: date) -> dict:
    """At least quarterly meetings in the last 12 months."""
    held = [m for m in config.meetings if at - timedelta(days=365) < m.date <= at]
    ok = len(held) >= MIN_MEETINGS_A_YEAR
    title = "Meets at least quarterly"
    return _check("meeting_cadence", title, ok, f"{len(held)} meeting{'s' if len(held) != 1 else ''} in the 12 months to {at.strftime('%d %B %Y').lstrip('0')}.")


def check_quorum(config: BoardConfig, at: date) -> dict:
    """Meetings in the last 12 months were quorate."""
    title = "Meetings quorate"
    held = [m for m in config.meetings if at - timedelta(days=365) < m.date <= at and m.attendance is not None]
    if config.quorum is None:
        return _check("quorum", title, False, "The terms of reference set no quorum.")
    if not held:
        return _check("quorum", title, False, "No attendance is recorded for meetings in the last 12 months.")
    short = [m for m in held if m.attendance < config.quorum]
    if short:
        dates = ", ".join(m.date.strftime("%d %b %Y").lstrip("0") for m in short)
        return _check("quorum", title, False, f"{len(short)} of {len(held)} meetings fell below the quorum of {config.quorum}: {dates}.")
    return _check("quorum", title, True, f"All {len(held)} meetings with recorded attendance met the quorum of {config.quorum}.")


def check_actions_owned(config: BoardConfig, at: date, actions: Sequence[Action]) -> dict:
    """Every open action has a named owner (not 'TBC')."""
    unowned = [a.id for a in actions if not a.is_done and a.owner.strip().lower() in PLACEHOLDER_OWNERS]
    title = "Every open action has an owner and a due date"
    if unowned:
        return _check("actions_owned", title, False, f"{len(unowned)} open action{'s' if len(unowned) != 1 else ''} with no named owner: {', '.join(unowned)}.")
    return _check("actions_owned", title, True, "Every open action has a named owner and a due date.")


def check_targets_set(config: BoardConfig, at: date) -> dict:
    """The board sets targets for its headline measures (data as the basis for action)."""
    headline = ("mean_weeks", "pct_within_26")
    missing = [k for k in headline if k not in config.targets]
    title = "Targets set for the headline measures"
    if missing:
        return _check("targets_set", title, False, f"No local target for {', '.join(missing)}; this pack uses the 26-week limit for average duration.")
    return _check("targets_set", title, True, "The board has targets for average duration and the share of cases within 26 weeks.")


def governance_checks(config: BoardConfig, actions: Sequence[Action], at: date) -> dict:
    """Every check with passed/failed and a one-sentence reason, and the tally."""
    checks = [
        check_terms_reviewed(config, at),
        check_statement_of_expectations(config, at),
        check_chair_and_vice(config, at),
        check_hmcts_secretariat(config, at),
        check_cross_sector(config, at),
        check_sub_group_links(config, at),
        check_meeting_cadence(config, at),
        check_quorum(config, at),
        check_actions_owned(config, at, actions),
        check_targets_set(config, at),
    ]
    return {"checks": checks, "passed": sum(c["passed"] for c in checks), "total": len(checks), "source": SOURCE}
