"""Suspect claims: fingerprints of the source text around each cited passage.

`factcheck review` writes, into each evidence item, `fingerprint: B-P-A`: three short
hashes (8 hex digits of SHA-256) of the source text

- B, before the passage: from the start of the sentence before the one the passage
  starts in, up to the passage;
- P, the passage itself, from the first word cited to the last, omitted parts included;
- A, after it: from the passage to the end of the sentence after the one it ends in.

So a window of one whole sentence each side, plus the rest of the passage's own
sentences. The text is normalised as for excerpt matching first, so re-wrapping lines or
straightening quotes does not count as a change. A sentence ends at `.`, `!` or `?` (and
any closing quotes or brackets) before white space, or at a blank line.

`factcheck check` recomputes the hashes from the current text and warns, naming the
claim, the source, which side changed and what that side reads now, until `review`
refreshes the fingerprint. Only the repository's current files are read, so this works
in a shallow clone. Three hashes rather than one are what let the warning say which side
changed; storing the old words themselves would put copies of the source in every claim.

Writing them into claim files is `generator.review`.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right

from .model import Claim, Match, Problem, Source, Suspect
from .normalise import normalise

SIDES = ("before", "passage", "after")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’»)\]]*\s+|\n[ \t]*\n\s*")
_SHOWN = 200  # characters of a changed side quoted in a warning


def sentence_starts(text: str) -> list[int]:
    """Where each sentence of `text` starts (the first at 0)."""
    return [0, *(m.end() for m in _SENTENCE_BREAK.finditer(text))]


def windows(text: str, match: Match, starts: list[int] | None = None) -> tuple[str, str, str]:
    """The source text before, of and after a cited passage (see the module docstring).

    `starts`: `sentence_starts(text)`, when the caller keeps it for several passages."""
    if starts is None:
        starts = sentence_starts(text)
    first = bisect_right(starts, match.start) - 1
    last = bisect_right(starts, max(match.end - 1, match.start)) - 1
    begin = starts[max(first - 1, 0)]
    finish = starts[last + 2] if last + 2 < len(starts) else len(text)
    return text[begin : match.start], text[match.start : match.end], text[match.end : finish]


def _hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:8]


def fingerprint(source: Source, match: Match) -> str:
    return "-".join(_hash(part) for part in windows(source.text, match))


def suspect(
    source: Source, match: Match, stamped: str, starts: list[int] | None = None
) -> Suspect | None:
    """What changed around the passage since `stamped` was written, or None."""
    parts = windows(source.text, match, starts)
    old = stamped.split("-")
    changed = [i for i, part in enumerate(parts) if _hash(part) != old[i]]
    if not changed:
        return None
    return Suspect(
        tuple(SIDES[i] for i in changed), tuple(_clip(parts[i], SIDES[i]) for i in changed)
    )


def _clip(text: str, side: str) -> str:
    # The words nearest the passage matter most: keep the end of what comes before it.
    text = " ".join(normalise(text).split())
    if len(text) <= _SHOWN:
        return text
    if side == "before":
        return "…" + text[-(_SHOWN - 1) :].lstrip()
    return text[: _SHOWN - 1].rstrip() + "…"


def mark_suspects(
    claim: Claim,
    sources: dict[str, Source],
    problems: list[Problem],
    starts: dict[str, list[int]] | None = None,
) -> None:
    """Flag evidence whose source text changed since review, with a warning each.

    `starts`: each source's `sentence_starts` by id, kept by the caller across claims (a
    source cited a thousand times is split into sentences once)."""
    for e in claim.evidence:
        source = sources.get(e.source_id)
        if e.fingerprint is None or e.match is None or source is None:
            continue
        known = None
        if starts is not None:
            known = starts.get(source.id)
            if known is None:
                known = starts[source.id] = sentence_starts(source.text)
        e.suspect = suspect(source, e.match, e.fingerprint, known)
        if e.suspect is None:
            continue
        if e.suspect.sides == ("passage",):
            what = "the cited passage (its omitted parts)"
        else:
            what = " and ".join(
                "the passage" if s == "passage" else f"the text {s} the cited passage"
                for s in e.suspect.sides
            )
        if len(e.suspect.now) == 1:
            now = f"it now reads “{e.suspect.now[0]}”"
        else:
            now = "they now read " + "; ".join(
                f"{side}: “{text}”"
                for side, text in zip(e.suspect.sides, e.suspect.now, strict=True)
            )
        problems.append(
            Problem.at(
                e.where,
                f"claim `{claim.id}` needs re-review: in source `{source.id}`, {what} changed "
                f"since it was reviewed; {now}. Check the claim against it, then "
                f"run `factcheck review {claim.file}`",
                "warning",
            )
        )
