"""GVA: hundreds of look-alike shootings; all articles clustered at once (B-cubed on events)."""

from __future__ import annotations

from pathlib import Path

from evaluation.common import Score, read_jsonl, to_article
from evaluation.events import score_events


def evaluate(data_dir: Path, limit: int | None = None) -> list[Score]:
    records = list(read_jsonl(data_dir / "articles.jsonl"))[:limit]
    gold = {str(r["id"]): frozenset(r.get("clusters") or [r["cluster"]]) for r in records}
    articles = [to_article(r) for r in records]
    return score_events("events GVA", articles, gold, 0.92, "TF-IDF average-link 0.86")
