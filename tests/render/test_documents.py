"""A long performance report's PDF laid out in chunks, each independently: the same PDF as laid
out whole, the same bytes whatever the number of processes, one tagged structure; and the
chunk cache: an incremental build lays out only what changed, byte-identical to a clean one."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from types import SimpleNamespace

import pikepdf
import pytest

from reportgen.render import documents as documents
from reportgen.accessibility import check_pdf
from reportgen.compose import compose_documents
from reportgen.pipeline import build_set
from reportgen.rate import rate_report_set
from reportgen.render import TEMPLATES
from reportgen.render.pdf_assemble import _kids, _walk, joined
from reportgen.read.workbook import require_report_set
from reportgen.render.documents import finish_pdf, plan_finishes, plan_pieces, render_piece
from reportgen.render.html import render_html as html_of
from reportgen.render.pdf import lay_out_body, render_pdf
from reportgen.run.pool import run_sets
from tests.conftest import measure, write_set

AREAS = ("Social Care", "Education", "Highways", "Waste", "Libraries")


def report(parts: list[int]):
    """A stand-in report with parts of these many rows (all `chunk_plan` looks at)."""
    return SimpleNamespace(parts=[SimpleNamespace(tables=[SimpleNamespace(rows=[0] * n)])
                                  for n in parts])


def test_a_report_under_200_measures_is_laid_out_whole():
    assert documents.chunk_plan(report([50, 60, 80])) == [(0, 3)]
    assert documents.chunk_plan(report([100, 99])) == [(0, 2)]
    assert documents.chunk_starts(report([50, 60, 80])) == set()


def test_chunks_end_at_part_boundaries_once_they_hold_enough_measures():
    assert documents.chunk_plan(report([30, 30, 60, 60, 10, 20])) == \
        [(0, 2), (2, 3), (3, 4), (4, 6)]
    assert documents.chunk_starts(report([30, 30, 60, 60, 10, 20])) == {2, 3, 4}
    many = report([100] * 40)  # 4,000 measures: no more than MAX_CHUNKS chunks
    assert len(documents.chunk_plan(many)) == documents.MAX_CHUNKS


def write_long_set(folder, **kwargs):
    """15 measures in 5 service areas, each with a paragraph of commentary."""
    measures = [measure(f"M{i}", f"% of cases {i} done on time", target=90,
                        Service_area=AREAS[i % 5]) for i in range(15)]
    values = {f"M{i}": [70 + i, 80 + i] for i in range(15)}
    words = [{"ID": f"M{i}", "Commentary": f"<p>Commentary for measure {i}. " + "Words. " * 40
              + "</p>", "Actions": "Review monthly."} for i in range(15)]
    return write_set(folder, measures, values, commentary=words, **kwargs)


def render_chunked_pdf(document, template_dir, cache=None) -> bytes:
    """The document's PDF as a build makes it: each chunk's body, joined and stamped."""
    pieces = plan_pieces([document])
    done = [render_piece(document, piece, "x", template_dir, cache) for piece in pieces]
    (finish,) = plan_finishes([document], pieces, ["x.pdf"], None)
    return finish_pdf([done[i][1] for i in finish.pieces], finish, template_dir, cache)


@pytest.fixture
def long_report(tmp_path, monkeypatch):
    """A 15-measure report in 5 service areas, chunked as if it were long (3 a chunk)."""
    monkeypatch.setenv("REPORTGEN_CHUNK_MEASURES", "3")
    folder = write_long_set(tmp_path / "long")
    report_set, _ = require_report_set(folder)
    document = compose_documents(report_set, rate_report_set(report_set), TEMPLATES)[-1]
    assert len(documents.chunk_plan(document)) == 5
    return folder, document


def page_texts(path) -> list[str]:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True)
    return done.stdout.split("\f")[:-1]


def outline(path) -> list[tuple[int, str]]:
    def walk(items, depth):
        for item in items:
            yield depth, item.title
            yield from walk(item.children, depth + 1)

    with pikepdf.open(path) as pdf, pdf.open_outline() as tree:
        return list(walk(tree.root, 0))


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_the_chunked_pdf_reads_as_the_report_laid_out_whole(long_report, tmp_path):
    _, document = long_report
    chunked = tmp_path / "chunked.pdf"
    whole = tmp_path / "whole.pdf"
    chunked.write_bytes(render_chunked_pdf(document, TEMPLATES))
    whole.write_bytes(render_pdf(html_of(document, TEMPLATES), TEMPLATES))
    texts = page_texts(chunked)
    assert texts == page_texts(whole)              # the same pages, numbers and headers
    assert f"Page {len(texts)} of {len(texts)}" in texts[-1]
    assert all(texts[0].split()[:3] == page.split()[:3] for page in texts)   # running title
    assert outline(chunked) == outline(whole)
    assert outline(chunked)[0][0] == 0 and {d for d, _ in outline(chunked)[1:]} <= {1, 2}


def test_the_chunked_pdf_is_one_tagged_structure(long_report, tmp_path):
    _, document = long_report
    path = tmp_path / "chunked.pdf"
    path.write_bytes(render_chunked_pdf(document, TEMPLATES))
    assert check_pdf(path) == []
    with pikepdf.open(path) as pdf:
        root = pdf.Root.StructTreeRoot
        top = root.K[0] if isinstance(root.K, pikepdf.Array) else root.K
        elements = [e for kid in _kids(top) for e, _ in _walk(kid)]
        ids = [str(e.ID) for e in elements if "/ID" in e]
        assert ids and len(ids) == len(set(ids))   # header cell ids unique across chunks
        headers = {str(h) for e in elements if isinstance(e.get("/A"), pikepdf.Dictionary)
                   and "/Headers" in e.A for h in e.A.Headers}
        assert headers and headers <= set(ids)     # every data cell names real header cells
        pages = {page.objgen for page in pdf.pages}
        assert all(e.Pg.objgen in pages for e in elements if "/Pg" in e)
        nums = root.ParentTree.Nums
        keys = [int(nums[i]) for i in range(0, len(nums), 2)]
        assert len(keys) == len(set(keys))
        assert {int(page.obj.StructParents) for page in pdf.pages} <= set(keys)
        assert parent_tree_mismatches(pdf) == []


def parent_tree_mismatches(pdf: pikepdf.Pdf) -> list[tuple[int, int]]:
    """(page, MCID) of each parent-tree entry that names an element other than the one whose
    /K holds that marked content (or one that holds none): what a screen reader would get
    wrong going from the text on a page to its tag. Checked both ways."""
    held = {}  # (page objgen, mcid) -> the element holding it

    def walk(element):
        for kid in _kids(element):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                assert kid.P.objgen == element.objgen    # each element knows its parent
                walk(kid)
            elif isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:
                held[(kid.get("/Pg", element.get("/Pg")).objgen, int(kid.MCID))] = element.objgen
            elif not isinstance(kid, pikepdf.Dictionary):
                held[(element.Pg.objgen, int(kid))] = element.objgen

    root = pdf.Root.StructTreeRoot
    walk(root)
    nums = root.ParentTree.Nums
    tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    named = {}
    for number, page in enumerate(pdf.pages):
        mapping = tree.get(int(page.obj.get("/StructParents", -1)))
        for mcid, element in enumerate(mapping if isinstance(mapping, pikepdf.Array) else []):
            if isinstance(element, pikepdf.Dictionary):
                named[(page.objgen, mcid)] = (number, element.objgen)
    wrong = [named[key][0:1] + key[1:] for key in named if held.get(key) != named[key][1]]
    return wrong + [(-1, mcid) for key, mcid in ((k, k[1]) for k in held) if key not in named]


def test_a_chunked_set_gives_the_same_files_in_one_process_or_many(long_report, tmp_path):
    folder, _ = long_report
    one = build_set(folder, tmp_path / "one")
    ((_, many),) = run_sets([folder], tmp_path / "many", jobs=3)
    assert one.ok and many.ok
    for path in one.written:
        assert (tmp_path / "many" / folder.name / path.name).read_bytes() == \
            path.read_bytes(), path.name


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_a_long_scorecard_is_chunked_by_outcome_and_reads_as_laid_out_whole(tmp_path,
                                                                           monkeypatch):
    monkeypatch.setenv("REPORTGEN_CHUNK_MEASURES", "3")
    measures = [measure(f"M{i}", f"% of reviews {i} on time", target=90,
                        Outcome=f"Outcome {i % 4}", Theme=f"Theme {i % 2}") for i in range(12)]
    folder = write_set(tmp_path / "themed", measures, {f"M{i}": [70 + i, 80 + i]
                                                       for i in range(12)})
    report_set, _ = require_report_set(folder)
    scorecard = compose_documents(report_set, rate_report_set(report_set), TEMPLATES)[0]
    assert scorecard.kind == "appendix-scorecard"
    assert len(documents.chunk_plan(scorecard)) == 4
    chunked, whole = tmp_path / "chunked.pdf", tmp_path / "whole.pdf"
    chunked.write_bytes(render_chunked_pdf(scorecard, TEMPLATES))
    whole.write_bytes(render_pdf(html_of(scorecard, TEMPLATES), TEMPLATES))
    assert page_texts(chunked) == page_texts(whole)
    assert outline(chunked) == outline(whole)
    assert check_pdf(chunked) == []
    with pikepdf.open(chunked) as pdf:   # every page stays landscape
        assert {tuple(round(float(x)) for x in page.MediaBox[2:]) for page in pdf.pages} == \
            {(842, 595)}


def test_a_large_outcome_is_chunked_at_its_themes_and_reads_as_laid_out_whole(tmp_path,
                                                                               monkeypatch):
    """An outcome larger than a chunk is cut between its themes: the theme that begins a
    chunk begins a printed page, with its heading; the outcome's heading comes once."""
    monkeypatch.setenv("REPORTGEN_CHUNK_MEASURES", "3")
    measures = [measure(f"M{i}", f"% of reviews {i} on time", target=90,
                        Outcome="Outcome big" if i < 8 else f"Outcome {i}",
                        Theme=f"Theme {i // 2}" if i < 8 else "Theme small") for i in range(12)]
    folder = write_set(tmp_path / "themed", measures, {f"M{i}": [70 + i, 80 + i]
                                                       for i in range(12)})
    report_set, _ = require_report_set(folder)
    scorecard = compose_documents(report_set, rate_report_set(report_set), TEMPLATES)[0]
    units = documents.scorecard_units(scorecard)
    assert [u for u in units if u[0] == 0] == [(0, 0, 1), (0, 1, 2), (0, 2, 3), (0, 3, 4)]
    plan = documents.chunk_plan(scorecard)
    inside = [units[start] for start, _ in plan[1:] if units[start][1] > 0]
    assert inside                                    # a chunk begins at a theme, not an outcome
    chunked, whole = tmp_path / "chunked.pdf", tmp_path / "whole.pdf"
    chunked.write_bytes(render_chunked_pdf(scorecard, TEMPLATES))
    whole.write_bytes(render_pdf(html_of(scorecard, TEMPLATES), TEMPLATES))
    texts = page_texts(chunked)
    assert texts == page_texts(whole)
    assert outline(chunked) == outline(whole)
    assert check_pdf(chunked) == []
    for outcome, theme, _ in inside:                # its heading tops a page of its own
        name = scorecard.outcomes[outcome].themes[theme].name
        assert any(name in " ".join(page.split()[:12]) for page in texts[1:]), name
    html = html_of(scorecard, TEMPLATES)
    assert html.count(">Outcome big</h2>") == 1 and html.count('<h3 id="t-') == \
        sum(len(o.themes) for o in scorecard.outcomes)


