"""What a contributor writes must not command the CI runner or the terminal reading the
log: workflow commands (`::error …`, `::add-mask::`, `::stop-commands::`, `##[…]`) and
ANSI escape sequences in kinds, keys, values and file names are printed made visible, in
`factcheck check`'s text and GitHub formats and in the `mkdocs build` log."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.model import Problem
from generator.report import clip_around, format_github, format_text, visible

SOURCE = """\
---
title: "Wire \\e]0;pwned\\a report \\e[2J"
published: 2020-01-14
---
Around 5,000 US troops are left in Iraq.
"""

HOSTILE_CLAIM = """\
claim: "Around 5,000 US troops\\n::add-mask::secret ##[error]v1"
kind: "quantity\\n::error file=claims/x.yaml,line=1::pwned\\e[31m"
"\\n::stop-commands::token": x
::error::owned: 1
"##[error]v1": y
evidence:
  - source: wire
    excerpt: Around 5,000 US troops are left in Iraq
"""

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


@pytest.fixture
def hostile_repo(tmp_path: Path) -> Path:
    files: dict[str, str | bytes] = {
        "content/sources/wire.md": SOURCE,
        "claims/bad.yaml": HOSTILE_CLAIM,
        "claims/::error::named.yaml": "claim: x\n",
        "content/img/x\n::error::name\x1b[2J.png": PNG,
        "content/\n::add-mask::page.md": "---\ntitle: x\n---\n# x\n",
        "mkdocs.yml": "site_name: Injection\ndocs_dir: content\nplugins:\n  - factcheck\n",
    }
    for rel, data in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, "utf-8")
    return tmp_path


def assert_inert(output: str, where: str) -> None:
    assert "\x1b" not in output and "\x07" not in output, f"{where}: raw control byte"
    for line in output.splitlines():
        assert not line.lstrip().startswith("::"), f"{where}: a command line: {line!r}"
        assert "##[" not in line, f"{where}: a v1 command: {line!r}"


def test_text_output_commands_nothing(hostile_repo: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--root", str(hostile_repo)])
    assert result.exit_code == 1
    assert_inert(result.output, "factcheck check")
    # Shown, not swallowed: the reader sees what the contributor wrote.
    assert "\\n::error file=claims/x.yaml,line=1::pwned\\x1b[31m" in result.output
    assert "content/img/x\\n::error::name\\x1b[2J.png:1:1: error: the file name" in result.output
    assert "    \\x3a:error::owned: 1\n" in result.output
    assert "#\\x23[error]v1" in result.output


def test_github_output_is_one_annotation_per_problem(hostile_repo: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--root", str(hostile_repo), "--format", "json"])
    count = len(json.loads(result.output)["problems"])
    result = CliRunner().invoke(main, ["check", "--root", str(hostile_repo), "--format", "github"])
    lines = result.output.splitlines()
    assert len(lines) == count
    assert all(re.match(r"::(error|warning) file=[^:]*,line=\d+,col=\d+::", x) for x in lines)
    assert "\x1b" not in result.output


@pytest.mark.slow
def test_the_build_log_commands_nothing(hostile_repo: Path, tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "s")],
        cwd=hostile_repo,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 1
    log = built.stdout + built.stderr
    assert "claims/bad.yaml:2:" in log
    assert_inert(log, "mkdocs build")


def test_visible_escapes_every_control() -> None:
    assert visible("a\nb\rc\td\x1b[0m\x00\x7f\x85\u2028\u202e") == (
        "a\\nb\\rc\\td\\x1b[0m\\x00\\x7f\\x85\\u2028\\u202e"
    )
    assert visible("plain “text” – مقتدى") == "plain “text” – مقتدى"


def test_a_long_line_is_clipped_around_the_column() -> None:
    line = "x" * 3_000_000 + "HERE" + "y" * 3_000_000
    shown, caret = clip_around(line, 3_000_001)
    assert len(shown) == 162 and shown[0] == shown[-1] == "…"
    assert shown[caret : caret + 4] == "HERE"
    assert clip_around("short\tline", 7) == ("short line", 6)
    assert clip_around("a\x1bb", 3) == ("a\\x1bb", 5)


def test_huge_problems_print_a_bounded_report(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_text("k: " + "v" * 3_000_000 + "\n", "utf-8")
    problems = [Problem("f.yaml", 1, 2_000_000, "error", "bad `" + "v" * 3_000_000 + "`")] * 2
    for text in (format_text(problems, tmp_path), format_github(problems)):
        assert len(text) < 3_000
