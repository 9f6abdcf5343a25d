"""Commentary returns (`reportgen collect`, read back by build and check) and the chase list
(`reportgen status`), used as an officer would: workbooks saved by openpyxl as Excel saves
them, a lock file beside a return, a return with a typo in an ID."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from reportgen.cli import main
from reportgen.read.contract import COMMENTARY_COLUMNS, PREVIOUS_WORDS, RETURN_REFERENCE
from tests.conftest import measure, write_set

CARE, SCHOOLS = "Children's Social Care", "Education"


@pytest.fixture
def quarter(tmp_path):
    """Four measures in two service areas, two lead officers; words for one measure only."""
    measures = [
        measure("CSC01", "% of assessments on time", target=86, tolerance=5,
                **{"Service area": CARE, "Lead officer": "A. Khan"}),
        measure("CSC02", "% of plans reviewed", target=90,
                **{"Service area": CARE, "Lead officer": "B. Jones"}),
        measure("ED01", "% of schools good or better", target=85,
                **{"Service area": SCHOOLS, "Lead officer": "B. Jones"}),
        measure("ED02", "% attendance", target=95,
                **{"Service area": SCHOOLS, "Lead officer": "B. Jones"}),
    ]
    outturns = {"CSC01": [80, 70], "CSC02": [91, 92], "ED01": [88, 86], "ED02": [96, None]}
    commentary = [{"ID": "CSC02", "Commentary": "Steady.", "Actions": None}]
    return write_set(tmp_path / "q2", measures, outturns, commentary=commentary,
                     settings={"Reporting period": "Q2 2017/18"})


def fill_return(path, words: dict[str, dict]) -> None:
    """Type words into a return's rows by ID, as a manager would in Excel."""
    book = openpyxl.load_workbook(path)
    sheet = book["Commentary"]
    headers = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        given = words.get(row[0].value)
        for name, text in (given or {}).items():
            row[headers.index(name)].value = text
    book.save(path)


