"""Building picture markup safely: every text and attribute value is escaped, always.

The pictures carry contributor text (claim sentences, outlet names, units, quotations), so
they are never assembled by string formatting. Elements are built with ElementTree, which
escapes `<`, `>`, `&` and `"` in text and attributes, and `clean` first drops the
characters XML cannot hold at all (control characters, lone surrogates), so every picture
parses as XML and reads the same as inline HTML. Links are limited to relative and http(s)
addresses: a `javascript:` URL never reaches an `href`.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

SVG_NS = "http://www.w3.org/2000/svg"

# Characters outside XML 1.0's Char production: C0 controls other than tab/newline/CR,
# surrogates, U+FFFE/U+FFFF. Noncharacters elsewhere are legal XML and left alone.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: object) -> str:
    """`text` as a string XML can carry."""
    return _NOT_XML.sub("", str(text))


def el(
    tag: str,
    attrs: Mapping[str, object] | None = None,
    text: object | None = None,
    *children: ET.Element,
) -> ET.Element:
    """An element with cleaned attributes and text; None attribute values are left out."""
    node = ET.Element(tag)
    for key, value in (attrs or {}).items():
        if value is not None:
            node.set(key, _attribute(value))
    if text is not None:
        node.text = clean(text)
    node.extend(children)
    return node


def _attribute(value: object) -> str:
    """`clean(_attr(value))`, without the cleaning pass where there is nothing to drop."""
    kind = type(value)
    if kind is float:
        return _attr(value)  # digits, sign and point
    if kind is int:
        return str(value)  # digits and sign (a bool is not an int here: type() is exact)
    if kind is str and value.isascii() and value.isprintable():  # type: ignore[attr-defined]
        return value  # type: ignore[return-value]
    return clean(_attr(value))


def sub(
    parent: ET.Element, tag: str, attrs: Mapping[str, object] | None = None, text: object = None
) -> ET.Element:
    node = el(tag, attrs, text)
    parent.append(node)
    return node


def tail(node: ET.Element, text: str) -> None:
    """Text after `node` inside its parent (how mixed content is written in ElementTree)."""
    node.tail = (node.tail or "") + clean(text)


def to_string(node: ET.Element) -> str:
    """Serialised markup, with explicit end tags (`<span></span>`, never `<span />`, which
    HTML would read as an open tag): what `ET.tostring` writes, without its namespace pass
    over the tree (the pictures name their one namespace themselves)."""
    out: list[str] = []
    if not _write(node, out.append):
        return ET.tostring(node, encoding="unicode", short_empty_elements=False)
    return "".join(out)


def to_parts(node: ET.Element) -> tuple[str, list[str], str]:
    """`node` serialised in parts, (its start tag and text, each child with its tail, its
    end tag), which joined read as `to_string(node)` for a node without a tail: a picture
    is put together from parts drawn once (`numberline.Drawn`)."""
    out: list[str] = []
    children = [to_string(child) for child in node]
    shell = ET.Element(node.tag, node.attrib)
    shell.text = node.text
    if not _write(shell, out.append):
        raise ValueError(f"cannot write <{node.tag}> in parts")  # never a picture's
    whole = "".join(out)
    end = f"</{node.tag}>"
    return whole[: -len(end)], children, end


def _write(node: ET.Element, write: Callable[[str], object]) -> bool:
    """Write `node` as ET.tostring would; False (and nothing to trust written) when it
    holds a namespaced name or anything but elements, which ET.tostring is left to."""
    tag = node.tag
    if not isinstance(tag, str) or tag.startswith("{"):
        return False
    write("<" + tag)
    for key, value in node.items():
        if not isinstance(key, str) or key.startswith("{") or not isinstance(value, str):
            return False
        if _ATTRIBUTE_ESCAPED.search(value):
            value = _escape_attribute(value)
        write(f' {key}="{value}"')
    write(">")
    if node.text:
        write(_escape_text(node.text))
    for child in node:
        if not _write(child, write):
            return False
    write(f"</{tag}>")
    if node.tail:
        write(_escape_text(node.tail))
    return True


_ATTRIBUTE_ESCAPED = re.compile('[&<>"\r\n\t]')


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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
