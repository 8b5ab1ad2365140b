"""The MkDocs (and ProperDocs) glue: check the publication, add its pages, swap in their HTML.

Generated pages reach MkDocs as a Markdown stub; their real content is rendered by
`generator.site` in its own autoescaping Jinja environment and injected in `on_page_content`,
after Python-Markdown has run, so nothing a contributor wrote is read by Python-Markdown or
by MkDocs' (non-escaping) Jinja. Hand-written pages are cleaned by the same allow-list.
"""

from __future__ import annotations

import functools
import gc
import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment

from .. import report
from ..cache import EngineCache
from ..jsonschema import SCHEMA_DIR, schema_files
from ..model import Problem, Publication
from ..site.pages import (
    CLAIMS_MARKER,
    CORRECTIONS_MARKER,
    CORRECTIONS_PAGE,
    MARKERS,
    PAGE_COLLECTIONS,
    GeneratedPage,
    Rendered,
    Site,
)
from ..site.sanitize import clean_page
from ..site.templates import PACKAGE_TEMPLATES
from ..site.urls import CLAIMS_INDEX, CLAIMS_JSON
from . import files as f
from . import indexing, theme_memo
from ._host import (
    BasePlugin,
    CombinedEvent,
    Config,
    File,
    Files,
    LiveReloadServer,
    MkDocsConfig,
    Page,
    PluginError,
    c,
    event_priority,
    get_toc,
    version_problem,
)
from .dirty import Built, digest
from .handoff import SearchHandoff
from .indexing import material_search
from .meta import escape_title, inert
from .safety import check, is_refused
from .serving import CompiledTemplates, FolderWatch

log = logging.getLogger("mkdocs.plugins.factcheck")
_inert = inert  # the name tests and older callers know


class FactcheckConfig(Config):  # type: ignore[no-untyped-call]
    claims = c.Type(str, default="claims")
    sources = c.Type(str, default="content/sources")
    methodology = c.Type(str, default="methodology.md")
    # Where "Report an error" leads when the site names no GitHub/GitLab repository.
    contact = c.Type(str, default="corrections.md")


