"""Worker processes that a run can always stop, and that cannot take a batch down with them.

`run_each` renders jobs in a few spawned processes, one job at a time each, so the parent always knows
which job a process holds: a process that dies (the out-of-memory killer, `kill -9`) fails only its own
job, and the others carry on in a new process. Workers ignore Ctrl-C (the terminal sends it to every
process of the command): the parent alone decides, stops every worker and says so, instead of a
worker's traceback or a parent waiting for a worker that waits for work. `stopping_on_sigterm` turns
SIGTERM into `Stopped`, so the same clean-up runs (no worker left running under PID 1).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, BinaryIO

from lfjb.interrupts import ignore_interrupts, ignore_interrupts_if_spawned

STOP_WAIT_SECONDS = 3  # how long a worker asked to stop (SIGTERM) gets before it is killed (SIGKILL)


class Stopped(BaseException):
    """The run was asked to stop by a signal (SIGTERM; Ctrl-C stays KeyboardInterrupt). A BaseException,
    like KeyboardInterrupt, so no `except Exception` swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise_stopped(signum: int, _frame: object) -> None:
    raise Stopped(signum)


def stop_on_sigterm() -> None:
    """From now on SIGTERM raises Stopped in the main thread (call it once, where the program starts)."""
    signal.signal(signal.SIGTERM, _raise_stopped)


ignore_interrupts_if_spawned()  # lfjb.interrupts: a spawned worker ignores Ctrl-C from its first import


# The longest the main thread waits in one call: a signal caught by another of its threads (the chart
# engine's, rich's) does not wake a blocked main thread, which runs Python's handlers only between calls.
WAKE_SECONDS = 0.2


def result_of(future: Future) -> Any:
    """`future.result()`, waking often enough for Ctrl-C or SIGTERM to stop the wait at once."""
    while True:
        try:
            return future.result(timeout=WAKE_SECONDS)
        except FutureTimeout:
            continue


@contextlib.contextmanager
def stderr_to(target: BinaryIO) -> Iterator[None]:
    """Processes started in this block write their stderr to `target` (a file), not the terminal. A
    worker stopped by Ctrl-C while Python is still starting in it (before it can ignore the signal)
    prints a traceback; the parent shows a worker's stderr only after a run that was not stopped
    (`show_stderr`)."""
    sys.stderr.flush()
    saved = os.dup(2)
    os.dup2(target.fileno(), 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def show_stderr(target: BinaryIO) -> None:
    """What the workers wrote to `target` (warnings), on this process's stderr."""
    target.seek(0)
    if said := target.read():
        sys.stderr.write(said.decode("utf-8", "replace"))
        sys.stderr.flush()


def stop_processes(processes: Sequence[Any]) -> None:
    """Ask every process to stop (SIGTERM), wait a little, then kill those still running."""
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(STOP_WAIT_SECONDS)
        if process.is_alive():
            process.kill()
            process.join()


def _serve(function: Callable[[Any], Any], jobs: Connection) -> None:
    """A worker's life: run `function` on each job received, send back ("ok", result) or ("error", words)."""
    ignore_interrupts()
    while True:
        try:
            job = jobs.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            answer = ("ok", function(job))
        except Exception as exc:  # noqa: BLE001 - reported against the job by the parent
            answer = ("error", f"{type(exc).__name__}: {exc}", traceback.format_exc())
        jobs.send(answer)


@dataclass
class _Worker:
    process: Any
    conn: Connection


def _died(process: Any) -> str:
    process.join(1)
    code = process.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else f"signal {-code}"
        how = f"was killed ({name}{', perhaps for want of memory' if -code == signal.SIGKILL else ''})"
    else:
        how = f"ended unexpectedly (exit code {code})"
    return f"the process rendering it {how}"


def run_each(function: Callable[[Any], Any], jobs: Sequence[tuple[str, Any]], workers: int,
             done: Callable[[str], None] | None = None) -> dict[str, tuple[Any, str | None]]:
    """{key: (result, None) or (None, the error in words)} for every (key, job), run in up to `workers`
    spawned processes. `function` must be importable by name (spawn). Whatever stops this call
    (Ctrl-C, Stopped, an error) stops every worker before it returns or raises."""
    context = multiprocessing.get_context("spawn")  # not fork: the parent may run the chart engine's threads
    waiting = list(jobs)
    results: dict[str, tuple[Any, str | None]] = {}
    stack = contextlib.ExitStack()
    busy: dict[int, tuple[_Worker, str]] = {}  # process sentinel -> (worker, key of its job)
    idle: list[_Worker] = []
    everyone: list[_Worker] = []

    def start() -> _Worker:
        ours, theirs = context.Pipe()
        process = context.Process(target=_serve, args=(function, theirs), daemon=True)
        with stderr_to(said):
            process.start()
        theirs.close()
        worker = _Worker(process, ours)
        everyone.append(worker)
        return worker

    def finished(key: str, outcome: tuple[Any, str | None]) -> None:
        results[key] = outcome
        if done:
            done(key)

    said = stack.enter_context(tempfile.TemporaryFile())
    try:
        while waiting or busy:
            while waiting and len(busy) < workers:
                key, job = waiting.pop(0)
                worker = idle.pop() if idle else start()
                try:
                    worker.conn.send(job)
                except OSError:  # an idle worker that died between jobs: the job goes to a new one
                    worker.conn.close()
                    waiting.insert(0, (key, job))
                    continue
                busy[worker.process.sentinel] = (worker, key)
            ready = set(wait([w.conn for w, _ in busy.values()] + list(busy), timeout=WAKE_SECONDS))
            for sentinel, (worker, key) in list(busy.items()):
                if worker.conn not in ready and sentinel not in ready:
                    continue
                try:
                    answer = worker.conn.recv() if worker.conn.poll() else None
                except (EOFError, OSError):
                    answer = None
                del busy[sentinel]
                if answer is None:  # the process died with the job
                    finished(key, (None, _died(worker.process)))
                    worker.conn.close()
                elif answer[0] == "ok":
                    finished(key, (answer[1], None))
                    idle.append(worker)
                else:
                    finished(key, (None, answer[1]))
                    idle.append(worker)
        for worker in idle:
            with contextlib.suppress(OSError):
                worker.conn.send(None)  # no more work: end
        stop_processes([w.process for w in everyone])  # they have ended, or end now
        show_stderr(said)
    finally:
        stop_processes([w.process for w in everyone])  # after a clean end they have ended already
        for worker in everyone:
            worker.conn.close()
        stack.close()
    return results
