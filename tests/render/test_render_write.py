"""write_story and write_index: the files of each format, a folder replaced as a whole, the index."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from reporter.config import RenderConfig
from reporter.errors import ConfigError
from reporter.render import write_index, write_story
from reporter.render.csv import TABLES
from tests.render.amberley import SCRIPT, build


@pytest.mark.parametrize(
    ("formats", "expected"),
    [
        (("json",), {"report.json"}),
        (("csv",), set(TABLES)),
        (("html", "json"), {"report.html", "report.json"}),
    ],
)
def test_writes_the_formats_asked_for(tmp_path: Path, formats: tuple[str, ...], expected: set[str]) -> None:
    written = write_story(build(), tmp_path / "story", RenderConfig(formats=formats))
    assert {p.name for p in written} == expected
    assert {p.name for p in (tmp_path / "story").iterdir()} == expected


def test_the_folder_is_replaced_as_a_whole(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "stale.html").write_text("from an older run")
    write_story(build(), folder, RenderConfig(formats=("json",)))
    assert sorted(p.name for p in folder.iterdir()) == ["report.json"]
    assert [p.name for p in tmp_path.iterdir()] == ["story"]  # no staging or old folder left behind


def test_report_json_keeps_the_contract(tmp_path: Path) -> None:
    """Regression: `import json` in reporter/render/__init__.py was shadowed by the submodule
    reporter.render.json, and writing report.json failed."""
    write_story(build(), tmp_path / "s", RenderConfig(formats=("json",)))
    document = json.loads((tmp_path / "s" / "report.json").read_text(encoding="utf-8"))
    assert document["schema_version"] == 1
    assert {"problems", "articles", "stories", "alignments", "facts", "coverage"} <= set(document)


def test_csv_tables_read_back(tmp_path: Path) -> None:
    write_story(build(), tmp_path / "s", RenderConfig(formats=("csv",)))
    ledger = pd.read_csv(tmp_path / "s" / "casualty_ledger.csv")
    assert sorted(ledger["outlet"]) == ["Daily Planet", "Daily Planet", "Evening Post", "Wire Service"]
    matrix = pd.read_csv(tmp_path / "s" / "coverage_matrix.csv")
    assert set(matrix["status"]) == {"included", "omitted", "differs"}
    assert matrix["nearest_text"].notna().any()


@pytest.mark.parametrize(
    "values",
    [{"formats": ("html", "docx")}, {"pdf_date": "yesterday"}],
)
def test_bad_render_settings_fail_fast(values: dict[str, object]) -> None:
    with pytest.raises(ConfigError, match=r"allowed|ISO date"):
        RenderConfig(**values)  # type: ignore[arg-type]


def test_index_lists_stories_with_links(tmp_path: Path) -> None:
    analysis = build(hostile=True)
    story = analysis.stories[0]
    folder = tmp_path / "story-one"
    path = write_index([(story, folder)], tmp_path, RenderConfig())
    assert path == tmp_path / "index.html"
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one("main a")
    assert link is not None and link["href"] == "story-one/report.html"
    row = " ".join(soup.select_one("tbody tr").get_text(" ").split())
    assert "1 Mar 2024 – 22 Mar 2024" in row and "Wire Service" in row
    assert soup.find("script") is None and SCRIPT in soup.get_text()
    assert soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"}) is not None


def test_index_links_json_when_no_html_is_written(tmp_path: Path) -> None:
    story = build().stories[0]
    path = write_index([(story, tmp_path / "a b")], tmp_path, RenderConfig(formats=("json",)))
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("main a")["href"] == "a%20b/report.json"


def test_index_of_nothing(tmp_path: Path) -> None:
    path = write_index([], tmp_path, RenderConfig())
    assert "No story was found." in path.read_text(encoding="utf-8")
