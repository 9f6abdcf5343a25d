"""Commentary returns: one workbook per owner in the set's `returns/` folder.

`reportgen collect` writes them (`write_return`): a `Commentary` sheet, one row per measure
the owner reports, with protected reference columns (the measure's name, status, recent
values, target, last period's words) beside the contract's Commentary columns to fill.
`read.workbook.read_returns` reads every one of them back (`contract.return_files`),
beside commentary.xlsx.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter

from reportgen.model import Commentary
from reportgen.read.blank import HEADER_FILL, fit_for_print, saved_bytes
from reportgen.read.contract import (
    COMMENTARY_COLUMNS, COMMENTARY_SHEET, PREVIOUS_WORDS, RETURN_REFERENCE,
)

# The reference first, where a manager reads it before writing: the ID and measure, then its
# numbers and last period's words, then the Commentary columns to fill.
RETURN_COLUMNS = ("ID", *RETURN_REFERENCE, *COMMENTARY_COLUMNS[1:])
FILL_WIDTHS = {"ID": 9, "Benchmarking": 30, "Commentary": 48, "Actions": 32, "Value note": 14,
               "RAG override": 13, "Override reason": 24}
REFERENCE_WIDTHS = {"Measure": 30, "Recent values": 22, "Target": 14, "Status": 9,
                    PREVIOUS_WORDS: 36}
REFERENCE_FILL = PatternFill("solid", fgColor="EEEEEE")


def has_words(words: Commentary | None) -> bool:
    return bool(words and words.cells())


def write_return(rows: list[dict[str, object]], owner: str) -> bytes:
    """Return the bytes of `owner`'s return: one row per measure, each a dict holding the
    Commentary columns to fill (ID and any words already given) and RETURN_REFERENCE."""
    book = Workbook()
    sheet = book.active
    sheet.title = COMMENTARY_SHEET
    headers = RETURN_COLUMNS
    sheet.append(list(headers))
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    wrap = Alignment(wrap_text=True, vertical="top")
    for col, header in enumerate(headers, 1):
        letter = get_column_letter(col)
        fill_in = header in COMMENTARY_COLUMNS and header != "ID"
        sheet.column_dimensions[letter].width = {**FILL_WIDTHS, **REFERENCE_WIDTHS}[header]
        top = sheet.cell(row=1, column=col)
        top.font, top.fill = Font(bold=True), HEADER_FILL if fill_in or header == "ID" \
            else REFERENCE_FILL
        for cell in sheet[letter][1:]:
            cell.alignment = wrap
            cell.protection = Protection(locked=not fill_in)
            if not fill_in and header != "ID":
                cell.fill = REFERENCE_FILL
    sheet.freeze_panes = "C2"  # the ID and the measure's name stay in view
    sheet.protection.sheet = True  # no password: it guards against slips, not people
    sheet.protection.formatColumns = sheet.protection.formatRows = False
    fit_for_print(sheet)
    book.properties.title = f"Commentary return: {owner}"
    return saved_bytes(book)

