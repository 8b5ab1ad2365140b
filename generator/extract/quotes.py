"""Quotes: the words an excerpt puts between quotation marks.

Recognises quotation marks of any style, as written: “ ” " ‘ ’ ' „ ‚ « » ‹ ›. A single
mark between two letters is an apostrophe (`Sadr’s`, `won’t`), not a quotation mark.
Pairs are matched outermost first: a quote inside a quote stays part of the outer one.
Real copy is not always tidy, so:

- a quote opened with one style and closed with another (`“Million Man March’`) closes
  at the first closing mark of the other style when none of its own follows;
- a quote still open at the end of the excerpt runs to the end (the excerpt stops
  mid-quote), and a closing mark before any opening one closes a quote that the excerpt
  starts inside (`...occupying forces,” Mr Sadr said`): double marks always, single marks
  only right after punctuation (`forces,’`), since `protesters’` is a possessive;
- a single closing mark after an `s` and before a word (`the protesters’ roundabout`) may
  be a possessive: a quote closes at such a mark only when no surer one follows, and at
  the last of them (before the next opening mark of its style);
- an excerpt with no quotation marks at all shows no quoted words: it is read only when
  `value:` gives the words, which must be in it.

Each quoted passage is a figure; its words (see `words`) are what sources are compared on.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from ..model import Value
from .base import Excerpt, Reading, Unreadable, clip
from .words import word_spans, words

_DOUBLE = frozenset('"“”„‟«»')
_SINGLE = frozenset("'‘’‚‛‹›")
_OPENING = frozenset("“„‟«‘‚‛‹")
_CLOSING = frozenset("”»’›")
_PUNCTUATION = frozenset(",.;:!?…-")
_BEFORE_OPENING = frozenset("([{-/")


class _Mark(NamedTuple):  # a tuple: made for every quotation mark of every excerpt
    at: int  # offset in the normalised text
    opens: bool
    double: bool
    strong: bool  # surely closing: right after punctuation
    possessive: bool  # maybe an apostrophe: `protesters’ roundabout`


_MARK_CHARS = re.compile("['\"«»‹›]")  # what a quotation mark is once normalised


def _marks(excerpt: Excerpt) -> list[_Mark]:
    text = excerpt.text
    out = []
    for found in _MARK_CHARS.finditer(text):  # the few candidates, not every character
        i = found.start()
        ch = excerpt.original_char(i)
        if ch not in _DOUBLE and ch not in _SINGLE:
            continue  # a prime (5′), folded to a quote but not one
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        at_start = before.isspace() or before in _BEFORE_OPENING or before in "\"'"
        at_end = after.isspace() or after in _PUNCTUATION or after in "\"')]"
        if before.isalnum() and after.isalnum() and ch in _SINGLE:
            continue  # an apostrophe
        if ch in _OPENING and ch in "“‘«" and at_end and not at_start:
            opens = False  # German „…“ and ‚…‘, Danish »…«: the mark closes
        elif ch in _OPENING:
            opens = True
            if ch in _SINGLE and after.isspace():
                continue
        elif ch in _CLOSING:
            opens = False
            if ch in _SINGLE and before.isspace():
                continue  # ’90s
        elif at_start and not after.isspace():
            opens = True
        elif at_end and not before.isspace():
            opens = False
        else:
            continue
        possessive = not opens and ch in _SINGLE and before in "sS" and after.isspace()
        strong = not opens and before in _PUNCTUATION
        out.append(_Mark(i, opens, ch in _DOUBLE, strong, possessive))
    return out


def _closing(marks: list[_Mark], k: int) -> int | None:
    """Index of the mark that closes the quote opened by marks[k], if any."""
    double = marks[k].double
    same = other = strong_other = None
    for j in range(k + 1, len(marks)):
        mark = marks[j]
        if mark.opens:
            if mark.double == double and same is not None:
                break  # the next quote of this style starts: the last candidate closed it
            continue
        if mark.double == double:
            if not mark.possessive:
                return j
            same = j  # maybe a possessive: a later one is likelier to close the quote
        elif other is None:
            other = j
        if strong_other is None and mark.double != double and mark.strong:
            strong_other = j
    if same is not None:
        return same
    # Mismatched styles: a closing mark right after punctuation is the likeliest end.
    return strong_other if strong_other is not None else other


def passages(excerpt: Excerpt, marks: list[_Mark] | None = None) -> list[tuple[int, int]]:
    """(start, end) in the normalised text of each quoted passage, in order (`marks`: the
    excerpt's, when the caller already found them)."""
    if marks is None:
        marks = _marks(excerpt)
    found: list[tuple[int, int]] = []
    k = 0
    while k < len(marks):
        mark = marks[k]
        if mark.opens:
            j = _closing(marks, k)
            if j is None:
                found.append((mark.at + 1, len(excerpt.text)))
                break
            found.append((mark.at + 1, marks[j].at))
            k = j + 1
            continue
        if k == 0 and (mark.double or mark.strong):
            found.append((0, mark.at))
        k += 1
    if not found:
        found.append((0, len(excerpt.text)))
    return [_trim(excerpt.text, start, end) for start, end in found]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    # A comma or colon before the closing mark is the writer's punctuation, not the quote's.
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _value(excerpt: Excerpt, start: int, end: int, said: tuple[str, ...]) -> Value:
    return Value("quote", excerpt.written(start, end), words=said, span=excerpt.span(start, end))


def readings(excerpt: Excerpt, published: dt.date | None = None) -> list[Reading]:
    """Every quoted passage with words in it.

    An excerpt without quotation marks does not show which words are quoted (the
    reporter's paraphrase looks the same): it is read only with a `value:`.
    """
    marks = _marks(excerpt)
    if not marks:
        if not words(excerpt.text):
            return []
        return [
            Reading(
                clip(excerpt.original),
                (0, len(excerpt.original)),
                None,
                unresolved="the excerpt has no quotation marks, so it does not show which "
                "words are quoted: include the source's quotation marks in the excerpt, or "
                "give the quoted words in `value:`.",
            )
        ]
    out = []
    for start, end in passages(excerpt, marks):
        said = words(excerpt.text[start:end], drop_insertions=True)
        if said:
            value = _value(excerpt, start, end, said)
            out.append(Reading(value.display, excerpt.span(start, end), value))
    return out


def parse_given(given: str, published: dt.date | None = None) -> Value | Unreadable:
    said = words(given, drop_insertions=True)
    if not said:
        return Unreadable(f"`value: {given}` has no words: give the quoted words.")
    return Value("quote", " ".join(given.split()), words=said)


def find_given(excerpt: Excerpt, given: str, published: dt.date | None) -> Value | Unreadable:
    """The quoted passage, or the part of one, that the explicit value names."""
    wanted = parse_given(given)
    if isinstance(wanted, Unreadable):
        return wanted
    n = len(wanted.words)
    for start, end in passages(excerpt):
        spans = [
            (w, start + s, start + e)
            for w, s, e in word_spans(excerpt.text[start:end], drop_insertions=True)
        ]
        said = tuple(w for w, _, _ in spans)
        for i in range(len(said) - n + 1):
            if said[i : i + n] == wanted.words:
                if n == len(said):
                    return _value(excerpt, start, end, said)
                return _value(excerpt, spans[i][1], spans[i + n - 1][2], wanted.words)
    everywhere = words(excerpt.text, drop_insertions=True)
    if any(everywhere[i : i + n] == wanted.words for i in range(len(everywhere) - n + 1)):
        return Unreadable(
            f"`value: {given}` is in the excerpt but not between its quotation marks: "
            "the value of a quote claim must be words the source quotes."
        )
    return Unreadable(
        f"`value: {given}` is not among the words the excerpt quotes (case and punctuation "
        "aside): copy the quoted words from the excerpt."
    )
