"""The PDF in a second process: WeasyPrint loads while the analysis runs, and lays the PDF out while
this process writes the HTML, JSON and CSV.

A report's PDF is most of its cost: importing WeasyPrint takes about half a second, laying out and
writing a brief several more. :func:`pdf_worker` forks one process before a ``reporter report`` run's
analysis; it imports WeasyPrint and lays out a tiny page (fonts found, C bindings ready) while the
analysis runs here. For each story, this process builds the view and the print page (it needs the view
for the HTML too) and hands the worker :func:`reporter.render.pdf.render_pdf`, the call the inline path
makes, so the bytes are the same. :func:`get_ready_here` does this process's own warm-up (the view,
matplotlib, the templates), best while the analysis waits for spaCy.

Where processes cannot be forked (not Linux-like) the PDF is rendered inline, in this process; if the
worker dies, the sidecar renders it here (:meth:`reporter.sidecar.Sidecar.call`): slower, never
different.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator

from reporter import sidecar


@contextlib.contextmanager
def pdf_worker(wanted: bool) -> Iterator[sidecar.Sidecar | None]:
    """For the ``with`` block, a :class:`~reporter.sidecar.Sidecar` that warms up WeasyPrint now (hand
    it :func:`reporter.render.pdf.render_pdf`), when ``wanted`` and this platform can fork; else
    ``None`` (render inline). It needs nothing this process imports, and about 0.7 s of CPU before
    the first print page arrives."""
    if not wanted or not sidecar.can_fork():
        yield None
        return
    with sidecar.sidecar(_warm) as worker:
        yield worker


@functools.cache
def get_ready_here() -> None:
    """Import the view and matplotlib and load the report's template, in this process (about 1 s of
    CPU): what rendering a story here would otherwise pay first, with the PDF worker waiting for its
    print page. Call it while spaCy loads elsewhere."""
    from reporter import charts
    from reporter.render import html, view  # noqa: F401  (the view's helpers, pandas)

    html.environment().get_template("report.html")
    charts.get_ready()


def _warm() -> None:
    """Run once in the worker: import WeasyPrint and lay out a tiny report-like page
    (:func:`reporter.render.pdf.warm_up`), so that font discovery and WeasyPrint's C bindings are
    ready before the first story arrives."""
    from reporter.render import pdf

    pdf.warm_up()
