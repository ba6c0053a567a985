"""Ending the `lfjb` process without Python's teardown, once everything is written.

When a command has finished, every file is written and closed; a normal exit then tears the
interpreter down: a last full pass of the cyclic garbage collector over all the process still holds
(a laid-out PDF's few hundred thousand boxes, pandas, Altair's schema, the chart engine) and freeing
it object by object. That was half a CPU second of a single board's pack, with nothing left to keep.

`exit_now` does what a normal exit does that matters — it waits for the process's other (non-daemon)
threads as Python does (`threading._shutdown`), runs the `atexit` handlers (logging's flush, the clean-ups of multiprocessing, tempfile and
weakref.finalize), flushes standard output and error — and then ends the process with the exit code
`sys.exit` would have given. Off CPython, where the handlers cannot be run first, it is `sys.exit`.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import NoReturn

# What Python itself exits with when standard output cannot be flushed at exit (e.g. a closed pipe).
UNFLUSHED_EXIT = 120


def exit_status(code: object) -> int | None:
    """The status `sys.exit(code)` ends the process with when `code` is None (0) or an int (itself);
    None for anything else, which `sys.exit` prints before exiting 1 (`exit_now` leaves it to sys.exit)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    return None


def exit_now(code: object = None) -> NoReturn:
    """End the process as `sys.exit(code)` would, without tearing the interpreter down."""
    # CPython's own steps of a normal exit: wait for the non-daemon threads (first waking what
    # concurrent.futures' executors wait on), then the atexit handlers.
    shut_threads = getattr(threading, "_shutdown", None)
    run_exit_functions = getattr(atexit, "_run_exitfuncs", None)
    status = exit_status(code)
    if shut_threads is None or run_exit_functions is None or status is None:
        sys.exit(code)
    shut_threads()
    run_exit_functions()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            if stream is sys.stdout and status == 0:
                status = UNFLUSHED_EXIT
    os._exit(status)
