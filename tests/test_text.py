from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reporter.model import Span
from reporter.text import fold, sentences, strip_span, words


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He left. She stayed.", ["He left.", "She stayed."]),
        (
            "Gov. John Smith spoke at 3 p.m. Friday. Then he left.",
            ["Gov. John Smith spoke at 3 p.m. Friday.", "Then he left."],
        ),
        ("The U.S. Army said so. Others did not.", ["The U.S. Army said so.", "Others did not."]),
        ("“We fight,” he said. “It is over.”", ["“We fight,” he said.", "“It is over.”"]),
        (
            "A headline without a stop\nThe body starts here.",
            ["A headline without a stop", "The body starts here."],
        ),
        ("J. R. Smith arrived. Nobody else did.", ["J. R. Smith arrived.", "Nobody else did."]),
        ("It was 3.5 km away. Really?", ["It was 3.5 km away.", "Really?"]),
        ("   ", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [s.of(text) for s in sentences(text)] == expected


def test_sentences_inside_a_span_keep_offsets_into_the_whole_text() -> None:
    text = "Skip. One two. Three four."
    found = sentences(text, Span(6, len(text)))
    assert [s.of(text) for s in found] == ["One two.", "Three four."]
    assert found[0].start == 6


@given(st.text())
def test_sentences_always_index_the_text(text: str) -> None:
    previous_end = 0
    for span in sentences(text):
        assert 0 <= span.start < span.end <= len(text)
        assert span.start >= previous_end
        assert not span.of(text)[0].isspace() and not span.of(text)[-1].isspace()
        previous_end = span.end


def test_strip_span_of_blank_is_none() -> None:
    assert strip_span("a   b", Span(1, 4)) is None


def test_words_and_fold() -> None:
    assert words("Gladkov's men—twenty-one of them") == ["gladkov's", "men", "twenty-one", "of", "them"]
    assert fold("Café “Grayvoron”") == 'cafe "grayvoron"'


@pytest.mark.parametrize(
    "text, expected",
    [
        ("plain ascii, Upper Case", "plain ascii, upper case"),
        ("Grayvoron’s “raid” – again — now\u00a0here", 'grayvoron\'s "raid" - again - now here'),
        ("Ünïcödé Žilina Łódź", "unicode zilina łodz"),  # Ł has no decomposition: it stays
        ("e\u0301 and a\u0308", "e and a"),  # combining marks written apart go too
        ("ﬁnal ½", "final 1⁄2"),  # compatibility forms are decomposed
        ("", ""),
    ],
)
def test_fold_removes_accents_and_typography_and_nothing_else(text: str, expected: str) -> None:
    assert fold(text) == expected
    assert fold(text) == fold(text)  # the translation table fills as it goes: a second call agrees


@given(st.text())
def test_fold_is_nfkd_without_combining_marks_then_plain_typography_lower_cased(text: str) -> None:
    import unicodedata

    plain = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
    decomposed = unicodedata.normalize("NFKD", text)
    expected = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(plain).lower()
    assert fold(text) == expected


@given(st.text(alphabet="ab É1_.!?…\"'”’»)]\n", max_size=40), st.integers(0, 40))
def test_the_word_before_a_stop_is_found_as_a_search_from_the_sentence_start_finds_it(
    text: str, start: int
) -> None:
    """The look-back from a stop starts at the run of word and closing characters before it (a search
    from the sentence start was slow on long sentences); it must find the very same word."""
    from reporter.text import _PREV_WORD, _previous_word

    for stop, char in enumerate(text):
        if char != "." or start > stop:  # a stop before the sentence start is not asked about
            continue
        fast, full = _previous_word(text, start, stop), _PREV_WORD.search(text, start, stop + 1)
        assert (fast and (fast.span(), fast.group(1))) == (full and (full.span(), full.group(1)))


@pytest.mark.parametrize(
    "text",
    [
        "The Governor SAID so.",
        "İstanbul’s mayor; the ıslanders; the ſhip; 300 K; Müller; ÉTÉ",
        "plain ascii text",
        "",
    ],
)
def test_ascii_lower_lets_a_lower_case_pattern_find_what_a_case_blind_one_finds(text: str) -> None:
    import re

    from reporter.text import ascii_lower

    folded = ascii_lower(text)
    assert len(folded) == len(text)
    for word in ("said", "istanbul", "islanders", "ship", "k", "mayor", "governor", "ete"):
        blind = [m.span() for m in re.finditer(word, text, re.IGNORECASE)]
        assert [m.span() for m in re.finditer(word, folded)] == blind


@pytest.mark.parametrize(
    "text", ["The GOVERNOR's office", "İstanbul ŞEHİR", "Straße ΣΟΦΙΑ ĲSSEL ǅungla", "e-mail, U.S. co-op", ""]
)
def test_words_are_the_lower_cased_tokens(text: str) -> None:
    """words() lower-cases the text before splitting it (faster); it must give each token lower-cased."""
    from reporter.text import _WORD

    assert words(text) == [w.lower() for w in _WORD.findall(text)]
