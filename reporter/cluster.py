"""Cluster: articles into events (one happening each), and events into stories.

A story is what an editor calls one story (the Belgorod border raids); an event is one happening in
it (the raid of 22 May, the raid of 1 June). Look-alike events share most of their words, so events
are told apart by what differs: names and places (spelling variants folded by
:func:`reporter.entities.name_key`), numbers (ages, tolls, street blocks), and dates (publication, the
dates the lede reports, every date the text mentions: a follow-up names the day of the shooting).

How:

1. Each article becomes TF-IDF vectors over five fields (words, names, numbers, title words,
   weekdays), the idf fitted on the batch. Terms found in one article only are dropped: they cannot
   match anything, and leaving them in makes every cosine depend on the size of the batch.
2. Candidate pairs come from blocking: each article keeps the articles it shares the most rare
   weight with (terms in at most ``MAX_POSTINGS`` articles), at most ``NEIGHBOURS`` of them. The
   number of pairs grows linearly with the batch, never as all pairs.
3. Each candidate pair gets a probability of reporting one event: gradient-boosted trees over the
   field cosines, the date distances, and how the pair ranks among each article's neighbours (a pair
   that is each other's best match is stronger evidence than the same cosine among many), each
   feature monotone in its evidence. The trees were fitted on development data by
   ``python -m evaluation.events --fit`` and ship as data (``reporter/data/same_event.json``).
4. Events are average-link clusters of those probabilities (a missing pair counts as 0), stopped at
   ``event_threshold``. Stories are average-link clusters of events on plain text similarity,
   stopped at the looser ``story_threshold``.

Articles given a ``cluster`` keep it as their story and are only split into events (never merged
with articles outside it); duplicates join their original's event. Everything is deterministic.
"""

from __future__ import annotations

import dataclasses
import functools
import heapq
import itertools
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from reporter.config import ClusterConfig
from reporter.dates import (
    WEEKDAYS,
    background_spans,
    date_mentions,
    foreground,
    parse_iso,
    without_background,
)
from reporter.entities import name_key, names
from reporter.model import Article, Event, Story
from reporter.similarity import STOP_WORDS, stem

FIELDS = ("words", "names", "numbers", "title", "weekdays", "lede_names", "full_names")
# The text similarity of two articles (used for stories, and to rank each article's neighbours).
MIX = {"words": 0.4, "names": 0.4, "numbers": 0.2}
MAX_POSTINGS = 80  # a term in more articles than this is too common to propose a pair
NEIGHBOURS = 30  # candidate pairs kept per article (the most similar on rare terms)
MIN_SHARED = 0.005  # a pair sharing less rare weight than this is no candidate
FURNITURE_ARTICLES = 3  # a paragraph in this many articles or more is site furniture
CLOSE_NEIGHBOURS = 8  # neighbourhood size for the shared-neighbour feature
MAX_MENTIONS = 12  # dates kept per article for the mention distance (the earliest and latest first)
PROFILE_CHUNK = 100  # articles profiled per task when a mapper spreads the work over processes

Mapper = Callable[..., Iterable[Any]]  # ``map``, or an executor's ``map``

# The same-event model: gradient-boosted trees over the pair features (they see interactions an
# additive model cannot: a shared street name means one event when the dates agree, and nothing when
# one outlet covers its city all year). Every feature is bound to its evidence by a monotone
# constraint: a closer date, a higher cosine or a better rank never lowers the chance (only the batch
# size is free), so the model stays sane on batches unlike the ones it was fitted on, down to a story
# of four articles. A feature that is unknown (no date to compare: NaN) takes its typical value, so
# it counts as no evidence. Fitted on ECB+ and GVA development batches, large and small, by
# ``python -m evaluation.events --fit``, which writes ``MODEL_FILE``; refit when a feature changes.
FEATURES = (
    "cos_words",
    "cos_names",
    "cos_numbers",
    "cos_title",
    "cos_weekdays",
    "cos_lede_names",
    "cos_full_names",
    "weekdays_undated",
    "weekday_distance",
    "published_far",
    "reported_far",
    "mentioned_far",
    "relative_to_worse",
    "log_rank_worse",
    "log_rank_better",
    "shared_neighbours",
    "log_batch",
)
# How each feature may move the chance as it grows: +1 up, -1 down, 0 either way.
DIRECTIONS = (1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, 1, -1, -1, 1, 0)
MODEL_FILE = Path(__file__).parent / "data" / "same_event.json"


