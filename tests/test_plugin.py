"""The plugin as any publication gets it: self-contained, overridable, safe to fail.

A failed build keeps the last good site; `use_directory_urls: false` links right; a theme's
`custom_dir/factcheck/claim.html` replaces the claim page; a docs file cannot replace the
plugin's script; `factcheck init` makes a publication that builds at once.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import build_site, mkdocs

from generator.cli import main
from generator.init import FILES, scaffold

pytestmark = pytest.mark.slow


def tree(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_a_failed_build_leaves_the_last_good_site_untouched(publication_copy: Path) -> None:
    site = publication_copy / "site"
    assert mkdocs("build", "--strict", cwd=publication_copy).returncode == 0
    before = tree(site)
    assert "claims/index.html" in before
    claim = sorted((publication_copy / "claims").glob("*.yaml"))[0]
    data = yaml.safe_load(claim.read_text("utf-8"))
    data["evidence"][0]["excerpt"] = "a sentence no source contains"
    claim.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    failed = mkdocs("build", "--strict", cwd=publication_copy)
    assert failed.returncode != 0
    assert f"claims/{claim.name}:" in failed.stderr
    assert tree(site) == before


def hrefs(html: str) -> list[str]:
    # The page each link reaches: a query (`?verdict=` for the filter) or fragment aside.
    return re.findall(r'href="([^"#?]*)(?:[?#][^"]*)?"', html)


def test_without_directory_urls_every_generated_link_reaches_a_page(
    publication_copy: Path, tmp_path: Path
) -> None:
    config = publication_copy / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nuse_directory_urls: false\n", "utf-8")
    site = build_site(publication_copy, tmp_path / "site")
    assert (site / "claims" / "index.html").is_file()
    listing = (site / "claims" / "index.html").read_text("utf-8")
    claim_links = re.findall(r'class="fc-claim-item__text" href="([^"]+)"', listing)
    ids = sorted(p.stem for p in (publication_copy / "claims").glob("*.yaml"))
    assert sorted(claim_links) == [f"{i}.html" for i in ids]
    for page in [site / "index.html", *site.glob("claims/*.html"), *site.glob("sources/*.html")]:
        for href in hrefs(page.read_text("utf-8")):
            if not href or href.startswith(("http:", "https:", "mailto:")):
                continue
            target = (page.parent / href).resolve()
            assert target.is_file(), f"{page.relative_to(site)} links to missing {href}"


def test_a_theme_override_replaces_the_claim_page(publication_copy: Path, tmp_path: Path) -> None:
    custom = publication_copy / "site_overrides" / "factcheck"
    custom.mkdir(parents=True, exist_ok=True)
    (custom / "claim.html").write_text(
        '{% extends "default/factcheck/claim.html" %}\n'
        '{% block notes %}<p class="house-style">Notes for {{ page.title }}</p>'
        "{{ super() }}{% endblock %}\n",
        "utf-8",
    )
    site = build_site(publication_copy, tmp_path / "site")
    page = next((site / "claims").glob("*/index.html")).read_text("utf-8")
    assert '<p class="house-style">Notes for ' in page
    assert 'class="fc-evidence"' in page  # the rest of the default page is kept
    assert "application/ld+json" in page
    listing = (site / "claims" / "index.html").read_text("utf-8")
    assert "house-style" not in listing


def test_a_docs_file_cannot_replace_the_plugins_script(
    publication_copy: Path, tmp_path: Path
) -> None:
    fake = publication_copy / "content" / "assets" / "factcheck"
    fake.mkdir(parents=True)
    (fake / "factcheck.js").write_text("alert('replaced')\n", "utf-8")
    done = mkdocs("build", "--strict", "--site-dir", str(tmp_path / "site"), cwd=publication_copy)
    # The engine's gate refuses script under content/ outright, before anything is written.
    assert done.returncode == 1
    assert (
        "content/assets/factcheck/factcheck.js:1:1: error: `.js` files are not published "
        "from `content/`"
    ) in done.stderr
    assert not (tmp_path / "site").exists()


def test_init_makes_a_publication_that_builds_at_once(tmp_path: Path) -> None:
    dest = tmp_path / "desk"
    written = scaffold(dest)
    assert sorted(written) == sorted([*FILES.values(), "schema/claim.json", "schema/source.json"])
    # Editors complete and validate the example claim against the schema written beside it.
    claim = dest / "claims" / "example-lighthouses.yaml"
    assert claim.read_text("utf-8").startswith(
        "# yaml-language-server: $schema=../schema/claim.json\n"
    )
    for target, schema in ((claim, "claim"), (dest / ".github/workflows/factcheck.yml", None)):
        args = (
            ["--schemafile", str(dest / "schema" / f"{schema}.json")]
            if schema
            else ["--builtin-schema", "vendor.github-workflows"]
        )
        done = subprocess.run(
            [sys.executable, "-m", "check_jsonschema", *args, str(target)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
    workflow = (dest / ".github" / "workflows" / "factcheck.yml").read_text("utf-8")
    assert "factcheck check --format github" in workflow
    assert "mkdocs build --strict" in workflow
    assert "actions/deploy-pages" in workflow
    assert "factcheck diff --base" in workflow
    site = build_site(dest, tmp_path / "site")
    page = (site / "claims" / "example-lighthouses" / "index.html").read_text("utf-8")
    assert "application/ld+json" in page
    assert "assets/factcheck/factcheck.css" in page


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "generator", "init", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        f"factcheck init: {tmp_path} is not empty; give a new or empty folder, "
        "nothing was written\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert main.commands["init"].help


ROOT = Path(__file__).resolve().parent.parent
PROPERDOCS_VENV = ROOT / ".venv-properdocs"


@pytest.mark.skipif(
    not (PROPERDOCS_VENV / "bin" / "properdocs").exists(),
    reason="no .venv-properdocs: `make test` creates it",
)
def test_properdocs_builds_the_same_pages_as_mkdocs(bundled_site: Path, tmp_path: Path) -> None:
    dest = tmp_path / "site"
    done = subprocess.run(
        [
            str(PROPERDOCS_VENV / "bin" / "properdocs"),
            "build",
            "--strict",
            "-f",
            "mkdocs.yml",
            "--site-dir",
            str(dest),
        ],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    pages = {p.relative_to(dest).as_posix() for p in dest.rglob("*.html")}
    assert pages == {p.relative_to(bundled_site).as_posix() for p in bundled_site.rglob("*.html")}
    claim = next(dest.glob("claims/*/index.html")).read_text("utf-8")
    assert "application/ld+json" in claim
