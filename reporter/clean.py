"""Clean: find each article's body paragraphs and set aside what scraped pages add around it.

Works on the untouched text and returns spans, so nothing is rewritten and nothing is silently lost:
every non-blank line that is not body is covered by ``Article.removed``. Paragraphs are lines: the text is
split on blank lines and on single newlines, except that a line evidently wrapped mid-sentence (it does
not end a sentence and the next line starts in lower case) is joined with the next one.

Signals, from strongest to weakest:

1. a line-pattern lexicon of page furniture (navigation, cart, captions and photo credits, teasers,
   comment forms, newsletter prompts, site promos, "Source link", bare links);
2. the "story is over" cue: after a wire credit line ("(Reporting by ...)"), a comment form ("Leave a
   Reply") or a site promo, what follows is the page's, not the story's;
3. position: the header before the first line of running text (headlines, captions, bylines, a lone
   date) and a footer of short headline-like lines after the last one (related-story teasers);
4. repetition: a line printed twice in one article (a headline repeated), and short lines that repeat
   across several articles of one outlet in the batch (site furniture repeats, stories do not).

The stage is conservative on purpose: a line of running text in the middle of an article is kept unless
the lexicon names it, because a lost sentence costs more downstream than a stray teaser.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence

from reporter.config import CleanConfig
from reporter.model import Article, Span

# Page furniture that reads as a complete short line (anchored; tried on lines of at most _SHORT words).
_FURNITURE = re.compile(
    r"""^(?:
        skip\ to\ (?:main\ )?(?:content|navigation) | (?:main\ )?menu | search | home | sign\ (?:in|up) | log\ ?in
      | your\ (?:shopping\ )?(?:cart|basket|bag)\ is\ empty | (?:view\ )?(?:cart|basket) | checkout
      | read\ more\b.* | see\ (?:also|more)\b.* | keep\ reading.* | continue\ reading.* | more\ from\ .*
      | related(?:\ (?:stories|articles|posts|coverage|content|news|topics|reading))?(?:\s*:.*)? | you\ (?:may|might)\ also\ like.*
      | tap\ (?:here\ )?for\ more\ details\.? | click\ here\b.* | advertisement | sponsored(?:\ content)? | ad
      | share\ (?:this|on|via)\b.* | share | tweet | email | print | whatsapp | facebook | twitter | linkedin
      | leave\ a\ (?:reply|comment).* | (?:post|add|write)\ a\ comment.* | comments? | \d+\ comments?
      | tell\ us\ what\ you\ think.* | join\ the\ (?:conversation|discussion).* | cancel\ reply
      | your\ email\ address\ will\ not\ be\ published.* | required\ fields\ are\ marked.*
      | (?:get|sign\ up\ for|subscribe\ to|join|receive)\b.{0,80}\b(?:newsletters?|e-?mails?|inbox|updates|alerts)\b.*
      | .{0,40}\bnewsletters?
      | (?:follow|like)\ us\ on\b.* | download\ (?:our|the)\ app.* | source\ link | source\s*:.{0,60}
      | filed\ under\s*:.* | tags?\s*:.* | categor(?:y|ies)\s*:.* | posted\ in\ .{0,60} | more\s*: | .*\bclick\ here\b.{0,40}
      | this\ (?:article|story|post)\ (?:has\ been|was)\ updated.* | (?:last\ )?updated\ ?:.{0,60}
      | (?:photo|picture|image|video|graphic)(?:\ caption)?\s*[:|].* | (?:caption|credits?|photograph|image\ source)\s*:.*
      | all\ rights\ reserved.* | ©.* | copyright\b.{0,60}\d{4}.* | \(?(?:additional\ )?reporting\ by\b.* | (?:writing|editing)\ by\b.*
      | article\s*:.* | (?:originally\ )?(?:published|posted)\ (?:on|in|at)\b.{0,60} | have\ a\ tip\b.*
      | \[[a-z_]+\s+[a-z_]+\s*=.* | \[/?[a-z_]+\] | (?:[^\w\s]|_)+
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A photo credit ends a caption line ("... Belgorod Region, Russia. Legion/via REUTERS").
_PHOTO_CREDIT = re.compile(
    r"(?:via\ reuters|/\s*reuters|/\s*getty\ images|via\ getty\ images|\(getty\ images\)|/\s*ap\ photo"
    r"|ap\ photo\s*/.*|/\s*afp|/\s*epa(?:-efe)?|/\s*shutterstock|\(shutterstock\)|\(photo:?\ [^)]*\))\s*\.?$",
    re.IGNORECASE | re.VERBOSE,
)
# Wire photo credits in capitals ("... on Monday. REUTERS/Jane Doe"); case-sensitive so that a
# "Reuters/Ipsos poll" in running text is not one.
_WIRE_CREDIT = re.compile(r"\b(?:REUTERS|AFP|AP|EPA)/[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s*$")
# Bylines are case-sensitive: "By Jane Doe" is a byline, "by the time we left" is not.
_BYLINE = re.compile(
    r"^(?:By|BY|Words by)\s+[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|de|van|von)){0,6}\s*$"
)
# Lines after which the article is over: what follows is the page's, not the story's.
_END_OF_STORY = re.compile(
    r"^(?:\(?(?:additional\ )?reporting\ by\b.{0,200}(?:editing|writing)\ by\b|source\ link$|leave\ a\ (?:reply|comment)"
    r"|read\ more\ (?:exclusive\ )?(?:news|stories)\ from\b|related\ (?:stories|articles|posts|coverage)\s*:?$"
    r"|more\ (?:stories|news)\ from\b|you\ (?:may|might)\ also\ like|originally\ (?:published|appeared)\ (?:on|in|at)\b|recommended\ for\ you|the\ post\ .{3,200}\ appeared\ first\ on\b)",
    re.IGNORECASE | re.VERBOSE,
)
# Page prompts that begin a page footer (what follows them is the site's, not the story's).
_FOOTER_START = re.compile(
    r"""^(?:read\ more\b|see\ (?:also|more)\b|more\ (?:from|stories|news)\b|related\b|you\ (?:may|might)\ also\ like
      |recommended\b|tap\ (?:here\ )?for\ more|share\b|follow\ us\b|comments?\b|leave\ a\ (?:reply|comment)|tags?\s*:
      |(?:get|sign\ up\ for|subscribe\ to|join|receive)\b.{0,80}\b(?:newsletters?|e-?mails?|inbox|updates|alerts)\b
      |.{0,40}\bnewsletters?$|trending\b|popular\b|most\ (?:read|popular|viewed)\b|advertisement$|sponsored\b)""",
    re.IGNORECASE | re.VERBOSE,
)
# Captions written as sentences at the top of a page ("A still image from drone footage shows ...").
_CAPTION_START = re.compile(
    r"^(?:a |an |the )?(?:still image|file photo|file picture|photo|picture|image|screenshot|screengrab)\b",
    re.I,
)
_DATE_LINE = re.compile(
    r"^(?:(?:updated|published|posted)\s*:?\s*)?(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?,?\s+)?"
    r"(?:[A-Za-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\s+[A-Za-z]+\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
    r"(?:,?\s*(?:at\s*)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?$",
    re.IGNORECASE,
)
# A bare link: furniture at the top or bottom of a page, a reference the author gave inside the body.
_LINK = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^(?:[-–•*·]\s|\(?\d{1,3}[.)]\s|\(?[a-z][.)]\s)")
_SENTENCE_END = re.compile(r"""[.!?…]["'”’»)\]]*$""")
_WORD = re.compile(r"\w+")
_SHORT = 20  # words: the lexicon is tried on lines up to this long; running text is longer
_TITLE_LIKE = 14  # words: a footer line this short without sentence punctuation reads as a teaser


def clean(articles: list[Article], cfg: CleanConfig) -> list[Article]:
    """Every article with ``paragraphs`` (body spans, in order) and ``removed`` (every other line) set.

    An article in which nothing reads as body keeps its whole text as paragraphs (and ``removed`` empty)
    rather than vanishing from the report.
    """
    site_lines = _site_furniture(articles) if cfg.repeated_lines else {}
    return [_clean_one(a, cfg, site_lines.get(a.outlet, frozenset())) for a in articles]


def _clean_one(article: Article, cfg: CleanConfig, site_lines: frozenset[str]) -> Article:
    spans = blocks(article.text)
    texts = [span.of(article.text) for span in spans]
    keep = [True] * len(spans)
    if cfg.boilerplate_patterns:
        for i, text in enumerate(texts):
            keep[i] = not (is_furniture(text) or _key(text) in site_lines)
        _drop_after_end(texts, keep)
        _drop_header(texts, keep, article.title)
        _drop_footer(texts, keep)
        _drop_repeats(texts, keep)
    paragraphs = tuple(
        s for s, k, t in zip(spans, keep, texts, strict=True) if k and len(t) >= cfg.min_paragraph_chars
    )
    if not paragraphs:
        return dataclasses.replace(article, paragraphs=tuple(spans), removed=())
    kept = set(paragraphs)
    removed = tuple(s for s in spans if s not in kept)
    return dataclasses.replace(article, paragraphs=paragraphs, removed=removed)


def blocks(text: str) -> list[Span]:
    """Paragraph candidates: non-blank lines stripped of white space, wrapped lines joined.

    A line is joined with the next when it does not end a sentence or a clause and the next line starts
    with a lower-case letter (a paragraph hard-wrapped by the page, "...rounds on social media,\\nshow").
    """
    out: list[Span] = []
    for line in _lines(text):
        if (
            out
            and text.count("\n", out[-1].end, line.start) == 1
            and _continues(out[-1].of(text), line.of(text))
        ):
            out[-1] = Span(out[-1].start, line.end)
        else:
            out.append(line)
    return out


def _lines(text: str) -> Iterator[Span]:
    for match in re.finditer(r"[^\n\r]+", text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            yield Span(start, end)


def _continues(previous: str, line: str) -> bool:
    return line[0].islower() and not _SENTENCE_END.search(previous) and not previous.endswith(":")


# Each line's word count and key are asked for by several rules (and by the site-furniture count):
# compute them once per line.
@functools.lru_cache(maxsize=16384)
def words(text: str) -> int:
    """How many word tokens ``text`` has."""
    return len(_WORD.findall(text))


def is_sentence(text: str) -> bool:
    """A line that reads as running text: several words ending in sentence punctuation."""
    return words(text) >= 6 and bool(_SENTENCE_END.search(text))


def is_running_text(text: str) -> bool:
    """A sentence, or a line long enough to be prose even without its closing stop."""
    return is_sentence(text) or words(text) >= 25


def is_furniture(text: str) -> bool:
    """Whether a line is page furniture wherever it stands (the lexicon, a lone date, a photo credit)."""
    line = text.strip()
    if _photo_credit(line) or _WIRE_CREDIT.search(line) or _BYLINE.match(line):
        return True
    if words(line) > _SHORT:
        return False
    return bool(_FURNITURE.match(line) or _DATE_LINE.match(line))


def _photo_credit(line: str) -> bool:
    """``_PHOTO_CREDIT`` searched in ``line``; on ASCII lines, only when one of its words is there
    (a case-blind pattern anchored at the end is tried from every character of every paragraph)."""
    if line.isascii():
        lowered = line.lower()
        if not any(word in lowered for word in _PHOTO_WORDS):
            return False
    return _PHOTO_CREDIT.search(line) is not None


# A word of every alternative of _PHOTO_CREDIT: a line without any cannot match it.
_PHOTO_WORDS = ("reuters", "getty images", "ap photo", "afp", "epa", "shutterstock", "(photo")


def _drop_after_end(texts: Sequence[str], keep: list[bool]) -> None:
    """After an end-of-story line everything goes, unless the part after it is longer than the story.

    The guard keeps a story whose page prints a "Related stories" box in the middle.
    """
    for i, text in enumerate(texts):
        if i > 0 and _END_OF_STORY.match(text.strip()):
            before = sum(words(t) for t, k in zip(texts[:i], keep[:i], strict=True) if k)
            after = sum(words(t) for t in texts[i + 1 :])
            keep[i] = False
            if after <= before:
                keep[i:] = [False] * (len(texts) - i)
                return


def _drop_header(texts: Sequence[str], keep: list[bool], title: str | None) -> None:
    """Before the first line of running text: headlines, captions, bylines, datelines all go.

    A line repeating the title goes wherever it stands in the header, even as a sentence.
    """
    title_key = _key(title or "")
    for i, text in enumerate(texts):
        if not keep[i]:
            continue
        if title_key and _key(text) == title_key:
            keep[i] = False
            continue
        if is_running_text(text) and not _CAPTION_START.match(text):
            return
        keep[i] = False


def _drop_footer(texts: Sequence[str], keep: list[bool]) -> None:
    """Short headline-like lines (teasers) after the page footer has begun.

    The footer begins at the first page prompt after the last line of running text (a newsletter
    prompt, "Read more", "Share", "Related"): short lines before it may be the story's own closing lines
    (a sign-off, a list, a caption) and stay; after it they are the page's. List items always stay.
    Captions, dates and links do not begin a footer: articles carry those inside them too. Bare links
    at the very end go (a link inside the body is a reference and stays).
    """
    last = max((i for i, t in enumerate(texts) if keep[i] and is_running_text(t)), default=-1)
    for i in range(len(texts) - 1, last, -1):
        if keep[i] and not _LINK.match(texts[i].strip()):
            break
        keep[i] = False
    footer = next((i for i in range(last + 1, len(texts)) if _FOOTER_START.match(texts[i].strip())), None)
    if footer is None:
        return
    for i in range(footer + 1, len(texts)):
        if keep[i] and not _LIST_ITEM.match(texts[i].strip()) and words(texts[i]) <= _TITLE_LIKE:
            keep[i] = False


def _drop_repeats(texts: Sequence[str], keep: list[bool]) -> None:
    """A headline-like line printed again later in the article: only its first occurrence stays.

    Running text that repeats, and lines repeated more than three times, are left alone: those are
    the page's own structure (a table, a list of entries), and the scorer of what was said needs them.
    """
    keys = [_key(text) for text in texts]
    counts = Counter(keys)
    seen: set[str] = set()
    for i, (key, text) in enumerate(zip(keys, texts, strict=True)):
        if keep[i] and key in seen and counts[key] <= 3 and not is_running_text(text):
            keep[i] = False
        seen.add(key)


@functools.lru_cache(maxsize=16384)
def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _site_furniture(articles: Sequence[Article], min_articles: int = 3) -> dict[str, frozenset[str]]:
    """Per outlet, short non-sentence lines found in at least ``min_articles`` of its distinct texts.

    Needs an outlet with more distinct texts than that: with few articles, repetition says nothing.
    Re-posts of one text count once, so a story's own lines never look like furniture.
    """
    counts: dict[str, Counter[str]] = {}
    texts_seen: dict[str, set[str]] = {}
    for article in articles:
        seen = texts_seen.setdefault(article.outlet, set())
        if article.text in seen:
            continue
        seen.add(article.text)
        lines = {span.of(article.text) for span in _lines(article.text)}
        keys = {_key(line) for line in lines if words(line) <= _SHORT and not is_sentence(line)}
        counts.setdefault(article.outlet, Counter()).update(k for k in keys if k)
    return {
        outlet: frozenset(k for k, n in counter.items() if n >= min_articles)
        for outlet, counter in counts.items()
        if len(texts_seen[outlet]) > min_articles
    }
