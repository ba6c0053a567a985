"""The 43 Designated Family Judge (DFJ) areas of England and Wales, with MoJ's alias names.

The list ships as editable package data (`lfjb/data/dfj_areas.csv`, SPEC.md "Reference data"); the
regional grouping is partly inferred, so keep it data, not code. Users add their own spellings without
editing installed files: a CSV with a `name,alias` header (name = one of the 43 areas, alias = the other
spelling), read by `lfjb.inputs.dfj_aliases.load_dfj_aliases` and passed to
`find_dfj_area(..., extra_aliases=...)`. This module reads only its own package data.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class DfjArea:
    name: str
    region: str
    aliases: tuple[str, ...]


def _key(name: str) -> str:
    """Normalise a DFJ name for matching: case, '&', hyphens and MoJ's ' DFJ' suffix do not matter."""
    text = str(name).strip().lower().replace("&", "and")
    text = re.sub(r"\s+dfj( area)?$", "", text)
    return re.sub(r"[^a-z0-9/]+", " ", text).strip()


@cache
def dfj_areas() -> tuple[DfjArea, ...]:
    """The 43 DFJ areas in the shipped order (by region)."""
    text = resources.files("lfjb.data").joinpath("dfj_areas.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return tuple(
        DfjArea(row["name"], row["region"], tuple(a for a in row["aliases"].split(";") if a))
        for row in csv.DictReader(lines)
    )


@cache
def _index() -> dict[str, DfjArea]:
    index: dict[str, DfjArea] = {}
    for area in dfj_areas():
        for name in (area.name, *area.aliases):
            index[_key(name)] = area
    return index


def find_dfj_area(name: str, extra_aliases: Mapping[str, str] | None = None) -> DfjArea | None:
    """The DFJ area called `name` (official name or alias, with or without ' DFJ'), or None.

    `extra_aliases` maps further spellings to an area's name (from
    `lfjb.inputs.dfj_aliases.load_dfj_aliases`); they are tried after the shipped names.
    """
    found = _index().get(_key(name))
    if found is None and extra_aliases:
        extra = {_key(alias): area for alias, area in extra_aliases.items()}
        target = extra.get(_key(name))
        found = _index().get(_key(target)) if target else None
    return found


def dfj_key(name: str) -> str:
    """The form in which two spellings of a DFJ name are the same name (what `find_dfj_area` matches on)."""
    return _key(name)


def dfj_area_names() -> list[str]:
    return [a.name for a in dfj_areas()]
