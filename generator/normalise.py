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
from, so a match found in normalised text is reported in offsets into the original. The
map is sparse: almost every normalised character comes from the original character at a
fixed distance before it, so only the places where that distance changes are stored (a
run of white space, a removed character, an ellipsis, a composed accent), and a lookup is
a binary search. On an article that is a few dozen entries instead of one per character.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import overload

QUOTES = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032'", "'"),
    **dict.fromkeys('\u201c\u201d\u201e\u201f\u2033"', '"'),
}
DASHES = dict.fromkeys("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-")
ELLIPSIS = {"\u2026": "..."}
# Soft hyphen, zero-width space / non-joiner / joiner, word joiner, zero-width no-break space.
INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
# Exactly the characters for which str.isspace() holds (and regex `\s` matches); a test
# checks the list against every code point.
WHITE_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)

_REMOVE_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))
_FOLDS: dict[str, str] = {**QUOTES, **DASHES, **ELLIPSIS}
# The one-for-one folds: a white-space character other than the space becomes a space,
# quotes and dashes their plain form. Offsets do not move.
_ONE_FOR_ONE: dict[str, str] = {
    **{k: v for k, v in {**QUOTES, **DASHES}.items() if k != v},
    **dict.fromkeys(WHITE_SPACE.replace(" ", ""), " "),
}
_INV = "".join(sorted(INVISIBLE))
_ONE_FOR_ONE_ITEMS = tuple(_ONE_FOR_ONE.items())
# What is not copied as it is once the one-for-one folds are done: runs of white space and
# invisible characters (two or more, or at either end, or an invisible alone) and the
# ellipsis. Prose is mostly copied, so the loop runs per paragraph break rather than per
# character. Written to start with one character class, which the regex engine skips
# ahead to (four times faster on prose than one alternative per case); then: a run of two
# or more, an invisible character or ellipsis alone, one white-space character at the end
# or at the start. Repeated without nesting: linear time.
_SPECIAL = re.compile(
    rf"[\s{_INV}\u2026]"
    rf"(?:(?<=[\s{_INV}])[\s{_INV}]+|(?<=[{_INV}\u2026])|(?<=\s)\Z|(?<=\A\s))"
)
_SPACE_RUNS = re.compile("  +")  # a literal first: the scan skips ahead to two spaces
# ASCII text with something to fold: white space other than a single inner space (straight
# quotes and the hyphen fold to themselves). `normalise_mapped` tells it by splitting and
# joining, which a test checks is the same answer.
_ASCII_WORK = re.compile(r"\A\s|\s\Z|\s\s|[\t\n\x0b\x0c\r\x1c-\x1f]")


# The map of a text copied one for one: one segment, from offset 0, step 1, width 1.
# Shared by every such text (most excerpts): a map is read, never written.
_ONE_SEGMENT = tuple(array("q", [n]) for n in (0, 0, 1, 1))


class _Offsets(Sequence[int]):
    """A read-only view of one side of the map (`starts` or `ends`), one entry per
    normalised character, computed on demand."""

    def __init__(self, norm: NormalisedText, ends: bool) -> None:
        self._norm = norm
        self._ends = ends

    def __len__(self) -> int:
        return len(self._norm.text)

    @overload
    def __getitem__(self, i: int) -> int: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[int]: ...
    def __getitem__(self, i: int | slice) -> int | Sequence[int]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._norm.end_of(i) if self._ends else self._norm.start_of(i)