@pytest.fixture
def packed_long_report(tmp_path, monkeypatch):
    """The long report's set with a Report to Cabinet, so it has a pack (3 measures a chunk)."""
    from tests.compose.test_cabinet import NARRATIVE, REPORT
    monkeypatch.setenv("REPORTGEN_CHUNK_MEASURES", "3")
    return write_long_set(tmp_path / "packed", report=REPORT, narrative=NARRATIVE)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_a_packed_sets_long_report_is_chunked_and_the_pack_reads_as_its_documents(
        packed_long_report, tmp_path):
    folder = packed_long_report
    one = build_set(folder, tmp_path / "one")
    ((_, many),) = run_sets([folder], tmp_path / "many", jobs=3)
    assert one.ok and many.ok, [p.describe() for p in one.problems + many.problems]
    for path in one.written:   # the same bytes in one process or many
        assert (tmp_path / "many" / folder.name / path.name).read_bytes() == \
            path.read_bytes(), path.name
    out = tmp_path / "one" / folder.name
    pdfs = {d["kind"]: out / d["files"]["pdf"]
            for d in json.loads((out / "manifest.json").read_text())["documents"]}
    cabinet_pdf, report_pdf = pdfs["cabinet-report"], pdfs["performance-report"]
    pack_pdf = pdfs["pack"]
    # the report, chunked, reads as the report laid out whole
    report_set, _ = require_report_set(folder)
    document = compose_documents(report_set, rate_report_set(report_set), TEMPLATES)[-1]
    assert document.kind == "performance-report" and len(documents.chunk_plan(document)) == 5
    whole = tmp_path / "whole.pdf"
    whole.write_bytes(render_pdf(html_of(document, TEMPLATES), TEMPLATES))
    assert page_texts(report_pdf) == page_texts(whole)
    assert outline(report_pdf) == outline(whole)
    # the pack is the cabinet report's pages, then the report's, numbered through
    pieces = [page_texts(cabinet_pdf), page_texts(report_pdf)]
    pack = page_texts(pack_pdf)
    assert len(pack) == sum(len(piece) for piece in pieces)
    number = 0
    for piece in pieces:
        for own, page in enumerate(piece, start=1):
            number += 1
            mine = page.replace(f"Page {own} of {len(piece)}", "").split()
            assert pack[number - 1].replace(f"Page {number} of {len(pack)}", "").split() == mine
    # bookmarks: each document's own, side by side, the report's chunks under its title
    tops = [title for depth, title in outline(pack_pdf) if depth == 0]
    assert tops == [outline(cabinet_pdf)[0][1], outline(whole)[0][1]]
    assert outline(pack_pdf) == outline(cabinet_pdf) + outline(whole)
    assert check_pdf(pack_pdf) == [] and check_pdf(report_pdf) == []
    with pikepdf.open(pack_pdf) as pdf:
        assert str(pdf.docinfo.Title).endswith(" - Pack")
        packed_names = {str(n) for n in pdf.Root.Names.Dests.Names[::2]}
    own = []
    for path in (cabinet_pdf, report_pdf):
        with pikepdf.open(path) as pdf:
            own.append({str(n) for n in pdf.Root.Names.Dests.Names[::2]})
    assert "m-M1" in own[1] and "title" in own[0] and "title" in own[1]
    # each document's anchors keep their own name in the pack, as the one-HTML pack's do
    assert packed_names == {f"d1-{n}" for n in own[0]} | {f"d2-{n}" for n in own[1]}


