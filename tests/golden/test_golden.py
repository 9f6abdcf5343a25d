"""Golden files: every sample document as three readable texts, so a layout change is a diff.

For each sample set in inputs/ and each document it gets (`compose_documents`), three files in
tests/golden/<set>/:

- `<kind>.model.json`: the document model (reportgen.document), every dataclass as an object
  of its fields plus "_type" (its class), Decimal as text, dates as ISO, enums as their value;
  sorted keys, indent 1. The model holds no images (a chart is its title, counts and alt
  text), so nothing in it is hashed.
- `<kind>.html`: `render_html` verbatim but for two stand-ins: the inline stylesheet (the
  bundled templates/report.css, its own file: diff that) becomes one line with its sha256,
  and each base64 data URI (a chart's SVG) becomes its media type and the sha256 of its
  decoded bytes. The generator meta tag's version becomes "VERSION", so a release is not a
  layout change.
- `<kind>.document.xml`: the DOCX's word/document.xml (rendered by `render_docx`, as the build
  does), indented, without Word's w:rsid* revision-session attributes. Nothing else varies:
  the DOCX is the same bytes run to run, process to process and under any PYTHONHASHSEED, and
  SOURCE_DATE_EPOCH changes only the zip times and docProps/core.xml, not document.xml; so
  the drawing ids (wp:docPr id) and relationship ids stay, and a duplicate would show.

A mismatch fails with a unified diff; `pytest --update-golden` (tests/conftest.py) rewrites
the files from the current output and passes. A sample document without golden files, or
golden files for a document no sample gets, fails too.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import difflib
import enum
import hashlib
import io
import json
import re
import zipfile
from decimal import Decimal
from functools import lru_cache
from pathlib import Path, PurePath

import pytest
from lxml import etree

from reportgen import __version__
from reportgen.compose import compose_documents
from reportgen.rate import rate_report_set
from reportgen.read.workbook import require_report_set
from reportgen.render import TEMPLATES
from reportgen.render.documents import CHUNK_SETTING, render_docx
from reportgen.render.html import render_html
from tests.conftest import ROOT, SAMPLES

GOLDEN = Path(__file__).resolve().parent
SETS = sorted(path.name for path in SAMPLES.iterdir() if path.is_dir())
FORMATS = ("model.json", "html", "document.xml")
DIFF_LINES = 80  # a failure shows at most this many lines of the diff
HINT = "run pytest --update-golden to accept"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --- the documents ---------------------------------------------------------------------------

@lru_cache(maxsize=None)
def documents(set_name: str) -> dict[str, object]:
    """The documents sample set `set_name` gets, by kind (a set gets at most one of each)."""
    report_set, _ = require_report_set(SAMPLES / set_name)
    composed = compose_documents(report_set, rate_report_set(report_set))
    by_kind = {document.kind: document for document in composed}
    assert len(by_kind) == len(composed), f"{set_name}: two documents of one kind"
    return by_kind


# --- the three texts -------------------------------------------------------------------------

def to_data(value):
    """`value` (a document model or any part of it) as JSON data, walking dataclass fields."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {"_type": type(value).__name__}
        data.update({f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)})
        return data
    if isinstance(value, enum.Enum):
        return to_data(value.value)
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, PurePath):
        return value.as_posix()
    if isinstance(value, (list, tuple)):
        return [to_data(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((to_data(item) for item in value), key=repr)
    if isinstance(value, dict):
        return {str(key): to_data(item) for key, item in value.items()}
    raise TypeError(f"no golden form for {type(value).__name__}: {value!r}")


def model_text(document) -> str:
    return json.dumps(to_data(document), sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
DATA_URI = re.compile(r"data:([\w.+-]+/[\w.+-]+);base64,([A-Za-z0-9+/=]+)")
GENERATOR = f'<meta name="generator" content="reportgen {__version__}">'


def html_text(document) -> str:
    html = render_html(document, TEMPLATES)
    html = STYLE.sub(lambda m: f"<style>/* report.css: {len(m.group(1).encode())} bytes, "
                               f"sha256 {sha256(m.group(1).encode())} */</style>", html)
    html = DATA_URI.sub(lambda m: f"data:{m.group(1)};sha256,"
                                  f"{sha256(base64.b64decode(m.group(2)))}", html)
    html = html.replace(GENERATOR, '<meta name="generator" content="reportgen VERSION">')
    return html if html.endswith("\n") else html + "\n"


def is_volatile(name: str) -> bool:
    """Word's revision-session ids (w:rsidR, w:rsidRPr, w:rsidSect...): editing history."""
    return name.startswith(f"{{{W}}}rsid")


def document_xml_text(document) -> str:
    with zipfile.ZipFile(io.BytesIO(render_docx(document, TEMPLATES))) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    for element in root.iter():
        for name in [name for name in element.attrib if is_volatile(name)]:
            del element.attrib[name]
    etree.indent(root, space=" ")
    return etree.tostring(root, encoding="unicode", pretty_print=True)


TEXTS = {"model.json": model_text, "html": html_text, "document.xml": document_xml_text}


# --- comparing -------------------------------------------------------------------------------

def golden_path(set_name: str, kind: str, fmt: str) -> Path:
    return GOLDEN / set_name / f"{kind}.{fmt}"


def shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def difference(path: Path, expected: str, actual: str) -> str:
    """A readable account of how `actual` differs from the golden file at `path`."""
    diff = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                     f"{shown(path)} (golden)", f"{shown(path)} (rendered now)",
                                     lineterm=""))
    more = len(diff) - DIFF_LINES
    head = "\n".join(diff[:DIFF_LINES])
    tail = f"\n... and {more} more diff lines" if more > 0 else ""
    return f"{shown(path)} differs from what the code renders now ({HINT}):\n{head}{tail}"


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")  # as bytes: no newline translation


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(autouse=True)
def whole_documents(monkeypatch):
    """The HTML marks where its PDF chunks begin: render with the build's own chunk size."""
    monkeypatch.delenv(CHUNK_SETTING, raising=False)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("set_name", SETS)
def test_documents_match_their_golden_files(set_name, fmt, update_golden):
    failures = []
    for kind, document in documents(set_name).items():
        path = golden_path(set_name, kind, fmt)
        actual = TEXTS[fmt](document)
        if update_golden:
            if not path.is_file() or read(path) != actual:
                write(path, actual)
        elif not path.is_file():
            failures.append(f"{shown(path)} is missing ({HINT})")
        elif (expected := read(path)) != actual:
            failures.append(difference(path, expected, actual))
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)


