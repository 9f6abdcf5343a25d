"""Tests for reportgen.render_docx.render_cabinet_docx: the sample Report to Cabinet (seed 004)
and a small hand-built confidential report with hostile text, read back with python-docx."""

from __future__ import annotations

import importlib.util
import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from reportgen.compose.cabinet import compose_cabinet_report
from reportgen.document import (
    Block, CabinetReport, CoverRow, Paragraph, Properties, Run, Section, TableBlock, plain,
)
from reportgen.compose.markup import parse_markup
from reportgen.read.workbook import require_report_set
from reportgen.render.docx import render_cabinet_docx

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "reportgen" / "render" / "templates"
SAMPLE = ROOT / "inputs" / "cabinet-2017-06"
HOSTILE = "<b>&</w:t><w:t>{{ 7*7 }} {_{ x }_} {_% y %_}"
URL = "https://www.gov.uk/government/publications/wood-review?a=1&b=2"


@pytest.fixture(scope="module")
def sample() -> CabinetReport:
    report_set, _ = require_report_set(SAMPLE)
    return compose_cabinet_report(report_set)


@pytest.fixture(scope="module")
def sample_bytes(sample) -> bytes:
    return render_cabinet_docx(sample, TEMPLATES)


@pytest.fixture(scope="module")
def document(sample_bytes):
    return Document(io.BytesIO(sample_bytes))


def hostile_report() -> CabinetReport:
    """A confidential report with hostile text everywhere, links, two numbered lists, nested
    bullets, sub-headings and a table; its properties do not mention confidentiality."""
    links = parse_markup(f"See [the Wood review]({URL}) and [the intranet](#) for more.")
    first = Paragraph(1, (Run(HOSTILE, bold=True), Run(" (March 2016)")), (
        Block((Run("Before the list:"),)),
        Block((Run("Step one"),), "number"),
        Block((Run("Step two"),), "number"),
        Block((Run("Between the lists."),)),
        Block((Run("Again one"),), "number"),
        Block((Run("Topic"),), "subheading"),
        Block((Run("Parent"),), "bullet"),
        Block((Run(HOSTILE),), "bullet", 1),
        TableBlock(header=((Run("Name"),), (Run("Value"),)),
                   rows=(((Run(HOSTILE),), (Run("1"),)), ((Run("Other"),), (Run("2%"),)))),
        *links,
    ))
    second = Paragraph(2, (Run("Second heading", bold=True),), plain("Body of two."))
    return CabinetReport(
        properties=Properties(title=f"Title {HOSTILE}", author="Author & Co",
                              subject="Cabinet 5 June 2017", keywords="Cabinet, report"),
        title="Report to Cabinet",
        confidential=True,
        cover=(CoverRow("Confidential", "Yes: not for publication"), CoverRow("Title", HOSTILE),
               CoverRow("Date", "Monday 5 June 2017")),
        press_line=f"Press {HOSTILE}",
        summary=(Block((Run("Summary heading"),), "subheading"), Block((Run(HOSTILE),))),
        recommendation=plain("Cabinet note the report."),
        sections=(Section(f"A. {HOSTILE}", (Paragraph(None, (), plain("Intro.")), first)),
                  Section("B. Second", (second,))),
        background_papers=plain("None."),
        views=plain("Your views."),
    )


@pytest.fixture(scope="module")
def hostile_bytes() -> bytes:
    return render_cabinet_docx(hostile_report(), TEMPLATES)


@pytest.fixture(scope="module")
def hostile(hostile_bytes):
    return Document(io.BytesIO(hostile_bytes))


def text_of(element) -> str:
    """The text of `element`'s w:t elements (python-docx's own itertext repeats runs)."""
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def numbered(document):
    return [p for p in document.paragraphs if p.style.name == "Numbered Heading"]


def num_id(paragraph) -> int | None:
    num_pr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
    return num_pr.numId.val if num_pr is not None else None


def numbering(document):
    return document.part.numbering_part.element


def abstract_level(document, num: int):
    """Return the w:lvl of numbering instance `num`."""
    element = numbering(document)
    abstract = element.num_having_numId(num).abstractNumId.val
    found = next(a for a in element.findall(qn("w:abstractNum"))
                 if a.get(qn("w:abstractNumId")) == str(abstract))
    return found.find(qn("w:lvl"))


def outline_level(style) -> int | None:
    """The outline level (0 = Heading 1) a paragraph style has, following its base styles."""
    while style is not None:
        ppr = style.element.pPr
        level = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if level is not None:
            return int(level.get(qn("w:val")))
        style = style.base_style
    return None


# --- paragraph numbering -----------------------------------------------------------------


