"""Full pages (issue 14): in every sample PDF each page is at least 80% full (its lowest ink,
running head and footer aside), except a document's last page and a page followed by a
deliberate new start; the Report to Cabinet, Appendix 1 and the two children's services
performance reports take at most 27 pages in all (30 before). Measured by
benchmarks/page_fill.py, which is checked here on pages whose fill is known."""

from __future__ import annotations

import importlib.util
import re
import sys
import zipfile

import pytest

from reportgen.accessibility import check_pdf
from reportgen.compose import compose_documents
from reportgen.pipeline import build_set
from reportgen.rate import rate_report_set
from reportgen.read.workbook import require_report_set
from reportgen.render import TEMPLATES
from reportgen.render.documents import CHUNK_SETTING, chunk_starts
from reportgen.render.pdf import render_pdf
from tests.accessibility.test_outputs import SETS, built_samples, files  # noqa: F401
from tests.conftest import ROOT, SAMPLES, measure, write_set
from tests.render.test_pdf import body_rows

spec = importlib.util.spec_from_file_location("page_fill", ROOT / "benchmarks" / "page_fill.py")
page_fill = sys.modules.setdefault("page_fill", importlib.util.module_from_spec(spec))
spec.loader.exec_module(page_fill)

KINDS = ("performance-report", "appendix-scorecard", "cabinet-report")


def sample_pdfs(built):
    return [(name, kind, path) for name in SETS
            for kind, path in files(built, name, "pdf") if kind in KINDS]


@pytest.mark.parametrize("name", SETS)
def test_every_page_but_a_documents_last_is_at_least_80_percent_full(built_samples, name):
    low = [(path.name, p.number, round(p.fill, 2))
           for set_name, _, path in sample_pdfs(built_samples) if set_name == name
           for p in page_fill.page_fill(path) if not p.exempt and p.fill < 0.8]
    assert low == []


def test_the_four_childrens_services_papers_take_at_most_27_pages(built_samples):
    counted = {(name, kind): len(page_fill.page_fill(path))
               for name, kind, path in sample_pdfs(built_samples)
               if name.startswith("childrens-services") or kind != "performance-report"}
    assert len(counted) == 4, counted
    assert sum(counted.values()) <= 27, counted


def test_a_page_before_a_deliberate_new_start_is_exempt_and_no_other(tmp_path, monkeypatch):
    """Laid out in chunks of three measures, the 2018 report starts Education on a new page
    (the chunk's first part): the page before it may be short, every other page is full."""
    monkeypatch.setenv(CHUNK_SETTING, "3")
    name = "childrens-services-2018-q2"
    assert build_set(SAMPLES / name, tmp_path).ok
    report_set, _ = require_report_set(SAMPLES / name)
    (report,) = [d for d in compose_documents(report_set, rate_report_set(report_set))
                 if d.kind == "performance-report"]
    starts = frozenset(report.parts[i].name for i in chunk_starts(report))
    assert starts == {"Education"}
    (_, pdf), = [f for f in files(tmp_path, name, "pdf") if f[0] == "performance-report"]
    pages = page_fill.page_fill(pdf, starts)
    before = next(p for p in pages[1:] if p.headings[:1] == ("Education",)).number - 1
    assert [p.number for p in pages if p.exempt] == [before, len(pages)]
    assert all(p.fill >= 0.8 for p in pages if not p.exempt)


@pytest.mark.parametrize("share", [0.3, 0.6, 0.95])
def test_page_fill_measures_how_far_down_the_ink_goes(tmp_path, share):
    """Guard: a block filling `share` of the text area (A4 portrait, report.css margins
    16 mm and 18 mm) measures about `share`; the page numbers stamped below do not count."""
    height = (297 - 16 - 18) * share
    html = ('<!DOCTYPE html><html lang="en-GB"><head><title>t</title><style>'
            '@page { size: A4; margin: 16mm 14mm 18mm } body { margin: 0 }</style></head>'
            f'<body><h1 style="margin:0">t</h1><div style="height:{height - 12}mm;'
            'border-bottom:2px solid #000"></div></body></html>')
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(render_pdf(html, TEMPLATES))
    (page,) = page_fill.page_fill(pdf)
    assert page.fill == pytest.approx(share, abs=0.03)
    assert page.exempt  # the last page


def test_a_scorecard_of_long_narratives_fills_its_pages(tmp_path):
    """Each measure's narrative is several paragraphs (as officers write them: 1,500
    characters), so a row is a third of a landscape page or more: such a row may break across
    pages, so no page is left with only an outcome's headings, or a row or two and half a page
    blank, in front of a row that did not fit (33 pages for 40 measures before). The PDF and
    the Word file's rows may both split."""
    words = ("This indicator measures the proportion of cases reviewed within the statutory "
             "timescale. At the end of the quarter the outturn was above the previous period. "
             "Recruitment to vacant posts has been difficult in a competitive market. ")
    narrative = "\n\n".join([words * 2] * 4)
    measures = [measure(f"M{i}", f"% of reviews {i} completed on time", target=90,
                        Outcome=f"Outcome {i // 6}", Theme=f"Theme {i // 3}") for i in range(12)]
    folder = write_set(tmp_path / "long", measures,
                       {f"M{i}": [70 + i, 80 + i] for i in range(12)},
                       commentary=[{"ID": f"M{i}", "Commentary": narrative} for i in range(12)])
    assert build_set(folder, tmp_path / "out").ok
    (_, pdf), = [f for f in files(tmp_path / "out", "long", "pdf")
                 if f[0] == "appendix-scorecard"]
    pages = page_fill.page_fill(pdf)
    assert [(p.number, round(p.fill, 2)) for p in pages if not p.exempt and p.fill < 0.8] == []
    assert check_pdf(pdf) == []
    rows = body_rows(pdf)  # a row that breaks is still one row to a screen reader,
    assert len(rows) == 12 and any(len(row) > 1 for row, _ in rows)
    assert all(min(name) == min(row) for row, name in rows)  # and starts with its name
    (_, docx), = [f for f in files(tmp_path / "out", "long", "docx")
                  if f[0] == "appendix-scorecard"]
    body = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    rows = re.findall(r"<w:tr[ >].*?</w:tr>", body, flags=re.S)
    kept = [row for row in rows if "<w:cantSplit/>" in row]
    assert len(rows) == 12 + 4 and len(kept) < len(rows), \
        "a long narrative's Word row may break across pages"
