"""Composing the report: cell wording, section order, numbering, counts and the chart's text."""

from decimal import Decimal as D

import pytest

from reportgen.rate import rate_report_set

from reportgen.render import TEMPLATES
from reportgen.compose.performance import (
    commentary_flow, compose_performance_report, format_number, target_text,
)
from reportgen.compose.dates import format_date
from reportgen.model import Measure, Number
from reportgen.read.workbook import require_report_set
from tests.conftest import measure, write_set


@pytest.mark.parametrize("value, decimals, unit, text", [
    ("95", 0, "%", "95%"), ("13.7", 1, "%", "13.7%"), ("0.04", 2, "%", "0.04%"),
    ("55", 1, "%", "55.0%"), ("37.5", 1, None, "37.5"), ("463", 0, None, "463"),
    ("3", 0, "days", "3 days"), ("2.5", 0, None, "3"), ("-0.001", 1, None, "0.0"),
])
def test_format_number(value, decimals, unit, text):
    assert format_number(Number(D(value), decimals), unit) == text


@pytest.mark.parametrize("target, tolerance, text", [
    (Number(D(100)), Number(D(5)), "100% (5% tolerance)"),
    (Number(D(20)), Number(D(0)), "20%"),
    (None, Number(D(0)), "Monitor"),
])
def test_target_reads_like_the_seed(target, tolerance, text):
    assert target_text(Measure("M", "m", unit="%", target=target, tolerance=tolerance)) == text


def test_actions_follow_the_commentary_after_their_label():
    flow = commentary_flow("<p>Why.</p>", "Do this.", "Improvement Actions")
    assert [b.text for b in flow] == ["Why.", "Improvement Actions Do this."]
    assert flow[1].runs[0].bold


def test_format_date():
    import datetime as dt
    assert format_date(dt.date(2017, 6, 5)) == "Monday 5 June 2017"


def compose(folder):
    report_set, _ = require_report_set(folder)
    return compose_performance_report(report_set, rate_report_set(report_set))


def test_sections_red_before_amber_numbering_restarts_and_unrated_table(tmp_path):
    folder = write_set(tmp_path / "s", [
        measure("A", "amber one", target=100),          # 95 -> Amber (band 10%)
        measure("R", "red one", target=100),            # 50 -> Red
        measure("G", "green one", target=100),          # 100 -> Green
        measure("N", "monitor one", target=None, polarity=None, unit=None),
        measure("U", "unavailable one", target=90),
    ], {"A": [None, 95], "R": [None, 50], "G": [None, 100], "N": [3, 4], "U": [None, "n/a"]})
    report = compose(folder)
    (part,) = report.parts
    assert [(t.key, [(r.number, r.measure_id) for r in t.rows]) for t in part.tables] == [
        ("good", [(1, "G")]), ("lower", [(1, "R"), (2, "A")]),
        ("unrated", [(1, "N"), (2, "U")])]
    assert (part.rated, part.unavailable) == (3, 1)
    assert part.chart.alt == ("Bar chart of the 3 measures with a RAG: Green 1, Amber 1, Red 1.")
    assert [r.position for r in part.tables[2].rows] == ["4", "Data currently unavailable"]


def test_status_is_word_symbol_and_colour(small_set):
    report = compose(small_set)
    statuses = {r.status.name: r.status for t in report.parts[0].tables for r in t.rows}
    assert statuses["Green"].label == "★ Green" and statuses["Green"].colour
    assert statuses["Red"].label == "■ Red"


def test_position_notes_an_earlier_period(tmp_path):
    folder = write_set(tmp_path / "s", [measure("M1", target=90)], {"M1": [95, None]},
                       settings={"Reporting period": "Q2 2017/18"})
    row = compose(folder).parts[0].tables[0].rows[0]
    assert (row.position, row.position_note[0].text) == ("95%", "Latest available: Q1 2017/18")


def test_benchmarks_without_typed_text(tmp_path):
    folder = write_set(tmp_path / "s", [
        measure("M1", target=90, Stat_neighbours=82, South_East=72, England=77),
        measure("M2", target=90)], {"M1": [None, 95], "M2": [None, 95]})
    rows = compose(folder).parts[0].tables[0].rows
    assert rows[0].benchmarking[0].text == (
        "95% is above the target of 90% and is performing above our Statistical Neighbours "
        "(82%), the South East (72%) and England (77%).")
    assert rows[1].benchmarking[0].text == (
        "95% is above the target of 90%. Benchmarking information is not currently available.")
    assert rows[0].drafted == ("benchmarking",)


@pytest.mark.parametrize("commentary, actions, texts", [
    # seed 002 row CSC05: the officer typed the label with its colon
    ("Why.", "Improvement Actions: Tighten up.", ["Why.", "Improvement Actions: Tighten up."]),
    ("Why.", "Tighten up.", ["Why.", "Improvement Actions Tighten up."]),
    # seed 002 rows EDU03-04: the singular label typed inside the commentary
    ("<p>Why.</p><p>Improvement Action Within the partnership.</p>", None,
     ["Why.", "Improvement Action Within the partnership."]),
])
def test_a_typed_actions_label_is_kept_as_typed_and_bold_like_the_others(commentary, actions,
                                                                         texts):
    flow = commentary_flow(commentary, actions, "Improvement Actions")
    assert [b.text for b in flow] == texts
    label = flow[-1].runs[0]
    assert label.bold and label.text.startswith("Improvement Action")
    assert not flow[0].runs[0].bold


def test_prose_that_starts_with_the_label_word_is_not_a_label():
    flow = commentary_flow("Actions taken in Q2 helped.", None, "Actions:")
    assert not flow[0].runs[0].bold
