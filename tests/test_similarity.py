"""The same-content scorer and its features on hand-made sentences (none taken from evaluation data)."""

from __future__ import annotations

import dataclasses
import math
from collections import Counter

import numpy as np
import pytest

from reporter.similarity import (
    COEFFICIENTS,
    FEATURES,
    INTERCEPT,
    conflicts,
    content_words,
    joined,
    pair_features,
    passage,
    prepare,
    read,
    same_content,
    similarity_matrix,
)
from reporter.similarity import _containment as _containment

# One statement told twice: reordered, reworded with synonyms, figures written differently.
PARAPHRASES = [
    (
        "Two civilians were killed when shells hit the village of Kozinka on Friday, the regional governor said.",
        "The regional governor said two civilians died on Friday when shells struck the village of Kozinka.",
    ),
    (
        "The volunteer group said its fighters had entered the town of Grayvoron overnight.",
        "Its fighters entered the town of Grayvoron overnight, the volunteer group said.",
    ),
    (
        "Shares of the carmaker rose 4 percent to $31.20 in early trading.",
        "The carmaker's shares climbed 4% to $31.20 in early trading.",
    ),
    (
        "Police arrested three men after the shooting at the petrol station on Main Street.",
        "Three men were arrested by police after the shooting at the Main Street petrol station.",
    ),
    (
        "The mayor told reporters that the bridge would reopen next month after repairs.",
        "The bridge will reopen next month once repairs are finished, the mayor told reporters.",
    ),
]

# Not the same content: one adds a long clause of its own, or they share a frame and little else.
DIFFERENT = [
    (
        "The mayor said the bridge would reopen next month.",
        "The mayor said the bridge would reopen next month, but warned that tolls would double and that "
        "two lanes would stay closed until the end of the year because of the damaged supports.",
    ),
    (
        "Police arrested three men after the shooting at the petrol station on Main Street.",
        "Police questioned a woman after a robbery at the bank on Elm Street.",
    ),
    (
        "The governor said the situation in the region remained tense.",
        "Firefighters put out a blaze at a warehouse near the railway station.",
    ),
    ("Kozinka", "The mayor of a town far from Kozinka opened a new school and a library on Tuesday."),
]

# Look-alikes: the same frame, a different figure, place or polarity.
LOOK_ALIKES = [
    (
        "Two civilians were killed in Kozinka on Friday, the governor said.",
        "Five civilians were killed in Kozinka on Friday, the governor said.",
        ("figures",),
    ),
    (
        "Two civilians were killed in Kozinka on Friday, the governor said.",
        "Two civilians were killed in Shebekino on Friday, the governor said.",
        ("names",),
    ),
    (
        "The ministry said its troops had crossed the border.",
        "The ministry said its troops had not crossed the border.",
        ("negation",),
    ),
    (
        "The ministry said 20 of its troops didn't cross the border near Kozinka.",
        "The ministry said 30 troops crossed the border near Shebekino.",
        ("figures", "names", "negation"),
    ),
]

# Agreeing sentences: wording differs, but no figure, name or polarity disagrees.
AGREEING = [
    ("Fighters entered Grayvoron, Ivanov said.", "Fighters entered Graivoron, Ivanov said."),  # spelling
    ("Two people died in Kozinka.", "Two people died in Kozinka on Friday, Gladkov said."),  # one adds
    ("Shares rose 4%.", "Shares rose four percent."),  # written two ways
    ("The raid was repelled.", "The raid, officials said, was repelled."),
]


@pytest.mark.parametrize("first, second", PARAPHRASES)
def test_paraphrases_score_as_the_same_content(first: str, second: str) -> None:
    assert same_content(first, second) >= 0.5


@pytest.mark.parametrize("first, second", DIFFERENT)
def test_different_content_scores_low(first: str, second: str) -> None:
    assert same_content(first, second) < 0.5


@pytest.mark.parametrize("first, second, found", LOOK_ALIKES)
def test_look_alikes_conflict_on_what_differs(first: str, second: str, found: tuple[str, ...]) -> None:
    assert conflicts(prepare(first), prepare(second)) == found
    assert conflicts(prepare(second), prepare(first)) == found


@pytest.mark.parametrize("first, second", AGREEING + PARAPHRASES)
def test_agreeing_sentences_have_no_conflict(first: str, second: str) -> None:
    assert conflicts(prepare(first), prepare(second)) == ()


@pytest.mark.parametrize("first, second", PARAPHRASES + DIFFERENT + [(a, b) for a, b, _ in LOOK_ALIKES])
def test_the_score_is_a_symmetric_probability(first: str, second: str) -> None:
    forward, backward = same_content(first, second), same_content(second, first)
    assert 0.0 <= forward <= 1.0
    assert math.isclose(forward, backward)
    assert pair_features(prepare(first), prepare(second)) == pair_features(prepare(second), prepare(first))


