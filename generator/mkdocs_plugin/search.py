"""What Material's search plugin reads of a generated page: the page without the inside of
the parts it leaves out anyway.

Material's search parses every page's content with Python's `HTMLParser`, one Python call
per tag, and drops what is marked `data-search-exclude` only after parsing it. Claim and
source pages mark their furniture (pictures, metadata, card flags, links) so: handing the
parser the page with the inside of each marked element removed gives the same index
(`search_view`) for a fraction of the parsing. The page itself is put back afterwards.
"""

from __future__ import annotations

import re

# A start or end tag, quoted attribute values read whole (a contributor's link may hold
# a ">"); comments, which the parser skips, are matched so that nothing in them counts.
_TAG = re.compile(r"""<!--.*?-->|<(/?)([A-Za-z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""", re.S)
_EXCLUDE = re.compile(r"\sdata-search-exclude(?=[\s=/>]|$)", re.I)
# Inside a marked element the parser still starts a section at a heading, reads script
# and style as raw text, and (comparing elements by tag name) stops leaving out at the
# first end tag of the marked element's name: an element holding any of these is left
# whole, as is one whose inside is not a balanced tree.
_STOPS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "object"})
# Material's own clean-up of the page after indexing it (material/plugins/search).
MATERIAL_STRIP = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


def search_view(html: str) -> str:
    """`html` with the inside of every `data-search-exclude` element removed (its start
    and end tags kept), which Material's search parser reads into the same sections."""
    out: list[str] = []
    done = pos = 0
    while True:
        tag = _TAG.search(html, pos)
        if tag is None:
            break
        pos = tag.end()
        close, name, attrs = tag.group(1, 2, 3)
        if not name or close or attrs.endswith("/") or not _EXCLUDE.search(attrs):
            continue
        name = name.lower()
        if name in VOID:
            continue
        end = _closing(html, pos, name)
        if end is not None:
            out.append(html[done:pos])
            done = pos = end
    out.append(html[done:])
    return "".join(out)


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
