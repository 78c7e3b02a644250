"""The HTML WeasyPrint lays out (the PDF brief), read as HTML: what the PDF must keep while it is made
cheaper to lay out. The PDF itself is checked in test_render_pdf.py."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup, Tag

from reporter.render import html, print_page, view
from tests.render.amberley import PLANET, POST, SECOND, WIRE, build
from tests.render.test_render_html import SECTIONS


@pytest.fixture(scope="module")
def brief() -> BeautifulSoup:
    page = view.build(build(), html.stylesheet("report.css"))
    printed, _assets = print_page(page, dt.datetime(2024, 3, 23))
    return BeautifulSoup(printed, "html.parser")


def text(tag: Tag | None) -> str:
    assert tag is not None
    return " ".join(tag.get_text(" ").split())


def matrix_row(brief: BeautifulSoup, fact: str) -> tuple[Tag, int, dict[str, str]]:
    """The matrix table holding the row whose fact label contains ``fact``, the row's number and its
    cells' text by outlet."""
    for table in brief.select("table.matrix.brief"):
        outlets = [text(th) for th in table.select("thead th")][1:]
        for row in table.select("tbody tr"):
            if fact in text(row.th):
                cells = [text(td) for td in row.find_all("td")]
                return table, int(text(row.th).split()[0]), dict(zip(outlets, cells, strict=True))
    raise AssertionError(f"no matrix row for {fact!r}")


def citations(table: Tag) -> dict[int, tuple[str, str]]:
    """The sentences under a matrix table (numbered per event): number -> (outlet, line)."""
    found: dict[int, tuple[str, str]] = {}
    outlet = ""
    listed = table.find_next_sibling("div", class_="evidence-list")
    assert isinstance(listed, Tag)
    for line in listed.find_all(True, recursive=False):
        if "outlet" in line["class"]:
            outlet = text(line)
        elif line.name == "a":
            number = int(re.match(r"\[(\d+)\]", text(line)).group(1))  # type: ignore[union-attr]
            found[number] = (outlet, text(line))
    return found


def evidence(brief: BeautifulSoup, fact: str, outlet: str) -> str:
    """What the brief prints behind one matrix cell: its status, then each sentence it cites, or the
    line that says it has none."""
    table, number, cells = matrix_row(brief, fact)
    cell = cells[outlet]
    cited = [int(n) for n in re.findall(r"\d+", cell.split("[")[1])] if "[" in cell else []
    by_number = citations(table)
    lines = [cell]
    for n in cited:
        said_by, line = by_number[n]
        assert said_by == outlet, "a cell cites its own outlet's sentences"
        lines.append(line)
    if not cited:
        listed = table.find_next_sibling("div", class_="evidence-list")
        assert isinstance(listed, Tag)
        lines += [text(p) for p in listed.select("p.cite") if text(p).startswith(f"{number} ")]
    return "\n".join(lines)


def test_every_section_keeps_its_id(brief: BeautifulSoup) -> None:
    assert [s["id"] for s in brief.find_all("section")] == list(SECTIONS)


def test_matrix_table_is_compact_statuses(brief: BeautifulSoup) -> None:
    table = brief.select_one("table.matrix.brief")
    assert table is not None
    assert [text(th) for th in table.select("thead th")][1:] == [
        "Daily Planet",
        "Evening Post",
        "Wire Service",
    ]
    cells = [text(td) for td in table.select("tbody td")]
    assert cells and all(len(cell) <= 20 for cell in cells), "sentences belong in the evidence list"
    assert not table.select(".said, .nearest"), "no sentence boxes nested in the table"


def test_evidence_lines_hold_no_inline_markup(brief: BeautifulSoup) -> None:
    """Regression (speed): one inline element makes WeasyPrint lay a paragraph out several times
    slower; links are whole blocks."""
    lines = brief.select(".evidence-list > *")
    assert lines and all(not line.find(True) for line in lines)
    assert all(line.name in ("a", "p") for line in lines)