@pytest.mark.parametrize(
    "first, second",
    [
        ("Shelling hit the village.", "The council approved the budget."),  # nothing shared
        ("", "The council approved the budget."),  # nothing at all
        ("The, of, and.", "It was what it was."),  # function words only
        (
            "Kozinka residents rebuilt the old school library.",
            "A town far from Kozinka opened a pool on Tuesday.",
        ),
    ],
)
def test_pairs_sharing_too_little_score_zero(first: str, second: str) -> None:
    assert same_content(first, second) == 0.0


@pytest.mark.parametrize(
    "sentence, numbers, names, negated",
    [
        ("Shares rose 4% to $1,250.50, Smith's firm said.", {"4", "1250.50"}, {"smith"}, False),
        ("Officials didn't confirm that three people died in Kozinka.", {"3"}, {"kozinka"}, True),
        ("Kozinka was shelled; no one was hurt.", set(), set(), True),  # the opening capital is no name
        ("“Gladkov said nothing,” the agency reported.", set(), set(), False),
    ],
)
def test_prepare_reads_figures_names_and_negation(
    sentence: str, numbers: set[str], names: set[str], negated: bool
) -> None:
    passage = prepare(sentence)
    assert passage.numbers == numbers
    assert passage.names == names
    assert passage.negated is negated


def test_synonyms_and_stems_fold_together() -> None:
    assert prepare("Troops were killed").content == prepare("soldiers died").content
    assert prepare("The company's profits").content == prepare("the firm earnings").content


def test_the_model_has_one_coefficient_per_feature() -> None:
    assert len(COEFFICIENTS) == len(FEATURES) == len(pair_features(prepare("a b"), prepare("a c")))


def test_similarity_matrix_shape_range_and_empty_inputs() -> None:
    left = ["Two civilians were killed in Kozinka.", "The council approved the budget."]
    right = ["Civilians killed in Kozinka", "Budget approved", "Weather was fine"]
    scores = similarity_matrix(left, right)
    assert scores.shape == (2, 3)
    assert np.all((scores >= 0) & (scores <= 1))
    assert scores[0].argmax() == 0 and scores[1].argmax() == 1
    assert similarity_matrix([], right).shape == (0, 3)
    assert not similarity_matrix(["the and of"], ["it was"]).any()


def test_tfidf_rows_match_scikit_learn() -> None:
    """The hand-written TF-IDF (kept to spare the tool scikit-learn's import) computes what
    scikit-learn's sublinear, smoothed, L2-normalised vectoriser does."""
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    import random

    rng = random.Random(1)
    vocabulary = [
        "killed",
        "two",
        "people",
        "raid",
        "border",
        "village",
        "governor",
        "said",
        "troops",
        "denied",
        "wounded",
        "the",
        "a",
        "of",
    ]
    texts = [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 15))) for _ in range(40)]
    vectorizer = sklearn_text.TfidfVectorizer(
        analyzer=content_words, sublinear_tf=True, norm="l2", token_pattern=None, lowercase=False
    )
    reference = vectorizer.fit_transform(texts)
    expected = np.clip((reference[:15] @ reference[15:].T).toarray(), 0, 1)
    assert np.allclose(similarity_matrix(texts[:15], texts[15:]), expected)


# Sentences with repeated words and names, so the counted (not only the distinct) overlaps matter.
REPEATS = [
    "The the police said police officers and police dogs searched the house of the Smith family.",
    "Police dogs searched the Smith house, police said, and the officers left.",
    "Smith and Smyth said nothing; Grayvoron residents said the shelling went on and on.",
    "Residents of Graivoron said shelling went on all night, Smith said.",
    "",
]


def _reference_containment(a: Counter[object], b: Counter[object]) -> tuple[float, float]:
    """Containment as first written, with counts from the bags themselves (no precomputed totals)."""
    if not a or not b:
        return 0.0, 0.0
    shared = sum(min(count, b[item]) for item, count in a.items() if item in b)
    low, high = sorted((shared / a.total(), shared / b.total()))
    return low, high


@pytest.mark.parametrize("first", REPEATS)
@pytest.mark.parametrize("second", REPEATS)
def test_precomputed_counts_give_the_features_the_bags_give(first: str, second: str) -> None:
    """Totals, item sets and name keys stored on a passage are shortcuts: passages without them (as built by
    hand) must give the same features and conflicts, and the counted overlaps must be exact."""
    a, b = prepare(first), prepare(second)
    bare_a = dataclasses.replace(a, totals=(), keys=(), spellings=frozenset())
    bare_b = dataclasses.replace(b, totals=(), keys=(), spellings=frozenset())
    assert pair_features(a, b) == pair_features(bare_a, bare_b)
    assert conflicts(a, b) == conflicts(bare_a, bare_b)
    for bag in range(len(a.bags)):
        assert _containment(a, b, bag) == _reference_containment(a.bags[bag], b.bags[bag])


