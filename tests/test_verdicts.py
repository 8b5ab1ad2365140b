"""Claim -> verdict, for every verdict and tolerance rule of the contract."""

from __future__ import annotations

import pytest

from generator.model import Claim, Evidence, Interval, Match, Position, Source, Tolerance, Value
from generator.verdicts import RULES, agree, judge, origin_groups, word_distance

HERE = Position("claims/x.yaml", 5, 14)
INF = None
SAME = object()


def q(
    low: float | None, high: object = SAME, lo_open: bool = False, hi_open: bool = False
) -> Value:
    top = low if high is SAME else high
    assert top is None or isinstance(top, (int, float))
    return Value("quantity", f"{low}-{top}", (Interval(low, top, lo_open, hi_open),))


def tally(yes: int, no: int) -> Value:
    return Value("tally", f"{yes}-{no}", (Interval.point(yes), Interval.point(no)))


def quote(text: str) -> Value:
    words = tuple(w.strip(",.“”\"'").lower() for w in text.split())
    return Value("quote", text, words=words)


def source(sid: str, derived: tuple[str, ...] = ()) -> Source:
    return Source(sid, f"content/sources/{sid}.md", sid.title(), "text", 5, derived_from=derived)


SOURCES = {
    s.id: s
    for s in [
        source("a"),
        source("b"),
        source("c"),
        source("relay-1", ("wire",)),
        source("relay-2", ("wire",)),
        source("copier", ("a",)),
    ]
}


def make(
    kind: str,
    evidence: list[tuple[str, Value | None]],
    tolerance: Tolerance | None = None,
    found: bool = True,
) -> Claim:
    items = []
    for sid, value in evidence:
        e = Evidence(sid, "excerpt", HERE, value_is_null=value is None)
        e.match = Match(((0, 4),)) if found else None
        e.value = value
        items.append(e)
    return Claim("x", "claims/x.yaml", "A claim.", kind, HERE, items, tolerance=tolerance)  # type: ignore[arg-type]


def PCT(n: float) -> Tolerance:
    return Tolerance(n / 100, relative=True, text=f"{n}%")


def ABS(n: float) -> Tolerance:
    return Tolerance(n, relative=False, text=str(n))


# (case, kind, evidence, tolerance, expected verdict)
TABLE = [
    ("no value at all", "quantity", [("a", None)], None, "unverified"),
    ("one source", "quantity", [("a", q(25))], None, "single-source"),
    ("one source twice, agreeing", "quantity", [("a", q(25)), ("a", q(25))], None, "single-source"),
    (
        "one source contradicting itself",
        "quantity",
        [("a", q(25)), ("a", q(30)), ("b", q(25))],
        None,
        "conflicting",
    ),
    (
        "two relays of one report",
        "quantity",
        [("relay-1", q(5)), ("relay-2", q(5))],
        None,
        "single-source",
    ),
    ("a copy and its original", "quantity", [("a", q(5)), ("copier", q(5))], None, "single-source"),
    ("two sources, same figure", "quantity", [("a", q(25)), ("b", q(25))], None, "consistent"),
    (
        "qualitative support is not counted",
        "quantity",
        [("a", q(25)), ("b", None)],
        None,
        "single-source",
    ),
    (
        "5,000 vs 5,200 within default 5%",
        "quantity",
        [("a", q(5000)), ("b", q(5200))],
        None,
        "minor-discrepancy",
    ),
    (
        "5,000 vs 5,600 beyond default 5% (each widened: 5,250 < 5,320)",
        "quantity",
        [("a", q(5000)), ("b", q(5600))],
        None,
        "conflicting",
    ),
    (
        "5,000 vs 5,600 within 10%",
        "quantity",
        [("a", q(5000)), ("b", q(5600))],
        PCT(10),
        "minor-discrepancy",
    ),
    (
        "absolute tolerance 100 covers 5,000 vs 5,200",
        "quantity",
        [("a", q(5000)), ("b", q(5200))],
        ABS(100),
        "minor-discrepancy",
    ),
    (
        "absolute tolerance 50 does not",
        "quantity",
        [("a", q(5000)), ("b", q(5200))],
        ABS(50),
        "conflicting",
    ),
    ("at least 20 overlaps 25", "quantity", [("a", q(20, INF)), ("b", q(25))], None, "consistent"),
    (
        "more than 25 excludes 25 exactly",
        "quantity",
        [("a", q(25, INF, lo_open=True)), ("b", q(25))],
        ABS(0),
        "conflicting",
    ),
    ("up to 25 includes 25", "quantity", [("a", q(INF, 25)), ("b", q(25))], None, "consistent"),
    (
        "fewer than 25 vs 25 is within 5%",
        "quantity",
        [("a", q(INF, 25, hi_open=True)), ("b", q(25))],
        None,
        "minor-discrepancy",
    ),
    ("ranges overlap", "quantity", [("a", q(10, 20)), ("b", q(15, 30))], None, "consistent"),
    ("tallies equal", "tally", [("a", tally(170, 0)), ("b", tally(170, 0))], None, "consistent"),
    (
        "tallies differ, no default tolerance",
        "tally",
        [("a", tally(170, 0)), ("b", tally(169, 0))],
        None,
        "conflicting",
    ),
    (
        "tallies within absolute 1",
        "tally",
        [("a", tally(170, 0)), ("b", tally(169, 1))],
        ABS(1),
        "minor-discrepancy",
    ),
    (
        "quotes equal but for case and punctuation",
        "quote",
        [
            ("a", quote("The skies, land and sovereignty")),
            ("b", quote("the skies land and sovereignty.")),
        ],
        None,
        "consistent",
    ),
    (
        "quotes one word apart in ten",
        "quote",
        [
            ("a", quote("one two three four five six seven eight nine ten")),
            ("b", quote("one two three four five six seven eight nine eleven")),
        ],
        None,
        "minor-discrepancy",
    ),
    (
        "quotes far apart",
        "quote",
        [("a", quote("occupying forces every day")), ("b", quote("invading forces"))],
        None,
        "conflicting",
    ),
]