@pytest.mark.parametrize(
    "fact, outlet, must_contain",
    [
        # included: the sentence that says it, citing the fact's row
        ("7 people killed", "Daily Planet", ["✓ [", PLANET[0]]),
        # differs: the sentence and the note
        ("7 people killed", "Wire Service", ["≠ [", WIRE[0], "gives 9; most outlets give 7"]),
        # omitted with a close enough sentence: the nearest sentence and its similarity
        ("Denial by The dam operator", "Wire Service", ["– 0.31 [", "(0.31)", WIRE[0]]),
        # omitted with nothing similar at all
        ("Calls them", "Daily Planet", ["Daily Planet – omitted, no similar sentence"]),
        # omitted and nothing close: said, and the nearest sentence still printed for the reader to judge
        ("Denial by The dam operator", "Evening Post", ["– 0.12 [", "(0.12, nothing close)"]),
    ],
)
def test_every_cell_has_its_evidence(
    brief: BeautifulSoup, fact: str, outlet: str, must_contain: list[str]
) -> None:
    printed = evidence(brief, fact, outlet)
    for snippet in must_contain:
        assert snippet in printed


def test_an_omission_with_nothing_close_still_prints_the_nearest_sentence(brief: BeautifulSoup) -> None:
    _table, number, _cells = matrix_row(brief, "Denial by The dam operator")
    line = re.search(rf"{number} \(0\.12, nothing close\)[^:]*: (.+)$", evidence(brief, "Denial by The dam operator", "Evening Post"), re.MULTILINE)  # fmt: skip
    assert line is not None and len(line.group(1)) > 10


def test_every_filled_cell_is_accounted_for_under_the_table(brief: BeautifulSoup) -> None:
    """Each cell's numbers name sentences of its outlet whose uses list the cell's row under the
    cell's status; a cell with a status and no number has its own line; an empty cell has neither."""
    cited_cells = 0
    for table in brief.select("table.matrix.brief"):
        outlets = [text(th) for th in table.select("thead th")][1:]
        by_number = citations(table)
        listed = table.find_next_sibling("div", class_="evidence-list")
        assert isinstance(listed, Tag)
        uncited = [text(p) for p in listed.select("p.cite")]
        for row in table.select("tbody tr"):
            number = int(text(row.th).split()[0])
            for outlet, td in zip(outlets, row.find_all("td"), strict=True):
                cell = text(td)
                if "status-none" in td["class"]:
                    assert cell == ""
                    continue
                symbol = cell[0]
                assert symbol in "✓≠–"
                if "[" not in cell:
                    assert any(u.startswith(f"{number} ") and f"{outlet} {symbol}" in u for u in uncited)
                    continue
                for n in re.findall(r"\d+", cell.split("[")[1]):
                    said_by, line = by_number[int(n)]
                    uses = line.split(": ", 1)[0]
                    group = next(part for part in uses.split(" · ") if symbol in part)
                    assert said_by == outlet, (cell, line)
                    assert re.search(rf"(?<![\d.]){number}(?![\d.])", group), (cell, line)
                    cited_cells += 1
    assert cited_cells > 5


def test_a_sentence_cited_by_several_cells_is_printed_once(brief: BeautifulSoup) -> None:
    for table in brief.select("table.matrix.brief"):
        lines = [line.split(": ", 1)[1] for _outlet, line in citations(table).values()]
        assert lines and len(lines) == len(set(lines))
    # POST[1] holds a quote and a label and is the nearest sentence to a caveat the Post omits.
    table, _number, _cells = matrix_row(brief, "7 people killed")
    cited = [line for _outlet, line in citations(table).values() if POST[1][:40] in line]
    assert len(cited) == 1 and len(re.findall(r"(?<![\d.])\d+(?![\d.)])", cited[0].split(": ", 1)[0])) == 4


