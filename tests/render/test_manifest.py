"""lfjb/render/manifest.py: the outputs a manifest lists, read in one place."""

from __future__ import annotations

from pathlib import Path

from lfjb.render.manifest import edited_outputs, keep_previous, manifest_outputs

LFJB = Path(__file__).parents[2] / "lfjb"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "wolverhampton" / "2025-03"
    folder.mkdir(parents=True)
    (folder / "w-pack-2025-03.json").write_text("{}", encoding="utf-8")
    (folder / "w-summary-2025-03.html").write_text("<p>", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("not the pack's", encoding="utf-8")
    return folder


MANIFEST = {"created": "2025-04-01T09:00:00+00:00", "outputs": {
    "json": {"file": "w-pack-2025-03.json", "sha256": "x"},
    "html": {"file": "w-summary-2025-03.html"},
    "pdf": {"file": "w-board-pack-2025-03.pdf"},      # not there any more
    "ods": {"file": "../../outside.txt"},             # names a file outside the pack's folder
    "xlsx": "w-pack-2025-03.xlsx",                    # not a record
}}


def test_manifest_outputs_are_the_files_in_the_folder_itself(tmp_path):
    folder = _folder(tmp_path)
    found = manifest_outputs(MANIFEST, folder)
    assert {fmt: path.name for fmt, (path, _) in found.items()} == {"json": "w-pack-2025-03.json", "html": "w-summary-2025-03.html"}
    assert found["json"][1]["sha256"] == "x"
    assert manifest_outputs({"outputs": ["w-pack-2025-03.json"]}, folder) == {} and manifest_outputs({}, folder) == {}


def test_the_readers_of_a_manifest_share_that_one_list(tmp_path):
    folder = _folder(tmp_path)
    # Both listed files differ from their (missing or wrong) hashes; the outside file is never read.
    assert edited_outputs(MANIFEST, folder) == ["json", "html"]
    (folder / "manifest.json").write_text("{}", encoding="utf-8")
    kept = keep_previous(folder, MANIFEST)
    assert sorted(p.name for p in kept.iterdir()) == ["manifest.json", "w-pack-2025-03.json", "w-summary-2025-03.html"]


def test_outputs_in_the_folder_are_looped_over_in_one_place():
    sources = {p.relative_to(LFJB).as_posix(): p.read_text(encoding="utf-8") for p in LFJB.rglob("*.py")}
    assert sorted(name for name, text in sources.items() if 'get("outputs"' in text or '["outputs"]' in text) == ["render/manifest.py"]
