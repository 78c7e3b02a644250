"""The side-by-side columns: each outlet's paragraphs in a column, aligned content on one row.

:func:`layout` merges the columns so that every column keeps its article's order; :func:`merge_gaps`
gathers each outlet's unaligned paragraphs between two aligned rows; :func:`side_by_side` turns that
into records with the facts marked and anchored.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from reporter.model import Alignment, Analysis, Article, Fact, Story
from reporter.render.records import (
    GAP_PARAGRAPHS,
    KIND_ORDER,
    Anchors,
    Column,
    Copy,
    EventView,
    Paragraph,
    Segment,
    SideBySide,
    SideRow,
)


def side_by_side(
    analysis: Analysis,
    story: Story,
    events: Sequence[EventView],
    anchors: Anchors,
    fact_anchor: Mapping[str, str],
) -> Iterable[SideBySide]:
    by_id = {a.id: a for a in analysis.articles}
    facts_of: dict[str, list[Fact]] = defaultdict(list)
    for fact in analysis.facts:
        facts_of[fact.article].append(fact)
    copies_of: dict[str, list[Article]] = defaultdict(list)
    for article in analysis.articles:
        if article.duplicate_of is not None:
            copies_of[article.duplicate_of].append(article)
    shown: set[str] = set()
    for event_record, event in zip(story.events, events, strict=True):
        originals = sorted(
            (by_id[i] for i in event_record.articles if i in by_id and by_id[i].duplicate_of is None),
            key=lambda a: (a.published or "9999", a.outlet, a.id),
        )
        if not originals:
            continue
        shown.update(a.id for a in originals)
        columns = tuple(
            _column(a, copies_of.get(a.id, []), facts_of, anchors, fact_anchor) for a in originals
        )
        alignments = [al for al in analysis.alignments if al.event in (None, event.id)]
        placed = merge_gaps(layout(originals, alignments))
        rows = []
        for row, shared in placed:
            cells = tuple(
                tuple(
                    _paragraph(originals[k], p, facts_of[originals[k].id], anchors, fact_anchor, detached)
                    for p, detached in row[k]
                )
                for k in range(len(originals))
            )
            rows.append(SideRow(cells, shared=shared, own=not shared))
        yield SideBySide(event, columns, tuple(rows))


def _column(
    article: Article,
    copies: Sequence[Article],
    facts_of: Mapping[str, list[Fact]],
    anchors: Anchors,
    fact_anchor: Mapping[str, str],
) -> Column:
    outside = tuple(
        fact_anchor[f.id]
        for f in facts_of.get(article.id, [])
        if not any(p.start <= f.start < p.end for p in article.paragraphs)
    )
    return Column(
        anchor=anchors("article", article.id),
        outlet=article.outlet,
        article=article.id,
        title=article.title,
        published=article.published,
        copies=tuple(
            Copy(
                anchor=anchors("article", c.id),
                outlet=c.outlet,
                title=c.title,
                published=c.published,
                score=c.duplicate_score,
                paragraphs=tuple(p.of(c.text) for p in c.paragraphs),
                anchors=tuple(fact_anchor[f.id] for f in facts_of.get(c.id, [])),
            )
            for c in sorted(copies, key=lambda c: (c.outlet, c.id))
        ),
        extra_anchors=outside,
    )


Placement = list[list[tuple[int, bool]]]  # per column: (paragraph index, detached from its group)


def layout(columns: Sequence[Article], alignments: Sequence[Alignment]) -> list[Placement]:
    """Rows of the side-by-side table: aligned paragraphs side by side, every column in its own order.

    A merge of the columns: at each step, among the rows whose paragraphs are all next in their
    columns, the one earliest in its articles (mean relative position) goes first. When alignments
    cross (A1~B2 and A2~B1) no row is ready; the earliest waiting paragraph is then shown on its own,
    marked ``detached``, so no column is ever reordered.
    """
    col_of = {a.id: k for k, a in enumerate(columns)}
    sizes = [len(a.paragraphs) for a in columns]
    group_of: dict[tuple[int, int], int] = {}
    groups: dict[int, set[tuple[int, int]]] = {}
    for number, alignment in enumerate(sorted(alignments, key=lambda al: al.id)):
        members = {
            (col_of[m.article], m.paragraph)
            for m in alignment.members
            if m.article in col_of and 0 <= m.paragraph < sizes[col_of[m.article]]
        }
        members = {m for m in members if m not in group_of}
        if len({c for c, _ in members}) < 2:
            continue
        # One run of consecutive paragraphs per column; the rest of a column's members stay single.
        kept: set[tuple[int, int]] = set()
        for column in {c for c, _ in members}:
            indices = sorted(p for c, p in members if c == column)
            run = [indices[0]]
            for p in indices[1:]:
                if p == run[-1] + 1:
                    run.append(p)
            kept.update((column, p) for p in run)
        groups[number] = kept
        for member in kept:
            group_of[member] = number

    def position(column: int, paragraph: int) -> float:
        return paragraph / max(sizes[column], 1)

    pointers = [0] * len(columns)
    rows: list[Placement] = []
    detached: set[tuple[int, int]] = set()
    while any(pointers[c] < sizes[c] for c in range(len(columns))):
        heads = [(c, pointers[c]) for c in range(len(columns)) if pointers[c] < sizes[c]]
        candidates: list[tuple[float, int, int | None, tuple[int, int]]] = []
        for head in heads:
            found = group_of.get(head)
            if found is None:
                candidates.append((position(*head), head[0], None, head))
            elif _ready(groups[found], pointers):
                group = groups[found]
                mean = sum(position(*m) for m in group) / len(group)
                candidates.append((mean, min(c for c, _ in group), found, head))
        if candidates:
            _pos, _col, chosen, head = min(candidates, key=lambda item: (item[0], item[1]))
            members = groups[chosen] if chosen is not None else {head}
        else:
            head = min(heads, key=lambda h: (position(*h), h[0]))
            broken = group_of.pop(head)
            groups[broken].discard(head)
            if len({c for c, _ in groups[broken]}) < 2:
                for member in groups.pop(broken):
                    group_of.pop(member, None)
                    detached.add(member)
            detached.add(head)
            members = {head}
        row: Placement = [[] for _ in columns]
        for column, paragraph in sorted(members):
            row[column].append((paragraph, (column, paragraph) in detached))
            pointers[column] = max(pointers[column], paragraph + 1)
        rows.append(row)
    return rows


def _is_shared(row: Placement) -> bool:
    """A row of :func:`layout` is shared when it holds paragraphs of two columns or more."""
    return sum(1 for cell in row if cell) > 1


def merge_gaps(rows: list[Placement]) -> list[tuple[Placement, bool]]:
    """Rows with their shared flag, consecutive unshared rows merged into one: between two shared
    rows, each column shows its own run of paragraphs (every column keeps its order; a long table of
    one-cell rows is hard to read and slow to lay out)."""
    merged: list[tuple[Placement, bool]] = []
    for row in rows:
        shared = _is_shared(row)
        if merged and not shared and not merged[-1][1] and _fits(merged[-1][0], row):
            for column, cell in enumerate(row):
                merged[-1][0][column].extend(cell)
        else:
            merged.append(([list(cell) for cell in row], shared))
    return merged


def _fits(row: Placement, more: Placement) -> bool:
    """Whether ``more`` can join ``row`` without a column passing :data:`GAP_PARAGRAPHS`: a table row
    many pages long is slow to lay out (WeasyPrint re-lays it at every page break) and hard to read."""
    return all(len(a) + len(b) <= GAP_PARAGRAPHS for a, b in zip(row, more, strict=True))


def _ready(members: set[tuple[int, int]], pointers: Sequence[int]) -> bool:
    """All of a group's paragraphs are next in their columns."""
    for column in {c for c, _ in members}:
        indices = sorted(p for c, p in members if c == column)
        if indices[0] != pointers[column]:
            return False
    return True


