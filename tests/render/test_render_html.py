"""report.html as a reader sees it: sections, the matrix with its evidence, charts, anchors, flags.

The HTML is parsed (BeautifulSoup), never byte-compared; the golden file holds a normalised outline
(headings, captions, matrix cells with their evidence) and changes only when what a reader sees changes.
Regenerate it after a deliberate change with ``REPORTER_UPDATE_GOLDEN=1 pytest tests/render``.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from reporter.config import RenderConfig
from reporter.model import Analysis, Change
from reporter.render import html, render_story, view
from tests.render.amberley import PLANET, POST, WIRE, build

GOLDEN = Path(__file__).parent / "golden"
SECTIONS = [
    "summary",
    "coverage-matrix",
    "casualty-ledger",
    "speakers",
    "labels",
    "side-by-side",
    "timeline",
    "sources",
    "problems",
    "method",
]


def page(analysis: Analysis) -> BeautifulSoup:
    html = render_story(analysis, RenderConfig(formats=("html",)))["report.html"].decode("utf-8")
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="module")
def soup() -> BeautifulSoup:
    return page(build())


def text(node: Tag | None) -> str:
    assert node is not None
    return " ".join(node.get_text(" ").split())


def outline(soup: BeautifulSoup) -> dict[str, Any]:
    """What a reader must see, without markup: headings and captions per section, matrix cells."""
    sections = {}
    for section in soup.select("main > section"):
        sections[section["id"]] = {
            "headings": [text(h) for h in section.find_all(["h2", "h3"])],
            "captions": [text(c) for c in section.find_all("caption")],
        }
    cells = []
    for table in soup.select("table.matrix"):
        outlets = [text(th) for th in table.select("thead th")][1:]
        for row in table.select("tbody tr"):
            for outlet, td in zip(outlets, row.find_all("td"), strict=True):
                cells.append(
                    {
                        "fact": text(row.th),
                        "outlet": outlet,
                        "status": text(td.select_one(".status")) if td.select_one(".status") else text(td),
                        "evidence": [text(e) for e in td.select(".ev, .more")],
                        "nearest": text(td.select_one(".nearest")) if td.select_one(".nearest") else None,
                        "note": text(td.select_one(".cell-note")) if td.select_one(".cell-note") else None,
                    }
                )
    return {
        "sections": sections,
        "matrix": cells,
        "summary": [text(li) for li in soup.select("ul.summary li")],
    }


def test_outline_matches_golden(soup: BeautifulSoup) -> None:
    found = outline(soup)
    path = GOLDEN / "amberley_outline.json"
    if os.environ.get("REPORTER_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert found == json.loads(path.read_text(encoding="utf-8"))


def test_every_section_is_there_in_order(soup: BeautifulSoup) -> None:
    assert [s["id"] for s in soup.select("main > section")] == SECTIONS
    for section in SECTIONS:
        assert soup.select_one(f"nav a[href='#{section}']") is not None, section


def test_page_is_accessible_and_self_contained(soup: BeautifulSoup) -> None:
    assert soup.html is not None and soup.html["lang"] == "en"
    assert text(soup.title).startswith("Floods in Amberley")
    assert len(soup.find_all("h1")) == 1
    for th in soup.select("thead th"):
        assert th.get("scope") == "col"
    for th in soup.select("tbody th"):
        assert th.get("scope") in ("row", "rowgroup")
    # no request leaves the page: no external stylesheet, script, image or font
    assert not soup.find_all(["script", "link", "iframe", "object", "embed"])
    assert not [img for img in soup.find_all("img") if not str(img.get("src", "")).startswith("data:")]


def test_at_least_three_charts_inline_with_titles(soup: BeautifulSoup) -> None:
    svgs = soup.select("figure.chart svg")
    assert len(svgs) >= 3
    for svg in svgs:
        assert svg.get("role") == "img"
        title = svg.find("title")
        assert title is not None and text(title)
        assert svg.find("desc") is not None
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), "ids repeat (charts used to share matplotlib's 'figure_1', 'axes_1')"


def test_matrix_cells_show_evidence_nearest_sentence_and_note(soup: BeautifulSoup) -> None:
    table = soup.select("table.matrix")[0]
    outlets = [text(th) for th in table.select("thead th")][1:]
    assert outlets == ["Daily Planet", "Evening Post", "Wire Service"]
    rows = {
        text(tr.th): dict(zip(outlets, tr.find_all("td"), strict=True)) for tr in table.select("tbody tr")
    }
    killed = rows["casualty 7 people killed (per officials)"]
    assert "included" in text(killed["Daily Planet"]) and PLANET[0] in text(killed["Daily Planet"])
    assert "differs" in text(killed["Wire Service"]) and "gives 9; most outlets give 7" in text(
        killed["Wire Service"]
    )
    denial = rows["denial Denial by The dam operator"]
    assert "omitted" in text(denial["Wire Service"])
    assert WIRE[0] in text(denial["Wire Service"].select_one(".nearest")) and "0.31" in text(
        denial["Wire Service"]
    )
    caveat = rows["caveat Verification caveat"]
    assert "doubtful" in caveat["Daily Planet"]["class"]
    assert "check before relying" in text(caveat["Daily Planet"])
    assert "no similar sentence" in text(rows["label Calls them “looters”"]["Daily Planet"])


def test_every_fact_and_internal_link_has_a_target(soup: BeautifulSoup) -> None:
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    analysis = build()
    assert len({f"fact-{f.id}" for f in analysis.facts} - ids) == 0
    broken = [
        a["href"]
        for a in soup.find_all("a", href=True)
        if a["href"].startswith("#") and a["href"][1:] not in ids
    ]
    assert broken == []


def test_evidence_links_land_on_the_marked_sentence(soup: BeautifulSoup) -> None:
    anchor = soup.find(id="fact-denial-planet-1-3")
    assert anchor is not None and anchor.name == "mark"
    assert text(anchor) == PLANET[2]
    assert "fact-denial" in anchor["class"]


def test_ledger_flags_disagreement_and_the_older_figure(soup: BeautifulSoup) -> None:
    ledger = soup.select_one("#casualty-ledger table")
    rows = {
        text(tr.th): text(tr) for tr in ledger.select("tbody tr") if tr.th and tr.th.get("scope") == "row"
    }
    assert "differs from most outlets" in rows["Wire Service"]
    assert "repeats an older figure" in rows["Evening Post"]
    assert "repeats an older figure" not in rows["Wire Service"]
    assert "outlets disagree" in text(ledger)


def test_summary_says_who_alone_reports_what(soup: BeautifulSoup) -> None:
    lines = [text(li) for li in soup.select("ul.summary li")]
    assert any(
        "Figures disagree on people killed" in line and "Wire Service gives 9" in line for line in lines
    )
    assert any("Denial by The dam operator: only in Daily Planet" in line for line in lines)
    assert any(
        "Evening Post (2024-03-05) repeats an older figure" in line and "Daily Planet" in line
        for line in lines
    )
    # "Okafor" and "Ruth Okafor" are one speaker: nobody is "quoted only by" one outlet here
    assert not any("quoted only by" in line for line in lines)
    for li in soup.select("ul.summary li.summary-figure, ul.summary li.summary-denial"):
        assert li.find("a", href=True) is not None, "a key difference without its evidence link"


def test_side_by_side_shares_rows_and_highlights_own_content(soup: BeautifulSoup) -> None:
    table = soup.select("table.sbs")[0]
    rows = table.select("tbody tr")
    assert [r.get("class") for r in rows] == [["shared"], ["shared"], ["own"]]
    assert [text(td) for td in rows[0].find_all("td")] == [
        f"¶1 {PLANET[0]}",
        f"¶1 {WIRE[0]}",
        f"¶1 {POST[0]}",
    ]
    own = rows[2].find_all("td")
    assert "only in Daily Planet" in text(own[0]) and PLANET[3] in text(own[0])
    assert "only in Wire Service" in text(own[1])
    # the copy is folded under its original, not shown as a column
    headers = [text(th) for th in table.select("thead th")]
    assert len(headers) == 3 and "Copy folded here: Wire Service (syndicated)" in headers[1]


def test_speakers_roster_and_roles(soup: BeautifulSoup) -> None:
    roster = soup.select_one("table.roster")
    assert "official" in text(roster) and "Governor" in text(roster)
    assert "Quoted by" in text(roster)


def test_labels_show_voice_and_count(soup: BeautifulSoup) -> None:
    row = soup.select_one("table.labels tbody tr")
    assert [text(td) for td in row.find_all(["td", "th"])][:5] == [
        "–",
        "looters",
        "Evening Post",
        "own voice",
        "1",
    ]


def test_sources_list_copies_and_how_outlets_were_known(soup: BeautifulSoup) -> None:
    sources = text(soup.select_one("#sources table"))
    assert "copy of Wire Service (97% the same)" in sources
    assert "inferred from the text" in sources and "named in the manifest" in sources
    link = soup.select_one("#sources a[href='https://planet.example/amberley']")
    assert link is not None and link["rel"] == ["noopener", "noreferrer", "nofollow"]


def test_method_lists_settings_overrides_and_limits(soup: BeautifulSoup) -> None:
    method = text(soup.select_one("#method"))
    assert "reporter 0.1.0" in method and "spaCy off" in method
    assert "casualties" in method and "Known limits" in method
    assert "Planet -> Daily Planet" in method
    assert soup.select_one("#changes") is None  # no previous brief given


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ((Change("new figure", "Wire Service", "9 killed"),), "new figure : Wire Service: 9 killed"),
        ((), "Nothing changed since the last brief."),
    ],
)
def test_changes_section_when_a_previous_brief_was_given(changes: tuple[Change, ...], expected: str) -> None:
    soup = page(build(changes=changes))
    assert expected in text(soup.select_one("#method #changes"))


def test_an_analysis_with_nothing_found_still_renders() -> None:
    empty = dataclasses.replace(build(), facts=(), coverage=(), alignments=())
    soup = page(empty)
    assert [s["id"] for s in soup.select("main > section")] == SECTIONS
    assert "No casualty figure was found." in text(soup.select_one("#casualty-ledger"))
    assert "No quote was found." in text(soup.select_one("#speakers"))
    assert "No difference between outlets was found" in text(soup.select_one("#summary"))


def test_same_input_same_bytes() -> None:
    cfg = RenderConfig(formats=("html", "json"))
    first, second = render_story(build(), cfg), render_story(build(), cfg)
    assert first["report.html"] == second["report.html"]
    assert first["report.json"] == second["report.json"]


def test_timestamps_only_when_asked() -> None:
    plain = render_story(build(), RenderConfig(formats=("html", "json")))
    stamped = render_story(build(), RenderConfig(formats=("html", "json"), timestamps=True))
    assert "generated_at" not in json.loads(plain["report.json"])
    assert "generated_at" in json.loads(stamped["report.json"])
    assert b"dcterms.created" not in plain["report.html"]
    assert b"dcterms.created" in stamped["report.html"]


def test_quote_lines_name_the_speaker() -> None:
    analysis = build()
    rows = []
    for row in analysis.coverage:
        if row.kind == "quote":
            cells = dict(row.cells)
            cells["Evening Post"] = dataclasses.replace(cells["Evening Post"], status="omitted", facts=())
            row = dataclasses.replace(row, label="Quotes Ruth Okafor", cells=cells)
        rows.append(row)
    soup = page(dataclasses.replace(analysis, coverage=tuple(rows)))
    lines = [text(li) for li in soup.select("ul.summary li.summary-quote")]
    assert any(
        "Ruth Okafor is quoted by Daily Planet and Wire Service; not by Evening Post." in line
        for line in lines
    )


def test_html_only_charts_added_later_give_the_same_view() -> None:
    """render_story builds the view without the HTML's own charts (the PDF's print page comes first)
    and adds them after: the same view as building it with them, charts in the same order."""
    analysis = build()
    css = html.stylesheet("report.css")
    whole = view.build(analysis, css)
    later = view.with_html_charts(view.build(analysis, css, html_charts=False), analysis)
    assert list(later.charts) == list(whole.charts) and {"coverage", "prominence"} <= set(whole.charts)
    assert later == whole


def _environment(templates: Path, cache: Path) -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates), bytecode_cache=html.compiled_templates(cache)
    )


def test_compiled_templates_are_kept_and_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    """Templates are compiled once into the cache (the brief's partials cost ~0.2 s a run to compile);
    a later run uses the cache, and an edited template is compiled again, never served stale."""
    templates, cache = tmp_path / "templates", tmp_path / "templates" / "__pycache__"
    templates.mkdir()
    (templates / "page.html").write_text("one {{ x }}", encoding="utf-8")
    assert _environment(templates, cache).get_template("page.html").render(x=1) == "one 1"
    assert len(list(cache.iterdir())) == 1
    assert _environment(templates, cache).get_template("page.html").render(x=2) == "one 2"
    (templates / "page.html").write_text("two {{ x }}", encoding="utf-8")
    assert _environment(templates, cache).get_template("page.html").render(x=3) == "two 3"


def test_a_tree_that_cannot_be_written_compiles_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    assert html.compiled_templates(tmp_path / "file" / "__pycache__") is None  # cannot be made
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("{{ x }}", encoding="utf-8")

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr("tempfile.NamedTemporaryFile", refused)  # cannot be written
    assert _environment(templates, templates / "__pycache__").get_template("page.html").render(x=4) == "4"


def test_the_report_environment_keeps_compiled_templates_beside_them() -> None:
    assert isinstance(html.environment().bytecode_cache, html.jinja2.FileSystemBytecodeCache)
    assert html.environment().bytecode_cache.directory == str(html.TEMPLATES / "__pycache__")  # type: ignore[union-attr]
