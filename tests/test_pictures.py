"""The pictures (generator.pictures), checked on parsed markup, never on strings alone.

Every claim here is checked by the real engine (`engine.check` on the fixture publication
in tests/golden/pictures/publication, or `extract.read_value` + `verdicts.judge` in the
property tests): no verdict is typed in. Golden files (tests/golden/pictures/expected)
hold the structure of each picture (rows, marks, bands, agreement region, ticks, the
description), as read back from the parsed SVG; `UPDATE_GOLDEN=1 pytest
tests/test_pictures.py` rewrites them after a deliberate change, to be reviewed in the diff.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import extract
from generator.engine import check
from generator.model import Claim, Evidence, Match, Position, Publication, Source, Tolerance
from generator.pictures import CSS, date_line, number_line, picture, quote_diff, timeline
from generator.pictures.quote_diff import MOST_WORDS
from generator.verdicts import judge

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "pictures"
FIXTURE = GOLDEN / "publication"
SVG = "{http://www.w3.org/2000/svg}"


@cache
def fixture() -> Publication:
    return check(FIXTURE)


@cache
def bundled() -> Publication:
    return check(ROOT)


def claim(pub: Publication, claim_id: str) -> Claim:
    return next(c for c in pub.claims if c.id == claim_id)


def parse(markup: str | None) -> ET.Element:
    assert markup is not None
    return ET.fromstring(markup)  # well-formed, or this raises


def classes(node: ET.Element) -> set[str]:
    return set(node.get("class", "").split())


def having(root: ET.Element, cls: str) -> list[ET.Element]:
    return [n for n in root.iter() if cls in classes(n)]


def local(tag: str) -> str:
    return tag.split("}")[-1]


def structure(svg: ET.Element) -> dict[str, Any]:
    """What a reader sees in a chart, as data: the golden files hold this."""
    rows = []
    for row in having(svg, "fc-row"):
        dims = []
        for dim in having(row, "fc-dim"):
            dims.append(
                {
                    "dim": dim.get("data-dim"),
                    "marks": [
                        {
                            "shape": sorted(classes(m) - {"fc-mark"}),
                            "low": m.get("data-low"),
                            "high": m.get("data-high"),
                            "value": m.get("data-value"),
                        }
                        for m in having(dim, "fc-mark")
                    ],
                    "bands": [
                        [b.get("data-low"), b.get("data-high")] for b in having(dim, "fc-band")
                    ],
                    "arrows": len(having(dim, "fc-arrow")),
                    "open_ends": len(having(dim, "fc-end-open")),
                    "halos": len(having(dim, "fc-approx-halo")),
                    "bars": len(having(dim, "fc-bar")),
                }
            )
        labels = [t.text for t in having(row, "fc-label")]
        rows.append(
            {
                "sources": row.get("data-sources"),
                "class": sorted(classes(row)),
                "label": labels[0] if labels else None,
                "dims": dims,
            }
        )
    agree = having(svg, "fc-agree")
    return {
        "verdict": svg.get("data-verdict"),
        "title": svg.find(f"{SVG}title").text,  # type: ignore[union-attr]
        "desc": svg.find(f"{SVG}desc").text,  # type: ignore[union-attr]
        "rows": rows,
        "agreement": (
            {
                "class": sorted(classes(agree[0])),
                "regions": [
                    [r.get("data-dim"), r.get("data-low"), r.get("data-high")]
                    for r in having(agree[0], "fc-agree-region")
                ],
            }
            if agree
            else None
        ),
        "ticks": [t.findtext(f"{SVG}text") for t in having(svg, "fc-tick")],
    }


CHARTS = [
    "troops-consistent",
    "troops-minor",
    "troops-conflicting",
    "troops-relayed",
    "troops-unverified",
    "protesters-bounds",
    "buses-contradiction",
    "vote-consistent",
    "vote-minor",
    "vote-conflicting",
    "vote-single",
    "vote-date-consistent",
    "vote-date-minor",
    "vote-date-conflicting",
    "vote-date-single",
]


def test_fixture_covers_every_verdict_of_every_kind_it_draws() -> None:
    pub = fixture()
    seen = {(c.kind, c.verdict.rating) for c in pub.claims if c.verdict}
    for kind in ("quantity", "tally", "date"):
        for rating in ("single-source", "consistent", "minor-discrepancy", "conflicting"):
            assert (kind, rating) in seen, (kind, rating)
    assert ("quantity", "unverified") in seen
    # The one error is the deliberate one: an excerpt not in its source.
    assert [(p.file, p.line) for p in pub.errors] == [("claims/troops-unverified.yaml", 8)]


@pytest.mark.parametrize("claim_id", CHARTS)
def test_chart_structure_matches_golden(claim_id: str) -> None:
    pub = fixture()
    got = structure(parse(picture(claim(pub, claim_id), pub.sources)))
    path = GOLDEN / "expected" / f"{claim_id}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", "utf-8")
    assert got == json.loads(path.read_text("utf-8"))


def chart(claim_id: str, **options: Any) -> ET.Element:
    pub = fixture()
    return parse(picture(claim(pub, claim_id), pub.sources, **options))


def test_minor_discrepancy_shows_bands_meeting_where_the_judge_widens() -> None:
    svg = chart("troops-minor")
    rows = having(svg, "fc-row")
    assert [r.get("data-sources") for r in rows] == ["wire", "daily"]
    # 5% of 5,000 and of 5,200, widened by the judge's own rule.
    assert [[b.get("data-low"), b.get("data-high")] for b in having(svg, "fc-band")] == [
        ["4750", "5250"],
        ["4940", "5460"],
    ]
    (region,) = having(svg, "fc-agree-region")
    assert classes(having(svg, "fc-agree")[0]) == {"fc-agree", "fc-agree-tolerance"}
    assert (region.get("data-low"), region.get("data-high")) == ("4940", "5250")
    assert all("fc-approximate" in classes(m) for m in having(svg, "fc-mark"))
    assert len(having(svg, "fc-approx-halo")) == 2
    desc = svg.findtext(f"{SVG}desc")
    assert desc == (
        "The Wire: about 5,000; The Daily: about 5,200 (in troops). "
        "They differ, but agree within the tolerance of 5%."
    )
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby", "").split()
    assert svg.find(f"{SVG}title").get("id") == title_id  # type: ignore[union-attr]
    assert svg.find(f"{SVG}desc").get("id") == desc_id  # type: ignore[union-attr]


def test_consistent_and_conflicting_regions() -> None:
    consistent = chart("troops-consistent")
    assert classes(having(consistent, "fc-agree")[0]) == {"fc-agree", "fc-agree-exact"}
    (region,) = having(consistent, "fc-agree-region")
    assert (region.get("data-low"), region.get("data-high")) == ("5000", "5000")
    assert float(region.get("width", "0")) > 0  # a shared point is still drawn
    conflicting = chart("troops-conflicting")
    assert having(conflicting, "fc-agree") == []
    assert len(having(conflicting, "fc-row")) == 2
    assert conflicting.findtext(f"{SVG}desc", "").endswith(
        "They differ beyond the tolerance of 5%."
    )


def test_bounds_are_drawn_to_the_edge_with_arrows() -> None:
    svg = chart("protesters-bounds")
    marks = having(svg, "fc-mark")
    assert [sorted(classes(m)) for m in marks] == [
        ["fc-lower-bound", "fc-mark", "fc-range", "fc-unbounded-high"],
        ["fc-mark", "fc-range", "fc-unbounded-low", "fc-upper-bound"],
    ]
    assert len(having(svg, "fc-arrow")) == 2
    (region,) = having(svg, "fc-agree-region")
    assert (region.get("data-low"), region.get("data-high")) == ("400", "450")
    width = float(svg.get("viewBox", "").split()[2])
    lower = marks[0]
    assert float(lower.get("x", "0")) + float(lower.get("width", "0")) == pytest.approx(width - 14)


def test_relays_share_a_row_and_no_agreement_is_claimed() -> None:
    svg = chart("troops-relayed")
    (row,) = having(svg, "fc-row")
    assert row.get("data-sources") == "relay wire"
    # The drawn label shortens the names, never the value; the row's title has it all.
    assert having(row, "fc-label")[0].text == "Relay News and The Wire (rel…: about 5,000"
    assert row.findtext(f"{SVG}title") == (
        "Relay News and The Wire (relaying one report): about 5,000"
    )
    assert having(svg, "fc-agree") == []
    assert svg.findtext(f"{SVG}desc", "").endswith("Only one origin gives a value.")


def test_unverified_and_self_contradiction_draw_no_agreement() -> None:
    unverified = chart("troops-unverified")
    assert having(unverified, "fc-agree") == []
    assert [r.get("data-sources") for r in having(unverified, "fc-not-found")] == ["daily"]
    contradiction = chart("buses-contradiction")
    assert having(contradiction, "fc-agree") == []
    (row,) = having(contradiction, "fc-contradiction")
    assert len(having(row, "fc-mark")) == 2


def test_tally_has_two_bars_per_origin() -> None:
    svg = chart("vote-minor")
    rows = having(svg, "fc-row")
    assert len(rows) == 2
    for row in rows:
        assert [d.get("data-dim") for d in having(row, "fc-dim")] == ["for", "against"]
        assert len(having(row, "fc-bar")) == 2
    regions = having(svg, "fc-agree-region")
    assert [(r.get("data-dim"), r.get("data-low"), r.get("data-high")) for r in regions] == [
        ("for", "168", "170"),
        ("against", "0", "2"),
    ]
    ticks = [t.get("data-value") for t in having(svg, "fc-tick")]
    assert "0" in ticks  # bars start at zero


def test_date_line_shows_a_month_as_a_span() -> None:
    svg = chart("vote-date-consistent")
    marks = having(svg, "fc-mark")
    jan5 = str(dt.date(2020, 1, 5).toordinal())
    assert [(sorted(classes(m)), m.get("data-low"), m.get("data-high")) for m in marks] == [
        (["fc-exact", "fc-mark", "fc-point"], jan5, jan5),
        (
            ["fc-exact", "fc-mark", "fc-range"],
            str(dt.date(2020, 1, 1).toordinal()),
            str(dt.date(2020, 1, 31).toordinal()),
        ),
    ]
    (region,) = having(svg, "fc-agree-region")
    assert region.get("data-low") == region.get("data-high") == jan5
    ticks = [t.findtext(f"{SVG}text") for t in having(svg, "fc-tick")]
    # Weekly ticks on Mondays; the year named first and where it changes.
    assert ticks == ["30 Dec 2019", "6 Jan 2020", "13 Jan", "20 Jan", "27 Jan"]


def test_number_style_ticks_do_not_force_zero() -> None:
    svg = chart("troops-minor")
    ticks = [t.findtext(f"{SVG}text") for t in having(svg, "fc-tick")]
    assert ticks == ["4,800", "5,000", "5,200", "5,400"]


def test_compact_highlights_the_page_source() -> None:
    svg = chart("troops-minor", compact=True, highlight="daily")
    assert "fc-compact" in classes(svg)
    assert [r.get("data-sources") for r in having(svg, "fc-current")] == ["daily"]
    assert having(svg, "fc-label") == []  # the desc still says everything
    assert "The Daily: about 5,200" in svg.findtext(f"{SVG}desc", "")
    assert float(svg.get("viewBox", "").split()[2]) < 300
    assert len(having(svg, "fc-tick")) <= 3


def test_kinds_without_a_chart() -> None:
    pub = fixture()
    quote = claim(pub, "skies-quote")
    assert number_line(quote, pub.sources) is None
    assert date_line(quote, pub.sources) is None
    assert date_line(claim(pub, "troops-minor"), pub.sources) is None
    assert quote_diff(claim(pub, "troops-minor"), pub.sources) is None


# --- quotation differences ---------------------------------------------------------------


def wordings(markup: str | None) -> list[dict[str, Any]]:
    root = parse(markup)
    out = []
    for item in having(root, "fc-wording"):

        def words(tag: str, cls: str, item: ET.Element = item) -> list[str]:
            return [
                "".join(n.itertext()).split(": ", 1)[-1].strip()
                for n in item.iter(tag)
                if cls in classes(n)
            ]

        out.append(
            {
                "sources": item.get("data-sources"),
                "reference": "fc-reference" in classes(item),
                "dropped": words("del", "fc-dropped"),
                "changed": list(
                    zip(words("del", "fc-changed"), words("ins", "fc-changed"), strict=True)
                ),
                "inserted": words("ins", "fc-inserted"),
                "writer_insertions": [
                    "".join(n.itertext()) for n in having(item, "fc-writer-insertion")
                ],
                "omissions": [n.get("title") for n in having(item, "fc-omission")],
                "text": "".join("".join(n.itertext()) for n in having(item, "fc-words")),
            }
        )
    return out


def test_bundled_skies_quote_marks_exactly_the_words_that_differ() -> None:
    pub = bundled()
    got = wordings(quote_diff(claim(pub, "skies-land-sovereignty-quote"), pub.sources))
    assert got[0]["reference"]
    # Four outlets print the same words (punctuation aside): the most common wording.
    assert (
        got[0]["sources"]
        == "million-man-march-call 21st-century-wire alwaght million-man-march-today"
    )
    assert (got[0]["dropped"], got[0]["changed"], got[0]["inserted"]) == ([], [], [])
    # Kurdistan 24, against it, written out by hand from the two sentences:
    # The skies, land    and sovereignty of Iraq are being violated every day by occupying forces
    # The skies, lands,  and sovereignty of Iraq are being violated           by invading  forces
    assert len(got) == 2
    assert got[1]["sources"] == "kurdistan-24"
    assert got[1]["changed"] == [("land", "lands"), ("occupying", "invading")]
    assert got[1]["dropped"] == ["every day"]
    assert got[1]["inserted"] == []


def test_brackets_and_ellipses_are_the_writers_not_differences() -> None:
    pub = fixture()
    got = wordings(quote_diff(claim(pub, "skies-quote"), pub.sources))
    by_source = {w["sources"]: w for w in got}
    # Wire and Relay print the same words: most common, though The Daily is cited first.
    assert got[0]["sources"] == "wire relay"
    daily = by_source["daily"]
    assert daily["changed"] == [("land", "lands"), ("occupying", "invading")]
    assert daily["dropped"] == ["of Iraq", "every day"]
    assert daily["writer_insertions"] == ["[of the country]"]
    assert "[of the country]" not in " ".join(
        daily["dropped"] + [i for pair in daily["changed"] for i in pair]
    )
    herald = by_source["herald"]
    # "every day" is where the writer put an ellipsis: omitted, not dropped.
    assert (herald["dropped"], herald["changed"], herald["inserted"]) == ([], [], [])
    assert herald["omissions"] == ["left out by the writer: every day"]


def test_inserted_words_and_a_single_wording() -> None:
    pub = quote_publication(
        [
            "“the march will go ahead”",
            "“the march will surely go ahead today”",
            "“the march will go ahead”",
        ]
    )
    c = pub.claims[0]
    got = wordings(quote_diff(c, pub.sources))
    assert [w["sources"] for w in got] == ["s0 s2", "s1"]
    assert got[1]["inserted"] == ["surely", "today"]
    same = quote_publication(["“the march will go ahead”", "“The march will go ahead.”"])
    (only,) = wordings(quote_diff(same.claims[0], same.sources))
    assert only["sources"] == "s0 s1"


def test_long_quotes_are_not_aligned_word_by_word() -> None:
    long_a = " ".join(f"w{i}" for i in range(MOST_WORDS + 5))
    long_b = long_a.replace("w7 ", "x7 ")
    pub = quote_publication([f"“{long_a}”", f"“{long_b}”"])
    got = wordings(quote_diff(pub.claims[0], pub.sources))
    assert [(w["dropped"], w["changed"], w["inserted"]) for w in got] == [([], [], [])] * 2
    assert "more than 400 words" in (quote_diff(pub.claims[0], pub.sources) or "")


# --- engine-built claims for property and hostile tests -----------------------------------

HERE = Position("claims/x.yaml", 3, 14)


def make_claim(
    kind: str,
    excerpts: list[tuple[str, str]],
    sources: dict[str, Source],
    tolerance: Tolerance | None = None,
    text: str = "A claim.",
    unit: str | None = None,
) -> Claim:
    """A claim whose values are read by the real extractor and judged by the real judge."""
    evidence = []
    for sid, excerpt in excerpts:
        e = Evidence(sid, excerpt, HERE)
        e.match = Match(((0, len(excerpt)),))
        got = extract.read_value(
            kind,  # type: ignore[arg-type]
            excerpt,
            given=None,
            derivation=None,
            published=sources[sid].published,
        )
        assert not isinstance(got, extract.Unreadable), (excerpt, got)
        e.value = got
        evidence.append(e)
    c = Claim("x", "claims/x.yaml", text, kind, HERE, evidence, unit=unit, tolerance=tolerance)  # type: ignore[arg-type]
    c.verdict = judge(c, sources)
    return c


def make_source(sid: str, name: str | None = None, derived: tuple[str, ...] = ()) -> Source:
    return Source(
        sid,
        f"content/sources/{sid}.md",
        f"Title {sid}",
        "text",
        5,
        outlet=name,
        derived_from=derived,
    )


def quote_publication(quotes: list[str]) -> Publication:
    sources = {f"s{i}": make_source(f"s{i}", f"Outlet {i}") for i in range(len(quotes))}
    c = make_claim("quote", [(f"s{i}", q) for i, q in enumerate(quotes)], sources)
    return Publication("/", sources, [c])


HEDGES = ["", "about ", "at least ", "more than ", "up to ", "fewer than "]
SOURCES = {
    "a": make_source("a", "Outlet A"),
    "b": make_source("b", "Outlet B"),
    "c": make_source("c", "Outlet C"),
    "r1": make_source("r1", "Relay 1", ("wire",)),
    "r2": make_source("r2", "Relay 2", ("wire",)),
}
tolerances = st.one_of(
    st.none(),
    st.integers(0, 15).map(lambda n: Tolerance(n / 100, relative=True, text=f"{n}%")),
    st.integers(0, 12).map(lambda n: Tolerance(n, relative=False, text=str(n))),
)


def agreement_drawn(markup: str | None) -> str | None:
    svg = parse(markup)
    agree = having(svg, "fc-agree")
    if not agree:
        return None
    regions = having(agree[0], "fc-agree-region")
    assert regions and all(float(r.get("width", "0")) > 0 for r in regions)
    return "exact" if "fc-agree-exact" in classes(agree[0]) else "tolerance"


def assert_region_matches_verdict(c: Claim) -> None:
    drawn = agreement_drawn(picture(c, SOURCES))
    rating = c.verdict.rating if c.verdict else None
    expected = {"consistent": "exact", "minor-discrepancy": "tolerance"}.get(rating or "")
    assert drawn == expected, (rating, [e.value for e in c.evidence])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(SOURCES)), st.sampled_from(HEDGES), st.integers(90, 110)),
        min_size=1,
        max_size=4,
    ),
    tolerances,
)
def test_quantity_agreement_region_is_drawn_exactly_when_the_verdict_agrees(
    values: list[tuple[str, str, int]], tolerance: Tolerance | None
) -> None:
    c = make_claim("quantity", [(s, f"{h}{n} people") for s, h, n in values], SOURCES, tolerance)
    assert_region_matches_verdict(c)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(SOURCES)), st.integers(165, 172), st.integers(0, 4)),
        min_size=1,
        max_size=3,
    ),
    tolerances,
)
def test_tally_agreement_region_is_drawn_exactly_when_the_verdict_agrees(
    values: list[tuple[str, int, int]], tolerance: Tolerance | None
) -> None:
    c = make_claim("tally", [(s, f"voted {y}-{n}") for s, y, n in values], SOURCES, tolerance)
    assert_region_matches_verdict(c)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(SOURCES)),
            st.one_of(
                st.integers(1, 31).map(lambda d: f"on January {d}, 2020"),
                st.just("in January 2020"),
                st.just("in February 2020"),
            ),
        ),
        min_size=1,
        max_size=3,
    ),
    st.one_of(
        st.none(), st.integers(0, 10).map(lambda n: Tolerance(n, relative=False, text=f"{n} days"))
    ),
)
def test_date_agreement_region_is_drawn_exactly_when_the_verdict_agrees(
    values: list[tuple[str, str]], tolerance: Tolerance | None
) -> None:
    c = make_claim("date", values, SOURCES, tolerance)
    assert_region_matches_verdict(c)


# --- hostile text ----------------------------------------------------------------------------

HOSTILE = [
    "</text><script>alert(1)</script>",
    '" onload="alert(1)',
    "</title></svg><img src=x onerror=alert(1)>",
    "]]><!--&amp;&lt;",
    "\x00\x08\x0b bell\x1f and \ud800 lone surrogate",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_contributor_text_never_reaches_markup_unescaped(hostile: str) -> None:
    sources = {
        "a": make_source("a", hostile),
        "b": Source("b", "content/sources/b.md", hostile, "text", 5),  # named by its title
    }
    charts = [
        make_claim(
            "quantity",
            [("a", "about 5,000 troops"), ("b", "5,200 troops")],
            sources,
            text=hostile,
            unit=hostile,
        ),
        make_claim("tally", [("a", "voted 170-0"), ("b", "voted 170 to 0")], sources, text=hostile),
        make_claim(
            "date", [("a", "on January 5, 2020"), ("b", "in January 2020")], sources, text=hostile
        ),
    ]
    quote = make_claim(
        "quote",
        [("a", f"“we will march {hostile}”"), ("b", f"“we will march [{hostile}] now”")],
        sources,
        text=hostile,
    )
    for c in [*charts, quote]:
        markup = picture(c, sources) or ""
        small = picture(c, sources, compact=True, highlight="a") or ""
        for out in (markup, small):
            if not out:
                continue
            root = parse(out)
            tags = {local(n.tag) for n in root.iter()}
            assert not tags & {"script", "img", "iframe", "foreignObject"}, tags
            for node in root.iter():
                assert not any(k.lower().startswith("on") for k in node.attrib), node.attrib
            # No tag of the text's own survives as a tag (its words are shown, escaped).
            assert "<script" not in out and "<img" not in out and "<svg><img" not in out
            assert "\x00" not in out and "\ud800" not in out
    # The text is shown (escaped), not dropped.
    root = parse(picture(charts[0], sources))
    assert "</text><script>" in "".join(root.itertext()) or hostile not in HOSTILE[:1]
    pub = Publication("/", sources, charts)
    out = timeline(pub, lambda item: f"/claims/{item.id}/")
    parse(out)
    assert "<script" not in out


def test_timeline_links_only_safe_addresses() -> None:
    pub = fixture()
    out = timeline(pub, lambda item: f"javascript:alert('{item.id}')")
    root = parse(out)
    assert [n for n in root.iter() if local(n.tag) == "a"] == []
    assert "javascript:" not in out


# --- the timeline --------------------------------------------------------------------------


def test_timeline_lists_every_date_with_links() -> None:
    pub = fixture()

    def url_for(item: Claim | Source) -> str:
        return f"../{'claims' if isinstance(item, Claim) else 'sources'}/{item.id}/"

    root = parse(timeline(pub, url_for))
    items = [li for li in root.iter("li")]
    got = [
        (
            [t.get("datetime") or "" for t in li.iter("time")],
            next(a.get("href") or "" for a in li.iter("a")),
        )
        for li in items
    ]
    expected_claims = {
        "vote-date-consistent": [["2020-01-01", "2020-01-31"], ["2020-01-05"]],
        "vote-date-minor": [["2020-01-05"], ["2020-01-06"]],
        "vote-date-conflicting": [["2020-01-05"], ["2020-01-06"]],
        "vote-date-single": [["2020-01-06"]],
    }
    want = sorted(
        [(d, f"../claims/{cid}/") for cid, ds in expected_claims.items() for d in ds]
        + [(["2020-01-14"], "../sources/wire/"), (["2020-01-15"], "../sources/daily/")]
    )
    assert sorted(got) == want
    starts = [ts[0] for ts, _ in got]
    assert starts == sorted(starts)  # in date order
    svg = next(n for n in root.iter() if local(n.tag) == "svg")
    assert svg.get("role") == "img"
    assert len(having(svg, "fc-row")) == len(items)
    assert len(having(svg, "fc-event-published")) == 2
    month = [r for r in having(svg, "fc-row") if r.get("data-date") == "2020-01-01/2020-01-31"]
    assert len(month) == 1 and having(month[0], "fc-range")


def test_timeline_of_a_publication_without_dates() -> None:
    root = parse(timeline(Publication("/"), lambda item: "/"))
    assert root.findtext("figcaption") == "No claim or source gives a date yet."


# --- every picture of the bundled publication ----------------------------------------------


def test_every_bundled_picture_is_well_formed_and_labelled() -> None:
    pub = bundled()
    drawn = 0
    for c in pub.claims:
        for compact in (False, True):
            out = picture(c, pub.sources, compact=compact, highlight=c.evidence[0].source_id)
            if out is None:
                continue
            drawn += 1
            root = parse(out)
            if local(root.tag) == "svg":
                assert root.findtext(f"{SVG}title") and root.findtext(f"{SVG}desc")
                assert root.get("width") == "100%" and root.get("viewBox")
            else:
                assert root.findtext("figcaption")
    assert drawn >= 12
    desc = parse(picture(claim(pub, "us-troops-in-iraq"), pub.sources)).findtext(f"{SVG}desc")
    assert desc == (
        "21st Century Wire: about 5,000; Alwaght: about 5,200 (in troops). "
        "They differ, but agree within the tolerance of 5%."
    )


def test_stylesheet_is_package_data_and_styles_every_class_drawn() -> None:
    css = CSS.read_text("utf-8")
    for cls in (
        "fc-agree-exact",
        "fc-agree-tolerance",
        "fc-band",
        "fc-approximate",
        "fc-end-open",
        "fc-current-row",
        "fc-writer-insertion",
        "fc-omission",
        "fc-sr",
    ):
        assert f".{cls}" in css, cls
    assert "@media print" in css


class Shadowed:
    """The pictures' builder (`markup`) and ElementTree, given the same calls: every
    element the pictures make is made in ElementTree too (attribute and text values cleaned
    as the builder cleans them), and every picture written is checked to be, byte for byte,
    what `ET.tostring` writes for that tree (escaping included)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import importlib

        from generator.pictures import markup

        self.markup = markup
        self.trees: dict[int, tuple[object, ET.Element]] = {}
        self.written = 0
        for name in ("numberline", "quote_diff", "timeline"):
            module = importlib.import_module(f"generator.pictures.{name}")
            for attr, shadow in (
                ("el", self.el),
                ("sub", self.sub),
                ("leaf", self.leaf),
                ("tail", self.tail),
                ("add_text", self.text),
                ("to_string", self.to_string),
                ("to_parts", self.to_parts),
            ):
                if hasattr(module, attr):
                    monkeypatch.setattr(module, attr, shadow)

    def tree(self, node: object) -> ET.Element:
        held, tree = self.trees[id(node)]
        assert held is node
        return tree

    def el(self, tag: str, attrs: Any = None, text: object = None, *children: Any) -> Any:
        node = self.markup.el(tag, attrs, text, *children)
        tree = ET.Element(tag)
        self.el_attributes(tree, attrs, text)
        tree.extend(self.tree(c) for c in children)
        self.trees[id(node)] = (node, tree)
        return node

    def sub(self, parent: Any, tag: str, attrs: Any = None, text: object = None) -> Any:
        node = self.el(tag, attrs, text)
        parent.content.append(node)
        self.tree(parent).append(self.tree(node))
        return node

    def leaf(self, parent: Any, tag: str, attrs: Any = None, text: object = None) -> None:
        self.markup.leaf(parent, tag, attrs, text)
        node = self.markup.el(tag)  # stands for the element written into the parent
        self.trees[id(node)] = (node, ET.Element(tag))
        self.el_attributes(self.tree(node), attrs, text)
        self.tree(parent).append(self.tree(node))

    def el_attributes(self, tree: ET.Element, attrs: Any, text: object) -> None:
        for key, value in (attrs or {}).items():
            if value is not None:
                tree.set(key, self.markup.clean(shown_as_ever(value)))
        if text is not None:
            tree.text = self.markup.clean(text)

    def tail(self, node: Any, text: str) -> None:
        self.markup.tail(node, text)
        tree = self.tree(node)
        tree.tail = (tree.tail or "") + self.markup.clean(text)

    def text(self, parent: Any, text: str) -> None:
        self.markup.text(parent, text)
        tree = self.tree(parent)
        if len(tree):
            tree[-1].tail = (tree[-1].tail or "") + self.markup.clean(text)
        else:
            tree.text = (tree.text or "") + self.markup.clean(text)

    def to_string(self, node: Any) -> str:
        written: str = self.markup.to_string(node)
        expected = ET.tostring(self.tree(node), encoding="unicode", short_empty_elements=False)
        assert written == expected
        self.written += 1
        return written

    def to_parts(self, node: Any) -> tuple[str, list[str], str]:
        head, children, end = self.markup.to_parts(node)
        tree = self.tree(node)
        assert len(children) == len(node) <= len(tree)  # leaves are written as text
        expected = ET.tostring(tree, encoding="unicode", short_empty_elements=False)
        assert head + "".join(children) + end == expected
        self.written += 1
        return head, children, end


