"""lfjb/inputs/text.py: text made inert, and each cell's text read alike by every reader."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from lfjb.inputs.text import cell_text

INPUTS = Path(__file__).parents[2] / "lfjb" / "inputs"


def test_cell_text_strips_cleans_and_empties_the_words_for_nothing():
    cells = pd.Series([" Walsall ", None, np.nan, "NULL", "n/a", "-", "Wolver\u202ehampton", 3, "None "], dtype=object)
    assert cell_text(cells).tolist() == ["Walsall", "", "", "", "", "", "Wolverhampton", "3", ""]


def _files_saying(text: str) -> list[str]:
    return sorted(p.name for p in INPUTS.glob("*.py") if text in p.read_text(encoding="utf-8"))


def test_the_hearing_list_and_the_pre_proceedings_log_read_cells_through_one_function():
    # A copy of the empty-words rule beside cell_text's would drift (the extract keeps its million-row fast paths).
    assert _files_saying("isin(EMPTY_WORDS)") == ["extract.py", "text.py"]
    assert _files_saying("def _cell_text(") == ["extract.py"]
    assert {"hearings.py", "pre_proceedings.py"} <= set(_files_saying("cell_text("))


def test_the_missing_column_hint_and_the_date_rules_are_worded_once():
    assert _files_saying("If the file calls a column something else") == ["extract.py"]
    assert _files_saying("a date in the form") == ["dates.py"]
    assert _files_saying("is not {expected}") == ["dates.py"]
