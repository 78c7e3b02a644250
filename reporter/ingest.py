"""Ingest: story folders and JSON Lines corpora in, articles and problems out (an I/O edge).

First version: JSON-record conversion only; folders, encodings and HTML come next.
"""

from __future__ import annotations

from typing import Any

from reporter.model import Article


def from_record(record: dict[str, Any], source: str) -> Article:
    """An article from one JSON object (a JSON Lines line or a ``.json`` file)."""
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError("record has no text")
    published = record.get("published") or record.get("date")
    return Article(
        id=str(record.get("id") or source),
        source=source,
        text=text,
        outlet=str(record.get("outlet") or source),
        outlet_source="manifest" if record.get("outlet") else "filename",
        title=record.get("title"),
        published=str(published)[:10] if published else None,
        url=record.get("url"),
        cluster=record.get("cluster"),
    )
