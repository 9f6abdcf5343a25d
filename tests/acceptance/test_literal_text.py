"""Text that looks like mathematics, markup or an Excel escape comes out as the officer typed it,
in the charts and in every edition.

One set names its service areas (the charts' titles), measures, unit and periods with text
matplotlib would read as mathtext ("$x$", "$\\frac{1}{2}$"), and holds Excel escapes in shared
strings (as Excel saves text) and inline strings (as openpyxl does).
"""

from __future__ import annotations

import base64
import re
import zipfile
from html.parser import HTMLParser

import pytest
from lxml import etree

from reportgen.pipeline import build_set
from tests.acceptance.test_hostile_text import docx_text, html_text, outputs
from tests.conftest import measure
from tests.fuzz.workbooks import share_strings, small_set
from tests.render.test_charts import MATH_TEXTS, svg_texts

PERIODS = ("Q1 $x$ ^", r"Q2 $\frac{1}{2}$ _{}")


class _Images(HTMLParser):
    """Collect each <img>'s src and alt, as a browser reads them (entities decoded)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            found = dict(attrs)
            self.images.append((found.get("src") or "", found.get("alt") or ""))


def html_images(html: str) -> list[tuple[str, str]]:
    parser = _Images()
    parser.feed(html)
    return parser.images


@pytest.fixture(scope="module")
def typed_build(tmp_path_factory):
    """Build the set; its commentary workbook keeps its text in shared strings."""
    root = tmp_path_factory.mktemp("typed")
    measures = [measure(f"T{i}", f"Name {text} _x005F_x000B_", unit="% $ ^", target=100,
                        tolerance=5, Service_area=f"Area {text}")
                for i, text in enumerate(MATH_TEXTS)]
    commentary = [{"ID": f"T{i}", "Commentary": "Typed _x005F_x000B_ and Break_x000B_here"}
                  for i in range(len(MATH_TEXTS))]
    folder = small_set(root / "typed", measures=measures, periods=PERIODS,
                       outturns={f"T{i}": [90, 80 + i] for i in range(len(MATH_TEXTS))},
                       commentary=commentary)
    share_strings(folder / "commentary.xlsx")
    result = build_set(folder, root / "out")
    assert result.ok, [p.describe() for p in result.problems if p.severity == "error"]
    return result


def test_chart_text_is_what_was_typed(typed_build):
    drawn = []
    for path in outputs(typed_build, ".html"):
        for src, _ in html_images(path.read_text(encoding="utf-8")):
            svg = base64.b64decode(src.removeprefix("data:image/svg+xml;base64,")).decode()
            drawn += svg_texts(svg)
    for text in MATH_TEXTS:
        assert f"Measures by RAG status in Area {text}" in drawn


def test_chart_alt_text_is_what_was_typed_and_escaped(typed_build):
    (html,) = [p.read_text(encoding="utf-8") for p in outputs(typed_build, ".html")]
    alts = [alt for _, alt in html_images(html)]
    descriptions = []
    for path in outputs(typed_build, ".docx"):
        with zipfile.ZipFile(path) as package:
            root = etree.fromstring(package.read("word/document.xml"))
        descriptions += [e.get("descr") for e in root.iter() if e.get("descr")]
    for text in MATH_TEXTS:
        assert any(f"with a RAG in Area {text}:" in alt for alt in alts), text
        assert any(f"with a RAG in Area {text}:" in d for d in descriptions), text
    assert "<b>bold</b>" not in html  # escaped in the alt attribute and the text alike
    assert "Area <b>bold</b>" in html_text(html)


def test_escapes_print_as_typed_in_every_edition(typed_build):
    html = " ".join(html_text(p.read_text(encoding="utf-8"))
                    for p in outputs(typed_build, ".html"))
    docx = " ".join(docx_text(p) for p in outputs(typed_build, ".docx"))
    for shown in (html, docx):
        # the inline measure name and the shared commentary: a typed _x000B_ is text, the
        # escape of a vertical tab a line break
        assert "Name $x$ _x000B_" in shown
        assert "Typed _x000B_ and Break" in shown
        assert not re.search("Break_?x000B", shown)
