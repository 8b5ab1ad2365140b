"""The per-excerpt shortcuts of a check give exactly what the long way gives.

- a reading remembered by everything it depends on (kind, excerpt, value, derivation,
  publication date, language) is the reading worked out afresh;
- the runs of spaces, ellipses and ends a normaliser copies around, found without the
  one-pattern scan when a text has no invisible character;
- an excerpt without `...` is one part, found without the omission pattern;
- an ASCII excerpt has no direction controls;
- date, tally and number patterns skipped when a substring they cannot match without is
  missing from the excerpt (in any case);
- the engine hands the matcher the excerpt's parts it already worked out;
- composed text normalised without the map builder's method calls, and a text with
  nothing but one-for-one folds without building at all;
- a quotation's words found in C when there is no insertion to leave out;
- no character before U+0300 is a combining mark;
- sources of which none relays another are each their own origin;
- a figure's hedge, read for its value, kept as it is rather than made again.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from test_engine_shortcuts import assert_date_skipping_changes_nothing

from generator import matching, normalise, verdicts
from generator.extract import (
    dates,
    hedges,
    numbers,
    quantity,
    read_value,
    read_value_afresh,
    tally,
    words,
)
from generator.extract.base import Excerpt
from generator.model import KINDS, Kind, Source

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
    for kind, pieces, given_value, derivation, published, language in calls + calls:
        excerpt = " ".join(pieces)
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


# Words in every case, and with the letters a case-ignoring pattern takes for an ASCII
# one (long s, dotless i, Kelvin sign), where a pre-check must not skip a pattern.
TRICKY_WORDS = [
    "on",
    "the",
    "THE",
    "5th",
    "12",
    "2020",
    "1999",
    "2014-2017",
    "2020-01-05",
    "January",
    "JAN.",
    "ſept",
    "Sept.",
    "may",
    "March",
    "Monday",
    "MONDAY",
    "ſunday",
    "thiſ",
    "LAST",
    "ToDay",
    "tonıght",
    "yesterday",
    "week",
    "month",
    "between",
    "from",
    "and",
    "AND",
    "to",
    "TO",
    "votes",
    "in",
    "favour",
    "for",
    "against",
    "AGAINſT",
    "170-0",
    "170",
    "0",
    "one",
    "ONE",
    "ſeven",
    "ſix",
    "a",
    "an",
    "Hundred",
    "thouſand",
    "twenty-five",
    "Dozens",
    "tenſ",
    "1,5",
    "5,000",
    "-",
    "%",
]
SEPARATORS = [" ", " ", " ", "", "-", ", "]


def _joined(pieces: list[tuple[str, str]]) -> str:
    return "".join(word + sep for word, sep in pieces).strip()


TEXTS = st.lists(
    st.tuples(st.sampled_from(TRICKY_WORDS), st.sampled_from(SEPARATORS)), max_size=8
).map(_joined)


@settings(max_examples=1000, deadline=None)
@given(TEXTS)
def test_date_patterns_skipped_by_substring_only_where_they_cannot_match(text: str) -> None:
    assert_date_skipping_changes_nothing(text)


@settings(max_examples=1000, deadline=None)
@given(TEXTS)
def test_tally_patterns_skipped_only_where_they_cannot_match(text: str) -> None:
    excerpt = Excerpt(text)
    skipping = tally.find(excerpt)
    saved = tally._NEEDS, tally._DIGIT
    tally._NEEDS = tuple((pattern, "") for pattern, _ in saved[0])  # every pattern scans
    tally._DIGIT = re.compile("")
    try:
        assert skipping == tally.find(excerpt)
    finally:
        tally._NEEDS, tally._DIGIT = saved


@settings(max_examples=1000, deadline=None)
@given(TEXTS, st.sampled_from([None, "en", "de"]))
def test_number_patterns_skipped_only_where_they_cannot_match(
    text: str, language: str | None
) -> None:
    skipping = numbers.find_numbers(text, language)
    saved = numbers._SCALE_STEMS, numbers._may_spell_numbers
    numbers._SCALE_STEMS = ("",)  # found in every text
    numbers._may_spell_numbers = lambda low: True
    try:
        assert skipping == numbers.find_numbers(text, language)
    finally:
        numbers._SCALE_STEMS, numbers._may_spell_numbers = saved


def test_the_tricky_words_are_read_at_all() -> None:
    # The equivalence above means something only if the tricky spellings do match.
    assert [f.form for f in dates.find("thiſ week")] == ["relative"]
    assert [f.form for f in dates.find("on ſunday")] == ["weekday"]
    assert tally.find(Excerpt("170 for, 0 AGAINſT"))[0][2:] == (170, 0)
    assert [n.value for n in numbers.find_numbers("ONE Hundred and TWENTY")] == [120.0]


def _composed_the_long_way(text: str) -> normalise.NormalisedText:
    """`_normalise_composed` as first written: one pattern, the map builder's methods."""
    folded = text
    for char, plain in normalise._ONE_FOR_ONE_ITEMS:
        folded = folded.replace(char, plain)
    out = normalise._Builder()
    pos = 0
    for m in normalise._SPECIAL.finditer(folded):
        start, end = m.span()
        out.copy(pos, folded[pos:start])
        pos = end
        run = m.group()
        if run == "\u2026":
            out.fixed(start, end, "...")
        elif start == 0 or end == len(text):
            continue
        else:
            inner = run.strip(normalise._INV)
            if inner:
                first = start + run.index(inner[0])
                out.fixed(first, first + len(inner), " ")
    out.copy(pos, folded[pos:])
    return out.done(text)


