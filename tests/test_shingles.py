"""The vectorised steps of shared wording agree with the straightforward way.

- Words found for many texts at once (numpy over code points) are the words `words_of`
  finds, with the same spans, on text mixing accents, combining marks, invisible
  characters, case folding that lengthens a word, digits and punctuation.
- Equal words get equal hashes, in one batch or in another; different words differ.
- A shingle's hash worked out by doubling is the polynomial of its words' hashes.
- The heads: a place may begin a run unless every place of its shingle follows a kept
  place after the same word.
- The words kept of a source (those of shingles found twice) answer slices and spans as
  all its words do wherever every word asked for is kept, and never equal another
  source's words elsewhere.
"""

from __future__ import annotations

from itertools import accumulate

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.shared_wording import _kept_words, _split_all, _split_slowly, words_of
from generator.shingles import _BASE, _windows, heads, shingle_hashes

# Pieces of text that exercise every rule of what a word is and how it is folded.
PIECES = [
    "Iraq’s",
    "e\u0301te\u0301",  # combining marks: part of the word, composed by NFC
    "ÉTÉ",
    "été",
    "sover\u00adeignty",  # a soft hyphen joins the word
    "zero\u200bwidth",
    "Straße",  # case folds to "strasse": longer than written
    "STRASSE",
    "5,000",
    "al-Muhandis",
    "_under_score_",
    "٣٤",  # Arabic-Indic digits are word characters
    "Ⅻ",  # a Roman numeral: a number, so a word character
    "\u0301",  # a combining mark alone
    "",
    " ",
    "\n\n",
    "—",
    "“quoted”",
    "the",
    "The",
]

texts_strategy = st.lists(
    st.lists(st.sampled_from(PIECES), max_size=40).map(lambda ps: " ".join(ps)),
    min_size=1,
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(texts_strategy, st.text(max_size=60))
def test_words_found_at_once_are_those_of_words_of(texts: list[str], noise: str) -> None:
    texts = [*texts, noise]
    for text, found in zip(texts, _split_all(texts), strict=True):
        expected = words_of(text)
        at = found.at.tolist()
        assert found.text[at[0] : at[-1]] == "".join(w + "\0" for w in expected.words)
        assert [k - at[0] for k in at] == [0, *accumulate(len(w) + 1 for w in expected.words)]
        assert list(zip(found.starts.tolist(), found.ends.tolist(), strict=True)) == list(
            expected.spans
        )
        slow = _split_slowly(text)
        assert slow.hashes.tolist() == found.hashes.tolist()
        assert slow.at.tolist() == [k - at[0] for k in at]


@settings(max_examples=100, deadline=None)
@given(texts_strategy, texts_strategy)
def test_equal_words_have_equal_hashes_and_different_words_differ(
    first: list[str], second: list[str]
) -> None:
    hash_of: dict[str, int] = {}
    for batch in (first, second):
        for found in _split_all(batch):
            at = found.at.tolist()
            for k, h in enumerate(found.hashes.tolist()):
                assert hash_of.setdefault(found.text[at[k] : at[k + 1]], h) == h
    assert len(set(hash_of.values())) == len(hash_of)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 2**64 - 1), min_size=1, max_size=40), min_size=1, max_size=4),
    st.integers(1, 20),
)
def test_shingle_hashes_are_the_polynomial_of_their_words(
    sources: list[list[int]], width: int
) -> None:
    import numpy as np

    sources = [s for s in sources if len(s) >= width] or [[7] * width]
    hashes, source, offset = shingle_hashes([np.array(s, np.uint64) for s in sources], width)
    expected = []
    for n, words in enumerate(sources):
        for k in range(len(words) - width + 1):
            h = 0
            for w in words[k : k + width]:
                h = (h * _BASE + w) % (1 << 64)
            expected.append((h, n, k))
    assert list(zip(hashes.tolist(), source.tolist(), offset.tolist(), strict=True)) == expected
    assert (
        _windows(np.array(sources[0], np.uint64), width).tolist()
        == [e[0] for e in expected][: len(sources[0]) - width + 1]
    )


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.booleans(), st.integers(0, 2)), min_size=1, max_size=30
    )
)
def test_heads_are_the_shingles_not_always_following_the_same_word(
    places: list[tuple[int, bool, int]],
) -> None:
    import numpy as np

    hashes = np.array([p[0] for p in places], np.uint64)
    inner = np.array([p[1] for p in places], bool)
    before = np.array([p[2] for p in places], np.uint64)
    found = heads(hashes, inner, before).tolist()
    for k, (h, _, _) in enumerate(places):
        same = [p for p in places if p[0] == h]
        follows = all(p[1] for p in same) and len({p[2] for p in same}) == 1
        assert found[k] == (not follows)


@settings(max_examples=200, deadline=None)
@given(texts_strategy, st.lists(st.booleans(), max_size=80), st.integers(0, 2**32))
def test_kept_words_answer_as_all_the_words_where_every_word_asked_for_is_kept(
    texts: list[str], marks: list[bool], seed: int
) -> None:
    """A slice of the words kept is that of all the words when every word in it is kept,
    else a string that no slice of another source's words equals; a span is the span
    of the first and last words."""
    import random

    import numpy as np

    rng = random.Random(seed)
    sources = [s for s in _split_all(texts) if len(s)]
    if not sources:
        return
    total = sum(map(len, sources))
    covered = np.array([marks[k % len(marks)] if marks else True for k in range(total)])
    kept = _kept_words(sources, covered)
    begin = 0
    for source, words in zip(sources, kept, strict=True):
        mine = covered[begin : begin + len(source)].tolist()
        begin += len(source)
        if not any(mine):
            assert words is None
            continue
        assert words is not None and len(words) == len(source)
        at = source.at.tolist()
        for _ in range(30):
            i = rng.randrange(len(source))
            j = rng.randrange(i, len(source) + 1)
            if all(mine[i:j]):
                assert words[i:j] == source.text[at[i] : at[j]]
                if j > i:
                    assert words.span(i, j) == (int(source.starts[i]), int(source.ends[j - 1]))
            else:
                # No word holds the character \1: no slice of words equals this one.
                assert "\1" in words[i:j]
        k = rng.randrange(len(source))
        assert words[k] == (source.text[at[k] : at[k + 1]] if mine[k] else words[k : k + 1])
