"""The pictures on the built sites (issue 12), checked as a reader would.

Every quantity, tally and date claim page draws its figures under the verdict, as inline SVG
that parses, says what it shows in words, and matches the claim; the quotation claim marks
the words the outlets changed; each source page carries the small picture of every claim
citing a figure of it, its own row marked, linking to the claim; and `/timeline/` lists every
dated claim and every source's publication date, with links that lead to the pages, also when
the site is built with `use_directory_urls: false`. The hostile corpus's pictures keep its
payloads as text.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import HOSTILE, build_site
from test_site_build import Html, publication

from generator import engine
from generator.model import Claim, Publication
from generator.pictures import timeline_entries
from generator.pictures.scale import long_date

pytestmark = pytest.mark.slow

SVG = "{http://www.w3.org/2000/svg}"
DRAWN = ("quantity", "tally", "date")
# The pictures' SVG, not the theme's icons.
_SVG_MARKUP = re.compile(r'<svg\b[^>]*class="fc-picture[^>]*>.*?</svg>', re.S)


def svgs(markup: str) -> list[ET.Element]:
    """Every picture's inline SVG in `markup`, parsed as XML (each must be well-formed)."""
    return [ET.fromstring(m) for m in _SVG_MARKUP.findall(markup)]


def has_values(claim: Claim) -> bool:
    """Whether any evidence gives a value to draw (a figure or date; a quotation's words)."""
    if claim.kind == "quote":
        return any(e.value is not None for e in claim.evidence)
    return any(e.value is not None and e.value.intervals for e in claim.evidence)


def section(markup: str, css: str) -> str:
    """The markup of the first element whose first class is `css`, to its end tag."""
    found = re.search(f'class="{re.escape(css)}[" ]', markup)
    assert found is not None, css
    start = found.start()
    tag = markup.rindex("<", 0, start)
    name = re.match(r"<(\w+)", markup[tag:])
    assert name is not None
    end = markup.index(f"</{name.group(1)}>", start)
    return markup[tag : end + len(name.group(1)) + 3]


def resolve(page: Path, href: str, site: Path) -> Path:
    """The file a relative link on `page` leads to (a folder means its index.html)."""
    assert not href.startswith(("/", "http:", "https:")), href
    target = (page.parent / href.split("#")[0]).resolve()
    if href.split("#")[0].endswith("/") or target.is_dir():
        target = target / "index.html"
    assert target.is_relative_to(site.resolve()), href
    return target


# --- claim pages ---------------------------------------------------------------------------


def test_every_claim_with_figures_draws_them_under_its_verdict(bundled_site: Path) -> None:
    drawn = 0
    for claim in publication().claims:
        markup = (bundled_site / "claims" / claim.id / "index.html").read_text("utf-8")
        if claim.kind not in (*DRAWN, "quote") or not has_values(claim):
            assert "fc-drawn" not in markup, claim.id
            continue
        assert (
            markup.index("fc-verdict--headline")
            < markup.index("fc-drawn")
            < markup.index("evidence")
        )
        part = section(markup, "fc-drawn")
        if claim.kind == "quote":
            assert 'class="fc-picture fc-quote-diff"' in part, claim.id
            continue
        (svg,) = svgs(part)
        drawn += 1
        assert svg.get("data-claim") == claim.id
        assert claim.verdict is not None and svg.get("data-verdict") == claim.verdict.rating
        assert svg.get("role") == "img"
        # Named by its title and described by its desc, both in the SVG.
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and desc is not None and desc.text
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        # Every source that gives a value is on a row; the words under it say the same.
        on_rows = {
            s for row in svg.iter() if "fc-row" in row.get("class", "").split()
            for s in row.get("data-sources", "").split()
        }  # fmt: skip
        giving = {e.source_id for e in claim.evidence if e.value is not None}
        assert giving <= on_rows, claim.id
        words = Html(part).find("figcaption", "fc-chart__words")
        assert [Html(part).text(i) for i in words] == [desc.text]
    assert drawn == sum(c.kind in DRAWN and has_values(c) for c in publication().claims) >= 6


