"""Front matter and titles made inert: the theme prints them into HTML unescaped.

The engine's gate already refuses markup in the front matter of hand-written pages; should
anything slip past it, it still reaches the reader as text.
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape

# Markup characters only: a character reference (`&amp;`) in a value stays what the theme
# has always made of it, text.
_MARKUP = str.maketrans({"<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


def inert(value: Any) -> Any:
    """Front matter with every string's markup characters escaped, at any depth."""
    if isinstance(value, str):
        return value.translate(_MARKUP)
    if isinstance(value, dict):
        return {k: inert(v) for k, v in value.items()}
    if isinstance(value, list):
        return [inert(v) for v in value]
    return value


def escape_title(text: str) -> str:
    """A generated page's plain-text title, escaped for a theme that prints it as is."""
    return str(escape(text))
