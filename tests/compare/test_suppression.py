"""Disclosure-control rules (lfjb/compare/suppression.py) on hand-worked tables."""

from __future__ import annotations

from lfjb.compare.suppression import (
    REVEALS_SMALL_COUNT,
    SECONDARY,
    SMALL_BASE,
    SMALL_COUNT,
    Group,
    average_reason,
    is_small_count,
    percentage_reason,
    secondary_suppression,
)


def _primary(values: dict) -> dict:
    return {k: SMALL_COUNT for k, v in values.items() if is_small_count(v)}


def test_counts_of_1_to_5_are_small_and_0_is_not():
    assert [is_small_count(v) for v in (0, 1, 5, 6, None)] == [False, True, True, False, False]


def test_averages_and_percentages_over_too_few_cases_are_withheld():
    assert average_reason(9, 10) == SMALL_BASE
    assert average_reason(10, 10) is None
    assert percentage_reason(20, 40, 10) is None
    assert percentage_reason(5, 8, 10) == SMALL_BASE
    # 3 of 40 within 26 weeks: the percentage (7.5%) and the 40 shown would reveal the 3.
    assert percentage_reason(3, 40, 10) == REVEALS_SMALL_COUNT
    # 35 of 40: would reveal that 5 were not within 26 weeks.
    assert percentage_reason(35, 40, 10) == REVEALS_SMALL_COUNT
    assert percentage_reason(0, 40, 10) is None


def test_one_small_cell_in_a_row_with_a_total_hides_the_next_smallest():
    """Row 3, 8, 12, 20 with total 43: 3 is primary; alone it is 43 - 8 - 12 - 20, so the next
    smallest non-zero cell, 8, is hidden too. Then 3 + 8 = 11 is all a reader can work out."""
    values = {"a": 3, "b": 8, "c": 12, "d": 20, "total": 43}
    hidden = secondary_suppression([Group(("a", "b", "c", "d"), "total")], _primary(values), values)
    assert hidden == {"a": SMALL_COUNT, "b": SECONDARY}


def test_zero_cells_are_not_chosen_for_secondary_suppression():
    """Row 4, 0, 9 with total 13: hiding the 0 would protect nothing (4 + 0 = 13 - 9), so 9 is hidden."""
    values = {"a": 4, "b": 0, "c": 9, "total": 13}
    hidden = secondary_suppression([Group(("a", "b", "c"), "total")], _primary(values), values)
    assert hidden == {"a": SMALL_COUNT, "c": SECONDARY}


def test_two_small_cells_need_no_secondary_suppression():
    values = {"a": 2, "b": 4, "c": 30, "total": 36}
    hidden = secondary_suppression([Group(("a", "b", "c"), "total")], _primary(values), values)
    assert hidden == {"a": SMALL_COUNT, "b": SMALL_COUNT}


def test_when_no_member_can_be_hidden_the_total_is():
    values = {"a": 3, "b": 0, "total": 3}
    hidden = secondary_suppression([Group(("a", "b"), "total")], {"a": SMALL_COUNT}, values)
    assert hidden == {"a": SMALL_COUNT, "total": SECONDARY}


def test_row_and_column_totals_cascade():
    """A 2 x 3 table with row and column totals:

                c1  c2  c3 | total
        r1       2   9  10 |  21
        r2       7   8  12 |  27
        total    9  17  22 |  48

    r1c1 = 2 is primary. Row r1 then has one hidden cell: hide its next smallest, r1c2 = 9.
    Column c1 has one hidden (r1c1): hide r2c1 = 7. Column c2 has one hidden (r1c2): hide r2c2 = 8.
    Now every row and column has 0 or 2 hidden cells, so nothing can be worked out from the totals."""
    cells = {("r1", "c1"): 2, ("r1", "c2"): 9, ("r1", "c3"): 10, ("r2", "c1"): 7, ("r2", "c2"): 8, ("r2", "c3"): 12}
    totals = {("r1", "t"): 21, ("r2", "t"): 27, ("t", "c1"): 9, ("t", "c2"): 17, ("t", "c3"): 22}
    rows = [Group(tuple((r, c) for c in ("c1", "c2", "c3")), (r, "t")) for r in ("r1", "r2")]
    cols = [Group(tuple((r, c) for r in ("r1", "r2")), ("t", c)) for c in ("c1", "c2", "c3")]
    values = {**cells, **totals}
    hidden = secondary_suppression(rows + cols, _primary(values), values)
    assert hidden == {("r1", "c1"): SMALL_COUNT, ("r1", "c2"): SECONDARY, ("r2", "c1"): SECONDARY, ("r2", "c2"): SECONDARY}
    for group in rows + cols:
        assert sum(1 for c in group.cells if c in hidden) != 1
