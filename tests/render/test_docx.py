"""Tests for reportgen.render.docx: render a hand-built report, read it back with python-docx."""

from __future__ import annotations

import importlib.util
import io
import struct
import zlib
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from reportgen.document import (
    Block, Chart, Count, Part, PerformanceReport, Properties, Row, Run, StatusView, Table,
    TableBlock, plain,
)
from reportgen.render.docx import render_docx

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "reportgen" / "render" / "templates"
HEADER = ["No.", "Measure", "Target", "Current position", "RAG", "Benchmarking", "Commentary"]
HOSTILE = "<b>&</w:t><w:t>{{ 7*7 }} {_{ x }_} {_% y %_}"

GREEN = StatusView("Green", "★", "green", "00703C", "FFFFFF")
AMBER = StatusView("Amber", "●", "amber", "FFDD00", "0B0C0C")
RED = StatusView("Red", "■", "red", "D4351C", "FFFFFF")


def tiny_png(width: int = 8, height: int = 4) -> bytes:
    """Return a valid grey PNG of `width` x `height` pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def row(number: int, name: str, status: StatusView, commentary=(), benchmarking=(),
        note=()) -> Row:
    return Row(number, f"M{number}", name, "100% (5% tolerance)", "95%", tuple(note), status,
               tuple(benchmarking) or plain("Benchmarking information is not available."),
               tuple(commentary) or plain(f"Commentary on {name}."))


def chart(where: str, green: int, amber: int, red: int) -> Chart:
    counts = (Count(GREEN, green), Count(AMBER, amber), Count(RED, red))
    return Chart(f"Measures by RAG status in {where}", counts,
                 f"Bar chart of the measures with a RAG in {where}: Green {green}, "
                 f"Amber {amber}, Red {red}.")


COMMENTARY = (
    Block((Run("Performance is "), Run("on target", bold=True), Run(" and "),
           Run("improving", italic=True), Run(".\nA second line."))),
    Block((Run("First bullet"),), "bullet"),
    Block((Run("Nested bullet"),), "bullet", 1),
    Block((Run("Actions:", bold=True),)),
    Block((Run("Step one"),), "number"),
    Block((Run("Step two"),), "number"),
)

CARE = Part("Children's Social Care", 4, 1, chart("Children's Social Care", 2, 1, 1), (
    Table("good", "Key areas of good performance", (
        row(1, "% of children seen in the last 4 weeks", GREEN, COMMENTARY),
        row(2, "% of reviews completed on time", GREEN),
    ), "Children's Social Care: Key areas of good performance"),
    Table("lower", "All areas of lower than expected performance (Red or Amber)", (
        row(1, "% repeat referrals", RED, note=plain("Latest available: Q1")),
        row(2, HOSTILE, AMBER, benchmarking=plain(HOSTILE),
            commentary=(Block((Run("Step A"),), "number"),)),
    ), "Children's Social Care: All areas of lower than expected performance (Red or Amber)"),
))
EDUCATION = Part("Education", 1, 0, chart("Education", 0, 0, 1), (
    Table("good", "Key areas of good performance", (), "Education: Key areas of good performance"),
    Table("lower", "All areas of lower than expected performance (Red or Amber)", (
        row(1, "Permanent exclusion rate - primary", RED),
    ), "Education: All areas of lower than expected performance (Red or Amber)"),
))
PROPERTIES = Properties(title="Children's Services performance report Q2 2018/19",
                        author="Business Intelligence", subject="Cabinet 5 November 2018",
                        keywords="performance; RAG; Q2 2018/19")
REPORT = PerformanceReport(properties=PROPERTIES,
                           heading="Children's Services Portfolio - Cllr. Warren Whyte",
                           period="Q2 2018/19", parts=(CARE, EDUCATION),
                           legend=(f"{GREEN.label}: at or better than the tolerance target.",
                                   f"{RED.label}: worse by more than 10% of it."))


def render(report: PerformanceReport = REPORT) -> bytes:
    return render_docx(report, lambda c: tiny_png(), TEMPLATES)


@pytest.fixture(scope="module")
def document():
    return Document(io.BytesIO(render()))


def texts(table) -> list[list[str]]:
    return [[cell.text for cell in r.cells] for r in table.rows]


def test_each_table_has_the_header(document):
    assert [texts(t)[0] for t in document.tables] == [HEADER] * 4


def test_rows_come_in_order_with_their_numbers(document):
    assert [[r[:2] for r in texts(t)[1:]] for t in document.tables] == [
        [["1", "% of children seen in the last 4 weeks"], ["2", "% of reviews completed on time"]],
        [["1", "% repeat referrals"], ["2", HOSTILE]],
        [],
        [["1", "Permanent exclusion rate - primary"]],
    ]


def test_headings_follow_the_parts(document):
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name in ("Title", "Heading 1", "Heading 2")]
    assert headings == [
        ("Title", REPORT.heading),
        ("Heading 1", "Legend"),  # under the title, as in the PDF and HTML
        ("Heading 1", "Children's Social Care"),
        ("Heading 2", "Key areas of good performance"),
        ("Heading 2", "All areas of lower than expected performance (Red or Amber)"),
        ("Heading 1", "Education"),
        ("Heading 2", "Key areas of good performance"),
        ("Heading 2", "All areas of lower than expected performance (Red or Amber)"),
    ]


def test_counts_follow_each_chart(document):
    body = [p.text for p in document.paragraphs]
    assert body.count("Total number of measures with a RAG (shown in chart above): 4") == 1
    assert body.count("Measures where data currently unavailable: 1") == 1
    assert body.count("Total number of measures with a RAG (shown in chart above): 1") == 1


@pytest.mark.parametrize(("table", "index", "status"), [
    (0, 1, GREEN), (1, 1, RED), (1, 2, AMBER), (3, 1, RED),
])
def test_rag_cell_shows_word_and_symbol_bold_on_the_status_colour(document, table, index,
                                                                   status):
    cell = document.tables[table].rows[index].cells[4]
    runs = [r for r in cell.paragraphs[0].runs if r.text]
    assert cell.text == status.label
    assert all(r.bold for r in runs)
    assert {str(r.font.color.rgb) for r in runs} == {status.text_colour}
    assert cell._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == status.colour


def test_header_row_repeats_and_short_rows_do_not_split(document):
    for table in document.tables:
        header, *body = table.rows
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None
        assert header._tr.trPr.find(qn("w:cantSplit")) is not None
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in body)  # all short
        assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in body)


LONG = tuple(plain(f"Paragraph {n} of a long commentary that runs on and on. " * 4)
             for n in range(12))


def test_a_row_taller_than_a_fifth_of_the_page_may_break_across_pages():
    """Kept whole, a row of long commentary leaves most of a page blank (seed 000's rows)."""
    commentary = tuple(block for flow in LONG for block in flow)
    table = Table("lower", "Lower", (row(1, "Short", RED), row(2, "Long", RED, commentary)),
                  "Lower")
    part = Part("Care", 2, 0, chart("Care", 0, 0, 2), (table,))
    document = Document(io.BytesIO(render(PerformanceReport(PROPERTIES, None, None, (part,)))))
    header, short, long = document.tables[0].rows
    assert [r._tr.trPr.find(qn("w:cantSplit")) is not None for r in (header, short, long)] == [
        True, True, False]


def test_columns_are_fitted_to_what_they_hold(document):
    """The RAG column is no wider than its longest label; Measure, Benchmarking and
    Commentary share the room (Commentary, holding the most, the widest); the columns fill
    the text width (the PDF's: 18.2 cm)."""
    for table in document.tables:
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert grid == [c.width.twips for c in table.rows[0].cells]
        assert sum(grid) == pytest.approx(18.2 / 2.54 * 1440, abs=2)
        assert grid[4] < 1.9 * 567  # "● Amber" in 9 pt bold: under the template's 1.9 cm
        assert min(grid[i] for i in (1, 5, 6)) >= 2 * 567
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    first = [int(c.get(qn("w:w"))) for c in document.tables[0]._tbl.tblGrid.iter(qn("w:gridCol"))]
    assert first[6] == max(first)  # its rows hold the longest commentary


def test_no_column_is_narrower_than_its_longest_word():
    """"Multidisciplinary" in 9 pt Arial Bold (about 0.6 em a letter) plus the cell margins
    (170 twips) must fit the Measure column, even beside long commentary."""
    commentary = tuple(block for flow in LONG for block in flow)
    table = Table("lower", "Lower", (row(1, "Multidisciplinary reviews", RED, commentary),),
                  "Lower")
    part = Part("Care", 1, 0, chart("Care", 0, 0, 1), (table,))
    document = Document(io.BytesIO(render(PerformanceReport(PROPERTIES, None, None, (part,)))))
    measure, benchmarking = (document.tables[0].rows[0].cells[i].width.twips for i in (1, 5))
    assert measure >= 17 * 0.6 * 180 + 170
    assert benchmarking >= 12 * 0.6 * 180 + 170  # "Benchmarking", the header


def test_tables_are_set_in_9_pt_as_the_pdf(document):
    sizes = {r.font.size.pt for t in document.tables for c in t._cells for p in c.paragraphs
             for r in p.runs if r.text}
    assert sizes == {9}
    assert {p.runs[0].font.size for p in document.paragraphs if p.runs} == {None}


def test_the_last_row_keeps_with_the_legend(document):
    """The legend never sits alone on the last page."""
    last = document.tables[-1].rows[-1]
    assert all(cell.paragraphs[-1].paragraph_format.keep_with_next for cell in last.cells)
    assert document.styles["Legend"].paragraph_format.keep_with_next


def test_page_is_a4_portrait_with_the_pdfs_margins(document):
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert [round(m.cm, 1) for m in (section.top_margin, section.left_margin,
                                     section.right_margin, section.bottom_margin)] == [
        1.6, 1.4, 1.4, 1.8]


def test_styles_are_named_styles(document):
    used = {p.style.name for p in document.paragraphs}
    used |= {p.style.name for t in document.tables for c in t._cells for p in c.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Normal", "List Bullet", "List Bullet 2",
            "List Number", "Legend", "Table Heading"} <= used
    assert document.styles["Normal"].font.name == "Arial"
    assert document.styles["Normal"].font.size.pt == 10
    assert document.tables[0].style.name == "Performance Table"


def test_hostile_text_comes_out_literally(document):
    measure, benchmarking = (document.tables[1].rows[2].cells[i] for i in (1, 5))
    assert measure.text == benchmarking.text == HOSTILE
    assert "49" not in "".join(c.text for t in document.tables for c in t._cells)


def test_runs_keep_bold_italic_and_line_breaks(document):
    first = document.tables[0].rows[1].cells[6].paragraphs[0]
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in first.runs][:4] == [
        ("Performance is ", False, False), ("on target", True, False), (" and ", False, False),
        ("improving", False, True)]
    assert first._p.findall(".//" + qn("w:br"))
    assert first.text == "Performance is on target and improving.\nA second line."


