"""A small invented story, built by hand as an Analysis, so rendering is tested apart from the stages.

Three outlets cover a flood (event e1) and one of them a second flood (event e2); a wire copy is a
duplicate of its original. The figures disagree (7 vs 9 killed), one outlet repeats the older figure
after a newer one appeared, one alone carries the dam operator's denial, one alone a verification
caveat. Every sentence here was written for these tests.

``hostile=True`` puts markup, event handlers and ``javascript:`` URLs in every field that comes from
input (outlet, title, URL, text, speaker, problem, setting), to test escaping end to end.
"""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from reporter.model import (
    Alignment,
    Analysis,
    Article,
    Cell,
    Change,
    Coverage,
    Event,
    Fact,
    Member,
    Nearest,
    Problem,
    Span,
    Story,
)

SCRIPT = "<script>alert('x')</script>"
HANDLER = '<img src=x onerror="alert(1)">'
JS_URL = "javascript:alert(document.cookie)"

PLANET = [
    "Floodwaters swept through the river town of Amberley on Saturday, killing at least 7 people, the regional governor said.",
    "“We are doing everything we can,” Governor Ruth Okafor told reporters at the scene.",
    "The dam operator denied that an emergency release had caused the surge.",
    "Residents described the water rising within minutes.",
]
WIRE = [
    "At least 9 people were killed when floodwaters hit Amberley on Saturday, according to the fire service.",
    "Governor Ruth Okafor said rescuers were still searching flooded homes.",
    "The claims could not be independently verified.",
]
POST = [
    "Seven people died in the Amberley flood, officials said on Tuesday.",
    "Okafor called the rescue effort heroic and warned looters to stay away.",
]
SECOND = [
    "A second flood hit the valley three weeks later.",
    "Two people were injured, police said.",
]


def _article(article_id: str, outlet: str, paragraphs: list[str], **fields: object) -> Article:
    text = "\n\n".join(paragraphs) + "\n"
    spans, start = [], 0
    for paragraph in paragraphs:
        spans.append(Span(start, start + len(paragraph)))
        start += len(paragraph) + 2
    return Article(
        id=article_id,
        source=f"{article_id}.txt",
        text=text,
        outlet=outlet,
        outlet_source="manifest",
        paragraphs=tuple(spans),
        story="amberley",
        **fields,  # type: ignore[arg-type]
    )


def _fact(article: Article, kind: str, sentence: str, number: int, **fields: object) -> Fact:
    start = article.text.index(sentence)
    return Fact(
        id=f"{kind}-{article.id}-{number}",
        article=article.id,
        kind=kind,  # type: ignore[arg-type]
        start=start,
        end=start + len(sentence),
        evidence=sentence,
        extractor=f"{kind}s",
        confidence=0.8,
        story="amberley",
        **fields,  # type: ignore[arg-type]
    )


def _nearest(article: Article, sentence: str, similarity: float) -> Nearest:
    start = article.text.index(sentence)
    return Nearest(article.id, start, start + len(sentence), sentence, similarity)


