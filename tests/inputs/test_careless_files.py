"""Files as secretariats really save them: blank lines, Excel encodings and day numbers, month-first
dates, repeated keys, YAML aliases. Each ends in the right figures or a clear, located problem."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from lfjb.inputs.actions import load_action_log
from lfjb.inputs.board import load_board_config
from lfjb.inputs.errors import InputError
from lfjb.inputs.extract import load_extract
from lfjb.inputs.yaml_source import read_yaml

HEADER = "case_id,local_authority,issue_date,disposal_date,children,hearings,fcmh,outcome,delay_drivers"


def test_blank_lines_do_not_shift_row_numbers(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text(f"{HEADER}\nC1,North,01/02/2024,,1,1,0,,\n\n,,,,,,,,\nC2,North,31/02/2024,,1,1,0,,\n")
    extract = load_extract(path)
    # Header row 1, C1 row 2, blank row 3, empty cells row 4, C2 row 5.
    assert [p["row"] for p in extract.data_quality.problems] == [5]
    assert extract.data_quality.rows_read == 2 and list(extract.cases["row"]) == [2]


def test_windows_1252_csv_is_read(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_bytes(f"{HEADER}\nC1,Ynys Môn,01/02/2024,,1,1,0,,\n".encode("cp1252"))
    # Decoded right, the Welsh name resolves to the authority (it would not as "Ynys MÃ´n").
    assert load_extract(path).cases.loc[0, "local_authority"] == "Isle of Anglesey"


def test_excel_day_numbers_are_dates(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text(f"{HEADER}\nC1,North,45385,45400,1,1,0,,\n")
    row = load_extract(path).cases.iloc[0]
    assert row["issue_date"] == datetime(2024, 4, 3) and row["disposal_date"] == datetime(2024, 4, 18)


def test_month_first_dates_are_caught_with_the_fix(tmp_path):
    # A US-style export: 1/13/2020 cannot be day-first, and no date is only day-first: refused.
    rows = [f"C{i},North,{(i % 12) + 1}/{13 + i % 15}/2023,,1,1,0,," for i in range(30)]
    path = tmp_path / "extract.csv"
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n")
    with pytest.raises(InputError) as caught:
        load_extract(path)
    [problem] = caught.value.problems
    assert "month-first: 30 of its 30 rows" in problem.message
    assert 'date_format: "%m/%d/%Y"' in problem.hint
    # With the date format set, the same file reads.
    assert len(load_extract(path, date_format="%m/%d/%Y").cases) == 30


def test_parquet_list_column_of_drivers(tmp_path):
    frame = pd.DataFrame({
        "case_id": ["C1"], "local_authority": ["North"], "issue_date": [pd.Timestamp("2024-01-02")],
        "disposal_date": [pd.NaT], "children": [1], "hearings": [2], "fcmh": [0], "outcome": [""],
        "delay_drivers": [["court_capacity", "plo_tracking"]],
    })
    frame.to_parquet(tmp_path / "extract.parquet")
    assert load_extract(tmp_path / "extract.parquet").cases.loc[0, "delay_drivers"] == ("court_capacity", "plo_tracking")


def test_missing_column_suggests_only_unused_headers(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text(HEADER.replace("issue_date", "Date Issued") + "\n")
    with pytest.raises(InputError) as caught:
        load_extract(path)
    [problem] = caught.value.problems
    assert problem.key == "issue_date"
    assert "disposal_date'?" not in problem.hint  # already used for its own column
    assert "Date Issued" in problem.hint


def test_repeated_yaml_key_is_an_error(tmp_path):
    path = tmp_path / "board.yaml"
    path.write_text("name: X\ntargets: {mean_weeks: 26}\ntargets: {pct_within_26: 40}\n")
    with pytest.raises(InputError) as caught:
        read_yaml(path)
    [problem] = caught.value.problems
    assert (problem.where, problem.key) == ("line 3", "targets") and "first on line 2" in problem.message


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &a [1,2,3,4,5,6,7,8,9,10]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(6))])
def test_yaml_alias_bombs_are_refused_quickly(tmp_path, text):
    path = tmp_path / "board.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        read_yaml(path)
    assert "alias" in caught.value.problems[0].message


def test_bad_date_format_is_a_located_problem(tmp_path, tiny_board_path):
    path = tmp_path / "tiny.yaml"
    path.write_text(tiny_board_path.read_text().replace("  extract: extract.csv", '  extract: extract.csv\n  date_format: "%Q"'))
    with pytest.raises(InputError) as caught:
        load_board_config(path)
    [problem] = caught.value.problems
    assert problem.key == "inputs.date_format" and "%d/%m/%Y" in problem.message


def test_action_log_blank_rows_and_trailing_columns_are_ignored(tmp_path):
    path = tmp_path / "actions.csv"
    path.write_text(
        "id,title,sub_group,owner,raised,due,status,\n"
        "1,Floating list,court,Listing Manager,01/02/2025,01/03/2025,in_progress,\n"
        ",,,,,,,\n"
        "\n"
        "2,  ,court,Listing Manager,01/02/2025,01/03/2025,in_progress,\n"
    )
    with pytest.raises(InputError) as caught:
        load_action_log(path, ["court"])
    # Only the real problem: action 2 (row 5) has a blank title.
    assert [(p.where, p.key) for p in caught.value.problems] == [("row 5", "title")]
