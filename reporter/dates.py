"""Dates written in news text: absolute ("May 23, 2023", "22 May", "June 1") and relative to the
publication date ("on Monday", "yesterday", "last week"). Used for datelines and for telling apart
look-alike events (two raids a week apart).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

from reporter.text import ascii_lower

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: i
    for i, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
}

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_MONTH_DAY = re.compile(
    _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?(?:,?\s+(?P<year>(?:19|20)\d{2}))?\b"
)
_DAY_MONTH = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?\s+"
    + _MONTH
    + r"(?:,?\s+(?P<year>(?:19|20)\d{2}))?\b"
)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_WEEKDAY = re.compile(r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_RELATIVE = re.compile(r"\b(?P<word>yesterday|today|tonight|last night|this morning)\b", re.IGNORECASE)


def find_date(text: str, year: int | None = None) -> str | None:
    """The first absolute date in ``text`` as ISO, or ``None``."""
    for found in absolute_dates(text, year):
        return found.isoformat()
    return None


def absolute_dates(text: str, year: int | None = None) -> Iterator[date]:
    """Absolute dates written in ``text``; a date without a year takes ``year`` (else it is skipped)."""
    for _, found in _absolute_mentions(text, year):
        yield found


def _absolute_mentions(text: str, year: int | None) -> Iterator[tuple[int, date]]:
    for match in _ISO.finditer(text):
        parsed = _make(int(match["year"]), int(match["month"]), int(match["day"]))
        if parsed:
            yield match.start(), parsed
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for match in pattern.finditer(text):
            written_year = int(match["year"]) if match["year"] else year
            if written_year is None:
                continue
            parsed = _make(written_year, MONTHS[match["month"].lower().rstrip(".")], int(match["day"]))
            if parsed:
                yield match.start(), parsed


def mentioned_dates(text: str, published: date | None) -> list[date]:
    """Every date ``text`` refers to, resolving weekdays and "yesterday" against ``published``.

    Weekdays resolve to the most recent such day on or before publication (news reports the past).
    Without a publication date only dates with a written year are returned.
    """
    return [found for _, found in date_mentions(text, published)]


def date_mentions(text: str, published: date | None, relative: bool = True) -> list[tuple[int, date]]:
    """Like :func:`mentioned_dates`, with the offset in ``text`` where each date is written, in order.

    ``relative=False`` skips "yesterday", "today" and the like (they only restate the publication day).
    """
    year = published.year if published else None
    found = list(_absolute_mentions(text, year))
    if published is not None:
        for match in _WEEKDAY.finditer(text):
            back = (published.weekday() - WEEKDAYS[match["weekday"].lower()]) % 7
            found.append((match.start("weekday"), published - timedelta(days=back)))
        for match in _RELATIVE.finditer(text) if relative else ():
            back = 1 if match["word"].lower() in ("yesterday", "last night") else 0
            found.append((match.start(), published - timedelta(days=back)))
    return sorted((offset, _in_the_past(day, published)) for offset, day in found)


def _in_the_past(day: date, published: date | None) -> date:
    # A month-day without a year read as in the future belongs to the previous year.
    if published and day > published + timedelta(days=2) and day.month > published.month:
        return day.replace(year=day.year - 1) if not (day.month == 2 and day.day == 29) else day
    return day


# Sentences that point back to earlier happenings: their dates are background, not the news.
_BACKGROUND = re.compile(
    r"\b(?:follow(?:s|ed)?|earlier|previous(?:ly)?|last\s+(?:week|month|year)|ago|unlike|initial|"
    r"in\s+the\s+wake\s+of|anniversary)\b",
    re.IGNORECASE,
)
_BACKGROUND_FOLDED = re.compile(_BACKGROUND.pattern)  # for reporter.text.ascii_lower's copy


def reported_dates(text: str, published: date | None) -> list[date]:
    """The dates ``text`` reports things as happening on, background left out.

    Meant for a title and lede: a sentence that points back ("the attacks follow a major incursion on
    May 22-23", "unlike the raid earlier this month") is background, and its dates are skipped.
    Sentences are split at stops and line breaks. Resolution as in :func:`mentioned_dates`.
    """
    return foreground(date_mentions(text, published), background_spans(text))


def foreground(found: list[tuple[int, date]], background: list[tuple[int, int]]) -> list[date]:
    """The dates of ``found`` (offset, date) written outside the ``background`` spans."""
    return [day for offset, day in found if not any(start <= offset < end for start, end in background)]


def background_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the sentences of ``text`` that point back to earlier happenings."""
    folded = ascii_lower(text)  # where the lower-case pattern finds what the case-blind one would
    return [(s, e) for s, e in _sentence_bounds(text) if _BACKGROUND_FOLDED.search(folded, s, e) is not None]


def without_background(text: str, spans: list[tuple[int, int]] | None = None) -> str:
    """``text`` with its background sentences left out (``spans``, default :func:`background_spans`)."""
    spans = background_spans(text) if spans is None else spans
    if not spans:
        return text
    kept, cursor = [], 0
    for start, end in spans:
        kept.append(text[cursor:start])
        cursor = end
    kept.append(text[cursor:])
    return "".join(kept)


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in _SENTENCE.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'])|\n+")


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
