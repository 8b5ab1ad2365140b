"""The `factcheck` command: what contributors and CI run on every pull request."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import init as scaffold
from .config import check_repository
from .report import as_json, format_github, format_text, summary


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="factcheck-generator")
def main() -> None:
    """Verify a fact-check publication: excerpts, values and verdicts."""


@main.command()
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The repository: its mkdocs.yml says where claims, sources and pages are.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text for people, github for workflow annotations, json for data.",
)
@click.option(
    "--cache/--no-cache",
    default=True,
    show_default=True,
    help="Reuse unchanged work from .factcheck-cache/ (safe to delete).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar on stderr [default: only when stderr is a terminal].",
)
def check(root: Path, fmt: str, cache: bool, progress: bool | None) -> None:
    """Load everything, verify every excerpt and compute every verdict.

    Exits 0 when there are no errors, 1 when there are, 2 on bad usage.
    """
    if progress is None:
        progress = sys.stderr.isatty() and not os.environ.get("CI")
    # The folders mkdocs.yml gives the plugin, so check and build refuse the same inputs.
    if progress:
        with click.progressbar(
            length=0, label="Checking claims", file=sys.stderr, show_pos=True
        ) as bar:

            def advance(done: int, total: int) -> None:
                bar.length = total
                bar.update(done - bar.pos)

            pub, _ = check_repository(root, cache=cache, progress=advance)
    else:
        pub, _ = check_repository(root, cache=cache)
    if fmt == "json":
        click.echo(json.dumps(as_json(pub), ensure_ascii=False, indent=2))
    elif fmt == "github":
        if pub.problems:
            click.echo(format_github(pub.problems))
    else:
        if pub.problems:
            click.echo(format_text(pub.problems, root.resolve()))
        click.echo(summary(pub))
    sys.exit(1 if pub.errors else 0)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init(directory: Path) -> None:
    """Start a new publication in DIRECTORY (new or empty): config, pages, an example
    source and claim, and a GitHub workflow. It builds with `mkdocs build --strict`."""
    try:
        written = scaffold.scaffold(directory)
    except scaffold.NotEmpty:
        click.echo(
            f"factcheck init: {directory} is not empty; "
            "give a new or empty folder, nothing was written",
            err=True,
        )
        sys.exit(2)
    for path in written:
        click.echo(f"created {directory / path}")
    click.echo(f"next: cd {directory} && factcheck check && mkdocs serve")


# The pull-request commands (diff, review, new, schema): see `generator.commands`.
def _add_pull_request_commands() -> None:
    from .commands import COMMANDS

    for command in COMMANDS:
        main.add_command(command)


_add_pull_request_commands()
