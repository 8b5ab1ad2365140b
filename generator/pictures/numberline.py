"""The number line: each origin's figure on one axis, with the tolerance and the agreement.

    number_line(claim, sources, *, compact=False, highlight=None) -> str | None

returns inline SVG markup for a `quantity` or `tally` claim (None for other kinds, or
when no evidence states a value). `date_line` (see `dateline`) draws date claims with the
same machinery on a day axis.

What the picture shows, and how it follows the judge (`generator.verdicts`):

- one row per origin (`verdict.origins`: relays of one report share a row), labelled with
  the outlet, or the title, of its source(s); a tally has two sub-rows per origin, the
  votes for and against, each drawn as a bar from zero;
- each value as the judge sees it, an interval: a point, a range, or a half-open bound
  drawn to the edge of the picture with an arrow (an excluded end is a hollow circle);
  an approximate figure ("about 5,000") is a point with a hatched halo, since the judge
  does not widen it either;
- the tolerance band around each value: the interval widened by the claim's tolerance
  with the judge's own `_widen`, so the band ends exactly where the judge stops counting
  a difference as minor;
- the agreement region, a highlight across all rows where every value (class
  `fc-agree-exact`) or every band (`fc-agree-tolerance`) shares a point, decided by the
  judge's own `_share_point`. It is drawn only when there is something to agree: two or
  more origins, every excerpt found, no source contradicting itself. It is therefore
  drawn exactly when the verdict is `consistent` (exact) or `minor-discrepancy`
  (tolerance), which the tests check for arbitrary values.

Accessibility: `role="img"`, a `<title>` naming the claim and a `<desc>` that says in
words what the chart shows ("Alwaght: about 5,200; 21st Century Wire: about 5,000. They
differ, but agree within the tolerance of 5%."). Colours come from CSS classes
(`pictures.css`) built on `currentColor` and the theme's variables, so the chart follows
the light and dark palettes and prints; `viewBox` with `width="100%"` lets it shrink to
a phone's width.

`compact=True` gives the small version for a source page, beside a cited figure: no row
labels or axis captions (the `<desc>` still says everything), half the width, and the
row of `highlight` (a source id: the page's own source) marked `fc-current`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .. import prose
from ..model import Claim, Interval, Source, Tolerance, Value
from ..verdicts import DEFAULT_TOLERANCE, _share_point, _widen
from .markup import SVG_NS, Node, el, leaf, sub, to_parts, to_string, uid
from .scale import Scale, domain, number_ticks

Ticks = Callable[[float, float], list[tuple[float, str]]]

_WIDTH, _COMPACT_WIDTH = 400.0, 240.0
_MARGIN = 14.0
# Characters of a row label drawn: at the stylesheet's 15px over 400 units, about what fits
# a phone's width. A longer outlet name is shortened, never the values after it; the full
# text is in the row's <title> and the chart's <desc>.
_LABEL_MAX = 42
_DERIVED = " (worked out from the text)"  # said in full in the <desc>; drawn as "derived"


@dataclass(frozen=True)
class Mark:
    """One value of one dimension, as drawn."""

    interval: Interval
    band: Interval  # the interval widened by the tolerance (the same when it is zero)
    hedge: str
    display: str


@dataclass
class Row:
    """One origin: the sources counted as one voice and what they say."""

    label: str
    source_ids: tuple[str, ...]
    displays: list[str] = field(default_factory=list)
    marks: list[list[Mark]] = field(default_factory=list)  # per dimension
    not_found: bool = False
    self_contradiction: bool = False


@dataclass(frozen=True)
class Agreement:
    """Where all values (exact) or all tolerance bands share points, per dimension."""

    exact: bool
    spans: tuple[tuple[float | None, float | None], ...]


@dataclass(frozen=True)
class Layout:
    """What differs between the number line and the date line."""

    dims: tuple[str, ...]  # names of the sub-rows: ("",) or ("for", "against")
    ticks: Ticks
    bars_from_zero: bool = False
    unit: str | None = None
    # Half the width of the axis when every value is one point (None: a tenth of it).
    lone_half_width: float | None = None


def number_line(
    claim: Claim,
    sources: dict[str, Source],
    *,
    compact: bool = False,
    highlight: str | None = None,
) -> str | None:
    """Inline SVG of a quantity or tally claim's values per origin, or None."""
    layout = number_layout(claim)
    if layout is None:
        return None
    return draw(claim, sources, layout, compact=compact, highlight=highlight)


