"""The page of one claim: assertion, verdicts, evidence side by side, notes, and the data
for its schema.org ClaimReview.

Evidence is shown one card per source (several excerpts of one source are one voice), and
sources that relay the same report are boxed together as one origin, as the verdict counts
them. Each excerpt links to the anchor of its first matched span on the source page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Claim, Evidence, Publication, Source
from ..verdicts import DEFAULT_TOLERANCE
from .components import KIND_LABELS, LABELS, badge, kind_label, rating_of, tag_label
from .highlight import mark_value
from .render import attrs, escape, is_web_url, markdown, markdown_inline, plain_text
from .urls import page_url, paragraph_of, passage_id, relative, source_uri

HEDGES = {
    "approximate": "approximate",
    "lower-bound": "lower bound",
    "upper-bound": "upper bound",
}

NL = "\n"  # between block elements, so search does not glue words together


@dataclass(frozen=True)
class ClaimContext:
    """What a claim page needs besides the claim: where it is and what it may link to."""

    pub: Publication
    here: str  # the page's site-relative URL
    use_directory_urls: bool = True
    methodology: str | None = None  # site-relative URL of the methodology page, if any
    edit_url: str | None = None
    yaml_text: str | None = None  # the claim file, offered for copying

    def link(self, src: str, fragment: str = "") -> str:
        target = page_url(src, self.use_directory_urls) + (f"#{fragment}" if fragment else "")
        return relative(target, self.here)


def claim_body(claim: Claim, ctx: ClaimContext) -> str:
    return "\n".join(
        [
            _header(claim),
            _verdicts(claim, ctx),
            _evidence(claim, ctx),
            _notes(claim),
            _file(claim, ctx),
        ]
    )


def _header(claim: Claim) -> str:
    meta = [f'<span class="fc-kind">{escape(kind_label(claim))}</span>']
    meta.extend(f'<span class="fc-tag">{escape(tag_label(t))}</span>' for t in claim.tags)
    return (
        '<header class="fc-claim">\n'
        '<p class="fc-eyebrow"><span class="fc-eyebrow__label">Claim</span> '
        f"{' '.join(meta)}</p>\n"
        f'<h1 class="fc-claim__text">{markdown_inline(claim.claim)}</h1>\n'
        "</header>"
    )


def _verdicts(claim: Claim, ctx: ClaimContext) -> str:
    rating = rating_of(claim)
    why = claim.verdict.explanation if claim.verdict else "The claim could not be judged."
    how = ""
    if ctx.methodology is not None:
        how = (
            f'<p class="fc-verdict__how"><a href="{escape(relative(ctx.methodology, ctx.here))}">'
            "How verdicts are computed</a></p>"
        )
    parts = [
        '<section class="fc-verdicts" aria-label="Verdict">',
        '<div class="fc-verdict fc-verdict--computed">',
        '<p class="fc-verdict__label">Computed verdict</p>',
        f'<p class="fc-verdict__badge">{badge(rating)}</p>',
        f'<p class="fc-verdict__why">{escape(why)}</p>{how}</div>',
    ]
    if claim.editorial:
        differs = ""
        if claim.editorial.rating != rating:
            differs = (
                '<p class="fc-verdict__differs">The editors’ verdict differs from the '
                f"computed one ({escape(LABELS[rating])}); both are shown.</p>"
            )
        parts += [
            '<div class="fc-verdict fc-verdict--editorial">',
            '<p class="fc-verdict__label">Editorial verdict</p>',
            f'<p class="fc-verdict__badge">{badge(claim.editorial.rating)}</p>',
            f'<div class="fc-verdict__why">{markdown(claim.editorial.reason)}</div>',
            f"{differs}</div>",
        ]
    parts.append("</section>")
    return "\n".join(parts)


def _evidence(claim: Claim, ctx: ClaimContext) -> str:
    by_source: dict[str, list[Evidence]] = {}
    for e in claim.evidence:
        by_source.setdefault(e.source_id, []).append(e)
    groups = [g for g in (claim.verdict.origins if claim.verdict else ()) if g]
    grouped = {s for g in groups for s in g}
    groups += [(s,) for s in by_source if s not in grouped]
    groups = [tuple(s for s in g if s in by_source) for g in groups]
    # The sources that give a value first, then those shown for support; each in the order
    # the claim file lists them, which is the order its author chose.
    first: dict[str, int] = {}
    for i, e in enumerate(claim.evidence):
        first.setdefault(e.source_id, i)

    def order(group: tuple[str, ...]) -> tuple[bool, int]:
        counted = any(e.value is not None for s in group for e in by_source[s])
        return (not counted, min(first[s] for s in group))

    out = [
        '<h2 id="evidence">Evidence</h2>',
        f'<p class="fc-evidence__intro">{_intro(claim)}</p>',
        '<div class="fc-evidence">',
    ]
    loose: list[str] = []
    for group in sorted((g for g in groups if g), key=order):
        cards = [_card(s, by_source[s], claim, ctx) for s in group]
        if len(cards) > 1:
            names = _join([escape(_source_name(s, ctx.pub)) for s in group])
            out.append(
                '<section class="fc-origin" aria-label="One origin">'
                '<p class="fc-origin__label"><strong>One origin.</strong> '
                f"{names} relay the same report, so they count as one voice.</p>"
                f'<div class="fc-cards">\n{NL.join(cards)}</div></section>'
            )
        else:
            loose.extend(cards)
    if loose:
        out.append(f'<div class="fc-cards">\n{NL.join(loose)}</div>')
    out.append("</div>")
    return "\n".join(out)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _intro(claim: Claim) -> str:
    """What the cards show, and how far their values may differ: the claim's tolerance."""
    shows = (
        "Each card is one source, quoted word for word; the highlighted words are the value "
        "compared."
    )
    tolerance = claim.tolerance or DEFAULT_TOLERANCE.get(claim.kind)
    if tolerance is None:
        return shows
    which = "" if claim.tolerance else f", the default for a {escape(KIND_LABELS[claim.kind])}"
    if tolerance.amount == 0:
        same = "the same words" if claim.kind in ("quote", "text") else "the same value"
        return f"{shows} Tolerance: none{which}. Sources agree only when they give {same}."
    if claim.kind == "quote":
        how = (
            "quotations whose words differ by no more than that share of the longer one "
            "count as a minor discrepancy"
        )
    elif claim.kind == "text":
        how = "values that differ by no more than that many words count as a minor discrepancy"
    else:
        how = (
            "values that differ, but overlap once each is widened by the tolerance, count "
            "as a minor discrepancy"
        )
    return f"{shows} Tolerance: {escape(tolerance.text)}{which}: {how}."


