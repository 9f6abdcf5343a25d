"""Percentages typed on the wrong scale, as officers type them: never a wrong rating."""

from __future__ import annotations

from decimal import Decimal as D

import openpyxl
import pytest

from reportgen.cli import main
from reportgen.rate import rate_report_set
from reportgen.read.workbook import read_report_set
from tests.conftest import measure
from tests.fuzz.workbooks import small_set


def one_measure(tmp_path, target, values, tolerance=None, **kwargs):
    return small_set(tmp_path / "s", measures=[measure("M1", target=target, tolerance=tolerance,
                                                       **kwargs)],
                     outturns={"M1": list(values)}, commentary=[{"ID": "M1", "Commentary": "x",
                                                                 "Actions": "y"}])


def read(folder):
    report_set, found = read_report_set(folder)
    return report_set, [p for p in found if p.severity == "warning"], \
        [p for p in found if p.severity == "error"]


def test_fractions_with_the_tolerance_in_points_are_rated_as_the_officer_meant(tmp_path):
    # 72% against 80% with 5 points' tolerance: the tolerance target is 75%, so Amber, not
    # Green against a tolerance target of -4.2%
    folder = one_measure(tmp_path, target=0.8, values=(0.93, 0.72), tolerance=5)
    report_set, warnings, errors = read(folder)
    assert errors == []
    (warning,) = warnings
    assert "read as fractions: 0.93 as 93%; tolerance 5 stays 5 points" in warning.message
    assert "Outturns B2, C2; Measures J2" in warning.message
    assert "type them with a % sign (0.93%)" in warning.fix
    rating = rate_report_set(report_set)["M1"]
    assert (rating.status, rating.value.value, rating.tolerance_target) == ("Amber", D(72), D(75))


def test_a_tolerance_typed_as_a_fraction_is_read_as_points_with_its_measure(tmp_path):
    folder = one_measure(tmp_path, target=0.8, values=(0.93, 0.76), tolerance=0.05)
    report_set, (warning,), _ = read(folder)
    assert "tolerance 0.05 as 5 points" in warning.message
    rating = rate_report_set(report_set)["M1"]
    assert (rating.status, rating.tolerance_target) == ("Green", D(75))


def test_a_built_report_prints_the_fractions_as_percentages(tmp_path, capsys):
    folder = one_measure(tmp_path, target=0.8, values=(0.93, 0.72), tolerance=5)
    assert main(["build", str(folder), "--out", str(tmp_path / "out")]) == 0
    assert "read as fractions" in capsys.readouterr().out
    (html,) = (tmp_path / "out" / "s").glob("*erformance*.html")
    text = html.read_text()
    assert "72%" in text and "Amber" in text and "0.72" not in text


