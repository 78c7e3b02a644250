"""Analyst overrides: corrections a person made that every re-run must honour.

An ``overrides.toml`` beside a story (or given with ``--overrides``)::

    [outlets]                      # rename an outlet (before anything is compared)
    "Reuters (web repost)" = "Reuters"

    [speakers]                     # merge speakers: alias = canonical name
    "the governor" = "Vyacheslav Gladkov"

    [[omissions]]                  # an "omitted" cell the analyst checked and found false
    group = "Denial: Ukraine"      # a fact group's label or id
    outlet = "The Guardian"
    note = "paragraph 6 carries it in other words"

    [[figures]]                    # pin a figure as the one the brief stands by
    status = "killed"
    count = 2
    note = "governor's toll, confirmed by two outlets"

Every override that took effect is listed in the analysis settings (the report's method section); one
that matched nothing is listed too, as unmatched, so a stale override does not go unnoticed.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reporter.errors import ConfigError
from reporter.model import Analysis, Article, Cell, Coverage, Fact

FILENAME = "overrides.toml"


@dataclass(frozen=True, slots=True)
class Omission:
    group: str
    outlet: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Figure:
    status: str
    count: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class Overrides:
    outlets: dict[str, str] = field(default_factory=dict)
    speakers: dict[str, str] = field(default_factory=dict)
    omissions: tuple[Omission, ...] = ()
    figures: tuple[Figure, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.outlets or self.speakers or self.omissions or self.figures)


def read(path: Path) -> Overrides:
    """Parse an overrides file; a malformed one is a configuration error naming what is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"cannot read overrides {path}: {error}") from error
    allowed = {"outlets", "speakers", "omissions", "figures"}
    unknown = set(data) - allowed
    if unknown:
        raise ConfigError(
            f"{path}: unknown section(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(allowed))}"
        )
    try:
        return Overrides(
            outlets={str(k): str(v) for k, v in data.get("outlets", {}).items()},
            speakers={str(k): str(v) for k, v in data.get("speakers", {}).items()},
            omissions=tuple(Omission(**row) for row in data.get("omissions", [])),
            figures=tuple(Figure(**row) for row in data.get("figures", [])),
        )
    except (TypeError, AttributeError) as error:
        raise ConfigError(f"{path}: {error} (see reporter/overrides.py for the format)") from error


def find(folder: Path) -> Path | None:
    """The overrides file beside a story folder, if there is one."""
    path = folder / FILENAME
    return path if path.is_file() else None


def rename_outlets(articles: list[Article], overrides: Overrides) -> list[Article]:
    """Articles with their outlets renamed as the analyst asked (done before comparing)."""
    if not overrides.outlets:
        return articles
    return [
        dataclasses.replace(a, outlet=overrides.outlets[a.outlet]) if a.outlet in overrides.outlets else a
        for a in articles
    ]


def merge_speakers(facts: list[Fact], overrides: Overrides) -> list[Fact]:
    """Quote facts with aliased speakers replaced by the analyst's canonical name."""
    if not overrides.speakers:
        return facts
    return [
        dataclasses.replace(f, speaker=overrides.speakers[f.speaker])
        if f.kind == "quote" and f.speaker in overrides.speakers
        else f
        for f in facts
    ]


def apply_to_coverage(analysis: Analysis, overrides: Overrides) -> Analysis:
    """Mark false omissions and pinned figures in the coverage; record what was overridden."""
    coverage = [_apply_omissions(c, overrides.omissions) for c in analysis.coverage]
    coverage = [_apply_figures(c, overrides.figures, analysis.facts) for c in coverage]
    settings = dict(analysis.settings)
    settings["overrides"] = describe(overrides, analysis, coverage)
    return dataclasses.replace(analysis, coverage=tuple(coverage), settings=settings)


def _matches(coverage: Coverage, key: str) -> bool:
    return key in (coverage.group, coverage.label)


def _apply_omissions(coverage: Coverage, omissions: tuple[Omission, ...]) -> Coverage:
    cells = dict(coverage.cells)
    for omission in omissions:
        cell = cells.get(omission.outlet)
        if _matches(coverage, omission.group) and cell is not None and cell.status == "omitted":
            note = f"analyst: not an omission. {omission.note}".strip()
            cells[omission.outlet] = dataclasses.replace(cell, status="included", note=note, confidence=1.0)
    return dataclasses.replace(coverage, cells=cells)


def _apply_figures(coverage: Coverage, figures: tuple[Figure, ...], facts: tuple[Fact, ...]) -> Coverage:
    if coverage.kind != "casualty" or not figures:
        return coverage
    group_facts = [f for f in facts if f.group == coverage.group]
    for figure in figures:
        if any(f.status == figure.status and f.count == figure.count for f in group_facts):
            return dataclasses.replace(coverage, label=f"{coverage.label} {_pin_label(figure)}")
    return coverage


def describe(overrides: Overrides, analysis: Analysis, coverage: list[Coverage]) -> list[dict[str, Any]]:
    """One line per override, for the method section: what it was and whether it matched anything."""
    outlets = {a.outlet for a in analysis.articles}
    speakers = {f.speaker for f in analysis.facts if f.kind == "quote"}
    rows: list[dict[str, Any]] = []
    for old, new in sorted(overrides.outlets.items()):
        rows.append({"kind": "outlet", "what": f"{old} -> {new}", "matched": new in outlets})
    for old, new in sorted(overrides.speakers.items()):
        rows.append({"kind": "speaker", "what": f"{old} -> {new}", "matched": new in speakers})
    for o in overrides.omissions:
        matched = any(
            _matches(c, o.group) and (c.cells.get(o.outlet, _NO_CELL).note or "").startswith("analyst:")
            for c in coverage
        )
        rows.append({"kind": "omission", "what": f"{o.group} / {o.outlet}: {o.note}", "matched": matched})
    for fig in overrides.figures:
        matched = any(_pin_label(fig) in c.label for c in coverage if c.kind == "casualty")
        rows.append({"kind": "figure", "what": f"{fig.count} {fig.status}: {fig.note}", "matched": matched})
    return rows


def _pin_label(figure: Figure) -> str:
    return f"[pinned by analyst: {figure.count} {figure.status}{'; ' + figure.note if figure.note else ''}]"


_NO_CELL = Cell(status="omitted")
