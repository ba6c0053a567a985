"""Known-answer tests for the governance health check (lfjb/metrics/governance.py), each check passing and
failing on a hand-made board as at 31 March 2025."""

from __future__ import annotations

from datetime import date

import pytest

from lfjb.inputs.actions import Action
from lfjb.inputs.board import BoardConfig
from lfjb.metrics import governance as g

AT = date(2025, 3, 31)
CHAIR = {"name": "HHJ Alice Example", "organisation": "Family Court", "sector": "judiciary"}
VICE = {"name": "Ben Example", "organisation": "Cafcass", "sector": "cafcass"}
SECRETARIAT = {"name": "Cara Example", "organisation": "HMCTS", "sector": "hmcts"}
MEMBERS = [
    {"name": "Dan Example", "organisation": "Northshire Council", "sector": "local_authority"},
    {"name": "Eve Example", "organisation": "Law Society", "sector": "legal"},
    {"name": "Fay Example", "organisation": "NHS", "sector": "health"},
]
# Everything in order: every check passes.
GOOD = {
    "name": "Tiny Test Local Family Justice Board", "dfj_area": "Worcester",
    "chair": CHAIR, "vice_chair": VICE, "secretariat": SECRETARIAT, "members": MEMBERS,
    "quorum": 4,
    "meetings": [{"date": "2024-06-12", "attendance": 6}, {"date": "2024-09-11", "attendance": 5},
                 {"date": "2024-12-11", "attendance": 4}, {"date": "2025-03-12", "attendance": 5}],
    "statement_of_expectations": "2024-06-01", "terms_reviewed": "2024-09-01",
    "sub_groups": [{"id": "pre", "name": "Pre-proceedings", "lead": "Dan Example", "link_member": "Dan Example"},
                   {"id": "court", "name": "Court progression", "lead": "Cara Example", "link_member": "Cara Example"}],
    "targets": {"mean_weeks": 26, "pct_within_26": 50},
    "inputs": {"actions": "actions.yaml", "extract": "extract.csv"},
}


def _config(**changes) -> BoardConfig:
    return BoardConfig.model_validate(GOOD | changes)


def _action(id_: str, owner: str, status: str = "in_progress") -> Action:
    return Action.model_validate({"id": id_, "title": "An action", "sub_group": "court", "owner": owner,
                                  "raised": date(2024, 1, 10), "due": date(2025, 6, 30), "status": status})


def test_a_board_in_good_order_passes_every_check():
    result = g.governance_checks(_config(), [_action("A1", "Dan Example")], AT)
    assert [c["id"] for c in result["checks"]] == [
        "terms_reviewed", "statement_of_expectations", "chair_and_vice", "hmcts_secretariat", "cross_sector",
        "sub_group_links", "meeting_cadence", "quorum", "actions_owned", "targets_set"]
    assert [c["id"] for c in result["checks"] if not c["passed"]] == []
    assert (result["passed"], result["total"]) == (10, 10) and result["source"] == g.SOURCE


@pytest.mark.parametrize(("reviewed", "passed"), [("2024-03-31", True), ("2024-03-30", False)])
def test_terms_reviewed_within_365_days(reviewed, passed):
    # 31 March 2024 to 31 March 2025 is 365 days (no 29 February between): still within the year.
    check = g.check_terms_reviewed(_config(terms_reviewed=reviewed), AT)
    assert check["passed"] is passed
    if not passed:
        assert check["detail"] == "Last reviewed on 30 March 2024, 12 months ago."  # 366 days // 30


def test_terms_never_reviewed():
    check = g.check_terms_reviewed(_config(terms_reviewed=None), AT)
    # In words a chair reads: no setting's id ("(terms_reviewed)").
    assert not check["passed"] and check["detail"] == "The terms of reference do not record when they were last reviewed."


def test_statement_of_expectations():
    assert g.check_statement_of_expectations(_config(), AT)["detail"] == "Agreed on 1 June 2024."
    assert g.check_statement_of_expectations(_config(statement_of_expectations=True), AT)["passed"]
    assert not g.check_statement_of_expectations(_config(statement_of_expectations=False), AT)["passed"]
    assert not g.check_statement_of_expectations(_config(statement_of_expectations=None), AT)["passed"]


