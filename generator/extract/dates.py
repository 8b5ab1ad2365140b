"""Dates as news copy writes them, resolved to intervals of days.

Recognises, in a normalised excerpt, and reads as the interval of days:

- a full date: `December 30, 2019`, `Jan. 5, 2020`, `November 29 2019`, `5 January 2020`,
  `5th of January 2020`, `2020-01-05`: that day;
- a day and month: `January 5`, `5 January`: that day in the year the sentence's tense
  points at (see below);
- a month and year: `January 2020`, `October-December 2019`: the months' days;
- a month alone, a full name after a preposition: `in October`, `since March`, `early
  December`: the most recent such month begun by `published`, or the next one in a
  sentence about the future;
- a day of the month alone: `on the 10th`, `by the 3rd`: that day of the month the
  tense points at;
- a year: `2019`, `2014-2017`, `from 2014 to 2017`: the years' days;
- a weekday: `on Tuesday`, `Monday`, `Tuesday's`: by the tense; `last Tuesday`, `this
  past Tuesday`: the most recent before `published`; `this Friday`, `coming Friday`: the
  first on or after it; `next Friday`: the first after it. A weekday right before a date
  (`Tuesday, March 5`) names that date's weekday, and the two must agree;
- `today`, `tonight`, `this morning`: `published`; `yesterday`, `last night`: the day
  before; `tomorrow`: the day after;
- `this week`, `earlier this week`: Monday of `published`'s week to `published`; `last
  week`: the Monday-to-Sunday week before; `later this week`: `published` to Sunday;
- `this month`, `earlier this month`: the 1st of `published`'s month to `published`; `last
  month`: the month before; `later this month`: `published` to the month's end;
- `this year`, `earlier this year`: 1 January to `published`; `last year`: the year before.

The tense: a sentence about the future (`will`, `is due to`, `is scheduled to`, `plans
to`, `next`...) looks forward from `published`, one about the past (`said`, `was`,
`voted`, a past participle...) back, and otherwise the occurrence nearest `published` is
meant. The marker nearest before the date decides (`officials said the council will vote
on March 14` is the future); one after it only when there is none before.

"On Tuesday" in an article published on a Tuesday is that day: wire copy names the
weekday for events of the same day. A date without a year, a weekday and a relative date
need the source's `published` date; without it they are readings without a value, and the
caller asks for an explicit `value:`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..model import Value
from .base import Excerpt, Reading, Unreadable, as_written, table_key
from .days import (
    MONTH_NAMES,
    RELATIVE,
    WEEKDAY_NAMES,
    Days,
    Resolve,
    Tense,
    date_value,
    day_of,
    day_of_month,
    describe,
    month_by_tense,
    month_days,
    month_end,
    weekday_by_tense,
    year_days,
    yearless_day,
)

_MONTH_NUMBERS: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(MONTH_NAMES) if name},
    **{name[:3].lower(): i for i, name in enumerate(MONTH_NAMES) if name},
    "sept": 9,
}
# Month names that are also common words: read only when capitalised.
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "sep", "dec", "oct", "aug"})
_MONTH = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_FULL_MONTH = "|".join(name.lower() for name in MONTH_NAMES if name)
_WEEKDAY = "|".join(name.lower() for name in WEEKDAY_NAMES)

_M = rf"(?P<m>(?:{_MONTH})\b\.?)"
_M2 = rf"(?P<m2>(?:{_MONTH})\b\.?)"
_D = r"(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?(?![0-9A-Za-z])"
_Y = r"(?P<y>[0-9]{4})(?![0-9A-Za-z_]|[.,][0-9])"
_Y2 = r"(?P<y2>[0-9]{4})(?![0-9A-Za-z_]|[.,][0-9])"
_YEAR_ONLY = r"(?:1[89][0-9]{2}|20[0-9]{2})"
_NOT_AFTER_DIGIT = r"(?<![0-9A-Za-z_#.,:/])(?<![0-9]-)"

_I = re.IGNORECASE
# Most specific first: a span taken by an earlier pattern is not read again by a later one.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"(?<![0-9-])(?P<y>[0-9]{4})-(?P<mo>[0-9]{2})-(?P<d>[0-9]{2})(?![0-9-])")),
    ("mdy", re.compile(rf"\b{_M} {_D},? {_Y}", _I)),
    ("dmy", re.compile(rf"(?<![0-9]){_D} (?:of )?{_M},? {_Y}", _I)),
    ("month-range", re.compile(rf"\b{_M} ?- ?{_M2},? {_Y}", _I)),
    ("my", re.compile(rf"\b{_M},? {_Y}", _I)),
    ("md", re.compile(rf"\b{_M} {_D}(?!:[0-9])", _I)),
    ("dm", re.compile(rf"(?<![0-9.,]){_D} (?:of )?{_M}", _I)),
    (
        "month",
        re.compile(
            rf"\b(?:in|since|until|till|from|during|through|throughout|before|after|by|"
            rf"early|late|mid|last)(?: early| late|-| mid-?)? (?P<m>{_FULL_MONTH})\b",
            _I,
        ),
    ),
    (
        "year-range",
        re.compile(
            rf"{_NOT_AFTER_DIGIT}(?:(?P<from>from|between) )?(?P<y>{_YEAR_ONLY}) ?"
            rf"(?:-|(?(from)(?:to|and)|to)) ?(?P<y2>{_YEAR_ONLY})(?![0-9A-Za-z_]|[.,][0-9])",
            _I,
        ),
    ),
    ("year", re.compile(rf"{_NOT_AFTER_DIGIT}(?P<y>{_YEAR_ONLY})(?![0-9A-Za-z_]|[.,][0-9])")),
    (
        "weekday",
        re.compile(rf"\b(?:(?P<pre>on|last|this past|this|coming|next) )?(?P<w>{_WEEKDAY})\b", _I),
    ),
    (
        "day-of-month",
        re.compile(
            r"\b(?:on|by|until|till|from|since|before|after) the (?P<d>[0-9]{1,2})(?:st|nd|rd|th)"
            r"\b(?! (?:floor|anniversary|century|time|round|birthday|edition|amendment|street|"
            r"avenue|division|district|regiment|place|minute|hour|day|week|year|month)\b)",
            _I,
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>(?:(?:earlier|later) )?this (?:week|month|year)|last (?:week|month|year)"
            r"|today|tonight|this (?:morning|afternoon|evening)|yesterday|last night|tomorrow)\b",
            _I,
        ),
    ),
)


# What makes a sentence look forward or back. Reporting verbs ("said", "warned") usually
# follow the date they report on, so the nearest marker before the date decides, and one
# after it only when there is none before.
_FUTURE = re.compile(
    r"\b(?:will|won[’']t|shall|(?:is|are|was|were) (?:due|scheduled|set|expected|planned|"
    r"slated|going|about) to|(?:is|are) to|plans? to|planning to|intends? to|scheduled for|"
    r"(?:is|are) due|upcoming|next)\b|[’']ll\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|met|began|held|took|went|came|left|broke|burst|hit|"
    r"struck|died|made|saw|gave|fell|rose|ago|earlier|last|[a-z]+ed)\b",
    re.IGNORECASE,
)


_AFTER_BE = re.compile(r"\bbe $", re.IGNORECASE)


def tense(text: str, start: int, end: int) -> Tense:
    """Whether the sentence around text[start:end] speaks of the future or the past."""
    left = max(text.rfind(". ", 0, start), text.rfind("; ", 0, start))
    right = min(
        (i for i in (text.find(". ", end), text.find("; ", end)) if i >= 0), default=len(text)
    )
    future = [(m.start(), m.end(), "future") for m in _FUTURE.finditer(text, left + 1, right)]
    past = [
        (m.start(), m.end(), "past")
        for m in _PAST.finditer(text, left + 1, right)
        if not any(f0 <= m.start() < f1 for f0, f1, _ in future)
        and not _AFTER_BE.search(text, max(0, m.start() - 4), m.start())  # "will be held"
    ]
    markers = [m for m in future + past if not (start <= m[0] < end)]
    before = [m for m in markers if m[1] <= start]
    if before:
        return max(before, key=lambda m: m[1])[2]
    after = [m for m in markers if m[0] >= end]
    return min(after, key=lambda m: m[0])[2] if after else None


@dataclass(frozen=True)
class DateFound:
    """A date phrase found in an excerpt (offsets into its normalised text).

    `days` is set for a date the text pins down alone; `resolve` for one that needs the
    publication date (and may return None: "next Friday" is ambiguous even with it).
    `month`, `day` and `weekday` say what the phrase itself fixes, so an explicit value can
    be checked against a year-less or relative date.
    """

    start: int
    end: int
    form: str
    days: Days | None = None
    resolve: Resolve | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None


# What a form's pattern cannot match without. Each is a test of the text and of its
# `table_key` (lower case, with the letters a case-ignoring pattern matches for an ASCII
# one made ASCII), so a word a pattern matches in any case is a plain substring there.
# Cheap tests first say which patterns may match at all: an excerpt without a month name
# is not scanned by the seven month patterns, one without "day" by the weekday pattern.
_DIGIT = re.compile("[0-9]")
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_RELATIVE_WORDS = ("this", "last", "today", "tonight", "yesterday", "tomorrow")


def _absent(text: str) -> frozenset[str]:
    """What `text` lacks of what the patterns need (see `_NEEDS`)."""
    low = table_key(text)
    absent = []
    if _DIGIT.search(text) is None:
        absent.append("digit")
    for stem in _MONTH_STEMS:  # every month name and abbreviation starts with one
        if stem in low:
            break
    else:
        absent.append("month")
    if "day" not in low:  # every weekday's name ends with it
        absent.append("weekday")
    if "-" not in text:
        absent.append("dash")
        if "to" not in low and "and" not in low:
            absent.append("joint")
    if "the " not in low:
        absent.append("the")
    for word in _RELATIVE_WORDS:
        if word in low:
            break
    else:
        absent.append("relative")
    return frozenset(absent)


_NEEDS: dict[str, frozenset[str]] = {
    "iso": frozenset({"digit", "dash"}),
    **dict.fromkeys(("mdy", "dmy", "my", "md", "dm"), frozenset({"digit", "month"})),
    "month-range": frozenset({"digit", "month", "dash"}),
    "month": frozenset({"month"}),
    "year-range": frozenset({"digit", "joint"}),
    "year": frozenset({"digit"}),
    "weekday": frozenset({"weekday"}),
    "day-of-month": frozenset({"digit", "the"}),
    "relative": frozenset({"relative"}),
}

# The forms whose day depends on whether the sentence looks forward or back.
_BY_TENSE = frozenset({"md", "dm", "day-of-month", "month", "weekday"})


@lru_cache(maxsize=128)  # one per combination of what a text lacks
def _plan(absent: frozenset[str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The patterns that may match a text lacking `absent`, in order."""
    return tuple(
        (form, pattern)
        for form, pattern in _PATTERNS
        if form not in _NEEDS or absent.isdisjoint(_NEEDS[form])
    )


