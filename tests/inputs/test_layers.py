"""Inputs own every file (issue 23): lfjb/inputs imports nothing downstream, lfjb/compare opens no file,
and lfjb/dfj.py (reference data) does not climb back up into lfjb/inputs."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LFJB = Path(__file__).resolve().parents[2] / "lfjb"
DOWNSTREAM = ("lfjb.compare", "lfjb.render", "lfjb.charts", "lfjb.metrics")
# Calls that read a file (a pack, an FCSQ file, an alias file): only lfjb/inputs may make them.
OPENING = {"open", "read_text", "read_bytes", "read_csv", "read_excel", "read_parquet", "rglob", "glob"}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
    return names


def _calls(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            found.add(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
    return found


@pytest.mark.parametrize("path", sorted((LFJB / "inputs").glob("*.py")), ids=lambda p: p.name)
def test_inputs_import_nothing_downstream(path):
    assert [m for m in _imports(path) if m.startswith(DOWNSTREAM)] == []


@pytest.mark.parametrize("path", sorted((LFJB / "compare").glob("*.py")), ids=lambda p: p.name)
def test_compare_opens_no_file(path):
    assert _calls(path) & OPENING == set()


def test_the_dfj_list_does_not_import_the_inputs():
    assert [m for m in _imports(LFJB / "dfj.py") if m.startswith("lfjb.inputs")] == []
