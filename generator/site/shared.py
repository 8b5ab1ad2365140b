"""Shared wording as the site asks for it: each source's answer worked out once per build.

A source page lists the sources it shares wording with, and every claim card linking to a
shared passage asks the same of its source, so one build asks `of()` of each source many
times; the engine's `SharedWording` works the pairs out afresh (it keeps only the latest).
`Remembered` keeps each source's answer, and the sources its page lists, for one `Site`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from ..shared_wording import SharedPassage, SharedRun, SharedWording

MAX_SHARED = 10  # sources listed under "Shares wording with" on one page


class Remembered(SharedWording):
    """`shared`, answering each `of(source_id)` once; `kept` ranks among `shown` only."""

    def __init__(self, shared: SharedWording, shown: Collection[str]) -> None:
        super().__init__({})
        self._shared = shared
        self._shown = shown
        self._of: dict[str, dict[str, tuple[SharedPassage, ...]]] = {}
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
        found = self._of.get(source_id)
        if found is None:
            found = self._of[source_id] = self._shared.of(source_id)
        return found

    def learn(self, other: Remembered) -> None:
        """Take `other`'s answers: the shared wording of the same sources."""
        self._of, self._kept = other._of, other._kept

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
