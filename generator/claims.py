"""Loading claims: `claims/<claim-id>.yaml`, one claim per file.

Recognises the contract's claim schema (the fields of `generator.fields.CLAIM_FIELDS`)
and turns it into a `Claim` whose every field remembers where it was
written. Nothing is judged here; excerpts and values are checked by later stages.
"""

from __future__ import annotations

import difflib
import itertools
import re
from sys import intern
from typing import cast

from .fields import (
    CLAIM_FIELDS,
    CORRECTION_FIELDS,
    EVIDENCE_FIELDS,
    FINGERPRINT_PATTERN,
    VERDICT_FIELDS,
    keys,
)
from .files import TextFile
from .model import (
    KINDS,
    RATINGS,
    Claim,
    Correction,
    EditorialVerdict,
    Evidence,
    Kind,
    Position,
    Problem,
    Rating,
    Tolerance,
)
from .schema import SLUG, Fields
from .textrules import check_scalars
from .yamlsafe import Mapping, Scalar, YamlError, describe, parse

# The keys come from the field definitions the JSON Schema is generated from.
CLAIM_KEYS = keys(CLAIM_FIELDS)
EVIDENCE_KEYS = keys(EVIDENCE_FIELDS)
VERDICT_KEYS = keys(VERDICT_FIELDS)
CORRECTION_KEYS = keys(CORRECTION_FIELDS)
_FINGERPRINT = re.compile(FINGERPRINT_PATTERN)
_TOLERANCE = re.compile(r"(\d+(?:\.\d+)?)\s*(%|days?|words?)?")


def load_claim(file: TextFile, problems: list[Problem]) -> Claim | None:
    """A Claim from one file, or None (with problems) when it is unusable."""
    try:
        node = parse(file.text)
    except YamlError as exc:
        problems.append(Problem(file.file, exc.line, exc.column, "error", exc.message))
        return None
    if node is None:
        problems.append(
            Problem(
                file.file,
                1,
                1,
                "error",
                "the claim file is empty: it needs `claim:`, `kind:` and `evidence:`",
            )
        )
        return None
    if not isinstance(node, Mapping):
        problems.append(
            Problem(
                file.file,
                node.line,
                node.column,
                "error",
                f"a claim file is a mapping (key: value pairs), not {describe(node)}",
            )
        )
        return None
    check_scalars(file.file, node, problems, file.text)
    fields = Fields(file.file, node, CLAIM_KEYS, problems, "a claim")
    text = fields.scalar("claim", required=True)
    kind = cast("Kind | None", fields.choice("kind", KINDS, required=True))
    if kind is None:
        kind = _likely_kind(fields.get("kind"))
    unit = fields.optional_text("unit")
    if unit is not None:
        unit = intern(unit)  # a handful of units recur across the publication
    notes = fields.optional_text("notes")
    if notes is not None:
        notes = intern(notes)  # one copy of a note that several claims share
    tags = fields.text_list("tags")
    for tag in tags:
        if not SLUG.fullmatch(tag):
            fields.error(fields.get("tags") or node, f"tag `{tag}` is not a lower-case slug")
    tolerance = _tolerance(fields, kind)
    editorial = _editorial(fields)
    reviewed = fields.date("reviewed")
    reviewers = fields.text_list("reviewers")
    corrections = _corrections(fields)
    evidence = [
        ev
        for item in fields.items("evidence", required=True)
        if (ev := _evidence(fields, item)) is not None
    ]
    if text is None or kind is None:
        return None
    # A claim with other problems is still returned, so that its remaining evidence is
    # checked in the same run and the site can show the problems on its page.
    return Claim(
        id=file.id,
        file=file.file,
        claim=text.value,
        kind=kind,
        where=Position(file.file, 1, 1),
        evidence=evidence,
        unit=unit,
        tolerance=tolerance,
        tags=tags,
        editorial=editorial,
        notes=notes,
        reviewed=reviewed,
        reviewers=reviewers,
        corrections=corrections,
    )


def _likely_kind(node: object) -> Kind | None:
    """The kind a misspelt `kind:` most likely means ("quantitiy"), so that the claim's
    other errors are still found in the same run; the misspelling itself is an error."""
    if not isinstance(node, Scalar) or node.is_null:
        return None
    close = difflib.get_close_matches(node.value.strip().lower(), KINDS, n=1, cutoff=0.6)
    return cast(Kind, close[0]) if close else None


