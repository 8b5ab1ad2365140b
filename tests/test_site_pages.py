"""The generated pages, from a publication built by hand (no engine, no MkDocs).

What a reader checks on a claim page: the verdicts, one card per source, relays boxed as
one origin, the figure highlighted, derived values marked, and a link from each excerpt to
the exact passage on its source page; and on a source page, every cited passage marked and
linked back to its claims. Contributor text is hostile throughout.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import report
from generator.mkdocs_plugin.safety import find_symlinks, is_refused, symlink_problems
from generator.model import (
    Claim,
    EditorialVerdict,
    Evidence,
    Interval,
    Match,
    NearMiss,
    Position,
    Problem,
    Publication,
    Source,
    Value,
    Verdict,
)
from generator.site.labels import LABELS
from generator.site.pages import CLAIMS_MARKER, RULES_MARKER, Settings, Site
from generator.verdicts import RULES

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


class Page(HTMLParser):
    """Elements of a generated page, for the checks a reader's browser would make."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.classes: list[str] = []
        self.current_classes: list[list[str]] = []
        self.text_by_class: dict[str, list[str]] = {}
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        if tag not in ("img", "br", "hr", "input"):
            self.current_classes.append(a.get("class", "").split())

    def handle_endtag(self, tag: str) -> None:
        if self.current_classes:
            self.current_classes.pop()

    def handle_data(self, data: str) -> None:
        for classes in self.current_classes:
            for c in classes:
                self.text_by_class.setdefault(c, []).append(data)

    def tags(self, name: str) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == name]

    def with_class(self, css: str) -> list[tuple[str, dict[str, str]]]:
        return [(t, a) for t, a in self.elements if css in a.get("class", "").split()]

    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.elements if "id" in a}

    def text(self, css: str) -> str:
        return "".join(self.text_by_class.get(css, []))


def assert_inert(markup: str) -> None:
    page = Page(markup)
    assert not page.tags("script"), "contributor text became a script"
    assert not page.tags("img"), "contributor text became an image"
    for _, attrs in page.elements:
        assert not [k for k in attrs if k.startswith("on")]
        for key in ("href", "src"):
            assert not attrs.get(key, "").strip().lower().startswith("javascript:")


WIRE_TEXT = (
    "Officials said around 5,200 troops remain in Iraq.\n\n"
    f"{XSS} The vote was 170-0, officials said.\n"
)
RELAY_TEXT = "As the wire reported, around 5,200 troops remain in Iraq today.\n"
DAILY_TEXT = "Some 5,000 US troops are in Iraq, the paper said. Ten people died.\n"


def found(text: str, excerpt: str) -> Match:
    start = text.index(excerpt)
    return Match(((start, start + len(excerpt)),))


def quantity(display: str, low: float, span: tuple[int, int] | None, **kw: object) -> Value:
    return Value("quantity", display, (Interval.point(low),), span=span, **kw)  # type: ignore[arg-type]


