"""The publication's timeline: every date its claims give and every source's publication date.

    timeline_entries(pub) -> list[TimelineEntry]        # the data, in date order
    timeline(pub, url_for) -> str                        # an HTML <figure>

`url_for(item)` is given a Claim or a Source and returns the address of its page (the
MkDocs plugin supplies it, relative to the timeline page); addresses that are not
relative or http(s) are dropped, not linked.

Each entry is one date: a distinct date a `date` claim's evidence gives (with the sources
giving it; a month stays a span of its days, as the judge holds it), or the `published`
date of a source. The figure is a day-axis chart, one row per entry, marks for claims
filled and for publications hollow, and under it the same entries as a list of links
in date order: the chart is for the eye (`role="img"`, its `<desc>` says what it holds),
the list for reading, keyboards and screen readers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .. import prose
from ..model import Claim, Publication, Source
from .markup import SVG_NS, el, safe_url, sub, tail, to_parts, to_string, uid
from .numberline import draw_axis, source_name
from .scale import Scale, date_ticks, domain, long_date

UrlFor = Callable[[Claim | Source], str]

_WIDTH = 400.0
_MARGIN = 14.0
_ROW = 32.0
_LABEL_MAX = 42  # what fits a phone's width at the stylesheet's 15px (see numberline)


@dataclass(frozen=True)
class TimelineEntry:
    """One date on the timeline."""

    start: dt.date
    end: dt.date  # the same as start for a single day
    what: Literal["claim", "published"]
    label: str  # the claim's sentence, or the source's outlet or title
    detail: str  # who gives the date, or "published"
    claim: Claim | None
    source: Source | None


def timeline_entries(pub: Publication) -> list[TimelineEntry]:
    """Every date of the publication, earliest first; a claim's entries before a
    publication's on the same day, then in claim and source order."""
    entries: list[tuple[tuple[int, int, int, int], TimelineEntry]] = []
    for n, claim in enumerate(pub.claims):
        if claim.kind != "date":
            continue
        by_value: dict[tuple[int, int], list[str]] = {}
        for e in claim.evidence:
            if e.value is None or not e.value.intervals:
                continue
            iv = e.value.intervals[0]
            if iv.low is None or iv.high is None:
                continue  # an open-ended date ("before 2020") has no place on a day axis
            key = (int(iv.low), int(iv.high))
            names = by_value.setdefault(key, [])
            name = source_name(e.source_id, pub.sources)
            if name not in names:
                names.append(name)
        for (low, high), names in by_value.items():
            entry = TimelineEntry(
                dt.date.fromordinal(low),
                dt.date.fromordinal(high),
                "claim",
                claim.claim,
                "according to " + prose.join(names),
                claim,
                None,
            )
            entries.append(((low, 0, n, high), entry))
    for n, source in enumerate(pub.sources.values()):
        if source.published is None:
            continue
        day = source.published.toordinal()
        entry = TimelineEntry(
            source.published,
            source.published,
            "published",
            source.outlet or source.title,
            "published",
            None,
            source,
        )
        entries.append(((day, 1, n, day), entry))
    return [entry for _, entry in sorted(entries, key=lambda pair: pair[0])]


# Markup of one row of the chart or one item of the list, by everything it is drawn from:
# under `serve`, a timeline drawn again after one edit draws only what the edit changed.
Drawn = dict[tuple[object, ...], str]


def timeline(pub: Publication, url_for: UrlFor, drawn: Drawn | None = None) -> str:
    """The timeline figure: the chart and the list of linked entries (see module doc).
    `drawn`, when given, keeps each row's and item's markup for the next call."""
    entries = timeline_entries(pub)
    ident = uid("timeline")
    figure = el("figure", {"class": "fc-picture fc-timeline", "aria-labelledby": f"{ident}-c"})
    if not entries:
        sub(figure, "figcaption", {"id": f"{ident}-c"}, "No claim or source gives a date yet.")
        return to_string(figure)
    sub(
        figure,
        "figcaption",
        {"id": f"{ident}-c"},
        "Every date the claims give, and when each source was published.",
    )
    known: Drawn = {} if drawn is None else drawn
    now: Drawn = {}
    head, children, end = to_parts(figure)
    chart = _chart(entries, ident, known, now)
    items = [_item(entry, url_for, known, now) for entry in entries]
    if drawn is not None:
        drawn.clear()
        drawn.update(now)
    listing = '<ol class="fc-timeline-list">' + "".join(items) + "</ol>"
    return head + "".join(children) + chart + listing + end


