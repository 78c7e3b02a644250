"""Clean: body paragraphs as spans, every dropped line kept in ``removed``; nothing rewritten or lost."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reporter.clean import blocks, clean, is_furniture
from reporter.config import CleanConfig, IngestConfig
from reporter.ingest import load
from reporter.model import Article, Span

SEEDS = Path(__file__).parent.parent / "examples" / "belgorod"
LEDE = "The harbour authority in the fictional port of Kestrel Bay said on Monday that two cranes had failed."
MIDDLE = "Engineers were sent from the capital to inspect the machinery, according to a statement."
CLOSE = "The authority expects the port to work at full capacity again by the end of the month."


def _article(text: str, title: str | None = None, outlet: str = "Kestrel Herald", id_: str = "a") -> Article:
    return Article(id=id_, source=f"{id_}.txt", text=text, outlet=outlet, title=title)


def _kept_and_removed(text: str, title: str | None = None) -> tuple[list[str], list[str]]:
    article = clean([_article(text, title)], CleanConfig())[0]
    return [s.of(text) for s in article.paragraphs], [s.of(text) for s in article.removed]


# Lines that are page furniture wherever they stand (written for these tests, not taken from any page).
@pytest.mark.parametrize(
    "line",
    [
        "Skip to content",
        "Skip to main content",
        "Your cart is empty",
        "Menu",
        "Read more",
        "Read more: Storm closes coastal road",
        "Tap for more details.",
        "Leave a Reply",
        "Leave a comment",
        "Your email address will not be published. Required fields are marked *",
        "Sign up for our morning newsletter",
        "Get the best stories delivered to your inbox every day.",
        "Get the featured stories in your email and never miss an update.",
        "Follow us on Facebook",
        "Source link",
        "This article has been updated.",
        "This story was updated at 10:40 with a statement from the council.",
        "PHOTO: Workers on the quay, per @harbourcam",
        "PHOTO CAPTION: Cranes stand idle at the port on Monday",
        "Image caption: The damaged crane",
        "Cranes stand idle at the port of Kestrel Bay, May 3, 2024. Jane Doe/via REUTERS",
        "A view of the quay. REUTERS/John Smith",
        "Article: Cranes fail at Kestrel Bay",
        "May 23, 2023",
        "Tuesday, 23 May 2023 14:05 BST",
        "Updated: 3 hours ago",
        "By Jane Doe and John Smith",
        "(Reporting by Jane Doe; editing by John Smith)",
        "Copyright 2024 Kestrel Herald. All rights reserved.",
        "© Kestrel Herald 2024",
        "Filed under: Ports |",
        "Tags: ports, cranes, weather",
        "Advertisement",
        "Share this article",
        "2 Comments",
        "_______________",
        "Click here for more information.",
        "Subscribe to our newsletter and get weekly updates.",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


# Lines of news text that look a little like furniture and must be kept.
@pytest.mark.parametrize(
    "line",
    [
        "By the time the ferry arrived, the quay was empty.",
        "Related research published last year found the same fault in older cranes.",
        "Copyright law was not at issue in the case, the judge said.",
        "Published reports in 2019 showed that the harbour had lost money for a decade.",
        "Readers of the local paper had warned about the cranes for months.",
        "He told CNN the port would reopen on Friday.",
        "[The cranes] were never built for this weight, he said.",
        "Menus at the harbour cafe were printed in three languages.",
        "Photos of the damaged crane circulated widely on social media on Monday.",
        "Share prices of the port operator fell 4% on Tuesday.",
        "Comments from the mayor were not immediately available.",
        "Source code for the crane controllers was published by the manufacturer.",
    ],
)
def test_news_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


@pytest.mark.parametrize(
    "text, must_keep, must_remove",
    [
        # header: navigation, a repeated headline, a caption, a lone date go; the lede stays
        (
            f"Skip to content\nCranes fail at Kestrel Bay\nCranes fail at Kestrel Bay\n\nMay 3, 2024\n\n"
            f"{LEDE}\n{MIDDLE}\n{CLOSE}\n",
            [LEDE, MIDDLE, CLOSE],
            ["Skip to content", "Cranes fail at Kestrel Bay", "May 3, 2024"],
        ),
        # a wire credit line ends the story: teasers after it go
        (
            f"{LEDE}\n\n{MIDDLE}\n\n{CLOSE}\n\n(Reporting by Jane Doe; editing by John Smith)\n\n"
            "Storm warnings issued along the coast\n\nForecasters expect gales on Friday. Tap for more details.\n\n"
            "Read more\n",
            [LEDE, MIDDLE, CLOSE],
            [
                "(Reporting by Jane Doe; editing by John Smith)",
                "Storm warnings issued along the coast",
                "Read more",
            ],
        ),
        # a comment form ends the story
        (
            f"{LEDE}\n\n{CLOSE}\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *\n",
            [LEDE, CLOSE],
            ["Leave a Reply", "Your email address will not be published. Required fields are marked *"],
        ),
        # a site promo and newsletter prompt, then headline-like teasers
        (
            f"{LEDE}\n\n{CLOSE}\n\nRead more exclusive news from Kestrel Herald.\n\n"
            "Get the featured stories in your email and never miss an update.\n\nCouncil Approves New Budget\n",
            [LEDE, CLOSE],
            ["Read more exclusive news from Kestrel Herald.", "Council Approves New Budget"],
        ),
        # a short closing line with no page prompt before it is the story's own: kept
        (
            f"{LEDE}\n\n{CLOSE}\n\nThe port declined to comment\n",
            [LEDE, CLOSE, "The port declined to comment"],
            [],
        ),
        # a list that ends the article stays
        (
            f"{LEDE}\n\nThe authority listed three causes:\n\n- worn cables\n- old software\n- heavy loads\n",
            [LEDE, "The authority listed three causes:", "- worn cables", "- heavy loads"],
            [],
        ),
        # a hard-wrapped paragraph is one paragraph, not a header of fragments
        (
            "Officials at the port, who spoke on condition of\nanonymity, said the cranes were thirty years old.\n\n"
            f"{CLOSE}\n",
            [
                "Officials at the port, who spoke on condition of\nanonymity, said the cranes were thirty years old."
            ],
            [],
        ),
        # the first line is a real sentence: it is the lede, not a headline
        (f"{LEDE}\n{CLOSE}\n", [LEDE, CLOSE], []),
        # a bare link at the end goes; a subheading in the middle stays
        (
            f"{LEDE}\n\nWhat happens next\n\n{CLOSE}\n\nhttps://example.com/share?id=1\n",
            [LEDE, "What happens next", CLOSE],
            ["https://example.com/share?id=1"],
        ),
        # "This article has been updated." and "Source link" at the end go
        (
            f"{LEDE}\n\n{CLOSE}\n\nThis article has been updated.\n\nSource link\n",
            [LEDE, CLOSE],
            ["Source link"],
        ),
    ],
)
def test_clean_keeps_and_removes(text: str, must_keep: list[str], must_remove: list[str]) -> None:
    kept, removed = _kept_and_removed(text)
    for line in must_keep:
        assert line in kept, f"lost {line!r}; kept {kept}"
    for line in must_remove:
        assert line in removed, f"kept {line!r}; removed {removed}"


def test_title_given_as_metadata_is_removed_from_the_top() -> None:
    title = "Harbour cranes fail after the storm, port authority says."
    kept, removed = _kept_and_removed(f"{title}\n\n{LEDE}\n\n{CLOSE}\n", title=title)
    assert kept == [LEDE, CLOSE]
    assert removed == [title]


def test_an_article_with_no_body_is_kept_whole() -> None:
    text = "Menu\nSearch\n"
    article = clean([_article(text)], CleanConfig())[0]
    assert [s.of(text) for s in article.paragraphs] == ["Menu", "Search"]
    assert article.removed == ()


def test_lines_repeated_across_an_outlets_pages_are_furniture() -> None:
    footer = "Kestrel Herald Live Updates"
    articles = [
        _article(
            f"Story number {i} about the harbour went to press on time, the editor said.\n\n{footer}\n",
            id_=str(i),
        )
        for i in range(5)
    ]
    for article in clean(articles, CleanConfig()):
        assert [s.of(article.text) for s in article.removed] == [footer]


def test_reposts_of_one_text_do_not_make_its_lines_furniture() -> None:
    text = f"{LEDE}\n\nShort line of the story\n\n{CLOSE}\n"
    articles = [_article(text, id_=str(i)) for i in range(5)]
    for article in clean(articles, CleanConfig()):
        assert "Short line of the story" in [s.of(text) for s in article.paragraphs]


def test_patterns_off_keeps_every_line() -> None:
    text = f"Skip to content\n{LEDE}\nRead more\n"
    article = clean([_article(text)], CleanConfig(boilerplate_patterns=False, repeated_lines=False))[0]
    assert len(article.paragraphs) == 3 and article.removed == ()


def test_blocks_join_only_wrapped_lines() -> None:
    text = "A line that wraps\nin the middle.\nA new sentence.\n\nlower case after a blank line.\n"
    assert [s.of(text) for s in blocks(text)] == [
        "A line that wraps\nin the middle.",
        "A new sentence.",
        "lower case after a blank line.",
    ]


# ---- the example story --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    articles, problems = load([SEEDS], IngestConfig())
    assert problems == []
    return {a.id[:3]: a for a in clean(articles, CleanConfig())}


SEED_CASES = [
    ("000", "(Reuters) - A group of pro-Ukrainian forces said on Friday", "Skip to content"),
    ("000", "He said the unit was part of Ukraine's foreign legion", "Your cart is empty"),
    ("000", "Reuters was unable to verify the situation in Belgorod region.", "PHOTO CAPTION:"),
    ("000", "The attacks follow a major incursion", "US seeking explosives in Japan"),
    ("000", "The cross-border raids aim to stretch Russian defences", "Kosovo, Serbia presidents meet"),
    ("000", "We want people to join us", "(Reporting by Tom Balmforth"),
    ("001", "Ukrainian-backed Russian rebel groups", "Leave a Reply"),
    ("001", "The incursions in Belgorod and attacks on Russian supply hubs", "Your email address"),
    ("001", "was a diversionary attack", "Pro-Ukrainian forces ‘still fighting"),
    ("002", "A group of pro-Ukrainian forces said on Friday", "(Reporting by Tom Balmforth"),
    ("003", "KYIV – Two Russian military groups", "This article has been updated."),
    ("003", "later he added to his telegram channel", "Source link"),
    (
        "003",
        "On Tuesday, Gladkov Said The drone was shot down",
        "Pro-Ukraine Russian troops attack border area",
    ),
    ("004", "Russian troops and security forces fought for a second day", "May 23, 2023"),
    ("004", "Peskov said this week’s raid", "Read more exclusive news from Political IQ."),
    ("004", "Gerashchenko provided the video’s subtitles.", "Federal Court Of Appeals"),
    ("004", "Belgorod officials earlier this year", "Get the featured stories in your email"),
    ("004", "It goes on to thank those who support their cause", "PHOTO: Alleged"),
]


@pytest.mark.parametrize("seed, kept, removed", SEED_CASES)
def test_seed_body_and_clutter(seeds: dict[str, Article], seed: str, kept: str, removed: str) -> None:
    article = seeds[seed]
    assert kept in article.body
    assert removed not in article.body
    assert any(removed in s.of(article.text) for s in article.removed)


@pytest.mark.parametrize(
    "seed, paragraphs", [("000", 13), ("001", 18), ("002", 13), ("003", 10), ("004", 12)]
)
def test_seed_paragraph_counts(seeds: dict[str, Article], seed: str, paragraphs: int) -> None:
    assert len(seeds[seed].paragraphs) == paragraphs


def test_the_two_reuters_copies_have_the_same_body_after_the_dateline(seeds: dict[str, Article]) -> None:
    assert seeds["000"].body.removeprefix("(Reuters) - ") == seeds["002"].body


# ---- properties ---------------------------------------------------------------------------------------

_LINES = st.sampled_from(
    ["Skip to content", "Read more", LEDE, MIDDLE, CLOSE, "May 3, 2024", "(Reporting by A; editing by B)",
     "Leave a Reply", "Short Title Line", "- item", "https://example.com", "", " ", "lower case line", "©"]
)  # fmt: skip
_TEXTS = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400),
    st.lists(_LINES, max_size=20).map("\n".join),
    st.lists(st.one_of(_LINES, st.text(max_size=30)), max_size=15).map(lambda xs: "\r\n\n".join(xs)),
)


def _check_spans(article: Article) -> None:
    text = article.text
    spans = sorted(article.paragraphs + article.removed)
    for span in spans:
        assert isinstance(span, Span)
        assert 0 <= span.start < span.end <= len(text)
        assert span.of(text).strip() == span.of(text)  # no surrounding white space
    for first, second in itertools.pairwise(spans):
        assert first.end <= second.start  # paragraphs and removed never overlap
    covered = set()
    for span in spans:
        covered.update(range(span.start, span.end))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)  # nothing silently lost


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_clean_never_crashes_and_spans_index_the_text(text: str) -> None:
    (article,) = clean([_article(text)], CleanConfig())
    _check_spans(article)
    assert list(article.paragraphs) == sorted(article.paragraphs)


@settings(max_examples=50, deadline=None)
@given(st.lists(_TEXTS, min_size=1, max_size=6))
def test_clean_a_batch_of_one_outlet(texts: list[str]) -> None:
    articles = [_article(t, id_=str(i)) for i, t in enumerate(texts)]
    for article in clean(articles, CleanConfig()):
        _check_spans(article)


@pytest.mark.parametrize(
    "line, credit",
    [
        ("Smoke rises over the village of Kozinka on Monday. Legion/via REUTERS", True),
        ("A damaged building in Shebekino. John Smith/Getty Images", True),
        ("Residents gather outside. (AP Photo/Jane Doe)", True),
        ("A credit, AP Photo, then more words.", False),  # no slash after it
        ("Residents gather outside. AP Photo/Jane Doe", True),
        ("Firefighters at work in Belgorod. Photo / AFP", True),
        ("A drone over the border. /EPA-EFE", True),
        ("A crater in the road (Photo: Regional administration)", True),
        ("A crater in the road. (Shutterstock)", True),
        ("Smoke rises over Kozinka on Monday. Légion/via REUTERS", True),  # not ASCII: the pattern decides
        ("The Reuters news agency said the raid lasted two days.", False),
        ("Two people were wounded in Graivoron, the governor said.", False),
        ("Two people were wounded in Graivoron, the governor said – “we are safe”.", False),
    ],
)
def test_photo_credits_ending_a_line(line: str, credit: bool) -> None:
    from reporter.clean import _PHOTO_CREDIT, _photo_credit

    assert _photo_credit(line) is credit
    assert (_PHOTO_CREDIT.search(line) is not None) is credit  # the quick test agrees with the pattern
