"""The view's records: what a report template can show, and the small helpers that name things.

Every record is a frozen dataclass of plain values; the templates only lay them out. Text from the
articles stays plain ``str`` (the templates escape it); only chart SVGs, made by
:mod:`reporter.charts`, which escapes their text, are :class:`~markupsafe.Markup`.

Anchors (HTML ids) are derived from ids that may come from input (a JSON Lines ``id``), so they are
slugged and made unique; :class:`Anchors` hands them out, and every fact gets one: ``#fact-...`` on its
evidence in the side-by-side columns. :class:`Locator` turns facts and offsets into those links.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import urllib.parse
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from markupsafe import Markup

from reporter.model import Analysis

T = TypeVar("T")

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
BRIEF_COLUMNS = 6  # outlets the PDF's compact matrix fits on a portrait page
WIDE_COLUMNS = 3  # outlets from which a matrix or side-by-side table is printed on landscape pages
GAP_PARAGRAPHS = 6  # paragraphs of one outlet in one unaligned row of the side-by-side table
# The PDF leaves out the prominence chart (drawing chart text is WeasyPrint's slowest step) and the
# coverage heatmap (its compact status table says the same, in text).
HTML_ONLY_CHARTS = frozenset({"prominence", "coverage"})
PDF_CLIP = 150  # characters of a matrix sentence in the PDF
PDF_NEAREST_FLOOR = 0.2  # nearest sentences below this similarity are printed as "nothing close" in the PDF
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
    "The PDF is a brief: its coverage matrix prints each sentence once, numbered, with the cells that "
    "cite it, cuts long sentences, and marks nearest sentences under 0.2 similarity as nothing close; "
    "the HTML report and the attached report.json hold them whole.",
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
    cites: tuple[int, ...] = ()  # the PDF: numbers of the matrix's citations this cell rests on


@dataclass(frozen=True, slots=True)
class Citation:
    """A sentence the PDF's coverage matrix rests on, printed once per event however many cells cite
    it: one sentence often holds several facts, and is the nearest sentence of several omissions
    (in the example, 122 cell sentences were 65 distinct ones)."""

    number: int
    outlet: str
    text: str
    href: str
    uses: str  # the cells citing it, by fact number: "✓ 1, 5 · – 4 (0.13), 9 (0.02, nothing close)"


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
    citations: tuple[Citation, ...] = ()  # the PDF (see :func:`cite`): its cells' sentences, once each
    uncited: tuple[str, ...] = ()  # the PDF: cells with a status and no sentence, one line each

    @property
    def wide(self) -> bool:
        """Printed on a landscape page (three outlets or more do not fit a portrait one)."""
        return len(self.outlets) >= WIDE_COLUMNS

    @property
    def print_wide(self) -> bool:
        """The PDF's compact status table on a landscape page (more outlets than a portrait one holds)."""
        return len(self.outlets) > BRIEF_COLUMNS


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

    def runs(self) -> tuple[Segment, ...]:
        """The text as the PDF brief marks it: runs of one kind, without anchors (the brief links to
        the paragraph). Labels are plain text; neighbouring segments of one kind, and blank text
        between two of them, make one run. One marked run is a wholly marked paragraph."""
        runs: list[tuple[str, str | None]] = []
        for segment in self.segments:
            kind = None if segment.kind == "label" else segment.kind
            if runs and runs[-1][1] == kind:
                runs[-1] = (runs[-1][0] + segment.text, kind)
            elif len(runs) > 1 and kind and runs[-2][1] == kind and not runs[-1][0].strip():
                blank, _ = runs.pop()
                runs[-1] = (runs[-1][0] + blank + segment.text, kind)
            else:
                runs.append((segment.text, kind))
        return tuple(Segment(text, kind) for text, kind in runs)


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

    def landings(self) -> dict[str, str]:
        """Where the PDF brief lands each anchor it does not print (it prints no per-fact anchors):
        a fact on its paragraph, a fact outside the body on its column's heading, a copy's facts on
        the copy's line, and left-out paragraphs and their facts on the line that counts them."""
        landing: dict[str, str] = {}
        for column in self.columns:
            landing.update(dict.fromkeys(column.extra_anchors, column.anchor))
            for copy in column.copies:
                landing.update(dict.fromkeys(copy.anchors, copy.anchor))
        for row in self.rows:
            for paragraph in (p for cell in row.cells for p in cell):
                landing.update(dict.fromkeys(paragraph.fact_anchors, paragraph.anchor))
            for elided in (e for e in row.elided if e.anchors):
                landing.update(dict.fromkeys(elided.anchors[1:], elided.anchors[0]))
        return landing


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
    nearest_floor: float = 0.0  # a nearest sentence less similar than this is marked "nothing close"
    cell_evidence: int = CELL_EVIDENCE  # evidence sentences printed in a matrix cell; the rest counted
    linked: frozenset[str] = frozenset()  # the PDF brief: anchors some record links to ("#anchor")

    def printed(self, created: str, css: str) -> ReportView:
        """The variant WeasyPrint lays out: its date and its own stylesheet ``css`` (in place of the
        page's: the print stylesheet stands alone); the matrix's sentences clipped and printed once per
        event however many cells cite them (:func:`cite`), and in the side-by-side columns an outlet's own
        paragraphs kept only where they state a fact (the full texts are attached to the PDF, and the
        HTML shows everything). A brief for print, where length costs reading and rendering time
        alike."""
        side_by_side = tuple(part.brief() for part in self.side_by_side)
        landing = {k: v for part in side_by_side for k, v in part.landings().items()}
        printed = retarget(
            dataclasses.replace(
                self,
                for_pdf=True,
                created=created,
                css=Markup(css),
                clip=PDF_CLIP,
                nearest_floor=PDF_NEAREST_FLOOR,
                cell_evidence=1,
                side_by_side=side_by_side,
            ),
            landing,
        )
        printed = dataclasses.replace(
            printed,
            matrices=tuple(cite(m, printed.nearest_floor, printed.cell_evidence) for m in printed.matrices),
        )
        # A paragraph's id only where a link lands: in WeasyPrint an element with an id cannot share
        # its computed style with its siblings.
        return dataclasses.replace(printed, linked=frozenset(linked_anchors(printed)))


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


