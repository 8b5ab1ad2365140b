"""The claim page as a reader checks it, on a small publication of our own checked by the
real engine: the publication's verdict as the headline with the computed check under it,
why sources count as one origin, "independent" only where it is true, the review dated
and signed from git, corrections newest first, the "under re-review" mark, a one-click
error report, the source's own characters in the cards, ClaimReview and `og:` tags.

The events are fictional (a harbour town), written for these tests.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from test_history import git
from test_site_pages import Page, assert_inert

from generator import engine
from generator.model import Publication
from generator.review import review
from generator.site.highlight import passage_span
from generator.site.labels import LABELS
from generator.site.pages import Settings, Site
from generator.site.reviews import report_link

WIRE = """---
title: Boats fill the bay for the harbour festival
outlet: Harbour Wire
published: 2024-03-01
---
Harbour officials said 1,200 boats were moored in the bay on Sunday, the largest number
since the port reopened after the storm last winter. The mayor welcomed the figure.

The harbour festival drew 3,000 visitors, the organisers said.
"""
RELAY = """---
title: A record day in the bay
outlet: Coast Relay
published: 2024-03-01
derived_from: [Harbour Wire]
---
According to Harbour Wire, 1,200 boats were moored in the bay on Sunday.
"""
GAZETTE = """---
title: Bay Gazette on the festival weekend
outlet: Bay Gazette
published: 2024-03-02
---
Some 1,150 boats filled the bay. It was the largest number since the port reopened after
the storm last winter. The mayor welcomed the figure.
"""
ISLAND = """---
title: Island Times on the festival
outlet: Island Times
published: 2024-03-02
---
About 3,000 visitors came to the harbour festival, organisers said. The weather was fine.
"""
BOATS = """claim: About 1,200 boats were moored in the bay.
kind: quantity
unit: boats
reviewed: 2024-03-02
reviewers: [Ana Desk, Ben Desk]
evidence:
  - source: wire
    excerpt: said 1,200 boats were moored
  - source: relay
    excerpt: 1,200 boats were moored in the bay
  - source: gazette
    excerpt: Some 1,150 boats filled the bay
verdict:
  rating: minor-discrepancy
  reason: The Gazette's *rounder* figure is within the tolerance.
corrections:
  - date: 2024-04-01
    text: Added the **Gazette's** figure. <script>alert(1)</script>
  - date: 2024-03-05
    text: The count is 1,200, not 1,300.
"""
BOATS_DIFFER = """claim: The bay held 1,200 boats, no fewer.
kind: quantity
unit: boats
evidence:
  - source: wire
    excerpt: said 1,200 boats were moored
  - source: gazette
    excerpt: Some 1,150 boats filled the bay
verdict:
  rating: conflicting
  reason: A *lower bound* was claimed, and the Gazette gives fewer.
"""
VISITORS = """claim: The festival drew 3,000 visitors.
kind: quantity
unit: visitors
evidence:
  - source: wire
    excerpt: The harbour festival drew 3,000 visitors
  - source: island
    excerpt: About 3,000 visitors came to the harbour festival