def test_doubtful_omission_is_marked_in_table_and_list(brief: BeautifulSoup) -> None:
    doubtful = brief.select("table.matrix.brief td.doubtful")
    assert doubtful and all(re.search(r"\?( \[[\d, ]+\])?$", text(td)) for td in doubtful)
    _table, _number, cells = matrix_row(brief, "Verification caveat")
    outlet = next(o for o, cell in cells.items() if "?" in cell)
    assert "doubtful omission" in evidence(brief, "Verification caveat", outlet)


def test_every_internal_link_has_a_target(brief: BeautifulSoup) -> None:
    ids = {tag["id"] for tag in brief.find_all(id=True)}
    broken = [
        a["href"]
        for a in brief.find_all("a", href=True)
        if a["href"].startswith("#") and a["href"][1:] not in ids
    ]
    assert broken == []


def test_no_text_only_the_html_needs(brief: BeautifulSoup) -> None:
    """Charts the brief leaves out are neither inlined nor referred to."""
    assert not brief.find("svg")
    sources = [img["src"] for img in brief.find_all("img")]
    assert sources and all(src.startswith("reporter-asset:/") for src in sources)
    assert not any("coverage" in src or "prominence" in src for src in sources)
    assert POST[0] in str(brief) or SECOND[0] in str(brief)  # the side-by-side still prints texts


@pytest.mark.parametrize("section", ["casualty-ledger", "speakers", "labels"])
def test_brief_lists_hold_plain_lines(brief: BeautifulSoup, section: str) -> None:
    """Regression (speed): the ledger, roster and labels were tables whose narrow cells cost several
    lines a row; in the brief they are lists, every line one block of plain text (a link is the
    whole line)."""
    lines = brief.select(f"#{section} .brief-list > *")
    assert lines and not brief.select(f"#{section} table:not(.roles)")
    for line in lines:
        assert line.name in ("p", "a") and not line.find(True), str(line)[:80]


def test_brief_lists_keep_what_a_reader_checks(brief: BeautifulSoup) -> None:
    ledger = brief.select_one("#casualty-ledger .brief-list")
    assert ledger is not None
    assert "differs from most outlets" in text(ledger) and "repeats an older figure" in text(ledger)
    assert "outlets disagree" in text(ledger) and PLANET[0] in text(ledger)
    items, sentences = ledger.select(".item"), ledger.select("a.said")
    assert items and len(items) == len(sentences), "every figure with the sentence that gives it"
    assert all(sentence["href"].startswith("#p-") for sentence in sentences)
    roster = brief.select_one("#speakers .brief-list")
    assert roster is not None and "Governor" in text(roster) and "official" in text(roster)
    assert all(a["href"].startswith("#p-") for a in roster.select("a"))  # the quote's paragraph
    labels = text(brief.select_one("#labels .brief-list"))
    assert "looters" in labels and "said of" in labels


def test_print_stylesheet_draws_no_dot_leaders() -> None:
    """Regression (speed): WeasyPrint lays a ``leader()`` out dot by dot; the contents' dot leaders
    cost as much as the rest of the first page."""
    assert "leader(" not in html.stylesheet("print.css")


def test_print_stylesheet_numbers_no_contents() -> None:
    """Regression (speed): a ``target-counter()`` makes WeasyPrint lay the page holding it out three
    times, about a tenth of the example's render; the PDF's bookmarks lead to the sections."""
    assert "target-counter(" not in html.stylesheet("print.css")


def test_contents_link_every_section(brief: BeautifulSoup) -> None:
    links = [a["href"] for a in brief.select("nav.toc a")]
    assert links == [f"#{section}" for section in SECTIONS]


@pytest.mark.parametrize(
    "html_charts, expected",
    [(True, {"coverage", "speakers", "timeline", "prominence"}), (False, {"speakers", "timeline"})],
)
def test_a_pdf_alone_draws_only_the_charts_it_prints(html_charts: bool, expected: set[str]) -> None:
    page = view.build(build(), "", html_charts=html_charts)
    assert set(page.charts) == expected
    _printed, assets = print_page(page, dt.datetime(2024, 3, 23))
    assert set(assets) == {f"chart-{name}.svg" for name in expected - {"coverage", "prominence"}}


