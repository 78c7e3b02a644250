"""What every evaluation set shares: where the data is, how a gold record becomes tool input, scores."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reporter.ingest import from_record
from reporter.model import Article


@dataclass(frozen=True, slots=True)
class Score:
    metric: str  # e.g. "quotes: recall"
    score: float
    target: float | None  # the acceptance target, if any
    anchor: str  # what the published tools reach, for context
    n: int = 0  # how many items the score is over


def data_root() -> Path:
    """``../shared/eval`` beside the repository, or ``$REPORTER_EVAL_DATA``."""
    env = os.environ.get("REPORTER_EVAL_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


# Fields of the gold data that must never reach the tool.
GOLD_FIELDS = frozenset({"cluster", "clusters", "topic", "subtopic", "gold_text", "sentences", "split"})


def to_article(record: dict[str, Any], keep_cluster: str | None = None) -> Article:
    """A tool-input article from an eval record, gold fields stripped (``keep_cluster`` sets a story id)."""
    clean = {k: v for k, v in record.items() if k not in GOLD_FIELDS}
    if keep_cluster is not None:
        clean["cluster"] = keep_cluster
    return from_record(clean, source=str(record.get("id")))
