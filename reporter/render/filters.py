"""Number and date formatting for the templates, registered in one place (:data:`FILTERS`).

Every filter takes plain values and returns plain text (escaped by jinja2 like any other text), so a
template never formats a number itself and every report formats them alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def number(value: Any) -> str:
    """An integer with thin grouping: 12345 -> "12,345"; None -> "–"."""
    if value is None:
        return "–"
    return f"{int(value):,}"


def percent(value: Any, digits: int = 0) -> str:
    """A share 0..1 as a percentage: 0.456 -> "46%"; None -> "–"."""
    if value is None:
        return "–"
    return f"{float(value) * 100:.{digits}f}%"


def score(value: Any) -> str:
    """A similarity or confidence 0..1 with two decimals: "0.62"; None -> "–"."""
    if value is None:
        return "–"
    return f"{float(value):.2f}"


def date(value: Any) -> str:
    """An ISO date as a reader says it: "2023-05-22" -> "22 May 2023"; None -> "undated".

    Anything that is not an ISO date is shown as given (it came from the input).
    """
    if not value:
        return "undated"
    try:
        day = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def date_range(first: Any, last: Any) -> str:
    """ "22 May 2023 – 2 Jun 2023", or one date when both are the same."""
    if first == last:
        return date(first)
    return f"{date(first)} – {date(last)}"


def plural(count: Any, word: str, many: str | None = None) -> str:
    """ "1 article", "3 articles" (``many`` for irregular plurals)."""
    n = int(count)
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def clip(value: Any, limit: int = 160) -> str:
    """Text cut at a word boundary near ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(str(value).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


FILTERS: dict[str, Callable[..., str]] = {
    "clip": clip,
    "number": number,
    "percent": percent,
    "score": score,
    "date": date,
    "date_range": date_range,
    "plural": plural,
}
