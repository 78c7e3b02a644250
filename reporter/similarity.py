"""How alike two passages are in content: shared by ``align`` (paragraphs across outlets) and ``compare``
(the nearest sentence to a fact an outlet seems to omit). A helper, not a stage.

Two measures, both lexical by design (sentence-embedding models would add a gigabyte and, measured on
MSRP, do no better at this decision: ../shared/research):

- :func:`similarity_matrix`: TF-IDF cosine over stemmed content words, fitted on the passages being
  compared, so the words every passage of a story shares ("Belgorod", "Russia") weigh little. A ranking
  measure: "which sentence is nearest", not "do these say the same thing".
- :func:`same_content`: the probability that two sentences carry the same content (a paraphrase, or one
  outlet's rewording of another's statement). A small logistic model over overlap features: word and
  word-pair containment both ways, the longest stretch of one sentence the other lacks (an added clause
  is added content), numbers and names one side has and the other lacks, negation. Its coefficients are
  below, with how they were fitted.
"""

from __future__ import annotations

import functools
import math
import operator
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from reporter.entities import name_key
from reporter.text import fold
from reporter.text import words as split_words

if TYPE_CHECKING:
    import numpy as np

_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
# Function words carry no content; numbers stay (a figure is content). Reporting verbs are here too:
# "said" and "told" say who spoke, not what was said.
STOP_WORDS = frozenset(
    split_words(
        """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves said says say told according"""
    )
) | {"n't"}