def build(hostile: bool = False, changes: tuple[Change, ...] | None = None) -> Analysis:
    """The invented story as an Analysis (see the module docstring)."""
    bad = (lambda text: f"{text} {SCRIPT}{HANDLER}") if hostile else (lambda text: text)
    planet_name = bad("Daily Planet")
    planet = _article(
        "planet-1",
        planet_name,
        PLANET if not hostile else [*PLANET[:3], PLANET[3] + ' <iframe src="file:///etc/passwd"></iframe>'],
        title=bad("Amberley flood kills seven"),
        published="2024-03-01",
        url=JS_URL if hostile else "https://planet.example/amberley",
        event="amberley/e1",
    )
    wire = _article(
        "wire-1",
        "Wire Service",
        WIRE,
        title="Nine dead in Amberley flood",
        published="2024-03-02",
        url='https://wire.example/a"onmouseover="alert(1)' if hostile else "https://wire.example/flood",
        event="amberley/e1",
    )
    copy = replace(
        _article("wire-copy", "Wire Service (syndicated)", WIRE, title="Nine dead in Amberley flood"),
        published="2024-03-02",
        url="http://mirror.example/flood",
        event="amberley/e1",
        duplicate_of="wire-1",
        duplicate_score=0.97,
        outlet_source="inferred",
    )
    post = _article(
        "post-1",
        "Evening Post",
        POST,
        title="Amberley counts its dead",
        published="2024-03-05",
        event="amberley/e1",
    )
    second = _article(
        "planet-2",
        planet_name,
        SECOND,
        title="Second flood in the valley",
        published="2024-03-22",
        event="amberley/e2",
        url="data:text/html,<script>alert(1)</script>" if hostile else None,
    )
    speaker = bad("Ruth Okafor")
    facts = (
        _fact(
            planet,
            "casualty",
            PLANET[0],
            1,
            count=7,
            qualifier="at least",
            status="killed",
            victims="people",
            attributed_to="the regional governor",
            group="amberley/e1/casualty/killed-people",
        ),
        _fact(
            planet,
            "quote",
            PLANET[1],
            2,
            speaker=speaker,
            speaker_role="Governor",
            cue="told",
            direct=True,
            quote="We are doing everything we can,",
            group="amberley/e1/quote/okafor",
        ),
        _fact(
            planet,
            "denial",
            PLANET[2],
            3,
            denier="The dam operator",
            denied="an emergency release",
            group="amberley/e1/denial/dam-operator",
        ),
        _fact(
            wire,
            "casualty",
            WIRE[0],
            1,
            count=9,
            qualifier="at least",
            status="killed",
            victims="people",
            attributed_to="the fire service",
            group="amberley/e1/casualty/killed-people",
        ),
        _fact(
            wire,
            "quote",
            WIRE[1],
            2,
            speaker=speaker,
            speaker_role="Governor",
            cue="said",
            direct=False,
            quote="rescuers were still searching flooded homes",
            group="amberley/e1/quote/okafor",
        ),
        _fact(wire, "caveat", WIRE[2], 3, group="amberley/e1/caveat/caveat"),
        _fact(
            post,
            "casualty",
            POST[0],
            1,
            count=7,
            status="killed",
            victims="people",
            attributed_to="officials",
            group="amberley/e1/casualty/killed-people",
        ),
        _fact(
            post,
            "quote",
            POST[1],
            2,
            speaker="Okafor",
            cue="called",
            direct=False,
            quote="the rescue effort heroic",
            group="amberley/e1/quote/okafor",
        ),
        _fact(post, "label", POST[1], 3, label=bad("looters"), group="amberley/e1/label/looter"),
        _fact(
            second,
            "casualty",
            SECOND[1],
            1,
            count=2,
            status="injured",
            victims="people",
            attributed_to="police",
            group="amberley/e2/casualty/injured-people",
        ),
    )
    f = {fact.id: fact for fact in facts}
    coverage = (
        Coverage(
            "amberley",
            "amberley/e1",
            "amberley/e1/casualty/killed-people",
            "casualty",
            "7 people killed (per officials)",
            {
                planet_name: Cell("included", ("casualty-planet-1-1",), confidence=0.8),
                "Evening Post": Cell("included", ("casualty-post-1-1",), confidence=0.8),
                "Wire Service": Cell(
                    "differs", ("casualty-wire-1-1",), confidence=0.8, note="gives 9; most outlets give 7"
                ),
            },
        ),
        Coverage(
            "amberley",
            "amberley/e1",
            "amberley/e1/denial/dam-operator",
            "denial",
            "Denial by The dam operator",
            {
                planet_name: Cell("included", ("denial-planet-1-3",), confidence=0.8),
                "Evening Post": Cell("omitted", nearest=_nearest(post, POST[0], 0.12), confidence=0.88),
                "Wire Service": Cell("omitted", nearest=_nearest(wire, WIRE[0], 0.31), confidence=0.69),
            },
        ),
        Coverage(
            "amberley",
            "amberley/e1",
            "amberley/e1/quote/okafor",
            "quote",
            bad("Quotes Ruth Okafor"),
            {
                planet_name: Cell("included", ("quote-planet-1-2",), confidence=0.8),
                "Evening Post": Cell("included", ("quote-post-1-2",), confidence=0.8),
                "Wire Service": Cell("included", ("quote-wire-1-2",), confidence=0.8),
            },
        ),
        Coverage(
            "amberley",
            "amberley/e1",
            "amberley/e1/caveat/caveat",
            "caveat",
            "Verification caveat",
            {
                planet_name: Cell(
                    "omitted",
                    nearest=_nearest(planet, PLANET[3], 0.55),
                    confidence=0.45,
                    note="a close sentence: check before relying on this omission",
                ),
                "Evening Post": Cell("omitted", nearest=_nearest(post, POST[1], 0.05), confidence=0.95),
                "Wire Service": Cell("included", ("caveat-wire-1-3",), confidence=0.8),
            },
        ),
        Coverage(
            "amberley",
            "amberley/e1",
            "amberley/e1/label/looter",
            "label",
            "Calls them “looters”",
            {
                planet_name: Cell("omitted", nearest=None, confidence=0.5, note="no body text to compare"),
                "Evening Post": Cell("included", ("label-post-1-3",), confidence=0.8),
                "Wire Service": Cell("omitted", nearest=_nearest(wire, WIRE[1], 0.2), confidence=0.8),
            },
        ),
        Coverage(
            "amberley",
            "amberley/e2",
            "amberley/e2/casualty/injured-people",
            "casualty",
            "2 people injured (per police)",
            {
                planet_name: Cell("included", ("casualty-planet-2-1",), confidence=0.8),
            },
        ),
    )
    assert all(i in f for c in coverage for cell in c.cells.values() for i in cell.facts)
    story = Story(
        id="amberley",
        title=bad("Floods in Amberley"),
        articles=("planet-1", "wire-1", "wire-copy", "post-1", "planet-2"),
        outlets=tuple(sorted({planet_name, "Wire Service", "Wire Service (syndicated)", "Evening Post"})),
        events=(
            Event(
                "amberley/e1",
                "2024-03-01, Amberley, Ruth Okafor",
                ("planet-1", "wire-1", "wire-copy", "post-1"),
                "2024-03-01",
            ),
            Event("amberley/e2", "2024-03-22, valley", ("planet-2",), "2024-03-22"),
        ),
        first_published="2024-03-01",
        last_published="2024-03-22",
    )
    alignments = (
        Alignment(
            "amberley",
            "al-1",
            (Member("planet-1", 0, 0.8), Member("wire-1", 0, 0.8), Member("post-1", 0, 0.7)),
            "amberley/e1",
            0.8,
        ),
        Alignment(
            "amberley", "al-2", (Member("planet-1", 1, 0.6), Member("wire-1", 1, 0.6)), "amberley/e1", 0.6
        ),
    )
    settings: dict[str, object] = {
        "facts": {"extractors": [], "use_spacy": False},
        "render": {"formats": ["html", "pdf", "json", "csv"], "pdf_date": None, "timestamps": False},
        "overrides": [{"kind": "outlet", "what": bad("Planet -> Daily Planet"), "matched": True}],
    }
    if hostile:
        settings["ingest"] = {"extensions": [SCRIPT]}
    return Analysis(
        articles=(planet, wire, copy, post, second),
        stories=(story,),
        alignments=alignments,
        facts=facts,
        coverage=coverage,
        problems=(Problem(bad("broken.html"), bad("not UTF-8 and no charset found")),),
        settings=settings,
        changes=changes,
    )


def needs(tool: str) -> pytest.MarkDecorator:
    """Skip a test, with a message, when an OS tool is missing (``make test`` installs them)."""
    return pytest.mark.skipif(
        shutil.which(tool) is None, reason=f"{tool} not installed (make os-test-deps, or apt-get install it)"
    )
