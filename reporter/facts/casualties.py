"""Casualty figures: how many were killed, injured, missing, captured, arrested or displaced, per whom.

Rules over word tokens, no parse needed (fast enough for a daily feed; works without spaCy). A
sentence is a candidate when it holds a casualty term. Each term (a *trigger*: "were killed", "died",
"wounded", "killing", "left ... dead") is linked to the noun phrases it is about:

- its subject, to the left, for passives and intransitives ("two people had been killed", "a man died",
  "three dead", "Smith, 25, and Jones, 51, were shot and killed");
- its object, to the right, for active verbs ("killing 50 of the raiders", "killed his five children as
  well as his wife", "left two people injured", "the shooting death of X", "the bodies of three men");
- a subject shared across a clause ("Roe had been shot and was pronounced dead", "both teens were
  taken to a hospital, where they died"), or the group counted in the sentence before ("Two women
  were in the car. They died on the spot").

A headline glued to the first line of the text (scraped pages) is read as a sentence of its own.

A noun phrase counts as its number ("12 civilians", "at least two", "a dozen") or as one person ("a
man", "the victim", "his wife", a name, "he"); a list of them ("X and Y", "X as well as Y") adds up.
"Several people were injured" yields a fact with ``count=None``: the text states no number.

Gold conventions of the casualty data sets, measured and followed here: a person who was shot and is
not said to have died counts as injured; a shooter who killed himself counts as killed (added to his
victims' toll unless the dead named include him); "no one was hurt" and "without casualties" are
explicit zero figures; an article that reports people hurt and states no death anywhere in its body
gets one derived zero-killed figure (confidence 0.35-0.45). Sentences about other times (only an
earlier year, or a tally "this year") give no figure.

Every fact's evidence is the sentence that states it (``article.text[start:end] == evidence``);
``attributed_to`` is who the sentence credits ("police said", "according to the governor").
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from reporter.facts.numbers import Count, find_counts, opens_count
from reporter.model import Article, Fact, Span
from reporter.text import sentences

VERSION = "1"
EXTRACTOR = "casualties"

# --- lexicons ---------------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    """A lexicon written as white-space separated words."""
    return frozenset(text.split())


SINGULAR_PERSONS = _words(
    """man woman boy girl teen teenager child kid baby infant toddler person victim officer deputy
    trooper agent soldier civilian resident driver passenger pedestrian bystander student worker
    employee clerk customer guard cop policeman policewoman suspect gunman shooter attacker robber
    intruder homeowner neighbor neighbour husband wife son daughter father mother brother sister
    boyfriend girlfriend mom dad grandmother grandfather grandson granddaughter uncle aunt cousin
    nephew niece friend relative juvenile youth adult male female journalist reporter photographer
    doctor nurse teacher firefighter paramedic motorist cyclist hiker hunter inmate prisoner fighter
    militant serviceman marine sailor pilot farmer shopkeeper owner member senior veteran hostage
    individual rapper sergeant lieutenant captain detective constable corporal private commander
    fiancé fiance fiancee fiancée stepfather stepmother stepson stepdaughter roommate tenant
    landlord manager cashier bouncer security spouse partner toddler newborn preteen sophomore
    freshman junior classmate patron guest gang-member waitress waiter bartender server citizen
    coach player athlete pastor priest preacher minister lawyer attorney judge mayor councilman
    councilwoman trucker cabbie dealer vendor mechanic janitor contractor engineer chef cook barber
    salesman saleswoman deliveryman courier mailman carrier stranger acquaintance ex-boyfriend
    ex-girlfriend ex-wife ex-husband motorcyclist skateboarder jogger runner walker churchgoer
    congregant rancher deputy agent ranger marshal warden gunwoman assailant teenage-boy
    grandchild stepbrother stepsister step-brother step-sister half-brother half-sister toddler
    twin sibling parent child adolescent youngster lady gentleman couple"""
)
PLURAL_PERSONS = _words(
    """people persons men women boys girls teens teenagers children kids babies infants toddlers
    victims officers deputies troopers agents soldiers troops servicemen civilians residents drivers
    passengers pedestrians bystanders students workers employees clerks customers guards cops
    policemen suspects gunmen shooters attackers assailants robbers intruders raiders fighters
    militants insurgents rebels legionnaires saboteurs separatists combatants members relatives
    hostages migrants refugees protesters protestors demonstrators journalists reporters worshippers
    worshipers shoppers inmates prisoners firefighters adults individuals family siblings sons
    daughters brothers sisters friends colleagues juveniles youths males females locals villagers
    miners farmers tourists pilgrims sailors marines crew personnel staff patients doctors nurses
    teachers pupils schoolchildren spectators fans partygoers guests diners motorists occupants
    others persons parishioners servicemembers recruits partisans commandos paratroopers guardsmen
    policemen gang-members teammates classmates neighbors neighbours bodies waitresses waiters
    bartenders citizens coaches players athletes pastors priests lawyers judges truckers dealers
    vendors mechanics janitors contractors engineers strangers acquaintances motorcyclists joggers
    churchgoers congregants ranchers rangers marshals wardens grandchildren twins parents adolescents
    youngsters ladies gentlemen deputies volunteers conscripts mercenaries guerrillas peacekeepers
    defenders paramedics medics rescuers"""
)
PRONOUNS_SINGULAR = frozenset({"he", "she", "him", "her"})
_POSSESSIVES = frozenset({"his", "her", "their", "its", "the", "our", "my", "all"})
_ACTIVE_FORMS = _words(
    """killed wounded injured hurt shot stabbed captured arrested detained abducted kidnapped evacuated
    displaced murdered"""
)
_NOMINAL = frozenset({"deaths", "fatalities", "injuries", "casualties"})
_FINITE = _words(
    """was were is are had has have fled ran said told escaped survived died left went got remain
    remains remained will would could did does do"""
)
_NO_OBJECT = _words(
    """in on at after during when while by near outside inside from as since and but or early late last
    this that overnight yesterday today tonight monday tuesday wednesday thursday friday saturday
    sunday following amid because before with for where into"""
)
DETERMINERS = frozenset(
    {"a", "an", "one", "another", "the", "his", "her", "their", "its", "this", "that", "our", "my", "each"}
)
# Words that may stand between a subject and its casualty verb: auxiliaries, adverbs, hedges.
_BETWEEN = _words(
    """was were is are be been being had have has got get gets also reportedly allegedly later all each
    critically seriously gravely badly severely fatally mortally ultimately eventually subsequently
    accidentally unintentionally mistakenly possibly
    then now apparently initially just still who that which either believed thought feared presumed
    said reported confirmed to have since already so far tragically instantly immediately nearly
    almost slightly minorly pronounced found declared later"""
)
# Words that cannot sit inside a noun phrase between a count and its noun.
_NOT_MODIFIER = _words(
    """was were is are be been being had have has and or but that which who said says told after before
    when while in on at by for from with into as than then if of to the a an also not no killed
    wounded injured died dead shot hurt"""
)
# Capitalised words that are not names (headline case, sentence openers).
_COMMON_CAPITALISED = _words(
    """man woman boy girl teen police officer suspect shooting killed dies dead who near in at on after
    kills shoots shot injured wounded hurt charged arrested found body one two three four five
    despite although though since because during following before when while until upon without
    with as if report update updated breaking watch video photos january february march april june
    july august september october november december officers deputies"""
)
_NAME_STOP = _words(
    """Police Officials Authorities Officers Investigators Witnesses Deputies Troopers Sheriff
    Detectives He She They It We The A An This That These Those Monday Tuesday Wednesday Thursday
    Friday Saturday Sunday Reuters Ukraine Russia Moscow Kyiv Kiev Hospital Center Centre Medical
    Street Avenue Road Boulevard Drive Lane County Park School University College Church Mall
    Apartments Hotel Club Bar Restaurant Station Department Office Court Jail Prison Highway"""
)

# Status phrases. Order matters: longer phrases first. ``voice``: "either" = may take an object or a
# subject, "subject" = intransitive / adjectival, "object" = active only.
_TRIGGERS: tuple[tuple[str, str, str], ...] = (
    (r"shot(?:,|\s+and)?\s+killed|shot\s+dead|shot\s+to\s+death|gunned\s+down|fatally\s+(?:shot|wounded|"
     r"injured|stabbed|struck|hit)|(?:stabbed|beaten|burned|hacked)\s+to\s+death", "killed", "either"),
    (r"shot\s+and\s+(?:wounded|injured|hurt)|non-?fatally\s+shot", "injured", "either"),
    (r"fatally(?=\s*[,.;)]|\s+(?:and|in|on|at|by|after|while)\b)", "killed", "subject"),
    (r"(?:taken|rushed|transported|airlifted|driven|flown)\s+to\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
     r"hospitals?", "shot", "subject"),
    (r"killed|killing|kills|slain|murdered|murdering|executed|massacred|slaughtered", "killed", "either"),
    (r"(?:shooting\s+|stabbing\s+)?deaths?\s+of|killings?\s+of|murders?\s+of|slayings?\s+of|bod(?:y|ies)\s+of",
     "killed", "object"),
    (r"(?:hit|struck|grazed|wounded)\s+by\s+(?:a\s+|an\s+)?(?:stray\s+)?(?:bullets?|gunfire|round|shotgun\s+blast)",
     "shot", "subject"),
    (r"died|dies|dead|deceased|perished|lost\s+(?:their|his|her)\s+li(?:ves|fe)|succumbed|deaths|fatalities",
     "killed", "subject"),
    (r"claimed\s+the\s+li(?:ves|fe)\s+of|took\s+the\s+li(?:ves|fe)\s+of|taking\s+the\s+li(?:ves|fe)\s+of",
     "killed", "object"),
    (r"wounded|wounding|injured|injuring|injures|hurt|hurting", "injured", "either"),
    (r"hospitali[sz]ed|injuries|casualties", "injured", "subject"),
    (r"(?:in|to)\s+(?:critical|serious|stable|fair|grave|guarded|good)(?:\s+but\s+stable)?\s+condition",
     "shot", "subject"),
    # Wounds name their bearer as the subject: "X suffered three gunshot wounds" counts X, not three.
    (r"(?:suffered|suffers|suffering|sustained|sustaining|received|receiving)\s+(?:[\w-]+\s+){0,4}?"
     r"(?:injury|injuries|wounds?)|(?:was|were|being|is|are)\s+treated\s+(?:[\w-]+\s+){0,6}?for\s+"
     r"(?:[\w-]+\s+){0,4}?(?:injury|injuries|wounds?)|(?:with|had|has)\s+(?:[\w-]+\s+){0,3}?(?:gunshot|bullet|stab|"
     r"knife|shrapnel)\s+wounds?|(?:is|was|remains|remained|are|were)\s+(?:\w+\s+)?in\s+(?:the\s+)?"
     r"hospital", "shot", "subject"),
    (r"passed\s+away", "killed", "subject"),
    (r"shot|shooting|stabbed|stabbing", "shot", "either"),
    (r"missing|unaccounted\s+for|disappeared", "missing", "subject"),
    (r"captured|capturing|abducted|abducting|kidnapped|kidnapping|taken\s+(?:prisoner|captive|hostage)",
     "captured", "either"),
    (r"arrested|arresting|detained|detaining|taken\s+into\s+custody", "arrested", "either"),
    (r"displaced|displacing|evacuated|homeless|forced\s+to\s+flee|fled\s+their\s+homes", "displaced",
     "either"),
)  # fmt: skip
_TRIGGER = re.compile(
    "|".join(f"(?P<t{i}>\\b(?:{pattern})\\b)" for i, (pattern, _, _) in enumerate(_TRIGGERS)), re.IGNORECASE
)
# Words that can open a trigger (the first word of each alternative above), for a cheap pre-check.
_OPENERS = _words(
    """shot fatally non nonfatally gunned stabbed beaten burned hacked taken rushed transported
    airlifted driven flown killed killing kills slain murdered murdering executed massacred slaughtered
    died dies dead deceased perished lost succumbed death deaths fatalities claimed took taking wounded
    killings murder murders slaying slayings hit struck grazed body bodies
    wounding injured injuring injures hurt hurting hospitalized hospitalised injuries casualties in to
    suffered suffers suffering sustained sustaining received receiving was were being is are with had
    has remains remained passed shooting stabbing missing unaccounted disappeared captured capturing
    abducted abducting kidnapped kidnapping arrested arresting detained detaining displaced displacing
    evacuated homeless forced fled"""
)
_CANDIDATE = re.compile(
    r"\b(?:kill|dead|die|death|fatal|slain|murder|wound|injur|hurt|hospitali|shot|stabb|missing|unaccounted"
    r"|captur|abduct|kidnap|captive|hostage|arrest|detain|custody|displac|evacuat|homeless|flee|fled|perish"
    r"|casualt|lives|life|no one|nobody|gunned|executed|massacre|slaughter|suicide|himself|herself"
    r"|deceas|passed away|injury|wounds|hospital|shoot|condition|bod(?:y|ies))"
)  # matched against a lower-cased copy: case-insensitive alternations are several times slower
# "left/leaving five people dead": the status word follows the object.
_LEFT = re.compile(r"\b(?:left|leaving|leaves|leave|found|finds|discovered)\b", re.IGNORECASE)
_LEFT_STATUS = {"dead": "killed", "injured": "injured", "wounded": "injured", "hurt": "injured",
                "homeless": "displaced", "missing": "missing", "hospitalized": "injured",
                "hospitalised": "injured", "critically": "injured", "deceased": "killed",
                "shot": "shot", "unresponsive": "shot"}  # fmt: skip
# "left one man dead and another [with gunshot wounds | in critical condition]"
_LEFT_HURT = re.compile(
    r"\s*(?:with\s+(?:[\w-]+\s+){0,3}?(?:injuries|wounds?)|in\s+(?:critical|serious|grave|stable|fair)\b)",
    re.IGNORECASE,
)
_TOLL = re.compile(
    r"\bdeath\s+toll\b(?:\s+\w+){0,6}?\s+(?:to|at|of|is|was|hit|reached|stands\s+at|stood\s+at)\s+",
    re.IGNORECASE,
)
_SELF_SHOT = re.compile(r"\b(?:shot|shoots|shoot|shooting)\s+(?:himself|herself)\b", re.IGNORECASE)
_SUICIDE = re.compile(
    r"\b(?:killed|killing|kills)\s+(?:himself|herself)\b|\btook\s+(?:his|her)\s+own\s+life\b"
    r"|\bturned\s+the\s+gun\s+on\s+(?:himself|herself)\b|\bcommitted\s+suicide\b|\bdied\s+by\s+suicide\b"
    r"|\b(?:self-inflicted|self\s+inflicted)\s+gunshot\b",
    re.IGNORECASE,
)
_ZERO = re.compile(
    r"""\b(?:no\s+one|nobody|no-one|none\s+of\s+(?:the\s+)?\w+|no\s+(?:other\s+)?(?:people|persons|civilians
        |officers|one\s+else|residents|students|soldiers))\s+(?:\w+\s+){0,2}?(?:was|were|has\s+been|have\s+been
        |had\s+been|got|is|are)\s+(?:\w+\s+)?(?P<a>killed|injured|hurt|wounded|harmed|shot)\b
      | \b(?:no|without(?:\s+any)?|zero)\s+(?:reported\s+|immediate\s+|serious\s+|other\s+)?
        (?P<b>casualties|deaths|fatalities|injuries|victims|one\s+(?:was\s+)?(?:killed|injured|hurt))\b
      | \bno\s+(?:one|body)\s+(?P<c>died)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_ZERO_STATUS = {"killed": ("killed",), "injured": ("injured",), "hurt": ("injured",),
                "wounded": ("injured",), "harmed": ("injured",), "shot": ("injured",),
                "casualties": ("killed", "injured"), "deaths": ("killed",), "fatalities": ("killed",),
                "injuries": ("injured",), "victims": ("killed", "injured"), "died": ("killed",)}  # fmt: skip

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-'’.][A-Za-z0-9]+)*\.?|[^\sA-Za-z0-9\"“”‘’']")


