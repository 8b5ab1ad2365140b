"""Indexing a generated page into Material's search index without Python's `HTMLParser`.

Material's search reads every page with its `Parser`, an `HTMLParser` subclass: one Python
call per character class the tokenizer tries, then per tag a walk of every open element
(to know whether it is in a heading, a `<pre>`, a part left out). The plugin's pages are
written by its own templates, so their markup keeps to a small, regular grammar: start
and end tags with quoted attribute values, comments, text with character references.
`read` walks that grammar once and makes the sections Material's parser makes, keeping
its state as counts (how many open elements of each name, how many of them are left out)
rather than walking the open elements at every tag. What the index leaves out is passed
over whole where that cannot change what follows: the inside of a `data-search-exclude`
element, and a section under a `data-search-exclude` heading, when it is a balanced
stretch of whole elements holding no heading, script or style. Anything outside the
grammar (a `<script>` or `<style>`, a declaration, a `<` that opens no tag), or a page
Material's parser fails on, makes `read` return None, and the page is left to Material.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

# Exactly the start tags, end tags and comments the page holds: attribute values quoted,
# names as HTML writes them. What `HTMLParser` would read otherwise never matches here.
_NAME = r"[a-zA-Z][a-zA-Z0-9-]*+"
_ATTRIBUTE = r"""\s++[a-zA-Z_:][-a-zA-Z0-9_:.]*+(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'))?+"""
# One step: the text up to the next "<", then a start tag (name, attributes, "/" when
# self-closed), an end tag (name), a comment ("!"), a "<" opening nothing of the grammar,
# or the end of the page.
_STEP = re.compile(
    rf"([^<]*+)(?:<(?:({_NAME})((?:{_ATTRIBUTE})*+)\s*+(/?)>|/({_NAME})\s*+>"
    r"|(!)--(?:(?!--).)*+-->)|(<)|\Z)",
    re.S,
)
_ATTRIBUTES = re.compile(
    r"""\s++([a-zA-Z_:][-a-zA-Z0-9_:.]*+)(?:\s*+=\s*+(?:"([^"]*+)"|'([^']*+)'))?+"""
)
# Attributes worth reading: those Material's parser looks at (an element's exclusion, line
# numbers, a heading's permalink), possibly written with references or in capitals.
_READ = ("data-search-exclude", "linenodiv", "headerlink")
# An attribute value holding a reference (it may spell one of the words above).
_REFERENCE = re.compile(r"""=\s*+["'][^"'&]*+&""")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Material's parser: what it renders of the markup, what it never reads, what is void.
_KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_RAW = frozenset({"script", "style"})  # HTMLParser reads their content as raw text
_SKIP = ("object", "script", "style")
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)
# A stretch passed over ends at the next element that starts a section or is read apart.
# (Letters spelled out in both cases: a case-blind pattern is read far slower.)
_STOP = re.compile(
    r"<(?:[hH][1-6]|[sS][cC][rR][iI][pP][tT]|[sS][tT][yY][lL][eE]|[oO][bB][jJ][eE][cC][tT])"
    r"(?![a-zA-Z0-9-])"
)
# The tags of a stretch passed over: a start tag (name, "/" when self-closed), an end tag
# (name), a comment ("!"), or a "<" opening nothing of the grammar (all empty).
_TAGS = re.compile(
    rf"<(?:({_NAME})(?:{_ATTRIBUTE})*+\s*+(/?)>|/({_NAME})\s*+>|(!)--(?:(?!--).)*+-->|)", re.S
)
# Names a stretch passed over must not open: they start a section or are read apart.
_AVOID = _HEADINGS | set(_SKIP)


