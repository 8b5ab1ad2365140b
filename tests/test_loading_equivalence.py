"""The loaders' shortcuts against the straightforward way, on random documents.

`yamlsafe.parse` keeps the innermost container's state in locals and checks anchors and
tags only on events that carry one; `check_scalars` rules a file out by one search of
its text; `Fields` checks every key at once and reads a field's text without building
its position when nothing needs it. Each is compared here with a plain version of the
same rules: a recursive composer over the same libyaml events, a walk of every scalar,
a key-by-key check. Same trees, same positions, same errors, same problems.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.claims import load_claim
from generator.files import TextFile
from generator.model import Position, Problem
from generator.schema import Fields, did_you_mean
from generator.textrules import (
    _NOT_IN_URL,
    DIRECTION_CONTROLS,
    _url_problem,
    check_scalars,
    is_control,
    web_url_problem,
)
from generator.yamlsafe import (
    MAX_DEPTH,
    Mapping,
    Node,
    Scalar,
    Sequence,
    YamlError,
    describe,
    libyaml_errors,
    parse,
)

# --- the straightforward composer --------------------------------------------------------


def reference_parse(text: str, first_line: int = 1) -> Node | None:
    """The format's rules, composed recursively from libyaml's events."""
    parser = yaml.CSafeLoader(text)
    try:
        with libyaml_errors(text, first_line):
            return _stream(parser, first_line - 1)
    finally:
        parser.dispose()


def _at(event: Any, offset: int) -> tuple[int, int]:
    return event.start_mark.line + 1 + offset, event.start_mark.column + 1


def _refuse_extras(event: Any, offset: int) -> None:
    line, column = _at(event, offset)
    if isinstance(event, yaml.AliasEvent):
        raise YamlError(
            f"aliases (*{event.anchor}) are not allowed: write the value out", line, column
        )
    if event.anchor is not None:
        raise YamlError(
            f"anchors (&{event.anchor}) are not allowed: write the value out", line, column
        )
    implicit = event.implicit
    explicit = not any(implicit) if isinstance(implicit, tuple) else not implicit
    if event.tag not in (None, "!") and explicit:
        raise YamlError(f"tags ({event.tag}) are not allowed", line, column)


def _stream(parser: Any, offset: int) -> Node | None:
    root: Node | None = None
    documents = 0
    while (event := parser.get_event()) is not None:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                line, column = _at(event, offset)
                raise YamlError(
                    "more than one YAML document: a file holds exactly one", line, column
                )
        elif isinstance(event, yaml.NodeEvent):
            root = _node(parser, event, offset, 0)
    return root


def _node(parser: Any, event: Any, offset: int, depth: int) -> Node:
    _refuse_extras(event, offset)
    line, column = _at(event, offset)
    if isinstance(event, yaml.ScalarEvent):
        return Scalar(event.value, line, column, not event.style)
    if depth >= MAX_DEPTH:
        raise YamlError(f"nested deeper than {MAX_DEPTH} levels", line, column)
    if isinstance(event, yaml.SequenceStartEvent):
        sequence = Sequence([], line, column)
        while not isinstance(item := parser.get_event(), yaml.SequenceEndEvent):
            sequence.items.append(_node(parser, item, offset, depth + 1))
        return sequence
    mapping = Mapping([], line, column)
    while not isinstance(first := parser.get_event(), yaml.MappingEndEvent):
        if not isinstance(first, yaml.ScalarEvent):
            _refuse_extras(first, offset)
            key_line, key_column = _at(first, offset)
            if depth + 1 >= MAX_DEPTH:
                raise YamlError(f"nested deeper than {MAX_DEPTH} levels", key_line, key_column)
            raise YamlError("keys must be plain text", key_line, key_column)
        key = _node(parser, first, offset, depth + 1)
        assert isinstance(key, Scalar)
        for earlier, _ in mapping.items:
            if earlier.value == key.value:
                raise YamlError(
                    f"duplicate key `{key.value}` (first on line {earlier.line})",
                    key.line,
                    key.column,
                )
        value = _node(parser, parser.get_event(), offset, depth + 1)
        mapping.items.append((key, value))
        mapping.keys[key.value] = value
    return mapping


def shape(node: Node | None) -> object:
    """A tree as nested tuples of every value and position (a mapping's `keys` checked to
    index its items: comparing the nodes themselves would compare each value twice per
    level, which doubles with every level of nesting)."""
    if node is None or isinstance(node, Scalar):
        return node
    if isinstance(node, Sequence):
        return ("seq", node.line, node.column, [shape(item) for item in node.items])
    assert list(node.keys) == [key.value for key, _ in node.items]
    assert all(node.keys[key.value] is value for key, value in node.items)
    pairs = [(key, shape(value)) for key, value in node.items]
    return ("map", node.line, node.column, pairs)


def outcome(read: Any, text: str, first_line: int = 1) -> object:
    try:
        return shape(read(text, first_line))
    except YamlError as exc:
        return exc


# --- random documents --------------------------------------------------------------------

# Pieces of YAML, good and bad: structure, quoting, properties the format refuses,
# escapes, hidden characters, document markers.
FRAGMENTS = (
    "a",
    "b",
    "claim",
    "kind",
    "evidence",
    "x y",
    "170-0",
    "null",
    "~",
    "",
    ": ",
    ":",
    "\n",
    "\n  ",
    "\n    ",
    "- ",
    "  - ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "'",
    '"',
    "''",
    '"\\e"',
    '"\\u202e"',
    '"a\\tb"',
    "\\",
    "&a ",
    "*a",
    "!t ",
    "!!str ",
    "! ",
    "!<tag:x> ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "# note\n",
    "|\n  ",
    ">\n  ",
    "\t",
    "\r",
    "\x85",
    "\u202e",
    "\u2028",
    "\x07",
    "é",
    "مقتدى",
    "\ufeff",
)
fragment_texts = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)

# Well-formed trees, dumped in block and flow styles, with keys that may repeat once the
# dumper's text is spliced.
names = st.sampled_from(["claim", "kind", "source", "excerpt", "value", "a", "b"])
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10_000),
    st.text(st.characters(codec="utf-8"), max_size=12),
)
trees = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(names, inner, max_size=4),
    max_leaves=20,
)


@st.composite
def dumped(draw: st.DrawFn) -> str:
    tree = draw(trees)
    flow = draw(st.sampled_from([None, True, False]))
    text = yaml.safe_dump(tree, default_flow_style=flow, allow_unicode=draw(st.booleans()))
    if draw(st.booleans()):  # a splice of another dump: duplicate keys, odd indentation
        other = yaml.safe_dump(draw(trees), default_flow_style=flow)
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + other + text[cut:]
    return text


documents = st.one_of(fragment_texts, dumped(), st.text(max_size=60))

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(documents, st.sampled_from([1, 2]))
def test_parse_gives_the_straightforward_tree_or_error(text: str, first_line: int) -> None:
    assert outcome(parse, text, first_line) == outcome(reference_parse, text, first_line)


@pytest.mark.parametrize("depth", [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1])
@pytest.mark.parametrize("opening", ["[", "{a: ", "- ", "{[a]: "])
def test_nesting_at_the_limit_as_the_straightforward_way(depth: int, opening: str) -> None:
    if opening == "- ":
        text = "".join("  " * level + "-\n" for level in range(depth)) + "  " * depth + "x\n"
    else:
        closing = {"[": "]", "{a: ": "}", "{[a]: ": "}"}[opening]
        text = opening * depth + "x" + closing * depth
    assert outcome(parse, text) == outcome(reference_parse, text)


def test_every_refusal_is_found_as_the_straightforward_way() -> None:
    for text in (
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: !x [1]\n",
        "? [a]\n: 1\n",
        "{a: 1, a: 2}\n",
        "a: 1\n---\nb: 2\n",
        "[&x a, *x]\n",
        "&x {a: 1}\n",
        "a: 1\nb:\n  c: 2\n  c: 3\n",
    ):
        got = outcome(parse, text)
        assert isinstance(got, YamlError), text
        assert got == outcome(reference_parse, text), text
    # The non-specific tag `!` only says "not a plain scalar's guess": accepted both ways.
    assert outcome(parse, "a: ! 1\n") == outcome(reference_parse, "a: ! 1\n")
    assert not isinstance(outcome(parse, "a: ! 1\n"), YamlError)


# --- hidden characters: one search of the text against a walk of every value -------------


@SETTINGS
@given(documents)
def test_hidden_characters_found_from_the_text_as_from_every_value(text: str) -> None:
    try:
        node = parse(text)
    except YamlError:
        return
    by_text: list[Problem] = []
    by_walk: list[Problem] = []
    assert check_scalars("f.yaml", node, by_text, text) == check_scalars("f.yaml", node, by_walk)
    assert by_text == by_walk


# --- fields: all keys at once, text without a position ------------------------------------


def reference_unknown_keys(node: Mapping, allowed: tuple[str, ...], what: str) -> list[Problem]:
    return [
        Problem.at(
            Position("f.yaml", key.line, key.column),
            f"unknown key `{key.value}` in {what}{did_you_mean(key.value, allowed)}"
            f" (allowed: {', '.join(allowed)})",
        )
        for key, _ in node.items
        if key.value not in allowed
    ]


def reference_text(
    fields: Fields, key: str, required: bool, problems: list[Problem]
) -> tuple[str, Position] | None:
    node = fields.node.keys.get(key)
    if node is None or (isinstance(node, Scalar) and node.is_null):
        if required:
            where = node if node is not None else fields.node
            problems.append(
                Problem.at(Position("f.yaml", where.line, where.column), f"a thing needs `{key}:`")
            )
        return None
    if not isinstance(node, Scalar):
        problems.append(
            Problem.at(
                Position("f.yaml", node.line, node.column),
                f"`{key}` must be text, not {describe(node)}",
            )
        )
        return None
    if not node.value.strip():
        problems.append(Problem.at(Position("f.yaml", node.line, node.column), f"`{key}` is empty"))
        return None
    return node.value, Position("f.yaml", node.line, node.column)


ALLOWED = ("claim", "kind", "unit")
scalars = st.builds(
    Scalar,
    st.sampled_from(["", " ", "~", "null", "Null", "NULL", "x", " y ", "\t", "kind"]),
    st.integers(1, 9),
    st.integers(1, 9),
    st.booleans(),
)
values = st.one_of(
    scalars,
    st.builds(Sequence, st.lists(scalars, max_size=2), st.integers(1, 9), st.integers(1, 9)),
    st.builds(Mapping, st.just([]), st.integers(1, 9), st.integers(1, 9)),
)


@st.composite
def mappings(draw: st.DrawFn) -> Mapping:
    keys = draw(st.lists(st.sampled_from([*ALLOWED, "kidn", "zzz", "Claim"]), unique=True))
    node = Mapping([], draw(st.integers(1, 9)), draw(st.integers(1, 9)))
    for number, key in enumerate(keys, 1):
        value = draw(values)
        node.items.append((Scalar(key, number, 1, True), value))
        node.keys[key] = value
    return node


@SETTINGS
@given(mappings(), st.booleans())
def test_fields_read_as_the_straightforward_way(node: Mapping, required: bool) -> None:
    problems: list[Problem] = []
    fields = Fields("f.yaml", node, ALLOWED, problems, "a thing")
    expected = reference_unknown_keys(node, ALLOWED, "a thing")
    assert problems == expected
    for key in ALLOWED:
        got = fields.text(key, required=required)
        assert got == reference_text(fields, key, required, expected)
        assert problems == expected
        value = fields.optional_text(key)
        reference = reference_text(fields, key, False, expected)
        assert value == (reference[0] if reference else None)
        assert problems == expected


# --- whole claims: the shortcuts together ---------------------------------------------------

claim_values = st.sampled_from(
    [
        "x",
        "''",
        "~",
        "[a, b]",
        "{a: 1}",
        '"\\u202e170"',
        "quantity",
        "quantitiy",
        "5%",
        "2 days",
        "2020-01-05",
        "2020-02-30",
        "[us-presence, Bad Tag]",
    ]
)
claim_keys = st.sampled_from(
    ["claim", "kind", "unit", "tolerance", "tags", "notes", "reviewed", "reviewers", "kidn"]
)
evidence_items = st.lists(
    st.dictionaries(
        st.sampled_from(["source", "excerpt", "value", "derivation", "fingerprint", "sorce"]),
        st.sampled_from(["alwaght", "a/b.md", "x", "~", "[1, 2]", "5,200", '"a\\x07b"']),
    ),
    max_size=3,
)


@st.composite
def claim_files(draw: st.DrawFn) -> str:
    lines = [f"{k}: {v}" for k, v in draw(st.dictionaries(claim_keys, claim_values)).items()]
    items = draw(evidence_items)
    if items:
        lines.append("evidence:")
        for item in items:
            pairs = [f"{k}: {v}" for k, v in item.items()] or ["{}"]
            lines.append("  - " + "\n    ".join(pairs))
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None)
@given(claim_files())
def test_claims_load_with_the_same_problems_as_by_every_value(text: str) -> None:
    """A claim's problems do not depend on the hidden-character shortcut."""
    problems: list[Problem] = []
    claim = load_claim(TextFile("c", "claims/c.yaml", text), problems)
    try:
        node = reference_parse(text)
    except YamlError as exc:
        assert problems == [Problem("claims/c.yaml", exc.line, exc.column, "error", exc.message)]
        assert claim is None
        return
    walked: list[Problem] = []
    check_scalars("claims/c.yaml", node, walked)
    hidden = [p for p in problems if "the text contains" in p.message]
    assert hidden == walked


