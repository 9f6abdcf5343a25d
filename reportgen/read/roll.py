"""Roll a report set forward to the next period: copies of its workbooks, edited for it.

`reportgen roll SET --to PERIOD` writes a new set and never touches SET. In the copies:
Outturns gets the new period's column (blank, after the last one), Settings' Reporting period
is the new period and a `Period columns` list of labels gains it; every Commentary row's
words (benchmarking, commentary, actions, value note, RAG override and its reason) are
cleared, the commentary and actions (from commentary.xlsx or a return) kept beside them in
the reference column "Last period's commentary", which the build never prints; the Report's meeting dates are cleared. Cells
of the Report and Narrative sheets that still mention the old period, or counts of statuses
("four are Green"), are returned as warnings for the officer to rewrite. Everything else
(formatting, other sheets, formulas: each formula is named in a warning, as its result is
saved only when Excel next calculates) is kept, but for charts and pictures, which openpyxl
cannot copy.
"""

from __future__ import annotations

import re
import shutil
from copy import copy
from pathlib import Path

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from reportgen.errors import Problem, Problems, UsageError, Where
from reportgen.read.contract import (
    COMMENTARY, COMMENTARY_COLUMNS, COMMENTARY_REQUIRED, COMMENTARY_SHEET, DATE_FIELDS,
    NARRATIVE_COLUMNS, NARRATIVE_REQUIRED, NARRATIVE_SHEET, OUTTURNS, OUTTURNS_REQUIRED,
    DASHBOARD_COLUMNS, DASHBOARD_REQUIRED, DASHBOARD_SHEET,
    OUTTURNS_SHEET, PREVIOUS_WORDS, REPORT_COLUMNS, REPORT_SHEET, SETTING_COLUMNS,
    SETTINGS_SHEET,
)
from reportgen.read.blank import saved_bytes
from reportgen.read.workbook import (
    find_sheet, find_workbook, key as _key, locate_header, open_to_edit, period_label,
)

MONTHS = ("January February March April May June July August September October November "
          "December").split()
NUMBER_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen "
                "fourteen fifteen sixteen seventeen eighteen nineteen twenty").split()


def roll_set(folder: Path, new_folder: Path, period: str, old_period: str | None,
             statuses: list[str], previous: dict[str, str]) -> list[Problem]:
    """Write `folder`'s workbooks, rolled to `period`, into `new_folder`; return warnings.
    `previous` holds each measure's words to keep for reference, by ID (from commentary.xlsx
    or a return: the returns themselves stay behind with the old set)."""
    from reportgen.write import write_outputs

    if new_folder.exists() and (not new_folder.is_dir() or any(new_folder.iterdir())):
        raise UsageError(f"{new_folder} already exists and is not empty; roll writes a new "
                         "set and never overwrites one: name another folder with --out")
    outturns = open_to_edit(find_workbook(folder, OUTTURNS))
    commentary = open_to_edit(find_workbook(folder, COMMENTARY))
    add_period(outturns, period)
    set_reporting_period(outturns, period)
    warnings = Problems()
    carry_words(commentary, previous)
    clear_meeting_dates(commentary)
    for where in formula_cells(outturns, OUTTURNS) + formula_cells(commentary, COMMENTARY):
        warnings.warning("the cell holds a formula, whose result is saved only when Excel "
                         "calculates", "open the new set's workbook in Excel and save it "
                         "before building", where)
    for where, text in report_texts(commentary):
        stale = stale_mentions(text, old_period, statuses)
        if stale:
            warnings.warning(f"still says {stale}, from the last period",
                             f"rewrite it for {period}", where)
    new_folder.mkdir(parents=True, exist_ok=True)
    outputs = {OUTTURNS: saved_bytes(outturns), COMMENTARY: saved_bytes(commentary)}
    write_outputs(new_folder, outputs)
    if (folder / "schemes.toml").is_file():
        shutil.copy2(folder / "schemes.toml", new_folder / "schemes.toml")
    return list(warnings)


