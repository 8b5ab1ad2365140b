"""Material's furniture rendered once per build (generator/mkdocs_plugin/theme_memo.py) gives
the very bytes a build without the memo gives: on the bundled publication, on a generated
one, with overrides in the theme's custom_dir (of the memoised partials and of what they
include), with generated pages in the nav, with every feature the memoised parts read, at
every depth, with and without directory URLs, and across `serve` rebuilds.
"""

from __future__ import annotations

import shutil
from importlib import metadata
from pathlib import Path

import pytest
from jinja2 import Environment

from generator.mkdocs_plugin import theme_memo
from generator.mkdocs_plugin.theme_memo import REVIEWED, REVIEWED_VERSION, ThemeMemo

pytestmark = pytest.mark.slow

CLAIM = "airport-strike-place"
SOURCE = "alwaght"


def _build(
    project: Path, site: Path, memo: bool, monkeypatch: pytest.MonkeyPatch
) -> list[ThemeMemo]:
    """Build `project` into `site`, with or without the memo; the memos the build made."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    made: list[ThemeMemo] = []
    real = theme_memo.install

    def install(env: Environment) -> ThemeMemo | None:
        if not memo:
            return None
        made_here = real(env)
        if made_here is not None:
            made.append(made_here)
        return made_here

    with monkeypatch.context() as patch:
        patch.setattr(theme_memo, "install", install)
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))
    return made


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _same_site(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ThemeMemo:
    """Build `project` without and with the memo; every file is the same. The memo used."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(project)
    plain, memoised = tmp_path / "plain", tmp_path / "memoised"
    _build(project, plain, False, monkeypatch)
    made = _build(project, memoised, True, monkeypatch)
    without, with_memo = _files(plain), _files(memoised)
    assert sorted(with_memo) == sorted(without)
    differ = [name for name in without if with_memo[name] != without[name]]
    assert differ == []
    assert len(made) == 1
    return made[0]


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


# Hand-written pages at depths one to three, with and without headings, hiding parts.
DEEP_PAGES = {
    "content/guides/flat.md": "---\nhide: [footer]\n---\n# Flat guide\n\nText.\n",
    "content/guides/deep/page.md": (
        "---\nhide: [navigation, toc]\n---\n# Deep page\n\n## A section\n\nText.\n"
    ),
    "content/guides/deep/plain.md": "Only a paragraph, no heading.\n",
    "content/guides/deep/er/still.md": "---\ntitle: Still deeper\n---\nText.\n",
    # A page whose title differs from its meta's: the header shows the meta's.
    "hooks.py": (
        "def on_page_markdown(markdown, page, **kwargs):\n"
        "    if page.meta.get('title'):\n"
        "        page.title = 'Not ' + page.meta['title']\n"
        "    return markdown\n"
    ),
}


def _kitchen_config(features: list[str], extra: str = "") -> str:
    shown = "".join(f"\n    - {f}" for f in features)
    return f"""site_name: Kitchen sink
site_url: https://example.org/pub/
docs_dir: content
repo_url: https://github.com/example/pub
edit_uri: edit/main/content/
copyright: Example copyright
theme:
  name: material
  custom_dir: site_overrides
  font: false
  features:{shown}
  icon:
    tag:
      default: material/tag
extra:
  alternate:
    - name: English
      link: /en/
      lang: en
    - name: Français
      link: fr/
      lang: fr
  social:
    - icon: fontawesome/brands/github
      link: https://github.com/example
extra_javascript:
  - https://example.org/remote.js
  - js/local.js
plugins:
  - search
  - factcheck
hooks:
  - hooks.py
markdown_extensions:
  - toc:
      permalink: true
{extra}"""


NAV_WITH_GENERATED = f"""nav:
  - Home: index.md
  - Claims:
      - claims/index.md
      - claims/{CLAIM}.md
  - Sources:
      - sources/index.md
      - sources/{SOURCE}.md
  - Guides:
      - guides/flat.md
      - guides/deep/page.md
  - Methodology: methodology.md
  - Elsewhere: https://example.org/
"""


