"""The view: one object holding everything a report template shows, built from an analysis.

Templates receive one :class:`ReportView` (or :class:`IndexView`) and only lay it out: every choice of
what to say (summary sentences, flags, which sentence is evidence, row order of the side-by-side) is
made here, in Python, where it can be tested. Text from the articles stays plain ``str`` and is escaped
by the templates; only the chart SVGs (made by :mod:`reporter.charts`, which escapes their text) are
marked safe.

Anchors (HTML ids) are derived from ids that may come from input (a JSON Lines ``id``), so they are
slugged and made unique; :class:`Anchors` hands them out, and every fact gets one: ``#fact-...`` on
its evidence in the side-by-side columns.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import re
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from markupsafe import Markup

from reporter import __version__, charts, tables
from reporter.model import Alignment, Analysis, Article, Cell, Coverage, Event, Fact, Story

KIND_ORDER = ("casualty", "denial", "quote", "caveat", "label")
KIND_NAMES = {
    "casualty": "casualty figure",
    "denial": "denial",
    "quote": "quote",
    "caveat": "verification caveat",
    "label": "label",
}
STATUS_SYMBOLS = {"included": "✓", "differs": "≠", "omitted": "–", "": ""}
OUTLET_SOURCES = {
    "manifest": "named in the manifest",
    "inferred": "inferred from the text",
    "filename": "taken from the file name",
}
# A nearest sentence at least this similar makes an omission doubtful (compare.DOUBTFUL says the same).
DOUBTFUL = 0.5
SUMMARY_LIMIT = 14
QUOTE_LINES = 5  # quote lines in the key differences; the matrix lists every speaker
WIDE_COLUMNS = 3  # outlets from which a matrix or side-by-side table is printed on landscape pages
GAP_PARAGRAPHS = 6  # paragraphs of one outlet in one unaligned row of the side-by-side table
HTML_ONLY_CHARTS = frozenset({"prominence"})
PDF_CLIP = 150  # characters of a matrix sentence in the PDF
PDF_NEAREST_FLOOR = 0.2  # nearest sentences below this similarity are linked, not printed, in the PDF
CELL_EVIDENCE = 2  # evidence sentences shown in a matrix cell or roster row; the rest are counted
LIMITS = (
    "Facts are found by rules (and spaCy's small English model when installed): a fact phrased in an "
    "unusual way can be missed, which then shows as an omission. Each omitted cell shows the outlet's "
    "nearest sentence so a reader can check.",
    "Outlets are compared within one event; two look-alike events (two raids a week apart) are kept "
    "apart, so a figure for one is never compared with the other.",
    "Casualty figures are compared as given (largest figure per outlet and group); a figure that "
    "changed over time shows as a disagreement, and as a repeated older figure when dates show it.",
    "Speaker roles (official, party, witness, expert) come from a word list over the role and name "
    "the extractor found; treat them as a reading aid.",
    "Labels are the words an outlet uses for an actor; the voice column says whether the outlet or a "
    "quoted speaker used the word.",
    "The PDF is a brief: its coverage matrix cuts long sentences and links (rather than prints) "
    "nearest sentences under 0.2 similarity; the HTML report and the attached report.json hold them whole.",
)


# --- small records ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True, slots=True)
class Chart:
    id: str
    title: str
    caption: str
    svg: Markup
    description: str = ""
    src: str | None = None  # the PDF variant refers to the SVG as an asset instead of inlining it


@dataclass(frozen=True, slots=True)
class SummaryLine:
    kind: str
    text: str
    links: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence shown as evidence, linked to where it stands in the side-by-side columns."""

    text: str
    href: str
    similarity: float | None = None


@dataclass(frozen=True, slots=True)
class MatrixCell:
    outlet: str
    status: str  # "included" | "omitted" | "differs" | "" (outlet not in this event)
    symbol: str
    evidence: tuple[Evidence, ...] = ()
    nearest: Evidence | None = None
    note: str | None = None
    confidence: float | None = None
    doubtful: bool = False


@dataclass(frozen=True, slots=True)
class MatrixRow:
    anchor: str
    kind: str
    label: str
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True, slots=True)
class EventView:
    id: str
    anchor: str
    tag: str
    label: str
    date: str | None
    outlets: tuple[str, ...]
    articles: int


