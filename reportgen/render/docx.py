"""Render the document model as DOCX: fill the docxtpl template, then fix the package's bytes.

Four documents: the performance report (`render_docx`, templates/performance-report.docx),
the Appendix 1 scorecard (`render_scorecard_docx`, templates/appendix-scorecard.docx), the
Report to Cabinet (`render_cabinet_docx`, templates/cabinet-report.docx) and the dashboard
(`render_dashboard_docx`, templates/dashboard.docx).

A flow (paragraphs, lists, sub-headings, small tables, links) becomes Word XML built here
(`Flows`): a sub-heading is a heading one level below its context (the "Subheading" style in a
table cell), a small table a real Word table with a repeating header row, an https link a
w:hyperlink with its relationship. The Report to Cabinet's body is built the same way, its
paragraph numbers real Word numbering that runs on through the sections.

Every page carries what the PDF prints in its margins: the running head (the document's
title), a protective marking when there is one, and "Page n of N" from Word fields. The
measures tables are set in 9 pt like the PDF's; a performance table's columns are refitted to
what they hold and its tall rows may break across pages (`fit_performance_columns`,
`let_tall_rows_split`), so its pages stay full; so may the scorecard's tall rows.

This is the only module that imports docxtpl or python-docx. Text is data: every string from
the model reaches the template as a RichText or RichTextParagraph (which escape it), or as
Word XML built here with the same escaping, and the template renders with autoescape on, so
`<`, `&` or `{{ 7*7 }}` in a workbook prints literally.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import itertools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part as PackagePart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage, RichText, RichTextParagraph
from markupsafe import Markup

from reportgen.document import (
    Block, CabinetReport, Chart, Charts, Comparison, Dashboard, Flow, Group, Outcome, Paragraph,
    Part, PerformanceReport, Row, Run, Scorecard, ScoreRow, Section, StatusView, SuccessTable,
    Table, TableBlock, Trend,
)
from reportgen.reproducible import reproducible_zip

TEMPLATE = "performance-report.docx"
SCORECARD_TEMPLATE = "appendix-scorecard.docx"
CABINET_TEMPLATE = "cabinet-report.docx"
DASHBOARD_TEMPLATE = "dashboard.docx"
UNAVAILABLE_TEXT = "Data currently unavailable"
# The scorecard table's columns, as scripts/make_docx_templates.py builds them: No., Measure,
# Good to be, Data period, Target, the periods, Latest performance (RAG), Benchmarks, Narrative.
COLUMNS_BEFORE_PERIODS = 5
# Columns that give or take width when the number of periods differs from the template's five
# (index -1 is the last): Measure and Narrative, whose text wraps between words, and the
# periods. The others hold words that must not break ("performance", "Benchmarks").
WRAPPING_COLUMNS = (1, -1)
# Period columns narrower than this (1.1 cm, in twips) cannot hold "100%" in 10 pt, so such a
# table (9 or more periods) is set in 8 pt (as half-points), its other columns at 85% of their
# width (the text shrinks to 80%, the cell margins stay).
COMPACT_BELOW, COMPACT_SIZE, COMPACT_SCALE = 624, 16, 0.85
W_TBLPR, W_TCPR = qn("w:tblPr"), qn("w:tcPr")
CHART_WIDTH = Mm(120)
BADGE_FRAME = "505A5F"  # report.css --rule, the frame of a theme's or outcome's RAG badge
DEFAULT_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)

# Paragraph style IDs (not names) for each block kind and level, as the template defines them.
LIST_STYLES = {
    ("bullet", 0): "ListBullet",
    ("bullet", 1): "ListBullet2",
    ("number", 0): "ListNumber",
    ("number", 1): "ListNumber2",
}

# Styles (IDs) flows use. A sub-heading in a table cell is "Subheading": bold, kept with what
# follows, not an outline level (a heading inside a table cell would clutter navigation).
SUBHEADING_STYLE = "Subheading"
HYPERLINK_STYLE = "Hyperlink"
TABLE_STYLE = "PerformanceTable"  # thin borders, bold shaded header row
TABLE_HEADING_STYLE = "TableHeading"
# The Report to Cabinet: a numbered paragraph's heading (a heading at outline level 2 that
# carries the paragraph numbering) and its body text, indented to the heading's text.
NUMBERED_HEADING_STYLE = "NumberedHeading"
NUMBERED_TEXT_STYLE = "BodyTextIndent"

# A small table's columns: wide enough for their longest line of 10 pt Arial (about 115
# twips a character, plus cell margins), at least 1.5 cm, within the text width (see
# `column_widths`); a table inside a cell fills the cell, its columns in the proportions they
# would have in a nominal cell 4.2 cm wide.
CHAR_TWIPS, CELL_PADDING, MIN_COLUMN, NOMINAL_CELL_TABLE = 115, 230, 850, 2400
PARAGRAPH_SPACING = 120  # twips: the space between paragraphs (the templates' default)

# The performance table's columns, as the template orders them, by what they hold: "number"
# and "label" (RAG, bold) never wrap; "word" columns need their longest word; "bold" (Measure)
# and "wrap" columns (Benchmarking, Commentary) share what is left, none narrower than
# WRAPPING_FLOOR (2 cm), in steps of WIDTH_STEP (2 mm). Bold 10 pt Arial runs about 125 twips
# a character; a narrow column is at least 1 cm. A 10 pt line is 230 twips (Arial's 1.15 line
# height); the table style sets 3 pt after each paragraph.
PERFORMANCE_COLUMNS = ("number", "bold", "word", "word", "label", "wrap", "wrap")
WRAPPING_FLOOR, WIDTH_STEP, MIN_NARROW_COLUMN, BOLD_CHAR_TWIPS = 1134, 113, 567, 125
LINE_TWIPS, TABLE_PARAGRAPH_AFTER = 230, 60
WRAP_LOSS = 3  # characters a wrapped line leaves empty, on average
# A row taller than a fifth of the page's text height may break across pages.
TALL_ROW_FRACTION = 5
# The measures tables (performance report and scorecard) are set in 9 pt (half-points), as
# the PDF sets its tables small (9 pt, the scorecard 7.5 pt): in 10 pt the long commentary
# runs the Word file to a third more pages than the PDF. Body text stays 10 pt.
TABLE_TEXT_SIZE = 18
TABLE_SCALE = TABLE_TEXT_SIZE / 20  # the estimates' widths and lines are for 10 pt

# The styles flows need, added at render time to a template that lacks them (the performance
# report and scorecard templates predate them; scripts/make_docx_templates.py defines the
# same styles in the cabinet template).
FLOW_STYLES = {
    SUBHEADING_STYLE: f"""<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1"
    w:styleId="{SUBHEADING_STYLE}"><w:name w:val="Subheading"/><w:basedOn w:val="Normal"/>
  <w:next w:val="Normal"/><w:qFormat/>
  <w:pPr><w:keepNext/><w:spacing w:before="60" w:after="0"/></w:pPr>
  <w:rPr><w:b/><w:bCs/></w:rPr></w:style>""",
    HYPERLINK_STYLE: f"""<w:style {nsdecls("w")} w:type="character" w:styleId="{HYPERLINK_STYLE}">
  <w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/>
  <w:unhideWhenUsed/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>""",
}

CONFIDENTIAL = "Confidential"
MARKING = CONFIDENTIAL  # the protective marking a confidential report's pages carry
CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one fmtid custom properties use

# Schema order of the property elements docxtpl writes out of order (RichText puts w:color
# before w:b; cellbg puts w:shd before w:tcW). Word may refuse a file that breaks it.
SCHEMA_ORDER = {
    "rPr": ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
            "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
            "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight",
            "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
            "eastAsianLayout", "specVanish", "oMath"),
    "tcPr": ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
             "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark"),
}

# Characters XML 1.0 cannot hold; "\a" and "\f" would also be read by docxtpl as
# "new paragraph" and "page break".
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_docx(report: PerformanceReport, chart_png: Callable[[Chart], bytes],
                template_dir: Path) -> bytes:
    """Return `report` as .docx bytes, filled into `template_dir`/performance-report.docx.

    `chart_png` draws each part's chart. Two renders of the same report give the same bytes:
    times come from SOURCE_DATE_EPOCH (else 2000-01-01) and the zip is written in a fixed order.
    """
    template = DocxTemplate(Path(template_dir) / TEMPLATE)
    template.init_docx()  # the context needs the loaded package for images and numbering
    page = page_text_height(template)

    drawn: list[tuple[bytes, Chart]] = []

    def draw(chart: Chart) -> bytes:  # remember whose picture each PNG is, in order
        drawn.append((chart_png(chart), chart))
        return drawn[-1][0]

    def fit(body) -> None:
        tables = list(body.iterchildren(qn("w:tbl")))  # not the small tables inside cells
        for table in tables:
            set_text_size(table, TABLE_TEXT_SIZE)
            fit_performance_columns(table)
            let_tall_rows_split(table, page // TALL_ROW_FRACTION)
        if tables:
            keep_with_next(tables[-1].findall(qn("w:tr"))[-1])
        describe_charts(template, body, drawn)

    return fill(template, build_context(report, draw, template), report, fit)


def page_text_height(template: DocxTemplate) -> int:
    """Return the height (twips) between the first section's top and bottom margins."""
    section = template.docx.sections[0]
    return (section.page_height - section.top_margin - section.bottom_margin) // 635


