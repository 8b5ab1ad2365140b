"""`mkdocs serve` as an editor uses it: edit a claim, see the page change; break it, see
the problem on the page while the preview keeps running."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow

TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(what: str, check: Callable[[], bool], server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        assert server.poll() is None, f"mkdocs serve died while waiting for {what}"
        if check():
            return
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def served(
    tmp_path: Path, publication_copy: Path
) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    project = publication_copy
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield project, f"http://127.0.0.1:{port}/", server
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def test_editing_a_claim_changes_its_page_and_problems_show_on_it(
    served: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    project, url, server = served
    claim_file = sorted((project / "claims").glob("*.yaml"))[0]
    page = f"{url}claims/{claim_file.stem}/"
    wait_for("the first build", lambda: fetch(page) is not None, server)

    data = yaml.safe_load(claim_file.read_text("utf-8"))
    data["claim"] = "An edited claim: preview marker 7f3a."
    claim_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    wait_for("the edited claim", lambda: "preview marker 7f3a" in (fetch(page) or ""), server)

    # Break an excerpt: the preview keeps serving and shows the problem where it belongs.
    data["evidence"][0]["excerpt"] = "words that are in no source at all, marker 9c1e"
    claim_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")

    def banner() -> bool:
        html = fetch(page) or ""
        return "fc-problems" in html and f"claims/{claim_file.name}:" in html

    wait_for("the problem banner", banner, server)
    html = fetch(page) or ""
    problem = re.search(r"<code>(claims/[^<]+)</code>: error: excerpt not found", html)
    assert problem, "the banner gives the file:line:column of the problem"
    home = fetch(url) or ""
    assert "fc-problems" in home and problem.group(1) in home

    # A new source file is picked up too: the sources folder is watched.
    source = next((project / "content" / "sources").glob("*.md"))
    text = source.read_text("utf-8")
    source.write_text(text.rstrip("\n") + "\n\nA sentence added during the preview, marker 2b8d.\n")
    source_page = f"{url}sources/{source.stem}/"
    wait_for("the edited source", lambda: "marker 2b8d" in (fetch(source_page) or ""), server)