class Token(NamedTuple):
    """A word or punctuation mark: ``text`` as written, offsets into the article's text.

    A tuple rather than a frozen dataclass: sentences make tens of them and creating them is the
    extractor's hottest loop."""

    text: str
    lower: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Phrase:
    """A noun phrase (or a list of them) that a trigger counts: ``count`` people, ``None`` when vague."""

    count: int | None
    count_max: int | None
    qualifier: str | None
    victims: str | None
    start: int
    end: int
    certain: bool  # a number or a person noun from the lexicon, not a guess


@dataclass(frozen=True, slots=True)
class Finding:
    """One figure found in a sentence, before it becomes a :class:`Fact`."""

    status: str  # a CasualtyStatus, or "shot" (injured unless the article says they died)
    phrase: Phrase
    sentence: Span
    confidence: float
    derived: bool = False


# --- entry point ------------------------------------------------------------------------------------


def extract_casualties(article: Article) -> Iterable[Fact]:
    """Casualty facts of ``article``'s body paragraphs, in text order.

    Reads ``article.paragraphs`` (the whole text as one paragraph when there are none). Figures the
    text only implies are not invented; vague amounts ("several") come back with ``count=None``.
    """
    spans = article.paragraphs or (Span(0, len(article.text)),)
    text = article.text
    found: list[Finding] = []
    year = _reference_year(article)
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters lower-case to two characters ("İ")
        lowered = "".join(c.lower()[0] for c in text)
    previous: Span | None = None
    # Paragraphs without a casualty word are not even split into sentences: most are like that.
    relevant = [p for p in spans if _CANDIDATE.search(lowered, p.start, p.end)]
    for sentence in _sentences(article, relevant):
        if previous is not None and text[previous.end : sentence.start].strip():
            previous = None  # a skipped paragraph lies between: not the sentence before
        if _CANDIDATE.search(lowered, sentence.start, sentence.end) and not _elsewhen(
            text, lowered, sentence, year
        ):
            found.extend(_sentence_findings(text, sentence, previous))
        previous = sentence
    findings = _reconcile(text, found, spans)
    return [
        _fact(article, finding, attribution(text, finding.sentence, spans, finding.phrase.start))
        for finding in findings
    ]


