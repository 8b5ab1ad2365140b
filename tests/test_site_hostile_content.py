"""The hostile corpus's hand-written page (tests/hostile/content/layout.md) and static
files: everything the engine's gate lets through from `content/`, at its most hostile.

Its front matter uses only keys the theme knows, with character references and template
syntax in the values; its body tries to take over the layout (inline styles, a password
form posting elsewhere, remote images, closed theme containers, `<plaintext>`); its static
files are of every allowed type, each carrying what it can (a PDF with JavaScript, a text
file of HTML, a CSV formula).
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

HOSTILE = Path(__file__).resolve().parent / "hostile"
STATIC = ("chart.png", "report.pdf", "notes.txt", "figures.csv", "serif.woff2")


class Layout(HTMLParser):
    """Elements of a page, and which text lies inside the theme's article container."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.in_article: list[str] = []
        self.outside: list[str] = []
        self._stack: list[str] = []
        self._depth: int | None = None
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.elements.append((tag, found))
        if tag in ("img", "input", "br", "hr", "meta", "link", "source"):
            return
        self._stack.append(tag)
        if tag == "article" and "md-content__inner" in (found.get("class") or ""):
            self._depth = len(self._stack)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass
        if self._depth is not None and len(self._stack) < self._depth:
            self._depth = None

    def handle_data(self, data: str) -> None:
        (self.in_article if self._depth is not None else self.outside).append(data)


@pytest.fixture(scope="module")
def layout(hostile_site: Path) -> Layout:
    return Layout((hostile_site / "layout" / "index.html").read_text("utf-8"))


def test_allowed_static_files_are_published_as_they_are(hostile_site: Path) -> None:
    for name in STATIC:
        published = hostile_site / "files" / name
        assert published.read_bytes() == (HOSTILE / "content" / "files" / name).read_bytes()


def test_front_matter_values_stay_text(layout: Layout) -> None:
    [description] = [
        a for t, a in layout.elements if t == "meta" and a.get("name") == "description"
    ]
    # One attribute holding the whole value: the quotes did not end it.
    assert description["content"] == (
        "It\" onmouseover=\"alert('fm-description') and {{ config.site_name }}"
    )
    assert not any(name.startswith("on") for _, attrs in layout.elements for name in attrs)
    # Character references in the title are shown, never parsed into an element.
    text = "".join(layout.in_article + layout.outside)
    assert "<img src=x onerror=alert('fm-title')> Layout" in text
    assert not any(t == "img" and a.get("src") == "x" for t, a in layout.elements)


def test_a_hand_written_page_cannot_take_over_the_layout(layout: Layout) -> None:
    for tag, attrs in layout.elements:
        assert "style" not in attrs, f"<{tag} style={attrs['style']!r}>"
        assert tag != "plaintext"
        if tag == "form":
            assert (attrs.get("class") or "").startswith("md-"), f"a contributor's form: {attrs}"
        if tag in ("img", "source", "video", "audio"):
            src = attrs.get("src") or ""
            assert not src.startswith(("http:", "https:", "//")), f"a remote image: {src}"
    inside = "".join(layout.in_article)
    assert "The theme's containers were closed above" in inside


def test_a_remote_image_in_a_hand_written_page_is_gone(hostile_site: Path) -> None:
    assert "evil.example/x.png" in (HOSTILE / "content" / "layout.md").read_text("utf-8")
    assert "evil.example/x.png" not in (hostile_site / "layout" / "index.html").read_text("utf-8")
