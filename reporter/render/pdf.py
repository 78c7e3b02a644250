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

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

ASSET_BASE = "reporter-asset:/"
PDF_VARIANT = "pdf/a-3b"


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
