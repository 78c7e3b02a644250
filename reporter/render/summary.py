"""Key differences: the report's opening sentences, built from the coverage rows and the tables.

Most telling first: figures that disagree or that one outlet alone gives, denials and caveats some
outlets leave out, older figures repeated after a newer one, then who alone quotes whom. Every
sentence links to the evidence it rests on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import pandas as pd

from reporter.model import Analysis, Cell, Coverage, Story
from reporter.render.records import (
    DOUBTFUL,
    QUOTE_LINES,
    EventView,
    Link,
    Locator,
    SummaryLine,
)


def key_differences(
    analysis: Analysis,
    story: Story,
    events: Sequence[EventView],
    locate: Locator,
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


def _figure_lines(row: Coverage, locate: Locator) -> list[SummaryLine]:
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


def _presence_line(row: Coverage, locate: Locator) -> list[SummaryLine]:
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


def _older_figure_lines(ledger: pd.DataFrame, locate: Locator) -> list[SummaryLine]:
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


def _first_link(outlet: str, cell: Cell, locate: Locator) -> Link | None:
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