def cite(matrix: Matrix, floor: float, per_cell: int) -> Matrix:
    """``matrix`` as the PDF prints it: every sentence its cells rest on numbered once
    (:class:`Citation`: by outlet in column order, then in the order the rows first cite it) and each
    cell's numbers in ``cites``. A cell cites its first ``per_cell`` evidence sentences and counts the
    rest; an omitted cell cites its nearest sentence, marked "nothing close" under ``floor``
    similarity. Cells with a status and no sentence become ``uncited`` lines."""
    uses: dict[tuple[str, str], dict[str, list[str]]] = {}  # (outlet, sentence) -> status -> uses
    where: dict[tuple[str, str], str] = {}  # (outlet, sentence) -> href of its first citation
    keys: list[list[list[tuple[str, str]]]] = []  # row -> cell -> the sentences it cites
    uncited: list[str] = []
    for number, row in enumerate(matrix.rows, 1):
        keys.append([])
        for cell in row.cells:
            cited = list(_cell_sentences(cell, number, floor, per_cell))
            keys[-1].append([(cell.outlet, sentence.text) for sentence, _use in cited])
            for sentence, use in cited:
                key = (cell.outlet, sentence.text)
                where.setdefault(key, sentence.href)
                uses.setdefault(key, {}).setdefault(cell.status, []).append(use)
            if cell.status and not cited:
                said = "no similar sentence" if cell.status == "omitted" else "no sentence to show"
                note = f" ({cell.note})" if cell.note else ""
                uncited.append(
                    f"{number} {row.label}: {cell.outlet} {cell.symbol} {cell.status}, {said}{note}"
                )
    order = sorted(where, key=lambda key: matrix.outlets.index(key[0]))  # stable: rows' order within
    numbers = {key: i for i, key in enumerate(order, 1)}
    citations = tuple(
        Citation(
            numbers[key],
            key[0],
            key[1],
            where[key],
            " · ".join(
                f"{STATUS_SYMBOLS[status]} {', '.join(uses[key][status])}"
                for status in ("included", "differs", "omitted")
                if status in uses[key]
            ),
        )
        for key in order
    )
    rows = tuple(
        dataclasses.replace(
            row,
            cells=tuple(
                dataclasses.replace(cell, cites=tuple(numbers[key] for key in cell_keys))
                for cell, cell_keys in zip(row.cells, row_keys, strict=True)
            ),
        )
        for row, row_keys in zip(matrix.rows, keys, strict=True)
    )
    return dataclasses.replace(matrix, rows=rows, citations=citations, uncited=tuple(uncited))


def _cell_sentences(
    cell: MatrixCell, number: int, floor: float, per_cell: int
) -> Iterator[tuple[Evidence, str]]:
    """The sentences ``cell`` (of fact ``number``) cites, each with how it cites it: "5", "4 (0.13)"."""
    if cell.status == "omitted":
        if cell.nearest is not None:
            similarity = cell.nearest.similarity or 0.0
            details = [f"{similarity:.2f}"]
            if cell.doubtful:
                details.append("doubtful omission")
            if similarity < floor:
                details.append("nothing close")
            # A doubtful omission's note says what "doubtful omission" says: not printed twice.
            note = f"; {cell.note}" if cell.note and not cell.doubtful else ""
            yield cell.nearest, f"{number} ({', '.join(details)}{note})"
        return
    shown = cell.evidence[:per_cell]
    for i, sentence in enumerate(shown):
        details = []
        if i == len(shown) - 1 and len(cell.evidence) > per_cell:
            more = len(cell.evidence) - per_cell
            details.append(f"+{more} more")  # the lede: marked in the side by side
        if i == len(shown) - 1 and cell.note:
            details.append(cell.note)
        yield sentence, f"{number} ({'; '.join(details)})" if details else str(number)


def linked_anchors(value: object) -> Iterator[str]:
    """The anchors every ``href`` field of ``value`` points at (``"#anchor"``), in records and tuples
    of records at any depth."""
    if isinstance(value, tuple):
        for item in value:
            yield from linked_anchors(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for name in (f.name for f in dataclasses.fields(value)):
            field_value = getattr(value, name)
            if name == "href" and isinstance(field_value, str) and field_value.startswith("#"):
                yield field_value[1:]
            else:
                yield from linked_anchors(field_value)


def retarget(value: T, landing: Mapping[str, str]) -> T:
    """``value`` with every ``href`` field that points at an anchor of ``landing`` (``"#anchor"``)
    pointed at the anchor it lands on, in records and tuples of records at any depth. Unchanged
    parts are shared, not copied."""
    if isinstance(value, tuple):
        items = tuple(retarget(item, landing) for item in value)
        changed = any(new is not old for new, old in zip(items, value, strict=True))
        return cast(T, items) if changed else value
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    changes: dict[str, Any] = {}
    for name in (f.name for f in dataclasses.fields(value)):
        old = getattr(value, name)
        if name == "href" and isinstance(old, str) and old[1:] in landing:
            changes[name] = "#" + landing[old[1:]]
        elif (new := retarget(old, landing)) is not old:
            changes[name] = new
    return dataclasses.replace(value, **changes) if changes else value


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


class Locator:
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
