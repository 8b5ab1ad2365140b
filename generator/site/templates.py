"""The Jinja environment the fact-check pages are rendered in.

It is the site's own, not MkDocs' (which does not autoescape): every value a template prints
is escaped unless it is `Markup`, and only `sanitize` and `highlight` make Markup from
contributor text. A publication overrides a template by putting a file of the same name in
its theme's `custom_dir` (`custom_dir/factcheck/claim.html`); the package's own stay
reachable as `default/factcheck/claim.html`, so an override can extend the original.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from pathlib import Path
from typing import Any

import markupsafe
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    Template,
    select_autoescape,
)
from markupsafe import Markup

from .. import prose
from .labels import ICONS, KIND_LABELS, LABELS, ORDER

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# Every template the pages use, for tests and for anyone writing overrides.
TEMPLATES = (
    "factcheck/claim.html",
    "factcheck/source.html",
    "factcheck/claims.html",
    "factcheck/sources.html",
    "factcheck/home.html",
    "factcheck/claim_list.html",
    "factcheck/claim_digest.html",
    "factcheck/rules.html",
    "factcheck/claim_review.html",
    "factcheck/home_banner.html",
    "factcheck/timeline.html",
    "factcheck/tag.html",
    "factcheck/corrections_log.html",
    "factcheck/corrections.html",
)


def environment(overrides: Iterable[str | Path] = ()) -> Environment:
    """An autoescaping environment: templates from `overrides` first, then the package's."""
    package = FileSystemLoader(str(PACKAGE_TEMPLATES))
    env = Environment(
        loader=ChoiceLoader(
            [
                FileSystemLoader([str(p) for p in overrides]),
                package,
                PrefixLoader({"default": package}),
            ]
        ),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=False,
        # A Site renders thousands of pages with one environment and makes a new one for
        # each build: no need to stat every template file on every render.
        auto_reload=False,
    )
    env.template_class = _Template
    env.globals.update(LABELS=LABELS, ICONS=ICONS, ORDER=ORDER, KIND_LABELS=KIND_LABELS)
    env.filters["count"] = _count
    return env


# markupsafe's own escaping of a string, without making the result through `Markup.__new__`
# (a Python call, for every value every page prints); absent in some other markupsafe,
# where `escape` is used as it is.
_ESCAPE_TEXT = getattr(markupsafe, "_escape_inner", None)
_STR_NEW = str.__new__


def escape(value: object) -> Markup:
    """`markupsafe.escape(value)`, the same text: a string escaped, Markup kept as it is,
    anything else as markupsafe escapes it."""
    kind = type(value)
    if kind is str and _ESCAPE_TEXT is not None:
        return _STR_NEW(Markup, _ESCAPE_TEXT(value))
    if kind is Markup:
        return value  # type: ignore[return-value]
    return markupsafe.escape(value)


class _Template(Template):
    """A template that prints every value through `escape` above."""

    @classmethod
    def _from_namespace(
        cls,
        environment: Environment,
        namespace: MutableMapping[str, Any],
        globals: MutableMapping[str, Any],
    ) -> Template:
        # The compiled template imported markupsafe's `escape` as this name: what its
        # autoescaped `{{ ... }}` call.
        namespace["escape"] = escape
        return super()._from_namespace(environment, namespace, globals)


def _count(n: int, word: str) -> str:
    return prose.count(n, word)


def render(env: Environment, name: str, **context: Any) -> str:
    return env.get_template(name).render(**context)
