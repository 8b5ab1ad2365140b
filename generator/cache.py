"""A cache of the engine's work, keyed by the content of the files it depends on.

A source's loaded form is reused while its file's bytes are unchanged; a claim's loaded,
verified and read form is reused while its own bytes and those of every source it cites
are unchanged, and the engine's code is the same. A claim's entry holds its verdict and
its re-review warnings too: both depend only on the claim and the sources it cites, so a
warm run judges nothing and never works out shared wording.

Two lives:
- in memory, for a long-lived process (`mkdocs serve` keeps one `EngineCache`);
- on disk in `.factcheck-cache/` at the repository root, for repeated `factcheck check`
  runs. The folder is safe to delete. Its file is pickled, so it is signed with a key kept
  outside the repository (in the user's cache folder): a file committed by a pull request,
  left by another version or corrupted is ignored, never unpickled.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CACHE_DIR = ".factcheck-cache"
_FILE = "engine.pickle"
_PACKAGE = Path(__file__).resolve().parent


def _engine_version() -> str:
    """The code the cached results came from: every module of the engine (not the site)."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        if "mkdocs_plugin" not in path.parts:
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class CacheStats:
    """What one check did and what it reused: the observable the tests count."""

    sources_loaded: int = 0
    sources_reused: int = 0
    sources_indexed: int = 0
    claims_checked: int = 0
    claims_reused: int = 0
    claims_judged: int = 0


@dataclass
class EngineCache:
    """Results by content hash; `folder` set: kept on disk between processes."""

    folder: Path | None = None
    sources: dict[str, bytes] = field(default_factory=dict)
    claims: dict[str, bytes] = field(default_factory=dict)
    stats: CacheStats = field(default_factory=CacheStats)
    version: str = field(default_factory=_engine_version)
    # In memory only (never saved): the last shared wording worked out, by the digest of the
    # sources' ids and texts it came from. It depends on nothing else, so under `serve` an
    # edit to a claim does not work it out again.
    shared: tuple[str, Any] | None = None
    # In memory only: what `get` returned or `put` stored, by table and key, as objects.
    # Under `serve` a rebuild takes the unchanged claims as they are rather than unpickling
    # each again. Safe because the engine changes a claim only before storing it.
    live: dict[tuple[bool, str], Any] = field(default_factory=dict, repr=False)

    @classmethod
    def on_disk(cls, root: Path) -> EngineCache:
        cache = cls(root / CACHE_DIR)
        cache._load()
        return cache

    def get(self, table: dict[str, bytes], key: str) -> Any:
        blob = table.get(key)
        if blob is None:
            return None
        known = self.live.get((table is self.claims, key))
        if known is not None and known[0] is blob:
            return known[1]
        try:
            value = pickle.loads(blob)
        except Exception:  # a corrupt entry is a miss
            del table[key]
            return None
        if self.folder is None:
            self.live[(table is self.claims, key)] = (blob, value)
        return value

    def put(self, table: dict[str, bytes], key: str, value: object) -> None:
        blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        table[key] = blob
        if self.folder is None:
            self.live[(table is self.claims, key)] = (blob, value)

    def keep_only(self, sources: set[str], claims: set[str]) -> None:
        """Forget entries of files that no longer exist, so the cache does not grow."""
        self.sources = {k: v for k, v in self.sources.items() if k in sources}
        self.claims = {k: v for k, v in self.claims.items() if k in claims}
        self.live = {
            (c, k): v
            for (c, k), v in self.live.items()
            if k in (self.claims if c else self.sources)
        }

    # --- on disk ---------------------------------------------------------------------

    def _load(self) -> None:
        key = _secret()
        path = self._path()
        if key is None or path is None or not path.is_file() or path.is_symlink():
            return
        try:
            data = path.read_bytes()
        except OSError:
            return
        signature, blob = data[:32], data[32:]
        if not hmac.compare_digest(signature, hmac.new(key, blob, "sha256").digest()):
            return  # not written by this user: never unpickled
        try:
            version, sources, claims = pickle.loads(blob)
        except Exception:
            return
        if version == self.version:
            self.sources, self.claims = sources, claims

    def save(self) -> None:
        """Write the cache; any failure (read-only checkout, full disk) is ignored."""
        key = _secret()
        path = self._path()
        if key is None or path is None:
            return
        blob = pickle.dumps(
            (self.version, self.sources, self.claims), protocol=pickle.HIGHEST_PROTOCOL
        )
        try:
            if path.parent.is_symlink():
                return
            path.parent.mkdir(exist_ok=True)
            (path.parent / ".gitignore").write_text("*\n", encoding="utf-8")
            tmp = path.with_name(f".{_FILE}.{os.getpid()}")
            tmp.write_bytes(hmac.new(key, blob, "sha256").digest() + blob)
            os.replace(tmp, path)
        except OSError:
            return

    def _path(self) -> Path | None:
        return None if self.folder is None else self.folder / _FILE


def _secret() -> bytes | None:
    """This user's signing key, outside any repository; None when it cannot be kept."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "factcheck"
    path = base / "cache-key"
    try:
        if path.is_file():
            key = path.read_bytes()
            if len(key) == 32:
                return key
        base.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(key)
        return key
    except OSError:
        return None
