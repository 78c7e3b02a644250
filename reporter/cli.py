"""The command line: a few lines per command over the library API.

Exit codes: 0 success; 1 input problems under ``--strict`` (the outputs are still written);
2 usage or configuration errors (click's own code for bad usage). Heavy modules are imported inside
the commands so ``reporter --help`` answers at once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from reporter import __version__
from reporter.errors import ReporterError

if TYPE_CHECKING:
    from reporter.config import Config
    from reporter.model import Analysis, Article, Problem
    from reporter.overrides import Overrides
    from reporter.sidecar import Sidecar

T = TypeVar("T")
FORMATS = ("html", "pdf", "json", "csv")
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
LARGE_INPUT = 400  # articles; from here on the per-story work runs on local processes by default


class Failure(click.ClickException):
    """A usage/configuration error with a fix-it message: exit code 2."""

    exit_code = EXIT_USAGE


def _config(config_path: Path | None, overrides: dict[str, Any]) -> Config:
    from reporter.config import load_config

    try:
        return load_config(config_path, overrides)
    except ReporterError as error:
        raise Failure(str(error)) from error


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        raise click.BadParameter(f"{', '.join(bad) or value!r}: choose from {', '.join(FORMATS)}")
    return chosen


def _progress(stage: str) -> None:
    if sys.stderr.isatty():
        click.echo(f"  {stage} ...", err=True)


def _analyze(
    paths: Sequence[Path], cfg: Config, overrides_path: Path | None = None, workers: int | None = None
) -> Analysis:
    articles, problems = _read(paths, cfg)
    local = _local_workers(len(articles), workers)
    with _spacy_sidecar(cfg, local):
        return _run(paths, articles, problems, cfg, overrides_path, local)


def _read(paths: Sequence[Path], cfg: Config) -> tuple[list[Article], list[Problem]]:
    """The articles in ``paths`` and the problems met reading them; none readable is a usage error."""
    from reporter.ingest import load

    articles, problems = load(list(paths), cfg.ingest)
    if not articles:
        reasons = "; ".join(f"{p.source}: {p.reason}" for p in problems[:5])
        raise Failure(
            f"no readable article in {', '.join(map(str, paths))}" + (f" ({reasons})" if reasons else "")
        )
    return articles, problems


def _local_workers(articles: int, workers: int | None) -> int:
    # Processes pay for themselves only on a corpus: starting them costs about a second.
    return workers or (os.cpu_count() or 1 if articles >= LARGE_INPUT else 1)


def _spacy_sidecar(cfg: Config, local: int) -> contextlib.AbstractContextManager[None]:
    """One process: spaCy loads in a process of its own meanwhile (workers load their own)."""
    from reporter import nlp

    if local > 1 or not cfg.facts.use_spacy:
        return contextlib.nullcontext()
    # The sidecar runs extractors, which this process needs too: imported once, before the fork.
    import reporter.facts  # noqa: F401

    return nlp.loading_in_background()


@contextlib.contextmanager
def _helpers(cfg: Config, local: int) -> Iterator[Sidecar | None]:
    """A report's helper processes for the ``with`` block; gives the PDF worker (or ``None``).

    spaCy's sidecar first, after the extractors, which both need (a forked process has them already:
    imported once, not twice). This process then readies its own rendering while the model loads
    (:func:`reporter.render.background.get_ready_here`), and only then forks the PDF worker
    (:func:`reporter.render.background.pdf_worker`), which imports WeasyPrint while the analysis runs
    here. CPU is what two cores run short of: with the PDF worker started first, three processes
    shared them while this one, the longest path to the PDF, loaded (example: 4.96 -> 4.86 s median).
    """
    from reporter.render import background

    with contextlib.ExitStack() as helpers:
        with _loading(local):
            helpers.enter_context(_spacy_sidecar(cfg, local))
            if {"html", "pdf"} & set(cfg.render.formats):
                background.get_ready_here()
            pdfs = helpers.enter_context(background.pdf_worker("pdf" in cfg.render.formats))
        yield pdfs


def _loading(local: int) -> contextlib.AbstractContextManager[None]:
    """On a small input (one local process) the run is mostly loading: modules, the view's helpers,
    then an analysis whose objects live until the report is written. The cyclic collector stays out of
    the way meanwhile (:func:`reporter.collector.paused_while_loading`). A corpus's analysis allocates
    and frees for minutes: there it stays on."""
    from reporter import collector

    return collector.paused_while_loading() if local == 1 else contextlib.nullcontext()


def _run(
    paths: Sequence[Path],
    articles: list[Article],
    problems: list[Problem],
    cfg: Config,
    overrides_path: Path | None,
    local: int,
) -> Analysis:
    corrections = _corrections(paths, overrides_path)
    with _executor(local, None, cfg) as executor, _loading(local):
        from reporter.pipeline import analyze  # the stages' imports, while spaCy loads

        return analyze(
            articles, cfg, problems, progress=_progress, executor=executor, corrections=corrections
        )


def _corrections(paths: Sequence[Path], explicit: Path | None) -> Overrides:
    """The overrides given with --overrides, else those beside the (single) story folder."""
    from reporter import overrides

    found = [explicit] if explicit else [f for p in paths if p.is_dir() and (f := overrides.find(p))]
    if len(found) > 1:
        raise Failure(
            "several story folders carry overrides.toml; run them one at a time or pass --overrides"
        )
    try:
        return overrides.read(found[0]) if found else overrides.Overrides()
    except ReporterError as error:
        raise Failure(str(error)) from error


def _previous(path: Path | None) -> dict[str, Any] | None:
    if path is None:
        return None
    import json

    try:
        document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise Failure(f"--since {path}: not a readable report.json ({error})") from error
    return document


def _finish(analysis: Analysis, strict: bool) -> None:
    for problem in analysis.problems:
        click.echo(f"problem: {problem.source}: {problem.reason}", err=True)
    if strict and analysis.problems:
        raise SystemExit(EXIT_PROBLEMS)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reporter")
def main() -> None:
    """Who reported what: compare several outlets' coverage of one story."""


