"""Read a report set's workbooks (outturns.xlsx, commentary.xlsx) into the domain model.

openpyxl lives here and nowhere else. Every problem is collected with its file, sheet and
cell and a fix, so an officer can correct a workbook in one pass.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import warnings
import weakref
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import defusedxml  # noqa: F401  (openpyxl uses defusedxml for parsing when it is installed)
import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple

from reportgen.read.contract import (
    ABOUT, ARROW_SYMBOLS, ARROW_WORDS, ARROWS_SHEET, BENCHMARK_HEADERS, COMMENTARY,
    COMMENTARY_COLUMNS, COMMENTARY_REQUIRED, COMMENTARY_SHEET, DATE_FIELDS,
    DIRECTION_COMPARATORS, DOCUMENTS, HEADER_ROWS, MEASURE_COLUMNS, MEASURE_REQUIRED,
    MEASURES_SHEET, NARRATIVE_COLUMNS, NARRATIVE_REQUIRED, NARRATIVE_SHEET, OPTIONAL_SHEETS,
    CHARTS_BLOCK, COMPARISON_BLOCK, DASHBOARD_BLOCKS, DASHBOARD_COLUMNS, DASHBOARD_REQUIRED,
    DASHBOARD_SHEET, SUCCESS_BLOCK, TEXT_BLOCK,
    OUTTURNS, OUTTURNS_REQUIRED, OUTTURNS_SHEET, REPORT_COLUMNS, REPORT_FIELDS, REPORT_SHEET,
    PREVIOUS_WORDS, RETURNS_FOLDER, ROLL_UPS, SETTING_COLUMNS, SETTINGS, SETTINGS_SHEET,
    WORKBOOK_SHEETS, return_files,
)
from reportgen.model import (
    BENCHMARKS, Commentary, DashboardRow, Measure, NarrativeRow, Number, Observation, Polarity, ReportSet,
    Settings,
)
from reportgen.errors import Problems, ReportgenError, Where, cells_text
from reportgen.schemes import apply_schemes, scheme_files
from reportgen.limits import current_limits, env_name
from reportgen.read.package import (
    SPREADSHEET_SUFFIXES, literal_strings, read_package, scan_cells, stored_cells,
)
from reportgen.read.benchmarks import IndicatorCell, benchmark_inputs, import_benchmarks
from reportgen.read.scales import check_scales
from reportgen.text import break_long_words, clean_text, has_long_word, shows_nothing

EXCEL_CELL_LIMIT = 32_767  # characters Excel itself lets a cell hold
MAX_NUMBER = Decimal(10) ** 12  # beyond any performance figure; keeps rounding exact
MAX_DECIMALS = 10
EXCEL_ERRORS = {
    "#DIV/0!": "a division by zero", "#N/A": "a lookup that found nothing",
    "#VALUE!": "a value of the wrong type in a formula", "#REF!": "a reference to a deleted cell",
    "#NAME?": "an unknown function or name", "#NUM!": "an impossible number",
    "#NULL!": "ranges that do not meet", "#SPILL!": "a result that cannot spill",
    "#CALC!": "a calculation Excel cannot do", "#GETTING_DATA": "data still loading",
    "#FIELD!": "a missing data field", "#BLOCKED!": "a blocked data source",
    "#CONNECT!": "a failed connection", "#BUSY!": "a calculation still running",
    "#UNKNOWN!": "an unknown data type", "#EXTERNAL!": "a failed external call",
    "#PYTHON!": "a failed Python formula",
}
UNAVAILABLE_WORDS = {"n/a", "na", "data currently unavailable", "unavailable",
                     "this measure is currently under development", "under development"}

BENCHMARK_COLUMNS = dict(zip(BENCHMARK_HEADERS, BENCHMARKS))


@dataclass
class Sheet:
    """A worksheet with its located header row: column name -> column index (1-based)."""

    file: str
    ws: object
    header_row: int
    columns: dict[str, int]
    extra: dict[str, int]

    @property
    def name(self) -> str:
        return self.ws.title

    def where(self, row: int, column: str | int | None = None) -> Where:
        if column is None:
            return Where(self.file, self.name, f"row {row}")
        index = self.columns[column] if isinstance(column, str) else column
        return Where(self.file, self.name, f"{get_column_letter(index)}{row}")

    def cell(self, row: int, column: str):
        index = self.columns.get(column)
        return None if index is None else self.ws.cell(row=row, column=index)

    def rows(self):
        """Yield the numbers of the data rows below the header that hold anything in a read
        column, in order: at most the row limit of them (`audit_sheet` names any beyond)."""
        last = self.header_row + current_limits().max_rows
        wanted = set(self.columns.values())
        for row, cells in filled_cells(self.ws).items():
            if self.header_row < row <= last and not wanted.isdisjoint(cells):
                yield row


# What the files hold, by worksheet: kept beside openpyxl's objects, never on them.
_STORED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # ws -> (row, col) list
_FILLED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # ws -> filled_cells
_UNCACHED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # ws -> {ref: formula}


def filled_cells(ws) -> dict[int, dict[int, object]]:
    """Return the sheet's non-blank values by row, then column, rows in order.

    For a workbook read from a file (`open_workbook`, `open_to_edit`) only the cells the file
    stores are looked at (`read.package.stored_cells`): a loop over max_row x max_column
    instead runs for hours after one stray cell at XFD1048576. A workbook made in memory is
    read row by row.
    """
    cached = _FILLED.get(ws)
    if cached is None:
        stored = _STORED.get(ws)
        cells = (ws.cell(row=row, column=col) for row, col in stored) if stored is not None \
            else (cell for row in ws.iter_rows() for cell in row)
        rows: dict[int, dict[int, object]] = {}
        for cell in cells:
            if not _blank(cell.value):
                rows.setdefault(cell.row, {})[cell.column] = cell.value
        cached = _FILLED[ws] = {row: dict(sorted(rows[row].items())) for row in sorted(rows)}
    return cached


def open_to_edit(path: Path):
    """Return the workbook at `path` as openpyxl keeps it for saving (formulas as typed), its
    stored cells known to `filled_cells`. For files `open_workbook` has already accepted."""
    wb = openpyxl.load_workbook(path)
    _remember_cells(wb, path)
    return wb


def _remember_cells(wb, path: Path) -> None:
    stored = stored_cells(path)
    for ws in wb.worksheets:
        if ws.title in stored:
            _STORED[ws] = stored[ws.title]


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _key(text) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


key = _key  # how sheet, column and row names are matched: case and runs of spaces ignored


# --- opening files -----------------------------------------------------------------------

# What an officer may save a workbook as; `open_workbook` explains the ones it cannot read.
WORKBOOK_SUFFIXES = SPREADSHEET_SUFFIXES + (".xls", ".xlsb", ".ods", ".csv")
# How copies are named: "Copy of outturns", "commentary - Copy", "commentary (1)", "outturns v2".
_COPY_MARKS = re.compile(r"^\s*copy\s+of\s+|[\s_-]*copy\s*$|\s*\(\d+\)\s*$|[\s_-]*v\d+\s*$",
                         re.IGNORECASE)
# A name this many letters from a contract name (case and spaces ignored) is taken for it.
LOOKALIKE_EDITS = 2


def find_workbook(folder: Path, name: str) -> Path:
    """Return the workbook `name` in `folder`: as named, else a file differing only in case,
    else one saved as .xlsm (or another format, which `open_workbook` then explains)."""
    path = folder / name
    if path.exists() or not folder.is_dir():
        return path
    stem = Path(name).stem.casefold()
    found = {p.name.casefold(): p for p in sorted(folder.iterdir())
             if not p.name.startswith("~$") and p.is_file()}  # Excel's lock files
    for suffix in WORKBOOK_SUFFIXES:
        if stem + suffix in found:
            return found[stem + suffix]
    return path


def open_workbook(path: Path, problems: Problems, shown: str | None = None):
    """Return the openpyxl workbook at `path` (values only), or None after adding a problem.

    The file is checked before openpyxl parses it (`read_package`): its kind, its size and
    compression ratio against the limits. Macros are neither kept nor run; formulas saved
    without a result are found in the XML and named later (`audit_sheet`).
    """
    where = Where(shown or path.name)
    if not path.is_file():
        others = sorted(p.name for p in path.parent.glob("*.xls*") if not p.name.startswith("~$")) \
            if path.parent.is_dir() else []
        seen = f" (found: {', '.join(others[:6])})" if others else ""
        problems.error(f"{path.name} is missing from the report set folder {path.parent}{seen}",
                       f"put {path.name} in {path.parent}, or rename the workbook to {path.name}",
                       where)
        return None
    package = read_package(path, problems, current_limits())
    if package is None:
        return None
    for lock in dict.fromkeys((path.with_name("~$" + path.name),
                               path.with_name("~$" + path.name[2:]))):
        if lock.exists():
            problems.warning(f"{path.name} looks open in Excel (its lock file {lock.name} is "
                             "beside it): edits not yet saved are not in the file",
                             "save and close it in Excel, then build again", where)
            break
    if package.macros:
        problems.warning(f"{path.name} holds macros "
                         f"({', '.join(_shown(m, 60) for m in package.macros[:3])}); reportgen "
                         "reads only the cell values and never runs or keeps macros",
                         "nothing to do; to stop this warning, save it as 'Excel Workbook "
                         "(*.xlsx)'", where)
    if package.links:
        problems.warning(f"{path.name} has formulas linked to other workbooks; reportgen uses "
                         "the values saved in this file and opens no other file",
                         "open it in Excel, update the links, save, and build again if the "
                         "values may be out of date", where)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it drops
            wb = openpyxl.load_workbook(literal_strings(path) or path, data_only=True,
                                        keep_vba=False, keep_links=False)
    except MemoryError:
        problems.error(f"{path.name} is too big to open within the memory limit",
                       "delete unused sheets, rows and formatting, or split the workbook; if it "
                       f"is just large, raise {env_name('set_memory_mb')}", where)
        return None
    except Exception as exc:  # openpyxl raises many types for damaged files
        bad = scan_cells(path, all_numbers=True).bad_numbers
        for title, cells in bad.items():
            for ref, text in list(cells.items())[:5]:
                problems.error(f"the cell holds '{text}', which is not a number Excel can store "
                               "(it was written by another program)", "type a number, or clear "
                               "the cell, then save in Excel", Where(path.name, title, ref))
        if not bad and path.suffix.lower() not in (".xlsx", ".xlsm", ".xltx", ".xltm"):
            # it opened as a workbook's zip (read_package), but openpyxl goes by the name
            problems.error(f"{path.name} is an Excel workbook (.xlsx) with another name",
                           f"rename it to {path.stem}.xlsx", where)
        elif not bad:
            detail = str(exc).strip()[:200]
            problems.error(f"{path.name} is damaged and cannot be opened as a workbook"
                           + (f" ({detail})" if detail else ""),
                           "open it in Excel (which may offer to repair it) and save it again "
                           "as .xlsx", where)
        return None
    formulas = scan_cells(path).uncached
    for ws in wb.worksheets:
        _UNCACHED[ws] = formulas.get(ws.title, {})
    _remember_cells(wb, path)
    return wb


def find_sheet(wb, file: str, name: str, problems: Problems, required: bool = True):
    """Return the worksheet called `name` (case and spaces ignored), or None.

    A hidden sheet is read, with a warning; when two sheets differ only in case or spaces
    the one named exactly wins, else neither is guessed.
    """
    matches = [ws for ws in wb.worksheets if _key(ws.title) == _key(name)]
    exact = [ws for ws in matches if ws.title == name]
    if len(matches) > 1 and not exact:
        names = " and ".join(f"'{ws.title}'" for ws in matches)
        problems.error(f"sheets {names} both look like '{name}'",
                       f"rename the right one '{name}' and rename or delete the other",
                       Where(file))
        return None
    if matches:
        ws = (exact or matches)[0]
        if ws.sheet_state != "visible":
            problems.warning(f"sheet '{ws.title}' is hidden; it is read all the same",
                             "unhide it (right-click a sheet tab > Unhide) to check what it "
                             "holds", Where(file, ws.title))
        return ws
    if required:
        titles = list(wb.sheetnames)
        found = (", ".join(f"'{_shown(t)}'" for t in titles[:10])
                 + (f" and {len(titles) - 10:,} more" if len(titles) > 10 else "")) or "none"
        close = difflib.get_close_matches(_key(name), {_key(t): t for t in titles}, n=1,
                                          cutoff=0.6)
        like = next((t for t in titles if _key(t) == close[0]), None) if close else None
        several = [t for t in titles if _key(name) in _key(t)]
        if len(several) > 1:  # "Commentary - Jane", "Commentary - Bob": one per manager
            fix = (f"each of {', '.join(repr(t) for t in several)} would be one manager's "
                   f"words: save each as its own workbook in the set's {RETURNS_FOLDER}/ "
                   f"folder, its sheet named '{name}' (reportgen collect writes them), or "
                   f"copy all the rows into one sheet named '{name}'")
        else:
            fix = (f"rename the sheet '{like}' to '{name}'" if like else
                   f"add a sheet named '{name}' or rename the right one")
        problems.error(f"sheet '{name}' is missing (found: {found})", fix, Where(file))
    return None


def _edits(a: str, b: str) -> int:
    """Return how many letters must be added, removed or changed to turn `a` into `b`."""
    row = list(range(len(b) + 1))
    for i, letter in enumerate(a, start=1):
        previous, row[0] = row[0], i
        for j, other in enumerate(b, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1,
                                           previous + (letter != other))
    return row[-1]


def lookalike(name: str, expected) -> str | None:
    """Return the name in `expected` that `name` looks like: at most `LOOKALIKE_EDITS` letters
    from it, case and spaces ignored, as typed or without a copy's marks ("Narative",
    "commentary (1)", "Copy of outturns"); None when it is far from every one ("Notes")."""
    def key(text: str) -> str:
        return re.sub(r"\s+", "", text).casefold()

    forms = {key(name), key(_COPY_MARKS.sub("", name))}
    distance = {e: min(_edits(form, key(e)) for form in forms) for e in expected}
    nearest = min(distance, key=distance.get, default=None)
    return nearest if nearest is not None and distance[nearest] <= LOOKALIKE_EDITS else None


def warn_lookalike_sheets(wb, file: str, found: dict[str, object], problems: Problems) -> None:
    """Warn about each sheet of `wb` that reportgen does not read but whose name looks like a
    sheet of the contract (`found`: this workbook's sheet names and the worksheet read for
    each, or None): a misspelt "Narative" would otherwise leave out the Report to Cabinet
    without a word. A missing required sheet is an error of `find_sheet` already."""
    read = {id(ws) for ws in found.values() if ws is not None}
    owners = {sheet: book for book, sheets in WORKBOOK_SHEETS.items() for sheet in sheets}
    for ws in wb.worksheets:
        nearest = None if id(ws) in read else lookalike(ws.title, owners)
        if nearest is None or (nearest in found and found[nearest] is None and (
                nearest not in OPTIONAL_SHEETS or _key(ws.title) == _key(nearest))):
            continue
        what, where = f"the {nearest.lower()}", Where(file, ws.title)
        if owners[nearest] != file:
            problems.warning(f"sheet '{_shown(ws.title)}' looks like the '{nearest}' sheet of "
                             f"{owners[nearest]}; it is not read from {file}",
                             f"if it is {what}, move it to {owners[nearest]}; otherwise ignore "
                             "this warning", where)
        elif found[nearest] is not None:
            problems.warning(f"sheet '{_shown(ws.title)}' looks like '{nearest}', but reportgen "
                             f"reads the sheet '{found[nearest].title}'; this one is ignored",
                             f"if it holds {what} to print, move it into '{nearest}'; otherwise "
                             "ignore this warning", where)
        else:
            problems.warning(f"sheet '{_shown(ws.title)}' is not one reportgen reads, but looks "
                             f"like '{nearest}'; it is ignored",
                             f"rename the sheet to {nearest} if it is {what}; otherwise ignore "
                             "this warning", where)


def warn_lookalike_workbooks(folder: Path, read: list[Path], problems: Problems) -> None:
    """Warn about each workbook in `folder` that reportgen does not read, saying so with the
    name to use when it looks like one it does ("commentary (1).xlsx", "Copy of
    outturns.xlsx"): edits saved there would otherwise be left out without a word. (A missing
    workbook is an error already.)"""
    if not folder.is_dir() or not all(path.is_file() for path in read):
        return
    names = {path.stem.casefold(): path for path in read}
    for path in sorted(folder.iterdir()):
        if (path in read or path.name.startswith("~$") or not path.is_file()
                or path.suffix.casefold() not in WORKBOOK_SUFFIXES):
            continue
        nearest = lookalike(path.stem, [Path(name).stem for name in (OUTTURNS, COMMENTARY)])
        if nearest is not None:
            problems.warning(f"{path.name} looks like {nearest}.xlsx, but reportgen reads "
                             f"{names[nearest].name}; {path.name} is ignored",
                             f"if {path.name} holds the edits to print, rename it "
                             f"{nearest}.xlsx (in place of the other); otherwise move it out of "
                             "the folder", Where(path.name))
        else:
            problems.warning(f"{path.name} is in the report set folder but reportgen does not "
                             f"read it (it reads {OUTTURNS}, {COMMENTARY} and the commentary "
                             f"returns in {RETURNS_FOLDER}/)",
                             f"if it is a commentary return, move it into {RETURNS_FOLDER}/ "
                             "(its sheet named Commentary); otherwise move it out of the folder",
                             Where(path.name))


def locate_header(ws, file: str, known: tuple[str, ...], required: tuple[str, ...],
                  problems: Problems, extra_allowed: bool = False) -> Sheet | None:
    """Return the sheet's header: the first row in rows 1-10 holding every required header."""
    wanted = {_key(k): k for k in known}
    best: tuple[int, set, dict] = (0, set(), {})
    filled = filled_cells(ws)
    for row in range(1, HEADER_ROWS + 1):
        seen = {}
        for col, value in filled.get(row, {}).items():
            seen.setdefault(_key(value), []).append(col)
        present = {wanted[k] for k in seen if k in wanted}
        if len(present & set(required)) > len(best[1] & set(required)):
            best = (row, present, seen)
        if set(required) <= present:
            sheet = _make_sheet(ws, file, row, seen, wanted, problems, extra_allowed)
            audit_sheet(sheet, problems)
            return sheet
    row, present, seen = best
    missing = [r for r in required if r not in present]
    hints = [_looks_like(name, seen, filled.get(row, {}), row) for name in missing]
    at = f" (best match: row {row}" + "".join(f"; {h}" for h in hints if h) + ")" if row else ""
    problems.error(f"no header row with the columns {', '.join(required)} in rows 1-{HEADER_ROWS}; "
                   f"missing {', '.join(missing)}{at}",
                   f"name the columns exactly (case and spaces do not matter): "
                   f"{', '.join(known)}", Where(file, ws.title, f"row {row}" if row else None))
    return None


