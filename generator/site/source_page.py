"""The source pages and the `/sources/` index: one archived article, verbatim, with every
passage a claim quotes highlighted and numbered, the quotations of it that no longer match,
and the runs of words it shares with other sources.

Citation numbers run in reading order: claim 1 is the one whose quoted passage comes first
in the article, so the superscripts a reader meets go 1, 2, 3 down the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from .. import verdicts
from ..model import Claim, Publication, Rating, Source
from .contexts import Banner, Link, Links
from .highlight import Span, fill, group_spans, highlight
from .labels import LANGUAGES
from .listings import listed_rating
from .pictures import CitedPicture
from .sanitize import is_web_url, plain_text
from .shared import listed_sharing
from .urls import claim_uri, paragraph_of, passage_id, source_uri

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


def shared_id(other: str, n: int | None = None) -> str:
    """The anchor of the `n`th (1-based) passage a source shares with `other`; without `n`,
    the first one's, for pages that link to "where these two share wording"."""
    return f"shared-{other}" if n is None else f"shared-{other}-{n}"


def relays(source: Source, sources: Mapping[str, Source], links: Links) -> tuple[Link, ...]:
    """What `source` relays: each `derived_from` name as the sources it stands for (by id,
    outlet or title, as the judge matches them), linked; a name matching none as text."""
    out: list[Link] = []
    for name in source.derived_from:
        found = [s for s in verdicts.relayed(name, sources.values()) if s.id != source.id]
        if not found:
            out.append(Link(name))
        out.extend(Link(s.title or s.id, links.to(source_uri(s.id))) for s in found)
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class Citer:
    number: int  # the superscript that leads to it, in reading order
    rating: Rating
    text: str
    href: str
    passages: tuple[tuple[int, str], ...]  # (paragraph, anchor), in reading order


@dataclass(frozen=True)
class BrokenQuote:
    """A claim quoting this source with an excerpt the source does not contain (now)."""

    claim: str  # plain text
    href: str
    excerpt: str
    near_line: int | None  # the line of the closest passage, when one is close


@dataclass(frozen=True)
class SharedView:
    """One passage this source shares with another, and where the other prints it."""

    anchor: str  # shared-<other>-<n>, on this page
    span: Span  # where it is in this source's text
    paragraph: int
    words: int
    text: str  # the passage as this source prints it
    there: str  # link to the same passage on the other source's page


@dataclass(frozen=True)
class SharedWith:
    source_id: str
    title: str
    outlet: str | None
    href: str
    anchor: str  # shared-<other>: the first shared passage on this page
    passages: tuple[SharedView, ...]

    @property
    def words(self) -> int:
        return sum(p.words for p in self.passages)


@dataclass(frozen=True)
class SourcePage:
    id: str
    file: str
    title: str
    outlet: str | None
    url: str | None
    url_is_web: bool
    published: str | None
    retrieved: str | None
    language: str | None  # the code, for `lang`
    language_name: str | None
    relays: tuple[Link, ...]
    citers: tuple[Citer, ...]  # in reading order of their first passage
    snapshot: Markup  # the text, escaped, cited passages marked and linked
    anchors: frozenset[str]
    banner: Banner | None = None
    broken: tuple[BrokenQuote, ...] = ()
    shared: tuple[SharedWith, ...] = ()
    # The small picture of each citing claim with one (`site.pictures.cited_pictures`).
    pictures: tuple[CitedPicture, ...] = ()
    pictures_left_out: int = 0  # citing claims drawn on their own pages only


_CITE_LINK = Markup('<a href="{}" title="{}">{}</a>')
_CITE = Markup('<sup class="fc-cite" data-search-exclude>{}</sup>')
_SHARED_LINK = Markup(
    '<a class="fc-shared__link" href="{}" title="The same words in {}" data-search-exclude>'
    '<span aria-hidden="true">⇄</span><span class="fc-visually-hidden">'
    "the same words in {}</span></a>"
)


