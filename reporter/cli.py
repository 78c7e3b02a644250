"""The command line: a few lines per command over the library API.

Exit codes: 0 success; 1 input problems under ``--strict`` (the outputs are still written);
2 usage or configuration errors (click's own code for bad usage). Heavy modules are imported inside
the commands so ``reporter --help`` answers at once.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reporter import __version__
from reporter.errors import ReporterError

if TYPE_CHECKING:
    from reporter.config import Config
    from reporter.model import Analysis

FORMATS = ("html", "pdf", "json", "csv")
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


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


def _analyze(paths: Sequence[Path], cfg: Config) -> Analysis:
    from reporter.ingest import load
    from reporter.pipeline import analyze

    articles, problems = load(list(paths), cfg.ingest)
    if not articles:
        reasons = "; ".join(f"{p.source}: {p.reason}" for p in problems[:5])
        raise Failure(
            f"no readable article in {', '.join(map(str, paths))}" + (f" ({reasons})" if reasons else "")
        )
    return analyze(articles, cfg, problems, progress=_progress)


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
@_config_option
@_strict_option
def report(
    paths: tuple[Path, ...],
    out_dir: Path,
    formats: str,
    pdf_date: str | None,
    config_path: Path | None,
    strict: bool,
) -> None:
    """Write HTML/PDF/JSON/CSV reports for the story folders, files or JSON Lines corpora in PATHS."""
    from reporter.render import write_index, write_story

    render: dict[str, Any] = {"formats": list(_formats(formats))}
    if pdf_date:
        render["pdf_date"] = pdf_date
    cfg = _config(config_path, {"render": render})
    analysis = _analyze(paths, cfg)
    entries = []
    for story in analysis.stories:
        folder = out_dir / _slug(story.id)
        written = write_story(analysis.for_story(story.id), folder, cfg.render)
        entries.append((story, folder))
        click.echo(f"{story.id}: {len(story.articles)} articles -> {', '.join(str(p) for p in written)}")
    if len(entries) > 1:
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
@_config_option
@_strict_option
def analyze(input_path: Path, json_out: Path, config_path: Path | None, strict: bool) -> None:
    """Analyse INPUT (a JSON Lines corpus, story folder or file) into one report.json."""
    from reporter.render.json import dumps
    from reporter.render.output import write_atomic

    cfg = _config(config_path, {})
    analysis = _analyze([input_path], cfg)
    text = dumps(analysis)
    if str(json_out) == "-":
        click.echo(text, nl=False)
    else:
        write_atomic(json_out, text.encode("utf-8"))
        click.echo(
            f"{len(analysis.articles)} articles, {len(analysis.stories)} stories -> {json_out}", err=True
        )
    _finish(analysis, strict)


def _slug(story_id: str) -> str:
    """A safe folder name for a story id (ids may come from untrusted input)."""
    import re

    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", story_id).strip(".-")
    return slug[:80] or "story"