def find(text: str) -> list[DateFound]:
    """Every date phrase in a normalised text, in order of position."""
    taken: list[DateFound] = []
    for form, pattern in _plan(_absent(text)):
        for m in pattern.finditer(text):
            if any(m.start() < f.end and f.start < m.end() for f in taken):
                continue
            said = tense(text, m.start(), m.end()) if form in _BY_TENSE else None
            found = _read(form, m, said)
            if found is not None:
                taken.append(found)
    return _with_weekdays(text, sorted(taken, key=lambda f: f.start))


_BETWEEN_WEEKDAY_AND_DATE = re.compile(r",? (?:the )?")


def _with_weekdays(text: str, found: list[DateFound]) -> list[DateFound]:
    """ "Tuesday, March 5" is one date that names its weekday, not two dates."""
    out: list[DateFound] = []
    for date in found:
        last = out[-1] if out else None
        if (
            last is not None
            and last.form == "weekday"
            and date.form in ("day", "day-of-month")
            and _BETWEEN_WEEKDAY_AND_DATE.fullmatch(text, last.end, date.start)
        ):
            out[-1] = replace(date, start=last.start, weekday=last.weekday)
            continue
        out.append(date)
    return out


def occupied(text: str) -> list[tuple[int, int]]:
    """Spans of the dates in `text` whose numbers are not counts: every date but a bare year.

    A bare year is left to the quantity reader, which treats it as a weak figure.
    """
    return [(f.start, f.end) for f in find(text) if f.form != "year"]


