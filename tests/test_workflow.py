"""The ready-made GitHub workflow and the pre-commit hook: valid, and doing what the
README says."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github/workflows/factcheck.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"


def load(path: Path) -> Any:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    data = yaml.safe_load(path.read_text("utf-8"))
    if isinstance(data, dict) and True in data:
        data["on"] = data.pop(True)
    return data


def runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def test_the_workflow_validates_against_githubs_schema() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         str(WORKFLOW)],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_pull_requests_are_checked_diffed_and_built() -> None:
    flow = load(WORKFLOW)
    assert "pull_request" in flow["on"]
    job = flow["jobs"]["check"]
    assert job["if"] == "github.event_name == 'pull_request'"
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    assert uses(job) == ["actions/checkout", "actions/setup-python"]
    assert runs(job) == [
        "pip install .",
        "factcheck check --format github",
        'factcheck diff --base "origin/$BASE_REF" --format markdown >> "$GITHUB_STEP_SUMMARY"',
        "mkdocs build --strict",
    ]


def test_the_default_branch_is_deployed_to_pages() -> None:
    flow = load(WORKFLOW)
    assert flow["on"]["push"]["branches"] == ["main"]
    job = flow["jobs"]["deploy"]
    assert job["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert job["environment"]["name"] == "github-pages"
    assert uses(job) == [
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]
    assert "mkdocs build --strict" in runs(job)
    # Claim pages are dated from git history and addressed at the Pages URL.
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    build = next(s for s in job["steps"] if s.get("run") == "mkdocs build --strict")
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"


def test_the_workflow_commands_exist() -> None:
    for command in ("check --format github", "diff --format markdown"):
        name, *options = command.split()
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0
        assert options[0] in result.output


def test_the_pre_commit_hook() -> None:
    [hook] = load(HOOKS)
    assert {"id", "name", "entry", "language"} <= hook.keys()
    assert set(hook) <= {
        "id", "name", "entry", "language", "description", "files", "exclude", "types",
        "pass_filenames", "require_serial", "always_run", "args", "stages",
    }  # fmt: skip
    assert hook["id"] == "factcheck-check"
    assert hook["language"] == "python"  # pre-commit installs this repository's package
    assert hook["entry"] == "factcheck check"
    assert hook["pass_filenames"] is False
    pattern = re.compile(hook["files"])
    assert pattern.search("claims/us-troops-in-iraq.yaml")
    assert pattern.search("content/sources/alwaght.md")
    assert not pattern.search("content/methodology.md")
    assert not pattern.search("mkdocs.yml")
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert 'factcheck = "generator.cli:main"' in pyproject
