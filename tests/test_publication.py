"""The bundled publication: what a reader and an editor would check before trusting it.

- Every snapshot is the seed article it claims to be: its paragraphs are the article's own,
  verbatim and in order, nothing but page furniture is left out, its title is the
  headline, and no metadata is given that the article's text does not support.
- The claims cover every kind of value, cite every source, and explain themselves.
- The hand-written pages carry the markers the site plugin replaces, and nothing else that
  is not Markdown.
- The engine accepts the publication without a problem, and computes the verdicts the
  editors signed off (the headline ones by name, all of them through a golden file).

The seed articles are kept verbatim in `tests/seeds/`; where the team's shared copy
(`../shared/seeds/`) is present, a test checks that the two are the same.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "content" / "sources"
CLAIMS = ROOT / "claims"
CONTENT = ROOT / "content"
GOLDEN = Path(__file__).resolve().parent / "golden" / "verdicts.yaml"
SEEDS = Path(os.environ.get("FACTCHECK_SEEDS", ROOT / "tests" / "seeds"))
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"

ALLOWED_FRONT_MATTER = {
    "title",
    "outlet",
    "url",
    "published",
    "language",
    "retrieved",
    "derived_from",
}
KINDS = {"quantity", "tally", "date", "quote", "text"}
RATINGS = {"unverified", "single-source", "consistent", "minor-discrepancy", "conflicting"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Which seed article each snapshot archives.
SEED_OF = {
    "million-man-march-call": "000_2571f69c24c0afc0.txt",
    "21st-century-wire": "001_1b0dc848d44c0576.txt",
    "kurdistan-24": "002_589b6bd139fcad6a.txt",
    "alwaght": "003_e6e0d5ecd811aeda.txt",
    "million-man-march-today": "004_b4a164b1fafad1fd.txt",
}

# Everything of a seed that is not in its snapshot's body: the headline (it is the title)
# and the page furniture, as documented on the About page. A paragraph is listed by its
# first characters. Anything else missing from a snapshot is a paragraph lost.
LEFT_OUT = {
    "million-man-march-call": [
        "Skip to main content",
        'Moqtada al-Sadr calls for "million man march"',  # headline
        "OWNED BY OUR READERS",
        "We're a reader-owned co-operative",
        "\u00a0",
        "\u00a0",
        "Become a supporter",
        "Fighting fund",
        "You've Raised:",
        "We need:",
        "3 Days remaining",
        "Donate today",
    ],
    "21st-century-wire": [
        "Facebook Twitter YouTube SoundCloud RSS",
        "Sadr Calls for \u201cMillion Man March\u2019",  # headline
        "SEE ALSO: Trump Stands Down Against Iran",
        "Continue this report at Al Jazeera",
        "READ MORE IRAQ NEWS AT: 21st Century Wire Iraq Files",
        "Get Your Copy of New Dawn Magazine",
        "Get Your Copy of New Dawn Magazine",
        "Surfshark - Winter VPN Deal",
    ],
    "kurdistan-24": [
        "From Iran, Sadr calls for 'million-man' march",  # headline
        "Read More:\u00a0Muqtada al-Sadr meets with Iraqi Shia groups",
        "Read More:\u00a0Pentagon chiefs",
    ],
    "alwaght": [],  # the archived copy has no headline and no furniture
    "million-man-march-today": [
        "Million-man march today to expel all US troops from Iraq",  # headline
        "Baghdad march for the funeral of General Qassem Soleimani",  # photo caption
    ],
}

# Where the headline is in each seed (after any navigation line).
HEADLINE_LINE = {
    "million-man-march-call": 1,
    "21st-century-wire": 1,
    "kurdistan-24": 0,
    "million-man-march-today": 0,
}

# What the text of each article says about its outlet, and what it relays.
OUTLET_EVIDENCE = {
    "alwaght": "Alwaght-",
    "kurdistan-24": "ERBIL (Kurdistan 24)",
    "21st-century-wire": "21WIRE",
}
RELAY_EVIDENCE = {"21st-century-wire": {"Al Jazeera": "Al Jazeera reports\u2026"}}

# The headline claims the lead's engine tests rely on, and the verdict editors expect.
HEADLINE_VERDICTS = {
    "us-troops-in-iraq": "minor-discrepancy",
    "parliament-vote-170-0": "single-source",
    "kataib-hezbollah-fighters-killed": "consistent",
}


# --- reading the files -----------------------------------------------------------------


def split_snapshot(path: Path) -> tuple[dict[str, Any], list[str]]:
    """Front matter and body paragraphs of a snapshot (paragraphs: blank-line separated)."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path.name}: no front matter"
    front, body = text[4:].split("\n---\n", 1)
    meta = yaml.safe_load(front)
    assert isinstance(meta, dict), f"{path.name}: front matter is not a mapping"
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", body.strip("\n")) if p.strip()]
    return meta, paragraphs


