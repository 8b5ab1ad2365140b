"""Rules every value a contributor writes obeys, whatever field it is in.

Recognises the characters that make text display differently from what it says, and web
addresses that are not what they look like:

- invisible direction controls (U+202A-U+202E, U+2066-U+2069) reorder what a reader sees
  ("the vote was ‮0-071‬" displays as 170-0); they are refused in every scalar of a
  claim, of a source's front matter and of a page's front matter, keys included. The
  marks U+200E/U+200F (and U+061C) are allowed: they only nudge neutral characters next to
  right-to-left words, as Arabic and Hebrew names need, and cannot reverse a run of text;
- control characters (C0 other than tab and line feed, DEL, C1) have no place in any field
  and can drive a terminal that prints them; YAML's double-quoted escapes (`"\\e"`) are
  the only way in;
- a source `url` is `http(s)` with a host, no user name or password (`https://good@evil`
  reads as good but goes to evil) and a real port.

The article text of a source is not walked: it is a verbatim snapshot and may carry
whatever its publisher printed; an excerpt quoting a control from it is still refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from .model import Position, Problem
from .yamlsafe import Node, Scalar, Sequence

DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ALLOWED_CONTROLS = frozenset("\t\n")


def is_control(ch: str) -> bool:
    """A C0 or C1 control character or DEL (tab and line feed excepted)."""
    code = ord(ch)
    return (code < 0x20 or 0x7F <= code <= 0x9F) and ch not in _ALLOWED_CONTROLS


# The characters `hidden_characters` finds, as one class: searched in C, not per character.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# Whitespace (`\s` is `str.isspace`), controls and direction controls: what an address
# never holds.
_NOT_IN_URL = re.compile("[\\s\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def hidden_characters(text: str) -> list[int]:
    """0-based offsets of direction controls and control characters in `text`."""
    return [m.start() for m in _HIDDEN.finditer(text)]


def scalars(node: Node | None) -> Iterator[Scalar]:
    """Every scalar of a YAML tree, keys included, in document order (no recursion)."""
    stack: list[Node] = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, Scalar):
            yield current
        elif isinstance(current, Sequence):
            stack.extend(reversed(current.items))
        else:
            for key, value in reversed(current.items):
                stack.append(value)
                stack.append(key)


def check_scalars(
    file: str, node: Node | None, problems: list[Problem], text: str | None = None
) -> int:
    """One error per scalar holding a hidden character; returns how many were found.

    `text` is the YAML the tree was parsed from, when the caller has it: a value's
    characters are the text's own, but for line breaks (a raw carriage return or U+0085
    becomes a line feed: both are hidden characters themselves) and the escapes of
    double-quoted values (`"\\e"`, `"\\u202e"`), which start with a backslash. A text with
    neither a hidden character nor a backslash has no value holding one: one search.
    """
    if text is not None and "\\" not in text and not _HIDDEN.search(text):
        return 0
    found = 0
    # Nearly every file has none: one search of all the values joined (by a line feed,
    # which is allowed) rules that out without a search per scalar.
    if not _HIDDEN.search("\n".join([s.value for s in scalars(node)])):
        return 0
    for scalar in scalars(node):
        offsets = hidden_characters(scalar.value)
        if offsets:
            found += 1
            problems.append(Problem.at(_where(file, scalar, offsets[0]), _message(scalar, offsets)))
    return found


def _message(scalar: Scalar, offsets: list[int]) -> str:
    chars = sorted({scalar.value[i] for i in offsets})
    names = ", ".join(f"U+{ord(ch):04X}" for ch in chars)
    if any(ch in DIRECTION_CONTROLS for ch in chars):
        return (
            f"the text contains invisible direction controls ({names}), which can make "
            "text read differently than it is: delete them"
        )
    return f"the text contains control characters ({names}): delete them"


def _where(file: str, scalar: Scalar, offset: int) -> Position:
    # Exact for a value on one line (a quoted one starts after its quote); the value's
    # own position otherwise.
    if "\n" in scalar.value[:offset]:
        return Position(file, scalar.line, scalar.column)
    return Position(file, scalar.line, scalar.column + offset + (0 if scalar.plain else 1))


def web_url_problem(url: str) -> str | None:
    """Why `url` is not a plain web address a reader can follow, or None when it is."""
    text = url.strip()
    if _NOT_IN_URL.search(text):
        return "a web address has no spaces or invisible characters"
    if _PLAIN_WEB_URL.fullmatch(text):
        return None
    return _url_problem(text)


# The common address, which every check below accepts: http(s), a host of ASCII letters,
# digits and inner hyphens (no user, password, port, brackets or backslash), then a path,
# query or fragment, which none of them look at.
_PLAIN_WEB_URL = re.compile(
    r"https?://(?:[A-Za-z0-9][A-Za-z0-9-]*\.)*[A-Za-z0-9][A-Za-z0-9-]*\.?(?:[/?#].*)?",
    re.DOTALL,
)


def _url_problem(text: str) -> str | None:
    """The checks of `web_url_problem`, one by one, on an address with no space or control."""
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return "the address is malformed or its port is not a number from 1 to 65535"
    if parts.scheme not in ("http", "https"):
        return "the address must start with http:// or https://"
    if not parts.hostname:
        return "the address has no host (e.g. https://example.org/story)"
    if parts.username is not None or parts.password is not None:
        return "the address must not carry a user name or password (`user:pass@`)"
    if port is not None and not 0 < port <= 65535:
        return "the port must be a number from 1 to 65535"
    host = parts.hostname
    if not _is_host_name(host) or "\\" in parts.netloc:
        return f"`{host}` is not a host name"
    return None


def _is_host_name(host: str) -> bool:
    if ":" in host:  # an IPv6 address: urlsplit has already checked its brackets
        return all(ch in "0123456789abcdef:." for ch in host)
    labels = host.rstrip(".").split(".")
    return all(
        label and all(ch.isalnum() or ch == "-" for ch in label) and label[0] != "-"
        for label in labels
    )
