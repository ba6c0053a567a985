"""Signals and dying workers, with real processes (issue 24, items 1, 11 and 12, and Ctrl-C during
compare): `python -m lfjb` is started as a user would, sent SIGINT (to its process group, as a terminal
does) or SIGTERM (to it alone, as `kill` does), or has one of its workers killed; every process it
started must be gone within seconds, the exit code must say what happened, and nothing may be left
half-written. Slow: each test renders PDFs in several processes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GONE_WITHIN = 10  # seconds for every process of the run to end after the signal


@pytest.fixture
def boards(config_dir):
    """The tiny board three times (tiny, tiny-two, tiny-three)."""
    for name in ("tiny-two", "tiny-three"):
        shutil.copy(config_dir / "tiny.yaml", config_dir / f"{name}.yaml")
    return config_dir


def start(args: list[str], cwd: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONFAULTHANDLER": "1"}
    # Ctrl-C as in a terminal: a test run started in the background inherits SIGINT ignored, which the
    # child would keep; its own session, so the test can signal its whole process group.
    return subprocess.Popen([sys.executable, "-m", "lfjb", *args], cwd=cwd, env=env, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def descendants(pid: int) -> set[int]:
    """Every living process below `pid` (read from /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                parents.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def workers(pids: set[int]) -> set[int]:
    """The spawned workers among `pids` (not multiprocessing's resource tracker)."""
    found = set()
    for pid in pids:
        try:
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.add(pid)
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for(condition, seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("waited too long")
        time.sleep(0.05)


def finish(proc: subprocess.Popen, seen: set[int]) -> tuple[int, str]:
    """The exit code and stderr; fails (and cleans up) if the run or any process it started outlives GONE_WITHIN."""
    try:
        _, err = proc.communicate(timeout=GONE_WITHIN)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGABRT)  # PYTHONFAULTHANDLER: where it hung, on stderr
        time.sleep(1)
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail(f"the run hung after the signal:\n{proc.communicate()[1][-3000:]}")
    end = time.monotonic() + GONE_WITHIN
    while any(alive(pid) for pid in seen) and time.monotonic() < end:
        time.sleep(0.1)
    left = [pid for pid in seen if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"worker processes still running after the run ended: {left}"
    return proc.returncode, err


def whole_files_only(out: Path) -> None:
    """No temporary file left, and every file written is complete."""
    assert not [p for p in out.rglob("*") if p.name.endswith(".part")]
    for path in out.rglob("*.json"):
        json.loads(path.read_text())
    for path in out.rglob("*.pdf"):
        assert path.read_bytes().rstrip().endswith(b"%%EOF")


def watch(proc: subprocess.Popen, seen: set[int], until, may_end: bool = False) -> None:
    """Collect the run's processes until `until()` is true (or, when `may_end`, the run has ended)."""
    def check() -> bool:
        seen.update(descendants(proc.pid))
        if may_end and proc.poll() is not None:
            return True
        assert proc.poll() is None, proc.communicate()[1]
        return until()
    wait_for(check)


@pytest.mark.slow
@pytest.mark.parametrize("when", ["workers_started", "rendering", "writing"])
def test_ctrl_c_stops_pack_and_every_worker(boards, tmp_path, when):
    out = tmp_path / "packs"
    proc = start(["pack", "--month", "2025-03", "--config-dir", str(boards), "--out", str(out), "--format", "pdf,json"], tmp_path)
    seen: set[int] = set()
    if when == "writing":  # the end: every board rendered, the files being written (the run may end first)
        watch(proc, seen, lambda: any(out.rglob("*.pdf")), may_end=True)
    else:
        watch(proc, seen, lambda: len(workers(seen)) >= 2)
        if when == "rendering":  # a worker has finished a board and takes the next, or waits for work
            time.sleep(4)
    try:
        os.killpg(proc.pid, signal.SIGINT)  # as the terminal does: to every process of the command
    except ProcessLookupError:  # "writing": the run had already ended
        assert when == "writing"
    code, err = finish(proc, seen)
    assert "Traceback" not in err
    if when == "writing":
        # Stopped while writing (130), at the very end (killed by the signal), or finished before it came
        # (lfjb/process_exit.py ends the process as soon as the last file is written).
        assert code in (0, 130, -signal.SIGINT), err
    else:
        assert code == 130 and "Stopped (Ctrl-C)" in err, err
    whole_files_only(out)


@pytest.mark.slow
def test_sigterm_stops_pack_and_every_worker(boards, tmp_path):
    out = tmp_path / "packs"
    proc = start(["pack", "--month", "2025-03", "--config-dir", str(boards), "--out", str(out), "--format", "pdf"], tmp_path)
    seen: set[int] = set()
    watch(proc, seen, lambda: len(workers(seen)) >= 2)
    time.sleep(1)
    proc.send_signal(signal.SIGTERM)  # to lfjb alone, as `kill` does: the workers would be left under PID 1
    code, err = finish(proc, seen)
    assert code == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    whole_files_only(out)


@pytest.mark.slow
def test_a_killed_render_worker_fails_only_its_board(boards, tmp_path):
    out = tmp_path / "packs"
    proc = start(["pack", "--month", "2025-03", "--config-dir", str(boards), "--out", str(out), "--format", "pdf"], tmp_path)
    seen: set[int] = set()
    watch(proc, seen, lambda: bool(workers(seen)))
    victim = min(workers(seen))  # a worker is given its board as it starts, so it is busy with it now
    os.kill(victim, signal.SIGKILL)  # as the out-of-memory killer would
    _, err = proc.communicate(timeout=180)
    err = " ".join(err.split())  # as one line, however the terminal wrapped it
    assert proc.returncode == 1, err
    assert err.count("could not be written") == 1 and "was killed (SIGKILL" in err, err
    written = sorted(p.name for p in out.rglob("*.pdf"))
    assert len(written) == 2, written  # the other two boards, as the README promises
    whole_files_only(out)


@pytest.fixture
def many_boards(config_dir):
    """Eight tiny boards: enough for compare to start its second process (lfjb.workflows.compare.PARALLEL_FROM)."""
    for n in range(2, 9):
        shutil.copy(config_dir / "tiny.yaml", config_dir / f"tiny-{n}.yaml")
    return config_dir


@pytest.mark.slow
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="compare starts its second process on two cores or more")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_stopped_compare_leaves_no_worker_and_no_traceback(many_boards, tmp_path, signum):
    out = tmp_path / "packs"
    proc = start(["compare", "--month", "2025-03", "--config-dir", str(many_boards), "--out", str(out)], tmp_path)
    seen: set[int] = set()
    watch(proc, seen, lambda: bool(workers(seen)))
    time.sleep(1.5)  # the second process is importing or computing its half of the boards
    if signum == signal.SIGINT:
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal(signal.SIGTERM)
    code, err = finish(proc, seen)
    assert code == 128 + signum, err
    assert "Traceback" not in err, err
    assert not out.exists() or not [p for p in out.rglob("*") if p.is_file()]  # nothing written, whole or half
