"""lfjb/process_exit.py: out of the process with the right status, the atexit handlers run, no teardown."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from lfjb.process_exit import exit_status


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (2, 2), (130, 130)])
def test_the_status_is_what_sys_exit_gives(code, status):
    assert exit_status(code) == status


def test_a_message_is_left_to_sys_exit(tmp_path):
    """sys.exit("...") prints the message and exits 1; exit_now leaves such a code to sys.exit."""
    assert exit_status("could not go on") is None
    done = run_python("from lfjb.process_exit import exit_now; exit_now('could not go on')")
    assert done.returncode == 1 and done.stderr == "could not go on\n"


def test_handlers_threads_and_output_are_finished_and_the_teardown_skipped(tmp_path):
    """What a normal exit does that matters is done (atexit handlers, a non-daemon thread, buffered
    output); what it then does to tear the interpreter down is not (a module-level object's __del__,
    which a normal exit runs, does not run)."""
    handler, thread_file, teardown = tmp_path / "handler", tmp_path / "thread", tmp_path / "teardown"
    done = run_python(f"""
        import atexit, threading, time
        from pathlib import Path
        from lfjb.process_exit import exit_now

        class TornDown:
            def __del__(self):
                Path({str(teardown)!r}).write_text("torn down")

        kept = TornDown()
        atexit.register(lambda: Path({str(handler)!r}).write_text("ran"))
        def slow():
            time.sleep(0.3)
            Path({str(thread_file)!r}).write_text("finished")
        threading.Thread(target=slow).start()
        print("x" * 100_000, end="")
        exit_now(3)
    """)
    assert done.returncode == 3, done.stderr
    assert done.stdout == "x" * 100_000
    assert handler.read_text() == "ran" and thread_file.read_text() == "finished"
    assert not teardown.exists()


def test_the_command_exits_with_its_own_status():
    """`python -m lfjb` goes through `lfjb.cli.run`: 0 for --version, 2 for a usage error."""
    version = subprocess.run([sys.executable, "-m", "lfjb", "--version"], capture_output=True, text=True, timeout=120)
    assert version.returncode == 0 and version.stdout.startswith("lfjb ")
    usage = subprocess.run([sys.executable, "-m", "lfjb", "pack"], capture_output=True, text=True, timeout=120)
    assert usage.returncode == 2 and "--month" in usage.stderr


def test_the_command_runs_with_the_cyclic_collector_off():
    """`lfjb.cli.run` turns Python's cyclic collector off for the command (its docstring says why);
    the library's own calls (the Typer app, make_packs) leave it as they found it."""
    done = run_python("""
        import gc, sys
        import lfjb.process_exit
        lfjb.process_exit.exit_now = lambda code=None: (print(gc.isenabled(), code), sys.exit(0))
        sys.argv = ["lfjb", "--version"]
        from lfjb.cli import run
        run()
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "False 0"


def test_an_executor_still_held_does_not_keep_the_process_waiting(tmp_path):
    """A thread pool still referenced at exit: Python's exit wakes its idle workers before waiting for
    them; so does exit_now (its own join loop waited for ever)."""
    done = run_python("""
        from concurrent.futures import ThreadPoolExecutor
        from lfjb.process_exit import exit_now

        pool = ThreadPoolExecutor(2)
        assert pool.submit(lambda: 41 + 1).result() == 42
        exit_now(0)
    """)
    assert done.returncode == 0, done.stderr
