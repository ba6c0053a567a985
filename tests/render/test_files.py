"""Writing outputs (lfjb/render/files.py): all or nothing, and every place that cannot be written in words."""

from __future__ import annotations

import errno

import pytest

from lfjb.render import files
from lfjb.render.files import OutputError, check_writable_folder, write_all_atomic


def test_a_full_disk_half_way_writes_none_of_the_files(tmp_path, disk_full_when):
    (tmp_path / "a.json").write_text("earlier")
    disk_full_when(lambda path: path.name == "b.pdf")
    with pytest.raises(OutputError) as caught:
        write_all_atomic({tmp_path / "a.json": "new", tmp_path / "b.pdf": b"%PDF"})
    assert caught.value.exit_code == 1 and "the disk is full" in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]  # no .part left, b.pdf never appeared
    assert (tmp_path / "a.json").read_text() == "earlier"


@pytest.mark.parametrize(("code", "words", "exit_code"), [
    (errno.EROFS, "it is on a read-only disk", 2),
    (errno.EACCES, "you are not allowed to write there", 2),
    (errno.EDQUOT, "your disk quota is used up", 1),
])
def test_an_unwritable_place_is_said_in_words(tmp_path, monkeypatch, code, words, exit_code):
    def refuse(*args, **kwargs):
        raise OSError(code, "refused")

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError) as caught:
        write_all_atomic({tmp_path / "x.json": "{}"})
    assert f"x.json could not be written: {words}; nothing was written." in str(caught.value)
    assert caught.value.exit_code == exit_code


def test_a_folder_given_as_a_file_and_a_file_given_as_a_folder(tmp_path):
    with pytest.raises(OutputError, match="it is a folder"):
        write_all_atomic({tmp_path: "{}"})
    (tmp_path / "packs").write_text("")
    with pytest.raises(OutputError, match="packs is a file, not a folder"):
        check_writable_folder(tmp_path / "packs" / "comparison" / "2025-03")


def test_a_folder_that_cannot_be_written_is_said_before_any_work(tmp_path, monkeypatch):
    monkeypatch.setattr(files.os, "access", lambda path, mode: False)
    with pytest.raises(OutputError) as caught:
        check_writable_folder(tmp_path / "packs")
    assert "you are not allowed to write there" in str(caught.value) and caught.value.exit_code == 2
    assert not (tmp_path / "packs").exists()
