"""Build the docxtpl templates the DOCX renderer fills: `templates/performance-report.docx`
(A4 portrait), `templates/appendix-scorecard.docx` (the Appendix 1 scorecard, A4 landscape) and
`templates/cabinet-report.docx` (the Report to Cabinet, A4 portrait) and
`templates/dashboard.docx` (the monthly dashboard, A4 landscape).

Each template is an ordinary Word document an officer can open and restyle: its look lives in
named styles (Title, Heading 1, Heading 2, Normal, List Bullet, List Bullet 2, List Number,
Table Heading, Legend and the "Performance Table" table style; the scorecard adds Heading 3 and
Status Line; the Report to Cabinet adds Heading 3, Numbered Heading, Body Text Indent,
Subheading, Protective Marking, Press Line, the Hyperlink character style and the "Cover Table"
table style; all restyle Subtitle, Header and Footer), its content in Jinja tags that
`reportgen.render.docx` fills. Every page has a running head and "Page n of N" (Word fields),
as the PDF's margins do. All share the same style-building code. Run from the repository root:

    .venv/bin/python scripts/make_docx_templates.py

The output is byte-for-byte reproducible, so the .docx files can be committed and reviewed.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import NamedTuple

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Length, Mm, Pt, RGBColor, Twips

from reportgen.reproducible import reproducible_zip



class Margins(NamedTuple):
    """A page's margins: `top`, both `side`s, `bottom`."""

    top: Length
    side: Length
    bottom: Length


OUT = Path(__file__).resolve().parent.parent / "reportgen" / "render" / "templates" / \
    "performance-report.docx"
SCORECARD_OUT = OUT.parent / "appendix-scorecard.docx"
CABINET_OUT = OUT.parent / "cabinet-report.docx"
DASHBOARD_OUT = OUT.parent / "dashboard.docx"

FONT = "Arial"
LANGUAGE = "en-GB"
FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)

# A4 portrait with the PDF's margins (report.css @page: 16 mm top, 14 mm sides, 18 mm foot),
# so a page of the Word file holds what a page of the PDF does.
PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)
MARGINS = Margins(top=Mm(16), side=Mm(14), bottom=Mm(18))
TEXT_WIDTH = Twips(PAGE_WIDTH.twips - 2 * MARGINS.side.twips)  # 18.2 cm

# Column widths in cm; Commentary takes what is left of the text width. The renderer refits
# them to what each table holds (`reportgen.render.docx.fit_performance_columns`); these are
# the widths an officer sees in the empty template.
COLUMNS = (
    ("No.", 0.8),
    ("Measure", 2.7),
    ("Target", 1.8),  # "100% (5% tolerance)" breaks after "tolerance", not before ")"
    ("Current position", 1.7),
    ("RAG", 1.9),  # fits "★ Green", "● Amber", "□ Monitor" on one line
    ("Benchmarking", 3.6),
    ("Commentary", None),
)

# What each cell of the repeated row holds: docxtpl tags, filled by reportgen.render_docx.
ROW_CELLS = (
    "{{ row.number }}",
    "{{r row.measure }}",
    "{{r row.target }}",
    "{{p row.position }}",
    "{% cellbg row.status.colour %}{{r row.rag }}",
    "{{p row.benchmarking }}",
    "{{p row.commentary }}",
)

# The scorecard: A4 landscape, 1.5 cm margins.
LANDSCAPE_WIDTH, LANDSCAPE_HEIGHT = Cm(29.7), Cm(21.0)
LANDSCAPE_MARGINS = Margins(top=Cm(1.5), side=Cm(1.5), bottom=Cm(1.5))
LANDSCAPE_TEXT_WIDTH = Twips(LANDSCAPE_WIDTH.twips - 2 * LANDSCAPE_MARGINS.side.twips)  # 26.7 cm

