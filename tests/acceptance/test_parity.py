"""Every sample document says the same thing in DOCX, HTML and PDF: the same body text in the
same order.

Each format is read back as a reader gets it: the DOCX's word/document.xml (paragraphs and
table rows in body order, Word's paragraph numbers as Word shows them), the HTML as a screen
reader reads the page (no skip link, no captions or visually hidden text: those are the
HTML's own text alternatives), the tagged PDF as a screen reader reads it: its structure tree
in order (pdfplumber), each element's marked content, so running heads and page numbers
(artifacts, not in the tree) are left out by the PDF itself. Left out as well: table header
rows and captions (the HTML's header rows are read once, the PDF's repeat), list labels (CSS
markers in the HTML), figures (a picture with alt text in the DOCX and HTML, a vector drawing
in the PDF). Texts are compared as word sequences, whitespace collapsed; a failure prints a
short diff.
"""

from __future__ import annotations

import difflib
import json
import re
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

INLINE = {"Span", "Link", "Em", "Strong", "Code", "Quote", "Reference", "Note", "NonStruct"}
NOT_READ = {"THead", "Caption", "Figure", "Lbl"}  # see the module's docstring
ARROW_THEN_WORD = re.compile(r"(?<=[↑↓→↘↔↗↙←])(?=\w)")


def pdf_words(path: Path) -> list[str]:
    """Return the tagged PDF's words in its structure tree's order. Block elements (P, H2, TD,
    ...) are apart; inside one, characters drawn side by side run on, and a gap (the space
    after a heading's number) or a new line starts a new word, unless the line ended in a
    wrapped "state-" or "and/"."""
    import pdfplumber
    from pdfplumber.structure import PDFStructTree

    with pdfplumber.open(path) as pdf:
        marked: dict[tuple[int, int], list[dict]] = {}
        for page in pdf.pages:
            for char in page.chars:
                if char.get("mcid") is not None:
                    marked.setdefault((page.page_number, char["mcid"]), []).append(char)
        text: list[str] = []
        last: list[dict | None] = [None]

        def read(element) -> None:
            if element.type in NOT_READ:
                return
            if element.type not in INLINE:
                text.append(" ")
                last[0] = None
            for mcid in element.mcids:
                for char in marked.get((element.page_number, mcid), []):
                    before = last[0]
                    if before is not None and " " not in (before["text"], char["text"]) \
                            and (abs(char["top"] - before["top"]) > char["size"] / 2
                                 or char["x0"] - before["x1"] > char["size"] / 5):
                        word = "".join(text).rsplit(" ", 1)[-1]
                        if not (word.endswith(("-", "/")) and len(word) > 1):
                            text.append(" ")
                    text.append(char["text"])
                    last[0] = char
            for child in element.children:
                read(child)
            if element.type not in INLINE:
                text.append(" ")
                last[0] = None

        for element in PDFStructTree(pdf):
            read(element)
    # an arrow is read with the words a screen reader gets from the HTML, visually hidden
    # there (and left out of its words): "↑better: 83%" in the PDF is "↑ 83%"
    words = ARROW_THEN_WORD.sub(" ", "".join(text)).replace(f"{NO_MEANING}:", " ").split()
    return [word for word in words if not HIDDEN_BEFORE_ARROW.match(word)]


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


@pytest.fixture(scope="module")
def texts(built) -> dict[tuple[str, str], dict[str, list[str]]]:
    return {(name, kind): {"docx": docx_words(files["docx"]), "html": html_words(files["html"]),
                           "pdf": pdf_words(files["pdf"])}
            for name, kind, files in documents(built)}


CASES = [(name, kind) for name in SETS for kind in KINDS
         if (name == "cabinet-2017-06") != (kind == "performance-report")]  # its Documents


def test_every_sample_document_is_compared(texts):
    assert sorted(texts) == sorted(CASES)


@pytest.mark.parametrize(("name", "kind"), CASES)
def test_docx_says_what_the_html_says_in_the_same_order(texts, name, kind):
    words = texts[(name, kind)]
    assert words["docx"] == words["html"], "\n" + short_diff(words["html"], words["docx"],
                                                              ("html", "docx"))


@pytest.mark.parametrize(("name", "kind"), CASES)
def test_pdf_reads_as_the_html_does_in_the_same_order(texts, name, kind):
    """The tagged PDF, read in its structure tree's order as a screen reader reads it, says
    the HTML's words in the HTML's order: nothing missing, moved, changed or added."""
    words = texts[(name, kind)]
    assert words["pdf"] == words["html"], "\n" + short_diff(words["html"], words["pdf"],
                                                             ("html", "pdf"))
