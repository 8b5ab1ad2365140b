"""`mkdocs serve --dirty`: an edit to one claim rebuilds its page, the pages of the sources
it cites and the listings, and nothing else; the engine redoes only that claim's work.

Builds run in this process, the way `serve` runs them: one plugin instance across builds
(MkDocs keeps a plugin with `on_startup`), `dirty=True`, into the same site folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow

# Written by MkDocs and its search plugin on every build, dirty or not.
ALWAYS = {"404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json"}


def dirty_build(project: Path, site: Path, start: bool = False) -> object:
    """One rebuild of a `serve --dirty` session (`start`: its first)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    if start:
        config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    return config.plugins["factcheck"]


def stamps(site: Path) -> dict[str, int]:
    return {
        p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()
    }


def test_an_edit_rebuilds_exactly_the_pages_that_show_it(
    publication_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    try:
        check_a_dirty_session(publication_copy, tmp_path / "site")
    finally:
        from mkdocs.config import load_config

        load_config(str(publication_copy / "mkdocs.yml")).plugins.on_shutdown()


def check_a_dirty_session(publication_copy: Path, site: Path) -> None:
    dirty_build(publication_copy, site, start=True)
    # Nothing changed: only what MkDocs always writes is written again.
    before = stamps(site)
    dirty_build(publication_copy, site)
    after = stamps(site)
    assert {f for f in after if after[f] != before[f]} == ALWAYS

    claim = sorted((publication_copy / "claims").glob("*.yaml"))[0]
    data = yaml.safe_load(claim.read_text("utf-8"))
    data["claim"] = "An edited claim, marker 41c2."
    claim.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    plugin = dirty_build(publication_copy, site)
    edited = stamps(site)
    changed = {f for f in edited if edited[f] != after[f]}

    cited = sorted({e["source"] for e in data["evidence"]})
    expected = {
        f"claims/{claim.stem}/index.html",
        *(f"sources/{s}/index.html" for s in cited),
        "claims/index.html",
        "index.html",
        "claims.json",
        # The topic listings it appears on, and the timeline when it gives a date.
        *(f"tags/{t}/index.html" for t in data.get("tags", [])),
        *(["timeline/index.html"] if data["kind"] == "date" else []),
        *ALWAYS,
    }
    assert changed == expected
    assert "marker 41c2" in (site / "claims" / claim.stem / "index.html").read_text("utf-8")
    for other in ("claims/index.html", "index.html", *(f"sources/{s}/index.html" for s in cited)):
        assert "marker 41c2" in (site / other).read_text("utf-8"), other
    # The engine reused every other claim and every source.
    stats = plugin.cache.stats  # type: ignore[attr-defined]
    assert (stats.claims_checked, stats.sources_loaded) == (1, 0)
    assert stats.claims_reused == len(list((publication_copy / "claims").glob("*.yaml"))) - 1
    assert os.path.isfile(site / "schema" / "claim.json")
