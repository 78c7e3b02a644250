"""Align: paragraphs that carry the same content across the outlets of one story.

Two paragraphs carry the same content when some sentence of one says what some sentence of the other
says (:func:`reporter.similarity.same_content`, a paraphrase model): outlets cut and join paragraphs
differently, so whole paragraphs rarely match, but the statement they share does. A paragraph pair
scores the best of its sentence pairs.

Pairs at or above ``cfg.threshold`` are joined, best first, into groups that never hold two paragraphs
of one article (an outlet says a thing once; without that rule a long wire lede would pull every
paragraph of a story into one group), and a paragraph joins a group only when its average score with
the group's members reaches ``cfg.group_threshold``, so one strong pair cannot chain in a paragraph that
matches nobody else. Copies (``duplicate_of`` set) are folded under their original: the original's
paragraphs stand for them.

Alignment runs across the story's events, not within each. The event split is a judgement on whole
articles (``cluster`` keeps look-alike events apart by what their articles differ in) and it is made on
thin evidence in small stories; and a report of one event often restates another (the second raid's
report recalls the first). A paragraph that says the same thing is aligned wherever it sits; each
group's ``event`` is the one event all its members belong to, or ``None`` when they span events. What
keeps look-alike events apart is a sharper test than the split: between articles of different events
published days apart, sentences that differ in a figure, a name or a negation never align.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import chain, combinations, compress

import numpy as np

from reporter.config import AlignConfig
from reporter.dates import parse_iso
from reporter.model import Alignment, Article, Member, Span, Story
from reporter.similarity import MIN_SHARED, Passages, Reading, joined, read
from reporter.text import sentences

Slot = tuple[str, int]  # (article id, paragraph index)


def align(articles: Sequence[Article], stories: Sequence[Story], cfg: AlignConfig) -> list[Alignment]:
    """Alignment groups of every story, in story order; within a story, in the order of their events,
    then of their first member (article id, paragraph). Ids are ``<story>/a<n>``, stable for the input.
    """
    by_id = {a.id: a for a in articles}
    found: list[Alignment] = []
    for story in stories:
        originals = sorted(
            (by_id[i] for i in story.articles if i in by_id and by_id[i].duplicate_of is None),
            key=lambda a: a.id,
        )
        if len(originals) > 1:
            found.extend(_align_story(story, originals, cfg))
    return found


def _align_story(story: Story, articles: Sequence[Article], cfg: AlignConfig) -> list[Alignment]:
    slots = [(a.id, i) for a in articles for i in range(len(a.paragraphs))]
    scores = paragraph_scores(articles, cfg)
    groups = _groups(slots, scores, cfg)
    event_of = {a.id: a.event for a in articles}
    event_rank = {e.id: n for n, e in enumerate(story.events)}

    def order(group: list[Slot]) -> tuple[int, Slot]:
        return min(event_rank.get(event_of[s[0]] or "", len(event_rank)) for s in group), group[0]

    result = []
    for n, group in enumerate(sorted(groups, key=order), start=1):
        pairs = [scores.get((a, b), 0.0) for a, b in combinations(group, 2)]
        events = {event_of[article] for article, _ in group}
        result.append(
            Alignment(
                story=story.id,
                id=f"{story.id}/a{n}",
                event=events.pop() if len(events) == 1 else None,
                members=tuple(
                    Member(s[0], s[1], round(max(_score(scores, s, o) for o in group if o != s), 4))
                    for s in group
                ),
                confidence=round(sum(pairs) / len(pairs), 4),
            )
        )
    return result


def paragraph_scores(
    articles: Sequence[Article], cfg: AlignConfig | None = None
) -> dict[tuple[Slot, Slot], float]:
    """Same-content scores of paragraph pairs of different articles, keyed ``(slot, slot)`` in slot order.

    A pair's score is the best of its sentence pairs (each whole paragraph counts as one more). Only
    sentence pairs that pass the scorer's shared-word gate are scored (the model gives the rest 0), so
    the cost follows the shared vocabulary, not all pairs; they are scored together
    (:class:`reporter.similarity.Passages`). A sentence pair between look-alike events scores 0 when the
    sentences conflict (see :func:`_apart`).
    """
    cfg = cfg or AlignConfig()
    slots: list[Slot] = []
    readings: list[Reading] = []
    for article in sorted(articles, key=lambda a: a.id):
        for index, paragraph in enumerate(article.paragraphs):
            found = _readings(article.text, paragraph)
            slots.extend([(article.id, index)] * len(found))
            readings.extend(found)
    candidates = _candidates([slot[0] for slot in slots], [r.content for r in readings])
    # Only passages in some candidate pair are made ready: a third of a story's sentences share too
    # little with every other outlet's to be scored at all. They are scored all pairs at once.
    used = sorted({i for pair in candidates for i in pair})
    passages = Passages([readings[i] for i in used])
    row = {i: n for n, i in enumerate(used)}
    left = np.array([row[i] for i, _ in candidates], dtype=np.int64)
    right = np.array([row[j] for _, j in candidates], dtype=np.int64)
    keys = [(slots[i], slots[j]) if slots[i] < slots[j] else (slots[j], slots[i]) for i, j in candidates]
    apart = {
        (x.id, y.id): _apart(x, y, cfg.conflict_days)
        for x, y in combinations(sorted(articles, key=lambda a: a.id), 2)
    }
    between = np.array([apart[(a[0], b[0])] for a, b in keys], dtype=bool)
    kept = np.ones(len(candidates), dtype=bool)
    kept[between] = ~passages.conflicting(left[between], right[between])
    scores: dict[tuple[Slot, Slot], float] = {}
    for key, score in zip(compress(keys, kept), passages.same_content(left[kept], right[kept]), strict=True):
        if score > scores.get(key, 0.0):
            scores[key] = score
    return scores


def _readings(text: str, paragraph: Span) -> list[Reading]:
    """The paragraph's sentences read, then the whole paragraph when it has more than one (a splitter's
    wrong cut, "Sens. John", costs less). The whole is joined from its sentences' readings when only
    white space lies between them (always, with :func:`reporter.text.sentences`), else read afresh."""
    spans = sentences(text, paragraph)
    found = [read(s.of(text)) for s in spans]
    if len(spans) != 1:
        ends = [paragraph.start] + [s.end for s in spans]
        starts = [s.start for s in spans] + [paragraph.end]
        if found and all(not text[a:b].strip() for a, b in zip(ends, starts, strict=True)):
            found.append(joined(found))
        else:
            found.append(read(paragraph.of(text)))
    return found


def _candidates(owners: Sequence[str], words: Sequence[Sequence[str]]) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of passages of different owners that pass the scorer's own
    gate (sharing at least MIN_SHARED of the shorter's distinct content words), sorted. ``words`` are each
    passage's content words (a repeated word counts once).

    Pairs below the gate would score 0, so they are never scored at all. The shared words of every pair
    are counted at once as a product of sparse word-incidence matrices: counting them pair by pair
    from postings lists was the costliest part of aligning a large story.
    """
    import scipy.sparse as sp

    vocabulary = {w: n for n, w in enumerate(dict.fromkeys(chain.from_iterable(words)))}
    columns = np.fromiter(map(vocabulary.__getitem__, chain.from_iterable(words)), dtype=np.int64)
    bounds = np.zeros(len(words) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, words), dtype=np.int64, count=len(words)), out=bounds[1:])
    incidence = sp.csr_matrix(
        (np.ones(len(columns), dtype=np.int32), columns, bounds), shape=(len(words), len(vocabulary))
    )
    incidence.sum_duplicates()
    incidence.data[:] = 1  # a word repeated in a passage is one shared word
    shared = (incidence @ incidence.T).tocoo()
    owner_ids = {owner: n for n, owner in enumerate(sorted(set(owners)))}
    owner = np.array([owner_ids[o] for o in owners], dtype=np.int64)
    distinct_counts = np.diff(incidence.indptr)
    rows, cols = shared.row, shared.col
    keep = (
        (rows < cols)
        & (owner[rows] != owner[cols])
        & (shared.data >= MIN_SHARED * np.minimum(distinct_counts[rows], distinct_counts[cols]))
    )
    return sorted(zip(rows[keep].tolist(), cols[keep].tolist(), strict=True))