@pytest.mark.parametrize(
    ("case", "kind", "evidence", "tolerance", "expected"), TABLE, ids=[t[0] for t in TABLE]
)
def test_verdict_table(
    case: str,
    kind: str,
    evidence: list[tuple[str, Value | None]],
    tolerance: Tolerance | None,
    expected: str,
) -> None:
    assert judge(make(kind, evidence, tolerance), SOURCES).rating == expected


def test_every_rating_is_covered_by_the_table() -> None:
    assert {t[4] for t in TABLE} | {"unverified"} == {r.rating for r in RULES}


def test_an_excerpt_not_found_makes_the_claim_unverified() -> None:
    claim = make("quantity", [("a", q(25)), ("b", q(25))], found=False)
    verdict = judge(claim, SOURCES)
    assert verdict.rating == "unverified"
    assert verdict.explanation == (
        "A quoted passage could not be found in its source (the article “A” and the article “B”)."
    )


def test_dates_widen_by_days() -> None:
    jan5 = Value("date", "5 January 2020", (Interval.point(737429),))
    jan6 = Value("date", "6 January 2020", (Interval.point(737430),))
    assert not agree([jan5, jan6], None)
    assert agree([jan5, jan6], ABS(1))


def test_relays_of_one_report_are_one_origin() -> None:
    assert origin_groups(SOURCES.values()) == (
        ("a", "copier"),
        ("b",),
        ("c",),
        ("relay-1", "relay-2"),
    )


def test_relayed_single_source_explains_the_origin() -> None:
    verdict = judge(make("quantity", [("relay-1", q(5)), ("relay-2", q(5))]), SOURCES)
    assert verdict.explanation == (
        "The article “Relay-1” and the article “Relay-2” relay the same report, so they are "
        "one origin; they give 5-5."
    )


def test_word_distance() -> None:
    assert word_distance(("a", "b", "c"), ("a", "c")) == 1
    assert word_distance((), ("a",)) == 1
    assert word_distance(("a", "b"), ("b", "a")) == 2


def test_the_publications_rating_is_the_editorial_verdict_when_given() -> None:
    from generator.model import EditorialVerdict
    from generator.report import claim_json

    claim = make("quantity", [("a", q(25)), ("b", q(30))])
    assert claim.rating is None and claim.agreement is None  # not judged yet
    claim.verdict = verdict = judge(claim, SOURCES)
    claim = _same(claim)  # mypy narrowed the properties to None above
    assert verdict.rating == "conflicting"
    assert (claim.rating, claim.agreement) == ("conflicting", None)
    claim.editorial = EditorialVerdict("minor-discrepancy", "Rounded differently.", HERE)
    assert (claim.rating, claim.agreement) == ("minor-discrepancy", "differs")
    data = claim_json(claim)
    assert (data["rating"], data["verdict"], data["agreement"]) == (
        "minor-discrepancy",
        "conflicting",
        "differs",
    )
    assert data["editorial_verdict"] == {
        "rating": "minor-discrepancy",
        "reason": "Rounded differently.",
    }
    claim.editorial = EditorialVerdict("conflicting", "Checked by hand.", HERE)
    assert (claim.rating, claim.agreement) == ("conflicting", "agrees")


def _same(claim: Claim) -> Claim:
    return claim