def _looks_like(name: str, seen: dict[str, list[int]], values: dict[int, object],
                row: int) -> str | None:
    """Return "'Tolerence' in K1 looks like Tolerance" when a header in `seen` is close."""
    key = _key(name)
    close = difflib.get_close_matches(key, list(seen), n=1, cutoff=0.75)
    close = close or [k for k in seen if key in k.split(" ") or k.startswith(key)][:1]
    if not close:
        return None
    col = seen[close[0]][0]
    typed = _shown(values.get(col, close[0]))
    return f"'{typed}' in {get_column_letter(col)}{row} looks like {name}"


def _make_sheet(ws, file, row, seen, wanted, problems, extra_allowed) -> Sheet:
    columns, extra = {}, {}
    for key, cols in seen.items():
        name = wanted.get(key)
        if name is None:
            for col in cols:
                header = str(ws.cell(row=row, column=col).value).strip()
                extra[header] = col
                if extra_allowed:
                    continue
                close = difflib.get_close_matches(key, list(wanted), n=1, cutoff=0.8)
                problems.warning(f"column '{_shown(header)}' is not one reportgen reads; it is "
                                 "ignored",
                                 (f"if it is '{wanted[close[0]]}', correct the spelling" if close
                                  else "rename it to one of: " + ", ".join(wanted.values())
                                  + ", or leave it"),
                                 Where(file, ws.title, f"{get_column_letter(col)}{row}"))
            continue
        if len(cols) > 1:
            cells = ", ".join(f"{get_column_letter(c)}{row}" for c in cols)
            problems.error(f"column '{name}' appears {len(cols)} times ({cells})",
                           "keep one column with that header", Where(file, ws.title, cells))
        columns[name] = cols[0]
    return Sheet(file, ws, row, columns, extra)


