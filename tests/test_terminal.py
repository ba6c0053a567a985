"""lfjb/terminal.py: the tables print what the workflow worked out, without working it out again."""

from __future__ import annotations

from rich.console import Console

from lfjb.terminal import actions_table, cases_table


def _text(renderable) -> str:
    console = Console(width=200, record=True)
    console.print(renderable)
    return console.export_text()


RECORD = {"case_id": "WV24C50001", "local_authority": "Walsall", "court": None, "issue_date": "2024-01-02", "age_weeks": 30.5,
          "weeks_to_26": -4.5, "hearings": 5, "fcmh": 2, "delay_drivers": ["court_capacity"], "rag": "red",
          "rag_reason": "past 26 weeks by 4.5 weeks"}


def test_cases_table_prints_the_records_it_is_given():
    # CasesResult.records, worked out once by the workflow (lfjb.workflows.cases), not the case list again.
    text = _text(cases_table([RECORD], wide=True))
    assert "WV24C50001" in text and "Walsall" in text and "past 26 weeks by 4.5 weeks" in text
    assert "WV24C50001" not in _text(cases_table([], wide=True))


def _row(action_id: str, sub_group: str, days_overdue: int) -> dict:
    return {"id": action_id, "title": f"Action {action_id}", "owner": "HMCTS", "due": "2025-03-01", "days_overdue": days_overdue,
            "status": "in_progress", "sub_group": sub_group}


SUMMARY = {"as_of": "2025-03-31", "by_sub_group": {"court": {"name": "Court", "open": 2, "overdue": 1},
                                                   "data": {"name": "Data", "open": 1, "overdue": 0}}}


def test_actions_table_lists_exactly_the_rows_the_workflow_chose():
    overdue_only = [_row("A1", "court", 30)]  # ActionsResult.rows with --overdue: the summary's overdue list
    [table] = actions_table(SUMMARY, overdue_only)
    text = _text(table)
    assert "A1" in text and "Court at 31 March 2025 — 2 open, 1 overdue" in text
    every_open = [*overdue_only, _row("A2", "court", 0), _row("B1", "data", 0)]
    tables = actions_table(SUMMARY, every_open)
    assert len(tables) == 2 and "A2" in _text(tables[0]) and "B1" in _text(tables[1])
