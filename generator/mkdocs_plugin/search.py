"""What Material's search plugin reads of a generated page: the page without the inside of
the parts it leaves out anyway.

Material's search parses every page's content with Python's `HTMLParser`, one Python call
per tag, and drops what is marked `data-search-exclude` only after parsing it. Claim and
source pages mark their furniture (pictures, metadata, card flags, links) so: handing the
parser the page with the inside of each marked element removed, and the sections under
a marked heading, gives the same index (`search_view`) for a fraction of the parsing.
The page itself is put back afterwards.
"""

from __future__ import annotations

import re

# A start or end tag, quoted attribute values read whole (a contributor's link may hold
# a ">"); comments, which the parser skips, are matched so that nothing in them counts.
# Possessive, so that a tag never closed costs one pass, not a search of every split.
_ATTRS = r"""((?:[^>"']++|"[^"]*+"|'[^']*+')*+)"""
_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][^\s/>]*+)" + _ATTRS + ">", re.S)
# Text and whole tags, nothing else: the stretch between two tags, read as the parser does.
_TOKENS = re.compile(r"(?:[^<]++|<!--.*?-->|</?[A-Za-z][^\s/>]*+" + _ATTRS + ">)*+", re.S)
_HEADING = re.compile(r"<h[1-6]\b" + _ATTRS + ">", re.I)
_STOP = re.compile(r"<(h[1-6]|script|style|object)\b", re.I)
# What a balanced stretch reduces to nothing by: comments, void and self-closed tags,
# then elements holding text only, innermost first (tag names as the parser lowers them).
_SELF_CLOSED = r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+(?<=/)"""
_LONE = re.compile(
    r"<!--.*?-->|<(?:area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr)\b"
    + _ATTRS
    + r">|<[a-z][^\s/>]*+"
    + _SELF_CLOSED
    + ">",
    re.S,
)
_INNERMOST = re.compile(r"<([a-z][^\s/>]*+)(?:\s" + _ATTRS + r")?>[^<]*+</\1>")
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")
_EXCLUDE = re.compile(r"\sdata-search-exclude(?=[\s=/>]|$)", re.I)
_MARK = "data-search-exclude"
# Inside a marked element the parser still starts a section at a heading, reads script
# and style as raw text, and (comparing elements by tag name) stops leaving out at the
# first end tag of the marked element's name: an element holding any of these is left
# whole, as is one whose inside is not a balanced tree.
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_STOPS = _HEADINGS | {"script", "style", "object"}
_ID = re.compile(r"\sid\s*=", re.I)
# Material's own clean-up of the page after indexing it (material/plugins/search), and
# what it must find to change anything: led by its words, far quicker to look for.
MATERIAL_STRIP = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")
_STRIPPED = re.compile(r"data-search-\w+=\"[^\"]+\"")
VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)


def material_strip(html: str) -> str:
    """`html` as Material's search plugin leaves a page it has read: without its
    `data-search-*` attributes that have a value."""
    return html if _STRIPPED.search(html) is None else MATERIAL_STRIP.sub("", html)


def search_view(html: str) -> str:
    """`html` without what Material's search parser reads and then leaves out: the inside
    of every `data-search-exclude` element (its start and end tags kept), and the part a
    marked top-level heading begins (up to the next top-level heading), a section the
    index leaves out whole. The parser reads the view into the same index."""
    out: list[str] = []
    # Up to the last marked heading with an id, every element is followed (a section is
    # left out only under a top-level one); after it, only the marked elements.
    last = -1
    for heading in _HEADING.finditer(html):
        attrs = _QUOTED.sub("", heading.group(1))
        if _EXCLUDE.search(attrs) and _ID.search(attrs):
            last = heading.start()
    done, rest = _followed(html, last, out)
    if rest is not None:
        done = _marked_only(html, rest, done, out)
    out.append(html[done:])
    return "".join(out)


def _followed(html: str, last: int, out: list[str]) -> tuple[int, int | None]:
    """Read `html` element by element until past `last` and any section it leaves out;
    what is left out is cut, the rest written to `out`. (Where the copying stopped, where
    the rest begins, None when it is to be left as it is.)"""
    done = 0
    open_: list[str] = []  # the elements open, as the parser has them
    section_marked = False  # a marked top-level heading is open
    cut: int | None = None  # where the marked section's body began
    resume: int | None = 0
    while resume is not None:
        tags, resume = _TAG.finditer(html, resume), None
        for tag in tags:
            if cut is None and not section_marked and tag.start() > last:
                return done, tag.start()
            close, name, attrs = tag.group(1, 2, 3)
            if not name:
                continue  # a comment
            name = name.lower()
            if cut is not None and not close and name in _STOPS:
                if name in _HEADINGS and not open_:
                    out.append(html[done:cut])  # the marked section ends here
                    done = tag.start()
                cut = None
            if close:
                if not open_ or open_[-1] != name:
                    return done, None  # an end tag the parser ignores: the rest as it is
                open_.pop()
                if section_marked and not open_:
                    section_marked, cut = False, tag.end()
                    jump = _section_end(html, cut)
                    if jump is not None:  # a balanced stretch up to the next heading
                        out.append(html[done:cut])
                        done, cut = jump, None
                        if jump == len(html):
                            return done, None
                        resume = jump
                        break
                continue
            if name in VOID or attrs.endswith("/"):
                continue
            open_.append(name)
            if _MARK not in attrs or not _marked(attrs):
                continue
            if name in _HEADINGS and len(open_) == 1 and _ID.search(_QUOTED.sub("", attrs)):
                section_marked = True
            end = _closing(html, tag.end(), name) if cut is None else None
            if end is not None:
                out.append(html[done : tag.end()])
                done = resume = end
                break
    if cut is not None and not open_:
        out.append(html[done:cut])  # the marked section runs to the end
        return len(html), None
    return done, None


def _section_end(html: str, start: int) -> int | None:
    """Where the section left out from `start` (no element open) ends: at the next
    heading, or the end, when what lies between is a balanced stretch of whole elements
    holding no heading, script or style; else None (it is then read tag by tag)."""
    stop = _STOP.search(html, start)
    end = len(html) if stop is None else stop.start()
    if stop is not None and stop.group(1).lower() not in _HEADINGS:
        return None
    return end if _balanced(html[start:end]) else None


def _marked_only(html: str, pos: int, done: int, out: list[str]) -> int:
    """Empty the marked elements of `html` from `pos` (outside any tag) on, found by their
    attribute rather than by reading every tag; returns where the copying stopped."""
    while (at := html.find(_MARK, pos)) >= 0:
        start = html.rfind("<", pos, at)
        if start < 0:
            pos = at + len(_MARK)  # words of the text
            continue
        if _TOKENS.fullmatch(html, pos, start):
            tag = _TAG.match(html, start)  # read from `pos`, that "<" opens a tag
        else:  # it is in a quoted value: read tag by tag up to the words
            tag = next((t for t in _TAG.finditer(html, pos) if t.end() > at), None)
            if tag is not None and tag.start() > at:
                pos = at + len(_MARK)  # words of the text
                continue
        if tag is None:
            return done  # a "<" opening nothing: the rest is left as it is
        pos = tag.end()
        if pos <= at:
            pos = at + len(_MARK)  # words of the text after the tag
            continue
        close, name, attrs = tag.group(1, 2, 3)
        if not name or close or attrs.endswith("/") or not _marked(attrs):
            continue
        name = name.lower()
        if name in VOID:
            continue
        end = _closing(html, pos, name)
        if end is not None:
            out.append(html[done:pos])
            done = pos = end
    return done


def _marked(attrs: str) -> bool:
    """Whether a start tag's attributes (not their values) hold data-search-exclude."""
    return _EXCLUDE.search(_QUOTED.sub("", attrs)) is not None


def _closing(html: str, start: int, name: str) -> int | None:
    """Where the end tag of the `name` element whose inside begins at `start` begins, when
    that inside can be left out without changing what the parser reads; else None."""
    end = re.compile(f"</{re.escape(name)}>").search(html, start)
    if end is None:
        return None
    inside = html[start : end.start()]
    if re.search(f"<{re.escape(name)}\\b", inside) or _STOP.search(inside):
        return None
    return end.start() if _balanced(inside) else None


def _balanced(stretch: str) -> bool:
    """Whether `stretch` is whole elements and text only, every end tag closing the
    element last opened (what the parser reads back to the same open elements)."""
    stretch = _LONE.sub("", stretch)
    while "<" in stretch:  # innermost elements first, until none is left
        shorter = _INNERMOST.sub("", stretch)
        if shorter == stretch:
            return False
        stretch = shorter
    return True
