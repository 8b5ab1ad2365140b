"""Generated publications for the benchmark and the worst-case tests.

`realistic` writes a newsroom-sized publication: article-length sources (paragraphs of the
seed articles with generated fact sentences among them, full front matter) and claims of
every kind with tags, notes and several excerpts each, all of which are found and read.
`ADVERSARIAL` writes small publications built to make a careless engine stall: repetition,
unmatched long excerpts, long quotations, long digit runs, every extractor's favourite
input, at the maximum sizes the engine accepts.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from generator.files import MAX_FILE_BYTES
from generator.matching import MAX_EXCERPT_CHARS

SEEDS = Path(__file__).parent / "seeds"
PLACES = ["Baghdad", "Basra", "Erbil", "Najaf", "Karbala", "Mosul", "Kirkuk", "Ramadi"]
KINDS = ["quantity", "tally", "date", "quote", "text"]


def _paragraphs() -> list[str]:
    return [
        line.strip()
        for path in sorted(SEEDS.glob("*.txt"))
        for line in path.read_text("utf-8").splitlines()
        if len(line.strip()) > 80
    ]


def _fact(kind: str, source: int, n: int, rng: random.Random) -> tuple[str, str, str | None]:
    """(sentence for the source, excerpt quoting it, value: to give or None)."""
    tag = f"{source}x{n}"
    if kind == "quantity":
        figure = f"{rng.randrange(1000, 9000):,}"
        return (
            f"Officials in sector {tag} said about {figure} troops were deployed.",
            f"said about {figure} troops were deployed",
            None,
        )
    if kind == "tally":
        a, b = rng.randrange(100, 300), rng.randrange(0, 20)
        return (f"In assembly {tag} lawmakers voted {a}-{b} on the motion.", f"voted {a}-{b}", None)
    if kind == "date":
        day = rng.randrange(1, 29)
        return (
            f"The hearing in case {tag} took place on January {day}, 2020.",
            f"took place on January {day}, 2020",
            None,
        )
    if kind == "quote":
        word = rng.choice(["northern", "western", "main", "old", "new"])
        return (
            f"“We hold the {word} base {tag},” a spokesman said.",
            f"“We hold the {word} base {tag},” a spokesman said",
            None,
        )
    place = rng.choice(PLACES)
    return (
        f"The convoy of unit {tag} reached {place} late in the evening.",
        f"reached {place} late in the evening",
        place,
    )


def _reworded(paragraph: str, vocabulary: list[str], rng: random.Random) -> str:
    """A seed paragraph with every sixth word swapped: article-like text that two
    sources share no long run of by chance (real articles are not cut from one cloth).
    The fact sentences keep it so: at most 5 words on either side of a sentence's tag, so
    with a paragraph's unswapped 5 words beside it no run of 12 words repeats by chance."""
    words = paragraph.split()
    for i in range(rng.randrange(6), len(words), 6):
        words[i] = rng.choice(vocabulary)
    return " ".join(words)