def test_an_incremental_build_lays_out_only_the_chunk_that_changed(long_report, tmp_path):
    folder, _ = long_report
    out = tmp_path / "out"
    assert build_set(folder, out).ok
    cache = out / ".cache" / folder.name
    first = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len([n for n in first if n.startswith("body-")]) == 5   # one body a chunk
    words = [{"ID": f"M{i}", "Commentary": f"<p>Commentary for measure {i}. " + "Words. " * 40
              + ("Changed." if i == 7 else "") + "</p>", "Actions": "Review monthly."}
             for i in range(15)]
    measures = [measure(f"M{i}", f"% of cases {i} done on time", target=90,
                        Service_area=AREAS[i % 5]) for i in range(15)]
    write_set(folder, measures, {f"M{i}": [70 + i, 80 + i] for i in range(15)}, commentary=words)
    assert build_set(folder, out).ok
    second = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    bodies = [n for n in second if n.startswith("body-")]
    assert len(bodies) == 5 and len(set(bodies) - set(first)) == 1   # M7's chunk, laid out again
    assert build_set(folder, tmp_path / "clean").ok                 # the same bytes as clean
    for path in sorted((out / folder.name).iterdir()):
        assert (tmp_path / "clean" / folder.name / path.name).read_bytes() == \
            path.read_bytes(), path.name


