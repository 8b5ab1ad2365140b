"""Listing pages and inserts: every claim, every source, and the verdict rules.

Claim and source pages stay out of the sidebar (Material renders the whole navigation on
every page, which makes a big publication quadratic to build); readers reach them through
these lists instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .. import verdicts
from ..model import Claim, Publication
from .components import LABELS, ORDER, badge, claim_list, rating_of
from .render import escape, markdown_inline
from .source_page import cited_spans
from .urls import page_url, relative, source_uri

NL = "\n"  # between block elements, so search does not glue words together


def claims_index(claims: Sequence[Claim], here: str, use_directory_urls: bool = True) -> str:
    counts = Counter(rating_of(c) for c in claims)
    summary = ", ".join(f"{counts[r]} {escape(LABELS[r].lower())}" for r in ORDER if counts[r])
    intro = (
        f"<p>{len(claims)} claim{'s' if len(claims) != 1 else ''}"
        f"{': ' + summary if summary else ''}. Each links to its evidence, quoted word for "
        "word from the sources.</p>"
    )
    return (
        '<h1 id="claims">Claims</h1>'
        + intro
        + claim_list(claims, here, use_directory_urls)
        + _data_link(here)
    )


def _data_link(here: str) -> str:
    return (
        '<p class="fc-data">For data users: <a href="'
        + escape(relative("claims.json", here))
        + '">claims.json</a> holds every claim, its evidence, values and verdict.</p>'
    )


def sources_index(
    pub: Publication, claims: Sequence[Claim], here: str, use_directory_urls: bool = True
) -> str:
    rows = []
    for source in sorted(pub.sources.values(), key=lambda s: (s.title.lower(), s.id)):
        citing = len(cited_spans(source, claims))
        href = relative(page_url(source_uri(source.id), use_directory_urls), here)
        published = source.published.isoformat() if source.published else ""
        relays = ", ".join(
            escape(pub.sources[n].title if n in pub.sources else n) for n in source.derived_from
        )
        rows.append(
            f'<tr><td><a href="{escape(href)}">{escape(source.title)}</a></td>'
            f"<td>{escape(source.outlet or '')}</td><td>{published}</td>"
            f"<td>{relays}</td><td>{citing}</td></tr>"
        )
    count = len(pub.sources)
    return (
        '<h1 id="sources">Sources</h1>'
        f"<p>{count} archived article{'s' if count != 1 else ''}. Each page shows the "
        "snapshot verbatim, with every passage a claim quotes highlighted.</p>"
        '<div class="fc-sources"><table>'
        "<thead><tr><th>Source</th><th>Outlet</th><th>Published</th><th>Relays</th>"
        "<th>Claims citing it</th></tr></thead>"
        f"<tbody>{NL.join(rows)}</tbody></table></div>"
    )


def rules_table() -> str:
    """The verdict rules, from the same module that applies them."""
    rules = "\n".join(
        f"<tr><td>{badge(rule.rating)}</td><td><code>{escape(rule.rating)}</code></td>"
        f"<td>{markdown_inline(rule.meaning)}</td></tr>"
        for rule in verdicts.RULES
    )
    tolerances = "\n".join(
        f"<tr><td><code>{escape(kind)}</code></td><td>{escape(text)}</td></tr>"
        for kind, text in verdicts.DEFAULT_TOLERANCES.items()
    )
    principles = "\n".join(f"<li>{markdown_inline(p)}</li>" for p in verdicts.PRINCIPLES)
    return (
        '<div class="fc-rules">'
        '<div class="fc-rules__verdicts"><table>'
        "<thead><tr><th>Verdict</th><th>In claims.json</th><th>When</th></tr></thead>"
        f"<tbody>{rules}</tbody></table></div>"
        "<p>Default tolerances, used when a claim does not set its own:</p>"
        '<div class="fc-rules__tolerances"><table>'
        "<thead><tr><th>Kind</th><th>Tolerance</th></tr></thead>"
        f"<tbody>{tolerances}</tbody></table></div>"
        f'<ul class="fc-rules__principles">{principles}</ul>'
        "</div>"
    )
