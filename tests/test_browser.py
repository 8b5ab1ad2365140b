"""The built sites in headless Chromium, as a reader uses them.

The home page filter, a claim page's evidence side by side, the deep link from an excerpt
scrolling to its highlighted passage, search finding a claim by a word of its excerpt, the
dark palette, a phone-sized screen, and no console error anywhere. The hostile site is
browsed too, searched and clicked through: no dialog may ever open.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from generator import engine
from generator.model import Publication

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@cache
def publication() -> Publication:
    return engine.check(ROOT)


class Reader:
    """A browser tab that remembers every console error, page error and dialog."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("dialog", self._dialog)
        page.on("response", self._response)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.errors.append(f"HTTP {response.status}: {response.url}")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


@pytest.fixture
def reader(browser: Any) -> Iterator[Reader]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    tab = Reader(context.new_page())
    tab.page.set_default_timeout(15_000)
    yield tab
    context.close()
    assert not tab.errors, tab.errors
    assert not tab.dialogs, tab.dialogs


def visible_items(page: Any) -> list[str]:
    return list(
        page.eval_on_selector_all(
            ".fc-claim-item", "els => els.filter(e => !e.hidden).map(e => e.dataset.verdict)"
        )
    )


def test_home_page_filters_claims_by_verdict_and_word(reader: Reader, bundled_url: str) -> None:
    page = reader.page
    pub = publication()
    page.goto(bundled_url)
    assert page.locator(".fc-filter").is_visible()
    assert len(visible_items(page)) == len(pub.claims)
    for rating in sorted({c.rating for c in pub.claims if c.rating}):
        page.click(f'.fc-filter__button[data-verdict="{rating}"]')
        expected = sum(1 for c in pub.claims if c.rating == rating)
        assert visible_items(page) == [rating] * expected
        assert (
            page.get_attribute(f'.fc-filter__button[data-verdict="{rating}"]', "aria-pressed")
            == "true"
        )
        assert f"verdict={rating}" in page.url
        assert page.locator(".fc-filter__status").inner_text() == (
            f"Showing {expected} of {len(pub.claims)} claims"
        )
    page.click('.fc-filter__button[data-verdict=""]')
    claim = pub.claims[0]
    word = max(re.findall(r"[A-Za-z]{5,}", claim.claim), key=len)
    page.fill(".fc-filter__search", word.upper())
    shown = page.eval_on_selector_all(
        ".fc-claim-item:not([hidden]) a", "els => els.map(e => e.getAttribute('href'))"
    )
    assert f"claims/{claim.id}/" in shown
    # Shown exactly when the word is in what the reader sees of the claim, in any case.
    matches = page.eval_on_selector_all(
        ".fc-claim-item",
        "(els, w) => els.map(e => [e.hidden, e.textContent.toLowerCase().includes(w)])",
        word.lower(),
    )
    assert all(hidden != found for hidden, found in matches)
    assert sum(found for _, found in matches) < len(pub.claims)
    page.fill(".fc-filter__search", "zzzznotaword")
    assert visible_items(page) == []
    assert page.locator(".fc-claims__none").is_visible()
    # A filtered view can be shared: the verdict is read back from the address.
    page.goto(bundled_url + "?verdict=consistent")
    assert set(visible_items(page)) <= {"consistent"}


def widest_claim(pub: Publication) -> tuple[str, int]:
    def sources(claim: Any) -> int:
        return len({e.source_id for e in claim.evidence})

    claim = max(pub.claims, key=sources)
    return claim.id, sources(claim)


def test_claim_page_shows_evidence_side_by_side(reader: Reader, bundled_url: str) -> None:
    page = reader.page
    claim_id, sources = widest_claim(publication())
    assert sources >= 2
    page.goto(f"{bundled_url}claims/{claim_id}/")
    cards = page.locator(".fc-card")
    assert cards.count() == sources
    boxes = [cards.nth(i).bounding_box() for i in range(sources)]
    assert all(box is not None and box["width"] > 200 for box in boxes)
    tops = sorted(round(box["y"]) for box in boxes if box)
    lefts = {round(box["x"]) for box in boxes if box}
    assert len(lefts) >= 2, "cards are stacked, not side by side"
    assert tops
    assert page.locator(".fc-verdict--computed .fc-badge").is_visible()
    assert_readable(page, dark=False)
    values = page.locator(".fc-card mark.fc-value")
    for i in range(values.count()):
        assert values.nth(i).is_visible()


