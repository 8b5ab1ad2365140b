"""How verdicts and kinds of claim are named and drawn for readers.

A badge always carries its verdict in words next to the colour, so the verdict survives
colour blindness, printing and the dark palette alike.
"""

from __future__ import annotations

from ..model import RATINGS, Claim, Kind, Rating

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
assert set(ORDER) == set(RATINGS) == set(LABELS) == set(ICONS)

# What each kind of claim checks, in a reader's words (the methodology page uses the same).
KIND_LABELS: dict[Kind, str] = {
    "quantity": "number",
    "tally": "vote count",
    "date": "date",
    "quote": "quotation",
    "text": "name or phrase",
}
HEDGES = {
    "approximate": "approximate",
    "lower-bound": "lower bound",
    "upper-bound": "upper bound",
}
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


def kind_label(claim: Claim) -> str:
    """`number of troops`, `date`, `quotation`: what the claim checks."""
    label = KIND_LABELS.get(claim.kind, claim.kind)
    if claim.kind == "quantity" and claim.unit:
        label += f" of {claim.unit}"
    return label


def tag_label(tag: str) -> str:
    """A tag as a reader reads it: `us-presence` is shown as `us presence`."""
    return tag.replace("-", " ")


def rating_of(claim: Claim) -> Rating:
    """The verdict a claim is listed, filtered and badged by."""
    return claim.verdict.rating if claim.verdict else "unverified"
