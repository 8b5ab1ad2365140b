"""Safe rendering of contributor text: escaped plain text, and Markdown without raw HTML.

Claim text, notes and reasons are Markdown written by contributors, so they go through
markdown-it-py's CommonMark renderer with raw HTML off, images off (a remote image would let
a contributor track readers) and a link check that only lets through relative links and
http(s)/mailto URLs. Everything else a contributor writes is shown as escaped text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# Browsers drop these before reading a scheme, so "java\tscript:" must be judged without them.
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]+")


def escape(text: object) -> str:
    """Text as HTML, quotes included, so the result is safe in element text and attributes."""
    return html.escape(str(text), quote=True)


def is_safe_url(url: str) -> bool:
    """Relative URLs and http(s)/mailto ones; never javascript:, vbscript:, data:, file:..."""
    squeezed = _IGNORED_BY_BROWSERS.sub("", html.unescape(url)).lower()
    found = _SCHEME.match(squeezed)
    if found is None:
        # A colon before any slash would still be read as a scheme by some parsers.
        head = squeezed.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
        return ":" not in head
    return found.group(1) in _SAFE_SCHEMES


def is_web_url(url: str) -> bool:
    """An absolute http(s) URL, the only kind a source's `url` may link to."""
    squeezed = _IGNORED_BY_BROWSERS.sub("", url).lower()
    return squeezed.startswith(("http://", "https://")) and is_safe_url(url)


class _SafeMarkdown(MarkdownIt):
    def validateLink(self, url: str) -> bool:  # markdown-it's name for the hook
        return is_safe_url(url)


def _link_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    if is_web_url(href):
        # Outgoing links must not hand the reader's page to the target (window.opener).
        token.attrSet("rel", "nofollow noopener noreferrer")
    return self.renderToken(tokens, idx, options, env)


def _make() -> MarkdownIt:
    md = _SafeMarkdown("commonmark", {"html": False})
    md.disable("image")
    md.add_render_rule("link_open", _link_open)
    return md


_MD = _make()


def markdown(text: str | None) -> str:
    """Block Markdown (paragraphs, lists, emphasis, links) as safe HTML."""
    if not text:
        return ""
    return str(_MD.render(text))


def markdown_inline(text: str | None) -> str:
    """One line of Markdown (emphasis, code, links) as safe HTML, without a paragraph."""
    if not text:
        return ""
    return str(_MD.renderInline(text))


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


def attrs(**values: Any) -> str:
    """` name="value"` pairs, escaped; None and False leave the attribute out."""
    parts: list[str] = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        key = name.rstrip("_").replace("_", "-")
        parts.append(f" {key}" if value is True else f' {key}="{escape(value)}"')
    return "".join(parts)
