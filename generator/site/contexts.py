"""Page contexts: a checked publication turned into the plain data the templates show.

Nothing here writes HTML. Contributor text stays a `str` (the templates escape it) unless it
is Markdown, which arrives as `Markup` only after `sanitize` has rendered and cleaned it.
Links are already relative to the page they appear on: generated pages are injected after
MkDocs rewrote links, and the site may be served from any sub-path.

New things a page shows belong in these dataclasses first, then in a template, so a
publication's own template overrides keep working with the data they already use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from .. import prose, verdicts
from ..history import Review
from ..model import Claim, Evidence, Kind, OriginLink, Problem, Publication, Rating, Source
from ..verdicts import DEFAULT_TOLERANCE
from .highlight import mark_value, passage_span
from .labels import HEDGES, KIND_LABELS, LABELS, kind_label, rating_of, tag_label
from .sanitize import is_web_url, markdown, markdown_inline, plain_text
from .shared import listed_sharing
from .urls import paragraph_of, passage_id, relative, source_uri


@dataclass(frozen=True)
class Links:
    """Where a page is and how it reaches the others (URLs resolved by the caller)."""

    here: str  # the page's site-relative URL
    url_of: Callable[[str], str]  # src_uri -> site-relative URL

    def to(self, src_uri: str, fragment: str = "") -> str:
        return relative(self.url_of(src_uri) + (f"#{fragment}" if fragment else ""), self.here)

    def to_url(self, url: str) -> str:
        return relative(url, self.here)


@dataclass(frozen=True)
class Link:
    text: str
    href: str | None = None  # None: shown as text (an unknown source, a name)


@dataclass(frozen=True)
class ProblemItem:
    where: str  # file:line:column
    severity: str
    message: str
    line: str = ""  # the offending line, clipped around the column ("" when unknown)


@dataclass(frozen=True)
class Banner:
    """The problems a page is affected by, shown under `mkdocs serve` only."""

    what: str
    problems: tuple[ProblemItem, ...]

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def heading(self) -> str:
        return f"{prose.count(len(self.problems), 'problem')} in {self.what}"


def banner(
    problems: Sequence[Problem], what: str, line_of: Callable[[Problem], str] | None = None
) -> Banner | None:
    """`line_of(problem)`: the offending line to show under the message, if known."""
    listed = sorted(problems, key=Problem.sort_key)
    if not listed:
        return None
    items = tuple(
        ProblemItem(
            f"{p.file}:{p.line}:{p.column}",
            p.severity,
            p.message,
            line_of(p) if line_of is not None else "",
        )
        for p in listed
    )
    return Banner(what, items)


# The claim lists are in `listings`, the source pages and `/sources/` in `source_page`.


# --- the claim page ---


@dataclass(frozen=True)
class NearView:
    line: int
    similarity: str  # "42%"
    passage: str
    missing: tuple[str, ...]
    extra: tuple[str, ...]


@dataclass(frozen=True)
class ExcerptView:
    quote: Markup  # the excerpt, escaped, its value marked
    found: bool
    value: str | None = None  # the figure as displayed
    unit: str | None = None
    hedge: str | None = None
    derived: bool = False
    derivation: Markup | None = None
    quotation_marked: bool = False  # a quote value: the highlight is the value
    qualitative: bool = False  # `value: null`
    unreadable: bool = False  # found, but no value read
    href: str | None = None  # the passage on the source page
    paragraph: int | None = None
    not_found: bool = False  # the source exists but does not contain the excerpt
    near: NearView | None = None


@dataclass(frozen=True)
class Flag:
    """A source of this card prints a run of words another source prints elsewhere: they
    count separately here, but are not called independent."""

    other: str  # the other source's name
    words: int
    href: str | None  # the shared passage on this card's source page


@dataclass(frozen=True)
class Card:
    """One source's voice on a claim: its excerpts, one card however many there are."""

    source_id: str
    title: str | None  # None: no snapshot with this id
    href: str | None
    outlet: str | None
    published: str | None
    relays: tuple[Link, ...]
    excerpts: tuple[ExcerptView, ...]
    flags: tuple[Flag, ...] = ()
    changed: bool = False  # some excerpt cites text that changed since it was reviewed


@dataclass(frozen=True)
class Reason:
    """Why sources count as one origin, in a sentence, maybe with a link to the words."""

    text: str  # "Alwaght and 21st Century Wire print the same 24 words"
    href: str | None = None  # the shared passage on a source page
    link_text: str | None = None


