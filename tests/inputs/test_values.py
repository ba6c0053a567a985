"""Tests for lfjb/inputs/values.py: the extract's own words, and the advice for a word that maps to nothing.

Issue 20: an unknown authority's warning said `(e.g. "Sandwell MBC": Wolverhampton)` for every board, and
an unknown delay word's fix said `{"Expert delay": late_family_presentation}` (the first id) while the
did-you-mean beside it named another driver. A secretariat who copied either mis-coded its data.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lfjb.inputs.errors import InputError
from lfjb.inputs.extract import load_extract
from lfjb.inputs.pre_proceedings import load_pre_proceedings
from lfjb.inputs.board import PreProceedingsLog
from lfjb.inputs.values import authority_advice, value_maps

BOARD = ["Wolverhampton", "Walsall", "Dudley", "Sandwell"]

# Unknown words and the id (or authority) each should be advised to map to; None: nothing is close.
DRIVER_WORDS = {
    "Expert delay": "expert_assessments",
    "Lack of experts": "expert_assessments",
    "Court availability": "court_capacity",
    "PLO tracker": "plo_tracking",
    "Change of plan": "changes_in_plan",
    "Info sharing": "information_sharing",
    "Weather": None,
}
OUTCOME_WORDS = {
    "Care Ord": "care_order",
    "Placement ordr": "placement_order",
    "SGO order": "special_guardianship_order",
    "Withdrawl": "withdrawn",
    "Adoption": None,
}
AUTHORITY_WORDS = {
    "Wolverhamptn": "Wolverhampton",
    "Sandwel MBC": "Sandwell",
    "Dudly": "Dudley",
    "Walsal Council": "Walsall",
    "Out of area": None,
    "Staffs": None,
}

_MEANT = re.compile(r"Did you mean '?([^'?]+?)'?(?: \(([a-z_]+)\))?\?")


def _advice(hint: str, word: str, column: str) -> tuple[str | None, str]:
    """(the did-you-mean's target or None, the target of the suggested mapping) read from a hint."""
    meant = _MEANT.search(hint)
    target = (meant.group(2) or meant.group(1)) if meant else None
    mapping = re.search(r"\{" + column + r': \{"' + re.escape(word) + r'": ([^}]+)\}\}', hint)
    assert mapping, hint
    return target, mapping.group(1)


def _write(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    lines = ["case_id,local_authority,issue_date,disposal_date,children,outcome,delay_drivers"]
    lines += [f"C{i},{la},01/0{1 + i % 9}/2024,,1,{outcome},{driver}" for i, (la, outcome, driver) in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_each_unknown_driver_and_outcome_is_advised_to_its_own_closest_id(tmp_path):
    rows = [("Wolverhampton", "care order", word) for word in DRIVER_WORDS]
    rows += [("Walsall", word, "court_capacity") for word in OUTCOME_WORDS]
    with pytest.raises(InputError) as caught:
        load_extract(_write(tmp_path / "extract.csv", rows), local_authorities=BOARD)
    found = {}
    for problem in caught.value.problems:
        word = re.match(r"'(.+?)' is not", problem.message).group(1)
        found[word] = _advice(problem.hint, word, problem.key)
    assert set(found) == set(DRIVER_WORDS) | set(OUTCOME_WORDS)
    for word, expected in {**DRIVER_WORDS, **OUTCOME_WORDS}.items():
        meant, mapped = found[word]
        assert meant == expected, word
        assert mapped == (expected or "<id>"), word  # the mapping is the did-you-mean, or a placeholder


def test_each_unknown_authority_is_advised_to_its_own_closest_authority(tmp_path):
    rows = [(word, "care order", "court_capacity") for word in AUTHORITY_WORDS]
    extract = load_extract(_write(tmp_path / "extract.csv", rows), local_authorities=BOARD)
    warnings = {re.match(r"Local authority '(.+?)'", w).group(1): w for w in extract.data_quality.warnings
                if "matches no local authority" in w}
    assert set(warnings) == set(AUTHORITY_WORDS)
    for word, expected in AUTHORITY_WORDS.items():
        meant, mapped = _advice(warnings[word], word, "local_authority")
        assert meant == expected, word
        assert mapped == (expected or "<authority>"), word
        assert "Wolverhampton" not in warnings[word] or expected == "Wolverhampton" or "one of the board's" in warnings[word]
    # With nothing close, the board's own authorities are the choices.
    assert "one of the board's: Wolverhampton, Walsall, Dudley, Sandwell" in warnings["Out of area"]


def test_no_advice_names_a_fixed_authority():
    # Another board's unknown word is advised towards its own authorities, not Wolverhampton.
    hint = authority_advice("Norwch", ["Norfolk", "Suffolk"])
    assert "Norwich" not in hint and "Wolverhampton" not in hint  # Norwich is a district, not an authority
    assert authority_advice("Norfok County Council", ["Norfolk", "Suffolk"]).startswith("Did you mean Norfolk?")


def test_the_boards_own_words_are_advised_as_written():
    vmap = value_maps({"delay_drivers": {"Court availability": "court_capacity"}})["delay_drivers"]
    assert "Did you mean 'Court availability' (court_capacity)?" in vmap.advice("Court availabilty")


def test_a_word_with_a_quote_is_quoted_as_yaml_reads_it():
    hint = value_maps({})["outcome"].advice('Care "final" order')
    assert '{outcome: {"Care \\"final\\" order": care_order}}' in hint


def test_an_unknown_end_reason_is_advised_to_its_own_closest_id(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("family_id,local_authority,plo_letter_date,end_date,end_reason\n"
                    "F1,Walsall,01/02/2024,01/05/2024,Proceedings issud\n"
                    "F2,Walsall,01/02/2024,01/05/2024,Stepped dwn\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_pre_proceedings(path, PreProceedingsLog(file="log.csv"), BOARD)
    found = {re.match(r"'(.+?)' is not", p.message).group(1): _advice(p.hint, re.match(r"'(.+?)' is not", p.message).group(1), "end_reason")
             for p in caught.value.problems}
    assert found["Proceedings issud"] == ("issued", "issued")
    assert found["Stepped dwn"] == ("diverted", "diverted")


# --- Authorities as they write themselves -----------------------------------------------------------------

ROOT = Path(__file__).parents[2]
# How the Wolverhampton board's councils write themselves (issue 20), each sample row rewritten in turn.
# 00CR is Dudley's pre-2011 ONS code (Walsall's is 00CU; alphagov/location-data-importer).
SPELLINGS = {
    "Dudley": ["Dudley MBC", "00CR", "Dudley M.B.C."],
    "Walsall": ["Walsall Metropolitan Borough Council", "Walsall MBC", "00CU"],
    "Sandwell": ["Sandwell Children's Trust", "Sandwell (333)", "Sandwell MBC"],
    "Wolverhampton": ["336 - Wolverhampton", "00CW", "City of Wolverhampton Council"],
}


def test_the_wolverhampton_sample_with_its_councils_as_they_write_themselves_gives_the_samples_figures(tmp_path):
    import pandas as pd

    from lfjb.inputs.loader import load_board
    from lfjb.metrics import kpis

    import yaml

    # The shipped board reads several sources (issue 21); this test rewrites its single extract.csv.
    shipped = ROOT / "board_config" / "wolverhampton.yaml"
    doc = yaml.safe_load(shipped.read_text(encoding="utf-8"))
    for key in ("actions", "pre_proceedings"):
        doc["inputs"][key] = str((shipped.parent / doc["inputs"][key]).resolve())
    doc["inputs"]["extract"] = str((ROOT / "sample_data" / "wolverhampton" / "extract.csv").resolve())
    doc["branding"].pop("logo", None)
    board_file = tmp_path / "wolverhampton.yaml"
    board_file.write_text(yaml.safe_dump(doc), encoding="utf-8")
    sample = load_board(board_file)
    raw = pd.read_csv(ROOT / "sample_data" / "wolverhampton" / "extract.csv", dtype=str, keep_default_na=False)
    seen: dict[str, int] = {}

    def rewrite(name: str) -> str:
        seen[name] = seen.get(name, -1) + 1
        return SPELLINGS[name][seen[name] % len(SPELLINGS[name])]

    raw["local_authority"] = raw["local_authority"].map(rewrite)
    assert raw["local_authority"].nunique() == 12
    raw.to_csv(tmp_path / "extract.csv", index=False)
    rewritten = load_board(board_file, extract=tmp_path / "extract.csv")

    assert sorted(rewritten.extract.cases["local_authority"].unique()) == ["Dudley", "Sandwell", "Walsall", "Wolverhampton"]
    pd.testing.assert_frame_equal(rewritten.extract.cases, sample.extract.cases)
    assert rewritten.extract.data_quality.warnings == sample.extract.data_quality.warnings
    assert kpis.months_with_data(rewritten.extract.cases) == kpis.months_with_data(sample.extract.cases)


def _one_authority_extract(tmp_path: Path, names: list[str]) -> Path:
    return _write(tmp_path / "extract.csv", [(name, "care order", "court_capacity") for name in names])


def test_a_trust_serving_several_councils_stops_validation_with_the_line_to_add(tmp_path):
    path = _one_authority_extract(tmp_path, ["Achieving for Children", "Achieving for Children", "Richmond upon Thames"])
    with pytest.raises(InputError) as caught:
        load_extract(path, local_authorities=["Richmond upon Thames", "Hounslow"])
    [problem] = caught.value.problems
    assert problem.where == "rows 2, 3" and problem.key == "local_authority"
    assert "Kingston upon Thames, Richmond upon Thames, Windsor and Maidenhead" in problem.message
    # The board has one of the councils: that one is the line to add.
    assert 'this line: values: {local_authority: {"Achieving for Children": Richmond upon Thames}}' in problem.hint
    # With the board's mapping, it loads, counted under that council.
    mapped = load_extract(path, local_authorities=["Richmond upon Thames", "Hounslow"],
                          values={"local_authority": {"Achieving for Children": "Richmond upon Thames"}})
    assert set(mapped.cases["local_authority"]) == {"Richmond upon Thames"}


def test_northamptonshire_childrens_trust_lists_both_councils(tmp_path):
    path = _one_authority_extract(tmp_path, ["Northamptonshire Children's Trust"])
    with pytest.raises(InputError) as caught:
        load_extract(path, local_authorities=["North Northamptonshire", "West Northamptonshire"])
    hint = caught.value.problems[0].hint
    assert "one of these lines" in hint
    assert "North Northamptonshire}} or values: {local_authority: {\"Northamptonshire Children's Trust\": West Northamptonshire}}" in hint


def test_an_abolished_council_is_counted_as_itself_with_the_line_that_maps_it_to_a_successor(tmp_path):
    path = _one_authority_extract(tmp_path, ["Northamptonshire County Council", "928", "West Northamptonshire"])
    extract = load_extract(path, local_authorities=["West Northamptonshire"])
    assert sorted(extract.cases["local_authority"]) == ["Northamptonshire", "Northamptonshire", "West Northamptonshire"]
    [note] = [w for w in extract.data_quality.warnings if "abolished" in w]
    assert "abolished on 1 April 2021" in note and "2 rows" in note
    assert ('values: {local_authority: {"Northamptonshire County Council": West Northamptonshire, "928": West Northamptonshire}} '
            "(or North Northamptonshire)") in note
    mapped = load_extract(path, local_authorities=["West Northamptonshire"], values={"local_authority": {
        "928": "West Northamptonshire", "Northamptonshire County Council": "West Northamptonshire"}})
    assert set(mapped.cases["local_authority"]) == {"West Northamptonshire"}
    assert not [w for w in mapped.data_quality.warnings if "abolished" in w]


def test_dorset_county_council_by_name_and_by_code_are_counted_together(tmp_path):
    extract = load_extract(_one_authority_extract(tmp_path, ["Dorset County Council", "835", "E10000009"]))
    assert set(extract.cases["local_authority"]) == {"Dorset County Council (to 2019)"}


def test_a_pre_proceedings_logs_headers_are_listed_once(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("Family,LA,Letter,Ended,Why\nF1,Walsall,01/02/2024,,\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_pre_proceedings(path, PreProceedingsLog(file="log.csv"), BOARD)
    hints = [p.hint for p in caught.value.problems]
    assert len(hints) == 5
    assert sum("Family, LA, Letter, Ended, Why" in h for h in hints) == 1
    assert sum("Your header" in h for h in hints) == 1


def test_the_line_to_map_poole_reads_back_in_yaml_as_its_successor(tmp_path):
    """Unquoted, "Bournemouth, Christchurch and Poole" split at its comma: the copied line mapped Poole
    to "Bournemouth" and left a stray key. Every suggested line must read back as written."""
    import re

    import yaml

    path = _one_authority_extract(tmp_path, ["Poole"])
    extract = load_extract(path, local_authorities=["Bournemouth, Christchurch and Poole"])
    [note] = [w for w in extract.data_quality.warnings if "abolished" in w]
    line = re.search(r"values: \{local_authority: \{.*?\}\}", note).group(0)
    assert yaml.safe_load(line.removeprefix("values: ")) == {"local_authority": {"Poole": "Bournemouth, Christchurch and Poole"}}
