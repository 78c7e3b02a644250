"""Names in text, and one key for the many spellings of one name.

News transliterates: Graivoron, Grayvoron and Gravoron are one town; Andriy and Andrey Yusov one man.
:func:`name_key` maps such variants to one key (accents off, then the consonant skeleton: the first
letter and the consonants after it, with y/j/w counted as vowels), so comparisons can treat them as one
entity. Short names keep their plain folded form: the skeleton of a short word collides too easily.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from reporter.text import fold

_NAME = re.compile(r"\b[A-Z][\w'’-]*[a-z][\w'’-]*(?:\s+(?:of\s+|de\s+|al-)?[A-Z][\w'’-]*[a-z][\w'’-]*)*")
_VOWELISH = set("aeiouyjwh")
# Capitalised words that start sentences or name days and months: not entities.
COMMON = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "our",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "of",
        "to",
        "as",
        "and",
        "but",
        "or",
        "if",
        "when",
        "while",
        "after",
        "before",
        "during",
        "since",
        "until",
        "about",
        "over",
        "under",
        "into",
        "after",
        "also",
        "however",
        "meanwhile",
        "but",
        "yet",
        "so",
        "then",
        "there",
        "here",
        "what",
        "who",
        "which",
        "where",
        "why",
        "how",
        "all",
        "some",
        "many",
        "most",
        "more",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gov",
        "sen",
        "rep",
        "president",
        "police",
        "officials",
        "said",
        "says",
        "according",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "no",
        "not",
        "today",
        "yesterday",
        "last",
        "first",
        "new",
    ]
)


@functools.lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """A spelling-tolerant key for one name word ("Grayvoron" and "Gravoron" share one)."""
    folded = re.sub(r"[^a-z]", "", fold(word))
    if len(folded) < 5:
        return folded
    skeleton = folded[0] + "".join(c for c in folded[1:] if c not in _VOWELISH)
    return re.sub(r"(.)\1+", r"\1", skeleton)


def names(text: str) -> Iterator[str]:
    """Capitalised name phrases in ``text``, as written.

    Capitalised common words (sentence-initial "The", weekdays, months, titles such as "Mr") are
    dropped from either end; a connector inside a name stays ("Freedom of Russia Legion").
    """
    for match in _NAME.finditer(text):
        tokens = match.group().split()
        while tokens and _common(tokens[0]):
            tokens.pop(0)
        while tokens and _common(tokens[-1]):
            tokens.pop()
        # A common word inside splits the phrase ("Friday Gladkov" is two things, not one name).
        phrase: list[str] = []
        for token in tokens:
            if _common(token) and token[:1].isupper():
                if phrase:
                    yield " ".join(phrase)
                phrase = []
            else:
                phrase.append(token)
        if phrase:
            yield " ".join(phrase)


@functools.lru_cache(maxsize=65536)  # asked of every capitalised word of every article clustered
def _common(token: str) -> bool:
    return token.lower().strip("'’") in COMMON


def name_keys(text: str) -> set[str]:
    """The keys of every name word in ``text`` (for overlap between articles)."""
    return {name_key(word) for phrase in names(text) for word in phrase.split() if len(word) > 2}


# Capitals and seats of government stand for their states in news ("Kyiv denied", "Moscow claimed").
METONYMS = {
    "kyiv": "Ukraine",
    "kiev": "Ukraine",
    "moscow": "Russia",
    "kremlin": "Russia",
    "the kremlin": "Russia",
    "washington": "United States",
    "the white house": "United States",
    "beijing": "China",
    "london": "United Kingdom",
    "downing street": "United Kingdom",
    "paris": "France",
    "berlin": "Germany",
    "tehran": "Iran",
    "jerusalem": "Israel",
    "damascus": "Syria",
    "ankara": "Turkey",
    "pyongyang": "North Korea",
    "seoul": "South Korea",
    "tokyo": "Japan",
    "new delhi": "India",
    "islamabad": "Pakistan",
    "kabul": "Afghanistan",
    "baghdad": "Iraq",
    "riyadh": "Saudi Arabia",
    "cairo": "Egypt",
    "minsk": "Belarus",
    "warsaw": "Poland",
    "brussels": "European Union",
    "taipei": "Taiwan",
    "caracas": "Venezuela",
    "havana": "Cuba",
}
_ROLE_PREFIX = re.compile(
    r"^(?:the|a|an|its|his|her|their)\s+|^(?:(?:[A-Z][a-z]+\s+)?(?:spokes(?:man|woman|person)|governor|"
    r"president|minister|prime\s+minister|mayor|chief|director|sheriff|officer|official|representative|"
    r"adviser|advisor|secretary|general|colonel|captain|lieutenant|sergeant|detective|senator|"
    r"congressman|congresswoman|rep\.|sen\.|gov\.|dr\.|mr\.|mrs\.|ms\.)\s+)+",
    re.IGNORECASE,
)


def canonical_actor(name: str) -> str:
    """A state for its capital ("Kyiv" -> "Ukraine"), else the name as written, tidied."""
    tidy = re.sub(r"\s+", " ", name).strip(" ,.;:'’\"“”")
    return METONYMS.get(fold(tidy), tidy)


def person_key(name: str) -> str:
    """One key for the spellings and lengths of one person's or body's name: "Vyacheslav Gladkov",
    "Gladkov", "Governor Vyacheslav Gladkov" share one (the surname's :func:`name_key`); a body's name
    ("Freedom of Russia Legion", "the legion") keys on its head word. States key on their name
    after :func:`canonical_actor` ("Kyiv" and "Ukraine" share one)."""
    actor = canonical_actor(name)
    bare = _ROLE_PREFIX.sub("", actor).strip() or actor
    words = [w for w in re.findall(r"[\w'’-]+", bare) if w.lower() not in COMMON or w[:1].isupper()]
    if not words:
        return fold(actor)
    last = re.sub(r"(?:'s|’s)$", "", words[-1])
    return name_key(last)
