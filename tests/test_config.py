"""`factcheck check` reads the folders from mkdocs.yml, so it refuses what `mkdocs build`
refuses even in a publication that keeps its pages, claims and sources elsewhere."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, mkdocs

from generator.cli import main
from generator.config import Folders, read_folders
from generator.model import Problem

ELSEWHERE = """\
site_name: Elsewhere
docs_dir: !ENV [FACTCHECK_TEST_UNSET, docs]
site_url: !ENV [SITE_URL, "https://example.org/"]
theme:
  name: material
markdown_extensions:
  - pymdownx.emoji:
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
plugins:
  - search
  - factcheck:
      claims: !relative $config_dir/checks
      sources: docs/snapshots/
"""


def test_the_folders_come_from_mkdocs_yml_whatever_tags_it_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FACTCHECK_TEST_UNSET", raising=False)
    (tmp_path / "mkdocs.yml").write_text(ELSEWHERE, "utf-8")
    assert read_folders(tmp_path) == Folders("checks", "docs/snapshots", "docs")
    monkeypatch.setenv("FACTCHECK_TEST_UNSET", "pages")
    assert read_folders(tmp_path).docs == "pages"


def test_defaults_without_mkdocs_yml_or_without_the_settings(tmp_path: Path) -> None:
    assert read_folders(tmp_path) == Folders("claims", "content/sources", "content")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins: [search, factcheck]\n")
    assert read_folders(tmp_path) == Folders()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\ndocs_dir: ./pages/\nplugins:\n  factcheck: {claims: 7}\n"
    )
    assert read_folders(tmp_path) == Folders(docs="pages")


def test_an_unreadable_mkdocs_yml_is_a_problem_on_its_line(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: [docs\n", "utf-8")
    problems: list[Problem] = []
    assert read_folders(tmp_path, problems) == Folders()
    assert [(p.file, p.line, p.severity) for p in problems] == [("mkdocs.yml", 3, "error")]
    assert problems[0].message.startswith("mkdocs.yml cannot be read: ")


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """The bundled publication with its pages in docs/, sources in docs/snapshots/ and
    claims in checks/, as its mkdocs.yml says."""
    project = tmp_path / "elsewhere"
    shutil.copytree(ROOT / "content", project / "docs")
    (project / "docs" / "sources").rename(project / "docs" / "snapshots")
    shutil.copytree(ROOT / "claims", project / "checks")
    shutil.copytree(ROOT / "site_overrides", project / "site_overrides")
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    config = config.replace("docs_dir: content", "docs_dir: docs")
    config = config.replace("claims: claims", "claims: checks")
    config = config.replace("sources: content/sources", "sources: docs/snapshots")
    assert config.count("docs/snapshots") == 1 and "checks" in config
    (project / "mkdocs.yml").write_text(config, "utf-8")
    return project


def check(project: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--root", str(project), "--no-cache"])
    return result.exit_code, result.output


@pytest.mark.slow
def test_check_and_build_refuse_the_same_inputs_in_other_folders(elsewhere: Path) -> None:
    code, output = check(elsewhere)
    assert code == 0, output
    assert mkdocs("build", "--strict", cwd=elsewhere).returncode == 0

    # A page of a refused type in docs/, and an excerpt no source holds in checks/.
    (elsewhere / "docs" / "evil.html").write_text("<script>alert(1)</script>", "utf-8")
    claim = sorted((elsewhere / "checks").glob("*.yaml"))[0]
    text = claim.read_text("utf-8")
    claim.write_text(text.replace("excerpt: ", "excerpt: NOT IN ANY SOURCE ", 1), "utf-8")
    code, output = check(elsewhere)
    assert code == 1
    reported = {line.split(":")[0] for line in output.splitlines() if ": error: " in line}
    assert reported == {"docs/evil.html", f"checks/{claim.name}"}
    built = mkdocs("build", "--strict", cwd=elsewhere)
    assert built.returncode != 0
    for file in reported:
        assert f"{file}:" in built.stderr


def test_the_plugin_names_the_mkdocs_it_needs() -> None:
    from generator.mkdocs_plugin._host import version_problem

    assert version_problem("1.6.1") is None and version_problem("2.0") is None
    assert version_problem("1.5.3") == (
        "the factcheck plugin needs MkDocs 1.6 or later; this is MkDocs 1.5.3: "
        'upgrade it (pip install "mkdocs>=1.6")'
    )


def test_diff_new_and_review_read_the_folders_of_mkdocs_yml(elsewhere: Path) -> None:
    from test_diff import git

    git(elsewhere, "init", "--quiet", "--initial-branch=main")
    git(elsewhere, "add", "-A")
    git(elsewhere, "commit", "--quiet", "-m", "publication")
    git(elsewhere, "checkout", "--quiet", "-b", "edits")
    runner = CliRunner()

    def factcheck(*args: str, stdin: str | None = None) -> str:
        result = runner.invoke(main, [*args, "--root", str(elsewhere)], stdin)
        assert result.exit_code == 0, result.output
        return result.output

    article = "The lighthouse keeper counted 12 ships in the harbour on Monday.\n"
    written = factcheck("new", "source", "harbour-log", "--title", "Harbour log", stdin=article)
    assert written == f"wrote {elsewhere / 'docs/snapshots/harbour-log.md'}\n"
    factcheck(
        "new",
        "claim",
        "twelve-ships",
        "--source",
        "harbour-log",
        "--excerpt",
        "counted 12 ships",
        "--claim",
        "Twelve ships were in the harbour.",
    )
    assert (elsewhere / "checks/twelve-ships.yaml").is_file()
    assert not (elsewhere / "claims").exists() and not (elsewhere / "content").exists()
    assert factcheck("review", "checks/twelve-ships.yaml").startswith("checks/twelve-ships.yaml")
    assert "fingerprint:" in (elsewhere / "checks/twelve-ships.yaml").read_text("utf-8")

    summary = json.loads(factcheck("diff", "--format", "json"))
    assert summary["claims"]["added"] == [
        {"id": "twelve-ships", "file": "checks/twelve-ships.yaml", "rating": "single-source"}
    ]
    assert summary["sources"]["added"] == ["docs/snapshots/harbour-log.md"]
    assert summary["claims"]["removed"] == [] and summary["errors"] == {"base": 0, "now": 0}
