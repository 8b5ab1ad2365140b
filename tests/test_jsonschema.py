"""The JSON Schemas for claims and source front matter: up to date, checked by an
independent validator (check-jsonschema), and in agreement with the loader."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jsonschema as validator
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from test_bad_inputs import CASES, GOOD_CLAIM, SOURCE, write

from generator.claims import load_claim
from generator.cli import main
from generator.fields import CLAIM_FIELDS, EVIDENCE_FIELDS, SOURCE_FIELDS, keys, required
from generator.files import TextFile
from generator.jsonschema import claim_schema, schema_files, source_schema
from generator.model import Problem
from generator.sources import load_source

ROOT = Path(__file__).resolve().parent.parent
CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema"]
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/claim.json\n"


def check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CHECK_JSONSCHEMA, "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def front_matter(md: Path, dest: Path) -> Path:
    text = md.read_text("utf-8")
    end = text.index("\n---", 4)
    dest.write_text(text[4 : end + 1], "utf-8")
    return dest


def test_committed_schemas_are_up_to_date() -> None:
    for name, text in schema_files().items():
        assert (ROOT / "schema" / name).read_text("utf-8") == text, (
            f"schema/{name} is out of date: run `factcheck schema`"
        )
    result = CliRunner().invoke(main, ["schema", "--root", str(ROOT), "--check"])
    assert result.exit_code == 0, result.output


def test_schema_command_writes_and_checks(tmp_path: Path) -> None:
    runner = CliRunner()
    stale = runner.invoke(main, ["schema", "--root", str(tmp_path), "--check"])
    assert stale.exit_code == 1
    assert stale.output == (
        "schema/claim.json: out of date: run `factcheck schema`\n"
        "schema/source.json: out of date: run `factcheck schema`\n"
    )
    wrote = runner.invoke(main, ["schema", "--root", str(tmp_path)])
    assert wrote.exit_code == 0
    assert wrote.output == (
        f"wrote {tmp_path / 'schema/claim.json'}\nwrote {tmp_path / 'schema/source.json'}\n"
    )
    assert runner.invoke(main, ["schema", "--root", str(tmp_path)]).output == (
        "schema/ is up to date\n"
    )


def test_schemas_are_valid_draft_2020_12() -> None:
    done = subprocess.run(
        [*CHECK_JSONSCHEMA, "--check-metaschema", "schema/claim.json", "schema/source.json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert claim_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_bundled_claim_names_the_schema_and_validates() -> None:
    files = sorted((ROOT / "claims").glob("*.yaml"))
    assert len(files) >= 20
    for f in files:
        assert f.read_text("utf-8").startswith(SCHEMA_LINE), f"{f.name} lacks the schema line"
    done = check_jsonschema(ROOT / "schema/claim.json", *files)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_bundled_source_front_matter_validates(tmp_path: Path) -> None:
    files = [
        front_matter(md, tmp_path / f"{md.stem}.yaml")
        for md in sorted((ROOT / "content/sources").glob("*.md"))
    ]
    done = check_jsonschema(ROOT / "schema/source.json", *files)
    assert done.returncode == 0, done.stdout + done.stderr


# The catalogue's cases that are schema matters: keys, types, required fields, choices.
SCHEMA_CASES = {
    "unknown-kind",
    "typo-key",
    "missing-evidence",
    "path-traversal",
    "bad-tolerance",
    "rating-without-reason",
    "unknown-rating",
    "yaml11-no-is-text",
    "evidence-not-mapping",
    "derivation-without-value",
    "bad-front-matter-date",
    "front-matter-typo",
}


@pytest.mark.parametrize(
    ("case", "breaks", "file"),
    [(c[0], c[1], c[2]) for c in CASES if c[0] in SCHEMA_CASES],
    ids=[c[0] for c in CASES if c[0] in SCHEMA_CASES],
)
def test_schema_matters_of_the_catalogue_fail_the_schema(
    tmp_path: Path, case: str, breaks: object, file: str
) -> None:
    repo = tmp_path / "repo"
    write(repo, "content/sources/wire.md", SOURCE)
    write(repo, "claims/good.yaml", GOOD_CLAIM)
    breaks(repo)  # type: ignore[operator]
    if file.startswith("content/"):
        target = front_matter(repo / file, tmp_path / "front.yaml")
        schema = ROOT / "schema/source.json"
    else:
        target, schema = repo / file, ROOT / "schema/claim.json"
    done = check_jsonschema(schema, target)
    assert done.returncode == 1, f"{case} passed the schema:\n{done.stdout}"
    assert "Schema validation errors were encountered" in done.stdout + done.stderr


def test_the_good_claim_and_source_of_the_catalogue_pass(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", GOOD_CLAIM)
    write(tmp_path, "wire.md", SOURCE)
    assert check_jsonschema(ROOT / "schema/claim.json", tmp_path / "good.yaml").returncode == 0
    front = front_matter(tmp_path / "wire.md", tmp_path / "front.yaml")
    assert check_jsonschema(ROOT / "schema/source.json", front).returncode == 0


def test_schema_and_loader_name_the_same_keys() -> None:
    claim = claim_schema()
    assert set(claim["properties"]) == set(keys(CLAIM_FIELDS))
    assert set(claim["required"]) == set(required(CLAIM_FIELDS))
    items = claim["properties"]["evidence"]["items"]
    assert set(items["properties"]) == set(keys(EVIDENCE_FIELDS))
    assert set(items["required"]) == {"source", "excerpt"}
    source = source_schema()
    assert set(source["properties"]) == set(keys(SOURCE_FIELDS))
    assert source["required"] == ["title"]


# A loader-valid value for every key; unknown keys get a plain text.
CLAIM_VALUES: dict[str, object] = {
    "claim": "Around 5,000 US troops were in Iraq.",
    "kind": "quantity",
    "unit": "troops",
    "tolerance": "5%",
    "tags": ["us-presence"],
    "verdict": {"rating": "consistent", "reason": "Because."},
    "notes": "Some *notes*.",
    "reviewed": "2026-11-21",
    "reviewers": ["Newsdesk"],
    "corrections": [{"date": "2026-11-22", "text": "Fixed."}],
}
EVIDENCE_VALUES: dict[str, object] = {
    "source": "wire",
    "excerpt": "Around 5,000 US troops",
    "value": "5000",
    "derivation": "As stated.",
    "fingerprint": "0123abcd-4567ef01-89abcdef",
}
SOURCE_VALUES: dict[str, object] = {
    "title": "Wire report",
    "outlet": "Wire",
    "url": "https://example.org/a",
    "published": "2020-01-14",
    "language": "en",
    "retrieved": "2020-01-15",
    "derived_from": ["Al Jazeera"],
}
UNKNOWN = ["colour", "evidnce", "sorce", "Claim", "rating"]


def _accepted_by_loader_claim(text: str) -> bool:
    problems: list[Problem] = []
    loaded = load_claim(TextFile("c", "claims/c.yaml", text), problems)
    return loaded is not None and not problems


@settings(max_examples=300, deadline=None)
@given(
    claim_keys=st.sets(st.sampled_from([*keys(CLAIM_FIELDS), *UNKNOWN])),
    evidence_keys=st.sets(st.sampled_from([*keys(EVIDENCE_FIELDS), *UNKNOWN])),
)
def test_schema_and_loader_accept_and_reject_the_same_claims(
    claim_keys: set[str], evidence_keys: set[str]
) -> None:
    data: dict[str, object] = {}
    for key in sorted(claim_keys):
        if key == "evidence":
            data[key] = [{k: EVIDENCE_VALUES.get(k, "x") for k in sorted(evidence_keys)}]
        else:
            data[key] = CLAIM_VALUES.get(key, "x")
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    by_loader = _accepted_by_loader_claim(text)
    by_schema = validator.Draft202012Validator(claim_schema()).is_valid(yaml.safe_load(text))
    assert by_loader == by_schema, text


@settings(max_examples=150, deadline=None)
@given(st.sets(st.sampled_from([*keys(SOURCE_FIELDS), *UNKNOWN])))
def test_schema_and_loader_accept_and_reject_the_same_front_matter(chosen: set[str]) -> None:
    data = {k: SOURCE_VALUES.get(k, "x") for k in sorted(chosen)}
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False) if data else ""
    text = f"---\n{front}---\nThe article.\n"
    problems: list[Problem] = []
    by_loader = load_source(TextFile("s", "content/sources/s.md", text), problems) is not None
    by_schema = validator.Draft202012Validator(source_schema()).is_valid(data)
    assert by_loader == by_schema, text
