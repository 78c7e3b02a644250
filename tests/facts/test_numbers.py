"""Number parsing: counts in digits and words, qualifiers, ranges, and the look-alikes that are not counts."""

from __future__ import annotations

import pytest

from reporter.facts.numbers import find_counts, parse_count, word_value


@pytest.mark.parametrize(
    "phrase, value",
    [
        ("two", 2),
        ("twenty-one", 21),
        ("twenty one", 21),
        ("one hundred and twenty-one", 121),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("two dozen", 24),
        ("1,200", 1200),
        ("1.5 million", 1_500_000),
        ("both", 2),
        ("Seventeen", 17),
        ("purple", None),
    ],
)
def test_word_value(phrase: str, value: int | None) -> None:
    assert word_value(phrase) == value


@pytest.mark.parametrize(
    "phrase, value, value_max, qualifier, vague",
    [
        ("at least 50", 50, None, "at least", False),
        ("more than 100", 100, None, "more than", False),
        ("over 40", 40, None, "more than", False),
        ("about 30", 30, None, "about", False),
        ("some 30", 30, None, "about", False),
        ("nearly 20", 20, None, "nearly", False),
        ("up to 12", 12, None, "up to", False),
        ("as many as 9", 9, None, "up to", False),
        ("between 10 and 15", 10, 15, None, False),
        ("two or three", 2, 3, None, False),
        ("several", None, None, None, True),
        ("dozens", None, None, None, True),
        ("hundreds", None, None, None, True),
    ],
)
def test_parse_count(
    phrase: str, value: int | None, value_max: int | None, qualifier: str | None, vague: bool
) -> None:
    count = parse_count(phrase)
    assert count is not None
    assert (count.value, count.value_max, count.qualifier, count.vague) == (
        value,
        value_max,
        qualifier,
        vague,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Fighting for a 2nd Day in the region",
        "amid the 15-month long invasion",
        "they spent $125 million on it",
        "nearly 10 billion rubles on fortifications",
        "a 5-year-old girl and twin 2-year-old boys",
        "the raid of May 22-23",
        "It happened at 8:20 a.m. on the corner",
        "M795 155 mm rounds and 155mm shells",
        "the invasion began in 2022",
        "Harold Quincey, 25, of the town",
        "in the 300 block of Elm Street",
        "at 4120 N. Main Street",
        "on the 15th floor",
        "turn to Channel 7 news",
        "he fired 30 shots",
        "a three-day suspension",
        "no one was there",
        "a 40 percent rise",
    ],
)
def test_not_counts(text: str) -> None:
    assert find_counts(text) == []


def test_offsets_point_at_the_expression() -> None:
    text = "Police said at least 12 people and two dogs"
    found = find_counts(text)
    assert [text[c.start : c.end] for c in found] == ["at least 12", "two"]
