"""Benchmarks: the engine on 10,000 generated claims, and the site on 3,000.

Claims cite the bundled source snapshots with excerpts cut from them, so the work is the
real work: every source read and normalised once, every excerpt searched, every value
read, every claim judged; with `--site`, every claim page rendered by `mkdocs build`.
Run with `make bench`; prints seconds and claims per second.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.engine import check  # noqa: E402

FIGURES = [
    ("quantity", "Around 5,000 US troops are left in Iraq", "21st-century-wire"),
    ("quantity", "who number around 5,200", "alwaght"),
    ("tally", "voted 170-0", "million-man-march-call"),
]


def build(root: Path, claims: int) -> None:
    shutil.copytree(ROOT / "content" / "sources", root / "content" / "sources")
    out = root / "claims"
    out.mkdir()
    rng = random.Random(7)
    for n in range(claims):
        kind, excerpt, source = rng.choice(FIGURES)
        (out / f"claim-{n:05d}.yaml").write_text(
            f"claim: Generated claim {n}.\nkind: {kind}\nevidence:\n"
            f"  - source: {source}\n    excerpt: {excerpt}\n",
            encoding="utf-8",
        )


def bench_engine(claims: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build(root, claims)
        start = time.perf_counter()
        pub = check(root)
        seconds = time.perf_counter() - start
    errors = len(pub.errors)
    print(
        f"{len(pub.claims):,} claims, {len(pub.sources)} sources checked in {seconds:.2f} s "
        f"({len(pub.claims) / seconds:,.0f} claims/s); {errors} errors"
    )
    if errors:
        print("\n".join(p.message for p in pub.errors[:5]))
        sys.exit(1)


def bench_site(claims: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build(root, claims)
        shutil.copy(ROOT / "mkdocs.yml", root)
        shutil.copytree(ROOT / "site_overrides", root / "site_overrides")
        for page in (ROOT / "content").glob("*.md"):
            shutil.copy(page, root / "content")
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(root / "site")],
            cwd=root,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            check=False,
        )
        seconds = time.perf_counter() - start
    print(f"site of {claims:,} claims built in {seconds:.1f} s ({claims / seconds:,.0f} pages/s)")
    if proc.returncode:
        sys.exit(proc.returncode)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=10_000, help="claims for the engine")
    parser.add_argument("--site", type=int, default=3_000, help="claims for the site (0: skip)")
    args = parser.parse_args()
    bench_engine(args.claims)
    if args.site:
        bench_site(args.site)


if __name__ == "__main__":
    main()