def _paragraph(
    article: Article,
    index: int,
    facts: Sequence[Fact],
    anchors: Anchors,
    fact_anchor: Mapping[str, str],
    detached: bool,
) -> Paragraph:
    """One paragraph cut into segments at every fact boundary; fact anchors where the facts start."""
    span = article.paragraphs[index]
    inside = [f for f in facts if f.start < span.end and f.end > span.start]
    cuts = {span.start, span.end}
    for f in inside:
        cuts.update((max(f.start, span.start), min(f.end, span.end)))
    points = sorted(cuts)
    placed: set[str] = set()
    segments = []
    for start, end in itertools.pairwise(points):
        covering = [f for f in inside if f.start < end and f.end > start]
        # Facts starting inside this segment (a zero-length fact covers nothing but still gets its anchor).
        starting = tuple(
            fact_anchor[f.id]
            for f in sorted(inside, key=lambda f: (f.start, f.id))
            if start <= max(f.start, span.start) < end and f.id not in placed
        )
        placed.update(f.id for f in inside if start <= max(f.start, span.start) < end)
        kinds = sorted(
            {f.kind for f in covering}, key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 99
        )
        segments.append(Segment(article.text[start:end], kinds[0] if kinds else None, starting))
    return Paragraph(anchors("p", f"{article.id}/{index}"), index + 1, tuple(segments), detached)
