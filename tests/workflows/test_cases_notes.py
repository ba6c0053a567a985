"""The note `lfjb cases` prints for rows set aside (lfjb/workflows/cases.py set_aside_notes)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from lfjb.inputs.extract import DataQuality
from lfjb.workflows.cases import set_aside_notes


def _board(problems: list[dict]) -> SimpleNamespace:
    extract = SimpleNamespace(path=Path("spine.csv"), data_quality=DataQuality(rows_read=10, problems=problems, file="spine.csv"))
    return SimpleNamespace(slug="multi", extract=extract)


def _problem(row: int, file: str | None = None) -> dict:
    found = {"row": row, "column": "issue_date", "message": "not a date"}
    return {**found, "file": file} if file else found


def test_rows_of_one_file_are_named_under_it():
    [note] = set_aside_notes(_board([_problem(4), _problem(5), _problem(4)]))
    assert note.startswith("2 rows of spine.csv were set aside, so their cases are not in this list (rows 4, 5).")


def test_rows_from_later_sources_are_named_under_their_own_file():
    # Issue 24, round 2: hl.csv row 7 and trk.csv row 3 were reported as "rows 3, 7" of spine.csv.
    [note] = set_aside_notes(_board([_problem(7, "hl.csv"), _problem(3, "trk.csv")]))
    assert "spine.csv" not in note
    assert note.startswith("2 rows were set aside, so their cases are not in this list (hl.csv: row 7; trk.csv: row 3).")
    [note] = set_aside_notes(_board([_problem(2), _problem(7, "hl.csv"), _problem(7, "hl.csv"), _problem(9, "hl.csv")]))
    assert "(spine.csv: row 2; hl.csv: rows 7, 9)" in note and note.startswith("3 rows were")


def test_only_the_first_rows_are_listed():
    [note] = set_aside_notes(_board([_problem(r) for r in range(1, 26)] + [_problem(1, "hl.csv")]))
    assert "(spine.csv: rows 1, 2," in note and "20 and 5 more; hl.csv: 1 row)" in note


def test_cases_the_hearing_list_does_not_date_are_said_at_a_past_date(tmp_path):
    from datetime import date

    from lfjb.inputs.board import load_board_config
    from lfjb.inputs.sources import load_sources
    from lfjb.workflows.cases import case_list
    from tests.inputs.test_sources import _court_list_with_counts

    file = load_board_config(_court_list_with_counts(tmp_path))
    board = SimpleNamespace(extract=load_sources(file, today=date(2025, 1, 1)), config=file.config)
    # 31/03/2024: cases 1 and 3 (the court list's counts, not dated by the hearing list) are open and rated by age alone.
    assert "2 cases are rated on age alone: the hearing list does not date their hearing counts" in " ".join(
        case_list(board, date(2024, 3, 31)).notes)
    assert not any("age alone" in n for n in case_list(board, date(2024, 9, 30)).notes)  # within a month: counts stand