def test_one_fraction_among_whole_percentages_stops_the_build_naming_the_cell(tmp_path, capsys):
    folder = one_measure(tmp_path, target=82, values=(85, 0.845))
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "sheet 'Outturns', cell C2" in out
    assert "reads as 0.845%, about 100 times smaller than the measure's other figures" in out
    assert "type 84.5% (or format the cell as a percentage)" in out
    assert main(["build", str(folder), "--out", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out" / "s").exists()


def test_values_typed_as_fractions_beside_a_target_in_percent_name_the_values(tmp_path):
    folder = one_measure(tmp_path, target=80, values=(0.93, 0.72))
    _, _, errors = read(folder)
    assert [(e.where.sheet, e.where.cell) for e in errors] == [("Outturns", "B2"),
                                                                ("Outturns", "C2")]
    assert "type 93%" in errors[0].fix and "type 72%" in errors[1].fix


def test_a_target_typed_as_a_fraction_beside_values_in_percent_names_the_target(tmp_path):
    folder = one_measure(tmp_path, target=0.95, values=(94, 96))
    _, _, (error,) = read(folder)
    assert (error.where.sheet, error.where.cell) == ("Measures", "J2")
    assert "target of M1 reads as 0.95%" in error.message and "type 95%" in error.fix


@pytest.mark.parametrize("typed", ["0.845%", "0.845 %"])
def test_a_small_percentage_typed_with_its_sign_is_taken_as_typed(tmp_path, typed):
    report_set, warnings, errors = read(one_measure(tmp_path, target=82, values=(85, typed)))
    assert errors == [] and warnings == []
    assert report_set.measures[0].observations[1].number.value == D("0.845")


def test_plain_fractions_beside_a_cell_formatted_as_a_percentage_are_named(tmp_path):
    folder = one_measure(tmp_path, target=0.8, values=(0.93, 0.72))
    wb = openpyxl.load_workbook(folder / "outturns.xlsx")
    wb["Outturns"]["C2"].number_format = "0%"  # shows 72%: the officer fixed one cell
    wb.save(folder / "outturns.xlsx")
    _, _, errors = read(folder)
    assert [(e.where.sheet, e.where.cell) for e in errors] == [("Outturns", "B2"),
                                                                ("Measures", "J2")]
    assert "about 100 times smaller than the measure's other figures (about 72%)" \
        in errors[0].message


def test_a_small_stated_percentage_leaves_plain_neighbours_of_its_size_as_typed(tmp_path):
    folder = one_measure(tmp_path, target=0.8, values=(0.93, 0.0072))
    wb = openpyxl.load_workbook(folder / "outturns.xlsx")
    wb["Outturns"]["C2"].number_format = "0.00%"  # shows 0.72%: small percentages, stated
    wb.save(folder / "outturns.xlsx")
    report_set, warnings, errors = read(folder)
    assert errors == [] and warnings == []
    assert [o.number.value for o in report_set.measures[0].observations] == [D("0.93"),
                                                                             D("0.72")]


def test_figures_that_are_all_small_percentages_can_be_confirmed_with_the_sign(tmp_path):
    report_set, warnings, errors = read(one_measure(tmp_path, target="0.5%",
                                                    values=("0.4%", "0.6%")))
    assert errors == [] and warnings == []
    assert [o.number.value for o in report_set.measures[0].observations] == [D("0.4"), D("0.6")]


def test_counts_are_never_read_as_fractions(tmp_path):
    report_set, warnings, errors = read(one_measure(tmp_path, target=0.8, values=(0.93, 0.72),
                                                    unit="days"))
    assert errors == [] and warnings == []
    assert report_set.measures[0].target.value == D("0.8")


@pytest.mark.parametrize("typed", ["12,5", "12,50", "0,845", "1,2345", "12,5%"])
def test_a_decimal_comma_is_an_error_naming_the_cell(tmp_path, typed, capsys):
    folder = one_measure(tmp_path, target=10, values=(11, typed), unit="days")
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "sheet 'Outturns', cell C2" in out and "has a comma that does not separate thousands" \
        in out and "type the number with a decimal point (12.5)" in out


@pytest.mark.parametrize("typed, value", [("1,241", D(1241)), ("12,500", D(12500)),
                                          ("1,234,567.5", D("1234567.5"))])
def test_thousands_separators_still_read(tmp_path, typed, value):
    report_set, _, errors = read(one_measure(tmp_path, target=10, values=(11, typed),
                                             unit="days"))
    assert errors == [] and report_set.measures[0].observations[1].number.value == value


def test_a_fraction_tolerance_beside_a_percentage_target_is_warned_of(tmp_path):
    """Target 24% (text with a % sign, as a percentage-formatted cell), tolerance 0.05: read
    as 0.05 points (Green from 23.95%) where 5% was most likely meant; the officer is told."""
    folder = one_measure(tmp_path, target="24%", values=(20, 16), tolerance=0.05)
    _, warnings, errors = read(folder)
    assert errors == []
    (warning,) = [w for w in warnings if "tolerance" in w.message]
    assert warning.message == ("tolerance 0.05 of M1, beside a target formatted as a "
                               "percentage (24%), is read as 0.05 percentage points")
    assert "type 5%" in warning.fix and warning.where.cell == "K2"


def test_a_small_tolerance_in_points_beside_a_plain_target_is_not_warned_of(tmp_path):
    folder = one_measure(tmp_path, target=24, values=(20, 16), tolerance=0.5)
    _, warnings, _ = read(folder)
    assert [w for w in warnings if "tolerance" in w.message] == []