@dataclass(frozen=True)
class Origin:
    """Sources counted as one voice: they relay one report or print the same passage."""

    names: str
    cards: tuple[Card, ...]
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class VerdictView:
    rating: Rating
    label: str
    explanation: str = ""  # plain text (computed)
    reason: Markup | None = None  # rendered Markdown (editorial)


@dataclass(frozen=True)
class Dateline:
    """When the claim was published and updated, and who reviewed it."""

    published: str | None  # ISO dates, for <time datetime>
    published_text: str | None  # "5 January 2020"
    updated: str | None
    updated_text: str | None
    reviewers: tuple[str, ...]


@dataclass(frozen=True)
class CorrectionView:
    date: str
    date_text: str
    text: Markup  # rendered, sanitised Markdown


@dataclass(frozen=True)
class ReReview:
    """A cited passage whose surrounding source text changed since it was reviewed."""

    source: str  # the source's name
    href: str | None  # the passage on the source page
    changed: str  # "the text after the passage"
    now: tuple[tuple[str, str], ...]  # (side in words, the text now), per changed side


@dataclass(frozen=True)
class ClaimPage:
    id: str
    file: str
    text: Markup  # the assertion, inline Markdown
    title: str  # plain text
    kind: str  # what it checks: "number of troops"
    kind_noun: str  # "number", "date": what a passage of support states none of
    tags: tuple[str, ...]
    rating: Rating  # the publication's verdict: what the claim is listed and headlined by
    computed: VerdictView
    editorial: VerdictView | None
    methodology_href: str | None
    intro: str
    origins: tuple[Origin, ...]  # groups of two or more sources
    cards: tuple[Card, ...]  # sources counted on their own
    notes: Markup
    edit_url: str | None
    yaml_text: str | None
    banner: Banner | None = None
    anchors: frozenset[str] = field(
        default=frozenset({"verdict", "evidence", "notes", "corrections", "claim-file"})
    )
    # The headline: the editors' verdict when they give one, else the computed one.
    headline: VerdictView | None = None
    agreement: str | None = None  # "agrees" | "differs" | None (no editorial verdict)
    independent: bool = False  # the sources may be called independent
    dateline: Dateline | None = None
    corrections: tuple[CorrectionView, ...] = ()  # newest first
    re_review: tuple[ReReview, ...] = ()
    report_href: str | None = None  # "Report an error"
    report_is_issue: bool = False  # the link opens a pre-filled issue
    canonical: str | None = None  # the page's absolute URL, when the site has one

    # The evidence drawn (number line, date line, quotation differences): `site.pictures`.
    picture: Markup | None = None

    @property
    def under_re_review(self) -> bool:
        return bool(self.re_review)


def claim_page(
    claim: Claim,
    pub: Publication,
    links: Links,
    *,
    methodology: str | None = None,
    edit_url: str | None = None,
    yaml_text: str | None = None,
    problems: Banner | None = None,
    review: Review | None = None,
    site_name: str = "",
    report_href: str | None = None,
    report_is_issue: bool = False,
    canonical: str | None = None,
    picture: Markup | None = None,
) -> ClaimPage:
    """The page of `claim`. `review` dates it (from `history.reviews_of`); `report_href` is
    where "Report an error" leads (see `reviews.report_link`); `picture` is the evidence
    drawn (`site.pictures.claim_picture`)."""
    computed_rating = rating_of(claim)
    computed = VerdictView(
        computed_rating,
        LABELS[computed_rating],
        explanation=(
            claim.verdict.explanation if claim.verdict else "The claim could not be judged."
        ),
    )
    editorial = None
    if claim.editorial:
        e = claim.editorial.rating
        editorial = VerdictView(e, LABELS[e], reason=markdown(claim.editorial.reason))
    origins, cards = _evidence(claim, pub, links)
    return ClaimPage(
        id=claim.id,
        file=claim.file,
        text=markdown_inline(claim.claim),
        title=plain_text(claim.claim) or claim.id,
        kind=kind_label(claim),
        kind_noun=KIND_LABELS.get(claim.kind, claim.kind),
        tags=tuple(tag_label(t) for t in claim.tags),
        rating=claim.rating or computed_rating,
        computed=computed,
        editorial=editorial,
        methodology_href=links.to(methodology) if methodology else None,
        intro=_intro(claim),
        origins=origins,
        cards=cards,
        notes=markdown(claim.notes),
        edit_url=edit_url if edit_url and is_web_url(edit_url) else None,
        yaml_text=yaml_text,
        banner=problems,
        headline=editorial or computed,
        agreement=claim.agreement,
        independent=bool(claim.verdict and claim.verdict.independent),
        dateline=_dateline(review, claim.reviewers, site_name),
        corrections=tuple(
            CorrectionView(c.date.isoformat(), _day(c.date), markdown(c.text))
            for c in sorted(claim.corrections, key=lambda c: c.date, reverse=True)
        ),
        re_review=_re_review(claim, pub, links),
        report_href=report_href,
        report_is_issue=report_is_issue,
        canonical=canonical,
        picture=picture,
    )


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%B} {date.year}"


