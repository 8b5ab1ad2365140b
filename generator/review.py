"""`factcheck review`: stamp evidence fingerprints into claim files.

What a fingerprint is and how a change is detected: `generator.fingerprints`. Writing
keeps the claim file as it is: the fingerprint is inserted (or replaced) at the positions
the YAML parser reports, comments and layout untouched, and the result is re-read before
it is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .claims import load_claim
from .config import check_repository
from .files import TextFile, relative
from .fingerprints import fingerprint
from .model import Claim, Problem, Source

# The pure-Python parser: its marks count characters, which is what the edits slice by.
_Loader: type = yaml.SafeLoader


@dataclass
class ReviewOutcome:
    problems: list[Problem] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def review(root: Path, files: list[Path] | None) -> ReviewOutcome:
    """Stamp fresh fingerprints into the given claim files (every claim when None)."""
    root = root.resolve()
    out = ReviewOutcome()
    pub, _ = check_repository(root)
    by_file = {c.file: c for c in pub.claims}
    if files is None:
        targets = sorted(by_file)
    else:
        targets = []
        for path in files:
            full = path if path.is_absolute() else Path.cwd() / path
            if not full.exists() and not path.is_absolute():
                full = root / path
            rel = relative(root, full.resolve())
            if rel not in by_file:
                reason = (
                    "no such file"
                    if not full.exists()
                    else "not a claim of this publication (claims/<claim-id>.yaml)"
                )
                if full.exists() and any(p.file == rel for p in pub.errors):
                    reason = "it does not load; fix the errors reported for it"
                    out.problems.extend(p for p in pub.errors if p.file == rel)
                out.problems.append(Problem(rel, 1, 1, "error", f"cannot review `{rel}`: {reason}"))
                continue
            targets.append(rel)
    for rel in targets:
        errors = [p for p in pub.errors if p.file == rel]
        if errors:
            out.problems.extend(errors)
            out.problems.append(
                Problem(rel, 1, 1, "error", "not reviewed: fix the errors above first")
            )
            continue
        out.lines.append(_stamp(root, by_file[rel], pub.sources, out.problems))
    out.problems.sort(key=Problem.sort_key)
    return out


def _stamp(root: Path, claim: Claim, sources: dict[str, Source], problems: list[Problem]) -> str:
    path = root / claim.file
    raw = path.read_bytes().decode("utf-8")
    bom = raw.startswith("\ufeff")
    text = raw.removeprefix("\ufeff")
    items = _evidence_items(text)
    if len(items) != len(claim.evidence):  # cannot happen for a claim without errors
        problems.append(Problem(claim.file, 1, 1, "error", "not reviewed: evidence not mapped"))
        return f"{claim.file}: not reviewed"
    edits: list[tuple[int, int, str]] = []
    for e, item in zip(claim.evidence, items, strict=True):
        source = sources[e.source_id]
        assert e.match is not None  # a claim without errors has every excerpt found
        stamp = fingerprint(source, e.match)
        if item.fingerprint is not None:
            start, end = item.fingerprint
            if text[start:end] != stamp:
                edits.append((start, end, stamp))
        elif item.flow:
            edits.append((item.end, item.end, f", fingerprint: {stamp}"))
        else:
            at = item.last_end
            line = " " * item.column + f"fingerprint: {stamp}"
            if at > 0 and text[at - 1] == "\n":
                edits.append((at, at, line + "\n"))
            else:
                eol = text.find("\n", at)
                eol = len(text) if eol < 0 else eol
                edits.append((eol, eol, "\n" + line))
    if not edits:
        return f"{claim.file}: up to date"
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    # Never write a file the loader would read differently from what was meant.
    check_problems: list[Problem] = []
    reloaded = load_claim(TextFile(claim.id, claim.file, text), check_problems)
    if reloaded is None or check_problems or len(reloaded.evidence) != len(claim.evidence):
        problems.append(
            Problem(claim.file, 1, 1, "error", "not reviewed: could not insert fingerprints")
        )
        return f"{claim.file}: not reviewed"
    path.write_bytes((("\ufeff" if bom else "") + text).encode("utf-8"))
    return (
        f"{claim.file}: {len(edits)} {'fingerprint' if len(edits) == 1 else 'fingerprints'} written"
    )


@dataclass
class _Item:
    flow: bool
    column: int = -1  # of the item's keys
    last_end: int = 0  # where its last value ends
    end: int = 0  # where the mapping ends (its `}` for a flow mapping)
    fingerprint: tuple[int, int] | None = None  # the span of `fingerprint:`'s value


def _evidence_items(text: str) -> list[_Item]:
    """Each evidence item's place in the text, from libyaml's event marks."""
    items: list[_Item] = []
    # Each open container: [is_mapping, expecting_key, key_of_pending_value].
    stack: list[list[object]] = []
    current: _Item | None = None
    in_evidence = False
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            parent_key = _value_key(stack)
            is_map = isinstance(event, yaml.MappingStartEvent)
            depth = len(stack)
            if depth == 1 and parent_key == "evidence" and not is_map:
                in_evidence = True
            elif depth == 2 and in_evidence and is_map:
                current = _Item(flow=bool(event.flow_style))
                items.append(current)
            stack.append([is_map, True, None])
            continue
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
            depth = len(stack)
            if current is not None and depth == 2:
                current.end = _index(event.start_mark)
                current = None
            elif current is not None:
                current.last_end = _index(event.end_mark)
            if depth == 1 and in_evidence:
                in_evidence = False
            _took_value(stack)
            continue
        if isinstance(event, yaml.ScalarEvent):
            if current is not None and len(stack) == 3 and stack[-1][1]:
                if current.column < 0:
                    current.column = _column(event.start_mark)
                stack[-1][2] = event.value
                stack[-1][1] = False
                continue
            if current is not None:
                current.last_end = _index(event.end_mark)
                if len(stack) == 3 and stack[-1][2] == "fingerprint":
                    current.fingerprint = (_index(event.start_mark), _index(event.end_mark))
            if stack and stack[-1][0] and stack[-1][1]:
                stack[-1][2] = event.value
                stack[-1][1] = False
            else:
                _took_value(stack)
    return items


def _value_key(stack: list[list[object]]) -> object:
    if stack and stack[-1][0] and not stack[-1][1]:
        return stack[-1][2]
    return None


def _took_value(stack: list[list[object]]) -> None:
    if stack and stack[-1][0]:
        stack[-1][1] = True
        stack[-1][2] = None


def _index(mark: Any) -> int:
    # The pure-Python parser marks every event.
    return int(mark.index)


def _column(mark: Any) -> int:
    return int(mark.column)
