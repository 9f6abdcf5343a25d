"""Text in any cell comes out as the officer typed it: never executed, fetched or interpreted.

One hostile set puts script, style, images, links, file:// and loopback URLs, Jinja and Word
XML in every text cell; the DOCX, HTML and PDF must show them literally, the PDF engine must
ask only for bundled assets, and the PDFs must hold no attachment, script or launch action.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import time
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from reportgen.render import pdf as render_pdf
from reportgen.pipeline import build_set
from reportgen.render import TEMPLATES
from reportgen.text import LONG_WORD, break_long_words, clean_text
from tests.conftest import measure
from tests.fuzz.workbooks import HOSTILE_TEXTS, set_cell_xml, small_set

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class RecordingFetcher(render_pdf.BundledOnlyFetcher):
    """The real fetcher, recording every URL the PDF engine asks for in `asked`."""

    asked: list[str] = []

    def fetch(self, url, headers=None):
        RecordingFetcher.asked.append(url)
        return super().fetch(url, headers)


def only_bundled(urls: list[str]) -> list[str]:
    """Return the URLs that are neither inline data nor files in the bundled templates."""
    root = TEMPLATES.resolve().as_uri()
    return [u for u in urls if not (u.startswith("data:") or u.startswith(root + "/"))]


def forbidden_in_pdf(path: Path) -> list[str]:
    """Return the attachment, script and launch features found anywhere in the PDF."""
    found = []
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary):
                for key in ("/EmbeddedFile", "/EmbeddedFiles", "/JavaScript", "/JS", "/Launch",
                            "/AA", "/OpenAction"):
                    if key in obj.keys() or obj.get("/Type") == key or obj.get("/S") == key:
                        found.append(key)
                uri = obj.get("/URI")
                if uri is not None and not str(uri).startswith("https://"):
                    found.append(f"/URI {uri}")
    return found


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("style", "script", "title")

    def handle_endtag(self, tag):
        self.skip -= tag in ("style", "script", "title") and self.skip > 0

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def docx_text(path: Path) -> str:
    """Return the text of every w:t in the package's XML parts (which must all parse)."""
    texts = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                root = etree.fromstring(package.read(name))
                texts.extend(t.text or "" for t in root.iter(f"{W}t"))
                texts.append(" ")
    return " ".join("".join(texts).split())


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True,
                          check=True)
    return " ".join(done.stdout.split())


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """Build a set whose every text cell is hostile; record every URL the PDF engine asks."""
    root = tmp_path_factory.mktemp("hostile")
    texts = HOSTILE_TEXTS
    measures = [measure(f"H{i}", f"{text} name", target=100, tolerance=5,
                        Service_area=f"Area {text}", Outcome=f"Outcome {text}",
                        Theme=f"Theme {text}", Data_period=f"Period {text}",
                        Tolerance_note=f"Note {text}", Benchmark_note=f"Bench {text}",
                        England=90) for i, text in enumerate(texts)]
    commentary = [{"ID": f"H{i}", "Benchmarking": f"B {text}", "Commentary": f"C {text}",
                   "Actions": f"A {text}", "Value note": f"V {text}"}
                  for i, text in enumerate(texts)]
    folder = small_set(root / "hostile", measures=measures,
                       outturns={f"H{i}": [90, 80 + i] for i in range(len(texts))},
                       commentary=commentary,
                       report={"Title": "Title {{ 7*7 }} <b>&amp;</b>",
                               "Committee": "Cabinet </w:t><w:t>x", "Author": "<script>a</script>",
                               "Portfolio holder": "Cllr {% raw %}Ŵ{% endraw %}",
                               "Meeting date": dt.datetime(2017, 6, 5)},
                       narrative=[("A", "No", "Purpose {{ 7*7 }}", text) for text in texts]
                       + [("B", "No", None, "[local](file:///etc/passwd) [loop](http://127.0.0.1/)"
                                            " ![img](http://[::1]/a.png)")])
    RecordingFetcher.asked = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render_pdf, "BundledOnlyFetcher", RecordingFetcher)
        result = build_set(folder, root / "out")
    assert result.ok, [p.describe() for p in result.problems if p.severity == "error"]
    return result, list(RecordingFetcher.asked)


def outputs(result, suffix):
    found = [p for p in result.written if p.suffix == suffix]
    assert found
    return found


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_hostile_text_is_literal_in_html(hostile_build, text):
    result, _ = hostile_build
    for path in outputs(result, ".html"):
        html = path.read_text(encoding="utf-8")
        assert "<script" not in html and "<img src=\"file" not in html and "<link" not in html
        assert "<w:t>" not in html and "<w:p>" not in html and "<style>body" not in html
    shown = " ".join(html_text(p.read_text(encoding="utf-8")) for p in outputs(result, ".html"))
    assert " ".join(f"C {text}".split()) in shown


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_hostile_text_is_literal_in_docx(hostile_build, text):
    result, _ = hostile_build
    shown = " ".join(docx_text(p) for p in outputs(result, ".docx"))
    assert " ".join(f"C {text}".split()) in shown
    assert " ".join(f"{text} name".split()) in shown


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")
@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_hostile_text_is_literal_in_pdf(hostile_build, text):
    result, _ = hostile_build
    shown = squash(" ".join(pdf_text(p) for p in outputs(result, ".pdf")))
    # pdftotext may reorder right-to-left runs, so compare the left-to-right part
    assert squash(f"C {text}".split("العربية")[0]) in shown


