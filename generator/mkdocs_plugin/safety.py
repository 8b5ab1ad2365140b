"""Refusing symbolic links in the folders a contributor can write to.

MkDocs follows symlinks in the docs folder and publishes whatever they point at (a key, a
file of the build machine). A contributor's pull request can add one, so every symlink under
those folders is reported as an error and kept out of the site, even under `mkdocs serve`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from .. import engine
from ..model import Problem, Publication


def check(root: Path, docs: str, claims: str, sources: str) -> tuple[Publication, list[str]]:
    """The engine's verdict on the publication, plus the symlinks it must not publish
    (repository-relative), each reported as an error."""
    links = find_symlinks(root, [docs, claims, sources])
    pub = engine.check(root, claims, sources)
    found = [*pub.problems, *symlink_problems(links, pub.problems)]
    pub.problems = sorted(found, key=Problem.sort_key)
    return pub, links


def find_symlinks(root: Path, folders: Iterable[str]) -> list[str]:
    """Repository-relative paths of the symlinks under `folders` (not followed)."""
    found: list[str] = []
    for folder in folders:
        base = root / folder
        if base.is_symlink():
            found.append(_rel(root, base))
            continue
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            for name in sorted(dirnames + filenames):
                path = Path(dirpath) / name
                if path.is_symlink():
                    found.append(_rel(root, path))
            # os.walk does not descend into symlinked directories unless told to.
    return sorted(set(found))


def symlink_problems(links: Sequence[str], known: Iterable[Problem]) -> list[Problem]:
    """One error per symlink, except those the engine already reported (it reads no file
    behind a link, so any problem at a link's own path is that report)."""
    reported = {p.file for p in known}
    return [
        Problem(
            link,
            1,
            1,
            "error",
            "symlinks are refused here: MkDocs would publish whatever the link points at; "
            "commit the file itself",
        )
        for link in links
        if link not in reported
    ]


def is_refused(path: str, links: Iterable[str]) -> bool:
    """Whether a repository-relative path is a symlink or lies under a symlinked folder."""
    return any(path == link or path.startswith(link.rstrip("/") + "/") for link in links)


def _rel(root: Path, path: Path) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")
