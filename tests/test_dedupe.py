"""Dedupe: copies found, look-alikes kept apart, and the candidate index equal to its plain definition."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from itertools import combinations

import pytest

from reporter.config import DedupeConfig
from reporter.dedupe import INDEX_SHINGLE, MAX_POSTINGS, MIN_SHARED, _candidates, _shingles, dedupe
from reporter.model import Article, Span
from reporter.text import words

WIRE = (
    "Firefighters battled a blaze at a timber yard on the edge of Millbrook for six hours on Tuesday, "
    "the county fire service said. Nobody was hurt, but smoke drifted over the ring road and drivers "
    "were told to keep their windows shut. The owner of the yard, Tomas Vell, said the fire started in "
    "a shed where sawdust was stored and spread to stacks of pine boards within minutes. Investigators "
    "will return on Wednesday to look for the cause, a spokeswoman for the service said."
)
OWN_REPORT = (
    "Smoke from a timber yard fire hung over Millbrook on Tuesday evening as residents on the north side "
    'kept their children indoors. "Nobody was hurt," the county fire service said, adding that six '
    "crews had worked through the afternoon. Local councillor Ann Prys called for a review of storage "
    "rules at the yard, which sits beside a primary school."
)


def _article(
    article_id: str, text: str, title: str | None = "Timber yard fire in Millbrook", **more: object
) -> Article:
    article = Article(id=article_id, source=article_id, text=text, outlet=article_id, title=title)
    return dataclasses.replace(article, paragraphs=(Span(0, len(text)),), **more)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "second, copy",
    [
        (WIRE + " Share this story. Sign up for our newsletter.", True),  # re-post with clutter
        (WIRE[: WIRE.index(" Investigators")], True),  # cut short
        (OWN_REPORT, False),  # another outlet's own report quoting one statement
        ("The council approved the budget for the new swimming pool on Monday.", False),
    ],
)
def test_copies_are_linked_and_own_reports_are_not(second: str, copy: bool) -> None:
    found = dedupe([_article("a", WIRE), _article("b", second)], DedupeConfig())
    assert found[0].duplicate_of is None
    assert (found[1].duplicate_of == "a") is copy


def test_articles_of_different_given_clusters_are_never_copies() -> None:
    found = dedupe([_article("a", WIRE, cluster="one"), _article("b", WIRE, cluster="two")], DedupeConfig())
    assert all(a.duplicate_of is None for a in found)


def test_pages_whose_titles_share_no_word_are_not_copies() -> None:
    box = "Sign up for our morning newsletter and get the day's top stories in your inbox every weekday."
    found = dedupe(
        [_article("a", box, title="Budget vote delayed"), _article("b", box, title="Flood warning")],
        DedupeConfig(),
    )
    assert all(a.duplicate_of is None for a in found)


def test_the_earliest_published_copy_is_the_original() -> None:
    found = dedupe(
        [_article("a", WIRE, published="2024-03-06"), _article("b", WIRE, published="2024-03-05")],
        DedupeConfig(),
    )
    assert [a.duplicate_of for a in found] == ["b", None]


@pytest.mark.parametrize("tokens", [[], ["one"], ["a", "b", "c", "d"], words(WIRE)])
def test_shingles_are_the_windows_of_the_tokens(tokens: list[str]) -> None:
    size = 5
    if len(tokens) < size:
        expected = {hash(tuple(tokens))} if tokens else set()
    else:
        expected = {hash(tuple(tokens[k : k + size])) for k in range(len(tokens) - size + 1)}
    assert _shingles(tokens, size) == expected


def test_candidates_are_the_pairs_the_postings_define() -> None:
    """The sorted-array index must give what per-shingle postings lists give: shared shingles counted
    only for shingles in 2 to MAX_POSTINGS articles; short bodies paired on any shared shingle."""
    stock = "the investigation is ongoing police said on the night"
    bodies = [
        words(t) for t in (WIRE, WIRE[:200], OWN_REPORT, f"{stock} {OWN_REPORT}", "nobody was hurt", "")
    ]
    bodies += [words(f"{stock} item {n}") for n in range(MAX_POSTINGS + 2)]  # a shingle in too many
    postings: dict[int, list[int]] = defaultdict(list)
    for i, tokens in enumerate(bodies):
        for shingle in _shingles(tokens, INDEX_SHINGLE):
            postings[shingle].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for members in postings.values():
        if 1 < len(members) <= MAX_POSTINGS:
            shared.update(combinations(members, 2))
    small = {i for i, tokens in enumerate(bodies) if len(tokens) < INDEX_SHINGLE * MIN_SHARED}
    expected = sorted(p for p, n in shared.items() if n >= MIN_SHARED or small & set(p))
    assert (0, 1) in expected and (0, 2) not in expected
    assert _candidates(bodies) == expected
    assert _candidates([]) == []
