"""The engine's safety gate (generator.gate, generator.textrules): what it lets through
matters as much as what it refuses, since a publication must still build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import engine
from generator.files import MAX_FILE_BYTES, TextFile, read_text
from generator.gate import check_page, is_refused
from generator.model import Problem
from generator.textrules import check_scalars, web_url_problem
from generator.yamlsafe import parse

SOURCE = "---\ntitle: Wire report\n---\nAround 5,000 US troops are left in Iraq.\n"
CLAIM = """\
claim: Around 5,000 US troops were in Iraq.
kind: quantity
evidence:
  - source: wire
    excerpt: Around 5,000 US troops are left in Iraq
"""

ALLOWED_FILES: dict[str, bytes] = {
    "img/chart.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "img/photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF",
    "img/photo.JPEG": b"\xff\xd8\xff\xdb",
    "img/anim.gif": b"GIF89a\x01\x00",
    "img/pic.webp": b"RIFF\x24\x00\x00\x00WEBPVP8 ",
    "img/pic.avif": b"\x00\x00\x00\x1cftypavif\x00\x00",
    "favicon.ico": b"\x00\x00\x01\x00\x01\x00",
    "files/report.pdf": b"%PDF-1.7\n",
    "fonts/a.woff": b"wOFF\x00\x01",
    "fonts/a.woff2": b"wOF2\x00\x01",
    "fonts/a.ttf": b"\x00\x01\x00\x00\x00\x10",
    "fonts/a.otf": b"OTTO\x00\x10",
    "data/figures.csv": b"a,b\n1,2\n",
    "robots.txt": b"User-agent: *\n",
    "CNAME": b"factcheck.example.org\n",
    ".nojekyll": b"",
    ".drafts/page.html": b"<script>not published: MkDocs leaves dot-folders out</script>",
    "about.md": (
        b"---\n"
        b"title: About the desk\n"
        b"description: Who we are & how we work\n"
        b"subtitle: The team\n"
        b"author: Newsdesk\n"
        b"icon: material/information-outline\n"
        b"status: new\n"
        b"hide: [toc, navigation]\n"
        b"search:\n  boost: 2\n"
        b"tags: [about, team]\n"
        b"---\n# About\n\nA paragraph: with a colon is not metadata.\n"
    ),
    "methodology.md": b"\n# Methodology\n\nNote: after a blank line this is text.\n",
    "drafts/excluded.md": b"---\nsearch: {exclude: true}\nhide: footer\n---\n# Draft\n",
    "legacy.md": b"status: deprecated\ntitle: Legacy\n    page\n\n# Legacy\n",
}


def make_repo(root: Path, extra: dict[str, bytes]) -> Path:
    for rel, data in {
        "claims/troops.yaml": CLAIM.encode(),
        "content/sources/wire.md": SOURCE.encode(),
        **{f"content/{k}": v for k, v in extra.items()},
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


def test_every_allowed_kind_of_file_passes(tmp_path: Path) -> None:
    pub = engine.check(make_repo(tmp_path, ALLOWED_FILES))
    assert pub.problems == []
    assert pub.refused == ()


def test_refused_files_are_listed_for_the_site_to_leave_out(tmp_path: Path) -> None:
    make_repo(
        tmp_path,
        {
            "page.svg": b"<svg onload=alert(1)>",
            "about.md": b"---\nsubtitle: <b>x</b>\n---\n# About\n",
            "ok.png": ALLOWED_FILES["img/chart.png"],
            "claims/fake.md": b"# Fake\n",
        },
    )
    (tmp_path / "secret").mkdir()
    os.symlink(tmp_path / "secret", tmp_path / "content" / "linked")
    os.symlink(tmp_path / "secret", tmp_path / "claims" / "linked.yaml")
    pub = engine.check(tmp_path)
    assert pub.refused == (
        "claims/linked.yaml",
        "content/about.md",
        "content/claims/fake.md",
        "content/linked",
        "content/page.svg",
    )
    assert is_refused("content/linked/anything.png", pub.refused)
    assert not is_refused("content/ok.png", pub.refused)
    # One problem per refused path, the loader's own report for the claim symlink kept.
    assert sorted(p.file for p in pub.errors) == list(pub.refused)
    [claim_link] = [p for p in pub.errors if p.file == "claims/linked.yaml"]
    assert claim_link.message == "a claim is a symlink: refused; commit a real file"


def test_a_docs_folder_elsewhere_is_checked_where_it_is(tmp_path: Path) -> None:
    make_repo(tmp_path, {})
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "x.html").write_text("<script></script>", "utf-8")
    assert engine.check(tmp_path).problems == []
    [problem] = engine.check(tmp_path, docs_dir="docs").problems
    assert problem.file == "docs/x.html"
    assert "`.html` files are not published from `docs/`" in problem.message


def page_problems(text: str) -> list[tuple[int, int, str]]:
    problems: list[Problem] = []
    check_page(TextFile("p", "content/p.md", text), problems)
    return [(p.line, p.column, p.message) for p in problems]


def test_front_matter_problems_point_at_the_value() -> None:
    assert page_problems('---\ntitle: ok\nsubtitle: "<i>x</i>"\n---\n') == [
        (
            3,
            11,
            "`subtitle` is plain text: the theme prints it as HTML, so < > are not allowed "
            "(write “curly quotes”, or the words)",
        )
    ]
    assert page_problems("---\ntitel: x\n---\n") == [
        (
            2,
            1,
            "unknown key `titel` in page front matter; did you mean `title`? (allowed: "
            "title, description, subtitle, author, icon, status, hide, search, tags)",
        )
    ]


def test_front_matter_is_found_where_mkdocs_finds_it() -> None:
    # No closing line: MkDocs reads no front matter, and neither does the gate.
    assert page_problems("---\ntemplate: x.html\n\n# Page\n") == []
    # A `...` line closes it too.
    assert page_problems("---\ntemplate: x.html\n...\n# Page\n")[0][:2] == (2, 1)
    # MultiMarkdown continuation lines belong to the key above them.
    assert page_problems("title: a\n    <b>b</b>\n\n# Page\n")[0][:2] == (1, 8)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("claim: a\u202eb\n", 1, 9),
        ('claim: "a\u202eb"\n', 1, 10),
        ("claim: |\n  one\n  two\u2066\n", 1, 8),  # a block: at its start
        ("tags: [a, \u202ab]\n", 1, 11),
        ('"\u202enotes": x\n', 1, 2),
    ],
)
def test_hidden_characters_are_found_in_every_scalar(text: str, line: int, column: int) -> None:
    problems: list[Problem] = []
    assert check_scalars("f.yaml", parse(text), problems) == 1
    assert (problems[0].line, problems[0].column) == (line, column)


def test_marks_that_right_to_left_names_need_are_allowed() -> None:
    problems: list[Problem] = []
    assert check_scalars("f.yaml", parse("claim: \u200fمقتدى\u200e al-Sadr\u061c\n"), problems) == 0


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("https://example.org/story?id=1#p2", None),
        ("http://example.org:8080/a", None),
        ("https://xn--mgbh0fb.example/a", None),
        ("https://موقع.example/مقال", None),
        ("https://[2001:db8::1]/a", None),
        ("https://user:pass@example.org/", "user name or password"),
        ("https://good.example@evil.example/", "user name or password"),
        ("https://example.org:0/", "port must be a number from 1 to 65535"),
        ("https://example.org:99999/", "port is not a number"),
        ("https://example.org:http/", "port is not a number"),
        ("https:///path", "no host"),
        ("javascript:alert(1)", "must start with http:// or https://"),
        ("data:text/html,<script>", "must start with http"),
        ("//example.org/a", "must start with http"),
        ("https://exa mple.org/", "no spaces"),
        ("https://example.org/\u202ea", "invisible"),
        ("https://evil.example\\@good.example/", "user name or password"),
        ("https://ex_ample.org/", "is not a host name"),
        ("https://-bad.org/", "is not a host name"),
    ],
)
def test_web_urls(url: str, why: str | None) -> None:
    got = web_url_problem(url)
    if why is None:
        assert got is None
    else:
        assert got is not None and why in got


@pytest.mark.parametrize(
    ("size", "message"),
    [
        (0, None),
        (MAX_FILE_BYTES, None),
        (MAX_FILE_BYTES + 1, f"file is {MAX_FILE_BYTES + 1:,} bytes; the limit is 2 MB"),
        (3 * MAX_FILE_BYTES, f"file is {3 * MAX_FILE_BYTES:,} bytes; the limit is 2 MB"),
    ],
)
def test_a_file_is_read_whole_up_to_the_limit_and_refused_past_it(
    size: int, message: str | None, tmp_path: Path
) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a" * size)
    problems: list[Problem] = []
    text = read_text(path, "claims/big.yaml", problems)
    if message is None:
        assert (text, problems) == ("a" * size, [])
    else:
        assert text is None
        assert problems == [Problem("claims/big.yaml", 1, 1, "error", message)]