def _dateline(review: Review | None, reviewers: Sequence[str], site_name: str) -> Dateline:
    published = review.published if review else None
    updated = review.updated if review else None
    if updated is not None and updated == published:
        updated = None  # "Updated" the same day says nothing
    signed = tuple(reviewers) or ((site_name,) if site_name else ())
    return Dateline(
        published.isoformat() if published else None,
        _day(published) if published else None,
        updated.isoformat() if updated else None,
        _day(updated) if updated else None,
        signed,
    )


_SIDES = {
    "before": "the text before the passage",
    "passage": "the passage itself",
    "after": "the text after the passage",
}


def _re_review(claim: Claim, pub: Publication, links: Links) -> tuple[ReReview, ...]:
    out = []
    for e in claim.evidence:
        if e.suspect is None:
            continue
        source = pub.sources.get(e.source_id)
        href = None
        if source is not None and e.match is not None:
            href = links.to(source_uri(source.id), passage_id(e.match.spans[0]))
        sides = tuple(_SIDES.get(s, s) for s in e.suspect.sides)
        out.append(
            ReReview(
                source=_source_name(e.source_id, pub),
                href=href,
                changed=prose.join(sides),
                now=tuple(zip(sides, e.suspect.now, strict=False)),
            )
        )
    return tuple(out)


def _evidence(
    claim: Claim, pub: Publication, links: Links
) -> tuple[tuple[Origin, ...], tuple[Card, ...]]:
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

    origins: list[Origin] = []
    loose: list[Card] = []
    verdict = claim.verdict
    for group in sorted((g for g in groups if g), key=order):
        cards = [_card(s, by_source[s], claim, pub, links) for s in group]
        if len(cards) > 1:
            names = prose.join(_source_name(s, pub) for s in group)
            reasons = verdict.reasons(group) if verdict else ()
            origins.append(
                Origin(names, tuple(cards), tuple(_reason(x, pub, links) for x in reasons))
            )
        else:
            loose.extend(cards)
    return tuple(origins), tuple(loose)


def _reason(link: OriginLink, pub: Publication, links: Links) -> Reason:
    """Why two sources are one origin, as the page says it."""
    first, second = _source_name(link.first, pub), _source_name(link.second, pub)
    if link.reason == "relay":
        a, b = pub.sources.get(link.first), pub.sources.get(link.second)
        if a is not None and b is not None:
            if _names(a, b, pub):
                return Reason(f"{first} relays {second}")
            if _names(b, a, pub):
                return Reason(f"{second} relays {first}")
        return Reason(f"{first} and {second} relay the same report")
    text = f"{first} and {second} print the same {prose.count(link.words, 'word')}"
    if link.first in pub.sources:
        href = _shared_href(links, pub, link.first, link.second)
        return Reason(text, href, "the shared passage")
    return Reason(text)


def _names(relay: Source, original: Source, pub: Publication) -> bool:
    """Whether `relay`'s `derived_from` names `original` (by id, outlet or title)."""
    candidates = pub.sources.values()
    return any(original in verdicts.relayed(name, candidates) for name in relay.derived_from)


def _shared_href(links: Links, pub: Publication, page_of: str, other: str) -> str:
    """The passage `page_of`'s page shares with `other`, or the page when it lists at most
    the sources sharing the most words and `other` is not among them."""
    fragment = shared_id(other) if other in listed_sharing(page_of, pub) else ""
    return links.to(source_uri(page_of), fragment)


def shared_id(other_id: str) -> str:
    """The anchor, on a source page, of the wording it shares with source `other_id`."""
    return f"shared-{other_id}"


def _intro(claim: Claim) -> str:
    """What the cards show, and how far their values may differ: the claim's tolerance."""
    shows = (
        "Each card is one source, quoted word for word; the highlighted words are the value "
        "compared."
    )
    tolerance = claim.tolerance or DEFAULT_TOLERANCE.get(claim.kind)
    if tolerance is None:
        return shows
    which = "" if claim.tolerance else f", the default for a {KIND_LABELS[claim.kind]}"
    allowed = verdicts.tolerance_words(tolerance, claim.kind)
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
    return f"{shows} Tolerance: {allowed}{which}: {how}."


