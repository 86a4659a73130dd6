"""The ``gvcpanel`` console command: every command is registered and its help names it."""

from __future__ import annotations

import tomllib

import pytest

from gvcpanel import cli


def test_console_script_registered(root):
    scripts = tomllib.loads((root / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts == {"gvcpanel": "gvcpanel.cli:main"}


@pytest.mark.parametrize("command", sorted(cli.COMMANDS))
def test_help_names_the_command(command, capsys):
    with pytest.raises(SystemExit) as done:
        cli.main([command, "--help"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: gvcpanel {command} ")


def test_usage_lists_every_command(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(f"  {command}" in out for command in cli.COMMANDS)
    assert "simulate-firms" in cli.COMMANDS
