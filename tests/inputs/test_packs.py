"""Reading the pack JSON files boards send in (lfjb/inputs/packs.py): every problem named."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

# The comparison tests' hand-made packs (tests/compare/compare_data.py), shared with these reading tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "compare"))
from compare_data import MONTH, fake_pack_json as fake_pack  # noqa: E402

from lfjb.inputs.errors import InputError
from lfjb.inputs.packs import read_pack_files
from lfjb.pack_model import PackModel


def _read(folder, month, boards=None):
    return read_pack_files(folder, month, boards, PackModel.from_json)
from lfjb.month import Month


def _write(folder: Path, pack: dict, month: str | None = None, name: str | None = None) -> Path:
    slug = pack["board"]["slug"]
    month = month or pack["month"]
    path = folder / slug / month / (name or f"{slug}-pack-{month}.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(pack), encoding="utf-8")
    return path


def _messages(exc: InputError) -> str:
    return "\n".join(str(p) for p in exc.problems)


def test_reads_every_pack_for_the_month_recursively(tmp_path):
    _write(tmp_path, fake_pack("alpha"))
    _write(tmp_path, fake_pack("bravo"))
    _write(tmp_path, fake_pack("alpha", month=Month(2025, 2)))  # another month: ignored
    packs = _read(tmp_path, MONTH)
    assert [p.board.slug for _, p in packs] == ["alpha", "bravo"]


def test_a_pack_whose_content_is_for_another_month_is_named(tmp_path):
    path = _write(tmp_path, fake_pack("alpha", month=Month(2025, 2)), month="2025-03")
    with pytest.raises(InputError) as exc:
        _read(tmp_path, MONTH)
    assert path.name in _messages(exc.value)
    assert "is for 2025-02, but its file name says 2025-03" in _messages(exc.value)


def test_a_named_board_without_a_pack_is_named(tmp_path):
    _write(tmp_path, fake_pack("alpha"))
    with pytest.raises(InputError) as exc:
        _read(tmp_path, MONTH, ["alpha", "bravo"])
    assert "no pack from board 'bravo'" in _messages(exc.value)


def test_a_board_with_packs_only_for_other_months_is_named(tmp_path):
    _write(tmp_path, fake_pack("alpha"))
    _write(tmp_path, fake_pack("bravo", month=Month(2025, 1)))
    with pytest.raises(InputError) as exc:
        _read(tmp_path, MONTH)
    assert "board 'bravo' sent no pack for 2025-03; its packs are for 2025-01" in _messages(exc.value)
    # Naming the boards to compare leaves it out.
    assert len(_read(tmp_path, MONTH, ["alpha"])) == 1


def test_superseded_packs_in_previous_are_ignored_but_duplicates_are_not(tmp_path):
    path = _write(tmp_path, fake_pack("alpha"))
    old = path.parent / "previous" / "20250401T0900" / path.name
    old.parent.mkdir(parents=True)
    old.write_text(path.read_text())
    assert len(_read(tmp_path, MONTH)) == 1
    copy = tmp_path / "inbox" / path.name
    copy.parent.mkdir()
    copy.write_text(path.read_text())
    with pytest.raises(InputError) as exc:
        _read(tmp_path, MONTH)
    assert "has 2 packs for 2025-03" in _messages(exc.value)


def test_broken_and_incomplete_packs_are_reported_together(tmp_path):
    bad = tmp_path / "alpha-pack-2025-03.json"
    bad.write_text("{not json", encoding="utf-8")
    pack = fake_pack("bravo")
    del pack["rolling_12"], pack["drivers"]
    _write(tmp_path, pack)
    with pytest.raises(InputError) as exc:
        _read(tmp_path, MONTH)
    text = _messages(exc.value)
    assert "alpha-pack-2025-03.json" in text and "is not valid JSON" in text
    assert "the pack has no rolling_12, drivers sections" in text


def test_an_empty_or_missing_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="holds no pack JSON files"):
        _read(tmp_path, MONTH)
    with pytest.raises(InputError, match="folder not found"):
        _read(tmp_path / "nope", MONTH)


def test_no_pack_at_all_for_the_month_is_one_problem(tmp_path):
    _write(tmp_path, fake_pack("alpha", month=Month(2025, 2)))
    _write(tmp_path, fake_pack("bravo", month=Month(2025, 2)))
    with pytest.raises(InputError) as exc:
        _read(tmp_path, MONTH)
    assert len(exc.value.problems) == 1
    assert "holds no packs for 2025-03; the packs here are for 2025-02" in _messages(exc.value)


# --- malformed pack JSON (issue 12): a located message and exit 2, never a traceback ------------------


def _write_text(folder: Path, slug: str, text: str) -> Path:
    path = folder / slug / "2025-03" / f"{slug}-pack-2025-03.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _broken(tmp_path: Path, mutate) -> InputError:
    """Two good packs and one mutated by `mutate(pack)`: the problems raised reading the folder."""
    _write(tmp_path, fake_pack("alpha"))
    _write(tmp_path, fake_pack("bravo", "comparator"))
    pack = fake_pack("charlie")
    mutate(pack)
    _write(tmp_path, pack)
    with pytest.raises(InputError) as exc:
        _read(tmp_path, MONTH)
    return exc.value


def _only_problem(exc: InputError, key: str, words: str) -> None:
    assert len(exc.problems) == 1, _messages(exc)
    problem = exc.problems[0]
    assert problem.file.endswith("charlie-pack-2025-03.json") and problem.key == key, str(problem)
    assert words in problem.message, str(problem)


def test_kpis_as_a_list_names_the_key(tmp_path):
    exc = _broken(tmp_path, lambda p: p.update(kpis=[]))
    _only_problem(exc, "kpis", "expected an object")


def test_text_where_a_number_belongs_names_the_key(tmp_path):
    def mutate(pack):
        pack["trend"][3]["mean_weeks"] = "41.2"
    exc = _broken(tmp_path, mutate)
    _only_problem(exc, "trend[3].mean_weeks", 'found the text "41.2"')


def test_a_section_the_model_holds_typed_names_its_key(tmp_path):
    # Parts the comparison does not check one by one are still read into the PackModel's types.
    exc = _broken(tmp_path, lambda p: p.update(journey={"stages": "none"}))
    _only_problem(exc, "journey.stages", "expected a list, found the text")
    exc = _broken(tmp_path / "2", lambda p: p.update(as_of="31 March 2025"))
    _only_problem(exc, "as_of", "expected a date as YYYY-MM-DD")


def test_a_good_pack_reads_as_the_model_with_months_as_months(tmp_path):
    _write(tmp_path, fake_pack("alpha"))
    [(_, pack)] = _read(tmp_path, MONTH)
    assert pack.month == MONTH and pack.trend[0].month == MONTH.shift(-23) and pack.board.slug == "alpha"


def test_a_negative_or_fractional_count_names_the_key(tmp_path):
    exc = _broken(tmp_path, lambda p: p["rolling_12"].update(disposed=-4))
    _only_problem(exc, "rolling_12.disposed", "a whole number, 0 or more")


def test_board_as_text_names_the_key(tmp_path):
    pack = fake_pack("charlie")
    pack["board"] = "charlie"
    _write_text(tmp_path, "charlie", json.dumps(pack))
    with pytest.raises(InputError) as exc:
        _read(tmp_path, MONTH)
    _only_problem(exc.value, "board", "expected an object")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(tmp_path, constant):
    text = json.dumps(fake_pack("charlie")).replace('"mean_weeks": 40.0', f'"mean_weeks": {constant}', 1)
    _write_text(tmp_path, "charlie", text)
    with pytest.raises(InputError) as exc:
        _read(tmp_path, MONTH)
    assert len(exc.value.problems) == 1 and constant.lstrip("-") in exc.value.problems[0].message
    assert exc.value.problems[0].file.endswith("charlie-pack-2025-03.json")


def test_a_5000_digit_integer_is_refused_with_its_line(tmp_path):
    text = json.dumps(fake_pack("charlie"), indent=1).replace('"issued": 240', '"issued": ' + "9" * 5000, 1)
    _write_text(tmp_path, "charlie", text)
    with pytest.raises(InputError) as exc:
        _read(tmp_path, MONTH)
    problem = exc.value.problems[0]
    assert "5,000 digits" in problem.message and problem.where.startswith("line ")
    line = int(problem.where.split()[1])
    assert '"issued": 999' in text.splitlines()[line - 1]


def test_a_large_but_readable_integer_is_refused_by_key(tmp_path):
    exc = _broken(tmp_path, lambda p: p["kpis"].update(disposed=10**40))
    _only_problem(exc, "kpis.disposed", "expected a whole number")


def test_deep_nesting_is_refused(tmp_path):
    _write_text(tmp_path, "charlie", '{"board": ' + "[" * 5000 + "]" * 5000 + "}")
    with pytest.raises(InputError) as exc:
        _read(tmp_path, MONTH)
    assert "nested 5,001 levels deep".replace(",", "") in exc.value.problems[0].message.replace(",", "")


def test_cli_gives_exit_2_and_the_located_message_for_each_malformed_pack(tmp_path):
    from typer.testing import CliRunner

    from lfjb.cli import app

    _write(tmp_path, fake_pack("alpha"))
    bad = fake_pack("charlie")
    bad["kpis"] = []
    _write(tmp_path, bad)
    _write_text(tmp_path, "delta", json.dumps(fake_pack("delta")).replace('"pct_within_26": 30.0', '"pct_within_26": NaN', 1))
    result = CliRunner().invoke(app, ["compare", "--month", "2025-03", "--from-packs", str(tmp_path),
                                      "--out", str(tmp_path / "out"), "--format", "json"])
    assert result.exit_code == 2, result.output
    output = result.output.replace("\n", "")  # the terminal wraps long paths
    assert "Traceback" not in output
    assert "charlie-pack-2025-03.json" in output and "'kpis'" in output
    assert "delta-pack-2025-03.json" in output and "NaN" in output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("text", "depth"), [
    ('[[["a[[[["]]]', 3),  # brackets inside a string do not count
    ('{"a": "\\"[[[["}', 1),  # nor after an escaped quote inside one
    ('"unterminated [[[[', 0),  # an unterminated string runs to the end
    ("[1, [2, [3]]]", 3),
    ("]]]", 0),
    ("", 0),
    ("[" * 5001 + "]" * 5001, 5001),
])
def test_nesting_depth_skips_strings(text, depth):
    from lfjb.inputs.packs import max_depth

    assert max_depth(text) == depth


def test_a_pack_file_over_the_size_cap_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import lfjb.inputs.packs as packs

    _write(tmp_path, fake_pack("alpha"))
    monkeypatch.setattr(packs, "MAX_PACK_BYTES", 1000)
    with pytest.raises(InputError) as exc:
        _read(tmp_path, MONTH)
    assert "lfjb reads files of this kind up to" in _messages(exc.value)
