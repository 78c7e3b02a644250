"""tables.py (the DataFrames behind charts and CSVs), charts.py, the side-by-side layout and filters.

The tables behind each chart are golden CSV files (tests/render/golden/*.csv): a change in what a chart
shows is a visible edit. Regenerate with ``REPORTER_UPDATE_GOLDEN=1 pytest tests/render``.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pytest

from reporter import charts, tables
from reporter.model import Alignment, Analysis, Article, Member, Span
from reporter.render import filters
from reporter.render.records import Anchors
from reporter.render.side_by_side import layout, merge_gaps
from tests import fresh
from tests.render.amberley import build

if TYPE_CHECKING:
    from matplotlib.figure import Figure

GOLDEN = Path(__file__).parent / "golden"
EMPTY = Analysis(articles=(), stories=(), alignments=(), facts=(), coverage=())

CHART_TABLES: dict[str, Callable[[Analysis], pd.DataFrame]] = {
    "coverage_matrix": lambda a: tables.coverage_matrix(a).reset_index(),
    "speaker_share": lambda a: tables.speaker_share(a).reset_index(),
    "timeline": tables.timeline,
    "prominence": tables.prominence,
}


@pytest.mark.parametrize("name", sorted(CHART_TABLES))
def test_tables_behind_charts_match_golden(name: str) -> None:
    found = CHART_TABLES[name](build()).to_csv(index=False, float_format="%.4f", lineterminator="\n")
    path = GOLDEN / f"{name}.csv"
    if os.environ.get("REPORTER_UPDATE_GOLDEN"):
        path.write_text(found, encoding="utf-8")
    assert found == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "make",
    [
        tables.articles,
        tables.facts,
        tables.coverage,
        tables.casualty_ledger,
        tables.speakers,
        tables.labels,
        tables.prominence,
        tables.timeline,
    ],
)
def test_nothing_in_gives_empty_tables_with_their_columns(make: Callable[[Analysis], pd.DataFrame]) -> None:
    table = make(EMPTY)
    assert table.empty and len(table.columns) > 3


@pytest.mark.parametrize(
    ("make", "table"),
    [
        (charts.coverage_heatmap, tables.coverage_matrix),
        (charts.speaker_share, tables.speaker_share),
        (charts.timeline, tables.timeline),
        (charts.prominence, tables.prominence),
    ],
)
def test_no_chart_from_an_empty_table(
    make: Callable[[pd.DataFrame], str | None], table: Callable[[Analysis], pd.DataFrame]
) -> None:
    assert make(table(EMPTY)) is None


def test_charts_are_deterministic_svg_without_dates() -> None:
    first = charts.timeline(tables.timeline(build()))
    second = charts.timeline(tables.timeline(build()))
    assert first is not None and first == second
    assert first.startswith("<svg") and "<dc:date>" not in first and "<?xml" not in first


def test_mathtext_is_off_in_chart_labels() -> None:
    """An outlet named with dollar signs must show as typed, not be parsed as a formula."""
    analysis = build()
    renamed = dataclasses.replace(
        analysis, articles=tuple(dataclasses.replace(a, outlet="$x^2$ News") for a in analysis.articles)
    )
    svg = charts.timeline(tables.timeline(renamed))
    assert svg is not None and "$x^2$ News" in svg


def _drawn(monkeypatch: pytest.MonkeyPatch, draw: Callable[[], str | None]) -> Figure:
    figures: list[Figure] = []
    svg = charts._svg
    monkeypatch.setattr(charts, "_svg", lambda figure, *args: figures.append(figure) or svg(figure, *args))
    assert draw() is not None
    return figures[0]


def _legend_fits(figure: Figure) -> bool:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(figure).get_renderer()
    legend, page = figure.legends[0].get_window_extent(renderer), figure.bbox
    return bool(page.x0 <= legend.x0 and legend.x1 <= page.x1 and page.y0 <= legend.y0)


def test_a_timeline_legend_of_long_event_labels_fits_the_figure(monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: two columns of 60-character event labels ran off both sides of the figure."""
    label = "Freedom of Russia Legion, Novaya Tavolzhanka, Shebekino, Belgorod Region"
    table = pd.DataFrame(
        {
            "published": ["2023-05-22", "2023-06-02", "2023-06-02"],
            "outlet": ["Kyiv Post", "Reuters", "Reuters (web repost)"],
            "event": ["s/e1", "s/e2", "s/e2"],
            "event_label": [f"2023-05-23, {label}", f"2023-06-02, {label}", f"2023-06-02, {label}"],
            "duplicate_of": [None, None, "reuters"],
        }
    )
    figure = _drawn(monkeypatch, lambda: charts.timeline(table))
    assert len(figure.legends[0].get_texts()) == 3 and _legend_fits(figure)


def test_a_speaker_legend_of_long_names_fits_the_figure(monkeypatch: pytest.MonkeyPatch) -> None:
    names = [f"A spokesperson for the regional administration no. {k}" for k in range(5)]
    share = pd.DataFrame([[0.2] * 5, [0.2] * 5], index=["Kyiv Post", "Reuters"], columns=names)
    assert _legend_fits(_drawn(monkeypatch, lambda: charts.speaker_share(share)))