_YEAR = re.compile(r"(?<![\d$#-])(?:19[5-9]\d|20[0-4]\d)(?![\d-]|\s*(?:people|victims|%|percent))")
# Tallies over a period, not this incident's toll: "nine officers shot this year", "since 2007".
_TALLY = re.compile(
    r"\b(?:(?:so\s+far\s+)?this\s+year|last\s+year|year[- ]to[- ]date|since\s+(?:january|the\s+start\s+of)"
    r"|in\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years?|months?|decades?)|each\s+year|every\s+year|a\s+year\s+ago"
    r"|annually|per\s+year|in\s+recent\s+years)\b"
)  # lower-cased text


def _reference_year(article: Article) -> int | None:
    """The year the article reports on: its publication year, else the latest year it mentions."""
    if article.published and article.published[:4].isdigit():
        return int(article.published[:4])
    years = [int(m.group()) for m in _YEAR.finditer(article.text)]
    return max(years) if years else None


def _elsewhen(text: str, lowered: str, sentence: Span, year: int | None) -> bool:
    """Whether the sentence is about other times: an earlier year only ("killed three men in 2012",
    "since 2007, when 28 were killed"), or a tally over a period ("nine shot this year").
    ``lowered`` is ``text`` lower-cased, offset for offset."""
    if _TALLY.search(lowered, sentence.start, sentence.end):
        return True
    chunk = _ASIDE.sub(",", text[sentence.start : sentence.end])
    years = {int(m.group()) for m in _YEAR.finditer(chunk)}
    return year is not None and bool(years) and max(years) < year


# "Russia, which invaded Ukraine in February 2022, says two were killed": an aside's year is not
# the figure's.
_ASIDE = re.compile(r",\s*(?:which|who|whose)\b[^,]*,")


def _sentences(article: Article, spans: Sequence[Span]) -> list[Span]:
    """The body's sentences; a title printed at the head of the text is a sentence of its own.

    Scraped pages often glue the headline to the first line ("...Houston | abc13.comA waitress
    was shot"): without the cut, the headline's subject and the lede's verb read as one clause.
    """
    title = (article.title or "").strip()
    cut = len(title) if len(title) > 10 and article.text.startswith(title) else 0
    out: list[Span] = []
    for paragraph in spans:
        if paragraph.start < cut < paragraph.end:
            out.extend(sentences(article.text, Span(paragraph.start, cut)))
            paragraph = Span(cut, paragraph.end)
        out.extend(sentences(article.text, paragraph))
    return out


def _sentence_findings(text: str, sentence: Span, previous: Span | None = None) -> list[Finding]:
    tokens = _tokens(text, sentence)
    starts = [t.start for t in tokens if opens_count(t.text)]
    counts = find_counts(text, sentence.start, sentence.end, starts)
    out: list[Finding] = []
    antecedent = (
        _plural_antecedent(text, previous) if _THEY.search(text, sentence.start, sentence.end) else None
    )
    for finding in _trigger_findings(text, tokens, counts, sentence, antecedent):
        if not any(_same(finding, other) for other in out):
            out.append(finding)
    out = _share_victims(out)
    out.extend(_zero_findings(text, sentence))
    out.extend(_suicide_findings(text, tokens, sentence))
    return out


_THEY = re.compile(r"\bthey\b", re.IGNORECASE)


def _plural_antecedent(text: str, previous: Span | None) -> Phrase | None:
    """The first counted group of people in the sentence before: what a "they" opening the next
    one may stand for ("Two women were in the car. They died on the spot.")."""
    if previous is None:
        return None
    tokens = _tokens(text, previous)
    for count in find_counts(text, previous.start, previous.end):
        if count.value is not None and count.value > 1:
            phrase, _ = _counted_forward(tokens, count, _index_at(tokens, count.start))
            if phrase is not None and phrase.certain:
                return phrase
    return None


def _share_victims(found: list[Finding]) -> list[Finding]:
    """ "two people had been killed and two wounded": the second figure is about people too."""
    out: list[Finding] = []
    for finding in found:
        earlier = [f for f in out if f.phrase.victims and f.phrase.end <= finding.phrase.start]
        if finding.phrase.victims is None and finding.phrase.count and earlier:
            phrase = replace(
                finding.phrase, victims=earlier[-1].phrase.victims, certain=earlier[-1].phrase.certain
            )
            confidence = round(max(finding.confidence, earlier[-1].confidence - 0.05), 2)
            finding = replace(finding, phrase=phrase, confidence=confidence)
        out.append(finding)
    return out


def _same(a: Finding, b: Finding) -> bool:
    return a.status == b.status and a.phrase.start == b.phrase.start and a.phrase.end == b.phrase.end


# --- tokens -----------------------------------------------------------------------------------------


def _tokens(text: str, span: Span) -> list[Token]:
    """Words and punctuation of ``span``; a full stop is cut from a word unless it is initials."""
    out: list[Token] = []
    append = out.append
    for match in _TOKEN.finditer(text, span.start, span.end):
        word = match.group()
        start, end = match.span()
        if word[-1] == "." and len(word) > 1 and not _INITIALS.fullmatch(word):
            word, end = word[:-1], end - 1
        append(Token(word, word.lower(), start, end))
    return out


_INITIALS = re.compile(r"(?:[A-Za-z]\.)+")


def _index_at(tokens: Sequence[Token], offset: int) -> int:
    """The index of the first token starting at or after ``offset`` (``len(tokens)`` when none)."""
    return bisect_left(tokens, offset, key=_start)


def _start(token: Token) -> int:
    return token.start


# --- triggers and their noun phrases ----------------------------------------------------------------


def _trigger_matches(text: str, tokens: list[Token], sentence: Span) -> Iterator[re.Match[str]]:
    """What ``_TRIGGER.finditer`` over the sentence would give, tried only where a word that can open
    a trigger stands: matching the whole alternation at every character was the extractor's cost."""
    done = sentence.start
    for token in tokens:
        if token.start < done:
            continue
        if token.text.isalpha() and token.text.isascii():
            # A plain word (most tokens): the word at its start is the token itself (tokens are
            # maximal runs of ASCII letters and digits), so no pattern is needed to read it.
            if token.lower not in _OPENERS:
                continue
            offsets: Iterable[int] = (token.start,)
        else:
            offsets = _word_starts(token)
        for offset in offsets:
            word = _WORD_AT.match(text, offset)
            if word is None or word.group().lower() not in _OPENERS:
                continue
            match = _TRIGGER.match(text, offset, sentence.end)
            if match is not None:
                done = match.end()
                yield match
                break


_WORD_AT = re.compile(r"[A-Za-z]+")


def _word_starts(token: Token) -> Iterator[int]:
    """Where words start inside a token: "police-killed" holds "killed", "died.Another" "Another"."""
    yield token.start
    if "-" in token.text or "." in token.text:
        for index, char in enumerate(token.text):
            if char in "-." and index + 1 < len(token.text):
                yield token.start + index + 1


def _trigger_findings(
    text: str, tokens: list[Token], counts: list[Count], sentence: Span, antecedent: Phrase | None = None
) -> Iterator[Finding]:
    earlier: list[Phrase] = []
    for match in _trigger_matches(text, tokens, sentence):
        group = match.lastgroup or "t0"
        _, status, voice = _TRIGGERS[int(group[1:])]
        if _excluded(text, match, status, sentence):
            continue
        first = _index_at(tokens, match.start())
        last = _index_at(tokens, match.end())
        phrase = _prenominal(tokens, counts, first, last, match.group().lower())
        if phrase is None and voice in {"either", "object"}:
            phrase = _object_phrase(tokens, counts, last, status)
        if phrase is not None and not _plausible_object(text, match, phrase, sentence):
            phrase = None
        # A gerund never has its victims before it: "the Cedar Rapids shooting", "six shootings".
        gerund = voice == "either" and match.group().lower().endswith("ing")
        if phrase is None and voice in {"either", "subject"} and not gerund:
            phrase = _shared_subject(tokens, first, earlier, antecedent)
            if phrase is None:
                phrase = _subject_phrase(tokens, counts, first, match.group().lower(), voice)
            phrase = _along_with(tokens, counts, last, phrase)
        if phrase is not None:
            earlier.append(phrase)
            yield Finding(status, phrase, sentence, _confidence(status, phrase))
    yield from _left_findings(text, tokens, counts, sentence)
    yield from _toll_findings(text, counts, sentence)


