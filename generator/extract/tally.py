"""Tallies: the two sides of a vote (for, against), as `170-0` or `by 170 votes to 0`.

Recognises, in a normalised excerpt (every dash variant is already `-`):

- `170-0`, `170 - 0` (and so `170–0`, `170—0` as written);
- `170 to 0`, `170 votes to 0`, `by 170 votes to 0`;
- `170 votes in favour and 0 against`, `170 for, 0 against`.

Not tallies: year ranges (`2014-2017`, `from 2014 to 2017`), ranges introduced by `from`
(`from 10 to 20`), ISO dates (`2020-01-05`). Sides are digits only: a tally written in
words (`by a hundred votes to none`) needs an explicit `value:` with a `derivation:`.
"""

from __future__ import annotations

import datetime as dt
import re

from ..model import Interval, Value
from .base import Excerpt, Reading, Unreadable, clip, table_key, whole
from .numbers import MOST_DIGITS, format_number

_SIDE = r"[0-9]{1,3}(?:,[0-9]{3})*"
_DASHED = re.compile(
    rf"(?<![0-9A-Za-z_.,:/-])(?P<by>by )?(?P<a>{_SIDE}) ?- ?(?P<b>{_SIDE})"
    r"(?![0-9A-Za-z_]|-[0-9]|[.,:/][0-9])",
    re.IGNORECASE,
)
_TO = re.compile(
    rf"(?<![0-9A-Za-z_.,:/-])(?P<by>by )?(?P<a>{_SIDE})(?: votes?)? to (?P<b>{_SIDE})"
    r"(?: votes?)?(?![0-9A-Za-z_]|[.,:/][0-9])",
    re.IGNORECASE,
)
_FOR_AGAINST = re.compile(
    rf"(?<![0-9A-Za-z_.,:/-])(?P<a>{_SIDE})(?: votes?)? (?:in favou?r|for)(?: and|,) "
    rf"(?P<b>{_SIDE})(?: votes?)? against\b",
    re.IGNORECASE,
)
# What each pattern cannot match without, in the text's `table_key` (where a word the
# pattern matches in any case is a plain substring): most excerpts need one or two scans.
_NEEDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_FOR_AGAINST, "against"),
    (_TO, " to "),
    (_DASHED, "-"),
)
_DIGIT = re.compile("[0-9]")
_RANGE_FROM = re.compile(r"\b(?:from|between) $", re.IGNORECASE)
_YEAR = re.compile(r"1[89][0-9]{2}|20[0-9]{2}")


def find(
    excerpt: Excerpt, text: str | None = None
) -> list[tuple[int, int, int | None, int | None]]:
    """(start, end, for, against) of each tally in the normalised excerpt, in order; a side
    too long to read (more than 15 digits) is None.

    `text` is the normalised text to scan when the caller has masked parts of it.
    """
    text = excerpt.text if text is None else text
    found: list[tuple[int, int, int | None, int | None]] = []
    if _DIGIT.search(text) is None:
        return found  # every side is digits
    low = table_key(text)
    for pattern, needs in _NEEDS:
        if needs not in low:
            continue
        for m in pattern.finditer(text):
            a, b = m["a"], m["b"]
            if _YEAR.fullmatch(a) and _YEAR.fullmatch(b):
                continue
            if pattern is _TO and _RANGE_FROM.search(text, max(0, m.start() - 8), m.start()):
                continue
            if any(m.start() < end and start < m.end() for start, end, _, _ in found):
                continue
            found.append((m.start(), m.end(), _side(a), _side(b)))
    return sorted(found)


def _side(digits: str) -> int | None:
    """A side of a tally, or None when it has too many digits to read exactly."""
    digits = digits.replace(",", "")
    return int(digits) if len(digits.lstrip("0")) <= MOST_DIGITS else None


def _value(excerpt: Excerpt, start: int, end: int, yes: int, no: int) -> Value:
    return Value(
        "tally",
        f"{format_number(yes)}–{format_number(no)}",
        (Interval.point(float(yes)), Interval.point(float(no))),
        span=excerpt.span(start, end),
    )


def readings(excerpt: Excerpt, published: dt.date | None = None) -> list[Reading]:
    """Every tally in the excerpt."""
    out = []
    for s, e, yes, no in find(excerpt):
        written = excerpt.written(s, e)
        if yes is None or no is None:
            out.append(
                Reading(
                    clip(written),
                    excerpt.span(s, e),
                    None,
                    unresolved=f"the tally “{clip(written)}” has a side of more than "
                    f"{MOST_DIGITS} digits, too many to read exactly: quote the passage that "
                    "gives the vote, or give it in `value:` with `derivation:`.",
                )
            )
            continue
        out.append(Reading(written, excerpt.span(s, e), _value(excerpt, s, e, yes, no)))
    return out


def parse_given(given: str, published: dt.date | None = None) -> Value | Unreadable:
    """An explicit tally value: `170-0`, `170–0`, `170 to 0`."""
    excerpt = Excerpt(given)
    found = readings(excerpt)
    if len(found) == 1 and found[0].value is None and found[0].span == whole(excerpt):
        return Unreadable(f"`value: {clip(given)}`: {found[0].unresolved}")
    if len(found) != 1 or found[0].value is None or found[0].span != whole(excerpt):
        return Unreadable(
            f"`value: {clip(given)}` is not a tally: write the two sides as for-against, "
            "e.g. `170-0`."
        )
    return _given_value(found[0].value)


def _given_value(value: Value) -> Value:
    return Value(value.kind, value.display, value.intervals)


def find_given(excerpt: Excerpt, given: str, published: dt.date | None) -> Value | Unreadable:
    """The excerpt's tally that the explicit value names."""
    wanted = parse_given(given)
    if isinstance(wanted, Unreadable):
        return wanted
    present = readings(excerpt)
    for reading in present:
        if reading.value is not None and reading.value.intervals == wanted.intervals:
            return reading.value
    said = ", ".join(f"“{clip(r.written)}”" for r in present) or "no tally"
    return Unreadable(
        f"`value: {clip(given)}` does not appear in the excerpt, which states {said}: "
        "quote the passage that gives this tally, or add `derivation:` if you worked it out."
    )
