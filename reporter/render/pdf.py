"""PDF: the report as an archival PDF/A-3b file (WeasyPrint), tagged, carrying its own data and sources.

- One attachment mechanism: the ``attachments`` option of ``write_pdf`` (report.json, the CSV tables,
  every source text). The HTML never asks for attachments (no ``rel=attachment`` links).
- WeasyPrint fetches through :class:`ReportFetcher`, which serves the report's own assets (its chart
  SVGs) and refuses everything else: ``file:``, ``http(s):``, ``data:`` and any other scheme,
  whether asked for by an ``<img>``, a CSS ``@import`` or ``url()``, or an attachment link. So no local
  file and nothing from the network can end up in a PDF, even if hostile text slipped past escaping.
- Reproducible: with a fixed ``created`` date the same HTML gives the same bytes (the attachments carry
  that date too; PDF/A's file identifier is a hash of the content).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reporter import collector

ASSET_BASE = "reporter-asset:/"
PDF_VARIANT = "pdf/a-3b"
# zlib level of the PDF's streams. pydyf (WeasyPrint's PDF writer) asks for 9, whose search took 8-10%
# of a long story's render for files 4% smaller than at 6 (long story: 4.63 -> 4.31 s CPU, 293 -> 305 KB).
STREAM_COMPRESSION = 6


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file carried inside the PDF."""

    name: str
    data: bytes
    description: str
    relationship: str = "Data"  # PDF/A-3 AFRelationship: Data, Source, Supplement, ...


class RefusedURL(ValueError):
    """A URL the report's fetcher will not serve."""


def fetcher(assets: Mapping[str, tuple[bytes, str]]) -> Any:
    """A WeasyPrint URL fetcher serving ``assets`` (name -> (bytes, MIME type)) under
    ``reporter-asset:/name`` and refusing every other URL. ``.refused`` lists the URLs it refused."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ReportFetcher(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(allowed_protocols=())
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            name = url[len(ASSET_BASE) :] if url.startswith(ASSET_BASE) else None
            if name is None or name not in assets:
                self.refused.append(url)
                raise RefusedURL(f"not one of the report's own assets: {url[:80]}")
            data, mime = assets[name]
            return URLFetcherResponse(url, data, {"Content-Type": mime})

    return ReportFetcher()


def render_pdf(
    html: str,
    attachments: Sequence[Attachment],
    created: dt.datetime,
    assets: Mapping[str, tuple[bytes, str]] | None = None,
) -> bytes:
    """``html`` (with its print stylesheet inline) as a tagged PDF/A-3b, ``attachments`` embedded.

    ``assets`` (name -> (bytes, MIME type)) are the files the page may refer to under
    ``reporter-asset:/`` (its charts). ``created`` dates the attachments (the document's own dates come
    from the page's ``dcterms.created`` meta). Title, authors and keywords come from the page's
    ``<title>`` and meta.
    """
    import weasyprint

    fetch = fetcher(assets or {})
    # The collector paused: a layout allocates millions of small objects, and its passes over them
    # found next to nothing (~6% of a render; long story: 4.69 -> 4.39 s CPU, 3 MB more peak).
    with collector.paused(), _streams_compressed_at(STREAM_COMPRESSION):
        document = weasyprint.HTML(string=html, base_url=ASSET_BASE, url_fetcher=fetch)
        embedded = [
            weasyprint.Attachment(
                file_obj=io.BytesIO(item.data),
                name=item.name,
                description=item.description,
                created=created,
                modified=created,
                relationship=item.relationship,
                url_fetcher=fetch,
            )
            for item in attachments
        ]
        result: bytes = document.write_pdf(
            attachments=embedded,
            pdf_variant=PDF_VARIANT,
            pdf_tags=True,
            uncompressed_pdf=False,
        )
    return result


@contextlib.contextmanager
def _streams_compressed_at(level: int) -> Iterator[None]:
    """For the block, pydyf's streams are compressed at zlib ``level`` instead of the 9 it hard-codes.
    pydyf calls ``zlib.compressobj`` through its module's ``zlib`` name, which is swapped for a stand-in
    whose ``compressobj`` sets the level (everything else is zlib's). If a pydyf release compresses
    another way, the stand-in is simply not called: streams stay valid, at pydyf's level. Renders
    that overlap in threads (a Dask worker's) may leave a stand-in in place when both end: later
    streams are then compressed at ``level`` too, which is as valid."""
    import pydyf

    real = pydyf.zlib
    pydyf.zlib = _ZlibAtLevel(real, level)
    try:
        yield
    finally:
        pydyf.zlib = real


class _ZlibAtLevel:
    """``zlib`` whose ``compressobj`` compresses at one given level."""

    def __init__(self, zlib: Any, level: int) -> None:
        self._zlib = zlib
        self._level = level

    def compressobj(self, level: int = -1, *args: Any, **kwargs: Any) -> Any:
        return self._zlib.compressobj(self._level, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._zlib, name)


# A page using what a report uses (tags, a link, a table with collapsed borders and backgrounds, a
# running footer, an SVG image, an attachment), so that warm_up meets every lazy set-up a report meets.
_WARM_UP_PAGE = """<!DOCTYPE html><html lang="en"><head><title>warm-up</title><style>
@page { @bottom-right { content: counter(page) " of " counter(pages); font-family: "DejaVu Sans" } }
body { font-family: "DejaVu Sans" } table { border-collapse: collapse }
td { border: 1px solid #d7d7db; background: #f6f6f8 } mark { border-bottom: 2px solid #009e73 }
</style></head><body><h1 id="top">Warm-up</h1><p><a href="#top">link</a> <mark>mark</mark></p>
<table><tr><th>a</th><td>b</td></tr></table><img src="reporter-asset:/chart.svg" alt="chart"></body></html>"""
_WARM_UP_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="20pt" height="10pt" viewBox="0 0 20 10">'
    b'<path d="M 0 0 L 20 10" style="stroke: #000000"/><text x="1" y="9" style="font-size: 5px">x</text></svg>'
)


def warm_up() -> bytes:
    """Import WeasyPrint and lay out a tiny report-like page, so that a later :func:`render_pdf` in
    this process does not pay for them: importing WeasyPrint, loading fonts and parsing the C types
    it asks cffi for take about 0.9 s once per process (measured on the example: a cold render took
    4.4 s, one after warm_up 3.6 s). Worth calling at the start of a process that will render PDFs
    while other work runs; otherwise it only moves the cost. Returns the tiny PDF (for tests)."""
    return render_pdf(
        _WARM_UP_PAGE,
        [Attachment("warm-up.txt", b"warm-up", "warm-up")],
        dt.datetime(2000, 1, 1),
        {"chart.svg": (_WARM_UP_SVG, "image/svg+xml")},
    )