def test_blocks_become_paragraphs_in_list_styles(document):
    cell = document.tables[0].rows[1].cells[6]
    assert [(p.style.name, p.text) for p in cell.paragraphs] == [
        ("Normal", "Performance is on target and improving.\nA second line."),
        ("List Bullet", "First bullet"),
        ("List Bullet 2", "Nested bullet"),
        ("Normal", "Actions:"),
        ("List Number", "Step one"),
        ("List Number", "Step two"),
    ]


def test_each_numbered_list_starts_again(document):
    def num_ids(cell):
        return [p._p.pPr.numPr.numId.val for p in cell.paragraphs
                if p.style.name == "List Number"]
    first = num_ids(document.tables[0].rows[1].cells[6])
    second = num_ids(document.tables[1].rows[2].cells[6])
    assert len(set(first)) == 1 and len(second) == 1 and first[0] != second[0]


def test_position_cell_holds_the_value_then_its_note(document):
    assert [p.text for p in document.tables[1].rows[1].cells[3].paragraphs] == [
        "95%", "Latest available: Q1"]


def test_no_template_tags_are_left(document):
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for c in t._cells).replace(HOSTILE, "")
    assert "{{" not in text and "{%" not in text and "}}" not in text


def test_cell_and_run_properties_are_in_schema_order(document):
    for cell in document.tables[0].rows[1].cells:
        tags = [child.tag for child in cell._tc.tcPr]
        assert tags[0] == qn("w:tcW")
    rag = document.tables[0].rows[1].cells[4]
    run = next(r for r in rag.paragraphs[0].runs if r.text)
    assert [child.tag for child in run._r.rPr] == [qn("w:b"), qn("w:color"), qn("w:sz"),
                                                   qn("w:szCs")]