def shown_as_ever(value: object) -> object:
    """An attribute value as the pictures have always written it: a float with at most
    two decimals and no trailing zeros, anything else as `str` gives it."""
    return f"{value:.2f}".rstrip("0").rstrip(".") if type(value) is float else value


def test_markup_is_what_elementtree_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every picture of the bundled publication and of the floodtown fixture (full, compact,
    each source marked, the timeline) is written as ElementTree writes the same tree."""
    shadowed = Shadowed(monkeypatch)
    root = Path(__file__).resolve().parent.parent
    for pub in (check(root), check(root / "tests" / "fixtures" / "floodtown")):
        for c in pub.claims:
            picture(c, pub.sources)
            for source_id in {e.source_id for e in c.evidence}:
                picture(c, pub.sources, compact=True, highlight=source_id)
        timeline(pub, lambda item: "x/")
    assert shadowed.written > 50


# Text a contributor may write: markup, entities, quotes, controls, lone surrogates, line
# breaks and tabs (escaped as character references in attributes).
contributor_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(alphabet=st.sampled_from("ab &<>\"'\r\n\t\x00\x0b\ud800\ufffe€“”"), max_size=12),
    st.text(max_size=12),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    contributor_text,
    contributor_text,
    contributor_text,
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from(HEDGES), st.integers(90, 110)),
        min_size=1,
        max_size=3,
    ),
    st.lists(
        st.sampled_from(["we will march", "we will not march", "[they said] march …"]),
        min_size=1,
        max_size=3,
    ),
)
def test_pictures_of_random_claims_are_what_elementtree_writes(
    words: str, outlet: str, unit: str, values: list[tuple[str, str, int]], quotes: list[str]
) -> None:
    """The same on claims of every kind drawn with random contributor text: in the claim,
    the outlets' names and titles, the unit, the quotations, the links."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        shadowed = Shadowed(monkeypatch)
        sources = {
            "a": make_source("a", outlet),
            "b": Source("b", "content/sources/b.md", outlet + words, "text", 5),
            "c": make_source("c", "Outlet C"),
        }
        claims = [
            make_claim(
                "quantity",
                [(s, f"{h}{n} people") for s, h, n in values],
                sources,
                text=words,
                unit=unit or None,
            ),
            make_claim(
                "tally", [(s, f"voted {n}-{n % 3}") for s, _, n in values], sources, text=words
            ),
            make_claim(
                "date", [(s, f"on January {n % 28 + 1}, 2020") for s, _, n in values], sources
            ),
            make_claim(
                "quote",
                [(s, f"“{q} {n}”") for (s, _, n), q in zip(values, quotes, strict=False)],
                sources,
                text=words,
            ),
        ]
        for c in claims:
            picture(c, sources)
            for source_id in ("a", "b", "c"):
                picture(c, sources, compact=True, highlight=source_id)
        timeline(Publication("/", sources, claims), lambda item: f"../{words}/")
        assert shadowed.written >= 7


