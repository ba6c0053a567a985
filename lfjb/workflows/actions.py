"""`lfjb actions` as a library call: a board's open actions on a date, by sub-group, overdue first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lfjb.init import keep_action_lists_current
from lfjb.inputs import find_board_files, load_board
from lfjb.inputs.loader import Board
from lfjb.metrics.actions import action_summary


@dataclass
class ActionsResult:
    board: Board
    as_of: date
    summary: dict  # lfjb.metrics.actions.action_summary
    rows: list[dict]  # the actions listed: every open one, or only the overdue with `overdue_only`
    overdue_only: bool


def open_actions(*, board: str, as_of: date, overdue_only: bool = False,
                 config_dir: Path = Path("board_config")) -> ActionsResult:
    """The board's open actions as the log stood on `as_of` (a date already checked where it entered:
    the command line's _as_of, lfjb/cli.py). InputError for a board that cannot be read."""
    loaded = load_board(find_board_files([board], config_dir)[0])
    keep_action_lists_current(loaded.actions_path, loaded.config.sub_group_ids)  # the log's drop-downs follow the terms
    summary = action_summary(loaded.actions, loaded.config, as_of)
    rows = summary["overdue"] if overdue_only else summary["open_list"]
    return ActionsResult(loaded, as_of, summary, rows, overdue_only)
