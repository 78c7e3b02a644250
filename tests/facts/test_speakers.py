"""Speakers across a story: one canonical name per person, only where the texts support the merge.

Every sentence here is written for the tests (none comes from the evaluation data).
"""

from __future__ import annotations

import pytest

from reporter.facts.quotes import extract_quotes
from reporter.facts.speakers import _OFFICE, _has_office, canonical_speakers
from reporter.model import Article, Fact, Span


def _article(article_id: str, text: str) -> Article:
    return Article(
        id=article_id, source=article_id, text=text, outlet=article_id, paragraphs=(Span(0, len(text)),)
    )


def _story(*texts: str) -> dict[str, list[str | None]]:
    """Each article's quote speakers after story-level resolution."""
    articles = [_article(f"a{i}", text) for i, text in enumerate(texts)]
    facts: list[Fact] = [f for a in articles for f in extract_quotes(a)]
    out: dict[str, list[str | None]] = {a.id: [] for a in articles}
    for fact in canonical_speakers(facts, articles):
        out[fact.article].append(fact.speaker)
    return out


def test_a_surname_joins_the_full_name_another_outlet_prints() -> None:
    found = _story(
        "Governor Marek Dolny said the bridge was closed.",
        "“The bridge is closed,” Dolny said.",
    )
    assert found == {"a0": ["Marek Dolny"], "a1": ["Marek Dolny"]}


@pytest.mark.parametrize("first, second", [("Andriy", "Andrey"), ("Oleksandr", "Aleksandr")])
def test_transliterations_of_one_name_are_one_speaker(first: str, second: str) -> None:
    found = _story(
        f"“We confirm the strike,” {first} Hrytsenko, a military spokesman, told reporters.",
        f"{second} Hrytsenko said the strike had been confirmed.",
    )
    assert found["a0"] == found["a1"]


def test_a_description_becomes_the_name_whose_role_another_article_gives() -> None:
    found = _story(
        "Belgorod governor Vyacheslav Gladkov said two people had been killed.",
        "The governor of Russia's Belgorod region said shelling had hit the town.",
    )
    assert found["a1"] == ["Vyacheslav Gladkov"]


def test_a_description_stays_when_no_article_names_that_role() -> None:
    found = _story(
        "Belgorod governor Vyacheslav Gladkov said two people had been killed.",
        "The mayor of Shebekino said the town was being evacuated.",
    )
    assert found["a1"] == ["The mayor of Shebekino"]


def test_two_people_of_one_surname_keep_a_bare_surname_apart() -> None:
    found = _story(
        "Hillary Clinton said the plan would pass. Bill Clinton said the plan was fair.",
        "Clinton said the vote would be close.",
    )
    assert found["a0"] == ["Hillary Clinton", "Bill Clinton"]
    assert found["a1"] == ["Clinton"]


def test_other_facts_pass_through_unchanged() -> None:
    article = _article("a", "Police said nothing.")
    other = Fact(
        id="c", article="a", kind="caveat", start=0, end=6, evidence="Police", extractor="x", confidence=1.0
    )
    assert canonical_speakers([other], [article]) == [other]


def test_regression_a_country_keeps_its_voice_beside_a_body_named_after_it() -> None:
    # "Legion of Free Ruthenia" once keyed on "Ruthenia" and took every bare "Ruthenia" quote
    found = _story(
        "Ruthenia says the raiders are terrorists.",
        "The Legion of Free Ruthenia said its fighters had crossed the river.",
    )
    assert found["a0"] == ["Ruthenia"]
    assert found["a1"] == ["Legion of Free Ruthenia"]


def test_a_shortened_body_name_joins_the_one_body_that_holds_it() -> None:
    found = _story(
        "The Freedom of Ruthenia Legion said the village was taken.",
        "The Ruthenia Legion said the village was taken on Monday.",
    )
    assert found["a1"] == ["Freedom of Ruthenia Legion"]


@pytest.mark.parametrize(
    "chunk, found",
    [
        ("The GOVERNOR of the region spoke.", True),
        ("Belgorod Governor Vyacheslav Gladkov said so.", True),
        ("A spokeswoman declined to comment.", True),
        ("The Governor, Müller, spoke.", True),  # not ASCII
        ("The old ſpokesman spoke.", True),  # a long s is an s to the case-blind expression
        ("İstanbul’s MAYOR spoke.", True),  # İ lower-cases to two characters: offsets must hold
        ("Le président Müller a parlé au maire.", False),
        ("Troops shelled the village; nobody was hurt.", False),
        ("", False),
    ],
)
def test_the_office_word_test_agrees_with_the_case_blind_expression(chunk: str, found: bool) -> None:
    """Paragraphs without an office word skip role learning: the fast test must find what the
    case-blind expression finds, on ASCII text and off it."""
    assert _has_office(chunk, Span(0, len(chunk))) is found
    assert (_OFFICE.search(chunk) is not None) is found
