"""Text values: a short string (a place, a name) that the excerpt must contain.

There is nothing to read without `value:`. The value is found in the excerpt ignoring
case and the differences excerpt matching ignores (white space, curly vs straight quotes,
dash variants), and only as whole words: `Iran` is not found in `Iranian`.
"""

from __future__ import annotations

import datetime as dt
import re

from ..model import Value
from .base import Excerpt, Reading, Unreadable, as_written
from .words import words


def readings(excerpt: Excerpt, published: dt.date | None = None) -> list[Reading]:
    """Nothing: a text value is always given explicitly."""
    return []


def parse_given(given: str, published: dt.date | None = None) -> Value | Unreadable:
    said = as_written(given)
    found = words(said)
    if not found:
        return Unreadable(
            f"`value: {given}` has no words: give the short text the excerpt must contain."
        )
    return Value("text", said, words=found)


def find_given(excerpt: Excerpt, given: str, published: dt.date | None) -> Value | Unreadable:
    """The place in the excerpt where the given text appears."""
    wanted = parse_given(given)
    if isinstance(wanted, Unreadable):
        return wanted
    needle = _lower(Excerpt(given).text)
    m = re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", _lower(excerpt.text))
    if m is None:
        return Unreadable(
            f"`value: {given}` does not appear in the excerpt: the value must be words the "
            "excerpt contains (case and white space aside)."
        )
    return Value(
        "text",
        excerpt.written(m.start(), m.end()),
        words=wanted.words,
        span=excerpt.span(m.start(), m.end()),
    )


def _lower(text: str) -> str:
    # Character by character so that offsets stay those of the normalised text (ASCII
    # letters lower one for one).
    if text.isascii():
        return text.lower()
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)
