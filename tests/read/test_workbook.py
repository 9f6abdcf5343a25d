"""Reading the workbooks: the contract's columns, cell parsing, and problems named by cell."""

from decimal import Decimal as D

import openpyxl
import pytest

from reportgen.read.workbook import format_decimals, read_report_set
from tests.conftest import measure, write_set


def problems_of(folder):
    _, problems = read_report_set(folder)
    return problems


def only_error(folder):
    errors = [p for p in problems_of(folder) if p.severity == "error"]
    assert len(errors) == 1, errors
    return errors[0]


def test_sample_sets_read_without_errors():
    from tests.conftest import SAMPLES
    for folder in sorted(SAMPLES.iterdir()):
        if (folder / "outturns.xlsx").exists():
            report_set, problems = read_report_set(folder)
            assert report_set is not None, [p.describe() for p in problems]


def test_text_in_a_number_cell_is_named_by_file_sheet_and_cell(tmp_path):
    folder = write_set(tmp_path / "s", [measure("M1", target="ninety")], {"M1": [80, 90]})
    error = only_error(folder)
    assert (error.where.file, error.where.sheet, error.where.cell) == \
        ("outturns.xlsx", "Measures", "J2")
    assert "'ninety' is not a number" in error.message and "85" in error.fix


def test_text_in_an_outturn_cell_is_named(tmp_path):
    folder = write_set(tmp_path / "s", [measure("M1")], {"M1": [80, "about 90"]})
    error = only_error(folder)
    assert (error.where.sheet, error.where.cell) == ("Outturns", "C2")
    assert "M1" in error.message and "Q2 2017/18" in error.message


def test_missing_sheet_lists_the_sheets_found(tmp_path):
    folder = write_set(tmp_path / "s", [measure("M1")], {"M1": [80, 90]})
    wb = openpyxl.load_workbook(folder / "outturns.xlsx")
    wb["Outturns"].title = "Outturn"
    wb.save(folder / "outturns.xlsx")
    error = only_error(folder)
    assert error.where.file == "outturns.xlsx"
    assert "sheet 'Outturns' is missing" in error.message and "'Outturn'" in error.message


def test_unknown_polarity_is_named(tmp_path):
    folder = write_set(tmp_path / "s", [measure("M1", polarity="Up")], {"M1": [80, 90]})
    error = only_error(folder)
    assert (error.where.sheet, error.where.cell) == ("Measures", "G2")
    assert "High or Low" in error.message


def test_commentary_for_unknown_id_is_an_error(tmp_path):
    folder = write_set(tmp_path / "s", [measure("M1")], {"M1": [80, 90]},
                       commentary=[{"ID": "M9", "Commentary": "lost words"}])
    error = only_error(folder)
    assert (error.where.file, error.where.sheet, error.where.cell) == \
        ("commentary.xlsx", "Commentary", "A2")


def test_duplicate_ids_are_an_error(tmp_path):
    folder = write_set(tmp_path / "s", [measure("M1"), measure(" m1 ")], {"M1": [80, 90]})
    assert "used twice" in only_error(folder).message


def test_headers_match_ignoring_case_spaces_and_a_title_row(tmp_path):
    folder = write_set(tmp_path / "s", [measure("M1")], {"M1": [80, 90]})
    wb = openpyxl.load_workbook(folder / "outturns.xlsx")
    ws = wb["Measures"]
    ws.insert_rows(1)
    ws["A1"] = "Children's services measures 2017/18"
    ws["G2"] = "  good TO be "
    ws["R2"] = "Owner"
    wb.save(folder / "outturns.xlsx")
    report_set, problems = read_report_set(folder)
    assert report_set.measures[0].polarity.value == "High"
    assert [p.where.cell for p in problems if p.severity == "warning"] == ["R2"]


@pytest.mark.parametrize("value, number_format, expected, decimals", [
    (0.95, "0%", D("95"), 0),
    (0.137, "0.0%", D("13.7"), 1),
    (0.0004, "0.00%", D("0.04"), 2),
    (0.57, "0%", D("57"), 0),   # float noise must not move a boundary value
    (95, "General", D("95"), 0),
    ("95%", "General", D("95"), 0),
    (" 95 ", "General", D("95"), 0),
    ("1,241", "General", D("1241"), 0),
    ("95\u00a0%", "General", D("95"), 0),
    (37.5, "General", D("37.5"), 1),
    (89, "0.0", D("89"), 1),
])
def test_numbers_read_in_display_units(tmp_path, value, number_format, expected, decimals):
    folder = write_set(tmp_path / "s", [measure("M1")], {"M1": [None, value]})
    wb = openpyxl.load_workbook(folder / "outturns.xlsx")
    wb["Outturns"]["C2"].number_format = number_format
    wb.save(folder / "outturns.xlsx")
    report_set, problems = read_report_set(folder)
    number = report_set.measures[0].observations[1].number
    assert (number.value, number.decimals) == (expected, decimals)


