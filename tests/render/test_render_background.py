"""The PDF rendered in a worker process (reporter.render.background): the same bytes as inline, and a
report even when the worker dies."""

from __future__ import annotations

import os
import signal

import pytest

from reporter.config import RenderConfig
from reporter.render import render_story
from reporter.render.background import pdf_worker
from reporter.sidecar import Sidecar
from tests import fresh
from tests.render.amberley import build

CFG = RenderConfig(formats=("html", "pdf", "json"), pdf_date="2024-03-23")


@pytest.fixture(scope="module")
def inline() -> dict[str, bytes]:
    return render_story(build(), CFG)


def test_a_worker_renders_the_same_files_as_inline(inline: dict[str, bytes]) -> None:
    with pdf_worker(True) as worker:
        if worker is None:
            pytest.skip("this platform cannot fork")
        files = render_story(build(), CFG, worker)
    assert files == inline


def test_a_pdf_alone_is_the_pdf_beside_the_html(inline: dict[str, bytes]) -> None:
    alone = render_story(build(), RenderConfig(formats=("pdf",), pdf_date="2024-03-23"))
    assert alone["report.pdf"] == inline["report.pdf"]


def test_a_dead_worker_costs_time_not_the_report(inline: dict[str, bytes]) -> None:
    with pdf_worker(True) as worker:
        if worker is None:
            pytest.skip("this platform cannot fork")
        _kill(worker)
        files = render_story(build(), CFG, worker)
    assert files["report.pdf"] == inline["report.pdf"]


def test_no_worker_unless_a_pdf_is_wanted() -> None:
    with pdf_worker(False) as worker:
        assert worker is None


def _kill(worker: Sidecar) -> None:
    pids = list(worker._pool._processes)  # the test reaches in to kill the process
    assert pids, "the worker process starts when the worker is made"
    for pid in pids:
        os.kill(pid, signal.SIGKILL)


def test_getting_charts_ready_imports_matplotlib_quietly_and_changes_no_setting() -> None:
    script = (
        "import sys, warnings; warnings.simplefilter('error')  # a warning here shows on every report\n"
        "import matplotlib\n"
        "from reporter.charts import get_ready\n"
        "def settings(): return {k: matplotlib.rcParams[k] for k in matplotlib.rcParams if k != 'backend'}\n"
        "before = settings()  # not 'backend': reading it picks one, through pyplot\n"
        "get_ready()\n"
        "assert {'matplotlib.figure', 'matplotlib.backends.backend_svg'} <= set(sys.modules)\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'no pyplot, no GUI backend'\n"
        "assert settings() == before, 'settings changed'\n"
    )
    fresh.run(script)
