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

import json
from pathlib import Path

from reportgen.accessibility.browser import (BrowserError, Chromium, browser_unavailable,
                                             check_html_in_browser, find_axe)
from reportgen.accessibility.checklist import checklist_markdown
from reportgen.accessibility.colour import (contrast_ratio, css_pairs, palette_findings,
                                            relative_luminance, svg_pairs, theme_pairs)
from reportgen.accessibility.common import (CHECKLIST, DESKTOP_WIDTH, REFLOW_WIDTH, Finding,
                                            Outcome, heading_order_problems, link_text_problem)
from reportgen.accessibility.docx_checks import check_docx
from reportgen.accessibility.html_checks import check_html
from reportgen.accessibility.pdf_checks import check_pdf, pdfua_findings

__all__ = ["CHECKLIST", "DESKTOP_WIDTH", "REFLOW_WIDTH", "BrowserError", "Chromium", "Finding",
           "Outcome", "browser_unavailable", "check_docx", "check_html", "check_html_in_browser",
           "check_outputs", "check_pdf", "checklist_markdown", "contrast_ratio", "css_pairs",
           "find_axe", "heading_order_problems", "link_text_problem", "output_files",
           "palette_findings", "pdfua_findings", "relative_luminance", "svg_pairs",
           "theme_pairs"]


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
