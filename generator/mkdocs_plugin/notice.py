"""Noticing an edit to a claim at once under `mkdocs serve`.

MkDocs polls what it watches every half second, so an edit waited a quarter of a second on
average (half a second at worst) before its rebuild began. The folders the plugin adds to
the watch (the claims, which lie outside the docs folder) are also watched here through the
platform's own file events (inotify, FSEvents, ReadDirectoryChangesW: watchdog, which MkDocs
itself depends on, picks the one there is). File events can be missed (network drives, some
containers); polling cannot: both watch, and a change both report asks for one rebuild.
The poll's report is dropped when the file is as the file event left it, so the browser
does not reload twice for one edit.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable

import watchdog.events

from ._host import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.factcheck")

# What a file is, as far as a poll can tell: its inode, size and modification time (None:
# no file). The poll compares the same, so a change it reports differs here too.
Signature = tuple[int, int, int] | None

# File events that are no change: reading a file (the rebuild reads every claim) opens and
# closes it, and on some file systems updates its access time (an attribute event). A
# `touch` is an attribute event as well: the poll still reports it.
_READS = frozenset({"opened", "closed_no_write", "attrib"})


def signature(path: str) -> Signature:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


class Noticed:
    """Each file as the last file event about it left it."""

    def __init__(self) -> None:
        self._seen: dict[str, Signature] = {}
        self._lock = threading.Lock()

    def by_event(self, paths: Iterable[str]) -> None:
        """A file event reported `paths`: remember them as they are now."""
        with self._lock:
            for path in paths:
                self._seen[path] = signature(path)

    def is_new(self, paths: Iterable[str]) -> bool:
        """Whether a poll's report of `paths` is news: some path is not as the last file
        event about it left it (then it is remembered as it is now)."""
        with self._lock:
            news = False
            for path in paths:
                now = signature(path)
                if path not in self._seen or self._seen[path] != now:
                    self._seen[path] = now
                    news = True
            return news

    def clear(self) -> None:
        with self._lock:
            self._seen.clear()


class AskForRebuild(watchdog.events.FileSystemEventHandler):
    """Asks `server` for a rebuild when a file under the watched folder changes: always on
    a file event (`first`), on a poll's report only when it is news to `noticed`."""

    def __init__(self, server: LiveReloadServer, noticed: Noticed, *, first: bool) -> None:
        super().__init__()
        self.server = server
        self.noticed = noticed
        self.first = first

    def on_any_event(self, event: watchdog.events.FileSystemEvent) -> None:
        if event.is_directory or event.event_type in _READS:
            return  # as MkDocs' own watch: a folder's event comes with its files' events
        paths = [os.fsdecode(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        if self.first:
            self.noticed.by_event(paths)
        elif not self.noticed.is_new(paths):
            return
        log.debug("%s: %s", "file event" if self.first else "poll", event)
        want_rebuild(self.server)


def want_rebuild(server: LiveReloadServer) -> None:
    """What MkDocs' own watch callback does; LiveReloadServer has no public call for it."""
    condition = getattr(server, "_rebuild_cond", None)
    if condition is None:
        return
    with condition:
        server._want_rebuild = True
        condition.notify_all()
