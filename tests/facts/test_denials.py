"""Denials: who denies what, and sentences that deny nothing. Every sentence is written for the tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from reporter import nlp
from reporter.facts.denials import extract_denials
from reporter.model import Article

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(params=["parse", "rules"])
def mode(request: pytest.FixtureRequest) -> Language | None:
    """Each case twice: with spaCy's parse (when installed) and with the rules alone."""
    if request.param == "rules":
        return None
    parser = nlp.load()
    if parser is None:
        pytest.skip("spaCy or its model is not installed")
    return parser


def _denials(text: str, parser: Language | None = None) -> list[tuple[str | None, str | None]]:
    article = Article(id="t", source="t", text=text, outlet="o")
    return [(f.denier, f.denied) for f in extract_denials(article, parser)]


@pytest.mark.parametrize(
    "text, denier, denied",
    [
        ("Rebels attacked the town, backed by Ukraine, which denies involvement.", "Ukraine", "involvement"),
        ("Moscow blamed a raid on saboteurs, a charge Kyiv has denied.", "Kyiv", "charge"),
        ("The ministry denied the reports on Tuesday.", "The ministry", "reports"),
        ("The company has repeatedly denied any wrongdoing.", "The company", "any wrongdoing"),
        ("Hamas rejected the accusations as lies.", "Hamas", None),
        ("The claim was denied by the Pentagon.", "the Pentagon", None),
        ("Officials dismissed reports of a second attack.", "Officials", "a second attack"),
        ("Despite Beijing's denials, the tests went ahead.", "Beijing", None),
        ("He denied that he had been in the city.", "He", "he had been in the city"),
        ("Smith, for his part, has denied the story.", "Smith", "the story"),
        ("Two men were detained after the fight but denied involvement.", "Two men", "involvement"),
        ("The firm, which does not publish its accounts, denied the report.", "The firm", "the report"),
    ],
)
def test_finds_the_denier(mode: Language | None, text: str, denier: str, denied: str | None) -> None:
    found = _denials(text, mode)
    assert len(found) == 1, found
    assert found[0][0] == denier
    if denied is not None:
        assert denied in (found[0][1] or "")


@pytest.mark.parametrize(
    "text",
    [
        "The suspect was denied bail on Monday.",
        "Reporters were denied entry to the site.",
        "The spokesman would neither confirm nor deny the report.",
        "The governor did not deny that troops had moved.",
        "She refused to deny the story.",
        "The court rejected his appeal.",
        "Officials dismissed the staff early.",
        "Denial is not a river in Egypt.",
        "The minister confirmed the figures.",
        "Prosecutors asked the judge to deny Smith any bond.",
        "The court denied the motions on Friday.",
        "She was denied a permit in March.",
        "There is no denying the team had a good run.",
        "Closed primaries deny many voters the right to take part.",
    ],
)
def test_finds_nothing(mode: Language | None, text: str) -> None:
    assert _denials(text, mode) == []


def test_evidence_is_the_sentence() -> None:
    text = "First sentence here. Kyiv denied the claim. Last one."
    (fact,) = extract_denials(Article(id="t", source="t", text=text, outlet="o"))
    assert text[fact.start : fact.end] == fact.evidence == "Kyiv denied the claim."


def test_a_denial_deep_in_a_paragraph_among_paragraphs_without_one_is_found_once() -> None:
    """Paragraphs without a denial verb are skipped before they are split: the one that has it, in
    its third sentence, must still give it, with the sentence as evidence."""
    from reporter.facts.denials import extract_denials
    from reporter.model import Article, Span

    first = "Shells hit the town overnight. Two houses burned."
    second = "Residents left at dawn. Some went east. The ministry denied the reports."
    text = f"{first}\n\n{second}"
    article = Article(
        id="t",
        source="t",
        text=text,
        outlet="o",
        paragraphs=(Span(0, len(first)), Span(len(first) + 2, len(text))),
    )
    (fact,) = extract_denials(article)
    assert fact.evidence == "The ministry denied the reports."
