"""Fact extractors, in one explicit registry.

An extractor is a pure function ``Article -> Iterable[Fact]`` that reads only the article's body
paragraphs (never the removed boilerplate) and returns facts whose ``evidence`` equals
``article.text[start:end]``. It finds nothing rather than guess: no speaker found means ``None``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from reporter.config import FactsConfig
from reporter.errors import ConfigError
from reporter.facts import casualties, caveats, denials, labels, quotes
from reporter.model import Article, Fact


@dataclass(frozen=True, slots=True)
class Extractor:
    name: str
    version: str
    kind: str
    function: Callable[[Article], Iterable[Fact]]


REGISTRY: tuple[Extractor, ...] = (
    Extractor("casualties", casualties.VERSION, "casualty", casualties.extract_casualties),
    Extractor("quotes", quotes.VERSION, "quote", quotes.extract_quotes),
    Extractor("denials", denials.VERSION, "denial", denials.extract_denials),
    Extractor("caveats", caveats.VERSION, "caveat", caveats.extract_caveats),
    Extractor("labels", labels.VERSION, "label", labels.extract_labels),
)


def selected(cfg: FactsConfig) -> tuple[Extractor, ...]:
    """The extractors ``cfg`` asks for (all of them by default)."""
    if not cfg.extractors:
        return REGISTRY
    known = {e.name: e for e in REGISTRY}
    unknown = [name for name in cfg.extractors if name not in known]
    if unknown:
        raise ConfigError(f"unknown extractor(s) {', '.join(unknown)}; allowed: {', '.join(known)}")
    return tuple(known[name] for name in cfg.extractors)


def extract(articles: Sequence[Article], cfg: FactsConfig) -> list[Fact]:
    """Every selected extractor over every original article (copies share their original's facts)."""
    extractors = selected(cfg)
    found: list[Fact] = []
    for article in articles:
        if article.duplicate_of is not None:
            continue
        for extractor in extractors:
            found.extend(extractor.function(article))
    return sorted(found, key=lambda f: (f.article, f.start, f.end, f.kind, f.id))
