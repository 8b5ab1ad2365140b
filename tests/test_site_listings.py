"""What the listings, tag pages, source pages and the corrections log show, from a small
publication checked by the real engine (no MkDocs): the order a reader scans, the verdict
listed (the publication's), the computed one only where the editors differ, citation
numbers in reading order, broken quotations, and shared wording linked both ways."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from test_site_pages import Page

from generator import engine
from generator.model import Publication
from generator.site.highlight import highlight
from generator.site.pages import CORRECTIONS_MARKER, Settings, Site

# Two sources print the same 15-word run; the third shares nothing.
RUN = "the council voted to close the old bridge to lorries after engineers found cracks in"
WIRE = (
    "Opening line of the wire report.\n\n"
    "Officials said 120 workers were hired.\n\n"
    f"On Monday {RUN} its main span, a spokesman said.\n"
)
PAPER = (
    "The Daily Paper reports on the town.\n\n"
    f"Last week {RUN} its main span. The mayor objected.\n\n"
    "About 150 workers were hired, the union said.\n"
)
RADIO = "Radio news: the bridge closed on Monday. Some 200 workers were hired.\n"


def source(title: str, text: str, extra: str = "") -> str:
    return f'---\ntitle: "{title}"\n{extra}---\n\n{text}'


CLAIMS = {
    # Cited late in the wire, early in the paper: numbered differently on each page.
    "workers": """claim: Some workers were hired for the repair.
kind: quantity
unit: workers
tags: [jobs, bridge]
evidence:
  - source: wire
    excerpt: Officials said 120 workers were hired
  - source: paper
    excerpt: About 150 workers were hired
  - source: radio
    excerpt: Some 200 workers were hired
verdict:
  rating: minor-discrepancy
  reason: The counts were taken on different days.
corrections:
  - date: 2024-03-02
    text: The paper's figure is *150*, not 510.
  - date: 2024-01-10
    text: First correction.
""",
    "closed": """claim: The council closed the old bridge to lorries.
kind: text
tags: [bridge]
evidence:
  - source: paper
    excerpt: the council voted to close the old bridge to lorries
    value: null
  - source: wire
    excerpt: the council voted to close the old bridge to lorries
    value: null
  - source: radio
    excerpt: the bridge closed on Monday
    value: null
corrections:
  - date: 2024-02-15
    text: Reworded the claim.
""",
    "opening": """claim: A zebra crossing opened on Monday.
kind: text
tags: [roads]
evidence:
  - source: wire
    excerpt: Opening line of the wire report
    value: null
