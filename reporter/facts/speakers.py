"""Speakers across the outlets of one story: one canonical name per person or body.

Outlets name one speaker many ways: "Gladkov", "Vyacheslav Gladkov", "Belgorod Governor Vyacheslav
Gladkov", "the governor of Russia's Belgorod region"; and transliterate: "Andriy Yusov", "Andrey Yusov".
:func:`canonical_speakers` gathers every name the story's quotes and texts attach a role to, groups names
by their spelling-tolerant keys (:func:`reporter.entities.name_key`), and rewrites each quote's
``speaker`` to the group's canonical name: the longest proper name, the most frequent spelling first.

It merges only what the text supports. A bare surname joins a full name only when the story has one
person of that surname ("Clinton" stays "Clinton" when both Bill and Hillary Clinton are named). A
description ("the governor of Russia's Belgorod region") becomes a name only when some article of the
story gives that name the same role ("Belgorod governor Vyacheslav Gladkov") and no other name fits.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reporter.entities import name_key
from reporter.facts.quotes import split_role
from reporter.model import Article, Fact, Span
from reporter.text import ascii_lower, fold


# Words of a role that say nothing about which role it is.
def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_ROLE_STOP = _wordset(
    "the a an of for in at on to and its his her their 's ’s region regional province oblast state "
    "country city former current acting top senior chief deputy local"
)
# Nouns that head a body's name when they end it ("Freedom of Russia Legion", "Bank of America" aside).
_BODY_HEADS = _wordset(
    "legion corps army party front brigade battalion movement committee council union league "
    "association group regiment guard service agency ministry"
)
# Role words that name an office: a description must share one with a name's role to stand for it.
_OFFICES = _wordset(
    "governor mayor president minister spokesman spokeswoman spokesperson secretary senator "
    "ambassador chairman chairwoman commander general director leader head chancellor premier "
    "representative envoy adviser advisor prosecutor judge sheriff official officer"
)
_HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "dr", "mx", "sen", "rep", "gov", "gen"])
_NAME = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.|of|for|and|the|de|da|van|von|bin|al|el|la|le)$")
_OFFICE_WORDS = "|".join(sorted(_OFFICES))  # a regex alternation
# "ROLE NAME" and "NAME, a ROLE," as texts write them: where roles are learnt from.
# Only the office word is matched in any case ("Governor", "governor"); names must be capitalised.
# The leading word boundary keeps the search from trying the optional words at every character.
_ROLE_THEN_NAME = re.compile(
    r"\b(?P<role>(?:[A-Z][\w'’-]+(?:['’]s)?\s+)?(?:[a-z][\w'’-]+\s+){0,3}?(?i:"
    + _OFFICE_WORDS
    + r")(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)?),?\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'’-]+){1,2})"
)
# Any office word, in any case: a paragraph without one has no role to learn (a cheap test first).
_OFFICE = re.compile(r"(?i:" + _OFFICE_WORDS + ")")
_NAME_THEN_ROLE = re.compile(
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'’-]+){1,2}),\s+(?:an?|the)\s+"
    r"(?P<role>[^,.;:]{3,80}?(?:" + _OFFICE_WORDS + r")\b[^,.;:]{0,60}),"
)


@dataclass(frozen=True, slots=True)
class Person:
    """One speaker of a story: its spellings (with counts) and the role words any article gives it."""

    surname: str  # name_key of the last name word
    given: str  # name_key of the first name word ("" for a bare surname; "of …" for "X of Y" bodies)
    spellings: Counter[str]
    roles: frozenset[str]
    canonical: str  # see _canonical (asked for every quote: computed once)


def _canonical(spellings: Counter[str]) -> str:
    """The longest spelling (in words, then characters), the most frequent first, then a-z."""
    return min(spellings, key=lambda s: (-len(s.split()), -spellings[s], -len(s), s))


def canonical_speakers(facts: Sequence[Fact], articles: Sequence[Article]) -> list[Fact]:
    """``facts`` in the same order, each quote's ``speaker`` replaced by its canonical name in the story
    (and a missing ``speaker_role`` filled from a role the story gives that name). Other facts pass
    through unchanged."""
    quotes = [f for f in facts if f.kind == "quote"]
    if not quotes:
        return list(facts)
    people = _people(quotes, articles)
    out = []
    for fact in facts:
        if fact.kind == "quote":
            fact = _rename(fact, people)
        out.append(fact)
    return out


def _people(quotes: Sequence[Fact], articles: Sequence[Article]) -> list[Person]:
    """The named speakers of the story, spellings grouped, with the roles the texts give them."""
    spellings: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for name, role in _named(quotes, articles):
        key = _key(name)
        if key is None:
            continue
        spellings[key][name] += 1
        if role:
            roles[key] |= _role_words(role)
    # A bare surname is the person of that surname, when the story names only one.
    for surname, _ in [k for k in spellings if not k[1]]:
        full = [k for k in spellings if k[0] == surname and k[1]]
        if len(full) == 1:
            spellings[full[0]].update(spellings.pop((surname, "")))
            roles[full[0]] |= roles.pop((surname, ""), set())
    return [
        Person(s, g, spellings[(s, g)], frozenset(roles[(s, g)]), _canonical(spellings[(s, g)]))
        for s, g in sorted(spellings)
    ]


def _named(quotes: Sequence[Fact], articles: Sequence[Article]) -> Iterable[tuple[str, str | None]]:
    """(name, role) pairs: every quote's named speaker, and every "role name" phrase in the texts."""
    for fact in quotes:
        if fact.speaker and _is_proper(fact.speaker):
            yield _bare(fact.speaker), fact.speaker_role
    for article in articles:
        text = article.text
        for span in article.paragraphs or (Span(0, len(text)),):
            if not _has_office(text, span):
                continue
            chunk = text[span.start : span.end]
            for match in _ROLE_THEN_NAME.finditer(chunk):
                name, role = split_role(f"{match.group('role')} {match.group('name')}")
                if name and role and _is_proper(name):
                    yield name, role
            for match in _NAME_THEN_ROLE.finditer(chunk):
                if _is_proper(match.group("name")):
                    yield match.group("name"), match.group("role")


