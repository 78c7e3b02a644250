"""Denials: who denies what ("Ukraine, which denies involvement", "a charge Kyiv has denied").

A denial is a verb of denying (deny, refute; reject, dismiss, dispute, rebuff with a claim noun after
them: "rejected the accusations") or the noun "denial" with an owner ("Kyiv's denials"), whose object is
a claim. Not denials: non-denials ("neither confirmed nor denied", "did not deny", "there is no denying"),
denying someone a thing ("was denied bail", "deny Brooks any bond", "denied the motions").

Denial sentences are rare (a few in a hundred articles), so each candidate sentence is parsed with spaCy
when it is installed: the denier is the verb's subject, the antecedent of "who/which" for a relative
clause ("Ukraine, which denies"), the subject inside a relative clause on a claim noun ("a charge Kyiv
has denied"), the subject of the first verb of a coordination ("were detained but denied involvement"),
or the agent of a passive whose subject is a claim ("the claim was denied by the ministry"). Without
spaCy, patterns over the words do the same for the common shapes. ``None`` when no denier is written:
the extractor does not guess.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from reporter.facts.quotes import speaker_before
from reporter.model import Article, Fact, Span
from reporter.text import sentences, words

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token

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
    r"(?:\w+\s+){0,2}|\bconfirm(?:ed)?\s+(?:or|nor)\s+|\bno\s+|\bin\s+)$",
    re.IGNORECASE,
)
# Objects that make "deny" mean "withhold" (a court, an official or a rule denies someone a thing).
NOT_CLAIMS = frozenset(
    words(
        """bail bond bonds permit permits motion motions request requests access right rights entry
        application applications parole appeal appeals visa visas service services benefit benefits care
        treatment chance boarding admission asylum tenure coverage funding license licence licenses
        licences opportunity nomination protection protections petition petitions claim-form injunction
        waiver exemption exemptions vote votes seat seats passage certification approval admission
        pardon clemency custody release loan loans credit insurance housing food water medicine aid
        science existence status"""
    )
)
CLAIMS = frozenset(
    words(
        """claim claims allegation allegations accusation accusations charge charges report reports
        suggestion suggestions involvement responsibility assertion assertions statement statements
        account accounts version rumor rumors rumour rumours speculation story stories wrongdoing
        knowledge link links role"""
    )
)
# A court dismisses charges and cases: that ends a prosecution, it denies nothing.
_LEGAL_OBJECTS = frozenset(
    words("charge charges case cases lawsuit lawsuits suit suits complaint complaints indictment")
)
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it", "our": "we", "my": "I"}
_OBJECT_PRONOUN = re.compile(r"^\w+\s+(?:him|her|them|us|me|you)\b", re.IGNORECASE)
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
_LEADING_PREPOSITIONS = re.compile(
    r"^(?:(?:despite|after|amid|with|as|but|and|for|in|on|of|given|following|over)\s+)+", re.IGNORECASE
)
_SUBJECT_AUX = re.compile(
    r"(?:\s+(?:has|have|had|also|long|repeatedly|strongly|flatly|swiftly|quickly|always|previously|"
    r"again|vehemently|categorically|publicly|officially|immediately|since|later|has\s+long|did))*\s*$",
    re.IGNORECASE,
)
_SUBJECT = re.compile(
    r"(?P<who>(?:(?:the|a|an|its|his|her|their)\s+)?(?:[\w'’.-]+\s+){0,5}?[\w'’.-]+)$", re.IGNORECASE
)
_SENTENCE_SUBJECT = re.compile(
    r"^\s*(?P<who>(?:[\w'’.-]+\s+){0,4}?[\w'’.-]+)\s+(?:was|were|is|are|has|have|had|\w+ed)\b"
)
_CLAUSE_BREAK = re.compile(
    r"[,;:()\"“”—–]|\b(?:and|but|while|as|that|after|because|though|although)\s", re.IGNORECASE
)
_OBJECT = re.compile(r"^[^.;:!?\"“”]{0,120}")


def extract_denials(article: Article, parser: Language | None = None) -> Iterable[Fact]:
    """Denial facts of ``article``'s body paragraphs, in text order; evidence is the sentence.

    ``parser`` is spaCy's pipeline (``reporter.nlp.load()``) for the candidate sentences; ``None``: the
    rules decide alone.
    """
    text = article.text
    found: list[Fact] = []
    for paragraph in article.paragraphs or (Span(0, len(text)),):
        # A sentence's match is a match in its paragraph too: most paragraphs have none, and are not
        # split into sentences at all.
        if _VERB.search(text, paragraph.start, paragraph.end) is None:
            continue
        for sentence in sentences(text, paragraph):
            found.extend(_denials_in(article, sentence, parser))
    return found


def _denials_in(article: Article, sentence: Span, parser: Language | None) -> Iterator[Fact]:
    text = article.text
    chunk = text[sentence.start : sentence.end]
    for match in _VERB.finditer(chunk):
        before, after = chunk[: match.start()], chunk[match.start() :]
        if _NON_DENIAL_BEFORE.search(before):
            continue
        parsed = _parsed(chunk, match.start(), parser)
        if parsed is None:
            found = _by_rules(before, after, chunk[match.end() :], match.group().lower().startswith("denial"))
        else:
            found = parsed if parsed != _NOT_A_DENIAL else None
        if found is not None:
            denier, denied, confidence = found
            yield _fact(article, sentence, match.start(), denier, denied, confidence)


Found = tuple[str | None, str | None, float]
_NOT_A_DENIAL: Found = (None, None, -1.0)
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})


def _parsed(chunk: str, offset: int, parser: Language | None) -> Found | None:
    """Denier and object from spaCy's parse of the sentence; ``None`` when spaCy is not installed or
    the verb is not a token of the parse (then the rules decide)."""
    if parser is None:
        return None
    doc = parser(chunk)
    verb = next((t for t in doc if t.idx == offset), None)
    if verb is None:
        return None
    if verb.pos_ == "NOUN" or verb.lower_.startswith("denial"):
        owner = next((c for c in verb.children if c.dep_ == "poss"), None)
        if owner is None:
            return _NOT_A_DENIAL
        return _POSSESSIVE_PRONOUNS.get(owner.lower_, _phrase(owner)), None, 0.8
    children = {c.dep_: c for c in verb.children}
    obj = children.get("dobj")
    if "dative" in children or (obj is not None and obj.lower_ in NOT_CLAIMS):
        return _NOT_A_DENIAL
    if verb.lower_.startswith("dismiss") and obj is not None and obj.lower_ in _LEGAL_OBJECTS:
        return _NOT_A_DENIAL
    if verb.dep_ == "acl" and verb.head.lower_ not in CLAIMS:
        return _NOT_A_DENIAL  # "protections denied to them": a thing withheld
    if "nsubjpass" in children or "auxpass" in children:
        subject = children.get("nsubjpass")
        if subject is None or subject.lower_ not in CLAIMS:
            return _NOT_A_DENIAL  # "was denied a permit": someone was refused a thing
        agent = children.get("agent")
        who = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        return (_phrase(who) if who is not None else None, _phrase(subject), 0.85)
    subject = _subject_of(verb)
    return (_phrase(subject) if subject is not None else None), _object_of(verb), 0.9


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject; through "who/which" to the antecedent; through coordination and
    complement clauses to the subject they share."""
    current = verb
    for _ in range(4):
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            if subject.lower_ in _RELATIVE_PRONOUNS and current.dep_ == "relcl":
                return current.head
            return subject
        if current.dep_ not in ("conj", "xcomp", "advcl") or current.head is current:
            return None
        current = current.head
    return None


