"""The monthly dashboard (seed 003): the sample set against the seed's own figures, the
Dashboard sheet's blocks and their order, and the dashboard in every format."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from reportgen.compose import compose_documents
from reportgen.document import Charts, Comparison, Dashboard, SuccessTable, Words
from reportgen.pipeline import build_set
from reportgen.rate import rate_report_set
from reportgen.read.workbook import read_report_set, require_report_set
from tests.conftest import SAMPLES, measure, write_set

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "003_b8d068c98965a5fe.txt"
SET = SAMPLES / "childrens-services-2015-01"
MONTHS = ("Apr 2014", "May 2014", "Jun 2014", "Jul 2014", "Aug 2014", "Sep 2014",
          "Oct 2014", "Nov 2014", "Dec 2014", "Jan 2015", "Feb 2015", "Mar 2015")


def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines()


def seed_success_rows() -> dict[str, list[str]]:
    """The seed's success measures rows that the extract kept in place (21 cells: name,
    baseline, 12 months, 3 benchmarks, outturn, target, RAG, next target), by name."""
    lines = seed_lines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Success Measure\t"))
    rows = [line.split("\t") for line in lines[start + 2:] if line.strip()]
    return {cells[0]: cells for cells in rows if len(cells) == 21 and cells[19] in
            ("Red", "Amber", "Green")}


@pytest.fixture(scope="module")
def dashboard() -> Dashboard:
    report_set, _ = require_report_set(SET)
    (document,) = compose_documents(report_set, rate_report_set(report_set))
    return document


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dash")
    result = build_set(SET, out)
    assert result.ok, [p.describe() for p in result.problems]
    return out / SET.name


def test_the_sample_builds_the_dashboard_alone(built):
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert [d["kind"] for d in manifest["documents"]] == ["dashboard"]
    files = manifest["documents"][0]["files"]
    assert sorted(files) == ["docx", "html", "pdf"]
    assert all((built / name).exists() for name in files.values())
    assert manifest["counts"]["measures_in"] == manifest["counts"]["measures_out"] == 9
    assert manifest["counts"]["commentary_in"] == manifest["counts"]["commentary_out"] == 2


def test_the_seven_rags_are_as_published(dashboard):
    (table,) = [b for b in dashboard.blocks if isinstance(b, SuccessTable)]
    published = [next(c for c in line.split("\t") if c in ("Red", "Amber", "Green"))
                 for line in seed_lines() if line.startswith("%")]
    assert published == ["Red", "Red", "Amber", "Green", "Red", "Green", "Red"]
    assert [r.status.name for r in table.rows] == published
    assert [r.status.symbol for r in table.rows] == ["■", "■", "●", "★", "■", "★", "■"]


def test_success_rows_carry_the_seed_figures_cell_for_cell(dashboard):
    (table,) = [b for b in dashboard.blocks if isinstance(b, SuccessTable)]
    assert table.periods == MONTHS
    assert table.baseline_label == "Annex A / Ofsted baseline, June outturn 2014"
    assert table.next_label == "Jan-16 target"
    seed = seed_success_rows()
    assert len(seed) == 5  # rows 1-3, 6 and 7
    for row in table.rows:
        if row.measure not in seed:
            continue
        cells = seed[row.measure]
        printed = [row.measure, row.baseline, *row.values, *row.benchmarks, row.outturn,
                   row.target, row.status.name, row.next_target]
        assert printed == cells, row.measure


def test_pathway_plan_rows_read_as_transcribed(dashboard):
    (table,) = [b for b in dashboard.blocks if isinstance(b, SuccessTable)]
    rows = {r.measure_id: r for r in table.rows}
    for ident, value in (("DB04", "95.0%"), ("DB05", "66.8%")):
        row = rows[ident]
        assert row.values == ("n/a",) * 9 + (value, "", "")
        assert (row.baseline, row.outturn, row.target, row.next_target) == (
            "50%", value, "85.0%", "100%")


def test_comparison_tables_give_each_figure_its_period(dashboard):
    tables = [b for b in dashboard.blocks if isinstance(b, Comparison)]
    assert [[(f.name, f.period, f.value) for f in t.figures] for t in tables] == [
        [("Bucks", "Jan 2015", "29.1"), ("Stat. neighbours", "2014", "34.3"),
         ("South East", "2014", "38.1"), ("National", "2014", "42.1")],
        [("Bucks", "Jan 2015", "37.3"), ("Stat. neighbours", "2014", "37.2"),
         ("South East", "2014", "48.0"), ("National", "2014", "60.0")]]
    assert [t.title for t in tables] == ["Rate per 10,000 subject to a Child Protection Plan",
                                         "Rate per 10,000 Children Looked After"]
    assert [t.status for t in tables] == [None, None]  # Monitor: no target, no RAG
    assert tables[0].words[0].text.startswith("There has been an upward trend since April")


def test_blocks_follow_the_seed_order(built):
    """Every paragraph and table of the seed's text before the success measures table is in
    the HTML in the seed's order (a paragraph whole, a table by its rows' first cells), every
    cell of it somewhere; the success measures table follows them, as in the seed."""
    html = next(built.glob("*.html")).read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&")
    lines = [line for line in seed_lines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith("Success Measure\t"))
    position = text.index("Legend")
    for line in lines[:start]:
        first = line.split("\t")[0].strip()
        position = text.index(first, position)  # raises if out of order or missing
        for cell in filter(None, (c.strip() for c in line.split("\t"))):
            assert cell.replace("Stat. N", "Stat. neighbours") in text, cell
    assert text.index("Success measures", position) < text.index("% repeat referrals",
                                                                  position)


def test_a_trend_chart_for_each_monthly_series(dashboard, built):
    (charts,) = [b for b in dashboard.blocks if isinstance(b, Charts)]
    drawn = [i.measure_id for i in charts.items if i.trend]
    assert drawn == ["DB01", "DB02", "DB03", "DB06"]  # two values or more; 4, 5, 7 have one
    trend = charts.items[0].trend
    assert "Apr 2014 35.0%" in trend.alt and "Jan 2015 31.0%" in trend.alt
    assert "Target 25.0%" in trend.alt and "Stat. neighbours 23.4%" in trend.alt
    html = next(built.glob("*.html")).read_text(encoding="utf-8")
    assert html.count('<figure class="trend-chart"><img src="data:image/svg+xml') == 4
    assert f'alt="{trend.alt}"' in html
    assert "<caption>% repeat referrals: values by month</caption>" in html  # the data table
    with zipfile.ZipFile(next(built.glob("*.docx"))) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    assert xml.count("<pic:pic") == 4 and f'descr="{trend.alt}"' in xml
    checklist = (built / "accessibility-checklist.md").read_text(encoding="utf-8")
    assert checklist.count("Line chart of") == 4 and "no charts" not in checklist


def test_the_dashboard_is_landscape_in_pdf_and_docx(built):
    import pikepdf

    with pikepdf.open(next(built.glob("*.pdf"))) as pdf:
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            assert x1 - x0 > y1 - y0
    with zipfile.ZipFile(next(built.glob("*.docx"))) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    assert 'w:orient="landscape"' in xml
    assert "Current RAG" in xml and "Jan-16 target" in xml


def dashboard_set(tmp_path, rows=None, documents="Dashboard", **extra) -> Path:
    measures = [measure("M1", "% seen", target=0.9, Baseline=0.8, Next_target=0.95),
                measure("M2", "Rate of things", polarity=None, unit=None, target=None,
                        England=4.5, Benchmark_period="2024")]
    return write_set(tmp_path / "s", measures, {"M1": [0.85, 0.92], "M2": [None, 4]},
                     settings={"Documents": documents} if documents else None,
                     commentary=[{"ID": "M1", "Commentary": "Seen more."},
                                 {"ID": "M2", "Commentary": "Steady."}],
                     dashboard=rows, **extra)


def test_without_a_dashboard_sheet_every_measure_is_in_the_success_table(tmp_path):
    report_set, _ = require_report_set(dashboard_set(tmp_path))
    (document,) = compose_documents(report_set, rate_report_set(report_set))
    success, charts = document.blocks
    assert [r.measure_id for r in success.rows] == ["M1", "M2"]
    row = success.rows[0]
    assert (row.baseline, row.values, row.next_target) == ("80%", ("85%", "92%"), "95%")
    assert [i.measure_id for i in charts.items] == ["M1", "M2"]  # M2: its words, no chart
    assert charts.items[1].trend is None and charts.items[1].words[0].text == "Steady."


def test_a_measure_no_block_names_gets_a_success_table(tmp_path):
    rows = [("Comparison", "M2", None, None), ("Text", None, "Notes", "Some **words**.")]
    report_set, _ = require_report_set(dashboard_set(tmp_path, rows))
    (document,) = compose_documents(report_set, rate_report_set(report_set))
    kinds = [type(b) for b in document.blocks]
    assert kinds == [Comparison, Words, SuccessTable, Charts]
    assert [r.measure_id for r in document.blocks[2].rows] == ["M1"]
    assert document.blocks[0].figures[1].period == "2024"
    assert document.blocks[1].flow[0].runs[1].bold


def test_a_success_table_left_with_no_measures_is_warned_of(tmp_path):
    rows = [("Comparison", "M1", None, None), ("Comparison", "M2", None, None),
            ("Success measures", None, "Our measures", None)]
    report_set, problems = require_report_set(dashboard_set(tmp_path, rows))
    (warning,) = [p for p in problems if "no measures to show" in p.message]
    assert (warning.where.sheet, warning.where.cell) == ("Dashboard", "row 4")
    (document,) = compose_documents(report_set, rate_report_set(report_set))
    assert [type(b) for b in document.blocks] == [Comparison, Comparison]


def test_a_rated_measure_compared_shows_its_target_and_rag(tmp_path):
    rows = [("Comparison", "M1", None, None), ("Success measures", None, None, None)]
    report_set, _ = require_report_set(dashboard_set(tmp_path, rows))
    (document,) = compose_documents(report_set, rate_report_set(report_set))
    compared = document.blocks[0]
    assert (compared.target, compared.status.name, compared.status.symbol) == ("90%", "Green",
                                                                               "★")
    result = build_set(report_set.folder, tmp_path / "out")
    assert result.ok, [p.describe() for p in result.problems]
    html = next((tmp_path / "out" / "s").glob("*.html")).read_text(encoding="utf-8")
    assert '<th scope="col">RAG</th>' in html and "★</span> Green</td>" in html


def test_benchmark_periods_and_notes_are_never_lost(tmp_path):
    """One period for the table's figures heads their columns; periods that differ go beside
    each figure; Benchmark notes print under the table."""
    measures = [measure("M1", "% seen", target=90, England=80, Benchmark_period="2014"),
                measure("M2", "% done", target=90, England=70, Benchmark_period="2013/14",
                        Benchmark_note="(DfE, provisional)")]
    folder = write_set(tmp_path / "s", measures, {"M1": [85, 92], "M2": [80, 81]},
                       settings={"Documents": "Dashboard"})
    report_set, _ = require_report_set(folder)
    (document,) = compose_documents(report_set, rate_report_set(report_set))
    table = document.blocks[0]
    assert table.benchmark_names[2] == "National"
    assert [r.benchmarks[2] for r in table.rows] == ["80% (2014)", "70% (2013/14)"]
    assert table.notes == ("% done: (DfE, provisional)",)
    one = write_set(tmp_path / "t", measures[:1], {"M1": [85, 92]},
                    settings={"Documents": "Dashboard"})
    report_set, _ = require_report_set(one)
    (document,) = compose_documents(report_set, rate_report_set(report_set))
    assert document.blocks[0].benchmark_names[2] == "National 2014"
    assert document.blocks[0].rows[0].benchmarks[2] == "80%"


def test_a_typed_benchmark_period_leaves_the_performance_report_as_it_was(tmp_path):
    """The drafted benchmarking sentence adds the Benchmark note only for figures read from
    published statistics, as before the column existed."""
    def drafted(**extra):
        folder = write_set(tmp_path / str(len(extra)), [measure(
            "M1", "% seen", target=90, England=80, Benchmark_note="(2014)", **extra)],
            {"M1": [85, 92]})
        report_set, _ = require_report_set(folder)
        (document,) = compose_documents(report_set, rate_report_set(report_set))
        return document.parts[0].tables[0].rows[0].benchmarking
    assert drafted() == drafted(Benchmark_period="2014")


@pytest.mark.parametrize("rows, cell, words", [
    ([("Scorecard", None, None, None)], "A2", "not a dashboard block"),
    ([("Comparison", "M1, M2", None, None)], "B2", "names 2 measures"),
    ([("Success measures", "M1, M9", None, None)], "B2", "'M9'"),
    ([(None, None, None, "Orphan words")], "A2", "has no Block"),
    ([("Text", "M1", None, "Words")], "B2", "Text block shows no measures"),
    ([("Success measures", "M1", None, None), ("Comparison", "M1", None, None)], "B3",
     "M1 is shown already (Dashboard B2)"),
    ([("Charts", None, None, None), ("Charts", None, None, None)], "A3", "second Charts"),
    ([("Success measures", None, None, None), ("Success measures", None, None, None)], "B3",
     "second Success measures row"),
    ([("Comparison", "M2", None, None), ("Charts", "M2", None, None)], "B3",
     "no Success measures table holds"),
    ([("Comparison", "M2", None, "Words under it")], "D2", "these words would be lost"),
])
def test_a_bad_dashboard_row_is_an_error_naming_its_cell(tmp_path, rows, cell, words):
    _, problems = read_report_set(dashboard_set(tmp_path, rows))
    (error,) = [p for p in problems if p.severity == "error"]
    assert (error.where.file, error.where.sheet, error.where.cell) == (
        "commentary.xlsx", "Dashboard", cell)
    assert words in error.message and error.fix


def test_a_dashboard_sheet_left_out_of_documents_is_warned_of(tmp_path):
    folder = dashboard_set(tmp_path, [("Text", None, None, "Words")],
                           documents="Performance report")
    _, problems = read_report_set(folder)
    (warning,) = [p for p in problems if "Dashboard sheet" in p.message]
    assert warning.where.sheet == "Settings" and "Dashboard" in warning.fix


def test_a_dashboard_sheet_makes_a_dashboard_without_a_documents_setting(tmp_path):
    report_set, _ = require_report_set(dashboard_set(tmp_path, [("Success measures", None,
                                                                 None, None)], documents=None))
    kinds = [d.kind for d in compose_documents(report_set, rate_report_set(report_set))]
    assert kinds[-1] == "dashboard"


def test_dashboard_words_are_data_in_every_format(tmp_path):
    hostile = "<script>alert(1)</script> {{ 7*7 }} $\\frac{1}{2}$ & {% if %}"
    folder = dashboard_set(tmp_path, [("Text", None, hostile, hostile),
                                      ("Success measures", None, None, None)])
    result = build_set(folder, tmp_path / "out")
    assert result.ok, [p.describe() for p in result.problems]
    out = tmp_path / "out" / "s"
    html = next(out.glob("*.html")).read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html
    with zipfile.ZipFile(next(out.glob("*.docx"))) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in xml and "49" not in xml.split("alert")[1][:40]


def test_baseline_and_next_target_share_the_measure_scale(tmp_path):
    """Fractions typed in plain cells are read as fractions for every figure, baseline and
    next target included (0.8 is 80%), never as 0.8%."""
    report_set, problems = require_report_set(dashboard_set(tmp_path))
    m1 = report_set.measures[0]
    assert (m1.baseline.value, m1.next_target.value) == (80, 95)
    assert any("read as fractions" in p.message for p in problems)


def test_the_dashboard_beside_other_documents_and_in_the_pack(tmp_path):
    """From the same workbooks: a performance report, the dashboard (files named "… -
    Dashboard" after the Title) and a pack joining the portrait and landscape pages."""
    import pikepdf

    folder = dashboard_set(tmp_path, [("Success measures", None, None, None)],
                           documents="Performance report, Dashboard, Pack",
                           report={"Title": "Monthly performance", "Committee": "Cabinet"})
    result = build_set(folder, tmp_path / "out")
    assert result.ok, [p.describe() for p in result.problems]
    out = tmp_path / "out" / "s"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [d["kind"] for d in manifest["documents"]] == ["performance-report", "dashboard",
                                                          "pack"]
    assert manifest["documents"][1]["files"]["pdf"] == (
        "Cabinet - Monthly performance - Dashboard.pdf")
    with pikepdf.open(out / "Cabinet - Monthly performance - Pack.pdf") as pack:
        shapes = [float(p.mediabox[2]) > float(p.mediabox[3]) for p in pack.pages]
    assert shapes[0] is False and shapes[-1] is True  # the report portrait, the dashboard not
    assert [m["baseline"] for m in manifest["measures"]] == [80, None]
    assert [m["next_target"] for m in manifest["measures"]] == [95, None]


def test_a_dashboard_sheet_without_its_optional_columns_reads(tmp_path):
    """Only Block is required: without Measures or Text columns, problems still name a cell
    (or the row), never a failure."""
    import openpyxl

    folder = dashboard_set(tmp_path, [("Success measures", None, None, None)])
    book = openpyxl.load_workbook(folder / "commentary.xlsx")
    sheet = book["Dashboard"]
    sheet.delete_cols(2)  # Measures
    sheet.append(["Comparison", "A title", None])
    sheet.append(["Text", "Only a heading", None])
    book.save(folder / "commentary.xlsx")
    _, problems = read_report_set(folder)
    (error,) = [p for p in problems if p.severity == "error"]
    assert "names 0 measures" in error.message and error.where.cell == "row 3"
    (warning,) = [p for p in problems if "has no Text" in p.message]
    assert warning.where.cell == "C4"


def test_a_compared_measure_keeps_its_note_override_and_region(tmp_path):
    measures = [measure("M1", "% seen", target=None, polarity=None, England=80,
                        South_East=60, Benchmark_note="(DfE, 2014)")]
    folder = write_set(tmp_path / "s", measures, {"M1": [85, 92]},
                       settings={"Documents": "Dashboard", "Region": "London"},
                       commentary=[{"ID": "M1", "RAG override": "Green",
                                    "Override reason": "Ahead of plan."}],
                       dashboard=[("Comparison", "M1", None, None)])
    report_set, _ = require_report_set(folder)
    (document,) = compose_documents(report_set, rate_report_set(report_set))
    (compared,) = document.blocks
    assert [(f.name, f.value) for f in compared.figures] == [
        ("Council", "92%"), ("London", "60%"), ("National", "80%")]
    assert (compared.target, compared.status.name) == ("Monitor", "Green")
    texts = [block.text for block in compared.words]
    assert texts[-1] == "(DfE, 2014)" and any("Ahead of plan." in t for t in texts)
