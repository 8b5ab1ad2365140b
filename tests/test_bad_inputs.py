"""A catalogue of bad contributor input: each is reported with its file, line and a
message saying what to do, with exit status 1 and never a traceback."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

SOURCE = """\
---
title: Wire report
published: 2020-01-14
---
Around 5,000 US troops are left in Iraq.

The parliament voted 170-0 on January 5, after 25 fighters were killed.
"""

GOOD_CLAIM = """\
claim: Around 5,000 US troops were in Iraq.
kind: quantity
evidence:
  - source: wire
    excerpt: Around 5,000 US troops are left in Iraq
"""


def write(root: Path, rel: str, content: str | bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def claim(text: str) -> Callable[[Path], None]:
    return lambda root: write(root, "claims/bad.yaml", text)


def symlink(root: Path) -> None:
    (root / "elsewhere.yaml").write_text(GOOD_CLAIM)
    os.symlink(root / "elsewhere.yaml", root / "claims/linked.yaml")


# (case id, how to break the repository, file, line, message fragment)
CASES: list[tuple[str, Callable[[Path], None], str, int, str]] = [
    (
        "yaml-syntax",
        claim("claim: [unclosed\nkind: quantity\n"),
        "claims/bad.yaml",
        2,
        "invalid YAML",
    ),
    (
        "unknown-kind",
        claim(GOOD_CLAIM.replace("kind: quantity", "kind: quantty")),
        "claims/bad.yaml",
        2,
        "`kind` must be one of quantity, tally, date, quote, text, not "
        "`quantty`; did you mean `quantity`?",
    ),
    (
        "typo-key",
        claim(GOOD_CLAIM.replace("evidence:", "evidnce:")),
        "claims/bad.yaml",
        3,
        "unknown key `evidnce` in a claim; did you mean `evidence`?",
    ),
    (
        "missing-evidence",
        claim("claim: Something.\nkind: quantity\n"),
        "claims/bad.yaml",
        1,
        "a claim needs `evidence:` with at least one item",
    ),
    (
        "unknown-source",
        claim(GOOD_CLAIM.replace("source: wire", "source: wirre")),
        "claims/bad.yaml",
        4,
        "unknown source `wirre`: there is no content/sources/wirre.md; did you mean `wire`?",
    ),
    (
        "path-traversal",
        claim(GOOD_CLAIM.replace("source: wire", "source: ../../etc/passwd")),
        "claims/bad.yaml",
        4,
        "`source` is a source id (a file name in content/sources/ without "
        "`.md`), not a path: `../../etc/passwd`",
    ),
    (
        "python-tag",
        claim("claim: !!python/object/apply:os.system [echo hi]\n"),
        "claims/bad.yaml",
        1,
        "tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed",
    ),
    (
        "duplicate-key",
        claim(GOOD_CLAIM + "claim: Again.\n"),
        "claims/bad.yaml",
        6,
        "duplicate key `claim` (first on line 1)",
    ),
    (
        "alias-bomb",
        claim('a: &a ["x","x"]\nb: &b [*a,*a,*a,*a]\nc: [*b,*b,*b,*b]\n'),
        "claims/bad.yaml",
        1,
        "anchors (&a) are not allowed: write the value out",
    ),
    (
        "deep-nesting",
        claim("claim: " + "[" * 5000 + "]" * 5000 + "\n"),
        "claims/bad.yaml",
        1,
        "nested deeper than 32 levels",
    ),
    ("empty-file", claim(""), "claims/bad.yaml", 1, "the claim file is empty"),
    (
        "binary-file",
        lambda r: write(r, "claims/bad.yaml", b"\x89PNG\r\n\x1a\n\x00\x00"),
        "claims/bad.yaml",
        3,
        "binary file (contains NUL bytes): expected text",
    ),
    (
        "not-utf8",
        lambda r: write(r, "claims/bad.yaml", GOOD_CLAIM.encode() + b"notes: caf\xe9\n"),
        "claims/bad.yaml",
        6,
        "not UTF-8 (byte 0xe9): save the file as UTF-8",
    ),
    ("symlink", symlink, "claims/linked.yaml", 1, "a claim is a symlink: refused"),
    (
        "bad-tolerance",
        claim(GOOD_CLAIM + "tolerance: lots\n"),
        "claims/bad.yaml",
        6,
        "`tolerance` must be a percentage (`5%`) or a non-negative number, not `lots`",
    ),
    (
        "rating-without-reason",
        claim(GOOD_CLAIM + "verdict:\n  rating: consistent\n"),
        "claims/bad.yaml",
        7,
        "an editorial `verdict` needs `reason:`",
    ),
    (
        "unknown-rating",
        claim(GOOD_CLAIM + "verdict:\n  rating: true\n  reason: x\n"),
        "claims/bad.yaml",
        7,
        "`rating` must be one of",
    ),
    ("value-not-in-excerpt", claim(GOOD_CLAIM + "    value: 5300\n"), "claims/bad.yaml", 6, "5300"),
    (
        "direction-controls",
        claim(GOOD_CLAIM.replace("excerpt: Around", "excerpt: \u202eAround")),
        "claims/bad.yaml",
        5,
        "invisible direction controls (U+202E)",
    ),
    (
        "bad-front-matter-date",
        lambda r: write(r, "content/sources/wire.md", SOURCE.replace("2020-01-14", "2020-02-30")),
        "content/sources/wire.md",
        3,
        "`published` must be a date written YYYY-MM-DD, not `2020-02-30`",
    ),
    (
        "front-matter-typo",
        lambda r: write(r, "content/sources/wire.md", SOURCE.replace("title:", "titel:")),
        "content/sources/wire.md",
        2,
        "unknown key `titel` in source front matter; did you mean `title`?",
    ),
    (
        "no-front-matter",
        lambda r: write(r, "content/sources/wire.md", "Just text.\n"),
        "content/sources/wire.md",
        1,
        "a source starts with `---` and YAML front matter",
    ),
    (
        "file-name-not-slug",
        lambda r: write(r, "claims/US_Troops.yaml", GOOD_CLAIM),
        "claims/US_Troops.yaml",
        1,
        "file name `US_Troops.yaml` is not a lower-case slug",
    ),
    (
        "yml-extension",
        lambda r: write(r, "claims/troops.yml", GOOD_CLAIM),
        "claims/troops.yml",
        1,
        "a claim names end in `.yaml`",
    ),
    (
        "excerpt-not-found",
        claim(GOOD_CLAIM.replace("Around 5,000 US troops", "About 5,000 US troops")),
        "claims/bad.yaml",
        5,
        "excerpt not found in source `wire`; the nearest passage",
    ),
    (
        "cites-a-broken-source",
        lambda r: write(r, "content/sources/wire.md", SOURCE.replace("title:", "titel:")),
        "claims/good.yaml",
        4,
        "source `wire` could not be loaded: fix the problems reported for content/sources/wire.md",
    ),
    (
        "omission-out-of-order",
        claim(GOOD_CLAIM.replace("excerpt: Around", "excerpt: left in Iraq ... Around")),
        "claims/bad.yaml",
        5,
        "is in the source, but not in this order",
    ),
    (
        "yaml11-no-is-text",
        claim(GOOD_CLAIM.replace("kind: quantity", "kind: no")),
        "claims/bad.yaml",
        2,
        "`kind` must be one of quantity, tally, date, quote, text, not `no`",
    ),
    (
        "yaml11-sexagesimal",
        claim(GOOD_CLAIM + "tolerance: 1:30\n"),
        "claims/bad.yaml",
        6,
        "not `1:30`",
    ),
    (
        "evidence-not-mapping",
        claim("claim: x\nkind: quantity\nevidence:\n  - wire\n"),
        "claims/bad.yaml",
        4,
        "each evidence item is a mapping with `source:` and `excerpt:`",
    ),
    (
        "two-documents",
        claim(GOOD_CLAIM + "---\nclaim: again\n"),
        "claims/bad.yaml",
        6,
        "more than one YAML document",
    ),
    (
        "several-figures",
        claim(
            GOOD_CLAIM.replace(
                "excerpt: Around 5,000 US troops are left in Iraq",
                "excerpt: Around 5,000 US troops ... after 25 fighters",
            )
        ),
        "claims/bad.yaml",
        5,
        "figures",
    ),
    (
        "derivation-without-value",
        claim(GOOD_CLAIM + "    derivation: counted\n"),
        "claims/bad.yaml",
        6,
        "`derivation` explains a `value:`; add the value",
    ),
]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path, "content/sources/wire.md", SOURCE)
    write(tmp_path, "claims/good.yaml", GOOD_CLAIM)
    return tmp_path


def test_the_fixture_repository_is_clean(repo: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--root", str(repo)])
    assert result.exit_code == 0, result.output
    assert result.output == "1 claim and 1 source checked: 0 errors, 0 warnings\n"


@pytest.mark.parametrize(
    ("case", "breaks", "file", "line", "message"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_input_is_reported_with_file_and_line(
    repo: Path, case: str, breaks: Callable[[Path], None], file: str, line: int, message: str
) -> None:
    breaks(repo)
    result = CliRunner().invoke(main, ["check", "--root", str(repo), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    problems = json.loads(result.output)["problems"]
    matching = [p for p in problems if p["file"] == file and message in p["message"]]
    assert matching, f"no problem with {message!r} in {file}; got {problems}"
    assert matching[0]["line"] == line, matching[0]
    assert matching[0]["severity"] == "error"


def test_catalogue_is_at_least_twenty_cases() -> None:
    assert len(CASES) >= 20


def test_a_claim_in_a_subfolder_is_not_silently_ignored(repo: Path) -> None:
    write(repo, "claims/drafts/troops.yaml", GOOD_CLAIM)
    result = CliRunner().invoke(main, ["check", "--root", str(repo)])
    assert result.exit_code == 0  # a warning, not an error
    assert result.output.startswith(
        "claims/drafts:1:1: warning: folder `claims/drafts` is not read: put each file "
        "directly in `claims/`\n"
    )
    assert result.output.endswith("1 claim and 1 source checked: 0 errors, 1 warning\n")


def test_all_problems_are_reported_in_one_run(repo: Path) -> None:
    write(repo, "claims/one.yaml", GOOD_CLAIM.replace("kind: quantity", "kind: quantty"))
    write(repo, "claims/two.yaml", GOOD_CLAIM.replace("source: wire", "source: nowhere"))
    write(repo, "claims/three.yaml", GOOD_CLAIM + "colour: red\n")
    result = CliRunner().invoke(main, ["check", "--root", str(repo), "--format", "json"])
    files = {p["file"] for p in json.loads(result.output)["problems"]}
    assert files == {"claims/one.yaml", "claims/two.yaml", "claims/three.yaml"}


def test_a_long_excerpt_that_is_not_found_gets_a_short_message(repo: Path) -> None:
    # At the excerpt limit (2,000 characters): longer is refused before any search.
    rambling = " ".join(["troops", "left", "Iraq", "around"] * 83)
    write(
        repo,
        "claims/long.yaml",
        GOOD_CLAIM.replace("Around 5,000 US troops are left in Iraq", rambling),
    )
    result = CliRunner().invoke(main, ["check", "--root", str(repo), "--format", "json"])
    [problem] = [p for p in json.loads(result.output)["problems"] if "not found" in p["message"]]
    assert problem["file"] == "claims/long.yaml"
    assert len(problem["message"]) < 600
    assert "more words" in problem["message"]
