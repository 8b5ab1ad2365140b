"""Words as quotes are compared: lower-cased, without punctuation.

A word is a run of letters and digits; an apostrophe inside a word joins it (`Sadr’s` is
the one word `sadrs`, the same as `Sadr's`), and a hyphen separates (`million-man` is
`million man`, as another outlet may write it). Square-bracketed insertions (`We want
them [political leaders] all gone`) are the reporter's, not the speaker's, and are left
out of a quote's words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from sys import intern

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_INSERTION = re.compile(r"\[[^\]]*\]")


def word_spans(text: str, *, drop_insertions: bool = False) -> list[tuple[str, int, int]]:
    """(word, start, end) of each word of `text`, in order."""
    if not drop_insertions or "[" not in text:  # no insertion to leave out
        return [(_fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]
    skip = [m.span() for m in _INSERTION.finditer(text)]
    out = []
    for m in _WORD.finditer(text):
        if any(start <= m.start() < end for start, end in skip):
            continue
        out.append((_fold(m.group()), m.start(), m.end()))
    return out


def words(text: str, *, drop_insertions: bool = False) -> tuple[str, ...]:
    """The words of `text` as they are compared."""
    if not drop_insertions or "[" not in text:  # the words alone, found in C
        return tuple(map(_fold, _WORD.findall(text)))
    return tuple(w for w, _, _ in word_spans(text, drop_insertions=drop_insertions))


@lru_cache(maxsize=16_384)  # the same few words recur in every quotation
def _fold(word: str) -> str:
    # Interned: the words of every quotation are kept, and the same few recur.
    if word.isascii():  # NFKC leaves ASCII as it is, and casefold is lower for it
        return intern(word.lower().replace("'", ""))
    return intern(unicodedata.normalize("NFKC", word).casefold().replace("'", "").replace("’", ""))