def realistic(root: Path, claims: int, sources: int, excerpts: int, seed: int = 7) -> None:
    """Every 25th source is a wire copy: it prints two paragraphs of the one before it word
    for word, as relayed reports do, so shared wording is found where it exists."""
    rng = random.Random(seed)
    paragraphs = _paragraphs()
    vocabulary = sorted({w for p in paragraphs for w in p.split()})
    previous: list[str] = []
    facts: dict[str, list[tuple[str, str, str | None]]] = {k: [] for k in KINDS}
    (root / "content" / "sources").mkdir(parents=True)
    (root / "claims").mkdir()
    for s in range(sources):
        body: list[str] = []
        filler = [_reworded(rng.choice(paragraphs), vocabulary, rng) for _ in range(15)]
        if s % 25 == 1 and previous:
            filler[3:5] = previous[3:5]
        previous = filler
        for n in range(15):
            kind = KINDS[n % len(KINDS)]
            sentence, excerpt, value = _fact(kind, s, n, rng)
            facts[kind].append((f"source-{s:05d}", excerpt, value))
            body.append(filler[n])
            body.append(sentence)
        front = (
            f'---\ntitle: "Generated report {s}"\noutlet: Outlet {s % 40}\n'
            f"url: https://example.org/reports/{s}\npublished: 2020-01-{1 + s % 28:02d}\n"
            "language: en\n---\n\n"
        )
        (root / "content" / "sources" / f"source-{s:05d}.md").write_text(
            front + "\n\n".join(body) + "\n", encoding="utf-8"
        )
    for c in range(claims):
        kind = KINDS[c % len(KINDS)]
        lines = [
            f"claim: Generated claim number {c} about the {kind} reported by several outlets.",
            f"kind: {kind}",
            f"tags: [generated, {kind}, batch-{c % 50}]",
        ]
        if kind == "quantity":
            lines += ["unit: troops", "tolerance: 10%"]
        lines.append("evidence:")
        for source, excerpt, value in rng.sample(facts[kind], excerpts):
            lines += [f"  - source: {source}", f"    excerpt: {_quoted(excerpt)}"]
            if value is not None:
                lines.append(f"    value: {value}")
        lines += [
            "notes: |",
            "  The figures come from generated reports. *Each* outlet is quoted word for word;",
            "  see [the methodology](../methodology.md) for how values are compared.",
        ]
        (root / "claims" / f"claim-{c:05d}.yaml").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- worst cases -------------------------------------------------------------------------


