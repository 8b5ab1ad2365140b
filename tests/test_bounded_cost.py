"""Hostile input cannot stall a check: every stage's cost is bounded by its input's size.

The worst cases are the benchmark's own (tests/bench_corpus.py), each at the maximum file
and excerpt sizes; here with a generous deadline that only catches a stall (the benchmark
reports their times against the 2 s goal).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import extract, matching, normalise, schema, sources
from generator.engine import check
from generator.matching import MAX_EXCERPT_CHARS
from generator.model import Kind

sys.path.insert(0, str(Path(__file__).parent))
import bench_corpus

# A stall (quadratic or worse) takes minutes at these sizes; a shared, loaded CI machine
# can be 20x slower than the bench figures, so only a stall fails this.
DEADLINE = 60.0


def _timed_check(root: Path) -> tuple[float, list[str]]:
    start = time.perf_counter()
    pub = check(root)
    return time.perf_counter() - start, [p.message for p in pub.errors]


@pytest.mark.parametrize("name", list(bench_corpus.ADVERSARIAL))
def test_each_worst_case_is_answered_in_time(name: str, tmp_path: Path) -> None:
    bench_corpus.ADVERSARIAL[name](tmp_path)
    seconds, errors = _timed_check(tmp_path)
    assert seconds < DEADLINE, f"{name}: {seconds:.1f} s"
    if name == "two_long_quotations":
        assert errors == []  # valid, however long: checked, not refused
    else:
        assert errors


def _claim(root: Path, source: str, excerpt: str, kind: str = "quantity") -> None:
    (root / "content" / "sources").mkdir(parents=True)
    (root / "claims").mkdir()
    (root / "content" / "sources" / "src.md").write_text(
        f'---\ntitle: "S"\n---\n\n{source}\n', encoding="utf-8"
    )
    (root / "claims" / "c.yaml").write_text(
        f"claim: C.\nkind: {kind}\nevidence:\n  - source: src\n    excerpt: {excerpt}\n",
        encoding="utf-8",
    )


def test_an_excerpt_past_the_limit_is_refused_with_the_limit(tmp_path: Path) -> None:
    _claim(tmp_path, "1 " * 16_000, "1 " * 8_000 + "2")
    _, errors = _timed_check(tmp_path)
    assert errors == [
        "the excerpt is 16,001 characters long; the limit is 2,000: quote the passage that "
        "states the value, not the article (mark left-out words with `...`)"
    ]


def test_an_excerpt_at_the_limit_is_checked(tmp_path: Path) -> None:
    words = ("troops " * MAX_EXCERPT_CHARS)[: MAX_EXCERPT_CHARS - 6].strip() + " 5,000"
    assert len(words) <= MAX_EXCERPT_CHARS
    _claim(tmp_path, words, words)
    assert _timed_check(tmp_path)[1] == []


def test_an_excerpt_differing_only_in_case_is_told_so(tmp_path: Path) -> None:
    _claim(tmp_path, "Officials said about 5,000 US troops remain.", "about 5,000 us Troops remain")
    _, errors = _timed_check(tmp_path)
    assert errors == [
        "excerpt not found in source `src`: it differs from the passage at "
        "content/sources/src.md:5 only in capital letters (the source has “US”, “troops”); "
        "copy the words as the source writes them"
    ]


@pytest.mark.parametrize("mark", ["...", "…", "'[...]'", "'[…] ...'"])
def test_an_excerpt_that_is_only_an_omission_mark_says_what_to_do(
    mark: str, tmp_path: Path
) -> None:
    _claim(tmp_path, "Officials said about 5,000 US troops remain.", mark)
    _, errors = _timed_check(tmp_path)
    assert errors[0] == (
        "the excerpt is only an omission mark (`...`): quote the source's words, with `...` "
        "only between two quoted parts"
    )


# --- every regular expression of the engine runs in linear time --------------------------

_PATTERNS = {
    name: value
    for module in (matching, normalise, schema, sources)
    for name, value in vars(module).items()
    if isinstance(value, re.Pattern)
}
_PIECES = [
    " ",
    "\n",
    " \t",
    "\u00a0\u200b",
    "\u200b",
    "1",
    "1,",
    "a.",
    "a'",
    "-a",
    "...",
    "[...",
    "[ ... ]",
    "---",
    "\u2026",
    "\u0301",
    "é",
    "a-",
    "5 ",
]


@pytest.mark.parametrize("name", sorted(_PATTERNS))
def test_every_engine_regex_is_linear_on_repetition(name: str) -> None:
    pattern = _PATTERNS[name]
    for piece in _PIECES:
        for tail in ("", "!", "\u0000", "a"):
            text = piece * (200_000 // len(piece)) + tail
            start = time.perf_counter()
            for _ in pattern.finditer(text):
                pass
            pattern.fullmatch(text)
            pattern.match(text)
            assert time.perf_counter() - start < 2.0, (name, piece, tail)


def test_normalising_and_matching_a_source_at_the_size_limit_is_linear() -> None:
    for piece in ("1 ", "a\u200b ", "  \u00a0", "\u2026", "e\u0301 "):
        text = piece * (1_000_000 // len(piece))
        start = time.perf_counter()
        index = matching.SourceIndex(text)
        matching.find_excerpt(index, piece * (MAX_EXCERPT_CHARS // len(piece) // 2) + "zz")
        assert time.perf_counter() - start < DEADLINE, repr(piece)


# --- every extractor, random excerpts -----------------------------------------------------

_WORDS = (
    "January Tuesday million around at_least 170-0 to votes twenty-five half_a dozens_of "
    "earlier_this_month on_the_10th bn 12.000 or_more"
)
_ALPHABET = st.sampled_from(
    [*"0123456789 ,.-–—/:%'\"“”‘’()[]…", *(w.replace("_", " ") + " " for w in _WORDS.split())]
)
_EXCERPTS = st.lists(_ALPHABET, max_size=200).map("".join)


@pytest.mark.parametrize("kind", ["quantity", "tally", "date", "quote", "text"])
@settings(deadline=30000, max_examples=60)
@given(excerpt=_EXCERPTS, given_value=st.none() | _EXCERPTS)
def test_every_extractor_answers_random_excerpts_in_time(
    kind: Kind, excerpt: str, given_value: str | None
) -> None:
    got = extract.read_value(
        kind, excerpt, given=given_value, derivation=None, published=dt.date(2020, 1, 10)
    )
    assert got is not None
