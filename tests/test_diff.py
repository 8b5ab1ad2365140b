"""`factcheck diff` on real git repositories: the bundled publication, changed on a branch."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
NEW_CLAIM = """\
claim: Sadr leads the largest parliamentary bloc, Sairoon.
kind: text
evidence:
  - source: alwaght
    excerpt: Sadr, who leads the largest parliamentary bloc, Sairoon
    value: Sairoon
"""


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def commit_publication(repo: Path) -> None:
    repo.mkdir(exist_ok=True)
    git(repo, "init", "--quiet", "--initial-branch=main")
    shutil.copy2(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    for folder in ("claims", "content"):
        shutil.copytree(ROOT / folder, repo / folder)
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "publication")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), "utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The bundled publication on `main`, and a branch `edits` that changes it:
    a figure (the verdict flips), a broken excerpt, a claim added, a claim removed."""
    repo = tmp_path / "repo"
    commit_publication(repo)
    git(repo, "checkout", "--quiet", "-b", "edits")
    # Alwaght's troop figure becomes 6,200: far beyond the 5% tolerance of 5,000.
    edit(repo / "content/sources/alwaght.md", "who number around 5,200", "who number around 6,200")
    edit(repo / "claims/us-troops-in-iraq.yaml", "number around 5,200", "number around 6,200")
    # A contributor's typo: "voted 170-0" becomes "voted 170 - 0 ".
    edit(repo / "claims/parliament-vote-170-0.yaml", "voted 170-0 in", "voted 107-0 in")
    (repo / "claims/sadr-leads-sairoon.yaml").write_text(NEW_CLAIM, "utf-8")
    (repo / "claims/march-location.yaml").unlink()
    return repo


def run(repo: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["diff", "--root", str(repo), *args])
    return result.exit_code, result.stdout, result.stderr


WHY_170 = (
    "A quoted passage could not be found in its source (the article “Moqtada al-Sadr calls "
    'for "million man march" to force US troops from Iraq”).'
)
WHY_TROOPS = (
    "The sources differ (about 5,000 and about 6,200) beyond the tolerance of 5%. Elsewhere "
    "in the articles, 21st Century Wire and Alwaght print the same 24 words: they count "
    "separately here, but may not be independent."
)
BROKEN = "the Iraqi parliament voted 107-0 in favour of a non-binding resolution"


def test_text_output_is_exact(repo: Path) -> None:
    base = git(repo, "rev-parse", "main")
    code, out, _ = run(repo)
    assert code == 0
    assert out == (
        f"Compared with the merge base with `main` ({base[:12]}).\n"
        "Claims added (1):\n"
        "  + claims/sadr-leads-sairoon.yaml: single-source\n"
        "Claims removed (1):\n"
        "  - claims/march-location.yaml: was single-source\n"
        "Claims changed (2):\n"
        "  ~ claims/parliament-vote-170-0.yaml: unverified\n"
        "  ~ claims/us-troops-in-iraq.yaml: conflicting\n"
        "Ratings and verdicts changed (2):\n"
        "  claims/parliament-vote-170-0.yaml: rating single-source -> unverified; "
        "computed verdict single-source -> unverified\n"
        f"    why: {WHY_170}\n"
        "  claims/us-troops-in-iraq.yaml: rating minor-discrepancy -> conflicting; "
        "computed verdict minor-discrepancy -> conflicting\n"
        f"    why: {WHY_TROOPS}\n"
        "Excerpts broken (1):\n"
        "  claims/parliament-vote-170-0.yaml:7: `million-man-march-call` no longer has "
        f"“{BROKEN}”\n"
        "Sources changed (1):\n"
        "  ~ content/sources/alwaght.md (text): cited by us-troops-in-iraq\n"
        "Errors: 0 -> 1.\n"
    )


def test_markdown_output_is_exact(repo: Path) -> None:
    base = git(repo, "rev-parse", "main")
    code, out, _ = run(repo, "--format", "markdown")
    assert code == 0
    md_170 = WHY_170
    assert out == (
        "## Fact-check: what this change does\n"
        "\n"
        f"Compared with the merge base with `main` (`{base[:12]}`). Errors: 0 → 1.\n"
        "\n"
        "### Ratings and verdicts changed (2)\n"
        "\n"
        "| Claim | Rating | Computed verdict | Why |\n"
        "| --- | --- | --- | --- |\n"
        "| `parliament-vote-170-0` | single-source → **unverified** | "
        f"single-source → **unverified** | {md_170} |\n"
        "| `us-troops-in-iraq` | minor-discrepancy → **conflicting** | "
        f"minor-discrepancy → **conflicting** | {WHY_TROOPS} |\n"
        "\n"
        "### Claims added (1)\n"
        "\n"
        "- `claims/sadr-leads-sairoon.yaml`: single-source\n"
        "\n"
        "### Claims removed (1)\n"
        "\n"
        "- `claims/march-location.yaml`: was single-source\n"
        "\n"
        "### Claims changed (2)\n"
        "\n"
        "- `claims/parliament-vote-170-0.yaml`: unverified\n"
        "- `claims/us-troops-in-iraq.yaml`: conflicting\n"
        "\n"
        "### Excerpts broken (1)\n"
        "\n"
        f"- `claims/parliament-vote-170-0.yaml` line 7: `million-man-march-call` no longer has "
        f"“{BROKEN}”\n"
        "\n"
        "### Sources changed (1)\n"
        "\n"
        "- `content/sources/alwaght.md` (text): cited by `us-troops-in-iraq`\n"
    )