@given(st.one_of(st.text(), st.floats(), st.integers(), st.booleans()))
def test_attribute_values_are_cleaned_and_escaped_as_ever(value: object) -> None:
    from generator.pictures import markup

    tree = ET.Element("g", {"a": markup.clean(shown_as_ever(value))})
    expected = ET.tostring(tree, encoding="unicode", short_empty_elements=False)
    assert markup.to_string(markup.el("g", {"a": value})) == expected


def test_a_picture_drawn_once_reads_as_drawn_for_each_source() -> None:
    """A number or date line drawn once (`drawing`) for every source page showing it is,
    for each source, the picture drawn for that source: one well-formed tree, whose rows
    of that source alone are marked, and nothing else differs from the plain picture."""
    from generator.pictures import drawing, markup

    root = Path(__file__).resolve().parent.parent
    drawn_any = 0
    for pub in (check(root), check(root / "tests" / "fixtures" / "floodtown")):
        for claim in pub.claims:
            for compact in (False, True):
                drawn = drawing(claim, pub.sources, compact=compact)
                plain = picture(claim, pub.sources, compact=compact)
                if drawn is None:
                    assert claim.kind in ("quote", "text") or plain is None
                    continue
                drawn_any += 1
                assert drawn.svg() == plain
                for source_id in [*{e.source_id for e in claim.evidence}, "not-cited"]:
                    svg = drawn.svg(source_id)
                    assert svg == picture(claim, pub.sources, compact=compact, highlight=source_id)
                    tree = ET.fromstring(svg)  # one well-formed tree
                    for row in tree.iter(f"{{{markup.SVG_NS}}}g"):
                        if "fc-row" not in row.get("class", "").split():
                            continue
                        here = source_id in row.get("data-sources", "").split()
                        assert ("fc-current" in row.get("class", "").split()) == here
                    unmarked = re.sub(
                        r' fc-current|<rect class="fc-current-row"[^>]*></rect>', "", svg
                    )
                    assert unmarked == plain
    assert drawn_any > 10


