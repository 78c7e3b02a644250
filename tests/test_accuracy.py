"""The accuracy gate: every evaluation set's scores stay at or above the floors pinned in a file.

Runs the same code as ``make eval`` on the development sets in ../shared/eval; skipped with a message
when that folder is absent. Slow-ish (minutes): deselect with ``-m "not accuracy"`` while iterating.
"""

from __future__ import annotations

import functools
import importlib
import tomllib
from pathlib import Path

import pytest

from evaluation.__main__ import SETS
from evaluation.common import Score, data_root

FLOORS = tomllib.loads((Path(__file__).parent / "accuracy_floors.toml").read_text(encoding="utf-8"))
CASES = [(name, metric, floor) for name, metrics in FLOORS.items() for metric, floor in metrics.items()]

pytestmark = pytest.mark.accuracy


@functools.cache
def _scores(name: str) -> dict[str, Score]:
    folder = data_root() / SETS[name]
    if not folder.is_dir():
        pytest.skip(f"evaluation data absent ({folder}): accuracy gate not run")
    module = importlib.import_module(f"evaluation.{name}")
    return {score.metric: score for score in module.evaluate(folder)}


def test_every_floor_names_a_known_set() -> None:
    assert set(FLOORS) <= set(SETS)


@pytest.mark.parametrize("name, metric, floor", CASES, ids=[f"{n}:{m}" for n, m, _ in CASES])
def test_score_stays_above_its_floor(name: str, metric: str, floor: float) -> None:
    scores = _scores(name)
    assert metric in scores, f"{name} no longer reports {metric!r}; it reports {sorted(scores)}"
    assert scores[metric].score >= floor, f"{name} {metric}: {scores[metric].score:.4f} < floor {floor}"
