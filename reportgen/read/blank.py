"""Start a report set: the contract's two workbooks with every sheet and header and no data.

`reportgen new SET` writes `outturns.xlsx` and `commentary.xlsx` as an officer would want to
find them in Excel: an Instructions sheet first (every column: what it holds, whether it is
required, its allowed values, an example), frozen header rows, column widths to type into,
drop-down lists where the values are fixed (Good to be, Yes/No, Roll-up, Scheme and RAG
override from the schemes the set can use), the Settings listed with their defaults and the
Report fields with empty values. No example rows: nothing here could be published by mistake.
The texts are reportgen/read/instructions.toml; the names are the contract's.
"""

from __future__ import annotations

import io
import math
import tomllib
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from reportgen.errors import UsageError
from reportgen.read.contract import (
    ABOUT, ARROWS_SHEET, COMMENTARY, COMMENTARY_COLUMNS, COMMENTARY_SHEET, INSTRUCTIONS_SHEET,
    MEASURE_COLUMNS, MEASURES_SHEET, NARRATIVE_COLUMNS, NARRATIVE_SHEET, OUTTURNS, OUTTURNS_SHEET,
    DASHBOARD_COLUMNS, DASHBOARD_SHEET,
    PREVIOUS_WORDS, REPORT_COLUMNS, REPORT_FIELDS, REPORT_SHEET, SETTING_COLUMNS, SETTINGS, SETTINGS_SHEET,
)

INSTRUCTIONS = Path(__file__).with_name("instructions.toml")
ROWS = 500  # drop-down lists cover this many rows below the header
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
INSTRUCTION_HEADERS = ("Sheet", "Column", "Required", "Allowed values", "What it holds",
                       "Example")
INSTRUCTION_WIDTHS = (14, 24, 22, 28, 90, 30)
YES_NO = ("Yes", "No")


def load_instructions() -> dict:
    return tomllib.loads(INSTRUCTIONS.read_text(encoding="utf-8"))


