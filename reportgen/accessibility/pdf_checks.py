"""The PDF checks (pikepdf): what PDF/UA-1 asks that a machine can check, and the `pdfua`
checker's rules when it is installed."""

from __future__ import annotations

import re
from pathlib import Path

from reportgen.accessibility.common import Finding, heading_order_problems


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