def number_layout(claim: Claim) -> Layout | None:
    """How a quantity or tally claim is drawn (None for other kinds)."""
    if claim.kind == "quantity":
        # Counts read as counts: no "9.75 people" tick when every figure is whole.
        whole = all(
            x is None or float(x).is_integer()
            for e in claim.evidence
            if e.value is not None
            for iv in e.value.intervals
            for x in (iv.low, iv.high)
        )
        return Layout(
            ("",),
            lambda low, high: number_ticks(low, high, integers=whole),
            unit=claim.unit,
        )
    if claim.kind == "tally":
        return Layout(
            ("for", "against"),
            lambda low, high: number_ticks(low, high, integers=True),
            bars_from_zero=True,
            unit=claim.unit or "votes",
        )
    return None


def tolerance_of(claim: Claim) -> Tolerance:
    return claim.tolerance or DEFAULT_TOLERANCE[claim.kind]


def source_name(source_id: str, sources: dict[str, Source]) -> str:
    source = sources.get(source_id)
    if source is None:
        return source_id
    return source.outlet or f"“{source.title}”"


def rows_of(claim: Claim, sources: dict[str, Source], dims: int) -> list[Row]:
    """One row per origin that states a value, in the verdict's origin order."""
    tolerance = tolerance_of(claim)
    groups = list(claim.verdict.origins) if claim.verdict else []
    grouped = {s for g in groups for s in g}
    groups += [(e.source_id,) for e in claim.evidence if e.source_id not in grouped]
    # Rows in the order the claim cites its sources: the order its writer chose.
    cited = {e.source_id: i for i, e in reversed(list(enumerate(claim.evidence)))}
    groups.sort(key=lambda g: min(cited.get(s, len(cited)) for s in g))
    rows = []
    for group in dict.fromkeys(groups):
        evidence = [e for e in claim.evidence if e.source_id in group and e.value is not None]
        if not evidence:
            continue
        names = [source_name(s, sources) for s in group if any(e.source_id == s for e in evidence)]
        label = prose.join(list(dict.fromkeys(names)))
        if len(group) > 1:
            label += " (relaying one report)"
        row = Row(label, group, marks=[[] for _ in range(dims)])
        by_source: dict[str, list[Value]] = {}
        for e in evidence:
            assert e.value is not None
            row.not_found |= not e.found
            by_source.setdefault(e.source_id, []).append(e.value)
            shown = e.value.display + (_DERIVED if e.value.derived else "")
            if shown not in row.displays:
                row.displays.append(shown)
            for d, iv in enumerate(e.value.intervals[:dims]):
                mark = Mark(iv, _widen(iv, tolerance), e.value.hedge, e.value.display)
                if mark not in row.marks[d]:
                    row.marks[d].append(mark)
        row.self_contradiction = any(
            not _share_all([v.intervals for v in values]) for values in by_source.values()
        )
        rows.append(row)
    return rows


def agreement(rows: Sequence[Row], dims: int, *, all_found: bool = True) -> Agreement | None:
    """The shared region, or None when there is none or nothing to agree (see module doc).

    Follows the judge step by step: nothing while an excerpt (even one stating no value)
    is not found or a source contradicts itself; the exact region when all values share
    a point and two or more origins give them (one origin alone is single-source); the
    tolerance region when only the widened values share a point, even within one origin
    (relays of one report that differ are a minor discrepancy to the judge too)."""
    if not all_found or any(r.not_found or r.self_contradiction for r in rows):
        return None
    for exact in (True, False):
        per_dim = [
            [m.interval if exact else m.band for r in rows for m in r.marks[d]] for d in range(dims)
        ]
        if all(_share_point(ivs) for ivs in per_dim):
            if exact and len(rows) < 2:
                return None
            return Agreement(exact, tuple(_intersection(ivs) for ivs in per_dim))
    return None


