"""Page contexts: a checked publication turned into the plain data the templates show.

Nothing here writes HTML. Contributor text stays a `str` (the templates escape it) unless it
is Markdown, which arrives as `Markup` only after `sanitize` has rendered and cleaned it.
Links are already relative to the page they appear on: generated pages are injected after
MkDocs rewrote links, and the site may be served from any sub-path.

New things a page shows belong in these dataclasses first, then in a template, so a
publication's own template overrides keep working with the data they already use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from .. import prose, verdicts
from ..model import Claim, Evidence, Kind, Problem, Publication, Rating, Source
from ..verdicts import DEFAULT_TOLERANCE
from .highlight import mark_value
from .labels import HEDGES, KIND_LABELS, LABELS, kind_label, rating_of, tag_label
from .sanitize import is_web_url, markdown, markdown_inline, plain_text
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
class Card:
    """One source's voice on a claim: its excerpts, one card however many there are."""

    source_id: str
    title: str | None  # None: no snapshot with this id
    href: str | None
    outlet: str | None
    published: str | None
    relays: tuple[Link, ...]
    excerpts: tuple[ExcerptView, ...]


@dataclass(frozen=True)
class Origin:
    """Sources counted as one voice (they relay the same report)."""

    names: str
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class VerdictView:
    rating: Rating
    label: str
    explanation: str = ""  # plain text (computed)
    reason: Markup | None = None  # rendered Markdown (editorial)


@dataclass(frozen=True)
class ClaimPage:
    id: str
    file: str
    text: Markup  # the assertion, inline Markdown
    title: str  # plain text
    kind: str  # what it checks: "number of troops"
    kind_noun: str  # "number", "date": what a passage of support states none of
    tags: tuple[str, ...]
    rating: Rating  # what the claim is listed by
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
    anchors: frozenset[str] = field(default=frozenset({"evidence", "notes", "claim-file"}))
    # The evidence drawn (number line, date line, quotation differences): `site.pictures`.
    picture: Markup | None = None


def claim_page(
    claim: Claim,
    pub: Publication,
    links: Links,
    *,
    methodology: str | None = None,
    edit_url: str | None = None,
    yaml_text: str | None = None,
    problems: Banner | None = None,
) -> ClaimPage:
    rating = rating_of(claim)
    computed = VerdictView(
        rating,
        LABELS[rating],
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
        rating=rating,
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
    )


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
    for group in sorted((g for g in groups if g), key=order):
        cards = [_card(s, by_source[s], claim, pub, links) for s in group]
        if len(cards) > 1:
            names = prose.join(_source_name(s, pub) for s in group)
            origins.append(Origin(names, tuple(cards)))
        else:
            loose.extend(cards)
    return tuple(origins), tuple(loose)


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
    return f"{shows} Tolerance: {tolerance.text}{which}: {how}."


def _card(
    source_id: str, evidence: list[Evidence], claim: Claim, pub: Publication, links: Links
) -> Card:
    source = pub.sources.get(source_id)
    excerpts = tuple(_excerpt(e, source, claim, links) for e in evidence)
    if source is None:
        return Card(source_id, None, None, None, None, (), excerpts)
    return Card(
        source_id=source_id,
        title=source.title,
        href=links.to(source_uri(source.id)),
        outlet=source.outlet,
        published=source.published.isoformat() if source.published else None,
        relays=_relays(source, pub, links),
        excerpts=excerpts,
    )


def _relays(source: Source, pub: Publication, links: Links) -> tuple[Link, ...]:
    out = []
    for name in source.derived_from:
        other = pub.sources.get(name)
        if other is not None:
            out.append(Link(other.title, links.to(source_uri(other.id))))
        else:
            out.append(Link(name))
    return tuple(out)


def _excerpt(e: Evidence, source: Source | None, claim: Claim, links: Links) -> ExcerptView:
    value = e.value
    view: dict[str, object] = {"quote": mark_value(e.excerpt, value.span if value else None)}
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


def claim_review(claim: Claim, pub: Publication, site_name: str) -> dict[str, object]:
    """schema.org ClaimReview data; the template writes it through `tojson`."""
    rating = rating_of(claim)
    appearances: list[dict[str, object]] = []
    seen: set[str] = set()
    for e in claim.evidence:
        source = pub.sources.get(e.source_id)
        if source is None or not e.found or source.id in seen:
            continue
        seen.add(source.id)
        work: dict[str, object] = {"@type": "CreativeWork", "headline": source.title}
        if source.url and is_web_url(source.url):
            work["url"] = source.url
        if source.outlet:
            work["publisher"] = {"@type": "Organization", "name": source.outlet}
        if source.published:
            work["datePublished"] = source.published.isoformat()
        appearances.append(work)
    return {
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
