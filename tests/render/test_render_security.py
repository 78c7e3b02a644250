"""Article text is hostile: nothing from the input may run, load or leak in the HTML, PDF or CSV.

The hostile story (tests/render/amberley.py) puts <script>, onerror= handlers, an <iframe>,
``javascript:`` and ``data:`` URLs and a quote-breaking URL into outlet names, titles, URLs, text,
speakers, labels, problems and settings.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from reporter.render.csv import neutralise, to_csv
from reporter.render.records import safe_url
from tests.render.amberley import SCRIPT

LOCAL_SECRET = "root:x:0:0"  # the first line of /etc/passwd: must never reach a PDF


@pytest.fixture(scope="module")
def soup(rendered_hostile: Path) -> BeautifulSoup:
    return BeautifulSoup((rendered_hostile / "report.html").read_text(encoding="utf-8"), "html.parser")


def test_no_markup_from_input_survives(soup: BeautifulSoup, rendered_hostile: Path) -> None:
    assert soup.find_all(["script", "iframe", "object", "embed", "link", "base", "form"]) == []
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), f"event handler {name} on <{tag.name}>"
            joined = " ".join(value) if isinstance(value, list) else str(value)
            assert not joined.strip().lower().startswith(("javascript:", "data:text/html")), (tag.name, name)
    # the hostile strings are there, as text
    assert SCRIPT in soup.get_text()
    raw = (rendered_hostile / "report.html").read_text(encoding="utf-8")
    assert "<script>" not in raw and 'onerror="alert' not in raw


def test_only_http_links_with_safe_rel(soup: BeautifulSoup) -> None:
    for link in soup.find_all("a", href=True):
        href = link["href"]
        if href.startswith("#"):
            continue
        assert href.startswith(("https://", "http://")), href
        assert link["rel"] == ["noopener", "noreferrer", "nofollow"]
    sources = soup.select_one("#sources").get_text(" ")
    assert "link not shown (not http/https): javascript:alert(document.cookie)" in sources


def test_content_security_policy_allows_no_script(soup: BeautifulSoup) -> None:
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None
    policy = meta["content"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert "style-src 'unsafe-inline'" in policy and "base-uri 'none'" in policy


def test_chart_text_is_escaped(soup: BeautifulSoup) -> None:
    for svg in soup.select("figure.chart svg"):
        assert svg.find("script") is None and svg.find("foreignobject") is None
        assert "<script" not in str(svg).replace("&lt;script", "")


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.com/a?b=1", True),
        ("http://example.com", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("file:///etc/passwd", False),
        ("//example.com/x", False),
        ("https://", False),
        ('https://example.com/"onmouseover="x', False),
        ("https://exa mple.com", False),
        ("https://example.com/\x00", False),
        ("", False),
        (None, False),
    ],
)
def test_safe_url(url: str | None, safe: bool) -> None:
    assert (safe_url(url) is not None) is safe


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1 people", "'+1 people"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Plain text", "Plain text"),
        (7, 7),
        (None, None),
    ],
)
def test_csv_cells_cannot_be_formulas(value: object, expected: object) -> None:
    assert neutralise(value) == expected


def test_csv_written_with_neutralised_cells() -> None:
    import pandas as pd

    data = to_csv(pd.DataFrame({"quote": ["=cmd|' /C calc'!A0", "fine"], "count": [1, 2]})).decode()
    assert data.splitlines()[1] == "'=cmd|' /C calc'!A0,1"
    assert data.splitlines()[2] == "fine,2"


def test_fetcher_serves_own_assets_and_refuses_everything_else() -> None:
    from reporter.render.pdf import ASSET_BASE, RefusedURL, fetcher

    fetch = fetcher({"chart.svg": (b"<svg/>", "image/svg+xml")})
    assert fetch.fetch(ASSET_BASE + "chart.svg").read() == b"<svg/>"
    for url in (
        "file:///etc/passwd",
        "http://example.com/x.png",
        "https://example.com/x.css",
        "data:text/plain,secret",
        ASSET_BASE + "../../etc/passwd",
        ASSET_BASE + "other.svg",
        "ftp://example.com/x",
    ):
        with pytest.raises(RefusedURL):
            fetch.fetch(url)
    assert len(fetch.refused) == 7


def test_weasyprint_cannot_pull_local_files_or_network_into_a_pdf() -> None:
    """Markup that asks for files every way WeasyPrint knows: none of it may end up in the PDF."""
    from pypdf import PdfReader

    from reporter.render.pdf import render_pdf

    smuggling = """<!DOCTYPE html><html><head><title>t</title>
    <link rel="stylesheet" href="file:///etc/passwd">
    <link rel="attachment" href="file:///etc/passwd" title="passwd">
    <style>@import url("file:///etc/passwd"); @import url("http://example.com/x.css");
    body { background: url("file:///etc/passwd"); }
    @font-face { font-family: x; src: url("file:///etc/passwd"); }</style></head>
    <body><p>text</p><img src="file:///etc/passwd"><img src="http://example.com/x.png">
    <a rel="attachment" href="file:///etc/hostname">h</a>
    <a rel="attachment" href="data:text/plain,root:x:0:0">d</a>
    <object data="file:///etc/passwd"></object><embed src="file:///etc/passwd">
    <iframe src="file:///etc/passwd"></iframe></body></html>"""
    import datetime as dt

    pdf = render_pdf(smuggling, [], dt.datetime(2024, 1, 1))
    reader = PdfReader(io.BytesIO(pdf))
    assert not reader.attachments, f"attachments smuggled in: {list(reader.attachments)}"
    text = "".join(page.extract_text() for page in reader.pages)
    assert LOCAL_SECRET not in text
    assert LOCAL_SECRET.encode() not in pdf


def test_hostile_pdf_carries_only_its_own_attachments(rendered_hostile: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(rendered_hostile / "report.pdf")
    names = set(reader.attachments)
    assert "report.json" in names
    assert all(re.fullmatch(r"(report\.json|[a-z_]+\.csv|source-[A-Za-z0-9._-]+\.txt)", n) for n in names), (
        names
    )
    data = (rendered_hostile / "report.pdf").read_bytes()
    assert LOCAL_SECRET.encode() not in data
    for content in reader.attachments.values():
        assert all(LOCAL_SECRET.encode() not in c for c in content)
