"""Number parsing: counts in digits and words, qualifiers, ranges, and the look-alikes that are not counts."""

from __future__ import annotations

import re

import pytest

from reporter.facts.numbers import find_counts, opens_count, parse_count, word_value


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
        ("two thousand five hundred", 2500),
        ("two three", None),  # two units in a row are no number
        ("twenty thirty", None),
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
        ("a dozen", 12, None, None, False),
        ("two", 2, None, None, False),
        ("no fewer than 7", 7, None, "at least", False),
        ("an estimated 300", 300, None, "about", False),
        ("fewer than 10", 10, None, "fewer than", False),
        ("a few", None, None, None, True),
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
        # sports, sentences, ages, weapons, names and phone numbers
        "he shot a 3-pointer at the buzzer",
        "the Bulls won 102-98 on Sunday",
        "a 2-1 win over the visitors",
        "he scored 30 points and 12 rebounds",
        "hit a 3-run homer",
        "he got a two-year sentence",
        "he turned 34 on Monday",
        "kids under the age of 12",
        "Carlos, then 18, was",
        "a 12-gauge shotgun",
        "a 911 call came in",
        "the 7-Eleven store",
        "on Jan. 17, 2016 at noon",
        "a $6,000 reward",
    ],
)
def test_not_counts(text: str) -> None:
    assert find_counts(text) == []


def test_offsets_point_at_the_expression() -> None:
    text = "Police said at least 12 people and two dogs"
    found = find_counts(text)
    assert [text[c.start : c.end] for c in found] == ["at least 12", "two"]


def test_the_second_age_of_a_list_is_no_count_but_the_people_are() -> None:
    text = "two victims, ages 19 and 24, were found"
    assert [(text[c.start : c.end], c.value) for c in find_counts(text)] == [("two", 2)]


def test_given_word_starts_give_the_same_counts() -> None:
    text = "At least 12 people and some 30 others, about half a dozen of them children, were hurt."
    starts = [m.start() for m in re.finditer(r"[A-Za-z]+|[0-9]+", text) if opens_count(m.group())]
    assert find_counts(text, 0, len(text), starts) == find_counts(text)
    assert [text[c.start : c.end] for c in find_counts(text)] == [
        "At least 12",
        "some 30",
        "about half a dozen",
    ]