def fit_performance_columns(table) -> list[int]:
    """Refit a performance table's columns to what they hold; return the widths (twips).

    No., Target, Current position and RAG get the width of their longest word (RAG: its
    longest label, which never wraps). Measure, Benchmarking and Commentary share the rest
    (each at least WRAPPING_FLOOR and its longest word, so "Benchmarking" or "mathematics"
    never breaks): of the splits in steps of WIDTH_STEP, the one whose rows are estimated
    shortest in all, so no column is a narrow strip beside a short one. The table keeps its
    width.
    """
    rows = table.findall(qn("w:tr"))
    columns = [[cell_text(cell) for cell in column]
               for column in zip(*(row.findall(qn("w:tc")) for row in rows))]
    if len(columns) != len(PERFORMANCE_COLUMNS):
        return []
    room = int(table.find(f"{W_TBLPR}/{qn('w:tblW')}").get(qn("w:w")))
    # The header row is bold (Table Heading) and wraps between words.
    widths = [max(text_width(longest_unit(texts[1:], kind), kind in ("label", "bold")),
                  text_width(longest_unit(texts[:1], "word"), bold=True))
              for texts, kind in zip(columns, PERFORMANCE_COLUMNS)]
    wrapping = [i for i, kind in enumerate(PERFORMANCE_COLUMNS) if kind in ("wrap", "bold")]
    fixed = sum(w for i, w in enumerate(widths) if i not in wrapping)
    spare = room - fixed
    floors = [max(WRAPPING_FLOOR, widths[i]) for i in wrapping]
    if spare < sum(floors):
        return []  # the template's widths stand
    body = [[columns[i][r] for i in range(len(columns))] for r in range(1, len(rows))]

    def total_height(split: tuple[int, ...]) -> int:
        trial = list(widths)
        for i, width in zip(wrapping, split):
            trial[i] = width
        return sum(max(cell_height(cell, w, PERFORMANCE_COLUMNS[i] == "bold")
                       for i, (cell, w) in enumerate(zip(row, trial))) for row in body)

    best = min(splits(spare, floors), key=total_height)
    for i, width in zip(wrapping, best):
        widths[i] = width
    widths[-1] += room - sum(widths)
    set_column_widths(table, widths)
    return widths


def splits(room: int, floors: list[int]) -> list[tuple[int, ...]]:
    """Return the ways of sharing `room` twips among columns at least `floors` wide, in steps
    of WIDTH_STEP (the last column takes what is left)."""
    if len(floors) == 1:
        return [(room,)] if room >= floors[0] else []
    return [(first, *rest)
            for first in range(floors[0], room - sum(floors[1:]) + 1, WIDTH_STEP)
            for rest in splits(room - first, floors[1:])]


