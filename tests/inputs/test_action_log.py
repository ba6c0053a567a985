"""Action logs in YAML, CSV and XLSX: the same rules, located problems."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook

from lfjb.inputs.actions import load_action_log
from lfjb.inputs.errors import InputError

SUB_GROUPS = ["pre-proceedings", "court"]


def test_yaml_log_loads(tiny_board_path):
    log = load_action_log(tiny_board_path.parent / "actions.yaml", SUB_GROUPS)
    assert [a.id for a in log.actions] == ["A1", "A2", "A3", "A4"]
    a2 = log.actions[1]
    assert a2.raised == date(2024, 11, 15)  # 15/11/2024, day first
    assert a2.drivers == ["court_capacity", "plo_tracking"]
    assert a2.is_overdue(date(2025, 3, 31)) and not log.actions[2].is_overdue(date(2025, 3, 31))


def test_yaml_log_problems_are_all_reported_with_lines(broken):
    with pytest.raises(InputError) as caught:
        load_action_log(broken / "unknown_sub_group_actions.yaml", SUB_GROUPS)
    problems = caught.value.problems
    by_key = {p.key: p for p in problems}
    sub_group = by_key["actions[1].sub_group"]
    assert sub_group.where == "line 4" and "cuort" in sub_group.message and "Did you mean 'court'?" in sub_group.hint
    assert by_key["actions[2].due"].where == "line 14"
    assert "31/13/2025" in by_key["actions[2].due"].message
    assert "started" in by_key["actions[2].status"].message
    # The duplicate id on the second action is not reported until that action is otherwise valid,
    # but both bad values of the second action are reported together with the first action's problem.
    assert len(problems) == 3


def write_csv(path, rows):
    path.write_text("\n".join(rows) + "\n")
    return path


def test_csv_log_with_lists_and_updates(tmp_path):
    path = write_csv(tmp_path / "actions.csv", [
        "id,title,sub_group,owner,raised,due,status,drivers,kpis,updates",
        '7,Floating list,court,Listing Manager,01/02/2025,01/03/2025,In progress,court_capacity; plo_tracking,mean_weeks,"03/02/2025: started\n10/03/2025: judges agreed"',
    ])
    [action] = load_action_log(path, SUB_GROUPS).actions
    assert action.id == "7" and action.status == "in_progress"
    assert action.drivers == ["court_capacity", "plo_tracking"]
    assert action.last_update == date(2025, 3, 10)


def test_excel_unicode_text_log_reads_as_the_csv_does(tmp_path):
    """Excel's "Unicode Text" is UTF-16 with tabs and always saved as .txt (issue 20 item 4)."""
    rows = ["id\ttitle\tsub_group\towner\traised\tdue\tstatus",
            "7\tFloating list\tcourt\tListing Manager\t01/02/2025\t01/03/2025\tIn progress"]
    path = tmp_path / "actions.txt"
    path.write_bytes("\r\n".join(rows).encode("utf-16"))
    [action] = load_action_log(path, SUB_GROUPS).actions
    assert (action.id, action.sub_group, action.due, action.status) == ("7", "court", date(2025, 3, 1), "in_progress")


def test_csv_problems_name_the_spreadsheet_row(tmp_path):
    path = write_csv(tmp_path / "actions.csv", [
        "id,title,sub_group,owner,raised,due,status",
        "1,Good,court,Owner,01/02/2025,01/03/2025,complete",
        "2,Bad driver row,court,Owner,01/02/2025,not a date,complete",
        "1,Duplicate,court,Owner,01/02/2025,01/03/2025,complete",
    ])
    with pytest.raises(InputError) as caught:
        load_action_log(path, SUB_GROUPS)
    where = {(p.where, p.key) for p in caught.value.problems}
    assert ("row 3", "due") in where  # header is row 1
    assert ("row 4", "id") in where


def test_csv_missing_and_unknown_columns(tmp_path):
    path = write_csv(tmp_path / "actions.csv", ["id,title,sub_group,owner,raised,status,colour", "1,T,court,O,01/01/2025,complete,red"])
    with pytest.raises(InputError) as caught:
        load_action_log(path, SUB_GROUPS)
    keys = {p.key for p in caught.value.problems}
    assert keys == {"due", "colour"}


def test_xlsx_log_with_real_dates(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["id", "title", "sub_group", "owner", "raised", "due", "status", "drivers"])
    ws.append(["A1", "Shared tracker", "pre-proceedings", "Head of Legal", date(2025, 1, 6), "28/02/2025", "not_started", "plo_tracking"])
    ws.append(["A2", "Bad sub-group", "nowhere", "Head of Legal", date(2025, 1, 6), date(2025, 2, 6), "not_started", None])
    wb.save(tmp_path / "actions.xlsx")
    with pytest.raises(InputError) as caught:
        load_action_log(tmp_path / "actions.xlsx", SUB_GROUPS)
    [p] = caught.value.problems
    assert (p.where, p.key) == ("row 3", "sub_group")