def _month(m: re.Match[str], group: str = "m") -> int | None:
    word = m[group].rstrip(".")
    if table_key(word) in _AMBIGUOUS_MONTHS and not word[0].isupper():
        return None
    return _MONTH_NUMBERS[table_key(word)]


def _read(form: str, m: re.Match[str], said: Tense) -> DateFound | None:
    start, end = m.start(), m.end()
    if form in ("iso", "mdy", "dmy"):
        month = int(m["mo"]) if form == "iso" else _month(m)
        if month is None:
            return None
        day = day_of(int(m["y"]), month, int(m["d"])) if 1 <= month <= 12 else None
        return (
            None if day is None else DateFound(start, end, "day", (day, day), None, month, day.day)
        )
    if form == "month-range":
        first, last, year = _month(m), _month(m, "m2"), int(m["y"])
        if first is None or last is None or not dt.MINYEAR < year <= dt.MAXYEAR:
            return None
        # "November-February 2020" starts in the year before.
        begin = month_days(year - 1 if first > last else year, first)[0]
        return DateFound(start, end, "months", (begin, month_days(year, last)[1]))
    if form == "my":
        month, year = _month(m), int(m["y"])
        if month is None or not dt.MINYEAR <= year <= dt.MAXYEAR:
            return None
        return DateFound(start, end, "month", month_days(year, month), month=month)
    if form in ("md", "dm"):
        month, of_month = _month(m), int(m["d"])
        if month is None or day_of(2000, month, of_month) is None:  # 2000: a leap year
            return None
        resolve = yearless_day(month, of_month, said)
        return DateFound(start, end, "day", None, resolve, month=month, day=of_month)
    if form == "day-of-month":
        of_month = int(m["d"])
        if not 1 <= of_month <= 31:
            return None
        return DateFound(
            start, end, "day-of-month", None, day_of_month(of_month, said), day=of_month
        )
    if form == "month":
        month = _MONTH_NUMBERS[table_key(m["m"])]
        if table_key(m["m"]) in _AMBIGUOUS_MONTHS and not m["m"][0].isupper():
            return None
        resolve = month_by_tense(month, said)
        return DateFound(m.start("m"), end, "month", None, resolve, month=month)
    if form == "year-range":
        days = year_days(int(m["y"]), int(m["y2"]))
        return None if days is None else DateFound(start, end, "years", days)
    if form == "year":
        days = year_days(int(m["y"]))
        return None if days is None else DateFound(start, end, "year", days)
    if form == "weekday":
        return _weekday(m, said)
    return DateFound(start, end, "relative", None, RELATIVE[table_key(m["rel"])])


