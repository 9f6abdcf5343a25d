"""`check` finds every problem with the inputs that `build` would stop on.

`check` is the build's own first step (read, rate, compose) without rendering, so each mistake
below is driven through both, and both must name the same errors, cells and fixes."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from reportgen.cli import main
from tests.conftest import measure, write_set

REPORT = {"Title": "Update", "Committee": "Cabinet", "Meeting date": dt.datetime(2017, 6, 5)}
NARRATIVE = [("A. Context", "Yes", "Landscape", "Body.")]


def cabinet(folder, report=REPORT, narrative=NARRATIVE, measures=None, outturns=None):
    return write_set(folder, measures or [measure("M1", target=90)],
                     outturns or {"M1": [80, 95]},
                     commentary=[{"ID": "M1", "Commentary": "x"}], report=report,
                     narrative=narrative)


def without(field):
    return {k: v for k, v in REPORT.items() if k != field}


MISTAKES = {
    "no meeting date": lambda f: cabinet(f, report=without("Meeting date")),
    "meeting date as words": lambda f: cabinet(f, report={**REPORT,
                                                          "Meeting date": "next Tuesday"}),
    "no Report sheet": lambda f: cabinet(f, report=None),
    "a fraction among percentages": lambda f: cabinet(f, outturns={"M1": [80, 0.95]}),
    "a decimal comma": lambda f: cabinet(f, outturns={"M1": [80, "95,5"]}),
}


def errors(argv, capsys) -> tuple[int, list[dict]]:
    code = main([*argv, "--json"]) if argv[0] == "check" else main(argv)
    printed = capsys.readouterr()
    if argv[0] != "check":
        return code, printed.out + printed.err
    (found,) = json.loads(printed.out)["sets"]
    return code, [p for p in found["problems"] if p["severity"] == "error"]


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_check_names_every_error_that_stops_the_build(tmp_path, capsys, mistake):
    folder = MISTAKES[mistake](tmp_path / "s")
    code, found = errors(["check", str(folder)], capsys)
    assert code == 1 and found, f"check passed {mistake}"
    built, out = errors(["build", str(folder), "--out", str(tmp_path / "out")], capsys)
    assert built == 1 and not (tmp_path / "out" / "s").exists()
    for error in found:   # what build printed is what check found, message and fix alike
        assert error["message"] in out and error["fix"] in out


def test_a_missing_meeting_date_is_named_as_missing_not_malformed(tmp_path, capsys):
    _, (error,) = errors(["check", str(MISTAKES["no meeting date"](tmp_path / "s"))], capsys)
    assert "has no Meeting date" in error["message"] and "not a date" not in error["message"]
    assert (error["file"], error["sheet"]) == ("commentary.xlsx", "Report")
    assert "add a 'Meeting date' row" in error["fix"]


def test_a_meeting_date_in_words_is_named_with_its_cell(tmp_path, capsys):
    _, (error,) = errors(["check", str(MISTAKES["meeting date as words"](tmp_path / "s"))],
                         capsys)
    assert "Meeting date 'next Tuesday' is not a date" in error["message"]
    assert error["sheet"] == "Report" and error["cell"].startswith("B")


def test_a_typed_views_deadline_needs_no_meeting_date(tmp_path, capsys):
    folder = cabinet(tmp_path / "s", report={**without("Meeting date"),
                                             "Views deadline": "5pm on 1 June 2017"})
    assert errors(["check", str(folder)], capsys) == (0, [])


def test_a_set_without_a_narrative_needs_no_meeting_date(tmp_path, capsys):
    folder = cabinet(tmp_path / "s", report=without("Meeting date"), narrative=None)
    assert errors(["check", str(folder)], capsys) == (0, [])
