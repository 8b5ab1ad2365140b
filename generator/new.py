"""`factcheck new`: a claim whose excerpt is already verified, or a source snapshot.

Both are written only after the text about to be written has been loaded by the same
loaders `factcheck check` uses, so what `new` writes, `check` accepts; neither ever
overwrites a file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import extract
from .claims import load_claim
from .config import check_repository, read_folders
from .engine import verify
from .files import TextFile
from .jsonschema import CLAIM_SCHEMA_FILE, SCHEMA_DIR
from .model import KINDS, Kind, Problem, Value
from .schema import SLUG, did_you_mean
from .sources import load_source

SCHEMA_LINE = f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{CLAIM_SCHEMA_FILE}\n"
# Tried in this order when no kind is given: the most specific reading first.
_FIGURE_KINDS: tuple[Kind, ...] = ("tally", "date", "quantity")
_PLAIN = re.compile(r"[A-Za-z0-9(][^\n#:]*[^\s:]|[A-Za-z0-9]")


@dataclass
class Outcome:
    path: Path | None = None  # what was written; None when nothing was
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Metadata:
    title: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None


def yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar that reads back as exactly that text."""
    if _PLAIN.fullmatch(text):
        try:
            if yaml.safe_load(text) == text:
                return text
        except (yaml.YAMLError, ValueError):  # e.g. `2020-02-30`, which PyYAML takes for a date
            pass
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)


def _refused_target(root: Path, ident: str, what: str, rel: str) -> Problem | None:
    """Why `rel` may not be written for a new `what` called `ident`: a bad id, or a file
    already there (never overwritten)."""
    if not SLUG.fullmatch(ident):
        return Problem(
            rel,
            1,
            1,
            "error",
            f"`{ident}` is not a {what} id: use a lower-case slug (letters a-z, digits, single "
            "hyphens)",
        )
    if (root / rel).exists():
        return Problem(rel, 1, 1, "error", f"{rel} exists: not overwritten")
    return None


def _write_new(root: Path, rel: str, text: str, out: Outcome) -> Outcome:
    """Write `text` to `rel`, creating its folder; a file that appeared meanwhile is kept
    (exclusive creation, never an overwrite)."""
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(root / rel, "x", encoding="utf-8") as f:
            f.write(text)
    except FileExistsError:
        out.problems.append(Problem(rel, 1, 1, "error", f"{rel} exists: not overwritten"))
        return out
    out.path = root / rel
    return out


def new_claim(
    root: Path,
    ident: str,
    source_id: str,
    excerpt: str,
    kind: str | None = None,
    claim_text: str | None = None,
) -> Outcome:
    root = root.resolve()
    out = Outcome()
    folders = read_folders(root)
    rel = f"{folders.claims}/{ident}.yaml"
    refused = _refused_target(root, ident, "claim", rel)
    if refused:
        out.problems.append(refused)
        return out
    pub, _ = check_repository(root)
    source = pub.sources.get(source_id)
    if source is None:
        out.problems.append(
            Problem(
                f"{folders.sources}/{source_id}.md",
                1,
                1,
                "error",
                f"no source `{source_id}` loads from {folders.sources}/"
                f"{did_you_mean(source_id, sorted(pub.sources))}",
            )
        )
        return out
    if not excerpt.strip():
        out.problems.append(Problem(rel, 1, 1, "error", "the excerpt is empty"))
        return out
    chosen, value = _kind(kind, excerpt, source.published)
    text = _claim_text(ident, source_id, excerpt, chosen, claim_text, value)
    problems: list[Problem] = []
    claim = load_claim(TextFile(ident, rel, text), problems)
    if claim is not None:
        for evidence in claim.evidence:
            verify(evidence, source, {}, problems)
    errors = [p for p in problems if p.severity == "error"]
    if claim is None or errors:
        out.problems.extend(errors or problems)
        return out
    if isinstance(value, extract.Unreadable):
        out.notes.append(f"note: {value.message} Add `value:` to {rel}.")
    elif value is not None:
        out.notes.append(f"the engine reads {chosen}: {value.display}")
    if claim_text is None:
        out.notes.append(f"note: `claim:` repeats the excerpt; write the assertion in {rel}")
    return _write_new(root, rel, text, out)


def _kind(
    kind: str | None, excerpt: str, published: object
) -> tuple[Kind, Value | extract.Unreadable | None]:
    import datetime as dt

    when = published if isinstance(published, dt.date) else None
    if kind is not None:
        chosen = next(k for k in KINDS if k == kind)
        return chosen, extract.read_value(
            chosen, excerpt, given=None, derivation=None, published=when
        )
    readings = {
        guess: extract.read_value(guess, excerpt, given=None, derivation=None, published=when)
        for guess in _FIGURE_KINDS
    }
    for guess, got in readings.items():
        if isinstance(got, Value):
            return guess, got
    # A figure the engine sees but cannot settle alone (a date without a year, several
    # figures): that kind, with the engine's message saying what to add.
    for guess, got in readings.items():
        if isinstance(got, extract.Unreadable) and "states no" not in got.message:
            return guess, got
    if any(mark in excerpt for mark in '"“”«»„'):
        quoted = extract.read_value("quote", excerpt, given=None, derivation=None, published=when)
        return "quote", quoted
    return "text", extract.read_value("text", excerpt, given=None, derivation=None, published=when)


def _claim_text(
    ident: str,
    source_id: str,
    excerpt: str,
    kind: Kind,
    claim_text: str | None,
    value: Value | extract.Unreadable | None,
) -> str:
    lines = [
        SCHEMA_LINE.rstrip("\n"),
        f"claim: {yaml_scalar(' '.join((claim_text or excerpt).split()))}",
        f"kind: {kind}",
        "evidence:",
        f"  - source: {source_id}",
        f"    excerpt: {yaml_scalar(excerpt)}",
    ]
    if isinstance(value, Value):
        lines.append(f"    # the engine reads: {' '.join(value.display.split())}")
    return "\n".join(lines) + "\n"


def new_source(root: Path, ident: str, data: bytes, meta: Metadata) -> Outcome:
    root = root.resolve()
    out = Outcome()
    sources_dir = read_folders(root).sources
    rel = f"{sources_dir}/{ident}.md"
    refused = _refused_target(root, ident, "source", rel)
    if refused:
        out.problems.append(refused)
        return out
    try:
        body = data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        out.problems.append(
            Problem("-", 1, 1, "error", f"the article text is not UTF-8 (byte {exc.start})")
        )
        return out
    front = [f"title: {yaml_scalar(meta.title)}"]
    for key in ("outlet", "url", "published", "language"):
        value = getattr(meta, key)
        if value is not None:
            front.append(f"{key}: {yaml_scalar(value)}")
    text = "---\n" + "\n".join(front) + "\n---\n\n" + body.lstrip("\n")
    if not text.endswith("\n"):
        text += "\n"
    problems: list[Problem] = []
    load_source(TextFile(ident, rel, text), problems)
    if problems:
        out.problems.extend(problems)
        return out
    return _write_new(root, rel, text, out)
