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
from collections.abc import Sequence
from functools import cached_property
from typing import NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from generator.model import Match, NearMiss, Source
from generator.normalise import NormalisedText, normalise, normalise_mapped

__all__ = [
    "DIRECTION_CONTROLS",
    "MAX_EXCERPT_CHARS",
    "SourceIndex",
    "direction_controls",
    "excerpt_parts",
    "find_excerpt",
    "find_parts",
    "nearest_passage",
    "normalise",
]

# LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI: the "Trojan Source" characters.
DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_DIRECTION_CONTROL = re.compile(f"[{''.join(sorted(DIRECTION_CONTROLS))}]")

# Applied to normalised text, where "…" has already become "...". Four or more dots are
# a sentence's full stop followed by an omission.
_OMISSION = re.compile(r"\[ ?\.\.\. ?\]|\.{3,}")

# A word keeps inner apostrophes, hyphens, commas and points ("Iraq's", "al-Muhandis",
# "5,200", "1.2"); any other visible character is a word of its own.
# Combining marks count as part of the letter they follow.
_MARKS = r"\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD_CHAR = rf"(?:[^\W_]|[{_MARKS}])"
_NOT_WORD_CHAR = re.compile(rf"(?!{_WORD_CHAR}).", re.DOTALL)
_WORD = re.compile(rf"{_WORD_CHAR}+(?:['.,-]{_WORD_CHAR}+)*|\S")

# The longest excerpt accepted, in characters as written: a passage, not an article. It
# bounds the cost of every comparison an excerpt takes part in.
MAX_EXCERPT_CHARS = 2_000

# How many of the most promising windows get a full comparison.
_CANDIDATES = 8
# How alike (similarity 0..100) a word must be to another to count as its misspelling.
_LOOK_ALIKE = 75
# How many unknown words of one excerpt are looked up for a look-alike: past that, the
# excerpt is mostly not from the source, and each look-up scans the vocabulary.
_MOST_FORGIVEN = 20
# How many source positions of shared words may vote for where the passage starts: a
# repetitive source ("1 1 1 ...") would otherwise make every excerpt visit every word.
_VOTES = 4_000


class _Word(NamedTuple):  # a tuple: an article at the size limit has 300,000 of them
    text: str  # as normalised
    start: int  # offsets into the normalised text
    end: int


class SourceIndex:
    """A source's text, normalised once, for every excerpt that cites it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.normalised: NormalisedText = normalise_mapped(text)
        self.look_alikes: dict[str, str] = {}  # excerpt word -> closest word of the source
        # Answers by excerpt as written: the same wrong excerpt cited twice is searched
        # for once.
        self.near_misses: dict[tuple[int, str], NearMiss] = {}

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets into the original text of the normalised slice [start, end)."""
        return self.normalised.original_span(start, end)

    # Only excerpts that are not found need the word-level view, so it is built lazily.
    @cached_property
    def word_texts(self) -> list[str]:
        # findall builds the strings in C; a match object per word would cost ten times more
        # on an article at the size limit (a million words of "1 1 1 ...").
        return _WORD.findall(self.normalised.text)

    @cached_property
    def word_keys(self) -> list[str]:
        return [_key(w) for w in self.word_texts]

    @cached_property
    def _spans(self) -> list[tuple[int, int]]:
        return [m.span() for m in _WORD.finditer(self.normalised.text)]

    def word_count(self) -> int:
        return len(self.word_texts)

    def words(self, first: int, last: int) -> list[_Word]:
        """Words [first, last) with their offsets in the normalised text."""
        spans = self._spans[first:last]
        return [
            _Word(t, a, b) for t, (a, b) in zip(self.word_texts[first:last], spans, strict=True)
        ]

    @cached_property
    def postings(self) -> dict[str, list[int]]:
        """Where each word (as a key) occurs, by word position."""
        where: dict[str, list[int]] = {}
        for i, k in enumerate(self.word_keys):
            where.setdefault(k, []).append(i)
        return where

    @cached_property
    def vocabulary(self) -> list[str]:
        return list(self.postings)


