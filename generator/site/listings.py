"""What the claim listings show, in what order, and the pages built from them: the home
page and `/claims/` lists, one page per topic tag, and the corrections log.

A listing shows, counts and filters claims by the publication's verdict (`Claim.rating`:
the editors' where they give one). Where the editors differ from the computed check, the
computed one is shown beside it, small, so a reader sees the disagreement without it
competing with the headline.

Everything here is plain data for templates; a page that delivers the list differently (in
pages, from an index) reuses `claim_list` and `sort_claims` rather than re-deciding them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..model import Claim, Rating
from .labels import ORDER, kind_label, tag_label
from .sanitize import markdown, plain_text
from .urls import claim_uri

if TYPE_CHECKING:  # contexts imports this module
    from .contexts import Links

# What a reader scans a fact-check listing for first: where the sources disagree.
DISPUTED: tuple[Rating, ...] = ("conflicting", "minor-discrepancy")


def tag_uri(tag: str) -> str:
    """The page listing the claims of one topic tag (tags are lower-case slugs)."""
    return f"tags/{tag}.md"


def listed_rating(claim: Claim) -> Rating:
    """The verdict a claim is listed, counted and filtered by: the publication's."""
    return claim.rating or "unverified"


def sort_claims(claims: Sequence[Claim]) -> list[Claim]:
    """Conflicting claims first, then minor discrepancies, then the rest; within each, by
    topic (the first tag; untagged last), then by the claim's words, then id."""

    def key(claim: Claim) -> tuple[int, int, str, str, str]:
        rating = listed_rating(claim)
        group = DISPUTED.index(rating) if rating in DISPUTED else len(DISPUTED)
        topic = claim.tags[0] if claim.tags else ""
        return (group, not claim.tags, topic, plain_text(claim.claim).casefold(), claim.id)

    return sorted(claims, key=key)


@dataclass(frozen=True)
class Tag:
    slug: str
    label: str  # as a reader reads it: `us presence`
    href: str


@dataclass(frozen=True)
class ClaimItem:
    id: str
    rating: Rating  # the publication's verdict: what the item is badged, counted and filtered by
    text: str  # plain text of the claim
    href: str
    kind: str
    tags: tuple[Tag, ...]
    computed: Rating | None  # the engine's check, shown small only where the editors differ
    editorial: bool = False  # the rating is the editors' own

    @property
    def tag_slugs(self) -> str:
        return " ".join(t.slug for t in self.tags)


@dataclass(frozen=True)
class ClaimList:
    items: tuple[ClaimItem, ...]
    counts: tuple[tuple[Rating, int], ...]  # verdicts present, most telling first
    heading: str = "Claims"
    whole: int | None = None  # one page of a listing: the claims of all its pages

    @property
    def total(self) -> int:
        """The claims the counts count: this list's, or every page's (`whole`)."""
        return len(self.items) if self.whole is None else self.whole


def claim_list(
    claims: Sequence[Claim],
    links: Links,
    heading: str = "Claims",
    item: Callable[[Claim, Callable[[Claim], ClaimItem]], ClaimItem] | None = None,
) -> ClaimList:
    """`claims` as a reader wants them listed (see `sort_claims`), with links from `links`.
    `item`, when given, is asked for each entry with the function that makes it (a caller
    may hand back the entry it made for the same claim and links before)."""
    listed = sort_claims(claims)
    counts = Counter(listed_rating(c) for c in listed)

    def make(claim: Claim) -> ClaimItem:
        computed = claim.verdict.rating if claim.verdict else None
        return ClaimItem(
            id=claim.id,
            rating=listed_rating(claim),
            text=plain_text(claim.claim) or claim.id,
            href=links.to(claim_uri(claim.id)),
            kind=kind_label(claim),
            tags=tuple(Tag(t, tag_label(t), links.to(tag_uri(t))) for t in claim.tags),
            computed=computed if claim.agreement == "differs" else None,
            editorial=claim.editorial is not None,
        )

    items = [make(c) if item is None else item(c, make) for c in listed]
    return ClaimList(tuple(items), tuple((r, counts[r]) for r in ORDER if counts[r]), heading)


def tags_of(claims: Sequence[Claim]) -> list[str]:
    """Every tag some claim carries, alphabetically."""
    return sorted({t for c in claims for t in c.tags})


@dataclass(frozen=True)
class TagPage:
    tag: Tag
    list: ClaimList  # the claims tagged shown on this page, with the counts of all of them
    all_href: str  # the listing of every claim
    others: tuple[Tag, ...]  # the other topics, to browse on


def by_topic(full: ClaimList) -> dict[str, ClaimList]:
    """Each tag's entries of `full` (in its order), counted, in one pass over `full`."""
    items: dict[str, list[ClaimItem]] = {}
    for item in full.items:
        for tag in dict.fromkeys(t.slug for t in item.tags):
            items.setdefault(tag, []).append(item)
    out = {}
    for tag, tagged in items.items():
        counts = Counter(i.rating for i in tagged)
        heading = f"Claims tagged “{tag_label(tag)}”"
        out[tag] = ClaimList(
            tuple(tagged), tuple((r, counts[r]) for r in ORDER if counts[r]), heading
        )
    return out


def tag_page(
    shown: ClaimList, tag: str, tags: Sequence[str], links: Links, all_claims: str
) -> TagPage:
    """A page of one topic: `shown` (its claims on this page, see `by_topic`), filterable
    like the full list, and links to every other topic in `tags`."""
    return TagPage(
        tag=Tag(tag, tag_label(tag), links.to(tag_uri(tag))),
        list=shown,
        all_href=links.to(all_claims),
        others=tuple(Tag(t, tag_label(t), links.to(tag_uri(t))) for t in tags if t != tag),
    )


# --- the corrections log ---


@dataclass(frozen=True)
class CorrectionEntry:
    date: str  # ISO date
    claim: str  # the claim's plain text
    href: str
    text: Markup  # the correction, rendered and cleaned Markdown


@dataclass(frozen=True)
class CorrectionsLog:
    entries: tuple[CorrectionEntry, ...]  # newest first


def corrections_log(claims: Sequence[Claim], links: Links) -> CorrectionsLog:
    """Every correction of every claim, newest first; corrections of one day in the order
    of their claims' listing, and a claim's own in the order its file gives them."""
    entries: list[tuple[int, int, int, CorrectionEntry]] = []
    for position, claim in enumerate(sort_claims(claims)):
        for n, correction in enumerate(claim.corrections):
            entry = CorrectionEntry(
                date=correction.date.isoformat(),
                claim=plain_text(claim.claim) or claim.id,
                href=links.to(claim_uri(claim.id)),
                text=markdown(correction.text),
            )
            entries.append((-correction.date.toordinal(), position, n, entry))
    entries.sort(key=lambda e: e[:3])
    return CorrectionsLog(tuple(e[3] for e in entries))
