"""B-cubed precision, recall and F1 of a clustering against gold classes (Bagga & Baldwin 1998).

For every item: precision is the share of its predicted cluster that shares its gold class, recall the
share of its gold class inside its predicted cluster; both are averaged over items. An item may have
several gold classes (GVA articles about several incidents): it then counts as correct with any item
sharing one of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, frozenset[str]]) -> tuple[float, float, float]:
    """(precision, recall, F1) over the items present in both mappings."""
    items = sorted(set(predicted) & set(gold))
    if not items:
        return 0.0, 0.0, 0.0
    clusters: dict[str, list[str]] = defaultdict(list)
    classes: dict[str, set[str]] = defaultdict(set)
    for item in items:
        clusters[predicted[item]].append(item)
        for label in gold[item]:
            classes[label].add(item)
    precision = recall = 0.0
    for item in items:
        cluster = clusters[predicted[item]]
        same_class = {other for label in gold[item] for other in classes[label]}
        precision += sum(1 for other in cluster if other in same_class) / len(cluster)
        recall += sum(1 for other in same_class if predicted[other] == predicted[item]) / len(same_class)
    precision /= len(items)
    recall /= len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
