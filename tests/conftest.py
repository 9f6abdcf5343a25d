"""Shared fixtures: build small report sets in the workbook contract for tests."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "inputs"

MEASURE_HEADER = ["ID", "Portfolio", "Service area", "Outcome", "Theme", "Measure", "Good to be",
                  "Unit", "Data period", "Target", "Tolerance", "Tolerance note", "Amber band",
                  "Stat neighbours", "South East", "England", "Benchmark note", "Scheme"]


def measure(id="M1", name="% of things done", polarity="High", unit="%", target=90,
            tolerance=None, **extra) -> dict:
    row = {"ID": id, "Measure": name, "Good to be": polarity, "Unit": unit, "Target": target,
           "Tolerance": tolerance}
    row.update({k.replace("_", " "): v for k, v in extra.items()})
    return row


def write_set(folder: Path, measures: list[dict], outturns: dict[str, list],
              periods: list = ("Q1 2017/18", "Q2 2017/18"), commentary: list[dict] = (),
              settings: dict | None = None, report: dict | None = None,
              narrative: list[tuple] | None = None) -> Path:
    """Write outturns.xlsx and commentary.xlsx for a report set into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Measures"
    ws.append(MEASURE_HEADER)
    for m in measures:
        ws.append([m.get(h) for h in MEASURE_HEADER])
    out = wb.create_sheet("Outturns")
    out.append(["ID", *periods])
    for ident, values in outturns.items():
        out.append([ident, *values])
    if settings:
        st = wb.create_sheet("Settings")
        st.append(["Setting", "Value"])
        for k, v in settings.items():
            st.append([k, v])
    wb.save(folder / "outturns.xlsx")
    cw = openpyxl.Workbook()
    rep = cw.active
    rep.title = "Report"
    rep.append(["Field", "Value"])
    for k, v in (report or {}).items():
        rep.append([k, v])
    com = cw.create_sheet("Commentary")
    columns = ["ID", "Benchmarking", "Commentary", "Actions", "Value note", "RAG override",
               "Override reason"]
    com.append(columns)
    for c in commentary:
        com.append([c.get(k) for k in columns])
    if narrative is not None:
        nar = cw.create_sheet("Narrative")
        nar.append(["Section", "Numbered", "Heading", "Text"])
        for row in narrative:
            nar.append(list(row))
    cw.save(folder / "commentary.xlsx")
    return folder


@pytest.fixture
def small_set(tmp_path) -> Path:
    """A valid two-measure set: one Green, one Red."""
    return write_set(tmp_path / "small", [measure("M1", "% seen", target=100, tolerance=5),
                                          measure("M2", "% late", polarity="Low", target=10)],
                     {"M1": [90, 96], "M2": [12, 15]},
                     commentary=[{"ID": "M1", "Commentary": "<p>Good <b>work</b></p>"},
                                 {"ID": "M2", "Commentary": "Too late.", "Actions": "Hire."}])