def _object_of(verb: Token) -> str | None:
    # A direct object first ("a charge Kyiv has denied" parses "charge" as the object), then a clause.
    for dep in ("dobj", "ccomp"):
        child = next((c for c in verb.children if c.dep_ == dep), None)
        if child is not None and child.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return _phrase(verb.head)  # "the allegations, which Mr. Ailes denies": the allegations
        if child is not None:
            span = verb.doc[child.left_edge.i : child.right_edge.i + 1]
            return _tidy(re.sub(r"^that\s+", "", span.text))[:160] or None
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PRON"):
        return _phrase(verb.head)  # "a charge Kyiv has denied": what is denied is the charge
    return None


def _phrase(token: Token) -> str:
    """The noun phrase a token heads, without relative clauses, appositions or trailing punctuation."""
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "nummod", "amod") or (
            child.dep_ == "prep" and child.lower_ == "of"
        ):
            right = child.right_edge.i
    span = token.doc[left : right + 1]
    return _tidy(_LEADING_PREPOSITIONS.sub("", span.text)) or token.text


def _by_rules(before: str, after: str, rest: str, nominal: bool) -> Found | None:
    """The same decision from patterns over the words, for when spaCy is not installed."""
    if _NOT_A_DENIAL_AFTER.match(after) or (not nominal and _OBJECT_PRONOUN.match(after)):
        return None
    following = set(words(" ".join(rest.split()[:4])))
    if not nominal and NOT_CLAIMS & following:
        return None  # "denied the motions", "deny Smith any bond": withholding, not denying
    if after[:7].lower().startswith("dismiss") and _LEGAL_OBJECTS & following:
        return None
    denier, confidence = _denier(before, after, nominal)
    if nominal and denier is None:
        return None  # "denial" with no owner is usually not a report of one
    if confidence == 0.6:  # a passive with no agent: "was denied ..." is about a person refused a thing
        return None
    return denier, _denied(before, rest, nominal), confidence


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
    # A denier stands where a speaker stands before "said": the quote extractor's subject finder
    # knows appositions, asides and relative clauses ("X, a spokesman for Y, denied").
    speaker = speaker_before(before + after[:1], 0, len(before))
    if speaker is not None and speaker.text:
        return _tidy(speaker.text), 0.8
    return _subject(before), 0.7


def _subject(before: str) -> str | None:
    """The noun phrase right before the verb (auxiliaries and adverbs skipped), back to a clause break."""
    head = _SUBJECT_AUX.sub("", before.rstrip())
    if head.endswith(","):
        # "Smith, for his part, has denied": skip the aside back to the comma that opened it.
        opened = head.rfind(",", 0, len(head) - 1)
        head = head[:opened] if opened > 0 else head[:-1]
    if re.search(r"\b(?:and|but)$", head, re.IGNORECASE):
        # "were detained but denied": the coordinated verbs share the sentence's subject.
        opening = _SENTENCE_SUBJECT.match(head)
        return _tidy(opening.group("who")) if opening else None
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
