"""Denials: who denies what ("Ukraine, which denies involvement", "a charge Kyiv has denied").

A denial is a verb of denying (deny, reject, dismiss, refute, dispute) whose object is a claim: "deny"
and "refute" take one by themselves; the others only with a claim noun after them ("rejected the
accusations", "dismissed reports"). Not denials: non-denials ("neither confirmed nor denied", "did not
deny"), denying someone a thing ("was denied bail", "denied entry"), and "denial" as a plain noun with no
owner.

The denier is, in this order: the antecedent of a relative clause ("Ukraine, which denies"), the
subject between a claim noun and its verb ("a charge Kyiv has denied"), the agent of a passive ("was
denied by the ministry"), the owner of a nominal denial ("Kyiv's denial"), else the subject before the
verb. ``None`` when none of these is written: the extractor does not guess.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator

from reporter.model import Article, Fact, Span
from reporter.text import sentences

VERSION = "1"
EXTRACTOR = "denials"

_CLAIM_NOUNS = (
    r"(?:claims?|allegations?|accusations?|charges?|reports?|suggestions?|involvement|responsibility|"
    r"assertions?|statements?|account|version|rumou?rs?|speculation|accounts)"
)
_DENY = r"(?:den(?:y|ies|ied|ying)|refut(?:e|es|ed|ing))"
_REJECT = r"(?:reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|disput(?:e|es|ed|ing)|rebuff(?:s|ed|ing)?)"
# The verb, and for the weaker verbs a claim noun within four words after it.
_VERB = re.compile(
    rf"\b(?:{_DENY}\b|{_REJECT}\s+(?:\w+\s+){{0,3}}?{_CLAIM_NOUNS}\b)|\bdenials?\b", re.IGNORECASE
)
# Denying someone a thing, or a non-denial: not a denial of a claim.
_NOT_A_DENIAL_AFTER = re.compile(
    r"^\w*\s+(?:(?:him|her|them|us|me|the|a|an|any|his|their)\s+)?(?:bail|entry|access|permission|"
    r"visas?|requests?|applications?|parole|appeals?|service|benefits|care|treatment|a\s+chance|"
    r"boarding|admission|asylum|tenure|coverage|funding|licen[cs]es?|the\s+opportunity)\b",
    re.IGNORECASE,
)
_NON_DENIAL_BEFORE = re.compile(
    r"(?:\b(?:not|n't|never|nor|neither|refused\s+to|declined\s+to|would\s+not|cannot|can't)\s+"
    r"(?:\w+\s+){0,2}|\bconfirm(?:ed)?\s+(?:or|nor)\s+)$",
    re.IGNORECASE,
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are|get|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_AGENT = re.compile(r"^\w+\s+by\s+(?P<who>(?:the\s+)?(?:[A-Z][\w'’.-]*\s*){1,5})")
_RELATIVE = re.compile(
    r"(?P<who>(?:[A-Z][\w'’.-]*)(?:\s+(?:of\s+)?[A-Z][\w'’.-]*){0,4}),\s+(?:which|who)\s+"
    r"(?:(?:has|have|had|also|long|repeatedly|strongly|flatly|always|previously)\s+){0,3}$"
)
_CLAIM_THEN_SUBJECT = re.compile(
    rf"\b(?:an?|the|that)\s+{_CLAIM_NOUNS}\s+(?:that\s+|which\s+)?(?P<who>(?:the\s+)?(?:[A-Z][\w'’.-]*\s*){{1,4}}?)"
    r"\s*(?:(?:has|have|had|also|long|repeatedly|strongly|flatly|always|previously)\s+){0,3}$"
)
_OWNER = re.compile(r"(?P<who>(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w.-]*)(?:'s|’s|')\s+(?:\w+\s+)?$")
_LEADING_FUNCTION_WORDS = re.compile(
    r"^(?:(?:despite|after|amid|with|as|but|and|for|in|on|of|the|given|following|over)\s+)+", re.IGNORECASE
)
_SUBJECT_AUX = re.compile(
    r"(?:\s+(?:has|have|had|also|long|repeatedly|strongly|flatly|swiftly|quickly|always|previously|"
    r"again|vehemently|categorically|publicly|officially|immediately|since|later|has\s+long|did))*\s*$",
    re.IGNORECASE,
)
_SUBJECT = re.compile(
    r"(?P<who>(?:(?:the|a|an|its|his|her|their)\s+)?(?:[\w'’.-]+\s+){0,5}?[\w'’.-]+)$", re.IGNORECASE
)
_CLAUSE_BREAK = re.compile(
    r"[,;:()\"“”—–]|\b(?:and|but|while|as|that|after|because|though|although)\s", re.IGNORECASE
)
_OBJECT = re.compile(r"^[^.;:!?\"“”]{0,120}")


def extract_denials(article: Article) -> Iterable[Fact]:
    """Denial facts of ``article``'s body paragraphs, in text order; evidence is the sentence."""
    text = article.text
    found: list[Fact] = []
    for paragraph in article.paragraphs or (Span(0, len(text)),):
        for sentence in sentences(text, paragraph):
            found.extend(_denials_in(article, sentence))
    return found


