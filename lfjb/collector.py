"""Python's cyclic garbage collector paused while lfjb makes many short-lived objects: a neutral module
(it imports nothing of lfjb) so that every room may use it — the pack's workflow, the comparison's, and
the comparison's PDF worker in `lfjb/render/`, which may not import `lfjb/workflows/`."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def cyclic_collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off inside the block, back as it was after (issue 22, item 4).

    Laying out and writing a pack's PDF makes some 280,000 objects that live until the PDF is written
    (WeasyPrint's boxes, styles, text layouts); each time enough have been made the collector walks them
    all, and every object the process already holds (pandas, Altair, pyarrow), to find cycles that are
    not there yet: 0.3-0.5 CPU s of a 1.3-1.8 s layout, and 0.2-0.4 s more while the inputs are read
    and the figures worked out (`make_packs`). Reference counting still frees everything that is not
    in a cycle; what is, waits for the collector's next pass after the block (about 5 MB for a pack;
    a 1,000,000-case extract's peak memory about the same: benchmarks/README.md)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