@dataclass(frozen=True, slots=True)
class Matrix:
    event: EventView
    outlets: tuple[str, ...]
    rows: tuple[MatrixRow, ...]

    @property
    def wide(self) -> bool:
        """Printed on a landscape page (three outlets or more do not fit a portrait one)."""
        return len(self.outlets) >= WIDE_COLUMNS


@dataclass(frozen=True, slots=True)
class LedgerRow:
    outlet: str
    published: str | None
    figure: str
    status: str
    victims: str | None
    attributed_to: str | None
    evidence: Evidence
    carried_by: str
    cell: str
    flags: tuple[str, ...]
    mentions: int = 1


@dataclass(frozen=True, slots=True)
class LedgerGroup:
    anchor: str
    event: str  # the event's short tag ("e2")
    label: str
    disagree: bool
    rows: tuple[LedgerRow, ...]


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    speaker: str
    role: str
    speaker_role: str | None
    outlet: str
    quotes: int
    direct: int
    indirect: int
    words: int
    share: float
    quoted_by: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    more: int = 0


@dataclass(frozen=True, slots=True)
class RoleCount:
    outlet: str
    counts: tuple[int, ...]  # in ReportView.roles order


@dataclass(frozen=True, slots=True)
class LabelRow:
    actor: str
    label: str
    outlet: str
    voice: str
    count: int
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    kind: str | None = None  # the most telling fact kind covering this text, None: plain text
    anchors: tuple[str, ...] = ()  # fact anchors starting here


@dataclass(frozen=True, slots=True)
class Paragraph:
    anchor: str
    number: int  # 1-based, as a reader counts
    segments: tuple[Segment, ...]
    detached: bool = False  # aligned with a paragraph shown elsewhere (order of the columns kept)

    @property
    def telling(self) -> bool:
        """States a fact other than a label (labels are in nearly every sentence of war reporting)."""
        return any(s.kind not in (None, "label") for s in self.segments)

    @property
    def fact_anchors(self) -> tuple[str, ...]:
        return tuple(a for s in self.segments for a in s.anchors)


@dataclass(frozen=True, slots=True)
class Copy:
    """A duplicate article folded under its original."""

    anchor: str
    outlet: str
    title: str | None
    published: str | None
    score: float | None
    paragraphs: tuple[str, ...]
    anchors: tuple[str, ...]  # fact anchors of the copy, if any fact was found in it


@dataclass(frozen=True, slots=True)
class Column:
    anchor: str
    outlet: str
    article: str
    title: str | None
    published: str | None
    copies: tuple[Copy, ...]
    extra_anchors: tuple[str, ...] = ()  # facts outside the body paragraphs (headline, ...)


@dataclass(frozen=True, slots=True)
class SideRow:
    """Either paragraphs aligned across outlets (``shared``), or, between two such rows, each outlet's
    paragraphs that no other outlet has (``own``: highlighted when there are several outlets)."""

    cells: tuple[tuple[Paragraph, ...], ...]  # one tuple of paragraphs per column (empty: nothing)
    shared: bool
    own: bool
    elided: tuple[Elided, ...] = ()  # per column, in the PDF brief: own paragraphs left out

    def brief(self) -> SideRow:
        """This row for the PDF brief: an own row keeps the paragraphs that state a fact (other than
        a label) and counts the rest, whose anchors stay so every link still lands."""
        if not self.own:
            return self
        kept, elided = [], []
        for cell in self.cells:
            telling = tuple(p for p in cell if p.telling)
            dropped = [p for p in cell if not p.telling]
            kept.append(telling)
            anchors = tuple(a for p in dropped for a in (p.anchor, *p.fact_anchors))
            elided.append(Elided(len(dropped), anchors))
        return dataclasses.replace(self, cells=tuple(kept), elided=tuple(elided))


@dataclass(frozen=True, slots=True)
class Elided:
    count: int
    anchors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SideBySide:
    event: EventView
    columns: tuple[Column, ...]
    rows: tuple[SideRow, ...]

    @property
    def wide(self) -> bool:
        """Printed on a landscape page (three columns or more do not fit a portrait one)."""
        return len(self.columns) >= WIDE_COLUMNS

    def brief(self) -> SideBySide:
        """The PDF brief's rows (:meth:`SideRow.brief`), runs of own rows merged into one."""
        rows: list[SideRow] = []
        for row in (r.brief() for r in self.rows):
            if rows and row.own and rows[-1].own:
                last = rows[-1]
                rows[-1] = dataclasses.replace(
                    last,
                    cells=tuple(a + b for a, b in zip(last.cells, row.cells, strict=True)),
                    elided=tuple(
                        Elided(a.count + b.count, a.anchors + b.anchors)
                        for a, b in zip(last.elided, row.elided, strict=True)
                    ),
                )
            else:
                rows.append(row)
        return dataclasses.replace(self, rows=tuple(rows))


