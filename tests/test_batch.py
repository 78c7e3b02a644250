"""reporter batch: a corpus in, a folder per story, an index and a dataset out; resumable; runs on Dask."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from reporter import batch
from reporter.cli import main
from reporter.config import Config
from reporter.ingest import load

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "belgorod"

# A second story, unrelated to the example's: two outlets on one (invented) flood.
FLOOD = [
    {
        "id": "flood-1",
        "outlet": "Valley Courier",
        "published": "2024-03-04",
        "title": "River bursts its banks in Lindenau",
        "text": "The river Lind burst its banks in Lindenau on Sunday, flooding two hundred homes.\n\n"
        "Three people were injured, the mayor, Petra Vogt, said.",
    },
    {
        "id": "flood-2",
        "outlet": "Lindenau Post",
        "published": "2024-03-04",
        "title": "Lindenau flood: homes under water",
        "text": "Floodwater from the river Lind covered streets in Lindenau on Sunday.\n\n"
        "\u201cWe have never seen the Lind this high,\u201d said mayor Petra Vogt. Three people were injured.",
    },
]


def _corpus(folder: Path) -> Path:
    lines = [json.dumps(record) for record in FLOOD]
    for path in sorted(EXAMPLE.glob("*.txt")):
        lines.append(
            json.dumps({"id": path.stem, "outlet": path.stem[:3], "text": path.read_text(encoding="utf-8")})
        )
    corpus = folder / "corpus.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return corpus


def _run(corpus: Path, out: Path, executor: object = None) -> batch.BatchResult:
    cfg = Config()
    articles, problems = load([corpus], cfg.ingest)
    return batch.run(articles, problems, out, cfg, executor)  # type: ignore[arg-type]


def test_every_story_gets_a_folder_an_index_and_a_dataset(tmp_path: Path) -> None:
    result = _run(_corpus(tmp_path), tmp_path / "out")
    assert result.stories >= 2 and result.computed == result.stories and result.reused == 0
    folders = [p for p in (tmp_path / "out").iterdir() if (p / "report.json").is_file()]
    assert len(folders) == result.stories
    assert result.index.is_file()
    facts = pd.read_parquet(tmp_path / "out" / "dataset" / "facts.parquet")
    assert set(facts["kind"]) >= {"casualty", "quote"}
    assert (tmp_path / "out" / "dataset" / "coverage.csv").is_file()
    stories = {json.loads((p / "report.json").read_text())["stories"][0]["title"] for p in folders}
    assert any("Lindenau" in title for title in stories)


def test_a_second_run_recomputes_only_what_changed(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    first = _run(corpus, tmp_path / "out")
    again = _run(corpus, tmp_path / "out")
    assert again.computed == 0 and again.reused == first.stories
    lines = corpus.read_text(encoding="utf-8").splitlines()
    changed = json.loads(lines[0])
    changed["text"] += "\n\nA fourth person was later taken to hospital."
    corpus.write_text("\n".join([json.dumps(changed), *lines[1:]]) + "\n", encoding="utf-8")
    third = _run(corpus, tmp_path / "out")
    assert third.computed == 1 and third.reused == first.stories - 1


def test_the_per_story_work_runs_on_a_dask_cluster(tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        result = _run(_corpus(tmp_path), tmp_path / "out", client.get_executor())
    assert result.computed == result.stories >= 2


def test_the_command_reports_and_is_quiet_off_a_terminal(tmp_path: Path) -> None:
    outcome = CliRunner().invoke(
        main,
        [
            "batch",
            str(_corpus(tmp_path)),
            "--out",
            str(tmp_path / "out"),
            "--format",
            "json",
            "--workers",
            "1",
        ],
    )
    assert outcome.exit_code == 0, outcome.output
    assert "stories (" in outcome.output
    assert "stories: " in outcome.output  # the progress lines printed when stderr is not a terminal
