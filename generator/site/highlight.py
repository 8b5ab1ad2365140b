"""Highlighting cited passages inside an escaped source text.

Cited spans may overlap (two claims quoting neighbouring sentences), and HTML elements may
not, so the text is cut at every span boundary and each cut piece that some span covers
becomes its own `<mark>`. The first piece of a span carries the span's anchor, so a claim
can link to exactly where its excerpt starts; `data-spans` on every piece lets the script
light up the whole passage a link lands on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise

from markupsafe import Markup

from ..shared_wording import _INVISIBLE, _WORD
from .templates import escape
from .urls import passage_id

Span = tuple[int, int]


def highlight(
    text: str,
    spans: Sequence[Span],
    after: Callable[[Span], Markup] | None = None,
    css_class: str = "fc-passage",
    shared: Mapping[Span, Sequence[str]] | None = None,
) -> Markup:
    """`text` escaped, each span wrapped in marks; `after(span)` is HTML put where it ends
    (for the spans of `spans` and of `shared` alike).

    `shared` is a second layer, the runs of words this text shares with another, each with
    the anchor ids that start it: its pieces are wrapped in
    `<span class="fc-shared">`, inside or around the marks of cited passages, since a
    cited passage and a shared run may overlap any way."""
    cited = {s for s in spans if 0 <= s[0] < s[1] <= len(text)}
    runs = {s: ids for s, ids in (shared or {}).items() if 0 <= s[0] < s[1] <= len(text) and ids}
    if not cited and not runs:
        return escape(text.strip())
    cuts = sorted({0, len(text), *(p for s in (*cited, *runs) for p in s)})
    starting: dict[int, list[Span]] = {}
    ending: dict[int, list[Span]] = {}
    for s in sorted(cited):
        starting.setdefault(s[0], []).append(s)
    for s in sorted({*cited, *runs}):
        ending.setdefault(s[1], []).append(s)
    runs_starting: dict[int, list[Span]] = {}
    for s in sorted(runs):
        runs_starting.setdefault(s[0], []).append(s)
    out: list[Markup] = []
    # A sweep, so long sources with many citations stay linear.
    active: set[Span] = set()
    in_runs: set[Span] = set()
    for start, end in pairwise(cuts):
        active.difference_update(ending.get(start, ()))
        in_runs.difference_update(ending.get(start, ()))
        active.update(starting.get(start, ()))
        in_runs.update(runs_starting.get(start, ()))
        piece = text[start:end]
        for run in runs_starting.get(start, ()):
            out.extend(fill(_ANCHOR, i) for i in runs[run])
        if not active and not in_runs:
            # Blank lines around the article would show as gaps in a pre-wrapped block.
            if start == 0:
                piece = piece.lstrip()
            if end == len(text):
                piece = piece.rstrip()
            out.append(escape(piece))
        else:
            marked = (
                _mark(piece, sorted(active), starting.get(start, []), css_class)
                if active
                else escape(piece)
            )
            if in_runs:
                ids = " ".join(i for r in sorted(in_runs) for i in runs[r])
                marked = fill(_SHARED, ids, marked)
            out.append(marked)
        if after is not None:
            out.extend(after(s) for s in ending.get(end, []))
    return Markup("").join(out)


# `data-shared` names every anchor of the runs covering the piece, so the script can light
# up the whole run a link lands on.
_SHARED = Markup('<span class="fc-shared" data-shared="{}">{}</span>')


_MARK = Markup('<mark class="{}"{} data-spans="{}">{}</mark>')
_ANCHOR = Markup('<span class="fc-anchor" id="{}"></span>')
_ID = Markup(' id="{}"')
_VALUE = Markup('{}<mark class="fc-value">{}</mark>{}')


def fill(template: Markup, *values: object, **named: object) -> Markup:
    """`template.format(*values, **named)`: each value escaped, unless it is Markup. Without
    markupsafe's `string.Formatter`, slow for what is done for every mark of every page;
    the template holds only plain `{}` and `{name}` fields."""
    return Markup(
        str.format(template, *map(escape, values), **{k: escape(v) for k, v in named.items()})
    )


def _mark(piece: str, covering: list[Span], starts_here: list[Span], css_class: str) -> Markup:
    ids = [passage_id(s) for s in starts_here]
    # One element can hold one id; further spans starting here get empty anchors before it.
    extra = Markup("").join(fill(_ANCHOR, i) for i in ids[1:])
    id_attr = fill(_ID, ids[0]) if ids else Markup("")
    data = " ".join(passage_id(s) for s in covering)
    return extra + fill(_MARK, css_class, id_attr, data, piece)


def mark_value(excerpt: str, span: Span | None) -> Markup:
    """An excerpt, escaped, with the figure read from it highlighted."""
    if span is None or not (0 <= span[0] < span[1] <= len(excerpt)):
        return escape(excerpt)
    a, b = span
    return fill(_VALUE, excerpt[:a], excerpt[a:b], excerpt[b:])


def anchors(spans: Sequence[Span]) -> set[str]:
    return {passage_id(s) for s in spans}


def group_spans(by_key: Mapping[str, Sequence[Span]]) -> dict[Span, list[str]]:
    """Which keys (claim ids) cite each span, in the order the keys come."""
    cited: dict[Span, list[str]] = {}
    for key, spans in by_key.items():
        for s in spans:
            keys = cited.setdefault(s, [])
            if key not in keys:
                keys.append(key)
    return cited


def passage_span(excerpt: str, passage: str, span: Span | None) -> Span | None:
    """`span` (of the figure in the excerpt as the contributor wrote it) carried over to
    `passage`, the same words as the source prints them.

    The two differ only in what matching forgives (quotes, dashes, spaces, invisible
    characters, omission marks), never in their words, so a figure is found again by word:
    the n-th word of the excerpt is the n-th word of the passage. Punctuation inside the
    span at either end ("50%", a quotation's marks) is carried by its distance from the
    nearest word. None when the words do not line up (then nothing is marked rather than
    the wrong words).
    """
    if span is None:
        return None
    ex = word_spans(excerpt)
    pa = ex if passage == excerpt else word_spans(passage)  # mostly the same text
    if len(ex) != len(pa) or not ex:
        return None
    a, b = span
    inside = [i for i, (s, e) in enumerate(ex) if s < b and a < e]
    if not inside:
        return None
    first, last = inside[0], inside[-1]
    (ex_start, _), (_, ex_end) = ex[first], ex[last]
    (pa_start, pa_first_end), (pa_last_start, pa_end) = pa[first], pa[last]
    if a >= ex_start:  # inside the first word ("5m"): the same distance into it
        start = min(pa_start + (a - ex_start), pa_first_end)
    else:  # punctuation before it: a quotation mark
        start = pa_start - min(ex_start - a, _EDGE)
    if b <= ex_end:
        end = max(pa_end - (ex_end - b), pa_last_start)
    else:  # punctuation after it: "%", a closing quotation mark
        end = pa_end + min(b - ex_end, _EDGE)
    start, end = max(start, 0), min(end, len(passage))
    return (start, end) if start < end else None


_EDGE = 3  # punctuation a figure's span may take beyond its words: `“`, `%`, `”.`


def word_spans(text: str) -> tuple[Span, ...]:
    """`shared_wording.words_of(text).spans`: where each compared word is, without the
    folding of each word for comparison, which placing a figure does not need."""
    spans: list[Span] = []
    for m in _WORD.finditer(text):
        start, end = m.span()
        # A word broken only by an invisible character is one word.
        if spans and spans[-1][1] < start and not _INVISIBLE.sub("", text[spans[-1][1] : start]):
            spans[-1] = (spans[-1][0], end)
            continue
        spans.append((start, end))
    return tuple(spans)
