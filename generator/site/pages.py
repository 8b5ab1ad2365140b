"""Everything the plugin adds to a site, built from one checked publication.

`Site` turns a `Publication` into finished pages (claim pages, source pages, the claims and
sources listings), the HTML that replaces the markers of hand-written pages, and
`/claims.json`. It knows nothing of MkDocs: the plugin hands its pages to MkDocs as minimal
Markdown files, passes MkDocs' own URL for each file in as `Settings.url_of`, and swaps the
rendered content for the HTML built here.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment

from .. import history, report
from ..beside import beside
from ..collector import collecting_less
from ..gate import RESERVED_IDS
from ..mkdocs_plugin.safety import is_refused
from ..model import Claim, Problem, Publication, Source
from ..schema import SLUG
from . import contexts as ctx
from . import jsontext, listings, paging, pictures, reviews
from . import source_page as sp
from .shared import Remembered
from .templates import PACKAGE_TEMPLATES, environment, render
from .urls import (
    CLAIMS_INDEX,
    CLAIMS_JSON,
    SOURCES_INDEX,
    TIMELINE,
    claim_uri,
    page_url,
    source_uri,
)

CLAIMS_MARKER = "<!-- factcheck:claims -->"
MAX_PICTURES = 12  # small pictures on one source page
RULES_MARKER = "<!-- factcheck:rules -->"
CORRECTIONS_MARKER = "<!-- factcheck:corrections -->"
# Every marker a hand-written page may hold; the cleaner keeps these comments and no other.
MARKERS = (CLAIMS_MARKER, RULES_MARKER, CORRECTIONS_MARKER)
# The hand-written page the corrections log goes on (where it has no marker, at its end).
CORRECTIONS_PAGE = "corrections.md"
MAX_YAML_SHOWN = 200_000


@dataclass(frozen=True)
class Settings:
    site_name: str
    use_directory_urls: bool = True
    show_problems: bool = False  # under `mkdocs serve`: banners instead of a failed build
    methodology: str | None = None  # src_uri of the methodology page, when there is one
    edit_url: Callable[[str], str | None] = field(default=lambda path: None)  # repo path
    # src_uri -> site-relative URL; the plugin gives MkDocs' own answer (its `File.url`).
    url_of: Callable[[str], str] | None = None
    template_dirs: Sequence[str] = ()  # overrides first (the theme's custom_dir)
    site_url: str | None = None  # absolute; claim pages' canonical URLs hang off it
    repo_url: str | None = None  # GitHub/GitLab: "Report an error" opens a pre-filled issue
    contact: str | None = None  # src_uri[#fragment] readers write to when there is no repo
    claims_folder: str | None = None  # where claim files live: one `git log` dates them all


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str  # plain text; whoever puts it in HTML escapes it
    body: str  # the finished article HTML
    repo_file: str | None = None  # the file a contributor edits for this page
    anchors: frozenset[str] = frozenset()
    review: dict[str, Any] | None = None  # ClaimReview JSON-LD data
    meta: tuple[tuple[str, str], ...] = ()  # `og:` properties for <head>
    searchable: bool = True  # False: left out of the search index (it repeats other pages)


@dataclass
class Rendered:
    """What one build leaves for the next under `serve` (see `Site.kept`)."""

    # src_uri -> (digest of everything the page was rendered from, the page)
    pages: dict[str, tuple[str, GeneratedPage]] = field(default_factory=dict)
    # The shared wording the site asked about, and the digest of the sources it came from.
    shared: tuple[str, Remembered] | None = None
    # claim id -> (the claim's digest, its part of claims.json)
    json: dict[str, tuple[str, str]] = field(default_factory=dict)
    # The template environment, and the digest of the template files it compiled.
    env: tuple[str, Environment] | None = None
    # id() of a claim object -> (the claim, its digest): the engine's cache hands `serve`
    # the unchanged claims as the same objects, which it never changes once stored.
    digests: dict[int, tuple[Claim, str]] = field(default_factory=dict)
    # A claim file's path -> (its stat, its text): read again only when the stat changed.
    texts: dict[str, tuple[tuple[int, int, int, int], str | None]] = field(default_factory=dict)
    # (the listing's inputs, the claim's digest) -> its entry in the listing of every claim.
    items: dict[tuple[str, str], listings.ClaimItem] = field(default_factory=dict)
    # (a listing page, id() of an entry above) -> (the entry, the entry linked from that page)
    rebased: dict[tuple[str, int], tuple[listings.ClaimItem, listings.ClaimItem]] = field(
        default_factory=dict
    )
    # The timeline's rows and items, by what each was drawn from.
    timeline: dict[tuple[object, ...], str] = field(default_factory=dict)
    # A topic -> (what its pages were made from besides its entries, its entries, its pages)
    topics: dict[str, tuple[object, tuple[listings.ClaimItem, ...], list[GeneratedPage]]] = field(
        default_factory=dict
    )


class Site:
    def __init__(
        self,
        pub: Publication,
        settings: Settings,
        symlinks: Iterable[str] = (),
        kept: Rendered | None = None,
        read_ahead: Callable[[str], object] | None = None,
    ):
        self.pub = pub
        self.settings = settings
        # What `read_ahead` made of the body of each page made beside (see _all_pages).
        self.read_ahead: dict[str, object] = {}
        self._read_ahead = read_ahead
        self._urls: dict[str, str] = {}  # src_uri -> site-relative URL, this build's
        self.kept = Rendered() if kept is None else kept
        self._remember = kept is not None
        # Under `serve`, the templates compiled by the last build while none changed.
        templates = _templates_key(settings.template_dirs) if self._remember else ""
        if self._remember and self.kept.env is not None and self.kept.env[0] == templates:
            self.env: Environment = self.kept.env[1]
        else:
            self.env = environment(settings.template_dirs)
            if self._remember:
                self.kept.env = (templates, self.env)
        links = list(symlinks)  # whatever lies behind a symlink is never shown
        self.claims = [c for c in pub.claims if not is_refused(c.file, links)]
        self.sources = {k: s for k, s in pub.sources.items() if not is_refused(s.file, links)}
        # Pages must not link to refused sources; every page asks about shared wording of
        # the same sources, worked out once here.
        shown = _only(pub, self.sources)
        remembered = Remembered(shown.shared, frozenset(shown.sources))
        sources = ""
        if self._remember:
            # Shared wording depends on the sources' texts only: while none changed, what
            # the last build worked out still holds.
            sources = _digest(repr([sorted(self.sources.items()), sorted(shown.sources)]))
            if self.kept.shared is not None and self.kept.shared[0] == sources:
                remembered.learn(self.kept.shared[1])
            self.kept.shared = (sources, remembered)
        self.shown = dataclasses.replace(shown, shared=remembered)
        self.cited = sp.citations(self.claims)
        self._by_id = {c.id: c for c in self.claims}
        # Claim id -> (place in the publication, the claim): two files may give one id.
        self._placed: dict[str, list[tuple[int, Claim]]] = {}
        for n, claim in enumerate(self.claims):
            self._placed.setdefault(claim.id, []).append((n, claim))
        self._quoting: dict[str, set[str]] = {}  # source id -> claims quoting it, unfound
        for claim in self.claims:
            for e in claim.evidence:
                if not e.found:
                    self._quoting.setdefault(e.source_id, set()).add(claim.id)
        self._lines: dict[str, list[str]] = {}  # files read for the offending lines shown
        self.problems_in: dict[str, list[Problem]] = {}
        for problem in pub.problems:
            self.problems_in.setdefault(problem.file, []).append(problem)
        # Review dates of every claim from one `git log`, not one git process per claim.
        self.reviews = history.reviews_of(
            Path(pub.root), {c.file: c.reviewed for c in self.claims}, settings.claims_folder
        )
        # Under `serve`, the pages of the last build by what they were rendered from: an
        # edit to one claim renders its page and those of the sources it cites again, not
        # every page. `kept` is the caller's, filled here for the next build.
        self._inputs = self._shared_inputs(sources + templates) if self._remember else ""
        # Each claim's digest once per build; source id -> the digests of the claims naming it.
        self._claim_keys = self._digests() if self._remember else {}
        self._citing: dict[str, list[str]] = {}
        for claim in self.claims if self._remember else ():
            for source_id in dict.fromkeys(e.source_id for e in claim.evidence):
                self._citing.setdefault(source_id, []).append(self._claim_keys[claim.id])
        self._drawings = pictures.Drawings(self.shown.sources)  # shared by the source pages
        self.pages: dict[str, GeneratedPage] = {}
        with collecting_less(PAGE_COLLECTIONS):
            for page in self._all_pages():
                self.pages[page.src_uri] = page
        if self._remember:
            for uri in set(self.kept.pages) - set(self.pages):
                del self.kept.pages[uri]
            files = {os.path.join(self.pub.root, c.file) for c in self.claims}
            self.kept.texts = {p: t for p, t in self.kept.texts.items() if p in files}

    def _all_pages(self) -> list[GeneratedPage]:
        """Every generated page, in the order MkDocs is given them: the claims', the
        sources', the listings. In a build (not under `serve`, which keeps its pages for
        the next build and runs other threads), a copy of this process makes the source
        pages and the last claims' on the second core (see `generator.beside`), while this
        one makes the others: the same pages, in the same order. The copy also hands back
        what `read_ahead` makes of each of its pages' bodies (the caller's work on them
        done there too: the plugin's reading for the search index)."""
        sources = list(self.sources.values())
        cut = _share(len(self.claims), len(sources))
        worth_it = not self._remember and len(self.claims) + len(sources) >= PAGES_BESIDE
        read = self._read_ahead

        def made_there() -> tuple[list[GeneratedPage], dict[str, object]]:
            made = [
                *(self._claim_page_of(c) for c in self.claims[cut:]),
                *(self._source_page_of(s) for s in sources),
            ]
            if not (read is not None and worth_it):
                return made, {}
            return made, {p.src_uri: read(p.body) for p in made if p.searchable}

        there = beside(made_there, worth_it=worth_it)
        if not there.forked:
            there.result()  # made here, in the order they were always made
        here = [self._claim_page_of(c) for c in self.claims[:cut]]
        listed = self._listings()
        made, self.read_ahead = there.result()
        return [*here, *made, *listed]

    def _digests(self) -> dict[str, str]:
        """Each claim's digest by its id, worked out again only for new claim objects."""
        known, now = self.kept.digests, {}
        keys = {}
        for claim in self.claims:
            seen = known.get(id(claim))
            key = seen[1] if seen is not None and seen[0] is claim else _digest(repr(claim))
            now[id(claim)] = (claim, key)
            keys[claim.id] = key
        self.kept.digests = now
        return keys

    def _key_of(self, claim: Claim) -> str:
        """The digest of this claim object (two files may give one id)."""
        return self.kept.digests[id(claim)][1]

    def _shared_inputs(self, sources_and_templates: str) -> str:
        """What every claim and source page is rendered from besides its own claim or
        source: the settings, every shown source (shared wording, titles), the templates."""
        s = self.settings
        parts: list[object] = [
            s.site_name,
            s.use_directory_urls,
            s.show_problems,
            s.methodology,
            s.site_url,
            s.repo_url,
            s.contact,
            sources_and_templates,
        ]
        return _digest(repr(parts))

    def _remembered(
        self, src: str, inputs: Callable[[], object], render: Callable[[], GeneratedPage]
    ) -> GeneratedPage:
        if not self._remember:
            return render()
        key = _digest(self._inputs + repr(inputs()))
        known = self.kept.pages.get(src)
        if known is not None and known[0] == key:
            return known[1]
        page = render()
        self.kept.pages[src] = (key, page)
        return page

    def _claim_page_of(self, claim: Claim) -> GeneratedPage:
        def inputs() -> object:
            return (
                self._claim_keys[claim.id],
                self._read_claim_file(claim.file),
                self.problems_in.get(claim.file),
                self.reviews.get(claim.file),
                self.settings.edit_url(claim.file),
            )

        return self._remembered(claim_uri(claim.id), inputs, lambda: self._claim_page(claim))

    def _read_claim_file(self, file: str) -> str | None:
        path = os.path.join(self.pub.root, file)  # not a Path: a thousand a build, each stat
        try:
            st = os.lstat(path)
        except OSError:
            return None
        stamp = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
        known = self.kept.texts.get(path)
        if known is not None and known[0] == stamp:
            return known[1]
        text = _read_small(path)
        self.kept.texts[path] = (stamp, text)
        return text

    def _source_page_of(self, source: Source) -> GeneratedPage:
        def inputs() -> object:
            citing = self._citing.get(source.id, [])
            return (source.id, citing, self.problems_in.get(source.file))

        return self._remembered(source_uri(source.id), inputs, lambda: self._source_page(source))

    def url(self, src_uri: str) -> str:
        # Asked ~35 times per claim (every link on every page): worked out once per page.
        known = self._urls.get(src_uri)
        if known is None:
            if self.settings.url_of is not None:
                known = self.settings.url_of(src_uri)
            else:
                known = page_url(src_uri, self.settings.use_directory_urls)
            self._urls[src_uri] = known
        return known

    def links(self, src_uri: str) -> ctx.Links:
        return ctx.Links(self.url(src_uri), self.url)

    def render(self, template: str, **context: Any) -> str:
        return render(self.env, template, **context)

    def _banner(self, file: str | None, what: str) -> ctx.Banner | None:
        """Under `serve`, the problems of `file` (of every file when None)."""
        if not self.settings.show_problems:
            return None
        return ctx.banner(
            self.pub.problems if file is None else self.problems_in.get(file, []),
            what,
            self._offending_line,
        )

    def _offending_line(self, problem: Problem) -> str:
        """The line a problem points at, clipped around its column and made visible."""
        if problem.file not in self._lines:
            self._lines[problem.file] = _lines_of(Path(self.pub.root), problem.file)
        lines = self._lines[problem.file]
        if not 0 < problem.line <= len(lines):
            return ""
        return report.clip_around(lines[problem.line - 1], problem.column)[0]

    def _claim_page(self, claim: Claim) -> GeneratedPage:
        src = claim_uri(claim.id)
        links = self.links(src)
        site_url = self.settings.site_url
        canonical = urljoin(site_url, self.url(src)) if site_url else None
        contact = self.settings.contact
        path, _, fragment = contact.partition("#") if contact else ("", "", "")
        report_href, is_issue = reviews.report_link(
            self.settings.repo_url,
            claim.id,
            canonical,
            links.to(path, fragment) if path else None,
        )
        review = self.reviews.get(claim.file)
        page = ctx.claim_page(
            claim,
            self.shown,
            links,
            methodology=self.settings.methodology,
            edit_url=self.settings.edit_url(claim.file),
            yaml_text=_read_small(os.path.join(self.pub.root, claim.file)),
            problems=self._banner(claim.file, "this claim's file"),
            review=review,
            site_name=self.settings.site_name,
            report_href=report_href,
            report_is_issue=is_issue,
            canonical=canonical,
            picture=pictures.claim_picture(claim, self.shown.sources),
        )
        return GeneratedPage(
            src_uri=src,
            title=page.title,
            body=self.render("factcheck/claim.html", page=page),
            repo_file=claim.file,
            anchors=page.anchors,
            review=reviews.claim_review(
                claim,
                self.shown,
                self.settings.site_name,
                url=canonical,
                site_url=site_url,
                review=review,
            ),
            meta=reviews.og_tags(claim, self.settings.site_name, canonical),
        )

    def _source_page(self, source: Source) -> GeneratedPage:
        src = source_uri(source.id)
        by_claim = self.cited.get(source.id, {})
        # The claims citing it, and those quoting it with words it does not contain (listed
        # as broken quotations): not every claim, which would make the pages quadratic.
        shown = {*by_claim, *self._quoting.get(source.id, ())}
        links = self.links(src)
        page = sp.source_page(
            source,
            by_claim,
            {c: self._by_id[c] for c in shown if c in self._by_id},
            self.shown,
            links,
            problems=self._banner(source.file, "this source's file"),
        )
        drawn = pictures.cited_pictures(
            source.id,
            [c for _, c in sorted(p for i in by_claim for p in self._placed.get(i, ()))],
            self.shown.sources,
            lambda claim: links.to(claim_uri(claim.id)),
            self._drawings,
        )
        if drawn:
            # A source cited by many claims keeps a page of bounded size: the first few are
            # drawn here, every one on its own claim page.
            page = dataclasses.replace(
                page,
                pictures=drawn[:MAX_PICTURES],
                pictures_left_out=max(0, len(drawn) - MAX_PICTURES),
                anchors=page.anchors | {"figures"},
            )
        return GeneratedPage(
            src_uri=src,
            title=page.title,
            body=self.render("factcheck/source.html", page=page),
            repo_file=source.file,
            anchors=page.anchors,
        )

    def _listings(self) -> list[GeneratedPage]:
        # Item links are made once, relative to /claims/, and re-based for the other pages
        # of the listing; each page is then O(its own items), not O(every claim).
        full = listings.claim_list(self.claims, self.links(CLAIMS_INDEX), item=self._item())
        banner = self._banner(None, "this publication")
        pages = []
        rebased: dict[tuple[str, int], tuple[listings.ClaimItem, listings.ClaimItem]] = {}
        for number in range(1, paging.pages_of(full) + 1):
            src = paging.listing_uri(number)
            links = self.links(src)
            shown, pager = paging.paginate(full, links, number)
            if number > 1:
                shown = paging.rebase(shown, links, self._rebased(src, rebased))
            context = {
                "list": shown,
                "pager": pager,
                "data_href": links.to_url(CLAIMS_JSON),
                "banner": banner if number == 1 else None,
            }
            # Under `serve`, a page of the listing is rendered again only when what it
            # shows changed (an edit to one claim changes one page of ten).
            pages.append(
                self._remembered(
                    src,
                    functools.partial(repr, context),
                    functools.partial(self._listing_page, src, number, context),
                )
            )
        tags = listings.tags_of(self.claims)
        topics = listings.by_topic(full)
        tag_pages = [p for tag in tags for p in self._tag_pages(tag, tags, topics[tag], rebased)]
        if self._remember:
            self.kept.rebased = rebased
            self.kept.topics = {t: self.kept.topics[t] for t in tags if t in self.kept.topics}
        index = sp.sources_index(self.shown, self.cited, self.links(SOURCES_INDEX))
        return [
            *pages,
            self._remembered(
                SOURCES_INDEX,
                functools.partial(repr, index),
                functools.partial(self._sources_page, index),
            ),
            self._timeline(),
            *tag_pages,
        ]

    def _item(
        self,
    ) -> Callable[[Claim, Callable[[Claim], listings.ClaimItem]], listings.ClaimItem] | None:
        """Under `serve`, each claim's entry in the listing of every claim, made again only
        when the claim (or what every page is rendered from) changed."""
        if not self._remember:
            return None
        known, now = self.kept.items, {}
        inputs = self._inputs

        def item(claim: Claim, make: Callable[[Claim], listings.ClaimItem]) -> listings.ClaimItem:
            key = (inputs, self._key_of(claim))
            made = known.get(key)
            if made is None or made.id != claim.id:
                made = make(claim)
            now[key] = made
            return made

        self.kept.items = now
        return item

    def _rebased(
        self, src: str, now: dict[tuple[str, int], tuple[listings.ClaimItem, listings.ClaimItem]]
    ) -> (
        Callable[
            [listings.ClaimItem, Callable[[listings.ClaimItem], listings.ClaimItem]],
            listings.ClaimItem,
        ]
        | None
    ):
        """Under `serve`, the entries of the listing's page `src` linked from it: an entry
        reused by `_item` (the same object) is re-based again only for a new page."""
        if not self._remember:
            return None
        known = self.kept.rebased

        def again(
            item: listings.ClaimItem, make: Callable[[listings.ClaimItem], listings.ClaimItem]
        ) -> listings.ClaimItem:
            seen = known.get((src, id(item)))
            made = seen[1] if seen is not None and seen[0] is item else make(item)
            now[(src, id(item))] = (item, made)
            return made

        return again

    def _listing_page(self, src: str, number: int, context: dict[str, Any]) -> GeneratedPage:
        html = self.render("factcheck/claims.html", **context)
        title = "Claims" if number == 1 else f"Claims, page {number}"
        # The claim pages are what a search should find, not the listings repeating them.
        return GeneratedPage(src, title, html, anchors=frozenset({"claims"}), searchable=False)

    def _sources_page(self, index: object) -> GeneratedPage:
        html = self.render("factcheck/sources.html", index=index)
        return GeneratedPage(SOURCES_INDEX, "Sources", html, anchors=frozenset({"sources"}))

    def _timeline(self) -> GeneratedPage:
        """`/timeline/`: every date the claims give and every source's publication date."""
        links = self.links(TIMELINE)

        def url_for(item: Claim | Source) -> str:
            uri = claim_uri(item.id) if isinstance(item, Claim) else source_uri(item.id)
            return links.to(uri)

        def render() -> GeneratedPage:
            drawn = self.kept.timeline if self._remember else None
            figure = pictures.timeline_html(self.pub, self.claims, self.sources, url_for, drawn)
            body = self.render("factcheck/timeline.html", timeline=figure)
            # Like the listings, it repeats what the claim and source pages say.
            return GeneratedPage(TIMELINE, "Timeline", body, searchable=False)

        # Drawn from the claims shown (their order too) and the sources shown, which every
        # page's inputs hold.
        return self._remembered(TIMELINE, lambda: [self._key_of(c) for c in self.claims], render)

    def _tag_pages(
        self,
        tag: str,
        tags: list[str],
        every: listings.ClaimList,
        rebased: dict[tuple[str, int], tuple[listings.ClaimItem, listings.ClaimItem]],
    ) -> list[GeneratedPage]:
        """The pages of one topic (plain pages: a tag link works without the script), cut
        like the claims listing, made from its entries in the listing (`every`, linked
        from /claims/)."""
        key = (self._inputs, tuple(tags))
        known = self.kept.topics.get(tag) if self._remember else None
        if (
            known is not None
            and known[0] == key
            and len(known[1]) == len(every.items)
            and all(a is b for a, b in zip(known[1], every.items, strict=True))
        ):
            # The same entries (kept by `_item`, so unchanged claims) under the same
            # settings and topics: the topic's pages are what they were.
            return known[2]
        uri = functools.partial(paging.tag_listing_uri, tag)
        pages = []
        for number in range(1, paging.pages_of(every) + 1):
            src = uri(number)
            links = self.links(src)
            shown, pager = paging.paginate(every, links, number, uri=uri)
            shown = paging.rebase(shown, links, self._rebased(src, rebased))
            page = listings.tag_page(shown, tag, tags, links, CLAIMS_INDEX)
            title = every.heading if number == 1 else f"{every.heading}, page {number}"

            def render(
                src: str = src, title: str = title, page: object = page, pager: object = pager
            ) -> GeneratedPage:
                html = self.render("factcheck/tag.html", page=page, pager=pager)
                # A listing: the claim pages are what a search finds.
                return GeneratedPage(
                    src, title, html, anchors=frozenset({"claims"}), searchable=False
                )

            pages.append(self._remembered(src, functools.partial(repr, (page, pager)), render))
        if self._remember:
            self.kept.topics[tag] = (key, every.items, pages)
        return pages

    def corrections_log(self, src_uri: str) -> str:
        """The log of every correction, newest first, as seen from the page `src_uri`."""
        log = listings.corrections_log(self.claims, self.links(src_uri))
        return self.render("factcheck/corrections_log.html", log=log)

    def add_corrections(self) -> None:
        """A corrections page for a publication without `corrections.md`: the log, and
        how to report an error."""
        body = self.render(
            "factcheck/corrections.html",
            log=listings.corrections_log(self.claims, self.links(CORRECTIONS_PAGE)),
        )
        page = GeneratedPage(
            CORRECTIONS_PAGE, "Corrections", body, anchors=frozenset({"corrections", "log"})
        )
        self.pages[page.src_uri] = page

    def digest(self, src_uri: str) -> paging.Digest:
        """The claims as the page `src_uri` shows them: counts and the most telling."""
        links = self.links(src_uri)
        return paging.digest(listings.claim_list(self.claims, links), links)

    def add_home(self) -> None:
        """A home page for a publication without `index.md`: the title and the claims."""
        body = self.render(
            "factcheck/home.html",
            site_name=self.settings.site_name,
            digest=self.digest("index.md"),
            banner=self._banner(None, "this publication"),
        )
        page = GeneratedPage(
            "index.md", self.settings.site_name, body, anchors=frozenset({"claims"})
        )
        self.pages[page.src_uri] = page

    def add_unloadable(self, claims_dir: str, sources_dir: str) -> list[str]:
        """Under `serve`, a page for every claim or source file that has errors and did not
        load, in place of the page it had (or would have): its problems, each with the
        line it points at, until it is fixed. A preview never turns the page being edited
        into a bare 404. Returns the src_uris added."""
        if not self.settings.show_problems:
            return []
        loaded = {c.file for c in self.pub.claims} | {s.file for s in self.pub.sources.values()}
        added = []
        for file, problems in sorted(self.problems_in.items()):
            folder, _, name = file.rpartition("/")
            stem, dot, suffix = name.rpartition(".")
            if file in loaded or not any(p.severity == "error" for p in problems):
                continue
            if folder == claims_dir and suffix == "yaml":
                src, what = claim_uri(stem), "claim"
            elif folder == sources_dir and suffix == "md":
                src, what = source_uri(stem), "source"
            else:
                continue
            # A file name that is no id (or is reserved) has no page to keep: its problems
            # show on the home page and the claims listing.
            if not dot or not SLUG.fullmatch(stem) or stem in RESERVED_IDS or src in self.pages:
                continue
            body = self.render(
                "factcheck/unloadable.html",
                what=what,
                file=file,
                banner=self._banner(file, f"this {what}'s file"),
            )
            title = f"{stem} (does not load)"
            self.pages[src] = GeneratedPage(src, title, body, repo_file=file)
            added.append(src)
        return added

    def fill(self, html: str, src_uri: str, is_home: bool) -> str:
        """A hand-written page's (already cleaned) HTML with the generated parts in place of
        its markers."""
        if CLAIMS_MARKER in html or is_home:
            listing = self.render("factcheck/claim_digest.html", digest=self.digest(src_uri))
            if CLAIMS_MARKER in html:
                html = html.replace(CLAIMS_MARKER, listing)
            else:
                # The home page promises the claims; a missing marker must not lose them.
                html += listing
        if CORRECTIONS_MARKER in html:
            html = html.replace(CORRECTIONS_MARKER, self.corrections_log(src_uri))
        elif src_uri == CORRECTIONS_PAGE:
            # The corrections page promises the log; a missing marker must not lose it.
            html += self.corrections_log(src_uri)
        if RULES_MARKER in html:
            html = html.replace(
                RULES_MARKER, self.render("factcheck/rules.html", rules=ctx.rules())
            )
        if is_home:
            banner = self._banner(None, "this publication")
            if banner is not None:
                html = self.render("factcheck/home_banner.html", banner=banner) + html
        return html

    def head(self, page: GeneratedPage, canonical_url: str | None) -> str:
        """What a generated page adds to `<head>`: a claim's ClaimReview and `og:` tags."""
        if page.review is None:
            return ""
        review = dict(page.review)
        meta = page.meta
        if canonical_url:
            review["url"] = canonical_url
            meta = (*((k, v) for k, v in meta if k != "og:url"), ("og:url", canonical_url))
        return self.render("factcheck/claim_review.html", review=review, meta=meta)

    def claims_json(self) -> str:
        """`/claims.json`: the claims list of `factcheck check --format json`, unchanged."""
        if not self._remember or not self.pub.claims:
            data = {"claims": report.as_json(self.pub)["claims"]}
            return jsontext.dumps(data) + "\n"
        # The same text, from each claim's part kept while the claim is unchanged. (A JSON
        # string holds no raw line break: indenting line by line is exact.)
        parts = []
        kept, self.kept.json = self.kept.json, {}
        for claim in self.pub.claims:
            key = self._claim_keys.get(claim.id) or _digest(repr(claim))
            known = kept.get(claim.id)
            if known is None or known[0] != key:
                text = jsontext.dumps(report.claim_json(claim))
                known = (key, "    " + text.replace("\n", "\n    "))
            self.kept.json[claim.id] = known
            parts.append(known[1])
        return '{\n  "claims": [\n' + ",\n".join(parts) + "\n  ]\n}\n"


