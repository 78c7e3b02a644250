"""How alike two passages are in content: shared by ``align`` (paragraphs across outlets) and ``compare``
(the nearest sentence to a fact an outlet seems to omit). A helper, not a stage.

Lexical by design: TF-IDF over stemmed content words, fitted on the passages being compared, so the
words that every passage of a story shares ("Belgorod", "Russia") weigh little and the distinctive ones
("Tavolzhanka", "wounded") weigh much. Sentence-embedding models would be heavier by a gigabyte and,
measured on MSRP, no better at this decision (../shared/research).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reporter.text import fold

if TYPE_CHECKING:
    import numpy as np

_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
# Function words carry no content; numbers stay (a figure is content).
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "said",
        "says",
        "say",
        "told",
        "according",
    ]
)


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
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not left or not right:
        return np.zeros((len(left), len(right)))
    vectorizer = TfidfVectorizer(
        analyzer=content_words, sublinear_tf=True, norm="l2", token_pattern=None, lowercase=False
    )
    try:
        matrix = vectorizer.fit_transform([*left, *right])
    except ValueError:  # no content word anywhere
        return np.zeros((len(left), len(right)))
    scores = (matrix[: len(left)] @ matrix[len(left) :].T).toarray()
    return np.clip(scores, 0.0, 1.0)