def _has_office(text: str, span: Span) -> bool:
    """Whether an office word is in ``text[span]``, in any case (as ``_OFFICE`` finds it): searched
    case-sensitively in the folded copy (reporter.text.ascii_lower), several times faster (a case-blind
    alternation cannot skip ahead to its first letters)."""
    return _OFFICE_LOWER.search(ascii_lower(text), span.start, span.end) is not None


_OFFICE_LOWER = re.compile(_OFFICE_WORDS)


def _rename(fact: Fact, people: list[Person]) -> Fact:
    speaker = fact.speaker
    person: Person | None = None
    if speaker and _is_proper(speaker):
        key = _key(speaker)
        person = _inside(speaker, people) or (_find(people, key) if key else None)
    else:
        person = _described(speaker or fact.speaker_role, people)
    if person is None:
        return fact
    if fact.speaker == person.canonical:
        return fact
    return dataclasses.replace(fact, speaker=person.canonical)


def _find(people: list[Person], key: tuple[str, str]) -> Person | None:
    surname, given = key
    same = [p for p in people if p.surname == surname]
    exact = [p for p in same if p.given == given]
    if exact:
        return exact[0]
    if not given and len(same) == 1:
        return same[0]
    return None


def _inside(name: str, people: list[Person]) -> Person | None:
    """The one body named "X of Y" whose name holds this one word for word ("Russia Legion" inside
    "Freedom of Russia Legion"), else None. Keys cannot tell: a body's key is not a person's."""
    if " " not in name:
        return None  # a bare word is resolved by key alone ("Russia" is not the legion)
    bodies = [p for p in people if " of " in p.canonical and len(p.canonical) > len(name)]
    if not bodies:  # most stories: no pattern to build
        return None
    pattern = _whole_words(_bare(name))
    fits = [p for p in bodies if pattern.search(p.canonical)]
    return fits[0] if len(fits) == 1 else None


@functools.lru_cache(maxsize=4096)  # the names of a story's quotes, over and over
def _whole_words(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


def _described(description: str | None, people: list[Person]) -> Person | None:
    """The one person whose roles cover this description's office and another of its words."""
    if not description:
        return None
    words = _role_words(description)
    offices = words & _OFFICES
    if not offices:
        return None
    fits = [p for p in people if offices & p.roles and len(words & p.roles) >= 2]
    return fits[0] if len(fits) == 1 else None


def _key(name: str) -> tuple[str, str] | None:
    """(surname key, given-name key) of a proper name; a body's name keys on its last word alone."""
    words = _capitalised(name)
    if not words:
        return None
    if " of " in f" {name} ":
        return _body_key(name)
    surname = name_key(words[-1])
    given = _given_key(words[0]) if len(words) > 1 else ""
    return surname, given


def _capitalised(name: str) -> list[str]:
    words = [w for w in re.findall(r"[\w'’-]+", name) if w.lower().rstrip(".") not in _HONORIFICS]
    return [re.sub(r"['’]s$", "", w) for w in words if w[:1].isupper()]


def _body_key(name: str) -> tuple[str, str] | None:
    """(head key, other key) of a body named "X of Y": its head is the noun before "of" ("Legion of
    Free Russia") unless a body noun ends the name ("Freedom of Russia Legion"). Keyed on the last word
    alone, "Legion of Free Russia" would take the voice of every bare "Russia" in the story."""
    before, _, after = name.partition(" of ")
    head_words, tail_words = _capitalised(before), _capitalised(after)
    if not head_words or not tail_words:
        words = head_words or tail_words
        return (name_key(words[-1]), "") if words else None
    # the other key is marked so that it never equals a person's given-name key
    if tail_words[-1].lower() in _BODY_HEADS:
        return name_key(tail_words[-1]), "of " + name_key(head_words[0])
    return name_key(head_words[-1]), "of " + name_key(tail_words[-1])


def _given_key(word: str) -> str:
    """A looser key for first names, whose opening vowel varies most across transliterations
    ("Oleksandr" / "Aleksandr", "Andriy" / "Andrey"): the consonants after leading vowels."""
    folded = re.sub(r"[^a-z]", "", fold(word))
    stripped = folded.lstrip("aeiouy") or folded
    return stripped[0] + re.sub(r"(.)\1+", r"\1", "".join(c for c in stripped[1:] if c not in "aeiouyjwh"))


def _role_words(role: str) -> set[str]:
    words = {re.sub(r"['’]s$", "", w.lower()) for w in re.findall(r"[\w'’-]+", role)}
    return {name_key(w) if w not in _OFFICES else w for w in words if w not in _ROLE_STOP and len(w) > 1}


def _bare(name: str) -> str:
    """A name without a leading article ("The Freedom of Russia Legion" -> "Freedom of Russia Legion")."""
    return re.sub(r"^(?:the|The)\s+(?=[A-Z])", "", name)


def _is_proper(name: str) -> bool:
    words = name.split()
    return bool(words) and words[0][:1].isupper() and all(_NAME.match(w) for w in words)
