"""One policy for every piece of HTML a contributor can influence.

Claim text, notes, verdict reasons and corrections are Markdown: markdown-it-py renders them
with raw HTML off, then the result is cleaned like a hand-written page's HTML (which
Python-Markdown renders with raw HTML on). Cleaning is an allow-list (nh3, the Python binding
of Ammonia): only the tags and attributes below survive, URLs must be relative or
http/https/mailto, images must be local, and there is no `style`, no form control, no script.
Ammonia parses the fragment as a browser would, so a stray `</div>` or `<plaintext>` cannot
close or swallow the theme's layout around it.
"""

from __future__ import annotations

import functools
import html
import re
import secrets
from collections.abc import Sequence

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_BLOCKS = {"p", "div", "blockquote", "pre", "hr", "br", "ul", "ol", "li", "dl", "dt", "dd"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_INLINE = {
    "a", "abbr", "b", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q",
    "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "img",
}  # fmt: skip
_STRUCTURE = {
    "article", "aside", "details", "summary", "figure", "figcaption", "header", "footer",
    "section", "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th",
    "td",
}  # fmt: skip
TAGS = frozenset(_BLOCKS | _HEADINGS | _INLINE | _STRUCTURE)

# The data attributes the site's own script and search read; no other data-* is kept.
DATA_ATTRIBUTES = frozenset(
    {"data-verdict", "data-source", "data-spans", "data-search-exclude", "data-fc-claims"}
)
_EVERYWHERE = {"class", "id", "title", "lang", "dir", "aria-label", "aria-hidden", "role"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": _EVERYWHERE | set(DATA_ATTRIBUTES),
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "details": {"open"},
    "abbr": {"title"},
}
# Elements whose content is code or another document, not text: dropped whole.
DROPPED_WITH_CONTENT = frozenset(
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
        "noscript", "noembed", "noframes", "template", "textarea", "select", "svg", "math",
        "title",
    }
)  # fmt: skip
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer"

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# Browsers drop these before reading a scheme, so "java\tscript:" must be judged without them.
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]+")


def is_safe_url(url: str) -> bool:
    """Relative URLs and http(s)/mailto ones; never javascript:, vbscript:, data:, file:..."""
    squeezed = _IGNORED_BY_BROWSERS.sub("", html.unescape(url)).lower()
    found = _SCHEME.match(squeezed)
    if found is None:
        # A colon before any slash would still be read as a scheme by some parsers.
        head = squeezed.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
        return ":" not in head
    return found.group(1) in URL_SCHEMES


def is_web_url(url: str) -> bool:
    """An absolute http(s) URL, the only kind a source's `url` may link to."""
    squeezed = _IGNORED_BY_BROWSERS.sub("", url).lower()
    return squeezed.startswith(("http://", "https://")) and is_safe_url(url)


def _is_local(url: str) -> bool:
    squeezed = _IGNORED_BY_BROWSERS.sub("", html.unescape(url))
    return is_safe_url(url) and _SCHEME.match(squeezed.lower()) is None and "//" not in squeezed


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href" and not is_safe_url(value):
        return None
    # A remote image would tell a third party who reads the page, and when.
    if tag == "img" and attribute == "src" and not _is_local(value):
        return None
    return value


def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        attribute_filter=_filter,
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


_CLEAN = _cleaner()
# Stand-ins for the plugin's markers while a page is cleaned (comments do not survive);
# unguessable, so no page can write one and have it turned into a marker.
_TOKEN = f"fcmarker{secrets.token_hex(16)}n"


def clean(fragment: str) -> Markup:
    """`fragment` reduced to the allow-list, marked safe for templates."""
    return Markup(_CLEAN.clean(fragment))


def clean_page(fragment: str, markers: Sequence[str] = ()) -> str:
    """A hand-written page's HTML reduced to the allow-list; of its comments, only the
    `markers` (the plugin's, e.g. `<!-- factcheck:claims -->`) are kept."""
    for n, marker in enumerate(markers):
        fragment = fragment.replace(marker, f"{_TOKEN}{n}{_TOKEN}")
    cleaned = str(_CLEAN.clean(fragment))
    for n, marker in enumerate(markers):
        cleaned = cleaned.replace(f"{_TOKEN}{n}{_TOKEN}", marker)
    return cleaned


class _SafeMarkdown(MarkdownIt):
    def validateLink(self, url: str) -> bool:  # markdown-it's name for the hook
        return is_safe_url(url)


def _make() -> MarkdownIt:
    md = _SafeMarkdown("commonmark", {"html": False})
    md.disable("image")
    return md


_MD = _make()


# Each claim's text is rendered for its page, its listing items, the home page, its tag
# pages and every source citing it: rendered once. (Pure functions of the text.)
@functools.lru_cache(maxsize=16384)
def markdown(text: str | None) -> Markup:
    """Block Markdown (paragraphs, lists, emphasis, links) as clean HTML."""
    return clean(str(_MD.render(text))) if text else Markup("")


@functools.lru_cache(maxsize=16384)
def markdown_inline(text: str | None) -> Markup:
    """One line of Markdown (emphasis, code, links) as clean HTML, without a paragraph."""
    return clean(str(_MD.renderInline(text))) if text else Markup("")


@functools.lru_cache(maxsize=16384)
def plain_text(text: str | None) -> str:
    """The words of a line of Markdown without its markup, for titles and JSON-LD."""
    if not text:
        return ""
    out: list[str] = []
    for token in _MD.parseInline(text):
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append(" ")
    return " ".join("".join(out).split())
