"""The sample sets rebuild seeds 000 and 002: same tables, rows, order, targets and RAG.

The expected rows are copied from the published papers in ../shared/seeds, not from our own
output. DOCX, HTML and PDF must all carry them (parity).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest

from reportgen.pipeline import build_set
from tests.conftest import SAMPLES

GOOD = "Key areas of good performance"
LOWER = "All areas of lower than expected performance (Red or Amber)"

# (table, [(number, measure, target, current position, RAG)]) as printed in the seeds.
SEED_000 = [
    (GOOD, [
        (1, "% of children subject to a Child Protection (CP) Plan seen in the last 4 weeks",
         "100% (5% tolerance)", "95%", "Green"),
        (2, "% of CLA (Children Looked After) have their reviews completed on time",
         "100% (5% tolerance)", "97%", "Green"),
        (3, "% ICPC (Initial Child Protection Conference) held within 15 working days of the "
            "strategy discussion", "100% (18% tolerance)", "89%", "Green"),
    ]),
    (LOWER, [
        (1, "% repeat referrals", "20%", "35%", "Red"),
        (2, "% assessments completed in 45 working days", "100% (14% tolerance)", "75%", "Red"),
        (3, "% of children subject to a Child Protection Plan lasting 2 years or more", "2%", "3%",
         "Red"),
        (4, "% of children who became the subject of a child protection plan for a second or "
            "subsequent time", "18%", "23%", "Red"),
        (5, "% of children in care placed with own provision", "24%", "16%", "Red"),
        (6, "% of Children Looked After (CLA) in residential care", "10%", "12%", "Red"),
        (7, "% of children waiting <14 months between entering care and moving in with their "
            "adoptive family", "100%", "50%", "Red"),
        (8, "% of Children in Need (CIN) reviewed in time (not including Child Protection, "
            "Children Looked After)", "100% (15% tolerance)", "81%", "Amber"),
        (9, "% of Children in Need (not including CP, CLA) seen in the last 6 weeks",
         "100% (5% tolerance)", "88%", "Amber"),
        (10, "% Children Looked After (CLA) seen in the last 6 weeks", "100% (5% tolerance)",
         "93%", "Amber"),
    ]),
]

SEED_002 = [
    (GOOD, [
        (1, "% of Children who became the subject of a Child Protection Plan for a second or "
            "subsequent time", "19%", "13.7%", "Green"),
    ]),
    (LOWER, [
        (1, "% assessments completed in 45 working days", "82%", "51%", "Red"),
        (2, "% ICPC (Initial Child Protection Conference) held within 15 working days of the "
            "strategy discussion", "80%", "68%", "Red"),
        (3, "% repeat referrals within 12 months", "28%", "30%", "Red"),
        (4, "% Children Looked After (CLA) seen in the last 6 weeks", "91%", "80%", "Red"),
        (5, "% of CLA living more than 20 miles from home", "47%", "55%", "Red"),
        (6, "% of children waiting less than 14 months between entering care and moving in with "
            "their adoptive family", "75%", "39%", "Red"),
        (7, "% of care leavers in employment, education, or training (EET)", "60%", "57%",
         "Amber"),
    ]),
    (GOOD, [
        (1, "Key Stage 1 - % of pupils reaching the expected standard in reading", "79%", "79%",
         "Green"),
        (2, "Key Stage 1 - % of pupils reaching the expected standard in writing", "69%", "72%",
         "Green"),
        (3, "Key Stage 1 - % of pupils reaching the expected standard in mathematics", "76%",
         "78%", "Green"),
        (4, "Key Stage 2 - % of pupils reaching the expected standard in reading, writing and "
            "mathematics", "64%", "66%", "Green"),
    ]),
    (LOWER, [
        (1, "Permanent exclusion rate - primary", "0.03%", "0.04%", "Red"),
        (2, "Permanent exclusion rate - secondary", "0.17%", "0.25%", "Red"),
    ]),
]

SEEDS = {"childrens-services-2017-q2": SEED_000, "childrens-services-2018-q2": SEED_002}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    results = {name: build_set(SAMPLES / name, out) for name in SEEDS}
    for result in results.values():
        assert result.ok, [p.describe() for p in result.problems]
    return out


def document_files(built, name):
    manifest = json.loads((built / name / "manifest.json").read_text())
    (doc,) = [d for d in manifest["documents"] if d["kind"] == "performance-report"]
    return {ext: built / name / path for ext, path in doc["files"].items()}


def docx_tables(path: Path):
    """Return [(heading above, [(number, measure, target, position first line, RAG word)])]."""
    document = docx.Document(path)
    body, tables, heading = document.element.body, [], None
    by_element = {t._tbl: t for t in document.tables}
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            if text.strip():
                heading = text.strip()
        elif child in by_element:
            rows = []
            for row in by_element[child].rows[1:]:
                cells = [c.text.strip() for c in row.cells]
                rows.append((int(cells[0]), cells[1], cells[2], cells[3].splitlines()[0],
                             cells[4].split()[-1]))
            tables.append((heading, rows))
    return tables


@pytest.mark.parametrize("name", SEEDS)
def test_docx_tables_reproduce_the_seed(built, name):
    assert docx_tables(document_files(built, name)["docx"]) == SEEDS[name]


class _Rows(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.cell, self.current, self.in_body = [], None, None, False

    def handle_starttag(self, tag, attrs):
        if tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.current = []
        elif tag in ("td", "th") and self.current is not None:
            self.cell = []
        elif self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None and self.current is not None:
            self.current.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.current is not None:
            self.rows.append(self.current)
            self.current = None
        elif tag == "tbody":
            self.in_body = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


@pytest.mark.parametrize("name", SEEDS)
def test_html_carries_the_same_rows(built, name):
    parser = _Rows()
    parser.feed(document_files(built, name)["html"].read_text(encoding="utf-8"))
    got = [(int(r[0]), r[1], r[2], r[3].split(" ")[0], r[4].split()[-1]) for r in parser.rows]
    assert got == [row for _, rows in SEEDS[name] for row in rows]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")
@pytest.mark.parametrize("name", SEEDS)
def test_pdf_carries_the_same_rows_in_order(built, name):
    pdf = document_files(built, name)["pdf"]
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    at = 0
    for _, rows in SEEDS[name]:
        for number, measure, target, position, rag in rows:
            first_words = " ".join(measure.split()[:4])
            found = flat.find(first_words, at)
            assert found >= 0, f"{measure!r} not found after position {at}"
            assert re.search(re.escape(rag), flat[found:found + 1500])
            at = found + 1


@pytest.mark.parametrize("name", SEEDS)
def test_manifest_counts_and_statuses(built, name):
    manifest = json.loads((built / name / "manifest.json").read_text())
    expected = [(row[4], row[0]) for _, rows in SEEDS[name] for row in rows]
    placed = sorted((m["status"], m["position"]) for m in manifest["measures"])
    assert placed == sorted(expected)
    counts = manifest["counts"]
    assert counts["measures_in"] == counts["measures_out"] == len(expected)
    assert counts["commentary_in"] == counts["commentary_out"] > 0
    assert {m["section"] for m in manifest["measures"]} == {"good", "lower"}
    assert all(isinstance(m["id"], str) for m in manifest["measures"])


def test_seed_002_heading_value_note_and_actions_label(built):
    html = document_files(built, "childrens-services-2018-q2")["html"].read_text()
    assert '<h1 id="title">Children&#39;s Services Portfolio - Cllr. Warren Whyte</h1>' in html
    assert "This result is for the academic year 2016/17 because the data runs one year behind." \
        in html
    assert "<strong>Improvement Actions</strong> Child Protection Advisors" in html
    assert html.index("<h2 id=\"part-1\">Children&#39;s Social Care</h2>") < \
        html.index("<h2 id=\"part-2\">Education</h2>")


def test_seed_000_has_no_portfolio_heading_and_escapes_text(built):
    html = document_files(built, "childrens-services-2017-q2")["html"].read_text()
    assert "Portfolio -" not in html
    assert "waiting &lt;14 months" in html
    assert "<strong>Actions:</strong> A refreshed multi-agency" in html
