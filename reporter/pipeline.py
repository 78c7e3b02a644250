"""The one place that knows the order of the stages. Read it top to bottom.

Everything here is pure: articles in, an :class:`~reporter.model.Analysis` out. File and network I/O
happen only at the edges (``ingest`` before, ``render`` after, ``cli`` around both).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from reporter import align, clean, cluster, compare, dedupe, facts
from reporter.config import Config
from reporter.model import Analysis, Article, Problem

Progress = Callable[[str], None]


def analyze(
    articles: Iterable[Article],
    cfg: Config | None = None,
    problems: Iterable[Problem] = (),
    progress: Progress | None = None,
) -> Analysis:
    """Run every stage on ``articles`` and return the analysis that all renderings read.

    ``problems`` are input problems found by ingest; they travel into the analysis unchanged.
    ``progress`` is called with the name of each stage as it starts (for a progress display).
    """
    cfg = cfg or Config()
    say = progress or (lambda _stage: None)

    say("clean")
    cleaned = clean.clean(list(articles), cfg.clean)
    say("dedupe")
    deduped = dedupe.dedupe(cleaned, cfg.dedupe)
    say("cluster")
    clustered, stories = cluster.cluster(deduped, cfg.cluster)
    say("facts")
    found = facts.extract(clustered, cfg.facts)
    say("align")
    alignments = align.align(clustered, stories, cfg.align)
    say("compare")
    grouped, coverage = compare.compare(clustered, stories, found, cfg.compare)

    return Analysis(
        articles=tuple(clustered),
        stories=tuple(stories),
        alignments=tuple(alignments),
        facts=tuple(grouped),
        coverage=tuple(coverage),
        problems=tuple(problems),
        settings=cfg.as_dict(),
    )