def new_set(folder: Path, schemes: list[str], statuses: list[str]) -> list[Path]:
    """Create `folder` with blank `outturns.xlsx` and `commentary.xlsx`; return their paths.

    `schemes` and `statuses` fill the Scheme and RAG override drop-downs. A folder that holds
    any file is refused (UsageError), so nothing an officer typed is ever overwritten."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder: name a new folder for the set")
    held = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    if held:
        shown = ", ".join(held[:5]) + (", …" if len(held) > 5 else "")
        raise UsageError(f"{folder} already holds files ({shown}); reportgen new only fills "
                         "an empty or new folder, so nothing there is overwritten: name a new "
                         "folder")
    from reportgen.write import write_outputs

    texts = load_instructions()
    lists = {"schemes": schemes, "statuses": statuses}
    books = {OUTTURNS: outturns_workbook(texts, lists), COMMENTARY: commentary_workbook(texts, lists)}
    folder.mkdir(parents=True, exist_ok=True)
    return write_outputs(folder, {name: workbook_bytes(book) for name, book in books.items()})


def outturns_workbook(texts: dict, lists: dict) -> Workbook:
    book = Workbook()
    instructions = book.active
    columns = texts["columns"]
    measures = table_sheet(book, MEASURES_SHEET, MEASURE_COLUMNS, columns[MEASURES_SHEET], lists)
    measures.freeze_panes = "B2"
    outturns = table_sheet(book, OUTTURNS_SHEET, ("ID",), columns[OUTTURNS_SHEET], lists)
    outturns.freeze_panes = "B2"
    settings = [(name, "", about_setting(texts["settings"][name])) for name in SETTINGS]
    pairs_sheet(book, SETTINGS_SHEET, SETTING_COLUMNS, columns[SETTINGS_SHEET], settings)
    setting_lists(book[SETTINGS_SHEET], texts["settings"], lists)
    table_sheet(book, ARROWS_SHEET, ("ID",), columns[ARROWS_SHEET], lists).freeze_panes = "B2"
    fill_instructions(instructions, [
        *column_rows(MEASURES_SHEET, MEASURE_COLUMNS, columns[MEASURES_SHEET], lists),
        *column_rows(OUTTURNS_SHEET, tuple(columns[OUTTURNS_SHEET]), columns[OUTTURNS_SHEET],
                     lists),
        *column_rows(ARROWS_SHEET, tuple(columns[ARROWS_SHEET]), columns[ARROWS_SHEET], lists),
        *((SETTINGS_SHEET, name, "no", allowed_text(spec["allowed"], lists), spec["meaning"],
           f"default: {spec['default']}") for name, spec in texts["settings"].items()),
    ], "outturns.xlsx holds the measures and their values. Fill Measures (one row per "
       "measure), then Outturns (one column per period, one row per measure), then the "
       "Settings you want to change. Then run: reportgen check <this folder>.")
    return book


def commentary_workbook(texts: dict, lists: dict) -> Workbook:
    book = Workbook()
    instructions = book.active
    columns = texts["columns"]
    pairs_sheet(book, REPORT_SHEET, REPORT_COLUMNS, columns[REPORT_SHEET],
                [(name, "", texts["report"][name]) for name in REPORT_FIELDS])
    yes_no = list_rule(list(YES_NO), "Confidential")
    book[REPORT_SHEET].add_data_validation(yes_no)
    yes_no.add(f"B{REPORT_FIELDS.index('Confidential') + 2}")
    table_sheet(book, COMMENTARY_SHEET, COMMENTARY_COLUMNS, columns[COMMENTARY_SHEET], lists)
    table_sheet(book, NARRATIVE_SHEET, NARRATIVE_COLUMNS, columns[NARRATIVE_SHEET], lists)
    table_sheet(book, DASHBOARD_SHEET, DASHBOARD_COLUMNS, columns[DASHBOARD_SHEET], lists)
    fill_instructions(instructions, [
        *column_rows(COMMENTARY_SHEET, (*COMMENTARY_COLUMNS, PREVIOUS_WORDS),
                     columns[COMMENTARY_SHEET], lists),
        *((REPORT_SHEET, name, "no", "Yes, No" if name == "Confidential" else "",
           texts["report"][name], "") for name in REPORT_FIELDS),
        *column_rows(NARRATIVE_SHEET, NARRATIVE_COLUMNS, columns[NARRATIVE_SHEET], lists),
        *column_rows(DASHBOARD_SHEET, DASHBOARD_COLUMNS, columns[DASHBOARD_SHEET], lists),
    ], "commentary.xlsx holds the words. Commentary: one row per measure, by its ID. Report: "
       "the Report to Cabinet's cover fields. Narrative: the Report to Cabinet's body, one row "
       "per block; leave it without rows and no Report to Cabinet is built. Dashboard: the "
       "monthly dashboard's blocks in order; leave it without rows and no dashboard is built.")
    return book


def table_sheet(book: Workbook, title: str, headers: tuple[str, ...], texts: dict,
                lists: dict):
    """Add a sheet headed by `headers` (a frozen, bold header row) with drop-down lists."""
    sheet = book.create_sheet(title)
    sheet.append(list(headers))
    style_header(sheet, headers, texts)
    sheet.freeze_panes = "A2"
    for col, header in enumerate(headers, 1):
        rule = list_rule(allowed_values(texts.get(header, {}).get("allowed"), lists), header)
        if rule is not None:
            letter = get_column_letter(col)
            sheet.add_data_validation(rule)
            rule.add(f"{letter}2:{letter}{ROWS + 1}")
    return sheet


def pairs_sheet(book: Workbook, title: str, headers: tuple[str, ...], texts: dict,
                rows: list[tuple[str, str, str]]):
    """Add a `Name | Value | About` sheet: the names listed, values empty, About for reference."""
    sheet = book.create_sheet(title)
    headers = (*headers, ABOUT)
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    style_header(sheet, headers, texts)
    sheet.freeze_panes = "B2"
    for row in sheet.iter_rows(min_row=2, min_col=3, max_col=3):
        row[0].alignment = WRAP
        row[0].font = Font(italic=True, color="505A5F")
    return sheet


def setting_lists(sheet, settings: dict, lists: dict) -> None:
    """Drop-down lists on the Value cells of settings whose values are fixed."""
    for row, name in enumerate(SETTINGS, 2):
        rule = list_rule(allowed_values(settings[name]["allowed"], lists), name)
        if rule is not None:
            sheet.add_data_validation(rule)
            rule.add(f"B{row}")


def style_header(sheet, headers: tuple[str, ...], texts: dict) -> None:
    for col, header in enumerate(headers, 1):
        cell = sheet.cell(row=1, column=col)
        cell.font, cell.fill = BOLD, HEADER_FILL
        width = texts.get(header, {}).get("width", max(10, len(header) + 2))
        sheet.column_dimensions[get_column_letter(col)].width = width


def column_rows(sheet: str, headers: tuple[str, ...], texts: dict, lists: dict):
    for header in headers:
        spec = texts[header]
        yield (sheet, header, spec["required"], allowed_text(spec.get("allowed"), lists),
               spec["meaning"], spec["example"])


def fill_instructions(sheet, rows, intro: str) -> None:
    sheet.title = INSTRUCTIONS_SHEET
    sheet.append([intro])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(INSTRUCTION_HEADERS))
    sheet.row_dimensions[1].height = 48
    sheet["A1"].alignment = WRAP
    sheet.append(list(INSTRUCTION_HEADERS))
    for col, width in enumerate(INSTRUCTION_WIDTHS, 1):
        cell = sheet.cell(row=2, column=col)
        cell.font, cell.fill = BOLD, HEADER_FILL
        sheet.column_dimensions[get_column_letter(col)].width = width
    for row in rows:
        sheet.append(list(row))
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = WRAP
    sheet.freeze_panes = "A3"


def about_setting(spec: dict) -> str:
    return f"Default: {spec['default']}. {spec['meaning']}"


def allowed_values(allowed, lists: dict) -> list[str]:
    """The fixed values of a column: a list as written, or the set's schemes or statuses."""
    if isinstance(allowed, list):
        return allowed
    return list(lists.get(allowed, [])) if allowed else []


