"""The shingles two sources print, found for a whole publication at once with numpy.

A shingle is `min_words` words in a row. Each word stands for itself by its `hash()`
(salted per process, so a text cannot be written to collide), and each shingle by a
polynomial of its words' hashes (64 bits, wrapping), worked out for every place of many
sources in a few passes over one array rather than in a loop per shingle: hashing every
shingle of 2.6M words takes about 2.5 s in pure Python, a tenth of a second here.

A hash stands for its shingle only to find candidates; shared_wording compares every seed
of a run word for word.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Hashes = npt.NDArray[np.uint64]
    Ints = npt.NDArray[np.int64]
    Flags = npt.NDArray[np.bool_]

# The 64-bit golden ratio: odd, so that each word's hash moves the shingle's (an odd
# number is invertible modulo 2**64), and a word moves it differently at each position.
_BASE = 0x9E3779B97F4A7C15


def shingle_hashes(word_hashes: Sequence[Ints], min_words: int) -> tuple[Hashes, Ints, Ints]:
    """The hash of every shingle of some sources, given the hashes of each one's words
    (at least `min_words` each): (hash, source, word offset), in the sources' order and
    then in reading order; a shingle never spans two sources."""
    import numpy as np

    values = np.concatenate(word_hashes).view(np.uint64)
    total = len(values) - min_words + 1
    hashes = values[:total].copy()
    base = np.uint64(_BASE)
    for k in range(1, min_words):
        hashes *= base
        hashes += values[k : k + total]
    sizes = np.fromiter(map(len, word_hashes), np.int64, len(word_hashes))
    starts = np.cumsum(sizes) - sizes
    source = np.repeat(np.arange(len(sizes)), sizes)[:total]
    offset = np.arange(total) - starts[source]
    # A shingle is whole when it starts at least `min_words` words before its source ends.
    whole = offset <= sizes[source] - min_words
    return hashes[whole], source[whole], offset[whole]


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


def repeated(sorted_hashes: Hashes) -> Hashes:
    """The values that occur more than once in `sorted_hashes`, each once, sorted."""
    import numpy as np

    twice = sorted_hashes[1:][sorted_hashes[1:] == sorted_hashes[:-1]]
    return np.unique(twice)


def members(hashes: Hashes, among: Hashes) -> Flags:
    """Whether each of `hashes` is one of `among` (sorted, distinct)."""
    import numpy as np

    if not len(among):
        return np.zeros(len(hashes), bool)
    at = np.searchsorted(among, hashes)
    at[at == len(among)] = 0
    found: Flags = among[at] == hashes
    return found


def heads(hashes: Hashes, inner: Flags, before: Ints) -> Flags:
    """Which kept places may begin a run (see shared_wording._Kept): those of a shingle
    that is somewhere not `inner` (the place before it is kept too), or printed after
    different words (`before`: an exact id of the word before each place)."""
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
