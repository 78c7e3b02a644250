"""Ingest: folders, files and JSON Lines in; articles and problems out. Bad input never crashes a run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reporter.config import IngestConfig
from reporter.ingest import Unreadable, decode, from_record, load, normalise_date
from reporter.model import Article, Problem

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
SEEDS = Path(__file__).parent.parent / "examples" / "belgorod"


def _by_id(articles: list[Article]) -> dict[str, Article]:
    return {a.id: a for a in articles}


def _reasons(problems: list[Problem]) -> dict[str, str]:
    return {p.source: p.reason for p in problems}


# ---- encodings -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("Café", "utf-8"),
        ("Café au lait at the station café.", "utf-8-sig"),
        ("Café", "cp1252"),
        ("Grüße aus München, sagte der Bürgermeister.", "cp1252"),
        ("He said: “no comment” — at the café.", "cp1252"),
        ("Café", "utf-16"),
        ("Officials said the café would reopen on Monday.", "utf-16-le"),
        (
            "Министерство обороны сообщило в понедельник, что ситуация в регионе остаётся напряжённой.",
            "cp1251",
        ),
    ],
)
def test_decode_keeps_the_characters(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding)) == text


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 9)) * 40, "binary"),
        ("\ufeff   ".encode("utf-16"), "empty"),
    ],
)
def test_decode_refuses_empty_and_binary(data: bytes, reason: str) -> None:
    with pytest.raises(Unreadable, match=reason):
        decode(data)


def test_windows_newlines_become_newlines(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"First paragraph here.\r\n\r\nSecond one.\r\n")
    articles, problems = load([tmp_path / "a.txt"], IngestConfig())
    assert problems == []
    assert articles[0].text == "First paragraph here.\n\nSecond one.\n"


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "utf-8-sig"])
def test_encoded_files_load_with_their_accents(tmp_path: Path, encoding: str) -> None:
    (tmp_path / "story.txt").write_bytes(
        "The Café Royal reopened on Monday, its owner said.\n".encode(encoding)
    )
    articles, problems = load([tmp_path], IngestConfig())
    assert problems == []
    assert articles[0].text.startswith("The Café Royal reopened")


# ---- dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2023-06-02", "2023-06-02"),
        ("2023-06-02T10:15:00+03:00", "2023-06-02"),
        ("June 2, 2023", "2023-06-02"),
        ("Jun 2, 2023", "2023-06-02"),
        ("2 June 2023", "2023-06-02"),
        ("Friday, June 2, 2023", "2023-06-02"),
        ("June 2nd, 2023", "2023-06-02"),
        ("Fri, 02 Jun 2023 08:00:00 GMT", "2023-06-02"),
        ("23/05/2023", "2023-05-23"),
        ("05/23/2023", "2023-05-23"),
        ("05/06/2023", None),  # May or June: not clear
        ("yesterday", None),
        ("", None),
        (None, None),
        ("2023-13-45", None),
    ],
)
def test_normalise_date(value: object, expected: str | None) -> None:
    assert normalise_date(value) == expected


# ---- records ----------------------------------------------------------------------------------------


def test_record_text_is_taken_unchanged() -> None:
    text = "  Line one.\r\nLine two.  "
    article = from_record({"id": 7, "outlet": "X", "text": text, "date": "May 23, 2023"}, "7")
    assert (article.id, article.text, article.published, article.outlet_source) == (
        "7",
        text,
        "2023-05-23",
        "manifest",
    )
    assert article.cluster is None


def test_record_html_is_reduced_to_text_with_metadata() -> None:
    html = (
        "<html><head><title>Ferry service resumes</title></head><body><article>"
        "<p>The island ferry resumed its winter timetable on Monday after a week of storms, the operator said.</p>"
        "<p>Two extra sailings were added on Saturday<br>to clear the backlog of freight.</p>"
        "</article></body></html>"
    )
    article = from_record({"id": "f", "html": html, "url": "https://www.islandtimes.example.com/x"}, "f")
    assert "resumed its winter timetable" in article.text
    assert "<p>" not in article.text
    assert "Saturday\nto clear" in article.text  # a <br> stays a single newline
    assert "\n\nTwo extra sailings" in article.text  # paragraphs are blank-line separated
    assert (article.outlet, article.outlet_source) == ("islandtimes.example.com", "inferred")


@pytest.mark.parametrize(
    "record",
    [
        {"outlet": "X", "text": "Some text here."},
        {"id": "a", "text": "   "},
        {"id": "a", "text": 5},
        {"id": ""},
    ],
)
def test_record_without_id_or_text_is_unreadable(record: dict[str, object]) -> None:
    with pytest.raises(Unreadable):
        from_record(record, "src")


# ---- folders and outlets ----------------------------------------------------------------------------


def test_seed_folder_loads_with_manifest_metadata() -> None:
    articles, problems = load([SEEDS], IngestConfig())
    assert problems == []
    by_id = _by_id(articles)
    assert len(by_id) == 5
    assert {a.cluster for a in articles} == {"belgorod"}
    assert by_id["002_2ba93e48c7c2f483"].outlet == "Reuters"
    assert by_id["003_3b1f037b0a9e9f83"].published == "2023-05-22"
    assert all(a.outlet_source == "manifest" for a in articles)


def test_bare_folder_infers_outlets_and_dates(tmp_path: Path) -> None:
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, tmp_path / seed.name)
    articles, problems = load([tmp_path], IngestConfig())
    assert problems == []
    by_id = _by_id(articles)
    assert {a.cluster for a in articles} == {tmp_path.name}
    assert (by_id["002_2ba93e48c7c2f483"].outlet, by_id["002_2ba93e48c7c2f483"].outlet_source) == (
        "Reuters",
        "inferred",
    )
    assert by_id["004_25a1fa0ffdc9bad2"].outlet == "Political IQ"
    assert by_id["004_25a1fa0ffdc9bad2"].published == "2023-05-23"
    assert by_id["001_2db7d2cf94ef0e2c"].outlet_source == "filename"


def test_cluster_toml_names_the_story(tmp_path: Path) -> None:
    (tmp_path / "cluster.toml").write_text('id = "harbour-strike"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Dock workers walked out on Monday over pay.\n", encoding="utf-8")
    articles, _ = load([tmp_path], IngestConfig())
    assert articles[0].cluster == "harbour-strike"


def test_a_repeated_id_across_inputs_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    for sub in ("one", "two"):
        (tmp_path / sub / "same.txt").write_text(
            f"Text of folder {sub} about the harbour.\n", encoding="utf-8"
        )
    articles, problems = load([tmp_path / "one", tmp_path / "two"], IngestConfig())
    assert [a.text for a in articles] == ["Text of folder one about the harbour.\n"]
    assert "duplicate id" in problems[0].reason


def test_missing_path_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    articles, problems = load([tmp_path / "nowhere.txt", tmp_path / "gone.jsonl"], IngestConfig())
    assert articles == []
    assert len(problems) == 2


# ---- the hostile story folder -----------------------------------------------------------------------


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The committed hostile folder plus what cannot be committed: an over-size file, an escaping link."""
    folder = tmp_path / "hostile"
    shutil.copytree(HOSTILE, folder)
    (folder / "huge.txt").write_text("word " * 20_000, encoding="utf-8")  # 100 kB, over the cap below
    secret = tmp_path / "secret.txt"
    secret.write_text("A file outside the story folder.\n", encoding="utf-8")
    (folder / "escape.txt").symlink_to(secret)
    return folder


