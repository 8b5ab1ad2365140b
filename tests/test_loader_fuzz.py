"""Property: whatever bytes or YAML a contributor commits, loading only ever returns
problems; it never raises."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.claims import load_claim
from generator.files import TextFile, read_text
from generator.model import Problem
from generator.sources import load_source

yaml_scalars = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "no",
            "yes",
            "1:30",
            "010",
            "2020-02-30",
            "~",
            "null",
            ".inf",
            "0x1F",
            "!!python/object:os.system",
            "*alias",
            "&anchor x",
            "? complex",
            "- -",
        ]
    ),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "claim",
                    "kind",
                    "evidence",
                    "source",
                    "excerpt",
                    "value",
                    "verdict",
                    "rating",
                    "x",
                ]
            ),
            children,
            max_size=4,
        ),
    ),
    max_leaves=12,
)


def to_yaml(value: object, indent: int = 0) -> str:
    pad = " " * indent
    if isinstance(value, dict):
        return "".join(f"{pad}{k}:\n{to_yaml(v, indent + 2)}" for k, v in value.items()) or "{}\n"
    if isinstance(value, list):
        return "".join(f"{pad}-\n{to_yaml(v, indent + 2)}" for v in value) or f"{pad}[]\n"
    return f"{pad}{value}\n"


def load_both(text: str) -> list[Problem]:
    problems: list[Problem] = []
    load_claim(TextFile("fuzz", "claims/fuzz.yaml", text), problems)
    load_source(
        TextFile("fuzz", "content/sources/fuzz.md", "---\n" + text + "---\nBody\n"), problems
    )
    return problems


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_random_text_never_raises(text: str) -> None:
    for problem in load_both(text):
        assert problem.line >= 1 and problem.column >= 1


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_values)
def test_random_yaml_never_raises(value: object) -> None:
    load_both(to_yaml(value))


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_random_bytes_never_raise(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "claim.yaml"
    path.write_bytes(data)
    problems: list[Problem] = []
    text = read_text(path, "claims/claim.yaml", problems)
    if text is None:
        assert problems and problems[0].file == "claims/claim.yaml"
    else:
        load_both(text)