def allowed_text(allowed, lists: dict) -> str:
    return ", ".join(allowed_values(allowed, lists))


def list_rule(values: list[str], title: str = "") -> DataValidation | None:
    """A drop-down list of `values` that refuses other entries, or None when Excel cannot
    hold the list (a value with a comma or quote, or over 255 characters in all)."""
    text = ",".join(values)
    if not values or len(text) > 255 or any("," in v or '"' in v for v in values):
        return None
    return DataValidation(type="list", formula1=f'"{text}"', allow_blank=True,
                          showErrorMessage=True, errorTitle=title or None,
                          error=f"Choose one of: {', '.join(values)}")


def fit_rows(sheet, first: int) -> None:
    """Set the height of rows from `first` down to fit their wrapped text: Excel and
    LibreOffice do not grow a row that openpyxl wrote until someone edits it."""
    widths = {letter: dim.width for letter, dim in sheet.column_dimensions.items()}
    for row in sheet.iter_rows(min_row=first):
        lines = max((math.ceil(len(str(c.value)) * 1.1 / max(widths.get(c.column_letter, 10),
                                                              1))
                     for c in row if c.value is not None and c.alignment.wrap_text),
                    default=1)
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = 15 * lines


def workbook_bytes(book: Workbook) -> bytes:
    """The workbook's bytes, every sheet fitted for printing (`fit_for_print`)."""
    for sheet in book.worksheets:
        fit_for_print(sheet, 2 if sheet.title == INSTRUCTIONS_SHEET else 1)
    return saved_bytes(book)


def saved_bytes(book: Workbook) -> bytes:
    """The bytes Excel would find in the file `book` is saved as (written atomically by the
    caller, with the other files of its step)."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def fit_for_print(sheet, header_row: int = 1) -> None:
    """Rows tall enough for their wrapped text; printed landscape, one page wide, the header
    row repeated on every page."""
    fit_rows(sheet, header_row + 1)
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.print_title_rows = f"{header_row}:{header_row}"
