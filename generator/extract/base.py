"""What every value reader shares: the Unreadable answer and a figure found in an excerpt.

Readers work on the excerpt as the team's excerpt matcher normalises it (white space,
dashes, quotes and invisible characters folded; see `generator.normalise`), and report
spans as offsets into the excerpt exactly as the contributor wrote it, so the site can
highlight the figure where the reader sees it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..model import Value
from ..normalise import INVISIBLE, NormalisedText, normalise_excerpt


@dataclass(frozen=True)
class Unreadable:
    """Why no value could be read: a full sentence addressed to the contributor."""

    message: str


@dataclass(frozen=True)
class Reading:
    """One figure found in an excerpt.

    `value` is None when the figure cannot be pinned down from the excerpt alone (a date
    without a year and no `published` date); `unresolved` then says why, as a sentence.
    A `weak` figure (a bare year read as a quantity, a lone "one", a side of a tally) is
    ambiguous enough that it is read only when an explicit `value:` names it.
    """

    written: str
    span: tuple[int, int]
    value: Value | None
    weak: bool = False
    unresolved: str = ""
    # A weak figure that a reader still sees as a figure (a year, a tally, a rank): the
    # excerpt then states several figures, and a lone strong one is not read silently.
    rival: bool = False
    # The values an unresolved figure may stand for ("12.000": 12 or 12,000), any of which
    # an explicit `value:` may name.
    candidates: tuple[Value, ...] = ()


class Excerpt:
    """An excerpt normalised for reading, with the way back to the written text."""

    __slots__ = ("language", "norm", "original", "text")

    def __init__(self, written: str, language: str | None = None) -> None:
        self.norm: NormalisedText = normalise_excerpt(written)
        self.text: str = self.norm.text
        self.original: str = written
        self.language = language  # the source's: how its digits are separated

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the written excerpt of the normalised slice `text[start:end]`."""
        if end <= start:
            at = self.norm.starts[start] if start < len(self.norm.starts) else len(self.original)
            return at, at
        return self.norm.original_span(start, end)

    def written(self, start: int, end: int) -> str:
        """The normalised slice as the contributor wrote it, white space collapsed."""
        first, last = self.span(start, end)
        return as_written(self.original[first:last])

    def original_char(self, index: int) -> str:
        """The written character behind normalised character `index` (quotes differ)."""
        return self.original[self.norm.start_of(index)]


_DROP_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))
# A pattern that ignores case also matches these for the ASCII letter beside them: a word
# matched as "thousand" may be written "thouſand" (long s) or "tıll" (dotless i).
_AS_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"})


@lru_cache(maxsize=256)  # a reader asks it of the same excerpt for each kind of figure
def table_key(word: str) -> str:
    """A word that a case-ignoring pattern matched, spelt as the readers' tables spell it
    (lower case, ASCII where the pattern matched an ASCII letter)."""
    return word.translate(_AS_ASCII).lower()


def as_written(text: str) -> str:
    """`text` with its white-space runs collapsed and invisible characters dropped."""
    if text.isascii():  # no invisible character is ASCII
        return " ".join(text.split())
    return " ".join(text.translate(_DROP_INVISIBLE).split())


def clip(text: str, most: int = 40) -> str:
    """`text` short enough to quote in a message (a 400-digit number would drown it)."""
    text = as_written(text)
    return text if len(text) <= most else text[: most - 1] + "…"


def whole(excerpt: Excerpt) -> tuple[int, int]:
    """The span of everything but surrounding white space: what a bare value must fill."""
    return excerpt.span(0, len(excerpt.text))


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the given spans blanked out (same length, so offsets stay valid).

    NUL is neither a digit, a letter nor a space, so nothing reads across a masked span.
    """
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = "\0" * (end - start)
    return "".join(chars)


def overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)
