"""What the plugin does with a publication that has problems.

`mkdocs build` refuses to publish, printing the same `file:line:column: severity: message`
lines as `factcheck check`; symlinks in contributor folders are refused and never
published, even in a preview, where problems are shown instead of stopping the server.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from generator.mkdocs_plugin.plugin import FactcheckPlugin

pytestmark = pytest.mark.slow

LINE = re.compile(r"^\S+:\d+:\d+: (error|warning): .*$", re.M)


def mkdocs_build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(project / "site")],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def break_an_excerpt(project: Path) -> Path:
    claim_file = sorted((project / "claims").glob("*.yaml"))[0]
    data = yaml.safe_load(claim_file.read_text("utf-8"))
    data["evidence"][0]["excerpt"] = "a sentence no source contains"
    claim_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return claim_file


def test_build_fails_with_the_lines_of_factcheck_check(publication_copy: Path) -> None:
    claim_file = break_an_excerpt(publication_copy)
    built = mkdocs_build(publication_copy)
    assert built.returncode != 0
    checked = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--root", str(publication_copy)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert checked.returncode == 1
    expected = [m.group(0) for m in LINE.finditer(checked.stdout)]
    assert expected and any(line.startswith(f"claims/{claim_file.name}:") for line in expected)
    for line in expected:
        assert line in built.stderr
    assert not (publication_copy / "site" / "index.html").exists()


def test_a_symlink_in_the_docs_folder_fails_the_build(
    publication_copy: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the build machine's key", "utf-8")
    os.symlink(secret, publication_copy / "content" / "leak.md")
    built = mkdocs_build(publication_copy)
    assert built.returncode != 0
    assert "content/leak.md:1:1: error: symlinks are refused" in built.stderr


def plugin_files(project: Path, command: str) -> tuple[FactcheckPlugin, list[str]]:
    """Run the plugin's start of a build in-process, as MkDocs would, and list the files."""
    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["factcheck"]
    assert isinstance(plugin, FactcheckPlugin)
    config.plugins.on_startup(command=command, dirty=False)  # type: ignore[arg-type]
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    return plugin, sorted(f.src_uri for f in files)


def test_a_preview_keeps_going_but_never_publishes_a_symlink(
    publication_copy: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the build machine's key", "utf-8")
    os.symlink(secret, publication_copy / "content" / "leak.md")
    os.symlink(tmp_path, publication_copy / "content" / "everything")
    break_an_excerpt(publication_copy)
    plugin, files = plugin_files(publication_copy, "serve")
    assert "leak.md" not in files
    assert not [f for f in files if f.startswith("everything/")]
    assert plugin.site is not None
    problems = {p.file for p in plugin.site.pub.problems}
    assert {"content/leak.md", "content/everything"} <= problems
    # Everything else is still there, with the problem shown on the home page.
    assert "claims.json" in files and "claims/index.md" in files
    assert "fc-problems" in plugin.site.fill("<h1>Home</h1>", "index.md", True)


def test_snapshots_are_replaced_by_generated_source_pages(publication_copy: Path) -> None:
    plugin, files = plugin_files(publication_copy, "build")
    assert plugin.site is not None
    for source_id in plugin.site.sources:
        assert files.count(f"sources/{source_id}.md") == 1
    assert plugin.site.pages.keys() <= set(files)
