"""Charts: DataFrames from :mod:`reporter.tables` in, SVG text out (matplotlib's Figure API, no pyplot).

Each function returns one ``<svg>`` element ready to inline in HTML (no XML prolog, no DOCTYPE), with a
``<title>`` and ``<desc>`` for screen readers, or ``None`` when its table is empty. Output is
deterministic: a fixed ``svg.hashsalt`` per chart (distinct, so ids never clash when several charts
share a page), no date in the metadata, and mathtext off (an outlet named "$x$" stays text).

Text from the articles (outlet names, speakers) reaches the SVG only through matplotlib, which escapes
it; the title and description are escaped here.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast
from xml.sax.saxutils import escape

import pandas as pd

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Colour-blind-safe (Okabe-Ito) colours; the statuses also carry a symbol, so colour is never the only cue.
STATUS_COLOURS = {"included": "#0072B2", "differs": "#E69F00", "omitted": "#D9D9D9", "": "#FFFFFF"}
# The shape drawn in each heatmap cell (markers, not text: a text node costs the PDF ten times more).
STATUS_MARKERS = {"included": ("o", "#FFFFFF"), "differs": ("X", "#222222"), "omitted": ("_", "#555555")}
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
WIDTH = 7.2  # inches: the text width of an A4 page at the PDF's margins
MAX_ROWS = 40  # rows of the heatmap and prominence charts; the tables list everything


@contextlib.contextmanager
def _style(name: str) -> Iterator[None]:
    """matplotlib settings for one chart, restored afterwards (a batch process draws many)."""
    import matplotlib

    settings: dict[str, Any] = {
        "svg.hashsalt": f"reporter-{name}",
        "svg.fonttype": "none",  # text stays text: searchable, small, drawn in the page's font
        "font.family": "DejaVu Sans",
        "font.size": 8,
        "text.parse_math": False,
        "text.usetex": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 9,
        "axes.titleweight": "bold",
    }
    with matplotlib.rc_context(cast(Any, settings)):
        yield


def get_ready() -> None:
    """Import what drawing a chart needs (matplotlib's figure, SVG backend and dates: about half a
    second), so that a process can pay for it where it has time to spare. Drawing a throw-away figure
    too was tried: it cost 0.07 s and made no later chart cheaper (the example's first two charts drew
    in 0.19 s either way)."""
    for module in ("matplotlib.figure", "matplotlib.backends.backend_svg", "matplotlib.dates"):
        importlib.import_module(module)


def _figure(
    height: float, left: float, top: float = 0.35, bottom: float = 0.5, right: float = 0.15
) -> Figure:
    """A figure ``WIDTH`` x ``height`` inches with fixed margins (inches). Fixed, not "constrained":
    the layout engine doubles the drawing time, and a label's width is easy to estimate."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH, height))
    figure.subplots_adjust(
        left=min(left / WIDTH, 0.6),
        right=1 - right / WIDTH,
        top=1 - min(top / height, 0.45),
        bottom=min(bottom / height, 0.45),
    )
    return figure


def _label_width(labels: Iterable[str]) -> float:
    """Inches a column of 8-pt labels needs (DejaVu Sans averages about 0.6 em a character)."""
    return 0.15 + 0.068 * max((len(label) for label in labels), default=4)


