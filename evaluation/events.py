"""Shared by the event-clustering sets: run the corpus-wide phase and score events with B-cubed.

Also fits the weights of the clustering's same-event model (``reporter.cluster.WEIGHTS``):

    python -m evaluation.events --fit [--half tune|check|all]

prints a ``WEIGHTS`` tuple fitted on ECB+ and GVA development batches (one half each, or both), and the
B-cubed F1 those weights reach on the other half, so a refit can be checked before it is pasted in.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import sys
from collections.abc import Callable, Sequence
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
STEPS_PER_FEATURE = 8


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


def fit_steps(features: Any, labels: Any, weights: Any) -> tuple[dict[str, Any], float]:
    """The step functions and intercept of the same-event model (``reporter.cluster.STEPS``).

    The steps are fitted by weighted logistic loss with a little ridge, each bound to its feature's
    direction (``reporter.cluster.DIRECTIONS``).
    """
    import numpy as np
    from scipy.optimize import minimize

    from reporter import cluster

    missing = np.nanmedian(features, axis=0)
    filled = np.where(np.isnan(features), missing, features)
    # Thresholds at quantiles of the same-event pairs and of the others in turn: pairs of different
    # events outnumber the rest a hundred to one, and would otherwise get every threshold.
    quantiles = np.linspace(0, 1, STEPS_PER_FEATURE + 2)[1:-1]
    same, other = filled[labels], filled[~labels]
    thresholds = [
        np.unique(
            np.round(
                np.concatenate(
                    [np.quantile(same[:, k], quantiles[::2]), np.quantile(other[:, k], quantiles[1::2])]
                ),
                4,
            )
        )
        for k in range(filled.shape[1])
    ]
    design = np.hstack([(filled[:, k : k + 1] > t[None, :]).astype(float) for k, t in enumerate(thresholds)])
    bounds: list[tuple[float | None, float | None]] = []
    for direction, t in zip(cluster.DIRECTIONS, thresholds, strict=True):
        bounds += [{1: (0.0, None), -1: (None, 0.0)}.get(direction, (None, None))] * len(t)
    bounds.append((None, None))  # the intercept
    y, w = labels.astype(float), weights / weights.sum()
    ridge = 1e-3

    def loss(theta: Any) -> tuple[float, Any]:
        z = design @ theta[:-1] + theta[-1]
        p = 1.0 / (1.0 + np.exp(-z))
        value = float(np.sum(w * (np.logaddexp(0.0, z) - y * z)) + ridge * np.sum(theta[:-1] ** 2))
        gradient = np.append(design.T @ (w * (p - y)) + 2 * ridge * theta[:-1], np.sum(w * (p - y)))
        return value, gradient

    start = np.zeros(design.shape[1] + 1)
    theta = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds, options={"maxiter": 5000}).x
    steps, offset = {}, 0
    for name, k, t in zip(cluster.FEATURES, range(len(thresholds)), thresholds, strict=True):
        weights_k = theta[offset : offset + len(t)]
        offset += len(t)
        kept = tuple(
            (round(float(a), 4), round(float(b), 3))
            for a, b in zip(t, weights_k, strict=True)
            if abs(b) >= 5e-4
        )
        steps[name] = (round(float(missing[k]), 4), kept)
    return steps, round(float(theta[-1]), 3)


def fit(half: str) -> int:
    """Fit the same-event model on the chosen half (or all) of the development data and print its
    constants; with one half, also score the other half's large batches with them."""
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
    steps, intercept = fit_steps(np.vstack(rows), np.concatenate(labels), np.concatenate(weights))
    print("STEPS = {")
    for name, value in steps.items():
        print(f"    {name!r}: {value!r},")
    print("}")
    print(f"INTERCEPT = {intercept!r}")
    if half != "all":
        cluster.STEPS, cluster.INTERCEPT = steps, intercept  # score the other half with them
        root = data_root()
        for load, label in ((ecbplus_batch, "ECB+"), (gva_batch, "GVA")):
            articles, gold, halves = load(root / ("ecbplus" if label == "ECB+" else "gva_semeval2018t5"))
            other = [a for a in articles if halves(a.id) != wanted[0]]
            p, r, f = bcubed(predict_events(other), {a.id: gold[a.id] for a in other})
            print(f"# {label} other half: F1 {f:.3f} (P {p:.3f} R {r:.3f})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.events", description=__doc__)
    parser.add_argument("--fit", action="store_true", help="fit the same-event model's weights")
    parser.add_argument("--half", choices=("tune", "check", "all"), default="all")
    args = parser.parse_args(argv)
    if not args.fit:
        parser.print_help()
        return 0
    if not data_root().is_dir():
        print(f"evaluation data not found at {data_root()}; nothing to fit")
        return 0
    return fit(args.half)


if __name__ == "__main__":
    sys.exit(main())
