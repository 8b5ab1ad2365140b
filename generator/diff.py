"""What a change does to the publication: the base revision against the working tree.

The base is read with `git archive` into a temporary folder, never checked out over the
contributor's files, and both trees go through the same engine as `factcheck check`. The
comparison is by file: a claim is added, removed or changed with its YAML file, so a
claim that no longer loads is still reported (as changed, with no rating), not lost.

A source's text is compared word by word (after the same normalisation as excerpt
matching, so re-wrapped lines or curly quotes are not changes); a claim "cites a changed
passage" when one of its excerpts overlaps or touches a changed run of words, on either
side. A change of `published`, `language` or `derived_from` can change every reading or
origin, so it counts for every claim citing the source.
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from .config import CONFIG_FILES, Folders, check_repository, read_folders
from .model import Claim, Publication, Rating, Source
from .normalise import normalise

# Front matter that changes what the engine reads from the text, not just how it is shown.
_READING_KEYS = ("published", "language", "derived_from")
_META_KEYS = ("title", "outlet", "url", "published", "language", "retrieved", "derived_from")
_DEFAULT_BRANCHES = ("refs/remotes/origin/HEAD", "main", "master", "origin/main", "origin/master")
_WORD = re.compile(r"\S+")


class DiffError(Exception):
    """Bad usage: not a git repository, an unknown revision. Exit status 2."""


@dataclass(frozen=True)
class Base:
    label: str  # how the base is named to the reader
    commit: str  # full hash


@dataclass(frozen=True)
class ClaimEntry:
    id: str
    file: str
    rating: Rating | None  # the published rating; None when the claim does not load


@dataclass(frozen=True)
class RatingChange:
    id: str
    file: str
    rating: tuple[Rating | None, Rating | None]  # published: (base, now)
    verdict: tuple[Rating | None, Rating | None]  # computed: (base, now)
    explanation: str | None  # the computed verdict's explanation, now
    editorial_reason: str | None  # the editorial verdict's reason, now, when there is one


@dataclass(frozen=True)
class ExcerptChange:
    claim: str
    file: str
    line: int
    source: str
    excerpt: str


@dataclass(frozen=True)
class SourceChange:
    id: str
    file: str
    changed: tuple[str, ...]  # "text" and/or the front-matter keys that changed
    cited_by: tuple[str, ...]  # claims citing a changed passage (or any, see module doc)


@dataclass
class PublicationDiff:
    base: Base
    claims_added: list[ClaimEntry] = field(default_factory=list)
    claims_removed: list[ClaimEntry] = field(default_factory=list)
    claims_changed: list[ClaimEntry] = field(default_factory=list)
    ratings: list[RatingChange] = field(default_factory=list)
    excerpts_broken: list[ExcerptChange] = field(default_factory=list)
    excerpts_fixed: list[ExcerptChange] = field(default_factory=list)
    sources_added: list[str] = field(default_factory=list)
    sources_removed: list[str] = field(default_factory=list)
    sources_changed: list[SourceChange] = field(default_factory=list)
    errors: tuple[int, int] = (0, 0)  # errors of `check`: (base, now)

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.claims_added,
                self.claims_removed,
                self.claims_changed,
                self.ratings,
                self.excerpts_broken,
                self.excerpts_fixed,
                self.sources_added,
                self.sources_removed,
                self.sources_changed,
            )
        )


# --- git -------------------------------------------------------------------------------


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, check=False, timeout=300
        )
    except FileNotFoundError:
        raise DiffError("git is not installed: `factcheck diff` needs it") from None


def _out(proc: subprocess.CompletedProcess[bytes]) -> str:
    return proc.stdout.decode("utf-8", "replace").strip()


def resolve_base(root: Path, ref: str | None) -> Base:
    """The commit to compare with: `ref`, or the merge base with the default branch."""
    inside = _git(root, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or _out(inside) != "true":
        raise DiffError(
            f"{root} is not a git repository: `factcheck diff` compares with a revision; "
            "run it inside a clone"
        )
    if ref is not None:
        if ref.startswith("-"):
            raise DiffError(f"unknown revision `{ref}`")
        got = _git(
            root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
        )
        if got.returncode != 0:
            raise DiffError(
                f"unknown revision `{ref}`: give a branch, tag or commit that exists here "
                "(in a shallow clone, fetch it first)"
            )
        return Base(f"`{ref}`", _out(got))
    for branch in _DEFAULT_BRANCHES:
        got = _git(root, "rev-parse", "--verify", "--quiet", f"{branch}^{{commit}}")
        if got.returncode != 0:
            continue
        merge = _git(root, "merge-base", "HEAD", branch)
        if merge.returncode != 0:
            raise DiffError(
                f"no common history between HEAD and `{_short_ref(branch)}` (a shallow "
                "clone? fetch with `fetch-depth: 0`), or give `--base REF`"
            )
        return Base(f"the merge base with `{_short_ref(branch)}`", _out(merge))
    raise DiffError(
        "no default branch to compare with (none of origin/HEAD, main, master exists): "
        "give `--base REF`"
    )


def _short_ref(ref: str) -> str:
    return ref.removeprefix("refs/remotes/")


def _export(root: Path, commit: str, dest: Path) -> None:
    """The base revision's claims, sources and `mkdocs.yml`, written under `dest` (never
    over `root`); the folders are the ones the base's own `mkdocs.yml` names."""
    # The publication may live in a subfolder of the repository: archive that folder's
    # tree from the top level, so member names are relative to the publication.
    top = Path(_out(_git(root, "rev-parse", "--show-toplevel")))
    prefix = _out(_git(root, "rev-parse", "--show-prefix"))
    tree = f"{commit}:{prefix}" if prefix else commit
    if prefix and _git(top, "cat-file", "-e", tree).returncode != 0:
        return  # the folder did not exist yet: an empty publication
    proc = _git(top, "archive", "--format=tar", tree)
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip()
        raise DiffError(f"cannot read revision {commit[:12]}: {message}")
    with tarfile.open(fileobj=io.BytesIO(proc.stdout)) as tar:
        # Regular files only: what a symlink in the base pointed at is not the base's.
        members = [m for m in tar.getmembers() if m.isfile() and ".." not in m.name.split("/")]
        for member in members:
            if member.name in CONFIG_FILES:
                _extract(tar, member, dest)
        folders = read_folders(dest)
        wanted = (f"{folders.claims}/", f"{folders.sources}/")
        for member in members:
            if member.name.startswith(wanted):
                _extract(tar, member, dest)