@pytest.fixture
def pub(tmp_path: Path) -> Publication:
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "troops.yaml").write_text(f"claim: {XSS}\n", "utf-8")
    sources = {
        "wire": Source(
            "wire",
            "content/sources/wire.md",
            f"Wire {XSS}",
            WIRE_TEXT,
            body_line=5,
            outlet=f"Outlet {XSS}",
            url="javascript:alert(1)",
            published=dt.date(2020, 1, 7),
        ),
        "relay": Source(
            "relay", "content/sources/relay.md", "Relay", RELAY_TEXT, 4, derived_from=("wire",)
        ),
        "daily": Source(
            "daily",
            "content/sources/daily.md",
            "Daily",
            DAILY_TEXT,
            4,
            url="https://daily.example/story",
        ),
    }
    where = Position("claims/troops.yaml", 3, 14)
    troops = Claim(
        "troops",
        "claims/troops.yaml",
        f"About **5,000** US troops {XSS} [x](javascript:alert(1))",
        "quantity",
        Position("claims/troops.yaml", 1, 1),
        evidence=[
            Evidence(
                "wire",
                "around 5,200 troops remain",
                where,
                match=found(WIRE_TEXT, "around 5,200 troops remain"),
                value=quantity("about 5,200", 5200, (0, 12), hedge="approximate"),
            ),
            Evidence(
                "relay",
                "around 5,200 troops remain in Iraq",
                where,
                match=found(RELAY_TEXT, "around 5,200 troops remain in Iraq"),
                value=quantity("about 5,200", 5200, (0, 12), hedge="approximate"),
            ),
            Evidence(
                "daily",
                "Some 5,000 US troops",
                where,
                match=found(DAILY_TEXT, "Some 5,000 US troops"),
                value=quantity("some 5,000", 5000, (0, 10), hedge="approximate"),
            ),
            Evidence(
                "wire",
                XSS,
                where,
                value_is_null=True,
                match=found(WIRE_TEXT, XSS),
            ),
        ],
        unit="troops",
        tags=("us-presence",),
        editorial=EditorialVerdict(
            "conflicting", f"Because {XSS} and [this](javascript:alert(1)).", where
        ),
        notes=f"{{: onclick=alert(1) }}\n\n<iframe src=x></iframe> {XSS}",
        verdict=Verdict(
            "minor-discrepancy",
            f"The sources differ {XSS}.",
            origins=(("daily",), ("relay", "wire")),
        ),
    )
    dead = Claim(
        "dead",
        "claims/dead.yaml",
        "Ten people died.",
        "quantity",
        Position("claims/dead.yaml", 1, 1),
        evidence=[
            Evidence(
                "daily",
                "Ten people died",
                Position("claims/dead.yaml", 4, 14),
                derivation=f"Counting *everyone* {XSS}",
                match=found(DAILY_TEXT, "Ten people died"),
                value=quantity("10", 10, None, derived=True),
            ),
            Evidence(
                "wire",
                "Eleven people died",
                Position("claims/dead.yaml", 6, 14),
                near_miss=NearMiss(f"The vote {XSS}", 0.42, ("Eleven",), ("vote",), 7),
            ),
        ],
        verdict=Verdict("unverified", "An excerpt is not in its source (wire).", (("daily",),)),
    )
    problems = [
        Problem("claims/dead.yaml", 6, 14, "error", f"excerpt not found {XSS}"),
        Problem("content/sources/daily.md", 1, 1, "warning", "a warning about daily"),
    ]
    return Publication(str(tmp_path), sources, [troops, dead], problems)


def site(pub: Publication, **settings: object) -> Site:
    return Site(pub, Settings(site_name="Test desk", methodology="methodology.md", **settings))  # type: ignore[arg-type]


def test_every_claim_source_and_tag_gets_a_page_plus_two_listings(pub: Publication) -> None:
    assert sorted(site(pub).pages) == [
        "claims/dead.md",
        "claims/index.md",
        "claims/troops.md",
        "sources/daily.md",
        "sources/index.md",
        "sources/relay.md",
        "sources/wire.md",
        "tags/us-presence.md",
        "timeline.md",
    ]


def test_no_page_lets_contributor_text_run(pub: Publication) -> None:
    s = site(pub, show_problems=True)
    for page in s.pages.values():
        assert_inert(page.body)
    assert_inert(s.fill(f"<p>Home</p>{CLAIMS_MARKER}{RULES_MARKER}", "index.md", True))
    body = s.pages["claims/troops.md"].body
    assert "&lt;script&gt;alert(" in body and "&lt;/script&gt;" in body
    assert "{: onclick=alert(1) }" in Page(body).text("fc-notes")


def test_claim_page_headlines_the_editors_verdict_over_the_computed_check(
    pub: Publication,
) -> None:
    page = Page(site(pub).pages["claims/troops.md"].body)
    # One headline badge, the editors'; the computed check inside it, marked as differing.
    [(_, headline)] = page.with_class("fc-verdict--headline")
    assert headline["data-verdict"] == "conflicting"
    assert headline["data-agreement"] == "differs"
    badges = [a["data-verdict"] for _, a in page.with_class("fc-badge")]
    assert badges[:2] == ["conflicting", "minor-discrepancy"]
    computed = page.text("fc-verdict--computed")
    assert computed.startswith(
        f"\nThe editors differ from the computed check ({LABELS['minor-discrepancy']}), "
        "because:\nBecause"
    )
    assert "The computed check: The sources differ" in computed
    assert not page.with_class("fc-verdict--editorial")  # never two equal boxes
    assert any(a.get("href") == "../../methodology/" for a in page.tags("a"))


