"""Clustering on small hand-made corpora: look-alike events stay apart, one event's reports come
together, given stories are kept, duplicates follow their original, and the cost stays near-linear."""

from __future__ import annotations

import dataclasses
import random
import time

import numpy as np
import pytest

from reporter import cluster as clustering
from reporter.config import ClusterConfig
from reporter.model import Article, Span

CFG = ClusterConfig()


def _article(
    id: str, text: str, title: str, published: str | None, outlet: str = "", cluster: str | None = None
) -> Article:
    """An article whose paragraphs are the text's blank-line separated blocks."""
    spans, start = [], 0
    for block in text.split("\n\n"):
        spans.append(Span(start, start + len(block)))
        start += len(block) + 2
    return Article(
        id=id, source=id, text=text, outlet=outlet or id, title=title, published=published,
        paragraphs=tuple(spans), cluster=cluster,
    )  # fmt: skip


# Two shootings in one town a week apart, three reports each: the same words, other people,
# streets and days.
ELM = [
    _article(
        "elm-1",
        "Two men were wounded in a shooting on Elm Street in Maplewood early Saturday, police said.\n\n"
        "Officers found Darnell Okafor, 24, and Marcus Bellweather, 31, outside a bar near the 400 block "
        "of Elm Street. Both were taken to St. Agnes Hospital.\n\n"
        "Police Chief Ramona Leclerc asked witnesses to come forward.",
        "Two wounded in Elm Street shooting",
        "2021-03-06",
    ),
    _article(
        "elm-2",
        "Maplewood police are searching for a gunman who shot two men outside a bar on Elm Street on "
        "Saturday.\n\nDarnell Okafor and Marcus Bellweather were in stable condition at St. Agnes "
        "Hospital, Chief Ramona Leclerc said.\n\nNo arrests have been made.",
        "Gunman sought after two men shot outside Maplewood bar",
        "2021-03-06",
    ),
    _article(
        "elm-3",
        "A shooting outside an Elm Street bar left two men hurt, Maplewood police said Sunday.\n\n"
        "Darnell Okafor, 24, was shot in the leg and Marcus Bellweather, 31, in the arm in the 400 "
        "block of Elm Street just after 1 a.m. Saturday.\n\nLeclerc said the shooter fled on foot.",
        "Police: two hurt in Saturday shooting on Elm Street",
        "2021-03-07",
    ),
]
RIDGE = [
    _article(
        "ridge-1",
        "A woman was killed in a shooting on Ridge Avenue in Maplewood on Friday night, police said.\n\n"
        "The victim, Lucinda Brathwaite, 45, was found in a parked car in the 1200 block of Ridge "
        "Avenue and died at Northfield Medical Center.\n\nPolice have not named a suspect.",
        "Woman killed in Ridge Avenue shooting",
        "2021-03-13",
    ),
    _article(
        "ridge-2",
        "Maplewood police are investigating the fatal shooting of Lucinda Brathwaite on Ridge Avenue "
        "on Friday.\n\nBrathwaite, 45, was shot several times while sitting in her car, a police "
        "spokesman, Terrence Vukovich, said.\n\nShe was pronounced dead at Northfield Medical Center.",
        "Police investigate fatal Ridge Avenue shooting",
        "2021-03-13",
    ),
    _article(
        "ridge-3",
        "Neighbors on Ridge Avenue said Saturday they heard five shots on Friday night before finding "
        "Lucinda Brathwaite, 45, in her car.\n\nVukovich said detectives were reviewing camera "
        "footage from the 1200 block of Ridge Avenue.\n\nIt was Maplewood's second homicide this year.",
        "Neighbors describe Friday shooting that killed Maplewood woman",
        "2021-03-14",
    ),
]


def _events(articles: list[Article]) -> dict[str, str]:
    found, _stories = clustering.cluster(articles, CFG)
    return {a.id: a.event or "" for a in found}


