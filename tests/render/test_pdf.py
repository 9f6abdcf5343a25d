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


def split_row_set(tmp_path):
    """Five measures, each with words enough to fill two-thirds of a page: some rows must
    break across pages."""
    from tests.conftest import measure, write_set

    words = " ".join(f"Sentence {n} of the commentary says what the service did." for n in
                     range(60))
    ids = [f"M{n}" for n in range(1, 6)]
    return write_set(tmp_path / "set", [measure(i, name=f"Measure {i} of the service")
                                        for i in ids],
                     {i: [80, 85] for i in ids},
                     commentary=[{"ID": i, "Commentary": words} for i in ids])


def body_rows(path) -> list[tuple[set[int], set[int]]]:
    """For each of the tagged PDF's body rows (TR under TBody), in order: the pages (0-based)
    its marked content is on, and the pages its row header cell's (the name's) is on."""
    with pikepdf.open(path) as doc:
        return _body_rows(doc)


def _body_rows(doc) -> list[tuple[set[int], set[int]]]:
    pages = {page.objgen: n for n, page in enumerate(doc.pages)}
    rows = []

    def kids(element):
        found = element.get("/K")
        return found if isinstance(found, pikepdf.Array) else [found]

    def walk(element, parent=None):
        if isinstance(element, pikepdf.Dictionary) and "/S" in element:
            if str(element.S) == "/TR" and parent == "/TBody":
                rows.append(element)
            for kid in kids(element):
                walk(kid, str(element.S))

    def pages_of(element) -> set[int]:
        found = set()
        for kid in kids(element):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                found |= pages_of(kid)
            elif isinstance(kid, pikepdf.Dictionary):
                found.add(pages[kid.Pg.objgen])
            elif kid is not None:
                found.add(pages[element.Pg.objgen])
        return found

    for top in kids(doc.Root.StructTreeRoot):
        walk(top)
    return [(pages_of(row), pages_of(next(c for c in kids(row) if str(c.S) == "/TH")))
            for row in rows]


def performance_pdf(folder, tmp_path):
    report_set, _ = require_report_set(folder)
    html = render_html(compose_performance_report(report_set, rate_report_set(report_set)),
                       TEMPLATES)
    (tmp_path / "r.html").write_text(html, encoding="utf-8")
    (tmp_path / "r.pdf").write_bytes(render_pdf(html, TEMPLATES))
    return tmp_path / "r.pdf"


def test_a_row_broken_across_pages_is_one_row_a_screen_reader_reads_in_order(tmp_path):
    """WeasyPrint tags the two parts of a broken row as two rows; the finished PDF has one,
    whose cells hold their text on both pages, read as the HTML reads it."""
    from tests.acceptance.test_parity import html_words, pdf_words

    path = performance_pdf(split_row_set(tmp_path), tmp_path)
    rows = body_rows(path)
    assert len(rows) == 5  # one per measure, however many pages a row crosses
    assert any(len(row) > 1 for row, _ in rows)
    assert pdf_words(path) == html_words(tmp_path / "r.html")


@pytest.mark.parametrize("sample", ["split rows", "childrens-services-2017-q2"])
def test_a_page_never_ends_on_a_rows_number_and_rag_with_its_name_overleaf(tmp_path, sample):
    """A broken row starts on a page only where each cell has room for its first lines, so
    every row starts with its name (the 2017/18 sample's row 9 once left "9 88% Amber" at
    the foot of page 4 and its name and words on page 5)."""
    folder = split_row_set(tmp_path) if sample == "split rows" else SAMPLES / sample
    rows = body_rows(performance_pdf(folder, tmp_path))
    late = [row for row, name in rows if min(name) != min(row)]
    assert not late, f"{len(late)} rows start on a page without their name"


def test_rows_of_a_table_without_row_headers_are_never_joined(tmp_path):
    """A Narrative table's rows never break; a row that starts a page with a blank first
    cell is a row of its own, not the rest of the row before."""
    rows = "".join(f"<tr><td>{'' if n % 3 else f'G{n}'}</td><td>Row {n}</td><td>{n}</td></tr>"
                   for n in range(200))
    html = ("<!doctype html><html lang='en-GB'><head><meta charset='utf-8'><title>T</title>"
            "</head><body><h1>T</h1><table><thead><tr><th>Group</th><th>Row</th><th>N</th>"
            f"</tr></thead><tbody>{rows}</tbody></table></body></html>")
    (tmp_path / "t.pdf").write_bytes(render_pdf(html, TEMPLATES))
    with pikepdf.open(tmp_path / "t.pdf") as doc:
        assert len(doc.pages) > 2
        bodies = [e for e in _elements(doc.Root.StructTreeRoot) if str(e.S) == "/TBody"]
        assert sum(1 for body in bodies for kid in body.K if str(kid.S) == "/TR") == 200


def test_no_table_part_is_left_with_only_its_header(tmp_path):
    path = performance_pdf(split_row_set(tmp_path), tmp_path)
    with pikepdf.open(path) as doc:
        tables = [e for e in _elements(doc.Root.StructTreeRoot) if str(e.S) == "/Table"]
        kinds = [{str(k.S) for k in e.K if isinstance(k, pikepdf.Dictionary) and "/S" in k}
                 for e in tables]
    assert tables and all("/TBody" in k for k in kinds), kinds


def _elements(element):
    kids = element.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)