def test_numbered_headings_share_one_word_numbering(document, sample):
    headings = numbered(document)
    model = [p for s in sample.sections for p in s.paragraphs if p.number is not None]
    assert len(headings) == len(model) == 24
    ids = {num_id(p) for p in headings}
    assert len(ids) == 1 and None not in ids
    level = abstract_level(document, ids.pop())
    assert level.find(qn("w:numFmt")).get(qn("w:val")) == "decimal"
    assert level.find(qn("w:lvlText")).get(qn("w:val")) == "%1."
    assert level.find(qn("w:start")).get(qn("w:val")) == "1"


def test_numbered_headings_carry_no_typed_numbers(document):
    for paragraph in numbered(document):
        assert not re.match(r"\s*\d", paragraph.text), paragraph.text


def test_numbered_headings_follow_the_model_1_to_24(document, sample):
    model = [p for s in sample.sections for p in s.paragraphs if p.number is not None]
    assert [p.number for p in model] == list(range(1, 25))
    assert [p.text for p in numbered(document)] == ["".join(r.text for r in p.heading)
                                                    for p in model]


def test_numbered_heading_is_a_navigable_heading_below_the_section(document):
    style = document.styles["Numbered Heading"]
    assert outline_level(style) == 1  # level 2: under the Heading 1 section titles
    assert style.base_style.name == "Heading 2"
    ppr = style.element.pPr
    assert ppr.numPr.numId.val == num_id(numbered(document)[0])  # new ones number themselves


def test_heading_runs_keep_their_weight(document):
    wood = numbered(document)[1]
    assert [(r.text, r.bold) for r in wood.runs] == [("Wood Report", True),
                                                    (" (March 2016)", False)]


def test_body_is_indented_to_the_heading_text(document):
    indent = document.styles["Body Text Indent"].paragraph_format.left_indent
    heading = document.styles["Numbered Heading"].element.pPr.ind
    assert indent.twips == heading.left.twips == heading.hanging.twips == 567
    first = numbered(document)[0]._p.getnext()
    assert first.pPr.pStyle.val == "BodyTextIndent"


# --- lists -------------------------------------------------------------------------------


def test_sample_numbered_list_counts_from_one(document):
    items = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in items] == [
        "The principles of social care inspection",
        "Inspections of local authority children's services (ILACS)",
        "A social care common inspection framework (SCCIF) for all",
        "Specific changes to Ofsted's inspections of independent fostering agencies (IFAs)"]
    assert len({num_id(p) for p in items}) == 1
    assert num_id(items[0]) != num_id(numbered(document)[0])


def test_each_numbered_list_restarts(hostile):
    items = [p for p in hostile.paragraphs if p.style.name == "List Number"]
    ids = [num_id(p) for p in items]
    assert [p.text for p in items] == ["Step one", "Step two", "Again one"]
    assert ids[0] == ids[1] != ids[2]
    for num in {ids[0], ids[2]}:
        override = numbering(hostile).num_having_numId(num).find(qn("w:lvlOverride"))
        assert override.find(qn("w:startOverride")).get(qn("w:val")) == "1"


def test_nested_bullets_use_the_list_bullet_styles(document):
    styles = [(p.style.name, p.text) for p in document.paragraphs
              if p.style.name.startswith("List Bullet")]
    at = styles.index(("List Bullet", "Early Help for Children and Families"))
    assert styles[at + 1] == ("List Bullet 2", "Development of a new delivery model for Early Help")


# --- tables and links --------------------------------------------------------------------


