"""Local authorities with children's services in England and Wales, resolved by name or code.

The list ships as editable package data (`lfjb/data/local_authorities.csv`, SPEC.md "Data extract":
"Local authorities are resolved by name or code (ONS, DfE) against shipped reference data"); its
comment lines name the sources. Abolished councils (Bournemouth, Poole, Northamptonshire, ...) are
rows with status "terminated", so an older extract still resolves.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class LocalAuthority:
    name: str
    ons_code: str
    dfe_code: str | None
    country: str
    region: str
    status: str
    aliases: tuple[str, ...]

    @property
    def is_live(self) -> bool:
        return self.status == "live"

    @property
    def display_name(self) -> str:
        """The name as people say it: DfE's "Bristol, City of" and "Herefordshire, County of" are
        Bristol and Herefordshire in a board pack."""
        for suffix in (", City of", ", County of"):
            if self.name.endswith(suffix):
                return self.name.removesuffix(suffix)
        return self.name


# Wrappers that extracts put around an authority's name ("City of Wolverhampton Council",
# "London Borough of Camden"). They are stripped from the text being resolved, never from the
# reference names, and only after the text as written has failed to match, so "City of London"
# stays City of London. Longest first, in normalised form (see _key).
_PREFIXES = (
    "council of the city of",
    "council of the",
    "city and county of",
    "metropolitan borough of",
    "london borough of",
    "royal borough of",
    "county borough of",
    "borough of",
    "county of",
    "city of",
    "the",
)
_SUFFIXES = (
    "metropolitan borough council",
    "metropolitan district council",
    "county borough council",
    "childrens social care",
    "childrens services",
    "children services",
    "borough council",
    "district council",
    "county council",
    "city council",
    "local authority",
    "county borough",
    "council",
    "borough",
    "county",
    "city",
    "la",
)
# A DfE code read from a spreadsheet may arrive as a number: 336 or 336.0.
_DFE_NUMBER = re.compile(r"\s*(\d{3})(?:\.0*)?\s*")


def _key(text: str) -> str:
    """Normalise a name or code for matching: case, accents, '&', '.', '-', "'" and spacing do not matter."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"['\u2019`]", "", text.replace("&", " and "))
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def _unwrapped(key: str) -> list[set[str]]:
    """The keys left by stripping wrappers from `key`: one set per number of wrappers removed."""
    levels = [{key}]
    while True:
        found: set[str] = set()
        for text in levels[-1]:
            words = f" {text} "
            for prefix in _PREFIXES:
                if words.startswith(f" {prefix} "):
                    found.add(text[len(prefix) + 1 :])
            for suffix in _SUFFIXES:
                if words.endswith(f" {suffix} "):
                    found.add(text[: -len(suffix) - 1])
        found.discard("")
        if not found:
            return levels
        levels.append(found)


@cache
def local_authorities() -> tuple[LocalAuthority, ...]:
    """Every authority in the shipped order (England then Wales; live before terminated)."""
    text = resources.files("lfjb.data").joinpath("local_authorities.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return tuple(
        LocalAuthority(
            name=row["name"],
            ons_code=row["ons_code"],
            dfe_code=row["dfe_code"] or None,
            country=row["country"],
            region=row["region"],
            status=row["status"],
            aliases=tuple(a.strip() for a in row["aliases"].split(";") if a.strip()),
        )
        for row in rows
    )


def _build_index(authorities: Iterable[LocalAuthority]) -> dict[str, LocalAuthority]:
    """Map each normalised name, alias and code to its authority.

    A key shared by two different authorities is dropped, so it resolves to nothing rather than
    to whichever row came last.
    """
    index: dict[str, LocalAuthority] = {}
    ambiguous: set[str] = set()
    for authority in authorities:
        for text in (authority.name, authority.ons_code, authority.dfe_code or "", *authority.aliases):
            key = _key(text)
            if not key or key in ambiguous:
                continue
            if index.setdefault(key, authority) != authority:
                del index[key]
                ambiguous.add(key)
    return index


@cache
def _index() -> dict[str, LocalAuthority]:
    return _build_index(local_authorities())


def find_local_authority(text: str | int | float) -> LocalAuthority | None:
    """The authority named or coded by `text`, or None when nothing (or more than one) matches.

    Accepts a name or alias, the ONS code, or the DfE three-digit code (also as 336, 336.0 or
    "336.0"); council wrappers such as "London Borough of" or "City Council" are ignored.
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return None
    number = _DFE_NUMBER.fullmatch(str(text))
    key = number.group(1) if number else _key(str(text))
    index = _index()
    for level in _unwrapped(key):
        found = {index[k] for k in level if k in index}
        if found:
            return found.pop() if len(found) == 1 else None
    return None


def local_authority_names() -> list[str]:
    """Names of the live authorities, for did-you-mean hints."""
    return [a.name for a in local_authorities() if a.is_live]
