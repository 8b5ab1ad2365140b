"""A catalogue of bad contributor input: each is reported with its file, line and a
message saying what to do, with exit status 1 and never a traceback."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

SOURCE = """\
---
title: Wire report
published: 2020-01-14
---
Around 5,000 US troops are left in Iraq.

The parliament voted 170-0 on January 5, after 25 fighters were killed.
"""

GOOD_CLAIM = """\
claim: Around 5,000 US troops were in Iraq.
kind: quantity
evidence:
  - source: wire
    excerpt: Around 5,000 US troops are left in Iraq
"""


def _write_all(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, data in files.items():
        write(root, f"content/{rel}", data)


def write(root: Path, rel: str, content: str | bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def claim(text: str) -> Callable[[Path], None]:
    return lambda root: write(root, "claims/bad.yaml", text)


def symlink(root: Path) -> None:
    (root / "elsewhere.yaml").write_text(GOOD_CLAIM)
    os.symlink(root / "elsewhere.yaml", root / "claims/linked.yaml")


# (case id, how to break the repository, file, line, message fragment)
CASES: list[tuple[str, Callable[[Path], None], str, int, str]] = [
    (
        "yaml-syntax",
        claim("claim: [unclosed\nkind: quantity\n"),
        "claims/bad.yaml",
        2,
        "invalid YAML",
    ),
    (
        "unknown-kind",
        claim(GOOD_CLAIM.replace("kind: quantity", "kind: quantty")),
        "claims/bad.yaml",
        2,
        "`kind` must be one of quantity, tally, date, quote, text, not "
        "`quantty`; did you mean `quantity`?",
    ),
    (
        "typo-key",
        claim(GOOD_CLAIM.replace("evidence:", "evidnce:")),
        "claims/bad.yaml",
        3,
        "unknown key `evidnce` in a claim; did you mean `evidence`?",
    ),
    (
        "missing-evidence",
        claim("claim: Something.\nkind: quantity\n"),
        "claims/bad.yaml",
        1,
        "a claim needs `evidence:` with at least one item",
    ),
    (
        "unknown-source",
        claim(GOOD_CLAIM.replace("source: wire", "source: wirre")),
        "claims/bad.yaml",
        4,
        "unknown source `wirre`: there is no content/sources/wirre.md; did you mean `wire`?",
    ),
    (
        "path-traversal",
        claim(GOOD_CLAIM.replace("source: wire", "source: ../../etc/passwd")),
        "claims/bad.yaml",
        4,
        "`source` is a source id (a file name in content/sources/ without "
        "`.md`), not a path: `../../etc/passwd`",
    ),
    (
        "python-tag",
        claim("claim: !!python/object/apply:os.system [echo hi]\n"),
        "claims/bad.yaml",
        1,
        "tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed",
    ),
    (
        "duplicate-key",
        claim(GOOD_CLAIM + "claim: Again.\n"),
        "claims/bad.yaml",
        6,
        "duplicate key `claim` (first on line 1)",
    ),
    (
        "alias-bomb",
        claim('a: &a ["x","x"]\nb: &b [*a,*a,*a,*a]\nc: [*b,*b,*b,*b]\n'),
        "claims/bad.yaml",
        1,
        "anchors (&a) are not allowed: write the value out",
    ),
    (
        "deep-nesting",
        claim("claim: " + "[" * 5000 + "]" * 5000 + "\n"),
        "claims/bad.yaml",
        1,
        "nested deeper than 32 levels",
    ),
    ("empty-file", claim(""), "claims/bad.yaml", 1, "the claim file is empty"),
    (
        "binary-file",
        lambda r: write(r, "claims/bad.yaml", b"\x89PNG\r\n\x1a\n\x00\x00"),
        "claims/bad.yaml",
        3,
        "binary file (contains NUL bytes): expected text",
    ),
    (
        "not-utf8",
        lambda r: write(r, "claims/bad.yaml", GOOD_CLAIM.encode() + b"notes: caf\xe9\n"),
        "claims/bad.yaml",
        6,
        "not UTF-8 (byte 0xe9): save the file as UTF-8",
    ),
    ("symlink", symlink, "claims/linked.yaml", 1, "a claim is a symlink: refused"),
    (
        "bad-tolerance",
        claim(GOOD_CLAIM + "tolerance: lots\n"),
        "claims/bad.yaml",
        6,
        "`tolerance` must be a percentage (`5%`) or a non-negative number, not `lots`",
    ),
    (
        "rating-without-reason",
        claim(GOOD_CLAIM + "verdict:\n  rating: consistent\n"),
        "claims/bad.yaml",
        7,
        "an editorial `verdict` needs `reason:`",
    ),
    (
        "unknown-rating",
        claim(GOOD_CLAIM + "verdict:\n  rating: true\n  reason: x\n"),
        "claims/bad.yaml",
        7,
        "`rating` must be one of",
    ),
    ("value-not-in-excerpt", claim(GOOD_CLAIM + "    value: 5300\n"), "claims/bad.yaml", 6, "5300"),
    (
        "direction-controls",
        claim(GOOD_CLAIM.replace("excerpt: Around", "excerpt: \u202eAround")),
        "claims/bad.yaml",
        5,
        "invisible direction controls (U+202E)",
    ),
    (
        "bad-front-matter-date",
        lambda r: write(r, "content/sources/wire.md", SOURCE.replace("2020-01-14", "2020-02-30")),
        "content/sources/wire.md",
        3,
        "`published` must be a date written YYYY-MM-DD, not `2020-02-30`",
    ),
    (
        "front-matter-typo",
        lambda r: write(r, "content/sources/wire.md", SOURCE.replace("title:", "titel:")),
        "content/sources/wire.md",
        2,
        "unknown key `titel` in source front matter; did you mean `title`?",
    ),
    (
        "no-front-matter",
        lambda r: write(r, "content/sources/wire.md", "Just text.\n"),
        "content/sources/wire.md",
        1,
        "a source starts with `---` and YAML front matter",
    ),
    (
        "file-name-not-slug",
        lambda r: write(r, "claims/US_Troops.yaml", GOOD_CLAIM),
        "claims/US_Troops.yaml",
        1,
        "file name `US_Troops.yaml` is not a lower-case slug",
    ),
    (
        "yml-extension",
        lambda r: write(r, "claims/troops.yml", GOOD_CLAIM),
        "claims/troops.yml",
        1,
        "a claim names end in `.yaml`",
    ),
    (
        "excerpt-not-found",
        claim(GOOD_CLAIM.replace("Around 5,000 US troops", "About 5,000 US troops")),
        "claims/bad.yaml",
        5,
        "excerpt not found in source `wire`; the nearest passage",
    ),
    (
        "cites-a-broken-source",
        lambda r: write(r, "content/sources/wire.md", SOURCE.replace("title:", "titel:")),
        "claims/good.yaml",
        4,
        "source `wire` could not be loaded: fix the problems reported for content/sources/wire.md",
    ),
    (
        "omission-out-of-order",
        claim(GOOD_CLAIM.replace("excerpt: Around", "excerpt: left in Iraq ... Around")),
        "claims/bad.yaml",
        5,
        "is in the source, but not in this order",
    ),
    (
        "yaml11-no-is-text",
        claim(GOOD_CLAIM.replace("kind: quantity", "kind: no")),
        "claims/bad.yaml",
        2,
        "`kind` must be one of quantity, tally, date, quote, text, not `no`",
    ),
    (
        "yaml11-sexagesimal",
        claim(GOOD_CLAIM + "tolerance: 1:30\n"),
        "claims/bad.yaml",
        6,
        "not `1:30`",
    ),
    (
        "evidence-not-mapping",
        claim("claim: x\nkind: quantity\nevidence:\n  - wire\n"),
        "claims/bad.yaml",
        4,
        "each evidence item is a mapping with `source:` and `excerpt:`",
    ),
    (
        "two-documents",
        claim(GOOD_CLAIM + "---\nclaim: again\n"),
        "claims/bad.yaml",
        6,
        "more than one YAML document",
    ),
    (
        "several-figures",
        claim(
            GOOD_CLAIM.replace(
                "excerpt: Around 5,000 US troops are left in Iraq",
                "excerpt: Around 5,000 US troops ... after 25 fighters",
            )
        ),
        "claims/bad.yaml",
        5,
        "figures",
    ),
    (
        "derivation-without-value",
        claim(GOOD_CLAIM + "    derivation: counted\n"),
        "claims/bad.yaml",
        6,
        "`derivation` explains a `value:`; add the value",
    ),
]


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def page(front: str, body: str = "# About\n\nText.\n") -> Callable[[Path], None]:
    """A hand-written page with YAML front matter (lines from 2 on)."""
    return lambda root: write(root, "content/about.md", f"---\n{front}---\n{body}")


def content_file(rel: str, data: str | bytes) -> Callable[[Path], None]:
    return lambda root: write(root, f"content/{rel}", data)


def content_symlink(root: Path) -> None:
    (root / "secret.txt").write_text("key", "utf-8")
    os.symlink(root / "secret.txt", root / "content/leak.md")


def content_symlinked_folder(root: Path) -> None:
    os.symlink(root, root / "content/everything")


# Everything under content/ arrives by pull request like the claims: the same gate refuses
# what could run script, pose as a generated page, or crash the theme.
CONTENT_CASES: list[tuple[str, Callable[[Path], None], str, int, str]] = [
    *[
        (
            f"static-{suffix}",
            content_file(f"files/page.{suffix}", "<script>alert(1)</script>"),
            f"content/files/page.{suffix}",
            1,
            f"`.{suffix}` files are not published from `content/`: only types that cannot "
            "carry script are",
        )
        for suffix in ("html", "htm", "xhtml", "svg", "js", "css", "json", "xml", "mjs")
    ],
    (
        "replaces-the-plugin-script",
        content_file("assets/javascripts/factcheck.js", "alert(1)"),
        "content/assets/javascripts/factcheck.js",
        1,
        "`.js` files are not published",
    ),
    (
        "replaces-the-search-index",
        content_file("search/search_index.json", '{"docs": []}'),
        "content/search/search_index.json",
        1,
        "`.json` files are not published",
    ),
    (
        "no-extension",
        content_file("files/Makefile", "all:\n"),
        "content/files/Makefile",
        1,
        "files without an extension are not published",
    ),
    (
        "html-named-png",
        content_file("img/chart.png", "<html><script>alert(1)</script>"),
        "content/img/chart.png",
        1,
        "the file is not a .png file",
    ),
    (
        "html-named-pdf",
        content_file("files/report.PDF", "<html>"),
        "content/files/report.PDF",
        1,
        "the file is not a .pdf file",
    ),
    ("content-symlink", content_symlink, "content/leak.md", 1, "symlinks are refused here"),
    (
        "content-symlinked-folder",
        content_symlinked_folder,
        "content/everything",
        1,
        "symlinks are refused here",
    ),
    (
        "page-in-the-claims-folder",
        content_file("claims/fake.md", "# A claim that is not one\n"),
        "content/claims/fake.md",
        1,
        "`content/claims/` is where the site's claim pages are generated",
    ),
    (
        "file-name-with-a-newline",
        content_file("img/a\n::error::x.png", PNG),
        "content/img/a\n::error::x.png",
        1,
        "the file name contains control characters",
    ),
    (
        "page-subtitle-markup",
        page('subtitle: "<img src=x onerror=alert(1)>"\n'),
        "content/about.md",
        2,
        "`subtitle` is plain text: the theme prints it as HTML, so < > are not allowed",
    ),
    (
        "page-description-breaks-the-attribute",
        page('description: x" onmouseover="alert(1)\n'),
        "content/about.md",
        2,
        '`description` is plain text: the theme prints it as HTML, so " are not allowed',
    ),
    (
        "page-tag-markup",
        page("tags:\n  - fine\n  - <b>bold</b>\n"),
        "content/about.md",
        4,
        "`tags` is plain text",
    ),
    (
        "page-unknown-key",
        page("title: About\ncolour: red\n"),
        "content/about.md",
        3,
        "unknown key `colour` in page front matter",
    ),
    (
        "page-template",
        page("template: 404.html\n"),
        "content/about.md",
        2,
        "a page cannot choose its theme template (`template:`)",
    ),
    (
        "page-icon-path",
        page("icon: ../../../../etc/passwd\n"),
        "content/about.md",
        2,
        "`icon` is the name of one of the theme's icons",
    ),
    (
        "page-icon-missing",
        page("icon: material/no-such-icon-anywhere\n"),
        "content/about.md",
        2,
        "the theme has no icon `material/no-such-icon-anywhere`",
    ),
    (
        "page-status-markup",
        page('status: "new x onclick=alert(1)"\n'),
        "content/about.md",
        2,
        "`status` is a lower-case word",
    ),
    (
        "page-hide-unknown",
        page("hide: [toc, everything]\n"),
        "content/about.md",
        2,
        "`hide` lists some of navigation, toc, footer, feedback, tags, path",
    ),
    (
        "page-search-unknown",
        page("search:\n  boost: lots\n"),
        "content/about.md",
        3,
        "`search: boost` is a number",
    ),
    (
        "page-front-matter-yaml",
        page("title: [unclosed\n"),
        "content/about.md",
        3,
        "invalid YAML",
    ),
    (
        "page-front-matter-python-tag",
        page("title: !!python/name:os.system\n"),
        "content/about.md",
        2,
        "tags (tag:yaml.org,2002:python/name:os.system) are not allowed",
    ),
    (
        "page-multimarkdown-meta",
        content_file("about.md", "subtitle: <img src=x onerror=alert(1)>\n\n# About\n"),
        "content/about.md",
        1,
        "`subtitle` is plain text",
    ),
    (
        "page-multimarkdown-unknown",
        content_file("about.md", "Note: this paragraph would vanish.\n\n# About\n"),
        "content/about.md",
        1,
        "unknown key `note` in the page's first lines (MkDocs reads `key: value` lines",
    ),
    (
        "page-title-direction-controls",
        page("title: The vote was \u202e0-071\u202c\n"),
        "content/about.md",
        2,
        "invisible direction controls (U+202C, U+202E)",
    ),
    (
        "page-not-utf8",
        content_file("about.md", b"# About\n\ncaf\xe9\n"),
        "content/about.md",
        3,
        "not UTF-8 (byte 0xe9)",
    ),
    (
        "page-binary",
        content_file("about.md", b"# About\n\x00"),
        "content/about.md",
        2,
        "binary file (contains NUL bytes)",
    ),
]

# Rules of fields rather than files: they hold in every field a contributor writes.
FIELD_CASES: list[tuple[str, Callable[[Path], None], str, int, str]] = [
    (
        "reserved-claim-id",
        lambda r: write(r, "claims/index.yaml", GOOD_CLAIM),
        "claims/index.yaml",
        1,
        "`index` is reserved for the site's own listing page: a claim with this id",
    ),
    (
        "reserved-source-id",
        lambda r: write(r, "content/sources/index.md", SOURCE),
        "content/sources/index.md",
        1,
        "`index` is reserved for the site's own listing page: a source with this id",
    ),
    (
        "reserved-readme-id",
        lambda r: write(r, "claims/readme.yaml", GOOD_CLAIM),
        "claims/readme.yaml",
        1,
        "`readme` is reserved",
    ),
    (
        "direction-controls-in-claim",
        claim(GOOD_CLAIM.replace("claim: Around 5,000", "claim: Around \u202e000,5\u202c")),
        "claims/bad.yaml",
        1,
        "invisible direction controls (U+202C, U+202E)",
    ),
    (
        "direction-isolate-in-notes",
        claim(GOOD_CLAIM + "notes: see \u2067this\u2069\n"),
        "claims/bad.yaml",
        6,
        "invisible direction controls (U+2067, U+2069)",
    ),
    (
        "direction-controls-in-a-key",
        claim(GOOD_CLAIM + "\u202enotes: x\n"),
        "claims/bad.yaml",
        6,
        "invisible direction controls (U+202E)",
    ),
    (
        "direction-controls-in-source-title",
        lambda r: write(
            r, "content/sources/wire.md", SOURCE.replace("Wire report", "Wire \u202dreport")
        ),
        "content/sources/wire.md",
        2,
        "invisible direction controls (U+202D)",
    ),
    (
        "escape-character-in-kind",
        claim(GOOD_CLAIM.replace("kind: quantity", 'kind: "quantity\\e[2J"')),
        "claims/bad.yaml",
        2,
        "control characters (U+001B): delete them",
    ),
    (
        "url-with-credentials",
        lambda r: write(
            r,
            "content/sources/wire.md",
            SOURCE.replace("title:", "url: https://user:pass@example.org/a\ntitle:"),
        ),
        "content/sources/wire.md",
        2,
        "must not carry a user name or password",
    ),
    (
        "url-with-impossible-port",
        lambda r: write(
            r,
            "content/sources/wire.md",
            SOURCE.replace("title:", "url: https://example.org:99999/a\ntitle:"),
        ),
        "content/sources/wire.md",
        2,
        "port is not a number from 1 to 65535",
    ),
    (
        "url-without-host",
        lambda r: write(
            r, "content/sources/wire.md", SOURCE.replace("title:", "url: https:///a\ntitle:")
        ),
        "content/sources/wire.md",
        2,
        "the address has no host",
    ),
    (
        "url-javascript",
        lambda r: write(
            r,
            "content/sources/wire.md",
            SOURCE.replace("title:", "url: javascript:alert(1)//https://x\ntitle:"),
        ),
        "content/sources/wire.md",
        2,
        "must start with http:// or https://",
    ),
]

CASES += CONTENT_CASES + FIELD_CASES


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path, "content/sources/wire.md", SOURCE)
    write(tmp_path, "claims/good.yaml", GOOD_CLAIM)
    return tmp_path


def test_the_fixture_repository_is_clean(repo: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--root", str(repo)])
    assert result.exit_code == 0, result.output
    assert result.output == "1 claim and 1 source checked: 0 errors, 0 warnings\n"


@pytest.mark.parametrize(
    ("case", "breaks", "file", "line", "message"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_input_is_reported_with_file_and_line(
    repo: Path, case: str, breaks: Callable[[Path], None], file: str, line: int, message: str
) -> None:
    breaks(repo)
    result = CliRunner().invoke(main, ["check", "--root", str(repo), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    problems = json.loads(result.output)["problems"]
    matching = [p for p in problems if p["file"] == file and message in p["message"]]
    assert matching, f"no problem with {message!r} in {file}; got {problems}"
    assert matching[0]["line"] == line, matching[0]
    assert matching[0]["severity"] == "error"


def test_catalogue_is_at_least_twenty_cases() -> None:
    assert len(CASES) >= 20


def test_a_claim_in_a_subfolder_is_not_silently_ignored(repo: Path) -> None:
    write(repo, "claims/drafts/troops.yaml", GOOD_CLAIM)
    result = CliRunner().invoke(main, ["check", "--root", str(repo)])
    assert result.exit_code == 0  # a warning, not an error
    assert result.output.startswith(
        "claims/drafts:1:1: warning: folder `claims/drafts` is not read: put each file "
        "directly in `claims/`\n"
    )
    assert result.output.endswith("1 claim and 1 source checked: 0 errors, 1 warning\n")


def test_all_problems_are_reported_in_one_run(repo: Path) -> None:
    write(repo, "claims/one.yaml", GOOD_CLAIM.replace("kind: quantity", "kind: quantty"))
    write(repo, "claims/two.yaml", GOOD_CLAIM.replace("source: wire", "source: nowhere"))
    write(repo, "claims/three.yaml", GOOD_CLAIM + "colour: red\n")
    result = CliRunner().invoke(main, ["check", "--root", str(repo), "--format", "json"])
    files = {p["file"] for p in json.loads(result.output)["problems"]}
    assert files == {"claims/one.yaml", "claims/two.yaml", "claims/three.yaml"}


def test_a_long_excerpt_that_is_not_found_gets_a_short_message(repo: Path) -> None:
    # At the excerpt limit (2,000 characters): longer is refused before any search.
    rambling = " ".join(["troops", "left", "Iraq", "around"] * 83)
    write(
        repo,
        "claims/long.yaml",
        GOOD_CLAIM.replace("Around 5,000 US troops are left in Iraq", rambling),
    )
    result = CliRunner().invoke(main, ["check", "--root", str(repo), "--format", "json"])
    [problem] = [p for p in json.loads(result.output)["problems"] if "not found" in p["message"]]
    assert problem["file"] == "claims/long.yaml"
    assert len(problem["message"]) < 600
    assert "more words" in problem["message"]


# --- one gate: `factcheck check` and `mkdocs build` refuse exactly the same inputs -------

MKDOCS_YML = "site_name: Bad inputs\ndocs_dir: content\nplugins:\n  - factcheck\n"

# Unusual but acceptable: both must let these through, or the comparison proves nothing.
GOOD_VARIANTS: list[tuple[str, Callable[[Path], None]]] = [
    ("unchanged", lambda root: None),
    (
        "static-files",
        lambda root: _write_all(
            root,
            {
                "img/chart.png": PNG,
                "files/report.pdf": b"%PDF-1.7\n",
                "fonts/serif.woff2": b"wOF2\x00\x01",
                "data/figures.csv": "a,b\n1,2\n",
                "CNAME": "factcheck.example.org\n",
                ".drafts/notes.html": "<script>left out by MkDocs</script>",
            },
        ),
    ),
    (
        "page-front-matter",
        page(
            "title: About the desk\ndescription: Who we are & how we work\n"
            "icon: material/information-outline\nstatus: new\nhide: [toc]\n"
            "search:\n  boost: 2\ntags: [about]\n"
        ),
    ),
    (
        "source-url",
        lambda r: write(
            r,
            "content/sources/wire.md",
            SOURCE.replace("title:", "url: https://example.org:8443/story?id=1\ntitle:"),
        ),
    ),
    ("rtl-marks", claim(GOOD_CLAIM + "notes: \u200fمقتدى الصدر\u200e said so\n")),
]


def error_lines(text: str) -> set[str]:
    return {line for line in text.splitlines() if ": error: " in line}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("case", "breaks"),
    [(c[0], c[1]) for c in CASES] + GOOD_VARIANTS,
    ids=[c[0] for c in CASES] + [g[0] for g in GOOD_VARIANTS],
)
def test_check_and_build_refuse_the_same_inputs(
    repo: Path,
    tmp_path_factory: pytest.TempPathFactory,
    caplog: pytest.LogCaptureFixture,
    case: str,
    breaks: Callable[[Path], None],
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    breaks(repo)
    checked = CliRunner().invoke(main, ["check", "--root", str(repo)])
    write(repo, "mkdocs.yml", MKDOCS_YML)
    config = load_config(
        str(repo / "mkdocs.yml"), strict=True, site_dir=str(tmp_path_factory.mktemp("site"))
    )
    with caplog.at_level("WARNING", logger="mkdocs"):
        try:
            build(config)
            built = True
        except Abort:
            built = False
    log = "\n".join(r.getMessage() for r in caplog.records)
    assert (checked.exit_code == 0) == built, f"check:\n{checked.output}\nbuild:\n{log}"
    assert error_lines(checked.output) == error_lines(log)
    if case in {g[0] for g in GOOD_VARIANTS}:
        assert built, log
