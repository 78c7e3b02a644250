"""Quotes and their speakers: direct ("…," he said), indirect ("X said that …", "according to X, …")
and mixed ("X called it “a disgrace” and said …").

Rule-based, paragraph by paragraph, so it runs at the speed of regular expressions:

1. **Quotation marks** are paired per paragraph (typographic, straight, the NYT's doubled apostrophes,
   guillemets). An unbalanced mark does not spoil the paragraph: a quote left open at the paragraph's
   end runs to that end (the convention for a quote that goes on in the next paragraph, which then
   opens with a mark of its own), and a stray closing mark closes a quote opened at the start of its
   sentence. Short quoted words with no sentence punctuation inside ("terrorists", a film title) are
   scare quotes or titles: never quotes by themselves.
2. **Cues**: a lexicon of reporting verbs (say, tell, add, claim, warn, believe, accuse, ...), each with
   the complement it takes, plus "according to" and a colon after a speaker. News-attribution corpora
   (PolNeAR) also count a source's acts on a content ("released a statement", "voted for the bill",
   "downplayed the risk"): those verbs are cues only when a person, a body or a document does them.
   Nouns of stance held by a possessor ("Trump's attacks on", "her claim that"), an opening "In his
   view," / "In a poll released Monday,", and judgements in the passive ("X is seen as") are cues
   too. A cue inside a quotation is the quoted person's own reporting and is left inside that quote.
3. **Frames** around a cue: speaker before it ("X said ..."), after it ("..., said X"), a clause or
   quotation before it ("…,” X said"), or after it ("X said: “…”", "X said that …"). The content of a
   direct quote is the quotation (with its marks); of an indirect one, the clause, without the final
   stop. Quotations in the same paragraph right after an attributed one, with no cue of their own,
   continue it (one fact).
4. **Speakers** are the noun phrase the frame names, split into a name and a role ("Kremlin spokesperson
   Dmitry Peskov" -> "Dmitry Peskov", role "Kremlin spokesperson"; "Alexei Baranovsky, a spokesperson
   for ..."). Pronouns (he, she, it, they) and bare descriptions ("the legion") are resolved to the last
   named speaker or name earlier in the article that fits; when nothing fits, the speaker is ``None``.

Offsets are into ``article.text``; ``evidence`` is the sentence(s) holding the quote and its attribution
and ``quote`` its content; both are exact slices of the text. Across a story, speakers get one canonical
name in :mod:`reporter.facts.speakers`.

spaCy is optional. Given a parser (``facts.extract`` passes ``reporter.nlp.load()`` when
``[facts] use_spacy`` is on), the sentences that hold a reporting verb but that no rule could attribute
(about one in five sentences of a news article) are parsed, and a verb with a subject and a clause or
object there becomes an attribution. Measured on the 924 PolNeAR development articles on a shared
2-core machine (CPU time, noisy): rules alone about 92-100 articles/s, quote F1 0.822 (precision
0.90, recall 0.75), speaker accuracy 0.89. The parse, measured when the rules stood at F1 0.784,
added 0.8 points at about 25 articles/s.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reporter.model import Article, Fact, Span
from reporter.text import ascii_lower, sentences

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token

VERSION = "1"
EXTRACTOR = "quotes"

# ---------------------------------------------------------------------------------------------------
# Lexicon


def _wordset(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (long lexicons read better that way)."""
    return frozenset(words.split())


# How a cue takes its content. SAY: a clause or quotation, after it or before it ("..., she said").
# TELL: an addressee first ("told Reuters that ..."). THINK: a clause after it, or before it for a few
# ("..., he believes"). OBJECT: what follows it ("accused Kyiv of ...", "called for a ceasefire"),
# never before it.
SAY, TELL, THINK, OBJECT = "say", "tell", "think", "object"

_LEMMAS: dict[str, frozenset[str]] = {
    SAY: _wordset(
        "say add state declare announce explain note claim argue insist write tweet report reply respond "
        "answer remark comment continue conclude acknowledge admit concede confirm suggest recall predict "
        "pledge vow caution complain contend maintain assert allege testify emphasize emphasise stress "
        "reiterate repeat mention boast joke quip exclaim shout yell scream whisper mutter lament counter "
        "retort recount disclose reveal estimate indicate hint brag charge muse speculate proclaim agree "
        "object protest reason opine concur grumble gush marvel clarify elaborate underscore affirm write "
        "post posit chant warn wonder predict observe deny imply acknowledge swear threaten demand "
        "recommend propose promise guarantee concede signal estimate calculate forecast project rule "
        "find show hold determine read email text"
    ),
    TELL: _wordset("tell inform assure reassure remind ask urge advise notify convince persuade"),
    THINK: _wordset(
        "think believe feel know expect hope fear worry doubt suspect assume guess figure reckon realize "
        "realise understand recognize recognise suppose imagine wish want plan intend seek prefer "
        "decide learn consider view regard remember see attempt strive"
    ),
    OBJECT: _wordset(
        "accuse blame criticize criticise praise condemn slam blast attack mock dismiss reject endorse "
        "support oppose defend describe cite question challenge dispute welcome applaud thank denounce "
        "decry tout champion back highlight discuss address request deride ridicule lambast assail "
        "chide scold rebuke fault castigate hail commend laud salute credit compare liken dub label "
        "brand portray characterize characterise decline refuse express voice echo offer identify name "
        "list deem unveil outline reference tout float"
    ),
}
# Acts on a content by a source, which news-attribution corpora (PolNeAR) annotate alongside speech:
# "released a statement", "voted for the bill", "embraced the plan", "raised concerns about". They take
# an object like the OBJECT cues. Kept: the verbs whose object was an annotated content at least about
# half the time on the tuning half of the PolNeAR development articles (the others, e.g. "enjoy",
# "hire", "celebrate", "respect", were left out).
_ACTION_LEMMAS = _wordset(
    """release issue vote cast focus sign raise share publish order appoint pass approve accept embrace
    ignore adopt invoke promote encourage advocate favor contradict expose notice discover document
    detail quote attribute present bemoan dedicate restrict block impose unleash press sponsor
    introduce veto reverse ban downplay tackle lobby envision anticipate foresee ponder mull
    contemplate hate dislike appreciate admire trust relish resent regret prioritize emphasize
    target pitch campaign petition appeal tease taunt insult bash knock pressure implore beg plead
    dare congratulate compliment honor mourn deplore disavow repudiate renounce refute rebut debunk
    investigate probe examine review interview grill quiz confront trumpet allude insinuate assess
    evaluate witness hear
    push instruct authorize dread sneer cheer jeer presume infer deduce perceive confess divulge leak
    uncover lambaste excoriate vent"""
)
# Of those, the ones far more often nouns in their bare and "-s" forms ("the vote", "an issue"): only
# their "-ed" and "-ing" forms are cues.
_ACTION_NOUNLIKE = _wordset(
    """release issue vote focus sign raise order pass document detail quote present block press ban
    target hate trust regret campaign petition appeal insult bash knock pressure dare honor review
    interview witness pitch"""
)
# Phrasal cues: a verb and a particle, with the class of the whole.
_PHRASES: dict[str, str] = {
    "point out": SAY,
    "go on to say": SAY,
    "make clear": SAY,
    "make it clear": SAY,
    "call for": OBJECT,
    "call on": OBJECT,
    "call upon": OBJECT,
    "refer to": OBJECT,
    "point to": OBJECT,
    "warn of": OBJECT,
    "warn against": OBJECT,
    "talk about": OBJECT,
    "speak about": OBJECT,
    "speak of": OBJECT,
    "rail against": OBJECT,
    "push for": OBJECT,
    "argue for": OBJECT,
    "argue against": OBJECT,
    "lash out at": OBJECT,
    "take aim at": OBJECT,
    "weigh in on": OBJECT,
    "complain about": OBJECT,
    "ask about": OBJECT,
    "apologize for": OBJECT,
    "call": OBJECT,  # "called the raid a provocation"; also "called for" above
    "lay out": OBJECT,
    "spell out": OBJECT,
    "put it": SAY,
    "rule out": OBJECT,
    "shrug off": OBJECT,
    "brush off": OBJECT,
    "brush aside": OBJECT,
    "play down": OBJECT,
    "speak out against": OBJECT,
    "speak out": SAY,
    "hit back at": OBJECT,
    "push back on": OBJECT,
    "push back against": OBJECT,
    "bristle at": OBJECT,
    "focus on": OBJECT,
    "aim at": OBJECT,
    "vote for": OBJECT,
    "vote against": OBJECT,
    "sign off on": OBJECT,
    "single out": OBJECT,
    "take issue with": OBJECT,
    "go after": OBJECT,
    "come out against": OBJECT,
    "come out for": OBJECT,
    "come out in favor of": OBJECT,
    "open up about": OBJECT,
    "reach out to": OBJECT,
    "stand by": OBJECT,
    "fire back at": OBJECT,
    "respond to": OBJECT,
    "agree with": OBJECT,
    "make the case": SAY,
    "make no secret of": OBJECT,
    "speak out on": OBJECT,
    "speak with": OBJECT,
    "talk with": OBJECT,
    "meet with": OBJECT,  # an act: held to the _ACTION_PHRASES test
    "scoff at": OBJECT,
    "laugh off": OBJECT,
    "would like": THINK,
    "would love": THINK,
}
# The phrasal acts among those (held to the same test as _ACTION_LEMMAS below).
_ACTION_PHRASES = frozenset(
    {"focus on", "aim at", "vote for", "vote against", "sign off on", "single out", "go after", "reach out to",
     "stand by", "come out against", "come out for", "come out in favor of", "open up about", "take issue with",
     "rule out", "shrug off", "brush off", "brush aside", "play down", "push back on", "push back against",
     "hit back at", "fire back at", "bristle at", "meet with"}
)  # fmt: skip
# Forms far more often something else: "back" (an adverb), "present", "object", "email", "text" (nouns).
_NEVER_CUES = _wordset("back present object state states email emails text texts")
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "written", "writing"),
    "think": ("think", "thinks", "thought", "thinking"),
    "know": ("know", "knows", "knew", "known", "knowing"),
    "feel": ("feel", "feels", "felt", "feeling"),
    "hold": ("hold", "holds", "held", "holding"),
    "find": ("find", "finds", "found", "finding"),
    "show": ("show", "shows", "showed", "shown", "showing"),
    "swear": ("swear", "swears", "swore", "sworn", "swearing"),
    "forecast": ("forecast", "forecasts", "forecasted", "forecasting"),
    "understand": ("understand", "understands", "understood", "understanding"),
    "seek": ("seek", "seeks", "sought", "seeking"),
    "learn": ("learn", "learns", "learned", "learnt", "learning"),
    "read": ("read", "reads", "reading"),
    "make": ("make", "makes", "made", "making"),
    "go": ("go", "goes", "went", "going"),
    "speak": ("speak", "speaks", "spoke", "spoken", "speaking"),
    "take": ("take", "takes", "took", "taken", "taking"),
    "lash": ("lash", "lashes", "lashed", "lashing"),
    "come": ("come", "comes", "came", "coming"),
    "see": ("see", "sees", "saw", "seen", "seeing"),
    "stand": ("stand", "stands", "stood", "standing"),
    "hit": ("hit", "hits", "hitting"),
    "hear": ("hear", "hears", "heard", "hearing"),
    "lay": ("lay", "lays", "laid", "laying"),
    "spend": ("spend", "spends", "spent", "spending"),
    "cast": ("cast", "casts", "casting"),
}
_DOUBLING = frozenset(
    {
        "admit",
        "quip",
        "plan",
        "refer",
        "concur",
        "regret",
        "commit",
        "rebut",
        "prefer",
        "shrug",
        "ban",
        "veto",
    }
)


