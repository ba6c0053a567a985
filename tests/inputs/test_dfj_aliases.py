"""Users' own DFJ spellings (lfjb/inputs/dfj_aliases.py): a `name,alias` CSV, every bad row named."""

from __future__ import annotations

import pytest

from lfjb.inputs.dfj_aliases import load_dfj_aliases
from lfjb.inputs.errors import InputError


def test_a_bad_aliases_file_is_an_input_error_naming_the_row(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("name,alias\nReading,Oxon\nRedding,Berks\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_dfj_aliases(path)
    problem = exc.value.problems[0]
    assert problem.where == "row 3" and "Redding" in problem.message and "Reading" in problem.hint
