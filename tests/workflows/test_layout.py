"""The workflows room (issue 23.3): plain functions that return results; only lfjb/cli.py and
lfjb/terminal.py print or import rich, and no workflow binds options through inspect.signature."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import lfjb
from lfjb.workflows import actions, cases, compare, init, pack

PACKAGE = Path(lfjb.__file__).parent
PRINTERS = {PACKAGE / "cli.py", PACKAGE / "terminal.py"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p not in PRINTERS)


def _imports(tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_only_the_cli_and_the_terminal_print():
    offenders = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(name == "rich" or name.startswith("rich.") for name in _imports(tree)):
            offenders.append(f"{path.relative_to(PACKAGE)} imports rich")
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print"]
        if calls:
            offenders.append(f"{path.relative_to(PACKAGE)}:{calls[0].lineno} calls print()")
    assert not offenders


def test_no_workflow_binds_options_through_inspect():
    for path in (PACKAGE / "workflows").glob("*.py"):
        assert "inspect" not in _imports(ast.parse(path.read_text(encoding="utf-8"))), path.name


@pytest.mark.parametrize("function", [pack.make_packs, pack.validate_boards, compare.compare_boards, cases.list_cases,
                                      actions.open_actions, init.init_board])
def test_each_workflow_takes_explicit_keywords_only(function):
    parameters = inspect.signature(function).parameters.values()
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters), function.__name__


@pytest.mark.parametrize("room", ["inputs", "metrics", "compare", "charts", "render"])
def test_no_room_below_the_workflows_imports_them(room):
    for path in (PACKAGE / room).rglob("*.py"):
        names = _imports(ast.parse(path.read_text(encoding="utf-8")))
        assert not [n for n in names if n.startswith(("lfjb.workflows", "lfjb.cli", "lfjb.terminal"))], path.name
