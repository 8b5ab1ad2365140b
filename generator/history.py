"""When a claim was first published and last updated, and by whom, from git history.

A claim file's commits (following renames) date its review: the first commit is when it
was published, the last when it was updated. A shallow clone or an export without `.git`
has no such history, so a claim may give `reviewed:` (a date) as the first-published date;
it wins over git. Everything here degrades to "unknown" (None) rather than failing: no git
installed, not a repository, a file never committed, a git that errs or hangs.
"""

from __future__ import annotations

import datetime as dt
import subprocess
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
    first = commits[-1][0] if commits and not _shallow(file) else None
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


def _shallow(file: Path) -> bool:
    out = _git(["rev-parse", "--is-shallow-repository"], file.resolve().parent)
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
