"""Shared wording: runs of at least `MIN_WORDS` words that two sources print alike.

Two outlets that print the same dozen words in a row did not write them independently:
one copied the other, or both copied a third. The judge uses this to count such sources
as one origin when the passages a claim cites lie in the shared run, and to flag them
when they share wording elsewhere only.

Words are compared ignoring case, punctuation and quotation marks: a word is a run of
letters and digits (with their combining marks), so "Iraq’s" is the words "iraq" and "s"
and "million-man" is "million" and "man" in every source alike.

Built once per publication in time and memory linear in the total number of words: each
source's 12-word shingles are hashed once, and only those that another source prints too
are kept, with where they are (see `_Holders`). The runs of a pair are worked out from
those: a shingle both print seeds a run on the pair's diagonal, and each run is extended
to its maximal length. Only shingles that may begin a run seed one (see `_Kept`), so two
sources cost a seed per run they share, not per word, however many sources print it.

A shingle one source prints more than `MAX_REPEATS` times seeds nothing for that source: a
text that repeats itself (one word, a few words in a cycle, a passage pasted over and
over) shows no copying by repeating, and counting every place of every repeated shingle
would make the seeds of a pair quadratic in its length. A run through such shingles is
still found from any other shingle it holds, and extended through them.

Hashes stand for shingles only to find candidates: every seed is compared word for word,
and every word before a seed that is left out as inside a run is compared too, so two
shingles with one hash cost time, never a run.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from operator import add, and_, eq, mul, ne, not_, sub
from typing import TYPE_CHECKING

from .shingles import distinct_counts, heads, members, repeated, shingle_hashes

if TYPE_CHECKING:
    from .shingles import Hashes, Ints

MIN_WORDS = 12

# The most times one source may print a shingle for it to seed a run. Ordinary prose
# repeats a 12-word passage a few times at most (a lead paragraph printed twice, a
# spokesman's stock phrase); more is a text repeating itself, no evidence of copying.
MAX_REPEATS = 4

# The most words whose shingles are hashed and sorted in one batch (a batch holds at
# least one source): a batch's arrays take some 50 bytes a word.
_EXACT = 1 << 19

# A seed (word offset in a, in b) as one number: offsets are below 2**31.
_WIDE = 1 << 32

# Pairs whose runs are kept once worked out (see _LazySharedWording.between).
_PAIRS_KEPT = 4096

_MARKS = r"\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD = re.compile(rf"(?:[^\W_]|[{_MARKS}])+")
_WORD_PARTS = re.compile(f"({_WORD.pattern})")
_PLAIN_WORD = re.compile(r"[^\W_]+")
_PLAIN_WORD_PARTS = re.compile(f"({_PLAIN_WORD.pattern})")
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

    What is built here, in time linear in the words, is the set of shingles that two
    sources print and where each is. The runs of a pair are worked out from those when
    first asked for (or made ready with `prepare`): the judge asks only about sources
    cited together, and a publication whose sources all quote the same wire copy shares
    wording between nearly every pair (an answer quadratic in the sources).
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
            where.setdefault(words[pos : pos + min_words], {}).setdefault(n, []).append(pos)
    # seeds[(a, b)][diagonal] = word offsets in a where a shingle of a equals one of b.
    seeds: dict[tuple[int, int], dict[int, list[int]]] = {}
    for by_source in where.values():
        # A shingle a source prints more than `MAX_REPEATS` times is no evidence of copying.
        found = sorted((n, at) for n, at in by_source.items() if len(at) <= MAX_REPEATS)
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


def _split(text: str) -> tuple[list[str], array[int]]:
    """The compared words of `text`, as `words_of` finds them, and where each is in the
    text, flat (start, end, start, end...): in C, without an object per word's span."""
    plain = text.isascii()  # known without reading the text
    if not plain and _INVISIBLE.search(text):
        split = words_of(text)  # words joined across invisible characters: the slow way
        return list(split.words), array("i", (o for span in split.spans for o in span))
    # Gaps and words in turn, as written (one split keeping what it splits on): their
    # lengths add up to each word's start and end. Without combining marks a word is one
    # character class repeated, which the regex engine runs fastest.
    parts = (_PLAIN_WORD_PARTS if plain or not _HAS_MARK.search(text) else _WORD_PARTS).split(text)
    found = parts[1::2]
    parts.pop()  # the gap after the last word ends nothing
    offsets = array("i", accumulate(map(len, parts)))
    del parts
    if not found:
        return [], offsets
    # NFC and case folding never reach across the NUL (a starter that composes with
    # nothing), so folding the joined words folds each word.
    joined = "\0".join(found)
    if not joined.isascii():
        joined = unicodedata.normalize("NFC", joined)
    return joined.casefold().split("\0"), offsets


