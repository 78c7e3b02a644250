"""A monitoring desk's day: a whole corpus in, one report folder per story, an index and a dataset out.

The corpus-wide phase (clean, dedupe, cluster) runs here; the per-story phase (facts, alignment,
comparison, rendering) runs on an executor: local processes by default, a Dask cluster when asked.
Resumable: each story folder keeps a fingerprint of its input and settings, and a story whose
fingerprint is unchanged is not recomputed (its report.json still feeds the corpus dataset).

Remote Dask workers write the story folders themselves, so ``out_dir`` must be on a file system the
workers share with this process (a local cluster always does).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reporter import __version__, pipeline
from reporter.config import Config
from reporter.model import Analysis, Article, Problem, Story

FINGERPRINT = ".fingerprint"


@dataclass(frozen=True, slots=True)
class StoryJob:
    """One story's work, everything a worker needs (picklable)."""

    story: Story
    articles: tuple[Article, ...]
    folder: Path
    fingerprint: str
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class BatchResult:
    stories: int
    computed: int
    reused: int
    index: Path
    dataset: list[Path]


def run(
    articles: Sequence[Article],
    problems: Sequence[Problem],
    out_dir: Path,
    cfg: Config,
    executor: Executor | None = None,
    progress: Callable[[Iterator[dict[str, Any]], int], Iterator[dict[str, Any]]] | None = None,
    say: pipeline.Progress | None = None,
) -> BatchResult:
    """Report every story of ``articles`` into ``out_dir``; see the module docstring."""
    from reporter import dataset
    from reporter.render import write_index
    from reporter.render.output import slug

    articles_grouped, stories = pipeline.group(list(articles), cfg, say or (lambda _s: None), executor)
    by_id = {a.id: a for a in articles_grouped}
    jobs: list[StoryJob] = []
    reused: list[StoryJob] = []
    for story in stories:
        members = tuple(by_id[i] for i in story.articles)
        job = StoryJob(story, members, out_dir / slug(story.id), fingerprint(members, cfg), tuple(problems))
        (reused if _is_current(job) else jobs).append(job)

    mapper = executor.map if executor is not None else map
    computed = mapper(_run_story, jobs, [cfg] * len(jobs))
    if progress is not None:
        computed = progress(computed, len(jobs))
    reports = list(computed) + [_read_report(job.folder) for job in reused]

    entries = [(job.story, job.folder) for job in sorted(jobs + reused, key=lambda j: j.story.id)]
    index = write_index(entries, out_dir, cfg.render)
    written = dataset.write(reports, out_dir / "dataset")
    return BatchResult(len(stories), len(jobs), len(reused), index, written)


def fingerprint(articles: Sequence[Article], cfg: Config) -> str:
    """A hash of everything a story's report depends on: tool version, settings, the articles."""
    digest = hashlib.sha256()
    digest.update(f"reporter {__version__}\n".encode())
    digest.update(json.dumps(cfg.as_dict(), sort_keys=True, default=str).encode())
    for article in sorted(articles, key=lambda a: a.id):
        fields = (
            article.id,
            article.outlet,
            article.title,
            article.published,
            article.url,
            article.text,
            article.duplicate_of,
            article.event,
        )
        digest.update(json.dumps(fields, default=str).encode())
    return digest.hexdigest()


def _is_current(job: StoryJob) -> bool:
    marker = job.folder / FINGERPRINT
    return (
        (job.folder / "report.json").is_file() and marker.is_file() and marker.read_text() == job.fingerprint
    )


def _run_story(job: StoryJob, cfg: Config) -> dict[str, Any]:
    """Analyse and render one story; runs on a worker. Returns its report.json document."""
    from reporter.render import write_story
    from reporter.render.json import to_json
    from reporter.render.output import write_atomic

    result = pipeline.analyze_story(job.story, job.articles, cfg)
    analysis = Analysis(
        articles=job.articles,
        stories=(job.story,),
        alignments=result.alignments,
        facts=result.facts,
        coverage=result.coverage,
        problems=job.problems,
        settings=cfg.as_dict(),
    )
    write_story(analysis, job.folder, cfg.render)
    # The fingerprint goes last: a story interrupted before this line is recomputed next time.
    write_atomic(job.folder / FINGERPRINT, job.fingerprint.encode())
    return to_json(analysis)


def _read_report(folder: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    return document
