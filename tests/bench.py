"""Benchmarks: `factcheck check` on a newsroom-sized publication, and the worst cases.

Prints one table: each figure beside its baseline measured in the same run, the ratio,
and the goal. Every figure is measured in a fresh subprocess, so peak memory (the
process's maximum resident set) belongs to that one measurement.

    python tests/bench.py --claims 10000 --sources 2000 --excerpts 3 [--scale 30000]
        [--site 3000 | --site 0] [--serve 1000 | --serve 0] [--no-engine] [--no-worst]

Rows:
- engine: `check` on the generated publication (cold, and again with a warm cache), its
  peak memory, and the ratio to the floor any checker pays: reading every file, parsing
  the YAML with libyaml, and a `str.find` per excerpt (each the median of three runs,
  taken in turn);
- scaling: the same at a tenth of the size (and optionally at --scale claims), as time
  per claim relative to the full size: linear is 1.0;
- worst cases: each generated adversarial publication (tests/bench_corpus.py), timed;
- site (--site claims, 3,000 unless 0): `mkdocs build` of the generated publication with
  the plugin against bare Material building the same pages written as plain Markdown
  (tests/bench_corpus.py `bare_material`; the median of three builds of each, taken in
  turn), the search index and page sizes of both;
- serve (--serve claims, 1,000 unless 0): `mkdocs serve --dirty`, seconds from saving a
  claim until its page shows the edit (the median and the slowest of five edits), against
  editing one page of the bare site the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import bench_corpus  # noqa: E402


@dataclass
class Row:
    what: str
    value: float
    unit: str  # "s", "MB", "x", "bytes"
    baseline: float | None = None
    goal: str = ""

    def cells(self) -> list[str]:
        ratio = f"{self.value / self.baseline:.2f}x" if self.baseline else ""
        base = _fmt(self.baseline, self.unit) if self.baseline is not None else ""
        return [self.what, _fmt(self.value, self.unit), base, ratio, self.goal]


def _fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "x":
        return f"{value:.2f}"
    return f"{value:,.0f} {unit}"


# --- measurements, each in its own process -----------------------------------------------


def _measure(mode: str, root: Path, timeout: float = 600) -> dict[str, float]:
    """Run `mode` on `root` in a fresh interpreter: seconds of work and peak MB."""
    try:
        proc = subprocess.run(
            [sys.executable, __file__, "--run", mode, str(root)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"seconds": float("inf"), "mb": float("nan"), "errors": -1}
    if proc.returncode:
        sys.exit(f"{mode} on {root} failed:\n{proc.stderr}")
    result: dict[str, float] = json.loads(proc.stdout.splitlines()[-1])
    return result


def _rss_mb() -> float:
    """This process's resident memory now (0 where /proc cannot tell)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


RUNS = 3  # runs of each engine and build measurement, taken in turn: the median is the figure


def _alternating(runs: list[tuple[str, Path]]) -> list[dict[str, float]]:
    """`_measure` of each (mode, root) of `runs`, RUNS times in turn (so a slow spell of
    the machine weighs on all of them): the median seconds and the largest peak of each."""
    got: list[list[dict[str, float]]] = [[] for _ in runs]
    for _ in range(RUNS):
        for (mode, root), each in zip(runs, got, strict=True):
            each.append(_measure(mode, root))
    return [
        {
            "seconds": statistics.median(r["seconds"] for r in each),
            "mb": max(r["mb"] for r in each),
            "errors": max(r["errors"] for r in each),
        }
        for each in got
    ]


def _run(mode: str, root: Path) -> None:
    """The child side of _measure. Its peak memory counts what each forked copy (the
    engine's shared wording, a build's pages: see generator/beside.py) added to what it
    shared with this process when it was made: the copy's own peak less this process's
    memory at the fork, summed over the copies, as if each held its peak while this
    process held its own (an upper bound)."""
    added = _count_copies()
    start = time.perf_counter()
    errors = 0
    if mode == "baseline":
        _baseline(root)
    elif mode == "site":
        _build_site(root)
    else:
        from generator.engine import check

        if mode == "check-cached":
            check(root, cache=True)  # fill the cache; the timed run below reads it
            start = time.perf_counter()
            added.clear()
        pub = check(root, cache=mode == "check-cached")
        errors = len(pub.errors)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 + sum(added)
    print(json.dumps({"seconds": seconds, "mb": peak, "errors": errors}))