def draw(
    claim: Claim,
    sources: dict[str, Source],
    layout: Layout,
    *,
    compact: bool,
    highlight: str | None,
    picture_class: str = "fc-numberline",
) -> str | None:
    drawn = drawing(
        claim,
        sources,
        layout,
        compact=compact,
        picture_class=picture_class,
        marked=highlight is not None,
    )
    return None if drawn is None else drawn.svg(highlight)


@dataclass(frozen=True)
class Drawn:
    """A picture drawn once for every source it may be shown for: the markup before and
    after its rows, and each row as it is drawn plain and marked as the page's source."""

    head: str
    rows: tuple[tuple[tuple[str, ...], str, str], ...]  # (source ids, plain, marked)
    tail: str

    def svg(self, highlight: str | None = None) -> str:
        """The picture with the row of `highlight` (a source id) marked `fc-current`."""
        rows = (
            marked if highlight is not None and highlight in ids else plain
            for ids, plain, marked in self.rows
        )
        return self.head + "".join(rows) + self.tail


def drawing(
    claim: Claim,
    sources: dict[str, Source],
    layout: Layout,
    *,
    compact: bool,
    picture_class: str = "fc-numberline",
    marked: bool = True,
) -> Drawn | None:
    """The picture as a `Drawn`; `marked`: with each row's marked variant too (else the
    plain one stands in for it)."""
    dims = len(layout.dims)
    rows = rows_of(claim, sources, dims)
    if not rows:
        return None
    tolerance = tolerance_of(claim)
    all_found = all(e.found for e in claim.evidence)
    shared = agreement(rows, dims, all_found=all_found)
    width = _COMPACT_WIDTH if compact else _WIDTH
    ends: list[float] = []
    for row in rows:
        for marks in row.marks:
            for m in marks:
                ends += [
                    x for iv in (m.interval, m.band) for x in (iv.low, iv.high) if x is not None
                ]
    low, high = domain(
        ends, include_zero=layout.bars_from_zero, lone_half_width=layout.lone_half_width
    )
    # A tally's sub-rows are named ("for", "against") in a gutter left of the axis.
    gutter = 0.0 if compact or not any(layout.dims) else 52.0
    scale = Scale(low, high, _MARGIN + gutter, width - _MARGIN)

    label_h = 0.0 if compact else 18.0
    sub_h = 10.0 if compact else 14.0
    row_h = label_h + sub_h * dims + (4.0 if compact else 8.0)
    top = 4.0
    axis_y = top + row_h * len(rows) + 2
    height = axis_y + (16.0 if compact else 20.0 + (14.0 if layout.unit else 0.0))

    ident = uid(claim.id, picture_class, "compact" if compact else "full")
    classes = f"fc-picture {picture_class}" + (" fc-compact" if compact else "")
    svg = el(
        "svg",
        {
            "xmlns": SVG_NS,
            "class": classes,
            "viewBox": f"0 0 {width:g} {height:g}",
            "width": "100%",
            "role": "img",
            "aria-labelledby": f"{ident}-t {ident}-d",
            "data-claim": claim.id,
            "data-verdict": claim.verdict.rating if claim.verdict else None,
        },
    )
    leaf(svg, "title", {"id": f"{ident}-t"}, _title(claim, picture_class))
    description = describe(rows, shared, tolerance, layout, all_found=all_found)
    leaf(svg, "desc", {"id": f"{ident}-d"}, description)
    _defs(svg, ident)

    if shared is not None:
        region = sub(
            svg,
            "g",
            {"class": "fc-agree " + ("fc-agree-exact" if shared.exact else "fc-agree-tolerance")},
        )
        for d, (a, b) in enumerate(shared.spans):
            x0, x1 = scale.clamp(a, upper=False), scale.clamp(b, upper=True)
            x0, x1 = _min_width(x0, x1, 3.0)
            leaf(
                region,
                "rect",
                {
                    "class": "fc-agree-region",
                    "data-dim": layout.dims[d] or None,
                    "data-low": _num(a),
                    "data-high": _num(b),
                    "x": x0,
                    "y": top,
                    "width": x1 - x0,
                    "height": axis_y - top,
                },
            )

    def row_start(row: Row, current: bool) -> Node:
        return el(
            "g",
            {
                "class": "fc-row"
                + (" fc-current" if current else "")
                + (" fc-not-found" if row.not_found else "")
                + (" fc-contradiction" if row.self_contradiction else ""),
                "data-sources": " ".join(row.source_ids),
            },
        )

    def draw_row(i: int, row: Row) -> tuple[str, str | None]:
        """The row plain, and marked as the page's source's (when `marked`): the same
        row, a class and a highlight rectangle (after its title) added."""
        y = top + i * row_h
        g = row_start(row, False)
        sub(g, "title", None, _row_text(row))
        if not compact:
            sub(g, "text", {"class": "fc-label", "x": _MARGIN, "y": y + 14}, _short_row_text(row))
        for d, marks in enumerate(row.marks):
            cy = y + label_h + sub_h * d + sub_h / 2 + 2
            dim_g = sub(g, "g", {"class": "fc-dim", "data-dim": layout.dims[d] or None})
            if layout.dims[d] and not compact:
                leaf(
                    dim_g,
                    "text",
                    {"class": "fc-dim-label", "x": _MARGIN, "y": cy + 4},
                    layout.dims[d],
                )
            for mark in marks:
                _draw_mark(dim_g, mark, scale, cy, sub_h, tolerance, layout, ident)
        head, children, end = to_parts(g)
        plain = head + "".join(children) + end
        if not marked:
            return plain, None
        start = to_parts(row_start(row, True))[0]
        current = el(
            "rect", {"class": "fc-current-row", "x": 0, "y": y, "width": width, "height": row_h}
        )
        return plain, start + children[0] + to_string(current) + "".join(children[1:]) + end

    split = len(svg)  # the rows go here, between what precedes and follows them
    drawn_rows = []
    for i, row in enumerate(rows):
        plain, current = draw_row(i, row)
        drawn_rows.append((row.source_ids, plain, plain if current is None else current))
    _axis(svg, scale, layout, axis_y, width, compact)
    head, children, tail = to_parts(svg)
    return Drawn(
        head + "".join(children[:split]), tuple(drawn_rows), "".join(children[split:]) + tail
    )


