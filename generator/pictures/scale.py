"""Axes: mapping values to picture coordinates, and ticks a reader can read.

Number ticks fall on "nice" steps (1, 2 or 5 times a power of ten) and are labelled in
the publication's number style (`5,000`, `1.5 million`; see
`generator.extract.numbers.format_number`). Zero is not forced onto a number line: two
figures of 5,000 and 5,200 are drawn on an axis around them, where their difference
shows. Date ticks fall on days, weeks, month starts or year starts, whichever gives a
handful of them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from ..extract.days import MONTH_NAMES
from ..extract.numbers import format_number

_MOST_TICKS = 6
_MOST_DATE_TICKS = 5  # a date label is wider than a number's


@dataclass(frozen=True)
class Scale:
    """A linear map from the domain [low, high] onto picture x coordinates [left, right]."""

    low: float
    high: float
    left: float
    right: float

    def x(self, value: float) -> float:
        span = self.high - self.low
        return self.left + (value - self.low) / span * (self.right - self.left)

    def clamp(self, value: float | None, *, upper: bool) -> float:
        """x of a value, or of the picture's edge for an unbounded end."""
        if value is None:
            return self.right if upper else self.left
        return min(max(self.x(value), self.left), self.right)


def domain(
    points: Iterable[float],
    *,
    include_zero: bool = False,
    pad: float = 0.08,
    lone_half_width: float | None = None,
) -> tuple[float, float]:
    """A domain holding every point, padded so marks and arrows do not touch the edge."""
    xs = [p for p in points if math.isfinite(p)]
    if include_zero:
        xs.append(0.0)
    if not xs:
        return (0.0, 1.0)
    low, high = min(xs), max(xs)
    if low == high:
        half = lone_half_width if lone_half_width else max(abs(low) * 0.1, 1.0)
        return (low - half, high + half)
    margin = (high - low) * pad
    return (low - margin, high + margin)


def nice_step(span: float, most: int = _MOST_TICKS) -> float:
    """The smallest 1/2/5 x 10^k step giving at most `most` ticks over `span`."""
    raw = span / max(most - 1, 1)
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= raw:
            return factor * power
    return 10 * power


def number_ticks(low: float, high: float, *, integers: bool = False) -> list[tuple[float, str]]:
    """(value, label) ticks inside [low, high]."""
    step = nice_step(high - low)
    if integers:
        step = max(1.0, math.ceil(step))
    first = math.ceil(low / step - 1e-9)
    ticks = []
    k = first
    while k * step <= high + 1e-9 * max(1.0, abs(high)):
        value = round(k * step, 10)
        ticks.append((value, format_number(value)))
        k += 1
    return ticks


# The month names the value readers know, so a chart says a date as the page does.
_MONTH_NAMES = MONTH_NAMES[1:]
_MONTHS = tuple(name[:3] for name in _MONTH_NAMES)


def long_date(day: dt.date) -> str:
    """`5 January 2020`, as the site writes dates (and independent of the locale)."""
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


def day_label(ordinal: int, *, with_year: bool) -> str:
    day = dt.date.fromordinal(ordinal)
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def date_ticks(low: float, high: float) -> list[tuple[float, str]]:
    """(ordinal, label) ticks on whole days, weeks, month or year starts inside [low, high];
    the year is named on the first tick and wherever it changes."""
    # Padding may reach past the calendar's ends; ticks stay on real days.
    first = max(math.ceil(low), 1)
    last = min(math.floor(high), dt.date.max.toordinal())
    days = last - first + 1
    if days <= 0:
        return []
    candidates: list[int]
    for step in (1, 2, 7, 14):
        if days / step <= _MOST_DATE_TICKS:
            # Weekly ticks start on a Monday, so they read as weeks.
            start = first if step < 7 else first + (-dt.date.fromordinal(first).weekday()) % 7
            candidates = list(range(start, last + 1, step))
            break
    else:
        candidates = _month_starts(first, last)
    ticks: list[tuple[float, str]] = []
    year = None
    for ordinal in candidates:
        day = dt.date.fromordinal(ordinal)
        ticks.append((float(ordinal), day_label(ordinal, with_year=day.year != year)))
        year = day.year
    return ticks


def _month_starts(first: int, last: int) -> list[int]:
    start = dt.date.fromordinal(first)
    month = dt.date(start.year, start.month, 1)
    if month.toordinal() < first:
        month = _next_month(month)
    starts = []
    while month.toordinal() <= last and month != dt.date.max:
        starts.append(month.toordinal())
        month = _next_month(month)
    for every in (1, 2, 3, 6, 12, 24, 60, 120, 600):
        picked = starts[::every]
        if len(picked) <= _MOST_DATE_TICKS:
            return picked
    return starts[:: max(1, len(starts) // _MOST_DATE_TICKS + 1)]


def _next_month(day: dt.date) -> dt.date:
    if day.year == dt.MAXYEAR and day.month == 12:
        return dt.date.max  # past the last tick: ends the loop
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
