"""The page of one source: its metadata, the claims citing it, and the whole snapshot as
escaped text with every cited passage highlighted and linked back to its claims.

The snapshot is never rendered as Markdown: it is somebody else's article, kept verbatim,
and may contain anything, markup included.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import Claim, Publication, Source
from .components import badge, rating_of
from .highlight import Span, group_spans, highlight
from .render import escape, is_web_url, plain_text
from .urls import claim_uri, page_url, paragraph_of, passage_id, relative, source_uri

NL = "\n"  # between block elements, so search does not glue words together
# Language codes a reader may not know, by name; any other code is shown as written.
LANGUAGES = {
    "ar": "Arabic",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fa": "Persian",
    "fr": "French",
    "ku": "Kurdish",
    "ru": "Russian",
    "tr": "Turkish",
}


@dataclass(frozen=True)
class SourceContext:
    pub: Publication
    here: str
    use_directory_urls: bool = True

    def link(self, src: str) -> str:
        return relative(page_url(src, self.use_directory_urls), self.here)


Citations = dict[str, dict[str, list[Span]]]


def citations(claims: Sequence[Claim]) -> Citations:
    """Per source id, per citing claim id (in claim order), the spans of the source its
    excerpts were found at; one pass over every claim, for all the source pages."""
    out: Citations = {}
    for claim in claims:
        for e in claim.evidence:
            if e.match is not None:
                spans = out.setdefault(e.source_id, {}).setdefault(claim.id, [])
                spans.extend(s for s in e.match.spans if s not in spans)
    return out


def source_body(
    source: Source,
    by_claim: dict[str, list[Span]],
    claims: Mapping[str, Claim],
    ctx: SourceContext,
) -> str:
    """The page of `source`, cited by `by_claim` (claim id -> spans) of `claims` (by id)."""
    citing = [claims[cid] for cid in by_claim]
    number = {c.id: n for n, c in enumerate(citing, 1)}
    by_span = group_spans(by_claim)
    titles = {c.id: plain_text(c.claim) for c in citing}

    def back_links(span: Span) -> str:
        links = ",".join(
            f'<a href="{escape(ctx.link(claim_uri(cid)))}" title="{escape(titles[cid])}">'
            f"{number[cid]}</a>"
            for cid in by_span.get(span, [])
        )
        return f'<sup class="fc-cite" data-search-exclude>{links}</sup>' if links else ""

    text = highlight(source.text, list(by_span), after=back_links)
    return "\n".join(
        [
            f'<h1 class="fc-source__title">{escape(source.title)}</h1>',
            _metadata(source, ctx),
            _cited_by(source, citing, by_claim, ctx),
            '<h2 id="snapshot">Snapshot</h2>',
            '<p class="fc-snapshot__intro">The article as archived, verbatim. Highlighted '
            "passages are quoted by claims; the number after each one leads to the claim.</p>",
            f'<div class="fc-snapshot" lang="{escape(source.language or "")}">{text}</div>'
            if source.language
            else f'<div class="fc-snapshot">{text}</div>',
        ]
    )


def _metadata(source: Source, ctx: SourceContext) -> str:
    rows: list[tuple[str, str]] = []
    if source.outlet:
        rows.append(("Outlet", escape(source.outlet)))
    if source.url:
        if is_web_url(source.url):
            link = (
                f'<a href="{escape(source.url)}" rel="nofollow noopener noreferrer">'
                f"{escape(source.url)}</a>"
            )
        else:
            link = f"<code>{escape(source.url)}</code>"
        rows.append(("Original", link))
    if source.published:
        rows.append(("Published", f"<time>{source.published.isoformat()}</time>"))
    if source.retrieved:
        rows.append(("Retrieved", f"<time>{source.retrieved.isoformat()}</time>"))
    if source.language:
        rows.append(("Language", escape(LANGUAGES.get(source.language.lower(), source.language))))
    if source.derived_from:
        relayed = []
        for name in source.derived_from:
            other = ctx.pub.sources.get(name)
            if other is not None:
                href = ctx.link(source_uri(other.id))
                relayed.append(f'<a href="{escape(href)}">{escape(other.title)}</a>')
            else:
                relayed.append(escape(name))
        rows.append(("Relays", ", ".join(relayed)))
    rows.append(("Snapshot file", f"<code>{escape(source.file)}</code>"))
    cells = "\n".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<dl class="fc-meta">{cells}</dl>'


def _cited_by(
    source: Source, citing: list[Claim], by_claim: dict[str, list[Span]], ctx: SourceContext
) -> str:
    out = '<h2 id="cited-by">Cited by</h2>'
    if not citing:
        return out + "<p>No claim cites this source yet.</p>"
    items = []
    for claim in citing:
        paragraphs: dict[int, Span] = {}
        for span in sorted(by_claim[claim.id]):
            paragraphs.setdefault(paragraph_of(source.text, span[0]), span)
        links = [f'<a href="#{passage_id(s)}">{n}</a>' for n, s in sorted(paragraphs.items())]
        where = "paragraph" if len(links) == 1 else "paragraphs"
        items.append(
            f'<li>{badge(rating_of(claim))} <a href="{escape(ctx.link(claim_uri(claim.id)))}">'
            f"{escape(plain_text(claim.claim))}</a>"
            f'<span class="fc-citers__passages"> quoted in {where} {", ".join(links)}</span></li>'
        )
    return out + f'\n<ol class="fc-citers">\n{NL.join(items)}</ol>'
