"""How the claim listings are delivered: in pages of a bounded size, and as a digest.

A publication of thousands of claims must not put every claim on one page: the claims
listing is cut into pages (`/claims/`, `/claims/page/2/`, ...), and so is each topic's
(`/tags/<tag>/`, `/tags/<tag>/page/2/`, ...), that link to each other, so
every claim is reachable without script; the filter's script fetches the other pages on
first use, so filtering covers every claim. The home page shows a digest: the counts per
verdict and the most telling claims, with a link to the full listing. What a list item
shows and the listing's order are `contexts.claim_list`'s; this module only slices it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Rating
from .contexts import Links
from .labels import ORDER
from .listings import ClaimItem, ClaimList, Tag, tag_uri
from .urls import CLAIMS_INDEX, claim_uri

PAGE_SIZE = 100  # claims per listing page: ~60 KB of list, whatever the publication's size
DIGEST_SIZE = 50  # claims on the home page: all of a small publication


def listing_uri(number: int) -> str:
    """The src_uri of page `number` (1-based) of the claims listing."""
    return CLAIMS_INDEX if number == 1 else f"claims/page/{number}.md"


def tag_listing_uri(tag: str, number: int) -> str:
    """The src_uri of page `number` (1-based) of the claims tagged `tag`."""
    return tag_uri(tag) if number == 1 else f"tags/{tag}/page/{number}.md"


def is_listing_uri(src_uri: str) -> bool:
    """Whether `src_uri` is a page of the claims listing."""
    return src_uri == CLAIMS_INDEX or src_uri.startswith("claims/page/")


@dataclass(frozen=True)
class PageLink:
    number: int
    href: str
    current: bool


@dataclass(frozen=True)
class Pager:
    """Where one page of the claims listing is among the others."""

    number: int  # 1-based
    first: int  # 1-based position of its first claim in the whole listing
    last: int
    total: int  # claims in the whole listing
    pages: tuple[PageLink, ...]
    previous: str | None
    next: str | None

    @property
    def count(self) -> int:
        return len(self.pages)


def pages_of(full: ClaimList, size: int = PAGE_SIZE) -> int:
    """How many listing pages `full` takes (at least one, even when empty)."""
    return max(1, -(-len(full.items) // size))


def paginate(
    full: ClaimList,
    links: Links,
    number: int,
    size: int = PAGE_SIZE,
    uri: Callable[[int], str] = listing_uri,
) -> tuple[ClaimList, Pager]:
    """Page `number` of the listing `full` (whose pages are `uri(1)`, `uri(2)`...), seen
    from that page (`links`): its items, with the counts of the whole listing (the filter
    covers every claim), and its pager."""
    count = pages_of(full, size)
    start = (number - 1) * size
    items = full.items[start : start + size]
    hrefs = [links.to(uri(n)) for n in range(1, count + 1)]
    pager = Pager(
        number=number,
        first=start + 1 if items else 0,
        last=start + len(items),
        total=len(full.items),
        pages=tuple(PageLink(n, h, n == number) for n, h in enumerate(hrefs, 1)),
        previous=hrefs[number - 2] if number > 1 else None,
        next=hrefs[number] if number < count else None,
    )
    return dataclasses.replace(full, items=items, whole=len(full.items)), pager


def rebase(
    shown: ClaimList,
    links: Links,
    again: Callable[[ClaimItem, Callable[[ClaimItem], ClaimItem]], ClaimItem] | None = None,
) -> ClaimList:
    """`shown` with each item's link made from the page `links` is for. `again`, when
    given, is asked for each item with the function that re-bases it (a caller may hand
    back what it made of the same item for the same page before)."""

    tags: dict[Tag, Tag] = {}  # a page's items carry the same few tags: each linked once

    def tag(t: Tag) -> Tag:
        linked = tags.get(t)
        if linked is None:
            linked = tags[t] = dataclasses.replace(t, href=links.to(tag_uri(t.slug)))
        return linked

    def make(i: ClaimItem) -> ClaimItem:
        return dataclasses.replace(
            i, href=links.to(claim_uri(i.id)), tags=tuple(tag(t) for t in i.tags)
        )

    items = tuple(make(i) if again is None else again(i, make) for i in shown.items)
    return dataclasses.replace(shown, items=items)


@dataclass(frozen=True)
class Digest:
    """The home page's share of the claims: counts for all, items for the most telling."""

    list: ClaimList  # the claims shown, with their own counts (the filter covers them)
    counts: tuple[tuple[Rating, int], ...]  # per verdict, of every claim, most telling first
    total: int
    listing_href: str  # the full listing

    @property
    def shown(self) -> int:
        return len(self.list.items)


def digest(full: ClaimList, links: Links, size: int = DIGEST_SIZE) -> Digest:
    """The `size` most telling claims of `full` (conflicting first; the listing's order
    within a verdict) and the counts of every verdict."""
    rank = {r: i for i, r in enumerate(ORDER)}
    items = tuple(sorted(full.items, key=lambda item: rank[item.rating])[:size])
    counts = tuple((r, n) for r in ORDER if (n := sum(item.rating == r for item in items)))
    return Digest(
        list=dataclasses.replace(full, items=items, counts=counts),
        counts=full.counts,
        total=len(full.items),
        listing_href=links.to(CLAIMS_INDEX),
    )