def _weekday(m: re.Match[str], said: Tense) -> DateFound:
    weekday = WEEKDAY_NAMES.index(table_key(m["w"]).capitalize())
    pre = table_key(m["pre"] or "")
    resolve: Resolve
    if pre in ("this", "coming"):
        resolve = weekday_by_tense(weekday, "future")
    elif pre == "next":
        resolve = weekday_by_tense(weekday, "future", strict=True)
    elif pre in ("last", "this past"):
        resolve = weekday_by_tense(weekday, "past", strict=True)
    else:
        resolve = weekday_by_tense(weekday, said)
    # The highlight covers "on Tuesday", not just "Tuesday": the phrase states the date.
    return DateFound(m.start(), m.end(), "weekday", None, resolve, weekday=weekday)


# --- the reader ------------------------------------------------------------------------


def _days_of(found: DateFound, published: dt.date | None) -> Days | None:
    if found.days is not None:
        return found.days
    if found.resolve is not None and published is not None:
        return found.resolve(published)
    return None


def _unresolved(found: DateFound, written: str, published: dt.date | None) -> str:
    if published is not None:
        return (
            f"the excerpt's date “{written}” does not say which day it means: "
            "write the date in `value:` and explain it in `derivation:`."
        )
    if found.form == "day-of-month":
        what = "has no month or year"
    elif found.form == "day" or found.month:
        what = "has no year"
    else:
        what = "is relative"
    return (
        f"the excerpt's date “{written}” {what} and the source has no `published` date: "
        "give the full date in `value:` together with `derivation:` saying how you know it "
        "(e.g. `value: 2020-01-05` and `derivation: the article is dated 2 January 2020`), "
        "or add `published` to the source."
    )


def _named_weekday(found: DateFound, days: Days) -> str:
    """Why a date that names its weekday cannot be read: the two disagree; or ""."""
    if found.weekday is None or found.form == "weekday" or days[0] != days[1]:
        return ""
    if days[0].weekday() == found.weekday:
        return ""
    return (
        f"the excerpt names {WEEKDAY_NAMES[found.weekday]}, but {describe(days)} is a "
        f"{WEEKDAY_NAMES[days[0].weekday()]}: check the source, and give the date meant in "
        "`value:` with `derivation:` explaining the discrepancy."
    )


def readings(excerpt: Excerpt, published: dt.date | None) -> list[Reading]:
    """Every date in the excerpt, resolved against `published` where it has to be."""
    out = []
    for found in find(excerpt.text):
        written = excerpt.written(found.start, found.end)
        span = excerpt.span(found.start, found.end)
        days = _days_of(found, published)
        if days is None:
            out.append(
                Reading(written, span, None, unresolved=_unresolved(found, written, published))
            )
        elif mismatch := _named_weekday(found, days):
            out.append(Reading(written, span, None, unresolved=mismatch))
        else:
            out.append(Reading(written, span, date_value(days, span, found.weekday is not None)))
    return out


