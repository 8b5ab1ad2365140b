"""Judging a claim: do its sources agree?

The rules live here and only here: `judge` applies them, and the site's methodology page
renders `RULES`, `DEFAULT_TOLERANCES` and `PRINCIPLES` from this module, so the page and
the code cannot drift apart.

Each value is an interval (an exact figure is a point, "at least N" a half-open bound, a
month its days). Sources agree when all their intervals share a point; they agree within
the tolerance when they do after each interval is widened by it. Quotes and texts are
compared word by word instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from .model import Claim, Interval, Kind, Rating, Source, Tolerance, Value, Verdict


@dataclass(frozen=True)
class Rule:
    rating: Rating
    meaning: str


RULES: tuple[Rule, ...] = (
    Rule("unverified", "an excerpt is not in its source, or no evidence states a value"),
    Rule(
        "single-source",
        "values come from one origin only: one source, or sources relaying the same report",
    ),
    Rule(
        "consistent",
        "values from two or more independent sources agree (their ranges overlap)",
    ),
    Rule(
        "minor-discrepancy",
        "values from independent sources differ, but agree within the tolerance",
    ),
    Rule("conflicting", "values differ beyond the tolerance, or one source contradicts itself"),
)

DEFAULT_TOLERANCE: dict[Kind, Tolerance] = {
    "quantity": Tolerance(0.05, relative=True, text="5%"),
    "tally": Tolerance(0, relative=False, text="0"),
    "date": Tolerance(0, relative=False, text="0 days"),
    "quote": Tolerance(0.20, relative=True, text="20% of words"),
    "text": Tolerance(0, relative=False, text="0 words"),
}
DEFAULT_TOLERANCES: dict[Kind, str] = {k: t.text for k, t in DEFAULT_TOLERANCE.items()}

PRINCIPLES: tuple[str, ...] = (
    "Each value is an interval: an exact figure is a point, *at least* / *more than* "
    "and *up to* / *fewer than* are half-open bounds, and a month is all of its days. "
    "*Around*, *about* and the like mark a figure as approximate without widening it.",
    "Sources agree when all their intervals share a point. They agree within the "
    "tolerance when they do after each interval is widened by it (relative tolerances "
    "by a share of the figure, absolute ones by a number, in days for dates).",
    "Quotes agree when their words are equal, ignoring case, punctuation and words the "
    "writer inserted in [square brackets]; within the tolerance when the words that "
    "differ are at most that share of the longer quote.",
    "Several excerpts from one source count as one source; a source that contradicts "
    "itself makes the claim conflicting.",
    "Sources marked as relaying the same report (`derived_from`) are one origin: they "
    "count as one voice, and the claim page says so.",
    "Evidence marked `value: null` is shown as qualitative support but not counted.",
    "An editor's verdict, when given, is shown beside the computed one with its reason; "
    "it never replaces it.",
)


def judge(claim: Claim, sources: dict[str, Source]) -> Verdict:
    """The computed verdict of one claim whose evidence has been matched and read."""
    origins = origin_groups(
        [sources[e.source_id] for e in claim.evidence if e.source_id in sources]
    )
    missing = sorted({e.source_id for e in claim.evidence if not e.found})
    if missing:
        names = _join(_name(s, sources) for s in missing)
        return Verdict(
            "unverified", f"A quoted passage could not be found in its source ({names}).", origins
        )
    counted = [e for e in claim.evidence if e.value is not None]
    if not counted:
        return Verdict("unverified", "No evidence states a value.", origins)
    tolerance = claim.tolerance or DEFAULT_TOLERANCE[claim.kind]
    by_source: dict[str, list[Value]] = {}
    for e in counted:
        assert e.value is not None
        by_source.setdefault(e.source_id, []).append(e.value)
    for source_id, values in by_source.items():
        if not agree(values, None):
            return Verdict(
                "conflicting",
                f"{_name(source_id, sources)} contradicts itself: {_list(values)}.",
                origins,
            )
    voices = [g for g in origins if any(s in by_source for s in g)]
    values = [v for vs in by_source.values() for v in vs]
    shown = _list(_distinct(values))
    if agree(values, None):
        if len(voices) == 1:
            group = [s for s in voices[0] if s in by_source]
            if len(group) > 1:
                return Verdict(
                    "single-source",
                    _capital(_join(_name(s, sources) for s in group)) + " relay the same report "
                    f"and give {shown}: one origin.",
                    origins,
                )
            return Verdict(
                "single-source",
                _end(f"Only {_name(group[0], sources)} gives a value: {shown}"),
                origins,
            )
        return Verdict(
            "consistent", _end(f"{_count(len(voices))} independent sources agree: {shown}"), origins
        )
    differ = _difference(values)
    if agree(values, tolerance):
        return Verdict(
            "minor-discrepancy",
            f"The sources differ ({differ}), but agree within the tolerance of {tolerance.text}.",
            origins,
        )
    if tolerance.amount == 0:
        return Verdict("conflicting", _end(f"The sources differ: {differ}"), origins)
    return Verdict(
        "conflicting",
        f"The sources differ ({differ}) beyond the tolerance of {tolerance.text}.",
        origins,
    )


def origin_groups(sources: Iterable[Source]) -> tuple[tuple[str, ...], ...]:
    """Source ids grouped by origin: relays of one report, or of each other, are one."""
    ids = sorted({s.id for s in sources})
    by_id = {s.id: s for s in sources}
    parent = {i: i for i in ids}

    def find(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    reports: dict[str, str] = {}
    for i in ids:
        for report in by_id[i].derived_from:
            key = report.strip().lower()
            if key in parent:
                parent[find(i)] = find(key)
            if key in reports:
                parent[find(i)] = find(reports[key])
            reports.setdefault(key, i)
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(find(i), []).append(i)
    return tuple(tuple(g) for g in sorted(groups.values()))


def agree(values: Sequence[Value], tolerance: Tolerance | None) -> bool:
    """Whether all values share a point (after widening each by `tolerance`)."""
    if len(values) < 2:
        return True
    if values[0].kind in ("quote", "text"):
        limit = tolerance or Tolerance(0, relative=False, text="0")
        return all(
            _words_agree(a.words, b.words, limit)
            for i, a in enumerate(values)
            for b in values[i + 1 :]
        )
    dims = len(values[0].intervals)
    if any(len(v.intervals) != dims for v in values):
        return False
    return all(
        _share_point([_widen(v.intervals[d], tolerance) for v in values]) for d in range(dims)
    )


def _widen(iv: Interval, tolerance: Tolerance | None) -> Interval:
    if tolerance is None or tolerance.amount == 0:
        return iv

    def by(x: float) -> float:
        return abs(x) * tolerance.amount if tolerance.relative else tolerance.amount

    return Interval(
        None if iv.low is None else iv.low - by(iv.low),
        None if iv.high is None else iv.high + by(iv.high),
        iv.low_open,
        iv.high_open,
    )


def _share_point(intervals: Sequence[Interval]) -> bool:
    lows = [(iv.low, iv.low_open) for iv in intervals if iv.low is not None]
    highs = [(iv.high, iv.high_open) for iv in intervals if iv.high is not None]
    if not lows or not highs:
        return True
    low = max(x for x, _ in lows)
    high = min(x for x, _ in highs)
    if low < high:
        return True
    if low > high:
        return False
    low_open = any(o for x, o in lows if x == low)
    high_open = any(o for x, o in highs if x == high)
    return not (low_open or high_open)


def _words_agree(a: tuple[str, ...], b: tuple[str, ...], tolerance: Tolerance) -> bool:
    distance = word_distance(a, b)
    allowed = tolerance.amount * max(len(a), len(b)) if tolerance.relative else tolerance.amount
    return distance <= allowed + 1e-9


def word_distance(a: Sequence[str], b: Sequence[str]) -> int:
    """Words inserted, deleted or replaced to turn one quote into the other.

    rapidfuzz's Levenshtein over word sequences: a bit-parallel algorithm in C++, so two
    quotations at the excerpt limit (a few hundred words each) compare in microseconds.
    """
    return int(Levenshtein.distance(a, b))


def _distinct(values: Iterable[Value]) -> list[Value]:
    seen: dict[object, Value] = {}
    for v in values:
        seen.setdefault(v.words if v.kind in ("quote", "text") else v.display, v)
    return list(seen.values())


def _difference(values: Sequence[Value]) -> str:
    """How the values differ, in words: the values themselves, or for quotes (which can be
    long) how many words differ at most."""
    if values[0].kind not in ("quote", "text") or len(_list(_distinct(values))) <= 120:
        return _list(_distinct(values))
    worst = max(
        (
            (word_distance(a.words, b.words), max(len(a.words), len(b.words)))
            for i, a in enumerate(values)
            for b in values[i + 1 :]
        ),
        key=lambda pair: pair[0] / max(pair[1], 1),
    )
    return f"up to {worst[0]} of {worst[1]} words"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _end(sentence: str) -> str:
    """A full stop, unless the sentence already ends with one inside a closing quote."""
    return sentence if sentence.rstrip("”’\"'").endswith((".", "!", "?")) else sentence + "."


def _count(n: int) -> str:
    words = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    word = words[n] if n < len(words) else str(n)
    return word[0].upper() + word[1:]


def _list(values: Iterable[Value]) -> str:
    return _join(
        (f"“{v.display}”" if v.kind in ("quote", "text") else v.display)
        + (" (worked out from the text)" if v.derived else "")
        for v in values
    )


def _join(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _name(source_id: str, sources: dict[str, Source]) -> str:
    source = sources.get(source_id)
    if source is None:
        return source_id
    return source.outlet or f"the article “{source.title}”"
