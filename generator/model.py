"""The fact-checker's vocabulary: sources, claims, evidence, values and verdicts.

Plain data, no behaviour beyond small conveniences. Every stage of the pipeline
(load -> match -> extract -> judge) reads and fills these; the site only reads them.
Positions (file, line, column; 1-based) travel with the data so any problem found
later can still point at the exact place a contributor has to edit.

The classes a publication holds by the hundred thousand (positions, evidence, values,
matches, problems) have slots: ten thousand claims hold a dozen positions each, and a
slotted object takes about half the memory of one with a `__dict__`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, ClassVar, Literal

from .shared_wording import SharedWording


class _Pickled:
    """Pickled as a call with its field values.

    For a frozen class with slots, `dataclasses` pickles through a `__setstate__` that
    looks the fields up again for every object: loading the engine cache spent most of
    its time there.
    """

    __slots__ = ()
    __match_args__: ClassVar[tuple[str, ...]]  # the fields, in the constructor's order

    def __reduce__(self) -> tuple[type[Any], tuple[Any, ...]]:
        cls = type(self)
        fields = _FIELDS.get(cls)
        if fields is None:  # once per class: the fields read in C, not a loop per object
            names = cls.__match_args__
            get = attrgetter(*names)
            fields = _FIELDS[cls] = get if len(names) > 1 else lambda obj: (get(obj),)
        return (cls, fields(self))


_FIELDS: dict[type[Any], Callable[[Any], tuple[Any, ...]]] = {}


Severity = Literal["error", "warning"]
Kind = Literal["quantity", "tally", "date", "quote", "text"]
KINDS: tuple[Kind, ...] = ("quantity", "tally", "date", "quote", "text")
Agreement = Literal["agrees", "differs"]
Rating = Literal["unverified", "single-source", "consistent", "minor-discrepancy", "conflicting"]
RATINGS: tuple[Rating, ...] = (
    "unverified",
    "single-source",
    "consistent",
    "minor-discrepancy",
    "conflicting",
)


@dataclass(frozen=True, order=True, slots=True)
class Position(_Pickled):
    """A place in a file of the publication; path is relative to the repository root."""

    file: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Problem(_Pickled):
    """Something a contributor has to fix (error) or should look at (warning)."""

    file: str
    line: int
    column: int
    severity: Severity
    message: str

    @classmethod
    def at(cls, where: Position, message: str, severity: Severity = "error") -> Problem:
        return cls(where.file, where.line, where.column, severity, message)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.message)


# --- sources ---------------------------------------------------------------------------


@dataclass
class Source:
    """One archived article: front matter plus the article text, verbatim.

    `text` is the body after the front matter; `body_line` is the file line on which it
    starts, so character offsets into `text` can be turned back into file lines.
    """

    id: str
    file: str
    title: str
    text: str
    body_line: int
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str | None = None
    retrieved: dt.date | None = None
    derived_from: tuple[str, ...] = ()

    def line_of(self, offset: int) -> int:
        """File line of a character offset into `text`."""
        return self.body_line + self.text.count("\n", 0, offset)


# --- values ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Interval(_Pickled):
    """A set of numbers a figure stands for: a point, a range, or a half-open bound.

    Dates are intervals of proleptic Gregorian ordinals (`date.toordinal()`), so "January
    2020" is the 31 days of that month and tolerances in days are plain arithmetic.
    `None` for an end means unbounded on that side.
    """

    low: float | None
    high: float | None
    low_open: bool = False
    high_open: bool = False

    @classmethod
    def point(cls, x: float) -> Interval:
        return cls(x, x)


Hedge = Literal["exact", "approximate", "lower-bound", "upper-bound"]


@dataclass(frozen=True, slots=True)
class Value(_Pickled):
    """What a piece of evidence says, read from its excerpt (or given and checked).

    - quantity: one interval; `hedge` says how the figure was qualified.
    - tally: two intervals, (for, against).
    - date: one interval of ordinals.
    - quote / text: `words`, the normalised words compared between sources.

    `span` is where in the excerpt the figure was read (character offsets into the excerpt
    as written in the claim), for the site to highlight; None when not locatable.
    """

    kind: Kind
    display: str
    intervals: tuple[Interval, ...] = ()
    words: tuple[str, ...] = ()
    hedge: Hedge = "exact"
    span: tuple[int, int] | None = None
    derived: bool = False

    def as_json(self) -> object:
        """The value as data users get it in claims.json and `--format json`."""
        if self.kind in ("quote", "text"):
            return self.display
        if self.kind == "tally":
            return [_interval_json(i) for i in self.intervals]
        if self.kind == "date":
            iv = self.intervals[0]
            if iv.low is not None and iv.low == iv.high:
                return dt.date.fromordinal(int(iv.low)).isoformat()
            return {
                "from": None if iv.low is None else dt.date.fromordinal(int(iv.low)).isoformat(),
                "to": None if iv.high is None else dt.date.fromordinal(int(iv.high)).isoformat(),
            }
        return _interval_json(self.intervals[0])


def _interval_json(iv: Interval) -> object:
    if iv.low is not None and iv.low == iv.high and not (iv.low_open or iv.high_open):
        return _num(iv.low)
    return {
        "min": None if iv.low is None else _num(iv.low),
        "max": None if iv.high is None else _num(iv.high),
        "min_exclusive": iv.low_open,
        "max_exclusive": iv.high_open,
    }


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


# --- claims ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tolerance(_Pickled):
    """How far values may differ and still count as a minor discrepancy."""

    amount: float
    relative: bool  # True: a fraction (0.05 for "5%"); False: absolute (days for dates)
    text: str  # as written, for display


@dataclass(frozen=True, slots=True)
class Match(_Pickled):
    """Where an excerpt was found: one (start, end) span of source text per part.

    An excerpt with omissions ("a ... b") has several parts, in source order.
    """

    spans: tuple[tuple[int, int], ...]

    def passage(self, text: str) -> str:
        """The matched parts of `text` (the source's), joined by " … " where words are
        omitted."""
        # A line break in the snapshot is the file's, not the article's: it reads as a space.
        if len(self.spans) == 1:  # nearly every excerpt: one part
            ((a, b),) = self.spans
            return text[a:b].replace("\n", " ")
        return " … ".join(text[a:b].replace("\n", " ") for a, b in self.spans)

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass(frozen=True)
class NearMiss:
    """The closest passage to an excerpt that was not found, to help fix it."""

    passage: str
    similarity: float  # 0..1
    missing: tuple[str, ...]  # words of the excerpt not in the passage
    extra: tuple[str, ...]  # words of the passage not in the excerpt
    line: int  # file line of the passage in the source file


@dataclass(frozen=True)
class Suspect:
    """The source text around a cited passage changed since the evidence was reviewed.

    `sides` names what changed, in order: "before" (the text leading up to the passage),
    "passage" (the cited text, omissions included) and "after"; `now` is the current
    text of each changed side, for the reader of the warning.
    """

    sides: tuple[str, ...]
    now: tuple[str, ...]


@dataclass(slots=True)
class Evidence(_Pickled):
    """One excerpt of one source, cited in support of (or against) a claim."""

    source_id: str
    excerpt: str
    where: Position  # of the `excerpt:` value in the claim file
    given_value: str | None = None  # `value:` as written; None when absent
    value_is_null: bool = False  # `value: null`: qualitative support, shown not counted
    value_where: Position | None = None
    derivation: str | None = None
    source_where: Position | None = None
    fingerprint: str | None = None  # as written by `factcheck review`
    fingerprint_where: Position | None = None
    # Filled by later stages:
    match: Match | None = None
    near_miss: NearMiss | None = None
    value: Value | None = None
    # The matched source text as the source prints it (its dashes, apostrophes, no-break
    # spaces), parts joined by " … " where the excerpt omits words: what a card quoting
    # "word for word" shows, rather than the contributor's retyping.
    passage: str | None = None
    suspect: Suspect | None = None  # the source text around the passage changed

    @property
    def is_suspect(self) -> bool:
        return self.suspect is not None

    @property
    def found(self) -> bool:
        return self.match is not None


@dataclass(frozen=True)
class EditorialVerdict:
    rating: Rating
    reason: str
    where: Position


OriginReason = Literal["relay", "shared-wording"]


@dataclass(frozen=True, slots=True)
class OriginLink(_Pickled):
    """Why two sources of a claim are not independent of each other.

    In `Verdict.links` it is why they count as one origin: both relay one report
    (`relay`), or the passages the claim cites lie in a run of words both print
    (`shared-wording`). In `Verdict.flags` they still count separately, but print a run
    of the same words elsewhere. For shared wording, `words` is the run's length and the
    spans are its (start, end) character offsets in each source's text.
    """

    first: str
    second: str
    reason: OriginReason
    words: int = 0
    first_span: tuple[int, int] | None = None
    second_span: tuple[int, int] | None = None

    @property
    def sources(self) -> tuple[str, str]:
        return (self.first, self.second)


@dataclass(frozen=True)
class Correction:
    date: dt.date
    text: str
    where: Position


@dataclass(frozen=True, slots=True)
class Verdict(_Pickled):
    """The computed verdict and the plain-words reasons behind it."""

    rating: Rating
    explanation: str
    # Groups of source ids counted as one voice (one origin); singletons for independents.
    origins: tuple[tuple[str, ...], ...] = ()
    # Why grouped sources are one origin, pair by pair.
    links: tuple[OriginLink, ...] = ()
    # Sources counted separately that share wording elsewhere: never called independent.
    flags: tuple[OriginLink, ...] = ()

    @property
    def independent(self) -> bool:
        """Whether the sources may be called independent: no relay, no shared wording."""
        return not self.links and not self.flags

    def reasons(self, group: tuple[str, ...]) -> tuple[OriginLink, ...]:
        """Why the sources of one origin group count as one (empty for a single source)."""
        members = set(group)
        return tuple(x for x in self.links if x.first in members and x.second in members)

    def flags_for(self, source_id: str) -> tuple[OriginLink, ...]:
        """The flags naming one source: others it shares wording with, outside the claim."""
        return tuple(x for x in self.flags if source_id in x.sources)


@dataclass(slots=True)
class Claim(_Pickled):
    id: str
    file: str
    claim: str
    kind: Kind
    where: Position
    evidence: list[Evidence] = field(default_factory=list)
    unit: str | None = None
    tolerance: Tolerance | None = None
    tags: tuple[str, ...] = ()
    editorial: EditorialVerdict | None = None
    notes: str | None = None
    reviewed: dt.date | None = None
    reviewers: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()  # newest first
    # Filled by the judge:
    verdict: Verdict | None = None

    @property
    def rating(self) -> Rating | None:
        """The publication's verdict: the editors' when they give one, else the computed."""
        if self.editorial is not None:
            return self.editorial.rating
        return self.verdict.rating if self.verdict else None

    @property
    def agreement(self) -> Agreement | None:
        """Whether the computed check agrees with the editors' verdict (None without one,
        or before judging)."""
        if self.editorial is None or self.verdict is None:
            return None
        return "agrees" if self.editorial.rating == self.verdict.rating else "differs"

    @property
    def under_re_review(self) -> bool:
        """Some evidence cites source text that changed since it was reviewed."""
        return any(e.suspect is not None for e in self.evidence)


@dataclass
class Publication:
    """Everything loaded and checked from one repository, plus what went wrong."""

    root: str
    sources: dict[str, Source] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Runs of words sources print alike, found once for the whole publication.
    shared: SharedWording = field(default_factory=lambda: SharedWording({}))
    # Repository-relative paths the site must not publish (symlinks, refused files).
    refused: tuple[str, ...] = ()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]
