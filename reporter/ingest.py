"""Ingest: story folders, single files and JSON Lines corpora in; articles and problems out (an I/O edge).

Every input byte is untrusted. A file that cannot be read well (binary, empty, undecodable, too big, not
an article file type, a manifest row pointing outside its folder, a JSON line that is not JSON, a record
without text or id, a repeated id) becomes a :class:`Problem` naming the file (or ``file:line``) and the
reason, and the other articles go on. HTML is reduced to text here, before anything else sees it.

Decisions a caller should know:

- A story folder's articles get ``cluster`` = the folder's story id (``id`` in ``cluster.toml``, else the
  folder name); the tool still finds events inside it. JSON Lines records keep their own ``cluster``
  (``None`` when absent), except inside a story folder, where a record without one joins the folder's.
- Every article file in a folder is read; ``sources.csv`` adds metadata (outlet, url, published, title)
  to the files it lists. A row naming a missing file, or a path leaving the folder, is a problem.
- Ids: the file stem for files, ``id`` for records. A repeated id is a problem and the later article is
  skipped (ids are the report's references: suffixing would make them unstable between runs).
- ``source`` is the path relative to the story folder (the file name for a single file), or the record
  id for JSON Lines.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import stat
import tomllib
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from reporter import outlets
from reporter.config import IngestConfig
from reporter.model import Article, OutletSource, Problem

MANIFEST = "sources.csv"
CLUSTER_FILE = "cluster.toml"
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm")
_CONTROL_SHARE = 0.01  # decoded text with more control characters than this is binary


class Unreadable(Exception):
    """An input item that becomes a Problem (the message is its reason)."""


@dataclass(frozen=True, slots=True)
class Meta:
    """What a manifest row (or a JSON record) says about a file."""

    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    title: str | None = None


Loaded = tuple[list[Article], list[Problem]]


def load(paths: Sequence[Path], cfg: IngestConfig) -> Loaded:
    """Read every path (story folder, article file or JSON Lines corpus) into articles, with problems.

    Never raises on bad input: a missing or unreadable path is a problem too. Article ids are unique in
    the result (a repeated id is a problem; the later article is skipped).
    """
    articles: list[Article] = []
    problems: list[Problem] = []
    for path in paths:
        found, trouble = _load_path(path, cfg)
        articles += found
        problems += trouble
    return _unique(articles, problems)


def _load_path(path: Path, cfg: IngestConfig) -> Loaded:
    try:
        if path.is_dir():
            return _load_folder(path, cfg)
        if path.suffix.lower() in JSONL_SUFFIXES:
            return _load_jsonl(path, path.name, None, cfg)
        return _load_files([path], path.parent, {}, None, cfg)
    except OSError as error:  # a path that vanished, a permission refused: the batch goes on
        return [], [Problem(path.name or str(path), f"cannot read: {error.strerror or error}")]


def _unique(articles: list[Article], problems: list[Problem]) -> Loaded:
    seen: set[str] = set()
    kept = []
    for article in articles:
        if article.id in seen:
            problems.append(Problem(article.source, f"duplicate id {article.id!r}: skipped"))
            continue
        seen.add(article.id)
        kept.append(article)
    return kept, problems


def _load_folder(folder: Path, cfg: IngestConfig) -> Loaded:
    problems: list[Problem] = []
    manifest = _read_manifest(folder, problems)
    story = _story_id(folder, problems)
    files = _listed_files(folder, manifest, problems)
    corpora: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.name in (MANIFEST, CLUSTER_FILE) or path in files:
            continue
        if _inside(folder, path.name) is None:
            problems.append(Problem(path.name, "a link pointing outside the story folder: refused"))
        elif path.is_dir():
            problems.append(Problem(path.name, "a folder inside a story folder: not read"))
        elif path.suffix.lower() in JSONL_SUFFIXES:
            corpora.append(path)
        elif path.suffix.lower() in cfg.extensions:
            files.append(path)
        else:
            problems.append(Problem(path.name, f"not an article file ({', '.join(cfg.extensions)}): skipped"))
    articles, trouble = _load_files(files, folder, manifest, story, cfg)
    problems += trouble
    for corpus in corpora:
        found, trouble = _load_jsonl(corpus, corpus.name, story, cfg)
        articles += found
        problems += trouble
    return articles, problems


def _listed_files(folder: Path, manifest: dict[str, Meta], problems: list[Problem]) -> list[Path]:
    """The manifest's files that exist inside the folder; the other rows become problems."""
    files: list[Path] = []
    seen: set[Path] = set()
    for name in manifest:
        resolved = _inside(folder, name)
        if resolved is None:
            problems.append(Problem(name, "manifest row points outside the story folder: refused"))
        elif not resolved.is_file():
            problems.append(Problem(name, "listed in the manifest but not found"))
        elif resolved not in seen:
            seen.add(resolved)
            files.append(folder / name)
    return files


