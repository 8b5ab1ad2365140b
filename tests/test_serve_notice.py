"""Under `mkdocs serve`, an edit to a claim is noticed by file events at once, and MkDocs'
poll of the same folder (kept for where file events are missed) asks for no second rebuild."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
import watchdog.events
from watchdog.observers import Observer

from generator.mkdocs_plugin._host import LiveReloadServer
from generator.mkdocs_plugin.notice import AskForRebuild, Noticed
from generator.mkdocs_plugin.serving import FolderWatch


class Server:
    """What the watches use of MkDocs' LiveReloadServer: its condition and flag."""

    def __init__(self) -> None:
        self._rebuild_cond = threading.Condition()
        self._want_rebuild = False

    def asked(self) -> bool:
        asked, self._want_rebuild = self._want_rebuild, False
        return asked


def modified(path: Path) -> watchdog.events.FileSystemEvent:
    return watchdog.events.FileModifiedEvent(str(path))


@pytest.fixture
def claim(tmp_path: Path) -> Path:
    path = tmp_path / "claim.yaml"
    path.write_text("claim: one\n", "utf-8")
    return path


def askers(server: Server) -> tuple[AskForRebuild, AskForRebuild]:
    noticed = Noticed()
    first = AskForRebuild(server, noticed, first=True)  # type: ignore[arg-type]
    poll = AskForRebuild(server, noticed, first=False)  # type: ignore[arg-type]
    return first, poll


def test_a_file_event_asks_for_a_rebuild_and_the_poll_of_the_same_edit_does_not(
    claim: Path,
) -> None:
    server = Server()
    events, poll = askers(server)
    claim.write_text("claim: two\n", "utf-8")
    events.dispatch(modified(claim))
    assert server.asked()
    poll.dispatch(modified(claim))
    assert not server.asked()
    # Saved again (by an editor that replaces the file): news to the poll as well.
    claim.with_name("new.yaml").write_text("claim: three, longer\n", "utf-8")
    os.replace(claim.with_name("new.yaml"), claim)
    poll.dispatch(modified(claim))
    assert server.asked()


def test_without_file_events_the_poll_asks_for_every_change(claim: Path) -> None:
    server = Server()
    _, poll = askers(server)
    poll.dispatch(modified(claim))
    assert server.asked()
    claim.write_text("claim: a longer text\n", "utf-8")
    poll.dispatch(modified(claim))
    assert server.asked()
    poll.dispatch(watchdog.events.FileDeletedEvent(str(claim.with_name("gone.yaml"))))
    assert server.asked()


@pytest.mark.parametrize(
    "event",
    [
        watchdog.events.FileOpenedEvent,
        watchdog.events.FileClosedNoWriteEvent,
        watchdog.events.FileSystemEvent,  # stands for attribute-only events below
        watchdog.events.DirModifiedEvent,
    ],
)
def test_reading_a_file_asks_for_nothing(
    claim: Path, event: type[watchdog.events.FileSystemEvent]
) -> None:
    # The rebuild reads every claim: a read answered by a rebuild would never end.
    server = Server()
    events, _ = askers(server)
    happened = event(str(claim))
    if event is watchdog.events.FileSystemEvent:
        happened.event_type = "attrib"
    events.dispatch(happened)
    assert not server.asked()


def test_an_edit_is_seen_by_file_events_outside_the_docs_folder_and_by_the_poll_inside(
    tmp_path: Path,
) -> None:
    (tmp_path / "claims").mkdir()
    (tmp_path / "content" / "sources").mkdir(parents=True)
    claim = tmp_path / "claims" / "a.yaml"
    claim.write_text("claim: one\n", "utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    watch = FolderWatch()
    watch.start(server, tmp_path, ["claims", "content/sources"], str(tmp_path / "content"))
    try:
        kinds = {
            folder: [type(observer).__name__ for observer, _ in handles]
            for folder, handles in watch.handles.items()
        }
        assert kinds == {
            str(tmp_path / "claims"): ["PollingObserver", getattr(Observer, "__name__", "")],
            str(tmp_path / "content/sources"): ["NoneType"],  # MkDocs' own watch
        }
        assert str(tmp_path / "content/sources") in server._watched_paths
        # MkDocs' poll has not started (the server is not serving): the file events alone
        # see the edit.
        claim.write_text("claim: two\n", "utf-8")
        deadline = time.monotonic() + 30
        while not server._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.01)
        assert server._want_rebuild
    finally:
        watch.clear()
    assert watch.events is None
