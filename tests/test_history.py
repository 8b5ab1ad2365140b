"""Review dates from git: first published, last updated, by whom; `reviewed:` overrides;
no history means unknown, never an error."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.history import Review, review_of, reviews_of

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(repo: Path, *args: str, author: str = "A", when: str = "2020-01-01T12:00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": f"{author.split()[0].lower()}@example.org",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": f"{author.split()[0].lower()}@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "pub"
    (root / "claims").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    claim = root / "claims" / "vote.yaml"
    claim.write_text("claim: The vote was 170-0.\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Add vote", author="Ann Editor", when="2020-01-10T09:00:00")
    (root / "claims" / "other.yaml").write_text("claim: Other.\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Unrelated", author="Carl Other", when="2020-02-01T09:00:00")
    claim.write_text("claim: The vote was 170 to 0.\n", encoding="utf-8")
    git(root, "commit", "-qam", "Reword", author="Bob Checker", when="2020-03-15T09:00:00")
    return root


def test_first_and_last_commit_date_the_review(repo: Path) -> None:
    assert review_of(repo / "claims" / "vote.yaml") == Review(
        dt.date(2020, 1, 10), dt.date(2020, 3, 15), ("Ann Editor", "Bob Checker")
    )


def test_history_follows_a_renamed_claim(repo: Path) -> None:
    git(repo, "mv", "claims/vote.yaml", "claims/parliament-vote.yaml")
    git(repo, "commit", "-qm", "Rename", author="Dee Desk", when="2020-04-01T09:00:00")
    review = review_of(repo / "claims" / "parliament-vote.yaml")
    assert (review.published, review.updated) == (dt.date(2020, 1, 10), dt.date(2020, 4, 1))
    assert review.authors == ("Ann Editor", "Bob Checker", "Dee Desk")


def test_reviewed_overrides_the_first_published_date(repo: Path) -> None:
    review = review_of(repo / "claims" / "vote.yaml", reviewed=dt.date(2019, 12, 31))
    assert (review.published, review.updated) == (dt.date(2019, 12, 31), dt.date(2020, 3, 15))


def test_a_shallow_clone_does_not_pretend_to_know_the_first_date(
    repo: Path, tmp_path: Path
) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)],
        check=True,
        capture_output=True,
    )
    review = review_of(clone / "claims" / "vote.yaml")
    assert (review.published, review.updated) == (None, dt.date(2020, 3, 15))
    review = review_of(clone / "claims" / "vote.yaml", reviewed=dt.date(2020, 1, 10))
    assert (review.published, review.updated) == (dt.date(2020, 1, 10), dt.date(2020, 3, 15))


def test_no_history_is_unknown_not_an_error(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uncommitted = repo / "claims" / "new.yaml"
    uncommitted.write_text("claim: New.\n", encoding="utf-8")
    assert review_of(uncommitted) == Review(None, None, ())
    assert review_of(uncommitted, dt.date(2020, 5, 1)) == Review(
        dt.date(2020, 5, 1), dt.date(2020, 5, 1), ()
    )
    loose = tmp_path / "no-repo" / "claim.yaml"
    loose.parent.mkdir()
    loose.write_text("claim: Loose.\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert review_of(loose) == Review(None, None, ())
    assert review_of(tmp_path / "missing.yaml") == Review(None, None, ())
    monkeypatch.setenv("PATH", str(tmp_path / "empty-path"))  # no git at all
    assert review_of(repo / "claims" / "vote.yaml") == Review(None, None, ())


def test_one_git_log_gives_every_claim_the_review_review_of_gives(repo: Path) -> None:
    git(repo, "mv", "claims/vote.yaml", "claims/parliament-vote.yaml")
    git(repo, "commit", "-qm", "Rename", author="Dee Desk", when="2020-04-01T09:00:00")
    (repo / "claims" / "new.yaml").write_text("claim: New.\n", encoding="utf-8")  # uncommitted
    files = {
        "claims/parliament-vote.yaml": None,
        "claims/other.yaml": dt.date(2020, 1, 20),
        "claims/new.yaml": None,
    }
    reviews = reviews_of(repo, files)
    assert reviews == {path: review_of(repo / path, when) for path, when in files.items()}
    assert reviews["claims/parliament-vote.yaml"] == Review(
        dt.date(2020, 1, 10), dt.date(2020, 4, 1), ("Ann Editor", "Bob Checker", "Dee Desk")
    )
    assert reviews["claims/other.yaml"] == Review(
        dt.date(2020, 1, 20), dt.date(2020, 2, 1), ("Carl Other",)
    )
    assert reviews["claims/new.yaml"] == Review(None, None, ())


def test_the_batch_reads_a_publication_in_a_subfolder_and_a_shallow_clone(
    repo: Path, tmp_path: Path
) -> None:
    top = tmp_path / "top"
    top.mkdir()
    git(top, "init", "-q", "-b", "main")
    shutil.copytree(repo / "claims", top / "site" / "claims")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "Import", author="Eve Import", when="2021-06-01T09:00:00")
    assert reviews_of(top / "site", {"claims/vote.yaml": None}) == {
        "claims/vote.yaml": Review(dt.date(2021, 6, 1), dt.date(2021, 6, 1), ("Eve Import",))
    }
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)],
        check=True,
        capture_output=True,
    )
    assert reviews_of(clone, {"claims/vote.yaml": None})["claims/vote.yaml"] == Review(
        None, dt.date(2020, 3, 15), ("Bob Checker",)
    )


def test_the_batch_without_history_is_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loose = tmp_path / "no-repo"
    (loose / "claims").mkdir(parents=True)
    (loose / "claims" / "a.yaml").write_text("claim: A.\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert reviews_of(loose, {"claims/a.yaml": dt.date(2020, 5, 1)}) == {
        "claims/a.yaml": Review(dt.date(2020, 5, 1), dt.date(2020, 5, 1), ())
    }
    assert reviews_of(loose, {}) == {}
