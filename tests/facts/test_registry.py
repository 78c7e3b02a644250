"""The extractor registry is pinned: adding, removing or re-versioning an extractor is a visible edit."""

from __future__ import annotations

import pytest

from reporter.config import FactsConfig
from reporter.errors import ConfigError
from reporter.facts import REGISTRY, selected


def test_the_registry_is_pinned() -> None:
    assert [(e.name, e.kind) for e in REGISTRY] == [
        ("casualties", "casualty"),
        ("quotes", "quote"),
        ("denials", "denial"),
        ("caveats", "caveat"),
        ("labels", "label"),
    ]
    assert all(e.version for e in REGISTRY)


def test_selecting_extractors() -> None:
    assert [e.name for e in selected(FactsConfig(extractors=("denials",)))] == ["denials"]
    with pytest.raises(ConfigError, match="allowed: casualties, quotes"):
        selected(FactsConfig(extractors=("sentiment",)))
