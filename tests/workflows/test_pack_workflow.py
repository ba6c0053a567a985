"""The pack workflow (lfjb/workflows/pack.py, lfjb/render/manifest.py). Trustworthy outputs: atomic writes, manifests, up-to-date re-runs, kept earlier packs, and one
failing board not stopping the others."""

from __future__ import annotations

import hashlib
import json
import os

import pytest

from lfjb.render import manifest
from lfjb.render.manifest import MANIFEST_NAME
from lfjb.workflows import pack as build
from lfjb.workflows.pack import build_packs, load_boards, write_packs
from lfjb.month import Month
from lfjb.render.files import OutputError, pack_paths, write_atomic

MARCH = Month(2025, 3)


@pytest.fixture
def config_dir(config_dir):
    """Two boards (tiny and tiny-two) sharing the tiny inputs."""
    (config_dir / "tiny-two.yaml").write_text((config_dir / "tiny.yaml").read_text())
    return config_dir


def run(config_dir, out, force=False, formats=("json",)):
    """Outcomes in the order tiny, tiny-two."""
    boards = load_boards(None, config_dir)
    outcomes = write_packs(boards, build_packs(boards, MARCH), out, list(formats), force=force)
    return sorted(outcomes, key=lambda o: o.slug != "tiny")


def test_manifest_records_inputs_and_outputs(config_dir, tmp_path):
    out = tmp_path / "packs"
    [first, _] = run(config_dir, out)
    assert first.status == "written"
    manifest = json.loads((out / "tiny" / "2025-03" / MANIFEST_NAME).read_text())
    extract = config_dir / "data" / "extract.csv"
    assert manifest["inputs"]["extract"]["sha256"] == hashlib.sha256(extract.read_bytes()).hexdigest()
    assert set(manifest["inputs"]) == {"terms_of_reference", "actions", "extract"}
    json_file = pack_paths(out, "tiny", MARCH)["json"]
    assert manifest["outputs"]["json"] == {"file": json_file.name, "sha256": hashlib.sha256(json_file.read_bytes()).hexdigest(), "bytes": json_file.stat().st_size}
    assert manifest["month"] == "2025-03" and manifest["lfjb_version"]
    # Paths as the terms of reference give them, relative to its folder: no absolute paths.
    assert manifest["inputs"]["extract"]["path"] == "data/extract.csv"
    assert manifest["inputs"]["terms_of_reference"]["path"] == "tiny.yaml"
    assert not any(str(entry["path"]).startswith("/") for entry in manifest["inputs"].values())


def test_unchanged_inputs_rewrite_nothing(config_dir, tmp_path):
    out = tmp_path / "packs"
    run(config_dir, out)
    json_file = pack_paths(out, "tiny", MARCH)["json"]
    before = json_file.stat().st_mtime_ns
    outcomes = run(config_dir, out)
    assert [o.status for o in outcomes] == ["up_to_date", "up_to_date"]
    assert json_file.stat().st_mtime_ns == before


def test_force_rebuilds(config_dir, tmp_path):
    out = tmp_path / "packs"
    run(config_dir, out)
    outcomes = run(config_dir, out, force=True)
    assert [o.status for o in outcomes] == ["written", "written"]
    assert not (out / "tiny" / "2025-03" / "previous").exists()  # same inputs: nothing to keep


def test_changed_inputs_keep_the_earlier_pack(config_dir, tmp_path):
    out = tmp_path / "packs"
    run(config_dir, out)
    old = pack_paths(out, "tiny", MARCH)["json"].read_text()
    log = config_dir / "data" / "actions.yaml"
    log.write_text(log.read_text().replace("status: not_started", "status: complete\n    completed: 2025-03-20", 1))
    [tiny, _] = run(config_dir, out)
    assert tiny.status == "rebuilt" and tiny.changed_inputs == ["actions"]
    kept = tiny.kept_previous
    assert kept.parent.name == "previous"
    assert (kept / "tiny-pack-2025-03.json").read_text() == old
    assert json.loads((kept / MANIFEST_NAME).read_text())["outputs"]["json"]["file"] == "tiny-pack-2025-03.json"
    assert pack_paths(out, "tiny", MARCH)["json"].read_text() != old


def test_one_failing_board_does_not_stop_the_others(config_dir, tmp_path, monkeypatch):
    real = build.render_pack

    def render_or_fail(pack, formats):
        if pack.board["slug"] == "tiny":
            raise RuntimeError("renderer crashed")
        return real(pack, formats)

    monkeypatch.setattr(build, "render_pack", render_or_fail)
    out = tmp_path / "packs"
    tiny, two = run(config_dir, out)
    assert tiny.status == "failed" and "renderer crashed" in tiny.error
    assert two.status == "written" and pack_paths(out, "tiny-two", MARCH)["json"].is_file()
    assert not (out / "tiny").exists()  # nothing half-written for the failed board


