"""Load and validate a board's inputs: terms of reference, action log and data extract.

The loaders live in `lfjb.inputs.loader`; they are imported on first use so that `lfjb --help`
does not pay for pandas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lfjb.inputs.errors import InputError, Problem

if TYPE_CHECKING:
    from lfjb.inputs.loader import (
        Board,
        find_board_files,
        load_board,
        resolve_board_files,
    )

_LAZY = ("Board", "find_board_files", "load_board", "resolve_board_files", "DEFAULT_CONFIG_DIR")


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from lfjb.inputs import loader

        return getattr(loader, name)
    raise AttributeError(name)


__all__ = ["Board", "InputError", "Problem", "find_board_files", "load_board", "resolve_board_files"]
