"""A hostile publication (tests/hostile/) built into a site: nothing in it may run.

Its claims, notes, reasons, derivations, source titles, outlets, URLs and snapshot texts all
carry script tags, event handlers, `javascript:` links, `</script>` and attribute-list
injections, and its excerpts are still found, so every page renders. Every page of the built
site is parsed: the only scripts are the theme's own, the search index and JSON-LD data are
inert, no attribute is an event handler and no URL can run script. And the payloads are
still there, as text a reader can see.
"""

from __future__ import annotations

import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import material
import pytest

from generator.site.sanitize import plain_text

pytestmark = pytest.mark.slow

HOSTILE = Path(__file__).resolve().parent / "hostile"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
UNSAFE_URL = re.compile(r"^\s*(javascript|vbscript|data|file):", re.IGNORECASE)
ACTIVE_ELEMENTS = {"iframe", "object", "embed", "frame", "base", "applet"}


@cache
def theme_inline_scripts() -> list[re.Pattern[str]]:
    """The inline scripts Material's templates write, with template expressions as wildcards."""
    templates = Path(material.__file__).parent / "templates"
    patterns = []
    for template in (templates / "partials" / "javascripts").glob("*.html"):
        for body in re.findall(r"<script>(.*?)</script>", template.read_text("utf-8"), re.S):
            parts = re.split(r"\{\{.*?\}\}", body)
            patterns.append(re.compile('[^"<]*'.join(re.escape(p) for p in parts)))
    return patterns


class Page(HTMLParser):
    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.titles: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._title = False
        self._svg = 0  # inside an inline <svg>, whose <title> names a picture, not the page
        self._buffer: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self._script, self._buffer = dict(attrs), []
        self._svg += tag == "svg"
        self._title = tag == "title" and not self._svg

    def handle_endtag(self, tag: str) -> None:
        self._svg -= tag == "svg" and self._svg > 0
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._buffer)))
            self._script = None
        self._title = False

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._buffer.append(data)
        if self._title:
            self.titles.append(data)


def pages(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.html"))
    assert len(found) >= 10
    return found


def assert_no_active_content(markup: str, where: str) -> None:
    page = Page(markup)
    for tag, attrs in page.elements:
        assert tag not in ACTIVE_ELEMENTS, f"{where}: <{tag}>"
        if tag == "meta":
            assert "http-equiv" not in attrs, f"{where}: <meta http-equiv>"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{where}: <{tag} {name}={value!r}>"
            if name in URL_ATTRIBUTES and value is not None:
                assert not UNSAFE_URL.match(value), f"{where}: <{tag} {name}={value!r}>"
    for attrs, body in page.scripts:
        kind = attrs.get("type")
        src = attrs.get("src")
        if src is not None:
            assert kind is None and src.split("assets/")[0].strip("./") == "", (
                f"{where}: script from {src}"
            )
            assert not body.strip()
        elif kind in ("application/ld+json", "application/json"):
            json.loads(body)
        else:
            assert kind is None, f"{where}: script of type {kind}"
            assert any(p.fullmatch(body) for p in theme_inline_scripts()), (
                f"{where}: inline script that is not the theme's: {body[:200]}"
            )


def test_no_page_of_the_hostile_site_can_run_contributor_script(hostile_site: Path) -> None:
    for path in pages(hostile_site):
        assert_no_active_content(path.read_text("utf-8"), str(path.relative_to(hostile_site)))


def test_the_checker_itself_catches_an_injected_script() -> None:
    # The check above must be able to fail: an injected script is caught.
    safe = '<script src="../assets/javascripts/bundle.js"></script><p>x</p>'
    assert_no_active_content(safe, "safe")
    for bad in [
        "<script>alert(1)</script>",
        '<script src="https://evil.example/x.js"></script>',
        '<img src=x onerror="alert(1)">',
        '<a href=" JavaScript:alert(1)">x</a>',
        '<script type="application/ld+json">{"a": 1}</script><script type="module">x</script>',
        '<iframe src="https://evil.example"></iframe>',
    ]:
        with pytest.raises(AssertionError):
            assert_no_active_content(bad, "bad")


def test_search_results_stay_inert(hostile_site: Path) -> None:
    # Material inserts search titles and texts as HTML, so the index must hold escaped text.
    index = json.loads((hostile_site / "search" / "search_index.json").read_text("utf-8"))
    assert index["docs"]
    for doc in index["docs"]:
        assert_no_active_content(doc["title"] + doc["text"], f"search index {doc['location']}")
        for tag, _ in Page(doc["title"] + doc["text"]).elements:
            assert tag in {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}, doc


def test_payloads_are_shown_as_text(hostile_site: Path) -> None:
    claim = (HOSTILE / "claims" / "troops.yaml").read_text("utf-8")
    text = re.search(r'^claim: "(.*)"$', claim, re.M)
    assert text is not None
    page = Page((hostile_site / "claims" / "troops" / "index.html").read_text("utf-8"))
    visible = plain_text(text.group(1))
    assert "<script>alert('claim')</script>" in visible
    assert page.titles == [f"{visible} - Hostile corpus"]
    reviews = [json.loads(b) for a, b in page.scripts if a.get("type") == "application/ld+json"]
    assert reviews[0]["claimReviewed"] == visible
    # The site enables attr_list: had notes gone through Python-Markdown, this would be gone.
    claim_page = (hostile_site / "claims" / "troops" / "index.html").read_text("utf-8")
    assert "<p>{: onclick=alert('attr') }</p>" in claim_page
    source = (hostile_site / "sources" / "hostile-wire" / "index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(&#39;source&#39;)&lt;/script&gt;" in source


def test_edit_links_point_at_the_claim_file_in_the_repository(hostile_site: Path) -> None:
    page = Page((hostile_site / "claims" / "vote" / "index.html").read_text("utf-8"))
    edits = {a.get("href") for t, a in page.elements if t == "a" and a.get("rel") == "edit"}
    assert edits == {"https://git.example.org/newsroom/hostile/edit/main/claims/vote.yaml"}


def test_hand_written_pages_are_defused_too(hostile_site: Path) -> None:
    about = (hostile_site / "about" / "index.html").read_text("utf-8")
    assert "about-script" not in about and "about-img" not in about
    assert "A hand-written page is contributor text too." in about
