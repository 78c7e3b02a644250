"""Labels: the words an outlet uses for an actor ("terrorists", "saboteurs", "rebels", "pro-Ukrainian
forces", "Russian volunteers"), and in whose voice.

A label is a *loaded* noun ("terrorists", "militants", "saboteurs", "invaders"), or a neutral one
("forces", "fighters", "groups", "troops") only when a stance modifier stands before it ("pro-Kyiv",
"Ukrainian-backed", "far-right", a nationality: "Russian volunteers"). Plain "Russian troops" is a
description, not a label, when nothing else marks it; it is still counted, because which side's troops
an outlet names is itself a choice an editor compares.

``attributed_to`` is set when the label is inside quotation marks (the outlet reports someone else's
word: 'says the groups are "terrorists"'), to the sentence's source when one is written; a label in
the outlet's own voice has ``attributed_to=None``. ``actor`` is the noun phrase the label is said of,
when a copula or a naming verb states it ("the groups are terrorists", "branded them saboteurs").
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator

from reporter.model import QUOTED, Article, Fact, Span
from reporter.text import sentences

VERSION = "1"
EXTRACTOR = "labels"

# Compounds first: the regex takes the first alternative that matches.
_LOADED = (
    r"sabotage\s+groups?|rebel\s+groups?|militant\s+groups?|terrorist\s+(?:groups?|organi[sz]ations?)|"
    r"armed\s+groups?|proxy\s+forces|occupying\s+forces|freedom\s+fighters?|"
    r"terrorists?|saboteurs?|rebels?|militants?|insurgents?|separatists?|"
    r"partisans?|guerrillas?|raiders?|extremists?|jihadists?|proxies|"
    r"mercenaries|mercenary|nationalists?|neo-?Nazis?|Nazis?|invaders?|occupiers?|"
    r"defectors?|dissidents?|infiltrators?|bandits?|thugs?|rioters?|looters?|radicals?|criminals?|"
    r"gangs?|paramilitar(?:y|ies)|volunteers?|legionnaires?|gunmen|gunman"
)
_NEUTRAL = r"forces|fighters?|troops|groups?|units?|soldiers|army|formations?|battalions?|brigades?|corps"
_STANCE = (
    r"(?:[Pp]ro|[Aa]nti)-[A-Za-z]+|[A-Z][a-z]+-(?:backed|installed|led|allied|aligned|controlled|sponsored|funded)|"
    r"far-right|far-left|right-wing|left-wing|ultra-?nationalist|Islamist|Kremlin-backed|state-backed|"
    r"[A-Z][a-z]+(?:ian|an|ese|ish|i)"
)
_FILLER = r"(?:(?:military|armed|sabotage|volunteer|paramilitary|rebel|militia|special)\s+)?"
_LABEL = re.compile(
    rf"(?<![-\w])(?:(?P<stance>{_STANCE})\s+{_FILLER}(?P<head>{_LOADED}|{_NEUTRAL})|(?P<loaded>{_LOADED}))\b"
)
# A loaded word opening a sentence is capitalised ("Militants stormed ..."); a capitalised word that
# another one follows is a name ("Volunteer Corps"), not a label.
_SENTENCE_OPENING = re.compile(rf"(?P<loaded>(?i:{_LOADED}))(?=\s+[a-z]|[,.;:!?])")
# Neutral heads that a lone nationality only describes ("Russian troops", "Ukrainian forces").
_NATIONALITY_ONLY = re.compile(r"^[A-Z][a-z]+(?:ian|an|ese|ish|i)$")
_DESCRIPTIVE_HEADS = frozenset({"troops", "soldiers", "army", "forces", "units"})
# Words a loaded noun also is, in senses that label nobody.
_NOT_LABELS = re.compile(
    r"^(?:criminals?\s+(?:case|code|charges?|court|investigation|proceedings)|gangs?\s+of)", re.IGNORECASE
)
_NAMING = re.compile(
    r"(?P<actor>(?:the|these|those|such)\s+(?:[\w'’-]+\s+){0,2}[\w'’-]+|them|they|"
    r"[A-Z][\w'’-]+(?:\s+(?:of\s+)?[A-Z][\w'’-]+){0,3})\s+"
    r"(?:are|is|were|was|being|branded|called|calls|labelled|labeled|described\s+as)\s+"
    r"(?:(?:a|an|the|so-called)\s+)?[\"“‘']?$",
)
# A singular loaded word before a noun is an adjective ("rebel incursion", "terrorist attack"):
# it describes a thing, not an actor.
_ADJECTIVAL = re.compile(
    r"^\s+(?!(?:who|that|which|and|or|but|in|on|at|of|for|from|with|was|is|has|had|said|says|told)\b)[a-z]+"
)
_QUOTES = (("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"))


def extract_labels(article: Article) -> Iterable[Fact]:
    """Label facts of ``article``'s body paragraphs, in text order; evidence is the sentence."""
    text = article.text
    paragraphs = article.paragraphs or (Span(0, len(text)),)
    found: list[Fact] = []
    for paragraph in paragraphs:
        for sentence in sentences(text, paragraph):
            for match in _labels_in(text, sentence):
                found.append(_fact(article, sentence, match))
    return found


def _labels_in(text: str, sentence: Span) -> Iterator[re.Match[str]]:
    opening = _SENTENCE_OPENING.match(text, sentence.start, sentence.end)
    if opening:
        yield opening
    for match in _LABEL.finditer(text, sentence.start, sentence.end):
        if opening and match.start() < opening.end():
            continue
        stance, head = match.group("stance"), (match.group("head") or "").lower()
        if stance and _NATIONALITY_ONLY.match(stance) and head in _DESCRIPTIVE_HEADS:
            continue
        if _NOT_LABELS.match(text[match.start() : sentence.end]):
            continue
        word = match.group()
        if not word.endswith(("s", "men", "ies")) and _ADJECTIVAL.match(text[match.end() : sentence.end]):
            continue
        yield match


def _fact(article: Article, sentence: Span, match: re.Match[str]) -> Fact:
    text = article.text
    quoted = _inside_quotes(text, sentence, match.start(), match.end())
    actor = _NAMING.search(text, sentence.start, match.start())
    key = f"{article.id}|{match.start()}|{match.end()}"
    return Fact(
        id=f"label-{hashlib.sha1(key.encode()).hexdigest()[:12]}",
        article=article.id,
        kind="label",
        start=sentence.start,
        end=sentence.end,
        evidence=text[sentence.start : sentence.end],
        extractor=EXTRACTOR,
        confidence=0.8 if quoted or match.group("loaded") else 0.7,
        label=normalise(match.group()),
        actor=_tidy(actor.group("actor")) if actor else None,
        attributed_to=QUOTED if quoted else None,
        quote_start=match.start(),
        quote_end=match.end(),
        quote=match.group(),
    )


def normalise(label: str) -> str:
    """The label as written, white space collapsed ("terrorist" and "Terrorists" compare equal
    through :func:`key`)."""
    return re.sub(r"\s+", " ", label).strip()


def _inside_quotes(text: str, sentence: Span, start: int, end: int) -> bool:
    """Whether ``[start, end)`` sits between an opening and a closing quotation mark in its sentence."""
    for opening, closing in _QUOTES:
        before = text[sentence.start : start]
        after = text[end : sentence.end]
        if opening == closing:
            if before.count(opening) % 2 == 1 and opening in after:
                return True
        elif before.rfind(opening) > before.rfind(closing) and closing in after:
            return True
    return False


def _tidy(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip(" ,.;:\"“”'’")
