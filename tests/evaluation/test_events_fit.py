"""The same-event model's fitter: the trees it exports are the trees scikit-learn fitted."""

from __future__ import annotations

import json

import numpy as np
import pytest

from evaluation import events
from reporter import cluster

pytest.importorskip("sklearn", reason="scikit-learn (dev extra) fits the model")


def test_exported_trees_predict_what_scikit_learn_predicts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(events, "TREES", 12)
    rng = np.random.default_rng(3)
    features = rng.uniform(size=(2000, len(cluster.FEATURES)))
    features[::5, cluster.FEATURES.index("published_far")] = np.nan  # unknown dates
    labels = features[:, 0] + features[:, 1] * features[:, 5] + rng.normal(scale=0.3, size=2000) > 1.0
    fitted = events.fit_trees(features, labels, np.ones(2000))  # asserts agreement with scikit-learn itself
    assert len(fitted["trees"]) == 12
    with events.model_in_use(json.dumps(fitted)):
        chance = cluster.same_event_probability(features)
    assert cluster.MODEL_FILE.name == "same_event.json", "the shipped model is back in use"
    # The fitted model ranks the pairs it learnt from: same-event pairs score higher on average.
    assert chance[labels].mean() > chance[~labels].mean() + 0.1
