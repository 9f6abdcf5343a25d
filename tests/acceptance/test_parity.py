"""Every sample document says the same thing in DOCX, HTML and PDF: the same body text in the
same order.

Each format is read back as a reader gets it: the DOCX's word/document.xml (paragraphs and
table rows in body order, Word's paragraph numbers as Word shows them), the HTML as a screen
reader reads the page (no skip link, no captions or visually hidden text: those are the
HTML's own text alternatives), the PDF through poppler's `pdftotext -raw` (the order
WeasyPrint draws). Left out: running heads, page numbers and markings (page furniture), table
header rows (the PDF repeats them on every page) and the words drawn in a chart picture (the
PDF's charts are vector drawings with text; the DOCX's and HTML's are pictures with alt text).
Texts are compared as word sequences, whitespace collapsed; a failure prints a short diff.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reportgen.compose.scorecard import NO_MEANING
from docx.oxml.ns import qn
from lxml import etree

from tests.conftest import build_samples

SETS = ("childrens-services-2017-q2", "childrens-services-2018-q2", "cabinet-2017-06")
KINDS = ("performance-report", "appendix-scorecard", "cabinet-report")
W_P, W_TBL, W_TR, W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
PAGE_NUMBER = re.compile(r"^Page \d+ of \d+$")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_samples(tmp_path_factory.mktemp("parity"), SETS)


def documents(built: Path) -> list[tuple[str, str, dict]]:
    """Return (set, kind, files by extension) for every sample document (not the pack, which
    is the documents' PDFs joined)."""
    found = []
    for name in SETS:
        manifest = json.loads((built / name / "manifest.json").read_text())
        for doc in manifest["documents"]:
            if doc["kind"] not in KINDS:
                continue
            files = {ext: built / name / path for ext, path in doc["files"].items()}
            found.append((name, doc["kind"], files))
    return found


# --- DOCX ------------------------------------------------------------------------------------

def docx_words(path: Path) -> list[str]:
    """Return the body's words in order: paragraphs, then table rows but their header rows;
    a "Numbered Heading" paragraph starts with the number Word shows ("1.")."""
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    counter = {"n": 0}
    words: list[str] = []
    for child in root.find(qn("w:body")):
        words += block_words(child, counter)
    return words


def block_words(element, counter: dict) -> list[str]:
    if element.tag == W_P:
        style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        words = paragraph_text(element).split()
        if style is not None and style.get(qn("w:val")) == "NumberedHeading":
            counter["n"] += 1
            words.insert(0, f"{counter['n']}.")
        return words
    if element.tag == W_TBL:
        words = []
        for row in element.iterchildren(W_TR):
            if row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None:
                continue
            for cell in row.iterchildren(W_TC):
                for child in cell:
                    words += block_words(child, counter)
        return words
    return []


def paragraph_text(paragraph) -> str:
    """Return the text of `paragraph`'s runs; breaks and tabs are spaces."""
    parts = []
    for node in paragraph.iter(qn("w:t"), qn("w:br"), qn("w:tab"), qn("w:cr")):
        parts.append(node.text or "" if node.tag == qn("w:t") else " ")
    return "".join(parts)


# --- HTML ------------------------------------------------------------------------------------

class BodyText(HTMLParser):
    """Collect the text a screen reader reads from the page body, leaving out the skip link,
    table captions and header rows, visually hidden text, and anything in <head>."""

    SKIPPED_TAGS = {"head", "caption", "thead", "script", "style"}
    VOID = {"br", "img", "col", "meta", "link", "hr", "input", "wbr"}
    INLINE = {"a", "strong", "em", "b", "i", "span", "abbr", "code", "small", "sub", "sup"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # for each open element: is its text left out?
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            self.parts.append(" ")
            return
        classes = (dict(attrs).get("class") or "").split()
        skipped = (tag in self.SKIPPED_TAGS or "skip" in classes
                   or "visually-hidden" in classes)
        self.stack.append(skipped or (bool(self.stack) and self.stack[-1]))
        if tag not in self.INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self.stack:
            self.stack.pop()
        if tag not in self.INLINE:
            self.parts.append(" ")

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def html_words(path: Path) -> list[str]:
    parser = BodyText()
    parser.feed(path.read_text(encoding="utf-8"))
    return "".join(parser.parts).split()


# --- PDF ---------------------------------------------------------------------------------

def pdf_words(path: Path, furniture: set[str]) -> list[str]:
    """Return the PDF's words in drawing order, each page's furniture lines (its running head,
    "Page n of N", `furniture`) left out. A line whose last word ends in "-" or "/" runs on
    into the next without a space (the PDF wrapped a word such as "state-funded" there)."""
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    words = []
    for page in text.split("\f"):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        while lines and (PAGE_NUMBER.match(lines[-1]) or lines[-1] in furniture):
            lines.pop()  # furniture is drawn last, over the page
        joined = ""
        for line in lines:
            wrapped = joined.endswith(("-", "/")) and len(joined.split()[-1]) > 1
            joined += line if wrapped or not joined else " " + line
        # an arrow printed as published carries its words for a screen reader, visually
        # hidden in the HTML (left out of its words) but drawn, clipped, in the PDF's text
        words += joined.replace(f"{NO_MEANING}:", " ").split()
    return words


def without(words: list[str], sequences: list[list[str]]) -> list[str]:
    """Return `words` with every occurrence of each of `sequences` removed (longest first)."""
    text = f" {' '.join(words)} "
    for sequence in sorted(sequences, key=len, reverse=True):
        if sequence:
            text = text.replace(f" {' '.join(sequence)} ", " ")
    return text.split()


class HtmlExtras(HTMLParser):
    """Collect the word sequences of an HTML page's table header rows and captions, and its
    part headings (h2), which a PDF draws as well but out of the body's order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: str | None = None
        self.found: dict[str, list[str]] = {"thead": [], "caption": [], "h1": [], "h2": []}
        self.text = ""

    def handle_starttag(self, tag, attrs):
        if tag in self.found and self.open is None:
            self.open, self.text = tag, ""

    def handle_endtag(self, tag):
        if tag == self.open:
            self.found[tag].append(" ".join(self.text.split()))
            self.open = None
        elif self.open:
            self.text += " "

    def handle_data(self, data):
        if self.open:
            self.text += data


def html_extras(path: Path) -> dict[str, list[str]]:
    parser = HtmlExtras()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.found


def chart_text(parts: list[str]) -> re.Pattern:
    """Return the words a chart picture draws: its legend and tick labels, the axis title
    "Measures", the bar counts and its title ("Measures by RAG status", "... in <part>")."""
    names = "|".join(re.escape(name) for name in parts)
    legend_and_ticks = r" (?:[★●■□○] \S+ )+(?:\d+ )+Measures (?:\d+ )+"
    title = "Measures by RAG status" + (rf"(?: in (?:{names}))?" if names else "")
    return re.compile(legend_and_ticks + title + " ")


def comparable(words: list[str], html: Path) -> list[str]:
    """Return `words` without what a PDF draws besides the body's order: table header rows and
    captions (also left out of the HTML's words), a chart's text, the visually hidden words
    before an arrow ("better: "), bullets."""
    extras = html_extras(html)
    sequences = [text.split() for text in extras["thead"] + extras["caption"]]
    text = f" {' '.join(without(words, sequences))} "
    text = chart_text(extras["h2"]).sub(" ", text)
    return [word for word in text.split()
            if not HIDDEN_BEFORE_ARROW.match(word) and not BULLET.match(word)]


def short_diff(ours: list[str], theirs: list[str], names=("html", "other")) -> str:
    """Return up to 12 changed stretches of two word sequences, each with a little context."""
    matcher = difflib.SequenceMatcher(a=ours, b=theirs, autojunk=False)
    lines = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(ours[max(0, i1 - 4):i1])
        lines.append(f"{tag} after '...{before}': {names[0]} {' '.join(ours[i1:i2])[:120]!r} "
                     f"| {names[1]} {' '.join(theirs[j1:j2])[:120]!r}")
        if len(lines) == 12:
            lines.append("...")
            break
    return "\n".join(lines)


HIDDEN_BEFORE_ARROW = re.compile(r"^(better|worse|same):$")
BULLET = re.compile(r"^[•◦▪‣∙]$")


@pytest.fixture(scope="module")
def texts(built) -> dict[tuple[str, str], dict[str, list[str]]]:
    found = {}
    for name, kind, files in documents(built):
        extras = html_extras(files["html"])
        furniture = set(extras["h1"]) | {"Confidential"}
        sequences = [text.split() for text in extras["thead"] + extras["caption"]]
        found[(name, kind)] = {"docx": docx_words(files["docx"]),
                               "html": html_words(files["html"]),
                               "html-comparable": without(html_words(files["html"]), sequences),
                               "pdf": comparable(pdf_words(files["pdf"], furniture),
                                                 files["html"])}
    return found


CASES = [(name, kind) for name in SETS for kind in KINDS
         if (name == "cabinet-2017-06") != (kind == "performance-report")]  # its Documents


def test_every_sample_document_is_compared(texts):
    assert sorted(texts) == sorted(CASES)


@pytest.mark.parametrize(("name", "kind"), CASES)
def test_docx_says_what_the_html_says_in_the_same_order(texts, name, kind):
    words = texts[(name, kind)]
    assert words["docx"] == words["html"], "\n" + short_diff(words["html"], words["docx"],
                                                              ("html", "docx"))


PDF_CASES = [pytest.param(*case, marks=pytest.mark.xfail(strict=True, reason=(
    "WeasyPrint draws a theme's heading and RAG line after the table beside it on some pages, "
    "interleaved so the moved-block match cannot pair them (seen after the arrows change)")))
    if case == ("cabinet-2017-06", "appendix-scorecard") else case for case in CASES]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
@pytest.mark.parametrize(("name", "kind"), PDF_CASES)
def test_pdf_says_what_the_html_says_in_the_same_order(texts, name, kind):
    """The PDF may add only list numbers (its markers are text; the HTML's are not), and may
    draw a block later or earlier than the HTML reads it: WeasyPrint draws a page's tables
    after its other blocks, so "Theme RAG: ..." or the legend below a table on the same page
    comes first in drawing order. Such a block is the same words deleted in one place and
    inserted in another; anything else (a word missing, changed or added) fails."""
    words = texts[(name, kind)]
    html, pdf = words["html-comparable"], words["pdf"]
    assert not pdf_differences(html, pdf), "\n" + short_diff(html, pdf, ("html", "pdf"))


def pdf_differences(html: list[str], pdf: list[str]) -> list[tuple[str, list[str]]]:
    """Return what differs between the two word sequences but moved blocks and list numbers:
    ("insert", words) for words only the PDF has, ("delete", words) for words it lacks."""
    matcher = difflib.SequenceMatcher(a=html, b=pdf, autojunk=False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            changes.append(("delete", html[i1:i2]))
        if tag in ("insert", "replace"):
            added = [word for word in pdf[j1:j2] if not LIST_NUMBER.match(word)]
            if added:
                changes.append(("insert", added))
    deleted = [index for index, (kind, _) in enumerate(changes) if kind == "delete"]
    moved: set[int] = set()
    for index, (kind, words) in enumerate(changes):
        if kind == "insert":
            blocks = moved_blocks(words, [(i, changes[i][1]) for i in deleted if i not in moved])
            if blocks is not None:
                moved |= {index, *blocks}
    return [change for index, change in enumerate(changes) if index not in moved]


def moved_blocks(words: list[str], deleted: list[tuple[int, list[str]]]) -> list[int] | None:
    """Return the indexes of `deleted` blocks that, one after another, make up `words` (a
    stretch drawn elsewhere: one block or several that moved together), else None."""
    if not words:
        return []
    for index, block in deleted:
        if block and words[:len(block)] == block:
            rest = moved_blocks(words[len(block):], [d for d in deleted if d[0] != index])
            if rest is not None:
                return [index, *rest]
    return None


LIST_NUMBER = re.compile(r"^\d+\.$")
