"""PolNeAR: quotes (direct, indirect and mixed attributions) and their speakers, per article.

Scoring, as the eval README states it. Each article is its own story. A tool quote's span is its
``quote`` text located inside ``[start, end]`` (else ``[start, end]`` itself). A gold attribution is
*found* when some tool quote overlaps its content span (``char_start``..``char_end``) by at least half
of the shorter of the two spans; a tool quote is *correct* when it so overlaps some gold attribution.
Recall is over gold attributions, precision over tool quotes.

Speaker accuracy is over found attributions whose gold speaker span contains a capitalised name (a
capitalised word that is not a sentence-initial function word such as "The" or "One"): right when the
tool's speaker (of the tool quote overlapping the attribution most) shares one of those name words,
case-insensitive ("Trump" for "Donald Trump").

Articles are also scored in two halves split by a hash of their id (``half``), so a rule tuned on
one half can be checked on the other.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from evaluation.common import Score, read_jsonl, to_article
from reporter.entities import COMMON
from reporter.model import Article, Fact

QUOTE_ANCHOR = (
    "textacy direct_quotations 0.38; reporting verb + nearest entity 0.48; Gender Gap Tracker 0.76-0.84"
)
SPEAKER_ANCHOR = "textacy 0.87; GGT 0.865-0.874"
HALVES = ("tune", "check")


@dataclass(frozen=True, slots=True)
class Gold:
    """One gold attribution: its content span and the speaker text (``None`` when unannotated)."""

    article: str
    start: int
    end: int
    speaker: str | None


@dataclass(frozen=True, slots=True)
class Found:
    """One tool quote as the scorer sees it: the located content span and the speaker."""

    article: str
    start: int
    end: int
    speaker: str | None


@dataclass(frozen=True, slots=True)
class Tally:
    """The counts behind recall, precision and speaker accuracy."""

    gold: int
    found_gold: int
    tool: int
    correct_tool: int
    named: int  # found attributions whose gold speaker holds a capitalised name
    named_right: int

    @property
    def recall(self) -> float:
        return self.found_gold / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.correct_tool / self.tool if self.tool else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.named_right / self.named if self.named else 0.0


def evaluate(data_dir: Path, limit: int | None = None) -> list[Score]:
    """Quote recall, precision, F1 and speaker accuracy over the articles, then per half."""
    records = list(read_jsonl(data_dir / "articles.jsonl"))[:limit]
    ids = {str(r["id"]) for r in records}
    gold = read_gold(read_jsonl(data_dir / "quotes.jsonl"), ids)
    articles = [to_article(r, keep_cluster=str(r["id"])) for r in records]
    texts = {a.id: a.text for a in articles}
    found = located(run_tool(articles), texts)
    scores = summarise(tally(gold, found, ids), "")
    for name in HALVES:
        part = {i for i in ids if half(i) == name}
        scores += summarise(tally(gold, found, part), f" ({name} half)")
    return scores


def summarise(counts: Tally, label: str) -> list[Score]:
    return [
        Score(
            f"quotes PolNeAR: F1{label}", counts.f1, 0.80 if not label else None, QUOTE_ANCHOR, counts.gold
        ),
        Score(f"quotes PolNeAR: recall{label}", counts.recall, None, QUOTE_ANCHOR, counts.gold),
        Score(f"quotes PolNeAR: precision{label}", counts.precision, None, QUOTE_ANCHOR, counts.tool),
        Score(
            f"speakers PolNeAR: accuracy{label}",
            counts.speaker_accuracy,
            0.87 if not label else None,
            SPEAKER_ANCHOR,
            counts.named,
        ),
    ]


def half(article_id: str) -> str:
    """``"tune"`` or ``"check"``: a stable split of article ids by the parity of their SHA-1."""
    return HALVES[hashlib.sha1(article_id.encode("utf-8")).digest()[0] % 2]


def read_gold(rows: Iterable[Mapping[str, Any]], ids: set[str]) -> list[Gold]:
    """The gold attributions of the articles in ``ids`` (rows without a content span are skipped)."""
    out = []
    for row in rows:
        article = str(row.get("article_id"))
        start, end = row.get("char_start"), row.get("char_end")
        if article in ids and isinstance(start, int) and isinstance(end, int) and end > start:
            speaker = row.get("speaker")
            out.append(Gold(article, start, end, speaker if isinstance(speaker, str) else None))
    return out


def run_tool(articles: list[Article]) -> list[Fact]:
    """The tool's quote facts through the public pipeline, each article its own story.

    A copy the tool links to an original gets the original's quotes (as the report shows them).
    """
    from reporter.config import Config, FactsConfig
    from reporter.pipeline import analyze

    analysis = analyze(articles, Config(facts=FactsConfig(extractors=("quotes",))))
    by_article: dict[str, list[Fact]] = defaultdict(list)
    for fact in analysis.facts:
        by_article[fact.article].append(fact)
    out = [f for f in analysis.facts if f.kind == "quote"]
    for article in analysis.articles:
        if article.duplicate_of is not None:
            out.extend(replace(f, article=article.id) for f in by_article.get(article.duplicate_of, ()))
    return [f for f in out if f.kind == "quote"]


def located(facts: Iterable[Fact], texts: Mapping[str, str]) -> list[Found]:
    """Each quote fact's scored span: its ``quote`` found inside ``[start, end]``, else ``[start, end]``."""
    out = []
    for fact in facts:
        start, end = fact.start, fact.end
        text = texts.get(fact.article, "")
        if fact.quote:
            at = text.find(fact.quote, fact.start, fact.end)
            if at >= 0:
                start, end = at, at + len(fact.quote)
        out.append(Found(fact.article, start, end, fact.speaker))
    return out


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters the two half-open spans share, when that is at least half the shorter; else 0."""
    shared = min(a_end, b_end) - max(a_start, b_start)
    shorter = min(a_end - a_start, b_end - b_start)
    return shared if shared > 0 and 2 * shared >= shorter else 0


def tally(gold: Sequence[Gold], found: Sequence[Found], ids: Iterable[str]) -> Tally:
    """Counts over the articles in ``ids``."""
    keep = set(ids)
    gold_by: dict[str, list[Gold]] = defaultdict(list)
    found_by: dict[str, list[Found]] = defaultdict(list)
    for g in gold:
        if g.article in keep:
            gold_by[g.article].append(g)
    for f in found:
        if f.article in keep:
            found_by[f.article].append(f)
    n_gold = found_gold = n_tool = correct_tool = named = named_right = 0
    for article in keep:
        golds, tools = gold_by.get(article, []), found_by.get(article, [])
        n_gold += len(golds)
        n_tool += len(tools)
        correct_tool += sum(any(overlaps(t.start, t.end, g.start, g.end) for g in golds) for t in tools)
        for g in golds:
            best = max(tools, key=lambda t: overlaps(t.start, t.end, g.start, g.end), default=None)
            if best is None or not overlaps(best.start, best.end, g.start, g.end):
                continue
            found_gold += 1
            words = name_words(g.speaker)
            if words:
                named += 1
                named_right += bool(words & _words(best.speaker))
    return Tally(n_gold, found_gold, n_tool, correct_tool, named, named_right)


def name_words(speaker: str | None) -> set[str]:
    """The capitalised name words of a gold speaker span, lower-cased (empty: no name in it)."""
    if not speaker:
        return set()
    return {
        _bare(w)
        for w in re.findall(r"[\w'’.-]+", speaker)
        if w[:1].isupper() and _bare(w) not in COMMON and any(c.isalpha() for c in w)
    }


def _words(text: str | None) -> set[str]:
    return {_bare(w) for w in re.findall(r"[\w'’.-]+", text or "")}


def _bare(word: str) -> str:
    """A word lower-cased, without a possessive ending or edge punctuation ("Trump's" -> "trump")."""
    return re.sub(r"['’]s$", "", word.lower().strip(".'’-")).strip(".'’-")
