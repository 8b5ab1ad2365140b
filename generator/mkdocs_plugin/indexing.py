"""Indexing a generated page into Material's search index without Python's `HTMLParser`.

Material's search reads every page with its `Parser`, an `HTMLParser` subclass: one Python
call per character class the tokenizer tries, then one per tag to split attributes. The
plugin's pages are written by its own templates, so their markup keeps to a small, regular
grammar: start and end tags with quoted attribute values, comments, text with character
references. `feed` reads that grammar with two regular expressions and calls the parser's
own handlers with exactly what `HTMLParser` would hand them (tag and attribute names
lowered, values unquoted and unescaped, the text between tags unescaped in one piece), so
Material's logic (sections, exclusions, whitespace) runs unchanged and writes the same
entries. Anything outside the grammar (a `<script>` or `<style>`, a declaration, a `<` that
opens no tag) makes `feed` return False untouched, and the page is left to Material.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from typing import Any

# Exactly the start tags, end tags and comments the page holds: attribute values quoted,
# names as HTML writes them. What `HTMLParser` would read otherwise never matches here.
_NAME = r"[a-zA-Z][a-zA-Z0-9-]*+"
_ATTRIBUTE = r"""\s++[a-zA-Z_:][-a-zA-Z0-9_:.]*+(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'))?+"""
_TOKEN = re.compile(
    rf"<(?:({_NAME})((?:{_ATTRIBUTE})*+)\s*+(/?)>|/({_NAME})\s*+>|!--((?:(?!--).)*+)-->)", re.S
)
_ATTRIBUTES = re.compile(
    r"""\s++([a-zA-Z_:][-a-zA-Z0-9_:.]*+)(?:\s*+=\s*+(?:"([^"]*+)"|'([^']*+)'))?+"""
)
# Elements whose content HTMLParser reads as raw text: left to it.
_RAW = frozenset({"script", "style"})


def feed(parser: HTMLParser, html: str) -> bool:
    """Hand `parser` the tokens of `html` as `HTMLParser.feed` + `close` would; False
    (nothing handed) when `html` holds anything outside the grammar above."""
    tokens = []
    done = 0
    for token in _TOKEN.finditer(html):
        start = token.start()
        if "<" in html[done:start]:
            return False  # a "<" that opens no tag of the grammar
        tokens.append((html[done:start], token))
        done = token.end()
        if token.group(1) and token.group(1).lower() in _RAW:
            return False
    if "<" in html[done:]:
        return False
    for text, token in tokens:
        if text:
            parser.handle_data(unescape(text))
        name, attributes, closed, end, comment = token.groups()
        if name is not None:
            attrs = [(m[1].lower(), _value(m[2], m[3])) for m in _ATTRIBUTES.finditer(attributes)]
            tag = name.lower()
            if closed:
                parser.handle_startendtag(tag, attrs)
            else:
                parser.handle_starttag(tag, attrs)
        elif end is not None:
            parser.handle_endtag(end.lower())
        else:
            parser.handle_comment(comment)
    if html[done:]:
        parser.handle_data(unescape(html[done:]))
    return True


def _value(double: str | None, single: str | None) -> str | None:
    """An attribute's value as HTMLParser gives it: None for a bare name, else unquoted
    and unescaped."""
    value = double if double is not None else single
    return unescape(value) if value else value


def material_search(config: Any) -> Any | None:
    """Material's search plugin of the site `config` builds, when it indexes pages (None
    for another search plugin, or none)."""
    try:
        from material.plugins.search.plugin import SearchPlugin
    except ImportError:  # pragma: no cover - Material is a dependency
        return None
    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin):
            enabled = plugin.config.enabled and hasattr(plugin, "search_index")
            return plugin if enabled else None
    return None


def index(search: Any, page: Any, html: str) -> bool:
    """Add `page`, whose content is `html`, to Material's search index (`search`, its
    search plugin) as its own `add_entry_from_context` would; False when it cannot be
    read here (then nothing was added)."""
    from material.plugins.search.plugin import Parser

    parser = Parser()
    if not feed(parser, html):
        return False
    for section in parser.data:
        if not section.is_excluded():
            search.search_index.create_entry_for_section(section, page.toc, page.url, page)
    return True
