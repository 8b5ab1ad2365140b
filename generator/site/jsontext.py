"""JSON text as `json.dumps(value, ensure_ascii=False, indent=...)` writes it, faster.

With an indent, the standard library writes JSON with its pure-Python encoder, a chain of
generators yielding every comma and bracket: `/claims.json` of a large publication is a
megabyte written that way. This writes the same text by appending to one list, with the
standard library's own string encoder (in C) and number formats. Values it does not know
(anything but dicts with string keys, lists, tuples, strings, numbers, booleans and
None) are left to `json.dumps` whole, so the text is always the standard library's.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import encode_basestring

_INFINITY = float("inf")


class _Unknown(Exception):
    """A value this writer leaves to `json.dumps`."""


def dumps(value: object, indent: int = 2) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=indent)`."""
    out: list[str] = []
    try:
        _write(value, out.append, "\n", " " * indent)
    except (_Unknown, RecursionError):
        return json.dumps(value, ensure_ascii=False, indent=indent)
    return "".join(out)


def _write(value: object, write: Callable[[str], object], newline: str, step: str) -> None:
    # In the order json's encoder tests them: a bool is an int, a str subclass a str.
    if isinstance(value, str):
        write(encode_basestring(value))
    elif value is None:
        write("null")
    elif value is True:
        write("true")
    elif value is False:
        write("false")
    elif isinstance(value, int):
        write(int.__repr__(value))
    elif isinstance(value, float):
        write(_float(value))
    elif isinstance(value, list | tuple):
        if not value:
            write("[]")
            return
        inner = newline + step
        between = "[" + inner
        for item in value:
            write(between)
            between = "," + inner
            _write(item, write, inner, step)
        write(newline + "]")
    elif isinstance(value, dict):
        if not value:
            write("{}")
            return
        inner = newline + step
        between = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Unknown  # json turns numbers, booleans and None into keys its own way
            write(between + encode_basestring(key) + ": ")
            between = "," + inner
            _write(item, write, inner, step)
        write(newline + "}")
    else:
        raise _Unknown


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)