def _groups(events: dict[str, str]) -> set[frozenset[str]]:
    by_event: dict[str, set[str]] = {}
    for article, event in events.items():
        by_event.setdefault(event, set()).add(article)
    return {frozenset(members) for members in by_event.values()}


def test_two_look_alike_shootings_a_week_apart_are_two_events() -> None:
    groups = _groups(_events(ELM + RIDGE))
    assert groups == {frozenset(a.id for a in ELM), frozenset(a.id for a in RIDGE)}


def test_without_dates_the_people_and_places_still_tell_the_events_apart() -> None:
    undated = [dataclasses.replace(a, published=None) for a in ELM + RIDGE]
    assert _groups(_events(undated)) == {frozenset(a.id for a in ELM), frozenset(a.id for a in RIDGE)}


def test_transliteration_variants_are_one_name() -> None:
    texts = [
        ("Forces entered Graivoron on Monday, governor Vyacheslav Gladkov said.", "Raid on Graivoron"),
        ("Forces entered Grayvoron on Monday, governor Viacheslav Gladkov said.", "Raid on Grayvoron"),
        ("Forces entered Gravoron on Monday, governor Vyacheslav Gladkov said.", "Raid on Gravoron"),
        ("Shelling hit Shebekino on Friday, mayor Vladislav Zhdanovsky said.", "Shelling of Shebekino"),
    ]
    profiles = [
        clustering.profile(_article(str(k), text, title, None)) for k, (text, title) in enumerate(texts)
    ]
    vectors = clustering._vectors(profiles)
    pairs = (np.array([0, 0, 0]), np.array([1, 2, 3]))
    names = clustering._row_dots(vectors["names"], pairs)
    assert names[0] == pytest.approx(1.0) and names[1] == pytest.approx(1.0)
    assert names[2] == pytest.approx(0.0)


def test_a_given_story_keeps_its_id_is_split_into_events_and_never_merged_with_others() -> None:
    given = [dataclasses.replace(a, cluster="maplewood") for a in ELM + RIDGE]
    stranger = dataclasses.replace(ELM[0], id="elm-copy-elsewhere", cluster="elsewhere")
    found, stories = clustering.cluster([*given, stranger], CFG)
    story = {a.id: a.story for a in found}
    assert {story[a.id] for a in given} == {"maplewood"} and story[stranger.id] == "elsewhere"
    events = _groups({a.id: a.event or "" for a in found})
    assert events == {frozenset(a.id for a in ELM), frozenset(a.id for a in RIDGE), frozenset({stranger.id})}
    maplewood = next(s for s in stories if s.id == "maplewood")
    assert [e.date for e in maplewood.events] == ["2021-03-06", "2021-03-12"]  # numbered by date


def test_a_duplicate_joins_its_originals_event_and_story() -> None:
    copy = dataclasses.replace(RIDGE[0], id="ridge-copy", duplicate_of="ridge-1", title="unrelated words")
    found, stories = clustering.cluster([*ELM, *RIDGE, copy], CFG)
    by_id = {a.id: a for a in found}
    assert by_id["ridge-copy"].event == by_id["ridge-1"].event
    assert by_id["ridge-copy"].story == by_id["ridge-1"].story
    story = next(s for s in stories if s.id == by_id["ridge-1"].story)
    assert "ridge-copy" in story.articles
    assert any("ridge-copy" in e.articles for e in story.events)


def test_a_duplicate_of_an_absent_article_is_clustered_as_an_original() -> None:
    orphan = dataclasses.replace(RIDGE[0], duplicate_of="not-in-this-batch")
    found, _stories = clustering.cluster([orphan, *RIDGE[1:]], CFG)
    assert all(a.event is not None for a in found)


def test_the_same_input_in_any_order_gives_the_same_events_and_unique_ids() -> None:
    articles = ELM + RIDGE
    first, stories = clustering.cluster(articles, CFG)
    shuffled = list(articles)
    random.Random(3).shuffle(shuffled)
    second, _ = clustering.cluster(shuffled, CFG)
    assert {a.id: (a.story, a.event) for a in first} == {a.id: (a.story, a.event) for a in second}
    ids = [e.id for s in stories for e in s.events]
    assert len(ids) == len(set(ids))
    assert all(e.id.startswith(f"{s.id}/e") for s in stories for e in s.events)


