"""Write the sample report sets in inputs/ from their data in scripts/sample_data/.

Run from the repository root:

    .venv/bin/python scripts/make_sample_inputs.py

Each folder scripts/sample_data/<set>/ holds one file per sheet, named after the sheet:
Measures.csv, Outturns.csv, Settings.csv and Arrows.csv become inputs/<set>/outturns.xlsx;
Report.csv, Commentary.csv, Narrative.md and Dashboard.csv become inputs/<set>/commentary.xlsx.
The data are transcribed from four published council reports; scripts/sample_data/README.md says from
where, and how each file becomes cells. The workbooks are written deterministically: unchanged
data give byte-identical files. Sheets, columns and row names are the contract's
(reportgen.read.contract): a header or row name it does not know stops the script before
anything is written.
"""

from __future__ import annotations

import csv
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from reportgen.read.contract import (
    ARROWS_SHEET, BENCHMARK_HEADERS, COMMENTARY_COLUMNS, COMMENTARY_SHEET, DASHBOARD_COLUMNS,
    DASHBOARD_SHEET, ID, MEASURE_COLUMNS, MEASURES_SHEET,
    NARRATIVE_COLUMNS, NARRATIVE_SHEET, OUTTURNS_SHEET, REPORT_COLUMNS, REPORT_FIELDS,
    REPORT_SHEET, SETTING_COLUMNS, SETTINGS, SETTINGS_SHEET, WORKBOOK_SHEETS,
)
from reportgen.reproducible import save_workbook

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"
DATA = ROOT / "scripts" / "sample_data"
NOTE = "Transcription note"  # a Measures.csv column for the transcriber; not written
# Measures columns whose cells are numbers as printed ("71%", "93", "45.0"); as are all the
# Outturns period columns. Every other column is text.
PRINTED = {"Target", "Tolerance", "Amber band", *BENCHMARK_HEADERS, "Baseline", "Next target"}
# The sheets written from a table (a CSV file's columns) and from `Name | Value` rows.
TABLES = {MEASURES_SHEET: MEASURE_COLUMNS, OUTTURNS_SHEET: None, ARROWS_SHEET: None,
          COMMENTARY_SHEET: COMMENTARY_COLUMNS, DASHBOARD_SHEET: DASHBOARD_COLUMNS}
PAIRS = {SETTINGS_SHEET: (SETTING_COLUMNS, SETTINGS), REPORT_SHEET: (REPORT_COLUMNS, REPORT_FIELDS)}
EXCEL_CELL_LIMIT = 32_767  # characters Excel lets a cell hold

# A fixed timestamp for the workbook properties and zip entries, so reruns are byte-identical.
FIXED_TIME = datetime(2000, 1, 1, 0, 0, 0)


class DataError(Exception):
    """A data file that does not fit the contract; the message names the file and the fix."""


def pct(text: str | None) -> tuple[float | None, str | None]:
    """Return (fraction, number format) for a percentage as printed: "13.7%" -> (0.137, '0.0%')."""
    if text is None:
        return None, None
    digits = text.removesuffix("%")
    decimals = len(digits.partition(".")[2])
    fraction = Decimal(digits) / 100  # exact: Decimal("13.7") / 100 == Decimal("0.137")
    number_format = "0." + "0" * decimals + "%" if decimals else "0%"
    return float(fraction), number_format


def put(ws, row: int, column: int, value, number_format: str | None = None) -> None:
    """Write one cell; None leaves it blank. Text stays text (IDs like "CSC01")."""
    if value is None:
        return
    if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
        raise DataError(f"sheet {ws.title}, row {row}: {len(value):,} characters, more than "
                        f"Excel's {EXCEL_CELL_LIMIT:,} for one cell; split the text")
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    if number_format:
        cell.number_format = number_format


def put_printed(ws, row: int, column: int, text: str | None) -> None:
    """Write a value as printed: "71%" as a percentage, "93" as an integer, "45.0" as 45 with
    format '0.0' (the published decimals), and words ("Monitor") as text."""
    if text is not None and re.fullmatch(r"\d+(\.\d+)?%", text):
        put(ws, row, column, *pct(text))
    elif text is not None and re.fullmatch(r"\d+", text):
        put(ws, row, column, int(text))
    elif text is not None and re.fullmatch(r"\d+\.\d+", text):
        decimals = len(text.partition(".")[2])
        put(ws, row, column, float(Decimal(text)), "0." + "0" * decimals)
    else:
        put(ws, row, column, text)


def typed(text: str | None):
    """Return a Settings or Report value: a whole number ("5") as a number, a date typed
    YYYY-MM-DD as a date, anything else as text."""
    if text is not None and re.fullmatch(r"\d+", text):
        return int(text)
    if text is not None and re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return date.fromisoformat(text)
    return text


def read_csv(path: Path) -> tuple[list[str], list[list[str | None]]]:
    """Return a CSV file's header and rows, an empty field as None (a blank cell)."""
    with path.open(encoding="utf-8-sig", newline="") as f:  # -sig: as Excel saves UTF-8
        header, *rows = list(csv.reader(f)) or [[]]
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise DataError(f"{path}: row {number} has {len(row)} fields, the header "
                            f"{len(header)}; quote any field holding a comma")
    return header, [[value or None for value in row] for row in rows]