class NormalisedText:
    """Normalised text plus, for each of its characters, the original range it came from.

    `start_of(i):end_of(i)` is the slice of the original text that produced normalised
    character `i` (one character, a collapsed run of white space, an ellipsis that became
    three dots, or a composed accent cluster).

    The map is a list of segments, each from normalised offset `at`: character `i` of the
    segment comes from `origin + step * (i - at)` and spans `width` original characters
    (step 1, width 1: copied one for one; step 0: several normalised characters from one
    original range, like the three dots of an ellipsis).
    """

    __slots__ = ("_at", "_origin", "_step", "_width", "original", "text")

    def __init__(
        self,
        original: str,
        text: str,
        at: array[int],
        origin: array[int],
        step: array[int],
        width: array[int],
    ) -> None:
        self.original = original
        self.text = text
        self._at = at
        self._origin = origin
        self._step = step
        self._width = width

    def start_of(self, i: int) -> int:
        """Original offset of the first character behind normalised character `i`."""
        k = bisect_right(self._at, i) - 1
        return self._origin[k] + self._step[k] * (i - self._at[k])

    def end_of(self, i: int) -> int:
        """Original offset just past the characters behind normalised character `i`."""
        k = bisect_right(self._at, i) - 1
        return self._origin[k] + self._step[k] * (i - self._at[k]) + self._width[k]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the normalised slice `text[start:end]` (end > start)."""
        return self.start_of(start), self.end_of(end - 1)

    @property
    def starts(self) -> Sequence[int]:
        return _Offsets(self, ends=False)

    @property
    def ends(self) -> Sequence[int]:
        return _Offsets(self, ends=True)

    @property
    def segments(self) -> int:
        """How many entries the map holds (for tests and the benchmark)."""
        return len(self._at)


class _Builder:
    """Collects normalised text and its sparse map, merging one-for-one stretches."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.length = 0
        self.at = array("q")
        self.origin = array("q")
        self.step = array("q")
        self.width = array("q")

    def copy(self, origin: int, piece: str) -> None:
        """`piece` comes one for one from the original at `origin`."""
        if not piece:
            return
        if not (
            self.at
            and self.step[-1] == 1
            and self.width[-1] == 1
            and self.origin[-1] + self.length - self.at[-1] == origin
        ):
            self._segment(origin, 1, 1)
        self.pieces.append(piece)
        self.length += len(piece)

    def fixed(self, start: int, end: int, piece: str) -> None:
        """Every character of `piece` comes from the original range [start, end)."""
        if end - start == 1 and len(piece) == 1:
            self.copy(start, piece)
            return
        self._segment(start, 0, end - start)
        self.pieces.append(piece)
        self.length += len(piece)

    def _segment(self, origin: int, step: int, width: int) -> None:
        self.at.append(self.length)
        self.origin.append(origin)
        self.step.append(step)
        self.width.append(width)

    def done(self, original: str) -> NormalisedText:
        return NormalisedText(
            original, "".join(self.pieces), self.at, self.origin, self.step, self.width
        )


def normalise(text: str) -> str:
    """The normalised form of `text` (see the module docstring for what is folded)."""
    return normalise_mapped(text).text


def normalise_mapped(text: str) -> NormalisedText:
    """Normalise `text`, keeping the map from normalised characters to original offsets."""
    if text.isascii():
        # Nothing to fold: white space only as single inner spaces (a one-line excerpt,
        # mostly). Splitting and joining tells it faster than `_ASCII_WORK` would.
        if text and " ".join(text.split()) == text:
            return NormalisedText(text, text, *_ONE_SEGMENT)
        return _normalise_composed(text)
    # One `in` scan per invisible character is far cheaper than a character-class search.
    invisible = any(char in text for char in _INV)
    visible = text.translate(_REMOVE_INVISIBLE) if invisible else text
    if unicodedata.is_normalized("NFC", visible):
        return _normalise_composed(text)
    return _normalise_clusters(text)


# Excerpts up to this long are remembered by `normalise_excerpt` (the excerpt limit).
_REMEMBERED_CHARS = 2_000
_remembered: dict[str, NormalisedText] = {}


def normalise_excerpt(text: str) -> NormalisedText:
    """`normalise_mapped(text)` for an excerpt, which the matcher and each value reader
    all normalise: the latest few (up to 64, forgotten together) are remembered, so each
    is normalised once. Callers
    must not change the answer (nothing does: a NormalisedText is read, never written)."""
    found = _remembered.get(text)
    if found is None:
        found = normalise_mapped(text)
        if len(text) <= _REMEMBERED_CHARS:
            if len(_remembered) >= 64:
                _remembered.clear()  # cheaper than finding the oldest in a churned dict
            _remembered[text] = found
    return found


