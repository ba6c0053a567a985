"""Input paths given on the command line in place of those in the terms of reference (SPEC.md)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class InputOverrides:
    actions: Path | None = None
    extract: Path | None = None

    @property
    def is_set(self) -> bool:
        return self.actions is not None or self.extract is not None
