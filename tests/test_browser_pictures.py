"""The pictures in headless Chromium: drawn in both palettes, readable on a phone.

Each page with a picture (a quantity, a tally, a date and a quotation claim, a source page,
the timeline) is opened in the light and the dark palette, chosen both by the reader's
system (`prefers-color-scheme`) and by Material's palette toggle: no console error, every
chart has a size, and its labels keep readable contrast on the page's background. At 390 px
wide no chart makes the page scroll sideways, no chart text runs outside the content, and
chart text is no smaller than 11 px.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from test_browser import Reader, contrast, over, rgba

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = (
    "claims/us-troops-in-iraq/",  # quantity, minor discrepancy
    "claims/parliament-vote-170-0/",  # tally
    "claims/parliament-vote-date/",  # date
    "claims/skies-land-sovereignty-quote/",  # the quotation's changed words
    "sources/alwaght/",  # small pictures beside the cited figures
    "timeline/",
)


@pytest.fixture(params=["light", "dark"])
def scheme_reader(request: pytest.FixtureRequest, browser: Any) -> Iterator[Reader]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=request.param
    )
    tab = Reader(context.new_page())
    tab.page.set_default_timeout(15_000)
    yield tab
    context.close()
    assert not tab.errors, tab.errors


CHART_STATE = r"""() => {
    const bg = getComputedStyle(document.body).backgroundColor;
    return [...document.querySelectorAll('svg.fc-picture')].map(svg => {
        const box = svg.getBoundingClientRect();
        const label = svg.querySelector('.fc-label, .fc-tick text');
        return {
            width: box.width, height: box.height, bg,
            fill: label ? getComputedStyle(label).fill : null,
        };
    });
}"""


def assert_charts_readable(page: Any, path: str) -> list[str]:
    charts = page.evaluate(CHART_STATE)
    fills = []
    for chart in charts:
        assert chart["width"] > 150 and chart["height"] > 20, (path, chart)
        if chart["fill"] is not None:
            bg = over(rgba(chart["bg"]), (255.0, 255.0, 255.0))
            # Labels are drawn in the text colour, at full opacity: AA contrast.
            assert contrast(over(rgba(chart["fill"]), bg), bg) >= 4.5, (path, chart)
            fills.append(chart["fill"])
    return fills


def test_pictures_render_in_the_readers_palette(
    scheme_reader: Reader, bundled_url: str, request: pytest.FixtureRequest
) -> None:
    page = scheme_reader.page
    dark = "dark" in request.node.callspec.id
    for path in PAGES:
        page.goto(bundled_url + path)
        scheme = page.get_attribute("body", "data-md-color-scheme")
        assert scheme == ("slate" if dark else "default"), path
        if "quote" in path:
            assert page.locator(".fc-quote-diff del").count() >= 3
            assert page.locator(".fc-quote-diff ins").count() >= 2
            continue
        assert page.locator("svg.fc-picture").count() >= 1, path
        assert_charts_readable(page, path)


def test_pictures_follow_materials_palette_toggle(reader: Reader, bundled_url: str) -> None:
    page = reader.page
    page.goto(bundled_url + PAGES[0])
    light = assert_charts_readable(page, PAGES[0])
    page.click('label[for="__palette_1"]')
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    dark = assert_charts_readable(page, PAGES[0])
    assert light and dark and light != dark
    # The agreement region keeps its verdict colour, readable on the dark page too.
    region = page.eval_on_selector(".fc-agree-region", "e => getComputedStyle(e).fill")
    assert rgba(region)[:3] != (255.0, 241.0, 204.0), region  # not the light palette's


@pytest.fixture
def reader(browser: Any) -> Iterator[Reader]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    tab = Reader(context.new_page())
    tab.page.set_default_timeout(15_000)
    yield tab
    context.close()
    assert not tab.errors, tab.errors


PHONE_TEXT = r"""() => {
    const out = [];
    for (const svg of document.querySelectorAll('svg.fc-picture')) {
        const content = svg.closest('article, .md-content') || document.body;
        const area = content.getBoundingClientRect();
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        for (const text of svg.querySelectorAll('text')) {
            const box = text.getBoundingClientRect();
            out.push({
                text: text.textContent, left: box.left, right: box.right,
                areaLeft: area.left, areaRight: area.right, screen: window.innerWidth,
                px: parseFloat(getComputedStyle(text).fontSize) * scale,
            });
        }
    }
    return out;
}"""


def test_pictures_fit_and_read_on_a_phone(browser: Any, bundled_url: str) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, device_scale_factor=2
    )
    page = context.new_page()
    try:
        for path in PAGES:
            page.goto(bundled_url + path)
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 1, f"{path} is {overflow}px wider than the screen"
            texts = page.evaluate(PHONE_TEXT)
            assert texts or "quote" in path, path
            for t in texts:
                assert t["left"] >= t["areaLeft"] - 1 and t["right"] <= t["areaRight"] + 1, (
                    path,
                    t,
                )
                assert t["right"] <= t["screen"], (path, t)
                assert t["px"] >= 11, (path, t)
    finally:
        context.close()
