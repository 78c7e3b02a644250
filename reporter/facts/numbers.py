"""Counts in news text: "two", "twenty-one", "a dozen", "1,200", "at least 50", "between 10 and 15".

:func:`find_counts` scans a text for count expressions and returns them with character offsets into
that text; :func:`parse_count` reads one phrase. Both skip what looks like a number but is not a count
of things: ages ("5-year-old", "Smith, 25,"), dates and years, clock times, money ("$125 million",
"10 billion rubles"), measures ("155 mm", "15-month"), ordinals ("2nd"), addresses ("300 block"),
and numbers glued to words. Vague amounts ("several", "dozens", "hundreds") come back with
``value=None`` and ``vague=True``: a report must not print a number the text does not state.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
# Exact amounts written as phrases.
FIXED = {"a dozen": 12, "half a dozen": 6, "a couple of": 2, "a pair of": 2, "both": 2, "a hundred": 100}
# Vague amounts: a count with no value.
VAGUE = ("several", "dozens", "scores", "hundreds", "thousands", "tens of thousands", "hundreds of thousands",
         "millions", "many", "numerous", "a number of", "a few", "multiple", "some")  # fmt: skip

# Qualifier words before a count, mapped to the report's qualifier vocabulary.
QUALIFIERS = {
    "at least": "at least", "no fewer than": "at least", "a minimum of": "at least",
    "more than": "more than", "over": "more than", "upwards of": "more than",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "some": "about",
    "an estimated": "about", "estimated": "about", "almost": "nearly", "nearly": "nearly",
    "close to": "nearly", "up to": "up to", "as many as": "up to", "fewer than": "fewer than",
    "less than": "fewer than", "under": "fewer than",
}  # fmt: skip

_WORD_NUMBER = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
_FIRST_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))  # "million" alone is no count
_WORD_SEQ = rf"(?:{_FIRST_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD_NUMBER}))*"
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_CORE = (
    rf"(?:{_DIGITS})(?:\s+(?:million|billion|thousand))?|half\ a\ dozen|(?:{_WORD_SEQ})\s+dozen"
    rf"|{'|'.join(re.escape(k) for k in FIXED if k != 'half a dozen')}|{_WORD_SEQ}"
)
_VAGUE = "|".join(re.escape(v) for v in sorted(VAGUE, key=len, reverse=True))
_QUALIFIER = "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
_COUNT = re.compile(
    rf"""(?<![\w$£€#.,/:-])(?<!\bno\s)(?<!\bNo\s)
    (?:(?P<qualifier>{_QUALIFIER})\s+)?
    (?:
        between\s+(?P<low>{_CORE})\s+and\s+(?P<high>{_CORE})
      | (?P<first>{_CORE})(?:\s*(?:-|–|to|or)\s*(?P<second>{_CORE}))?
      | (?P<vague>{_VAGUE})
    )
    (?![\w$%£€]|[.,]\d|-(?:year|month|week|day|hour|minute|second|inch|foot|mile|yard|pound|gallon|mm|cm|km|round|shot|page|point|story|storey|acre|gauge|caliber|calibre|run|game|yard|degree|[A-Z])|/)""",
    re.IGNORECASE | re.VERBOSE,
)

# Words after a number that make it a measure, a time, money or an age rather than a count of things.
_UNIT_AFTER = re.compile(
    r"""\s*(?:
        (?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?|decades?|centuries|times)\b
      | (?:a\.?m\.?|p\.?m\.?|o'clock|GMT|UTC|EST|EDT|CST|CDT|PST|PDT)(?!\w)
      | (?:percent|per\ ?cent|%|percentage\ points?)
      | (?:mm|cm|km|m|kg|lbs?|g|ft|in|mph|km/h|kph|miles?|kilomet(?:re|er)s?|met(?:re|er)s?|feet|foot|inch(?:es)?
         |yards?|pounds?|ounces?|grams?|kilos?|tons?|tonnes?|gallons?|litres?|liters?|acres?|degrees?|calib(?:re|er)s?
         |millimet(?:re|er)s?|centimet(?:re|er)s?)\b
      | (?:rubles?|roubles?|dollars?|euros?|pounds\ sterling|hryvnias?|yuan|yen|rupees?|cents?|bucks|grand|USD|EUR|GBP)\b
      | (?:rounds?|shots|bullets|shells|missiles|rockets|drones|votes|points|goals|runs|yards|pages|words|calls?
         |pointers?|rebounds|assists|touchdowns|strikeouts|wins|losses|games|laps)\b
      | (?:block|hundred\ block)\b
      | (?:st|nd|rd|th)\b
      | (?:January|February|March|April|May|June|July|August|September|October|November|December
         |Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?
      | (?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s+[A-Z]
      | [A-Z][a-z]+\s+(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Boulevard|Blvd|Lane|Ln|Way|Place|Pl|Court|Ct
         |Highway|Hwy|Route|Parkway|Pkwy|Terrace|Circle|Trail)\b
    )""",
    re.VERBOSE,
)
# Words after which a number is a label, never a count: "Channel 7", "No. 5", "aged 25".
_LABEL_BEFORE = re.compile(
    r"""(?:[$£€¥₴₽]\s*|\b(?:No|Nos|no|number|Number|\#|Channel|channel|Route|route|Interstate|Highway|I|U\.S\.|Apt
        |Room|room|Unit|unit|Suite|Flight|flight|Gate|page|Page|age|aged|ages|Ages|Aged|version|Version|chapter
        |turned|turns|turning|turn|Turned|age\ of|ages\ of
        |Chapter|section|Section|Article|article|Act|Resolution|Precinct|District|Ward|Game|game|Level|level
        |Day|Week|Year|Hour|Minute|Class|Grade|Category|Type|Size|Phase|Stage|Round|Apartment|Box
        |Hwy|Lot|Pier|Terminal|Platform|Line|Bus|Train|Exit|Mile|Track|Episode|Season|Volume|Vol)\.?\s+)$""",
    re.VERBOSE,
)
_BEFORE_TRAP = re.compile(
    r"""(?:\b(?:year|in|In|of\ the\ year|since|Since|until|Until|by|By|from|From|On|on|at|At|after|After
        |before|Before|during|During|mid|late|early|the|The|his|her|their|its|our|my|your|this|that|these|those
        |Hour|hour|Minute|minute|Class|class|Grade|grade|Category|category|Type|type|Size|size|rank|Rank|seed
        |Seed|jersey|Jersey|model|Model|Phase|phase|Stage|stage|Round|round|score|Score|of\ a|ratio)\s+)$""",
    re.VERBOSE,
)
_MONTH_BEFORE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+$"
)
# "Taylor, 25," and "Taylor (25)": an age after a name; "Carlos, then 18, ...": an age at the time.
_AGE_AFTER_NAME = re.compile(r"[A-Z][\w'’.-]*,\s*$|[A-Z][\w'’.-]*\s*\(\s*$|,\s*then\s+$")


_AGE_LIST_BEFORE = re.compile(
    r"\b(?:ages|aged)\s+\d+(?:\s*,\s*\d+)*\s*(?:,|and|&|,\s*and)\s*$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Count:
    """One count expression: ``text[start:end]`` (qualifier included) states ``value``.

    ``value_max`` is set for ranges ("between 10 and 15", "two or three"); ``value`` is ``None`` for
    vague amounts ("several", "dozens"). ``qualifier`` is one of the report's qualifiers or ``None``.
    """

    value: int | None
    value_max: int | None
    qualifier: str | None
    start: int
    end: int
    vague: bool = False


def word_value(phrase: str) -> int | None:
    """The value of a number written in digits or English words ("1,200", "twenty-one", "a dozen").

    ``None`` when the phrase is not a number.
    """
    key = re.sub(r"\s+", " ", phrase.strip().lower())
    if key in FIXED:
        return FIXED[key]
    digits = re.fullmatch(rf"({_DIGITS})(?:\s+(million|billion|thousand))?", key)
    if digits:
        number = float(digits.group(1).replace(",", ""))
        return int(number * SCALES[digits.group(2)]) if digits.group(2) else int(number)
    dozen = re.fullmatch(r"(.+?)\s+dozen", key)
    if dozen:
        inner = word_value(dozen.group(1))
        return None if inner is None else inner * 12
    return _words_value(key)


def _words_value(key: str) -> int | None:
    """ "one hundred and twenty-one" -> 121; ``None`` when any word is not a number word."""
    total = current = 0
    seen = False
    last = ""  # the kind of the word before: "two three" and "twenty thirty" are no number
    for word in re.split(r"[\s-]+", key):
        if word == "and" and seen:
            continue
        if word in UNITS:
            if last == "unit":
                return None
            current += UNITS[word]
            last = "unit"
        elif word in TENS:
            if last in {"unit", "tens"}:
                return None
            current += TENS[word]
            last = "tens"
        elif word in SCALES:
            last = "scale"
            scale = SCALES[word]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_count(phrase: str) -> Count | None:
    """Read a whole phrase as one count ("at least 50", "a dozen"); ``None`` when it is not one."""
    for count in find_counts(phrase):
        if count.start == 0 and count.end == len(phrase.rstrip()):
            return count
    return None


def find_counts(
    text: str, start: int = 0, end: int | None = None, starts: Iterable[int] | None = None
) -> list[Count]:
    """Every count expression in ``text[start:end]``, in order, offsets into ``text``.

    Numbers that measure, date, price or age something are left out (see the module docstring).
    ``starts`` (ascending offsets of the words for which :func:`opens_count` is true) spares the
    word scan when the caller has already split the text into words.
    """
    end = len(text) if end is None else end
    found: list[Count] = []
    done = start
    # Try the big pattern only where a digit or a word that can open a count stands: matching it at
    # every character costs several times more, and a count never starts inside a word.
    if starts is None:
        starts = [w.start() for w in _RUN.finditer(text, start, end) if opens_count(w.group())]
    for position in starts:
        if position < done or position >= end:
            continue
        match = _COUNT.match(text, position, end)
        if match is None:
            continue
        done = match.end()
        count = _count_of(match)
        if count is not None and not _is_trap(text, match, end):
            found.append(count)
    return found


def opens_count(word: str) -> bool:
    """Whether a count expression can start with ``word`` ("12", "twenty-one", "at", "several")."""
    return word[:1].isdigit() or word.split("-", 1)[0].lower() in _OPENERS


_RUN = re.compile(r"[0-9]+|[A-Za-z]+")
_OPENERS = frozenset(
    phrase.split()[0].split("-")[0]
    for phrase in (*QUALIFIERS, *UNITS, *TENS, *FIXED, *VAGUE, "between", "half")
)


def _count_of(match: re.Match[str]) -> Count | None:
    qualifier = QUALIFIERS.get(match.group("qualifier").lower()) if match.group("qualifier") else None
    if match.group("vague"):
        word = match.group("vague").lower()
        if word == "some" or (qualifier and word in {"many", "some"}):
            return None  # "some" alone is a determiner, not an amount
        return Count(None, None, qualifier, match.start(), match.end(), vague=True)
    low_text = match.group("low") or match.group("first")
    high_text = match.group("high") or match.group("second")
    low = word_value(low_text)
    high = word_value(high_text) if high_text else None
    if low is None or (high_text and (high is None or high <= low)):
        return None
    return Count(low, high, qualifier, match.start(), match.end())


def _is_trap(text: str, match: re.Match[str], end: int) -> bool:
    """A number that is a measure, time, date, year, money, age, address or part of a bigger token."""
    number_start = match.start("low") if match.group("low") else match.start()
    if match.group("qualifier"):
        number_start = match.end("qualifier") + 1
        while number_start < match.end() and text[number_start].isspace():
            number_start += 1
    after = text[match.end() : min(end, match.end() + 40)]
    before = text[max(0, number_start - 30) : number_start]
    if _UNIT_AFTER.match(after) or _MONTH_BEFORE.search(before):
        return True
    if re.match(r"\s*[:.]\d", text[match.end() : match.end() + 3]):  # 8:20, 3.5
        return True
    second = match.group("second")
    if second and second[0].isupper() and text[match.start("second") - 1] == "-":
        return True  # "7-Eleven": a name
    core = match.group("first") or ""
    if core.isdigit() and len(core) == 4 and 1800 <= int(core) <= 2100:
        return True  # a year
    if core[:1].isdigit() and _LABEL_BEFORE.search(before):
        return True
    if not match.group("qualifier") and _BEFORE_TRAP.search(before) and core[:1].isdigit():
        return not _counted_thing_follows(after)
    if core[:1].isdigit() and _AGE_LIST_BEFORE.search(before):
        return True  # "ages 19 and 24": the second age
    return bool(_AGE_AFTER_NAME.search(before) and re.match(r"\s*[,)]", after) and core[:1].isdigit())


def _counted_thing_follows(after: str) -> bool:
    """Whether a plural noun follows: "the 12 civilians" counts, "in 2014" and "at 8" do not."""
    return bool(re.match(r"\s+(?:[a-z]+\s+){0,2}[a-z]+s\b", after))