@pytest.mark.parametrize(
    "articles, stories",
    [
        ([], 0),
        ([ELM[0]], 1),
        ([_article("empty", "", "", None)], 1),  # no words at all: its own story, not a crash
    ],
)
def test_small_and_empty_inputs(articles: list[Article], stories: int) -> None:
    found, story_records = clustering.cluster(articles, CFG)
    assert len(story_records) == stories
    assert all(a.event for a in found)


def test_events_carry_a_date_and_a_label_a_reader_can_use() -> None:
    _found, stories = clustering.cluster(ELM + RIDGE, CFG)
    events = sorted((e for s in stories for e in s.events), key=lambda e: e.date or "")
    assert [e.date for e in events] == ["2021-03-06", "2021-03-12"]  # Saturday; the Friday before the 13th
    assert "Ridge Avenue" in events[1].label or "Lucinda Brathwaite" in events[1].label


def test_the_model_never_counts_evidence_against_its_direction() -> None:
    rng = np.random.default_rng(0)
    base = rng.uniform(0, 1, size=(300, len(clustering.FEATURES)))
    base[:, clustering.FEATURES.index("log_batch")] = rng.uniform(1, 9, size=300)
    before = clustering.same_event_probability(base)
    for column, (name, direction) in enumerate(zip(clustering.FEATURES, clustering.DIRECTIONS, strict=True)):
        if not direction:
            continue
        moved = base.copy()
        moved[:, column] += 0.5
        after = clustering.same_event_probability(moved)
        assert np.all((after - before) * direction >= -1e-12), name


def test_unknown_dates_count_as_typical() -> None:
    rng = np.random.default_rng(1)
    base = rng.uniform(0, 1, size=(200, len(clustering.FEATURES)))
    dates = clustering.FEATURES.index("published_far")
    unknown = base.copy()
    unknown[:, dates] = np.nan
    typical = base.copy()
    typical[:, dates] = clustering.same_event_model().typical[dates]
    assert np.allclose(clustering.same_event_probability(unknown), clustering.same_event_probability(typical))


def test_the_shipped_model_reads_the_features_the_code_computes() -> None:
    model = clustering.same_event_model()
    assert model.features == clustering.FEATURES
    assert len(model.typical) == len(clustering.FEATURES)
    for tree in model.trees:
        itself = np.arange(len(tree.feature))
        inner = tree.left != itself
        assert np.all(tree.feature < len(clustering.FEATURES))
        assert np.all(tree.left[inner] > itself[inner]) and np.all(tree.right[inner] > itself[inner])
        assert np.all(tree.right[~inner] == itself[~inner])


def test_the_vectorised_walk_reaches_the_leaves_a_plain_walk_does() -> None:
    model = clustering.same_event_model()
    rng = np.random.default_rng(2)
    rows = rng.uniform(0, 1, size=(50, len(clustering.FEATURES))) * rng.choice([1, 3, 9], size=(50, 1))
    rows[::7, clustering.FEATURES.index("reported_far")] = np.nan
    for row, probability in zip(rows, clustering.same_event_probability(rows), strict=True):
        values = np.where(np.isnan(row), model.typical, row)
        logit = model.baseline
        for tree in model.trees:
            node = 0
            while tree.left[node] != node:
                node = (
                    tree.left[node]
                    if values[tree.feature[node]] <= tree.threshold[node]
                    else tree.right[node]
                )
            logit += tree.value[node]
        assert probability == pytest.approx(1 / (1 + np.exp(-logit)))