def source_page(
    source: Source,
    by_claim: dict[str, list[Span]],
    claims: Mapping[str, Claim],
    pub: Publication,
    links: Links,
    problems: Banner | None = None,
) -> SourcePage:
    """The page of `source`, cited by `by_claim` (claim id -> spans) of `claims` (by id);
    `claims` may hold more (every claim shown): those quoting `source` with an excerpt it
    does not contain are listed as broken quotations. `pub.sources` are the sources pages
    may link to."""
    # Reading order: by where each claim's first quoted passage starts, then its end.
    citing = sorted(
        (claims[cid] for cid in by_claim if cid in claims),
        key=lambda c: (min(by_claim[c.id]), c.id),
    )
    number = {c.id: n for n, c in enumerate(citing, 1)}
    by_span = group_spans({c.id: by_claim[c.id] for c in citing})
    titles = {c.id: plain_text(c.claim) or c.id for c in citing}
    hrefs = {c.id: links.to(claim_uri(c.id)) for c in citing}
    shared = _shared(source, pub, links)
    runs: dict[Span, list[str]] = {}
    run_link: dict[Span, tuple[str, str]] = {}  # span -> (href there, other's name)
    for group in shared:
        for n, p in enumerate(group.passages, 1):
            ids = runs.setdefault(p.span, [])
            ids.append(p.anchor)
            if n == 1:
                ids.append(group.anchor)
            run_link.setdefault(p.span, (p.there, group.outlet or group.title))

    def after(span: Span) -> Markup:
        out = Markup("")
        cited = by_span.get(span, [])
        if cited:
            # In reading order too: the claim quoting from further up comes first.
            cited = sorted(cited, key=lambda c: number[c])
            out += fill(
                _CITE,
                Markup(",").join(fill(_CITE_LINK, hrefs[c], titles[c], number[c]) for c in cited),
            )
        if span in run_link:
            href, name = run_link[span]
            out += fill(_SHARED_LINK, href, name, name)
        return out

    citers = []
    for claim in citing:
        paragraphs: dict[int, Span] = {}
        for span in sorted(by_claim[claim.id]):
            paragraphs.setdefault(paragraph_of(source.text, span[0]), span)
        citers.append(
            Citer(
                number[claim.id],
                listed_rating(claim),
                titles[claim.id],
                hrefs[claim.id],
                tuple((n, passage_id(s)) for n, s in sorted(paragraphs.items())),
            )
        )
    spans = [s for c in citing for s in by_claim[c.id]]
    broken = _broken(source, claims.values(), links)
    language = source.language
    return SourcePage(
        id=source.id,
        file=source.file,
        title=source.title or source.id,
        outlet=source.outlet,
        url=source.url,
        url_is_web=bool(source.url and is_web_url(source.url)),
        published=source.published.isoformat() if source.published else None,
        retrieved=source.retrieved.isoformat() if source.retrieved else None,
        language=language,
        language_name=LANGUAGES.get(language.lower(), language) if language else None,
        relays=relays(source, pub.sources, links),
        citers=tuple(citers),
        snapshot=highlight(source.text, spans, after=after, shared=runs),
        anchors=frozenset(
            {
                "cited-by",
                "snapshot",
                *(passage_id(s) for s in spans),
                *(i for ids in runs.values() for i in ids),
                *(["broken"] if broken else []),
                *(["shared"] if shared else []),
            }
        ),
        banner=problems,
        broken=broken,
        shared=shared,
    )


def _broken(source: Source, claims: Iterable[Claim], links: Links) -> tuple[BrokenQuote, ...]:
    out = []
    for claim in sorted(claims, key=lambda c: c.id):
        for e in claim.evidence:
            if e.source_id == source.id and not e.found:
                near = e.near_miss.line if e.near_miss is not None else None
                out.append(
                    BrokenQuote(
                        plain_text(claim.claim) or claim.id,
                        links.to(claim_uri(claim.id)),
                        e.excerpt,
                        near,
                    )
                )
    return tuple(out)


def _shared(source: Source, pub: Publication, links: Links) -> tuple[SharedWith, ...]:
    """The sources `source` shares runs of words with (those pages may link to), each with
    its passages in this source's reading order, linked to the same passage there."""
    out = []
    found = pub.shared.of(source.id)
    for other_id in sorted(listed_sharing(source.id, pub)):
        other = pub.sources[other_id]
        passages = found[other_id]
        # The other page numbers the same runs in its own reading order, if it lists them.
        listed_there = source.id in listed_sharing(other_id, pub)
        theirs = [p.here for p in pub.shared.of(other_id).get(source.id, ())]
        views = []
        for n, p in enumerate(passages, 1):
            m = theirs.index(p.there) + 1 if p.there in theirs else None
            fragment = (
                (shared_id(source.id, m) if m else shared_id(source.id)) if listed_there else ""
            )
            views.append(
                SharedView(
                    anchor=shared_id(other_id, n),
                    span=p.here,
                    paragraph=paragraph_of(source.text, p.here[0]),
                    words=p.words,
                    text=source.text[p.here[0] : p.here[1]],
                    there=links.to(source_uri(other_id), fragment),
                )
            )
        out.append(
            SharedWith(
                source_id=other_id,
                title=other.title or other_id,
                outlet=other.outlet,
                href=links.to(source_uri(other_id)),
                anchor=shared_id(other_id),
                passages=tuple(views),
            )
        )
    return tuple(out)


# --- the /sources/ index ---


@dataclass(frozen=True)
class SourceRow:
    title: str
    href: str
    outlet: str | None
    published: str | None
    relays: tuple[str, ...]
    citing: int


@dataclass(frozen=True)
class SourcesIndex:
    rows: tuple[SourceRow, ...]
    # Columns no source fills are left out rather than shown empty.
    show_outlet: bool
    show_published: bool
    show_relays: bool


def sources_index(pub: Publication, cited: Citations, links: Links) -> SourcesIndex:
    listed = sorted(pub.sources.values(), key=lambda s: (s.title.lower(), s.id))
    rows = tuple(
        SourceRow(
            title=s.title,
            href=links.to(source_uri(s.id)),
            outlet=s.outlet,
            published=s.published.isoformat() if s.published else None,
            relays=tuple(r.text for r in relays(s, pub.sources, links)),
            citing=len(cited.get(s.id, {})),
        )
        for s in listed
    )
    return SourcesIndex(
        rows,
        show_outlet=any(s.outlet for s in listed),
        show_published=any(s.published for s in listed),
        show_relays=any(s.derived_from for s in listed),
    )
