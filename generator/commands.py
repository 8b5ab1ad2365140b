"""The pull-request commands of `factcheck`: diff, review, new, schema.

Kept apart from `cli.py` so that each command's options and messages sit together; `cli`
registers them on the `factcheck` group.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import BinaryIO

import click

from . import diff as diffing
from . import jsonschema
from . import new as creating
from . import review as reviewing
from .report import format_text

ROOT_OPTION = click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The repository: holds claims/ and content/sources/.",
)


def _fail(message: str, status: int) -> None:
    click.echo(f"factcheck: error: {message}", err=True)
    sys.exit(status)


@click.command()
@ROOT_OPTION
@click.option(
    "--base",
    "ref",
    metavar="REF",
    default=None,
    help="The revision to compare with [default: the merge base with origin/HEAD, main or master].",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="text for people, markdown for a pull-request comment or $GITHUB_STEP_SUMMARY, "
    "json for data.",
)
def diff(root: Path, ref: str | None, fmt: str) -> None:
    """Show what a change does to claims, ratings, excerpts and sources.

    Compares the publication at a git revision with the working tree, reading the
    revision with git itself (nothing is checked out). Exits 0, or 2 when the folder is
    not a git repository or the revision does not exist.
    """
    try:
        result = diffing.diff(root, ref)
    except diffing.DiffError as exc:
        _fail(str(exc), 2)
        return
    if fmt == "json":
        click.echo(json.dumps(diffing.as_json(result), ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        click.echo(diffing.format_markdown(result))
    else:
        click.echo(diffing.format_text(result))


@click.command()
@ROOT_OPTION
@click.option("--all", "every", is_flag=True, help="Review every claim of the publication.")
@click.argument("claims", nargs=-1, type=click.Path(path_type=Path))
def review(root: Path, every: bool, claims: tuple[Path, ...]) -> None:
    """Stamp evidence fingerprints: the claims are reviewed as they stand.

    Writes `fingerprint:` into each evidence item of the given claim files (or all with
    --all), keeping comments and layout. `factcheck check` then warns when the source
    text around a cited passage changes. Exits 1 when a claim has errors to fix first.
    """
    if every == bool(claims):
        _fail("give claim files (claims/x.yaml …) or --all, not both or neither", 2)
    outcome = reviewing.review(root, None if every else list(claims))
    if outcome.problems:
        click.echo(format_text(outcome.problems, root.resolve()))
    for line in outcome.lines:
        click.echo(line)
    sys.exit(1 if any(p.severity == "error" for p in outcome.problems) else 0)


@click.group()
def new() -> None:
    """Write a new claim (with a verified excerpt) or a new source snapshot."""


@new.command("claim")
@ROOT_OPTION
@click.argument("ident", metavar="ID")
@click.option("--source", "source_id", required=True, help="The source id (content/sources/ID.md).")
@click.option("--excerpt", required=True, help="The source's words, verbatim.")
@click.option(
    "--kind",
    type=click.Choice(["quantity", "tally", "date", "quote", "text"]),
    default=None,
    help="The claim's kind [default: what the engine reads in the excerpt].",
)
@click.option("--claim", "text", default=None, help="The assertion [default: the excerpt].")
def new_claim(
    root: Path, ident: str, source_id: str, excerpt: str, kind: str | None, text: str | None
) -> None:
    """Write claims/ID.yaml citing one excerpt, verified against its source.

    Refuses (exit 1) when the excerpt is not in the source, naming the nearest passage,
    and never overwrites an existing file.
    """
    outcome = creating.new_claim(root, ident, source_id, excerpt, kind, text)
    _report_new(root, outcome)


@new.command("source")
@ROOT_OPTION
@click.argument("ident", metavar="ID")
@click.argument("text_file", metavar="[FILE|-]", default="-", type=click.File("rb"))
@click.option("--title", required=True, help="The article's headline.")
@click.option("--url", default=None, help="Where it was published (http or https).")
@click.option("--outlet", default=None, help="The publication that printed it.")
@click.option("--published", default=None, help="Its publication date, YYYY-MM-DD.")
@click.option("--language", default=None, help="Its language, e.g. en.")
def new_source(
    root: Path,
    ident: str,
    text_file: BinaryIO,
    title: str,
    url: str | None,
    outlet: str | None,
    published: str | None,
    language: str | None,
) -> None:
    """Write content/sources/ID.md from an article's text (FILE or stdin).

    The text is kept verbatim. Refuses (exit 1) bad metadata or an existing file.
    """
    data = text_file.read()
    outcome = creating.new_source(
        root,
        ident,
        data,
        creating.Metadata(
            title=title, url=url, outlet=outlet, published=published, language=language
        ),
    )
    _report_new(root, outcome)


def _report_new(root: Path, outcome: creating.Outcome) -> None:
    if outcome.problems:
        click.echo(format_text(outcome.problems, root.resolve()), err=outcome.path is None)
    if outcome.path is None:
        click.echo("factcheck: nothing written", err=True)
        sys.exit(1)
    click.echo(f"wrote {outcome.path}")
    for note in outcome.notes:
        click.echo(note)


@click.command()
@ROOT_OPTION
@click.option(
    "--check",
    "only_check",
    is_flag=True,
    help="Only say whether schema/ is up to date (exit 1 when not); write nothing.",
)
def schema(root: Path, only_check: bool) -> None:
    """Write the JSON Schemas for claims and sources into schema/.

    Editors (VS Code with the YAML extension, JetBrains) use them through the
    `# yaml-language-server: $schema=../schema/claim.json` line at the top of a claim.
    """
    if only_check:
        stale = jsonschema.stale_schemas(root)
        for name in stale:
            click.echo(f"{name}: out of date: run `factcheck schema`")
        sys.exit(1 if stale else 0)
    changed = jsonschema.write_schemas(root)
    for path in changed:
        click.echo(f"wrote {path}")
    if not changed:
        click.echo("schema/ is up to date")


COMMANDS = (diff, review, new, schema)