# The scorecard's columns: (header cell, width in cm, body cell). The period columns come from
# docxtpl column loops ({%tc %}): the cells holding the loop tags vanish when rendered, and the
# cell between them repeats once per period. Narrative (None) takes what is left of the text
# width with DEFAULT_PERIODS period columns; `reportgen.render.docx` refits the widths for
# other counts. The loop-tag cells share the other periods' width, so the template itself fills
# the text width too (and their tags stay readable in Word).
DEFAULT_PERIODS = 5
PERIOD_WIDTH = 1.5  # fits "↑ 83%" and "↑ 1429"; "Mar 2016" wraps after "Mar"
LOOP_WIDTH = PERIOD_WIDTH * (DEFAULT_PERIODS - 1) / 2
SCORECARD_COLUMNS = (
    ("No.", 0.9, "{{ row.number }}"),
    ("Measure", 3.5, "{{r row.measure }}"),
    ("Good to be", 1.3, "{{r row.polarity }}"),
    ("Data period", 2.2, "{{r row.data_period }}"),  # fits "Cumulative (year to date)"
    ("Target", 2.0, "{{r row.target }}"),  # "100% (5% tolerance)" breaks between words
    ("{%tc for period in periods %}", LOOP_WIDTH, "{%tc for cell in row.cells %}"),
    ("{{r period }}", PERIOD_WIDTH, "{% colspan cell.span %}{{r cell.text }}"),
    ("{%tc endfor %}", LOOP_WIDTH, "{%tc endfor %}"),
    # Fits "performance" in bold and "○ Unavailable" on one line.
    ("Latest performance (RAG)", 2.6, "{% cellbg row.status.colour %}{{r row.rag }}"),
    ("Benchmarks", 2.7, "{{p row.benchmarks }}"),
    ("Narrative", None, "{{p row.narrative }}"),  # 4.0 cm with five periods
)

BORDER_COLOUR = "595959"
HEADER_FILL = "D9D9D9"
# The page furniture, as the PDF's margin boxes draw it (report.css @page): 8 pt, the running
# head in #383F43 at the top left, a protective marking in bold at the top right, "Page n of
# N" centred at the foot.
FURNITURE_SIZE, FURNITURE_COLOUR = 8, RGBColor(0x38, 0x3F, 0x43)
HEADER_DISTANCE = Cm(0.8)  # header and footer from the page edge, inside every margin


def column_widths() -> list[int]:
    """Return the column widths in twips, summing exactly to the text width."""
    widths = [Cm(cm).twips for _, cm in COLUMNS if cm is not None]
    return widths + [TEXT_WIDTH.twips - sum(widths)]


def scorecard_widths() -> list[int]:
    """Return the scorecard template's column widths in twips (see SCORECARD_COLUMNS).

    With DEFAULT_PERIODS period columns rendered, the columns sum exactly to the text width.
    """
    widths = [Cm(cm).twips for _, cm, _ in SCORECARD_COLUMNS if cm is not None]
    loops = [i for i, (text, _, _) in enumerate(SCORECARD_COLUMNS) if text.startswith("{%tc")]
    period = Cm(PERIOD_WIDTH).twips
    shown = sum(widths) - sum(widths[i] for i in loops) + (DEFAULT_PERIODS - 1) * period
    widths.append(LANDSCAPE_TEXT_WIDTH.twips - shown)  # Narrative
    widths[loops[0]] += LANDSCAPE_TEXT_WIDTH.twips - sum(widths)  # rounding: the template fills
    return widths


def set_page(document, width=PAGE_WIDTH, height=PAGE_HEIGHT, margins=MARGINS,
             orientation=WD_ORIENT.PORTRAIT) -> None:
    """Make the page A4 (portrait, the PDF's margins unless told); python-docx starts from
    Letter."""
    section = document.sections[0]
    section.orientation = orientation
    section.page_width, section.page_height = width, height
    section.left_margin = section.right_margin = margins.side
    section.top_margin, section.bottom_margin = margins.top, margins.bottom


def set_fonts(rpr) -> None:
    """Set Arial, 10 pt and en-GB on the run properties `rpr`, dropping theme fonts."""
    for old in rpr.findall(qn("w:rFonts")) + rpr.findall(qn("w:sz")) + rpr.findall(
            qn("w:szCs")) + rpr.findall(qn("w:lang")):
        rpr.remove(old)
    rpr.append(parse_xml(f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" '
                         f'w:eastAsia="{FONT}" w:cs="{FONT}"/>'))
    rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="20"/>'))
    rpr.append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="20"/>'))
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" '
                         'w:bidi="ar-SA"/>'))


