"""Fact extractors, in one explicit registry.

An extractor is a pure function ``Article -> Iterable[Fact]`` that reads only the article's body
paragraphs (never the removed boilerplate) and returns facts whose ``evidence`` equals
``article.text[start:end]``. It finds nothing rather than guess: no speaker found means ``None``.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from reporter import nlp
from reporter.config import FactsConfig
from reporter.errors import ConfigError
from reporter.facts import casualties, caveats, denials, labels, quotes, speakers
from reporter.model import QUOTED, Article, Fact


@dataclass(frozen=True, slots=True)
class Extractor:
    """One registered extractor. ``parses``: it takes spaCy's pipeline as a second argument and
    parses only the few sentences its rules cannot settle (``None``: rules alone)."""

    name: str
    version: str
    kind: str
    function: Callable[..., Iterable[Fact]]
    parses: bool = False


REGISTRY: tuple[Extractor, ...] = (
    Extractor("casualties", casualties.VERSION, "casualty", casualties.extract_casualties),
    Extractor("quotes", quotes.VERSION, "quote", quotes.extract_quotes, parses=True),
    Extractor("denials", denials.VERSION, "denial", denials.extract_denials, parses=True),
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
    """Every selected extractor over every original article (copies share their original's facts).

    ``articles`` are one story's: quote speakers get one canonical name across them
    (:func:`reporter.facts.speakers.canonical_speakers`) before quoted labels take their voices.
    """
    extractors = selected(cfg)
    originals = [a for a in articles if a.duplicate_of is None]
    found_by: list[Callable[[], list[Fact]]] = []  # in order: results may come from another process
    for article in originals:
        for extractor in extractors:
            if _parses(extractor, cfg):
                found_by.append(nlp.run(_with_pipeline, extractor.function, article))
            else:
                found_by.append(functools.partial(list, extractor.function(article)))
    raw = [fact for result in found_by for fact in result()]
    by_article: dict[str, list[Fact]] = {a.id: [] for a in originals}
    for fact in speakers.canonical_speakers(raw, originals):
        by_article[fact.article].append(fact)
    found = [fact for own in by_article.values() for fact in _label_voices(own)]
    return sorted(found, key=lambda f: (f.article, f.start, f.end, f.kind, f.id))


def _parses(extractor: Extractor, cfg: FactsConfig) -> bool:
    """Whether ``extractor`` gets spaCy's pipeline (when installed), as settings allow.

    Quotes are parsed only when ``cfg.parse_quotes`` asks: a third of all articles have a quote sentence
    the rules cannot attribute, and parsing them costs more than the quote step itself for about one
    point of F1 (measured on PolNeAR). Denial sentences are rare, so they are parsed whenever spaCy is on.
    """
    return extractor.parses and cfg.use_spacy and (extractor.name != "quotes" or cfg.parse_quotes)


def _with_pipeline(function: Callable[..., Iterable[Fact]], article: Article) -> list[Fact]:
    """``function``'s facts of ``article`` with spaCy's pipeline, or by rules alone without one. Runs
    where :func:`reporter.nlp.run` puts it (another process while the model loads there)."""
    parser = nlp.load()
    return list(function(article, parser) if parser is not None else function(article))


def _label_voices(facts: list[Fact]) -> list[Fact]:
    """A quoted label is in the voice of the quote around it: its speaker, when one was found."""
    quotes = [f for f in facts if f.kind == "quote" and f.quote_start is not None and f.quote_end is not None]
    out = []
    for fact in facts:
        if fact.kind == "label" and fact.attributed_to == QUOTED and fact.quote_start is not None:
            around = [q for q in quotes if q.quote_start <= fact.quote_start < q.quote_end]  # type: ignore[operator]
            speaker = next((q.speaker for q in around if q.speaker), None)
            fact = dataclasses.replace(fact, attributed_to=speaker or QUOTED)
        out.append(fact)
    return out
