"""The typed data model every stage reads and writes.

All records are frozen and slotted: a stage never mutates what it was given, it returns new records
(``dataclasses.replace``). Every piece of text the pipeline finds is a :class:`Span` of character offsets
into one owned string, ``Article.text``, so provenance comes for free: ``article.text[span.start:span.end]``
is the evidence, and a test checks that for every fact of every fixture.

Offsets are Python string indices, start inclusive, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

OutletSource = Literal["manifest", "inferred", "filename"]
CoverageStatus = Literal["included", "omitted", "differs"]
FactKind = Literal["casualty", "quote", "denial", "caveat", "label"]
CasualtyStatus = Literal["killed", "injured", "missing", "captured", "arrested", "displaced"]
Qualifier = Literal["at least", "more than", "about", "up to", "fewer than", "nearly"]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` into an article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        """The text this span covers."""
        return text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that could not be read (wholly or in part). Listed in the report; the run goes on."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    """One outlet's article, from ingest to the end of the pipeline.

    ``text`` is the text as ingested (for HTML, the extracted text) and is never changed by later stages:
    they add spans (``paragraphs``, ``removed``) and links (``duplicate_of``, ``story``, ``event``).
    """

    id: str
    source: str
    text: str
    outlet: str
    outlet_source: OutletSource = "filename"
    title: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    url: str | None = None
    cluster: str | None = None  # a story id given with the input; None lets the tool cluster
    paragraphs: tuple[Span, ...] = ()
    removed: tuple[Span, ...] = ()
    duplicate_of: str | None = None
    duplicate_score: float | None = None
    story: str | None = None
    event: str | None = None

    def paragraph_text(self, index: int) -> str:
        return self.paragraphs[index].of(self.text)

    @property
    def body(self) -> str:
        """The cleaned body: paragraphs joined by blank lines (a copy; offsets do not apply to it)."""
        return "\n\n".join(p.of(self.text) for p in self.paragraphs)


@dataclass(frozen=True, slots=True)
class Event:
    """One happening inside a story; look-alike events (two raids a week apart) stay apart."""

    id: str
    label: str
    articles: tuple[str, ...]
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Story:
    """A cluster of articles about one story, holding one or more events."""

    id: str
    title: str
    articles: tuple[str, ...]
    outlets: tuple[str, ...]
    events: tuple[Event, ...]
    first_published: str | None = None
    last_published: str | None = None


@dataclass(frozen=True, slots=True)
class Member:
    """One paragraph of one article inside an alignment group."""

    article: str
    paragraph: int
    score: float


@dataclass(frozen=True, slots=True)
class Alignment:
    """Paragraphs of different articles of one event that carry the same content."""

    story: str
    id: str
    members: tuple[Member, ...]
    event: str | None = None
    confidence: float = 0.0


# A label fact's ``attributed_to`` when the label stood in a quote whose speaker was not resolved
# (labels are found before quotes; the facts registry then puts the speaker in its place).
QUOTED = "(quoted)"


@dataclass(frozen=True, slots=True)
class Fact:
    """One thing an article states, with the exact span that states it.

    The record is flat (one class for every kind) because the report.json contract is flat; fields that
    do not apply to a kind stay ``None``. ``group`` is filled by ``compare``: the same fact across outlets.
    """

    id: str
    article: str
    kind: FactKind
    start: int
    end: int
    evidence: str
    extractor: str
    confidence: float
    story: str = ""
    group: str = ""
    # casualty
    count: int | None = None
    count_max: int | None = None
    qualifier: Qualifier | None = None
    status: CasualtyStatus | None = None
    victims: str | None = None
    attributed_to: str | None = None
    # quote
    speaker: str | None = None
    speaker_role: str | None = None
    cue: str | None = None
    direct: bool | None = None
    quote: str | None = None
    quote_start: int | None = None
    quote_end: int | None = None
    # denial
    denier: str | None = None
    denied: str | None = None
    # label: what an outlet calls an actor
    actor: str | None = None
    label: str | None = None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True, slots=True)
class Nearest:
    """The sentence of an outlet closest to a fact it seems to omit, so a reader can judge the omission."""

    article: str
    start: int
    end: int
    text: str
    similarity: float


@dataclass(frozen=True, slots=True)
class Cell:
    """One outlet's entry in the coverage matrix for one fact group."""

    status: CoverageStatus
    facts: tuple[str, ...] = ()  # ids of the facts behind an included/differs cell
    nearest: Nearest | None = None  # for omitted cells
    confidence: float = 0.0
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Coverage:
    """A fact group across the outlets of one event: who includes, omits or states it differently."""

    story: str
    event: str
    group: str
    kind: str
    label: str
    cells: dict[str, Cell] = field(default_factory=dict)  # outlet -> cell

    @property
    def outlets(self) -> dict[str, CoverageStatus]:
        return {outlet: cell.status for outlet, cell in self.cells.items()}


@dataclass(frozen=True, slots=True)
class Change:
    """One thing that changed since a previous brief (``reporter.changes``)."""

    kind: str  # "new outlet" | "outlet gone" | "new figure" | "changed figure" | "new speaker"
    outlet: str
    what: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the pipeline found: the one result that every rendering (JSON, HTML, PDF, CSV) reads."""

    articles: tuple[Article, ...]
    stories: tuple[Story, ...]
    alignments: tuple[Alignment, ...]
    facts: tuple[Fact, ...]
    coverage: tuple[Coverage, ...]
    problems: tuple[Problem, ...] = ()
    settings: dict[str, object] = field(default_factory=dict)
    changes: tuple[Change, ...] | None = None  # None: no previous brief was given

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)

    def for_story(self, story_id: str) -> Analysis:
        """The part of this analysis about one story (problems and settings are kept whole)."""
        return Analysis(
            articles=tuple(a for a in self.articles if a.story == story_id),
            stories=tuple(s for s in self.stories if s.id == story_id),
            alignments=tuple(al for al in self.alignments if al.story == story_id),
            facts=tuple(f for f in self.facts if f.story == story_id),
            coverage=tuple(c for c in self.coverage if c.story == story_id),
            problems=self.problems,
            settings=self.settings,
            changes=self.changes,
        )
