"""The pictures of the evidence (`generator.pictures`) as the site's pages show them.

    claim_picture(claim, sources) -> Markup | None
        under a claim's verdict: the number line, date line or quotation differences, full
        size, with the chart's description also written out under it;
    cited_pictures(source_id, claims, sources, href, drawings=None) -> tuple[CitedPicture, ...]
        on a source page: the small picture of each claim citing a figure of the source,
        the source's own row marked, each linking to its claim;
    timeline_html(pub, claims, sources, url_for, drawn=None) -> Markup
        the publication's timeline (every dated claim, every publication date), linked.

`generator.pictures` escapes every piece of contributor text it draws and drops links that
are not relative or http(s), so its markup is trusted here as it is: this module is the one
place it becomes `Markup`.
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from .. import pictures
from ..model import Claim, Publication, Rating, Source
from ..pictures.timeline import Drawn as TimelineDrawn
from ..pictures.timeline import UrlFor
from .highlight import fill
from .labels import rating_of
from .sanitize import plain_text

# The chart's <desc>, written out as well: a reader who cannot make out the chart (a
# phone, a print in black and white, a reader unused to charts) reads it in words. Screen
# readers already hear it from the SVG's own description, so they are spared it twice.
_CHART = Markup(
    '<figure class="fc-chart">{svg}'
    '<figcaption class="fc-chart__words" aria-hidden="true">{words}</figcaption></figure>'
)
_SVG_DESC = "{http://www.w3.org/2000/svg}desc"
# An <svg> opening with its <title> and <desc> (attribute values quoted, no markup in
# either text): the text of the <desc>.
_DESC = re.compile(
    r'<svg xmlns="http://www\.w3\.org/2000/svg"[^<>]*>'
    r"<title(?: [^<>]*)?>[^<]*</title><desc(?: [^<>]*)?>([^<]*)</desc>"
)


@dataclass(frozen=True)
class CitedPicture:
    """One citing claim's small picture, on a source page."""

    claim_id: str
    text: str  # the claim, plain text
    href: str  # the claim's page, relative to the source page
    rating: Rating
    svg: Markup  # the compact picture, the page's source marked
    description: str  # what the picture shows, in words


def claim_picture(claim: Claim, sources: dict[str, Source]) -> Markup | None:
    """The full-size picture of `claim` with its description, or None (a text claim, or
    nothing to draw)."""
    drawn = pictures.picture(_shown(claim, sources), sources)
    if drawn is None:
        return None
    if claim.kind == "quote":
        return Markup(drawn)  # a <figure> of words, captioned by itself
    return fill(_CHART, svg=Markup(drawn), words=description(drawn))


def cited_pictures(
    source_id: str,
    claims: Sequence[Claim],
    sources: dict[str, Source],
    href: Callable[[Claim], str],
    drawings: Drawings | None = None,
) -> tuple[CitedPicture, ...]:
    """The compact picture of each of `claims` (those citing `source_id`, in order) that
    has one; quotations have none (the words are beside them in the snapshot already).
    `drawings`, shared by the source pages of one build, draws each claim once."""
    drawings = Drawings(sources) if drawings is None else drawings
    out = []
    for claim in claims:
        drawn = drawings.of(claim)
        if drawn is None:
            continue
        svg = drawn.svg(source_id)
        out.append(
            CitedPicture(
                claim.id,
                plain_text(claim.claim) or claim.id,
                href(claim),
                rating_of(claim),
                Markup(svg),
                description(svg),
            )
        )
    return tuple(out)


class Drawings:
    """Each claim's compact picture, drawn once for all the source pages showing it."""

    def __init__(self, sources: dict[str, Source]) -> None:
        self.sources = sources
        self._drawn: dict[int, tuple[Claim, pictures.Drawn | None]] = {}

    def of(self, claim: Claim) -> pictures.Drawn | None:
        known = self._drawn.get(id(claim))
        if known is not None and known[0] is claim:  # the claim is held: its id is its own
            return known[1]
        drawn = pictures.drawing(_shown(claim, self.sources), self.sources, compact=True)
        self._drawn[id(claim)] = (claim, drawn)
        return drawn


def timeline_html(
    pub: Publication,
    claims: Sequence[Claim],
    sources: dict[str, Source],
    url_for: UrlFor,
    drawn: TimelineDrawn | None = None,
) -> Markup:
    """The timeline of the claims and sources shown (refused files left out), linked by
    `url_for` (a Claim or Source -> its page, relative to the timeline page); `drawn`
    keeps its rows' markup for the next time (see `pictures.timeline`)."""
    shown = Publication(pub.root, sources, list(claims), pub.problems)
    return Markup(pictures.timeline(shown, url_for, drawn))


def _shown(claim: Claim, sources: dict[str, Source]) -> Claim:
    """`claim` with only the evidence of `sources` (the published ones): a source refused
    for the site (behind a symlink) is neither named nor drawn."""
    if all(e.source_id in sources for e in claim.evidence):
        return claim
    verdict = claim.verdict
    if verdict is not None:
        origins = tuple(tuple(s for s in group if s in sources) for group in verdict.origins)
        verdict = dataclasses.replace(verdict, origins=tuple(g for g in origins if g))
    evidence = [e for e in claim.evidence if e.source_id in sources]
    return dataclasses.replace(claim, evidence=evidence, verdict=verdict)


def description(svg: str) -> str:
    """The text of a picture's `<desc>` (what the chart says in words), or ""."""
    # The pictures write their <desc> right after the <title>, as text with &, < and >
    # escaped: read straight from the markup, not by parsing every element of it.
    found = _DESC.match(svg)
    if found is None or "&" in found.group(1).replace("&amp;", "").replace("&lt;", "").replace(
        "&gt;", ""
    ):
        node = ET.fromstring(svg).find(_SVG_DESC)
        return "" if node is None or node.text is None else node.text
    text = found.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as an XML parser reads it