_config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A reporter.toml with settings (defaults < file < flags).",
)
_overrides_option = click.option(
    "--overrides",
    "overrides_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An analyst overrides file (default: overrides.toml beside the story folder).",
)
_workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Local processes for the per-story work (default: one per core on large inputs).",
)
_strict_option = click.option("--strict", is_flag=True, help="Exit 1 when any input had a problem.")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write one report folder per story into.",
)
@click.option(
    "--format",
    "formats",
    default=",".join(FORMATS),
    show_default=True,
    help="Comma-separated outputs among html, pdf, json, csv.",
)
@click.option("--pdf-date", help="Fixed PDF creation date (YYYY-MM-DD) for reproducible PDFs.")
@click.option(
    "--since",
    "since_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A previous report.json: add a section on what changed since that brief.",
)
@_overrides_option
@_config_option
@_strict_option
def report(
    paths: tuple[Path, ...],
    out_dir: Path,
    formats: str,
    pdf_date: str | None,
    since_path: Path | None,
    overrides_path: Path | None,
    config_path: Path | None,
    strict: bool,
) -> None:
    """Write HTML/PDF/JSON/CSV reports for the story folders, files or JSON Lines corpora in PATHS."""
    render: dict[str, Any] = {"formats": list(_formats(formats))}
    if pdf_date:
        render["pdf_date"] = pdf_date
    cfg = _config(config_path, {"render": render})
    previous = _previous(since_path)
    articles, problems = _read(paths, cfg)
    local = _local_workers(len(articles), None)
    entries = []
    with _helpers(cfg, local) as pdfs:
        from reporter.changes import since
        from reporter.render import write_story
        from reporter.render.output import slug

        analysis = _run(paths, articles, problems, cfg, overrides_path, local)
        for story in analysis.stories:
            folder = out_dir / slug(story.id)
            part = analysis.for_story(story.id)
            if previous is not None:
                part = dataclasses.replace(part, changes=tuple(since(previous, part)))
            written = write_story(part, folder, cfg.render, pdfs)
            entries.append((story, folder))
            click.echo(f"{story.id}: {len(story.articles)} articles -> {', '.join(str(p) for p in written)}")
    if len(entries) > 1:
        from reporter.render import write_index

        click.echo(f"index: {write_index(entries, out_dir, cfg.render)}")
    _finish(analysis, strict)


@main.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--json",
    "json_out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write report.json ('-' for standard output).",
)
@_workers_option
@_config_option
@_strict_option
def analyze(
    input_path: Path, json_out: Path, workers: int | None, config_path: Path | None, strict: bool
) -> None:
    """Analyse INPUT (a JSON Lines corpus, story folder or file) into one report.json."""
    from reporter.render.json import dumps
    from reporter.render.output import write_atomic

    cfg = _config(config_path, {})
    analysis = _analyze([input_path], cfg, workers=workers)
    text = dumps(analysis)
    if str(json_out) == "-":
        click.echo(text, nl=False)
    else:
        write_atomic(json_out, text.encode("utf-8"))
        click.echo(
            f"{len(analysis.articles)} articles, {len(analysis.stories)} stories -> {json_out}", err=True
        )
    _finish(analysis, strict)


