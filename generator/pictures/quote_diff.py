"""Quotation differences, word by word, the way a reader knows them from track changes.

    quote_diff(claim, sources) -> str | None

returns an HTML `<figure>` for a `quote` claim (None for other kinds, or when no evidence
quotes anything). Each distinct wording is one entry, listing the outlets that print it;
the most common wording (printed by the most sources; a tie goes to the one cited first)
comes first, as the reference, and every other wording is shown against it:

- a word the reference has and this wording lacks: `<del class="fc-dropped">`;
- a word this wording adds: `<ins class="fc-inserted">`;
- a word replaced by another: `<del class="fc-changed">` then `<ins class="fc-changed">`;

each with hidden text for screen readers ("dropped:", "inserted:", "changed from … to …").
Words are compared as the judge compares them (`generator.extract.words`: case and
punctuation aside), so punctuation alone never shows as a difference, and outlets whose
words are equal share an entry. Square brackets (`[in Iraq]`) are the writer's own
additions and ellipses (`...`, `…`, `[...]`) the writer's omissions: they are shown as
such (`fc-writer-insertion`, `fc-omission`), never as differences, and reference words
missing exactly where a wording has an ellipsis count as omitted, not dropped.

Alignment is difflib's SequenceMatcher on the word lists (autojunk off), whose cost grows
with the product of the lengths; wordings longer than `MOST_WORDS` (400) words are shown
whole, without word marks, with a note saying so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from .. import prose
from ..extract.words import word_spans
from ..model import Claim, Source
from ..verdicts import word_distance
from .markup import Node, el, leaf, sub, to_string, uid
from .markup import text as add_text
from .numberline import source_name

MOST_WORDS = 400

_BRACKETS = re.compile(r"\[[^\]]*\]")
_ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…")
_OMISSION_IN_BRACKETS = re.compile(r"^\[\s*(?:\.\s?\.\s?\.|…)\s*\]$")


@dataclass(frozen=True)
class Token:
    """A piece of a wording as printed: a compared word, the writer's insertion or
    omission mark, or the spaces and punctuation between them."""

    kind: str  # "word" | "insertion" | "omission" | "gap"
    text: str
    word: str = ""  # the compared form of a word


@dataclass
class Wording:
    words: tuple[str, ...]
    display: str
    source_ids: list[str]
    not_found: bool = False


def quote_diff(claim: Claim, sources: dict[str, Source]) -> str | None:
    """An HTML figure of the outlets' wordings with their differences marked, or None."""
    if claim.kind != "quote":
        return None
    wordings = wordings_of(claim)
    if not wordings:
        return None
    reference = wordings[0]
    ident = uid(claim.id, "quote-diff")
    figure = el(
        "figure",
        {
            "class": "fc-picture fc-quote-diff",
            "aria-labelledby": f"{ident}-c",
            "data-claim": claim.id,
        },
    )
    leaf(figure, "figcaption", {"id": f"{ident}-c"}, _caption(wordings))
    listing = sub(figure, "ol", {"class": "fc-wordings"})
    for wording in wordings:
        is_reference = wording is reference
        item = sub(
            listing,
            "li",
            {
                "class": "fc-wording" + (" fc-reference" if is_reference else ""),
                "data-sources": " ".join(wording.source_ids),
            },
        )
        heading = _heading(wording, reference, sources)
        if is_reference and len(wordings) > 1:
            heading = f"Most common wording: {heading}"
        leaf(item, "p", {"class": "fc-outlets"}, heading)
        quote = sub(item, "blockquote", {"class": "fc-words"})
        too_long = max(len(wording.words), len(reference.words)) > MOST_WORDS
        if is_reference or too_long:
            _plain(quote, tokens(wording.display))
            if too_long and not is_reference:
                leaf(
                    item,
                    "p",
                    {"class": "fc-note"},
                    f"Too long to compare word by word here (more than {MOST_WORDS} words).",
                )
        else:
            _marked(quote, tokens(reference.display), tokens(wording.display))
    return to_string(figure)


def wordings_of(claim: Claim) -> list[Wording]:
    """Distinct wordings (by compared words), the most common first, then in citation order."""
    by_words: dict[tuple[str, ...], Wording] = {}
    for e in claim.evidence:
        if e.value is None or e.value.kind != "quote":
            continue
        compared = tuple(t.word for t in tokens(e.value.display) if t.kind == "word")
        wording = by_words.setdefault(compared, Wording(compared, e.value.display, []))
        if e.source_id not in wording.source_ids:
            wording.source_ids.append(e.source_id)
        wording.not_found |= not e.found
    ordered = list(by_words.values())
    # max() keeps the first of equals: a tie goes to the wording cited first.
    most = max(ordered, key=lambda w: len(w.source_ids)) if ordered else None
    return [w for w in ordered if w is most] + [w for w in ordered if w is not most]


