"""Work done beside the check, in a second process, where the machine has a core for it.

Shared wording needs only the sources, and the claims need it only once they are all
loaded, to be judged: a forked copy of the check works it out on the second core while the
first loads, verifies and reads the claims, and hands it back pickled (a few megabytes at
ten thousand claims). The answer is the same object either way: wherever forking is not
safe or not worth it, or the copy fails, the work is done here, when first asked for.

Forking is used only where it is safe and cheap: on Linux, in a process with no other
thread (a fork copies one thread, and any lock another thread held stays locked in the
copy: `mkdocs serve` runs a web server and watchers, and works here instead), with a second
core to run on.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

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
        if not can_fork():
            return self
        read_end, write_end = os.pipe()
        try:
            child = os.fork()
        except OSError as error:  # no memory or process left for a copy: done here
            log.debug("no copy to work beside the check: %s", error)
            os.close(read_end)
            os.close(write_end)
            return self
        if child == 0:  # the copy
            os.close(read_end)
            _work_and_exit(self._work, write_end)
        os.close(write_end)
        self._child = child
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


def _work_and_exit(work: Callable[[], object] | None, fd: int) -> None:
    """In the copy: do the work, write its answer, and leave without running anything
    of the parent's (no exit handlers, no buffered output flushed twice)."""
    code = 1
    try:
        assert work is not None
        answer = work()
        with os.fdopen(fd, "wb") as pipe:
            pickle.dump(answer, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        code = 0
    except BaseException:  # any failure is reported by the exit code
        code = 1
    finally:
        os._exit(code)