def test_sif_table_is_a_real_table_with_a_repeating_header(document):
    cover, sif = document.tables
    assert [[c.text for c in row.cells] for row in sif.rows] == [
        ["Judgement", "Count", "%"], ["Outstanding", "2", "2%"], ["Good", "35", "27%"],
        ["Requires Improvement", "60", "47%"], ["Inadequate", "32", "25%"]]
    header, *rows = sif.rows
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in rows)
    assert sif.style.name == "Performance Table"
    assert sif.style.element.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}") is not None
    grid = [int(c.get(qn("w:w"))) for c in sif._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid == [c.width.twips for c in header.cells] and min(grid) > 0
    assert sif._tbl.tblPr.find(qn("w:tblInd")).get(qn("w:w")) == "567"
    assert text_of(sif._tbl.getprevious()).startswith("To date, 129 local authorities")
    assert text_of(sif._tbl.getnext()) == "Joint Targeted Area Inspections (JTAI)"


def test_https_link_is_a_word_hyperlink_and_hash_link_plain_text(hostile):
    links = hostile.element.body.findall(".//" + qn("w:hyperlink"))
    assert len(links) == 1
    rel = hostile.part.rels[links[0].get(qn("r:id"))]
    assert (rel.reltype, rel.is_external, rel.target_ref) == (RT.HYPERLINK, True, URL)
    assert text_of(links[0]) == "the Wood review"
    run = links[0].find(qn("w:r"))
    assert run.find(qn("w:rPr")).find(qn("w:rStyle")).get(qn("w:val")) == "Hyperlink"
    assert hostile.styles["Hyperlink"].font.underline
    paragraph = next(p for p in hostile.paragraphs if "the intranet" in p.text)
    assert paragraph.text == "See the Wood review and the intranet for more."
    intranet = next(r for r in paragraph.runs if "the intranet" in r.text)
    assert intranet._r.getparent().tag == qn("w:p")  # not inside a w:hyperlink


def test_table_in_a_numbered_body_holds_hostile_text(hostile):
    table = hostile.tables[1]  # after the cover
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Name", "Value"], [HOSTILE, "1"], ["Other", "2%"]]


# --- cover, confidentiality, page, properties ----------------------------------------------


def test_cover_is_a_bordered_table_of_labels_and_values(document, sample):
    """As the PDF's cover: a bordered table, the labels (bold, shaded) its row headers."""
    cover = document.tables[0]
    assert [[c.text for c in row.cells] for row in cover.rows] == [
        [f"{row.label}:", row.value] for row in sample.cover]
    assert all(run.bold for row in cover.rows for run in row.cells[0].paragraphs[0].runs)
    assert cover.style.name == "Cover Table"
    assert cover.style.element.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}") is not None
    look = cover._tbl.tblPr.find(qn("w:tblLook"))
    assert (look.get(qn("w:firstColumn")), look.get(qn("w:firstRow"))) == ("1", "0")
    caption = cover._tbl.tblPr.find(qn("w:tblCaption"))
    assert caption.get(qn("w:val")) == "Report details"


def test_title_cover_and_press_line_open_the_report(document, sample):
    body = list(document.element.body.iterchildren())
    assert text_of(body[0]) == "Report to Cabinet"
    assert body[1] is document.tables[0]._tbl
    press = document.paragraphs[1]
    assert (press.style.name, press.text) == ("Press Line", sample.press_line)
    assert press.style.font.italic  # as the PDF's press line
    assert document.paragraphs[2].style.name == "Heading 1"
    assert document.paragraphs[2].text == "Summary"


def test_every_page_has_the_running_head_and_page_n_of_n_fields(document):
    section = document.sections[0]
    assert [p.text for p in section.header.paragraphs] == ["Report to Cabinet\t"]
    footer = section.footer.part.element
    fields = [f.get(qn("w:instr")).strip() for f in footer.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert text_of(footer) == "Page 1 of 1"  # the fields' placeholders until Word updates them


def test_not_confidential_has_no_marking(document, sample_bytes):
    header = document.sections[0].header
    assert "Confidential" not in "\n".join(p.text for p in header.paragraphs)
    assert "Confidential" not in "\n".join(p.text for p in document.paragraphs)
    props = document.core_properties
    assert "Confidential" not in props.subject + props.keywords + props.category
    assert "docProps/custom.xml" not in zipfile.ZipFile(io.BytesIO(sample_bytes)).namelist()


def test_confidential_is_marked_in_header_body_and_properties(hostile, hostile_bytes):
    header = hostile.sections[0].header
    assert not header.is_linked_to_previous
    (line,) = header.paragraphs
    assert line.text.split("\t") == [hostile_report().title, "Confidential"]
    (marking,) = [run for run in line.runs if run.text == "Confidential"]
    assert marking.bold  # as the PDF's top-right marking
    first = hostile.paragraphs[0]
    assert (first.style.name, first.text) == ("Protective Marking", "Confidential")
    assert hostile.paragraphs[1].style.name == "Title"
    cells = hostile.tables[0].rows[0].cells
    assert [c.text for c in cells] == ["Confidential:", "Yes: not for publication"]
    props = hostile.core_properties
    assert props.subject.startswith("Confidential") and "Cabinet 5 June 2017" in props.subject
    assert props.keywords.startswith("Confidential")
    assert props.category == "Confidential"
    custom = zipfile.ZipFile(io.BytesIO(hostile_bytes)).read("docProps/custom.xml").decode()
    assert 'name="Confidential"><vt:bool>true</vt:bool>' in custom


def test_page_is_a4_portrait_with_the_pdfs_margins(document):
    section = document.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert [round(m.cm, 2) for m in (section.top_margin, section.left_margin,
                                     section.right_margin, section.bottom_margin)] == [
        1.6, 1.4, 1.4, 1.8]


def test_properties_come_from_the_model(document, sample):
    props, source = document.core_properties, sample.properties
    assert (props.title, props.author, props.subject, props.keywords, props.language) == (
        source.title, source.author, source.subject, source.keywords, "en-GB")
    assert "Cabinet" in props.subject and "5 June 2017" in props.subject


def test_text_is_arial(document):
    assert document.styles["Normal"].font.name == "Arial"
    fonts = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == "Arial"


# --- structure -----------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["document", "hostile"])
def test_headings_are_in_order_without_skipping_a_level(which, request):
    doc = request.getfixturevalue(which)
    levels = [(outline_level(p.style), p.text) for p in doc.paragraphs]
    levels = [(level, text) for level, text in levels if level is not None]
    assert levels[0] == (0, "Summary")
    for (before, _), (after, text) in zip(levels, levels[1:]):
        assert after <= before + 1, f"{text!r} skips a level"
    assert outline_level(doc.styles["Title"]) is None


def test_sample_heading_outline(document):
    outline = [(p.style.name, p.text) for p in document.paragraphs
               if p.style.name in ("Heading 1", "Heading 2")]
    assert outline == [("Heading 1", t) for t in (
        "Summary", "Recommendation", "A. National Context", "B. Inspection Regimes/ Update",
        "C. Regional Context", "D. Local Context", "E. Conclusion",  # no Background papers
        "Your questions and views")]
    subheadings = [p.text for p in document.paragraphs if p.style.name == "Heading 3"]
    assert subheadings[:2] == ["Leadership",
                               "Recruitment & retention challenges in the Children's workforce"]
    assert "Education" in subheadings


def test_sub_headings_sit_one_level_below_their_context(hostile):
    styles = {p.text: p.style.name for p in hostile.paragraphs}
    assert styles["Summary heading"] == "Heading 2"  # under Heading 1 "Summary"
    assert styles["Topic"] == "Heading 3"  # under a numbered heading (level 2)


@pytest.mark.parametrize("which", ["document", "hostile"])
def test_no_empty_paragraphs_for_spacing(which, request):
    doc = request.getfixturevalue(which)
    empty = [p for p in doc.element.body.iterchildren(qn("w:p")) if not text_of(p).strip()]
    assert empty == []


def test_hostile_text_comes_out_literally(hostile):
    texts = [p.text for p in hostile.paragraphs]
    assert f"Press {HOSTILE}" in texts and HOSTILE in texts
    assert f"A. {HOSTILE}" in texts
    assert numbered(hostile)[0].text == f"{HOSTILE} (March 2016)"
    cover = [[c.text for c in row.cells] for row in hostile.tables[0].rows]
    assert ["Title:", HOSTILE] in cover
    assert hostile.core_properties.title == f"Title {HOSTILE}"
    everything = "\n".join(texts).replace(HOSTILE, "")
    assert "49" not in everything and "{{" not in everything and "{%" not in everything


def test_no_template_tags_are_left(document):
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for c in t._cells)
    assert "{{" not in text and "{%" not in text and "}}" not in text


