"""Material's page furniture, rendered once per build for all the pages it is the same for.

Material renders the sidebar, the header, the search dialog, the footer, the config and
script tags and the language lookups afresh for every page. Around the plugin's thousands of
claim and source pages (outside the nav) that output is the same for every page in the same
folder (the header but for the page's title): the memo renders it once and reuses it.

What makes a reuse provably right:

- Only Material's own templates are memoised, and only the versions read for this module
  (`REVIEWED`, by the hash of their source): an override from the publication's custom_dir,
  or a Material release that changed them, is rendered as usual.
- A memoised part is keyed by everything it reads of the page: the features, `base_url`,
  the language, and per part what else it reads (which nav items are active, whether the
  page is in the nav, its hide flags, an empty table of contents, no previous or next page).
  A part whose page is not what the key can describe (a page in the nav, a table of
  contents), or whose context defines a name Material reads only when it has not set it
  itself, is rendered as usual.
- What a part reads through a filter that takes the page (`url`, `script_tag`: relative
  URLs) is recorded with its result, and the stored output is reused only where each call
  gives the same result for the new page.
- Every template a part loads while it is first rendered must be one of the reviewed ones,
  or one that reads nothing at all (an icon, a language's table); otherwise it is not kept.
- The memo belongs to one build's template environment (MkDocs makes a new one per build),
  so it never outlives a change of nav, config or templates under `mkdocs serve`. Within a
  build MkDocs has read every page before it renders any, so what the nav shows of other
  pages (titles, URLs, meta) is settled by then.
"""

from __future__ import annotations

import functools
import hashlib
import re
import weakref
from collections.abc import Callable, Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template, pass_context
from jinja2.environment import TemplateModule
from jinja2.meta import TrackingCodeGenerator, find_referenced_templates
from jinja2.runtime import Context, Macro, Undefined
from jinja2.utils import missing

from ._host import Link, Page, Section, TableOfContents

# Material's templates this module was written against (`digest` of the source): every
# variable and filter they read is accounted for in the keys below.
REVIEWED_VERSION = "9.8.1"
REVIEWED = {
    "base.html": "f2619e54ea45ff22e716448e1ae88be6",
    "partials/header.html": "8cf3fb15bcf969ff596649616fd99366",
    "partials/alternate.html": "572b1d4dae611aa5fd65107edec95e44",
    "partials/nav.html": "af33f6e032f632eb055c365eb5f1a975",
    "partials/nav-item.html": "89895208f22d68ce405a4bcb6649b915",
    "partials/toc.html": "fde48f583563364b0e0e6865a5ab1e70",
    "partials/toc-item.html": "418f31ce2e6d559934f610084a5c8493",
    "partials/search.html": "bfd556535abcddb99396ab2a7e3acc2e",
    "partials/logo.html": "e0925ef6c190174a5162ed1ecc552950",
    "partials/footer.html": "50c2a75f013b7b03fb97f381860c77df",
    "partials/copyright.html": "bc86bca3bf75070fe5d72e2a3463bddd",
    "partials/social.html": "e8b2f5f9d8a692ba7d4bbe242535487d",
    "partials/source.html": "6847616d67be4920d39c278c2799bf20",
    "partials/icons.html": "461a02930eb982ef17829cfe5ebb9f8d",
    "partials/palette.html": "fb935107ae7d3d7475965019eec36c1a",
    "partials/language.html": "3a44516f305006ac794f51a45ad7b532",
    "partials/javascripts/base.html": "d6113712bc4deb30b4bd810ee0dfc28b",
    "partials/javascripts/content.html": "3722e156f0f6339de39fbbfc178b6e40",
    "partials/integrations/analytics.html": "3dba249b95699a16f243168a47234282",
}

# What changes in Material's templates from one release to the next without changing what
# they do: the names of its bundled assets (a hash of their content) and its version.
RELEASE_CONSTANTS = (
    (re.compile(rb"\.[0-9a-f]{8}\.min\.(css|js)\b"), rb".min.\1"),
    (re.compile(rb"mkdocs-material-[0-9][0-9A-Za-z.+-]*"), b"mkdocs-material"),
)


