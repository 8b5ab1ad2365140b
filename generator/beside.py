"""Work done beside the check or the build, in a second process, where the machine has a
core for it.

Two shapes of work:

- `beside`: one answer, worked out in a forked copy while this process goes on, and handed
  back pickled. A build's copy makes the source pages and the last claims' pages. The
  answer is the same either way: wherever forking is not safe or not worth it, or the copy
  fails, the work is done here, when first asked for.
- `alongside`: a stream of items, each handed over as soon as the copy has made it, until
  the copy runs out or this process stops it. A check's copy works out the shared wording,
  then checks the claims from the last one back while this process checks them from the
  first (see `generator.both_ends`); whatever the copy does not hand over is done here.

Forking is used only where it is safe and cheap: on Linux, in a process with no other
thread (a fork copies one thread, and any lock another thread held stays locked in the
copy: `mkdocs serve` runs a web server and watchers, and works here instead), with a second
core to run on.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from typing import IO, Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


class Pending(Generic[T]):
    """The answer of `work`, worked out in a forked copy of this process when `start`
    could fork, or here on the first `result()`."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work: Callable[[], T] | None = work
        self._answer: T | None = None
        self._done = False
        self._child = 0  # the copy's process id, while it works
        self._reader: threading.Thread | None = None
        self._loaded: tuple[T] | None = None  # the copy's answer, once read whole

    def start(self) -> Pending[T]:
        """Fork a copy to do the work, if forking is safe here."""
        work = self._work
        assert work is not None
        copy = _fork(lambda pipe: pickle.dump(work(), pipe, protocol=pickle.HIGHEST_PROTOCOL))
        if copy is None:
            return self
        self._child, read_end = copy
        # Read as the copy writes, so that it exits (and frees its memory) as soon as it
        # is done, not when the answer is first asked for.
        self._reader = threading.Thread(target=self._read, args=(read_end,), daemon=True)
        self._reader.start()
        return self

    @property
    def forked(self) -> bool:
        """Whether a copy works on it (until the answer is collected)."""
        return bool(self._child)

    def result(self) -> T:
        if not self._done:
            self._answer = self._collect()
            self._done, self._work = True, None
        return self._answer  # type: ignore[return-value]

    def _read(self, fd: int) -> None:
        # The answer is read as the copy writes it, a frame at a time: neither process
        # ever holds it twice (as objects and as one pickled string).
        with os.fdopen(fd, "rb") as pipe:
            try:
                self._loaded = (pickle.load(pipe),)  # written by this very program's copy
            except Exception as error:  # a copy cut short: worked out here instead
                log.debug("the copy's answer does not load: %r", error)
            while pipe.read(1 << 20):  # whatever follows, so the copy is never stuck
                pass

    def _collect(self) -> T:
        assert self._work is not None
        if self._child:
            assert self._reader is not None
            self._reader.join()
            _, status = os.waitpid(self._child, 0)
            self._child = 0
            loaded, self._loaded = self._loaded, None
            if os.waitstatus_to_exitcode(status) == 0 and loaded is not None:
                return loaded[0]
            log.debug("the copy working beside the check failed (%s): done here", status)
        return self._work()


def beside(work: Callable[[], T], *, worth_it: bool = True) -> Pending[T]:
    """`work`'s answer, worked out beside what the caller does next when `worth_it` and
    forking is safe here (see the module's docstring); `.result()` waits for it."""
    pending = Pending(work)
    return pending.start() if worth_it else pending


class Stream:
    """The items a forked copy makes, each handed to `receive` (in a reader thread here)
    as it arrives, until the copy has made them all or is stopped."""

    def __init__(
        self,
        child: int,
        fd: int,
        receive: Callable[[object], None],
        ended: Callable[[], None] | None = None,
    ) -> None:
        self._child = child
        self._reader = threading.Thread(target=self._read, args=(fd, receive, ended), daemon=True)
        self._reader.start()

    def stop(self) -> None:
        """End the copy's work, whatever it is doing, and wait for it: every item handed
        to `receive` is whole, and none comes after."""
        if self._child:
            # A copy that has finished is still there until reaped: the kill cannot fail.
            os.kill(self._child, signal.SIGKILL)
            self._reader.join()
            os.waitpid(self._child, 0)
            self._child = 0

    @staticmethod
    def _read(fd: int, receive: Callable[[object], None], ended: Callable[[], None] | None) -> None:
        with os.fdopen(fd, "rb") as pipe:
            try:
                while True:
                    receive(pickle.load(pipe))  # written by this very program's copy
            except EOFError:  # made them all, or stopped: what was handed over is whole
                pass
            except Exception as error:  # a copy cut short
                log.debug("the copy's items stop short: %r", error)
            finally:
                if ended is not None:
                    ended()
            while pipe.read(1 << 20):  # whatever follows, so the copy is never stuck
                pass


def alongside(
    make: Callable[[], Iterable[object]],
    receive: Callable[[object], None],
    *,
    worth_it: bool = True,
    ended: Callable[[], None] | None = None,
) -> Stream | None:
    """`make()`'s items made in a forked copy, beside what the caller does next, and each
    handed to `receive` as it comes, when `worth_it` and forking is safe here; None (and
    nothing made) otherwise. `ended()` is called once no more items will come. The
    caller stops the copy once it needs no more items."""
    if not worth_it:
        return None

    def made(pipe: IO[bytes]) -> None:
        for item in make():
            pickle.dump(item, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            pipe.flush()  # each item wanted as soon as it is made

    copy = _fork(made)
    return Stream(*copy, receive, ended) if copy is not None else None


def can_fork() -> bool:
    """Whether a forked copy can work beside this process safely and on its own core."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    if _other_threads():
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return cores >= 2


def _other_threads() -> bool:
    return threading.active_count() > 1


def _fork(write: Callable[[IO[bytes]], None]) -> tuple[int, int] | None:
    """A copy of this process running `write(pipe)`: its process id and the pipe's read
    end; None where no copy can be made (see `can_fork`)."""
    if not can_fork():
        return None
    read_end, write_end = os.pipe()
    try:
        child = os.fork()
    except OSError as error:  # no memory or process left for a copy: done here
        log.debug("no copy to work beside the check: %s", error)
        os.close(read_end)
        os.close(write_end)
        return None
    if child == 0:  # the copy
        os.close(read_end)
        _write_and_exit(write, write_end)
    os.close(write_end)
    return child, read_end


def _write_and_exit(write: Callable[[IO[bytes]], None], fd: int) -> None:
    """In the copy: do the work, writing its answer, and leave without running anything
    of the parent's (no exit handlers, no buffered output flushed twice)."""
    code = 1
    try:
        with os.fdopen(fd, "wb") as pipe:
            write(pipe)
        code = 0
    except BaseException:  # any failure is reported by the exit code
        code = 1
    finally:
        os._exit(code)
