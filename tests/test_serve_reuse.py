"""What `mkdocs serve` keeps from one build for the next is reused only while it still holds:
a rebuild after an edit shows exactly what a fresh build of the edited publication shows.

Kept: the engine's shared wording (by the sources' texts) and loaded claims (by their bytes
and their sources'), the theme's compiled templates (by their source), the generated pages
and the timeline (by what they were rendered from), each claim's listing entry (by the
claim) and the claim files' texts (by their stat).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from jinja2 import Environment, FileSystemLoader
from test_serve_dirty import dirty_build

from generator import engine
from generator.cache import EngineCache
from generator.mkdocs_plugin.serving import CompiledTemplates
from generator.shared_wording import SharedWording, find_shared_wording

pytestmark = pytest.mark.slow


def _pages(site: Path) -> dict[str, str]:
    """Each page's article (and the data files): a dirty build's navigation may name a page
    that was not rebuilt by a stale title, which is MkDocs' business, not the plugin's."""
    return {
        p.relative_to(site).as_posix(): _article(p.read_text("utf-8"))
        for p in site.rglob("*")
        if p.suffix in {".html", ".json"} and p.name != "search_index.json"
    }


def _article(page: str) -> str:
    start, end = page.find("<article"), page.rfind("</article>")
    return page[start:end] if 0 <= start < end else page


def _fresh(project: Path, site: Path) -> dict[str, str]:
    """The site of a new `serve` session (nothing kept) of `project` as it is now."""
    dirty_build(project, site, start=True)
    return _pages(site)


def _shared_with(source: Path, other: Path) -> str:
    """A paragraph of `other`'s text, appended to `source`: wording the two now share."""
    body = other.read_text("utf-8").split("---\n", 2)[2]
    paragraph = max(body.split("\n\n"), key=len).strip()
    source.write_text(source.read_text("utf-8").rstrip("\n") + "\n\n" + paragraph + "\n", "utf-8")
    return paragraph