def digest(source: bytes) -> str:
    """The hash `REVIEWED` holds for a template's source, release constants aside."""
    for pattern, constant in RELEASE_CONSTANTS:
        source = pattern.sub(constant, source)
    return hashlib.sha256(source).hexdigest()[:32]


# Jinja's globals that give the same for the same arguments (not `lipsum`: random words).
PURE_GLOBALS = frozenset({"range", "dict", "cycler", "joiner", "namespace"})

# How many outputs one key keeps (pages in different folders differ by their relative URLs).
VARIANTS = 16

Key = tuple[Any, ...]
Check = tuple[Callable[..., Any], tuple[Any, ...], tuple[tuple[str, Any], ...], Any]
Render = Callable[[Context], Iterator[str]]


class _Recording:
    """What one part read through the page's filters, and whether all it loaded is known."""

    __slots__ = ("checks", "trusted")

    def __init__(self) -> None:
        self.checks: list[Check] = []
        self.trusted = True


class ThemeMemo:
    """The memo of one build's template environment; `install` it from `on_env`."""

    def __init__(self, env: Environment, material: Path) -> None:
        self.env = env
        self.material = material
        self.outputs: dict[Key, list[tuple[tuple[Check, ...], str]]] = {}
        self.words: dict[str, dict[str, Any]] = {}  # language template -> key -> `t(key)`
        self.tables: dict[str, bool] = {}  # language template -> it and en.html read nothing
        # One module of language.html per language: it exports only `t`, a function of its
        # key and the language's (fixed) tables, so every page can share it.
        self.modules: dict[str, TemplateModule] = {}
        self.languages: dict[int, str] = {}  # id of a module above -> its language
        self.recording: list[_Recording] = []
        # header.html: the text before and after the page's title, by key; keys it failed for
        self.around: dict[Key, list[tuple[tuple[Check, ...], str, str]]] = {}
        self.failed: set[Key] = set()
        self.trust: dict[tuple[str | None, str | None], bool] = {}
        self.patched: weakref.WeakSet[Template] = weakref.WeakSet()
        self.hits = 0
        self.misses = 0

    # -- setting up

    def install(self) -> None:
        env = self.env
        for name, f in list(env.filters.items()):
            if _takes_context(f):
                env.filters[name] = self._recorded(f)
        get_template = env.get_template
        select_template = env.select_template

        def get(name: Any, parent: Any = None, globals: Any = None) -> Template:
            return self._loaded(get_template(name, parent, globals))

        def select(names: Any, parent: Any = None, globals: Any = None) -> Template:
            return self._loaded(select_template(names, parent, globals))

        # Compiled templates call `environment.get_template` (and `get_or_select_template`
        # calls `self.get_template`): the instance's attribute is found first.
        env.get_template = get  # type: ignore[method-assign]
        env.select_template = select  # type: ignore[method-assign]

    def _recorded(self, f: Callable[..., Any]) -> Callable[..., Any]:
        recording = self.recording

        @pass_context
        def recorded(context: Context, *args: Any, **kwargs: Any) -> Any:
            result = f(context, *args, **kwargs)
            if recording:
                check = (f, args, tuple(kwargs.items()), result)
                for each in recording:
                    each.checks.append(check)
            return result

        return recorded

    def _loaded(self, template: Template) -> Template:
        if self.recording and not self._trusted(template):
            for each in self.recording:
                each.trusted = False
        if template not in self.patched:
            self.patched.add(template)
            if self._reviewed(template):
                self._patch(template)
        return template

    def _reviewed(self, template: Template) -> bool:
        name, filename = template.name, template.filename
        if name not in REVIEWED or filename is None:
            return False
        path = Path(filename)
        if path != self.material / name:
            return False
        return digest(path.read_bytes()) == REVIEWED[name]

    def _trusted(self, template: Template) -> bool:
        """Reviewed, or reading nothing at all (its output is the same for every page)."""
        known = self.trust.get((template.name, template.filename))
        if known is None:
            known = self._reviewed(template) or self._static(template)
            self.trust[(template.name, template.filename)] = known
        return known

    def _static(self, template: Template) -> bool:
        """Whether `template` reads nothing: no variable, no template, and of the globals
        only Jinja's own pure ones (not `lipsum`, nor what a plugin or gettext adds)."""
        if template.name is None or self.env.loader is None:
            return False
        try:
            source = self.env.loader.get_source(self.env, template.name)[0]
            tree = self.env.parse(source)
            if list(find_referenced_templates(tree)):
                return False
            tracker = TrackingCodeGenerator(self._plain)
            tracker.visit(tree)
        except Exception:  # what cannot be read this way is not known to read nothing
            return False
        return not tracker.undeclared_identifiers

    @functools.cached_property
    def _plain(self) -> Environment:
        plain = Environment()
        plain.filters = self.env.filters
        plain.tests = self.env.tests
        plain.globals = {k: v for k, v in plain.globals.items() if k in PURE_GLOBALS}
        return plain

    def _patch(self, template: Template) -> None:
        name = template.name
        if name == "partials/language.html":
            self._patch_language(template)
        elif name == "base.html":
            blocks = dict(template.blocks)
            for block, (key, unset) in BLOCKS.items():
                if block in blocks:
                    blocks[block] = self._memo(f"{name}#{block}", key, unset, blocks[block])
            template.blocks = blocks
        elif name == HEADER:
            template.root_render_func = self._memo_header(template.root_render_func)
        elif name in INCLUDES:
            key, unset = INCLUDES[name]
            template.root_render_func = self._memo(name, key, unset, template.root_render_func)

    # -- the memo of a part

    def _memo(self, name: str, key_of: KeyOf, unset: tuple[str, ...], render: Render) -> Render:
        def memoised(context: Context) -> Iterator[str]:
            key = self._key(name, key_of, unset, context)
            if key is None:
                yield from render(context)
                return
            variants = self.outputs.setdefault(key, [])
            for checks, output in variants:
                if all(_holds(check, context) for check in checks):
                    self.hits += 1
                    for each in self.recording:
                        each.checks.extend(checks)
                    yield output
                    return
            self.misses += 1
            recording = _Recording()
            self.recording.append(recording)
            try:
                output = "".join(render(context))
            finally:
                self.recording.pop()
            if recording.trusted and len(variants) < VARIANTS:
                variants.append((tuple(recording.checks), output))
            if not recording.trusted:
                for each in self.recording:
                    each.trusted = False
            for each in self.recording:
                each.checks.extend(recording.checks)
            yield output

        return memoised

    def _memo_header(self, render: Render) -> Render:
        """header.html, the same for every page but for the page's title (its "topic"): kept
        as the text around that title, rendered once with a stand-in page whose title is a
        placeholder (reviewed: header.html reads the page only there, and through `url`)."""

        def memoised(context: Context) -> Iterator[str]:
            key = self._key(HEADER, _same, (), context)
            page = context.resolve_or_missing("page")
            try:
                topic = _topic(self.env, page) if isinstance(page, Page) else None
            except Exception:  # rendered as usual, which reports it
                topic = None
            if key is None or topic is None or key in self.failed or self.recording:
                yield from render(context)
                return
            variants = self.around.setdefault(key, [])
            for checks, before, after in variants:
                if all(_holds(check, context) for check in checks):
                    self.hits += 1
                    yield before + topic + after
                    return
            self.misses += 1
            recording = _Recording()
            self.recording.append(recording)
            try:
                stand_in = context.derived({"page": _StandIn(page.url)})
                output = "".join(render(stand_in))
            finally:
                self.recording.pop()
            parts = output.split(PLACEHOLDER)
            checks = tuple(recording.checks)
            if (
                not recording.trusted
                or len(parts) != 2
                or not all(_holds(check, context) for check in checks)
            ):
                self.failed.add(key)
                yield from render(context)
                return
            if len(variants) < VARIANTS:
                variants.append((checks, parts[0], parts[1]))
            yield parts[0] + topic + parts[1]

        return memoised

    def _key(
        self, name: str, key_of: KeyOf, unset: tuple[str, ...], context: Context
    ) -> Key | None:
        if unset and any(context.resolve_or_missing(n) is not missing for n in unset):
            return None
        try:
            common = self._common(context)
            if common is None:
                return None
            extra = key_of(self, context)
        except Exception:  # whatever the page holds: rendered as usual, which reports it
            return None
        return None if extra is None else (name, common, extra)

    def _common(self, context: Context) -> Key | None:
        """What every memoised part reads besides its own: config, nav, features, URLs."""
        features = context.resolve_or_missing("features")
        if features is missing:  # base.html's head, before it sets them
            shown: tuple[str, ...] | None = None
        elif isinstance(features, list | tuple) and all(type(f) is str for f in features):
            shown = tuple(features)
        else:
            return None
        base_url = context.get("base_url")
        lang = context.get("lang")
        language = self.languages.get(id(lang))
        if type(base_url) is not str or language is None:
            return None
        config, nav = context.get("config"), context.get("nav")
        return (id(config), id(nav), shown, base_url, language)

    # -- the language's words

    def _patch_language(self, template: Template) -> None:
        make_module = template.make_module

        def memoised(
            vars: dict[str, Any] | None = None,
            shared: bool = False,
            locals: Any = None,
        ) -> TemplateModule:
            language = self._language(vars, locals)
            if language is None:
                return make_module(vars, shared, locals)
            module = self.modules.get(language)
            if module is None:
                module = make_module(vars, shared, locals)
                t = getattr(module, "t", None)
                if not isinstance(t, Macro):
                    return module
                module.t = _Words(t, self.words.setdefault(language, {}))  # type: ignore[attr-defined]
                self.modules[language] = module
                self.languages[id(module)] = language
            return module

        template.make_module = memoised  # type: ignore[method-assign]

    def _language(self, vars: dict[str, Any] | None, locals: Any) -> str | None:
        """The language table language.html imports, when it and the fallback read nothing
        (Material's tables, or a custom_dir's that are as plain): `t` is then a function of
        its key alone."""
        env = self.env
        if (locals and "config" in locals) or not vars or "config" not in vars:
            return None
        try:
            theme = env.getattr(vars["config"], "theme")
            name = f"partials/languages/{env.getattr(theme, 'language')}.html"
        except Exception:
            return None
        known = self.tables.get(name)
        if known is None:
            try:
                tables = [env.get_template(n) for n in (name, "partials/languages/en.html")]
                known = all(self._static(t) for t in tables)
            except Exception:
                known = False
            self.tables[name] = known
        return name if known else None