def test_collect_writes_one_protected_return_per_service_area(quarter, capsys):
    assert main(["collect", str(quarter)]) == 0
    returns = quarter / "returns"
    assert sorted(p.name for p in returns.iterdir()) == [f"{CARE}.xlsx", f"{SCHOOLS}.xlsx"]
    sheet = openpyxl.load_workbook(returns / f"{CARE}.xlsx")["Commentary"]
    header = [c.value for c in sheet[1]]
    assert set(header) == {*COMMENTARY_COLUMNS, *RETURN_REFERENCE}
    assert header[:2] == ["ID", "Measure"]
    rows = [dict(zip([c.value for c in sheet[1]], r))
            for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert [r["ID"] for r in rows] == ["CSC01", "CSC02"]
    first = rows[0]
    assert first["Measure"] == "% of assessments on time"
    assert first["Recent values"] == "Q1 2017/18: 80%; Q2 2017/18: 70%"
    assert first["Target"] == "86% (5% tolerance)" and first["Status"] == "Red"
    assert first["Commentary"] is None
    assert sheet.protection.sheet
    assert not sheet.cell(row=2, column=header.index("Commentary") + 1).protection.locked
    assert sheet.cell(row=2, column=header.index("Measure") + 1).protection.locked
    assert sheet.cell(row=2, column=1).protection.locked  # the ID stays as written


def test_collect_by_lead_officer_and_keeps_returns_already_there(quarter, capsys):
    assert main(["collect", str(quarter), "--by", "lead officer"]) == 0
    returns = quarter / "returns"
    assert sorted(p.name for p in returns.iterdir()) == ["A. Khan.xlsx", "B. Jones.xlsx"]
    fill_return(returns / "A. Khan.xlsx", {"CSC01": {"Commentary": "Vacancies."}})
    before = (returns / "A. Khan.xlsx").read_bytes()
    capsys.readouterr()
    assert main(["collect", str(quarter), "--by", "Lead officer"]) == 0
    assert "kept" in capsys.readouterr().out
    assert (returns / "A. Khan.xlsx").read_bytes() == before
    assert main(["collect", str(quarter), "--by", "Owner"]) == 2


def test_words_typed_in_returns_reach_the_papers(quarter, tmp_path, capsys):
    main(["collect", str(quarter)])
    returns = quarter / "returns"
    fill_return(returns / f"{CARE}.xlsx", {"CSC01": {
        "Commentary": "Two vacancies slowed assessments.", "Actions": "Agency staff from July."}})
    (returns / f"~${SCHOOLS}.xlsx").write_bytes(b"\x00lock")  # the file is open in Excel
    out = tmp_path / "out"
    assert main(["build", str(quarter), "--out", str(out)]) == 0
    html = next((out / quarter.name).glob("*.html")).read_text()
    assert "Two vacancies slowed assessments." in html and "Agency staff from July." in html
    manifest = json.loads((out / quarter.name / "manifest.json").read_text())
    assert f"returns/{CARE}.xlsx" in [i["path"] for i in manifest["inputs"]]


def test_words_in_two_places_and_unknown_ids_are_errors_naming_the_cells(quarter, capsys):
    main(["collect", str(quarter)])
    returns = quarter / "returns"
    fill_return(returns / f"{CARE}.xlsx", {"CSC02": {"Commentary": "Also steady."}})
    book = openpyxl.load_workbook(returns / f"{SCHOOLS}.xlsx")
    book["Commentary"].protection.sheet = False
    book["Commentary"]["A2"] = "ED1"  # a typo for ED01
    book["Commentary"]["C2"] = "Inspections went well."
    book.save(returns / f"{SCHOOLS}.xlsx")
    capsys.readouterr()
    assert main(["check", "--json", str(quarter)]) == 1
    problems = json.loads(capsys.readouterr().out)["sets"][0]["problems"]
    errors = {p["message"]: p for p in problems if p["severity"] == "error"}
    twice = next(m for m in errors if "given twice" in m)
    assert f"returns/{CARE}.xlsx" in twice and "commentary.xlsx" in twice
    typo = next(p for m, p in errors.items() if "'ED1'" in m)
    assert (typo["file"], typo["sheet"], typo["cell"]) == (f"returns/{SCHOOLS}.xlsx",
                                                           "Commentary", "A2")


def test_another_workbook_in_the_set_folder_is_named(quarter, capsys):
    openpyxl.Workbook().save(quarter / "Education commentary.xlsx")
    assert main(["check", "--json", str(quarter)]) == 0
    problems = json.loads(capsys.readouterr().out)["sets"][0]["problems"]
    named = [p for p in problems if p["file"] == "Education commentary.xlsx"]
    assert named and "does not read it" in named[0]["message"]
    assert "returns/" in named[0]["fix"]


def test_status_lists_what_each_owner_still_owes(quarter, capsys):
    assert main(["status", str(quarter), "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    owners = {o["owner"]: o for o in listing["owners"]}
    assert list(owners) == [CARE, SCHOOLS]
    care = owners[CARE]
    assert care["return"] is None  # no returns folder: the set keeps its words in one file
    assert care["missing_commentary"] == ["CSC01"]
    assert care["missing_actions"] == ["CSC01"]  # Red, no actions
    assert owners[SCHOOLS]["missing_commentary"] == ["ED01", "ED02"]
    assert owners[SCHOOLS]["no_value"] == ["ED02"]
    assert listing["totals"]["missing_commentary"] == 3
    assert listing["totals"]["measures"] == 4
    assert main(["status", str(quarter)]) == 0
    text = capsys.readouterr().out
    assert "3 of 4 measures still need commentary" in text
    assert "no value for the reporting period: ED02" in text


def test_status_names_missing_and_empty_returns_and_runs_on_a_set_with_errors(quarter,
                                                                               capsys):
    main(["collect", str(quarter), "--by", "Lead officer"])
    (quarter / "returns" / "A. Khan.xlsx").unlink()
    fill_return(quarter / "returns" / "B. Jones.xlsx",
                {"ED01": {"RAG override": "Green"}})  # no reason: an error for the build
    capsys.readouterr()
    assert main(["status", str(quarter), "--by", "Lead officer", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    owners = {o["owner"]: o for o in listing["owners"]}
    assert owners["A. Khan"]["return"] == {"file": "returns/A. Khan.xlsx", "state": "missing"}
    assert owners["B. Jones"]["return"]["state"] == "started"
    assert owners["B. Jones"]["override_without_reason"] == ["ED01"]
    assert listing["totals"]["returns_missing"] == 1
    assert any("has no reason" in e["message"] for e in listing["errors"])
    assert main(["status", str(quarter), "--by", "Lead officer", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {"owner": "B. Jones", "return": "returns/B. Jones.xlsx",
            "missing": "override_without_reason", "measure": "ED01"} in rows
    assert {"owner": "A. Khan", "return": "returns/A. Khan.xlsx", "missing": "return_missing",
            "measure": ""} in rows


def test_collect_copies_last_periods_words_for_reference(quarter, capsys):
    book = openpyxl.load_workbook(quarter / "commentary.xlsx")
    sheet = book["Commentary"]
    sheet.cell(row=1, column=len(COMMENTARY_COLUMNS) + 1, value=PREVIOUS_WORDS)
    sheet.append(["CSC01", *[None] * (len(COMMENTARY_COLUMNS) - 1), "Recruitment under way."])
    book.save(quarter / "commentary.xlsx")
    assert main(["collect", str(quarter)]) == 0
    ret = openpyxl.load_workbook(quarter / "returns" / f"{CARE}.xlsx")["Commentary"]
    header = [c.value for c in ret[1]]
    assert ret.cell(row=2, column=header.index(PREVIOUS_WORDS) + 1).value == \
        "Recruitment under way."
    capsys.readouterr()
    assert main(["check", "--json", str(quarter)]) == 0  # the reference column is not warned
    problems = json.loads(capsys.readouterr().out)["sets"][0]["problems"]
    assert not [p for p in problems if PREVIOUS_WORDS in p["message"]]


def test_a_commentary_sheet_per_manager_is_never_dropped_in_silence(quarter, capsys):
    book = openpyxl.load_workbook(quarter / "commentary.xlsx")
    book["Commentary"].title = "Commentary - Jane"
    jane = book["Commentary - Jane"]
    bob = book.copy_worksheet(jane)
    bob.title = "Commentary - Bob"
    book.save(quarter / "commentary.xlsx")
    assert main(["check", "--json", str(quarter)]) == 1
    problem = json.loads(capsys.readouterr().out)["sets"][0]["problems"][0]
    assert "sheet 'Commentary' is missing" in problem["message"]
    assert "returns/ folder" in problem["fix"] and "rename" not in problem["fix"]
    jane.title = "Commentary"
    book.save(quarter / "commentary.xlsx")
    assert main(["check", "--json", str(quarter)]) == 0
    problems = json.loads(capsys.readouterr().out)["sets"][0]["problems"]
    assert any(p["sheet"] == "Commentary - Bob" and "is not read" in p["message"]
               for p in problems)


def test_collect_carries_words_already_typed_and_owners_never_share_a_file(tmp_path, capsys):
    folder = write_set(
        tmp_path / "q", [measure("M1", **{"Service area": "Care/Support"}),
                         measure("M2", **{"Service area": "Care-Support"}),
                         measure("M3", **{"Service area": "care-support"})],
        {"M1": [91, 92], "M2": [91, 92], "M3": [91, 92]},
        commentary=[{"ID": "M1", "Commentary": "Typed centrally."}])
    assert main(["collect", str(folder)]) == 0
    names = sorted(p.name for p in (folder / "returns").iterdir())
    assert names == ["Care-Support (2).xlsx", "Care-Support.xlsx", "care-support (3).xlsx"]
    sheet = openpyxl.load_workbook(folder / "returns" / "Care-Support.xlsx")["Commentary"]
    row = dict(zip([c.value for c in sheet[1]], [c.value for c in sheet[2]]))
    assert (row["ID"], row["Commentary"]) == ("M1", "Typed centrally.")
    capsys.readouterr()
    assert main(["check", "--json", str(folder)]) == 0  # the same words twice: no conflict
    assert main(["status", str(folder), "--json"]) == 0
    capsys.readouterr()


def test_a_return_in_another_format_is_named(quarter, capsys):
    main(["collect", str(quarter)])
    (quarter / "returns" / "Schools.ods").write_bytes(b"PK")
    capsys.readouterr()
    assert main(["check", "--json", str(quarter)]) == 0
    problems = json.loads(capsys.readouterr().out)["sets"][0]["problems"]
    assert any(p["file"] == "returns/Schools.ods" and "is not read" in p["message"]
               for p in problems)