@dataclass(frozen=True, slots=True)
class TimelineRow:
    published: str | None
    outlet: str
    title: str | None
    href: str
    event: str
    event_label: str
    copy_of: str | None


@dataclass(frozen=True, slots=True)
class SourceRow:
    anchor: str
    article: str
    outlet: str
    outlet_source: str
    title: str | None
    published: str | None
    url: str | None  # http(s) only, else None
    url_text: str | None  # the URL as given, shown as text when it is not a safe link
    source: str
    words: int
    paragraphs: int
    removed_chars: int
    copy_of: str | None
    duplicate_score: float | None
    shared: float
    event: str


@dataclass(frozen=True, slots=True)
class Setting:
    section: str
    key: str
    value: str


@dataclass(frozen=True, slots=True)
class Method:
    generator: str
    nlp: str
    extractors: tuple[tuple[str, str, str], ...]  # (name, version, kind)
    facts_by_kind: tuple[tuple[str, int, float], ...]  # (kind, count, mean confidence)
    doubtful: int
    settings: tuple[Setting, ...]
    overrides: tuple[Mapping[str, Any], ...]
    limits: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReportView:
    """Everything ``report.html`` shows. ``for_pdf``: the variant WeasyPrint lays out (no disclosure
    widgets, sources attached instead of folded in)."""

    lang: str
    title: str
    story: str
    generator: str
    created: str | None  # ISO date-time for the PDF metadata and the footer, None: no timestamp
    first_published: str | None
    last_published: str | None
    outlets: tuple[str, ...]
    articles: int
    originals: int
    copies: int
    events: tuple[EventView, ...]
    summary: tuple[SummaryLine, ...]
    summary_more: int
    matrices: tuple[Matrix, ...]
    ledger: tuple[LedgerGroup, ...]
    speakers: tuple[SpeakerRow, ...]
    roles: tuple[str, ...]
    role_counts: tuple[RoleCount, ...]
    labels: tuple[LabelRow, ...]
    side_by_side: tuple[SideBySide, ...]
    timeline: tuple[TimelineRow, ...]
    sources: tuple[SourceRow, ...]
    problems: tuple[tuple[str, str], ...]
    method: Method
    changes: tuple[tuple[str, str, str], ...] | None
    charts: Mapping[str, Chart]
    css: Markup
    for_pdf: bool = False
    keywords: tuple[str, ...] = field(default_factory=tuple)
    clip: int = 0  # matrix sentences cut near this many characters (0: whole); the PDF is a brief
    nearest_floor: float = 0.0  # a nearest sentence less similar than this is linked, not printed
    cell_evidence: int = CELL_EVIDENCE  # evidence sentences printed in a matrix cell; the rest counted

    def printed(self, created: str, css: str) -> ReportView:
        """The variant WeasyPrint lays out: its stylesheet and date; matrix sentences clipped, nearest
        sentences that are not close linked rather than printed, and in the side-by-side columns an
        outlet's own paragraphs kept only where they state a fact (the full texts are attached to the
        PDF, and the HTML shows everything). A brief for print, where length costs reading and
        rendering time alike."""
        return dataclasses.replace(
            self,
            for_pdf=True,
            created=created,
            css=self.css + Markup(css),
            clip=PDF_CLIP,
            nearest_floor=PDF_NEAREST_FLOOR,
            cell_evidence=1,
            side_by_side=tuple(part.brief() for part in self.side_by_side),
        )


@dataclass(frozen=True, slots=True)
class IndexEntry:
    title: str
    href: str | None
    story: str
    first_published: str | None
    last_published: str | None
    outlets: tuple[str, ...]
    articles: int
    events: int


@dataclass(frozen=True, slots=True)
class IndexView:
    lang: str
    title: str
    generator: str
    created: str | None
    entries: tuple[IndexEntry, ...]
    css: Markup


# --- anchors ------------------------------------------------------------------------------------------


