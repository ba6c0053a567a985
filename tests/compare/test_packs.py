"""Reading the pack JSON files boards send in (lfjb/compare/packs.py): every problem named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from compare_data import MONTH, fake_pack

from lfjb.compare.packs import read_pack_files
from lfjb.inputs.errors import InputError
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
    packs = read_pack_files(tmp_path, MONTH)
    assert [p["board"]["slug"] for _, p in packs] == ["alpha", "bravo"]


def test_a_pack_whose_content_is_for_another_month_is_named(tmp_path):
    path = _write(tmp_path, fake_pack("alpha", month=Month(2025, 2)), month="2025-03")
    with pytest.raises(InputError) as exc:
        read_pack_files(tmp_path, MONTH)
    assert path.name in _messages(exc.value)
    assert "is for 2025-02, but its file name says 2025-03" in _messages(exc.value)


def test_a_named_board_without_a_pack_is_named(tmp_path):
    _write(tmp_path, fake_pack("alpha"))
    with pytest.raises(InputError) as exc:
        read_pack_files(tmp_path, MONTH, ["alpha", "bravo"])
    assert "no pack from board 'bravo'" in _messages(exc.value)


def test_a_board_with_packs_only_for_other_months_is_named(tmp_path):
    _write(tmp_path, fake_pack("alpha"))
    _write(tmp_path, fake_pack("bravo", month=Month(2025, 1)))
    with pytest.raises(InputError) as exc:
        read_pack_files(tmp_path, MONTH)
    assert "board 'bravo' sent no pack for 2025-03; its packs are for 2025-01" in _messages(exc.value)
    # Naming the boards to compare leaves it out.
    assert len(read_pack_files(tmp_path, MONTH, ["alpha"])) == 1


def test_superseded_packs_in_previous_are_ignored_but_duplicates_are_not(tmp_path):
    path = _write(tmp_path, fake_pack("alpha"))
    old = path.parent / "previous" / "20250401T0900" / path.name
    old.parent.mkdir(parents=True)
    old.write_text(path.read_text())
    assert len(read_pack_files(tmp_path, MONTH)) == 1
    copy = tmp_path / "inbox" / path.name
    copy.parent.mkdir()
    copy.write_text(path.read_text())
    with pytest.raises(InputError) as exc:
        read_pack_files(tmp_path, MONTH)
    assert "has 2 packs for 2025-03" in _messages(exc.value)


def test_broken_and_incomplete_packs_are_reported_together(tmp_path):
    bad = tmp_path / "alpha-pack-2025-03.json"
    bad.write_text("{not json", encoding="utf-8")
    pack = fake_pack("bravo")
    del pack["rolling_12"], pack["drivers"]
    _write(tmp_path, pack)
    with pytest.raises(InputError) as exc:
        read_pack_files(tmp_path, MONTH)
    text = _messages(exc.value)
    assert "alpha-pack-2025-03.json" in text and "is not valid JSON" in text
    assert "the pack has no rolling_12, drivers sections" in text


def test_an_empty_or_missing_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="holds no pack JSON files"):
        read_pack_files(tmp_path, MONTH)
    with pytest.raises(InputError, match="folder not found"):
        read_pack_files(tmp_path / "nope", MONTH)


def test_no_pack_at_all_for_the_month_is_one_problem(tmp_path):
    _write(tmp_path, fake_pack("alpha", month=Month(2025, 2)))
    _write(tmp_path, fake_pack("bravo", month=Month(2025, 2)))
    with pytest.raises(InputError) as exc:
        read_pack_files(tmp_path, MONTH)
    assert len(exc.value.problems) == 1
    assert "holds no packs for 2025-03; the packs here are for 2025-02" in _messages(exc.value)