# The collector's thresholds while the pages are made: the oldest generation (the whole
# heap: the publication and all MkDocs holds) scanned once per 100 scans of the middle one
# instead of once per 10, the youngest a little less often. Measured on 3,000 claims: half
# the collector's time. (The engine's `FEW_COLLECTIONS`, tuned for a check, costs more
# here: its large youngest generation is scanned in full each time.)
PAGE_COLLECTIONS = (2000, 10, 100)


# Pages a build must have before a second process is worth making some of them.
PAGES_BESIDE = 200

# What a page costs the copy, in claim pages (measured on the bench's publication, where
# a source page is an article cited fifteen times, with its pictures, read for the search
# index too), and the listings together, as a part of the claim pages they list.
SOURCE_PAGE_COST = 5.0
LISTINGS_COST = 0.2


def _share(claims: int, sources: int) -> int:
    """How many claim pages this process makes (the first ones) so that it and the copy
    making the rest and every source page are done at about the same time: this one also
    makes the listings."""
    cut = round((claims * (1 - LISTINGS_COST) + sources * SOURCE_PAGE_COST) / 2)
    return max(0, min(claims, cut))


def _only(pub: Publication, sources: dict[str, Source]) -> Publication:
    if len(sources) == len(pub.sources):
        return pub
    # Everything else kept: shared wording, refused paths.
    return dataclasses.replace(pub, sources=sources)


