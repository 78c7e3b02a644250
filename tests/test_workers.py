"""Local worker processes (``reporter analyze --workers N``): forked from a fork server that preloads the
stages and spaCy's pipeline, they must write what one process writes, and leave no process behind."""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
from pathlib import Path

import pytest
from click.testing import CliRunner

from reporter.cli import _local_pool, main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "belgorod"


def test_analyze_on_workers_writes_what_one_process_writes(tmp_path: Path) -> None:
    runner = CliRunner()
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"workers-{workers}.json"
        result = runner.invoke(main, ["analyze", str(EXAMPLE), "--json", str(out), "--workers", workers])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


@pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods(), reason="no fork server on this system"
)
def test_the_fork_server_is_stopped_with_the_pool() -> None:
    with _local_pool(2, spacy=False) as pool:
        assert sorted(pool.map(abs, [-3, -1, 2])) == [1, 2, 3]
    assert multiprocessing.forkserver._forkserver._forkserver_pid is None  # reaped, not left running
