"""Accessibility checks on built outputs, the colour palette check, and the build's checklist.

`reportgen check --accessibility` and the test suite run these on every document a build
wrote (its manifest lists them):

- PDF (pikepdf): tagged (StructTreeRoot, MarkInfo), Lang, Title shown as the window title,
  PDF/UA identification, no embedded files or JavaScript, fonts embedded, alt text on every
  Figure, headings in order, every table part with a header row whose cells have a Scope,
  all page content either in the tag tree or an artifact, bookmarks, link descriptions; and
  the `pdfua` checker's rules when it is installed.
- DOCX (zip + XML): title and language set, Word heading styles in order, the first row of
  every table a repeating header row, alt text on every picture, no empty paragraphs used for
  spacing, link text that makes sense alone.
- HTML, without a browser: lang, title, one main landmark, a working skip link, captions and
  scoped header cells, alt text, labelled focusable scroll containers, headings in order,
  nothing loaded from outside the file.
- HTML in headless Chromium (with the `accessibility` extra and Chromium installed): axe-core
  with zero violations at desktop width and at 320 CSS px (which is also 1280 px at 400%
  zoom), no horizontal scrolling of the page at 320 px (only labelled, focusable table
  containers may scroll), and no network requests.

Automated checks find only part of the problems; `checklist_markdown` writes what a person
must still check (reading order, link text, chart descriptions) next to the outputs.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import tomllib
import zipfile
from dataclasses import dataclass, field, fields, is_dataclass
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT_CONTRAST = 4.5  # WCAG 1.4.3: text and images of text
GRAPHIC_CONTRAST = 3.0  # WCAG 1.4.11: graphics and the parts of user interface components
PAGE_BACKGROUND = "FFFFFF"
CHECKLIST = "accessibility-checklist.md"  # written by the build next to the outputs
REFLOW_WIDTH = 320  # WCAG 1.4.10: 320 CSS px, the width of 1280 px at 400% zoom
DESKTOP_WIDTH = 1280
# Link text that does not make sense on its own (WCAG 2.4.4, GOV.UK content guidance).
VAGUE_LINK_TEXT = {"click here", "here", "click", "read more", "more", "link", "this link",
                   "this page", "page", "more information", "find out more", "learn more",
                   "details", "go", "website", "this website"}
URL_TEXT = re.compile(r"^\s*(https?://|www\.)\S+\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One failed check: the `file` it is about, a short `rule` name and what is wrong."""

    file: str
    rule: str
    message: str

    def describe(self) -> str:
        return f"{self.file}: [{self.rule}] {self.message}"

    def as_dict(self) -> dict:
        return {"file": self.file, "rule": self.rule, "message": self.message}


@dataclass
class Outcome:
    """What the checks of one output folder found, and what they could not run (`skipped`)."""

    findings: list[Finding] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


def link_text_problem(text: str) -> str | None:
    """Return why link `text` does not make sense on its own, or None when it does."""
    words = " ".join(text.split()).strip(" .:;,!?").casefold()
    if not words:
        return "a link has no text"
    if words in VAGUE_LINK_TEXT:
        return f"link text '{text.strip()}' does not say where the link goes"
    if URL_TEXT.match(text):
        return f"link text '{text.strip()}' is a bare web address; describe the destination"
    return None


# --- Colour contrast ------------------------------------------------------------------------

