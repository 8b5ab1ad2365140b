"""Reporting a checked publication: text for people, annotations for CI, JSON for data.

`as_json` is the one serialisation of the results: `factcheck check --format json` prints
it and the site writes its "claims" list as `/claims.json`, so the two always match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .files import read_text
from .model import Claim, Evidence, OriginLink, Problem, Publication
from .prose import plural

MAX_LINE = 160  # characters of an offending line shown, around its column
MAX_MESSAGE = 1000  # characters of a message shown, its start and its end
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


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
        "rating": claim.rating,
        "verdict": verdict.rating if verdict else None,
        "explanation": verdict.explanation if verdict else None,
        "origins": [list(g) for g in verdict.origins] if verdict else [],
        "origin_links": [_link_json(x) for x in verdict.links] if verdict else [],
        "shared_wording": [_link_json(x) for x in verdict.flags] if verdict else [],
        "editorial_verdict": (
            {"rating": claim.editorial.rating, "reason": claim.editorial.reason}
            if claim.editorial
            else None
        ),
        "agreement": claim.agreement,
        "evidence": [evidence_json(e) for e in claim.evidence],
    }


def _link_json(link: OriginLink) -> dict[str, Any]:
    return {
        "sources": list(link.sources),
        "reason": link.reason,
        "words": link.words or None,
    }


def evidence_json(e: Evidence) -> dict[str, Any]:
    return {
        "source": e.source_id,
        "excerpt": e.excerpt,
        "passage": e.passage,
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
    the file can be read from `root`.

    What contributors wrote reaches a terminal or a CI log here, so control characters are
    shown escaped (`\\n`, `\\x1b`), no line can start a workflow command (`::…`), and a
    long line is clipped around the column it points at."""
    lines: list[str] = []
    cache: dict[str, list[str]] = {}
    for p in problems:
        lines.append(
            _defuse(f"{visible(p.file)}:{p.line}:{p.column}: {p.severity}: {_message(p.message)}")
        )
        if root is None:
            continue
        if p.file not in cache:
            cache[p.file] = _read_lines(root / p.file)
        source_lines = cache[p.file]
        if 0 < p.line <= len(source_lines):
            shown, caret = clip_around(source_lines[p.line - 1], p.column)
            lines.append(_defuse("    " + shown))
            lines.append("    " + " " * caret + "^")
    return "\n".join(lines)


def format_github(problems: Iterable[Problem]) -> str:
    """GitHub Actions workflow commands, one annotation per problem."""
    return "\n".join(
        f"::{p.severity} file={_prop(visible(p.file))},line={p.line},col={p.column}"
        f"::{_data(_message(p.message))}"
        for p in problems
    )


def visible(text: str) -> str:
    """`text` with every control character (C0, DEL, C1), line or paragraph separator and
    direction control written as an escape, so that it prints on one line as it is."""
    return _HIDDEN.sub(_escape, text)


def clip_around(line: str, column: int, width: int = MAX_LINE) -> tuple[str, int]:
    """At most `width` characters of `line` around `column` (1-based), `…` marking what is
    cut, made visible; and the offset of the column in what is shown, for a caret."""
    line = line.expandtabs(1)  # one column per tab, so the caret stays under its character
    at = min(max(column - 1, 0), len(line))
    start = max(0, min(at - width // 2, len(line) - width))
    end = min(len(line), start + width)
    before = ("…" if start else "") + visible(line[start:at])
    after = visible(line[at:end]) + ("…" if end < len(line) else "")
    return before + after, len(_defuse(before))


def summary(pub: Publication) -> str:
    errors = sum(p.severity == "error" for p in pub.problems)
    warnings = len(pub.problems) - errors
    return (
        f"{len(pub.claims)} {plural(len(pub.claims), 'claim')} and "
        f"{len(pub.sources)} {plural(len(pub.sources), 'source')} checked: "
        f"{errors} {plural(errors, 'error')}, {warnings} {plural(warnings, 'warning')}"
    )


def _read_lines(path: Path) -> list[str]:
    # The same reader as the loader, so a line shown is the line the problem counted;
    # a file it refuses (symlink, too large, not UTF-8) shows no line.
    if path.is_symlink():
        return []
    text = read_text(path, str(path), [])
    # Lines as the loaders count them: "\n" ends a line, nothing else does.
    return text.replace("\r\n", "\n").split("\n") if text is not None else []


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if ch in named:
        return named[ch]
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def _message(text: str) -> str:
    # A message may quote a whole field; its start and end say what is wrong.
    if len(text) > MAX_MESSAGE:
        text = f"{text[: MAX_MESSAGE - 200]} … {text[-150:]}"
    return visible(text)


def _defuse(line: str) -> str:
    # GitHub's runner reads `::command::` after leading white space, and old `##[command]`
    # anywhere in a line; an escaped character keeps either from being one.
    stripped = line.lstrip()
    if stripped.startswith("::"):
        line = line[: len(line) - len(stripped)] + "\\x3a" + stripped[1:]
    return line.replace("##[", "#\\x23[")


def _data(text: str) -> str:
    # The escapes GitHub's workflow-command parser undoes.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
