"""The pipeline: load, verify, extract, judge. No MkDocs here.

Reads top to bottom like the work it does. Every stage adds problems to one list instead
of raising, so a contributor sees everything that is wrong in one run. Sources are read and
normalised once, whatever the number of claims citing them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from . import extract, gate
from .beside import beside
from .cache import CacheStats, EngineCache, digest
from .claims import load_claim
from .collector import collecting_less
from .deferred import Deferred
from .files import TextFile, list_folder, read_folder
from .fingerprints import mark_suspects
from .matching import (
    MAX_EXCERPT_CHARS,
    SourceIndex,
    direction_controls,
    excerpt_parts,
    find_parts,
    nearest_passage,
)
from .model import Claim, Evidence, Problem, Publication, Source
from .normalise import normalise_excerpt
from .schema import did_you_mean
from .shared_wording import SharedWording, find_shared_wording
from .sources import load_source
from .verdicts import judge

CLAIMS_DIR = "claims"
SOURCES_DIR = "content/sources"
DOCS_DIR = gate.DOCS_DIR


# The collector's thresholds during a check (see collector.py): measured, a fifth of a
# check's time went to scanning the growing heap at the default ones.
FEW_COLLECTIONS = (50_000, 20, 10)


def check(
    root: Path,
    claims_dir: str = CLAIMS_DIR,
    sources_dir: str = SOURCES_DIR,
    docs_dir: str = DOCS_DIR,
    cache: EngineCache | bool | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Publication:
    """Load and check a whole publication; never raises on bad input.

    `cache`: an `EngineCache` to reuse (a long-lived process keeps one), True for the one
    on disk at the root, None or False for none. Results are the same either way.
    `progress(done, total)` is called after each claim.
    """
    with collecting_less(FEW_COLLECTIONS):
        return _check(root, claims_dir, sources_dir, docs_dir, cache, progress)


def _check(
    root: Path,
    claims_dir: str,
    sources_dir: str,
    docs_dir: str,
    cache: EngineCache | bool | None,
    progress: Callable[[int, int], None] | None,
) -> Publication:
    root = root.resolve()
    store = EngineCache.on_disk(root) if cache is True else cache or None
    if store is not None:
        store.stats = CacheStats()
    problems: list[Problem] = []
    sources, unloadable, source_keys = load_sources(root, sources_dir, problems, store)
    files = gate.refuse_reserved(
        list_folder(root, claims_dir, ".yaml", "a claim", problems), "a claim", problems
    )
    if not files and not (root / claims_dir).is_dir():
        problems.append(
            Problem(
                claims_dir,
                1,
                1,
                "error",
                f"no `{claims_dir}/` folder: is this the repository root?",
            )
        )
    # After loading, so a file the loaders already refused is not reported twice.
    refused = gate.check_folders(root, docs_dir, claims_dir, sources_dir, problems)
    # Once for the whole publication, whatever the number of claims, and only when some
    # claim's verdict is not in the cache (or a site page asks).
    shared = Deferred(_shared_wording(sources, source_keys, store))
    indexes: dict[str, SourceIndex] = {}
    claims: list[Claim] = []
    claim_keys: set[str] = set()
    to_judge: list[_Checked] = []
    # Each claim file read when its turn comes, and its text freed once it is checked:
    # the texts of ten thousand claims never sit in memory together.
    total = len(files)
    for done, entry in enumerate(files, 1):
        file = entry.read(problems)
        if file is None:
            if progress is not None:
                progress(done, total)
            continue
        key = ""  # a content key is needed only to look up and store in the cache
        if store is not None:
            key = digest(file.file + "\0" + file.text)
            claim_keys.add(key)
        checked = _check_claim(
            file, key, sources, unloadable, source_keys, sources_dir, indexes, problems, store
        )
        if checked.claim is not None:
            claims.append(checked.claim)
            if not checked.judged:
                to_judge.append(checked)
        elif store is not None and checked.cited is not None and not checked.judged:
            store.put(store.claims, key, (None, checked.problems, checked.cited))
        if progress is not None:
            progress(done, total)
    indexes.clear()  # every excerpt is matched: the normalised sources are not needed
    # The judge compares every two sources a claim cites: worked out together, each
    # source's shingles are indexed once rather than once per pair.
    shared.prepare(_cited_together([c.claim for c in to_judge if c.claim], sources))
    sentences: dict[str, list[int]] = {}  # each source's, for the re-review fingerprints
    for checked in to_judge:
        claim = checked.claim
        assert claim is not None
        claim.verdict = judge(claim, sources, shared)
        if store is not None:
            store.stats.claims_judged += 1
        warnings: list[Problem] = []
        mark_suspects(claim, sources, warnings, sentences)
        problems.extend(warnings)
        if store is not None and checked.cited is not None:
            # Judged, with its warnings: a warm run reuses the verdict as well.
            store.put(
                store.claims, checked.key, (claim, checked.problems + warnings, checked.cited)
            )
    if store is not None:
        store.keep_only(set(source_keys.values()), claim_keys)
        store.save()
    problems.sort(key=Problem.sort_key)
    return Publication(str(root), sources, claims, problems, shared, refused)


# Sources this long (in characters, about fifty articles) are worth a second process for
# their shared wording (some 20 ms of work against a few for the fork and the hand-back).
BESIDE_CHARS = 200_000


def _shared_wording(
    sources: dict[str, Source], keys: dict[str, str], store: EngineCache | None
) -> Callable[[], SharedWording]:
    """How the sources' shared wording is had: the one `store` kept while no source file
    changed (`keys`: each loaded source's content key, already worked out for the cache),
    or worked out when first asked for (only a changed claim or a site page asks)."""
    texts = {s.id: s.text for s in sources.values()}
    key = digest(repr(sorted((i, keys[i]) for i in texts))) if store is not None else ""
    if store is not None and store.shared is not None and store.shared[0] == key:
        kept: SharedWording = store.shared[1]
        return lambda: kept
    # Every claim will be judged: started now, beside the claims where a second process
    # can work it out (see `beside`).
    every_claim = store is None or not store.claims
    worth_it = every_claim and sum(map(len, texts.values())) >= BESIDE_CHARS
    work = beside(functools.partial(find_shared_wording, texts), worth_it=worth_it)

    def found() -> SharedWording:
        answer = work.result()
        if store is not None:
            store.shared = (key, answer)
        return answer

    if every_claim and not work.forked:
        # Worked out here, while only the sources are loaded: the memory it passes
        # through is reused by the claims rather than added to them.
        found()
    return found


def _cited_together(claims: list[Claim], sources: dict[str, Source]) -> set[tuple[str, str]]:
    """Every two sources some claim cites (the pairs the judge asks about)."""
    pairs: set[tuple[str, str]] = set()
    for claim in claims:
        ids = sorted({e.source_id for e in claim.evidence if e.source_id in sources})
        pairs.update((a, b) for x, a in enumerate(ids) for b in ids[x + 1 :])
    return pairs


@dataclass
class _Checked:
    """One claim as `_check_claim` leaves it: `judged` when it came whole from the cache;
    `cited` (the content keys of the sources it cites) set when it may be cached."""

    key: str
    claim: Claim | None
    problems: list[Problem]
    cited: list[tuple[str, str]] | None
    judged: bool = False


def _check_claim(
    file: TextFile,
    key: str,
    sources: dict[str, Source],
    unloadable: dict[str, str],
    source_keys: dict[str, str],
    sources_dir: str,
    indexes: dict[str, SourceIndex],
    problems: list[Problem],
    store: EngineCache | None,
) -> _Checked:
    """One claim loaded, its excerpts verified and values read; reused from the cache, with
    its verdict, when its bytes and the bytes of every source it cites are unchanged."""
    if store is not None:
        hit = store.get(store.claims, key)
        if hit is not None:
            claim, own, cited = hit
            if all(source_keys.get(sid) == k for sid, k in cited):
                store.stats.claims_reused += 1
                problems.extend(own)
                return _Checked(key, cast(Claim | None, claim), own, cited, judged=True)
        store.stats.claims_checked += 1
    own_problems: list[Problem] = []
    claim = load_claim(file, own_problems)
    cacheable = True
    for evidence in claim.evidence if claim else ():
        if _cites_known_source(evidence, sources, unloadable, sources_dir, own_problems):
            verify(evidence, sources[evidence.source_id], indexes, own_problems, store)
        else:
            cacheable = False  # the message lists the other sources' names
        read(claim, evidence, sources, own_problems)  # type: ignore[arg-type]
    problems.extend(own_problems)
    cited = None
    if store is not None and cacheable:
        cited = sorted(
            {(e.source_id, source_keys[e.source_id]) for e in claim.evidence} if claim else ()
        )
    return _Checked(key, claim, own_problems, cited)


def load_sources(
    root: Path, folder: str, problems: list[Problem], store: EngineCache | None = None
) -> tuple[dict[str, Source], dict[str, str], dict[str, str]]:
    """The sources that loaded, the files of those that did not, and each source's
    content key (empty without a cache), by id."""
    sources: dict[str, Source] = {}
    unloadable: dict[str, str] = {}
    keys: dict[str, str] = {}
    before = len(problems)
    files = gate.refuse_reserved(
        read_folder(root, folder, ".md", "a source", problems), "a source", problems
    )
    for file in files:
        key = keys[file.id] = digest(file.file + "\0" + file.text) if store is not None else ""
        hit = store.get(store.sources, key) if store is not None else None
        if hit is not None and store is not None:
            store.stats.sources_reused += 1
            source, own = hit
        else:
            own = []
            source = load_source(file, own)
            if store is not None:
                store.stats.sources_loaded += 1
                store.put(store.sources, key, (source, own))
        problems.extend(own)
        if source is None:
            unloadable[file.id] = file.file
        else:
            sources[source.id] = source
    # A file refused before it could be read (not UTF-8, too large) is a source too: the
    # claims citing it say so rather than calling it unknown.
    for p in problems[before:]:
        name = p.file.rpartition("/")[2]
        if p.file.startswith(folder + "/") and name.endswith(".md") and p.severity == "error":
            unloadable.setdefault(name[:-3], f"{p.file} ({p.message.partition(':')[0]})")
    return sources, unloadable, keys


def load_claims(root: Path, folder: str, problems: list[Problem]) -> list[Claim]:
    files = gate.refuse_reserved(
        read_folder(root, folder, ".yaml", "a claim", problems), "a claim", problems
    )
    if not files and not (root / folder).is_dir():
        problems.append(
            Problem(folder, 1, 1, "error", f"no `{folder}/` folder: is this the repository root?")
        )
    loaded = (load_claim(f, problems) for f in files)
    return [c for c in loaded if c is not None]


def _cites_known_source(
    evidence: Evidence,
    sources: dict[str, Source],
    unloadable: dict[str, str],
    folder: str,
    problems: list[Problem],
) -> bool:
    if evidence.source_id in sources:
        return True
    where = evidence.source_where or evidence.where
    if evidence.source_id in unloadable:
        message = (
            f"source `{evidence.source_id}` could not be loaded: fix the problems reported "
            f"for {unloadable[evidence.source_id]}"
        )
    else:
        message = (
            f"unknown source `{evidence.source_id}`: there is no {folder}/{evidence.source_id}.md"
            f"{did_you_mean(evidence.source_id, sorted(sources))}"
        )
    problems.append(Problem.at(where, message))
    return False


def verify(
    evidence: Evidence,
    source: Source,
    indexes: dict[str, SourceIndex],
    problems: list[Problem],
    store: EngineCache | None = None,
) -> None:
    """Find the excerpt in its source, or explain how near it came."""
    if direction_controls(evidence.excerpt):
        return  # the loader reported them, as in every other field (textrules)
    if len(evidence.excerpt) > MAX_EXCERPT_CHARS:
        problems.append(
            Problem.at(
                evidence.where,
                f"the excerpt is {len(evidence.excerpt):,} characters long; the limit is "
                f"{MAX_EXCERPT_CHARS:,}: quote the passage that states the value, not the "
                "article (mark left-out words with `...`)",
            )
        )
        return
    excerpt = normalise_excerpt(evidence.excerpt)
    parts = excerpt_parts(excerpt)
    if not parts:
        problems.append(
            Problem.at(
                evidence.where,
                "the excerpt is only an omission mark (`...`): quote the source's words, "
                "with `...` only between two quoted parts",
            )
        )
        return
    index = indexes.get(source.id)
    if index is None:
        index = indexes[source.id] = SourceIndex(source.text)
        if store is not None:
            store.stats.sources_indexed += 1
    evidence.match = find_parts(index, parts)
    if evidence.match is not None:
        evidence.passage = evidence.match.passage(source.text)
        return
    near = nearest_passage(source, index, excerpt)
    evidence.near_miss = near
    differs = []
    if near.missing:
        differs.append("the excerpt has " + _some_words(near.missing))
    if near.extra:
        differs.append("the source has " + _some_words(near.extra))
    if near.similarity >= 1 and not near.missing and not near.extra:
        problems.append(
            Problem.at(
                evidence.where,
                f"excerpt not found in source `{source.id}`: each part between omission marks "
                "is in the source, but not in this order; put the parts in the source's order",
            )
        )
        return
    if near.missing and [w.casefold() for w in near.missing] == [w.casefold() for w in near.extra]:
        problems.append(
            Problem.at(
                evidence.where,
                f"excerpt not found in source `{source.id}`: it differs from the passage at "
                f"{source.file}:{near.line} only in capital letters (the source has "
                f"{_some_words(near.extra)}); copy the words as the source writes them",
            )
        )
        return
    problems.append(
        Problem.at(
            evidence.where,
            f"excerpt not found in source `{source.id}`; the nearest passage "
            f"({source.file}:{near.line}, {near.similarity:.0%} similar) is “{_clip(near.passage)}”"
            + (f"; {'; '.join(differs)}" if differs else ""),
        )
    )


def read(
    claim: Claim, evidence: Evidence, sources: dict[str, Source], problems: list[Problem]
) -> None:
    """Read the value of one piece of evidence, or explain why it cannot be read."""
    if evidence.value_is_null or evidence.source_id not in sources:
        return
    if len(evidence.excerpt) > MAX_EXCERPT_CHARS:
        return  # refused by verify: reading it would cost without telling anything
    source = sources[evidence.source_id]
    got = extract.read_value(
        claim.kind,
        evidence.excerpt,
        given=evidence.given_value,
        derivation=evidence.derivation,
        published=source.published,
        language=source.language,
    )
    if isinstance(got, extract.Unreadable):
        problems.append(Problem.at(evidence.value_where or evidence.where, got.message))
        return
    evidence.value = got


def _clip(text: str, most: int = 160) -> str:
    # A message names the passage; a whole article of it would bury the difference.
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _some_words(words: tuple[str, ...], most: int = 10) -> str:
    shown = ", ".join(f"“{w}”" for w in words[:most])
    return shown + (f" and {len(words) - most} more words" if len(words) > most else "")
