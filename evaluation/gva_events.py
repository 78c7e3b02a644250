"""GVA: hundreds of look-alike shootings; all articles clustered at once (B-cubed on events).

Also scored per half (incidents by a salted hash), each half clustered as a batch of its own.
"""

from __future__ import annotations

from pathlib import Path

from evaluation.common import Score
from evaluation.events import gva_batch, score_events


def evaluate(data_dir: Path, limit: int | None = None) -> list[Score]:
    articles, gold, half = gva_batch(data_dir, limit)
    return score_events("events GVA", articles, gold, 0.92, "TF-IDF average-link 0.86", half)
