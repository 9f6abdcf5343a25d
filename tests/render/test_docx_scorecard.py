"""Tests for reportgen.render_docx.render_scorecard_docx: render a hand-built Appendix 1
scorecard, read it back with python-docx."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from reportgen.document import (
    Block, Group, Outcome, Properties, Run, Scorecard, ScoreRow, StatusView, ValueCell, plain,
)
from reportgen.render.docx import render_scorecard_docx

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "reportgen" / "render" / "templates"
HOSTILE = "<b>&</w:t><w:t>{{ 7*7 }} {_{ x }_} {_% y %_}"
PERIODS = ("Mar 2016", "Jun 2016", "Sep 2016", "Dec 2016", "Mar 2017")
FIXED_BEFORE = ["No.", "Measure", "Good to be", "Data period", "Target"]
FIXED_AFTER = ["Latest performance (RAG)", "Benchmarks", "Narrative"]
HEADER = FIXED_BEFORE + list(PERIODS) + FIXED_AFTER
RAG, BENCHMARKS, NARRATIVE = -3, -2, -1  # column indices from the end

GREEN = StatusView("Green", "★", "green", "00703C", "FFFFFF")
AMBER = StatusView("Amber", "●", "amber", "FFBF47", "0B0C0C")
RED = StatusView("Red", "■", "red", "B10E1E", "FFFFFF")
MONITOR = StatusView("Monitor", "□", "monitor", "DEE0E2", "0B0C0C")
UNAVAILABLE = StatusView("Unavailable", "○", "unavailable", "FFFFFF", "0B0C0C")


def values(*cells: tuple[str, str | None]) -> tuple[ValueCell, ...]:
    return tuple(ValueCell(text, arrow) for text, arrow in cells)


def score_row(number: int, measure: str, status: StatusView, cells=(), target="60%",
              unavailable=False, benchmarks=(), narrative=()) -> ScoreRow:
    return ScoreRow(number, f"M{number}", measure, "" if target == "Monitor" else "High",
                    "Month only (not quarterly data)", target, tuple(cells), unavailable, status,
                    tuple(benchmarks), tuple(narrative))


AUDITS = score_row(1, "% of case audits with a good or outstanding rating", GREEN,
                   values(("71%", "→"), ("83%", "↑"), ("61%", "↓"), ("", None), ("", None)))
OVERSIGHT = score_row(2, "% children who have management oversight", UNAVAILABLE, target="",
                      unavailable=True,
                      narrative=plain("This measure is currently under development"))
REPEATS = score_row(3, "% repeat referrals", RED, values(("25%", "↑"), ("33%", "↓")),
                    target="25%",
                    benchmarks=plain("Statistical Neighbour Average (2015): 23%"),
                    narrative=(Block((Run("See the "), Run("summary report", bold=True),
                                      Run(".\nSecond line."))),
                               Block((Run("Step one"),), "number"),
                               Block((Run("Step two"),), "number")))
PLANS = score_row(4, "Number of children with a repeat Child Protection Plan", MONITOR,
                  values(("93", None), ("104", None), ("109", None)), target="Monitor")
HOSTILE_ROW = score_row(5, HOSTILE, AMBER, values((HOSTILE, "↑"), ("95%", "↓")),
                        target=HOSTILE, benchmarks=plain(HOSTILE), narrative=plain(HOSTILE))

QUALITY = Group("Quality", AMBER, (AUDITS, OVERSIGHT, REPEATS))
DEMAND = Group("Demand", None, (PLANS, HOSTILE_ROW))
OUTCOME = Outcome("Vulnerable children are safe and protected from harm", RED, (QUALITY, DEMAND))
PROPERTIES = Properties(title="Appendix 1 - Children's Services Update",
                        author="Business Intelligence", subject="Cabinet 5 June 2017",
                        keywords="scorecard, performance, RAG")
HEADING = "Children's Services Portfolio - Cllr. Lin Hazell"
SCORECARD = Scorecard(properties=PROPERTIES, title="Appendix 1", heading=HEADING,
                      periods=PERIODS, outcomes=(OUTCOME,),
                      legend=(f"{GREEN.label}: at or better than target.", HOSTILE))


def render(scorecard: Scorecard = SCORECARD) -> bytes:
    return render_scorecard_docx(scorecard, TEMPLATES)


def read(scorecard: Scorecard = SCORECARD):
    return Document(io.BytesIO(render(scorecard)))


@pytest.fixture(scope="module")
def document():
    return read()


def cells(row) -> list:
    """Return the row's `w:tc` cells as they are in the XML (a spanning cell once)."""
    return [c for c in row._tr.iterchildren(qn("w:tc"))]


def cell_text(tc) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                     for p in tc.iter(qn("w:p")))