def describe(
    rows: Sequence[Row],
    shared: Agreement | None,
    tolerance: Tolerance,
    layout: Layout,
    *,
    all_found: bool = True,
) -> str:
    """The chart in words: what each origin says, then whether and how they agree."""
    parts = "; ".join(_row_text(r) for r in rows)
    unit = f" (in {layout.unit})" if layout.unit else ""
    if not all_found and not any(r.not_found for r in rows):
        end = "A quoted passage was not found in its source, so no agreement is shown."
    elif any(r.not_found for r in rows):
        missing = prose.join([r.label for r in rows if r.not_found])
        end = f"A quoted passage was not found in its source ({missing}), so no agreement is shown."
    elif any(r.self_contradiction for r in rows):
        end = (
            f"{prose.join([r.label for r in rows if r.self_contradiction])} gives different values."
        )
    elif shared is not None and shared.exact:
        end = "They agree: the values overlap."
    elif shared is not None:
        end = f"They differ, but agree within the tolerance of {tolerance.text}."
    elif len(rows) < 2 and all(_share_point([m.interval for m in ms]) for ms in rows[0].marks):
        end = "Only one origin gives a value."
    elif tolerance.amount == 0:
        end = "They differ."
    else:
        end = f"They differ beyond the tolerance of {tolerance.text}."
    return f"{parts}{unit}. {end}"