def test_core_properties_come_from_the_report(document):
    props = document.core_properties
    assert (props.title, props.author, props.subject, props.keywords, props.language) == (
        PROPERTIES.title, PROPERTIES.author, PROPERTIES.subject, PROPERTIES.keywords, "en-GB")


def test_charts_carry_their_alt_text(document):
    doc_prs = document.element.body.findall(".//" + qn("wp:docPr"))
    assert [(d.get("descr"), d.get("title")) for d in doc_prs] == [
        (CARE.chart.alt, CARE.chart.title), (EDUCATION.chart.alt, EDUCATION.chart.title)]


def test_tables_carry_their_caption(document):
    captions = [t._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) for t in document.tables]
    assert captions == [t.caption for p in REPORT.parts for t in p.tables]


def test_without_a_heading_the_title_stands_in():
    report = PerformanceReport(PROPERTIES, None, None, (CARE,))
    document = Document(io.BytesIO(render(report)))
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == [PROPERTIES.title]
    assert not [p for p in document.paragraphs if p.style.name == "Subtitle"]
    assert document.sections[0].header.paragraphs[0].text == f"{PROPERTIES.title}\t"


def test_under_a_portfolio_heading_the_title_is_the_subtitle(document):
    """As the PDF: the portfolio heading, then which report this is (seed 002)."""
    first, second = document.paragraphs[:2]
    assert (first.style.name, first.text) == ("Title", REPORT.heading)
    assert (second.style.name, second.text) == ("Subtitle", PROPERTIES.title)


