"""The command line through click's CliRunner: outputs, exit codes, and that the README documents it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reporter.cli import main
from reporter.config import Config

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "belgorod"
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_report_writes_one_folder_per_story(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["report", str(EXAMPLE), "--out", str(tmp_path), "--format", "json,csv"])
    assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "belgorod" / "report.json").read_text(encoding="utf-8"))
    assert document["schema_version"] == 1
    assert {a["id"] for a in document["articles"]} == {p.stem for p in EXAMPLE.glob("*.txt")}
    assert list((tmp_path / "belgorod").glob("*.csv"))


def test_report_with_helper_processes_writes_what_one_process_writes(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """report forks spaCy's sidecar and the PDF worker, each after imports and a warm-up chart done
    here; where it cannot fork, everything is done in this process, and the files are the same."""
    arguments = ["report", str(EXAMPLE), "--format", "json,html,pdf", "--pdf-date", "2023-06-03"]
    forked = runner.invoke(main, [*arguments, "--out", str(tmp_path / "forked")])
    assert forked.exit_code == 0, forked.output
    monkeypatch.setattr("reporter.sidecar.can_fork", lambda: False)
    alone = runner.invoke(main, [*arguments, "--out", str(tmp_path / "alone")])
    assert alone.exit_code == 0, alone.output
    for name in ("report.json", "report.html", "report.pdf"):
        assert (tmp_path / "forked" / "belgorod" / name).read_bytes() == (
            tmp_path / "alone" / "belgorod" / name
        ).read_bytes(), name


def test_analyze_writes_the_contract(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "analysis.json"
    result = runner.invoke(main, ["analyze", str(EXAMPLE), "--json", str(out)])
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert set(document) >= {
        "schema_version",
        "generator",
        "problems",
        "articles",
        "stories",
        "alignments",
        "facts",
        "coverage",
    }


def test_analyze_to_standard_output(runner: CliRunner) -> None:
    result = runner.invoke(main, ["analyze", str(EXAMPLE / "002_2ba93e48c7c2f483.txt"), "--json", "-"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"][0]["id"] == "002_2ba93e48c7c2f483"


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["report", str(EXAMPLE), "--out", "x", "--format", "docx"], "choose from html, pdf, json, csv"),
        (["report", "no/such/folder", "--out", "x"], "does not exist"),
        (["analyze", str(EXAMPLE)], "Missing option '--json'"),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, arguments: list[str], message: str) -> None:
    result = runner.invoke(main, arguments)
    assert result.exit_code == 2
    assert message in result.output


def test_bad_setting_exits_2_naming_the_allowed_keys(runner: CliRunner, tmp_path: Path) -> None:
    settings = tmp_path / "reporter.toml"
    settings.write_text("[dedupe]\ntreshold = 0.5\n")
    result = runner.invoke(main, ["analyze", str(EXAMPLE), "--json", "-", "--config", str(settings)])
    assert result.exit_code == 2
    assert "unknown key 'treshold'; allowed: shingle_words, threshold" in result.output


def test_strict_turns_problems_into_exit_1_but_still_writes(runner: CliRunner, tmp_path: Path) -> None:
    story = tmp_path / "story"
    shutil.copytree(EXAMPLE, story)
    (story / "empty.txt").write_bytes(b"")
    out = tmp_path / "out.json"
    lenient = runner.invoke(main, ["analyze", str(story), "--json", str(out)])
    assert lenient.exit_code == 0
    strict = runner.invoke(main, ["analyze", str(story), "--json", str(out), "--strict"])
    assert strict.exit_code == 1
    assert "empty.txt" in strict.output
    assert json.loads(out.read_text(encoding="utf-8"))["problems"]


def test_nothing_readable_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(main, ["analyze", str(tmp_path), "--json", "-"])
    assert result.exit_code == 2
    assert "no readable article" in result.output


def test_every_command_is_documented_in_the_readme() -> None:
    for command in main.commands:
        assert f"reporter {command}" in README, f"README does not show `reporter {command}`"


def test_every_settings_section_is_documented_in_the_readme() -> None:
    for section in Config().as_dict():
        assert re.search(rf"\[{section}\]", README), f"README does not document settings section [{section}]"