def _forms(lemma: str) -> tuple[str, ...]:
    """The inflected forms of a regular English verb (base, -s, -ed, -ing), or the irregular ones."""
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma in _DOUBLING:
        stem = lemma + lemma[-1]
        return (lemma, lemma + "s", stem + "ed", stem + "ing")
    if lemma.endswith("e"):
        return (lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing")
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return (lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing")
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return (lemma, lemma + "es", lemma + "ed", lemma + "ing")
    return (lemma, lemma + "s", lemma + "ed", lemma + "ing")


def _cue_table() -> dict[str, tuple[str, str]]:
    """Every cue form (lower case, words joined by one space) -> (lemma, class)."""
    table: dict[str, tuple[str, str]] = {}
    for kind, lemmas in _LEMMAS.items():
        for lemma in lemmas:
            for form in _forms(lemma):
                if form not in _NEVER_CUES:
                    table.setdefault(form, (lemma, kind))
    for lemma in _ACTION_LEMMAS:
        forms = _forms(lemma)
        for form in forms[2:] if lemma in _ACTION_NOUNLIKE else forms:
            if form not in _NEVER_CUES:
                table.setdefault(form, (lemma, OBJECT))
    for phrase, kind in _PHRASES.items():
        verb, *rest = phrase.split()
        for form in _forms(verb):
            table[" ".join([form, *rest])] = (phrase, kind)
    return table


_CUES = _cue_table()
# First word -> the cues starting with it, longest first (a dictionary walk is far faster than one
# regular expression with a thousand alternatives).
_FIRST: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
for _form, (_lemma, _kind) in sorted(_CUES.items(), key=lambda item: -len(item[0])):
    _first, *_rest = _form.split()
    _FIRST.setdefault(_first, []).append((tuple(_rest), _lemma, _kind))

# Two more kinds of cue, each with a frame of its own, and kept out of _CUES (they are no reporting
# verbs for the noun-phrase walk). ATTITUDE: an adjective after a copula that holds a stance ("X is
# confident that …", "voters are unhappy with …", "she is willing to …"). SEEM: a verb of appearance,
# the writer's judgement of a clause ("the plan seems to work"), so its content holds the subject.
ATTITUDE, SEEM = "attitude", "seem"
_ATTITUDES = _wordset(
    """confident concerned worried happy unhappy sure certain convinced aware afraid eager willing
    reluctant critical skeptical sceptical optimistic pessimistic proud angry upset furious outraged
    determined adamant opposed supportive wary fond enthusiastic excited frustrated disappointed
    satisfied dissatisfied comfortable uncomfortable hopeful doubtful unsure uncertain ready keen loath
    inclined unwilling intent insistent hesitant nervous fearful anxious glad pleased thrilled delighted
    grateful thankful embarrassed ashamed dismayed alarmed troubled disturbed puzzled confused shocked
    surprised impressed enamored mindful suspicious dubious cynical interested committed clear unclear
    receptive sympathetic hostile friendly"""
)
for _adjective in _ATTITUDES:
    _FIRST.setdefault(_adjective, []).append(((), _adjective, ATTITUDE))
for _lemma in ("seem", "appear"):
    for _form in _forms(_lemma)[:3]:
        _FIRST.setdefault(_form, []).append(((), _lemma, SEEM))


# Nouns of stance and speech whose possessor holds them ("Trump's criticism of …", "his support for …",
# "her claim that …"), from the nouns most often annotated as cues in PolNeAR's tuning half.
_STANCE_NOUNS = _wordset(
    """support criticism criticisms attack attacks question questions call calls decision view views
    opposition comment comments endorsement endorsements concern concerns focus proposal proposals
    assertion assessment demand demands rejection allegation allegations embrace backing stance
    claim claims promise promises suggestion refusal threat threats admission request requests
    complaint complaints hostility theory hope hopes belief beliefs willingness remark remarks warning
    warnings pledge pledges insistence argument arguments accusation accusations praise denial denials
    vow vows desire commitment defense defence fear fears doubt doubts objection objections opinion
    opinions position positions push plea pleas appeal appeals condemnation dismissal embrace
    skepticism scepticism opposition disdain contempt admiration characterization description
    portrayal interpretation explanation account version prediction predictions estimate
    estimates"""
)


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting verb (or phrase) as written, with its lemma and the complement class it takes."""

    start: int
    end: int
    text: str
    lemma: str
    kind: str


def cues(text: str, start: int, end: int) -> Iterator[Cue]:
    """The cues in ``text[start:end]``, in order. A capitalised cue word inside a sentence is part of a
    name ("United States", "The Cosby Show") unless the line is a title-case headline."""
    title_case: bool | None = None
    for match in _FIRST_WORDS_FOLDED.finditer(ascii_lower(text), start, end):
        word = match.group()
        prior = _prior_word(text, max(start, match.start() - 40), match.start())
        if prior is not None and text[match.start()].isupper():
            if title_case is None:
                title_case = _title_case(text[start:end])
            if not title_case:
                continue
        if prior is not None and _noun_use(text, prior, word):
            continue
        if text[match.start() - 1 : match.start()] == "-" or text[match.end() : match.end() + 1] == "-":
            continue  # "Ukrainian-backed", "well-known": part of a compound
        if _COMPOUND_NOUN.match(text, match.end()):
            continue  # "a think tank", "a report card"
        for rest, lemma, kind in _FIRST[word]:
            cue_end = match.end()
            if rest:
                phrase = _PHRASE_TAILS[rest].match(text, cue_end, end)
                if phrase is None:
                    continue
                cue_end = phrase.end()
            yield Cue(match.start(), cue_end, text[match.start() : cue_end], lemma, kind)
            break


def _trie_pattern(words: Iterable[str]) -> str:
    """One regular expression for many words, factored by shared prefixes ("sa(?:id|ys?)|…"), which
    the engine rejects at the first letters instead of trying each word in turn."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:  # type: ignore[type-arg]
        ends = "" in node
        branches = [re.escape(c) + pattern(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return pattern(trie)


# The reporting verbs, case-sensitive, for text folded by reporter.text.ascii_lower: what the same
# pattern case-blind finds in the text, at the same offsets, two to three times faster (and compiled
# in half the time: these tries are the costliest patterns to compile in reporter).
_FIRST_WORDS_PATTERN = r"(?<![A-Za-z])" + _trie_pattern(_FIRST) + r"(?![A-Za-z])"
_FIRST_WORDS_FOLDED = re.compile(_FIRST_WORDS_PATTERN)
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _prior_word(text: str, floor: int, index: int) -> tuple[str, int] | None:
    """The last run of ASCII letters in ``text[floor:index]`` and where it starts; ``None`` when there
    is none. A scan back is far cheaper than an end-anchored search, which tries every position."""
    end = index
    while end > floor and text[end - 1] not in _LETTERS:
        end -= 1
    if end == floor:
        return None
    begin = end
    while begin > floor and text[begin - 1] in _LETTERS:
        begin -= 1
    return text[begin:end], begin


_COMPOUND_NOUN = re.compile(r"\s+(?:tanks?|cards?)\b")


# The words after a phrasal cue's verb ("out" of "point out"), each a pattern matched right after it.
_PHRASE_TAILS = {
    rest: re.compile("".join(rf"\s+{re.escape(w)}\b" for w in rest), re.IGNORECASE)
    for entries in _FIRST.values()
    for rest, _, _ in entries
    if rest
}


_NOUN_MARKERS = _wordset("the a an his her its their our my your this these those any no every each")
# Before a bare or "-s" form only: "one tweet", "the latest report" (but "first said" is a verb).
_ADJECTIVE_MARKERS = _wordset("one another first last latest new recent previous same such")


def _noun_use(text: str, previous: tuple[str, int], word: str) -> bool:
    """A cue word used as a noun or adjective: "the report", "his claims", "Kyiv's statement", "the
    alleged raid", "his stated goal", "and attacks on"."""
    prior = previous[0].lower()
    start = previous[1]
    possessive = prior == "s" and text[start - 1 : start] in ("'", "’")
    if word == "said":
        return prior in ("the", "a", "an", "this")  # "the said agreement"
    if word.endswith("ing"):  # "the backing of X" (but "Trump's suggesting" is "Trump is suggesting")
        return prior in _NOUN_MARKERS - {"his", "her", "their", "its", "our", "my", "your"}
    if word in ("told", "wrote", "thought", "knew", "felt"):
        return False
    if word.endswith("ed"):
        return prior in _NOUN_MARKERS | {"such"} or possessive
    if word.endswith("s") and prior in _BEFORE_PLURAL_NOUN:
        return True
    if prior in _ADJECTIVE_MARKERS and word not in ("say", "says", "tell", "tells", "write", "writes"):
        return True  # "one tweet", "the latest report"; but "another says" has a subject
    return prior in _NOUN_MARKERS or possessive


# Before an "-s" form, these make it a plural noun: "some claims", "and attacks" ("some claim" is a verb).
_BEFORE_PLURAL_NOUN = _wordset(
    "and or of in on for with by from about new more many several some most all few both these those "
    "other such two three four five"
)


def _title_case(span: str) -> bool:
    """Most longer words of the span capitalised: a headline."""
    initials = [w[0] for w in span.split() if len(w) > 3 and w[0].isalpha()]
    return bool(initials) and sum(c.isupper() for c in initials) >= 0.7 * len(initials)


# Cues that need more than a bare clause after them to be reporting ("added 200 jobs", "noted author"):
# a "that", a quotation, a colon or comma, or a position after the content.
_NEEDS_MARKED_COMPLEMENT = frozenset(
    {"add", "continue", "read", "hold", "rule", "determine",
     "project", "calculate", "object", "reason", "agree",
     "figure"}
)  # fmt: skip
# Cues whose content can come before them ("..., she said"); the others only take what follows.
_POSTPOSED = frozenset(_LEMMAS[SAY]) | {"tell", "think", "believe", "feel", "know", "hope", "fear", "ask"}

# ---------------------------------------------------------------------------------------------------
# Quotation marks

_MARK = re.compile(r"''|``|[“”„«»\"‘’]")
_MIN_QUOTE_WORDS = 4  # fewer words and no sentence punctuation inside: a scare quote or a title
_MAX_TITLE_WORDS = 6
# Before a title in quotation marks: a possessive ("NBC's “Meet the Press”") or a word that names one.
_TITLE_BEFORE = re.compile(
    r"(?:['’]s|\b(?:on|titled|entitled|called|dubbed|named|show|program|programme|book|film|movie|"
    r"column|podcast|series|song|essay|article|documentary|memoir))\s*$",
    re.IGNORECASE,
)


def _title_before(text: str, start: int) -> bool:
    """Whether the words before a quotation introduce a title, and it opens with a capital."""
    inner = text[start : start + 3].lstrip("“«\"'`‘ ")
    return inner[:1].isupper() and _TITLE_BEFORE.search(text, max(0, start - 30), start) is not None


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation: ``start``/``end`` include the marks; ``closed`` is False when a mark was missing."""

    start: int
    end: int
    closed: bool = True

    def words(self, text: str) -> int:
        return len(re.findall(r"\w+", text[self.start : self.end]))

    def is_speech(self, text: str) -> bool:
        """Long enough, or punctuated like a sentence inside its marks: not a scare quote or a title."""
        inner = text[self.start : self.end].rstrip("”»“«\"'’‘ ")
        words = self.words(text)
        if words <= _MAX_TITLE_WORDS and _title_before(text, self.start):
            return False  # "on CBS's “Face the Nation,” Ryan said": a programme's title, comma and all
        return words >= _MIN_QUOTE_WORDS or inner[-1:] in {",", ".", "!", "?", "…"}


def quotations(text: str, paragraph: Span) -> list[Quotation]:
    """The quotations inside ``paragraph``, in order, with unbalanced marks repaired (see module doc).

    Double marks (typographic, straight, doubled apostrophes, guillemets) pair with any double mark:
    outlets mix them ("…,” and "…"). Whether a mark opens or closes comes from the characters around
    it, and only where those are ambiguous from its shape. Single marks make quotations of their own
    only outside double ones (British style); next to letters they are apostrophes.
    """
    doubles: list[tuple[int, str]] = []
    singles: list[tuple[int, str]] = []
    for match in _MARK.finditer(text, paragraph.start, paragraph.end):
        (singles if match.group() in "‘’" else doubles).append((match.start(), match.group()))
    found = _pair_doubles(text, paragraph, doubles) + _pair_singles(text, paragraph, singles)
    return _nested_out(found)


def _pair_doubles(text: str, paragraph: Span, marks: list[tuple[int, str]]) -> list[Quotation]:
    out: list[Quotation] = []
    open_at: int | None = None
    for index, mark in marks:
        role = _mark_role(text, index, mark, paragraph)
        if role == "either":
            role = {"“": "open", "„": "open", "«": "open", "``": "open", "”": "close", "»": "close"}.get(
                mark, "close" if open_at is not None else "open"
            )
        if open_at is None:
            if role == "open":
                open_at = index
            else:  # a closing mark with no opening one: the quote began at its sentence (or paragraph)
                start = paragraph.start if not out else _sentence_start(text, paragraph, index)
                out.append(Quotation(start, index + len(mark), closed=False))
        elif role == "close":
            out.append(Quotation(open_at, index + len(mark)))
            open_at = None
        else:  # a new quote opens while one is open: the first lost its closing mark
            out.append(Quotation(open_at, _trim_end(text, open_at, index), closed=False))
            open_at = index
    if open_at is not None:  # open at the paragraph's end: it runs to the end (and maybe beyond)
        out.append(Quotation(open_at, _trim_end(text, open_at, paragraph.end), closed=False))
    return out


def _pair_singles(text: str, paragraph: Span, marks: list[tuple[int, str]]) -> list[Quotation]:
    out: list[Quotation] = []
    open_at: int | None = None
    for index, mark in marks:
        role = _mark_role(text, index, mark, paragraph)
        if role == "open" and open_at is None:
            open_at = index
        elif role == "close" and open_at is not None:
            out.append(Quotation(open_at, index + 1))
            open_at = None
    return out  # an unmatched single mark is most likely an apostrophe: no quote


def _mark_role(text: str, index: int, mark: str, paragraph: Span) -> str:
    """Whether a mark opens, closes, could do either, or is an apostrophe (single marks only)."""
    before = text[index - 1] if index > paragraph.start else " "
    after_index = index + len(mark)
    after = text[after_index] if after_index < paragraph.end else " "
    if mark in "‘’":
        if before.isalnum() and after.isalnum():
            return "apostrophe"  # don’t, Kyiv’s
        if mark == "‘":
            return "open" if not before.isalnum() else "apostrophe"
        if after.isalnum() or before in " \n":
            return "apostrophe"  # ’90s, rock ’n’ roll
        return "close"
    space_before = before.isspace() or before in "([{—–/" or index == paragraph.start
    space_after = after.isspace() or after in ".,;:!?)]}—–" or after_index >= paragraph.end
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    return "either"


def _nested_out(found: list[Quotation]) -> list[Quotation]:
    """Quotations not inside another one (single marks inside double ones are nested quotes)."""
    out: list[Quotation] = []
    for quote in sorted(found, key=lambda q: (q.start, -q.end)):
        if out and quote.start < out[-1].end:
            continue
        out.append(quote)
    return out


def _sentence_start(text: str, paragraph: Span, index: int) -> int:
    start = paragraph.start
    for sentence in sentences(text, Span(paragraph.start, index)):
        start = sentence.start
    return start


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# ---------------------------------------------------------------------------------------------------
# Speakers: noun phrases around a cue

_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who"}
_OBJECT_PRONOUNS = r"(?:him|her|them|us|me|you|it)"
_DETERMINERS = _wordset(
    "the a an this that these those his her its their our my your some many several most all both few "
    "two three four five six seven eight nine ten dozens hundreds thousands"
)
# Words that end a subject noun phrase when met walking left from the cue.
_NP_STOP = _wordset(
    """that which when while because if as since after before where whether than so but then though
    although is was are were be been being will would can could should may might must do does did not
    to by with said says told on during into onto upon against without about over under through amid
    despite like unlike until also has have had just even only whom whose what how why and or nor yet
    there here"""
)
_TIME_WORDS = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|week|month|"
    r"year|night|morning|afternoon|evening|weekend)"
)
# Words that may come between a subject and its cue: auxiliaries, negation, adverbs, time phrases.
_BETWEEN = re.compile(
    r"(?:\s+|^)(?:has|have|had|is|are|was|were|been|being|also|later|earlier|previously|then|again|"
    r"recently|now|once|first|further|here|there|"
    r"separately|initially|would|will|could|can|cannot|may|might|should|must|did|does|do|not|never|n[’']t|"
    r"(?:could|would|should|did|does|do|is|was|are|were|has|have|had|ca|wo|must|need)n[’']t|either|"
    r"still|already|always|just|long|even|only|last|since|too|soon|often|ever|(?!(?:family|ally|rally|"
    r"supply|reply|july|italy|holy|only)\b)(?-i:[a-z]+ly)|"
    r"(?:(?:released|published|conducted|issued|taken|out)\s+)?(?:in|on)\s+(?:(?:late|early|mid)-?\s*)?"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(?:released|published|conducted|issued|taken)\s+" + _TIME_WORDS + r"|"
    r"(?:on|last|this|early|late|earlier)\s+"
    + _TIME_WORDS
    + r"(?:\s+"
    + _TIME_WORDS
    + r")?|"
    + _TIME_WORDS
    + r")"
    r"\s*$",
    re.IGNORECASE,
)
# "refused to say", "went on to say", "took to Twitter to say": a verb and "to" before the cue.
_TO_BEFORE = re.compile(
    r"(?:\s+|^)(?:(?:refus|declin|continu|want|tri|began|start|seem|appear|vow|promis|threaten|fail|"
    r"hasten|rush|mov|decid|agree|plan|hop|wish|choose|chose|prefer|need|use|went\s+on|go(?:es)?\s+on|"
    r"going\s+on|took\s+to\s+\w+|take[sn]?\s+to\s+\w+|taking\s+to\s+\w+)\w*)\s+to\s*$",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^(?:(?:but|and|so|yet|still|now|meanwhile|however|instead|later|earlier|also|then|indeed|finally|"
    r"separately|in\s+turn|for\s+(?:his|her|its|their)\s+part),?\s+)+",
    re.IGNORECASE,
)
_TITLES = _wordset(
    """mr mrs ms dr sen rep gov gen lt col maj capt sgt adm cmdr supt det insp prof rev hon president
    governor minister secretary spokesman spokeswoman spokesperson senator representative congressman
    congresswoman mayor chairman chairwoman chair chief director ambassador judge justice officer
    sheriff commissioner leader speaker chancellor king queen pope prince princess general colonel
    captain lieutenant sergeant admiral commander premier envoy adviser advisor attorney prosecutor
    candidate nominee deputy vice former acting interim lawmaker official
    executive founder co-founder head analyst professor coach"""
)
_ORG_WORDS = _wordset(
    """legion corps ministry department party council committee group agency army forces service
    services news times post reuters cnn bbc government office administration commission court
    campaign police guard union league association institute foundation university center centre
    company corporation inc bank board network house senate congress parliament assembly kremlin
    pentagon fbi cia nato un eu organization organisation movement front brigade battalion regiment
    command staff fund bureau"""
)
_HONORIFICS = _wordset("mr mrs ms miss dr mx")  # part of a name as written ("Mr. Regalado")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.|(?:de|da|van|von|bin|al|el|la|le|der|den|di|du)\b)")


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker as written: the phrase's span, its name part (if any) and its role part (if any)."""

    start: int
    end: int
    name: str | None
    role: str | None
    pronoun: str | None = None  # "he", "she", "it", "they", ... when the phrase is a pronoun
    role_end: int = -1  # where a role written after the name ends ("said X, a spokesman for Y")

    @property
    def text(self) -> str | None:
        return self.name or self.role


# Word tokens; abbreviations and initials keep their stop ("Sen.", "U.S.", "G."), a word's does not.
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Cmdr|St|Jr|"
    r"Sr|Prof|Rev|Hon|Supt|Det|Insp|Atty|Pres|[A-Z])\.|\w(?:[\w'’&/-]*\w)?|[^\w\s]"
)


@functools.lru_cache(maxsize=1024)  # the frames ask about the same cue more than once
def speaker_before(text: str, unit_start: int, cue_start: int) -> Speaker | None:
    """The speaker phrase ending right before a cue ("Gladkov said", "X, a spokesman for Y, said")."""
    end = _skip_between(text, unit_start, cue_start)
    head = text[unit_start:end].rstrip()
    end = unit_start + len(head)
    if not head:
        return None
    if head.endswith(","):
        return _appositive(text, unit_start, end - 1) or _name_then_role(text, unit_start, end - 1)
    found = _noun_phrase(text, unit_start, end)
    if found is not None and found.pronoun is None:
        participle = text[cue_start : cue_start + 12].split(" ", 1)[0].lower().endswith("ing")
        longer = None if participle else _long_subject(text, unit_start, found.start, end)
        if longer is not None:
            return longer
        before = text[unit_start : found.start].split()
        last = before[-1].lower() if before else ""
        if last == "to":
            return None  # "… difficult to prove, …": an infinitive's object, not a subject
        verb_before = last.endswith("ed") and _is_verb_like(last)
        if verb_before or last in _PREPOSITIONS - {"of", "for"}:
            # "Democrats who watched the debate said", "farmers who drove into the capital demanded"
            relative = re.search(r"\b(?:who|that)\s+(?:\S+\s+){0,6}$", text[unit_start : found.start])
            if relative:
                return _relative_antecedent(text, unit_start, unit_start + relative.start())
            return None if verb_before else found
    return found


def _long_subject(text: str, unit_start: int, np_start: int, end: int) -> Speaker | None:
    """A subject that opens the sentence with modifiers the walk left of the verb stopped in:
    "Democrats trying to win back the Senate say", "Proponents of tighter rules on speech here say".
    The name is the head before its first preposition or participle; the role, the whole phrase.
    ``None`` unless every word between could sit in such a noun phrase."""
    start = _strip_leading(text, unit_start, np_start)
    opening = _OPENING_ADVERBIAL.match(text, start, np_start)
    start = opening.end() if opening else start
    if start >= np_start:
        return None
    tokens = list(_TOKEN.finditer(text, start, end))
    if not 2 <= len(tokens) <= 16 or tokens[0].group().lower() in _PREPOSITIONS | _PRONOUNS | _NP_STOP:
        return None
    head = 0
    while head < len(tokens):
        word = tokens[head].group().lower()
        if word in _INNER_WORDS or (word.endswith("ing") and _is_verb_like(word)):
            break
        head += 1
    if head == 0 or head > 4 or head == len(tokens):
        return None
    for match in tokens:
        word = match.group()
        lower = word.lower()
        if not (word[0].isalnum() or word in "-%'’") or lower in _PARTICLE_LEADS or lower in _BARE_PAST:
            return None
        if lower in _PRONOUNS or (lower in _NP_STOP and lower not in _LONG_SUBJECT_INNER):
            return None
        if _is_verb_like(word) and not lower.endswith(("ing", "s")):
            return None  # "experts I interviewed said": a clause, not a modifier ("rules" is a noun here)
    name, role = split_role(text[start : tokens[head - 1].end()])
    if name is not None and " " not in name and name.lower().endswith("s"):
        name = None  # "Farmers": a plural capitalised by its place, no one's name
    return Speaker(start, end, name, text[start:end] if name is None else role)


# Past forms that look like nouns or base forms: a verb, so a clause, inside a would-be subject.
_BARE_PAST = _wordset("put set cut let hit read spread cast shut quit")
# Words of _NP_STOP that may sit inside a long subject ("trying to", "here").
_LONG_SUBJECT_INNER = _wordset("to and here there by with on about over into upon against without during")


_NAME_FIRST = re.compile(
    r"(?P<name>(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.\s+)?[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+)){0,3})"
    r",\s+(?P<role>[^;:!?“”\"]{2,160})$"
)


def _name_then_role(text: str, start: int, comma: int) -> Speaker | None:
    """ "Cecelia Purner, 67, a retired representative in Allentown, Pa.," opening the span: a name,
    then a role holding commas of its own."""
    begin = _strip_leading(text, start, comma)
    match = _NAME_FIRST.fullmatch(text, begin, comma)
    if match is None or match.group("name").split()[0].lower() in _NOT_NAMES:
        return None
    role = match.group("role").strip()
    role_like = role.split()[0].lower() in _DETERMINERS | _TITLES | {"who", "whose"} or role[0].isdigit()
    if not role_like and not (_is_name(role.split(",")[0]) and "," in role):
        return None
    return Speaker(match.start(), comma, match.group("name"), role)


# Capitalised words that open sentences but do not name anyone.
_NOT_NAMES = _wordset(
    "the a an this that these those it its he she they we i you but and so yet if when while after "
    "before as in on at for with from by to of there here what which who how why some many most all"
)


@functools.lru_cache(maxsize=1024)
def _skip_between(text: str, unit_start: int, cue_start: int) -> int:
    """Left of a cue, the end of its subject: auxiliaries, adverbs and time phrases skipped."""
    end = cue_start
    for _ in range(8):
        if not _may_skip(text, unit_start, end):
            break  # most subjects end right before their verb: spare the search
        window = max(unit_start, end - 100)  # the patterns are anchored at the end: search a tail only
        head = text[window:end]
        match = _SKIPPABLE.search(head)
        if match is None or match.start() == match.end():
            break
        end = window + match.start()
    return end


# Asides between a subject and its verb: ", in a statement,", ", during a rally in Columbus, Ohio,",
# "— including Muslims and Jews —", "(R-Fla.)".
_INTERJECTION = re.compile(
    r",\s+(?:in|at|on|during|speaking|after|before|when|according|asked|writing|appearing|"
    r"interviewed|testifying|addressing|talking|through|via|like|unlike|too|however|meanwhile|"
    r"for\s+(?:his|her|its|their)\s+part|(?-i:[a-z]+ing))\b[^,;]{0,100}(?:,\s*[A-Z][^,;]{0,25})?,\s*$"
    r"|\s*[—–]\s*[^—–;]{1,90}[—–]\s*$"
    r"|\s*\([^()]{1,40}\)\s*,?\s*$",
    re.IGNORECASE,
)


def _may_skip(text: str, unit_start: int, end: int) -> bool:
    """Whether the text before ``end`` could end in something ``_SKIPPABLE`` matches: a cheap test on
    its last word or mark (an aside ends with a comma, dash or bracket; the rest with a listed word)."""
    floor = max(unit_start, end - 30)
    while end > floor and text[end - 1].isspace():
        end -= 1
    if end == floor:
        return False
    if text[end - 1] in ",)—–":
        return True
    begin = end
    while begin > floor and (text[begin - 1].isalnum() or text[begin - 1] in "_'’"):
        begin -= 1
    word = text[begin:end].lower()
    return bool(word) and (word in _SKIP_LAST or word.endswith(("ly", "n't", "n’t")))


# The last words of the phrases _BETWEEN and _TO_BEFORE skip (adverbs in -ly apart).
_SKIP_LAST = _wordset(
    """has have had is are was were been being also later earlier previously then again recently now here there
    once first further separately initially would will could can cannot may might should must did does
    do not never either still already always just long even only last since too soon often ever to
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight week month year
    night morning afternoon evening weekend january february march april may june july august
    september october november december"""
)


_SKIPPABLE = re.compile(
    "|".join(f"(?:{p.pattern})" for p in (_BETWEEN, _TO_BEFORE, _INTERJECTION)), re.IGNORECASE
)


def _noun_phrase(text: str, unit_start: int, end: int) -> Speaker | None:
    """The noun phrase ending at ``end``, walking left until a word that cannot be inside a subject."""
    if text[unit_start:end].endswith(")"):  # "Rep. Elijah Cummings (D-Md.)": the party label is no part
        opening = text.rfind("(", unit_start, end)
        if opening > unit_start and end - opening <= 40:
            end = _trim_back(text, unit_start, opening)
    window = text.rfind(" ", unit_start, max(unit_start, end - 160)) + 1 or unit_start  # 10 words fit
    spans = list(_TOKEN.finditer(text, max(window, unit_start), end))
    if (
        spans
        and spans[-1].group().endswith("ed")
        and _is_verb_like(spans[-1].group())
        and (len(spans) < 2 or spans[-2].group().lower() not in _DETERMINERS - {"the", "a", "an"})
    ):
        return None  # "… the department no longer existed, …": a clause ("those polled" is a subject)
    if spans and spans[-1].group().lower() in _ONLY_ADJECTIVES:
        return None  # "The alleged attack …": no noun before the cue
    taken: list[re.Match[str]] = []
    for index in range(len(spans) - 1, -1, -1):
        match = spans[index]
        word = match.group()
        lower = word.lower()
        if not taken and lower in _PRONOUNS:
            if lower == "who":
                return _relative_antecedent(text, unit_start, match.start())
            return Speaker(match.start(), match.end(), None, None, pronoun=lower)
        if not (word[0].isalnum() or word in "&'’-%"):
            break
        if taken and lower in _INNER_WORDS and _inner_word(spans, index, taken):
            taken.append(match)  # "70 percent of farmers", "people close to the minister", "six in 10"
            continue
        if (
            lower == "and"
            and taken
            and (taken[-1].group()[0].isupper() or taken[-1].group().lower() in _DETERMINERS)
        ):
            taken.append(match)  # "The Clinton campaign and some experts said"
            continue
        if lower in _NP_STOP or (lower in _PRONOUNS and taken):
            break
        if lower in _INNER_WORDS:
            break
        if (
            _is_verb_like(word)
            and taken
            and not (lower in _PP_ADJECTIVES and taken[-1].group() in _INNER_WORDS)
        ):
            break
        taken.append(match)
        if len(taken) >= _MAX_SUBJECT_WORDS:  # no subject this long: the walk lost its way in a clause
            return Speaker(match.start(), end, None, None)  # a subject there is, but not whose
        if lower in _DETERMINERS and (index == 0 or spans[index - 1].group().lower() not in _NP_JOINERS):
            break
    while taken and taken[-1].group().lower() in ("and", "&"):
        taken.pop()
    pp_start = -1
    if taken and taken[-1].group().lower() in _INNER_WORDS:
        pp_start = taken.pop().start()  # "with Trump yelling", "In an interview Trump said"
    if not taken:
        return None
    joined = [i for i, m in enumerate(taken) if m.group().lower() in ("and", "&")]
    if joined and not _subject_position(text, unit_start, taken[-1].start(), strict=True):
        taken = taken[: joined[-1]]  # "acting as proxies for Kyiv and the governor … said": two clauses
        if not taken:
            return None
    start = taken[-1].start()
    start = _strip_leading(text, start, end)
    phrase = text[start:end]
    if not phrase or phrase.lower() in _NP_STOP | _NOT_HEADS:
        return None
    if not any(c.isalpha() for c in phrase) and not _PERCENT.fullmatch(phrase):  # "42% say"
        return None
    if _is_verb_like(phrase.split()[0]) and phrase[0].islower():
        return None
    name, role = split_role(phrase)
    if pp_start >= 0 and name is None:
        # "… fighting on Kyiv's side of the war said": a prepositional phrase ends the subject, which
        # starts further left, in words the walk cannot read; the cue has a subject, but not a name
        return Speaker(pp_start, end, None, None)
    return Speaker(start, end, name, role)


_MAX_SUBJECT_WORDS = 14
_PERCENT = re.compile(r"\d+(?:\.\d+)?\s*%")
# Words that join two parts of one subject ("the spokesman for the ministry", "X and the police").
_NP_JOINERS = _wordset("and of for at in from with on to about than")
# Lowercase words that cannot be a subject by themselves.
_NOT_HEADS = frozenset(_wordset("either neither also only even just still already again"))


_ONLY_ADJECTIVES = _wordset("alleged so-called supposed purported reported stated claimed")


def _strip_leading(text: str, start: int, end: int) -> int:
    """``start`` moved past leading conjunctions and discourse adverbs ("But", "Meanwhile,")."""
    match = _LEADING.match(text, start, end)
    return match.end() if match else start


def _inner_preposition(taken: list[re.Match[str]]) -> bool:
    """A preposition inside a subject ("spokesman for the Kremlin") has a noun phrase after it."""
    return bool(taken) and (taken[-1].group()[0].isupper() or taken[-1].group().lower() in _DETERMINERS)


# Prepositions (and "than") that may sit inside a subject, on the conditions of _inner_word.
_INNER_WORDS = _wordset("of for at in from with on to about than")
# Adjectives and participles that take a preposition inside a subject ("people familiar with …").
_PP_ADJECTIVES = _wordset(
    "close familiar loyal allied linked connected opposed briefed involved knowledgeable aware "
    "sympathetic friendly hostile"
)


def _inner_word(spans: list[re.Match[str]], index: int, taken: list[re.Match[str]]) -> bool:
    """Whether the preposition ``spans[index]``, met walking left, belongs to the subject: "percent of
    farmers", "a source close to the minister", "officials in the city", "six in 10", "more than half"."""
    match = spans[index]
    before = spans[index - 1].group().lower() if index else ""
    lower, after = match.group().lower(), taken[-1].group()
    if before in _PP_ADJECTIVES:
        return lower != "than"
    if lower == "than":
        return before in ("more", "less", "fewer")
    if lower == "of":
        return True
    if lower in ("to", "about"):
        return False
    return after[0].isupper() or after[0].isdigit() or after.lower() in _DETERMINERS


_ADJECTIVAL = _wordset(
    """armed elected retired unnamed embattled alleged so-called concerned united red need seed speed
    hundred based led backed aged skilled informed advanced supposed limited involved detained
    wounded injured killed jailed exiled ousted indicted accused"""
)


def _is_verb_like(word: str) -> bool:
    lower = word.lower()
    if word[0].isupper() or lower in _ADJECTIVAL or "-" in lower:
        return False
    if lower.startswith("un") and lower.endswith("ed"):
        return False  # "unnamed", "unaligned", "unidentified": adjectives
    if lower in _CUES or lower in _IRREGULAR_PAST:
        return True
    return len(lower) > 4 and lower.endswith(("ed", "ing"))


# Past forms with no "-ed" that are never nouns in a subject ("Trump went on the attack").
_IRREGULAR_PAST = _wordset(
    "went came took gave got ran met kept sent stood won began brought knew grew drew threw broke chose "
    "rose fell sat saw fought caught taught bought sought led"
)


def _appositive(text: str, unit_start: int, comma: int) -> Speaker | None:
    """ "NAME, APPOSITIVE," before a cue: the name and its role (either order). Also a subject with an
    interjected clause ("Powell's office, when contacted by Reuters, said") when it opens the sentence."""
    inner_start = text.rfind(",", unit_start, comma)
    if inner_start < 0:
        return None
    appositive = text[inner_start + 1 : comma].strip()
    if any(mark in appositive for mark in '“”"«»'):
        return None  # the commas belong to a quotation, not to an aside
    head = _noun_phrase(text, unit_start, inner_start)
    if head is None or not appositive or len(appositive.split()) > 16:
        return None
    if head.pronoun:
        return head
    if not _subject_position(text, unit_start, head.start):
        return None  # "… under the auspices of the Shanghai Cooperation Organization, a regional body, …"
    head_text = text[head.start : head.end]
    if _is_name(appositive) and not _is_name(head_text):
        return Speaker(head.start, comma, appositive, head_text)
    first = appositive.split()[0].lower()
    if first.isdigit() and _is_name(head_text):  # "Suu Kyi, 70, said"
        return Speaker(head.start, head.end, head.name, head.role)
    opens_sentence = not text[_strip_leading(text, unit_start, head.start) : head.start].strip()
    if re.sub(r"['’](?:s|re|d|ve)$", "", first) in ("who", "which", "whose"):
        # "Russia, which launched …, says", "Williams, who’s running …, added": a clause, not a role
        return Speaker(head.start, head.end, head.name, head.role)
    if (
        first in _DETERMINERS
        or first in _TITLES
        or first in ("one", "another", "both", "each", "part", "among")
        or _is_name(appositive.split()[0])
    ):  # "Ada Fisher, one of a handful of members,", "Ann Roe, Spain's envoy,"
        role = appositive if not head.role or head.name is None else f"{head.role}, {appositive}"
        return Speaker(head.start, comma, head.name or head.role, role)
    if opens_sentence:
        return Speaker(head.start, head.end, head.name, head.role)
    return None


def _subject_position(text: str, unit_start: int, start: int, strict: bool = False) -> bool:
    """Whether a noun phrase starting at ``start`` can be a subject: it opens the sentence or follows a
    clause boundary, not a preposition or a verb (``strict``: nor "as", nor any lowercase word that is
    not a conjunction)."""
    before = text[unit_start:start].split()
    if not before:
        return True
    last = before[-1].lower()
    if strict and last.isalpha() and last not in ("and", "but", "that", "while", "because", "so", "when"):
        return False
    return last not in _PREPOSITIONS and not (_is_verb_like(last) and last.isalpha())


_PREPOSITIONS = _wordset(
    "of for in at on with by from to under about over into onto upon against among between through "
    "toward towards within without behind beyond near like unlike despite amid via per"
)


def _relative_antecedent(text: str, unit_start: int, who: int) -> Speaker | None:
    """ "X, who ..., said" and "X who ... said": the noun phrase before "who"."""
    end = who
    while end > unit_start and text[end - 1] in " ,":
        end -= 1
    return _noun_phrase(text, unit_start, end)


def _is_name(phrase: str) -> bool:
    """Every word capitalised (initials, particles and inner "of"/"and" allowed), not a determiner first."""
    words = phrase.replace(",", " ").split()
    if not words or words[0].lower() in _DETERMINERS or not _NAME_WORD.match(words[0]):
        return False
    if not _NAME_WORD.match(words[-1]) or words[-1].lower() in _NAME_JOINERS:
        return False
    return all(_NAME_WORD.match(w) or w.lower() in _NAME_JOINERS for w in words)


def split_role(phrase: str) -> tuple[str | None, str | None]:
    """(name, role) of a speaker phrase, either part ``None`` when absent.

    "Kremlin spokesperson Dmitry Peskov" -> ("Dmitry Peskov", "Kremlin spokesperson"); "Belgorod Governor
    Vyacheslav Gladkov" -> ("Vyacheslav Gladkov", "Belgorod Governor"); "Sen. Tom Udall of New Mexico" ->
    ("Tom Udall", "Sen. of New Mexico"); "the Freedom of Russia Legion" -> ("Freedom of Russia Legion",
    None); "the governor of Belgorod region" -> (None, "the governor of Belgorod region").
    """
    words = phrase.split()
    if words and words[0].lower() == "the" and len(words) > 1 and words[1][0].isupper():
        words = words[1:]
    if not words:
        return None, None
    if phrase.lower() in _GENERIC or words[-1].lower().rstrip(".,") in _CALENDAR:
        return None, phrase  # "Others", "Critics"; "a poll released Thursday"
    if _is_name(" ".join(words)):
        return _split_proper(words)
    leading = _NAME_OF.match(" ".join(words))
    if (
        leading
        and not _org_like(leading.group("name").split())
        and words[0].lower().rstrip(".") not in _TITLES
    ):
        return leading.group("name"), leading.group("rest")  # "Ann Roe of the polling firm X"
    tail: list[str] = []
    for word in reversed(words):
        bare = word.lower().rstrip(".,")
        if word.lower() == "and" and tail:
            tail.append(word)
            continue
        if not _NAME_WORD.match(word) or bare in _TITLES - _HONORIFICS or bare in _DETERMINERS:
            break
        tail.append(word)
    tail.reverse()
    while tail and tail[0].lower() in _PARTICLES | {"and"}:
        tail.pop(0)
    if not tail:
        return None, phrase
    role = " ".join(words[: len(words) - len(tail)])
    if role.lower().endswith(
        (" of", " for", " at", " from", " with", " in", " on", " to", " by", "'s", "’s")
    ) or role.lower() in (
        "of",
        "for",
    ):
        return None, phrase  # "a spokesman for Mayor X": a role naming someone else
    if role.lower() in _DETERMINERS:
        return " ".join(tail), None
    return " ".join(tail), role or None


_NAME_OF = re.compile(
    r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+)){1,3})\s+(?P<rest>(?:of|from|at|with)\s+\S.*)$"
)
# Subjects that are capitalised only because they open a sentence: descriptions, not names.
_GENERIC = _wordset(
    "others many some critics officials analysts experts observers supporters opponents voters "
    "residents people sources aides advisers advisors lawmakers members witnesses police authorities "
    "both all most few several one two three none neither each everyone nobody someone scientists "
    "economists researchers organizers organisers protesters activists democrats republicans "
    "conservatives liberals progressives independents americans"
)
_CALENDAR = _wordset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december today yesterday tonight"
)
_PARTICLES = _wordset("de da van von bin al el la le der den di du")
_NAME_JOINERS = _wordset("of for and the de da van von bin al el la le der den di du")