def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, dest: Path) -> None:
    data = tar.extractfile(member)
    if data is None:
        return
    target = dest / member.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data.read())


# --- comparing -------------------------------------------------------------------------


def diff(root: Path, ref: str | None = None) -> PublicationDiff:
    """Compare the publication at `ref` (default: merge base) with the working tree."""
    root = root.resolve()
    base = resolve_base(root, ref)
    with tempfile.TemporaryDirectory(prefix="factcheck-base-") as tmp:
        old_root = Path(tmp)
        _export(root, base.commit, old_root)
        old, old_folders = check_repository(old_root)
        new, new_folders = check_repository(root)
        return compare(base, Side(old_root, old, old_folders), Side(root, new, new_folders))


@dataclass(frozen=True)
class Side:
    """One side of the comparison: where it was read, what it holds, its folders."""

    root: Path
    pub: Publication
    folders: Folders


def compare(base: Base, old: Side, new: Side) -> PublicationDiff:
    out = PublicationDiff(base, errors=(len(old.pub.errors), len(new.pub.errors)))
    _compare_claims(out, old, new)
    _compare_excerpts(out, old.pub, new.pub)
    _compare_sources(out, old, new)
    return out


def _files(root: Path, folder: str, suffix: str) -> dict[str, str]:
    base = root / folder
    if not base.is_dir():
        return {}
    out = {}
    for path in sorted(base.iterdir()):
        if path.name.endswith(suffix) and path.is_file() and not path.is_symlink():
            try:
                out[f"{folder}/{path.name}"] = path.read_bytes().decode("utf-8", "replace")
            except OSError:
                continue
    return out


