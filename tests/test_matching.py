"""Excerpt matching as a contributor meets it: found where it is, not found where it is not,
and told the nearest passage when it is not.

The tables live in tests/golden/matching/; the seed articles there are verbatim copies of
the publication's source texts.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.matching import (
    SourceIndex,
    direction_controls,
    excerpt_parts,
    find_excerpt,
    nearest_passage,
    normalise,
)
from generator.model import Source

GOLDEN = Path(__file__).parent / "golden" / "matching"
SEEDS = sorted((Path(__file__).parent / "seeds").glob("*.txt"))


def _table(name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = yaml.safe_load((GOLDEN / name).read_text(encoding="utf-8"))
    return rows


def _seed(name: str) -> Source:
    text = (Path(__file__).parent / "seeds" / name).read_text(encoding="utf-8")
    return Source(id=name[:3], file=f"seeds/{name}", title=name, text=text, body_line=1)


def _ids(rows: list[dict[str, Any]]) -> list[str]:
    return [row["name"] for row in rows]


NORMALISE = _table("normalise.yaml")
CASES = _table("cases.yaml")
NEAR_MISSES = _table("near_misses.yaml")


@pytest.mark.parametrize("row", NORMALISE, ids=_ids(NORMALISE))
def test_normalise(row: dict[str, Any]) -> None:
    assert normalise(row["text"]) == row["normalised"]


@pytest.mark.parametrize("row", CASES, ids=_ids(CASES))
def test_excerpt(row: dict[str, Any]) -> None:
    source: str = row["source"]
    excerpt: str = row["excerpt"]
    assert direction_controls(excerpt) == row.get("direction_controls", [])

    match = find_excerpt(SourceIndex(source), excerpt)
    expected = row.get("found")
    if expected is None:
        assert match is None, [source[a:b] for a, b in match.spans]
        return
    assert match is not None, "not found"
    assert [source[a:b] for a, b in match.spans] == expected
    if "spans" in row:
        assert [list(span) for span in match.spans] == row["spans"]
    assert match.start == match.spans[0][0]
    assert match.end == match.spans[-1][1]


def test_the_golden_table_covers_every_invisible_difference() -> None:
    """Each character the matcher forgives is exercised by some found case."""
    forgiven = (
        " \n\t\u00a0\u202f\u2007"
        "\u2018\u2019\u201a\u201b\u2032'\u201c\u201d\u201e\u201f\u2033\""
        "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
        "\u2026\u00ad\u200b\u200c\u200d\u2060\ufeff\u0301"
    )
    found_text = "".join(r["source"] + r["excerpt"] for r in CASES if r.get("found"))
    assert [ch for ch in forgiven if ch not in found_text] == []


@pytest.mark.parametrize("row", NEAR_MISSES, ids=_ids(NEAR_MISSES))
def test_near_miss_on_a_seed_article(row: dict[str, Any]) -> None:
    source = _seed(row["seed"])
    index = SourceIndex(source.text)
    assert find_excerpt(index, row["excerpt"]) is None

    near = nearest_passage(source, index, row["excerpt"])
    assert near.passage == row["passage"]
    assert near.similarity == pytest.approx(row["similarity"], abs=0.001)
    assert list(near.missing) == row["missing"]
    assert list(near.extra) == row["extra"]
    assert near.line == row["line"]
    assert row["passage"] in " ".join(source.text.split())


def test_near_miss_line_counts_from_where_the_body_starts_in_the_file() -> None:
    seed = _seed("003_e6e0d5ecd811aeda.txt")
    in_a_page = Source("alwaght", "content/sources/alwaght.md", "t", seed.text, body_line=6)
    near = nearest_passage(in_a_page, SourceIndex(seed.text), "who number about 5,200")
    assert near.line == 8 + 5


def test_near_miss_of_an_empty_source_or_excerpt() -> None:
    empty = Source("empty", "content/sources/empty.md", "t", "", body_line=4)
    near = nearest_passage(empty, SourceIndex(""), "who number about 5,200")
    assert (near.passage, near.similarity, near.line) == ("", 0.0, 4)
    assert near.missing == ("who", "number", "about", "5,200")
    seed = _seed("003_e6e0d5ecd811aeda.txt")
    assert nearest_passage(seed, SourceIndex(seed.text), " … ").similarity == 0.0


@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_every_paragraph_of_every_seed_is_found_in_place(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    index = SourceIndex(text)
    first_place: dict[str, int] = {}  # a paragraph repeated in an article is found first
    offset = 0
    checked = 0
    for line in text.splitlines(keepends=True):
        paragraph = line.strip()
        where = first_place.setdefault(paragraph, offset + line.index(paragraph))
        offset += len(line)
        if not paragraph:
            continue
        match = find_excerpt(index, paragraph)
        assert match is not None, paragraph
        # A trailing "…" in an article is read as an omission, so it is not highlighted.
        expected = [p.strip() for p in paragraph.split("…") if p.strip()]
        assert [text[a:b] for a, b in match.spans] == expected
        assert match.start == where, paragraph
        checked += 1
    assert checked >= 10


def test_each_part_is_the_normalised_text_between_omission_marks() -> None:
    assert excerpt_parts("“a”\u00a0b ... c\u2014d […] [...] e…") == ['"a" b', "c-d", "e"]
    assert excerpt_parts("[…]") == []


# --- properties -------------------------------------------------------------------------

_PLAIN = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789,;:()", min_size=1, max_size=6)
_VARIANTS = st.sampled_from(
    [
        "'\u2018\u2019\u201a\u201b\u2032",
        '"\u201c\u201d\u201e\u201f\u2033',
        "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212",
    ]
)
_SPACE = st.sampled_from([" ", "  ", "\n", "\r\n", "\t", "\u00a0", "\u202f", "\u2007", " \n "])
_INVISIBLE = st.sampled_from(["", "\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])


@st.composite
def _passage_twice(draw: st.DrawFn) -> tuple[str, str]:
    """The same passage written twice, differing only in what a reader cannot see.

    Words are plain runs (which may hide an invisible character inside) and quote or dash
    marks (each written with any of its variants); words are separated by any white space.
    """
    stored: list[str] = []
    quoted: list[str] = []
    for i in range(draw(st.integers(1, 6))):
        if i:
            stored.append(draw(_SPACE))
            quoted.append(draw(_SPACE))
        for j in range(draw(st.integers(1, 4))):
            if j % 2:
                variants = draw(_VARIANTS)
                stored.append(draw(st.sampled_from(variants)))
                quoted.append(draw(st.sampled_from(variants)))
                continue
            plain = draw(_PLAIN)
            for side in (stored, quoted):
                cut = draw(st.integers(1, len(plain))) if len(plain) > 1 else 1
                side.append(plain[:cut] + (draw(_INVISIBLE) if cut < len(plain) else ""))
                side.append(plain[cut:])
    return "".join(stored), "".join(quoted)


@given(_passage_twice())
def test_any_invisible_rewriting_of_a_passage_is_found_exactly_there(
    pair: tuple[str, str],
) -> None:
    stored, quoted = pair
    prefix, suffix = "BEFORE THE PASSAGE\u00a0", " AFTER IT"
    source = prefix + stored + suffix
    match = find_excerpt(SourceIndex(source), quoted)
    assert match is not None
    assert match.spans == ((len(prefix), len(prefix) + len(stored)),)


_SCRAMBLE = st.lists(
    st.sampled_from(list("ab e.…-—’'\"“[]\n\u00a0\u00ad\u200b\u0301")), max_size=40
).map("".join)


@given(_SCRAMBLE, st.integers(0, 40), st.integers(0, 40))
def test_what_is_highlighted_reads_as_the_excerpt(source: str, i: int, j: int) -> None:
    """Whatever slice of a source is quoted, a match highlights only text equal to it."""
    excerpt = source[min(i, j) : max(i, j)]
    match = find_excerpt(SourceIndex(source), excerpt)
    if match is None:
        return
    assert [normalise(source[a:b]) for a, b in match.spans] == excerpt_parts(excerpt)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(match.spans))


@given(st.text())
def test_normalising_twice_changes_nothing(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_every_normalised_character_comes_from_a_slice_of_the_original(text: str) -> None:
    index = SourceIndex(text)
    norm = index.normalised
    assert len(norm.starts) == len(norm.ends) == len(norm.text)
    assert list(norm.starts) == sorted(norm.starts)
    for i, ch in enumerate(norm.text):
        start, end = norm.starts[i], norm.ends[i]
        assert 0 <= start < end <= len(text)
        if ch == " ":
            assert any(c.isspace() for c in text[start:end])
        else:
            assert ch in normalise(text[start:end])
