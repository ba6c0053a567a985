"""Hostile or careless input stays inert: no escaping the board's folder, no giant spreadsheets."""

from __future__ import annotations

import shutil

import pytest

from lfjb.inputs import load_board
from lfjb.inputs.errors import InputError
from lfjb.inputs.extract import load_extract


@pytest.fixture
def board_copy(tmp_path, tiny_board_path):
    folder = tmp_path / "board"
    shutil.copytree(tiny_board_path.parent, folder)
    return folder / "tiny.yaml"


def test_logo_outside_the_board_folder_is_refused(board_copy):
    board_copy.write_text(board_copy.read_text() + "branding: {logo: ../../../etc/passwd}\n")
    with pytest.raises(InputError) as caught:
        load_board(board_copy)
    [p] = caught.value.problems
    assert p.key == "branding.logo" and "outside the board's folder" in p.message


def test_missing_logo_is_reported(board_copy):
    board_copy.write_text(board_copy.read_text() + "branding: {logo: logo.svg}\n")
    with pytest.raises(InputError) as caught:
        load_board(board_copy)
    assert "not found" in caught.value.problems[0].message


def test_problems_in_all_three_files_come_together(board_copy):
    folder = board_copy.parent
    (folder / "actions.yaml").write_text("actions:\n  - id: 1\n    title: x\n")
    (folder / "extract.csv").write_text("case_id,issue_date\n1,01/01/2024\n")
    with pytest.raises(InputError) as caught:
        load_board(board_copy)
    files = {p.file.rsplit("/", 1)[-1] for p in caught.value.problems}
    assert files == {"actions.yaml", "extract.csv"}


def test_oversized_spreadsheet_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr("lfjb.inputs.tables.MAX_XLSX_BYTES", 10)
    path = tmp_path / "extract.xlsx"
    path.write_bytes(b"x" * 100)
    with pytest.raises(InputError) as caught:
        load_extract(path)
    assert "save it as CSV or Parquet" in caught.value.problems[0].message
