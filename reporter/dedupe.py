"""Dedupe: syndicated and re-posted copies of one text become ``duplicate_of`` links to an original.

Near-linear: candidate pairs come from an inverted index of word 5-gram shingles (shingles shared by
very many articles, such as stock phrases, are not indexed), never from all pairs. Each candidate pair
is verified on the cleaned bodies by containment: the share of the shorter body's word 3-grams found in
the longer one. A wire story re-posted with page clutter, or cut short, keeps a containment near 1;
two outlets' own reports quoting the same statement share that statement only, far below the threshold.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import chain, combinations

from reporter.config import DedupeConfig
from reporter.model import Article
from reporter.similarity import content_words
from reporter.text import words

INDEX_SHINGLE = 5  # words per shingle for finding candidates
MAX_POSTINGS = 50  # a shingle in more articles than this is a stock phrase, not evidence of copying
MIN_SHARED = 3  # candidate pairs share at least this many indexed shingles


def dedupe(articles: list[Article], cfg: DedupeConfig) -> list[Article]:
    """Articles with ``duplicate_of`` (and ``duplicate_score``) set on every copy but the original.

    The original of a group of copies is the earliest published, then the one with the least removed
    clutter, then the smallest id. Articles given different ``cluster`` ids are never merged.
    """
    bodies = [words(a.body or a.text) for a in articles]
    verify: dict[int, set[int]] = {}  # shingles for verifying, made only for candidates (most have none)
    parent = list(range(len(articles)))
    best_score: dict[int, float] = {}
    titles: dict[int, set[str]] = {}
    for i, j in _candidates(bodies):
        if articles[i].cluster != articles[j].cluster or not _titles_agree(articles, i, j, titles):
            continue
        for k in (i, j):
            if k not in verify:
                verify[k] = _shingles(bodies[k], cfg.shingle_words)
        score = _containment(verify[i], verify[j])
        if score >= cfg.threshold:
            _union(parent, i, j)
            best_score[i] = max(best_score.get(i, 0.0), score)
            best_score[j] = max(best_score.get(j, 0.0), score)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(articles)):
        groups[_find(parent, i)].append(i)
    result = list(articles)
    for members in groups.values():
        if len(members) < 2:
            continue
        original = min(members, key=lambda k: _original_rank(articles[k]))
        for k in members:
            if k != original:
                result[k] = dataclasses.replace(
                    articles[k],
                    duplicate_of=articles[original].id,
                    duplicate_score=round(best_score.get(k, 1.0), 4),
                )
    return result


def _titles_agree(articles: Sequence[Article], i: int, j: int, seen: dict[int, set[str]]) -> bool:
    """False when both titles are known and share no content word: a copy keeps its headline's
    words, and two pages of one site whose scraped "bodies" are the same sign-up box are not copies.
    ``seen`` keeps each title's words (an article is in many candidate pairs)."""
    if not articles[i].title or not articles[j].title:
        return True
    for k in (i, j):
        if k not in seen:
            seen[k] = set(content_words(articles[k].title or ""))
    return bool(seen[i] & seen[j])


def _original_rank(article: Article) -> tuple[str, int, str]:
    return (article.published or "9999-99-99", len(article.removed), article.id)


def _shingles(tokens: Sequence[str], size: int) -> set[int]:
    if len(tokens) < size:
        return {hash(tuple(tokens))} if tokens else set()
    # zip over shifted copies yields each window as a tuple without slicing one out per position
    return set(map(hash, zip(*(tokens[k:] for k in range(size)), strict=False)))  # shorter tails end it


def _candidates(bodies: Sequence[Sequence[str]]) -> list[tuple[int, int]]:
    """Pairs of articles sharing at least ``MIN_SHARED`` indexed shingles, in a stable order."""
    import numpy as np

    # The postings of every shingle at once: (shingle, article) rows sorted, so each shingle's
    # articles are one run, in article order. Appending to a list per shingle was the costliest part
    # of dedupe on large corpora.
    found = [_shingles(tokens, INDEX_SHINGLE) for tokens in bodies]
    sizes = [len(own) for own in found]
    shingles = np.fromiter(chain.from_iterable(found), dtype=np.int64, count=sum(sizes))
    owners = np.repeat(np.arange(len(found), dtype=np.int64), sizes)
    order = np.lexsort((owners, shingles))
    shingles, owners = shingles[order], owners[order]
    starts = np.flatnonzero(np.r_[True, shingles[1:] != shingles[:-1]]) if len(shingles) else shingles
    lengths = np.diff(np.r_[starts, len(shingles)])
    indexed = (lengths > 1) & (lengths <= MAX_POSTINGS)
    shared: Counter[tuple[int, int]] = Counter()
    for start, length in zip(starts[indexed].tolist(), lengths[indexed].tolist(), strict=True):
        shared.update(combinations(owners[start : start + length].tolist(), 2))
    small = {i for i, tokens in enumerate(bodies) if len(tokens) < INDEX_SHINGLE * MIN_SHARED}
    return sorted(
        pair for pair, n in shared.items() if n >= MIN_SHARED or pair[0] in small or pair[1] in small
    )


def _containment(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    smaller, larger = (a, b) if len(a) <= len(b) else (b, a)
    return len(smaller & larger) / len(smaller)


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union(parent: list[int], i: int, j: int) -> None:
    root_i, root_j = _find(parent, i), _find(parent, j)
    if root_i != root_j:
        parent[max(root_i, root_j)] = min(root_i, root_j)