@main.command()
@click.argument("corpus", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the story folders, index.html and dataset/.",
)
@click.option(
    "--format",
    "formats",
    default=",".join(FORMATS),
    show_default=True,
    help="Comma-separated outputs among html, pdf, json, csv (json is always written: it makes runs resumable).",
)
@_workers_option
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Run the per-story work on this Dask scheduler (e.g. tcp://host:8786).",
)
@_config_option
@_strict_option
def batch(
    corpus: Path,
    out_dir: Path,
    formats: str,
    workers: int | None,
    scheduler: str | None,
    config_path: Path | None,
    strict: bool,
) -> None:
    """Group a corpus into stories and report every one; unchanged stories are not recomputed."""
    from reporter import batch as batch_run
    from reporter.ingest import load

    chosen = sorted(set(_formats(formats)) | {"json"}, key=FORMATS.index)
    cfg = _config(config_path, {"render": {"formats": chosen}})
    articles, problems = load([corpus], cfg.ingest)
    if not articles:
        raise Failure(f"no readable article in {corpus}")
    with _executor(workers, scheduler, cfg) as executor:
        result = batch_run.run(articles, problems, out_dir, cfg, executor, progress=_bar, say=_progress)
    click.echo(
        f"{result.stories} stories ({result.computed} computed, {result.reused} unchanged) -> "
        f"{result.index}; dataset: {out_dir / 'dataset'}"
    )
    for problem in problems:
        click.echo(f"problem: {problem.source}: {problem.reason}", err=True)
    if strict and problems:
        raise SystemExit(EXIT_PROBLEMS)


@contextlib.contextmanager
def _executor(
    workers: int | None, scheduler: str | None, cfg: Config | None = None
) -> Iterator[Executor | None]:
    """Local processes, a Dask cluster's executor, or none (one worker: run in this process).

    Local processes start at once and get ready (imports, spaCy's pipeline when ``cfg`` uses it) while
    this process reads, cleans and clusters the corpus: that phase runs on one core, and a worker
    loading spaCy on its first story would stall the per-story phase instead.
    """
    if scheduler:
        try:
            from dask.distributed import Client
        except ImportError as error:
            raise Failure("--scheduler needs Dask: pip install 'reporter[dask]'") from error
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            yield client.get_executor()
        return
    count = workers or os.cpu_count() or 1
    if count == 1:
        yield None
        return
    spacy = cfg is not None and cfg.facts.use_spacy
    with _local_pool(count, spacy) as pool:
        yield pool


@contextlib.contextmanager
def _local_pool(count: int, spacy: bool) -> Iterator[ProcessPoolExecutor]:
    """``count`` worker processes, forked from a fork server that imports the per-story stages (and
    loads spaCy's pipeline) once: each worker importing and loading them for itself cost two to three
    seconds of CPU a worker, on the core this process needs for the corpus-wide phase. The server is
    started from another thread (starting it waits for its imports) and stopped with the pool, which
    also counts its workers' CPU time as this process's children's. Plain forked workers where there
    is no fork server."""
    import multiprocessing
    import threading

    if "forkserver" not in multiprocessing.get_all_start_methods():
        with ProcessPoolExecutor(max_workers=count, initializer=_get_ready, initargs=(spacy,)) as pool:
            pool.submit(int)  # the workers start on the first task; this one costs nothing
            yield pool
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(
        ["reporter.pipeline", "reporter.facts", *(["reporter.nlp_preload"] * spacy)]
    )
    pool = ProcessPoolExecutor(
        max_workers=count, mp_context=context, initializer=_get_ready, initargs=(spacy,)
    )
    threading.Thread(target=pool.submit, args=(int,), daemon=True).start()  # more start as tasks come
    try:
        with pool:
            yield pool
    finally:
        import multiprocessing.forkserver

        server = getattr(multiprocessing.forkserver, "_forkserver", None)
        with contextlib.suppress(Exception):
            server._stop()  # type: ignore[union-attr]  # private, but the only way to reap it


def _get_ready(spacy: bool) -> None:
    """Run once in each worker process: import the per-story stages and load spaCy's pipeline."""
    import reporter.facts  # the extractors (pipeline imports them on a story's first use)
    import reporter.pipeline  # noqa: F401  (imports the per-story stages and their libraries)

    if spacy:
        from reporter import nlp

        nlp.load()


def _bar(items: Iterator[T], length: int) -> Iterator[T]:
    """A progress bar on a terminal; a line every 10% otherwise (quiet logs)."""
    if sys.stderr.isatty():
        with click.progressbar(items, length=length, label="stories", file=sys.stderr) as bar:
            yield from bar
        return
    step = max(1, length // 10)
    for done, item in enumerate(items, 1):
        if done % step == 0 or done == length:
            click.echo(f"stories: {done}/{length}", err=True)
        yield item
