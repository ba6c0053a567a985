"""Users' own DFJ spellings (lfjb/inputs/dfj_aliases.py): a `name,alias` CSV, every bad row named."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lfjb.inputs.dfj_aliases import load_dfj_aliases, read_dfj_aliases
from lfjb.inputs.errors import InputError
from lfjb.inputs.fcsq import read_fcsq_files


def test_a_bad_aliases_file_is_an_input_error_naming_the_row(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("name,alias\nReading,Oxon\nRedding,Berks\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_dfj_aliases(path)
    problem = exc.value.problems[0]
    assert problem.where == "row 3" and "Redding" in problem.message and "Reading" in problem.hint


def test_row_numbers_count_comments_and_blank_lines_as_the_file_does(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("# our spellings\nname,alias\n\n# from MoJ's 2025 file\nRedding,Berks\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_dfj_aliases(path)
    assert exc.value.problems[0].where == "row 5"


def test_the_same_alias_for_two_areas_is_an_error_naming_both_rows(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("name,alias\nWolverhampton,Black Country DFJ\nWorcester,Oxon\nBirmingham,black country dfj\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_dfj_aliases(path)
    problem = exc.value.problems[0]
    assert problem.where == "rows 2 and 4" and "Wolverhampton (row 2)" in problem.message and "Birmingham (row 4)" in problem.message


def test_an_alias_that_is_already_a_shipped_name_is_warned_about_not_ignored_silently(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("name,alias\nSwindon,Oxford DFJ\nReading,Oxford\n", encoding="utf-8")
    found = read_dfj_aliases(path)
    assert found.aliases == {}
    assert len(found.warnings) == 1
    assert "row 2" in found.warnings[0] and "already lfjb's name for Reading" in found.warnings[0] and "Swindon" in found.warnings[0]


@pytest.mark.parametrize(("encoding", "sep"), [("utf-16", "\t"), ("cp1252", ","), ("utf-8", ";"), ("utf-8-sig", ",")])
def test_alias_files_in_every_encoding_and_separator_excel_saves(tmp_path, encoding, sep):
    path = tmp_path / "aliases.csv"
    path.write_bytes(f"name{sep}alias\nNorth Wales{sep}Ynys Môn – Bangor\n".encode(encoding))
    assert load_dfj_aliases(path) == {"Ynys Môn – Bangor": "North Wales"}


def test_control_characters_are_cleaned_from_aliases(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("name,alias\nReading,\x1b[2J\u202eOxon\n", encoding="utf-8")
    assert load_dfj_aliases(path) == {"[2JOxon": "Reading"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_as_an_alias_file_is_refused_at_once(tmp_path):
    fifo = tmp_path / "aliases.csv"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="is not a file"):
        load_dfj_aliases(fifo)


def test_a_device_as_an_alias_file_is_refused():
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    with pytest.raises(InputError, match="is not a file"):
        load_dfj_aliases(Path("/dev/zero"))


def test_aliases_from_two_files_that_disagree_are_said(tmp_path):
    fcsq = tmp_path / "fcsq.csv"
    fcsq.write_text("category,stage,year,quarter,dfj_new,region,count,cases\n"
                    "Public Law,Start,2025,1,Oxon DFJ,SOUTH EAST,20,12\n", encoding="utf-8")
    (tmp_path / "dfj_aliases.csv").write_text("name,alias\nReading,Oxon DFJ\n", encoding="utf-8")
    mine = tmp_path / "mine.csv"
    mine.write_text("name,alias\nSwindon,Oxon DFJ\n", encoding="utf-8")
    files = read_fcsq_files([fcsq], aliases_file=mine)
    assert set(files.dfj.frame["area"]) == {"Swindon"}
    assert any("'Oxon DFJ' is Reading in" in w and "Swindon is used" in w for w in files.warnings)