def read(html: str) -> list[Any] | None:
    """The sections (Material's `Section`s) its search parser makes of `html`, as its
    `feed` + `close` would leave them in `parser.data`; None when `html` holds anything
    outside the grammar above, or makes Material's parser fail. The text of a section
    left out (`is_excluded`) may be missing: the index never reads it.

    This is Material's `Parser` (material/plugins/search/plugin.py) over the grammar, in
    one loop, its open elements kept as counts. Its quirks are kept: elements compare by
    name, so a name left out is left out while any element of that name is open, and is
    read again from the first end tag of that name."""
    from material.plugins.search.plugin import Element, Section

    data: list[Any] = []  # the sections
    section: Any = None  # the section read into, and the name of its heading
    heading = ""
    context: list[str] = []  # the open elements' names
    open_: dict[str, int] = {}  # how many elements of each name are open
    skip = set(_SKIP)  # names left out (Material's `skip`)
    skipped = 0  # open elements whose name is left out
    links: list[int] = []  # the depths of the open permalinks (<a class="headerlink">)
    match = _STEP.match
    pos = 0
    while True:
        step = match(html, pos)
        assert step is not None  # it always matches: at worst the end of the page
        pos = step.end()
        text, name, raw, closed, end, comment, stray = step.groups()
        if stray:
            return None
        if text and not skipped:  # Material's handle_data
            if "&" in text:
                text = unescape(text)
            pre = open_.get("pre")
            if not pre:
                text = " " if text.isspace() else text.replace("\n", " ")
            if section is None:
                section, heading = Section(Element("hx")), "hx"
                data.append(section)
            if open_.get(heading):
                if not links:
                    section.title.append(_escape(text))
            elif text.isspace():
                into = section.text
                if not into or not into[-1].isspace() or pre:
                    into.append(text)
            else:
                section.text.append(_escape(text))
        if name:  # Material's handle_starttag
            tag = name.lower()
            if tag in _RAW:
                return None
            if tag in _VOID:
                continue  # no element (nor, self-closed, an end tag that closes one)
            titled = tag in _HEADINGS
            attrs = _attributes(raw) if raw and (titled or _worth_reading(raw)) else _NONE
            context.append(tag)
            open_[tag] = open_.get(tag, 0) + 1
            if tag in skip:
                skipped += 1
            if attrs:
                if tag == "a" and attrs.get("class") == "headerlink":
                    links.append(len(context))
                if titled and "id" in attrs:
                    depth = len(context)
                    if tag != "h1" and not data:
                        section = Section(Element("hx"), depth)
                        data.append(section)
                    section, heading = Section(Element(tag, attrs), depth), tag
                    if data:
                        section.id = attrs["id"]
                    data.append(section)
            if section is None:
                section, heading = Section(Element("hx")), "hx"
                data.append(section)
            if attrs and ("data-search-exclude" in attrs or attrs.get("class") == "linenodiv"):
                if tag not in skip:
                    skip.add(tag)
                    skipped += open_[tag]
                if not closed:
                    jump = _marked_end(html, pos, tag, skip)
                    if jump is not None and section.depth <= len(context):
                        pos = jump
                    continue
            elif not skipped and tag in _KEEP:
                (section.title if open_.get(heading) else section.text).append(f"<{tag}>")
            if not closed:
                continue
        elif end:
            tag = end.lower()
            if not context or context[-1] != tag:
                continue
        elif comment:
            continue
        else:
            return data  # the end of the page
        # Material's handle_endtag, of an element open (an end tag, or a start tag
        # self-closed, which HTMLParser reads as a start tag then an end tag).
        depth = len(context)
        if section.depth > depth:
            for earlier in reversed(data):
                if earlier.depth <= depth:
                    section.depth = float("inf")
                    section, heading = earlier, earlier.el.tag
                    break
        context.pop()
        open_[tag] -= 1
        if links and links[-1] == depth:
            links.pop()
        if tag in skip:
            skipped -= 1
            if tag not in _SKIP:
                skip.remove(tag)
                skipped -= open_[tag]
        elif not skipped and tag in _KEEP:
            into = section.title if open_.get(heading) else section.text
            opening = f"<{tag}>"
            if opening not in into:
                return None  # Material's parser fails here (ValueError)
            index = into.index(opening)
            for i in range(index + 1, len(into)):
                if not into[i].isspace():
                    index = len(into)
                    break
            if len(into) > index:
                del into[index:]
            else:
                into.append(f"</{tag}>")
        if not context and section.el.is_excluded() and section.depth <= 1:
            jump = _section_end(html, pos)
            if jump is not None:
                pos = jump


