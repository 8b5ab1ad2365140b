"""The bundled publication built with `mkdocs build --strict`, checked as a reader would.

Every claim and source has its page, verdicts are shown in words, each excerpt's deep link
lands on the highlighted passage it quotes, every claim page carries a ClaimReview, and
`/claims.json` is exactly what `factcheck check --format json` reports.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import subprocess
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import engine
from generator.model import Publication
from generator.site.labels import LABELS
from generator.site.sanitize import plain_text
from generator.verdicts import RULES

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


class Html(HTMLParser):
    """A built page: its elements in order, text per element index, and scripts."""

    VOID = frozenset({"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"})

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.texts: list[list[str]] = []
        self.open: list[int] = []
        self.ancestors: list[tuple[int, ...]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        self.texts.append([])
        self.ancestors.append(tuple(self.open))
        if tag not in self.VOID:
            self.open.append(len(self.elements) - 1)

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            index = self.open.pop()
            if self.elements[index][0] == tag:
                if tag == "script":
                    self.scripts.append((self.elements[index][1], "".join(self.texts[index])))
                break

    def handle_data(self, data: str) -> None:
        for index in self.open:
            self.texts[index].append(data)

    def find(
        self, tag: str | None = None, css: str | None = None, within: int | None = None
    ) -> list[int]:
        return [
            i
            for i, (t, a) in enumerate(self.elements)
            if (tag is None or t == tag)
            and (css is None or css in a.get("class", "").split())
            and (within is None or within in self.ancestors[i])
        ]

    def attr(self, index: int, name: str) -> str:
        return self.elements[index][1].get(name, "")

    def text(self, index: int) -> str:
        return "".join(self.texts[index])

    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.elements if "id" in a}


@cache
def publication() -> Publication:
    return engine.check(ROOT)


@cache
def page(site: Path, url: str) -> Html:
    path = site / url / "index.html" if url.endswith("/") or not url else site / url
    return Html(path.read_text("utf-8"))


def test_every_claim_and_source_has_a_page(bundled_site: Path) -> None:
    pub = publication()
    assert pub.claims and pub.sources
    for claim in pub.claims:
        assert (bundled_site / "claims" / claim.id / "index.html").is_file(), claim.id
    for source_id in pub.sources:
        assert (bundled_site / "sources" / source_id / "index.html").is_file(), source_id
    for listing in ("claims/index.html", "sources/index.html", "index.html"):
        assert (bundled_site / listing).is_file()
    # The snapshot files are rendered by the plugin, never published as raw Markdown pages.
    assert not list((bundled_site / "sources").glob("*.md"))


def test_claim_pages_show_the_computed_and_editorial_verdicts(bundled_site: Path) -> None:
    for claim in publication().claims:
        html = page(bundled_site, f"claims/{claim.id}/")
        assert claim.verdict is not None
        computed = html.find(css="fc-verdict--computed")
        assert len(computed) == 1
        assert LABELS[claim.verdict.rating] in html.text(computed[0])
        editorial = html.find(css="fc-verdict--editorial")
        if claim.editorial:
            assert LABELS[claim.editorial.rating] in html.text(editorial[0]), claim.id
        else:
            assert not editorial


def test_home_page_lists_every_claim_with_the_publications_verdict(bundled_site: Path) -> None:
    html = page(bundled_site, "")
    items = {
        posixpath.basename(html.attr(html.find("a", within=i)[0], "href").rstrip("/")): html.attr(
            i, "data-verdict"
        )
        for i in html.find("li", "fc-claim-item")
    }
    pub = publication()
    assert items == {c.id: c.rating for c in pub.claims}
    for i in html.find("li", "fc-claim-item"):
        assert LABELS[html.attr(i, "data-verdict")] in html.text(i)  # type: ignore[index]


def test_excerpt_links_land_on_the_passage_they_quote(bundled_site: Path) -> None:
    pub = publication()
    checked = 0
    for claim in pub.claims:
        here = f"claims/{claim.id}/"
        html = page(bundled_site, here)
        links = [html.attr(i, "href") for i in html.find("a", "fc-excerpt__link")]
        assert len(links) == sum(e.found for e in claim.evidence), claim.id
        for href in links:
            target, _, anchor = posixpath.normpath(posixpath.join(here, href)).partition("#")
            source_id = posixpath.basename(target.rstrip("/"))
            source = page(bundled_site, f"sources/{source_id}/")
            assert anchor in source.ids(), f"{claim.id}: {href}"
            start, end = (int(n) for n in anchor.split("-")[1:])
            marks = [
                i
                for i in source.find("mark", "fc-passage")
                if anchor in source.attr(i, "data-spans").split()
            ]
            quoted = "".join(source.text(i) for i in marks)
            assert quoted == pub.sources[source_id].text[start:end]
            checked += 1
    assert checked


def test_source_pages_link_each_passage_back_to_its_claims(bundled_site: Path) -> None:
    pub = publication()
    for source_id in pub.sources:
        html = page(bundled_site, f"sources/{source_id}/")
        citing = {
            c.id for c in pub.claims for e in c.evidence if e.source_id == source_id and e.found
        }
        back = {
            posixpath.basename(html.attr(i, "href").rstrip("/"))
            for i in html.find("a")
            if html.attr(i, "href").startswith("../../claims/")
            and html.attr(i, "href") != "../../claims/"
        }
        assert back == citing, source_id


def test_claim_pages_carry_a_claim_review(bundled_site: Path) -> None:
    for claim in publication().claims:
        html = page(bundled_site, f"claims/{claim.id}/")
        data = [
            json.loads(body)
            for attrs, body in html.scripts
            if attrs.get("type") == "application/ld+json"
        ]
        assert len(data) == 1, claim.id
        review = data[0]
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == plain_text(claim.claim)
        assert claim.verdict is not None
        assert review["reviewRating"]["alternateName"] == claim.verdict.rating
        head = html.find("head")[0]
        in_head = [
            i
            for i in html.find("script", within=head)
            if html.attr(i, "type") == "application/ld+json"
        ]
        assert len(in_head) == 1, f"{claim.id}: the ClaimReview is not in <head>"


def test_claims_json_is_what_factcheck_check_reports(bundled_site: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--format", "json", "--root", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    published = json.loads((bundled_site / "claims.json").read_text("utf-8"))
    assert published == {"claims": json.loads(done.stdout)["claims"]}


def test_claim_and_source_pages_stay_out_of_the_sidebar(bundled_site: Path) -> None:
    claim = publication().claims[0]
    html = page(bundled_site, f"claims/{claim.id}/")
    here = f"claims/{claim.id}/"
    nav = {
        posixpath.normpath(posixpath.join(here, html.attr(i, "href")))
        for i in html.find("a", "md-nav__link")
    }
    assert nav == {".", "claims", "sources", "timeline", "methodology", "corrections", "about"}


def test_methodology_shows_the_rules_the_code_applies(bundled_site: Path) -> None:
    html = page(bundled_site, "methodology/")
    badges = [html.attr(i, "data-verdict") for i in html.find(css="fc-badge")]
    assert badges == [rule.rating for rule in RULES]
    assert "<!-- factcheck:rules -->" not in (bundled_site / "methodology/index.html").read_text()


def test_search_indexes_every_word_of_every_excerpt_on_its_claim_page(bundled_site: Path) -> None:
    # Words glued across generated elements ("Iraqblasted") could never be found.
    index = json.loads((bundled_site / "search" / "search_index.json").read_text("utf-8"))
    separator = re.compile(index["config"]["separator"])
    words: dict[str, set[str]] = {}
    for doc in index["docs"]:
        text = re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])
        tokens = {t.lower() for t in separator.split(html.unescape(text)) if t}
        words.setdefault(doc["location"].split("#")[0], set()).update(tokens)
    for claim in publication().claims:
        indexed = words[f"claims/{claim.id}/"]
        for e in claim.evidence:
            for token in separator.split(e.excerpt):
                if token and token not in ("...", "…", "[...]", "[…]"):
                    assert token.lower() in indexed, f"{claim.id}: {token!r} is not searchable"
