"""Dates written in news text: absolute ("May 23, 2023", "22 May", "June 1") and relative to the
publication date ("on Monday", "yesterday", "last week"). Used for datelines and for telling apart
look-alike events (two raids a week apart).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

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
_WEEKDAY = re.compile(
    r"\b(?:on|last|this|late|early)?\s*(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_RELATIVE = re.compile(r"\b(?P<word>yesterday|today|tonight|last night|this morning)\b", re.IGNORECASE)


def find_date(text: str, year: int | None = None) -> str | None:
    """The first absolute date in ``text`` as ISO, or ``None``."""
    for found in absolute_dates(text, year):
        return found.isoformat()
    return None


def absolute_dates(text: str, year: int | None = None) -> Iterator[date]:
    """Absolute dates written in ``text``; a date without a year takes ``year`` (else it is skipped)."""
    for match in _ISO.finditer(text):
        parsed = _make(int(match["year"]), int(match["month"]), int(match["day"]))
        if parsed:
            yield parsed
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for match in pattern.finditer(text):
            written_year = int(match["year"]) if match["year"] else year
            if written_year is None:
                continue
            parsed = _make(written_year, MONTHS[match["month"].lower().rstrip(".")], int(match["day"]))
            if parsed:
                yield parsed


def mentioned_dates(text: str, published: date | None) -> list[date]:
    """Every date ``text`` refers to, resolving weekdays and "yesterday" against ``published``.

    Weekdays resolve to the most recent such day on or before publication (news reports the past).
    Without a publication date only dates with a written year are returned.
    """
    year = published.year if published else None
    found = list(absolute_dates(text, year))
    if published is None:
        return found
    for match in _WEEKDAY.finditer(text):
        back = (published.weekday() - WEEKDAYS[match["weekday"].lower()]) % 7
        found.append(published - timedelta(days=back))
    for match in _RELATIVE.finditer(text):
        found.append(
            published - timedelta(days=1 if match["word"].lower() in ("yesterday", "last night") else 0)
        )
    # A month-day without a year read as in the future belongs to the previous year.
    return [
        d.replace(year=d.year - 1) if d > published + timedelta(days=2) and d.month > published.month else d
        for d in found
    ]


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
