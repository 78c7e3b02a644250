"""Who published an article, and when, read from the text itself when no manifest says so.

Only credit cues that name the publisher count: a wire dateline ("(Reuters) -", "(AP) —") or a wire
credit line ("Reporting by ...; editing by ..." is Reuters' house style). A source cited in the story
("told CNN") is not the publisher.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from reporter.dates import find_date

# Dateline credits: "KYIV (Reuters) - ..." / "(AP) — ..." near the start of a line.
_DATELINE = re.compile(
    r"^[^\n]{0,60}?\((Reuters|AP|AFP|Bloomberg|CNN|UPI|dpa|Xinhua|TASS|Interfax)\)\s*[-–—]+",
    re.MULTILINE,
)
_DATELINE_NAMES = {
    "Reuters": "Reuters",
    "AP": "Associated Press",
    "AFP": "AFP",
    "Bloomberg": "Bloomberg",
    "CNN": "CNN",
    "UPI": "UPI",
    "dpa": "dpa",
    "Xinhua": "Xinhua",
    "TASS": "TASS",
    "Interfax": "Interfax",
}
# Credit lines at the end of wire copy.
_CREDITS = (
    (
        re.compile(r"^\(?Reporting by [^\n]{3,200}?(?:[Ee]diting by|Writing by)[^\n]*$", re.MULTILINE),
        "Reuters",
    ),
    (
        re.compile(r"^[^\n]{0,80}Associated Press (?:writers?|reporters?) [^\n]*contributed", re.MULTILINE),
        "Associated Press",
    ),
    (re.compile(r"^[^\n]{0,40}Copyright \d{4} The Associated Press", re.MULTILINE), "Associated Press"),
)
# A site's own promo or feed footer names the site: "Read more exclusive news from Political IQ.",
# "The post <title> appeared first on <site>." (WordPress feeds).
_PROMOS = (
    re.compile(
        r"^Read more (?:exclusive |of our )?(?:news|stories|articles) (?:from|at|on) ([A-Z][\w .&'-]{1,40}?)\.?$",
        re.MULTILINE,
    ),
    re.compile(r"^The post .{3,300} appeared first on ([A-Z][\w .&'-]{1,40}?)\.?\s*$", re.MULTILINE),
)


def infer(text: str) -> str | None:
    """The publisher named by a dateline, wire credit or site promo in ``text``, or ``None``.

    A source the story cites ("told CNN", "CNN reported") is not its publisher and is not taken.
    """
    match = _DATELINE.search(text[:3000])
    if match:
        return _DATELINE_NAMES[match.group(1)]
    for pattern, name in _CREDITS:
        if pattern.search(text):
            return name
    for promo in _PROMOS:
        found = promo.search(text)
        if found:
            return found.group(1).strip()
    return None


def from_url(url: str | None) -> str | None:
    """The site an article's URL is on ("https://www.example.com/a" -> "example.com"), or ``None``."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    host = host.removeprefix("www.").removeprefix("m.")
    return host if "." in host else None


def dateline_date(text: str) -> str | None:
    """A publication date written on its own line near the top ("May 23, 2023"), as ISO, or ``None``."""
    for line in text.splitlines()[:12]:
        stripped = line.strip()
        if 6 <= len(stripped) <= 40:
            found = find_date(stripped)
            if found:
                return found
    return None


_NAVIGATION = re.compile(
    r"^(skip to (main )?content|menu|home|search|your cart is empty|sign in|subscribe)$", re.I
)


def is_boilerplate_title(line: str) -> bool:
    """Whether a first line is page furniture rather than a headline."""
    return bool(_NAVIGATION.match(line.strip()))