class Anchors:
    """Unique, safe HTML ids for ids that may come from input. The same (prefix, raw) pair always
    gets the same anchor; two raws that slug alike get a short hash to keep them apart."""

    def __init__(self) -> None:
        self._given: dict[tuple[str, str], str] = {}
        self._used: set[str] = set()

    def __call__(self, prefix: str, raw: str) -> str:
        key = (prefix, raw)
        if key in self._given:
            return self._given[key]
        base = f"{prefix}-{re.sub(r'[^A-Za-z0-9_-]+', '-', raw).strip('-')[:60] or 'x'}"
        anchor = base
        if anchor in self._used:
            anchor = f"{base}-{hashlib.sha1(raw.encode('utf-8')).hexdigest()[:8]}"
        self._used.add(anchor)
        self._given[key] = anchor
        return anchor


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host and no whitespace or quotes, else None."""
    if not url:
        return None
    url = url.strip()
    if re.search(r"[\s\"'<>`\\]|[\x00-\x1f\x7f]", url):
        return None
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


# --- the report ------------------------------------------------------------------------------------


def build(
    analysis: Analysis,
    css: str,
    created: str | None = None,
    for_pdf: bool = False,
    nlp_version: str | None = None,
) -> ReportView:
    """The view of one story's analysis (``analysis.for_story``); ``css`` is inlined as given."""
    anchors = Anchors()
    story = analysis.stories[0] if analysis.stories else _loose_story(analysis)
    by_id = {a.id: a for a in analysis.articles}
    fact_anchor = {f.id: anchors("fact", f.id) for f in analysis.facts}
    events = tuple(_event_view(e, by_id, anchors) for e in story.events)
    locate = _Locator(analysis, anchors, fact_anchor)
    ledger = tables.casualty_ledger(analysis)
    roster = tables.speakers(analysis)
    lines = _summary(analysis, story, events, locate, ledger, roster)
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
        side_by_side=tuple(_side_by_side(analysis, story, events, anchors, fact_anchor)),
        timeline=tuple(_timeline(tables.timeline(analysis), anchors)),
        sources=tuple(_sources(tables.articles(analysis), by_id, anchors)),
        problems=tuple((p.source, p.reason) for p in analysis.problems),
        method=_method(analysis, nlp_version),
        changes=None
        if analysis.changes is None
        else tuple((c.kind, c.outlet, c.what) for c in analysis.changes),
        charts=_charts(analysis),
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


class _Locator:
    """Where things are in the side-by-side columns: a fact's anchor, the paragraph holding an offset."""

    def __init__(self, analysis: Analysis, anchors: Anchors, fact_anchor: Mapping[str, str]) -> None:
        self.facts = {f.id: f for f in analysis.facts}
        self.articles = {a.id: a for a in analysis.articles}
        self.anchors = anchors
        self.fact_anchor = fact_anchor

    def fact(self, fact_id: str) -> Evidence | None:
        fact = self.facts.get(fact_id)
        if fact is None:
            return None
        return Evidence(fact.evidence, "#" + self.fact_anchor[fact_id])

    def paragraph(self, article_id: str, offset: int) -> str:
        """The href of the paragraph of ``article_id`` holding ``offset`` (the article, if none does)."""
        article = self.articles.get(article_id)
        if article is None:
            return "#side-by-side"
        for index, span in enumerate(article.paragraphs):
            if span.start <= offset < span.end:
                return "#" + self.anchors("p", f"{article_id}/{index}")
        return "#" + self.anchors("article", article_id)

    def outlet(self, fact_id: str) -> str:
        fact = self.facts.get(fact_id)
        article = self.articles.get(fact.article) if fact else None
        return article.outlet if article else "?"


# --- summary ----------------------------------------------------------------------------------------


