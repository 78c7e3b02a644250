"""B-cubed scoring of event clusters on hand-made cases."""

from __future__ import annotations

import pytest

from evaluation.bcubed import bcubed


def _gold(**classes: str) -> dict[str, frozenset[str]]:
    return {item: frozenset(labels.split(",")) for item, labels in classes.items()}


@pytest.mark.parametrize(
    "predicted, gold, expected",
    [
        # Perfect.
        ({"a": "1", "b": "1", "c": "2"}, _gold(a="x", b="x", c="y"), (1.0, 1.0, 1.0)),
        # Everything in one cluster: recall perfect, precision (2/3 + 2/3 + 1/3) / 3.
        ({"a": "1", "b": "1", "c": "1"}, _gold(a="x", b="x", c="y"), (5 / 9, 1.0, 2 * (5 / 9) / (1 + 5 / 9))),
        # Every item alone: precision perfect, recall (1/2 + 1/2 + 1) / 3.
        ({"a": "1", "b": "2", "c": "3"}, _gold(a="x", b="x", c="y"), (1.0, 2 / 3, 0.8)),
        # Nothing in common: no score.
        ({"a": "1"}, _gold(b="x"), (0.0, 0.0, 0.0)),
    ],
)
def test_bcubed(
    predicted: dict[str, str], gold: dict[str, frozenset[str]], expected: tuple[float, float, float]
) -> None:
    assert bcubed(predicted, gold) == pytest.approx(expected)


def test_an_item_of_several_gold_classes_is_right_with_any_of_them() -> None:
    # "b" reports both incidents: clustered with "a" it is right, and "a" is right with it.
    predicted = {"a": "1", "b": "1", "c": "2"}
    gold = _gold(a="x", b="x,y", c="y")
    precision, recall, _f1 = bcubed(predicted, gold)
    assert precision == 1.0
    # "b" shares a class with "c" but sits apart from it: b's recall 2/3, c's 1/2.
    assert recall == pytest.approx((1.0 + 2 / 3 + 1 / 2) / 3)


def test_items_missing_from_either_side_are_not_scored() -> None:
    predicted = {"a": "1", "b": "1", "extra": "1"}
    gold = _gold(a="x", b="x", unclustered="y")
    assert bcubed(predicted, gold) == (1.0, 1.0, 1.0)