def contradiction(excerpt: Excerpt, wanted: Value) -> Unreadable | None:
    """A given day that falls on another weekday than the excerpt names for it.

    Whatever the derivation says, "on Monday" is not a Tuesday: the value is refused when
    the excerpt names weekdays, none of them the value's, and no other date of the excerpt
    is the value.
    """
    low, high = wanted.intervals[0].low, wanted.intervals[0].high
    if low is None or low != high:
        return None
    day = dt.date.fromordinal(int(low))
    present = find(excerpt.text)
    named = [f for f in present if f.weekday is not None]
    if not named or any(f.weekday == day.weekday() for f in named):
        return None
    if any(f.weekday is None and f.days == (day, day) for f in present):
        return None
    said = excerpt.written(named[0].start, named[0].end)
    return Unreadable(
        f"the excerpt says “{said}”, but the value {describe((day, day))} is a "
        f"{WEEKDAY_NAMES[day.weekday()]}: give the day the excerpt names, or quote the passage "
        "that gives this date."
    )


_ISO_MONTH = re.compile(r"(?P<y>[0-9]{4})-(?P<mo>[0-9]{2})")


def parse_given(given: str, published: dt.date | None) -> Value | Unreadable:
    """An explicit date value: `2020-01-05`, `2020-01`, `2020`, or any form the excerpt
    reader knows (`5 January 2020`, `January 2020`; `January 5` when `published` is known)."""
    text = as_written(given)
    iso_month = _ISO_MONTH.fullmatch(text)
    if iso_month and 1 <= int(iso_month["mo"]) <= 12 and int(iso_month["y"]) >= dt.MINYEAR:
        return date_value(month_days(int(iso_month["y"]), int(iso_month["mo"])), None)
    excerpt = Excerpt(text)
    found = find(excerpt.text)
    if len(found) != 1 or (found[0].start, found[0].end) != (0, len(excerpt.text)):
        return Unreadable(
            f"`value: {given}` is not a date: write it as `2020-01-05`, `5 January 2020` "
            "or `January 2020`."
        )
    days = _days_of(found[0], published)
    if days is None:
        return Unreadable(
            f"`value: {given}` does not say which day it means"
            + (" and the source has no `published` date" if published is None else "")
            + ": write the full date, e.g. `2020-01-05`."
        )
    return date_value(days, None, found[0].weekday is not None)


def find_given(excerpt: Excerpt, given: str, published: dt.date | None) -> Value | Unreadable:
    """The excerpt's date that the explicit value names.

    The value matches a date of the excerpt when both stand for the same days. A year-less
    date also matches a value with its month and day whose year is the one `published`
    implies or, for a date ahead of publication, the next one; without `published` any
    year is accepted (the contributor supplies it). A weekday without `published` matches a
    value falling on that weekday. The value kept is then the contributor's full date,
    marked derived when the contributor supplied part of it.
    """
    wanted = parse_given(given, published)
    if isinstance(wanted, Unreadable):
        return wanted
    low, high = wanted.intervals[0].low, wanted.intervals[0].high
    assert low is not None and high is not None  # dates are always bounded
    wanted_days = (dt.date.fromordinal(int(low)), dt.date.fromordinal(int(high)))
    present = find(excerpt.text)
    for found in present:
        span = excerpt.span(found.start, found.end)
        days = _days_of(found, published)
        if days == wanted_days:
            return date_value(days, span, found.weekday is not None)
        if _names(found, wanted_days, days, published):
            value = date_value(wanted_days, span, found.weekday is not None)
            # Without `published` the contributor has supplied what the text leaves out
            # (a year, the day a weekday falls on): the value is worked out, not read.
            return replace(value, derived=published is None)
    said = ", ".join(f"“{excerpt.written(f.start, f.end)}”" for f in present) or "no date"
    return Unreadable(
        f"`value: {given}` ({wanted.display}) does not appear in the excerpt, which states "
        f"{said}: quote the passage that gives this date, or add `derivation:` if you worked "
        "it out."
    )


def _names(found: DateFound, wanted: Days, days: Days | None, published: dt.date | None) -> bool:
    """Whether a year-less or relative date of the excerpt can stand for `wanted`."""
    first, last = wanted
    if found.weekday is not None and first == last and first.weekday() != found.weekday:
        return False
    if found.form == "day" and found.days is None and first == last:
        if (first.month, first.day) != (found.month, found.day):
            return False
        return published is None or days is None
    if found.form == "day-of-month" and published is None and first == last:
        return first.day == found.day
    if found.form == "month" and found.days is None and published is None:
        return (first.month, first.day, last) == (found.month, 1, month_end(first))
    if found.form == "weekday" and published is None and first == last:
        return first.weekday() == found.weekday
    return False
