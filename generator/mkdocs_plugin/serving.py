"""Watching the claims and sources folders under `mkdocs serve`, even when they are removed
and restored.

MkDocs watches the folders it is told of, but a folder removed and restored is a new
folder, which the watch on the old one never sees, and MkDocs' own watches ignore events on
folders. `FolderWatch` watches each folder again when it came back, and a watch on each
folder's parent asks the server for a rebuild when one of them appears or goes. A folder
outside the docs folder (which MkDocs polls anyway) is watched by file events as well as by
MkDocs' poll, so that an edit to a claim is noticed at once (see `notice`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache

from ._host import LiveReloadServer
from .notice import AskForRebuild, Noticed, want_rebuild

log = logging.getLogger("mkdocs.plugins.factcheck")


class FolderWatch:
    """The watches `server` keeps on `folders` (relative to `root`)."""

    def __init__(self) -> None:
        self.server: LiveReloadServer | None = None
        self.watching: dict[str, tuple[int, int] | None] = {}
        self.docs: Path | None = None  # the folder MkDocs polls itself
        self.events: Any = None  # the platform's file-event observer, when it started
        self.noticed = Noticed()
        # A folder's own watches: (observer, its watch), or (None, None) for MkDocs' own.
        self.handles: dict[str, list[tuple[Any, Any]]] = {}

    def clear(self) -> None:
        self.stop()
        self.watching.clear()
        self.handles.clear()
        self.noticed.clear()

    def stop(self) -> None:
        """The session ends: no more file events (MkDocs stops its own poll)."""
        self.server = None
        if self.events is not None:
            self.events.stop()
            self.events = None

    def start(
        self, server: LiveReloadServer, root: Path, folders: Iterable[str], docs: str
    ) -> None:
        """Watch `folders` with `server`, and their parents for the folders coming back."""
        self.server = server
        self.docs = Path(docs).resolve()
        self.events = _file_events()
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
            self._unwatch(path)
            self.watching[folder] = now
            if now is not None:
                self._watch(path)

    def _watch(self, path: str) -> None:
        assert self.server is not None
        if self.docs is None or Path(path).resolve().is_relative_to(self.docs):
            self.server.watch(path)  # polled with the docs folder: file events would double
            self.handles[path] = [(None, None)]
            return
        polls = self.server.observer
        handles = [(polls, polls.schedule(self._asker(first=False), path, recursive=True))]
        if self.events is not None:
            try:
                watch = self.events.schedule(self._asker(first=True), path, recursive=True)
                handles.append((self.events, watch))
            except OSError as error:  # e.g. the system's limit on watches: the poll remains
                log.debug("no file events for %s: %s", path, error)
        self.handles[path] = handles

    def _unwatch(self, path: str) -> None:
        assert self.server is not None
        for observer, watch in self.handles.pop(path, []):
            try:
                if observer is None:
                    self.server.unwatch(path)
                else:
                    observer.unschedule(watch)
            except (KeyError, ValueError, OSError):  # the folder's watch died with it
                log.debug("no watch left on %s", path)

    def _asker(self, *, first: bool) -> AskForRebuild:
        assert self.server is not None
        return AskForRebuild(self.server, self.noticed, first=first)


def _file_events() -> Any:
    """The platform's file-event observer, started; None where it cannot start."""
    try:
        from watchdog.observers import Observer

        observer = Observer()
        observer.start()
    except Exception as error:  # no native events here: MkDocs' poll is enough
        log.debug("no file events: %r", error)
        return None
    return observer


_COMES_OR_GOES = frozenset({"created", "deleted", "moved"})


def watch_for_folders(server: LiveReloadServer, parent: Path, folders: list[Path]) -> None:
    """Ask `server` for a rebuild whenever one of `folders` appears or goes under `parent`."""
    import watchdog.events

    names = {str(f) for f in folders}

    class FolderComesAndGoes(watchdog.events.FileSystemEventHandler):
        def on_any_event(self, event: watchdog.events.FileSystemEvent) -> None:
            if event.event_type not in _COMES_OR_GOES:
                return  # a change inside a folder is its own watch's to report
            paths = {os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", ""))}
            if names & paths:
                want_rebuild(server)

    server.observer.schedule(FolderComesAndGoes(), str(parent), recursive=False)


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
