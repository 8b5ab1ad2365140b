"""Shared wording: runs of 12+ words two sources print alike, and what the judge makes of them.

- The run finder reports exactly the shared runs, with spans in each original text.
- Property: every run reported is really shared, at least 12 words long and maximal; and
  every shared 12-word passage lies in a reported run.
- The judge: two sources whose cited excerpts lie in one shared run count as one origin
  and the explanation says why; sharing wording elsewhere only, they count separately
  and are flagged; "independent" appears only where nothing was found.
- A passage one source prints more than `MAX_REPEATS` times seeds no run (repetition is no
  evidence of copying); a run found from other words still extends through it.
- A large input, and every repetitive shape at the file size limit (one word, two words
  alternating, a 13-word cycle, a passage pasted the most times allowed, a wire copy in
  many sources), finishes well within a generous deadline (does not stall), with the
  runs expected.
"""

from __future__ import annotations

import random
import time
from itertools import cycle, islice

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.files import MAX_FILE_BYTES
from generator.matching import SourceIndex, find_excerpt
from generator.model import Claim, Evidence, Interval, Position, Source, Value
from generator.shared_wording import (
    MAX_REPEATS,
    MIN_WORDS,
    SharedWording,
    find_shared_wording,
    words_of,
)
from generator.verdicts import judge

HERE = Position("claims/x.yaml", 5, 14)

# A 15-word run the wire and the copier both print (with different punctuation and
# quotation marks, which do not count), and a third source that writes its own.
RUN = "Ministry said on Monday that twenty-five fighters were killed in the raids near Qaim"
RUN_COPIED = (
    "Ministry said, on Monday, that “twenty-five fighters” were killed in the raids near Qaim"
)
TEXTS = {
    "wire": f"Officials spoke after dark. {RUN}, a town on the border. Later, 25 people "
    "were said to have died in total, and a spokesman declined to comment further.",
    "copier": f"BAGHDAD - The {RUN_COPIED}. Our correspondent adds that 25 died, according to "
    "hospital sources reached by telephone late on Tuesday evening.",
    "own": "A local official told us 25 fighters died.",
}


def test_the_shared_run_is_found_with_spans_in_each_original_text() -> None:
    shared = find_shared_wording(TEXTS)
    assert list(shared.pairs) == [("copier", "wire")]
    (run,) = shared.between("wire", "copier")
    assert run.words == 15  # "twenty-five" is two words, as in every source alike
    assert TEXTS["copier"][run.first[0] : run.first[1]] == RUN_COPIED
    assert TEXTS["wire"][run.second[0] : run.second[1]] == RUN
    seen_from_wire = shared.of("wire")
    assert list(seen_from_wire) == ["copier"]
    (passage,) = seen_from_wire["copier"]
    assert TEXTS["wire"][passage.here[0] : passage.here[1]] == RUN
    assert shared.of("own") == {}


def test_eleven_words_alike_are_not_shared_wording() -> None:
    eleven = "one two three four five six seven eight nine ten eleven"
    shared = find_shared_wording({"a": f"x {eleven} y", "b": f"z {eleven} w"})
    assert shared.pairs == {}
    twelve = eleven + " twelve"
    shared = find_shared_wording({"a": f"x {twelve} y", "b": f"z {twelve} w"})
    assert [r.words for r in shared.between("a", "b")] == [12]


def test_a_source_repeating_itself_is_not_shared_wording() -> None:
    lead = " ".join(f"w{i}" for i in range(20))
    assert find_shared_wording({"a": f"{lead}. {lead}.", "b": "nothing alike"}).pairs == {}


def _source(sid: str) -> Source:
    return Source(sid, f"content/sources/{sid}.md", sid.title(), TEXTS[sid], 5, outlet=sid.title())


SOURCES = {sid: _source(sid) for sid in TEXTS}


