"""The 43 Designated Family Judge (DFJ) areas of England and Wales, with MoJ's alias names.

The list ships as editable package data (`lfjb/data/dfj_areas.csv`, SPEC.md "Reference data"); the
regional grouping is partly inferred, so keep it data, not code. Users add their own spellings without
editing installed files: a CSV with a `name,alias` header (name = one of the 43 areas, alias = the other
spelling), read by `load_dfj_aliases` and passed to `find_dfj_area(..., extra_aliases=...)`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from lfjb.inputs.errors import InputError, Problem, did_you_mean, display_path

# A file of this name beside an FCSQ file is read as extra aliases (lfjb compare --fcsq).
ALIASES_FILE_NAME = "dfj_aliases.csv"


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

    `extra_aliases` maps further spellings to an area's name (from `load_dfj_aliases`); they are
    tried after the shipped names.
    """
    found = _index().get(_key(name))
    if found is None and extra_aliases:
        extra = {_key(alias): area for alias, area in extra_aliases.items()}
        target = extra.get(_key(name))
        found = _index().get(_key(target)) if target else None
    return found


def dfj_area_names() -> list[str]:
    return [a.name for a in dfj_areas()]


def nearest_dfj_area(name: str) -> str:
    """'Did you mean ...?' for a name that matches no area: the closest area name or alias, named by its area."""
    stem = re.sub(r"\s+(DFJ|DJF)$", "", str(name).strip(), flags=re.IGNORECASE)
    spellings = {n: a.name for a in dfj_areas() for n in (a.name, *a.aliases)}
    hint = did_you_mean(stem, spellings)
    if not hint:
        return ""
    close = hint.removeprefix("Did you mean '").removesuffix("'?")
    area = spellings[close]
    return hint if close == area else f"Did you mean '{close}' ({area})?"


def load_dfj_aliases(path: Path) -> dict[str, str]:
    """{alias: area name} from a CSV with a `name,alias` header; InputError naming each bad row.

    `name` must be one of the 43 areas (or a name lfjb already knows for one); `alias` is the spelling
    to accept, e.g. `Reading,Oxon DFJ`. Lines starting with '#' are comments.
    """
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(shown, "", "", f"cannot be read: {exc}")]) from None
    rows = list(csv.reader(line for line in text.splitlines() if not line.lstrip().startswith("#")))
    header = [h.strip().lower() for h in rows[0]] if rows else []
    if "name" not in header or "alias" not in header:
        raise InputError([Problem(shown, "row 1", "name, alias", "the header must have the columns name and alias.",
                                  "For example: name,alias then Reading,Oxford DFJ")])
    at_name, at_alias = header.index("name"), header.index("alias")
    aliases, problems = {}, []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        name = row[at_name].strip() if at_name < len(row) else ""
        alias = row[at_alias].strip() if at_alias < len(row) else ""
        area = find_dfj_area(name) if name else None
        if area is None:
            problems.append(Problem(shown, f"row {number}", "name", f"'{name}' is not one of the 43 DFJ areas.",
                                    nearest_dfj_area(name) or "Use a name from lfjb/data/dfj_areas.csv."))
        elif not alias:
            problems.append(Problem(shown, f"row {number}", "alias", "is empty."))
        else:
            aliases[alias] = area.name
    if problems:
        raise InputError(problems)
    return aliases