def cell_height(paragraphs: list[str], width: int, bold: bool = False) -> int:
    """Return an estimate of the height (twips) of a cell `width` twips wide holding
    `paragraphs`: each takes as many lines as its characters need (a line loses about half a
    word where it wraps), plus the table style's spacing after it."""
    per_character = (BOLD_CHAR_TWIPS if bold else CHAR_TWIPS) * TABLE_SCALE
    per_line = max(1, int((width - CELL_PADDING) // per_character) - WRAP_LOSS)
    line = round(LINE_TWIPS * TABLE_SCALE)
    return sum(line * max(1, -(-len(text) // per_line)) + TABLE_PARAGRAPH_AFTER
               for text in paragraphs)


def cell_text(cell) -> list[str]:
    """Return the text of each paragraph in `cell` (nested tables included)."""
    return ["".join(t.text or "" for t in paragraph.iter(qn("w:t")))
            for paragraph in cell.iter(qn("w:p"))]


def longest_unit(cells: list[list[str]], kind: str) -> int:
    """Return the length (characters) of the longest piece of `cells` that cannot wrap: a
    paragraph for "label" and "number" columns, else a word."""
    if kind in ("label", "number"):
        return max((len(text) for cell in cells for text in cell), default=0)
    return max((len(word) for cell in cells for text in cell for word in text.split()),
               default=0)


def text_width(characters: int, bold: bool = False) -> int:
    """Return the cell width (twips) that holds `characters` of the tables' Arial on one
    line."""
    per_character = (BOLD_CHAR_TWIPS if bold else CHAR_TWIPS) * TABLE_SCALE
    return max(MIN_NARROW_COLUMN, CELL_PADDING + round(per_character * characters))


def set_column_widths(table, widths: list[int]) -> None:
    """Set `table`'s grid and each cell's width to `widths` (twips), one cell per column."""
    grid = table.find(qn("w:tblGrid"))
    grid[:] = [grid.makeelement(qn("w:gridCol"), {qn("w:w"): str(w)}) for w in widths]
    for row in table.findall(qn("w:tr")):
        for cell, width in zip(row.findall(qn("w:tc")), widths):
            tc_width = cell.find(f"{W_TCPR}/{qn('w:tcW')}")
            tc_width.set(qn("w:w"), str(width))
            tc_width.set(qn("w:type"), "dxa")


def row_height(row) -> int:
    """Return an estimate of `row`'s height (twips) from its text and its cells' widths."""
    return max((cell_height(cell_text(cell),
                            int(cell.find(f"{W_TCPR}/{qn('w:tcW')}").get(qn("w:w"))))
                for cell in row.findall(qn("w:tc"))), default=0)


def let_tall_rows_split(table, tallest_whole: int) -> None:
    """Let each row of `table` estimated taller than `tallest_whole` twips break across pages
    (drop its w:cantSplit): kept whole, a row of long commentary leaves most of a page blank.
    The header row repeats on each page (w:tblHeader), so a continued row keeps its headings."""
    for row in table.findall(qn("w:tr"))[1:]:
        props = row.find(qn("w:trPr"))
        keep = props.find(qn("w:cantSplit")) if props is not None else None
        if keep is not None and row_height(row) > tallest_whole:
            props.remove(keep)


def keep_with_next(row) -> None:
    """Keep the end of `row` on the page of what follows it (the legend), so that never
    sits alone on a page: the last paragraph of each cell gets w:keepNext."""
    for cell in row.findall(qn("w:tc")):
        paragraphs = cell.findall(qn("w:p"))
        if not paragraphs:
            continue
        last = paragraphs[-1]
        props = last.find(qn("w:pPr"))
        if props is None:
            props = last.makeelement(qn("w:pPr"), {})
            last.insert(0, props)
        if props.find(qn("w:keepNext")) is None:
            style = props.find(qn("w:pStyle"))
            props.insert(0 if style is None else 1, props.makeelement(qn("w:keepNext"), {}))


def render_scorecard_docx(scorecard: Scorecard, template_dir: Path) -> bytes:
    """Return `scorecard` as .docx bytes, filled into `template_dir`/appendix-scorecard.docx.

    One landscape A4 section; per outcome and theme a heading, its RAG and a table whose period
    columns follow `scorecard.periods`, refitted to the text width. Reproducible like
    `render_docx`.
    """
    template = DocxTemplate(Path(template_dir) / SCORECARD_TEMPLATE)
    template.init_docx()
    context = build_scorecard_context(scorecard, Flows(template))
    first = COLUMNS_BEFORE_PERIODS
    period_columns = range(first, first + len(scorecard.periods))
    flexible = [*WRAPPING_COLUMNS, *period_columns]

    page = page_text_height(template)

    def fit(body) -> None:
        tables = list(body.iterchildren(qn("w:tbl")))  # not the small tables inside cells
        for table in tables:
            widths = fit_columns(table, flexible)
            if period_columns and min(widths[i] for i in period_columns) < COMPACT_BELOW:
                fit_columns(table, flexible, COMPACT_SCALE)
                set_text_size(table, COMPACT_SIZE)
            else:
                set_text_size(table, TABLE_TEXT_SIZE)
            let_tall_rows_split(table, page // TALL_ROW_FRACTION)
        if tables:
            keep_with_next(tables[-1].findall(qn("w:tr"))[-1])

    return fill(template, context, scorecard, fit)


def render_cabinet_docx(report: CabinetReport, template_dir: Path) -> bytes:
    """Return `report` as .docx bytes, filled into `template_dir`/cabinet-report.docx.

    The cover is a bordered table of labels and values, the body Heading 1 parts; each lettered
    section's numbered paragraphs carry Word numbering (one numbering instance, so 1..n run on
    through the sections), their bodies indented to the heading text. The page header carries
    the title and, when the report is confidential, "Confidential" (as the PDF's margins).
    Reproducible like `render_docx`.
    """
    template = DocxTemplate(Path(template_dir) / CABINET_TEMPLATE)
    template.init_docx()
    context = build_cabinet_context(report, Flows(template))

    return fill(template, context, report, drop_empty_runs)


# The dashboard's success measures table in 7 pt (half-points), as the PDF sets it; its
# columns in the PDF's proportions (report.css, print): measure, baseline, each month, each
# benchmark, outturn, target, RAG, next target, in mm of a 273 mm row.
DASH_SIZE = 14
DASH_MM = {"measure": 39, "baseline": 14, "month": 10, "bench": 16, "outturn": 13,
           "target": 12, "rag": 15, "next": 12}
COMPARISON_COLUMN = 1701  # twips (3 cm): "Stat. neighbours" in bold on one line
TREND_WIDTH = Mm(115)  # two charts with their headings to a landscape page


def render_dashboard_docx(dashboard: Dashboard, chart_png: Callable, template_dir: Path
                          ) -> bytes:
    """Return `dashboard` as .docx bytes, filled into `template_dir`/dashboard.docx.

    One landscape A4 section; each block in order: its heading, then the success measures
    table (a header row repeating on each page, rows kept whole, RAG cells shaded with
    word and symbol), a comparison table, the officers' words, or each measure's trend chart
    (a picture with its text alternative) and words. Reproducible like `render_docx`."""
    template = DocxTemplate(Path(template_dir) / DASHBOARD_TEMPLATE)
    template.init_docx()
    flows = Flows(template)
    drawn: list[tuple[bytes, Trend]] = []
    width = flows.text_width()
    body = Place(subheading="Heading2", width=width)
    items: list[tuple[str, InlineImage | None]] = []  # (Word XML, chart) in order
    for block in dashboard.blocks:
        heading_xml = paragraph_xml(flows.runs((Run(block.title),)), "Heading1") \
            if block.title else ""
        if isinstance(block, SuccessTable):
            notes = "".join(paragraph_xml(flows.runs((Run(note),))) for note in block.notes)
            items.append((heading_xml + success_xml(block, width) + notes, None))
        elif isinstance(block, Comparison):
            items.append((heading_xml + comparison_xml(block) + flows.blocks(
                block.words, body, after_table=True),
                          None))
        elif isinstance(block, Charts):
            items.append((heading_xml, None))
            for item in block.items:
                chart = None
                if item.trend is not None:
                    drawn.append((chart_png(item.trend), item.trend))
                    chart = InlineImage(template, io.BytesIO(drawn[-1][0]), width=TREND_WIDTH)
                items.append((paragraph_xml(flows.runs((Run(item.measure),)), "Heading2"),
                              chart))
                items.append((flows.blocks(item.words, Place(subheading="Heading3",
                                                             width=width)), None))
        else:
            items.append((heading_xml + flows.blocks(block.flow, body), None))
    context = {
        **page_furniture(dashboard.heading or dashboard.title),  # the PDF's: its h1
        "title": rich_text(dashboard.heading or dashboard.title),
        "subtitle": rich_text(dashboard.title) if dashboard.heading else None,
        "legend": [rich_text(line) for line in dashboard.legend],
        "items": dashboard_items(items),
    }
    return fill(template, context, dashboard, lambda xml: describe_charts(template, xml, drawn))


def dashboard_items(items: list[tuple[str, object]]) -> list[dict]:
    """Return the template's items: each non-empty XML as a `{{p }}` value, with a paragraph
    after a table that the next item's table, or the end of the body, would join or end."""
    items = [(xml, chart) for xml, chart in items if xml or chart]
    result = []
    for index, (xml, chart) in enumerate(items):
        following = items[index + 1][0] if index + 1 < len(items) else None
        if xml.endswith("</w:tbl>") and not chart and (following is None
                                                       or following.startswith("<w:tbl")):
            xml += "<w:p/>"
        paragraph = None
        if xml:
            paragraph = RichTextParagraph()
            paragraph.xml = xml
        result.append({"xml": paragraph, "chart": chart})
    return result


def _cell(text: str, width: int, *, bold: bool = False, style: str | None = None,
          fill: str | None = None, colour: str | None = None, size: int | None = None,
          lines: tuple[str, ...] = ()) -> str:
    """Return one table cell of `width` twips holding `text` (then each of `lines` as a line
    of its own), shaded `fill` with text in `colour` when given."""
    props = "<w:b/><w:bCs/>" if bold else ""
    props += f'<w:color w:val="{hex_colour(colour)}"/>' if colour else ""
    props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else ""
    def run(value: str) -> str:
        escaped = guard_braces(html.escape(clean(value), quote=False))
        return (f'<w:r>{f"<w:rPr>{props}</w:rPr>" if props else ""}'
                f'<w:t xml:space="preserve">{escaped}</w:t></w:r>')
    content = run(text) + "".join(f"<w:r><w:br/></w:r>{run(line)}" for line in lines)
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{hex_colour(fill)}"/>' if fill else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>'
            f"{paragraph_xml(content, style)}</w:tc>")


def table_xml(props: str, grid: list[int], rows: list[str], caption: str | None = None) -> str:
    """Return a Word table in our table style: `props` (its width, indent, layout, cell
    margins, in the schema's order), the header-row look, a caption for screen readers when
    given, the column `grid` (twips) and `rows` (`row_xml`)."""
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="{TABLE_STYLE}"/>{props}'
            '<w:tblLook w:val="0620" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
            + (f'<w:tblCaption w:val="{attribute(caption)}"/>' if caption is not None else "")
            + "</w:tblPr><w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in grid)
            + "</w:tblGrid>" + "".join(rows) + "</w:tbl>")


def row_xml(cells: list[str], header: bool = False) -> str:
    """Return a table row that never splits across pages (a `header` row repeats on each)."""
    return ("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
            + "</w:trPr>" + "".join(cells) + "</w:tr>")


def _table(widths: list[int], rows: list[str], caption: str) -> str:
    """Return a fixed-layout table of `rows` with cell margins of 1 mm (a month's "35.0%" in
    7 pt fits its 1 cm column), captioned for screen readers."""
    return table_xml(f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
                     '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" '
                     'w:type="dxa"/></w:tblCellMar>', widths, rows, caption)


def success_xml(table: SuccessTable, room: int) -> str:
    """Return the success measures table as Word XML filling `room` twips."""
    kinds = (["measure", "baseline"] + ["month"] * len(table.periods)
             + ["bench"] * len(table.benchmark_names) + ["outturn", "target", "rag", "next"])
    total = sum(DASH_MM[k] for k in kinds)
    widths = [int(room * DASH_MM[k] / total) for k in kinds]
    widths[0] += room - sum(widths)
    heads = ["Success measure", table.baseline_label, *table.periods, *table.benchmark_names,
             "Current outturn", "Current target", "Current RAG", table.next_label]
    rows = [row_xml([_cell(text, w, style=TABLE_HEADING_STYLE, size=DASH_SIZE)
                  for text, w in zip(heads, widths)], header=True)]
    for row in table.rows:
        texts = [row.baseline, *row.values, *row.benchmarks, row.outturn, row.target]
        cells = [_cell(row.measure, widths[0], bold=True, size=DASH_SIZE)]
        cells += [_cell(text, w, size=DASH_SIZE) for text, w in zip(texts, widths[1:])]
        cells.append(_cell(row.status.label, widths[-2], bold=True, fill=row.status.colour,
                           colour=row.status.text_colour, size=DASH_SIZE))
        cells.append(_cell(row.next_target, widths[-1], size=DASH_SIZE))
        rows.append(row_xml(cells))
    return _table(widths, rows, table.caption)


def comparison_xml(block: Comparison) -> str:
    """Return a comparison table: whose figure and its period over each figure (then the
    target and RAG of a measure with a target)."""
    rated = block.status is not None
    widths = [COMPARISON_COLUMN] * (len(block.figures) + 2 * rated)
    heads = [(f.name, (f.period,) if f.period else ()) for f in block.figures]
    heads += [("Target", ()), ("RAG", ())] if rated else []
    head = row_xml([_cell(name, w, style=TABLE_HEADING_STYLE, lines=lines)
                 for (name, lines), w in zip(heads, widths)], header=True)
    cells = [_cell(f.value, w, bold=True) for f, w in zip(block.figures, widths)]
    if rated:
        cells += [_cell(block.target or "", widths[-2], bold=True),
                  _cell(block.status.label, widths[-1], bold=True, fill=block.status.colour,
                        colour=block.status.text_colour)]
    values = row_xml(cells)
    return _table(widths, [head, values],
                  f"{block.title}: our latest figure beside the benchmarks, each for its period")


def build_cabinet_context(report: CabinetReport, flows: Flows) -> dict:
    """Return the cabinet template's context: cover rows, and each flow as Word XML.

    Sub-headings sit one level below their context: Heading 2 under the Heading 1 parts and
    section introductions, Heading 3 under a numbered paragraph's heading (outline level 2).
    """
    width = flows.text_width()
    body = Place(subheading="Heading2", width=width)
    numbered = Place(subheading="Heading3", text=NUMBERED_TEXT_STYLE, width=width,
                     indent=flows.style_indent(NUMBERED_TEXT_STYLE))
    return {
        **page_furniture(report.title, MARKING if report.confidential else ""),
        "confidential": report.confidential,
        "title": rich_text(report.title),
        "cover": [{"label": rich_text(f"{row.label}:", bold=True), "value": rich_text(row.value)}
                  for row in report.cover],
        "press_line": rich_text(report.press_line) if report.press_line else None,
        "summary": paragraphs(report.summary, flows, body),
        "recommendation": paragraphs(report.recommendation, flows, body),
        "sections": cabinet_sections(report.sections, flows, body, numbered),
        "background_papers": paragraphs(report.background_papers, flows, body),
        "views": paragraphs(report.views, flows, body),
        "present": {"summary": bool(report.summary), "recommendation": bool(report.recommendation),
                    "background_papers": bool(report.background_papers),
                    "views": bool(report.views)},
    }


def cabinet_sections(sections: tuple[Section, ...], flows: Flows, body: Place,
                     numbered: Place) -> RichTextParagraph:
    """Return the lettered sections: a Heading 1 title each, then their paragraphs.

    A numbered paragraph's heading is a "Numbered Heading" paragraph on the style's numbering
    instance, so Word counts 1..n through every section; if the model's numbers ever skip,
    a new instance starts at the model's number so the two always agree.
    """
    num_id = flows.style_num_id(NUMBERED_HEADING_STYLE)
    expected = 1
    xml = []
    for section in sections:
        if section.title:
            xml.append(paragraph_xml(flows.runs((Run(section.title),)), "Heading1"))
        for para in section.paragraphs:
            if para.number is None:
                xml.append(flows.blocks(para.body, body))
                continue
            if para.number != expected and num_id is not None:
                num_id = flows.restart(NUMBERED_HEADING_STYLE, para.number)
            expected = para.number + 1
            xml.append(numbered_heading(para, flows, num_id))
            xml.append(flows.blocks(para.body, numbered))
    result = RichTextParagraph()
    result.xml = "".join(xml)
    return result


def numbered_heading(para: Paragraph, flows: Flows, num_id: int | None) -> str:
    """Return `para`'s heading on the numbering instance `num_id` (typed "n. " if None)."""
    runs = flows.runs(para.heading, bold_style=True)
    if num_id is None:  # a template without the numbering: the number as text
        return paragraph_xml(run_xml(Run(f"{para.number}.\t")) + runs, NUMBERED_HEADING_STYLE)
    return paragraph_xml(runs, NUMBERED_HEADING_STYLE, (0, num_id))


def drop_empty_runs(body) -> None:
    """Remove the empty runs docxtpl leaves around a `{{r }}` tag's text."""
    for run in list(body.iter(qn("w:r"))):
        texts = run.findall(qn("w:t"))
        others = [child for child in run if child.tag not in (qn("w:rPr"), qn("w:t"))]
        if texts and not others and not any(text.text for text in texts):
            run.getparent().remove(run)


def fill(template: DocxTemplate, context: dict,
         document: PerformanceReport | Scorecard | CabinetReport,
         fix: Callable | None = None) -> bytes:
    """Render `context` into `template`, run `fix` on the body, and return reproducible bytes."""
    template.render(context, autoescape=True)
    body = template.docx.element.body
    if fix is not None:
        fix(body)
    put_in_schema_order(body)
    stamp = build_time()
    set_properties(template, document, stamp)
    buffer = io.BytesIO()
    template.save(buffer)
    return reproducible_zip(buffer.getvalue(), stamp)


def build_context(report: PerformanceReport, chart_png: Callable[[Chart], bytes],
                  template: DocxTemplate) -> dict:
    """Return the template context: the report with every text wrapped for docxtpl."""
    flows = Flows(template)
    return {
        **page_furniture(report.heading or report.properties.title),
        "heading": rich_text(report.heading) if report.heading else None,
        # Under a portfolio heading, the line that says which report this is (as the HTML's
        # .meta); without a heading the title itself is the heading.
        "subtitle": rich_text(report.properties.title),
        "title": rich_text(report.properties.title),
        "period": rich_text(report.period) if report.period else None,
        "parts": [build_part(part, chart_png, template, flows) for part in report.parts],
        "legend": [rich_text(line) for line in report.legend],
    }


def build_part(part: Part, chart_png: Callable[[Chart], bytes], template: DocxTemplate,
               flows: Flows) -> dict:
    return {
        # An unnamed part still gets its Heading 1, as in the HTML, so headings never skip.
        "name": rich_text(part.name or "Summary of measures"),
        "chart": InlineImage(template, io.BytesIO(chart_png(part.chart)), width=CHART_WIDTH),
        "rated": part.rated,
        "unavailable": part.unavailable,
        "tables": [build_table(table, flows) for table in part.tables],
    }


def build_table(table: Table, flows: Flows) -> dict:
    return {
        "key": table.key,
        "title": rich_text(table.title),
        "caption": attribute(table.caption),
        "rows": [build_row(row, flows) for row in table.rows],
    }


def build_row(row: Row, flows: Flows) -> dict:
    position = (Block((Run(row.position),)),) + row.position_note
    return {
        "number": row.number,
        "measure_id": row.measure_id,
        "measure": rich_text(row.measure, bold=True),  # the row's header, as the PDF's th
        "target": rich_text(row.target),
        "position": paragraphs(position, flows),
        "status": build_status(row.status),
        "rag": rich_text(row.status.label, bold=True, color=hex_colour(row.status.text_colour)),
        "benchmarking": paragraphs(row.benchmarking, flows),
        "commentary": paragraphs(row.commentary, flows),
    }


def build_status(status: StatusView) -> dict:
    """Return the status for the template; colours as bare hex, as w:fill and w:color need."""
    return {
        "name": status.name,
        "symbol": status.symbol,
        "key": status.key,
        "label": status.label,
        "colour": hex_colour(status.colour),
        "text_colour": hex_colour(status.text_colour),
    }


def build_scorecard_context(scorecard: Scorecard, flows: Flows) -> dict:
    """Return the scorecard template's context, heading levels following on without a skip.

    Heading 1 is the portfolio heading when there is one; outcomes come next and their themes
    below them; an outcome without a name has no heading (nor RAG line), so its themes move up.
    """
    outcome_level = 2 if scorecard.heading else 1
    periods = len(scorecard.periods)
    return {
        **page_furniture(scorecard.title),
        "title": rich_text(scorecard.title),
        "heading": rich_text(scorecard.heading) if scorecard.heading else None,
        "periods": [rich_text(period) for period in scorecard.periods],
        "outcomes": [build_outcome(outcome, outcome_level, periods, flows)
                     for outcome in scorecard.outcomes],
        "legend": [rich_text(line) for line in scorecard.legend],
    }


def build_outcome(outcome: Outcome, level: int, periods: int, flows: Flows) -> dict:
    theme_level = level + 1 if outcome.name else level
    return {
        "heading": heading(outcome.name, level) if outcome.name else None,
        "status": badge(outcome.status),
        "themes": [build_theme(theme, outcome, theme_level, periods, flows)
                   for theme in outcome.themes],
    }


def build_theme(theme: Group, outcome: Outcome, level: int, periods: int,
                flows: Flows) -> dict:
    caption = f"{outcome.name}: {theme.name}" if outcome.name else theme.name
    return {
        "heading": heading(theme.name, level),
        "status": badge(theme.status),
        "caption": attribute(f"{caption} - measures"),
        "rows": [build_score_row(row, periods, flows) for row in theme.rows],
    }


def build_score_row(row: ScoreRow, periods: int, flows: Flows) -> dict:
    """Return a scorecard row; `cells` fill the period columns exactly (one spanning cell when
    the measure is unavailable)."""
    if row.unavailable:
        cells = [{"span": periods, "text": rich_text(UNAVAILABLE_TEXT)}] if periods else []
    else:
        values = [value.label for value in row.values[:periods]]
        values += [""] * (periods - len(values))
        cells = [{"span": 1, "text": rich_text(value)} for value in values]
    return {
        "number": row.number,
        "measure": rich_text(row.measure, bold=True),  # the row's header, as the PDF's th
        "polarity": rich_text(row.polarity),
        "data_period": rich_text(row.data_period),
        "target": rich_text(row.target),
        "cells": cells,
        "status": build_status(row.status),
        "rag": rich_text(row.status.label, bold=True, color=hex_colour(row.status.text_colour)),
        "benchmarks": paragraphs(row.benchmarks, flows),
        "narrative": paragraphs(row.narrative, flows),
    }


def badge(status: StatusView | None) -> RichText:
    """Return a rolled-up RAG as the PDF's badge: its symbol and word in bold on its colour
    (a shaded, framed run, the text in the status's contrasting colour); "None" when unrated."""
    if status is None:
        return rich_text("None", bold=True)
    text = guard_braces(html.escape(clean(status.label), quote=False))
    result = RichText()
    result.xml = (f'<w:r><w:rPr><w:b/><w:bCs/><w:color w:val="{hex_colour(status.text_colour)}"/>'
                  f'<w:bdr w:val="single" w:sz="4" w:space="1" w:color="{BADGE_FRAME}"/>'
                  f'<w:shd w:val="clear" w:color="auto" w:fill="{hex_colour(status.colour)}"/>'
                  f'</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>')
    return result


def page_furniture(running_head: str, marking: str = "") -> dict:
    """Return the header's context: the running head (the document's title, as the PDF's
    top-left margin box) and the protective marking (its top-right box; empty for none)."""
    return {"running_head": rich_text(running_head),
            "marking": rich_text(marking, bold=True) if marking else RichText()}


def heading(text: str, level: int) -> RichTextParagraph:
    """Return `text` as one paragraph in the style Heading `level` (1 to 3)."""
    result = RichTextParagraph()
    result.add(rich_text(text), parastyle=f"Heading{min(max(level, 1), 3)}")
    return result


def fit_columns(table, flexible: list[int], scale: float = 1.0) -> list[int]:
    """Refit `table`'s grid and cell widths to its w:tblW, from its header row's cell widths;
    return the column widths (twips).

    docxtpl's column loops leave each repeated cell with the template cell's width and the grid
    averaged; this keeps the other columns' widths (times `scale`) and stretches or shrinks the
    `flexible` columns (indices in the header row) in proportion so the columns sum exactly to
    the table width. Cells spanning columns get the sum of their columns; a span of 1 is dropped.
    """
    # docxtpl re-parses the body, so these are plain lxml elements: find by tag.
    table_width = int(table.find(f"{W_TBLPR}/{qn('w:tblW')}").get(qn("w:w")))
    rows = table.findall(qn("w:tr"))
    widths = [int(cell.find(f"{W_TCPR}/{qn('w:tcW')}").get(qn("w:w")))
              for cell in rows[0].findall(qn("w:tc"))]
    if not widths:
        return widths
    flex = sorted({i % len(widths) for i in flexible})
    widths = [w if i in flex else int(w * scale) for i, w in enumerate(widths)]
    fixed = sum(w for i, w in enumerate(widths) if i not in flex)
    stretch = sum(widths[i] for i in flex)
    if not flex or fixed >= table_width or stretch == 0:  # cannot happen with the template
        flex, fixed, stretch = list(range(len(widths))), 0, sum(widths)
    for i in flex:
        widths[i] = widths[i] * (table_width - fixed) // stretch
    widths[flex[-1]] += table_width - sum(widths)
    grid = table.find(qn("w:tblGrid"))
    grid[:] = [grid.makeelement(qn("w:gridCol"), {qn("w:w"): str(w)}) for w in widths]
    for row in rows:
        column = 0
        for cell in row.findall(qn("w:tc")):
            props = cell.find(W_TCPR)
            span_element = props.find(qn("w:gridSpan"))
            span = int(span_element.get(qn("w:val"))) if span_element is not None else 1
            if span_element is not None and span == 1:
                props.remove(span_element)
            width = props.find(qn("w:tcW"))
            width.set(qn("w:w"), str(sum(widths[column:column + span])))
            width.set(qn("w:type"), "dxa")
            column += span
    return widths


def set_text_size(table, half_points: int) -> None:
    """Set every run and paragraph mark in `table` to `half_points` (direct formatting)."""
    for parent, tag in ((qn("w:r"), qn("w:rPr")), (qn("w:pPr"), qn("w:rPr"))):
        for element in table.iter(parent):
            props = element.find(tag)
            if props is None:
                props = element.makeelement(tag, {})
                element.insert(0 if parent == qn("w:r") else len(element), props)
            for name in ("w:sz", "w:szCs"):
                for old in props.findall(qn(name)):
                    props.remove(old)
                props.append(props.makeelement(qn(name), {qn("w:val"): str(half_points)}))


def hex_colour(colour: str) -> str:
    return colour.strip().lstrip("#").upper()


def clean(text: str) -> str:
    """Return `text` safe for XML: one kind of newline, no control characters."""
    return NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def guard_braces(xml: str) -> str:
    """Write braces in escaped `xml` as character references.

    docxtpl turns "{_{" into "{{" (and the like) in its output, so a literal "{_{" in a
    workbook would otherwise change; a reference is the same character to Word.
    """
    return xml.replace("{", "&#123;").replace("}", "&#125;")


def attribute(text: str) -> Markup:
    """Return `text` escaped for an XML attribute value in the template."""
    return Markup(guard_braces(html.escape(clean(text), quote=True)))


def rich_text(text: str, **props) -> RichText:
    """Return `text` as one escaped run ("\\n" becomes a line break when docxtpl renders)."""
    return runs_text((Run(text),), **props)


def runs_text(runs: tuple[Run, ...], **props) -> RichText:
    """Return `runs` as escaped runs keeping their bold and italic."""
    result = RichText()
    for run in runs:
        result.add(clean(run.text), bold=run.bold or props.get("bold", False),
                   italic=run.italic, color=props.get("color"))
    result.xml = guard_braces(result.xml)
    return result


def paragraphs(flow: Flow, flows: Flows, place: Place | None = None) -> RichTextParagraph:
    """Return `flow` as Word paragraphs (and tables) for a `{{p }}` tag at `place`.

    In a table cell (the default place) the result always ends with a paragraph, as a cell
    must; in the body an empty flow leaves nothing, not an empty paragraph.
    """
    place = place or CELL
    result = RichTextParagraph()
    result.xml = flows.blocks(flow, place)
    if place.width is None and (not flow or isinstance(flow[-1], TableBlock)):
        result.xml += "<w:p/>"  # a table cell must end with a paragraph
    return result


@dataclass(frozen=True)
class Place:
    """Where a flow sits: the paragraph styles of its text and sub-headings, and the room a
    small table has (`width` in twips from the left margin, None inside a table cell, where the
    table takes the cell's width; `indent` lines tables up with indented text)."""

    subheading: str = SUBHEADING_STYLE
    text: str | None = None  # None: Normal
    width: int | None = None
    indent: int = 0


CELL = Place()


class Flows:
    """Write flows as Word XML into one template's package.

    Each numbered list gets its own numbering instance, so each counts from 1 (Word continues
    one `w:num` across the whole document; a new `w:num` on the same abstract numbering with a
    start override begins again). Each https link gets an external relationship. The styles
    flows use are added to the template when it lacks them.
    """

    def __init__(self, template: DocxTemplate):
        self._document = template.docx
        add_missing_styles(self._document)

    def restart(self, style_id: str, start: int = 1) -> int | None:
        """Return a new numbering instance for the numbered style `style_id`, counting from
        `start` (None if the style is not numbered)."""
        num_id = self.style_num_id(style_id)
        if num_id is None:
            return None
        numbering = self._document.part.numbering_part.element
        abstract = numbering.num_having_numId(num_id).abstractNumId.val
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return num.numId

    def style_num_id(self, style_id: str) -> int | None:
        """Return the numbering instance the paragraph style `style_id` carries, if any."""
        style = self._document.styles.element.get_by_id(style_id)
        num_pr = style.pPr.numPr if style is not None and style.pPr is not None else None
        if num_pr is None or num_pr.numId is None:
            return None
        return num_pr.numId.val

    def style_indent(self, style_id: str) -> int:
        """Return the left indent (twips) of the paragraph style `style_id` (0 if none)."""
        style = self._document.styles.element.get_by_id(style_id)
        ind = style.pPr.ind if style is not None and style.pPr is not None else None
        return ind.left.twips if ind is not None and ind.left is not None else 0

    def text_width(self) -> int:
        """Return the width (twips) between the first section's margins."""
        section = self._document.sections[0]
        return (section.page_width - section.left_margin - section.right_margin) // 635

    def link(self, url: str) -> str:
        """Return the relationship id of the external hyperlink to `url`."""
        return self._document.part.relate_to(url, RT.HYPERLINK, is_external=True)

    def runs(self, runs: tuple[Run, ...], bold_style: bool = False) -> str:
        """Return `runs` as Word runs; consecutive runs with one https target share one link.

        `bold_style`: the paragraph's style is bold, so a run not marked bold says so.
        """
        xml = []
        for href, group in itertools.groupby(runs, key=lambda run: https(run.href)):
            group = list(group)
            if href and not "".join(run.text for run in group).strip():
                group = [Run(href, group[0].bold, group[0].italic, href)]  # text to read
            text = "".join(run_xml(run, bold_style, link=bool(href)) for run in group)
            if href:
                text = f'<w:hyperlink r:id="{self.link(href)}" w:history="1">{text}</w:hyperlink>'
            xml.append(text)
        return "".join(xml)

    def blocks(self, flow: Flow, place: Place, after_table: bool = False) -> str:
        """Return `flow` as Word paragraphs and tables, list items in the list styles.

        A numbered list starts again at 1 after any block that is not a deeper list item, and
        at an item's typed `number` when it has one. `after_table`: the flow follows a table,
        so in the body its first paragraph is spaced from it.
        """
        xml = []
        open_lists: dict[int, int | None] = {}  # level -> numbering instance of the open list
        for index, block in enumerate(flow):
            if isinstance(block, TableBlock):
                if after_table:
                    xml.append("<w:p/>")  # two tables in a row would join into one
                xml.append(self.table(block, place))
                open_lists, after_table = {}, True
                continue
            level = min(max(block.level, 0), 1)
            style = LIST_STYLES.get((block.kind, level))
            open_lists = {n: num for n, num in open_lists.items()
                          if style and (n < level or (n == level and block.kind == "number"))}
            text = self.runs(block.runs)
            # In the body, as a typist would set it: list items sit 3 pt apart (their style)
            # and the last is followed by a paragraph's usual 6 pt; text after a table starts
            # 6 pt below it.
            body = place.width is not None
            spacing = {"after": PARAGRAPH_SPACING if body and style and not is_list_item(
                flow, index + 1) else None,
                "before": PARAGRAPH_SPACING if body and after_table else None}
            after_table = False
            if block.kind == "subheading":
                xml.append(paragraph_xml(text, place.subheading))
            elif block.kind == "number" and style:
                if level not in open_lists or block.number is not None:
                    open_lists[level] = self.restart(
                        style, 1 if block.number is None else block.number)
                num = open_lists[level]
                xml.append(paragraph_xml(text, style, None if num is None else (0, num),
                                         **spacing))
            else:  # a paragraph leading into a list or table ("…are:") stays with it
                lead_in = body and not style and index + 1 < len(flow) and (
                    isinstance(flow[index + 1], TableBlock) or is_list_item(flow, index + 1))
                xml.append(paragraph_xml(text, style or place.text, **spacing,
                                         keep_next=lead_in))
        return "".join(xml)

    def table(self, block: TableBlock, place: Place) -> str:
        """Return `block` as a bordered Word table whose header row repeats on each page.

        In the body the columns get widths from their longest line (the table fills at most the
        text width, indented with the text); in a cell the table fills the cell, its columns in
        the same proportions.
        """
        rows = [tuple(block.header), *(tuple(row) for row in block.rows)]
        columns = max(1, *(len(row) for row in rows))
        rows = [row + ((),) * (columns - len(row)) for row in rows]
        if place.width is None:
            grid = column_widths(rows, NOMINAL_CELL_TABLE)
            shares = [w * 5000 // sum(grid) for w in grid]
            shares[-1] += 5000 - sum(shares)
            widths = [f'<w:tcW w:w="{share}" w:type="pct"/>' for share in shares]
            table_props = '<w:tblW w:w="5000" w:type="pct"/>'
        else:
            grid = column_widths(rows, place.width - place.indent)
            widths = [f'<w:tcW w:w="{w}" w:type="dxa"/>' for w in grid]
            table_props = (f'<w:tblW w:w="{sum(grid)}" w:type="dxa"/>'
                           + (f'<w:tblInd w:w="{place.indent}" w:type="dxa"/>'
                              if place.indent else "")
                           + '<w:tblLayout w:type="fixed"/>')
        return table_xml(table_props, grid, [row_xml(
            [f"<w:tc><w:tcPr>{width}</w:tcPr>"
             f"{paragraph_xml(self.runs(cell), TABLE_HEADING_STYLE if index == 0 else None)}"
             "</w:tc>" for cell, width in zip(row, widths)], header=index == 0)
            for index, row in enumerate(rows)])


def https(href: str | None) -> str | None:
    """Return `href` when it is an https address Word can link to, else None."""
    if not href:
        return None
    href = clean(href).strip()
    return href if href.lower().startswith("https://") and not re.search(r"\s", href) else None


def run_xml(run: Run, bold_style: bool = False, link: bool = False) -> str:
    """Return `run` as one escaped Word run ("\\n" becomes a line break when docxtpl renders)."""
    props = f'<w:rStyle w:val="{HYPERLINK_STYLE}"/>' if link else ""
    if run.bold:
        props += "<w:b/>"
    elif bold_style:
        props += '<w:b w:val="0"/>'
    if run.italic:
        props += "<w:i/>"
    text = guard_braces(html.escape(clean(run.text), quote=False))
    props = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def is_list_item(flow: Flow, index: int) -> bool:
    return (index < len(flow) and not isinstance(flow[index], TableBlock)
            and (flow[index].kind, 0) in LIST_STYLES)


def paragraph_xml(content: str, style: str | None = None,
                  numbering: tuple[int, int] | None = None, before: int | None = None,
                  after: int | None = None, keep_next: bool = False) -> str:
    """Return a paragraph holding the runs `content` in `style`, numbered by `numbering`
    (level, numbering instance), with `before` and `after` spacing (twips) when given, kept
    on the page of the paragraph or table after it when `keep_next`."""
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    props += "<w:keepNext/>" if keep_next else ""
    if numbering is not None:
        level, num_id = numbering
        props += f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    spacing = "".join(f' w:{name}="{value}"' for name, value in (("before", before),
                                                                 ("after", after))
                      if value is not None)
    if spacing:
        props += f"<w:spacing{spacing}/>"
    props = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f"<w:p>{props}{content}</w:p>"


def column_widths(rows: list[tuple[tuple[Run, ...], ...]], room: int) -> list[int]:
    """Return column widths (twips) for a small table's `rows` in at most `room` twips.

    Each column would like its longest line (at least MIN_COLUMN); when they do not fit,
    each keeps its longest word and shares the rest in proportion to what it lacks.
    """
    def width(characters: int) -> int:
        return CELL_PADDING + CHAR_TWIPS * characters

    texts = [["".join(run.text for run in cell) for cell in column] for column in zip(*rows)]
    wanted = [max(MIN_COLUMN, width(max(len(line) for text in column
                                        for line in text.split("\n"))))
              for column in texts]
    if sum(wanted) <= room:
        return wanted
    least = [min(want, width(max((len(word) for text in column for word in text.split()),
                                 default=0))) for want, column in zip(wanted, texts)]
    if sum(least) >= room:
        widths = [w * room // sum(least) for w in least]
    else:
        spare, lacking = room - sum(least), sum(wanted) - sum(least)
        widths = [low + (want - low) * spare // lacking for low, want in zip(least, wanted)]
    widths[-1] += room - sum(widths)
    return widths


def add_missing_styles(document) -> None:
    """Add the styles flows use (FLOW_STYLES) that the template does not define."""
    styles = document.styles.element
    for style_id, xml in FLOW_STYLES.items():
        if styles.get_by_id(style_id) is None:
            styles.append(parse_xml(xml))


def describe_charts(template: DocxTemplate, body, drawn: list[tuple[bytes, Chart]]) -> None:
    """Give each chart picture its text alternative: `wp:docPr` descr and title, and the
    picture's own `pic:cNvPr` descr (docxtpl writes only an id and a name). The pictures whose
    image is a drawn chart's PNG are the charts, in the order they were drawn."""
    related = template.docx.part.related_parts
    pngs = {png for png, _ in drawn}
    charts = iter(chart for _, chart in drawn)
    for inline in body.iter(qn("wp:inline")):
        blip = next(inline.iter(qn("a:blip")), None)
        part = related.get(blip.get(qn("r:embed"))) if blip is not None else None
        chart = next(charts, None) if part is not None and part.blob in pngs else None
        if chart is None:
            continue
        properties = inline.find(qn("wp:docPr"))
        properties.set("descr", clean(chart.alt))
        properties.set("title", clean(chart.title))
        for picture in inline.iter(qn("pic:cNvPr")):
            picture.set("descr", clean(chart.alt))


def put_in_schema_order(body) -> None:
    """Sort the children of each run and cell property element of `body` into schema order."""
    for name, order in SCHEMA_ORDER.items():
        rank = {qn(f"w:{tag}"): index for index, tag in enumerate(order)}
        for props in body.iter(qn(f"w:{name}")):
            props[:] = sorted(props, key=lambda child: rank.get(child.tag, len(rank)))


def build_time() -> dt.datetime:
    """Return the document's time: SOURCE_DATE_EPOCH if set, else 2000-01-01 (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return DEFAULT_TIME


def _property(text: str) -> str:
    text = clean(text)
    return text if len(text) <= 255 else text[:254].rstrip() + "…"


def set_properties(template: DocxTemplate,
                   report: PerformanceReport | Scorecard | CabinetReport,
                   stamp: dt.datetime) -> None:
    """Set the core properties from `report`; after rendering, as docxtpl renders them as Jinja.

    A confidential report says so in its subject and keywords, its category and a custom
    property "Confidential" (Yes), so a search or a records system sees it unopened.
    """
    props = template.docx.core_properties
    source = report.properties
    subject, keywords = clean(source.subject), clean(source.keywords)
    confidential = getattr(report, "confidential", False)
    if confidential:
        if CONFIDENTIAL.lower() not in subject.lower():
            subject = f"{CONFIDENTIAL} - {subject}" if subject else CONFIDENTIAL
        if CONFIDENTIAL.lower() not in keywords.lower():
            keywords = f"{CONFIDENTIAL}, {keywords}" if keywords else CONFIDENTIAL
        props.category = CONFIDENTIAL
        add_custom_properties(template, {CONFIDENTIAL: True})
    # Word's core properties hold at most 255 characters (python-docx refuses more): the
    # document itself carries the full text.
    props.title = _property(source.title)
    props.author = props.last_modified_by = _property(source.author)
    props.subject = _property(subject)
    props.keywords = _property(keywords)
    props.language = clean(source.language)
    props.comments = ""
    props.revision = 1
    props.created = props.modified = stamp


def add_custom_properties(template: DocxTemplate, values: dict[str, bool | str]) -> None:
    """Give the package a docProps/custom.xml holding `values` (booleans or text)."""
    items = []
    for pid, (name, value) in enumerate(values.items(), start=2):  # pids start at 2
        typed = (f"<vt:bool>{'true' if value else 'false'}</vt:bool>" if isinstance(value, bool)
                 else f"<vt:lpwstr>{html.escape(clean(value), quote=False)}</vt:lpwstr>")
        items.append(f'<property fmtid="{CUSTOM_FMTID}" pid="{pid}" '
                     f'name="{html.escape(name)}">{typed}</property>')
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
           'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
           f'2006/docPropsVTypes">{"".join(items)}</Properties>')
    package = template.docx.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            del package.rels[rid]
    part = PackagePart(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES,
                       xml.encode("utf-8"), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)