def _legend_columns(labels: list[str], most: int) -> tuple[int, int]:
    """(columns, rows) of a figure legend of ``labels`` that fits the figure's width: at most ``most``
    columns, fewer when the longest label needs it. A column takes its longest label (about 0.058 inch
    a character of 8-pt DejaVu Sans in a legend's mixed text) plus about 0.55 inch: the marker, the gap
    to the text and the gap to the next column."""
    column = 0.55 + 0.058 * max((len(label) for label in labels), default=4)
    columns = max(1, min(most, len(labels), int(WIDTH // column)))
    return columns, -(-len(labels) // columns)


def _svg(figure: Figure, name: str, title: str, description: str) -> str:
    """The figure as an inline ``<svg>`` with an accessible title and description."""
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    FigureCanvasSVG(figure)  # the SVG backend, explicitly: no pyplot, no GUI backend chosen
    buffer = io.StringIO()
    figure.savefig(
        buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None}
    )
    svg = _prefix_ids(buffer.getvalue(), name)
    svg = svg[svg.index("<svg") :]
    head_end = svg.index(">") + 1
    head = svg[:head_end]
    head = re.sub(r'\swidth="[^"]*"', "", head, count=1)
    head = re.sub(r'\sheight="[^"]*"', "", head, count=1)
    head = head.replace(
        "<svg", f'<svg role="img" aria-labelledby="{name}-title {name}-desc" class="chart-svg"', 1
    )
    accessible = (
        f'<title id="{name}-title">{escape(title)}</title><desc id="{name}-desc">{escape(description)}</desc>'
    )
    return head + accessible + svg[head_end:].strip()


def _prefix_ids(svg: str, prefix: str) -> str:
    """matplotlib names groups "figure_1", "axes_1"... in every chart: prefix every id and reference,
    so several charts inline in one page keep unique ids."""
    ids = set(re.findall(r'\sid="([^"]+)"', svg))
    if not ids:
        return svg

    def rename(match: re.Match[str]) -> str:
        name = match.group(2)
        return f"{match.group(1)}{prefix}-{name}" if name in ids else match.group(0)

    svg = re.sub(r'(\sid=")([^"]+)', rename, svg)
    return re.sub(r'((?:url\(|href=")#)([^")]+)', rename, svg)


def _short(text: str, limit: int = 48) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def coverage_heatmap(matrix: pd.DataFrame) -> str | None:
    """Fact groups x outlets, one coloured cell each (included / differs / omitted), from
    :func:`reporter.tables.coverage_matrix`. At most :data:`MAX_ROWS` rows, in the matrix' order."""
    if matrix.empty or not len(matrix.columns):
        return None
    from matplotlib.colors import ListedColormap

    shown = matrix.iloc[:MAX_ROWS]
    rows, cols = shown.shape
    order = ["", "omitted", "differs", "included"]
    codes = [[order.index(s) if s in order else 0 for s in values] for _key, values in shown.iterrows()]
    several = len({event for event, _group, _label in matrix.index}) > 1
    labels = [
        f"{_event_tag(event)}  {_short(label)}" if several else _short(label)
        for event, _group, label in shown.index
    ]
    outlets = [_short(c, 22) for c in shown.columns]
    with _style("coverage"):
        height = 1.3 + 0.2 * rows
        figure = _figure(
            height,
            left=_label_width(labels),
            top=0.25 + 0.04 * max(map(len, outlets)),
            bottom=0.35,
            right=max(0.15, 0.06 * len(outlets[-1])),
        )
        axes = figure.add_subplot()
        axes.pcolormesh(
            codes,
            cmap=ListedColormap([STATUS_COLOURS[s] for s in order]),
            vmin=-0.5,
            vmax=len(order) - 0.5,
            edgecolors="#FFFFFF",
            linewidth=1.5,
        )
        for status, (marker, colour) in STATUS_MARKERS.items():
            code = order.index(status)
            cells = [
                (j + 0.5, i + 0.5) for i, line in enumerate(codes) for j, c in enumerate(line) if c == code
            ]
            if cells:
                xs, ys = zip(*cells, strict=True)
                axes.scatter(xs, ys, s=18, marker=marker, color=colour, linewidths=1.2, zorder=3)
        axes.set_xlim(0, cols)
        axes.set_ylim(rows, 0)
        axes.set_xticks([j + 0.5 for j in range(cols)], outlets, rotation=30, ha="left")
        axes.xaxis.tick_top()
        axes.set_yticks([i + 0.5 for i in range(rows)], labels)
        axes.tick_params(length=0)
        for side in ("left", "bottom", "top", "right"):
            axes.spines[side].set_visible(False)
        _legend(
            figure, [(s, STATUS_COLOURS[s], *STATUS_MARKERS[s]) for s in ("included", "differs", "omitted")]
        )
        more = f" (first {MAX_ROWS} of {len(matrix)} rows)" if len(matrix) > MAX_ROWS else ""
        return _svg(
            figure,
            "chart-coverage",
            "Coverage: which outlet includes, omits or differs on each fact",
            f"Heatmap of {len(matrix)} fact groups by {cols} outlets{more}: "
            "blue with a dot = included, orange with a cross = states it differently, grey with a dash = omitted.",
        )


def speaker_share(share: pd.DataFrame) -> str | None:
    """Stacked bars: each outlet's quoted words split by speaker, from :func:`reporter.tables.speaker_share`."""
    if share.empty:
        return None
    outlets = [_short(o, 28) for o in share.index]
    speakers = [_short(speaker, 30) for speaker in share.columns]
    columns, legend_rows = _legend_columns(speakers, 3)
    with _style("speakers"):
        height = 1.0 + 0.3 * len(share) + 0.2 * legend_rows
        figure = _figure(height, left=_label_width(outlets), top=0.15, bottom=0.55 + 0.2 * legend_rows)
        axes = figure.add_subplot()
        left = [0.0] * len(share)
        y = list(range(len(share)))
        for k, speaker in enumerate(share.columns):
            values = [float(v) for v in share[speaker]]
            colour = "#BBBBBB" if speaker == "others" else PALETTE[k % len(PALETTE)]
            axes.barh(y, values, left=left, color=colour, label=speakers[k], height=0.6)
            left = [a + b for a, b in zip(left, values, strict=True)]
        axes.set_yticks(y, outlets)
        axes.set_ylim(len(share) - 0.5, -0.5)
        axes.set_xlim(0, 1)
        axes.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"])
        axes.set_xlabel("share of the outlet's quoted words")
        _figure_legend(figure, axes, ncols=columns)
        return _svg(
            figure,
            "chart-speakers",
            "Who gets the words: quoted words per outlet, by speaker",
            f"Stacked bars for {len(share)} outlets; each bar splits the outlet's quoted words among "
            f"{len(share.columns)} speakers (the most quoted, then others).",
        )


def timeline(table: pd.DataFrame) -> str | None:
    """Publication dates (x) by outlet (y), one marker per article coloured by event; copies hollow.
    From :func:`reporter.tables.timeline`; undated articles are left out (the table lists them)."""
    import matplotlib.dates as mdates

    when = pd.to_datetime(table["published"], errors="coerce", format="%Y-%m-%d")
    dated = table.assign(when=when)[when.notna()]
    if dated.empty:
        return None
    outlets = sorted(set(dated["outlet"]))
    events = sorted({e for e in dated["event"] if e})
    names = [_short(o, 28) for o in outlets]
    series: list[tuple[str, bool, str]] = []  # (event, copies?, legend label) of every marker style drawn
    for event in events:
        part = dated[dated["event"] == event]
        label = _short(f"{_event_tag(event)} {_event_label(part)}", 60)
        copies = part["duplicate_of"].notna()
        series += [
            (event, copy, label + (" (copy)" if copy else ""))
            for copy in (False, True)
            if (copies == copy).any()
        ]
    columns, legend_rows = _legend_columns([label for *_, label in series], 2)
    with _style("timeline"):
        height = 1.1 + 0.28 * len(outlets) + 0.2 * legend_rows
        figure = _figure(height, left=_label_width(names), top=0.15, bottom=0.5 + 0.2 * legend_rows)
        axes = figure.add_subplot()
        for event, copy, label in series:
            rows = dated[(dated["event"] == event) & (dated["duplicate_of"].notna() == copy)]
            colour = PALETTE[events.index(event) % len(PALETTE)]
            axes.scatter(
                rows["when"],
                [outlets.index(o) for o in rows["outlet"]],
                s=60,
                marker="o",
                facecolors="none" if copy else colour,
                edgecolors=colour,
                linewidths=1.5,
                label=label,
                zorder=3,
            )
        axes.set_yticks(range(len(outlets)), names)
        axes.set_ylim(len(outlets) - 0.5, -0.5)
        axes.grid(axis="x", color="#EEEEEE")
        first, last = dated["when"].min(), dated["when"].max()
        pad = pd.Timedelta(days=max(1, (last - first).days // 10))
        axes.set_xlim(first - pad, last + pad)
        axes.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=7))  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))  # type: ignore[no-untyped-call]
        _figure_legend(figure, axes, ncols=columns)
        return _svg(
            figure,
            "chart-timeline",
            "Timeline: when each outlet published, and which event it reports",
            f"{len(dated)} dated articles from {len(outlets)} outlets across {len(events)} events; "
            "hollow markers are copies of another article.",
        )


def prominence(table: pd.DataFrame) -> str | None:
    """How early each outlet states each fact: dots at 0 (top of the body) .. 1 (end), one row per fact
    group, from :func:`reporter.tables.prominence`."""
    if table.empty:
        return None
    groups = list(dict.fromkeys(table["group"]))[:MAX_ROWS]
    part = table[table["group"].isin(groups)]
    outlets = sorted(set(part["outlet"]))
    label_of = dict(zip(part["group"], part["label"], strict=False))
    event_of = dict(zip(part["group"], part["event"], strict=False))
    several = len(set(table["event"])) > 1
    labels = [
        f"{_event_tag(event_of[g])}  {_short(label_of[g])}" if several else _short(label_of[g])
        for g in groups
    ]
    legend_rows = (len(outlets) + 2) // 3
    with _style("prominence"):
        height = 1.0 + 0.22 * len(groups) + 0.2 * legend_rows
        figure = _figure(height, left=_label_width(labels), top=0.15, bottom=0.55 + 0.2 * legend_rows)
        axes = figure.add_subplot()
        markers = "oDs^v<>p"
        for k, outlet in enumerate(outlets):
            rows = part[part["outlet"] == outlet]
            axes.scatter(
                rows["position"],
                [groups.index(g) for g in rows["group"]],
                s=36,
                marker=markers[k % len(markers)],
                color=PALETTE[k % len(PALETTE)],
                label=_short(outlet, 28),
                zorder=3,
            )
        axes.set_yticks(range(len(groups)), labels)
        axes.set_ylim(len(groups) - 0.5, -0.5)
        axes.set_xlim(-0.02, 1.02)
        axes.set_xticks([0, 0.25, 0.5, 0.75, 1], ["top", "¼", "½", "¾", "end"])
        axes.set_xlabel("position in the article's body")
        axes.grid(axis="y", color="#EEEEEE")
        _figure_legend(figure, axes, ncols=3)
        return _svg(
            figure,
            "chart-prominence",
            "Prominence: how early in each article a fact appears",
            f"Dot plot of {len(groups)} fact groups: for each outlet, where in its article the fact is "
            "first stated, from the top of the body (left) to the end (right).",
        )


def _legend(figure: Figure, entries: list[tuple[str, str, str, str]]) -> None:
    """A legend of (label, cell colour, marker, marker colour) entries at the foot of the figure."""
    from matplotlib.lines import Line2D

    handles = [
        Line2D(
            [],
            [],
            linestyle="none",
            marker="s",
            markersize=11,
            markerfacecolor=colour,
            markeredgecolor="#999999",
            label=text,
        )
        for text, colour, _marker, _marker_colour in entries
    ]
    overlays = [
        Line2D([], [], linestyle="none", marker=marker, markersize=4, color=marker_colour)
        for _text, _colour, marker, marker_colour in entries
    ]
    figure.legend(
        handles=[(h, o) for h, o in zip(handles, overlays, strict=True)],
        labels=[text for text, *_ in entries],
        loc="lower center",
        bbox_to_anchor=(0.5, 0.0),
        ncols=3,
        frameon=False,
    )


def _figure_legend(figure: Figure, axes: Axes, ncols: int) -> None:
    """The axes' legend at the foot of the figure, in the bottom margin ``_figure`` reserved for it."""
    handles, labels = axes.get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncols=ncols, frameon=False)


def _event_tag(event: object) -> str:
    """The short form of an event id for an axis label: "belgorod/e2" -> "e2"."""
    return str(event or "").rsplit("/", 1)[-1]


def _event_label(part: pd.DataFrame) -> str:
    labels = [str(v) for v in part["event_label"] if v]
    return labels[0] if labels else ""
