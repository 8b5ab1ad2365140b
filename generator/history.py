"""When a claim was first published and last updated, and by whom, from git history.

A claim file's commits (following renames) date its review: the first commit is when it
was published, the last when it was updated. A shallow clone or an export without `.git`
has no such history, so a claim may give `reviewed:` (a date) as the first-published date;
it wins over git. Everything here degrades to "unknown" (None) rather than failing: no git
installed, not a repository, a file never committed, a git that errs or hangs.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# A `git log` of one file is quick; this only guards against a hung git (a lock, a prompt).
_TIMEOUT = 20
_SEP = "\x1f"  # unit separator: cannot occur in an author name or a date


@dataclass(frozen=True)
class Review:
    """A claim's review dates and the people who committed it, oldest first."""

    published: dt.date | None
    updated: dt.date | None
    authors: tuple[str, ...] = ()


def review_of(file: Path, reviewed: dt.date | None = None) -> Review:
    """The review dates of the claim in `file` (an absolute path, or relative to the current
    directory). `reviewed` overrides the first-published date."""
    commits = _commits(file)
    # In a shallow clone the oldest commit seen is where the history was cut, not when the
    # claim was first published: only `reviewed:` can say that.
    return _review(commits, reviewed, bool(commits) and _shallow(file.resolve().parent))


def _git(args: list[str], where: Path) -> str | None:
    """The output of a git command run in `where`, or None when it cannot be had."""
    try:
        done = subprocess.run(
            ["git", "-c", "log.showSignature=false", *args],
            cwd=where,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=_TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _shallow(folder: Path) -> bool:
    out = _git(["rev-parse", "--is-shallow-repository"], folder)
    return out is not None and out.strip() == "true"


def _commits(file: Path) -> list[tuple[dt.date, str]]:
    """(author date, author name) of each commit touching `file`, newest first."""
    file = file.resolve()
    if not file.is_file():
        return []
    out = _git(["log", "--follow", f"--format=%as{_SEP}%an", "--", file.name], file.parent)
    if out is None:
        return []
    commits: list[tuple[dt.date, str]] = []
    for line in out.splitlines():
        date, _, author = line.partition(_SEP)
        try:
            commits.append((dt.date.fromisoformat(date.strip()), author.strip()))
        except ValueError:
            continue
    return commits


def reviews_of(
    root: Path, files: Mapping[str, dt.date | None], folder: str | None = None
) -> dict[str, Review]:
    """The review of each file in `files` (repository paths relative to `root`, each with
    its `reviewed:` override), from ONE `git log` of `folder` (default: the files' common
    folder) rather than one git process per claim: a publication of hundreds of claims
    builds its pages with two git processes. Renames are followed as `--follow` would."""
    if not files:
        return {}
    where = folder if folder is not None else _common_folder(files)
    commits = _batch_commits(root, where, list(files))
    shallow = bool(commits) and _shallow(root)
    out: dict[str, Review] = {}
    for path, reviewed in files.items():
        out[path] = _review(commits.get(path, []), reviewed, shallow)
    return out


def _review(commits: list[tuple[dt.date, str]], reviewed: dt.date | None, shallow: bool) -> Review:
    first = commits[-1][0] if commits and not shallow else None
    published = reviewed or first
    updated = commits[0][0] if commits else None
    if updated is not None and published is not None and updated < published:
        updated = published
    if updated is None:
        updated = published
    authors: list[str] = []
    for _, author in reversed(commits):
        if author and author not in authors:
            authors.append(author)
    return Review(published, updated, tuple(authors))


def _common_folder(files: Mapping[str, object]) -> str:
    parents = {posixpath.dirname(p) for p in files}
    common = posixpath.commonpath(list(parents)) if parents else ""
    return common or "."


_COMMIT = "\x1e"  # record separator: starts each commit's header line


def _batch_commits(
    root: Path, folder: str, wanted: list[str]
) -> dict[str, list[tuple[dt.date, str]]]:
    """(author date, author name) of the commits touching each wanted file, newest first.

    Walks `git log --name-status -M` of the folder newest first, keeping for each wanted
    file the name it had at the commit being read: a rename `R old new` of a tracked name
    makes `old` the name to look for in older commits.
    """
    if not (root / folder).is_dir():
        return {}
    out = _git(
        [
            "log",
            "-M",
            "--name-status",
            "-z",
            f"--format={_COMMIT}%as{_SEP}%an",
            "--",
            folder,
        ],
        root,
    )
    if not out:
        return {}
    prefix = _git(["rev-parse", "--show-prefix"], root)
    if prefix is None:
        return {}
    base = prefix.strip()  # `root` relative to the top of the repository, "" or "a/b/"
    name_of = {base + p: p for p in wanted}  # repository path now -> the wanted file
    commits: dict[str, list[tuple[dt.date, str]]] = {}
    for record in out.split(_COMMIT)[1:]:
        # `-z`: the header ends with NUL, then (after a newline) status NUL path [NUL path].
        head, _, rest = record.partition("\0")
        date_text, _, author = head.partition(_SEP)
        try:
            date = dt.date.fromisoformat(date_text.strip())
        except ValueError:
            continue
        fields = rest.lstrip("\n").split("\0")
        i = 0
        while i < len(fields) and fields[i].strip():
            status = fields[i].strip()
            if status[0] in "RC":  # renamed or copied: two paths, old then new
                old, new = fields[i + 1 : i + 3] + [""] * (i + 3 - len(fields))
                i += 3
            else:
                old = new = fields[i + 1] if i + 1 < len(fields) else ""
                i += 2
            tracked = name_of.get(new)
            if tracked is None:
                continue
            commits.setdefault(tracked, []).append((date, author.strip()))
            if status[0] == "R":
                del name_of[new]
                name_of.setdefault(old, tracked)
    return commits
