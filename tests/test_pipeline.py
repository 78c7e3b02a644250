"""End to end through the library API: the example story as a bare folder, and the evidence invariant."""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from reporter.config import Config
from reporter.ingest import load
from reporter.model import Analysis, Fact, Story
from reporter.pipeline import analyze, group

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "belgorod"
FIXTURES = sorted(p for p in (ROOT / "tests" / "fixtures").glob("*") if p.is_dir())

REUTERS = {"000_7d44ba37255e06b6", "002_2ba93e48c7c2f483"}
GUARDIAN, KYIV, POLITICAL_IQ = "001_2db7d2cf94ef0e2c", "003_3b1f037b0a9e9f83", "004_25a1fa0ffdc9bad2"


@pytest.fixture(scope="module")
def bare_seeds(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    """The seed articles as a bare folder: no manifest, so nothing is given but the texts."""
    folder = tmp_path_factory.mktemp("seeds")
    for path in EXAMPLE.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    articles, problems = load([folder], Config().ingest)
    assert not problems
    return analyze(articles, Config(), problems)


def _by_article(analysis: Analysis, kind: str) -> dict[str, list[Fact]]:
    found: dict[str, list[Fact]] = defaultdict(list)
    for fact in analysis.facts:
        if fact.kind == kind:
            found[fact.article].append(fact)
    return found


def _reuters_original(analysis: Analysis) -> str:
    (original,) = [a.id for a in analysis.articles if a.id in REUTERS and a.duplicate_of is None]
    return original


def test_the_reuters_copy_is_a_duplicate_and_nothing_else_is(bare_seeds: Analysis) -> None:
    duplicates = {a.id: a.duplicate_of for a in bare_seeds.articles if a.duplicate_of}
    assert len(duplicates) == 1
    ((copy, original),) = duplicates.items()
    assert {copy, original} == REUTERS


def test_one_story_two_raids(bare_seeds: Analysis) -> None:
    assert len(bare_seeds.stories) == 1
    event = {a.id: a.event for a in bare_seeds.articles}
    assert event["000_7d44ba37255e06b6"] == event["002_2ba93e48c7c2f483"] == event[GUARDIAN]
    assert event[KYIV] == event[POLITICAL_IQ]
    assert event[GUARDIAN] != event[KYIV]


@pytest.mark.parametrize(
    "article, clutter",
    [
        (
            "000_7d44ba37255e06b6",
            ["Skip to content", "Your cart is empty", "PHOTO CAPTION", "Read more", "Kosovo"],
        ),
        (GUARDIAN, ["Leave a Reply", "Your email address will not be published"]),
        (KYIV, ["Source link", "This article has been updated"]),
        (POLITICAL_IQ, ["Get the featured stories", "Read more exclusive news", "Federal Court Of Appeals"]),
    ],
)
def test_clutter_is_stripped_and_kept_aside(bare_seeds: Analysis, article: str, clutter: list[str]) -> None:
    record = bare_seeds.article(article)
    removed = " ".join(span.of(record.text) for span in record.removed)
    for phrase in clutter:
        assert phrase not in record.body
        assert phrase in removed


@pytest.mark.parametrize(
    "article, speakers",
    [
        ("reuters", ["Freedom of Russia Legion", "Baranovsky"]),
        (GUARDIAN, ["Gladkov", "Ponomarev", "Rogov"]),
        (KYIV, ["Gladkov", "Yusov"]),
        (POLITICAL_IQ, ["Peskov", "Yusov"]),
    ],
)
def test_who_is_quoted(bare_seeds: Analysis, article: str, speakers: list[str]) -> None:
    article = _reuters_original(bare_seeds) if article == "reuters" else article
    named = " | ".join(f.speaker or "" for f in _by_article(bare_seeds, "quote")[article])
    for speaker in speakers:
        assert speaker in named


@pytest.mark.parametrize(
    "article, figures",
    [
        ("reuters", {("killed", 2), ("injured", 2)}),
        (GUARDIAN, {("killed", 50), ("killed", 2), ("injured", 2)}),
        (POLITICAL_IQ, {("killed", 12)}),
    ],
)
def test_casualty_figures(bare_seeds: Analysis, article: str, figures: set[tuple[str, int]]) -> None:
    article = _reuters_original(bare_seeds) if article == "reuters" else article
    found = {(f.status, f.count) for f in _by_article(bare_seeds, "casualty")[article]}
    assert figures <= found


def test_denials_and_caveats(bare_seeds: Analysis) -> None:
    reuters = _reuters_original(bare_seeds)
    denials = set(_by_article(bare_seeds, "denial"))
    caveats = set(_by_article(bare_seeds, "caveat"))
    assert {reuters, POLITICAL_IQ} <= denials and not denials & {GUARDIAN, KYIV}
    assert {reuters, GUARDIAN} <= caveats and not caveats & {KYIV, POLITICAL_IQ}


@pytest.mark.parametrize("folder", [EXAMPLE, *FIXTURES], ids=lambda p: p.name)
def test_every_fact_is_its_evidence(folder: Path) -> None:
    articles, problems = load([folder], Config().ingest)
    analysis = analyze(articles, Config(), problems)
    texts = {a.id: a.text for a in analysis.articles}
    for fact in analysis.facts:
        assert texts[fact.article][fact.start : fact.end] == fact.evidence, fact.id
        if fact.quote_start is not None and fact.quote_end is not None:
            assert texts[fact.article][fact.quote_start : fact.quote_end] == fact.quote, fact.id
        assert 0.0 <= fact.confidence <= 1.0
    for article in analysis.articles:
        for span in (*article.paragraphs, *article.removed):
            assert 0 <= span.start < span.end <= len(article.text)


def test_same_input_same_analysis() -> None:
    articles, _ = load([EXAMPLE], Config().ingest)
    assert analyze(articles) == analyze(articles)


class _RecordingExecutor:
    """Runs ``map`` here, in order, and records the stories handed to it (as an executor would see them)."""

    def __init__(self) -> None:
        self.order: list[str] = []

    def map(self, function, *iterables):  # type: ignore[no-untyped-def]
        for arguments in zip(*iterables, strict=True):
            if isinstance(arguments[0], Story):  # the per-story phase (clustering hands out chunks too)
                self.order.append(arguments[0].id)
            yield function(*arguments)

    def submit(self, function, *arguments):  # type: ignore[no-untyped-def]
        from concurrent.futures import Future

        return Future()  # never started: clustering takes the chunk back and works it itself


def test_an_executor_gets_the_largest_story_first_and_the_result_keeps_story_order(tmp_path: Path) -> None:
    """Stories go to workers biggest first (one big story last would leave the other workers idle);
    the analysis must not depend on that order."""
    import json

    seeds = sorted(EXAMPLE.glob("*.txt"))
    records = [
        {"id": f"small-{n}", "outlet": f"Outlet {n}", "cluster": "a-small", "text": text}
        for n, text in enumerate(
            [
                "A bridge over the river closed on Monday for repairs, the city said.",
                "The city closed the river bridge on Monday; repairs will take a week.",
            ]
        )
    ] + [
        {
            "id": f"seed-{n}",
            "outlet": f"Seed {n}",
            "cluster": "b-seeds",
            "text": p.read_text(encoding="utf-8"),
        }
        for n, p in enumerate(seeds)
    ]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    articles, problems = load([corpus], Config().ingest)
    executor = _RecordingExecutor()
    parallel = analyze(articles, Config(), problems, executor=executor)  # type: ignore[arg-type]
    serial = analyze(articles, Config(), problems)
    assert [s.id for s in serial.stories] == ["a-small", "b-seeds"]
    assert executor.order == ["b-seeds", "a-small"]
    assert parallel == serial


def test_the_example_with_its_manifest_holds_the_two_raids() -> None:
    articles, problems = load([EXAMPLE], Config().ingest)
    assert not problems
    grouped, stories = group(articles, Config(), lambda _stage: None)
    assert len(stories) == 1 and len(stories[0].events) == 2
    event = {a.id: a.event for a in grouped}
    assert event["000_7d44ba37255e06b6"] == event["002_2ba93e48c7c2f483"] == event[GUARDIAN]
    assert event[KYIV] == event[POLITICAL_IQ] != event[GUARDIAN]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_shared_map_gives_map_results_in_order_whoever_computes_them(workers: int) -> None:
    """Clustering's chunks go to the workers and are worked here too: every item once, in order."""
    from concurrent.futures import ThreadPoolExecutor

    from reporter.pipeline import _shared_map

    items = list(range(40))
    with ThreadPoolExecutor(max_workers=workers) as executor:
        assert _shared_map(executor, lambda x: x * x, items) == [x * x for x in items]
        assert _shared_map(executor, str, []) == []
