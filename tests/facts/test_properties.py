"""Every registered extractor, on arbitrary text: never crashes, every span indexes the text, and the
evidence is exactly the text it points at (the provenance invariant the report relies on)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reporter.facts import REGISTRY, Extractor
from reporter.model import Article, Span

# News-like pieces mixed with arbitrary characters: quotes, numbers, reporting verbs and casualty
# words reach the extractors' deeper branches far more often than uniform random text would.
PIECES = st.sampled_from(
    [
        "said",
        "told",
        "denied",
        "killed",
        "wounded",
        "at least",
        "two",
        "50",
        "a dozen",
        "“",
        "”",
        '"',
        "'",
        "‘",
        "’",
        "\n",
        "\n\n",
        ". ",
        ", ",
        "Reuters was unable to verify",
        "Kyiv",
        "which denies",
        "“We",
        "he said.",
        "terrorists",
        "pro-Ukrainian forces",
        "according to police",
        "Mr.",
        "U.S.",
        "—",
        "(",
        ")",
        "…",
        "Gladkov",
        "the governor",
        "were killed and",
        "injured",
        "no one was hurt",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map(" ".join)


def _article(text: str, paragraphs: bool) -> Article:
    spans = (Span(0, len(text)),) if paragraphs and text else ()
    return Article(id="p", source="p", text=text, outlet="o", paragraphs=spans)


@pytest.mark.parametrize("extractor", REGISTRY, ids=lambda e: e.name)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, paragraphs=st.booleans())
def test_spans_index_the_text(extractor: Extractor, text: str, paragraphs: bool) -> None:
    for fact in extractor.function(_article(text, paragraphs)):
        assert 0 <= fact.start <= fact.end <= len(text)
        assert text[fact.start : fact.end] == fact.evidence
        assert fact.kind == extractor.kind
        assert 0.0 <= fact.confidence <= 1.0
        if fact.quote_start is not None and fact.quote_end is not None:
            assert 0 <= fact.quote_start <= fact.quote_end <= len(text)
            assert text[fact.quote_start : fact.quote_end] == fact.quote