# Sentences whose joins test what a paragraph's reading must keep: a name opening a later sentence (a name
# there, mid-paragraph), possessives at the ends, figures, negation, accents and curly quotes.
JOINS = [
    [
        "Smith's firm said nothing.",
        "Kozinka was shelled on Friday.",
        "Nobody was hurt, Petrenko's office said.",
    ],
    ["“Shares rose 4% to $1,250.50,” Müller said.", "The board didn’t comment."],
    ["The governor spoke.", "The talks went on; Gladkov left."],
    ["Two died.", "Three were hurt in Grayvoron's centre.", "Police said 12 were arrested."],
    ["it rained.", "", "Said nothing."],
]


@pytest.mark.parametrize("parts", JOINS)
@pytest.mark.parametrize("gap", [" ", "  \n "])
def test_a_joined_reading_is_the_reading_of_the_joined_text(parts: list[str], gap: str) -> None:
    """align reads a paragraph by joining its sentences' readings: it must be what reading the paragraph
    itself gives, down to the passage counted from it."""
    sentences = [part for part in parts if part]
    whole = gap.join(sentences)
    reading = joined([read(sentence) for sentence in sentences])
    assert reading == read(whole)
    assert passage(reading) == prepare(whole)


@pytest.mark.parametrize("sentence", REPEATS + [s for pair in PARAPHRASES for s in pair])
def test_bag_totals_are_the_counted_totals(sentence: str) -> None:
    built = prepare(sentence)
    assert built.totals == tuple(bag.total() for bag in built.bags)
    assert built.keys == tuple(frozenset(bag) for bag in built.bags)


@pytest.mark.parametrize("first, second", PARAPHRASES + [(a, b) for a in REPEATS for b in REPEATS])
def test_the_score_is_the_logistic_of_the_weighted_features(first: str, second: str) -> None:
    """same_content adds the weighted features unrolled; it must be the model's plain sum, to the bit."""
    a, b = prepare(first), prepare(second)
    score = same_content(a, b)
    if score:
        z = INTERCEPT + sum(w * x for w, x in zip(COEFFICIENTS, pair_features(a, b), strict=True))
        assert score == 1.0 / (1.0 + math.exp(-z))


# Sentences for the all-pairs check: every list above, and cases that stress what is counted at once
# (two spellings of one name in one sentence, names that are also the other's words, empty sentences).
BATCH = sorted(
    {
        s
        for group in (PARAPHRASES, DIFFERENT, LOOK_ALIKES, AGREEING)
        for pair in group
        for s in pair[:2]
        if isinstance(s, str)
    }
    | set(REPEATS)
    | {s for parts in JOINS for s in parts}
    | {
        "Grayvoron and Graivoron were shelled, Gladkov said; Gladkov's office said 2 died.",
        "Officials in Graivoron said two died and 2 were hurt in Grayvoron.",
        "The Carson campaign said Carsonian policies would not win, Carson said.",
        "Carson beat Clinton by one point, not by 3.",
        "Somalia said Somali pirates were not caught.",
        "Said Ahmed said nothing.",
        "5% of 10,000 people said $1,250.50 was 5 percent.",
        "",
        "the the the the",
    }
)


def test_many_pairs_at_once_score_what_each_pair_scores() -> None:
    """align scores a story's sentence pairs all at once: every pair of these sentences must get the
    very score, and the very conflict verdict, that the pair-by-pair functions give."""
    import numpy as np

    from reporter.similarity import Passages

    readings = [read(sentence) for sentence in BATCH]
    pairs = [(i, j) for i in range(len(BATCH)) for j in range(len(BATCH))]
    left = np.array([i for i, _ in pairs], dtype=np.int64)
    right = np.array([j for _, j in pairs], dtype=np.int64)
    together = Passages(readings)
    scores = together.same_content(left, right)
    conflicting = together.conflicting(left, right).tolist()
    prepared = [prepare(sentence) for sentence in BATCH]
    for (i, j), score, conflict in zip(pairs, scores, conflicting, strict=True):
        assert score == same_content(prepared[i], prepared[j]), (BATCH[i], BATCH[j])
        assert conflict == bool(conflicts(prepared[i], prepared[j])), (BATCH[i], BATCH[j])
    assert any(conflicting) and not all(conflicting)
    assert any(s > 0.5 for s in scores) and 0.0 in scores
