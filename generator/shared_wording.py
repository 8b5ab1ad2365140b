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
import sys
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import accumulate, compress
from operator import ne

MIN_WORDS = 12

# Occurrences of one shingle kept per source. Ordinary prose repeats a 12-word passage
# once or twice at most (a lead paragraph printed twice); more is a repetitive text.
_KEEP = 4

# Up to this many shingles common to a pair are placed by searching the source's hashes
# (in C) rather than through a dict built for the pair.
_FEW = 4

# Pairs whose runs are kept once worked out (see _LazySharedWording.between).
_PAIRS_KEPT = 4096

_MARKS = r"\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD = re.compile(rf"(?:[^\W_]|[{_MARKS}])+")
_WORD_PARTS = re.compile(f"({_WORD.pattern})")
_PLAIN_WORD_PARTS = re.compile(r"([^\W_]+)")
_HAS_MARK = re.compile(f"[{_MARKS}]")
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


@dataclass(frozen=True, slots=True)
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

    def prepare(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Make the runs of these pairs ready before they are asked for (nothing to do when
        every run is already known)."""

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

    The runs of a pair are worked out when first asked for: the judge asks only about
    sources cited together, and a publication whose sources all quote the same wire copy
    shares wording between nearly every pair (an answer quadratic in the sources). What
    is built here, in time linear in the words, is each source's words and the hash of
    each of its shingles.
    """
    return _LazySharedWording(texts, min_words)


def all_shared_wording(texts: Mapping[str, str], min_words: int = MIN_WORDS) -> SharedWording:
    """Every maximal run of at least `min_words` words that two of `texts` share, all
    worked out at once (the reference the lazy `find_shared_wording` is tested against).

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
        runs[(ids[a], ids[b])] = _runs(split[ids[a]], split[ids[b]], diagonals, min_words)
    return SharedWording(runs)


def _runs(
    wa: Words, wb: Words, diagonals: dict[int, list[int]], min_words: int
) -> tuple[SharedRun, ...]:
    """The maximal runs through the seeds of one pair, sorted by where they are in `wa`.

    `diagonals[d]` are word offsets `pa` in `wa` where `min_words` words equal those of
    `wb` at `pa - d`.
    """
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
    return tuple(sorted(found_runs, key=lambda r: (r.first_words, r.second_words)))


class _SourceWords:
    """One source's compared words and the hash of each of its shingles.

    Word offsets are found only for a source that shares a run, and kept flat (start,
    end, start, end, ...): most of a publication's words are never reported.
    """

    __slots__ = ("hashes", "offsets", "repeats", "words")

    def __init__(self, text: str, min_words: int, vocabulary: dict[str, str]) -> None:
        if _INVISIBLE.search(text):
            split = words_of(text)  # words joined across invisible characters: the slow way
            words: Iterable[str] = split.words
            self.offsets = array("i", (o for span in split.spans for o in span))
        else:
            # Gaps and words in turn, as written (one split keeping what it splits on):
            # their lengths add up to each word's start and end. Without combining marks
            # a word is one character class repeated, which the regex engine runs fastest.
            parts = (_WORD_PARTS if _HAS_MARK.search(text) else _PLAIN_WORD_PARTS).split(text)
            found = parts[1::2]
            parts.pop()  # the gap after the last word ends nothing
            self.offsets = array("i", accumulate(map(len, parts)))
            del parts
            # NFC and case folding never reach across the NUL (a starter that composes with
            # nothing), so folding the joined words folds each word.
            joined = "\0".join(found)
            if not joined.isascii():
                joined = unicodedata.normalize("NFC", joined)
            words = joined.casefold().split("\0") if found else ()
        # One string per distinct word, however many sources print it.
        self.words = tuple(map(vocabulary.setdefault, words, words))
        # A shingle's hash stands for it (str hashes are salted per process, so a text
        # cannot be written to collide); every seed is still compared word for word.
        hashes = self.hashes = array(
            "q", map(hash, zip(*(self.words[k:] for k in range(min_words)), strict=False))
        )
        # The first `_KEEP` places of each shingle the source prints more than once (a
        # paragraph printed twice): every other shingle has one place.
        self.repeats: dict[int, list[int]] = {}
        last = dict(zip(hashes, range(len(hashes)), strict=True))
        if len(last) < len(hashes):
            first = dict(zip(reversed(hashes), range(len(hashes) - 1, -1, -1), strict=True))
            twice = set(compress(last, map(ne, last.values(), map(first.__getitem__, last))))
            self.repeats = _first_positions(hashes, twice)


class _Shingles:
    """One source's distinct shingle hashes and where each first is, for pairing it with
    many others."""

    __slots__ = ("distinct", "indexed", "source")

    def __init__(self, source: _SourceWords, indexed: bool) -> None:
        self.source = source
        self.distinct = set(source.hashes)
        self.indexed: Callable[[int], int] | None = None
        if indexed:
            self.indexed = _places(source.hashes)

    def places(self, common: int) -> Callable[[int], int]:
        """Where a shingle (printed once) is, for `common` shingles to place."""
        if self.indexed is not None:
            return self.indexed
        return _searcher(self.source.hashes) if common <= _FEW else _places(self.source.hashes)


def _words_at(run: SharedRun) -> tuple[int, int]:
    return run.first_words, run.second_words


def _places(hashes: array[int]) -> Callable[[int], int]:
    return dict(zip(hashes, range(len(hashes)), strict=True)).__getitem__


def _searcher(hashes: array[int]) -> Callable[[int], int]:
    """`hashes.index`, as a search of the raw bytes (a memory scan, where `index` makes
    an int of every item it passes)."""
    raw = hashes.tobytes()
    size = hashes.itemsize

    def index(h: int) -> int:
        needle = h.to_bytes(size, sys.byteorder, signed=True)
        at = raw.find(needle)
        while at > 0 and at % size:  # straddling two items: not this one
            at = raw.find(needle, at + 1)
        if at < 0:
            raise ValueError(f"{h} is not among the hashes")
        return at // size

    return index


class _LazySharedWording(SharedWording):
    """Shared wording worked out pair by pair, on first request (see find_shared_wording)."""

    def __init__(self, texts: Mapping[str, str], min_words: int) -> None:
        super().__init__({})
        self._ids = sorted(texts)
        self._min = min_words
        vocabulary: dict[str, str] = {}
        self._sources = {i: _SourceWords(texts[i], min_words, vocabulary) for i in self._ids}
        self._pairs: dict[tuple[str, str], tuple[SharedRun, ...]] = {}
        self._partners: dict[str, list[str]] | None = None
        self._prepared: dict[tuple[str, str], array[int]] = {}

    def prepare(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Work out the runs of all these pairs now, kept until asked for (the judge asks
        about every pair of sources cited together). Grouped by source, so each source's
        shingles are indexed once however many sources it is cited with; the same runs as
        working each pair out alone."""
        partners: dict[str, set[str]] = {}
        for a, b in pairs:
            if a != b and a in self._sources and b in self._sources:
                first, second = (a, b) if a <= b else (b, a)
                partners.setdefault(first, set()).add(second)
        for a in sorted(partners):
            found = _Shingles(self._sources[a], indexed=len(partners[a]) > 1)
            for b in sorted(partners[a]):
                runs = self._runs_with(found, self._sources[b])
                # Kept as plain numbers (a tenth of the memory of the runs themselves).
                self._prepared[(a, b)] = array(
                    "q",
                    (x for r in runs for x in (r.words, *r.first, *r.second, *_words_at(r))),
                )

    def between(self, a: str, b: str) -> tuple[SharedRun, ...]:
        if a == b or a not in self._sources or b not in self._sources:
            return ()
        pair = (a, b) if a <= b else (b, a)
        prepared = self._prepared.get(pair)
        if prepared is not None:
            return tuple(
                SharedRun(n, (f0, f1), (s0, s1), fw, sw)
                for n, f0, f1, s0, s1, fw, sw in zip(*[iter(prepared)] * 7, strict=True)
            )
        runs = self._pairs.get(pair)
        if runs is None:
            runs = self._pairs[pair] = self._work_out(*pair)
            # The judge asks about each pair of one claim twice in a row; keeping every
            # answer would grow with the claims, so only the latest are kept.
            if len(self._pairs) > _PAIRS_KEPT:
                del self._pairs[next(iter(self._pairs))]
        return runs

    def _work_out(self, a: str, b: str) -> tuple[SharedRun, ...]:
        """The same runs as `all_shared_wording`, with the seeds of one pair: shingles of
        both, each at its first `_KEEP` places in each."""
        return self._runs_with(_Shingles(self._sources[a], indexed=False), self._sources[b])

    def _runs_with(self, found_a: _Shingles, sb: _SourceWords) -> tuple[SharedRun, ...]:
        sa = found_a.source
        hb = sb.hashes
        common = found_a.distinct.intersection(hb)
        if not common:
            return ()
        # Where each common shingle is in b: by search when few (by far the most pairs
        # share a few shingles), else through a dict. A shingle once in a source has one
        # place, so the first found is the only one.
        place_b = _searcher(hb) if len(common) <= _FEW else _places(hb)
        place_a = found_a.places(len(common))
        seeds: list[tuple[int, int]] = []
        ra, rb = sa.repeats, sb.repeats
        for h in common:
            in_a = ra.get(h) if ra else None
            in_b = rb.get(h) if rb else None
            if in_a is None and in_b is None:
                pa = place_a(h)
                seeds.append((pa - place_b(h), pa))
                continue
            for pa in in_a or (place_a(h),):
                seeds.extend((pa - pb, pa) for pb in in_b or (place_b(h),))
        # (diagonal, word offset in a), sorted.
        seeds.sort()
        m, wa, wb = self._min, sa.words, sb.words
        found: list[tuple[int, int, int]] = []  # (start in a, start in b, words)
        i = 0
        while i < len(seeds):
            diagonal, pa = seeds[i]
            if wa[pa : pa + m] != wb[pa - diagonal : pa - diagonal + m]:
                i += 1  # two shingles with one hash: not a seed
                continue
            start, end = _extend(wa, wb, pa, pa - diagonal, m)
            found.append((start, start - diagonal, end - start))
            # The seeds of this diagonal up to `end` lie in this run.
            i = bisect_left(seeds, (diagonal, end), i + 1)
        if not found:
            return ()
        oa, ob = sa.offsets, sb.offsets
        return tuple(
            SharedRun(
                words=n,
                first=(oa[2 * start], oa[2 * (start + n) - 1]),
                second=(ob[2 * sb_], ob[2 * (sb_ + n) - 1]),
                first_words=start,
                second_words=sb_,
            )
            for start, sb_, n in sorted(found)
        )

    def _partners_of(self) -> dict[str, list[str]]:
        """For each source, the sources after it (in id order) sharing a shingle with it."""
        if self._partners is None:
            holders: dict[int, list[str]] = {}
            for i in self._ids:
                for h in set(self._sources[i].hashes):
                    holders.setdefault(h, []).append(i)
            partners: dict[str, set[str]] = {}
            for ids in holders.values():
                for x, a in enumerate(ids):
                    if x + 1 < len(ids):
                        partners.setdefault(a, set()).update(ids[x + 1 :])
            self._partners = {a: sorted(bs) for a, bs in partners.items()}
        return self._partners

    def _all(self) -> dict[tuple[str, str], tuple[SharedRun, ...]]:
        found = {(a, b): self.between(a, b) for a, bs in self._partners_of().items() for b in bs}
        return {pair: runs for pair, runs in sorted(found.items()) if runs}

    @property
    def pairs(self) -> dict[tuple[str, str], tuple[SharedRun, ...]]:
        return self._all()

    def of(self, source_id: str) -> dict[str, tuple[SharedPassage, ...]]:
        partners = self._partners_of()
        others = [a for a in self._ids if source_id in partners.get(a, ())]
        others += partners.get(source_id, [])
        out: dict[str, tuple[SharedPassage, ...]] = {}
        for other in sorted(others):
            side = 0 if source_id <= other else 1
            passages = [
                SharedPassage(other, r.words, r.span_in(side), r.span_in(1 - side))
                for r in self.between(source_id, other)
            ]
            if passages:
                out[other] = tuple(sorted(passages, key=lambda p: p.here))
        return out


def _first_positions(hashes: array[int], wanted: set[int]) -> dict[int, list[int]]:
    """Word offsets of the first `_KEEP` occurrences of each wanted shingle."""
    out: dict[int, list[int]] = {}
    for p, h in enumerate(hashes):
        if h in wanted:
            seen = out.get(h)
            if seen is None:
                out[h] = [p]
            elif len(seen) < _KEEP:
                seen.append(p)
    return out


def _extend(
    a: tuple[str, ...], b: tuple[str, ...], pa: int, pb: int, length: int
) -> tuple[int, int]:
    """The maximal run on the diagonal through a[pa:pa+length] == b[pb:pb+length], as
    word offsets (start, end) in `a`."""
    # Whole chunks first (a slice comparison runs in C), then word by word.
    start, start_b = pa, pb
    step = 16
    while (
        start >= step and start_b >= step and a[start - step : start] == b[start_b - step : start_b]
    ):
        start -= step
        start_b -= step
    while start > 0 and start_b > 0 and a[start - 1] == b[start_b - 1]:
        start -= 1
        start_b -= 1
    end, end_b = pa + length, pb + length
    while (
        end + step <= len(a)
        and end_b + step <= len(b)
        and a[end : end + step] == b[end_b : end_b + step]
    ):
        end += step
        end_b += step
    while end < len(a) and end_b < len(b) and a[end] == b[end_b]:
        end += 1
        end_b += 1
    return start, end
