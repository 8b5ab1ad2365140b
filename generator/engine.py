"""The pipeline: load, verify, extract, judge. No MkDocs here.

Reads top to bottom like the work it does. Every stage adds problems to one list instead
of raising, so a contributor sees everything that is wrong in one run. Sources are read and
normalised once, whatever the number of claims citing them.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import cast

from . import extract, gate
from .beside import alongside, can_fork
from .both_ends import Tail, from_the_end
from .cache import CacheStats, EngineCache, digest
from .claims import load_claim
from .collector import collecting_less
from .deferred import Deferred
from .files import FolderEntry, TextFile, list_folder, read_folder
from .judging import Checked, Judging, verdicts_of
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
    indexes: dict[str, SourceIndex] = {}

    def check_one(entry: FolderEntry, own: list[Problem]) -> Checked | None:
        # Each claim file read when its turn comes, and its text freed once it is
        # checked: the texts of ten thousand claims never sit in memory together.
        file = entry.read(own)
        if file is None:
            return None
        # A content key is needed only to look up and store in the cache.
        key = digest(file.file + "\0" + file.text) if store is not None else ""
        return _check_claim(
            file, key, sources, unloadable, source_keys, sources_dir, indexes, own, store
        )

    # Shared wording is worked out once for the whole publication, whatever the number of
    # claims, and only when some claim's verdict is not in the cache (or a site page
    # asks). With every claim to check and a core to spare, a copy of this process works
    # it out and hands it over, then checks and judges the claims from the last one back
    # while this one checks them from the first, until the two meet (see `both_ends`).
    total = len(files)
    every_claim = store is None or not store.claims
    beside_here = every_claim and total >= CLAIMS_BESIDE and can_fork()
    if beside_here:
        # Made before the copy, which then shares them rather than making its own.
        for source in sources.values():
            _index(source, indexes, store)
    there = _FromTheCopy(total)
    copy = alongside(
        lambda: _copy_work(sources, source_keys, store, files, check_one),
        there.receive,
        worth_it=beside_here,
        ended=there.ended,
    )
    judging = Judging(sources, problems, store)
    done = 0
    try:
        if copy is None:
            judging.shared = Deferred(_shared_wording(sources, source_keys, store))
        while done < min(total, there.tail.start):
            judging.keep(check_one(files[done], problems))
            done += 1
            # Judged a batch at a time as soon as the shared wording is here, so that
            # where the two processes meet, each has done its share of all the work.
            if judging.shared is None and there.shared is not None:
                judging.shared = _kept(there.shared, sources, source_keys, store)
            if len(judging.waiting) >= JUDGED_TOGETHER and judging.shared is not None:
                judging.judge_waiting()
            if progress is not None:
                progress(min(total, done + total - there.tail.start), total)
        if judging.shared is None:
            there.settled.wait()  # the copy hands it over, or fails to
            found = there.shared
            judging.shared = (
                _kept(found, sources, source_keys, store)
                if found is not None
                else Deferred(_shared_wording(sources, source_keys, store))
            )
    finally:
        if copy is not None:
            copy.stop()
    # The claims the copy checked and judged, after this process's: in the folder's order.
    for own, checked, warnings in there.tail.results_from(done):
        problems.extend(own)
        judging.keep(checked, warnings)
        if store is not None and checked is not None:
            store.stats.claims_checked += 1
    if progress is not None and done < total:
        progress(total, total)
    indexes.clear()  # every excerpt is matched: the normalised sources are not needed
    judging.judge_waiting()
    claims, claim_keys, shared = judging.claims, judging.claim_keys, judging.shared
    if store is not None:
        store.keep_only(set(source_keys.values()), claim_keys)
        store.save()
    problems.sort(key=Problem.sort_key)
    return Publication(str(root), sources, claims, problems, shared, refused)


# Claim files worth a copy checking some of them (each takes some 0.3 ms; a copy, some 10
# ms to make and a little for each claim it hands back).
CLAIMS_BESIDE = 200
# Checked claims judged a batch at a time, once the shared wording is here (until it is,
# they wait).
JUDGED_TOGETHER = 200


def _shared_wording(
    sources: dict[str, Source], keys: dict[str, str], store: EngineCache | None
) -> Callable[[], SharedWording]:
    """How the sources' shared wording is had: the one `store` kept while no source file
    changed (`keys`: each loaded source's content key, already worked out for the cache),
    or worked out now when every claim is to be judged, otherwise when first asked for
    (only a changed claim or a site page asks)."""
    texts = {s.id: s.text for s in sources.values()}
    key = _sources_key(texts, keys, store)
    if store is not None and store.shared is not None and store.shared[0] == key:
        kept: SharedWording = store.shared[1]
        return lambda: kept
    answer: list[SharedWording] = []

    def found() -> SharedWording:
        if not answer:
            answer.append(find_shared_wording(texts))
            if store is not None:
                store.shared = (key, answer[0])
        return answer[0]

    if store is None or not store.claims:
        # Worked out now, while only the sources are loaded: the memory it passes
        # through is reused by the claims rather than added to them.
        found()
    return found


def _kept(
    shared: SharedWording,
    sources: dict[str, Source],
    keys: dict[str, str],
    store: EngineCache | None,
) -> SharedWording:
    """The shared wording the copy worked out, kept in `store` too."""
    if store is not None:
        store.shared = (_sources_key(sources, keys, store), shared)
    return shared


def _sources_key(sources: Iterable[str], keys: dict[str, str], store: EngineCache | None) -> str:
    """What the shared wording is kept under: the content keys of the loaded `sources`."""
    return digest(repr(sorted((i, keys[i]) for i in sources))) if store is not None else ""


def _index(
    source: Source, indexes: dict[str, SourceIndex], store: EngineCache | None
) -> SourceIndex:
    """The source's index for matching excerpts, made on first use."""
    index = indexes.get(source.id)
    if index is None:
        index = indexes[source.id] = SourceIndex(source.text)
        if store is not None:
            store.stats.sources_indexed += 1
    return index


# What the copy hands back for one claim file: the problems of reading and checking it,
# the claim checked and judged (None when the file could not be read), its warnings.
_Copied = tuple[list[Problem], Checked | None, list[Problem]]


class _FromTheCopy:
    """What the copy hands over, as it comes (see `_copy_work`): the shared wording first,
    then batches of claims, from the last back."""

    def __init__(self, total: int) -> None:
        self.shared: SharedWording | None = None
        self.tail: Tail[_Copied] = Tail(total)
        self.settled = threading.Event()  # the shared wording is here, or will never be

    def receive(self, item: object) -> None:
        if self.shared is None:
            self.shared = cast(SharedWording, item)
            self.settled.set()
        else:
            self.tail.receive(item)

    def ended(self) -> None:
        self.settled.set()


def _copy_work(
    sources: dict[str, Source],
    keys: dict[str, str],
    store: EngineCache | None,
    files: list[FolderEntry],
    check_one: Callable[[FolderEntry, list[Problem]], Checked | None],
) -> Iterator[object]:
    """In the copy: the shared wording, then the claims checked and judged, in batches
    from the last back."""
    shared = _shared_wording(sources, keys, store)()
    yield shared
    sentences: dict[str, list[int]] = {}
    yield from from_the_end(
        len(files),
        functools.partial(_judged_there, files, check_one, sources, shared, sentences),
    )


def _judged_there(
    files: list[FolderEntry],
    check_one: Callable[[FolderEntry, list[Problem]], Checked | None],
    sources: dict[str, Source],
    shared: SharedWording,
    sentences: dict[str, list[int]],
    batch: range,
) -> list[_Copied]:
    """In the copy: the claim files of `batch` checked and judged, as this process does."""
    own: list[list[Problem]] = [[] for _ in batch]
    checked = [check_one(files[i], problems) for i, problems in zip(batch, own, strict=True)]
    judged = [c for c in checked if c is not None and c.claim is not None]
    warnings = iter(verdicts_of(judged, sources, shared, sentences))
    return [
        (problems, c, next(warnings) if c is not None and c.claim is not None else [])
        for problems, c in zip(own, checked, strict=True)
    ]


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
) -> Checked:
    """One claim loaded, its excerpts verified and values read; reused from the cache, with
    its verdict, when its bytes and the bytes of every source it cites are unchanged."""
    if store is not None:
        hit = store.get(store.claims, key)
        if hit is not None:
            claim, own, cited = hit
            if all(source_keys.get(sid) == k for sid, k in cited):
                store.stats.claims_reused += 1
                problems.extend(own)
                return Checked(key, cast(Claim | None, claim), own, cited, judged=True)
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
    return Checked(key, claim, own_problems, cited)


def load_sources(
    root: Path, folder: str, problems: list[Problem], store: EngineCache | None = None
) -> tuple[dict[str, Source], dict[str, str], dict[str, str]]:
    """The sources that loaded, the files of those that did not, and each source's
    content key (empty without a cache), by id."""
    sources: dict[str, Source] = {}
    unloadable: dict[str, str] = {}
    keys: dict[str, str] = {}
    before = len(problems)
    entries = gate.refuse_reserved(
        list_folder(root, folder, ".md", "a source", problems), "a source", problems
    )
    # One file read at a time, and its text freed once its source is made: the source
    # keeps only the article, and all the files never sit in memory beside the articles.
    for entry in entries:
        file = entry.read(problems)
        if file is None:
            continue
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
    index = _index(source, indexes, store)
    evidence.match = find_parts(index, parts)
    if evidence.match is not None:
        passage = evidence.match.passage(source.text)
        # Most excerpts are copied as the source prints them: one string for both.
        evidence.passage = evidence.excerpt if passage == evidence.excerpt else passage
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
