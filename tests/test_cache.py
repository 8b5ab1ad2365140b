"""The engine cache: the same results as without it, and only changed work redone."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cache import CACHE_DIR, EngineCache
from generator.cli import main
from generator.deferred import Deferred
from generator.engine import check
from generator.report import as_json

REPO = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).resolve().parent / "hostile"


@pytest.fixture(autouse=True)
def _own_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


def _copy(src: Path, dest: Path) -> Path:
    shutil.copytree(src / "claims", dest / "claims")
    shutil.copytree(src / "content" / "sources", dest / "content" / "sources")
    return dest


@pytest.mark.parametrize("corpus", [REPO, HOSTILE], ids=["bundled", "hostile"])
def test_cached_and_uncached_runs_give_identical_json(corpus: Path, tmp_path: Path) -> None:
    root = _copy(corpus, tmp_path / "pub")
    uncached = as_json(check(root))
    memory = EngineCache()
    assert as_json(check(root, cache=memory)) == uncached  # cold
    assert as_json(check(root, cache=memory)) == uncached  # warm, in memory
    assert memory.stats.claims_checked == 0 and memory.stats.sources_loaded == 0
    assert as_json(check(root, cache=True)) == uncached  # cold, on disk
    disk = EngineCache.on_disk(root)
    assert as_json(check(root, cache=disk)) == uncached  # warm, from disk
    assert disk.stats.claims_checked == 0
    assert disk.stats.claims_reused == len(uncached["claims"])


def test_editing_one_claim_rechecks_only_that_claim(tmp_path: Path) -> None:
    root = _copy(REPO, tmp_path / "pub")
    cache = EngineCache()
    first = check(root, cache=cache)
    total = len(first.claims)
    assert cache.stats.claims_checked == total
    path = root / "claims" / "parliament-vote-170-0.yaml"
    path.write_text(path.read_text("utf-8").replace("voted", "voted", 1) + "\n", "utf-8")
    check(root, cache=cache)
    assert (cache.stats.claims_checked, cache.stats.claims_reused) == (1, total - 1)
    assert cache.stats.sources_loaded == 0


def test_editing_a_source_rechecks_the_claims_citing_it(tmp_path: Path) -> None:
    root = _copy(REPO, tmp_path / "pub")
    cache = EngineCache()
    check(root, cache=cache)
    source = root / "content" / "sources" / "alwaght.md"
    source.write_text(source.read_text("utf-8") + "\nA new closing line.\n", "utf-8")
    pub = check(root, cache=cache)
    citing = sum(any(e.source_id == "alwaght" for e in c.evidence) for c in pub.claims)
    assert 0 < citing < len(pub.claims)
    assert cache.stats.claims_checked == citing
    assert (cache.stats.sources_loaded, cache.stats.sources_reused) == (1, 4)
    assert as_json(pub) == as_json(check(root))


def test_a_warm_run_judges_nothing_and_finds_no_shared_wording(tmp_path: Path) -> None:
    root = _copy(REPO, tmp_path / "pub")
    expected = as_json(check(root))
    check(root, cache=True)
    disk = EngineCache.on_disk(root)
    pub = check(root, cache=disk)
    assert disk.stats.claims_judged == 0
    assert isinstance(pub.shared, Deferred) and not pub.shared.built
    assert as_json(pub) == expected


def test_a_source_s_new_outlet_name_reaches_the_verdicts_citing_it(tmp_path: Path) -> None:
    root = _copy(REPO, tmp_path / "pub")
    cache = EngineCache()
    check(root, cache=cache)
    source = root / "content" / "sources" / "alwaght.md"
    text = source.read_text("utf-8")
    outlet = next(line for line in text.splitlines() if line.startswith("outlet:"))
    source.write_text(text.replace(outlet, "outlet: The Renamed Gazette", 1), "utf-8")
    pub = check(root, cache=cache)
    assert cache.stats.claims_judged == cache.stats.claims_checked > 0
    assert any("The Renamed Gazette" in c["explanation"] for c in as_json(pub)["claims"])
    assert as_json(pub) == as_json(check(root))


def test_a_corrupt_foreign_or_other_version_cache_is_ignored(tmp_path: Path) -> None:
    root = _copy(REPO, tmp_path / "pub")
    expected = as_json(check(root))
    check(root, cache=True)
    cache_file = root / CACHE_DIR / "engine.pickle"
    good = cache_file.read_bytes()
    # Corrupt: truncated.
    cache_file.write_bytes(good[:100])
    assert as_json(check(root, cache=True)) == expected
    # Foreign: a pickle committed by someone else is not signed with this user's key, so
    # it is never unpickled (it would run code).
    cache_file.write_bytes(b"\0" * 32 + b"cos\nsystem\n(S'touch pwned'\ntR.")
    assert as_json(check(root, cache=True)) == expected
    assert not (root / "pwned").exists() and not Path("pwned").exists()
    # Another engine version: ignored, then replaced.
    stale = EngineCache(root / CACHE_DIR, version="older")
    stale.sources, stale.claims = {"x": b"junk"}, {"y": b"junk"}
    stale.save()
    fresh = EngineCache.on_disk(root)
    assert fresh.claims == {}
    assert as_json(check(root, cache=fresh)) == expected


def test_the_cli_caches_by_default_and_not_with_no_cache(tmp_path: Path) -> None:
    root = _copy(REPO, tmp_path / "pub")
    runner = CliRunner()
    plain = runner.invoke(main, ["check", "--root", str(root), "--no-cache", "--format", "json"])
    assert not (root / CACHE_DIR).exists()
    cached = runner.invoke(main, ["check", "--root", str(root), "--format", "json"])
    again = runner.invoke(main, ["check", "--root", str(root), "--format", "json"])
    assert (root / CACHE_DIR / "engine.pickle").is_file()
    assert (root / CACHE_DIR / ".gitignore").read_text() == "*\n"
    assert plain.exit_code == cached.exit_code == again.exit_code == 0
    assert json.loads(plain.output) == json.loads(cached.output) == json.loads(again.output)


def test_no_progress_bar_when_piped(tmp_path: Path) -> None:
    root = _copy(REPO, tmp_path / "pub")
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.output == "25 claims and 5 sources checked: 0 errors, 0 warnings\n"
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--root", str(root)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.stderr == ""
    assert proc.stdout == "25 claims and 5 sources checked: 0 errors, 0 warnings\n"


def test_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    root = _copy(REPO, tmp_path / "pub")
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--root", str(root)],
        stdout=subprocess.PIPE,
        stderr=follower,
        check=False,
        env={**env, "PYTHONPATH": str(REPO)},
        timeout=60,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert proc.stdout == b"25 claims and 5 sources checked: 0 errors, 0 warnings\n"
    assert b"Checking claims" in shown
    assert b"25/25" in shown