def _split_proper(words: list[str]) -> tuple[str | None, str | None]:
    """A capitalised phrase: titles before the name are its role; a person's "of Place" goes there too."""
    last_title = -1
    for index, word in enumerate(words):
        bare = word.lower().rstrip(".,")
        if bare in _TITLES - _HONORIFICS or (index < len(words) - 2 and bare.endswith(("'s", "’s"))):
            last_title = index  # "Ohio’s Ada Fisher": the possessive place goes with the role
    role_words, name_words = words[: last_title + 1], words[last_title + 1 :]
    if _org_like(words[-1:]):
        return " ".join(words), None  # "State Department", "Senate Intelligence Committee"
    if not name_words:
        return None, " ".join(words)
    if "of" in name_words[2:]:  # "Tom Udall of New Mexico", not "Freedom of Russia Legion"
        cut = name_words.index("of", 2)
        if not _org_like(name_words[:cut]):
            role_words = [*role_words, *name_words[cut:]]
            name_words = name_words[:cut]
    return " ".join(name_words), " ".join(role_words) or None


def _org_like(words: Sequence[str]) -> bool:
    return any(w.lower().strip(".,") in _ORG_WORDS for w in words)


def speaker_after(text: str, cue_end: int, unit_end: int) -> Speaker | None:
    """The inverted speaker after a cue ("..., said Matt Latimer, a veteran speechwriter."): a noun
    phrase that ends the sentence, or is followed by a comma, an adverbial or "who"."""
    tokens = list(_TOKEN.finditer(text, cue_end, unit_end))
    if not tokens:
        return None
    first = tokens[0].group().lower()
    taken = 0
    if first in _PRONOUNS - {"who"}:
        taken = 1
    else:
        for match in tokens:
            word = match.group()
            lower = word.lower()
            if not word[0].isalnum() and word not in "&":
                break
            if lower in ("and", "&") and taken:
                taken += 1  # "said Doyle and others"
                continue
            if (lower in _NP_STOP and word[0].islower()) or lower in (
                "in",
                "on",
                "at",
                "during",
                "according",
                "after",
                "from",
                "via",
            ):
                if lower not in ("of", "for") and taken:
                    break
                if not taken:
                    return None
            if _is_verb_like(word) and taken and not _modifier_ing(tokens, taken):
                return None
            taken += 1
            if taken > _MAX_SUBJECT_WORDS:
                return None
    if not taken:
        return None
    end = tokens[taken - 1].end()
    follow = tokens[taken].group().lower() if taken < len(tokens) else ""
    if follow and follow not in {
        ",",
        ".",
        "!",
        "?",
        ";",
        ":",
        "—",
        "–",
        "(",
        "in",
        "on",
        "at",
        "during",
        "according",
        "after",
        "from",
        "via",
        "who",
        "when",
        "while",
        "as",
        "to",
        "last",
        "this",
        "earlier",
        "before",
        "told",
        "wrote",
        "said",
        "”",
        '"',
    }:
        return None
    np_start = tokens[0].start()
    phrase = text[np_start:end]
    if first in _PRONOUNS - {"who"}:
        return Speaker(np_start, end, None, None, pronoun=first)
    name, role = split_role(phrase)
    if not (phrase[0].isupper() or first in _DETERMINERS | {"one", "another"} or name is not None):
        return None  # "said former governor Bob Smith", "says political scientist Ann Roe": a name after
    if follow == "," and taken < len(tokens):
        appositive = _ROLE_AFTER.match(text, end, unit_end)
        extra = appositive.group("role").strip() if appositive else ""
        if appositive and extra and name is None and _is_name(extra):  # "the bureau's director, James Comey,"
            return Speaker(np_start, end, extra, phrase, role_end=appositive.end("role"))
        if appositive and extra and extra.split()[0].lower() in _DETERMINERS | _TITLES:
            role = f"{role}, {extra}" if role else extra
            return Speaker(np_start, end, name, role, role_end=appositive.end("role"))
    return Speaker(np_start, end, name, role)


