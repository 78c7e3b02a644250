"""report.html in a real browser: headless Chromium loads it offline, shows every section, and the
screenshot has content. Skipped, with a message, when Chromium is not installed (``make test``
installs it through scripts/os-deps.sh)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.render.test_render_html import SECTIONS

CHROMIUM = next(
    (shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)),
    None,
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium not installed (make os-test-deps, or apt-get install chromium)"
)


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=True)


def test_screenshot_is_not_blank(rendered: Path, tmp_path: Path) -> None:
    from PIL import Image, ImageStat

    shot = tmp_path / "report.png"
    chromium(
        tmp_path / "profile",
        f"--screenshot={shot}",
        "--window-size=1280,2000",
        (rendered / "report.html").as_uri(),
    )
    image = Image.open(shot).convert("L")
    assert image.size == (1280, 2000)
    assert ImageStat.Stat(image).stddev[0] > 20, "the screenshot is (nearly) one colour"
    assert len(image.getcolors(maxcolors=1 << 16) or range(1 << 16)) > 50


def test_dom_loads_with_every_section(rendered: Path, tmp_path: Path) -> None:
    result = chromium(tmp_path / "profile", "--dump-dom", (rendered / "report.html").as_uri())
    soup = BeautifulSoup(result.stdout, "html.parser")
    assert [s["id"] for s in soup.select("main > section")] == SECTIONS
    assert len(soup.select("figure.chart svg")) >= 3


def test_hostile_page_runs_nothing(rendered_hostile: Path, tmp_path: Path) -> None:
    """The browser's DOM after load: had any input script run (alert, DOM writes), it would show."""
    result = chromium(tmp_path / "profile", "--dump-dom", (rendered_hostile / "report.html").as_uri())
    soup = BeautifulSoup(result.stdout, "html.parser")
    assert soup.find_all(["script", "iframe"]) == []
    assert [s["id"] for s in soup.select("main > section")] == SECTIONS
