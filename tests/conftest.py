"""Site and browser fixtures: built sites (once per session), a static server, Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# The machines running the suite are shared and loaded: a property test fails on what it
# finds, never on how long an example took (the bounded-cost tests set their own deadline).
settings.register_profile(
    "shared-machine",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("shared-machine")

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).resolve().parent / "hostile"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def fresh_mkdocs_plugins() -> Iterator[None]:
    """Each test's in-process builds start with new plugin instances, as a new `mkdocs`
    process would: MkDocs keeps a plugin that has `on_startup` for the whole process
    (for `serve`), and Material's search keeps its last index once it was told `--dirty`."""
    yield
    try:
        from mkdocs.config.defaults import MkDocsConfig
    except ImportError:  # pragma: no cover - MkDocs is a test dependency
        return
    cache = getattr(dict(MkDocsConfig._schema).get("plugins"), "plugin_cache", None)
    if isinstance(cache, dict):
        cache.clear()


def mkdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def build_site(project: Path, dest: Path) -> Path:
    done = mkdocs("build", "--strict", "--site-dir", str(dest), cwd=project)
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stderr}"
    return dest


@pytest.fixture
def publication_copy(tmp_path: Path) -> Path:
    """The bundled publication (config, pages, sources, claims, theme), copied to edit."""
    dest = tmp_path / "publication"
    dest.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("content", "claims", "site_overrides"):
        shutil.copytree(ROOT / folder, dest / folder, symlinks=True)
    return dest


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("bundled") / "site")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(HOSTILE, tmp_path_factory.mktemp("hostile") / "site")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@functools.cache
def _serve(directory: Path) -> str:
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def bundled_url(bundled_site: Path) -> str:
    return _serve(bundled_site)


@pytest.fixture(scope="session")
def hostile_url(hostile_site: Path) -> str:
    return _serve(hostile_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(f"no Chromium at {CHROMIUM}: `make browser` installs Debian's")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
            ],
        )
        yield launched
        launched.close()
