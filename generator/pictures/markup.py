"""Building picture markup safely: every text and attribute value is escaped, always.

The pictures carry contributor text (claim sentences, outlet names, units, quotations), so
they are never assembled by string formatting. Elements are built with `el`, `sub` and
`leaf`, which escape `<`, `>`, `&` and `"` in text and attributes as ElementTree does (the
bytes are those `ET.tostring` writes for the same tree), and `clean` first drops the
characters XML cannot hold at all (control characters, lone surrogates), so every picture parses as
XML and reads the same as inline HTML. Links are limited to relative and http(s)
addresses: a `javascript:` URL never reaches an `href`.

An element's start tag and text are written, escaped, as it is made: what a picture
holds is final once given, so no tree of attribute maps is kept to be walked again.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

SVG_NS = "http://www.w3.org/2000/svg"

# Characters outside XML 1.0's Char production: C0 controls other than tab/newline/CR,
# surrogates, U+FFFE/U+FFFF. Noncharacters elsewhere are legal XML and left alone.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: object) -> str:
    """`text` as a string XML can carry."""
    return _NOT_XML.sub("", str(text))


class Node:
    """An element being drawn: its start tag (attributes escaped), then its content in
    order (escaped text and child elements), then the text after it (its `tail`)."""

    __slots__ = ("content", "tag", "tail")

    def __init__(self, tag: str, start: str) -> None:
        self.tag = tag
        self.content: list[Node | str] = [start]
        self.tail = ""

    def __len__(self) -> int:
        """How many child elements it holds as nodes (those `leaf` wrote out are text)."""
        return sum(1 for part in self.content if not isinstance(part, str))


def el(
    tag: str,
    attrs: Mapping[str, object] | None = None,
    text: object | None = None,
    *children: Node,
) -> Node:
    """An element with cleaned attributes and text; None attribute values are left out."""
    node = Node(tag, _start(tag, attrs, text))
    if children:
        node.content.extend(children)
    return node


def leaf(
    parent: Node, tag: str, attrs: Mapping[str, object] | None = None, text: object = None
) -> None:
    """`sub(parent, tag, attrs, text)` for an element that holds nothing more: written out
    at once (in `parent` it reads as text: `to_parts` and `len` do not count it)."""
    parent.content.append(_start(tag, attrs, text) + "</" + tag + ">")


def _start(tag: str, attrs: Mapping[str, object] | None, text: object | None) -> str:
    """The start tag, attributes cleaned and escaped, and the text after it."""
    start = "<" + tag
    if attrs:
        # What `_attribute` does, inline: a picture has some hundred attributes, mostly
        # coordinates and class names, which need no cleaning or escaping.
        for key, value in attrs.items():
            kind = type(value)
            if kind is float:
                shown = f"{value:.2f}".rstrip("0").rstrip(".")  # as `_attr`: digits, sign, point
            elif kind is int:
                shown = str(value)  # digits and sign (a bool is not an int: type() is exact)
            elif value is None:
                continue
            elif kind is str:
                shown = _text_attribute(value)
            else:
                shown = _attribute(value)
            start += f' {key}="{shown}"'
    start += ">"
    if text is not None:
        start += _escape_text(clean(text))
    return start


def _attribute(value: object) -> str:
    """`value` cleaned and escaped as an attribute value, without the cleaning pass where
    there is nothing to drop."""
    kind = type(value)
    if kind is float:
        return _attr(value)  # digits, sign and point
    if kind is int:
        return str(value)  # digits and sign (a bool is not an int here: type() is exact)
    if kind is str and value.isascii() and value.isprintable():  # type: ignore[attr-defined]
        text: str = value  # type: ignore[assignment]
    else:
        text = clean(_attr(value))
    if _ATTRIBUTE_ESCAPED.search(text):
        return _escape_attribute(text)
    return text


# Class names and the like recur in every picture: each written once, not once a picture.
@functools.lru_cache(maxsize=4096)
def _text_attribute(value: str) -> str:
    return _attribute(value)


def sub(
    parent: Node, tag: str, attrs: Mapping[str, object] | None = None, text: object = None
) -> Node:
    node = el(tag, attrs, text)
    parent.content.append(node)
    return node


def tail(node: Node, text: str) -> None:
    """Text right after `node`, inside its parent."""
    node.tail += _escape_text(clean(text))


def text(parent: Node, words: str) -> None:
    """Text at the end of `parent`'s content so far."""
    parent.content.append(_escape_text(clean(words)))


def to_string(node: Node) -> str:
    """Serialised markup, with explicit end tags (`<span></span>`, never `<span />`, which
    HTML would read as an open tag), and the node's tail after it."""
    out: list[str] = []
    _write(node, out.append)
    return "".join(out)


def to_parts(node: Node) -> tuple[str, list[str], str]:
    """`node` serialised in parts, (its start tag and text, each child with the text after
    it, its end tag), which joined read as `to_string(node)` for a node without a tail: a
    picture is put together from parts drawn once (`numberline.Drawn`)."""
    head = ""
    children: list[str] = []
    for part in node.content:
        if not isinstance(part, str):
            children.append(to_string(part))
        elif children:
            children[-1] += part
        else:
            head += part
    return head, children, f"</{node.tag}>"


def _write(node: Node, write: Callable[[str], object]) -> None:
    for part in node.content:
        if isinstance(part, str):
            write(part)
        else:
            _write(part, write)
    write(f"</{node.tag}>")
    if node.tail:
        write(node.tail)


_ATTRIBUTE_ESCAPED = re.compile('[&<>"\r\n\t]')


def _escape_text(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _escape_attribute(text: str) -> str:
    text = _escape_text(text).replace('"', "&quot;")
    return text.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")


def safe_url(url: str) -> str | None:
    """`url` if it is relative or http(s); None for any other scheme (`javascript:`...)."""
    stripped = clean(url).strip()
    if not stripped or any(ch.isspace() or ord(ch) < 32 for ch in stripped):
        return None
    try:
        scheme = urlsplit(stripped).scheme.lower()
    except ValueError:
        return None
    return stripped if scheme in ("", "http", "https") else None


def uid(*parts: str) -> str:
    """A stable id prefix for one picture, unique per claim and variant: ids inside inline
    SVG (patterns, title, desc) share the page's id space."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return "fc-" + digest[:10]


def _attr(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)