def texts(table) -> list[list[str]]:
    return [[cell_text(tc) for tc in cells(r)] for r in table.rows]


def grid(table) -> list[int]:
    return [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def span(tc) -> int:
    element = tc.tcPr.find(qn("w:gridSpan"))
    return 1 if element is None else int(element.get(qn("w:val")))


def text_width(document) -> int:
    """Return the section's text width in twips (page width less the side margins)."""
    section = document.sections[0]
    return (section.page_width.twips - section.left_margin.twips
            - section.right_margin.twips)


def test_the_whole_document_is_one_landscape_a4_section(document):
    assert len(document.sections) == 1
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (29.7, 21.0)
    margins = (section.left_margin, section.right_margin, section.top_margin,
               section.bottom_margin)
    assert {round(m.cm, 1) for m in margins} == {1.5}
    assert round(text_width(document) / 1440 * 2.54, 1) == 26.7


def test_headings_follow_on_without_a_skip(document):
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name == "Title" or p.style.name.startswith("Heading")]
    assert headings == [
        ("Title", "Appendix 1"),
        ("Heading 1", HEADING),
        ("Heading 1", "Legend"),  # under the title, as in the PDF and HTML
        ("Heading 2", OUTCOME.name),
        ("Heading 3", "Quality"),
        ("Heading 3", "Demand"),
    ]


def test_outcome_and_theme_rag_lines(document):
    lines = [p.text for p in document.paragraphs if p.style.name == "Status Line"]
    assert lines == ["Outcome RAG: ■ Red", "Theme RAG: ● Amber", "Theme RAG: None"]


def test_outcome_and_theme_rags_are_badges_of_word_symbol_and_colour(document):
    """As the PDF's badge: the word and symbol in bold, on the status's colour, in its text
    colour; "None" has no badge."""
    lines = [p for p in document.paragraphs if p.style.name == "Status Line"]
    badges = [[(r.text, r.bold, r.font.color.rgb and str(r.font.color.rgb),
                r.element.find(f"{qn('w:rPr')}/{qn('w:shd')}")) for r in line.runs
               if r.text.strip() and not r.text.endswith(": ")] for line in lines]
    shown = [[(text, bold, colour, shd is not None and shd.get(qn("w:fill")))
              for text, bold, colour, shd in badge] for badge in badges]
    assert shown == [[(RED.label, True, RED.text_colour.upper(), RED.colour.upper())],
                     [(AMBER.label, True, AMBER.text_colour.upper(), AMBER.colour.upper())],
                     [("None", True, None, False)]]


def test_without_a_portfolio_heading_or_outcome_name_the_levels_move_up():
    nameless = Outcome(None, None, (QUALITY,))
    scorecard = Scorecard(PROPERTIES, "Appendix 1", None, PERIODS, (OUTCOME, nameless))
    document = read(scorecard)
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith("Heading")]
    assert headings == [("Heading 1", "Legend"), ("Heading 1", OUTCOME.name),
                        ("Heading 2", "Quality"), ("Heading 2", "Demand"),
                        ("Heading 1", "Quality")]
    lines = [p.text for p in document.paragraphs if p.style.name == "Status Line"]
    assert lines.count("Outcome RAG: ■ Red") == 1 and "Outcome RAG: None" not in lines


def test_each_table_has_the_header_with_the_period_labels(document):
    assert len(document.tables) == 2
    assert [texts(t)[0] for t in document.tables] == [HEADER, HEADER]


def test_rows_come_in_order(document):
    assert [[r[:2] for r in texts(t)[1:]] for t in document.tables] == [
        [["1", AUDITS.measure], ["2", OVERSIGHT.measure], ["3", REPEATS.measure]],
        [["4", PLANS.measure], ["5", HOSTILE]],
    ]


def test_header_row_repeats_and_short_rows_do_not_split(document):
    """A row is kept whole unless it is estimated taller than a fifth of the page: the
    hostile row, whose 45 characters wrap in every narrow period column, may split."""
    kept = {}
    for table in document.tables:
        header, *body = table.rows
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None
        assert header._tr.trPr.find(qn("w:cantSplit")) is not None
        assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in body)
        kept.update((cell_text(cells(r)[0]), r._tr.trPr.find(qn("w:cantSplit")) is not None)
                    for r in body)
    assert kept == {"1": True, "2": True, "3": True, "4": True, "5": False}


def test_unavailable_row_spans_the_period_columns(document):
    row = cells(document.tables[0].rows[2])
    spanning = row[len(FIXED_BEFORE)]
    assert span(spanning) == len(PERIODS)
    assert cell_text(spanning) == "Data currently unavailable"
    assert len(row) == len(FIXED_BEFORE) + 1 + len(FIXED_AFTER)
    assert sum(span(tc) for tc in row) == len(HEADER)
    assert cell_text(row[NARRATIVE]) == "This measure is currently under development"


