"""Caveats: an outlet's own disclaimer that it could not verify what it reports.

"Reuters was unable to verify the situation", "There was no way to independently confirm the claims",
"The footage could not be independently verified", "has not been independently confirmed". Only
verification is a caveat here: "could not be reached for comment" and "did not respond" are not.

``attributed_to`` is who could not verify, when the sentence names it ("Reuters", "CNN"); ``None`` for
impersonal forms ("There was no way ...", "could not be verified").
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from reporter.model import Article, Fact, Span
from reporter.text import sentences

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


def extract_caveats(article: Article) -> Iterable[Fact]:
    """Verification caveats of ``article``'s body paragraphs, one fact per sentence, in text order."""
    text = article.text
    found: list[Fact] = []
    for paragraph in article.paragraphs or (Span(0, len(text)),):
        for sentence in sentences(text, paragraph):
            chunk = text[sentence.start : sentence.end]
            match = _CAVEAT.search(chunk)
            if match is None or _NOT_ABOUT_VERIFICATION.search(chunk[match.start() :]):
                continue
            found.append(_fact(article, sentence, _who(chunk[: match.end()])))
    return found


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