def _draw_mark(
    parent: Node,
    mark: Mark,
    scale: Scale,
    cy: float,
    sub_h: float,
    tolerance: Tolerance,
    layout: Layout,
    ident: str,
) -> None:
    iv = mark.interval
    x_low, x_high = scale.clamp(iv.low, upper=False), scale.clamp(iv.high, upper=True)
    half = sub_h * 0.4
    if tolerance.amount != 0:
        b0, b1 = scale.clamp(mark.band.low, upper=False), scale.clamp(mark.band.high, upper=True)
        leaf(
            parent,
            "rect",
            {
                "class": "fc-band",
                "x": b0,
                "y": cy - half,
                "width": max(b1 - b0, 0.0),
                "height": 2 * half,
                "data-low": _num(mark.band.low),
                "data-high": _num(mark.band.high),
            },
        )
    if layout.bars_from_zero and iv.low is not None:
        x0 = scale.x(0)
        leaf(
            parent,
            "rect",
            {
                "class": "fc-bar",
                "x": min(x0, x_low),
                "y": cy - half * 0.6,
                "width": abs(x_low - x0),
                "height": half * 1.2,
            },
        )
    hedge = f" fc-{mark.hedge}"
    data = {"data-low": _num(iv.low), "data-high": _num(iv.high), "data-value": mark.display}
    if iv.low is not None and iv.low == iv.high:
        if mark.hedge == "approximate":
            leaf(
                parent,
                "rect",
                {
                    "class": "fc-approx-halo",
                    "x": x_low - 7,
                    "y": cy - half,
                    "width": 14,
                    "height": 2 * half,
                    "fill": f"url(#{ident}-hatch)",
                },
            )
        leaf(
            parent,
            "circle",
            {"class": "fc-mark fc-point" + hedge, "cx": x_low, "cy": cy, "r": 4, **data},
        )
        return
    leaf(
        parent,
        "rect",
        {
            "class": "fc-mark fc-range"
            + hedge
            + (" fc-unbounded-low" if iv.low is None else "")
            + (" fc-unbounded-high" if iv.high is None else ""),
            "x": x_low,
            "y": cy - 2.5,
            "width": max(x_high - x_low, 0.0),
            "height": 5,
            **data,
        },
    )
    for value, x, is_open, upper in (
        (iv.low, x_low, iv.low_open, False),
        (iv.high, x_high, iv.high_open, True),
    ):
        if value is None:
            tip = x + (6 if upper else -6)
            base = x
            leaf(
                parent,
                "path",
                {
                    "class": "fc-arrow",
                    "d": f"M{base:.2f} {cy - 5:.2f} L{tip:.2f} {cy:.2f} L{base:.2f} {cy + 5:.2f} Z",
                },
            )
        else:
            leaf(
                parent,
                "circle",
                {
                    "class": "fc-end" + (" fc-end-open" if is_open else ""),
                    "cx": x,
                    "cy": cy,
                    "r": 3.5,
                },
            )