def test_evidence_is_one_card_per_source_with_relays_as_one_origin(pub: Publication) -> None:
    body = site(pub).pages["claims/troops.md"].body
    page = Page(body)
    cards = [a["data-source"] for _, a in page.with_class("fc-card")]
    assert sorted(cards) == ["daily", "relay", "wire"]
    origin = body[
        body.index('class="fc-origin"') : body.index("</section>", body.index("fc-origin"))
    ]
    assert 'data-source="relay"' in origin and 'data-source="wire"' in origin
    assert 'data-source="daily"' not in origin
    assert "One origin" in origin
    # The wire card holds both of its excerpts: several excerpts of one source are one voice.
    assert body.count('class="fc-excerpt"') == 4


def test_figures_are_highlighted_and_qualitative_support_is_labelled(pub: Publication) -> None:
    body = site(pub).pages["claims/troops.md"].body
    page = Page(body)
    assert '<mark class="fc-value">Some 5,000</mark> US troops' in body
    marks = [t for t, a in page.elements if t == "mark"]
    assert len(marks) == 3
    assert "Some 5,000" in page.text("fc-value") and "around 5,200" in page.text("fc-value")
    assert "Qualitative support: shown, not counted." in page.text("fc-excerpt__value")
    assert "approximate" in page.text("fc-hedge")


def test_each_excerpt_links_to_its_passage_on_the_source_page(pub: Publication) -> None:
    s = site(pub)
    claim = Page(s.pages["claims/troops.md"].body)
    links = [a["href"] for _, a in claim.with_class("fc-excerpt__link")]
    assert len(links) == 4
    for href in links:
        assert href.startswith("../../sources/")
        path, _, anchor = href[len("../../") :].partition("#")
        source_page = s.pages[path.rstrip("/") + ".md"]
        assert anchor in Page(source_page.body).ids()
        assert anchor in source_page.anchors


def test_derived_values_say_so_and_show_their_derivation(pub: Publication) -> None:
    page = Page(site(pub).pages["claims/dead.md"].body)
    assert "derived" in page.text("fc-derived")
    assert "Counting everyone" in page.text("fc-excerpt__derivation")
    assert ("em", {}) in page.elements


def test_missing_excerpts_show_the_nearest_passage(pub: Publication) -> None:
    page = Page(site(pub).pages["claims/dead.md"].body)
    missing = page.text("fc-excerpt__missing")
    assert "Not found in the source." in missing
    assert "line 7, 42% similar" in missing
    assert "Eleven" in page.text("fc-excerpt--missing")


def test_source_page_marks_every_cited_passage_and_links_back(pub: Publication) -> None:
    body = site(pub).pages["sources/wire.md"].body
    page = Page(body)
    ids = page.ids()
    start = WIRE_TEXT.index("around 5,200")
    assert f"ex-{start}-{start + len('around 5,200 troops remain')}" in ids
    assert f"ex-{WIRE_TEXT.index(XSS)}-{WIRE_TEXT.index(XSS) + len(XSS)}" in ids
    # After each cited passage, numbered links to the claims quoting it.
    sups = re.findall(r'<sup class="fc-cite"[^>]*>(.*?)</sup>', body)
    assert len(sups) == 2
    assert all(re.findall(r'href="([^"]+)"', sup) == ["../../claims/troops/"] for sup in sups)
    cited_by = [a["href"] for a in Page(body.split('id="snapshot"')[0]).tags("a")]
    assert "../../claims/troops/" in cited_by
    # The snapshot is shown verbatim, as text.
    assert page.text("fc-snapshot").startswith("Officials said")
    assert XSS in page.text("fc-snapshot")
    # A url that is not http(s) is shown, not linked.
    assert "javascript:alert(1)" not in [a.get("href") for a in page.tags("a")]