def _modifier_ing(tokens: list[re.Match[str]], index: int) -> bool:
    """An "-ing" word inside a noun phrase: after "of", "for", "at" or an adjective, before a noun
    ("of digital consulting firm X", "a leading advocate")."""
    word = tokens[index].group().lower()
    if not word.endswith("ing") or index + 1 >= len(tokens) or not tokens[index + 1].group()[0].isalpha():
        return False
    before = tokens[index - 1].group().lower()
    return before in ("of", "for", "at", "a", "an", "the") or (before.isalpha() and not _is_verb_like(before))


# A role after an inverted speaker: up to the next comma or stop (initials like "W." do not end it).
_ROLE_AFTER = re.compile(r",\s*(?P<role>(?:[A-Z]\.|[^,.;:!?“”\"()]){2,120}?)\s*(?=[,.;:!?(]|$)")


# ---------------------------------------------------------------------------------------------------
# Attributions in one unit (a sentence, or sentences a quotation holds together)


@dataclass(frozen=True, slots=True)
class Attribution:
    """An attribution before facts are made: spans into the text, and what the speaker phrase says."""

    start: int  # evidence
    end: int
    quote_start: int
    quote_end: int
    cue: str | None
    cue_start: int
    speaker: Speaker | None
    direct: bool
    confidence: float


def extract_quotes(article: Article, parser: Language | None = None) -> list[Fact]:
    """Quote facts of ``article``'s body paragraphs (the whole text when there are none), in text order.

    Each fact's ``evidence`` (``start``/``end``) is the sentence or sentences holding the quote and its
    attribution; ``quote`` (``quote_start``/``quote_end``) the content, with its quotation marks for a
    direct quote. ``speaker`` is the name as written (a pronoun resolved to an earlier name), else a
    description ("Russian military bloggers"), else ``None``.

    Rules alone by default. With a spaCy ``parser`` (``reporter.nlp.load()``), the sentences that hold a
    reporting verb but that no rule could attribute are parsed, and a verb with a subject and a clause
    or object is taken as an attribution (slower: see the module doc for the measured cost).
    """
    text = article.text
    found: list[Attribution] = []
    unattributed: list[Span] = []
    all_marks: list[Quotation] = []
    for paragraph in article.paragraphs or (Span(0, len(text)),):
        if not _MAY_QUOTE_FOLDED.search(ascii_lower(text), paragraph.start, paragraph.end):
            continue  # most paragraphs hold no cue, mark or colon: skip the sentence splitter for them
        marks = quotations(text, paragraph)
        attributions, units = _in_paragraph(text, paragraph, marks)
        found.extend(attributions)
        all_marks.extend(marks)
        if parser is not None:  # sentences with a reporting verb that no rule attributed
            unattributed.extend(
                u
                for u in units
                if not any(u.start <= a.cue_start < u.end for a in attributions)
                and _FIRST_WORDS_FOLDED.search(ascii_lower(text), u.start, u.end)
            )
    if parser is not None and unattributed:
        found.extend(_parsed(text, parser, unattributed, all_marks))
    resolved = _resolve(text, found)
    return [_fact(article, a, name, role) for a, name, role in resolved]