def audit_sheet(sheet: Sheet, problems: Problems) -> None:
    """Name what reading `sheet` would otherwise lose or hide, below its header: merged cells,
    formulas without a saved result, rows beyond the limit, cells outside any headed column,
    hidden rows and columns (read all the same), and over-long text."""
    ws, header, where = sheet.ws, sheet.header_row, Where(sheet.file, sheet.name)
    headed = set(sheet.columns.values()) | set(sheet.extra.values())
    last = header + current_limits().max_rows
    for merged in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        if merged.max_row >= header and any(merged.min_col <= c <= merged.max_col
                                            for c in headed):
            first = f"{get_column_letter(merged.min_col)}{merged.min_row}"
            problems.error(f"cells {merged.coord} are merged, so only {first} holds a value",
                           "unmerge them (Home > Merge & Center) and type the value in each "
                           "cell", Where(sheet.file, sheet.name, merged.coord))
    uncached = [ref for ref in _UNCACHED.get(ws, {})
                if coordinate_to_tuple(ref)[0] >= header
                and coordinate_to_tuple(ref)[1] in headed]
    if uncached:
        formula = _shown(_UNCACHED[ws][uncached[0]], 60) or "a formula"
        what = (f"the cell holds {formula} but no saved result" if len(uncached) == 1 else
                f"{len(uncached):,} cells hold formulas but no saved result "
                f"({cells_text(uncached)}; {uncached[0]} is {formula})")
        problems.error(f"{what}: the file was saved by a program that does not calculate",
                       "open the workbook in Excel, let it calculate, save, and build again",
                       Where(sheet.file, sheet.name, uncached[0]))
    beyond, stray, hidden, long_text, long_word = None, [], [], [], []
    rows = ws.row_dimensions
    for row, cells in filled_cells(ws).items():
        if row <= header:
            continue
        in_table = [c for c in cells if c in headed]
        if row > last and in_table:
            beyond = beyond or row
            continue
        stray.extend(f"{get_column_letter(c)}{row}" for c in cells if c not in headed)
        if in_table and row in rows and rows[row].hidden:
            hidden.append(row)
        for col in in_table:
            value = cells[col]
            if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
                long_text.append(f"{get_column_letter(col)}{row}")
            if isinstance(value, str) and has_long_word(value):
                long_word.append(f"{get_column_letter(col)}{row}")
    if beyond:
        limit = current_limits().max_rows
        problems.error(f"data below the first {limit:,} rows under the header (in row "
                       f"{beyond:,}); reportgen reads at most {limit:,} rows of a sheet",
                       "delete the rows below the data, or split the workbook; the limit is "
                       f"{env_name('max_rows')}", Where(sheet.file, sheet.name, f"row {beyond}"))
    if stray:
        problems.warning(f"cells outside the table's headed columns are ignored: "
                         f"{cells_text(stray)}", "move the values into a headed column, or "
                         "delete them", Where(sheet.file, sheet.name, stray[0]))
    if hidden:
        problems.warning(f"row{'s' * (len(hidden) > 1)} {cells_text([str(r) for r in hidden])} "
                         f"{'are' if len(hidden) > 1 else 'is'} hidden; reportgen reads hidden "
                         "rows like any other", "unhide the rows (select the rows around them, "
                         "right-click > Unhide) to check them, or delete rows that should not "
                         "be reported", Where(sheet.file, sheet.name, f"row {hidden[0]}"))
    hidden_cols = sorted(c for c in headed if any(
        d.hidden and d.min and d.max and d.min <= c <= d.max
        for d in ws.column_dimensions.values()))
    if hidden_cols:
        letters = [get_column_letter(c) for c in hidden_cols]
        problems.warning(f"column{'s' * (len(letters) > 1)} {', '.join(letters)} "
                         f"{'are' if len(letters) > 1 else 'is'} hidden; reportgen reads hidden "
                         "columns like any other", "unhide them to check what they hold",
                         Where(sheet.file, sheet.name, f"{letters[0]}{header}"))
    for ref in long_text:
        problems.warning(f"the cell holds more than Excel's {EXCEL_CELL_LIMIT:,} characters; "
                         "it is printed in full", "check nothing was pasted twice, and shorten "
                         "it if it should fit in Excel", Where(sheet.file, sheet.name, ref))
    if long_word:
        problems.warning("a word longer than 200 characters (pasted data, a link or an encoded "
                         "image?) is printed with a space every 8 characters, so pages can be "
                         f"laid out: {cells_text(long_word)}",
                         "check the cell holds the text you meant; add spaces or remove the "
                         "data", Where(sheet.file, sheet.name, long_word[0]))


# --- cells -------------------------------------------------------------------------------

_NUMBER_TEXT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_THOUSANDS = re.compile(r"^[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d*)?$")  # 1,241 and 12,500.5


def format_decimals(number_format: str | None) -> int | None:
    """Return the decimals an Excel number format shows (None for General)."""
    if not number_format or number_format == "General":
        return None
    section = number_format.split(";")[0]
    section = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", section)
    match = re.search(r"\.([0#?]+)", section)
    return len(match.group(1)) if match else 0


def _natural_decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def read_number(cell, where: Where, label: str, problems: Problems,
                example: str = "85 or 85%") -> Number | None:
    """Return the number in `cell` in display units, or None (blank, or a problem added).

    A percentage-formatted cell (0.95 shown as 95%) reads as 95; text such as "95%",
    " 95 " or "1,241" reads as the number it shows.
    """
    value = cell.value
    if _blank(value):
        return None
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime, dt.time)):
        shown = ("TRUE" if value else "FALSE") if isinstance(value, bool) else \
            f"the date {value:%d %b %Y}" if isinstance(value, dt.date) else f"the time {value}"
        problems.error(f"{label} is {shown}, not a number",
                       f"type a number, e.g. {example}" + ("" if isinstance(value, bool) else
                                                           " (check the cell is not formatted "
                                                           "as a date)"), where)
        return None
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            problems.error(f"{label} is not a finite number", f"type a number, e.g. {example}",
                           where)
            return None
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        decimals = format_decimals(cell.number_format)
        if "%" in (cell.number_format or ""):
            number *= 100
            if decimals is None:
                decimals = _natural_decimals(number)
        if decimals is None:
            decimals = min(_natural_decimals(number), 6)
        number = number.normalize() if number == number.to_integral() else number
        return _bounded(number, decimals, where, label, problems,
                        marked="%" in (cell.number_format or ""))
    text = clean_text(str(value)).replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if text.upper() in EXCEL_ERRORS:
        problems.error(f"{label} is the Excel error {text.upper()} "
                       f"({EXCEL_ERRORS[text.upper()]} in a formula)",
                       "correct the formula in Excel, or type the value ('n/a' if there is "
                       "none)", where)
        return None
    marked, text = text.endswith("%"), text.removesuffix("%")
    if "," in text and not _THOUSANDS.match(text):
        problems.error(f"{label} '{_shown(value)}' has a comma that does not separate "
                       "thousands, so it cannot be read safely (12,5 is not 125)",
                       "type the number with a decimal point (12.5); a comma may only "
                       "separate thousands (1,241)", where)
        return None
    text = text.replace(",", "")
    if not _NUMBER_TEXT.match(text):
        problems.error(f"{label} '{_shown(value)}' is not a number",
                       f"type a number, e.g. {example}", where)
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern above guards this
        problems.error(f"{label} '{_shown(value)}' is not a number",
                       f"type a number, e.g. {example}", where)
        return None
    return _bounded(number, _natural_decimals(number), where, label, problems, marked)


