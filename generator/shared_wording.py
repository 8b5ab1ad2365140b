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
from collections import Counter, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import accumulate, compress, filterfalse, islice, repeat
from operator import add, and_, eq, itemgetter, lt, mul, ne, not_, sub

MIN_WORDS = 12

# The most times one source may print a shingle for it to seed a run. Ordinary prose
# repeats a 12-word passage a few times at most (a lead paragraph printed twice, a
# spokesman's stock phrase); more is a text repeating itself, no evidence of copying.
MAX_REPEATS = 4

# Up to this many distinct shingles in a publication, those seen so far are kept in a
# set (about 70 bytes each); past it, marked in a bitmap of at most 2**_BITMAP_BITS
# bytes (16 MB; a fuller bitmap only makes more candidates to count).
_EXACT = 1 << 19
_BITMAP_BITS = 24

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
    """One source's shingles that another source prints too (`kept`), those that may
    begin a run (`heads`) and where they are (`places[k]` maps a shingle to its place
    after `k` others, for shingles printed more than `k` times), and the source's words,
    to extend a run word by word. Word offsets (flat: start, end, start, end...) give the
    spans of the runs reported.

    A shingle that every source printing it prints after the same word, where the
    shingle before is kept too, begins no run: with any other source, each of its seeds
    has a seed just before it on its diagonal, with the words before both alike, so it
    lies in the run through that seed. Only the other shingles, the heads, seed runs: a
    long run costs one seed, not one per word, however many sources print it.
    """

    __slots__ = ("follows", "found", "heads", "kept", "offsets", "places", "words")

    def __init__(self, words: tuple[str, ...], kept: set[int], follows: dict[int, str]) -> None:
        self.words = words
        self.kept = kept
        # Until every source is read: the shingles this source prints everywhere after
        # one word where the shingle before is kept, with that word.
        self.follows = follows
        # Until every source is read: the kept shingles in reading order, and their places.
        self.found: tuple[list[int], list[int]] = ([], [])
        self.heads: set[int] = set()
        # Places of the shingles that are some source's heads (the only ones a pair
        # looks up).
        self.places: list[dict[int, int]] = []
        self.offsets = array("i")


def _shingle_hashes(words: tuple[str, ...], min_words: int) -> array[int]:
    """The hash of each shingle of `words`, in order. A shingle's hash stands for it (str
    hashes are salted per process, so a text cannot be written to collide); every seed is
    still compared word for word."""
    return array(
        "q", map(hash, zip(*(islice(words, k, None) for k in range(min_words)), strict=False))
    )


