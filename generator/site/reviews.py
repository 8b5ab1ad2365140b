"""What a claim page tells machines and gives readers to answer back: the schema.org
ClaimReview, the `og:` tags of link previews, and where "Report an error" leads.

The ClaimReview carries the publication's verdict (`Claim.rating`), the same one the page
headlines, and is written into the page by the template through `tojson` only.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from ..history import Review
from ..model import Claim, Publication
from .labels import LABELS, rating_of
from .sanitize import is_web_url, plain_text

# Link previews cut descriptions at about this length anyway; longer only weighs the page.
_DESCRIPTION = 300


def claim_review(
    claim: Claim,
    pub: Publication,
    site_name: str,
    *,
    url: str | None = None,
    site_url: str | None = None,
    review: Review | None = None,
) -> dict[str, object]:
    """schema.org ClaimReview data of `claim`, whose page is at `url` (absolute)."""
    rating = claim.rating or rating_of(claim)
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
    author: dict[str, object] = {"@type": "Organization", "name": site_name}
    if site_url and is_web_url(site_url):
        author["url"] = site_url
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": plain_text(claim.claim),
    }
    if url:
        data["url"] = url
    if review is not None and review.published is not None:
        data["datePublished"] = review.published.isoformat()
    if review is not None and review.updated is not None:
        data["dateModified"] = review.updated.isoformat()
    data["author"] = author
    data["reviewRating"] = {
        "@type": "Rating",
        "alternateName": rating,
        "name": LABELS[rating],
        "ratingExplanation": _explanation(claim),
    }
    data["itemReviewed"] = {"@type": "Claim", "appearance": appearances}
    if claim.corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "datePublished": c.date.isoformat(),
                "text": plain_text(c.text),
            }
            for c in sorted(claim.corrections, key=lambda c: c.date, reverse=True)
        ]
    return data


def _explanation(claim: Claim) -> str:
    """Why the publication's verdict: the editors' reason when it is theirs."""
    if claim.editorial is not None:
        return plain_text(claim.editorial.reason)
    return claim.verdict.explanation if claim.verdict else ""


def og_tags(claim: Claim, site_name: str, url: str | None = None) -> tuple[tuple[str, str], ...]:
    """`og:` properties and their content for a link preview of the claim's page."""
    rating = claim.rating or rating_of(claim)
    why = _explanation(claim)
    description = f"{LABELS[rating]}. {why}".strip()
    if len(description) > _DESCRIPTION:
        description = description[: _DESCRIPTION - 1].rsplit(" ", 1)[0] + "…"
    tags = [
        ("og:type", "article"),
        ("og:site_name", site_name),
        ("og:title", plain_text(claim.claim) or claim.id),
        ("og:description", description),
    ]
    if url:
        tags.append(("og:url", url))
    return tuple(tags)


def report_link(
    repo_url: str | None, claim_id: str, page_url: str | None, contact: str | None
) -> tuple[str | None, bool]:
    """Where "Report an error" leads, and whether it opens a pre-filled issue.

    A repository on GitHub or GitLab gets a new-issue link with the claim's id and page
    URL filled in; any other publication its `contact` (the corrections page's contact
    section, already relative to the claim page), or nothing when it has none.
    """
    if repo_url and is_web_url(repo_url):
        parts = urlsplit(repo_url)
        base = repo_url.rstrip("/")
        if base.endswith(".git"):
            base = base[: -len(".git")]
        title = f"Error in claim {claim_id}"
        body = (
            f"Claim: {claim_id}\n"
            + (f"Page: {page_url}\n" if page_url else "")
            + "\nWhat is wrong, and the passage that shows it:\n"
        )
        host = parts.hostname or ""
        if host == "github.com" or host.endswith(".github.com"):
            return f"{base}/issues/new?{urlencode({'title': title, 'body': body})}", True
        if host == "gitlab.com" or host.startswith("gitlab."):
            query = urlencode({"issue[title]": title, "issue[description]": body})
            return f"{base}/-/issues/new?{query}", True
    return contact, False
