"""The PDF: tagged, titled, reproducible, and the engine fetches only bundled assets."""

import pikepdf
import pytest
from weasyprint.urls import FatalURLFetchingError

from reportgen.build import TEMPLATES, rate_report_set
from reportgen.compose import compose_performance_report
from reportgen.read_workbook import require_report_set
from reportgen.render_html import render_html
from reportgen.render_pdf import BundledOnlyFetcher, render_pdf
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


def test_cached_page_references_keep_the_pdf_byte_identical(sample_pdf):
    """The pydyf speed-up (tagging was quadratic in pages) must not change a byte."""
    import pydyf

    from reportgen import render_pdf as module
    html, pdf, _ = sample_pdf
    assert module.PATCHED
    patched = pydyf.PDF.page_references
    original = property(lambda self: tuple(f"{n} 0 R".encode("ascii")
                                           for n in self.pages["Kids"][::3]))
    pydyf.PDF.page_references = original
    try:
        assert render_pdf(html, TEMPLATES) == pdf
    finally:
        pydyf.PDF.page_references = patched
