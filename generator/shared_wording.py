"""Shared wording: runs of at least `MIN_WORDS` words that two sources print alike.

Two outlets that print the same dozen words in a row did not write them independently:
one copied the other, or both copied a third. The judge uses this to count such sources
as one origin when the passages a claim cites lie in the shared run, and to flag them
when they share wording elsewhere only.

Words are compared ignoring case, punctuation and quotation marks: a word is a run of
letters and digits (with their combining marks), so "Iraq’s" is the words "iraq" and "s"
and "million-man" is "million" and "man" in every source alike.

Built once per publication in time linear in the total number of words (plus the size of
the answer): every 12-word shingle goes into a dict from the shingle to where it occurs;
a shingle found in two sources seeds a run on that pair's diagonal, consecutive seeds are
one run, and each run is then extended word by word to its maximal length. So that a
hostile, endlessly repetitive source cannot make the seeds quadratic, each shingle keeps
its first `_KEEP` occurrences per source; the extension step still makes every run
reported maximal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MIN_WORDS = 12

# Occurrences of one shingle kept per source. Ordinary prose repeats a 12-word passage
# once or twice at most (a lead paragraph printed twice); more is a repetitive text.
_KEEP = 4

_MARKS = r"\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD = re.compile(rf"(?:[^\W_]|[{_MARKS}])+")
# Invisible characters (soft hyphen, zero-width space/joiners, BOM) never split a word.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


@dataclass(frozen=True)
class Words:
    """The compared words of one text and where each is in the original text."""

    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


def words_of(text: str) -> Words:
    """Split `text` into compared words, keeping each word's span in `text`."""
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        start, end = m.span()
        # A word broken only by an invisible character is one word.
        if spans and spans[-1][1] < start and not _INVISIBLE.sub("", text[spans[-1][1] : start]):
            words[-1] += _fold(m.group())
            spans[-1] = (spans[-1][0], end)
            continue
        words.append(_fold(m.group()))
        spans.append((start, end))
    return Words(tuple(words), tuple(spans))


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


@dataclass(frozen=True)
class SharedRun:
    """One run of words two sources both print: where it is in each and how long it is.

    `first` belongs to the pair's first source id (in sorted order), `second` to the
    other; both are (start, end) character offsets into the source's original text.
    `first_words` is the word offset of the run in the first source, for ordering.
    """

    words: int
    first: tuple[int, int]
    second: tuple[int, int]
    first_words: int = 0
    second_words: int = 0

    def span_in(self, side: int) -> tuple[int, int]:
        return self.first if side == 0 else self.second


@dataclass(frozen=True)
class SharedPassage:
    """A shared run seen from one source: where it is there, and where in the other."""

    other: str
    words: int
    here: tuple[int, int]
    there: tuple[int, int]


class SharedWording:
    """Every run of at least `MIN_WORDS` words shared by two sources of a publication."""

    def __init__(self, runs: Mapping[tuple[str, str], tuple[SharedRun, ...]]) -> None:
        self._runs = {pair: runs[pair] for pair in sorted(runs) if runs[pair]}

    @property
    def pairs(self) -> dict[tuple[str, str], tuple[SharedRun, ...]]:
        """Runs by pair of source ids (sorted pair, sorted runs); pairs without runs are
        left out."""
        return dict(self._runs)

    def between(self, a: str, b: str) -> tuple[SharedRun, ...]:
        """The runs sources `a` and `b` share; `run.first` is `min(a, b)`'s span."""
        return self._runs.get((a, b) if a <= b else (b, a), ())

    def of(self, source_id: str) -> dict[str, tuple[SharedPassage, ...]]:
        """For a source page: each other source it shares wording with, and the passages,
        as seen from `source_id` (in its reading order)."""
        out: dict[str, list[SharedPassage]] = {}
        for (a, b), runs in self._runs.items():
            if source_id not in (a, b) or a == b:
                continue
            other, side = (b, 0) if a == source_id else (a, 1)
            for r in runs:
                out.setdefault(other, []).append(
                    SharedPassage(other, r.words, r.span_in(side), r.span_in(1 - side))
                )
        return {k: tuple(sorted(v, key=lambda p: p.here)) for k, v in sorted(out.items())}

    def common_run(
        self,
        a: str,
        spans_a: Iterable[tuple[int, int]],
        b: str,
        spans_b: Iterable[tuple[int, int]],
    ) -> SharedRun | None:
        """The longest run of `a` and `b` that overlaps one of `spans_a` in `a` and one of
        `spans_b` in `b` (character spans, e.g. where a claim's excerpts were found)."""
        if a == b:
            return None
        first, second = (list(spans_a), list(spans_b)) if a <= b else (list(spans_b), list(spans_a))
        best: SharedRun | None = None
        for r in self.between(a, b):
            if (
                _overlaps(r.first, first)
                and _overlaps(r.second, second)
                and (best is None or r.words > best.words)
            ):
                best = r
        return best