def _summary(
    analysis: Analysis,
    story: Story,
    events: Sequence[EventView],
    locate: _Locator,
    ledger: pd.DataFrame,
    roster: pd.DataFrame,
) -> list[SummaryLine]:
    """Key differences in plain sentences, most telling first, each linked to its evidence: figures,
    denials, caveats, repeated older figures, then quotes (at most :data:`QUOTE_LINES`: speakers quoted
    by several outlets first, since an extractor's stray "speakers" are usually quoted once)."""
    lines: list[SummaryLine] = []
    by_kind: dict[str, list[Coverage]] = defaultdict(list)
    for row in analysis.coverage:
        by_kind[row.kind].append(row)
    for row in by_kind["casualty"]:
        lines += _figure_lines(row, locate)
    for kind in ("denial", "caveat"):
        for row in by_kind[kind]:
            lines += _presence_line(row, locate)
    lines += _older_figure_lines(ledger, locate)
    quoted = sorted(by_kind["quote"], key=lambda r: (-_carried(r), r.group))
    quote_lines = [line for row in quoted for line in _presence_line(row, locate)]
    # Story-wide "quoted only by" lines add what events with one outlet cannot say, nothing more.
    named = {_speaker_key(line) for line in quote_lines}
    quote_lines += [line for line in _speaker_lines(roster) if _speaker_key(line) not in named]
    lines += quote_lines[:QUOTE_LINES]
    lines += _single_outlet_events(events)
    doubtful = [
        cell
        for row in analysis.coverage
        for cell in row.cells.values()
        if cell.status == "omitted" and cell.nearest is not None and cell.nearest.similarity >= DOUBTFUL
    ]
    if doubtful:
        lines.append(
            SummaryLine(
                "check",
                f"{len(doubtful)} omission{'s' if len(doubtful) != 1 else ''} may not be real: the outlet has a "
                f"close sentence (similarity ≥ {DOUBTFUL}); check them in the coverage matrix.",
                (Link("coverage matrix", "#coverage-matrix"),),
            )
        )
    if not any(line.kind not in ("coverage", "check") for line in lines):
        lines.insert(
            0,
            SummaryLine(
                "none",
                "No difference between outlets was found: every fact found is carried by every outlet of its event.",
            ),
        )
    return lines


def _figure_lines(row: Coverage, locate: _Locator) -> list[SummaryLine]:
    cells = row.cells
    present = {o: c for o, c in cells.items() if c.status in ("included", "differs")}
    missing = sorted(o for o, c in cells.items() if c.status == "omitted")
    links = tuple(link for o, c in sorted(present.items()) if (link := _first_link(o, c, locate)) is not None)
    if any(c.status == "differs" for c in present.values()):
        figures = []
        for outlet, cell in sorted(present.items()):
            counts = sorted(
                {f.count for i in cell.facts if (f := locate.facts.get(i)) and f.count is not None}
            )
            figures.append(f"{outlet} gives {_join(str(n) for n in counts) or 'no number'}")
        return [SummaryLine("figure", f"Figures disagree on {_what(row)}: {_join(figures)}.", links)]
    if len(present) == 1 and missing:
        (only,) = present
        verb = "does" if len(missing) == 1 else "do"
        return [
            SummaryLine("figure", f"Only {only} reports {row.label}; {_join(missing)} {verb} not.", links)
        ]
    return []


def _presence_line(row: Coverage, locate: _Locator) -> list[SummaryLine]:
    """ "Denial by Ukraine: only in Reuters; not in The Guardian." or "Dmitry Peskov is quoted only by
    Reuters; not by The Guardian." when some outlets leave the fact out."""
    present = sorted(o for o, c in row.cells.items() if c.status in ("included", "differs"))
    missing = sorted(o for o, c in row.cells.items() if c.status == "omitted")
    if not present or not missing:
        return []
    links = tuple(link for o in present if (link := _first_link(o, row.cells[o], locate)) is not None)
    only = "only " if len(present) == 1 else ""
    if row.kind == "quote" and row.label.startswith("Quotes "):
        speaker = row.label.removeprefix("Quotes ")
        text = f"{speaker} is quoted {only}by {_join(present)}; not by {_join(missing)}."
    else:
        text = f"{row.label}: {only}in {_join(present)}; not in {_join(missing)}."
    return [SummaryLine(row.kind, text, links)]


def _speaker_key(line: SummaryLine) -> str:
    """The speaker a "... is quoted ..." line is about, as a name key (variants of a name agree)."""
    from reporter.entities import person_key

    name = line.text.split(" is quoted ", 1)[0]
    return person_key(name) or name


def _carried(row: Coverage) -> int:
    return sum(1 for c in row.cells.values() if c.status in ("included", "differs"))