@functools.lru_cache(maxsize=65536)  # news repeats its words; stemming each occurrence was a hot spot
def stem(word: str) -> str:
    """A light suffix-stripping stem: "killed", "kills", "killing" -> "kill"; "attacks" -> "attack"."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "es" and not word[: -len(suffix)].endswith(("s", "x", "z", "ch", "sh")):
                continue
            if suffix == "s" and word.endswith("ss"):
                continue
            return word[: -len(suffix)] + keep
    return word


def content_words(text: str) -> list[str]:
    """Stemmed content words of ``text``, in order (accents and case folded)."""
    return [stem(w) for w in _WORD.findall(fold(text)) if w not in STOP_WORDS]


def similarity_matrix(left: Sequence[str], right: Sequence[str]) -> np.ndarray:
    """Cosine similarity in ``[0, 1]`` of every passage of ``left`` with every one of ``right``.

    Shape ``(len(left), len(right))``. Passages with no content words score 0 with everything.
    """
    import numpy as np

    if not left or not right:
        return np.zeros((len(left), len(right)))
    matrix = tfidf_rows([Counter(content_words(text)) for text in (*left, *right)])
    scores: np.ndarray = np.clip((matrix[: len(left)] @ matrix[len(left) :].T).toarray(), 0.0, 1.0)
    return scores


def tfidf_rows(counts: Sequence[Mapping[str, float]]) -> Any:
    """TF-IDF rows of term counts as a ``scipy.sparse`` CSR matrix, each row L2-normalised.

    Sublinear term frequency (``1 + ln tf``) and smoothed inverse document frequency
    (``1 + ln((1 + n) / (1 + df))``), as scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` computes
    them; written out here because importing scikit-learn costs seconds on every run of the tool.
    A row with no terms stays zero.
    """
    import numpy as np
    import scipy.sparse as sp

    vocabulary: dict[str, int] = {}
    lengths: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    for terms in counts:
        kept = [(term, count) for term, count in terms.items() if count > 0]
        lengths.append(len(kept))
        for term, count in kept:
            columns.append(vocabulary.setdefault(term, len(vocabulary)))
            values.append(_sublinear(count))
    rows = np.repeat(np.arange(len(counts), dtype=np.int64), lengths)
    shape = (len(counts), len(vocabulary))
    matrix = sp.csr_matrix((np.array(values), (rows, np.array(columns, dtype=np.int64))), shape=shape)
    document_frequency = np.bincount(matrix.indices, minlength=shape[1])
    idf = 1.0 + np.log((1.0 + shape[0]) / (1.0 + document_frequency))
    matrix = matrix.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.diags(1.0 / norms) @ matrix


@functools.lru_cache(maxsize=1024)  # term counts are small whole numbers, over and over
def _sublinear(count: float) -> float:
    return 1.0 + math.log(count)


# --- same content -------------------------------------------------------------------------------------

# Words outlets use interchangeably when they report one statement. A general newswire lexicon, written by
# hand (not fitted to any evaluation document): each line is one class, matched after stemming.
SYNONYMS = (
    "said say says told tell added add stated state announced announce reported report",
    "rose rise risen gained gain climbed climb jumped jump increased increase advanced advance surged surge",
    "fell fall fallen dropped drop declined decline decreased decrease lost lose slipped slip slid slide tumbled",
    "killed kill died die dead death deaths",
    "wounded wound injured injure hurt",
    "percent pct",
    "company firm",
    "buy bought purchase purchased acquire acquired",
    "sold sell sale",
    "began begin start started",
    "shares share stock stocks",
    "chief head",
    "prize prizes award awards",
    "profit profits earnings income",
    "sales revenue revenues",
    "attack attacked assault raid raided strike",
    "troops soldiers forces servicemen",
    "fighting clashes battle",
    "spokesman spokeswoman spokesperson",
)
_SYNONYM_CLASS = {stem(w): f"~{n}" for n, line in enumerate(SYNONYMS) for w in line.split()}

# Figures written as words ("one" is left out: "no one", "one of them" are seldom figures).
_NUMBER_WORDS = {
    w: str(n)
    for n, w in enumerate(
        split_words(
            """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
            sixteen seventeen eighteen nineteen twenty"""
        )
    )
    if w != "one"
}
# Figures with their "$" and "%"; words with inner hyphens; "didn't" as "did" + "n't"; no possessive "'s".
_TOKEN = re.compile(r"\$?\d+(?:[.,:/]\d+)*%?|[a-z]+(?=n't)|n't|[a-z]+(?:['-][a-z]+)*")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b")
_NAME = re.compile(r"(?<![\w.'’-])[A-Z][\w'’-]*[a-z][\w-]*(?:['’][a-z]+)?")
_NEGATIONS = frozenset(["not", "no", "never", "n't", "nor", "without", "neither", "none", "nobody"])
_LETTER = re.compile(r"[A-Za-z]")


@dataclass(frozen=True, slots=True)
class Passage:
    """One sentence made ready for :func:`same_content` (see :func:`prepare`); build once, compare often.

    The counters are shared, never to be changed.
    """

    words: tuple[str, ...]  # every token, stemmed and synonym-folded, in order
    content: tuple[str, ...]  # the same without function words
    numbers: frozenset[str]  # figures as written without "$", "%" and thousands commas
    names: frozenset[str]  # stems of capitalised words that do not open the sentence
    negated: bool
    bags: tuple[Counter[object], ...] = ()  # words, word pairs, content, content pairs, content prefixes
    joined: str = ""  # the words joined by spaces, for the character measure
    totals: tuple[int, ...] = ()  # each bag's total count (its size when every item is there once)
    keys: tuple[frozenset[object], ...] = ()  # each bag's items: set operations on them are the cheapest
    spellings: frozenset[str] = frozenset()  # name keys of the names and content words


@dataclass(frozen=True, slots=True)
class Reading:
    """A sentence's tokens as :func:`read` finds them, before :func:`passage` counts them. Cheap next to
    counting: ``align`` reads every sentence but counts only those that share words with another
    outlet's, and reads a paragraph by joining its sentences' readings (:func:`joined`)."""

    words: tuple[str, ...]
    content: tuple[str, ...]
    numbers: frozenset[str]
    names: frozenset[str]  # without the one at the opening letter
    opener: str | None  # the name at the opening letter, if one starts there (a name only mid-paragraph)
    negated: bool


def prepare(sentence: str) -> Passage:
    """The tokens :func:`same_content` compares. Accents, case and typographic quotes are folded."""
    return passage(read(sentence))


def read(sentence: str) -> Reading:
    """The stemmed, synonym-folded tokens of ``sentence``, its figures, names and negation."""
    words: list[str] = []
    content: list[str] = []
    numbers: set[str] = set()
    folded = fold(sentence)
    if "'s" in folded:
        folded = _POSSESSIVE.sub("", folded)
    tokens = _TOKEN.findall(folded)
    for token in tokens:
        found, figure = _reading(token)
        if figure is not None:
            numbers.add(figure)
        words += found
        if token not in STOP_WORDS:
            content += found
    opening = _LETTER.search(sentence)
    names: set[str] = set()
    opener = None
    for match in _NAME.finditer(sentence):
        if opening is not None and match.start() == opening.start():  # a capital there says nothing
            opener = _name(match.group())
        else:
            names.add(_name(match.group()))
    return Reading(
        words=tuple(words),
        content=tuple(content),
        numbers=frozenset(numbers),
        names=frozenset(names - STOP_WORDS),
        opener=None if opener in STOP_WORDS else opener,
        negated=not _NEGATIONS.isdisjoint(tokens),
    )


def joined(readings: Sequence[Reading]) -> Reading:
    """The reading of the sentences read, joined by white space (as :func:`read` would read the joined
    text: no token crosses white space, and only the first sentence's opening capital says nothing)."""
    if len(readings) == 1:
        return readings[0]
    names = set().union(*(r.names for r in readings))
    names.update(r.opener for r in readings[1:] if r.opener is not None)
    return Reading(
        words=tuple(w for r in readings for w in r.words),
        content=tuple(w for r in readings for w in r.content),
        numbers=frozenset().union(*(r.numbers for r in readings)),
        names=frozenset(names),
        opener=readings[0].opener if readings else None,
        negated=any(r.negated for r in readings),
    )


def passage(reading: Reading) -> Passage:
    """The :class:`Passage` of a sentence read by :func:`read`: its words counted every way compared."""
    words, content = reading.words, reading.content
    # Word pairs as one string each: a string keeps its hash, a tuple computes it on every lookup.
    bags: tuple[Counter[object], ...] = (
        Counter(words),
        Counter(map(" ".join, pairwise(words))),
        Counter(content),
        Counter(map(" ".join, pairwise(content))),
        Counter(map(_PREFIX, content)),
    )
    return Passage(
        words=words,
        content=content,
        numbers=reading.numbers,
        names=reading.names,
        negated=reading.negated,
        bags=bags,
        joined=" ".join(words),
        # Each bag's total count, from the lengths it was counted from (as Counter.total() gives them).
        totals=(len(words), max(len(words) - 1, 0), len(content), max(len(content) - 1, 0), len(content)),
        keys=tuple(frozenset(bag) for bag in bags),
        spellings=frozenset(map(name_key, reading.names.union(content))),
    )


_PREFIX = operator.itemgetter(slice(0, 5))  # a word's first five letters (C-level, for map)


# Token-level readings are cached: news repeats its words, and every token of every sentence of a story
# passes through here when it is aligned.
@functools.lru_cache(maxsize=65536)
def _reading(token: str) -> tuple[tuple[str, ...], str | None]:
    """A token's compared forms (stemmed, synonym-folded; a percentage is its figure and "percent"),
    and the figure it gives, if any."""
    if token[0].isdigit() or token[0] == "$":
        figure = token.lstrip("$").rstrip("%").replace(",", "")
        return ((figure, _normal("percent")) if token.endswith("%") else (figure,)), figure
    if token in _NUMBER_WORDS:
        return (_NUMBER_WORDS[token],), _NUMBER_WORDS[token]
    return (_normal(token),), None


@functools.lru_cache(maxsize=65536)
def _name(written: str) -> str:
    return _normal(_POSSESSIVE.sub("", fold(written)))


def _normal(token: str) -> str:
    stemmed = stem(token)
    return _SYNONYM_CLASS.get(stemmed, stemmed)


FEATURES = (
    "words: share of the longer found in the other",
    "words: share of the shorter found in the other",
    "word pairs: lower share",
    "word pairs: higher share",
    "content words: lower share",
    "content words: higher share",
    "content word pairs: higher share",
    "content words: same first five letters, higher share",
    "longest run of words the other lacks (tens)",
    "content words one side lacks, the larger side (tens)",
    "numbers one side lacks, share of all numbers",
    "names one side lacks, the larger side",
    "negation on one side only",
    "character similarity (rapidfuzz ratio)",
    "length ratio of the content",
)


def pair_features(a: Passage, b: Passage) -> tuple[float, ...]:
    """The :data:`FEATURES` of a pair, in that order. Symmetric: ``(a, b)`` and ``(b, a)`` agree."""
    low_words, high_words = _containment(a, b, 0)
    low_pairs, high_pairs = _containment(a, b, 1)
    low_content, high_content = _containment(a, b, 2)
    _low, high_content_pairs = _containment(a, b, 3)
    _low, high_prefix = _containment(a, b, 4)
    a_words, b_words, a_content, b_content = _keys(a, 0), _keys(b, 0), _keys(a, 2), _keys(b, 2)
    run = max(_longest_unmatched(a.words, b_words), _longest_unmatched(b.words, a_words))
    unmatched = max(len(a_content - b_content), len(b_content - a_content))
    all_numbers = a.numbers | b.numbers
    number_gap = len(a.numbers ^ b.numbers) / len(all_numbers) if all_numbers else 0.0
    name_gap = max(len(a.names - b_words), len(b.names - a_words))
    lengths = sorted((len(a.content), len(b.content)))
    return (
        low_words,
        high_words,
        low_pairs,
        high_pairs,
        low_content,
        high_content,
        high_content_pairs,
        high_prefix,
        run / 10,
        unmatched / 10,
        number_gap,
        float(name_gap),
        float(a.negated != b.negated),
        fuzz.ratio(a.joined, b.joined) / 100,
        lengths[0] / lengths[1] if lengths[1] else 0.0,
    )


def _containment(left: Passage, right: Passage, bag: int) -> tuple[float, float]:
    """The share of one passage's items in bag number ``bag`` found in the other's, and the other way
    round (with counts), low then high."""
    a, b = left.bags[bag], right.bags[bag]
    if not a or not b:
        return 0.0, 0.0
    a_total = left.totals[bag] if left.totals else a.total()
    b_total = right.totals[bag] if right.totals else b.total()
    common = _keys(left, bag) & _keys(right, bag)
    if len(a) == a_total or len(b) == b_total:  # one side holds each item once: a min() is always 1
        shared = len(common)
    else:
        shared = sum(min(a[item], b[item]) for item in common)
    first, second = shared / a_total, shared / b_total
    return (first, second) if first <= second else (second, first)


def _keys(passage: Passage, bag: int) -> AbstractSet[object]:
    """The items of bag number ``bag`` (stored on passages that :func:`prepare` made)."""
    return passage.keys[bag] if passage.keys else passage.bags[bag].keys()


def _longest_unmatched(words: Sequence[str], other: AbstractSet[object]) -> int:
    """The longest run of consecutive ``words`` not in ``other``: an added clause is added content."""
    best = current = 0
    for word in words:
        if word in other:
            if current > best:
                best = current
            current = 0
        else:
            current += 1
    return current if current > best else best


def conflicts(a: Passage, b: Passage) -> tuple[str, ...]:
    """What two look-alike sentences disagree on, beyond wording; empty when nothing.

    ``"figures"`` when each gives a figure the other lacks, ``"names"`` when each names someone or
    somewhere the other does not (spelling variants folded: "Grayvoron" = "Graivoron"), ``"negation"``
    when one negates and the other does not. :func:`same_content` does not count these against a pair
    (on MSRP, outlets' reports of one event that differ in a figure are mostly judged the same content,
    and ``compare`` shows the differing figure); ``align`` uses them to keep look-alike events apart.
    """
    found = []
    if a.numbers - b.numbers and b.numbers - a.numbers:
        found.append("figures")
    if _unmatched_names(a, b) and _unmatched_names(b, a):
        found.append("names")
    if a.negated != b.negated:
        found.append("negation")
    return tuple(found)


def _unmatched_names(a: Passage, b: Passage) -> set[str]:
    unmatched = a.names - _keys(b, 0)
    if not unmatched:  # the common case, and spelling keys of every word of ``b`` are not cheap
        return set()
    spellings = b.spellings or {name_key(n) for n in b.names} | {name_key(w) for w in b.content}
    return {n for n in unmatched if name_key(n) not in spellings}


# Logistic-model coefficients, one per FEATURE, and the intercept. Fitted by `python -m evaluation.msrp
# --fit` (scikit-learn LogisticRegression, L2, C=1) on the even-numbered pairs of the MSRP development file
# (../shared/eval/msrp), checked on the odd-numbered ones. The overlap features are correlated, so a single
# weight's sign means little; the model is read as a whole.
# tune-half accuracy 0.7704, check-half 0.7767 (4076 pairs, sentences as given)
COEFFICIENTS = (
    3.4857,  # words: share of the longer found in the other
    0.2352,  # words: share of the shorter found in the other
    1.1979,  # word pairs: lower share
    -1.7647,  # word pairs: higher share
    1.3761,  # content words: lower share
    0.7711,  # content words: higher share
    -2.5334,  # content word pairs: higher share
    2.4727,  # content words: same first five letters, higher share
    -1.6004,  # longest run of words the other lacks (tens)
    -0.0701,  # content words one side lacks, the larger side (tens)
    -0.4126,  # numbers one side lacks, share of all numbers
    0.0428,  # names one side lacks, the larger side
    -1.0372,  # negation on one side only
    3.9351,  # character similarity (rapidfuzz ratio)
    0.1051,  # length ratio of the content
)
INTERCEPT = -5.0567