@pytest.mark.parametrize(
    ("speaker", "role", "expected"),
    [
        ("Ruth Okafor", "Governor", "official"),
        ("Dmitry Peskov", "Kremlin spokesman", "official"),
        ("the Freedom of Russia Legion", None, "party"),
        ("Ilya Ponomarev", "representative of the legion's political wing", "party"),
        ("Maria", "a resident of the village", "witness"),
        ("John Smith", "an analyst at a think tank", "expert"),
        ("Vyacheslav Gladkov", None, "other"),
        (None, None, "other"),
    ],
)
def test_speaker_class(speaker: str | None, role: str | None, expected: str) -> None:
    assert tables.speaker_class(speaker, role) == expected


def test_ledger_repeats_older_needs_a_newer_figure_in_between() -> None:
    ledger = tables.casualty_ledger(build()).set_index("article")
    assert bool(ledger.loc["post-1", "repeats_older"])  # 7 on 03-05, after 9 appeared on 03-02
    assert not bool(ledger.loc["wire-1", "repeats_older"])
    assert not bool(ledger.loc["planet-1", "repeats_older"])  # the first figure is not "older"
    assert not bool(ledger.loc["planet-2", "repeats_older"])  # another event: never compared
    assert ledger.loc["post-1", "first_reported"] == "Daily Planet (2024-03-01)"
    assert ledger.loc["post-1", "carried_by"] == "Daily Planet; Evening Post"


def test_shared_text_and_copies_in_the_articles_table() -> None:
    articles = tables.articles(build()).set_index("article")
    assert articles.loc["wire-copy", "shared"] == pytest.approx(0.97)
    assert 0 < articles.loc["wire-1", "shared"] < 1  # two of three paragraphs aligned with others
    assert articles.loc["planet-2", "shared"] == 0


def test_speaker_share_sums_to_one_per_outlet() -> None:
    share = tables.speaker_share(build())
    assert share.sum(axis=1).round(6).tolist() == [1.0] * len(share)


def column(article_id: str, paragraphs: int) -> Article:
    return Article(
        article_id,
        article_id,
        "x" * (paragraphs * 10),
        article_id,
        paragraphs=tuple(Span(i * 10, i * 10 + 9) for i in range(paragraphs)),
    )


def aligned(*members: tuple[str, int]) -> Alignment:
    return Alignment(
        "s", "-".join(f"{a}{p}" for a, p in members), tuple(Member(a, p, 0.9) for a, p in members)
    )


@pytest.mark.parametrize(
    ("alignments", "expected"),
    [
        # nothing aligned: one row of each outlet's own paragraphs
        ([], [(False, [[0, 1, 2], [0, 1]])]),
        # the ledes aligned, the rest each outlet's own
        ([aligned(("a", 0), ("b", 0))], [(True, [[0], [0]]), (False, [[1, 2], [1]])]),
        # crossing alignments (a0~b1, a1~b0): order of every column kept, one pair shown apart
        (
            [aligned(("a", 0), ("b", 1)), aligned(("a", 1), ("b", 0))],
            [(False, [[0], []]), (True, [[1], [0]]), (False, [[2], [1]])],
        ),
        # a member outside the article is ignored, not an error
        ([aligned(("a", 0), ("b", 7))], [(False, [[0, 1, 2], [0, 1]])]),
    ],
)
def test_side_by_side_layout(
    alignments: list[Alignment], expected: list[tuple[bool, list[list[int]]]]
) -> None:
    rows = merge_gaps(layout([column("a", 3), column("b", 2)], alignments))
    found = [(shared, [[p for p, _detached in cell] for cell in row]) for row, shared in rows]
    assert found == expected
    for k in range(2):  # every paragraph exactly once, in order
        order = [p for row, _shared in rows for p, _d in row[k]]
        assert order == sorted(order) and len(order) == len(set(order))


def test_anchors_are_safe_and_unique() -> None:
    anchors = Anchors()
    first, second = anchors("fact", "a b<script>"), anchors("fact", "a-b-script")
    assert first == "fact-a-b-script" and second != first and second.startswith("fact-a-b-script-")
    assert anchors("fact", "a b<script>") == first
    assert anchors("p", "") == "p-x"


@pytest.mark.parametrize(
    ("name", "args", "expected"),
    [
        ("number", (12345,), "12,345"),
        ("number", (None,), "–"),
        ("percent", (0.456,), "46%"),
        ("percent", (None,), "–"),
        ("score", (0.6249,), "0.62"),
        ("date", ("2023-05-22",), "22 May 2023"),
        ("date", (None,), "undated"),
        ("date", ("last spring",), "last spring"),
        ("date_range", ("2023-05-22", "2023-06-02"), "22 May 2023 – 2 Jun 2023"),
        ("date_range", ("2023-05-22", "2023-05-22"), "22 May 2023"),
        ("plural", (1, "article"), "1 article"),
        ("plural", (3, "copy", "copies"), "3 copies"),
        ("clip", ("short", 10), "short"),
        ("clip", ("one two three four", 12), "one two …"),
    ],
)
def test_filters(name: str, args: tuple[object, ...], expected: str) -> None:
    assert filters.FILTERS[name](*args) == expected


def test_rendering_imports_no_extractor() -> None:
    """Regression (speed): ``tables`` took one constant from ``reporter.facts.labels``, which imported
    every extractor (their compiled patterns: 0.5 s of CPU) into the PDF worker, which only renders."""
    probe = "import sys, reporter.render.view, reporter.render.csv; print(sorted(m for m in sys.modules if m.startswith('reporter.facts')))"
    assert fresh.run(probe).strip() == "[]"