_NONE: dict[str, str | None] = {}


def _escape(text: str) -> str:
    """`html.escape(text, quote=False)`, as Material's parser writes text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attributes(raw: str) -> dict[str, str | None]:
    """A start tag's attributes as Material's parser has them: names lowered, values
    unquoted and unescaped (None for a bare name), the last of a name kept."""
    attrs: dict[str, str | None] = {}
    for m in _ATTRIBUTES.finditer(raw):
        value = m[2] if m[2] is not None else m[3]
        attrs[m[1].lower()] = unescape(value) if value else value
    return attrs


def _marked_end(html: str, start: int, tag: str, skip: set[str]) -> int | None:
    """Where the end tag of the marked `tag` element whose inside begins at `start` is,
    when its inside changes nothing Material's parser keeps: whole elements and text, no
    heading, script or style, no element of a name left out (whose end tag would read a
    name again). None: it is read tag by tag. (The caller checks that no section is
    left by closing an element inside.)"""
    end = html.find(f"</{tag}>", start)
    if end < 0:
        return None
    inside = html[start:end]
    if "<" not in inside:
        return end
    return end if _whole(inside, _AVOID | skip) else None


def _section_end(html: str, start: int) -> int | None:
    """Where the section left out that goes on from `start` (no element open) ends: the
    next heading (or the end), when what lies between is whole elements and text marking
    nothing, holding no script or style. None: it is read tag by tag."""
    stop = _STOP.search(html, start)
    end = len(html) if stop is None else stop.start()
    if stop is not None and stop.group()[1] not in "hH":
        return None
    stretch = html[start:end]
    if _marks(stretch):
        return None
    return end if _whole(stretch, _AVOID) else None


def _worth_reading(attributes: str) -> bool:
    """Whether a start tag's `attributes` may hold one Material's parser looks at."""
    if "&" in attributes:
        return True
    low = attributes.lower()
    return any(word in low for word in _READ)


def _marks(stretch: str) -> bool:
    """Whether a stretch of markup may mark something left out."""
    low = stretch.lower()
    if "data-search-exclude" in low or "linenodiv" in low:
        return True
    return "&" in stretch and _REFERENCE.search(stretch) is not None


def _whole(stretch: str, avoid: frozenset[str] | set[str]) -> bool:
    """Whether `stretch` is whole elements and text only, in the grammar, every end tag
    closing the element last opened, and opens no element named in `avoid`."""
    open_: list[str] = []
    for name, closed, end, comment in _TAGS.findall(stretch):
        if name:
            name = name.lower()
            if name in avoid:
                return False
            if not closed and name not in _VOID:
                open_.append(name)
        elif end:
            if not open_ or open_.pop() != end.lower():
                return False
        elif not comment:
            return False  # a "<" opening nothing of the grammar
    return not open_


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


def alone(search: Any, plugin: Any, config: Any) -> bool:
    """Whether, of the handlers of `on_page_context`, only Material's search (`search`)
    runs between the two of `plugin`: nothing else sees the page in between."""
    events = config.plugins.events["page_context"]
    mine = [i for i, handler in enumerate(events) if getattr(handler, "__self__", None) is plugin]
    between = events[mine[0] + 1 : mine[-1]] if len(mine) == 2 else [None]
    return all(getattr(handler, "__self__", None) is search for handler in between)


def index(search: Any, page: Any, html: str, ahead: dict[str, Any] | None = None) -> bool:
    """Add `page`, whose content is `html`, to Material's search index (`search`, its
    search plugin) as its own `add_entry_from_context` would; False when it cannot be
    read here (then nothing was added). `ahead` may hold what `read` made of the page
    already (by its `src_uri`), read from the same `html`."""
    uri = page.file.src_uri
    sections = ahead.pop(uri) if ahead is not None and uri in ahead else read(html)
    if sections is None:
        return False
    for section in sections:
        if not section.is_excluded():
            search.search_index.create_entry_for_section(section, page.toc, page.url, page)
    return True
