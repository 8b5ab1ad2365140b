"""Material's search reads each generated page without the inside of its
`data-search-exclude` parts (`search_view`): the index must be the same as from the page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser

from generator.engine import check
from generator.mkdocs_plugin.search import search_view
from generator.site.pages import Settings, Site

ROOT = Path(__file__).resolve().parent.parent
Sections = list[tuple[str, str | None, float, str, str, bool]]


def sections(html: str) -> Sections:
    """What Material's search parser makes of `html`: its sections, as indexed (the text
    of a section it leaves out is never read)."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [
        (repr(s), s.id, s.depth, "".join(s.title), "".join(s.text), False)
        if not s.is_excluded()
        else (repr(s), s.id, s.depth, "", "", True)
        for s in parser.data
    ]


def test_every_generated_page_of_the_bundled_publication_indexes_the_same() -> None:
    pub = check(ROOT)
    site = Site(pub, Settings(site_name="Test desk"))
    lean = 0
    for uri, page in site.pages.items():
        view = search_view(page.body)
        assert sections(view) == sections(page.body), uri
        lean += len(view) < len(page.body)
    assert lean >= len(pub.claims) + len(pub.sources)  # every claim and source page is leaner


@pytest.mark.parametrize(
    ("html", "view"),
    [
        # The inside goes, the tags stay (the parser opens and closes the same elements).
        (
            '<h1 id="a">T</h1><p data-search-exclude>x <b>y</b></p><p>z</p>',
            '<h1 id="a">T</h1><p data-search-exclude></p><p>z</p>',
        ),
        # Nested marked parts: the outer one goes whole.
        (
            "<div data-search-exclude><p data-search-exclude>x</p>y</div>w",
            "<div data-search-exclude></div>w",
        ),
        # A link holding ">" in a quoted attribute is one tag.
        (
            '<p data-search-exclude><a href="a>b">x</a></p>y',
            "<p data-search-exclude></p>y",
        ),
        # A marked top-level heading's section is left out up to the next heading.
        (
            '<h2 id="a" data-search-exclude>A</h2><p>x</p><ul><li>y</li></ul><h2 id="b">B</h2>',
            '<h2 id="a" data-search-exclude></h2><h2 id="b">B</h2>',
        ),
        (
            '<p>w</p><h2 id="a" data-search-exclude>A</h2><p>x <b>y</b></p>',
            '<p>w</p><h2 id="a" data-search-exclude></h2>',
        ),
    ],
)
def test_marked_parts_are_emptied(html: str, view: str) -> None:
    assert search_view(html) == view
    assert sections(view) == sections(html)


@pytest.mark.parametrize(
    "html",
    [
        # Material stops leaving out at the first end tag of the marked element's name.
        "<div data-search-exclude><div>a</div>b</div>c",
        # A heading with an id starts a section even inside a marked part.
        '<div data-search-exclude><h2 id="x">a</h2>b</div>c',
        # Not a balanced tree: what the parser makes of it is not worked out here.
        "<p data-search-exclude><b>a</i></p>c",
        "<p data-search-exclude><b>a</p>c",
        # Script and style are raw text to the parser.
        "<p data-search-exclude><script>a</p></script></p>c",
        # A marked section holding a nested heading, or an end tag the parser ignores.
        '<h2 id="a" data-search-exclude></h2><div><h3 id="c">C</h3></div>',
        '<h2 id="a" data-search-exclude></h2><p>x</i></p>',
        # A marked heading inside another element: its section may end earlier.
        '<div><h2 id="a" data-search-exclude></h2><p>x</p></div><p>y</p>',
    ],
)
def test_parts_the_parser_reads_differently_are_left_whole(html: str) -> None:
    assert search_view(html) == html


@pytest.mark.parametrize(
    ("html", "view"),
    [
        # The attribute's name as words of the text, or inside a quoted value.
        (
            "<p>data-search-exclude</p><p data-search-exclude>x</p>",
            "<p>data-search-exclude</p><p data-search-exclude></p>",
        ),
        (
            '<p><a title="<b data-search-exclude>">y</a></p><p data-search-exclude>x</p>',
            '<p><a title="<b data-search-exclude>">y</a></p><p data-search-exclude></p>',
        ),
        (
            '<p><a title=" data-search-exclude">y</a></p><p data-search-exclude>x</p>',
            '<p><a title=" data-search-exclude">y</a></p><p data-search-exclude></p>',
        ),
        # Before and after a marked section.
        (
            '<p data-search-exclude>x</p><h2 id="a" data-search-exclude>A</h2><p>x</p>'
            '<h2 id="b">B</h2><p data-search-exclude>y</p><p>z</p>',
            '<p data-search-exclude></p><h2 id="a" data-search-exclude></h2>'
            '<h2 id="b">B</h2><p data-search-exclude></p><p>z</p>',
        ),
    ],
)
def test_only_marked_elements_are_emptied(html: str, view: str) -> None:
    assert search_view(html) == view
    assert sections(view) == sections(html)


def test_a_tag_never_closed_costs_one_pass() -> None:
    html = '<p data-search-exclude>x</p><a title="' + "a " * 200_000
    assert search_view(html) == '<p data-search-exclude></p><a title="' + "a " * 200_000


def test_void_and_unclosed_marked_elements_are_left_as_they_are() -> None:
    html = '<img data-search-exclude src="x"><p data-search-exclude>never closed'
    assert search_view(html) == html


def test_the_index_holds_claim_and_source_pages_not_the_listings_repeating_them(
    bundled_site: Path,
) -> None:
    index = json.loads((bundled_site / "search" / "search_index.json").read_text("utf-8"))
    pages = {doc["location"].partition("#")[0] for doc in index["docs"]}
    pub = check(ROOT)
    assert {f"claims/{c.id}/" for c in pub.claims} <= pages
    assert {f"sources/{s}/" for s in pub.sources} <= pages
    repeating = [p for p in pages if p.startswith(("tags/", "timeline/", "claims/page/"))]
    assert repeating == []
    assert "claims/" not in pages
