"""What the pack templates read: the PackModel, its charts (drawn once, before rendering) and the
few things that are only about presentation (the board's colours, icons, the order of the tiles,
the action log grouped by sub-group). Nothing here computes a figure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from lfjb.charts import Chart
from lfjb.formatting import file_name
from lfjb.pack import PackModel
from lfjb.pack_model import ActionsSummary
from lfjb.render.icons import (
    ASSURANCE_WORDS,
    VARIATION_WORDS,
    assurance_icon_svg,
    inline_svg,
    svg_data_uri,
    variation_icon_svg,
)
from lfjb.render.templates import shorten
from lfjb.render.theme import board_theme
from lfjb.vocab import DEFAULT_PROTECTIVE_MARKING, column_words

# Tiles in the order a chair reads them: timeliness first, then backlog, then volumes and hearings.
TILE_ORDER = (
    "mean_weeks", "median_weeks", "pct_within_26",
    "open_over_26", "open_over_38", "open_over_52",
    "issued", "children_issued", "disposed", "open_end",
    "mean_hearings", "mean_fcmh",
)


def actions_by_sub_group(actions: ActionsSummary, sub_groups: Sequence[Mapping]) -> list[dict]:
    """For each sub-group, in the board's order: its counts and the open actions needing attention
    (the PackModel's `reasons` on each row), overdue first. Presentation only: grouping, no rules."""
    counts = actions.by_sub_group or {}
    flagged = [r for r in actions.open_list if r.reasons]
    return [
        {**group, "counts": counts.get(group["id"], {}),
         "attention": [{"action": r, "reasons": r.reasons} for r in flagged if r.sub_group == group["id"]]}
        for group in sub_groups
    ]


def pack_context(pack: PackModel, medium: str, charts: dict[str, Chart]) -> dict:
    """Everything the templates read, for `medium` 'pdf' or 'html', with the pack's charts."""
    board = pack.board
    theme = board_theme(board.branding)
    for_pdf = medium == "pdf"
    tiles = [pack.kpi_tiles[k] for k in TILE_ORDER if k in pack.kpi_tiles]
    icons = {
        tile.id: {
            "variation": variation_icon_svg(tile.variation, for_pdf),
            "assurance": assurance_icon_svg(tile.assurance, for_pdf),
        }
        for tile in tiles
    }
    matrix = pack.drivers.matrix or {}
    highest = max((n for row in matrix.values() for n in row.values()), default=0)
    return {
        "pack": pack,
        "medium": medium,
        "board": board,
        "month": pack.month,
        "marking": board.protective_marking or DEFAULT_PROTECTIVE_MARKING,
        "title": f"{shorten(board.name)}: board pack for {pack.month.label}",
        "theme": theme,
        "theme_css": theme.css(),
        "tiles": tiles,
        "icons": icons,
        "trend_kpis": pack.trend_kpis,
        "charts": charts,
        "logo_src": pack.logo.data_uri if pack.logo else None,
        "sub_groups": board.sub_groups,
        "action_groups": actions_by_sub_group(pack.actions, board.sub_groups),
        "heat_highest": highest,
        "variation_icons": {v: variation_icon_svg(v, for_pdf) for v in VARIATION_WORDS if v},
        "assurance_icons": {a: assurance_icon_svg(a, for_pdf) for a in ASSURANCE_WORDS if a},
        "data_uri": svg_data_uri,
        "inline_svg": inline_svg,
        # Files by their own name and columns in words, for what a chair reads (the JSON keeps paths and ids).
        "file_name": file_name,
        "column_words": column_words,
    }
