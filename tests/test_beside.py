"""Work done beside the check in a forked copy: the same answer as done here, and done
here whenever the copy cannot be made or fails."""

from __future__ import annotations

import json
import os
import signal
import threading
from pathlib import Path

import pytest

from generator import beside as b
from generator import engine, report

ROOT = Path(__file__).resolve().parent.parent

FORKS: list[int] = []
os.register_at_fork(after_in_parent=lambda: FORKS.append(1))


@pytest.fixture
def can_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    forking(monkeypatch)


def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork in this test even while the suite's own threads run (the browser tests' web
    server): what the copies do here takes none of their locks."""
    monkeypatch.setattr(b, "_other_threads", lambda: False)
    if not b.can_fork():
        pytest.skip("no fork here (not Linux, or one core)")


def test_the_copy_works_it_out_and_hands_back_the_same_answer(can_fork: None) -> None:
    parent = os.getpid()
    pending = b.beside(lambda: {"pid": os.getpid(), "words": ["a", "b"] * 1_000_000})
    assert pending.forked
    answer = pending.result()
    assert answer["pid"] != parent  # worked out in the copy
    assert answer["words"] == ["a", "b"] * 1_000_000  # larger than a pipe holds
    assert pending.result() is answer
    assert not pending.forked


@pytest.mark.parametrize("how", ["raises", "killed", "exits"])
def test_a_copy_that_fails_leaves_the_work_to_be_done_here(how: str, can_fork: None) -> None:
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            if how == "raises":
                raise MemoryError
            if how == "killed":
                os.kill(os.getpid(), signal.SIGKILL)
            os._exit(0)  # leaves without an answer
        return 42

    pending = b.beside(work)
    assert pending.forked
    assert pending.result() == 42


def test_not_worth_it_is_done_here_when_asked() -> None:
    calls: list[int] = []

    def work() -> int:
        calls.append(os.getpid())
        return 7

    pending = b.beside(work, worth_it=False)
    assert not pending.forked and calls == []
    assert pending.result() == 7 and pending.result() == 7
    assert calls == [os.getpid()]


def test_no_copy_is_made_beside_another_thread() -> None:
    # A fork copies only the calling thread; a lock another thread holds would stay held.
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not b.can_fork()
        pending = b.beside(lambda: 1)
        assert not pending.forked and pending.result() == 1
    finally:
        stop.set()
        other.join()


@pytest.mark.parametrize("publication", [ROOT, ROOT / "tests" / "fixtures" / "floodtown"])
def test_a_check_gives_the_same_report_with_shared_wording_worked_out_beside(
    publication: Path, monkeypatch: pytest.MonkeyPatch, can_fork: None
) -> None:
    def checked(chars: int) -> tuple[str, str]:
        monkeypatch.setattr(engine, "BESIDE_CHARS", chars)
        pub = engine.check(publication, cache=False)
        shared = {f"{a} {b}": repr(runs) for (a, b), runs in pub.shared.pairs.items()}
        return json.dumps(report.as_json(pub), sort_keys=True), json.dumps(shared)

    before = len(FORKS)
    beside = checked(0)
    assert len(FORKS) == before + 1, "the shared wording was worked out in a copy"
    assert beside == checked(10**15)
