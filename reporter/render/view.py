"""The view: one object holding everything a report template shows, built from an analysis.

Templates receive one :class:`~reporter.render.records.ReportView` (or ``IndexView``) and only lay it
out: every choice of what to say (summary sentences, flags, which sentence is evidence, row order of
the side-by-side) is made here and in :mod:`~reporter.render.summary` and
:mod:`~reporter.render.side_by_side`, in Python, where it can be tested.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
from markupsafe import Markup

from reporter import __version__, charts, tables
from reporter.model import Analysis, Article, Cell, Coverage, Event, Story
from reporter.render.records import (
    DOUBTFUL,
    HTML_ONLY_CHARTS,
    KIND_ORDER,
    LIMITS,
    OUTLET_SOURCES,
    STATUS_SYMBOLS,
    SUMMARY_LIMIT,
    Anchors,
    Chart,
    EventView,
    Evidence,
    IndexEntry,
    IndexView,
    LabelRow,
    LedgerGroup,
    LedgerRow,
    Locator,
    Matrix,
    MatrixCell,
    MatrixRow,
    Method,
    ReportView,
    RoleCount,
    Setting,
    SourceRow,
    SpeakerRow,
    TimelineRow,
    safe_url,
)
from reporter.render.side_by_side import side_by_side
from reporter.render.summary import key_differences

# --- the report ------------------------------------------------------------------------------------


def build(
    analysis: Analysis,
    css: str,
    created: str | None = None,
    for_pdf: bool = False,
    nlp_version: str | None = None,
    html_charts: bool = True,
) -> ReportView:
    """The view of one story's analysis (``analysis.for_story``); ``css`` is inlined as given.

    ``html_charts=False`` leaves out the charts only the HTML shows (for a PDF alone: drawing them
    costs a fifth of a second or more)."""
    anchors = Anchors()
    story = analysis.stories[0] if analysis.stories else _loose_story(analysis)
    by_id = {a.id: a for a in analysis.articles}
    fact_anchor = {f.id: anchors("fact", f.id) for f in analysis.facts}
    events = tuple(_event_view(e, by_id, anchors) for e in story.events)
    locate = Locator(analysis, anchors, fact_anchor)
    ledger = tables.casualty_ledger(analysis)
    roster = tables.speakers(analysis)
    lines = key_differences(analysis, story, events, locate, ledger, roster)
    originals = [a for a in analysis.articles if a.duplicate_of is None]
    return ReportView(
        lang="en",
        title=story.title or story.id,
        story=story.id,
        generator=f"reporter {__version__}",
        created=created,
        first_published=story.first_published,
        last_published=story.last_published,
        outlets=tuple(story.outlets),
        articles=len(analysis.articles),
        originals=len(originals),
        copies=len(analysis.articles) - len(originals),
        events=events,
        summary=tuple(lines[:SUMMARY_LIMIT]),
        summary_more=max(0, len(lines) - SUMMARY_LIMIT),
        matrices=tuple(_matrices(analysis, events, locate, anchors)),
        ledger=tuple(_ledger(ledger, locate, anchors)),
        speakers=tuple(_speakers(roster, locate)),
        roles=ROLES,
        role_counts=tuple(_role_counts(roster)),
        labels=tuple(_labels(tables.labels(analysis), locate)),
        side_by_side=tuple(side_by_side(analysis, story, events, anchors, fact_anchor)),
        timeline=tuple(_timeline(tables.timeline(analysis), anchors)),
        sources=tuple(_sources(tables.articles(analysis), by_id, anchors)),
        problems=tuple((p.source, p.reason) for p in analysis.problems),
        method=_method(analysis, nlp_version),
        changes=None
        if analysis.changes is None
        else tuple((c.kind, c.outlet, c.what) for c in analysis.changes),
        charts=_charts(analysis, html_charts),
        css=Markup(css),
        for_pdf=for_pdf,
        keywords=tuple(story.outlets),
    )


ROLES = ("official", "party", "witness", "expert", "other")


def _loose_story(analysis: Analysis) -> Story:
    """A story record for an analysis without one (every article, one event per article's event)."""
    ids = tuple(a.id for a in analysis.articles)
    by_event: dict[str, list[str]] = defaultdict(list)
    for a in analysis.articles:
        by_event[a.event or "event"].append(a.id)
    dates = sorted(a.published for a in analysis.articles if a.published)
    return Story(
        id="story",
        title="Coverage report",
        articles=ids,
        outlets=tuple(sorted({a.outlet for a in analysis.articles})),
        events=tuple(Event(e, e, tuple(members)) for e, members in sorted(by_event.items())),
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
    )


def _event_view(event: Event, by_id: Mapping[str, Article], anchors: Anchors) -> EventView:
    members = [by_id[i] for i in event.articles if i in by_id]
    return EventView(
        id=event.id,
        anchor=anchors("event", event.id),
        tag=event.id.rsplit("/", 1)[-1],
        label=event.label,
        date=event.date,
        outlets=tuple(sorted({a.outlet for a in members if a.duplicate_of is None})),
        articles=len(members),
    )


# --- coverage matrix --------------------------------------------------------------------------------


def _matrices(
    analysis: Analysis, events: Sequence[EventView], locate: Locator, anchors: Anchors
) -> Iterable[Matrix]:
    rows_of: dict[str, list[Coverage]] = defaultdict(list)
    for row in analysis.coverage:
        rows_of[row.event].append(row)
    for event in events:
        rows = rows_of.get(event.id, [])
        if not rows:
            continue
        outlets = tuple(sorted({o for r in rows for o in r.cells} | set(event.outlets)))
        yield Matrix(
            event,
            outlets,
            tuple(
                MatrixRow(
                    anchors("group", r.group),
                    r.kind,
                    r.label,
                    tuple(_matrix_cell(o, r.cells.get(o), locate) for o in outlets),
                )
                for r in sorted(rows, key=_row_order)
            ),
        )


def _row_order(row: Coverage) -> tuple[int, str]:
    return (KIND_ORDER.index(row.kind) if row.kind in KIND_ORDER else len(KIND_ORDER), row.group)


def _matrix_cell(outlet: str, cell: Cell | None, locate: Locator) -> MatrixCell:
    if cell is None:
        return MatrixCell(outlet, "", "")
    evidence = tuple(e for i in cell.facts if (e := locate.fact(i)) is not None)
    nearest = None
    if cell.nearest is not None:
        n = cell.nearest
        nearest = Evidence(n.text, locate.paragraph(n.article, n.start), n.similarity)
    doubtful = cell.status == "omitted" and nearest is not None and (nearest.similarity or 0) >= DOUBTFUL
    unique = _unique_evidence(evidence)
    return MatrixCell(
        outlet,
        cell.status,
        STATUS_SYMBOLS.get(cell.status, ""),
        unique,
        nearest,
        cell.note,
        cell.confidence,
        doubtful,
    )


def _unique_evidence(evidence: Iterable[Evidence]) -> tuple[Evidence, ...]:
    """One entry per sentence (several facts of a group often share one)."""
    seen: dict[str, Evidence] = {}
    for item in evidence:
        seen.setdefault(item.text, item)
    return tuple(seen.values())


# --- ledger, speakers, labels -----------------------------------------------------------------------


def _ledger(ledger: pd.DataFrame, locate: Locator, anchors: Anchors) -> Iterable[LedgerGroup]:
    for group, part in ledger.groupby("group", sort=False):
        rows = []
        for r in part.itertuples(index=False):
            evidence = locate.fact(str(r.fact)) or Evidence(str(r.evidence), "#side-by-side")
            flags = []
            if r.cell == "differs":
                flags.append("differs from most outlets")
            if r.repeats_older:
                flags.append("repeats an older figure")
            rows.append(
                LedgerRow(
                    outlet=str(r.outlet),
                    published=_text(r.published),
                    figure=str(r.figure),
                    status=str(r.status),
                    victims=_text(r.victims),
                    attributed_to=_text(r.attributed_to),
                    evidence=evidence,
                    carried_by=str(r.carried_by),
                    cell=str(r.cell),
                    flags=tuple(flags),
                    mentions=int(r.mentions),
                )
            )
        first = part.iloc[0]
        yield LedgerGroup(
            anchors("ledger", str(group)),
            str(first["event"] or "").rsplit("/", 1)[-1],
            str(first["label"]),
            bool(first["disagree"]),
            tuple(rows),
        )


def _speakers(roster: pd.DataFrame, locate: Locator) -> Iterable[SpeakerRow]:
    for r in roster.itertuples(index=False):
        ids = str(r.facts).split(tables.SEP) if r.facts else []
        evidence = _unique_evidence(e for i in ids if (e := locate.fact(i)) is not None)
        yield SpeakerRow(
            speaker=str(r.speaker),
            role=str(r.role),
            speaker_role=_text(r.speaker_role),
            outlet=str(r.outlet),
            quotes=int(r.quotes),
            direct=int(r.direct),
            indirect=int(r.indirect),
            words=int(r.words),
            share=float(r.share),
            quoted_by=tuple(str(r.quoted_by).split(tables.SEP)),
            evidence=evidence[:1],
            more=max(0, len(evidence) - 1),
        )


def _role_counts(roster: pd.DataFrame) -> Iterable[RoleCount]:
    if roster.empty:
        return
    for outlet, part in roster.groupby("outlet", sort=True):
        speakers_by_role = Counter(part["role"])
        yield RoleCount(str(outlet), tuple(speakers_by_role.get(role, 0) for role in ROLES))


def _labels(table: pd.DataFrame, locate: Locator) -> Iterable[LabelRow]:
    for r in table.itertuples(index=False):
        first = str(r.facts).split(tables.SEP)[0]
        evidence = locate.fact(first) or Evidence(str(r.evidence), "#side-by-side")
        yield LabelRow(str(r.actor), str(r.label), str(r.outlet), str(r.voice), int(r.count), evidence)


# --- timeline, sources, method ------------------------------------------------------------------------


def _timeline(table: pd.DataFrame, anchors: Anchors) -> Iterable[TimelineRow]:
    outlets = dict(zip(table["article"], table["outlet"], strict=False))
    for r in table.itertuples(index=False):
        yield TimelineRow(
            published=_text(r.published),
            outlet=str(r.outlet),
            title=_text(r.title),
            href="#" + anchors("source", str(r.article)),
            event=str(r.event or "").rsplit("/", 1)[-1],
            event_label=str(r.event_label or ""),
            copy_of=outlets.get(r.duplicate_of) if _text(r.duplicate_of) else None,
        )


def _sources(table: pd.DataFrame, by_id: Mapping[str, Article], anchors: Anchors) -> Iterable[SourceRow]:
    for r in table.itertuples(index=False):
        original = by_id.get(str(r.duplicate_of)) if _text(r.duplicate_of) else None
        url = _text(r.url)
        yield SourceRow(
            anchor=anchors("source", str(r.article)),
            article=str(r.article),
            outlet=str(r.outlet),
            outlet_source=OUTLET_SOURCES.get(str(r.outlet_source), str(r.outlet_source)),
            title=_text(r.title),
            published=_text(r.published),
            url=safe_url(url),
            url_text=url,
            source=str(r.source),
            words=int(r.words),
            paragraphs=int(r.paragraphs),
            removed_chars=int(r.removed_chars),
            copy_of=(original.outlet if original else str(r.duplicate_of)) if _text(r.duplicate_of) else None,
            duplicate_score=None if pd.isna(r.duplicate_score) else float(r.duplicate_score),
            shared=0.0 if pd.isna(r.shared) else float(r.shared),
            event=str(r.event or "").rsplit("/", 1)[-1],
        )


def _method(analysis: Analysis, nlp_version: str | None) -> Method:
    from reporter.facts import REGISTRY

    settings = analysis.settings or {}
    facts_settings = settings.get("facts")
    chosen = tuple(facts_settings.get("extractors") or ()) if isinstance(facts_settings, dict) else ()
    extractors = tuple((e.name, e.version, e.kind) for e in REGISTRY if not chosen or e.name in chosen)
    counts: dict[str, list[float]] = defaultdict(list)
    for fact in analysis.facts:
        counts[fact.kind].append(fact.confidence)
    facts_by_kind = tuple(
        (kind, len(counts[kind]), sum(counts[kind]) / len(counts[kind]))
        for kind in sorted(counts, key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 99)
    )
    doubtful = sum(
        1
        for row in analysis.coverage
        for cell in row.cells.values()
        if cell.status == "omitted" and cell.nearest is not None and cell.nearest.similarity >= DOUBTFUL
    )
    overrides = settings.get("overrides")
    return Method(
        generator=f"reporter {__version__}",
        nlp=nlp_version or "not recorded",
        extractors=extractors,
        facts_by_kind=facts_by_kind,
        doubtful=doubtful,
        settings=tuple(_settings(settings)),
        overrides=tuple(o for o in overrides if isinstance(o, dict)) if isinstance(overrides, list) else (),
        limits=LIMITS,
    )


def _settings(settings: Mapping[str, Any]) -> Iterable[Setting]:
    for section in sorted(settings):
        if section == "overrides":
            continue
        values = settings[section]
        if isinstance(values, dict):
            for key in sorted(values):
                yield Setting(section, str(key), _setting_text(values[key]))
        else:
            yield Setting(section, "", _setting_text(values))


def _setting_text(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or "(all)"
    if value is None:
        return "(none)"
    return str(value)


_CHARTS: dict[str, tuple[Callable[[Analysis], str | None], str, str]] = {
    "coverage": (
        lambda analysis: charts.coverage_heatmap(tables.coverage_matrix(analysis)),
        "Coverage matrix at a glance",
        "Each row is a fact group, each column an outlet; the tables below give the evidence.",
    ),
    "speakers": (
        lambda analysis: charts.speaker_share(tables.speaker_share(analysis)),
        "Speaker share",
        "Share of each outlet's quoted words going to each speaker.",
    ),
    "timeline": (
        lambda analysis: charts.timeline(tables.timeline(analysis)),
        "Publication timeline",
        "When each article was published and which event it reports.",
    ),
    "prominence": (
        lambda analysis: charts.prominence(tables.prominence(analysis)),
        "Prominence",
        "How early in each article a fact appears: near the top means the outlet leads with it.",
    ),
}


def with_html_charts(page: ReportView, analysis: Analysis) -> ReportView:
    """``page`` (built with ``html_charts=False``) with the charts only the HTML shows drawn and added:
    the same view as ``build(analysis, ...)`` with them."""
    extra = _charts(analysis, names=HTML_ONLY_CHARTS - set(page.charts))
    every = {**page.charts, **extra}
    return dataclasses.replace(page, charts={name: every[name] for name in _CHARTS if name in every})


def _charts(
    analysis: Analysis, html_charts: bool = True, names: Iterable[str] | None = None
) -> dict[str, Chart]:
    """Every chart the tables allow (a chart with nothing to show is left out); without
    ``html_charts``, only those the PDF shows; with ``names``, only those."""
    wanted = set(_CHARTS if names is None else names)
    made = {
        name: (draw(analysis), title, caption)
        for name, (draw, title, caption) in _CHARTS.items()
        if name in wanted and (html_charts or name not in HTML_ONLY_CHARTS)
    }
    return {
        name: Chart(f"chart-{name}", title, caption, Markup(svg), _description(svg))
        for name, (svg, title, caption) in made.items()
        if svg is not None
    }


def _description(svg: str) -> str:
    """The chart's ``<desc>`` text (unescaped), for an ``alt`` attribute."""
    import html

    match = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.DOTALL)
    return html.unescape(match.group(1)) if match else ""


def _sized(svg: str) -> str:
    """An inline chart (sized by its page) as a stand-alone SVG file with its size in points, so an
    ``<img>`` has an intrinsic size to scale from."""
    match = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    if match is None:
        return svg
    return svg.replace("<svg ", f'<svg width="{match.group(1)}pt" height="{match.group(2)}pt" ', 1)


def as_assets(page: ReportView, base: str) -> tuple[ReportView, dict[str, tuple[bytes, str]]]:
    """``page`` with its charts referred to as files under ``base`` (for WeasyPrint), and the files.

    WeasyPrint styles every element of an inline SVG as if it were HTML; as images, the charts skip
    the cascade and the page lays out several times faster. The prominence chart stays in the HTML
    only: drawing chart text is WeasyPrint's slowest step, and the brief keeps the three charts an
    editor reads first.
    """
    files: dict[str, tuple[bytes, str]] = {}
    charts_out: dict[str, Chart] = {}
    for name, item in page.charts.items():
        if name in HTML_ONLY_CHARTS:
            continue
        filename = f"{item.id}.svg"
        files[filename] = (_sized(str(item.svg)).encode("utf-8"), "image/svg+xml")
        charts_out[name] = dataclasses.replace(item, src=base + filename)
    return dataclasses.replace(page, charts=charts_out), files


def _text(value: object) -> str | None:
    """A table cell as text, or None for a missing value (None, NaN)."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    text = str(value)
    return text or None


# --- the index --------------------------------------------------------------------------------------


def build_index(
    entries: Sequence[tuple[Story, str | None]], css: str, created: str | None = None
) -> IndexView:
    """The view of an index page; ``entries`` pair each story with the relative href of its report."""
    return IndexView(
        lang="en",
        title="Coverage reports",
        generator=f"reporter {__version__}",
        created=created,
        entries=tuple(
            IndexEntry(
                title=story.title or story.id,
                href=href,
                story=story.id,
                first_published=story.first_published,
                last_published=story.last_published,
                outlets=tuple(story.outlets),
                articles=len(story.articles),
                events=len(story.events),
            )
            for story, href in entries
        ),
        css=Markup(css),
    )
