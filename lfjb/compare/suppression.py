"""Disclosure control for published comparison tables, as the Ministry of Justice applies it.

SPEC.md ("Reference figures"): MoJ suppresses published counts of 1 to 5 and applies
secondary suppression so that a suppressed value cannot be worked out from totals. Issue 6 adds that
percentages and averages over fewer than a minimum number of cases (default 10) are withheld.

The rules here are small functions over plain numbers, and one function (`secondary_suppression`)
that works on *groups*: a set of cells and the total they add up to. When exactly one cell of a group
is hidden, it could be worked out as the total minus the others, so one more cell is hidden: the
smallest non-zero visible cell of the group (the least informative one to lose). This repeats until
no group has a single hidden cell, so it also works when a cell sits in a row and a column group.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

# MoJ: counts of 1 to 5 are not published. Zero is published: it reveals no one.
SMALL_COUNT_MIN = 1
SMALL_COUNT_MAX = 5
# Issue 6: percentages and averages over fewer than min_cases cases are withheld (a setting; its default,
# lfjb.vocab.DEFAULT_MIN_CASES, is also the board pack's "[low]" rule).
# How suppressed cells are shown in every table (PDF, HTML, spreadsheets): the Analysis Function's
# shorthand [c] (confidential), not `*`: its "Using symbols and shorthand" advises against symbols,
# which screen readers do not read out (issue 22). MoJ's own files used `*` until they moved to [c].
SUPPRESSED_MARK = "[c]"

SMALL_COUNT = "small_count"
SMALL_BASE = "small_base"
REVEALS_SMALL_COUNT = "reveals_small_count"
SECONDARY = "secondary"
DERIVED = "derived"

REASONS: dict[str, str] = {
    SMALL_COUNT: "counts of 1 to 5",
    SMALL_BASE: "averages or percentages over too few cases",
    REVEALS_SMALL_COUNT: "percentages that could reveal a count of 1 to 5 (cases within 26 weeks, or those not)",
    SECONDARY: "secondary suppression: hidden so that another hidden figure cannot be worked out from a total",
    DERIVED: "worked out from a hidden figure (a change, a rank, a chart point or a funnel limit)",
}


def is_small_count(value: float | None) -> bool:
    """True for a count MoJ would not publish: 1 to 5 (0 and larger counts are published)."""
    return value is not None and SMALL_COUNT_MIN <= value <= SMALL_COUNT_MAX


def average_reason(base: int | None, min_cases: int) -> str | None:
    """Why an average over `base` cases is withheld (SMALL_BASE), or None when it can be published."""
    if base is None or base < min_cases:
        return SMALL_BASE
    return None


def percentage_reason(numerator: int | None, base: int | None, min_cases: int) -> str | None:
    """Why a percentage `numerator`/`base` is withheld, or None when it can be published.

    Withheld over fewer than `min_cases` cases; and withheld when, with its base shown, it would
    reveal a count of 1 to 5 (the cases counted, or the cases not counted).
    """
    if base is None or base < min_cases:
        return SMALL_BASE
    if numerator is not None and (is_small_count(numerator) or is_small_count(base - numerator)):
        return REVEALS_SMALL_COUNT
    return None


@dataclass(frozen=True)
class Group:
    """Cells that add up to a total that is also published (an equation a reader could solve).

    `members` and `total` are cell keys; `total` may be None for a group whose sum is published
    elsewhere, or a weighted average that combines the members.
    """

    members: tuple[Hashable, ...]
    total: Hashable | None = None

    @property
    def cells(self) -> tuple[Hashable, ...]:
        return self.members if self.total is None else (*self.members, self.total)


def secondary_suppression(
    groups: Sequence[Group], hidden: Mapping[Hashable, str], size: Mapping[Hashable, float | None]
) -> dict[Hashable, str]:
    """The hidden cells after secondary suppression: `hidden` plus SECONDARY for the cells added.

    `size` gives each member's weight for choosing which cell to hide next: its count, or for an
    average the number of cases behind it. The smallest non-zero visible member is hidden; when no
    member can be, the total is.
    """
    result: dict[Hashable, str] = dict(hidden)
    changed = True
    while changed:
        changed = False
        for group in groups:
            if sum(1 for cell in group.cells if cell in result) != 1:
                continue
            candidates = [
                (size.get(cell) or 0, order, cell)
                for order, cell in enumerate(group.members)
                if cell not in result and (size.get(cell) or 0) > 0
            ]
            if candidates:
                result[min(candidates, key=lambda c: (c[0], c[1]))[2]] = SECONDARY
            elif group.total is not None and group.total not in result:
                result[group.total] = SECONDARY
            else:
                continue
            changed = True
    return result


def reasons_in(hidden: Iterable[str]) -> list[dict[str, str]]:
    """The reasons used, in a fixed order, with their plain-English meaning (for the note)."""
    used = set(hidden)
    return [{"reason": r, "meaning": REASONS[r]} for r in REASONS if r in used]
