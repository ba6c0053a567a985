"""Local authorities with children's services in England and Wales, resolved by name or code.

The list ships as editable package data (`lfjb/data/local_authorities.csv`, SPEC.md "Data extract":
"Local authorities are resolved by name or code (ONS, DfE) against shipped reference data"); its
comment lines name the sources. Abolished councils (Bournemouth, Poole, Northamptonshire, ...) are
rows with status "terminated", so an older extract still resolves; `local_authority_changes.csv` names
their successors. Pre-2011 ONS codes (00CW) come from `local_authority_old_codes.csv`, and the trusts and
companies that run a council's children's services from `children_services_bodies.csv`: one that serves
one council resolves to it, one that serves several to none (see `councils_served`).
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
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
    ended: date | None = None  # an abolished council: the first day of its successors
    successors: tuple[str, ...] = ()  # their names, as in local_authorities.csv

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
    "metropolitan borough",
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
    "m b c",
    "mbc",
    "la",
)
# A DfE code read from a spreadsheet may arrive as a number: 336 or 336.0.
_DFE_NUMBER = re.compile(r"\s*(\d{3})(?:\.0*)?\s*")
# A code written beside a name: "336 - Wolverhampton", "Sandwell (333)", "E08000031 Wolverhampton",
# "Walsall [00CU]". A code is DfE's three digits, a nine-character ONS code or a pre-2011 one (00CW).
_CODE = r"(?:\d{3}|[EW]\d{8}|00[A-Z]{2})"
_LONGEST_NAME_AND_CODE = 120
_CODE_BESIDE_NAME = (
    re.compile(rf"\s*(?P<code>{_CODE})\s*(?:[-\u2013\u2014:|/,]\s*)?(?P<name>[^\d\s].*?)\s*", re.IGNORECASE),
    re.compile(rf"\s*(?P<name>.*?[^\d\s(\[])\s*(?:[-\u2013\u2014:|/,]\s*)?[(\[]?\s*(?P<code>{_CODE})\s*[)\]]?\s*", re.IGNORECASE),
)


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


def _data_rows(name: str) -> list[dict[str, str]]:
    """The rows of a shipped CSV file, without its comment lines."""
    text = resources.files("lfjb.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def unwrapped_forms(text: str) -> list[str]:
    """`text` normalised, then with each council wrapper stripped ("Sandwel MBC" -> "sandwel"), for
    likeness hints about a name that resolves to nothing."""
    return [form for level in _unwrapped(_key(str(text))) for form in sorted(level)]


@cache
def local_authorities() -> tuple[LocalAuthority, ...]:
    """Every authority in the shipped order (England then Wales; live before terminated), with its
    pre-2011 ONS code among its aliases and, for an abolished one, its successors."""
    rows = _data_rows("local_authorities.csv")
    name_of = {row["ons_code"]: row["name"] for row in rows}
    owner = {code: row["ons_code"] for row in rows for code in (row["ons_code"], *_split(row["aliases"]))}
    old_codes: dict[str, list[str]] = {}
    for row in _data_rows("local_authority_old_codes.csv"):
        old_codes.setdefault(owner[row["ons_code"]], []).append(row["old_code"])
    changes = {row["ons_code"]: row for row in _data_rows("local_authority_changes.csv")}
    return tuple(
        LocalAuthority(
            name=row["name"],
            ons_code=row["ons_code"],
            dfe_code=row["dfe_code"] or None,
            country=row["country"],
            region=row["region"],
            status=row["status"],
            aliases=(*_split(row["aliases"]), *old_codes.get(row["ons_code"], ())),
            ended=date.fromisoformat(changes[row["ons_code"]]["ended"]) if row["ons_code"] in changes else None,
            successors=tuple(name_of[c] for c in _split(changes[row["ons_code"]]["successors"])) if row["ons_code"] in changes else (),
        )
        for row in rows
    )


@dataclass(frozen=True)
class ServiceBody:
    """A trust or company that runs children's services for one council or several."""

    name: str
    aliases: tuple[str, ...]
    councils: tuple[LocalAuthority, ...]
    source: str


@cache
def children_services_bodies() -> tuple[ServiceBody, ...]:
    """The trusts and companies in `children_services_bodies.csv`, their councils resolved."""
    by_name = {a.name: a for a in local_authorities()}
    return tuple(
        ServiceBody(row["name"], _split(row["aliases"]), tuple(by_name[c] for c in _split(row["councils"])), row["source"])
        for row in _data_rows("children_services_bodies.csv")
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
    index = _build_index(local_authorities())
    for body in children_services_bodies():
        if len(body.councils) == 1:
            for text in (body.name, *body.aliases):
                index.setdefault(_key(text), body.councils[0])
    return index


@cache
def _shared_index() -> dict[str, ServiceBody]:
    """Bodies that serve several councils, by each normalised name."""
    return {_key(text): body for body in children_services_bodies() if len(body.councils) > 1
            for text in (body.name, *body.aliases)}


def councils_served(text: str | int | float) -> ServiceBody | None:
    """The body named by `text` when it runs children's services for several councils (so the text
    names no single authority), else None."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return None
    return _shared_index().get(_key(str(text)))


def _find_by_name(text: str) -> LocalAuthority | None:
    number = _DFE_NUMBER.fullmatch(text)
    key = number.group(1) if number else _key(text)
    if key in _shared_index():
        return None
    index = _index()
    for level in _unwrapped(key):
        found = {index[k] for k in level if k in index}
        if found:
            return found.pop() if len(found) == 1 else None
    return None


def find_local_authority(text: str | int | float) -> LocalAuthority | None:
    """The authority named or coded by `text`, or None when nothing (or more than one) matches.

    Accepts a name or alias, the ONS code (also a pre-2011 one such as 00CW), or the DfE three-digit
    code (also as 336, 336.0 or "336.0"); council wrappers such as "London Borough of", "City Council"
    or "MBC" are ignored, and so is a code written beside the name ("336 - Wolverhampton", "Sandwell
    (333)") when both name the same authority. A trust or company that runs one council's children's
    services names that council.
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return None
    text = str(text)
    found = _find_by_name(text)
    if found is not None:
        return found
    if len(text) > _LONGEST_NAME_AND_CODE:  # no authority's name is this long; the patterns need not look
        return None
    for pattern in _CODE_BESIDE_NAME:
        parts = pattern.fullmatch(text)
        if parts:
            by_code, by_name = _find_by_name(parts["code"]), _find_by_name(parts["name"])
            if by_code is not None and by_name in (None, by_code):  # a name that disagrees: neither is trusted
                return by_code
    return None


def local_authority_names() -> list[str]:
    """Names of the live authorities, for did-you-mean hints."""
    return [a.name for a in local_authorities() if a.is_live]