def _card(source_id: str, evidence: list[Evidence], claim: Claim, ctx: ClaimContext) -> str:
    source = ctx.pub.sources.get(source_id)
    if source is None:
        head = (
            f'<h3 class="fc-card__title">{escape(source_id)}</h3>\n'
            '<p class="fc-card__meta">Unknown source: there is no snapshot with this id.</p>'
        )
    else:
        href = ctx.link(source_uri(source.id))
        head = (
            f'<h3 class="fc-card__title"><a href="{escape(href)}">{escape(source.title)}</a></h3>'
            f"\n{_source_meta(source, ctx)}"
        )
    excerpts = "\n".join(_excerpt(e, source, claim, ctx) for e in evidence)
    return (
        f'<article class="fc-card"{attrs(data_source=source_id)}>'
        f'<header class="fc-card__head">{head}</header>\n{excerpts}</article>'
    )


def _source_meta(source: Source, ctx: ClaimContext) -> str:
    bits = []
    if source.outlet:
        bits.append(f'<span class="fc-card__outlet">{escape(source.outlet)}</span>')
    if source.published:
        bits.append(f"<time>{source.published.isoformat()}</time>")
    meta = f'<p class="fc-card__meta">{" · ".join(bits)}</p>' if bits else ""
    if source.derived_from:
        relays = ", ".join(_relayed(name, ctx) for name in source.derived_from)
        meta += f'\n<p class="fc-card__relays">Relays {relays}</p>'
    return meta


def _relayed(name: str, ctx: ClaimContext) -> str:
    if name in ctx.pub.sources:
        href = ctx.link(source_uri(name))
        return f'<a href="{escape(href)}">{escape(ctx.pub.sources[name].title)}</a>'
    return escape(name)


