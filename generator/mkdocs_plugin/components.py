"""Small pieces of HTML shared by the generated pages: verdict badges, the claim list, and
the banner that shows a publication's problems under `mkdocs serve`.

A badge always carries its verdict in words next to the colour, so the verdict survives
colour blindness, printing and the dark palette alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from ..model import RATINGS, Claim, Kind, Problem, Rating
from .render import attrs, escape, plain_text
from .urls import claim_uri, page_url, relative

LABELS: dict[Rating, str] = {
    "unverified": "Unverified",
    "single-source": "Single source",
    "consistent": "Consistent",
    "minor-discrepancy": "Minor discrepancy",
    "conflicting": "Conflicting",
}
# Shapes as well as colours; decorative, since the words are always there.
ICONS: dict[Rating, str] = {
    "unverified": "?",
    "single-source": "①",
    "consistent": "✓",
    "minor-discrepancy": "≈",
    "conflicting": "✗",
}
# Most telling first: what a reader scanning the list wants to see.
ORDER: tuple[Rating, ...] = (
    "conflicting",
    "minor-discrepancy",
    "consistent",
    "single-source",
    "unverified",
)
assert set(ORDER) == set(RATINGS)

# What each kind of claim checks, in a reader's words (the methodology page uses the same).
KIND_LABELS: dict[Kind, str] = {
    "quantity": "number",
    "tally": "vote count",
    "date": "date",
    "quote": "quotation",
    "text": "name or phrase",
}


def kind_label(claim: Claim) -> str:
    """`number of troops`, `date`, `quotation`: what the claim checks."""
    label = KIND_LABELS.get(claim.kind, claim.kind)
    if claim.kind == "quantity" and claim.unit:
        label += f" of {claim.unit}"
    return label


def tag_label(tag: str) -> str:
    """A tag as a reader reads it: `us-presence` is shown as `us presence`."""
    return tag.replace("-", " ")


def badge(rating: Rating, *, title: str | None = None) -> str:
    return (
        f'<span class="fc-badge fc-badge--{rating}" data-verdict="{rating}"{attrs(title=title)}>'
        f'<span class="fc-badge__icon" aria-hidden="true">{ICONS[rating]}</span> '
        f'<span class="fc-badge__text">{LABELS[rating]}</span></span>'
    )


def rating_of(claim: Claim) -> Rating:
    return claim.verdict.rating if claim.verdict else "unverified"


def claim_list(claims: Sequence[Claim], here: str, use_directory_urls: bool = True) -> str:
    """Every claim with its verdict; a script turns the hidden controls into a filter."""
    counts = Counter(rating_of(c) for c in claims)
    buttons = [
        '<button type="button" class="fc-filter__button" data-verdict="" aria-pressed="true">'
        f'All <span class="fc-count">{len(claims)}</span></button>'
    ]
    for rating in ORDER:
        if counts[rating]:
            buttons.append(
                f'<button type="button" class="fc-filter__button" data-verdict="{rating}" '
                f'aria-pressed="false">{badge(rating)} '
                f'<span class="fc-count">{counts[rating]}</span></button>'
            )
    items = [_claim_item(c, here, use_directory_urls) for c in claims]
    return (
        '<div class="fc-claims" data-fc-claims>'
        '<div class="fc-filter" data-search-exclude hidden>'
        '<div class="fc-filter__verdicts" role="group" aria-label="Show claims by verdict">'
        + "\n".join(buttons)
        + "</div>"
        '<label class="fc-filter__label">Find a claim '
        '<input type="search" class="fc-filter__search" autocomplete="off" '
        'placeholder="Type a word of the claim"></label>'
        '<p class="fc-filter__status" aria-live="polite"></p>'
        "</div>"
        '<ul class="fc-claim-list">\n' + "\n".join(items) + "</ul>\n"
        '<p class="fc-claims__none" hidden>No claim matches.</p>'
        "</div>"
    )


def _claim_item(claim: Claim, here: str, use_directory_urls: bool) -> str:
    rating = rating_of(claim)
    href = relative(page_url(claim_uri(claim.id), use_directory_urls), here)
    editorial = ""
    if claim.editorial and claim.editorial.rating != rating:
        editorial = (
            '<span class="fc-claim-item__editorial">Editors’ verdict: '
            f"{badge(claim.editorial.rating)}</span>"
        )
    tags = "".join(f' <span class="fc-tag">{escape(tag_label(t))}</span>' for t in claim.tags)
    return (
        f'<li class="fc-claim-item" data-verdict="{rating}">'
        f'<span class="fc-claim-item__verdict">{badge(rating)}</span>'
        f'<span class="fc-claim-item__body"><a class="fc-claim-item__text" href="{escape(href)}">'
        f"{escape(plain_text(claim.claim))}</a>"
        f'<span class="fc-claim-item__meta">{editorial}'
        f'<span class="fc-kind">{escape(kind_label(claim))}</span>'
        f"{tags}</span></span></li>"
    )


def problems_banner(problems: Iterable[Problem], what: str) -> str:
    """The problems a page is affected by, in the same words as `factcheck check`."""
    listed = sorted(problems, key=Problem.sort_key)
    if not listed:
        return ""
    errors = sum(p.severity == "error" for p in listed)
    kind = "failure" if errors else "warning"
    items = "\n".join(
        f"<li><code>{escape(f'{p.file}:{p.line}:{p.column}')}</code>: "
        f"{escape(p.severity)}: {escape(p.message)}</li>"
        for p in listed
    )
    count = f"{len(listed)} problem{'s' if len(listed) != 1 else ''}"
    return (
        f'<div class="admonition {kind} fc-problems" role="alert" data-search-exclude>'
        f'<p class="admonition-title">{count} in {escape(what)}</p>'
        "<p>This preview shows them until they are fixed; "
        "<code>mkdocs build</code> refuses to publish with errors.</p>"
        f"<ul>{items}</ul></div>"
    )