class _Holders:
    """The shingles that two sources print, found source by source.

    Exactly, with a set of every shingle seen so far, while there are at most `_EXACT`;
    past that, the shingles seen are marked in a bitmap instead, a shingle whose mark is
    already set is a candidate (it may have been printed before), and the candidates are
    counted exactly once every source is read (`exact` is then False).
    """

    def __init__(self, size: int) -> None:
        self.seen: set[int] | None = set()
        self.shared: set[int] = set()  # or, once `exact` is False, the candidates
        self.marks = bytearray()
        # About four bytes of bitmap per shingle of the publication (`size` characters,
        # a word and a space are six on average).
        self.mask = (1 << min(max((size // 2).bit_length(), 16), _BITMAP_BITS)) - 1
        if size // 6 > 2 * _EXACT:  # a large publication: no set of its shingles at all
            self.marks = bytearray(self.mask + 1)
            self.seen = None

    @property
    def exact(self) -> bool:
        return self.seen is not None

    def add(self, distinct: set[int]) -> None:
        """Take in the distinct shingles of one more source."""
        if self.seen is not None:
            self.shared |= distinct & self.seen
            self.seen |= distinct
            if len(self.seen) > _EXACT:
                self.marks = bytearray(self.mask + 1)
                self._mark(self.seen)
                self.seen = None
            return
        slots = list(map(and_, distinct, repeat(self.mask)))
        self.shared.update(compress(distinct, map(self.marks.__getitem__, slots)))
        deque(map(self.marks.__setitem__, slots, repeat(1)), maxlen=0)

    def _mark(self, shingles: Iterable[int]) -> None:
        slots = map(and_, shingles, repeat(self.mask))
        deque(map(self.marks.__setitem__, slots, repeat(1)), maxlen=0)


def _kept_shingles(texts: Mapping[str, str], ids: list[str], min_words: int) -> dict[str, _Kept]:
    """For each source printing a shingle that another source prints too, those shingles.

    Linear in the words: each source's shingles are hashed once and go through
    `_Holders`. Sources, not pairs: the cost does not grow with the pairs of sources.
    """
    if sum(1 for i in ids if _WORD.search(texts[i])) < 2:
        return {}  # one source with words shares them with nobody
    vocabulary: dict[str, str] = {}
    words: dict[str, tuple[str, ...]] = {}
    offsets: dict[str, array[int]] = {}
    hashes: dict[str, array[int]] = {}
    many: dict[str, set[int]] = {}  # shingles a source prints more than `MAX_REPEATS` times
    twice: set[str] = set()  # sources printing a shingle more than once
    holders = _Holders(sum(map(len, texts.values())))
    for i in ids:
        folded, offsets[i] = _split(texts[i])
        if len(folded) < min_words:
            continue
        # One string per distinct word, however many sources print it.
        words[i] = found = tuple(map(vocabulary.setdefault, folded, folded))
        del folded
        hashes[i] = h = _shingle_hashes(found, min_words)
        distinct = set(h)
        if len(distinct) < len(h):
            twice.add(i)
        # Some shingle is printed more than `MAX_REPEATS` times only if as many are repeats.
        if len(h) - len(distinct) >= MAX_REPEATS:
            counts = Counter(h)
            over = set(compress(counts, map(lt, repeat(MAX_REPEATS), counts.values())))
            if over:
                many[i] = over
                distinct -= over
        holders.add(distinct)
    shared = holders.shared
    exact = holders.exact
    del holders  # the bitmap
    held: dict[str, array[int]] = {}  # each source's candidates, compact
    if not exact:
        # Count the candidates' holders: those printed by two sources are shared.
        printers: Counter[int] = Counter()
        for i, h in hashes.items():
            found_here = shared.intersection(h)
            if i in many:
                found_here -= many[i]
            printers.update(found_here)
            held[i] = array("q", found_here)
        shared = set(compress(printers, map(lt, repeat(1), printers.values())))
        del printers
    kept: dict[str, _Kept] = {}
    for i, h in hashes.items():
        found_here = shared.intersection(h if exact else held.pop(i))
        if exact and i in many:
            found_here -= many[i]
        if found_here:
            kept[i] = _followed(h, words[i], found_here, i in twice)
            kept[i].offsets = offsets[i]
        # Each source's hashes, words and offsets are let go as soon as it is read.
        hashes[i] = array("q")
        del words[i], offsets[i]
    heads = _find_heads(kept)
    for i, source in kept.items():
        # Places are looked up only for shingles that begin a run somewhere.
        source.places = _places(*source.found, heads.intersection(source.kept), i in twice)
        source.found = ([], [])
    return kept


def _followed(hashes: array[int], words: tuple[str, ...], wanted: set[int], repeats: bool) -> _Kept:
    """The kept shingles of one source, with those that follow a kept one (see _Kept), in
    C over the source's places in reading order (no loop per shingle)."""
    n = len(hashes)
    flags = list(map(wanted.__contains__, hashes))
    found = list(compress(hashes, flags))
    # Whether the shingle before each place is wanted (none is before the first), and
    # the word before it.
    after_wanted = list(compress([False, *flags[:-1]], flags))
    word_before = list(compress(words[-1:] + words[: n - 1], flags))
    follows = dict(compress(zip(found, word_before, strict=True), after_wanted))
    if repeats:
        # A shingle follows a wanted one only if it does at each of its places, after
        # the same word at each.
        lone = set(compress(found, map(not_, after_wanted)))
        lone.update(compress(found, map(ne, word_before, map(follows.get, found))))
        deque(map(follows.pop, lone, repeat(None)), maxlen=0)
    kept = _Kept(words, wanted, follows)
    kept.found = (found, list(compress(range(n), flags)))
    return kept


def _find_heads(kept: dict[str, _Kept]) -> set[int]:
    """Set each source's heads (see _Kept): the shingles it does not print everywhere
    after the one word that every source printing them does; and return every source's
    heads."""
    word: dict[int, str] = {}  # a shingle -> the word one source prints it after
    branching: set[int] = set()  # shingles printed after different words
    for source in kept.values():
        # Shingles this source follows after another word than a source before did (the
        # items compared in C: words by value, and one string stands for each word).
        other = filterfalse(word.items().__contains__, source.follows.items())
        branching.update(filter(word.__contains__, map(itemgetter(0), other)))
        word.update(source.follows)
    del word
    every: set[int] = set()
    for source in kept.values():
        source.heads = source.kept.difference(source.follows)
        source.heads.update(branching.intersection(source.kept))
        source.follows = {}
        every |= source.heads
    return every


def _places(
    found: list[int], at: list[int], wanted: set[int], repeats: bool
) -> list[dict[int, int]]:
    """Where each wanted shingle is: `places[k]` maps it to its place after `k` others.
    `found` are a source's kept shingles in reading order, `at` their places."""
    chosen = list(map(wanted.__contains__, found))
    found, at = list(compress(found, chosen)), list(compress(at, chosen))
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
        # Shingles both print that begin a run in one of them (see _Kept).
        common = set(filter(kb.kept.__contains__, ka.heads))
        common.update(filter(ka.kept.__contains__, kb.heads))
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
                for h in kept.kept if kept is not None else ():
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
