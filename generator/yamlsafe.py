"""Strict YAML reading for untrusted contributor files.

Recognises one YAML document made of mappings, sequences and scalars, and returns a tree
of nodes that keep their line and column. It is built from libyaml's event stream rather
than PyYAML's constructors, because:

- every scalar stays a string: the schema types fields, so YAML 1.1 guesses (`no` ->
  False, `1:30` -> 90, `010` -> 8, `2020-02-30` -> ValueError) never reach the model;
- the event parser is iterative, so nesting can be capped before anything recurses
  (libyaml's composer segfaults and PyYAML's raises RecursionError on deep nesting);
- anchors, aliases and explicit tags (`!!python/object`) are refused outright, which rules
  out alias bombs and object construction;
- a duplicate key is an error that names both lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

# libyaml is much faster; the pure-Python parser gives the same events. libyaml's parser
# alone: a loader would also set up a constructor and a resolver that are never used.
_Loader: type
try:
    from yaml._yaml import CParser as _Loader
except ImportError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_DEPTH = 32
MAX_BYTES = 1_000_000
# The plain (unquoted) values that mean "no value".
NULLS = frozenset(("", "~", "null", "Null", "NULL"))


@dataclass(slots=True)
class Scalar:
    value: str
    line: int
    column: int
    plain: bool  # unquoted: `null`, `~` and empty mean "no value"

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in NULLS


@dataclass(slots=True)
class Sequence:
    items: list[Node]
    line: int
    column: int


@dataclass(slots=True)
class Mapping:
    items: list[tuple[Scalar, Node]]
    line: int
    column: int
    keys: dict[str, Node] = field(default_factory=dict)


Node = Scalar | Sequence | Mapping


@dataclass(frozen=True)
class YamlError(Exception):
    """A reason the text is not acceptable YAML, with its 1-based position."""

    message: str
    line: int
    column: int


def describe(node: Node) -> str:
    """How a node reads to a contributor, for 'must be text, not ...' messages."""
    if isinstance(node, Mapping):
        return "a mapping (key: value pairs)"
    if isinstance(node, Sequence):
        return "a list"
    return "null" if node.is_null else "text"


def parse(text: str, first_line: int = 1) -> Node | None:
    """Parse one YAML document; None when it is empty. Raises YamlError.

    `first_line` is the file line of the text's first line (front matter starts on 2).
    """
    # A character is at most 4 bytes in UTF-8: only a long text needs encoding to measure.
    if len(text) > MAX_BYTES // 4 and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise YamlError(f"file is larger than {MAX_BYTES // 1000} kB", first_line, 1)
    parser = _Loader(text)
    try:
        with libyaml_errors(text, first_line):
            return _Composer(parser.get_event, first_line - 1).document()
    finally:
        parser.dispose()


class libyaml_errors:
    """What libyaml raises inside, as a YamlError at the file's line and column (`text`
    is what it parsed, starting on the file's line `first_line`). A class, not a
    generator: a YamlError raised inside passes through untouched (it is frozen)."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.text = text
        self.first_line = first_line

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: Any
    ) -> None:
        first_line, text = self.first_line, self.text
        if isinstance(exc, yaml.MarkedYAMLError):
            mark = exc.problem_mark or exc.context_mark
            problem = exc.problem or exc.context or "invalid YAML"
            line = mark.line + first_line if mark else first_line
            column = mark.column + 1 if mark else 1
            raise YamlError(f"invalid YAML: {problem}", line, column) from None
        if isinstance(exc, yaml.reader.ReaderError):  # control characters and the like
            line = first_line + text.count("\n", 0, exc.position)
            column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
            raise YamlError(
                f"character #x{exc.character:04x} is not allowed in YAML", line, column
            ) from None
        if isinstance(exc, yaml.YAMLError):
            raise YamlError(f"invalid YAML: {exc}", first_line, 1) from None


