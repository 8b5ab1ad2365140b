"""A build's pages made partly by a forked copy of the process (see generator.beside) are
the pages made all here, in the same order."""

from __future__ import annotations

import os
from pathlib import Path

import bench_corpus
import pytest
from test_beside import forking

from generator import engine
from generator.site import pages
from generator.site.pages import Settings, Site

ROOT = Path(__file__).resolve().parent.parent

FORKS: list[int] = []
os.register_at_fork(after_in_parent=lambda: FORKS.append(1))


def made(root: Path, monkeypatch: pytest.MonkeyPatch, *, copy: bool) -> list[pages.GeneratedPage]:
    monkeypatch.setattr(pages, "PAGES_BESIDE", 0 if copy else 10**9)
    pub = engine.check(root, cache=False)
    before = len(FORKS)
    site = Site(pub, Settings(site_name="Desk", methodology="methodology.md"))
    assert (len(FORKS) > before) == copy
    return list(site.pages.values())


@pytest.mark.parametrize("generated", [False, True])
def test_pages_made_beside_are_the_pages_made_here(
    generated: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forking(monkeypatch)
    root = ROOT
    if generated:
        root = tmp_path / "pub"
        bench_corpus.realistic(root, 120, 30, 3)
    here = made(root, monkeypatch, copy=False)
    there = made(root, monkeypatch, copy=True)
    assert [p.src_uri for p in there] == [p.src_uri for p in here]
    assert there == here


@pytest.mark.parametrize(("claims", "sources"), [(0, 0), (1, 0), (0, 5), (3000, 600), (10, 900)])
def test_the_share_keeps_within_the_claims(claims: int, sources: int) -> None:
    cut = pages._share(claims, sources)
    assert 0 <= cut <= claims


def test_a_build_with_pages_made_beside_is_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The copy also reads its pages for the search index: the index is the same too.
    forking(monkeypatch)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = tmp_path / "pub"
    bench_corpus.realistic(project, 120, 30, 3)
    bench_corpus.site(project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(project)
    built = {}
    for copy in (False, True):
        monkeypatch.setattr(pages, "PAGES_BESIDE", 0 if copy else 10**9)
        site = tmp_path / f"site-{copy}"
        before = len(FORKS)
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))
        assert (len(FORKS) > before) == copy
        built[copy] = {
            p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()
        }
    assert sorted(built[True]) == sorted(built[False])
    assert [name for name in built[False] if built[True][name] != built[False][name]] == []
