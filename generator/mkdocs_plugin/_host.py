"""The documentation engine the plugin runs in: MkDocs 1.6, or ProperDocs, its maintained
drop-in fork. ProperDocs redirects `mkdocs.*` imports to itself, but only once its own
command has started; importing from whichever is running keeps one set of classes either way.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING or "properdocs" not in sys.modules:
    from mkdocs import __version__ as VERSION
    from mkdocs.config import config_options as c
    from mkdocs.config.base import Config
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import PluginError
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
    from mkdocs.structure.files import File, Files, InclusionLevel
    from mkdocs.structure.nav import Link, Section
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import TableOfContents, get_toc
else:  # pragma: no cover - exercised by the ProperDocs build test in its own environment
    from properdocs import __version__ as VERSION
    from properdocs.config import config_options as c
    from properdocs.config.base import Config
    from properdocs.config.defaults import MkDocsConfig
    from properdocs.exceptions import PluginError
    from properdocs.livereload import LiveReloadServer
    from properdocs.plugins import BasePlugin, CombinedEvent, event_priority
    from properdocs.structure.files import File, Files, InclusionLevel
    from properdocs.structure.nav import Link, Section
    from properdocs.structure.pages import Page
    from properdocs.structure.toc import TableOfContents, get_toc

ENGINE = "ProperDocs" if "properdocs" in sys.modules else "MkDocs"
# What the plugin needs: `File.generated`, `InclusionLevel`, hooks with keyword arguments.
MINIMUM = (1, 6)


def version_problem(version: str = VERSION) -> str | None:
    """Why the running MkDocs (or ProperDocs) is too old for the plugin, or None."""
    numbers = []
    for part in version.split(".")[:2]:
        digits = "".join(c for c in part if c.isdigit())
        numbers.append(int(digits) if digits else 0)
    if tuple(numbers) >= MINIMUM:
        return None
    need = ".".join(map(str, MINIMUM))
    return (
        f"the factcheck plugin needs {ENGINE} {need} or later; this is {ENGINE} {version}: "
        f'upgrade it (pip install "mkdocs>={need}")'
    )


__all__ = [
    "ENGINE",
    "MINIMUM",
    "VERSION",
    "BasePlugin",
    "CombinedEvent",
    "Config",
    "File",
    "Files",
    "InclusionLevel",
    "Link",
    "LiveReloadServer",
    "MkDocsConfig",
    "Page",
    "PluginError",
    "Section",
    "TableOfContents",
    "c",
    "event_priority",
    "get_toc",
    "version_problem",
]