def test_jinja_and_word_xml_are_not_interpreted(hostile_build):
    result, _ = hostile_build
    docx = " ".join(docx_text(p) for p in outputs(result, ".docx"))
    html = " ".join(html_text(p.read_text(encoding="utf-8")) for p in outputs(result, ".html"))
    for shown in (docx, html):
        assert "{{ 7*7 }}" in shown and "{% for x in range(3) %}loop{% endfor %}" in shown
        assert "looplooploop" not in shown
        assert "</w:t></w:r><w:r><w:t>injected" in shown
    for path in outputs(result, ".docx"):
        with zipfile.ZipFile(path) as package:
            body = package.read("word/document.xml").decode()
        assert "<w:instrText" not in body and "INCLUDETEXT" in body


def test_the_pdf_engine_asks_only_for_bundled_assets(hostile_build):
    _, asked = hostile_build
    assert asked and only_bundled(asked) == []


def test_pdfs_hold_no_attachment_script_or_launch(hostile_build):
    result, _ = hostile_build
    for path in outputs(result, ".pdf"):
        assert forbidden_in_pdf(path) == [], path.name


def test_every_measure_and_commentary_cell_reaches_the_outputs(hostile_build):
    result, _ = hostile_build
    html = " ".join(html_text(p.read_text(encoding="utf-8")) for p in outputs(result, ".html"))
    for text in HOSTILE_TEXTS:
        for cell in ("B", "C", "A", "V"):
            assert " ".join(f"{cell} {text}".split()) in html, (cell, text)


@pytest.mark.parametrize("raw, clean", [
    ("a_x000B_b", "a\nb"), ("bell_x0007_gone", "bellgone"), ("nul\x00gone", "nulgone"),
    ("smile _xD83D__xDE00_", "smile 😀"), ("half _xD83D_ pair", "half  pair"),
    ("literal _x005F_x000B_", "literal _x000B_"), ("non\ufffechar\uffff", "nonchar"),
    ("c1\x85\x9fgone", "c1gone"), ("rtl \u202bעברית\u202c kept", "rtl \u202bעברית\u202c kept"),
    ("Llwyddiant ŵ ŷ — 😀 zero\u200bwidth\u200d", "Llwyddiant ŵ ŷ — 😀 zero\u200bwidth\u200d"),
])
def test_control_characters_and_excel_escapes(raw, clean):
    assert clean_text(raw) == clean


def test_clean_text_output_always_encodes():
    for code in range(0, 0x10000, 7):
        clean_text(f"_x{code:04X}_").encode("utf-8")


@pytest.mark.parametrize("length, broken", [(LONG_WORD, False), (LONG_WORD + 1, True),
                                            (100_000, True)])
def test_only_words_longer_than_the_limit_are_broken(length, broken):
    text = "a" * length
    out = break_long_words(f"before {text} after")
    assert (out != f"before {text} after") == broken
    assert squash(out) == squash(f"before {text} after")  # nothing lost, only spaces added
    assert max(len(w) for w in out.split()) <= (LONG_WORD if not broken else 8)


def test_very_long_cells_and_unbroken_tokens_are_rendered_in_full_and_fast(tmp_path):
    token = "Q" * 100_000
    prose = " ".join(f"word{i}" for i in range(8000))  # 70,889 characters, beyond Excel's limit
    folder = small_set(tmp_path / "s",
                       measures=[measure("M1", "name", target=100, tolerance=5,
                                         Data_period="period", Theme="T"),
                                 measure("M2", "% late", polarity="Low", target=10, Theme="T")],
                       commentary=[{"ID": "M1", "Commentary": "token"},
                                   {"ID": "M2", "Commentary": "placeholder", "Actions": "Hire."}])
    # openpyxl cuts what it writes at Excel's 32,767 characters; another tool need not
    # A 100,000-character word in the wide Commentary column; 10,000 in the narrow Measure and
    # Data period columns (each 8-character piece is a line there: dozens of pages).
    for file, sheet, ref, text in (("outturns.xlsx", "Measures", "F2", "N" * 10_000),
                                   ("outturns.xlsx", "Measures", "I2", "P" * 10_000),
                                   ("commentary.xlsx", "Commentary", "C2", token),
                                   ("commentary.xlsx", "Commentary", "C3", prose)):
        set_cell_xml(folder / file, sheet, ref,
                     f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>')
    started = time.perf_counter()
    result = build_set(folder, tmp_path / "out")
    assert time.perf_counter() - started < 45
    assert result.ok
    warned = {(p.where.sheet, p.where.cell): p.message for p in result.problems}
    assert "more than Excel's 32,767 characters; it is printed in full" in \
        warned[("Commentary", "C3")]
    assert "a space every 8 characters" in warned[("Measures", "F2")]
    assert "a space every 8 characters" in warned[("Commentary", "C2")]
    html = squash(" ".join(html_text(p.read_text(encoding="utf-8"))
                           for p in outputs(result, ".html")))
    for text in (token, "N" * 10_000, "P" * 10_000, prose):
        assert squash(text) in html
    assert squash(prose) in squash(" ".join(docx_text(p) for p in outputs(result, ".docx")))
    assert re.search(r"word7999", " ".join(pdf_text(p) for p in outputs(result, ".pdf")))
