"""The per-excerpt shortcuts of a check give exactly what the long way gives.

- a reading remembered by everything it depends on (kind, excerpt, value, derivation,
  publication date, language) is the reading worked out afresh;
- the runs of spaces, ellipses and ends a normaliser copies around, found without the
  one-pattern scan when a text has no invisible character;
- an excerpt without `...` is one part, found without the omission pattern;
- an ASCII excerpt has no direction controls;
- the engine hands the matcher the excerpt's parts it already worked out.
"""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import matching, normalise
from generator.extract import read_value, read_value_afresh
from generator.model import KINDS, Kind

EXCERPT_WORDS = [
    "around",
    "5,000",
    "12.000",
    "170-0",
    "two",
    "million",
    "troops",
    "January",
    "5",
    "2020",
    "on",
    "Tuesday",
    "next",
    "said",
    "will",
    "“We",
    "go”,",
    '"home"',
    "‘now’",
    "Basra",
    "...",
    "[...]",
    "…",
    "\u00a0",
    "\u200b",
    "votes",
    "to",
    "-",
    "x",
]
GIVEN = [None, "", "5000", "5,000", "2020-01-05", "170-0", "Basra", "We go", "2 million"]
DERIVATION = [None, "the article is dated 2 January 2020"]
PUBLISHED = [None, dt.date(2020, 1, 2), dt.date(2020, 1, 7)]
LANGUAGE = [None, "en", "de", "fr-CH"]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(KINDS),
            st.lists(st.sampled_from(EXCERPT_WORDS), max_size=7),
            st.sampled_from(GIVEN),
            st.sampled_from(DERIVATION),
            st.sampled_from(PUBLISHED),
            st.sampled_from(LANGUAGE),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_a_remembered_reading_is_the_reading_worked_out_afresh(
    calls: list[tuple[Kind, list[str], str | None, str | None, dt.date | None, str | None]],
) -> None:
    # Each call twice, in turns with calls differing in one input or another: whatever
    # was remembered before, the answer is the long way's.
    for kind, words, given_value, derivation, published, language in calls + calls:
        excerpt = " ".join(words)
        args = {
            "given": given_value,
            "derivation": derivation,
            "published": published,
            "language": language,
        }
        assert read_value(kind, excerpt, **args) == read_value_afresh(kind, excerpt, **args)  # type: ignore[arg-type]


def test_a_reading_is_remembered_apart_by_publication_date_and_language() -> None:
    # The same words read differently by the source's date and language: the memory must
    # not hand one source's reading to another.
    monday = read_value(
        "date", "on Tuesday", given=None, derivation=None, published=dt.date(2020, 1, 6)
    )
    next_monday = read_value(
        "date", "on Tuesday", given=None, derivation=None, published=dt.date(2020, 1, 13)
    )
    assert monday != next_monday
    english = read_value("quantity", "12.000 troops", given=None, derivation=None, published=None)
    german = read_value(
        "quantity", "12.000 troops", given=None, derivation=None, published=None, language="de"
    )
    assert english != german


SOURCE_PIECES = [
    "a",
    "7",
    " ",
    "  ",
    "\t",
    "\n",
    "\u00a0",
    "\u2009",
    "\u200b",
    "\u00ad",
    "\ufeff",
    "\u2026",
    "'",
    "\u2019",
    "-",
    "\u2014",
    ".",
]


def _folded(text: str) -> str:
    for char, plain in normalise._ONE_FOR_ONE_ITEMS:
        text = text.replace(char, plain)
    return text


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(SOURCE_PIECES), max_size=16))
def test_special_spans_are_the_ones_the_single_pattern_finds(pieces: list[str]) -> None:
    folded = _folded("".join(pieces))
    expected = [m.span() for m in normalise._SPECIAL.finditer(folded)]
    assert normalise._special_spans(folded) == expected


_OMISSION = re.compile(r"\[ ?\.\.\. ?\]|\.{3,}")


def _part_ranges_the_long_way(text: str) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    pos = 0
    for marker in [*_OMISSION.finditer(text), None]:
        end = len(text) if marker is None else marker.start()
        start = pos
        while start < end and text[start] == " ":
            start += 1
        while end > start and text[end - 1] == " ":
            end -= 1
        if start < end:
            ranges.append((start, end))
        if marker is not None:
            pos = marker.end()
    return ranges


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", " ", ".", "..", "...", "[", "]", "…"]), max_size=12))
def test_parts_without_an_omission_mark_are_the_long_ways(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert matching._part_ranges(text) == _part_ranges_the_long_way(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \u202a\u202e\u2066\u2069é", max_size=10))
def test_direction_controls_found_with_the_ascii_shortcut(text: str) -> None:
    expected = [m.start() for m in matching._DIRECTION_CONTROL.finditer(text)]
    assert matching.direction_controls(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["5,200", "troops", "in", "Iraq", "...", " ", "…"]), max_size=6))
def test_the_matcher_given_parts_finds_what_it_finds_given_the_excerpt(words: list[str]) -> None:
    index = matching.SourceIndex("About 5,200 troops in Iraq, and troops … in Iraq.")
    excerpt = normalise.normalise_mapped(" ".join(words))
    parts = matching.excerpt_parts(excerpt)
    assert matching.find_parts(index, parts) == matching.find_excerpt(index, " ".join(words))
