"""Hedges: the words around a figure that make it approximate or turn it into a bound.

Recognises, immediately before a number (optionally after `just`, `well` or `slightly`):

- approximate, the point N marked approximate: around, about, approximately, approx.,
  roughly, nearly, almost, some, an estimated, estimated, close to, circa;
- a closed lower bound, [N, +inf): at least, no fewer than, no less than, not less than,
  a minimum of;
- an open lower bound, (N, +inf): more than, over, upwards of, in excess of, above;
- a closed upper bound, (-inf, N]: up to, at most, no more than, not more than, a maximum
  of;
- an open upper bound, (-inf, N): fewer than, less than, under, below.

After a number: `or so`, `or thereabouts`, `-odd` (approximate); `or more`, `-plus`, `+`
(a closed lower bound); `or fewer`, `or less` (a closed upper bound). A bound before the
number wins over an approximation after it (`up to 300 or so` is an upper bound). A few
hedges of the other languages whose separators are read (`rund`, `mehr als`, `environ`,
`plus de`...) are recognised where they cannot be mistaken for English words.

An approximate figure stays the point N: "around 5,000" and "around 5,200" are different
statements, and widening them is the tolerance's job, not the reader's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Hedge, Interval
from .base import table_key

_APPROXIMATE = (
    "around",
    "about",
    "approximately",
    "approx.",
    "roughly",
    "nearly",
    "almost",
    "some",
    "an estimated",
    "estimated",
    "close to",
    "circa",
    # the languages whose separators the reader knows, where unmistakable
    "rund",
    "etwa",
    "ungefähr",
    "ca.",
    "environ",
    "près de",
    "alrededor de",
    "cerca de",
)
_AT_LEAST = (
    "at least",
    "no fewer than",
    "no less than",
    "not less than",
    "a minimum of",
    "mindestens",
    "au moins",
    "al menos",
)
_MORE_THAN = (
    "more than",
    "over",
    "upwards of",
    "in excess of",
    "above",
    "mehr als",
    "plus de",
    "más de",
)
_UP_TO = ("up to", "at most", "no more than", "not more than", "a maximum of", "bis zu", "jusqu'à")
_FEWER_THAN = ("fewer than", "less than", "under", "below", "weniger als", "moins de", "menos de")


@dataclass(frozen=True)
class _Bound:
    hedge: Hedge
    lower: bool  # a bound from below (N or more) rather than from above
    open: bool  # N itself excluded
    words: str  # how the site says it


_BOUNDS: dict[str, _Bound] = {
    **{p: _Bound("approximate", False, False, "about") for p in _APPROXIMATE},
    **{p: _Bound("lower-bound", True, False, "at least") for p in _AT_LEAST},
    **{p: _Bound("lower-bound", True, True, "more than") for p in _MORE_THAN},
    **{p: _Bound("upper-bound", False, False, "up to") for p in _UP_TO},
    **{p: _Bound("upper-bound", False, True, "less than") for p in _FEWER_THAN},
}
_PHRASES = "|".join(re.escape(p) for p in sorted(_BOUNDS, key=len, reverse=True))
# Anchored at the end of the text before the number; the leftmost match is the longest
# phrase ("no more than" wins over "more than").
_BEFORE = re.compile(
    rf"(?:\b(?:just|well|slightly) )?\b(?P<phrase>{_PHRASES}) $",
    re.IGNORECASE,
)
_LOOKBACK = 40  # longer than any phrase with its intensifier


# After the number: "a dozen or so", "30-odd" (approximate); "200 or more", "50-plus",
# "50+" (a closed lower bound); "300 or fewer" (a closed upper bound).
_AFTER = re.compile(
    r"(?P<approx>(?:,? or| or) (?:so|thereabouts)\b|-odd\b| odd\b(?= [a-z]))"
    r"|(?P<more>,? or (?:more|over|above)\b|-plus\b|\+(?![0-9]))"
    r"|(?P<less>,? or (?:fewer|less|under)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Hedged:
    """A figure with its hedge: the interval it stands for and how to say it."""

    hedge: Hedge
    interval: Interval
    start: int  # where the hedge words start (the number's start when there are none)
    words: str  # "", "about", "at least", "more than", "up to", "less than"
    end: int = -1  # where the hedge words after the number end (-1: none)


def hedge_before(text: str, start: int, value: float) -> Hedged:
    """The hedge, if any, that ends right before `text[start:]`, applied to `value`."""
    window_start = max(0, start - _LOOKBACK)
    m = _BEFORE.search(text, window_start, start)
    if m is None:
        return Hedged("exact", Interval.point(value), start, "")
    bound = _BOUNDS[table_key(m["phrase"])]
    return Hedged(bound.hedge, _interval(bound, value), m.start(), bound.words)


def hedge_after(text: str, end: int, before: Hedged) -> Hedged:
    """`before` with the hedge that trails the number ending at `end`, if any.

    A bound before the number wins over an approximation after it ("up to 300 or so" is
    an upper bound, said "up to about 300"); a bound after it replaces an approximation
    before it.
    """
    m = _AFTER.match(text, end)
    if m is None:
        return before
    value = _point(before.interval)
    if m["approx"]:
        if before.hedge in ("lower-bound", "upper-bound"):
            words = before.words + " about"
            return Hedged(before.hedge, before.interval, before.start, words, m.end())
        return Hedged("approximate", Interval.point(value), before.start, "about", m.end())
    if before.hedge in ("lower-bound", "upper-bound"):
        return before  # "more than 200 or more": the words before say it
    bound = (
        _Bound("lower-bound", True, False, "at least")
        if m["more"]
        else _Bound("upper-bound", False, False, "up to")
    )
    return Hedged(bound.hedge, _interval(bound, value), before.start, bound.words, m.end())


def _point(interval: Interval) -> float:
    return interval.low if interval.low is not None else interval.high or 0.0


def _interval(bound: _Bound, value: float) -> Interval:
    if bound.hedge in ("exact", "approximate"):
        return Interval.point(value)
    if bound.lower:
        return Interval(value, None, low_open=bound.open)
    return Interval(None, value, high_open=bound.open)
