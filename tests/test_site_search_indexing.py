"""Generated pages are read into Material's search index without `HTMLParser`
(`mkdocs_plugin.indexing.feed`): Material's own parser, handed the tokens `feed` reads,
must make exactly the sections it makes reading the page itself, for every page the
plugin writes and for any markup within the grammar `feed` accepts; outside it, `feed`
declines and Material reads the page as ever."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser

from generator.engine import check
from generator.mkdocs_plugin import indexing
from generator.mkdocs_plugin.search import search_view
from generator.site.pages import Settings, Site

ROOT = Path(__file__).resolve().parent.parent
Sections = list[tuple[str, str | None, float, list[str], list[str], bool]]


def _sections(parser: Parser) -> Sections:
    return [
        (repr(s), s.id, s.depth, list(s.title), list(s.text), s.is_excluded()) for s in parser.data
    ]


def parsed(html: str) -> Sections | str:
    """Material's sections of `html` (or the error its parser raises on it)."""
    parser = Parser()
    try:
        parser.feed(html)
        parser.close()
    except ValueError as error:  # Material's parser fails on some stray end tags
        return repr(error)
    return _sections(parser)


def fed(html: str) -> Sections | str | None:
    """The same, read by `feed` (None: `feed` declines it)."""
    parser = Parser()
    try:
        if not indexing.feed(parser, html):
            return None
    except ValueError as error:
        return repr(error)
    return _sections(parser)


@pytest.mark.parametrize("root", [ROOT, ROOT / "tests" / "fixtures" / "floodtown"])
def test_every_generated_page_is_read_as_material_reads_it(root: Path) -> None:
    pub = check(root)
    site = Site(pub, Settings(site_name="Test desk"))
    assert site.pages
    for uri, page in site.pages.items():
        for html in (page.body, search_view(page.body)):
            got = fed(html)
            assert got is not None, f"{uri} has markup outside the grammar"
            assert got == parsed(html), uri


def test_a_generated_publication_at_scale_is_read_as_material_reads_it(tmp_path: Path) -> None:
    from bench_corpus import realistic

    realistic(tmp_path, 60, 12, 3)
    site = Site(check(tmp_path), Settings(site_name="Desk"))
    for uri, page in site.pages.items():
        view = search_view(page.body)
        assert fed(view) == parsed(view), uri


# Markup within and around the grammar: tags Material treats apart (headings, kept tags,
# void ones, links that may be permalinks), the attributes it reads, character references,
# whitespace, comments, self-closed and unclosed tags.
TAGS = ["div", "p", "section", "h1", "h2", "h3", "a", "code", "pre", "li", "ul", "span", "br"]
ATTRIBUTES = st.sampled_from(
    [
        ' id="x"',
        " id='y z'",
        ' id=""',
        " data-search-exclude",
        ' data-search-exclude=""',
        ' class="headerlink"',
        ' class="linenodiv"',
        ' title="a &amp; b &lt;c&gt;"',
        " HIDDEN",
        ' data-x = "1>2"',
    ]
)
TEXT = st.sampled_from(
    ["word", " ", "\n", "  two  words ", "&amp;", "&lt;b&gt;", "&#39;", "caf&eacute;", "a & b"]
)


@st.composite
def markup(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["text", "element", "element", "comment", "odd"]))
        if kind == "text":
            parts.append(draw(TEXT))
        elif kind == "comment":
            parts.append(draw(st.sampled_from(["<!-- note -->", "<!---->", "<!-- a -- b -->"])))
        elif kind == "odd":
            parts.append(
                draw(st.sampled_from(["</p>", "<br/>", "<p/>", "a < b", "<!x>", "<H2 ID=k>"]))
            )
        else:
            tag = draw(st.sampled_from(TAGS))
            attrs = "".join(draw(st.lists(ATTRIBUTES, max_size=3)))
            inner = draw(markup(depth + 1)) if depth < 3 else draw(TEXT)
            close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", f"</{tag.upper()} >", ""]))
            parts.append(f"<{tag}{attrs}>{inner}{close}")
    return "".join(parts)


@settings(max_examples=400, deadline=None)
@given(markup())
def test_any_markup_of_the_grammar_is_read_as_material_reads_it(html: str) -> None:
    got = fed(html)
    if got is not None:
        assert got == parsed(html)


def test_markup_outside_the_grammar_is_left_to_material() -> None:
    for html in [
        "<p>a < b</p>",
        "<script>var a = '<p>';</script>",
        "<style>p{}</style>",
        "<!DOCTYPE html><p>x</p>",
        "<p class=unquoted>x</p>",
        "<!-- a -- b -->",
    ]:
        assert fed(html) is None, html
    assert fed("<p>a &lt; b</p>") == parsed("<p>a &lt; b</p>")


def test_the_site_search_index_is_the_same_read_either_way(
    publication_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundled site's search index, built with the generated pages read by `feed` and
    with `feed` declining every page (Material reading them itself), is the same."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(publication_copy)

    def index(dest: Path) -> object:
        build(load_config(str(publication_copy / "mkdocs.yml"), site_dir=str(dest)))
        return json.loads((dest / "search" / "search_index.json").read_text("utf-8"))

    calls: list[bool] = []
    feed = indexing.feed

    def counted(parser: Parser, html: str) -> bool:
        calls.append(feed(parser, html))
        return calls[-1]

    monkeypatch.setattr(indexing, "feed", counted)
    fast = index(tmp_path / "fast")
    assert calls and all(calls)  # every generated page searched was read by `feed`
    monkeypatch.setattr(indexing, "feed", lambda parser, html: False)
    slow = index(tmp_path / "slow")
    assert fast == slow
    assert len(fast["docs"]) > 20  # type: ignore[index]
    # The pages themselves are untouched by where they were read.
    assert (tmp_path / "fast" / "index.html").read_text("utf-8") == (
        tmp_path / "slow" / "index.html"
    ).read_text("utf-8")
