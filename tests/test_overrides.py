from __future__ import annotations

from pathlib import Path

import pytest

from reporter import overrides
from reporter.errors import ConfigError
from reporter.model import Analysis, Article, Cell, Coverage, Fact, Nearest

TOML = """
[outlets]
"Reuters (web repost)" = "Reuters"

[speakers]
"the governor" = "Vyacheslav Gladkov"

[[omissions]]
group = "Denial: Ukraine"
outlet = "The Guardian"
note = "paragraph 6 says it in other words"

[[figures]]
status = "killed"
count = 2
note = "confirmed"
"""


def _analysis() -> Analysis:
    text = "Ukraine denies involvement. Two people were killed."
    article = Article(id="a", source="a.txt", text=text, outlet="Reuters", story="s", event="s/e1")
    fact = Fact(
        id="f1",
        article="a",
        kind="casualty",
        start=28,
        end=len(text),
        evidence=text[28:],
        extractor="casualties",
        confidence=0.9,
        story="s",
        group="s/e1/g2",
        count=2,
        status="killed",
    )
    nearest = Nearest(article="b", start=0, end=5, text="Kyiv ", similarity=0.4)
    coverage = (
        Coverage(
            "s",
            "s/e1",
            "s/e1/g1",
            "denial",
            "Denial: Ukraine",
            {"Reuters": Cell("included", ("f0",)), "The Guardian": Cell("omitted", nearest=nearest)},
        ),
        Coverage("s", "s/e1", "s/e1/g2", "casualty", "Killed: 2", {"Reuters": Cell("included", ("f1",))}),
    )
    return Analysis(articles=(article,), stories=(), alignments=(), facts=(fact,), coverage=coverage)


@pytest.fixture()
def corrections(tmp_path: Path) -> overrides.Overrides:
    path = tmp_path / overrides.FILENAME
    path.write_text(TOML)
    assert overrides.find(tmp_path) == path
    return overrides.read(path)


def test_outlet_renames_and_speaker_merges(corrections: overrides.Overrides) -> None:
    article = Article(id="x", source="x", text="t", outlet="Reuters (web repost)")
    assert overrides.rename_outlets([article], corrections)[0].outlet == "Reuters"
    quote = Fact(
        id="q",
        article="x",
        kind="quote",
        start=0,
        end=1,
        evidence="t",
        extractor="quotes",
        confidence=1.0,
        speaker="the governor",
    )
    assert overrides.merge_speakers([quote], corrections)[0].speaker == "Vyacheslav Gladkov"


def test_false_omission_and_pinned_figure_are_marked_and_listed(corrections: overrides.Overrides) -> None:
    result = overrides.apply_to_coverage(_analysis(), corrections)
    denial, casualty = result.coverage
    assert denial.cells["The Guardian"].status == "included"
    assert (denial.cells["The Guardian"].note or "").startswith("analyst: not an omission")
    assert "pinned by analyst: 2 killed; confirmed" in casualty.label
    listed = {row["kind"]: row["matched"] for row in result.settings["overrides"]}  # type: ignore[union-attr]
    assert listed == {"outlet": True, "speaker": False, "omission": True, "figure": True}


def test_an_override_that_matches_nothing_is_listed_as_unmatched(tmp_path: Path) -> None:
    path = tmp_path / "o.toml"
    path.write_text('[[omissions]]\ngroup = "No such group"\noutlet = "Nobody"\n')
    result = overrides.apply_to_coverage(_analysis(), overrides.read(path))
    assert result.settings["overrides"] == [
        {"kind": "omission", "what": "No such group / Nobody: ", "matched": False}
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("[outlet]\na = 'b'\n", "unknown section"),
        ("[[omissions]]\ngroup = 'g'\n", "missing 1 required positional argument"),
        ("[[figures]\n", "cannot read overrides"),
    ],
)
def test_bad_overrides_fail_with_a_message(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "o.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        overrides.read(path)