def _prenominal(tokens: list[Token], counts: list[Count], first: int, last: int, word: str) -> Phrase | None:
    """ "there are wounded legionnaires", "two injured officers": the participle as an adjective
    before the people it describes; the count before it, if any (else a vague figure)."""
    if word not in {"wounded", "injured", "dead", "killed", "hospitalized", "hospitalised"} or last >= len(
        tokens
    ):
        return None
    noun = tokens[last]
    if noun.lower not in PLURAL_PERSONS or noun.lower in {"others", "family"}:
        return None
    count = next((c for c in counts if first > 0 and c.end == tokens[first - 1].end), None)
    if count is None and first > 0 and tokens[first - 1].lower not in {"are", "were", "the", "other"}:
        return None  # "police killed civilians": the subject did it, the object-phrase rule decides
    value = count.value if count else None
    start = count.start if count else tokens[first].start
    return Phrase(value, count.value_max if count else None, count.qualifier if count else None, noun.text,
                  start, noun.end, True)  # fmt: skip


def _shared_subject(
    tokens: list[Token], index: int, earlier: list[Phrase], antecedent: Phrase | None = None
) -> Phrase | None:
    """The subject a trigger shares with an earlier clause of the sentence: "[Roe] had been shot and
    was pronounced dead", "[both teens] were taken to a hospital, where they died"; or "they"
    opening a sentence, for the group the sentence before counted (``antecedent``)."""
    end = _skip_between(tokens, index - 1)
    if end < 0:
        return None
    word = tokens[end].lower
    opens = end == 0 or not tokens[end - 1].text[0].isalnum()
    if (
        word == "they"
        and antecedent is not None
        and opens
        and not any(p.end <= tokens[end].start for p in earlier)
    ):
        return replace(antecedent, start=tokens[end].start, end=tokens[end].end)
    if not earlier:
        return None
    if word == "and" and end < index - 1 and earlier[-1].end <= tokens[end].start:
        return earlier[-1]  # "and was pronounced dead": an auxiliary after "and", no subject of its own
    if word in {"they", "both"} and end >= 1 and tokens[end - 1].lower in {"where", "when", "and", "after"}:
        plural = [p for p in earlier if p.end <= tokens[end].start and (p.count or 0) > 1]
        return plural[-1] if plural else None
    return None


def _skip_between(tokens: list[Token], end: int) -> int:
    """Back from ``end`` over auxiliaries, adverbs and hedges; the index of the word before them."""
    skipped = 0
    while end >= 0 and skipped < 6 and tokens[end].lower in _BETWEEN:
        end -= 1
        skipped += 1
    return end


def _along_with(tokens: list[Token], counts: list[Count], index: int, phrase: Phrase | None) -> Phrase | None:
    """ "Roe was killed along with Doe": the companion counts too."""
    words = [t.lower for t in tokens[index : index + 2]]
    if phrase is None or words not in (["along", "with"], ["together", "with"]):
        return phrase
    companion, _ = _phrase_forward(tokens, counts, index + 2) if index + 2 < len(tokens) else (None, 0)
    return _combine([phrase, companion]) if companion is not None else phrase


def _plausible_object(text: str, match: re.Match[str], phrase: Phrase, sentence: Span) -> bool:
    """Guessed objects (names) are doubted after headline-case verbs and after words that are also
    nouns ("a shooting", "the killing"): only a counted or person-noun object is taken there."""
    if phrase.certain or phrase.victims is None or phrase.victims.lower() in {"him", "her"}:
        return True
    word = match.group()
    following = text[match.end() : match.end() + 2].strip()
    headline_case = word[:1].isupper() and (match.start() > sentence.start or following[:1].isupper())
    if headline_case:
        return False
    # "admitted to killing Roe", "charged with shooting Roe": after a preposition it is a verb.
    return word.lower() not in {"shooting", "stabbing", "killing", "kidnapping"} or bool(
        _GERUND_VERB_BEFORE.search(text, sentence.start, match.start())
    )


_GERUND_VERB_BEFORE = re.compile(r"\b(?:to|with|of|for|after|before|about|while|in)\s+$", re.IGNORECASE)


def _excluded(text: str, match: re.Match[str], status: str, sentence: Span) -> bool:
    """Uses of a casualty word that state no casualty: "shot down", "shot at", "a shooting", "kill time"."""
    word = match.group().lower()
    after = text[match.end() : min(sentence.end, match.end() + 30)].lower()
    before = text[max(sentence.start, match.start() - 25) : match.start()].lower()
    if _HYPOTHETICAL.search(before):
        return True  # "nearly killed", "could have been killed", "came within inches of possibly killing"
    if status == "shot" and re.match(
        r"\s+(?:at(?!\s+(?:least|most)\b)|down|up|into|through|out|by\s+police\s+(?:at|near)|in\s+the\s+air)\b",
        after,
    ):
        return True  # "shot at the car", "shot down", but "shot at least once" is a casualty
    if word in {"shooting", "stabbing", "killing", "kidnapping"} and re.search(
        r"\b(?:a|an|the|this|that|fatal|deadly|double|triple|mass|police|drive-by|of|in|after)\s+$", before
    ):
        return True  # a noun: "a shooting", "the killing"
    if word in {"kill", "killing", "killed", "kills"} and re.match(
        r"\s+(?:time|switch|shot|zone|off|it)\b", after
    ):
        return True
    if word in {"missing", "hurt"} and re.match(r"\s+(?:out|the\s+point|feelings)\b", after):
        return True
    return bool(word == "dead" and re.match(r"[- ](?:end|line|heat|zone|weight|ringer|set)\b", after))


_HYPOTHETICAL = re.compile(
    r"\b(?:(?:could|would|might)(?:\s+not)?\s+(?:have\s+)?(?:been\s+|be\s+)?|nearly\s+|almost\s+|possibly\s+"
    r"|narrowly\s+|potentially\s+|(?:avoid|avoided|prevent|prevented|escaped)\s+(?:being\s+)?)$"
)


def _confidence(status: str, phrase: Phrase) -> float:
    base = 0.85 if phrase.certain else 0.6
    if status == "shot":
        base -= 0.15
    if phrase.count is None:
        base -= 0.1
    return round(base, 2)


def _object_phrase(tokens: list[Token], counts: list[Count], index: int, status: str) -> Phrase | None:
    """The noun phrase(s) right after an active verb: "killing [50 of the raiders]", "killed [his wife]"."""
    if index < len(tokens) and tokens[index].lower in {"by", "in", "on", "at", "after", "when", "during"}:
        return None
    return _phrase_list_forward(tokens, counts, index)


def _subject_phrase(
    tokens: list[Token], counts: list[Count], index: int, trigger: str, voice: str = "subject"
) -> Phrase | None:
    """The noun phrase(s) before a passive or intransitive trigger: "[two people] had been killed"."""
    end = index - 1
    skipped = 0
    while end >= 0 and skipped < 6 and (tokens[end].lower in _BETWEEN or _reporting_aside(tokens, end)):
        end -= 2 if _reporting_aside(tokens, end) else 1
        skipped += 1
    if end < 0:
        return None
    if skipped == 0 and voice != "subject" and not _nothing_follows(tokens, index, trigger):
        return None  # "police killed a man": the subject did the killing
    # "police killed" / "gunmen wounded" with no object, but "3 killed" (headline), "two dead" and a
    # person noun before a participle with no object ("a man shot in the leg", "the man killed after").
    if (
        skipped == 0
        and trigger in _ACTIVE_FORMS
        and not _count_ends_at(tokens, counts, end)
        and not _headline_subject(tokens, end)
        and not _person_noun(tokens[end].lower)
    ):
        return None
    phrase = _phrase_list_backward(tokens, counts, end)
    if phrase is None and tokens[end].text == ",":
        phrase = _appositive_subject(tokens, counts, end)
    if (
        phrase is not None
        and trigger in _NOMINAL
        and phrase.count == 1
        and not _count_ends_at(tokens, counts, end)
    ):
        return None  # "the civilian deaths" counts nothing
    if phrase is None and trigger in {"died", "dies"}:
        return _headline_person(tokens, index)
    if phrase is None and skipped > 0:
        # "The victim is recovering after being shot": the main clause's subject was shot.
        participle = (
            tokens[end].lower in {"after", "before", "while", "since"} and tokens[end + 1].lower == "being"
        )
        return _opening_subject(tokens, counts, end, participle)
    return phrase


def _opening_subject(
    tokens: list[Token], counts: list[Count], end: int, participle: bool = False
) -> Phrase | None:
    """ "A waitress trying to stop a robbery was shot": a person noun phrase opening the sentence is
    the subject when no finite verb stands between it and the auxiliary before the trigger (any
    may when the trigger is a participle clause: "X is recovering after being shot")."""
    for stop in range(min(end, 5)):
        phrase, start = _phrase_backward(tokens, counts, stop)
        if phrase is None or start != 0 or not phrase.certain:
            continue
        between = tokens[stop + 1 : end + 1]
        if len(between) <= 10 and not any(
            (_finite(t.lower) and not participle) or not t.text[0].isalnum() for t in between
        ):
            return phrase
    return None


def _finite(word: str) -> bool:
    return (
        word in _FINITE
        or (word.endswith("ed") and word not in _NO_OBJECT)
        or word in {"who", "which", "that"}
    )