def _inside(folder: Path, name: str) -> Path | None:
    """``folder/name`` resolved, or ``None`` when it leaves the folder (``..``, absolute, symlink out)."""
    if not name or Path(name).is_absolute() or "\x00" in name:
        return None
    root = folder.resolve()
    target = (folder / name).resolve()
    return target if target.is_relative_to(root) and target != root else None


def _story_id(folder: Path, problems: list[Problem]) -> str:
    """The folder's story id: ``id`` in cluster.toml, else the folder name."""
    path = folder / CLUSTER_FILE
    if path.is_file():
        try:
            value = tomllib.loads(path.read_text(encoding="utf-8")).get("id")
            if isinstance(value, str) and value.strip():
                return value.strip()
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            problems.append(Problem(CLUSTER_FILE, f"unreadable: {error}"))
    return folder.resolve().name


def _read_manifest(folder: Path, problems: list[Problem]) -> dict[str, Meta]:
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        rows = list(csv.DictReader(io.StringIO(decode(path.read_bytes()))))
    except (OSError, Unreadable, csv.Error) as error:
        problems.append(Problem(MANIFEST, f"unreadable manifest: {error}"))
        return {}
    manifest: dict[str, Meta] = {}
    for number, row in enumerate(rows, start=2):
        name = _clean(row.get("file"))
        if not name:
            problems.append(Problem(f"{MANIFEST}:{number}", "row without a file name"))
            continue
        published = normalise_date(row.get("published"))
        if published is None and _clean(row.get("published")):
            problems.append(Problem(f"{MANIFEST}:{number}", f"date {row.get('published')!r} not understood"))
        manifest[name] = Meta(
            outlet=_clean(row.get("outlet")), url=_clean(row.get("url")), published=published,
            title=_clean(row.get("title")),
        )  # fmt: skip
    return manifest


def _load_files(
    files: Sequence[Path], folder: Path, manifest: dict[str, Meta], story: str | None, cfg: IngestConfig
) -> Loaded:
    articles, problems = [], []
    for path in files:
        source = path.name if folder == path.parent else path.relative_to(folder).as_posix()
        meta = manifest.get(source) or manifest.get(path.name) or Meta()
        try:
            articles.append(_read_file(path, source, meta, story, cfg))
        except Unreadable as error:
            problems.append(Problem(source, str(error)))
        except OSError as error:
            problems.append(Problem(source, f"cannot read: {error.strerror or error}"))
    return articles, problems