def set_defaults(document) -> None:
    """Make Arial 10 pt en-GB the document default and Normal; 6 pt after paragraphs.

    Paragraph spacing sits in the defaults, not in Normal, so the table style's tighter spacing
    wins inside tables (a paragraph style would override a table style).
    """
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    set_fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")))
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "240")
    normal = document.styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr())
    settings = document.settings.element
    settings.find(qn("w:themeFontLang")).set(qn("w:val"), LANGUAGE)


def restyle_heading(document, name: str, size: float, before: float, after: float) -> None:
    """Make the heading style `name` Arial bold in black, dropping theme fonts and colours."""
    style = document.styles[name]
    rpr = style.element.get_or_add_rPr()
    for tag in ("w:rFonts", "w:color", "w:spacing", "w:kern"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    style.font.size = Pt(size)
    style.font.bold = True
    style.font.color.rgb = RGBColor(0, 0, 0)
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)
    style.paragraph_format.space_before = Pt(before)
    style.paragraph_format.space_after = Pt(after)
    style.paragraph_format.keep_with_next = True


def add_paragraph_style(document, name: str, size: float, bold: bool = False,
                        after: float | None = None) -> None:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    style.font.size = Pt(size)
    style.font.bold = bold
    if after is not None:
        style.paragraph_format.space_after = Pt(after)


def add_status_line_style(document) -> None:
    """Add "Status Line" for "Theme RAG: ..." lines: kept with the table that follows."""
    add_paragraph_style(document, "Status Line", 10)
    document.styles["Status Line"].paragraph_format.keep_with_next = True


def add_table_style(document) -> None:
    """Add "Performance Table": thin borders, compact cells, a bold shaded header row."""
    add_bordered_table_style(document, "Performance Table", "firstRow", HEADER_FILL, 60, 0)


def add_bordered_table_style(document, name: str, labels: str, fill: str, after: int,
                             bottom: int) -> None:
    """Add the table style `name`: thin borders, compact cells (`bottom` twips under the text,
    `after` twips after each paragraph) and bold text on `fill` in its `labels` (the
    conditional format "firstRow" for a header row, "firstCol" for row labels)."""
    border = f'w:val="single" w:sz="4" w:space="0" w:color="{BORDER_COLOUR}"'
    document.styles.element.append(parse_xml(f"""
<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="{name.replace(" ", "")}">
  <w:name w:val="{name}"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="{after}" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top {border}/><w:left {border}/><w:bottom {border}/><w:right {border}/>
      <w:insideH {border}/><w:insideV {border}/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="{bottom}" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="{labels}">
    <w:rPr><w:b/><w:bCs/></w:rPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{fill}"/></w:tcPr>
  </w:tblStylePr>
</w:style>"""))


def set_styles(document) -> None:
    set_defaults(document)
    restyle_heading(document, "Title", 18, 0, 12)
    restyle_subtitle(document)
    restyle_heading(document, "Heading 1", 14, 18, 6)
    restyle_heading(document, "Heading 2", 12, 12, 6)
    add_paragraph_style(document, "Table Heading", 10, bold=True, after=0)
    add_paragraph_style(document, "Legend", 9, after=3)
    document.styles["Legend"].paragraph_format.keep_with_next = True  # the legend is one block
    add_table_style(document)


