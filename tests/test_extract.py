"""Value extraction: what a reader gets from an excerpt, checked against golden tables.

The tables under tests/golden/extract/ hold excerpts as contributors write them beside the
value a fact-checker expects (as data users see it in claims.json, as the site displays
it, and the words highlighted), or the phrases the contributor's error message must give.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.extract import Unreadable, figures, parse_given, read_value
from generator.model import KINDS, Value

GOLDEN = Path(__file__).parent / "golden" / "extract"


def _cases(name: str) -> list[Any]:
    table = yaml.safe_load((GOLDEN / name).read_text(encoding="utf-8"))
    return [
        pytest.param(case.get("kind", table["kind"]), case, id=f"{name}:{i}:{case['excerpt'][:40]}")
        for i, case in enumerate(table["cases"])
    ]


ALL_CASES = [
    case
    for name in sorted(p.name for p in GOLDEN.glob("*.yaml"))
    if name != "figures.yaml"
    for case in _cases(name)
]


def _read(kind: str, case: dict[str, Any]) -> Value | Unreadable:
    return read_value(
        kind,  # type: ignore[arg-type]
        case["excerpt"],
        given=case.get("value"),
        derivation=case.get("derivation"),
        published=case.get("published"),
        language=case.get("language"),
    )


@pytest.mark.parametrize(("kind", "case"), ALL_CASES)
def test_golden(kind: str, case: dict[str, Any]) -> None:
    got = _read(kind, case)
    if "unreadable" in case:
        assert isinstance(got, Unreadable), f"expected an error, read {got}"
        for phrase in case["unreadable"]:
            assert phrase in got.message
        assert got.message[0].islower() or got.message[0] in "`“"
        assert got.message.endswith(".")
        return
    assert isinstance(got, Value), got.message if isinstance(got, Unreadable) else got
    assert got.kind == kind
    expect = case["expect"]
    if "json" in expect:
        assert got.as_json() == expect["json"]
    if "display" in expect:
        assert got.display == expect["display"]
    assert got.hedge == expect.get("hedge", got.hedge)
    if "highlight" in expect:
        highlight = None if got.span is None else case["excerpt"][got.span[0] : got.span[1]]
        assert highlight == expect["highlight"]
    if "words" in expect:
        assert list(got.words) == expect["words"]
    assert got.derived is expect.get("derived", False)


def test_every_golden_table_is_read() -> None:
    assert {p.name for p in GOLDEN.glob("*.yaml")} == {
        "quantity.yaml",
        "tally.yaml",
        "date.yaml",
        "quote.yaml",
        "text.yaml",
        "seeds.yaml",
        "figures.yaml",
    }


def _figure_cases() -> list[Any]:
    table = yaml.safe_load((GOLDEN / "figures.yaml").read_text(encoding="utf-8"))
    return [
        pytest.param(case, id=f"{case['kind']}:{case['excerpt'][:40]}") for case in table["cases"]
    ]


@pytest.mark.parametrize("case", _figure_cases())
def test_figures(case: dict[str, Any]) -> None:
    found = figures(case["kind"], case["excerpt"], case.get("published"))
    assert [v.display for v in found] == case["figures"]
    for value in found:
        assert value.span is not None
        assert case["excerpt"][value.span[0] : value.span[1]].strip() != ""


# --- explicit values on their own --------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "given", "published", "json"),
    [
        ("quantity", "5200", None, 5200),
        ("quantity", "5,200", None, 5200),
        ("quantity", "about 5,200", None, 5200),
        ("quantity", "eight", None, 8),
        ("quantity", "1.2 million", None, 1200000),
        ("quantity", "2019", None, 2019),
        ("tally", "170-0", None, [170, 0]),
        ("tally", "170–0", None, [170, 0]),
        ("tally", "170 to 0", None, [170, 0]),
        ("date", "2020-01-05", None, "2020-01-05"),
        ("date", "5 January 2020", None, "2020-01-05"),
        ("date", "January 5", dt.date(2020, 1, 14), "2020-01-05"),
        ("date", "2020-01", None, {"from": "2020-01-01", "to": "2020-01-31"}),
        ("date", "January 2020", None, {"from": "2020-01-01", "to": "2020-01-31"}),
        ("quote", "“weak.”", None, "“weak.”"),
        ("text", "Qom", None, "Qom"),
    ],
)
def test_parse_given(kind: Any, given: str, published: dt.date | None, json: object) -> None:
    got = parse_given(kind, given, published)
    assert isinstance(got, Value), got
    assert got.as_json() == json
    assert got.span is None


@pytest.mark.parametrize(
    ("kind", "given", "phrase"),
    [
        ("quantity", "25 fighters", "just the number"),
        ("quantity", "lots", "not one quantity"),
        ("tally", "170", "not a tally"),
        ("date", "January 5", "`published`"),
        ("date", "soon", "not a date"),
        ("date", "2020-13-01", "not a date"),
        ("quote", "...", "no words"),
        ("text", "", "empty"),
    ],
)
def test_parse_given_refuses(kind: Any, given: str, phrase: str) -> None:
    got = parse_given(kind, given, None)
    assert isinstance(got, Unreadable)
    assert phrase in got.message


def test_quote_words_compare_across_outlets() -> None:
    """The same tweet, as two outlets quote it, reads as the same words."""
    one = read_value(
        "quote",
        "Sadr called for “a million man march”",
        given=None,
        derivation=None,
        published=None,
    )
    other = read_value(
        "quote",
        "Sadr called for a ‘million-man march’ against",
        given=None,
        derivation=None,
        published=None,
    )
    assert isinstance(one, Value) and isinstance(other, Value)
    assert one.words[1:] == other.words == ("million", "man", "march")


def test_unknown_kind_is_unreadable() -> None:
    got = read_value("count", "5 troops", given=None, derivation=None, published=None)  # type: ignore[arg-type]
    assert isinstance(got, Unreadable)
    assert "quantity" in got.message


# --- never raises --------------------------------------------------------------------------

_NEWSY = st.sampled_from(
    [
        "5,000",
        "5 000",
        "5\u00a0000",
        "1.2 million",
        "around",
        "at least",
        "more than",
        "up to",
        "twenty-five",
        "one hundred and",
        "a million",
        "170-0",
        "170–0",
        "by",
        "votes to",
        "0",
        "January",
        "Jan.",
        "5",
        "2019",
        "December 30,",
        "on Tuesday",
        "last week",
        "earlier this month",
        "today",
        "“",
        "”",
        "‘",
        "’",
        "'",
        '"',
        "«",
        "»",
        "[",
        "]",
        "...",
        "…",
        "#",
        "-",
        "—",
        ",",
        ".",
        ":",
        "Sadr’s",
        "\u00ad",
        "\u200b",
        "\u202e",
        "\n",
        " ",
        "9" * 400,
        "one",
        "dozen",
        "2014 to 2017",
        "from",
        "per cent",
        "%",
        "February 29",
        "0000",
        "9999",
        "last",
        "this",
        "next",
        "Monday",
        "2020-01-05",
        "2020-13-45",
        "0001-01-01",
        "31",
        "of",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(_NEWSY, st.text(max_size=3)), max_size=30).map(" ".join),
    st.lists(_NEWSY, max_size=30).map("".join),
)
_DATES = st.one_of(st.none(), st.dates())


@settings(max_examples=600, deadline=None)
@given(
    kind=st.sampled_from(KINDS),
    excerpt=_TEXT,
    given_value=st.one_of(st.none(), _TEXT),
    derivation=st.one_of(st.none(), st.just("worked out")),
    published=_DATES,
)
def test_never_raises(
    kind: Any,
    excerpt: str,
    given_value: str | None,
    derivation: str | None,
    published: dt.date | None,
) -> None:
    got = read_value(kind, excerpt, given=given_value, derivation=derivation, published=published)
    if isinstance(got, Unreadable):
        assert got.message
        return
    assert got.kind == kind
    got.as_json()
    if got.span is not None:
        start, end = got.span
        assert 0 <= start <= end <= len(excerpt)
    for value in figures(kind, excerpt, published):
        assert value.span is not None and 0 <= value.span[0] <= value.span[1] <= len(excerpt)


@settings(max_examples=300, deadline=None)
@given(
    number=st.integers(min_value=0, max_value=10**12),
    hedge=st.sampled_from(["", "around ", "at least ", "more than ", "up to ", "fewer than "]),
)
def test_written_numbers_read_back(number: int, hedge: str) -> None:
    """Any count written with separators reads back as itself, with its hedge."""
    excerpt = f"officials said {hedge}{number:,} people took part"
    got = read_value("quantity", excerpt, given=None, derivation=None, published=None)
    assert isinstance(got, Value), got
    interval = got.intervals[0]
    assert number in (interval.low, interval.high)
    assert got.span is not None
    assert excerpt[got.span[0] : got.span[1]] == f"{hedge}{number:,}"


_DATE_PHRASES = [
    "on Tuesday",
    "last Sunday",
    "this Friday",
    "next Monday",
    "January 5",
    "5 December",
    "February 29",
    "in October",
    "earlier this month",
    "last month",
    "later this month",
    "this week",
    "last week",
    "later this week",
    "yesterday",
    "today",
    "tomorrow",
    "last year",
    "this year",
    "November-February 0001",
    "January 0001",
    "December 9999",
    "0000-01-01",
    "9999-12-31",
]


@pytest.mark.parametrize("phrase", _DATE_PHRASES)
@pytest.mark.parametrize("published", [dt.date.min, dt.date.max, dt.date(2020, 1, 14)])
def test_dates_at_the_ends_of_the_calendar(phrase: str, published: dt.date) -> None:
    """A publication date at either end of the calendar gives an answer, not a crash."""
    got = read_value(
        "date", f"it happened {phrase}", given=None, derivation=None, published=published
    )
    if isinstance(got, Value):
        low, high = got.intervals[0].low, got.intervals[0].high
        assert low is not None and high is not None and low <= high
    given_back = read_value(
        "date", f"it happened {phrase}", given="2020-01-14", derivation=None, published=published
    )
    assert isinstance(given_back, Value | Unreadable)