def _card(
    source_id: str, evidence: list[Evidence], claim: Claim, pub: Publication, links: Links
) -> Card:
    source = pub.sources.get(source_id)
    excerpts = tuple(_excerpt(e, source, claim, links) for e in evidence)
    changed = any(e.suspect is not None for e in evidence)
    if source is None:
        return Card(source_id, None, None, None, None, (), excerpts, changed=changed)
    flags = []
    for x in claim.verdict.flags_for(source_id) if claim.verdict else ():
        other = x.second if x.first == source_id else x.first
        flags.append(
            Flag(
                _source_name(other, pub),
                x.words,
                _shared_href(links, pub, source.id, other),
            )
        )
    return Card(
        source_id=source_id,
        title=source.title,
        href=links.to(source_uri(source.id)),
        outlet=source.outlet,
        published=source.published.isoformat() if source.published else None,
        relays=_relays(source, pub, links),
        excerpts=excerpts,
        flags=tuple(flags),
        changed=changed,
    )


def _relays(source: Source, pub: Publication, links: Links) -> tuple[Link, ...]:
    """What `source` relays: each `derived_from` name as the sources it stands for (by id,
    outlet or title, the way the judge counts relays), or as written when none."""
    out: list[Link] = []
    for name in source.derived_from:
        others = [s for s in verdicts.relayed(name, pub.sources.values()) if s.id != source.id]
        if not others:
            out.append(Link(name))
        for other in others:
            link = Link(other.title or other.id, links.to(source_uri(other.id)))
            if link not in out:
                out.append(link)
    return tuple(out)


def _excerpt(e: Evidence, source: Source | None, claim: Claim, links: Links) -> ExcerptView:
    value = e.value
    span = value.span if value else None
    if e.passage is not None:
        # Quoted word for word: the source's own characters, its figure marked.
        quote = mark_value(e.passage, passage_span(e.excerpt, e.passage, span))
    else:
        quote = mark_value(e.excerpt, span)
    view: dict[str, object] = {"quote": quote}
    if value is not None:
        view.update(
            value=value.display,
            unit=claim.unit if claim.unit and claim.kind == "quantity" else None,
            hedge=HEDGES.get(value.hedge or ""),
            derived=value.derived,
            # The quotation is highlighted above; repeating it word for word adds nothing.
            quotation_marked=value.kind == "quote" and value.span is not None and not value.derived,
            derivation=markdown_inline(e.derivation) if value.derived and e.derivation else None,
        )
    elif e.value_is_null:
        view["qualitative"] = True
    elif e.found:
        view["unreadable"] = True
    if e.match is not None and source is not None:
        view["href"] = links.to(source_uri(source.id), passage_id(e.match.spans[0]))
        view["paragraph"] = paragraph_of(source.text, e.match.start)
    elif source is not None:
        view["not_found"] = True
        near = e.near_miss
        if near is not None:
            view["near"] = NearView(
                near.line, f"{near.similarity:.0%}", near.passage, near.missing, near.extra
            )
    return ExcerptView(found=e.found, **view)  # type: ignore[arg-type]


def _source_name(source_id: str, pub: Publication) -> str:
    source = pub.sources.get(source_id)
    return (source.outlet or source.title) if source else source_id


@dataclass(frozen=True)
class Rule:
    rating: Rating
    meaning: Markup


@dataclass(frozen=True)
class ToleranceRow:
    kind: Kind
    label: str
    tolerance: str | None  # None: values must be the same


@dataclass(frozen=True)
class Rules:
    """The verdict rules, from the same module that applies them."""

    rules: tuple[Rule, ...]
    tolerances: tuple[ToleranceRow, ...]
    principles: tuple[Markup, ...]


def rules() -> Rules:
    def tolerance(kind: Kind) -> str | None:
        t = verdicts.DEFAULT_TOLERANCE[kind]
        return None if t.amount == 0 else t.text

    return Rules(
        rules=tuple(
            Rule(r.rating, markdown_inline(prose.sentence(r.meaning))) for r in verdicts.RULES
        ),
        tolerances=tuple(
            ToleranceRow(k, KIND_LABELS.get(k, k), tolerance(k))
            for k in verdicts.DEFAULT_TOLERANCES
        ),
        principles=tuple(markdown_inline(p) for p in verdicts.PRINCIPLES),
    )
