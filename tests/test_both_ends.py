"""A list worked through from both ends (generator.both_ends): wherever the two ends
meet, the results are every item's, in order, each once."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.both_ends import Tail, from_the_end


def squares(indexes: range) -> list[int]:
    return [i * i for i in indexes]


def test_the_copy_sends_every_index_once_from_the_last_back() -> None:
    sent = list(from_the_end(7, squares, batch=3))
    assert sent == [(4, [16, 25, 36]), (1, [1, 4, 9]), (0, [0])]
    assert list(from_the_end(0, squares)) == []


@given(
    total=st.integers(0, 60),
    batch=st.integers(1, 9),
    received=st.integers(0, 12),
    data=st.data(),
)
def test_wherever_they_meet_the_results_are_all_in_order(
    total: int, batch: int, received: int, data: st.DataObject
) -> None:
    tail: Tail[int] = Tail(total)
    batches = list(from_the_end(total, squares, batch))
    for item in batches[:received]:
        tail.receive(item)
    # This process went at least as far as where the received batches begin.
    here = data.draw(st.integers(tail.start, total))
    assert [i * i for i in range(here)] + tail.results_from(here) == squares(range(total))


def test_a_batch_that_does_not_extend_the_tail_is_left_out() -> None:
    tail: Tail[int] = Tail(10)
    tail.receive((5, squares(range(5, 8))))  # leaves a gap before 10: not the tail
    assert tail.start == 10
    tail.receive((8, squares(range(8, 10))))
    tail.receive((8, squares(range(8, 10))))  # sent twice: the second is not the tail
    assert (tail.start, tail.results_from(8)) == (8, [64, 81])
