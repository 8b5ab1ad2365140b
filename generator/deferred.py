"""Shared wording worked out only when first asked for.

Finding every source's words is the costliest step of a check whose claims all come from
the cache: their verdicts are already known, so nothing asks about shared wording unless
a claim changed or a site page lists it. `Deferred` stands in for the publication's
`SharedWording` and builds it on the first question, with the same answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .shared_wording import SharedPassage, SharedRun, SharedWording


class Deferred(SharedWording):
    """The `SharedWording` that `build()` returns, built on first use."""

    def __init__(self, build: Callable[[], SharedWording]) -> None:
        super().__init__({})
        self._build: Callable[[], SharedWording] | None = build
        self._real: SharedWording | None = None

    @property
    def built(self) -> bool:
        return self._real is not None

    def build(self) -> None:
        """Work it out now rather than when first asked."""
        self._shared()

    def _shared(self) -> SharedWording:
        if self._real is None:
            assert self._build is not None
            self._real, self._build = self._build(), None
        return self._real

    @property
    def pairs(self) -> dict[tuple[str, str], tuple[SharedRun, ...]]:
        return self._shared().pairs

    def between(self, a: str, b: str) -> tuple[SharedRun, ...]:
        return self._shared().between(a, b)

    def of(self, source_id: str) -> dict[str, tuple[SharedPassage, ...]]:
        return self._shared().of(source_id)

    def common_run(
        self,
        a: str,
        spans_a: Iterable[tuple[int, int]],
        b: str,
        spans_b: Iterable[tuple[int, int]],
    ) -> SharedRun | None:
        return self._shared().common_run(a, spans_a, b, spans_b)