def test_source_page_says_what_a_source_relays(pub: Publication) -> None:
    page = Page(site(pub).pages["sources/relay.md"].body)
    assert any(a.get("href") == "../wire/" for a in page.tags("a"))


def test_claim_review_holds_the_claim_and_its_verdict(pub: Publication) -> None:
    review = site(pub).pages["claims/troops.md"].review
    assert review is not None
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"].startswith("About 5,000 US troops <script>")
    # The publication's verdict: the editors' (the computed check says minor discrepancy).
    assert review["reviewRating"]["alternateName"] == "conflicting"
    assert review["author"]["name"] == "Test desk"
    urls = [w.get("url") for w in review["itemReviewed"]["appearance"]]
    assert "https://daily.example/story" in urls
    assert "javascript:alert(1)" not in urls


def test_claims_json_is_the_check_commands_claims(pub: Publication) -> None:
    data = json.loads(site(pub).claims_json())
    assert data == {"claims": json.loads(json.dumps(report.as_json(pub)["claims"]))}


def test_listings_reach_every_claim_and_source(pub: Publication) -> None:
    s = site(pub)
    claims = Page(s.pages["claims/index.md"].body)
    items = claims.with_class("fc-claim-item")
    # Listed by the publication's verdict: the editors' where they give one.
    assert [a["data-verdict"] for _, a in items] == ["conflicting", "unverified"]
    hrefs = {a["href"] for a in claims.tags("a")}
    assert {"troops/", "dead/", "../claims.json"} <= hrefs
    sources = Page(s.pages["sources/index.md"].body)
    assert {"daily/", "relay/", "wire/"} <= {a["href"] for a in sources.tags("a")}


def test_markers_are_filled_and_a_home_page_without_one_still_lists_claims(
    pub: Publication,
) -> None:
    s = site(pub)
    home = Page(s.fill(f"<h1>Home</h1>{CLAIMS_MARKER}", "index.md", True))
    assert [a["href"] for _, a in home.with_class("fc-claim-item__text")] == [
        "claims/troops/",
        "claims/dead/",
    ]
    assert len(Page(s.fill("<h1>Home</h1>", "index.md", True)).with_class("fc-claim-item")) == 2
    assert not Page(s.fill("<h1>About</h1>", "about.md", False)).with_class("fc-claim-item")
    rules = Page(s.fill(RULES_MARKER, "methodology.md", False))
    assert [a["data-verdict"] for _, a in rules.with_class("fc-badge")] == [r.rating for r in RULES]


def test_problem_banners_only_under_serve_and_only_where_they_belong(pub: Publication) -> None:
    quiet = site(pub)
    assert not any("fc-problems" in p.body for p in quiet.pages.values())
    loud = site(pub, show_problems=True)
    dead = Page(loud.pages["claims/dead.md"].body).text("fc-problems")
    assert "claims/dead.yaml:6:14" in dead and "excerpt not found" in dead
    assert "fc-problems" not in loud.pages["claims/troops.md"].body
    assert "a warning about daily" in Page(loud.pages["sources/daily.md"].body).text("fc-problems")
    home = Page(loud.fill("<h1>Home</h1>", "index.md", True)).text("fc-problems")
    assert "2 problems" in home


def test_edit_link_only_when_the_site_names_its_repository(pub: Publication) -> None:
    assert "Edit this claim" not in site(pub).pages["claims/troops.md"].body
    linked = site(pub, edit_url=lambda path: f"https://git.example/edit/{path}")
    page = Page(linked.pages["claims/troops.md"].body)
    assert [a["href"] for _, a in page.with_class("fc-edit")] == [
        "https://git.example/edit/claims/troops.yaml"
    ]
    # Without a repository the claim file is offered to copy instead.
    assert "claim: " in Page(site(pub).pages["claims/troops.md"].body).text("fc-yaml")


def test_refused_files_get_no_page(pub: Publication) -> None:
    s = Site(
        pub, Settings(site_name="x"), symlinks=["claims/dead.yaml", "content/sources/relay.md"]
    )
    assert "claims/dead.md" not in s.pages
    assert "sources/relay.md" not in s.pages
    assert "relay" not in s.pages["claims/troops.md"].body.split("fc-origin")[0]