def _publication(root: Path, source: str, kind: str, excerpts: list[str], value: str = "") -> None:
    (root / "content" / "sources").mkdir(parents=True)
    (root / "claims").mkdir()
    (root / "content" / "sources" / "src.md").write_text(
        f'---\ntitle: "Worst case"\n---\n\n{source}\n', encoding="utf-8"
    )
    lines = ["claim: A worst case.", f"kind: {kind}", "evidence:"]
    for excerpt in excerpts:
        lines += ["  - source: src", f"    excerpt: {_quoted(excerpt)}"]
        if value:
            lines.append(f"    value: {value}")
    (root / "claims" / "worst.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


# The largest source body that stays under the file limit with its front matter.
_BODY = MAX_FILE_BYTES - 100


def _words(n: int, rng: random.Random) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return " ".join("".join(rng.choices(letters, k=rng.randrange(3, 9))) for _ in range(n))


def _fit(text: str, most: int = MAX_EXCERPT_CHARS) -> str:
    return text[:most].rsplit(" ", 1)[0]


def ones_long_excerpt(root: Path) -> None:
    """32 KB of "1 " and a 16 KB excerpt that is not in it (over the excerpt limit)."""
    _publication(root, "1 " * 16_000, "quantity", ["1 " * 8_000 + "2"])


def ones_max_excerpt_max_source(root: Path) -> None:
    """A source of "1 " at the file limit and an unmatched excerpt at the excerpt limit."""
    excerpt = _fit("1 " * MAX_EXCERPT_CHARS, MAX_EXCERPT_CHARS - 2) + " 2"
    _publication(root, "1 " * (_BODY // 2), "quantity", [excerpt])


def words_none_in_source(root: Path) -> None:
    """A 2,000-word excerpt none of whose words is in the source (over the limit), and one
    at the limit against a source at the file limit."""
    rng = random.Random(1)
    source = _words(_BODY // 7, rng)
    _publication(root, source, "quote", [_words(2_000, random.Random(2)).upper()])
    (root / "claims" / "at-limit.yaml").write_text(
        "claim: At the limit.\nkind: quote\nevidence:\n  - source: src\n"
        f"    excerpt: {_quoted(_fit(_words(400, random.Random(3)).upper()))}\n",
        encoding="utf-8",
    )


def january_fives(root: Path) -> None:
    """Repeated "January 5 " (10 KB, and at the file limit) with an unmatched excerpt."""
    excerpt = _fit("January 5 " * 300, MAX_EXCERPT_CHARS - 5) + " 2020"
    _publication(root, "January 5 " * 1_000, "date", [excerpt])
    big = root / "content" / "sources" / "big.md"
    big.write_text('---\ntitle: "Big"\n---\n\n' + "January 5 " * (_BODY // 10), encoding="utf-8")
    (root / "claims" / "big.yaml").write_text(
        f"claim: Big.\nkind: date\nevidence:\n  - source: big\n    excerpt: {_quoted(excerpt)}\n",
        encoding="utf-8",
    )


def two_long_quotations(root: Path) -> None:
    """A valid claim quoting two quotations at the excerpt limit, in sources at the file
    limit, that differ in every other word (the word comparison's worst case)."""
    rng = random.Random(4)
    words = _fit(_words(600, rng), MAX_EXCERPT_CHARS - 2).split()
    other = [w if i % 2 else w[::-1] for i, w in enumerate(words)]
    filler = _words((_BODY - 2 * MAX_EXCERPT_CHARS) // 14, rng)
    for name, quote in (("one", words), ("two", other)):
        text = f"{filler}. He said “{' '.join(quote)}” and left. {filler}"
        (root / "content" / "sources").mkdir(parents=True, exist_ok=True)
        (root / "content" / "sources" / f"{name}.md").write_text(
            f'---\ntitle: "{name}"\n---\n\n{text[:_BODY]}\n', encoding="utf-8"
        )
    (root / "claims").mkdir()
    lines = ["claim: Two long quotations.", "kind: quote", "evidence:"]
    for name, quote in (("one", words), ("two", other)):
        excerpt = "“" + " ".join(quote) + "”"
        lines += [f"  - source: {name}", f"    excerpt: {_quoted(excerpt)}"]
    (root / "claims" / "quotes.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def digit_runs(root: Path) -> None:
    """A source that is one long run of digits, an excerpt of digits not in it, and a
    quantity whose figure is hundreds of digits long."""
    source = "1" * (_BODY // 2) + " 5,000 troops"
    _publication(root, source, "quantity", ["2" * MAX_EXCERPT_CHARS, "5,000 troops"])
    (root / "claims" / "long.yaml").write_text(
        "claim: Long.\nkind: quantity\nevidence:\n  - source: src\n"
        f"    excerpt: {_quoted('1' * 1_500)}\n",
        encoding="utf-8",
    )


def extractor_favourites(root: Path) -> None:
    """Excerpts at the limit full of what each extractor looks for, found in the source:
    figures with hedges, tallies, dates, quotation marks, scale words."""
    pieces = {
        "quantity": "about 5,000 or more than 1.2 million, at least twenty-five, ",
        "tally": "170-0 by 170 votes to 0 and 170 to 0, ",
        "date": "on January 5, 2020 and Tuesday, 5 January 2020, earlier this month, ",
        "quote": "“a “b” ‘c’ “d ",
        "text": "Baghdad, Baghdad, ",
    }
    (root / "content" / "sources").mkdir(parents=True)
    (root / "claims").mkdir()
    for kind, piece in pieces.items():
        excerpt = _fit(piece * (MAX_EXCERPT_CHARS // len(piece) + 1))
        body = (excerpt + " ") * (_BODY // (len(excerpt) + 1) // 4)
        (root / "content" / "sources" / f"{kind}.md").write_text(
            f'---\ntitle: "{kind}"\npublished: 2020-01-10\n---\n\n{body}\n', encoding="utf-8"
        )
        (root / "claims" / f"{kind}.yaml").write_text(
            f"claim: Many {kind} figures.\nkind: {kind}\nevidence:\n  - source: {kind}\n"
            f"    excerpt: {_quoted(excerpt)}\n",
            encoding="utf-8",
        )


def many_unmatched_excerpts(root: Path) -> None:
    """A claim file at the size limit full of unmatched excerpts against a repetitive
    source at its limit: the cost of every nearest-passage search adds up."""
    rng = random.Random(5)
    source = ("the troops " * 5 + _words(20, rng) + ". ") * (_BODY // 200)
    excerpt = _fit(("the troops " * 5 + "and others ") * 40)
    count = 200
    _publication(root, source[:_BODY], "quantity", [excerpt] * count)


ADVERSARIAL: dict[str, Callable[[Path], None]] = {
    f.__name__: f
    for f in (
        ones_long_excerpt,
        ones_max_excerpt_max_source,
        words_none_in_source,
        january_fives,
        two_long_quotations,
        digit_runs,
        extractor_favourites,
        many_unmatched_excerpts,
    )
}


# --- the site benchmark's publications -----------------------------------------------------

SITE_CONFIG = """site_name: Generated publication
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - search
{plugins}
{nav}"""
# Claim and source pages stay out of the sidebar in both sites: a bare site of thousands
# of pages would not list them all in its navigation either.
BARE_NAV = """nav:
  - Home: index.md
  - Claims: claims/index.md
  - Sources: sources/index.md
not_in_nav: |
  /claims/
  /sources/
"""
HOME = """# Generated publication

A publication of generated claims, each checked word for word against archived copies of
generated reports. Every claim below links to its evidence.

"""


def site(root: Path) -> None:
    """Make the `realistic` publication at `root` a site: mkdocs.yml and a home page that
    lists the claims (as the bundled publication's does)."""
    (root / "mkdocs.yml").write_text(
        SITE_CONFIG.format(plugins="  - factcheck", nav=""), encoding="utf-8"
    )
    (root / "content" / "index.md").write_text(
        HOME + "## All claims\n\n<!-- factcheck:claims -->\n", encoding="utf-8"
    )


def bare_material(pub: Path, root: Path) -> None:
    """The baseline for the site rows: the publication at `pub` written as plain Markdown
    pages for bare MkDocs + Material (no plugin), the same pages with the same text: a
    page per claim (the assertion, each excerpt as a block quote under its source's title,
    the notes), a page per source (its metadata and text), and the two listings."""
    import yaml

    docs = root / "content"
    (docs / "claims").mkdir(parents=True)
    (docs / "sources").mkdir()
    (root / "mkdocs.yml").write_text(SITE_CONFIG.format(plugins="", nav=BARE_NAV), encoding="utf-8")
    (docs / "index.md").write_text(HOME, encoding="utf-8")
    titles: dict[str, str] = {}
    source_rows = []
    for path in sorted((pub / "content" / "sources").glob("*.md")):
        _, front, body = path.read_text("utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        titles[path.stem] = meta["title"]
        source_rows.append(f"- [{meta['title']}]({path.name}) {meta.get('outlet', '')}")
        lines = [f"# {meta['title']}", ""]
        lines += [f"- {key.title()}: {meta[key]}" for key in ("outlet", "url", "published")]
        lines += ["", "## Snapshot", "", body]
        (docs / "sources" / path.name).write_text("\n".join(lines), encoding="utf-8")
    claim_rows = []
    for path in sorted((pub / "claims").glob("*.yaml")):
        claim = yaml.safe_load(path.read_text("utf-8"))
        claim_rows.append(f"- [{claim['claim']}]({path.stem}.md)")
        lines = [f"# {claim['claim']}", "", f"Kind: {claim['kind']}. Tags: "]
        lines[-1] += ", ".join(claim.get("tags", [])) + "."
        lines += ["", "## Evidence", ""]
        for evidence in claim["evidence"]:
            source = evidence["source"]
            lines += [f"### [{titles[source]}](../sources/{source}.md)", ""]
            lines += [f"> {evidence['excerpt']}", ""]
            if "value" in evidence:
                lines += [f"Value: {evidence['value']}", ""]
        lines += ["## Notes", "", claim.get("notes", "")]
        (docs / "claims" / f"{path.stem}.md").write_text("\n".join(lines), encoding="utf-8")
    (docs / "claims" / "index.md").write_text(
        "# Claims\n\n" + "\n".join(claim_rows) + "\n", encoding="utf-8"
    )
    (docs / "sources" / "index.md").write_text(
        "# Sources\n\n" + "\n".join(source_rows) + "\n", encoding="utf-8"
    )
