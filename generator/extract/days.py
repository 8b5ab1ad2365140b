"""Calendar arithmetic for dates: spans of days, and how to resolve and say them.

A date an excerpt states is a span of days (first, last), one day long for a day. Dates
stated relative to publication (a weekday, "earlier this month", a day without a year)
are functions of the publication date that return that span, or None when the span falls
off the calendar (before year 1 or after 9999) or the phrase does not pin one down.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable

from ..model import Interval, Value

MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

Days = tuple[dt.date, dt.date]  # first and last day
Resolve = Callable[[dt.date], Days | None]


def day_of(year: int, month: int, day: int) -> dt.date | None:
    """That date, or None when there is no such day (February 30, year 0)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_days(year: int, month: int) -> Days:
    """The first and last day of a month."""
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def year_days(first: int, last: int | None = None) -> Days | None:
    """1 January of `first` to 31 December of `last` (or `first`); None if off the calendar."""
    if not dt.MINYEAR <= first <= (last or first) <= dt.MAXYEAR:
        return None
    return dt.date(first, 1, 1), dt.date(last or first, 12, 31)


Tense = str | None  # "past", "future", or None when the sentence does not say


def _by_tense(
    published: dt.date, before: dt.date | None, after: dt.date | None, tense: Tense
) -> dt.date | None:
    """The occurrence the tense points at: the last one on or before publication for the
    past, the first on or after it for the future, otherwise the nearer (the past on a tie)."""
    if tense == "past":
        return before
    if tense == "future":
        return after
    if before is None or after is None:
        return before or after
    return before if (published - before) <= (after - published) else after


def weekday_by_tense(weekday: int, tense: Tense, *, strict: bool = False) -> Resolve:
    """The such weekday the sentence means: "last Friday" (past, strict), "next Friday"
    (future, strict), "on Friday" (by the sentence's tense; the nearest when it has none).
    Wire copy names the weekday for events of the same day, so a weekday that is the
    publication's own day is that day unless `strict`."""

    def resolve(published: dt.date) -> Days | None:
        back = (published.weekday() - weekday) % 7 or (7 if strict else 0)
        ahead = (weekday - published.weekday()) % 7 or (7 if strict else 0)
        day = _by_tense(published, _shift(published, -back), _shift(published, ahead), tense)
        return _pair(day, day)

    return resolve


def yearless_day(month: int, day: int, tense: Tense) -> Resolve:
    """The such day of a year the sentence means ("will vote on January 5": the next)."""

    def resolve(published: dt.date) -> Days | None:
        # February 29 may be years away; eight years either way always find one.
        first, last = max(dt.MINYEAR, published.year - 8), min(dt.MAXYEAR, published.year + 8)
        found = [d for y in range(first, last + 1) if (d := day_of(y, month, day)) is not None]
        before = max((d for d in found if d <= published), default=None)
        after = min((d for d in found if d >= published), default=None)
        chosen = _by_tense(published, before, after, tense)
        return None if chosen is None else (chosen, chosen)

    return resolve


def day_of_month(day: int, tense: Tense) -> Resolve:
    """The such day of a month the sentence means ("on the 10th")."""

    def resolve(published: dt.date) -> Days | None:
        found = []
        for shift in range(-3, 4):  # the 31st may skip a month or two
            year, month = divmod(published.year * 12 + published.month - 1 + shift, 12)
            if dt.MINYEAR <= year <= dt.MAXYEAR and (d := day_of(year, month + 1, day)):
                found.append(d)
        before = max((d for d in found if d <= published), default=None)
        after = min((d for d in found if d >= published), default=None)
        chosen = _by_tense(published, before, after, tense)
        return None if chosen is None else (chosen, chosen)

    return resolve


def month_by_tense(month: int, tense: Tense) -> Resolve:
    """The such month the sentence means: "will reopen in October" is the next October,
    "in October" otherwise the most recent one begun by publication."""

    def resolve(published: dt.date) -> Days | None:
        if tense == "future":
            year = published.year if month >= published.month else published.year + 1
        else:
            year = published.year if month <= published.month else published.year - 1
        return month_days(year, month) if dt.MINYEAR <= year <= dt.MAXYEAR else None

    return resolve


def _shift(day: dt.date, days: int) -> dt.date | None:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def _pair(first: dt.date | None, last: dt.date | None) -> Days | None:
    return None if first is None or last is None else (first, last)


def _previous_month(p: dt.date) -> Days | None:
    if p.month > 1:
        return month_days(p.year, p.month - 1)
    return month_days(p.year - 1, 12) if p.year > dt.MINYEAR else None


def month_end(p: dt.date) -> dt.date:
    """The last day of the month of `p`."""
    return month_days(p.year, p.month)[1]


RELATIVE: dict[str, Resolve] = {
    "today": lambda p: (p, p),
    "tonight": lambda p: (p, p),
    "this morning": lambda p: (p, p),
    "this afternoon": lambda p: (p, p),
    "this evening": lambda p: (p, p),
    "yesterday": lambda p: _pair(_shift(p, -1), _shift(p, -1)),
    "last night": lambda p: _pair(_shift(p, -1), _shift(p, -1)),
    "tomorrow": lambda p: _pair(_shift(p, 1), _shift(p, 1)),
    "this week": lambda p: _pair(_shift(p, -p.weekday()), p),
    "earlier this week": lambda p: _pair(_shift(p, -p.weekday()), p),
    "later this week": lambda p: _pair(p, _shift(p, 6 - p.weekday())),
    "last week": lambda p: _pair(_shift(p, -p.weekday() - 7), _shift(p, -p.weekday() - 1)),
    "this month": lambda p: (p.replace(day=1), p),
    "earlier this month": lambda p: (p.replace(day=1), p),
    "later this month": lambda p: (p, month_end(p)),
    "last month": _previous_month,
    "this year": lambda p: (dt.date(p.year, 1, 1), p),
    "earlier this year": lambda p: (dt.date(p.year, 1, 1), p),
    "later this year": lambda p: (p, dt.date(p.year, 12, 31)),
    "last year": lambda p: year_days(p.year - 1),
}


def describe(days: Days, weekday: bool = False) -> str:
    """A date or a span of days as a reader says it: `5 January 2020`, `January 2020`,
    `1–14 January 2020`, `2014–2017`, `30 December 2019 – 5 January 2020`."""
    first, last = days
    if first == last:
        day = f"{first.day} {MONTH_NAMES[first.month]} {first.year}"
        return f"{WEEKDAY_NAMES[first.weekday()]} {day}" if weekday else day
    whole_months = first.day == 1 and last == month_end(last)
    if whole_months and (first.month, last.month) == (1, 12):
        return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    if whole_months:
        if (first.year, first.month) == (last.year, last.month):
            return f"{MONTH_NAMES[first.month]} {first.year}"
        if first.year == last.year:
            return f"{MONTH_NAMES[first.month]}–{MONTH_NAMES[last.month]} {last.year}"
        return f"{MONTH_NAMES[first.month]} {first.year} – {MONTH_NAMES[last.month]} {last.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {MONTH_NAMES[last.month]} {last.year}"
    return f"{describe((first, first))} – {describe((last, last))}"


def date_value(days: Days, span: tuple[int, int] | None, weekday: bool = False) -> Value:
    """A date Value: the days as an interval of ordinals, said as a reader says them."""
    first, last = days
    return Value(
        "date",
        describe(days, weekday),
        (Interval(first.toordinal(), last.toordinal()),),
        span=span,
    )
