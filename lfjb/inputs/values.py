"""The extract's own words mapped to lfjb's ids (`inputs.values` in the terms of reference).

Court trackers write "PLO tracking", MI systems write outcome codes, councils write "City of
Wolverhampton Council": each is matched ignoring case, spaces and punctuation, first against the
board's own `inputs.values`, then against the defaults below (every id, its label, and the Good
Practice Guide's own phrases), and for local authorities against the shipped reference data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from lfjb.local_authorities import find_local_authority
from lfjb.vocab import DRIVERS, OUTCOMES

# Columns whose words may be mapped, and the ids each maps to (None: any text, e.g. an authority's name).
MAPPED_COLUMNS = ("delay_drivers", "local_authority", "outcome")

# Words real trackers use for the final order, beyond the ids and labels themselves.
_OUTCOME_WORDS = {
    "sgo": "special_guardianship_order",
    "special guardianship": "special_guardianship_order",
    "cao": "child_arrangements_order",
    "child arrangements": "child_arrangements_order",
    "residence order": "child_arrangements_order",
    "co": "care_order",
    "full care order": "care_order",
    "final care order": "care_order",
    "so": "supervision_order",
    "po": "placement_order",
    "placement": "placement_order",
    "application withdrawn": "withdrawn",
    "withdrawn application": "withdrawn",
    "order refused": "no_order",
    "no order made": "no_order",
    "refused": "no_order",
}
# The Good Practice Guide's wordings of the drivers ("Key drivers of delay"), beside the labels.
_DRIVER_WORDS = {
    "late presentation of family": "late_family_presentation",
    "late family presentation": "late_family_presentation",
    "plo tracking": "plo_tracking",
    "plo assessment quality": "plo_assessment_quality",
    "external social work assessors": "external_sw_assessors",
    "external assessors": "external_sw_assessors",
    "expert assessments": "expert_assessments",
    "experts": "expert_assessments",
    "trust in la assessments": "trust_in_la_assessments",
    "lack of trust in local authority assessments": "trust_in_la_assessments",
    "change in plan": "changes_in_plan",
    "information sharing": "information_sharing",
}


def value_key(text: object) -> str:
    """A word as matched: lower case, '&' as 'and', without spaces or punctuation."""
    return re.sub(r"[^0-9a-z]+", "", str(text).strip().lower().replace("&", "and"))


def _defaults(ids: Mapping[str, str], extra: Mapping[str, str]) -> dict[str, str]:
    table = {value_key(i): i for i in ids}
    table.update({value_key(label): i for i, label in ids.items()})
    table.update({value_key(word): i for word, i in extra.items()})
    return table


DEFAULT_WORDS: dict[str, dict[str, str]] = {
    "delay_drivers": _defaults(DRIVERS, _DRIVER_WORDS),
    "outcome": _defaults(OUTCOMES, _OUTCOME_WORDS),
}
VALID_IDS: dict[str, tuple[str, ...]] = {"delay_drivers": tuple(DRIVERS), "outcome": tuple(OUTCOMES)}


@dataclass(frozen=True)
class ValueMap:
    """One column's words -> ids: the board's own entries first, then the defaults."""

    column: str
    own: dict[str, str]

    def find(self, word: str) -> str | None:
        key = value_key(word)
        if key in self.own:
            if self.column == "local_authority":  # the board's word for an authority: its usual name
                authority = find_local_authority(self.own[key])
                return authority.display_name if authority else self.own[key]
            return self.own[key]
        if self.column == "local_authority":
            authority = find_local_authority(word)
            return authority.display_name if authority else None
        return DEFAULT_WORDS[self.column].get(key)

    def phrases(self) -> list[str]:
        """What a user may write, for did-you-mean hints: the ids, labels and the board's own words."""
        if self.column == "delay_drivers":
            return [*DRIVERS, *DRIVERS.values(), *self.own]
        if self.column == "outcome":
            return [*OUTCOMES, *OUTCOMES.values(), *self.own]
        return list(self.own)


def value_maps(values: Mapping[str, Mapping[str, str]] | None) -> dict[str, ValueMap]:
    """The board's `inputs.values` as one ValueMap per mappable column."""
    values = values or {}
    return {column: ValueMap(column, {value_key(k): v for k, v in values.get(column, {}).items()}) for column in MAPPED_COLUMNS}