@dataclasses.dataclass(frozen=True, slots=True)
class Profile:
    """What clustering reads from one article."""

    terms: dict[str, Counter[str]]  # field -> term counts
    published: date | None
    reported: date | None  # the day the title and lede report things on
    mentioned: tuple[int, ...]  # publication and the dates mentioned (less background), as ordinals, sorted
    names: frozenset[str]  # the names in the title and lede, as written (for event labels)
    weekdays: int  # the weekdays the title and lede report things on, as a bit mask (Monday = 1)


def cluster(
    articles: list[Article], cfg: ClusterConfig, mapper: Mapper = map
) -> tuple[list[Article], list[Story]]:
    """Articles with ``story`` and ``event`` set, and the stories with their events, in a stable order.

    Articles with a ``cluster`` keep it as their story; the others are grouped into stories named
    ``story-<id of the story's first article>``. Event ids are ``<story id>/e<n>``, numbered by date,
    so unique across the output. A duplicate (``duplicate_of`` an article in ``articles``) takes its
    original's story and event; a duplicate whose original is absent is treated as an original.

    ``mapper`` runs the per-article part (reading names and dates, most of the work) over chunks of
    articles: ``map`` here, or an executor's ``map`` on other processes; the result is the same.
    """
    ids = {a.id for a in articles}
    originals = [a for a in articles if a.duplicate_of is None or a.duplicate_of not in ids]
    if not originals:
        return articles, []
    skip = furniture(originals)
    chunks = [originals[k : k + PROFILE_CHUNK] for k in range(0, len(originals), PROFILE_CHUNK)]
    profiles = [p for chunk in mapper(functools.partial(_profiles, skip=skip), chunks) for p in chunk]
    vectors = _vectors(profiles)
    pairs = _candidates(vectors, [a.cluster for a in originals])
    mix = _mix(vectors, pairs)
    chance = same_event_probability(_pair_features(vectors, profiles, pairs, mix, cfg))
    # Pairs below 1% cannot lift an average to the threshold; leaving them out saves time.
    events = _agglomerate(
        len(originals), _edges(pairs, np.where(chance >= 0.01, chance, 0.0)), cfg.event_threshold
    )
    stories = _stories(originals, events, _edges(pairs, mix), cfg)
    return _assign(articles, _records(originals, profiles, stories))


# --- profiles and vectors -------------------------------------------------------------------------


def furniture(articles: Sequence[Article]) -> frozenset[str]:
    """Paragraphs (as :func:`_paragraph_key`) found in ``FURNITURE_ARTICLES`` articles or more: a
    site's sign-up box or a stock line ("The investigation is ongoing") that cleaning left in. They
    say nothing about which event an article reports."""
    counts: Counter[str] = Counter()
    for article in articles:
        counts.update({_paragraph_key(p.of(article.text)) for p in article.paragraphs})
    return frozenset(key for key, n in counts.items() if n >= FURNITURE_ARTICLES and key)


def _profiles(articles: Sequence[Article], skip: frozenset[str]) -> list[Profile]:
    return [profile(a, skip) for a in articles]


def _paragraph_key(text: str) -> str:
    return " ".join(text.lower().split())


