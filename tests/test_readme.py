"""Every command `kehoach --help` lists is documented in the README (a heading with its name,
every option, an example) and its --help ends with an example, as sqlite-utils checks its
docs against its CLI."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from conftest import run_cli

from kehoach_docs import cli
from kehoach_docs.domain.exports import COLUMN, REQUIRED

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
CONTEXT = click.Context(cli.cli, info_name="kehoach")
COMMANDS = cli.cli.list_commands(CONTEXT)


def section(name: str) -> str:
    """The README's section of a command: its heading down to the next heading."""
    match = re.search(rf"^### `kehoach {name}\b.*?(?=^##)", README, re.MULTILINE | re.DOTALL)
    assert match, f"README has no «### `kehoach {name} ...`» heading"
    return match.group(0)


def options(name: str) -> list[str]:
    command = cli.cli.get_command(CONTEXT, name)
    assert command is not None
    return [
        opt
        for param in command.params
        if isinstance(param, click.Option)
        for opt in param.opts
        if opt.startswith("--") and opt != "--help"
    ]


def test_the_commands_are_those_of_the_design() -> None:
    assert {"build", "appendix", "letters", "report", "tracker", "validate"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_documented_with_every_option_and_an_example(name: str) -> None:
    text = section(name)
    heading = text.splitlines()[0]
    for option in options(name):
        assert option in heading, f"README heading of {name} lacks {option}"
    example = re.search(r"Ví dụ.*?```bash\n(kehoach .*?)\n```", text, re.DOTALL)
    assert example, f"README section of {name} has no «Ví dụ» with a command"
    assert example.group(1).startswith(f"kehoach {name}")


@pytest.mark.parametrize("name", COMMANDS)
def test_help_ends_with_an_example(capsys, name: str) -> None:
    assert run_cli(name, "--help") == 0
    last = capsys.readouterr().out.strip().splitlines()[-1].strip()
    assert last.startswith(f"Ví dụ: kehoach {name}")


def test_the_columns_an_export_needs_are_those_the_reader_requires() -> None:
    needed = re.search(r"Cần có: (.*?); nên có", README, re.DOTALL)
    assert needed, "README lacks «Cần có: ...; nên có» for the export's columns"
    labels = [COLUMN[name].label.lower() for name in REQUIRED]
    assert " ".join(needed.group(1).split()) == ", ".join(labels)
