"""Quantities: a number with its hedge, as in "around 5,000 US troops", or a range.

Every number the number reader finds (see `numbers`) is a figure of the excerpt, with the
hedge before it (see `hedges`), except:

- numbers inside a date (`December 30, 2019`, `January 5`, `January 2020`): a day of the
  month is never a count, not even when `value:` names it;
- catalogue numbers (`#203`, `No. 5`, `number 5`);
- weak figures, read only when an explicit `value:` names them: a bare year-like number
  (`2019`, `in 2014`: four digits from 1800 to 2099 without a hedge), the lone word `one`
  (`one which may net`, `no one`) and either side of a tally (`170-0`).

Two numbers joined as a range (`5,000-6,000`, `5,000 to 6,000`, `from five to ten`,
`between 5,000 and 6,000`; the lower first) are one figure, the closed interval between
them, approximate after `around` and the like; each end on its own is a weak figure.

Ages and durations written with a hyphen (`17 year-long`, `a 20-year-old`) are counts
like any other and are read: an excerpt that states one alongside the claim's figure
simply needs an explicit `value:`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from dataclasses import replace

from ..model import Interval, Value
from . import dates, tally
from .base import Excerpt, Reading, Unreadable, clip, mask, overlaps, table_key, whole
from .hedges import Hedged, hedge_after, hedge_before
from .numbers import MOST_DIGITS, Number, find_numbers, format_number

_CATALOGUE = re.compile(r"(?:#|\bno\.|\bnumber) ?$", re.IGNORECASE)
_YEAR_LIKE = range(1800, 2100)
_JOINT = re.compile(r" ?- ?| (?P<word>to|and) ", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"\b(?:between|from) $", re.IGNORECASE)


def _is_year(number: Number) -> bool:
    return number.plain and not number.percent and int(number.value) in _YEAR_LIKE


def readings(excerpt: Excerpt, published: dt.date | None = None) -> list[Reading]:
    """Every quantity figure in the excerpt, weak ones included."""
    text = mask(excerpt.text, dates.occupied(excerpt.text))
    tallies = [(start, end) for start, end, _, _ in tally.find(excerpt, text)]
    numbers = [
        n
        for n in find_numbers(text, excerpt.language)
        if not _CATALOGUE.search(text, max(0, n.start - 8), n.start)
    ]
    ranges = list(_ranges(text, numbers))
    in_range = {id(n) for pair in ranges for n in pair[1:]}
    out = [_range_reading(excerpt, text, *pair) for pair in ranges]
    # A tally in a quantity excerpt is a figure a reader sees, though not a quantity.
    out += [
        Reading(excerpt.written(s, e), excerpt.span(s, e), None, weak=True, rival=True)
        for s, e in tallies
        if not overlaps((s, e), [(start, high.end) for start, _, high in ranges])
    ]
    for number in numbers:
        out.append(_reading(excerpt, text, number, id(number) in in_range, tallies))
    return sorted(out, key=lambda r: (r.span, r.weak))


def _reading(
    excerpt: Excerpt,
    text: str,
    number: Number,
    in_range: bool,
    tallies: list[tuple[int, int]],
) -> Reading:
    hedged = hedge_before(text, number.start, number.value)
    if number.vague is None:
        hedged = hedge_after(text, number.end, hedged)
    end = max(number.end, hedged.end)
    span = excerpt.span(hedged.start, end)
    written = excerpt.written(hedged.start, end)
    if number.too_long:
        return Reading(
            written,
            span,
            None,
            unresolved=f"the number “{clip(written)}” has more than {MOST_DIGITS} digits, too "
            "many to read exactly: quote the passage that states the figure in fewer digits "
            "(e.g. with `million`), or give it in `value:` with `derivation:`.",
        )
    in_tally = overlaps((number.start, number.end), tallies)
    year = _is_year(number) and hedged.hedge == "exact"
    weak = number.lone_one or in_range or in_tally or year or number.ordinal
    rival = (year or number.ordinal) and not in_range and not in_tally
    values = [
        # The hedge was read for `number.value`: for that value it already is the one.
        _value(
            number,
            hedged if v == number.value else replace(hedged, interval=_same_hedge(hedged, v)),
            v,
            span,
        )
        for v in (number.alternatives or (number.value,))
    ]
    if number.alternatives:
        decimal, thousands = (format_number(v) for v in number.alternatives[:2])
        return Reading(
            written,
            span,
            None,
            weak=weak,
            rival=rival,
            candidates=tuple(values),
            unresolved=f"the excerpt's “{written}” may be {decimal} or {thousands} (a dot or "
            "comma between digits means either, by language), and the source's `language` "
            f"does not settle it: add `value:` with the figure meant, e.g. `value: "
            f"{format_number(number.alternatives[-1]).replace(',', '')}`.",
        )
    return Reading(written, span, values[0], weak, rival=rival)


def _same_hedge(hedged: Hedged, value: float) -> Interval:
    iv = hedged.interval
    if iv.low is not None and iv.high is not None:
        return Interval.point(value)
    if iv.low is not None:
        return Interval(value, None, low_open=iv.low_open)
    return Interval(None, value, high_open=iv.high_open)


def _value(number: Number, hedged: Hedged, value: float, span: tuple[int, int]) -> Value:
    if number.vague is not None:
        low, high = number.vague
        if high is None:
            return Value(
                "quantity",
                f"{number.words} (at least {format_number(low)})",
                (Interval(low, None),),
                hedge="lower-bound",
                span=span,
            )
        return Value(
            "quantity",
            f"{number.words} (about {format_number(low)}–{format_number(high)})",
            (Interval(low, high),),
            hedge="approximate",
            span=span,
        )
    # A year-like number keeps its digits: "1987", not "1,987".
    digits = str(int(value)) if _is_year(number) else format_number(value)
    figure = digits + ("%" if number.percent else "")
    return Value(
        "quantity",
        f"{hedged.words} {figure}".strip(),
        (hedged.interval,),
        hedge=hedged.hedge,
        span=span,
    )


def _figure(number: Number) -> str:
    return format_number(number.value) + ("%" if number.percent else "")


def _ranges(text: str, numbers: list[Number]) -> Iterator[tuple[int, Number, Number]]:
    """(start, low, high) of each range of two numbers: `5,000-6,000`, `between 5 and 8`."""
    for low, high in itertools.pairwise(numbers):
        joint = _JOINT.fullmatch(text, low.end, high.start)
        if joint is None or not low.value < high.value or low.lone_one:
            continue
        if any(n.alternatives or n.too_long or n.vague or n.ordinal for n in (low, high)):
            continue
        opener = _RANGE_OPENER.search(text, max(0, low.start - 9), low.start)
        if table_key(joint["word"] or "") == "and" and opener is None:
            continue  # "5 and 8" lists two figures; "between 5 and 8" is a range
        yield (low.start if opener is None else opener.start()), low, high


def _range_reading(excerpt: Excerpt, text: str, start: int, low: Number, high: Number) -> Reading:
    hedged = hedge_before(text, start, low.value)
    # "around 5,000 to 6,000" is an approximate range; a bound makes no sense of a range.
    approximate = hedged.hedge == "approximate"
    if approximate:
        start = hedged.start
    span = excerpt.span(start, high.end)
    value = Value(
        "quantity",
        ("about " if approximate else "") + f"{_figure(low)}–{_figure(high)}",
        (Interval(low.value, high.value),),
        hedge="approximate" if approximate else "exact",
        span=span,
    )
    return Reading(excerpt.written(start, high.end), span, value)


def parse_given(given: str, published: dt.date | None = None) -> Value | Unreadable:
    """An explicit quantity: one number or range, in any form the reader knows, maybe hedged."""
    excerpt = Excerpt(given)
    found = readings(excerpt)
    found = [r for r in found if not r.weak] or found
    if len(found) == 1 and found[0].span == whole(excerpt) and found[0].value is None:
        if found[0].candidates:
            plain = format_number(found[0].candidates[-1].intervals[0].low or 0).replace(",", "")
            return Unreadable(
                f"`value: {clip(given)}` may be read two ways (a dot or comma between digits "
                f"is a decimal mark in some languages, a thousands separator in others): write "
                f"it without a separator, e.g. `{plain}`."
            )
        return Unreadable(f"`value: {clip(given)}`: {found[0].unresolved}")
    if len(found) != 1 or found[0].value is None or found[0].span != whole(excerpt):
        return Unreadable(
            f"`value: {clip(given)}` is not one quantity: write just the number, e.g. `5200`, "
            "`5,200`, `about 5,200` or `1.2 million` (the unit goes in `unit:`)."
        )
    value = found[0].value
    return Value(value.kind, value.display, value.intervals, hedge=value.hedge)


def find_given(excerpt: Excerpt, given: str, published: dt.date | None) -> Value | Unreadable:
    """The excerpt's figure that the explicit value names.

    The numbers must be equal. A qualifier in the value ("about 5,200", "at least 25")
    must be the excerpt's own; a value without one names the figure whatever its qualifier,
    and the excerpt's is kept. A figure the excerpt's language leaves open ("12.000") is
    named by either of its readings.
    """
    wanted = parse_given(given)
    if isinstance(wanted, Unreadable):
        return wanted
    key = _key(wanted)
    present = readings(excerpt)
    same = [
        (r, v)
        for r in present
        for v in ((r.value,) if r.value is not None else r.candidates)
        if _key(v) == key
    ]
    for _, value in same:
        if wanted.hedge == "exact" or (value.hedge, value.intervals) == (
            wanted.hedge,
            wanted.intervals,
        ):
            return value
    if same:
        return Unreadable(
            f"`value: {clip(given)}` does not match the excerpt, which says "
            f"“{same[0][0].written}”: write the value as the excerpt qualifies it, or without "
            "a qualifier."
        )
    in_dates = [
        excerpt.written(s, e)
        for s, e in dates.occupied(excerpt.text)
        if any((n.value,) == key for n in find_numbers(excerpt.text[s:e]))
    ]
    if in_dates:
        return Unreadable(
            f"`value: {clip(given)}` appears in the excerpt only in the date “{in_dates[0]}”, "
            "which is not a count: quote the passage that gives the figure."
        )
    said = ", ".join(f"“{clip(r.written)}”" for r in present if not r.weak) or "no figure"
    return Unreadable(
        f"`value: {clip(given)}` does not appear in the excerpt, which states {said}: quote the "
        "passage that gives this figure, or add `derivation:` if you worked it out."
    )


def _key(value: Value) -> tuple[float | None, ...]:
    """What a figure says apart from its qualifier: its number, or a range's two ends."""
    interval = value.intervals[0]
    if interval.low is not None and interval.high is not None and interval.low != interval.high:
        return interval.low, interval.high
    return (interval.low if interval.low is not None else interval.high,)
