"""Copies of a (frozen) PackModel with a part changed, for tests that show what a template or chart does
with a hostile or unusual value: the model itself refuses changes (lfjb/pack_model.py)."""

from __future__ import annotations

from dataclasses import replace

from lfjb.pack_model import FrozenMap, PackModel

ACTION_LISTS = ("overdue", "due_soon", "stale", "completed_since_meeting", "open_list", "on_track")


def with_actions(pack: PackModel, action_id: str | None = None, lists: tuple[str, ...] = ACTION_LISTS,
                 **changes) -> PackModel:
    """`pack` with `changes` made to every action row (or only action `action_id`'s) in `lists`."""
    def change(row):
        return replace(row, **changes) if action_id is None or row.id == action_id else row
    actions = replace(pack.actions, **{key: tuple(change(r) for r in getattr(pack.actions, key)) for key in lists})
    return replace(pack, actions=actions)


def with_board(pack: PackModel, **changes) -> PackModel:
    return replace(pack, board=replace(pack.board, **changes))


def with_branding(pack: PackModel, **changes) -> PackModel:
    return with_board(pack, branding=FrozenMap({**pack.board.branding, **changes}))


def with_tile(pack: PackModel, kpi: str, **changes) -> PackModel:
    return replace(pack, kpi_tiles=FrozenMap({**pack.kpi_tiles, kpi: replace(pack.kpi_tiles[kpi], **changes)}))