def restyle_subtitle(document) -> None:
    """Make "Subtitle" (the line under a portfolio heading that says which report this is)
    Arial 11 pt in the PDF's grey (.meta), upright, dropping theme fonts and colours."""
    style = document.styles["Subtitle"]
    rpr = style.element.get_or_add_rPr()
    for tag in ("w:rFonts", "w:color", "w:spacing", "w:i", "w:iCs"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    style.font.size = Pt(11)
    style.font.italic = False
    style.font.color.rgb = FURNITURE_COLOUR
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:numPr")):
        ppr.remove(old)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(12)


def add_page_furniture(document, text_width: int = TEXT_WIDTH.twips) -> None:
    """Add the running head and the page numbers every page shows, as the PDF's margins do.

    The header holds the document's title (`running_head`) and, on a right tab at
    `text_width`, its protective marking (`marking`, empty unless confidential); the footer
    "Page n of N" from Word's PAGE and NUMPAGES fields, so Word renumbers after edits.
    """
    section = document.sections[0]
    section.header_distance = section.footer_distance = HEADER_DISTANCE
    for name in ("Header", "Footer"):
        style = document.styles[name]
        style.font.size = Pt(FURNITURE_SIZE)
        style.font.color.rgb = FURNITURE_COLOUR
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.tab_stops.clear_all()
    document.styles["Header"].paragraph_format.tab_stops.add_tab_stop(
        Twips(text_width), WD_TAB_ALIGNMENT.RIGHT)
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    header.add_run("{{r running_head }}")
    header.add_run().add_tab()
    header.add_run("{{r marking }}")
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph = section.footer.part.element.find(qn("w:p"))
    for piece in ('<w:r><w:t xml:space="preserve">Page </w:t></w:r>', field("PAGE"),
                  '<w:r><w:t xml:space="preserve"> of </w:t></w:r>', field("NUMPAGES")):
        paragraph.append(parse_xml(with_namespace(piece)))


def field(name: str) -> str:
    """Return a simple Word field `name` (e.g. PAGE) showing "1" until Word updates it."""
    return f'<w:fldSimple w:instr=" {name} "><w:r><w:t>1</w:t></w:r></w:fldSimple>'


def with_namespace(xml: str) -> str:
    """Return the Word XML fragment `xml` with the w: namespace declared on its root."""
    end = min(xml.index(" "), xml.index(">"))  # the end of the root's tag name
    return f'{xml[:end]} {nsdecls("w")}{xml[end:]}'


def set_properties(document) -> None:
    """Give the template neutral, fixed core properties; the renderer sets the real ones."""
    props = document.core_properties
    props.title = "Performance report"
    props.author = props.last_modified_by = "reportgen"
    props.subject = props.keywords = props.comments = ""
    props.language = LANGUAGE
    props.revision = 1
    props.created = props.modified = FIXED_TIME
    package = document.part.package
    for rid, rel in list(package.rels.items()):  # python-docx ships a stale thumbnail
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rid]


def add_paragraph(document, text: str, style: str = "Normal") -> None:
    document.add_paragraph(text, style=style)


def set_cell(cell, width: int, text: str, style: str = "Normal") -> None:
    cell.width = Twips(width)
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    if text:
        paragraph.add_run(text)


