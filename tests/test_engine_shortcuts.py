"""The engine's shortcuts give exactly what the long way gives.

Each speed-up of issue 11 skips work when a cheap test says it would find nothing, or
does the same work by a faster route; each is checked here against the long way on
random and hand-picked inputs:

- an ASCII excerpt with nothing to fold is normalised without the map builder;
- the pattern finding runs of white space and invisible characters in a source;
- date patterns skipped when the excerpt has no digit, month or weekday name, and
  number patterns when it has no scale word;
- folders walked with directory entries rather than `os.walk` and a stat per file;
- a warm cache judges nothing and builds no shared wording, while an edited source
  still reaches the verdicts (tests/test_cache.py).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import gate, normalise
from generator.extract import Unreadable, dates, numbers, read_value
from generator.model import Value

ASCII_PIECES = ["a", "b", "7", " ", "  ", "\t", "\n", "\r", "\x0b", "\x1c", "'", '"', "-", "."]
SOURCE_PIECES = [
    *ASCII_PIECES,
    "\u00a0",
    "\u2009",
    "\u200b",
    "\u00ad",
    "\ufeff",
    "\u2026",
    "é",
    "\u2019",
]


def _map(norm: normalise.NormalisedText) -> tuple[str, list[int], list[int]]:
    return norm.text, list(norm.starts), list(norm.ends)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(ASCII_PIECES), max_size=12))
def test_plain_ascii_is_normalised_as_the_builder_does(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _map(normalise.normalise_mapped(text)) == _map(normalise._normalise_composed(text))


# The pattern as first written: one alternative per case.
_INV = normalise._INV
_SPECIAL_BY_CASE = re.compile(rf"\A[\s{_INV}]+|[\s{_INV}]+\Z|[\s{_INV}]{{2,}}|[{_INV}]|\u2026")


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(SOURCE_PIECES), max_size=14))
def test_white_space_runs_found_as_one_alternative_per_case_finds_them(
    pieces: list[str],
) -> None:
    text = "".join(pieces)
    found = [m.span() for m in normalise._SPECIAL.finditer(text)]
    assert found == [m.span() for m in _SPECIAL_BY_CASE.finditer(text)]


DATE_WORDS = [
    "on",
    "the",
    "5th",
    "12",
    "2020",
    "1999",
    "2020-02-03",
    "January",
    "jan",
    "Sept.",
    "March",
    "may",
    "Friday",
    "next",
    "last",
    "week",
    "yesterday",
    "in",
    "from",
    "to",
    "-",
    ",",
    "of",
    "said",
    "will",
    "troops",
    "7,411",
    "K",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(DATE_WORDS), max_size=9))
def test_date_patterns_skipped_only_where_they_cannot_match(
    words: list[str],
) -> None:
    assert_date_skipping_changes_nothing(" ".join(words))


def assert_date_skipping_changes_nothing(text: str) -> None:
    """`dates.find` reads `text` the same with its patterns skipped where they cannot match
    and with every pattern scanning it."""
    skipping = _comparable(dates.find(text))
    saved = dates._absent
    dates._absent = lambda text: frozenset()  # every pattern scans the text
    try:
        assert skipping == _comparable(dates.find(text))
    finally:
        dates._absent = saved


def _comparable(found: list[dates.DateFound]) -> list[tuple[object, ...]]:
    # A relative date's `resolve` is a new function each time: compare what it answers.
    published = dt.date(2020, 3, 4)
    return [
        (
            f.start,
            f.end,
            f.form,
            f.days,
            f.month,
            f.day,
            f.weekday,
            f.resolve and f.resolve(published),
        )
        for f in found
    ]


NUMBER_WORDS = [
    "a",
    "an",
    "half",
    "quarter",
    "of",
    "and",
    "two",
    "dozens",
    "Dozen",
    "hundred",
    "thousand",
    "tens",
    "million",
    "several",
    "few",
    "couple",
    "12",
    "1,5",
    "3.5",
    "%",
    "-",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(NUMBER_WORDS), max_size=8))
def test_vague_and_fraction_patterns_skipped_only_without_a_scale_word(
    words: list[str],
) -> None:
    text = " ".join(words)
    skipping = numbers.find_numbers(text, "en")
    saved = numbers._SCALE_STEMS
    numbers._SCALE_STEMS = ("",)  # found in every text: both patterns scan it
    try:
        assert skipping == numbers.find_numbers(text, "en")
    finally:
        numbers._SCALE_STEMS = saved


def _by_os_walk(root: Path, folder: str, *, symlinks: bool) -> list[str]:
    """The long way: os.walk, then a stat per name."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root / folder):
        if symlinks:
            names = dirnames + filenames
        else:
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            names = [f for f in filenames if not f.startswith(".")]
        for name in names:
            path = Path(dirpath) / name
            if not symlinks or path.is_symlink():
                found.append(os.path.relpath(path, root).replace(os.sep, "/"))
    return sorted(found)


def test_folders_walked_by_entries_as_os_walk_walks_them(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    (docs / "sources").mkdir(parents=True)
    (docs / ".hidden").mkdir()
    (docs / "deep" / "deeper").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    for rel in ["a.md", "sources/s.md", ".hidden/h.md", ".dot.md", "deep/deeper/d.md"]:
        (docs / rel).write_text("x\n", encoding="utf-8")
    (docs / "link.md").symlink_to(docs / "a.md")
    (docs / "broken.md").symlink_to(docs / "missing.md")
    (docs / "deep" / "to-folder").symlink_to(tmp_path / "outside")
    (docs / ".hidden" / "hidden-link.md").symlink_to(docs / "a.md")
    assert sorted(gate.find_symlinks(tmp_path, "content")) == _by_os_walk(
        tmp_path, "content", symlinks=True
    )
    assert sorted(gate._docs_files(tmp_path, "content")) == _by_os_walk(
        tmp_path, "content", symlinks=False
    )
    assert gate.find_symlinks(tmp_path, "nowhere") == []


@pytest.mark.parametrize("text", ["", " ", "a", " a", "a ", "a  b", "a\tb", "plain words"])
def test_edge_excerpts_normalised_alike(text: str) -> None:
    assert _map(normalise.normalise_mapped(text)) == _map(normalise._normalise_composed(text))


# Matched by case-ignoring patterns as the ASCII letter beside each.
ODD_LETTERS = {"i": ["\u0130", "\u0131"], "k": ["\u212a"], "s": ["\u017f"]}
FIGURE_WORDS = [w for w in {*DATE_WORDS, *NUMBER_WORDS} if w not in ("-", "%")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FIGURE_WORDS), min_size=1, max_size=7), st.data())
def test_letters_a_pattern_matches_only_by_ignoring_case_never_end_the_check(
    words: list[str], data: st.DataObject
) -> None:
    """ "thouſand", "Auguſt", "yeſterday", "laſt Frıday": read or refused, never a
    KeyError (each used to end the check with a traceback)."""
    text = " ".join(words)
    odd = "".join(
        data.draw(st.sampled_from([ch, *ODD_LETTERS[ch.lower()]]))
        if ch.lower() in ODD_LETTERS
        else ch
        for ch in text
    )
    for kind in ("quantity", "tally", "date", "quote"):
        got = read_value(kind, odd, given=None, derivation=None, published=dt.date(2020, 3, 4))
        assert isinstance(got, Value | Unreadable)