# A paragraph that may hold a quote: a reporting verb, a quotation mark or colon, "according", a
# stance noun. Case-sensitive, for reporter.text.ascii_lower's copy (as _FIRST_WORDS_FOLDED).
_MAY_QUOTE_FOLDED = re.compile(
    _FIRST_WORDS_PATTERN + r"|[:“”„«»\"]|''|ccording|(?<![A-Za-z])(?:" + _trie_pattern(_STANCE_NOUNS) + ")"
)


def _in_paragraph(text: str, paragraph: Span, marks: list[Quotation]) -> tuple[list[Attribution], list[Span]]:
    """The paragraph's attributions, and its units (sentences held together by quotations)."""
    out: list[Attribution] = []
    units = _units(text, paragraph, marks)
    for index, unit in enumerate(units):
        inside = [q for q in marks if unit.start <= q.start < unit.end]
        previous = units[index - 1] if index else None
        out.extend(_in_unit(text, unit, inside, marks, previous))
    out.extend(_labelled(text, paragraph, out))
    out = _continuations(text, units, marks, out)
    return _dedupe(out), units


def _phrase_bounds(head: Token) -> tuple[Token, Token]:
    """The first and last token of a noun phrase without its clauses ("officials who …", "X, who …")."""
    clauses = {"relcl", "acl", "advcl", "punct", "appos", "cc", "conj"}
    tokens = [t for t in head.subtree if not any(a.dep_ in clauses and a.i > head.i for a in _up_to(t, head))]
    return tokens[0], tokens[-1]


def _up_to(token: Token, head: Token) -> list[Token]:
    """``token`` and its ancestors below ``head``."""
    chain = []
    while token.i != head.i:
        chain.append(token)
        token = token.head
    return chain


# Verbs whose clause is not someone's statement ("it is clear that", "that makes"), and subjects that
# stand for no one.
_NOT_REPORTING = _wordset(
    "is are was were be been being am 's 're make makes made get gets got give gives gave"
)
_NOT_SUBJECTS = _wordset("which that this these those what there it")


def _parsed(text: str, parser: Language, units: list[Span], marks: list[Quotation]) -> list[Attribution]:
    """Attributions a dependency parse finds in sentences the rules left alone: a verb with a nominal
    subject and a clausal complement ("X hinted that …"), or a lexicon cue with an object or an
    infinitive ("X slammed the plan"). The speaker is the subject phrase; the content, the complement."""
    out: list[Attribution] = []
    # the parse alone is needed (a verb is whatever has a subject): the tagger and NER would double the cost
    skip = [p for p in ("ner", "lemmatizer", "tagger", "attribute_ruler") if p in parser.pipe_names]
    with parser.select_pipes(disable=skip):
        docs = parser.pipe(text[u.start : u.end] for u in units)
        for unit, doc in zip(units, docs, strict=True):
            for token in doc:
                if token.lower_ in _NOT_REPORTING:
                    continue
                if any(q.start < unit.start + token.idx < q.end for q in marks):
                    continue  # a verb inside a quotation is the quoted person's
                known = token.lower_ in _CUES
                complements = [
                    c
                    for c in token.children
                    if (c.dep_ == "ccomp" and (known or any(m.lower_ == "that" for m in c.children)))
                    or (known and c.dep_ in ("xcomp", "dobj"))
                ]
                subjects = [c for c in token.children if c.dep_ == "nsubj" and c.lower_ not in _NOT_SUBJECTS]
                if not complements or not subjects:
                    continue
                content = list(complements[0].subtree)
                start, end = unit.start + content[0].idx, unit.start + content[-1].idx + len(content[-1].text)
                end = _trim_end_stop(text, start, end)
                subject = subjects[0]
                if subject.lower_ in ("who", "that", "which") and token.dep_ == "relcl":
                    subject = token.head  # "officials who said …": the antecedent speaks
                first, last = _phrase_bounds(subject)
                speaker = _speaker_phrase(
                    text, unit.start + first.idx, unit.start + last.idx + len(last.text)
                )
                if end - start < 3 or speaker is None:
                    continue
                direct = text[start] in '“"«'
                out.append(Attribution(unit.start, unit.end, start, end, token.text, unit.start + token.idx,
                                       speaker, direct, 0.5))  # fmt: skip
    return out


_LABEL = re.compile(
    r"(?P<label>(?:[A-Z][\w'’.-]*|[A-Z]\.)(?:\s+(?:[A-Z][\w'’.-]*|[A-Z]\.|of|and|de|al|at|the)){0,5})"
    r"\s*:\s+(?=\S)"
)
# Labels that introduce something other than a person's words.
_NOT_LABELS = _wordset(
    "update updated related photo photos video watch read source sources note editor correction "
    "clarification warning exclusive breaking live listen see also more advertisement caption credit "
    "image getty reporting contact email subscribe share follow tags topics filed posted published "
    "transcript the a an in on at for by from"
)


def _labelled(text: str, paragraph: Span, found: list[Attribution]) -> list[Attribution]:
    """A paragraph opening with a speaker's label and a colon: a headline ("Rubio: I still believe …")
    or a transcript turn ("MATTHEWS: Well, …"). The content is the rest of the paragraph."""
    start = paragraph.start
    while start < paragraph.end and text[start] in '"“ ':
        start += 1  # a transcript pasted inside quotation marks: "WALLACE: …
    match = _LABEL.match(text, start, paragraph.end)
    if match is None or any(a.quote_start <= match.end() < a.quote_end for a in found):
        return []
    label = match.group("label")
    if label.split()[0].lower().rstrip(".") in _NOT_LABELS or label.lower() in _NOT_LABELS:
        return []
    content_end = _trim_end_stop(text, match.end(), paragraph.end)
    if content_end - match.end() < 8:
        return []
    name, role = (label, None) if label.isupper() else split_role(label)
    speaker = Speaker(match.start(), match.start() + len(label), name or role, None)
    direct = text[match.end()] in "“\"‘'«"
    return [Attribution(paragraph.start, paragraph.end, match.end(), content_end, ":", match.end() - 1, speaker,
                        direct, 0.6)]  # fmt: skip


def _units(text: str, paragraph: Span, marks: list[Quotation]) -> list[Span]:
    """Sentences of the paragraph, joined where a quotation runs across a sentence end."""
    units: list[Span] = []
    for sentence in sentences(text, paragraph):
        if units and any(q.start < units[-1].end and q.end > sentence.start for q in marks):
            units[-1] = Span(units[-1].start, sentence.end)
        else:
            units.append(sentence)
    return units


def _in_unit(
    text: str, unit: Span, inside: list[Quotation], marks: list[Quotation], previous: Span | None
) -> list[Attribution]:
    out: list[Attribution] = []
    for cue in cues(text, unit.start, unit.end):
        if any(q.start < cue.start < q.end for q in marks):
            continue  # the quoted person's own reporting verb
        if cue.kind in (ATTITUDE, SEEM):
            stance = _attitude(text, unit, cue) if cue.kind == ATTITUDE else _seeming(text, unit, cue)
            if stance is not None:
                out.append(stance)
            continue
        found = (
            _direct_before(text, unit, cue, inside)
            or _preposed(text, unit, cue, inside, out)
            or _postposed(text, unit, cue, inside)
            or _split_from_quote(text, unit, cue, previous, inside)
            or _said_first(text, unit, cue, inside)
        )
        if found is not None:
            out.append(found)
    out.extend(_according_to(text, unit, marks))
    out.extend(_colon_quotes(text, unit, inside, out))
    out.extend(_asked(text, unit, out))
    out.extend(_held_by_possessor(text, unit, marks, out))
    out.extend(_in_the_view_of(text, unit, out))
    return out


# The noun and what it takes, found first (nouns are rarer than possessors); then the possessor, read
# back from the noun over at most two modifiers ("Trump's repeated attacks on").
_HELD = re.compile(
    r"(?<![A-Za-z])(?P<noun>(?i:"
    + _trie_pattern(_STANCE_NOUNS)
    + r"))(?:\s+(?:on\s+|last\s+)?(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday))?"  # "claims on Monday"
    r"\s+(?P<prep>of|for|on|about|against|to|that|with|over|toward|towards|in\s+favou?r\s+of)\s+(?=\S)"
)
_HOLDER = re.compile(
    r"(?P<holder>\b(?i:his|her|their|its|our|my)|(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.-]*(?:['’]s\b|s['’])"
    r"|(?:(?:[Tt]he|[A-Z][\w.’'-]*)\s+)(?:[A-Z][\w.’'-]*\s+){0,2}[a-z]+(?:['’]s\b|s['’]))"
    r"\s+(?:(?-i:[a-z][\w-]*)\s+){0,2}$"
)
_CLAUSE_END = re.compile(r"\s*[,;:!?—–()]|\.(?=\s|$)")
# After "to", a noun phrase is the object ("opposition to the plan"); anything else, an infinitive.
_TO_OBJECT = re.compile(r"to\s+(?:(?i:the|a|an|his|her|their|its|our|this|that|these|those|any)\b|[A-Z])")
# Where a noun's complement ends: a clause boundary or a finite verb of the sentence around it.
_HELD_END = re.compile(
    r"\s*[,;:!?—–()]|\.(?=\s|$)|\s+(?=(?:is|was|are|were|has|have|had|will|would|could|can|may|might|"
    r"should|must|does|did|do|which|who|but|that|seemed|seems|helped|hurt|made|makes|came|comes)\b)"
)


def _held_by_possessor(
    text: str, unit: Span, marks: list[Quotation], found: list[Attribution]
) -> list[Attribution]:
    """ "Trump's repeated attacks on the press", "his support for the bill", "her claim that …": a noun
    of stance or speech held by its possessor, the content its complement (to a clause boundary)."""
    out: list[Attribution] = []
    for match in _HELD.finditer(text, unit.start, unit.end):
        if any(q.start < match.start() < q.end for q in marks):
            continue  # inside a quotation: the quoted person's words
        owner = _HOLDER.search(text, max(unit.start, match.start() - 70), match.start())
        if owner is None:
            continue
        infinitive = match.group("prep") == "to" and not _TO_OBJECT.match(text, match.start("prep"))
        start = match.start("prep") if match.group("prep") == "that" or infinitive else match.end()
        if any(a.quote_start <= start < a.quote_end and a.cue_start > match.start() for a in found):
            continue
        # a "that" clause holds verbs of its own: it ends at punctuation only
        ends = _CLAUSE_END if match.group("prep") == "that" else _HELD_END
        stop = ends.search(text, match.end() + 1, unit.end)  # past "to have": its verb starts the content
        end = _trim_end_stop(text, start, stop.start() if stop else unit.end)
        if end - start < 3:
            continue
        holder_end = owner.end("holder")
        holder = text[owner.start("holder") : holder_end]
        bare = re.sub(r"['’]s$|['’]$", "", holder)
        pronoun = _POSSESSIVE_PRONOUNS.get(bare.lower())
        speaker: Speaker | None
        if pronoun:  # "Kirk withdrew his endorsement": the sentence's subject, else whom "he" stands for
            speaker = _subject_for(text, unit, owner.start(), pronoun) or Speaker(
                owner.start("holder"), holder_end, None, None, pronoun=pronoun
            )
        else:
            speaker = _speaker_phrase(text, owner.start("holder"), owner.start("holder") + len(bare))
        if speaker is None or (speaker.pronoun is None and speaker.name is None and not person_like(speaker)):
            continue
        out.append(Attribution(unit.start, unit.end, start, end, match.group("noun"), match.start("noun"), speaker,
                               False, 0.5))  # fmt: skip
    return out


# An opening phrase that names whose view the sentence gives: "In his view, …", "In a new poll, …",
# "To his critics, …" ("For most voters, …" was tried: right only a third of the time on PolNeAR).
_VIEW_OPENING = re.compile(r"(?P<prep>[Ii]n|[Tt]o)\s+(?P<np>[^,;:“”\"()]{2,90}?),\s+(?=[\w“\"'])")
_VIEW_NOUNS = _wordset(
    "view views opinion words estimation mind eyes judgment judgement telling account reading"
)
# (Not "interview" or "statement": "In an interview, X said …" is X's.)
_VIEW_SOURCES = _wordset("poll polls survey surveys study studies report analysis")


def _in_the_view_of(text: str, unit: Span, found: list[Attribution]) -> list[Attribution]:
    """The sentence after an opening "In X's view," / "In a poll released Monday," / "To his
    critics,": the clause is the holder's. Nothing when another attribution already covers the clause."""
    start = _strip_leading(text, unit.start, unit.end)
    match = _VIEW_OPENING.match(text, start, unit.end)
    if match is None:
        return []
    clause = match.end()
    if any(
        (a.cue_start >= clause or a.quote_start >= clause)
        and _CUES.get((a.cue or "").lower(), ("", SAY))[1] in (SAY, TELL)
        for a in found
    ):
        return []  # "In his view, X said …": the speech is X's (an act inside the clause nests in the view)
    np_start, np_end = match.start("np"), match.end("np")
    words = text[np_start:np_end].split()
    speaker: Speaker | None = None
    if match.group("prep").lower() == "in":
        owner = _HOLDER.search(text, np_start, _trim_back(text, np_start, np_end - len(words[-1])) + 1)
        if words[-1].lower() in _VIEW_NOUNS and owner is not None:
            holder = text[owner.start("holder") : owner.end("holder")]
            bare = re.sub(r"['’]s$|['’]$", "", holder)
            pronoun = _POSSESSIVE_PRONOUNS.get(bare.lower())
            speaker = (
                Speaker(owner.start("holder"), owner.end("holder"), None, None, pronoun=pronoun)
                if pronoun
                else _speaker_phrase(text, owner.start("holder"), owner.start("holder") + len(bare))
            )
        elif any(w.lower() in _VIEW_SOURCES for w in words):
            speaker = _speaker_phrase(text, np_start, np_end)
    else:
        found_np = _speaker_phrase(text, np_start, np_end)
        if found_np is not None and person_like(found_np) and found_np.pronoun is None:
            speaker = found_np
    if speaker is None:
        return []
    end = _content_end(text, clause, unit.end)
    if end - clause < 8:
        return []
    return [
        Attribution(
            unit.start, unit.end, clause, end, match.group("prep"), match.start(), speaker, False, 0.5
        )
    ]


def _subject_for(text: str, unit: Span, before: int, pronoun: str) -> Speaker | None:
    """The subject opening the sentence, when a possessive pronoun after it can stand for it: a
    person's name for "his"/"her", a body or a plural description for "their"/"its"."""
    start = _strip_leading(text, unit.start, before)
    opening = _OPENING_ADVERBIAL.match(text, start, before)
    start = opening.end() if opening else start
    for match in _TOKEN.finditer(text, start, before):
        word = match.group()
        if match.start() > start and (_is_verb_like(word) or word.lower() in _NP_STOP or word == ","):
            subject = _noun_phrase(text, start, _trim_back(text, start, match.start()))
            break
    else:
        return None
    if subject is None or subject.pronoun is not None:
        return None
    if pronoun in ("he", "she"):
        return subject if subject.name and not _org_like(subject.name.split()) else None
    if pronoun in ("they", "it"):
        phrase = text[subject.start : subject.end]
        plural = phrase.split()[-1].lower().endswith("s") or _org_like(phrase.split())
        return subject if plural and person_like(subject) else None
    return None


