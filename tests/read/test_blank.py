"""`reportgen new SET`: blank workbooks an officer fills in Excel, which then build as they are."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from reportgen.cli import main
from reportgen.read.blank import load_instructions
from reportgen.read.contract import (
    ABOUT, COMMENTARY_COLUMNS, DASHBOARD_COLUMNS, INSTRUCTIONS_SHEET, MEASURE_COLUMNS,
    NARRATIVE_COLUMNS,
    PREVIOUS_WORDS, REPORT_COLUMNS, REPORT_FIELDS, SETTING_COLUMNS, SETTINGS, WORKBOOK_SHEETS,
)


@pytest.fixture
def new_set(tmp_path, capsys):
    folder = tmp_path / "inputs" / "q1-2027"
    assert main(["new", str(folder)]) == 0
    said = capsys.readouterr().out
    assert f"reportgen check {folder}" in said
    return folder


def header(sheet) -> list[str]:
    return [c.value for c in sheet[1] if c.value is not None]


def validations(sheet) -> dict[str, list[str]]:
    """{cell range: allowed values} of a sheet's drop-down lists."""
    return {str(dv.sqref): dv.formula1.strip('"').split(",")
            for dv in sheet.data_validations.dataValidation}


def test_new_writes_every_sheet_and_header_and_no_rows(new_set):
    outturns = load_workbook(new_set / "outturns.xlsx")
    commentary = load_workbook(new_set / "commentary.xlsx")
    for name, book in (("outturns.xlsx", outturns), ("commentary.xlsx", commentary)):
        assert book.sheetnames == [INSTRUCTIONS_SHEET, *WORKBOOK_SHEETS[name]]
    assert header(outturns["Measures"]) == list(MEASURE_COLUMNS)
    assert header(outturns["Outturns"]) == ["ID"]
    assert header(commentary["Commentary"]) == list(COMMENTARY_COLUMNS)
    assert header(commentary["Narrative"]) == list(NARRATIVE_COLUMNS)
    assert header(commentary["Dashboard"]) == list(DASHBOARD_COLUMNS)
    for sheet in (outturns["Measures"], outturns["Outturns"], commentary["Commentary"],
                  commentary["Narrative"], commentary["Dashboard"]):
        assert sheet.max_row == 1, f"{sheet.title} holds rows that could be published"
        assert sheet.freeze_panes in ("A2", "B2")
    settings = outturns["Settings"]
    assert header(settings) == [*SETTING_COLUMNS, ABOUT]
    rows = list(settings.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == list(SETTINGS)
    assert all(r[1] is None for r in rows), "settings must be left at their defaults"
    amber = dict((r[0], r[2]) for r in rows)["Amber band"]
    assert amber.startswith("Default: 10%.")
    report = commentary["Report"]
    assert header(report) == [*REPORT_COLUMNS, ABOUT]
    fields = list(report.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in fields] == list(REPORT_FIELDS)
    assert all(r[1] is None for r in fields)


def test_new_offers_drop_down_lists_where_values_are_fixed(new_set):
    outturns = load_workbook(new_set / "outturns.xlsx")
    commentary = load_workbook(new_set / "commentary.xlsx")
    good = MEASURE_COLUMNS.index("Good to be")
    lists = validations(outturns["Measures"])
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[good]
    assert lists[f"{letter}2:{letter}501"] == ["High", "Low"]
    assert ["default", "compound", "none"] in lists.values()
    assert ["Yes", "No"] in validations(commentary["Narrative"]).values()
    confidential = REPORT_FIELDS.index("Confidential") + 2
    assert validations(commentary["Report"]) == {f"B{confidential}": ["Yes", "No"]}
    assert ["Green", "Amber", "Red"] in validations(commentary["Commentary"]).values()
    settings = validations(outturns["Settings"])
    assert settings[f"B{SETTINGS.index('Roll-up') + 2}"] == ["Mean", "Worst"]


def test_instructions_name_every_column_with_its_meaning(new_set):
    sheet = load_workbook(new_set / "outturns.xlsx")[INSTRUCTIONS_SHEET]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    described = {(r[0], r[1]) for r in rows if r[4]}
    assert {("Measures", c) for c in MEASURE_COLUMNS} <= described
    assert {("Settings", s) for s in SETTINGS} <= described
    good = next(r for r in rows if r[:2] == ("Measures", "Good to be"))
    assert good[3] == "High, Low" and "better" in good[4]
    tolerance = next(r for r in rows if r[:2] == ("Measures", "Tolerance"))
    assert "own unit" in tolerance[4] and "0" in tolerance[2]


def test_instructions_cover_the_whole_contract():
    """A column, setting or report field added to the contract needs its instructions."""
    texts = load_instructions()
    assert set(texts["columns"]["Measures"]) == set(MEASURE_COLUMNS)
    assert set(texts["columns"]["Commentary"]) == {*COMMENTARY_COLUMNS, PREVIOUS_WORDS}
    assert set(texts["columns"]["Narrative"]) == set(NARRATIVE_COLUMNS)
    assert set(texts["columns"]["Dashboard"]) == set(DASHBOARD_COLUMNS)
    assert set(texts["settings"]) == set(SETTINGS)
    assert set(texts["report"]) == set(REPORT_FIELDS)


def test_check_on_a_new_set_says_what_to_fill_first(new_set, capsys):
    assert main(["check", "--json", str(new_set)]) == 1
    problems = json.loads(capsys.readouterr().out)["sets"][0]["problems"]
    said = [(p["sheet"], p["message"]) for p in problems]
    assert ("Measures", "no measures yet") in said
    assert ("Outturns", "no period columns after ID") in said
    assert all(p["severity"] == "error" for p in problems)
    assert "ID, Measure, Good to be, Unit, Target and Tolerance" in problems[0]["fix"]


def test_a_set_filled_in_excel_from_new_builds(new_set, tmp_path, capsys):
    outturns = load_workbook(new_set / "outturns.xlsx")
    measures = outturns["Measures"]
    row = dict.fromkeys(MEASURE_COLUMNS)
    row.update({"ID": "CSC01", "Service area": "Children's Social Care",
                "Measure": "% of assessments completed within 45 working days",
                "Good to be": "High", "Unit": "%", "Target": 86, "Tolerance": 5})
    measures.append(list(row.values()))
    outturns["Outturns"]["B1"] = "Q1 2027/28"
    outturns["Outturns"].append(["CSC01", 70])  # below 81 x 0.9: Red
    outturns["Settings"]["B3"] = "Q1 2027/28"  # Reporting period
    outturns.save(new_set / "outturns.xlsx")
    commentary = load_workbook(new_set / "commentary.xlsx")
    commentary["Commentary"].append(["CSC01", None, "Staff vacancies slowed assessments.",
                                     "Two social workers start in July."])
    commentary["Report"]["B2"] = "Children's Services performance"
    commentary.save(new_set / "commentary.xlsx")
    out = tmp_path / "build"
    assert main(["build", str(new_set), "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "no Report to Cabinet is built" in said
    built = sorted(p.name for p in (out / new_set.name).iterdir())
    paper = "Children's Services performance - Performance report"
    assert {f"{paper}.{kind}" for kind in ("docx", "pdf", "html")} <= set(built)
    manifest = json.loads((out / new_set.name / "manifest.json").read_text())
    assert [m["status"] for m in manifest["measures"]] == ["Red"], built
    assert not any("Pack" in n for n in built)


@pytest.mark.parametrize("held", ["notes.txt", ".hidden"])
def test_new_refuses_a_folder_that_holds_files(tmp_path, capsys, held):
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / held).write_text("officer's work")
    assert main(["new", str(folder)]) == 2
    assert "already holds files" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == [held]


def test_new_fills_an_empty_folder_and_refuses_a_file(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["new", str(tmp_path / "empty")]) == 0
    (tmp_path / "file.xlsx").write_text("x")
    assert main(["new", str(tmp_path / "file.xlsx")]) == 2
    assert "is a file" in capsys.readouterr().err


def test_the_readme_describes_every_column_as_the_instructions_do():
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for sheet in ("Measures", "Commentary", "Narrative", "Dashboard"):
        for column, spec in load_instructions()["columns"][sheet].items():
            assert f"| {column} | {spec['required']} |" in readme, (sheet, column)
            assert spec["meaning"] in readme, (sheet, column)
