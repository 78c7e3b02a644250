"""GVA casualty ledger: per incident, is the gold death toll among the killed figures the tool reports?

Scoring, as the eval README states it: per incident (gold ``cluster``; an article listed under several
incidents in ``clusters`` serves each of them), whether the gold killed figure is among the killed
figures the tool reports in that incident's articles.

Zero deaths: an incident with gold 0 is matched only by a zero the tool reports: stated ("no one was
killed", "without casualties") or implied by an article that reports people hurt and no death
anywhere in its body (a derived figure, with low confidence). The main score is that strict
reading. Two context numbers are reported beside it, not instead of it: the score when no killed
figure at all is read as a zero, and how often the largest reported figure equals gold (a check that
the ledger is not met by listing many figures).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from evaluation.common import Score, read_jsonl, to_article
from evaluation.gvdb import half, run_tool
from reporter.model import Fact

ANCHOR = "no published anchor; GVDB regex 0.22 for scale"


def evaluate(data_dir: Path, limit: int | None = None) -> list[Score]:
    records = list(read_jsonl(data_dir / "articles.jsonl"))[:limit]
    incidents = incident_articles(records)
    gold = {
        str(row["cluster"]): int(row["value"])
        for row in read_jsonl(data_dir / "facts.jsonl")
        if row.get("kind") == "killed" and str(row.get("cluster")) in incidents
    }
    # Each article is its own story: the ledger is scored per gold incident, not per found event.
    figures = killed_figures(run_tool([to_article(r, keep_cluster=str(r["id"])) for r in records]))
    strict, lenient, largest = ledger_scores(gold, incidents, figures)
    n = len(gold)
    halves = [{k: v for k, v in gold.items() if half(k) == h} for h in (0, 1)]
    return [
        Score("casualties GVA: ledger", strict, 0.60, ANCHOR, n),
        Score("casualties GVA: ledger (none = 0)", lenient, None, "context: absence read as zero", n),
        Score("casualties GVA: largest = gold", largest, None, "context: not met by listing many", n),
        *(
            Score(f"casualties GVA: ledger ({name} half)", ledger_scores(g, incidents, figures)[0], None,
                  "context: dev halves", len(g))
            for name, g in zip(("tune", "check"), halves, strict=True)
        ),
    ]  # fmt: skip


def incident_articles(records: Iterable[Mapping[str, object]]) -> dict[str, list[str]]:
    """Incident id -> ids of its articles (``clusters`` when given, else ``cluster``)."""
    out: dict[str, list[str]] = defaultdict(list)
    for record in records:
        clusters = record.get("clusters") or [record.get("cluster")]
        for cluster in clusters if isinstance(clusters, list) else [clusters]:
            if cluster is not None:
                out[str(cluster)].append(str(record["id"]))
    return dict(out)


def killed_figures(facts: Iterable[Fact]) -> dict[str, set[int]]:
    """Article id -> the killed counts the tool reports in it (stated zeros included)."""
    out: dict[str, set[int]] = defaultdict(set)
    for fact in facts:
        if fact.kind == "casualty" and fact.status == "killed" and fact.count is not None:
            out[fact.article].add(fact.count)
    return dict(out)


def ledger_scores(
    gold: Mapping[str, int], incidents: Mapping[str, list[str]], figures: Mapping[str, set[int]]
) -> tuple[float, float, float]:
    """(strict hit rate, hit rate reading no figure as zero, largest-figure-equals-gold rate)."""
    strict = lenient = largest = 0
    for incident, value in gold.items():
        reported = set().union(*(figures.get(a, set()) for a in incidents.get(incident, [])))
        strict += value in reported
        lenient += value in (reported or {0})
        largest += max(reported, default=0) == value
    n = len(gold) or 1
    return strict / n, lenient / n, largest / n