def test_failing_board_gives_exit_code_1(config_dir, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from lfjb.cli import app

    def boom(pack, formats, board=None):
        raise RuntimeError("disk full")

    monkeypatch.setattr(build, "render_pack", boom)
    result = CliRunner().invoke(app, ["pack", "--month", "2025-03", "--config-dir", str(config_dir), "--out", str(tmp_path / "p"), "--format", "json"])
    assert result.exit_code == 1
    assert "tiny" in result.output and "disk full" in result.output


def test_atomic_write_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "out" / "pack.json"
    write_atomic(target, "old contents")

    def fail_replace(src, dst):
        raise OSError("interrupted")

    monkeypatch.setattr("lfjb.render.files.os.replace", fail_replace)
    with pytest.raises(OutputError, match="interrupted"):
        write_atomic(target, "new contents")
    assert target.read_text() == "old contents"
    assert [p.name for p in target.parent.iterdir()] == ["pack.json"]  # the temporary file is gone


def test_slug_cannot_escape_the_output_folder(tmp_path):
    with pytest.raises(ValueError):
        pack_paths(tmp_path, "../../etc", MARCH)


# --- Issue 12: what counts as a change, leftovers, interrupted moves, two runs at once -----------------


def test_a_new_lfjb_version_keeps_the_earlier_pack(config_dir, tmp_path, monkeypatch):
    # Item 8: an upgrade rewrote packs in place, so figures members already had could change unseen.
    out = tmp_path / "packs"
    run(config_dir, out)
    monkeypatch.setattr(manifest, "__version__", "99.0.0")
    [tiny, _] = run(config_dir, out)
    assert tiny.status == "rebuilt" and tiny.kept_previous is not None
    assert any("lfjb version changed" in r and "99.0.0" in r for r in tiny.reasons)
    assert (tiny.kept_previous / "tiny-pack-2025-03.json").is_file()


def test_a_pack_edited_by_hand_is_kept_before_rebuilding(config_dir, tmp_path):
    out = tmp_path / "packs"
    run(config_dir, out)
    json_file = pack_paths(out, "tiny", MARCH)["json"]
    json_file.write_text(json_file.read_text().replace('"month"', '"month" ', 1))
    edited = json_file.read_text()
    [tiny, _] = run(config_dir, out)
    assert tiny.status == "rebuilt" and any("JSON file was changed" in r for r in tiny.reasons)
    assert (tiny.kept_previous / json_file.name).read_text() == edited


def test_a_comment_in_the_terms_of_reference_is_not_a_change(config_dir, tmp_path):
    # Item 9: a comment-only edit sent a byte-identical pack to previous/.
    out = tmp_path / "packs"
    run(config_dir, out)
    terms = config_dir / "tiny.yaml"
    terms.write_text("# reviewed at the March meeting\n" + terms.read_text().replace("quorum: 4", "quorum: 4   # four members"))
    log = config_dir / "data" / "actions.yaml"
    log.write_text("# action log\n" + log.read_text())
    outcomes = run(config_dir, out)
    assert [o.status for o in outcomes] == ["up_to_date", "up_to_date"]
    terms.write_text(terms.read_text().replace("quorum: 4", "quorum: 5"))
    assert run(config_dir, out)[0].changed_inputs == ["terms_of_reference"]


def test_leftovers_of_a_killed_run_are_removed(config_dir, tmp_path):
    out = tmp_path / "packs"
    run(config_dir, out)
    folder = pack_paths(out, "tiny", MARCH)["json"].parent
    (folder / ".tiny-pack-2025-03.json.abc.part").write_text("half")
    (folder / "previous" / ".20250101T000000.part").mkdir(parents=True)
    run(config_dir, out, force=True)
    assert not list(folder.glob(".*.part")) and not list((folder / "previous").glob(".*.part"))


def test_an_interrupted_move_to_previous_never_splits_the_earlier_pack(config_dir, tmp_path, monkeypatch):
    out = tmp_path / "packs"
    run(config_dir, out, formats=("json",))
    folder = pack_paths(out, "tiny-two", MARCH)["json"].parent  # tiny-two is written first
    earlier = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}
    log = config_dir / "data" / "actions.yaml"
    log.write_text(log.read_text().replace("status: not_started", "status: complete\n    completed: 2025-03-20", 1))
    calls = []

    def killed_after_one(source, target):
        if calls:
            raise KeyboardInterrupt  # the run is killed half-way through gathering the earlier pack
        calls.append(source)
        os.link(source, target)

    monkeypatch.setattr(manifest, "_copy_into", killed_after_one)
    with pytest.raises(KeyboardInterrupt):
        run(config_dir, out, formats=("json",))
    # The earlier pack is still whole where it was, and previous/ holds no part of it.
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")} == earlier
    assert not [p for p in (folder / "previous").iterdir() if not p.name.startswith(".")]
    monkeypatch.undo()
    [_, two] = run(config_dir, out, formats=("json",))
    assert two.status == "rebuilt"
    assert {p.name: p.read_bytes() for p in two.kept_previous.iterdir()} == earlier
    assert [p.name for p in (folder / "previous").iterdir()] == [two.kept_previous.name]


