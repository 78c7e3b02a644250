"""Shared by the event-clustering sets: run the corpus-wide phase and score events with B-cubed."""

from __future__ import annotations

from collections.abc import Sequence

from evaluation.bcubed import bcubed
from evaluation.common import Score
from reporter.config import Config
from reporter.model import Article
from reporter.pipeline import group


def score_events(
    name: str, articles: Sequence[Article], gold: dict[str, frozenset[str]], target: float, anchor: str
) -> list[Score]:
    """Cluster all ``articles`` in one batch (no ``cluster`` given) and score ``articles[].event``.

    Uses ``reporter.pipeline.group``: clean, dedupe and cluster, the phase that decides events (a
    duplicate carries its original's event). The per-story phase does not change events.
    """
    grouped, _stories = group(list(articles), Config(), lambda _stage: None)
    predicted = {a.id: a.event or a.id for a in grouped}
    precision, recall, f1 = bcubed(predicted, gold)
    n = len(gold)
    return [
        Score(f"{name}: B-cubed F1", f1, target, anchor, n),
        Score(f"{name}: B-cubed precision", precision, None, "", n),
        Score(f"{name}: B-cubed recall", recall, None, "", n),
    ]