def _normalise_composed(text: str) -> NormalisedText:
    """The common case, text already composed: one regex pass finds what is not copied
    as it is; the stretches between are copied whole."""
    # One-for-one folds keep every offset, so they are done first, on the whole text, by
    # str.replace (a fast scan) for only the characters present.
    folded = text
    for char, plain in _ONE_FOR_ONE_ITEMS:
        if char in folded:
            folded = folded.replace(char, plain)
    specials = _special_spans(folded)
    if not specials and folded:  # copied one for one: a quotation with curly quotes
        return NormalisedText(text, folded, *_ONE_SEGMENT)
    if specials and "\u2026" not in folded and not any(char in folded for char in _INV):
        spaced = _spaces_collapsed(text, folded, specials)
        if spaced is not None:
            return spaced
    # What `_Builder` does, inlined: a source has a segment per paragraph break, and the
    # method calls per piece were most of the cost.
    at: list[int] = []
    origin: list[int] = []
    step: list[int] = []
    width: list[int] = []
    pieces: list[str] = []
    length = pos = 0
    for start, end in [*specials, (len(folded), len(folded))]:
        if start > pos:  # copy folded[pos:start] one for one, extending the last segment
            if not (
                at and step[-1] == 1 and width[-1] == 1 and origin[-1] + length - at[-1] == pos
            ):
                at.append(length)
                origin.append(pos)
                step.append(1)
                width.append(1)
            pieces.append(folded[pos:start])
            length += start - pos
        if start == len(folded):
            break
        pos = end
        if end - start == 1 and folded[start] == "\u2026":
            # Three dots from one character.
            at.append(length)
            origin.append(start)
            step.append(0)
            width.append(1)
            pieces.append("...")
            length += 3
        elif start == 0 or end == len(text):
            continue  # white space at either end is dropped
        else:
            # A run of white space with invisible characters around or inside it: one space
            # for the stretch from its first to its last white-space character.
            run = folded[start:end]
            inner = run.strip(_INV)
            if not inner:
                continue
            first = start + run.index(inner[0])
            if len(inner) == 1:  # one for one, as a copy
                if not (
                    at
                    and step[-1] == 1
                    and width[-1] == 1
                    and origin[-1] + length - at[-1] == first
                ):
                    at.append(length)
                    origin.append(first)
                    step.append(1)
                    width.append(1)
            else:
                at.append(length)
                origin.append(first)
                step.append(0)
                width.append(len(inner))
            pieces.append(" ")
            length += 1
    return NormalisedText(
        text,
        "".join(pieces),
        array("q", at),
        array("q", origin),
        array("q", step),
        array("q", width),
    )


def _spaces_collapsed(
    text: str, folded: str, specials: list[tuple[int, int]]
) -> NormalisedText | None:
    """What the loop of `_normalise_composed` makes of text whose only specials are runs
    of spaces (a source's paragraph breaks): each interior run becomes one space mapped to
    the whole run, those at either end go. Made in one pass over the runs, without the
    loop's tests per run; None when the text is nothing but spaces."""
    first = specials[0][1] if specials[0][0] == 0 else 0  # leading spaces dropped
    last = specials[-1][0] if specials[-1][1] == len(folded) else len(folded)
    if first >= last:
        return None
    inner = specials[(first > 0) : len(specials) - (last < len(folded))]
    at = [0]
    origin = [first]
    step = [1]
    width = [1]
    pieces: list[str] = []
    pos = first
    removed = first  # characters of `folded` left out so far
    for start, end in inner:
        pieces.append(folded[pos:start])
        here = start - removed
        at += (here, here + 1)
        origin += (start, end)
        step += (0, 1)
        width += (end - start, 1)
        removed += end - start - 1
        pos = end
    pieces.append(folded[pos:last])
    return NormalisedText(
        text,
        " ".join(pieces),
        array("q", at),
        array("q", origin),
        array("q", step),
        array("q", width),
    )


def _special_spans(folded: str) -> list[tuple[int, int]]:
    """The spans `_SPECIAL` finds in text whose one-for-one folds are done.

    There every white-space character is a space. Without invisible characters (nearly
    every text), what `_SPECIAL` finds is then: runs of two or more spaces, each ellipsis,
    and a lone space at either end. A scan for two spaces skips the single spaces between
    words, at each of which `_SPECIAL` stops (it was half the cost of normalising prose).
    """
    if any(char in folded for char in _INV):
        return [m.span() for m in _SPECIAL.finditer(folded)]
    spans = [m.span() for m in _SPACE_RUNS.finditer(folded)]
    if "\u2026" in folded:
        at = folded.find("\u2026")
        while at >= 0:
            spans.append((at, at + 1))
            at = folded.find("\u2026", at + 1)
        spans.sort()
    if folded[:1] == " " and not (spans and spans[0][0] == 0):
        spans.insert(0, (0, 1))
    if folded[-1:] == " " and not (spans and spans[-1][1] == len(folded)):
        spans.append((len(folded) - 1, len(folded)))
    return spans


def _normalise_clusters(text: str) -> NormalisedText:
    """Text with characters to compose: cluster by cluster (slower, and rare)."""
    out = _Builder()
    space_start: int | None = None  # start of a pending white-space run
    space_end = 0
    emitted = False
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
                if emitted:  # white space at the very start is dropped
                    out.fixed(space_start, space_end, " ")
                space_start = None
            out.fixed(start, end, _FOLDS.get(ch, ch))
            emitted = True
    return out.done(text)


def _clusters(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, NFC text) for each run of a base character and its combining marks.

    Composition only ever merges a character with the marks that follow it, so composing
    each cluster on its own gives the NFC of the whole text with a known origin per piece.
    Invisible characters are dropped first: a soft hyphen between a letter and its accent
    must not keep them apart.
    """
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
