"""The PolNeAR scorer on tiny hand-made cases: half-overlap of the shorter span, speaker name words."""

from __future__ import annotations

import pytest

from evaluation.polnear import Found, Gold, Tally, half, located, name_words, overlaps, read_gold, tally
from reporter.model import Fact


def _fact(article: str, start: int, end: int, quote: str, speaker: str | None) -> Fact:
    return Fact(
        id=f"{article}-{start}", article=article, kind="quote", start=start, end=end, evidence="",
        extractor="quotes", confidence=0.9, quote=quote, speaker=speaker,
    )  # fmt: skip


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ((0, 10), (0, 10), 10),
        ((0, 10), (5, 8), 3),  # the shorter lies inside the longer
        ((0, 10), (5, 15), 5),  # exactly half of the shorter
        ((0, 10), (6, 16), 0),  # less than half
        ((0, 4), (4, 9), 0),  # touching is not overlapping
    ],
)
def test_overlaps_needs_half_of_the_shorter(a: tuple[int, int], b: tuple[int, int], expected: int) -> None:
    assert overlaps(*a, *b) == expected


def test_a_quote_is_scored_on_its_text_inside_the_evidence() -> None:
    text = "He said the plan works. The plan works."
    fact = _fact("a", 0, 23, "the plan works", "Ada")
    (found,) = located([fact], {"a": text})
    assert (found.start, found.end) == (8, 22)
    missing = _fact("a", 0, 23, "not in the text", None)
    (fallback,) = located([missing], {"a": text})
    assert (fallback.start, fallback.end) == (0, 23)


def test_recall_precision_and_speakers() -> None:
    gold = [
        Gold("a", 0, 20, "Senator Ada Moss"),  # found, speaker right ("Moss")
        Gold("a", 30, 50, "the spokesman"),  # found, no name: not in speaker accuracy
        Gold("a", 60, 80, "Trump"),  # found, speaker wrong
        Gold("a", 90, 99, None),  # missed
    ]
    found = [
        Found("a", 2, 18, "Moss"),
        Found("a", 35, 60, None),
        Found("a", 60, 70, "Clinton"),
        Found("a", 200, 210, "Ada Moss"),  # no gold here: wrong
    ]
    counts = tally(gold, found, ["a"])
    assert counts == Tally(gold=4, found_gold=3, tool=4, correct_tool=3, named=2, named_right=1)
    assert (counts.recall, counts.precision, counts.speaker_accuracy) == (0.75, 0.75, 0.5)
    assert counts.f1 == pytest.approx(0.75)


def test_nothing_found_scores_zero_not_an_error() -> None:
    counts = tally([Gold("a", 0, 5, "X")], [], ["a"])
    assert (counts.recall, counts.precision, counts.f1, counts.speaker_accuracy) == (0.0, 0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    "speaker, expected",
    [
        ("Donald Trump", {"donald", "trump"}),
        ("Ms. White", {"white"}),
        ("Trump's campaign", {"trump"}),
        ("One tweet", set()),  # a capitalised function word at a sentence start is no name
        ("he", set()),
        (None, set()),
    ],
)
def test_name_words(speaker: str | None, expected: set[str]) -> None:
    assert name_words(speaker) == expected


def test_gold_rows_outside_the_scored_articles_or_without_content_are_skipped() -> None:
    rows = [
        {"article_id": "a", "char_start": 0, "char_end": 4, "speaker": "X"},
        {"article_id": "b", "char_start": 0, "char_end": 4, "speaker": "Y"},
        {"article_id": "a", "char_start": 5, "char_end": 5, "speaker": "Z"},
        {"article_id": "a", "char_start": None, "char_end": 9, "speaker": None},
    ]
    assert read_gold(rows, {"a"}) == [Gold("a", 0, 4, "X")]


def test_halves_are_stable_and_both_used() -> None:
    ids = [f"article-{i}" for i in range(40)]
    assert {half(i) for i in ids} == {"tune", "check"}
    assert [half(i) for i in ids] == [half(i) for i in ids]