def seed_paragraphs(source_id: str) -> list[str]:
    """The seed's paragraphs: its non-empty lines (the seeds put one paragraph per line)."""
    text = (SEEDS / SEED_OF[source_id]).read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line.strip(" ")]


def snapshot_ids() -> list[str]:
    return sorted(p.stem for p in SOURCES.glob("*.md"))


def load_claims() -> dict[str, dict[str, Any]]:
    claims = {}
    for path in sorted(CLAIMS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict), f"{path.name} is not a mapping"
        claims[path.stem] = data
    return claims


def plain(text: str) -> str:
    """What a reader sees: quote styles, dashes and spacing folded, case ignored."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub("[\u201c\u201d\u201e\u201f\u2033]", '"', text)
    text = re.sub("[\u2018\u2019\u201a\u201b\u2032]", "'", text)
    text = re.sub("[\u2010-\u2015\u2212]", "-", text)
    text = text.replace("\u2026", "...").replace("\u00ad", "").replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip().lower()


def all_source_text() -> str:
    parts = []
    for sid in snapshot_ids():
        meta, paragraphs = split_snapshot(SOURCES / f"{sid}.md")
        parts.append(str(meta["title"]))
        parts.extend(paragraphs)
    return plain("\n".join(parts))


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="no shared copy of the seeds here")
def test_the_repository_copy_of_the_seeds_is_verbatim() -> None:
    shared = {p.name: p.read_bytes() for p in SHARED_SEEDS.glob("*.txt")}
    copied = {p.name: p.read_bytes() for p in SEEDS.glob("*.txt")}
    assert copied == shared


needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS} (set FACTCHECK_SEEDS)"
)


# --- the snapshots ---------------------------------------------------------------------


def test_there_is_one_snapshot_per_seed_article() -> None:
    assert snapshot_ids() == sorted(SEED_OF)


@pytest.mark.parametrize("source_id", sorted(SEED_OF))
def test_front_matter_uses_only_known_keys(source_id: str) -> None:
    meta, _ = split_snapshot(SOURCES / f"{source_id}.md")
    assert set(meta) <= ALLOWED_FRONT_MATTER, set(meta) - ALLOWED_FRONT_MATTER
    assert isinstance(meta.get("title"), str) and meta["title"].strip()
    assert meta.get("language") == "en"


@pytest.mark.parametrize("source_id", sorted(SEED_OF))
def test_no_metadata_the_article_does_not_give(source_id: str) -> None:
    """No seed records a date or an address, so no snapshot may show one."""
    meta, paragraphs = split_snapshot(SOURCES / f"{source_id}.md")
    assert not {"url", "published", "retrieved"} & set(meta)
    body = "\n".join(paragraphs)
    if source_id in OUTLET_EVIDENCE:
        assert meta.get("outlet"), f"{source_id} names its outlet in the text"
        assert OUTLET_EVIDENCE[source_id] in body
    else:
        assert "outlet" not in meta, f"{source_id} does not name its outlet"
    relays = RELAY_EVIDENCE.get(source_id, {})
    assert list(meta.get("derived_from", [])) == list(relays)
    for phrase in relays.values():
        assert phrase in body


@needs_seeds
@pytest.mark.parametrize("source_id", sorted(SEED_OF))
def test_title_is_the_headline(source_id: str) -> None:
    meta, _ = split_snapshot(SOURCES / f"{source_id}.md")
    seed = seed_paragraphs(source_id)
    if source_id == "alwaght":
        # No headline was archived: the article starts at once. The title must say so
        # rather than pass off words of ours as the outlet's headline.
        assert seed[0].startswith("Alwaght- Muqtada al-Sadr")
        assert meta["title"].endswith("(headline not archived)")
    else:
        # The headline is the first line that is not navigation.
        assert meta["title"] == seed[HEADLINE_LINE[source_id]]


@needs_seeds
@pytest.mark.parametrize("source_id", sorted(SEED_OF))
def test_every_paragraph_is_the_articles_own_verbatim_and_in_order(source_id: str) -> None:
    _, paragraphs = split_snapshot(SOURCES / f"{source_id}.md")
    seed = seed_paragraphs(source_id)
    at = 0
    for paragraph in paragraphs:
        assert paragraph in seed, f"not a paragraph of the seed: {paragraph[:80]!r}"
        at = seed.index(paragraph, at) + 1  # raises if out of order


@needs_seeds
@pytest.mark.parametrize("source_id", sorted(SEED_OF))
def test_only_headline_and_furniture_are_left_out(source_id: str) -> None:
    _, paragraphs = split_snapshot(SOURCES / f"{source_id}.md")
    left_out = list(seed_paragraphs(source_id))
    for paragraph in paragraphs:
        left_out.remove(paragraph)
    expected = LEFT_OUT[source_id]
    assert len(left_out) == len(expected), left_out
    for got, start in zip(left_out, expected, strict=True):
        assert got.startswith(start), (got, start)


def test_typos_and_odd_punctuation_survive() -> None:
    """Spot checks that nobody tidied up the articles."""
    wire = (SOURCES / "21st-century-wire.md").read_text(encoding="utf-8")
    assert "destablized parts of the county" in wire
    assert "weapon of desablization" in wire
    assert "Sadr Calls for \u201cMillion Man March\u2019 as" in wire
    call = (SOURCES / "million-man-march-call.md").read_text(encoding="utf-8")
    assert "non-binding resolution\u00a0for US forces" in call
    assert "on November 29 2019" in call


# --- the claims ------------------------------------------------------------------------


def test_at_least_fifteen_claims_with_slug_ids() -> None:
    claims = load_claims()
    assert len(claims) >= 15
    assert all(SLUG.match(cid) for cid in claims), [c for c in claims if not SLUG.match(c)]


def test_every_kind_is_used() -> None:
    assert {c["kind"] for c in load_claims().values()} == KINDS


def test_every_snapshot_is_cited() -> None:
    cited = {e["source"] for c in load_claims().values() for e in c["evidence"]}
    assert cited == set(snapshot_ids())


@pytest.mark.parametrize("claim_id", sorted(p.stem for p in CLAIMS.glob("*.yaml")))
def test_claim_explains_itself(claim_id: str) -> None:
    """Notes and tags for the reader; an editor's verdict always with its reason."""
    claim = load_claims()[claim_id]
    assert isinstance(claim.get("notes"), str) and len(claim["notes"].split()) >= 30
    assert claim.get("tags") and all(SLUG.match(t) for t in claim["tags"])
    for evidence in claim["evidence"]:
        if evidence.get("derivation") is not None:
            assert "value" in evidence, "a derivation explains a given value"
    verdict = claim.get("verdict")
    if verdict is not None:
        assert verdict["rating"] in RATINGS
        assert len(str(verdict.get("reason", "")).split()) >= 10