def _claim(excerpts: list[tuple[str, str]]) -> Claim:
    # Every excerpt gives 25 as a point, so the verdict turns on origins alone.
    items = []
    for sid, excerpt in excerpts:
        e = Evidence(sid, excerpt, HERE)
        e.match = find_excerpt(SourceIndex(TEXTS[sid]), excerpt)
        assert e.match is not None, excerpt
        e.value = Value("quantity", "25", (Interval.point(25),))
        items.append(e)
    return Claim("x", "claims/x.yaml", "25 fighters were killed.", "quantity", HERE, items)


def test_excerpts_inside_the_shared_run_count_as_one_origin() -> None:
    claim = _claim(
        [
            ("wire", "twenty-five fighters were killed"),
            ("copier", "“twenty-five fighters” were killed"),
            ("own", "25 fighters died"),
        ]
    )
    verdict = judge(claim, SOURCES, find_shared_wording(TEXTS))
    assert verdict.rating == "consistent"
    assert verdict.origins == (("copier", "wire"), ("own",))
    (link,) = verdict.links
    assert (link.sources, link.reason, link.words) == (("copier", "wire"), "shared-wording", 15)
    assert verdict.reasons(("copier", "wire")) == (link,)
    assert verdict.flags == ()
    assert not verdict.independent
    assert verdict.explanation == (
        "Sources of two origins agree: 25. Copier and Wire print the same 15 words, so they "
        "count as one origin."
    )
    assert "independent" not in verdict.explanation.replace("may not be independent", "")


def test_the_copied_pair_alone_is_one_origin() -> None:
    claim = _claim(
        [
            ("wire", "twenty-five fighters were killed"),
            ("copier", "“twenty-five fighters” were killed"),
        ]
    )
    verdict = judge(claim, SOURCES, find_shared_wording(TEXTS))
    assert verdict.rating == "single-source"
    assert verdict.explanation == (
        "Copier and Wire print the same 15 words, so they are one origin; they give 25."
    )


def test_excerpts_outside_the_shared_run_count_separately_but_are_flagged() -> None:
    claim = _claim(
        [
            ("wire", "25 people were said to have died"),
            ("copier", "25 died"),
            ("own", "25 fighters died"),
        ]
    )
    verdict = judge(claim, SOURCES, find_shared_wording(TEXTS))
    assert verdict.rating == "consistent"
    assert verdict.origins == (("copier",), ("own",), ("wire",))
    assert verdict.links == ()
    (flag,) = verdict.flags
    assert (flag.sources, flag.reason, flag.words) == (("copier", "wire"), "shared-wording", 15)
    assert verdict.flags_for("wire") == (flag,)
    assert verdict.flags_for("own") == ()
    assert not verdict.independent
    assert verdict.explanation == (
        "Sources of three origins agree: 25. Elsewhere in the articles, Copier and Wire print "
        "the same 15 words: they count separately here, but may not be independent."
    )


def test_independent_only_where_nothing_is_shared() -> None:
    claim = _claim([("copier", "25 died"), ("own", "25 fighters died")])
    verdict = judge(claim, SOURCES, find_shared_wording(TEXTS))
    assert verdict.independent
    assert verdict.explanation == "Two independent sources agree: 25."


# --- the run finder's properties ------------------------------------------------------

VOCABULARY = ["the", "a", "Iraq", "vote", "US", "troops", "said", "“march”", "on", "Tuesday,"]


def _texts(draw_words: list[list[int]]) -> dict[str, str]:
    return {f"s{n}": " ".join(VOCABULARY[i] for i in ws) for n, ws in enumerate(draw_words)}