def test_a_timeline_drawn_again_from_kept_rows_reads_as_one_drawn_afresh(tmp_path: Path) -> None:
    """The rows and items kept from the last drawing (`drawn`, as `serve` keeps them) are
    reused only where they still hold: after a claim's words, a date and a source's date
    change, the timeline is byte for byte the one drawn without them."""
    import shutil

    from bench_corpus import realistic

    realistic(tmp_path, 40, 8, 2)
    drawn: dict[tuple[object, ...], str] = {}

    def url_for(item: object) -> str:
        return "../x/" + getattr(item, "id", "") + "/"

    first = check(tmp_path)
    assert timeline(first, url_for, drawn) == timeline(first, url_for)
    assert drawn
    dated = sorted((tmp_path / "claims").glob("*.yaml"))[2]  # claims 2, 7, ... are dates
    text = dated.read_text("utf-8")
    dated.write_text(text.replace("claim number 2 ", "claim number 2 (edited) "), "utf-8")
    source = sorted((tmp_path / "content" / "sources").glob("*.md"))[0]
    source.write_text(
        source.read_text("utf-8").replace("published: 2020-01-01", "published: 2019-06-30"), "utf-8"
    )
    changed = check(tmp_path)
    again = timeline(changed, url_for, drawn)
    assert again == timeline(changed, url_for)
    assert "(edited)" in again and "2019-06-30" in again
    shutil.rmtree(tmp_path / "claims")
    (tmp_path / "claims").mkdir()
    empty = check(tmp_path)
    assert timeline(empty, url_for, drawn) == timeline(empty, url_for)