def _appositive_subject(tokens: list[Token], counts: list[Count], comma: int) -> Phrase | None:
    """ "Jane Roe, a 24-year-old woman, died": the appositive (or the name before it) is the subject."""
    for opening in range(comma - 1, max(-1, comma - 10), -1):
        if tokens[opening].text == ",":
            inner = _phrase_list_backward(tokens, counts, comma - 1)
            if inner is not None and inner.start >= tokens[opening].end:
                return inner
            return _phrase_list_backward(tokens, counts, opening - 1) if opening > 0 else None
    if comma + 1 < len(tokens) and tokens[comma + 1].lower in {"who", "whom"}:
        return _phrase_list_backward(tokens, counts, comma - 1)  # "Carter, who was hit by a bullet"
    return None


def _reporting_aside(tokens: list[Token], end: int) -> bool:
    """ "the man who had been shot police say died": an aside between a subject and its verb."""
    return end >= 1 and tokens[end].lower in {"say", "says", "said"} and tokens[end - 1].lower in {
        "police", "officials", "authorities", "deputies", "investigators", "he", "she", "they"
    }  # fmt: skip


def _nothing_follows(tokens: list[Token], index: int, trigger: str) -> bool:
    """Whether the trigger starting at ``index`` has no object: punctuation, a preposition or the end."""
    after = index + len(_tokens_in(trigger))
    return after >= len(tokens) or tokens[after].lower in _NO_OBJECT or not tokens[after].text[0].isalnum()


def _tokens_in(phrase: str) -> list[str]:
    return _TOKEN.findall(phrase)


def _headline_person(tokens: list[Token], index: int) -> Phrase | None:
    """ "Girl shot at party dies": a person opening the sentence, a few words before "dies"."""
    if index > 8:
        return None
    opening = _headline_opening(tokens)
    for end in range(opening, min(index, opening + 4)):
        single = _single_backward(tokens, end)
        if (
            single is not None
            and single[1] == opening
            and (single[0].certain or _person_noun(tokens[end].lower))
        ):
            return single[0]
    return None


def _headline_opening(tokens: list[Token]) -> int:
    """Where a headline's clause starts: after a credit such as "Police:" or "UPDATE:"."""
    for index in range(min(3, len(tokens))):
        if tokens[index].text == ":":
            return index + 1
    return 0


def _count_ends_at(tokens: list[Token], counts: list[Count], end: int) -> bool:
    return any(count.end == tokens[end].end for count in counts)


def _person_noun(word: str) -> bool:
    return word in SINGULAR_PERSONS or word in PLURAL_PERSONS


def _headline_subject(tokens: list[Token], end: int) -> bool:
    """A bare person noun opening a headline-like clause: "Man shot, killed on west side"."""
    return end == 0 and tokens[0].lower in SINGULAR_PERSONS | PLURAL_PERSONS


# --- noun phrases, forwards -------------------------------------------------------------------------


def _phrase_list_forward(tokens: list[Token], counts: list[Count], index: int) -> Phrase | None:
    parts: list[Phrase] = []
    while index < len(tokens):
        part, index = _phrase_forward(tokens, counts, index)
        if part is None and parts and tokens[index].lower in SINGULAR_PERSONS:
            token = tokens[index]  # "his wife, son and daughter": the determiner is shared
            part, index = Phrase(1, None, None, token.text, token.start, token.end, True), index + 1
        if part is None:
            break
        if parts and _verb_follows(tokens, index):
            break  # "shot the customer and both suspects fled": a new clause, not a second object
        parts.append(part)
        next_index = _skip_conjunction(tokens, index)
        if next_index is None:
            break
        if (part.count or 0) > 1 and next_index == index + 1 and tokens[index].text == ",":
            following, _ = (
                _phrase_forward(tokens, counts, next_index) if next_index < len(tokens) else (None, 0)
            )
            if following is not None and not following.certain:
                break  # "two officers, Jackson and Gerald": the names after the comma are the two
        index = next_index
    return _combine(parts)


def _verb_follows(tokens: list[Token], index: int) -> bool:
    if index >= len(tokens):
        return False
    word = tokens[index].lower
    return word in _FINITE or (word.endswith("ed") and word not in _NO_OBJECT)


def _skip_conjunction(tokens: list[Token], index: int) -> int | None:
    """The index after "and", ",", "as well as", "along with", "plus"; ``None`` when none is there."""
    words = [t.lower for t in tokens[index : index + 4]]
    for conjunction in (["as", "well", "as"], ["along", "with"], [",", "and"], ["and"], ["plus"], [","]):
        if words[: len(conjunction)] == conjunction:
            return index + len(conjunction)
    return None


def _phrase_forward(tokens: list[Token], counts: list[Count], index: int) -> tuple[Phrase | None, int]:
    count = next((c for c in counts if c.start == tokens[index].start), None)
    if count is None and tokens[index].lower in _POSSESSIVES and index + 1 < len(tokens):
        count = next((c for c in counts if c.start == tokens[index + 1].start), None)  # "his five children"
    if count is not None:
        return _counted_forward(tokens, count, _index_at(tokens, count.start))
    return _single_forward(tokens, index)


def _counted_forward(tokens: list[Token], count: Count, index: int) -> tuple[Phrase | None, int]:
    """ "[at least] 50 [of the] raiders", "two", "five young children": up to three modifiers, a noun."""
    after = _index_at(tokens, count.end)
    head, stop = _noun_head(tokens, after)
    end = tokens[stop - 1].end if stop > after else count.end
    victims = _victims(tokens[after:stop])
    certain = head is not None and (
        head in PLURAL_PERSONS or head in SINGULAR_PERSONS or _is_nationality(head)
    )
    if head is None and stop == after and count.value is None:
        return None, index  # "several" alone
    if head is not None and not certain and not head.endswith("s"):
        return None, index  # "two cars", "three years" are not people
    if head is None and stop == after and _thing_follows(tokens, after):
        return None, index  # "shot 12 frames", "killing two deer", "shot 5 of 12"
    return Phrase(count.value, count.value_max, count.qualifier, victims, count.start, end, certain), stop


def _thing_follows(tokens: list[Token], index: int) -> bool:
    """Whether a bare count is followed by a noun that counts things, not people: a word that is no
    function word, verb, adverb or status word ("12 frames"), or "of" and another number."""
    if index >= len(tokens):
        return False
    word = tokens[index].lower
    if word == "of":
        return index + 1 < len(tokens) and tokens[index + 1].text[:1].isdigit()
    if not word.isalpha() or word in _BARE_COUNT_FOLLOWERS:
        return False
    return not word.endswith(("ly", "ed"))


_BARE_COUNT_FOLLOWERS = (
    _NOT_MODIFIER | _NO_OBJECT | _FINITE | _BETWEEN | frozenset(_LEFT_STATUS)
    | _words("more others people were more remain remained are is have had has in critical who")
)  # fmt: skip


def _victims(tokens: Sequence[Token]) -> str | None:
    """The victims' words without a leading "of the": "50 of the raiders" -> "raiders"."""
    words = [t.text for t in tokens]
    if words[:1] == ["of"]:
        words = words[2:]
    return " ".join(words) or None


def _noun_head(tokens: list[Token], index: int) -> tuple[str | None, int]:
    """After a count: "of the/them", then up to three modifiers and a plural person noun, if any."""
    stop = index
    if stop + 1 < len(tokens) and tokens[stop].lower == "of" and tokens[stop + 1].lower in {
        "the", "them", "those", "his", "her", "their", "its", "whom", "these", "our"
    }:  # fmt: skip
        stop += 2
        if tokens[stop - 1].lower in {"them", "whom"}:
            return "them", stop
    for width in range(4):
        position = stop + width
        if (
            position >= len(tokens)
            or tokens[position].lower in _NOT_MODIFIER
            or not tokens[position].text[0].isalnum()
        ):
            break
        word = tokens[position].lower
        if word in PLURAL_PERSONS or word in SINGULAR_PERSONS or _is_nationality(tokens[position].text):
            return word, position + 1
    if stop > index:
        return "them", stop
    return None, index


def _is_nationality(word: str) -> bool:
    return word[:1].isupper() and bool(re.fullmatch(r"[A-Z][a-z]+(?:ans|ians|is|ese|ers|ards|ish|ch)", word))


def _single_forward(tokens: list[Token], index: int) -> tuple[Phrase | None, int]:
    """One person: "a man", "his wife", "a 23-year-old woman", "him", a capitalised name."""
    token = tokens[index]
    if token.lower == "him" or (token.lower == "her" and not _possessive_her(tokens, index)):
        return Phrase(1, None, None, token.text, token.start, token.end, False), index + 1
    if token.lower == "both":
        return Phrase(2, None, None, None, token.start, token.end, False), index + 1
    if token.lower == "another" and (index + 1 >= len(tokens) or not _person_word(tokens, index + 1)):
        return Phrase(1, None, None, token.text, token.start, token.end, False), index + 1
    if token.lower in DETERMINERS:
        for width in range(1, 5):
            position = index + width
            if position >= len(tokens) or tokens[position].lower in _NOT_MODIFIER:
                break
            word = tokens[position].lower
            if _person_word(tokens, position):
                if _plural_follows(tokens, position):
                    break
                victims = " ".join(t.text for t in tokens[index : position + 1])
                people = 2 if word == "couple" else 1
                return Phrase(
                    people, None, None, victims, token.start, tokens[position].end, True
                ), position + 1
            if word in PLURAL_PERSONS:
                break
    name = _name_forward(tokens, index)
    if name is not None:
        return name
    return None, index


