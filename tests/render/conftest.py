"""Fixtures for the rendering tests: the invented Amberley story (tests/render/amberley.py), as an
analysis and as report folders written once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from reporter.model import Analysis
from tests.render.amberley import build


@pytest.fixture
def story() -> Analysis:
    return build()


@pytest.fixture
def hostile() -> Analysis:
    return build(hostile=True)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The invented story written once in every format, with a fixed PDF date (shared by tests)."""
    from reporter.config import RenderConfig
    from reporter.render import write_story

    folder = tmp_path_factory.mktemp("report") / "amberley"
    write_story(build(), folder, RenderConfig(pdf_date="2024-03-23"))
    return folder


@pytest.fixture(scope="session")
def rendered_hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from reporter.config import RenderConfig
    from reporter.render import write_story

    folder = tmp_path_factory.mktemp("hostile") / "story"
    write_story(build(hostile=True), folder, RenderConfig(pdf_date="2024-03-23"))
    return folder