def golden_files() -> set[Path]:
    return {path for path in GOLDEN.glob("*/*")
            if path.is_file() and any(path.name.endswith(f".{fmt}") for fmt in FORMATS)}


def test_every_sample_document_has_golden_files_and_no_other_has(update_golden):
    expected = {golden_path(set_name, kind, fmt): (document, fmt) for set_name in SETS
                for kind, document in documents(set_name).items() for fmt in FORMATS}
    stale = golden_files() - set(expected)
    missing = {path for path in expected if not path.is_file()}
    if update_golden:
        for path in missing:
            document, fmt = expected[path]
            write(path, TEXTS[fmt](document))
        for path in stale:
            path.unlink()
            if not any(path.parent.iterdir()):
                path.parent.rmdir()
        missing, stale = set(), set()
    problems = [f"missing: {shown(path)}" for path in sorted(missing)]
    problems += [f"no sample document renders: {shown(path)}" for path in sorted(stale)]
    if problems:
        pytest.fail("golden files out of step with the samples in inputs/ "
                    f"({HINT}):\n" + "\n".join(problems), pytrace=False)


def test_golden_texts_strip_only_what_is_volatile():
    """What the texts leave out: rsid attributes, the stylesheet, data URIs; nothing else."""
    document = documents("childrens-services-2018-q2")["performance-report"]
    html = html_text(document)
    assert "base64" not in html and html.count(";sha256,") == len(document.parts)
    assert html.count("<style>/* report.css: ") == 1
    assert 'content="reportgen VERSION"' in html
    xml = document_xml_text(document)
    assert "w:rsid" not in xml and xml.count('<wp:docPr ') == len(document.parts)
    assert xml.count("\n") > 1000  # indented: one element a line
