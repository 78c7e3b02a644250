"""Outlet inference: only credits that name the publisher count, never a source the story cites."""

from __future__ import annotations

import pytest

from reporter.outlets import dateline_date, from_url, infer


@pytest.mark.parametrize(
    "text, outlet",
    [
        ("LONDON (Reuters) - The harbour reopened on Monday.", "Reuters"),
        ("(Reuters) - The harbour reopened on Monday.", "Reuters"),
        ("WASHINGTON (AP) — Lawmakers met on Tuesday.", "Associated Press"),
        ("PARIS (AFP) – Strikes spread on Friday.", "AFP"),
        ("The harbour reopened.\n\n(Reporting by Jane Doe; editing by John Smith)", "Reuters"),
        ("The harbour reopened.\nReporting by Jane Doe in Kestrel Bay; Writing by John Smith", "Reuters"),
        (
            "Ships left.\n\nAssociated Press writer Jane Doe in Lisbon contributed to this report.",
            "Associated Press",
        ),
        ("Ships left.\n\nRead more exclusive news from Kestrel Herald.", "Kestrel Herald"),
        ("Ships left.\n\nThe post Cranes fail at the port appeared first on Harbour Watch.", "Harbour Watch"),
    ],
)
def test_publisher_credits(text: str, outlet: str) -> None:
    assert infer(text) == outlet


@pytest.mark.parametrize(
    "text",
    [
        "The mayor told CNN that the harbour would reopen.",
        "The minister said in an interview with Reuters that talks went well.",
        "Officials spoke to the AP on condition of anonymity.",
        "KYIV – Two groups said on Monday they had crossed the border.",
        "Reuters was unable to verify the claim.",
        "A spokesperson told CNN (and later the BBC) that no one was hurt.",
        "",
    ],
)
def test_cited_sources_are_not_publishers(text: str) -> None:
    assert infer(text) is None


@pytest.mark.parametrize(
    "url, site",
    [
        ("https://www.kestrelherald.example.com/news/1", "kestrelherald.example.com"),
        ("http://m.harbour.example.org/a?b=c", "harbour.example.org"),
        ("https://news.example.net", "news.example.net"),
        ("not a url", None),
        ("", None),
        (None, None),
        ("http://[::1", None),
    ],
)
def test_site_from_url(url: str | None, site: str | None) -> None:
    assert from_url(url) == site


@pytest.mark.parametrize(
    "text, date",
    [
        ("Cranes fail at Kestrel Bay\n\nMay 23, 2023\n\nThe harbour ...", "2023-05-23"),
        ("Headline\n23 May 2023\nText.", "2023-05-23"),
        ("Headline\n\nThe harbour reopened on May 23 after the storm.", None),
        ("No date here at all.", None),
    ],
)
def test_date_line_near_the_top(text: str, date: str | None) -> None:
    assert dateline_date(text) == date