_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it", "our": "we", "my": "i"}


_ASKED = re.compile(
    r"(?:^|\b(?:when|after|while|once|before|if|being|was|were|is|are)\s+)(?:being\s+)?[Aa]sked\s+"
    r"(?:(?:by|on|at|in|during)\s+[^,;]{1,40}?\s+)?"
    r"(?P<content>(?:about|whether|if|why|how|what|who|which|where|when|to|for)\b[^;:“”\"]*?)\s*(?=[,;:“”\"]|$)"
)


def _asked(text: str, unit: Span, found: list[Attribution]) -> list[Attribution]:
    """ "Asked whether he would run, X said …" and "when asked about it": the question is content
    whose asker is not named (``None``)."""
    out: list[Attribution] = []
    if "sked" not in text[unit.start : unit.end]:
        return out
    for match in _ASKED.finditer(text[unit.start : unit.end]):
        start, end = unit.start + match.start("content"), unit.start + match.end("content")
        if end - start < 8 or any(a.quote_start <= start < a.quote_end for a in found):
            continue
        out.append(Attribution(unit.start, unit.end, start, end, "asked", unit.start + match.start(), None, False,
                               0.5))  # fmt: skip
    return out


# A copula (and degree words) right before an adjective of attitude: "is not", "are increasingly", "was".
_COPULA = re.compile(
    r"\b(?:is|are|was|were|am|be|been|being|['’]s|['’]re|['’]m|remains?|remained|seems?|seemed|appears?|"
    r"appeared|feels?|felt|became|become|becomes|grew|grown|grows|stays?|stayed|sounds?|sounded)\s+"
    r"(?:(?:not|no\s+longer|also|still|now|very|more|less|so|too|quite|rather|fairly|pretty|most|least|"
    r"even|far|much|all|equally|(?-i:[a-z]+ly))\s+)*$",
    re.IGNORECASE,
)
# What an attitude takes: a preposition or "that" ("confident that", "unhappy with", "ready to"), or
# for a few, a clause straight away ("sure the plan works").
_ATTITUDE_TAKES = re.compile(
    r"\s+(?:(?P<prep>that|about|of|with|to|in|over|on|toward|towards|regarding|whether|if)\b\s*|"
    r"(?P<clause>(?=(?:the|a|an|he|she|they|it|we|i|you|this|his|her|their|there)\b)))",
    re.IGNORECASE,
)
_CLAUSE_ATTITUDES = _wordset("sure certain confident convinced aware clear unclear")
# Words that cannot be the holder of a stance ("it is clear that …" is the writer's).
_NO_HOLDERS = _wordset("it this that there what which")


def _attitude(text: str, unit: Span, cue: Cue) -> Attribution | None:
    """ "X is confident that …", "Voters are unhappy with …", "He was willing to …": the subject of
    the copula holds the stance; the content is what the adjective takes. ``None`` without a copula
    or a complement ("the clear water", "he was happy.")."""
    window = max(unit.start, cue.start - 80)
    copula = _COPULA.search(text, window, cue.start)
    takes = _ATTITUDE_TAKES.match(text, cue.end, unit.end)
    if (
        copula is None
        or takes is None
        or (takes.group("clause") is not None and cue.lemma not in _CLAUSE_ATTITUDES)
    ):
        return None
    content_start = takes.start("prep") if takes.group("prep") else takes.end()
    if takes.group("prep") and takes.group("prep").lower() not in ("to", "that", "whether", "if"):
        content_start = takes.end()  # "unhappy with the plan": the object, without its preposition
    content_end = _content_end(text, content_start, unit.end)
    if content_end - content_start < 3:
        return None
    speaker = speaker_before(text, unit.start, copula.start())
    if speaker is not None and text[speaker.start : speaker.end].lower() in _NO_HOLDERS:
        speaker = None
    return Attribution(unit.start, unit.end, content_start, content_end, cue.text, cue.start, speaker, False,
                       0.5)  # fmt: skip


# What a verb of appearance takes: an infinitive, "that", "as if", "like", or an adjective or
# participle ("seemed irritated"); "appeared on television" is another verb.
_SEEM_TAKES = re.compile(
    r"\s+(?:(?:to|that|as\s+if|as\s+though|like|likely|unlikely|poised|set|ready|certain|close|more|less|"
    r"increasingly|headed|destined)\b|(?P<open>(?-i:[a-z]+(?:ed|ful|ous|ive|ent|ant|able|ible|ic|al)))\b)",
    re.IGNORECASE,
)


def _seeming(text: str, unit: Span, cue: Cue) -> Attribution | None:
    """ "The plan seems to work", "Clinton appeared irritated", "It seems that …": the writer's
    reading of a clause. The content is the clause, its subject included ("It seems that X": X); the
    speaker is nobody named."""
    takes = _SEEM_TAKES.match(text, cue.end, unit.end)
    if takes is None or (cue.lemma == "appear" and takes.group("open") and not text[cue.start].islower()):
        return None
    subject = speaker_before(text, unit.start, cue.start)
    if subject is None:
        return None
    holder = None
    if text[subject.start : subject.end].lower() in ("it", "there"):
        start = takes.end() if text[cue.end : takes.end()].strip().lower() == "that" else cue.end
        start = start + len(text[start : unit.end]) - len(text[start : unit.end].lstrip())
    else:
        start = subject.start
        # "Voters seem to care more about …": a person's or a body's stance, as the writer reads it
        holder = subject if person_like(subject) else None
    end = _content_end(text, cue.end, unit.end)
    if end - start < 8:
        return None
    return Attribution(unit.start, unit.end, start, end, cue.text, cue.start, holder, False, 0.5)  # fmt: skip


# Nouns for people as speakers: the plural heads of descriptions ("voters", "critics").
_PEOPLE = _wordset(
    """people voters supporters opponents critics residents citizens members leaders officials
    lawmakers legislators delegates activists protesters protestors experts analysts economists
    strategists advisers advisors aides allies rivals donors students workers parents women men
    candidates republicans democrats conservatives liberals progressives americans observers
    sources authorities investigators prosecutors lawyers attorneys scientists researchers doctors
    officers soldiers troops fighters rebels militants insurgents police spokesmen spokeswomen
    respondents participants members fans voter supporter critic resident citizen member leader
    official lawmaker delegate activist expert analyst economist strategist adviser advisor aide ally
    rival donor student worker parent woman man candidate person source investigator prosecutor
    lawyer attorney scientist researcher doctor soldier fighter rebel militant respondent fan
    evangelicals independents moderates"""
)


def person_like(speaker: Speaker) -> bool:
    """Whether a speaker phrase can name a person, a body or a role: a personal pronoun, a proper
    name, or a description headed by a title, a body or a noun for people ("the governor", "the
    ministry", "most voters"). Not a place described ("a rural town"), a thing ("the plan") or a bare
    determiner ("those")."""
    if speaker.pronoun is not None:
        return speaker.pronoun in ("he", "she", "they", "we", "i", "you")
    if speaker.name is not None:
        return True
    words = re.findall(r"[A-Za-z][\w'’.-]*", (speaker.role or "").split(",")[0])
    head = _head_word(words)
    if head is None:
        return False
    single = head[:-1] if head.endswith("s") else head  # "unions", "senators": plurals of bodies and titles
    return (
        head in _PEOPLE
        or head in _TITLES
        or head in _ORG_WORDS
        or single in _TITLES | _ORG_WORDS
        or head.endswith(("ers", "ists", "ians"))
    )


# Documents and media that act for their authors ("the report found", "the ad attacked").
_DOCUMENTS = _wordset(
    """report poll survey study statement letter memo ad ads advertisement commercial spot video
    filing lawsuit suit complaint ruling opinion decision editorial column article book speech
    platform plan proposal bill measure law order resolution amendment petition website site
    campaign analysis review audit investigation probe document documents memo email emails tweet"""
)


def _document(speaker: Speaker) -> bool:
    """Whether a description is headed by a document or medium ("the new ad", "a recent poll")."""
    words = re.findall(r"[A-Za-z][\w'’.-]*", (speaker.role or "").split(",")[0])
    return speaker.name is None and _head_word(words) in _DOCUMENTS


def _head_word(words: list[str]) -> str | None:
    """The head noun of a description: its last word before an inner preposition or "who"."""
    head = None
    for word in words:
        lower = word.lower().rstrip(".")
        if lower in _INNER_WORDS or lower in ("who", "whose", "which", "that"):
            break
        head = re.sub(r"['’]s$", "", lower)
    return head


def _direct_before(text: str, unit: Span, cue: Cue, inside: list[Quotation]) -> Attribution | None:
    """ "“…,” she said", "“…,” said X, a spokesman", "“A,” he said, “B.”": content is the quotation."""
    if cue.lemma not in _POSTPOSED | {"add", "continue", "tell"}:
        return None
    quote = next((q for q in reversed(inside) if q.end <= cue.start), None)
    if quote is None or not quote.is_speech(text):
        return None
    gap_start = quote.end
    while gap_start < cue.start and text[gap_start] in _FILLER:
        gap_start += 1
    if gap_start == cue.start:
        speaker = speaker_after(text, cue.end, unit.end)
    else:
        speaker = speaker_before(text, gap_start, cue.start)
        if speaker is None or text[gap_start : speaker.start].strip(_FILLER):
            return None  # words between the quotation and the speaker: not its attribution
    content_start = quote.start
    before = text[_strip_leading(text, unit.start, quote.start) : quote.start].rstrip()
    if before and before[-1].isalnum() and len(before.split()) >= 2:
        content_start = _strip_leading(text, unit.start, quote.start)  # "He called it “a farce,” X said"
    content_end = quote.end
    after = _quote_starting_after(
        text, cue.end if speaker is None else max(cue.end, speaker.end), unit.end, inside
    )
    if after is not None:
        content_end = after.end
    return Attribution(min(unit.start, content_start), max(unit.end, content_end), content_start, content_end,
                       cue.text, cue.start, speaker, True, 0.9 if quote.closed else 0.7)  # fmt: skip


_FILLER = " ,—–-'’\"”\n"


def _preposed(
    text: str, unit: Span, cue: Cue, inside: list[Quotation], earlier: list[Attribution]
) -> Attribution | None:
    """ "X said (that) …", "X told Reuters …", "X said: “…”", "…, saying …": content after the cue."""
    # "X did Y, saying …": the phrase before the comma is the object of Y; the subject is X
    participle = cue.text.split()[0].lower().endswith("ing") and text[
        unit.start : cue.start
    ].rstrip().endswith(",")
    speaker = None if participle else speaker_before(text, unit.start, cue.start)
    shared = speaker is None  # the subject of an earlier verb: "X said A, adding B"
    if speaker is None:
        speaker = _clause_subject(text, unit, cue, earlier)
        if speaker is None:
            return None
    if _disagrees(text, speaker, cue):
        return None  # "the deadliest terrorist attack": a singular noun before a bare verb is a noun
    if _naming(text, speaker, cue):
        return None  # "a rural town called Graivoron", "a group calling itself X": a name given
    if (cue.lemma in _ACTION_LEMMAS or cue.lemma in _ACTION_PHRASES) and not (
        person_like(speaker) or _document(speaker)
    ):
        return (
            None  # "the plan requires …", "the storm blocked …": an act is a source's only when done by one
        )
    if (
        cue.kind == OBJECT
        and " " not in cue.text
        and speaker.end == cue.start - 1
        and _REDUCED_RELATIVE.match(text, cue.start, unit.end)
    ):
        return None  # "the address listed on the records", "the change offered by X": a participle
    if speaker.end <= cue.start and _PASSIVE.search(text[speaker.end : cue.start]) and _participle(cue):
        return _passive(text, unit, cue, inside, speaker)
    content_start = _complement_start(text, cue.end, unit.end, cue.kind, cue.lemma)
    if content_start is None:
        return None
    if cue.lemma in _POSTPOSED and not shared and _parenthetical(text, unit, speaker, cue, content_start):
        return None  # "Whatever he did, officials said, could unravel": the clause around is the content
    content_end = _content_end(text, content_start, unit.end)
    if content_end - content_start < 3:
        return None
    direct = any(q.start == content_start and q.end >= content_end - 1 for q in inside)
    confidence = 0.85 if direct else (0.7 if cue.kind in (SAY, TELL) else 0.55)
    return Attribution(unit.start, unit.end, content_start, content_end, cue.text, cue.start, speaker,
                       direct, confidence)  # fmt: skip


_NAMING = _wordset("call name dub label brand term title")


def _naming(text: str, speaker: Speaker, cue: Cue) -> bool:
    """ "a town called X", "a group calling itself X": a participle after an indefinite noun phrase
    gives a name; the noun phrase says nothing."""
    verb = cue.text.split()[0].lower()
    if cue.lemma not in _NAMING or text[speaker.end : cue.start].strip():
        return False
    if verb.endswith("ing"):
        return (
            re.match(r"\s+(?:itself|himself|herself|themselves)\b", text[cue.end : cue.end + 12]) is not None
        )
    first = text[speaker.start : speaker.end].split()[0].lower()
    return verb.endswith("ed") and first in ("a", "an", "another", "one") and not person_like(speaker)


_REDUCED_RELATIVE = re.compile(
    r"[a-z]+ed\s+(?:by|in|on|at|from|under|(?:last\s+|this\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|year)\s+(?-i:[a-z]+(?:ed|s)))\b",
    re.IGNORECASE,
)  # "the change offered by X", "a poll released Monday showed …"
_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|been|being|be|get|got)\s+(?:(?:not|also|first|widely|\w+ly)\s+)*$", re.IGNORECASE
)
_AGENT = re.compile(r"\s+by\s+(?P<np>[^,.;:]{2,60}?)(?=\s*(?:[,.;:]|that\b|to\b|as\b|$))")


def _disagrees(text: str, speaker: Speaker, cue: Cue) -> bool:
    """A bare verb ("attack", "say") right after a singular noun phrase with nothing between: the
    subject and verb would not agree, so the "verb" is a noun ("a terrorist attack")."""
    verb = cue.text.split()[0].lower()
    if cue.kind != OBJECT or verb != cue.lemma.split()[0] or text[speaker.end : cue.start].strip():
        return False  # the object verbs ("attack", "support", "call") are the ones that double as nouns
    if speaker.pronoun is not None:
        return speaker.pronoun in ("he", "she", "it")
    head = text[speaker.start : speaker.end].split()[-1].lower()
    plural_or_name = head in _COLLECTIVE or head.endswith("s") or text[speaker.start].isupper()
    return head.isalpha() and not plural_or_name


# Plural or collective nouns without an "-s": "people say", "the police claim".
_COLLECTIVE = _wordset(
    "people police men women children staff media data personnel public majority minority government few many "
    "most some several both all others "
    "team family youth clergy folk crowd audience electorate leadership management administration"
)


