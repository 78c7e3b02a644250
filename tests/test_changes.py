from __future__ import annotations

from reporter.changes import since
from reporter.model import Analysis, Article, Change, Fact


def _analysis() -> Analysis:
    text = "Two killed, Gladkov said. Four injured."
    articles = (
        Article(id="a", source="a", text=text, outlet="Reuters"),
        Article(id="b", source="b", text=text, outlet="BBC"),
    )
    facts = (
        Fact(
            id="f1",
            article="a",
            kind="casualty",
            start=0,
            end=10,
            evidence=text[:10],
            extractor="c",
            confidence=1.0,
            count=2,
            status="killed",
        ),
        Fact(
            id="f2",
            article="a",
            kind="quote",
            start=0,
            end=24,
            evidence=text[:24],
            extractor="q",
            confidence=1.0,
            speaker="Vyacheslav Gladkov",
            direct=False,
            quote="Two killed",
        ),
    )
    return Analysis(articles=articles, stories=(), alignments=(), facts=facts, coverage=())


def test_changes_since_a_previous_report() -> None:
    previous = {
        "articles": [{"id": "a", "outlet": "Reuters"}, {"id": "c", "outlet": "TASS"}],
        "facts": [{"kind": "casualty", "article": "a", "count": 1, "status": "killed"}],
    }
    assert since(previous, _analysis()) == [
        Change("new outlet", "BBC", "first coverage"),
        Change("outlet gone", "TASS", "no longer in the story"),
        Change("changed figure", "Reuters", "killed: 1 -> 2"),
        Change("new speaker", "Reuters", "Vyacheslav Gladkov"),
    ]


def test_no_changes_against_itself() -> None:
    from reporter.render.json import to_json

    analysis = _analysis()
    assert since(to_json(analysis), analysis) == []