def test_the_sovereignty_quotation_marks_the_words_kurdistan_24_changed(
    bundled_site: Path,
) -> None:
    markup = (bundled_site / "claims" / "skies-land-sovereignty-quote" / "index.html").read_text(
        "utf-8"
    )
    html = Html(section(markup, "fc-drawn"))
    (row,) = [
        i for i in html.find("li", "fc-wording") if "kurdistan-24" in html.attr(i, "data-sources")
    ]

    def words(tag: str) -> list[str]:
        # The hidden "changed from:"/"dropped:" prefixes are for screen readers.
        return [re.sub(r"^[^:]*: ", "", html.text(i)).strip() for i in html.find(tag, within=row)]

    assert words("del") == ["land", "every day", "occupying"]
    assert words("ins") == ["lands", "invading"]
    (reference,) = html.find("li", "fc-reference")
    assert html.find("del", within=reference) == html.find("ins", within=reference) == []


# --- source pages --------------------------------------------------------------------------


def assert_source_pictures(site: Path, pub: Publication, directory_urls: bool) -> int:
    """Every source page has the small linked picture of each drawn claim citing it."""
    shown = 0
    for source in pub.sources.values():
        path = (
            site
            / "sources"
            / (f"{source.id}/index.html" if directory_urls else f"{source.id}.html")
        )
        markup = path.read_text("utf-8")
        citing = [
            c
            for c in pub.claims
            if c.kind in DRAWN
            and has_values(c)
            and any(e.source_id == source.id and e.found for e in c.evidence)
        ]
        if not citing:
            assert "fc-minis" not in markup, source.id
            continue
        html = Html(markup)
        minis = html.find("li", "fc-mini")
        assert [html.attr(i, "data-claim") for i in minis] == [c.id for c in citing], source.id
        for item, claim in zip(minis, citing, strict=True):
            (link,) = html.find("a", "fc-mini__link", within=item)
            claim_page = resolve(path, html.attr(link, "href"), site)
            assert claim_page.is_file() and f'data-claim="{claim.id}"' in claim_page.read_text(
                "utf-8"
            )
            assert html.find("svg", "fc-compact", within=link), claim.id
        for svg in svgs(section(markup, "fc-minis")):
            assert "fc-compact" in svg.get("class", "")
            assert svg.find(f"{SVG}desc") is not None
            claim = next(c for c in citing if c.id == svg.get("data-claim"))
            gives = any(e.source_id == source.id and e.value is not None for e in claim.evidence)
            current = [g for g in svg.iter() if "fc-current" in g.get("class", "").split()]
            # The page's own source is marked on the picture when it gives a value.
            assert bool(current) == gives, (source.id, claim.id)
            for row in current:
                assert source.id in row.get("data-sources", "").split()
            shown += 1
    return shown


def test_source_pages_carry_a_small_picture_per_citing_claim(bundled_site: Path) -> None:
    assert assert_source_pictures(bundled_site, publication(), directory_urls=True) >= 6


# --- the timeline --------------------------------------------------------------------------


def assert_timeline(site: Path, pub: Publication, page: Path) -> None:
    """The timeline page lists each dated claim and each publication date, linked."""
    html = Html(page.read_text("utf-8"))
    items = html.find("li", "fc-event")
    entries = timeline_entries(pub)
    assert len(items) == len(entries) > 0
    dated = {c.id for c in pub.claims if c.kind == "date" and has_values(c)}
    published = {s.id for s in pub.sources.values() if s.published is not None}
    seen_claims, seen_sources = set(), set()
    for item, entry in zip(items, entries, strict=True):
        (time, *_) = html.find("time", within=item)
        assert html.attr(time, "datetime") == entry.start.isoformat()
        assert html.text(time) == long_date(entry.start)
        (link,) = html.find("a", within=item)
        target = resolve(page, html.attr(link, "href"), site)
        assert target.is_file(), html.attr(link, "href")
        if entry.claim is not None:
            assert f'data-claim="{entry.claim.id}"' in target.read_text("utf-8")
            seen_claims.add(entry.claim.id)
        else:
            assert entry.source is not None
            assert target.parent.name == entry.source.id or target.stem == entry.source.id
            seen_sources.add(entry.source.id)
    assert seen_claims == dated and seen_sources == published
    # The chart above the list, one row per entry, named and described.
    (chart,) = svgs(page.read_text("utf-8"))
    assert len([g for g in chart.iter() if "fc-row" in g.get("class", "").split()]) == len(items)
    assert chart.find(f"{SVG}title") is not None and chart.find(f"{SVG}desc") is not None