""",
}


@pytest.fixture(scope="module")
def pub(tmp_path_factory: pytest.TempPathFactory) -> Publication:
    root = tmp_path_factory.mktemp("listings")
    (root / "content" / "sources").mkdir(parents=True)
    (root / "claims").mkdir()
    (root / "content" / "sources" / "wire.md").write_text(
        source("The wire", WIRE, "outlet: Wire Agency\n"), "utf-8"
    )
    (root / "content" / "sources" / "paper.md").write_text(
        source("The paper", PAPER, "derived_from: [Wire Agency]\n"), "utf-8"
    )
    (root / "content" / "sources" / "radio.md").write_text(source("The radio", RADIO), "utf-8")
    for name, text in CLAIMS.items():
        (root / "claims" / f"{name}.yaml").write_text(text, "utf-8")
    checked = engine.check(root)
    assert not checked.errors, checked.problems
    return checked


def site(pub: Publication) -> Site:
    return Site(pub, Settings(site_name="Town desk"))


def items(html: str) -> list[dict[str, str]]:
    return [a for _, a in Page(html).with_class("fc-claim-item")]


def test_claims_are_listed_counted_and_badged_by_the_publications_verdict(
    pub: Publication,
) -> None:
    claims = {c.id: c for c in pub.claims}
    # The editors overrule the engine on `workers`; that is what the list shows.
    assert claims["workers"].rating == "minor-discrepancy"
    computed = claims["workers"].verdict
    assert computed is not None and computed.rating != "minor-discrepancy"
    body = site(pub).pages["claims/index.md"].body
    listed = items(body)
    assert {a["data-verdict"] for a in listed} == {c.rating for c in pub.claims}
    by_id = {
        re.sub(r"/$", "", a["href"]): a for _, a in Page(body).with_class("fc-claim-item__text")
    }
    assert set(by_id) == {"workers", "closed", "opening"}
    # Each filter button counts the claims of its verdict, the publication's.
    counted = dict(
        re.findall(
            r'data-verdict="([a-z-]+)" aria-pressed="false">.*?<span class="fc-count">(\d+)<', body
        )
    )
    expected: dict[str, str] = {}
    for c in pub.claims:
        expected[str(c.rating)] = str(sum(d.rating == c.rating for d in pub.claims))
    assert counted == expected
    # The computed check is shown, small, on the one item where the editors differ.
    page = Page(body)
    assert len(page.with_class("fc-claim-item__computed")) == 1
    assert f'data-verdict="{computed.rating}"' in body.split("fc-claim-item__computed")[1]


def test_disputed_claims_come_first_then_by_topic_then_title(pub: Publication) -> None:
    body = site(pub).pages["claims/index.md"].body
    order = [a["href"].rstrip("/") for _, a in Page(body).with_class("fc-claim-item__text")]
    ratings = {c.id: c.rating for c in pub.claims}
    disputed = [c for c in order if ratings[c] in ("conflicting", "minor-discrepancy")]
    assert order[: len(disputed)] == disputed
    rest = order[len(disputed) :]
    topics = {c.id: c.tags[0] for c in pub.claims}
    assert [topics[c] for c in rest] == sorted(topics[c] for c in rest)


def test_each_tag_has_a_page_listing_exactly_its_claims(pub: Publication) -> None:
    s = site(pub)
    tags = sorted({t for c in pub.claims for t in c.tags})
    assert sorted(p for p in s.pages if p.startswith("tags/")) == [f"tags/{t}.md" for t in tags]
    for tag in tags:
        page = Page(s.pages[f"tags/{tag}.md"].body)
        listed = {
            a["href"].rstrip("/").split("/")[-1] for _, a in page.with_class("fc-claim-item__text")
        }
        assert listed == {c.id for c in pub.claims if tag in c.tags}
        assert f"tagged “{tag}”" in s.pages[f"tags/{tag}.md"].title
    # Every tag on the claims listing links to its page, relative to the listing.
    links = {a["href"] for _, a in Page(s.pages["claims/index.md"].body).with_class("fc-tag")}
    assert links == {f"../tags/{t}/" for t in tags}


def test_citation_numbers_run_in_reading_order(pub: Publication) -> None:
    s = site(pub)
    for source_id in ("wire", "paper"):
        body = s.pages[f"sources/{source_id}.md"].body
        snapshot = body.split('id="snapshot"')[1]
        numbers = [
            int(n) for n in re.findall(r'<sup class="fc-cite"[^>]*><a [^>]*>(\d+)</a>', snapshot)
        ]
        assert numbers == sorted(numbers) == list(range(1, len(numbers) + 1)), source_id
        # The "cited by" list gives the same numbers to the same claims.
        cited_by = re.findall(
            r'<li value="(\d+)">.*?<a href="([^"]+)"', body.split('id="snapshot"')[0]
        )
        first_sup = re.findall(
            r'<sup class="fc-cite"[^>]*><a href="([^"]+)"[^>]*>(\d+)</a>', snapshot
        )
        assert {(href, n) for n, href in cited_by} >= set(first_sup)
    wire = s.pages["sources/wire.md"].body.split('id="snapshot"')[1]
    # In the wire the zebra crossing (first line) comes first, the workers second.
    assert re.findall(r'href="([^"]+)"[^>]*>1<', wire)[0].endswith("opening/")


def test_a_source_page_lists_the_quotations_of_it_that_are_broken(
    pub: Publication, tmp_path: Path
) -> None:
    assert "fc-broken" not in site(pub).pages["sources/radio.md"].body
    broken_root = tmp_path / "broken"
    shutil.copytree(pub.root, broken_root)
    text = (broken_root / "content" / "sources" / "radio.md").read_text("utf-8")
    (broken_root / "content" / "sources" / "radio.md").write_text(
        text.replace("Some 200 workers", "Some 300 workers"), "utf-8"
    )
    broken = engine.check(broken_root)
    page = site(broken).pages["sources/radio.md"]
    banner = Page(page.body)
    assert "1 quotation of this source is not found in its text" in banner.text("fc-broken")
    links = re.findall(
        r'<li><a href="([^"]+)">', page.body.split("fc-broken")[1].split("</div>")[0]
    )
    assert links == ["../../claims/workers/"]
    assert "broken" in page.anchors


def test_source_pages_show_shared_wording_linked_both_ways(pub: Publication) -> None:
    s = site(pub)
    wire, paper = s.pages["sources/wire.md"], s.pages["sources/paper.md"]
    for here, other in ((wire, "paper"), (paper, "wire")):
        page = Page(here.body)
        assert {f"shared-{other}", f"shared-{other}-1"} <= page.ids() & here.anchors
        # The run is underlined, and exactly the run.
        shared_text = page.text("fc-shared")
        assert re.sub(r"\W+", " ", shared_text).strip().lower().startswith(RUN.split()[0])
        assert len(shared_text.split()) >= 15
        # Linked to the same passage on the other source's page, which has that anchor.
        there = f"../{other}/#shared-{'wire' if other == 'paper' else 'paper'}-1"
        assert there in {a.get("href") for a in page.tags("a")}
    assert "Shares wording with" in wire.body and "Shares wording with" not in (
        s.pages["sources/radio.md"].body
    )


def test_relays_match_a_source_by_outlet(pub: Publication) -> None:
    # The paper names the outlet "Wire Agency", not the id: it still links to the wire.
    page = Page(site(pub).pages["sources/paper.md"].body)
    relays = page.text("fc-meta")
    assert "The wire" in relays
    assert "../wire/" in {a.get("href") for a in page.tags("a")}


def test_corrections_log_is_newest_first_and_links_each_claim(pub: Publication) -> None:
    s = site(pub)
    html = s.fill(f"<h1>Corrections</h1>{CORRECTIONS_MARKER}", "corrections.md", False)
    log = Page(html)
    dates = [t["datetime"] for t in log.tags("time")]
    assert dates == ["2024-03-02", "2024-02-15", "2024-01-10"]
    # Relative to the page at /corrections/.
    hrefs = [a["href"] for _, a in log.elements if "claims/" in a.get("href", "")]
    assert hrefs == ["../claims/workers/", "../claims/closed/", "../claims/workers/"]
    assert "<em>150</em>" in html  # Markdown, rendered and cleaned
    # Without the marker the corrections page still gets its log; other pages do not.
    assert "fc-corrections" in s.fill("<h1>Corrections</h1>", "corrections.md", False)
    assert "fc-corrections" not in s.fill("<h1>About</h1>", "about.md", False)
    # A publication without a corrections page gets one.
    s.add_corrections()
    generated = Page(s.pages["corrections.md"].body)
    assert [t["datetime"] for t in generated.tags("time")] == dates
    assert "open an issue on the publication’s repository" in s.pages["corrections.md"].body


def test_highlight_keeps_the_text_with_overlapping_cited_and_shared_spans() -> None:
    text = "one two three four five six seven"
    html = highlight(text, [(4, 13), (14, 18)], shared={(8, 23): ["shared-x-1", "shared-x"]})
    assert re.sub(r"<[^>]+>", "", html) == text
    page = Page(html)
    assert {"shared-x-1", "shared-x", "ex-4-13", "ex-14-18"} <= page.ids()
    assert page.text("fc-shared") == text[8:23]
    assert page.text("fc-passage") == "two three" + "four"
