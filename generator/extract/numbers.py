"""Numbers as news copy writes them, wherever they occur in a normalised excerpt.

Recognises:

- digits, with thousands separators: `5,000`, `5 000` (the no-break and thin spaces of
  the written text arrive here as plain spaces), and decimals: `1.5`, `1,234.5`;
- digits with a scale word: `1.2 million`, `3 billion`, `2.5 thousand`, `two dozen`;
- number words: `eight`, `twenty-five`, `a million`, `one hundred and seventy`,
  `two thousand five hundred`;
- a trailing `%`, `per cent` or `percent`, kept as a mark on the number.

Not numbers: digits glued to letters (`F-35`, `25th`, `COVID-19`), clock times (`10:30`),
catalogue numbers (`#203`), a bare scale word (`the million-man march` has no figure, while
`a million-man march` has one) and plural round numbers (`thousands of`), which are vague.
Deciding which numbers are figures of a claim (years, dates, tallies) is the callers' job.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_BELOW_HUNDRED = frozenset([*_UNITS, *_TEENS, *_TENS])
_BIG = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
SCALES: dict[str, int] = {"hundred": 100, "dozen": 12, **_BIG}

_SCALE_ALTS = "|".join(sorted(SCALES, key=len, reverse=True))
_DIGITS = re.compile(
    r"(?<![0-9A-Za-z_#:/.,])(?<![A-Za-z]-)"
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?"  # 5,000  1,234.5
    r"|[0-9]{1,3}(?: [0-9]{3})+(?![0-9])"  # 5 000
    r"|[0-9]+(?:\.[0-9]+)?)"  # 5000  1.2
    r"(?![0-9A-Za-z_]|[.,:/][0-9])"
    rf"(?: (?P<scale>{_SCALE_ALTS})(?![A-Za-z]))?"
    r"(?P<percent> ?%| per ?cent\b)?",
    re.IGNORECASE,
)
_WORD_ALTS = "|".join(
    sorted([*_UNITS, *_TEENS, *_TENS, *SCALES, "a", "an", "and"], key=len, reverse=True)
)
# A run of number words joined by spaces or hyphens; the parser below splits it into
# numbers ("five six" is two numbers) and drops what is not one ("and", a lone "a").
_WORD_RUN = re.compile(rf"\b(?:{_WORD_ALTS})\b(?:[ -](?:{_WORD_ALTS})\b)*", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")
_PERCENT_AFTER = re.compile(r" ?%| per ?cent\b", re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    """A number found in text: its value and where it is (offsets into that text)."""

    value: float
    start: int
    end: int
    plain: bool  # bare digits, no separator, decimal or scale: could be a year
    percent: bool = False
    lone_one: bool = False  # the single word "one": as often a pronoun as a count


def find_numbers(text: str) -> list[Number]:
    """Every number in `text`, in order of position."""
    found = [n for n in (_from_digits(m) for m in _DIGITS.finditer(text)) if n is not None]
    taken = [(n.start, n.end) for n in found]
    for run in _WORD_RUN.finditer(text):
        if any(run.start() < end and start < run.end() for start, end in taken):
            continue
        found.extend(_from_words(text, run.start(), run.end()))
    return sorted(found, key=lambda n: n.start)


def _from_digits(m: re.Match[str]) -> Number | None:
    digits = m["num"]
    value = float(digits.replace(",", "").replace(" ", ""))
    scale = m["scale"]
    if scale:
        value *= SCALES[scale.lower()]
    if not math.isfinite(value):
        return None
    plain = not scale and digits.isdigit()
    return Number(value, m.start(), m.end(), plain, percent=bool(m["percent"]))


def _from_words(text: str, start: int, end: int) -> list[Number]:
    tokens = [(w.group().lower(), w.start(), w.end()) for w in _WORD.finditer(text, start, end)]
    numbers: list[Number] = []
    i = 0
    while i < len(tokens):
        parsed = _parse_words(tokens, i)
        if parsed is None:
            i += 1
            continue
        value, j = parsed
        lone_one = j == i + 1 and tokens[i][0] == "one"
        end = tokens[j - 1][2]
        percent = _PERCENT_AFTER.match(text, end)
        if percent:
            end = percent.end()
        numbers.append(Number(float(value), tokens[i][1], end, False, bool(percent), lone_one))
        i = j
    return numbers


def _parse_words(tokens: list[tuple[str, int, int]], i: int) -> tuple[int, int] | None:
    """The number spelt by tokens[i:j] for the longest valid j, as (value, j)."""
    word = tokens[i][0]
    total = 0  # completed thousands/millions/... groups
    group = 0  # the group below the last big scale word
    last = ""  # category of the last token taken
    big_limit = math.inf  # "a million two thousand": each big scale smaller than the last
    if word in ("a", "an"):
        if i + 1 >= len(tokens) or tokens[i + 1][0] not in SCALES:
            return None
        group, last = 1, "unit"
    elif word in _UNITS:
        group, last = _UNITS[word], ("zero" if word == "zero" else "unit")
    elif word in _TEENS:
        group, last = _TEENS[word], "teen"
    elif word in _TENS:
        group, last = _TENS[word], "tens"
    else:
        return None
    j = i + 1
    while j < len(tokens) and last != "zero":
        word = tokens[j][0]
        if word == "and":
            # "one hundred and seventy": "and" only joins a scale word to what follows it.
            if last not in ("hundred", "big") or j + 1 >= len(tokens):
                break
            following = tokens[j + 1][0]
            if following == "zero" or following not in _BELOW_HUNDRED:
                break
            j += 1
            continue
        if word in _UNITS and word != "zero" and last in ("tens", "hundred", "big"):
            if last == "tens" or group % 100 == 0:
                group += _UNITS[word]
                last = "unit"
                j += 1
                continue
            break
        if word in _TEENS and last in ("hundred", "big") and group % 100 == 0:
            group += _TEENS[word]
            last = "teen"
        elif word in _TENS and last in ("hundred", "big") and group % 100 == 0:
            group += _TENS[word]
            last = "tens"
        elif word == "hundred" and last in ("unit", "teen", "tens") and 0 < group < 100:
            group *= 100
            last = "hundred"
        elif word == "dozen" and last in ("unit", "teen", "tens") and 0 < group < 100:
            group *= 12
            j += 1
            break
        elif word in _BIG and last in ("unit", "teen", "tens", "hundred") and group > 0:
            scale = _BIG[word]
            if scale >= big_limit:
                break
            total += group * scale
            group = 0
            big_limit = scale
            last = "big"
        else:
            break
        j += 1
    return total + group, j


def parse_number(text: str) -> Number | None:
    """The one number that `text` consists of (white space around it aside), if any."""
    stripped = text.strip()
    found = find_numbers(stripped)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0]
    return None


def format_number(x: float) -> str:
    """A number as a reader expects it: `5,200`, `1.5`, `1.2 million`."""
    for word in ("trillion", "billion", "million"):
        scaled = x / SCALES[word]
        if abs(scaled) >= 1 and round(scaled, 3) == scaled:
            return f"{_plain(scaled)} {word}"
    return _plain(x)


def _plain(x: float) -> str:
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.6f}".rstrip("0").rstrip(".")