def _excerpt(e: Evidence, source: Source | None, claim: Claim, ctx: ClaimContext) -> str:
    value = e.value
    quote = mark_value(e.excerpt, value.span if value else None)
    notes: list[str] = []
    if value is not None:
        unit = f" {escape(claim.unit)}" if claim.unit and claim.kind == "quantity" else ""
        tags = ""
        if value.hedge in HEDGES:
            tags += f' <span class="fc-hedge">{HEDGES[value.hedge]}</span>'
        if value.derived:
            tags += ' <span class="fc-derived">derived</span>'
        if value.kind == "quote" and value.span is not None and not value.derived:
            # The quotation is highlighted above; repeating it word for word adds nothing.
            shown = "the highlighted quotation"
        else:
            shown = f"<strong>{escape(value.display)}</strong>{unit}"
        notes.append(f'<p class="fc-excerpt__value">Value: {shown}{tags}</p>')
        if value.derived and e.derivation:
            notes.append(
                '<p class="fc-excerpt__derivation">Derived, not stated: '
                f"{markdown_inline(e.derivation)}</p>"
            )
    elif e.value_is_null:
        notes.append(
            '<p class="fc-excerpt__value">Qualitative support: shown, not counted. '
            f"The passage states no {escape(KIND_LABELS[claim.kind])}.</p>"
        )
    elif e.found:
        notes.append('<p class="fc-excerpt__value">No value could be read from this excerpt.</p>')
    if e.match is not None and source is not None:
        href = ctx.link(source_uri(source.id), passage_id(e.match.spans[0]))
        paragraph = paragraph_of(source.text, e.match.start)
        notes.append(
            f'<p class="fc-excerpt__where"><a class="fc-excerpt__link" href="{escape(href)}">'
            f"Read it in context</a> (paragraph {paragraph} of the archived article)</p>"
        )
    elif source is not None:
        notes.append(_not_found(e))
    css = "fc-excerpt" if e.found else "fc-excerpt fc-excerpt--missing"
    return (
        f'<figure class="{css}">\n<blockquote class="fc-excerpt__text">{quote}</blockquote>'
        f"\n<figcaption>{NL.join(notes)}</figcaption></figure>"
    )


def _not_found(e: Evidence) -> str:
    text = '<p class="fc-excerpt__missing"><strong>Not found in the source.</strong>'
    near = e.near_miss
    if near is None:
        return text + "</p>"
    text += (
        f" The nearest passage (line {near.line}, {near.similarity:.0%} similar) is "
        f"<q>{escape(near.passage)}</q>.</p>"
    )
    if near.missing:
        text += f"\n<p>Only in the excerpt: {escape(', '.join(near.missing))}</p>"
    if near.extra:
        text += f"\n<p>Only in the source: {escape(', '.join(near.extra))}</p>"
    return text


def _notes(claim: Claim) -> str:
    if not claim.notes:
        return ""
    return f'<h2 id="notes">Notes</h2>\n<div class="fc-notes">{markdown(claim.notes)}</div>'


def _file(claim: Claim, ctx: ClaimContext) -> str:
    edit = ""
    if ctx.edit_url and is_web_url(ctx.edit_url):
        edit = f' <a class="fc-edit" href="{escape(ctx.edit_url)}" rel="edit">Edit this claim</a>'
    out = (
        '<h2 id="claim-file">Claim file</h2>\n'
        f"<p>This claim lives in <code>{escape(claim.file)}</code>; changes to it are "
        f"checked before they are published.{edit}</p>"
    )
    if ctx.yaml_text is not None:
        out += (
            '\n<details class="fc-yaml" data-search-exclude><summary>The claim file</summary>'
            f"<pre><code>{escape(ctx.yaml_text)}</code></pre></details>"
        )
    return out


def _source_name(source_id: str, pub: Publication) -> str:
    source = pub.sources.get(source_id)
    return (source.outlet or source.title) if source else source_id


def claim_review(claim: Claim, pub: Publication, site_name: str) -> dict[str, Any]:
    """schema.org ClaimReview data; the template writes it through `tojson`."""
    rating = rating_of(claim)
    appearances: list[dict[str, Any]] = []
    seen: set[str] = set()
    for e in claim.evidence:
        source = pub.sources.get(e.source_id)
        if source is None or not e.found or source.id in seen:
            continue
        seen.add(source.id)
        work: dict[str, Any] = {"@type": "CreativeWork", "headline": source.title}
        if source.url and is_web_url(source.url):
            work["url"] = source.url
        if source.outlet:
            work["publisher"] = {"@type": "Organization", "name": source.outlet}
        if source.published:
            work["datePublished"] = source.published.isoformat()
        appearances.append(work)
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": plain_text(claim.claim),
        "reviewRating": {
            "@type": "Rating",
            "alternateName": rating,
            "name": LABELS[rating],
            "ratingExplanation": claim.verdict.explanation if claim.verdict else "",
        },
        "author": {"@type": "Organization", "name": site_name},
        "itemReviewed": {"@type": "Claim", "appearance": appearances},
    }
    return review
