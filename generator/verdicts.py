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
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from . import prose
from .model import (
    Claim,
    Interval,
    Kind,
    OriginLink,
    Rating,
    Source,
    Tolerance,
    Value,
    Verdict,
)
from .shared_wording import MAX_REPEATS, MIN_WORDS, SharedWording


@dataclass(frozen=True)
class Rule:
    rating: Rating
    meaning: str


RULES: tuple[Rule, ...] = (
    Rule("unverified", "an excerpt is not in its source, or no evidence states a value"),
    Rule(
        "single-source",
        "values come from one origin only: one source, or sources relaying the same report "
        "or printing the cited passage in the same words",
    ),
    Rule(
        "consistent",
        "values from two or more origins agree (their ranges overlap)",
    ),
    Rule(
        "minor-discrepancy",
        "values from different origins differ, but agree within the tolerance",
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
    "Sources marked as relaying the same report (`derived_from`, naming a source by its "
    "id, outlet or title) are one origin: they "
    "count as one voice, and the claim page says so.",
    f"Two sources that print the same run of at least {MIN_WORDS} words (compared "
    "ignoring case, punctuation and quotation marks) share wording. When the passages a "
    "claim cites from both lie in one such run, the passage was copied and they are one "
    "origin; when they share wording elsewhere only, they count separately but are "
    "flagged. Sources are called *independent* only where no relay and no shared wording "
    f"was found. A passage one source prints more than {MAX_REPEATS} times (a text "
    "repeating itself) is no evidence of copying and starts no shared run.",
    "Evidence marked `value: null` is shown as qualitative support but not counted.",
    "The publication's verdict is the editors' verdict when they give one (with its "
    "reason), otherwise the computed one. The computed verdict is always shown under it, "
    "marked as agreeing or not.",
)


def judge(claim: Claim, sources: dict[str, Source], shared: SharedWording | None = None) -> Verdict:
    """The computed verdict of one claim whose evidence has been matched and read.

    `shared` is the publication's shared wording; without it no copying is detected.
    """
    origins, links, flags = _origins(claim, sources, shared)

    def verdict(rating: Rating, explanation: str) -> Verdict:
        return Verdict(rating, explanation, origins, links, flags)

    missing = sorted({e.source_id for e in claim.evidence if not e.found})
    if missing:
        names = prose.join(_name(s, sources) for s in missing)
        return verdict(
            "unverified", f"A quoted passage could not be found in its source ({names})."
        )
    counted = [e for e in claim.evidence if e.value is not None]
    if not counted:
        return verdict("unverified", "No evidence states a value.")
    tolerance = claim.tolerance or DEFAULT_TOLERANCE[claim.kind]
    by_source: dict[str, list[Value]] = {}
    for e in counted:
        assert e.value is not None
        by_source.setdefault(e.source_id, []).append(e.value)
    for source_id, values in by_source.items():
        if len(values) > 1 and not agree(values, None):  # one value always agrees
            return verdict(
                "conflicting", f"{_name(source_id, sources)} contradicts itself: {_list(values)}."
            )
    voices = [g for g in origins if any(s in by_source for s in g)]
    values = [v for vs in by_source.values() for v in vs]
    shown = _list(_distinct(values))
    # Only what joins or flags sources that give a value is worth a sentence here.
    told_links = [x for x in links if x.first in by_source and x.second in by_source]
    told_flags = [x for x in flags if x.first in by_source and x.second in by_source]
    if agree(values, None):
        if len(voices) == 1:
            group = [s for s in voices[0] if s in by_source]
            if len(group) > 1:
                why = prose.capital(_group_text(told_links, sources))
                return verdict(
                    "single-source", f"{why}, so they are one origin; they give {shown}."
                )
            return verdict(
                "single-source", _end(f"Only {_name(group[0], sources)} gives a value: {shown}")
            )
        if not told_links and not told_flags:
            return verdict(
                "consistent", _end(f"{_count(len(voices))} independent sources agree: {shown}")
            )
        return verdict(
            "consistent",
            _end(f"Sources of {_count(len(voices)).lower()} origins agree: {shown}")
            + _origin_notes(voices, told_links, told_flags, sources),
        )
    notes = _origin_notes(voices, told_links, told_flags, sources)
    differ = _difference(values, shown)
    allowed = tolerance_words(tolerance, claim.kind)
    if agree(values, tolerance):
        return verdict(
            "minor-discrepancy",
            f"The sources differ ({differ}), but agree within the tolerance of {allowed}." + notes,
        )
    if tolerance.amount == 0:
        return verdict("conflicting", _end(f"The sources differ: {differ}") + notes)
    return verdict(
        "conflicting",
        f"The sources differ ({differ}) beyond the tolerance of {allowed}." + notes,
    )


def _origins(
    claim: Claim, sources: dict[str, Source], shared: SharedWording | None
) -> tuple[tuple[tuple[str, ...], ...], tuple[OriginLink, ...], tuple[OriginLink, ...]]:
    """The claim's sources grouped by origin, why grouped ones are one, and the pairs that
    share wording only outside the passages cited.

    Relays (`derived_from`) are one origin. Two sources whose cited passages both overlap
    one run of words they share are one origin too: that passage was copied. Sources
    sharing wording elsewhere stay apart but are flagged.
    """
    cited = [sources[e.source_id] for e in claim.evidence if e.source_id in sources]
    relays = origin_groups(cited)
    links = [OriginLink(g[0], other, "relay") for g in relays for other in g[1:]]
    parent = {s: g[0] for g in relays for s in g}

    def find(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    flags: list[OriginLink] = []
    if shared is not None:
        spans: dict[str, list[tuple[int, int]]] = {}
        for e in claim.evidence:
            if e.source_id in parent and e.match is not None:
                spans.setdefault(e.source_id, []).extend(e.match.spans)
        ids = sorted(parent)
        elsewhere: list[OriginLink] = []
        for x, a in enumerate(ids):
            for b in ids[x + 1 :]:
                runs = shared.between(a, b)
                if not runs:  # most pairs: nothing more to ask
                    continue
                run = shared.common_run(a, spans.get(a, ()), b, spans.get(b, ()))
                if run is not None:
                    # Only links that join two groups: one reason per source joined.
                    if find(a) != find(b):
                        links.append(
                            OriginLink(a, b, "shared-wording", run.words, run.first, run.second)
                        )
                        parent[find(b)] = find(a)
                    continue
                longest = max(runs, key=lambda r: r.words)
                elsewhere.append(
                    OriginLink(a, b, "shared-wording", longest.words, longest.first, longest.second)
                )
        # A pair joined through a third source is one origin: no flag needed for it.
        flags = [f for f in elsewhere if find(f.first) != find(f.second)]
    groups: dict[str, list[str]] = {}
    for i in sorted(parent):
        groups.setdefault(find(i), []).append(i)
    origins = tuple(_alone(g[0]) if len(g) == 1 else tuple(g) for g in sorted(groups.values()))
    return origins, tuple(links), tuple(flags)


@lru_cache(maxsize=1 << 16)
def _alone(source_id: str) -> tuple[str]:
    """A source that is an origin on its own: one tuple for every claim citing it (ten
    thousand claims hold thirty thousand of them otherwise)."""
    return (source_id,)


def _link_text(link: OriginLink, sources: dict[str, Source]) -> str:
    names = f"{_name(link.first, sources)} and {_name(link.second, sources)}"
    if link.reason == "relay":
        return f"{names} relay the same report"
    return f"{names} print the same {link.words} words"


def _group_text(links: Sequence[OriginLink], sources: dict[str, Source]) -> str:
    """Why the sources joined by `links` (one origin) count as one, in one clause."""
    kinds = {(x.reason, x.words) for x in links}
    if len(links) > 1 and len(kinds) == 1:
        members: list[str] = []
        for x in links:
            members += [s for s in x.sources if s not in members]
        names = prose.join(_name(s, sources) for s in members)
        reason, words = kinds.pop()
        if reason == "relay":
            return f"{names} relay the same report"
        return f"{names} print the same {words} words"
    return "; ".join(_link_text(x, sources) for x in links)


def _origin_notes(
    origins: Sequence[tuple[str, ...]],
    links: Sequence[OriginLink],
    flags: Sequence[OriginLink],
    sources: dict[str, Source],
) -> str:
    """Sentences saying which sources count as one origin and which are flagged."""
    notes = []
    for group in origins:
        joined = [x for x in links if x.first in group]
        if joined:
            notes.append(
                f" {prose.capital(_group_text(joined, sources))}, so they count as one origin."
            )
    if flags:
        pairs = [
            f"{_name(x.first, sources)} and {_name(x.second, sources)}"
            f"{' print' if n == 0 else ''} the same {x.words} words"
            for n, x in enumerate(flags)
        ]
        notes.append(
            f" Elsewhere in the articles, {prose.join(pairs)}: they count separately here, but "
            "may not be independent."
        )
    return "".join(notes)


_TOLERANCE_UNIT: dict[Kind, tuple[str, str]] = {
    "date": ("day", "days"),
    "quote": ("word", "words"),
    "text": ("word", "words"),
    "tally": ("vote", "votes"),
}


def tolerance_words(tolerance: Tolerance, kind: Kind) -> str:
    """A tolerance with its unit, as a reader says it: "1 day", "3 days", "5%", "2 words"."""
    text = tolerance.text.strip()
    unit = _TOLERANCE_UNIT.get(kind)
    if tolerance.relative or unit is None or not text.replace(".", "", 1).isdigit():
        return text
    return f"{text} {unit[0] if tolerance.amount == 1 else unit[1]}"


@lru_cache(maxsize=16_384)  # asked of every cited source for every claim citing it
def report_key(name: str) -> str:
    """A source id, outlet, title or `derived_from` name as relays are matched: case and
    punctuation ignored ("Riverside Press Agency" = "riverside press agency." )."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in name.casefold()).split())


def relayed(name: str, sources: Iterable[Source]) -> list[Source]:
    """The sources a `derived_from` name stands for: each whose id, outlet or title it is."""
    key = report_key(name)
    return [s for s in sources if key in {report_key(n) for n in (s.id, s.outlet, s.title) if n}]


def origin_groups(sources: Iterable[Source]) -> tuple[tuple[str, ...], ...]:
    """Source ids grouped by origin: relays of one report, or of each other, are one.

    A source relays every source that one of its `derived_from` names (by id, outlet or
    title, case and punctuation ignored); two sources relaying the same report, cited or
    not, are one origin too.
    """
    listed = {s.id: s for s in sources}  # read once: `sources` may be a generator
    ids = sorted(listed)
    if not any(s.derived_from for s in listed.values()):
        return tuple((i,) for i in ids)  # nothing relays anything: each is its own origin
    parent = {i: i for i in ids}

    def find(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    names: dict[str, list[str]] = {}  # what each source answers to, as a report
    for i in ids:
        source = listed[i]
        for name in (source.id, source.outlet, source.title):
            if name:
                names.setdefault(report_key(name), []).append(i)
    reports: dict[str, str] = {}  # the first cited relay of each report
    for i in ids:
        for report in listed[i].derived_from:
            key = report_key(report)
            for original in names.get(key, []):
                union(i, original)
            if key in reports:
                union(i, reports[key])
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


def _difference(values: Sequence[Value], listed: str | None = None) -> str:
    """How the values differ, in words: the values themselves, or for quotes (which can be
    long) how many words differ at most. `listed`: `_list(_distinct(values))`, when the
    caller has it already."""
    if listed is None:
        listed = _list(_distinct(values))
    if values[0].kind not in ("quote", "text") or len(listed) <= 120:
        return listed
    worst = max(
        (
            (word_distance(a.words, b.words), max(len(a.words), len(b.words)))
            for i, a in enumerate(values)
            for b in values[i + 1 :]
        ),
        key=lambda pair: pair[0] / max(pair[1], 1),
    )
    return f"up to {worst[0]} of {worst[1]} words"


def _end(sentence: str) -> str:
    """A full stop, unless the sentence already ends with one inside a closing quote."""
    return sentence if sentence.rstrip("”’\"'").endswith((".", "!", "?")) else sentence + "."


def _count(n: int) -> str:
    words = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    word = words[n] if n < len(words) else str(n)
    return word[0].upper() + word[1:]


def _list(values: Iterable[Value]) -> str:
    return prose.join(
        (f"“{v.display}”" if v.kind in ("quote", "text") else v.display)
        + (" (worked out from the text)" if v.derived else "")
        for v in values
    )


def _name(source_id: str, sources: dict[str, Source]) -> str:
    source = sources.get(source_id)
    if source is None:
        return source_id
    return source.outlet or f"the article “{source.title}”"
