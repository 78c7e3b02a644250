"""The article-extraction scorer on hand-made cases: word-token precision and recall per page, averaged."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from evaluation.article_extraction import PageScore, evaluate, halves, score_page, summarise, to_html_article


@pytest.mark.parametrize(
    "predicted, gold, precision, recall",
    [
        ("the cat sat", "the cat sat", 1.0, 1.0),
        ("the cat sat on the mat", "the cat sat", 0.5, 1.0),
        ("the cat", "the cat sat on the mat", 1.0, 2 / 6),
        ("the the the", "the cat", 1 / 3, 0.5),  # tokens are a multiset: repeats cost precision
        ("", "the cat", 0.0, 0.0),
        ("The cat", "the cat", 0.5, 0.5),  # case-sensitive
        ("cat, sat! (mat)", "cat sat mat", 1.0, 1.0),  # punctuation is not a token
    ],
)
def test_score_page(predicted: str, gold: str, precision: float, recall: float) -> None:
    score = score_page("p", predicted, gold)
    assert score.precision == pytest.approx(precision)
    assert score.recall == pytest.approx(recall)


def test_averages_over_pages_then_f1() -> None:
    scores = summarise([PageScore("a", 1.0, 0.5), PageScore("b", 0.5, 1.0)])
    by_metric = {s.metric: s.score for s in scores}
    assert by_metric["extraction: token precision"] == pytest.approx(0.75)
    assert by_metric["extraction: token recall"] == pytest.approx(0.75)
    assert by_metric["extraction: token F1"] == pytest.approx(0.75)


def test_halves_split_evenly_and_stably() -> None:
    split = halves(["d", "a", "c", "b"])
    assert split == {"a": "tune", "b": "check", "c": "tune", "d": "check"}


PAGE = (
    "<html><head><title>Cranes fail</title></head><body><nav>Home | Sport | Weather</nav><article>"
    "<h1>Cranes fail</h1><p>The harbour authority in the fictional port of Kestrel Bay said on Monday that "
    "two cranes had failed during the storm.</p><p>Engineers were sent from the capital to inspect the "
    "machinery, according to a statement.</p></article><footer>Copyright 2024</footer></body></html>"
)
GOLD = (
    "The harbour authority in the fictional port of Kestrel Bay said on Monday that two cranes had failed "
    "during the storm.\n\nEngineers were sent from the capital to inspect the machinery, according to a statement."
)


def _dataset(tmp_path: Path) -> Path:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p1.html.gz").write_bytes(gzip.compress(PAGE.encode("utf-8")))
    (tmp_path / "html" / "p2.html.gz").write_bytes(gzip.compress(b"<html><body></body></html>"))
    rows = [
        {"id": "p1", "outlet": "example.com", "html_file": "html/p1.html.gz", "gold_text": GOLD},
        {"id": "p2", "outlet": "example.com", "html_file": "html/p2.html.gz", "gold_text": "Lost page text."},
    ]
    (tmp_path / "articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return tmp_path


def test_gold_never_reaches_the_tool(tmp_path: Path) -> None:
    data = _dataset(tmp_path)
    row = json.loads((data / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    article = to_html_article(data, row)
    assert article is not None
    assert "gold" not in repr(article).lower().replace("golden", "")
    assert article.cluster == "p1"


def test_evaluate_end_to_end_on_a_tiny_set(tmp_path: Path) -> None:
    scores = {s.metric: s for s in evaluate(_dataset(tmp_path))}
    # p1 is extracted perfectly; p2 has no article text and scores zero, so each average is 0.5
    assert scores["extraction: token precision"].score == pytest.approx(0.5)
    assert scores["extraction: token recall"].score == pytest.approx(0.5)
    assert scores["extraction: token F1"].n == 2
