"""Clean: find each article's body paragraphs and set aside what scraped pages add around it.

Works line by line on the untouched text (paragraphs split on blank lines and on single newlines) and
returns spans, so nothing is rewritten and nothing is silently lost: every line that is not body is in
``Article.removed``. Signals, from strongest to weakest:

1. a pattern lexicon of page furniture (navigation, cart, captions, teasers, comment forms, promos);
2. position: the header before the first real sentence (headlines, captions, bylines, a wire
   dateline's preamble) and a tail after the story ends (a wire credit line, a comment form, "Source
   link"), where scraped pages keep related stories;
3. lines repeated across several articles of one outlet in the batch (site furniture repeats);
4. lines that repeat inside one article (a headline printed three times).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator, Sequence

from reporter.config import CleanConfig
from reporter.model import Article, Span

# Lines that are page furniture wherever they stand. Anchored: these read as complete lines.
_FURNITURE = re.compile(
    r"""^(?:
        skip\ to\ (?:main\ )?content | your\ (?:shopping\ )?cart\ is\ empty | menu | search | sign\ in | log\ in
      | read\ more\b.* | see\ also\b.* | related(?:\ (?:stories|articles|coverage|content))?:?.* | more\ from\b.*
      | tap\ for\ more\ details\.? | click\ here\b.* | advertisement | sponsored(?:\ content)? | share\ (?:this|on)\b.*
      | leave\ a\ (?:reply|comment).* | (?:post|add)\ a\ comment.* | comments? | \d+\ comments?
      | your\ email\ address\ will\ not\ be\ published.* | required\ fields\ are\ marked.*
      | (?:get|sign\ up\ for|subscribe\ to|join)\b.{0,80}\b(?:newsletter|e-?mail|inbox|updates|alerts)\b.*
      | (?:follow|like)\ us\ on\b.* | download\ (?:our|the)\ app.* | source\ link | this\ article\ (?:has\ been|was)\ updated.*
      | (?:photo|picture|image|video)(?:\ caption)?\s*[:|].* | (?:caption|credit|photograph)\s*:.*
      | .{0,200}\b(?:/via\ reuters|/reuters|via\ reuters|getty\ images|/ap\ photo|ap\ photo/|/afp|afp\ via\ getty)\s*$
      | all\ rights\ reserved.* | ©.* | copyright\ ©?\s*\d{4}.* | \(?reporting\ by\b.* | (?:writing|editing)\ by\b.*
      | (?:by|words\ by)\ [A-Z][\w.'-]+(?:\ [A-Z][\w.'-]+){0,3}(?:\ and\ [A-Z][\w.'-]+(?:\ [A-Z][\w.'-]+){0,3})?
      | article\s*:.* | (?:updated|published|posted)\s*:?.{0,40}\d{4}.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Lines after which the article is over: what follows is the page's, not the story's.
_END_OF_STORY = re.compile(
    r"^(?:\(?reporting\ by\b|source\ link$|leave\ a\ (?:reply|comment)|read\ more\ (?:exclusive\ )?news\ from\b"
    r"|related\ (?:stories|articles)|more\ (?:stories|news)\ from\b|you\ may\ also\ like|recommended\ for\ you)",
    re.IGNORECASE | re.VERBOSE,
)
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$""")
_WORD = re.compile(r"\w+")
_DATE_LINE = re.compile(
    r"^(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?,?\s+)?"
    r"(?:\w+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\w+\.?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:\s*(?:at\s*)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?$",
    re.IGNORECASE,
)


def clean(articles: list[Article], cfg: CleanConfig) -> list[Article]:
    """Every article with ``paragraphs`` (body, in order) and ``removed`` (everything else) set."""
    site_lines = _site_furniture(articles) if cfg.repeated_lines else {}
    return [_clean_one(a, cfg, site_lines.get(a.outlet, frozenset())) for a in articles]


def _clean_one(article: Article, cfg: CleanConfig, site_lines: frozenset[str]) -> Article:
    lines = list(_lines(article.text))
    keep = [True] * len(lines)
    texts = [span.of(article.text).strip() for span in lines]
    if cfg.boilerplate_patterns:
        for i, text in enumerate(texts):
            if _FURNITURE.match(text) or _DATE_LINE.match(text) or _key(text) in site_lines:
                keep[i] = False
        _drop_header(texts, keep, article.title)
        _drop_tail(texts, keep)
        _drop_repeats(texts, keep)
    paragraphs = tuple(s for s, k, t in zip(lines, keep, texts, strict=True) if k and len(t) >= cfg.min_paragraph_chars)
    kept = set(paragraphs)
    removed = tuple(s for s in lines if s not in kept)
    if not paragraphs and lines:  # never leave an article without a body: keep it whole, say nothing
        paragraphs, removed = tuple(lines), ()
    return dataclasses.replace(article, paragraphs=paragraphs, removed=removed)


def _lines(text: str) -> Iterator[Span]:
    """Non-blank lines as spans, stripped of surrounding white space."""
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            yield Span(start, end)


def is_sentence(text: str) -> bool:
    """A line that reads as running text: several words ending in sentence punctuation."""
    return len(_WORD.findall(text)) >= 6 and bool(_SENTENCE_END.search(text))


def _drop_header(texts: Sequence[str], keep: list[bool], title: str | None) -> None:
    """Everything before the first running-text line is header (headline, caption, byline)."""
    for i, text in enumerate(texts):
        if keep[i] and is_sentence(text) and not _is_caption(text):
            return
        keep[i] = False


def _is_caption(text: str) -> bool:
    return bool(re.match(r"^(?:a |an |the )?(?:still image|file photo|photo|picture|image|screenshot)\b", text, re.I))


def _drop_tail(texts: Sequence[str], keep: list[bool]) -> None:
    """After an end-of-story line everything goes; trailing lines that are not sentences go too."""
    for i, text in enumerate(texts):
        if i > 0 and _END_OF_STORY.match(text):
            for j in range(i, len(texts)):
                keep[j] = False
            break
    for i in range(len(texts) - 1, -1, -1):
        if not keep[i]:
            continue
        if is_sentence(texts[i]):
            break
        keep[i] = False


def _drop_repeats(texts: Sequence[str], keep: list[bool]) -> None:
    """A line that appears again later in the same article: keep only its first body occurrence."""
    seen: set[str] = set()
    for i, text in enumerate(texts):
        key = _key(text)
        if not keep[i]:
            seen.add(key)
            continue
        if key in seen and len(key) < 300:
            keep[i] = False
        seen.add(key)


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _site_furniture(articles: Sequence[Article], min_articles: int = 3) -> dict[str, frozenset[str]]:
    """Per outlet, short lines that appear in at least ``min_articles`` of its articles (distinct texts)."""
    counts: dict[str, Counter[str]] = {}
    texts_seen: dict[str, set[int]] = {}
    for article in articles:
        fingerprint = hash(article.text)
        if fingerprint in texts_seen.setdefault(article.outlet, set()):
            continue  # a re-post of the same text must not make its own lines look like furniture
        texts_seen[article.outlet].add(fingerprint)
        keys = {_key(s.of(article.text)) for s in _lines(article.text)}
        counts.setdefault(article.outlet, Counter()).update(k for k in keys if 0 < len(k) < 200)
    return {
        outlet: frozenset(k for k, n in counter.items() if n >= min_articles)
        for outlet, counter in counts.items()
        if len(texts_seen[outlet]) >= min_articles + 1  # an outlet with few articles says nothing
    }
