"""Actor labels: loaded words, stance-marked groups, and the words that only describe.
Every sentence is written for the tests."""

from __future__ import annotations

import pytest

from reporter.facts.labels import extract_labels
from reporter.model import QUOTED, Article
from reporter.text import singular


def _labels(text: str) -> list[str]:
    return [f.label or "" for f in extract_labels(Article(id="t", source="t", text=text, outlet="o"))]


@pytest.mark.parametrize(
    "text, labels",
    [
        ("Moscow says the groups are terrorists.", ["terrorists"]),
        ("A group of pro-Ukrainian forces crossed the border.", ["pro-Ukrainian forces"]),
        ("Officials blamed Ukrainian military saboteurs for the blast.", ["Ukrainian military saboteurs"]),
        ("They say they are Russian volunteers.", ["Russian volunteers"]),
        ("Kremlin-backed separatists shelled the town.", ["Kremlin-backed separatists"]),
        ("The rebel group said it had taken the village.", ["rebel group"]),
        ("Militants stormed the building.", ["Militants"]),
    ],
)
def test_finds_the_label(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


@pytest.mark.parametrize(
    "text",
    [
        "Russian troops moved to the border.",
        "Ukrainian forces shelled the town.",
        "Officials launched an anti-terrorist operation.",
        "The rebel incursion was repelled.",
        "The council met on Tuesday to discuss the budget.",
        "He faces a criminal case.",
    ],
)
def test_finds_nothing(text: str) -> None:
    assert _labels(text) == []


def test_a_quoted_label_is_marked_and_its_actor_found() -> None:
    text = 'Russia says the groups are "terrorists" acting for Kyiv.'
    (fact,) = extract_labels(Article(id="t", source="t", text=text, outlet="o"))
    assert fact.attributed_to == QUOTED
    assert fact.actor == "the groups"
    assert text[fact.quote_start : fact.quote_end] == fact.quote == "terrorists"  # type: ignore[misc]


def test_a_label_in_the_outlets_own_voice_has_no_attribution() -> None:
    (fact,) = extract_labels(Article(id="t", source="t", text="Insurgents attacked.", outlet="o"))
    assert fact.attributed_to is None


@pytest.mark.parametrize(
    "phrase, key",
    [
        ("Terrorists", "terrorist"),
        ("Russian volunteers", "russian volunteer"),
        ("gunmen", "gunman"),
        ("militias", "militia"),
        ("Volunteer Corps", "volunteer corps"),
    ],
)
def test_grouping_key(phrase: str, key: str) -> None:
    assert singular(phrase) == key
