"""Align: paragraphs that carry the same content across the outlets of one event.

Every paragraph of every original article of an event (copies are folded under their original) is
compared with every paragraph of the other articles (:func:`reporter.similarity.similarity_matrix`).
Pairs at or above ``cfg.threshold`` are joined, best first, into groups that never hold two paragraphs
of one article: an outlet says a thing once, and without that rule a long wire lede would pull every
paragraph of a story into one group.
"""

from __future__ import annotations

from collections.abc import Sequence

from reporter.config import AlignConfig
from reporter.model import Alignment, Article, Member, Story
from reporter.similarity import similarity_matrix


def align(articles: Sequence[Article], stories: Sequence[Story], cfg: AlignConfig) -> list[Alignment]:
    """Alignment groups of every event of ``stories``, in event order, best-scoring group first."""
    by_id = {a.id: a for a in articles}
    found: list[Alignment] = []
    for story in stories:
        for event in story.events:
            members = [by_id[i] for i in event.articles if i in by_id and by_id[i].duplicate_of is None]
            if len(members) > 1:
                found.extend(_align_event(story.id, event.id, members, cfg.threshold))
    return found


def _align_event(story: str, event: str, articles: Sequence[Article], threshold: float) -> list[Alignment]:
    slots = [(a.id, i) for a in sorted(articles, key=lambda a: a.id) for i in range(len(a.paragraphs))]
    texts = [_paragraph(articles, article, index) for article, index in slots]
    scores = similarity_matrix(texts, texts)
    edges = sorted(
        (
            (float(scores[i, j]), i, j)
            for i in range(len(slots))
            for j in range(i + 1, len(slots))
            if slots[i][0] != slots[j][0] and scores[i, j] >= threshold
        ),
        key=lambda edge: (-edge[0], edge[1], edge[2]),
    )
    group_of = list(range(len(slots)))
    groups: dict[int, set[int]] = {i: {i} for i in range(len(slots))}
    for _score, i, j in edges:
        a, b = group_of[i], group_of[j]
        if a == b:
            continue
        if {slots[k][0] for k in groups[a]} & {slots[k][0] for k in groups[b]}:
            continue  # would put two paragraphs of one article in one group
        for k in groups[b]:
            group_of[k] = a
        groups[a] |= groups.pop(b)
    aligned = [sorted(g) for g in groups.values() if len(g) > 1]
    aligned.sort(key=lambda g: (slots[g[0]][0], slots[g[0]][1]))
    result = []
    for n, group in enumerate(aligned, start=1):
        best = {k: max(float(scores[k, m]) for m in group if m != k) for k in group}
        pairs = [float(scores[k, m]) for k in group for m in group if k < m]
        result.append(
            Alignment(
                story=story,
                id=f"{event}/p{n}",
                event=event,
                members=tuple(Member(slots[k][0], slots[k][1], best[k]) for k in group),
                confidence=sum(pairs) / len(pairs),
            )
        )
    return result


def _paragraph(articles: Sequence[Article], article_id: str, index: int) -> str:
    for article in articles:
        if article.id == article_id:
            return article.paragraph_text(index)
    raise KeyError(article_id)
