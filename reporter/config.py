"""Settings: defaults here, a ``reporter.toml`` overlays them, command-line flags overlay the file.

Each pipeline stage has one section. An unknown section or key, or a value of the wrong type, fails
fast with a :class:`~reporter.errors.ConfigError` that names the allowed values.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from reporter.errors import ConfigError


@dataclass(frozen=True, slots=True)
class IngestConfig:
    max_bytes: int = 20_000_000  # a file over this is a Problem, not read
    extensions: tuple[str, ...] = (".txt", ".html", ".htm", ".md", ".json")


@dataclass(frozen=True, slots=True)
class CleanConfig:
    boilerplate_patterns: bool = True  # the line-level pattern list
    repeated_lines: bool = True  # lines repeated across an outlet's pages are boilerplate
    min_paragraph_chars: int = 1


@dataclass(frozen=True, slots=True)
class DedupeConfig:
    shingle_words: int = 3
    threshold: float = 0.8  # containment of the shorter body's shingles in the longer one


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    story_threshold: float = 0.08  # average text similarity (0-1) of events put in one story
    event_threshold: float = 0.4  # average same-event probability of articles put in one event
    date_window_days: int = 2  # days apart that count as no date distance (the model was fitted with 2)


@dataclass(frozen=True, slots=True)
class AlignConfig:
    threshold: float = 0.5  # same-content probability at which two paragraphs align (best sentence pair)
    group_threshold: float = 0.5  # groups merge only at this average score over all their cross pairs
    conflict_days: int = 3  # articles of different events further apart: conflicting look-alikes never align


@dataclass(frozen=True, slots=True)
class FactsConfig:
    extractors: tuple[str, ...] = ()  # empty: every registered extractor
    use_spacy: bool = True  # parse the rare denial sentences (rules alone when spaCy or its model is missing)
    parse_quotes: bool = False  # parse quote sentences the rules cannot attribute too (slower; see facts)


@dataclass(frozen=True, slots=True)
class CompareConfig:
    nearest_min_similarity: float = 0.0


RENDER_FORMATS = ("html", "pdf", "json", "csv")


@dataclass(frozen=True, slots=True)
class RenderConfig:
    formats: tuple[str, ...] = RENDER_FORMATS
    pdf_date: str | None = None  # fixed creation date (ISO) for reproducible PDFs; None: the run's date
    timestamps: bool = False  # a generation time in report.json/html (off: byte-identical re-runs)

    def __post_init__(self) -> None:
        unknown = [f for f in self.formats if f not in RENDER_FORMATS]
        if unknown:
            raise ConfigError(
                f"[render] formats: unknown {', '.join(map(repr, unknown))}; allowed: {', '.join(RENDER_FORMATS)}"
            )
        if self.pdf_date is not None:
            try:
                datetime.fromisoformat(self.pdf_date)
            except (TypeError, ValueError):
                raise ConfigError(
                    f"[render] pdf_date: {self.pdf_date!r} is not an ISO date such as 2023-06-03"
                ) from None


@dataclass(frozen=True, slots=True)
class Config:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    clean: CleanConfig = field(default_factory=CleanConfig)
    dedupe: DedupeConfig = field(default_factory=DedupeConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    align: AlignConfig = field(default_factory=AlignConfig)
    facts: FactsConfig = field(default_factory=FactsConfig)
    compare: CompareConfig = field(default_factory=CompareConfig)
    render: RenderConfig = field(default_factory=RenderConfig)

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def overlay(cfg: Config, values: dict[str, Any], origin: str = "settings") -> Config:
    """Return ``cfg`` with ``values`` (``{section: {key: value}}``) laid over it, checking every key."""
    sections = {f.name: f for f in dataclasses.fields(cfg)}
    changes: dict[str, Any] = {}
    for name, section_values in values.items():
        if name not in sections:
            raise ConfigError(f"{origin}: unknown section [{name}]; allowed: {', '.join(sorted(sections))}")
        if not isinstance(section_values, dict):
            raise ConfigError(f"{origin}: [{name}] must be a table of settings")
        changes[name] = _overlay_section(getattr(cfg, name), section_values, f"{origin} [{name}]")
    return dataclasses.replace(cfg, **changes)


def _overlay_section(section: Any, values: dict[str, Any], origin: str) -> Any:
    fields = {f.name: f for f in dataclasses.fields(section)}
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if key not in fields:
            raise ConfigError(f"{origin}: unknown key {key!r}; allowed: {', '.join(sorted(fields))}")
        current = getattr(section, key)
        if isinstance(current, tuple) and isinstance(value, list):
            value = tuple(value)
        if current is not None and not _same_kind(current, value):
            raise ConfigError(f"{origin}: {key} must be {type(current).__name__}, not {value!r}")
        changes[key] = value
    return dataclasses.replace(section, **changes)


def _same_kind(current: Any, value: Any) -> bool:
    if isinstance(current, bool) or isinstance(value, bool):
        return isinstance(current, bool) and isinstance(value, bool)
    if isinstance(current, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(current))


def load_config(path: Path | None = None, overrides: dict[str, Any] | None = None) -> Config:
    """Defaults, then the TOML file at ``path`` (if given), then ``overrides``."""
    cfg = Config()
    if path is not None:
        try:
            values = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise ConfigError(f"cannot read settings file {path}: {error}") from error
        cfg = overlay(cfg, values, origin=str(path))
    if overrides:
        cfg = overlay(cfg, overrides, origin="command line")
    return cfg
