"""Read YAML safely and remember where every key and item sits, so problems can cite a line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from lfjb.inputs.errors import InputError, Problem, display_path
from lfjb.inputs.text import clean_text, has_unsafe_characters

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


# A terms of reference or action log is a few thousand values; YAML aliases can make a small file
# expand to billions ("billion laughs"), which would hang validation. Refuse beyond this.
MAX_EXPANDED_VALUES = 200_000


def _walk(node: yaml.Node, loc: Loc, lines: dict[Loc, int], duplicates: list[tuple[str, int, int]], seen: set[int]) -> None:
    """Record the line of every key path, and every key repeated within one mapping. Each node is
    visited once, so aliases (shared nodes) are not expanded."""
    lines.setdefault(loc, node.start_mark.line + 1)
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":  # `<<: *defaults`: its keys may be overridden
                _walk(value_node, loc, lines, [], seen)
                continue
            if key in first_line:
                duplicates.append((".".join(str(p) for p in (*loc, key)), first_line[key], line))
            first_line.setdefault(key, line)
            lines[(*loc, key)] = line
            _walk(value_node, (*loc, key), lines, duplicates, seen)
            lines[(*loc, key)] = first_line[key]
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*loc, i), lines, duplicates, seen)


def _expanded_size(node: yaml.Node, sizes: dict[int, int], active: set[int]) -> int:
    """How many values the document holds once aliases are expanded (ValueError if one contains itself)."""
    if id(node) in sizes:
        return sizes[id(node)]
    if id(node) in active:
        raise ValueError("an alias refers to itself")
    active.add(id(node))
    if isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
    else:
        children = []
    # Scalars (most nodes: every key) count 1 without a call of their own.
    size = 1 + sum(1 if isinstance(child, yaml.ScalarNode) else _expanded_size(child, sizes, active) for child in children)
    active.discard(id(node))
    sizes[id(node)] = size
    return size


def _cleaned(value: Any, loc: Loc, changed: list[Loc]) -> Any:
    """`value` with control and bidi characters removed from every string (lfjb.inputs.text), and the
    key path of each string that had some."""
    if isinstance(value, str):
        if has_unsafe_characters(value):
            changed.append(loc)
            return clean_text(value)
        return value
    if isinstance(value, dict):
        return {_cleaned(k, loc, changed): _cleaned(v, (*loc, k), changed) for k, v in value.items()}
    if isinstance(value, list):
        return [_cleaned(v, (*loc, i), changed) for i, v in enumerate(value)]
    return value


class YamlDocument:
    """A parsed YAML file (every string made inert) and the line of each key path in it.

    `cleaned` lists the key paths whose text had control or bidi characters removed."""

    def __init__(self, path: Path, data: Any, lines: dict[Loc, int]):
        self.path = path
        self.cleaned: list[Loc] = []
        self.data = _cleaned(data, (), self.cleaned)
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
        if path.exists() and not path.is_file():  # a folder, or a pipe that would wait for ever
            raise InputError([Problem(shown, "", "", "is not a file.")])
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([Problem(shown, "", "", "file not found.")]) from None
    except ValueError:  # a NUL in the path
        raise InputError([Problem(shown, "", "", "is not a usable file name (it contains a control character).")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(shown, "", "", f"cannot be read ({exc}).")]) from None
    lines: dict[Loc, int] = {}
    duplicates: list[tuple[str, int, int]] = []
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                _check_size(node, shown)
                # Before constructing: the constructor folds merge keys (<<) into the mapping in place,
                # which would make an override look like a key given twice.
                _walk(node, (), lines, duplicates, set())
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}" if mark else ""
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        hint = "If a value contains a colon (:) or starts with a special character, put it in quotes." if "mapping values" in problem or "block" in problem else ""
        raise InputError([Problem(shown, where, "", f"is not valid YAML: {problem}.", hint)]) from None
    except RecursionError:
        raise InputError([Problem(shown, "", "", "is nested too deeply to read.")]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(shown, "", "", f"is not valid YAML: {exc}.")]) from None
    if duplicates:
        raise InputError([
            Problem(shown, f"line {second}", key, f"is given twice (first on line {first}); only one can count.", "Remove or merge one of them.")
            for key, first, second in duplicates
        ])
    return YamlDocument(path, data, lines)


def _check_size(node: yaml.Node, shown: str) -> None:
    try:
        size = _expanded_size(node, {}, set())
    except (ValueError, RecursionError):
        raise InputError([Problem(shown, "", "", "uses a YAML alias (*name) that refers to itself.")]) from None
    if size > MAX_EXPANDED_VALUES:
        raise InputError([Problem(shown, "", "", f"holds more than {MAX_EXPANDED_VALUES:,} values once its aliases (*name) are expanded; that is not a board file.")])
