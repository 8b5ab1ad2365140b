"""The one safety gate: what may stand in the folders a pull request can write to.

`factcheck check` and the MkDocs plugin both call `check_folders`, so the command and a site
build refuse exactly the same inputs. The engine loads claims and source snapshots itself;
this module covers every other file of the docs folder and the rules that are about files
rather than fields:

- symlinks anywhere under the claims, docs and sources folders (MkDocs would publish
  whatever they point at);
- static files of the docs folder, limited to types that cannot carry script: pages
  (Markdown), raster images, PDF, fonts and plain text. An `.html`, `.svg`, `.js`, `.css`,
  `.json` or `.xml` file would be copied to the site as is (a `.js` there can even replace
  the theme's or the plugin's own script); a file whose first bytes do not match its
  type (HTML saved as `.png`) is refused too;
- the folder where claim pages are generated (`<docs>/claims/`), where a hand-written
  page would pose as a claim;
- file names with control characters or direction controls;
- the front matter of hand-written pages, read the way MkDocs reads it (a YAML block, or
  MultiMarkdown `key: value` lines at the top), against the keys the theme uses: unknown
  keys, markup in values the theme prints as HTML, an `icon` that is not an icon name and
  `template` (a page does not pick its theme template) are errors;
- ids the site's own pages use (`index`), for claims and sources.

Every refused file is listed (repository-relative), so that even a preview, which keeps
going with errors, never publishes one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import Protocol, TypeVar

from .files import TextFile, read_text
from .model import Problem
from .schema import SLUG, did_you_mean
from .textrules import check_scalars, hidden_characters
from .yamlsafe import Mapping, Node, Scalar, Sequence, YamlError, describe, parse

DOCS_DIR = "content"

# `index` is the claims and sources listings' own page (claims/index.md); MkDocs makes a
# `README.md` an index page too, and on a case-insensitive disk `readme.md` is that file.
RESERVED_IDS = ("index", "readme")

# The folder of the docs folder where the plugin generates claim pages.
GENERATED_FOLDER = "claims"

PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def _starts(*magic: bytes) -> Callable[[bytes], bool]:
    return lambda head: head.startswith(magic)


# Each allowed static type, with how its first bytes look.
STATIC_TYPES: dict[str, Callable[[bytes], bool]] = {
    ".png": _starts(b"\x89PNG\r\n\x1a\n"),
    ".jpg": _starts(b"\xff\xd8\xff"),
    ".jpeg": _starts(b"\xff\xd8\xff"),
    ".gif": _starts(b"GIF87a", b"GIF89a"),
    ".webp": lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP",
    ".avif": lambda head: head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"),
    ".ico": _starts(b"\x00\x00\x01\x00"),
    ".pdf": _starts(b"%PDF-"),
    ".woff": _starts(b"wOFF"),
    ".woff2": _starts(b"wOF2"),
    ".ttf": _starts(b"\x00\x01\x00\x00", b"true"),
    ".otf": _starts(b"OTTO"),
}
# Served as text/plain or text/csv, which browsers never run.
TEXT_TYPES = (".txt", ".csv")
# GitHub Pages reads its custom domain from a file of this name at the site root.
PLAIN_NAMES = ("CNAME",)

ALLOWED_TYPES = (
    "pages (.md); images (.png .jpg .jpeg .gif .webp .avif .ico); .pdf; "
    "fonts (.woff .woff2 .ttf .otf); plain text (.txt .csv)"
)

PAGE_KEYS = (
    *("title", "description", "subtitle", "author"),
    *("icon", "status", "hide", "search", "tags"),
)
TEXT_KEYS = ("title", "description", "subtitle", "author")
HIDE_CHOICES = ("navigation", "toc", "footer", "feedback", "tags", "path")
SEARCH_KEYS = ("exclude", "boost")
ICON = re.compile(r"[a-z0-9]+(?:[-_/][a-z0-9]+)*")
# The theme prints these values into HTML without escaping (titles, `content="…"`).
MARKUP = frozenset('<>"')

# MkDocs' own test for YAML front matter (mkdocs.utils.meta), so both read the same block.
_YAML_FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^(?:[ ]{4}|\t)\s*(?P<value>.*)")


def check_folders(
    root: Path, docs: str, claims: str, sources: str, problems: list[Problem]
) -> tuple[str, ...]:
    """Check what the engine does not load itself; the repository-relative paths that must
    not be published. Problems already reported for a path are not repeated."""
    reported = {p.file for p in problems}
    refused: list[str] = []

    def refuse(rel: str, message: str) -> None:
        refused.append(rel)
        if rel not in reported:
            reported.add(rel)
            problems.append(Problem(rel, 1, 1, "error", message))

    for folder in dict.fromkeys((claims, docs, sources)):
        for rel in find_symlinks(root, folder):
            refuse(
                rel,
                "symlinks are refused here: MkDocs would publish whatever the link points "
                "at; commit the file itself",
            )
    links = tuple(refused)
    for rel in _docs_files(root, docs):
        if is_refused(rel, links) or _is_loaded_by_engine(rel, claims, sources):
            continue
        why = _file_problem(root, docs, rel, problems)
        if why:
            refuse(rel, why)
        elif why is not None:  # a page whose problems are already reported
            refused.append(rel)
    return tuple(sorted(set(refused)))


def find_symlinks(root: Path, folder: str) -> list[str]:
    """Repository-relative paths of the symlinks under `folder` (not followed)."""
    base = root / folder
    if base.is_symlink():
        return [folder]
    return [rel for rel, entry in _walk(root, folder, hidden=True) if entry.is_symlink()]


def _walk(root: Path, folder: str, *, hidden: bool) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(repository-relative path, entry) of everything under `folder`, folder by folder,
    in name order; symlinked folders are listed, not entered; dot-names left out unless
    `hidden`. One directory listing per folder: the entries' types come with it (no stat
    per file, as `os.walk` plus `Path.is_symlink` would make)."""
    base = _rel(root, root / folder)
    pending = [(str(root / folder), "" if base == "." else base + "/")]
    while pending:
        path, prefix = pending.pop()
        try:
            with os.scandir(path) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            continue  # gone or unreadable: as os.walk, nothing to list
        folders = []
        for entry in entries:
            if not hidden and entry.name.startswith("."):
                continue
            yield prefix + entry.name, entry
            if _is_folder(entry) and not entry.is_symlink():
                folders.append((entry.path, prefix + entry.name + "/"))
        pending.extend(reversed(folders))


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """A folder, or a symlink to one (as `os.walk` counts it)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def is_refused(path: str, refused: tuple[str, ...] | list[str]) -> bool:
    """Whether a repository-relative path is refused or lies under a refused folder."""
    return any(path == r or path.startswith(r.rstrip("/") + "/") for r in refused)


class _Named(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def file(self) -> str: ...


Named = TypeVar("Named", bound=_Named)  # a file, read (TextFile) or not (FolderEntry)


def refuse_reserved(files: list[Named], what: str, problems: list[Problem]) -> list[Named]:
    """`files` without those whose id is a page of the site's own (each reported)."""
    kept = []
    for file in files:
        if file.id in RESERVED_IDS:
            problems.append(
                Problem(
                    file.file,
                    1,
                    1,
                    "error",
                    f"`{file.id}` is reserved for the site's own listing page: {what} with "
                    "this id would replace it or be replaced by it; rename the file",
                )
            )
        else:
            kept.append(file)
    return kept


