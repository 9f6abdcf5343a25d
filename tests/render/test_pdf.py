"""The PDF: tagged, titled, reproducible, and the engine fetches only bundled assets."""

import pikepdf
import pytest
from weasyprint.urls import FatalURLFetchingError

from reportgen.rate import rate_report_set

from reportgen.render import TEMPLATES
from reportgen.compose.performance import compose_performance_report
from reportgen.read.workbook import require_report_set
from reportgen.render.html import render_html
from reportgen.render.pdf import BundledOnlyFetcher, render_pdf
from tests.conftest import SAMPLES


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://127.0.0.1/x.png",
                                 "https://example.org/a.css", "ftp://host/file",
                                 f"file://{TEMPLATES}/../pyproject.toml"])
def test_fetcher_refuses_anything_but_bundled_assets(url):
    with pytest.raises(FatalURLFetchingError):
        BundledOnlyFetcher(TEMPLATES).fetch(url)


def test_fetcher_serves_data_uris_and_bundled_files():
    fetcher = BundledOnlyFetcher(TEMPLATES)
    assert fetcher.fetch("data:text/plain,hi").read() == b"hi"
    assert b"reportgen" in fetcher.fetch(f"file://{TEMPLATES}/report.css").read()


@pytest.fixture(scope="module")
def sample_pdf():
    report_set, _ = require_report_set(SAMPLES / "childrens-services-2018-q2")
    report = compose_performance_report(report_set, rate_report_set(report_set))
    html = render_html(report, TEMPLATES)
    fetcher = BundledOnlyFetcher(TEMPLATES)
    return html, render_pdf(html, TEMPLATES, fetcher), fetcher


def test_pdf_asks_only_for_inline_data(sample_pdf):
    _, _, fetcher = sample_pdf
    assert fetcher.requested and all(u.startswith("data:image/svg+xml") for u in fetcher.requested)


def test_pdf_is_tagged_titled_in_english_and_reproducible(sample_pdf, tmp_path):
    html, pdf, _ = sample_pdf
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    with pikepdf.open(path) as doc:
        assert "/StructTreeRoot" in doc.Root and doc.Root.MarkInfo.Marked
        assert str(doc.Root.Lang) == "en-GB"
        assert str(doc.docinfo.Title).startswith("Children's Services Portfolio")
        assert doc.Root.ViewerPreferences.DisplayDocTitle
        assert "/EmbeddedFiles" not in doc.Root.get("/Names", {})
        assert [float(x) for x in doc.pages[0].MediaBox[2:]] == [pytest.approx(595.28, abs=0.5),
                                             pytest.approx(841.89, abs=0.5)]
    assert render_pdf(html, TEMPLATES) == pdf


def test_the_body_has_no_page_furniture_and_the_stamped_pdf_has_it_as_artifacts(sample_pdf,
                                                                               tmp_path):
    """The body is laid out without margin boxes; `stamp` draws them over each page from the
    margin-only sheet, inside a pagination artifact: the text a reader sees is the page's."""
    import subprocess

    from reportgen.render.pdf import lay_out_body
    html, pdf, _ = sample_pdf
    body, stamped = tmp_path / "body.pdf", tmp_path / "stamped.pdf"
    body.write_bytes(lay_out_body(html, TEMPLATES))
    stamped.write_bytes(pdf)

    def pages(path):
        done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                              text=True, check=True)
        return done.stdout.split("\f")[:-1]
    bare, full = pages(body), pages(stamped)
    assert len(bare) == len(full) > 1
    assert not any("Page 1 of" in page for page in bare)
    for number, page in enumerate(full, start=1):
        assert f"Page {number} of {len(full)}" in page
        assert page.split()[:3] == ["Children's", "Services", "Portfolio"]   # running head
    with pikepdf.open(stamped) as doc:
        for page in doc.pages:
            ops = pikepdf.parse_content_stream(page, "BDC")
            artifacts = [op for op in ops if op.operands[0] == pikepdf.Name.Artifact]
            assert len(artifacts) == 1 and artifacts[0].operands[1].Type == \
                pikepdf.Name.Pagination


def test_a_running_head_is_text_never_css(tmp_path):
    """The sheet sets running strings from attributes: a title that looks like CSS or HTML
    prints as typed."""
    import subprocess

    from reportgen.render.pdf_assemble import Furniture
    from reportgen.render.pdf import lay_out_sheet, sheet_html
    title = '"); } @page { @top-left { content: "pwned" } } <b>x</b> &amp;'
    sheet = tmp_path / "sheet.pdf"
    sheet.write_bytes(lay_out_sheet(sheet_html([Furniture(title, "Confidential", True)],
                                               TEMPLATES), TEMPLATES))
    text = subprocess.run(["pdftotext", str(sheet), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert title in " ".join(text.split()) and "Confidential" in text and "Page 1 of 1" in text
    with pikepdf.open(sheet) as doc:
        assert [round(float(x)) for x in doc.pages[0].MediaBox[2:]] == [842, 595]