# --- web addresses: one pattern for the common address, the checks one by one otherwise ---


def reference_web_url_problem(url: str) -> str | None:
    text = url.strip()
    if any(ch.isspace() or is_control(ch) or ch in DIRECTION_CONTROLS for ch in text):
        return "a web address has no spaces or invisible characters"
    return _url_problem(text)


SCHEMES = ("http://", "https://", "HTTPS://", "ftp://", "http:/", "https:", "", "//")
HOST_PIECES = (
    "a",
    "Z9",
    "example",
    "org",
    ".",
    "..",
    "-",
    "@",
    "user:pass@",
    ":80",
    ":0",
    ":99999",
    ":x",
    ":",
    "[",
    "]",
    "[::1]",
    "\\",
    "é",
    "xn--bcher-kva",
    "%41",
    "_",
)
RESTS = ("", "/", "/path?q=1#f", "?x", "#y", "/a@b:c", " x", "/\u202e", "/\\", "\u3000")
urls = st.one_of(
    st.builds(
        lambda scheme, host, rest: scheme + "".join(host) + rest,
        st.sampled_from(SCHEMES),
        st.lists(st.sampled_from(HOST_PIECES), min_size=0, max_size=6),
        st.sampled_from(RESTS),
    ),
    st.builds(
        lambda scheme, rest: scheme + rest,
        st.sampled_from(SCHEMES),
        st.text(max_size=20),
    ),
)


@settings(max_examples=1000, deadline=None)
@given(urls)
def test_web_addresses_judged_as_by_every_check(url: str) -> None:
    assert web_url_problem(url) == reference_web_url_problem(url)


def test_what_an_address_never_holds_is_one_search() -> None:
    everything = "".join(map(chr, range(0x110000)))
    found = {m.start() for m in _NOT_IN_URL.finditer(everything)}
    expected = {
        code
        for code, ch in enumerate(everything)
        if ch.isspace() or is_control(ch) or ch in DIRECTION_CONTROLS
    }
    assert found == expected