def test_the_timeline_lists_every_dated_claim_with_working_links(bundled_site: Path) -> None:
    assert_timeline(bundled_site, publication(), bundled_site / "timeline" / "index.html")
    # It is in the navigation of the bundled site.
    home = Html((bundled_site / "index.html").read_text("utf-8"))
    assert "timeline/" in [home.attr(i, "href") for i in home.find("a", "md-nav__link")]


def test_pictures_and_timeline_without_directory_urls(
    publication_copy: Path, tmp_path: Path
) -> None:
    config = publication_copy / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nuse_directory_urls: false\n", "utf-8")
    # A source with a publication date, so the timeline lists one (a copy: not the repo's).
    snapshot = publication_copy / "content" / "sources" / "alwaght.md"
    text = snapshot.read_text("utf-8")
    snapshot.write_text(
        text.replace("language: en\n", "language: en\npublished: 2020-01-14\n", 1), "utf-8"
    )
    site = build_site(publication_copy, tmp_path / "site")
    pub = engine.check(publication_copy)
    assert pub.sources["alwaght"].published == dt.date(2020, 1, 14)
    assert_timeline(site, pub, site / "timeline.html")
    assert assert_source_pictures(site, pub, directory_urls=False) >= 6
    claim = (site / "claims" / "us-troops-in-iraq.html").read_text("utf-8")
    assert len(svgs(section(claim, "fc-drawn"))) == 1
    assert '<link rel="stylesheet" href="../assets/factcheck/pictures.css">' in claim


# --- the hostile corpus --------------------------------------------------------------------


def test_hostile_pictures_keep_every_payload_as_text(hostile_site: Path) -> None:
    pub = engine.check(HOSTILE)
    pictured = 0
    for path in hostile_site.rglob("*.html"):
        for svg in svgs(path.read_text("utf-8")):
            pictured += 1
            for node in svg.iter():
                tag = node.tag.removeprefix(SVG)
                assert tag not in ("script", "foreignObject", "img", "iframe", "a"), path
                assert not any(k.lower().startswith("on") for k in node.attrib), (path, node.attrib)
                assert not any("javascript:" in v.lower() for v in node.attrib.values()), path
    assert pictured >= 3  # the quantity and tally claim pages, the source pages, the timeline
    troops = (hostile_site / "claims" / "troops" / "index.html").read_text("utf-8")
    (svg,) = svgs(section(troops, "fc-drawn"))
    # The claim's own script tags are in the picture's title, as text.
    title = svg.findtext(f"{SVG}title", "")
    assert "<script>alert('claim')</script>" in title
    assert next(c for c in pub.claims if c.id == "troops").claim in title
    # The source with a publication date is on the timeline, its hostile outlet as text.
    timeline = Html((hostile_site / "timeline" / "index.html").read_text("utf-8"))
    labels = [timeline.text(i) for i in timeline.find("a", "fc-event-label")]
    assert "<img src=x onerror=alert('outlet')>" in labels


@pytest.mark.parametrize(
    "words", ["Outlet & Co: 5 < 6 > 4", "a\r\nb\rc", "&amp; &lt;x&gt; &#13;", "plain"]
)
def test_the_description_is_read_from_the_markup_as_a_parser_reads_it(words: str) -> None:
    from generator.pictures import markup
    from generator.site.pictures import description

    svg = markup.el("svg", {"xmlns": markup.SVG_NS, "class": "fc-picture"})
    markup.sub(svg, "title", {"id": "t"}, "T & t")
    markup.sub(svg, "desc", {"id": "d"}, words)
    markup.sub(svg, "g", {"class": "x"}, "y")
    drawn = markup.to_string(svg)
    parsed = ET.fromstring(drawn).find("{http://www.w3.org/2000/svg}desc")
    assert parsed is not None
    assert description(drawn) == parsed.text


def test_every_bundled_picture_describes_itself_as_parsed() -> None:
    from generator.engine import check
    from generator.pictures import picture
    from generator.site.pictures import _DESC, description

    root = Path(__file__).resolve().parent.parent
    drawn = 0
    for pub in (check(root), check(root / "tests" / "fixtures" / "floodtown")):
        for claim in pub.claims:
            for compact in (False, True):
                svg = picture(claim, pub.sources, compact=compact)
                if svg is None or not svg.startswith("<svg"):
                    continue
                node = ET.fromstring(svg).find("{http://www.w3.org/2000/svg}desc")
                assert node is not None
                assert _DESC.match(svg)  # read without parsing
                assert description(svg) == node.text
                drawn += 1
    assert drawn > 10
