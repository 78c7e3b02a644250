"""Dates written in news text: absolute, relative to publication, and background left out."""

from __future__ import annotations

from datetime import date

import pytest

from reporter.dates import (
    absolute_dates,
    background_spans,
    date_mentions,
    find_date,
    mentioned_dates,
    parse_iso,
    reported_dates,
    without_background,
)

FRIDAY = date(2023, 6, 2)


@pytest.mark.parametrize(
    "text, year, expected",
    [
        ("The raid began on May 22, 2023 at dawn.", None, [date(2023, 5, 22)]),
        ("Fighting broke out on 22 May.", 2023, [date(2023, 5, 22)]),
        ("Fighting broke out on 22 May.", None, []),  # no year written or given
        ("Sept. 3rd, 2019 was quiet.", None, [date(2019, 9, 3)]),
        ("Filed 2016-07-17 by staff.", None, [date(2016, 7, 17)]),
        ("The Mayor spoke; nothing else happened.", 2023, []),
        ("February 30, 2023 is no day at all.", None, []),
    ],
)
def test_absolute_dates(text: str, year: int | None, expected: list[date]) -> None:
    assert list(absolute_dates(text, year)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Police said on Friday the suspect fled.", [FRIDAY]),
        ("The shelling on Thursday killed two.", [date(2023, 6, 1)]),
        ("It happened yesterday.", [date(2023, 6, 1)]),
        ("Officials met on Monday.", [date(2023, 5, 29)]),  # the Monday before publication
        ("The vote is due on 20 December.", [date(2022, 12, 20)]),  # a future month-day is last year's
        ("Nobody said when it happened.", []),
    ],
)
def test_weekdays_and_relative_days_resolve_against_publication(text: str, expected: list[date]) -> None:
    assert mentioned_dates(text, FRIDAY) == expected


def test_without_publication_only_dates_with_a_year_count() -> None:
    assert mentioned_dates("On Friday, 3 March, and on March 4, 2021.", None) == [date(2021, 3, 4)]


def test_date_mentions_give_offsets_in_order() -> None:
    text = "On Friday police said the June 1, 2023 raid was over."
    assert date_mentions(text, FRIDAY) == [(3, FRIDAY), (26, date(2023, 6, 1))]


def test_relative_words_can_be_left_out() -> None:
    assert date_mentions("It rained today.", FRIDAY, relative=False) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # Reported: the day the news happened. The earlier raid is background.
        (
            "Rebels said on Friday they were fighting. The attacks follow a major incursion on May 22-23.",
            [FRIDAY],
        ),
        ("Unlike the first raid on 22 May, this one met resistance on Thursday.", []),
        ("The shooting happened on Wednesday.\nLast year a man was shot on Monday.", [date(2023, 5, 31)]),
        ("Nothing dated here. Nor here.", []),
    ],
)
def test_reported_dates_skip_background_sentences(text: str, expected: list[date]) -> None:
    assert reported_dates(text, FRIDAY) == expected


def test_background_spans_and_the_text_without_them() -> None:
    text = "A bus crashed on Monday. It follows a similar crash in May. Two were hurt."
    ((start, end),) = background_spans(text)
    assert text[start:end] == "It follows a similar crash in May."
    assert without_background(text) == "A bus crashed on Monday.  Two were hurt."
    assert without_background("No background at all.") == "No background at all."


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2023-05-23", date(2023, 5, 23)),
        ("2023-05-23T10:00:00", date(2023, 5, 23)),
        ("", None),
        (None, None),
        ("soon", None),
    ],
)
def test_parse_iso(value: str | None, expected: date | None) -> None:
    assert parse_iso(value) == expected


def test_find_date_gives_the_first_absolute_date() -> None:
    assert find_date("Posted June 2, 2023; updated June 3, 2023") == "2023-06-02"
    assert find_date("Posted on Friday") is None


def test_a_leap_day_pushed_into_the_past_does_not_crash() -> None:
    # 29 February read as next year would move to a year without one: it stays as written.
    assert mentioned_dates("due on 29 February", date(2024, 1, 10)) == [date(2024, 2, 29)]


@pytest.mark.parametrize(
    "text",
    [
        "Two were killed on Monday. The attack FOLLOWS a raid on May 22.\nUnlike the İzmir talks, it went well.",
        "İstanbul said so. Earlier this week, the ministry spoke. Nothing else.",
        "No background here at all.",
    ],
)
def test_background_sentences_are_found_as_the_case_blind_pattern_finds_them(text: str) -> None:
    from reporter.dates import _BACKGROUND, _sentence_bounds, background_spans

    expected = [(s, e) for s, e in _sentence_bounds(text) if _BACKGROUND.search(text, s, e)]
    assert background_spans(text) == expected
    assert expected or text.startswith("No")
