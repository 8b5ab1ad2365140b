"""Everything the plugin adds to a site, built from one checked publication.

`Site` turns a `Publication` into finished pages (claim pages, source pages, the claims and
sources listings), the HTML that replaces the markers of hand-written pages, and
`/claims.json`. It knows nothing of MkDocs: the plugin hands its pages to MkDocs as minimal
Markdown files, passes MkDocs' own URL for each file in as `Settings.url_of`, and swaps the
rendered content for the HTML built here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment

from .. import report
from ..mkdocs_plugin.safety import is_refused
from ..model import Claim, Problem, Publication, Source
from . import contexts as ctx
from . import paging
from .templates import environment, render
from .urls import CLAIMS_INDEX, CLAIMS_JSON, SOURCES_INDEX, claim_uri, page_url, source_uri

CLAIMS_MARKER = "<!-- factcheck:claims -->"
RULES_MARKER = "<!-- factcheck:rules -->"
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


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str  # plain text; whoever puts it in HTML escapes it
    body: str  # the finished article HTML
    repo_file: str | None = None  # the file a contributor edits for this page
    anchors: frozenset[str] = frozenset()
    review: dict[str, Any] | None = None  # ClaimReview JSON-LD data
    searchable: bool = True  # False: left out of the search index (it repeats other pages)


class Site:
    def __init__(self, pub: Publication, settings: Settings, symlinks: Iterable[str] = ()):
        self.pub = pub
        self.settings = settings
        self.env: Environment = environment(settings.template_dirs)
        links = list(symlinks)  # whatever lies behind a symlink is never shown
        self.claims = [c for c in pub.claims if not is_refused(c.file, links)]
        self.sources = {k: s for k, s in pub.sources.items() if not is_refused(s.file, links)}
        self.shown = _only(pub, self.sources)  # pages must not link to refused sources
        self.cited = ctx.citations(self.claims)
        self.problems_in: dict[str, list[Problem]] = {}
        for problem in pub.problems:
            self.problems_in.setdefault(problem.file, []).append(problem)
        self.pages: dict[str, GeneratedPage] = {}
        for page in (
            *(self._claim_page(c) for c in self.claims),
            *(self._source_page(s) for s in self.sources.values()),
            *self._listings(),
        ):
            self.pages[page.src_uri] = page

    def url(self, src_uri: str) -> str:
        if self.settings.url_of is not None:
            return self.settings.url_of(src_uri)
        return page_url(src_uri, self.settings.use_directory_urls)

    def links(self, src_uri: str) -> ctx.Links:
        return ctx.Links(self.url(src_uri), self.url)

    def render(self, template: str, **context: Any) -> str:
        return render(self.env, template, **context)

    def _banner(self, file: str | None, what: str) -> ctx.Banner | None:
        """Under `serve`, the problems of `file` (of every file when None)."""
        if not self.settings.show_problems:
            return None
        return ctx.banner(
            self.pub.problems if file is None else self.problems_in.get(file, []), what
        )

    def _claim_page(self, claim: Claim) -> GeneratedPage:
        src = claim_uri(claim.id)
        page = ctx.claim_page(
            claim,
            self.shown,
            self.links(src),
            methodology=self.settings.methodology,
            edit_url=self.settings.edit_url(claim.file),
            yaml_text=_read_small(Path(self.pub.root) / claim.file),
            problems=self._banner(claim.file, "this claim's file"),
        )
        return GeneratedPage(
            src_uri=src,
            title=page.title,
            body=self.render("factcheck/claim.html", page=page),
            repo_file=claim.file,
            anchors=page.anchors,
            review=ctx.claim_review(claim, self.pub, self.settings.site_name),
        )

    def _source_page(self, source: Source) -> GeneratedPage:
        src = source_uri(source.id)
        by_claim = self.cited.get(source.id, {})
        claims = {c.id: c for c in self.claims if c.id in by_claim}
        page = ctx.source_page(
            source,
            by_claim,
            claims,
            self.shown,
            self.links(src),
            problems=self._banner(source.file, "this source's file"),
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
        full = ctx.claim_list(self.claims, self.links(CLAIMS_INDEX))
        banner = self._banner(None, "this publication")
        pages = []
        for number in range(1, paging.pages_of(full) + 1):
            src = paging.listing_uri(number)
            links = self.links(src)
            shown, pager = paging.paginate(full, links, number)
            if number > 1:
                shown = paging.rebase(shown, links)
            html = self.render(
                "factcheck/claims.html",
                list=shown,
                pager=pager,
                data_href=links.to_url(CLAIMS_JSON),
                banner=banner if number == 1 else None,
            )
            title = "Claims" if number == 1 else f"Claims, page {number}"
            # The claim pages are what a search should find, not the listings repeating them.
            pages.append(
                GeneratedPage(src, title, html, anchors=frozenset({"claims"}), searchable=False)
            )
        sources_html = self.render(
            "factcheck/sources.html",
            index=ctx.sources_index(self.shown, self.cited, self.links(SOURCES_INDEX)),
        )
        return [
            *pages,
            GeneratedPage(SOURCES_INDEX, "Sources", sources_html, anchors=frozenset({"sources"})),
        ]

    def digest(self, src_uri: str) -> paging.Digest:
        """The claims as the page `src_uri` shows them: counts and the most telling."""
        links = self.links(src_uri)
        return paging.digest(ctx.claim_list(self.claims, links), links)

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
        """What a generated page adds to `<head>`: its ClaimReview, if it is a claim."""
        if page.review is None:
            return ""
        review = dict(page.review)
        if canonical_url:
            review["url"] = canonical_url
        return self.render("factcheck/claim_review.html", review=review)

    def claims_json(self) -> str:
        """`/claims.json`: the claims list of `factcheck check --format json`, unchanged."""
        data = {"claims": report.as_json(self.pub)["claims"]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _only(pub: Publication, sources: dict[str, Source]) -> Publication:
    if len(sources) == len(pub.sources):
        return pub
    return Publication(pub.root, sources, pub.claims, pub.problems)


def _read_small(path: Path) -> str | None:
    try:
        if path.is_symlink() or path.stat().st_size > MAX_YAML_SHOWN:
            return None
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
