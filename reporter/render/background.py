"""The PDF in a second process: WeasyPrint loads while the analysis runs, and lays the PDF out while
this process writes the HTML, JSON and CSV.

A report's PDF is most of its cost: importing WeasyPrint (and matplotlib for its charts) takes about a
second, laying out and writing a brief several more. :func:`pdf_worker` forks one process at the start
of a ``reporter report`` run; it imports and warms everything the PDF needs (fonts found, templates
compiled) while the analysis runs here, then renders each story's PDF from the story's analysis
(:func:`reporter.render.story_pdf`, the same function the inline path calls, so the bytes are the same).

Where processes cannot be forked (not Linux-like) or the worker dies, the PDF is rendered inline, in
this process: slower, never different.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reporter.render import PdfJob


class PdfWorker:
    """One forked process that renders PDFs (:meth:`submit`), started and warmed up at creation."""

    def __init__(self) -> None:
        self._pool = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("fork"), initializer=_warm
        )
        self._pool.submit(int)  # the process starts (and warms up) on its first task: now

    def submit(self, job: PdfJob) -> Future[bytes] | None:
        """``job``'s PDF, rendered in the worker (``result()`` re-raises what it raised); ``None``
        when the worker is gone (render inline)."""
        from reporter.render import story_pdf

        try:
            return self._pool.submit(story_pdf, job)
        except BrokenProcessPool:
            return None

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def pdf_worker(wanted: bool) -> Iterator[PdfWorker | None]:
    """A :class:`PdfWorker` for the ``with`` block when ``wanted`` and this platform can fork, else
    ``None`` (render inline)."""
    if not wanted or "fork" not in multiprocessing.get_all_start_methods():
        yield None
        return
    worker = PdfWorker()
    try:
        yield worker
    finally:
        worker.close()


def result(future: Future[bytes], job: PdfJob) -> bytes:
    """The PDF ``future`` renders; rendered here instead if the worker process died (killed, out of
    memory): a lost worker costs time, never the report."""
    from reporter.render import story_pdf

    try:
        return future.result()
    except BrokenProcessPool:
        return story_pdf(job)


def _warm() -> None:
    """Run once in the worker: import what a PDF needs and lay out a tiny report-like page
    (:func:`reporter.render.pdf.warm_up`), so that font discovery, WeasyPrint's C bindings and the
    templates are ready before the first story arrives."""
    from matplotlib.backends import backend_svg  # noqa: F401  (the charts' backend)

    from reporter.render import html, pdf, view  # noqa: F401  (templates and the view's helpers)

    html.environment().get_template("report.html")
    pdf.warm_up()