def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """Return the WCAG relative luminance of a hex colour ("0B0C0C", "#fd0")."""
    hex_digits = colour.lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(c * 2 for c in hex_digits)
    if not re.fullmatch(r"[0-9a-fA-F]{6}", hex_digits):
        raise ValueError(f"not a hex colour: {colour!r}")
    r, g, b = (int(hex_digits[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two hex colours (1 to 21)."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


@dataclass(frozen=True)
class ColourPair:
    """A foreground drawn on a background somewhere in the outputs, and the ratio it needs."""

    where: str
    foreground: str
    background: str
    minimum: float

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.foreground, self.background)


def theme_pairs(template_dir: Path) -> list[ColourPair]:
    """Return the status colours of theme.toml: each `text` on its `colour` (4.5:1)."""
    data = tomllib.loads((template_dir / "theme.toml").read_text(encoding="utf-8"))
    return [ColourPair(f"theme.toml status {name}: text on colour", spec["text"], spec["colour"],
                       TEXT_CONTRAST) for name, spec in data.get("status", {}).items()]


CSS_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
CSS_VAR = re.compile(r"var\(\s*(--[\w-]+)\s*\)")
CSS_HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def _css_rules(css: str) -> list[tuple[str, dict[str, str]]]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = []
    for selector, body in CSS_RULE.findall(css):
        declarations = {}
        for declaration in body.split(";"):
            if ":" in declaration:
                name, value = declaration.split(":", 1)
                declarations[name.strip().lower()] = value.strip()
        rules.append((" ".join(selector.split()), declarations))
    return rules


def css_pairs(css: str) -> list[ColourPair]:
    """Return the colour pairs a stylesheet draws.

    Text: a rule's `color` on its own `background` (else the white page); a rule's
    `background` under the inherited ink when it sets no `color`. Graphics (3:1 against what
    surrounds them): `outline`, `border*` and `box-shadow` colours against the rule's
    background, else the page. Custom properties resolve from `:root`.
    """
    rules = _css_rules(css)
    variables = {name: value for selector, declarations in rules if selector == ":root"
                 for name, value in declarations.items() if name.startswith("--")}

    def colours(value: str) -> list[str]:
        value = CSS_VAR.sub(lambda m: variables.get(m.group(1), m.group(0)), value)
        return [m.group(1) for m in CSS_HEX.finditer(value)]

    ink = next((colours(d["color"])[0] for s, d in rules if s == "html" and "color" in d),
               "0B0C0C")
    pairs = []
    for selector, declarations in rules:
        if selector == ":root" or selector.startswith("@"):
            continue
        background = next((colours(declarations[k])[0] for k in ("background", "background-color")
                           if k in declarations and colours(declarations[k])), None)
        foreground = colours(declarations["color"]) if "color" in declarations else []
        if foreground:
            pairs.append(ColourPair(f"report.css {selector}: text", foreground[0],
                                    background or PAGE_BACKGROUND, TEXT_CONTRAST))
        elif background:
            pairs.append(ColourPair(f"report.css {selector}: text on background", ink,
                                    background, TEXT_CONTRAST))
        for name, value in declarations.items():
            if name.startswith(("outline", "border", "box-shadow")) and name != "border-collapse":
                for colour in colours(value):
                    pairs.append(ColourPair(f"report.css {selector}: {name}", colour,
                                            PAGE_BACKGROUND, GRAPHIC_CONTRAST))
    return pairs


def svg_pairs(svg: str, where: str) -> list[ColourPair]:
    """Return a chart's strokes (bar outlines, axes, ticks) against the white page (3:1).
    Fills are not listed: every bar has an outline, a count and a labelled status under it,
    so its colour never identifies it on its own."""
    return [ColourPair(f"{where}: stroke", stroke, PAGE_BACKGROUND, GRAPHIC_CONTRAST)
            for stroke in dict.fromkeys(re.findall(r"stroke:\s*#([0-9a-fA-F]{6})", svg))]


def palette_findings(template_dir: Path) -> list[Finding]:
    """Return every colour pair of theme.toml and report.css below its WCAG minimum."""
    css = (template_dir / "report.css").read_text(encoding="utf-8")
    return [Finding(pair.where.split(" ", 1)[0], "contrast",
                    f"{pair.where}: #{pair.foreground.lstrip('#')} on "
                    f"#{pair.background.lstrip('#')} is {pair.ratio:.2f}:1, below "
                    f"{pair.minimum}:1")
            for pair in theme_pairs(template_dir) + css_pairs(css) if pair.ratio < pair.minimum]


# --- PDF ------------------------------------------------------------------------------------

def _pdf_kids(element) -> list:
    import pikepdf

    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _pdf_elements(element, parent=None):
    import pikepdf

    if isinstance(element, pikepdf.Dictionary) and "/S" in element:
        yield element, parent
        for kid in _pdf_kids(element):
            yield from _pdf_elements(kid, element)


def heading_order_problems(levels: list[int]) -> list[str]:
    """Return what is wrong with a sequence of heading levels (1-6), in document order."""
    problems = []
    if levels and levels[0] != 1:
        problems.append(f"the first heading is level {levels[0]}, not 1")
    for before, after in zip(levels, levels[1:]):
        if after > before + 1:
            problems.append(f"heading level {after} follows level {before} (a level is skipped)")
    return problems


def check_pdf(path: Path) -> list[Finding]:
    """Return what the PDF at `path` lacks for PDF/UA-1 (the parts a machine can check)."""
    import pikepdf

    name = path.name
    found: list[Finding] = []

    def fail(rule: str, message: str) -> None:
        found.append(Finding(name, rule, message))

    with pikepdf.open(path) as pdf:
        catalog = pdf.Root
        mark_info = catalog.get("/MarkInfo")
        if not (isinstance(mark_info, pikepdf.Dictionary) and bool(mark_info.get("/Marked"))):
            fail("pdf-marked", "MarkInfo /Marked is not true: the PDF is not tagged")
        root = catalog.get("/StructTreeRoot")
        if root is None:
            fail("pdf-structure", "no StructTreeRoot: the PDF has no tag tree")
        lang = str(catalog.get("/Lang", "")).strip()
        if not lang:
            fail("pdf-lang", "the document language (/Lang) is not set")
        title = str(pdf.docinfo.get("/Title", "")).strip() if pdf.docinfo is not None else ""
        if not title:
            fail("pdf-title", "the document has no Title")
        preferences = catalog.get("/ViewerPreferences")
        if not (isinstance(preferences, pikepdf.Dictionary)
                and bool(preferences.get("/DisplayDocTitle"))):
            fail("pdf-display-title", "ViewerPreferences /DisplayDocTitle is not true: viewers "
                 "show the file name, not the title")
        metadata = bytes(catalog.Metadata.read_bytes()) if "/Metadata" in catalog else b""
        if not re.search(rb'pdfuaid:part(="1"|>1<)', metadata):
            fail("pdf-ua-id", "the XMP metadata does not identify the file as PDF/UA-1")
        if title and b"<dc:title>" not in metadata:
            fail("pdf-title", "the XMP metadata has no dc:title")
        names = catalog.get("/Names", {})
        if "/EmbeddedFiles" in names:
            fail("pdf-embedded-file", "the PDF embeds files")
        if "/JavaScript" in names or "/AA" in catalog \
                or _has_javascript(catalog.get("/OpenAction")):
            fail("pdf-javascript", "the PDF holds JavaScript")
        _check_pdf_pages(pdf, fail)
        if root is not None:
            _check_pdf_tags(root, fail)
        outlines = catalog.get("/Outlines")
        if outlines is None or int(outlines.get("/Count", 0)) == 0 and "/First" not in outlines:
            fail("pdf-bookmarks", "the PDF has no bookmarks")
    return found


def _has_javascript(action) -> bool:
    import pikepdf

    return isinstance(action, pikepdf.Dictionary) and str(action.get("/S", "")) == "/JavaScript"


def _check_pdf_pages(pdf, fail) -> None:
    import pikepdf

    fonts_seen = set()
    for number, page in enumerate(pdf.pages, start=1):
        annotations = page.obj.get("/Annots", [])
        if len(annotations) and str(page.obj.get("/Tabs", "")) != "/S":
            fail("pdf-tab-order", f"page {number} has annotations but its tab order is not "
                 "the structure order (/Tabs /S)")
        for annotation in annotations:
            if _has_javascript(annotation.get("/A")) or "/AA" in annotation:
                fail("pdf-javascript", f"an annotation on page {number} runs JavaScript")
            if str(annotation.get("/Subtype")) == "/Link" \
                    and not str(annotation.get("/Contents", "")).strip():
                fail("pdf-link-description", f"a link on page {number} has no description "
                     "(/Contents)")
            if str(annotation.get("/Subtype")) == "/FileAttachment":
                fail("pdf-embedded-file", f"page {number} has a file attachment")
        resources = page.obj.get("/Resources", {})
        for font in dict(resources.get("/Font", {})).values():
            if font.objgen in fonts_seen:
                continue
            fonts_seen.add(font.objgen)
            descendants = font.get("/DescendantFonts")
            target = descendants[0] if isinstance(descendants, pikepdf.Array) else font
            descriptor = target.get("/FontDescriptor")
            if str(font.get("/Subtype")) == "/Type3":
                continue
            if descriptor is None or not any(k in descriptor for k in
                                             ("/FontFile", "/FontFile2", "/FontFile3")):
                fail("pdf-fonts", f"font {font.get('/BaseFont')} is not embedded")


def _check_pdf_tags(root, fail) -> None:
    import pikepdf

    in_tree, levels, tables = set(), [], []
    for top in _pdf_kids(root):
        for element, parent in _pdf_elements(top):
            in_tree.add(element.objgen)
            role = str(element.S)
            if re.fullmatch(r"/H[1-6]", role):
                levels.append(int(role[2]))
            elif role == "/Figure":
                if not str(element.get("/Alt", "")).strip() and "/ActualText" not in element:
                    fail("pdf-figure-alt", "a Figure has no alternate text (/Alt)")
            elif role == "/Table":
                tables.append(element)
    for problem in heading_order_problems(levels):
        fail("pdf-heading-order", problem)
    for number, table in enumerate(tables, start=1):
        _check_pdf_table(table, f"table {number} of the tag tree", fail)
    nums = root.get("/ParentTree", {}).get("/Nums", [])
    for i in range(1, len(nums), 2):
        mapping = nums[i]
        items = mapping if isinstance(mapping, pikepdf.Array) else [mapping]
        loose = [e for e in items if isinstance(e, pikepdf.Dictionary)
                 and e.objgen not in in_tree]
        if loose:
            fail("pdf-untagged-content", f"{len(loose)} marked content items belong to "
                 "structure elements outside the tag tree (neither tagged nor artifacts)")


def _check_pdf_table(table, where: str, fail) -> None:
    """Check one Table element (one page's part of a table, as WeasyPrint tags them)."""
    import pikepdf

    cells = [e for e, _ in _pdf_elements(table) if str(e.S) in ("/TH", "/TD")]
    headers = [e for e in cells if str(e.S) == "/TH"]
    if not headers:
        fail("pdf-table-headers", f"{where} has no header cells (TH)")
        return
    unscoped = [e for e in headers if not isinstance(e.get("/A"), pikepdf.Dictionary)
                or "/Scope" not in e.A]
    if unscoped:
        fail("pdf-table-scope", f"{where}: {len(unscoped)} header cells have no /Scope")
    ids = {str(e.ID) for e in headers if "/ID" in e}
    for cell in cells:
        attributes = cell.get("/A")
        pointed = attributes.get("/Headers") if isinstance(attributes, pikepdf.Dictionary) \
            else None
        if pointed is not None and not {str(i) for i in pointed} <= ids:
            fail("pdf-table-headers", f"{where}: a cell's /Headers name header cells outside "
                 "its table")
            break
    groups = [str(e.S) for e in _pdf_kids(table) if isinstance(e, pikepdf.Dictionary)]
    if "/THead" in groups:
        return
    # No header row: only a two-column table whose rows each start with a row header (a
    # list of labelled values, like a report's cover details) describes itself.
    rows = [e for e, _ in _pdf_elements(table) if str(e.S) == "/TR"]
    row_cells = [[k for k in _pdf_kids(r) if isinstance(k, pikepdf.Dictionary)] for r in rows]
    labelled = all(cs and str(cs[0].S) == "/TH" and len(cs) <= 2 for cs in row_cells)
    if not labelled:
        fail("pdf-table-header-row", f"{where} has no header row: a table part on a later "
             "page must repeat its header row")


def _pdfua_safe_integers():
    """pdfua 0.1.3 asks pikepdf arrays for an `is_integer` attribute, which raises ValueError
    under pikepdf 10 instead of AttributeError, so its empty-heading rule never runs. Return
    a context manager that makes that one helper treat such a value as "not a number"."""
    import contextlib

    import pdfua.document
    import pdfua.rules.structure as structure

    original = pdfua.document.as_integer

    def as_integer(value):
        try:
            return original(value)
        except ValueError:
            return None

    @contextlib.contextmanager
    def patched():
        saved = getattr(structure, "as_integer", None)
        structure.as_integer = as_integer
        try:
            yield
        finally:
            if saved is not None:
                structure.as_integer = saved

    return patched()


def pdfua_findings(path: Path) -> list[Finding] | None:
    """Return the `pdfua` checker's warnings and errors for the PDF (None: not installed);
    a rule it could not evaluate is a finding too, so nothing passes by being skipped."""
    try:
        import pdfua
    except ImportError:
        return None
    try:
        guard = _pdfua_safe_integers()
    except (ImportError, AttributeError):
        import contextlib
        guard = contextlib.nullcontext()
    with guard:
        report = pdfua.validate(str(path))
    found = [Finding(path.name, f"pdfua {f.rule_id}", f.message) for f in report.findings
             if f.severity.name in ("WARNING", "ERROR")]
    for skipped in report.skipped:
        found.append(Finding(path.name, f"pdfua {skipped.rule_id}", "the checker could not "
                             f"evaluate this rule: {skipped.skipped_reason}"))
    return found


# --- DOCX -----------------------------------------------------------------------------------

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
        if not _on(first):
            label = " ".join(_text(rows[0]).split())[:60]
            fail("docx-table-header", f"table {number} (first row '{label}'): the first row "
                 "is not a header row that repeats (Table Properties > Row > Repeat as header "
                 "row)")


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


# --- HTML without a browser -----------------------------------------------------------------

class _HtmlFacts(HTMLParser):
    """Collects what the static HTML checks need in one pass."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.title = ""
        self.in_title = False
        self.mains = 0
        self.ids = set()
        self.first_link = None
        self.headings: list[int] = []
        self.images: list[dict] = []
        self.tables = 0
        self.captions: list[str] = []
        self.in_caption = False
        self.header_cells: list[dict] = []
        self.regions: list[dict] = []
        self.external: list[str] = []
        self.heading_text: list[str] = []
        self.in_heading = False

    def handle_starttag(self, tag, attrs):
        attributes = {k: (v or "") for k, v in attrs}
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "html":
            self.lang = attributes.get("lang")
        elif tag == "title":
            self.in_title = True
        elif tag == "main":
            self.mains += 1
        elif tag == "a" and self.first_link is None:
            self.first_link = attributes
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
            self.heading_text.append("")
            self.in_heading = True
        elif tag == "img":
            self.images.append(attributes)
            if not attributes.get("src", "").startswith("data:"):
                self.external.append(attributes.get("src", ""))
        elif tag == "table":
            self.tables += 1
        elif tag == "caption":
            self.captions.append("")
            self.in_caption = True
        elif tag == "th":
            self.header_cells.append(attributes)
        elif tag in ("script", "iframe", "object", "embed", "video", "audio", "source"):
            if attributes.get("src") or attributes.get("data"):
                self.external.append(attributes.get("src") or attributes.get("data"))
        elif tag == "link" and attributes.get("href"):
            self.external.append(attributes["href"])
        if "table-wrap" in attributes.get("class", "").split():
            self.regions.append(attributes)

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag == "caption":
            self.in_caption = False
        elif re.fullmatch(r"h[1-6]", tag):
            self.in_heading = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        if self.in_caption:
            self.captions[-1] += data
        if self.in_heading:
            self.heading_text[-1] += data

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


class _LinkText(HTMLParser):
    """Collects (href, text) of every link."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[list[str]] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append([dict(attrs).get("href") or "", ""])
            self.depth += 1
        elif tag == "img" and self.depth:
            self.links[-1][1] += dict(attrs).get("alt") or ""

    def handle_endtag(self, tag):
        if tag == "a" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.links[-1][1] += data


def check_html(path: Path) -> list[Finding]:
    """Return what the HTML edition at `path` lacks, checked without a browser."""
    name = path.name
    text = path.read_text(encoding="utf-8")
    facts = _HtmlFacts()
    facts.feed(text)
    links = _LinkText()
    links.feed(text)
    found: list[Finding] = []

    def fail(rule: str, message: str) -> None:
        found.append(Finding(name, rule, message))

    if not (facts.lang or "").strip():
        fail("html-lang", "<html> has no lang")
    if not facts.title.strip():
        fail("html-title", "the page has no <title>")
    if facts.mains != 1:
        fail("html-main", f"the page has {facts.mains} <main> landmarks, not one")
    skip = facts.first_link or {}
    if not skip.get("href", "").startswith("#") or skip["href"][1:] not in facts.ids:
        fail("html-skip-link", "the first link is not a skip link to an element on the page")
    for problem in heading_order_problems(facts.headings):
        fail("html-heading-order", problem)
    if any(not t.strip() for t in facts.heading_text):
        fail("html-heading-empty", "a heading is empty")
    for image in facts.images:
        if "alt" not in image or (not image["alt"].strip() and image.get("role") != "presentation"):
            fail("html-img-alt", f"an image ({image.get('src', '')[:40]}) has no alt text")
    captioned = len([c for c in facts.captions if c.strip()])
    if captioned < facts.tables:
        fail("html-table-caption", f"{facts.tables - captioned} tables have no caption")
    unscoped = [c for c in facts.header_cells if c.get("scope") not in
                ("col", "row", "colgroup", "rowgroup")]
    if unscoped:
        fail("html-th-scope", f"{len(unscoped)} header cells have no scope")
    for region in facts.regions:
        if region.get("tabindex") != "0" or region.get("role") != "region" or not (
                region.get("aria-label") or region.get("aria-labelledby")):
            fail("html-scroll-region", "a table container that may scroll is not a focusable "
                 "(tabindex=0), labelled region")
        for target in (region.get("aria-labelledby") or "").split():
            if target not in facts.ids:
                fail("html-scroll-region", f"aria-labelledby points at missing id '{target}'")
    for source in facts.external:
        fail("html-standalone", f"the page loads '{source[:60]}' from outside the file")
    for href, link in links.links:
        problem = link_text_problem(link)
        if problem:
            fail("html-link-text", problem)
    return found


# --- HTML in a browser ----------------------------------------------------------------------

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
AXE_ENV, CHROMIUM_ENV = "REPORTGEN_AXE_JS", "REPORTGEN_CHROMIUM"


def find_chromium() -> str | None:
    """Return the Chromium to run: $REPORTGEN_CHROMIUM, else one on PATH, else None."""
    if os.environ.get(CHROMIUM_ENV):
        return os.environ[CHROMIUM_ENV] if Path(os.environ[CHROMIUM_ENV]).exists() else None
    for candidate in CHROMIUM_NAMES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def find_axe() -> Path | None:
    """Return axe.min.js: $REPORTGEN_AXE_JS, else the copy vendored in a source checkout."""
    for candidate in (os.environ.get(AXE_ENV), ROOT / "tests" / "vendor" / "axe-core" /
                      "axe.min.js"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def browser_unavailable() -> str | None:
    """Return why the browser check cannot run here, or None when it can."""
    try:
        import websocket  # noqa: F401  (websocket-client, the `accessibility` extra)
    except ImportError:
        return ("the Python package websocket-client is not installed "
                "(pip install 'reportgen[accessibility]')")
    if find_chromium() is None:
        return ("no Chromium found (apt-get install chromium, or set REPORTGEN_CHROMIUM to "
                "its path)")
    if find_axe() is None:
        return f"axe.min.js not found (set {AXE_ENV} to its path)"
    return None


class BrowserError(RuntimeError):
    pass


class Chromium:
    """A headless Chromium driven over the DevTools protocol (one page), with a deadline on
    every call. Use as a context manager; it ends only the process it started."""

    FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-extensions", "--disable-default-apps", "--mute-audio",
             "--hide-scrollbars")

    def __init__(self, executable: str | None = None, timeout: float = 60.0):
        self.executable = executable or find_chromium()
        if not self.executable:
            raise BrowserError("no Chromium found")
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="reportgen-chromium-")
        self.process = None
        self.socket = None
        self.session = None
        self.next_id = 0
        self.events: list[dict] = []

    def __enter__(self) -> "Chromium":
        import websocket

        try:
            self.process = subprocess.Popen(
                [self.executable, *self.FLAGS, "--remote-debugging-port=0",
                 f"--user-data-dir={self.profile}", "about:blank"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError as exc:
            self.__exit__(None, None, None)
            raise BrowserError(f"cannot start {self.executable}: {exc}") from exc
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while True:
            lines = port_file.read_text().split() if port_file.exists() else []
            if len(lines) >= 2:
                break
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.__exit__(None, None, None)
                raise BrowserError(f"{self.executable} did not start a DevTools endpoint")
            time.sleep(0.05)
        try:
            self.socket = websocket.create_connection(f"ws://127.0.0.1:{lines[0]}{lines[1]}",
                                                      timeout=self.timeout, suppress_origin=True)
        except Exception as exc:
            self.__exit__(None, None, None)
            raise BrowserError(f"cannot reach {self.executable}'s DevTools endpoint: {exc}") \
                from exc
        target = self.call("Target.createTarget", {"url": "about:blank"}, session=False)
        self.session = self.call("Target.attachToTarget", {"targetId": target["targetId"],
                                                           "flatten": True},
                                 session=False)["sessionId"]
        self.call("Page.enable")
        self.call("Network.enable")
        return self

    def __exit__(self, *exc) -> None:
        if self.socket is not None:
            try:
                self.socket.close()
            except Exception:  # the browser may be gone already
                pass
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        shutil.rmtree(self.profile, ignore_errors=True)

    def call(self, method: str, params: dict | None = None, session: bool = True) -> dict:
        """Send one DevTools command and return its result (events are kept in `events`)."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        deadline = time.monotonic() + self.timeout
        try:
            self.socket.send(json.dumps(message))
        except Exception as exc:  # websocket-client's errors, or the socket's
            raise BrowserError(f"{method}: {exc}") from exc
        while time.monotonic() < deadline:
            try:
                reply = json.loads(self.socket.recv())
            except Exception as exc:  # a time-out or a closed connection
                raise BrowserError(f"{method}: {exc}") from exc
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)
        raise BrowserError(f"{method}: no answer in {self.timeout:.0f} s")

    def evaluate(self, expression: str, wait: bool = False):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": wait})
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise BrowserError(f"script failed: {details.get('text')} "
                               f"{details.get('exception', {}).get('description', '')}")
        return result["result"].get("value")

    def viewport(self, width: int, height: int = 900) -> None:
        self.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height,
                                                         "deviceScaleFactor": 1,
                                                         "mobile": False})

    def open(self, path: Path) -> None:
        """Load a local file and wait for its load event."""
        self.events.clear()
        result = self.call("Page.navigate", {"url": path.resolve().as_uri()})
        if result.get("errorText"):
            raise BrowserError(f"{path.name}: {result['errorText']}")
        deadline = time.monotonic() + self.timeout
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            if time.monotonic() > deadline:
                raise BrowserError(f"{path.name} did not finish loading")
            try:
                message = json.loads(self.socket.recv())
            except Exception as exc:
                raise BrowserError(f"{path.name}: {exc}") from exc
            if "method" in message:
                self.events.append(message)

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events
                if e.get("method") == "Network.requestWillBeSent"]

    def screenshot(self, path: Path, width: int, height: int = 2000) -> None:
        """Write a PNG of the page laid out `width` CSS px wide (for a person to look at)."""
        self.viewport(width, height)
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))


AXE_RUN = """axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(
  r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))))"""

REFLOW = """(() => {
  const root = document.documentElement;
  const wide = [];
  for (const e of document.querySelectorAll('body *')) {
    const style = getComputedStyle(e);
    if (e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(style.overflowX)) {
      const labelled = e.getAttribute('aria-label') || e.getAttribute('aria-labelledby');
      wide.push({tag: e.tagName.toLowerCase(), cls: e.className, focusable: e.tabIndex >= 0,
                 labelled: !!labelled, region: e.getAttribute('role') === 'region',
                 table: !!e.querySelector('table')});
    }
  }
  return {page: root.scrollWidth, viewport: root.clientWidth, scrollers: wide};
})()"""


def check_html_in_browser(paths: list[Path], browser: Chromium, axe: Path) -> list[Finding]:
    """Run axe-core on each HTML file at desktop width and at 320 CSS px, and check reflow."""
    source = axe.read_text(encoding="utf-8")
    found: list[Finding] = []
    for path in paths:
        name = path.name
        seen = set()
        for width in (DESKTOP_WIDTH, REFLOW_WIDTH):
            browser.viewport(width)
            browser.open(path)
            browser.evaluate(source)
            for violation in json.loads(browser.evaluate(AXE_RUN, wait=True)):
                if violation["id"] in seen:
                    continue
                seen.add(violation["id"])
                found.append(Finding(name, f"axe {violation['id']}",
                                     f"{violation['help']} ({violation['impact']}; at {width} "
                                     f"px: {', '.join(violation['nodes'])})"))
            if width == REFLOW_WIDTH:
                layout = browser.evaluate(REFLOW)
                if layout["page"] > layout["viewport"]:
                    found.append(Finding(name, "reflow", f"at {width} CSS px the page is "
                                         f"{layout['page']} px wide: it scrolls sideways"))
                for box in layout["scrollers"]:
                    if not (box["table"] and box["focusable"] and box["labelled"]
                            and box["region"]):
                        found.append(Finding(name, "reflow", f"at {width} CSS px a "
                                             f"<{box['tag']} class='{box['cls']}'> scrolls "
                                             "sideways but is not a focusable, labelled "
                                             "region holding a data table"))
        outside = [u for u in browser.requests() if not u.startswith(("file:", "data:"))]
        for url in outside:
            found.append(Finding(name, "html-standalone", f"the page requested {url[:80]}"))
    return found


# --- A whole output folder ------------------------------------------------------------------

def output_files(folder: Path) -> list[Path]:
    """Return the documents a build wrote into `folder`, as its manifest lists them."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return [folder / name for document in manifest.get("documents", [])
            for name in document.get("files", {}).values()]


