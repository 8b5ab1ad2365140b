"""Date claims on a day axis: each origin's date, a month or a season shown as its span.

    date_line(claim, sources, *, compact=False, highlight=None) -> str | None

Inline SVG for a `date` claim (None for other kinds or when no evidence states a date),
drawn by the number line's machinery (`numberline.draw`): the judge already holds a date
as an interval of day ordinals, "January 2020" as its 31 days, so a day is a point, a
month a span, and a tolerance in days a band around each. Ticks fall on days, weeks or
month starts, labelled `5 Jan 2020`.
"""

from __future__ import annotations

from ..model import Claim, Source
from .numberline import Layout, draw
from .scale import date_ticks


def date_line(
    claim: Claim,
    sources: dict[str, Source],
    *,
    compact: bool = False,
    highlight: str | None = None,
) -> str | None:
    """Inline SVG of a date claim's dates per origin, or None."""
    if claim.kind != "date":
        return None
    return draw(
        claim, sources, DATES, compact=compact, highlight=highlight, picture_class=DATE_CLASS
    )


DATES = Layout(("",), date_ticks, lone_half_width=3.0)
DATE_CLASS = "fc-dateline"
