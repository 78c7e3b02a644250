"""report.pdf: an archival PDF/A-3b that is tagged, carries its data and sources, and prints well.

Never byte-compared: structure is read with pypdf, pages are rasterised with pdftoppm (skipped with a
message when poppler-utils is missing) and checked for ink.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from reporter.config import RenderConfig
from reporter.model import Analysis
from reporter.render import render_story
from tests.render.amberley import build, needs


@pytest.fixture(scope="module")
def reader(rendered: Path) -> PdfReader:
    return PdfReader(rendered / "report.pdf")


def test_declares_pdf_a_3b_in_its_xmp_metadata(reader: PdfReader) -> None:
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfaid:part="3"' in xmp or "<pdfaid:part>3</pdfaid:part>" in xmp
    assert 'pdfaid:conformance="B"' in xmp or "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    assert "/OutputIntents" in reader.trailer["/Root"]


def test_is_tagged(reader: PdfReader) -> None:
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root.get("/Lang")


def test_metadata_title_outlets_and_date(reader: PdfReader) -> None:
    info = reader.metadata
    assert info is not None
    assert info.title is not None and info.title.startswith("Floods in Amberley")
    assert "Daily Planet" in (info.author or "") and "Wire Service" in (info.get("/Keywords") or "")
    assert str(info.get("/CreationDate", "")).startswith("D:20240323")


def test_attaches_report_json_tables_and_every_source(reader: PdfReader, rendered: Path) -> None:
    attachments = reader.attachments
    assert attachments["report.json"][0] == (rendered / "report.json").read_bytes()
    for table in (
        "coverage_matrix.csv",
        "casualty_ledger.csv",
        "speakers.csv",
        "labels.csv",
        "facts.csv",
        "articles.csv",
    ):
        assert table in attachments, table
    for article in build().articles:
        assert attachments[f"source-{article.id}.txt"][0] == article.text.encode("utf-8")
    # PDF/A-3: every file is an associated file of the document (WeasyPrint lists each one twice)
    associated = {ref.idnum for ref in reader.trailer["/Root"]["/AF"]}
    assert len(associated) == len(attachments)


def test_page_count_is_sane(reader: PdfReader) -> None:
    assert 3 <= len(reader.pages) <= 30


def test_text_has_the_sections_and_running_header(reader: PdfReader) -> None:
    text = [page.extract_text() for page in reader.pages]
    joined = "\n".join(text)
    for heading in ("Key differences", "Coverage matrix", "Casualty ledger", "Side by side", "Method"):
        assert heading in joined, heading
    assert f"Page 2 of {len(reader.pages)}" in text[1]
    assert "Floods in Amberley" in text[1]  # the running header from page 2 on


def test_bookmarks_lead_to_every_section(reader: PdfReader) -> None:
    """The contents print no page numbers (see print.css): the bookmarks give every section's page."""

    def flat(items: list[Any]) -> list[str]:
        return [title for item in items for title in (flat(item) if isinstance(item, list) else [item.title])]

    titles = flat(reader.outline)
    for heading in ("Key differences", "Coverage matrix", "Casualty ledger", "Speakers", "Labels"):
        assert heading in titles, heading
    for heading in ("Side by side", "Timeline", "Sources", "Problems", "Method"):
        assert heading in titles, heading


def test_same_input_and_date_same_pdf() -> None:
    cfg = RenderConfig(formats=("pdf",), pdf_date="2024-03-23")
    assert render_story(build(), cfg)["report.pdf"] == render_story(build(), cfg)["report.pdf"]


def test_charts_are_drawn_not_refused(rendered: Path, reader: PdfReader) -> None:
    """Regression: charts referred to by a relative URL were refused by the fetcher and left out."""
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "share of the outlet's quoted words" in text  # the speakers chart's axis label
    assert "Publication timeline" in text


def test_matrix_prints_statuses_and_every_cells_sentence(reader: PdfReader) -> None:
    """The brief's matrix: a status table whose cells cite numbered sentences (evidence, nearest
    sentences with their similarity) printed under it, in place of sentence boxes nested in cells."""
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert re.search(r"✓ \[\d+\]", text) and re.search(r"≠ \[\d+\]", text)
    assert re.search(r"– 0\.31 \[\d+\]", text) and re.search(r"– \d+ \(0\.31\)", text)
    assert "Daily Planet – omitted, no similar sentence" in text