def _item(entry: TimelineEntry, url_for: UrlFor, known: Drawn, now: Drawn) -> str:
    target = entry.claim if entry.claim is not None else entry.source
    assert target is not None
    href = safe_url(url_for(target))
    key = ("item", entry.start, entry.end, entry.what, entry.label, entry.detail, href)
    markup = known.get(key)
    if markup is None:
        item = el("li", {"class": f"fc-event fc-event-{entry.what}"})
        last = sub(item, "time", {"datetime": entry.start.isoformat()}, long_date(entry.start))
        if entry.end != entry.start:
            tail(last, " to ")
            last = sub(item, "time", {"datetime": entry.end.isoformat()}, long_date(entry.end))
        tail(last, " ")
        if href is None:
            last = sub(item, "span", {"class": "fc-event-label"}, entry.label)
        else:
            last = sub(item, "a", {"class": "fc-event-label", "href": href}, entry.label)
        tail(last, f" ({entry.detail})")
        markup = to_string(item)
    now[key] = markup
    return markup


def _chart(entries: list[TimelineEntry], ident: str, known: Drawn, now: Drawn) -> str:
    low, high = domain(
        [float(d.toordinal()) for e in entries for d in (e.start, e.end)], lone_half_width=3.0
    )
    scale = Scale(low, high, _MARGIN, _WIDTH - _MARGIN)
    axis_y = 4 + _ROW * len(entries) + 2
    height = axis_y + 22
    svg = el(
        "svg",
        {
            "xmlns": SVG_NS,
            "class": "fc-picture fc-timeline-chart",
            "viewBox": f"0 0 {_WIDTH:g} {height:g}",
            "width": "100%",
            "role": "img",
            "aria-labelledby": f"{ident}-t {ident}-d",
        },
    )
    sub(svg, "title", {"id": f"{ident}-t"}, "Timeline of the publication's dates")
    sub(
        svg,
        "desc",
        {"id": f"{ident}-d"},
        "; ".join(f"{_when(e)}: {e.label} ({e.detail})" for e in entries) + ".",
    )
    rows = [_row(i, entry, scale, known, now) for i, entry in enumerate(entries)]
    draw_axis(svg, scale, date_ticks(scale.low, scale.high), axis_y)
    head, children, end = to_parts(svg)
    # The title and desc, the rows, then the axis: in the order they are drawn.
    return head + "".join(children[:2]) + "".join(rows) + "".join(children[2:]) + end


def _row(i: int, entry: TimelineEntry, scale: Scale, known: Drawn, now: Drawn) -> str:
    key = ("row", i, entry.start, entry.end, entry.what, entry.label, scale.low, scale.high)
    markup = known.get(key)
    if markup is None:
        y = 4 + i * _ROW
        row = el("g", {"class": f"fc-row fc-event-{entry.what}", "data-date": _iso(entry)})
        sub(row, "text", {"class": "fc-label", "x": _MARGIN, "y": y + 13}, _clip(entry.label))
        cy = y + 23
        x0 = scale.x(entry.start.toordinal())
        if entry.end == entry.start:
            sub(row, "circle", {"class": "fc-mark fc-point", "cx": x0, "cy": cy, "r": 4})
        else:
            x1 = scale.x(entry.end.toordinal())
            sub(
                row,
                "rect",
                {"class": "fc-mark fc-range", "x": x0, "y": cy - 3, "width": x1 - x0, "height": 6},
            )
        markup = to_string(row)
    now[key] = markup
    return markup


def _when(entry: TimelineEntry) -> str:
    if entry.end == entry.start:
        return long_date(entry.start)
    return f"{long_date(entry.start)} to {long_date(entry.end)}"


def _iso(entry: TimelineEntry) -> str:
    if entry.end == entry.start:
        return entry.start.isoformat()
    # An ISO 8601 interval (start/end), for a span such as a month.
    return f"{entry.start.isoformat()}/{entry.end.isoformat()}"


def _clip(text: str) -> str:
    return text if len(text) <= _LABEL_MAX else text[: _LABEL_MAX - 1].rstrip() + "…"
