"""report.json: the machine-readable rendering (schema version 1, ../shared/DESIGN.md).

Field names are a contract: add fields freely, never rename. Output is deterministic: the same
analysis gives the same bytes (sorted keys inside records are not needed; order follows the analysis).
"""

from __future__ import annotations

from typing import Any

from reporter import __version__, jsontext
from reporter.model import Analysis, Article, Coverage, Fact

SCHEMA_VERSION = 1

# Per kind, the fact fields the contract lists (besides the common ones); other kinds' fields stay out.
_KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "casualty": ("count", "count_max", "qualifier", "status", "victims", "attributed_to"),
    "quote": ("speaker", "speaker_role", "cue", "direct", "quote", "quote_start", "quote_end"),
    "denial": ("denier", "denied"),
    "caveat": (),
    "label": ("actor", "label", "attributed_to"),
}


def to_json(analysis: Analysis) -> dict[str, Any]:
    """The report.json document for ``analysis`` as plain Python data."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": f"reporter {__version__}",
        "problems": [{"source": p.source, "reason": p.reason} for p in analysis.problems],
        "articles": [_article(a) for a in analysis.articles],
        "stories": [
            {
                "id": s.id,
                "title": s.title,
                "articles": list(s.articles),
                "outlets": list(s.outlets),
                "events": [
                    {"id": e.id, "label": e.label, "articles": list(e.articles), "date": e.date}
                    for e in s.events
                ],
                "first_published": s.first_published,
                "last_published": s.last_published,
            }
            for s in analysis.stories
        ],
        "alignments": [
            {
                "story": al.story,
                "event": al.event,
                "id": al.id,
                "confidence": round(al.confidence, 4),
                "members": [
                    {"article": m.article, "paragraph": m.paragraph, "score": round(m.score, 4)}
                    for m in al.members
                ],
            }
            for al in analysis.alignments
        ],
        "facts": [_fact(f) for f in analysis.facts],
        "coverage": [_coverage(c) for c in analysis.coverage],
    }


def dumps(analysis: Analysis) -> str:
    """report.json as text: UTF-8 friendly (no ASCII escapes), indented, newline-terminated."""
    return jsontext.dumps(to_json(analysis), indent=1) + "\n"  # json.dumps(..., ensure_ascii=False), faster


def _article(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "outlet": article.outlet,
        "outlet_source": article.outlet_source,
        "title": article.title,
        "published": article.published,
        "url": article.url,
        "story": article.story,
        "event": article.event,
        "duplicate_of": article.duplicate_of,
        "duplicate_score": None if article.duplicate_score is None else round(article.duplicate_score, 4),
        "text": article.text,
        "paragraphs": [[p.start, p.end] for p in article.paragraphs],
        "removed": [[r.start, r.end] for r in article.removed],
    }


def _fact(fact: Fact) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": fact.id,
        "story": fact.story,
        "article": fact.article,
        "group": fact.group,
        "start": fact.start,
        "end": fact.end,
        "evidence": fact.evidence,
        "kind": fact.kind,
        "extractor": fact.extractor,
        "confidence": round(fact.confidence, 4),
    }
    for name in _KIND_FIELDS.get(fact.kind, ()):
        record[name] = getattr(fact, name)
    if fact.kind == "quote":
        record["direct"] = bool(fact.direct)
        record["quote"] = fact.quote or ""
    return record


def _coverage(coverage: Coverage) -> dict[str, Any]:
    return {
        "story": coverage.story,
        "event": coverage.event,
        "group": coverage.group,
        "kind": coverage.kind,
        "label": coverage.label,
        "outlets": coverage.outlets,
        "cells": {
            outlet: {
                "status": cell.status,
                "facts": list(cell.facts),
                "confidence": round(cell.confidence, 4),
                "note": cell.note,
                "nearest": None
                if cell.nearest is None
                else {
                    "article": cell.nearest.article,
                    "start": cell.nearest.start,
                    "end": cell.nearest.end,
                    "text": cell.nearest.text,
                    "similarity": round(cell.nearest.similarity, 4),
                },
            }
            for outlet, cell in coverage.cells.items()
        },
    }
