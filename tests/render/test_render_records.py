"""The view records the PDF brief relies on: marked runs of a paragraph, and links retargeted to
the anchors the brief prints."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from reporter.render.records import (
    Column,
    Copy,
    Elided,
    EventView,
    Evidence,
    Link,
    Paragraph,
    Segment,
    SideBySide,
    SideRow,
    linked_anchors,
    retarget,
)


def paragraph(*segments: tuple[str, str | None], anchor: str = "p-1") -> Paragraph:
    return Paragraph(
        anchor,
        1,
        tuple(Segment(text, kind, (f"fact-{i}",) if kind else ()) for i, (text, kind) in enumerate(segments)),
    )


@pytest.mark.parametrize(
    ("segments", "expected"),
    [
        # nothing marked: one plain run
        ([("The river rose.", None)], [("The river rose.", None)]),
        # a label alone is plain text in the brief
        ([("The looters", "label"), (" fled.", None)], [("The looters fled.", None)]),
        # two facts of one kind side by side: one run (a wholly marked paragraph)
        ([("Seven died. ", "casualty"), ("Nine were hurt.", "casualty")], [("Seven died. Nine were hurt.", "casualty")]),
        # blank text between two runs of one kind joins them
        ([("Seven died.", "quote"), (" ", None), ("Nine were hurt.", "quote")], [("Seven died. Nine were hurt.", "quote")]),
        # words between two runs of one kind keep them apart
        (
            [("Seven died.", "quote"), (" Then ", None), ("nine.", "quote")],
            [("Seven died.", "quote"), (" Then ", None), ("nine.", "quote")],
        ),
        # two kinds: two runs
        ([("Seven died.", "casualty"), (" It denied it.", "denial")], [("Seven died.", "casualty"), (" It denied it.", "denial")]),
        # a label inside a quote splits nothing visible: quote, plain, quote stay three runs
        (
            [("He said ", "quote"), ("looters", "label"), (" came.", "quote")],
            [("He said ", "quote"), ("looters", None), (" came.", "quote")],
        ),
    ],
)  # fmt: skip
def test_paragraph_runs(
    segments: list[tuple[str, str | None]], expected: list[tuple[str, str | None]]
) -> None:
    runs = paragraph(*segments).runs()
    assert [(run.text, run.kind) for run in runs] == expected
    assert all(run.anchors == () for run in runs)
    assert "".join(run.text for run in runs) == "".join(text for text, _kind in segments)


EVENT = EventView("e1", "event-e1", "e1", "flood", None, ("A", "B"), 2)


def test_side_by_side_landings() -> None:
    kept = paragraph(("Seven died.", "casualty"), ("", "quote"), anchor="p-a-0")
    column = Column(
        "article-a",
        "A",
        "a",
        None,
        None,
        (Copy("copy-c", "C", None, None, 0.9, (), ("fact-c",)),),
        ("fact-head",),
    )
    rows = (
        SideRow(
            ((kept,), ()),
            shared=False,
            own=True,
            elided=(Elided(2, ("p-a-1", "fact-x", "p-a-2")), Elided(0, ())),
        ),
    )
    landing = SideBySide(EVENT, (column, column), rows).landings()
    assert landing == {
        "fact-head": "article-a",
        "fact-c": "copy-c",
        "fact-0": "p-a-0",
        "fact-1": "p-a-0",
        "fact-x": "p-a-1",
        "p-a-2": "p-a-1",
    }  # fmt: skip


@dataclass(frozen=True, slots=True)
class Holder:
    name: str
    links: tuple[Link, ...]
    evidence: Evidence | None
    href: str = "#top"


def test_retarget_points_links_at_their_landing_and_shares_the_rest() -> None:
    untouched = Evidence("elsewhere", "#p-9")
    value = Holder("x", (Link("A", "#fact-1"), Link("B", "https://example.org/#fact-1")), untouched)
    moved = retarget(value, {"fact-1": "p-1", "top": "main"})
    assert moved.links[0].href == "#p-1"
    assert moved.links[1].href == "https://example.org/#fact-1"  # not an anchor of this page
    assert moved.href == "#main"
    assert moved.evidence is untouched and moved.links[1] is value.links[1]
    assert retarget(value, {}) is value  # nothing to land: the very same object


def test_linked_anchors_are_the_pages_own_targets() -> None:
    value = Holder("x", (Link("A", "#fact-1"), Link("B", "https://example.org/#x")), Evidence("s", "#p-2"))
    assert sorted(linked_anchors(value)) == ["fact-1", "p-2", "top"]
    assert list(linked_anchors(Holder("y", (), None, href=""))) == []
