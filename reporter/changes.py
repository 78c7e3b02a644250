"""What changed since the last brief: the current analysis against a previous report.json.

Pure: the caller reads the previous file. Compares by outlet, because ids of articles and fact groups
may change between runs while outlets, figures and speakers are what an editor tracks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from reporter.model import Analysis, Change


def since(previous: Mapping[str, Any], analysis: Analysis) -> list[Change]:
    """Changes from ``previous`` (a parsed report.json) to ``analysis``, sorted for reading."""
    from reporter.render.json import to_json

    current = to_json(analysis)
    old_outlets, new_outlets = _outlets(previous), _outlets(current)
    changes = [Change("new outlet", o, "first coverage") for o in sorted(new_outlets - old_outlets)]
    changes += [Change("outlet gone", o, "no longer in the story") for o in sorted(old_outlets - new_outlets)]
    changes += _figure_changes(_figures(previous), _figures(current))
    changes += _speaker_changes(_speakers(previous), _speakers(current))
    return changes


def _outlets(report: Mapping[str, Any]) -> set[str]:
    return {a["outlet"] for a in report.get("articles", []) if not a.get("duplicate_of")}


def _outlet_of(report: Mapping[str, Any]) -> dict[str, str]:
    return {a["id"]: a["outlet"] for a in report.get("articles", [])}


def _figures(report: Mapping[str, Any]) -> dict[tuple[str, str], set[int]]:
    """(outlet, status) -> the figures that outlet gives."""
    outlet_of = _outlet_of(report)
    found: dict[tuple[str, str], set[int]] = defaultdict(set)
    for fact in report.get("facts", []):
        if fact.get("kind") == "casualty" and fact.get("count") is not None:
            found[(outlet_of.get(fact["article"], "?"), fact.get("status") or "?")].add(int(fact["count"]))
    return found


def _speakers(report: Mapping[str, Any]) -> dict[str, set[str]]:
    outlet_of = _outlet_of(report)
    found: dict[str, set[str]] = defaultdict(set)
    for fact in report.get("facts", []):
        if fact.get("kind") == "quote" and fact.get("speaker"):
            found[outlet_of.get(fact["article"], "?")].add(fact["speaker"])
    return found


def _figure_changes(
    old: Mapping[tuple[str, str], set[int]], new: Mapping[tuple[str, str], set[int]]
) -> Iterable[Change]:
    for (outlet, status), figures in sorted(new.items()):
        before = old.get((outlet, status), set())
        if not before:
            yield Change("new figure", outlet, f"{_join(figures)} {status}")
        elif figures != before:
            yield Change("changed figure", outlet, f"{status}: {_join(before)} -> {_join(figures)}")


def _speaker_changes(old: Mapping[str, set[str]], new: Mapping[str, set[str]]) -> Iterable[Change]:
    for outlet, speakers in sorted(new.items()):
        for speaker in sorted(speakers - old.get(outlet, set())):
            yield Change("new speaker", outlet, speaker)


def _join(numbers: Iterable[int]) -> str:
    return ", ".join(str(n) for n in sorted(numbers))