def _older_figure_lines(ledger: pd.DataFrame, locate: _Locator) -> list[SummaryLine]:
    lines = []
    for row in ledger[ledger["repeats_older"]].itertuples(index=False):
        evidence = locate.fact(str(row.fact))
        lines.append(
            SummaryLine(
                "older",
                f"{row.outlet} ({row.published}) repeats an older figure: {row.figure} {row.status}, first "
                f"reported by {row.first_reported}, since updated by another report.",
                (Link(str(row.outlet), evidence.href),) if evidence else (),
            )
        )
    return lines


def _speaker_lines(roster: pd.DataFrame) -> list[SummaryLine]:
    """Speakers only one outlet quotes, across the whole story (name variants folded: "Okafor" is
    "Ruth Okafor" when both appear)."""
    from reporter.entities import person_key

    if roster.empty or roster["outlet"].nunique() < 2:
        return []
    outlets: dict[str, set[str]] = defaultdict(set)
    names: dict[str, list[str]] = defaultdict(list)
    for speaker, outlet in zip(roster["speaker"], roster["outlet"], strict=True):
        if speaker == "(unnamed)":
            continue
        key = person_key(str(speaker)) or str(speaker)
        outlets[key].add(str(outlet))
        names[key].append(str(speaker))
    lines = []
    for key in sorted(outlets):
        if len(outlets[key]) == 1:
            name = max(names[key], key=lambda n: (len(n.split()), n))
            lines.append(SummaryLine("quote", f"{name} is quoted only by {next(iter(outlets[key]))}.", ()))
    return lines[:4]


def _single_outlet_events(events: Sequence[EventView]) -> list[SummaryLine]:
    if len(events) < 2:
        return []
    single = [e for e in events if len(e.outlets) == 1]
    if not single:
        return []
    text = "; ".join(f"{e.tag} ({e.date or 'undated'}) by {e.outlets[0]}" for e in single)
    return [
        SummaryLine(
            "coverage",
            f"{len(single)} of {len(events)} events are covered by one outlet only, so nothing is compared "
            f"there: {text}.",
            tuple(Link(e.tag, "#" + e.anchor) for e in single),
        )
    ]


def _first_link(outlet: str, cell: Cell, locate: _Locator) -> Link | None:
    for fact_id in cell.facts:
        evidence = locate.fact(fact_id)
        if evidence is not None:
            return Link(outlet, evidence.href)
    return None


def _what(row: Coverage) -> str:
    """ "people killed" from a casualty group's label "2 people killed (per ...)"."""
    group = row.group.rsplit("/", 1)[-1]
    status, _, victims = group.partition("-")
    return f"{victims or 'people'} {status}" if status else row.label


