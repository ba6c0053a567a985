"""Every command and option explains itself (as sqlite-utils' tests/test_docs.py checks its CLI)."""

from __future__ import annotations

import re

import pytest
import typer.main
from typer.testing import CliRunner

from lfjb.cli import app

COMMAND = typer.main.get_command(app)
COMMANDS = sorted(COMMAND.commands)


def test_the_commands_spec_md_names_are_there():
    assert {"pack", "validate", "actions", "compare", "cases"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name):
    command = COMMAND.commands[name]
    assert command.help and len(command.help.split()) > 4, f"lfjb {name} has no help text"
    assert "Example:" in command.help, f"lfjb {name}'s help gives no example"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_and_argument_has_help(name):
    command = COMMAND.commands[name]
    missing = [p.name for p in command.params if not (getattr(p, "help", None) or "").strip()]
    assert not missing, f"lfjb {name}: no help for {', '.join(missing)}"


@pytest.mark.parametrize("name", COMMANDS)
def test_help_shows_no_type_labels_or_braces(name):
    # Typer would print '<bool>' beside --help and '{SLUG}' in the usage line: noise for a secretariat.
    result = CliRunner().invoke(app, [name, "--help"], terminal_width=120)
    assert result.exit_code == 0
    assert "<bool>" not in result.output and not re.search(r"\{[A-Z_]+\}", result.output)
