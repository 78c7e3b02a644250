"""ECB+: two look-alike events per topic; all documents clustered at once (B-cubed on events)."""

from __future__ import annotations

from pathlib import Path

from evaluation.common import Score, read_jsonl, to_article
from evaluation.events import score_events


def evaluate(data_dir: Path, limit: int | None = None) -> list[Score]:
    records = list(read_jsonl(data_dir / "articles.jsonl"))[:limit]
    gold = {str(r["id"]): frozenset({str(r["cluster"])}) for r in records}
    articles = [to_article(r) for r in records]
    return score_events("events ECB+", articles, gold, 0.90, "TF-IDF average-link 0.87")
