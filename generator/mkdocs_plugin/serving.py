"""Watching the claims and sources folders under `mkdocs serve`, even when they are removed
and restored.

MkDocs watches the folders it is told of, but a folder removed and restored is a new
folder, which the watch on the old one never sees, and MkDocs' own watches ignore events on
folders. `FolderWatch` watches each folder again when it came back, and a watch on each
folder's parent asks the server for a rebuild when one of them appears or goes.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache

from ._host import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.factcheck")


class FolderWatch:
    """The watches `server` keeps on `folders` (relative to `root`)."""

    def __init__(self) -> None:
        self.server: LiveReloadServer | None = None
        self.watching: dict[str, tuple[int, int] | None] = {}

    def clear(self) -> None:
        self.server = None
        self.watching.clear()

    def start(self, server: LiveReloadServer, root: Path, folders: Iterable[str]) -> None:
        """Watch `folders` with `server`, and their parents for the folders coming back."""
        self.server = server
        folders = list(folders)
        self.rewatch(root, folders)
        paths = [root / f for f in folders]
        for parent in {p.parent for p in paths}:
            if parent.is_dir():
                watch_for_folders(server, parent, paths)

    def rewatch(self, root: Path, folders: Iterable[str]) -> None:
        """Watch the folders, again if one was removed and restored."""
        if self.server is None:
            return
        for folder in folders:
            path = str(root / folder)
            try:
                stat = os.stat(path)
                now: tuple[int, int] | None = (stat.st_dev, stat.st_ino)
            except OSError:
                now = None
            if folder in self.watching and self.watching[folder] == now:
                continue
            if self.watching.get(folder) is not None:
                try:
                    self.server.unwatch(path)
                except (KeyError, ValueError, OSError):  # the folder's watch died with it
                    log.debug("no watch left on %s", path)
            self.watching[folder] = now
            if now is not None:
                self.server.watch(path)


def watch_for_folders(server: LiveReloadServer, parent: Path, folders: list[Path]) -> None:
    """Ask `server` for a rebuild whenever one of `folders` appears or goes under `parent`."""
    import watchdog.events

    names = {str(f) for f in folders}

    class FolderComesAndGoes(watchdog.events.FileSystemEventHandler):
        def on_any_event(self, event: watchdog.events.FileSystemEvent) -> None:
            paths = {os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", ""))}
            if names & paths:
                want_rebuild(server)

    server.observer.schedule(FolderComesAndGoes(), str(parent), recursive=False)


def want_rebuild(server: LiveReloadServer) -> None:
    """What MkDocs' own watch callback does; LiveReloadServer has no public call for it."""
    condition = getattr(server, "_rebuild_cond", None)
    if condition is None:
        return
    with condition:
        server._want_rebuild = True
        condition.notify_all()


class CompiledTemplates(BytecodeCache):
    """The theme's templates compiled by the last build, kept for the next.

    MkDocs makes a new template environment for every build, so under `serve` every edit
    compiled the theme's templates again. Jinja reuses an entry only while the template's
    source is the same (it checks a checksum of the source), so an edited override is
    compiled afresh.
    """

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.compiled.clear()
