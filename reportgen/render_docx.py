"""Render the document model as DOCX: fill the docxtpl template, then fix the package's bytes.

Two documents: the performance report (`render_docx`, templates/performance-report.docx) and
the Appendix 1 scorecard (`render_scorecard_docx`, templates/appendix-scorecard.docx).

This is the only module that imports docxtpl or python-docx. Text is data: every string from
the model reaches the template as a RichText or RichTextParagraph (which escape it) and the
template renders with autoescape on, so `<`, `&` or `{{ 7*7 }}` in a workbook prints literally.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage, RichText, RichTextParagraph
from markupsafe import Markup

from reportgen.document import (
    Block, Chart, Flow, Group, Outcome, Part, PerformanceReport, Row, Run, Scorecard, ScoreRow,
    StatusView, Table,
)

TEMPLATE = "performance-report.docx"
SCORECARD_TEMPLATE = "appendix-scorecard.docx"
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
DEFAULT_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)  # earliest time a zip entry holds

# Paragraph style IDs (not names) for each block kind and level, as the template defines them.
LIST_STYLES = {
    ("bullet", 0): "ListBullet",
    ("bullet", 1): "ListBullet2",
    ("number", 0): "ListNumber",
    ("number", 1): "ListNumber2",
}

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
    return fill(template, build_context(report, chart_png, template), report)


def render_scorecard_docx(scorecard: Scorecard, template_dir: Path) -> bytes:
    """Return `scorecard` as .docx bytes, filled into `template_dir`/appendix-scorecard.docx.

    One landscape A4 section; per outcome and theme a heading, its RAG and a table whose period
    columns follow `scorecard.periods`, refitted to the text width. Reproducible like
    `render_docx`.
    """
    template = DocxTemplate(Path(template_dir) / SCORECARD_TEMPLATE)
    template.init_docx()
    context = build_scorecard_context(scorecard, ListNumbering(template))
    first = COLUMNS_BEFORE_PERIODS
    period_columns = range(first, first + len(scorecard.periods))
    flexible = [*WRAPPING_COLUMNS, *period_columns]

    def fit(body) -> None:
        for table in body.iter(qn("w:tbl")):
            widths = fit_columns(table, flexible)
            if period_columns and min(widths[i] for i in period_columns) < COMPACT_BELOW:
                fit_columns(table, flexible, COMPACT_SCALE)
                set_text_size(table, COMPACT_SIZE)

    return fill(template, context, scorecard, fit)


def fill(template: DocxTemplate, context: dict, document: PerformanceReport | Scorecard,
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
    lists = ListNumbering(template)
    return {
        "heading": rich_text(report.heading) if report.heading else None,
        "title": rich_text(report.properties.title),
        "period": rich_text(report.period) if report.period else None,
        "parts": [build_part(part, chart_png, template, lists) for part in report.parts],
        "legend": [rich_text(line) for line in report.legend],
    }


def build_part(part: Part, chart_png: Callable[[Chart], bytes], template: DocxTemplate,
               lists: ListNumbering) -> dict:
    return {
        "name": rich_text(part.name) if part.name else None,
        "chart": ChartImage(template, chart_png(part.chart), part.chart),
        "rated": part.rated,
        "unavailable": part.unavailable,
        "tables": [build_table(table, lists) for table in part.tables],
    }


def build_table(table: Table, lists: ListNumbering) -> dict:
    return {
        "key": table.key,
        "title": rich_text(table.title),
        "caption": attribute(table.caption),
        "rows": [build_row(row, lists) for row in table.rows],
    }


def build_row(row: Row, lists: ListNumbering) -> dict:
    position = (Block((Run(row.position),)),) + row.position_note
    return {
        "number": row.number,
        "measure_id": row.measure_id,
        "measure": rich_text(row.measure),
        "target": rich_text(row.target),
        "position": paragraphs(position, lists),
        "status": build_status(row.status),
        "rag": rich_text(row.status.label, bold=True, color=hex_colour(row.status.text_colour)),
        "benchmarking": paragraphs(row.benchmarking, lists),
        "commentary": paragraphs(row.commentary, lists),
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


def build_scorecard_context(scorecard: Scorecard, lists: ListNumbering) -> dict:
    """Return the scorecard template's context, heading levels following on without a skip.

    Heading 1 is the portfolio heading when there is one; outcomes come next and their themes
    below them; an outcome without a name has no heading (nor RAG line), so its themes move up.
    """
    outcome_level = 2 if scorecard.heading else 1
    periods = len(scorecard.periods)
    return {
        "title": rich_text(scorecard.title),
        "heading": rich_text(scorecard.heading) if scorecard.heading else None,
        "periods": [rich_text(period) for period in scorecard.periods],
        "outcomes": [build_outcome(outcome, outcome_level, periods, lists)
                     for outcome in scorecard.outcomes],
        "legend": [rich_text(line) for line in scorecard.legend],
    }


def build_outcome(outcome: Outcome, level: int, periods: int, lists: ListNumbering) -> dict:
    theme_level = level + 1 if outcome.name else level
    return {
        "heading": heading(outcome.name, level) if outcome.name else None,
        "status": rich_text(outcome.status_label, bold=True),
        "themes": [build_theme(theme, outcome, theme_level, periods, lists)
                   for theme in outcome.themes],
    }


def build_theme(theme: Group, outcome: Outcome, level: int, periods: int,
                lists: ListNumbering) -> dict:
    caption = f"{outcome.name}: {theme.name}" if outcome.name else theme.name
    return {
        "heading": heading(theme.name, level),
        "status": rich_text(theme.status_label, bold=True),
        "caption": attribute(f"{caption} - measures"),
        "rows": [build_score_row(row, periods, lists) for row in theme.rows],
    }


def build_score_row(row: ScoreRow, periods: int, lists: ListNumbering) -> dict:
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
        "measure": rich_text(row.measure),
        "polarity": rich_text(row.polarity),
        "data_period": rich_text(row.data_period),
        "target": rich_text(row.target),
        "cells": cells,
        "status": build_status(row.status),
        "rag": rich_text(row.status.label, bold=True, color=hex_colour(row.status.text_colour)),
        "benchmarks": paragraphs(row.benchmarks, lists),
        "narrative": paragraphs(row.narrative, lists),
    }


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


def paragraphs(flow: Flow, lists: ListNumbering) -> RichTextParagraph:
    """Return `flow` as one Word paragraph per block, list items in the list styles.

    A numbered list starts again at 1 after any block that is not a deeper list item.
    """
    result = RichTextParagraph()
    open_lists: dict[int, int | None] = {}  # level -> numbering instance of the open list
    for block in flow:
        level = min(max(block.level, 0), 1)
        style = LIST_STYLES.get((block.kind, level))
        open_lists = {n: num for n, num in open_lists.items()
                      if style and (n < level or (n == level and block.kind == "number"))}
        text = runs_text(block.runs)
        if block.kind == "number" and style:
            if level not in open_lists:
                open_lists[level] = lists.restart(style)
            result.xml += numbered_paragraph(text, style, open_lists[level])
        else:
            result.add(text, parastyle=style)
    if not flow:
        result.add(RichText())  # a table cell must hold a paragraph
    return result


def numbered_paragraph(text: RichText, style: str, num_id: int | None) -> str:
    """Return a paragraph in `style` on the numbering instance `num_id` (the style's if None)."""
    numbering = ("" if num_id is None else
                 f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{numbering}</w:pPr>{text.xml}</w:p>'


class ListNumbering:
    """Give each numbered list its own numbering instance, so each counts from 1.

    Word continues one `w:num` across the whole document; a new `w:num` on the same abstract
    numbering with a start override begins again.
    """

    def __init__(self, template: DocxTemplate):
        self._document = template.docx

    def restart(self, style_id: str) -> int | None:
        """Return a new numbering instance for the list style `style_id` (None if unnumbered)."""
        style = self._document.styles.element.get_by_id(style_id)
        num_pr = style.pPr.numPr if style is not None and style.pPr is not None else None
        if num_pr is None or num_pr.numId is None:
            return None
        numbering = self._document.part.numbering_part.element
        abstract = numbering.num_having_numId(num_pr.numId.val).abstractNumId.val
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId


class ChartImage(InlineImage):
    """A chart picture that carries its text alternative in `wp:docPr` descr and title."""

    def __init__(self, template: DocxTemplate, png: bytes, chart: Chart):
        super().__init__(template, io.BytesIO(png), width=CHART_WIDTH)
        self.chart = chart

    def _insert_image(self) -> str:
        # docxtpl writes docPr with only an id and a name; add the alt text as attributes.
        descr = attribute(self.chart.alt)
        title = attribute(self.chart.title)
        xml = super()._insert_image()
        xml = xml.replace("<wp:docPr ", f'<wp:docPr descr="{descr}" title="{title}" ', 1)
        return xml.replace("<pic:cNvPr ", f'<pic:cNvPr descr="{descr}" ', 1)


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


def set_properties(template: DocxTemplate, report: PerformanceReport | Scorecard,
                   stamp: dt.datetime) -> None:
    """Set the core properties from `report`; after rendering, as docxtpl renders them as Jinja."""
    props = template.docx.core_properties
    source = report.properties
    props.title = clean(source.title)
    props.author = props.last_modified_by = clean(source.author)
    props.subject = clean(source.subject)
    props.keywords = clean(source.keywords)
    props.language = clean(source.language)
    props.comments = ""
    props.revision = 1
    props.created = props.modified = stamp


def reproducible_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """Return the package `data` rewritten with every entry dated `stamp`, in a fixed order."""
    date_time = max(stamp, ZIP_EPOCH).timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # the same bytes on every platform
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()
