"""The engine's shortcuts give exactly what the long way gives.

Each speed-up of issue 11 skips work when a cheap test says it would find nothing, or
does the same work by a faster route; each is checked here against the long way on
random and hand-picked inputs:

- an ASCII excerpt with nothing to fold is normalised without the map builder;
- the pattern finding runs of white space and invisible characters in a source;
- date patterns skipped when the excerpt has no digit, month or weekday name;
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
from generator.extract import dates, read_value
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
    "ſept",  # long s: matches "s" when case is ignored
    "Auguſt",
    "K",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(DATE_WORDS), max_size=9))
def test_date_patterns_skipped_only_where_they_cannot_match(
    words: list[str],
) -> None:
    text = " ".join(words)
    skipping = _comparable(dates.find(text))
    saved = dict(dates._NEEDS)
    dates._NEEDS.clear()  # every pattern scans the text
    try:
        assert skipping == _comparable(dates.find(text))
    finally:
        dates._NEEDS.update(saved)


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


@pytest.mark.parametrize(
    ("excerpt", "read"),
    [
        ("held on 5th ſept 2020", "2020"),
        ("ſept 2020", "2020"),
        ("in Auguſt", None),
        ("Auguſt 3", None),
    ],
)
def test_a_month_matched_only_by_ignoring_case_is_no_month(excerpt: str, read: str | None) -> None:
    """The long s matches "s" when the patterns ignore case, but spells no month: the
    year alone is read, or nothing (it used to end the check with a KeyError)."""
    got = read_value("date", excerpt, given=None, derivation=None, published=dt.date(2020, 3, 4))
    assert (got.display if isinstance(got, Value) else None) == read
