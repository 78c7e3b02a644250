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
from collections.abc import Collection, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import chain, filterfalse, pairwise
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from reporter.entities import name_key
from reporter.text import fold
from reporter.text import words as split_words

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
    return list(map(stem, filterfalse(STOP_WORDS.__contains__, _WORD.findall(fold(text)))))


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

    # Terms in order of first appearance, as ids; counts through the cached weight. Whole rows are taken
    # at C speed (a loop over every term of a story's sentences was most of the cost).
    kept = [terms if min(terms.values(), default=1) > 0 else _positive(terms) for terms in counts]
    vocabulary = {term: n for n, term in enumerate(dict.fromkeys(chain.from_iterable(kept)))}
    columns = np.fromiter(map(vocabulary.__getitem__, chain.from_iterable(kept)), dtype=np.int64)
    values = np.fromiter(map(_sublinear, chain.from_iterable(t.values() for t in kept)), dtype=float)
    rows = np.repeat(np.arange(len(counts), dtype=np.int64), [len(t) for t in kept])
    shape = (len(counts), len(vocabulary))
    matrix = sp.csr_matrix((values, (rows, columns)), shape=shape)
    document_frequency = np.bincount(matrix.indices, minlength=shape[1])
    idf = 1.0 + np.log((1.0 + shape[0]) / (1.0 + document_frequency))
    matrix = matrix.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.diags(1.0 / norms) @ matrix


def _positive(terms: Mapping[str, float]) -> dict[str, float]:
    return {term: count for term, count in terms.items() if count > 0}


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


def _weighted(features: Sequence[Any]) -> Any:
    """The features weighted by :data:`COEFFICIENTS` and added up left to right (as ``sum`` adds them on
    Python 3.11, to the last bit), unrolled: a generator over the pairs cost a tenth of aligning a story.
    Floats, or arrays of them (:class:`Passages`: the same operations in the same order, element-wise)."""
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


# --- many pairs at once -----------------------------------------------------------------------------