def _read_file(path: Path, source: str, meta: Meta, story: str | None, cfg: IngestConfig) -> Article:
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable("not a regular file (a device, pipe or socket): not read")
    if info.st_size > cfg.max_bytes:
        raise Unreadable(f"file of {info.st_size:,} bytes is over the {cfg.max_bytes:,}-byte cap: not read")
    text = decode(path.read_bytes())
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _json_file(text, path, source, story)
    html_meta: dict[str, str | None] = {}
    if suffix in HTML_SUFFIXES or (suffix not in (".txt", ".md") and _looks_like_html(text)):
        text, html_meta = html_to_text(text)
    merged = Meta(
        outlet=meta.outlet,
        url=meta.url or html_meta.get("url"),
        published=meta.published or normalise_date(html_meta.get("date")),
        title=meta.title or html_meta.get("title"),
    )
    return _article(path.stem, source, text, merged, story, fallback_outlet=path.stem)


def _json_file(text: str, path: Path, source: str, story: str | None) -> Article:
    try:
        record = json.loads(text)
    except ValueError as error:
        raise Unreadable(f"not JSON: {error}") from error
    if not isinstance(record, dict):
        raise Unreadable("JSON file does not hold one article object")
    record.setdefault("id", path.stem)
    if record.get("cluster") is None:
        record["cluster"] = story
    return from_record(record, source)


def _looks_like_html(text: str) -> bool:
    return bool(re.match(r"\s*(?:<!doctype html|<html\b)", text[:1000], re.IGNORECASE))


def _article(
    article_id: str, source: str, text: str, meta: Meta, story: str | None, fallback_outlet: str
) -> Article:
    if not text.strip():
        raise Unreadable("no text")
    outlet, how = _outlet(meta.outlet, text, meta.url, fallback_outlet)
    return Article(
        id=article_id,
        source=source,
        text=text,
        outlet=outlet,
        outlet_source=how,
        title=meta.title or _first_line(text),
        published=meta.published or outlets.dateline_date(text),
        url=meta.url,
        cluster=story,
    )


def _outlet(given: str | None, text: str, url: str | None, fallback: str) -> tuple[str, OutletSource]:
    """The manifest's outlet; else one named by the text or the URL's site; else the file name."""
    if given:
        return given, "manifest"
    inferred = outlets.infer(text) or outlets.from_url(url)
    if inferred:
        return inferred, "inferred"
    return fallback, "filename"


def _load_jsonl(path: Path, name: str, story: str | None, cfg: IngestConfig) -> Loaded:
    """Records of one JSON Lines file; each bad line is a problem named ``file:line``."""
    articles: list[Article] = []
    problems: list[Problem] = []
    size = path.stat().st_size
    if size > cfg.max_bytes * 100:
        return [], [Problem(name, f"corpus of {size:,} bytes is over the {cfg.max_bytes * 100:,}-byte cap")]
    seen: dict[str, int] = {}
    for number, line in _jsonl_lines(path, name, cfg, problems):
        where = f"{name}:{number}"
        try:
            article = from_record(_json_object(line), source=where)
        except Unreadable as error:
            problems.append(Problem(where, str(error)))
            continue
        if article.id in seen:
            problems.append(
                Problem(where, f"duplicate id {article.id!r} (first on line {seen[article.id]}): skipped")
            )
            continue
        seen[article.id] = number
        cluster = story if article.cluster is None else article.cluster
        articles.append(dataclasses.replace(article, source=article.id, cluster=cluster))
    return articles, problems


