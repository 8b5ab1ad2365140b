"""`factcheck new`: claims whose excerpt is verified before they are written, and sources
read from a file or standard input; what `new` writes, `check` accepts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (
    "The council met on Tuesday.\n\n"
    "Around 300 people attended, and the motion passed 12-3 after a long debate.\n"
)


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def pub(tmp_path: Path) -> Path:
    root = tmp_path / "pub"
    root.mkdir()
    for folder in ("claims", "content"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


def test_new_claim_round_trips_into_check(pub: Path) -> None:
    code, out, err = invoke(
        "new", "claim", "troops-alwaght", "--root", str(pub), "--source", "alwaght",
        "--excerpt", "who number around 5,200", "--claim", "About 5,200 US troops were in Iraq.",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == (
        f"wrote {pub / 'claims/troops-alwaght.yaml'}\nthe engine reads quantity: about 5,200\n"
    )
    assert (pub / "claims/troops-alwaght.yaml").read_text("utf-8") == (
        "# yaml-language-server: $schema=../schema/claim.json\n"
        "claim: About 5,200 US troops were in Iraq.\n"
        "kind: quantity\n"
        "evidence:\n"
        "  - source: alwaght\n"
        "    excerpt: who number around 5,200\n"
        "    # the engine reads: about 5,200\n"
    )
    code, out, _ = invoke("check", "--root", str(pub))
    assert code == 0
    assert out == "26 claims and 5 sources checked: 0 errors, 0 warnings\n"


@pytest.mark.parametrize(
    ("excerpt", "kind"),
    [
        ("the Iraqi parliament voted 170-0", "tally"),
        ("who number around 5,200", "quantity"),
    ],
)
def test_the_kind_is_what_the_engine_reads(pub: Path, excerpt: str, kind: str) -> None:
    source = "million-man-march-call" if "170-0" in excerpt else "alwaght"
    code, out, _ = invoke(
        "new", "claim", "c", "--root", str(pub), "--source", source, "--excerpt", excerpt
    )
    assert code == 0, out
    assert f"\nkind: {kind}\n" in (pub / "claims/c.yaml").read_text("utf-8")
    assert invoke("check", "--root", str(pub))[0] == 0


def test_a_figure_the_engine_cannot_settle_alone_keeps_its_kind_and_says_what_to_add(
    pub: Path,
) -> None:
    code, out, _ = invoke(
        "new", "claim", "vote-day", "--root", str(pub), "--source", "alwaght",
        "--excerpt", "On January 5, the parliament voted", "--claim", "The vote was on January 5.",
    )  # fmt: skip
    assert code == 0
    assert out == (
        f"wrote {pub / 'claims/vote-day.yaml'}\n"
        "note: the excerpt's date “January 5” has no year and the source has no `published` "
        "date: give the full date in `value:` together with `derivation:` saying how you know it "
        "(e.g. `value: 2020-01-05` and `derivation: the article is dated 2 January 2020`), or "
        "add `published` to the source. Add `value:` to claims/vote-day.yaml.\n"
    )
    assert "\nkind: date\n" in (pub / "claims/vote-day.yaml").read_text("utf-8")
    code, out, _ = invoke("check", "--root", str(pub))
    assert code == 1
    assert "claims/vote-day.yaml:6:14: error: the excerpt's date “January 5” has no year" in out


def test_a_passage_with_no_figure_and_no_quotation_marks_is_a_text_claim(pub: Path) -> None:
    code, out, _ = invoke(
        "new", "claim", "bloc", "--root", str(pub), "--source", "alwaght",
        "--excerpt", "Sadr, who leads the largest parliamentary bloc, Sairoon", "--claim", "x",
    )  # fmt: skip
    assert code == 0
    assert "\nkind: text\n" in (pub / "claims/bloc.yaml").read_text("utf-8")
    assert "note: a `text` claim needs `value:`" in out


def test_a_given_kind_is_kept_and_quoted_text_stays_exact(pub: Path) -> None:
    excerpt = "“The skies, land, and sovereignty of Iraq are being violated every day"
    code, _, err = invoke(
        "new", "claim", "skies", "--root", str(pub), "--source", "alwaght",
        "--excerpt", excerpt, "--kind", "quote", "--claim", 'Sadr: "the skies" # are violated',
    )  # fmt: skip
    assert code == 0, err
    text = (pub / "claims/skies.yaml").read_text("utf-8")
    assert 'claim: "Sadr: \\"the skies\\" # are violated"\n' in text
    assert f'    excerpt: "{excerpt}"\n' in text
    assert invoke("check", "--root", str(pub))[0] == 0


def test_an_excerpt_not_in_the_source_is_refused_with_the_nearest_passage(pub: Path) -> None:
    code, out, err = invoke(
        "new", "claim", "c", "--root", str(pub), "--source", "alwaght",
        "--excerpt", "who number about 5,200",
    )  # fmt: skip
    assert code == 1
    assert out == ""
    assert err == (
        "claims/c.yaml:6:14: error: excerpt not found in source `alwaght`; the nearest passage "
        "(content/sources/alwaght.md:21, 75% similar) is “who number around 5,200”; the excerpt "
        "has “about”; the source has “around”\n"
        "factcheck: nothing written\n"
    )
    assert not (pub / "claims/c.yaml").exists()


def test_new_claim_refusals(pub: Path) -> None:
    code, _, err = invoke(
        "new", "claim", "c", "--root", str(pub), "--source", "alwagt", "--excerpt", "x"
    )
    assert code == 1
    assert err.startswith(
        "content/sources/alwagt.md:1:1: error: no source `alwagt` loads from content/sources/; "
        "did you mean `alwaght`?\n"
    )
    code, _, err = invoke(
        "new", "claim", "Bad_Id", "--root", str(pub), "--source", "alwaght", "--excerpt", "x"
    )
    assert code == 1
    assert "`Bad_Id` is not a claim id: use a lower-case slug" in err
    before = (pub / "claims/us-troops-in-iraq.yaml").read_text("utf-8")
    code, _, err = invoke(
        "new", "claim", "us-troops-in-iraq", "--root", str(pub), "--source", "alwaght",
        "--excerpt", "who number around 5,200",
    )  # fmt: skip
    assert code == 1
    assert "claims/us-troops-in-iraq.yaml exists: not overwritten" in err
    assert (pub / "claims/us-troops-in-iraq.yaml").read_text("utf-8") == before


def test_new_source_from_stdin_then_a_claim_citing_it(pub: Path) -> None:
    code, out, err = invoke(
        "new", "source", "council", "--root", str(pub), "--title", "Council: motion passes",
        "--outlet", "Gazette", "--url", "https://example.org/council", "--published",
        "2020-01-14", "--language", "en", stdin=ARTICLE,
    )  # fmt: skip
    assert (code, err) == (0, ""), err
    assert out == f"wrote {pub / 'content/sources/council.md'}\n"
    assert (pub / "content/sources/council.md").read_text("utf-8") == (
        '---\ntitle: "Council: motion passes"\n'
        "outlet: Gazette\n"
        'url: "https://example.org/council"\n'
        'published: "2020-01-14"\n'
        "language: en\n"
        "---\n\n" + ARTICLE
    )
    code, _, err = invoke(
        "new", "claim", "motion-vote", "--root", str(pub), "--source", "council",
        "--excerpt", "the motion passed 12-3", "--claim", "The motion passed 12-3.",
    )  # fmt: skip
    assert code == 0, err
    assert "\nkind: tally\n" in (pub / "claims/motion-vote.yaml").read_text("utf-8")
    code, out, _ = invoke("check", "--root", str(pub))
    assert code == 0
    assert out == "26 claims and 6 sources checked: 0 errors, 0 warnings\n"


def test_new_source_from_a_file(pub: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, "utf-8")
    code, _, err = invoke(
        "new", "source", "council", "--root", str(pub), "--title", "Council", str(article)
    )
    assert code == 0, err
    assert (pub / "content/sources/council.md").read_text("utf-8") == (
        f"---\ntitle: Council\n---\n\n{ARTICLE}"
    )


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (
            ["--published", "2020-02-30"],
            ARTICLE,
            "content/sources/council.md:3:12: error: `published` must be a date written "
            "YYYY-MM-DD, not `2020-02-30`",
        ),
        (
            ["--url", "javascript:alert(1)"],
            ARTICLE,
            "content/sources/council.md:3:6: error: `url` `javascript:alert(1)` is refused: the "
            "address must start with http:// or https://",
        ),
        ([], "  \n", "content/sources/council.md:4:1: error: the article text is empty"),
    ],
)
def test_new_source_refuses_bad_metadata(
    pub: Path, args: list[str], stdin: str, message: str
) -> None:
    code, _, err = invoke(
        "new", "source", "council", "--root", str(pub), "--title", "Council", *args, stdin=stdin
    )
    assert code == 1
    assert err.startswith(message), err
    assert err.endswith("factcheck: nothing written\n")
    assert not (pub / "content/sources/council.md").exists()


def test_new_source_never_overwrites(pub: Path) -> None:
    before = (pub / "content/sources/alwaght.md").read_text("utf-8")
    code, _, err = invoke(
        "new", "source", "alwaght", "--root", str(pub), "--title", "X", stdin=ARTICLE
    )
    assert code == 1
    assert "content/sources/alwaght.md exists: not overwritten" in err
    assert (pub / "content/sources/alwaght.md").read_text("utf-8") == before