def _docs_files(root: Path, docs: str) -> list[str]:
    # Files MkDocs would publish: dot-files and dot-folders it leaves out by default.
    base = root / docs
    if base.is_symlink() or not base.is_dir():
        return []
    return [rel for rel, entry in _walk(root, docs, hidden=False) if not _is_folder(entry)]


def _is_loaded_by_engine(rel: str, claims: str, sources: str) -> bool:
    parent, _, name = rel.rpartition("/")
    return (parent == sources and name.endswith(".md")) or parent == claims


def _file_problem(root: Path, docs: str, rel: str, problems: list[Problem]) -> str | None:
    """Why one file of the docs folder is refused outright, or None. Problems inside an
    acceptable file (its front matter) are added to `problems` instead."""
    inside = rel[len(docs) + 1 :] if docs not in ("", ".") else rel
    name = rel.rpartition("/")[2]
    if hidden_characters(inside) or any(ch in "\t\n" for ch in inside):
        return (
            "the file name contains control characters or invisible direction controls: rename it"
        )
    if inside.startswith(GENERATED_FOLDER + "/"):
        return (
            f"`{docs}/{GENERATED_FOLDER}/` is where the site's claim pages are generated: a "
            "file here would pose as a claim or replace one; move it to another folder"
        )
    suffix = os.path.splitext(name)[1].lower()
    if suffix in PAGE_SUFFIXES:
        before = len(problems)
        text = read_text(root / rel, rel, problems)
        if text is not None:
            check_page(TextFile(name[: -len(suffix)], rel, text), problems, root)
        return None if len(problems) == before else ""
    if suffix in STATIC_TYPES:
        try:
            with open(root / rel, "rb") as handle:
                head = handle.read(16)
        except OSError as exc:
            return f"cannot read the file: {exc.strerror}"
        if not STATIC_TYPES[suffix](head):
            return (
                f"the file is not a {suffix} file (its first bytes are another type's): "
                f"save it in the format its name says"
            )
        return None
    if suffix in TEXT_TYPES or name in PLAIN_NAMES:
        return None
    kind = f"`{suffix}` files" if suffix else "files without an extension"
    return (
        f"{kind} are not published from `{docs}/`: only types that cannot carry script are "
        f"({ALLOWED_TYPES}); remove it, or convert it (an SVG chart to PNG, say)"
    )