def _join(items: Iterable[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# --- coverage matrix --------------------------------------------------------------------------------


def _matrices(
    analysis: Analysis, events: Sequence[EventView], locate: _Locator, anchors: Anchors
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


def _matrix_cell(outlet: str, cell: Cell | None, locate: _Locator) -> MatrixCell:
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


def _ledger(ledger: pd.DataFrame, locate: _Locator, anchors: Anchors) -> Iterable[LedgerGroup]:
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


def _speakers(roster: pd.DataFrame, locate: _Locator) -> Iterable[SpeakerRow]:
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


def _labels(table: pd.DataFrame, locate: _Locator) -> Iterable[LabelRow]:
    for r in table.itertuples(index=False):
        first = str(r.facts).split(tables.SEP)[0]
        evidence = locate.fact(first) or Evidence(str(r.evidence), "#side-by-side")
        yield LabelRow(str(r.actor), str(r.label), str(r.outlet), str(r.voice), int(r.count), evidence)


# --- side by side -------------------------------------------------------------------------------------


def _side_by_side(
    analysis: Analysis,
    story: Story,
    events: Sequence[EventView],
    anchors: Anchors,
    fact_anchor: Mapping[str, str],
) -> Iterable[SideBySide]:
    by_id = {a.id: a for a in analysis.articles}
    facts_of: dict[str, list[Fact]] = defaultdict(list)
    for fact in analysis.facts:
        facts_of[fact.article].append(fact)
    copies_of: dict[str, list[Article]] = defaultdict(list)
    for article in analysis.articles:
        if article.duplicate_of is not None:
            copies_of[article.duplicate_of].append(article)
    shown: set[str] = set()
    for event_record, event in zip(story.events, events, strict=True):
        originals = sorted(
            (by_id[i] for i in event_record.articles if i in by_id and by_id[i].duplicate_of is None),
            key=lambda a: (a.published or "9999", a.outlet, a.id),
        )
        if not originals:
            continue
        shown.update(a.id for a in originals)
        columns = tuple(
            _column(a, copies_of.get(a.id, []), facts_of, anchors, fact_anchor) for a in originals
        )
        alignments = [al for al in analysis.alignments if al.event in (None, event.id)]
        layout = _merge_gaps(_layout(originals, alignments))
        rows = []
        for row, shared in layout:
            cells = tuple(
                tuple(
                    _paragraph(originals[k], p, facts_of[originals[k].id], anchors, fact_anchor, detached)
                    for p, detached in row[k]
                )
                for k in range(len(originals))
            )
            rows.append(SideRow(cells, shared=shared, own=not shared))
        yield SideBySide(event, columns, tuple(rows))


def _column(
    article: Article,
    copies: Sequence[Article],
    facts_of: Mapping[str, list[Fact]],
    anchors: Anchors,
    fact_anchor: Mapping[str, str],
) -> Column:
    outside = tuple(
        fact_anchor[f.id]
        for f in facts_of.get(article.id, [])
        if not any(p.start <= f.start < p.end for p in article.paragraphs)
    )
    return Column(
        anchor=anchors("article", article.id),
        outlet=article.outlet,
        article=article.id,
        title=article.title,
        published=article.published,
        copies=tuple(
            Copy(
                anchor=anchors("article", c.id),
                outlet=c.outlet,
                title=c.title,
                published=c.published,
                score=c.duplicate_score,
                paragraphs=tuple(p.of(c.text) for p in c.paragraphs),
                anchors=tuple(fact_anchor[f.id] for f in facts_of.get(c.id, [])),
            )
            for c in sorted(copies, key=lambda c: (c.outlet, c.id))
        ),
        extra_anchors=outside,
    )


Placement = list[list[tuple[int, bool]]]  # per column: (paragraph index, detached from its group)


def _layout(columns: Sequence[Article], alignments: Sequence[Alignment]) -> list[Placement]:
    """Rows of the side-by-side table: aligned paragraphs side by side, every column in its own order.

    A merge of the columns: at each step, among the rows whose paragraphs are all next in their
    columns, the one earliest in its articles (mean relative position) goes first. When alignments
    cross (A1~B2 and A2~B1) no row is ready; the earliest waiting paragraph is then shown on its own,
    marked ``detached``, so no column is ever reordered.
    """
    col_of = {a.id: k for k, a in enumerate(columns)}
    sizes = [len(a.paragraphs) for a in columns]
    group_of: dict[tuple[int, int], int] = {}
    groups: dict[int, set[tuple[int, int]]] = {}
    for number, alignment in enumerate(sorted(alignments, key=lambda al: al.id)):
        members = {
            (col_of[m.article], m.paragraph)
            for m in alignment.members
            if m.article in col_of and 0 <= m.paragraph < sizes[col_of[m.article]]
        }
        members = {m for m in members if m not in group_of}
        if len({c for c, _ in members}) < 2:
            continue
        # One run of consecutive paragraphs per column; the rest of a column's members stay single.
        kept: set[tuple[int, int]] = set()
        for column in {c for c, _ in members}:
            indices = sorted(p for c, p in members if c == column)
            run = [indices[0]]
            for p in indices[1:]:
                if p == run[-1] + 1:
                    run.append(p)
            kept.update((column, p) for p in run)
        groups[number] = kept
        for member in kept:
            group_of[member] = number

    def position(column: int, paragraph: int) -> float:
        return paragraph / max(sizes[column], 1)

    pointers = [0] * len(columns)
    rows: list[Placement] = []
    detached: set[tuple[int, int]] = set()
    while any(pointers[c] < sizes[c] for c in range(len(columns))):
        heads = [(c, pointers[c]) for c in range(len(columns)) if pointers[c] < sizes[c]]
        candidates: list[tuple[float, int, int | None, tuple[int, int]]] = []
        for head in heads:
            found = group_of.get(head)
            if found is None:
                candidates.append((position(*head), head[0], None, head))
            elif _ready(groups[found], pointers):
                group = groups[found]
                mean = sum(position(*m) for m in group) / len(group)
                candidates.append((mean, min(c for c, _ in group), found, head))
        if candidates:
            _pos, _col, chosen, head = min(candidates, key=lambda item: (item[0], item[1]))
            members = groups[chosen] if chosen is not None else {head}
        else:
            head = min(heads, key=lambda h: (position(*h), h[0]))
            broken = group_of.pop(head)
            groups[broken].discard(head)
            if len({c for c, _ in groups[broken]}) < 2:
                for member in groups.pop(broken):
                    group_of.pop(member, None)
                    detached.add(member)
            detached.add(head)
            members = {head}
        row: Placement = [[] for _ in columns]
        for column, paragraph in sorted(members):
            row[column].append((paragraph, (column, paragraph) in detached))
            pointers[column] = max(pointers[column], paragraph + 1)
        rows.append(row)
    return rows


def _is_shared(row: Placement) -> bool:
    """A row of :func:`_layout` is shared when it holds paragraphs of two columns or more."""
    return sum(1 for cell in row if cell) > 1


def _merge_gaps(rows: list[Placement]) -> list[tuple[Placement, bool]]:
    """Rows with their shared flag, consecutive unshared rows merged into one: between two shared
    rows, each column shows its own run of paragraphs (every column keeps its order; a long table of
    one-cell rows is hard to read and slow to lay out)."""
    merged: list[tuple[Placement, bool]] = []
    for row in rows:
        shared = _is_shared(row)
        if merged and not shared and not merged[-1][1] and _fits(merged[-1][0], row):
            for column, cell in enumerate(row):
                merged[-1][0][column].extend(cell)
        else:
            merged.append(([list(cell) for cell in row], shared))
    return merged


def _fits(row: Placement, more: Placement) -> bool:
    """Whether ``more`` can join ``row`` without a column passing :data:`GAP_PARAGRAPHS`: a table row
    many pages long is slow to lay out (WeasyPrint re-lays it at every page break) and hard to read."""
    return all(len(a) + len(b) <= GAP_PARAGRAPHS for a, b in zip(row, more, strict=True))


def _ready(members: set[tuple[int, int]], pointers: Sequence[int]) -> bool:
    """All of a group's paragraphs are next in their columns."""
    for column in {c for c, _ in members}:
        indices = sorted(p for c, p in members if c == column)
        if indices[0] != pointers[column]:
            return False
    return True


def _paragraph(
    article: Article,
    index: int,
    facts: Sequence[Fact],
    anchors: Anchors,
    fact_anchor: Mapping[str, str],
    detached: bool,
) -> Paragraph:
    """One paragraph cut into segments at every fact boundary; fact anchors where the facts start."""
    span = article.paragraphs[index]
    inside = [f for f in facts if f.start < span.end and f.end > span.start]
    cuts = {span.start, span.end}
    for f in inside:
        cuts.update((max(f.start, span.start), min(f.end, span.end)))
    points = sorted(cuts)
    placed: set[str] = set()
    segments = []
    for start, end in itertools.pairwise(points):
        covering = [f for f in inside if f.start < end and f.end > start]
        # Facts starting inside this segment (a zero-length fact covers nothing but still gets its anchor).
        starting = tuple(
            fact_anchor[f.id]
            for f in sorted(inside, key=lambda f: (f.start, f.id))
            if start <= max(f.start, span.start) < end and f.id not in placed
        )
        placed.update(f.id for f in inside if start <= max(f.start, span.start) < end)
        kinds = sorted(
            {f.kind for f in covering}, key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 99
        )
        segments.append(Segment(article.text[start:end], kinds[0] if kinds else None, starting))
    return Paragraph(anchors("p", f"{article.id}/{index}"), index + 1, tuple(segments), detached)


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


def _charts(analysis: Analysis) -> dict[str, Chart]:
    """Every chart the tables allow (a chart with nothing to show is left out)."""
    made = {
        "coverage": (
            charts.coverage_heatmap(tables.coverage_matrix(analysis)),
            "Coverage matrix at a glance",
            "Each row is a fact group, each column an outlet; the tables below give the evidence.",
        ),
        "speakers": (
            charts.speaker_share(tables.speaker_share(analysis)),
            "Speaker share",
            "Share of each outlet's quoted words going to each speaker.",
        ),
        "timeline": (
            charts.timeline(tables.timeline(analysis)),
            "Publication timeline",
            "When each article was published and which event it reports.",
        ),
        "prominence": (
            charts.prominence(tables.prominence(analysis)),
            "Prominence",
            "How early in each article a fact appears: near the top means the outlet leads with it.",
        ),
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