class FactcheckPlugin(BasePlugin[FactcheckConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.serving = False
        self.site: Site | None = None
        self.checked: tuple[Publication, list[str]] | None = None
        self.root = Path.cwd()
        # Kept across `serve` rebuilds (see on_startup): an edit redoes only what changed.
        self.cache = EngineCache()
        # What each generated file held when last built, and the hand-written pages that
        # show generated parts (claim lists, the rules, the home banner): under
        # `serve --dirty` only what changed is rebuilt.
        self.built = Built()
        self.filled: dict[str, frozenset[str]] = {}  # page -> the generated parts it shows
        self.rendered = Rendered()  # the pages of the last build, by their inputs
        self.watch = FolderWatch()
        self.compiled = CompiledTemplates()  # the theme's templates, under `serve`
        self.handoff = SearchHandoff()  # a generated page, as Material's search reads it
        self._collecting: tuple[int, int, int] | None = None  # see on_pre_build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this one instance across `mkdocs serve` rebuilds; a new
        # session (in one process, MkDocs keeps the instance) starts afresh.
        self.serving = command == "serve"
        self.cache = EngineCache()
        self.built.clear()
        self.filled.clear()
        self.rendered = Rendered()
        self.watch.clear()
        self.compiled.clear()

    def on_shutdown(self) -> None:
        # MkDocs keeps this instance for the next session in the same process.
        self.serving = False
        self.watch.stop()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        too_old = version_problem()
        if too_old is not None:
            raise PluginError(too_old)
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        # MkDocs reuses a plugin that has on_startup across config loads: forget the last
        # build's check, so a new build never sees another publication's.
        self.checked = None
        # The plugin's main.html goes after the publication's custom_dir, before the theme.
        dirs = config.theme.dirs
        dirs.insert(1 if config.theme.custom_dir else 0, str(PACKAGE_TEMPLATES))
        for css in (f.CSS, f.PICTURES_CSS):
            if css not in config.extra_css:
                config.extra_css.append(css)
        if f.JS not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(f.JS)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # MkDocs empties site/ right after this hook: a publication with errors must fail
        # here, so the last good site stays as it was.
        if self._collecting is None:
            # The publication, its pages and what `serve` keeps between builds (the
            # engine's cache, the last pages) are a heap the collector would scan again and
            # again while a build allocates: collected less often until the build is done.
            self._collecting = gc.get_threshold()
            gc.set_threshold(*PAGE_COLLECTIONS)
        self.watch.rewatch(self.root, self._folders())
        self.checked = self._check(f.rel(self.root, config.docs_dir))
        self._report(self.checked[0])

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # The check of this build's on_pre_build, never one left from an earlier build.
        pub, links = self.checked or self._check(f.rel(self.root, config.docs_dir))
        self.checked = None
        self.site = site = Site(
            pub,
            f.settings(config, files, self.root, self.config, show_problems=self.serving),
            symlinks=links,
            kept=self.rendered if self.serving else None,
            # Pages made in a second process are read for the search index there too.
            read_ahead=indexing.read if material_search(config) is not None else None,
        )
        if files.get_file_from_path("index.md") is None:
            site.add_home()
        if files.get_file_from_path(CORRECTIONS_PAGE) is None:
            site.add_corrections()
        sources = f.folder(self.config.sources)
        site.add_unloadable(f.folder(self.config.claims), sources)
        data = {
            CLAIMS_JSON: site.claims_json(),
            **{f"{SCHEMA_DIR}/{name}": text for name, text in schema_files().items()},
        }
        ours = {*site.pages, *data, *f.ASSET_FILES}
        for file in list(files):
            path = f.rel(self.root, file.abs_src_path) if file.abs_src_path else ""
            if (
                file.src_uri in ours
                or is_refused(path, links)
                or f.is_snapshot(file, path, sources)
            ):
                files.remove(file)
        self.built.remembering = self.serving
        self.built.start()
        for page in site.pages.values():
            file = f.page_file(config, page, self.built)
            if page.repo_file:
                file.edit_uri = f.docs_relative(self.root, config, page.repo_file)
            files.append(file)
        for uri, text in data.items():
            files.append(self.built.file(config, uri, text, digest(text) if self.serving else ""))
        for uri, asset in f.ASSET_FILES.items():
            files.append(File.generated(config, uri, abs_src_path=str(asset)))
        # Hand-written pages showing generated parts are modified when those changed.
        listing = site.pages.get(CLAIMS_INDEX)
        shown = {
            "claims": listing.body if listing else "",
            "corrections": site.corrections_log(CORRECTIONS_PAGE),
        }
        self.built.mark_filled(files, shown, self.filled)
        return files

    @event_priority(-100)  # after other plugins added their filters (the memo records them)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.serving and env.bytecode_cache is None:
            env.bytecode_cache = self.compiled
        # Material's furniture (nav, search, footer...) rendered once for the pages it is the
        # same for; the memo lives and dies with this build's environment.
        theme_memo.install(env)
        return env

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self._page(page) is not None:
            # A generated page's Markdown is a stub whose rendering on_page_content replaces:
            # Python-Markdown (set up afresh for every page) is not run over it.
            page.render = functools.partial(_render_stub, page)  # type: ignore[method-assign]
        return page

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        generated = self._page(page)
        if generated is not None:
            page.title = escape_title(generated.title)  # themes print titles unescaped
        else:
            # The theme prints front-matter values (title, description, subtitle, author,
            # status, tags) into HTML unescaped. The engine's gate already refuses markup in
            # them; should anything slip past it, it still reaches the reader as text.
            page.meta = _inert(page.meta)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        generated = self._page(page)
        if generated is not None:
            page.present_anchor_ids = (page.present_anchor_ids or set()) | generated.anchors
            return generated.body
        html = clean_page(html, MARKERS)
        if "title" not in page.meta and page.title:
            # A title taken from the page's first heading is printed unescaped as well.
            page.title = _inert(page.title)
        if self.site is None:
            return html
        # Pages that show the claim list or the corrections log change with the claims
        # (the rules only with the code).
        parts = {
            "claims": page.is_homepage or CLAIMS_MARKER in html,
            "corrections": page.file.src_uri == CORRECTIONS_PAGE or CORRECTIONS_MARKER in html,
        }
        self.filled[page.file.src_uri] = frozenset(k for k, shown in parts.items() if shown)
        return self.site.fill(html, page.file.src_uri, page.is_homepage)

    @event_priority(100)  # before any search plugin reads the page
    def _before_search(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: object
    ) -> dict[str, Any]:
        generated = self._page(page)
        body = generated.body if generated is not None else None
        ahead = self.site.read_ahead if self.site is not None else None
        self.handoff.before(page, config, self, body, ahead)
        return context

    @event_priority(-100)  # after every search plugin read it
    def _after_search(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: object
    ) -> dict[str, Any]:
        self.handoff.after(page)
        return context

    on_page_context = CombinedEvent(_before_search, _after_search)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        generated = self._page(page)
        if generated is None or self.site is None:
            return output
        head = self.site.head(generated, page.canonical_url)
        # The first </head> is the document's: contributor text is only ever in the body.
        return output.replace("</head>", head + "</head>", 1) if head else output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._collect_as_before()

    def on_build_error(self, *, error: Exception) -> None:
        self._collect_as_before()

    def _collect_as_before(self) -> None:
        if self._collecting is not None:
            gc.set_threshold(*self._collecting)
            self._collecting = None

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer:
        # A folder removed and restored is watched again by the rebuild it asks for.
        self.watch.start(server, self.root, self._folders(), config.docs_dir)
        return server

    def _folders(self) -> tuple[str, str]:
        return (self.config.claims, self.config.sources)

    def _check(self, docs: str) -> tuple[Publication, list[str]]:
        try:
            return check(
                self.root,
                docs,
                self.config.claims,
                self.config.sources,
                cache=self.cache if self.serving else None,
            )
        except Exception as error:  # the engine promises not to raise; a preview survives
            if not self.serving:
                raise
            log.exception("the fact-check engine failed")
            failed = Problem(
                "mkdocs.yml", 1, 1, "error", f"the fact-check engine failed: {error!r}"
            )
            return Publication(str(self.root), problems=[failed]), []

    def _report(self, pub: Publication) -> None:
        text = report.format_text(pub.problems)
        if pub.errors and not self.serving:
            raise PluginError(f"the publication has problems (factcheck check):\n{text}")
        for line in text.splitlines():
            log.warning(line)

    def _page(self, page: Page) -> GeneratedPage | None:
        if self.site is None or page.file.generated_by is None:
            return None
        return self.site.pages.get(page.file.src_uri)


def _render_stub(page: Page, config: MkDocsConfig, files: Files) -> None:
    """What `Page.render` leaves of a stub (a comment, no heading, no link, no anchor)."""
    page.content = ""
    page.toc = get_toc([])
    page.present_anchor_ids = set()
