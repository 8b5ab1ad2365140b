"""Which files `mkdocs serve --dirty` must build again: only those whose content changed.

MkDocs counts every file with in-memory content as modified, so under `serve --dirty` every
generated page would be rebuilt on every edit. `Built` remembers a digest of what each
generated file showed in the last build, and of the generated parts (the claims listing,
the corrections log) that hand-written pages show, so only what changed is rebuilt.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Mapping

from ._host import File, Files, InclusionLevel, MkDocsConfig


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class GeneratedFile(File):
    """A generated file that knows whether it shows what it showed in the last build."""

    unchanged = False

    def is_modified(self) -> bool:
        return not (self.unchanged and os.path.isfile(self.abs_dest_path))


def always_modified(file: File) -> None:
    """Mark a hand-written page modified: a listing it shows changed while its Markdown
    did not."""
    modified: Callable[[], bool] = lambda: True  # noqa: E731
    setattr(file, "is_modified", modified)  # noqa: B010


class Built:
    """The digests of the last build and of the one under way."""

    def __init__(self) -> None:
        # Only a process that builds again (`serve`) compares with the last build: a lone
        # build digests nothing.
        self.remembering = True
        self.last: dict[str, str] = {}
        self.now: dict[str, str] = {}
        # src_uri -> (the page object, its digest): a page kept from the last build (the
        # same object) is not serialised again.
        self.known: dict[str, tuple[object, str]] = {}

    def clear(self) -> None:
        self.last.clear()
        self.now.clear()
        self.known.clear()

    def start(self) -> None:
        """A new build: what the one before built becomes what to compare with."""
        self.last, self.now = self.now, {}

    def file(
        self,
        config: MkDocsConfig,
        src_uri: str,
        content: str,
        shown: str,
        inclusion: InclusionLevel = InclusionLevel.UNDEFINED,
    ) -> GeneratedFile:
        """A generated file that reports itself unmodified when `shown` (the digest of what
        it shows) is what it showed in the last build, so `serve --dirty` skips it."""
        file = GeneratedFile.generated(config, src_uri, content=content, inclusion=inclusion)
        assert isinstance(file, GeneratedFile)
        if not self.remembering:
            return file
        file.unchanged = self.last.get(src_uri) == shown
        self.now[src_uri] = shown
        return file

    def mark_filled(
        self, files: Files, parts: Mapping[str, str], filled: Mapping[str, Iterable[str]]
    ) -> None:
        """Hand-written pages (`filled`: src_uri -> the parts it shows) are modified when one
        of the generated `parts` (name -> its HTML) they show changed."""
        if not self.remembering:
            return
        changed = set()
        for part, text in parts.items():
            key = f"\0{part}"
            self.now[key] = digest(text)
            if self.last.get(key) != self.now[key]:
                changed.add(part)
        for src_uri, shown in filled.items():
            file = files.get_file_from_path(src_uri)
            if changed.intersection(shown) and file is not None and file.generated_by is None:
                always_modified(file)
