"""A list worked through from both ends at once: this process from the first item on, a
forked copy (see `generator.beside`) from the last item back, until the two meet.

Neither waits for the other and nothing decides the split beforehand: the copy sends its
results a batch at a time, and this process stops where the received batches begin. So
whichever process runs faster (or alone, when the machine is busy) does more, and a copy
that fails or is slow only leaves more to do here. Where the two overlap, this process's
own results are kept and the copy's dropped; the copy's work is stopped once they meet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar, cast

R = TypeVar("R")

# Items per batch the copy sends: small enough that the two meet closely, large enough
# that each batch's pickling shares strings across its items (measured on claims).
BATCH = 100


def from_the_end(
    total: int, batch_of: Callable[[range], list[R]], batch: int = BATCH
) -> Iterator[object]:
    """In the copy: `(first index, batch_of(indexes from it))` for batches of the indexes
    of a list of `total` items, the last batch first."""
    for high in range(total, 0, -batch):
        low = max(0, high - batch)
        yield low, batch_of(range(low, high))


class Tail(Generic[R]):
    """The copy's results, kept as the batches arrive (in the reader thread)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.start = total  # every index from here on has its result here
        self._batches: list[tuple[int, list[R]]] = []

    def receive(self, item: object) -> None:
        low, results = cast(tuple[int, list[R]], item)  # as `from_the_end` makes them
        if low + len(results) != self.start:
            return  # not the batch that extends the tail: never sent so, and not needed
        self._batches.append((low, results))
        self.start = low  # last: a reader of `start` finds its batch already kept

    def results_from(self, index: int) -> list[R]:
        """The results of `index` and every later index, in order (call when no more
        batches can arrive, and only from an index at or after `start`)."""
        assert index >= self.start
        out: list[R] = []
        for low, results in reversed(self._batches):
            out.extend(results[max(0, index - low) :])
        return out
