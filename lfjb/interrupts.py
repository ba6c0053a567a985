"""Ctrl-C in worker processes, in one home that every room may import (it imports nothing of lfjb's):
the parent alone handles Ctrl-C and stops its workers (lfjb.workflows.processes); a worker ignores it."""

from __future__ import annotations

import multiprocessing
import signal


def ignore_interrupts() -> None:
    """In a worker: Ctrl-C is the parent's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def ignore_interrupts_if_spawned() -> None:
    """Ignore Ctrl-C when this is a spawned worker, at import: spawn imports the worker's function's module
    before anything else of lfjb's, so a Ctrl-C while the worker is still starting prints no traceback.
    (The parent cannot hand SIG_IGN down: while it is set there, a Ctrl-C delivered to any of the parent's
    threads would be lost, and the run would go on.)"""
    if multiprocessing.parent_process() is not None:
        ignore_interrupts()

