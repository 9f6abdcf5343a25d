"""Accessible outputs (issue 6): every document kind of every sample set passes the PDF, DOCX
and HTML checks; the palette meets WCAG contrast; the checks catch what they claim to; the
build writes its checklist; `reportgen check --accessibility` runs the checks.

The browser half (axe-core and reflow in headless Chromium) is in test_accessibility_browser.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import tomllib
from pathlib import Path

import docx
import pikepdf
import pytest
from weasyprint import HTML

from reportgen import accessibility as a11y
from reportgen.accessibility import docx_checks, pdf_checks
from reportgen.pipeline import build_set
from reportgen.cli import main
from reportgen.render import TEMPLATES
from reportgen.render.pdf import finish_tagging
from tests.conftest import ROOT, SAMPLES, measure, write_set

SETS = sorted(p.name for p in SAMPLES.iterdir() if (p / "outturns.xlsx").exists())
KINDS = {"performance-report", "appendix-scorecard", "cabinet-report", "dashboard", "pack"}

# DOCX findings waiting for the DOCX renderer's owner (render_docx.py is not ours to edit):
# (document kind, rule) -> what is wrong. When one is fixed, its test fails until the entry
# is removed, so this list never hides a regression or outlives its fix.
DOCX_PENDING: dict = {}  # (kind, rule) -> why a DOCX finding is accepted for now: none


@pytest.fixture(scope="session")
def built_samples(tmp_path_factory) -> Path:
    """Every sample set, built once for all the accessibility tests."""
    out = tmp_path_factory.mktemp("a11y-build")
    for name in SETS:
        result = build_set(SAMPLES / name, out)
        assert result.ok, [p.describe() for p in result.problems]
    return out


def documents(built: Path, name: str) -> list[dict]:
    return json.loads((built / name / "manifest.json").read_text())["documents"]


def files(built: Path, name: str, ext: str) -> list[tuple[str, Path]]:
    """Return (document kind, path) for every `ext` file the build of set `name` wrote."""
    return [(d["kind"], built / name / d["files"][ext]) for d in documents(built, name)
            if ext in d["files"]]


def describe(findings) -> list[str]:
    return [f.describe() for f in findings]


# --- Every document kind of every sample set ------------------------------------------------

def test_the_samples_cover_every_document_kind_in_every_format(built_samples):
    kinds = {d["kind"]: set(d["files"]) for d in documents(built_samples, "cabinet-2017-06")}
    assert kinds == {"cabinet-report": {"docx", "pdf", "html"},
                     "appendix-scorecard": {"docx", "pdf", "html"}, "pack": {"pdf"}}
    seen = {d["kind"] for name in SETS for d in documents(built_samples, name)}
    assert seen == KINDS, "a new document kind must be added to the accessibility tests"


@pytest.mark.parametrize("name", SETS)
def test_every_pdf_passes_the_pdf_checks_and_pdfua(built_samples, name):
    pdfs = files(built_samples, name, "pdf")
    assert pdfs
    for kind, path in pdfs:
        assert describe(a11y.check_pdf(path)) == [], kind
        found = a11y.pdfua_findings(path)
        if found is None:
            pytest.fail("the pdfua checker is not installed (it is in the test extra)")
        assert describe(found) == [], kind


@pytest.mark.parametrize("name", SETS)
def test_every_docx_passes_the_docx_checks(built_samples, name):
    for kind, path in files(built_samples, name, "docx"):
        left = [f for f in a11y.check_docx(path) if (kind, f.rule) not in DOCX_PENDING]
        assert describe(left) == [], kind


def test_pending_docx_findings_are_still_real(built_samples):
    found = {(kind, f.rule) for name in SETS for kind, path in files(built_samples, name, "docx")
             for f in a11y.check_docx(path)}
    fixed = set(DOCX_PENDING) - found
    assert not fixed, f"fixed, so remove from DOCX_PENDING: {sorted(fixed)}"


@pytest.mark.parametrize("name", SETS)
def test_every_html_edition_passes_the_static_checks(built_samples, name):
    for kind, path in files(built_samples, name, "html"):
        assert describe(a11y.check_html(path)) == [], kind


# --- The PDF in detail ----------------------------------------------------------------------

@pytest.fixture(scope="session")
def pack(built_samples) -> Path:
    (path,) = [p for kind, p in files(built_samples, "cabinet-2017-06", "pdf") if kind == "pack"]
    return path


def structure(pdf):
    root = pdf.Root.StructTreeRoot
    kids = root.K if isinstance(root.K, pikepdf.Array) else [root.K]
    return [e for top in kids for e, _ in pdf_checks._pdf_elements(top)]


def test_pdf_catalogue_title_language_and_no_attachments_or_scripts(pack):
    with pikepdf.open(pack) as pdf:
        assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked
        assert str(pdf.Root.Lang) == "en-GB"
        assert str(pdf.docinfo.Title) == "Children's Services Update - Pack"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle
        assert pdf.Root.PageMode == pikepdf.Name.UseOutlines
        assert "/EmbeddedFiles" not in pdf.Root.get("/Names", {})
        assert "/JavaScript" not in pdf.Root.get("/Names", {}) and "/OpenAction" not in pdf.Root
        assert b'pdfuaid:part="1"' in pdf.Root.Metadata.read_bytes()


def test_pdf_headings_bookmarks_and_chart_alt_text(pack, built_samples):
    with pikepdf.open(pack) as pdf:
        elements = structure(pdf)
        headings = [int(str(e.S)[2]) for e in elements if re.fullmatch(r"/H[1-6]", str(e.S))]
        assert headings.count(1) == 2 and a11y.heading_order_problems(headings) == []
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
            nested = [child.title for item in outline.root for child in item.children]
        assert titles == ["Report to Cabinet", "Appendix 1"]   # the papers Cabinet received
        assert "Summary" in nested and "Recommendation" in nested
    (report,) = [p for kind, p in files(built_samples, "childrens-services-2018-q2", "pdf")
                 if kind == "performance-report"]
    with pikepdf.open(report) as pdf:
        figures = [str(e.Alt) for e in structure(pdf) if str(e.S) == "/Figure"]
        assert len(figures) == 2 and all(alt.startswith("Bar chart of the ") for alt in figures)


def test_pdf_tables_have_captions_scoped_headers_and_repeat_their_header_row(pack):
    with pikepdf.open(pack) as pdf:
        tables = [e for e in structure(pdf) if str(e.S) == "/Table"]
        parts_with_head = 0
        for table in tables:
            kids = [str(k.S) for k in pdf_checks._pdf_kids(table) if isinstance(k, pikepdf.Dictionary)]
            assert "/Caption" not in kids or kids.index("/Caption") == 0
            assert "/Table" not in kids  # no nested empty tables around the caption
            parts_with_head += "/THead" in kids
            for cell, _ in pdf_checks._pdf_elements(table):
                if str(cell.S) == "/TH":
                    assert cell.A.Scope in (pikepdf.Name.Column, pikepdf.Name.Row)
        captions = sum(1 for e in structure(pdf) if str(e.S) == "/Caption")
    # 7 scorecard themes + the Report's inline table have a header row; a table that runs
    # onto another page is tagged again there, header row and all.
    assert parts_with_head > 8
    assert captions >= 8


def test_pdf_page_furniture_is_an_artifact(pack):
    with pikepdf.open(pack) as pdf:
        for page in pdf.pages:
            furniture = [op for op in pikepdf.parse_content_stream(page, "BDC")
                         if op.operands[0] == pikepdf.Name.Artifact
                         and op.operands[1].get("/Type") == pikepdf.Name.Pagination]
            assert furniture, "the running title and page number are pagination artifacts"
    assert a11y.check_pdf(pack) == []


def test_finish_tagging_scopes_headers_and_is_reproducible():
    html = ('<html lang="en-GB"><head><title>T</title><style>@page { @bottom-center { '
            'content: "Page " counter(page) } }</style></head><body><h1>T</h1><table>'
            '<caption>C</caption><thead><tr><th scope="col">A</th><th scope="col">B</th></tr>'
            '</thead><tbody><tr><th scope="row">x</th><td>1</td></tr></tbody></table></body>'
            '</html>')
    raw = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    done = finish_tagging(raw)
    assert finish_tagging(raw) == done
    with pikepdf.open(io.BytesIO(done)) as pdf:
        scopes = [str(e.A.Scope) for e in structure(pdf) if str(e.S) == "/TH"]
        assert scopes == ["/Column", "/Column", "/Row"]
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        assert not any(op.operands[0] == pikepdf.Name.Artifact and len(op.operands) == 2
                       for op in pikepdf.parse_content_stream(pdf.pages[0], "BDC"))


# --- The DOCX in detail ---------------------------------------------------------------------

def test_docx_title_language_header_rows_and_alt_text(built_samples):
    for name in SETS:
        for kind, path in files(built_samples, name, "docx"):
            document = docx.Document(path)
            assert document.core_properties.title, kind
            styles = document.styles.element
            lang = styles.find(".//w:docDefaults/w:rPrDefault/w:rPr/w:lang", docx_checks.NS)
            assert lang.get(docx_checks._w("val")) == "en-GB", kind
            alts = [d.get("descr") for d in document.element.iter(f"{{{docx_checks.NS['wp']}}}docPr")]
            if kind == "performance-report":
                assert alts and all(alt.startswith("Bar chart of the ") for alt in alts)
            for table in document.tables:
                if (kind, "docx-table-header") in DOCX_PENDING:
                    continue
                # A header row that repeats, or (the cover) a first column labelling each row.
                assert docx_checks._on(table._tbl.find("w:tr/w:trPr/w:tblHeader", docx_checks.NS)) \
                    or docx_checks._labels_rows(table._tbl), kind


# --- Colour ---------------------------------------------------------------------------------

def test_contrast_ratio_matches_wcag_examples():
    assert a11y.contrast_ratio("000000", "FFFFFF") == pytest.approx(21)
    assert a11y.contrast_ratio("#fff", "FFFFFF") == pytest.approx(1)
    assert a11y.contrast_ratio("767676", "FFFFFF") == pytest.approx(4.54, abs=0.01)
    with pytest.raises(ValueError):
        a11y.relative_luminance("red")


def test_every_colour_pair_of_the_theme_and_stylesheet_meets_wcag():
    pairs = a11y.theme_pairs(TEMPLATES) + a11y.css_pairs((TEMPLATES / "report.css").read_text())
    where = {p.where for p in pairs}
    for status in ("Green", "Amber", "Red", "Monitor", "Unavailable"):
        assert f"theme.toml status {status}: text on colour" in where
    assert {"report.css td.green: text", "report.css .badge.amber: text",
            "report.css .table-wrap:focus: outline", "report.css thead th: text on background",
            "report.css a: text"} <= where
    assert a11y.palette_findings(TEMPLATES) == []


def test_the_palette_check_catches_a_weak_pair(tmp_path):
    (tmp_path / "theme.toml").write_text('[status.Amber]\nsymbol = "●"\ncolour = "FFBF47"\n'
                                         'text = "FFFFFF"\n')
    (tmp_path / "report.css").write_text(":root { --pale: #aaaaaa; }\n.x { color: var(--pale); }"
                                         "\n.y:focus { outline: 2px solid #fd0; }")
    rules = sorted(f.message.split(":")[0] for f in a11y.palette_findings(tmp_path))
    assert rules == ["report.css .x", "report.css .y", "theme.toml status Amber"]


def test_status_is_never_colour_alone(built_samples):
    theme = tomllib.loads((TEMPLATES / "theme.toml").read_text())["status"]
    for name in SETS:
        for _, path in files(built_samples, name, "html"):
            html = path.read_text()
            for cell in re.findall(r'<td class="rag [^"]*"[^>]*>(.*?)</td>', html):
                text = re.sub(r"<[^>]+>", "", cell).strip()
                assert any(text == f"{s['symbol']} {n}" for n, s in theme.items()), text


def test_chart_outlines_meet_graphics_contrast(built_samples):
    charts = 0
    for name in SETS:
        for _, path in files(built_samples, name, "html"):
            for data in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', path.read_text()):
                svg = base64.b64decode(data).decode()
                pairs = a11y.svg_pairs(svg, path.name)
                assert pairs and all(p.ratio >= p.minimum for p in pairs)
                charts += 1
    assert charts >= 3   # one per service area of the two performance reports


# --- The checks catch what they claim to ----------------------------------------------------

def test_heading_order_and_link_text_rules():
    assert a11y.heading_order_problems([1, 2, 3, 2, 3, 1, 2]) == []
    assert a11y.heading_order_problems([2, 3]) == ["the first heading is level 2, not 1"]
    assert a11y.heading_order_problems([1, 3]) == [
        "heading level 3 follows level 1 (a level is skipped)"]
    assert a11y.link_text_problem("Ofsted's inspection framework") is None
    for vague in ("click here", "Here.", "read more", "https://www.gov.uk/x", "www.gov.uk", " "):
        assert a11y.link_text_problem(vague), vague


IMAGE = "data:image/svg+xml;base64," + base64.b64encode(
    b"<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><rect width='10' "
    b"height='10'/></svg>").decode()


def test_html_check_catches_a_poor_page(tmp_path):
    page = tmp_path / "poor.html"
    page.write_text('<html><head><link rel="stylesheet" href="https://cdn.example/x.css">'
                    '</head><body><h2>Results</h2><h4>More</h4><img src="c.png">'
                    '<table><tr><th>A</th></tr></table><div class="table-wrap"><table>'
                    '<caption>C</caption></table></div><a href="https://x.example">click here'
                    '</a></body></html>')
    rules = {f.rule for f in a11y.check_html(page)}
    assert rules == {"html-lang", "html-title", "html-main", "html-skip-link",
                     "html-heading-order", "html-img-alt", "html-table-caption", "html-th-scope",
                     "html-scroll-region", "html-standalone", "html-link-text"}


def test_pdf_check_catches_an_untagged_pdf(tmp_path):
    path = tmp_path / "plain.pdf"
    path.write_bytes(HTML(string=f'<h2>x</h2><img src="{IMAGE}"><table><tr><td>1</td></tr>'
                          '</table>').write_pdf())
    rules = {f.rule for f in a11y.check_pdf(path)}
    assert {"pdf-marked", "pdf-structure", "pdf-lang", "pdf-title", "pdf-display-title",
            "pdf-ua-id"} <= rules


def test_pdf_check_catches_missing_alt_scope_and_header_rows(tmp_path):
    html = ('<html lang="en-GB"><head><title>T</title></head><body><h1>T</h1><h3>Skipped</h3>'
            f'<img src="{IMAGE}">'
            '<table><tbody><tr><td>1</td><td>2</td><td>3</td></tr></tbody></table></body></html>')
    path = tmp_path / "weak.pdf"
    path.write_bytes(HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))
    rules = {f.rule for f in a11y.check_pdf(path)}
    assert {"pdf-heading-order", "pdf-figure-alt", "pdf-table-headers"} <= rules
    untagged_margins = HTML(string='<html lang="en"><head><title>T</title><style>@page { '
                            '@bottom-center { content: "Page " counter(page) } }</style></head>'
                            '<body><h1>T</h1></body></html>').write_pdf(pdf_variant="pdf/ua-1")
    path.write_bytes(untagged_margins)
    assert "pdf-untagged-content" in {f.rule for f in a11y.check_pdf(path)}


def test_docx_check_catches_a_poor_document(tmp_path):
    document = docx.Document()
    document.add_heading("Starts at two", level=2)
    document.add_paragraph("")
    document.add_paragraph("Text after a spacer.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Name"
    path = tmp_path / "poor.docx"
    document.core_properties.title = ""
    document.save(path)
    rules = {f.rule for f in a11y.check_docx(path)}
    assert {"docx-title", "docx-heading-order", "docx-table-header",
            "docx-empty-paragraphs"} <= rules


# --- Links, the checklist and the command line ----------------------------------------------

LINK_REPORT = {"Title": "Links", "Committee": "Cabinet", "Meeting date": "Monday 5 June 2017",
               "Author": "Cabinet Member",
               "Summary": "Read [Ofsted's inspection framework](https://www.gov.uk/ofsted).",
               "Recommendation": "Cabinet note it.", "Press office phone": "01296 382444",
               "Member Services phone": "01296 382343",
               "Member Services email": "democracy@example.gov.uk"}


@pytest.fixture(scope="module")
def link_set(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("links")
    folder = write_set(tmp / "links", [measure("M1", target=90, Theme="Quality")], {"M1": [80, 95]},
                       report=LINK_REPORT,
                       narrative=[("A. Context", "No", None,
                                   "See [click here](https://x.example)."),
                                  (None, "Yes", "Inspections", "### Outcomes\nAll good.")])
    result = build_set(folder, tmp / "out")
    assert result.ok, [p.describe() for p in result.problems]
    return tmp / "out" / "links"


def test_links_are_tagged_described_and_listed_for_review(link_set):
    (report,) = [d for d in json.loads((link_set / "manifest.json").read_text())["documents"]
                 if d["kind"] == "cabinet-report"]
    html = (link_set / report["files"]["html"]).read_text()
    assert '<a href="https://www.gov.uk/ofsted">Ofsted&#39;s inspection framework</a>' in html
    assert [f.rule for f in a11y.check_html(link_set / report["files"]["html"])] == [
        "html-link-text"]
    assert "docx-link-text" in {f.rule for f in a11y.check_docx(link_set / report["files"]["docx"])}
    pdf_findings = a11y.check_pdf(link_set / report["files"]["pdf"])
    assert describe(pdf_findings) == []
    with pikepdf.open(link_set / report["files"]["pdf"]) as pdf:
        links = [a for page in pdf.pages for a in page.obj.get("/Annots", [])
                 if a.Subtype == pikepdf.Name.Link]
        assert {str(a.Contents) for a in links} == {"https://www.gov.uk/ofsted",
                                                    "https://x.example"}
    checklist = (link_set / a11y.CHECKLIST).read_text()
    assert '"Ofsted\'s inspection framework" goes to <https://www.gov.uk/ofsted>' in checklist
    assert '"click here" goes to <https://x.example>' in checklist


def test_build_writes_the_checklist_next_to_the_outputs(built_samples):
    for name in SETS:
        text = (built_samples / name / a11y.CHECKLIST).read_text()
        for document in documents(built_samples, name):
            for file_name in document["files"].values():
                assert f"`{file_name}`" in text
        for topic in ("Reading order", "Link text", "Chart descriptions", "Headings", "Tables"):
            assert topic in text
    text = (built_samples / "childrens-services-2018-q2" / a11y.CHECKLIST).read_text()
    assert "Bar chart of the 8 measures with a RAG in Children's Social Care" in text
    assert "There are no links in these documents" in text


def test_cli_check_accessibility_reports_every_set(built_samples, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(a11y, "browser_unavailable", lambda: "switched off in this test")
    code = main(["check", "--accessibility", "--json", "--out", str(built_samples), *SETS])
    data = json.loads(capsys.readouterr().out)
    assert data["palette"] == []
    assert [s["set"] for s in data["sets"]] == SETS
    for entry in data["sets"]:
        assert entry["accessibility"]["checked"]
        assert entry["accessibility"]["skipped"] == [
            "browser check (axe-core, reflow): switched off in this test"]
        left = [f for f in entry["accessibility"]["findings"]
                if not any(rule == f["rule"] for _, rule in DOCX_PENDING)]
        assert left == []
    assert code == (1 if any(s["accessibility"]["findings"] for s in data["sets"]) else 0)


def test_cli_check_accessibility_says_when_a_set_is_not_built(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["check", "--accessibility", "--out", str(tmp_path), SETS[0]]) == 1
    assert "[not-built]" in capsys.readouterr().out


def test_browser_check_is_required_in_ci():
    """CI installs Chromium (.ci/run) and the test extra: the browser tests must run there."""
    if os.environ.get("CI"):
        assert a11y.browser_unavailable() is None
