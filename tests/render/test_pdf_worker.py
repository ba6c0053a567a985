"""The comparison's PDF worker (lfjb/render/pdf_worker.py): a spawned process that imports it ignores
Ctrl-C from its first import, by the one rule in lfjb.workflows.processes."""

from __future__ import annotations

import multiprocessing
import signal


def _sigint_handler_after_import(answer) -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # as a terminal would start it (a test runner may not)
    import lfjb.render.pdf_worker  # noqa: F401  (the import alone must set it)

    answer.put(signal.getsignal(signal.SIGINT) == signal.SIG_IGN)


def test_a_spawned_worker_ignores_ctrl_c_once_it_imports_the_pdf_worker():
    context = multiprocessing.get_context("spawn")
    answer = context.Queue()
    process = context.Process(target=_sigint_handler_after_import, args=(answer,))
    process.start()
    try:
        assert answer.get(timeout=60) is True
    finally:
        process.join(10)


def test_the_main_process_keeps_ctrl_c_after_importing_the_pdf_worker():
    before = signal.getsignal(signal.SIGINT)
    import lfjb.render.pdf_worker  # noqa: F401

    assert signal.getsignal(signal.SIGINT) == before