def check_page(file: TextFile, problems: list[Problem], root: Path | None = None) -> None:
    """The front matter of one hand-written page, as MkDocs and the theme would use it."""
    text = file.text
    if m := _YAML_FRONT.match(text):
        try:
            node = parse(m.group(1), first_line=2)
        except YamlError as exc:
            problems.append(Problem(file.file, exc.line, exc.column, "error", exc.message))
            return
        if node is None:
            return
        if not isinstance(node, Mapping):
            problems.append(
                Problem(
                    file.file,
                    node.line,
                    node.column,
                    "error",
                    f"front matter is key: value pairs, not {describe(node)}",
                )
            )
            return
        check_scalars(file.file, node, problems)
        for key, value in node.items:
            _check_key(file.file, key, value, problems, "page front matter", root)
        return
    for key, value in _multimarkdown_meta(text):
        check_scalars(file.file, Mapping([(key, value)], key.line, key.column), problems)
        _check_key(
            file.file,
            key,
            value,
            problems,
            "the page's first lines (MkDocs reads `key: value` lines at the top of a page "
            "as metadata and drops them from the page; start with a heading or a blank line)",
            root,
        )


def _multimarkdown_meta(text: str) -> list[tuple[Scalar, Scalar]]:
    """The `key: value` lines MkDocs takes as metadata when a page has no YAML block."""
    found: list[tuple[Scalar, Scalar]] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            break
        if m := _META.match(line):
            key = Scalar(m["key"].lower(), number, m.start("key") + 1, plain=True)
            value = Scalar(m["value"].strip(), number, m.start("value") + 1, plain=True)
            found.append((key, value))
        elif (more := _META_MORE.match(line)) and found:
            last = found[-1][1]
            last.value = f"{last.value} {more['value'].strip()}"
        else:
            break
    return found


def _check_key(
    file: str, key: Scalar, value: Node, problems: list[Problem], what: str, root: Path | None
) -> None:
    def error(node: Node, message: str) -> None:
        problems.append(Problem(file, node.line, node.column, "error", message))

    name = key.value
    if name == "template":
        error(
            key,
            "a page cannot choose its theme template (`template:`): the theme and the "
            "plugin decide how pages look; remove the key",
        )
    elif name not in PAGE_KEYS:
        error(
            key,
            f"unknown key `{name}` in {what}{did_you_mean(name, PAGE_KEYS)} "
            f"(allowed: {', '.join(PAGE_KEYS)})",
        )
    elif name in TEXT_KEYS:
        _plain_text(key, value, error)
    elif name == "icon":
        if not isinstance(value, Scalar) or not ICON.fullmatch(value.value):
            shown = value.value if isinstance(value, Scalar) else describe(value)
            error(
                value,
                f"`icon` is the name of one of the theme's icons (e.g. "
                f"`material/information-outline`), not `{shown}`",
            )
        elif not _icon_exists(value.value, root):
            error(value, f"the theme has no icon `{value.value}`: see its icon list")
    elif name == "status":
        if not isinstance(value, Scalar) or not SLUG.fullmatch(value.value):
            error(value, "`status` is a lower-case word such as `new` or `deprecated`")
    elif name == "hide":
        items = value.items if isinstance(value, Sequence) else [value]
        for item in items:
            if not isinstance(item, Scalar) or item.value not in HIDE_CHOICES:
                error(item, f"`hide` lists some of {', '.join(HIDE_CHOICES)}")
    elif name == "search":
        _search(value, error)
    elif name == "tags":
        if not isinstance(value, Sequence):
            error(value, f"`tags` must be a list, not {describe(value)}")
        else:
            for item in value.items:
                _plain_text(key, item, error)


def _plain_text(key: Scalar, value: Node, error: Callable[[Node, str], None]) -> None:
    if not isinstance(value, Scalar) or value.is_null:
        error(value, f"`{key.value}` must be text, not {describe(value)}")
        return
    bad = sorted({ch for ch in value.value if ch in MARKUP})
    if bad:
        error(
            value,
            f"`{key.value}` is plain text: the theme prints it as HTML, so "
            f"{' '.join(bad)} are not allowed (write “curly quotes”, or the words)",
        )


def _search(value: Node, error: Callable[[Node, str], None]) -> None:
    if not isinstance(value, Mapping):
        error(value, "`search` is a mapping: `exclude: true` or `boost: 2`")
        return
    for key, item in value.items:
        if key.value not in SEARCH_KEYS:
            error(key, f"`search` takes {' or '.join(SEARCH_KEYS)}, not `{key.value}`")
        elif key.value == "exclude" and not (
            isinstance(item, Scalar) and item.value in ("true", "false")
        ):
            error(item, "`search: exclude` is true or false")
        elif key.value == "boost" and not (
            isinstance(item, Scalar) and re.fullmatch(r"\d{1,2}(?:\.\d{1,3})?", item.value)
        ):
            error(item, "`search: boost` is a number such as 2 or 0.5")


def _icon_exists(name: str, root: Path | None) -> bool:
    # Material includes `.icons/<name>.svg` from its own templates or the theme's
    # `custom_dir` (a folder of the repository); a missing one crashes the build. Without
    # Material installed, another theme is not second-guessed.
    spec = find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return True
    folders = [Path(next(iter(spec.submodule_search_locations))) / "templates" / ".icons"]
    if root is not None:
        folders += sorted(root.glob("*/.icons"))
    return any((folder / f"{name}.svg").is_file() for folder in folders)


def _rel(root: Path, path: Path) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")