def test_other_rows_have_one_cell_per_period(document):
    for table in document.tables:
        for row in table.rows:
            if "Data currently unavailable" not in [cell_text(tc) for tc in cells(row)]:
                assert len(cells(row)) == len(HEADER)
                assert all(tc.tcPr.find(qn("w:gridSpan")) is None for tc in cells(row))


def test_value_cells_show_arrow_and_value(document):
    audits, repeats, plans = (texts(document.tables[t])[r] for t, r in ((0, 1), (0, 3), (1, 1)))
    first = len(FIXED_BEFORE)
    assert audits[first:first + 5] == ["→ 71%", "↑ 83%", "↓ 61%", "", ""]
    assert repeats[first:first + 5] == ["↑ 25%", "↓ 33%", "", "", ""]  # padded to the periods
    assert plans[first:first + 5] == ["93", "104", "109", "", ""]
    assert audits[:5] == ["1", AUDITS.measure, "High", "Month only (not quarterly data)", "60%"]
    assert plans[4] == "Monitor"


@pytest.mark.parametrize(("table", "index", "status"), [
    (0, 1, GREEN), (0, 2, UNAVAILABLE), (0, 3, RED), (1, 1, MONITOR), (1, 2, AMBER),
])
def test_rag_cell_shows_word_and_symbol_bold_on_the_status_colour(document, table, index,
                                                                   status):
    cell = cells(document.tables[table].rows[index])[RAG]
    runs = [r for r in cell.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t")))]
    assert cell_text(cell) == status.label
    assert all(r.rPr is not None and r.rPr.find(qn("w:b")) is not None for r in runs)
    assert {r.rPr.find(qn("w:color")).get(qn("w:val")) for r in runs} == {status.text_colour}
    assert cell.tcPr.find(qn("w:shd")).get(qn("w:fill")) == status.colour


def test_benchmarks_and_narrative_are_flows(document):
    row = document.tables[0].rows[3]
    narrative = [c for c in row.cells][NARRATIVE]
    assert [(p.style.name, p.text) for p in narrative.paragraphs] == [
        ("Normal", "See the summary report.\nSecond line."),
        ("List Number", "Step one"),
        ("List Number", "Step two"),
    ]
    bold = [r.text for r in narrative.paragraphs[0].runs if r.bold]
    assert bold == ["summary report"]
    assert [c for c in row.cells][BENCHMARKS].text == "Statistical Neighbour Average (2015): 23%"


def test_hostile_text_comes_out_literally(document):
    row = texts(document.tables[1])[2]
    assert row[1] == row[4] == row[BENCHMARKS] == row[NARRATIVE] == HOSTILE
    assert row[len(FIXED_BEFORE)] == f"↑ {HOSTILE}"
    assert [p.text for p in document.paragraphs if p.style.name == "Legend"][-1] == HOSTILE
    everything = "".join(cell_text(tc) for t in document.tables for r in t.rows
                         for tc in cells(r))
    everything += "".join(p.text for p in document.paragraphs)
    assert "49" not in everything
    assert "{{" not in everything.replace(HOSTILE, "")
    assert "{%" not in everything.replace(HOSTILE, "")


def test_hostile_names_periods_and_properties_come_out_literally():
    hostile = Scorecard(
        Properties(HOSTILE, HOSTILE, HOSTILE, HOSTILE), HOSTILE, HOSTILE, (HOSTILE, "Jun 2016"),
        (Outcome(HOSTILE, RED, (Group(HOSTILE, None, (AUDITS,)),)),), (HOSTILE,))
    document = read(hostile)
    assert [p.text for p in document.paragraphs if p.style.name != "Normal"] == [
        HOSTILE, HOSTILE, "Legend", HOSTILE, HOSTILE, "Outcome RAG: ■ Red", HOSTILE,
        "Theme RAG: None"]
    assert texts(document.tables[0])[0][len(FIXED_BEFORE)] == HOSTILE
    caption = document.tables[0]._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val"))
    assert caption == f"{HOSTILE}: {HOSTILE} - measures"
    assert document.core_properties.title == HOSTILE


def test_columns_are_fixed_and_fill_the_text_width(document):
    width = text_width(document)
    for table in document.tables:
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        columns = grid(table)
        assert len(columns) == len(HEADER)
        assert sum(columns) == pytest.approx(width, rel=0.01)
        for row in table.rows:
            at = 0
            for tc in cells(row):
                assert tc.tcPr.find(qn("w:tcW")).get(qn("w:type")) == "dxa"
                assert int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) == sum(
                    columns[at:at + span(tc)])
                at += span(tc)
    columns = grid(document.tables[0])
    periods = columns[len(FIXED_BEFORE):len(FIXED_BEFORE) + len(PERIODS)]
    assert len(set(periods)) == 1  # the period columns share their width equally
    assert columns[0] == min(columns) and columns[NARRATIVE] == max(columns)


