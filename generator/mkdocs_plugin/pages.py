"""Everything the plugin adds to a site, built from one checked publication.

`Site` turns a `Publication` into finished pages (claim pages, source pages, the claims and
sources listings), the HTML that replaces the markers of hand-written pages, and
`/claims.json`. It knows nothing of MkDocs: the plugin hands its pages to MkDocs as minimal
Markdown files and swaps their rendered content for the HTML built here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import report
from ..model import Claim, Problem, Publication, Source
from .claim_page import ClaimContext, claim_body, claim_review
from .components import claim_list, problems_banner
from .highlight import anchors
from .listings import claims_index, rules_table, sources_index
from .render import escape, plain_text
from .safety import is_refused
from .source_page import SourceContext, citations, source_body
from .urls import CLAIMS_INDEX, SOURCES_INDEX, claim_uri, page_url, source_uri

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


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str  # plain text; whoever puts it in HTML escapes it
    body: str  # the finished article HTML
    repo_file: str | None = None  # the file a contributor edits for this page
    anchors: frozenset[str] = frozenset()
    review: dict[str, Any] | None = None  # ClaimReview JSON-LD data


class Site:
    def __init__(self, pub: Publication, settings: Settings, symlinks: Iterable[str] = ()):
        self.pub = pub
        self.settings = settings
        links = list(symlinks)  # whatever lies behind a symlink is never shown
        self.claims = [c for c in pub.claims if not is_refused(c.file, links)]
        self.sources = {k: s for k, s in pub.sources.items() if not is_refused(s.file, links)}
        self.cited = citations(self.claims)
        self.problems_in: dict[str, list[Problem]] = {}
        for problem in pub.problems:
            self.problems_in.setdefault(problem.file, []).append(problem)
        self.pages: dict[str, GeneratedPage] = {}
        for claim in self.claims:
            page = self._claim_page(claim)
            self.pages[page.src_uri] = page
        for source in self.sources.values():
            page = self._source_page(source)
            self.pages[page.src_uri] = page
        for page in self._listings():
            self.pages[page.src_uri] = page

    def url(self, src_uri: str) -> str:
        return page_url(src_uri, self.settings.use_directory_urls)

    def _banner(self, file: str | None, what: str) -> str:
        """Under `serve`, the problems of `file` (of every file when None)."""
        if not self.settings.show_problems:
            return ""
        shown = self.pub.problems if file is None else self.problems_in.get(file, [])
        return problems_banner(shown, what)

    def _claim_page(self, claim: Claim) -> GeneratedPage:
        src = claim_uri(claim.id)
        methodology = self.settings.methodology
        ctx = ClaimContext(
            pub=_only(self.pub, self.sources),
            here=self.url(src),
            use_directory_urls=self.settings.use_directory_urls,
            methodology=self.url(methodology) if methodology else None,
            edit_url=self.settings.edit_url(claim.file),
            yaml_text=_read_small(Path(self.pub.root) / claim.file),
        )
        body = self._banner(claim.file, "this claim's file") + claim_body(claim, ctx)
        return GeneratedPage(
            src_uri=src,
            title=plain_text(claim.claim) or claim.id,
            body=body,
            repo_file=claim.file,
            anchors=frozenset({"evidence", "notes", "claim-file"}),
            review=claim_review(claim, self.pub, self.settings.site_name),
        )

    def _source_page(self, source: Source) -> GeneratedPage:
        src = source_uri(source.id)
        ctx = SourceContext(
            _only(self.pub, self.sources), self.url(src), self.settings.use_directory_urls
        )
        by_claim = self.cited.get(source.id, {})
        claims = {c.id: c for c in self.claims if c.id in by_claim}
        body = self._banner(source.file, "this source's file") + source_body(
            source, by_claim, claims, ctx
        )
        spans = [s for spans in by_claim.values() for s in spans]
        return GeneratedPage(
            src_uri=src,
            title=source.title or source.id,
            body=body,
            repo_file=source.file,
            anchors=frozenset({"cited-by", "snapshot", *anchors(spans)}),
        )

    def _listings(self) -> list[GeneratedPage]:
        use_dirs = self.settings.use_directory_urls
        claims_html = claims_index(self.claims, self.url(CLAIMS_INDEX), use_dirs)
        sources_html = sources_index(
            _only(self.pub, self.sources), self.cited, self.url(SOURCES_INDEX), use_dirs
        )
        return [
            GeneratedPage(
                CLAIMS_INDEX,
                "Claims",
                self._banner(None, "this publication") + claims_html,
                anchors=frozenset({"claims"}),
            ),
            GeneratedPage(SOURCES_INDEX, "Sources", sources_html, anchors=frozenset({"sources"})),
        ]

    def add_home(self) -> None:
        """A home page for a publication without `index.md`: the title and every claim."""
        body = f'<h1 id="claims">{escape(self.settings.site_name)}</h1>' + claim_list(
            self.claims, "", self.settings.use_directory_urls
        )
        page = GeneratedPage(
            "index.md", self.settings.site_name, body, anchors=frozenset({"claims"})
        )
        self.pages[page.src_uri] = page

    def fill(self, html: str, src_uri: str, is_home: bool) -> str:
        """A hand-written page's HTML with the generated parts in place of its markers."""
        if CLAIMS_MARKER in html or is_home:
            listing = claim_list(self.claims, self.url(src_uri), self.settings.use_directory_urls)
            if CLAIMS_MARKER in html:
                html = html.replace(CLAIMS_MARKER, listing)
            else:
                # The home page promises every claim; a missing marker must not lose the list.
                html += listing
        if RULES_MARKER in html:
            html = html.replace(RULES_MARKER, rules_table())
        if is_home:
            html = self._banner(None, "this publication") + html
        return html

    def claims_json(self) -> str:
        """`/claims.json`: the claims list of `factcheck check --format json`, unchanged."""
        data = {"claims": report.as_json(self.pub)["claims"]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _only(pub: Publication, sources: dict[str, Source]) -> Publication:
    # Pages must not link to, or show, sources whose pages were refused.
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
