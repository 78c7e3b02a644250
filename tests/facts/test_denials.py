"""Denials: who denies what, and sentences that deny nothing. Every sentence is written for the tests."""

from __future__ import annotations

import pytest

from reporter.facts.denials import extract_denials
from reporter.model import Article


def _denials(text: str) -> list[tuple[str | None, str | None]]:
    article = Article(id="t", source="t", text=text, outlet="o")
    return [(f.denier, f.denied) for f in extract_denials(article)]


@pytest.mark.parametrize(
    "text, denier, denied",
    [
        ("Rebels attacked the town, backed by Ukraine, which denies involvement.", "Ukraine", "involvement"),
        ("Moscow blamed a raid on saboteurs, a charge Kyiv has denied.", "Kyiv", "a charge"),
        ("The ministry denied the reports on Tuesday.", "The ministry", "the reports on Tuesday"),
        ("The company has repeatedly denied any wrongdoing.", "The company", "any wrongdoing"),
        ("Hamas rejected the accusations as lies.", "Hamas", "as lies"),
        ("The claim was denied by the Pentagon.", "the Pentagon", None),
        ("Officials dismissed reports of a second attack.", "Officials", "of a second attack"),
        ("Despite Beijing's denials, the tests went ahead.", "Beijing", None),
        ("He denied that he had been in the city.", "He", "he had been in the city"),
    ],
)
def test_finds_the_denier(text: str, denier: str, denied: str | None) -> None:
    found = _denials(text)
    assert len(found) == 1, found
    assert found[0][0] == denier
    if denied is not None:
        assert found[0][1] == denied


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
    ],
)
def test_finds_nothing(text: str) -> None:
    assert _denials(text) == []


def test_evidence_is_the_sentence() -> None:
    text = "First sentence here. Kyiv denied the claim. Last one."
    (fact,) = extract_denials(Article(id="t", source="t", text=text, outlet="o"))
    assert text[fact.start : fact.end] == fact.evidence == "Kyiv denied the claim."