"""


@pytest.fixture(scope="module")
def harbour(tmp_path_factory: pytest.TempPathFactory) -> Publication:
    root = tmp_path_factory.mktemp("harbour") / "pub"
    (root / "claims").mkdir(parents=True)
    (root / "content" / "sources").mkdir(parents=True)
    for name, text in (("wire", WIRE), ("relay", RELAY), ("gazette", GAZETTE), ("island", ISLAND)):
        (root / "content" / "sources" / f"{name}.md").write_text(text, "utf-8")
    for name, text in (("boats", BOATS), ("boats-differ", BOATS_DIFFER), ("visitors", VISITORS)):
        (root / "claims" / f"{name}.yaml").write_text(text, "utf-8")
    review(root, None)  # fingerprints, as an editor's `factcheck review --all` writes them
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Publish", author="Ann Editor", when="2024-03-03T09:00:00")
    visitors = root / "claims" / "visitors.yaml"
    visitors.write_text(visitors.read_text("utf-8") + "tags: [festival]\n", "utf-8")
    git(root, "commit", "-qam", "Tag", author="Bob Editor", when="2024-03-20T09:00:00")
    # The island article is re-archived with a changed sentence after the cited passage.
    island = root / "content" / "sources" / "island.md"
    island.write_text(ISLAND.replace("The weather was fine.", "It rained all day."), "utf-8")
    pub = engine.check(root)
    assert not pub.errors, pub.errors
    return pub


def build(pub: Publication, **settings: object) -> Site:
    defaults: dict[str, object] = {
        "site_name": "Harbour desk",
        "site_url": "https://desk.example/harbour/",
        "contact": "corrections.md#how-to-report-an-error",
        "claims_folder": "claims",
    }
    return Site(pub, Settings(**{**defaults, **settings}))  # type: ignore[arg-type]


def claim_page(site: Site, claim_id: str) -> Page:
    return Page(site.pages[f"claims/{claim_id}.md"].body)


def texts(page: Page, css: str) -> str:
    return " ".join(page.text(css).split())


def test_the_editors_verdict_is_the_headline_and_the_computed_check_agrees(
    harbour: Publication,
) -> None:
    page = claim_page(build(harbour), "boats")
    [(_, headline)] = page.with_class("fc-verdict--headline")
    assert (headline["data-verdict"], headline["data-agreement"]) == (
        "minor-discrepancy",
        "agrees",
    )
    assert texts(page, "fc-verdict__label") == "The editors’ verdict"
    assert texts(page, "fc-verdict__badge") == LABELS["minor-discrepancy"]
    assert texts(page, "fc-verdict__why") == "The Gazette's rounder figure is within the tolerance."
    assert texts(page, "fc-check--agrees").startswith(
        "The computed check agrees (Minor discrepancy): The sources differ"
    )
    assert not page.with_class("fc-check--differs")


def test_where_the_editors_differ_the_page_says_from_what_and_why(harbour: Publication) -> None:
    page = claim_page(build(harbour), "boats-differ")
    [(_, headline)] = page.with_class("fc-verdict--headline")
    assert (headline["data-verdict"], headline["data-agreement"]) == ("conflicting", "differs")
    assert texts(page, "fc-verdict__badge") == f"{LABELS['conflicting']}"
    assert texts(page, "fc-check--differs").startswith(
        "The editors differ from the computed check (Minor discrepancy), because: "
        "A lower bound was claimed, and the Gazette gives fewer. The computed check: "
    )
    assert [a["data-verdict"] for _, a in page.with_class("fc-badge")] == [
        "conflicting",
        "minor-discrepancy",
    ]


def test_without_editors_the_computed_verdict_is_the_headline(harbour: Publication) -> None:
    page = claim_page(build(harbour), "visitors")
    [(_, headline)] = page.with_class("fc-verdict--headline")
    assert headline["data-verdict"] == "consistent" and "data-agreement" not in headline
    assert texts(page, "fc-verdict__label") == "Verdict"
    assert not page.with_class("fc-check")


def test_origins_say_who_relays_whom_and_independent_only_where_true(
    harbour: Publication,
) -> None:
    site = build(harbour)
    boats = site.pages["claims/boats.md"].body
    page = Page(boats)
    assert texts(page, "fc-origin__label") == (
        "One origin. Coast Relay relays Harbour Wire, so they count as one voice."
    )
    # The Gazette prints 17 words the Wire prints, outside the cited passages.
    flags = [a for _, a in page.with_class("fc-card__flag")]
    assert len(flags) == 2
    assert (
        "Prints the same 17 words as Bay Gazette elsewhere (the shared passage): counted "
        "separately here, but not independent." in texts(page, "fc-card__flag")
    )
    links = [a["href"] for a in page.tags("a") if "#shared-" in a.get("href", "")]
    assert links == ["../../sources/wire/#shared-gazette", "../../sources/gazette/#shared-wire"]
    # The relay's card names what it relays by outlet, linked to its page.
    assert re.search(r'Relays <a href="../../sources/wire/">Boats fill the bay', boats)
    assert not re.search(r"(?<!not )(?<!not be )independent", boats)
    visitors = site.pages["claims/visitors.md"].body
    assert texts(Page(visitors), "fc-independent") == (
        "No relay and no shared wording was found between these sources: they are "
        "independent of each other."
    )


def test_the_review_is_dated_from_git_and_signed(harbour: Publication) -> None:
    site = build(harbour)
    # `reviewed:` overrides the first commit; the reviewers are named.
    assert texts(claim_page(site, "boats"), "fc-review-line") == (
        "Published 2 March 2024 · Updated 3 March 2024 · Reviewed by Ana Desk, Ben Desk"
    )
    # No `reviewers:`: the publication signs.
    assert texts(claim_page(site, "visitors"), "fc-review-line") == (
        "Published 3 March 2024 · Updated 20 March 2024 · Reviewed by Harbour desk"
    )
    assert texts(claim_page(site, "boats-differ"), "fc-review-line") == (
        "Published 3 March 2024 · Reviewed by Harbour desk"
    )


def test_corrections_come_before_the_evidence_newest_first(harbour: Publication) -> None:
    body = build(harbour).pages["claims/boats.md"].body
    assert body.index('id="corrections"') < body.index('id="evidence"')
    page = Page(body)
    dates = [a["datetime"] for a in page.tags("time") if "datetime" in a]
    assert dates[-2:] == ["2024-04-01", "2024-03-05"]
    assert texts(page, "fc-correction__text") == (
        "Added the Gazette's figure. <script>alert(1)</script> The count is 1,200, not 1,300."
    )
    assert "<strong>Gazette's</strong>" in body
    assert_inert(body)
    assert 'id="corrections"' not in build(harbour).pages["claims/visitors.md"].body


def test_a_claim_whose_source_changed_is_marked_under_re_review(harbour: Publication) -> None:
    site = build(harbour)
    body = site.pages["claims/visitors.md"].body
    assert 'data-under-re-review="true"' in body
    page = Page(body)
    assert texts(page, "fc-re-review") == (
        "Under re-review The source text this claim cites changed since the claim was "
        "reviewed; the verdict below stands on the changed text until an editor reviews it "
        "again. Island Times: the text after the passage changed. Now the text after the "
        "passage reads , organisers said. It rained all day.."
    )
    assert [a["data-source"] for _, a in page.with_class("fc-card--changed")] == ["island"]
    for other in ("boats", "boats-differ"):
        assert "data-under-re-review" not in site.pages[f"claims/{other}.md"].body


def test_cards_quote_the_source_as_it_prints_it(harbour: Publication) -> None:
    page = claim_page(build(harbour), "boats")
    quotes = [q for q in page.text("fc-excerpt__text").split("said ") if q]
    assert "1,200 boats were moored" in quotes[0]
    marked = page.text("fc-value")
    assert marked == "1,2001,200Some 1,150"


def test_report_an_error_opens_a_prefilled_issue_or_the_contact(harbour: Publication) -> None:
    github = build(harbour, repo_url="https://github.com/desk/harbour")
    [(_, link)] = claim_page(github, "boats").with_class("fc-report")
    url = urlsplit(link["href"])
    assert (url.scheme, url.netloc, url.path) == ("https", "github.com", "/desk/harbour/issues/new")
    query = parse_qs(url.query)
    assert query["title"] == ["Error in claim boats"]
    assert query["body"][0].startswith(
        "Claim: boats\nPage: https://desk.example/harbour/claims/boats/\n"
    )
    [(_, contact)] = claim_page(build(harbour), "boats").with_class("fc-report")
    assert contact["href"] == "../../corrections/#how-to-report-an-error"
    assert not claim_page(build(harbour, contact=None), "boats").with_class("fc-report")


def test_report_links_by_host() -> None:
    href, issue = report_link("https://gitlab.com/desk/harbour.git", "x", None, "../c/")
    assert issue and href == (
        "https://gitlab.com/desk/harbour/-/issues/new?issue%5Btitle%5D=Error+in+claim+x"
        "&issue%5Bdescription%5D=Claim%3A+x%0A%0AWhat+is+wrong%2C+and+the+passage+that+"
        "shows+it%3A%0A"
    )
    assert report_link("https://git.example/desk", "x", None, "../c/") == ("../c/", False)
    assert report_link("javascript:alert(1)//github.com", "x", None, None) == (None, False)


def test_claim_review_and_og_tags(harbour: Publication) -> None:
    site = build(harbour)
    page = site.pages["claims/boats.md"]
    head = site.head(page, "https://desk.example/harbour/claims/boats/")
    [script] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head)
    review = json.loads(script)
    assert review["url"] == "https://desk.example/harbour/claims/boats/"
    assert (review["datePublished"], review["dateModified"]) == ("2024-03-02", "2024-03-03")
    assert review["author"] == {
        "@type": "Organization",
        "name": "Harbour desk",
        "url": "https://desk.example/harbour/",
    }
    assert review["reviewRating"]["alternateName"] == "minor-discrepancy"
    assert review["reviewRating"]["name"] == "Minor discrepancy"
    assert [c["datePublished"] for c in review["correction"]] == ["2024-04-01", "2024-03-05"]
    assert review["correction"][1] == {
        "@type": "CorrectionComment",
        "datePublished": "2024-03-05",
        "text": "The count is 1,200, not 1,300.",
    }
    meta = dict(re.findall(r'<meta property="(og:[a-z_]+)" content="([^"]*)">', head))
    assert meta == {
        "og:type": "article",
        "og:site_name": "Harbour desk",
        "og:title": "About 1,200 boats were moored in the bay.",
        "og:description": "Minor discrepancy. The Gazette's rounder figure is within the "
        "tolerance.".replace("'", "&#39;"),
        "og:url": "https://desk.example/harbour/claims/boats/",
    }
    differ = json.loads(
        re.findall(r"json\">(.*?)</script>", site.head(site.pages["claims/boats-differ.md"], None))[
            0
        ]
    )
    assert differ["reviewRating"]["alternateName"] == "conflicting"
    assert "correction" not in differ


@pytest.mark.parametrize(
    ("excerpt", "passage", "span", "marked"),
    [
        # Quotes, dashes and spaces as the source prints them; the figure found by word.
        ('He said "50%" of it', "He said “50%” of it", (8, 13), "“50%”"),
        ("some 1,200 boats", "some 1,200 boats", (5, 10), "1,200"),
        (
            "a  twelve-month\u00a0wait - 12 months",
            "a twelve‑month wait — 12 months",
            (23, 32),
            "12 months",
        ),
        ("the 5m pledge", "the 5m pledge", (4, 5), "5"),
        ("first ... and 30 boats", "first … and 30 boats", (14, 22), "30 boats"),
        ("no figure here", "no figure here", None, None),
        ("words that differ", "other words entirely here", (0, 5), None),
    ],
)
def test_a_figure_is_marked_in_the_source_s_own_characters(
    excerpt: str, passage: str, span: tuple[int, int] | None, marked: str | None
) -> None:
    found = passage_span(excerpt, passage, span)
    assert (passage[found[0] : found[1]] if found else None) == marked


def test_without_git_the_page_still_signs_and_omits_unknown_dates(
    harbour: Publication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(harbour.root, copy, ignore=shutil.ignore_patterns(".git"))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    pub = engine.check(copy)
    site = build(pub)
    assert texts(claim_page(site, "boats"), "fc-review-line") == (
        "Published 2 March 2024 · Reviewed by Ana Desk, Ben Desk"
    )
    assert texts(claim_page(site, "visitors"), "fc-review-line") == "Reviewed by Harbour desk"
    review = site.pages["claims/visitors.md"].review
    assert review is not None and "datePublished" not in review
    assert dt.date(2024, 3, 2).isoformat() == site.pages["claims/boats.md"].review["datePublished"]  # type: ignore[index]
