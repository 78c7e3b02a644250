"""Caveats: an outlet's own disclaimer that it could not verify what it reports.

"Reuters was unable to verify the situation", "There was no way to independently confirm the claims",
"The footage could not be independently verified", "has not been independently confirmed". Only the
outlet's voice counts: a source who "could not confirm" a detail ("Police could not confirm the
number of victims"), a passive with a source as agent ("has not been confirmed by authorities") and
words inside a quotation are a source's uncertainty, reported by the outlet, not its own disclaimer.
Neither is "could not be reached for comment".

``attributed_to`` is the news organisation that could not verify, when the sentence names it
("Reuters", "CNN", "The New York Times"); ``None`` for impersonal forms ("There was no way ...").
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from reporter.model import Article, Fact, Span
from reporter.text import ascii_lower, sentences

VERSION = "1"
EXTRACTOR = "caveats"

_VERIFY = r"(?:verif(?:y|ied|ying)|confirm(?:ed|ing)?|corroborat(?:e|ed|ing)|authenticat(?:e|ed|ing))"
_INDEPENDENTLY = r"(?:(?:independently|immediately|yet|separately|officially)\s+){0,2}"
_CAVEAT = re.compile(
    rf"""\b(?:
        (?:unable|not\s+(?:been\s+)?able)\s+to\s+{_INDEPENDENTLY}{_VERIFY}
      | (?:cannot|can't|couldn't|could\s+not|can\s+not)\s+(?:be\s+)?{_INDEPENDENTLY}{_VERIFY}
      | no\s+(?:independent\s+)?way\s+(?:of|to)\s+{_INDEPENDENTLY}{_VERIFY}
      | (?:has|have|had)\s+not\s+(?:yet\s+)?been\s+{_INDEPENDENTLY}{_VERIFY}
      | (?:was|were|is|are)\s+not\s+{_INDEPENDENTLY}{_VERIFY}
      | not\s+(?:been\s+)?independently\s+{_VERIFY}
      | did\s+not\s+{_INDEPENDENTLY}{_VERIFY}
      | (?:there\s+(?:was|is)\s+)?no\s+independent\s+(?:verification|confirmation)
      | (?:impossible|not\s+possible)\s+to\s+{_INDEPENDENTLY}{_VERIFY}
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# "could not confirm" about a person's own statement ("he could not confirm he would attend") is rare;
# a caveat names what could not be verified, or who tried. These mark the ones that are about other
# matters: reaching someone, a personal plan.
_NOT_ABOUT_VERIFICATION = re.compile(
    r"\b(?:reached|comment|whether\s+(?:he|she|they)\s+would)\b", re.IGNORECASE
)
_WHO = re.compile(
    r"(?P<who>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})\s+(?:was|were|is|are|has|have|could|can|did)\b"
)
# A subject right before the verb group: "<who> could not confirm", "<who> has not been able to".
_PASSIVE = re.compile(r"\bbe(?:en)?\s+(?:\w+\s+)?" + _VERIFY, re.IGNORECASE)
_ASIDE = re.compile(r",?\s*(?:however|though|also|meanwhile|too|still|so\s+far),?\s*$", re.IGNORECASE)
_SUBJECT = re.compile(
    r"(?P<who>\b[\w.&'’-]+),?\s+(?:(?:was|were|is|are|has|have|had|could|can|did|also|still|yet|not|been|"
    r"immediately|independently)\s+)*$",
    re.IGNORECASE,
)
_IMPERSONAL = frozenset({"there", "it", "this", "that", "which", "these", "those", "what"})
# Words that name a news organisation (the outlet speaking of itself, or a wire service it cites).
_NEWS_WORDS = re.compile(
    r"\b(?:Reuters|AP|AFP|Associated\s+Press|BBC|CNN|NBC|CBS|ABC|Fox|NPR|Bloomberg|Guardian|Post|Times|"
    r"Journal|Press|News|Agency|Television|TV|Radio|Channel|Network|Tribune|Herald|Gazette|Telegraph|"
    r"Independent|Newspaper|Magazine|Media|Wire|Observer|Examiner|Chronicle|Globe|Star|Sun|Mail)\b"
)
_SOURCE_AGENT = re.compile(
    r"\bby\s+(?:the\s+)?(?:police|authorities|officials|investigators|the\s+\w+)", re.IGNORECASE
)
_QUOTES = (("“", "”"), ('"', '"'), ("‘", "’"), ("``", "''"))


def extract_caveats(article: Article) -> Iterable[Fact]:
    """Verification caveats of ``article``'s body paragraphs, one fact per sentence, in text order."""
    text = article.text
    found: list[Fact] = []
    for paragraph in article.paragraphs or (Span(0, len(text)),):
        # A sentence's match is a match in its paragraph too: most paragraphs have none, and are not
        # split into sentences at all.
        if not _may_caveat(text, paragraph) or _CAVEAT.search(text, paragraph.start, paragraph.end) is None:
            continue
        for sentence in sentences(text, paragraph):
            chunk = text[sentence.start : sentence.end]
            match = _CAVEAT.search(chunk)
            if match is None or _NOT_ABOUT_VERIFICATION.search(chunk[match.start() :]):
                continue
            if _quoted(chunk, match.start()) or not _outlet_voice(chunk, match, article.outlet):
                continue
            found.append(_fact(article, sentence, _who(chunk[: match.end()])))
    return found


def _may_caveat(text: str, paragraph: Span) -> bool:
    """False when ``_CAVEAT`` cannot match in the paragraph: it holds no word of verifying (every caveat
    does) in the folded copy (reporter.text.ascii_lower, where a case-blind match's letters are all
    lower-case ASCII). A substring test is far cheaper than the case-blind pattern, tried at every word
    of every paragraph."""
    lowered = ascii_lower(text)
    return any(lowered.find(stem, paragraph.start, paragraph.end) >= 0 for stem in _VERIFY_STEMS)


_VERIFY_STEMS = ("verif", "confirm", "corroborat", "authenticat")  # of _VERIFY and "no independent ..."


def _outlet_voice(chunk: str, match: re.Match[str], outlet: str) -> bool:
    """Whether the caveat is the outlet's own: impersonal or passive, or said of a news organisation."""
    if _PASSIVE.search(match.group()) or match.group().lower().startswith(("no ", "there")):
        return not _SOURCE_AGENT.match(chunk[match.end() :].lstrip())
    head = _ASIDE.sub("", chunk[: match.start()])
    subject = _SUBJECT.search(head.rstrip() + " ")
    if subject is None or subject.group("who").lower() in _IMPERSONAL:
        return True
    named = _WHO.search(chunk[: match.end()])
    who = named.group("who") if named else subject.group("who")
    if _NEWS_WORDS.search(who):
        return True
    return bool(outlet) and re.search(rf"\b{re.escape(outlet)}\b", who, re.IGNORECASE) is not None


def _quoted(chunk: str, offset: int) -> bool:
    """Whether ``offset`` sits inside a quotation (an odd number of marks, or an unclosed opening, before it)."""
    before = chunk[:offset]
    for opening, closing in _QUOTES:
        if opening == closing:
            if before.count(opening) % 2 == 1:
                return True
        elif before.rfind(opening) > before.rfind(closing):
            return True
    return False


def _who(head: str) -> str | None:
    """The named subject right before the caveat's verb ("Reuters was unable ..."), if any."""
    candidates = list(_WHO.finditer(head))
    if not candidates:
        return None
    words = candidates[-1].group("who").split()
    if words[0] == "The" and len(words) > 1:
        words = words[1:]
    return None if words[0] in {"There", "It", "This", "That", "The", "These", "Those"} else " ".join(words)


def _fact(article: Article, sentence: Span, who: str | None) -> Fact:
    key = f"{article.id}|{sentence.start}|caveat"
    return Fact(
        id=f"caveat-{hashlib.sha1(key.encode()).hexdigest()[:12]}",
        article=article.id,
        kind="caveat",
        start=sentence.start,
        end=sentence.end,
        evidence=article.text[sentence.start : sentence.end],
        extractor=EXTRACTOR,
        confidence=0.9,
        attributed_to=who,
    )
