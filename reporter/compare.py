"""Compare: the same fact across the outlets of one event, and who includes, omits or differs.

Facts of one event are put in *groups*, one per thing an editor would compare:

- casualty: status and kind of victim ("killed: people", "killed: combatants"); outlets whose largest
  figure differs from the figure most outlets give are marked ``differs``;
- quote: the speaker (spelling variants and name lengths folded by :func:`reporter.entities.person_key`);
- denial: the denier (a capital stands for its state: "Kyiv" = "Ukraine");
- caveat: one group, the verification disclaimer;
- label: the word used (singular and plural folded).

Every outlet of the event gets a cell in every group. An ``omitted`` cell carries the outlet's sentence
nearest to the group's evidence, with its similarity, so a reader can judge whether the outlet really
left the fact out or said it in words the extractor did not catch; the cell's confidence falls as that
similarity rises, and a close sentence is flagged in the cell's note.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reporter.config import CompareConfig
from reporter.entities import canonical_actor, person_key
from reporter.model import Article, Cell, Coverage, Fact, Nearest, Span, Story
from reporter.similarity import similarity_matrix
from reporter.text import sentences, singular, words

if TYPE_CHECKING:
    import numpy as np

KIND_ORDER = ("casualty", "denial", "quote", "caveat", "label")
# A nearest sentence at least this similar to the evidence makes an omission doubtful.
DOUBTFUL = 0.5

_COMBATANTS = frozenset(
    words(
        """raiders fighters soldiers troops militants rebels legionnaires saboteurs servicemen insurgents
        combatants attackers gunmen enemy personnel paratroopers commandos partisans separatists marines
        guardsmen recruits terrorists"""
    )
)
_PERPETRATORS = frozenset(words("gunman shooter suspect attacker robber assailant intruder bomber"))
_OFFICERS = frozenset(
    words(
        "officer officers deputy deputies trooper troopers police policeman policemen cop cops agent agents"
    )
)


def compare(
    articles: Sequence[Article], stories: Sequence[Story], facts: Sequence[Fact], cfg: CompareConfig
) -> tuple[list[Fact], list[Coverage]]:
    """Facts with ``story`` and ``group`` set, and one coverage row per fact group of every event."""
    by_id = {a.id: a for a in articles}
    by_article: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        by_article[fact.article].append(fact)
    grouped: list[Fact] = []
    coverage: list[Coverage] = []
    for story in stories:
        for event in story.events:
            originals = [by_id[i] for i in event.articles if i in by_id and by_id[i].duplicate_of is None]
            event_facts = [f for a in originals for f in by_article[a.id]]
            facts_out, rows = _compare_event(story.id, event.id, originals, event_facts, cfg)
            grouped += facts_out
            coverage += rows
    grouped.sort(key=lambda f: (f.article, f.start, f.end, f.kind, f.id))
    return grouped, coverage


def _compare_event(
    story: str, event: str, originals: Sequence[Article], facts: Sequence[Fact], cfg: CompareConfig
) -> tuple[list[Fact], list[Coverage]]:
    outlet_of = {a.id: a.outlet for a in originals}
    outlets = sorted(set(outlet_of.values()))
    groups: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        groups[(fact.kind, group_key(fact))].append(fact)
    nearest = _NearestIndex(originals, [f.evidence for f in facts])
    out_facts: list[Fact] = []
    rows: list[Coverage] = []
    for (kind, key), members in sorted(groups.items(), key=lambda item: _group_order(*item[0])):
        group_id = f"{event}/{kind}/{_slug(key)}"
        out_facts += [dataclasses.replace(f, story=story, group=group_id) for f in members]
        if not key:  # e.g. a quote with no speaker: listed, but nothing to compare
            continue
        cells = _cells(kind, members, outlets, outlet_of, nearest, cfg)
        rows.append(Coverage(story, event, group_id, kind, _label(kind, key, members), cells))
    return out_facts, rows


def _group_order(kind: str, key: str) -> tuple[int, str]:
    return (KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), key)


class _NearestIndex:
    """Every body sentence of an event against every evidence sentence of its facts, computed once:
    an event has many (group, outlet) cells and one similarity matrix serves them all."""

    def __init__(self, originals: Sequence[Article], evidence: Sequence[str]) -> None:
        self.evidence = sorted(set(evidence))
        self.row = {text: i for i, text in enumerate(self.evidence)}
        self.sentences: dict[str, list[tuple[Article, Span, int]]] = defaultdict(list)
        self.texts: list[str] = []
        for article in originals:
            for paragraph in article.paragraphs:
                for span in sentences(article.text, paragraph):
                    self.sentences[article.outlet].append((article, span, len(self.texts)))
                    self.texts.append(span.of(article.text))
        self.scores: np.ndarray | None = None  # made at the first omission: most events have none
        self.by_outlet: dict[str, np.ndarray] = {}  # each outlet's columns of ``scores``, cut once

    def closest(self, evidence: Sequence[str], outlet: str) -> tuple[Article, Span, float] | None:
        """The outlet's sentence most similar to any of ``evidence``, with that similarity."""
        candidates = self.sentences.get(outlet)
        if not candidates:
            return None
        if self.scores is None:
            self.scores = similarity_matrix(self.evidence, self.texts)
        if outlet not in self.by_outlet:
            self.by_outlet[outlet] = self.scores[:, [column for _, _, column in candidates]]
        block = self.by_outlet[outlet][[self.row[text] for text in evidence]].max(axis=0)
        best = int(block.argmax())
        article, span, _ = candidates[best]
        return article, span, float(block[best])