def test_pages_carry_the_running_head_and_page_n_of_n(document):
    """As the PDF's margins: the document's heading at the top, "Page n of N" from Word
    fields at the foot (Word renumbers them after edits)."""
    section = document.sections[0]
    assert [p.text for p in section.header.paragraphs] == [f"{REPORT.heading}\t"]
    footer = section.footer.part.element
    assert [f.get(qn("w:instr")).strip() for f in footer.iter(qn("w:fldSimple"))] == [
        "PAGE", "NUMPAGES"]
    assert "".join(t.text for t in footer.iter(qn("w:t"))) == "Page 1 of 1"


def test_measure_names_are_bold_as_row_headers(document):
    for table in document.tables:
        for body_row in table.rows[1:]:
            runs = [r for r in body_row.cells[1].paragraphs[0].runs if r.text]
            assert runs and all(r.bold for r in runs)


def test_two_renders_are_byte_identical():
    assert render() == render()


def test_times_come_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1541376000")  # 2018-11-05 00:00 UTC
    first = render()
    assert first == render()
    props = Document(io.BytesIO(first)).core_properties
    assert props.created.isoformat()[:10] == props.modified.isoformat()[:10] == "2018-11-05"


def test_committed_template_matches_the_script():
    spec = importlib.util.spec_from_file_location("make_docx_templates",
                                                  ROOT / "scripts" / "make_docx_templates.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.build_template() == (TEMPLATES / "performance-report.docx").read_bytes(), (
        "run scripts/make_docx_templates.py and commit templates/performance-report.docx")


NEW_ELEMENTS = (
    Block((Run("What changed"),), "subheading"),
    Block((Run("Read "), Run("the guidance", href="https://www.gov.uk/guidance"),
           Run(" first."))),
    TableBlock(header=((Run("Judgement"),), (Run("Count"),)),
               rows=(((Run(HOSTILE),), (Run("2"),)),)),
)


@pytest.fixture(scope="module")
def new_elements():
    """A performance report whose commentary cell holds a sub-heading, a link and a table."""
    part = Part("Children's Social Care", 1, 0, chart("Children's Social Care", 1, 0, 0), (
        Table("good", "Key areas of good performance",
              (row(1, "% seen", GREEN, NEW_ELEMENTS),), "Key areas of good performance"),))
    return Document(io.BytesIO(render(PerformanceReport(PROPERTIES, None, None, (part,)))))


def test_cell_sub_heading_is_a_bold_subheading_paragraph(new_elements):
    cell = new_elements.tables[0].rows[1].cells[6]
    first = cell.paragraphs[0]
    assert (first.style.name, first.text) == ("Subheading", "What changed")
    assert first.style.font.bold


def test_cell_link_is_a_word_hyperlink(new_elements):
    cell = new_elements.tables[0].rows[1].cells[6]
    links = cell._tc.findall(".//" + qn("w:hyperlink"))
    assert len(links) == 1
    rel = new_elements.part.rels[links[0].get(qn("r:id"))]
    assert rel.is_external and rel.target_ref == "https://www.gov.uk/guidance"
    assert cell.paragraphs[1].text == "Read the guidance first."
    assert new_elements.styles["Hyperlink"].type == 2  # a character style


def test_cell_table_is_a_nested_table_with_a_repeating_header(new_elements):
    cell = new_elements.tables[0].rows[1].cells[6]
    nested = cell.tables
    assert len(nested) == 1
    assert [[c.text for c in r.cells] for r in nested[0].rows] == [["Judgement", "Count"],
                                                                  [HOSTILE, "2"]]
    assert nested[0].rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert cell._tc[-1].tag == qn("w:p")  # a cell ends with a paragraph