def check_outputs(folder: Path, browser: bool = True, require_browser: bool = False) -> Outcome:
    """Run every check on the documents in a built set's `folder`.

    The browser check runs when `browser` and it can; when it cannot, `skipped` says why,
    or (with `require_browser`) that is a finding.
    """
    outcome = Outcome()
    if not (folder / "manifest.json").exists():
        outcome.findings.append(Finding(folder.name, "not-built", f"{folder} has no "
                                        "manifest.json: build the set first"))
        return outcome
    files = output_files(folder)
    pdfua_missing = False
    for path in files:
        if not path.exists():
            outcome.findings.append(Finding(path.name, "missing", "listed in the manifest but "
                                            "not in the folder"))
            continue
        suffix = path.suffix.lower()
        if suffix == ".pdf":
            outcome.findings += check_pdf(path)
            extra = pdfua_findings(path)
            pdfua_missing = extra is None
            outcome.findings += extra or []
        elif suffix == ".docx":
            outcome.findings += check_docx(path)
        elif suffix == ".html":
            outcome.findings += check_html(path)
        outcome.checked.append(path.name)
    if pdfua_missing:
        outcome.skipped.append("pdfua checker: not installed (pip install "
                               "'reportgen[accessibility]')")
    pages = [p for p in files if p.suffix.lower() == ".html" and p.exists()]
    if browser and pages:
        reason = browser_unavailable()
        if reason is None:
            try:
                with Chromium() as chromium:
                    outcome.findings += check_html_in_browser(pages, chromium, find_axe())
            except BrowserError as exc:
                outcome.findings.append(Finding(folder.name, "browser", f"the browser check "
                                                f"failed: {exc}"))
        elif require_browser:
            outcome.findings.append(Finding(folder.name, "browser", f"the browser check "
                                            f"cannot run: {reason}"))
        else:
            outcome.skipped.append(f"browser check (axe-core, reflow): {reason}")
    return outcome


