"""Read YAML safely and remember where every key and item sits, so problems can cite a line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from lfjb.inputs.errors import InputError, Problem, display_path

Loc = tuple[str | int, ...]


# libyaml's safe loader when PyYAML was built with it (about 10x faster), else the pure-Python one.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeBase):  # type: ignore[misc, valid-type]
    """The safe loader, but dates stay text: the models parse them (ISO or UK day-first) and can
    report an impossible date such as 2025-13-01 as a located problem instead of crashing."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _walk(node: yaml.Node, loc: Loc, lines: dict[Loc, int]) -> None:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[(*loc, key)] = key_node.start_mark.line + 1
            _walk(value_node, (*loc, key), lines)
            lines[(*loc, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*loc, i), lines)


class YamlDocument:
    """A parsed YAML file and the line of each key path in it."""

    def __init__(self, path: Path, data: Any, lines: dict[Loc, int]):
        self.path = path
        self.data = data
        self._lines = lines

    def line_of(self, loc: Loc) -> int:
        """The line of `loc`, or of its nearest parent that exists in the file."""
        loc = tuple(loc)
        while loc:
            if loc in self._lines:
                return self._lines[loc]
            loc = loc[:-1]
        return 1


def read_yaml(path: Path) -> YamlDocument:
    """Parse a YAML file with the safe loader (no object tags); InputError if unreadable."""
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([Problem(shown, "", "", "file not found.")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(shown, "", "", f"cannot be read ({exc}).")]) from None
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}" if mark else ""
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        raise InputError([Problem(shown, where, "", f"is not valid YAML: {problem}.")]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(shown, "", "", f"is not valid YAML: {exc}.")]) from None
    lines: dict[Loc, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return YamlDocument(path, data, lines)