def _paged_publication(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A generated publication of 250 claims (a listing of three pages) to serve, made the
    working folder, and where its site goes."""
    import bench_corpus

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project, site = tmp_path / "pub", tmp_path / "site"
    bench_corpus.realistic(project, 250, 12, 2)
    bench_corpus.site(project)
    monkeypatch.chdir(project)
    return project, site


def test_a_rebuild_after_edits_equals_a_fresh_build(
    publication_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(publication_copy)
    site = tmp_path / "site"
    try:
        plugin = dirty_build(publication_copy, site, start=True)
        dirty_build(publication_copy, tmp_path / "before")
        # A claim edited: its page and the listings change, the rest is kept.
        claim = sorted((publication_copy / "claims").glob("*.yaml"))[0]
        data = yaml.safe_load(claim.read_text("utf-8"))
        data["claim"] = "An edited claim, marker 7f3a."
        claim.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        dirty_build(publication_copy, site)
        assert "marker 7f3a" in (site / "claims" / claim.stem / "index.html").read_text("utf-8")
        assert plugin.compiled.compiled  # type: ignore[attr-defined]
        # A source edited so that it shares wording with another: the shared wording of
        # the last build no longer holds.
        a, b = sorted((publication_copy / "content" / "sources").glob("*.md"))[:2]
        _shared_with(a, b)
        dirty_build(publication_copy, site)
        served = _pages(site)
        fresh = _fresh(publication_copy, tmp_path / "fresh")
    finally:
        from mkdocs.config import load_config

        load_config(str(publication_copy / "mkdocs.yml")).plugins.on_shutdown()
    assert served.keys() == fresh.keys()
    differ = [page for page in served if served[page] != fresh[page]]
    assert differ == []
    # The source page says what it now shares with the other, as the fresh build does.
    before = _pages(tmp_path / "before")
    page = f"sources/{a.stem}/index.html"
    assert served[page] != before[page]


def test_shared_wording_is_reused_until_a_source_text_changes(
    publication_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []
    real = find_shared_wording

    def counted(texts: dict[str, str]) -> SharedWording:
        made.append(len(texts))
        return real(texts)

    monkeypatch.setattr(engine, "find_shared_wording", counted)
    store = EngineCache()
    first = engine.check(publication_copy, cache=store)
    first.shared.of(next(iter(first.sources)))
    assert len(made) == 1
    # A claim edited: its verdict is worked out again, with the same shared wording.
    claim = sorted((publication_copy / "claims").glob("*.yaml"))[0]
    claim.write_text(claim.read_text("utf-8") + "\n# edited\n", "utf-8")
    again = engine.check(publication_copy, cache=store)
    assert again.shared.of(next(iter(again.sources))) is not None
    assert len(made) == 1
    # A source's text edited: worked out again, as a check without a cache finds it.
    a, b = sorted((publication_copy / "content" / "sources").glob("*.md"))[:2]
    _shared_with(a, b)
    edited = engine.check(publication_copy, cache=store)
    ids = sorted(edited.sources)
    got = {i: edited.shared.of(i) for i in ids}
    assert len(made) == 2
    cold = engine.check(publication_copy)
    assert got == {i: cold.shared.of(i) for i in ids}
    assert any(got[i] != {} for i in ids)


def test_compiled_templates_are_reused_only_while_their_source_is_the_same(
    tmp_path: Path,
) -> None:
    (tmp_path / "page.html").write_text("first {{ x }}", "utf-8")
    kept = CompiledTemplates()

    def render() -> str:
        # A new environment per build, as MkDocs makes one, sharing the compiled code.
        env = Environment(loader=FileSystemLoader(str(tmp_path)), bytecode_cache=kept)
        return env.get_template("page.html").render(x=1)

    assert render() == "first 1"
    assert len(kept.compiled) == 1
    assert render() == "first 1"
    (tmp_path / "page.html").write_text("second {{ x }}", "utf-8")
    assert render() == "second 1"


def test_an_edit_renders_only_the_listing_page_that_shows_the_claim(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_serve_dirty import stamps

    project, site = _paged_publication(tmp_path, monkeypatch)
    try:
        plugin = dirty_build(project, site, start=True)
        kept = dict(plugin.rendered.pages)  # type: ignore[attr-defined]
        before = stamps(site)
        listing = sorted(
            p for p in before if p.startswith("claims/page/") or p == "claims/index.html"
        )
        assert len(listing) == 3
        claim = project / "claims" / "claim-00007.yaml"
        holding = [p for p in listing if "claim-00007/" in (site / p).read_text("utf-8")]
        assert len(holding) == 1
        text = claim.read_text("utf-8")
        claim.write_text(text.replace("number 7 ", "number 7 (edited 5e1b) ", 1), "utf-8")
        dirty_build(project, site)
        again = plugin.rendered.pages  # type: ignore[attr-defined]
        after = stamps(site)
        served = _pages(site)
        fresh = _fresh(project, tmp_path / "fresh")
    finally:
        from mkdocs.config import load_config

        load_config(str(project / "mkdocs.yml")).plugins.on_shutdown()
    assert [p for p in listing if after[p] != before[p]] == holding
    # The other pages of the listing were not even rendered again.
    uris = ["claims/index.md", "claims/page/2.md", "claims/page/3.md"]
    assert [u for u in uris if again[u][1] is not kept[u][1]] == [
        u for u, p in zip(uris, listing, strict=True) if p in holding
    ]
    assert "(edited 5e1b)" in served[holding[0]]
    assert [page for page in served if served[page] != fresh[page]] == []


def test_edits_to_verdicts_tags_and_dates_show_on_listings_tags_and_timeline(
    publication_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `serve` keeps by claim (loaded claims, listing entries, the timeline, the claim
    files' texts by their stat) gives way to an edit that changes what the listings, the
    tag pages and the timeline show."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(publication_copy)
    claims = publication_copy / "claims"
    edits = [
        # An editorial verdict: the claim's rating on the listing changes.
        (
            "airport-strike-place.yaml",
            "rating: minor-discrepancy",
            "rating: conflicting",
            "claims/index.html",
        ),
        # A new tag (and one dropped): a new tag page, the others' lists change.
        ("abdul-mahdi-resignation-date.yaml", "[iraqi-politics, dates]", "[dates, zz-new-9c]", ""),
        # Another date claimed: the timeline moves the claim.
        (
            "abdul-mahdi-resignation-date.yaml",
            "resigned on November 29, 2019.",
            "resigned on November 30, 2019.",
            "timeline/index.html",
        ),
    ]
    try:
        for n, (name, old, new, page) in enumerate(edits):
            # Each edit in a session of its own that starts with a full build (a fresh build
            # below starts the plugin afresh, as MkDocs keeps its instance).
            site = tmp_path / f"site-{n}"
            dirty_build(publication_copy, site, start=True)
            before = _pages(site)
            claim = claims / name
            text = claim.read_text("utf-8")
            assert old in text
            claim.write_text(text.replace(old, new, 1), "utf-8")
            dirty_build(publication_copy, site)
            served = _pages(site)
            if page:
                assert served[page] != before[page], (name, new)
            assert served == _fresh(publication_copy, tmp_path / f"fresh-{n}")
        assert "tags/zz-new-9c/index.html" in served
        # A claim file written again with the same bytes: nothing shown changes.
        site = tmp_path / "site-last"
        dirty_build(publication_copy, site, start=True)
        served = _pages(site)
        claim = claims / "airport-strike-place.yaml"
        claim.write_text(claim.read_text("utf-8"), "utf-8")
        dirty_build(publication_copy, site)
        assert _pages(site) == served
    finally:
        from mkdocs.config import load_config

        load_config(str(publication_copy / "mkdocs.yml")).plugins.on_shutdown()


def test_a_claim_moving_across_listing_pages_shows_as_in_a_fresh_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editorial verdict of conflict moves a claim from the last page of the listing to
    the first: an entry at the end of each page moves to the next, where its links
    (re-based per page and kept under `serve`) must be that page's."""
    project, site = _paged_publication(tmp_path, monkeypatch)
    try:
        dirty_build(project, site, start=True)
        before = _pages(site)
        last = before["claims/page/3/index.html"]
        # The first entry of the last page that a verdict of conflict moves to the first.
        entry = re.search(
            r'data-verdict="(?!conflicting")[^"]*"[^>]*>.*?href="\.\./\.\./(claim-\d+)/', last
        )
        assert entry is not None
        stem = entry.group(1)
        claim = project / "claims" / f"{stem}.yaml"
        text = claim.read_text("utf-8").rstrip("\n")
        verdict = "verdict:\n  rating: conflicting\n  reason: An edit moving it, 3d.\n"
        claim.write_text(text + "\n" + verdict, "utf-8")
        dirty_build(project, site)
        served = _pages(site)
        fresh = _fresh(project, tmp_path / "fresh")
    finally:
        from mkdocs.config import load_config

        load_config(str(project / "mkdocs.yml")).plugins.on_shutdown()
    listing = ["claims/index.html", "claims/page/2/index.html", "claims/page/3/index.html"]
    assert all(served[p] != before[p] for p in listing)
    assert f"{stem}/" in served["claims/index.html"]
    assert [page for page in served if served[page] != fresh[page]] == []
