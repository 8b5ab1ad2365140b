"""Suspect claims: `factcheck review` stamps fingerprints, `check` warns when the text
around a cited passage changes, in a full or a shallow clone alike."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_bad_inputs import SOURCE, write

from generator.cli import main
from generator.engine import check

ROOT = Path(__file__).resolve().parent.parent
# A sentence of Alwaght's that no claim cites, between cited ones.
SENTENCE = "without giving any location or date for the rally"
CHANGED = "without giving a location or a date for the rally"
# The claims citing the sentences either side of it.
NEIGHBOURS = [
    ("claims/airport-strike-place.yaml", 15, "before"),
    ("claims/parliament-vote-170-0.yaml", 10, "before"),
    ("claims/parliament-vote-date.yaml", 7, "before"),
    ("claims/people-killed-with-soleimani.yaml", 8, "before"),
    ("claims/skies-land-sovereignty-quote.yaml", 16, "after"),
]


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def problems(root: Path) -> list[dict[str, object]]:
    _, out = invoke("check", "--root", str(root), "--format", "json")
    return list(json.loads(out)["problems"])


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


@pytest.fixture
def reviewed(tmp_path: Path) -> Path:
    root = tmp_path / "pub"
    root.mkdir()
    for folder in ("claims", "content"):
        shutil.copytree(ROOT / folder, root / folder)
    code, out = invoke("review", "--root", str(root), "--all")
    assert code == 0, out
    assert "claims/us-troops-in-iraq.yaml: 2 fingerprints written\n" in out
    assert problems(root) == []
    return root


def test_review_only_adds_fingerprint_lines(reviewed: Path) -> None:
    for original in sorted((ROOT / "claims").glob("*.yaml")):
        before = original.read_text("utf-8").splitlines()
        after = (reviewed / "claims" / original.name).read_text("utf-8").splitlines()
        added = [line for line in after if line not in before]
        assert [line for line in after if line not in added] == before
        assert added and all(line.startswith("    fingerprint: ") for line in added)


def test_a_changed_sentence_next_to_cited_passages_makes_exactly_their_claims_suspect(
    reviewed: Path,
) -> None:
    edit(reviewed / "content/sources/alwaght.md", SENTENCE, CHANGED)
    found = problems(reviewed)
    assert [(p["file"], p["line"], p["severity"]) for p in found] == [
        (file, line, "warning") for file, line, _ in NEIGHBOURS
    ]
    for p, (file, _, side) in zip(found, NEIGHBOURS, strict=True):
        claim_id = Path(file).stem
        assert str(p["message"]).startswith(
            f"claim `{claim_id}` needs re-review: in source `alwaght`, the text {side} the "
            "cited passage changed since it was reviewed; it now reads “"
        )
        # A long window is clipped to its end, nearest the passage; the short ones show
        # the changed words themselves.
        if claim_id != "airport-strike-place":
            assert CHANGED in str(p["message"])
        assert str(p["message"]).endswith(f"then run `factcheck review {file}`")
    code, out = invoke("check", "--root", str(reviewed))
    assert code == 0  # warnings only
    assert out.endswith("25 claims and 5 sources checked: 0 errors, 5 warnings\n")
    # The model says so too, for the site's "under re-review" mark.
    pub = check(reviewed)
    suspect = sorted(c.file for c in pub.claims if c.under_re_review)
    assert suspect == [file for file, _, _ in NEIGHBOURS]
    troops = next(c for c in pub.claims if c.id == "skies-land-sovereignty-quote")
    alwaght = [e for e in troops.evidence if e.is_suspect]
    assert [e.source_id for e in alwaght] == ["alwaght"]
    assert alwaght[0].suspect is not None and alwaght[0].suspect.sides == ("after",)


def test_review_clears_the_warnings_and_rewrites_only_those_claims(reviewed: Path) -> None:
    edit(reviewed / "content/sources/alwaght.md", SENTENCE, CHANGED)
    before = {p.name: p.read_text("utf-8") for p in (reviewed / "claims").glob("*.yaml")}
    files = [file for file, _, _ in NEIGHBOURS]
    code, out = invoke("review", "--root", str(reviewed), *(str(reviewed / f) for f in files))
    assert code == 0
    assert out == "".join(f"{f}: 1 fingerprint written\n" for f in files)
    assert problems(reviewed) == []
    after = {p.name: p.read_text("utf-8") for p in (reviewed / "claims").glob("*.yaml")}
    assert sorted(n for n in after if after[n] != before[n]) == [Path(f).name for f in files]
    # Reviewing again changes nothing.
    code, out = invoke("review", "--root", str(reviewed), "--all")
    assert code == 0
    assert out.count(": up to date\n") == 25


def test_rewrapping_or_retyping_quotes_is_not_a_change(reviewed: Path) -> None:
    source = reviewed / "content/sources/alwaght.md"
    text = source.read_text("utf-8")
    source.write_text(
        text.replace(", said in a tweet", ",\nsaid in a tweet").replace("“The skies", '"The skies'),
        "utf-8",
    )
    assert problems(reviewed) == []


def test_a_change_inside_an_omission_is_a_change_of_the_passage(tmp_path: Path) -> None:
    write(tmp_path, "content/sources/wire.md", SOURCE)
    write(
        tmp_path,
        "claims/vote.yaml",
        "claim: The vote was 170-0.\nkind: tally\nevidence:\n  - source: wire\n"
        "    excerpt: The parliament voted 170-0 ... fighters were killed\n",
    )
    assert invoke("review", "--root", str(tmp_path), "--all")[0] == 0
    edit(tmp_path / "content/sources/wire.md", "after 25 fighters", "after some 25 fighters")
    [p] = problems(tmp_path)
    assert p["message"] == (
        "claim `vote` needs re-review: in source `wire`, the cited passage (its omitted parts) "
        "changed since it was reviewed; it now reads “The parliament voted 170-0 on January 5, "
        "after some 25 fighters were killed”. Check the claim against it, then run "
        "`factcheck review claims/vote.yaml`"
    )


LAYOUT = """\
# A comment at the top.
claim: The vote was 170-0.   # trailing comment
kind: tally

