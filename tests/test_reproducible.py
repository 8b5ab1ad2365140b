"""Two builds of the same input are byte-identical, so a deploy diff shows only real
changes: the bundled publication and the hostile corpus, each built a second time."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import HOSTILE, ROOT, build_site

pytestmark = pytest.mark.slow


def tree(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("corpus", ["bundled", "hostile"])
def test_two_builds_are_byte_identical(
    corpus: str, bundled_site: Path, hostile_site: Path, tmp_path: Path
) -> None:
    project, first = (ROOT, bundled_site) if corpus == "bundled" else (HOSTILE, hostile_site)
    again = tree(build_site(project, tmp_path / "again"))
    before = tree(first)
    assert sorted(again) == sorted(before)
    differ = [name for name in before if before[name] != again[name]]
    assert not differ