class _Words:
    """language.html's `t`, looked up once per key: its tables are fixed."""

    def __init__(self, macro: Macro, table: dict[str, Any]) -> None:
        self.macro = macro
        self.table = table

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if len(args) != 1 or kwargs or type(args[0]) is not str:
            return self.macro(*args, **kwargs)
        key = args[0]
        try:
            return self.table[key]
        except KeyError:
            result = self.table[key] = self.macro(key)
            return result


HEADER = "partials/header.html"
# The stand-in page's title: a text no title holds (a NUL cannot come from MkDocs' sources).
PLACEHOLDER = "\x00factcheck-theme-memo-topic\x00"


class _StandIn:
    """The page as header.html's memo renders it: its URL (for relative links), a placeholder
    for its title, no meta."""

    __slots__ = ("meta", "title", "url")

    def __init__(self, url: str) -> None:
        self.url = url
        self.title = PLACEHOLDER
        self.meta: dict[str, Any] = {}


def _topic(env: Environment, page: Page) -> str | None:
    """What header.html prints as the page's title: `page.meta.title` if the page has one,
    else `page.title`, as `{{ }}` prints it (without autoescape or finalize: `str`)."""
    if env.autoescape is not False or env.finalize is not None or env.undefined is not Undefined:
        return None
    meta = env.getattr(page, "meta")
    value = meta and env.getattr(meta, "title")
    if not value:
        value = env.getattr(page, "title")
    return str(value)