def _person_word(tokens: list[Token], position: int) -> bool:
    """A singular person noun, or an age used as one ("a 13-year-old who was shot")."""
    word = tokens[position].lower
    if word in SINGULAR_PERSONS:
        return True
    if re.fullmatch(r"(?:\d+|[a-z]+(?:-[a-z]+)?)-(?:year|month)-old", word):
        nxt = tokens[position + 1].lower if position + 1 < len(tokens) else ""
        return (
            (nxt not in SINGULAR_PERSONS and nxt not in PLURAL_PERSONS and not nxt.isalpha())
            or nxt in _BETWEEN
            or nxt in _FINITE
            or nxt in _AGE_VERBS
            or nxt in _NO_OBJECT
        )
    return False


_AGE_VERBS = _words("died dies killed wounded injured shot survived remains remained suffered sustained")


def _possessive_her(tokens: list[Token], index: int) -> bool:
    """ "her" followed by a noun is a possessive ("killed her husband"), not the object."""
    nxt = tokens[index + 1].lower if index + 1 < len(tokens) else ""
    return nxt.isalpha() and nxt not in _NOT_MODIFIER and nxt not in {"and", "as", "with"}


def _plural_follows(tokens: list[Token], position: int) -> bool:
    """ "a police officer" is one person, "a family member's" fine, but "the victim's family" is not."""
    return position + 1 < len(tokens) and tokens[position + 1].text in {"'s", "’s"}


def _name_forward(tokens: list[Token], index: int) -> tuple[Phrase | None, int]:
    if _AGE_WORD.fullmatch(tokens[index].lower) and index + 1 < len(tokens):
        index += 1  # "37-year-old Tammy Modlin"
    stop = index
    while stop < len(tokens) and stop - index < 4 and _name_word(tokens[stop].text):
        stop += 1
    if stop == index or (stop - index < 2 and index == 0):
        return None, index
    victims = " ".join(t.text for t in tokens[index:stop])
    stop = _skip_age(tokens, stop)
    return Phrase(1, None, None, victims, tokens[index].start, tokens[stop - 1].end, False), stop


_AGE_WORD = re.compile(r"(?:\d+|[a-z]+(?:-[a-z]+)?)-(?:year|month)-old")


_NAME = re.compile(r"[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*-?|[A-Z]\.|[A-Z][a-z]*['’]?[A-Z][a-z]+")


def _name_word(word: str) -> bool:
    return bool(_NAME.fullmatch(word)) and word not in _NAME_STOP and word.lower() not in _COMMON_CAPITALISED


def _skip_age(tokens: list[Token], stop: int) -> int:
    """Past ", 25," after a name."""
    if stop + 1 < len(tokens) and tokens[stop].text == "," and tokens[stop + 1].text.isdigit():
        stop += 2
        if stop < len(tokens) and tokens[stop].text == ",":
            stop += 1
    return stop


# --- noun phrases, backwards ------------------------------------------------------------------------


def _phrase_list_backward(tokens: list[Token], counts: list[Count], end: int) -> Phrase | None:
    parts: list[Phrase] = []
    comma = False
    while end >= 0:
        part, start = _phrase_backward(tokens, counts, end)
        if part is None or (comma and not _list_item(part)):
            break
        parts.append(part)
        # "A, B and C": a bare comma joins items only in a list already closed by "and"
        previous = _skip_conjunction_backward(tokens, start - 1, bare_comma=len(parts) > 1)
        if previous is None:
            break
        comma = tokens[previous + 1].text == "," and tokens[previous + 2].lower != "and"
        end = previous
    return _combine(list(reversed(parts)))


def _list_item(part: Phrase) -> bool:
    """An item a bare comma may add to a list: a person noun phrase or a full name, not "Earlier"."""
    return part.certain or len((part.victims or "").split()) > 1


def _skip_conjunction_backward(tokens: list[Token], index: int, bare_comma: bool = False) -> int | None:
    if index >= 0 and tokens[index].text == "," and index >= 1 and tokens[index - 1].text.isdigit():
        index -= 2  # "Jones, 51," : the age belongs to the name before it
        if index >= 0 and tokens[index].text == ",":
            index -= 1
    words = [t.lower for t in tokens[max(0, index - 2) : index + 1]]
    conjunctions = (
        ["as", "well", "as"],
        ["along", "with"],
        [",", "and"],
        ["and"],
        *([[","]] if bare_comma else []),
    )
    for conjunction in conjunctions:
        if words[-len(conjunction) :] == conjunction:
            return index - len(conjunction)
    return None


def _phrase_backward(tokens: list[Token], counts: list[Count], end: int) -> tuple[Phrase | None, int]:
    """The phrase ending at token ``end``; returns it and its first token's index."""
    end = _skip_age_backward(tokens, end)
    for width in range(6):
        start = end - width
        if start < 0:
            break
        count = next((c for c in counts if c.start == tokens[start].start), None)
        if (
            count is not None
            and start >= 2
            and tokens[start - 1].lower == "of"
            and _kin(tokens[start - 2].lower)
        ):
            return _phrase_backward(tokens, counts, start - 2)  # "a mother of three": one person
        if count is not None:
            phrase, stop = _counted_forward(tokens, count, start)
            if phrase is not None and stop == end + 1:
                return phrase, _qualifier_start(tokens, count, start)
            if phrase is not None and width == 0:
                return phrase, start
    single = _single_backward(tokens, end)
    if single is not None:
        return single
    return None, end + 1


def _kin(word: str) -> bool:
    return word in {"mother", "father", "parent", "mom", "dad", "grandmother", "grandfather", "grandparent"}


def _qualifier_start(tokens: list[Token], count: Count, start: int) -> int:
    """The first token of a counted phrase: its qualifier, or a possessive ("their two children")."""
    start = _index_at(tokens, count.start) if count.start < tokens[start].start else start
    return start - 1 if start > 0 and tokens[start - 1].lower in _POSSESSIVES - {"all"} else start


def _skip_age_backward(tokens: list[Token], end: int) -> int:
    """ "Taylor, 25," before the verb: step back over the age to the name."""
    if (
        end >= 2
        and tokens[end].text == ","
        and tokens[end - 1].text.isdigit()
        and tokens[end - 2].text == ","
    ):
        return end - 3
    if (
        end >= 2
        and tokens[end].text.isdigit()
        and tokens[end - 1].text == ","
        and _name_word(tokens[end - 2].text)
    ):
        return end - 2  # "Taylor, 25 died", but not "1 dead, 1 injured"
    return end


_ORDINALS = _words("second third fourth fifth sixth")


def _single_backward(tokens: list[Token], end: int) -> tuple[Phrase, int] | None:
    token = tokens[end]
    if token.lower in PRONOUNS_SINGULAR and token.lower in {"he", "she"}:
        return Phrase(1, None, None, token.text, token.start, token.end, False), end
    if token.lower in {"both"}:
        return Phrase(2, None, None, None, token.start, token.end, False), end
    if token.lower == "another":
        return Phrase(1, None, None, token.text, token.start, token.end, False), end
    if token.lower in _ORDINALS and end >= 1 and tokens[end - 1].lower in {"a", "the"}:
        victims = f"{tokens[end - 1].text} {token.text}"  # "a second was injured"
        return Phrase(1, None, None, victims, tokens[end - 1].start, token.end, False), end - 1
    if _person_word(tokens, end):
        for width in range(1, 5):
            start = end - width
            if start < 0:
                break
            if tokens[start].lower in DETERMINERS:
                victims = " ".join(t.text for t in tokens[start : end + 1])
                people = 2 if token.lower == "couple" else 1
                return Phrase(people, None, None, victims, tokens[start].start, token.end, True), start
            if tokens[start].lower in _NOT_MODIFIER or not tokens[start].text[0].isalnum():
                break
        if end == 0 or (
            end <= 3 and all(t.text[:1].isupper() or t.text[:1].isdigit() for t in tokens[: end + 1])
        ):
            return Phrase(1, None, None, token.text, tokens[0].start, token.end, True), 0  # headline
        return Phrase(1, None, None, token.text, token.start, token.end, False), end  # "man found dead"
    return _name_backward(tokens, end)


_PLACE_BEFORE = _words("at in on near from into outside inside across the")


def _hometown_start(tokens: list[Token], start: int) -> int | None:
    """The end of the name before "of <Place>" ("Kendall of Ecorse", "Curtis, 27, of Memphis,
    Tennessee"): the index of its last word, or ``None`` when the words at ``start`` are no hometown."""
    index = start - 1
    if index >= 1 and tokens[index].text == "," and _name_word(tokens[index - 1].text):
        index = _name_start(tokens, index - 1) - 1  # "Memphis, Tennessee"
    if index < 1 or tokens[index].lower != "of":
        return None
    before = _skip_age_backward(tokens, index - 1)
    if before >= 0 and tokens[before].text == ",":
        before -= 1
    return before if before >= 0 and _name_word(tokens[before].text) else None