def test_force_lays_everything_out_again(long_report, tmp_path):
    folder, _ = long_report
    out = tmp_path / "out"
    assert build_set(folder, out).ok
    stale = out / ".cache" / folder.name / "body-stale.pdf"
    stale.write_bytes(b"not used by this build")
    assert build_set(folder, out, force=True).ok
    assert not stale.exists()
    assert build_set(folder, out).ok and not stale.exists()


def _tagged(html_body: str) -> bytes:
    return lay_out_body(f'<html lang="en-GB"><head><title>t</title></head><body>{html_body}'
                      '</body></html>', TEMPLATES)


def test_words_are_tagged_in_their_paragraph_or_cell_without_a_span_each(tmp_path):
    """WeasyPrint tags every line of text as a /Span of its own that says nothing (two
    thirds of a body's objects): its text is given to its paragraph or cell, in order, and
    the parent tree follows; a paragraph opening with a bold word keeps its spans, so a
    reader taking an element's own text first still reads "Actions:" first."""
    data = _tagged("<h1>Performance</h1><p>One plain paragraph, " + "in words " * 40 + "over lines.</p>"
                   "<p><strong>Actions:</strong> review monthly.</p>"
                   "<table><tr><th>Measure</th><td>Homes built</td></tr></table>")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.StructTreeRoot
        elements = [e for kid in _kids(root) for e, _ in _walk(kid)]
        plain, bold = [e for e in elements if str(e.S) == "/P"]
        assert len(_kids(plain)) > 1 and all(isinstance(k, int) for k in _kids(plain))
        assert [str(k.S) for k in _kids(bold)][0] == "/NonStruct"
        cells = [e for e in elements if str(e.S) in ("/TH", "/TD")]
        assert cells and not [k for cell in cells for k in _kids(cell)
                              if isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/Span"]
        assert parent_tree_mismatches(pdf) == []
    (tmp_path / "x.pdf").write_bytes(data)
    assert check_pdf(tmp_path / "x.pdf") == []


def test_a_row_broken_across_pages_reads_once_in_order_without_its_spans(tmp_path):
    """Cells holding text straight (no paragraph) in rows that break across pages: joined
    into one row, then their spans unwrapped where on the cell's page. Read in structure
    order, as the parity test reads, every word comes once, in the HTML's order."""
    from tests.acceptance.test_parity import html_words, pdf_words

    text = " ".join(f"Sentence {n} of the commentary says what the service did."
                    for n in range(90))
    rows = "".join(f"<tr><th scope='row'>Measure {i}</th><td>{i * 7}%</td><td>{text}</td></tr>"
                   for i in range(1, 6))
    html = ("<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'><title>T</title>"
            "</head><body><h1>T</h1><table><thead><tr><th>Name</th><th>Value</th>"
            f"<th>Commentary</th></tr></thead><tbody>{rows}</tbody></table></body></html>")
    (tmp_path / "x.html").write_text(html, encoding="utf-8")
    (tmp_path / "x.pdf").write_bytes(render_pdf(html, TEMPLATES))
    with pikepdf.open(tmp_path / "x.pdf") as pdf:
        assert len(pdf.pages) > 5 and parent_tree_mismatches(pdf) == []
    assert pdf_words(tmp_path / "x.pdf") == html_words(tmp_path / "x.html")


def test_merged_bookmarks_nest_under_their_own_documents_title():
    def tops(parts, nest=True):
        with joined(parts, nest) as pdf:
            return [(item.title, [child.title for child in item.children])
                    for item in pdf.open_outline().root]

    plain = _tagged("<p>No headings in this part.</p>")
    x, y = _tagged("<h1>X</h1><p>x</p>"), _tagged("<h2>Y</h2><p>y</p>")
    assert tops([x, y]) == [("X", ["Y"])]                              # chunks of one document
    assert tops([x, y], nest=False) == [("X", []), ("Y", [])]               # documents
    # a document whose first part has no bookmark: its later parts stay at the top level
    assert tops([plain, x, y], nest=[False, True, True]) == [("X", []), ("Y", [])]
    assert tops([x, plain, y], nest=[False, False, True]) == [("X", []), ("Y", [])]


@pytest.mark.parametrize("formats, files, bodies", [
    (("docx", "pdf", "html"), 1, 5), (("pdf",), 0, 5), (("docx",), 1, 0), (("html",), 1, 0),
])
def test_only_the_work_the_formats_need_is_planned(long_report, formats, files, bodies):
    """A chunked report: one job for its files (when any is wanted), one per PDF chunk."""
    _, document = long_report
    pieces = plan_pieces([document], formats)
    assert (sum(p.files for p in pieces), sum(p.body for p in pieces)) == (files, bodies)


def test_a_pdf_only_build_lays_out_the_same_pdf_without_writing_html(long_report, tmp_path):
    folder, _ = long_report
    assert build_set(folder, tmp_path / "all").ok
    assert build_set(folder, tmp_path / "pdf", formats=("pdf",)).ok
    pdf_only = sorted(p.name for p in (tmp_path / "pdf" / folder.name).iterdir())
    assert [n for n in pdf_only if n.endswith((".docx", ".html"))] == []
    for name in (n for n in pdf_only if n.endswith(".pdf")):
        assert (tmp_path / "pdf" / folder.name / name).read_bytes() == \
            (tmp_path / "all" / folder.name / name).read_bytes(), name


def test_a_docx_build_lays_out_no_pdf(long_report, tmp_path):
    folder, _ = long_report
    assert build_set(folder, tmp_path / "out", formats=("docx",)).ok
    cache = tmp_path / "out" / ".cache" / folder.name
    assert [p for p in cache.glob("*") if p.name.startswith(("body-", "sheet-"))] == []
    assert [p.suffix for p in (tmp_path / "out" / folder.name).iterdir()
            if p.suffix in (".docx", ".pdf", ".html")] == [".docx"]