def _overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in others)


def find_shared_wording(texts: Mapping[str, str], min_words: int = MIN_WORDS) -> SharedWording:
    """Every maximal run of at least `min_words` words that two of `texts` share.

    `texts` maps a source id to its original text; the spans in the answer are offsets
    into those texts. A source repeating itself is not reported (only pairs of sources).
    """
    ids = sorted(texts)
    split = {i: words_of(texts[i]) for i in ids}
    # shingle -> {source index: [word offsets]}; the tuple is its own exact key, so two
    # different shingles never collide into one.
    where: dict[tuple[str, ...], dict[int, list[int]]] = {}
    for n, i in enumerate(ids):
        words = split[i].words
        for pos in range(len(words) - min_words + 1):
            by_source = where.setdefault(words[pos : pos + min_words], {})
            seen = by_source.setdefault(n, [])
            if len(seen) < _KEEP:
                seen.append(pos)
    # seeds[(a, b)][diagonal] = word offsets in a where a shingle of a equals one of b.
    seeds: dict[tuple[int, int], dict[int, list[int]]] = {}
    for by_source in where.values():
        if len(by_source) < 2:
            continue
        found = sorted(by_source.items())
        for x, (a, in_a) in enumerate(found):
            for b, in_b in found[x + 1 :]:
                diagonals = seeds.setdefault((a, b), {})
                for pa in in_a:
                    for pb in in_b:
                        diagonals.setdefault(pa - pb, []).append(pa)
    runs: dict[tuple[str, str], tuple[SharedRun, ...]] = {}
    for (a, b), diagonals in seeds.items():
        wa, wb = split[ids[a]], split[ids[b]]
        found_runs: list[SharedRun] = []
        for diagonal, starts in diagonals.items():
            covered_to = -1  # word offset in a up to which this diagonal has been extended
            for pa in sorted(starts):
                if pa < covered_to:
                    continue
                start, end = _extend(wa.words, wb.words, pa, pa - diagonal, min_words)
                covered_to = end
                sb = start - diagonal
                found_runs.append(
                    SharedRun(
                        words=end - start,
                        first=(wa.spans[start][0], wa.spans[end - 1][1]),
                        second=(wb.spans[sb][0], wb.spans[sb + end - start - 1][1]),
                        first_words=start,
                        second_words=sb,
                    )
                )
        runs[(ids[a], ids[b])] = tuple(
            sorted(found_runs, key=lambda r: (r.first_words, r.second_words))
        )
    return SharedWording(runs)


def _extend(
    a: tuple[str, ...], b: tuple[str, ...], pa: int, pb: int, length: int
) -> tuple[int, int]:
    """The maximal run on the diagonal through a[pa:pa+length] == b[pb:pb+length], as
    word offsets (start, end) in `a`."""
    start, start_b = pa, pb
    while start > 0 and start_b > 0 and a[start - 1] == b[start_b - 1]:
        start -= 1
        start_b -= 1
    end, end_b = pa + length, pb + length
    while end < len(a) and end_b < len(b) and a[end] == b[end_b]:
        end += 1
        end_b += 1
    return start, end