def test_excerpt_link_scrolls_to_the_highlighted_passage(reader: Reader, bundled_url: str) -> None:
    page = reader.page
    pub = publication()
    # The passage furthest down its source, so landing on it needs a real scroll.
    claim, evidence = max(
        ((c, e) for c in pub.claims for e in c.evidence if e.match),
        key=lambda ce: ce[1].match.start if ce[1].match else 0,
    )
    page.goto(f"{bundled_url}claims/{claim.id}/")
    link = page.locator(f'.fc-card[data-source="{evidence.source_id}"] a.fc-excerpt__link').first
    href = link.get_attribute("href")
    assert href and "#ex-" in href
    link.click()
    page.wait_for_url(re.compile(r"#ex-\d+-\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    target = page.locator(f"#{anchor}")
    page.wait_for_function("() => window.scrollY > 0")
    box = target.bounding_box()
    assert box is not None
    assert 0 <= box["y"] < page.viewport_size["height"]
    assert "fc-passage--current" in (target.get_attribute("class") or "")
    lit = page.eval_on_selector_all(".fc-passage--current", "els => els.map(e => e.textContent)")
    start, end = (int(n) for n in anchor.split("-")[1:])
    assert "".join(lit) == pub.sources[evidence.source_id].text[start:end]


def search(page: Any, query: str) -> None:
    """Type a query into Material's search once its index is loaded, and wait for results."""
    page.click(".md-search__input")
    # A query typed while the worker still builds its index is dropped, not queued.
    page.wait_for_function(
        "() => !/initializ/i.test(document.querySelector('.md-search-result__meta').textContent)"
    )
    # Material reads the query on key events, so it has to be typed, not filled in.
    page.locator(".md-search__input").press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item")


def test_search_finds_a_claim_by_a_word_of_its_excerpt(
    reader: Reader, bundled_url: str, bundled_site: Path
) -> None:
    page = reader.page
    index = json.loads((bundled_site / "search" / "search_index.json").read_text("utf-8"))
    pages_with: dict[str, set[str]] = {}
    for doc in index["docs"]:
        for word in set(re.findall(r"[a-z]{7,}", doc["text"].lower())):
            pages_with.setdefault(word, set()).add(doc["location"].split("#")[0])
    # A rare word of an excerpt, so the claim quoting it ranks among the first results.
    candidates = [
        (len(pages_with.get(word, ())), word, claim.id)
        for claim in publication().claims
        for e in claim.evidence
        for word in re.findall(r"[a-z]{7,}", e.excerpt.lower())
        if f"claims/{claim.id}/" in pages_with.get(word, ())
    ]
    _, word, claim_id = min(candidates)
    page.goto(bundled_url)
    search(page, word)
    hrefs = page.eval_on_selector_all(
        ".md-search-result__link", "els => els.map(e => e.getAttribute('href'))"
    )
    assert any(f"claims/{claim_id}/" in href for href in hrefs), (word, hrefs)


def test_dark_palette_keeps_verdicts_readable(reader: Reader, bundled_url: str) -> None:
    page = reader.page
    page.goto(bundled_url)
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    badge = ".fc-claim-item .fc-badge"
    light = page.eval_on_selector(badge, "e => getComputedStyle(e).backgroundColor")
    page.click('label[for="__palette_1"]')
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    dark = page.eval_on_selector(badge, "e => getComputedStyle(e).backgroundColor")
    assert luminance(background) < 0.2, background
    assert dark != light
    # The choice sticks on the next page, and the badge still says its verdict in words.
    page.goto(f"{bundled_url}claims/")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    assert page.locator(".fc-claim-item .fc-badge").first.inner_text().strip()
    # Evidence cards, figures and badges keep readable contrast on the dark palette.
    claim_id, _ = widest_claim(publication())
    page.goto(f"{bundled_url}claims/{claim_id}/")
    assert_readable(page, dark=True)


READABLE = (".fc-card", ".fc-excerpt__text", "mark.fc-value", ".fc-badge", ".fc-card__meta")


def assert_readable(page: Any, dark: bool) -> None:
    """Every verdict badge, card and figure on the page has WCAG AA contrast."""
    for selector in READABLE:
        # Each element's colour, then the backgrounds behind it up to the first opaque one.
        layers = page.eval_on_selector_all(
            selector,
            r"""els => els.map(e => {
                const out = [getComputedStyle(e).color];
                for (let b = e; b; b = b.parentElement) {
                    const bg = getComputedStyle(b).backgroundColor;
                    if (bg !== 'rgba(0, 0, 0, 0)') out.push(bg);
                    if (/^rgb\(/.test(bg)) break;
                }
                return out;
            })""",
        )
        assert layers, selector
        for fg, *behind in layers:
            bg = (255.0, 255.0, 255.0)
            for layer in reversed(behind):
                bg = over(rgba(layer), bg)
            if dark and selector == ".fc-card":
                assert luminance(bg) < 0.35, (selector, bg)
            assert contrast(over(rgba(fg), bg), bg) >= 4.5, (selector, fg, behind)


Rgb = tuple[float, float, float]


def rgba(css: str) -> tuple[float, float, float, float]:
    parts = [float(n) for n in re.findall(r"[\d.]+", css)]
    return (parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0)


def over(colour: tuple[float, float, float, float], behind: Rgb) -> Rgb:
    r, g, b, a = colour
    return (r * a + behind[0] * (1 - a), g * a + behind[1] * (1 - a), b * a + behind[2] * (1 - a))


def luminance(colour: Rgb | str) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""
    rgb = over(rgba(colour), (255.0, 255.0, 255.0)) if isinstance(colour, str) else colour

    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Rgb, b: Rgb) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_pages_fit_a_phone_screen(browser: Any, bundled_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    claim_id, _ = widest_claim(publication())
    source_id = next(iter(publication().sources))
    try:
        for path in ("", f"claims/{claim_id}/", f"sources/{source_id}/", "claims/", "sources/"):
            page.goto(bundled_url + path)
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 1, f"{path or 'home'} is {overflow}px wider than the screen"
    finally:
        context.close()


def test_hostile_site_never_opens_a_dialog(
    reader: Reader, hostile_url: str, hostile_site: Path
) -> None:
    page = reader.page
    # Every page the site has, the 404 page included.
    for path in sorted(hostile_site.rglob("*.html")):
        page.goto(
            hostile_url + path.relative_to(hostile_site).as_posix().removesuffix("index.html")
        )
        page.mouse.move(300, 300)
        for link in page.locator("article a").all()[:30]:
            link.hover(force=True)
        page.wait_for_timeout(100)
    page.goto(hostile_url)
    search(page, "script")  # results whose titles carry the payloads
    page.wait_for_timeout(300)
    page.keyboard.press("Escape")
    page.fill(".fc-filter__search", "script")
    page.wait_for_timeout(100)
    assert not reader.dialogs
    # The payloads' own broken images ("<img src=x ...>") are the only missing files.
    missing = [e for e in reader.errors if e.startswith("HTTP")]
    assert missing and all(e.startswith("HTTP 404") and e.endswith("/x") for e in missing)
    reader.errors = [e for e in reader.errors if "404" not in e]


def test_the_filter_of_a_paginated_listing_covers_every_claim(
    reader: Reader, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from bench_corpus import realistic, site
    from conftest import _serve, build_site

    from generator.engine import check

    root = tmp_path_factory.mktemp("paged")
    realistic(root, 230, 46, 3)
    site(root)
    url = _serve(build_site(root, root / "site"))
    claims = check(root).claims
    conflicting = sorted(c.id for c in claims if c.verdict and c.verdict.rating == "conflicting")
    assert 100 < len(conflicting) < 230
    page = reader.page
    page.goto(url + "claims/page/2/?verdict=conflicting")
    status = f"Showing {len(conflicting)} of 230 claims"
    page.wait_for_function(
        "s => document.querySelector('.fc-filter__status').textContent === s", arg=status
    )
    assert visible_items(page) == ["conflicting"] * len(conflicting)
    hrefs = page.eval_on_selector_all(
        ".fc-claim-item:not([hidden]) .fc-claim-item__text", "els => els.map(e => e.href)"
    )
    assert sorted(h.rstrip("/").rsplit("/", 1)[1] for h in hrefs) == conflicting
    assert not page.locator(".fc-pager").is_visible()  # every claim is on this page now
    page.click(".fc-claim-item:not([hidden]) .fc-claim-item__text >> nth=0")
    # the click starts a navigation; wait for the claim page rather than racing it
    page.wait_for_url(re.compile(r"/claims/claim-\d+/$"))
    page.locator("h1.fc-claim__text").wait_for(state="visible")  # links still lead to claims
    # A topic every claim carries is paginated the same way, and filtered as a whole.
    page.goto(url + "tags/generated/page/2/?verdict=conflicting")
    page.wait_for_function(
        "s => document.querySelector('.fc-filter__status').textContent === s", arg=status
    )
    assert visible_items(page) == ["conflicting"] * len(conflicting)
