"""The `factcheck` command: help for every command, exact output for every format."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from generator.cli import main

MINI = Path(__file__).parent / "fixtures" / "mini"


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += all_commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


@pytest.mark.parametrize("path", all_commands(main), ids=lambda p: " ".join(p) or "factcheck")
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0
    assert result.output.startswith("Usage: ")
    command: click.Command = main
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    assert command.help, f"{' '.join(path)} has no help text"
    assert command.help.split("\n")[0] in result.output


def test_bad_usage_exits_2() -> None:
    assert CliRunner().invoke(main, ["check", "--format", "xml"]).exit_code == 2
    assert CliRunner().invoke(main, ["check", "--root", "/no/such/dir"]).exit_code == 2
    assert CliRunner().invoke(main, ["nonsense"]).exit_code == 2


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--root", str(MINI), *args])
    return result.exit_code, result.output


def test_text_output_is_exact() -> None:
    code, out = run()
    assert code == 1
    assert out == (MINI / "expected.txt").read_text(encoding="utf-8")


def test_github_output_is_exact() -> None:
    code, out = run("--format", "github")
    assert code == 1
    assert out == (MINI / "expected.github").read_text(encoding="utf-8")


def test_json_output_is_exact() -> None:
    code, out = run("--format", "json")
    assert code == 1
    assert json.loads(out) == json.loads((MINI / "expected.json").read_text(encoding="utf-8"))


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "broken.yaml").write_bytes(b"claim: [\x00")
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stdout.startswith(
        "claims/broken.yaml:1:1: error: binary file (contains NUL bytes): expected text\n"
    )
