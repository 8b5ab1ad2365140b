"""Where generated pages live and how one page links to another.

Generated HTML is injected after MkDocs has rewritten links, so its links must already be
relative to the page they appear on (the site may be served from any sub-path). Paths here
are the ones MkDocs uses: `src_uri` in the docs folder and `url` relative to the site root;
the plugin resolves URLs with MkDocs' own `File`, so `use_directory_urls` is honoured alike.
"""

from __future__ import annotations

import bisect
import functools
import posixpath
import re
from urllib.parse import quote, urljoin, urlsplit

CLAIMS_INDEX = "claims/index.md"
SOURCES_INDEX = "sources/index.md"
CLAIMS_JSON = "claims.json"
# Not an index page: it stays out of a site's navigation unless its `nav` lists it.
TIMELINE = "timeline.md"


def claim_uri(claim_id: str) -> str:
    return f"claims/{claim_id}.md"


def source_uri(source_id: str) -> str:
    return f"sources/{source_id}.md"


def passage_id(span: tuple[int, int]) -> str:
    """The anchor of one cited span of a source's text (character offsets)."""
    return f"ex-{span[0]}-{span[1]}"


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs' `File` gives `src_uri`, for use without MkDocs (tests,
    previews); the plugin asks MkDocs itself. `claims/x.md` -> `claims/x/` or
    `claims/x.html`; `claims/index.md` -> `claims/` or `claims/index.html`."""
    if not src_uri.endswith(".md"):
        return quote(src_uri)
    parent, name = posixpath.split(src_uri[: -len(".md")])
    if name == "README":
        name = "index"
    if name == "index" or use_directory_urls:
        dest = posixpath.join(parent, "index.html" if name == "index" else name + "/index.html")
    else:
        dest = posixpath.join(parent, name + ".html")
    if use_directory_urls and dest.endswith("index.html"):
        dest = (posixpath.dirname(dest) or ".") + "/"
    return quote(dest)


def relative(target: str, page: str) -> str:
    """`target` (a site-relative URL, maybe with #fragment) as seen from the page at `page`."""
    path, hash_, fragment = target.partition("#")
    return _relative_path(path, page) + hash_ + fragment


@functools.lru_cache(maxsize=65536)
def _relative_path(path: str, page: str) -> str:
    # Pages link to the same few hundred pages from the same folders: worked out once each.
    here = page if page.endswith("/") or not page else posixpath.dirname(page) + "/"
    target, start = "/" + path, "/" + here
    if "/." in target or "//" in target or "/." in start or "//" in start:
        rel = posixpath.relpath(target, start)  # segments to resolve first
    else:  # posixpath.relpath without its normalising, on clean site paths
        to, at = target.split("/")[1:], start.split("/")[1:]
        to, at = [x for x in to if x], [x for x in at if x]
        common = 0
        while common < min(len(to), len(at)) and to[common] == at[common]:
            common += 1
        rel = "/".join([".."] * (len(at) - common) + to[common:]) or "."
    if path.endswith("/") or not path:
        rel = rel + "/" if rel != "." else "./"
    return rel


def edit_url(
    repo_url: str | None, edit_uri: str | None, edit_uri_template: str | None, path: str
) -> str | None:
    """The "edit" link for `path` (relative to the docs folder, maybe `../claims/x.yaml`),
    the way MkDocs builds `page.edit_url`; None unless the site names its repository."""
    if edit_uri_template:
        target = edit_uri_template.format(path=path, path_noext=posixpath.splitext(path)[0])
    elif edit_uri:
        target = edit_uri.rstrip("/") + "/" + path
    else:
        return None
    if repo_url:
        return urljoin(repo_url.rstrip("/") + "/", target)
    return target if urlsplit(target).scheme in ("http", "https") else None


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def paragraph_of(text: str, offset: int) -> int:
    """The paragraph (1-based, blank-line separated) of `text` that `offset` falls in.

    Readers see paragraphs, not the lines of the snapshot file, so that is how a passage's
    place in its article is given."""
    return bisect.bisect_right(_paragraph_starts(text), offset)


@functools.lru_cache(maxsize=4096)  # every source of a publication, asked in any order
def _paragraph_starts(text: str) -> tuple[int, ...]:
    # Where each paragraph after the first begins; leading blank lines start none.
    lead = len(text) - len(text.lstrip())
    return (0, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text, lead) if m.end() < len(text)))
