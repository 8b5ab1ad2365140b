"""Excerpt matching: proves a quoted excerpt is in its source, or finds what it should be.

- `SourceIndex` normalises a source once (see `generator.normalise`); every excerpt that
  cites the source is then a `str.find` on the normalised text.
- `find_excerpt` recognises omissions (`...`, `…`, `[...]`, `[…]`) inside an excerpt: the
  parts must appear in the source in that order. Each part must start and end on a word
  boundary of the source, so "5,20" is not found inside "5,200", and may not take half of
  a source character (one dot of an ellipsis, a letter without its accent).
- `nearest_passage` finds, for an excerpt that is not in its source, the passage a
  contributor most probably meant, how similar it is and which words differ.
- `direction_controls` finds invisible bidirectional-override characters, which can make
  an excerpt display differently from what it says.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher, get_close_matches
from functools import cached_property

from generator.model import Match, NearMiss, Source
from generator.normalise import NormalisedText, normalise, normalise_mapped

__all__ = [
    "DIRECTION_CONTROLS",
    "MAX_EXCERPT_CHARS",
    "SourceIndex",
    "direction_controls",
    "excerpt_parts",
    "find_excerpt",
    "nearest_passage",
    "normalise",
]

# LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI: the "Trojan Source" characters.
DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Applied to normalised text, where "…" has already become "...". Four or more dots are
# a sentence's full stop followed by an omission.
_OMISSION = re.compile(r"\[ ?\.\.\. ?\]|\.{3,}")

# A word keeps inner apostrophes, hyphens, commas and points ("Iraq's", "al-Muhandis",
# "5,200", "1.2"); any other visible character is a word of its own.
# Combining marks count as part of the letter they follow.
_MARKS = r"\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD_CHAR = rf"(?:[^\W_]|[{_MARKS}])"
_WORD = re.compile(rf"{_WORD_CHAR}+(?:['.,-]{_WORD_CHAR}+)*|\S")

# The longest excerpt accepted, in characters as written: a passage, not an article. It
# bounds the cost of every comparison an excerpt takes part in.
MAX_EXCERPT_CHARS = 2_000

# How many of the most promising windows get a full difflib comparison.
_CANDIDATES = 8
# How alike (difflib ratio) a word must be to another to count as its misspelling.
_LOOK_ALIKE = 0.75


@dataclass(frozen=True)
class _Word:
    text: str  # as normalised
    start: int  # offsets into the normalised text
    end: int


class SourceIndex:
    """A source's text, normalised once, for every excerpt that cites it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.normalised: NormalisedText = normalise_mapped(text)
        self.look_alikes: dict[str, str] = {}  # excerpt word -> closest word of the source

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets into the original text of the normalised slice [start, end)."""
        return self.normalised.original_span(start, end)

    # Only excerpts that are not found need the word-level view, so it is built lazily.
    @cached_property
    def words(self) -> tuple[_Word, ...]:
        return _words(self.normalised.text, 0, len(self.normalised.text))

    @cached_property
    def word_keys(self) -> tuple[str, ...]:
        return tuple(_key(w.text) for w in self.words)

    @cached_property
    def rarity(self) -> dict[str, float]:
        # A word shared with the excerpt says more about where it is the rarer it is in the
        # source: "5,200" pins a passage down, "the" does not.
        return {k: 1.0 / n for k, n in Counter(self.word_keys).items()}


def direction_controls(excerpt: str) -> list[int]:
    """0-based offsets in `excerpt` of invisible direction controls (always an error)."""
    return [i for i, ch in enumerate(excerpt) if ch in DIRECTION_CONTROLS]


def excerpt_parts(excerpt: str | NormalisedText) -> list[str]:
    """The normalised parts of an excerpt between omission marks, empty parts dropped."""
    norm = _normalised(excerpt)
    return [norm.text[start:end] for start, end in _part_ranges(norm.text)]


def find_excerpt(index: SourceIndex, excerpt: str | NormalisedText) -> Match | None:
    """Where `excerpt` is in the source, as original-text spans (one per part), or None.

    Each part is searched after the end of the previous one and the leftmost occurrence
    is taken; this finds the parts whenever they occur in order at all.
    """
    parts = excerpt_parts(excerpt)
    if not parts:
        return None
    spans: list[tuple[int, int]] = []
    pos = 0
    for part in parts:
        at = _find_on_word_boundaries(index.normalised, part, pos)
        if at < 0:
            return None
        pos = at + len(part)
        spans.append(index.original_span(at, pos))
    return Match(tuple(spans))


def nearest_passage(source: Source, index: SourceIndex, excerpt: str | NormalisedText) -> NearMiss:
    """The passage of the source most like `excerpt`, for an excerpt that was not found.

    The passage is about as long as the excerpt and starts and ends on whole words. Its
    similarity is difflib's ratio over the two word lists (1.0: the same words). `missing`
    are the excerpt's words the passage lacks, `extra` the passage's words the excerpt
    lacks, both as written.

    For an excerpt with omissions, the passage is the one nearest to the first part that
    is not found after the parts before it; a similarity of 1.0 then means every part is
    in the source, but not in the order the excerpt gives.
    """
    excerpt_norm = _normalised(excerpt)
    ex_words = [
        word
        for start, end in _first_missing_part(index, excerpt_norm.text)
        for word in _words(excerpt_norm.text, start, end)
    ]
    if not ex_words or not index.words:
        unmatched = tuple(_as_written(excerpt_norm, w) for w in ex_words)
        return NearMiss("", 0.0, unmatched, (), source.line_of(0))

    ex_keys = [_key(w.text) for w in ex_words]
    located_keys = _forgive_typos(index, ex_keys)
    best: tuple[float, float, int, int] | None = None  # (located, exact, -first, last)
    for candidate in _promising_starts(index, located_keys):
        first, last = _align(index, located_keys, candidate)
        located = _ratio(located_keys, index.word_keys[first:last])
        exact = _ratio([w.text for w in ex_words], [w.text for w in index.words[first:last]])
        score = (located, exact, -first, last)
        if best is None or score > best:
            best = score
    assert best is not None  # _promising_starts always yields at least one start
    passage = index.words[-best[2] : best[3]]

    missing: list[str] = []
    extra: list[str] = []
    matcher = SequenceMatcher(None, [w.text for w in ex_words], [w.text for w in passage], False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            missing.extend(_as_written(excerpt_norm, w) for w in ex_words[i1:i2])
            extra.extend(_as_written(index.normalised, w) for w in passage[j1:j2])

    span_start, span_end = index.original_span(passage[0].start, passage[-1].end)
    return NearMiss(
        passage=" ".join(index.text[span_start:span_end].split()),
        similarity=round(matcher.ratio(), 3),
        missing=tuple(missing),
        extra=tuple(extra),
        line=source.line_of(span_start),
    )


# --- helpers ---------------------------------------------------------------------------


def _normalised(excerpt: str | NormalisedText) -> NormalisedText:
    # The engine normalises each excerpt once and passes the result to every stage.
    return excerpt if isinstance(excerpt, NormalisedText) else normalise_mapped(excerpt)


def _find_on_word_boundaries(source: NormalisedText, part: str, pos: int) -> int:
    """Leftmost offset >= pos where `part` occurs without cutting a word; -1 if none.

    Nor may it cut a character of the source in two: stop before an accent that belongs
    to its last letter, or take one dot of an ellipsis.
    """
    haystack, start_of = source.text, source.start_of
    cuts_before = _is_word_char(part[0])
    cuts_after = _is_word_char(part[-1])
    at = haystack.find(part, pos)
    while at >= 0:
        end = at + len(part)
        before = haystack[at - 1] if at > 0 else " "
        after = haystack[end] if end < len(haystack) else " "
        if (
            not (cuts_before and _is_word_char(before))
            and not (cuts_after and _is_word_char(after))
            and not _is_mark(after)
            and (at == 0 or start_of(at - 1) != start_of(at))
            and (end == len(haystack) or start_of(end) != start_of(end - 1))
        ):
            return at
        at = haystack.find(part, at + 1)
    return -1


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or _is_mark(ch)


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "M"


def _part_ranges(text: str) -> list[tuple[int, int]]:
    """Ranges of normalised excerpt text between omission marks; trimmed, none empty."""
    ranges: list[tuple[int, int]] = []
    pos = 0
    for marker in [*_OMISSION.finditer(text), None]:
        end = len(text) if marker is None else marker.start()
        start = pos
        while start < end and text[start] == " ":
            start += 1
        while end > start and text[end - 1] == " ":
            end -= 1
        if start < end:
            ranges.append((start, end))
        if marker is not None:
            pos = marker.end()
    return ranges


def _first_missing_part(index: SourceIndex, excerpt: str) -> list[tuple[int, int]]:
    """The range of the first part not found after the parts before it (else all parts)."""
    ranges = _part_ranges(excerpt)
    pos = 0
    for start, end in ranges if len(ranges) > 1 else ():
        part = excerpt[start:end]
        at = _find_on_word_boundaries(index.normalised, part, pos)
        if at < 0:
            return [(start, end)]
        pos = at + len(part)
    return ranges


def _words(text: str, start: int, end: int) -> tuple[_Word, ...]:
    return tuple(_Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, end))


def _key(word: str) -> str:
    # Locating a passage forgives case so a capitalised excerpt still lands on its passage;
    # the reported differences are computed on the words as written.
    return word.casefold()


def _promising_starts(index: SourceIndex, ex_keys: list[str]) -> list[int]:
    """Start words of the source windows that share the most (rare) words with the excerpt.

    A sliding sum over the whole source, so the expensive difflib comparison runs only on
    a handful of windows, which keeps an error report fast even on a long article.
    """
    wanted = set(ex_keys)
    weights = [index.rarity[k] if k in wanted else 0.0 for k in index.word_keys]
    width = min(len(ex_keys), len(weights))
    window = sum(weights[:width])
    scores = [window]
    for s in range(1, len(weights) - width + 1):
        window += weights[s + width - 1] - weights[s - 1]
        scores.append(window)
    chosen: list[int] = []
    for s in sorted(range(len(scores)), key=lambda s: (-scores[s], s)):
        if all(abs(s - c) > width // 2 for c in chosen):
            chosen.append(s)
            if len(chosen) == _CANDIDATES:
                break
    return chosen


def _align(index: SourceIndex, ex_keys: list[str], start: int) -> tuple[int, int]:
    """The word range [first, last) of the passage best aligned with the excerpt near start.

    Looks a little beyond the candidate window, keeps the stretch between the first and
    the last word that match the excerpt, and widens it by the excerpt's unmatched words
    at either end, so a changed first or last word still shows in the passage.
    """
    m = len(ex_keys)
    slack = 3 + m // 4
    lo = max(0, start - slack)
    hi = min(len(index.words), start + m + slack)
    matcher = SequenceMatcher(None, ex_keys, index.word_keys[lo:hi], False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return start, min(len(index.words), start + m)
    head, tail = blocks[0], blocks[-1]
    first = max(lo, lo + head.b - head.a)
    last = min(hi, lo + tail.b + tail.size + (m - tail.a - tail.size))
    return first, last


def _ratio(a: Sequence[str], b: Sequence[str]) -> float:
    return SequenceMatcher(None, a, b, False).ratio()


def _forgive_typos(index: SourceIndex, ex_keys: list[str]) -> list[str]:
    """The excerpt's words, each one the source never uses replaced by its closest look-alike.

    Only for locating the passage: "Soleimany" should lead to the passage with "Soleimani".
    """
    vocabulary = index.rarity
    forgiven: list[str] = []
    for key in ex_keys:
        if key not in vocabulary:
            if key not in index.look_alikes:
                close = get_close_matches(key, vocabulary.keys(), n=1, cutoff=_LOOK_ALIKE)
                index.look_alikes[key] = close[0] if close else key
            key = index.look_alikes[key]
        forgiven.append(key)
    return forgiven


def _as_written(norm: NormalisedText, word: _Word) -> str:
    start, end = norm.original_span(word.start, word.end)
    return norm.original[start:end]