def _plant(texts: dict[str, str], rng: random.Random) -> dict[str, str]:
    # Random text over a small vocabulary rarely shares 12 words; plant a shared passage.
    passage = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(10, 20)))
    out = dict(texts)
    for sid in rng.sample(sorted(out), k=min(2, len(out))):
        words = out[sid].split()
        cut = rng.randint(0, len(words))
        out[sid] = " ".join([*words[:cut], passage, *words[cut:]])
    return out


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, len(VOCABULARY) - 1), max_size=60), min_size=2, max_size=4),
    st.integers(0, 2**32),
)
def test_runs_found_are_shared_maximal_and_long_enough(raw: list[list[int]], seed: int) -> None:
    texts = _plant(_texts(raw), random.Random(seed))
    shared = find_shared_wording(texts)
    split = {sid: words_of(t) for sid, t in texts.items()}
    for (a, b), runs in shared.pairs.items():
        wa, wb = split[a].words, split[b].words
        for r in runs:
            i, j, n = r.first_words, r.second_words, r.words
            assert n >= MIN_WORDS
            assert wa[i : i + n] == wb[j : j + n]
            # The spans are those of the run's first and last words.
            assert r.first == (split[a].spans[i][0], split[a].spans[i + n - 1][1])
            assert r.second == (split[b].spans[j][0], split[b].spans[j + n - 1][1])
            # Maximal: the words on either side differ (or a text ends there).
            assert i == 0 or j == 0 or wa[i - 1] != wb[j - 1]
            assert i + n == len(wa) or j + n == len(wb) or wa[i + n] != wb[j + n]
    # Complete: every 12-word passage two sources share lies in a reported run.
    for a in sorted(texts):
        for b in sorted(texts):
            if a >= b:
                continue
            wa, wb = split[a].words, split[b].words
            at_b: dict[tuple[str, ...], list[int]] = {}
            for j in range(len(wb) - MIN_WORDS + 1):
                at_b.setdefault(wb[j : j + MIN_WORDS], []).append(j)
            runs = shared.between(a, b)
            for i in range(len(wa) - MIN_WORDS + 1):
                for j in at_b.get(wa[i : i + MIN_WORDS], []):
                    assert any(
                        r.first_words <= i
                        and i + MIN_WORDS <= r.first_words + r.words
                        and r.second_words - r.first_words == j - i
                        for r in runs
                    ), (a, b, i, j)


def test_words_ignore_case_punctuation_and_quotation_marks() -> None:
    assert words_of("“The Skies, land” — and Iraq’s").words == (
        "the",
        "skies",
        "land",
        "and",
        "iraq",
        "s",
    )
    text = "al-Muhandis, 5,000"
    split = words_of(text)
    assert [text[s:e] for s, e in split.spans] == ["al", "Muhandis", "5", "000"]
    assert words_of("sover\u00adeignty").words == ("sovereignty",)


def test_a_large_publication_does_not_stall() -> None:
    # 200 sources of 5,000 words each, every one sharing a passage with the next, plus a
    # hostile source repeating one word: finished in seconds if the work is linear.
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(5000)]
    texts: dict[str, str] = {}
    previous_tail: list[str] = []
    for n in range(200):
        words = previous_tail + [rng.choice(vocabulary) for _ in range(5000)]
        previous_tail = words[-30:]
        texts[f"s{n:03}"] = " ".join(words)
    texts["hostile-1"] = " ".join(["again"] * 100_000)
    texts["hostile-2"] = " ".join(["again"] * 100_000)
    started = time.monotonic()
    shared = find_shared_wording(texts)
    assert time.monotonic() - started < 60
    assert [r.words for r in shared.between("s000", "s001")] == [30]
    # Repeating a word is no evidence of copying: no shingle of it seeds a run.
    assert shared.between("hostile-1", "hostile-2") == ()


# --- repetition ----------------------------------------------------------------------------


def _distinct_words(n: int, tag: str) -> str:
    return " ".join(f"{tag}{i}" for i in range(n))


def test_a_passage_one_source_prints_too_often_is_no_evidence_of_copying() -> None:
    passage = _distinct_words(MIN_WORDS, "p")
    assert MAX_REPEATS == 4
    often = find_shared_wording({"a": " . ".join([passage] * 5), "b": passage})
    assert often.between("a", "b") == ()
    # Printed as often as allowed, each place is a run (a paragraph printed twice, a
    # stock phrase three times): the runs are the same as they always were.
    allowed = find_shared_wording({"a": " . ".join([passage] * 4), "b": passage})
    assert [(r.first_words, r.second_words, r.words) for r in allowed.between("a", "b")] == [
        (0, 0, 12),
        (12, 0, 12),
        (24, 0, 12),
        (36, 0, 12),
    ]


