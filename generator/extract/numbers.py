"""Numbers as news copy writes them, wherever they occur in a normalised excerpt.

Recognises:

- digits, with thousands separators: `5,000`, `5 000` (the no-break and thin spaces of
  the written text arrive here as plain spaces), and decimals: `1.5`, `1,234.5`;
- digits with a scale word: `1.2 million`, `3 billion`, `2.5 thousand`, `two dozen`;
- number words: `eight`, `twenty-five`, `a million`, `one hundred and seventy`,
  `two thousand five hundred`;
- a trailing `%`, `per cent` or `percent`, kept as a mark on the number.

- fractions and multiples of scale words: `half a million`, `a quarter of a million`,
  `three-quarters of a million`, `one and a half million`, `a million and a half`;
- abbreviated scales glued to digits: `1.5m`, `2bn`, `3tn`;
- vague amounts, with the (low, high) they stand for: `hundreds of`, `dozens`, `tens of
  thousands` (at least two of the unit, no upper end); `a few hundred` (2-5 hundred),
  `several thousand` (3-9 thousand);
- ranks (`25th`), marked so that callers can treat them as figures a reader sees.

Separators are read by the source's language (see `convention`): `12.000` is twelve
thousand in German, while in English or with no language it could be twelve or twelve
thousand, and both readings are kept for the caller to ask which. A number with more than
15 digits is marked too long to read, never rounded or dropped.

Not numbers: digits glued to other letters (`F-35`, `COVID-19`), clock times (`10:30`),
catalogue numbers (`#203`) and a bare scale word (`the million-man march` has no figure,
while `a million-man march` has one).
Deciding which numbers are figures of a claim (years, dates, tallies) is the callers' job.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from .base import table_key

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
# Scale words of the languages whose separators the reader knows, after digits only
# ("1,5 Millionen", "2 milliards"), and the abbreviations glued to digits ("1.5m", "2bn").
_FOREIGN_SCALES = {
    "millionen": 10**6,
    "millions": 10**6,
    "mio.": 10**6,
    "mio": 10**6,
    "milliarden": 10**9,
    "milliarde": 10**9,
    "milliards": 10**9,
    "milliard": 10**9,
    "mrd.": 10**9,
    "mrd": 10**9,
    "tausend": 10**3,
    "billions": 10**9,
    "thousands": 10**3,
}
_ABBREVIATIONS = {"m": 10**6, "mn": 10**6, "bn": 10**9, "tn": 10**12}
_AFTER_DIGITS = "|".join(
    re.escape(w) for w in sorted([*SCALES, *_FOREIGN_SCALES], key=len, reverse=True)
)
MOST_DIGITS = 15  # beyond this a float no longer holds every digit: "too long to read"
_DIGITS = re.compile(
    r"(?<![0-9A-Za-z_#:/.,])(?<![A-Za-z]-)"
    r"(?P<num>[0-9]{1,3}(?: [0-9]{3})+(?:[.,][0-9]+)?(?![0-9])"  # 5 000  12 000,5
    r"|[0-9]+(?:[.,][0-9]+)*)"  # 5000  5,000  1.2  12.000  1.234,5  4,8
    r"(?:(?P<abbr>mn|bn|tn|m)(?![0-9A-Za-z_])"  # 1.5m  2bn
    r"|(?P<ordinal>st|nd|rd|th)(?![0-9A-Za-z_])"  # 25th
    r"|(?![0-9A-Za-z_]|[.,:/][0-9])"
    rf"(?: (?P<scale>{_AFTER_DIGITS})(?![A-Za-z]))?)"
    r"(?P<percent> ?%| per ?cent\b| prozent\b| pour ?cent\b)?",
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

_SCALE_WORD = "(?P<scale>dozen|hundred|thousand|million|billion|trillion)"
_SMALL = "|".join(sorted([*_UNITS, *_TEENS, *_TENS], key=len, reverse=True))
_FRACTIONS = {
    "half": 0.5,
    "a half": 0.5,
    "one half": 0.5,
    "a quarter": 0.25,
    "one quarter": 0.25,
    "a third": 1 / 3,
    "one third": 1 / 3,
    "three quarters": 0.75,
    "three-quarters": 0.75,
    "two thirds": 2 / 3,
    "two-thirds": 2 / 3,
}
_FRACTION_ALTS = "|".join(sorted(_FRACTIONS, key=len, reverse=True))
# "half a million", "a quarter of a million", "three-quarters of a million";
# "one and a half million", "2 and a half thousand"; "a million and a half".
_SCALE2 = _SCALE_WORD.replace("scale", "scale2")
_SCALE3 = _SCALE_WORD.replace("scale", "scale3")
_FRACTION = re.compile(
    rf"\b(?P<frac>{_FRACTION_ALTS})(?: of)? an? {_SCALE_WORD}\b"
    rf"|(?<![0-9A-Za-z_.,])(?P<whole>{_SMALL}|[0-9]{{1,3}}) and a half {_SCALE2}\b"
    rf"|\b(?P<whole3>a|an|{_SMALL}|(?<![0-9.,])[0-9]{{1,3}}) {_SCALE3} and a half\b",
    re.IGNORECASE,
)
# Vague amounts: "hundreds of", "dozens", "tens of thousands" (lower bounds: at least two
# of the unit); "a few hundred", "several thousand" (an approximate range).
_PLURALS = {
    "dozens": 12,
    "tens": 10,
    "hundreds": 100,
    "thousands": 10**3,
    "millions": 10**6,
    "billions": 10**9,
}
_VAGUE = re.compile(
    r"\b(?P<plural>dozens|hundreds|thousands|millions|billions|tens(?= of))"
    r"(?: of (?P<of>thousands|millions|billions)\b(?! of [0-9]))?\b"
    r"|\b(?P<few>a few|several|a couple of|a couple) (?P<unit>dozen|hundred|thousand|million|"
    r"billion)(?: (?P<unit2>thousand|million|billion))?\b",
    re.IGNORECASE,
)
# What both patterns above cannot match without: a scale word (each starts a word in
# them; "dozens" starts with "dozen"), so a substring of the text's `table_key` (where a
# word they match in any case is spelt as here). Most excerpts have none.
_SCALE_STEMS: tuple[str, ...] = (
    "dozen",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "tens",
)
# A run of number words reads as a number only with a word other than "a", "an" and "and"
# (those three alone never make one): an excerpt whose words are none of them is not
# scanned for runs.
_NUMBER_WORDS = frozenset([*_UNITS, *_TEENS, *_TENS, *SCALES])
_LETTERS = re.compile("[a-z]+")
_FEW = {"a few": (2, 5), "several": (3, 9), "a couple of": (2, 2), "a couple": (2, 2)}
_SCALE_OF = {**SCALES, **_PLURALS, "thousands": 10**3, "millions": 10**6, "billions": 10**9}


@dataclass(frozen=True)
class Number:
    """A number found in text: its value and where it is (offsets into that text).

    `alternatives` holds the readings of a number whose separator the text's language
    does not settle (`12.000`: twelve, or twelve thousand); `value` is then the first.
    `vague` is the (low, high) a vague amount stands for ("hundreds of": 200, None).
    """

    value: float
    start: int
    end: int
    plain: bool  # bare digits, no separator, decimal or scale: could be a year
    percent: bool = False
    lone_one: bool = False  # the single word "one": as often a pronoun as a count
    ordinal: bool = False  # "25th": a rank or a day, read only when `value:` names it
    alternatives: tuple[float, ...] = ()
    too_long: bool = False  # more digits than can be read exactly
    vague: tuple[float, float | None] | None = None
    words: str = ""  # a vague amount as written, lower-cased: "hundreds", "a few hundred"


Convention = str | None  # "comma": 5,000.5 (en); "dot": 5.000,5 (de); None: unsettled

# Languages that write a dot or a space between thousands and a decimal comma, and those
# that write a comma between thousands and a decimal dot (primary subtags, ISO 639-1).
_DOT_THOUSANDS = frozenset(
    [
        "de",
        "fr",
        "es",
        "it",
        "nl",
        "pt",
        "tr",
        "id",
        "ru",
        "pl",
        "da",
        "nb",
        "nn",
        "no",
        "sv",
        "fi",
        "cs",
        "sk",
        "hu",
        "ro",
        "el",
        "hr",
        "sl",
        "sr",
        "bg",
        "uk",
        "be",
        "lt",
        "lv",
        "et",
        "is",
        "ca",
        "eu",
        "gl",
        "vi",
        "az",
        "ka",
        "kk",
        "mk",
        "sq",
        "bs",
        "af",
    ]
)
_COMMA_THOUSANDS = frozenset(
    [
        "en",
        "zh",
        "ja",
        "ko",
        "he",
        "th",
        "hi",
        "ms",
        "tl",
        "ga",
        "cy",
        "mt",
        "sw",
        "ta",
        "te",
        "bn",
        "ur",
        "yo",
    ]
)
# Regions whose usage differs from the language's (Swiss German writes 12'000 and 1.5).
_UNSETTLED_REGIONS = frozenset({"ch", "li"})


@lru_cache(maxsize=256)  # asked for every excerpt; a publication has a few languages
def convention(language: str | None) -> Convention:
    """How a source in `language` (a BCP 47 tag such as `en-GB` or `de`) separates digits."""
    if not language:
        return None
    parts = language.strip().lower().replace("_", "-").split("-")
    if any(p in _UNSETTLED_REGIONS for p in parts[1:]):
        return None
    if parts[0] in _DOT_THOUSANDS:
        return "dot"
    if parts[0] in _COMMA_THOUSANDS:
        return "comma"
    return None


def find_numbers(text: str, language: str | None = None) -> list[Number]:
    """Every number in `text`, in order of position, read by the conventions of `language`."""
    conv = convention(language)
    low = table_key(text)
    scaled = any(stem in low for stem in _SCALE_STEMS)
    vague = _VAGUE.finditer(text) if scaled else ()
    found = [n for n in (_from_vague(m) for m in vague) if n is not None]
    taken = [(n.start, n.end) for n in found]
    for m in _FRACTION.finditer(text) if scaled else ():
        if not any(m.start() < end and start < m.end() for start, end in taken):
            found.append(_from_fraction(text, m))
            taken.append((m.start(), found[-1].end))
    for m in _DIGITS.finditer(text):
        if any(m.start() < end and start < m.end() for start, end in taken):
            continue
        number = _from_digits(m, conv)
        if number is not None:
            found.append(number)
    taken = [(n.start, n.end) for n in found]
    for run in _WORD_RUN.finditer(text) if _may_spell_numbers(low) else ():
        if any(run.start() < end and start < run.end() for start, end in taken):
            continue
        found.extend(_from_words(text, run.start(), run.end()))
    return sorted(found, key=lambda n: n.start)


def _may_spell_numbers(low: str) -> bool:
    """Whether a text (as its `table_key`) has a number word other than a, an and and."""
    return not _NUMBER_WORDS.isdisjoint(_LETTERS.findall(low))


def _from_vague(m: re.Match[str]) -> Number | None:
    if m["plural"]:
        unit = _PLURALS[table_key(m["plural"])]
        if m["of"]:
            unit *= _SCALE_OF[table_key(m["of"])]
        elif table_key(m["plural"]) == "tens":
            return None
        words = m.group().lower()
        return Number(2.0 * unit, m.start(), m.end(), False, vague=(2.0 * unit, None), words=words)
    unit = SCALES[table_key(m["unit"])] * (SCALES[table_key(m["unit2"])] if m["unit2"] else 1)
    low, high = _FEW[table_key(m["few"])]
    return Number(
        float(low * unit),
        m.start(),
        m.end(),
        False,
        vague=(float(low * unit), float(high * unit)),
        words=m.group().lower(),
    )


def _word_value(word: str) -> float:
    word = table_key(word)
    if word in ("a", "an"):
        return 1.0
    if word.isdigit():
        return float(word)
    return float(_UNITS.get(word) or _TEENS.get(word) or _TENS[word])


def _from_fraction(text: str, m: re.Match[str]) -> Number:
    if m["frac"]:
        value = _FRACTIONS[table_key(m["frac"])] * SCALES[table_key(m["scale"])]
    elif m["whole"]:
        value = (_word_value(m["whole"]) + 0.5) * SCALES[table_key(m["scale2"])]
    else:
        value = (_word_value(m["whole3"]) + 0.5) * SCALES[table_key(m["scale3"])]
    end = m.end()
    percent = _PERCENT_AFTER.match(text, end)
    return Number(round(value, 6), m.start(), percent.end() if percent else end, False)


def _digits_values(digits: str, conv: Convention) -> tuple[float, ...] | None:
    """The values `digits` may stand for (one when the convention settles it), or None
    when they are not one number in that convention (`4,8` in English)."""
    if " " in digits:
        parts = re.split(r"[.,]", digits)
        if len(parts) > 2:
            return None
        mark = digits[len(parts[0])] if len(parts) == 2 else ""
        if (mark == "," and conv == "comma") or (mark == "." and conv == "dot"):
            return None
        return (_float(parts[0].replace(" ", "") + ("." + parts[1] if mark else "")),)
    commas, dots = digits.count(","), digits.count(".")
    groups = re.split(r"[.,]", digits)
    if commas and dots:
        # The last mark is the decimal one; every other must separate groups of three.
        point = "," if digits.rfind(",") > digits.rfind(".") else "."
        separator = "." if point == "," else ","
        whole, _, fraction = digits.rpartition(point)
        if point in whole or not _grouped(whole, separator):
            return None
        return (_float(whole.replace(separator, "") + "." + fraction),)
    if not commas and not dots:
        return (_float(digits),)
    mark = "," if commas else "."
    count = commas or dots
    if count > 1:  # several marks: only thousands separators
        return (_float(digits.replace(mark, "")),) if _grouped(digits, mark) else None
    whole, fraction = groups
    decimal = _float(f"{whole}.{fraction}")
    grouped = len(whole) <= 3 and len(fraction) == 3
    thousands = _float(whole + fraction)
    # A comma is a decimal mark only where the language says so; a dot, nearly always.
    if mark == ",":
        if conv == "dot":
            return (thousands, decimal) if grouped else (decimal,)  # "5,000": English-style?
        return (thousands,) if grouped else None
    if not grouped:
        return (decimal,)
    if conv == "dot":
        return (thousands,)
    return (decimal, thousands)  # "12.000": twelve, or twelve thousand


def _grouped(digits: str, mark: str) -> bool:
    head, *rest = digits.split(mark)
    return 1 <= len(head) <= 3 and all(len(g) == 3 for g in rest)


def _float(digits: str) -> float:
    return float(digits) if len(digits.split(".")[0].lstrip("0")) <= MOST_DIGITS else math.inf


def _from_digits(m: re.Match[str], conv: Convention) -> Number | None:
    digits = m["num"]
    values = _digits_values(digits, conv)
    if values is None:
        return None
    scale = m["scale"] or m["abbr"]
    if scale:
        factor = {**SCALES, **_FOREIGN_SCALES, **_ABBREVIATIONS}[table_key(scale)]
        values = tuple(v * factor for v in values)
    too_long = any(not math.isfinite(v) or v >= 10.0**MOST_DIGITS for v in values)
    if too_long:
        values = (0.0,)
    plain = not scale and digits.isdigit()
    return Number(
        values[0],
        m.start(),
        m.end(),
        plain and not m["ordinal"],
        percent=bool(m["percent"]),
        ordinal=bool(m["ordinal"]),
        alternatives=values if len(values) > 1 else (),
        too_long=too_long,
    )


def _from_words(text: str, start: int, end: int) -> list[Number]:
    tokens = [(table_key(w.group()), w.start(), w.end()) for w in _WORD.finditer(text, start, end)]
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
