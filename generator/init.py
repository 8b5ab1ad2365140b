"""`factcheck init DIR`: a new publication that builds with `mkdocs build --strict` at once.

The files come from `generator/scaffold/` (package data): a config, one invented example
source and one claim quoting it, the pages a reader expects, and a GitHub workflow that
checks pull requests and publishes from main. The JSON Schemas for editors are written
from the loader's own field definitions, so they match the installed version.
"""

from __future__ import annotations

from pathlib import Path

from .jsonschema import SCHEMA_DIR, schema_files

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"
# Packaged name -> where it goes; dot-folders are awkward as package data, so renamed here.
FILES = {
    "mkdocs.yml": "mkdocs.yml",
    "claims/example-lighthouses.yaml": "claims/example-lighthouses.yaml",
    "content/sources/example-gazette.md": "content/sources/example-gazette.md",
    "content/index.md": "content/index.md",
    "content/about.md": "content/about.md",
    "content/methodology.md": "content/methodology.md",
    "content/corrections.md": "content/corrections.md",
    "workflows/factcheck.yml": ".github/workflows/factcheck.yml",
}


class NotEmpty(Exception):
    """The target folder already holds files; nothing is overwritten."""


def scaffold(dest: Path) -> list[str]:
    """Write a new publication into `dest` (created if needed; must be empty).

    Returns the paths written, relative to `dest`, in a stable order."""
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise NotEmpty(str(dest))
    written = []
    for packaged, target in FILES.items():
        path = dest / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes((SCAFFOLD / packaged).read_bytes())
        written.append(target)
    for name, text in schema_files().items():
        target = f"{SCHEMA_DIR}/{name}"
        (dest / SCHEMA_DIR).mkdir(exist_ok=True)
        (dest / target).write_text(text, "utf-8")
        written.append(target)
    return written