def _participle(cue: Cue) -> bool:
    verb = cue.text.split()[0].lower()
    return verb.endswith("ed") or verb in (
        "told", "said", "written", "known", "shown", "thought", "held", "seen", "found", "heard", "understood",
        "sworn", "spoken", "made", "taken",
    )  # fmt: skip


def _passive(
    text: str, unit: Span, cue: Cue, inside: list[Quotation], subject: Speaker | None = None
) -> Attribution | None:
    """ "It was reported by the Times that …", "He was told to leave": the speaker is the agent after
    "by", or nobody named; the subject is the addressee or the topic, never the speaker. A judgement
    in the passive ("X is seen as Y", "X is expected to win") is about its subject: the content runs
    from the subject through the complement."""
    agent = _AGENT.match(text, cue.end, unit.end)
    speaker = _speaker_phrase(text, agent.start("np"), agent.end("np")) if agent else None
    after = agent.end() if agent else cue.end
    judged = _JUDGED.match(text, after, unit.end)
    if judged and cue.lemma in _JUDGEMENTS and subject is not None and subject.pronoun != "it":
        content_end = _content_end(text, judged.end(), unit.end)
        if content_end - judged.end() >= 3:
            return Attribution(unit.start, unit.end, subject.start, content_end, cue.text, cue.start, speaker,
                               False, 0.5)  # fmt: skip
    content_start = _complement_start(text, after, unit.end, cue.kind, cue.lemma)
    if content_start is None:
        return None
    content_end = _content_end(text, content_start, unit.end)
    if content_end - content_start < 8:
        return None
    return Attribution(unit.start, unit.end, content_start, content_end, cue.text, cue.start, speaker, False,
                       0.5)  # fmt: skip


# Verbs of judgement whose passive judges its subject ("is seen as", "is expected to", "is known for").
_JUDGEMENTS = _wordset(
    "see view regard consider expect know believe think perceive deem describe say report portray "
    "characterize characterise rumor rumour suspect understand"
)
_JUDGED = re.compile(r"\s+(?:as|to|for|like)\s+(?=\w)")


def _parenthetical(text: str, unit: Span, speaker: Speaker, cue: Cue, content_start: int) -> bool:
    """Whether "SPEAKER CUE" sits between commas inside a clause ("A, X said, B"), or after a clause
    with the speaker inverted ("A, said X, a spokesman.")."""
    before = text[unit.start : min(speaker.start, cue.start)].rstrip()
    if not before.endswith((",", "—", "–")) or len(before.split()) < 3:
        return False
    between = text[cue.end : content_start]
    if ":" in between or text[content_start : content_start + 1] in ("“", '"', "«"):
        return False  # "As the bell rang, the narrator said, “…”": the quotation is the content
    return "," in between or speaker.start > cue.start


def _postposed(text: str, unit: Span, cue: Cue, inside: list[Quotation]) -> Attribution | None:
    """ "CLAUSE, X said (on Friday)." / "CLAUSE, said X, a spokesman." and the parenthetical
    "A, X said, B.": the content is the clause (with B when the sentence goes on)."""
    if cue.lemma not in _POSTPOSED:
        return None
    subject_end = _skip_between(text, unit.start, cue.start)
    head = text[unit.start : subject_end].rstrip()
    speaker = speaker_before(text, unit.start, cue.start)
    clause = text[unit.start : speaker.start].rstrip() if speaker is not None else ""
    if speaker is not None and speaker.pronoun != "who" and clause.endswith((",", "—", "–")):
        clause_end = unit.start + len(clause) - 1
    elif head.endswith((",", "—", "–")) and cue.kind != TELL:  # "…, said X" ("told X": X listens)
        speaker = speaker_after(text, cue.end, unit.end)
        clause_end = unit.start + len(head) - 1
    else:
        return None
    if speaker is None:
        return None
    content_start = _strip_leading(text, unit.start, clause_end)
    content_end = _trim_back(text, content_start, clause_end)
    if len(text[content_start:content_end].split()) < 3:
        return None
    after = max(cue.end, speaker.end)
    if speaker.start < cue.start and _object_after(text, cue, after, unit.end):
        return None  # "On Monday, prosecutors charged X with …": the opening phrase is no content
    if _OPENER_ONLY.fullmatch(text, content_start, content_end):
        return None  # "In the end, X agreed …"
    rest = _after_attribution(text, after, unit.end, speaker)
    if rest is not None:
        content_end = rest  # "The hashtag, Mr. Abboud said, accompanied …"
    direct = any(q.start <= content_start and q.end >= content_end - 1 for q in inside)
    return Attribution(unit.start, unit.end, content_start, content_end, cue.text, cue.start, speaker,
                       direct, 0.75)  # fmt: skip


def _after_attribution(text: str, after: int, unit_end: int, speaker: Speaker) -> int | None:
    """Where the content ends when it goes on after a parenthetical attribution; None when only
    adverbials (or the speaker's role) follow ("…, he said on Friday.")."""
    if speaker.role_end > after:
        after = speaker.role_end
        place = _PLACE_AFTER.match(text, after, unit_end)
        after = place.end() if place else after  # "…, a professor in Nashville, Tennessee."
    relative = _RELATIVE_AFTER.match(text, after, unit_end)
    if relative is not None:
        after = relative.end()  # "…, said X, who leads the fund(, …)": a clause about the speaker
    rest = text[after:unit_end]
    body = rest.strip(" .!?\"”’'\n")
    if not body or (_ONLY_ADVERBIALS.fullmatch(body) and not re.search(r"[“\"«]|''", body)):
        return None  # "…, he said on Friday." (but "…, he said, from “the blow.”" goes on quoting)
    if not re.match(r"\s*[,—–]", rest) and not rest.lstrip().startswith(("that", "(")):
        return None
    return _trim_end_stop(text, after, unit_end)


_PLACE_AFTER = re.compile(r",\s*(?:[A-Z][\w.]*)(?:\s+[A-Z][\w.]*)?\s*(?=[.;!?]|$)")
_RELATIVE_AFTER = re.compile(r",\s*(?:who|whose|whom)\b[^,;—–]*")
# A short opening phrase that cannot be anyone's statement ("In the end", "On Nov. 24").
_OPENER_ONLY = re.compile(
    r"(?:in|on|at|after|before|during|since|by|for|with|under|from|as|last|earlier|later|then|still|yet|"
    r"meanwhile|however|instead|also|now|today|yesterday|until|within)\b(?:\s+\S+){0,3}",
    re.IGNORECASE,
)


def _object_after(text: str, cue: Cue, after: int, unit_end: int) -> bool:
    """Whether a cue that closes a sentence ("…, X said.") has an object or infinitive after it
    instead ("X charged Y with …", "X agreed to lend …"): then it reports nothing before it."""
    if cue.kind == TELL:
        addressee = _TELL_OBJECT.match(text, after, unit_end)
        after = addressee.end() if addressee else after
    rest = text[after:unit_end]
    body = rest.strip(" .!?\"”’'\n")
    if not body or re.match(r"\s*(?:[,—–(:;]|that\b)", rest):
        return False
    if _ONLY_ADVERBIALS.fullmatch(body):
        return bool(
            re.match(r"to\s+(?!(?:the|a|an|his|her|their|its|my|our|me|him|them|us|reporters)\b)[a-z]", body)
        )
    return True


_ONLY_ADVERBIALS = re.compile(
    r"(?:,?\s*(?:in|on|at|to|during|after|before|from|via|through|with|by|late|early|last|this|earlier|"
    r"later|when|while|as|according|told|referring|speaking|adding|noting|citing|explaining|of|about|"
    r"again|also|afterwards?|(?-i:[a-z]+ly)|" + _TIME_WORDS[3:-1] + r")\b[^.;:]*)",
    re.IGNORECASE | re.DOTALL,
)


def _split_from_quote(
    text: str, unit: Span, cue: Cue, previous: Span | None, inside: list[Quotation]
) -> Attribution | None:
    """ "“We will win.” Trump said." split by the sentence splitter: the content is the previous
    sentence's quotation when that sentence ends with it and this one holds only the attribution."""
    if previous is None or cue.lemma not in _POSTPOSED or inside:
        return None
    speaker = speaker_before(text, unit.start, cue.start) or speaker_after(text, cue.end, unit.end)
    if speaker is None or text[unit.start : min(speaker.start, cue.start)].strip(_FILLER):
        return None
    if _after_attribution(text, max(cue.end, speaker.end), unit.end, speaker) is not None:
        return None
    chunk = text[previous.start : previous.end].rstrip()
    if not chunk or chunk[-1] not in "”\"'»":
        return None
    opening = max(chunk.rfind("“"), chunk.rfind('"', 0, len(chunk) - 1), chunk.rfind("''", 0, len(chunk) - 2))
    quote_start = previous.start + max(opening, 0)
    return Attribution(previous.start, unit.end, quote_start, previous.start + len(chunk), cue.text, cue.start,
                       speaker, True, 0.7)  # fmt: skip


def _said_first(text: str, unit: Span, cue: Cue, inside: list[Quotation]) -> Attribution | None:
    """ "Said Jane Roe, a neighbour: “…”": a sentence that opens with its cue, the speaker inverted
    after it and the quotation last."""
    if cue.kind != SAY or not text[cue.start].isupper():
        return None
    if text[_strip_leading(text, unit.start, cue.start) : cue.start].strip():
        return None
    speaker = speaker_after(text, cue.end, unit.end)
    if speaker is None:
        return None
    after = max(speaker.end, speaker.role_end)
    quote = next((q for q in inside if q.start >= after), None)
    if quote is None or not quote.is_speech(text) or re.search(r"[.!?;]", text[after : quote.start]):
        return None
    return Attribution(unit.start, max(unit.end, quote.end), quote.start, quote.end, cue.text, cue.start,
                       speaker, True, 0.8)  # fmt: skip


def _quote_starting_after(text: str, after: int, unit_end: int, inside: list[Quotation]) -> Quotation | None:
    """The second part of a split quotation: "“A,” he said, “B.”"."""
    for quote in inside:
        if quote.start >= after:
            gap = text[after : quote.start]
            if (
                len(gap.split()) <= 6
                and re.fullmatch(r"[^.!?;]*[,:.]\s*(?:(?:from|of|about|to|with|as|like|for)\s+)?", gap)
                and quote.is_speech(text)
            ):
                return quote
            return None
    return None


def _trim_back(text: str, floor: int, end: int) -> int:
    """The end of a content clause before its attribution: trailing comma, dash and spaces dropped."""
    while end > floor and text[end - 1] in " ,—–-\n":
        end -= 1
    return end


def _trim_end_stop(text: str, start: int, end: int) -> int:
    """``end`` without a final stop and spaces (a closing quotation mark stays)."""
    while end > start and text[end - 1] in " .\n":
        end -= 1
    return end


_TELL_OBJECT = re.compile(
    r"\s+(?:"
    + _OBJECT_PRONOUNS
    + r"|reporters|journalists|supporters|voters|(?:the|his|her|their|its|our|my)\s+\w+(?:\s+\w+)?|"
    r"a\s+\w+(?:\s+\w+)?|"
    r"(?:[A-Z][\w'’.&-]*\s*){1,4})(?=\s*(?:,|that\b|on\b|in\b|at\b|last\b|this\b|earlier\b|:|to\b|\"|“|the\b|he\b|she\b|it\b|they\b|we\b|i\b|\.|$))",
)
_ADVERBIAL_AFTER = re.compile(
    r"(?:\s*,?\s*(?:on|last|this|early|late|earlier)\s+" + _TIME_WORDS + r"(?:\s+" + _TIME_WORDS + r")?|"
    r"\s*,?\s*" + _TIME_WORDS + r"|"
    r"\s*,?\s*(?:in|at|during|on|via|through)\s+(?:a|an|the|his|her|its|their)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:statement|interview|speech|post|tweet|email|e-mail|letter|op-ed|message|note|briefing|"
    r"conference|call|appearance|rally|event|video|release|broadcast|hearing|meeting|address|session|"
    r"town\s+hall|debate|filing|report|episode|program|show)(?:\s+(?:with|on|to|from|in)\s+[^,;:.]{1,40}?)?"
    r"|\s*[—–]\s*[^—–;]{1,60}[—–]"
    r"|\s*,?\s*(?:again|also|later|repeatedly|flatly|simply|recently|previously|publicly|privately|"
    r"[a-z]+ly))(?=[\s,:.;!?]|$)",
    re.IGNORECASE,
)


def _complement_start(text: str, cue_end: int, unit_end: int, kind: str, lemma: str) -> int | None:
    """Where the content after a cue starts, or None when the cue takes no content here."""
    pos = cue_end
    if kind == TELL:
        match = _TELL_OBJECT.match(text, pos, unit_end)
        if match:
            pos = match.end()
    for _ in range(3):
        match = _ADVERBIAL_AFTER.match(text, pos, unit_end)
        if not match:
            break
        pos = match.end()
    rest = text[pos:unit_end]
    stripped = rest.lstrip(" ,:")
    marked = len(rest) - len(stripped)
    offset = pos + marked
    if not stripped or stripped[0] in ".;!?)":
        return None
    lead = stripped.split(None, 1)[0].lower()
    has_that = lead in ("that", "whether", "if", "how", "why", "what", "when", "who")
    punct = ":" in rest[:marked] or "," in rest[:marked]
    quoted = stripped[0] in "“\"'‘«" or stripped.startswith("''")
    if kind == OBJECT:
        if (punct and not quoted) or (lead in _PP_LEADS and lead != "as") or lead in _NOT_OBJECTS:
            return None  # "attacking under their own steam": no object, another verb sense
        return offset
    if lead == "to" and lemma in _TAKES_INFINITIVE and not punct:
        return offset  # "vowed to ban", "agreed to lend"
    if lemma in _NEEDS_MARKED_COMPLEMENT and not (has_that or quoted or ":" in rest[:marked]):
        return None
    if lead == "when" and _NEGATED.search(text, max(0, cue_end - 40), cue_end):
        return offset  # "has not said when …": the question left open is the content
    if (
        lead in _PP_LEADS and kind != THINK
    ):  # "said in Paris that …": the content starts after the phrase, if at all
        after = _AFTER_PP.match(text, offset, unit_end)
        return after.end() if after else None
    if lead == "to" and (lemma in _TAKES_INFINITIVE or kind == TELL):
        return offset  # "vowed to ban", "urged him to resign"
    if lead == "about" and not re.match(r"about\s+(?:\d|a\s+(?:dozen|third|quarter|half)|half)", stripped):
        return offset  # "talked about the deal", not "said about 20 people ..."
    if lead == "to" and kind in (SAY, TELL):  # "added to his Telegram channel that …"
        after = _AFTER_PP.match(text, offset, unit_end)
        return after.end() if after else None
    if lead in ("to", "for", "by", "with", "about", "of", "and", "or", "but", "so", "as", "than"):
        return None
    if lead in _PARTICLE_LEADS:
        return None  # "find out", "showed up": another verb
    if lead in ("so", "not", "yes", "no") and len(stripped.split()) <= 3:
        return None  # "said so", "said not"
    return offset


