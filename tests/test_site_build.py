"""The bundled publication built with `mkdocs build --strict`, checked as a reader would.

Every claim and source has its page, verdicts are shown in words, each excerpt's deep link
lands on the highlighted passage it quotes, every claim page carries a ClaimReview, and
`/claims.json` is exactly what `factcheck check --format json` reports.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import subprocess
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import build_site

from generator import engine
from generator.model import Publication
from generator.site.labels import LABELS
from generator.site.sanitize import plain_text
from generator.verdicts import RULES

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000/")

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


def test_claim_pages_headline_the_publications_verdict_over_the_computed_check(
    bundled_site: Path,
) -> None:
    editorial = 0
    for claim in publication().claims:
        html = page(bundled_site, f"claims/{claim.id}/")
        assert claim.verdict is not None and claim.rating is not None
        [headline] = html.find(css="fc-verdict--headline")
        badges = html.find(css="fc-badge", within=headline)
        # The first, big badge is the publication's verdict: the editors' where they give one.
        assert html.attr(badges[0], "data-verdict") == claim.rating, claim.id
        assert LABELS[claim.rating] in html.text(badges[0])
        [check] = html.find(css="fc-verdict--computed", within=headline)
        said = " ".join(html.text(check).split())
        if claim.editorial is None:
            assert len(badges) == 1 and said == claim.verdict.explanation
            continue
        editorial += 1
        assert html.attr(headline, "data-agreement") == claim.agreement
        assert html.attr(badges[1], "data-verdict") == claim.verdict.rating
        if claim.agreement == "agrees":
            assert said.startswith("The computed check agrees"), claim.id
        else:
            assert said.startswith(
                f"The editors differ from the computed check "
                f"({html.text(badges[1]).strip()}), because:"
            ), claim.id
    assert editorial


def test_independent_is_printed_only_where_no_relay_or_shared_wording_was_found(
    bundled_site: Path,
) -> None:
    claimed = re.compile(r"(?<!not )(?<!not be )\bindependent\b")
    for claim in publication().claims:
        main = (bundled_site / "claims" / claim.id / "index.html").read_text("utf-8")
        main = main[main.index('<header class="fc-claim"') : main.index('id="notes"')]
        if claimed.search(main):
            assert claim.verdict is not None and claim.verdict.independent, claim.id


def test_origins_say_why_sources_count_as_one(bundled_site: Path) -> None:
    html = page(bundled_site, "claims/humiliating-manner-quote/")
    [label] = html.find(css="fc-origin__label")
    assert " ".join(html.text(label).split()) == (
        "One origin. 21st Century Wire and Alwaght print the same 24 words (the shared "
        "passage), so they count as one voice."
    )
    [link] = html.find("a", within=label)
    assert html.attr(link, "href") == "../../sources/21st-century-wire/#shared-alwaght"


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
    ratings = {
        c["id"]: c["rating"]
        for c in json.loads((bundled_site / "claims.json").read_text("utf-8"))["claims"]
    }
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
        assert claim.rating is not None
        assert review["reviewRating"]["alternateName"] == claim.rating == ratings[claim.id]
        assert review["reviewRating"]["name"] == LABELS[claim.rating]
        # The bundled mkdocs.yml gives a site_url (SITE_URL, or the preview's address).
        assert review["url"] == f"{SITE_URL}claims/{claim.id}/"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", review["datePublished"]), claim.id
        assert review["author"]["@type"] == "Organization"
        assert review["author"]["name"] == "Sadr’s million-man march: what the reports say"
        assert review["author"]["url"] == SITE_URL
        head = html.find("head")[0]
        in_head = [
            i
            for i in html.find("script", within=head)
            if html.attr(i, "type") == "application/ld+json"
        ]
        assert len(in_head) == 1, f"{claim.id}: the ClaimReview is not in <head>"
        og = {
            html.attr(i, "property"): html.attr(i, "content")
            for i in html.find("meta", within=head)
            if html.attr(i, "property").startswith("og:")
        }
        assert og["og:title"] == plain_text(claim.claim)
        assert og["og:description"].startswith(LABELS[claim.rating] + ". ")
        assert og["og:url"] == review["url"]


def test_every_claim_page_has_a_dateline_and_a_report_link(bundled_site: Path) -> None:
    for claim in publication().claims:
        html = page(bundled_site, f"claims/{claim.id}/")
        [dateline] = html.find(css="fc-review-line")
        assert re.fullmatch(
            r"Published \d{1,2} [A-Z][a-z]+ \d{4}( · Updated .*)? · Reviewed by .+",
            " ".join(html.text(dateline).split()),
        ), claim.id
        # No repo_url in the bundled mkdocs.yml: the corrections page's contact section.
        [report] = html.find("a", "fc-report")
        assert html.attr(report, "href") == "../../corrections/#how-to-report-an-error"
        assert "how-to-report-an-error" in page(bundled_site, "corrections/").ids()
        # The claim file panel sits in the report/edit area, last on the page.
        [act] = html.find(css="fc-act")
        assert html.find(css="fc-yaml", within=act)


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


def test_with_a_github_repository_errors_open_an_issue_and_edits_the_yaml(
    publication_copy: Path, tmp_path: Path
) -> None:
    config = publication_copy / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "site_url: !ENV",
            "repo_url: https://github.com/desk/sadr\nedit_uri: edit/main/content/\nsite_url: !ENV",
        ),
        "utf-8",
    )
    site = build_site(publication_copy, tmp_path / "site")
    html = page(site, "claims/march-date/")
    [report] = html.find("a", "fc-report")
    url = urlsplit(html.attr(report, "href"))
    assert url.path == "/desk/sadr/issues/new"
    assert parse_qs(url.query)["title"] == ["Error in claim march-date"]
    assert f"Page: {SITE_URL}claims/march-date/" in parse_qs(url.query)["body"][0]
    yaml_file = "https://github.com/desk/sadr/edit/main/claims/march-date.yaml"
    [edit] = html.find("a", "fc-edit")
    assert html.attr(edit, "href") == yaml_file
    # The theme's own edit button opens the same file, not the generated page.
    theme = [i for i in html.find("a") if "md-content__button" in html.attr(i, "class")]
    assert [html.attr(i, "href") for i in theme] == [yaml_file]