# Below this share of the shorter sentence's distinct content words in common, a pair scores 0 without
# the model. On MSRP no pair the model scores 0.3 or more shares less than 0.3; the gate keeps a story's
# thousands of unrelated sentence pairs cheap.
MIN_SHARED = 0.25


def same_content(a: Passage | str, b: Passage | str) -> float:
    """The probability in ``[0, 1]`` that two sentences carry the same content; symmetric.

    Meant for single sentences: a paragraph is best compared sentence by sentence (see ``align``).
    Pairs sharing under :data:`MIN_SHARED` of the shorter's distinct content words score 0.
    """
    left = prepare(a) if isinstance(a, str) else a
    right = prepare(b) if isinstance(b, str) else b
    left_words, right_words = _keys(left, 2), _keys(right, 2)
    shorter = min(len(left_words), len(right_words))
    if not shorter or len(left_words & right_words) < MIN_SHARED * shorter:
        return 0.0
    return 1.0 / (1.0 + math.exp(-(INTERCEPT + _weighted(pair_features(left, right)))))


def _weighted(features: Sequence[float]) -> float:
    """The features weighted by :data:`COEFFICIENTS` and added up left to right (as ``sum`` adds them on
    Python 3.11, to the last bit), unrolled: a generator over the pairs cost a tenth of aligning a story."""
    w = COEFFICIENTS
    x = features
    return (
        w[0] * x[0]
        + w[1] * x[1]
        + w[2] * x[2]
        + w[3] * x[3]
        + w[4] * x[4]
        + w[5] * x[5]
        + w[6] * x[6]
        + w[7] * x[7]
        + w[8] * x[8]
        + w[9] * x[9]
        + w[10] * x[10]
        + w[11] * x[11]
        + w[12] * x[12]
        + w[13] * x[13]
        + w[14] * x[14]
    )