def _name_start(tokens: list[Token], end: int) -> int:
    start = end
    while start >= 0 and end - start < 4 and _name_word(tokens[start].text):
        start -= 1
    return start + 1


def _name_backward(tokens: list[Token], end: int) -> tuple[Phrase, int] | None:
    start = end
    while start >= 0 and end - start < 4 and _name_word(tokens[start].text):
        start -= 1
    start += 1
    if start > end or (start == end == 0 and tokens[0].lower in PLURAL_PERSONS):
        return None
    if start > 0 and tokens[start - 1].lower in _PLACE_BEFORE:
        return None  # "at the Walmart", "in Riverdale": a place, not a person
    home = _hometown_start(tokens, start)
    if home is not None:
        return _name_backward(tokens, home)  # "Dwayne Curtis, 27, of Trotwood": the name before
    victims = " ".join(t.text for t in tokens[start : end + 1])
    if start > 0 and _AGE_WORD.fullmatch(tokens[start - 1].lower):
        start -= 1  # "25-year-old Shelly Bird"
    return Phrase(1, None, None, victims, tokens[start].start, tokens[end].end, False), start


def _combine(parts: list[Phrase]) -> Phrase | None:
    """A list of phrases as one: counts add up ("five children as well as his wife" = 6)."""
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    if any(p.count is None for p in parts):
        return parts[0]
    total = sum(p.count or 0 for p in parts)
    victims = " and ".join(p.victims or "" for p in parts if p.victims) or None
    start, end = min(p.start for p in parts), max(p.end for p in parts)
    return Phrase(total, None, None, victims, start, end, all(p.certain for p in parts))


# --- other sentence patterns ------------------------------------------------------------------------


def _left_findings(text: str, tokens: list[Token], counts: list[Count], sentence: Span) -> Iterator[Finding]:
    """ "left five people dead", "leaving two injured": the status word follows the object."""
    for match in _LEFT.finditer(text, sentence.start, sentence.end):
        index = _index_at(tokens, match.end())
        while index < len(tokens):
            phrase = _phrase_list_forward(tokens, counts, index)
            if phrase is None:
                break
            after = _index_at(tokens, phrase.end)
            word = tokens[after].lower if after < len(tokens) else ""
            hurt = _LEFT_HURT.match(text, phrase.end)
            if word in _LEFT_STATUS:
                status, after = _LEFT_STATUS[word], after + 1
            elif hurt is not None:
                status, after = "shot", _index_at(tokens, hurt.end())
            else:
                break
            yield Finding(status, phrase, sentence, _confidence(status, phrase))
            if after >= len(tokens) or tokens[after].lower != "and":
                break
            index = after + 1  # "... one man dead and another wounded"


def _toll_findings(text: str, counts: list[Count], sentence: Span) -> Iterator[Finding]:
    """ "the death toll rose to 12"."""
    for match in _TOLL.finditer(text, sentence.start, sentence.end):
        count = next((c for c in counts if c.start == match.end()), None)
        if count is not None:
            phrase = Phrase(count.value, count.value_max, count.qualifier, None, count.start, count.end, True)
            yield Finding("killed", phrase, sentence, 0.8)


def _zero_findings(text: str, sentence: Span) -> Iterator[Finding]:
    """ "no one was killed", "no injuries", "without casualties": explicit zero figures."""
    for match in _ZERO.finditer(text, sentence.start, sentence.end):
        word = (match.group("a") or match.group("b") or match.group("c") or "").lower().split()[-1]
        for status in _ZERO_STATUS.get(word, ()):
            phrase = Phrase(0, None, None, None, match.start(), match.end(), True)
            yield Finding(status, phrase, sentence, 0.8)


def _suicide_findings(text: str, tokens: list[Token], sentence: Span) -> Iterator[Finding]:
    """ "the gunman then took his own life": the shooter counts among the dead (as the data sets count)."""
    for pattern, status in ((_SUICIDE, "suicide"), (_SELF_SHOT, "self-shot")):
        for match in pattern.finditer(text, sentence.start, sentence.end):
            index = _index_at(tokens, match.start())
            subject = _subject_phrase(tokens, [], index, "") or _first_person(tokens, index)
            victims = subject.victims if subject is not None else None
            start = subject.start if subject is not None else match.start()
            phrase = Phrase(1, None, None, victims, start, match.end(), True)
            yield Finding(status, phrase, sentence, 0.7 if status == "suicide" else 0.55)


def _first_person(tokens: list[Token], end: int) -> Phrase | None:
    """The first person named in the sentence before ``end``: the likely subject of a chain of
    verbs ("the male shot the female and then used the gun to shoot himself")."""
    for index in range(min(end, 12)):
        if tokens[index].lower in DETERMINERS or tokens[index].lower in {"he", "she"}:
            if tokens[index].lower in {"he", "she"}:
                return Phrase(
                    1, None, None, tokens[index].text, tokens[index].start, tokens[index].end, False
                )
            phrase, _ = _single_forward(tokens, index)
            if phrase is not None and phrase.certain:
                return phrase
    return None


# --- across the article -----------------------------------------------------------------------------


def _reconcile(text: str, found: list[Finding], body: Sequence[Span] = ()) -> list[Finding]:
    """Article-level decisions: "shot" becomes injured unless they died; a shooter's suicide adds to
    the dead; duplicates of one figure in one sentence go."""
    killed = [f for f in found if f.status == "killed" and f.phrase.count]
    out: list[Finding] = []
    for finding in found:
        if finding.status == "shot":
            converted = _shot_as_injured(finding, killed)
            if converted is not None:
                out.append(converted)
        elif finding.status == "suicide" or (finding.status == "self-shot" and killed):
            out.append(replace(finding, status="killed"))
        elif finding.status == "self-shot":
            out.append(replace(finding, status="injured"))
        else:
            out.append(finding)
    out.extend(_suicide_totals(text, found, killed))
    out.extend(_survival_zero(text, found, out, body or (Span(0, len(text)),)))
    return sorted(out, key=lambda f: (f.sentence.start, f.phrase.start, f.status))


_SURVIVAL = re.compile(
    r"\bnon[- ]?life[- ]?threatening\b|\b(?:expected|likely)\s+to\s+(?:survive|recover|be\s+(?:ok|okay|fine))\b"
    r"|\b(?:will|would|should)\s+(?:survive|recover)\b|\bsurvived\b|\btreated\s+and\s+released\b"
    r"|\b(?:stable|good|fair)\s+condition\b|\bminor\s+injuries\b|\bnot\s+(?:considered\s+)?life[- ]threatening\b",
    re.IGNORECASE,
)


def _survival_zero(
    text: str, found: list[Finding], kept: list[Finding], body: Sequence[Span]
) -> list[Finding]:
    """No one died, as the text implies it: people were hurt and no death is stated anywhere in the
    body. One derived zero-killed figure, on the first sentence that says they will live (else, with
    less confidence, on the sentence of the largest injured figure)."""
    if any(f.status == "killed" for f in found) or any(f.status in {"suicide", "self-shot"} for f in found):
        return []
    hurt = [f for f in kept if f.status == "injured" and (f.phrase.count or 0) > 0]
    if not hurt or any(_DEATH_WORD.search(text, p.start, p.end) for p in body):
        return []
    for sentence in _survival_sentences(text, hurt):
        phrase = Phrase(0, None, None, None, sentence.start, sentence.end, False)
        return [Finding("killed", phrase, sentence, 0.45, derived=True)]
    largest = max(hurt, key=lambda f: f.phrase.count or 0)
    phrase = Phrase(0, None, None, None, largest.sentence.start, largest.sentence.end, False)
    return [Finding("killed", phrase, largest.sentence, 0.35, derived=True)]


_DEATH_WORD = re.compile(
    r"\b(?:died|dies|dead|death|deaths|killed|fatal|fatally|slain|murder(?:ed)?|homicide|deceased)\b",
    re.IGNORECASE,
)


def _survival_sentences(text: str, hurt: list[Finding]) -> Iterator[Span]:
    first = min(f.sentence.start for f in hurt)
    for sentence in sentences(text, Span(first, len(text))):
        if _SURVIVAL.search(text, sentence.start, sentence.end):
            yield sentence


_OTHERS = re.compile(r"\b(?:others|other\s+\w+s|more|another|additional)\b", re.IGNORECASE)


