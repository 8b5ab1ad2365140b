"""Defusing the HTML of hand-written pages.

Python-Markdown passes raw HTML through, so a pull request editing `content/about.md` could
add a script as easily as one editing a claim. The rendered page is parsed and written out
again without the elements that load or run code, without event-handler attributes, and
without URLs whose scheme could run script. Everything else, including the markup of
Markdown extensions, is kept as it was.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

from .render import is_safe_url

# Elements dropped with everything inside them.
_DROPPED = frozenset(
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
        "base", "meta", "link", "noscript", "template", "portal",
        # SVG animation can set an href to a javascript: URL at run time.
        "animate", "set", "animatemotion", "animatetransform", "discard", "handler",
    }
)  # fmt: skip
_VOID = frozenset(
    {
        "area", "base", "br", "col", "embed", "frame", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr",
    }
)  # fmt: skip
_URL_ATTRIBUTES = frozenset(
    {
        "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
        "cite", "longdesc", "ping", "manifest", "codebase", "dynsrc", "lowsrc", "icon",
    }
)  # fmt: skip
_REFUSED_ATTRIBUTES = frozenset({"srcdoc", "srcset", "imagesrcset", "is"})


def sanitize(html: str, keep_comments: frozenset[str] = frozenset()) -> str:
    """`html` without scripts, event handlers or unsafe URLs; comments dropped except
    those whose whole text is in `keep_comments` (the plugin's markers)."""
    cleaner = _Cleaner(keep_comments)
    cleaner.feed(html)
    cleaner.close()
    return "".join(cleaner.out)


class _Cleaner(HTMLParser):
    def __init__(self, keep_comments: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.keep_comments = keep_comments
        self.out: list[str] = []
        self.dropping: list[str] = []  # open dropped elements, innermost last

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if self.dropping or tag in _DROPPED:
            if not closed and tag not in _VOID:
                self.dropping.append(tag)
            return
        kept = "".join(_attribute(name, value) for name, value in attrs)
        self.out.append(f"<{tag}{kept}{' /' if closed else ''}>")

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag in self.dropping:
                while self.dropping and self.dropping.pop() != tag:
                    pass
            return
        if tag in _DROPPED:
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(escape(data, quote=False))

    def handle_comment(self, data: str) -> None:
        comment = f"<!--{data}-->"
        if not self.dropping and comment in self.keep_comments:
            self.out.append(comment)


def _attribute(name: str, value: str | None) -> str:
    if name.startswith("on") or name in _REFUSED_ATTRIBUTES:
        return ""
    if name in _URL_ATTRIBUTES and value is not None and not is_safe_url(value):
        return ""
    if value is None:
        return f" {escape(name)}"
    return f' {escape(name)}="{escape(value, quote=True)}"'