def direction_controls(excerpt: str) -> list[int]:
    """0-based offsets in `excerpt` of invisible direction controls (always an error)."""
    if excerpt.isascii():  # the controls are not ASCII: most excerpts are done here
        return []
    return [m.start() for m in _DIRECTION_CONTROL.finditer(excerpt)]


def excerpt_parts(excerpt: str | NormalisedText) -> list[str]:
    """The normalised parts of an excerpt between omission marks, empty parts dropped."""
    norm = _normalised(excerpt)
    return [norm.text[start:end] for start, end in _part_ranges(norm.text)]


def find_excerpt(index: SourceIndex, excerpt: str | NormalisedText) -> Match | None:
    """Where `excerpt` is in the source, as original-text spans (one per part), or None.

    Each part is searched after the end of the previous one and the leftmost occurrence
    is taken; this finds the parts whenever they occur in order at all.
    """
    return find_parts(index, excerpt_parts(excerpt))


def find_parts(index: SourceIndex, parts: list[str]) -> Match | None:
    """`find_excerpt` for an excerpt's parts, already worked out by `excerpt_parts`."""
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
    similarity is the share of words the two word lists have in common, in order (2 x the
    longest common subsequence / both lengths; 1.0: the same words). `missing`
    are the excerpt's words the passage lacks, `extra` the passage's words the excerpt
    lacks, both as written.

    For an excerpt with omissions, the passage is the one nearest to the first part that
    is not found after the parts before it; a similarity of 1.0 then means every part is
    in the source, but not in the order the excerpt gives.
    """
    excerpt_norm = _normalised(excerpt)
    key = (source.body_line, excerpt_norm.original)
    if key not in index.near_misses:
        index.near_misses[key] = _nearest_passage(source, index, excerpt_norm)
    return index.near_misses[key]


def _nearest_passage(source: Source, index: SourceIndex, excerpt_norm: NormalisedText) -> NearMiss:
    ex_words = [
        word
        for start, end in _first_missing_part(index, excerpt_norm.text)
        for word in _words(excerpt_norm.text, start, end)
    ]
    if not ex_words or not index.word_count():
        unmatched = tuple(_as_written(excerpt_norm, w) for w in ex_words)
        return NearMiss("", 0.0, unmatched, (), source.line_of(0))

    ex_keys = [_key(w.text) for w in ex_words]
    located_keys = _forgive_typos(index, ex_keys)
    best: tuple[float, float, int, int] | None = None  # (located, exact, -first, last)
    for candidate in _promising_starts(index, located_keys):
        first, last = _align(index, located_keys, candidate)
        located = _ratio(located_keys, index.word_keys[first:last])
        exact = _ratio([w.text for w in ex_words], index.word_texts[first:last])
        score = (located, exact, -first, last)
        if best is None or score > best:
            best = score
    assert best is not None  # _promising_starts always yields at least one start
    passage = index.words(-best[2], best[3])

    missing: list[str] = []
    extra: list[str] = []
    ex_texts = [w.text for w in ex_words]
    passage_texts = [w.text for w in passage]
    for op in Indel.opcodes(ex_texts, passage_texts):
        if op.tag != "equal":
            missing.extend(
                _as_written(excerpt_norm, w) for w in ex_words[op.src_start : op.src_end]
            )
            extra.extend(
                _as_written(index.normalised, w) for w in passage[op.dest_start : op.dest_end]
            )

    span_start, span_end = index.original_span(passage[0].start, passage[-1].end)
    return NearMiss(
        passage=" ".join(index.text[span_start:span_end].split()),
        similarity=round(_ratio(ex_texts, passage_texts), 3),
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
        if cuts_before and _is_word_char(before):
            # Inside a word of the source: the next candidate starts after this word, or a
            # long run of digits would be tried at every one of its characters.
            gap = _NOT_WORD_CHAR.search(haystack, at)
            if gap is None:
                return -1
            at = haystack.find(part, gap.start())
            continue
        if (
            not (cuts_after and _is_word_char(after))
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
    # No character before U+0300 (the first combining accent) is a mark: most are decided
    # without a look-up.
    return ch >= "\u0300" and unicodedata.category(ch)[0] == "M"


def _part_ranges(text: str) -> list[tuple[int, int]]:
    """Ranges of normalised excerpt text between omission marks; trimmed, none empty."""
    if "..." not in text:  # no omission mark can occur: one part, spaces trimmed
        start, end = 0, len(text)
        while start < end and text[start] == " ":
            start += 1
        while end > start and text[end - 1] == " ":
            end -= 1
        return [(start, end)] if start < end else []
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

    Each source occurrence of an excerpt word votes for the window that would put it where
    the excerpt has it, weighted by the word's rarity ("5,200" pins a passage down, "the"
    does not). Rarest words vote first, and at most _VOTES occurrences vote in all (evenly
    sampled when one word alone has more), so the cost is bounded whatever the source.
    """
    n = index.word_count()
    width = min(len(ex_keys), n)
    at_excerpt: dict[str, list[int]] = {}
    for i, k in enumerate(ex_keys):
        at_excerpt.setdefault(k, []).append(i)
    shared = sorted(
        (k for k in at_excerpt if k in index.postings), key=lambda k: len(index.postings[k])
    )
    votes: dict[int, float] = {}
    budget = _VOTES
    for k in shared:
        positions = index.postings[k]
        offsets = at_excerpt[k][:4]
        weight = 1.0 / len(positions)
        step = max(1, len(positions) * len(offsets) // budget)
        for p in positions[::step]:
            for o in offsets:
                s = min(max(p - o, 0), n - width)
                votes[s] = votes.get(s, 0.0) + weight
        budget -= len(positions[::step]) * len(offsets)
        if budget <= 0:
            break
    chosen: list[int] = []
    for s in sorted(votes, key=lambda s: (-votes[s], s)):
        if all(abs(s - c) > width // 2 for c in chosen):
            chosen.append(s)
            if len(chosen) == _CANDIDATES:
                break
    return chosen or [0]


def _align(index: SourceIndex, ex_keys: list[str], start: int) -> tuple[int, int]:
    """The word range [first, last) of the passage best aligned with the excerpt near start.

    Looks a little beyond the candidate window, keeps the stretch between the first and
    the last word that match the excerpt, and widens it by the excerpt's unmatched words
    at either end, so a changed first or last word still shows in the passage.
    """
    m = len(ex_keys)
    slack = 3 + m // 4
    lo = max(0, start - slack)
    hi = min(index.word_count(), start + m + slack)
    opcodes = Indel.opcodes(ex_keys, index.word_keys[lo:hi])
    blocks = [b for b in opcodes.as_matching_blocks() if b.size]
    if not blocks:
        return start, min(index.word_count(), start + m)
    head, tail = blocks[0], blocks[-1]
    first = max(lo, lo + head.b - head.a)
    last = min(hi, lo + tail.b + tail.size + (m - tail.a - tail.size))
    return first, last


def _ratio(a: Sequence[str], b: Sequence[str]) -> float:
    # rapidfuzz compares any sequences of hashable items, here words, in C++.
    return float(Indel.normalized_similarity(a, b))


def _forgive_typos(index: SourceIndex, ex_keys: list[str]) -> list[str]:
    """The excerpt's words, each one the source never uses replaced by its closest look-alike.

    Only for locating the passage: "Soleimany" should lead to the passage with "Soleimani".
    """
    known = index.postings
    forgiven: list[str] = []
    looked_up = 0
    for key in ex_keys:
        if key not in known:
            if key not in index.look_alikes and looked_up < _MOST_FORGIVEN:
                looked_up += 1
                close = process.extractOne(
                    key, index.vocabulary, scorer=fuzz.ratio, score_cutoff=_LOOK_ALIKE
                )
                index.look_alikes[key] = close[0] if close else key
            key = index.look_alikes.get(key, key)
        forgiven.append(key)
    return forgiven


def _as_written(norm: NormalisedText, word: _Word) -> str:
    start, end = norm.original_span(word.start, word.end)
    return norm.original[start:end]