@pytest.mark.parametrize("count", [1, 3, 8, 12])
def test_other_period_counts_still_fill_the_text_width(document, count):
    periods = tuple(f"P{n}" for n in range(count))
    scorecard = Scorecard(PROPERTIES, "Appendix 1", HEADING, periods, (OUTCOME,))
    other = read(scorecard)
    table = other.tables[0]
    assert texts(table)[0] == FIXED_BEFORE + list(periods) + FIXED_AFTER
    columns = grid(table)
    assert sum(columns) == pytest.approx(text_width(other), rel=0.01)
    assert len(columns) == len(FIXED_BEFORE) + count + len(FIXED_AFTER)
    default = grid(document.tables[0])
    # Measure, the periods and Narrative give or take; the others keep their widths (85% of
    # them in a table set in 8 pt).
    kept = (0, 2, 3, 4, RAG, BENCHMARKS)
    scale = 0.85 if sizes(table) == {"16"} else 1
    assert [columns[i] for i in kept] == [int(default[i] * scale) for i in kept]
    assert (count >= 9) == (scale != 1)
    periods_width = columns[len(FIXED_BEFORE):len(FIXED_BEFORE) + count]
    assert max(periods_width) - min(periods_width) <= 1
    assert span(cells(table.rows[2])[len(FIXED_BEFORE)]) == count
    assert all(len(cells(r)) == len(columns) for r in table.rows if r._index != 2)


def sizes(table) -> set[str | None]:
    """Return the direct font sizes (half-points) of the table's runs."""
    found = set()
    for run in table._tbl.iter(qn("w:r")):
        size = run.rPr.find(qn("w:sz")) if run.rPr is not None else None
        found.add(None if size is None else size.get(qn("w:val")))
    return found


def test_many_periods_set_the_table_in_8_pt(document):
    assert sizes(document.tables[0]) == {"18"}  # five periods: 9 pt, as the measures tables
    periods = tuple(f"Q{n % 4 + 1} {2010 + n // 4}/{11 + n // 4}" for n in range(12))
    dense = read(Scorecard(PROPERTIES, "Appendix 1", HEADING, periods, (OUTCOME,)))
    assert sizes(dense.tables[0]) == {"16"}
    assert {p.style.name for p in dense.paragraphs if p.runs and p.runs[0].font.size} == set()


def test_cell_and_run_properties_are_in_schema_order(document):
    row = cells(document.tables[0].rows[2])
    assert [child.tag for child in row[len(FIXED_BEFORE)].tcPr] == [qn("w:tcW"), qn("w:gridSpan")]
    assert [child.tag for child in row[RAG].tcPr] == [qn("w:tcW"), qn("w:shd")]
    rag = next(r for r in row[RAG].iter(qn("w:r")) if "".join(r.itertext()).strip())
    assert [child.tag for child in rag.rPr] == [qn("w:b"), qn("w:color"), qn("w:sz"),
                                                qn("w:szCs")]


def test_styles_are_the_performance_report_styles(document):
    assert document.styles["Normal"].font.name == "Arial"
    assert document.styles["Normal"].font.size.pt == 10
    assert all(t.style.name == "Performance Table" for t in document.tables)
    header = document.tables[0].rows[0].cells[0].paragraphs[0]
    assert header.style.name == "Table Heading"
    assert document.styles["Status Line"].paragraph_format.keep_with_next


def test_core_properties_come_from_the_scorecard(document):
    props = document.core_properties
    assert (props.title, props.author, props.subject, props.keywords, props.language) == (
        PROPERTIES.title, PROPERTIES.author, PROPERTIES.subject, PROPERTIES.keywords, "en-GB")


def test_two_renders_are_byte_identical():
    assert render() == render()


def test_times_come_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1496620800")  # 2017-06-05 00:00 UTC
    first = render()
    assert first == render()
    props = Document(io.BytesIO(first)).core_properties
    assert props.created.isoformat()[:10] == "2017-06-05"


def test_committed_template_matches_the_script():
    spec = importlib.util.spec_from_file_location("make_docx_templates",
                                                  ROOT / "scripts" / "make_docx_templates.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.build_scorecard_template() == (
        TEMPLATES / "appendix-scorecard.docx").read_bytes(), (
        "run scripts/make_docx_templates.py and commit templates/appendix-scorecard.docx")
