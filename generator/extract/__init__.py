"""Value extraction: what figure each piece of evidence states.

`read_value` is the entry point the engine calls for every piece of evidence. It reads
the one figure of the claim's kind in the excerpt, or finds the explicit `value:` in it,
or accepts a `derivation:`-backed value as given; anything else is `Unreadable`, with a
sentence telling the contributor what to change. Nothing here raises on what
contributors write.

One module per kind: `quantity` (with `numbers` and `hedges`), `tally`, `dates` (with
`days`), `quotes` (with `words`), `text`; `base` holds what they share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..model import KINDS, Kind, Value
from . import dates, quantity, quotes, tally, text
from .base import Excerpt, Reading, Unreadable, clip

__all__ = ["Unreadable", "figures", "parse_given", "read_value", "read_value_afresh"]


@dataclass(frozen=True)
class _Reader:
    readings: Callable[[Excerpt, dt.date | None], list[Reading]]
    parse_given: Callable[[str, dt.date | None], Value | Unreadable]
    find_given: Callable[[Excerpt, str, dt.date | None], Value | Unreadable]
    figure: str  # what one figure of this kind is called in messages
    figures: str


_READERS: dict[str, _Reader] = {
    "quantity": _Reader(
        quantity.readings, quantity.parse_given, quantity.find_given, "figure", "figures"
    ),
    "tally": _Reader(tally.readings, tally.parse_given, tally.find_given, "tally", "tallies"),
    "date": _Reader(dates.readings, dates.parse_given, dates.find_given, "date", "dates"),
    "quote": _Reader(
        quotes.readings, quotes.parse_given, quotes.find_given, "quotation", "quotations"
    ),
    "text": _Reader(text.readings, text.parse_given, text.find_given, "text", "texts"),
}


_MOST_LISTED = 8  # figures named in a message; a long excerpt would drown the point


def _unknown(kind: object) -> Unreadable:
    return Unreadable(f"the kind {kind!r} is not one of {', '.join(KINDS)}.")


def figures(
    kind: Kind, excerpt: str, published: dt.date | None, language: str | None = None
) -> list[Value]:
    """Every figure of that kind the excerpt states, in order.

    Weak figures (a bare year as a quantity, a lone "one") and figures that cannot be
    resolved without a `published` date are left out. A `text` claim has no figures of
    its own: its value is always given.
    """
    reader = _READERS.get(kind)
    if reader is None:
        return []
    return [
        r.value
        for r in reader.readings(Excerpt(excerpt, language), published)
        if r.value is not None and not r.weak
    ]


def parse_given(kind: Kind, given: str, published: dt.date | None) -> Value | Unreadable:
    """An explicit value on its own, not checked against any excerpt."""
    reader = _READERS.get(kind)
    if reader is None:
        return _unknown(kind)
    if not given.strip():
        return Unreadable("`value:` is empty: give the value, or write `value: null`.")
    return reader.parse_given(given, published)


# How many readings `read_value` remembers, and the longest excerpt it remembers one for.
_MOST_REMEMBERED = 8_192
_REMEMBERED_CHARS = 2_000
_remembered: dict[
    tuple[str, str, str | None, str | None, dt.date | None, str | None], Value | Unreadable
] = {}


def read_value(
    kind: Kind,
    excerpt: str,
    *,
    given: str | None,
    derivation: str | None,
    published: dt.date | None,
    language: str | None = None,
) -> Value | Unreadable:
    """The value a piece of evidence states, or why it cannot be read.

    A reading depends on nothing but these arguments, and the answer is immutable, so the
    latest few thousand are remembered: the same excerpt cited by several claims of the
    same kind (a place name, a date) is read once.
    """
    key: tuple[str, str, str | None, str | None, dt.date | None, str | None] | None
    key = (kind, excerpt, given, derivation, published, language)
    try:
        found = _remembered.get(key)
    except TypeError:  # an unhashable `kind`, refused below like any unknown one
        key, found = None, None
    if found is None:
        found = read_value_afresh(
            kind,
            excerpt,
            given=given,
            derivation=derivation,
            published=published,
            language=language,
        )
        small = len(excerpt) <= _REMEMBERED_CHARS and len(given or "") <= _REMEMBERED_CHARS
        if key is not None and small:
            if len(_remembered) >= _MOST_REMEMBERED:
                _remembered.clear()  # cheaper than finding the oldest in a churned dict
            _remembered[key] = found
    return found


def read_value_afresh(
    kind: Kind,
    excerpt: str,
    *,
    given: str | None,
    derivation: str | None,
    published: dt.date | None,
    language: str | None = None,
) -> Value | Unreadable:
    """`read_value` without the memory of earlier readings (the long way, for tests).

    `published` and `language` are the source's: the first resolves dates the text leaves
    relative ("on Friday"), the second settles what a dot or comma between digits means.

    - with `derivation`: the given value, parsed, marked derived, not looked for;
    - with `given`: the figure of the excerpt that the given value names (keeping the
      excerpt's hedge and place), which must be there;
    - otherwise: the one figure of the claim's kind that the excerpt states.
    """
    reader = _READERS.get(kind)
    if reader is None:
        return _unknown(kind)
    if kind == "date" and given is not None and given.strip():
        wanted = parse_given(kind, given, published)
        if isinstance(wanted, Value):
            wrong_day = dates.contradiction(Excerpt(excerpt, language), wanted)
            if wrong_day is not None:
                return wrong_day
    if derivation is not None:
        if given is None:
            return Unreadable(
                "`derivation:` explains a worked-out value, but there is no `value:`: "
                "add the value it arrives at."
            )
        if given.strip():
            found = reader.find_given(Excerpt(excerpt, language), given, published)
            if isinstance(found, Value):  # worked out from a figure the excerpt states
                return replace(found, derived=True)
        parsed = parse_given(kind, given, published)
        if isinstance(parsed, Unreadable):
            return parsed
        return replace(parsed, derived=True, span=None)
    if given is not None:
        if not given.strip():
            return parse_given(kind, given, published)
        found = reader.find_given(Excerpt(excerpt, language), given, published)
        if isinstance(found, Value) and found.derived:
            return Unreadable(
                f"`value: {given}` supplies what the excerpt does not say (a year, or the day "
                "a weekday falls on) and the source has no `published` date: add "
                "`derivation:` saying where it comes from, or `published` to the source."
            )
        return found
    if kind == "text":
        return Unreadable(
            "a `text` claim needs `value:`: the short text (a name, a place) that the "
            "excerpt must contain."
        )
    return _the_one_figure(reader, Excerpt(excerpt, language), published)


def _the_one_figure(
    reader: _Reader, excerpt: Excerpt, published: dt.date | None
) -> Value | Unreadable:
    found = reader.readings(excerpt, published)
    strong = [r for r in found if not r.weak]
    if len(strong) == 1 and any(r.rival for r in found):
        # "25 fighters ... in 2019", "voted 9-2 to spend 2.5m": a reader sees two figures.
        strong = sorted([*strong, *(r for r in found if r.rival)], key=lambda r: r.span)
    if len(strong) == 1:
        only = strong[0]
        return only.value if only.value is not None else Unreadable(only.unresolved)
    if strong:
        listed = "; ".join(_listed(r) for r in strong[:_MOST_LISTED])
        if len(strong) > _MOST_LISTED:
            listed += f"; and {len(strong) - _MOST_LISTED} more"
        return Unreadable(
            f"the excerpt states several {reader.figures} ({listed}): add `value:` to say "
            "which one the claim is about."
        )
    hint = ""
    if found:
        hint = (
            f" that it can read alone ({', '.join(f'“{r.written}”' for r in found)} only count"
            " when `value:` names them: a year, a lone “one” or a side of a tally is too often"
            " not the count a claim is about)"
        )
    return Unreadable(
        f"the excerpt states no {reader.figure}{hint}: quote the passage that gives it, add "
        "`value:` (with `derivation:` if you worked it out), or write `value: null` if the "
        "excerpt is qualitative support."
    )


def _listed(reading: Reading) -> str:
    # A year or a rank is listed as written: "1987", "3rd", not "1,987" or "3".
    shown = reading.value.display if reading.value and not reading.rival else reading.written
    return clip(shown)
