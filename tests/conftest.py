"""Shared test fixtures: paths to the tiny hand-worked board and the broken-input files."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def tiny_board_path() -> Path:
    return FIXTURES / "tiny" / "tiny.yaml"


@pytest.fixture
def broken() -> Path:
    return FIXTURES / "broken"
