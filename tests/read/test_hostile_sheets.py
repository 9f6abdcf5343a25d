"""Sheets and headers as officers leave them: misnamed, reordered, hidden, padded, stray cells."""

from __future__ import annotations

import time

import openpyxl
import pytest
from openpyxl.styles import PatternFill

from reportgen.read.workbook import read_report_set
from tests.conftest import MEASURE_HEADER, measure
from tests.fuzz.workbooks import small_set


def read(folder):
    report_set, problems = read_report_set(folder)
    return report_set, [p for p in problems if p.severity == "error"], \
        [p for p in problems if p.severity == "warning"]


def edit(folder, name, change):
    path = folder / name
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return folder


@pytest.fixture
def good(tmp_path):
    return small_set(tmp_path / "set")


@pytest.mark.parametrize("title, fix", [
    ("Outturn", "rename the sheet 'Outturn' to 'Outturns'"),
    ("Out turns 2017", "rename the sheet 'Out turns 2017' to 'Outturns'"),
    ("Data", "add a sheet named 'Outturns' or rename the right one"),
])
def test_missing_or_misspelled_sheet_lists_what_was_found(good, title, fix):
    edit(good, "outturns.xlsx", lambda wb: setattr(wb["Outturns"], "title", title))
    _, (error,), _ = read(good)
    assert error.message == f"sheet 'Outturns' is missing (found: 'Measures', '{title}')"
    assert error.fix == fix and error.where.file == "outturns.xlsx"


def test_two_sheets_that_both_look_right_are_not_guessed(good):
    def change(wb):
        wb["Outturns"].title = "outturns "
        wb.copy_worksheet(wb["outturns "]).title = "OUTTURNS"
    edit(good, "outturns.xlsx", change)
    _, (error,), _ = read(good)
    assert "sheets 'outturns ' and 'OUTTURNS' both look like 'Outturns'" in error.message


def test_the_exactly_named_sheet_wins_over_a_near_copy(good):
    def change(wb):
        copy = wb.copy_worksheet(wb["Outturns"])
        copy.title = "outturns (old)"
        copy["C2"] = 1
    edit(good, "outturns.xlsx", change)
    report_set, errors, _ = read(good)
    assert not errors and report_set.measures[0].observations[1].number.value == 96


@pytest.mark.parametrize("typed, hint", [
    ("Tolerence", "'Tolerence' in K1 looks like Tolerance"),
    ("Target 2017/18", "'Target 2017/18' in J1 looks like Target"),
    ("Good to  be ", None),  # spaces and case do not matter: no error at all
])
def test_renamed_header_points_at_the_column(good, typed, hint):
    column = "K" if typed == "Tolerence" else "J" if typed.startswith("Target") else "G"
    edit(good, "outturns.xlsx", lambda wb: wb["Measures"].__setitem__(f"{column}1", typed))
    _, errors, _ = read(good)
    if hint is None:
        assert errors == []
    else:
        (error,) = errors
        assert hint in error.message and "name the columns exactly" in error.fix


def test_reordered_columns_read_the_same(tmp_path):
    reference, _, _ = read(small_set(tmp_path / "a"))
    folder = small_set(tmp_path / "b")

    def reorder(wb):  # Measures' columns reversed; Outturns' ID last, periods still in order
        for ws, order in ((wb["Measures"], lambda row: row[::-1]),
                          (wb["Outturns"], lambda row: row[1:] + row[:1])):
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            for r, row in enumerate(rows, start=1):
                for c, value in enumerate(order(row), start=1):
                    ws.cell(row=r, column=c).value = value  # cell(value=None) keeps the old
    edit(folder, "outturns.xlsx", reorder)
    report_set, errors, _ = read(folder)
    assert not errors
    assert report_set.periods == reference.periods

    def by_period(measures):
        return [(m.id, m.name, m.target, m.tolerance, m.polarity,
                 {o.period: o.number for o in m.observations}) for m in measures]
    assert by_period(report_set.measures) == by_period(reference.measures)


def test_period_columns_reversed_are_an_error_not_an_old_period_reported(tmp_path):
    folder = small_set(tmp_path / "b")

    def reverse_periods(wb):
        ws = wb["Outturns"]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row[:1] + row[:0:-1], start=1):
                ws.cell(row=r, column=c).value = value
    edit(folder, "outturns.xlsx", reverse_periods)
    _, errors, _ = read(folder)
    assert [e.message for e in errors] == [
        "period 'Q1 2017/18' is earlier than 'Q2 2017/18' before it"]


def test_duplicated_header_names_both_cells(good):
    edit(good, "outturns.xlsx", lambda wb: wb["Measures"].__setitem__("R1", " target"))
    _, (error,), _ = read(good)
    assert "column 'Target' appears 2 times (J1, R1)" in error.message