def _whole_map(norm: normalise.NormalisedText) -> tuple[object, ...]:
    return (norm.text, list(norm._at), list(norm._origin), list(norm._step), list(norm._width))


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from([*SOURCE_PIECES, "b", "\u201c", "\u201d"]), max_size=18))
def test_composed_text_is_normalised_as_the_builder_does(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _whole_map(normalise._normalise_composed(text)) == _whole_map(
        _composed_the_long_way(text)
    )


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_INSERTION = re.compile(r"\[[^\]]*\]")


def _word_spans_the_long_way(text: str, drop: bool) -> list[tuple[str, int, int]]:
    skip = [m.span() for m in _INSERTION.finditer(text)] if drop else []
    return [
        (words._fold(m.group()), m.start(), m.end())
        for m in _WORD.finditer(text)
        if not any(start <= m.start() < end for start, end in skip)
    ]


@settings(max_examples=800, deadline=None)
@given(
    st.lists(
        st.sampled_from(["We", "WANT", "Sadr’s", "it's", "[", "]", "leaders", " ", "-", "é", "Ǆ"]),
        max_size=10,
    ),
    st.booleans(),
)
def test_quote_words_found_as_the_long_way_finds_them(pieces: list[str], drop: bool) -> None:
    text = "".join(pieces)
    expected = _word_spans_the_long_way(text, drop)
    assert words.word_spans(text, drop_insertions=drop) == expected
    assert words.words(text, drop_insertions=drop) == tuple(w for w, _, _ in expected)


def test_no_character_before_the_first_combining_accent_is_a_mark() -> None:
    # What the matcher's shortcut for marks rests on, checked for every such character.
    assert not [c for c in map(chr, range(0x300)) if unicodedata.category(c)[0] == "M"]
    assert matching._is_mark("\u0301") and not matching._is_mark("e")


NAMES = ["wire", "Wire", "the wire", "other", "Other Outlet", "copy", ""]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(NAMES),
            st.sampled_from(NAMES),
            st.lists(st.sampled_from(NAMES[:-1]), max_size=2),
        ),
        max_size=5,
    ),
    st.booleans(),
)
def test_origins_without_relays_are_grouped_as_the_long_way_groups_them(
    described: list[tuple[str, str, list[str]]], relaying: bool
) -> None:
    sources = [
        Source(
            id=f"s{n}",
            file=f"content/sources/s{n}.md",
            title=title or f"Report {n}",
            text="",
            body_line=1,
            outlet=outlet or None,
            derived_from=tuple(relays) if relaying else (),
        )
        for n, (outlet, title, relays) in enumerate(described)
    ]
    assert verdicts.origin_groups(sources) == _origin_groups_the_long_way(sources)


def _origin_groups_the_long_way(sources: list[Source]) -> tuple[tuple[str, ...], ...]:
    # Every source's names and relays looked at, as before the shortcut.
    ids = sorted(s.id for s in sources)
    parent = {i: i for i in ids}

    def find(i: str) -> str:
        while parent[i] != i:
            i = parent[i]
        return i

    by_id = {s.id: s for s in sources}
    names: dict[str, list[str]] = {}
    for i in ids:
        for name in (by_id[i].id, by_id[i].outlet, by_id[i].title):
            if name:
                names.setdefault(verdicts.report_key(name), []).append(i)
    reports: dict[str, str] = {}
    for i in ids:
        for report in by_id[i].derived_from:
            key = verdicts.report_key(report)
            for original in names.get(key, []):
                parent[find(i)] = find(original)
            if key in reports:
                parent[find(i)] = find(reports[key])
            reports.setdefault(key, i)
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(find(i), []).append(i)
    return tuple(tuple(g) for g in sorted(groups.values()))


HEDGED_WORDS = [
    "about",
    "at least",
    "more than",
    "up to",
    "under",
    "some",
    "5,000",
    "12.000",
    "1,5",
    "200",
    "or so",
    "or more",
    "or fewer",
    "-plus",
    "-odd",
    "+",
    "hundreds of",
    "a few hundred",
    "troops",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(HEDGED_WORDS), max_size=6), st.sampled_from([None, "en", "de"]))
def test_a_hedge_read_for_a_number_is_the_one_made_again_for_its_value(
    pieces: list[str], language: str | None
) -> None:
    # What lets the quantity reader keep the hedge as it is for the number's own value.
    text = " ".join(pieces)
    for number in numbers.find_numbers(text, language):
        hedged = hedges.hedge_after(
            text, number.end, hedges.hedge_before(text, number.start, number.value)
        )
        again = replace(hedged, interval=quantity._same_hedge(hedged, number.value))
        assert again == hedged


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet="ab \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f.", min_size=1, max_size=10))
def test_ascii_with_nothing_to_fold_is_told_by_splitting_as_the_pattern_tells_it(
    text: str,
) -> None:
    assert (" ".join(text.split()) == text) == (normalise._ASCII_WORK.search(text) is None)