def _rating(claim: Claim | None) -> Rating | None:
    if claim is None:
        return None
    if claim.editorial is not None:
        return claim.editorial.rating
    return claim.verdict.rating if claim.verdict else None


def _by_file(pub: Publication) -> dict[str, Claim]:
    return {c.file: c for c in pub.claims}


def _entry(file: str, claim: Claim | None) -> ClaimEntry:
    return ClaimEntry(Path(file).name.removesuffix(".yaml"), file, _rating(claim))


def _compare_claims(out: PublicationDiff, old: Side, new: Side) -> None:
    old_files = _files(old.root, old.folders.claims, ".yaml")
    new_files = _files(new.root, new.folders.claims, ".yaml")
    old_claims, new_claims = _by_file(old.pub), _by_file(new.pub)
    for file in sorted(new_files.keys() - old_files.keys()):
        out.claims_added.append(_entry(file, new_claims.get(file)))
    for file in sorted(old_files.keys() - new_files.keys()):
        out.claims_removed.append(_entry(file, old_claims.get(file)))
    for file in sorted(old_files.keys() & new_files.keys()):
        was, now = old_claims.get(file), new_claims.get(file)
        if old_files[file] != new_files[file]:
            out.claims_changed.append(_entry(file, now))
        rating = (_rating(was), _rating(now))
        verdict = (
            was.verdict.rating if was and was.verdict else None,
            now.verdict.rating if now and now.verdict else None,
        )
        if rating[0] != rating[1] or verdict[0] != verdict[1]:
            out.ratings.append(
                RatingChange(
                    id=_entry(file, now).id,
                    file=file,
                    rating=rating,
                    verdict=verdict,
                    explanation=now.verdict.explanation if now and now.verdict else None,
                    editorial_reason=now.editorial.reason if now and now.editorial else None,
                )
            )


def _compare_excerpts(out: PublicationDiff, old: Publication, new: Publication) -> None:
    def missing(pub: Publication) -> dict[tuple[str, str, str], ExcerptChange]:
        found: dict[tuple[str, str, str], ExcerptChange] = {}
        for claim in pub.claims:
            for e in claim.evidence:
                if e.match is None and e.source_id in pub.sources:
                    found.setdefault(
                        (claim.file, e.source_id, e.excerpt),
                        ExcerptChange(claim.id, claim.file, e.where.line, e.source_id, e.excerpt),
                    )
        return found

    was, now = missing(old), missing(new)
    still_there = {c.file for c in new.claims}
    out.excerpts_broken = [now[k] for k in sorted(now.keys() - was.keys())]
    out.excerpts_fixed = [
        was[k] for k in sorted(was.keys() - now.keys()) if was[k].file in still_there
    ]


def _compare_sources(out: PublicationDiff, old_side: Side, new_side: Side) -> None:
    old, new = old_side.pub, new_side.pub
    old_files = _files(old_side.root, old_side.folders.sources, ".md")
    new_files = _files(new_side.root, new_side.folders.sources, ".md")
    out.sources_added = sorted(new_files.keys() - old_files.keys())
    out.sources_removed = sorted(old_files.keys() - new_files.keys())
    for file in sorted(old_files.keys() & new_files.keys()):
        if old_files[file] == new_files[file]:
            continue
        ident = Path(file).name.removesuffix(".md")
        was, now = old.sources.get(ident), new.sources.get(ident)
        if was is None or now is None:  # one side does not load: every citing claim counts
            changed: tuple[str, ...] = ("text",)
            cited = _citing(new, ident) | _citing(old, ident)
        else:
            changed, cited = _source_change(ident, was, now, old, new)
        if changed:
            out.sources_changed.append(SourceChange(ident, file, changed, tuple(sorted(cited))))


def _source_change(
    ident: str, was: Source, now: Source, old: Publication, new: Publication
) -> tuple[tuple[str, ...], set[str]]:
    meta = tuple(k for k in _META_KEYS if getattr(was, k) != getattr(now, k))
    cited: set[str] = set()
    if any(k in _READING_KEYS for k in meta):
        cited = _citing(new, ident) | _citing(old, ident)
    old_ranges, new_ranges = _changed_ranges(was.text, now.text)
    if old_ranges or new_ranges:
        cited |= _citing(old, ident, old_ranges) | _citing(new, ident, new_ranges)
    return (("text",) if old_ranges or new_ranges else ()) + meta, cited


