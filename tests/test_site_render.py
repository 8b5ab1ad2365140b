"""Safe rendering pieces of the site: Markdown, URLs, highlighting and the HTML defuser.

These are the walls between contributor text and a reader's browser, so each is tested
with the inputs an attacker would try, and the highlighter with random texts and spans.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from generator.site.highlight import highlight, mark_value
from generator.site.sanitize import (
    clean_page,
    is_safe_url,
    is_web_url,
    markdown,
    markdown_inline,
    plain_text,
)
from generator.site.urls import edit_url, page_url, relative


class Tags(HTMLParser):
    """Every start tag with its attributes, the text, and whether nesting was balanced."""

    VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr"})

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.balanced = True
        self.feed(markup)
        self.close()
        self.balanced = self.balanced and not self.stack

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.balanced = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def names(self) -> list[str]:
        return [t for t, _ in self.tags]

    def attributes(self) -> list[tuple[str, str | None]]:
        return [(k, v) for _, a in self.tags for k, v in a.items()]


# --- Markdown ------------------------------------------------------------------------------

HOSTILE_MARKDOWN = [
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java&#x09;script:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    "Text {: onclick=alert(1) }",
    '<a href="javascript:alert(1)">raw</a>',
    "[ref]\n\n[ref]: javascript:alert(1)",
]


@pytest.mark.parametrize("text", HOSTILE_MARKDOWN)
def test_markdown_never_emits_markup_or_unsafe_urls(text: str) -> None:
    for rendered in (markdown(text), markdown_inline(text)):
        parsed = Tags(rendered)
        assert set(parsed.names()) <= {"p", "a", "em", "strong", "code"}, rendered
        for name, value in parsed.attributes():
            assert not name.startswith("on"), rendered
            if name == "href":
                assert value is not None and is_safe_url(value), rendered


def test_markdown_keeps_what_contributors_need() -> None:
    rendered = markdown("Some *emphasis*, `code` and [a link](https://example.org/x).\n\n- one")
    assert "<em>emphasis</em>" in rendered
    assert "<code>code</code>" in rendered
    assert '<a href="https://example.org/x" rel="noopener noreferrer">a link</a>' in (rendered)
    assert "<li>one</li>" in rendered
    # Images are refused: a remote image would let a contributor track every reader.
    assert "<img" not in markdown("![pixel](https://tracker.example/p.gif)")


def test_plain_text_drops_markup_but_keeps_words() -> None:
    assert (
        plain_text("About **5,000** `US` troops <b>here</b>") == "About 5,000 US troops <b>here</b>"
    )
    assert plain_text("[Sadr](https://x.org) said\nso") == "Sadr said so"


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a?b#c", True),
        ("http://example.org", True),
        ("mailto:desk@example.org", True),
        ("../sources/x/#ex-1-2", True),
        ("#notes", True),
        ("/claims/", True),
        ("page.md", True),
        ("javascript:alert(1)", False),
        (" JAVASCRIPT:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("&#106;avascript:alert(1)", False),
        ("vbscript:x", False),
        ("data:text/html,<script>", False),
        ("file:///etc/passwd", False),
        ("custom:thing", False),
    ],
)
def test_url_safety(url: str, safe: bool) -> None:
    assert is_safe_url(url) is safe


def test_only_absolute_http_urls_are_web_urls() -> None:
    assert is_web_url("https://www.example.org/a")
    assert not is_web_url("/relative")
    assert not is_web_url("javascript:alert(1)//https://")


# --- URLs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "page", "expected"),
    [
        ("claims/x/", "", "claims/x/"),
        ("sources/a/#ex-1-2", "claims/x/", "../../sources/a/#ex-1-2"),
        ("", "claims/x/", "../../"),
        ("claims/x/", "claims/x/", "./"),
        ("claims.json", "claims/", "../claims.json"),
        ("methodology/", "sources/", "../methodology/"),
        ("sources/a.html", "claims/x.html", "../sources/a.html"),
    ],
)
def test_relative_links(target: str, page: str, expected: str) -> None:
    assert relative(target, page) == expected


def test_page_urls_follow_mkdocs() -> None:
    assert page_url("claims/us-troops.md") == "claims/us-troops/"
    assert page_url("claims/index.md") == "claims/"
    assert page_url("index.md") == "./"
    assert page_url("claims/us-troops.md", use_directory_urls=False) == "claims/us-troops.html"
    assert page_url("claims/index.md", use_directory_urls=False) == "claims/index.html"
    assert page_url("index.md", use_directory_urls=False) == "index.html"
    assert page_url("claims.json") == "claims.json"


def test_edit_links_reach_files_outside_the_docs_folder() -> None:
    url = edit_url(
        "https://github.com/newsroom/factcheck", "edit/main/content/", None, "../claims/x.yaml"
    )
    assert url == "https://github.com/newsroom/factcheck/edit/main/claims/x.yaml"
    assert edit_url(None, None, None, "../claims/x.yaml") is None
    assert edit_url("https://github.com/o/r", "", None, "sources/a.md") is None
    templated = edit_url("https://example.org/r/", None, "src/{path}?mode=edit", "a.md")
    assert templated == "https://example.org/r/src/a.md?mode=edit"


# --- highlighting --------------------------------------------------------------------------


def test_overlapping_passages_nest_and_keep_their_anchors() -> None:
    text = "One <two> & three four five."
    out = highlight(text, [(0, 13), (4, 20), (4, 9)])
    parsed = Tags(out)
    assert parsed.balanced
    assert "".join(parsed.text) == text
    ids = [str(a["id"]) for t, a in parsed.tags if "id" in a]
    assert sorted(ids) == ["ex-0-13", "ex-4-20", "ex-4-9"]
    # The piece "<two>" is covered by all three spans.
    covering = [a["data-spans"] for t, a in parsed.tags if t == "mark"]
    assert "ex-0-13 ex-4-9 ex-4-20" in covering
    assert "&lt;two&gt;" in out
    assert "&amp;" in out


def test_back_links_follow_the_end_of_each_span() -> None:
    out = highlight("alpha beta gamma", [(6, 10)], after=lambda s: Markup(f"<sup>{s[0]}</sup>"))
    assert out == (
        'alpha <mark class="fc-passage" id="ex-6-10" data-spans="ex-6-10">beta</mark>'
        "<sup>6</sup> gamma"
    )


def test_the_figure_is_marked_inside_its_excerpt() -> None:
    assert mark_value("who number around 5,200", (11, 23)) == (
        'who number <mark class="fc-value">around 5,200</mark>'
    )
    assert mark_value("<b>5</b>", (3, 4)) == '&lt;b&gt;<mark class="fc-value">5</mark>&lt;/b&gt;'
    assert mark_value("no span", None) == "no span"
    assert mark_value("bad span", (3, 99)) == "bad span"


letters = st.text(alphabet="ab <>&\"'\n", min_size=0, max_size=40)


@given(
    st.builds(lambda a, b: "x" + a + "y" + b + "z", letters, letters),
    st.lists(st.tuples(st.integers(0, 90), st.integers(0, 90)), max_size=8),
)
def test_highlighting_any_spans_keeps_the_text_and_valid_html(
    text: str, raw: list[tuple[int, int]]
) -> None:
    spans = [(min(a, b), max(a, b)) for a, b in raw if a != b]
    out = highlight(text, spans)
    parsed = Tags(out)
    assert parsed.balanced
    assert "".join(parsed.text) == text
    valid = {s for s in spans if s[1] <= len(text)}
    ids = [str(a["id"]) for _, a in parsed.tags if "id" in a]
    assert sorted(ids) == sorted(f"ex-{a}-{b}" for a, b in valid)


# --- defusing hand-written pages -----------------------------------------------------------


def test_sanitize_removes_what_runs_and_keeps_the_rest() -> None:
    page = (
        '<h2 id="a">Title<a class="headerlink" href="#a">¶</a></h2>'
        "<p>Text &amp; <em>more</em> &lt;script&gt;</p>"
        "<script>alert(1)</script><SCRIPT SRC=//evil.example/x.js></SCRIPT>"
        '<img src="x" onerror="alert(1)"><a href="javascript:alert(1)">x</a>'
        '<a href=" java&#x09;script:alert(1)">y</a>'
        '<iframe srcdoc="<script>alert(1)</script>"><p>inside</p></iframe>'
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'
        '<svg><animate attributeName="href" values="javascript:alert(1)"/>'
        '<a xlink:href="javascript:alert(1)">z</a></svg>'
        '<table><tr><td style="text-align: left">cell</td></tr></table>'
        "<!-- factcheck:claims --><!-- a note -->"
    )
    out = clean_page(page, ["<!-- factcheck:claims -->"])
    parsed = Tags(out)
    assert "script" not in parsed.names()
    assert not {"iframe", "meta", "animate"} & set(parsed.names())
    assert not [k for k, _ in parsed.attributes() if k.startswith("on")]
    assert all(is_safe_url(v or "") for k, v in parsed.attributes() if k.endswith("href"))
    assert '<a class="headerlink" href="#a" rel="noopener noreferrer">¶</a>' in out
    assert "<p>Text &amp; <em>more</em> &lt;script&gt;</p>" in out
    assert "<td>cell</td>" in out  # no style: a page cannot restyle or cover the site
    assert "inside" not in out
    assert "<!-- factcheck:claims -->" in out
    assert "a note" not in out


values = st.one_of(
    st.text(),
    st.text().map(Markup),
    st.integers(),
    st.sampled_from(["<script>", '" onload="x', "&amp;", "'"]),
)


@given(st.lists(values, min_size=3, max_size=3), values)
def test_fill_escapes_as_markup_format(args: list[object], named: object) -> None:
    """The pages' own template filling escapes each value exactly as `Markup.format`:
    text escaped, Markup kept, numbers written."""
    from generator.site.highlight import fill

    template = Markup('<a href="{}" title="{}">{}</a>{words}')
    assert fill(template, *args, words=named) == template.format(*args, words=named)
    assert type(fill(template, *args, words=named)) is Markup


class Html:
    """An object that knows its own HTML, as markupsafe lets any object."""

    def __init__(self, html: str) -> None:
        self.html = html

    def __html__(self) -> str:
        return self.html


@given(
    st.one_of(
        st.text(),
        st.text().map(Markup),
        st.integers(),
        st.floats(allow_nan=False),
        st.none(),
        st.text().map(Html),
        st.sampled_from(["<script>", '" onload="x', "&amp;", "'", "\x00<"]),
    )
)
def test_the_pages_escape_every_value_as_markupsafe(value: object) -> None:
    """What the fact-check templates print goes through the site's own `escape`: the same
    text as `markupsafe.escape` for every kind of value, and Markup."""
    import markupsafe

    from generator.site.templates import escape

    assert escape(value) == markupsafe.escape(value)
    assert type(escape(value)) is Markup


def test_every_template_prints_through_the_sites_escape() -> None:
    from generator.site.templates import TEMPLATES, environment, escape

    env = environment()
    for name in (*TEMPLATES, "factcheck/components.html"):
        assert env.get_template(name).root_render_func.__globals__["escape"] is escape
    page = env.from_string("<p title='{{ x }}'>{{ x }}{{ y }}</p>").render(
        x="<b a=\"1\" b='2'>&amp;", y=Markup("<i>kept</i>")
    )
    assert page == (
        "<p title='&lt;b a=&#34;1&#34; b=&#39;2&#39;&gt;&amp;amp;'>"
        "&lt;b a=&#34;1&#34; b=&#39;2&#39;&gt;&amp;amp;<i>kept</i></p>"
    )


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(),
        st.sampled_from(["</script>", '"\\\n\t\u2028', "\ud800", "ü€😀"]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
        st.dictionaries(st.integers(), inner, max_size=2),  # keys json writes its own way
    ),
    max_leaves=20,
)


@given(json_values)
def test_the_sites_json_text_is_what_json_writes(value: object) -> None:
    """`/claims.json` is written by the site's own writer: the text `json.dumps` writes."""
    import json

    from generator.site import jsontext

    assert jsontext.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)
    assert jsontext.dumps(value, indent=4) == json.dumps(value, ensure_ascii=False, indent=4)


@given(
    st.text(
        alphabet=st.sampled_from(
            ["a", "B", "é", "5", " ", "-", "_", "\u00ad", "\u200b", "\ufeff", "\u0301", "’", "\n"]
        )
    )
    | st.text()
)
def test_word_spans_are_the_compared_words_spans(text: str) -> None:
    """A figure is placed by the spans of the words shared wording compares, found without
    folding the words."""
    from generator.shared_wording import words_of
    from generator.site.highlight import word_spans

    assert word_spans(text) == words_of(text).spans
