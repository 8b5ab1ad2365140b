"""Loading source snapshots: `content/sources/<id>.md`.

Recognises a YAML front matter block between `---` lines at the very top, then the
article text, verbatim. The front matter is typed by the contract's schema; unknown keys
are errors so that typos surface.
"""

from __future__ import annotations

import re

from .fields import SOURCE_FIELDS, keys
from .files import TextFile
from .model import Problem, Source
from .schema import Fields
from .textrules import check_scalars, web_url_problem
from .yamlsafe import Mapping, YamlError, parse

# From the field definitions the JSON Schema is generated from.
FRONT_MATTER_KEYS = keys(SOURCE_FIELDS)
_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


def load_source(file: TextFile, problems: list[Problem]) -> Source | None:
    """A Source from one snapshot file, or None (with problems) when it cannot be read."""
    text = file.text
    if not text.startswith("---\n"):
        problems.append(
            Problem(file.file, 1, 1, "error", "a source starts with `---` and YAML front matter")
        )
        return None
    closing = _FENCE.search(text, 4)
    if closing is None:
        problems.append(
            Problem(file.file, 1, 1, "error", "front matter is not closed by a `---` line")
        )
        return None
    front = text[4 : closing.start()]
    body_start = closing.end() + 1 if closing.end() < len(text) else closing.end()
    body_line = text.count("\n", 0, body_start) + 1
    try:
        node = parse(front, first_line=2)
    except YamlError as exc:
        problems.append(Problem(file.file, exc.line, exc.column, "error", exc.message))
        return None
    if not isinstance(node, Mapping):
        problems.append(Problem(file.file, 2, 1, "error", "front matter must be key: value pairs"))
        return None
    before = len(problems)
    check_scalars(file.file, node, problems, front)
    fields = Fields(file.file, node, FRONT_MATTER_KEYS, problems, "source front matter")
    title = fields.text("title", required=True)
    url = fields.text("url")
    if url is not None and (why := web_url_problem(url[0])):
        problems.append(Problem.at(url[1], f"`url` `{url[0]}` is refused: {why}"))
    outlet = fields.optional_text("outlet")
    language = fields.optional_text("language")
    published = fields.date("published")
    retrieved = fields.date("retrieved")
    derived = fields.text_list("derived_from")
    body = text[body_start:]
    if not body or body.isspace():  # not `strip()`: no copy of the article
        problems.append(Problem(file.file, body_line, 1, "error", "the article text is empty"))
    if len(problems) > before or title is None:
        return None
    return Source(
        id=file.id,
        file=file.file,
        title=title[0],
        text=body,
        body_line=body_line,
        outlet=outlet,
        url=url[0] if url else None,
        published=published,
        language=language,
        retrieved=retrieved,
        derived_from=derived,
    )
