"""Small helpers for writing English sentences about claims and sources.

Messages, pages and reports all say things like "alwaght and presstv relay the same report"
or "3 claims"; written once here so they read the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable


def join(items: Iterable[str], conjunction: str = "and") -> str:
    """`a`, `a and b`, `a, b and c` (no serial comma, as the site's prose is written)."""
    listed = list(items)
    if not listed:
        return ""
    if len(listed) == 1:
        return listed[0]
    return ", ".join(listed[:-1]) + f" {conjunction} " + listed[-1]


def capital(text: str) -> str:
    """`text` with its first letter upper-case; the rest untouched (ids stay as written)."""
    return text[:1].upper() + text[1:]


def plural(count: int, word: str, many: str | None = None) -> str:
    """`word` in the number `count` asks for: `claim`, `claims`; `many` for irregular ones."""
    if count == 1:
        return word
    return many if many is not None else word + "s"


def count(n: int, word: str, many: str | None = None) -> str:
    """`1 claim`, `3 claims`."""
    return f"{n} {plural(n, word, many)}"


def sentence(text: str) -> str:
    """`text` as a sentence: capital first letter, a full stop unless it already ends one."""
    text = text.strip()
    if not text:
        return text
    text = capital(text)
    return text if text.endswith((".", "!", "?")) else text + "."
