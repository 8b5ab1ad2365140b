"""The site publishes the JSON Schemas editors point their YAML extension at."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("name", ["claim.json", "source.json"])
def test_the_site_publishes_the_committed_schemas(bundled_site: Path, name: str) -> None:
    published = bundled_site / "schema" / name
    assert published.read_bytes() == (ROOT / "schema" / name).read_bytes()
