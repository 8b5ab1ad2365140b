"""Defence in depth behind the engine's gate: front-matter values the theme prints raw
reach it with their markup characters escaped, at any depth; character references stay."""

from __future__ import annotations

from generator.mkdocs_plugin.plugin import _inert


def test_front_matter_markup_is_escaped_before_the_theme_prints_it() -> None:
    meta = {
        "title": "<img src=x onerror=alert(1)>",
        "description": 'It" onmouseover="alert(1)',
        "author": "O'Brien &amp; Co",
        "tags": ["<b>tag</b>", "plain"],
        "search": {"boost": 2, "exclude": False},
        "hide": ["toc"],
    }
    assert _inert(meta) == {
        "title": "&lt;img src=x onerror=alert(1)&gt;",
        "description": "It&quot; onmouseover=&quot;alert(1)",
        "author": "O&#39;Brien &amp; Co",
        "tags": ["&lt;b&gt;tag&lt;/b&gt;", "plain"],
        "search": {"boost": 2, "exclude": False},
        "hide": ["toc"],
    }