def _json_object(line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except ValueError as error:
        raise Unreadable(f"not JSON ({error})") from error
    if not isinstance(record, dict):
        raise Unreadable(f"not a JSON object but {type(record).__name__}")
    return record


def _jsonl_lines(
    path: Path, name: str, cfg: IngestConfig, problems: list[Problem]
) -> Iterator[tuple[int, str]]:
    """Non-blank lines as text, numbered from 1; over-long and non-UTF-8 lines become problems."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if len(raw) > cfg.max_bytes:
                problems.append(Problem(f"{name}:{number}", f"line of {len(raw):,} bytes is over the cap"))
                continue
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                problems.append(Problem(f"{name}:{number}", "line is not UTF-8 text"))
                continue
            if line.strip():
                yield number, line


def from_record(record: dict[str, Any], source: str) -> Article:
    """An article from one JSON object (a JSON Lines line or a ``.json`` file).

    Takes ``text`` unchanged (offsets in the output index it), or else ``html`` reduced to text.
    ``published`` or ``date`` is normalised to ``YYYY-MM-DD`` (``None`` when not a clear date).
    Raises :class:`Unreadable` when the record has no id, or neither a non-blank ``text`` nor ``html``.
    """
    article_id = record.get("id")
    if article_id is None or isinstance(article_id, (dict, list)) or str(article_id).strip() == "":
        raise Unreadable("record has no id")
    text = record.get("text")
    html_meta: dict[str, str | None] = {}
    if not isinstance(text, str) or not text.strip():
        html = record.get("html")
        if not isinstance(html, str) or not html.strip():
            raise Unreadable(f"record {article_id!s} has no text or html")
        text, html_meta = html_to_text(html)
    cluster = record.get("cluster")
    meta = Meta(
        outlet=_clean(record.get("outlet")),
        url=_clean(record.get("url")) or html_meta.get("url"),
        published=normalise_date(record.get("published") or record.get("date") or html_meta.get("date")),
        title=_clean(record.get("title")) or html_meta.get("title"),
    )
    story = None if cluster is None or str(cluster).strip() == "" else str(cluster)
    return _article(str(article_id).strip(), source, text, meta, story, str(article_id).strip())


def decode(data: bytes) -> str:
    r"""Bytes to text: a BOM first, then UTF-8, then Windows-1252 for Western text, then detection.

    charset-normalizer guesses badly on short Western text ("Café" in cp1252 comes out as CJK), so
    cp1252 is taken when it decodes and reads as Western text (few non-ASCII letters); other encodings
    (Cyrillic, CJK, ...) go to charset-normalizer. Newlines are normalised to ``\n``.
    Raises :class:`Unreadable` for empty and binary input.
    """
    if not data.strip():
        raise Unreadable("empty file")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _checked(_decoded(data, codec))
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(_decoded(data, utf16))
    if b"\x00" in data[:4096]:
        raise Unreadable("binary file (NUL bytes), not text")
    for attempt in (_utf8, _western, _detected):
        text = attempt(data)
        if text is not None:
            return _checked(_normalise_newlines(text))
    raise Unreadable("not text in any encoding we could detect")


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _western(data: bytes) -> str | None:
    """cp1252 text when it reads as Western (few words made mostly of accented letters), else ``None``.

    Cyrillic or Greek bytes read as cp1252 give words of accented Latin letters only ("Ïðèâåò");
    French or German give words with an accent here and there ("Café").
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    words = re.findall(r"[^\W\d_]{3,}", text)
    foreign = sum(1 for w in words if sum(ord(c) > 127 for c in w) * 2 > len(w))
    return text if foreign <= 0.1 * len(words) else None


def _detected(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else str(best)


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte is NUL (ASCII-range text in UTF-16), else ``None``."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _decoded(data: bytes, codec: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise Unreadable(f"bad {codec} text: {error}") from error
    return _normalise_newlines(text)


def _checked(text: str) -> str:
    """``text`` unless it is blank or full of control characters (binary data that happened to decode)."""
    if not text.replace("\ufeff", "").strip():
        raise Unreadable("empty file")
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t\f\v")
    if controls > _CONTROL_SHARE * len(text):
        raise Unreadable("binary file (control characters), not text")
    return text


def _normalise_newlines(text: str) -> str:
    # File text is ours to normalise (JSON Lines text is not: its offsets are the caller's).
    return text.replace("\r\n", "\n").replace("\r", "\n")


def html_to_text(html: str) -> tuple[str, dict[str, str | None]]:
    """The article text of an HTML page (trafilatura) and its title/date/url metadata.

    Paragraphs (and headings, list items, table rows) are separated by blank lines; a line break inside
    a paragraph (``<br>``) stays a single newline, so the clean stage can tell a wrapped line from a new
    paragraph. Raises :class:`Unreadable` when no text can be found.
    """
    import trafilatura
    from trafilatura.settings import Document
    from trafilatura.xml import xmltotxt

    try:
        # Precision mode without comments scored best on the extraction benchmark's tuning half
        # (token F1 0.976 against 0.962 for the defaults); tables stay in (recall).
        document = trafilatura.bare_extraction(
            html, favor_precision=True, include_comments=False, include_tables=True, with_metadata=True
        )
        if not isinstance(document, Document) or document.body is None:
            raise Unreadable("HTML page without article text")
        _mark_line_breaks(document.body)
        text = xmltotxt(document.body, False)
    except Unreadable:
        raise
    except Exception as error:  # trafilatura and lxml raise many kinds on malformed markup
        raise Unreadable(f"malformed HTML: {type(error).__name__}: {error}") from error
    text = _paragraphs(text)
    if not text.strip():
        raise Unreadable("HTML page without article text")
    return text, {"title": document.title, "date": document.date, "url": document.url}


# Marks the line after a <br> inside a paragraph. A visible symbol (U+241E) because trafilatura's
# sanitiser drops private-use and invisible characters; it is removed again in _paragraphs.
_WRAPPED = "\u241e"


def _mark_line_breaks(body: Any) -> None:
    """Newlines in the page source are white space (HTML); only ``<br>`` breaks a line: mark those."""
    for element in body.iter():
        if element.text:
            element.text = _SOURCE_NEWLINES.sub(" ", element.text)
        if element.tail:
            element.tail = _SOURCE_NEWLINES.sub(" ", element.tail)
        if element.tag == "lb":
            element.tail = _WRAPPED + (element.tail or "")


_SOURCE_NEWLINES = re.compile(r"\s*\n\s*")


def _paragraphs(text: str) -> str:
    """Blank lines between blocks; a single newline where the page had a ``<br>``."""
    out: list[str] = []
    for line in text.split("\n"):
        wrapped = line.startswith(_WRAPPED)
        line = line.removeprefix(_WRAPPED).strip()
        if not line:
            continue
        out.append(("\n" if wrapped and out else "\n\n" if out else "") + line)
    return "".join(out) + "\n" if out else ""


_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%d %B %Y",
    "%d %b %Y",
)


def normalise_date(value: object) -> str | None:
    """An ISO ``YYYY-MM-DD`` date from common written forms, or ``None`` when it is not a clear date.

    Accepts ISO dates and timestamps, "May 23, 2023", "23 May 2023", "23.05.2023", e-mail/RSS dates
    ("Tue, 23 May 2023 10:00:00 GMT") and slash dates when only one reading is possible ("23/05/2023";
    "05/06/2023" could be May or June, so it gives ``None``).
    """
    if value is None:
        return None
    text = " ".join(str(value).split()).replace("Sept ", "Sep ")
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        text = text[:10]
    text = re.sub(
        r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+(?=[A-Z])", "", text
    )  # "Tuesday, May 23, 2023"
    text = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", text)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return _slash_date(text) or _email_date(str(value))


def _slash_date(text: str) -> str | None:
    readings = set()
    for fmt in ("%d/%m/%Y", "%m/%d/%Y"):
        try:
            readings.add(datetime.strptime(text, fmt).date().isoformat())
        except ValueError:
            continue
    return readings.pop() if len(readings) == 1 else None


def _email_date(text: str) -> str | None:
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _first_line(text: str) -> str | None:
    """A title for an article without one: its first line that is not page furniture."""
    for line in text.splitlines():
        stripped = re.sub(r"^(?:Article|Headline|Title)\s*:\s*", "", line.strip())
        if len(stripped) > 15 and not outlets.is_boilerplate_title(stripped):
            return stripped if len(stripped) <= 160 else stripped[:157].rsplit(" ", 1)[0] + "..."
    return None
