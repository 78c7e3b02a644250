"""Compare: fact groups across the outlets of an event, included / omitted / differs, nearest evidence."""

from __future__ import annotations

import pytest

from reporter.compare import compare, group_key, victim_class
from reporter.config import CompareConfig
from reporter.model import Article, Event, Fact, Span, Story


def _article(article_id: str, outlet: str, text: str, duplicate_of: str | None = None) -> Article:
    return Article(
        id=article_id,
        source=article_id,
        text=text,
        outlet=outlet,
        paragraphs=(Span(0, len(text)),),
        duplicate_of=duplicate_of,
        story="s",
        event="s/e1",
    )


def _casualty(article: Article, sentence: str, count: int, victims: str = "people") -> Fact:
    start = article.text.index(sentence)
    return Fact(
        id=f"c-{article.id}-{count}",
        article=article.id,
        kind="casualty",
        start=start,
        end=start + len(sentence),
        evidence=sentence,
        extractor="test",
        confidence=0.9,
        count=count,
        status="killed",
        victims=victims,
    )


A = _article("a", "Alpha", "Two people were killed in the blast. The mayor spoke.")
B = _article("b", "Beta", "Three people were killed in the blast. Roads were closed.")
C = _article("c", "Gamma", "The blast shook the town. Residents fled to the hills.")
D = _article("d", "Delta", "Two people were killed in the blast. The mayor spoke.", duplicate_of="a")
STORY = Story(
    "s",
    "t",
    ("a", "b", "c", "d"),
    ("Alpha", "Beta", "Delta", "Gamma"),
    (Event("s/e1", "e", ("a", "b", "c", "d")),),
)


@pytest.fixture()
def result() -> tuple[list[Fact], list]:  # type: ignore[type-arg]
    facts = [
        _casualty(A, "Two people were killed in the blast.", 2),
        _casualty(B, "Three people were killed in the blast.", 3),
    ]
    return compare([A, B, C, D], [STORY], facts, CompareConfig())


def test_one_group_per_fact_across_outlets(result: tuple[list[Fact], list]) -> None:  # type: ignore[type-arg]
    facts, coverage = result
    assert len(coverage) == 1
    assert {f.group for f in facts} == {coverage[0].group}
    assert all(f.story == "s" for f in facts)


def test_statuses_and_the_duplicate_outlet_left_out(result: tuple[list[Fact], list]) -> None:  # type: ignore[type-arg]
    _, (row,) = result
    # Alpha says 2, Beta 3: one outlet each, and a tie keeps the larger figure as the consensus.
    assert row.outlets == {"Alpha": "differs", "Beta": "included", "Gamma": "omitted"}


def test_an_omission_carries_the_nearest_sentence(result: tuple[list[Fact], list]) -> None:  # type: ignore[type-arg]
    _, (row,) = result
    cell = row.cells["Gamma"]
    assert cell.nearest is not None
    assert cell.nearest.text == "The blast shook the town."
    assert C.text[cell.nearest.start : cell.nearest.end] == cell.nearest.text
    assert 0.0 < cell.nearest.similarity < 1.0
    assert cell.confidence == pytest.approx(1.0 - cell.nearest.similarity, abs=1e-4)


def test_a_close_nearest_sentence_flags_the_omission_as_doubtful() -> None:
    other = _article("e", "Echo", "Two people died in the blast, officials said.")
    facts = [_casualty(A, "Two people were killed in the blast.", 2)]
    story = Story("s", "t", ("a", "e"), ("Alpha", "Echo"), (Event("s/e1", "e", ("a", "e")),))
    _, (row,) = compare([A, other], [story], facts, CompareConfig())
    assert row.outlets["Echo"] == "omitted"
    assert row.cells["Echo"].note and "check" in row.cells["Echo"].note


@pytest.mark.parametrize(
    "victims, expected",
    [
        ("raiders", "combatants"),
        ("two civilians", "people"),
        (None, "people"),
        ("officers", "officers"),
        ("the gunman", "perpetrators"),
    ],
)
def test_victim_classes(victims: str | None, expected: str) -> None:
    assert victim_class(victims) == expected


@pytest.mark.parametrize(
    "fact, key",
    [
        (Fact("q1", "a", "quote", 0, 1, "x", "t", 1.0, speaker="Vyacheslav Gladkov"), "gldkv"),
        (Fact("q2", "a", "quote", 0, 1, "x", "t", 1.0, speaker="Gladkov"), "gldkv"),
        (Fact("d1", "a", "denial", 0, 1, "x", "t", 1.0, denier="Kyiv"), "ukrn"),
        (Fact("d2", "a", "denial", 0, 1, "x", "t", 1.0, denier="Ukraine"), "ukrn"),
        (Fact("l1", "a", "label", 0, 1, "x", "t", 1.0, label="Terrorists"), "terrorist"),
        (Fact("q3", "a", "quote", 0, 1, "x", "t", 1.0, speaker=None), ""),
    ],
)
def test_group_keys_fold_name_variants(fact: Fact, key: str) -> None:
    assert group_key(fact) == key


def test_an_event_where_every_outlet_includes_every_fact_builds_no_similarity_matrix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Nearest sentences are looked for only for omissions; the matrix they come from is built at the
    first one, so an event without omissions (most of a large batch) never pays for it."""
    import reporter.compare as comparing

    built: list[int] = []
    real = comparing.similarity_matrix
    monkeypatch.setattr(comparing, "similarity_matrix", lambda *args: built.append(1) or real(*args))
    story = Story("s", "t", ("a", "b"), ("Alpha", "Beta"), (Event("s/e1", "e", ("a", "b")),))
    facts = [
        _casualty(A, "Two people were killed in the blast.", 2),
        _casualty(B, "Three people were killed in the blast.", 3),
    ]
    _, (row,) = compare([A, B], [story], facts, CompareConfig())
    assert "omitted" not in row.outlets.values()
    assert built == []
    compare([A, B, C], [STORY], facts, CompareConfig())  # Gamma omits: now it is built, once
    assert built == [1]


def test_a_zero_toll_is_its_own_fact_and_never_makes_a_figure_differ() -> None:
    a = _article(
        "a", "Alpha", "A drone was shot down without casualties. Two people were killed by shelling."
    )
    b = _article("b", "Beta", "Two people were killed by shelling on Monday.")
    story = Story("s", "t", ("a", "b"), ("Alpha", "Beta"), (Event("s/e1", "e", ("a", "b")),))
    facts = [
        _casualty(a, "A drone was shot down without casualties.", 0),
        _casualty(a, "Two people were killed by shelling.", 2),
        _casualty(b, "Two people were killed by shelling on Monday.", 2),
    ]
    _facts, coverage = compare([a, b], [story], facts, CompareConfig())
    groups = {c.label: {o: cell.status for o, cell in c.cells.items()} for c in coverage}
    assert groups["2 people killed"] == {"Alpha": "included", "Beta": "included"}
    assert groups["no people killed"] == {"Alpha": "included", "Beta": "omitted"}
