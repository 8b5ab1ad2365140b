"""The Marrowby flood: a publication written for the tests, checked against what a careful
fact-checker expects (tests/fixtures/floodtown/expected.yaml, written before the engine ran).

Every kind, every verdict, relays by id and by outlet name, dates ahead of and behind
publication, a German source read by its language, and the problems a contributor gets.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.engine import check
from generator.model import Claim, Publication

FLOODTOWN = Path(__file__).parent / "fixtures" / "floodtown"
EXPECTED: dict[str, Any] = yaml.safe_load((FLOODTOWN / "expected.yaml").read_text("utf-8"))


# A source saved in Latin-1, not UTF-8: written at test time so that no tool reading the
# repository trips over it.
GAZETTE = b"---\ntitle: Marrowby Gazette\n---\nThe caf\xe9 on Mill Lane reopened after 3 days.\n"


@pytest.fixture(scope="module")
def publication(tmp_path_factory: pytest.TempPathFactory) -> Publication:
    root = tmp_path_factory.mktemp("floodtown")
    shutil.copytree(FLOODTOWN, root, dirs_exist_ok=True)
    (root / "content" / "sources" / "marrowby-gazette.md").write_bytes(GAZETTE)
    return check(root)


def _claim(pub: Publication, claim_id: str) -> Claim:
    return next(c for c in pub.claims if c.id == claim_id)


def test_every_claim_is_expected(publication: Publication) -> None:
    assert sorted(c.id for c in publication.claims) == sorted(EXPECTED["claims"])
    assert len(publication.claims) >= 30
    assert len(publication.sources) >= 5


@pytest.mark.parametrize("claim_id", sorted(EXPECTED["claims"]))
def test_verdict_and_values(publication: Publication, claim_id: str) -> None:
    want = EXPECTED["claims"][claim_id]
    claim = _claim(publication, claim_id)
    assert claim.verdict is not None
    shown = [e.value.display if e.value else None for e in claim.evidence]
    assert (claim.verdict.rating, shown) == (want["verdict"], want["values"]), (
        claim.verdict.explanation
    )
    if "origins" in want:
        relayed = [list(g) for g in claim.verdict.origins if len(g) > 1]
        assert relayed == [g for g in want["origins"] if len(g) > 1]
        assert [list(g) for g in claim.verdict.origins] == want["origins"]
    for phrase in want.get("explanation", []):
        assert phrase in claim.verdict.explanation
    if "passages" in want:
        assert [e.passage for e in claim.evidence] == want["passages"]
    if "derived" in want:
        assert [bool(e.value and e.value.derived) for e in claim.evidence] == want["derived"]


def test_passages_are_the_sources_own_text(publication: Publication) -> None:
    for claim in publication.claims:
        for e in claim.evidence:
            if e.match is None:
                assert e.passage is None
                continue
            source = publication.sources[e.source_id]
            parts = [source.text[a:b].replace("\n", " ") for a, b in e.match.spans]
            assert e.passage == " … ".join(parts)


def test_every_verdict_is_covered() -> None:
    assert {c["verdict"] for c in EXPECTED["claims"].values()} == {
        "unverified",
        "single-source",
        "consistent",
        "minor-discrepancy",
        "conflicting",
    }


def test_problems(publication: Publication) -> None:
    got = [(p.file, p.line, p.message) for p in publication.problems]
    assert [(f, line) for f, line, _ in got] == [
        (p["file"], p["line"]) for p in EXPECTED["problems"]
    ], "\n".join(m for _, _, m in got)
    for (_, _, message), want in zip(got, EXPECTED["problems"], strict=True):
        for phrase in want["says"]:
            assert phrase in message, message


def test_relays_by_name_ignore_case_and_punctuation() -> None:
    from generator.model import Source
    from generator.verdicts import origin_groups, relayed

    def source(i: str, outlet: str | None, relays: tuple[str, ...] = ()) -> Source:
        return Source(i, f"{i}.md", f"Title of {i}", "text", 1, outlet=outlet, derived_from=relays)

    wire = source("wire", "Some Agency")
    copy = source("copy", "The Copy", ("some agency.",))
    other = source("other", "Other", ("SOME-AGENCY",))
    alone = source("alone", "Alone")
    by_title = source("titled", None, ("title of alone",))
    everyone = [wire, copy, other, alone, by_title]
    # A generator is read once, and gives the same groups as a list.
    assert origin_groups(s for s in everyone) == origin_groups(everyone)
    assert origin_groups(everyone) == (("alone", "titled"), ("copy", "other", "wire"))
    # Two relays of an uncited report are one origin too.
    assert origin_groups([copy, other]) == (("copy", "other"),)
    assert [s.id for s in relayed("Some Agency!", everyone)] == ["wire"]