# --- The checklist written next to the outputs ----------------------------------------------

def _walk_model(value, path=()):
    """Yield (path of dataclass field names, value) for every dataclass in a document model."""
    if is_dataclass(value) and not isinstance(value, type):
        yield path, value
        for item in fields(value):
            yield from _walk_model(getattr(value, item.name), path + (item.name,))
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _walk_model(item, path)


def document_links(document) -> list[tuple[str, str]]:
    """Return every (link text, target) in a document model, in order, once each."""
    seen = {}
    for _, value in _walk_model(document):
        href = getattr(value, "href", None)
        if href and hasattr(value, "text"):
            seen.setdefault((value.text, href), None)
    return list(seen)


def document_charts(document) -> list[tuple[str, str]]:
    """Return every (chart title, text alternative) in a document model."""
    return [(value.title, value.alt) for _, value in _walk_model(document)
            if hasattr(value, "alt") and hasattr(value, "counts") and hasattr(value, "title")]


def checklist_markdown(documents: list, entries: list[dict]) -> str:
    """Return accessibility-checklist.md: the checks a person still has to make on this set's
    outputs, with the links and chart descriptions to review listed."""
    lines = ["# Accessibility checklist", "",
             "reportgen wrote these files tagged and structured: a PDF/UA-1 PDF (title, "
             "language, headings, bookmarks, table header cells, alt text on charts, page "
             "furniture as artifacts), a DOCX with Word heading styles, repeating header rows "
             "and alt text, and a standalone HTML edition. `reportgen check --accessibility` "
             "checks what a machine can. Automated checks find only part of the problems: "
             "before publishing, a person should tick off the list below.", "", "## Files", ""]
    for entry in entries:
        for ext, name in entry.get("files", {}).items():
            lines.append(f"- `{name}` ({entry.get('kind')}, {ext.upper()})")
    lines += ["", "## For every document", "",
              "- [ ] **Reading order.** Read each PDF with a screen reader (NVDA with Acrobat "
              "Reader) or in Acrobat's Reading Order tool, and the HTML edition with styles "
              "off: the text comes in the order of the paper, each table's cells row by row, "
              "nothing from the page header or footer in the middle of the text.",
              "- [ ] **Headings.** The bookmarks (PDF), the Navigation pane (Word) and a screen "
              "reader's heading list read as an outline of the paper, with no level skipped.",
              "- [ ] **Tables.** In every table a screen reader announces the column header "
              "with each cell. A table that continues on the next PDF page repeats its header "
              "row there; a screen reader meets each page's part as a table of its own "
              "(WeasyPrint tags one table per page), so check that each part still reads "
              "sensibly.",
              "- [ ] **Status.** Every RAG status shows its word and symbol as well as its "
              "colour (★ Green, ● Amber, ■ Red, □ Monitor, ○ Unavailable), including any "
              "status typed in by an officer.",
              "- [ ] **Plain English.** Commentary typed into the workbooks spells out "
              "abbreviations on first use (CLA, CIN, CP ...) and does not rely on colour or "
              "position (\"see the red rows\", \"the table below\").",
              "- [ ] **Document properties.** Each file's title (shown as the window title) "
              "describes the paper and the language is English (United Kingdom).",
              "- [ ] **Word.** Open each DOCX and run Review > Check Accessibility; it should "
              "report no errors.", ""]
    lines += ["## Link text", "",
              "Each link must make sense on its own, read out of context (not \"click here\" or "
              "a bare web address).", ""]
    lines += _items([f"{entry.get('title')}: \"{text}\" goes to <{href}>"
                     for document, entry in zip(documents, entries)
                     for text, href in document_links(document)], "links")
    lines += ["", "## Chart descriptions", "",
              "Each chart's text alternative must say what the chart shows, and match the "
              "counts printed under the chart and in the tables.", ""]
    lines += _items([f"{entry.get('title')}, \"{title}\": \"{alt}\""
                     for document, entry in zip(documents, entries)
                     for title, alt in document_charts(document)], "charts")
    lines.append("")
    return "\n".join(lines)


def _items(items: list[str], what: str) -> list[str]:
    """Checklist lines for `items`, or one saying there are no `what` to check."""
    return [f"- [ ] {item}" for item in items] or \
        [f"- [ ] There are no {what} in these documents: nothing to check."]
