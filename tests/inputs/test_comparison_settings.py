"""lfjb/inputs/comparison_settings.py: the comparison's own settings file, optional and strict."""

from __future__ import annotations

import pytest

from lfjb.inputs.comparison_settings import load_comparison_settings, settings_path
from lfjb.inputs.errors import InputError


def test_no_file_means_lfjbs_defaults(tmp_path):
    settings = load_comparison_settings(tmp_path)
    assert (settings.comparators, settings.path) == ("marked", None)


def test_comparators_rest_is_read_from_the_comparisons_folder(tmp_path):
    path = settings_path(tmp_path)
    assert path == tmp_path / "comparison" / "settings.yaml"  # not *.yaml beside the boards: never read as a board
    path.parent.mkdir()
    path.write_text("# every board without a programme is a comparator\ncomparators: rest\n", encoding="utf-8")
    assert load_comparison_settings(tmp_path).comparators == "rest"


@pytest.mark.parametrize("text, key, line", [("comparators: others\n", "comparators", "line 1"),
                                             ("comparators: rest\ncomparator: rest\n", "comparator", "line 2")])
def test_a_bad_value_or_a_typo_is_located(tmp_path, text, key, line):
    path = settings_path(tmp_path)
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_comparison_settings(tmp_path)
    [problem] = caught.value.problems
    assert (problem.key, problem.where) == (key, line) and problem.file.endswith("settings.yaml")