def _apart(a: Article, b: Article, days: int) -> bool:
    """Whether two articles may report look-alike events rather than one: ``cluster`` put them in
    different events and their publication dates are unknown or more than ``days`` apart.

    Between such articles, two sentences that differ in a figure, a name or a negation ("two killed in
    Kozinka" / "two killed in Shebekino") are taken to tell different happenings and are not aligned.
    Within one event, or days close, they are one happening told with different details, and align
    (``compare`` shows the differing figure). The date test guards against the event split alone, which
    is made on thin evidence in small stories.
    """
    if a.event == b.event:
        return False
    first, second = parse_iso(a.published), parse_iso(b.published)
    return first is None or second is None or abs((first - second).days) > days


def _score(scores: Mapping[tuple[Slot, Slot], float], a: Slot, b: Slot) -> float:
    return scores.get((a, b) if a < b else (b, a), 0.0)


def _groups(
    slots: Sequence[Slot], scores: Mapping[tuple[Slot, Slot], float], cfg: AlignConfig
) -> list[list[Slot]]:
    """Greedy best-first grouping: one paragraph per article, average score with the group kept high."""
    edges = sorted(
        ((s, a, b) for (a, b), s in scores.items() if s >= cfg.threshold), key=lambda e: (-e[0], e[1], e[2])
    )
    group_of: dict[Slot, int] = {slot: n for n, slot in enumerate(slots)}
    members: dict[int, list[Slot]] = {n: [slot] for n, slot in enumerate(slots)}
    for _score_ab, a, b in edges:
        left, right = group_of[a], group_of[b]
        if left == right:
            continue
        if {s[0] for s in members[left]} & {s[0] for s in members[right]}:
            continue  # would put two paragraphs of one article in one group
        cross = [_score(scores, x, y) for x in members[left] for y in members[right]]
        if sum(cross) / len(cross) < cfg.group_threshold:
            continue
        for slot in members[right]:
            group_of[slot] = left
        members[left] = sorted(members[left] + members.pop(right))
    return [group for group in members.values() if len(group) > 1]
