"""Generated pages are read into Material's search index without `HTMLParser`
(`mkdocs_plugin.indexing.read`): it must make exactly the sections Material's own parser
makes reading the page, for every page the plugin writes and for any markup within the
grammar `read` accepts (the text of a section the index leaves out aside); outside it, or
where Material's parser fails, `read` declines and Material reads the page as ever."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser

from generator.engine import check
from generator.mkdocs_plugin import indexing
from generator.mkdocs_plugin.search import MATERIAL_STRIP, material_strip, search_view
from generator.site.pages import Settings, Site

ROOT = Path(__file__).resolve().parent.parent
Sections = list[tuple[str, str | None, float, list[str], list[str], bool]]


def _sections(data: list[Any]) -> Sections:
    """The sections as indexed: the text of one left out is never read."""
    return [
        (repr(s), s.id, s.depth, [], [], True)
        if s.is_excluded()
        else (repr(s), s.id, s.depth, list(s.title), list(s.text), False)
        for s in data
    ]


def parsed(html: str) -> Sections | str:
    """Material's sections of `html` (or the error its parser raises on it)."""
    parser = Parser()
    try:
        parser.feed(html)
        parser.close()
    except ValueError as error:  # Material's parser fails on some stray end tags
        return repr(error)
    return _sections(parser.data)


def fed(html: str) -> Sections | None:
    """The same, read by `read` (None: it declines `html`)."""
    data = indexing.read(html)
    return None if data is None else _sections(data)


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


# What the markup below may hold outside the grammar.
OUTSIDE = ["a < b", "<!x>", "<H2 ID=k>", "<!-- a -- b -->"]


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
    expected = parsed(html)
    if got is not None:
        assert got == expected
    else:  # declined: outside the grammar, or where Material's parser fails
        assert isinstance(expected, str) or any(odd in html for odd in OUTSIDE), html


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


@pytest.mark.parametrize(
    "html",
    [
        # Left out by its attribute, spelled plainly or with a reference, in a section
        # itself left out: its <p> is not written, but the inner </span> reads the name
        # "span" again, so its </p> is, and Material's parser fails on it.
        '<h2 id="a" data-search-exclude>T</h2><div><span data-search-exclude>'
        "<p><span></span>x</p></span></div>",
        '<h2 id="a" data-search-exclude>T</h2><div><span class="linen&#111;div">'
        "<p><span></span>x</p></span></div>",
        '<h2 id="a" data-search-exclude>T</h2><div><span DATA-SEARCH-EXCLUDE>'
        "<p><span></span>x</p></span></div>",
        # The same inside a part left out.
        "<div data-search-exclude><p><div></div>x</p></div>",
    ],
)
def test_a_page_material_fails_on_is_left_to_it(html: str) -> None:
    assert parsed(html) == "ValueError(\"'<p>' is not in list\")"
    assert fed(html) is None


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
    read = indexing.read

    def counted(html: str) -> list[Any] | None:
        data = read(html)
        calls.append(data is not None)
        return data

    monkeypatch.setattr(indexing, "read", counted)
    fast = index(tmp_path / "fast")
    assert calls and all(calls)  # every generated page searched was read by `read`
    monkeypatch.setattr(indexing, "read", lambda html: None)
    slow = index(tmp_path / "slow")
    assert fast == slow
    assert len(fast["docs"]) > 20  # type: ignore[index]
    # The pages themselves are untouched by where they were read.
    assert (tmp_path / "fast" / "index.html").read_text("utf-8") == (
        tmp_path / "slow" / "index.html"
    ).read_text("utf-8")


# Pages shaped like the plugin's: top-level headings (some left out) over blocks whose
# parts are left out whole or in part, elements of one name nested in each other (a name
# left out is read again from the first end tag of that name), kept tags, pictures.
INLINE = ["span", "a", "code", "em", "p", "li", "g", "svg"]


@st.composite
def block(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        if depth >= 3 or draw(st.booleans()):
            parts.append(draw(TEXT))
            continue
        tag = draw(st.sampled_from(INLINE))
        attrs = draw(st.sampled_from(["", "", ' class="x"', " data-search-exclude"]))
        if draw(st.integers(0, 9)) == 0:
            parts.append(f"<{tag}{attrs}/>")
        else:
            inner = draw(block(depth + 1))
            close = draw(st.sampled_from([f"</{tag}>"] * 6 + ["", f"</{tag.upper()}>"]))
            parts.append(f"<{tag}{attrs}>{inner}{close}")
        if draw(st.integers(0, 9)) == 0:
            parts.append(draw(st.sampled_from(["<br>", "<img src='x'>", "<!-- c -->"])))
    return "".join(parts)


@st.composite
def page(draw: st.DrawFn) -> str:
    parts = []
    for n in range(draw(st.integers(0, 5))):
        if draw(st.booleans()):
            level = draw(st.integers(1, 3))
            mark = draw(st.sampled_from(["", " data-search-exclude"]))
            parts.append(f'<h{level} id="s{n}"{mark}>{draw(block(2))}</h{level}>\n')
        wrap = draw(st.sampled_from(["", "div", "section", "ul"]))
        inner = draw(block())
        parts.append(f"<{wrap}>{inner}</{wrap}>\n" if wrap else inner)
    return "".join(parts)


@settings(max_examples=400, deadline=None)
@given(page())
def test_any_page_shaped_markup_is_read_as_material_reads_it(html: str) -> None:
    got = fed(html)
    expected = parsed(html)
    if got is not None:
        assert got == expected
    else:  # every tag here is in the grammar: only where Material's parser fails
        assert isinstance(expected, str), html


def test_another_plugin_reading_pages_between_sees_them_whole(
    publication_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Material's search is handed no page to strip only when no other handler of
    `on_page_context` runs between the plugin's own: a hook running at Material's
    priority sees every generated page whole, and the site built is the same."""
    import sys

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(publication_copy)
    (publication_copy / "seen.py").write_text(
        "pages = {}\n"
        "def on_page_context(context, page, config, nav):\n"
        "    pages[page.url] = page.content\n",
        "utf-8",
    )

    def built(dest: Path, **hooks: Any) -> dict[str, str]:
        build(load_config(str(publication_copy / "mkdocs.yml"), site_dir=str(dest), **hooks))
        return {
            str(path.relative_to(dest)): path.read_text("utf-8")
            for path in sorted(dest.rglob("*"))
            if path.suffix in (".html", ".json")
        }

    plain = built(tmp_path / "plain")
    assert built(tmp_path / "hooked", hooks=["seen.py"]) == plain
    seen: dict[str, str] = sys.modules["seen.py"].pages
    claims = [url for url in seen if url.startswith("claims/") and url != "claims/"]
    assert claims
    for url in claims:  # the page whole, as Material's search has it
        assert "data-search-exclude" in seen[url], url
    # So are the pages the index leaves out (the claim listing).
    assert 'class="fc-claim-list"' in seen["claims/"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<p",
                " ",
                "\n",
                "\t",
                ">",
                "x",
                '"',
                "=",
                "data-search-",
                "exclude",
                "boost",
                '="1"',
                '=""',
                " data-search-exclude",
                ' data-search-boost="2"',
            ]
        )
    ).map("".join)
)
def test_the_page_is_stripped_as_materials_search_strips_it(html: str) -> None:
    assert material_strip(html) == MATERIAL_STRIP.sub("", html)
