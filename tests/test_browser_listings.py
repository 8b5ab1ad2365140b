"""Listings, tag pages, source pages, tables and the 404 page in headless Chromium, checked
by what a reader sees: what the filter leaves on screen, what a screen reader is told,
tables that fit a phone, and the links of a page that is not there."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from test_browser import Reader, publication, reader

__all__ = ["reader"]  # the fixture, used by name

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def shown(page: Any) -> list[str]:
    """The verdicts of the claim items a reader can see: laid out, with a size."""
    items = page.locator(".fc-claim-item")
    out = []
    for i in range(items.count()):
        item = items.nth(i)
        box = item.bounding_box()
        if item.is_visible() and box is not None and box["height"] > 0:
            out.append(item.get_attribute("data-verdict") or "")
    return out


@pytest.mark.parametrize("path", ["", "claims/"])
def test_each_verdict_filter_leaves_exactly_its_claims_visible(
    reader: Reader, bundled_url: str, path: str
) -> None:
    page = reader.page
    pub = publication()
    page.goto(bundled_url + path)
    status = page.locator(".fc-filter__status")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    assert sorted(shown(page)) == sorted(str(c.rating) for c in pub.claims)
    ratings = sorted({str(c.rating) for c in pub.claims})
    assert len(ratings) >= 2
    for rating in ratings:
        button = page.locator(f'.fc-filter__button[data-verdict="{rating}"]')
        count = int(button.locator(".fc-count").inner_text())
        button.click()
        expected = sum(1 for c in pub.claims if c.rating == rating)
        assert count == expected
        assert shown(page) == [rating] * expected
        assert status.inner_text() == f"Showing {expected} of {len(pub.claims)} claims"
    page.click('.fc-filter__button[data-verdict=""]')
    assert len(shown(page)) == len(pub.claims)


def test_editors_verdict_is_the_badge_and_the_computed_one_is_small(
    reader: Reader, bundled_url: str
) -> None:
    page = reader.page
    pub = publication()
    differ = [c for c in pub.claims if c.agreement == "differs"]
    assert differ, "the bundled publication has claims where the editors differ"
    page.goto(bundled_url + "claims/")
    for claim in pub.claims:
        item = page.locator(f'.fc-claim-item:has(a[href="{claim.id}/"])')
        assert item.get_attribute("data-verdict") == claim.rating
        headline = item.locator(".fc-claim-item__verdict .fc-badge")
        assert headline.get_attribute("data-verdict") == claim.rating
        computed = item.locator(".fc-claim-item__computed .fc-badge")
        if claim in differ:
            assert claim.verdict is not None
            assert computed.get_attribute("data-verdict") == claim.verdict.rating
            small, big = computed.bounding_box(), headline.bounding_box()
            assert small and big and small["height"] < big["height"]
        else:
            assert computed.count() == 0


def test_a_tag_leads_to_the_page_of_its_claims_without_the_script(
    browser: Any, bundled_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(bundled_url + "claims/")
        tag = page.locator("a.fc-tag").first
        slug = (tag.get_attribute("href") or "").rstrip("/").rsplit("/", 1)[-1]
        tag.click()
        page.wait_for_url(re.compile(rf"/tags/{slug}/$"))
        expected = {c.id for c in publication().claims if slug in c.tags}
        links = page.locator(".fc-claim-item__text")
        got = {
            (links.nth(i).get_attribute("href") or "").rstrip("/").rsplit("/", 1)[-1]
            for i in range(links.count())
            if links.nth(i).is_visible()
        }
        assert got == expected
    finally:
        context.close()


TABLE_PAGES = ("sources/", "about/", "", "methodology/", "corrections/")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_table_is_cut_off_on_a_phone(browser: Any, bundled_url: str, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    try:
        for path in TABLE_PAGES:
            page.goto(bundled_url + path)
            page.wait_for_load_state("load")
            tables = page.locator("article table")
            for i in range(tables.count()):
                table = tables.nth(i)
                if not table.is_visible():
                    continue
                # Every cell's text lies inside the part of the page a reader can see.
                cut = table.evaluate(
                    """t => {
                      const r = document.documentElement.clientWidth;
                      return [...t.querySelectorAll('th, td')]
                        .filter(c => c.offsetParent !== null && c.textContent.trim())
                        // Headings a reflowed table keeps for screen readers only.
                        .filter(c => c.parentElement.closest('thead') === null ||
                                     c.closest('thead').getBoundingClientRect().width > 1)
                        .filter(c => { const b = c.getBoundingClientRect();
                                       return b.left < 0 || b.right > r + 0.5; })
                        .map(c => c.textContent.trim().slice(0, 40));
                    }"""
                )
                assert not cut, f"{path or 'home'} table {i}: cells cut off: {cut}"
                wide = table.evaluate("t => t.scrollWidth - t.clientWidth")
                assert wide <= 1, f"{path or 'home'} table {i} scrolls {wide}px with no sign"
    finally:
        context.close()


def test_a_missing_page_links_home_and_to_search(
    browser: Any, bundled_url: str, bundled_site: Path
) -> None:
    assert (bundled_site / "404.html").is_file()
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(bundled_url + "404.html")
        assert page.locator("h1").inner_text() == "Page not found"
        home = page.get_by_role("link", name="Go to the home page")
        assert home.get_attribute("href") == "/"
        page.fill("input[name=q]", "troops")
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r"\?q=troops$|/$"))
        # Material's search opens with the query.
        page.wait_for_selector(".md-search-result__item")
        assert page.locator(".md-search__input").input_value() == "troops"
    finally:
        context.close()


def test_a_shared_passage_link_lands_on_the_same_words_there(
    reader: Reader, bundled_url: str
) -> None:
    page = reader.page
    pub = publication()
    source_id, passages = next(
        (s, p) for s in sorted(pub.sources) for p in pub.shared.of(s).values() if p
    )
    page.goto(f"{bundled_url}sources/{source_id}/")
    link = page.locator(".fc-shared__where a", has_text="the same words there").first
    link.click()
    page.wait_for_url(re.compile(r"#shared-[a-z0-9-]+-\d+$"))
    lit = page.locator(".fc-shared.fc-passage--current")
    assert lit.count() >= 1
    other_id = page.url.split("/sources/")[1].split("/")[0]
    there = next(p.there for p in passages)
    words = pub.sources[source_id].text[passages[0].here[0] : passages[0].here[1]].split()
    text = " ".join(lit.nth(i).inner_text() for i in range(lit.count()))
    assert other_id != source_id and there
    assert words[0] in text and words[-1] in text
