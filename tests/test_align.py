"""Alignment groups: hand-made stories for the invariants, and the seed story end to end."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from reporter.align import align, paragraph_scores
from reporter.config import AlignConfig, Config
from reporter.ingest import load
from reporter.model import Alignment, Article, Event, Span, Story
from reporter.pipeline import analyze

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "belgorod"


def _article(
    article_id: str,
    paragraphs: list[str],
    event: str = "s/e1",
    published: str | None = "2023-06-02",
    **more: str,
) -> Article:
    text = "\n\n".join(paragraphs)
    spans, start = [], 0
    for paragraph in paragraphs:
        spans.append(Span(start, start + len(paragraph)))
        start += len(paragraph) + 2
    return Article(
        id=article_id,
        source=article_id,
        text=text,
        outlet=f"outlet {article_id}",
        published=published,
        paragraphs=tuple(spans),
        story="s",
        event=event,
        **more,  # type: ignore[arg-type]
    )


def _story(articles: list[Article]) -> Story:
    events = sorted({a.event for a in articles if a.event})
    return Story(
        id="s",
        title="s",
        articles=tuple(a.id for a in articles),
        outlets=tuple(sorted({a.outlet for a in articles})),
        events=tuple(Event(e, e, tuple(a.id for a in articles if a.event == e)) for e in events),
    )


def _align(articles: list[Article], cfg: AlignConfig | None = None) -> list[Alignment]:
    return align(articles, [_story(articles)], cfg or AlignConfig())


def _groups(alignments: list[Alignment]) -> set[frozenset[tuple[str, int]]]:
    return {frozenset((m.article, m.paragraph) for m in al.members) for al in alignments}


SHELLING = "Two civilians were killed when shells hit the village of Kozinka on Friday, the governor said."
SHELLING_AGAIN = "The governor said two civilians died on Friday when shells struck the village of Kozinka."
QUOTE = '"We are fighting on the outskirts of the village," the legion said on Telegram.'
QUOTE_AGAIN = 'The legion said on Telegram: "We are fighting on the outskirts of the village."'
BUDGET = "The city council approved next year's budget after a long debate."
WEATHER = "Heavy rain is expected across the south of the country this weekend."
HARBOUR = "A fishing boat ran aground near the harbour, but its crew was rescued."


def test_paragraphs_that_share_a_statement_align_and_the_rest_do_not() -> None:
    a = _article("a", [SHELLING, BUDGET, QUOTE])
    b = _article("b", [QUOTE_AGAIN, WEATHER, f"{HARBOUR} {SHELLING_AGAIN}"])
    assert _groups(_align([a, b])) == {
        frozenset({("a", 0), ("b", 2)}),  # the shared sentence sits inside a longer paragraph
        frozenset({("a", 2), ("b", 0)}),
    }


@pytest.mark.parametrize(
    "first, second",
    [
        (BUDGET, WEATHER),  # nothing shared
        (SHELLING, SHELLING.replace("Kozinka", "Shebekino").replace("Friday", "Tuesday")),  # look-alike
        (SHELLING, SHELLING.replace("Two", "Five")),
        (
            "The ministry said its troops had crossed the border.",
            "The ministry said its troops had not crossed the border.",
        ),
    ],
)
def test_look_alike_events_a_week_apart_do_not_align(first: str, second: str) -> None:
    a = _article("a", [first], event="s/e1", published="2023-05-22")
    b = _article("b", [second], event="s/e2", published="2023-06-01")
    assert _align([a, b]) == []


def test_one_event_told_with_different_figures_aligns() -> None:
    # Within one event a differing toll is the same statement told differently; compare shows the figure.
    a = _article("a", [SHELLING])
    b = _article("b", [SHELLING.replace("Two", "Three")])
    assert _groups(_align([a, b])) == {frozenset({("a", 0), ("b", 0)})}


def test_two_events_of_one_day_still_align() -> None:
    # The event split alone is weak evidence (small stories split easily): close dates keep the pair.
    a = _article("a", [SHELLING], event="s/e1", published="2023-06-02")
    b = _article("b", [SHELLING_AGAIN], event="s/e2", published="2023-06-03")
    (alignment,) = _align([a, b])
    assert alignment.event is None
    assert {m.article for m in alignment.members} == {"a", "b"}


def test_a_group_inside_one_event_names_it() -> None:
    (alignment,) = _align([_article("a", [SHELLING]), _article("b", [SHELLING_AGAIN])])
    assert alignment.event == "s/e1"
    assert alignment.story == "s"
    assert alignment.id == "s/a1"


def test_no_group_holds_two_paragraphs_of_one_article() -> None:
    a = _article("a", [SHELLING, SHELLING_AGAIN, QUOTE])
    b = _article("b", [SHELLING_AGAIN, QUOTE_AGAIN])
    c = _article("c", [SHELLING, SHELLING, QUOTE])
    alignments = _align([a, b, c])
    assert alignments
    for alignment in alignments:
        articles = [m.article for m in alignment.members]
        assert len(articles) == len(set(articles)) >= 2
    slots = [(m.article, m.paragraph) for al in alignments for m in al.members]
    assert len(slots) == len(set(slots)), "a paragraph sits in one group at most"


def test_scores_and_confidence_are_in_range() -> None:
    articles = [
        _article("a", [SHELLING, QUOTE, BUDGET]),
        _article("b", [QUOTE_AGAIN, SHELLING_AGAIN]),
        _article("c", [SHELLING, WEATHER]),
    ]
    alignments = _align(articles)
    assert alignments
    for alignment in alignments:
        assert 0.0 < alignment.confidence <= 1.0
        assert all(AlignConfig().threshold <= m.score <= 1.0 for m in alignment.members)
    assert all(0.0 <= s <= 1.0 for s in paragraph_scores(articles).values())


def test_output_is_the_same_whatever_the_input_order() -> None:
    articles = [
        _article("c", [SHELLING, WEATHER]),
        _article("a", [SHELLING, QUOTE, BUDGET]),
        _article("b", [QUOTE_AGAIN, SHELLING_AGAIN]),
    ]
    first = _align(articles)
    assert first == _align(list(reversed(articles)))
    assert [al.id for al in first] == [f"s/a{n}" for n in range(1, len(first) + 1)]


def test_copies_are_folded_under_their_original() -> None:
    original = _article("a", [SHELLING])
    copy = dataclasses.replace(_article("a-copy", [SHELLING]), duplicate_of="a")
    other = _article("b", [SHELLING_AGAIN])
    (alignment,) = _align([original, copy, other])
    assert {m.article for m in alignment.members} == {"a", "b"}
    assert _align([original, copy]) == []


def test_one_strong_pair_does_not_chain_in_a_paragraph_that_matches_nobody_else() -> None:
    # b's paragraph holds two statements: one matches a, the other c; a and c share nothing.
    a = _article("a", [SHELLING])
    b = _article("b", [f"{SHELLING_AGAIN} {QUOTE_AGAIN}"])
    c = _article("c", [QUOTE])
    groups = _groups(_align([a, b, c]))
    assert len(groups) == 1
    assert frozenset({("a", 0), ("b", 0), ("c", 0)}) not in groups
    chained = _groups(_align([a, b, c], AlignConfig(group_threshold=0.0)))
    assert chained == {frozenset({("a", 0), ("b", 0), ("c", 0)})}


def test_a_story_of_one_article_has_no_alignment() -> None:
    assert _align([_article("a", [SHELLING, SHELLING_AGAIN])]) == []


@pytest.fixture(scope="module")
def seeds() -> tuple[list[Alignment], dict[str, Article]]:
    articles, problems = load([EXAMPLE], Config().ingest)
    assert not problems
    analysis = analyze(articles, Config())
    return list(analysis.alignments), {a.id: a for a in analysis.articles}


def test_the_seeds_align_the_legion_quote_across_reuters_and_the_guardian(
    seeds: tuple[list[Alignment], dict[str, Article]],
) -> None:
    alignments, articles = seeds
    quoted = [
        {articles[m.article].outlet for m in al.members}
        for al in alignments
        if all(
            "We have active fighting" in articles[m.article].paragraph_text(m.paragraph) for m in al.members
        )
    ]
    assert any({"Reuters", "The Guardian"} <= outlets for outlets in quoted)


def test_seed_groups_hold_originals_one_paragraph_each(
    seeds: tuple[list[Alignment], dict[str, Article]],
) -> None:
    alignments, articles = seeds
    for alignment in alignments:
        members = [articles[m.article] for m in alignment.members]
        assert all(a.duplicate_of is None for a in members), "copies are folded under their original"
        assert len({a.id for a in members}) == len(members) >= 2
        assert all(0 <= m.paragraph < len(articles[m.article].paragraphs) for m in alignment.members)


def test_candidate_pairs_are_exactly_the_pairs_the_scorer_would_not_zero() -> None:
    """The sparse count of shared words must pick the very pairs the scorer's own gate lets through:
    a pair left out would lose an alignment, a pair of one article would align an outlet with itself."""
    from itertools import combinations

    from reporter.align import _candidates
    from reporter.similarity import MIN_SHARED, prepare

    sentences = [
        ("a", "Two civilians were killed when shells hit Kozinka on Friday."),
        ("a", "The governor said shells hit Kozinka."),
        ("b", "Shells hit Kozinka on Friday, killing two civilians."),
        ("b", "The council approved the budget."),
        ("c", "Residents said the budget was approved by the council on Friday."),
        ("c", "Nothing happened."),
        ("c", ""),
    ]
    owners = [owner for owner, _ in sentences]
    passages = [prepare(text) for _, text in sentences]
    expected = []
    for i, j in combinations(range(len(passages)), 2):
        left, right = set(passages[i].content), set(passages[j].content)
        shorter = min(len(left), len(right))
        if owners[i] != owners[j] and shorter and len(left & right) >= MIN_SHARED * shorter:
            expected.append((i, j))
    assert expected  # the case must hold pairs on both sides of the gate
    assert len(expected) < sum(1 for i, j in combinations(range(7), 2) if owners[i] != owners[j])
    assert _candidates(owners, [p.content for p in passages]) == expected