class _Kept:
    """One source's shingles that may begin a run with another source, where they are
    (`places[k]` maps a shingle to its place after `k` others, for shingles printed more
    than `k` times), and the source's words, to extend a run word by word. Word offsets
    (flat: start, end, start, end...) give the spans of the runs reported.

    A shingle is kept for a source when another source prints it too, each at most
    `MAX_REPEATS` times. A kept shingle that every source prints after the same word,
    where the shingle before is kept too, begins no run: with any other source, each of
    its seeds has a seed just before it on its diagonal, with the words before both
    alike, so it lies in the run through that seed. Only the other shingles, the heads,
    are kept with their places: a long run costs one seed, not one per word, however
    many sources print it.
    """

    __slots__ = ("offsets", "places", "words")

    def __init__(
        self, words: tuple[str, ...], offsets: array[int], places: list[dict[int, int]]
    ) -> None:
        self.words = words
        self.offsets = offsets
        self.places = places


def _kept_shingles(texts: Mapping[str, str], ids: list[str], min_words: int) -> dict[str, _Kept]:
    """For each source printing a shingle that may begin a run with another source, those
    shingles (see _Kept).

    Linear in the words, vectorised (see shingles.py): every shingle is hashed in a
    batch of sources; each source's distinct hashes, less those it prints more than
    `MAX_REPEATS` times, are sorted all together once to find those two sources print;
    then the places of those shingles are taken from each batch again, and the heads
    among them found. Sources, not pairs: the cost does not grow with the pairs.
    """
    if sum(1 for i in ids if _WORD.search(texts[i])) < 2:
        return {}  # one source with words shares them with nobody
    import numpy as np

    vocabulary: dict[str, str] = {}
    names: list[str] = []  # the sources with a shingle, in id order
    words: list[tuple[str, ...]] = []  # their words
    offsets: list[array[int]] = []
    batches: list[int] = []  # the number of sources in each batch
    printed: list[Hashes] = []  # each batch's distinct (hash, source), by hash only
    often: set[tuple[int, int]] = set()  # (hash, source) printed more than MAX_REPEATS times
    batch: list[Ints] = []
    size = 0

    def hashed(sources: list[tuple[str, ...]]) -> list[Ints]:
        return [np.fromiter(map(hash, w), np.int64, len(w)) for w in sources]

    def close() -> None:
        nonlocal size
        first = len(words) - len(batch)
        hashes, source, _ = shingle_hashes(batch, min_words)
        distinct, source, counts = distinct_counts(hashes, source + first)
        over = counts > MAX_REPEATS
        printed.append(distinct[~over])
        often.update(zip(distinct[over].tolist(), source[over].tolist(), strict=True))
        batches.append(len(batch))
        batch.clear()
        size = 0

    for i in ids:
        folded, found_offsets = _split(texts[i])
        if len(folded) < min_words:
            continue
        # One string per distinct word, however many sources print it.
        found = tuple(map(vocabulary.setdefault, folded, folded))
        del folded
        names.append(i)
        words.append(found)
        offsets.append(found_offsets)
        batch.append(hashed([found])[0])
        size += len(found)
        # The arrays of a batch take some 50 bytes a word: a batch holds a few MB.
        if size > _EXACT:
            close()
    if batch:
        close()
    if len(words) < 2:
        return {}
    every = np.sort(np.concatenate(printed))
    printed.clear()
    # Each source's hashes counted once: a hash found twice is printed by two sources.
    shared = repeated(every)
    del every
    # The kept places (hash, source, offset), in source and reading order.
    kept_h: list[Hashes] = []
    kept_s: list[Ints] = []
    kept_at: list[Ints] = []
    first = 0
    for n in batches:
        hashes, source, at = shingle_hashes(hashed(words[first : first + n]), min_words)
        chosen = members(hashes, shared)
        hashes, source, at = hashes[chosen], source[chosen] + first, at[chosen]
        if often:
            mine = list(zip(hashes.tolist(), source.tolist(), strict=True))
            allowed = ~np.fromiter(map(often.__contains__, mine), bool, len(mine))
            hashes, source, at = hashes[allowed], source[allowed], at[allowed]
        kept_h.append(hashes)
        kept_s.append(source)
        kept_at.append(at)
        first += n
    hashes = np.concatenate(kept_h)
    source, at = np.concatenate(kept_s), np.concatenate(kept_at)
    del kept_h, kept_s, kept_at
    if not len(hashes):
        return {}
    # Whether the place before each is kept too, and the word before it (by identity:
    # one string stands for each word).
    inner = np.zeros(len(hashes), bool)
    inner[1:] = (source[1:] == source[:-1]) & (at[1:] == at[:-1] + 1)
    before = np.fromiter(
        (
            id(words[s][a - 1]) if a else 0
            for s, a in zip(source.tolist(), at.tolist(), strict=True)
        ),
        np.int64,
        len(at),
    )
    chosen = heads(hashes, inner, before)
    hashes, source, at = hashes[chosen], source[chosen], at[chosen]
    kept: dict[str, _Kept] = {}
    bounds = np.flatnonzero(np.diff(source)) + 1
    for h, s, a in zip(
        np.split(hashes, bounds), np.split(source, bounds), np.split(at, bounds), strict=True
    ):
        n = int(s[0])
        found = h.tolist()
        kept[names[n]] = _Kept(
            words[n], offsets[n], _places(found, a.tolist(), len(set(found)) < len(found))
        )
    return kept


