"""Every template, rendered with hostile text in every field of its context.

The contexts are filled by type: each `str` holds markup that would run if printed raw,
each `Markup` holds what the sanitiser makes of hostile Markdown. Whatever a template
prints, nothing may become a script, an event handler or a javascript: link.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from html.parser import HTMLParser
from typing import Any, Literal, get_args, get_origin, get_type_hints

import pytest
from markupsafe import Markup

from generator.site import contexts as ctx
from generator.site import listings, paging
from generator.site import source_page as sp
from generator.site.sanitize import markdown
from generator.site.templates import TEMPLATES, environment

HOSTILE = "\"><script>alert(1)</script><img src=x onerror=alert(1)>'</textarea></title>"
HOSTILE_MARKDOWN = f"{HOSTILE} [x](javascript:alert(1)) <a href='javascript:alert(1)'>y</a>"


def fill(kind: Any) -> Any:
    """A value of type `kind` made of hostile text."""
    origin = get_origin(kind)
    if kind is Markup:
        return markdown(HOSTILE_MARKDOWN)
    if kind is str:
        return HOSTILE
    if kind is bool:
        return True
    if kind is int:
        return 3
    if origin is Literal:
        return get_args(kind)[-1]
    if origin in (types.UnionType, typing.Union):
        return fill(next(a for a in get_args(kind) if a is not type(None)))
    if origin is tuple:
        args = get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return (fill(args[0]), fill(args[0]))
        return tuple(fill(a) for a in args)
    if origin is frozenset:
        return frozenset({fill(get_args(kind)[0])})
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = get_type_hints(kind, include_extras=False)
        return kind(**{f.name: fill(hints[f.name]) for f in dataclasses.fields(kind) if f.init})
    raise TypeError(f"no hostile value for {kind!r}")


CONTEXTS: dict[str, dict[str, Any]] = {
    "factcheck/claim.html": {"page": fill(ctx.ClaimPage)},
    "factcheck/source.html": {"page": fill(sp.SourcePage)},
    "factcheck/claims.html": {
        "list": fill(listings.ClaimList),
        "pager": fill(paging.Pager),
        "data_href": HOSTILE,
        "banner": fill(ctx.Banner),
    },
    "factcheck/sources.html": {"index": fill(sp.SourcesIndex)},
    "factcheck/home.html": {
        "site_name": HOSTILE,
        "digest": fill(paging.Digest),
        "banner": fill(ctx.Banner),
    },
    "factcheck/claim_list.html": {"list": fill(listings.ClaimList)},
    "factcheck/claim_digest.html": {"digest": fill(paging.Digest)},
    "factcheck/rules.html": {"rules": fill(ctx.Rules)},
    "factcheck/claim_review.html": {"review": {"claimReviewed": HOSTILE, "url": HOSTILE}},
    "factcheck/home_banner.html": {"banner": fill(ctx.Banner)},
    # The figure comes from generator.pictures.timeline (hostile text: test_pictures.py).
    "factcheck/timeline.html": {"timeline": fill(Markup)},
    "factcheck/tag.html": {"page": fill(listings.TagPage), "pager": fill(paging.Pager)},
    "factcheck/corrections_log.html": {"log": fill(listings.CorrectionsLog)},
    "factcheck/corrections.html": {"log": fill(listings.CorrectionsLog)},
}


class Elements(HTMLParser):
    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []
        self.script_text: list[str] = []
        self._in_script = False
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script_text.append(data)


def test_every_template_has_a_hostile_context() -> None:
    assert set(CONTEXTS) == set(TEMPLATES)


@pytest.mark.parametrize("name", TEMPLATES)
def test_no_template_lets_hostile_text_become_markup(name: str) -> None:
    out = environment().get_template(name).render(**CONTEXTS[name])
    assert "alert(1)" in out  # the text is shown, as text
    page = Elements(out)
    for tag, attrs in page.found:
        assert tag not in ("img", "textarea", "title", "iframe"), f"{name} printed <{tag}>"
        if tag == "script":
            assert attrs == {"type": "application/ld+json"}, f"{name} printed a script"
        assert not [k for k in attrs if k.startswith("on")], f"{name}: handler in <{tag}>"
        for key in ("href", "src"):
            assert not attrs.get(key, "").strip().lower().startswith("javascript:")
    # JSON-LD cannot end its own script element early.
    assert all("</" not in text for text in page.script_text)
    assert "<script>alert" not in out and "onerror=alert(1)>" not in out