def test_a_busy_board_folder_is_reported_not_overwritten(config_dir, tmp_path, monkeypatch):
    # Item 7: two runs into one --out at once ended in a FileNotFoundError traceback.
    from filelock import FileLock

    out = tmp_path / "packs"
    folder = pack_paths(out, "tiny", MARCH)["json"].parent
    folder.mkdir(parents=True)
    monkeypatch.setattr(build, "LOCK_WAIT_SECONDS", 0.2)
    with FileLock(folder / build.LOCK_NAME):
        [tiny, two] = run(config_dir, out)
    assert tiny.status == "failed" and "busy" in tiny.error
    assert two.status == "written"


def test_two_runs_at_once_take_turns(config_dir, tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    out = tmp_path / "packs"
    run(config_dir, out)
    log = config_dir / "data" / "actions.yaml"
    log.write_text(log.read_text().replace("status: not_started", "status: complete\n    completed: 2025-03-20", 1))
    boards = load_boards(None, config_dir)
    packs = build_packs(boards, MARCH)
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: write_packs(boards, packs, out, ["json"]), range(2)))
    statuses = sorted(o.status for outcomes in results for o in outcomes if o.slug == "tiny")
    assert statuses == ["rebuilt", "up_to_date"]  # the second waited, then found the pack current
    folder = pack_paths(out, "tiny", MARCH)["json"].parent
    assert len(list((folder / "previous").iterdir())) == 1


def test_outputs_follow_the_umask_not_0600(config_dir, tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        run(config_dir, tmp_path / "packs")
    finally:
        os.umask(old)
    json_file = pack_paths(tmp_path / "packs", "tiny", MARCH)["json"]
    assert stat.S_IMODE(json_file.stat().st_mode) == 0o644


def test_an_extract_replaced_during_a_run_is_not_called_up_to_date(config_dir, tmp_path):
    # Issue 24.5: the inputs were hashed after the figures were worked out, so an extract replaced in
    # between was recorded as the one the pack came from, and the next run called the stale pack current.
    out = tmp_path / "packs"
    boards = load_boards(None, config_dir)  # the figures come from the extract as it is now
    extract = config_dir / "data" / "extract.csv"
    extract.write_text(extract.read_text().replace("C3,Southshire,15/03/2025,,3", "C3,Southshire,15/03/2025,,4"))
    write_packs(boards, build_packs(boards, MARCH), out, ["json"])
    [tiny, _] = run(config_dir, out)
    assert tiny.status == "rebuilt" and tiny.changed_inputs == ["extract"]
    assert json.loads(pack_paths(out, "tiny", MARCH)["json"].read_text())["kpis"]["children_issued"] == 4


def test_a_linked_previous_folder_is_not_followed(config_dir, tmp_path):
    out = tmp_path / "packs"
    run(config_dir, out)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ".keep.part").write_text("someone else's file")
    folder = pack_paths(out, "tiny", MARCH)["json"].parent
    (folder / "previous").symlink_to(elsewhere)
    earlier = pack_paths(out, "tiny", MARCH)["json"].read_bytes()
    log = config_dir / "data" / "actions.yaml"
    log.write_text(log.read_text().replace("status: not_started", "status: complete\n    completed: 2025-03-20", 1))
    [tiny, two] = run(config_dir, out)
    assert tiny.status == "failed" and "is a link to another place" in tiny.error
    assert two.status == "rebuilt"
    assert (elsewhere / ".keep.part").read_text() == "someone else's file"  # nothing deleted through the link
    assert [p.name for p in elsewhere.iterdir()] == [".keep.part"]
    assert pack_paths(out, "tiny", MARCH)["json"].read_bytes() == earlier  # the earlier pack not overwritten unkept