def _places(found: list[int], at: list[int], repeats: bool) -> list[dict[int, int]]:
    """Where each shingle is: `places[k]` maps it to its place after `k` others. `found`
    are a source's heads in reading order, `at` their places."""
    if not repeats:
        return [dict(zip(found, at, strict=True))]
    places: list[dict[int, int]] = []
    while found:  # at most `MAX_REPEATS` times: the earliest place left of each shingle
        earliest = dict(zip(reversed(found), reversed(at), strict=True))
        places.append(earliest)
        later = list(map(ne, map(earliest.__getitem__, found), at))
        found, at = list(compress(found, later)), list(compress(at, later))
    return places


def _starts(
    pa: list[int], pb: list[int], wa: tuple[str, ...], wb: tuple[str, ...]
) -> list[tuple[int, int]]:
    """(diagonal, word offset in a) of the seeds (pa[k], pb[k]) a run must be extended
    from, sorted. A seed whose predecessor on its diagonal is a seed, with the words
    before both alike, lies in the run through that predecessor: left out, so that a
    long run costs one extension, not one per shingle (all in C, no loop per seed)."""
    keys = list(map(add, map(mul, pa, repeat(_WIDE)), pb))
    seeds = set(keys)
    before = map(seeds.__contains__, map(sub, keys, repeat(_WIDE + 1)))
    alike = map(
        eq,
        map(wa.__getitem__, map(sub, pa, repeat(1))),
        map(wb.__getitem__, map(sub, pb, repeat(1))),
    )
    starts = map(not_, map(and_, before, alike))
    return sorted(compress(zip(map(sub, pa, pb), pa, strict=True), starts))


