"""The GVA casualty-ledger scorer on tiny hand-made cases."""

from __future__ import annotations

from evaluation.gva_ledger import incident_articles, killed_figures, ledger_scores
from reporter.model import Fact


def _fact(article: str, status: str, count: int | None) -> Fact:
    return Fact(
        id=f"{article}-{status}-{count}", article=article, kind="casualty", start=0, end=1, evidence="x",
        extractor="casualties", confidence=0.9, status=status, count=count,  # type: ignore[arg-type]
    )  # fmt: skip


def test_articles_serve_every_incident_they_are_listed_under() -> None:
    records = [
        {"id": "1", "cluster": "i", "clusters": ["i", "j"]},
        {"id": "2", "cluster": "j"},
        {"id": "3", "cluster": None},
    ]
    assert incident_articles(records) == {"i": ["1"], "j": ["1", "2"]}


def test_killed_figures_keep_stated_zeros_and_skip_other_statuses() -> None:
    facts = [
        _fact("1", "killed", 0),
        _fact("1", "killed", 2),
        _fact("1", "injured", 5),
        _fact("2", "killed", None),
    ]
    assert killed_figures(facts) == {"1": {0, 2}}


def test_gold_among_the_figures_of_any_article_of_the_incident() -> None:
    incidents = {"i": ["1", "2"], "j": ["3"], "k": ["4"]}
    figures = {"1": {1}, "2": {3}, "4": {0}}
    gold = {"i": 3, "j": 0, "k": 0}
    strict, none_as_zero, largest = ledger_scores(gold, incidents, figures)
    assert strict == 2 / 3  # i (3 is reported in article 2) and k (a stated zero); j reported nothing
    assert none_as_zero == 1.0
    assert largest == 1.0


def test_an_incident_without_articles_or_figures_is_missed() -> None:
    strict, none_as_zero, largest = ledger_scores({"i": 2, "j": 0}, {"i": ["1"]}, {})
    assert strict == 0.0
    assert none_as_zero == 0.5  # j: no article, no figure, read as zero
    assert largest == 0.5


def test_largest_is_not_met_by_listing_many_figures() -> None:
    strict, _, largest = ledger_scores({"i": 2}, {"i": ["1", "2"]}, {"1": {0, 2}, "2": {5}})
    assert strict == 1.0
    assert largest == 0.0