@pytest.mark.parametrize("fmt, decimals", [
    ("General", None), ("0", 0), ("0.0%", 1), ("#,##0.00", 2), ('0.0" days";[Red]-0.0', 1),
])
def test_format_decimals(fmt, decimals):
    assert format_decimals(fmt) == decimals


@pytest.mark.parametrize("band, expected", [("10%", D("0.1")), (10, D("0.1")), (0.1, D("0.1")),
                                            ("5%", D("0.05"))])
def test_amber_band_forms_all_mean_the_same(tmp_path, band, expected):
    folder = write_set(tmp_path / "s", [measure("M1")], {"M1": [80, 90]},
                       settings={"Amber band": band})
    report_set, _ = read_report_set(folder)
    assert report_set.settings.amber_band == expected


def test_unavailable_words_and_date_period_headers(tmp_path):
    import datetime as dt
    folder = write_set(tmp_path / "s", [measure("M1")], {"M1": [80, "Data currently unavailable"]},
                       periods=[dt.datetime(2016, 3, 31), dt.datetime(2016, 6, 30)])
    report_set, _ = read_report_set(folder)
    assert report_set.periods == ["Mar 2016", "Jun 2016"]
    assert report_set.measures[0].observations[1].unavailable


def test_reporting_period_must_be_a_period_column(tmp_path):
    folder = write_set(tmp_path / "s", [measure("M1")], {"M1": [80, 90]},
                       settings={"Reporting period": "Q3 2017/18"})
    error = only_error(folder)
    assert error.where.sheet == "Settings" and "Q1 2017/18, Q2 2017/18" in error.message


def test_id_typed_as_a_number_reads_as_text(tmp_path):
    folder = write_set(tmp_path / "s", [measure(12)], {12: [80, 90]})
    report_set, _ = read_report_set(folder)
    assert report_set.measures[0].id == "12"


def test_not_a_workbook(tmp_path):
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "outturns.xlsx").write_text("id,value\n")
    (folder / "commentary.xlsx").write_text("x")
    errors = [p for p in problems_of(folder) if p.severity == "error"]
    assert {p.where.file for p in errors} == {"outturns.xlsx", "commentary.xlsx"}
    assert all("save it as" in p.fix for p in errors)


def test_the_cells_a_file_stores_read_as_a_sheet_read_row_by_row(tmp_path):
    """A workbook from a file is read by the cells it stores (Excel writes r="B2" on each);
    one made in memory, or whose cells carry no reference, row by row: the same values."""
    import re
    import zipfile

    from reportgen.errors import Problems
    from reportgen.read.package import stored_cells
    from reportgen.read.workbook import filled_cells, open_workbook

    folder = write_set(tmp_path / "set", [measure("M1", target=90), measure("M2", target=80)],
                       {"M1": [91, 92], "M2": [70, None]})
    path = folder / "outturns.xlsx"
    stored = stored_cells(path)
    assert stored["Outturns"][:3] == [(1, 1), (1, 2), (1, 3)]
    by_file = open_workbook(path, Problems())
    in_memory = openpyxl.load_workbook(path, data_only=True)  # nothing known of its file
    for title in ("Measures", "Outturns"):
        assert filled_cells(by_file[title]) == filled_cells(in_memory[title])
    assert filled_cells(by_file["Outturns"])[3] == {1: "M2", 2: 70}
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            if name.startswith("xl/worksheets/"):
                data = re.sub(rb'(<c\b[^>]*?) r="[A-Z]+[0-9]+"', rb"\1", data)
            archive.writestr(name, data)
    # placed as openpyxl places them (each after the cell before), not read row by row
    assert stored_cells(path)["Outturns"] == stored["Outturns"]
    again = open_workbook(path, Problems())
    in_memory = openpyxl.load_workbook(path, data_only=True)
    for title in ("Measures", "Outturns"):
        assert filled_cells(again[title]) == filled_cells(in_memory[title])
