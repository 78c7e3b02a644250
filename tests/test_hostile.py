"""The hostile story folder end to end through the command line: every bad file a problem, nothing live
in the HTML, nothing from the file system in the PDF, every readable article reported, text decoded right,
and the same input giving the same bytes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reporter.cli import main

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
PAYLOAD = '<script>alert("xss-text")</script><img src=x onerror="alert(\'xss-img\')"> javascript:alert(1)'


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "hostile"
    shutil.copytree(HOSTILE, folder)
    secret = folder.parent / "secret.txt"
    secret.write_text("TOP-SECRET-LOCAL-FILE\n", encoding="utf-8")
    (folder / "escape.txt").symlink_to(secret)
    # A plain-text article whose words are markup, and a manifest row whose metadata is.
    (folder / "markup.txt").write_text(
        f"Officials in the fictional port of Saltby said two people were injured on Monday. {PAYLOAD}\n",
        encoding="utf-8",
    )
    with (folder / "sources.csv").open("a", encoding="utf-8") as manifest:
        manifest.write(
            f'markup.txt,"<b onmouseover=alert(2)>Evil Outlet</b>",javascript:alert(3),,"{PAYLOAD.replace(chr(34), "")}"\n'
        )
    return folder


@pytest.fixture(scope="module")
def out(story: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(
        main, ["report", str(story), "--out", str(target), "--pdf-date", "2024-01-01"]
    )
    assert result.exit_code == 0, result.output
    (folder,) = [p for p in target.iterdir() if p.is_dir()]
    return folder


def test_every_bad_file_is_a_listed_problem(out: Path) -> None:
    problems = {
        p["source"] for p in json.loads((out / "report.json").read_text(encoding="utf-8"))["problems"]
    }
    assert {
        "../../etc/passwd",
        "/etc/passwd",
        "missing.txt",
        "escape.txt",
        "empty.txt",
        "garbage.txt",
        "photo.jpg",
    } <= problems
    html = (out / "report.html").read_text(encoding="utf-8")
    for source in ("../../etc/passwd", "garbage.txt", "escape.txt"):
        assert source in html


def test_every_readable_article_is_reported_and_decoded(out: Path) -> None:
    document = json.loads((out / "report.json").read_text(encoding="utf-8"))
    ids = {a["id"] for a in document["articles"]}
    assert {"cafe_cp1252", "story", "utf16", "markup", "j1"} <= ids
    cafe = next(a for a in document["articles"] if a["id"] == "cafe_cp1252")
    assert "Café regulars" in cafe["text"]
    assert "Café" in (out / "report.html").read_text(encoding="utf-8")


def test_nothing_from_the_input_is_live_in_the_html(out: Path) -> None:
    bs4 = pytest.importorskip("bs4")
    page = bs4.BeautifulSoup((out / "report.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find_all(["script", "iframe", "object", "embed"]) == []
    for tag in page.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), (tag.name, name)
            text = " ".join(value) if isinstance(value, list) else str(value)
            assert "javascript:" not in text.lower(), (tag.name, name, text)
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert policy is not None, "no Content-Security-Policy"
    assert "script-src 'none'" in policy["content"] or "default-src 'none'" in policy["content"]
    assert "xss-text" in page.get_text()  # shown to the reader as text, not run


def test_nothing_from_the_file_system_is_in_the_pdf(out: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(str(out / "report.pdf"))
    attached = b"".join(b"".join(contents) for contents in reader.attachments.values())
    text = "".join(page.extract_text() or "" for page in reader.pages)
    for secret in ("TOP-SECRET-LOCAL-FILE", "root:x:0:0"):
        assert secret not in text
        assert secret.encode() not in attached
        assert secret.encode() not in (out / "report.pdf").read_bytes()


def test_the_same_input_gives_the_same_bytes(story: Path, out: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["report", str(story), "--out", str(tmp_path), "--pdf-date", "2024-01-01"]
    )
    assert result.exit_code == 0, result.output
    again = tmp_path / out.name
    for name in ("report.json", "report.html"):
        assert (again / name).read_bytes() == (out / name).read_bytes(), name
