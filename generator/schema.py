"""Typing YAML nodes by the schema, one field at a time, collecting problems.

Every field is read from a `yamlsafe` node, so the value is always the text the
contributor wrote and the position is exact. A `Fields` object wraps one mapping: it
refuses unknown keys (with a "did you mean" when one is close), reports missing required
keys at the mapping, and reports a wrongly-shaped value at the value.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from sys import intern

from .model import Position, Problem
from .yamlsafe import NULLS, Mapping, Node, Scalar, Sequence, describe

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_KNOWN: dict[tuple[str, ...], frozenset[str]] = {}  # each list of allowed keys, as a set


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


class Fields:
    """The keys of one YAML mapping, read against a list of allowed keys."""

    def __init__(
        self,
        file: str,
        node: Mapping,
        allowed: tuple[str, ...],
        problems: list[Problem],
        what: str,
    ) -> None:
        self.file = file
        self.node = node
        self.problems = problems
        self.what = what
        # Nearly every mapping has only allowed keys: one set comparison rules out the rest.
        known = _KNOWN.get(allowed)
        if known is None:
            known = _KNOWN[allowed] = frozenset(allowed)
        if node.keys.keys() <= known and len(node.keys) == len(node.items):
            return
        for key, _ in node.items:
            if key.value not in allowed:
                self.error(
                    key,
                    f"unknown key `{key.value}` in {what}{did_you_mean(key.value, allowed)}"
                    f" (allowed: {', '.join(allowed)})",
                )

    def at(self, node: Node) -> Position:
        return Position(self.file, node.line, node.column)

    def error(self, node: Node, message: str) -> None:
        self.problems.append(Problem.at(self.at(node), message))

    def get(self, key: str) -> Node | None:
        return self.node.keys.get(key)

    def text(self, key: str, *, required: bool = False) -> tuple[str, Position] | None:
        """A non-empty string field."""
        node = self.scalar(key, required=required)
        if node is None:
            return None
        return node.value, Position(self.file, node.line, node.column)

    def optional_text(self, key: str) -> str | None:
        """A string field's value alone, for fields whose position nothing else needs."""
        node = self.scalar(key)
        return None if node is None else node.value

    def scalar(self, key: str, *, required: bool = False) -> Scalar | None:
        """A non-empty string field's node: its position is built only where it is kept."""
        node = self.node.keys.get(key)
        if type(node) is Scalar and not (node.plain and node.value in NULLS):
            if node.value.strip():
                return node
            self.error(node, f"`{key}` is empty")
            return None
        self._not_text(key, node, required)
        return None

    def _not_text(self, key: str, node: Node | None, required: bool) -> None:
        """The problem with a field that is missing, null or not text."""
        if node is None or (isinstance(node, Scalar) and node.is_null):
            if required:
                where = node if node is not None else self.node
                self.error(where, f"{self.what} needs `{key}:`")
            return
        self.error(node, f"`{key}` must be text, not {describe(node)}")

    def text_list(self, key: str) -> tuple[str, ...]:
        """A list of strings; a single string is a list of one.

        Interned: tags, reviewers and the names a source relays recur across a
        publication, and one copy of each is enough.
        """
        node = self.get(key)
        if node is None or (isinstance(node, Scalar) and node.is_null):
            return ()
        if isinstance(node, Scalar):
            return (intern(node.value),)
        if isinstance(node, Mapping):
            self.error(node, f"`{key}` must be a list, not {describe(node)}")
            return ()
        out = []
        for item in node.items:
            if isinstance(item, Scalar) and item.value.strip():
                out.append(intern(item.value))
            else:
                self.error(item, f"each item of `{key}` must be text, not {describe(item)}")
        return tuple(out)

    def date(self, key: str) -> dt.date | None:
        node = self.scalar(key)
        if node is None:
            return None
        parsed = parse_iso_date(node.value)
        if parsed is None:
            self.error(node, f"`{key}` must be a date written YYYY-MM-DD, not `{node.value}`")
        return parsed

    def mapping(self, key: str) -> Mapping | None:
        node = self.get(key)
        if node is None or (isinstance(node, Scalar) and node.is_null):
            return None
        if not isinstance(node, Mapping):
            self.error(node, f"`{key}` must be a mapping (key: value pairs), not {describe(node)}")
            return None
        return node

    def items(self, key: str, *, required: bool = False) -> list[Node]:
        node = self.get(key)
        if node is None or (isinstance(node, Scalar) and node.is_null):
            if required:
                self.error(node or self.node, f"{self.what} needs `{key}:` with at least one item")
            return []
        if not isinstance(node, Sequence):
            self.error(node, f"`{key}` must be a list, not {describe(node)}")
            return []
        if required and not node.items:
            self.error(node, f"`{key}` needs at least one item")
        return node.items

    def choice(self, key: str, choices: tuple[str, ...], *, required: bool = False) -> str | None:
        node = self.scalar(key, required=required)
        if node is None:
            return None
        value = node.value
        if value not in choices:
            self.error(
                node,
                f"`{key}` must be one of {', '.join(choices)}, not `{value}`"
                f"{did_you_mean(value, choices)}",
            )
            return None
        return choices[choices.index(value)]  # the one copy of it the program holds


def parse_iso_date(text: str) -> dt.date | None:
    m = ISO_DATE.fullmatch(text.strip())
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
