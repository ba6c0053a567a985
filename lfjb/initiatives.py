"""Good Practice Guide initiatives and the delay drivers each addresses: editable package data
(`lfjb/data/initiatives.yaml`, built from the guide's own mapping table)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache
def initiatives() -> tuple[dict, ...]:
    """Every initiative: {"id", "name", "summary", "drivers"}."""
    text = resources.files("lfjb.data").joinpath("initiatives.yaml").read_text(encoding="utf-8")
    return tuple(yaml.safe_load(text)["initiatives"])