def mark_row(row, header: bool = False) -> None:
    """Keep `row` on one page; repeat it on every page when it is the `header`."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    if header:
        trpr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))


TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
               "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
               "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")


def set_table_properties(table, width: int = TEXT_WIDTH.twips,
                         caption: str = "{{ table.caption }}", first_row: bool = True,
                         first_column: bool = False) -> None:
    """Fix the layout to the grid at `width` twips; caption the table for screen readers; mark
    its `first_row` as the header row or its `first_column` as the row labels."""
    table.autofit = False  # w:tblLayout fixed: use the grid, do not size to content
    tblpr = table._tbl.tblPr
    for tag in ("w:tblW", "w:tblLook"):
        for old in tblpr.findall(qn(tag)):
            tblpr.remove(old)
    tblpr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{width}" w:type="dxa"/>'))
    look = 0x0400 | (0x0020 if first_row else 0x0200) | (0x0080 if first_column else 0)
    tblpr.append(parse_xml(f'<w:tblLook {nsdecls("w")} w:val="{look:04X}" '
                           f'w:firstRow="{int(first_row)}" w:lastRow="0" '
                           f'w:firstColumn="{int(first_column)}" w:lastColumn="0" '
                           'w:noHBand="1" w:noVBand="1"/>'))
    tblpr.append(parse_xml(f'<w:tblCaption {nsdecls("w")} w:val="{caption}"/>'))
    # Word rejects table properties out of schema order.
    tblpr[:] = sorted(tblpr, key=lambda e: TBLPR_ORDER.index(e.tag.split("}")[1]))


def add_measures_table(document) -> None:
    """Add the measures table: a repeating header row and one row per measure."""
    widths = column_widths()
    table = document.add_table(rows=4, cols=len(COLUMNS))
    table.style = document.styles["Performance Table"]
    set_table_properties(table)
    for column, width in zip(table.columns, widths):
        column.width = Twips(width)
    header, loop, body, end = table.rows
    for cell, (title, _), width in zip(header.cells, COLUMNS, widths):
        set_cell(cell, width, title, "Table Heading")
    mark_row(header, header=True)
    for cell, text, width in zip(body.cells, ROW_CELLS, widths):
        set_cell(cell, width, text)
    mark_row(body)
    for row, tag in ((loop, "{%tr for row in table.rows %}"), (end, "{%tr endfor %}")):
        for index, (cell, width) in enumerate(zip(row.cells, widths)):
            set_cell(cell, width, tag if index == 0 else "")


def add_body(document) -> None:
    """Add the report: title, the legend (under the title, as in the PDF and HTML), then per
    part its chart, counts and tables."""
    add_paragraph(document, "{%p if heading %}")
    add_paragraph(document, "{{r heading }}", "Title")
    add_paragraph(document, "{{r subtitle }}", "Subtitle")  # which report, under the portfolio
    add_paragraph(document, "{%p else %}")
    add_paragraph(document, "{{r title }}", "Title")  # the properties title stands in
    add_paragraph(document, "{%p endif %}")
    add_legend(document)
    add_paragraph(document, "{%p for part in parts %}")
    add_paragraph(document, "{%p if part.name %}")
    add_paragraph(document, "{{r part.name }}", "Heading 1")
    add_paragraph(document, "{%p endif %}")
    add_paragraph(document, "{{ part.chart }}")
    add_paragraph(document,
                  "Total number of measures with a RAG (shown in chart above): {{ part.rated }}")
    add_paragraph(document, "Measures where data currently unavailable: {{ part.unavailable }}")
    add_paragraph(document, "{%p for table in part.tables %}")
    add_paragraph(document, "{{r table.title }}", "Heading 2")
    add_measures_table(document)
    add_paragraph(document, "{%p endfor %}")
    add_paragraph(document, "{%p endfor %}")


def add_legend(document) -> None:
    """Add the legend of every document showing statuses, under its title (as in the PDF and
    HTML, where at the end it could be left alone on a page): a heading, one line each."""
    add_paragraph(document, "Legend", "Heading 1")
    add_paragraph(document, "{%p for line in legend %}")
    add_paragraph(document, "{{r line }}", "Legend")
    add_paragraph(document, "{%p endfor %}")


def add_scorecard_table(document) -> None:
    """Add a theme's measures table: a repeating header row, one row per measure, and one
    column per period (docxtpl column loops); an unavailable measure's single value cell spans
    the period columns (`cell.span`)."""
    widths = scorecard_widths()
    table = document.add_table(rows=4, cols=len(SCORECARD_COLUMNS))
    table.style = document.styles["Performance Table"]
    set_table_properties(table, LANDSCAPE_TEXT_WIDTH.twips, "{{ theme.caption }}")
    for column, width in zip(table.columns, widths):
        column.width = Twips(width)
    header, loop, body, end = table.rows
    for cell, (title, _, _), width in zip(header.cells, SCORECARD_COLUMNS, widths):
        set_cell(cell, width, title, "Table Heading")
    mark_row(header, header=True)
    for cell, (_, _, text), width in zip(body.cells, SCORECARD_COLUMNS, widths):
        set_cell(cell, width, text)
    mark_row(body)
    for row, tag in ((loop, "{%tr for row in theme.rows %}"), (end, "{%tr endfor %}")):
        for index, (cell, width) in enumerate(zip(row.cells, widths)):
            set_cell(cell, width, tag if index == 0 else "")


def add_scorecard_body(document) -> None:
    """Add the scorecard: title and portfolio heading, then per outcome and theme a heading,
    its RAG and its measures table; the legend under the title.

    The renderer builds the outcome and theme headings as paragraphs in Heading 1-3, so the
    levels follow on without a skip whether or not there is a portfolio heading or an outcome.
    """
    add_paragraph(document, "{{r title }}", "Title")
    add_paragraph(document, "{%p if heading %}")
    add_paragraph(document, "{{r heading }}", "Heading 1")
    add_paragraph(document, "{%p endif %}")
    add_legend(document)
    add_paragraph(document, "{%p for outcome in outcomes %}")
    add_paragraph(document, "{%p if outcome.heading %}")
    add_paragraph(document, "{{p outcome.heading }}")
    add_paragraph(document, "Outcome RAG: {{r outcome.status }}", "Status Line")
    add_paragraph(document, "{%p endif %}")
    add_paragraph(document, "{%p for theme in outcome.themes %}")
    add_paragraph(document, "{{p theme.heading }}")
    add_paragraph(document, "Theme RAG: {{r theme.status }}", "Status Line")
    add_scorecard_table(document)
    add_paragraph(document, "{%p endfor %}")
    add_paragraph(document, "{%p endfor %}")


# The Report to Cabinet. A numbered paragraph's number hangs in the margin of its heading; its
# text, and the body below it, start INDENT from the margin. Lists sit at that indent too.
INDENT = 567  # twips (1 cm)
LIST_HANG = 360  # twips from a bullet or number to its text
COVER_LABEL_WIDTH = Cm(5.0)  # fits "Portfolio areas affected:" in bold on one line
COVER_LABEL_FILL = "F3F2F1"  # report.css --head, the cover's label cells
NUMBERED_NSID = "52C0F1A1"  # fixed, so the template is reproducible
# (style, left indent of the text, bullet or None, bullet font) for each list style.
LIST_LEVELS = (
    ("List Bullet", INDENT + LIST_HANG, "\uf0b7", "Symbol"),
    ("List Bullet 2", INDENT + 2 * LIST_HANG, "o", "Courier New"),
    ("List Number", INDENT + LIST_HANG, None, None),
    ("List Number 2", INDENT + 2 * LIST_HANG, None, None),
)


def add_cabinet_styles(document) -> None:
    """Add the Report to Cabinet's styles to the shared set.

    Paragraph headings are "Numbered Heading" (outline level 2, under the Heading 1 section
    titles) carrying the paragraph numbering; sub-headings under them are Heading 3, indented
    with the body text ("Body Text Indent"). Lists indent to the same line, 3 pt apart.
    """
    styles = document.styles
    restyle_heading(document, "Heading 3", 10, 9, 3)
    styles["Heading 3"].paragraph_format.left_indent = Twips(INDENT)

    add_paragraph_style(document, "Body Text Indent", 10)
    styles["Body Text Indent"].paragraph_format.left_indent = Twips(INDENT)
    mark_built_in(styles["Body Text Indent"])

    heading = styles.add_style("Numbered Heading", WD_STYLE_TYPE.PARAGRAPH)
    heading.base_style = styles["Heading 2"]
    heading.next_paragraph_style = styles["Body Text Indent"]
    heading.quick_style = True
    heading.font.size = Pt(11)
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.space_after = Pt(6)
    num_id = add_numbered_heading_numbering(document)
    ppr = heading.element.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/>'
                         f'<w:numId w:val="{num_id}"/></w:numPr>'))
    ppr.append(parse_xml(f'<w:ind {nsdecls("w")} w:left="{INDENT}" w:hanging="{INDENT}"/>'))
    ppr.append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
    sort_ppr(ppr)

    add_paragraph_style(document, "Subheading", 10, bold=True, after=0)
    styles["Subheading"].paragraph_format.space_before = Pt(3)
    styles["Subheading"].paragraph_format.keep_with_next = True
    add_paragraph_style(document, "Protective Marking", 12, bold=True, after=6)
    add_paragraph_style(document, "Press Line", 10)
    styles["Press Line"].font.italic = True  # as the PDF's .press
    styles["Press Line"].paragraph_format.space_before = Pt(12)
    hyperlink = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    hyperlink.base_style = styles["Default Paragraph Font"]
    hyperlink.priority = 99
    hyperlink.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)  # 6.4:1 on white
    hyperlink.font.underline = True
    hyperlink.unhide_when_used = True
    mark_built_in(hyperlink)
    for name, left, bullet, font in LIST_LEVELS:
        set_list_level(document, name, left, bullet, font)
    add_cover_style(document)


def mark_built_in(style) -> None:
    """Mark `style` as Word's built-in style of that name (python-docx marks added styles
    custom), so Word uses it where it would use its own, e.g. for a typed link."""
    style.element.attrib.pop(qn("w:customStyle"), None)


PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
             "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
             "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
             "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
             "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
             "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")


def sort_ppr(ppr) -> None:
    """Put the children of the paragraph properties `ppr` in schema order, one of each."""
    seen = {}
    for child in ppr:
        seen[child.tag] = child  # the last one added wins
    ppr[:] = sorted(seen.values(), key=lambda e: PPR_ORDER.index(e.tag.split("}")[1]))


def add_numbered_heading_numbering(document) -> int:
    """Add the paragraph numbering ("1.", "2.", ... hanging in the heading's indent) and return
    its numbering instance, which every numbered heading shares so the numbers run on."""
    numbering = document.part.numbering_part.element
    abstract_id = max(int(a.get(qn("w:abstractNumId")))
                      for a in numbering.findall(qn("w:abstractNum"))) + 1
    abstract = parse_xml(f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">
  <w:nsid w:val="{NUMBERED_NSID}"/>
  <w:multiLevelType w:val="singleLevel"/>
  <w:lvl w:ilvl="0">
    <w:start w:val="1"/>
    <w:numFmt w:val="decimal"/>
    <w:pStyle w:val="NumberedHeading"/>
    <w:lvlText w:val="%1."/>
    <w:lvlJc w:val="left"/>
    <w:pPr><w:tabs><w:tab w:val="num" w:pos="{INDENT}"/></w:tabs>
      <w:ind w:left="{INDENT}" w:hanging="{INDENT}"/></w:pPr>
  </w:lvl>
</w:abstractNum>""")
    numbering.findall(qn("w:num"))[0].addprevious(abstract)
    return numbering.add_num(abstract_id).numId


