"""Cluster: articles into stories, and each story into its events.

A story is what an editor calls one story (the Belgorod border raids); an event is one happening in
it (the raid of 22 May, the raid of 1 June). Look-alike events share most words, so events are told
apart by what differs: names and places (spelling variants folded by :func:`reporter.entities.name_key`)
and dates (publication dates and the dates the text mentions).

Both levels use one method: average-link agglomeration over a sparse similarity graph. Candidate pairs
come from the rarer terms two articles share (blocking), never from all pairs, so the cost grows about
linearly with the corpus. Articles given a ``cluster`` keep it as their story and are only split into
events; duplicates join their original's event.
"""

from __future__ import annotations

import dataclasses
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import date

from reporter.config import ClusterConfig
from reporter.dates import mentioned_dates, parse_iso
from reporter.entities import name_keys, names
from reporter.model import Article, Event, Story

Similarity = Callable[[int, int], float]


@dataclasses.dataclass(frozen=True, slots=True)
class Features:
    """What clustering compares, per original article (row i of ``vectors``)."""

    vectors: object  # scipy.sparse CSR of word TF-IDF, rows L2-normalised (None: no words)
    name_vectors: object  # the same over name keys: rare names weigh most
    keys: list[set[str]]
    dates: list[date | None]
    candidates: set[tuple[int, int]]


def cluster(articles: list[Article], cfg: ClusterConfig) -> tuple[list[Article], list[Story]]:
    """Articles with ``story`` and ``event`` set, and the stories with their events, in a stable order."""
    originals = [a for a in articles if a.duplicate_of is None]
    if not originals:
        return articles, []
    features = _features(originals)
    story_of = _stories(originals, features, cfg)
    event_of: dict[str, str] = {}
    stories: list[Story] = []
    by_story: dict[str, list[int]] = defaultdict(list)
    for i, article in enumerate(originals):
        by_story[story_of[article.id]].append(i)
    for story_id in sorted(by_story):
        members = by_story[story_id]
        # Within a story, weigh words and names by how rare they are in that story: what all its
        # articles share (the region, the war) says nothing about which event an article reports.
        local = _features([originals[i] for i in members])
        groups = _agglomerate(
            range(len(members)), _similarity(local, cfg, events=True), cfg.event_threshold, local
        )
        groups = [[members[i] for i in group] for group in groups]
        events = _events(story_id, groups, originals, features)
        for event in events:
            for article_id in event.articles:
                event_of[article_id] = event.id
        stories.append(_story(story_id, events, originals, members))
    return _assign(articles, story_of, event_of, stories)


def _features(articles: Sequence[Article]) -> Features:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [_event_text(a) for a in articles]
    keys = [name_keys(t) | _weekdays(t) for t in texts]
    words = TfidfVectorizer(
        sublinear_tf=True, smooth_idf=False, stop_words="english", token_pattern=r"(?u)\b[^\W\d_]{3,}\b"
    )
    vectors = _tfidf(texts, words)
    name_vectors = _tfidf(
        [" ".join(sorted(k)) for k in keys],
        TfidfVectorizer(smooth_idf=False, token_pattern=r"\S+", lowercase=False),
    )
    dates = [_event_date(a) for a in articles]
    return Features(vectors, name_vectors, keys, dates, _candidates(vectors, keys, len(articles)))


def _event_text(article: Article) -> str:
    """Title, lede twice (the lede says what happened, where and when), then the body."""
    paragraphs = [p.of(article.text) for p in article.paragraphs] or [article.text]
    lede = "\n".join(paragraphs[:3])
    return f"{article.title or ''}\n{lede}\n{lede}\n" + "\n".join(paragraphs[3:])


_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def _weekdays(text: str) -> set[str]:
    # Weekdays a report names tell its event apart from another one a week away.
    return {f"@{day.lower()}" for day in _WEEKDAY.findall(text)}


def _tfidf(texts: list[str], vectorizer: object) -> object:
    """TF-IDF rows with idf = ln(n / df): a term every article has weighs nothing (scikit-learn adds 1)."""
    try:
        vectorizer.fit(texts)  # type: ignore[attr-defined]
    except ValueError:  # no usable terms at all
        return None
    vectorizer.idf_ = vectorizer.idf_ - 1.0  # type: ignore[attr-defined]
    return vectorizer.transform(texts)  # type: ignore[attr-defined]


def _event_date(article: Article) -> date | None:
    """The publication date, else the date the text mentions most."""
    published = parse_iso(article.published)
    if published:
        return published
    found = Counter(mentioned_dates(article.body or article.text, None))
    return found.most_common(1)[0][0] if found else None


def _candidates(vectors: object, keys: list[set[str]], n: int) -> set[tuple[int, int]]:
    """Pairs that share a rare word or a rare name: the only pairs ever compared."""
    postings: dict[object, list[int]] = defaultdict(list)
    if vectors is not None:
        matrix = vectors.tocsc()  # type: ignore[attr-defined]
        for column in range(matrix.shape[1]):
            rows = matrix.indices[matrix.indptr[column] : matrix.indptr[column + 1]]
            if 1 < len(rows) <= _max_postings(n):
                postings[("w", column)] = rows.tolist()
    for i, row_keys in enumerate(keys):
        for key in row_keys:
            postings[("n", key)].append(i)
    pairs: set[tuple[int, int]] = set()
    limit = _max_postings(n)
    for rows in postings.values():
        if 1 < len(rows) <= limit:
            for a in range(len(rows)):
                for b in range(a + 1, len(rows)):
                    pairs.add((rows[a], rows[b]) if rows[a] < rows[b] else (rows[b], rows[a]))
    return pairs