def _citing(pub: Publication, ident: str, ranges: list[tuple[int, int]] | None = None) -> set[str]:
    """Claims citing source `ident`; with `ranges`, only those whose excerpt touches one
    (an excerpt that is not found touches them all: it may be why)."""
    out = set()
    for claim in pub.claims:
        for e in claim.evidence:
            if e.source_id != ident:
                continue
            m = e.match
            if m is None or ranges is None or any(a <= m.end and b >= m.start for a, b in ranges):
                out.add(claim.id)
    return out


def _changed_ranges(old: str, new: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character ranges of the words that differ, in the old and in the new text."""
    a = [(m.start(), m.end(), normalise(m.group())) for m in _WORD.finditer(old)]
    b = [(m.start(), m.end(), normalise(m.group())) for m in _WORD.finditer(new)]
    matcher = SequenceMatcher(None, [w[2] for w in a], [w[2] for w in b], autojunk=False)
    old_ranges, new_ranges = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old_ranges.append(_span(a, i1, i2, len(old)))
        new_ranges.append(_span(b, j1, j2, len(new)))
    return old_ranges, new_ranges


def _span(words: list[tuple[int, int, str]], i: int, j: int, end: int) -> tuple[int, int]:
    if i < j:
        return words[i][0], words[j - 1][1]
    # Nothing on this side: the point between the neighbouring words.
    at = words[i][0] if i < len(words) else end
    return at, at


# --- reporting -------------------------------------------------------------------------


def as_json(d: PublicationDiff) -> dict[str, Any]:
    return {
        "base": {"label": d.base.label, "commit": d.base.commit},
        "claims": {
            "added": [asdict(c) for c in d.claims_added],
            "removed": [asdict(c) for c in d.claims_removed],
            "changed": [asdict(c) for c in d.claims_changed],
        },
        "ratings": [
            {
                "id": r.id,
                "file": r.file,
                "rating": {"base": r.rating[0], "now": r.rating[1]},
                "verdict": {"base": r.verdict[0], "now": r.verdict[1]},
                "explanation": r.explanation,
                "editorial_reason": r.editorial_reason,
            }
            for r in d.ratings
        ],
        "excerpts": {
            "broken": [asdict(e) for e in d.excerpts_broken],
            "fixed": [asdict(e) for e in d.excerpts_fixed],
        },
        "sources": {
            "added": d.sources_added,
            "removed": d.sources_removed,
            "changed": [
                {
                    "id": s.id,
                    "file": s.file,
                    "changed": list(s.changed),
                    "cited_by": list(s.cited_by),
                }
                for s in d.sources_changed
            ],
        },
        "errors": {"base": d.errors[0], "now": d.errors[1]},
    }


def _r(rating: Rating | None) -> str:
    return rating or "(does not load)"


def _flip(pair: tuple[Rating | None, Rating | None], arrow: str = "->") -> str:
    return _r(pair[0]) if pair[0] == pair[1] else f"{_r(pair[0])} {arrow} {_r(pair[1])}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def format_text(d: PublicationDiff) -> str:
    lines = [f"Compared with {d.base.label} ({d.base.commit[:12]})."]

    def section(title: str, items: Iterable[str], count: int | None = None) -> None:
        rows = list(items)
        if rows:
            lines.append(f"{title} ({len(rows) if count is None else count}):")
            lines.extend(rows)

    section("Claims added", (f"  + {c.file}: {_r(c.rating)}" for c in d.claims_added))
    section("Claims removed", (f"  - {c.file}: was {_r(c.rating)}" for c in d.claims_removed))
    section("Claims changed", (f"  ~ {c.file}: {_r(c.rating)}" for c in d.claims_changed))
    rating_rows = []
    for r in d.ratings:
        rating_rows.append(
            f"  {r.file}: rating {_flip(r.rating)}; computed verdict {_flip(r.verdict)}"
        )
        if r.explanation:
            rating_rows.append(f"    why: {_one_line(r.explanation)}")
        if r.editorial_reason:
            rating_rows.append(f"    editorial reason: {_one_line(r.editorial_reason)}")
    section("Ratings and verdicts changed", rating_rows, len(d.ratings))
    section(
        "Excerpts broken",
        (
            f"  {e.file}:{e.line}: `{e.source}` no longer has “{_one_line(e.excerpt)}”"
            for e in d.excerpts_broken
        ),
    )
    section(
        "Excerpts fixed",
        (
            f"  {e.file}: `{e.source}` has “{_one_line(e.excerpt)}” again, or it was replaced"
            for e in d.excerpts_fixed
        ),
    )
    section("Sources added", (f"  + {s}" for s in d.sources_added))
    section("Sources removed", (f"  - {s}" for s in d.sources_removed))
    section(
        "Sources changed",
        (
            f"  ~ {s.file} ({', '.join(s.changed)}): "
            + (f"cited by {', '.join(s.cited_by)}" if s.cited_by else "no cited passage changed")
            for s in d.sources_changed
        ),
    )
    if d.empty:
        lines.append("No claim or source changed.")
    lines.append(f"Errors: {d.errors[0]} -> {d.errors[1]}.")
    return "\n".join(lines)


def _md(text: str) -> str:
    """Contributor text made inert in a Markdown table cell or list item."""
    text = _one_line(text)
    for ch, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        text = text.replace(ch, entity)
    return re.sub(r"([\\`*_\[\]|~#])", r"\\\1", text)


def format_markdown(d: PublicationDiff) -> str:
    lines = [
        "## Fact-check: what this change does",
        "",
        f"Compared with {d.base.label} (`{d.base.commit[:12]}`). "
        f"Errors: {d.errors[0]} → {d.errors[1]}.",
    ]

    def section(title: str, items: list[str], count: int | None = None) -> None:
        if items:
            n = len(items) if count is None else count
            lines.extend(["", f"### {title} ({n})", "", *items])

    if d.ratings:
        rows = [
            "| Claim | Rating | Computed verdict | Why |",
            "| --- | --- | --- | --- |",
        ]
        for r in d.ratings:
            why = _md(r.explanation or "")
            if r.editorial_reason:
                why = f"Editorial: {_md(r.editorial_reason)}<br>Computed: {why}"
            rows.append(f"| `{r.id}` | {_md_flip(r.rating)} | {_md_flip(r.verdict)} | {why} |")
        section("Ratings and verdicts changed", rows, len(d.ratings))
    section("Claims added", [f"- `{c.file}`: {_r(c.rating)}" for c in d.claims_added])
    section("Claims removed", [f"- `{c.file}`: was {_r(c.rating)}" for c in d.claims_removed])
    section("Claims changed", [f"- `{c.file}`: {_r(c.rating)}" for c in d.claims_changed])
    section(
        "Excerpts broken",
        [
            f"- `{e.file}` line {e.line}: `{e.source}` no longer has “{_md(e.excerpt)}”"
            for e in d.excerpts_broken
        ],
    )
    section(
        "Excerpts fixed",
        [f"- `{e.file}`: “{_md(e.excerpt)}” from `{e.source}`" for e in d.excerpts_fixed],
    )
    section("Sources added", [f"- `{s}`" for s in d.sources_added])
    section("Sources removed", [f"- `{s}`" for s in d.sources_removed])
    section(
        "Sources changed",
        [
            f"- `{s.file}` ({', '.join(s.changed)}): "
            + (
                "cited by " + ", ".join(f"`{c}`" for c in s.cited_by)
                if s.cited_by
                else "no cited passage changed"
            )
            for s in d.sources_changed
        ],
    )
    if d.empty:
        lines.extend(["", "No claim or source changed."])
    return "\n".join(lines)


def _md_flip(pair: tuple[Rating | None, Rating | None]) -> str:
    if pair[0] == pair[1]:
        return _r(pair[0])
    return f"{_r(pair[0])} → **{_r(pair[1])}**"