def _shown(value, width: int = 40) -> str:
    """Return a cell's value as a message quotes it: one line, at most `width` characters."""
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _bounded(number: Decimal, decimals: int, where: Where, label: str,
             problems: Problems, marked: bool = False) -> Number | None:
    """Return `number` as a `Number` shown with at most `MAX_DECIMALS` decimals, or None after
    an error when it is beyond any performance figure (and exact rounding)."""
    if abs(number) >= MAX_NUMBER:
        problems.error(f"{label} {_shown(number)} is too large to be a performance figure",
                       "check the cell: type the value as it should be printed", where)
        return None
    return Number(number, min(decimals, MAX_DECIMALS), where, marked)


def read_text(cell) -> str | None:
    """Return the cell as clean text (a whole number typed as 12.0 reads as "12")."""
    if cell is None or _blank(cell.value):
        return None
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return period_label(value)
    return break_long_words(clean_text(str(value))) or None


def period_label(value) -> str:
    """Return a period header as printed: a date reads as "Mar 2016"."""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%b %Y")
    return clean_text(str(value))


def read_band(cell, where: Where, problems: Problems) -> Decimal | None:
    """Return an amber band as a fraction: "10%", 10 and 0.1 all mean 10%."""
    number = read_number(cell, where, "amber band", problems, "10%")
    if number is None:
        return None
    plain_fraction = (isinstance(cell.value, (int, float)) and "%" not in (cell.number_format or "")
                      and number.value <= 1)
    band = number.value if plain_fraction else number.value / 100
    if not Decimal(0) <= band < 1:
        problems.error(f"amber band {_shown(cell.value)!r} is not between 0% and 100%",
                       "type a band such as 10%", where)
        return None
    return band


# --- sheets ------------------------------------------------------------------------------

def read_measures(sheet: Sheet, problems: Problems) -> list[Measure]:
    """Return a `Measure` for every non-blank row of the `Measures` sheet."""
    measures, seen = [], {}
    for row in sheet.rows():
        measure = _read_measure(sheet, row, problems)
        if measure is None:
            continue
        key = _key(measure.id)
        if key in seen:
            problems.error(f"ID '{_shown(measure.id)}' is used twice (also row {seen[key]})",
                           "give every measure its own ID", sheet.where(row, "ID"))
            continue
        seen[key] = row
        measures.append(measure)
    if not measures and not problems.has_errors:
        problems.error("no measures yet", "fill in one row per measure below the header "
                       "(ID, Measure, Good to be, Unit, Target and Tolerance are needed; the "
                       "Instructions sheet says what each column holds)",
                       Where(sheet.file, sheet.name))
    return measures


def _read_measure(sheet: Sheet, row: int, problems: Problems) -> Measure | None:
    text = {name: read_text(sheet.cell(row, name)) for name in MEASURE_COLUMNS}
    if not text["ID"]:
        problems.error("this row has no ID", "type a unique ID (e.g. CSC01) in the ID column",
                       sheet.where(row, "ID"))
        return None
    if not text["Measure"]:
        problems.error(f"measure {_shown(text['ID'])} has no name", "type the measure's name",
                       sheet.where(row, "Measure"))
    unit = text["Unit"]
    measure = Measure(id=text["ID"], name=text["Measure"] or text["ID"],
                      portfolio=text["Portfolio"], service_area=text["Service area"],
                      outcome=text["Outcome"], theme=text["Theme"], unit=unit,
                      data_period=text["Data period"], tolerance_note=text["Tolerance note"],
                      benchmark_note=text["Benchmark note"], scheme=text["Scheme"],
                      lead_officer=text["Lead officer"], where=sheet.where(row),
                      benchmark_indicator=text["Benchmark indicator"],
                      benchmark_period=text["Benchmark period"])
    if measure.benchmark_indicator:
        measure.indicator_where = sheet.where(row, "Benchmark indicator")
    target_cell = sheet.cell(row, "Target")
    if text["Target"] and _key(text["Target"]) != "monitor":
        measure.target = read_number(target_cell, sheet.where(row, "Target"), "target", problems)
    tolerance = read_number(sheet.cell(row, "Tolerance"), sheet.where(row, "Tolerance"),
                            "tolerance", problems, "5 or 5%")
    if tolerance is not None:
        measure.tolerance = tolerance
    polarity = text["Good to be"]
    if polarity:
        try:
            measure.polarity = Polarity(polarity.strip().capitalize())
        except ValueError:
            problems.error(f"Good to be '{_shown(polarity)}' is not High or Low",
                           "type High (higher is better) or Low (lower is better)",
                           sheet.where(row, "Good to be"))
    elif measure.target is not None:
        problems.error(f"measure {_shown(measure.id)} has a target but no Good to be",
                       "type High or Low, or clear the target to report it as Monitor",
                       sheet.where(row, "Good to be"))
    if measure.polarity is not None and not text["Target"]:
        problems.warning(f"measure {_shown(measure.id)} has no target, so it is reported as "
                         "Monitor "
                         "(no RAG)", "type its target, or type Monitor in Target if it has none",
                         sheet.where(row, "Target"))
    if tolerance is not None and tolerance.value and measure.target is None and text["Target"] \
            is None:
        problems.warning(f"measure {_shown(measure.id)} has a tolerance but no target; the "
                         "tolerance "
                         "is not used", "type the target, or clear the tolerance",
                         sheet.where(row, "Tolerance"))
    if "Amber band" in sheet.columns:
        measure.amber_band = read_band(sheet.cell(row, "Amber band"),
                                       sheet.where(row, "Amber band"), problems)
    for column, name in BENCHMARK_COLUMNS.items():
        if column in sheet.columns:
            value = read_number(sheet.cell(row, column), sheet.where(row, column),
                                f"{name} benchmark", problems)
            if value is not None:
                measure.benchmarks[name] = value
    for column, label in (("Baseline", "baseline"), ("Next target", "next target")):
        if column in sheet.columns:
            setattr(measure, label.replace(" ", "_"), read_number(
                sheet.cell(row, column), sheet.where(row, column), label, problems))
    return measure


def _check_tolerance(measure: Measure, tolerance: Number, where: Where,
                     problems: Problems) -> None:
    """Name a tolerance (of a measure with a target, rated by tolerance) that would publish a
    wrong RAG: one below zero (it would make the target harder to meet, an error); one given
    as a percentage for a measure in another unit (the tolerance is in the measure's own
    unit: DOMAIN.md; an error); one as large as a High-is-good target or larger (every value
    of 0 or more is Green: a warning, as a measure's values may be negative)."""
    def plain(value: Decimal) -> str:
        return f"{value.normalize():f}"

    shown, unit, target = plain(tolerance.value), (measure.unit or "").strip(), \
        measure.target.value
    if tolerance.value < 0:
        problems.error(f"tolerance {shown} is below zero", "type how far the value may miss "
                       "the target and still be Green, as 0 or more (e.g. 5 or 5%)", where)
    elif tolerance.marked and not measure.target.marked and not _percent_unit(unit):
        problems.error(f"tolerance is typed as {shown}%, but measure {_shown(measure.id)} is "
                       f"{f'in {unit}' if unit else 'not a percentage'}",
                       "type the tolerance in the measure's own unit, without % (10% of a "
                       "target of 1,300 is 130)", where)
    elif measure.polarity is Polarity.HIGH and target - tolerance.value <= 0 < target:
        problems.warning(f"tolerance {shown} is as large as the target {plain(target)} or "
                         "larger, so every value of 0 or more is Green", "type how far below "
                         "the target a value may be and still be Green: less than the target",
                         where)


def _percent_unit(unit: str) -> bool:
    """Whether `unit` says the measure is a percentage ("%", "% of households",
    "percentage points", "per cent")."""
    words = unit.casefold()
    return words.startswith("%") or any(w in words for w in ("percent", "per cent"))


