"""Work done beside the check in a forked copy: the same answer as done here, and done
here whenever the copy cannot be made or fails."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import bench_corpus
import pytest

from generator import beside as b
from generator import engine, report, shared_wording
from generator.both_ends import Tail
from generator.cache import EngineCache

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


class Received:
    """What `alongside` hands over, as the reader thread hands it."""

    def __init__(self) -> None:
        self.items: list[object] = []
        self.ended = threading.Event()

    def receive(self, item: object) -> None:
        self.items.append(item)

    def end(self) -> None:
        self.ended.set()


def test_a_copy_streams_its_items_in_order_until_it_has_made_them_all(can_fork: None) -> None:
    parent = os.getpid()
    got = Received()
    copy = b.alongside(lambda: ((os.getpid(), n) for n in range(50)), got.receive, ended=got.end)
    assert copy is not None
    assert got.ended.wait(30)
    copy.stop()
    items = cast(list[tuple[int, int]], got.items)
    assert [n for _, n in items] == list(range(50))
    assert all(pid != parent for pid, _ in items)  # made there


def test_stopping_a_copy_leaves_only_whole_items(can_fork: None) -> None:
    def endless() -> Iterator[object]:
        n = 0
        while True:  # each item larger than the pipe: some are cut short by the stop
            yield [n] * 500_000
            n += 1

    got = Received()
    copy = b.alongside(endless, got.receive, ended=got.end)
    assert copy is not None
    while len(got.items) < 3:
        got.ended.wait(0.01)
    copy.stop()
    assert got.ended.is_set()
    kept = list(got.items)
    assert all(item == [n] * 500_000 for n, item in enumerate(kept))
    assert got.items == kept  # nothing after the stop


def test_a_copy_that_fails_midway_hands_over_what_it_made(can_fork: None) -> None:
    def two_then_fail() -> Iterator[object]:
        yield "first"
        yield "second"
        raise MemoryError

    got = Received()
    copy = b.alongside(two_then_fail, got.receive, ended=got.end)
    assert copy is not None
    assert got.ended.wait(30)
    copy.stop()
    assert got.items == ["first", "second"]


def test_no_stream_where_no_copy_is_safe_or_worth_it() -> None:
    got = Received()
    assert b.alongside(lambda: iter([1]), got.receive, worth_it=False) is None
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert b.alongside(lambda: iter([1]), got.receive) is None
    finally:
        stop.set()
        other.join()
    assert got.items == []


def report_of(root: Path, monkeypatch: pytest.MonkeyPatch, *, copy: bool) -> tuple[str, str]:
    """The check's JSON report and shared wording, with or without a copy of the process
    checking claims from the last back."""
    monkeypatch.setattr(engine, "CLAIMS_BESIDE", 0 if copy else 10**9)
    before = len(FORKS)
    pub = engine.check(root, cache=False)
    assert (len(FORKS) > before) == copy
    shared = {f"{a} {b}": repr(runs) for (a, b), runs in pub.shared.pairs.items()}
    return json.dumps(report.as_json(pub), sort_keys=True), json.dumps(shared)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated") / "pub"
    bench_corpus.realistic(root, 400, 60, 3)
    return root


@pytest.mark.parametrize("which", ["bundled", "floodtown", "generated"])
def test_a_check_from_both_ends_gives_the_report_of_a_check_here(
    which: str, generated: Path, monkeypatch: pytest.MonkeyPatch, can_fork: None
) -> None:
    root = {"bundled": ROOT, "floodtown": ROOT / "tests" / "fixtures" / "floodtown"}.get(
        which, generated
    )
    assert report_of(root, monkeypatch, copy=True) == report_of(root, monkeypatch, copy=False)


def slowed_here(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """This process checks each claim slowly (the copy does not), so that the copy checks
    some; returns where the two met, once they have."""
    parent = os.getpid()
    check_claim = engine._check_claim

    def slow(*args: object) -> object:
        if os.getpid() == parent:
            time.sleep(0.004)
        return check_claim(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "_check_claim", slow)
    met: list[int] = []
    results_from = Tail.results_from

    def meeting(self: Tail[object], index: int) -> list[object]:
        met.append(index)
        return results_from(self, index)

    monkeypatch.setattr(Tail, "results_from", meeting)
    return met


def test_claims_the_copy_checked_are_the_claims_checked_here(
    generated: Path, monkeypatch: pytest.MonkeyPatch, can_fork: None
) -> None:
    here = report_of(generated, monkeypatch, copy=False)
    met = slowed_here(monkeypatch)
    assert report_of(generated, monkeypatch, copy=True) == here
    assert 0 < met[-1] < 400, "each process checked some of the claims"


@pytest.mark.parametrize("when", ["before the shared wording", "after two batches"])
def test_a_copy_that_dies_leaves_its_claims_to_be_checked_here(
    when: str, generated: Path, monkeypatch: pytest.MonkeyPatch, can_fork: None
) -> None:
    here = report_of(generated, monkeypatch, copy=False)
    parent = os.getpid()
    if when == "before the shared wording":
        find = shared_wording.find_shared_wording

        def dying(texts: object) -> object:
            if os.getpid() != parent:
                os.kill(os.getpid(), signal.SIGKILL)
            return find(texts)  # type: ignore[arg-type]

        monkeypatch.setattr(engine, "find_shared_wording", dying)
    else:
        judged_there = engine._judged_there
        batches: list[int] = []

        def dying_later(*args: object) -> object:
            batches.append(1)
            if len(batches) > 2:
                os.kill(os.getpid(), signal.SIGKILL)
            return judged_there(*args)  # type: ignore[arg-type]

        monkeypatch.setattr(engine, "_judged_there", dying_later)
        slowed_here(monkeypatch)
    assert report_of(generated, monkeypatch, copy=True) == here


def test_the_cache_keeps_the_claims_the_copy_checked(
    generated: Path, monkeypatch: pytest.MonkeyPatch, can_fork: None
) -> None:
    slowed_here(monkeypatch)
    monkeypatch.setattr(engine, "CLAIMS_BESIDE", 0)
    cache = EngineCache()
    cold = engine.check(generated, cache=cache)
    assert (cache.stats.claims_checked, cache.stats.claims_judged) == (400, 400)
    warm = engine.check(generated, cache=cache)
    assert (cache.stats.claims_checked, cache.stats.claims_reused) == (0, 400)
    assert report.as_json(warm) == report.as_json(cold)