def test_the_bundled_publication_builds_the_same(
    publication_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memo = _same_site(publication_copy, tmp_path, monkeypatch)
    assert memo.hits > memo.misses > 0 or _changed()


def test_a_generated_publication_builds_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bench_corpus

    project = tmp_path / "pub"
    bench_corpus.realistic(project, 40, 6, 2)
    bench_corpus.site(project)
    memo = _same_site(project, tmp_path, monkeypatch)
    # Claim, source and tag pages share their sidebar, search, footer, config and scripts.
    assert memo.hits > 10 * memo.misses or _changed()


@pytest.mark.parametrize(
    ("language", "features", "extra"),
    [
        (
            "fr",
            [
                "navigation.footer",
                "navigation.indexes",
                "navigation.sections",
                "navigation.tabs",
                "navigation.top",
                "search.share",
                "search.suggest",
                "content.tabs.link",
            ],
            NAV_WITH_GENERATED,
        ),
        (
            "de",
            ["navigation.footer", "navigation.tabs.sticky", "navigation.tabs", "toc.integrate"],
            NAV_WITH_GENERATED + "use_directory_urls: false\n",
        ),
        # No nav: MkDocs lists every page, the generated ones included.
        ("en", ["navigation.prune", "navigation.expand", "navigation.footer"], ""),
        ("en", [], "use_directory_urls: false\n"),
    ],
)
def test_every_feature_depth_and_nav_builds_the_same(
    publication_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    features: list[str],
    extra: str,
) -> None:
    _write(publication_copy, DEEP_PAGES)
    config = _kitchen_config(features, extra).replace(
        "  font: false\n", f"  font: false\n  language: {language}\n"
    )
    (publication_copy / "mkdocs.yml").write_text(config, "utf-8")
    memo = _same_site(publication_copy, tmp_path, monkeypatch)
    assert _used(memo)


def test_overridden_partials_are_rendered_for_each_page(
    publication_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    overrides = publication_copy / "site_overrides"
    _write(
        overrides,
        {
            "partials/nav.html": '<nav class="mine">{{ page.url }} {{ page.title }}</nav>',
            "partials/header.html": "<header>{{ page.url }} {{ lang.t('search') }}</header>",
            "partials/toc.html": "<nav>{{ page.url }}</nav>",
        },
    )
    _write(publication_copy, DEEP_PAGES)
    _same_site(publication_copy, tmp_path, monkeypatch)
    page = (tmp_path / "memoised" / "claims" / CLAIM / "index.html").read_text("utf-8")
    assert f'<nav class="mine">claims/{CLAIM}/ ' in page
    assert f"<header>claims/{CLAIM}/ Search</header>" in page


def test_overrides_of_what_memoised_partials_include_are_rendered_for_each_page(
    publication_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    overrides = publication_copy / "site_overrides"
    _write(
        overrides,
        {
            "partials/logo.html": "<b>{{ page.url }}</b>",
            "partials/copyright.html": "<i>{{ page.title }}</i>",
            "partials/nav-item.html": (
                "{% macro render(nav_item, path, level, parent) %}"
                "<li>{{ nav_item.title }} {{ page.url }}</li>{% endmacro %}"
            ),
            ".icons/material/magnify.svg": "<svg>{{ page.url }}</svg>",
        },
    )
    memo = _same_site(publication_copy, tmp_path, monkeypatch)
    assert _used(memo)
    page = (tmp_path / "memoised" / "sources" / SOURCE / "index.html").read_text("utf-8")
    assert f"<b>sources/{SOURCE}/</b>" in page
    assert f"<svg>sources/{SOURCE}/</svg>" in page
    assert f"<li>Claims sources/{SOURCE}/</li>" in page


@pytest.mark.parametrize(
    "table",
    [
        "{% macro t(key) %}{{ key | upper }}{% endmacro %}",  # plain: still memoised
        # Reads a global gettext adds: not proven plain, so not memoised.
        "{% macro t(key) %}{{ key }}{{ _('2') }}{% endmacro %}",
    ],
)
def test_a_language_table_in_the_custom_dir_is_used(
    publication_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, table: str
) -> None:
    _write(publication_copy / "site_overrides", {"partials/languages/en.html": table})
    memo = _same_site(publication_copy, tmp_path, monkeypatch)
    page = (tmp_path / "memoised" / "claims" / CLAIM / "index.html").read_text("utf-8")
    assert ('aria-label="SEARCH"' if "upper" in table else 'aria-label="search2"') in page
    assert _used(memo) if "upper" in table else memo.hits == 0


def test_a_serve_rebuild_shows_a_changed_nav_and_config(
    publication_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(publication_copy)
    yml = publication_copy / "mkdocs.yml"

    def rebuild(site: Path, start: bool = False) -> dict[str, bytes]:
        config = load_config(str(yml), site_dir=str(site))
        if start:
            config.plugins.on_startup(command="serve", dirty=False)
        build(config)
        return _files(site)

    try:
        first = rebuild(tmp_path / "served", start=True)
        yml.write_text(
            yml.read_text("utf-8")
            .replace("  - About: about.md\n", "  - About us, renamed: about.md\n")
            .replace("    - search.suggest\n", "    - search.suggest\n    - navigation.footer\n")
            .replace("  language: en\n", "  language: fr\n"),
            "utf-8",
        )
        served = rebuild(tmp_path / "served")
        fresh = rebuild(tmp_path / "fresh", start=True)
    finally:
        load_config(str(yml)).plugins.on_shutdown()
    claim = f"claims/{CLAIM}/index.html"
    assert "About us, renamed" in served[claim].decode("utf-8")
    assert served[claim] != first[claim]
    differ = [name for name in fresh if name.endswith(".html") and served[name] != fresh[name]]
    assert differ == []


def _changed() -> list[str]:
    """The reviewed templates the installed Material has changed (the memo leaves them be)."""
    material = theme_memo.material_templates()
    assert material is not None
    return [
        name
        for name, digest in REVIEWED.items()
        if theme_memo.digest((material / name).read_bytes()) != digest
    ]


def _used(memo: ThemeMemo) -> bool:
    """Whether the memo was used, where the installed Material is the reviewed one."""
    return memo.hits > 0 or bool(_changed())


def test_the_reviewed_templates_are_the_installed_ones() -> None:
    """The memo applies only to the Material templates it was written against: after a
    Material release that changed them, read what changed, then update REVIEWED."""
    changed = _changed()
    version = metadata.version("mkdocs-material")
    if changed and version != REVIEWED_VERSION:
        pytest.skip(f"Material {version} changed {changed}: rendered as usual until reviewed")
    assert changed == []


def test_a_release_constant_does_not_change_the_digest() -> None:
    template = b"<link href=\"{{ 'assets/stylesheets/main.57a0d79d.min.css' | url }}\">"
    renamed = template.replace(b"57a0d79d", b"0123abcd")
    assert theme_memo.digest(template) == theme_memo.digest(renamed)
    assert theme_memo.digest(template) != theme_memo.digest(template.replace(b"url", b"e"))


def test_templates_that_are_not_materials_are_left_alone(tmp_path: Path) -> None:
    material = theme_memo.material_templates()
    assert material is not None
    fake = tmp_path / "partials"
    fake.mkdir()
    shutil.copy2(material / "partials" / "search.html", fake / "search.html")
    from jinja2 import FileSystemLoader

    env = Environment(loader=FileSystemLoader([str(tmp_path), str(material)]))
    memo = ThemeMemo(env, material)
    memo.install()
    # Material's own source, but found in another folder (a custom_dir): not memoised.
    copy = env.get_template("partials/search.html")
    assert copy.root_render_func.__name__ == "root"
    own = env.get_template("partials/logo.html")
    reviewed = "partials/logo.html" not in _changed()
    assert own.root_render_func.__name__ == ("memoised" if reviewed else "root")
    # A static template (nothing read) is trusted wherever it is; one reading the page not.
    for name, text, trusted in [
        ("a.svg", "<svg></svg>", True),
        ("b.svg", "<svg>{{ page.url }}</svg>", False),
        ("c.html", "{% include 'a.svg' %}", False),
    ]:
        (tmp_path / name).write_text(text, "utf-8")
        assert memo._trusted(env.get_template(name)) is trusted
