"""Verification caveats, and sentences that are not. Every sentence is written for the tests."""

from __future__ import annotations

import pytest

from reporter.facts.caveats import extract_caveats
from reporter.model import Article


def _caveats(text: str) -> list[str | None]:
    return [f.attributed_to for f in extract_caveats(Article(id="t", source="t", text=text, outlet="o"))]


@pytest.mark.parametrize(
    "text, who",
    [
        ("Reuters was unable to verify the situation in the region.", "Reuters"),
        ("There was no way to independently confirm the claims.", None),
        ("The footage could not be independently verified.", None),
        ("The report has not been independently confirmed.", None),
        ("CNN could not immediately verify the video.", "CNN"),
        ("The figures cannot be verified.", None),
        ("The BBC has not been able to verify these reports.", "BBC"),
        ("It was impossible to independently verify the toll.", None),
    ],
)
def test_finds_the_caveat(text: str, who: str | None) -> None:
    assert _caveats(text) == [who]


@pytest.mark.parametrize(
    "text",
    [
        "We can confirm that the operation was carried out by our units.",
        "Police confirmed two arrests.",
        "The ministry could not be reached for comment.",
        "Officials verified the identity of the victim.",
        "The spokesperson did not respond to a request for comment.",
        "Police could not confirm the number of victims.",
        "He could not confirm whether the two incidents were related.",
        "That detail has not been confirmed by authorities.",
        '"I cannot confirm that, but we believe it," the lawyer said.',
    ],
)
def test_finds_nothing(text: str) -> None:
    assert _caveats(text) == []


def test_a_source_aside_is_still_a_source() -> None:
    # Regression: ", however," between the source and its verb hid the source.
    assert _caveats("Smith, however, could not yet confirm the number of shots.") == []


def test_a_caveat_deep_in_a_paragraph_among_paragraphs_without_one_is_found_once() -> None:
    """Paragraphs without a caveat are skipped before they are split: the one that has it, in its
    third sentence, must still give it, with the sentence as evidence."""
    from reporter.model import Span

    first = "Shells hit the town overnight. Two houses burned."
    second = "Residents left at dawn. Some went east. The toll could not be independently verified."
    text = f"{first}\n\n{second}"
    article = Article(
        id="t",
        source="t",
        text=text,
        outlet="o",
        paragraphs=(Span(0, len(first)), Span(len(first) + 2, len(text))),
    )
    (fact,) = extract_caveats(article)
    assert fact.evidence == "The toll could not be independently verified."


@pytest.mark.parametrize(
    "text",
    [
        "There was no independent verification of the claims.",
        "The toll could not be independently corroborated.",
        "The video has not been authenticated.",
        "The footage could NOT be independently VERIFIED, the agency said.",
        "Les chiffres n’ont pas pu être vérifiés; the footage could not be verified.",
        "İstanbul footage could not be independently ver\u0131fied.",  # a dotless i is an i to the pattern
    ],
)
def test_the_quick_paragraph_test_lets_every_caveat_through(text: str) -> None:
    """Paragraphs are skipped on a substring test before the pattern: any text the pattern matches
    must pass it (the caveat words are all in it), ASCII or not."""
    from reporter.facts.caveats import _CAVEAT, _may_caveat
    from reporter.model import Span

    assert _CAVEAT.search(text) is not None
    assert _may_caveat(text, Span(0, len(text)))


def test_the_quick_paragraph_test_skips_a_paragraph_without_a_caveat_word() -> None:
    from reporter.facts.caveats import _may_caveat
    from reporter.model import Span

    text = "Shells hit the town overnight. Two houses burned, and nobody was able to say why."
    assert not _may_caveat(text, Span(0, len(text)))
