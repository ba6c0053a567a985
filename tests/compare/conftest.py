"""Fixtures for the comparison tests; the data behind them is built in compare_data.py."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from compare_data import BASELINE, PILOT, board_cases, write_board


@pytest.fixture(scope="session")
def did_boards(tmp_path_factory) -> Path:
    """Four boards where the answer is built in: every board's pilot-year cases are its baseline
    cases made shorter, by 28 days (4 weeks) for Trailblazers and 7 days (1 week) for comparators,
    so the difference-in-differences in average duration is exactly -3 weeks. Hearings fall by 1
    for Trailblazers and not at all for comparators (DiD -1)."""
    folder = tmp_path_factory.mktemp("did")
    rng = np.random.default_rng(7)
    specs = [("alpha", "Wolverhampton", "trailblazer", 28), ("bravo", "Guildford", "trailblazer", 28),
             ("charlie", "Worcester", "comparator", 7), ("delta", "Cleveland and South Durham", "comparator", 7)]
    for slug, area, programme, shift in specs:
        base = rng.integers(180, 321, size=120).tolist()
        pilot = [d - shift for d in base]
        hearings = {BASELINE: 6, PILOT: 5 if programme == "trailblazer" else 6}
        write_board(folder, slug, area, programme, board_cases({BASELINE: base, PILOT: pilot}, hearings))
    return folder / "config"


