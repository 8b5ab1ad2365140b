"""The plugin's view of the engine's safety gate (`generator.gate`).

Every file rule (symlinks, static file types, front matter of hand-written pages, reserved
ids) lives in the engine, so `factcheck check` and `mkdocs build` refuse exactly the same
inputs; this module only hands the plugin the engine's verdict and the paths it must keep
out of the site, even under `mkdocs serve`, where the build goes on despite errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .. import engine
from ..cache import EngineCache
from ..gate import find_symlinks as _find_symlinks
from ..gate import is_refused as _is_refused
from ..model import Problem, Publication

__all__ = ["check", "find_symlinks", "is_refused", "symlink_problems"]

SYMLINK_MESSAGE = (
    "symlinks are refused here: MkDocs would publish whatever the link points at; "
    "commit the file itself"
)


def check(
    root: Path, docs: str, claims: str, sources: str, cache: EngineCache | None = None
) -> tuple[Publication, list[str]]:
    """The engine's verdict on the publication, plus the repository-relative paths it
    refused (symlinks, files of refused types, pages with refused front matter).

    `cache`: kept by a long-lived process (`mkdocs serve`), so a rebuild redoes only the
    work of the files that changed."""
    pub = engine.check(root, claims, sources, docs, cache=cache)
    return pub, list(pub.refused)


def find_symlinks(root: Path, folders: Iterable[str]) -> list[str]:
    """Repository-relative paths of the symlinks under `folders` (not followed)."""
    return sorted({link for folder in folders for link in _find_symlinks(root, folder)})


def symlink_problems(links: Sequence[str], known: Iterable[Problem]) -> list[Problem]:
    """One error per symlink, except those already reported at the link's own path."""
    reported = {p.file for p in known}
    return [Problem(link, 1, 1, "error", SYMLINK_MESSAGE) for link in links if link not in reported]


def is_refused(path: str, links: Iterable[str]) -> bool:
    """Whether a repository-relative path is refused or lies under a refused folder."""
    return _is_refused(path, tuple(links))
