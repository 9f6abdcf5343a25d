"""The DOCX checks (zip + XML): properties, heading styles, header rows, alt text, spacing,
link text."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from reportgen.accessibility.common import Finding, heading_order_problems, link_text_problem


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W,
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "dc": "http://purl.org/dc/elements/1.1/",
      "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative"}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _on(element) -> bool:
    """Return whether a Word on/off property element is on (absent val means on)."""
    if element is None:
        return False
    return element.get(_w("val"), "true").lower() not in ("0", "false", "off")


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(_w("t")))


def check_docx(path: Path) -> list[Finding]:
    """Return what the DOCX at `path` lacks: title, language, heading order, header rows,
    alt text, empty spacing paragraphs and link text."""
    from lxml import etree

    name = path.name
    found: list[Finding] = []

    def fail(rule: str, message: str) -> None:
        found.append(Finding(name, rule, message))

    try:
        with zipfile.ZipFile(path) as package:
            parts = set(package.namelist())

            def xml(part: str):
                return etree.fromstring(package.read(part)) if part in parts else None

            document, styles, core = xml("word/document.xml"), xml("word/styles.xml"), \
                xml("docProps/core.xml")
            settings = xml("word/settings.xml")
    except (zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        return [Finding(name, "docx-package", f"not a readable Word file: {exc}")]
    if document is None:
        return [Finding(name, "docx-package", "word/document.xml is missing")]
    title = core.findtext("dc:title", default="", namespaces=NS).strip() if core is not None \
        else ""
    if not title:
        fail("docx-title", "the document has no title (File > Info > Properties > Title)")
    languages = set()
    for source in (styles, settings):
        if source is not None:
            languages.update(e.get(_w("val")) for e in source.iter(_w("lang")) if e.get(_w("val")))
    if core is not None and core.findtext("dc:language", namespaces=NS):
        languages.add(core.findtext("dc:language", namespaces=NS))
    default_lang = None
    if styles is not None:
        default_lang = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    if default_lang is None or not default_lang.get(_w("val")):
        fail("docx-language", "the default language is not set (styles.xml docDefaults w:lang)")
    _check_docx_headings(document, styles, fail)
    _check_docx_tables(document, fail)
    _check_docx_pictures(document, fail)
    _check_docx_spacing(document, fail)
    _check_docx_links(document, fail)
    return found


def _style_levels(styles) -> dict[str, int]:
    """Return {style id: heading level} for Word's built-in heading styles and any style with
    an outline level (Title is not a heading to assistive technology)."""
    levels = {}
    if styles is None:
        return levels
    for style in styles.iter(_w("style")):
        style_id = style.get(_w("styleId"), "")
        style_name = style.find("w:name", NS)
        label = (style_name.get(_w("val")) if style_name is not None else style_id) or ""
        match = re.fullmatch(r"heading\s*([1-9])", label.strip(), re.IGNORECASE)
        outline = style.find("w:pPr/w:outlineLvl", NS)
        if match:
            levels[style_id] = int(match.group(1))
        elif outline is not None and outline.get(_w("val"), "9").isdigit() \
                and int(outline.get(_w("val"))) < 9:
            levels[style_id] = int(outline.get(_w("val"))) + 1
    return levels


def _check_docx_headings(document, styles, fail) -> None:
    levels = _style_levels(styles)
    sequence = []
    for paragraph in document.iter(_w("p")):
        style = paragraph.find("w:pPr/w:pStyle", NS)
        level = levels.get(style.get(_w("val"))) if style is not None else None
        outline = paragraph.find("w:pPr/w:outlineLvl", NS)
        if outline is not None and outline.get(_w("val"), "9").isdigit() \
                and int(outline.get(_w("val"))) < 9:
            level = int(outline.get(_w("val"))) + 1
        if level:
            if not _text(paragraph).strip():
                fail("docx-heading-empty", f"an empty Heading {level} paragraph")
                continue
            sequence.append(level)
    if not sequence:
        fail("docx-headings", "no paragraph uses a Word heading style")
    for problem in heading_order_problems(sequence):
        fail("docx-heading-order", problem)


def _check_docx_tables(document, fail) -> None:
    for number, table in enumerate(document.iter(_w("tbl")), start=1):
        rows = table.findall("w:tr", NS)
        if not rows:
            continue
        first = rows[0].find("w:trPr/w:tblHeader", NS)
        if not _on(first) and not _labels_rows(table):
            label = " ".join(_text(rows[0]).split())[:60]
            fail("docx-table-header", f"table {number} (first row '{label}'): the first row "
                 "is not a header row that repeats (Table Properties > Row > Repeat as header "
                 "row)")


def _labels_rows(table) -> bool:
    """Whether `table` is labelled by its first column instead of a header row (Table Style
    Options: First Column on, Header Row off), as a cover of label and value rows is."""
    look = table.find("w:tblPr/w:tblLook", NS)
    if look is None:
        return False
    return _on_attribute_named(look, "firstColumn") and not _on_attribute_named(look, "firstRow")


def _on_attribute_named(element, name: str) -> bool:
    return element.get(_w(name)) in ("1", "true", "on")


def _check_docx_pictures(document, fail) -> None:
    for number, properties in enumerate(document.iter(f"{{{NS['wp']}}}docPr"), start=1):
        decorative = any(_on_attribute(e) for e in properties.iter(f"{{{NS['adec']}}}decorative"))
        if not (properties.get("descr") or "").strip() and not decorative:
            fail("docx-alt-text", f"picture {number} ('{properties.get('name', '')}') has no "
                 "alt text")


def _on_attribute(element) -> bool:
    return (element.get("val") or "1") in ("1", "true")


def _check_docx_spacing(document, fail) -> None:
    body = document.find("w:body", NS)
    if body is None:
        return
    containers = [body, *body.iter(_w("tc"))]
    empty = 0
    for container in containers:
        children = [c for c in container if c.tag in (_w("p"), _w("tbl"))]
        for index, child in enumerate(children):
            if child.tag != _w("p") or not _is_empty_paragraph(child):
                continue
            if container.tag == _w("tc") and len(children) == 1:
                continue  # a cell must hold a paragraph
            before = children[index - 1] if index else None
            after = children[index + 1] if index + 1 < len(children) else None
            if before is not None and before.tag == _w("tbl") and (
                    after is None or after.tag == _w("tbl")):
                continue  # Word needs a paragraph after a table that ends a cell or the body,
                # and one between two tables, or they merge
            empty += 1
    if empty:
        fail("docx-empty-paragraphs", f"{empty} empty paragraphs (used for spacing; use "
             "paragraph spacing in the styles instead)")


def _is_empty_paragraph(paragraph) -> bool:
    if _text(paragraph).strip():
        return False
    for tag in ("drawing", "pict", "object", "sectPr", "fldSimple", "fldChar", "bookmarkStart"):
        if paragraph.find(f".//w:{tag}", NS) is not None:
            return False
    if any(br.get(_w("type")) == "page" for br in paragraph.iter(_w("br"))):
        return False
    return True


def _check_docx_links(document, fail) -> None:
    for link in document.iter(_w("hyperlink")):
        problem = link_text_problem(_text(link))
        if problem:
            fail("docx-link-text", problem)
