"""Text helpers shared by the stages: sentence spans, word tokens, normalised copies.

Everything here returns offsets into the string it was given; nothing changes that string.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

from reporter.model import Span

# Abbreviations after which a full stop does not end a sentence (lower-cased, without the stop).
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gov",
        "sen",
        "rep",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "maj",
        "cpl",
        "pvt",
        "st",
        "ste",
        "mt",
        "ft",
        "jr",
        "sr",
        "rev",
        "hon",
        "pres",
        "supt",
        "det",
        "insp",
        "atty",
        "corp",
        "inc",
        "ltd",
        "co",
        "bros",
        "no",
        "nos",
        "vol",
        "vs",
        "v",
        "etc",
        "al",
        "approx",
        "dept",
        "est",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "ala",
        "ariz",
        "ark",
        "calif",
        "colo",
        "conn",
        "del",
        "fla",
        "ga",
        "ill",
        "ind",
        "kan",
        "kans",
        "ky",
        "la",
        "md",
        "mass",
        "mich",
        "minn",
        "miss",
        "mo",
        "mont",
        "neb",
        "nev",
        "okla",
        "ore",
        "pa",
        "tenn",
        "tex",
        "va",
        "vt",
        "wash",
        "wis",
        "wyo",
    ]
)

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace, or at a
# line break. The look-behind on the previous word is done in code (abbreviations, initials).
_BOUNDARY = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s)|\n+""")
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)
_PREV_WORD = re.compile(r"([\w.]+)[.!?…]*[\"'”’»)\]]*$")
_RUN = frozenset("_.!?…\"'”’»)]")  # with letters and digits, the characters _PREV_WORD can match


def sentences(text: str, span: Span | None = None) -> list[Span]:
    """Sentence spans inside ``span`` (default: the whole text), stripped of surrounding whitespace.

    Rule-based: a stop followed by white space ends a sentence unless the word before it is a known
    abbreviation or a single capital (an initial), or the next word starts lower-case.
    """
    start, end = (span.start, span.end) if span else (0, len(text))
    return list(_sentences(text, start, end))


# Every extractor, the aligner and the comparison split the same paragraphs: split each once. A string
# caches its own hash, so a key holding a whole article costs little after its first use.
@functools.lru_cache(maxsize=8192)
def _sentences(text: str, start: int, end: int) -> tuple[Span, ...]:
    out: list[Span] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        if match.group().startswith("\n"):
            _append(out, text, cursor, match.start())
            cursor = match.end()
            continue
        if not _ends_sentence(text, cursor, match.start(), match.end(), end):
            continue
        _append(out, text, cursor, match.end())
        cursor = match.end()
    _append(out, text, cursor, end)
    return tuple(out)


def _ends_sentence(text: str, sentence_start: int, stop: int, after: int, limit: int) -> bool:
    if text[stop] == ".":
        previous = _previous_word(text, sentence_start, stop)
        word = previous.group(1).lower().rstrip(".") if previous else ""
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return False
        if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):  # U.S., a.m.
            nxt = _next_char(text, after, limit)
            return nxt is not None and nxt.isupper() and word not in ABBREVIATIONS
    nxt = _next_char(text, after, limit)
    return nxt is None or not nxt.islower()


def _previous_word(text: str, sentence_start: int, stop: int) -> re.Match[str] | None:
    """``_PREV_WORD`` searched in ``text[sentence_start : stop + 1]``.

    A match cannot start before the run of word and closing characters that ends at the stop, so the
    search starts there: searching from the sentence start was slow on long sentences.
    """
    begin = stop + 1
    while begin > sentence_start and (text[begin - 1].isalnum() or text[begin - 1] in _RUN):
        begin -= 1
    return _PREV_WORD.search(text, begin, stop + 1)


def _next_char(text: str, index: int, limit: int) -> str | None:
    while index < limit and text[index].isspace():
        index += 1
    return text[index] if index < limit else None


def _append(out: list[Span], text: str, start: int, end: int) -> None:
    stripped = strip_span(text, Span(start, end))
    if stripped is not None:
        out.append(stripped)


def strip_span(text: str, span: Span) -> Span | None:
    """``span`` without leading and trailing white space; ``None`` when nothing is left."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters, digits, inner hyphens and apostrophes)."""
    if "İ" in text:  # the one character whose lower case is two (and the second no word character)
        return [w.lower() for w in _WORD.findall(text)]
    return _WORD.findall(text.lower())  # the same: lower-casing keeps every other character's kind


def word_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[str, Span]]:
    """Word tokens with their spans."""
    for match in _WORD.finditer(text, start, len(text) if end is None else end):
        yield match.group(), Span(match.start(), match.end())


def singular(phrase: str) -> str:
    """``phrase`` lower-cased with its last word made singular: "Russian volunteers" -> "russian
    volunteer", "militias" -> "militia", "gunmen" -> "gunman". For grouping words, not for display."""
    words = re.sub(r"\s+", " ", phrase).strip().lower().split(" ")
    last = words[-1]
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith("men"):
        last = last[:-3] + "man"
    elif last.endswith("s") and not last.endswith(("ss", "us", "corps")):
        last = last[:-1]
    return " ".join([*words[:-1], last])


def fold(text: str) -> str:
    """A comparison key: accents removed, typographic quotes and dashes made plain, lower case.

    Length-preserving for the common cases but not guaranteed: use it on copies, never for offsets.
    """
    if text.isascii():  # most news text: nothing to decompose (and NFKD is the costly part)
        return text.lower()
    return unicodedata.normalize("NFKD", text).translate(_PLAIN).lower()


class _Plain(dict[int, str | None]):
    """A translation table for :func:`fold`: combining marks go, typographic quotes and dashes become
    plain, every other character stays. Filled as characters are met (one C-level pass per text,
    where testing each character in Python was most of folding a sentence with a curly quote)."""

    def __missing__(self, code: int) -> str | None:
        found = None if unicodedata.combining(chr(code)) else chr(code)
        self[code] = found
        return found


_PLAIN = _Plain(
    {
        ord(k): v
        for k, v in {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "}.items()
    }
)


# Besides the ASCII capitals, the only characters a case-blind ASCII letter matches in a regular
# expression (checked over all of Unicode): dotted and dotless I, long s, the Kelvin sign.
_ASCII_FOLD = str.maketrans(
    {**{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}, "İ": "i", "ı": "i", "ſ": "s", "K": "k"}
)


@functools.lru_cache(maxsize=16)  # asked for one article's text sentence by sentence
def ascii_lower(text: str) -> str:
    """``text`` with every character that a case-blind ASCII letter matches made that lower-case letter;
    the same length, every other character unchanged in kind. A case-sensitive pattern of lower-case
    ASCII words finds in it what the case-blind pattern finds in ``text``, at the same offsets, often
    several times faster (a case-blind alternation cannot skip ahead to its first letters)."""
    if text.isascii() or not any(c in text for c in "İıſ"):
        return text.lower()  # exact then: no other character changes length or lowers to ASCII but K
    return text.translate(_ASCII_FOLD)