def _max_postings(n: int) -> int:
    # A term in more than this many articles is too common to be evidence of one story; it also
    # keeps the candidate count near-linear in the corpus size.
    return max(25, int(0.02 * n))


def _similarity(features: Features, cfg: ClusterConfig, events: bool) -> Similarity:
    vectors = features.vectors

    def similarity(i: int, j: int) -> float:
        score = 0.5 * _cosine(vectors, i, j) + 0.5 * _cosine(features.name_vectors, i, j)
        da, db = features.dates[i], features.dates[j]
        if da and db and abs((da - db).days) > cfg.date_window_days:
            score *= 0.5 if events else 0.8
        return score

    return similarity


def _cosine(vectors: object, i: int, j: int) -> float:
    if vectors is None:
        return 0.0
    return float(vectors[i].multiply(vectors[j]).sum())  # type: ignore[index]


def _stories(articles: Sequence[Article], features: Features, cfg: ClusterConfig) -> dict[str, str]:
    """Story id per article: the given cluster, else one found among the articles without one."""
    story_of = {a.id: a.cluster for a in articles if a.cluster is not None}
    free = [i for i, a in enumerate(articles) if a.cluster is None]
    for group in _agglomerate(free, _similarity(features, cfg, events=False), cfg.story_threshold, features):
        first = min(group, key=lambda i: (articles[i].published or "9999", articles[i].id))
        for i in group:
            story_of[articles[i].id] = f"story-{articles[first].id}"
    return {k: v for k, v in story_of.items() if v is not None}


def _agglomerate(
    members: Sequence[int], similarity: Similarity, threshold: float, features: Features
) -> list[list[int]]:
    """Average-link clusters of ``members`` over candidate edges (a missing edge counts as 0)."""
    member_set = set(members)
    if len(members) <= 1:
        return [list(members)] if members else []
    clusters: dict[int, list[int]] = {i: [i] for i in members}
    sums: dict[int, dict[int, float]] = defaultdict(dict)
    if len(members) <= 60:  # small groups (one story): compare every pair, blocking would only lose edges
        pairs = {(a, b) for a in members for b in members if a < b}
    else:
        pairs = {p for p in features.candidates if p[0] in member_set and p[1] in member_set}
    heap: list[tuple[float, int, int]] = []
    for a, b in sorted(pairs):
        score = similarity(a, b)
        if score > 0:
            sums[a][b] = sums[b][a] = score
            heapq.heappush(heap, (-score, a, b))
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in clusters or b not in clusters:
            continue
        average = sums[a].get(b, 0.0) / (len(clusters[a]) * len(clusters[b]))
        if abs(average + negative) > 1e-12:  # stale entry: the pair's average has changed since
            continue
        if average < threshold:
            break
        _merge(clusters, sums, heap, a, b)
    return sorted((sorted(c) for c in clusters.values()), key=lambda c: c[0])


def _merge(
    clusters: dict[int, list[int]],
    sums: dict[int, dict[int, float]],
    heap: list[tuple[float, int, int]],
    a: int,
    b: int,
) -> None:
    """Merge cluster ``b`` into ``a`` and push ``a``'s new averages to its neighbours."""
    clusters[a] += clusters.pop(b)
    for neighbour, total in sums.pop(b).items():
        sums[neighbour].pop(b, None)
        if neighbour == a:
            continue
        sums[a][neighbour] = sums[neighbour][a] = sums[a].get(neighbour, 0.0) + total
    sums[a].pop(b, None)
    for neighbour, total in sums[a].items():
        average = total / (len(clusters[a]) * len(clusters[neighbour]))
        heapq.heappush(heap, (-average, min(a, neighbour), max(a, neighbour)))


def _events(
    story_id: str, groups: list[list[int]], articles: Sequence[Article], features: Features
) -> list[Event]:
    dated = sorted(
        groups,
        key=lambda g: (min((features.dates[i] for i in g if features.dates[i]), default=date.max), g[0]),
    )
    events = []
    for n, group in enumerate(dated, start=1):
        days = sorted(d for i in group if (d := features.dates[i]))
        when = days[len(days) // 2].isoformat() if days else None
        events.append(
            Event(
                id=f"{story_id}/e{n}",
                label=_label(group, articles, when),
                articles=tuple(sorted(articles[i].id for i in group)),
                date=when,
            )
        )
    return events


def _label(group: Sequence[int], articles: Sequence[Article], when: str | None) -> str:
    """A reader's label: the date and the names most of the event's articles mention."""
    counts: Counter[str] = Counter()
    for i in group:
        counts.update(set(names(articles[i].body or articles[i].text)))
    common = [name for name, _ in counts.most_common(3)]
    return ", ".join(([when] if when else []) + common) or "event"


def _story(story_id: str, events: list[Event], articles: Sequence[Article], members: Sequence[int]) -> Story:
    ordered = sorted(members, key=lambda i: (articles[i].published or "9999", articles[i].id))
    dates = sorted(a.published for i in members if (a := articles[i]).published)
    return Story(
        id=story_id,
        title=articles[ordered[0]].title or story_id,
        articles=(),  # filled in by _assign, duplicates included
        outlets=(),
        events=tuple(events),
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
    )


def _assign(
    articles: list[Article], story_of: dict[str, str], event_of: dict[str, str], stories: list[Story]
) -> tuple[list[Article], list[Story]]:
    """Set story/event on every article (a duplicate follows its original) and list members per story."""
    result = []
    for article in articles:
        root = article.duplicate_of or article.id
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