def test_two_renders_are_byte_identical(sample, sample_bytes):
    assert render_cabinet_docx(sample, TEMPLATES) == sample_bytes
    assert render_cabinet_docx(hostile_report(), TEMPLATES) == render_cabinet_docx(
        hostile_report(), TEMPLATES)


def test_committed_template_matches_the_script():
    spec = importlib.util.spec_from_file_location("make_docx_templates",
                                                  ROOT / "scripts" / "make_docx_templates.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.build_cabinet_template() == (TEMPLATES / "cabinet-report.docx").read_bytes(), (
        "run scripts/make_docx_templates.py and commit templates/cabinet-report.docx")


def test_a_gap_in_the_model_numbers_restarts_word_numbering_at_the_model_number():
    report = hostile_report()
    sections = (Section("A. One", (Paragraph(1, (Run("One", bold=True),), ()),
                                   Paragraph(3, (Run("Three", bold=True),), ()))),)
    doc = Document(io.BytesIO(render_cabinet_docx(
        CabinetReport(report.properties, report.title, False, report.cover, None, (), (),
                      sections, (), ()), TEMPLATES)))
    one, three = numbered(doc)
    assert num_id(one) != num_id(three)
    override = numbering(doc).num_having_numId(num_id(three)).find(qn("w:lvlOverride"))
    assert override.find(qn("w:startOverride")).get(qn("w:val")) == "3"


def test_a_lead_in_stays_on_the_page_of_its_list_or_table(document):
    """"Progress to date:" once ended page 6 with its bullets on page 7, and "…grades are:"
    page 4 with its table overleaf: a paragraph leading into a list or table keeps with it
    (w:keepNext); a paragraph followed by another paragraph does not."""
    def keeps(paragraph) -> bool:
        return paragraph.paragraph_format.keep_with_next is True

    by_text = {p.text: p for p in document.paragraphs}
    assert keeps(by_text["Progress to date:"])
    lead = next(p for text, p in by_text.items() if text.endswith("Effectiveness grades are:"))
    assert keeps(lead)
    body = [p for p in document.paragraphs if p.style.name == "Body Text Indent"]
    assert body and not all(keeps(p) for p in body)