def test_words_quoted_in_notes_are_in_the_sources() -> None:
    """A passage the notes put in quotation marks (two words or more) is really there.

    Notes paraphrase freely, but anything they quote must be the articles' own words, so
    a reader who looks it up finds it. Square brackets inside a quotation mark our own
    insertions, and "..." an omission, as in excerpts.
    """
    sources = all_source_text()
    wrong = []
    for claim_id, claim in load_claims().items():
        texts = [claim.get("notes") or "", (claim.get("verdict") or {}).get("reason", "")]
        for text in texts:
            for quoted in re.findall(r'"([^"\n]*(?:\n[^"\n]*)?)"', text):
                for part in re.split(r"\.\.\.|\u2026", quoted):
                    part = plain(part).strip(" .,;:")
                    if len(part.split()) >= 2 and part not in sources:
                        wrong.append((claim_id, part))
    assert not wrong


# --- the hand-written pages ------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "marker"),
    [
        ("index.md", "<!-- factcheck:claims -->"),
        ("methodology.md", "<!-- factcheck:rules -->"),
        ("corrections.md", "<!-- factcheck:corrections -->"),
    ],
)
def test_generated_parts_have_their_marker(page: str, marker: str) -> None:
    lines = (CONTENT / page).read_text(encoding="utf-8").splitlines()
    assert [line.strip() for line in lines].count(marker) == 1


