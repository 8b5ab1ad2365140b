"""Text normalisation for excerpt matching, with a map back to the original characters.

Recognises only the differences a reader cannot see or does not care about, and folds
each to one form:

- runs of white space, line breaks and no-break spaces (U+00A0, U+202F, U+2007, ...)
  -> one space; white space at either end is dropped;
- curly, low and prime quotes -> ' or ";
- dash variants (hyphen, non-breaking hyphen, figure/en/em dash, bar, minus) -> "-";
  a dash is folded, never removed;
- the ellipsis character -> "...";
- soft hyphens and zero-width characters -> removed;
- canonically equivalent spellings (a precomposed "é" vs "e" + combining accent) -> NFC,
  since they render identically.

Everything else (case, punctuation, accents, digits) is left as it is: a fact-checker's
quote has to be the source's words, not words that look alike after folding.

Every character of the normalised text remembers the range of original characters it came
from, so a match found in normalised text is reported in offsets into the original.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

QUOTES = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032'", "'"),
    **dict.fromkeys('\u201c\u201d\u201e\u201f\u2033"', '"'),
}
DASHES = dict.fromkeys("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-")
ELLIPSIS = {"\u2026": "..."}
# Soft hyphen, zero-width space / non-joiner / joiner, word joiner, zero-width no-break space.
INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")

_REMOVE_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))
_FOLDS: dict[str, str] = {**QUOTES, **DASHES, **ELLIPSIS}


@dataclass(frozen=True)
class NormalisedText:
    """Normalised text plus, for each of its characters, the original range it came from.

    `starts[i]:ends[i]` is the slice of the original text that produced normalised
    character `i` (one character, a collapsed run of white space, an ellipsis that became
    three dots, or a composed accent cluster).
    """

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the normalised slice `text[start:end]` (end > start)."""
        return self.starts[start], self.ends[end - 1]


def normalise(text: str) -> str:
    """The normalised form of `text` (see the module docstring for what is folded)."""
    return normalise_mapped(text).text


def normalise_mapped(text: str) -> NormalisedText:
    """Normalise `text`, keeping the map from normalised characters to original offsets."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    space_start: int | None = None  # start of a pending white-space run
    space_end = 0
    for start, end, chars in _clusters(text):
        for ch in chars:
            if ch in INVISIBLE:
                continue
            if ch.isspace():
                if space_start is None:
                    space_start = start
                space_end = end
                continue
            if space_start is not None:
                if out:  # white space at the very start is dropped
                    out.append(" ")
                    starts.append(space_start)
                    ends.append(space_end)
                space_start = None
            for folded in _FOLDS.get(ch, ch):
                out.append(folded)
                starts.append(start)
                ends.append(end)
    return NormalisedText(text, "".join(out), tuple(starts), tuple(ends))


def _clusters(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, NFC text) for each run of a base character and its combining marks.

    Composition only ever merges a character with the marks that follow it, so composing
    each cluster on its own gives the NFC of the whole text with a known origin per piece.
    Invisible characters are dropped first: a soft hyphen between a letter and its accent
    must not keep them apart.
    """
    if unicodedata.is_normalized("NFC", text.translate(_REMOVE_INVISIBLE)):
        for i, ch in enumerate(text):
            yield i, i + 1, ch
        return
    cluster: list[int] = []  # offsets of the cluster's characters, invisibles left out
    for i, ch in enumerate(text):
        if ch in INVISIBLE:
            continue
        if cluster and _starts_cluster(ch):
            yield from _compose(text, cluster)
            cluster = []
        cluster.append(i)
    if cluster:
        yield from _compose(text, cluster)


def _compose(text: str, cluster: list[int]) -> Iterator[tuple[int, int, str]]:
    chars = "".join(text[i] for i in cluster)
    composed = unicodedata.normalize("NFC", chars)
    if composed == chars:  # keep each character's own origin when nothing was composed
        for i in cluster:
            yield i, i + 1, text[i]
    else:
        yield cluster[0], cluster[-1] + 1, composed


def _starts_cluster(ch: str) -> bool:
    # Conjoining Hangul vowels and finals compose with the preceding jamo although their
    # combining class is 0, so they must stay in the same cluster.
    return unicodedata.combining(ch) == 0 and not "\u1160" <= ch <= "\u11ff"
