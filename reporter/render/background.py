"""The PDF in a second process: WeasyPrint loads while the analysis runs, and lays the PDF out while
this process writes the HTML, JSON and CSV.

A report's PDF is most of its cost: importing WeasyPrint (and matplotlib for its charts) takes about a
second, laying out and writing a brief several more. :func:`pdf_worker` forks one process at the start
of a ``reporter report`` run; it imports and warms everything the PDF needs (fonts found, templates
compiled) while the analysis runs here, then renders each story's PDF from the story's analysis
(:func:`reporter.render.story_pdf`, the same function the inline path calls, so the bytes are the same).

Where processes cannot be forked (not Linux-like) the PDF is rendered inline, in this process; if the
worker dies, the sidecar renders it here (:meth:`reporter.sidecar.Sidecar.call`): slower, never
different.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from reporter import sidecar


@contextlib.contextmanager
def pdf_worker(wanted: bool) -> Iterator[sidecar.Sidecar | None]:
    """For the ``with`` block, a :class:`~reporter.sidecar.Sidecar` that warms up for PDFs now
    (hand it :func:`reporter.render.story_pdf`), when ``wanted`` and this platform can fork; else
    ``None`` (render inline)."""
    if not wanted or not sidecar.can_fork():
        yield None
        return
    with sidecar.sidecar(_warm) as worker:
        yield worker


def _warm() -> None:
    """Run once in the worker: import what a PDF needs and lay out a tiny report-like page
    (:func:`reporter.render.pdf.warm_up`), so that font discovery, WeasyPrint's C bindings and the
    templates are ready before the first story arrives."""
    from matplotlib.backends import backend_svg  # noqa: F401  (the charts' backend)

    from reporter.render import html, pdf, view  # noqa: F401  (templates and the view's helpers)

    html.environment().get_template("report.html")
    pdf.warm_up()