def _tolerance(fields: Fields, kind: Kind | None) -> Tolerance | None:
    node = fields.scalar("tolerance")
    if node is None:
        return None
    text = node.value
    m = _TOLERANCE.fullmatch(text.strip())
    unit = m[2] if m else None
    if (
        m is None
        or (unit and unit.startswith("day") and kind != "date")
        or (unit and unit.startswith("word") and kind not in ("quote", "text"))
    ):
        fields.error(
            node,
            f"`tolerance` must be a percentage (`5%`) or a non-negative number"
            f"{' of days' if kind == 'date' else ''}, not `{text}`",
        )
        return None
    amount = float(m[1])
    if unit == "%":
        return Tolerance(amount / 100, relative=True, text=text.strip())
    return Tolerance(amount, relative=False, text=text.strip())


def _editorial(fields: Fields) -> EditorialVerdict | None:
    node = fields.mapping("verdict")
    if node is None:
        return None
    sub = Fields(fields.file, node, VERDICT_KEYS, fields.problems, "an editorial `verdict`")
    rating = sub.choice("rating", RATINGS, required=True)
    reason = sub.text("reason")
    if rating is not None and reason is None:
        sub.error(node, "an editorial `verdict` needs `reason:` saying why, in plain words")
    if rating is None or reason is None:
        return None
    return EditorialVerdict(cast(Rating, rating), reason[0], reason[1])


def _corrections(fields: Fields) -> tuple[Correction, ...]:
    out: list[Correction] = []
    for item in fields.items("corrections"):
        if not isinstance(item, Mapping):
            fields.error(
                item, f"each correction is a mapping with `date:` and `text:`, not {describe(item)}"
            )
            continue
        sub = Fields(fields.file, item, CORRECTION_KEYS, fields.problems, "a correction")
        date = sub.date("date")
        if sub.get("date") is None:
            sub.error(item, "a correction needs `date:` (YYYY-MM-DD)")
        text = sub.text("text", required=True)
        if date is not None and text is not None:
            out.append(Correction(date, text[0], sub.at(item)))
    for newer, older in itertools.pairwise(out):
        if newer.date < older.date:
            fields.problems.append(
                Problem.at(
                    older.where,
                    f"corrections are listed newest first: {older.date.isoformat()} comes "
                    f"after {newer.date.isoformat()}; move it up",
                )
            )
    return tuple(out)


def _evidence(fields: Fields, item: object) -> Evidence | None:
    if not isinstance(item, Mapping):
        node = cast(Scalar, item)
        fields.error(
            node,
            f"each evidence item is a mapping with `source:` and `excerpt:`, not {describe(node)}",
        )
        return None
    sub = Fields(fields.file, item, EVIDENCE_KEYS, fields.problems, "an evidence item")
    source = sub.text("source", required=True)
    bad_source = False
    if source is not None and not SLUG.fullmatch(source[0]):
        bad_source = True
        looks_like_path = any(c in source[0] for c in "/\\.")
        fields.problems.append(
            Problem.at(
                source[1],
                f"`source` is a source id (a file name in content/sources/ without `.md`)"
                f"{', not a path' if looks_like_path else ''}: `{source[0]}`",
            )
        )
    excerpt = sub.text("excerpt", required=True)
    derivation = sub.text("derivation")  # with its place: a problem may point at it
    value_node = sub.get("value")
    given: str | None = None
    is_null = False
    if isinstance(value_node, Scalar):
        if value_node.is_null:
            is_null = True
        else:
            given = intern(value_node.value.strip())
    elif value_node is not None:
        sub.error(value_node, f"`value` must be a single value, not {describe(value_node)}")
    fingerprint = sub.text("fingerprint")
    if fingerprint is not None and not _FINGERPRINT.fullmatch(fingerprint[0].strip()):
        fields.problems.append(
            Problem.at(
                fingerprint[1],
                "`fingerprint` is written by `factcheck review`, not by hand: delete it and "
                "run `factcheck review` on this claim",
            )
        )
        fingerprint = None
    if derivation is not None and given is None:
        fields.problems.append(
            Problem.at(derivation[1], "`derivation` explains a `value:`; add the value")
        )
    if source is None or excerpt is None or bad_source:
        return None
    return Evidence(
        source_id=intern(source[0]),  # cited again and again, and a key of lookups
        excerpt=intern(excerpt[0]),  # claims quoting the same passage share one copy
        where=excerpt[1],
        given_value=given,
        value_is_null=is_null,
        value_where=sub.at(value_node) if value_node is not None else None,
        derivation=derivation[0] if derivation else None,
        source_where=source[1],
        fingerprint=fingerprint[0].strip() if fingerprint else None,
        fingerprint_where=fingerprint[1] if fingerprint else None,
    )