@pytest.mark.parametrize("page", ["index.md", "about.md", "corrections.md", "methodology.md"])
def test_pages_are_plain_markdown_with_working_links(page: str) -> None:
    text = (CONTENT / page).read_text(encoding="utf-8")
    assert text.startswith("# ")
    without_markers = re.sub(r"<!-- factcheck:(claims|rules|corrections) -->", "", text)
    assert not re.search(r"<[A-Za-z!/]", without_markers), "raw HTML in a hand-written page"
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        assert not re.match(r"[a-z]+:", target), f"external link {target}: none is known"
        assert (CONTENT / target.split("#")[0]).is_file(), f"broken link {target}"
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), "an e-mail address nobody gave us"


def test_about_page_lists_every_source_with_its_headline() -> None:
    about = (CONTENT / "about.md").read_text(encoding="utf-8")
    for sid in snapshot_ids():
        meta, _ = split_snapshot(SOURCES / f"{sid}.md")
        assert f"(sources/{sid}.md)" in about
        if sid != "alwaght":
            assert meta["title"] in about


# --- the engine's verdicts -------------------------------------------------------------


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    """`factcheck check --format json` on the bundled publication, as CI runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--root", str(ROOT), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert not done.stderr.strip(), done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    data["exit_code"] = done.returncode
    return data


def test_engine_finds_no_problem(report: dict[str, Any]) -> None:
    assert report["problems"] == []
    assert report["exit_code"] == 0


def test_every_excerpt_is_found(report: dict[str, Any]) -> None:
    missing = [
        (c["id"], e["source"], e["excerpt"])
        for c in report["claims"]
        for e in c["evidence"]
        if not e["found"]
    ]
    assert not missing


@pytest.mark.parametrize(("claim_id", "verdict"), sorted(HEADLINE_VERDICTS.items()))
def test_headline_verdicts(report: dict[str, Any], claim_id: str, verdict: str) -> None:
    verdicts = {c["id"]: c["verdict"] for c in report["claims"]}
    assert verdicts[claim_id] == verdict


def test_troop_figures_are_read_as_5000_and_5200(report: dict[str, Any]) -> None:
    claim = next(c for c in report["claims"] if c["id"] == "us-troops-in-iraq")
    values = {e["source"]: e["value"] for e in claim["evidence"]}
    assert values == {"21st-century-wire": 5000, "alwaght": 5200}


def test_every_verdict_matches_the_golden_file(report: dict[str, Any]) -> None:
    """A change that flips any verdict shows up here, and in review as a golden-file diff."""
    golden = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    computed = {c["id"]: c["verdict"] for c in report["claims"]}
    assert computed == golden


def test_editorial_verdicts_are_reported_beside_computed_ones(report: dict[str, Any]) -> None:
    claims = load_claims()
    for c in report["claims"]:
        given = (claims[c["id"]].get("verdict") or {}).get("rating")
        editorial = c["editorial_verdict"]
        rating = editorial.get("rating") if isinstance(editorial, dict) else editorial
        assert rating == given, c["id"]