def set_list_level(document, name: str, left: int, bullet: str | None, font: str | None) -> None:
    """Indent the list style `name` to `left` (its bullet or number hanging LIST_HANG before),
    3 pt between items; the indent goes in the style and in its numbering level alike."""
    style = document.styles[name]
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:contextualSpacing")):
        ppr.remove(old)
    indent = f'<w:ind {nsdecls("w")} w:left="{left}" w:hanging="{LIST_HANG}"/>'
    ppr.append(parse_xml(indent))
    sort_ppr(ppr)
    style.paragraph_format.space_after = Pt(3)
    numbering = document.part.numbering_part.element
    num_id = style.element.pPr.numPr.numId.val
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
    abstract = next(a for a in numbering.findall(qn("w:abstractNum"))
                    if a.get(qn("w:abstractNumId")) == str(abstract_id))
    level = abstract.find(qn("w:lvl"))
    level_ppr = level.find(qn("w:pPr"))
    level_ppr[:] = [parse_xml(f'<w:tabs {nsdecls("w")}><w:tab w:val="num" w:pos="{left}"/>'
                              '</w:tabs>'), parse_xml(indent)]
    if bullet is not None:
        level.find(qn("w:lvlText")).set(qn("w:val"), bullet)
        rpr = level.find(qn("w:rPr"))
        rpr[:] = [parse_xml(f'<w:rFonts {nsdecls("w")} w:ascii="{font}" w:hAnsi="{font}" '
                            f'w:cs="{font}" w:hint="default"/>')]