def test_a_run_extends_through_repetition_from_the_words_around_it() -> None:
    # Both print ten times a passage (no evidence), but after the same lead: the run
    # found from the lead goes on through the repetition.
    lead = _distinct_words(MIN_WORDS, "lead")
    text = f"{lead} " + " ".join([_distinct_words(MIN_WORDS, "r")] * 10)
    shared = find_shared_wording({"a": f"Another start. {text}", "b": f"{text} and more"})
    assert [(r.first_words, r.second_words, r.words) for r in shared.between("a", "b")] == [
        (2, 0, 11 * MIN_WORDS)
    ]


# --- cost bounded on every repetitive shape ------------------------------------------------

# A stall (quadratic or worse) takes minutes at these sizes; a shared, loaded CI machine
# can be 20x slower than the bench, so only a stall fails this.
DEADLINE = 60.0
# A source body at the file size limit.
BODY = MAX_FILE_BYTES - 100


def _fill(words: list[str]) -> str:
    """The words in a cycle, up to a source at the file size limit."""
    text = " ".join(islice(cycle(words), BODY // (sum(map(len, words)) // len(words) + 1)))
    return text[:BODY].rsplit(" ", 1)[0]


def _timed(texts: dict[str, str]) -> SharedWording:
    """Shared wording with every pair asked for (as if one claim cited all the sources),
    within the deadline."""
    started = time.monotonic()
    shared = find_shared_wording(texts)
    ids = sorted(texts)
    runs = {(a, b): shared.between(a, b) for a in ids for b in ids if a < b}
    elapsed = time.monotonic() - started
    assert elapsed < DEADLINE, f"{elapsed:.1f} s"
    return SharedWording(runs)


@pytest.mark.parametrize(
    "words",
    [["again"], ["left", "right"], [f"w{i}" for i in range(13)], ["1"]],
    ids=["one word", "two words alternating", "a 13-word cycle", "one digit"],
)
def test_two_sources_repeating_a_few_words_share_nothing_and_do_not_stall(
    words: list[str],
) -> None:
    text = _fill(words)
    assert len(text.encode()) > BODY - 20
    assert _timed({"a": text, "b": " ".join(reversed(text.split()))}).pairs == {}


def test_two_sources_pasting_a_passage_the_most_times_allowed_do_not_stall() -> None:
    # Every shingle printed MAX_REPEATS times in each: MAX_REPEATS**2 seeds a shingle,
    # the worst the rule allows. The runs are the diagonals of the two copies.
    rng = random.Random(3)
    passage = [
        "".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randrange(3, 9)))
        for _ in range(BODY // MAX_REPEATS // 7)
    ]
    text = " ".join(passage * MAX_REPEATS)
    assert len(text.encode()) < MAX_FILE_BYTES
    shared = _timed({"a": text, "b": text})
    n = len(passage)
    assert sorted(r.words for r in shared.between("a", "b")) == sorted(
        n * (MAX_REPEATS - abs(k)) for k in range(1 - MAX_REPEATS, MAX_REPEATS)
    )


def test_a_wire_copy_printed_by_many_sources_does_not_stall() -> None:
    # Forty sources print the same wire copy (200 KB) among their own words: every pair
    # shares one run, the whole copy.
    rng = random.Random(4)
    wire = " ".join(f"wire{rng.randrange(10**9)}" for _ in range(20_000))
    texts = {
        f"s{n:02}": f"{_distinct_words(30, f'own{n}x')} {wire} {_distinct_words(30, f'end{n}x')}"
        for n in range(40)
    }
    shared = _timed(texts)
    assert len(shared.pairs) == 40 * 39 // 2
    assert {tuple(r.words for r in runs) for runs in shared.pairs.values()} == {(20_000,)}