def test_side_by_side_paragraphs_hold_no_anchors_and_marks_only_in_part(brief: BeautifulSoup) -> None:
    """Regression (speed): per-fact anchors and marks made every paragraph a row of inline boxes; in
    the brief a wholly marked paragraph is one block with a rule, and only marks in part remain."""
    paragraphs = brief.select("table.sbs td > p:not(.elided)")
    assert paragraphs
    for paragraph in paragraphs:
        assert not paragraph.find(id=True), str(paragraph)[:80]
        marks = paragraph.find_all("mark")
        assert all(not mark.find(True) for mark in marks)
        if marks:  # marked in part: some text outside the marks besides the paragraph number
            outside = "".join(t for t in paragraph.find_all(string=True, recursive=False))
            assert re.sub(r"^¶\d+\s*", "", outside).strip(), str(paragraph)[:80]
    wholly = brief.select("table.sbs p.marked")
    assert wholly and all(not p.find("mark") for p in wholly)
    kinds = {c for p in wholly for c in p["class"] if c.startswith("fact-")}
    assert kinds <= {"fact-casualty", "fact-denial", "fact-quote", "fact-caveat"}


def test_evidence_links_land_on_the_paragraph_that_says_it(brief: BeautifulSoup) -> None:
    """Every matrix line that quotes a sentence links to a place in the side-by-side columns that
    holds the sentence (its paragraph, or the line counting the paragraphs left out)."""
    checked = 0
    for line in brief.select(".evidence-list a.cite"):
        target = brief.find(id=line["href"][1:])
        assert target is not None, line["href"]
        sentence = text(line).split(": ", 1)[1].split(" …")[0].split(" (")[0]
        if "elided" in (target.get("class") or []):
            continue
        assert sentence[:40] in text(target), (sentence[:40], text(target)[:80])
        checked += 1
    assert checked > 5


def test_a_paragraph_has_its_id_only_where_a_link_lands() -> None:
    """Regression (speed): WeasyPrint gives every element with an id a style of its own; the brief
    keeps a side-by-side paragraph's id only when something links to it."""
    printed = view.build(build(), "").printed("2024-03-23T00:00:00Z", "")
    paragraphs = "table.sbs td > p:not(.elided)"
    soup = BeautifulSoup(html.render_report(printed), "html.parser")
    with_id = {p["id"] for p in soup.select(paragraphs) if p.get("id")}
    assert with_id and with_id <= printed.linked
    unlinked = BeautifulSoup(html.render_report(replace(printed, linked=frozenset())), "html.parser")
    assert unlinked.select(paragraphs) and not [p for p in unlinked.select(paragraphs) if p.get("id")]


def test_sources_list_every_article_with_its_safe_link() -> None:
    """The sources as a list (a seven-column table wrapped titles, addresses and file names into many
    short lines): each article's entry keeps its anchor, and only http(s) addresses become links."""
    page = view.build(build(hostile=True), "")
    printed, _assets = print_page(page, dt.datetime(2024, 3, 23))
    soup = BeautifulSoup(printed, "html.parser")
    entries = soup.select("#sources .brief-list .item[id]")
    assert len(entries) == len(page.sources) and not soup.select("#sources table")
    links = soup.select("#sources a[href]")
    assert links and all(a["href"].startswith(("https://", "http://")) for a in links)
    assert all(a["rel"] == ["noopener", "noreferrer", "nofollow"] for a in links)
    text_ = " ".join(soup.select_one("#sources").get_text(" ").split())
    assert "link not shown (not http/https): javascript:alert(document.cookie)" in text_


def test_settings_print_as_lines(brief: BeautifulSoup) -> None:
    lines = brief.select("#method .settings > p")
    assert lines and all(not line.find(True) and " · " in line.get_text() for line in lines)