class Passages:
    """Many sentences, read (:func:`read`), made ready to score pairs of them at once.

    :meth:`same_content` and :meth:`conflicting` give, for every pair asked, exactly what
    :func:`same_content` and :func:`conflicts` give the two passages :func:`passage` makes of the
    readings, to the last bit: the same counts, the same divisions, the features weighted in the same
    order, the same ``math.exp``. They count with array arithmetic over every pair together instead
    of set operations pair by pair (most of aligning a large story), and never build the passages.
    Pairs are given as two equal-length integer arrays of indices into the readings.
    """

    def __init__(self, readings: Sequence[Reading]) -> None:
        count = len(readings)
        words = [r.words for r in readings]
        content = [r.content for r in readings]
        names = [r.names for r in readings]
        # One vocabulary for words and names: a name is matched against the other side's words.
        ids = {w: n for n, w in enumerate(dict.fromkeys(chain(chain.from_iterable(words), *names)))}
        width = max(len(ids), 1)
        self._words = _lengths(words, count)
        self._content = _lengths(content, count)
        self._names = _lengths(names, count)
        word_ids, content_ids, name_ids = _ids(words, ids), _ids(content, ids), _ids(names, ids)
        self._word_ids = word_ids
        self._word_starts = _starts(self._words)
        self._word_set = _Rows(word_ids, self._words, width)
        self._content_set = _Rows(content_ids, self._content, width)
        strings = list(ids)
        prefixes: dict[str, int] = {}
        prefix_of = np.array([prefixes.setdefault(s[:5], len(prefixes)) for s in strings] or [0])
        # The five bags of Passage, counted, with their totals (as Passage.totals holds them).
        self._bags = (
            self._word_set,
            _Rows(*_adjacent(word_ids, self._words, width)),
            self._content_set,
            _Rows(*_adjacent(content_ids, self._content, width)),
            _Rows(prefix_of[content_ids], self._content, max(len(prefixes), 1)),
        )
        self._totals = (
            self._words,
            np.maximum(self._words - 1, 0),
            self._content,
            np.maximum(self._content - 1, 0),
            self._content,
        )
        self._name_set = _Rows(name_ids, self._names, width)
        numbers = [r.numbers for r in readings]
        figures = {f: n for n, f in enumerate(dict.fromkeys(chain(*numbers)))}
        self._numbers = _lengths(numbers, count)
        self._number_set = _Rows(_ids(numbers, figures), self._numbers, max(len(figures), 1))
        self._negated = np.fromiter((r.negated for r in readings), dtype=bool, count=count)
        self._joined = [" ".join(w) for w in words]
        self._spelling(strings, name_ids, content_ids)

    def _spelling(self, strings: list[str], name_ids: np.ndarray, content_ids: np.ndarray) -> None:
        """What :func:`conflicts` needs of spellings: each row's spelling keys (of its names and content
        words, as Passage.spellings), its names' keys counted, and its words whose key is among its own."""
        count = len(self._words)
        keys: dict[str, int] = {}
        key_of = np.array([keys.setdefault(name_key(s), len(keys)) for s in strings] or [0])
        key_width = max(len(keys), 1)
        rows = np.concatenate([_row_of(self._names), _row_of(self._content)])
        order = np.argsort(rows, kind="stable")
        items = np.concatenate([key_of[name_ids], key_of[content_ids]])[order]
        self._spellings = _Rows(items, np.bincount(rows, minlength=count), key_width)
        self._name_keys = _Rows(key_of[name_ids], self._names, key_width)
        words = self._word_set
        spelled = _member(words.rows * key_width + key_of[words.items], self._spellings.codes)
        self._spelled_words = _Rows(
            words.items[spelled], np.bincount(words.rows[spelled], minlength=count), words.width
        )

    def same_content(self, left: np.ndarray, right: np.ndarray) -> list[float]:
        """:func:`same_content` of each pair ``(left[k], right[k])``."""
        return [s for start in range(0, len(left), _CHUNK) for s in self._scores(*_chunk(left, right, start))]

    def conflicting(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Whether :func:`conflicts` finds anything between each pair ``(left[k], right[k])``."""
        out = np.zeros(len(left), dtype=bool)
        for start in range(0, len(left), _CHUNK):
            i, j = _chunk(left, right, start)
            shared = _pair_sum(self._number_set, i, self._number_set, j, _HITS)
            figures = (self._numbers[i] > shared) & (self._numbers[j] > shared)
            names = (self._unmatched_names(i, j) > 0) & (self._unmatched_names(j, i) > 0)
            out[start : start + len(i)] = figures | names | (self._negated[i] != self._negated[j])
        return out

    def _unmatched_names(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """How many names of ``i`` are neither words of ``j`` nor spelt like one of its names or content
        words (:func:`_unmatched_names`), counted by inclusion and exclusion."""
        matched = (
            _pair_sum(self._name_set, i, self._word_set, j, _HITS)
            + _pair_sum(self._name_keys, i, self._spellings, j, _LEFT)
            - _pair_sum(self._name_set, i, self._spelled_words, j, _HITS)
        )
        unmatched: np.ndarray = self._names[i] - matched
        return unmatched

    def _scores(self, i: np.ndarray, j: np.ndarray) -> list[float]:
        shares = []
        for bag, total in zip(self._bags, self._totals, strict=True):
            shared = _pair_sum(bag, i, bag, j, _LEAST)
            left_total, right_total = total[i], total[j]
            counted = (left_total > 0) & (right_total > 0)
            first = np.where(counted, shared / np.maximum(left_total, 1), 0.0)
            second = np.where(counted, shared / np.maximum(right_total, 1), 0.0)
            shares.append((np.minimum(first, second), np.maximum(first, second)))
        common = _pair_sum(self._content_set, i, self._content_set, j, _HITS)
        left_distinct, right_distinct = self._content_set.sizes[i], self._content_set.sizes[j]
        shorter = np.minimum(left_distinct, right_distinct)
        passes = (shorter > 0) & (common >= MIN_SHARED * shorter)  # same_content's gate
        numbers = _pair_sum(self._number_set, i, self._number_set, j, _HITS)
        union = self._numbers[i] + self._numbers[j] - numbers
        lengths = np.sort(np.stack([self._content[i], self._content[j]]), axis=0)
        joined = self._joined
        ratios = [fuzz.ratio(joined[a], joined[b]) for a, b in zip(i.tolist(), j.tolist(), strict=True)]
        features = (
            *shares[0],
            *shares[1],
            *shares[2],
            shares[3][1],
            shares[4][1],
            np.maximum(self._run(i, j), self._run(j, i)) / 10,
            np.maximum(left_distinct - common, right_distinct - common) / 10,
            np.where(union > 0, (union - numbers) / np.maximum(union, 1), 0.0),
            np.maximum(
                self._names[i] - _pair_sum(self._name_set, i, self._word_set, j, _HITS),
                self._names[j] - _pair_sum(self._name_set, j, self._word_set, i, _HITS),
            ).astype(float),
            (self._negated[i] != self._negated[j]).astype(float),
            np.array(ratios, dtype=float) / 100,
            np.where(lengths[1] > 0, lengths[0] / np.maximum(lengths[1], 1), 0.0),
        )
        z = (INTERCEPT + _weighted(features)).tolist()
        exp = math.exp
        return [1.0 / (1.0 + exp(-v)) if ok else 0.0 for v, ok in zip(z, passes.tolist(), strict=True)]

    def _run(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """:func:`_longest_unmatched` of ``i``'s words against ``j``'s, per pair: each word is marked
        found or not, and the unfound run ending at a word is its unfound count since the last found
        word (or its sentence's start), from one running count."""
        lengths = self._words[i]
        result = np.zeros(len(i), dtype=np.int64)
        total = int(lengths.sum())
        if not total:
            return result
        pair = np.repeat(np.arange(len(i)), lengths)
        starts = _starts(lengths)
        position = np.arange(total) - starts[pair] + self._word_starts[i][pair]
        words = self._word_set
        found = _member(j[pair] * words.width + self._word_ids[position], words.codes)
        missing = (~found).astype(np.int64)
        unfound = np.cumsum(missing)
        opens = np.zeros(total, dtype=bool)
        nonempty = lengths > 0
        opens[starts[nonempty]] = True
        since = np.where(found, unfound, np.where(opens, unfound - missing, 0))
        runs = unfound - np.maximum.accumulate(since)
        result[nonempty] = np.maximum.reduceat(runs, starts[nonempty])
        return result


_CHUNK = 20_000  # pairs counted together: bounds the arrays of one step (tens of MB on a large story)
_LEAST, _HITS, _LEFT = "least", "hits", "left"


class _Rows:
    """Rows of items with counts, as sorted codes ``row * width + item`` (one per distinct item)."""

    def __init__(self, items: np.ndarray, lengths: np.ndarray, width: int) -> None:
        self.width = width
        self.codes, counts = np.unique(_row_of(lengths) * width + items, return_counts=True)
        self.rows = self.codes // width
        self.items = self.codes - self.rows * width
        self.counts = counts
        self.sizes = np.bincount(self.rows, minlength=len(lengths))  # distinct items a row
        self.starts = _starts(self.sizes)

    def gather(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every item of the rows asked, as (index into ``rows``, item, count)."""
        lengths = self.sizes[rows]
        index = np.repeat(np.arange(len(rows)), lengths)
        at = np.arange(len(index)) - _starts(lengths)[index] + self.starts[rows][index]
        return index, self.items[at], self.counts[at]


def _pair_sum(left: _Rows, i: np.ndarray, right: _Rows, j: np.ndarray, how: str) -> np.ndarray:
    """Per pair ``k``, over the items rows ``left[i[k]]`` and ``right[j[k]]`` share: the sum of the lesser
    count (``_LEAST``), of the left count (``_LEFT``), or how many they share (``_HITS``)."""
    index, items, counts = left.gather(i)
    if not len(index) or not len(right.codes):
        return np.zeros(len(i), dtype=np.int64)
    wanted = j[index] * right.width + items
    found = np.searchsorted(right.codes, wanted)
    found[found == len(right.codes)] = 0
    hit = right.codes[found] == wanted
    if how == _LEAST:
        values = np.minimum(counts[hit], right.counts[found[hit]])
    elif how == _LEFT:
        values = counts[hit]
    else:
        values = np.ones(int(hit.sum()), dtype=np.int64)
    # Whole counts summed as floats: exact (far below 2**53), then back to integers.
    total: np.ndarray = np.bincount(index[hit], weights=values, minlength=len(i)).astype(np.int64)
    return total


def _member(codes: np.ndarray, sorted_codes: np.ndarray) -> np.ndarray:
    """Which ``codes`` are in ``sorted_codes``."""
    if not len(sorted_codes):
        return np.zeros(len(codes), dtype=bool)
    at = np.searchsorted(sorted_codes, codes)
    at[at == len(sorted_codes)] = 0
    found: np.ndarray = sorted_codes[at] == codes
    return found


def _adjacent(ids: np.ndarray, lengths: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray, int]:
    """Each row's pairs of neighbouring items, as new item ids, with the rows' new lengths and width.
    (A pair of words is its two words: Passage joins them with a space, which no word holds.)"""
    last = _starts(lengths)[lengths > 0] + lengths[lengths > 0] - 1
    first = np.ones(len(ids), dtype=bool)
    first[last] = False  # a row's last item starts no pair
    at = np.flatnonzero(first)
    unique, pairs = np.unique(ids[at] * width + ids[at + 1], return_inverse=True)
    return pairs.ravel(), np.maximum(lengths - 1, 0), max(len(unique), 1)


def _lengths(groups: Sequence[Collection[str]], count: int) -> np.ndarray:
    return np.fromiter(map(len, groups), dtype=np.int64, count=count)


def _ids(groups: Iterable[Iterable[str]], ids: Mapping[str, int]) -> np.ndarray:
    return np.fromiter(map(ids.__getitem__, chain.from_iterable(groups)), dtype=np.int64)


def _starts(lengths: np.ndarray) -> np.ndarray:
    starts = np.zeros(len(lengths), dtype=np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])
    return starts


def _row_of(lengths: np.ndarray) -> np.ndarray:
    return np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)


def _chunk(left: np.ndarray, right: np.ndarray, start: int) -> tuple[np.ndarray, np.ndarray]:
    return left[start : start + _CHUNK], right[start : start + _CHUNK]
