"""Located, plain-English input problems (STYLE.md: one error type for user mistakes)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located so a secretariat can find and fix it.

    `where` is what a user sees: "line 12" of a YAML file, "row 5" of a spreadsheet (header = row 1).
    """

    file: str
    where: str
    key: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        place = ", ".join(p for p in (self.where, f"'{self.key}'" if self.key else "") if p)
        text = f"{self.file}: {place}: {self.message}" if place else f"{self.file}: {self.message}"
        return f"{text} {self.hint}".rstrip()

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


class InputError(Exception):
    """Bad input: carries every problem found, so all can be shown at once (exit code 2)."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(dict.fromkeys(problems))  # the same problem found twice is said once
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """A 'Did you mean ...?' hint for a near miss, or '' when nothing is close."""
    close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    return f"Did you mean '{close[0]}'?" if close else ""


def valid_ids_hint(value: str, choices: Iterable[str]) -> str:
    """'Did you mean' when close, then the full list of valid ids."""
    choices = list(choices)
    guess = did_you_mean(value, choices)
    listing = "Valid ids: " + ", ".join(choices) + "."
    return f"{guess} {listing}".strip()


def display_path(path: Path) -> str:
    """A path as the user would recognise it: relative to the working folder when inside it."""
    from lfjb.inputs.text import clean_text

    try:
        return clean_text(str(path.resolve().relative_to(Path.cwd().resolve())))
    except ValueError:  # outside the working folder, or a NUL in the path
        return clean_text(str(path))


class PackShapeError(ValueError):
    """A value in pack JSON that is not the shape the pack's model holds: `key` locates it."""

    def __init__(self, key: str, value: object, expected: str):
        super().__init__(f"{key}: expected {expected}, found {type(value).__name__}")
        self.key, self.value, self.expected = key, value, expected
