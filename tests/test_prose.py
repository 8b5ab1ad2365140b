"""The prose helpers every message and page uses."""

from __future__ import annotations

from generator.prose import capital, count, join, plural, sentence


def test_join_reads_as_english() -> None:
    assert join([]) == ""
    assert join(["a"]) == "a"
    assert join(["a", "b"]) == "a and b"
    assert join(iter(["a", "b", "c"])) == "a, b and c"
    assert join(["a", "b"], "or") == "a or b"


def test_capital_plural_count_sentence() -> None:
    assert capital("alwaght relays it") == "Alwaght relays it"
    assert capital("") == ""
    assert (plural(1, "claim"), plural(0, "claim"), plural(2, "claim")) == (
        "claim",
        "claims",
        "claims",
    )
    assert plural(2, "analysis", "analyses") == "analyses"
    assert (count(1, "source"), count(3, "source")) == ("1 source", "3 sources")
    assert sentence(" values agree ") == "Values agree."
    assert sentence("Is it?") == "Is it?"
    assert sentence("") == ""
