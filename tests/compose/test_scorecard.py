"""The Appendix 1 scorecard (seed 001): grouping, roll-ups, arrows, landscape, header rows."""

from __future__ import annotations

import re
from decimal import Decimal as D
from pathlib import Path

import pikepdf
import pytest

from reportgen.compose import compose_documents

from reportgen.rate import rate_report_set

from reportgen.render import TEMPLATES
from reportgen.compose.scorecard import compose_scorecard
from reportgen.model import Measure, Number, Observation, Polarity
from reportgen.rate.rules import directions, roll_up
from reportgen.read.workbook import require_report_set
from reportgen.render.html import render_html
from reportgen.render.pdf import render_pdf
from tests.conftest import ROOT, SAMPLES, measure, write_set

SEED_001 = ROOT.parent / "shared" / "seeds" / "001_edaf56b414dd380f.txt"


G, A, R = 1, 2, 3   # a status's order in its scheme (Green 1, Amber 2, Red 3)


@pytest.mark.parametrize("orders, method, expected", [
    ([G, R, G, R], "Mean", A),          # seed 001 Quality: 2.0
    ([A, R, R, A], "Mean", R),          # seed 001 Voice of the child: 2.5 rounds up
    ([R, G, G], "Mean", A),             # 1.67 -> 2
    ([G, G, A], "Mean", G),             # 1.33 -> 1
    ([G, A], "Mean", A),                # 1.5 -> 2 (half up)
    ([None, None], "Mean", None),       # nothing rated: "None"
    ([G, None, R], "Mean", A),          # unrated members do not count
    ([G, G, A], "Worst", A),
    ([G, R, G], "Worst", R),
])
def test_roll_up(orders, method, expected):
    assert roll_up(orders, method) == expected


def _measure(values, polarity):
    return Measure("M", "m", polarity=polarity, observations=[
        Observation(str(i), Number(D(v)) if v is not None else None)
        for i, v in enumerate(values)])


@pytest.mark.parametrize("values, polarity, expected", [
    ([70, 80, 80, 60], Polarity.HIGH, [None, "better", "same", "worse"]),
    ([70, 80, 80, 60], Polarity.LOW, [None, "worse", "same", "better"]),
    ([70, None, 80], Polarity.HIGH, [None, None, "better"]),   # a period not reported: 70
    ([70, 80], None, [None, None]),   # Monitor measures get no arrows
])
def test_arrows_compare_with_the_value_before_for_both_polarities(values, polarity, expected):
    assert directions(_measure(values, polarity)) == expected


@pytest.fixture(scope="module")
def scorecard():
    report_set, _ = require_report_set(SAMPLES / "cabinet-2017-06")
    return report_set, compose_scorecard(report_set, rate_report_set(report_set))


def test_theme_and_outcome_rags_match_seed_001(scorecard):
    _, card = scorecard
    (outcome,) = card.outcomes
    assert (outcome.name, outcome.status_label) == \
        ("Vulnerable children are safe and protected from harm", "■ Red")
    assert [(t.name, t.status.name if t.status else "None") for t in outcome.themes] == [
        ("Quality", "Amber"), ("Voice of the child", "Red"), ("Demand", "None"),
        ("Reviewing children's Plans", "Amber"), ("Timeliness of the journey of the child", "Red"),
        ("Sufficiency of children's placements", "Red"), ("Permanency for children", "None")]


def seed_rows() -> list[tuple[int, str]]:
    rows = []
    for line in SEED_001.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*(\d{1,2})[\t ]+([^\t]+?)\t", line)
        if match:
            rows.append((int(match.group(1)), match.group(2).strip()))
    return rows


@pytest.mark.skipif(not SEED_001.exists(), reason="../shared/seeds is not beside the checkout")
def test_all_37_measures_in_the_seed_order(scorecard):
    _, card = scorecard
    ours = [(r.number, r.measure) for o in card.outcomes for t in o.themes for r in t.rows]
    assert len(ours) == 37
    assert ours == seed_rows()


def test_values_keep_their_published_precision_and_arrows(scorecard):
    _, card = scorecard
    rows = {r.number: r for o in card.outcomes for t in o.themes for r in t.rows}
    assert [c.label for c in rows[1].values] == ["→ 71%", "↑ 83%", "↓ 61%", "", ""]
    assert [c.label for c in rows[5].values][:3] == ["↑ 25%", "↓ 33%", "↓ 36%"]  # Low is good
    assert [c.text for c in rows[19].values][:3] == ["37.5", "42.2", "45.0"]
    assert rows[31].target == "55.0%" and rows[20].values[0].text == "463"
    assert rows[4].unavailable and rows[4].values == () and rows[4].status.name == "Unavailable"
    assert card.periods == ("Mar 2016", "Jun 2016", "Sep 2016", "Dec 2016", "Mar 2017")


@pytest.fixture(scope="module")
def scorecard_outputs(scorecard):
    _, card = scorecard
    html = render_html(card, TEMPLATES)
    return html, render_pdf(html, TEMPLATES)


def test_html_repeats_headers_spans_unavailable_rows_and_shows_words(scorecard_outputs):
    html, _ = scorecard_outputs
    assert html.count("<thead>") == 7
    assert '<td colspan="5" class="span">Data currently unavailable</td>' in html
    assert "Theme RAG: None" in html
    assert '<span aria-hidden="true">●</span> Amber</span>' in html
    assert "Arrows compare each value with the one before it in the workbook" in html


def test_pdf_pages_are_landscape_a4(scorecard_outputs, tmp_path):
    _, pdf = scorecard_outputs
    path = tmp_path / "s.pdf"
    path.write_bytes(pdf)
    with pikepdf.open(path) as doc:
        sizes = {tuple(round(float(x)) for x in page.MediaBox[2:]) for page in doc.pages}
    assert sizes == {(842, 595)}


def test_documents_per_set(tmp_path):
    themed = write_set(tmp_path / "t", [measure("M1", target=90, Theme="Quality"),
                                        measure("M2", target=None, polarity=None, Theme="Demand")],
                       {"M1": [80, 95], "M2": [3, 4]})
    plain = write_set(tmp_path / "p", [measure("M1", target=90)], {"M1": [80, 95]})
    monitor_only = write_set(tmp_path / "m", [measure("M1", target=None, polarity=None,
                                                      Theme="Demand")], {"M1": [1, 2]})
    kinds = {}
    for folder in (themed, plain, monitor_only):
        report_set, _ = require_report_set(folder)
        kinds[folder.name] = [d.kind for d in compose_documents(
            report_set, rate_report_set(report_set), TEMPLATES)]
    assert kinds == {"t": ["appendix-scorecard", "performance-report"],
                     "p": ["performance-report"], "m": ["appendix-scorecard"]}


def test_worst_of_setting_and_period_columns(tmp_path):
    folder = write_set(tmp_path / "w", [
        measure("M1", target=90, Theme="Q"), measure("M2", target=90, Theme="Q"),
        measure("M3", target=90, Theme="Q")], {"M1": [95, 95], "M2": [95, 95], "M3": [85, 85]},
        settings={"Roll-up": "Worst", "Period columns": 1})
    report_set, _ = require_report_set(folder)
    card = compose_scorecard(report_set, rate_report_set(report_set))
    assert card.outcomes[0].themes[0].status.name == "Amber"
    assert card.periods == ("Q2 2017/18",)
    assert "worst status" in " ".join(card.legend)
