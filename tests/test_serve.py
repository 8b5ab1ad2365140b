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


def first_build_of(served: tuple[Path, str, subprocess.Popen[str]], which: int) -> tuple[Path, str]:
    """The `which`-th claim file (in name order) and its page's URL, once the preview has
    built it."""
    project, url, server = served
    claim_file = sorted((project / "claims").glob("*.yaml"))[which]
    page = f"{url}claims/{claim_file.stem}/"
    wait_for("the first build", lambda: fetch(page) is not None, server)
    return claim_file, page


def test_editing_a_claim_changes_its_page_and_problems_show_on_it(
    served: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    project, url, server = served
    claim_file, page = first_build_of(served, 0)

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


def test_one_edit_to_a_claim_is_one_rebuild(
    served: tuple[Path, str, subprocess.Popen[str]], tmp_path: Path
) -> None:
    # File events see the edit at once and MkDocs' poll sees it again later: the browser
    # must still reload once, not once for each.
    server = served[2]
    claim_file, page = first_build_of(served, 1)
    log = tmp_path / "serve.log"
    before = log.read_text("utf-8").count("Detected file changes")

    data = yaml.safe_load(claim_file.read_text("utf-8"))
    data["claim"] = "An edited claim: preview marker 41d0."
    claim_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    wait_for("the edited claim", lambda: "preview marker 41d0" in (fetch(page) or ""), server)
    time.sleep(2)  # four of MkDocs' polls
    assert log.read_text("utf-8").count("Detected file changes") - before == 1


def test_a_claim_that_does_not_parse_keeps_its_page_with_the_error(
    served: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    server = served[2]
    claim_file, page = first_build_of(served, -1)
    good = claim_file.read_text("utf-8")

    # A YAML syntax error on line 2: the loader drops the claim, the page stays.
    claim_file.write_text("claim: A broken claim\nkind: quantity: tally\nunit: troops\n", "utf-8")

    def error_page() -> bool:
        return "does not load" in (fetch(page) or "")

    wait_for("the page of the claim that does not parse", error_page, server)
    html = fetch(page) or ""
    assert f"<code>claims/{claim_file.name}:2:15</code>: error: invalid YAML" in html
    assert '<pre class="fc-problems__line"><code>kind: quantity: tally</code></pre>' in html

    # An unknown key: the claim's own page, with the error and the offending line.
    claim_file.write_text(good + "verdcit: consistent\n", "utf-8")
    wait_for(
        "the unknown key on the page",
        lambda: "<code>verdcit: consistent</code>" in (fetch(page) or ""),
        server,
    )

    claim_file.write_text(good, "utf-8")
    wait_for("the fixed claim", lambda: "fc-problems" not in (fetch(page) or "x"), server)
    assert "does not load" not in (fetch(page) or "")


def test_a_source_that_does_not_load_is_never_published_raw(
    served: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    project, url, server = served
    wait_for("the first build", lambda: fetch(url) is not None, server)
    sources = project / "content" / "sources"

    # Not UTF-8: the server keeps going, and the page says why.
    (sources / "latin1.md").write_bytes(b"---\ntitle: Caf\xe9\n---\nUne caf\xe9.\n")
    page = f"{url}sources/latin1/"
    wait_for("the non-UTF-8 source's page", lambda: "does not load" in (fetch(page) or ""), server)
    assert "<code>content/sources/latin1.md:" in (fetch(page) or "")

    # Front matter the loader refuses, with script in it: shown only as a problem.
    (sources / "hostile.md").write_text(
        "---\ntitle: <script>alert(1)</script>\nauthorr: x\n---\n<script>alert(2)</script>\n",
        "utf-8",
    )
    page = f"{url}sources/hostile/"
    wait_for("the refused source's page", lambda: "does not load" in (fetch(page) or ""), server)
    html = fetch(page) or ""
    assert "<script>alert" not in html
    assert "<code>authorr: x</code>" in html

    (sources / "latin1.md").write_text("---\ntitle: Café\n---\nUne tasse de café.\n", "utf-8")
    wait_for(
        "the fixed source",
        lambda: "Une tasse de café." in (fetch(f"{url}sources/latin1/") or ""),
        server,
    )


@pytest.mark.parametrize("folder", ["claims", "content/sources"])
def test_the_preview_keeps_watching_a_folder_removed_and_restored(
    served: tuple[Path, str, subprocess.Popen[str]], tmp_path: Path, folder: str
) -> None:
    project, url, server = served
    claim_file, page = first_build_of(served, 0)

    away = tmp_path / "away"
    (project / folder).rename(away)
    wait_for("the removal", lambda: "fc-problems" in (fetch(url) or ""), server)
    away.rename(project / folder)
    wait_for("the restored folder", lambda: "fc-problems" not in (fetch(url) or "x"), server)

    # Edits inside the restored folder are seen: it is watched again.
    if folder == "claims":
        data = yaml.safe_load(claim_file.read_text("utf-8"))
        data["claim"] = "Edited after the folder came back, marker 5e0c."
        claim_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        wait_for("the edit", lambda: "marker 5e0c" in (fetch(page) or ""), server)
    else:
        source = next((project / folder).glob("*.md"))
        source.write_text(source.read_text("utf-8") + "\nAdded after the restore, marker 3d7a.\n")
        source_page = f"{url}sources/{source.stem}/"
        wait_for("the edit", lambda: "marker 3d7a" in (fetch(source_page) or ""), server)
