"""MSRP: sentence alignment across outlets, as accuracy on the Microsoft Research Paraphrase Corpus.

Each pair is given to the tool as a two-article story (``cluster`` set, one article per sentence, the
outlet and date of each sentence where the record has them, the gold ``label`` never). The tool says
"same content" when one alignment group holds both articles' paragraphs or when it marks one article
a duplicate of the other. All pairs go through one :func:`reporter.pipeline.analyze` call.

Besides the accuracy over every pair, the two halves are scored apart: the *tune* half (even-numbered
pairs of the file) is the one the same-content model was fitted on, the *check* half (odd-numbered) was
not seen in fitting. ``python -m evaluation.msrp --fit`` refits the model on the tune half and prints
the coefficients to paste into :mod:`reporter.similarity`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from evaluation.common import Score, data_root, read_jsonl, to_article
from reporter.model import Alignment, Article

TARGET = 0.75
ANCHOR = "all-same 0.665; TF-IDF 0.707; rapidfuzz token-set 0.722; MiniLM 0.719"


def evaluate(data_dir: Path, limit: int | None = None) -> list[Score]:
    pairs = list(read_jsonl(data_dir / "pairs.jsonl"))[:limit]
    said = run_tool(pairs)
    gold = [bool(p["label"]) for p in pairs]
    tune = [k for k in range(len(pairs)) if k % 2 == 0]
    check = [k for k in range(len(pairs)) if k % 2 == 1]
    same = [k for k in range(len(pairs)) if said[k]]
    return [
        Score("alignment MSRP: accuracy", accuracy(said, gold), TARGET, ANCHOR, len(pairs)),
        Score("alignment MSRP: accuracy, tune half", accuracy(said, gold, tune), None, ANCHOR, len(tune)),
        Score("alignment MSRP: accuracy, check half", accuracy(said, gold, check), None, ANCHOR, len(check)),
        Score("alignment MSRP: precision of 'same'", accuracy(said, gold, same), None, "", len(same)),
        Score("alignment MSRP: recall of 'same'", _recall(said, gold), None, "", sum(gold)),
    ]


def pair_articles(n: int, record: Mapping[str, Any]) -> tuple[Article, Article]:
    """The two articles of pair ``n``: ids ``msrp-<n>-a`` / ``-b``, story ``msrp-<n>``, no label."""
    made = []
    for side in ("a", "b"):
        outlet = record.get(f"{side}_outlet") or record.get(f"{side}_agency") or f"outlet {side}"
        fields = {
            "id": f"msrp-{n}-{side}",
            "text": record[side],
            "outlet": outlet,
            "date": record.get(f"{side}_date"),
        }
        made.append(to_article(fields, keep_cluster=f"msrp-{n}"))
    return made[0], made[1]


def run_tool(pairs: Sequence[Mapping[str, Any]]) -> list[bool]:
    """Per pair, whether the tool finds the two sentences to carry the same content."""
    from reporter.pipeline import analyze

    articles = [article for n, record in enumerate(pairs) for article in pair_articles(n, record)]
    analysis = analyze(articles)
    return decisions(analysis.articles, analysis.alignments, len(pairs))


def decisions(articles: Iterable[Article], alignments: Iterable[Alignment], n: int) -> list[bool]:
    """ "Same content" per pair: a duplicate link between its articles, or one group holding both."""
    same = [False] * n
    for article in articles:
        if article.duplicate_of is not None and _pair_of(article.id) == _pair_of(article.duplicate_of):
            same[_pair_of(article.id)] = True
    for alignment in alignments:
        pairs = [_pair_of(m.article) for m in alignment.members]
        for k in set(pairs):
            if pairs.count(k) >= 2:
                same[k] = True
    return same


def _pair_of(article_id: str) -> int:
    return int(article_id.split("-")[1])


def accuracy(said: Sequence[bool], gold: Sequence[bool], among: Iterable[int] | None = None) -> float:
    """The share of ``among`` (default: every item) where ``said`` equals ``gold``; 0 over nothing."""
    items = list(range(len(gold))) if among is None else list(among)
    return sum(said[k] == gold[k] for k in items) / len(items) if items else 0.0


def _recall(said: Sequence[bool], gold: Sequence[bool]) -> float:
    positives = [k for k, g in enumerate(gold) if g]
    return sum(said[k] for k in positives) / len(positives) if positives else 0.0


def fit(data_dir: Path) -> str:
    """Fit the same-content model on the tune half; return the Python lines for reporter.similarity.

    Scikit-learn's LogisticRegression (L2, C=1) over :func:`reporter.similarity.pair_features` of each
    sentence pair, as given (no pipeline). The sentence-level accuracies of the fitted model on both
    halves come back in a comment above the coefficients.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from reporter.similarity import FEATURES, pair_features, prepare

    pairs = list(read_jsonl(data_dir / "pairs.jsonl"))
    features = np.array([pair_features(prepare(p["a"]), prepare(p["b"])) for p in pairs])
    labels = np.array([int(p["label"]) for p in pairs])
    tune = np.arange(len(pairs)) % 2 == 0
    model = LogisticRegression(C=1.0, max_iter=10_000).fit(features[tune], labels[tune])
    predicted = model.predict(features)
    lines = [
        f"# tune-half accuracy {np.mean(predicted[tune] == labels[tune]):.4f}, "
        f"check-half {np.mean(predicted[~tune] == labels[~tune]):.4f} ({len(pairs)} pairs, sentences as given)",
        "COEFFICIENTS = (",
        *(f"    {w:.4f},  # {name}" for w, name in zip(model.coef_[0], FEATURES, strict=True)),
        ")",
        f"INTERCEPT = {model.intercept_[0]:.4f}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.msrp", description=__doc__)
    parser.add_argument(
        "--fit", action="store_true", help="refit the same-content model, print its coefficients"
    )
    parser.add_argument("--limit", type=int, default=None, help="score only the first pairs")
    args = parser.parse_args(argv)
    folder = data_root() / "msrp"
    if not folder.is_dir():
        print(f"MSRP data not found at {folder}; nothing to do")
        return 0
    if args.fit:
        print(fit(folder))
        return 0
    for score in evaluate(folder, args.limit):
        print(f"{score.metric:<40} {score.score:.4f}  n={score.n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
