"""Reporting a checked publication: text for people, annotations for CI, JSON for data.

`as_json` is the one serialisation of the results: `factcheck check --format json` prints
it and the site writes its "claims" list as `/claims.json`, so the two always match.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .model import Claim, Evidence, Problem, Publication
from .prose import plural


def as_json(pub: Publication) -> dict[str, Any]:
    return {
        "claims": [claim_json(c) for c in pub.claims],
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "severity": p.severity,
                "message": p.message,
            }
            for p in pub.problems
        ],
    }


def claim_json(claim: Claim) -> dict[str, Any]:
    verdict = claim.verdict
    return {
        "id": claim.id,
        "file": claim.file,
        "claim": claim.claim,
        "kind": claim.kind,
        "unit": claim.unit,
        "tags": list(claim.tags),
        "verdict": verdict.rating if verdict else None,
        "explanation": verdict.explanation if verdict else None,
        "origins": [list(g) for g in verdict.origins] if verdict else [],
        "editorial_verdict": (
            {"rating": claim.editorial.rating, "reason": claim.editorial.reason}
            if claim.editorial
            else None
        ),
        "evidence": [evidence_json(e) for e in claim.evidence],
    }


def evidence_json(e: Evidence) -> dict[str, Any]:
    return {
        "source": e.source_id,
        "excerpt": e.excerpt,
        "found": e.found,
        "value": e.value.as_json() if e.value else None,
        "value_text": e.value.display if e.value else None,
        "hedge": e.value.hedge if e.value else None,
        "derived": bool(e.value and e.value.derived),
        "derivation": e.derivation,
        "qualitative": e.value_is_null,
        "line": e.where.line,
    }


def format_text(problems: Iterable[Problem], root: Path | None = None) -> str:
    """`file:line:column: severity: message`, each followed by the line it points at when
    the file can be read from `root`."""
    lines: list[str] = []
    cache: dict[str, list[str]] = {}
    for p in problems:
        lines.append(f"{p.file}:{p.line}:{p.column}: {p.severity}: {p.message}")
        if root is None:
            continue
        if p.file not in cache:
            cache[p.file] = _read_lines(root / p.file)
        source_lines = cache[p.file]
        if 0 < p.line <= len(source_lines):
            shown = source_lines[p.line - 1].expandtabs(1)
            lines.append(f"    {shown}")
            lines.append("    " + " " * min(max(p.column - 1, 0), len(shown)) + "^")
    return "\n".join(lines)


def format_github(problems: Iterable[Problem]) -> str:
    """GitHub Actions workflow commands, one annotation per problem."""
    return "\n".join(
        f"::{p.severity} file={_prop(p.file)},line={p.line},col={p.column}::{_data(p.message)}"
        for p in problems
    )


def summary(pub: Publication) -> str:
    errors = sum(p.severity == "error" for p in pub.problems)
    warnings = len(pub.problems) - errors
    return (
        f"{len(pub.claims)} {plural(len(pub.claims), 'claim')} and "
        f"{len(pub.sources)} {plural(len(pub.sources), 'source')} checked: "
        f"{errors} {plural(errors, 'error')}, {warnings} {plural(warnings, 'warning')}"
    )


def _read_lines(path: Path) -> list[str]:
    try:
        if path.is_symlink() or path.stat().st_size > 2_000_000:
            return []
        return path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _data(text: str) -> str:
    # The escapes GitHub's workflow-command parser undoes.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
