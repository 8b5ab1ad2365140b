"""Lean pages at scale, on generated publications of a few hundred claims.

Every claim is reachable from /claims/ without script, by the pager's links; the home page
shows counts and the most telling claims, not every claim; furniture carries
`data-search-exclude` and stays out of the search index; and no page but the sources
listing grows with the number of claims. Sizes and structure only: speed is the bench's.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest
from bench_corpus import realistic, site
from conftest import build_site
from test_site_pages import Page

from generator.engine import check
from generator.model import Publication
from generator.site.labels import ORDER
from generator.site.listings import tag_uri
from generator.site.pages import Settings, Site
from generator.site.paging import DIGEST_SIZE, PAGE_SIZE
from generator.site.urls import CLAIMS_INDEX, claim_uri, page_url

# Claims to sources as in the bench (5:1): what cites a source grows with neither.
SIZES = (250, 500)


@pytest.fixture(scope="module")
def pubs(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Publication]:
    out = {}
    for claims in SIZES:
        root = tmp_path_factory.mktemp(f"pub{claims}")
        realistic(root, claims, claims // 5, 3)
        out[claims] = check(root)
        assert not out[claims].errors
    return out


@pytest.fixture(scope="module")
def sites(pubs: dict[int, Publication]) -> dict[int, Site]:
    return {n: Site(pub, Settings(site_name="Desk")) for n, pub in pubs.items()}


def resolve(href: str, here: str) -> str:
    """A relative link on the page at site URL `here`, as a site URL."""
    base = here if here.endswith("/") else posixpath.dirname(here) + "/"
    path = posixpath.normpath(posixpath.join("/" + base, href.split("#")[0]))
    return path.lstrip("/") + ("/" if href.split("#")[0].endswith("/") else "")


def _walk(s: Site, first: str) -> tuple[list[str], list[str]]:
    """Follow a paginated listing from its first page (a src_uri) as a reader without
    script does: (the claim links listed, in order; the pages seen)."""
    by_url = {page_url(uri): uri for uri in s.pages}
    start = page_url(first)
    listed: list[str] = []
    seen_pages: list[str] = []
    todo = [start]
    while todo:
        url = todo.pop(0)
        if url in seen_pages:
            continue
        seen_pages.append(url)
        page = Page(s.pages[by_url[url]].body)
        items = [resolve(a["href"], url) for _, a in page.with_class("fc-claim-item__text")]
        assert 0 < len(items) <= PAGE_SIZE
        listed += items
        pages = [start]
        for _, a in page.with_class("fc-pager"):
            pages = [resolve(h, url) for h in a["data-fc-pages"].split()]
            assert pages[0] == start
            todo += [p for p in pages if p not in seen_pages]
        # Plain links to the other pages, for readers without script.
        hrefs = {resolve(a["href"], url) for a in page.tags("a")}
        assert set(pages) - {url} <= hrefs
    assert all(url in by_url for url in listed)
    return listed, seen_pages


def test_every_claim_is_reachable_from_the_claims_listing_without_script(
    sites: dict[int, Site],
) -> None:
    s = sites[500]
    listed, seen_pages = _walk(s, CLAIMS_INDEX)
    assert len(seen_pages) == -(-500 // PAGE_SIZE)
    assert sorted(listed) == sorted(page_url(claim_uri(c.id)) for c in s.claims)


def test_a_topic_is_paginated_like_the_claims_listing(sites: dict[int, Site]) -> None:
    """A tag every claim carries lists them all over pages of PAGE_SIZE, in the listing's
    order, each page counting every claim of the topic; a small topic is one page."""
    s = sites[500]
    listing, _ = _walk(s, CLAIMS_INDEX)
    everything, pages = _walk(s, tag_uri("generated"))
    assert everything == listing  # the same claims, in the same order
    assert pages == ["tags/generated/"] + [
        f"tags/generated/page/{n}/" for n in range(2, -(-500 // PAGE_SIZE) + 1)
    ]
    for uri in (tag_uri("generated"), "tags/generated/page/3.md"):
        page = s.pages[uri]
        assert "500 claims on this topic" in page.body
        # "All" counts what the verdict buttons count: every claim of the topic.
        counts = [int(n) for n in re.findall(r'<span class="fc-count">(\d+)<', page.body)]
        assert counts[0] == 500 == sum(counts[1:])
        assert not page.searchable
    assert s.pages["tags/generated/page/3.md"].title == "Claims tagged “generated”, page 3"
    dated, pages = _walk(s, tag_uri("date"))
    assert sorted(dated) == sorted(page_url(claim_uri(c.id)) for c in s.claims if c.kind == "date")
    assert pages == ["tags/date/"]  # 100 claims: one page


def test_listing_pages_are_left_out_of_the_search(sites: dict[int, Site]) -> None:
    s = sites[250]
    listings = [p for uri, p in s.pages.items() if uri.startswith(("claims/index", "claims/page/"))]
    assert len(listings) == 3
    assert not any(p.searchable for p in listings)
    assert all(p.searchable for p in s.pages.values() if p.review)


def test_the_home_page_shows_counts_and_the_most_telling_claims_not_every_claim(
    sites: dict[int, Site],
) -> None:
    s = sites[500]
    home = Page(s.fill("<h1>Home</h1>", "index.md", True))
    items = home.with_class("fc-claim-item")
    assert len(items) == DIGEST_SIZE < 500
    ratings = [a["data-verdict"] for _, a in items]
    assert ratings == sorted(ratings, key=ORDER.index)  # conflicting first
    counts = home.text("fc-digest__counts")
    assert "500 claims" in counts
    verdicts = [c.verdict.rating for c in s.claims if c.verdict]
    for rating in ORDER:
        if verdicts.count(rating):
            assert f"{verdicts.count(rating)} " in counts
    links = [a["href"] for a in home.tags("a")]
    assert "claims/" in links and "claims/?verdict=conflicting" in links


def test_no_page_grows_with_the_number_of_claims(sites: dict[int, Site]) -> None:
    """Doubling the claims (and sources) leaves every page but the sources listing about
    the same size: no page lists every claim."""
    small, large = (sites[n] for n in SIZES)

    def sizes(s: Site) -> dict[str, int]:
        kinds = {
            "claims listing": [s.pages[CLAIMS_INDEX].body],
            "topic every claim carries": [s.pages[tag_uri("generated")].body],
            "home": [s.fill("<h1>Home</h1>", "index.md", True)],
            "claim page": [p.body for u, p in s.pages.items() if p.review],
        }
        return {k: max(len(b) for b in bodies) for k, bodies in kinds.items()}

    before, after = sizes(small), sizes(large)
    for kind in before:
        assert after[kind] < before[kind] * 1.3, f"the {kind} grows with the claims"

    # Source pages list the claims citing them: together they grow with the citations,
    # never faster.
    def sources_size(s: Site) -> tuple[int, int]:
        size = sum(len(p.body) for u, p in s.pages.items() if u.startswith("sources/s"))
        return size, sum(len(c.evidence) for c in s.claims)

    (small_size, small_cites), (large_size, large_cites) = map(sources_size, (small, large))
    assert large_size < small_size * 1.3 * large_cites / small_cites


def test_furniture_carries_data_search_exclude(sites: dict[int, Site]) -> None:
    s = sites[250]
    claim = Page(s.pages[claim_uri(s.claims[0].id)].body)
    for cls in (
        "fc-eyebrow",
        "fc-verdict__label",
        "fc-verdict__badge",
        "fc-evidence__intro",
        "fc-card__meta",
        "fc-excerpt__value",
        "fc-excerpt__where",
    ):
        found = claim.with_class(cls)
        assert found, cls
        assert all("data-search-exclude" in attrs for _, attrs in found), cls
    headings = {a.get("id"): a for a in claim.tags("h2")}
    assert "data-search-exclude" in headings["claim-file"]
    assert "data-search-exclude" not in headings["evidence"]
    source = Page(next(p.body for u, p in s.pages.items() if u.startswith("sources/s")))
    assert all("data-search-exclude" in a for _, a in source.with_class("fc-meta"))
    assert "data-search-exclude" in {a.get("id"): a for a in source.tags("h2")}["cited-by"]


def test_the_search_index_holds_what_readers_search_for(tmp_path: Path) -> None:
    root = tmp_path / "pub"
    realistic(root, 120, 24, 3)
    site(root)
    built = build_site(root, tmp_path / "site")
    docs = json.loads((built / "search" / "search_index.json").read_text("utf-8"))["docs"]
    text = " ".join(d["title"] + " " + d["text"] for d in docs)
    pub = check(root)
    excerpt = pub.claims[0].evidence[0].excerpt
    assert " ".join(excerpt.split()[:3]) in text  # the evidence
    assert "generated reports" in text  # the notes
    assert "Officials in sector" in text  # the sources' text
    for furniture in (
        "Computed verdict",
        "Read it in context",
        "Snapshot file",
        "Each card is one source",
        "kind: quantity",  # the claim file
        "Cited by",
    ):
        assert furniture not in text, furniture
    assert not [d for d in docs if d["location"].startswith("claims/page/")]
    assert (built / "claims" / "page" / "2" / "index.html").is_file()