class _Composer:
    """Builds nodes from events with an explicit stack, never by recursion."""

    def __init__(self, next_event: Callable[[], Any], line_offset: int) -> None:
        # Straight from libyaml's parser: `yaml.parse` adds a Python generator step per event.
        self.next_event = next_event
        self.offset = line_offset

    def _pos(self, event: yaml.Event) -> tuple[int, int]:
        mark = event.start_mark
        if mark is None:
            return 1 + self.offset, 1
        return mark.line + 1 + self.offset, mark.column + 1

    def _refuse_extras(self, event: yaml.Event) -> None:
        line, column = self._pos(event)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise YamlError(
                f"anchors (&{anchor}) are not allowed: write the value out", line, column
            )
        tag = getattr(event, "tag", None)
        implicit = getattr(event, "implicit", True)
        explicit = (not any(implicit)) if isinstance(implicit, tuple) else (not implicit)
        if tag not in (None, "!") and explicit:
            raise YamlError(f"tags ({tag}) are not allowed", line, column)

    def document(self) -> Node | None:
        root: Node | None = None
        # The open containers, innermost last, each saved with the state of its parent
        # (the parent's items, its keys when it is a mapping, its pending key): the
        # innermost one's state lives in locals, so an event costs a few local steps.
        stack: list[tuple[Any, Any, Any, Any]] = []
        container: Mapping | Sequence | None = None
        items: list[Any] = []
        keys: dict[str, Node] | None = None  # None: the container is a sequence
        key: Scalar | None = None  # a mapping's key waiting for its value
        documents = 0
        line0 = self.offset + 1
        # Compared by exact type, most frequent first: both parsers make these very classes.
        scalar_event, mapping_start, sequence_start = (
            yaml.ScalarEvent,
            yaml.MappingStartEvent,
            yaml.SequenceStartEvent,
        )
        mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        event: Any  # its class is known only by the comparisons below
        next_event = self.next_event
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is scalar_event:
                if event.anchor is not None or event.tag is not None:
                    self._refuse_extras(event)
                mark = event.start_mark
                node = Scalar(event.value, mark.line + line0, mark.column + 1, not event.style)
                if container is None:
                    root = node
                elif keys is None:
                    items.append(node)
                elif key is None:
                    if node.value in keys:
                        self._duplicate(items, node)
                    key = node
                else:
                    items.append((key, node))
                    keys[key.value] = node
                    key = None
                continue
            if kind is mapping_end or kind is sequence_end:
                container, items, keys, key = stack.pop()
                continue
            if kind is mapping_start or kind is sequence_start:
                if event.anchor is not None or event.tag is not None:
                    self._refuse_extras(event)
                mark = event.start_mark
                line, column = mark.line + line0, mark.column + 1
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(f"nested deeper than {MAX_DEPTH} levels", line, column)
                new: Mapping | Sequence
                new_keys: dict[str, Node] | None = None
                if kind is mapping_start:
                    new = Mapping([], line, column)
                    new_keys = new.keys
                else:
                    new = Sequence([], line, column)
                if container is None:
                    if root is None:
                        root = new
                elif keys is None:
                    items.append(new)
                elif key is None:
                    raise YamlError("keys must be plain text", line, column)
                else:
                    items.append((key, new))
                    keys[key.value] = new
                    key = None
                stack.append((container, items, keys, key))
                container, items, keys, key = new, new.items, new_keys, None
                continue
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    line, column = self._pos(event)
                    raise YamlError(
                        "more than one YAML document: a file holds exactly one", line, column
                    )
                continue
            if isinstance(event, yaml.AliasEvent):
                line, column = self._pos(event)
                raise YamlError(
                    f"aliases (*{event.anchor}) are not allowed: write the value out",
                    line,
                    column,
                )
        return root

    @staticmethod
    def _duplicate(items: list[tuple[Scalar, Node]], key: Scalar) -> None:
        first = next(k for k, _ in items if k.value == key.value)
        raise YamlError(
            f"duplicate key `{key.value}` (first on line {first.line})", key.line, key.column
        )
