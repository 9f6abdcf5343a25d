"""Optional parts misspelt or saved as copies are named, not dropped: a "Narative" sheet, a
"commentary (1).xlsx" beside commentary.xlsx."""

from __future__ import annotations

import datetime as dt
import shutil

import openpyxl
import pytest

from reportgen.cli import main
from reportgen.errors import Where
from reportgen.read.workbook import read_report_set
from tests.fuzz.workbooks import small_set

REPORT = {"Title": "Update", "Meeting date": dt.datetime(2017, 6, 5)}  # a cabinet report needs it
NARRATIVE = [("Introduction", "Yes", "Purpose", "This report sets out performance.")]


def warnings_of(folder) -> list:
    report_set, problems = read_report_set(folder)
    assert report_set is not None, [p.describe() for p in problems]
    return [p for p in problems if p.severity == "warning"]


def rename_sheet(path, old: str, new: str) -> None:
    wb = openpyxl.load_workbook(path)
    wb[old].title = new
    wb.save(path)


def add_sheet(path, title: str) -> None:
    wb = openpyxl.load_workbook(path)
    wb.create_sheet(title)["A1"] = "kept here by the officer"
    wb.save(path)


@pytest.mark.parametrize("typed", ["Narative", "Narratives", "Narr ative", "narrativ",
                                   "Narrative (2)"])
def test_a_misspelt_narrative_sheet_is_warned_with_the_name_to_use(tmp_path, typed):
    folder = small_set(tmp_path / "s", narrative=NARRATIVE, report=REPORT)
    rename_sheet(folder / "commentary.xlsx", "Narrative", typed)
    (warning,) = warnings_of(folder)
    assert (warning.where.file, warning.where.sheet) == ("commentary.xlsx", typed)
    assert f"sheet '{typed}' is not one reportgen reads, but looks like 'Narrative'" \
        in warning.message
    assert warning.fix == ("rename the sheet to Narrative if it is the narrative; otherwise "
                           "ignore this warning")


@pytest.mark.parametrize("file, typed, expected", [
    ("outturns.xlsx", "Setting", "Settings"), ("commentary.xlsx", "Reports", "Report"),
])
def test_other_misspelt_optional_sheets_are_warned(tmp_path, file, typed, expected):
    folder = small_set(tmp_path / "s")
    if expected == "Report":
        rename_sheet(folder / file, "Report", typed)
    else:
        add_sheet(folder / file, typed)
    (warning,) = warnings_of(folder)
    assert warning.where.sheet == typed and f"looks like '{expected}'" in warning.message


def test_a_second_copy_of_a_sheet_read_is_warned(tmp_path):
    folder = small_set(tmp_path / "s", narrative=NARRATIVE, report=REPORT)
    add_sheet(folder / "commentary.xlsx", "Narrative (2)")
    (warning,) = warnings_of(folder)
    assert "reportgen reads the sheet 'Narrative'; this one is ignored" in warning.message


def test_a_sheet_of_the_other_workbook_is_warned(tmp_path):
    folder = small_set(tmp_path / "s")
    add_sheet(folder / "outturns.xlsx", "Narrative")
    (warning,) = warnings_of(folder)
    assert warning.where == Where("outturns.xlsx", "Narrative")
    assert "looks like the 'Narrative' sheet of commentary.xlsx" in warning.message
    assert warning.fix.startswith("if it is the narrative, move it to commentary.xlsx")


@pytest.mark.parametrize("title", ["Notes", "Sheet1", "Data", "Lookups", "Summary"])
def test_sheets_far_from_every_name_are_not_warned(tmp_path, title):
    folder = small_set(tmp_path / "s")
    add_sheet(folder / "commentary.xlsx", title)
    assert warnings_of(folder) == []


def test_a_sheet_named_but_for_case_and_spaces_is_read_and_not_warned(tmp_path):
    folder = small_set(tmp_path / "s", narrative=NARRATIVE, report=REPORT)
    rename_sheet(folder / "commentary.xlsx", "Narrative", " narrative ")
    report_set, problems = read_report_set(folder)
    assert list(problems) == [] and report_set.narrative[0].heading == "Purpose"


def test_a_misspelt_required_sheet_is_only_the_missing_sheet_error(tmp_path):
    folder = small_set(tmp_path / "s")
    rename_sheet(folder / "commentary.xlsx", "Commentary", "Commentry")
    _, problems = read_report_set(folder)
    assert [(p.severity, p.fix) for p in problems] == [
        ("error", "rename the sheet 'Commentry' to 'Commentary'")]


@pytest.mark.parametrize("copy, read", [
    ("commentary (1).xlsx", "commentary.xlsx"), ("Copy of outturns.xlsx", "outturns.xlsx"),
    ("outturns v2.xlsx", "outturns.xlsx"), ("commentary - Copy.xlsm", "commentary.xlsx"),
    ("Commentry.xlsx", "commentary.xlsx"),
])
def test_a_copy_of_a_workbook_beside_it_is_warned(tmp_path, copy, read):
    folder = small_set(tmp_path / "s")
    shutil.copy(folder / read, folder / copy)
    (warning,) = warnings_of(folder)
    assert warning.where.file == copy
    assert warning.message == (f"{copy} looks like {read}, but reportgen reads {read}; {copy} "
                               "is ignored")
    assert warning.fix.startswith(f"if {copy} holds the edits to print, rename it {read}")


@pytest.mark.parametrize("other", ["notes.xlsx", "budget 2017.xlsx", "~$commentary.xlsx",
                                   "schemes.toml"])
def test_other_files_are_not_warned(tmp_path, other):
    folder = small_set(tmp_path / "s")
    (folder / other).write_bytes(b"")
    assert [p.message for p in warnings_of(folder) if other in p.message
            and "looks like" in p.message] == []


def test_a_workbook_named_in_another_case_is_read_and_not_warned(tmp_path):
    folder = small_set(tmp_path / "s")
    (folder / "commentary.xlsx").rename(folder / "Commentary.xlsx")
    assert warnings_of(folder) == []


@pytest.mark.parametrize("command", ["check", "build"])
def test_check_and_build_print_the_warning_and_exit_0(tmp_path, capsys, command):
    folder = small_set(tmp_path / "s", narrative=NARRATIVE, report=REPORT)
    rename_sheet(folder / "commentary.xlsx", "Narrative", "Narative")
    shutil.copy(folder / "commentary.xlsx", folder / "commentary (1).xlsx")
    args = [command, str(folder)] + (["--out", str(tmp_path / "out"), "--jobs", "1"]
                                     if command == "build" else [])
    assert main(args) == 0
    out = capsys.readouterr().out
    assert ("warning: commentary.xlsx, sheet 'Narative': sheet 'Narative' is not one reportgen "
            "reads, but looks like 'Narrative'; it is ignored (fix: rename the sheet to Narrative "
            "if it is the narrative; otherwise ignore this warning)") in out
    assert "warning: commentary (1).xlsx: commentary (1).xlsx looks like commentary.xlsx" in out


def test_a_copy_saved_after_a_build_is_warned_by_the_next_build(tmp_path, capsys):
    folder = small_set(tmp_path / "s")
    args = ["build", str(folder), "--out", str(tmp_path / "out"), "--jobs", "1"]
    assert main(args) == 0
    shutil.copy(folder / "commentary.xlsx", folder / "commentary (1).xlsx")
    capsys.readouterr()
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "unchanged since the last build" not in out
    assert "commentary (1).xlsx looks like commentary.xlsx" in out