def _lines_of(root: Path, file: str) -> list[str]:
    path = root / file
    try:
        if path.is_symlink() or path.stat().st_size > MAX_YAML_SHOWN:
            return []
        return path.read_bytes().decode("utf-8", "replace").splitlines()
    except OSError:
        return []


def _read_small(path: str) -> str | None:
    """The text of the file at `path` as `Path.read_text` gives it (line ends made `\n`),
    or None for a symlink, a file over `MAX_YAML_SHOWN` bytes or one that is not UTF-8.
    (One `lstat` and a binary read: a build reads thousands.)"""
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode) or (stat.S_ISREG(st.st_mode) and st.st_size > MAX_YAML_SHOWN):
            return None
        with open(path, "rb") as file:
            data = file.read(MAX_YAML_SHOWN + 1)
        if len(data) > MAX_YAML_SHOWN:  # not a regular file, or it grew
            return None
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _templates_key(template_dirs: Sequence[str]) -> str:
    """The digest of every template file's path and modification time."""
    parts = []
    for folder in [*map(Path, template_dirs), PACKAGE_TEMPLATES]:
        for path in sorted(Path(folder).rglob("*")):
            try:
                parts.append((str(path), path.stat().st_mtime_ns))
            except OSError:
                continue
    return _digest(repr(parts))