def read_outturns(sheet: Sheet, measures: list[Measure], problems: Problems) -> list[str]:
    """Attach each measure's values, in period order; return the period labels."""
    header = sheet.header_row
    periods, period_cols = [], []
    for col, value in filled_cells(sheet.ws).get(header, {}).items():
        if col == sheet.columns["ID"]:
            continue
        label = period_label(value)
        if label in periods:
            problems.error(f"period '{_shown(label)}' has two columns",
                           "keep one column per period",
                           sheet.where(header, col))
            continue
        periods.append(label)
        period_cols.append(col)
    sheet.columns.update({p: c for p, c in zip(periods, period_cols)})
    _check_period_order(periods, period_cols, sheet, problems)
    if not periods:
        problems.error("no period columns after ID",
                       "add one column per period, headed by its label (e.g. Sep 2017)",
                       Where(sheet.file, sheet.name, f"row {header}"))
    by_id = {_key(m.id): m for m in measures}
    seen: dict[str, int] = {}
    for row in sheet.rows():
        ident = read_text(sheet.ws.cell(row=row, column=sheet.columns["ID"]))
        cells = [sheet.ws.cell(row=row, column=c) for c in period_cols]
        if not ident:
            if any(not _blank(c.value) for c in cells):
                problems.error("values with no ID", "type the measure's ID in the ID column",
                               sheet.where(row, "ID"))
            continue
        measure = by_id.get(_key(ident))
        if measure is None and not by_id and problems.has_errors:
            continue  # the Measures sheet could not be read: that error says it all
        if measure is None:
            problems.error(f"ID '{_shown(ident)}' is not in the Measures sheet",
                           "correct the ID or add the measure to Measures", sheet.where(row, "ID"))
            continue
        if _key(ident) in seen:
            problems.error(f"ID '{_shown(ident)}' has two rows (also row {seen[_key(ident)]})",
                           "keep one row per measure", sheet.where(row, "ID"))
            continue
        seen[_key(ident)] = row
        measure.observations = [_read_observation(c, p, sheet.where(row, c.column), measure,
                                                  problems) for c, p in zip(cells, periods)]
    for measure in measures:
        if _key(measure.id) not in seen:
            measure.observations = [Observation(p) for p in periods]
            problems.warning(f"measure {_shown(measure.id)} has no row in Outturns; it is "
                             "reported as "
                             "data currently unavailable", "add a row for it in Outturns",
                             Where(sheet.file, sheet.name))
    check_scales(measures, problems)
    return periods


def _check_period_order(periods: list[str], columns: list[int], sheet: Sheet,
                        problems: Problems) -> None:
    """Name a period column earlier than the one before it: the last period with values is
    reported, so "Q3 2017/18" left of "Q1 2017/18" would report Q2 and publish Q3 nowhere.
    Labels of different kinds, or that cannot be ordered ("Autumn term"), are left as typed."""
    from reportgen.rate.rules import period_key  # the order periods run in

    keys = [period_key(label) for label in periods]
    if None in keys or len({key[0] for key in keys}) > 1:
        return
    for before, after, key_before, key_after, column in zip(periods, periods[1:], keys,
                                                            keys[1:], columns[1:]):
        if key_after < key_before:
            problems.error(f"period '{_shown(after)}' is earlier than '{_shown(before)}' "
                           "before it", "put the period columns in time order, oldest on the "
                           "left (the last period with values is the one reported)",
                           sheet.where(sheet.header_row, column))
            return


def read_arrows(sheet: Sheet, measures: list[Measure], periods: list[str],
                problems: Problems) -> None:
    """Set the arrows typed in the Arrows sheet on the measures' values. It is shaped as
    Outturns (ID, then a column per period, in any order); a blank cell leaves the arrow to
    be worked out. A period or ID that Outturns and Measures do not have, and an arrow that
    is not one reportgen prints, are errors naming the cell."""
    header = sheet.header_row
    known = {_key(p): p for p in periods}
    columns: dict[int, str] = {}
    for col, value in filled_cells(sheet.ws).get(header, {}).items():
        if col == sheet.columns["ID"]:
            continue
        label = known.get(_key(period_label(value)))
        if label is None:
            problems.error(f"period '{_shown(period_label(value), 20)}' is not a period column "
                           "of Outturns", "head each column with an Outturns period header "
                           "(e.g. Mar 2016)", sheet.where(header, col))
            continue
        columns[col] = label
    by_id = {_key(m.id): m for m in measures}
    for row in sheet.rows():
        ident = read_text(sheet.cell(row, "ID"))
        measure = by_id.get(_key(ident)) if ident else None
        if measure is None:
            problems.error(f"ID '{_shown(ident or '')}' is not in the Measures sheet",
                           "type the ID of a measure, as in Measures", sheet.where(row, "ID"))
            continue
        typed = {columns[col]: (value, col) for col, value in
                 filled_cells(sheet.ws).get(row, {}).items() if col in columns}
        measure.observations = [_with_arrow(obs, *typed[obs.period], sheet, row, problems)
                                if obs.period in typed else obs for obs in measure.observations]


def _with_arrow(obs: Observation, value, col: int, sheet: Sheet, row: int,
                problems: Problems) -> Observation:
    """Return `obs` with the arrow typed in its Arrows cell (`value`), or as it was after
    naming the cell when the arrow is not one reportgen prints."""
    import dataclasses

    text = clean_text(str(value)).strip()
    arrow = ARROW_WORDS.get(text.casefold(), text if text in ARROW_SYMBOLS else None)
    if arrow is None:
        problems.error(f"arrow '{_shown(text, 20)}' is not one reportgen prints",
                       f"type one of {' '.join(ARROW_SYMBOLS)}, or a word: "
                       f"{', '.join(ARROW_WORDS)} (none: no arrow); blank: worked out from "
                       "the values", sheet.where(row, col))
        return obs
    if arrow and obs.number is None:
        problems.warning(f"arrow '{arrow}' has no value beside it in Outturns; it is not "
                         "printed", "clear the cell, or fill in the value in Outturns",
                         sheet.where(row, col))
    return dataclasses.replace(obs, arrow=arrow)


def _read_observation(cell, period: str, where: Where, measure: Measure,
                      problems: Problems) -> Observation:
    value = cell.value
    if isinstance(value, str) and _key(value) in UNAVAILABLE_WORDS:
        return Observation(period, unavailable=True, where=where)
    number = read_number(cell, where, f"value for {_shown(measure.id)} in {_shown(period)}",
                         problems)
    return Observation(period, number, where=where)


WORD_COLUMNS = ("Benchmarking", "Commentary", "Actions", "Value note")


def read_commentary(sheet: Sheet, measures: list[Measure], problems: Problems
                    ) -> dict[str, Commentary]:
    """Return each measure's commentary by measure ID; unknown IDs are errors."""
    ids = {_key(m.id): m.id for m in measures}
    found: dict[str, Commentary] = {}
    rows: dict[str, int] = {}
    for row in sheet.rows():
        text = {name: read_text(sheet.cell(row, name)) for name in COMMENTARY_COLUMNS}
        for name in WORD_COLUMNS:  # a cell of empty HTML is blank: it is warned of as one
            if shows_nothing(text[name]):
                text[name] = None
        ident = text["ID"]
        if not ident:
            problems.error("commentary with no ID", "type the measure's ID in the ID column",
                           sheet.where(row, "ID"))
            continue
        measure_id = ids.get(_key(ident))
        if measure_id is None and not ids and problems.has_errors:
            continue  # the Measures sheet could not be read: that error says it all
        if measure_id is None:
            problems.error(f"commentary for ID '{_shown(ident)}', which is not in outturns.xlsx "
                           "Measures",
                           "correct the ID (a typo leaves a measure without its words)",
                           sheet.where(row, "ID"))
            continue
        if measure_id in found:
            problems.error(f"second commentary row for {_shown(measure_id)} (also row "
                           f"{rows[measure_id]})",
                           "merge the two rows into one", sheet.where(row, "ID"))
            continue
        rows[measure_id] = row
        previous = sheet.cell(row, PREVIOUS_WORDS)
        found[measure_id] = Commentary(measure_id, text["Benchmarking"], text["Commentary"],
                                       text["Actions"], text["Value note"], text["RAG override"],
                                       text["Override reason"],
                                       read_text(previous) if previous is not None else None,
                                       sheet.where(row),
                                       {name: sheet.where(row, name).cell
                                        for name in COMMENTARY_COLUMNS if name in sheet.columns})
    return found


def read_returns(folder: Path, measures: list[Measure], commentary: dict[str, Commentary],
                 problems: Problems) -> dict[str, Commentary]:
    """Return `commentary` (from commentary.xlsx) with the words of every return in the
    set's returns/ folder merged in: words given in two places are an error naming both
    cells; a return naming an unknown measure is an error, as in commentary.xlsx."""
    merged = dict(commentary)
    returns = folder / RETURNS_FOLDER
    read = set(return_files(folder))
    for path in sorted(returns.iterdir()) if returns.is_dir() else ():
        if path not in read and path.is_file() and not path.name.startswith(("~$", ".")):
            problems.warning(f"{RETURNS_FOLDER}/{path.name} is not read: a commentary return "
                             "must be an Excel workbook (.xlsx)",
                             "open it in Excel and save it as 'Excel Workbook (*.xlsx)' in "
                             f"{RETURNS_FOLDER}/, then remove this file",
                             Where(f"{RETURNS_FOLDER}/{path.name}"))
    for path in return_files(folder):
        name = f"{RETURNS_FOLDER}/{path.name}"
        book = open_workbook(path, problems, shown=name)
        sheet = book and find_sheet(book, name, COMMENTARY_SHEET, problems)
        header = sheet and locate_header(sheet, name, COMMENTARY_COLUMNS, COMMENTARY_REQUIRED,
                                         problems, extra_allowed=True)
        if header is None:
            continue
        for measure_id, words in read_commentary(header, measures, problems).items():
            earlier = merged.get(measure_id)
            if earlier is None or not earlier.cells():
                merged[measure_id] = words
            elif words.cells() and words.cells() != earlier.cells():
                problems.error(f"the words for {measure_id} are given twice: in "
                               f"{words.where.describe()} and in {earlier.where.describe()}",
                               "keep them in one place and clear the other row", words.where)
    return merged


