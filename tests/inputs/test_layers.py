"""Inputs own every file (issue 23): lfjb/inputs imports nothing downstream, lfjb/compare opens no file,
and lfjb/dfj.py (reference data) does not climb back up into lfjb/inputs. lfjb/render imports nothing of
lfjb/workflows, and the neutral modules every room may use (lfjb/collector.py) import nothing of lfjb."""

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


def _module_path(name: str) -> Path | None:
    parts = name.split(".")[1:]
    for candidate in (LFJB.joinpath(*parts).with_suffix(".py"), LFJB.joinpath(*parts, "__init__.py")):
        if parts and candidate.is_file():
            return candidate
    return None


def _reachable(path: Path) -> set[str]:
    """Every lfjb module `path` imports, directly or through the modules it imports (inside functions too)."""
    seen: set[str] = set()
    todo = [m for m in _imports(path) if m.startswith("lfjb.")]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        found = _module_path(name)
        if found is not None:
            todo += [m for m in _imports(found) if m.startswith("lfjb.")]
    return seen


@pytest.mark.parametrize("path", sorted((LFJB / "inputs").glob("*.py")), ids=lambda p: p.name)
def test_inputs_import_nothing_downstream(path):
    # Through other modules too: a reader that imports the pack's model would import the metrics it holds.
    assert sorted(m for m in _reachable(path) if m.startswith(DOWNSTREAM)) == []


@pytest.mark.parametrize("path", sorted((LFJB / "compare").glob("*.py")), ids=lambda p: p.name)
def test_compare_opens_no_file(path):
    assert _calls(path) & OPENING == set()


def test_the_dfj_list_does_not_import_the_inputs():
    assert [m for m in _imports(LFJB / "dfj.py") if m.startswith("lfjb.inputs")] == []


@pytest.mark.parametrize("path", sorted((LFJB / "render").rglob("*.py")), ids=lambda p: str(p.relative_to(LFJB)))
def test_render_imports_nothing_of_the_workflows(path):
    # The comparison's PDF worker (render/pdf_worker.py) pauses the cyclic collector through
    # lfjb/collector.py, not through the pack's workflow.
    assert sorted(m for m in _reachable(path) if m.startswith("lfjb.workflows")) == []


@pytest.mark.parametrize("name", ["collector.py"])
def test_a_neutral_module_imports_nothing_of_lfjb(name):
    assert [m for m in _imports(LFJB / name) if m.startswith("lfjb")] == []