@pytest.mark.parametrize("damage", [b"", b'{"lfjb_version": "1', b"[]"])
def test_a_damaged_manifest_still_keeps_the_earlier_pack(config_dir, tmp_path, damage):
    out = tmp_path / "packs"
    run(config_dir, out)
    json_file = pack_paths(out, "tiny", MARCH)["json"]
    earlier = json_file.read_bytes()
    (json_file.parent / MANIFEST_NAME).write_bytes(damage)
    [tiny, _] = run(config_dir, out)
    assert tiny.status == "rebuilt" and "damaged" in tiny.reasons[0]
    assert (tiny.kept_previous / json_file.name).read_bytes() == earlier
    assert json.loads((json_file.parent / MANIFEST_NAME).read_text())["outputs"]["json"]["file"] == json_file.name


def test_pack_out_a_file_is_a_plain_message(config_dir, tmp_path):
    from typer.testing import CliRunner

    from lfjb.cli import app

    (tmp_path / "packs").write_text("not a folder")
    result = CliRunner().invoke(app, ["pack", "--month", "2025-03", "--config-dir", str(config_dir), "--out", str(tmp_path / "packs"), "--format", "json"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "is a file, not a folder; nothing was written" in " ".join(result.output.split())


def test_a_full_disk_leaves_the_board_failed_in_words_and_no_new_file(config_dir, tmp_path, disk_full_when):
    disk_full_when(lambda path: path.suffix == ".html")
    out = tmp_path / "packs"
    tiny, two = run(config_dir, out, formats=("json", "html"))
    assert tiny.status == two.status == "failed"
    assert "could not be written: the disk is full; none of its files were written" in tiny.error
    assert not [p for p in out.rglob("*") if p.is_file() and p.name != build.LOCK_NAME]  # no JSON without its HTML


def test_rendering_pauses_the_cyclic_collector_and_restores_it(monkeypatch):
    """Issue 22, item 4: a pack renders with Python's cyclic collector off (0.3-0.5 CPU s of WeasyPrint's
    layout), and the collector is back as it was afterwards, whether rendering succeeded or failed, and
    stays off for a caller that had turned it off itself."""
    import gc

    seen = []

    def render(pack, formats):
        seen.append(gc.isenabled())
        if formats == ["boom"]:
            raise RuntimeError("renderer crashed")
        return {"json": "{}"}

    monkeypatch.setattr(build, "_render_pack", render)
    assert gc.isenabled()
    try:
        assert build.render_pack(None, ["json"]) == {"json": "{}"}
        assert gc.isenabled()
        with pytest.raises(RuntimeError, match="renderer crashed"):
            build.render_pack(None, ["boom"])
        assert gc.isenabled()
        gc.disable()
        build.render_pack(None, ["json"])
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert seen == [False, False, False]


def test_reading_and_working_out_run_with_the_collector_paused(config_dir, tmp_path, monkeypatch):
    """`make_packs` reads the inputs and works out the figures with the cyclic collector off too, and
    turns it back on when it stops (here: an error while reading)."""
    import gc

    seen = []

    def load(*args, **kwargs):
        seen.append(gc.isenabled())
        raise RuntimeError("unreadable")

    monkeypatch.setattr(build, "load_good_boards", load)
    with pytest.raises(RuntimeError, match="unreadable"):
        build.make_packs(month=MARCH, out=tmp_path / "p", config_dir=config_dir, formats=["json"])
    assert seen == [False] and gc.isenabled()


@pytest.mark.parametrize(("formats", "collections"), [(["html"], 2), (["json"], 0)])
def test_boards_drawn_in_this_process_are_collected_between(monkeypatch, formats, collections):
    """On one core the boards render here, one after another, while the `lfjb` command has the cyclic
    collector off: a drawn pack's cycles (some 50 MB) are collected before the next board, not after the
    last (nor for JSON, which leaves none worth a pass)."""
    import gc
    from types import SimpleNamespace

    from lfjb.workflows import pack as workflow

    monkeypatch.setattr(workflow.os, "cpu_count", lambda: 1)
    monkeypatch.setattr(workflow, "render_pack", lambda pack, formats: {})
    passes = []
    monkeypatch.setattr(gc, "collect", lambda *a: passes.append(a) or 0)
    plans = [SimpleNamespace(board=SimpleNamespace(slug=f"b{i}"), pack=None) for i in range(3)]
    assert set(workflow._render_all(plans, formats, None)) == {"b0", "b1", "b2"}
    assert len(passes) == collections