def read_pairs(sheet: Sheet, key_column: str, known: tuple[str, ...], problems: Problems,
               what: str) -> dict[str, object]:
    """Return `Field | Value` style rows keyed by their canonical name; warn on unknown keys."""
    wanted = {_key(k): k for k in known}
    pairs: dict[str, object] = {}
    for row in sheet.rows():
        key = read_text(sheet.cell(row, key_column))
        cell = sheet.cell(row, "Value")
        if not key:
            continue
        name = wanted.get(_key(key))
        if name is None:
            problems.warning(f"{what} '{_shown(key)}' is not one reportgen reads; it is ignored",
                             "use one of: " + ", ".join(known), sheet.where(row, key_column))
            continue
        if cell is not None and not _blank(cell.value):
            pairs[name] = cell
    return pairs


def _choice(cell, sheet: Sheet, label: str, options: tuple[str, ...], problems: Problems,
            default: str) -> str:
    """Return a setting that must be one of `options` (case and spaces ignored), else the
    default after naming the cell."""
    wanted = {_key(o): o for o in options}
    choice = wanted.get(_key(read_text(cell) or ""))
    if choice is None:
        problems.error(f"{label} '{_shown(cell.value)}' is not one of: {', '.join(options)}",
                       "type " + ", ".join(options[:-1]) + f" or {options[-1]}",
                       Where(sheet.file, sheet.name, cell.coordinate))
        return default
    return choice


def _whole(cell, sheet: Sheet, label: str, low: int, high: int, what: str,
           problems: Problems, default: int) -> int:
    """Return a setting that must be a whole number from `low` to `high` (else the default)."""
    where = Where(sheet.file, sheet.name, cell.coordinate)
    number = read_number(cell, where, label, problems, str(default))
    if number is None:
        return default
    if number.value != number.value.to_integral_value() or not low <= number.value <= high:
        problems.error(f"{label} {_shown(cell.value)!r} is not a whole number from {low} to "
                       f"{high}",
                       f"type {what}", where)
        return default
    return int(number.value)


def read_settings(sheet: Sheet | None, periods: list[str], problems: Problems) -> Settings:
    """Return the `Settings` sheet's values with the contract's defaults."""
    settings = Settings()
    if sheet is None:
        return settings
    pairs = read_pairs(sheet, "Setting", SETTINGS, problems, "setting")
    if "Amber band" in pairs:
        cell = pairs["Amber band"]
        band = read_band(cell, Where(sheet.file, sheet.name, cell.coordinate), problems)
        if band is not None:
            settings.amber_band = band
    if "Reporting period" in pairs:
        cell = pairs["Reporting period"]
        label = period_label(cell.value)
        if label not in periods:
            problems.error(f"reporting period '{_shown(label)}' is not a period column of "
                           "Outturns "
                           f"({', '.join(_shown(p, 20) for p in periods[:12])}"
                           f"{', …' if len(periods) > 12 else ''})",
                           "type one of the Outturns period headers",
                           Where(sheet.file, sheet.name, cell.coordinate))
        else:
            settings.reporting_period = label
    if "Actions label" in pairs:
        # a cell of control characters only is not blank, but reads as no text
        settings.actions_label = read_text(pairs["Actions label"]) or settings.actions_label
    if "Roll-up" in pairs:
        settings.roll_up = _choice(pairs["Roll-up"], sheet, "Roll-up", ROLL_UPS,
                                   problems, settings.roll_up)
    if "Scheme" in pairs:
        settings.scheme = read_text(pairs["Scheme"]) or settings.scheme
    if "Direction comparator" in pairs:
        settings.direction_comparator = _choice(
            pairs["Direction comparator"], sheet, "Direction comparator", DIRECTION_COMPARATORS,
            problems, settings.direction_comparator)
    if "No change margin" in pairs:
        cell = pairs["No change margin"]
        number = read_number(cell, Where(sheet.file, sheet.name, cell.coordinate),
                             "No change margin", problems, "0.5")
        if number is not None:
            settings.no_change_margin = abs(number.value)
    if "Call-in working days" in pairs:
        settings.call_in_days = _whole(pairs["Call-in working days"], sheet, "Call-in working days",
                                       0, 60, "the call-in period in working days, e.g. 6",
                                       problems, settings.call_in_days)
    if "Period columns" in pairs:
        read_period_columns(pairs["Period columns"], sheet, periods, settings, problems)
    if "Documents" in pairs:
        settings.documents = read_documents(pairs["Documents"], sheet, problems)
        settings.documents_where = Where(sheet.file, sheet.name, pairs["Documents"].coordinate)
    if "Licence" in pairs:
        settings.licence = read_text(pairs["Licence"]) or settings.licence
    if "Local authority code" in pairs:
        settings.local_authority = read_text(pairs["Local authority code"])
    if "Statistical neighbours" in pairs:
        settings.neighbours = tuple(_listed(read_text(pairs["Statistical neighbours"]) or ""))
    if "Region" in pairs:
        settings.region = read_text(pairs["Region"]) or settings.region
    for name, attribute in (("Authority name", "authority_name"),
                            ("Baseline label", "baseline_label"),
                            ("Next target label", "next_target_label")):
        if name in pairs:
            setattr(settings, attribute, read_text(pairs[name]) or getattr(settings, attribute))
    settings.where = Where(sheet.file, sheet.name)
    return settings


def read_benchmarks(folder: Path, measures: list[Measure], settings: Settings,
                    problems: Problems) -> list:
    """Name the typed region figures after the Region setting, then fill blank benchmarks
    from the files in benchmarks/ (`read.benchmarks`); return what was read, and from where."""
    if settings.region != BENCHMARKS[1]:
        for m in measures:
            m.benchmarks = {settings.region if k == BENCHMARKS[1] else k: v
                            for k, v in m.benchmarks.items()}
    indicators = {m.id: IndicatorCell(m.benchmark_indicator, m.indicator_where)
                  for m in measures if m.benchmark_indicator}
    sources = import_benchmarks(folder, measures, indicators, settings.local_authority,
                                list(settings.neighbours),
                                settings.where if settings.where.file else
                                Where(OUTTURNS, SETTINGS_SHEET), problems)
    periods = {s.measure: s.period for s in sources if s.filled}
    for m in measures:
        m.benchmarks_imported = m.id in periods
        m.benchmark_period = periods.get(m.id, m.benchmark_period)
    return sources


def _listed(text: str) -> list[str]:
    """Return the items of a list typed in one cell: separated by commas, semicolons or
    line breaks, blanks dropped."""
    return [item.strip() for item in re.split(r"[,;\n]", text) if item.strip()]


def _is_count(cell) -> bool:
    """Return whether a `Period columns` cell holds a number (how many) rather than labels."""
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and re.fullmatch(r"\s*[0-9.]+\s*", value) is not None


def read_period_columns(cell, sheet: Sheet, periods: list[str], settings: Settings,
                        problems: Problems) -> None:
    """Set the scorecard's period columns from `cell`: how many of the last periods (5), or
    the periods by label ("Mar 2016, Jun 2016, Sep 2016"), so a workbook of monthly values
    can show quarter-end columns; a label that is not an Outturns period is an error."""
    if _is_count(cell):
        settings.period_columns = _whole(cell, sheet, "Period columns", 1, 12,
                                         "how many period columns the scorecard shows, e.g. 5",
                                         problems, settings.period_columns)
        return
    where = Where(sheet.file, sheet.name, cell.coordinate)
    labels = [period_label(cell.value)] if isinstance(cell.value, (dt.date, dt.datetime)) \
        else _listed(read_text(cell) or "")
    known = {_key(p): p for p in periods}
    unknown = [label for label in labels if _key(label) not in known]
    if unknown:
        problems.error(f"Period columns names {', '.join(repr(_shown(u, 20)) for u in unknown)}, "
                       "not a period column of Outturns "
                       f"({', '.join(_shown(p, 20) for p in periods[:12])}"
                       f"{', …' if len(periods) > 12 else ''})",
                       "type Outturns period headers separated by commas (e.g. Mar 2016, "
                       "Jun 2016), or how many of the last periods to show (e.g. 5)", where)
        return
    chosen = {known[_key(label)] for label in labels}
    if not 1 <= len(chosen) <= 12:
        problems.error(f"Period columns names {len(chosen)} periods", "name from 1 to 12 "
                       "Outturns period headers, separated by commas", where)
        return
    settings.shown_periods = tuple(p for p in periods if p in chosen)  # in Outturns order
    settings.period_columns = len(settings.shown_periods)


def _document_key(name: str) -> str:
    return re.sub(r"\s+", "", name).casefold()


def read_documents(cell, sheet: Sheet, problems: Problems) -> tuple[str, ...]:
    """Return the kinds of the documents the `Documents` cell lists ("Report to Cabinet,
    Appendix 1, Pack"; case and spaces ignored), in pack order; an unknown name is an error
    naming the cell and the names allowed (then: as if blank)."""
    known = {_document_key(name): kind for name, kind in DOCUMENTS.items()}
    listed = _listed(read_text(cell) or "")
    unknown = [name for name in listed if _document_key(name) not in known]
    if unknown:
        problems.error(f"Documents names {', '.join(repr(_shown(u, 30)) for u in unknown)}, "
                       f"not a document reportgen builds",
                       f"list some of: {', '.join(DOCUMENTS)}, separated by commas "
                       "(blank: the documents the workbooks call for)",
                       Where(sheet.file, sheet.name, cell.coordinate))
        return ()
    kinds = {known[_document_key(name)] for name in listed}
    return tuple(kind for kind in DOCUMENTS.values() if kind in kinds)