def _generated(n: int, seed: int = 11) -> list[Article]:
    """``n`` short reports of ``n // 3`` made-up incidents in twenty made-up towns."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mer", "vin", "tas", "dor", "pel", "ru", "sen", "qua", "bri", "ton"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(3)).capitalize()

    towns = [word() for _ in range(20)]
    out = []
    for k in range(n):
        incident = k // 3
        local = random.Random(incident)
        town, victim, street = local.choice(towns), f"{word()} {word()}", f"{word()} Street"
        day = 1 + local.randrange(28)
        text = (
            f"A man was shot on {street} in {town} on Friday, police said.\n\n"
            f"The victim, {victim}, {20 + local.randrange(40)}, was taken to hospital.\n\n"
            f"Police in {town} asked for help. Report {rng.randrange(10**6)}."
        )
        out.append(_article(f"g{k}", text, f"Man shot in {town}", f"2020-05-{day:02d}"))
    return out


def test_no_all_pairs_a_large_corpus_is_blocked_and_finishes_fast() -> None:
    articles = _generated(3000)
    profiles = [clustering.profile(a) for a in articles]
    pairs = clustering._candidates(clustering._vectors(profiles), [None] * len(articles))
    assert len(pairs[0]) <= clustering.NEIGHBOURS * len(articles)
    assert len(pairs[0]) < len(articles) * (len(articles) - 1) // 20
    started = time.process_time()
    found, _stories = clustering.cluster(articles, CFG)
    assert time.process_time() - started < 60  # about 6 s of CPU on the 2-core development machine
    assert len({a.event for a in found}) >= 500  # a thousand incidents, not a few big lumps


def test_profiles_made_on_other_workers_give_the_same_clusters() -> None:
    """``cluster`` hands the per-article profiles to a mapper in chunks (an executor's map in a run
    with workers); chunks computed out of order and pickled across processes must change nothing."""
    import pickle

    articles = _generated(2 * clustering.PROFILE_CHUNK + 7)
    calls = []

    def scrambled(function, chunks):  # type: ignore[no-untyped-def]
        chunks = list(chunks)
        calls.append(len(chunks))
        done = {k: function(pickle.loads(pickle.dumps(chunks[k]))) for k in reversed(range(len(chunks)))}
        return [pickle.loads(pickle.dumps(done[k])) for k in range(len(chunks))]

    assert clustering.cluster(articles, CFG, scrambled) == clustering.cluster(articles, CFG)
    assert calls == [3]


@pytest.mark.parametrize(
    "text, kept, left_out",
    [
        # A second raid's report names the first raid's day as background: not its own day.
        ("Fighters crossed the border on Thursday.\n\nUnlike the first incursion on 22 May, they met "
         "resistance.", "2023-06-01", "2023-05-22"),
        ("The attacks follow a major incursion on May 22-23.\n\nShelling went on all day.", "2023-06-02",
         "2023-05-22"),
        # A follow-up names its own event's day without pointing back: kept.
        ("A man was charged on Tuesday in the Feb. 20 shooting of a teenager.", "2017-02-20", None),
    ],
)  # fmt: skip
def test_dates_of_sentences_that_point_back_are_not_mentioned(
    text: str, kept: str, left_out: str | None
) -> None:
    from datetime import date

    profile = clustering.profile(_article("a", text, "", "2023-06-02" if left_out else "2017-04-04"))
    days = {date.fromordinal(d).isoformat() for d in profile.mentioned}
    assert kept in days
    if left_out:
        assert left_out not in days


def test_the_weekday_table_is_the_least_distance_round_the_week() -> None:
    """The table is built with arrays; a plain loop over the masks says what it must hold."""
    table = clustering._weekday_table()
    for a in range(128):
        for b in range(128):
            days_a = [d for d in range(7) if a >> d & 1]
            days_b = [d for d in range(7) if b >> d & 1]
            if not days_a or not days_b:
                assert np.isnan(table[a, b])
            else:
                assert table[a, b] == min(min((x - y) % 7, (y - x) % 7) for x in days_a for y in days_b)
    assert table[0b0000001, 0b1000000] == 1  # Monday and Sunday are a day apart