def add_cover_style(document) -> None:
    """Add "Cover Table": the measures tables' thin borders, its first column (the labels)
    shaded as the PDF's cover `th`, and no header row (each row is labelled by its first cell)."""
    add_bordered_table_style(document, "Cover Table", "firstCol", COVER_LABEL_FILL, 0, 57)


def add_cover(document) -> None:
    """Add the cover: a bordered two-column table, one row per detail (its bold label, then
    its value), captioned "Report details" as the HTML's; the rows never split."""
    widths = (COVER_LABEL_WIDTH.twips, TEXT_WIDTH.twips - COVER_LABEL_WIDTH.twips)
    table = document.add_table(rows=3, cols=2)
    table.style = document.styles["Cover Table"]
    set_table_properties(table, caption="Report details", first_row=False, first_column=True)
    for column, width in zip(table.columns, widths):
        column.width = Twips(width)
    loop, body, end = table.rows
    for cell, text, width in zip(body.cells, ("{{r row.label }}", "{{r row.value }}"), widths):
        set_cell(cell, width, text)
    mark_row(body)
    for row, tag in ((loop, "{%tr for row in cover %}"), (end, "{%tr endfor %}")):
        for index, (cell, width) in enumerate(zip(row.cells, widths)):
            set_cell(cell, width, tag if index == 0 else "")


