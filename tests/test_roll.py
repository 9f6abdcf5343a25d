"""`reportgen roll SET --to PERIOD`: next period's set, written beside SET, SET untouched."""

from __future__ import annotations

import hashlib
import json

import openpyxl
import pytest

from reportgen.cli import main
from reportgen.read.contract import PREVIOUS_WORDS
from tests.conftest import measure, write_set


def digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def last_quarter(tmp_path):
    return write_set(
        tmp_path / "q2", [measure("M1", target=90, tolerance=5), measure("M2", target=80)],
        {"M1": [91, 92], "M2": [70, 60]},
        commentary=[{"ID": "M2", "Commentary": "Short of staff.", "Actions": "Recruit.",
                     "RAG override": "Amber", "Override reason": "New system."}],
        settings={"Reporting period": "Q2 2017/18"},
        report={"Title": "Performance Q2 2017/18", "Meeting date": "Monday 6 November 2017",
                "Summary": "One measure is Green and one is Red."},
        narrative=[(None, "Yes", "Outturn", "In Q2 2017-18 four are Green.")])


def test_roll_writes_next_quarters_set_and_leaves_the_old_one_alone(tmp_path, capsys):
    old = last_quarter(tmp_path)
    before = digest(old)
    assert main(["roll", str(old), "--to", "Q3 2017/18"]) == 0
    said = capsys.readouterr().out
    new = tmp_path / "Q3 2017-18"
    assert digest(old) == before
    outturns = openpyxl.load_workbook(new / "outturns.xlsx")
    assert [c.value for c in outturns["Outturns"][1]] == ["ID", "Q1 2017/18", "Q2 2017/18",
                                                          "Q3 2017/18"]
    settings = dict(outturns["Settings"].iter_rows(min_row=2, values_only=True))
    assert settings["Reporting period"] == "Q3 2017/18"
    words = openpyxl.load_workbook(new / "commentary.xlsx")
    sheet = words["Commentary"]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]]))
    assert row["ID"] == "M2"
    assert not any(row[k] for k in ("Commentary", "Actions", "RAG override", "Override reason"))
    assert row[PREVIOUS_WORDS] == "Short of staff.\n\nActions: Recruit."
    report = dict(words["Report"].iter_rows(min_row=2, values_only=True))
    assert report["Meeting date"] is None
    assert report["Title"] == "Performance Q2 2017/18"  # kept, and named below
    assert "sheet 'Report', cell B2: still says 'Q2 2017/18'" in said
    assert "'One measure is Green'" in said
    assert "sheet 'Narrative', cell D2: still says 'Q2 2017-18' and 'four are Green'" in said


def test_the_rolled_set_checks_and_says_what_is_missing(tmp_path, capsys):
    old = last_quarter(tmp_path)
    main(["roll", str(old), "--to", "Q3 2017/18", "--out", str(tmp_path / "next")])
    capsys.readouterr()
    main(["check", "--json", str(tmp_path / "next")])
    problems = json.loads(capsys.readouterr().out)["sets"][0]["problems"]
    dated = next(p for p in problems if "no Meeting date" in p["message"])
    assert (dated["sheet"], dated["cell"]) == ("Report", "B3")
    assert dated["fix"].startswith("type the meeting date in that cell")
    book = openpyxl.load_workbook(tmp_path / "next" / "commentary.xlsx")
    book["Report"]["B3"] = "Monday 5 February 2018"
    book.save(tmp_path / "next" / "commentary.xlsx")
    main(["check", "--json", str(tmp_path / "next")])
    problems = json.loads(capsys.readouterr().out)["sets"][0]["problems"]
    assert any("2 of 2 measures have no value for Q3 2017/18, so they report an earlier "
               "period's" in p["message"] for p in problems)
    assert main(["status", str(tmp_path / "next"), "--json"]) == 0
    totals = json.loads(capsys.readouterr().out)["totals"]
    assert totals["no_value"] == 2 and totals["missing_commentary"] == 2


def test_roll_refuses_to_overwrite_and_to_roll_onto_the_same_period(tmp_path, capsys):
    old = last_quarter(tmp_path)
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("keep")
    assert main(["roll", str(old), "--to", "Q3 2017/18", "--out", str(taken)]) == 2
    assert (taken / "notes.txt").read_text() == "keep"
    assert main(["roll", str(old), "--to", "Q2 2017/18"]) == 2
    assert "already the reporting period" in capsys.readouterr().err


def test_a_period_columns_list_gains_the_new_period():
    from reportgen.read.roll import set_reporting_period

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Settings"
    for row in (("Setting", "Value"), ("Period columns", "Q1 2017/18, Q2 2017/18")):
        sheet.append(row)
    set_reporting_period(book, "Q3 2017/18")
    settings = dict(sheet.iter_rows(min_row=2, values_only=True))
    assert settings == {"Period columns": "Q1 2017/18, Q2 2017/18, Q3 2017/18",
                        "Reporting period": "Q3 2017/18"}