_NEGATED = re.compile(r"(?:\bnot|\bnever|n[’']t)\s+(?:yet\s+)?[\w ]*$", re.IGNORECASE)
_NOT_OBJECTS = _wordset("under into across inside along through toward towards without with")
_PARTICLE_LEADS = _wordset("out up off down away back over around")
_PP_LEADS = _wordset("in on at during after before from via while when as since until amid outside near back")
_AFTER_PP = re.compile(r"[^,.;:“\"]{1,60}?(?:\s+(?=that\b)|,\s*(?=[“\"]|'')|:\s*)")

# Cues that take an infinitive as their content ("vowed to fight", "wants to build").
_TAKES_INFINITIVE = _wordset(
    "vow pledge promise threaten agree offer demand propose refuse decline ask urge swear plan intend "
    "want seek wish hope decide prefer expect claim call attempt aim strive"
) | {"would like", "would love"}


_CUT = re.compile(
    r"\s+(?:and|but)\s+(?=(?:[\w'’.-]+\s+){1,8}?(?:said|says|added|told|wrote|noted|argued|claimed)\b)|"
    r",[”\"’']?\s+(?=(?:(?:[A-Z][\w.'’-]*|the|a|an|his|her|its|their)\s+){0,5}"
    r"(?:said|says|added|adds|told|wrote|writes|noted|notes|argued|argues|explained|insisted|warned|"
    r"claimed|stressed|contended|recalled)\b[^,]{0,40}(?:[.,]|$))|"
    r",?\s+(?:—|–|-)\s+|;\s+|,\s+(?=(?:adding|saying|noting|arguing|calling|telling|explaining|insisting|"
    r"according\s+to|warning|claiming|accusing|describing|suggesting|asking|urging|citing|pointing|"
    r"stressing|acknowledging|blaming|criticizing|praising|referring)\b)"
)


def _content_end(text: str, start: int, unit_end: int) -> int:
    """Where an indirect content clause ends: the unit's end, or before a new attribution after it."""
    quote_first = text[start] in '“"«' or text.startswith("''", start)
    for match in _CUT.finditer(text, start, unit_end):
        if quote_first and match.start() < _closing(text, start, unit_end):
            continue
        if match.start() - start >= 10:
            return _trim_end_stop(text, start, match.start())
    return _trim_end_stop(text, start, unit_end)


def _closing(text: str, start: int, end: int) -> int:
    closer = "''" if text.startswith("''", start) else {"“": "”", '"': '"', "«": "»"}.get(text[start], "”")
    found = text.find(closer, start + len(closer), end)
    return found if found >= 0 else end


def _clause_subject(text: str, unit: Span, cue: Cue, earlier: list[Attribution]) -> Speaker | None:
    """The subject a cue shares with its clause: "X did Y, saying …" and "X did Y and said …" take the
    speaker of an earlier attribution in the sentence, else the noun phrase that opens it."""
    head = text[unit.start : _skip_between(text, unit.start, cue.start)].rstrip()
    participle = cue.text.split()[0].lower().endswith("ing") and (
        head.endswith(",")
        or bool(re.search(r"\b(?:by|while|after|before|when|in|without|through|since)$", head))
        or cue.kind in (SAY, TELL)
    )
    coordinated = bool(re.search(r"\b(?:and|but)$", head))
    if not (participle or coordinated):
        return None
    before = [a for a in earlier if a.cue_start < cue.start and a.speaker is not None]
    if before:
        return before[-1].speaker
    start = _strip_leading(text, unit.start, cue.start)
    opening = _OPENING_ADVERBIAL.match(text, start, cue.start)
    if opening:
        start = opening.end()
    for match in _TOKEN.finditer(text, start, cue.start):
        word = match.group()
        lower = word.lower()
        if match.start() == start and lower in _PRONOUNS - {"who"}:
            return Speaker(match.start(), match.end(), None, None, pronoun=lower)
        if word == ",":
            second = text.find(",", match.end(), cue.start)
            found = _appositive(text, start, second) if second > 0 else None
            return found or _noun_phrase(text, start, match.start())
        if (_is_verb_like(word) or lower in _NP_STOP) and match.start() > start:
            return _noun_phrase(text, start, _trim_back(text, start, match.start()))
    return None


# An opening phrase before the subject: "On Tuesday,", "A few days later,", "More recently,".
_OPENING_ADVERBIAL = re.compile(
    r"(?:(?:on|in|at|after|before|during|later|earlier|last|this|speaking|asked|when|since|until|"
    r"once|while|under|with|without|for|by|from|as|more|most|even|still|then|now|meanwhile|"
    r"however|instead|yet|also)\b[^,]{0,60}"
    r"|(?:a|an|the|some|several|many|two|three|four|five|six|seven|eight|nine|ten|\d+|just|only|"
    r"nearly|about|almost|hours|days|weeks|months|years)\b[^,]{0,40}\b(?:ago|later|earlier|recently|"
    + _TIME_WORDS[3:-1]
    + r"s?))"
    r",\s*",
    re.IGNORECASE,
)


_ACCORDING = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)


def _according_to(text: str, unit: Span, marks: list[Quotation]) -> list[Attribution]:
    """ "According to X, ..." and "..., according to X." """
    out: list[Attribution] = []
    if "ccording" not in text[unit.start : unit.end]:
        return out
    for match in _ACCORDING.finditer(text, unit.start, unit.end):
        if any(q.start < match.start() < q.end for q in marks):
            continue
        np_end = _np_end_after(text, match.end(), unit.end)
        speaker = _speaker_phrase(text, match.end(), np_end)
        if speaker is None:
            continue
        head = text[unit.start : match.start()].rstrip()
        if len(head.split()) >= 3:
            content_start = _strip_leading(text, unit.start, unit.start + len(head))
            content_end = _trim_back(text, unit.start, unit.start + len(head))
        else:
            content_start = np_end
            while content_start < unit.end and text[content_start] in " ,":
                content_start += 1
            content_end = _trim_end_stop(text, content_start, unit.end)
        if content_end - content_start < 8:
            continue
        out.append(Attribution(unit.start, unit.end, content_start, content_end, match.group().strip(), match.start(),
                               speaker, False, 0.7))  # fmt: skip
    return out


def _np_end_after(text: str, start: int, end: int) -> int:
    """End of the noun phrase starting at ``start``: the next comma, stop or clause word."""
    match = re.compile(
        r"[,;:!?()]|\.(?=\s|$)|\s(?:who|which|that|because|when|while|as|but|and\s+(?!the\b))\s|\s—"
    ).search(text, start, end)
    stop = match.start() if match else end
    return _trim_end_stop(text, start, stop)


def _speaker_phrase(text: str, start: int, end: int) -> Speaker | None:
    phrase = text[start:end].strip()
    if not phrase or len(phrase.split()) > 14:
        return None
    lower = phrase.lower()
    if lower in _PRONOUNS:
        return Speaker(start, end, None, None, pronoun=lower)
    name, role = split_role(phrase)
    return Speaker(start, end, name, role)


_COLON = re.compile(r"(?P<np>[A-Z][\w'’.&-]*(?:\s+[\w'’.&-]+){0,5}):\s*(?=[“\"«]|'')")


def _colon_quotes(
    text: str, unit: Span, inside: list[Quotation], found: list[Attribution]
) -> list[Attribution]:
    """ "Trump on Twitter: “…”" — a speaker and a colon before a quotation, no verb."""
    out: list[Attribution] = []
    if ":" not in text[unit.start : unit.end]:
        return out
    for match in _COLON.finditer(text, unit.start, unit.end):
        quote = next((q for q in inside if q.start >= match.end() and q.start - match.end() <= 2), None)
        if quote is None or not quote.is_speech(text) or any(a.quote_start == quote.start for a in found):
            continue
        head = match.group("np")
        np_text = re.sub(r"\s+(?:on|in|at|to)\s+.*$", "", head)
        speaker = _speaker_phrase(text, match.start(), match.start() + len(np_text))
        if speaker is None or speaker.name is None:
            continue
        out.append(Attribution(unit.start, max(unit.end, quote.end), quote.start, quote.end, ":", match.end() - 1,
                               speaker, True, 0.6))  # fmt: skip
    return out


def _continuations(
    text: str, units: list[Span], marks: list[Quotation], found: list[Attribution]
) -> list[Attribution]:
    """Quotations after an attributed direct quote in the same paragraph, with no cue of their own,
    extend it: "“A,” he said. “B.”" is one quote by him."""
    if not found:
        return found
    out = sorted(found, key=lambda a: a.quote_start)
    claimed = [(a.quote_start, a.quote_end) for a in out]
    for index, attribution in enumerate(out):
        if not attribution.direct:
            continue
        end = attribution.quote_end
        evidence_end = attribution.end
        for quote in marks:
            if quote.start < end:
                continue
            if any(s <= quote.start < e for s, e in claimed) or not quote.is_speech(text):
                break
            # the attribution itself may sit between the two ("“A,” X said. “B.”")
            gap = text[max(end, attribution.end) if quote.start >= attribution.end else end : quote.start]
            if re.search(r"\w", gap) or len(gap) > 40:
                break
            end = quote.end
            evidence_end = max(
                evidence_end, next((u.end for u in units if u.start <= quote.start < u.end), quote.end)
            )
        if end != attribution.quote_end:
            out[index] = replace(attribution, quote_end=end, end=evidence_end)
    return out


def _dedupe(found: list[Attribution]) -> list[Attribution]:
    """One attribution per content span (the most confident); identical spans from two cues are one."""
    best: dict[tuple[int, int], Attribution] = {}
    for attribution in found:
        key = (attribution.quote_start, attribution.quote_end)
        if key not in best or attribution.confidence > best[key].confidence:
            best[key] = attribution
    return sorted(best.values(), key=lambda a: (a.quote_start, a.quote_end))


# ---------------------------------------------------------------------------------------------------
# Pronouns and descriptions -> the names they stand for


def _resolve(text: str, found: list[Attribution]) -> list[tuple[Attribution, str | None, str | None]]:
    """Each attribution with its speaker name (pronouns and descriptions resolved) and role."""
    out: list[tuple[Attribution, str | None, str | None]] = []
    people: list[tuple[int, str]] = []  # (position, name) of named speakers so far
    bodies: list[tuple[int, str]] = []
    # Read only when a pronoun or a description needs them: most articles' speakers are named.
    mentions: Callable[[], list[tuple[int, str]]] = functools.cache(lambda: list(_mentions(text)))
    for attribution in sorted(found, key=lambda a: a.cue_start):
        speaker = attribution.speaker
        name: str | None = None
        role: str | None = None
        if speaker is not None:
            role = speaker.role
            if speaker.pronoun:
                name = _antecedent(speaker, attribution, people, bodies, mentions)
            elif speaker.name:
                name = speaker.name
            elif speaker.role:
                name = (
                    _described(speaker.role, people + bodies, mentions, attribution.cue_start) or speaker.role
                )
        if name and name.lower() in _BARE_WORDS:
            name = None  # "those who support …": no one in particular
        if name and speaker is not None and not speaker.pronoun and (speaker.name or _titled(name)):
            target = bodies if _org_like(name.split()) else people
            target.append((attribution.cue_start, name))
        out.append((attribution, name, role))
    return sorted(out, key=lambda item: (item[0].start, item[0].quote_start))


# Speakers that name no one: determiners and quantifiers standing alone.
_BARE_WORDS = _wordset("those these this that some many all any each one most")


def _titled(description: str) -> bool:
    """A description a pronoun may stand for: headed by a title or a body ("the governor", "the
    ministry"), not a crowd ("the soldiers") or a thing ("a rural town")."""
    head = _head_word(re.findall(r"[A-Za-z][\w'’.-]*", description))
    return head is not None and (head in _TITLES or head in _ORG_WORDS)


_MENTION = re.compile(
    r"(?:(?<=[^.!?\n“\"]\s)|(?<=^))(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|President|Governor|Minister)\.?\s+)?"
    r"[A-Z][a-z][\w'’-]+(?:\s+(?:(?:of|for|and|the)\s+)?(?:[A-Z]\.\s*)?[A-Z][a-z][\w'’-]+)+",
    re.MULTILINE,
)


def _mentions(text: str) -> Iterator[tuple[int, str]]:
    """Multi-word capitalised names not at a sentence start (people and bodies alike), in order."""
    for match in _MENTION.finditer(text):
        name = re.sub(r"^The\s+", "", match.group())
        if " " in name:
            yield match.start(), name


def _antecedent(
    speaker: Speaker,
    attribution: Attribution,
    people: list[tuple[int, str]],
    bodies: list[tuple[int, str]],
    mentions: Callable[[], list[tuple[int, str]]],
) -> str | None:
    """The name a pronoun stands for: the last named speaker of its kind before it, when one exists;
    else the last multi-word name before it of that kind. ``None`` when the text names nobody."""
    pronoun = speaker.pronoun
    position = attribution.cue_start
    if pronoun in ("i", "we", "you", "who"):
        return None
    pool = people if pronoun in ("he", "she") else bodies
    candidates = [(p, n) for p, n in pool if p < position]
    if pronoun == "they" and not candidates:
        candidates = [(p, n) for p, n in people if p < position and " and " in n]
    if candidates:
        return candidates[-1][1]
    want_body = pronoun not in ("he", "she")
    earlier = [(p, n) for p, n in mentions() if p < speaker.start and _org_like(n.split()) == want_body]
    return earlier[-1][1] if earlier and speaker.start - earlier[-1][0] < 1500 else None


def _described(
    role: str, named: list[tuple[int, str]], mentions: Callable[[], list[tuple[int, str]]], position: int
) -> str | None:
    """A bare description ("the legion", "the group") standing for an earlier name with its head word."""
    words = role.split()
    if len(words) != 2 or words[0].lower() not in ("the", "this"):
        return None
    head = words[1].lower()
    for _, name in reversed([(p, n) for p, n in named + mentions() if p < position]):
        if head in (w.lower() for w in name.split()):
            return name
    return None


# ---------------------------------------------------------------------------------------------------
# Facts


def _fact(article: Article, attribution: Attribution, name: str | None, role: str | None) -> Fact:
    text = article.text
    start, end = attribution.start, attribution.end
    quote_start, quote_end = attribution.quote_start, attribution.quote_end
    start, end = min(start, quote_start), max(end, quote_end)
    key = f"{article.id}|{quote_start}|{quote_end}|quote"
    return Fact(
        id=f"quote-{hashlib.sha1(key.encode()).hexdigest()[:12]}",
        article=article.id,
        kind="quote",
        start=start,
        end=end,
        evidence=text[start:end],
        extractor=EXTRACTOR,
        confidence=attribution.confidence,
        speaker=_tidy(name),
        speaker_role=_tidy(role),
        cue=attribution.cue,
        direct=attribution.direct,
        quote=text[quote_start:quote_end],
        quote_start=quote_start,
        quote_end=quote_end,
    )


def _tidy(value: str | None) -> str | None:
    if value is None:
        return None
    value = re.sub(r"\s+", " ", value).strip(" ,;:")
    return value or None
