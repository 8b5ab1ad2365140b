"""Shared wording as the site asks for it: each source's answer worked out once per build.

A source page lists the sources it shares wording with, and every claim card linking to a
shared passage asks the same of its source, so one build asks `of()` of each source many
times; the engine's `SharedWording` works the pairs out afresh (it keeps only the latest).
`Remembered` keeps each source's answer, and the sources its page lists, for one `Site`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Mapping

from ..model import Publication
from ..shared_wording import SharedPassage, SharedRun, SharedWording

MAX_SHARED = 10  # sources listed under "Shares wording with" on one page


class Remembered(SharedWording):
    """`shared`, answering each `of(source_id)` once; `kept` ranks among `shown` only."""

    def __init__(self, shared: SharedWording, shown: Collection[str]) -> None:
        super().__init__({})
        self._shared = shared
        self._shown = shown
        self._of: dict[str, dict[str, tuple[SharedPassage, ...]]] = {}
        self._all = False  # `_of` holds every source's answer
        self._kept: dict[str, list[str]] = {}

    @property
    def pairs(self) -> dict[tuple[str, str], tuple[SharedRun, ...]]:
        return self._shared.pairs

    def between(self, a: str, b: str) -> tuple[SharedRun, ...]:
        return self._shared.between(a, b)

    def common_run(
        self,
        a: str,
        spans_a: Iterable[tuple[int, int]],
        b: str,
        spans_b: Iterable[tuple[int, int]],
    ) -> SharedRun | None:
        return self._shared.common_run(a, spans_a, b, spans_b)

    def of(self, source_id: str) -> dict[str, tuple[SharedPassage, ...]]:
        if not self._all:
            self._of = _every_source(self._shared.pairs)
            self._all = True
        return self._of.get(source_id, {})

    def learn(self, other: Remembered) -> None:
        """Take `other`'s answers: the shared wording of the same sources."""
        self._of, self._kept, self._all = other._of, other._kept, other._all

    def kept(self, source_id: str) -> list[str]:
        """The sources the page of `source_id` lists as sharing wording: those sharing the
        most words first, at most MAX_SHARED, so a wire story printed by hundreds keeps
        pages of bounded size."""
        kept = self._kept.get(source_id)
        if kept is None:
            found = self.of(source_id)
            ranked = sorted(
                (o for o in found if o != source_id and o in self._shown),
                key=lambda o: (-sum(p.words for p in found[o]), o),
            )
            kept = self._kept[source_id] = ranked[:MAX_SHARED]
        return kept


def listed_sharing(source_id: str, pub: Publication) -> list[str]:
    """The sources the page of `source_id` lists as sharing wording (see `Remembered.kept`);
    claim cards link to a shared passage on that page only when it is listed there."""
    if not isinstance(pub.shared, Remembered):
        pub = dataclasses.replace(pub, shared=Remembered(pub.shared, pub.sources))
    assert isinstance(pub.shared, Remembered)
    return pub.shared.kept(source_id)


def _every_source(
    pairs: Mapping[tuple[str, str], tuple[SharedRun, ...]],
) -> dict[str, dict[str, tuple[SharedPassage, ...]]]:
    """`SharedWording.of` of every source at once, from the runs of every pair: each page
    asks about its source, and asked one source at a time the engine works each pair out
    twice (once from either side)."""
    found: dict[str, dict[str, list[SharedPassage]]] = {}
    for (a, b), runs in pairs.items():
        if a == b:
            continue
        for here, other in ((a, b), (b, a)):
            side = 0 if here <= other else 1  # a run's `first` is the smaller id's
            found.setdefault(here, {}).setdefault(other, []).extend(
                SharedPassage(other, r.words, r.span_in(side), r.span_in(1 - side)) for r in runs
            )
    return {
        here: {o: tuple(sorted(ps, key=lambda p: p.here)) for o, ps in sorted(by.items()) if ps}
        for here, by in found.items()
    }
