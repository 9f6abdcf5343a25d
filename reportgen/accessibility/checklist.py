"""The checklist written next to the outputs: what a person must still check."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from functools import cache


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(item.name for item in fields(kind))


def _walk_model(value):
    """Yield every dataclass in a document model, in document order (depth first), without
    recursion: a 400-measure report holds some 200,000 values, most of them text."""
    stack = [value]
    while stack:
        value = stack.pop()
        if isinstance(value, (str, int, float)) or value is None:
            continue
        if isinstance(value, (tuple, list)):
            stack.extend(reversed(value))
        elif is_dataclass(value) and not isinstance(value, type):
            yield value
            stack.extend(getattr(value, name) for name in reversed(_field_names(type(value))))


def document_links(document) -> list[tuple[str, str]]:
    """Return every (link text, target) in a document model, in order, once each."""
    seen = {}
    for value in _walk_model(document):
        href = getattr(value, "href", None)
        if href and hasattr(value, "text"):
            seen.setdefault((value.text, href), None)
    return list(seen)


def document_charts(document) -> list[tuple[str, str]]:
    """Return every (chart title, text alternative) in a document model."""
    return [(value.title, value.alt) for value in _walk_model(document)
            if hasattr(value, "alt") and hasattr(value, "title")
            and (hasattr(value, "counts") or hasattr(value, "points"))]  # bars, trends


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
              "counts or values printed beside the chart and in the tables.", ""]
    lines += _items([f"{entry.get('title')}, \"{title}\": \"{alt}\""
                     for document, entry in zip(documents, entries)
                     for title, alt in document_charts(document)], "charts")
    lines.append("")
    return "\n".join(lines)


def _items(items: list[str], what: str) -> list[str]:
    """Checklist lines for `items`, or one saying there are no `what` to check."""
    return [f"- [ ] {item}" for item in items] or \
        [f"- [ ] There are no {what} in these documents: nothing to check."]
