"""Terms of reference: valid files load; each broken fixture names the file, the line and the key."""

from __future__ import annotations

from datetime import date

import pytest

from lfjb.inputs.board import load_board_config
from lfjb.inputs.errors import InputError


def problems_of(path):
    with pytest.raises(InputError) as caught:
        load_board_config(path)
    return caught.value.problems


def test_tiny_board_loads_with_defaults(tiny_board_path):
    board = load_board_config(tiny_board_path)
    assert board.slug == "tiny"  # from the file name
    c = board.config
    assert c.sub_group_ids == ["pre-proceedings", "court"]
    assert c.branding.protective_marking == "OFFICIAL-SENSITIVE"
    assert c.stale_after_days == 60
    assert c.spc.shift == 7 and c.spc.trend == 7
    # A UK day-first date in the YAML is 12 March, not 3 December.
    assert c.meetings[2].date == date(2025, 3, 12)
    assert c.region == "Midlands"


def test_unknown_key_is_named_with_its_line_and_a_suggestion(broken):
    [p] = problems_of(broken / "unknown_key.yaml")
    assert p.file.endswith("unknown_key.yaml")
    assert p.key == "chiar"
    assert p.where == "line 9"
    assert "Did you mean 'chair'?" in p.hint


def test_missing_required_key(broken):
    [p] = problems_of(broken / "missing_dfj_area.yaml")
    assert p.key == "dfj_area"
    assert "required" in p.message


def test_wrong_type_names_the_nested_key_and_value(broken):
    [p] = problems_of(broken / "wrong_type_target.yaml")
    assert p.key == "targets.mean_weeks"
    assert p.where == "line 10"
    assert "twenty-six" in p.message


def test_unknown_driver_lists_valid_ids(broken):
    [p] = problems_of(broken / "unknown_driver.yaml")
    assert p.key == "sub_groups[1].drivers[1]"
    assert p.where == "line 6"
    assert "court_capacty" in p.message
    assert "Did you mean 'court_capacity'?" in p.hint
    assert "information_sharing" in p.hint  # the full list of valid ids


def test_bad_slug_is_refused(broken):
    [p] = problems_of(broken / "bad_slug.yaml")
    assert p.key == "slug"
    assert "lowercase" in p.message


def test_yaml_syntax_error_has_a_line(broken):
    [p] = problems_of(broken / "yaml_syntax_error.yaml")
    assert p.where.startswith("line ")
    assert "not valid YAML" in p.message


def test_dfj_area_typo_suggests_the_area(broken):
    [p] = problems_of(broken / "dfj_area_typo.yaml")
    assert p.key == "dfj_area"
    assert "Worcester" in p.hint


def test_dfj_alias_is_accepted(tmp_path, tiny_board_path):
    text = tiny_board_path.read_text().replace("dfj_area: Worcester", "dfj_area: York DFJ")
    text = text.replace("actions: actions.yaml", f"actions: {tiny_board_path.parent}/actions.yaml")
    path = tmp_path / "york.yaml"
    path.write_text(text)
    assert load_board_config(path).config.dfj_area == "North Yorkshire"


def test_every_problem_is_reported_at_once(tmp_path):
    path = tmp_path / "many.yaml"
    path.write_text("name: X\ndfj_area: Nowhere\nsub_groups: []\ninputs: {actions: a.yaml}\ncolour: red\n")
    keys = {p.key for p in problems_of(path)}
    assert {"dfj_area", "sub_groups", "inputs.extract", "colour"} <= keys


def test_yaml_object_tags_are_refused(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("name: !!python/object/apply:os.system ['echo hacked']\n")
    [p] = problems_of(path)
    assert "not valid YAML" in p.message


# --- One slug rule (lfjb.naming): a board YAML could set a slug longer than lfjb init allows ------------------


def test_a_slug_longer_than_init_allows_is_refused_with_inits_words(tmp_path):
    from lfjb.naming import SLUG_RULE

    long = "a" * 61
    path = tmp_path / "tiny.yaml"
    path.write_text(f"name: Tiny\nslug: {long}\ndfj_area: Worcester\nsub_groups: [{{id: court, name: Court}}]\n"
                    "inputs: {actions: a.yaml, extract: e.csv}\n", encoding="utf-8")
    [p] = problems_of(path)
    assert p.key == "slug" and p.where == "line 2"
    assert "is 61 characters long" in p.message and SLUG_RULE in p.message
    path.write_text(path.read_text().replace(long, "a" * 60), encoding="utf-8")
    assert load_board_config(path).slug == "a" * 60


def test_a_board_file_name_too_long_for_a_slug_is_refused_with_the_same_words(tmp_path):
    from lfjb.naming import SLUG_RULE

    path = tmp_path / f"{'b' * 70}.yaml"
    path.write_text("name: Tiny\ndfj_area: Worcester\nsub_groups: [{id: court, name: Court}]\n"
                    "inputs: {actions: a.yaml, extract: e.csv}\n", encoding="utf-8")
    [p] = problems_of(path)
    assert p.key == "slug" and "is 70 characters long" in p.message and SLUG_RULE in p.message