def _takes_context(f: Callable[..., Any]) -> bool:
    passes = getattr(f, "jinja_pass_arg", None)
    return getattr(passes, "name", None) == "context"


def _holds(check: Check, context: Context) -> bool:
    f, args, kwargs, result = check
    now = f(context, *args, **dict(kwargs)) if kwargs else f(context, *args)
    return bool(now == result)


# -- what each part reads of the page, beyond the common key (None: render as usual)

KeyOf = Callable[[ThemeMemo, Context], Key | None]


def _same(memo: ThemeMemo, context: Context) -> Key | None:
    """Parts that read only config, features, the language and relative URLs."""
    return ()


def _page(context: Context) -> Page | None:
    page = context.get("page")
    return page if isinstance(page, Page) else None


def _nav(memo: ThemeMemo, context: Context) -> Key | None:
    """nav.html: which items are active; the page itself must not be one of them."""
    page = _page(context)
    nav = context.get("nav")
    items = getattr(nav, "items", None)
    if page is None or not isinstance(items, list):
        return None
    active: list[bool] = []
    stack = list(reversed(items))
    while stack:
        item = stack.pop()
        if type(item) not in (Page, Section, Link) or item == page:
            return None
        if hasattr(item, "pages"):  # a view listing pages (`page in nav_item.pages`)
            return None
        state = item.active
        if type(state) is not bool:
            return None
        active.append(state)
        children = item.children
        if children:
            if not isinstance(children, list):
                return None
            stack.extend(reversed(children))
    return tuple(active)


