"""JSON Schemas (draft 2020-12) for claim files and source front matter.

Generated from `generator.fields`, the tables the loaders read their keys from, so an
editor's completion and the check agree on every key. The schema covers what a schema
can say (keys, types, required fields, choices, date and slug shapes); whether an excerpt
is in its source and what it states stays the job of `factcheck check`.

Claim files are YAML read with every scalar as text, so a field of text also accepts what
a YAML editor would read as a number or a boolean (`unit: 5`, `claim: yes`): the loader
takes those as text too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .fields import (
    CLAIM_FIELDS,
    DATE_PATTERN,
    FINGERPRINT_PATTERN,
    SLUG_PATTERN,
    SOURCE_FIELDS,
    TOLERANCE_PATTERN,
    Field,
    required,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "schema"
CLAIM_SCHEMA_FILE = "claim.json"
SOURCE_SCHEMA_FILE = "source.json"
# Where the site publishes them, relative to site_url.
CLAIM_SCHEMA_URL = "schema/claim.json"
SOURCE_SCHEMA_URL = "schema/source.json"

_TEXT: dict[str, Any] = {"type": ["string", "number", "boolean"], "minLength": 1}


def claim_schema() -> dict[str, Any]:
    """The JSON Schema of a claim file (`claims/<claim-id>.yaml`)."""
    return {
        "$schema": DRAFT,
        "title": "Fact-check claim",
        "description": (
            "One claim per file, claims/<claim-id>.yaml: the assertion, its kind and the "
            "excerpts of sources that state it. `factcheck check` verifies every excerpt."
        ),
        **_object(CLAIM_FIELDS),
    }


def source_schema() -> dict[str, Any]:
    """The JSON Schema of a source snapshot's front matter (`content/sources/<id>.md`)."""
    return {
        "$schema": DRAFT,
        "title": "Fact-check source front matter",
        "description": (
            "The YAML between the `---` lines at the top of content/sources/<source-id>.md; "
            "the article text follows, verbatim. Leave out what the article does not give."
        ),
        **_object(SOURCE_FIELDS),
    }


def schema_files() -> dict[str, str]:
    """The committed schema files' names and their exact content."""
    return {
        CLAIM_SCHEMA_FILE: _dump(claim_schema()),
        SOURCE_SCHEMA_FILE: _dump(source_schema()),
    }


def write_schemas(root: Path) -> list[Path]:
    """Write schema/claim.json and schema/source.json under `root`; the paths changed."""
    folder = root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    changed = []
    for name, text in schema_files().items():
        path = folder / name
        if not path.is_file() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
            changed.append(path)
    return changed


def stale_schemas(root: Path) -> list[str]:
    """The schema files under `root` that are missing or not what the code generates."""
    stale = []
    for name, text in schema_files().items():
        path = root / SCHEMA_DIR / name
        if not path.is_file() or path.read_text("utf-8") != text:
            stale.append(f"{SCHEMA_DIR}/{name}")
    return stale


def _dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def _object(fields: tuple[Field, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": {f.key: _property(f) for f in fields},
        "additionalProperties": False,
    }
    needed = required(fields)
    if needed:
        out["required"] = list(needed)
    dependent = {f.key: list(f.needs) for f in fields if f.needs}
    if dependent:
        out["dependentRequired"] = dependent
    return out


def _property(f: Field) -> dict[str, Any]:
    prop: dict[str, Any] = {"description": f.description}
    prop.update(_shape(f))
    if f.examples:
        prop["examples"] = list(f.examples)
    return prop


def _optional(schema: dict[str, Any], f: Field) -> dict[str, Any]:
    # An optional field may be left empty (`unit:`): the loader reads that as absent.
    if f.required:
        return schema
    return {"anyOf": [schema, {"type": "null"}]}


def _shape(f: Field) -> dict[str, Any]:
    if f.shape == "text":
        return _optional(dict(_TEXT), f)
    if f.shape == "slug":
        return _optional({"type": "string", "pattern": SLUG_PATTERN}, f)
    if f.shape == "date":
        return _optional({"type": "string", "pattern": DATE_PATTERN, "format": "date"}, f)
    if f.shape == "choice":
        return _optional({"enum": list(f.choices)}, f)
    if f.shape == "fingerprint":
        return _optional({"type": "string", "pattern": FINGERPRINT_PATTERN}, f)
    if f.shape == "tolerance":
        return _optional(
            {
                "anyOf": [
                    {"type": "number", "minimum": 0},
                    {"type": "string", "pattern": TOLERANCE_PATTERN},
                ]
            },
            f,
        )
    if f.shape == "value":
        return {"type": ["string", "number", "boolean", "null"]}
    if f.shape == "text-list":
        return _optional(
            {"anyOf": [{"type": "array", "items": dict(_TEXT)}, dict(_TEXT)]},
            f,
        )
    if f.shape == "mapping":
        return _optional(_object(f.fields), f)
    # mapping-list
    array: dict[str, Any] = {"type": "array", "items": _object(f.fields)}
    if f.min_items:
        array["minItems"] = f.min_items
    return _optional(array, f)
