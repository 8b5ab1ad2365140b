"""The sparse-map normalisation gives exactly what the original per-character loop gave.

`_reference` is the first implementation, kept verbatim as an oracle: one map entry per
normalised character. The fast one must produce the same text and the same offsets on the
golden matching tables, on every bundled and hostile file, and on random text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.normalise import _FOLDS, INVISIBLE, WHITE_SPACE, normalise_mapped

TESTS = Path(__file__).parent
REPO = TESTS.parent


def _reference(text: str) -> tuple[str, list[int], list[int]]:
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    space_start: int | None = None
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
                if out:
                    out.append(" ")
                    starts.append(space_start)
                    ends.append(space_end)
                space_start = None
            for folded in _FOLDS.get(ch, ch):
                out.append(folded)
                starts.append(start)
                ends.append(end)
    return "".join(out), starts, ends


def _clusters(text: str) -> Iterator[tuple[int, int, str]]:
    remove = dict.fromkeys(map(ord, INVISIBLE))
    if unicodedata.is_normalized("NFC", text.translate(remove)):
        for i, ch in enumerate(text):
            yield i, i + 1, ch
        return
    cluster: list[int] = []
    for i, ch in enumerate(text):
        if ch in INVISIBLE:
            continue
        if cluster and unicodedata.combining(ch) == 0 and not "\u1160" <= ch <= "\u11ff":
            yield from _compose(text, cluster)
            cluster = []
        cluster.append(i)
    if cluster:
        yield from _compose(text, cluster)


def _compose(text: str, cluster: list[int]) -> Iterator[tuple[int, int, str]]:
    chars = "".join(text[i] for i in cluster)
    composed = unicodedata.normalize("NFC", chars)
    if composed == chars:
        for i in cluster:
            yield i, i + 1, text[i]
    else:
        yield cluster[0], cluster[-1] + 1, composed


def _assert_same(text: str) -> None:
    expected_text, starts, ends = _reference(text)
    got = normalise_mapped(text)
    assert got.text == expected_text
    assert list(got.starts) == starts
    assert list(got.ends) == ends


def _golden_texts() -> list[str]:
    texts: list[str] = []
    for name in ("normalise.yaml", "cases.yaml", "near_misses.yaml"):
        for row in yaml.safe_load((TESTS / "golden" / "matching" / name).read_text("utf-8")):
            texts.extend(row[k] for k in ("text", "normalised", "source", "excerpt") if k in row)
    return texts


def _bundled_files() -> list[Path]:
    roots = [REPO / "content", REPO / "claims", TESTS / "hostile", TESTS / "seeds"]
    return sorted(p for root in roots for p in root.rglob("*") if p.is_file())


def test_white_space_is_exactly_what_isspace_and_the_regex_agree_on() -> None:
    every = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert "".join(every) == WHITE_SPACE
    assert all(re.fullmatch(r"\s", chr(c)) for c in map(ord, every))
    assert sum(1 for c in range(0x110000) if re.fullmatch(r"\s", chr(c))) == len(every)


@pytest.mark.parametrize("text", _golden_texts())
def test_same_as_the_reference_on_the_golden_tables(text: str) -> None:
    _assert_same(text)


@pytest.mark.parametrize("path", _bundled_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_same_as_the_reference_on_every_bundled_file(path: Path) -> None:
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError:
        pytest.skip("not text")
    _assert_same(text)


_TRICKY = st.sampled_from(
    list("ab e.…-—’'\"“[]\n\t\r\u00a0\u2028\u00ad\u200b\ufeff\u0301\u0323\u1100\u1161가")
)


@given(st.lists(_TRICKY, max_size=60).map("".join))
def test_same_as_the_reference_on_tricky_text(text: str) -> None:
    _assert_same(text)


# Prose with its white space and nothing else to fold but quotes and dashes: the runs of
# white space (paragraph breaks, indents, no-break spaces) take their own quicker path.
_PROSE = st.sampled_from(["word", "a", "’", "—", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\r\n"])


@given(st.lists(_PROSE, max_size=40).map("".join))
def test_same_as_the_reference_on_prose_with_white_space(text: str) -> None:
    _assert_same(text)


@given(st.text(max_size=80))
def test_same_as_the_reference_on_any_text(text: str) -> None:
    _assert_same(text)


def test_an_article_needs_a_few_map_entries_not_one_per_character() -> None:
    text = (TESTS / "seeds").glob("*.txt").__next__().read_text("utf-8")
    norm = normalise_mapped(text)
    assert norm.segments < len(norm.text) / 20