def group_key(fact: Fact) -> str:
    """What makes two facts "the same fact" for the coverage matrix (empty: not comparable)."""
    if fact.kind == "casualty":
        key = f"{fact.status}: {victim_class(fact.victims)}"
        # "Without casualties", "no one was hurt": a zero is said of one incident (a drone shot down),
        # rarely as a rival toll of the event, so it is its own fact and never makes a figure "differ".
        return f"{key}: none" if fact.count == 0 else key
    if fact.kind == "quote":
        return person_key(fact.speaker) if fact.speaker else ""
    if fact.kind == "denial":
        return person_key(fact.denier) if fact.denier else "unnamed"
    if fact.kind == "label":
        return singular(fact.label or "")
    return fact.kind


def victim_class(victims: str | None) -> str:
    """ "combatants", "officers", "perpetrators" or "people" (civilians and everyone unspecified)."""
    words = set(re.findall(r"[a-z]+", (victims or "").lower()))
    if words & _COMBATANTS:
        return "combatants"
    if words & _OFFICERS:
        return "officers"
    if words & _PERPETRATORS:
        return "perpetrators"
    return "people"


def _cells(
    kind: str,
    members: Sequence[Fact],
    outlets: Sequence[str],
    outlet_of: dict[str, str],
    nearest: _NearestIndex,
    cfg: CompareConfig,
) -> dict[str, Cell]:
    by_outlet: dict[str, list[Fact]] = defaultdict(list)
    for fact in members:
        by_outlet[outlet_of[fact.article]].append(fact)
    consensus = _consensus(by_outlet) if kind == "casualty" else None
    evidence = sorted({f.evidence for f in members})
    cells: dict[str, Cell] = {}
    for outlet in outlets:
        own = by_outlet.get(outlet)
        if own:
            cells[outlet] = _present(own, consensus)
        else:
            cells[outlet] = _omitted(nearest.closest(evidence, outlet), cfg)
    return cells


def _figure(facts: Sequence[Fact]) -> int | None:
    counts = [f.count for f in facts if f.count is not None]
    return max(counts) if counts else None


def _consensus(by_outlet: dict[str, list[Fact]]) -> int | None:
    """The figure most outlets give (ties: the larger); ``None`` when no outlet gives a number."""
    figures = Counter(fig for facts in by_outlet.values() if (fig := _figure(facts)) is not None)
    if not figures:
        return None
    return max(figures, key=lambda fig: (figures[fig], fig))


def _present(own: Sequence[Fact], consensus: int | None) -> Cell:
    ids = tuple(sorted(f.id for f in own))
    confidence = max(f.confidence for f in own)
    figure = _figure(own)
    if consensus is not None and figure is not None and figure != consensus:
        return Cell(
            "differs", ids, confidence=confidence, note=f"gives {figure}; most outlets give {consensus}"
        )
    return Cell("included", ids, confidence=confidence)


def _omitted(closest: tuple[Article, Span, float] | None, cfg: CompareConfig) -> Cell:
    if closest is None:
        return Cell("omitted", confidence=0.5, note="no body text to compare")
    article, span, similarity = closest
    nearest = None
    if similarity >= cfg.nearest_min_similarity:
        nearest = Nearest(article.id, span.start, span.end, span.of(article.text), similarity)
    note = "a close sentence: check before relying on this omission" if similarity >= DOUBTFUL else None
    return Cell("omitted", nearest=nearest, confidence=round(1.0 - similarity, 4), note=note)


def _label(kind: str, key: str, members: Sequence[Fact]) -> str:
    """A reader's name for the group: "2 people killed (per the governor)", "Quotes: Dmitry Peskov"."""
    if kind == "casualty":
        status, victims, *none = key.split(": ")
        figure = _consensus({f.article: [f] for f in members})
        sources = Counter(f.attributed_to for f in members if f.attributed_to)
        per = f" (per {sources.most_common(1)[0][0]})" if sources else ""
        amount = "no" if none else figure if figure is not None else "some"
        return f"{amount} {victims} {status}{per}"
    if kind == "quote":
        return f"Quotes {_longest(f.speaker for f in members)}"
    if kind == "denial":
        return f"Denial by {_longest(canonical_actor(f.denier) for f in members if f.denier) or 'an unnamed party'}"
    if kind == "caveat":
        return "Verification caveat"
    if kind == "label":
        words = Counter(f.label for f in members if f.label)
        return f"Calls them “{words.most_common(1)[0][0]}”" if words else "Label"
    return kind


def _longest(names: object) -> str:
    found = [n for n in names if n]  # type: ignore[attr-defined]
    return max(found, key=lambda n: (len(n.split()), len(n), n)) if found else ""


def _slug(key: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-") or "x"