def test_title_rows_and_merged_title_above_the_header(good):
    def change(wb):
        for ws in (wb["Measures"], wb["Outturns"]):
            ws.insert_rows(1, amount=3)
            ws["A1"] = "Children's Services measures 2017/18"
            ws.merge_cells("A1:Q1")
            ws["A2"] = "Prepared by the performance team"
    edit(good, "outturns.xlsx", change)
    report_set, errors, warnings = read(good)
    assert (errors, warnings) == ([], [])
    assert [m.id for m in report_set.measures] == ["M1", "M2"]


def test_hidden_sheet_is_read_with_a_warning(good):
    edit(good, "outturns.xlsx", lambda wb: setattr(wb["Measures"], "sheet_state", "hidden"))
    report_set, errors, (warning,) = read(good)
    assert not errors and len(report_set.measures) == 2
    assert warning.message == "sheet 'Measures' is hidden; it is read all the same"


def test_hidden_rows_and_columns_are_included_with_a_warning_naming_them(good):
    def change(wb):
        wb["Measures"].row_dimensions[3].hidden = True
        wb["Outturns"].column_dimensions["B"].hidden = True
    edit(good, "outturns.xlsx", change)
    report_set, errors, warnings = read(good)
    assert not errors and [m.id for m in report_set.measures] == ["M1", "M2"]
    assert [(w.where.sheet, w.where.cell) for w in warnings] == [("Measures", "row 3"),
                                                                 ("Outturns", "B1")]
    assert warnings[0].message.startswith("row 3 is hidden; reportgen reads hidden rows")
    assert warnings[1].message.startswith("column B is hidden")


def test_blank_rows_in_the_middle_and_formatted_empty_rows_at_the_end(tmp_path):
    folder = small_set(tmp_path / "s", measures=[measure("M1"), measure("M2")],
                       outturns={"M1": [80, 90], "M2": [70, 75]})

    def change(wb):
        ws = wb["Measures"]
        ws.insert_rows(3, amount=4)  # blank rows between M1 and M2
        fill = PatternFill("solid", fgColor="FFFF00")
        for row in range(10, 5010):
            for col in (1, 6, 10):
                ws.cell(row=row, column=col).fill = fill
                ws.cell(row=row, column=col).number_format = "0%"
    edit(folder, "outturns.xlsx", change)
    started = time.perf_counter()
    report_set, errors, warnings = read(folder)
    assert time.perf_counter() - started < 10
    assert (errors, warnings) == ([], [])
    assert [m.id for m in report_set.measures] == ["M1", "M2"]


def test_a_stray_cell_far_away_is_named_and_costs_no_time(good):
    edit(good, "outturns.xlsx", lambda wb: wb["Measures"].__setitem__("XFD1048576", "oops"))
    started = time.perf_counter()
    report_set, errors, (warning,) = read(good)
    assert time.perf_counter() - started < 5
    assert not errors and len(report_set.measures) == 2
    assert warning.where.cell == "XFD1048576" and "ignored" in warning.message


def test_values_under_no_period_header_are_named(good):
    edit(good, "outturns.xlsx", lambda wb: wb["Outturns"].__setitem__("E2", 93))
    _, errors, (warning,) = read(good)
    assert not errors and warning.where.cell == "E2"
    assert "outside the table's headed columns are ignored: E2" in warning.message


def test_rows_beyond_the_limit_are_an_error_naming_the_sheet_and_limit(good, monkeypatch):
    monkeypatch.setenv("REPORTGEN_MAX_ROWS", "1")
    _, errors, _ = read(good)
    messages = {(e.where.sheet, e.where.cell): e.message for e in errors}
    assert messages[("Measures", "row 3")].startswith("data below the first 1 rows under the "
                                                       "header (in row 3)")
    assert all("REPORTGEN_MAX_ROWS" in e.fix for e in errors if "first 1 rows" in e.message)


def test_a_measure_far_below_the_data_is_not_silently_lost(good):
    edit(good, "outturns.xlsx", lambda wb: wb["Measures"].append([]) or
         wb["Measures"].cell(row=25_000, column=1, value="M9"))
    _, errors, _ = read(good)
    assert any(e.where.cell == "row 25000" and "20,000" in e.message for e in errors)


def test_header_row_variants_in_commentary(good):
    def change(wb):
        ws = wb["Commentary"]
        ws.insert_rows(1)
        ws["A1"] = "Commentary for Q2"
        ws["A2"], ws["C2"] = " id", "COMMENTARY "
    edit(good, "commentary.xlsx", change)
    report_set, errors, warnings = read(good)
    assert (errors, warnings) == ([], [])
    assert report_set.commentary["M2"].commentary == "Too late."


def test_contract_header_is_unchanged():
    assert MEASURE_HEADER[:6] == ["ID", "Portfolio", "Service area", "Outcome", "Theme",
                                  "Measure"]