def _count_copies() -> list[float]:
    """From now on, the MB each forked copy adds (its peak less this process's memory at
    the fork), as each is waited for (`os.waitpid`, made `os.wait4` to see its peak)."""
    added: list[float] = []
    at_fork: dict[int, float] = {}
    fork, waitpid = os.fork, os.waitpid

    def counted_fork() -> int:
        before = _rss_mb()
        pid = fork()
        if pid:
            at_fork[pid] = before
        return pid

    def counted_waitpid(pid: int, options: int) -> tuple[int, int]:
        if pid not in at_fork:
            return waitpid(pid, options)
        done, status, usage = os.wait4(pid, options)
        if done:
            added.append(max(0.0, usage.ru_maxrss / 1024 - at_fork.pop(pid)))
        return done, status

    os.fork = counted_fork
    os.waitpid = counted_waitpid
    return added


def _baseline(root: Path) -> None:
    """The floor: read every file, parse it with libyaml, find each excerpt."""
    import yaml

    texts: dict[str, str] = {}
    for entry in os.scandir(root / "content" / "sources"):
        text = Path(entry.path).read_bytes().decode("utf-8")
        _, front, body = text.split("---\n", 2)
        yaml.load(front, Loader=yaml.CSafeLoader)
        texts[entry.name[:-3]] = body
    found = 0
    for entry in os.scandir(root / "claims"):
        claim = yaml.load(Path(entry.path).read_bytes(), Loader=yaml.CSafeLoader)
        for evidence in claim["evidence"]:
            found += texts[evidence["source"]].find(evidence["excerpt"]) >= 0
    assert found


