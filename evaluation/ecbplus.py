"""ECB+: two look-alike events per topic; all documents clustered at once (B-cubed on events).

Also scored per half (topics by parity), each half clustered as a batch of its own.
"""

from __future__ import annotations

from pathlib import Path

from evaluation.common import Score
from evaluation.events import ecbplus_batch, score_events


def evaluate(data_dir: Path, limit: int | None = None) -> list[Score]:
    articles, gold, half = ecbplus_batch(data_dir, limit)
    return score_events("events ECB+", articles, gold, 0.90, "TF-IDF average-link 0.87", half)
