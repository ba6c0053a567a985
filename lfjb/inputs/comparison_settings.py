"""The comparison's own settings (issue 19): `board_config/comparison/settings.yaml`, optional.

Settings that belong to the cross-board comparison rather than to one board. The file sits in a
folder of its own so that `lfjb pack` and `lfjb compare`, which read every `board_config/*.yaml` as a
board's terms of reference, never take it for one. Today it holds one setting:

    comparators: rest     # every board with no `programme` is a comparator in the pilot view
                          # (`marked`, the default: only boards with `programme: comparator`)

The command line wins: `lfjb compare --comparators marked|rest` overrides the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from lfjb.inputs.errors import InputError, Problem, display_path
from lfjb.inputs.validation import problems_from_validation_error
from lfjb.inputs.yaml_source import read_yaml

SETTINGS_FOLDER = "comparison"
SETTINGS_NAME = "settings.yaml"
DEFAULT_COMPARATORS = "marked"


class ComparisonSettingsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    comparators: Literal["marked", "rest"] = DEFAULT_COMPARATORS


@dataclass(frozen=True)
class ComparisonSettings:
    """The comparison's settings, and the file they came from (None: lfjb's defaults)."""

    comparators: str = DEFAULT_COMPARATORS
    path: Path | None = None


def settings_path(config_dir: Path) -> Path:
    """Where the comparison's settings are looked for: `<config_dir>/comparison/settings.yaml`."""
    return config_dir / SETTINGS_FOLDER / SETTINGS_NAME


def load_comparison_settings(config_dir: Path) -> ComparisonSettings:
    """The settings in `config_dir`'s comparison/settings.yaml, or the defaults when there is none;
    InputError, located by line, for a file that is not valid."""
    path = settings_path(config_dir)
    if not path.exists():
        return ComparisonSettings()
    doc = read_yaml(path)
    shown = display_path(path)
    data = {} if doc.data is None else doc.data
    if not isinstance(data, dict):
        raise InputError([Problem(shown, "line 1", "", "should be a set of 'key: value' lines (a YAML mapping), e.g. 'comparators: rest'.")])
    try:
        parsed = ComparisonSettingsFile.model_validate(data)
    except ValidationError as exc:
        raise InputError(problems_from_validation_error(exc, ComparisonSettingsFile, shown,
                                                        lambda loc: f"line {doc.line_of(loc)}")) from None
    return ComparisonSettings(comparators=parsed.comparators, path=path)


__all__ = ["ComparisonSettings", "load_comparison_settings", "settings_path"]
