"""A generated page handed to Material's search, and taken back after it.

Material's search parses every page whole with Python's HTMLParser, and only then drops
what is marked `data-search-exclude`. A generated page is read into the same index here
(`indexing.index`, without HTMLParser) and Material's search is told to leave it alone;
a page that cannot be read that way is handed to it without the inside of the parts it
would drop (`search.search_view`). Either way the page is as Material's search leaves it
once every search plugin has run.
"""

from __future__ import annotations

import logging
from typing import Any

from . import indexing
from ._host import MkDocsConfig, Page
from .search import material_strip, search_view

log = logging.getLogger("mkdocs.plugins.factcheck")

Ahead = dict[str, Any] | None


class SearchHandoff:
    """What was changed on the page being searched, to be put back by `after`."""

    def __init__(self) -> None:
        self._full: tuple[Page, str, str] | None = None  # the page, its content, its view
        self._searched: tuple[Page, Any] | None = None  # a page indexed here, its meta
        self._hidden: tuple[Page, str] | None = None  # a page kept from Material's search

    def before(
        self, page: Page, config: MkDocsConfig, plugin: object, body: str | None, ahead: Ahead
    ) -> None:
        """Before any search plugin reads `page` (`plugin`: the caller, to tell whether
        Material's search alone runs between `before` and `after`; `body`: the generated
        page's HTML, None for a hand-written page; `ahead`: what `indexing.read` made of
        some generated pages' bodies already, by their `src_uri`)."""
        self._full = self._searched = self._hidden = None
        if body is None or not page.content:
            return
        search = indexing.material_search(config)
        wanted = not (page.meta.get("search") or {}).get("exclude")
        # What was read ahead is of the body: only while the page is still its body.
        known = ahead if page.content == body else None
        searched = (
            search is not None and wanted and indexing.index(search, page, page.content, known)
        )
        if searched:
            # Read here into the same index: Material's search is told to leave the page
            # alone, and the page's meta is as it was after it.
            self._searched = (page, page.meta.get("search"))
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        if searched or (search is not None and not wanted):
            if indexing.alone(search, plugin, config):
                # All Material's search does with a page it leaves out is strip attributes
                # off it, reading it whole by a slow pattern: it is handed none, and they
                # are stripped after it.
                self._hidden = (page, page.content)
                page.content = ""
        elif (lean := search_view(page.content)) != page.content:
            self._full = (page, page.content, lean)
            page.content = lean

    def after(self, page: Page) -> None:
        """After every search plugin read `page`: put back what `before` changed."""
        if self._searched is not None and self._searched[0] is page:
            _, meta = self._searched
            self._searched = None
            if meta is None:
                del page.meta["search"]
            else:
                page.meta["search"] = meta
        if self._hidden is not None and self._hidden[0] is page:
            hidden, self._hidden = self._hidden[1], None
            if page.content:  # pragma: no cover - no other plugin runs in between
                log.warning("a plugin changed %s while it was searched", page.file.src_uri)
            page.content = material_strip(hidden)  # as Material's search leaves it
        if self._full is None or self._full[0] is not page:
            return
        _, full, lean = self._full
        self._full = None
        if page.content == lean:
            page.content = full
        elif page.content == material_strip(lean):
            page.content = material_strip(full)  # as Material's search leaves it
        else:  # another plugin rewrote the page: what it did cannot be replayed
            log.warning("a plugin changed %s while it was searched", page.file.src_uri)
            page.content = full
