"""The site asks the shared wording of every source at once (`Remembered`): the answers
must be the engine's own, source by source."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench_corpus import realistic

from generator.engine import check
from generator.site.shared import Remembered

ROOT = Path(__file__).resolve().parent.parent


def _publications(tmp: Path) -> list[Path]:
    realistic(tmp / "generated", 60, 12, 3)
    return [ROOT, ROOT / "tests" / "fixtures" / "floodtown", tmp / "generated"]


@pytest.mark.parametrize("which", [0, 1, 2])
def test_every_source_shares_what_the_engine_says(which: int, tmp_path: Path) -> None:
    root = _publications(tmp_path)[which]
    pub = check(root)
    asked = Remembered(pub.shared, frozenset(pub.sources))
    sharing = 0
    for source_id in sorted(pub.sources):
        expected = check(root).shared.of(source_id)  # a fresh engine: nothing remembered
        got = asked.of(source_id)
        assert got == expected, source_id
        assert list(got) == list(expected)  # in the same order
        sharing += bool(got)
    assert sharing >= 2
