"""The one place that knows the order of the stages. Read it top to bottom.

Everything here is pure: articles in, an :class:`~reporter.model.Analysis` out. File and network I/O
happen only at the edges (``ingest`` before, ``render`` after, ``cli`` around both).

Two phases. :func:`group` works on the whole corpus (cleaning, duplicates and clustering need to see
every article); :func:`analyze_story` then works on one story at a time (facts, alignment, comparison),
which is where the costly NLP is, so stories can run in parallel on local cores or on a Dask cluster:
pass any ``concurrent.futures.Executor`` (``ProcessPoolExecutor``, or ``Client.get_executor()``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from reporter import align, clean, cluster, compare, dedupe, overrides
from reporter.config import Config
from reporter.model import Alignment, Analysis, Article, Coverage, Fact, Problem, Story
from reporter.overrides import Overrides

Progress = Callable[[str], None]
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class StoryResult:
    """What the per-story phase finds for one story."""

    facts: tuple[Fact, ...]
    alignments: tuple[Alignment, ...]
    coverage: tuple[Coverage, ...]


def analyze(
    articles: Iterable[Article],
    cfg: Config | None = None,
    problems: Iterable[Problem] = (),
    progress: Progress | None = None,
    executor: Executor | None = None,
    corrections: Overrides | None = None,
) -> Analysis:
    """Run every stage on ``articles`` and return the analysis that all renderings read.

    ``problems`` are input problems found by ingest; they travel into the analysis unchanged.
    ``progress`` is called with the name of each phase as it starts. ``executor`` runs the per-story
    phase in parallel; without one it runs here, in order. ``corrections`` are the analyst's
    overrides (``reporter.overrides``): outlet renames apply first, speaker merges before comparing,
    omission and figure marks last.
    """
    cfg = cfg or Config()
    corrections = corrections or Overrides()
    say = progress or (lambda _phase: None)
    grouped, stories = group(overrides.rename_outlets(list(articles), corrections), cfg, say, executor)

    say("facts, alignment, comparison")
    members = _articles_by_story(grouped, stories)
    work = partial(analyze_story, cfg=cfg, corrections=corrections)
    if executor is None:
        results = list(map(work, stories, members))
    else:
        # Largest stories first: aligning a story costs about the square of its size, and one big story
        # handed out last would keep one worker busy while the others sit idle.
        order = sorted(range(len(stories)), key=lambda k: (-_cost(members[k]), k))
        done = executor.map(work, [stories[k] for k in order], [members[k] for k in order])
        by_index = dict(zip(order, done, strict=True))
        results = [by_index[k] for k in range(len(stories))]

    analysis = Analysis(
        articles=tuple(grouped),
        stories=tuple(stories),
        alignments=tuple(a for r in results for a in r.alignments),
        facts=tuple(f for r in results for f in r.facts),
        coverage=tuple(c for r in results for c in r.coverage),
        problems=tuple(problems),
        settings=cfg.as_dict(),
    )
    return overrides.apply_to_coverage(analysis, corrections) if corrections else analysis


def group(
    articles: list[Article], cfg: Config, say: Progress, executor: Executor | None = None
) -> tuple[list[Article], list[Story]]:
    """The corpus-wide phase: clean every article, link duplicates, cluster stories and events.

    With an ``executor``, clustering reads each article's names and dates on its workers (they are
    idle until the per-story phase) and here too (see :func:`_shared_map`).
    """
    say("clean")
    cleaned = clean.clean(articles, cfg.clean)
    say("dedupe")
    deduped = dedupe.dedupe(cleaned, cfg.dedupe)
    say("cluster")
    return cluster.cluster(
        deduped, cfg.cluster, partial(_shared_map, executor) if executor is not None else map
    )


def _shared_map(executor: Executor, function: Callable[[T], R], items: Iterable[T]) -> list[R]:
    """``list(map(function, items))``, the items handed to ``executor`` and worked on here as well: this
    process takes, from the last, every item no worker has started. Workers may still be starting
    (loading spaCy) when the corpus-wide phase needs them; this process would otherwise wait idle. The
    function must be pure: an item is computed once, here or there, and the results keep item order."""
    work = list(items)
    futures = [executor.submit(function, item) for item in work]
    done: dict[int, R] = {}
    for k in reversed(range(len(work))):
        if futures[k].cancel():  # not started anywhere: do it here
            done[k] = function(work[k])
    return [done[k] if k in done else futures[k].result() for k in range(len(work))]


def analyze_story(
    story: Story, articles: Sequence[Article], cfg: Config, corrections: Overrides | None = None
) -> StoryResult:
    """The per-story phase: extract facts, align paragraphs, compare outlets. Pure and picklable."""
    # Imported here: compiling the extractors' patterns takes half a second, and a process that hands
    # the stories to workers never extracts a fact (the workers import it while it groups the corpus).
    from reporter import facts

    found = overrides.merge_speakers(facts.extract(articles, cfg.facts), corrections or Overrides())
    alignments = align.align(list(articles), [story], cfg.align)
    grouped, coverage = compare.compare(list(articles), [story], found, cfg.compare)
    return StoryResult(tuple(grouped), tuple(alignments), tuple(coverage))


def _cost(articles: Sequence[Article]) -> int:
    """A rough measure of a story's per-story work, for ordering: its originals' length, times their
    number (alignment compares every article's paragraphs with every other's)."""
    originals = [a for a in articles if a.duplicate_of is None]
    return sum(len(a.text) for a in originals) * len(originals)


def _articles_by_story(articles: Sequence[Article], stories: Sequence[Story]) -> list[list[Article]]:
    by_id = {a.id: a for a in articles}
    return [[by_id[article_id] for article_id in story.articles] for story in stories]