def header(ws, file: str, known: tuple[str, ...], required: tuple[str, ...]):
    """The located header of a sheet being edited (its problems were reported by reading)."""
    return locate_header(ws, file, known, required, Problems(), extra_allowed=True)


def add_period(book, period: str) -> None:
    """Head the next free column of Outturns with `period` (kept if it is already there)."""
    sheet = header(book[OUTTURNS_SHEET], OUTTURNS, OUTTURNS_REQUIRED, OUTTURNS_REQUIRED)
    ws, row = sheet.ws, sheet.header_row
    labels = {period_label(c.value): c.column for c in ws[row] if c.value is not None}
    if period in labels:
        return
    last = max(labels.values())
    cell, before = ws.cell(row=row, column=last + 1), ws.cell(row=row, column=last)
    cell.value = period
    cell.font, cell.fill, cell.alignment = copy(before.font), copy(before.fill), \
        copy(before.alignment)
    cell.number_format = "@"  # the label as typed, never turned into a date


def set_reporting_period(book, period: str) -> None:
    """Set the Reporting period (adding the row, or the Settings sheet, when missing) and
    extend a `Period columns` list of labels with `period`."""
    ws = find_sheet(book, OUTTURNS, SETTINGS_SHEET, Problems(), required=False)
    if ws is None:
        ws = book.create_sheet(SETTINGS_SHEET)
        ws.append(list(SETTING_COLUMNS))
    sheet = header(ws, OUTTURNS, SETTING_COLUMNS, SETTING_COLUMNS)
    names = {_key(sheet.cell(r, "Setting").value): r for r in sheet.rows()}
    row = names.get(_key("Reporting period"))
    if row is None:
        row = max([sheet.header_row, *names.values()]) + 1
        ws.cell(row=row, column=sheet.columns["Setting"], value="Reporting period")
    ws.cell(row=row, column=sheet.columns["Value"], value=period)
    listed = names.get(_key("Period columns"))
    cell = listed and ws.cell(row=listed, column=sheet.columns["Value"])
    if cell is not None and isinstance(cell.value, str) and "," in cell.value:
        labels = [p.strip() for p in cell.value.split(",") if p.strip()]
        if period not in labels:
            cell.value = ", ".join([*labels, period])


def carry_words(book, previous: dict[str, str]) -> None:
    """Clear every Commentary row's words; put each measure's last words (`previous`) in
    the reference column beside them, adding rows for measures whose words came in a return."""
    ws = find_sheet(book, COMMENTARY, COMMENTARY_SHEET, Problems())
    sheet = header(ws, COMMENTARY, (*COMMENTARY_COLUMNS, PREVIOUS_WORDS), COMMENTARY_REQUIRED)
    if PREVIOUS_WORDS not in sheet.columns:
        column = max(c.column for c in ws[sheet.header_row] if c.value is not None) + 1
        ws.cell(row=sheet.header_row, column=column, value=PREVIOUS_WORDS)
        ws.column_dimensions[get_column_letter(column)].width = 40
        sheet.columns[PREVIOUS_WORDS] = column
    rows = {_key(sheet.cell(r, "ID").value): r for r in sheet.rows()}
    last = max([sheet.header_row, *rows.values()])
    for measure_id in previous:
        if _key(measure_id) not in rows:
            last += 1
            ws.cell(row=last, column=sheet.columns["ID"], value=measure_id)
            rows[_key(measure_id)] = last
    by_key = {_key(k): v for k, v in previous.items()}
    for key, row in rows.items():
        kept = sheet.cell(row, PREVIOUS_WORDS)
        kept.value = by_key.get(key)
        kept.alignment = Alignment(wrap_text=True, vertical="top")
        for name in COMMENTARY_COLUMNS[1:]:
            cell = sheet.cell(row, name)
            if cell is not None:
                cell.value = None