def test_json_output_is_exact(repo: Path) -> None:
    base = git(repo, "rev-parse", "main")
    code, out, _ = run(repo, "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "base": {"label": "the merge base with `main`", "commit": base},
        "claims": {
            "added": [
                {
                    "id": "sadr-leads-sairoon",
                    "file": "claims/sadr-leads-sairoon.yaml",
                    "rating": "single-source",
                }
            ],
            "removed": [
                {
                    "id": "march-location",
                    "file": "claims/march-location.yaml",
                    "rating": "single-source",
                }
            ],
            "changed": [
                {
                    "id": "parliament-vote-170-0",
                    "file": "claims/parliament-vote-170-0.yaml",
                    "rating": "unverified",
                },
                {
                    "id": "us-troops-in-iraq",
                    "file": "claims/us-troops-in-iraq.yaml",
                    "rating": "conflicting",
                },
            ],
        },
        "ratings": [
            {
                "id": "parliament-vote-170-0",
                "file": "claims/parliament-vote-170-0.yaml",
                "rating": {"base": "single-source", "now": "unverified"},
                "verdict": {"base": "single-source", "now": "unverified"},
                "explanation": WHY_170,
                "editorial_reason": None,
            },
            {
                "id": "us-troops-in-iraq",
                "file": "claims/us-troops-in-iraq.yaml",
                "rating": {"base": "minor-discrepancy", "now": "conflicting"},
                "verdict": {"base": "minor-discrepancy", "now": "conflicting"},
                "explanation": WHY_TROOPS,
                "editorial_reason": None,
            },
        ],
        "excerpts": {
            "broken": [
                {
                    "claim": "parliament-vote-170-0",
                    "file": "claims/parliament-vote-170-0.yaml",
                    "line": 7,
                    "source": "million-man-march-call",
                    "excerpt": BROKEN,
                }
            ],
            "fixed": [],
        },
        "sources": {
            "added": [],
            "removed": [],
            "changed": [
                {
                    "id": "alwaght",
                    "file": "content/sources/alwaght.md",
                    "changed": ["text"],
                    "cited_by": ["us-troops-in-iraq"],
                }
            ],
        },
        "errors": {"base": 0, "now": 1},
    }


def test_the_other_way_round_the_excerpt_is_fixed_and_nothing_is_checked_out(
    repo: Path,
) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "edits")
    git(repo, "checkout", "--quiet", "main")
    before = sorted(
        p.relative_to(repo).as_posix() for p in repo.rglob("*") if ".git" not in p.parts
    )
    code, out, _ = run(repo, "--base", "edits")
    assert code == 0
    edits = git(repo, "rev-parse", "edits")
    assert out.startswith(f"Compared with `edits` ({edits[:12]}).\n")
    assert (
        "Excerpts fixed (1):\n"
        f"  claims/parliament-vote-170-0.yaml: `million-man-march-call` has “{BROKEN}” again, "
        "or it was replaced\n"
    ) in out
    assert "  + claims/march-location.yaml: single-source\n" in out
    assert "  - claims/sadr-leads-sairoon.yaml: was single-source\n" in out
    assert out.endswith("Errors: 1 -> 0.\n")
    after = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*") if ".git" not in p.parts)
    assert after == before
    assert git(repo, "status", "--porcelain") == ""


def test_an_unchanged_tree_says_so(repo: Path) -> None:
    git(repo, "stash", "--quiet", "--include-untracked")
    code, out, _ = run(repo, "--base", "main")
    assert code == 0
    assert out.endswith("No claim or source changed.\nErrors: 0 -> 0.\n")


def test_a_publication_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    commit_publication(repo / "site")
    # commit_publication made its own repository; make the subfolder part of an outer one
    shutil.rmtree(repo / "site" / ".git")
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "publication")
    edit(
        repo / "site/claims/us-troops-in-iraq.yaml",
        "kind: quantity",
        "kind: quantity\ntolerance: 1%",
    )
    code, out, _ = run(repo / "site")
    assert code == 0
    assert "  ~ claims/us-troops-in-iraq.yaml: conflicting\n" in out
    assert "Claims added" not in out and "Claims removed" not in out


def test_not_a_repository_exits_2(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    code, out, err = run(tmp_path)
    assert code == 2
    assert out == ""
    assert err == (
        f"factcheck: error: {tmp_path} is not a git repository: `factcheck diff` compares with "
        "a revision; run it inside a clone\n"
    )


@pytest.mark.parametrize("ref", ["no-such-branch", "--output=/tmp/x", "HEAD~99"])
def test_an_unknown_revision_exits_2(repo: Path, ref: str) -> None:
    code, out, err = run(repo, "--base", ref)
    assert code == 2
    assert out == ""
    assert err.startswith(f"factcheck: error: unknown revision `{ref}`")
    assert "Traceback" not in err


def test_no_default_branch_asks_for_base(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    commit_publication(repo)
    git(repo, "branch", "-m", "main", "trunk")
    code, _, err = run(repo)
    assert code == 2
    assert err == (
        "factcheck: error: no default branch to compare with (none of origin/HEAD, main, "
        "master exists): give `--base REF`\n"
    )


def test_the_default_branch_of_a_clone_is_origin_head(tmp_path: Path) -> None:
    upstream = tmp_path / "upstream"
    commit_publication(upstream)
    git(upstream, "branch", "-m", "main", "trunk")
    git(tmp_path, "clone", "--quiet", str(upstream), "clone")
    clone = tmp_path / "clone"
    git(clone, "checkout", "--quiet", "-b", "feature")
    edit(clone / "claims/us-troops-in-iraq.yaml", "kind: quantity", "kind: quantity\ntolerance: 1%")
    code, out, _ = run(clone)
    assert code == 0
    assert out.startswith("Compared with the merge base with `origin/HEAD` (")
    assert "rating minor-discrepancy -> conflicting" in out