def _denials_in(article: Article, sentence: Span) -> Iterator[Fact]:
    text = article.text
    chunk = text[sentence.start : sentence.end]
    for match in _VERB.finditer(chunk):
        before, after = chunk[: match.start()], chunk[match.start() :]
        nominal = match.group().lower().startswith("denial")
        if _NOT_A_DENIAL_AFTER.match(after) or _NON_DENIAL_BEFORE.search(before):
            continue
        denier, confidence = _denier(before, after, nominal)
        if nominal and denier is None:
            continue  # "denial" with no owner is usually not a report of one
        denied = _denied(before, chunk[match.end() :], nominal)
        yield _fact(article, sentence, match.start(), denier, denied, confidence)


def _denier(before: str, after: str, nominal: bool) -> tuple[str | None, float]:
    if nominal:
        owner = _OWNER.search(before)
        who = _LEADING_FUNCTION_WORDS.sub("", owner.group("who")) if owner else ""
        return (_tidy(who), 0.8) if who else (None, 0.0)
    if _PASSIVE_BEFORE.search(before):
        agent = _AGENT.match(after)
        return (_tidy(agent.group("who")), 0.85) if agent else (None, 0.6)
    for pattern in (_RELATIVE, _CLAIM_THEN_SUBJECT):
        found = pattern.search(before)
        if found and found.group("who").strip():
            return _tidy(found.group("who")), 0.9
    return _subject(before), 0.8


def _subject(before: str) -> str | None:
    """The noun phrase right before the verb (auxiliaries and adverbs skipped), back to a clause break."""
    head = _SUBJECT_AUX.sub("", before.rstrip())
    breaks = list(_CLAUSE_BREAK.finditer(head))
    clause = head[breaks[-1].end() :] if breaks else head
    found = _SUBJECT.search(clause.strip())
    return (_tidy(found.group("who")) or None) if found else None


def _denied(before: str, rest: str, nominal: bool) -> str | None:
    """What is denied: the object after the verb, else (relative clause) the claim noun before it."""
    obj = _OBJECT.match(rest.lstrip(" ,"))
    text = _tidy(obj.group()) if obj else ""
    text = re.sub(r"^(?:of|that|to)\s+", "", text) if nominal else re.sub(r"^that\s+", "", text)
    if text:
        return " ".join(text.split()[:14])
    claim = re.search(rf"\b(?:an?|the)\s+{_CLAIM_NOUNS}\b", before)
    return claim.group() if claim else None


def _tidy(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip(" ,.;:\"“”'’")


def _fact(
    article: Article, sentence: Span, offset: int, denier: str | None, denied: str | None, confidence: float
) -> Fact:
    key = f"{article.id}|{sentence.start}|{offset}"
    return Fact(
        id=f"denial-{hashlib.sha1(key.encode()).hexdigest()[:12]}",
        article=article.id,
        kind="denial",
        start=sentence.start,
        end=sentence.end,
        evidence=article.text[sentence.start : sentence.end],
        extractor=EXTRACTOR,
        confidence=confidence,
        denier=denier,
        denied=denied,
    )
