"""Performance work changes nothing a user sees.

- Shared wording worked out pair by pair on request gives exactly the runs the
  all-at-once reference gives, seen by pair (`between`, `pairs`) and by source (`of`),
  on random texts, on accented, invisible-joined and repetitive text, on the bundled
  publication's sources and on a generated newsroom corpus; both with the sources read
  in batches as a large publication reads them and with one source a batch.
- The bundled publication and the Floodtown fixture give the same JSON report as the
  recorded one (the golden files), checked in test_publication/test_floodtown.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import shared_wording
from generator.engine import load_sources
from generator.model import Problem
from generator.shared_wording import all_shared_wording, find_shared_wording
from generator.textrules import DIRECTION_CONTROLS, hidden_characters, is_control

sys.path.insert(0, str(Path(__file__).parent))
import bench_corpus

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "Iraq’s",
    "e\u0301te\u0301",
    "ÉTÉ",
    "sover\u00adeignty",
    "5,000",
    "al-Muhandis",
    "the",
    "a",
]
WORDS += [f"w{i}" for i in range(6)]


@pytest.fixture(params=["batches", "one-source-a-batch"])
def holders(request: pytest.FixtureRequest) -> Iterator[None]:
    """Sources' words found in batches of characters (as a large publication is read), or
    one source a batch (forced here: no batch may hold two)."""
    limit = shared_wording._BATCH_CHARS if request.param == "batches" else -1
    with mock.patch.object(shared_wording, "_BATCH_CHARS", limit):
        yield


def _same(texts: dict[str, str]) -> None:
    lazy = find_shared_wording(texts)
    eager = all_shared_wording(texts)
    ids = sorted(texts)
    # Pairs asked in either order, of a fresh instance, give the runs worked out eagerly.
    fresh = find_shared_wording(texts)
    for a, b in [(a, b) for a in ids for b in ids][::2]:
        assert fresh.between(a, b) == eager.between(a, b), (a, b)
        assert fresh.between(b, a) == eager.between(b, a), (b, a)
    for a in ids:
        assert lazy.of(a) == eager.of(a), a
        for b in ids:
            assert lazy.between(a, b) == eager.between(a, b), (a, b)
    assert lazy.pairs == eager.pairs


# The fixture only sets a constant for the whole test: the same for every example.
@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.lists(st.integers(0, len(WORDS) - 1), max_size=80), min_size=1, max_size=5),
    st.integers(0, 2**32),
)
def test_pair_by_pair_equals_all_at_once(holders: None, raw: list[list[int]], seed: int) -> None:
    rng = random.Random(seed)
    texts = {f"s{n}": " ".join(WORDS[i] for i in ws) for n, ws in enumerate(raw)}
    passage = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30)))
    for sid in rng.sample(sorted(texts), k=min(3, len(texts))):
        words = texts[sid].split()
        cut = rng.randint(0, len(words))
        texts[sid] = " ".join([*words[:cut], passage, *words[cut:], passage])
    _same(texts)


def test_repetitive_sources_are_capped_alike(holders: None) -> None:
    one = " ".join(["again"] * 300)
    _same({"a": one, "b": one + " and more " + one, "c": "again " * 11, "d": ""})
    # A passage printed up to the most times allowed, and past it, among other words.
    passage = " ".join(f"p{i}" for i in range(15))
    _same(
        {
            f"s{n}": " . ".join([f"lead {passage}"] * n + [f"w{n} x y"] + [passage] * (5 - n))
            for n in range(6)
        }
    )


def test_bundled_sources_alike(holders: None) -> None:
    problems: list[Problem] = []
    sources, _, _ = load_sources(ROOT, "content/sources", problems)
    _same({s.id: s.text for s in sources.values()})


def test_generated_newsroom_sources_alike(holders: None, tmp_path: Path) -> None:
    """Article-length sources, some printing two paragraphs of another and a stock
    phrase three times (tests/bench_corpus.py)."""
    bench_corpus.realistic(tmp_path, 30, 60, 3)
    problems: list[Problem] = []
    sources, _, _ = load_sources(tmp_path, "content/sources", problems)
    assert len(sources) == 60
    _same({s.id: s.text for s in sources.values()})


def test_hidden_characters_found_by_class_as_by_rule() -> None:
    """The regex search finds exactly the characters the per-character rule names."""
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x30000)))
    rule = [i for i, ch in enumerate(every) if ch in DIRECTION_CONTROLS or is_control(ch)]
    assert hidden_characters(every) == rule
    assert len(rule) == 30 + 1 + 32 + 9