def read_report_fields(sheet: Sheet | None, problems: Problems,
                       cabinet_report: bool = False,
                       wheres: dict[str, Where] | None = None) -> dict[str, object]:
    """Return the `Report` sheet's fields: text, or a date for a date cell (and, into
    `wheres`, each field's cell). A Report to Cabinet (`cabinet_report`) needs a meeting date
    to work out a blank views deadline."""
    cells = read_pairs(sheet, "Field", REPORT_FIELDS, problems, "field") if sheet else {}
    fields = {}
    for name, cell in cells.items():
        if wheres is not None:
            wheres[name] = Where(sheet.file, sheet.name, cell.coordinate)
        value = cell.value
        if name in DATE_FIELDS:
            fields[name] = read_date(cell)
        elif name == "Confidential":
            fields[name] = read_yes_no(cell, Where(sheet.file, sheet.name, cell.coordinate),
                                       "Confidential", problems)
        else:
            fields[name] = value.date() if isinstance(value, dt.datetime) else read_text(cell)
    if cabinet_report and not fields.get("Views deadline") and \
            not isinstance(fields.get("Meeting date"), dt.date):
        _meeting_date_needed(sheet, cells.get("Meeting date"), problems)
    return fields


def _meeting_date_needed(sheet: Sheet | None, cell, problems: Problems) -> None:
    """Say why the views deadline of a Report to Cabinet cannot be worked out."""
    fix = ("type the meeting date as a date (e.g. 5 June 2017), or fill in 'Views deadline'")
    if cell is None:
        row = next((r for r in sheet.rows() if _key(read_text(sheet.cell(r, "Field")) or "")
                    == _key("Meeting date")), None) if sheet else None
        where = (sheet.where(row, "Value") if row else sheet.where(sheet.header_row)) if sheet \
            else Where(COMMENTARY, REPORT_SHEET)
        problems.error("the Report to Cabinet (there is a Narrative sheet) has no Meeting date, "
                       "so its views deadline cannot be worked out",
                       (f"type the meeting date in that cell (e.g. 5 June 2017), or fill in "
                        "'Views deadline'" if row else
                        f"add a 'Meeting date' row to the {REPORT_SHEET} sheet: {fix}"), where)
    else:
        problems.error(f"Meeting date '{_shown(cell.value)}' is not a date, so the Report to "
                       "Cabinet's views deadline cannot be worked out", fix,
                       Where(sheet.file, sheet.name, cell.coordinate))


def read_report_set(folder: Path, partial: bool = False) -> tuple[ReportSet | None, Problems]:
    """Return the report set in `folder` and every problem found. The set is None on errors,
    unless `partial`: then it is what could be read (for the chase list, which reports on a
    set still being filled), None only when the Measures sheet could not be read."""
    problems = Problems()
    out_path, com_path = find_workbook(folder, OUTTURNS), find_workbook(folder, COMMENTARY)
    warn_lookalike_workbooks(folder, [out_path, com_path], problems)
    out_wb = open_workbook(out_path, problems)
    com_wb = open_workbook(com_path, problems)
    if out_wb is None:
        return None, problems
    measures_ws = find_sheet(out_wb, OUTTURNS, MEASURES_SHEET, problems)
    outturns_ws = find_sheet(out_wb, OUTTURNS, OUTTURNS_SHEET, problems)
    settings_ws = find_sheet(out_wb, OUTTURNS, SETTINGS_SHEET, problems, required=False)
    arrows_ws = find_sheet(out_wb, OUTTURNS, ARROWS_SHEET, problems, required=False)
    warn_lookalike_sheets(out_wb, OUTTURNS, {MEASURES_SHEET: measures_ws,
                                             OUTTURNS_SHEET: outturns_ws,
                                             SETTINGS_SHEET: settings_ws,
                                             ARROWS_SHEET: arrows_ws}, problems)
    measures_sheet = measures_ws and locate_header(measures_ws, OUTTURNS, MEASURE_COLUMNS,
                                                   MEASURE_REQUIRED, problems)
    outturns_sheet = outturns_ws and locate_header(outturns_ws, OUTTURNS, OUTTURNS_REQUIRED,
                                                   OUTTURNS_REQUIRED, problems,
                                                   extra_allowed=True)
    measures = read_measures(measures_sheet, problems) if measures_sheet else []
    periods = read_outturns(outturns_sheet, measures, problems) if outturns_sheet else []
    arrows_sheet = arrows_ws and locate_header(arrows_ws, OUTTURNS, OUTTURNS_REQUIRED,
                                               OUTTURNS_REQUIRED, problems, extra_allowed=True)
    if arrows_sheet and periods:
        read_arrows(arrows_sheet, measures, periods, problems)
    settings_sheet = settings_ws and locate_header(settings_ws, OUTTURNS,
                                                   (*SETTING_COLUMNS, ABOUT),
                                                   SETTING_COLUMNS, problems)
    settings = read_settings(settings_sheet, periods, problems)
    sources = read_benchmarks(folder, measures, settings, problems)
    commentary, report, narrative, dashboard = {}, {}, None, None
    report_cells: dict[str, Where] = {}
    if com_wb is not None:
        com_ws = find_sheet(com_wb, COMMENTARY, COMMENTARY_SHEET, problems)
        com_sheet = com_ws and locate_header(com_ws, COMMENTARY,
                                             (*COMMENTARY_COLUMNS, PREVIOUS_WORDS),
                                             COMMENTARY_REQUIRED, problems)
        commentary = read_commentary(com_sheet, measures, problems) if com_sheet else {}
        commentary = read_returns(folder, measures, commentary, problems)
        for other in com_wb.worksheets:
            if com_ws is not None and other is not com_ws and \
                    _key(COMMENTARY_SHEET) in _key(other.title):
                problems.warning(f"sheet '{other.title}' is not read: reportgen reads the "
                                 f"words of sheet '{com_ws.title}' only",
                                 f"if it holds a manager's words, save it as its own workbook "
                                 f"in the set's {RETURNS_FOLDER}/ folder with its sheet named "
                                 f"'{COMMENTARY_SHEET}', or copy its rows into "
                                 f"'{com_ws.title}'", Where(COMMENTARY, other.title))
        narrative_ws = find_sheet(com_wb, COMMENTARY, NARRATIVE_SHEET, problems, required=False)
        report_ws = find_sheet(com_wb, COMMENTARY, REPORT_SHEET, problems, required=False)
        dashboard_ws = find_sheet(com_wb, COMMENTARY, DASHBOARD_SHEET, problems, required=False)
        warn_lookalike_sheets(com_wb, COMMENTARY, {REPORT_SHEET: report_ws,
                                                   COMMENTARY_SHEET: com_ws,
                                                   NARRATIVE_SHEET: narrative_ws,
                                                   DASHBOARD_SHEET: dashboard_ws}, problems)
        if dashboard_ws is not None:
            dashboard_sheet = locate_header(dashboard_ws, COMMENTARY, DASHBOARD_COLUMNS,
                                            DASHBOARD_REQUIRED, problems)
            dashboard = (read_dashboard(dashboard_sheet, measures, problems)
                         if dashboard_sheet else None) or None
        if narrative_ws is not None:
            narrative_sheet = locate_header(narrative_ws, COMMENTARY, NARRATIVE_COLUMNS,
                                            NARRATIVE_REQUIRED, problems)
            narrative = read_narrative(narrative_sheet, problems) if narrative_sheet else []
            if narrative_sheet and not narrative:
                if not settings.documents:  # a Documents list says itself what is built
                    problems.warning("the Narrative sheet has no rows yet, so no Report to "
                                     "Cabinet is built", "fill in the Narrative sheet (one "
                                     "row per block of the report's body) to build the Report "
                                     "to Cabinet and the pack",
                                     narrative_sheet.where(narrative_sheet.header_row))
                narrative = None
        report_sheet = report_ws and locate_header(report_ws, COMMENTARY,
                                                   (*REPORT_COLUMNS, ABOUT), REPORT_COLUMNS,
                                                   problems)
        if report_ws is None or report_sheet is not None:
            report = read_report_fields(report_sheet, problems, builds_cabinet_report(
                settings, narrative), report_cells)
    check_documents(settings, narrative, problems, dashboard)
    if problems.has_errors and not (partial and measures):
        return None, problems
    report_set = ReportSet(folder.name, folder, periods, measures, commentary, report, settings,
                           [out_path, com_path], narrative, dashboard,
                           benchmark_sources=sources, report_cells=report_cells)
    apply_schemes(report_set, problems)
    for measure in measures:  # in the scale values are read in, under the measure's rule
        if measure.tolerance.value and measure.target is not None and \
                report_set.scheme_of(measure).rule in ("tolerance", "compound"):
            _check_tolerance(measure, measure.tolerance, measure.tolerance.where, problems)
    report_set.inputs += return_files(folder) + scheme_files(folder) + benchmark_inputs(folder)
    if problems.has_errors and not partial:
        return None, problems
    return report_set, problems


