"""Actions judged as at a date (SPEC.md "Actions are judged as at date D"), with known answers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from lfjb.inputs import load_board
from lfjb.inputs.actions import Action
from lfjb.metrics.actions import action_summary, as_known_at, known_at

ROOT = Path(__file__).resolve().parents[2]


def _action(**fields) -> Action:
    base = {"id": "A1", "title": "Floating list", "sub_group": "court", "owner": "Listing officer",
            "raised": date(2024, 1, 10), "due": date(2024, 5, 19), "status": "in_progress"}
    return Action.model_validate(base | fields)


def test_an_action_completed_after_the_date_was_open_and_overdue_then():
    action = _action(status="complete", completed=date(2024, 12, 5),
                     updates=[{"date": date(2024, 3, 1), "note": "List drafted"}, {"date": date(2024, 12, 5), "note": "Done"}])
    june = as_known_at(action, date(2024, 6, 30))
    # At 30 June 2024 it was open (completed 5 December), due 19 May: 42 days overdue; the December
    # note was not yet written, so the last update was 1 March.
    assert not june.is_done and june.is_overdue(date(2024, 6, 30))
    assert (date(2024, 6, 30) - june.due).days == 42
    assert june.last_update == date(2024, 3, 1)
    # At 31 December 2024 it was complete.
    assert as_known_at(action, date(2024, 12, 31)).is_done


def test_an_action_raised_after_the_date_does_not_exist_yet():
    assert as_known_at(_action(raised=date(2024, 7, 1), due=date(2024, 9, 1)), date(2024, 6, 30)) is None
    assert [a.id for a in known_at([_action()], date(2024, 1, 10))] == ["A1"]  # raised that day: it exists


def test_a_closed_action_with_no_completed_date_counts_as_done_from_its_last_update():
    # No completed date: it was closed when its status was last touched, at its latest update.
    action = _action(status="closed", updates=[{"date": date(2024, 8, 1), "note": "No longer needed"}])
    assert not as_known_at(action, date(2024, 7, 31)).is_done
    assert as_known_at(action, date(2024, 8, 1)).is_done


def test_wolverhampton_at_two_dates():
    # The shipped Wolverhampton log. At 30 June 2024: 17 open, 2 overdue (WOL-007 by 42 days: due 19 May
    # 2024, completed 5 December 2024; WOL-009), 9 with no update for more than 60 days.
    board = load_board(ROOT / "board_config" / "wolverhampton.yaml")
    june = action_summary(board.actions, board.config, date(2024, 6, 30))
    assert (june["open"], len(june["overdue"]), len(june["stale"])) == (17, 2, 9)
    assert [(r["id"], r["days_overdue"]) for r in june["overdue"]] == [("WOL-007", 42), ("WOL-009", june["overdue"][1]["days_overdue"])]
    assert all(r["days_since_update"] >= 0 for r in june["open_list"])
    # At 31 March 2025 WOL-007 is complete and no longer listed.
    march = action_summary(board.actions, board.config, date(2025, 3, 31))
    assert (march["open"], len(march["overdue"])) == (27, 6)
    assert "WOL-007" not in {r["id"] for r in march["open_list"]}