def profile(article: Article, skip: frozenset[str] = frozenset()) -> Profile:
    """The terms and dates of one article (title and lede weigh more than the rest of the body);
    paragraphs whose key is in ``skip`` (see :func:`furniture`) are left out."""
    paragraphs = [
        text for p in article.paragraphs if _paragraph_key(text := p.of(article.text)) not in skip
    ] or [article.text if not article.paragraphs else ""]
    title, lede, rest = article.title or "", "\n".join(paragraphs[:3]), "\n".join(paragraphs[3:])
    head = f"{title}\n{lede}"
    background = background_spans(head)
    head_now = without_background(head, background)  # less what it says of earlier happenings
    phrases = [list(names(part)) for part in (title, lede, rest)]  # capitalised names, as written
    keys = [[[name_key(w) for w in phrase.split() if len(w) > 2] for phrase in part] for part in phrases]
    name_keys = [[key for phrase in part for key in phrase] for part in keys]
    # Names of two words or more ("Robert Adams"), whole: who was shot, where, by whom.
    full_names = [[f"{a} {b}" for phrase in part for a, b in itertools.pairwise(phrase)] for part in keys]
    # The title names the event in few words (counted three times); the lede says what happened,
    # where and when (twice).
    terms = {
        "words": _weighted(*(_words(part) for part in (title, lede, rest))),
        "names": _weighted(*name_keys),
        "numbers": _weighted(*(_NUMBER.findall(part) for part in (title, lede, rest))),
        "title": Counter(_words(title)),
        "weekdays": Counter(_WEEKDAY.findall(head_now)),
        # Who and where the lede names: a report's background (an earlier raid) is further down.
        "lede_names": Counter(name_keys[0] + name_keys[1]),
        "full_names": _weighted(*full_names),
    }
    published = parse_iso(article.published)
    reported = Counter(foreground(date_mentions(head, published), background))
    # Dates of sentences that point back ("unlike the raid of May 22") are left out: they belong to
    # another happening. A follow-up names its own event's day without such words.
    later = date_mentions(rest, published, relative=False)
    mentioned = {
        day.toordinal() for day in (*reported, *foreground(later, background_spans(rest) if later else []))
    }
    if published:
        mentioned.add(published.toordinal())
    days = sorted(mentioned)
    if len(days) > MAX_MENTIONS:
        days = sorted({*days[: MAX_MENTIONS // 2], *days[-MAX_MENTIONS // 2 :]})
    return Profile(
        terms=terms,
        published=published,
        # The most reported day; on a tie the latest (the news is the newest happening).
        reported=max(reported, key=lambda d: (reported[d], d)) if reported else published,
        mentioned=tuple(days),
        names=frozenset(phrases[0] + phrases[1]),
        weekdays=sum({1 << WEEKDAYS[d.lower()] for d in _WEEKDAY.findall(head_now)}),
    )


_LETTERS = re.compile(r"[a-z]{3,}")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_stem = functools.lru_cache(maxsize=1 << 16)(stem)


def _weighted(title: list[str], lede: list[str], rest: list[str]) -> Counter[str]:
    """Term counts with the title's terms counted three times and the lede's twice."""
    return Counter(title * 3 + lede * 2 + rest)


def _words(text: str) -> list[str]:
    """Stemmed content words (accents off; any other non-ASCII character dropped)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return [_stem(w) for w in _LETTERS.findall(text.lower()) if w not in STOP_WORDS]


def _vectors(profiles: Sequence[Profile]) -> dict[str, Any]:
    """Field -> L2-normalised sublinear TF-IDF rows (scipy CSR), one row per profile."""
    return {field: _tfidf([p.terms[field] for p in profiles]) for field in FIELDS}


def _tfidf(counts: Sequence[Counter[str]]) -> Any:
    """Rows of (1 + ln tf) * ln(n / df), L2-normalised. Terms in one row only (or in every row) weigh
    nothing: they can tell no pair apart. A row with no weighted term is all zeros."""
    import scipy.sparse as sp

    vocabulary: defaultdict[str, int] = defaultdict(itertools.count().__next__)
    indptr: list[int] = [0]
    indices: list[int] = []
    values: list[int] = []
    for row in counts:
        indices.extend(map(vocabulary.__getitem__, row))
        values.extend(row.values())
        indptr.append(len(indices))
    matrix = sp.csr_matrix(
        (1.0 + np.log(np.array(values, np.float64)), np.array(indices, np.int64), np.array(indptr, np.int64)),
        shape=(len(counts), len(vocabulary)),
    )
    df = np.bincount(matrix.indices, minlength=len(vocabulary))
    idf = np.where(df > 1, np.log(len(counts) / np.maximum(df, 1)), 0.0)
    matrix = sp.csr_matrix(matrix @ sp.diags(idf))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    return sp.csr_matrix(sp.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ matrix)


# --- candidate pairs ------------------------------------------------------------------------------

Pairs = tuple[np.ndarray, np.ndarray]  # row and column indices, row < col, sorted


def _candidates(vectors: dict[str, Any], given: Sequence[str | None]) -> Pairs:
    """Each article's ``NEIGHBOURS`` best matches on rare terms (``MAX_POSTINGS``), as sorted pairs.

    Articles with different given clusters (or one given and one not) are never paired.
    """
    import scipy.sparse as sp

    n = len(given)
    rare = sp.hstack([_rare(vectors[field]) * weight**0.5 for field, weight in MIX.items()], format="csr")
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    numbers: dict[str | None, int] = {}
    labels = np.array([numbers.setdefault(g, len(numbers)) for g in given], dtype=np.int64)
    step = 2048  # rows per block: bounds memory on large batches
    for start in range(0, n, step):
        block = sp.coo_matrix(rare[start : start + step] @ rare.T)
        i, j, score = block.row, block.col, block.data
        keep = (i + start != j) & (labels[i + start] == labels[j]) & (score > MIN_SHARED)
        i, j, score = i[keep], j[keep], score[keep]
        # Per article, best first (a stable sort on one composite key: scores are in [0, 1]).
        order = np.argsort(i * 4.0 + (2.0 - score), kind="stable")
        i, j = i[order], j[order]
        first = np.searchsorted(i, np.arange(block.shape[0]))
        best = np.arange(len(i)) - first[i] < NEIGHBOURS
        i = i + start
        rows.append(np.minimum(i[best], j[best]))
        cols.append(np.maximum(i[best], j[best]))
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    unique = np.unique(np.concatenate(rows).astype(np.int64) * n + np.concatenate(cols))
    return unique // n, unique % n


def _rare(matrix: Any) -> Any:
    """``matrix`` with only the columns of terms found in at most ``MAX_POSTINGS`` rows."""
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    keep = np.flatnonzero(df <= MAX_POSTINGS)
    return matrix[:, keep]


def _row_dots(matrix: Any, pairs: Pairs) -> np.ndarray:
    """Dot products of the given row pairs of a sparse matrix (cosines, rows being normalised)."""
    rows, cols = pairs
    result = np.zeros(len(rows), dtype=np.float64)
    step = 50_000
    for start in range(0, len(rows), step):
        a, b = rows[start : start + step], cols[start : start + step]
        result[start : start + step] = np.asarray(matrix[a].multiply(matrix[b]).sum(axis=1)).ravel()
    return result


def _mix(vectors: dict[str, Any], pairs: Pairs) -> np.ndarray:
    """Text similarity of each pair: the ``MIX`` blend of field cosines."""
    total = np.zeros(len(pairs[0]))
    for field, weight in MIX.items():
        total += weight * _row_dots(vectors[field], pairs)
    return total


# --- the same-event probability -------------------------------------------------------------------


def _pair_features(
    vectors: dict[str, Any], profiles: Sequence[Profile], pairs: Pairs, mix: np.ndarray, cfg: ClusterConfig
) -> np.ndarray:
    """One row per pair, one column per name in ``FEATURES``."""
    rows, cols = pairs
    n = len(profiles)
    best = np.zeros(n)
    np.maximum.at(best, rows, mix)
    np.maximum.at(best, cols, mix)
    worse = np.minimum(best[rows], best[cols])
    rank_row, rank_col = _ranks(n, pairs, mix)
    cosines = {field: _row_dots(vectors[field], pairs) for field in FIELDS}
    dated = np.array([p.published is not None for p in profiles])
    undated = ~(dated[rows] & dated[cols])
    return np.column_stack(
        [
            *cosines.values(),
            # Weekdays the ledes report things on, when a publication date is missing and they cannot
            # be resolved into dates: reports of one event name the same days.
            np.where(undated, cosines["weekdays"], np.nan),
            _weekday_distance(profiles, pairs),
            _date_distance([p.published for p in profiles], pairs, cfg.date_window_days),
            _date_distance([p.reported for p in profiles], pairs, cfg.date_window_days),
            _mention_distance(profiles, pairs),
            # How the pair compares with the better match of the article whose best match is worse:
            # one event's reports are each other's best matches, whatever their absolute similarity.
            mix / np.where(worse > 0, worse, 1.0),
            np.log(np.maximum(rank_row, rank_col)),
            np.log(np.minimum(rank_row, rank_col)),
            _shared_neighbours(n, pairs, mix, rank_row, rank_col, best),
            # Cosines run higher in a small batch (fewer articles share any term at all).
            np.full(len(rows), np.log(n)),
        ]
    )


def same_event_probability(features: np.ndarray) -> np.ndarray:
    """The same-event model: ``features`` (one row per pair, columns as ``FEATURES``) -> probability."""
    model = same_event_model()
    n = len(features)
    # Column-major, flat: the value of feature f for pair i is at f * n + i (one cheap gather a level).
    flat = np.where(np.isnan(features), model.typical, features).T.ravel()
    at = np.arange(n)
    logit = np.full(n, model.baseline)
    for tree in model.trees:
        node = np.zeros(n, dtype=np.int64)
        for _ in range(tree.depth):  # a leaf points to itself, so pairs that reached one stay there
            go_left = flat[tree.feature[node] * n + at] <= tree.threshold[node]
            node = np.where(go_left, tree.left[node], tree.right[node])
        logit += tree.value[node]
    probability: np.ndarray = 1.0 / (1.0 + np.exp(-logit))
    return probability


@dataclasses.dataclass(frozen=True, slots=True)
class Tree:
    """One regression tree, as arrays indexed by node (node 0 is the root). An inner node sends a
    value ``<= threshold`` left; a leaf's ``left`` and ``right`` are itself, and its ``value`` is
    added to the logit."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    depth: int


@dataclasses.dataclass(frozen=True, slots=True)
class Model:
    """The same-event model: logit = ``baseline`` + the leaf values the pair reaches in ``trees``;
    an unknown feature (NaN) takes its ``typical`` value first."""

    features: tuple[str, ...]
    typical: np.ndarray
    baseline: float
    trees: tuple[Tree, ...]


@functools.cache
def same_event_model() -> Model:
    """The fitted model shipped in ``MODEL_FILE`` (read once)."""
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise RuntimeError(
            f"{MODEL_FILE} was fitted on other features; refit: python -m evaluation.events --fit"
        )
    trees = []
    for t in data["trees"]:
        feature = np.array(t["feature"], dtype=np.int64)
        leaf = feature < 0  # the file marks leaves with feature -1
        itself = np.arange(len(feature))
        trees.append(
            Tree(
                feature=np.where(leaf, 0, feature),
                threshold=np.array(t["threshold"], dtype=np.float64),
                left=np.where(leaf, itself, np.array(t["left"], dtype=np.int64)),
                right=np.where(leaf, itself, np.array(t["right"], dtype=np.int64)),
                value=np.array(t["value"], dtype=np.float64),
                depth=int(t["depth"]),
            )
        )
    return Model(FEATURES, np.array(data["typical"], dtype=np.float64), float(data["baseline"]), tuple(trees))


def _ranks(n: int, pairs: Pairs, mix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rank (1 = best) of each pair among the row article's pairs, and among the column article's."""
    rows, cols = pairs
    m = len(rows)
    ends = np.concatenate([rows, cols])
    others = np.concatenate([cols, rows])
    order = np.lexsort((others, -np.concatenate([mix, mix]), ends))
    first = np.searchsorted(ends[order], np.arange(n))
    rank = np.empty(2 * m, dtype=np.int64)
    rank[order] = np.arange(2 * m) - first[ends[order]] + 1
    return rank[:m], rank[m:]


def _shared_neighbours(
    n: int, pairs: Pairs, mix: np.ndarray, rank_row: np.ndarray, rank_col: np.ndarray, best: np.ndarray
) -> np.ndarray:
    """Jaccard overlap of the two articles' close neighbourhoods: each article with its best few
    matches (``CLOSE_NEIGHBOURS``, at least half as similar as its best). Reports of one event share
    their neighbours; a look-alike event's reports have neighbours of their own."""
    rows, cols = pairs
    close: list[set[int]] = [{i} for i in range(n)]
    near = mix >= 0.5 * np.minimum(best[rows], best[cols])
    for i, j, keep, rank_i, rank_j in zip(
        rows.tolist(), cols.tolist(), near.tolist(), rank_row.tolist(), rank_col.tolist(), strict=True
    ):
        if keep and rank_i <= CLOSE_NEIGHBOURS:
            close[i].add(j)
        if keep and rank_j <= CLOSE_NEIGHBOURS:
            close[j].add(i)
    return np.array(
        [
            len(close[i] & close[j]) / len(close[i] | close[j])
            for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
        ]
    )


def _date_distance(days: Sequence[date | None], pairs: Pairs, window: int) -> np.ndarray:
    """ln(1 + days apart beyond ``window``); NaN when either date is unknown (no evidence)."""
    known = np.array([d is not None for d in days])
    ordinal = np.array([d.toordinal() if d else 0 for d in days], dtype=np.int64)
    rows, cols = pairs
    gap = np.abs(ordinal[rows] - ordinal[cols]) - window
    return np.where(known[rows] & known[cols], np.log1p(np.maximum(gap, 0)), np.nan)


def _weekday_distance(profiles: Sequence[Profile], pairs: Pairs) -> np.ndarray:
    """The least days apart (0-3, round the week) of a weekday one lede reports and one the other
    does; NaN when either names none. Reports of one event name its day ("the shooting on Saturday")
    whatever day they appear; a raid "on Monday" and fighting "on Friday" are different days."""
    masks = np.array([p.weekdays for p in profiles], dtype=np.int64)
    return _WEEKDAY_TABLE[masks[pairs[0]], masks[pairs[1]]]


def _weekday_table() -> np.ndarray:
    """``table[a, b]``: the least days apart, round the week, of a day in mask ``a`` and one in mask
    ``b``; NaN when either mask is empty. Built with arrays: a loop over the 16,000 pairs of masks was
    a fifth of a second of every run's start."""
    day = np.arange(7)
    apart = np.abs(day[:, None] - day[None, :])
    apart = np.minimum(apart, 7 - apart).astype(float)  # days x days, round the week
    holds = (np.arange(128)[:, None] >> day & 1).astype(bool)  # mask x day
    # nearest[a, y]: the least distance from a day of mask a to day y; then the least over b's days.
    nearest = np.where(holds[:, :, None], apart[None, :, :], np.inf).min(axis=1)
    table: np.ndarray = np.where(holds[None, :, :], nearest[:, None, :], np.inf).min(axis=2)
    table[np.isinf(table)] = np.nan
    return table


_WEEKDAY_TABLE = _weekday_table()


def _mention_distance(profiles: Sequence[Profile], pairs: Pairs) -> np.ndarray:
    """ln(1 + the least distance in days between a date one article mentions and one the other does);
    NaN when either mentions none. A follow-up months later still names the day of the shooting."""
    far = 1 << 40  # padding, farther than any real distance: +far on one side, -far on the other
    width = max(1, max(len(p.mentioned) for p in profiles))
    ahead = np.full((len(profiles), width), far, dtype=np.int64)
    for i, p in enumerate(profiles):
        ahead[i, : len(p.mentioned)] = p.mentioned
    behind = np.where(ahead == far, -far, ahead)
    known = np.array([bool(p.mentioned) for p in profiles])
    rows, cols = pairs
    result = np.zeros(len(rows))
    step = 20_000
    for start in range(0, len(rows), step):
        left, right = rows[start : start + step], cols[start : start + step]
        gap = np.abs(ahead[left][:, :, None] - behind[right][:, None, :]).min(axis=(1, 2))
        both = known[left] & known[right]
        result[start : start + step] = np.where(both, np.log1p(np.minimum(gap, far)), np.nan)
    return result


# --- agglomeration --------------------------------------------------------------------------------

Edges = dict[tuple[int, int], float]


def _edges(pairs: Pairs, scores: np.ndarray) -> Edges:
    return {
        (i, j): s
        for i, j, s in zip(pairs[0].tolist(), pairs[1].tolist(), scores.tolist(), strict=True)
        if s > 0
    }


def _agglomerate(
    n: int,
    edges: Edges,
    threshold: float,
    start: Sequence[Sequence[int]] | None = None,
) -> list[list[int]]:
    """Average-link clusters of items ``0..n-1`` over ``edges``.

    Starts from ``start`` (groups of items; default: every item alone) and merges the two clusters
    with the highest average edge (a missing edge counts as 0) while it is at least ``threshold``.
    Ties break on the smaller cluster numbers, so the result is deterministic. Clusters come back
    sorted by their first item.
    """
    groups = [list(g) for g in start] if start is not None else [[i] for i in range(n)]
    owner = {item: k for k, group in enumerate(groups) for item in group}
    clusters: dict[int, list[int]] = dict(enumerate(groups))
    sums: dict[int, dict[int, float]] = defaultdict(dict)  # cluster -> cluster -> sum of edges
    for (i, j), score in sorted(edges.items()):
        a, b = owner.get(i), owner.get(j)
        if a is not None and b is not None and a != b:
            sums[a][b] = sums[b][a] = sums[a].get(b, 0.0) + score

    def average(a: int, b: int) -> float:
        return sums[a].get(b, 0.0) / (len(clusters[a]) * len(clusters[b]))

    heap = [(-average(a, b), a, b) for a, row in sums.items() for b in row if a < b]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in clusters or b not in clusters:
            continue
        value = average(a, b)
        if abs(value + negative) > 1e-12:  # stale entry: the pair's average has changed since
            continue
        if value < threshold:
            break
        # Merge b into a, then push a's new averages to its neighbours.
        clusters[a] += clusters.pop(b)
        for neighbour, total in sums.pop(b).items():
            sums[neighbour].pop(b, None)
            if neighbour != a:
                sums[a][neighbour] = sums[neighbour][a] = sums[a].get(neighbour, 0.0) + total
        sums[a].pop(b, None)
        for neighbour in sums[a]:
            heapq.heappush(heap, (-average(a, neighbour), min(a, neighbour), max(a, neighbour)))
    return sorted((sorted(c) for c in clusters.values()), key=lambda c: c[0])


# --- stories, events and the records --------------------------------------------------------------


def _stories(
    articles: Sequence[Article], events: list[list[int]], similarity: Edges, cfg: ClusterConfig
) -> dict[str, list[list[int]]]:
    """Story id -> its events (lists of article indices). Given clusters are stories as they stand;
    the events of articles without one are grouped by text similarity."""
    stories: dict[str, list[list[int]]] = defaultdict(list)
    free = [event for event in events if articles[event[0]].cluster is None]
    for event in events:
        given = articles[event[0]].cluster
        if given is not None:
            stories[given].append(event)
    event_of = {event[0]: event for event in free}
    for group in _agglomerate(len(articles), similarity, cfg.story_threshold, start=free):
        first = min((articles[i] for i in group), key=lambda a: (a.published or "9999", a.id))
        stories[f"story-{first.id}"].extend(event_of[i] for i in group if i in event_of)
    return stories


def _records(
    articles: Sequence[Article], profiles: Sequence[Profile], stories: dict[str, list[list[int]]]
) -> list[Story]:
    """Story records with their events numbered by date (articles filled in by ``_assign``)."""
    records = []
    for story_id in sorted(stories):
        dated = []
        for group in stories[story_id]:
            days = sorted(d for i in group if (d := profiles[i].reported or profiles[i].published))
            dated.append((days[len(days) // 2] if days else None, group))
        dated.sort(key=lambda item: (item[0] or date.max, min(articles[i].id for i in item[1])))
        events = tuple(
            Event(
                id=f"{story_id}/e{n}",
                label=_label([profiles[i] for i in group], day),
                articles=tuple(sorted(articles[i].id for i in group)),
                date=day.isoformat() if day else None,
            )
            for n, (day, group) in enumerate(dated, start=1)
        )
        members = [articles[i] for group in stories[story_id] for i in group]
        ordered = sorted(members, key=lambda a: (a.published or "9999", a.id))
        published = sorted(a.published for a in members if a.published)
        records.append(
            Story(
                id=story_id,
                title=ordered[0].title or story_id,
                articles=(),
                outlets=(),
                events=events,
                first_published=published[0] if published else None,
                last_published=published[-1] if published else None,
            )
        )
    return records


def _label(group: Sequence[Profile], day: date | None) -> str:
    """A reader's label: the date and up to three names the event's articles lead with, the most
    shared first, then the longest ("Novaya Tavolzhanka" before "Belgorod" when both are shared)."""
    counts = Counter(name for p in group for name in p.names)
    ranked = sorted(counts, key=lambda name: (-counts[name], -len(name.split()), -len(name), name))
    chosen: list[str] = []
    for name in ranked:
        if not any(name in other or other in name for other in chosen):
            chosen.append(name)
        if len(chosen) == 3:
            break
    return ", ".join(([day.isoformat()] if day else []) + chosen) or "event"


def _assign(articles: list[Article], stories: list[Story]) -> tuple[list[Article], list[Story]]:
    """Set story/event on every article (a duplicate follows its original) and list members per story."""
    story_of = {a: s.id for s in stories for e in s.events for a in e.articles}
    event_of = {a: e.id for s in stories for e in s.events for a in e.articles}
    result = []
    for article in articles:
        root = article.duplicate_of if article.duplicate_of in event_of else article.id
        result.append(dataclasses.replace(article, story=story_of.get(root), event=event_of.get(root)))
    members: dict[str, list[Article]] = defaultdict(list)
    for article in result:
        if article.story is not None:
            members[article.story].append(article)
    filled = []
    for story in stories:
        own = sorted(members[story.id], key=lambda a: a.id)
        events = tuple(
            dataclasses.replace(e, articles=tuple(sorted(a.id for a in own if a.event == e.id)))
            for e in story.events
        )
        filled.append(
            dataclasses.replace(
                story,
                articles=tuple(a.id for a in own),
                outlets=tuple(sorted({a.outlet for a in own})),
                events=events,
            )
        )
    return result, filled