HOSTILE_CFG = IngestConfig(max_bytes=50_000)


@pytest.mark.parametrize(
    "source, reason",
    [
        ("../../etc/passwd", "outside the story folder"),
        ("/etc/passwd", "outside the story folder"),
        ("missing.txt", "not found"),
        ("escape.txt", "outside the story folder"),
        ("empty.txt", "empty"),
        ("garbage.txt", "binary"),
        ("photo.jpg", "not an article file"),
        ("huge.txt", "over the 50,000-byte cap"),
        ("corpus.jsonl:2", "not JSON"),
        ("corpus.jsonl:3", "duplicate id 'j1'"),
        ("corpus.jsonl:4", "no text or html"),
    ],
)
def test_every_bad_input_is_a_problem(hostile: Path, source: str, reason: str) -> None:
    _, problems = load([hostile], HOSTILE_CFG)
    reasons = _reasons(problems)
    assert source in reasons, f"no problem for {source}: {problems}"
    assert reason in reasons[source]


def test_nothing_else_is_a_problem(hostile: Path) -> None:
    _, problems = load([hostile], HOSTILE_CFG)
    assert len(problems) == 11


def test_readable_articles_load_with_the_right_text(hostile: Path) -> None:
    articles, _ = load([hostile], HOSTILE_CFG)
    by_id = _by_id(articles)
    assert sorted(by_id) == ["cafe_cp1252", "j1", "j4", "story", "utf16"]
    assert by_id["cafe_cp1252"].text.startswith("The harbour café in the fictional village")
    assert "Café regulars" in by_id["cafe_cp1252"].text
    assert (by_id["cafe_cp1252"].outlet, by_id["cafe_cp1252"].published) == ("Northby News", "2024-10-06")
    assert by_id["utf16"].text.startswith("Officials in the fictional city of Westford")
    assert by_id["j1"].outlet == "Southport Daily"
    assert by_id["j4"].outlet == "harbourwatch.example.org"
    assert {a.cluster for a in articles} == {"hostile"}  # records without a cluster join the folder's story


def test_hostile_html_keeps_the_story_and_drops_the_code(hostile: Path) -> None:
    story = _by_id(load([hostile], HOSTILE_CFG)[0])["story"]
    for sentence in ("reopened to traffic on Thursday", "replaced two damaged support beams",
                     "cut their weekday trade", "permanent inspection schedule"):  # fmt: skip
        assert sentence in story.text
    for code in ("alert", "javascript", "xss", "document.cookie", "<script", "onerror", "iframe", "<"):
        assert code not in story.text
    assert (story.outlet, story.title, story.published) == (
        "Eastmere Gazette",
        "Bridge reopens after storm repairs",
        "2024-03-14",
    )


def test_jsonl_corpus_on_its_own(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    rows = [
        json.dumps({"id": "a", "outlet": "O", "text": "Alpha text about the port.", "cluster": "s1"}),
        "",
        "[1, 2, 3]",
        json.dumps({"id": "b", "outlet": "O", "text": "Beta text about the port."}),
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    articles, problems = load([path], IngestConfig())
    assert [(a.id, a.source, a.cluster) for a in articles] == [("a", "a", "s1"), ("b", "b", None)]
    assert problems == [Problem("corpus.jsonl:3", "not a JSON object but list")]