@needs("pdftoppm")
def test_pages_rasterise_with_ink(rendered: Path, tmp_path: Path) -> None:
    from PIL import Image, ImageStat

    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", str(rendered / "report.pdf"), str(tmp_path / "page")],
        check=True,
        timeout=120,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(PdfReader(rendered / "report.pdf").pages)
    for path in pages:
        image = Image.open(path).convert("L")
        dark = sum(image.histogram()[:200])
        assert dark > 0.002 * image.width * image.height, f"{path.name} looks blank"
        assert ImageStat.Stat(image).stddev[0] > 5


def long_story(paragraphs: int = 190) -> Analysis:
    """The invented story with every article's body repeated until it fills about twenty pages; each
    repeated sentence keeps its facts (as in real reports, most paragraphs state something)."""
    import re
    from dataclasses import replace

    from reporter.model import Span

    base = build()
    articles = []
    for article in base.articles:
        body = [span.of(article.text) for span in article.paragraphs]
        body = [f"{body[i % len(body)]} (part {i + 1})" for i in range(paragraphs)]
        text = "\n\n".join(body) + "\n"
        spans, start = [], 0
        for paragraph in body:
            spans.append(Span(start, start + len(paragraph)))
            start += len(paragraph) + 2
        articles.append(replace(article, text=text, paragraphs=tuple(spans)))
    by_id = {a.id: a for a in articles}
    facts = []
    for fact in base.facts:
        found = [m.start() for m in re.finditer(re.escape(fact.evidence), by_id[fact.article].text)]
        for n, start in enumerate(found):
            facts.append(
                replace(
                    fact,
                    id=fact.id if n == 0 else f"{fact.id}-{n}",
                    start=start,
                    end=start + len(fact.evidence),
                )
            )
    return replace(base, articles=tuple(articles), facts=tuple(facts))


def test_a_long_story_renders(tmp_path: Path) -> None:
    files = render_story(long_story(), RenderConfig(formats=("pdf",), pdf_date="2024-03-23"))
    pages = len(PdfReader(__import__("io").BytesIO(files["report.pdf"])).pages)
    assert 17 <= pages <= 40  # about twenty


def test_warm_up_renders_a_tiny_report_like_pdf() -> None:
    """warm_up meets what a report meets (tags, a link, a table, a running footer, an SVG served by
    the report's own fetcher): a tagged one-page PDF whose chart was drawn, not refused."""
    from reporter.render.pdf import warm_up

    reader = PdfReader(__import__("io").BytesIO(warm_up()))
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1 and "Warm-up" in text and "1 of 1" in text
    assert "x" in text.split("link")[-1]  # the SVG's text
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]


def test_a_render_lays_out_with_the_collector_paused_and_streams_at_level_6(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Regression (speed): the cyclic collector's passes over a layout's objects cost ~6% of a render,
    and pydyf's level-9 compression 8-10% of a long story's. While WeasyPrint lays out and writes, the
    collector is paused and pydyf compresses at level 6; both are put back afterwards."""
    import gc
    import zlib

    import pydyf
    import weasyprint

    from reporter.render.pdf import STREAM_COMPRESSION, warm_up

    write_pdf = weasyprint.HTML.write_pdf
    seen: list[tuple[bool, bytes]] = []
    sample = b"reporter " * 2000

    def recorded(self: weasyprint.HTML, *args: object, **kwargs: object) -> bytes:
        squeezer = pydyf.zlib.compressobj(level=9)  # what pydyf asks for
        seen.append((gc.isenabled(), squeezer.compress(sample) + squeezer.flush()))
        return write_pdf(self, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", recorded)
    assert gc.isenabled() and pydyf.zlib is zlib
    warm_up()
    at_level = zlib.compressobj(STREAM_COMPRESSION)
    assert STREAM_COMPRESSION == 6
    assert seen == [(False, at_level.compress(sample) + at_level.flush())]
    assert gc.isenabled() and pydyf.zlib is zlib