def check_names(path: Path, names: list[str], known: tuple[str, ...], what: str) -> None:
    for name in names:
        if name not in known:
            raise DataError(f"{path}: '{name}' is not a {what} of the workbook contract; "
                            f"use one of: {', '.join(known)}")


def write_table(ws, path: Path, known: tuple[str, ...] | None) -> None:
    """Write a CSV file as a sheet, header first; `known` None is the Outturns sheet (ID, then
    a column per period, every period cell a number as printed) or the Arrows sheet, shaped
    alike (its arrows are words, so text)."""
    header, rows = read_csv(path)
    keep = [i for i, name in enumerate(header) if name != NOTE]
    names = [header[i] for i in keep]
    if known:
        check_names(path, names, known, "column")
    else:
        check_names(path, names[:1], (ID,), "first column")
    for column, name in enumerate(names, start=1):
        put(ws, 1, column, name)
    for row, values in enumerate(rows, start=2):
        for column, (name, i) in enumerate(zip(names, keep), start=1):
            printed = name in PRINTED if known else column > 1
            (put_printed if printed else put)(ws, row, column, values[i])


def write_pairs(ws, path: Path, columns: tuple[str, str], known: tuple[str, ...]) -> None:
    """Write a `Setting | Value` or `Field | Value` CSV file as a sheet."""
    header, rows = read_csv(path)
    if tuple(header) != columns:
        raise DataError(f"{path}: the header must be {','.join(columns)}")
    check_names(path, [name for name, _ in rows], known, columns[0].lower())
    for row, values in enumerate([list(columns), *rows], start=1):
        put(ws, row, 1, values[0])
        put(ws, row, 2, typed(values[1]) if row > 1 else values[1])


def narrative_rows(path: Path) -> list[tuple[str | None, str, str | None, str]]:
    """Return the Narrative sheet's rows from Narrative.md: "# " lines name a section, each
    "## N. Heading" (numbered) or "## Unnumbered" line starts a row whose Text is the lines
    below it; HTML comments are notes and are dropped."""
    text = re.sub(r"<!--.*?-->\n?", "", path.read_text(encoding="utf-8-sig"), flags=re.S)
    rows: list[list] = []
    section = None
    for line in text.split("\n"):
        if line.startswith("# "):
            section = line[2:].strip()
        elif line.startswith("## "):
            title = line[3:].strip()
            numbered = re.fullmatch(r"(\d+)\. (.+)", title)
            count = sum(row[1] == "Yes" for row in rows) + 1
            if numbered and int(numbered[1]) != count:
                raise DataError(f"{path}: '{line}' should be paragraph {count}; renumber from "
                                "there (the numbers run on through the sections)")
            if not numbered and title != "Unnumbered":
                raise DataError(f"{path}: '{line}' is neither '## N. Heading' nor "
                                "'## Unnumbered'")
            rows.append([section, "Yes" if numbered else "No",
                         numbered[2] if numbered else None, []])
            section = None
        elif rows:
            rows[-1][3].append(line)
        elif line.strip():
            raise DataError(f"{path}: text before the first '## ' line: '{line[:40]}'")
    return [(s, n, h, "\n".join(lines).strip("\n") or None) for s, n, h, lines in rows]


def write_narrative(ws, path: Path) -> None:
    for row, values in enumerate([NARRATIVE_COLUMNS, *narrative_rows(path)], start=1):
        for column, value in enumerate(values, start=1):
            put(ws, row, column, value)


def workbook(folder: Path, sheets: tuple[str, ...]) -> Workbook | None:
    """Return the workbook of the sheets whose data files are in `folder`, in contract order."""
    wb = Workbook()
    written = 0
    for name in sheets:
        path = folder / (name + (".md" if name == NARRATIVE_SHEET else ".csv"))
        if not path.exists():
            continue
        ws = wb.active if written == 0 else wb.create_sheet(name)
        ws.title = name
        if name in TABLES:
            write_table(ws, path, TABLES[name])
        elif name in PAIRS:
            write_pairs(ws, path, *PAIRS[name])
        else:
            write_narrative(ws, path)
        written += 1
    return wb if written else None


def save_deterministic(wb: Workbook, path: Path) -> None:
    """Save `wb` with fixed timestamps, so the same data give the same bytes."""
    save_workbook(wb, path, FIXED_TIME, "reportgen scripts/make_sample_inputs.py")


def main() -> int:
    books = []
    try:
        for folder in sorted(p for p in DATA.iterdir() if p.is_dir()):
            for name, sheets in WORKBOOK_SHEETS.items():
                books.append((workbook(folder, sheets), INPUTS / folder.name / name))
    except DataError as error:
        print(f"error: {error}; nothing was written")
        return 1
    for wb, path in books:
        if wb is not None:
            save_deterministic(wb, path)
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
