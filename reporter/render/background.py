"""The PDF in a second process: WeasyPrint loads while the analysis runs, and lays the PDF out while
this process writes the HTML, JSON and CSV.

A report's PDF is most of its cost: importing WeasyPrint takes about half a second, laying out and
writing a brief several more. :func:`pdf_worker` forks one process at the start of a ``reporter
report`` run; it imports WeasyPrint and lays out a tiny page (fonts found, C bindings ready) while the
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
from typing import Any, cast

from reporter import sidecar


@contextlib.contextmanager
def pdf_worker(wanted: bool) -> Iterator[sidecar.Sidecar | None]:
    """For the ``with`` block, a :class:`~reporter.sidecar.Sidecar` that warms up WeasyPrint now (hand
    it :func:`reporter.render.pdf.render_pdf`), when ``wanted`` and this platform can fork; else
    ``None`` (render inline). Fork it early: it needs nothing this process imports."""
    if not wanted or not sidecar.can_fork():
        yield None
        return
    with sidecar.sidecar(_warm) as worker:
        yield worker


@functools.cache
def get_ready_here() -> None:
    """Import the view and matplotlib, compile the templates and draw a chart, in this process (about
    0.7 s of CPU): what rendering a story here would otherwise pay first, with the PDF worker waiting
    for its print page. Call it where this process has time to spare (while spaCy loads elsewhere)."""
    from reporter.render import html, view  # noqa: F401  (the view's helpers, pandas)

    html.environment().get_template("report.html")
    _draw_a_chart()


def _warm() -> None:
    """Run once in the worker: import WeasyPrint and lay out a tiny report-like page
    (:func:`reporter.render.pdf.warm_up`), so that font discovery and WeasyPrint's C bindings are
    ready before the first story arrives."""
    from reporter.render import pdf

    pdf.warm_up()


def _draw_a_chart() -> None:
    """Draw what the charts draw (a colour mesh, markers, bars, a date axis, a legend, text in the
    charts' font) into an SVG: a process's first figure pays for matplotlib's font manager, the font
    and the SVG backend (about 0.2 s), which the story's first chart would pay otherwise."""
    import datetime as dt
    import io

    import matplotlib
    import matplotlib.dates as mdates
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    settings: dict[str, Any] = {"font.family": "DejaVu Sans", "font.size": 8, "svg.fonttype": "none"}
    with matplotlib.rc_context(cast(Any, settings)):
        figure = Figure(figsize=(2, 1))
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        axes.pcolormesh([[0, 1], [1, 0]], cmap=matplotlib.colors.ListedColormap(["#0072B2", "#E69F00"]))
        for marker in ("o", "X", "_"):
            axes.scatter([0.5], [0.5], s=18, marker=marker, color="#222222", linewidths=1.2)
        axes.barh([0, 1], [0.5, 0.25], height=0.6, label="warm-up")
        axes.set_yticks([0, 1], ["a", "b"])
        axes.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=7))  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))  # type: ignore[no-untyped-call]
        axes.set_xlim(mdates.date2num(dt.date(2000, 1, 1)), mdates.date2num(dt.date(2000, 1, 9)))  # type: ignore[no-untyped-call]
        figure.legend(handles=[Line2D([], [], marker="o", linestyle="", label="x")], loc="lower center")
        figure.savefig(io.StringIO(), format="svg", metadata={"Date": None})