def _empty_toc(memo: ThemeMemo, context: Context) -> Key | None:
    """toc.html: only a page without headings (its table shows just the title)."""
    page = _page(context)
    if page is None:
        return None
    toc = page.toc
    return () if isinstance(toc, TableOfContents) and len(toc) == 0 else None


def _no_neighbours(memo: ThemeMemo, context: Context) -> Key | None:
    """footer.html: only a page with no previous or next page (one outside the nav)."""
    page = _page(context)
    if page is None or page.previous_page or page.next_page:
        return None
    return ()


def _site_nav(memo: ThemeMemo, context: Context) -> Key | None:
    """base.html's site_nav block: the nav, the page's hide flags, its empty toc."""
    nav = _nav(memo, context)
    toc = _empty_toc(memo, context)
    page = _page(context)
    if nav is None or toc is None or page is None:
        return None
    env = memo.env
    hidden: tuple[bool, bool] | None = None
    meta = env.getattr(page, "meta")
    if meta:
        hide = env.getattr(meta, "hide")
        if hide:
            hidden = ("navigation" in hide, "toc" in hide)
    return (nav, hidden)


# Names a part reads from the page's context when it has not set them itself (Material sets
# some only on one branch): a part is memoised only while none of them is defined.
NAV_UNSET = ("is_section", "is_pruned", "indeterminate")  # nav-item.html's `render`
ICONS_UNSET = ("modifier",)  # icons.html, for a "default" tag icon
ANALYTICS_UNSET = ("provider",)  # analytics.html, without an analytics provider

INCLUDES: dict[str, tuple[KeyOf, tuple[str, ...]]] = {
    "partials/nav.html": (_nav, NAV_UNSET),
    "partials/toc.html": (_empty_toc, ()),
    "partials/search.html": (_same, ()),
    "partials/logo.html": (_same, ()),
    "partials/footer.html": (_no_neighbours, ()),
    "partials/palette.html": (_same, ()),
    "partials/icons.html": (_same, ICONS_UNSET),
    "partials/javascripts/base.html": (_same, ()),
    "partials/javascripts/content.html": (_same, ()),
}

BLOCKS: dict[str, tuple[KeyOf, tuple[str, ...]]] = {
    "styles": (_same, ICONS_UNSET),
    "libs": (_same, ()),
    "fonts": (_same, ()),
    "analytics": (_same, ANALYTICS_UNSET),
    "site_nav": (_site_nav, ("hidden", *NAV_UNSET)),
    "footer": (_no_neighbours, ()),
    "config": (_same, ()),
    "scripts": (_same, ()),
}


def material_templates() -> Path | None:
    """Where Material's own templates are, if Material is installed."""
    spec = find_spec("material.templates")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent


def install(env: Environment) -> ThemeMemo | None:
    """Give `env` (one build's) a memo of Material's page furniture."""
    material = material_templates()
    if material is None:
        return None
    memo = ThemeMemo(env, material)
    memo.install()
    return memo
