"""The shingles two sources print, found for a whole publication at once with numpy.

A shingle is `min_words` words in a row. A word's hash is the sum of a keyed mix of each
of its characters with its position (simple tabulation hashing, the key drawn per
process, so a text cannot be written to collide), and a shingle's is a polynomial of its
words' hashes (64 bits, wrapping): both worked out for every word and every place of many
sources in a few passes over one array rather than in a loop per word or shingle (in
pure Python, hashing every shingle of 2.6M words takes about 2.5 s; here, a tenth).

A hash stands for its word or shingle only to find candidates; shared_wording compares
every seed of a run word for word.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Hashes = npt.NDArray[np.uint64]
    Ints = npt.NDArray[np.int64]
    Flags = npt.NDArray[np.bool_]
    Codes = npt.NDArray[np.uint32]
    Tops = npt.NDArray[np.uint32]
    Int32s = npt.NDArray[np.int32]

# The 64-bit golden ratio: odd, so that each word's hash moves the shingle's (an odd
# number is invertible modulo 2**64), and a word moves it differently at each position.
HashesOrTops = TypeVar("HashesOrTops", "Hashes", "Tops")

_BASE = 0x9E3779B97F4A7C15
# The key of the characters' mix, drawn per process.
_KEY = int.from_bytes(os.urandom(8), "little")
# The two multipliers of MurmurHash3's finaliser (a bijection of 64-bit numbers).
_MIX = (0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53)


def word_hashes(code: Codes) -> tuple[Hashes, Ints]:
    """The hash of each word of `code`: code points of words each followed by a NUL
    (which no word holds). Also where each word begins, with the end last."""
    import numpy as np

    ends = np.flatnonzero(code == 0)
    at = np.zeros(len(ends) + 1, np.int64)
    at[1:] = ends + 1
    if not len(ends):
        return np.zeros(0, np.uint64), at
    # Each character (the NUL too, so a word's length counts) mixed with its place in
    # its word, under the key; a word's hash is the sum.
    place = np.arange(len(code), dtype=np.uint64)
    place -= np.repeat(at[:-1], np.diff(at)).astype(np.uint64)
    x = code.astype(np.uint64)
    x <<= np.uint64(32)
    x |= place
    del place
    x ^= np.uint64(_KEY)
    for multiplier in _MIX:
        x ^= x >> np.uint64(33)
        x *= np.uint64(multiplier)
    x ^= x >> np.uint64(33)
    hashes: Hashes = np.add.reduceat(x, at[:-1])
    return hashes, at


def shingle_hashes(word_hashes: Sequence[Hashes], min_words: int) -> tuple[Hashes, Ints, Ints]:
    """The hash of every shingle of some sources, given the hashes of each one's words
    (at least `min_words` each): (hash, source, word offset), in the sources' order and
    then in reading order; a shingle never spans two sources."""
    import numpy as np

    values = np.concatenate(word_hashes)
    hashes = _windows(values, min_words)
    total = len(hashes)
    sizes = np.fromiter(map(len, word_hashes), np.int64, len(word_hashes))
    starts = np.cumsum(sizes) - sizes
    source: Ints = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)[:total]
    offset: Ints = np.arange(total, dtype=np.int64) - starts[source]
    # A shingle is whole when it starts at least `min_words` words before its source ends.
    whole = offset <= sizes[source] - min_words
    return hashes[whole], source[whole], offset[whole]


def _windows(values: Hashes, width: int) -> Hashes:
    """The polynomial hash of each `width` values in a row: sum of value k times
    `_BASE ** (width - 1 - k)` (modulo 2**64), by doubling: a few passes, not `width`."""
    import numpy as np

    n = len(values)
    block, size = values, 1  # the hashes of every `size` values in a row
    done: Hashes | None = None  # those of every `length` values in a row
    length = 0
    while True:
        if width & size:
            if done is None:
                done, length = block.copy(), size
            else:
                count = n - length - size + 1
                done = done[:count] * np.uint64(pow(_BASE, size, 1 << 64)) + block[length:][:count]
                length += size
        if 2 * size > width:
            assert done is not None
            return done
        block = block[:-size] * np.uint64(pow(_BASE, size, 1 << 64)) + block[size:]
        size *= 2


def distinct_counts(hashes: Hashes, source: Ints) -> tuple[Hashes, Ints, Ints]:
    """Each distinct (hash, source) of these places, sorted, and how many places it has.
    `source` must be sorted (places come source by source)."""
    import numpy as np

    # A stable sort by hash keeps each hash's places in source order.
    order = np.argsort(hashes, kind="stable")
    h, s = hashes[order], source[order]
    new = np.ones(len(h), bool)
    new[1:] = (h[1:] != h[:-1]) | (s[1:] != s[:-1])
    starts = np.flatnonzero(new)
    counts = np.diff(np.append(starts, len(h)))
    return h[starts], s[starts], counts


def top(hashes: Hashes) -> Tops:
    """The top 32 bits of each hash."""
    import numpy as np

    tops: Tops = (hashes >> np.uint64(32)).astype(np.uint32)
    return tops


def repeated(sorted_hashes: HashesOrTops) -> HashesOrTops:
    """The values that occur more than once in `sorted_hashes`, each once, sorted."""
    import numpy as np

    twice = sorted_hashes[1:][sorted_hashes[1:] == sorted_hashes[:-1]]
    return np.unique(twice)


def members(hashes: HashesOrTops, among: HashesOrTops) -> Flags:
    """Whether each of `hashes` is one of `among` (sorted, distinct)."""
    import numpy as np

    found = np.zeros(len(hashes), bool)
    if not len(among) or not len(hashes):
        return found
    # A table marking the low bits of each of `among` rules out most hashes at once;
    # only those it lets through are looked up.
    mask = (1 << min(max(4 * len(among), 1 << 10).bit_length(), 24)) - 1
    table = np.zeros(mask + 1, bool)
    table[among & mask] = True
    maybe = np.flatnonzero(table[hashes & mask])
    at = np.searchsorted(among, hashes[maybe])
    at[at == len(among)] = 0
    found[maybe] = among[at] == hashes[maybe]
    return found


def heads(hashes: Hashes, inner: Flags, before: Hashes) -> Flags:
    """Which kept places may begin a run (see shared_wording._Kept): those of a shingle
    that is somewhere not `inner` (the place before it is kept too), or printed after
    different words (`before`: the hash of the word before each place)."""
    import numpy as np

    if not len(hashes):
        return np.zeros(0, bool)
    order = np.argsort(hashes, kind="stable")
    h = hashes[order]
    new = np.ones(len(h), bool)
    new[1:] = h[1:] != h[:-1]
    group = np.cumsum(new) - 1
    first_before = before[order][new][group]
    odd = ~inner[order] | (before[order] != first_before)
    head_group = np.bincount(group, weights=odd, minlength=int(group[-1]) + 1) > 0
    out = np.empty(len(h), bool)
    out[order] = head_group[group]
    return out