def _build_site(root: Path) -> None:
    """`mkdocs build` of the site at `root`, in this process, into a fresh `site/`."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.chdir(root)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))


EDITS = 5  # edits timed per serve measurement: their median is the figure


def _serve_edit(root: Path, path: str, url: str, old: str, new: str) -> list[float]:
    """Seconds from saving an edit to `path` until the page at `url` of `mkdocs serve
    --dirty` on `root` shows it, for EDITS edits in a row (the first replaces `old` by
    `new`, each next one numbers `new` afresh); inf for an edit never shown.

    One edit is a noisy figure: MkDocs polls for changes every half second, so when an
    edit lands in that cycle decides up to half a second of the wait."""
    import socket
    import urllib.error
    import urllib.request

    def get() -> str:
        try:
            with urllib.request.urlopen(page, timeout=10) as response:
                body: str = response.read().decode("utf-8")
                return body
        except (urllib.error.URLError, OSError):
            return ""

    def wait(marker: str, seconds: float) -> float:
        start = time.perf_counter()
        while time.perf_counter() - start < seconds:
            if marker in get():
                return time.perf_counter() - start
            time.sleep(0.02)
        return float("inf")

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    page = f"http://127.0.0.1:{port}/{url}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    file = root / path
    waits = []
    try:
        if wait(old, 600) == float("inf"):
            sys.exit(f"mkdocs serve on {root} never showed {url}")
        shown = old
        for n in range(EDITS):
            time.sleep(1)  # let the watcher settle after the last build
            marker = new if n == 0 else new.replace(" (edited", f" (edit {n}")
            file.write_text(file.read_text("utf-8").replace(shown, marker, 1), encoding="utf-8")
            waits.append(wait(marker, 120))
            shown = marker
        return waits
    finally:
        server.terminate()
        server.wait(timeout=30)


# --- the table ---------------------------------------------------------------------------


def engine_rows(args: argparse.Namespace, tmp: Path) -> list[Row]:
    full = tmp / "full"
    bench_corpus.realistic(full, args.claims, args.sources, args.excerpts)
    excerpts = args.claims * args.excerpts
    size = f"{args.claims:,} claims / {excerpts:,} excerpts / {args.sources:,} sources"
    base, cold, warm = _alternating([("baseline", full), ("check", full), ("check-cached", full)])
    if cold["errors"]:
        sys.exit(f"the generated publication has {cold['errors']:.0f} errors")
    rows = [
        Row(f"check, {size}", cold["seconds"], "s", base["seconds"], "<= 2 s, <= 2x"),
        Row("  peak memory", cold["mb"], "MB", base["mb"], "<= 150 MB"),
        Row("  again, cache warm", warm["seconds"], "s", base["seconds"], ""),
    ]
    scales = [args.claims // 10] + ([args.scale] if args.scale else [])
    for claims in scales:
        root = tmp / f"scale-{claims}"
        sources = max(1, args.sources * claims // args.claims)
        bench_corpus.realistic(root, claims, sources, args.excerpts)
        got = _measure("check", root)
        per_claim = (got["seconds"] / claims) / (cold["seconds"] / args.claims)
        rows.append(
            Row(
                f"  time per claim at {claims:,} claims vs {args.claims:,}",
                per_claim,
                "x",
                None,
                "~1.0 (linear)",
            )
        )
        rows.append(Row(f"  peak memory at {claims:,} claims", got["mb"], "MB", cold["mb"]))
    return rows


def worst_case_rows(args: argparse.Namespace, tmp: Path) -> list[Row]:
    rows = []
    for name, build in bench_corpus.ADVERSARIAL.items():
        root = tmp / name
        build(root)
        got = _measure("check", root, timeout=120)
        rows.append(Row(f"worst case: {name}", got["seconds"], "s", None, "<= 2 s"))
    return rows


def _site_pair(
    tmp: Path, claims: int, args: argparse.Namespace, name: str = "site"
) -> tuple[Path, Path]:
    """The generated publication as a plugin site, and the same pages for bare Material."""
    pub, bare = tmp / f"{name}-{claims}", tmp / f"{name}-bare-{claims}"
    sources = max(1, args.sources * claims // args.claims)
    bench_corpus.realistic(pub, claims, sources, args.excerpts)
    bench_corpus.site(pub)
    bench_corpus.bare_material(pub, bare)
    return pub, bare


def build_rows(args: argparse.Namespace, tmp: Path) -> list[Row]:
    """`mkdocs build` against bare Material with the same pages, and what it writes."""
    pub, bare = _site_pair(tmp, args.site, args)
    base, got = _alternating([("site", bare), ("site", pub)])
    n = f"{args.site:,} claims"

    def size(root: Path, path: str) -> float:
        return (root / "site" / path).stat().st_size / 1024

    index = "search/search_index.json"
    return [
        Row(f"mkdocs build, {n}, vs bare", got["seconds"], "s", base["seconds"], "<= 0.8x"),
        Row("  peak memory", got["mb"], "MB", base["mb"]),
        Row(f"search index, {n}", size(pub, index), "KB", size(bare, index), "<= bare"),
        Row(f"home page, {n}", size(pub, "index.html"), "KB", size(bare, "index.html"), "<= 300KB"),
        Row(
            f"/claims/ page, {n}",
            size(pub, "claims/index.html"),
            "KB",
            size(bare, "claims/index.html"),
            "<= 300 KB",
        ),
        Row(
            "largest claim page",
            max(p.stat().st_size for p in (pub / "site" / "claims").glob("*/index.html")) / 1024,
            "KB",
            max(p.stat().st_size for p in (bare / "site" / "claims").glob("*/index.html")) / 1024,
        ),
    ]


def serve_rows(args: argparse.Namespace, tmp: Path) -> list[Row]:
    """`mkdocs serve --dirty`: one claim edited until its page shows it, against one page
    of bare Material edited the same way (at --serve claims, the issue's 1,000)."""
    claims = args.serve
    if not claims:
        return []
    pub, bare = _site_pair(tmp, claims, args, name="serve")
    old, new = "Generated claim number 7 ", "Generated claim number 7 (edited) "
    base = _serve_edit(bare, "content/claims/claim-00007.md", "claims/claim-00007/", old, new)
    got = _serve_edit(pub, "claims/claim-00007.yaml", "claims/claim-00007/", old, new)
    return [
        Row(
            f"serve --dirty, {claims:,} claims: edit one claim until its page shows it "
            f"(median of {EDITS})",
            statistics.median(got),
            "s",
            statistics.median(base),
            "<= 1 s",
        ),
        Row("  slowest of those edits", max(got), "s", max(base), ""),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--sources", type=int, default=2_000)
    parser.add_argument("--excerpts", type=int, default=3, help="excerpts per claim")
    parser.add_argument("--scale", type=int, default=0, help="also measure at this many claims")
    parser.add_argument("--no-worst", action="store_true", help="skip the worst cases")
    parser.add_argument(
        "--site", type=int, default=3_000, help="claims for the site rows (0: skip them)"
    )
    parser.add_argument(
        "--serve", type=int, default=1_000, help="claims for the serve row (0: skip it)"
    )
    parser.add_argument("--no-engine", action="store_true", help="skip the engine rows")
    parser.add_argument("--run", nargs=2, metavar=("MODE", "ROOT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        _run(args.run[0], Path(args.run[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        rows = [] if args.no_engine else engine_rows(args, Path(tmp))
        if not args.no_worst:
            rows += worst_case_rows(args, Path(tmp))
        if args.site:
            rows += build_rows(args, Path(tmp))
        if args.serve:
            rows += serve_rows(args, Path(tmp))
    print(_machine())
    print(_table(rows))


def _machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({model}), Python {sys.version.split()[0]}"


def _table(rows: list[Row]) -> str:
    head = ["what", "measured", "baseline", "ratio", "goal"]
    cells = [head, *(r.cells() for r in rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True)) + " |"
        for cell in cells
    ]
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
