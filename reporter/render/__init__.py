"""Render: one analysis, several renderings (HTML, PDF/A-3b, JSON, CSV), written atomically.

:func:`write_story` writes one story's report folder; :func:`write_index` an index of several. The
folder is replaced as a whole: every file is written into a sibling staging folder that then takes the
folder's place, so a reader (or an interrupted run) never sees a mix of old and new files.

Reproducible: the same analysis and settings give byte-identical report.json and report.html (no
timestamp unless ``RenderConfig.timestamps``), and with ``RenderConfig.pdf_date`` an identical PDF.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import shutil
import tempfile
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reporter import jsontext
from reporter.config import RenderConfig
from reporter.model import Analysis, Story
from reporter.render.output import slug, write_atomic
from reporter.render.pdf import ASSET_BASE, Attachment
from reporter.render.records import ReportView

if TYPE_CHECKING:
    from reporter.sidecar import Sidecar


def render_story(
    analysis: Analysis, cfg: RenderConfig, pdf_worker: Sidecar | None = None
) -> dict[str, bytes]:
    """The files of one story's report (name -> bytes) for the formats ``cfg`` asks for.

    ``analysis`` is one story's part (``Analysis.for_story``). Pure apart from reading the templates.
    With a ``pdf_worker`` (:mod:`reporter.render.background`) WeasyPrint lays the PDF out there while
    the HTML is rendered here: the view is built once, here, for both, and the print page first, so
    the worker can start before the HTML's own charts are drawn. Same bytes either way.
    """
    from reporter.render import view
    from reporter.render.csv import render_tables
    from reporter.render.json import to_json
    from reporter.render.pdf import render_pdf

    stamp = _now() if cfg.timestamps else None
    document = to_json(analysis)
    if stamp is not None:
        document["generated_at"] = stamp
    report_json = (jsontext.dumps(document, indent=1) + "\n").encode("utf-8")  # json.dumps's text
    files: dict[str, bytes] = {}
    if "json" in cfg.formats:
        files["report.json"] = report_json
    tables = render_tables(analysis) if {"csv", "pdf"} & set(cfg.formats) else {}
    if "csv" in cfg.formats:
        files.update(tables)
    if not {"html", "pdf"} & set(cfg.formats):
        return files
    page = _view(analysis, stamp)  # without the HTML's own charts: drawn below, once the PDF is off
    pdf: Callable[[], bytes] | None = None
    if "pdf" in cfg.formats:
        created = _pdf_date(cfg)
        printed, assets = print_page(page, created)
        attachments = _attachments(analysis, report_json, tables)
        if pdf_worker is not None:
            pdf = pdf_worker.call(render_pdf, printed, attachments, created, assets)
        else:
            pdf = functools.partial(render_pdf, printed, attachments, created, assets)
    if "html" in cfg.formats:
        from reporter.render import html

        files["report.html"] = html.render_report(view.with_html_charts(page, analysis)).encode("utf-8")
    if pdf is not None:
        files["report.pdf"] = pdf()
    return files


def _view(analysis: Analysis, stamp: str | None) -> ReportView:
    from reporter.render import html, view

    css = html.stylesheet("report.css")
    return view.build(analysis, css, created=stamp, nlp_version=_nlp_version(analysis), html_charts=False)


def print_page(page: ReportView, created: dt.datetime) -> tuple[str, dict[str, tuple[bytes, str]]]:
    """The HTML WeasyPrint lays out for ``page`` (the brief: print stylesheet, compact matrix) and the
    chart files it refers to under ``reporter-asset:/`` (name -> (bytes, MIME type))."""
    from reporter.render import html, view

    pdf_page = page.printed(created.strftime("%Y-%m-%dT%H:%M:%SZ"), html.stylesheet("print.css"))
    pdf_page, assets = view.as_assets(pdf_page, ASSET_BASE)
    return html.render_report(pdf_page), assets


def write_story(
    analysis: Analysis, folder: Path, cfg: RenderConfig, pdf_worker: Sidecar | None = None
) -> list[Path]:
    """Write the formats ``cfg`` asks for into ``folder`` (replaced as a whole); returns the paths."""
    files = render_story(analysis, cfg, pdf_worker)
    return replace_folder(folder, files)


def write_index(entries: Sequence[tuple[Story, Path]], out_dir: Path, cfg: RenderConfig) -> Path:
    """``out_dir/index.html``: every story with its dates, outlets and counts, linked to its report."""
    from reporter.render import html, view

    target = next((f"report.{fmt}" for fmt in ("html", "pdf", "json") if fmt in cfg.formats), None)
    linked = [(story, _relative_href(folder, out_dir, target)) for story, folder in entries]
    page = view.build_index(linked, html.stylesheet("report.css"), created=_now() if cfg.timestamps else None)
    return write_atomic(out_dir / "index.html", html.render_index(page).encode("utf-8"))


def replace_folder(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Make ``folder`` hold exactly ``files`` (relative name -> bytes), swapping it in as a whole."""
    parent = folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".new", dir=parent))
    try:
        for name, data in files.items():
            write_atomic(staging / name, data).chmod(0o644)
        staging.chmod(0o755)  # temporary files and folders are private; a report is for reading
        if folder.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".old", dir=parent))
            old.rmdir()
            folder.rename(old)
            staging.rename(folder)
            shutil.rmtree(old, ignore_errors=True)
        else:
            staging.rename(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
        raise
    return [folder / name for name in files]


def _attachments(analysis: Analysis, report_json: bytes, tables: Mapping[str, bytes]) -> list[Attachment]:
    """What the PDF carries: report.json, the CSV tables and every source text."""
    attachments = [Attachment("report.json", report_json, "The analysis (report.json, schema version 1)")]
    attachments += [Attachment(name, data, f"Table: {name}") for name, data in tables.items()]
    seen: set[str] = set()
    for article in analysis.articles:
        name = f"source-{slug(article.id)}.txt"
        while name in seen:
            name = name.replace(".txt", "-.txt")
        seen.add(name)
        description = f"Source text: {article.outlet}, {article.source}"
        attachments.append(Attachment(name, article.text.encode("utf-8"), description, "Source"))
    return attachments


def _nlp_version(analysis: Analysis) -> str:
    """The language model the facts were found with, from the run's settings (spaCy off: says so)."""
    facts = analysis.settings.get("facts") if analysis.settings else None
    if isinstance(facts, dict) and facts.get("use_spacy") is False:
        return "none (spaCy off in the settings: rules only)"
    from reporter import nlp

    return nlp.version()


def _pdf_date(cfg: RenderConfig) -> dt.datetime:
    """The PDF's creation date: ``cfg.pdf_date`` (ISO date or date-time, UTC) or now."""
    if cfg.pdf_date:
        when = dt.datetime.fromisoformat(cfg.pdf_date)
        return when.replace(tzinfo=when.tzinfo or dt.UTC).astimezone(dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _relative_href(folder: Path, out_dir: Path, target: str | None) -> str | None:
    if target is None:
        return None
    relative = os.path.relpath(folder / target, out_dir)
    return urllib.parse.quote(Path(relative).as_posix())