def test_chair_and_vice():
    assert g.check_chair_and_vice(_config(), AT)["detail"] == "Chair: HHJ Alice Example; vice-chair: Ben Example."
    check = g.check_chair_and_vice(_config(vice_chair=None), AT)
    assert not check["passed"] and check["detail"] == "No vice-chair is named."
    assert g.check_chair_and_vice(_config(chair=None, vice_chair=None), AT)["detail"] == "No chair or vice-chair is named."


def test_hmcts_secretariat_by_sector_or_organisation():
    assert g.check_hmcts_secretariat(_config(), AT)["detail"] == "The secretariat is Cara Example, HMCTS."
    by_name = _config(secretariat={"name": "Gil Example", "organisation": "HMCTS Midlands"})
    assert g.check_hmcts_secretariat(by_name, AT)["passed"]
    council = _config(secretariat={"name": "Gil Example", "organisation": "Northshire Council", "sector": "local_authority"})
    assert not g.check_hmcts_secretariat(council, AT)["passed"]
    assert not g.check_hmcts_secretariat(_config(secretariat=None), AT)["passed"]


def test_cross_sector_names_the_missing_sectors():
    check = g.check_cross_sector(_config(members=MEMBERS[:1]), AT)  # no legal or health member
    assert not check["passed"] and check["detail"] == "No member is recorded from: Legal profession, Health."


def test_sub_groups_need_a_lead_and_a_link_member_on_the_board():
    assert g.check_sub_group_links(_config(), AT)["detail"] == "All 2 sub-groups have a lead and a link member from the board."
    # Matched without regard to case or spaces.
    relaxed = GOOD["sub_groups"][:1] + [{"id": "court", "name": "Court progression", "lead": "x", "link_member": " cara EXAMPLE "}]
    assert g.check_sub_group_links(_config(sub_groups=relaxed), AT)["passed"]
    broken = [{"id": "pre", "name": "Pre-proceedings", "link_member": "Zed Nobody"},
              {"id": "court", "name": "Court progression", "lead": "Cara Example"}]
    check = g.check_sub_group_links(_config(sub_groups=broken), AT)
    assert not check["passed"]
    assert check["detail"] == ("Pre-proceedings has no lead; Pre-proceedings's link member Zed Nobody is not listed as a "
                               "board member; Court progression has no link member.")


def test_meeting_cadence_counts_the_last_365_days():
    # A meeting exactly 365 days before is outside the year; one on the day counts.
    meetings = [{"date": "2024-03-31"}, {"date": "2024-06-12"}, {"date": "2024-12-11"}, {"date": "2025-03-31"}]
    check = g.check_meeting_cadence(_config(meetings=meetings), AT)
    assert not check["passed"] and check["detail"] == "3 meetings in the 12 months to 31 March 2025."
    assert g.check_meeting_cadence(_config(meetings=meetings[1:2]), AT)["detail"] == "1 meeting in the 12 months to 31 March 2025."


def test_quorum():
    meetings = [{"date": "2025-01-15", "attendance": 5}, {"date": "2025-02-12", "attendance": 3}, {"date": "2025-03-12"}]
    check = g.check_quorum(_config(meetings=meetings), AT)
    # The March meeting has no attendance and is left out; February's 3 is under the quorum of 4.
    assert not check["passed"] and check["detail"] == "1 of 2 meetings fell below the quorum of 4: 12 Feb 2025."
    assert g.check_quorum(_config(), AT)["detail"] == "All 4 meetings with recorded attendance met the quorum of 4."
    assert g.check_quorum(_config(quorum=None), AT)["detail"] == "The terms of reference set no quorum."
    no_attendance = g.check_quorum(_config(meetings=[{"date": "2025-03-12"}]), AT)
    assert not no_attendance["passed"] and "No attendance is recorded" in no_attendance["detail"]


def test_every_open_action_needs_a_named_owner():
    actions = [_action("A1", "TBC "), _action("A2", "unassigned"), _action("A3", "tbc", status="complete"),
               _action("A4", "Dan Example")]
    check = g.check_actions_owned(_config(), at=AT, actions=actions)
    # A3 is complete, so its placeholder owner does not matter.
    assert not check["passed"] and check["detail"] == "2 open actions with no named owner: A1, A2."
    assert g.check_actions_owned(_config(), AT, actions[3:])["passed"]


def test_targets_for_the_headline_measures():
    check = g.check_targets_set(_config(targets={"pct_within_26": 50}), AT)
    assert not check["passed"] and check["detail"].startswith("No local target for mean_weeks;")
    assert not g.check_targets_set(_config(targets={}), AT)["passed"]
    assert g.check_targets_set(_config(), AT)["passed"]
