"""Text from the inputs made inert: no control characters, no bidirectional overrides.

A name such as "Westshire" followed by U+202E (RIGHT-TO-LEFT OVERRIDE) reverses the rest of a sentence
in the PDF ("skeew 3.43 ta tsegnol"); an escape character can rewrite a terminal line; a NUL cuts a
path short. Every text lfjb reads from a board's files (terms of reference, action log, extract cells
and headers) passes through `clean_text` once, so the packs, the terminal and the JSON never carry them.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

# What systems write for "nothing here" (SQL's NULL, Excel's #N/A, a dash): empty in every column.
EMPTY_WORDS = frozenset({"", "null", "n/a", "na", "#n/a", "-", "—", "–", "nan", "nat", "none"})

# C0 controls except tab and newline (and carriage return, which line endings need), DEL, C1 controls,
# and the bidirectional formatting characters: embeddings and overrides (U+202A-U+202E), isolates
# (U+2066-U+2069), the LRM/RLM marks (U+200E, U+200F) and the Arabic letter mark (U+061C). Also the
# Unicode non-characters (U+FDD0-U+FDEF and the last two code points of every plane, U+FFFE and U+FFFF
# among them) and lone surrogates: XML cannot hold them, so an XLSX writer stops on them (issue 24.17).
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
# The invisible zero-width space (U+200B), word joiner (U+2060) and zero-width no-break space (U+FEFF)
# go too: "Guild<U+200B>ford" is Guildford (issue 24, round 2).
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
                     + _NONCHARACTERS + "]")


# The same for ASCII text (most cells), where only the C0 controls and DEL can occur: a smaller class
# is searched about three times faster than the full one with its astral-plane characters.
_UNSAFE_ASCII = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _unsafe(text: str) -> re.Pattern[str]:
    return _UNSAFE_ASCII if text.isascii() else _UNSAFE


def clean_text(text: str) -> str:
    """`text` without control characters (tab, newline and carriage return kept), bidi controls or
    non-characters."""
    unsafe = _unsafe(text)
    return unsafe.sub("", text) if unsafe.search(text) else text


def has_unsafe_characters(text: str) -> bool:
    return _unsafe(text).search(text) is not None


def clean_data(value: Any) -> Any:
    """`value` (parsed YAML: dicts, lists, strings, numbers) with every string, keys included, cleaned."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_data(k): clean_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_data(v) for v in value]
    return value


def cell_text(values: pd.Series) -> pd.Series:
    """Each cell as text, cleaned (`clean_text`) and stripped; '' for empty cells and the words systems write
    for empty (EMPTY_WORDS: NULL, N/A, -). The extract reader has a faster path of its own for a million rows."""
    text = values.map(lambda v: "" if v is None or (isinstance(v, float) and pd.isna(v)) else clean_text(str(v)).strip())
    return text.where(~text.str.lower().isin(EMPTY_WORDS), "")