def formula_cells(book, file: str) -> list[Where]:
    """Where the workbook holds formulas (openpyxl saves them without their results)."""
    return [Where(file, ws.title, cell.coordinate) for ws in book.worksheets
            for row in ws.iter_rows() for cell in row if cell.data_type == "f"][:20]


def clear_meeting_dates(book) -> None:
    ws = find_sheet(book, COMMENTARY, REPORT_SHEET, Problems(), required=False)
    sheet = ws and header(ws, COMMENTARY, REPORT_COLUMNS, REPORT_COLUMNS)
    if sheet is None:
        return
    dates = {_key(name) for name in DATE_FIELDS}
    for row in sheet.rows():
        if _key(sheet.cell(row, "Field").value) in dates:
            sheet.cell(row, "Value").value = None


def report_texts(book):
    """(where, text) of every Report value, Narrative heading and text, and Dashboard title
    and text."""
    report = find_sheet(book, COMMENTARY, REPORT_SHEET, Problems(), required=False)
    sheet = report and header(report, COMMENTARY, REPORT_COLUMNS, REPORT_COLUMNS)
    for row in sheet.rows() if sheet else ():
        cell = sheet.cell(row, "Value")
        if isinstance(cell.value, str):
            yield Where(COMMENTARY, report.title, cell.coordinate), cell.value
    for name, columns, required, texts in (
            (NARRATIVE_SHEET, NARRATIVE_COLUMNS, NARRATIVE_REQUIRED, ("Heading", "Text")),
            (DASHBOARD_SHEET, DASHBOARD_COLUMNS, DASHBOARD_REQUIRED, ("Title", "Text"))):
        found = find_sheet(book, COMMENTARY, name, Problems(), required=False)
        sheet = found and header(found, COMMENTARY, columns, required)
        for row in sheet.rows() if sheet else ():
            for column in texts:
                cell = sheet.cell(row, column)
                if cell is not None and isinstance(cell.value, str):
                    yield Where(COMMENTARY, found.title, cell.coordinate), cell.value


def stale_mentions(text: str, old_period: str | None, statuses: list[str]) -> str | None:
    """What in `text` belongs to the last period: its label ("Q2 2017/18", also written
    "Q2 2017-18"), or a count of statuses ("four are Green", "3 Red", "Red: 3", "Green (4)")."""
    found = []
    if old_period:
        variants = {old_period, old_period.replace("/", "-"), old_period.replace("-", "/")}
        month = re.fullmatch(r"([A-Z][a-z]{2}) (\d{4})", old_period)  # "Sep 2016"
        if month:
            name = next((m for m in MONTHS if m.startswith(month[1])), None)
            variants |= {f"{name} {month[2]}"} if name else set()
        hit = next((v for v in variants if v.casefold() in text.casefold()), None)
        if hit:
            found.append(f"'{hit}'")
    count = re.compile(r"(?<![\d/-])\b(?!(?:19|20)\d\d\b)(\d+|" + "|".join(NUMBER_WORDS)
                       + r")\b(?![/-]\d)", re.IGNORECASE)
    for status in statuses:
        for match in re.finditer(rf"\b{re.escape(status)}\b", text, re.IGNORECASE):
            before = text[max(0, match.start() - 30):match.start()]
            counts = [c for c in count.finditer(before) if not re.search(r"[.;:,()\n]",
                                                                           before[c.start():])]
            after = re.match(rf"\s*(?:[:=(\u2013\u2014-]|\bx\b)\s*({count.pattern})\)?",
                             text[match.end():match.end() + 12], re.IGNORECASE)
            if counts:
                found.append(f"'{before[counts[-1].start():]}{match.group(0)}'")
                break
            if after:  # "Red: 3", "Green (4)", "Amber - two"
                found.append(f"'{match.group(0)}{text[match.end():match.end() + after.end()]}'")
                break
    return " and ".join(found) or None