evidence:
  # The first piece of evidence.
  - source: wire
    excerpt: >-
      The parliament voted
      170-0 on January 5
    # a comment after the block scalar
  - {source: wire, excerpt: "The parliament voted 170-0"}
  -   source: wire
      excerpt: voted 170-0   # the shortest
      fingerprint: 00000000-00000000-00000000   # stale
notes: |
  Kept as it is.
"""


def test_review_keeps_comments_and_layout(tmp_path: Path) -> None:
    write(tmp_path, "content/sources/wire.md", SOURCE)
    write(tmp_path, "claims/vote.yaml", LAYOUT)
    code, out = invoke("review", "--root", str(tmp_path), "claims/vote.yaml")
    assert code == 0, out
    text = (tmp_path / "claims/vote.yaml").read_text("utf-8")
    pub = check(tmp_path)
    stamps = [e.fingerprint for e in pub.claims[0].evidence]
    assert all(stamps) and pub.problems == []
    assert text == (
        LAYOUT.replace(
            "      170-0 on January 5\n",
            f"      170-0 on January 5\n    fingerprint: {stamps[0]}\n",
        )
        .replace(
            '"The parliament voted 170-0"}',
            f'"The parliament voted 170-0", fingerprint: {stamps[1]}}}',
        )
        .replace("00000000-00000000-00000000", str(stamps[2]))
    )
    assert out == "claims/vote.yaml: 3 fingerprints written\n"


def test_review_refuses_claims_with_errors_and_unknown_files(tmp_path: Path) -> None:
    write(tmp_path, "content/sources/wire.md", SOURCE)
    write(
        tmp_path,
        "claims/bad.yaml",
        "claim: x\nkind: tally\nevidence:\n  - source: wire\n    excerpt: voted 171-0\n",
    )
    code, out = invoke("review", "--root", str(tmp_path), "--all")
    assert code == 1
    assert "claims/bad.yaml:5:14: error: excerpt not found in source `wire`" in out
    assert "claims/bad.yaml:1:1: error: not reviewed: fix the errors above first" in out
    assert (tmp_path / "claims/bad.yaml").read_text("utf-8").count("fingerprint") == 0
    code, out = invoke("review", "--root", str(tmp_path), str(tmp_path / "claims/none.yaml"))
    assert code == 1
    assert "claims/none.yaml:1:1: error: cannot review `claims/none.yaml`: no such file" in out
    assert invoke("review", "--root", str(tmp_path))[0] == 2
    assert invoke("review", "--root", str(tmp_path), "--all", "claims/bad.yaml")[0] == 2


def test_a_hand_written_fingerprint_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "content/sources/wire.md", SOURCE)
    write(
        tmp_path,
        "claims/vote.yaml",
        "claim: x\nkind: tally\nevidence:\n  - source: wire\n    excerpt: voted 170-0\n"
        "    fingerprint: looks fine to me\n",
    )
    [p] = problems(tmp_path)
    assert (p["line"], p["column"], p["severity"]) == (6, 18, "error")
    assert p["message"] == (
        "`fingerprint` is written by `factcheck review`, not by hand: delete it and run "
        "`factcheck review` on this claim"
    )


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_a_shallow_clone_warns_the_same(reviewed: Path, tmp_path: Path) -> None:
    git(reviewed, "init", "--quiet", "--initial-branch=main")
    git(reviewed, "add", "-A")
    git(reviewed, "commit", "--quiet", "-m", "reviewed")
    edit(reviewed / "content/sources/alwaght.md", SENTENCE, CHANGED)
    git(reviewed, "commit", "--quiet", "-am", "re-archived")
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{reviewed}", "shallow")
    shallow = tmp_path / "shallow"
    assert git(shallow, "rev-parse", "--is-shallow-repository").strip() == "true"
    assert problems(shallow) == problems(reviewed)
    assert len(problems(shallow)) == len(NEIGHBOURS)
    assert invoke("review", "--root", str(shallow), "--all")[0] == 0
    assert problems(shallow) == []
