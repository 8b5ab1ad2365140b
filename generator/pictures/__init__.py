"""Pictures of the evidence: what the judge computed, drawn. No MkDocs here.

One function per picture; each takes checked model objects (after `engine.check`) and
returns a string of markup that is safe to insert into a page as it is (every piece of
contributor text in it is escaped; see `markup`), or None when the picture has nothing to
show:

    number_line(claim, sources, *, compact=False, highlight=None) -> str | None
        quantity and tally claims: inline SVG, one row per origin, values, tolerance
        bands, the agreement region (`numberline`).
    date_line(claim, sources, *, compact=False, highlight=None) -> str | None
        date claims: the same on a day axis (`dateline`).
    picture(claim, sources, *, compact=False, highlight=None) -> str | None
        whichever of the above fits the claim's kind, or `quote_diff` for quotes.
    drawing(claim, sources, *, compact=False) -> Drawn | None
        a number or date line drawn once for every source it may be shown for:
        `.svg(highlight)` is `picture(claim, sources, compact=..., highlight=highlight)`.
    quote_diff(claim, sources) -> str | None
        quote claims: an HTML <figure> of the wordings, differences marked (`quote_diff`).
    timeline_entries(pub) -> list[TimelineEntry]
    timeline(pub, url_for, drawn=None) -> str
        every date of the publication, as data and as an HTML <figure> with links
        (`timeline`); `url_for(claim_or_source) -> str` gives each page's address.

`compact=True` is the small version for a source page, beside a cited figure, with the
row of `highlight` (the page's source id) marked. `CSS` is the path of the stylesheet the
pictures need (`pictures.css`, package data): the site includes it.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Claim, Source
from . import dateline, numberline
from .dateline import date_line
from .numberline import Drawn, number_line
from .quote_diff import quote_diff
from .timeline import TimelineEntry, timeline, timeline_entries

CSS = Path(__file__).with_name("pictures.css")

__all__ = [
    "CSS",
    "Drawn",
    "TimelineEntry",
    "date_line",
    "drawing",
    "number_line",
    "picture",
    "quote_diff",
    "timeline",
    "timeline_entries",
]


def picture(
    claim: Claim,
    sources: dict[str, Source],
    *,
    compact: bool = False,
    highlight: str | None = None,
) -> str | None:
    """The picture that fits the claim's kind (a quote's differences are never compact:
    on a source page the quotation itself is already beside it)."""
    if claim.kind in ("quantity", "tally"):
        return number_line(claim, sources, compact=compact, highlight=highlight)
    if claim.kind == "date":
        return date_line(claim, sources, compact=compact, highlight=highlight)
    if claim.kind == "quote" and not compact:
        return quote_diff(claim, sources)
    return None


def drawing(claim: Claim, sources: dict[str, Source], *, compact: bool = False) -> Drawn | None:
    """The number or date line of `claim` drawn once for every source it may be shown for:
    `drawing(...).svg(highlight)` is `picture(..., highlight=highlight)`. None for other
    kinds, or when there is nothing to draw."""
    if claim.kind == "date":
        return numberline.drawing(
            claim, sources, dateline.DATES, compact=compact, picture_class=dateline.DATE_CLASS
        )
    layout = numberline.number_layout(claim)
    if layout is None:
        return None
    return numberline.drawing(claim, sources, layout, compact=compact)
