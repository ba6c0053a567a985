"""The cyclic collector's pause (lfjb/collector.py): off inside the block, back as it was after, on an
error too, and left off for a caller that had turned it off itself."""

from __future__ import annotations

import gc

import pytest

from lfjb.collector import cyclic_collector_paused


def test_the_collector_is_off_inside_and_back_after_also_on_an_error():
    assert gc.isenabled()
    try:
        with cyclic_collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled()
        with pytest.raises(RuntimeError, match="layout failed"), cyclic_collector_paused():
            assert not gc.isenabled()
            raise RuntimeError("layout failed")
        assert gc.isenabled()
        gc.disable()
        with cyclic_collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the caller turned it off: it stays off
    finally:
        gc.enable()
