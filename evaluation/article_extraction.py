"""Article extraction: how well ingest + clean find a scraped page's article body.

Scoring, as the eval README states it: each page is given to the tool as ``html`` (the gzip file named in
``html_file``, decoded); the body is the text of the tool's ``articles[].paragraphs``; word-token precision
and recall per page against ``gold_text`` (tokens counted as a multiset, so a paragraph kept twice costs
precision), averaged over pages, then F1 of the two averages.

Word tokens are runs of letters and digits (``\\w+``), compared case-sensitively. A page for which the
tool finds no body scores precision 0 and recall 0; a page that cannot be read at all becomes a problem
and scores the same (nothing extracted), so failures count against the tool rather than vanish.

Pages are also scored in two halves, split by id (``halves``): tune on one, report the other.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evaluation.common import GOLD_FIELDS, Score, read_jsonl
from reporter.ingest import Unreadable, decode, from_record
from reporter.model import Article

ANCHOR = "trafilatura 0.958 (precision mode 0.962); readability-lxml 0.959"
TARGET = 0.96
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class PageScore:
    """Word-token precision and recall of one page's extracted body against its gold text."""

    page: str
    precision: float
    recall: float


def tokens(text: str) -> Counter[str]:
    """Word tokens of ``text`` as a multiset."""
    return Counter(_TOKEN.findall(text))


def score_page(page: str, predicted: str, gold: str) -> PageScore:
    """Precision and recall of ``predicted`` word tokens against ``gold`` (0 for an empty side)."""
    found, wanted = tokens(predicted), tokens(gold)
    common = sum((found & wanted).values())
    precision = common / sum(found.values()) if found else 0.0
    recall = common / sum(wanted.values()) if wanted else 0.0
    return PageScore(page, precision, recall)


def summarise(pages: Sequence[PageScore], label: str = "") -> list[Score]:
    """Averaged precision and recall over ``pages``, and the F1 of those two averages."""
    n = len(pages)
    precision = sum(p.precision for p in pages) / n if n else 0.0
    recall = sum(p.recall for p in pages) / n if n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    prefix = f"extraction{label}"
    return [
        Score(f"{prefix}: token F1", f1, TARGET if not label else None, ANCHOR, n),
        Score(f"{prefix}: token precision", precision, None, ANCHOR, n),
        Score(f"{prefix}: token recall", recall, None, ANCHOR, n),
    ]


def halves(page_ids: Iterable[str]) -> dict[str, str]:
    """Each page id's half, ``"tune"`` or ``"check"``: alternate pages in id order (an even split)."""
    return {page: ("tune", "check")[i % 2] for i, page in enumerate(sorted(page_ids))}


def evaluate(data_dir: Path, limit: int | None = None) -> list[Score]:
    """Token F1, precision and recall over every page, then over each half (tune/check)."""
    records = list(read_jsonl(data_dir / "articles.jsonl"))[:limit]
    gold = {str(r["id"]): str(r.get("gold_text") or "") for r in records}
    bodies = extract_bodies(data_dir, records)
    pages = [score_page(page, bodies.get(page, ""), text) for page, text in gold.items()]
    scores = summarise(pages)
    split = halves(gold)
    for name in ("tune", "check"):
        scores += summarise([p for p in pages if split[p.page] == name], label=f" ({name} half)")
    return scores


def extract_bodies(data_dir: Path, records: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Each page's body as the tool finds it through the public pipeline, by page id."""
    articles = [a for a in (to_html_article(data_dir, r) for r in records) if a is not None]
    return {a.id: "\n\n".join(span.of(a.text) for span in a.paragraphs) for a in run_tool(articles)}


def run_tool(articles: list[Article]) -> Sequence[Article]:
    """The articles after the public pipeline (``reporter.pipeline.analyze``).

    While a later stage cannot be imported (stages still being written), ingest + clean alone: no later
    stage changes ``paragraphs``, so the body scored is the same.
    """
    try:
        from reporter.pipeline import analyze
    except ImportError:
        from reporter.clean import clean
        from reporter.config import CleanConfig

        return clean(articles, CleanConfig())
    return analyze(articles).articles


def to_html_article(data_dir: Path, record: Mapping[str, Any]) -> Article | None:
    """The tool-input article for one page: its HTML as ``html``, gold fields stripped.

    ``None`` when the tool cannot read the page (scored as an empty extraction).
    """
    fields = {k: v for k, v in record.items() if k not in GOLD_FIELDS and k != "html_file"}
    fields["cluster"] = str(record["id"])  # each page is its own story
    fields["html"] = read_html(data_dir / str(record["html_file"]))
    try:
        return from_record(fields, source=str(record["id"]))
    except Unreadable:
        return None


def read_html(path: Path) -> str:
    """A gzip-compressed page as text, decoded as ingest decodes files (BOM, UTF-8, detected charset)."""
    data = gzip.decompress(path.read_bytes())
    try:
        return decode(data)
    except Unreadable:
        return data.decode("utf-8", errors="replace")