def test_roll_keeps_words_that_came_in_returns_and_names_formulas(tmp_path, capsys):
    old = last_quarter(tmp_path)
    main(["collect", str(old)])
    book = openpyxl.load_workbook(old / "returns" / "Unassigned.xlsx")
    sheet = book["Commentary"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("Commentary") + 1, value="Ahead of plan.")
    book.save(old / "returns" / "Unassigned.xlsx")
    outturns = openpyxl.load_workbook(old / "outturns.xlsx")
    outturns["Outturns"]["D2"] = "=B2+1"  # a scratch formula beside the values
    outturns.save(old / "outturns.xlsx")
    capsys.readouterr()
    assert main(["roll", str(old), "--to", "Q3 2017/18", "--out", str(tmp_path / "q3")]) == 0
    said = capsys.readouterr().out
    assert "sheet 'Outturns', cell D2: the cell holds a formula" in said
    words = openpyxl.load_workbook(tmp_path / "q3" / "commentary.xlsx")["Commentary"]
    header = [c.value for c in words[1]]
    kept = {r[0]: r[header.index(PREVIOUS_WORDS)] for r in words.iter_rows(min_row=2,
                                                                             values_only=True)}
    assert kept == {"M2": "Short of staff.\n\nActions: Recruit.", "M1": "Ahead of plan."}
    assert not (tmp_path / "q3" / "returns").exists()


def test_years_are_not_counts_of_statuses():
    from reportgen.read.roll import stale_mentions

    statuses = ["Green", "Amber", "Red"]
    assert stale_mentions("The 2017 Green Paper", None, statuses) is None
    assert stale_mentions("Two measures are Red.", None, statuses) == "'Two measures are Red'"


def test_counts_written_after_the_status_are_stale_too():
    from reportgen.read.roll import stale_mentions

    statuses = ["Green", "Amber", "Red"]
    assert stale_mentions("Red: 3, Amber: 2", None, statuses) == "'Amber: 2' and 'Red: 3'"
    assert stale_mentions("Green (4) and Red (1)", None, statuses) == "'Green (4)' and 'Red (1)'"
    assert stale_mentions("Red: see the table below", None, statuses) is None
    assert stale_mentions("Green: 2017/18 was a good year", None, statuses) is None


def test_roll_refuses_a_period_written_unlike_the_sets_or_before_its_last(tmp_path, capsys):
    old = last_quarter(tmp_path)
    before = digest(old)
    for typed in ("Q3 17/18", "2017/18 Q3", "Dec 2017"):
        assert main(["roll", str(old), "--to", typed]) == 2
        said = capsys.readouterr().err
        assert f'--to "{typed}" is not written like this set\'s periods' in said, said
        assert 'e.g. --to "Q3 2017/18"' in said
    assert main(["roll", str(old), "--to", "Q4 2016/17"]) == 2
    assert "comes before the set's last period column, \"Q2 2017/18\"" in capsys.readouterr().err
    assert main(["roll", str(old), "--to", "Q1 2017/18"]) == 2
    assert "comes before the reporting period, \"Q2 2017/18\"" in capsys.readouterr().err
    assert digest(old) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q2"]  # nothing written
    assert main(["roll", str(old), "--to", "Q1 2018/19"]) == 0  # a skipped quarter is allowed


def test_next_period_is_written_as_the_last_one():
    from reportgen.rate.rules import next_period

    assert next_period("Q4 2017/18") == "Q1 2018/19"
    assert next_period("Q2 2017/18") == "Q3 2017/18"
    assert next_period("Dec 2016") == "Jan 2017"
    assert next_period("2016/17") == "2017/18"
    assert next_period("2018") == "2019"
    assert next_period("Autumn term") is None
    assert next_period("Dec 2016", 3) == "Mar 2017"
    assert next_period("Q3 2017/18", 2) == "Q1 2018/19"


def test_quarter_end_months_step_by_three():
    from reportgen.quarter import check_next_period
    from reportgen.errors import UsageError
    from reportgen.rate.rules import period_step

    months = ["Jun 2016", "Sep 2016", "Dec 2016"]
    assert period_step(months) == 3
    assert period_step(["Q1 2017/18"]) == 1
    with pytest.raises(UsageError, match='e.g. --to "Mar 2017"'):
        check_next_period("Q1 2017", months, "Dec 2016")
    # a blank column already waits after the reporting period: that is the next one
    with pytest.raises(UsageError, match='e.g. --to "Dec 2016"'):
        check_next_period("Q1 2017", [*months, "Mar 2017"], "Sep 2016")
    check_next_period("Mar 2017", months, "Dec 2016")  # no error
    with pytest.raises(UsageError, match='not written like'):  # "April" beside "Dec"
        check_next_period("April 2017", months, "Dec 2016")