def add_cabinet_body(document) -> None:
    """Add the Report to Cabinet: marking, title, cover, press line, then the Heading 1 parts.

    The renderer builds each flow and the lettered sections (titles, numbered paragraphs,
    lists, sub-headings, small tables) as Word paragraphs in this template's styles.
    """
    add_paragraph(document, "{%p if confidential %}")
    add_paragraph(document, "Confidential", "Protective Marking")
    add_paragraph(document, "{%p endif %}")
    add_paragraph(document, "{{r title }}", "Title")
    add_cover(document)
    add_paragraph(document, "{%p if press_line %}")
    add_paragraph(document, "{{r press_line }}", "Press Line")
    add_paragraph(document, "{%p endif %}")
    for heading, flow in (("Summary", "summary"), ("Recommendation", "recommendation"),
                          (None, "sections"), ("Background Papers", "background_papers"),
                          ("Your questions and views", "views")):
        if heading:  # a blank field leaves its section out, as in the PDF and HTML
            add_paragraph(document, f"{{%p if present.{flow} %}}")
            add_paragraph(document, heading, "Heading 1")
        add_paragraph(document, f"{{{{p {flow} }}}}")
        if heading:
            add_paragraph(document, "{%p endif %}")


def build_template() -> bytes:
    """Return the template .docx as bytes."""
    document = Document()
    set_page(document)
    set_styles(document)
    set_properties(document)
    add_page_furniture(document)
    add_body(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue(), FIXED_TIME)


def build_landscape_template(title: str, add_content) -> bytes:
    """Return a template .docx of one A4 landscape section, its core title `title`, whose
    content `add_content(document)` adds (styles beyond the shared ones, and the body)."""
    document = Document()
    set_page(document, LANDSCAPE_WIDTH, LANDSCAPE_HEIGHT, LANDSCAPE_MARGINS, WD_ORIENT.LANDSCAPE)
    set_styles(document)
    restyle_heading(document, "Heading 3", 11, 12, 6)
    set_properties(document)
    document.core_properties.title = title
    add_page_furniture(document, LANDSCAPE_TEXT_WIDTH.twips)
    add_content(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue(), FIXED_TIME)


def build_scorecard_template() -> bytes:
    """Return the scorecard template .docx as bytes: one A4 landscape section."""
    def content(document) -> None:
        add_status_line_style(document)
        add_scorecard_body(document)
    return build_landscape_template("Appendix 1 scorecard", content)


def build_cabinet_template() -> bytes:
    """Return the Report to Cabinet template .docx as bytes: one A4 portrait section."""
    document = Document()
    set_page(document)
    set_styles(document)
    add_cabinet_styles(document)
    set_properties(document)
    document.core_properties.title = "Report to Cabinet"
    add_page_furniture(document)
    add_cabinet_body(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue(), FIXED_TIME)


def add_dashboard_body(document) -> None:
    """Add the dashboard: title (under a portfolio heading, as a subtitle), the legend, then
    each item of the blocks in order: its Word XML (headings, tables, words; built by the
    renderer) and its chart."""
    add_paragraph(document, "{{r title }}", "Title")
    add_paragraph(document, "{%p if subtitle %}")
    add_paragraph(document, "{{r subtitle }}", "Subtitle")  # "Dashboard: Jan 2015"
    add_paragraph(document, "{%p endif %}")
    add_legend(document)
    add_paragraph(document, "{%p for item in items %}")
    add_paragraph(document, "{%p if item.xml %}")
    add_paragraph(document, "{{p item.xml }}")
    add_paragraph(document, "{%p endif %}")
    add_paragraph(document, "{%p if item.chart %}")
    add_paragraph(document, "{{ item.chart }}")
    add_paragraph(document, "{%p endif %}")
    add_paragraph(document, "{%p endfor %}")


def build_dashboard_template() -> bytes:
    """Return the dashboard template .docx as bytes: one A4 landscape section."""
    return build_landscape_template("Dashboard", add_dashboard_body)


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    for path, build in ((OUT, build_template), (SCORECARD_OUT, build_scorecard_template),
                        (CABINET_OUT, build_cabinet_template),
                        (DASHBOARD_OUT, build_dashboard_template)):
        path.write_bytes(build())
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
