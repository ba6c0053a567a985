"""The extract's own words mapped to lfjb's ids (`inputs.values` in the terms of reference).

Court trackers write "PLO tracking", MI systems write outcome codes, councils write "City of
Wolverhampton Council": each is matched ignoring case, spaces and punctuation, first against the
board's own `inputs.values`, then against the defaults below (every id, its label, and the Good
Practice Guide's own phrases), and for local authorities against the shipped reference data.

A word that maps to nothing gets advice from here, and only from here: the one closest phrase (and the id
it stands for) is both the "Did you mean" and the id in the suggested mapping, or there is none and the
advice lists the ids to choose from.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from functools import cache, lru_cache

import pandas as pd
import yaml

from lfjb.inputs.errors import Problem
from lfjb.local_authorities import (
    LocalAuthority,
    children_services_bodies,
    councils_served,
    find_local_authority,
    local_authorities,
    unwrapped_forms,
)
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


# Words that say nothing about which id is meant ("Lack of", "delay", "order"): a word's content is the rest.
_FILLER = frozenset({"a", "an", "and", "the", "of", "in", "on", "for", "to", "by", "with", "lack", "low", "poor",
                     "use", "issue", "issues", "delay", "delays", "order", "orders", "made"})
CLOSE_ENOUGH = 0.6  # as difflib's get_close_matches, which did_you_mean uses


def _words(text: str) -> list[str]:
    return re.sub(r"[^0-9a-z]+", " ", str(text).lower().replace("&", " and ").replace("_", " ")).split()


def _alike(mine: str, theirs: str) -> bool:
    """Two words spelt nearly alike; a short word (under five letters, e.g. "sgo") only as itself."""
    if len(mine) < 5 or len(theirs) < 5:
        return mine == theirs
    return SequenceMatcher(None, mine, theirs).ratio() >= 0.8


@lru_cache(maxsize=8192)
def _normal(text: str) -> tuple[str, tuple[str, ...]]:
    """A phrase as compared: its words joined by single spaces, and its content words (without filler)."""
    words = _words(text)
    return " ".join(words), tuple(w for w in words if w not in _FILLER)


def closest(word: str, table: Mapping[str, str], forms: Sequence[str] = (), *, by_words: bool = True,
            cutoff: float = CLOSE_ENOUGH) -> tuple[str, str] | None:
    """The phrase of `table` (phrase -> id) most like `word` (or any of its `forms`), with its id; None
    when none is close enough.

    Likeness is the whole-text likeness (difflib's ratio, as did_you_mean), or, with `by_words`, the better
    of it and the share of the word's content words found, spelt nearly alike, among the phrase's ("Expert
    delay" is like "experts"); names of places are compared whole. Ties go to the better whole-text
    likeness, then to the earlier phrase."""
    best: tuple[tuple[float, float], str, str] | None = None
    matcher = SequenceMatcher()
    for text in (word, *forms):
        mine, content = _normal(text)
        matcher.set_seq2(mine)  # difflib caches what it learns about the second sequence
        for phrase, target in table.items():
            theirs, other = _normal(phrase)
            shared = 0.0
            if by_words and content and other:
                shared = sum(any(_alike(w, x) for x in other) for w in content) / len(content)
            floor = best[0][0] if best else cutoff
            matcher.set_seq1(theirs)
            # Upper bounds first: most phrases are nowhere near (an unknown word is compared with hundreds).
            if max(shared, matcher.real_quick_ratio()) < floor or max(shared, matcher.quick_ratio()) < floor:
                continue
            whole = matcher.ratio()
            score = (max(whole, shared), whole)
            if best is None or score > best[0]:
                best = (score, phrase, target)
    if best is None or best[0][0] < cutoff:
        return None
    return best[1], best[2]


def _yaml_value(text: str) -> str:
    """`text` as a value in a one-line YAML mapping: bare when YAML reads it back as written, quoted when
    it would not ("Bournemouth, Christchurch and Poole" bare would split at its comma into two keys)."""
    try:
        if yaml.safe_load(f"{{key: {text}}}") == {"key": text}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)


def _flow(column: str, word: str, target: str) -> str:
    """The mapping as one line of YAML, the word and its target quoted as YAML reads them back."""
    return f"values: {{{column}: {{{json.dumps(word, ensure_ascii=False)}: {_yaml_value(target)}}}}}"


def mapping_advice(word: str, column: str, match: tuple[str, str] | None, ids: Sequence[str],
                   under: str = "inputs.values") -> str:
    """'Did you mean' and the mapping that says it, both naming the same id; or, with no close match,
    the mapping to write with the ids to choose from."""
    if match is None:
        return (f"lfjb finds no id close to it. Map it under {under} in the terms of reference to the id it means, "
                f"{_flow(column, word, '<id>')}, one of: {', '.join(ids)}.")
    phrase, target = match
    meant = f"'{target}'" if phrase == target else f"'{phrase}' ({target})"
    return (f"Did you mean {meant}? If so, map it under {under} in the terms of reference: "
            f"{_flow(column, word, target)}. Valid ids: {', '.join(ids)}.")


@dataclass(frozen=True)
class ValueMap:
    """One column's words -> ids: the board's own entries first, then the defaults."""

    column: str
    own: dict[str, str]
    written: dict[str, str] = field(default_factory=dict)  # the board's own words as it wrote them, by key

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

    def table(self) -> dict[str, str]:
        """Every phrase lfjb reads in this column (ids, labels, the guide's words, the board's own) -> its id."""
        ids = {"delay_drivers": DRIVERS, "outcome": OUTCOMES}.get(self.column, {})
        extra = {"delay_drivers": _DRIVER_WORDS, "outcome": _OUTCOME_WORDS}.get(self.column, {})
        table = {i: i for i in ids} | {label: i for i, label in ids.items()} | dict(extra)
        return table | {self.written.get(key, key): target for key, target in self.own.items()}

    def advice(self, word: str) -> str:
        """What to do about a word of a delay driver or outcome column that maps to no id."""
        return mapping_advice(word, self.column, closest(word, self.table()), VALID_IDS[self.column])


def value_maps(values: Mapping[str, Mapping[str, str]] | None) -> dict[str, ValueMap]:
    """The board's `inputs.values` as one ValueMap per mappable column."""
    values = values or {}
    return {column: ValueMap(column, {value_key(k): v for k, v in values.get(column, {}).items()},
                             {value_key(k): str(k) for k in values.get(column, {})})
            for column in MAPPED_COLUMNS}


# --- Local authorities --------------------------------------------------------------------------------


def _authority_table(board_authorities: Sequence[str]) -> dict[str, str]:
    return dict(_authority_table_of(tuple(board_authorities)))


@cache
def _authority_table_of(board_authorities: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Every live authority's names (and the board's own spellings) -> the name lfjb counts it under."""
    table: dict[str, str] = {}
    for authority in local_authorities():
        if authority.is_live:
            for text in (authority.display_name, authority.name, *(a for a in authority.aliases if not a[:1].isdigit()
                                                                    and not re.fullmatch(r"[EW]\d{8}", a))):
                table.setdefault(text, authority.display_name)
    for body in children_services_bodies():
        if len(body.councils) == 1:
            for text in (body.name, *body.aliases):
                table.setdefault(text, body.councils[0].display_name)
    for name in board_authorities:  # first on ties: the board's own authorities are the likeliest
        found = find_local_authority(name)
        table = {name.strip(): found.display_name if found else name.strip()} | table
    return tuple(table.items())


def authority_advice(word: str, board_authorities: Sequence[str]) -> str:
    """What to do about an authority's name that resolves to none: the closest authority in a mapping
    ('Did you mean ...?'), or, with none close, the board's authorities to choose from."""
    # Place names are compared whole and must be nearly alike: "Staffs" is not "Rhondda Cynon Taff".
    match = closest(word, _authority_table(board_authorities), unwrapped_forms(word), by_words=False, cutoff=0.8)
    under = "inputs.values.local_authority"
    if match is not None:
        target = match[1]
        return (f"Did you mean {target}? If so, map it under {under} in the terms of reference: "
                f"{_flow('local_authority', word, target)}.")
    listing = (f", one of the board's: {', '.join(a.strip() for a in board_authorities)}" if board_authorities
               else ", named as in the README's list of local authorities")
    return (f"lfjb finds no authority close to it. If it is a code or a local spelling, map it under {under} in the "
            f"terms of reference to the authority it means, {_flow('local_authority', word, '<authority>')}{listing}.")


def shared_service_problems(text: pd.Series, vmap: ValueMap, board_authorities: Sequence[str], shown: str,
                            rows_listed: Callable[[pd.Series], str]) -> list[Problem]:
    """A structural problem for each word naming a trust or company that runs several councils' children's
    services (Achieving for Children): its rows could be any of them. The board's own mapping settles it.
    `rows_listed` describes the rows where a mask is true ("rows 2, 5 and 3 more")."""
    problems = []
    for word in pd.unique(text[text != ""]):
        body = councils_served(word)
        if body is None or value_key(word) in vmap.own:
            continue
        councils = [c.display_name for c in body.councils]
        rows = text == word
        n = int(rows.sum())
        ours = [c for c in councils if value_key(c) in {value_key(a) for a in board_authorities}]
        lines = " or ".join(_flow("local_authority", word, c) for c in (ours if len(ours) == 1 else councils))
        hint = (f"If all its rows are one council's, add under inputs.values.local_authority in the terms of reference "
                f"{'this line' if len(ours) == 1 else 'one of these lines'}: {lines}. If they are not, ask the sender "
                "for each case's council instead of the company's name.")
        problems.append(Problem(
            shown, rows_listed(rows), "local_authority",
            f"'{word}' ({n:,} row{'s' if n != 1 else ''}) runs children's services for {len(councils)} councils "
            f"({', '.join(councils)}), so lfjb cannot tell which council's cases these are.", hint))
    return problems


def _day(when: date | None) -> str:
    return f"{when.day} {when:%B %Y}" if when else "an earlier date"


def reorganised_authority_warnings(text: pd.Series, vmap: ValueMap, board_authorities: Sequence[str]) -> list[str]:
    """A note for each abolished council the extract names (Northamptonshire, Cumbria, Poole...): its cases are
    counted under the old council, and the line that counts them under a successor instead."""
    words: dict[LocalAuthority, list[str]] = {}
    counts: dict[LocalAuthority, int] = {}
    for word, count in text[text != ""].value_counts(sort=False).items():
        if value_key(word) in vmap.own:
            continue
        found = find_local_authority(word)
        if found is not None and found.successors:
            words.setdefault(found, []).append(str(word))
            counts[found] = counts.get(found, 0) + int(count)
    warnings = []
    board = {value_key(a) for a in board_authorities}
    for authority, written in words.items():
        ours = [s for s in authority.successors if value_key(s) in board]
        successor = ours[0] if len(ours) == 1 else authority.successors[0]
        others = [s for s in authority.successors if s != successor]
        mapping = "values: {local_authority: {" + ", ".join(f"{json.dumps(w, ensure_ascii=False)}: {_yaml_value(successor)}" for w in written) + "}}"
        n = counts[authority]
        warnings.append(
            f"Local authority '{written[0]}' ({n:,} row{'s' if n != 1 else ''}) is {authority.display_name}, a council "
            f"abolished on {_day(authority.ended)} (succeeded by {' and '.join(authority.successors)}); its cases are "
            f"counted under {authority.display_name}. To count them under a successor instead, add under "
            f"inputs.values.local_authority in the terms of reference: {mapping}"
            + (f" (or {' or '.join(others)})." if others else "."))
    return warnings
