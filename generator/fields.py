"""The fields of a claim file and of a source's front matter: one source of truth.

The loaders (`claims.py`, `sources.py`) take their allowed and required keys from these
tables, and `jsonschema.py` turns the same tables into the JSON Schemas editors use, so
the two cannot disagree about which keys exist, which are required and what they hold.
Descriptions are written for contributors: they are what an editor shows on hover.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .model import KINDS, RATINGS

# What a field holds, in contributor terms:
# - text: one piece of text (YAML may read `170` or `yes` as text too: all scalars are text)
# - date: an ISO date, YYYY-MM-DD
# - choice: one of `choices`
# - text-list: a list of texts, or a single text
# - value: a single value: text, a number, or null
# - tolerance: `5%`, a number, or a number of days/words
# - slug: a lower-case slug (letters a-z, digits, single hyphens)
# - fingerprint: three 8-digit hex hashes joined by hyphens (written by `factcheck review`)
# - mapping: key: value pairs, described by `fields`
# - mapping-list: a list of such mappings
Shape = Literal[
    "text",
    "date",
    "choice",
    "text-list",
    "value",
    "tolerance",
    "slug",
    "fingerprint",
    "mapping",
    "mapping-list",
]

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
FINGERPRINT_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$"
TOLERANCE_PATTERN = r"^[0-9]+(\.[0-9]+)?\s*(%|days?|words?)?$"


@dataclass(frozen=True)
class Field:
    key: str
    shape: Shape
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()  # for mapping and mapping-list
    examples: tuple[object, ...] = ()
    min_items: int = 0
    needs: tuple[str, ...] = ()  # keys that must be present with this one


def keys(fields: tuple[Field, ...]) -> tuple[str, ...]:
    return tuple(f.key for f in fields)


def required(fields: tuple[Field, ...]) -> tuple[str, ...]:
    return tuple(f.key for f in fields if f.required)


EVIDENCE_FIELDS: tuple[Field, ...] = (
    Field(
        "source",
        "slug",
        "The id of the source: its file name in content/sources/ without `.md`.",
        required=True,
        examples=("alwaght",),
    ),
    Field(
        "excerpt",
        "text",
        "The source's words, copied verbatim. Differences a reader cannot see (line breaks, "
        "curly quotes, dash variants) are ignored; `...` or `[...]` marks an omission.",
        required=True,
    ),
    Field(
        "value",
        "value",
        "The value this excerpt states, when it cannot be read on its own (several figures "
        "in the excerpt, or a `text` claim). Each of its numbers must appear in the excerpt. "
        "`null` marks the excerpt as qualitative support: shown, not counted.",
    ),
    Field(
        "derivation",
        "text",
        "How a value that the excerpt does not state word for word was worked out "
        "(e.g. 'Soleimani and al-Muhandis along with eight others' = 10). Needs `value:`.",
        needs=("value",),
    ),
    Field(
        "fingerprint",
        "fingerprint",
        "Written by `factcheck review`, not by hand: hashes of the text before, of and after "
        "the cited passage. When the source text around the passage changes, `factcheck "
        "check` warns that the claim needs re-review.",
    ),
)

VERDICT_FIELDS: tuple[Field, ...] = (
    Field(
        "rating",
        "choice",
        "The publication's own verdict. It is published as the rating; the computed "
        "verdict is still shown under it.",
        required=True,
        choices=RATINGS,
    ),
    Field(
        "reason",
        "text",
        "Why the editors rate the claim this way, in plain words (Markdown).",
        required=True,
    ),
)

CORRECTION_FIELDS: tuple[Field, ...] = (
    Field("date", "date", "When the correction was made (YYYY-MM-DD).", required=True),
    Field(
        "text",
        "text",
        "What was wrong and what changed (Markdown).",
        required=True,
    ),
)

CLAIM_FIELDS: tuple[Field, ...] = (
    Field(
        "claim",
        "text",
        "The assertion under review, as one sentence.",
        required=True,
        examples=("Around 5,000 US troops were in Iraq in January 2020.",),
    ),
    Field(
        "kind",
        "choice",
        "What kind of value the evidence states: a quantity (5,000 troops), a tally "
        "(170-0), a date, a quote (words in quotation marks) or a short text (a place name).",
        required=True,
        choices=KINDS,
    ),
    Field("unit", "text", "What a quantity counts (troops, people); shown with the figures."),
    Field(
        "tolerance",
        "tolerance",
        "How far values may differ and still be a minor discrepancy: a percentage (`5%`) "
        "or an absolute number (days for dates). Default: 5% for quantities, 0 for tallies "
        "and dates, 20% of words for quotes.",
        examples=("5%", 2),
    ),
    Field(
        "tags",
        "text-list",
        "Lower-case slugs grouping claims on the site.",
        examples=(["us-presence", "figures"],),
    ),
    Field(
        "evidence",
        "mapping-list",
        "The excerpts that support or contradict the claim, one or more, each quoting a "
        "source word for word.",
        required=True,
        fields=EVIDENCE_FIELDS,
        min_items=1,
    ),
    Field(
        "verdict",
        "mapping",
        "An editorial verdict, when the editors rate the claim differently from (or more "
        "precisely than) the computed verdict. Needs `rating:` and `reason:`.",
        fields=VERDICT_FIELDS,
    ),
    Field("notes", "text", "Commentary shown on the claim page (Markdown)."),
    Field(
        "reviewed",
        "date",
        "When the claim was first published (YYYY-MM-DD); otherwise taken from git history.",
    ),
    Field(
        "reviewers",
        "text-list",
        "Who checked the claim; otherwise the publication's name.",
        examples=(["Newsdesk"],),
    ),
    Field(
        "corrections",
        "mapping-list",
        "Corrections made after publication, newest first; shown on the claim page and in "
        "the corrections log.",
        fields=CORRECTION_FIELDS,
    ),
)

SOURCE_FIELDS: tuple[Field, ...] = (
    Field("title", "text", "The article's headline, as published.", required=True),
    Field("outlet", "text", "The publication that printed the article. Leave out if unknown."),
    Field("url", "text", "Where the article was published: an http(s) address."),
    Field(
        "published",
        "date",
        "The article's publication date (YYYY-MM-DD). Relative dates in the text (`on "
        "Tuesday`) are resolved against it. Leave out if the article does not give it.",
    ),
    Field(
        "language",
        "text",
        "The article's language (e.g. `en`); settles how `12.000` is read.",
    ),
    Field("retrieved", "date", "When this copy was archived (YYYY-MM-DD)."),
    Field(
        "derived_from",
        "text-list",
        "Ids, outlets or titles of reports this article relays (e.g. a wire story it "
        "quotes): they count as one origin with it.",
    ),
)
