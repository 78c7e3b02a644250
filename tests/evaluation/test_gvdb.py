"""The GVDB scorer on tiny hand-made cases: largest figure per (article, status), exact match."""

from __future__ import annotations

from evaluation.gvdb import Counts, largest_figures, read_gold, tally
from reporter.model import Fact


def _fact(article: str, status: str, count: int | None) -> Fact:
    return Fact(
        id=f"{article}-{status}-{count}", article=article, kind="casualty", start=0, end=1, evidence="x",
        extractor="casualties", confidence=0.9, status=status, count=count,  # type: ignore[arg-type]
    )  # fmt: skip


def test_largest_figure_per_article_and_status() -> None:
    facts = [
        _fact("a", "killed", 1),
        _fact("a", "killed", 3),
        _fact("a", "injured", None),
        _fact("a", "missing", 9),
    ]
    assert largest_figures(facts) == {("a", "killed"): 3}


def test_precision_counts_reported_figures_recall_counts_gold_figures() -> None:
    gold = {
        ("a", "killed"): frozenset({2}),
        ("a", "injured"): frozenset({0}),
        ("b", "killed"): frozenset({1}),
    }
    predicted = {("a", "killed"): 2, ("a", "injured"): 1}  # right; wrong (gold 0); b: nothing reported
    counts = tally(gold, predicted, ["a", "b"])
    assert counts == Counts(correct_reported=1, reported=2, correct_gold=1, gold=2)
    assert (counts.precision, counts.recall) == (0.5, 0.5)
    assert counts.f1 == 0.5


def test_missing_gold_reads_as_zero_and_a_zero_report_is_no_report() -> None:
    counts = tally({}, {("a", "killed"): 0}, ["a"])
    assert counts == Counts(0, 0, 0, 0)
    assert counts.f1 == 0.0


def test_annotator_duplicates_keep_the_majority_and_ties() -> None:
    rows = [
        {"article_id": "a", "kind": "killed", "value": 2, "annotator": "x"},
        {"article_id": "a", "kind": "killed", "value": 2, "annotator": "y"},
        {"article_id": "a", "kind": "killed", "value": 3, "annotator": "z"},
        {"article_id": "b", "kind": "injured", "value": 1, "annotator": "x"},
        {"article_id": "b", "kind": "injured", "value": 4, "annotator": "y"},
        {"article_id": "c", "kind": "killed", "value": 5, "annotator": "x"},  # not among the scored ids
        {"article_id": "a", "kind": "victims", "value": [], "annotator": "x"},
    ]
    gold = read_gold(rows, {"a", "b"})
    assert gold == {("a", "killed"): frozenset({2}), ("b", "injured"): frozenset({1, 4})}
    assert tally(gold, {("b", "injured"): 4}, ["b"]) == Counts(1, 1, 1, 1)


def test_a_copy_shares_its_original_facts() -> None:
    from evaluation.gvdb import share_with_copies
    from reporter.model import Article

    original = Article(id="a", source="a", text="x", outlet="o")
    copy = Article(id="b", source="b", text="x", outlet="p", duplicate_of="a")
    shared = share_with_copies([_fact("a", "killed", 2)], [original, copy])
    assert sorted((f.article, f.count) for f in shared) == [("a", 2), ("b", 2)]


def test_a_tie_with_zero_counts_a_zero_report_as_no_figure() -> None:
    gold = {("a", "injured"): frozenset({0, 2})}
    assert tally(gold, {}, ["a"]) == Counts(0, 0, 0, 1)  # gold may be 2: recall misses it
    assert tally(gold, {("a", "injured"): 2}, ["a"]) == Counts(1, 1, 1, 1)
    assert tally(gold, {("a", "injured"): 3}, ["a"]) == Counts(0, 1, 0, 1)


def test_halves_are_deterministic_and_both_used() -> None:
    from evaluation.gvdb import half

    ids = [f"gva-{n}" for n in range(100, 140)]
    assert [half(i) for i in ids] == [half(i) for i in ids]
    assert 5 < sum(half(i) for i in ids) < 35
