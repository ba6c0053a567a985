"""The 43 Designated Family Judge (DFJ) areas of England and Wales, with MoJ's alias names.

The list ships as editable package data (`lfjb/data/dfj_areas.csv`, SPEC.md "Reference data"); the
regional grouping is partly inferred, so keep it data, not code.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class DfjArea:
    name: str
    region: str
    aliases: tuple[str, ...]


def _key(name: str) -> str:
    """Normalise a DFJ name for matching: case, '&', and MoJ's ' DFJ' suffix do not matter."""
    text = name.strip().lower().replace("&", "and")
    text = re.sub(r"\s+dfj( area)?$", "", text)
    return re.sub(r"[^a-z0-9/]+", " ", text).strip()


@cache
def dfj_areas() -> tuple[DfjArea, ...]:
    """The 43 DFJ areas in the shipped order (by region)."""
    text = resources.files("lfjb.data").joinpath("dfj_areas.csv").read_text(encoding="utf-8")
    return tuple(
        DfjArea(row["name"], row["region"], tuple(a for a in row["aliases"].split(";") if a))
        for row in csv.DictReader(text.splitlines())
    )


@cache
def _index() -> dict[str, DfjArea]:
    index: dict[str, DfjArea] = {}
    for area in dfj_areas():
        for name in (area.name, *area.aliases):
            index[_key(name)] = area
    return index


def find_dfj_area(name: str) -> DfjArea | None:
    """The DFJ area called `name` (official name or alias, with or without ' DFJ'), or None."""
    return _index().get(_key(name))


def dfj_area_names() -> list[str]:
    return [a.name for a in dfj_areas()]