def _shot_as_injured(finding: Finding, killed: list[Finding]) -> Finding | None:
    """People shot count as injured, less those the article says died (in the sentence or at all)."""
    shot = finding.phrase.count
    if shot is None:
        return replace(finding, status="injured")
    if _OTHERS.search(finding.phrase.victims or ""):
        return replace(finding, status="injured")  # "two others were shot": not the dead again
    same_sentence = [f for f in killed if f.sentence == finding.sentence]
    # "Four were shot, one fatally": the dead named after the shot are among them; "a man shot to
    # death, along with two victims who had been shot" names the dead first, apart from them.
    pronoun = (finding.phrase.victims or "").lower() in PRONOUNS_SINGULAR  # "Roe died after he was shot"
    among = [f.phrase.count or 0 for f in same_sentence if f.phrase.start >= finding.phrase.start or pronoun]
    anywhere = max((f.phrase.count or 0 for f in killed), default=0)
    dead = max(among, default=0) if same_sentence else anywhere
    if shot - dead <= 0:
        return None
    phrase = replace(finding.phrase, count=shot - dead) if dead else finding.phrase
    return replace(finding, status="injured", phrase=phrase, derived=bool(dead))


_SHOOTER_COUNTED = re.compile(
    r"\bmurder[- ]suicide\b|\bincluding\s+(?:the\s+)?(?:\w+\s+)?(?:gunman|shooter|suspect|attacker|assailant"
    r"|killer|man\s+who)\b",
    re.IGNORECASE,
)


def _suicide_totals(text: str, found: list[Finding], killed: list[Finding]) -> list[Finding]:
    """The victims' toll plus the shooter who killed himself, as one derived total."""
    suicides = [f for f in found if f.status in {"suicide", "self-shot"}]
    shooter = {w for f in suicides for w in _content_words(f.phrase.victims)}
    apart = [f for f in killed if f.sentence not in {s.sentence for s in suicides}]
    if any(_content_words(f.phrase.victims) & shooter for f in apart):
        return []  # "Carlos Bothel ... pronounced dead", "Bothel then shot himself": one person
    others = [f for f in apart if (f.phrase.victims or "").lower() not in PRONOUNS_SINGULAR]
    if not suicides or not others:
        return []  # only "he died": maybe the shooter himself
    largest = max(others, key=lambda f: f.phrase.count or 0)
    if _SHOOTER_COUNTED.search(text, largest.sentence.start, largest.sentence.end):
        return []  # "three dead in a murder-suicide": the toll already counts the shooter
    total = replace(largest.phrase, count=(largest.phrase.count or 0) + 1, count_max=None)
    return [Finding("killed", total, largest.sentence, 0.5, derived=True)]


def _content_words(victims: str | None) -> set[str]:
    """The words that can tell two victim phrases apart: no determiners, pronouns or numbers."""
    words = {w.strip(".,'’").lower() for w in (victims or "").split()}
    return {w for w in words if w and w not in _NOT_CONTENT and not w[0].isdigit()}


_NOT_CONTENT = (
    DETERMINERS | PRONOUNS_SINGULAR | _words("and as well of them they people victim victims person")
)


def _fact(article: Article, finding: Finding, attributed_to: str | None) -> Fact:
    sentence = finding.sentence
    phrase = finding.phrase
    key = f"{article.id}|{sentence.start}|{phrase.start}|{phrase.end}|{finding.status}|{finding.derived}"
    digest = hashlib.sha1(key.encode()).hexdigest()[:12]
    return Fact(
        id=f"casualty-{digest}",
        article=article.id,
        kind="casualty",
        start=sentence.start,
        end=sentence.end,
        evidence=article.text[sentence.start : sentence.end],
        extractor=EXTRACTOR,
        confidence=finding.confidence,
        count=phrase.count,
        count_max=phrase.count_max,
        qualifier=phrase.qualifier,  # type: ignore[arg-type]
        status=finding.status,  # type: ignore[arg-type]
        victims=phrase.victims,
        attributed_to=attributed_to,
    )


# --- attribution ------------------------------------------------------------------------------------

_REPORTING = (
    r"said|says|say|told|tells|claimed|claims|claim|reported|reports|announced|announces|confirmed|confirms"
    r"|stated|states|added|adds|wrote|writes|tweeted|posted|alleged|alleges|insisted|estimated|estimates"
    r"|report|according\s+to"
)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<who>[^,.;:!?\"“”()]{2,80})", re.IGNORECASE)
# '..., police said.' / '," the legion said' / '," Rogov told Tass' (who before the verb, after a comma or quote)
_POSTPOSED = re.compile(
    rf"""(?:[,"”’]|\bthat)\s*(?P<who>(?:[A-Za-z][\w'’.-]*\s+){{0,6}}?[A-Za-z][\w'’.-]*)\s+(?:{_REPORTING})\b(?=\s*[,.;:!?]|\s*$|\s+(?:on|in|at|during|late|early|after|via|through|while|when|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|this|last|yesterday|today)\b|(?<=told)\s)""",
    re.IGNORECASE,
)
_INVERTED = re.compile(
    rf"[,\"”]\s*(?:{_REPORTING})\s+(?P<who>(?:[A-Za-z][\w'’.-]*\s+){{0,6}}?[A-Za-z][\w'’.-]*)\s*[,.]"
)
_PREPOSED = re.compile(rf"\b(?:{_REPORTING})\b", re.IGNORECASE)
_BOUNDARY_WORDS = re.compile(
    r"(?:^|[;:—–]|,\s+(?:and|but|while|as)\b|\b(?:and|but|that|while|which|who|after)\b)\s*", re.IGNORECASE
)
_LEADING_ADVERBIAL = re.compile(
    r"^(?:(?:on|in|at|by|later|earlier|meanwhile|separately|also|however|last|this|late|early)\b[^,]{0,40},\s*)",
    re.IGNORECASE,
)
_PRONOUN_SOURCE = frozenset({"he", "she", "it", "they", "officials", "police"})
_NOT_SOURCE = re.compile(r"^(?:it|there|this|that|which|who|what|reuters|i|we|you)$", re.IGNORECASE)
_SUBJECT_NP = re.compile(r"^(?:The\s+)?(?:[A-Z][\w'’-]*\s+(?:of\s+(?:the\s+)?)?){1,6}")


def attribution(text: str, sentence: Span, paragraphs: Sequence[Span], position: int) -> str | None:
    """Who ``sentence`` credits for the figure at ``position``: "police", "the governor of ...".

    ``None`` when the sentence names no source. A pronoun ("he said", "it said") is replaced by the
    source of an earlier sentence of the paragraph when one is found, else kept as written.
    """
    who = _source_in(text, sentence, position)
    if who is None or who.lower() not in {"he", "she", "it", "they"}:
        return who
    earlier = _earlier_source(text, sentence, paragraphs, position)
    return earlier or who


def _source_in(text: str, sentence: Span, position: int) -> str | None:
    chunk = text[sentence.start : sentence.end]
    offset = position - sentence.start
    according = _ACCORDING.search(chunk)
    if according:
        return _tidy(according.group("who"))
    after = [m for m in _POSTPOSED.finditer(chunk) if m.start() >= offset and _good_source(m.group("who"))]
    if after:
        return _tidy(after[0].group("who"))
    inverted = [m for m in _INVERTED.finditer(chunk) if m.start() >= offset]
    if inverted:
        return _tidy(inverted[0].group("who"))
    before = [m for m in _PREPOSED.finditer(chunk) if m.end() <= offset]
    for verb in reversed(before):
        who = _subject_before(chunk, verb.start())
        if who is not None:
            return who
    return None


def _subject_before(chunk: str, verb_start: int) -> str | None:
    """The noun phrase before a reporting verb, back to the last clause boundary."""
    head = chunk[:verb_start].rstrip()
    cut = 0
    for match in _BOUNDARY_WORDS.finditer(head):
        if match.end() < len(head):
            cut = match.end()
    who = _LEADING_ADVERBIAL.sub("", head[cut:].strip(" ,\"“”'"))
    if not who or len(who.split()) > 9 or not _good_source(who):
        return None
    return _tidy(who)


def _good_source(who: str) -> bool:
    words = who.split()
    if not words or (_NOT_SOURCE.match(who.strip()) and who.strip().lower() != "it"):
        return False
    if words[0].lower() in {"but", "and", "or", "while", "as", "which", "who", "although", "though", "so"}:
        return False
    return not any(
        w.lower() in {"was", "were", "is", "are", "had", "killed", "injured", "wounded"} for w in words
    )


def _tidy(who: str) -> str:
    return re.sub(r"\s+", " ", who).strip(" ,.;:\"“”'’")


def _earlier_source(text: str, sentence: Span, paragraphs: Sequence[Span], position: int) -> str | None:
    """A named source earlier in the sentence, else the subject of one of the three body sentences
    before it."""
    chunk = text[sentence.start : position]
    named = [_subject_before(chunk, m.start()) for m in _PREPOSED.finditer(chunk)]
    for who in named:
        if who and who.lower() not in {"he", "she", "it", "they"}:
            return who
    previous: list[Span] = []
    for paragraph in paragraphs:
        if paragraph.start < sentence.start:
            limit = Span(paragraph.start, min(paragraph.end, sentence.start))
            previous.extend(s for s in sentences(text, limit) if s.end <= sentence.start)
    previous = previous[-3:]
    for earlier in reversed(previous):
        subject = _SUBJECT_NP.match(text[earlier.start : earlier.end])
        if subject and len(subject.group().split()) >= 2:
            return _tidy(subject.group())
    return None
