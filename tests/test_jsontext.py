"""The fast indented JSON writer must write what json.dumps writes, to the character."""

from __future__ import annotations

import enum
import json
import math
from typing import Any

import pytest

from reporter.jsontext import dumps


class Level(enum.IntEnum):
    LOW = 1


class Label(str):
    pass


CASES: list[Any] = [
    {},
    [],
    (),
    "plain",
    'quotes " and \\ back, tab\t, line\n, nul\x00, “curly”, Graivoron — Грайворон, emoji 🙂',
    0,
    -7,
    10**30,
    0.1,
    -0.0,
    1e100,
    math.nan,
    math.inf,
    -math.inf,
    True,
    False,
    None,
    {"a": {}, "b": [], "c": [[]], "d": [{}], "e": {"f": {"g": []}}},
    {"spans": [[0, 12], [14, 30]], "score": 0.5, "ok": True, "none": None, "name": "x"},
    [1, "two", 3.0, None, False, [4, [5, {"six": 6}]], {"seven": (7, 8)}],
    {"nan": [math.nan, 1.0], "inf": {"x": math.inf}},
    {1: "int key", 2.5: "float key", False: "bool key", None: "none key"},
    {"nested": {3: "int key inside"}},
    {"enum": Level.LOW, "label": Label("a str subclass"), "list": [Level.LOW, Label("b")]},
    {"ordered": __import__("collections").OrderedDict([("z", 1), ("a", [2])])},
    [[[[["deep"]]]]],
]


@pytest.mark.parametrize("value", CASES, ids=range(len(CASES)))
@pytest.mark.parametrize("indent", [1, 2])
def test_the_text_is_json_dumps_text(value: Any, indent: int) -> None:
    assert dumps(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent)


@pytest.mark.parametrize("value", [object(), {"a": [1, {"b": object()}]}, {(1, 2): "tuple key"}])
def test_what_json_refuses_it_refuses(value: Any) -> None:
    with pytest.raises(TypeError):
        json.dumps(value, ensure_ascii=False, indent=1)
    with pytest.raises(TypeError):
        dumps(value)


def test_the_example_report_json_is_json_dumps_text() -> None:
    """report.json of the example story, as render writes it, is the standard library's text."""
    from pathlib import Path

    from reporter.config import Config
    from reporter.ingest import load
    from reporter.pipeline import analyze
    from reporter.render.json import dumps as report_text
    from reporter.render.json import to_json

    example = Path(__file__).resolve().parent.parent / "examples" / "belgorod"
    articles, problems = load([example], Config().ingest)
    analysis = analyze(articles, Config(), problems)
    expected = json.dumps(to_json(analysis), ensure_ascii=False, indent=1) + "\n"
    assert report_text(analysis) == expected


def test_without_the_c_encoder_the_text_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    from reporter import jsontext

    monkeypatch.setattr(json.encoder, "c_make_encoder", None)
    jsontext._encoder.cache_clear()
    try:
        for value in CASES:
            assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=1)
    finally:
        jsontext._encoder.cache_clear()
