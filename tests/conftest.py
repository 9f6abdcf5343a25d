"""Shared fixtures: build small report sets in the workbook contract for tests."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from reportgen.read.contract import (
    COMMENTARY, COMMENTARY_COLUMNS, COMMENTARY_SHEET, DASHBOARD_COLUMNS, DASHBOARD_SHEET, ID,
    MEASURE_COLUMNS, MEASURES_SHEET,
    NARRATIVE_COLUMNS, NARRATIVE_SHEET, OUTTURNS, OUTTURNS_SHEET, REPORT_COLUMNS, REPORT_SHEET,
    SETTING_COLUMNS, SETTINGS_SHEET,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "inputs"

MEASURE_HEADER = list(MEASURE_COLUMNS)


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden files in tests/golden/ from what the code renders "
                          "now (accept a layout change; review the git diff)")


def build_samples(out: Path, names: tuple[str, ...]) -> Path:
    """Build the sample sets `names` into `out` (failing on any problem) and return `out`."""
    from reportgen.pipeline import build_set
    for name in names:
        result = build_set(SAMPLES / name, out)
        assert result.ok, [p.describe() for p in result.problems]
    return out


def measure(id="M1", name="% of things done", polarity="High", unit="%", target=90,
            tolerance=None, **extra) -> dict:
    row = {"ID": id, "Measure": name, "Good to be": polarity, "Unit": unit, "Target": target,
           "Tolerance": tolerance}
    row.update({k.replace("_", " "): v for k, v in extra.items()})
    return row


def write_set(folder: Path, measures: list[dict], outturns: dict[str, list],
              periods: list = ("Q1 2017/18", "Q2 2017/18"), commentary: list[dict] = (),
              settings: dict | None = None, report: dict | None = None,
              narrative: list[tuple] | None = None,
              dashboard: list[tuple] | None = None) -> Path:
    """Write outturns.xlsx and commentary.xlsx for a report set into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = MEASURES_SHEET
    ws.append(MEASURE_HEADER)
    for m in measures:
        ws.append([m.get(h) for h in MEASURE_HEADER])
    out = wb.create_sheet(OUTTURNS_SHEET)
    out.append([ID, *periods])
    for ident, values in outturns.items():
        out.append([ident, *values])
    if settings:
        st = wb.create_sheet(SETTINGS_SHEET)
        st.append(list(SETTING_COLUMNS))
        for k, v in settings.items():
            st.append([k, v])
    wb.save(folder / OUTTURNS)
    cw = openpyxl.Workbook()
    rep = cw.active
    rep.title = REPORT_SHEET
    rep.append(list(REPORT_COLUMNS))
    for k, v in (report or {}).items():
        rep.append([k, v])
    com = cw.create_sheet(COMMENTARY_SHEET)
    com.append(list(COMMENTARY_COLUMNS))
    for c in commentary:
        com.append([c.get(k) for k in COMMENTARY_COLUMNS])
    if narrative is not None:
        nar = cw.create_sheet(NARRATIVE_SHEET)
        nar.append(list(NARRATIVE_COLUMNS))
        for row in narrative:
            nar.append(list(row))
    if dashboard is not None:
        das = cw.create_sheet(DASHBOARD_SHEET)
        das.append(list(DASHBOARD_COLUMNS))
        for row in dashboard:
            das.append(list(row))
    cw.save(folder / COMMENTARY)
    return folder


@pytest.fixture
def small_set(tmp_path) -> Path:
    """A valid two-measure set: one Green, one Red."""
    return write_set(tmp_path / "small", [measure("M1", "% seen", target=100, tolerance=5),
                                          measure("M2", "% late", polarity="Low", target=10)],
                     {"M1": [90, 96], "M2": [12, 15]},
                     commentary=[{"ID": "M1", "Commentary": "<p>Good <b>work</b></p>"},
                                 {"ID": "M2", "Commentary": "Too late.", "Actions": "Hire."}])