def builds_cabinet_report(settings: Settings, narrative: list | None) -> bool:
    """Return whether the set gets a Report to Cabinet: it has a Narrative sheet, and a
    `Documents` setting, if any, lists it."""
    return narrative is not None and (not settings.documents or
                                      "cabinet-report" in settings.documents)


def check_documents(settings: Settings, narrative: list | None, problems: Problems,
                    dashboard: list | None = None) -> None:
    """Name the `Documents` cell when it asks for what the workbooks cannot give: a Report to
    Cabinet without a Narrative sheet, or a pack and nothing to join; and when it leaves out
    the dashboard a Dashboard sheet's rows are for (their words would be published nowhere)."""
    names = {kind: name for name, kind in DOCUMENTS.items()}
    where = settings.documents_where
    if dashboard and settings.documents and "dashboard" not in settings.documents:
        problems.warning(f"{COMMENTARY} has a {DASHBOARD_SHEET} sheet with rows, but "
                         f"Documents does not list {names['dashboard']}, so its blocks are "
                         "not published", f"add {names['dashboard']} to Documents, or clear "
                         f"the {DASHBOARD_SHEET} sheet's rows", where)
    if "cabinet-report" in settings.documents and narrative is None:
        problems.error(f"Documents lists {names['cabinet-report']}, but {COMMENTARY} has no "
                       f"{NARRATIVE_SHEET} sheet (or one without rows) to make its body from",
                       f"add a {NARRATIVE_SHEET} sheet to {COMMENTARY}, or take "
                       f"{names['cabinet-report']} out of Documents", where)
    if settings.documents == ("pack",):
        problems.error("Documents lists only Pack, which joins the other documents built",
                       "list the documents the pack joins too, e.g. Report to Cabinet, "
                       "Appendix 1, Pack", where)


def require_report_set(folder: Path) -> tuple[ReportSet, Problems]:
    """Return the report set in `folder`, raising `ReportgenError` when it has errors."""
    report_set, problems = read_report_set(folder)
    if report_set is None:
        raise ReportgenError([p for p in problems if p.severity == "error"])
    return report_set, problems


# --- the Report to Cabinet: dates, yes/no and the Narrative sheet --------------------------

_DATE_FORMATS = ("%A %d %B %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")


def read_date(cell) -> dt.date | str | None:
    """Return a date cell, or text that reads as a date ("Monday 5 June 2017"), as a date;
    other text stays text (printed as typed)."""
    value = cell.value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = read_text(cell)
    if not text:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text), fmt).date()
        except ValueError:
            continue
    return text


def read_yes_no(cell, where: Where, label: str, problems: Problems) -> bool:
    text = (read_text(cell) or "").casefold()
    if text in ("", "no", "n", "false"):
        return False
    if text in ("yes", "y", "true") or cell.value is True:
        return True
    problems.error(f"{label} '{cell.value}' is not Yes or No", "type Yes or No", where)
    return False


def read_dashboard(sheet: Sheet, measures: list[Measure], problems: Problems
                   ) -> list[DashboardRow]:
    """Return the `Dashboard` sheet's blocks in order. Errors name the cell: a Block that is
    not one of DASHBOARD_BLOCKS; a Measures cell naming an ID Measures lacks, a measure a row
    before placed already, or any on a Text row; a Comparison of other than one measure; a
    second Charts row, or one naming a measure no success measures table holds; words in
    Text on a row that does not print them. A Success measures row with a blank Measures
    cell takes every measure no other row names."""
    known = {_key(m.id): m.id for m in measures}
    blocks = {_key(name): name for name in DASHBOARD_BLOCKS}
    rows, placed, charted = [], {}, []  # placed: measure ID -> the cell that placed it

    def at(row: int, column: str) -> Where:  # the cell, or the row when the column is absent
        return sheet.where(row, column) if column in sheet.columns else sheet.where(row)

    for row in sheet.rows():
        typed = read_text(sheet.cell(row, "Block"))
        text = {column: read_text(sheet.cell(row, column)) if column in sheet.columns else None
                for column in ("Measures", "Title", "Text")}
        block = blocks.get(_key(typed)) if typed else None
        listed = _listed(text["Measures"] or "")
        unknown = [name for name in listed if _key(name) not in known]
        ids = tuple(dict.fromkeys(known[_key(name)] for name in listed if name not in unknown))
        where = at(row, "Measures")
        wrong = _dashboard_row_problem(block, typed, text, unknown, ids, placed, rows)
        if wrong:
            message, fix, column = wrong
            problems.error(message, fix, at(row, column))
            continue
        if not typed:
            continue
        if block in (SUCCESS_BLOCK, COMPARISON_BLOCK):
            placed.update((mid, where.cell) for mid in ids)
        elif block == CHARTS_BLOCK and ids:
            charted.append((ids, where))
        if block == TEXT_BLOCK and not text["Text"]:
            problems.warning("a Text block has no Text, so it prints nothing but its Title",
                             "type the words in Text, or delete the row", at(row, "Text"))
        rows.append(DashboardRow(block, ids, text["Title"], text["Text"], sheet.where(row)))
    shown = {mid for r in rows if r.block == SUCCESS_BLOCK for mid in r.measures}
    left = set(known.values()) - set(placed)  # what a blank-Measures Success row shows
    for blank in (r for r in rows if r.block == SUCCESS_BLOCK and not r.measures):
        shown |= left
        if not left:
            problems.warning("this Success measures row has no measures to show: every "
                             "measure is shown by another row, so the table (and its Title) "
                             "is left out", "delete the row, or name the measures it shows "
                             "in Measures (and take them out of the other rows)", blank.where)
    for ids, where in charted:
        missing = [mid for mid in ids if mid not in shown]
        if missing:
            problems.error(f"the Charts block names {', '.join(missing)}, which no Success "
                           "measures table holds: a chart is drawn for a success measure",
                           "name measures of a Success measures row, or leave Measures blank "
                           "to chart every success measure", where)
    return rows


def _dashboard_row_problem(block, typed, text, unknown, ids, placed, rows):
    """(message, fix, column) of what is wrong with a Dashboard row, or None."""
    names = ", ".join(DASHBOARD_BLOCKS)
    if not typed:
        if text["Text"] or text["Title"] or text["Measures"]:
            return "this Dashboard row has no Block", f"type what the row is: {names}", "Block"
        return None
    if block is None:
        return (f"Block '{_shown(typed)}' is not a dashboard block", f"type one of: {names}",
                "Block")
    if unknown:
        return (f"Measures names {', '.join(repr(_shown(u, 20)) for u in unknown)}, not an ID "
                "of the Measures sheet", "type the IDs as in Measures, separated by commas",
                "Measures")
    if block == TEXT_BLOCK and ids:
        return ("a Text block shows no measures, so the Measures it names would be left out "
                "of the dashboard", "clear Measures here; a Comparison or Success measures row "
                "shows a measure", "Measures")
    if block == COMPARISON_BLOCK and len(ids) != 1:
        return (f"a Comparison block names {len(ids)} measures; it compares one measure's "
                "latest value with its benchmarks", "type one measure's ID in Measures (one "
                "Comparison row per measure)", "Measures")
    twice = [mid for mid in ids if mid in placed] if block != CHARTS_BLOCK else []
    if twice:
        return (f"{', '.join(twice)} {'is' if len(twice) == 1 else 'are'} shown already "
                f"(Dashboard {placed[twice[0]]}); each measure is shown once",
                "take it out of one of the two rows", "Measures")
    if block == CHARTS_BLOCK and any(r.block == CHARTS_BLOCK for r in rows):
        return ("a second Charts block: the charts are drawn once", "delete one Charts row",
                "Block")
    if block == SUCCESS_BLOCK and not ids and any(r.block == SUCCESS_BLOCK and not r.measures
                                                  for r in rows):
        return ("a second Success measures row with a blank Measures cell: the measures no "
                "row names are shown once, in the first", "type this table's IDs in Measures, "
                "or delete the row", "Measures")
    if block != TEXT_BLOCK and text["Text"]:
        return (f"a {block} block prints no Text, so these words would be lost",
                "move the words to a Text row (after this one, to print them below it)",
                "Text")
    return None


def read_narrative(sheet: Sheet, problems: Problems) -> list[NarrativeRow]:
    """Return the `Narrative` sheet's blocks in order; a blank Section continues the last one."""
    rows, section = [], None
    for row in sheet.rows():
        cell = sheet.cell(row, "Section")
        typed = read_text(cell) if cell is not None else None
        section = typed or section
        numbered = read_yes_no(sheet.cell(row, "Numbered"), sheet.where(row, "Numbered"),
                               "Numbered", problems)
        heading = read_text(sheet.cell(row, "Heading")) if "Heading" in sheet.columns else None
        text = read_text(sheet.cell(row, "Text"))
        if numbered and not heading:
            problems.warning("a numbered paragraph has no heading",
                             "type the paragraph's heading, printed bold after its number",
                             sheet.where(row, "Heading"))
        if not text and not heading and not typed:
            continue
        rows.append(NarrativeRow(section, numbered, heading, text, sheet.where(row)))
    return rows