class _LazySharedWording(SharedWording):
    """Shared wording worked out pair by pair, on first request (see find_shared_wording)."""

    def __init__(self, texts: Mapping[str, str], min_words: int) -> None:
        super().__init__({})
        self._ids = sorted(texts)
        self._min = min_words
        self._kept = _kept_shingles(texts, self._ids, min_words)
        self._pairs: dict[tuple[str, str], tuple[SharedRun, ...]] = {}
        self._partners: dict[str, list[str]] | None = None
        self._prepared: dict[tuple[str, str], array[int]] = {}

    def prepare(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Work out the runs of all these pairs now, kept until asked for (the judge asks
        about every pair of sources cited together)."""
        ready: set[tuple[str, str]] = set()
        for a, b in pairs:
            if a != b and a in self._kept and b in self._kept:
                ready.add((a, b) if a <= b else (b, a))
        for pair in sorted(ready):
            runs = self._runs_with(*pair)
            # Kept as plain numbers (a tenth of the memory of the runs themselves).
            self._prepared[pair] = array(
                "q",
                (x for r in runs for x in (r.words, *r.first, *r.second, *_words_at(r))),
            )

    def between(self, a: str, b: str) -> tuple[SharedRun, ...]:
        if a == b or a not in self._kept or b not in self._kept:
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
            runs = self._pairs[pair] = self._runs_with(*pair)
            # The judge asks about each pair of one claim twice in a row; keeping every
            # answer would grow with the claims, so only the latest are kept.
            if len(self._pairs) > _PAIRS_KEPT:
                del self._pairs[next(iter(self._pairs))]
        return runs

    def _runs_with(self, a: str, b: str) -> tuple[SharedRun, ...]:
        """The maximal runs through the seeds of one pair (a < b): every place in a and
        in b of every shingle both print (at most `MAX_REPEATS` times each)."""
        ka, kb = self._kept[a], self._kept[b]
        # Shingles both print that may begin a run (see _Kept).
        common = ka.places[0].keys() & kb.places[0].keys()
        if not common:
            return ()
        pa: list[int] = []
        pb: list[int] = []
        # Every place in a with every place in b of each shingle both print.
        for x, in_a in enumerate(ka.places):
            for y, in_b in enumerate(kb.places):
                both = (
                    list(common) if x == y == 0 else [h for h in common if h in in_a and h in in_b]
                )
                pa += map(in_a.__getitem__, both)
                pb += map(in_b.__getitem__, both)
        m, wa, wb = self._min, ka.words, kb.words
        seeds = _starts(pa, pb, wa, wb)
        found: list[tuple[int, int, int]] = []  # (start in a, start in b, words)
        i = 0
        while i < len(seeds):
            diagonal, at = seeds[i]
            if wa[at : at + m] != wb[at - diagonal : at - diagonal + m]:
                i += 1  # two shingles with one hash: not a seed
                continue
            start, end = _extend(wa, wb, at, at - diagonal, m)
            found.append((start, start - diagonal, end - start))
            # The seeds of this diagonal up to `end` lie in this run.
            i = bisect_left(seeds, (diagonal, end), i + 1)
        if not found:
            return ()
        oa, ob = ka.offsets, kb.offsets
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
                kept = self._kept.get(i)
                for h in kept.places[0] if kept is not None else ():
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


def _words_at(run: SharedRun) -> tuple[int, int]:
    return run.first_words, run.second_words


def _extend(
    a: tuple[str, ...], b: tuple[str, ...], pa: int, pb: int, length: int
) -> tuple[int, int]:
    """The maximal run on the diagonal through a[pa:pa+length] == b[pb:pb+length], as
    word offsets (start, end) in `a`."""
    # Whole chunks first, doubling while they match (a slice comparison runs in C, and a
    # long run costs few of them), then word by word.
    start, start_b = pa, pb
    step = 16
    while step:
        if (
            start >= step
            and start_b >= step
            and a[start - step : start] == b[start_b - step : start_b]
        ):
            start -= step
            start_b -= step
            step *= 2
        else:
            step //= 2
    end, end_b = pa + length, pb + length
    step = 16
    while step:
        if (
            a[end : end + step] == b[end_b : end_b + step]
            and end + step <= len(a)
            and end_b + step <= len(b)
        ):
            end += step
            end_b += step
            step *= 2
        else:
            step //= 2
    return start, end
