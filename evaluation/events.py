"""Shared by the event-clustering sets: run the corpus-wide phase and score events with B-cubed.

Also fits the clustering's same-event model (``reporter.cluster.same_event_model``):

    python -m evaluation.events --fit [--half tune|check|all] [--write]

fits gradient-boosted trees on ECB+ and GVA development batches (one half, or both); with one half it
prints the B-cubed F1 the model reaches on the other half, so a refit can be judged before ``--write``
saves it as ``reporter/data/same_event.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import hashlib
import json
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from evaluation.bcubed import bcubed
from evaluation.common import Score, data_root, read_jsonl, to_article
from reporter.config import Config
from reporter.model import Article
from reporter.pipeline import group

Gold = dict[str, frozenset[str]]
Half = Callable[[str], int]  # article id -> 0 (tune) or 1 (check)


def score_events(
    name: str,
    articles: Sequence[Article],
    gold: Gold,
    target: float,
    anchor: str,
    half: Half | None = None,
) -> list[Score]:
    """Cluster all ``articles`` in one batch (no ``cluster`` given) and score ``articles[].event``.

    Uses ``reporter.pipeline.group``: clean, dedupe and cluster, the phase that decides events (a
    duplicate carries its original's event). The per-story phase does not change events. With
    ``half``, each half is also clustered as a batch of its own and scored ("tune", "check").
    """
    precision, recall, f1 = bcubed(predict_events(articles), gold)
    n = len(gold)
    scores = [
        Score(f"{name}: B-cubed F1", f1, target, anchor, n),
        Score(f"{name}: B-cubed precision", precision, None, "", n),
        Score(f"{name}: B-cubed recall", recall, None, "", n),
    ]
    for number, label in enumerate(("tune", "check") if half is not None else ()):
        members = [a for a in articles if half(a.id) == number]  # type: ignore[misc]
        part = {a.id: gold[a.id] for a in members if a.id in gold}
        p, r, f = bcubed(predict_events(members), part)
        scores.append(Score(f"{name}: B-cubed F1 ({label} half)", f, None, f"P {p:.3f} R {r:.3f}", len(part)))
    return scores


def predict_events(articles: Sequence[Article]) -> dict[str, str]:
    """Each article's event as the tool finds it in one batch."""
    grouped, _stories = group(list(articles), Config(), lambda _stage: None)
    return {a.id: a.event or a.id for a in grouped}


def salted_half(key: str) -> int:
    """A deterministic half of a key (0 or 1), salted so it is independent of any split by plain hash."""
    return int(hashlib.md5(("half:" + key).encode()).hexdigest(), 16) % 2


def ecbplus_batch(data_dir: Path, limit: int | None = None) -> tuple[list[Article], Gold, Half]:
    """ECB+ articles (gold stripped), gold events, and halves by topic parity (whole topics each)."""
    records = list(read_jsonl(data_dir / "articles.jsonl"))[:limit]
    gold = {str(r["id"]): frozenset({str(r["cluster"])}) for r in records}
    topic = {str(r["id"]): int(str(r["topic"])) if str(r["topic"]).isdigit() else 0 for r in records}
    return [to_article(r) for r in records], gold, lambda article_id: topic[article_id] % 2


def gva_batch(data_dir: Path, limit: int | None = None) -> tuple[list[Article], Gold, Half]:
    """GVA articles (gold stripped), gold incidents (an article may serve several), and halves by
    incident (all articles of an incident in one half)."""
    records = list(read_jsonl(data_dir / "articles.jsonl"))[:limit]
    gold = {str(r["id"]): frozenset(r.get("clusters") or [r["cluster"]]) for r in records}
    incident = {article_id: min(labels) for article_id, labels in gold.items()}
    return [to_article(r) for r in records], gold, lambda article_id: salted_half(incident[article_id])


# --- fitting the same-event model -----------------------------------------------------------------

BIG_BATCH_WEIGHT = 3.0  # the acceptance batches are large: their pairs weigh more in the fit
TREES = 150


def prepare(articles: Sequence[Article]) -> list[Article]:
    """Clean and dedupe, as the corpus-wide phase does before clustering."""
    from reporter import clean, dedupe

    cfg = Config()
    return dedupe.dedupe(clean.clean(list(articles), cfg.clean), cfg.dedupe)


def training_batches(half: int, seed: int = 5) -> list[tuple[str, list[Article], Gold]]:
    """(kind, articles, gold) batches of one half of the development data, large and small.

    Large: all of the half's ECB+ documents, all of its GVA articles. Small, so the model also knows
    stories of a handful of articles: each ECB+ topic (two look-alike events), three random 4-8
    document samples of it, GVA articles in date order by 40, and the articles of one outlet by 10
    (several incidents of one city), once as they are and once with their dates taken away.
    """
    import random

    rng = random.Random(seed)
    root = data_root()
    batches: list[tuple[str, list[Article], Gold]] = []
    ecb, ecb_gold, ecb_half = ecbplus_batch(root / "ecbplus")
    ecb_topics = {str(r["id"]): str(r["topic"]) for r in read_jsonl(root / "ecbplus" / "articles.jsonl")}
    prepared = prepare([a for a in ecb if ecb_half(a.id) == half])
    batches.append(("ecb-big", prepared, ecb_gold))
    for topic in sorted({ecb_topics[a.id] for a in prepared}):
        members = [a for a in prepared if ecb_topics[a.id] == topic]
        batches.append(("ecb-topic", members, ecb_gold))
        for _ in range(3):
            batches.append(("ecb-small", rng.sample(members, min(rng.randint(4, 8), len(members))), ecb_gold))
    gva, gva_gold, gva_half = gva_batch(root / "gva_semeval2018t5")
    prepared = sorted(
        prepare([a for a in gva if gva_half(a.id) == half]), key=lambda a: (a.published or "", a.id)
    )
    batches.append(("gva-big", prepared, gva_gold))
    batches += [("gva-window", prepared[k : k + 40], gva_gold) for k in range(0, len(prepared), 40)]
    outlets: dict[str, list[Article]] = {}
    for article in prepared:
        outlets.setdefault(article.outlet, []).append(article)
    for _outlet, members in sorted(outlets.items()):
        for k in range(0, len(members), 10):
            chunk = members[k : k + 10]
            if len(chunk) >= 3 and len({min(gva_gold[a.id]) for a in chunk}) >= 2:
                batches.append(("gva-outlet", chunk, gva_gold))
                undated = [dataclasses.replace(a, published=None) for a in chunk]
                batches.append(("gva-outlet-undated", undated, gva_gold))
    return batches


def pair_data(articles: Sequence[Article], gold: Gold) -> tuple[Any, Any]:
    """Features and labels (same gold event or not) of the candidate pairs of one prepared batch."""
    import numpy as np

    from reporter import cluster

    ids = {a.id for a in articles}
    originals = [a for a in articles if a.duplicate_of is None or a.duplicate_of not in ids]
    skip = cluster.furniture(originals)
    profiles = [cluster.profile(a, skip) for a in originals]
    vectors = cluster._vectors(profiles)
    pairs = cluster._candidates(vectors, [a.cluster for a in originals])
    mix = cluster._mix(vectors, pairs)
    features = cluster._pair_features(vectors, profiles, pairs, mix, Config().cluster)
    labels = np.array(
        [bool(gold[originals[i].id] & gold[originals[j].id]) for i, j in zip(*pairs, strict=True)], dtype=bool
    )
    return features, labels


def fit_trees(features: Any, labels: Any, weights: Any) -> dict[str, Any]:
    """The same-event model as ``reporter.cluster.same_event_model`` reads it (``MODEL_FILE``).

    Gradient-boosted trees (scikit-learn, a development dependency only: the tool reads the trees
    as data) on weighted logistic loss, each feature monotone in its direction
    (``reporter.cluster.DIRECTIONS``). Unknown values (NaN) are set to the feature's median first,
    as the tool does, so an unknown counts as typical.
    """
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    from reporter import cluster

    typical = np.nanmedian(features, axis=0)
    filled = np.where(np.isnan(features), typical, features)
    model = HistGradientBoostingClassifier(
        max_iter=TREES,
        learning_rate=0.05,
        max_leaf_nodes=8,
        monotonic_cst=list(cluster.DIRECTIONS),
        random_state=0,
    ).fit(filled, labels, sample_weight=weights)
    trees = []
    for (predictor,) in model._predictors:  # one tree per boosting round (binary loss)
        nodes = predictor.nodes
        trees.append(
            {
                "feature": [
                    -1 if leaf else int(f)
                    for leaf, f in zip(nodes["is_leaf"], nodes["feature_idx"], strict=True)
                ],
                "threshold": [float(t) for t in nodes["num_threshold"]],  # exact: values sit on thresholds
                "left": [int(x) for x in nodes["left"]],
                "right": [int(x) for x in nodes["right"]],
                "value": [round(float(v), 6) for v in nodes["value"]],
                "depth": int(nodes["depth"].max()),
            }
        )
    fitted = {
        "features": list(cluster.FEATURES),
        "typical": [float(v) for v in typical],
        "baseline": float(np.ravel(model._baseline_prediction)[0]),
        "trees": trees,
    }
    # The exported trees must say what scikit-learn says.
    cluster.same_event_model.cache_clear()
    with model_in_use(json.dumps(fitted)):
        ours = cluster.same_event_probability(features)
    theirs = model.predict_proba(filled)[:, 1]
    assert np.allclose(ours, theirs, atol=1e-4), float(np.abs(ours - theirs).max())
    return fitted


@contextlib.contextmanager
def model_in_use(text: str) -> Iterator[None]:
    """The tool reads the same-event model ``text`` (JSON) instead of its shipped file, for a while."""
    from reporter import cluster

    saved = cluster.MODEL_FILE
    with tempfile.TemporaryDirectory() as folder:
        cluster.MODEL_FILE = Path(folder) / "model.json"
        cluster.MODEL_FILE.write_text(text, encoding="utf-8")
        cluster.same_event_model.cache_clear()
        try:
            yield
        finally:
            cluster.MODEL_FILE = saved
            cluster.same_event_model.cache_clear()


def fit(half: str, write: bool) -> int:
    """Fit the same-event model on the chosen half (or all) of the development data; with one half,
    score the other half's batches with it (as one batch of its own, and inside the whole set's batch);
    with ``write``, save it where the tool reads it."""
    import numpy as np

    from reporter import cluster

    wanted = {"tune": (0,), "check": (1,), "all": (0, 1)}[half]
    rows, labels, weights = [], [], []
    batches = [batch for number in wanted for batch in training_batches(number)]
    if half == "all":  # the acceptance batches hold all of a set: fit on the full batches too
        root = data_root()
        for load, folder, kind in (
            (ecbplus_batch, "ecbplus", "ecb-big"),
            (gva_batch, "gva_semeval2018t5", "gva-big"),
        ):
            articles, gold, _halves = load(root / folder)
            batches.append((kind, prepare(articles), gold))
    for kind, articles, gold in batches:
        x, y = pair_data(articles, gold)
        rows.append(x)
        labels.append(y)
        weights.append(np.full(len(y), BIG_BATCH_WEIGHT if kind.endswith("-big") else 1.0))
    fitted = fit_trees(np.vstack(rows), np.concatenate(labels), np.concatenate(weights))
    text = json.dumps(fitted, separators=(",", ":"))
    if write:
        cluster.MODEL_FILE.write_text(text + "\n", encoding="utf-8")
        print(f"written: {cluster.MODEL_FILE} ({len(fitted['trees'])} trees)")
    if half != "all":
        with model_in_use(text):
            root = data_root()
            for load, label in ((ecbplus_batch, "ECB+"), (gva_batch, "GVA")):
                articles, gold, halves = load(root / ("ecbplus" if label == "ECB+" else "gva_semeval2018t5"))
                other = [a for a in articles if halves(a.id) != wanted[0]]
                p, r, f = bcubed(predict_events(other), {a.id: gold[a.id] for a in other})
                print(f"# {label} other half as its own batch: F1 {f:.3f} (P {p:.3f} R {r:.3f})")
                inside = predict_events(articles)
                p, r, f = bcubed({a.id: inside[a.id] for a in other}, {a.id: gold[a.id] for a in other})
                print(f"# {label} other half inside the whole set's batch: F1 {f:.3f} (P {p:.3f} R {r:.3f})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.events", description=__doc__)
    parser.add_argument("--fit", action="store_true", help="fit the same-event model's weights")
    parser.add_argument("--half", choices=("tune", "check", "all"), default="all")
    parser.add_argument("--write", action="store_true", help="save the model where the tool reads it")
    args = parser.parse_args(argv)
    if not args.fit:
        parser.print_help()
        return 0
    if not data_root().is_dir():
        print(f"evaluation data not found at {data_root()}; nothing to fit")
        return 0
    return fit(args.half, args.write)


if __name__ == "__main__":
    sys.exit(main())
