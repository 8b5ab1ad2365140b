"""Judging the claims a check has checked, and what the cache keeps of each.

A claim is checked (loaded, its excerpts found, its values read) before it is judged, and
judged once the publication's shared wording is at hand: `Judging` keeps the checked
claims in the folder's order, judges those waiting a batch at a time, and reports each
one's warnings (evidence whose source changed since review). No MkDocs here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cache import EngineCache
from .fingerprints import mark_suspects
from .model import Claim, Problem, Source
from .shared_wording import SharedWording
from .verdicts import judge


@dataclass
class Checked:
    """One claim as the check leaves it: `judged` when it came whole from the cache;
    `cited` (the content keys of the sources it cites) set when it may be cached."""

    key: str
    claim: Claim | None
    problems: list[Problem]
    cited: list[tuple[str, str]] | None
    judged: bool = False


def verdicts_of(
    checked: list[Checked],
    sources: dict[str, Source],
    shared: SharedWording,
    sentences: dict[str, list[int]],
) -> list[list[Problem]]:
    """Judge each of these checked claims; each one's warnings (evidence whose source
    changed since review). `sentences`: each source's, kept across claims."""
    out: list[list[Problem]] = []
    for each in checked:
        claim = each.claim
        assert claim is not None
        claim.verdict = judge(claim, sources, shared)
        warnings: list[Problem] = []
        mark_suspects(claim, sources, warnings, sentences)
        out.append(warnings)
    return out


class Judging:
    """The claims checked so far, in the folder's order, judged a batch at a time once
    the shared wording is had; their problems, and what the cache keeps of them."""

    def __init__(
        self, sources: dict[str, Source], problems: list[Problem], store: EngineCache | None
    ) -> None:
        self.sources = sources
        self.problems = problems
        self.store = store
        self.shared: SharedWording | None = None
        self.claims: list[Claim] = []
        self.claim_keys: set[str] = set()
        self.waiting: list[Checked] = []  # checked, not judged yet
        self.sentences: dict[str, list[int]] = {}

    def keep(self, checked: Checked | None, warnings: list[Problem] | None = None) -> None:
        """A claim as it was checked, to be judged unless it was (its `warnings` given)."""
        if checked is None:
            return
        store = self.store
        self.claim_keys.add(checked.key)
        if checked.claim is not None:
            self.claims.append(checked.claim)
            if warnings is not None:
                self._judged(checked, warnings)
            elif not checked.judged:
                self.waiting.append(checked)
        elif store is not None and checked.cited is not None and not checked.judged:
            store.put(store.claims, checked.key, (None, checked.problems, checked.cited))

    def judge_waiting(self) -> None:
        assert self.shared is not None
        verdicts = verdicts_of(self.waiting, self.sources, self.shared, self.sentences)
        for checked, warnings in zip(self.waiting, verdicts, strict=True):
            self._judged(checked, warnings)
        self.waiting.clear()

    def _judged(self, checked: Checked, warnings: list[Problem]) -> None:
        self.problems.extend(warnings)
        store = self.store
        if store is not None:
            store.stats.claims_judged += 1
            if checked.cited is not None:
                # Judged, with its warnings: a warm run reuses the verdict as well.
                store.put(
                    store.claims,
                    checked.key,
                    (checked.claim, checked.problems + warnings, checked.cited),
                )
