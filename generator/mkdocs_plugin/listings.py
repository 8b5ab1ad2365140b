"""Listing pages and inserts: every claim, every source, and the verdict rules.

Claim and source pages stay out of the sidebar (Material renders the whole navigation on
every page, which makes a big publication quadratic to build); readers reach them through
these lists instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .. import verdicts
from ..model import Claim, Kind, Publication
from .components import KIND_LABELS, LABELS, ORDER, badge, claim_list, rating_of
from .render import escape, markdown_inline
from .source_page import Citations
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
    pub: Publication, cited: Citations, here: str, use_directory_urls: bool = True
) -> str:
    listed = sorted(pub.sources.values(), key=lambda s: (s.title.lower(), s.id))
    # Columns no source fills are left out rather than shown empty.
    show_outlet = any(s.outlet for s in listed)
    show_published = any(s.published for s in listed)
    show_relays = any(s.derived_from for s in listed)
    rows = []
    for source in listed:
        citing = len(cited.get(source.id, {}))
        href = relative(page_url(source_uri(source.id), use_directory_urls), here)
        cells = [f'<td><a href="{escape(href)}">{escape(source.title)}</a></td>']
        if show_outlet:
            outlet = (
                escape(source.outlet) if source.outlet else '<span class="fc-none">not named</span>'
            )
            cells.append(f"<td>{outlet}</td>")
        if show_published:
            published = source.published.isoformat() if source.published else ""
            cells.append(f"<td>{published}</td>")
        if show_relays:
            relays = ", ".join(
                escape(pub.sources[n].title if n in pub.sources else n) for n in source.derived_from
            )
            cells.append(f"<td>{relays}</td>")
        cells.append(f'<td class="fc-number">{citing}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    heads = ["<th>Article</th>"]
    if show_outlet:
        heads.append("<th>Outlet</th>")
    if show_published:
        heads.append("<th>Published</th>")
    if show_relays:
        heads.append("<th>Relays</th>")
    heads.append('<th class="fc-number">Claims citing it</th>')
    count = len(pub.sources)
    return (
        '<h1 id="sources">Sources</h1>'
        f"<p>{count} archived article{'s' if count != 1 else ''}. Each page shows the "
        "article verbatim, with every passage a claim quotes highlighted.</p>"
        '<div class="fc-sources"><table>'
        f"<thead><tr>{''.join(heads)}</tr></thead>"
        f"<tbody>{NL.join(rows)}</tbody></table></div>"
    )


def rules_table() -> str:
    """The verdict rules, from the same module that applies them."""
    rules = "\n".join(
        f"<tr><td>{badge(rule.rating)}</td><td><code>{escape(rule.rating)}</code></td>"
        f"<td>{markdown_inline(_sentence(rule.meaning))}</td></tr>"
        for rule in verdicts.RULES
    )
    tolerances = "\n".join(
        f"<tr><td>{escape(KIND_LABELS.get(kind, kind))} (<code>{escape(kind)}</code>)</td>"
        f"<td>{_tolerance(kind)}</td></tr>"
        for kind in verdicts.DEFAULT_TOLERANCES
    )
    principles = "\n".join(f"<li>{markdown_inline(p)}</li>" for p in verdicts.PRINCIPLES)
    return (
        '<div class="fc-rules">'
        '<div class="fc-rules__verdicts"><table>'
        "<thead><tr><th>Verdict</th><th>In claims.json</th><th>When</th></tr></thead>"
        f"<tbody>{rules}</tbody></table></div>"
        "<p>Default tolerances, used when a claim does not set its own:</p>"
        '<div class="fc-rules__tolerances"><table>'
        "<thead><tr><th>Kind of claim</th><th>Tolerance</th></tr></thead>"
        f"<tbody>{tolerances}</tbody></table></div>"
        "<p>The principles behind the rules, as the program states them:</p>"
        f'<ul class="fc-rules__principles">{principles}</ul>'
        "</div>"
    )


def _tolerance(kind: Kind) -> str:
    tolerance = verdicts.DEFAULT_TOLERANCE[kind]
    if tolerance.amount == 0:
        return "none: values must be the same"
    return escape(tolerance.text)


def _sentence(text: str) -> str:
    """A rule's meaning as a sentence: capital first letter, full stop at the end."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
