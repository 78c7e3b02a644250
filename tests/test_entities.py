"""Names in text, and one key for the spellings of one name."""

from __future__ import annotations

import pytest

from reporter.entities import canonical_actor, name_key, name_keys, names, person_key


@pytest.mark.parametrize(
    "variants",
    [
        ("Graivoron", "Grayvoron", "Gravoron"),
        ("Andriy", "Andrey"),
        ("Zelensky", "Zelenskyy", "Zelenskiy"),
        ("Shebekino", "Shebekino"),
        ("Kharkiv", "Kharkov"),
        ("Tavolzhanka", "Tavolzhanka"),
    ],
)
def test_transliteration_variants_share_a_key(variants: tuple[str, ...]) -> None:
    assert len({name_key(v) for v in variants}) == 1


@pytest.mark.parametrize(
    "left, right",
    [
        ("Graivoron", "Shebekino"),
        ("Kozinka", "Kharkiv"),
        ("Peskov", "Putin"),
        ("Ohio", "Iowa"),  # short names keep their letters: a skeleton of four letters collides
    ],
)
def test_different_names_keep_different_keys(left: str, right: str) -> None:
    assert name_key(left) != name_key(right)


def test_accents_and_case_do_not_matter() -> None:
    assert name_key("Zürich") == name_key("ZURICH") == name_key("zurich")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Governor Vyacheslav Gladkov said on Monday.", ["Governor Vyacheslav Gladkov"]),
        ("The Freedom of Russia Legion posted a video.", ["Freedom of Russia Legion"]),
        ("The attack came on Friday in May.", []),  # weekdays, months and sentence-initial words
        ("police said nothing.", []),
        ("On Monday Gladkov spoke to Mr Peskov.", ["Gladkov", "Peskov"]),
    ],
)
def test_names(text: str, expected: list[str]) -> None:
    assert list(names(text)) == expected


def test_name_keys_fold_variants_in_running_text() -> None:
    assert name_keys("forces entered Grayvoron.") == name_keys("heavy fighting in Graivoron.") == {"grvrn"}


@pytest.mark.parametrize(
    "name, expected",
    [("Kyiv", "Ukraine"), ("the Kremlin", "Russia"), (" Moscow, ", "Russia"), ("Belgorod", "Belgorod")],
)
def test_canonical_actor(name: str, expected: str) -> None:
    assert canonical_actor(name) == expected


@pytest.mark.parametrize(
    "left, right",
    [
        ("Vyacheslav Gladkov", "Gladkov"),
        ("Governor Vyacheslav Gladkov", "Gladkov"),
        ("Andriy Yusov", "Andrey Yusov"),
        ("Kyiv", "Ukraine"),
    ],
)
def test_person_key_joins_lengths_and_spellings_of_one_name(left: str, right: str) -> None:
    assert person_key(left) == person_key(right)


def test_person_key_keeps_different_people_apart() -> None:
    assert person_key("Dmitry Peskov") != person_key("Vladimir Putin")
