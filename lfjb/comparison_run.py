"""Moved: the `lfjb compare` workflow is lfjb.workflows.compare (`compare_boards`).

This name stays only so that branches written against it still import; import from the new home.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lfjb.month import Month
from lfjb.naming import FORMATS
from lfjb.workflows.compare import *  # noqa: F403
from lfjb.workflows.compare import compare_boards


def run_compare(month: Month, boards: list[str] | None, config_dir: Path, out: Path, formats: Sequence[str] = FORMATS,
                progress=None, **options) -> dict[str, Path]:  # noqa: ANN001, ANN003
    """The old call: `compare_boards(...).files`."""
    return compare_boards(month=month, boards=boards, config_dir=config_dir, out=out, formats=formats, progress=progress,
                          **options).files