def _axis(
    svg: Node,
    scale: Scale,
    layout: Layout,
    y: float,
    width: float,
    compact: bool,
) -> None:
    ticks = layout.ticks(scale.low, scale.high)
    if compact and len(ticks) > 3:
        ticks = [ticks[0], ticks[len(ticks) // 2], ticks[-1]]
    axis = draw_axis(svg, scale, ticks, y, compact=compact)
    if layout.unit and not compact:
        leaf(
            axis,
            "text",
            {
                "class": "fc-unit",
                "x": (scale.left + scale.right) / 2,
                "y": y + 30,
                "text-anchor": "middle",
            },
            layout.unit,
        )


def draw_axis(
    svg: Node,
    scale: Scale,
    ticks: list[tuple[float, str]],
    y: float,
    *,
    compact: bool = False,
) -> Node:
    """The axis line with its ticks; labels near an end are anchored inwards, so the
    picture never cuts them off."""
    axis = sub(svg, "g", {"class": "fc-axis", "aria-hidden": "true"})
    leaf(
        axis,
        "line",
        {"class": "fc-axis-line", "x1": scale.left, "x2": scale.right, "y1": y, "y2": y},
    )
    reach = 18.0 if compact else 30.0  # about half a date label
    for value, label in ticks:
        x = scale.x(value)
        anchor = "start" if x - reach < scale.left - _MARGIN / 2 else "middle"
        if x + reach > scale.right + _MARGIN / 2:
            anchor = "end"
        tick = sub(axis, "g", {"class": "fc-tick", "data-value": _num(value)})
        leaf(tick, "line", {"x1": x, "x2": x, "y1": y, "y2": y + 4})
        leaf(tick, "text", {"x": x, "y": y + (13 if compact else 15), "text-anchor": anchor}, label)
    return axis


def _defs(svg: Node, ident: str) -> None:
    defs = sub(svg, "defs")
    pattern = sub(
        defs,
        "pattern",
        {
            "id": f"{ident}-hatch",
            "width": 4,
            "height": 4,
            "patternUnits": "userSpaceOnUse",
            "patternTransform": "rotate(45)",
        },
    )
    leaf(pattern, "line", {"class": "fc-hatch", "x1": 0, "y1": 0, "x2": 0, "y2": 4})


def _title(claim: Claim, picture_class: str) -> str:
    what = "Dates" if picture_class == "fc-dateline" else "Figures"
    return f"{what} given by each source for: {claim.claim}"


def _row_text(row: Row) -> str:
    said = prose.join(row.displays)
    notes = []
    if row.not_found:
        notes.append("not found in the source")
    if row.self_contradiction:
        notes.append("contradicts itself")
    return f"{row.label}: {said}" + (f" ({'; '.join(notes)})" if notes else "")


def _short_row_text(row: Row) -> str:
    """`_row_text` within `_LABEL_MAX` characters: the notes said briefly, then the name
    shortened before the values are."""
    full = _row_text(row)
    if len(full) <= _LABEL_MAX:
        return full
    notes = [
        n
        for n, on in (("not found", row.not_found), ("contradicts itself", row.self_contradiction))
        if on
    ]
    said = prose.join([d.replace(_DERIVED, " (derived)") for d in row.displays])
    rest = f": {said}" + (f" ({'; '.join(notes)})" if notes else "")
    room = _LABEL_MAX - len(rest)
    if room < 8:  # values too long to keep whole: shorten the whole line
        return _clip(row.label + rest)
    if len(row.label) <= room:
        return row.label + rest
    return row.label[: room - 1].rstrip() + "…" + rest


def _share_all(values: Sequence[tuple[Interval, ...]]) -> bool:
    dims = {len(v) for v in values}
    if len(dims) != 1:
        return False
    return all(_share_point([v[d] for v in values]) for d in range(dims.pop()))


def _intersection(intervals: Sequence[Interval]) -> tuple[float | None, float | None]:
    lows = [iv.low for iv in intervals if iv.low is not None]
    highs = [iv.high for iv in intervals if iv.high is not None]
    return (max(lows) if lows else None, min(highs) if highs else None)


def _min_width(x0: float, x1: float, least: float) -> tuple[float, float]:
    if x1 - x0 >= least:
        return x0, x1
    middle = (x0 + x1) / 2
    return middle - least / 2, middle + least / 2


def _num(x: float | None) -> str | None:
    if x is None:
        return None
    return str(int(x)) if float(x).is_integer() else f"{x:.6g}"


def _clip(text: str) -> str:
    return text if len(text) <= _LABEL_MAX else text[: _LABEL_MAX - 1].rstrip() + "…"
