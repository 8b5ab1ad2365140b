"""Finding and reading the publication's files safely.

Recognises the files of one folder of the repository that a contributor may add (claims,
source snapshots) and reads them as UTF-8 text. Refused, each with a problem naming the
file: symlinks (MkDocs would publish their targets), anything resolving outside the
repository, names that are not lower-case slugs, binary files, non-UTF-8 files and files
too large to be a claim or an article.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .model import Problem
from .schema import SLUG

MAX_FILE_BYTES = 2_000_000


@dataclass(frozen=True)
class TextFile:
    id: str  # the file name without its extension
    file: str  # path relative to the repository root, with forward slashes
    text: str


def relative(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass(frozen=True)
class FolderEntry:
    """A file `list_folder` found, not read yet."""

    id: str  # the file name without its extension
    file: str  # path relative to the repository root, with forward slashes
    path: str  # where to read it

    def read(self, problems: list[Problem]) -> TextFile | None:
        """The file's text, or None (the reason added to `problems`)."""
        text = read_text(self.path, self.file, problems)
        return None if text is None else TextFile(self.id, self.file, text)


def read_folder(
    root: Path, folder: str, suffix: str, what: str, problems: list[Problem]
) -> list[TextFile]:
    """Every `*{suffix}` file directly in `root/folder`, in name order, read (see
    `list_folder`)."""
    read = (entry.read(problems) for entry in list_folder(root, folder, suffix, what, problems))
    return [file for file in read if file is not None]


def list_folder(
    root: Path, folder: str, suffix: str, what: str, problems: list[Problem]
) -> list[FolderEntry]:
    """Every `*{suffix}` file directly in `root/folder`, in name order, to be read one at a
    time (thousands of claim files need not be in memory at once).

    One directory listing: the entries' types come with it (no stat per file), and only
    the folder is resolved. A regular file that is not a symlink, directly in a folder
    inside the repository, is inside the repository too.
    """
    base = root / folder
    if base.is_symlink():
        problems.append(Problem(folder, 1, 1, "error", f"`{folder}` is a symlink: refused"))
        return []
    if not base.is_dir():
        return []
    if not base.resolve().is_relative_to(root.resolve()):
        problems.append(Problem(folder, 1, 1, "error", f"`{folder}` lies outside the repository"))
        return []
    out: list[FolderEntry] = []
    prefix = relative(root, base) + "/"
    with os.scandir(base) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    for entry in entries:
        name = entry.name
        rel = prefix + name
        if name.startswith("."):
            continue
        if entry.is_symlink():
            problems.append(
                Problem(rel, 1, 1, "error", f"{what} is a symlink: refused; commit a real file")
            )
            continue
        if entry.is_dir(follow_symlinks=False):
            problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    "warning",
                    f"folder `{rel}` is not read: put each file directly in `{folder}/`",
                )
            )
            continue
        ext = os.path.splitext(name)[1]
        if ext.lower() not in (suffix, ".yml" if suffix == ".yaml" else suffix):
            continue
        if ext != suffix:
            problems.append(Problem(rel, 1, 1, "error", f"{what} names end in `{suffix}`"))
            continue
        ident = name[: -len(suffix)]
        if not SLUG.fullmatch(ident):
            problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    "error",
                    f"file name `{name}` is not a lower-case slug (letters a-z, digits, "
                    f"single hyphens, e.g. `{_slugify(ident) or 'us-troop-count'}{suffix}`)",
                )
            )
            continue
        out.append(FolderEntry(ident, rel, entry.path))
    return out


def read_text(path: Path | str, rel: str, problems: list[Problem]) -> str | None:
    try:
        size, data = _read_bytes(path)
    except OSError as exc:
        problems.append(Problem(rel, 1, 1, "error", f"cannot read the file: {exc.strerror}"))
        return None
    if data is None:
        problems.append(Problem(rel, 1, 1, "error", f"file is {size:,} bytes; the limit is 2 MB"))
        return None
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        problems.append(
            Problem(rel, line, 1, "error", "binary file (contains NUL bytes): expected text")
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(
            Problem(
                rel,
                line,
                column,
                "error",
                f"not UTF-8 (byte 0x{data[exc.start]:02x}): save the file as UTF-8",
            )
        )
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def _read_bytes(path: Path | str) -> tuple[int, bytes | None]:
    """The file's size and bytes; None for the bytes of a file over `MAX_FILE_BYTES`,
    which is never read whole. File descriptors rather than a file object: a check reads
    ten thousand small files, and making the object was a third of the time."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(fd).st_size  # one open: the size from the open file
        if size > MAX_FILE_BYTES:
            return size, None
        parts = [os.read(fd, size + 1)]  # a byte more than it had: a file that grew says so
        total = len(parts[0])
        while parts[-1] and total <= MAX_FILE_BYTES:
            parts.append(os.read(fd, MAX_FILE_BYTES + 1 - total))
            total += len(parts[-1])
        return total, (b"".join(parts) if total <= MAX_FILE_BYTES else None)
    finally:
        os.close(fd)


def _slugify(name: str) -> str:
    out = []
    for ch in name.lower():
        out.append(ch if ch.isascii() and ch.isalnum() else "-")
    return "-".join(part for part in "".join(out).split("-") if part)
