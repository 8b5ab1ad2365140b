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
_TAG = re.compile(r"""<!--.*?-->|<(/?)([A-Za-z][^\s/>]*)((?:[^>"']+|"[^"]*"|'[^']*')*)>""", re.S)
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")
_EXCLUDE = re.compile(r"\sdata-search-exclude(?=[\s=/>]|$)", re.I)
# Inside a marked element the parser still starts a section at a heading, reads script
# and style as raw text, and (comparing elements by tag name) stops leaving out at the
# first end tag of the marked element's name: an element holding any of these is left
# whole, as is one whose inside is not a balanced tree.
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_STOPS = _HEADINGS | {"script", "style", "object"}
_ID = re.compile(r"\sid\s*=", re.I)
# Material's own clean-up of the page after indexing it (material/plugins/search).
MATERIAL_STRIP = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")
VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)


def search_view(html: str) -> str:
    """`html` without what Material's search parser reads and then leaves out: the inside
    of every `data-search-exclude` element (its start and end tags kept), and the part a
    marked top-level heading begins (up to the next top-level heading), a section the
    index leaves out whole. The parser reads the view into the same index."""
    out: list[str] = []
    done = 0
    open_: list[str] = []  # the elements open, as the parser has them
    section_marked = False  # a marked top-level heading is open
    cut: int | None = None  # where the marked section's body began
    resume: int | None = 0
    while resume is not None:
        tags, resume = _TAG.finditer(html, resume), None
        for tag in tags:
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
                    cut = None
                    break  # an end tag the parser ignores: the rest is left as it is
                open_.pop()
                if section_marked and not open_:
                    section_marked, cut = False, tag.end()
                continue
            if name in VOID or attrs.endswith("/"):
                continue
            open_.append(name)
            if "data-search-exclude" not in attrs or not _marked(attrs):
                continue
            if name in _HEADINGS and len(open_) == 1 and _ID.search(_QUOTED.sub("", attrs)):
                section_marked = True
            end = _closing(html, tag.end(), name) if cut is None else None
            if end is not None:
                out.append(html[done : tag.end()])
                done = resume = end
                break
    if cut is not None and not open_:
        out.append(html[done:cut])
        done = len(html)
    out.append(html[done:])
    return "".join(out)


def _marked(attrs: str) -> bool:
    """Whether a start tag's attributes (not their values) hold data-search-exclude."""
    return _EXCLUDE.search(_QUOTED.sub("", attrs)) is not None


def _closing(html: str, start: int, name: str) -> int | None:
    """Where the end tag of the `name` element whose inside begins at `start` begins, when
    that inside can be left out without changing what the parser reads; else None."""
    open_: list[str] = []
    for tag in _TAG.finditer(html, start):
        close, other, attrs = tag.group(1, 2, 3)
        if not other:
            continue  # a comment
        other = other.lower()
        if other == name:
            return tag.start() if close and not open_ else None
        if other in _STOPS:
            return None
        if close:
            if not open_ or open_.pop() != other:
                return None
        elif other not in VOID and not attrs.endswith("/"):
            open_.append(other)
    return None