def test_symlinks_are_found_and_refused(tmp_path: Path) -> None:
    (tmp_path / "content" / "img").mkdir(parents=True)
    (tmp_path / "claims").mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("key", "utf-8")
    os.symlink(secret, tmp_path / "content" / "about.md")
    os.symlink(tmp_path, tmp_path / "content" / "img" / "all")
    os.symlink(secret, tmp_path / "claims" / "x.yaml")
    links = find_symlinks(tmp_path, ["content", "claims"])
    assert links == ["claims/x.yaml", "content/about.md", "content/img/all"]
    assert is_refused("content/img/all/secret.txt", links)
    assert not is_refused("content/img/allowed.png", links)
    known = [Problem("claims/x.yaml", 1, 1, "error", "a claim is a symlink: refused")]
    assert [p.file for p in symlink_problems(links, known)] == [
        "content/about.md",
        "content/img/all",
    ]


def test_a_publication_without_a_home_page_gets_one(pub: Publication) -> None:
    s = site(pub)
    s.add_home()
    home = Page(s.pages["index.md"].body)
    assert [a["href"] for _, a in home.with_class("fc-claim-item__text")] == [
        "claims/troops/",
        "claims/dead/",
    ]
    assert s.pages["index.md"].title == "Test desk"
    assert home.tags("h1")


def test_the_collector_runs_as_before_once_the_pages_are_made(
    pub: Publication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages are made with the collector's thresholds raised (it still runs), and the
    caller's thresholds are back afterwards, even when making a page fails."""
    import gc

    from generator.site import pages

    before = gc.get_threshold()
    seen: list[tuple[int, ...]] = []
    render = Site.render

    def rendering(self: Site, template: str, **context: object) -> str:
        seen.append(gc.get_threshold())
        return render(self, template, **context)

    monkeypatch.setattr(Site, "render", rendering)
    site(pub)
    assert seen and set(seen) == {pages.PAGE_COLLECTIONS}
    assert gc.get_threshold() == before

    def failing(self: Site, template: str, **context: object) -> str:
        raise RuntimeError("a template failed")

    monkeypatch.setattr(Site, "render", failing)
    with pytest.raises(RuntimeError):
        site(pub)
    assert gc.get_threshold() == before


def test_a_claim_file_is_shown_as_python_reads_its_text(tmp_path: Path) -> None:
    """The claim file shown on its page is its text as `Path.read_text` gives it (line ends
    made `\\n`, a byte order mark kept); nothing for a symlink, a file too large to show,
    one that is not UTF-8 or not a file."""
    from generator.site.pages import MAX_YAML_SHOWN, _read_small

    texts = {
        "plain.yaml": b"claim: x\nkind: text\n",
        "crlf.yaml": b"claim: x\r\nkind: text\r\n\r\n",
        "cr.yaml": b"claim: x\rkind: text\r",
        "bom.yaml": b"\xef\xbb\xbfclaim: \xc3\xa9\r\n",
        "empty.yaml": b"",
        "latin1.yaml": b"claim: caf\xe9\n",
        "large.yaml": b"#" * (MAX_YAML_SHOWN + 1),
        "limit.yaml": b"#" * MAX_YAML_SHOWN,
    }
    for name, data in texts.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "link.yaml").symlink_to(tmp_path / "plain.yaml")
    (tmp_path / "folder.yaml").mkdir()
    for name in texts:
        path = tmp_path / name
        try:
            expected: str | None = path.read_text("utf-8")
        except UnicodeDecodeError:
            expected = None
        if len(texts[name]) > MAX_YAML_SHOWN:
            expected = None
        assert _read_small(str(path)) == expected, name
    assert _read_small(str(tmp_path / "plain.yaml")) == "claim: x\nkind: text\n"
    assert _read_small(str(tmp_path / "crlf.yaml")) == "claim: x\nkind: text\n\n"
    assert _read_small(str(tmp_path / "link.yaml")) is None
    assert _read_small(str(tmp_path / "folder.yaml")) is None
    assert _read_small(str(tmp_path / "missing.yaml")) is None
