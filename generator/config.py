"""The folders a publication keeps its claims, sources and pages in, as its `mkdocs.yml` says.

`factcheck check` must refuse exactly what `mkdocs build` refuses, so it reads the same three
settings the plugin gets from MkDocs: `docs_dir`, and the `factcheck` plugin's `claims` and
`sources` options. It reads them without MkDocs (the core has no MkDocs import): a YAML
safe load that takes MkDocs' tags (`!ENV`, `!relative`, `!!python/name:…`) as unknown values
and ignores them, rather than failing on them or running anything.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .cache import EngineCache
from .engine import check
from .model import Problem, Publication

CONFIG_FILES = ("mkdocs.yml", "mkdocs.yaml")
PLUGIN = "factcheck"


@dataclass(frozen=True)
class Folders:
    """Repository-relative folders, `/`-separated."""

    claims: str = "claims"
    sources: str = "content/sources"
    docs: str = "content"


class _Loader(yaml.SafeLoader):
    """A safe loader that reads any tag it does not know as no value."""


def _unknown(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`, as MkDocs reads it (yaml_env_tag)."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(loader.construct_scalar(node)))
    if isinstance(node, yaml.SequenceNode) and node.value:
        *names, default = node.value
        for name in names:
            if isinstance(name, yaml.ScalarNode) and name.value in os.environ:
                return os.environ[name.value]
        if isinstance(default, yaml.ScalarNode):
            return yaml.safe_load(default.value) if default.value else None
    return None


def _relative(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!relative $config_dir/…`: relative to the repository root, where mkdocs.yml is."""
    if isinstance(node, yaml.ScalarNode) and node.value.startswith("$config_dir"):
        return "." + node.value.removeprefix("$config_dir")
    return None


_Loader.add_constructor("!ENV", _env)
_Loader.add_constructor("!relative", _relative)
_Loader.add_multi_constructor("!", _unknown)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown)


def read_folders(root: Path, problems: list[Problem] | None = None) -> Folders:
    """The folders `mkdocs.yml` at `root` sets, the defaults for what it does not set (or
    when there is no `mkdocs.yml`). A file that cannot be read adds a problem."""
    found = [root / name for name in CONFIG_FILES if (root / name).is_file()]
    if not found:
        return Folders()
    path = found[0]
    default = Folders()
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        column = mark.column + 1 if mark is not None else 1
        _add(
            problems,
            Problem(
                path.name,
                line,
                column,
                "error",
                f"{path.name} cannot be read: "
                f"{getattr(error, 'problem', None) or error}; fix it so MkDocs can read it too",
            ),
        )
        return default
    if not isinstance(data, dict):
        return default
    options = _plugin_options(data.get("plugins"))
    return Folders(
        claims=_folder(root, options.get("claims"), default.claims),
        sources=_folder(root, options.get("sources"), default.sources),
        docs=_folder(root, data.get("docs_dir"), default.docs),
    )


def _plugin_options(plugins: Any) -> dict[str, Any]:
    """The `factcheck` plugin's options, from either form MkDocs accepts (a list of names
    and one-key mappings, or one mapping)."""
    entries: list[Any] = []
    if isinstance(plugins, dict):
        entries = [{name: value} for name, value in plugins.items()]
    elif isinstance(plugins, list):
        entries = plugins
    for entry in entries:
        if isinstance(entry, dict) and PLUGIN in entry:
            options = entry[PLUGIN]
            return options if isinstance(options, dict) else {}
    return {}


def _folder(root: Path, value: Any, default: str) -> str:
    """A setting as a repository-relative path; the default when it is not a string."""
    if not isinstance(value, str) or not value.strip():
        return default
    path = value if os.path.isabs(value) else os.path.join(root, value)
    relative = os.path.relpath(os.path.normpath(path), root).replace(os.sep, "/")
    return posixpath.normpath(relative)


def _add(problems: list[Problem] | None, problem: Problem) -> None:
    if problems is not None:
        problems.append(problem)


def check_repository(
    root: Path,
    *,
    cache: EngineCache | bool | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Publication, Folders]:
    """`engine.check` over the folders `root`'s `mkdocs.yml` names, so that every command
    (check, diff, review, new) reads the publication the site is built from. A
    configuration that cannot be read is a problem among the others."""
    config_problems: list[Problem] = []
    folders = read_folders(root, config_problems)
    pub = check(
        root,
        claims_dir=folders.claims,
        sources_dir=folders.sources,
        docs_dir=folders.docs,
        cache=cache,
        progress=progress,
    )
    if config_problems:
        pub.problems = sorted([*config_problems, *pub.problems], key=Problem.sort_key)
    return pub, folders
