"""The plugin as a newsroom installs it: from a wheel, into a fresh environment.

The wheel is built from this checkout and installed without its dependencies into a new
virtual environment that borrows the running one's packages (so the test runs offline);
`factcheck init` then makes a publication in an empty folder, and `mkdocs build --strict`
(and `properdocs build --strict`, when `make test` made its environment) must give claim
pages with ClaimReview JSON-LD, the stylesheet, and a filter that works in Chromium.
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, _serve

pytestmark = pytest.mark.slow
PROPERDOCS_VENV = ROOT / ".venv-properdocs"
PURELIB = "import sysconfig; print(sysconfig.get_path('purelib'))"


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    # Never from the checkout: `python -c` would import it instead of the installed wheel.
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd or Path(sysconfig.get_path("purelib")),
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": ""},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done


@functools.cache
def wheel(dest: Path) -> Path:
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
        "-w", dest, ROOT)  # fmt: skip
    return next(dest.glob("factcheck_generator-*.whl"))


def test_the_wheel_carries_templates_assets_and_scaffold(tmp_path: Path) -> None:
    names = set(zipfile.ZipFile(wheel(tmp_path)).namelist())
    for expected in (
        "generator/py.typed",
        "generator/templates/main.html",
        "generator/templates/factcheck/claim.html",
        "generator/templates/factcheck/claim_review.html",
        "generator/site/assets/factcheck.css",
        "generator/site/assets/factcheck.js",
        "generator/pictures/pictures.css",
        "generator/scaffold/mkdocs.yml",
        "generator/scaffold/workflows/factcheck.yml",
        "generator/scaffold/content/sources/example-gazette.md",
    ):
        assert expected in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel(tmp_path)).read(entry_points).decode()
    assert "[mkdocs.plugins]" in text and "[properdocs.plugins]" in text


def fresh_venv(where: Path, borrow: Path) -> Path:
    """A new environment with the wheel, resolving its dependencies from `borrow`'s."""
    run(sys.executable, "-m", "venv", where)
    python = where / "bin" / "python"
    own = run(python, "-c", PURELIB)
    # A plain path line: the borrowed packages are importable, their .pth hooks (such as
    # an editable install of this checkout) are not run.
    Path(own.stdout.strip(), "borrowed.pth").write_text(f"{borrow}\n", "utf-8")
    run(python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel(where.parent))
    return where


def purelib(venv: Path) -> Path:
    done = run(
        venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"
    )
    return Path(done.stdout.strip())


ENGINES = ["mkdocs", "properdocs"]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_new_publication_from_the_wheel_builds_and_works(
    engine: str, tmp_path: Path, browser: Any
) -> None:
    if engine == "properdocs":
        if not (PROPERDOCS_VENV / "bin" / "properdocs").exists():
            pytest.skip("no .venv-properdocs: `make test` creates it")
        borrow = purelib(PROPERDOCS_VENV)
    else:
        borrow = Path(sysconfig.get_path("purelib"))
    venv = fresh_venv(tmp_path / "venv", borrow)
    where = run(venv / "bin" / "python", "-c", "import generator; print(generator.__file__)")
    assert where.stdout.startswith(str(venv)), "the test must use the installed wheel"
    desk = tmp_path / "desk"
    desk.mkdir()
    run(venv / "bin" / "factcheck", "init", desk)
    run(venv / "bin" / "factcheck", "check", cwd=desk)
    site = tmp_path / "site"
    config = ["-f", "mkdocs.yml"] if engine == "properdocs" else []
    run(venv / "bin" / "python", "-m", engine, "build", "--strict", *config, "--site-dir", site,
        cwd=desk)  # fmt: skip
    claim = (site / "claims" / "example-lighthouses" / "index.html").read_text("utf-8")
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', claim, re.S)
    assert found is not None
    review = json.loads(found.group(1))
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "The fictional town of Nowhere-on-Sea has 12 lighthouses."
    assert '<link rel="stylesheet" href="../../assets/factcheck/factcheck.css">' in claim
    assert (site / "assets" / "factcheck" / "factcheck.css").stat().st_size > 1000
    assert '<link rel="stylesheet" href="../../assets/factcheck/pictures.css">' in claim
    assert (site / "assets" / "factcheck" / "pictures.css").stat().st_size > 1000

    page = browser.new_page()
    try:
        page.goto(_serve(site) + "index.html")
        assert page.locator(".fc-filter").is_visible()  # the script ran
        page.fill(".fc-filter__search", "lighthouses")
        assert page.locator(".fc-claim-item").first.is_visible()
        page.fill(".fc-filter__search", "zzzznotaword")
        assert page.locator(".fc-claims__none").is_visible()
        assert not page.locator(".fc-claim-item").first.is_visible()
        # The stylesheet applied: a badge is drawn as a pill, not as plain text.
        badge = page.eval_on_selector(".fc-badge", "e => getComputedStyle(e).display")
        assert badge != "inline"
    finally:
        page.close()
