"""Drafted sentences (compose/draft.py) use units as a reader would: "%" and time units on
every number, other units once (after the target), counts ("Number") none; targets keep the
decimals they were typed with. The seed's own sentences are in tests/test_schemes.py."""

from __future__ import annotations

import pytest

from reportgen.compose.draft import draft_benchmarking, draft_distance, draft_note
from reportgen.compose.performance import format_number, target_text
from reportgen.compose.units import shown_unit
from reportgen.rate import rate_report_set
from reportgen.read.workbook import require_report_set
from tests.conftest import measure, write_set


@pytest.mark.parametrize("unit, shown", [
    ("%", "%"), ("days", "days"), ("per 10,000", "per 10,000"), ("Number", None),
    ("number", None), ("No.", None), ("Count", None), ("", None), (None, None), ("  ", None),
    ("Number of days", "Number of days"),
])
def test_a_count_word_is_no_unit(unit, shown):
    assert shown_unit(unit) == shown


def rated(tmp_path, unit, target, value, polarity="Low", tolerance=None):
    folder = write_set(tmp_path / "s", [measure("M1", unit=unit, target=target,
                                                polarity=polarity, tolerance=tolerance)],
                       {"M1": [None, value]})
    report_set, _ = require_report_set(folder)
    return report_set.measures[0], rate_report_set(report_set)["M1"]


@pytest.mark.parametrize("unit, polarity, target, value, sentence", [
    ("Number", "High", 450, 430, "430 is 20 below the target of 450"),
    ("Number", "Low", 450, 430, "430 is below the target of 450"),
    ("No.", "Low", 450, 470, "470 is 20 above the target of 450"),
    (None, "Low", 450, 470, "470 is 20 above the target of 450"),
    ("days", "Low", 120, 130, "130 days is 10 days above the target of 120 days"),
    ("days", "Low", 6, 7, "7 days is 1 day above the target of 6 days"),
    ("day", "Low", 1, 3, "3 days is 2 days above the target of 1 day"),
    ("Weeks", "High", 2, 1, "1 Week is 1 Week below the target of 2 Weeks"),
    ("per 10,000", "Low", 40.5, 45.7, "45.7 is 5.2 above the target of 40.5 per 10,000"),
    ("%", "Low", 28, 30, "30% is 2% above the target of 28%"),
])
def test_the_distance_sentence_says_units_once_or_never(tmp_path, unit, polarity, target,
                                                         value, sentence):
    m, rating = rated(tmp_path, unit, target, value, polarity)
    first = draft_benchmarking(m, rating, ("Green", "Amber", "Red"))[0]
    assert first == sentence + ". Benchmarking information is not currently available."


def test_a_target_keeps_its_own_decimals_beside_a_precise_value(tmp_path):
    # seed 002: target '82%'; a value typed with three decimals must not make it "82.000%"
    m, rating = rated(tmp_path, "%", 82, 51.125, polarity="High")
    assert draft_distance(m, rating) == "is 30.875% below the target of 82%"


def test_tolerance_target_keeps_the_seed_wording(tmp_path):
    # seed 000: "… is 11% below the tolerance target of 86%"
    m, rating = rated(tmp_path, "%", 100, 75, polarity="High", tolerance=14)
    assert draft_distance(m, rating) == "is 11% below the tolerance target of 86%"


@pytest.mark.parametrize("unit, cell, value", [
    ("Number", "450 (5 tolerance)", "430"), ("days", "450 days (5 days tolerance)", "430 days"),
    ("per 10,000", "450 per 10,000 (5 tolerance)", "430 per 10,000"),
    ("%", "450% (5% tolerance)", "430%"),
])
def test_cells_print_no_count_word_and_a_long_unit_once(tmp_path, unit, cell, value):
    m, rating = rated(tmp_path, unit, 450, 430, tolerance=5)
    assert target_text(m) == cell
    assert format_number(rating.value, unit) == value


def test_the_tolerance_note_says_a_long_unit_once(tmp_path):
    m, rating = rated(tmp_path, "days per 100,000", 450, 470, tolerance=5)
    assert draft_note(m, rating, ("Green", "Amber", "Red")) == (
        "Note: There is a 5 tolerance against the target of 450 days per 100,000 (450-455 = "
        "Green, more than 455 = Amber, more than 500.5 = Red).")