def tokens(text: str) -> list[Token]:
    """The wording as printed, cut into words, the writer's marks and what lies between."""
    marks: list[tuple[int, int, str]] = []
    for m in _BRACKETS.finditer(text):
        kind = "omission" if _OMISSION_IN_BRACKETS.match(m.group()) else "insertion"
        marks.append((m.start(), m.end(), kind))
    for m in _ELLIPSIS.finditer(text):
        if not any(s <= m.start() < e for s, e, _ in marks):
            marks.append((m.start(), m.end(), "omission"))
    items = marks + [
        (s, e, "word")
        for _, s, e in word_spans(text)
        if not any(ms <= s < me for ms, me, _ in marks)
    ]
    items.sort()
    out: list[Token] = []
    at = 0
    for start, end, kind in items:
        if start > at:
            out.append(Token("gap", text[at:start]))
        piece = text[start:end]
        word = word_spans(piece)[0][0] if kind == "word" else ""
        out.append(Token(kind, piece, word))
        at = end
    if at < len(text):
        out.append(Token("gap", text[at:]))
    return out


def differences(
    reference: Sequence[str], other: Sequence[str]
) -> Sequence[tuple[str, int, int, int, int]]:
    """difflib opcodes turning the reference's words into the other's (see the module doc
    for the bound on their length)."""
    return SequenceMatcher(None, list(reference), list(other), autojunk=False).get_opcodes()


def _marked(quote: Node, ref_tokens: list[Token], own: list[Token]) -> None:
    ref_words = [t for t in ref_tokens if t.kind == "word"]
    own_words = [t.word for t in own if t.kind == "word"]
    # What happens before each of this wording's words (index len(own_words): at the end),
    # and the run each word starts.
    before: dict[int, tuple[str, list[Token]]] = {}
    runs: dict[int, tuple[str, int]] = {}  # first word -> (kind, last word + 1)
    for tag, i1, i2, j1, j2 in differences([t.word for t in ref_words], own_words):
        if tag in ("replace", "delete"):
            before[j1] = ("changed" if tag == "replace" else "dropped", ref_words[i1:i2])
        if tag in ("replace", "insert"):
            runs[j1] = ("changed" if tag == "replace" else "inserted", j2)
    container = quote
    run_end = -1
    j = 0
    for token in own:
        if token.kind == "omission" and before.get(j, ("", []))[0] == "dropped":
            _, left_out = before.pop(j)
            omitted = " ".join(t.text for t in left_out)
            mark = sub(
                container,
                "span",
                {"class": "fc-omission", "title": f"left out by the writer: {omitted}"},
            )
            add_text(mark, token.text)
            leaf(mark, "span", {"class": "fc-sr"}, f" (the writer left out: {omitted})")
            continue
        if token.kind == "word":
            if j in before:
                _deleted(container, *before.pop(j))
            if j in runs:
                kind, run_end = runs[j]
                container = sub(quote, "ins", {"class": f"fc-{kind}"})
                leaf(
                    container,
                    "span",
                    {"class": "fc-sr"},
                    " to: " if kind == "changed" else "inserted: ",
                )
            add_text(container, token.text)
            j += 1
            if j == run_end:
                container = quote
            continue
        _token(container, token)
    if j in before:
        _deleted(quote, *before.pop(j))


def _deleted(parent: Node, kind: str, words: list[Token]) -> None:
    node = sub(parent, "del", {"class": f"fc-{kind}"})
    leaf(node, "span", {"class": "fc-sr"}, "changed from: " if kind == "changed" else "dropped: ")
    add_text(node, " ".join(t.text for t in words))
    if kind == "dropped":
        add_text(parent, " ")


def _plain(quote: Node, own: list[Token]) -> None:
    for token in own:
        _token(quote, token)


def _token(parent: Node, token: Token) -> None:
    if token.kind == "insertion":
        node = sub(parent, "span", {"class": "fc-writer-insertion", "title": "added by the writer"})
        add_text(node, token.text)
    elif token.kind == "omission":
        node = sub(
            parent, "span", {"class": "fc-omission", "title": "words left out by the writer"}
        )
        add_text(node, token.text)
    else:
        add_text(parent, token.text)


def _caption(wordings: list[Wording]) -> str:
    if len(wordings) == 1:
        return "Every source quotes the same words."
    return (
        f"The sources quote {len(wordings)} different wordings. Each is shown against the "
        "most common one: dropped words struck through, inserted words underlined. "
        "Square brackets and ellipses are the writers' own additions and omissions."
    )


def _heading(wording: Wording, reference: Wording, sources: dict[str, Source]) -> str:
    names = prose.join([source_name(s, sources) for s in wording.source_ids])
    suffix = " (not found in the source)" if wording.not_found else ""
    if wording is reference:
        return f"{names}{suffix}"
    if max(len(wording.words), len(reference.words)) > MOST_WORDS:
        return f"{names}{suffix}: a different wording"
    n = word_distance(reference.words, wording.words)
    return f"{names}{suffix}: {n} {'word differs' if n == 1 else 'words differ'}"
